import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DEFAULT_DB } from './serve.js';
import { InputError } from './tally.js';

/** The database a command works on: --db, else KIEMPHIEU_DB, else ./data/kiemphieu.sqlite. */
export const databasePath = (flag: string | undefined, fallback = DEFAULT_DB): string => flag ?? process.env.KIEMPHIEU_DB ?? fallback;

/** node:util parseArgs, with a bad option reported as input (one line, exit 2). */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (e) {
    throw new InputError(`${(e as Error).message} / tham số không hợp lệ`);
  }
}
