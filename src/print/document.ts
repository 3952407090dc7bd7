/** Pieces every printed document of the congress shares: escaping, dates, the official header. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Vietnam keeps UTC+7 all year (no daylight saving), so local time is a fixed offset. */
function vietnamTime(iso: string) {
  const d = new Date(Date.parse(iso) + 7 * 3_600_000);
  return { day: d.getUTCDate(), month: d.getUTCMonth() + 1, year: d.getUTCFullYear(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

/** "ngày 12 tháng 6 năm 2025" */
export function dateInWords(iso: string): string {
  const t = vietnamTime(iso);
  return `ngày ${t.day} tháng ${t.month} năm ${t.year}`;
}

/** "10 giờ 05 phút" */
export function timeOfDay(iso: string): string {
  const t = vietnamTime(iso);
  return `${t.hour} giờ ${String(t.minute).padStart(2, '0')} phút`;
}

/** "90.36" → "90,36": the Vietnamese decimal comma. */
export const percent = (p: string): string => `${p.replace('.', ',')}%`;

/**
 * The official header (Hướng dẫn 36-HD/VPTW on Party documents): the issuing body on the left under
 * its Party organisation, "ĐẢNG CỘNG SẢN VIỆT NAM" on the right over the place and date.
 */
export function officialHeader(h: { organisation: string; body: string; dateLine: string }): string {
  return `<header class="official">
  <div class="issuer"><p class="organisation">${esc(h.organisation.toLocaleUpperCase('vi'))}</p><p class="body">${esc(h.body)}</p><p class="star">*</p></div>
  <div class="party"><p class="name">ĐẢNG CỘNG SẢN VIỆT NAM</p><p class="date">${esc(h.dateLine)}</p></div>
</header>`;
}

export function printPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="/css/print.css">
</head>
<body>
<p class="screen-only hint">Bản để in khổ A4: nhấn Ctrl+P (chọn khổ A4, lề mặc định). / Print on A4 with Ctrl+P.</p>
${body}
</body>
</html>
`;
}
