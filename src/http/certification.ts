import { Hono } from 'hono';
import { certifyRound, getCertification } from '../db/store/index.js';
import { DEFAULT_TIME_ZONE } from '../print/clock.js';
import { keyFingerprint, shortCode } from '../results-file/format.js';
import { certifyBody } from '../schema/api.js';
import { allow, anyMember } from './auth.js';
import type { AppEnv } from './env.js';
import { errorBody, refused } from './errors.js';
import { jsonBody } from './validate.js';

const notCertified = errorBody({ code: 'not_certified', vi: 'vòng bầu chưa được xác nhận', en: 'the round is not certified' });

/** An election's title as a file name: no tone marks (đ is d), lowercase, words joined by "-". */
function fileNamePart(title: string): string {
  const plain = title.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/gu, 'd').toLowerCase();
  return plain.replace(/[^a-z0-9]+/gu, '-').replace(/^-+|-+$/gu, '').slice(0, 80).replace(/-+$/u, '');
}

/** Certification of a round by the head, and its signed results file. */
export const certificationRoutes = new Hono<AppEnv>()
  .post('/:id/certify', allow('head'), jsonBody(certifyBody), async (c) => {
    const result = await certifyRound(c.get('deps').store, c.get('session')!.actor, c.req.param('id'), c.req.valid('json'));
    if (!result.ok) return refused(c, result.error);
    return c.json({ ...result.value, shortCode: shortCode(result.value.sha256) }, 201);
  })
  // Who certified, when, the decision and the fingerprints: public, as on the minutes.
  .get('/:id/certification', async (c) => {
    const found = await getCertification(c.get('deps').store.db, c.req.param('id'));
    if (!found) return c.json(notCertified, 404);
    const { text: _text, file, ...facts } = found;
    const key = await keyFingerprint(file.publicKey);
    return c.json({ ...facts, shortCode: shortCode(found.sha256), certifiedBy: file.certification.certifiedBy, timeZone: file.certification.congress.timeZone ?? DEFAULT_TIME_ZONE, publicKey: file.publicKey, keyFingerprint: key, keyShortCode: shortCode(key) });
  })
  // The signed results file holds every ballot: for the committee, byte for byte as signed and stored.
  .get('/:id/results-file', anyMember, async (c) => {
    const found = await getCertification(c.get('deps').store.db, c.req.param('id'));
    if (!found) return c.json(notCertified, 404);
    // The name says which election and round it is: a folder of them must not be a row of look-alikes.
    const { title, round } = found.file.record.election;
    const name = `ket-qua-${fileNamePart(title) || 'bau-cu'}-vong-${round}-${found.sha256.slice(0, 8)}.json`;
    return c.body(found.text, 200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"` });
  });
