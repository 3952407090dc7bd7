import type { Election, Round } from '../domain/index.js';
import { shortCode } from '../results-file/format.js';
import { chosenAcrossRounds, type CertifiedRound } from './election-minutes.js';
import { dateInWords, timeOfDay } from './clock.js';
import { esc, officialHeader, printPage } from './document.js';
import { formatPercent as percent } from './vietnamese-number.js';
import { outcomeLines } from './minutes.js';

export interface SummaryElection {
  election: Election;
  rounds: CertifiedRound[];
}

const STATE_VI: Record<Round['state'], string> = { setup: 'đang chuẩn bị', counting: 'đang kiểm phiếu', counted: 'đã kiểm xong, chưa xác nhận', certified: 'đã xác nhận' };

function electionBlock({ election, rounds }: SummaryElection): string {
  const chosen = chosenAcrossRounds(rounds);
  /** HTML: only numbers, dates and fixed words. */
  const roundLines: string[] = [];
  let openLines: string[] = [];
  for (const { round, certified } of rounds) {
    if (!certified) {
      roundLines.push(`Vòng ${round.number}: ${STATE_VI[round.state]}.`);
      continue;
    }
    const { result, certification } = certified.file;
    roundLines.push(`Vòng ${round.number}: xác nhận lúc ${timeOfDay(certification.certifiedAt, certification.congress.timeZone)} ${dateInWords(certification.certifiedAt, certification.congress.timeZone)}; mã tệp kết quả <span class="nowrap">${shortCode(certified.sha256)}</span>.`);
    openLines = outcomeLines(result, certification.decision, certification.stopped);
  }
  const list = (people: typeof chosen) =>
    `<ol class="ranked">${people.map((c) => `<li><span class="name">${esc(c.name)}</span>: <span class="votes">${c.votes} phiếu, ${percent(c.percentOfBase)}${c.round > 1 ? `, vòng ${c.round}` : ''}</span></li>`).join('')}</ol>`;
  const officials = chosen.filter((c) => !c.alternate);
  const alternates = chosen.filter((c) => c.alternate);
  const counts = `${officials.length}/${election.seats} chính thức${election.alternates > 0 ? `, ${alternates.length}/${election.alternates} dự khuyết` : ''}`;
  return `<section class="election">
<h2>${esc(election.title)} — trúng cử ${counts}</h2>
${roundLines.map((l) => `<p class="status">${l}</p>`).join('')}
${officials.length > 0 ? `<p class="lead">Trúng cử${election.alternates > 0 ? ' chính thức' : ''}, theo thứ tự số phiếu:</p>${list(officials)}` : ''}
${alternates.length > 0 ? `<p class="lead">Trúng cử dự khuyết:</p>${list(alternates)}` : ''}
${openLines.map((l) => `<p class="open">${esc(l)}</p>`).join('')}
</section>`;
}

/** The congress summary sheet: every election's certified outcome on one printable page. */
export function renderSummary(input: { congress: { name: string; organisation: string; timeZone: string }; elections: SummaryElection[]; printedAt: string }): string {
  const { congress, elections, printedAt } = input;
  const body = `<main class="sheet summary">
${officialHeader({ organisation: congress.organisation || congress.name, issuer: ['BAN KIỂM PHIẾU'], dateLine: dateInWords(printedAt, congress.timeZone).replace(/^n/, 'N') })}
<h1>TỔNG HỢP KẾT QUẢ BẦU CỬ</h1>
<p class="congress">${esc(congress.name)}</p>
${elections.map(electionBlock).join('\n')}
<section class="signatures"><div></div><div class="signature"><p class="role">TRƯỞNG BAN KIỂM PHIẾU</p><p class="sign-note">(Ký, ghi rõ họ tên)</p><p class="name">&nbsp;</p></div></section>
</main>`;
  return printPage(`Tổng hợp kết quả bầu cử — ${congress.name}`, body);
}
