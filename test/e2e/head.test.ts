import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample } from '../support/api.js';
import { launchChromium } from '../support/browser.js';
import { freshDir, screenshot, setUpSample, signInAs } from './support.js';
import { HttpClient, startServerProcess, type ServerProcess } from '../support/process.js';

const executive = sample('executive-committee').record;
const tie = sample('executive-committee-tie');
const TIED = tie.result.tied.map((no) => tie.record.candidates.find((c) => c.no === no)!.name);

/**
 * The head of the counting committee at work in a real browser against the real server process:
 * finish, reopen and certify a count; record the congress's decision on a tie (a re-vote, or stop).
 * One congress holds it all: the tie sample's congress (convened 170, 4 excluded: base 166, as the
 * executive committee sample counts).
 */
describe('the head of the counting committee in a real browser', { timeout: 90_000 }, () => {
  let server: ServerProcess;
  let browser: BrowserContext;
  let dir: string;
  let page: Page;
  let ids: Awaited<ReturnType<typeof setUpSample>>;
  let head: HttpClient;
  let revote: { electionId: string; roundId: string };
  let stop: { electionId: string; roundId: string };
  const state = () => page.textContent('#round-state');

  beforeAll(async () => {
    dir = freshDir('kp-e2e-head-');
    server = await startServerProcess(join(dir, 'congress.sqlite'));
    ids = await setUpSample(server.url, { ...executive, congress: tie.record.congress });
    const clerk = new HttpClient(server.url);
    await clerk.must('POST', '/api/session', { memberId: ids.clerkId, pin: '3333' });
    for (const [i, ballot] of executive.ballots.entries()) await clerk.must('POST', `/api/rounds/${ids.roundId}/ballots`, { id: `ballot-${i}`, ballot });
    head = new HttpClient(server.url);
    await head.must('POST', '/api/session', { memberId: ids.headId, pin: '2222' });
    revote = await head.must('POST', '/api/elections/import', tie.record);
    stop = await head.must('POST', '/api/elections/import', tie.record);
    browser = await launchChromium();
    page = await browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await signInAs(page, server.url, 'Trần Văn Trưởng', '2222', `/round.html?round=${ids.roundId}`);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finishes the count, reopens it only with a reason, finishes again and certifies it', async () => {
    await page.locator('#round-state', { hasText: 'đang kiểm phiếu' }).waitFor();
    expect(await page.isVisible('#certify')).toBe(false);
    await page.click('#close');
    await page.locator('#round-state', { hasText: 'đã kiểm xong' }).waitFor();

    // Reopening needs a reason: refused on the page, nothing sent, still counted.
    await page.click('#reopen button[type=submit]');
    await page.locator('#message.error', { hasText: 'Ghi lý do mở lại' }).waitFor();
    expect(await state()).toContain('đã kiểm xong');
    const reason = 'Phiếu số 12 nhập nhầm, cần đối chiếu lại';
    await page.fill('#reopen-reason', reason);
    await page.keyboard.press('Enter');
    await page.locator('#round-state', { hasText: 'đang kiểm phiếu' }).waitFor();
    const log = await head.must('GET', `/api/audit?entityId=${ids.roundId}`);
    expect(log).toContainEqual(expect.objectContaining({ action: 'round.transition', after: { state: 'counting', reason } }));

    await page.click('#close');
    await page.locator('#round-state', { hasText: 'đã kiểm xong' }).waitFor();
    await expect.poll(() => page.textContent('#certify-explain')).toContain('Đã bầu đủ số lượng');
    expect(await page.isVisible('#certify-stop')).toBe(false);
    // Certifying asks once more; the keyboard reaches the answer.
    await page.click('#certify-start');
    await page.locator('#certify-confirm').waitFor();
    await screenshot(page, 'head-certify-confirm', { width: 1280, height: 900 });
    await page.keyboard.press('Enter');
    await page.locator('#certified').waitFor();
    expect(await state()).toContain('đã xác nhận');
    const code = (await page.textContent('#short-code'))!;
    expect(code).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/u);
    await expect.poll(() => page.textContent('#certified-by')).toContain('Xác nhận bởi Trần Văn Trưởng (Trưởng ban kiểm phiếu)');
    expect(await page.isVisible('#reopen')).toBe(false);
    await page.locator('#certified').scrollIntoViewIfNeeded();
    await screenshot(page, 'head-certified', { width: 1280, height: 900 });

    // The signed file downloads with the session, and its SHA-256 begins with the code shown.
    const file = await page.request.get(server.url + (await page.getAttribute('#to-results-file', 'href'))!);
    expect(file.status()).toBe(200);
    expect(shortCodeOf(await file.body())).toBe(code);
    expect(await page.getAttribute('a[href="/verify.html"]', 'href')).toBe('/verify.html');
    await page.click('#to-minutes');
    await page.locator('h1', { hasText: 'BIÊN BẢN KIỂM PHIẾU' }).waitFor();
    await expect.poll(() => page.textContent('body')).toContain(code);
    await page.goBack();

    await page.goto(`${server.url}/`);
    // The links' words are filled in by the page's module once it has run: wait for them.
    await expect.poll(() => page.textContent('a[href="/print/summary"]')).toBe('Bảng tổng hợp kết quả đại hội');
    await expect.poll(() => page.textContent('a[href="/verify.html"]')).toBe('Kiểm tra tệp kết quả');
  });

  it('records the congress’s decision to re-vote among the tied and lands on the new round with exactly them', async () => {
    await page.goto(`${server.url}/results.html?election=${revote.electionId}`);
    await page.locator('#next-offer').waitFor();
    await expect.poll(() => page.textContent('#next-offer')).toBe('Bầu lại giữa những người bằng phiếu: 3 người cho 2 chỗ');
    expect(await page.locator('#next-names li').allTextContents()).toEqual(TIED);
    expect(await page.isVisible('#next-added')).toBe(false);
    await expect.poll(() => page.textContent('#next')).toContain('Đại hội biểu quyết quyết định');
    await screenshot(page, 'head-results-tie', { width: 1280, height: 900 });
    // The decision is required: refused on the page, no round opened.
    await page.click('#next-form button[type=submit]');
    await page.locator('#message.error', { hasText: 'Ghi quyết định của Đại hội' }).waitFor();
    expect((await head.must('GET', `/api/elections/${revote.electionId}`)).rounds).toHaveLength(1);

    const decision = 'Đại hội biểu quyết bầu lại 2 chỗ trong 3 đồng chí bằng phiếu (98% tán thành)';
    await page.fill('#next-decision', decision);
    await page.click('#next-form button[type=submit]');
    await page.waitForURL(/\/round\.html\?round=/u);
    await page.locator('#candidates tr').nth(2).waitFor();
    expect(await page.locator('#candidates tr td:nth-child(2)').allTextContents()).toEqual(TIED);
    await expect.poll(() => page.textContent('#election-title')).toContain('Vòng 2');
    await expect.poll(() => page.textContent('#round-decision')).toBe(`Quyết định của Đại hội: ${decision}`);
    await screenshot(page, 'head-round-2', { width: 1280, height: 900 });

    // Round 1 now certifies with that decision recorded.
    await page.goto(`${server.url}/round.html?round=${revote.roundId}`);
    await page.locator('#certify-explain', { hasText: 'Đại hội đã quyết định bầu vòng 2' }).waitFor();
    await page.click('#certify-start');
    await page.click('#certify-yes');
    await page.locator('#certified-decision', { hasText: decision }).waitFor();
  });

  it('certifies a tie with no next round only with the congress’s decision to stop', async () => {
    await page.goto(`${server.url}/round.html?round=${stop.roundId}`);
    await page.locator('#certify-explain', { hasText: '3 người bằng phiếu nhau cho 2 chỗ cuối cùng' }).waitFor();
    expect(await page.isVisible('#certify-stop')).toBe(true);
    await expect.poll(() => page.textContent('#certify-start')).toBe('Xác nhận kết quả và dừng');
    await page.locator('#certify').scrollIntoViewIfNeeded();
    await screenshot(page, 'head-certify-tie', { width: 1280, height: 900 });
    await page.click('#certify-start');
    await page.locator('#message.error', { hasText: 'Chưa ghi quyết định của Đại hội' }).waitFor();
    expect(await page.isVisible('#certify-confirm')).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('stop-decision');
    expect((await head.must('GET', `/api/rounds/${stop.roundId}`)).state).toBe('counted');

    const decision = 'Đại hội biểu quyết không bầu lại; Ban Chấp hành gồm 8 đồng chí đã trúng cử.';
    await page.fill('#stop-decision', decision);
    await page.click('#certify-start');
    await page.click('#certify-yes');
    await page.locator('#certified-decision', { hasText: `Đại hội quyết định dừng, không bầu tiếp: ${decision}` }).waitFor();

    await page.goto(`${server.url}/results.html?election=${stop.electionId}`);
    await page.locator('#stopped', { hasText: decision }).waitFor();
    expect(await page.isVisible('#next')).toBe(false);
    expect(await page.getAttribute('#rounds a', 'href')).toBe(`/print/rounds/${stop.roundId}/minutes`);
    await screenshot(page, 'head-results-stopped', { width: 1280, height: 900 });
  });
});

function shortCodeOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16).toUpperCase().match(/.{4}/gu)!.join('-');
}
