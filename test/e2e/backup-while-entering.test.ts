import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpClient, runCli, setUpOverHttp, startServerProcess, stopServerProcess, type ServerProcess } from '../support/process.js';

const CLIENTS = 8;
const BACKUPS = 4;
const ARCHIVES = 1;

/**
 * `kiemphieu backup` and `kiemphieu archive` open the database from another process while the server
 * serves (issue 15.4: each used to make ballots fail with SQLITE_BUSY, as a ballot's transaction read
 * first and upgraded to a write, which SQLite does not wait for). Every transaction now takes the write
 * lock at BEGIN and waits for it: not one ballot may fail.
 */
describe('backups and archives while 8 clients enter ballots', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kp-busy-'));
  let server: ServerProcess | null = null;
  afterAll(async () => {
    await stopServerProcess(server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes no ballot fail, and every acknowledged ballot is stored', async () => {
    const dbPath = join(dir, 'k.sqlite');
    server = await startServerProcess(dbPath);
    const setup = new HttpClient(server.url);
    const { memberIds, headId, roundId } = await setUpOverHttp(setup, { candidates: 19, seats: 15, collected: 100_000 });
    const people: [string, string][] = [[memberIds[0], '3333'], [memberIds[1], '4444'], [headId, '2222']];
    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, async (_, i) => {
        const c = new HttpClient(server!.url);
        await c.signIn(...people[i % people.length]);
        return c;
      }),
    );
    const failures: string[] = [];
    let acknowledged = 0;
    let stop = false;
    const entering = clients.map(async (c, k) => {
      for (let i = 0; !stop; i++) {
        const res = await c.call('POST', `/api/rounds/${roundId}/ballots`, { id: `c${k}-${String(i).padStart(6, '0')}`, ballot: { struck: [1 + (i % 19), 1 + ((i + k + 1) % 19)] } });
        if (res.status === 201) acknowledged++;
        else failures.push(`${res.status} ${JSON.stringify(res.body)}`);
      }
    });
    const copies: string[] = [];
    for (let i = 0; i < BACKUPS; i++) {
      const out = join(dir, `copy-${i}.sqlite`);
      const backup = await runCli(['backup', '--db', dbPath, '--out', out]);
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);
      copies.push(out);
    }
    for (let i = 0; i < ARCHIVES; i++) {
      const archive = await runCli(['archive', '--db', dbPath, '--out', join(dir, `archive-${i}`)]);
      expect(archive.code, archive.stderr).toBe(0);
    }
    stop = true;
    await Promise.all(entering);
    expect(failures).toEqual([]);
    expect(acknowledged).toBeGreaterThan(50);
    expect(readdirSync(dir).filter((f) => f.startsWith('copy-') && f.endsWith('.sqlite'))).toHaveLength(BACKUPS);
    const stored = await clients[0].call('GET', `/api/rounds/${roundId}/ballots`);
    expect(stored.body).toHaveLength(acknowledged);
  }, 300_000);
});
