import { ballotStyleOf, isOneNameList, markTotals, overHalfWithoutSeat, placesOf, type AlternatesMethod, type CandidateResult, type ElectionResult, type InvalidReason } from '../domain/index.js';
import { shortCode, type EntryFacts, type SignedResultFile } from '../results-file/format.js';
import { dateInWords, DEFAULT_TIME_ZONE, timeOfDay } from './clock.js';
import { CLOCK_WENT_BACK_NOTE, clockWentBack } from './clock-order.js';
import { placeAndDate } from './document.js';
import { paperHtml, type Block, type Paper, type Runs, type Signature } from './paper.js';
import { votingBodyOf } from './voting-body.js';
import { formatCount as n, formatPercent, numberInWords } from './vietnamese-number.js';

export const INVALID_REASON_VI: Record<InvalidReason, string> = {
  too_many: 'bầu quá số lượng',
  all_struck: 'gạch hết tên (không bầu ai)',
  not_one_box: 'danh sách một người: đánh dấu cả hai ô hoặc không đánh dấu ô nào',
  not_issued: 'không phải phiếu do Ban kiểm phiếu phát ra',
  added_name: 'ghi thêm tên người ngoài danh sách',
  marked: 'có ký tên hoặc đánh dấu riêng',
  other: 'lý do khác do Ban kiểm phiếu kết luận',
};

/** Why a name stands as it does, in the minutes' words. */
function standing(c: CandidateResult, base: number): string {
  if (c.status === 'elected') return 'Trúng cử';
  if (c.status === 'alternate') return 'Trúng cử dự khuyết';
  if (c.status === 'tied') return 'Bằng phiếu ở vị trí cuối';
  return overHalfWithoutSeat(c, base) ? 'Quá một nửa, không trúng cử do đã đủ số lượng' : 'Không trúng cử';
}

const METHOD_VI: Record<AlternatesMethod, string> = {
  separate: 'bầu đại biểu chính thức trước; đủ số chính thức mới bầu đại biểu dự khuyết bằng phiếu riêng',
  one_ballot: 'đại biểu chính thức và dự khuyết bầu trên cùng một phiếu; chính thức lấy trước theo số phiếu, sau đó đến dự khuyết',
};

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

/** How the ballots were entered, for the annex (the formal text says nothing of the machine). */
export function entryLine(entry: EntryFacts | undefined): string {
  if (!entry) return 'Phiếu bầu được nhập vào máy tính để tổng hợp.';
  if (entry.mode === 'double') {
    return `Phiếu bầu được hai người khác nhau nhập vào máy tính hai lần, độc lập, theo ${entry.piles} xấp phiếu; ${entry.differencesResolved} chỗ khác nhau giữa hai lần nhập đã được Trưởng ban đối chiếu với phiếu giấy.`;
  }
  return entry.secondCount ? 'Phiếu bầu được nhập vào máy tính một lần và đếm lại lần thứ hai do người khác nhập; hai lần đếm khớp nhau.' : 'Phiếu bầu được nhập vào máy tính một lần.';
}

const fillsAlternates = (file: SignedResultFile): boolean => file.record.election.fills === 'alternates';

/** "Bầu Ban Chấp hành …", then the round or the alternates' ballot it was. */
export function roundSubheadings(file: SignedResultFile): string[] {
  const { election } = file.record;
  const lines = [election.title];
  if (fillsAlternates(file)) lines.push('(Bầu đại biểu dự khuyết)');
  else if (election.round > 1) lines.push(`(Bầu lần thứ ${election.round})`);
  return lines;
}

/** The committee's signatures: the head, then each member (technical staff do not sign). */
export function committeeSignatures(file: SignedResultFile): Signature[] {
  return file.certification.committee.map((m) => ({ role: m.role === 'head' ? 'TRƯỞNG BAN' : 'ỦY VIÊN', name: m.name }));
}

/**
 * The counting minutes (Biên bản kiểm phiếu, Hướng dẫn 04-HD/TW's template) of a certified round,
 * drawn entirely from its signed results file: what is printed is what was signed.
 */
export function countingMinutes(input: { file: SignedResultFile; sha256: string; keyFingerprint: string; qrSvg?: string }): Paper {
  const { file, sha256 } = input;
  const { record, result, certification: cert } = file;
  const zone = cert.congress.timeZone ?? DEFAULT_TIME_ZONE;
  const body = votingBodyOf(file);
  const who = body.members;
  const alternatesBallot = fillsAlternates(file);
  const places = placesOf(record.election);
  const oneName = isOneNameList(record.candidates.length, places);
  const style = ballotStyleOf(record.candidates.length, places);
  const held = cert.countStartedAt ?? cert.certifiedAt;
  const assembly = body.kind === 'conference' ? 'Hội nghị' : 'Đại hội';
  const blocks: Block[] = [
    { type: 'para', runs: ['Căn cứ Điều lệ Đảng Cộng sản Việt Nam;'], className: 'basis' },
    { type: 'para', runs: ['Căn cứ Quy chế bầu cử trong Đảng (ban hành kèm theo Quyết định số 190-QĐ/TW ngày 10/10/2024 của Bộ Chính trị) và Hướng dẫn thực hiện;'], className: 'basis' },
    { type: 'para', runs: [`Căn cứ kết quả biểu quyết của ${assembly} về số lượng và danh sách bầu cử,`], className: 'basis' },
    { type: 'para', runs: [`Hồi ${timeOfDay(held, zone)}, ${dateInWords(held, zone)}${cert.congress.place ? `, tại ${cert.congress.place}` : ''}, Ban kiểm phiếu do ${assembly} biểu quyết thông qua gồm các đồng chí:`] },
    { type: 'list', numbered: true, items: cert.committee.map((m) => [`Đồng chí ${m.name} — ${m.role === 'head' ? 'Trưởng ban' : 'Ủy viên'}`]) },
  ];
  if (cert.staff && cert.staff.length > 0) {
    blocks.push({ type: 'para', runs: [`Nhân viên kỹ thuật giúp Ban kiểm phiếu nhập phiếu (không phải thành viên Ban kiểm phiếu): đồng chí ${cert.staff.map((s) => s.name).join(', đồng chí ')}.`] });
  }
  const began = cert.countStartedAt ? `Bắt đầu kiểm phiếu lúc ${timeOfDay(cert.countStartedAt, zone)} ${dateInWords(cert.countStartedAt, zone)}` : '';
  const ended = cert.countEndedAt ? `kết thúc lúc ${timeOfDay(cert.countEndedAt, zone)} ${dateInWords(cert.countEndedAt, zone)}` : '';
  // A clock set back during the count (durability, issue 15): say so rather than print times that run backwards.
  const clockNote = clockWentBack([cert.countStartedAt, cert.countEndedAt, cert.certifiedAt]) ? ` ${CLOCK_WENT_BACK_NOTE}` : '';
  if (began) blocks.push({ type: 'para', runs: [`${began}${ended ? `, ${ended}` : ''}.${clockNote}`] });
  const method = record.election.alternates > 0 && record.election.alternatesMethod ? METHOD_VI[record.election.alternatesMethod] : null;
  const at = body.kind === 'conference' ? ` tại ${body.name}` : '';
  blocks.push({ type: 'para', runs: [`Ban kiểm phiếu đã tiến hành kiểm phiếu ${lowerFirst(record.election.title)}${alternatesBallot ? ' (bầu đại biểu dự khuyết)' : record.election.round > 1 ? ` (bầu lần thứ ${record.election.round})` : ''}${at}. Kết quả như sau:`] });

  const toElect = alternatesBallot ? `${n(record.election.alternates)} đại biểu dự khuyết` : `${n(record.election.seats)} đồng chí${record.election.alternates > 0 ? ` chính thức và ${n(record.election.alternates)} đồng chí dự khuyết` : ''}`;
  blocks.push(
    { type: 'heading', text: 'I. Số lượng và danh sách bầu cử' },
    { type: 'para', runs: [`${assembly} biểu quyết thông qua số lượng bầu: `, { b: toElect }, '.'] },
    ...(method ? [{ type: 'para', runs: [`Cách bầu đại biểu dự khuyết (quyết định trước khi kiểm phiếu): ${method}.`] } satisfies Block] : []),
    { type: 'para', runs: [`Danh sách bầu cử ${assembly} biểu quyết thông qua gồm `, { b: n(record.candidates.length) }, ` đồng chí (theo thứ tự in trên phiếu bầu):`] },
    { type: 'list', numbered: true, columns: record.candidates.length > 4, items: record.candidates.map((c) => [c.name]) },
    { type: 'heading', text: `II. Số ${who}` },
    {
      type: 'list',
      items: [
        [`Tổng số ${who} được triệu tập: `, { b: n(body.convened) }],
        [`Số ${who} không tính vào số làm căn cứ: `, { b: n(body.excluded) }, body.excludedReason ? ` (${body.excludedReason})` : ''],
        [`Số ${who} làm căn cứ tính kết quả: `, { b: n(body.base) }],
        [`Số ${who} có mặt khi bỏ phiếu: `, body.present === null ? '………' : { b: n(body.present) }, `; vắng mặt: `, body.absent === null ? '………' : { b: n(body.absent) }],
      ],
    },
    { type: 'heading', text: 'III. Số phiếu' },
    {
      type: 'list',
      items: [
        ['Số phiếu phát ra: ', { b: n(result.ballots.issued) }],
        ['Số phiếu thu vào: ', { b: n(result.ballots.collected) }],
        ['Số phiếu hợp lệ: ', { b: n(result.ballots.valid) }],
        ['Số phiếu không hợp lệ: ', { b: n(result.ballots.invalid) }, ...invalidReasons(result)],
      ],
    },
    { type: 'heading', text: 'IV. Kết quả kiểm phiếu' },
  );
  if (oneName) {
    const c = result.candidates[0];
    const marks = markTotals(record).get(c.no) ?? { agree: c.votes, disagree: 0 };
    blocks.push({
      type: 'list',
      items: [
        [`Đồng chí ${c.name}: số phiếu đồng ý `, { b: n(marks.agree) }, ` (${formatPercent(c.percentOfBase)} so với số ${who} làm căn cứ)`],
        ['Số phiếu không đồng ý: ', { b: n(marks.disagree) }],
        ['Số phiếu không hợp lệ: ', { b: n(result.ballots.invalid) }],
      ],
    });
  } else {
    blocks.push({
      type: 'table',
      className: 'candidates',
      head: ['STT', 'Họ và tên', 'Số phiếu bầu', `Tỷ lệ % so với số làm căn cứ (${n(result.base)})`, 'Ghi chú'],
      numeric: [false, false, true, true, false],
      rows: result.candidates.map((c) => [String(c.no), c.name, n(c.votes), formatPercent(c.percentOfBase), standing(c, result.base)]),
    });
  }
  const byVotes = (nos: number[]) => nos.map((no) => result.candidates.find((c) => c.no === no)!).map((c) => [c.name, ': ', { b: n(c.votes) }, ` phiếu, ${formatPercent(c.percentOfBase)}`] as Runs);
  // The alternates' own ballot designates alternates only (seats 0): those are who it chose.
  const chosen = alternatesBallot ? result.alternates : result.elected;
  const overHalfLeft = result.candidates.filter((c) => overHalfWithoutSeat(c, result.base));
  const tail: Block[] = [
    { type: 'heading', text: 'V. Kết quả bầu cử' },
    {
      type: 'para',
      runs: [
        `Người trúng cử phải được số phiếu bầu quá một nửa so với số ${who} làm căn cứ (${n(result.base)}), tức là ít nhất `,
        { b: n(result.threshold) },
        ` (${numberInWords(result.threshold)}) phiếu. `,
        style === 'strike' ? `Danh sách có số dư: mỗi phiếu giữ lại nhiều nhất ${n(places)} tên.` : oneName ? 'Danh sách một người: phiếu hợp lệ đánh dấu đúng một ô.' : 'Danh sách không có số dư: mỗi dấu ở ô “đồng ý” là một phiếu bầu.',
      ],
    },
    {
      type: 'para',
      className: 'lead',
      runs: [
        alternatesBallot ? 'Các đồng chí trúng cử đại biểu dự khuyết' : `Các đồng chí trúng cử${record.election.alternates > 0 ? ' chính thức' : ''}`,
        `, theo thứ tự số phiếu từ cao xuống thấp (${chosen.length}/${alternatesBallot ? record.election.alternates : record.election.seats}):`,
      ],
    },
    chosen.length > 0 ? { type: 'list', numbered: true, columns: chosen.length > 4, items: byVotes(chosen) } : { type: 'para', runs: ['Không có.'] },
  ];
  if (!alternatesBallot && record.election.alternates > 0 && (result.alternates.length > 0 || record.election.alternatesMethod !== 'separate')) {
    tail.push({ type: 'para', className: 'lead', runs: [`Các đồng chí trúng cử dự khuyết, theo thứ tự số phiếu (${result.alternates.length}/${record.election.alternates}):`] });
    tail.push(result.alternates.length > 0 ? { type: 'list', numbered: true, columns: result.alternates.length > 4, items: byVotes(result.alternates) } : { type: 'para', runs: ['Không có.'] });
  }
  for (const c of overHalfLeft) tail.push({ type: 'para', runs: [`Đồng chí ${c.name} được ${n(c.votes)} phiếu (${formatPercent(c.percentOfBase)}), quá một nửa nhưng không trúng cử do đã đủ số lượng.`] });
  for (const line of outcomeLines(result, cert.decision, cert.stopped)) tail.push({ type: 'para', className: 'open', runs: [line] });
  tail.push(
    { type: 'heading', text: 'VI. Khiếu nại và kết luận của Ban kiểm phiếu' },
    { type: 'para', runs: [cert.complaints ? cert.complaints : 'Không có.'] },
    { type: 'para', className: 'closing', runs: [`Biên bản lập xong hồi ${timeOfDay(cert.certifiedAt, zone)}, ${dateInWords(cert.certifiedAt, zone)}, đã được đọc lại cho các thành viên Ban kiểm phiếu cùng nghe, nhất trí thông qua và ký tên dưới đây.`] },
  );
  blocks.push(...tail);
  const code = shortCode(sha256);
  return {
    title: `Biên bản kiểm phiếu — ${record.election.title}`,
    header: { organisation: cert.congress.organisation || body.name, issuer: [body.kind === 'conference' ? body.name : record.congress.name, 'BAN KIỂM PHIẾU'], dateLine: placeAndDate(cert.congress.place, dateInWords(cert.certifiedAt, zone)) },
    heading: 'BIÊN BẢN KIỂM PHIẾU',
    subheadings: roundSubheadings(file),
    blocks,
    // From "V. Kết quả bầu cử" on: the result, complaints and closing stay with the signatures.
    keepWithSignatures: Math.min(tail.length, 6),
    signatures: committeeSignatures(file),
    annex: [
      [{ i: `Ghi chú: ${entryLine(cert.entry)} Kết quả được lưu thành tệp có chữ ký số của ${assembly}, mã tệp: ` }, { b: code }, { i: `; mã khóa ký: ${shortCode(input.keyFingerprint)}.` }],
      [{ i: `SHA-256 của tệp: ${sha256.match(/.{16}/gu)!.join(' ')}` }],
    ],
    qrSvg: input.qrSvg,
    footer: { election: footerElection(file), code: `Mã ${code}` },
  };
}

/** The footer's election: its title, and the round or the alternates' ballot. */
export function footerElection(file: SignedResultFile): string {
  return roundSubheadings(file).join(' ');
}

function invalidReasons(result: ElectionResult): Runs {
  const entries = Object.entries(result.ballots.invalidByReason).filter(([, count]) => (count ?? 0) > 0);
  if (entries.length === 0) return [];
  return [`, trong đó: ${entries.map(([reason, count]) => `${INVALID_REASON_VI[reason as InvalidReason]}: ${n(count ?? 0)} phiếu`).join('; ')}`];
}

export const lowerFirst = (s: string): string => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

/** The counting minutes as the A4 page to print. */
export const renderMinutes = (input: Parameters<typeof countingMinutes>[0]): string => paperHtml(countingMinutes(input), 'minutes');
