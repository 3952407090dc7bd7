import type { BrowserContext } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { startServerProcess, type ServerProcess } from '../support/process.js';

describe('the pages under the strict CSP, in Chromium', () => {
  let dir: string;
  let server: ServerProcess;
  let browser: BrowserContext;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiemphieu-csp-'));
    server = await startServerProcess(join(dir, 'csp.sqlite'), {}, { args: ['--demo'] });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the page modules from the server, with no CSP violation, and blocks an injected inline script', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/u.test(m.text())) violations.push(m.text());
    });
    await page.goto(server.url.replace('localhost', '127.0.0.1'));
    await expect.poll(() => page.textContent('#congress-name'), { timeout: 20_000 }).toMatch(/^Đại hội đại biểu Đảng bộ phường Chi Lăng/u);
    expect(violations).toEqual([]);
    const ran = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'document.body.dataset.inline = "ran"';
      document.body.append(script);
      return document.body.dataset.inline ?? 'blocked';
    });
    expect(ran).toBe('blocked');
    await expect.poll(() => violations.length).toBe(1);
    await page.screenshot({ path: 'test-output/csp-home.png' });
  });
});
