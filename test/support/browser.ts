import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's Chromium, headless, offline-minded: how every browser test starts it. */
const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

/** One laptop: a fresh profile whose pages share their cookies and storage. */
export function launchChromium(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'kp-chromium-')), CHROMIUM);
}

/** Several laptops in one browser: each `newContext()` has cookies and storage of its own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch(CHROMIUM);
}

export const OUTPUT = new URL('../../test-output/', import.meta.url).pathname;
