import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ballot } from '../../src/domain/index.js';
import { sample } from '../support/api.js';
import { launchBrowser } from '../support/browser.js';
import { freshDir, memberWithOwnPin, screenshot, signInAs, typeBallot } from './support.js';
import { HttpClient, startServerProcess, type ServerProcess } from '../support/process.js';

const { record } = sample('executive-committee');
const HIGHEST = record.candidates.length;
const paper = record.ballots.slice(0, 6);
// The second typist slips twice: position 2 (one name more struck) and position 5 (ruled invalid).
const slipped: Ballot[] = paper.map((b, i) => (i === 1 ? { struck: [1, 3, 16, 17, 5] } : i === 4 ? { invalid: 'marked' } : b));

/** Two members type one pile on two pages (their own sessions), then the head rules on the paper. */
describe('double entry in a real browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  let dir: string;
  let roundId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    dir = freshDir('kp-e2e-double-');
    server = await startServerProcess(join(dir, 'congress.sqlite'));
    const setup = new HttpClient(server.url);
    await setup.must('POST', '/api/congress', { ...record.congress, secretary: { name: 'Nguyễn Thị Thư', pin: '1111' } });
    ids.head = (await memberWithOwnPin(server.url, setup, { name: 'Trần Văn Trưởng', role: 'head', pin: '2222' })).id;
    ids.first = (await memberWithOwnPin(server.url, setup, { name: 'Lê Thị Kiểm', role: 'member', pin: '3333' })).id;
    ids.second = (await memberWithOwnPin(server.url, setup, { name: 'Phạm Văn Phiếu', role: 'member', pin: '4444' })).id;
    const election = await setup.must('POST', '/api/elections', { kind: 'executive_committee', title: record.election.title, seats: 15, alternates: 0 });
    roundId = (await setup.must('GET', `/api/elections/${election.id}`)).rounds[0].id;
    await setup.must('POST', `/api/rounds/${roundId}/candidates`, { names: record.candidates.map((c) => c.name) });
    await setup.must('PATCH', `/api/rounds/${roundId}`, { ballotsIssued: 6, ballotsCollected: 6 });
    await setup.must('POST', `/api/rounds/${roundId}/transition`, { to: 'counting' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Each member in a context of their own: their own session cookie, as on their own laptop. */
  async function pageOf(name: string, pin: string, next: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await signInAs(page, server.url, name, pin, next);
    return page;
  }

  it('two members type one pile, the head rules on the differences, and only then the count closes', async () => {
    const pilesPath = `/piles.html?round=${roundId}`;
    // The entry link of a double-entry round leads to its piles.
    const first = await pageOf('Lê Thị Kiểm', '3333', `/enter.html?round=${roundId}`);
    await first.waitForURL((u) => u.pathname === '/piles.html');
    // A pile declared by mistake (1 for 6): the head withdraws it from the page, with the reason (issue 16).
    await first.fill('#declared', '1');
    await first.keyboard.press('Enter');
    await first.locator('#piles tr[data-pile="1"]').waitFor();
    const head = await pageOf('Trần Văn Trưởng', '2222', pilesPath);
    const asked: string[] = [];
    head.on('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept('Khai nhầm: xấp có 6 phiếu');
    });
    await head.locator('#piles tr[data-pile="1"] button.withdraw-pile').click();
    await head.locator('#message', { hasText: 'Đã rút xấp 1.' }).waitFor();
    expect(asked).toEqual(['Rút xấp 1 (khai nhầm, chưa có phiếu nào được nhập). Lý do?']);
    await expect.poll(() => first.locator('#piles tr').count(), { timeout: 30_000 }).toBe(0);
    await first.fill('#declared', '6');
    await first.click('#declare button[type=submit]');
    await first.locator('#piles tr[data-pile="1"]').waitFor();
    // A stray Enter changes nothing: the field was emptied once the pile was declared (issue 16).
    await expect.poll(() => first.inputValue('#declared'), { timeout: 30_000 }).toBe('');
    await first.focus('#declared');
    await first.keyboard.press('Enter');
    await first.keyboard.press('Enter');
    // Typed again, a seventh ballot would exceed the 6 collected: refused, nothing declared.
    await first.fill('#declared', '1');
    await first.keyboard.press('Enter');
    await expect.poll(() => first.textContent('#message'), { timeout: 30_000 }).toContain('Các xấp phiếu đã khai 6 phiếu, số phiếu thu vào là 6');
    expect(await first.locator('#piles tr').count()).toBe(1);
    await first.fill('#declared', '');
    await first.click('#piles tr[data-pile="1"] a.type-pass >> nth=0');
    await first.waitForURL((u) => u.pathname === '/enter.html' && u.searchParams.get('pass') === '1');
    await expect.poll(() => first.textContent('#progress')).toBe('Xấp 1 · lần nhập 1: 0 / 6 phiếu · Đang nhập phiếu thứ 1 trong xấp 1');
    await first.locator('#line').focus();
    for (const ballot of paper.slice(0, 4)) await typeBallot(first, HIGHEST, ballot);
    await expect.poll(() => first.textContent('#pile-position')).toBe('Đang nhập phiếu thứ 5 trong xấp 1');
    for (const ballot of paper.slice(4)) await typeBallot(first, HIGHEST, ballot);
    await expect.poll(() => first.textContent('#progress')).toBe('Xấp 1 · lần nhập 1: 6 / 6 phiếu');
    expect(await first.isVisible('#pile-full')).toBe(true);
    await screenshot(first, 'double-entry-pass', { width: 1280, height: 800 });

    const second = await pageOf('Phạm Văn Phiếu', '4444', pilesPath);
    const row = second.locator('#piles tr[data-pile="1"]');
    await expect.poll(() => row.locator('td.pass').first().textContent()).toBe('6 / 6 · Lê Thị Kiểm');
    expect(await row.locator('a.type-pass').allTextContents()).toEqual(['Nhập lần 2']);
    await row.locator('a.type-pass').click();
    await second.waitForURL((u) => u.searchParams.get('pass') === '2');
    await second.locator('#line').focus();
    for (const ballot of slipped) await typeBallot(second, HIGHEST, ballot);
    await expect.poll(() => second.textContent('#progress')).toBe('Xấp 1 · lần nhập 2: 6 / 6 phiếu');

    // The first member's piles page follows live: the pile now waits for the head.
    await first.goto(server.url + pilesPath);
    await expect.poll(() => first.textContent('#piles tr[data-pile="1"] td.waiting')).toBe('Xấp phiếu số 1: còn 2 chỗ khác nhau giữa hai lần nhập chờ Trưởng ban đối chiếu phiếu giấy');
    await screenshot(first, 'double-entry-piles', { width: 1280, height: 800 });

    await head.goto(server.url + pilesPath);
    await head.click('#close-count');
    // The server's message is shown as a sentence: a capital first.
    await expect.poll(() => head.textContent('#message')).toMatch(/^Chưa đối chiếu xong: /u);
    expect(await head.textContent('#message')).toContain('xấp phiếu số 1: còn 2 chỗ khác nhau');
    await head.click('#resolve-link');
    await head.waitForURL((u) => u.pathname === '/resolve.html');
    const cards = head.locator('article.difference');
    await expect.poll(() => cards.count()).toBe(2);
    expect(await cards.nth(0).locator('h3').textContent()).toBe('Phiếu thứ 2 trong xấp');
    const named = (nos: number[]) => `gạch ${nos.map((no) => `${no}. ${record.candidates[no - 1].name}`).join(', ')}`;
    expect(await cards.nth(0).locator('dd[data-entry="1"]').textContent()).toBe(named([1, 3, 16, 17]));
    expect(await cards.nth(0).locator('dd[data-entry="2"]').textContent()).toBe(named([1, 3, 5, 16, 17]));
    expect(await cards.nth(1).locator('dd[data-entry="2"]').textContent()).toBe('KHÔNG HỢP LỆ — Có ký tên hoặc đánh dấu riêng');
    // What differs is highlighted: name 5, struck in entry 2 only; the whole of an entry that is invalid in one only.
    expect(await cards.nth(0).locator('dd[data-entry="1"] mark.differs').count()).toBe(0);
    expect(await cards.nth(0).locator('dd[data-entry="2"] mark.differs').allTextContents()).toEqual([`5. ${record.candidates[4].name}`]);
    expect(await cards.nth(1).locator('dd[data-entry="2"] mark.differs').allTextContents()).toEqual(['KHÔNG HỢP LỆ — Có ký tên hoặc đánh dấu riêng']);
    await screenshot(head, 'double-entry-resolve', { width: 1280, height: 800 });

    // Position 2: the paper is as the first entry. Position 5: neither — the head types it as read.
    await cards.nth(0).locator('input.reason').fill('Đã xem phiếu giấy: gạch 4 tên');
    await cards.nth(0).locator('button[data-as="1"]').click();
    await expect.poll(() => head.locator('article.difference.resolved').count()).toBe(1);
    const open = head.locator('article.difference:not(.resolved)');
    await open.locator('input.reason').fill('Phiếu giấy hợp lệ, gạch 2 tên');
    await open.locator('input.read-line').fill('7 12');
    await open.locator('button.as-read').click();
    await expect.poll(() => head.locator('article.difference.resolved').count()).toBe(2);

    await head.goto(server.url + pilesPath);
    await expect.poll(() => head.textContent('#piles tr[data-pile="1"] td.settled')).toBe('Đã xử lý 2 chỗ khác nhau — đã tính');
    await expect.poll(() => head.textContent('#blocker')).toContain('Đã đối chiếu đủ');
    await head.click('#close-count');
    await expect.poll(() => head.textContent('#message')).toBe('Đã kết thúc kiểm phiếu.');
    // The closed count says so and leads on, in one step, to certifying and to the papers.
    await head.locator('#count-closed').waitFor();
    expect(await head.textContent('#closed-text')).toContain('Đã kết thúc kiểm phiếu vòng này');
    expect(await head.isVisible('#blocker')).toBe(false);
    expect(await head.isVisible('#close-count')).toBe(false);
    expect(await head.getAttribute('#to-papers', 'href')).toMatch(/^\/results\.html\?election=/u);
    await screenshot(head, 'double-entry-closed', { width: 1280, height: 800 });
    await head.click('#to-certify');
    await head.waitForURL((u) => u.pathname === '/round.html' && u.hash === '#certify');
    await head.locator('#certify:not([hidden])').waitFor();

    const reader = new HttpClient(server.url);
    await reader.must('POST', '/api/session', { memberId: ids.head, pin: '2222' });
    const log = await reader.must('GET', '/api/audit');
    expect(log).toContainEqual(expect.objectContaining({ action: 'pile.withdraw', actor: ids.head, before: expect.objectContaining({ number: 1, declared: 1 }), after: { reason: 'Khai nhầm: xấp có 6 phiếu' } }));
    const official = (await reader.must('GET', `/api/rounds/${roundId}/record`)).ballots;
    expect(official).toEqual([paper[0], paper[1], paper[2], paper[3], { struck: [7, 12] }, paper[5]]);
    const tally = await reader.must('GET', `/api/rounds/${roundId}/tally`);
    expect(tally).toMatchObject({ provisional: false, entry: { mode: 'double', reconciliation: { resolvedDifferences: 2, reconciled: true } } });
  }, 90_000);
});
