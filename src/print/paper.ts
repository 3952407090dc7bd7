import { esc, officialHeader, printPage, type PageFooter } from './document.js';

/**
 * A formal paper as blocks of text: the one model both the printed page (HTML, the reference) and
 * the Word export render, so the two never say different things.
 */

/** A run of text; `b` is bold (the figures of the minutes), `i` italic. */
export type Run = string | { b: string } | { i: string };
export type Runs = Run[];

export type Block =
  | { type: 'heading'; text: string }
  | { type: 'para'; runs: Runs; className?: string }
  | { type: 'list'; items: Runs[]; numbered?: boolean; columns?: boolean }
  | { type: 'table'; head: string[]; rows: string[][]; numeric: boolean[]; className?: string };

export interface Signature {
  role: string;
  name: string;
}

export interface Paper {
  /** The browser tab's title. */
  title: string;
  header: { organisation: string; issuer: string[]; dateLine: string };
  heading: string;
  subheadings: string[];
  blocks: Block[];
  /** The last blocks before the signatures that stay on the signatures' page (so no page holds only signatures). */
  keepWithSignatures: number;
  signatures: Signature[];
  /** After the signatures: a short note of how the count was kept, with the file's code. */
  annex: Runs[];
  /** The QR code of the file's fingerprint (SVG), beside the annex. */
  qrSvg?: string;
  footer: PageFooter;
}

export function runsHtml(runs: Runs): string {
  return runs.map((r) => (typeof r === 'string' ? esc(r) : 'b' in r ? `<b>${esc(r.b)}</b>` : `<i>${esc(r.i)}</i>`)).join('');
}

export const runsText = (runs: Runs): string => runs.map((r) => (typeof r === 'string' ? r : 'b' in r ? r.b : r.i)).join('');

function blockHtml(block: Block): string {
  switch (block.type) {
    case 'heading':
      return `<h2>${esc(block.text)}</h2>`;
    case 'para':
      return `<p${block.className ? ` class="${block.className}"` : ''}>${runsHtml(block.runs)}</p>`;
    case 'list': {
      const tag = block.numbered ? 'ol' : 'ul';
      return `<${tag} class="${block.columns ? 'ranked' : 'figures'}">${block.items.map((item) => `<li>${runsHtml(item)}</li>`).join('')}</${tag}>`;
    }
    case 'table': {
      const cell = (text: string, i: number) => `<td${block.numeric[i] ? ' class="num"' : ''}>${esc(text)}</td>`;
      return `<table class="${block.className ?? ''}"><thead><tr>${block.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${block.rows.map((row) => `<tr>${row.map(cell).join('')}</tr>`).join('')}</tbody></table>`;
    }
    default:
      return block satisfies never;
  }
}

export function signaturesHtml(signatures: Signature[]): string {
  const one = (s: Signature) => `<div class="signature"><p class="role">${esc(s.role)}</p><p class="sign-note">(Ký, ghi rõ họ tên)</p><p class="name">${esc(s.name)}</p></div>`;
  return `<section class="signatures">${signatures.map(one).join('')}</section>`;
}

/** The paper as an A4 page: the blocks, then the last few kept together with the signatures and the annex. */
export function paperHtml(paper: Paper, className: string): string {
  const cut = paper.blocks.length - paper.keepWithSignatures;
  const header = officialHeader(paper.header);
  const body = `<main class="sheet ${className}">
${header}
<h1>${esc(paper.heading)}</h1>
${paper.subheadings.map((s) => `<p class="subtitle">${esc(s)}</p>`).join('\n')}
${paper.blocks.slice(0, cut).map(blockHtml).join('\n')}
<div class="keep-together">
${paper.blocks.slice(cut).map(blockHtml).join('\n')}
${signaturesHtml(paper.signatures)}
${paper.annex.length > 0 ? `<section class="annex">${paper.qrSvg ? `<div class="qr">${paper.qrSvg}</div>` : ''}<div class="codes">${paper.annex.map((r) => `<p>${runsHtml(r)}</p>`).join('')}</div></section>` : ''}
</div>
</main>`;
  return printPage(paper.title, body, { footer: paper.footer });
}
