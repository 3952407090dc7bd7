import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Ballot, ElectionRecord } from '../../src/domain/index.js';
import { HttpClient } from '../support/process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SCREENSHOTS = join(ROOT, 'test-output');

export function freshDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function screenshot(page: Page, name: string, size: { width: number; height: number }): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.setViewportSize(size);
  // Two frames: the page has laid itself out at the new size (fit-to-screen runs on resize) and painted.
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-${size.width}x${size.height}.png`) });
}

/** The sample's congress with a head and two counting members, and its election open for counting. */
export async function setUpSample(base: string, record: ElectionRecord, opts: { progressOnly?: boolean } = {}) {
  const setup = new HttpClient(base);
  await setup.must('POST', '/api/congress', { ...record.congress, secretary: { name: 'Nguyễn Thị Thư', pin: '1111' } });
  const head = await setup.must('POST', '/api/members', { name: 'Trần Văn Trưởng', role: 'head', pin: '2222' });
  const clerk = await setup.must('POST', '/api/members', { name: 'Lê Thị Kiểm', role: 'member', pin: '3333' });
  const method = record.election.alternates > 0 ? { alternatesMethod: record.election.alternatesMethod ?? 'one_ballot' } : {};
  const election = await setup.must('POST', '/api/elections', { kind: record.election.kind, title: record.election.title, seats: record.election.seats, alternates: record.election.alternates, ...method });
  const roundId: string = (await setup.must('GET', `/api/elections/${election.id}`)).rounds[0].id;
  await setup.must('POST', `/api/rounds/${roundId}/candidates`, { names: record.candidates.map((c) => c.name) });
  await setup.must('PATCH', `/api/rounds/${roundId}`, { ballotsIssued: record.ballotsIssued, ballotsCollected: record.ballotsCollected });
  if (opts.progressOnly) await setup.must('PUT', `/api/elections/${election.id}/display`, { progressOnly: true });
  // These pages type ballots one by one; double entry (the default for a multi-seat list) has its own test.
  await setup.must('PUT', `/api/rounds/${roundId}/entry-mode`, { mode: 'single' });
  await setup.must('POST', `/api/rounds/${roundId}/transition`, { to: 'counting' });
  return { electionId: election.id as string, roundId, headId: head.id as string, clerkId: clerk.id as string };
}

/** Signs in through the sign-in page and lands on `next`. */
export async function signInAs(page: Page, base: string, memberName: string, pin: string, next: string): Promise<void> {
  await page.goto(`${base}/signin.html?next=${encodeURIComponent(next)}`);
  await page.locator('#member option', { hasText: memberName }).first().waitFor({ state: 'attached' });
  const value = await page.locator('#member option', { hasText: memberName }).first().getAttribute('value');
  await page.selectOption('#member', value!);
  await page.fill('#pin', pin);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname + u.search === next);
}

/** The keys a clerk presses for a ballot: numbers (a space only where the number could go on), `*`, a ruling key. */
export function keysFor(highest: number, ballot: Ballot): string[] {
  if ('invalid' in ballot) return [{ not_issued: 'p', added_name: 't', marked: 'd', other: 'k' }[ballot.invalid]];
  if (!('struck' in ballot)) throw new Error('the sample is a strike-style list');
  if (ballot.struck.length === highest) return ['*'];
  return ballot.struck.flatMap((no, i) => [...String(no).split(''), ...(i < ballot.struck.length - 1 && no * 10 <= highest ? [' '] : [])]);
}

/** Types one ballot by keyboard on the entry page and waits until it is saved. */
export async function typeBallot(page: Page, highest: number, ballot: Ballot): Promise<void> {
  for (const key of keysFor(highest, ballot)) await page.keyboard.press(key === ' ' ? 'Space' : key);
  const verdict = await page.locator('#verdict').getAttribute('data-verdict');
  await page.keyboard.press('Enter');
  // An invalid ballot asks for a second Enter (a stray Enter never saves one).
  if (verdict === 'invalid' && !('invalid' in ballot)) await page.keyboard.press('Enter');
  await page.locator('#line').and(page.locator(':not([readonly])')).waitFor();
  await expect.poll(() => page.inputValue('#line')).toBe('');
}
