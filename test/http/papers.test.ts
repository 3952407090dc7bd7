import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sample, testApp } from '../support/api.js';
import { certifiedFromRecord } from '../support/certify.js';

type T = Awaited<ReturnType<typeof testApp>>;

describe('the papers over HTTP: who may print what, and bad input', () => {
  let t: T;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(() => t.close());

  const page = async (path: string, cookie?: string) => {
    const res = await t.app.request(path, { headers: cookie ? { Cookie: cookie } : {} });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  };

  it('keeps the congress time zone: Vietnam by default, an IANA name when set, a clear 400 for anything else', async () => {
    const { setup } = await t.setUpCongress();
    expect((await t.call('GET', '/api/congress')).body.timeZone).toBe('Asia/Ho_Chi_Minh');
    const bad = await t.call('PATCH', '/api/congress', { timeZone: 'Mars/Olympus' }, { as: setup });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('timeZone');
    expect(bad.body.error.message).toContain('múi giờ');
    expect((await t.call('GET', '/api/congress')).body.timeZone).toBe('Asia/Ho_Chi_Minh');
    expect((await t.call('PATCH', '/api/congress', { timeZone: 'Asia/Bangkok' }, { as: setup })).status).toBe(200);
    expect((await t.call('GET', '/api/congress')).body.timeZone).toBe('Asia/Bangkok');
  });

  it('signs the complaints and the time zone into the results file, and prints them on the congress clock', async () => {
    const { record } = sample('executive-committee');
    const withComplaints = await certifiedFromRecord(t, record, { complaints: 'Một đại biểu khiếu nại phiếu số 3; Ban kiểm phiếu kết luận phiếu hợp lệ.' });
    const file = JSON.parse(withComplaints.fileText);
    expect(file.certification.complaints).toBe('Một đại biểu khiếu nại phiếu số 3; Ban kiểm phiếu kết luận phiếu hợp lệ.');
    expect(file.certification.congress.timeZone).toBe('Asia/Ho_Chi_Minh');
    const minutes = await page(`/print/rounds/${withComplaints.roundId}/minutes`);
    expect(minutes.text).toContain('Ban kiểm phiếu kết luận phiếu hợp lệ.');
    // Certified at 08:00 UTC by the test clock: 15 giờ in Vietnam.
    expect(minutes.text).toMatch(/Biên bản lập xong hồi 15 giờ \d\d phút, ngày 12 tháng 6 năm 2025/u);
  });

  it('refuses the committee papers without a session, ballot papers to a counting member, and bad counts and sizes', async () => {
    const { setup, memberIds } = await t.setUpCongress();
    const { roundId } = await t.electionFromRecord(sample('executive-committee').record);
    for (const path of [`/print/rounds/${roundId}/ballots`, `/print/rounds/${roundId}/entry-log`, `/print/rounds/${roundId}/piles`]) expect((await page(path)).status, path).toBe(401);
    const member = await t.signIn(memberIds[0], '3333');
    expect((await page(`/print/rounds/${roundId}/ballots`, member.cookie)).status).toBe(403);
    expect((await page(`/print/rounds/${roundId}/entry-log`, member.cookie)).status).toBe(200);
    for (const query of ['count=0', 'count=5001', 'count=abc', 'count=2.5', 'size=a3']) {
      const refused = await page(`/print/rounds/${roundId}/ballots?${query}`, setup.cookie);
      expect(refused.status, query).toBe(400);
      expect(refused.text).toContain('Số phiếu cần in phải là số nguyên từ 1 đến 5.000');
      expect(refused.text).toContain('The count to print');
    }
    const printed = await page(`/print/rounds/${roundId}/ballots?count=3&size=a6`, setup.cookie);
    expect(printed.status).toBe(200);
    expect(printed.text.split('<article class="ballot a6">').length - 1).toBe(3);
    // A single-entry round has no piles.
    const piles = await page(`/print/rounds/${roundId}/piles`, setup.cookie);
    expect(piles.status).toBe(409);
    expect(piles.text).toContain('không có xấp phiếu');
  });

  it('refuses ballot papers while the list is in setup, and election minutes while a round is not certified', async () => {
    const { setup } = await t.setUpCongress();
    const created = await t.call('POST', '/api/elections', { kind: 'secretary', title: 'Bầu Bí thư', seats: 1, alternates: 0 }, { as: setup });
    const roundId = (await t.call('GET', `/api/elections/${created.body.id}`)).body.rounds[0].id;
    const refused = await page(`/print/rounds/${roundId}/ballots`, setup.cookie);
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('còn đang chuẩn bị');
    expect(refused.text).toContain('still in setup');
    const minutes = await page(`/print/elections/${created.body.id}/minutes`);
    expect(minutes.status).toBe(409);
    expect((await page(`/print/elections/${created.body.id}/minutes.docx`)).status).toBe(409);
    expect((await page('/print/elections/nothing-here/minutes')).status).toBe(404);
  });

  it('keeps the footer stylesheet a CSS string whatever the query holds', async () => {
    const css = await page(`/print/page.css?${new URLSearchParams({ e: 'Bầu "A" \\ } @import url(x);\n', c: 'Mã 1234' })}`);
    expect(css.status).toBe(200);
    expect(css.type).toContain('text/css');
    expect(css.text).toContain('content: "Bầu \\"A\\" \\\\ } @import url(x); ";');
    expect(css.text.match(/content:/gu)).toHaveLength(2);
  });

  it('serves the papers’ font from the server, and nothing else from the package', async () => {
    const font = await t.app.request('/fonts/tinos/tinos-vietnamese-400-normal.woff2');
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect(new Uint8Array(await font.arrayBuffer()).slice(0, 4)).toEqual(new Uint8Array([0x77, 0x4f, 0x46, 0x32])); // "wOF2"
    for (const path of ['/fonts/tinos/package.json', '/fonts/tinos/..%2Fpackage.json', '/fonts/tinos/tinos-greek-400-normal.woff2']) expect((await t.app.request(path)).status, path).toBe(404);
  });
});
