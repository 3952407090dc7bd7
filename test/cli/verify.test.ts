import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { base64url, fromBase64url } from '../../src/results-file/format.js';
import { sample, testApp } from '../support/api.js';
import { certifiedFromRecord } from '../support/certify.js';
import { runCli } from '../support/process.js';

async function verify(text: string, ...options: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const path = join(mkdtempSync(join(tmpdir(), 'kp-verify-')), 'signed.json');
  writeFileSync(path, text);
  return runCli(['verify', path, ...options]);
}

// Each case starts the real command in its own process: allow for a busy machine.
describe('kiemphieu verify', { timeout: 90_000 }, () => {
  let fileText: string;
  let minutes: string;
  beforeAll(async () => {
    const t = await testApp();
    const certified = await certifiedFromRecord(t, sample('executive-committee').record);
    fileText = certified.fileText;
    minutes = certified.certified.shortCode;
    await t.close();
  });
  const tampered = (change: (file: any) => void) => {
    const file = JSON.parse(fileText);
    change(file);
    return JSON.stringify(file);
  };

  it('verifies a certified round’s file given the code on its minutes: exit 0 and a one-line summary', async () => {
    const { code, stdout } = await verify(fileText, '--code', minutes.toLowerCase());
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stdout).toMatch(/^verified: "Bầu Ban Chấp hành", round 1, complete: 15 of 15 elected; 166 ballots recounted; certified 2025-06-12T\S+ by Trưởng ban; key [0-9A-F-]{19}, file [0-9A-F-]{19}\n$/);
  });

  it('without --code says plainly that the file is intact but its origin is not checked (exit 0)', async () => {
    const { code, stdout } = await verify(fileText);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^intact, origin not checked: "Bầu Ban Chấp hành", round 1, .* give --code with the file code printed on the minutes/);
  });

  it('refuses the same file re-indented: only its exact bytes are the signed file (issue 14, item 4)', async () => {
    const { code, stderr } = await verify(JSON.stringify(JSON.parse(fileText), null, 2), '--code', minutes);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^NOT verified: the file is not byte for byte as the server wrote it/);
  });

  it('refuses a fake "result" before the real one, even under the genuine code (issue 14, item 4)', async () => {
    const fake = JSON.parse(fileText);
    fake.result.outcome = 'unfilled';
    const forged = fileText.replace('"result":', `"result":${JSON.stringify(fake.result)},"result":`);
    const { code, stderr } = await verify(forged, '--code', minutes);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^NOT verified: the key "result" appears twice in the file/);
  });

  it('refuses a wrong code (exit 1) and a code that is not one (exit 2)', async () => {
    const wrong = await verify(fileText, '--code', '0000-0000-0000-0000');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/not 0000-0000-0000-0000 printed on the minutes: it is not the certified file/);
    const notACode = await verify(fileText, '--code', 'XYZ');
    expect(notACode.code).toBe(2);
    expect(notACode.stderr).toMatch(/--code XYZ: a code is four groups of four/);
  });

  it('fails when one struck number in the record was changed, naming the candidates whose votes moved', async () => {
    let from = 0;
    let to = 0;
    const { code, stderr } = await verify(
      tampered((file) => {
        const ballot = file.record.ballots.find((b: { struck?: number[] }) => b.struck && b.struck.length > 0 && !b.struck.includes(17));
        from = ballot.struck[0];
        to = 17;
        ballot.struck[0] = to;
      }),
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(/^NOT verified: the signature does not match the content/);
    const { result } = sample('executive-committee');
    const votes = (no: number) => result.candidates.find((c) => c.no === no)!.votes;
    expect(stderr).toContain(`candidates[no ${from} ${result.candidates[from - 1].name}].votes: ${votes(from)} in the file, ${votes(from) + 1} recounted`);
    expect(stderr).toContain(`candidates[no ${to} ${result.candidates[to - 1].name}].votes: ${votes(to)} in the file, ${votes(to) - 1} recounted`);
  });

  it('fails when one vote in the result was changed, naming that candidate', async () => {
    const { code, stderr } = await verify(tampered((file) => (file.result.candidates[2].votes += 1)));
    expect(code).toBe(1);
    const third = sample('executive-committee').result.candidates[2];
    expect(stderr).toContain('the signature does not match the content');
    expect(stderr).toContain(`the result differs from the recount of the record: candidates[no 3 ${third.name}].votes: ${third.votes + 1} in the file, ${third.votes} recounted\n`);
  });

  it('fails on one changed byte of the signature, and only on the signature', async () => {
    const { code, stderr } = await verify(
      tampered((file) => {
        const bytes = fromBase64url(file.signature)!;
        bytes[10] ^= 0x01;
        file.signature = base64url(bytes);
      }),
    );
    expect(code).toBe(1);
    expect(stderr).toBe('NOT verified: the signature does not match the content: the file was changed after it was signed\n');
  });

  it('exits 2 on a file that is not a signed results file', async () => {
    const notJson = await verify('{ "format": ');
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/not valid JSON/);
    const record = await verify(JSON.stringify(sample('executive-committee').record));
    expect(record.code).toBe(2);
    expect(record.stderr).toMatch(/not a signed results file: format/);
  });
});
