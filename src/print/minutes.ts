import { ballotStyleOf, placesOf, type AlternatesMethod, type CandidateResult, type ElectionResult, type InvalidReason } from '../domain/index.js';
import { shortCode, type EntryFacts, type SignedResultFile } from '../results-file/format.js';
import { dateInWords, esc, officialHeader, percent, printPage, timeOfDay } from './document.js';
import { numberInWords } from './vietnamese-number.js';

export const INVALID_REASON_VI: Record<InvalidReason, string> = {
  too_many: 'bầu quá số lượng',
  all_struck: 'gạch hết tên (không bầu ai)',
  not_one_box: 'danh sách một người: đánh dấu cả hai ô hoặc không đánh dấu ô nào',
  not_issued: 'không phải phiếu do Ban kiểm phiếu phát ra',
  added_name: 'ghi thêm tên người ngoài danh sách',
  marked: 'có ký tên hoặc đánh dấu riêng',
  other: 'lý do khác do Ban kiểm phiếu kết luận',
};

const STATUS_VI: Record<CandidateResult['status'], string> = { elected: 'Trúng cử', alternate: 'Dự khuyết', tied: 'Bằng phiếu', not_elected: '' };

/** What the result leaves open, and what the congress decided about it. */
export function outcomeLines(result: ElectionResult, decision: string, stopped: boolean): string[] {
  const name = (no: number) => result.candidates.find((c) => c.no === no)?.name ?? String(no);
  const lines: string[] = [];
  if (result.outcome === 'tie') {
    lines.push(`Các đồng chí ${result.tied.map(name).join(', ')} bằng số phiếu nhau (${result.candidates.find((c) => c.no === result.tied[0])?.votes ?? ''} phiếu) ở vị trí cuối: ${result.seatsAtStake} chỗ chưa xác định, không ai trong số này được công bố trúng cử cho các chỗ đó.`);
  }
  if (result.unfilledSeats > 0) lines.push(`Còn thiếu ${result.unfilledSeats} (${numberInWords(result.unfilledSeats)}) chỗ chính thức: không đủ người được quá một nửa số phiếu.`);
  if (result.unfilledAlternates > 0) lines.push(`Còn thiếu ${result.unfilledAlternates} (${numberInWords(result.unfilledAlternates)}) đại biểu dự khuyết.`);
  if (decision) lines.push(`${stopped ? 'Đại hội quyết định dừng, không bầu thêm' : 'Quyết định của Đại hội'}: ${decision}`);
  return lines;
}

/** How the ballots were entered: the mode, and under double entry the differences the head ruled on. */
export function entryLine(entry: EntryFacts): string {
  if (entry.mode === 'double') {
    return `Phiếu được nhập hai lần, độc lập, do hai thành viên khác nhau, theo ${entry.piles} xấp phiếu; ${entry.differencesResolved} chỗ khác nhau giữa hai lần nhập đã được Trưởng ban đối chiếu với phiếu giấy và ghi nhận.`;
  }
  return entry.secondCount ? 'Phiếu được nhập một lần và đếm lại lần thứ hai (người khác nhập); hai lần đếm khớp nhau.' : 'Phiếu được nhập một lần.';
}

/** Names in order of votes, two columns: compact enough for a delegation of dozens. */
function rankedList(title: string, nos: number[], result: ElectionResult): string {
  const byNo = new Map(result.candidates.map((c) => [c.no, c]));
  const items = nos.map((no) => {
    const c = byNo.get(no)!;
    return `<li><span class="name">${esc(c.name)}</span>: <span class="votes">${c.votes} phiếu, ${percent(c.percentOfBase)}</span></li>`;
  });
  return `<p class="lead">${esc(title)}</p>
<ol class="ranked">${items.join('')}</ol>`;
}

const METHOD_VI: Record<AlternatesMethod, string> = {
  separate: 'bầu đại biểu chính thức trước; đủ số chính thức mới bầu đại biểu dự khuyết bằng phiếu riêng',
  one_ballot: 'đại biểu chính thức và dự khuyết bầu trên cùng một phiếu; chính thức lấy trước theo số phiếu, sau đó đến dự khuyết',
};

/** The voting body, its members present and absent, and how alternates are elected: the lines the minutes add for them. */
export function bodyLines(file: SignedResultFile): { heading: string; who: string; present: number | null; convened: number; excludedReason: string; method: string | null } {
  const { record, certification: cert } = file;
  const body = record.body;
  const who = body ? 'ủy viên' : record.congress.kind === 'delegates' ? 'đại biểu' : 'đảng viên';
  const e = record.election;
  const method = e.alternates > 0 && e.alternatesMethod ? `Cách bầu đại biểu dự khuyết (quyết định trước khi kiểm phiếu): ${METHOD_VI[e.alternatesMethod]}.` : null;
  return {
    heading: body ? body.name : record.congress.name,
    who,
    present: body ? (body.present ?? null) : (cert.present ?? null),
    convened: body ? body.convened : record.congress.convened,
    excludedReason: body ? (body.excludedReason ?? '') : cert.congress.excludedReason,
    method,
  };
}

function signatures(committee: SignedResultFile['certification']['committee']): string {
  const block = (m: { name: string; role: string }) =>
    `<div class="signature"><p class="role">${m.role === 'head' ? 'TRƯỞNG BAN' : 'ỦY VIÊN'}</p><p class="sign-note">(Ký, ghi rõ họ tên)</p><p class="name">${esc(m.name)}</p></div>`;
  return `<section class="signatures">${committee.map(block).join('')}</section>`;
}

/**
 * The counting minutes (Biên bản kiểm phiếu) of a certified round, drawn entirely from its signed
 * results file: what is printed is what was signed. Server-rendered, A4, no script.
 */
export function renderMinutes(input: { file: SignedResultFile; sha256: string; keyFingerprint: string; qrSvg: string }): string {
  const { file, sha256, keyFingerprint, qrSvg } = input;
  const { record, result, certification: cert } = file;
  const facts = bodyLines(file);
  const { who } = facts;
  const places = placesOf(record.election);
  const ownAlternatesBallot = record.election.fills === 'alternates';
  const invalidLines = (Object.entries(result.ballots.invalidByReason) as [InvalidReason, number][]).map(([reason, n]) => `<li>${esc(INVALID_REASON_VI[reason])}: ${n} phiếu</li>`);
  const candidateRows = result.candidates.map(
    (c) => `<tr><td class="num">${c.no}</td><td>${esc(c.name)}</td><td class="num">${c.votes}</td><td class="num">${percent(c.percentOfBase)}</td><td>${STATUS_VI[c.status]}</td></tr>`,
  );
  const when = cert.countStartedAt
    ? `Bắt đầu kiểm phiếu lúc ${timeOfDay(cert.countStartedAt)} ${dateInWords(cert.countStartedAt)}${cert.countEndedAt ? `, kết thúc lúc ${timeOfDay(cert.countEndedAt)} ${dateInWords(cert.countEndedAt)}` : ''}.`
    : '';
  const open = outcomeLines(result, cert.decision, cert.stopped);
  const body = `<main class="sheet minutes">
${officialHeader({ organisation: cert.congress.organisation || cert.congress.name, body: 'BAN KIỂM PHIẾU', dateLine: dateInWords(cert.certifiedAt).replace(/^n/, 'N') })}
<h1>BIÊN BẢN KIỂM PHIẾU</h1>
<p class="subtitle">${esc(record.election.title)}${record.election.round > 1 ? ` — vòng ${record.election.round}` : ''}</p>
<p class="congress">${esc(record.congress.name)}</p>
${record.body ? `<p class="congress body">${esc(record.body.name)}</p>` : ''}

<p>Hôm nay, hồi ${timeOfDay(cert.certifiedAt)}, ${dateInWords(cert.certifiedAt)}${cert.congress.place ? `, tại ${esc(cert.congress.place)}` : ''}, Ban kiểm phiếu do Đại hội bầu ra gồm các đồng chí:</p>
<ol class="committee">${cert.committee.map((m) => `<li>Đồng chí ${esc(m.name)} — ${m.role === 'head' ? 'Trưởng ban' : 'Ủy viên'}</li>`).join('')}</ol>
${cert.staff ? `<p class="staff">Nhân viên kỹ thuật giúp Ban kiểm phiếu nhập phiếu (không phải thành viên Ban kiểm phiếu): ${cert.staff.map((s) => `đồng chí ${esc(s.name)}`).join(', ')}.</p>` : ''}
<p>đã tiến hành kiểm phiếu ${esc(record.election.title.replace(/^B/, 'b'))}, số lượng cần bầu: ${ownAlternatesBallot ? `${record.election.alternates} đại biểu dự khuyết (phiếu bầu dự khuyết riêng)` : `${record.election.seats} chính thức${record.election.alternates > 0 ? ` và ${record.election.alternates} dự khuyết` : ''}`}. ${when}</p>
${facts.method ? `<p class="method">${esc(facts.method)}</p>` : ''}

<h2>I. Số ${who} làm căn cứ tính kết quả${record.body ? ` (${esc(record.body.name)})` : ''}</h2>
<ul class="figures">
<li>Tổng số ${who} được triệu tập: <b>${facts.convened}</b></li>
<li>Số ${who} không tính vào căn cứ: <b>${record.body?.excluded ?? record.congress.excluded}</b>${facts.excludedReason ? ` (${esc(facts.excludedReason)})` : ''}</li>
<li>Số ${who} làm căn cứ tính kết quả: <b>${result.base}</b></li>
${facts.present !== null ? `<li class="attendance">Số ${who} có mặt khi bỏ phiếu: <b>${facts.present}</b>; vắng mặt: <b>${facts.convened - facts.present}</b></li>` : ''}
</ul>

<h2>II. Số phiếu</h2>
<ul class="figures">
<li>Số phiếu phát ra: <b>${result.ballots.issued}</b></li>
<li>Số phiếu thu vào: <b>${result.ballots.collected}</b></li>
<li>Số phiếu hợp lệ: <b>${result.ballots.valid}</b></li>
<li>Số phiếu không hợp lệ: <b>${result.ballots.invalid}</b>${invalidLines.length > 0 ? `, trong đó:<ul>${invalidLines.join('')}</ul>` : ''}</li>
</ul>
${cert.entry ? `<p class="entry-mode">${esc(entryLine(cert.entry))}</p>` : ''}

<h2>III. Số phiếu bầu cho từng người (theo thứ tự trên phiếu bầu)</h2>
<table class="candidates">
<thead><tr><th>STT</th><th>Họ và tên</th><th>Số phiếu bầu</th><th>Tỷ lệ so với số làm căn cứ (${result.base})</th><th>Kết quả</th></tr></thead>
<tbody>${candidateRows.join('')}</tbody>
</table>

<h2>IV. Kết quả</h2>
<p>Người trúng cử phải được số phiếu bầu quá một nửa so với số ${who} làm căn cứ (${result.base}), tức là ít nhất <b>${result.threshold}</b> (${numberInWords(result.threshold)}) phiếu.${ballotStyleOf(record.candidates.length, places) === 'strike' ? ` Danh sách có số dư: mỗi phiếu được giữ lại nhiều nhất ${places} tên.` : ' Danh sách không có số dư: mỗi dấu ở ô “đồng ý” là một phiếu bầu.'}</p>
${ownAlternatesBallot ? '' : rankedList(`Các đồng chí trúng cử${record.election.alternates > 0 ? ' chính thức' : ''}, theo thứ tự số phiếu từ cao xuống thấp (${result.elected.length}/${record.election.seats}):`, result.elected, result)}
${record.election.alternates > 0 && placesOf(record.election) !== record.election.seats ? rankedList(`Các đồng chí trúng cử dự khuyết, theo thứ tự số phiếu (${result.alternates.length}/${record.election.alternates}):`, result.alternates, result) : ''}
${open.map((line) => `<p class="open">${esc(line)}</p>`).join('\n')}

<p class="closing">Biên bản lập xong hồi ${timeOfDay(cert.certifiedAt)} ${dateInWords(cert.certifiedAt)}, được Trưởng ban kiểm phiếu xác nhận trên hệ thống và các thành viên Ban kiểm phiếu ký dưới đây.</p>
${signatures(cert.committee)}

<section class="fingerprint">
<div class="qr">${qrSvg}</div>
<div class="codes">
<p>Mã tệp kết quả đã ký (so sánh bằng mắt với tệp và màn hình kiểm chứng):</p>
<p class="code">${shortCode(sha256)}</p>
<p class="hash">SHA-256: ${sha256.match(/.{16}/g)!.join(' ')}</p>
<p class="key">Khóa ký của Đại hội (Ed25519): ${shortCode(keyFingerprint)}</p>
</div>
</section>
</main>`;
  return printPage(`Biên bản kiểm phiếu — ${record.election.title}`, body);
}
