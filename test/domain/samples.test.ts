import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countRecord, type ElectionRecord, type ElectionResult } from '../../src/domain/index.js';

// The shared samples sit beside the repository (CI clones shared/ next to it).
const samples = new URL('../../../shared/samples/', import.meta.url);
const read = <T>(file: string): T => JSON.parse(readFileSync(new URL(file, samples), 'utf8')) as T;

const SAMPLES = readdirSync(samples)
  .filter((file) => file.endsWith('.record.json'))
  .map((file) => file.replace('.record.json', ''));

it('finds the samples', () => {
  expect(SAMPLES).toEqual(expect.arrayContaining(['delegation', 'executive-committee', 'executive-committee-tie', 'secretary']));
});

describe.each(SAMPLES)('sample %s', (name) => {
  const record = read<ElectionRecord>(`${name}.record.json`);
  const expected = read<ElectionResult>(`${name}.result.json`);

  it('counts to its result sheet', () => {
    const counted = countRecord(record);
    if (!counted.ok) throw new Error(`${counted.error.field}: ${counted.error.en}`);
    const result = counted.value;
    expect(result).toMatchObject(expected);
    expect({ elected: result.elected, alternates: result.alternates, tied: result.tied, outcome: result.outcome }).toEqual({
      elected: expected.elected,
      alternates: expected.alternates,
      tied: expected.tied,
      outcome: expected.outcome,
    });
    // The result adds only the rank to each candidate.
    expect(result.candidates.map(({ rank: _rank, ...c }) => c)).toEqual(expected.candidates);
  });
});
