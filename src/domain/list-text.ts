/**
 * Candidate names from pasted text (one name a line, as copied from Word or Excel) or from CSV.
 * Printed numbering ("1.", "2)", "3 -", a leading number column) is dropped: the order is kept.
 */

const NUMBERING = /^\s*(?:số\s*)?\d{1,3}\s*[.)\-:\t]?\s+/iu;

export function cleanName(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

export function namesFromText(text: string): string[] {
  return text
    .replace(/^\uFEFF/u, '')
    .split(/\r\n|\r|\n/u)
    .map((line) => cleanName(line.split('\t').filter((cell) => cell.trim() !== '' && !/^\d+[.)]?$/u.test(cell.trim())).join(' ')))
    .map((line) => cleanName(line.replace(NUMBERING, '')))
    .filter((line) => line !== '');
}

function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const delimiter = (text.split(/\r?\n/u)[0].match(/;/gu)?.length ?? 0) > (text.split(/\r?\n/u)[0].match(/,/gu)?.length ?? 0) ? ';' : ',';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

const NAME_HEADERS = ['họ và tên', 'họ tên', 'ho va ten', 'ho ten', 'name', 'full name', 'tên'];

/** CSV (UTF-8, with or without BOM, comma or semicolon): the name column by header, else the text column. */
export function namesFromCsv(text: string): string[] {
  const rows = csvRows(text.replace(/^\uFEFF/u, ''));
  if (rows.length === 0) return [];
  const header = rows[0].map((c) => cleanName(c).toLocaleLowerCase('vi'));
  let column = header.findIndex((h) => NAME_HEADERS.includes(h));
  let body = rows;
  if (column >= 0) body = rows.slice(1);
  else {
    // No header: the first column that is not a number.
    column = Math.max(0, rows[0].findIndex((c) => c.trim() !== '' && !/^\d+[.)]?$/u.test(c.trim())));
  }
  return body.map((r) => cleanName(r[column] ?? '')).filter((n) => n !== '');
}
