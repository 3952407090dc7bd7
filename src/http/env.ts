import type { Actor, StoreContext } from '../db/context.js';
import type { Member } from '../domain/index.js';
import type { Backups } from '../db/backup.js';
import type { RoundEvents } from './events.js';
import type { PinAttempts } from './throttle.js';

export interface Session {
  token: string;
  actor: Actor;
  member: Member;
  csrfToken: string;
}

/** What the app is built from: the store context, the live-update bus and (for a database file) its backups. */
export interface AppDeps {
  store: StoreContext;
  events: RoundEvents;
  backups?: Backups;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    session: Session | null;
    pinAttempts: PinAttempts;
  };
}
