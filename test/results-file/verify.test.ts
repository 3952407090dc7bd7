import { describe, expect, it } from 'vitest';
import { verifySignedResult } from '../../src/results-file/verify.js';
import { sample, testApp } from '../support/api.js';
import { certifiedFromRecord } from '../support/certify.js';

describe('verifySignedResult', () => {
  it('verifies a certified tie round, and calls a file with a broken string unreadable rather than failing', async () => {
    const t = await testApp();
    const { fileText } = await certifiedFromRecord(t, sample('executive-committee-tie').record, { stop: true, decision: 'Đại hội quyết định không bầu lại' });
    await t.close();
    const verified = await verifySignedResult(fileText);
    expect(verified.kind).toBe('verified');
    expect(verified.kind === 'verified' && verified.en).toMatch(/, tie: 8 of 10 elected;/);
    const broken = fileText.replace('"decision":"Đại hội', '"decision":"\\ud800Đại hội');
    expect(broken).not.toBe(fileText);
    expect(await verifySignedResult(broken)).toMatchObject({ kind: 'unreadable', en: 'not a signed results file: lone surrogate in a string' });
  });

  it('names a changed decision as a broken signature, with the recount still matching', async () => {
    const t = await testApp();
    const { fileText } = await certifiedFromRecord(t, sample('executive-committee-tie').record, { stop: true, decision: 'Đại hội quyết định không bầu lại' });
    await t.close();
    const changed = fileText.replace('"stopped":true', '"stopped":false');
    const verification = await verifySignedResult(changed);
    expect(verification.kind === 'failed' && verification.findings.map((f) => f.code)).toEqual(['signature']);
  });
});
