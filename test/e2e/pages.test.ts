import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sample } from '../support/api.js';
import { launchChromium } from '../support/browser.js';
import { chooseOwnPin, freshDir, screenshot, signInAs } from './support.js';
import { HttpClient, startServerProcess, type ServerProcess } from '../support/process.js';

const delegation = sample('delegation').record;
const executive = sample('executive-committee').record;

/** A fresh database set up through the pages alone, then the display of a 31-name list and the results page. */
describe('setup, display and results pages in a real browser', { timeout: 90_000 }, () => {
  let server: ServerProcess;
  let browser: BrowserContext;
  let dir: string;
  let page: Page;

  beforeAll(async () => {
    dir = freshDir('kp-e2e-pages-');
    server = await startServerProcess(join(dir, 'congress.sqlite'));
    browser = await launchChromium();
    page = await browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sets up the congress, committee, an election and its pasted list, and opens the count', async () => {
    await page.goto(`${server.url}/setup.html`);
    await page.fill('#c-name', delegation.congress.name);
    await page.fill('#c-convened', '166');
    await page.fill('#c-excluded', '2');
    await page.fill('#s-name', 'Nguyễn Thị Thư');
    await page.fill('#s-pin', '1111');
    await page.click('#congress button[type=submit]');
    await page.locator('#base-line', { hasText: 'Căn cứ tính kết quả: 164' }).waitFor();
    expect(await page.textContent('#base-line')).toContain('ít nhất 83 phiếu');
    // Setup gives each member a PIN; each changes it to their own at first sign-in (below).
    for (const [name, role, pin] of [['Trần Văn Trưởng', 'head', '92222'], ['Lê Thị Kiểm', 'member', '93333']]) {
      await page.fill('#m-name', name);
      await page.selectOption('#m-role', role);
      await page.fill('#m-pin', pin);
      await page.click('#add-member button');
      await page.locator('#members td', { hasText: name }).waitFor();
    }
    await page.selectOption('#e-kind', 'executive_committee');
    await page.fill('#e-title', executive.election.title);
    await page.fill('#e-seats', '15');
    await page.click('#add-election button');
    await page.click('#elections a');
    // The page's handlers are bound once it has drawn the round: before that, the form would submit natively.
    await page.locator('#round-state', { hasText: 'đang chuẩn bị' }).waitFor();
    // Pasted as copied from Word: numbered lines; the 17 names of 15 seats make a surplus of 2.
    await page.fill('#paste', executive.candidates.map((c) => `${c.no}. ${c.name}`).join('\n'));
    await page.click('#import button[type=submit]');
    await page.locator('#candidates tr').nth(16).waitFor();
    expect(await page.locator('#candidates tr').first().textContent()).toContain('Hoàng Xuân Hằng');
    expect(await page.locator('#list-check').textContent()).toBe('');
    // The ABC order is offered, and kept away unless applied.
    await page.click('#abc-show');
    await page.locator('#abc-list li').first().waitFor();
    expect(await page.locator('#abc-list li').first().textContent()).toBe('Phạm Thanh An');
    await page.click('#abc-close');
    expect(await page.locator('#candidates tr').first().textContent()).toContain('Hoàng Xuân Hằng');
    // Removing two names leaves no surplus: the regulation's warning (Điều 14), not a block. Each removal asks first.
    const asked: string[] = [];
    page.on('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    for (let i = 0; i < 2; i++) {
      await page.locator('#candidates tr').last().locator('button', { hasText: 'Xóa' }).click();
      await page.locator('#candidates tr').nth(16 - i - 1).waitFor({ state: 'attached' });
      await expect.poll(() => page.locator('#candidates tr').count()).toBe(16 - i);
    }
    expect(asked).toEqual([`Xóa người số 17 (${executive.candidates[16].name}) khỏi danh sách?`, `Xóa người số 16 (${executive.candidates[15].name}) khỏi danh sách?`]);
    await page.locator('#list-check .warn').waitFor();
    expect(await page.textContent('#list-check')).toContain('Điều 14');
    await page.fill('#issued', '166');
    await page.fill('#collected', '166');
    await page.click('#counts button');
    await page.locator('#message', { hasText: 'Đã lưu' }).waitFor();
    await screenshot(page, 'round-setup', { width: 1280, height: 900 });
    // These pages type ballots one by one (double entry, the default for 15 seats, has its own test).
    const head = new HttpClient(server.url);
    const committee = (await head.must('GET', '/api/members')) as { id: string; role: string }[];
    const headId = committee.find((m) => m.role === 'head')!.id;
    await chooseOwnPin(server.url, headId, '92222', '2222');
    await chooseOwnPin(server.url, committee.find((m) => m.role === 'member')!.id, '93333', '3333');
    await head.must('POST', '/api/session', { memberId: headId, pin: '2222' });
    await head.must('PUT', `/api/rounds/${new URL(page.url()).searchParams.get('round')}/entry-mode`, { mode: 'single' });
    // Opening a list with a warning needs the congress's decision, recorded in the log.
    await page.click('#open');
    await page.locator('#message', { hasText: 'quyết định của đại hội' }).waitFor();
    await page.fill('#open-decision', 'Đại hội biểu quyết thông qua danh sách 15 người (100% tán thành)');
    await page.click('#open');
    await page.locator('#round-state', { hasText: 'đang kiểm phiếu' }).waitFor();
    await page.goto(`${server.url}/`);
    await page.locator('#elections tr').first().waitFor();
    await screenshot(page, 'home', { width: 1280, height: 900 });
  });

  it('fits 31 candidates on the display without scrolling at 1920×1080 and 1024×768, with the result once counted', async () => {
    const setup = new HttpClient(server.url);
    const members = await setup.must('GET', '/api/members');
    // Importing a record brings its ballots: the head's act.
    await setup.must('POST', '/api/session', { memberId: members.find((m: { role: string }) => m.role === 'head').id, pin: '2222' });
    const { electionId, roundId } = await setup.must('POST', '/api/elections/import', delegation);
    const display = await browser.newPage();
    await display.goto(`${server.url}/display.html?round=${roundId}`);
    await display.locator('#standings li').nth(30).waitFor();
    for (const size of [{ width: 1920, height: 1080 }, { width: 1024, height: 768 }]) {
      await screenshot(display, 'display-31', size);
      const fits = await display.evaluate(() => {
        const last = document.querySelector('#standings li:last-child')!.getBoundingClientRect();
        return { bottom: last.bottom, right: last.right, scroll: document.documentElement.scrollHeight - innerHeight };
      });
      expect(fits.bottom).toBeLessThanOrEqual(size.height);
      expect(fits.right).toBeLessThanOrEqual(size.width);
      expect(fits.scroll).toBeLessThanOrEqual(0);
    }
    expect(await display.textContent('#outcome')).toBe('Đã bầu đủ 26 / 26 người');
    expect(await display.locator('#standings li[data-status="elected"]').count()).toBe(26);
    expect(await display.locator('#standings li[data-status="alternate"]').count()).toBe(2);
    await display.close();

    await page.goto(`${server.url}/results.html?election=${electionId}`);
    await page.locator('#rounds table').waitFor();
    expect(await page.textContent('#combined')).toContain('Trúng cử (26 / 26)');
    await screenshot(page, 'results', { width: 1280, height: 900 });
  });

  it('shows only progress on the public display while counting when the election says so, and switches language', async () => {
    const elections = await new HttpClient(server.url).must('GET', '/api/elections');
    const { id: electionId, rounds } = elections[0];
    await page.goto(`${server.url}/round.html?round=${rounds[0].id}`);
    await page.locator('#candidates tr').first().waitFor();
    await page.check('#progress-only');
    await page.locator('#message', { hasText: 'Đã lưu' }).waitFor();
    const clerk = new HttpClient(server.url);
    const members = await clerk.must('GET', '/api/members');
    await clerk.must('POST', '/api/session', { memberId: members.find((m: { role: string }) => m.role === 'member').id, pin: '3333' });
    await clerk.must('POST', `/api/rounds/${rounds[0].id}/ballots`, { id: 'progress-only-1', ballot: { marks: { 1: 'agree', 2: 'disagree' } } });
    const publicBrowser = await launchChromium();
    try {
      const display = await publicBrowser.newPage();
      await display.goto(`${server.url}/display.html?election=${electionId}`);
      await display.locator('#progress', { hasText: 'Đã nhập 1 / 166 phiếu thu vào' }).waitFor();
      expect(await display.isVisible('#held-back')).toBe(true);
      expect(await display.locator('#standings .votes').count()).toBe(0);
      await display.click('#lang-toggle');
      await display.locator('#progress', { hasText: 'Entered 1 / 166 ballots collected' }).waitFor();
      await display.reload();
      await display.locator('#held-back', { hasText: 'The result will be announced' }).waitFor();
      await screenshot(display, 'display-progress-only', { width: 1024, height: 768 });
    } finally {
      await publicBrowser.close();
    }
  });

  it('enters an agree/disagree ballot with the mark keys', async () => {
    const elections = await new HttpClient(server.url).must('GET', '/api/elections');
    const roundId = elections[0].rounds[0].id;
    await signInAs(page, server.url, 'Lê Thị Kiểm', '3333', `/enter.html?round=${roundId}`);
    await page.locator('#progress', { hasText: 'Đã nhập 1 / 166 phiếu thu vào' }).waitFor();
    for (const key of ['+', '2', '-']) await page.keyboard.press(key);
    expect(await page.textContent('#verdict')).toBe('HỢP LỆ — 14 đồng ý');
    expect(await page.getAttribute('#ballot li[data-no="2"]', 'data-mark')).toBe('disagree');
    await screenshot(page, 'entry-marks', { width: 1024, height: 768 });
    await page.keyboard.press('Enter');
    await page.locator('#progress', { hasText: 'Đã nhập 2 / 166 phiếu thu vào' }).waitFor();
  });
});

