import type { Election, Round } from '../domain/index.js';
import { shortCode, type SignedResultFile } from '../results-file/format.js';
import { dateInWords, DEFAULT_TIME_ZONE, timeOfDay } from './clock.js';
import { placeAndDate } from './document.js';
import { lowerFirst, outcomeLines, roundSubheadings } from './minutes.js';
import { paperHtml, type Block, type Paper, type Runs } from './paper.js';
import { votingBodyOf } from './voting-body.js';
import { formatCount as n, formatPercent, numberInWords } from './vietnamese-number.js';

export interface CertifiedRound {
  round: Round;
  certified: { file: SignedResultFile; sha256: string } | null;
}

export interface ChosenCandidate {
  name: string;
  votes: number;
  percentOfBase: string;
  round: number;
  alternate: boolean;
}

/** Who an election chose across its certified rounds: officials, then alternates, each in the order their rounds gave. */
export function chosenAcrossRounds(rounds: CertifiedRound[]): ChosenCandidate[] {
  const chosen: ChosenCandidate[] = [];
  for (const { round, certified } of rounds) {
    if (!certified) continue;
    const { result } = certified.file;
    const byNo = new Map(result.candidates.map((c) => [c.no, c]));
    const take = (nos: number[], alternate: boolean) => {
      for (const no of nos) chosen.push({ ...byNo.get(no)!, round: round.number, alternate });
    };
    take(result.elected, round.fills === 'alternates');
    take(result.alternates, true);
  }
  return chosen;
}

const REASON_VI: Record<Round['reason'], string> = { first: 'bầu lần thứ nhất', tie: 'bầu lại giữa những người bằng phiếu', unfilled: 'bầu bổ sung cho số còn thiếu', alternates_ballot: 'bầu đại biểu dự khuyết' };

/**
 * The presidium's election minutes (Biên bản bầu cử) of one election whose every round is
 * certified: the number to elect, the list approved, each round with its result and the decision
 * taken, the final elected and alternates; the counting minutes of each round attached.
 */
export function electionMinutes(input: { congress: { organisation: string; place: string; name: string }; election: Election; rounds: CertifiedRound[] }): Paper {
  const { congress, election } = input;
  const rounds = input.rounds.filter((r): r is CertifiedRound & { certified: NonNullable<CertifiedRound['certified']> } => r.certified !== null);
  const first = rounds[0].certified.file;
  const last = rounds.at(-1)!.certified;
  const zone = last.file.certification.congress.timeZone ?? DEFAULT_TIME_ZONE;
  const body = votingBodyOf(first);
  const assembly = body.kind === 'conference' ? 'Hội nghị' : 'Đại hội';
  const chosen = chosenAcrossRounds(input.rounds);
  const officials = chosen.filter((c) => !c.alternate);
  const alternates = chosen.filter((c) => c.alternate);
  const named = (c: ChosenCandidate): Runs => [c.name, ': ', { b: n(c.votes) }, ` phiếu, ${formatPercent(c.percentOfBase)}${rounds.length > 1 ? `, lần bầu thứ ${c.round}` : ''}`];
  const blocks: Block[] = [
    { type: 'para', runs: [`${assembly} tiến hành ${lowerFirst(election.title)}, bắt đầu ${dateInWords(first.certification.countStartedAt ?? first.certification.certifiedAt, zone)}.`] },
    { type: 'heading', text: 'I. Số lượng và danh sách bầu cử' },
    { type: 'para', runs: [`${assembly} biểu quyết thông qua số lượng bầu: `, { b: `${n(election.seats)} đồng chí` }, ...(election.alternates > 0 ? [' chính thức và ', { b: `${n(election.alternates)} đồng chí` }, ' dự khuyết'] : []), '.'] },
    { type: 'para', runs: [`Danh sách bầu cử ${assembly} biểu quyết thông qua gồm `, { b: n(first.record.candidates.length) }, ' đồng chí (theo thứ tự in trên phiếu bầu):'] },
    { type: 'list', numbered: true, columns: first.record.candidates.length > 4, items: first.record.candidates.map((c) => [c.name]) },
    { type: 'para', runs: [`Số ${body.members} làm căn cứ tính kết quả: `, { b: n(body.base) }, ` (triệu tập ${n(body.convened)}, không tính ${n(body.excluded)}); người trúng cử phải được ít nhất `, { b: n(first.result.threshold) }, ` (${numberInWords(first.result.threshold)}) phiếu.`] },
    { type: 'heading', text: 'II. Các lần bầu' },
  ];
  for (const { round, certified } of rounds) {
    const { result, certification: cert } = certified.file;
    const names = (nos: number[]) => nos.map((no) => result.candidates.find((c) => c.no === no)!.name).join(', ');
    const what = round.fills === 'alternates' ? 'bầu đại biểu dự khuyết' : REASON_VI[round.reason];
    blocks.push({
      type: 'para',
      runs: [
        { b: `Lần bầu thứ ${round.number}` },
        ` (${what}${round.number > 1 && round.decision ? `, theo quyết định của ${assembly}: ${round.decision}` : ''}): danh sách ${n(result.candidates.length)} đồng chí; phát ra ${n(result.ballots.issued)}, thu vào ${n(result.ballots.collected)}, hợp lệ ${n(result.ballots.valid)}, không hợp lệ ${n(result.ballots.invalid)} phiếu. `,
        result.elected.length > 0 ? `Trúng cử${round.fills === 'alternates' ? ' dự khuyết' : ''}: ${names(result.elected)}. ` : 'Không ai trúng cử. ',
        result.alternates.length > 0 ? `Trúng cử dự khuyết: ${names(result.alternates)}. ` : '',
        `Biên bản kiểm phiếu mã ${shortCode(certified.sha256)}, lập hồi ${timeOfDay(cert.certifiedAt, zone)}, ${dateInWords(cert.certifiedAt, zone)}.`,
      ],
    });
    for (const line of outcomeLines(result, cert.decision, cert.stopped)) blocks.push({ type: 'para', className: 'open', runs: [line] });
  }
  const tail: Block[] = [
    { type: 'heading', text: 'III. Kết quả bầu cử' },
    { type: 'para', className: 'lead', runs: [`Các đồng chí trúng cử${election.alternates > 0 ? ' chính thức' : ''}, theo thứ tự số phiếu (${officials.length}/${election.seats}):`] },
    officials.length > 0 ? { type: 'list', numbered: true, columns: officials.length > 4, items: officials.map(named) } : { type: 'para', runs: ['Không có.'] },
  ];
  if (election.alternates > 0) {
    tail.push({ type: 'para', className: 'lead', runs: [`Các đồng chí trúng cử dự khuyết (${alternates.length}/${election.alternates}):`] });
    tail.push(alternates.length > 0 ? { type: 'list', numbered: true, items: alternates.map(named) } : { type: 'para', runs: ['Không có.'] });
  }
  tail.push(
    { type: 'para', runs: ['Kèm theo biên bản này: ', rounds.map(({ round, certified }) => `Biên bản kiểm phiếu lần bầu thứ ${round.number} (mã ${shortCode(certified.sha256)})`).join('; '), '.'] },
    { type: 'para', className: 'closing', runs: [`Biên bản lập ${dateInWords(last.file.certification.certifiedAt, zone)}, được Đoàn Chủ tịch thông qua và ký tên dưới đây.`] },
  );
  blocks.push(...tail);
  return {
    title: `Biên bản bầu cử — ${election.title}`,
    header: { organisation: congress.organisation || congress.name, issuer: [body.kind === 'conference' ? body.name : congress.name, 'ĐOÀN CHỦ TỊCH'], dateLine: placeAndDate(congress.place, dateInWords(last.file.certification.certifiedAt, zone)) },
    heading: 'BIÊN BẢN BẦU CỬ',
    subheadings: [election.title],
    blocks,
    keepWithSignatures: Math.min(tail.length, 4),
    signatures: [
      { role: 'THƯ KÝ ĐẠI HỘI', name: '' },
      { role: 'ỦY VIÊN ĐOÀN CHỦ TỊCH', name: '' },
      { role: 'T/M ĐOÀN CHỦ TỊCH', name: '' },
    ],
    annex: [[{ i: `Ghi chú: số liệu lấy từ các tệp kết quả có chữ ký số của ${assembly}; mã từng tệp ghi ở mục II.` }]],
    footer: { election: roundSubheadings(first)[0], code: `Mã ${shortCode(last.sha256)}` },
  };
}

export const renderElectionMinutes = (input: Parameters<typeof electionMinutes>[0]): string => paperHtml(electionMinutes(input), 'minutes election-minutes');
