import { shortCode } from '../src/results-file/format.js';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../src/db/connection.js';
import type { Actor, StoreContext } from '../src/db/context.js';
import { addMember, certifyRound, createCongress, getCertification, importRecord } from '../src/db/store/index.js';
import type { ElectionRecord } from '../src/domain/index.js';
import { verifySignedResult } from '../src/results-file/verify.js';

/**
 * The delegation sample (31 candidates) scaled to a member congress of BALLOTS ballots: how long
 * certifying takes (recount, canonical form, signature, storing), how big the signed file is, and
 * how long verifying it takes (what the CLI and the verify page do).
 */
const BALLOTS = Number(process.env.BENCH_BALLOTS ?? 5000);

function must<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

export async function run(): Promise<void> {
  const sample = JSON.parse(readFileSync(new URL('../../shared/samples/delegation.record.json', import.meta.url), 'utf8')) as ElectionRecord;
  const ballots = Array.from({ length: BALLOTS }, (_, i) => sample.ballots[i % sample.ballots.length]);
  const record: ElectionRecord = { ...sample, congress: { ...sample.congress, kind: 'members', convened: BALLOTS, excluded: 0 }, ballotsIssued: BALLOTS, ballotsCollected: BALLOTS, ballots };
  const database = await openDatabase(':memory:');
  let serial = 0;
  const ctx: StoreContext = { db: database.db, now: () => new Date(), newId: () => `id${++serial}` };
  const { secretaryId } = must(await createCongress(ctx, { name: record.congress.name, organisation: '', kind: 'members', convened: BALLOTS, excluded: 0, excludedReason: '', place: '', startsOn: null, endsOn: null, secretary: { name: 'Thư ký', pin: '1111' } }));
  const setup: Actor = { id: secretaryId, name: 'Thư ký', role: 'setup' };
  const head = must(await addMember(ctx, setup, { name: 'Trưởng ban', role: 'head', pin: '2222', mustChangePin: false }));
  const { roundId } = must(await importRecord(ctx, setup, record));

  let start = performance.now();
  must(await certifyRound(ctx, { id: head.id, name: head.name, role: 'head' }, roundId, { decision: '', stop: false, passphrase: 'cụm mật khẩu của bài đo' }));
  const certifyMs = performance.now() - start;
  const { text, sha256 } = (await getCertification(database.db, roundId))!;

  start = performance.now();
  const verification = await verifySignedResult(text, { code: shortCode(sha256) });
  const verifyMs = performance.now() - start;
  if (verification.kind !== 'verified') throw new Error(`the bench file did not verify: ${JSON.stringify(verification)}`);
  console.log(`ballots: ${BALLOTS}, candidates: ${record.candidates.length}`);
  console.log(`certify (recount, canonical form, Ed25519, store): ${certifyMs.toFixed(0)} ms`);
  console.log(`signed file: ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB`);
  console.log(`verify (parse, signature, recount, compare): ${verifyMs.toFixed(0)} ms`);
  await database.close();
}
