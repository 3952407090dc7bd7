import { PASSPHRASE } from '../support/certify.js';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpClient, killedAtRename, runCli, setUpOverHttp, startServerProcess, stopServerProcess, type ServerProcess } from '../support/process.js';

const dir = mkdtempSync(join(tmpdir(), 'kiemphieu-certified-backup-'));
let server: ServerProcess | null = null;
afterAll(async () => {
  await stopServerProcess(server, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('a crash right after certification', () => {
  it('loses no certified backup: the next start makes the missing copy and clears the part files', { timeout: 120_000 }, async () => {
    // The command's bundle is built first, so that the only rename the server makes is its backup's.
    await runCli([]);
    const db = join(dir, 'k.sqlite');
    // The server dies as it names its first backup: the copy made the moment the round is certified.
    server = await startServerProcess(db, {}, { wrapper: killedAtRename(1) });
    const setup = new HttpClient(server.url);
    const { headId, roundId } = await setUpOverHttp(setup, { candidates: 11, seats: 10, collected: 5 });
    const head = new HttpClient(server.url);
    await head.signIn(headId, '2222');
    for (let i = 0; i < 5; i++) expect((await head.call('POST', `/api/rounds/${roundId}/ballots`, { id: `ballot-${i}`, ballot: { struck: [11] } })).status).toBe(201);
    expect((await head.call('POST', `/api/rounds/${roundId}/transition`, { to: 'counted' })).status).toBe(200);
    const certified = await head.call('POST', `/api/rounds/${roundId}/certify`, { passphrase: PASSPHRASE }).catch(() => null);
    expect(await server.exited).toBe('SIGKILL');
    server = null;
    const backups = join(dir, 'backups');
    expect(readdirSync(backups).filter((f) => f.includes('certified') && f.endsWith('.sqlite'))).toEqual([]);
    const parts = readdirSync(backups).filter((f) => f.endsWith('.part'));
    expect(parts).toHaveLength(1);
    // A part file from an older crash, too.
    writeFileSync(join(backups, 'k-20261127-080000-000-auto.sqlite.part'), 'half a copy');

    server = await startServerProcess(db);
    // The certification was committed before the copy was named (its answer may or may not have come).
    const round = (await new HttpClient(server.url).call('GET', `/api/rounds/${roundId}`)).body;
    expect(round.state, JSON.stringify(certified?.body)).toBe('certified');
    const files = readdirSync(backups);
    expect(files.filter((f) => f.endsWith('.part'))).toEqual([]);
    const copies = files.filter((f) => /^k-\d{8}-\d{6}-\d{3}-certified-election1-round1\.sqlite$/u.test(f));
    expect(copies).toHaveLength(1);
    const copy = new SQLite(join(backups, copies[0]), { readonly: true });
    expect(copy.prepare("SELECT state FROM round WHERE id = ?").get(roundId)).toEqual({ state: 'certified' });
    copy.close();
    expect(await stopServerProcess(server)).toBe(0);

    // Started again: the copy is there, none is made twice.
    server = await startServerProcess(db);
    expect(await stopServerProcess(server)).toBe(0);
    server = null;
    expect(readdirSync(backups).filter((f) => f.includes('-certified-'))).toEqual(copies);
    expect(existsSync(join(backups, parts[0]))).toBe(false);
  });
});
