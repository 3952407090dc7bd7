import type { EntryLog } from '../db/store/entry-log.js';
import { dateInWords, DEFAULT_TIME_ZONE } from './clock.js';
import { esc, printPage, type PageFooter } from './document.js';
import { formatCount as n } from './vietnamese-number.js';

export interface PileSheetsInput {
  log: EntryLog;
  congress: { name: string; timeZone: string };
  election: string;
  footer: PageFooter;
  printedAt: string;
}

/**
 * The pile sheets of double entry: a cover sheet for each declared pile (its number, its declared
 * count, space for the two typists' names and the head's initials), then the pile tally sheet of
 * what was entered in each pass, the differences and the rulings.
 */
export function renderPileSheets(input: PileSheetsInput): string {
  const { log } = input;
  const zone = input.congress.timeZone || DEFAULT_TIME_ZONE;
  const who = (id: string | null) => (id ? (log.names[id] ?? id) : '');
  const covers = log.piles.map(
    (pile) => `<section class="pile-cover">
<p class="congress">${esc(input.congress.name)}</p>
<p class="subtitle">${esc(input.election)}</p>
<h1>XẤP PHIẾU SỐ <span class="big">${pile.number}</span></h1>
<p class="declared">Số phiếu trong xấp: <b>${n(pile.declared)}</b></p>
<table class="typists"><tbody>
<tr><th>Người nhập lần 1</th><td>${esc(who(pile.status.typists.first))}</td><th>Ký</th><td class="sign"></td></tr>
<tr><th>Người nhập lần 2</th><td>${esc(who(pile.status.typists.second))}</td><th>Ký</th><td class="sign"></td></tr>
<tr><th>Trưởng ban (ký tắt)</th><td colspan="3" class="sign"></td></tr>
</tbody></table>
<p class="hint-line">Giữ phiếu theo đúng thứ tự trong xấp: vị trí trên màn hình nhập là thứ tự tờ phiếu.</p>
</section>`,
  );
  const rows = log.piles.map((pile) => {
    const s = pile.status;
    const ruled = s.differences.filter((d) => d.resolution !== null).length;
    const state = s.ballots ? 'Đã khớp, được tính' : s.waitingFor.map((w) => (w.for === 'pass' ? `chờ lần ${w.pass} (${n(w.entered)}/${n(w.declared)})` : `chờ kết luận ${n(w.unresolved)} chỗ`)).join('; ');
    return `<tr><td class="num">${pile.number}</td><td class="num">${n(pile.declared)}</td><td class="num">${n(s.entered.first)}</td><td class="num">${n(s.entered.second)}</td><td class="num">${n(s.differences.length)}</td><td class="num">${n(ruled)}</td><td>${esc(who(s.typists.first))}</td><td>${esc(who(s.typists.second))}</td><td>${esc(state)}</td><td class="sign"></td></tr>`;
  });
  const declared = log.piles.reduce((sum, p) => sum + p.declared, 0);
  const tally = `<section class="pile-tally">
<h1>BẢNG TỔNG HỢP XẤP PHIẾU</h1>
<p class="subtitle">${esc(input.election)}</p>
<p class="congress">${esc(input.congress.name)} — ${esc(dateInWords(input.printedAt, zone))}</p>
<table class="log"><thead><tr><th>Xấp</th><th>Số phiếu khai</th><th>Lần 1 đã nhập</th><th>Lần 2 đã nhập</th><th>Chỗ khác nhau</th><th>Đã kết luận</th><th>Người nhập lần 1</th><th>Người nhập lần 2</th><th>Tình trạng</th><th>Trưởng ban ký tắt</th></tr></thead>
<tbody>${rows.join('')}</tbody>
<tfoot><tr><th colspan="1">Cộng</th><td class="num"><b>${n(declared)}</b></td><td colspan="8">Số phiếu thu vào: ${log.round.ballotsCollected === null ? '……' : n(log.round.ballotsCollected)}</td></tr></tfoot></table>
</section>`;
  const body = `<main class="sheet pile-sheets">${covers.join('\n')}\n${tally}</main>`;
  return printPage(`Xấp phiếu — ${input.election}`, body, { footer: input.footer });
}
