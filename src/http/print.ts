import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import QRCode from 'qrcode';
import { z } from 'zod';
import { entryLog, getCertification, getCongress, getElection, getRound, listCandidates, listElections, listRounds } from '../db/store/index.js';
import { ballotStyleOf, placesOf, type Round } from '../domain/index.js';
import { BALLOT_SIZES, ballotSizeFor, renderBallotPapers } from '../print/ballot-paper.js';
import { footerCss, esc, type PageFooter } from '../print/document.js';
import { electionMinutes, renderElectionMinutes, type CertifiedRound } from '../print/election-minutes.js';
import { renderEntryLog } from '../print/entry-log.js';
import { countingMinutes, renderMinutes } from '../print/minutes.js';
import { renderPileSheets } from '../print/pile-sheets.js';
import { renderSummary, type SummaryElection } from '../print/summary.js';
import { paperDocx } from '../print/word.js';
import { keyFingerprint, shortCode } from '../results-file/format.js';
import { allow, anyMember } from './auth.js';
import type { AppEnv } from './env.js';

/** A refusal as a page: the reason in Vietnamese and English, and the status. */
const notice = (c: Context<AppEnv>, status: ContentfulStatusCode, vi: string, en: string) =>
  c.html(`<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Kiểm Phiếu</title><link rel="stylesheet" href="/css/fonts.css"><link rel="stylesheet" href="/css/print.css"></head><body><main class="sheet"><p>${esc(vi)}</p><p>${esc(en)}</p></main></body></html>`, status);

const noRound = (c: Context<AppEnv>) => notice(c, 404, 'Không tìm thấy vòng bầu này.', 'No such round.');
const notCertified = (c: Context<AppEnv>) =>
  notice(c, 404, 'Vòng bầu này chưa được xác nhận: biên bản kiểm phiếu được lập sau khi Trưởng ban xác nhận kết quả.', 'This round is not certified: the minutes are drawn up once the head certifies the result.');

const docx = (c: Context<AppEnv>, bytes: Buffer, name: string) =>
  c.body(new Uint8Array(bytes), 200, {
    'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'Content-Disposition': `attachment; filename="${name}"`,
  });

async function minutesPaper(c: Context<AppEnv>) {
  const certified = await getCertification(c.get('deps').store.db, c.req.param('id')!);
  if (!certified) return null;
  const qrSvg = await QRCode.toString(certified.sha256, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return { certified, input: { file: certified.file, sha256: certified.sha256, keyFingerprint: await keyFingerprint(certified.file.publicKey), qrSvg } };
}

/** An election with its rounds and their certifications; null when there is no such election. */
async function certifiedRounds(c: Context<AppEnv>, electionId: string) {
  const { db } = c.get('deps').store;
  const election = await getElection(db, electionId);
  if (!election) return null;
  const rounds: CertifiedRound[] = [];
  for (const round of await listRounds(db, electionId)) {
    const found = await getCertification(db, round.id);
    rounds.push({ round, certified: found ? { file: found.file, sha256: found.sha256 } : null });
  }
  return { election, rounds };
}

async function electionMinutesInput(c: Context<AppEnv>) {
  const found = await certifiedRounds(c, c.req.param('id')!);
  if (!found) return { refusal: notice(c, 404, 'Không tìm thấy cuộc bầu này.', 'No such election.') };
  if (found.rounds.some((r) => r.certified === null)) {
    return { refusal: notice(c, 409, 'Cuộc bầu còn vòng chưa xác nhận: biên bản bầu cử được lập khi mọi vòng bầu đã được xác nhận.', 'The election has a round not yet certified: its election minutes are drawn up once every round is certified.') };
  }
  const congress = (await getCongress(c.get('deps').store.db))!;
  return { input: { congress, ...found } };
}

/** The footer of a round's working papers: the election and round, and the file's code once certified. */
async function roundFooter(c: Context<AppEnv>, round: Round, title: string): Promise<PageFooter> {
  const certified = await getCertification(c.get('deps').store.db, round.id);
  return { election: `${title}${round.number > 1 ? ` (lần bầu thứ ${round.number})` : ''}`, code: certified ? `Mã ${shortCode(certified.sha256)}` : `Vòng ${round.number}: chưa xác nhận` };
}

const ballotQuery = z.object({
  count: z.coerce.number().int().min(1).max(5000).optional(),
  size: z.enum(BALLOT_SIZES).optional(),
});

/** The round and its election, or a refusal page. */
async function roundAndElection(c: Context<AppEnv>) {
  const { db } = c.get('deps').store;
  const round = await getRound(db, c.req.param('id')!);
  if (!round) return null;
  const election = (await getElection(db, round.electionId))!;
  return { round, election };
}

/**
 * The congress's papers (README "The congress's papers", docs/papers.md): the minutes and election
 * minutes (public, like the result; also as Word), and the committee's working papers: ballot papers,
 * pile sheets and the entry log. Every paper is an A4 page from the server, printed from the browser.
 */
export const printRoutes = new Hono<AppEnv>()
  // The footer of a paper's pages: its election and code, as CSS (margin boxes show only text the CSS holds).
  .get('/page.css', (c) => c.body(footerCss({ election: c.req.query('e') ?? '', code: c.req.query('c') ?? '' }), 200, { 'Content-Type': 'text/css; charset=utf-8' }))
  .get('/rounds/:id/minutes', async (c) => {
    const found = await minutesPaper(c);
    return found ? c.html(renderMinutes(found.input)) : notCertified(c);
  })
  .get('/rounds/:id/minutes.docx', async (c) => {
    const found = await minutesPaper(c);
    if (!found) return notCertified(c);
    return docx(c, await paperDocx(countingMinutes(found.input)), `bien-ban-kiem-phieu-vong-${found.certified.file.record.election.round}-${found.certified.sha256.slice(0, 8)}.docx`);
  })
  .get('/elections/:id/minutes', async (c) => {
    const found = await electionMinutesInput(c);
    return found.refusal ?? c.html(renderElectionMinutes(found.input));
  })
  .get('/elections/:id/minutes.docx', async (c) => {
    const found = await electionMinutesInput(c);
    return found.refusal ?? docx(c, await paperDocx(electionMinutes(found.input)), `bien-ban-bau-cu-${found.input.election.id.slice(0, 8)}.docx`);
  })
  // Ballot papers are printed before the vote, from the list as approved: never from a list still in setup.
  .get('/rounds/:id/ballots', allow('setup', 'head'), async (c) => {
    const parsed = ballotQuery.safeParse(c.req.query());
    if (!parsed.success) return notice(c, 400, 'Số phiếu cần in phải là số nguyên từ 1 đến 5.000; khổ phiếu là a4, a5 hoặc a6.', 'The count to print is a whole number from 1 to 5,000; the size is a4, a5 or a6.');
    const found = await roundAndElection(c);
    if (!found) return noRound(c);
    const { round, election } = found;
    if (round.state === 'setup') {
      return notice(c, 409, 'Danh sách bầu cử của vòng này còn đang chuẩn bị: chỉ in phiếu bầu khi danh sách đã được Đại hội thông qua và chốt (mở kiểm phiếu).', 'The list of this round is still in setup: ballot papers are printed once the congress has approved the list and it is fixed (counting opened).');
    }
    const { db } = c.get('deps').store;
    const congress = (await getCongress(db))!;
    const candidates = await listCandidates(db, round.id);
    // As the round's record says it (records.ts): the alternates' own ballot is seats 0.
    const places = placesOf({ seats: round.seats, alternates: round.alternates, ...(round.fills === 'alternates' && round.seats === 0 ? { fills: 'alternates' as const } : {}) });
    const style = ballotStyleOf(candidates.length, places) ?? 'strike';
    const note = round.fills === 'alternates' ? '(Bầu đại biểu dự khuyết)' : round.number > 1 ? `(Bầu lần thứ ${round.number})` : null;
    return c.html(
      renderBallotPapers({
        organisation: congress.organisation || congress.name,
        congress: congress.name,
        title: election.title,
        note,
        candidates,
        places,
        size: parsed.data.size ?? ballotSizeFor(candidates.length, style),
        count: parsed.data.count ?? round.ballotsIssued ?? congress.convened - congress.excluded,
      }),
    );
  })
  .get('/rounds/:id/piles', anyMember, async (c) => {
    const found = await roundAndElection(c);
    if (!found) return noRound(c);
    const { db, now } = c.get('deps').store;
    const log = await entryLog(db, found.round);
    if (log.mode !== 'double') return notice(c, 409, 'Vòng bầu này nhập phiếu một lần: không có xấp phiếu.', 'This round uses single entry: it has no piles.');
    const congress = (await getCongress(db))!;
    return c.html(renderPileSheets({ log, congress, election: found.election.title, footer: await roundFooter(c, found.round, found.election.title), printedAt: now().toISOString() }));
  })
  .get('/rounds/:id/entry-log', anyMember, async (c) => {
    const found = await roundAndElection(c);
    if (!found) return noRound(c);
    const { db, now } = c.get('deps').store;
    const congress = (await getCongress(db))!;
    const log = await entryLog(db, found.round);
    return c.html(renderEntryLog({ log, congress, election: found.election.title, footer: await roundFooter(c, found.round, found.election.title), printedAt: now().toISOString() }));
  })
  .get('/summary', async (c) => {
    const { db, now } = c.get('deps').store;
    const congress = await getCongress(db);
    if (!congress) return notice(c, 404, 'Chưa tạo đại hội.', 'No congress has been set up yet.');
    const elections: SummaryElection[] = [];
    for (const { id } of await listElections(db)) elections.push((await certifiedRounds(c, id))!);
    return c.html(renderSummary({ congress, elections, printedAt: now().toISOString() }));
  });
