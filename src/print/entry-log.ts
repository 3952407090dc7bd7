import type { EntryLog } from '../db/store/entry-log.js';
import { ballotText } from './ballot-text.js';
import { clockTime, dateInWords, DEFAULT_TIME_ZONE } from './clock.js';
import { esc, officialHeader, printPage, type PageFooter } from './document.js';
import { formatCount as n } from './vietnamese-number.js';

export interface EntryLogInput {
  log: EntryLog;
  congress: { name: string; organisation: string; timeZone: string };
  election: string;
  footer: PageFooter;
  printedAt: string;
}

const table = (head: string[], rows: string[][]) =>
  `<table class="log"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;

/**
 * The entry log (nhật ký nhập phiếu) of a round: every ballot as it was typed, with pile, position,
 * pass, typist and time, the voided ones with who voided them and why, and the head's rulings on
 * the differences between the two entries; filed with the congress's records.
 */
export function renderEntryLog(input: EntryLogInput): string {
  const { log, congress } = input;
  const zone = congress.timeZone || DEFAULT_TIME_ZONE;
  const who = (id: string) => log.names[id] ?? id;
  const at = (iso: string) => clockTime(iso, zone);
  const voided = (v: { reason: string; by: string; at: string } | null) => (v ? `Hủy lúc ${at(v.at)} bởi ${who(v.by)}: ${v.reason}` : '');
  const sections: string[] = [];
  if (log.mode === 'single') {
    sections.push(`<h2>Phiếu đã nhập (nhập một lần): ${n(log.ballots.filter((b) => !b.void).length)} phiếu được tính, ${n(log.ballots.filter((b) => b.void).length)} phiếu đã hủy</h2>`);
    sections.push(table(['Thứ tự', 'Nội dung phiếu', 'Người nhập', 'Giờ', 'Hủy'], log.ballots.map((b, i) => [String(i + 1), ballotText(b.ballot, log.candidates), who(b.enteredBy), at(b.enteredAt), voided(b.void)])));
    if (log.secondCount.length > 0) {
      sections.push(`<h2>Đếm lại lần thứ hai: ${n(log.secondCount.filter((b) => !b.void).length)} phiếu</h2>`);
      sections.push(table(['Thứ tự', 'Nội dung phiếu', 'Người nhập', 'Giờ', 'Hủy'], log.secondCount.map((b, i) => [String(i + 1), ballotText(b.ballot, log.candidates), who(b.enteredBy), at(b.enteredAt), voided(b.void)])));
    }
  } else {
    for (const pile of log.piles) {
      sections.push(`<h2>Xấp phiếu số ${pile.number}: khai ${n(pile.declared)} phiếu; lần 1 đã nhập ${n(pile.status.entered.first)}, lần 2 đã nhập ${n(pile.status.entered.second)}; ${n(pile.status.differences.length)} chỗ khác nhau</h2>`);
      sections.push(table(['Vị trí', 'Lần', 'Nội dung phiếu', 'Người nhập', 'Giờ', 'Hủy'], pile.entries.map((e) => [String(e.position), String(e.pass), ballotText(e.ballot, log.candidates), who(e.enteredBy), at(e.enteredAt), voided(e.void)])));
      if (pile.rulings.length > 0) {
        sections.push(`<p class="lead">Kết luận của Trưởng ban về các chỗ khác nhau (đối chiếu phiếu giấy):</p>`);
        sections.push(table(['Vị trí', 'Lần 1', 'Lần 2', 'Kết luận', 'Lý do', 'Người kết luận', 'Giờ'], pile.rulings.map((r) => [String(r.position), ballotText(r.first, log.candidates), ballotText(r.second, log.candidates), ballotText(r.ballot, log.candidates), r.reason, who(r.resolvedBy), at(r.resolvedAt)])));
      }
    }
    if (log.piles.length === 0) sections.push('<p>Chưa có xấp phiếu nào.</p>');
  }
  const body = `<main class="sheet log-sheet">
${officialHeader({ organisation: congress.organisation || congress.name, issuer: [congress.name, 'BAN KIỂM PHIẾU'], dateLine: dateInWords(input.printedAt, zone).replace(/^n/u, 'N') })}
<h1>NHẬT KÝ NHẬP PHIẾU</h1>
<p class="subtitle">${esc(input.election)}</p>
<p class="congress">Giờ theo múi giờ của Đại hội (${esc(zone)}); in ${esc(dateInWords(input.printedAt, zone))}, lúc ${esc(at(input.printedAt))}.</p>
${sections.join('\n')}
</main>`;
  return printPage(`Nhật ký nhập phiếu — ${input.election}`, body, { footer: input.footer });
}
