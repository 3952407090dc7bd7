import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createElection, getCertification, listRounds } from '../../src/db/store/index.js';
import { markTotals } from '../../src/domain/index.js';
import { shortCode, type SignedResultFile } from '../../src/results-file/format.js';
import { formatCount, formatPercent } from '../../src/print/vietnamese-number.js';
import { startServer, type RunningServer } from '../../src/server.js';
import { launchChromium } from '../support/browser.js';
import { signRecord } from '../support/signed-file.js';
import { renderMinutes } from '../../src/print/minutes.js';
import { keyFingerprint } from '../../src/results-file/format.js';
import type { Ballot, ElectionRecord } from '../../src/domain/index.js';
import type { CertificationFacts } from '../../src/results-file/format.js';
import { COMMITTEE, congressWithPapers, must, printToPdf, STAFF, type PrintedPaper } from '../support/papers.js';

/** Every page carries the election, "Trang x/y" and the file's code; a page with the signatures also holds the closing. */
function expectFormalPages(paper: PrintedPaper, footer: { election: string; code: string }) {
  expect(paper.pages.length).toBeGreaterThanOrEqual(1);
  paper.pages.forEach((text, i) => {
    expect(text, `page ${i + 1}`).toContain(`Trang ${i + 1}/${paper.pages.length}`);
    expect(text, `page ${i + 1}`).toContain(footer.code);
    expect(text, `page ${i + 1}`).toContain(footer.election);
    if (text.includes('(Ký, ghi rõ họ tên)')) expect(text, `page ${i + 1} holds signatures and nothing else`).toMatch(/Biên bản lập (xong )?hồi|Biên bản lập ngày/u);
  });
}

/** The formal text before the annex says nothing of computers or entry passes. */
function expectNoSoftwareTerms(paper: PrintedPaper) {
  const formal = paper.text.slice(0, paper.text.indexOf('Ghi chú:'));
  expect(formal.length).toBeGreaterThan(500);
  for (const term of ['hệ thống', 'máy tính', 'nhập một lần', 'nhập hai lần', 'phần mềm']) expect(formal).not.toContain(term);
}

describe('the congress papers, printed to PDF in Chromium', () => {
  let server: RunningServer;
  let browser: BrowserContext;
  let fixture: Awaited<ReturnType<typeof congressWithPapers>>;
  let cookie: { name: string; value: string };
  const url = (path: string) => `${server.url}${path.replace(/^\//u, '')}`;
  const signed = async (roundId: string) => {
    const found = (await getCertification(server.database.db, roundId))!;
    return { file: found.file as SignedResultFile, code: shortCode(found.sha256) };
  };

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-papers-'));
    server = await startServer({ dbPath: join(dir, 'congress.sqlite'), port: 0, host: '127.0.0.1' });
    fixture = await congressWithPapers(server);
    // Signed in through the server itself, on its own clock (the fixture's clock is in 2025).
    const signedIn = await fetch(url('/api/session'), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ memberId: fixture.head.id, pin: '2222' }) });
    expect(signedIn.status).toBe(201);
    cookie = { name: 'kp_session', value: /kp_session=([^;]+)/u.exec(signedIn.headers.get('set-cookie')!)![1] };
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('prints the executive committee counting minutes in the official form and order', async () => {
    const { file, code } = await signed(fixture.executive.roundId);
    const paper = await printToPdf(browser, url(`/print/rounds/${fixture.executive.roundId}/minutes`), 'minutes-executive');
    expectFormalPages(paper, { election: 'Bầu Ban Chấp hành', code: `Mã ${code}` });
    expectNoSoftwareTerms(paper);
    const t = paper.text;
    const inOrder = ['ĐẢNG BỘ PHƯỜNG CHI LĂNG', 'ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ PHƯỜNG CHI LĂNG LẦN THỨ I', 'BAN KIỂM PHIẾU', 'ĐẢNG CỘNG SẢN VIỆT NAM', 'Chi Lăng, ngày 12 tháng 6 năm 2025', 'BIÊN BẢN KIỂM PHIẾU', 'Căn cứ Điều lệ Đảng', 'Căn cứ Quy chế bầu cử trong Đảng', 'Ban kiểm phiếu do Đại hội biểu quyết thông qua', 'I. Số lượng và danh sách bầu cử', 'II. Số đại biểu', 'III. Số phiếu', 'IV. Kết quả kiểm phiếu', 'V. Kết quả bầu cử', 'VI. Khiếu nại và kết luận của Ban kiểm phiếu', 'TRƯỞNG BAN', 'Ghi chú:'];
    let at = -1;
    for (const words of inOrder) {
      const found = t.indexOf(words, at + 1);
      expect(found, words).toBeGreaterThan(at);
      at = found;
    }
    expect(t).toContain('Đồng chí Trần Văn Trưởng — Trưởng ban');
    expect(t).toContain('Đồng chí Lê Thị Kiểm — Ủy viên');
    expect(t).toContain(`Nhân viên kỹ thuật giúp Ban kiểm phiếu nhập phiếu (không phải thành viên Ban kiểm phiếu): đồng chí ${STAFF}.`);
    expect(t).not.toContain(`${STAFF} — `);
    expect(t.slice(t.indexOf('TRƯỞNG BAN'))).not.toContain(STAFF);
    expect(t).toContain(`gồm ${file.record.candidates.length} đồng chí (theo thứ tự in trên phiếu bầu)`);
    expect(t).toContain('Số đại biểu không tính vào số làm căn cứ: 2 (vắng mặt cả kỳ đại hội, không có người thay)');
    expect(t).toContain(`Số phiếu phát ra: ${file.result.ballots.issued}`);
    for (const c of file.result.candidates) expect(paper.layout).toMatch(new RegExp(`${c.name}\\s+${formatCount(c.votes)}\\s+${formatPercent(c.percentOfBase)}`, 'u'));
    expect(t).toMatch(/\d+,\d\d%/u);
    expect(t).not.toMatch(/\d+\.\d\d%/u);
    expect(t).toContain(`ít nhất ${file.result.threshold} (tám mươi ba) phiếu`);
    expect(t).toContain('Đồng chí Lê Văn Tám đề nghị kiểm lại phiếu số 17');
    for (const name of COMMITTEE) expect(t.split(name).length - 1).toBeGreaterThanOrEqual(2);
    expect(t).toContain(`mã tệp: ${code}`);
  });

  it('prints a one-name election with its agree, disagree and invalid counts', async () => {
    const { file, code } = await signed(fixture.secretary.roundId);
    const paper = await printToPdf(browser, url(`/print/rounds/${fixture.secretary.roundId}/minutes`), 'minutes-secretary');
    expectFormalPages(paper, { election: 'Bầu Bí thư', code: `Mã ${code}` });
    expectNoSoftwareTerms(paper);
    const [only] = file.result.candidates;
    const marks = markTotals(file.record).get(only.no)!;
    expect(marks.agree).toBe(only.votes);
    expect(marks.disagree).toBeGreaterThan(0);
    expect(paper.text).toContain(`Đồng chí ${only.name}: số phiếu đồng ý ${marks.agree} (${formatPercent(only.percentOfBase)}`);
    expect(paper.text).toContain(`Số phiếu không đồng ý: ${marks.disagree}`);
    expect(paper.text).toContain(`Số phiếu không hợp lệ: ${file.result.ballots.invalid}`);
    expect(paper.text).toContain('Danh sách một người: phiếu hợp lệ đánh dấu đúng một ô.');
  });

  it('prints the delegation with its alternates, and says why a name over half is not elected', async () => {
    const { file, code } = await signed(fixture.delegation.roundId);
    const paper = await printToPdf(browser, url(`/print/rounds/${fixture.delegation.roundId}/minutes`), 'minutes-delegation');
    expectFormalPages(paper, { election: 'Bầu đoàn đại biểu', code: `Mã ${code}` });
    expect(paper.text).toContain(`Các đồng chí trúng cử dự khuyết, theo thứ tự số phiếu (${file.result.alternates.length}/2)`);
    const overHalf = file.result.candidates.filter((c) => c.status === 'not_elected' && c.votes >= file.result.threshold);
    expect(overHalf.length).toBeGreaterThan(0);
    for (const c of overHalf) expect(paper.text).toContain(`Đồng chí ${c.name} được ${c.votes} phiếu (${formatPercent(c.percentOfBase)}), quá một nửa nhưng không trúng cử do đã đủ số lượng.`);
  });

  it('prints the tie, the re-vote as a later round in the same form, and the election minutes of both', async () => {
    const first = await signed(fixture.tie.firstRound);
    const tied = first.file.result.tied.map((no) => first.file.result.candidates.find((c) => c.no === no)!.name);
    const round1 = await printToPdf(browser, url(`/print/rounds/${fixture.tie.firstRound}/minutes`), 'minutes-tie');
    expectFormalPages(round1, { election: 'Bầu Ban Chấp hành', code: `Mã ${first.code}` });
    expect(round1.text).toContain(`Các đồng chí ${tied.join(', ')} bằng số phiếu nhau`);
    expect(round1.text).toContain('Quyết định của Đại hội: Đại hội biểu quyết bầu lại giữa ba đồng chí bằng phiếu');

    const second = await signed(fixture.tie.revote);
    const round2 = await printToPdf(browser, url(`/print/rounds/${fixture.tie.revote}/minutes`), 'minutes-revote');
    expectFormalPages(round2, { election: 'Bầu Ban Chấp hành (Bầu lần thứ 2)', code: `Mã ${second.code}` });
    expect(round2.text).toContain('(Bầu lần thứ 2)');
    expect(round2.text).toContain('gạch hết tên (không bầu ai): 1 phiếu');
    expect(round2.text).toContain('theo 2 xấp phiếu; 1 chỗ khác nhau');

    const minutes = await printToPdf(browser, url(`/print/elections/${fixture.tie.electionId}/minutes`), 'election-minutes-tie');
    expectFormalPages(minutes, { election: 'Bầu Ban Chấp hành', code: `Mã ${second.code}` });
    expect(minutes.text).toContain('BIÊN BẢN BẦU CỬ');
    expect(minutes.text).toContain('ĐOÀN CHỦ TỊCH');
    expect(minutes.text).toContain('Lần bầu thứ 1');
    expect(minutes.text).toContain('Lần bầu thứ 2 (bầu lại giữa những người bằng phiếu');
    expect(minutes.text).toContain(`Các đồng chí trúng cử, theo thứ tự số phiếu (10/10)`);
    expect(minutes.text).toContain(`Biên bản kiểm phiếu lần bầu thứ 1 (mã ${first.code}); Biên bản kiểm phiếu lần bầu thứ 2 (mã ${second.code})`);
    expect(minutes.text).toContain('T/M ĐOÀN CHỦ TỊCH');
  });

  it('exports the minutes and the election minutes to Word with the same words', async () => {
    const { file } = await signed(fixture.executive.roundId);
    for (const path of [`/print/rounds/${fixture.executive.roundId}/minutes.docx`, `/print/elections/${fixture.tie.electionId}/minutes.docx`]) {
      const res = await fetch(url(path));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      const docx = join(mkdtempSync(join(tmpdir(), 'kp-docx-')), 'paper.docx');
      writeFileSync(docx, new Uint8Array(await res.arrayBuffer()));
      const xml = execFileSync('unzip', ['-p', docx, 'word/document.xml'], { encoding: 'utf8' }).normalize('NFC');
      const footer = execFileSync('unzip', ['-p', docx, 'word/footer1.xml'], { encoding: 'utf8' });
      expect(footer).toContain('PAGE');
      expect(footer).toContain('NUMPAGES');
      expect(xml).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
      if (path.includes('rounds')) {
        expect(xml).toContain('BIÊN BẢN KIỂM PHIẾU');
        for (const c of file.result.candidates) expect(xml).toContain(c.name);
        expect(xml).toContain(formatPercent(file.result.candidates[0].percentOfBase));
      } else expect(xml).toContain('BIÊN BẢN BẦU CỬ');
    }
  });

  it('prints ballot papers from the approved list, several to a sheet, and refuses a list still in setup', async () => {
    const { file } = await signed(fixture.executive.roundId);
    const strike = await printToPdf(browser, url(`/print/rounds/${fixture.executive.roundId}/ballots?count=7`), 'ballots-executive', { cookie });
    expect(strike.pages).toHaveLength(4); // 17 names: A5, two to a sheet
    expect(strike.pages[0]).toContain('PHIẾU BẦU CỬ');
    expect(strike.pages[0]).toContain('Dấu của Ban kiểm phiếu');
    expect(strike.pages[0]).toContain(`Chỉ được để lại nhiều nhất ${file.record.election.seats} họ tên.`);
    const names = file.record.candidates.map((c) => `${c.no}. ${c.name}`);
    let at = -1;
    for (const name of names) {
      const found = strike.pages[0].indexOf(name, at + 1);
      expect(found, name).toBeGreaterThan(at);
      at = found;
    }
    expect(strike.pages[3].split('PHIẾU BẦU CỬ').length - 1).toBe(1);

    const oneName = await printToPdf(browser, url(`/print/rounds/${fixture.secretary.roundId}/ballots?count=8`), 'ballots-secretary', { cookie });
    expect(oneName.pages).toHaveLength(2); // one name: A6, four to a sheet
    expect(oneName.pages[0].split('Đánh dấu X vào một trong hai ô').length - 1).toBe(4);
    expect(oneName.pages[0]).toContain('Không đồng ý');

    const page = await browser.newPage();
    const election = must(await createElection(fixture.ctx, fixture.setup, { kind: 'other', title: 'Bầu Ủy ban Kiểm tra', seats: 3, alternates: 0 }));
    const inSetup = (await listRounds(server.database.db, election.id))[0];
    const refused = await page.goto(url(`/print/rounds/${inSetup.id}/ballots`));
    expect(refused?.status()).toBe(409);
    expect(await page.textContent('body')).toContain('còn đang chuẩn bị');
    const bad = await page.goto(url(`/print/rounds/${fixture.executive.roundId}/ballots?count=0`));
    expect(bad?.status()).toBe(400);
    await page.close();
  });

  it('prints the pile sheets and the entry log of the double-entered re-vote', async () => {
    const { code } = await signed(fixture.tie.revote);
    const piles = await printToPdf(browser, url(`/print/rounds/${fixture.tie.revote}/piles`), 'pile-sheets', { cookie });
    expectFormalPages(piles, { election: 'Bầu Ban Chấp hành (lần bầu thứ 2)', code: `Mã ${code}` });
    expect(piles.pages[0]).toContain('XẤP PHIẾU SỐ 1');
    expect(piles.pages[0]).toContain('Số phiếu trong xấp: 50');
    expect(piles.pages[0]).toContain(`Người nhập lần 1 ${COMMITTEE[1]}`);
    expect(piles.pages[0]).toContain(`Người nhập lần 2 ${COMMITTEE[2]}`);
    expect(piles.pages[1]).toContain('XẤP PHIẾU SỐ 2');
    expect(piles.text).toContain('BẢNG TỔNG HỢP XẤP PHIẾU');
    expect(piles.text).toContain('Số phiếu thu vào: 100');

    const log = await printToPdf(browser, url(`/print/rounds/${fixture.tie.revote}/entry-log`), 'entry-log', { cookie });
    expectFormalPages(log, { election: 'Bầu Ban Chấp hành (lần bầu thứ 2)', code: `Mã ${code}` });
    expect(log.text).toContain('NHẬT KÝ NHẬP PHIẾU');
    expect(log.text).toContain('Xấp phiếu số 1: khai 50 phiếu; lần 1 đã nhập 50, lần 2 đã nhập 50; 1 chỗ khác nhau');
    expect(log.text).toContain('Đối chiếu phiếu giấy: gạch tên số 3.');
    expect(log.text.split(COMMITTEE[1]).length - 1).toBeGreaterThanOrEqual(100);
    expect(log.text).toContain('Asia/Ho_Chi_Minh');
  });

  /**
   * Files the store cannot make yet (the bodies and the alternates' ballot land in the store with
   * the `bodies` work): signed here as the server signs them, rendered by the same renderer, and
   * printed from the server's origin so its stylesheets and fonts are the real ones.
   */
  async function printSigned(record: ElectionRecord, name: string): Promise<PrintedPaper & { code: string }> {
    const certification: CertificationFacts = {
      congress: { name: 'Đại hội đại biểu Đảng bộ phường Chi Lăng lần thứ I, nhiệm kỳ 2025 - 2030', organisation: 'Đảng bộ phường Chi Lăng', place: 'Hội trường UBND phường Chi Lăng', excludedReason: '', timeZone: 'Asia/Ho_Chi_Minh' },
      committee: COMMITTEE.slice(0, 3).map((n, i) => ({ name: n, role: i === 0 ? 'head' : 'member' })),
      staff: [{ name: 'Vũ Thị Kỹ Thuật' }],
      certifiedBy: { name: COMMITTEE[0], role: 'head' },
      certifiedAt: '2025-06-13T02:40:00.000Z',
      countStartedAt: '2025-06-13T02:10:00.000Z',
      countEndedAt: '2025-06-13T02:35:00.000Z',
      decision: '',
      stopped: false,
      complaints: '',
      entry: { mode: 'single', piles: 0, differencesResolved: 0, secondCount: false },
    };
    const { file, sha256 } = await signRecord(record, certification);
    const html = renderMinutes({ file, sha256, keyFingerprint: await keyFingerprint(file.publicKey) });
    const address = url(`/print/signed-${name}`);
    await browser.route(address, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    return { ...(await printToPdf(browser, address, name)), code: shortCode(sha256) };
  }

  const ballots = (counts: [number, Ballot][]): Ballot[] => counts.flatMap(([n, b]) => Array.from({ length: n }, () => b));

  it('prints a conference election with the conference as its body: its own base, present and absent', async () => {
    const record: ElectionRecord = {
      format: 'kiemphieu/election-record@1',
      congress: { name: 'Đại hội đại biểu Đảng bộ phường Chi Lăng lần thứ I, nhiệm kỳ 2025 - 2030', kind: 'delegates', convened: 166, excluded: 2 },
      body: { kind: 'committee_conference', name: 'Hội nghị lần thứ nhất Ban Chấp hành Đảng bộ phường Chi Lăng khóa I', convened: 15, excluded: 0, present: 14 },
      election: { title: 'Bầu Ban Thường vụ Đảng ủy', kind: 'standing_committee', seats: 5, alternates: 0, round: 1 },
      candidates: ['Lê Xuân Diệp', 'Phạm Thanh An', 'Trần Kim Thắng', 'Bùi Kim Mai', 'Hoàng Thị Hải', 'Bùi Quang Nam'].map((name, i) => ({ no: i + 1, name })),
      ballotsIssued: 14,
      ballotsCollected: 14,
      ballots: ballots([[5, { struck: [6] }], [4, { struck: [1] }], [4, { struck: [2] }], [1, { struck: [1, 2, 3, 4, 5, 6] }]]),
    };
    const paper = await printSigned(record, 'minutes-conference');
    expectFormalPages(paper, { election: 'Bầu Ban Thường vụ Đảng ủy', code: `Mã ${paper.code}` });
    expectNoSoftwareTerms(paper);
    expect(paper.text).toContain('HỘI NGHỊ LẦN THỨ NHẤT BAN CHẤP HÀNH ĐẢNG BỘ PHƯỜNG CHI LĂNG KHÓA I');
    expect(paper.text).toContain('Ban kiểm phiếu do Hội nghị biểu quyết thông qua');
    expect(paper.text).toContain('Tổng số ủy viên được triệu tập: 15');
    expect(paper.text).toContain('Số ủy viên làm căn cứ tính kết quả: 15');
    expect(paper.text).toContain('Số ủy viên có mặt khi bỏ phiếu: 14; vắng mặt: 1');
    expect(paper.text).toContain('ít nhất 8 (tám) phiếu');
    expect(paper.text).toContain('VI. Khiếu nại và kết luận của Ban kiểm phiếu Không có.');
    expect(paper.text).toContain('Đồng chí Bùi Quang Nam được 8 phiếu (53,33%), quá một nửa nhưng không trúng cử do đã đủ số lượng.');
  });

  it('prints the alternates’ own ballot in the same form', async () => {
    const names = ['Hoàng Xuân Ánh', 'Ngô Đức Nam', 'Mạc Minh Phương', 'Bùi Kim Đạt'];
    const record: ElectionRecord = {
      format: 'kiemphieu/election-record@1',
      congress: { name: 'Đại hội đại biểu Đảng bộ phường Chi Lăng lần thứ I, nhiệm kỳ 2025 - 2030', kind: 'delegates', convened: 166, excluded: 2 },
      election: { title: 'Bầu đoàn đại biểu dự Đại hội Đảng bộ thành phố', kind: 'delegates', seats: 0, alternates: 2, round: 2, alternatesMethod: 'separate', fills: 'alternates' },
      candidates: names.map((name, i) => ({ no: i + 1, name })),
      ballotsIssued: 160,
      ballotsCollected: 160,
      ballots: ballots([[100, { struck: [3, 4] }], [50, { struck: [2, 4] }], [9, { struck: [1, 3] }], [1, { struck: [] }]]),
    };
    const paper = await printSigned(record, 'minutes-alternates');
    expectFormalPages(paper, { election: 'Bầu đoàn đại biểu dự Đại hội Đảng bộ thành phố (Bầu đại biểu dự khuyết)', code: `Mã ${paper.code}` });
    expect(paper.text).toContain('(Bầu đại biểu dự khuyết)');
    expect(paper.text).toContain('số lượng bầu: 2 đại biểu dự khuyết');
    expect(paper.text).toContain('bầu quá số lượng: 1 phiếu');
    expect(paper.text).toContain('Các đồng chí trúng cử đại biểu dự khuyết, theo thứ tự số phiếu từ cao xuống thấp (2/2)');
    expect(paper.text).toContain('1. Hoàng Xuân Ánh: 150 phiếu, 91,46% 2. Ngô Đức Nam: 109 phiếu, 66,46%');
  });
});
