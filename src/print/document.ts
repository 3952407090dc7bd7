/** Pieces every printed paper of the congress shares: escaping, the official header, the page and its footer. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * The official header (Hướng dẫn 36-HD/VPTW on Party documents): the issuing body on the left under
 * its Party organisation, "ĐẢNG CỘNG SẢN VIỆT NAM" on the right over the place and date.
 */
export function officialHeader(h: { organisation: string; issuer: string[]; dateLine: string }): string {
  const issuer = h.issuer.map((line) => `<p class="body">${esc(line.toLocaleUpperCase('vi'))}</p>`).join('');
  return `<header class="official">
  <div class="issuer"><p class="organisation">${esc(h.organisation.toLocaleUpperCase('vi'))}</p>${issuer}<p class="star">*</p></div>
  <div class="party"><p class="name">ĐẢNG CỘNG SẢN VIỆT NAM</p><p class="date">${esc(h.dateLine)}</p></div>
</header>`;
}

/**
 * "Chi Lăng, ngày 12 tháng 6 năm 2025": letterheads name the locality, not the hall, and without its
 * rank, so "Hội trường UBND phường Chi Lăng" gives "Chi Lăng"; a place with no rank word stays whole.
 */
export function placeAndDate(place: string, date: string): string {
  const last = place.split(',').at(-1)?.trim() ?? '';
  const town = /(?:^|\s)(?:phường|xã|thị trấn|quận|huyện|thị xã|thành phố|tỉnh)\s+(.+)$/iu.exec(last)?.[1] ?? last;
  return town ? `${town}, ${date}` : date.replace(/^n/u, 'N');
}

/** What every page of a paper carries at its foot: the election, "Trang x/y", the file's short code. */
export interface PageFooter {
  election: string;
  code: string;
}

/** The footer's own stylesheet (a page's margin boxes can only show text the CSS holds). */
export const footerHref = (footer: PageFooter): string => `/print/page.css?${new URLSearchParams({ e: footer.election, c: footer.code })}`;

/** Text in a CSS string: quotes and backslashes escaped, line breaks and controls made spaces, length kept sane. */
const cssString = (text: string): string => `"${text.slice(0, 300).replace(/[\p{Cc}]/gu, ' ').replace(/["\\]/gu, (c) => `\\${c}`)}"`;

export function footerCss(footer: PageFooter): string {
  return `@page {
  @bottom-left { content: ${cssString(footer.election)}; }
  @bottom-right { content: ${cssString(footer.code)}; }
}
`;
}

export function printPage(title: string, body: string, opts: { footer?: PageFooter; sheet?: string } = {}): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="/css/fonts.css">
<link rel="stylesheet" href="/css/${opts.sheet ?? 'print'}.css">
${opts.footer ? `<link rel="stylesheet" href="${esc(footerHref(opts.footer))}">` : ''}
</head>
<body>
<p class="screen-only hint">Bản để in khổ A4: nhấn Ctrl+P (chọn khổ A4, lề mặc định). / Print on A4 with Ctrl+P.</p>
${body}
</body>
</html>
`;
}
