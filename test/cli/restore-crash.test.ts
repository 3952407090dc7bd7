import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { verifyAuditChain } from '../../src/db/store/index.js';
import { HttpClient, killedAtRename, runCli, setUpOverHttp, startServerProcess, stopServerProcess, type ServerProcess } from '../support/process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'kiemphieu-restore-crash-'));
let server: ServerProcess | null = null;
afterAll(async () => {
  await stopServerProcess(server, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** `kiemphieu restore` killed as it enters its `kill`-th rename. */
function restoreKilledAtRename(kill: number, backup: string, db: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const [command, ...args] = [...killedAtRename(kill), process.execPath, 'bin/kiemphieu.js', 'restore', backup, '--db', db];
  const child = spawn(command, args, { cwd: ROOT });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
}

/** Ballots and audit chain of a database file (with whatever WAL lies beside it). */
async function contents(path: string): Promise<{ ballots: number; chainOk: boolean; entries: number }> {
  const opened = await openDatabase(path, { mustExist: true });
  try {
    const { n } = opened.sqlite.prepare('SELECT count(*) AS n FROM ballot').get() as { n: number };
    const chain = await verifyAuditChain(opened.db);
    return { ballots: n, chainOk: chain.ok, entries: chain.entries };
  } finally {
    await opened.close();
  }
}

async function enter(client: HttpClient, roundId: string, from: number, count: number): Promise<void> {
  for (let i = from; i < from + count; i++) {
    const res = await client.call('POST', `/api/rounds/${roundId}/ballots`, { id: `ballot-${String(i).padStart(5, '0')}`, ballot: { struck: [1 + (i % 9), 10 + (i % 7)] } });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  }
}

describe('a restore killed at each of its renames', () => {
  it('leaves either the old database with its WAL or the restored one, and serve finishes it; never an empty or a split database', { timeout: 600_000 }, async () => {
    // The backup: a congress with 40 ballots, copied while its server runs.
    const first = join(dir, 'first', 'k.sqlite');
    server = await startServerProcess(first);
    const setup = new HttpClient(server.url);
    const { memberIds, roundId } = await setUpOverHttp(setup, { candidates: 19, seats: 15, collected: 1000 });
    const clerk = new HttpClient(server.url);
    await clerk.signIn(memberIds[0], '3333');
    await enter(clerk, roundId, 0, 40);
    const backup = join(dir, 'backup.sqlite');
    const made = await runCli(['backup', '--db', first, '--out', backup]);
    expect(made.code, made.stderr).toBe(0);
    await stopServerProcess(server);
    server = null;
    const restored = await contents(backup);
    expect(restored).toMatchObject({ ballots: 40, chainOk: true });

    const outcomes: string[] = [];
    for (let kill = 1; kill <= 12; kill++) {
      const trial = join(dir, `trial-${kill}`);
      const db = await killedServerDatabase(trial);
      const run = await restoreKilledAtRename(kill, backup, db);
      const finished = run.code === 0;
      if (!finished) expect(run.signal, run.stderr).toBe('SIGKILL');

      // serve finishes (or rolls back) what the restore left, and never starts an empty congress.
      server = await startServerProcess(db);
      const stopped = await stopServerProcess(server);
      expect(stopped, `kill ${kill}: ${outcomes.join('; ')} ${server.stderr()}`).toBe(0);
      server = null;
      const now = await contents(db);
      expect(now.chainOk).toBe(true);
      const asides = readdirSync(join(trial, 'backups')).filter((f) => f.endsWith('-replaced.sqlite'));
      if (now.ballots === 40) {
        expect(now.entries).toBe(restored.entries);
        expect(asides).toHaveLength(1);
        // The replaced database kept aside whole, with the ballots only its WAL held.
        expect(await contents(join(trial, 'backups', asides[0]))).toMatchObject({ ballots: 172, chainOk: true });
        outcomes.push(`kill ${kill}: restored`);
      } else {
        expect(now.ballots).toBe(172);
        expect(asides).toEqual([]);
        outcomes.push(`kill ${kill}: old database`);
      }
      expect(readdirSync(trial).filter((f) => /restor/u.test(f))).toEqual([]);
      if (finished) break;
    }
    console.info(outcomes.join('; '));
    // The journal, the WAL, the index, the file and the copy coming in: five renames, each a crash point.
    expect(outcomes.length).toBeGreaterThanOrEqual(6);
    expect(outcomes.at(-1)).toMatch(/restored/);
  });
});

/** A fresh copy of the congress as a killed server leaves it: ballots 41–172 in the WAL only. */
async function killedServerDatabase(trial: string): Promise<string> {
  mkdirSync(join(trial, 'backups'), { recursive: true });
  const db = join(trial, 'k.sqlite');
  copyFileSync(join(dir, 'backup.sqlite'), db);
  // The database as a killed server leaves it: its last 132 ballots in the WAL only.
  server = await startServerProcess(db);
  const setup = new HttpClient(server.url);
  const member = (await setup.call('GET', '/api/members')).body.find((m: { role: string }) => m.role === 'member');
  const clerk = new HttpClient(server.url);
  await clerk.signIn(member.id, '3333');
  const roundId = (await setup.call('GET', '/api/elections')).body[0].rounds[0].id as string;
  await enter(clerk, roundId, 40, 132);
  server.child.kill('SIGKILL');
  await server.exited;
  server = null;
  if (!existsSync(`${db}-wal`)) throw new Error('the killed server left no WAL');
  return db;
}
