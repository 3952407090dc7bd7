import SQLite from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connection.js';
import { verifyAuditChain } from '../../src/db/store/index.js';
import { seedDemo } from '../../src/demo.js';
import { HttpClient, runCli, startServerProcess, stopServerProcess, type ServerProcess } from '../support/process.js';
import { TEST_PIN_COST } from '../support/api.js';

const dir = mkdtempSync(join(tmpdir(), 'kiemphieu-cli-durability-'));
let server: ServerProcess | null = null;
afterAll(async () => {
  await stopServerProcess(server, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** The demo congress as a database file (seeded in memory, where it is quick, then copied). */
async function demoFile(path: string): Promise<void> {
  const memory = await openDatabase(':memory:');
  let n = 0;
  await seedDemo({ db: memory.db, now: () => new Date(Date.UTC(2026, 10, 27, 8, n)), newId: () => `id${++n}`, pinCost: TEST_PIN_COST });
  await memory.sqlite.backup(path);
  await memory.close();
}

describe('kiemphieu serve refuses a database file it cannot trust', () => {
  it('refuses random bytes, a truncated database, another program’s database and an empty file, with exit 3, leaving each as it was', { timeout: 120_000 }, async () => {
    const random = join(dir, 'random.sqlite');
    writeFileSync(random, Buffer.from(Array.from({ length: 16384 }, (_, i) => (i * 7919 + 13) % 256)));
    const truncated = join(dir, 'truncated.sqlite');
    await demoFile(truncated);
    truncateSync(truncated, Math.floor(statSync(truncated).size / 2));
    const foreign = join(dir, 'foreign.sqlite');
    const other = new SQLite(foreign);
    other.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5)");
    other.close();
    const empty = join(dir, 'empty.sqlite');
    writeFileSync(empty, '');

    const cases: [string, RegExp][] = [
      [random, /not a usable SQLite database/],
      [truncated, /malformed|integrity check failed/],
      [foreign, /another program \(invoices\)/],
      [empty, /the file is empty/],
    ];
    const before = cases.map(([file]) => sha(file));
    const runs = await Promise.all(cases.map(([file]) => runCli(['serve', '--db', file, '--port', '0'])));
    runs.forEach((run, i) => {
      expect(run.code, run.stderr).toBe(3);
      expect(run.stderr).toContain(cases[i][0]);
      expect(run.stderr).toMatch(cases[i][1]);
      expect(run.stderr).toContain(' / ');
      expect(run.stdout).not.toContain('Open http');
    });
    expect(cases.map(([file]) => sha(file))).toEqual(before);
    for (const [file] of cases) expect(existsSync(`${file}-wal`)).toBe(false);
  });
});

describe('kiemphieu backup, restore and archive', () => {
  // Seven starts of the command line: about 10 s on an idle machine.
  it('backs up while serving, refuses to restore under a running server, restores once it is stopped, and archives', { timeout: 180_000 }, async () => {
    const db = join(dir, 'congress', 'k.sqlite');
    mkdirSync(join(dir, 'congress'));
    await demoFile(db);
    server = await startServerProcess(db);
    const backup = join(dir, 'copy.sqlite');
    const made = await runCli(['backup', '--db', db, '--out', backup]);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout).toContain(backup);

    // A change after the backup, through the running server.
    const head = new HttpClient(server.url);
    const headId = (await head.call('GET', '/api/members')).body.find((m: { role: string }) => m.role === 'head').id;
    await head.signIn(headId, '2222');

    const corrupt = join(dir, 'corrupt.sqlite');
    writeFileSync(corrupt, readFileSync(backup).subarray(0, 3000));
    const [refused, bad] = await Promise.all([runCli(['restore', backup, '--db', db]), runCli(['restore', corrupt, '--db', db])]);
    expect(refused.code).toBe(4);
    expect(refused.stderr).toMatch(/in use \(server, process \d+/);
    expect(bad.code).toBe(3);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const restored = await runCli(['restore', backup, '--db', db]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/kept at .*backups.*-replaced\.sqlite/);

    const copy = await openDatabase(backup, { mustExist: true });
    const now = await openDatabase(db, { mustExist: true });
    expect(await verifyAuditChain(now.db)).toEqual(await verifyAuditChain(copy.db));
    await copy.close();
    await now.close();

    const out = join(dir, 'archive');
    const archived = await runCli(['archive', '--db', db, '--out', out]);
    expect(archived.code, archived.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    const files = manifest.files.map((f: { path: string }) => f.path);
    expect(files).toEqual(expect.arrayContaining(['kiemphieu.sqlite', 'audit.jsonl', 'election-01-executive_committee/round-1.record.json', 'election-01-executive_committee/round-1.tally.json']));
    for (const f of manifest.files) expect(sha(join(out, f.path))).toBe(f.sha256);
    const audit = readFileSync(join(out, 'audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(audit).toHaveLength(manifest.auditEntries);
    expect(audit.at(-1).hash).toBe(manifest.auditHead);
    expect(readdirSync(out)).not.toContain('kiemphieu.sqlite-wal');
    const again = await runCli(['archive', '--db', db, '--out', out]);
    expect(again.code).toBe(2);
  });
});
