import { PASSPHRASE } from '../support/certify.js';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { HttpClient, memberWithOwnPin, startServerProcess, type ServerProcess } from '../support/process.js';
import { freshDir, screenshot, signInAs } from './support.js';

const EXECUTIVE = Array.from({ length: 16 }, (_, i) => `Ủy viên Số ${i + 1}`);
const CONFERENCE = 'Hội nghị lần thứ nhất Ban Chấp hành Đảng bộ khóa XVII';

/**
 * A congress's day in a real browser against the real server process: the congress (20 delegates)
 * elects its executive committee (15); its first conference takes its members from it (setup page),
 * attendance is entered on the round page, the standing committee is elected at 8 of 15 and the
 * inspection chair (one name) with a ballot marking both boxes; the delegation elects its officials,
 * then its alternates on their own ballot, offered on the round page. Each minutes page shows its
 * body, base and attendance. Ballots that only fill a count go through the API; the ones whose
 * screen matters are typed.
 */
describe('the first conference of the new committee, and a delegation with separate alternates', { timeout: 180_000 }, () => {
  let server: ServerProcess;
  let browser: BrowserContext;
  let dir: string;
  let page: Page;
  const setup = () => new HttpClient(server.url);
  let secretary: HttpClient;
  let head: HttpClient;
  let clerk: HttpClient;
  const ids = { head: '', clerk: '', executive: '', body: '', standing: '', chair: '', delegation: '' };

  const firstRound = async (electionId: string) => (await secretary.must('GET', `/api/elections/${electionId}`)).rounds.at(-1).id as string;
  async function ballots(roundId: string, list: unknown[], prefix: string) {
    for (const [i, ballot] of list.entries()) await clerk.must('POST', `/api/rounds/${roundId}/ballots`, { id: `${prefix}-${String(i).padStart(4, '0')}`, ballot });
  }
  const times = <T>(n: number, x: T): T[] => Array.from({ length: n }, () => x);
  async function certify(roundId: string) {
    await head.must('POST', `/api/rounds/${roundId}/transition`, { to: 'counted' });
    await head.must('POST', `/api/rounds/${roundId}/certify`, { passphrase: PASSPHRASE });
  }
  async function minutes(roundId: string): Promise<string> {
    await page.goto(`${server.url}/print/rounds/${roundId}/minutes`);
    return (await page.textContent('main'))!.replace(/\s+/gu, ' ');
  }
  /** Types keys on the entry page and saves (a second Enter for an invalid ballot). */
  async function type(keys: string[]) {
    for (const key of keys) await page.keyboard.press(key);
    const verdict = await page.locator('#verdict').getAttribute('data-verdict');
    await page.keyboard.press('Enter');
    if (verdict === 'invalid') await page.keyboard.press('Enter');
    await expect.poll(() => page.inputValue('#line')).toBe('');
  }

  beforeAll(async () => {
    dir = freshDir('kp-e2e-conference-');
    server = await startServerProcess(join(dir, 'congress.sqlite'));
    secretary = setup();
    await secretary.must('POST', '/api/congress', { name: 'Đại hội Đảng bộ phường Chi Lăng lần thứ XVII', organisation: 'ĐẢNG BỘ PHƯỜNG CHI LĂNG', kind: 'delegates', convened: 20, secretary: { name: 'Nguyễn Thị Thư', pin: '1111' } });
    ids.head = (await memberWithOwnPin(secretary, { name: 'Trần Văn Trưởng', role: 'head', pin: '2222' })).id;
    ids.clerk = (await memberWithOwnPin(secretary, { name: 'Lê Thị Kiểm', role: 'member', pin: '3333' })).id;
    // The congress elects its executive committee: 15 of 16, every delegate strikes name 16.
    ids.executive = (await secretary.must('POST', '/api/elections', { kind: 'executive_committee', title: 'Bầu Ban Chấp hành Đảng bộ phường khóa XVII', seats: 15 })).id;
    const executiveRound = await firstRound(ids.executive);
    await secretary.must('POST', `/api/rounds/${executiveRound}/candidates`, { names: EXECUTIVE });
    await secretary.must('PATCH', `/api/rounds/${executiveRound}`, { ballotsIssued: 20, ballotsCollected: 20 });
    await secretary.must('PUT', `/api/rounds/${executiveRound}/attendance`, { present: 20 });
    await secretary.must('PUT', `/api/rounds/${executiveRound}/entry-mode`, { mode: 'single' });
    await secretary.must('POST', `/api/rounds/${executiveRound}/transition`, { to: 'counting', reason: 'Đại hội biểu quyết danh sách 16 người' });
    clerk = setup();
    await clerk.must('POST', '/api/session', { memberId: ids.clerk, pin: '3333' });
    await ballots(executiveRound, times(20, { struck: [16] }), 'exec');
    head = setup();
    await head.must('POST', '/api/session', { memberId: ids.head, pin: '2222' });
    await certify(executiveRound);
    browser = await launchChromium();
    page = await browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the conference on the setup page with its members taken from the elected committee, and its elections', async () => {
    await signInAs(page, server.url, 'Nguyễn Thị Thư', '1111', '/setup.html');
    await page.locator('#b-from option', { hasText: 'Bầu Ban Chấp hành' }).waitFor({ state: 'attached' });
    await page.selectOption('#b-kind', 'committee_conference');
    await page.fill('#b-name', CONFERENCE);
    await page.selectOption('#b-from', { label: 'Bầu Ban Chấp hành Đảng bộ phường khóa XVII' });
    expect(await page.isDisabled('#b-convened')).toBe(true);
    await page.focus('#b-excludedReason');
    await page.keyboard.press('Enter');
    const row = page.locator('#bodies tr', { hasText: CONFERENCE });
    await row.waitFor();
    expect(await row.textContent()).toContain('triệu tập 15, trừ 0, căn cứ 15');

    const addElection = async (kind: string, title: string, seats: number, alternates: number, body: string) => {
      await page.selectOption('#e-kind', kind);
      await page.fill('#e-title', title);
      await page.fill('#e-seats', String(seats));
      await page.fill('#e-alternates', String(alternates));
      await page.selectOption('#e-body', { label: body });
      await page.click('#add-election button[type=submit]');
      await page.locator('#elections tr', { hasText: title }).waitFor();
    };
    await addElection('standing_committee', 'Bầu Ban Thường vụ Đảng ủy phường', 5, 0, CONFERENCE);
    await addElection('inspection_chair', 'Bầu Chủ nhiệm Ủy ban Kiểm tra', 1, 0, CONFERENCE);
    await addElection('delegates', 'Bầu đoàn đại biểu dự Đại hội Đảng bộ thành phố', 2, 1, 'Đại hội');
    const delegationRow = page.locator('#elections tr', { hasText: 'Bầu đoàn đại biểu' });
    expect(await delegationRow.locator('select').nth(1).inputValue()).toBe('separate');
    await page.evaluate(() => window.scrollTo(0, document.getElementById('bodies')!.getBoundingClientRect().top + window.scrollY - 80));
    await screenshot(page, 'conference-setup', { width: 1280, height: 1400 });

    const elections = await secretary.must('GET', '/api/elections');
    const byTitle = (prefix: string) => elections.find((e: { title: string }) => e.title.startsWith(prefix));
    ids.standing = byTitle('Bầu Ban Thường vụ').id;
    ids.chair = byTitle('Bầu Chủ nhiệm').id;
    ids.delegation = byTitle('Bầu đoàn').id;
    ids.body = byTitle('Bầu Ban Thường vụ').bodyId;
    expect(byTitle('Bầu Chủ nhiệm').bodyId).toBe(ids.body);
    expect(byTitle('Bầu đoàn')).toMatchObject({ bodyId: 'congress-body', alternatesMethod: 'separate' });
  });

  it('enters attendance on the round page and elects the standing committee at 8 of 15', async () => {
    const roundId = await firstRound(ids.standing);
    await secretary.must('POST', `/api/rounds/${roundId}/candidates`, { names: EXECUTIVE.slice(0, 6) });
    await secretary.must('PUT', `/api/rounds/${roundId}/entry-mode`, { mode: 'single' });
    await page.goto(`${server.url}/round.html?round=${roundId}`);
    await page.locator('#round-body', { hasText: `${CONFERENCE} — triệu tập 15, trừ 0, căn cứ 15` }).waitFor();
    expect(await page.textContent('#attendance-line')).toBe('Chưa ghi số có mặt.');
    await page.fill('#present', '14');
    await page.locator('#present').press('Enter');
    await page.locator('#attendance-line', { hasText: 'Có mặt 14, vắng mặt 1 (trên 15 được triệu tập).' }).waitFor();
    await page.fill('#issued', '15');
    await page.fill('#collected', '14');
    await page.click('#counts button[type=submit]');
    await page.locator('#message', { hasText: 'số phiếu phát ra (15) không thể lớn hơn số thành viên có mặt (14)' }).waitFor();
    // The refusal is shown before the page reloads the round and puts back what is saved (nothing yet):
    // typing before that reload lands would be wiped, and the save would store no counts.
    await expect.poll(() => page.inputValue('#issued')).toBe('');
    await page.fill('#issued', '14');
    await page.fill('#collected', '14');
    await page.click('#counts button[type=submit]');
    await page.locator('#message', { hasText: 'Đã lưu' }).waitFor();
    await expect.poll(() => secretary.must('GET', `/api/rounds/${roundId}`)).toMatchObject({ ballotsIssued: 14, ballotsCollected: 14 });
    await screenshot(page, 'conference-round-attendance', { width: 1280, height: 900 });
    // A list outside the surplus rule opens only with the congress's decision (Điều 14).
    if (await page.isVisible('#open-decision-row')) await page.fill('#open-decision', 'Hội nghị biểu quyết danh sách 6 người');
    await page.click('#open');
    await page.locator('#round-state', { hasText: 'đang kiểm phiếu' }).waitFor();

    // The clerk types: 8 strike name 6, 6 strike name 1 — name 1 has 8 of the 15 (more than half).
    await signInAs(page, server.url, 'Lê Thị Kiểm', '3333', `/enter.html?round=${roundId}`);
    await page.locator('#ballot li').first().waitFor();
    for (let i = 0; i < 8; i++) await type(['6']);
    for (let i = 0; i < 6; i++) await type(['1']);
    await certify(roundId);
    const text = await minutes(roundId);
    expect(text).toContain(CONFERENCE);
    expect(text).toContain('Số ủy viên làm căn cứ tính kết quả: 15');
    expect(text).toContain('Số ủy viên có mặt khi bỏ phiếu: 14; vắng mặt: 1');
    expect(text).toContain('ít nhất 8 (tám) phiếu');
    expect(text).toContain('Số phiếu phát ra: 14Số phiếu thu vào: 14Số phiếu hợp lệ: 14');
    // The count keeps a name with its tone on the main vowel (domain/person-name.ts): "Ủy" is kept as "Uỷ".
    expect(text).toContain('Các đồng chí trúng cử, theo thứ tự số phiếu từ cao xuống thấp (5/5):');
    expect(text).toContain('Uỷ viên Số 1: 8 phiếu, 53,33%');
    expect(text).not.toMatch(/Uỷ viên Số 6: \d+ phiếu/u);
    await screenshot(page, 'conference-minutes-standing', { width: 900, height: 1400 });
  });

  it('shows not_one_box before Enter on the inspection chair’s one-name list, and counts it invalid', async () => {
    const roundId = await firstRound(ids.chair);
    await secretary.must('POST', `/api/rounds/${roundId}/candidates`, { names: ['Ủy viên Số 7'] });
    await secretary.must('PUT', `/api/rounds/${roundId}/attendance`, { present: 13 });
    await secretary.must('PATCH', `/api/rounds/${roundId}`, { ballotsIssued: 13, ballotsCollected: 13 });
    await secretary.must('POST', `/api/rounds/${roundId}/transition`, { to: 'counting' });
    await page.goto(`${server.url}/enter.html?round=${roundId}`);
    await page.locator('#ballot li').first().waitFor();
    for (let i = 0; i < 11; i++) await type(['+']);
    await type(['-']);
    await page.keyboard.press('*');
    await page.locator('#verdict', { hasText: 'danh sách 01 người phải đánh đúng một ô' }).waitFor();
    expect(await page.locator('#verdict').getAttribute('data-verdict')).toBe('invalid');
    await screenshot(page, 'conference-entry-not-one-box', { width: 1280, height: 800 });
    await type([]);
    await certify(roundId);
    const text = await minutes(roundId);
    expect(text).toContain(`kiểm phiếu bầu Chủ nhiệm Ủy ban Kiểm tra tại ${CONFERENCE}.`);
    expect(text).toContain('Số ủy viên làm căn cứ tính kết quả: 15');
    expect(text).toContain('Số ủy viên có mặt khi bỏ phiếu: 13; vắng mặt: 2');
    expect(text).toContain('Số phiếu hợp lệ: 12');
    expect(text).toContain('Số phiếu không hợp lệ: 1, trong đó: danh sách một người: đánh dấu cả hai ô hoặc không đánh dấu ô nào: 1 phiếu');
    // The chair's own votes (the count keeps "Ủy" as "Uỷ", tone on the main vowel), against the base of 15.
    expect(text).toContain('Đồng chí Uỷ viên Số 7: số phiếu đồng ý 11 (73,33% so với số ủy viên làm căn cứ)');
    expect(text).toContain('Số phiếu không đồng ý: 1');
    expect(text).toContain('ít nhất 8 (tám) phiếu');
    expect(text).toContain('Các đồng chí trúng cử, theo thứ tự số phiếu từ cao xuống thấp (1/1): Uỷ viên Số 7: 11 phiếu, 73,33%');
  });

  it('elects the delegation’s officials, says on the display what comes next, and offers the alternates’ own ballot on the round page', async () => {
    const roundId = await firstRound(ids.delegation);
    await secretary.must('POST', `/api/rounds/${roundId}/candidates`, { names: ['Nguyễn Thanh Đông', 'Mạc Minh Phương', 'Hoàng Thu Hải', 'Lộc Xuân Cường'] });
    await secretary.must('PUT', `/api/rounds/${roundId}/attendance`, { present: 19 });
    await secretary.must('PATCH', `/api/rounds/${roundId}`, { ballotsIssued: 19, ballotsCollected: 19 });
    await secretary.must('PUT', `/api/rounds/${roundId}/entry-mode`, { mode: 'single' });
    await secretary.must('POST', `/api/rounds/${roundId}/transition`, { to: 'counting' });
    await ballots(roundId, [...times(13, { struck: [3, 4] }), ...times(6, { struck: [2, 4] })], 'officials');
    await head.must('POST', `/api/rounds/${roundId}/transition`, { to: 'counted' });

    const display = await browser.newPage();
    await display.setViewportSize({ width: 1024, height: 768 });
    await display.goto(`${server.url}/display.html?round=${roundId}`);
    await display.locator('#outcome', { hasText: 'Đủ 2 đại biểu chính thức — tiếp theo: bầu 1 đại biểu dự khuyết bằng phiếu riêng' }).waitFor();
    await screenshot(display, 'conference-display-officials', { width: 1024, height: 768 });
    await display.close();

    await signInAs(page, server.url, 'Trần Văn Trưởng', '2222', `/round.html?round=${roundId}`);
    await page.locator('#round-method', { hasText: 'Phiếu riêng' }).waitFor();
    await page.locator('#alternates-ballot', { hasText: 'Bầu 1 đại biểu dự khuyết bằng phiếu riêng, trong số 2 người còn lại' }).waitFor();
    expect(await page.locator('#alternates-ballot-names li').allTextContents()).toEqual(['Hoàng Thu Hải', 'Lộc Xuân Cường']);
    await screenshot(page, 'conference-round-alternates-offer', { width: 1280, height: 1100 });
    await page.click('#alternates-ballot-open');
    await page.waitForURL((u) => u.pathname === '/round.html' && u.search !== `?round=${roundId}`);
    await page.locator('#round-state', { hasText: 'bầu 0 (dự khuyết 1) trong 2 người' }).waitFor();
    const alternatesRound = new URL(page.url()).searchParams.get('round')!;
    await head.must('POST', `/api/rounds/${roundId}/certify`, { passphrase: PASSPHRASE });

    await secretary.must('PUT', `/api/rounds/${alternatesRound}/attendance`, { present: 19 });
    await secretary.must('PATCH', `/api/rounds/${alternatesRound}`, { ballotsIssued: 19, ballotsCollected: 19 });
    await secretary.must('PUT', `/api/rounds/${alternatesRound}/entry-mode`, { mode: 'single' });
    await secretary.must('POST', `/api/rounds/${alternatesRound}/transition`, { to: 'counting' });
    await ballots(alternatesRound, [...times(15, { struck: [2] }), ...times(4, { struck: [1] })], 'alternates');
    await certify(alternatesRound);

    const officials = await minutes(roundId);
    expect(officials).toContain('Số đại biểu làm căn cứ tính kết quả: 20');
    expect(officials).toContain('Số đại biểu có mặt khi bỏ phiếu: 19; vắng mặt: 1');
    expect(officials).toContain('đủ số chính thức mới bầu đại biểu dự khuyết bằng phiếu riêng');
    expect(officials).not.toContain('trúng cử dự khuyết');
    const alternates = await minutes(alternatesRound);
    expect(alternates).toContain('(Bầu đại biểu dự khuyết)');
    expect(alternates).toContain('số lượng bầu: 1 đại biểu dự khuyết.');
    expect(alternates).toMatch(/Các đồng chí trúng cử đại biểu dự khuyết, theo thứ tự số phiếu từ cao xuống thấp \(1\/1\): ?Hoàng Thu Hải: 15 phiếu/u);
    expect(alternates).toContain('Số đại biểu có mặt khi bỏ phiếu: 19; vắng mặt: 1');
    await screenshot(page, 'conference-minutes-alternates', { width: 900, height: 1400 });
  });
});
