import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HttpClient, setUpOverHttp, startServerProcess, stopServerProcess, type ServerProcess } from '../support/process.js';

const dir = mkdtempSync(join(tmpdir(), 'kiemphieu-disk-full-'));
const disk = join(dir, 'disk');
mkdirSync(disk);
/** A real, small, full-able disk: a 4 MiB tmpfs (needs root, as on the CI machine; else the test says it is skipped). */
const mounted = (() => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'kiemphieu-disk-full', disk], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
let server: ServerProcess | null = null;
afterAll(async () => {
  await stopServerProcess(server, 'SIGKILL');
  if (mounted) execFileSync('umount', [disk]);
  rmSync(dir, { recursive: true, force: true });
});

/** Fills the disk to the last byte with a file of its own; returns it, to be deleted to free the space. */
function fillDisk(): string {
  const filler = join(disk, 'filler');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(16 * 1024, 1);
  try {
    for (let size = chunk.length; size >= 1; size = Math.floor(size / 2)) {
      for (;;) {
        try {
          writeSync(fd, chunk, 0, size);
        } catch {
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return filler;
}

describe.skipIf(!mounted)('a full disk', () => {
  it('is named as such (507, vi/en), the failed backups show to the committee, an archive leaves nothing named as one, and counting goes on once space is freed', { timeout: 120_000 }, async () => {
    const db = join(disk, 'k.sqlite');
    server = await startServerProcess(db, { KIEMPHIEU_BACKUP_MINUTES: String(0.5 / 60) });
    const setup = new HttpClient(server.url);
    const { memberIds, roundId } = await setUpOverHttp(setup, { candidates: 19, seats: 15, collected: 10_000 });
    const clerk = new HttpClient(server.url);
    await clerk.signIn(memberIds[0], '3333');
    const acknowledged: string[] = [];
    const enter = (id: string) => clerk.call('POST', `/api/rounds/${roundId}/ballots`, { id, ballot: { struck: [1, 2, 3, 4] } });
    for (let i = 0; i < 20; i++) {
      expect((await enter(`before-${i}`)).status).toBe(201);
      acknowledged.push(`before-${i}`);
    }
    expect((await setup.call('GET', '/api/backups')).body).toEqual({ lastFailure: null });

    const filler = fillDisk();
    let refused: { status: number; body: any } | null = null;
    for (let i = 0; i < 3000 && !refused; i++) {
      const res = await enter(`disk-full-${i}`);
      if (res.status === 201) acknowledged.push(`disk-full-${i}`);
      else refused = res;
    }
    expect(refused?.status, JSON.stringify(refused?.body)).toBe(507);
    expect(refused?.body.error).toMatchObject({ code: 'disk_full' });
    expect(refused?.body.error.vi).toMatch(/^ổ đĩa của máy chủ đã đầy: chưa lưu được gì/u);
    expect(refused?.body.error.en).toMatch(/^the server's disk is full: nothing was saved/u);

    // The automatic backups fail too, and say so to any signed-in member, not only in the server's log.
    let failure: any = null;
    for (let waited = 0; !failure && waited < 20_000; waited += 250) {
      await new Promise((r) => setTimeout(r, 250));
      failure = (await clerk.call('GET', '/api/backups')).body.lastFailure;
    }
    expect(failure).toMatchObject({ diskFull: true });
    expect(readdirSync(join(disk, 'backups')).filter((f) => f.endsWith('.part'))).toEqual([]);

    // An archive on the full disk fails as a full disk, and leaves no folder that looks like an archive.
    const archived = await setup.call('POST', '/api/archive');
    expect([archived.status, archived.body.error?.code], server.stderr().slice(-1500)).toEqual([507, 'disk_full']);
    expect(existsSync(join(disk, 'archives')) ? readdirSync(join(disk, 'archives')) : []).toEqual([]);

    // Space freed: the refused ballot is sent again (same id) and counted; nothing acknowledged was lost.
    rmSync(filler);
    const failedId = `disk-full-${acknowledged.filter((id) => id.startsWith("disk-full-")).length}`;
    expect((await enter(failedId)).status).toBe(201);
    acknowledged.push(failedId);
    for (let waited = 0; failure && waited < 20_000; waited += 250) {
      await new Promise((r) => setTimeout(r, 250));
      failure = (await clerk.call('GET', '/api/backups')).body.lastFailure;
    }
    expect(failure).toBeNull();
    const stored = (await clerk.call('GET', `/api/rounds/${roundId}/ballots`)).body.map((b: { id: string }) => b.id);
    expect([...stored].sort()).toEqual([...acknowledged].sort());
    expect((await setup.call('GET', '/api/audit/verify')).body.ok).toBe(true);
    expect(await stopServerProcess(server)).toBe(0);
    server = null;
  });
});
