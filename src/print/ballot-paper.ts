import { ballotStyleOf, type Candidate } from '../domain/index.js';
import { esc } from './document.js';
import { formatCount as n } from './vietnamese-number.js';

/** How many ballots share one A4 sheet: one (A4), two (A5, one above the other) or four (A6). */
export const BALLOT_SIZES = ['a4', 'a5', 'a6'] as const;
export type BallotSize = (typeof BALLOT_SIZES)[number];
const PER_SHEET: Record<BallotSize, number> = { a4: 1, a5: 2, a6: 4 };

/**
 * The smallest paper the list fits on at the ballot's type size: a struck list up to 6 names on A6,
 * 18 on A5 (in two columns past 8); an agree/disagree table up to 5 rows on A6, 9 on A5.
 */
export function ballotSizeFor(candidates: number, style: 'strike' | 'agree_disagree'): BallotSize {
  const [a6, a5] = style === 'strike' ? [6, 18] : [5, 9];
  if (candidates <= a6) return 'a6';
  if (candidates <= a5) return 'a5';
  return 'a4';
}

/** Past this many names a struck list is set in two columns. */
const ONE_COLUMN: Record<BallotSize, number> = { a4: 22, a5: 8, a6: 6 };

export interface BallotPaperInput {
  organisation: string;
  congress: string;
  title: string;
  /** The line under the title: "(Bầu lần thứ 2)", "(Bầu đại biểu dự khuyết)", or nothing. */
  note: string | null;
  candidates: Candidate[];
  /** How many names a ballot may keep. */
  places: number;
  size: BallotSize;
  count: number;
}

/** The instruction line of the ballot's style (rules.md, "The ballot"). */
export function instructionLine(candidates: number, places: number): string {
  if (ballotStyleOf(candidates, places) === 'strike') {
    return `Đồng ý bầu đồng chí nào thì để nguyên họ tên; không đồng ý bầu đồng chí nào thì gạch ngang cả họ và tên đồng chí đó. Chỉ được để lại nhiều nhất ${n(places)} họ tên.`;
  }
  if (candidates === 1) return 'Đánh dấu X vào một trong hai ô: “Đồng ý” hoặc “Không đồng ý”.';
  return 'Với mỗi đồng chí, đánh dấu X vào một trong hai ô: “Đồng ý” hoặc “Không đồng ý”.';
}

function oneBallot(input: BallotPaperInput): string {
  const style = ballotStyleOf(input.candidates.length, input.places) ?? 'strike';
  const names =
    style === 'strike'
      ? `<ol class="names${input.candidates.length > ONE_COLUMN[input.size] ? ' two-columns' : ''}">${input.candidates.map((c) => `<li><span class="no">${c.no}.</span> ${esc(c.name)}</li>`).join('')}</ol>`
      : `<table class="marks"><thead><tr><th>STT</th><th>Họ và tên</th><th>Đồng ý</th><th>Không đồng ý</th></tr></thead><tbody>${input.candidates
          .map((c) => `<tr><td>${c.no}</td><td>${esc(c.name)}</td><td class="box"><span></span></td><td class="box"><span></span></td></tr>`)
          .join('')}</tbody></table>`;
  return `<article class="ballot ${input.size}">
<header><div class="issuer"><p>${esc(input.organisation.toLocaleUpperCase('vi'))}</p><p class="body">${esc(input.congress.toLocaleUpperCase('vi'))}</p></div><div class="stamp">Dấu của<br>Ban kiểm phiếu</div></header>
<h1>PHIẾU BẦU CỬ</h1>
<p class="title">${esc(input.title)}</p>
${input.note ? `<p class="note">${esc(input.note)}</p>` : ''}
${names}
<p class="instruction">${esc(instructionLine(input.candidates.length, input.places))}</p>
</article>`;
}

/**
 * Ballot papers (phiếu bầu) from the approved list, `count` of them, as many to an A4 sheet as the
 * size allows, with cutting lines. No page footer: a ballot carries no mark but the committee's stamp.
 */
export function renderBallotPapers(input: BallotPaperInput): string {
  const perSheet = PER_SHEET[input.size];
  const sheets: string[] = [];
  const ballot = oneBallot(input);
  for (let printed = 0; printed < input.count; printed += perSheet) {
    const here = Math.min(perSheet, input.count - printed);
    sheets.push(`<section class="ballot-sheet ${input.size}">${ballot.repeat(here)}</section>`);
  }
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Phiếu bầu — ${esc(input.title)}</title>
<link rel="stylesheet" href="/css/fonts.css">
<link rel="stylesheet" href="/css/ballot.css">
</head>
<body>
<p class="screen-only hint">${n(input.count)} phiếu, ${n(sheets.length)} tờ A4 (${input.size.toUpperCase()}, ${perSheet} phiếu mỗi tờ): nhấn Ctrl+P, khổ A4, lề “Không”/“None”. / ${input.count} ballots on ${sheets.length} A4 sheets: print with no margins.</p>
${sheets.join('\n')}
</body>
</html>
`;
}
