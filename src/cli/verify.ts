import { readFile } from 'node:fs/promises';
import { minutesCode, verifySignedResult } from '../results-file/verify.js';
import { parseOptions } from './args.js';
import { InputError } from './tally.js';

const USAGE = 'usage: kiemphieu verify SIGNED.json [--code XXXX-XXXX-XXXX-XXXX]';

/**
 * `kiemphieu verify SIGNED.json [--code CODE]`: the file's exact bytes, the signature, the result
 * recomputed from the record and, with --code, the file code printed on the minutes. Exit 0 with a
 * one-line summary ("verified" only with the right code; without one, "intact, origin not checked");
 * exit 1 naming what differs; exit 2 for a file that is not one, or a code that is not one.
 */
export async function verifyCommand(args: string[]): Promise<number> {
  const parsed = parseOptions(args, { code: { type: 'string' } }, true);
  if (parsed.positionals.length !== 1) throw new InputError(USAGE);
  const [path] = parsed.positionals;
  const typed = parsed.values.code;
  const code = typed === undefined ? undefined : minutesCode(typed);
  if (code === null) throw new InputError(`--code ${typed}: a code is four groups of four characters 0-9 A-F, as printed on the minutes / mã gồm bốn nhóm bốn ký tự 0-9 A-F như in trên biên bản`);
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new InputError(`${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'}) / không đọc được tệp`);
  }
  const verification = await verifySignedResult(bytes, { code });
  switch (verification.kind) {
    case 'unreadable':
      throw new InputError(`${path}: ${verification.en} / ${verification.vi}`);
    case 'failed':
      process.stderr.write(`NOT verified: ${verification.findings.map((f) => f.en).join('; ')}\n`);
      return 1;
    case 'intact':
    case 'verified':
      process.stdout.write(`${verification.en}\n`);
      return 0;
  }
}
