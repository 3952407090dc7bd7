import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PIN_ATTEMPTS } from '../../src/db/store/index.js';
import { launchChromium, OUTPUT } from '../support/browser.js';
import { HttpClient, startServerProcess, stopServerProcess, type ServerProcess } from '../support/process.js';

/**
 * Issue 14, items 9, 1 and 10, against the real server listening on the hall's network (0.0.0.0):
 * setup is taken only from the server's own machine; a PIN set by setup is changed by its owner at
 * first sign-in, on the page; the head lifts a lock-out from the page; look-alike names are refused
 * or folded. The hall address is this machine's own non-loopback address, 192.0.2.2 here.
 */
const HALL_ADDRESS = '192.0.2.2';

describe('first run, first sign-in and look-alike names on the real server', { timeout: 180_000 }, () => {
  let server: ServerProcess;
  let dir: string;
  let port: number;
  let browser: BrowserContext;
  const setup = () => new HttpClient(`http://127.0.0.1:${port}/`);
  let secretary: HttpClient;
  let headId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kp-first-run-'));
    server = await startServerProcess(join(dir, 'congress.sqlite'), {}, { args: ['--host', '0.0.0.0'] });
    port = Number(new URL(server.url).port);
    browser = await launchChromium();
    mkdirSync(OUTPUT, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stopServerProcess(server);
    rmSync(dir, { recursive: true, force: true });
  });

  const congress = { name: 'Đại hội đại biểu Đảng bộ phường thử', kind: 'delegates', convened: 50, secretary: { name: 'Thư ký', pin: '1111' } };

  it('refuses the first POST /api/congress from another laptop on the hall network, and takes it from the server itself', async () => {
    const stranger = new HttpClient(`http://${HALL_ADDRESS}:${port}/`, HALL_ADDRESS);
    const refused = await stranger.call('POST', '/api/congress', congress);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'setup_from_server_only']);
    expect(refused.body.error.vi).toMatch(/^chỉ tạo được đại hội trên chính máy chủ/u);
    expect((await stranger.call('GET', '/api/congress')).status).toBe(404);
    secretary = setup();
    expect((await secretary.call('POST', '/api/congress', congress)).status).toBe(201);
  });

  it('refuses a name with letters outside Vietnamese script, and keeps "Hòa" and "Hoà" as one name', async () => {
    const election = (await secretary.call('POST', '/api/elections', { kind: 'other', title: 'Bầu thử', seats: 1, alternates: 0 })).body;
    const roundId = (await secretary.call('GET', `/api/elections/${election.id}`)).body.rounds[0].id as string;
    const cyrillic = await secretary.call('POST', `/api/rounds/${roundId}/candidates`, { names: ['Nguyễn Văn \u0410n'] });
    expect([cyrillic.status, cyrillic.body.error.field]).toEqual([400, 'names[0]']);
    expect(cyrillic.body.error.vi).toContain('U+0410');
    const filler = await secretary.call('POST', `/api/rounds/${roundId}/candidates/import`, { format: 'text', content: 'Lê Văn Bình\nLê\u3164Văn Bình' });
    expect(filler.status).toBe(400);
    expect(filler.body.error.vi).toContain('U+3164');
    expect((await secretary.call('POST', `/api/rounds/${roundId}/candidates`, { names: ['Nguyễn Thị Hòa', 'Nguyễn Thị Hoà', 'Nguyễn Thị Hóa'] })).status).toBe(201);
    const round = (await secretary.call('GET', `/api/rounds/${roundId}`)).body;
    expect(round.candidates.map((c: { name: string }) => c.name)).toEqual(['Nguyễn Thị Hoà', 'Nguyễn Thị Hoà', 'Nguyễn Thị Hoá']);
    expect(round.listCheck.warnings.map((w: { code: string }) => w.code)).toEqual(['same_name', 'look_alike']);
  });

  it('makes the head change the PIN setup gave them at first sign-in, on the page', async () => {
    headId = (await secretary.call('POST', '/api/members', { name: 'Trần Văn Trưởng', role: 'head', pin: '901234' })).body.id;
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/signin.html`);
    await page.locator('#member option', { hasText: 'Trần Văn Trưởng' }).waitFor({ state: 'attached' });
    await page.selectOption('#member', headId);
    await page.fill('#pin', '901234');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#change-pin:not([hidden])');
    expect(await page.isHidden('#signin')).toBe(true);
    // The cursor waits in the new PIN's field: keyboard only from here.
    await page.keyboard.type('2468');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2468');
    await page.screenshot({ path: join(OUTPUT, 'first-sign-in-change-pin.png'), fullPage: true });
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/');
    await expect.poll(() => page.textContent('#who')).toContain('Trần Văn Trưởng');
    // The PIN setup chose no longer opens the account; the head's own does.
    expect((await new HttpClient(`http://127.0.0.1:${port}/`).call('POST', '/api/session', { memberId: headId, pin: '901234' })).status).toBe(401);
    await page.close();
  });

  it('lets the head see the laptops locked out of a member by wrong PINs and unlock them from the page', async () => {
    const clerkId = (await secretary.call('POST', '/api/members', { name: 'Lê Thị Kiểm', role: 'member', pin: '905678' })).body.id as string;
    const guesser = new HttpClient(`http://${HALL_ADDRESS}:${port}/`, HALL_ADDRESS);
    for (let i = 0; i < PIN_ATTEMPTS; i++) expect((await guesser.call('POST', '/api/session', { memberId: clerkId, pin: String(1000 + i) })).status).toBe(401);
    expect((await guesser.call('POST', '/api/session', { memberId: clerkId, pin: '905678' })).status).toBe(429);

    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/signin.html?next=%2F`);
    await page.locator('#member option', { hasText: 'Trần Văn Trưởng' }).waitFor({ state: 'attached' });
    await page.selectOption('#member', headId);
    await page.fill('#pin', '2468');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#locks:not([hidden])');
    expect(await page.textContent('#lock-rows')).toContain(HALL_ADDRESS);
    expect(await page.textContent('#lock-rows')).toContain('Lê Thị Kiểm');
    await page.screenshot({ path: join(OUTPUT, 'head-unlock.png'), fullPage: true });
    await page.locator(`#lock-rows button[data-member="${clerkId}"]`).focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#no-locks:not([hidden])');
    expect(await page.textContent('#message')).toContain('Lê Thị Kiểm');
    await page.close();

    expect((await guesser.call('POST', '/api/session', { memberId: clerkId, pin: '905678' })).status).toBe(201);
    const audit = (await secretary.call('GET', `/api/audit?entityId=${clerkId}`)).body as { action: string; actor: string; after: { addresses?: string[] } }[];
    expect(audit.find((e) => e.action === 'member.unlock')).toMatchObject({ actor: headId, after: { addresses: [HALL_ADDRESS] } });
  });
});
