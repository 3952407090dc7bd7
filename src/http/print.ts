import { Hono } from 'hono';
import QRCode from 'qrcode';
import { getCertification, getCongress, listElections } from '../db/store/index.js';
import { renderMinutes } from '../print/minutes.js';
import { renderSummary, type SummaryElection } from '../print/summary.js';
import { keyFingerprint } from '../results-file/format.js';
import type { AppEnv } from './env.js';

const notice = (vi: string, en: string) =>
  `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Kiểm Phiếu</title><link rel="stylesheet" href="/css/print.css"></head><body><main class="sheet"><p>${vi}</p><p>${en}</p></main></body></html>`;

/** The printed documents: the counting minutes of a certified round and the congress summary sheet (public, like the result). */
export const printRoutes = new Hono<AppEnv>()
  .get('/rounds/:id/minutes', async (c) => {
    const certified = await getCertification(c.get('deps').store.db, c.req.param('id'));
    if (!certified) return c.html(notice('Vòng bầu này chưa được xác nhận: biên bản kiểm phiếu được lập sau khi Trưởng ban xác nhận kết quả.', 'This round is not certified: the minutes are drawn up once the head certifies the result.'), 404);
    const qrSvg = await QRCode.toString(certified.sha256, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
    return c.html(renderMinutes({ file: certified.file, sha256: certified.sha256, keyFingerprint: await keyFingerprint(certified.file.publicKey), qrSvg }));
  })
  .get('/summary', async (c) => {
    const { db, now } = c.get('deps').store;
    const congress = await getCongress(db);
    if (!congress) return c.html(notice('Chưa tạo đại hội.', 'No congress has been set up yet.'), 404);
    const elections: SummaryElection[] = [];
    for (const { rounds, ...election } of await listElections(db)) {
      const listed: SummaryElection['rounds'] = [];
      for (const round of rounds) {
        const found = await getCertification(db, round.id);
        listed.push({ round, certified: found ? { file: found.file, sha256: found.sha256 } : null });
      }
      elections.push({ election, rounds: listed });
    }
    return c.html(renderSummary({ congress, elections, printedAt: now().toISOString() }));
  });
