import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, truncateSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { keysFor, screenshot, signInAs } from './support.js';
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
let browser: BrowserContext | null = null;
afterAll(async () => {
  await browser?.close();
  await stopServerProcess(server, 'SIGKILL');
  if (mounted) execFileSync('umount', [disk]);
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Fills the disk with a file of its own, to the last byte but `leave`; returns it, to be deleted to
 * free the space.
 */
function fillDisk(leave: number): string {
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
  truncateSync(filler, statSync(filler).size - leave);
  return filler;
}

describe.skipIf(!mounted)('a full disk', () => {
  it('is named as such (507, vi/en), the failed backups show to the committee, an archive leaves nothing named as one, and counting goes on once space is freed', { timeout: 120_000 }, async () => {
    const db = join(disk, 'k.sqlite');
    server = await startServerProcess(db, { KIEMPHIEU_BACKUP_MINUTES: String(1 / 60) });
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

    // A committee member's page, opened while there was room (signing in is a change too).
    browser = await launchChromium();
    const page = await browser.newPage();
    await signInAs(page, server.url, 'Thành viên Một', '3333', `/enter.html?round=${roundId}`);
    await expect(page.locator('#backup-failure').isVisible()).resolves.toBe(false);

    // Room for a few more ballots in the WAL, not for a copy of the database: the next automatic
    // backup fails for the full disk, and says so to any signed-in member, not only in the server's log.
    const filler = fillDisk(64 * 1024);
    expect((await enter('disk-nearly-full')).status).toBe(201);
    acknowledged.push('disk-nearly-full');
    let failure: any = null;
    for (let waited = 0; !failure && waited < 20_000; waited += 250) {
      await new Promise((r) => setTimeout(r, 250));
      failure = (await clerk.call('GET', '/api/backups')).body.lastFailure;
    }
    expect(failure).toMatchObject({ diskFull: true });
    expect(readdirSync(join(disk, 'backups')).filter((f) => f.endsWith('.part'))).toEqual([]);

    // Then the ballots fill the rest: refused as a full disk, in words.
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

    // The entry page says both: the banner of the failed backup, and a ballot whose save failed for
    // the full disk (kept on the page and sent again by itself).
    try {
      await page.reload();
      await expect.poll(() => page.locator('#backup-failure').isVisible()).toBe(true);
      expect(await page.textContent('#backup-failure')).toMatch(/^Ổ đĩa của máy chủ đã đầy: bản sao lưu tự động lúc .* không ghi được/u);
      await page.locator('#line').and(page.locator(':not([readonly])')).waitFor();
      await page.focus('#line');
      for (const key of keysFor(19, { struck: [5, 6, 7, 8] })) await page.keyboard.press(key === ' ' ? 'Space' : key);
      await expect.poll(() => page.inputValue('#line')).toMatch(/^5 ?6 ?7 ?8 ?$/u);
      await page.keyboard.press('Enter');
      await page.locator('.save-state.failed').waitFor();
      expect(await page.textContent('.save-state.failed')).toMatch(/LƯU THẤT BẠI — phiếu CHƯA được lưu \([ổỔ] đĩa của máy chủ đã đầy: chưa lưu được gì/u);
      await screenshot(page, 'disk-full-entry', { width: 1280, height: 800 });
    } catch (e) {
      await screenshot(page, 'disk-full-debug', { width: 1280, height: 800 });
      throw e;
    }

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
    // The ballot the page kept was sent again and counted once, beside every acknowledged one.
    const ballots = async () => (await clerk.call('GET', `/api/rounds/${roundId}/ballots`)).body as { id: string; ballot: { struck: number[] } }[];
    await expect.poll(async () => (await ballots()).length, { timeout: 20_000 }).toBe(acknowledged.length + 1);
    const fromPage = (await ballots()).filter((b) => !acknowledged.includes(b.id));
    expect(fromPage.map((b) => b.ballot.struck)).toEqual([[5, 6, 7, 8]]);
    await expect.poll(() => page.locator('.save-state.failed').count()).toBe(0);
    await browser.close();
    browser = null;
    expect((await setup.call('GET', '/api/audit/verify')).body.ok).toBe(true);
    expect(await stopServerProcess(server)).toBe(0);
    server = null;
  });
});
