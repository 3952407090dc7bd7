import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/process.js';

// `kiemphieu tally FILE` as a user runs it: a real process from the repository root.
const samples = fileURLToPath(new URL('../../../shared/samples/', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'kiemphieu-tally-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Each run starts Node (about a fifth of a second of CPU): two at a time suit the 2-core machine,
// and the generous timeout covers the wait in line when the machine is busy.
const PARALLEL = 2;
const SLOW = { timeout: 120_000 };
let running = 0;
const waiting: (() => void)[] = [];

async function kiemphieu(...args: string[]): Promise<Run> {
  if (running >= PARALLEL) await new Promise<void>((go) => waiting.push(go));
  running++;
  try {
    return await runCli(args);
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function writeScratch(name: string, content: string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

type RecordJson = Record<string, any>;

/** 3 candidates for 2 seats: the strike ballot. */
const strikeRecord = (): RecordJson => ({
  format: 'kiemphieu/election-record@1',
  congress: { name: 'Đại hội thử', kind: 'delegates', convened: 4, excluded: 0 },
  election: { title: 'Bầu thử', kind: 'executive_committee', seats: 2, alternates: 0, round: 1 },
  candidates: [
    { no: 1, name: 'Lê Văn An' },
    { no: 2, name: 'Trần Thị Bình' },
    { no: 3, name: 'Phạm Văn Chi' },
  ],
  ballotsIssued: 3,
  ballotsCollected: 3,
  ballots: [{ struck: [1] }, { struck: [3] }, { struck: [3] }],
});

/** 2 candidates for 2 seats: the agree/disagree ballot. */
const agreeRecord = (): RecordJson => ({
  ...strikeRecord(),
  candidates: strikeRecord().candidates.slice(0, 2),
  ballots: [{ marks: { '1': 'agree', '2': 'agree' } }, { marks: { '1': 'both' } }, { marks: {} }],
});

const sampleNames = readdirSync(samples)
  .filter((file) => file.endsWith('.record.json'))
  .map((file) => file.replace('.record.json', ''));

describe('kiemphieu tally: the samples', () => {
  it('finds the samples', () => {
    expect(sampleNames.length).toBeGreaterThanOrEqual(4);
  });

  it.concurrent.for(sampleNames)('%s: exit 0, the result sheet on stdout', SLOW, async (name, { expect }) => {
    const run = await kiemphieu('tally', join(samples, `${name}.record.json`));
    const expected = JSON.parse(readFileSync(join(samples, `${name}.result.json`), 'utf8'));
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toMatchObject(expected);
  });
});

describe('kiemphieu tally: bad input exits 2 with one line naming the problem', () => {
  const edit = (base: () => RecordJson, change: (r: RecordJson) => void) => () => {
    const record = base();
    change(record);
    return JSON.stringify(record, null, 2);
  };
  const cases: { name: string; file: string | (() => string); message: RegExp }[] = [
    { name: 'a missing file', file: 'no-such-record.json', message: /no-such-record\.json: cannot read the file \(ENOENT\)/ },
    { name: 'a directory, not a file', file: '.', message: /: cannot read the file \(EISDIR\)/ },
    { name: 'bad JSON over several lines', file: () => '{\n  "format": "kiemphieu/election-record@1",\n  "congress": \n}\n', message: /: not valid JSON \(.*\) \/ tệp không phải JSON hợp lệ$/ },
    { name: 'the wrong format string', file: edit(strikeRecord, (r) => (r.format = 'kiemphieu/election-record@2')), message: /^format: .*kiemphieu\/election-record@1/ },
    { name: 'seats 0', file: edit(strikeRecord, (r) => (r.election.seats = 0)), message: /^election\.seats: / },
    { name: 'convened 0', file: edit(strikeRecord, (r) => (r.congress.convened = 0)), message: /^congress\.convened: / },
    { name: 'excluded = convened', file: edit(strikeRecord, (r) => (r.congress.excluded = 4)), message: /^congress\.excluded: excluded \(4\) must be less than convened \(4\)/ },
    { name: 'an unknown candidate number in struck', file: edit(strikeRecord, (r) => (r.ballots[1] = { struck: [9] })), message: /^ballots\[1\]\.struck\[0\]: candidate 9 is not on the list \(1–3\)/ },
    { name: 'an unknown candidate key in marks', file: edit(agreeRecord, (r) => (r.ballots[2] = { marks: { '1': 'agree', '5': 'agree' } })), message: /^ballots\[2\]\.marks: candidate 5 is not on the list \(1–2\)/ },
    { name: 'marks on a strike list', file: edit(strikeRecord, (r) => (r.ballots[0] = { marks: { '1': 'agree' } })), message: /^ballots\[0\]: a list with surplus takes struck names/ },
    { name: 'struck on an agree list', file: edit(agreeRecord, (r) => (r.ballots[1] = { struck: [1] })), message: /^ballots\[1\]: a list without surplus takes agree\/disagree marks/ },
    { name: 'a number struck twice', file: edit(strikeRecord, (r) => (r.ballots[2] = { struck: [2, 2] })), message: /^ballots\[2\]\.struck\[1\]: number 2 is struck twice/ },
    { name: 'a ballot with both struck and marks', file: edit(strikeRecord, (r) => (r.ballots[0] = { struck: [1], marks: {} })), message: /^ballots\[0\]: a ballot has exactly one of struck, marks, invalid/ },
    { name: 'ballots.length ≠ ballotsCollected', file: edit(strikeRecord, (r) => (r.ballotsCollected = 4)), message: /^ballots: 3 ballots listed but ballotsCollected is 4/ },
    { name: 'ballotsCollected > ballotsIssued', file: edit(strikeRecord, (r) => (r.ballotsIssued = 2)), message: /^ballotsCollected: ballotsCollected \(3\) exceeds ballotsIssued \(2\)/ },
    { name: 'duplicate candidate numbers', file: edit(strikeRecord, (r) => (r.candidates[1].no = 1)), message: /^candidates\[1\]\.no: number 1 appears twice/ },
    { name: 'fewer candidates than places', file: edit(strikeRecord, (r) => (r.election.alternates = 2)), message: /^candidates: the list has 3 candidates, fewer than the 4 places to fill/ },
    { name: 'a body with base below 1', file: edit(strikeRecord, (r) => (r.body = { kind: 'committee_conference', name: 'Hội nghị lần thứ nhất', convened: 3, excluded: 3 })), message: /^body\.excluded: body\.excluded \(3\) must be less than body\.convened \(3\)/ },
    { name: 'alternatesMethod without alternates', file: edit(strikeRecord, (r) => (r.election.alternatesMethod = 'separate')), message: /^election\.alternatesMethod: alternatesMethod is only for an election with alternates/ },
    { name: 'seats 0 without fills: alternates', file: edit(strikeRecord, (r) => Object.assign(r.election, { seats: 0, alternates: 1 })), message: /^election\.seats: seats must be a whole number ≥ 1 \(0 only with fills: "alternates"\)/ },
    { name: 'an unknown body kind', file: edit(strikeRecord, (r) => (r.body = { kind: 'club' as never, name: 'x', convened: 3, excluded: 0 })), message: /^body\.kind: / },
  ];

  it.concurrent.for(cases.map((c, i) => ({ ...c, i })))('$name', SLOW, async ({ i, file, message }, { expect }) => {
    const path = typeof file === 'string' ? join(scratch, file) : writeScratch(`bad-${i}.json`, file());
    const run = await kiemphieu('tally', path);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n');
    expect(lines).toHaveLength(2); // one line and its newline
    expect(lines[1]).toBe('');
    expect(lines[0]).toMatch(message);
    expect(lines[0]).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it.concurrent('no file: usage, exit 2', SLOW, async ({ expect }) => {
    expect(await kiemphieu('tally')).toEqual({ code: 2, stdout: '', stderr: 'usage: kiemphieu tally RECORD.json\n' });
  });
});

describe('kiemphieu tally: "reconciled": false', () => {
  it.concurrent('tallies an unreconciled record and says so in the result', SLOW, async ({ expect }) => {
    const record = strikeRecord();
    record.reconciled = false;
    record.ballotsIssued = 2;
    record.ballotsCollected = 4;
    const run = await kiemphieu('tally', writeScratch('unreconciled.json', JSON.stringify(record)));
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toMatchObject({
      reconciled: false,
      base: 4,
      threshold: 3,
      ballots: { issued: 2, collected: 4, valid: 3, invalid: 0 },
      candidates: [
        { no: 1, votes: 2, status: 'not_elected' },
        { no: 2, votes: 3, status: 'elected' },
        { no: 3, votes: 1, status: 'not_elected' },
      ],
      elected: [2],
      unfilledSeats: 1,
      outcome: 'unfilled',
    });
  });
});

describe('kiemphieu tally: a conference election, and the alternates method', () => {
  it.concurrent("a conference's election is decided against its members: the result names the body and its base", SLOW, async ({ expect }) => {
    const record = strikeRecord();
    record.body = { kind: 'committee_conference', name: 'Hội nghị lần thứ nhất Ban Chấp hành', convened: 3, excluded: 0, present: 3 };
    const run = await kiemphieu('tally', writeScratch('conference.json', JSON.stringify(record)));
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toMatchObject({ body: { kind: 'committee_conference', name: 'Hội nghị lần thứ nhất Ban Chấp hành', base: 3 }, base: 3, threshold: 2, elected: [2, 1], outcome: 'complete' });
  });

  it.concurrent("the alternates' own ballot (seats 0, fills alternates) designates alternates", SLOW, async ({ expect }) => {
    const record = strikeRecord();
    Object.assign(record.election, { seats: 0, alternates: 2, fills: 'alternates', alternatesMethod: 'separate' });
    const run = await kiemphieu('tally', writeScratch('alternates.json', JSON.stringify(record)));
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toMatchObject({ threshold: 3, elected: [], alternates: [2], unfilledAlternates: 1, outcome: 'alternates_unfilled' });
  });
});
