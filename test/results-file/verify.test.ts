import { generateKeyPairSync, sign } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalize } from '../../src/results-file/canonical.js';
import { base64url, shortCode, signedBytes, type SignedResultFile } from '../../src/results-file/format.js';
import { minutesCode, verifySignedResult } from '../../src/results-file/verify.js';
import { sample, testApp } from '../support/api.js';
import { certifiedFromRecord } from '../support/certify.js';

describe('verifySignedResult', () => {
  let fileText: string;
  let code: string;
  beforeAll(async () => {
    const t = await testApp();
    const certified = await certifiedFromRecord(t, sample('executive-committee-tie').record, { stop: true, decision: 'Đại hội quyết định không bầu lại' });
    fileText = certified.fileText;
    code = certified.certified.shortCode;
    await t.close();
  });

  it('says "verified" only with the code printed on the minutes; without it, intact but origin not checked', async () => {
    const verified = await verifySignedResult(fileText, { code });
    expect(verified.kind).toBe('verified');
    expect(verified.kind === 'verified' && verified.en).toMatch(/^verified: .*, tie: 8 of 10 elected;/);
    const intact = await verifySignedResult(fileText);
    expect(intact.kind).toBe('intact');
    expect(intact.kind === 'intact' && intact.en).toMatch(/^intact, origin not checked: /);
    expect(intact.kind === 'intact' && intact.vi).toMatch(/^tệp nguyên vẹn nhưng CHƯA kiểm nguồn gốc/);
  });

  it('calls a file with a broken string unreadable rather than failing', async () => {
    const broken = fileText.replace('"decision":"Đại hội', '"decision":"\\ud800Đại hội');
    expect(broken).not.toBe(fileText);
    expect(await verifySignedResult(broken)).toMatchObject({ kind: 'unreadable', en: 'not a signed results file: lone surrogate in a string' });
  });

  it('names a changed decision as a broken signature, with the recount still matching', async () => {
    const changed = fileText.replace('"stopped":true', '"stopped":false');
    const verification = await verifySignedResult(changed);
    expect(verification.kind === 'failed' && verification.findings.map((f) => f.code)).toEqual(['signature']);
  });

  it('refuses a fake "result" placed before the real one (issue 14, item 4), naming the key', async () => {
    const fake = JSON.parse(fileText) as SignedResultFile;
    fake.result.elected = [...fake.result.elected].reverse();
    const forged = fileText.replace('"result":', `"result":${canonicalize(fake.result)},"result":`);
    expect(JSON.parse(forged)).toEqual(JSON.parse(fileText));
    const verification = await verifySignedResult(forged, { code });
    expect(verification.kind).toBe('failed');
    if (verification.kind !== 'failed') return;
    expect(verification.findings[0]).toMatchObject({ code: 'form' });
    expect(verification.findings[0].en).toContain('the key "result" appears twice');
    expect(verification.findings[0].vi).toContain('khóa «result» xuất hiện hai lần');
    // The code is over the bytes: the forged file's code is not the one on the minutes.
    expect(verification.fileFingerprint).not.toMatch(new RegExp(`^${code.replace(/-/g, '').toLowerCase()}`));
    expect(verification.findings.map((f) => f.code)).toContain('code');
  });

  it('refuses a duplicate key deep inside, and any re-indented or re-saved copy', async () => {
    const deep = fileText.replace('"certifiedBy":{', '"certifiedBy":{"name":"Người khác",');
    const twice = await verifySignedResult(deep);
    expect(twice.kind === 'failed' && twice.findings[0].en).toContain('the key "name" appears twice in certification.certifiedBy');
    for (const copy of [JSON.stringify(JSON.parse(fileText), null, 2), `${fileText}\n`, `\uFEFF${fileText}`]) {
      const verification = await verifySignedResult(copy);
      expect(verification.kind === 'failed' && verification.findings.map((f) => f.code)).toEqual(['form']);
    }
  });

  it('refuses a file re-signed with another key, given the code of the minutes (issue 14, item 7)', async () => {
    const file = JSON.parse(fileText) as SignedResultFile;
    const other = generateKeyPairSync('ed25519');
    const { signature: _old, ...unsigned } = file;
    unsigned.publicKey = { kty: 'OKP', crv: 'Ed25519', x: (other.publicKey.export({ format: 'jwk' }) as { x: string }).x };
    unsigned.certification.decision = 'Đã sửa';
    const resigned = canonicalize({ ...unsigned, signature: base64url(sign(null, signedBytes(unsigned), other.privateKey)) });
    expect((await verifySignedResult(resigned)).kind).toBe('intact');
    const checked = await verifySignedResult(resigned, { code });
    expect(checked.kind === 'failed' && checked.findings.map((f) => f.code)).toEqual(['code']);
    expect(checked.kind === 'failed' && checked.findings[0].en).toContain(`not ${code} printed on the minutes`);
    if (checked.kind !== 'failed') return;
    const keyCode = shortCode(checked.keyFingerprint);
    const givenKeyCode = await verifySignedResult(resigned, { code: keyCode });
    expect(givenKeyCode.kind === 'failed' && givenKeyCode.findings[0].en).toContain("is the key's code");
  });

  it.each([
    ['ab12-CD34-ef56-7890', 'AB12-CD34-EF56-7890'],
    ['AB12CD34EF567890', 'AB12-CD34-EF56-7890'],
    [' ab12 cd34 ef56 7890 ', 'AB12-CD34-EF56-7890'],
    ['AB12-CD34-EF56', null],
    ['AB12-CD34-EF56-789G', null],
  ])('reads the typed code %j as %j', (typed, read) => {
    expect(minutesCode(typed)).toBe(read);
  });
});
