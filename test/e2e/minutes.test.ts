import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, StoreContext } from '../../src/db/context.js';
import { addMember, certifyRound, createCongress, importRecord } from '../../src/db/store/index.js';
import type { Result } from '../../src/domain/index.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { sample, TEST_PIN_COST } from '../support/api.js';
import { launchChromium, OUTPUT } from '../support/browser.js';

const must = <T, E>(r: Result<T, E>): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

const COMMITTEE = ['Trần Văn Trưởng', 'Lê Thị Kiểm', 'Phạm Văn Phiếu', 'Đỗ Thị Đếm', 'Nguyễn Hoàng Minh Khuê'];

describe('the counting minutes and the summary sheet in Chromium', () => {
  let server: RunningServer;
  let browser: BrowserContext;
  let delegationRound: string;
  let tieRound: string;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-minutes-'));
    server = await startServer({ dbPath: join(dir, 'congress.sqlite'), port: 0, host: '127.0.0.1' });
    let tick = 0;
    let serial = 0;
    const ctx: StoreContext = { db: server.database.db, now: () => new Date(Date.UTC(2025, 5, 12, 3, 15) + tick++ * 60_000), newId: () => `id${++serial}`, pinCost: TEST_PIN_COST };
    const { delegation, executive } = { delegation: sample('delegation').record, executive: sample('executive-committee-tie').record };
    const { secretaryId } = must(
      await createCongress(ctx, {
        name: delegation.congress.name,
        organisation: 'Đảng bộ phường Chi Lăng',
        kind: delegation.congress.kind,
        convened: delegation.congress.convened,
        excluded: delegation.congress.excluded,
        excludedReason: 'vắng mặt cả kỳ đại hội, không có người thay',
        place: 'Hội trường UBND phường Chi Lăng',
        startsOn: '2025-06-12',
        endsOn: '2025-06-13',
        secretary: { name: 'Thư ký kỹ thuật', pin: '1111' },
      }),
    );
    const setup: Actor = { id: secretaryId, name: 'Thư ký kỹ thuật', role: 'setup' };
    const members = [];
    for (const [i, name] of COMMITTEE.entries()) members.push(must(await addMember(ctx, setup, { name, role: i === 0 ? 'head' : 'member', pin: `${2222 + i}` })));
    const head: Actor = { id: members[0].id, name: members[0].name, role: 'head' };
    delegationRound = must(await importRecord(ctx, setup, delegation)).roundId;
    must(await certifyRound(ctx, head, delegationRound, { decision: '', stop: false }));
    // The tie sample belongs to a congress with other facts; give it this congress's facts for the summary.
    tieRound = must(await importRecord(ctx, setup, { ...executive, congress: delegation.congress })).roundId;
    must(await certifyRound(ctx, head, tieRound, { decision: 'Đại hội biểu quyết không bầu lại, giữ số lượng đã trúng cử.', stop: true }));
    browser = await launchChromium();
    mkdirSync(OUTPUT, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('prints the 31-candidate delegation minutes on A4 with every candidate and every signature line', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${server.url}print/rounds/${delegationRound}/minutes`);
    expect(response?.status()).toBe(200);
    await page.emulateMedia({ media: 'print' });
    // Nothing wider than the printable width of A4 (210 mm − 40 mm of margins).
    await page.setViewportSize({ width: Math.floor((170 / 25.4) * 96), height: 1100 });
    const overflow = await page.evaluate(() => [...document.querySelectorAll('main *')].filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible').length + Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
    expect(overflow).toBe(0);
    expect(await page.locator('table.candidates tbody tr').count()).toBe(31);
    expect(await page.locator('.signature').count()).toBe(COMMITTEE.length);
    expect(await page.locator('.fingerprint svg').count()).toBe(1);

    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const dir = join(OUTPUT, 'minutes');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'delegation.pdf'), pdf);
    execFileSync('pdftoppm', ['-png', '-r', '70', join(dir, 'delegation.pdf'), join(dir, 'delegation-page')]);
    const pages = readdirSync(dir).filter((f) => f.endsWith('.png'));
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages.length).toBeLessThanOrEqual(4);
    const info = execFileSync('pdfinfo', [join(dir, 'delegation.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    // Every name is on a page, whole: the PDF's own text, not the HTML.
    const text = execFileSync('pdftotext', ['-layout', join(dir, 'delegation.pdf'), '-'], { encoding: 'utf8' }).normalize('NFC');
    const { result } = sample('delegation');
    for (const c of result.candidates) expect(text).toContain(c.name);
    for (const name of COMMITTEE) expect(text.split(name).length - 1).toBeGreaterThanOrEqual(2);
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).toContain('ĐẢNG BỘ PHƯỜNG CHI LĂNG');
    expect(text).toContain(`ít nhất ${result.threshold} (tám mươi ba) phiếu`);
    expect(text).toMatch(new RegExp(`Trang ${pages.length}/${pages.length}`));
    await page.close();
  });

  it('prints a tie with the seats at stake and the congress decision to stop', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}print/rounds/${tieRound}/minutes`);
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const dir = join(OUTPUT, 'minutes-tie');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'tie.pdf'), pdf);
    execFileSync('pdftoppm', ['-png', '-r', '70', join(dir, 'tie.pdf'), join(dir, 'tie-page')]);
    const text = execFileSync('pdftotext', [join(dir, 'tie.pdf'), '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');
    const { result } = sample('executive-committee-tie');
    const tied = result.tied.map((no) => result.candidates.find((c) => c.no === no)!.name);
    expect(text).toContain(`Các đồng chí ${tied.join(', ')} bằng số phiếu nhau`);
    expect(text).toContain(`${result.seatsAtStake} chỗ chưa xác định`);
    expect(text).toContain('Đại hội quyết định dừng, không bầu thêm: Đại hội biểu quyết không bầu lại');
    await page.close();
  });

  it('prints the summary sheet of every election on one page', async () => {
    const page = await browser.newPage();
    expect((await page.goto(`${server.url}print/summary`))?.status()).toBe(200);
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    const dir = join(OUTPUT, 'summary');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'summary.pdf'), pdf);
    execFileSync('pdftoppm', ['-png', '-r', '70', join(dir, 'summary.pdf'), join(dir, 'summary-page')]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.png'))).toHaveLength(1);
    const text = execFileSync('pdftotext', [join(dir, 'summary.pdf'), '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');
    expect(text).toContain('trúng cử 26/26 chính thức, 2/2 dự khuyết');
    expect(text).toContain('Đại hội quyết định dừng, không bầu thêm');
    await page.close();
  });
});
