import { readFile } from 'node:fs/promises';
import { countRecord, problemLine, type ElectionRecord, type ElectionResult } from '../domain/index.js';
import { electionRecordSchema, firstIssue } from '../schema/record.js';

/** A problem with the input: printed as one line, exit 2. */
export class InputError extends Error {}

/** Reads and parses an election record file, or throws InputError naming the problem. */
export async function readRecord(path: string): Promise<ElectionRecord> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new InputError(`${path}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? 'error'}) / không đọc được tệp`);
  }
  return parseRecord(text.replace(/^\uFEFF/, ''), path);
}

export function parseRecord(text: string, source: string): ElectionRecord {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    // V8 quotes the text near the error, line breaks and all: the message must stay one line.
    throw new InputError(`${source}: not valid JSON (${(e as Error).message.replace(/\s+/g, ' ')}) / tệp không phải JSON hợp lệ`);
  }
  const parsed = electionRecordSchema.safeParse(json);
  if (!parsed.success) {
    const { field, message } = firstIssue(parsed.error);
    throw new InputError(`${field}: ${message}`);
  }
  return parsed.data;
}

export function tallyRecord(record: ElectionRecord): ElectionResult {
  const counted = countRecord(record);
  if (!counted.ok) throw new InputError(problemLine(counted.error));
  return counted.value;
}

export async function tallyCommand(args: string[]): Promise<number> {
  if (args.length !== 1) throw new InputError('usage: kiemphieu tally RECORD.json');
  const result = tallyRecord(await readRecord(args[0]));
  process.stdout.write(`${JSON.stringify(result, null, 1)}\n`);
  return 0;
}
