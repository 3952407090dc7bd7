import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { base64url, fromBase64url } from '../../src/results-file/format.js';
import { sample, testApp } from '../support/api.js';
import { certifiedFromRecord } from '../support/certify.js';
import { runCli } from '../support/process.js';

async function verify(text: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const path = join(mkdtempSync(join(tmpdir(), 'kp-verify-')), 'signed.json');
  writeFileSync(path, text);
  return runCli(['verify', path]);
}

// Each case starts the real command in its own process: allow for a busy machine.
describe('kiemphieu verify', { timeout: 90_000 }, () => {
  let fileText: string;
  beforeAll(async () => {
    const t = await testApp();
    fileText = (await certifiedFromRecord(t, sample('executive-committee').record)).fileText;
    await t.close();
  });
  const tampered = (change: (file: any) => void) => {
    const file = JSON.parse(fileText);
    change(file);
    return JSON.stringify(file, null, 2);
  };

  it('verifies a certified round’s file: exit 0 and a one-line summary', async () => {
    const { code, stdout } = await verify(fileText);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(stdout).toMatch(/^verified: "Bầu Ban Chấp hành", round 1, complete: 15 of 15 elected; 166 ballots recounted; certified 2025-06-12T\S+ by Trưởng ban; key [0-9A-F-]{19}, file [0-9A-F-]{19}\n$/);
  });

  it('still verifies the same file re-indented (the signature covers the canonical form)', async () => {
    expect((await verify(tampered(() => undefined))).code).toBe(0);
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
