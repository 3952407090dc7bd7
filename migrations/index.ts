import type { Migration } from 'kysely';
import * as core from './001_core.js';
import * as display from './002_display.js';
import * as certification from './003_certification.js';
import * as doubleEntry from './004_double_entry.js';
import * as accounts from './005_accounts.js';
import * as bodies from './006_bodies.js';

/** Every migration, listed: Kysely's folder scanning cannot import .ts under vitest. */
export const migrations: Record<string, Migration> = {
  '001_core': core,
  '002_display': display,
  '003_certification': certification,
  '004_double_entry': doubleEntry,
  '005_accounts': accounts,
  '006_bodies': bodies,
};
