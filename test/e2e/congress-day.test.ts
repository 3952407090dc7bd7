import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ballot } from '../../src/domain/index.js';
import { PASSPHRASE } from '../support/certify.js';
import { startServerProcess, type ServerProcess } from '../support/process.js';
import { freshDir, typeBallot } from './support.js';

/**
 * A whole ward congress through the pages alone (issue 16): from an empty database, by keyboard and
 * clicks, no API call. The technical secretary sets up the congress, the committee and three
 * elections and pastes the lists; two members type the executive committee twice in 4 piles, with two
 * slips the head rules on; the secretary's election is typed once; the delegation ties at the cut-off
 * and is re-voted, and its missing alternate is elected on a ballot of its own. The head certifies each round, prints the minutes to
 * PDF and checks the downloaded file on the verify page. Every page is photographed at 1366×768 and
 * the projector at 1024×768, under test-artifacts/congress-day/.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS = join(ROOT, 'test-artifacts', 'congress-day');
const WIDE = { width: 1366, height: 768 };
const PROJECTOR = { width: 1024, height: 768 };

const CONGRESS = 'Đại hội đại biểu Đảng bộ phường Hòa Bình lần thứ I, nhiệm kỳ 2025 - 2030';
const EXECUTIVE = ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Văn Cường', 'Phạm Thị Dung', 'Hoàng Văn Em', 'Vũ Thị Giang'];
const DELEGATION = ['Đặng Văn Hải', 'Bùi Thị Hoa', 'Đỗ Văn Khang', 'Ngô Thị Lan', 'Dương Văn Minh'];

// Nine delegates vote (base 9: elected with at least 5 votes).
// Executive committee, 5 of 6: five names get 8 votes, Vũ Thị Giang 5 — over half, but not elected.
const EXECUTIVE_BALLOTS: Ballot[] = [{ struck: [6] }, { struck: [6] }, { struck: [6] }, { struck: [6] }, { struck: [5] }, { struck: [4] }, { struck: [3] }, { struck: [2] }, { struck: [1] }];
const PILES = [3, 2, 2, 2];
// Secretary, 1 of 2: Nguyễn Văn An 7, Trần Thị Bình 2.
const SECRETARY_BALLOTS: Ballot[] = [...Array.from({ length: 7 }, (): Ballot => ({ struck: [2] })), { struck: [1] }, { struck: [1] }];
// Delegation, 3 + 1 alternate of 5: 9, 8, then Đỗ Văn Khang and Ngô Thị Lan tie on 7 for the third seat.
const DELEGATION_BALLOTS: Ballot[] = [...Array.from({ length: 5 }, (): Ballot => ({ struck: [5] })), { struck: [2, 5] }, { struck: [3] }, { struck: [4] }, { struck: [3, 4] }];

/** Pages under a loaded machine take their time: wait as long as a locator would. */
const SLOW = { timeout: 30_000 };

const vietnamTime = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(11, 16);

describe('a whole congress day through the pages', { timeout: 900_000 }, () => {
  let server: ServerProcess;
  let browser: Browser;
  let dir: string;
  let shot = 0;

  beforeAll(async () => {
    dir = freshDir('kp-e2e-day-');
    rmSync(ARTIFACTS, { recursive: true, force: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServerProcess(join(dir, 'congress.sqlite'));
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A laptop of its own (its own session); the head's is set to New York's time zone, the hall's clocks are Vietnam's. */
  async function laptop(timezoneId = 'Asia/Ho_Chi_Minh'): Promise<{ context: BrowserContext; page: Page; answers: string[]; asked: string[] }> {
    const context = await browser.newContext({ viewport: WIDE, timezoneId, acceptDownloads: true });
    const page = await context.newPage();
    const answers: string[] = [];
    const asked: string[] = [];
    // prompt() and confirm() answered as a person would: the next answer queued, or OK.
    page.on('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept(dialog.type() === 'prompt' ? answers.shift() : undefined);
    });
    return { context, page, answers, asked };
  }

  async function photo(page: Page, name: string, size = WIDE): Promise<void> {
    await page.setViewportSize(size);
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(ARTIFACTS, `${String(++shot).padStart(2, '0')}-${name}-${size.width}x${size.height}.png`) });
    if (size !== WIDE) await page.setViewportSize(WIDE);
  }

  /** PINs the members chose at their first sign-in, in place of the one setup gave them (issue 14). */
  const chosenPins = new Map<string, string>();

  async function signIn(page: Page, name: string, pin: string): Promise<void> {
    await page.goto(`${server.url}/`);
    await page.click('#sign-in');
    await page.locator('#member option', { hasText: name }).first().waitFor({ state: 'attached' });
    await page.selectOption('#member', { label: (await page.locator('#member option', { hasText: name }).first().textContent())! });
    const typed = chosenPins.get(name) ?? pin;
    await page.fill('#pin', typed);
    await page.keyboard.press('Enter');
    const changeForm = page.locator('#change-pin');
    await Promise.race([page.waitForURL((u) => u.pathname === '/' || u.pathname === '/setup.html'), changeForm.waitFor({ state: 'visible' })]);
    if (await changeForm.isVisible()) {
      // A PIN set by setup: its owner chooses one of their own before anything else, by keyboard.
      const own = `${typed.slice(1)}${typed[0]}9`;
      if ((await page.inputValue('#current-pin')) === '') await page.fill('#current-pin', typed);
      await page.fill('#new-pin', own);
      await page.fill('#repeat-pin', own);
      await page.keyboard.press('Enter');
      chosenPins.set(name, own);
      await page.waitForURL((u) => u.pathname === '/' || u.pathname === '/setup.html');
    }
  }

  /** From the start page, the link of one election's round (its list, its entry, its display, its results). */
  async function openFromHome(page: Page, election: string, round: number, link: string): Promise<void> {
    await page.goto(`${server.url}/`);
    const row = page.locator('#elections tr', { hasText: election }).filter({ hasText: `Vòng ${round}` });
    await row.locator('a', { hasText: link }).click();
  }

  /** The head certifies a counted round: the signing key's passphrase (set at the first certification) typed, then confirmed. */
  async function certify(page: Page): Promise<void> {
    await page.fill('#key-passphrase', PASSPHRASE);
    await page.click('#certify-start');
    await page.click('#certify-yes');
    await page.locator('#certified').waitFor();
  }

  async function typeAll(page: Page, highest: number, ballots: Ballot[]): Promise<void> {
    await page.locator('#line').focus();
    for (const ballot of ballots) await typeBallot(page, highest, ballot);
  }

  const secretary = { name: 'Nguyễn Thị Thư', pin: '1111' };
  const head = { name: 'Trần Văn Trưởng', pin: '2222' };
  const first = { name: 'Lê Thị Kiểm', pin: '3333' };
  const second = { name: 'Phạm Văn Phiếu', pin: '4444' };
  let setup: Awaited<ReturnType<typeof laptop>>;
  let chief: Awaited<ReturnType<typeof laptop>>;
  let clerkA: Awaited<ReturnType<typeof laptop>>;
  let clerkB: Awaited<ReturnType<typeof laptop>>;
  let hall: Awaited<ReturnType<typeof laptop>>;

  it('sets up the congress, its committee and three elections, and pastes the lists', async () => {
    setup = await laptop();
    const page = setup.page;
    await page.goto(`${server.url}/`);
    await page.locator('#no-congress a').click();
    await page.fill('#c-name', CONGRESS);
    await page.fill('#c-organisation', 'Đảng bộ phường Hòa Bình');
    await page.fill('#c-convened', '9');
    await page.fill('#s-name', secretary.name);
    await page.fill('#s-pin', secretary.pin);
    await photo(page, 'setup-congress');
    await page.click('#congress button[type=submit]');
    await page.locator('#base-line', { hasText: 'Căn cứ tính kết quả: 9' }).waitFor();

    // The committee; one name mistyped and one PIN given wrong, both put right before counting.
    for (const [name, role, pin] of [[head.name, 'head', head.pin], [first.name, 'member', first.pin], ['Phạm Văn Phieu', 'member', '4440']]) {
      await page.fill('#m-name', name);
      await page.selectOption('#m-role', role);
      await page.fill('#m-pin', pin);
      await page.keyboard.press('Enter');
      await page.locator('#members td', { hasText: name }).waitFor();
    }
    const mistyped = page.locator('#members tr', { hasText: 'Phạm Văn Phieu' });
    setup.answers.push(second.name);
    await mistyped.locator('button.rename').click();
    await page.locator('#members td', { hasText: second.name }).waitFor();
    setup.answers.push(second.pin);
    await page.locator('#members tr', { hasText: second.name }).locator('button.reset-pin').click();
    await page.locator('#message', { hasText: `Đã đặt lại mã PIN của ${second.name}.` }).waitFor();

    // Three elections; every field of the form has its label (the alternates' too).
    expect(await page.textContent('label[for="e-alternates"]')).toBe('Số dự khuyết');
    for (const [kind, title, seats, alternates] of [
      ['executive_committee', 'Bầu Ban Chấp hành Đảng bộ phường', '5', '0'],
      ['secretary', 'Bầu Bí thư Đảng ủy phường', '1', '0'],
      ['delegates', 'Bầu đoàn đại biểu dự Đại hội Đảng bộ quận', '3', '1'],
    ] as const) {
      await page.selectOption('#e-kind', kind);
      await page.fill('#e-title', title);
      await page.fill('#e-seats', seats);
      await page.fill('#e-alternates', alternates);
      // The delegation elects its alternate on the officials' ballot (one ballot), the rest of it on a ballot of its own.
      if (alternates !== '0') await page.selectOption('#e-method', 'one_ballot');
      await page.click('#add-election button[type=submit]');
      await page.locator('#elections td', { hasText: title }).waitFor();
    }
    await photo(page, 'setup-committee-elections');

    // The executive committee's list, pasted twice by mistake: one warning naming each pair, by the list.
    await page.locator('#elections tr', { hasText: 'Ban Chấp hành' }).locator('a').click();
    await page.locator('#round-state', { hasText: 'đang chuẩn bị' }).waitFor();
    const pasted = [...EXECUTIVE.slice(0, 5), 'Vũ Thị Gang'].map((n, i) => `${i + 1}. ${n}`).join('\n');
    await page.fill('#paste', `${pasted}\n${pasted}`);
    await page.click('#import button[type=submit]');
    await page.locator('#candidates tr').nth(11).waitFor();
    // (12 names for 5 places also breaks the surplus rule: that is the list's other warning.)
    const same = page.locator('#list-check .warn', { hasText: 'Trùng họ tên' });
    await expect.poll(() => same.count(), SLOW).toBe(1);
    expect(await same.textContent()).toContain('Trùng họ tên: số 1 và số 7 (Nguyễn Văn An); số 2 và số 8 (Trần Thị Bình)');
    expect(await same.textContent()).toContain('số 6 và số 12 (Vũ Thị Gang)');
    await photo(page, 'round-list-pasted-twice');
    await page.fill('#paste', pasted);
    await page.check('#replace');
    await page.click('#import button[type=submit]');
    await expect.poll(() => page.locator('#candidates tr').count(), SLOW).toBe(6);
    expect(await page.locator('#list-check').textContent()).toBe('');
    // One name misspelled: renamed in place, its number kept.
    setup.answers.push('Vũ Thị Giang');
    await page.locator('#candidates tr', { hasText: 'Vũ Thị Gang' }).locator('button.rename').click();
    await page.locator('#candidates tr', { hasText: '6Vũ Thị Giang' }).waitFor();
    // The entry mode is said; 5 places: double entry by default.
    expect(await page.textContent('#entry-mode-line')).toContain('nhập hai lần theo xấp phiếu');
    await page.fill('#issued', '9');
    await page.fill('#collected', '9');
    await page.click('#counts button');
    await page.locator('#message', { hasText: 'Đã lưu' }).waitFor();
    await photo(page, 'round-executive-setup');
    await page.click('#open');
    await page.locator('#round-state', { hasText: 'đang kiểm phiếu' }).waitFor();

    // The secretary's election: 2 names for 1 place, typed once.
    await page.goto(`${server.url}/setup.html`);
    await page.locator('#elections tr', { hasText: 'Bí thư' }).locator('a').click();
    await page.locator('#round-state', { hasText: 'đang chuẩn bị' }).waitFor();
    await page.fill('#paste', EXECUTIVE.slice(0, 2).join('\n'));
    await page.click('#import button[type=submit]');
    await page.locator('#candidates tr').nth(1).waitFor();
    expect(await page.textContent('#entry-mode-line')).toContain('nhập một lần');
    await page.fill('#issued', '9');
    await page.fill('#collected', '9');
    await page.click('#counts button');
    await page.locator('#message', { hasText: 'Đã lưu' }).waitFor();
    await page.click('#open');
    await page.locator('#round-state', { hasText: 'đang kiểm phiếu' }).waitFor();

    // The delegation: 3 + 1 of 5, typed once by the committee's choice, made on the page before counting.
    await page.goto(`${server.url}/setup.html`);
    await page.locator('#elections tr', { hasText: 'đoàn đại biểu' }).locator('a').click();
    await page.locator('#round-state', { hasText: 'đang chuẩn bị' }).waitFor();
    await page.fill('#paste', DELEGATION.join('\n'));
    await page.click('#import button[type=submit]');
    await page.locator('#candidates tr').nth(4).waitFor();
    expect(await page.textContent('#entry-mode-line')).toContain('nhập hai lần');
    await page.selectOption('#entry-mode-choice', 'single');
    await page.click('#entry-mode button[type=submit]');
    await page.locator('#entry-mode-line', { hasText: 'nhập một lần' }).waitFor();
    await page.fill('#issued', '9');
    await page.fill('#collected', '9');
    await page.click('#counts button');
    await page.locator('#message', { hasText: 'Đã lưu' }).waitFor();
    await page.click('#open');
    await page.locator('#round-state', { hasText: 'đang kiểm phiếu' }).waitFor();
    // The list and the mode are fixed now: no removal, no rename, no mode to choose.
    expect(await page.locator('#candidates button').count()).toBe(0);
    expect(await page.isVisible('#entry-mode')).toBe(false);

    // The committee is fixed once counting has begun: its buttons are gone, and the page says why.
    await page.goto(`${server.url}/setup.html`);
    await page.locator('#committee-fixed').waitFor();
    expect(await page.locator('#members button').count()).toBe(0);
    await photo(page, 'setup-after-counting-began');

    // The technical secretary may not type ballots: the entry page says who may, with no sign-in loop.
    await openFromHome(page, 'Ban Chấp hành', 1, 'Nhập phiếu');
    await page.locator('#not-for-role').waitFor();
    const notFor = (await page.textContent('#not-for-role'))!;
    expect(notFor).toMatch(/^Trang này dành cho: Trưởng ban kiểm phiếu, thành viên Ban kiểm phiếu/u);
    expect(notFor).toContain('Bạn đang đăng nhập là Nguyễn Thị Thư (thư ký kỹ thuật), nên không dùng được trang này.');
    expect(new URL(page.url()).pathname).toBe('/enter.html');
    await photo(page, 'entry-not-for-the-secretary');
  });

  it('types the executive committee twice in 4 piles; two slips are ruled on by the head; a stray Enter changes nothing', async () => {
    clerkA = await laptop();
    clerkB = await laptop();
    chief = await laptop('America/New_York');
    hall = await laptop();
    await signIn(clerkA.page, first.name, first.pin);
    await signIn(clerkB.page, second.name, second.pin);
    await signIn(chief.page, head.name, head.pin);
    const A = clerkA.page;
    const B = clerkB.page;
    await openFromHome(A, 'Ban Chấp hành', 1, 'Nhập phiếu');
    await A.waitForURL((u) => u.pathname === '/piles.html');
    const pilesUrl = A.url();

    // Piles 1 to 3 declared; pile 3 is miscounted as 1 and the head corrects it after counting again.
    for (const declared of [3, 2, 1]) {
      const before = await A.locator('#piles tr').count();
      await A.fill('#declared', String(declared));
      await A.keyboard.press('Enter');
      await expect.poll(() => A.locator('#piles tr').count(), SLOW).toBe(before + 1);
      await expect.poll(() => A.inputValue('#declared'), SLOW).toBe('');
    }
    // A stray Enter on the emptied field declares nothing.
    await A.keyboard.press('Enter');
    await A.keyboard.press('Enter');
    await A.waitForTimeout(300);
    expect(await A.locator('#piles tr').count()).toBe(3);
    await chief.page.goto(pilesUrl);
    await chief.page.locator('#piles tr[data-pile="3"]').waitFor();
    chief.answers.push('2', 'Đếm lại xấp 3: có 2 phiếu');
    await chief.page.locator('#piles tr[data-pile="3"] button.correct-pile').click();
    await chief.page.locator('#piles tr[data-pile="3"] td.num', { hasText: '2' }).waitFor();
    expect(chief.asked.slice(-2)).toEqual(['Số phiếu đếm lại được của xấp 3 (đã khai 1):', 'Lý do sửa số phiếu của xấp 3?']);
    // Pile 4 declared; a fifth would hold more ballots than the 9 collected: refused, nothing declared.
    await A.fill('#declared', '2');
    await A.keyboard.press('Enter');
    await A.locator('#piles tr[data-pile="4"]').waitFor();
    await A.fill('#declared', '1');
    await A.keyboard.press('Enter');
    await A.locator('#message.error', { hasText: 'Các xấp phiếu đã khai 9 phiếu, số phiếu thu vào là 9' }).waitFor();
    expect(await A.locator('#piles tr').count()).toBe(4);
    await photo(A, 'piles-declared');

    // The projector in the hall, public, no sign-in.
    await openFromHome(hall.page, 'Ban Chấp hành', 1, 'Màn hình chiếu');
    await hall.page.locator('#standings li').nth(5).waitFor();

    const start = PILES.map((_, i) => PILES.slice(0, i).reduce((a, b) => a + b, 0));
    const paper = (pile: number) => EXECUTIVE_BALLOTS.slice(start[pile - 1], start[pile - 1] + PILES[pile - 1]);
    // Piles 1 and 3: A types entry 1, B entry 2; piles 2 and 4 the other way round. A slips twice in entry 2.
    const slips = new Map<string, Ballot>([['2:1', { struck: [5] }], ['4:2', { struck: [2] }]]);
    async function typePass(page: Page, pile: number, pass: 1 | 2) {
      await page.goto(pilesUrl);
      const link = page.locator(`#piles tr[data-pile="${pile}"] a.type-pass`, { hasText: `lần ${pass}` });
      await link.click();
      await page.waitForURL((u) => u.pathname === '/enter.html' && u.searchParams.get('pass') === String(pass));
      await page.locator('#pile-position', { hasText: `Đang nhập phiếu thứ 1 trong xấp ${pile}` }).waitFor();
      const ballots = paper(pile).map((b, i) => (pass === 2 ? (slips.get(`${pile}:${i + 1}`) ?? b) : b));
      await typeAll(page, EXECUTIVE.length, ballots.slice(0, 1));
      await page.locator('#pile-position', { hasText: `Đang nhập phiếu thứ 2 trong xấp ${pile}` }).waitFor();
      if (pile === 1) await photo(page, 'entry-pile-1-typing');
      await typeAll(page, EXECUTIVE.length, ballots.slice(1));
      await page.locator('#pile-full').waitFor();
    }
    await typePass(A, 1, 1);
    await photo(A, 'entry-pile-1-pass-1-done');
    await typePass(B, 1, 2);
    await typePass(B, 2, 1);
    // Midway, the projector says how far typing and reconciling have come: 5 typed, 3 reconciled.
    await hall.page.locator('#progress', { hasText: 'đã nhập 5, đã đối chiếu 3 / 9 phiếu' }).waitFor();
    await photo(hall.page, 'projector-midway', PROJECTOR);
    await typePass(A, 2, 2);
    await typePass(A, 3, 1);
    await B.goto(pilesUrl);
    await typePass(B, 3, 2);
    await typePass(B, 4, 1);
    await typePass(A, 4, 2);
    await photo(A, 'entry-pile-4-pass-2-done');

    // The head rules on the two slips with the paper ballots in hand; the differing names are highlighted.
    const C = chief.page;
    await C.goto(pilesUrl);
    await C.locator('#resolve-link:not([hidden])').waitFor();
    await photo(C, 'piles-waiting-for-the-head');
    await C.click('#resolve-link');
    const cards = C.locator('article.difference');
    await expect.poll(() => cards.count(), SLOW).toBe(2);
    expect(await cards.nth(0).locator('dd[data-entry="2"] mark.differs').allTextContents()).toEqual(['5. Hoàng Văn Em']);
    expect(await cards.nth(0).locator('dd[data-entry="1"] mark.differs').allTextContents()).toEqual(['6. Vũ Thị Giang']);
    await photo(C, 'resolve-two-slips');
    for (let i = 0; i < 2; i++) {
      const open = C.locator('article.difference:not(.resolved)').first();
      await open.locator('input.reason').fill('Đã xem phiếu giấy: đúng như lần nhập 1');
      await open.locator('button[data-as="1"]').click();
      await expect.poll(() => C.locator('article.difference.resolved').count(), SLOW).toBe(i + 1);
    }
    await C.click('#back');
    await C.locator('#blocker', { hasText: 'Đã đối chiếu đủ' }).waitFor();
    await photo(C, 'piles-reconciled');
    await C.click('#close-count');
    await C.locator('#count-closed').waitFor();
    await photo(C, 'piles-count-closed');
    // The projector shows the result: seats, valid and invalid, and why Vũ Thị Giang, over half, is not elected.
    await hall.page.locator('#outcome', { hasText: 'Đã bầu đủ 5 / 5 người' }).waitFor();
    await hall.page.setViewportSize(PROJECTOR);
    expect(await hall.page.textContent('#seats')).toBe('Bầu 5 người');
    expect(await hall.page.textContent('#ballots')).toBe('Hợp lệ 9 · Không hợp lệ 0');
    expect(await hall.page.textContent('#standings li[data-no="6"] .status')).toBe('Quá ½');
    expect(await hall.page.textContent('#over-half')).toContain('Vũ Thị Giang: quá một nửa số phiếu nhưng không trúng cử');
    const sizes = await hall.page.evaluate(() =>
      [...document.querySelectorAll('#standings .status, #standings .pct')].map((el) => parseFloat(getComputedStyle(el).fontSize)),
    );
    expect(sizes.length).toBe(12);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(24);
    await photo(hall.page, 'projector-executive-counted', PROJECTOR);
  });

  let downloaded = '';
  it('certifies, prints the minutes to PDF and verifies the downloaded file on the verify page', async () => {
    const C = chief.page;
    await C.click('#to-certify');
    await C.locator('#certify:not([hidden])').waitFor();
    await photo(C, 'round-certify');
    // The complaints heard and the committee's conclusion, for the minutes.
    const complaints = 'Đồng chí Hoàng Văn Em đề nghị xem lại phiếu số 5 của xấp 2; Ban kiểm phiếu kết luận phiếu hợp lệ.';
    await C.fill('#complaints', complaints);
    // The first certification asks for the signing key's passphrase (it sets it); the keyboard reaches the field.
    await C.click('#certify-start');
    await C.locator('#message.error', { hasText: 'cụm mật khẩu của khóa ký' }).waitFor();
    expect(await C.evaluate(() => document.activeElement?.id)).toBe('key-passphrase');
    await C.keyboard.type(PASSPHRASE);
    await C.click('#certify-start');
    await C.locator('#certify-confirm').waitFor();
    const before = Date.now();
    await C.keyboard.press('Enter');
    await C.locator('#certified').waitFor();
    const after = Date.now();
    // The head's laptop is set to New York's time: the page still says Vietnam's time, as the minutes do.
    const certifiedBy = (await C.textContent('#certified-by'))!;
    expect([vietnamTime(before), vietnamTime(after)].some((hm) => certifiedBy.includes(`lúc ${hm} `)), certifiedBy).toBe(true);
    const code = (await C.textContent('#short-code'))!;
    await C.locator('#certified').scrollIntoViewIfNeeded();
    await photo(C, 'round-certified');

    const [download] = await Promise.all([C.waitForEvent('download'), C.click('#to-results-file')]);
    expect(download.suggestedFilename()).toMatch(/^ket-qua-bau-ban-chap-hanh-dang-bo-phuong-vong-1-[0-9a-f]{8}\.json$/u);
    downloaded = join(dir, download.suggestedFilename());
    await download.saveAs(downloaded);

    await C.click('#to-minutes');
    await C.locator('h1', { hasText: 'BIÊN BẢN KIỂM PHIẾU' }).waitFor();
    const pdf = join(ARTIFACTS, 'minutes-executive-committee.pdf');
    writeFileSync(pdf, await C.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true }));
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/gu, ' ');
    expect(text).toContain(code);
    expect(text).toContain('Vũ Thị Giang');
    expect(text).toContain(complaints);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(ARTIFACTS, 'minutes-executive-committee-page')]);

    await C.goto(`${server.url}/`);
    await C.click('a[href="/verify.html"]');
    // The page's module listens once loaded: choose the file after that, as a person would.
    await C.waitForURL((u) => u.pathname === '/verify.html', { waitUntil: 'load' });
    await C.setInputFiles('#file', downloaded);
    // Intact, but "verified" only once the code printed on the minutes is typed in.
    await C.locator('#verdict[data-kind="intact"]').waitFor();
    await C.focus('#minutes-code');
    await C.keyboard.type(code);
    await C.locator('#verdict[data-kind="verified"]').waitFor();
    expect(await C.locator('#file-code').textContent()).toBe(code);
    expect(await C.locator('main').innerText()).not.toContain('Verified');
    await photo(C, 'verify-page');
    expect(readFileSync(downloaded, 'utf8')).toContain('"Bầu Ban Chấp hành Đảng bộ phường"');
  });

  it('types the secretary once, and certifies it', async () => {
    const A = clerkA.page;
    await openFromHome(A, 'Bí thư', 1, 'Nhập phiếu');
    await A.locator('#progress', { hasText: 'Đã nhập 0 / 9 phiếu thu vào' }).waitFor();
    await typeAll(A, 2, SECRETARY_BALLOTS);
    await A.locator('#progress', { hasText: 'Đã nhập 9 / 9 phiếu thu vào' }).waitFor();
    await photo(A, 'entry-secretary');
    const C = chief.page;
    await openFromHome(C, 'Bí thư', 1, 'Danh sách & phiếu');
    // The head closes the count once the page says it is counting (the button is on the page before its script).
    await C.locator('#round-state', { hasText: 'đang kiểm phiếu' }).waitFor();
    await C.click('#close');
    await C.locator('#certify:not([hidden])').waitFor();
    await certify(C);
    await openFromHome(C, 'Bí thư', 1, 'Kết quả');
    await C.locator('#rounds table').waitFor();
    expect(await C.textContent('#combined')).toContain('Nguyễn Văn An');
    await photo(C, 'results-secretary');
  });

  it('counts the delegation: a tie at the cut-off, the re-vote, and the alternates’ ballot', async () => {
    const A = clerkA.page;
    const C = chief.page;
    const S = setup.page;
    await openFromHome(A, 'đoàn đại biểu', 1, 'Nhập phiếu');
    await A.locator('#progress', { hasText: 'Đã nhập 0 / 9' }).waitFor();
    await typeAll(A, 5, DELEGATION_BALLOTS);
    await A.locator('#progress', { hasText: 'Đã nhập 9 / 9' }).waitFor();
    await openFromHome(C, 'đoàn đại biểu', 1, 'Danh sách & phiếu');
    await C.locator('#round-state', { hasText: 'đang kiểm phiếu' }).waitFor();
    await C.click('#close');
    await C.locator('#certify:not([hidden])').waitFor();
    await openFromHome(hall.page, 'đoàn đại biểu', 1, 'Màn hình chiếu');
    await hall.page.locator('#outcome', { hasText: 'bằng phiếu' }).waitFor();
    expect(await hall.page.textContent('#seats')).toBe('Bầu 3 người, 1 dự khuyết');
    await photo(hall.page, 'projector-delegation-tie', PROJECTOR);

    // The congress decides the re-vote; the head records it on the results page.
    await openFromHome(C, 'đoàn đại biểu', 1, 'Kết quả');
    await C.locator('#next-offer', { hasText: 'Bầu lại giữa những người bằng phiếu: 2 người cho 1 chỗ' }).waitFor();
    expect(await C.locator('#next-names li').allTextContents()).toEqual(['Đỗ Văn Khang', 'Ngô Thị Lan']);
    await photo(C, 'results-delegation-tie');
    await C.fill('#next-decision', 'Đại hội biểu quyết bầu lại 1 chỗ giữa hai đồng chí bằng phiếu (100% tán thành)');
    await C.click('#next-form button[type=submit]');
    await C.waitForURL(/\/round\.html\?round=/u);
    // The re-vote keeps one name: typed once, as documented, though round 1's mode was chosen on the page.
    await C.locator('#entry-mode-line', { hasText: 'nhập một lần' }).waitFor();
    await openFromHome(C, 'đoàn đại biểu', 1, 'Danh sách & phiếu');
    await C.locator('#certify-explain', { hasText: 'vòng 2' }).waitFor();
    await certify(C);

    async function openRound(number: number) {
      await openFromHome(S, 'đoàn đại biểu', number, 'Danh sách & phiếu');
      await S.locator('#round-state', { hasText: 'đang chuẩn bị' }).waitFor();
      await S.fill('#issued', '9');
      await S.fill('#collected', '9');
      await S.click('#counts button');
      await S.locator('#message', { hasText: 'Đã lưu' }).waitFor();
      await S.click('#open');
      await S.locator('#round-state', { hasText: 'đang kiểm phiếu' }).waitFor();
    }
    async function countRound(number: number, highest: number, ballots: Ballot[]) {
      await openFromHome(A, 'đoàn đại biểu', number, 'Nhập phiếu');
      await A.locator('#progress', { hasText: 'Đã nhập 0 / 9' }).waitFor();
      await typeAll(A, highest, ballots);
      await A.locator('#progress', { hasText: 'Đã nhập 9 / 9' }).waitFor();
      await openFromHome(C, 'đoàn đại biểu', number, 'Danh sách & phiếu');
      await C.locator('#round-state', { hasText: 'đang kiểm phiếu' }).waitFor();
      await C.click('#close');
      await C.locator('#certify:not([hidden])').waitFor();
    }
    await openRound(2);
    // Đỗ Văn Khang 6, Ngô Thị Lan 3.
    await countRound(2, 2, [...Array.from({ length: 6 }, (): Ballot => ({ struck: [2] })), { struck: [1] }, { struck: [1] }, { struck: [1] }]);
    await certify(C);

    // The alternate is still missing: the results page offers a ballot for it, among those not elected.
    await openFromHome(C, 'đoàn đại biểu', 2, 'Kết quả');
    await C.locator('#next-offer', { hasText: 'Bầu tiếp 1 chỗ dự khuyết còn thiếu trong số những người chưa trúng cử' }).waitFor();
    expect(await C.locator('#next-names li').allTextContents()).toEqual(['Ngô Thị Lan', 'Dương Văn Minh']);
    const combined = (await C.textContent('#combined'))!;
    for (const name of ['Đặng Văn Hải', 'Bùi Thị Hoa', 'Đỗ Văn Khang']) expect(combined).toContain(name);
    await photo(C, 'results-delegation-alternate-offered');
    await C.fill('#next-decision', 'Đại hội biểu quyết bầu 1 đại biểu dự khuyết');
    await C.click('#next-form button[type=submit]');
    await C.waitForURL(/\/round\.html\?round=/u);
    await C.locator('#election-title', { hasText: 'Vòng 3' }).waitFor();
    expect(await C.locator('#candidates tr td:nth-child(2)').allTextContents()).toEqual(['Ngô Thị Lan', 'Dương Văn Minh']);
    await openRound(3);
    // Ngô Thị Lan kept on 7 ballots of 9.
    await countRound(3, 2, [...Array.from({ length: 7 }, (): Ballot => ({ struck: [2] })), { struck: [1] }, { struck: [1] }]);
    await certify(C);
    await openFromHome(C, 'đoàn đại biểu', 3, 'Kết quả');
    await C.locator('#combined', { hasText: 'Ngô Thị Lan' }).waitFor();
    expect(await C.isVisible('#next')).toBe(false);
    await photo(C, 'results-delegation');
    await openFromHome(hall.page, 'đoàn đại biểu', 3, 'Màn hình chiếu');
    await hall.page.locator('#outcome').waitFor();
    await photo(hall.page, 'projector-delegation-alternate', PROJECTOR);
  });
});
