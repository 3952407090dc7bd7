import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample } from '../support/api.js';
import { launchChromium } from '../support/browser.js';
import { freshDir, screenshot, setUpSample, signInAs, typeBallot } from './support.js';
import { HttpClient, startServerProcess, type ServerProcess } from '../support/process.js';

const { record } = sample('executive-committee');
const HIGHEST = record.candidates.length;

async function shownVotes(display: Page): Promise<number[]> {
  return display.locator('#standings li .votes').allTextContents().then((v) => v.map(Number));
}

describe('the counting room in a real browser', { timeout: 90_000 }, () => {
  let server: ServerProcess;
  let browser: BrowserContext;
  let dir: string;
  let ids: Awaited<ReturnType<typeof setUpSample>>;
  let entry: Page;
  let display: Page;
  const tally = async () => (await new HttpClient(server.url).must('GET', `/api/rounds/${ids.roundId}/tally`)).result;
  const entered = (page: Page, n: number) => expect.poll(() => page.textContent('#progress'), { timeout: 5000 }).toBe(`Đã nhập ${n} / 166 phiếu thu vào`);

  beforeAll(async () => {
    dir = freshDir('kp-e2e-');
    server = await startServerProcess(join(dir, 'congress.sqlite'));
    ids = await setUpSample(server.url, record);
    browser = await launchChromium();
    display = await browser.newPage();
    await display.setViewportSize({ width: 1920, height: 1080 });
    await display.goto(`${server.url}/display.html?round=${ids.roundId}`);
    entry = await browser.newPage();
    await entry.setViewportSize({ width: 1920, height: 1080 });
    await signInAs(entry, server.url, 'Lê Thị Kiểm', '3333', `/enter.html?round=${ids.roundId}`);
    await entry.locator('#progress', { hasText: 'Đã nhập 0 / 166 phiếu thu vào' }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes 30 ballots by keyboard alone, and the display shows what the API tallies', async () => {
    // The first 26 ballots and the four the committee must think about: nothing struck, all struck, marked.
    const ballots = [...record.ballots.slice(0, 26), record.ballots[51], record.ballots[52], record.ballots[99], record.ballots[105]];
    for (const ballot of ballots) await typeBallot(entry, HIGHEST, ballot);
    await entered(entry, 30);
    await expect.poll(() => display.textContent('#progress')).toBe('Đã nhập 30 / 166 phiếu thu vào');
    const result = await tally();
    expect(result.ballots).toMatchObject({ valid: 26, invalid: 4, invalidByReason: { too_many: 2, all_struck: 1, marked: 1 } });
    expect(await shownVotes(display)).toEqual(result.candidates.map((c: { votes: number }) => c.votes));
    await entry.keyboard.type('1 3 6');
    await screenshot(entry, 'entry', { width: 1920, height: 1080 });
    await screenshot(entry, 'entry', { width: 1024, height: 768 });
    await screenshot(display, 'display', { width: 1920, height: 1080 });
    await screenshot(display, 'display', { width: 1024, height: 768 });
    await entry.keyboard.press('Escape');
  });

  it('flags a too-many ballot before it is saved, and a stray Enter does not save it', async () => {
    await entry.keyboard.press('1');
    await expect.poll(() => entry.getAttribute('#verdict', 'data-verdict')).toBe('invalid');
    expect(await entry.textContent('#verdict')).toContain('bầu quá số lượng: giữ 16 tên, tối đa 15');
    expect(await entry.locator('#ballot li.struck').allTextContents()).toEqual(['1.Hoàng Xuân Hằng']);
    await entry.keyboard.press('Enter');
    expect(await entry.textContent('#verdict')).toContain('nhấn Enter lần nữa để lưu');
    await entry.keyboard.press('Escape');
    await entered(entry, 30);
    expect((await tally()).ballots.collected).toBe(166);
  });

  it('undoes the last saved ballot: voided with a reason, and given back for correction', async () => {
    await typeBallot(entry, HIGHEST, { struck: [2, 7, 10] });
    await entered(entry, 31);
    const before = await tally();
    await entry.keyboard.press('u');
    expect(await entry.textContent('#verdict')).toContain('Hủy phiếu vừa lưu (gạch 2 7 10)');
    await entry.keyboard.press('Enter');
    await entered(entry, 30);
    expect(await entry.inputValue('#line')).toBe('2 7 10');
    const after = await tally();
    expect(after.candidates[0].votes).toBe(before.candidates[0].votes - 1);
    const head = new HttpClient(server.url);
    await head.must('POST', '/api/session', { memberId: ids.headId, pin: '2222' });
    const voided = (await head.must('GET', `/api/rounds/${ids.roundId}/ballots?includeVoid=true`)).filter((b: { void: unknown }) => b.void);
    expect(voided).toHaveLength(1);
    expect(voided[0]).toMatchObject({ ballot: { struck: [2, 7, 10] }, void: { reason: 'Hoàn tác ngay sau khi lưu: nhập sai, nhập lại' } });
    await entry.keyboard.press('Escape');
  });

  it('shows a failed save loudly and sends the same ballot again until the server has it', async () => {
    const sent: string[] = [];
    let fail = true;
    await entry.route('**/api/rounds/*/ballots', async (route) => {
      sent.push(JSON.parse(route.request().postData() ?? '{}').id);
      if (fail) await route.abort('connectionrefused');
      else await route.continue();
    });
    await entry.keyboard.type('4 5 8');
    await entry.keyboard.press('Enter');
    await expect.poll(() => entry.getAttribute('#save-state', 'class')).toContain('failed');
    expect(await entry.textContent('#save-state')).toContain('LƯU THẤT BẠI');
    expect(await entry.inputValue('#line')).toBe('4 5 8 ');
    fail = false;
    await entry.keyboard.press('Enter');
    await entered(entry, 31);
    await entry.unroute('**/api/rounds/*/ballots');
    expect(new Set(sent).size).toBe(1);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(await entry.isHidden('#save-state')).toBe(true);
  });

  it('keeps a ballot the server never answered across a reload, and delivers it under the same id', async () => {
    const sent: string[] = [];
    await entry.route('**/api/rounds/*/ballots', async (route) => {
      sent.push(JSON.parse(route.request().postData() ?? '{}').id);
      await route.abort('connectionrefused');
    });
    await entry.keyboard.type('9 11');
    await entry.keyboard.press('Enter');
    await expect.poll(() => entry.getAttribute('#save-state', 'class')).toContain('failed');
    await entry.unroute('**/api/rounds/*/ballots');
    const delivered = entry.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/ballots'));
    await entry.reload();
    expect(JSON.parse((await delivered).postData() ?? '{}').id).toBe(sent[0]);
    await entered(entry, 32);
    expect(await entry.isHidden('#save-state')).toBe(true);
  });

  it('counts ballots entered on two pages at once', async () => {
    const second = await browser.newPage();
    await second.goto(`${server.url}/enter.html?round=${ids.roundId}`);
    await entered(second, 32);
    const mine = record.ballots.slice(30, 36);
    const theirs = record.ballots.slice(36, 42);
    await Promise.all([
      (async () => { for (const b of mine) await typeBallot(entry, HIGHEST, b); })(),
      (async () => { for (const b of theirs) await typeBallot(second, HIGHEST, b); })(),
    ]);
    await entered(entry, 44);
    await entered(second, 44);
    const result = await tally();
    expect(result.ballots.valid + result.ballots.invalid).toBe(44);
    await expect.poll(() => display.textContent('#progress')).toBe('Đã nhập 44 / 166 phiếu thu vào');
    expect(await shownVotes(display)).toEqual(result.candidates.map((c: { votes: number }) => c.votes));
    await second.close();
  });

  it('reconnects the display by itself after the server restarts', async () => {
    await server.stop('SIGKILL');
    await expect.poll(() => display.textContent('#connection'), { timeout: 10_000 }).toContain('đang kết nối lại');
    server = await startServerProcess(join(dir, 'congress.sqlite'), {}, { port: server.port });
    const clerk = new HttpClient(server.url);
    await clerk.must('POST', '/api/session', { memberId: ids.clerkId, pin: '3333' });
    await expect.poll(() => display.textContent('#connection'), { timeout: 10_000 }).toBe('');
    await clerk.must('POST', `/api/rounds/${ids.roundId}/ballots`, { id: 'after-restart-1', ballot: { struck: [1, 3] } });
    await expect.poll(() => display.textContent('#progress'), { timeout: 5000 }).toBe('Đã nhập 45 / 166 phiếu thu vào');
    expect(await shownVotes(display)).toEqual((await tally()).candidates.map((c: { votes: number }) => c.votes));
  });
});
