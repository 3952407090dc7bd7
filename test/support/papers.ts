import { execFileSync } from 'node:child_process';
import { PASSPHRASE } from './certify.js';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import type { Actor, StoreContext } from '../../src/db/context.js';
import {
  addMember,
  certifyRound,
  createCongress,
  createNextRound,
  declarePile,
  enterPileBallot,
  importRecord,
  listRounds,
  resolveDifference,
  setBallotCounts,
  setEntryMode,
  transitionRound,
} from '../../src/db/store/index.js';
import type { Ballot, Result } from '../../src/domain/index.js';
import type { RunningServer } from '../../src/server.js';
import { sample } from './api.js';
import { OUTPUT } from './browser.js';

export const must = <T, E>(r: Result<T, E>): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

export const COMMITTEE = ['Trần Văn Trưởng', 'Lê Thị Kiểm', 'Phạm Văn Phiếu', 'Đỗ Thị Đếm', 'Nguyễn Hoàng Minh Khuê'];
export const PLACE = 'Hội trường UBND phường Chi Lăng';
/** Technical staff (Điều 8): types ballots, not a committee member, never signs. */
export const STAFF = 'Đinh Văn Kỹ';

/** The tie re-vote's ballots among the three tied for two seats: 95, 89 and 14 votes, one all struck. */
export const TIE_REVOTE: Ballot[] = [
  ...Array.from({ length: 85 }, () => ({ struck: [3] })),
  ...Array.from({ length: 10 }, () => ({ struck: [2] })),
  ...Array.from({ length: 4 }, () => ({ struck: [1] })),
  { struck: [1, 2, 3] },
];

/**
 * One congress (166 convened, 2 excluded: base 164) with its committee and technical secretary, and
 * certified elections drawn from the shared samples: the executive committee, the secretary (one
 * name), the delegation with its alternates, and a tie whose re-vote was typed twice in two piles
 * with a difference the head ruled on.
 */
export async function congressWithPapers(server: RunningServer) {
  let tick = 0;
  let serial = 0;
  const ctx: StoreContext = { db: server.database.db, now: () => new Date(Date.UTC(2025, 5, 12, 1, 30) + tick++ * 20_000), newId: () => `id${String(++serial).padStart(6, '0')}` };
  const delegation = sample('delegation').record;
  const facts = delegation.congress;
  const { secretaryId } = must(
    await createCongress(ctx, {
      name: 'Đại hội đại biểu Đảng bộ phường Chi Lăng lần thứ I, nhiệm kỳ 2025 - 2030',
      organisation: 'Đảng bộ phường Chi Lăng',
      kind: facts.kind,
      convened: facts.convened,
      excluded: facts.excluded,
      excludedReason: 'vắng mặt cả kỳ đại hội, không có người thay',
      place: PLACE,
      startsOn: '2025-06-12',
      endsOn: '2025-06-13',
      secretary: { name: 'Vũ Thị Kỹ Thuật', pin: '1111' },
    }),
  );
  const setup: Actor = { id: secretaryId, name: 'Vũ Thị Kỹ Thuật', role: 'setup' };
  const members: { id: string; name: string }[] = [];
  for (const [i, name] of COMMITTEE.entries()) members.push(must(await addMember(ctx, setup, { name, role: i === 0 ? 'head' : 'member', pin: `${2222 + i}`, mustChangePin: false })));
  const head: Actor = { id: members[0].id, name: members[0].name, role: 'head' };
  must(await addMember(ctx, setup, { name: STAFF, role: 'staff', pin: '7777', mustChangePin: false }));
  const typist = (i: number): Actor => ({ id: members[i].id, name: members[i].name, role: 'member' });
  const congressOf = <R extends { congress: unknown }>(r: R): R => ({ ...r, congress: facts });

  const certifyImport = async (name: string, input: { decision: string; stop: boolean; complaints?: string } = { decision: '', stop: false }) => {
    const imported = must(await importRecord(ctx, setup, congressOf(sample(name).record)));
    must(await certifyRound(ctx, head, imported.roundId, { ...input, passphrase: PASSPHRASE }));
    return imported;
  };
  const executive = await certifyImport('executive-committee', { decision: '', stop: false, complaints: 'Đồng chí Lê Văn Tám đề nghị kiểm lại phiếu số 17; Ban kiểm phiếu đã kiểm lại trước các đại biểu, kết quả không thay đổi.' });
  const secretary = await certifyImport('secretary');
  const delegationRound = await certifyImport('delegation');

  // The tie: the congress votes again among the tied; the re-vote is typed twice, in two piles of 50.
  const tie = must(await importRecord(ctx, setup, congressOf(sample('executive-committee-tie').record)));
  must(await createNextRound(ctx, head, tie.electionId, { decision: 'Đại hội biểu quyết bầu lại giữa ba đồng chí bằng phiếu cho 2 chỗ còn lại.', addedNames: [] }));
  must(await certifyRound(ctx, head, tie.roundId, { decision: '', stop: false, passphrase: PASSPHRASE }));
  const revote = (await listRounds(server.database.db, tie.electionId))[1];
  must(await setEntryMode(ctx, setup, revote.id, 'double'));
  must(await setBallotCounts(ctx, setup, revote.id, { ballotsIssued: 100, ballotsCollected: 100 }));
  must(await transitionRound(ctx, setup, revote.id, 'counting', ''));
  for (let p = 0; p < 2; p++) {
    const pile = must(await declarePile(ctx, head, revote.id, 50));
    const ballots = TIE_REVOTE.slice(p * 50, p * 50 + 50);
    for (const [i, ballot] of ballots.entries()) must(await enterPileBallot(ctx, typist(1), { id: `p${p}a${i}xxxxxx`, pileId: pile.id, pass: 1, ballot }));
    for (const [i, ballot] of ballots.entries()) {
      // The second typist misreads the fifth ballot of the first pile.
      const typed = p === 0 && i === 4 ? { struck: [2] } : ballot;
      must(await enterPileBallot(ctx, typist(2), { id: `p${p}b${i}xxxxxx`, pileId: pile.id, pass: 2, ballot: typed }));
    }
    if (p === 0) must(await resolveDifference(ctx, head, { pileId: pile.id, position: 5, ballot: { struck: [3] }, reason: 'Đối chiếu phiếu giấy: gạch tên số 3.' }));
  }
  must(await transitionRound(ctx, head, revote.id, 'counted', ''));
  must(await certifyRound(ctx, head, revote.id, { decision: '', stop: false, passphrase: PASSPHRASE }));
  return { ctx, setup, head, executive, secretary, delegation: delegationRound, tie: { electionId: tie.electionId, firstRound: tie.roundId, revote: revote.id } };
}

export interface PrintedPaper {
  pages: string[];
  /** The text laid out as on the page (table rows on one line), spaces kept. */
  layout: string;
  /** All the text, spaces made single. */
  text: string;
  dir: string;
}

/** Prints a page of the server to PDF in Chromium, keeps the PDF and its page images, and reads each page's text. */
export async function printToPdf(browser: BrowserContext, url: string, name: string, opts: { cookie?: { name: string; value: string } } = {}): Promise<PrintedPaper> {
  if (opts.cookie) await browser.addCookies([{ ...opts.cookie, domain: new URL(url).hostname, path: '/' }]);
  const page = await browser.newPage();
  const response = await page.goto(url);
  if (response?.status() !== 200) throw new Error(`${url}: ${response?.status()} ${await response?.text()}`);
  await page.evaluate(() => document.fonts.ready);
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  await page.close();
  const dir = join(OUTPUT, 'papers', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '60', file, join(dir, 'page')]);
  const count = Number(/Pages:\s+(\d+)/u.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  const pages: string[] = [];
  for (let i = 1; i <= count; i++) pages.push(execFileSync('pdftotext', ['-f', String(i), '-l', String(i), file, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/gu, ' '));
  const layout = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).normalize('NFC');
  return { pages, layout, text: pages.join(' '), dir };
}
