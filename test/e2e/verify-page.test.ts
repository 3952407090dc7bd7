import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.js';
import { sample, testApp } from '../support/api.js';
import { launchChromium, OUTPUT } from '../support/browser.js';
import { certifiedFromRecord } from '../support/certify.js';

describe('the verify page, offline in Chromium', () => {
  let server: RunningServer;
  let browser: BrowserContext;
  let fileText: string;
  let sha256: string;

  beforeAll(async () => {
    const t = await testApp();
    const certified = await certifiedFromRecord(t, sample('executive-committee').record);
    fileText = certified.fileText;
    sha256 = certified.certified.sha256;
    await t.close();
    server = await startServer({ dbPath: join(mkdtempSync(join(tmpdir(), 'kp-verify-page-')), 'congress.sqlite'), port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
    mkdirSync(OUTPUT, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function dropFile(page: Page, name: string, text: string): Promise<string[]> {
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    const dataTransfer = await page.evaluateHandle(([n, t]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([t], n, { type: 'application/json' }));
      return dt;
    }, [name, text] as const);
    await page.dispatchEvent('#drop', 'drop', { dataTransfer });
    await page.waitForSelector('#verdict:not([hidden])');
    return requests;
  }

  const codeOf = (hex: string) => hex.slice(0, 16).toUpperCase().match(/.{4}/g)!.join('-');

  it('says "verified" only once the code from the minutes is typed, without a request', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}verify.html`);
    const requests = await dropFile(page, 'ket-qua.json', fileText);
    expect(await page.getAttribute('#verdict', 'data-kind')).toBe('intact');
    expect(await page.textContent('#verdict-title')).toContain('CHƯA kiểm nguồn gốc');
    expect(await page.isHidden('#verdict-compare')).toBe(true);
    await page.screenshot({ path: join(OUTPUT, 'verify-page-intact.png'), fullPage: true });
    await page.focus('#minutes-code');
    await page.keyboard.type(codeOf(sha256).toLowerCase().replace(/-/g, ' '));
    await page.waitForSelector('#verdict[data-kind="verified"]');
    expect(await page.isVisible('#verdict-compare')).toBe(true);
    expect(await page.textContent('#verdict-title')).toContain('Đã kiểm chứng');
    expect(await page.textContent('#file-hash')).toBe(sha256);
    expect(await page.textContent('#file-code')).toBe(codeOf(sha256));
    const { result } = sample('executive-committee');
    expect(await page.textContent('#verdict-elected')).toContain(result.candidates.find((c) => c.no === result.elected[0])!.name);
    expect(requests).toEqual([]);
    // One language at a time, Vietnamese first; the toggle shows the English, and only it (issue 16).
    const visible = () => page.locator('main').innerText();
    expect(await visible()).toContain('Đã kiểm chứng');
    expect(await visible()).not.toMatch(/Verified|Drop the file|Elected/u);
    await page.screenshot({ path: join(OUTPUT, 'verify-page-verified.png'), fullPage: true });
    await page.click('#lang-toggle');
    expect(await visible()).toMatch(/Verified: the file of the minutes/u);
    expect(await visible()).toMatch(/Elected, by votes/u);
    expect(await visible()).not.toMatch(/Đã kiểm chứng|Thả tệp|Trúng cử/u);
    await page.screenshot({ path: join(OUTPUT, 'verify-page-verified-en.png'), fullPage: true });
    await page.close();
  });

  it('serves the page module bundled with the engine, and nothing outside web/', async () => {
    const module = await fetch(`${server.url}js/verify.js`);
    expect(module.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await module.text()).toContain('function countRecord(');
    for (const path of ['%2e%2e/src/domain/index.ts', '..%2fsrc%2fdomain%2findex.ts', 'js/..%2f..%2fsrc%2fdomain%2fcount.ts', '%2e%2e/package.json', 'js/%E0%A4%A']) {
      expect((await fetch(`${server.url}${path}`)).status, path).toBe(404);
    }
  });

  it('refuses a wrong code, and a fake "result" placed before the real one', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}verify.html`);
    await page.fill('#minutes-code', codeOf(sha256));
    const fake = JSON.parse(fileText);
    fake.result.elected = [];
    await dropFile(page, 'ket-qua-hai-ket-qua.json', fileText.replace('"result":', `"result":${JSON.stringify(fake.result)},"result":`));
    expect(await page.getAttribute('#verdict', 'data-kind')).toBe('failed');
    expect(await page.textContent('#verdict-lines')).toContain('Khóa «result» xuất hiện hai lần');
    await page.screenshot({ path: join(OUTPUT, 'verify-page-duplicate-key.png'), fullPage: true });
    await page.fill('#minutes-code', '0000-0000-0000-0000');
    await dropFile(page, 'ket-qua.json', fileText);
    expect(await page.getAttribute('#verdict', 'data-kind')).toBe('failed');
    expect(await page.textContent('#verdict-lines')).toContain('không phải 0000-0000-0000-0000 in trên biên bản');
    await page.close();
  });

  it('refuses a tampered file, naming the candidate whose votes were changed', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}verify.html`);
    const file = JSON.parse(fileText);
    file.result.candidates[0].votes -= 1;
    await dropFile(page, 'ket-qua-da-sua.json', JSON.stringify(file));
    expect(await page.getAttribute('#verdict', 'data-kind')).toBe('failed');
    const text = await page.textContent('#verdict-lines');
    expect(text).toContain('Chữ ký không khớp với nội dung');
    expect(text).toContain(`candidates[no 1 ${file.result.candidates[0].name}].votes: tệp ghi ${file.result.candidates[0].votes}, kiểm lại ${file.result.candidates[0].votes + 1}`);
    await page.screenshot({ path: join(OUTPUT, 'verify-page-refused.png'), fullPage: true });
    await page.close();
  });
});
