import { readFile } from 'node:fs/promises';
import { verifySignedResult } from '../results-file/verify.js';
import { InputError } from './tally.js';

/**
 * `kiemphieu verify SIGNED.json`: the signature, then the result recomputed from the record.
 * Exit 0 with a one-line summary; exit 1 naming what differs; exit 2 for a file that is not one.
 */
export async function verifyCommand(args: string[]): Promise<number> {
  if (args.length !== 1) throw new InputError('usage: kiemphieu verify SIGNED.json');
  const [path] = args;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new InputError(`${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'}) / không đọc được tệp`);
  }
  const verification = await verifySignedResult(text);
  switch (verification.kind) {
    case 'unreadable':
      throw new InputError(`${path}: ${verification.en} / ${verification.vi}`);
    case 'failed':
      process.stderr.write(`NOT verified: ${verification.findings.map((f) => f.en).join('; ')}\n`);
      return 1;
    case 'verified':
      process.stdout.write(`${verification.en}\n`);
      return 0;
  }
}
