import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';
import type { Block, Paper, Runs, Signature } from './paper.js';

/**
 * A paper as a Word document (.docx), from the same blocks as the printed page, so an office can
 * adjust wording and letterhead; the printed page stays the reference. A4, Times New Roman 13 pt,
 * the official margins, the footer of every page: the election, "Trang x/y", the file's code.
 */

const FONT = 'Times New Roman';
const SIZE = 26; // half-points: 13 pt
const TWIPS_PER_MM = 56.7;
const mm = (x: number) => Math.round(x * TWIPS_PER_MM);
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

function runs(items: Runs, extra: { bold?: boolean; italics?: boolean; size?: number } = {}): TextRun[] {
  return items.map((r) =>
    typeof r === 'string' ? new TextRun({ text: r, ...extra }) : 'b' in r ? new TextRun({ text: r.b, ...extra, bold: true }) : new TextRun({ text: r.i, ...extra, italics: true }),
  );
}

const centred = (text: string, opts: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text, ...opts })] });

function header(paper: Paper): Table {
  const left = [centred(paper.header.organisation.toLocaleUpperCase('vi'), { size: 24 }), ...paper.header.issuer.map((l) => centred(l.toLocaleUpperCase('vi'), { bold: true, size: 24 })), centred('*')];
  const right = [centred('ĐẢNG CỘNG SẢN VIỆT NAM', { bold: true }), centred('──────────'), centred(paper.header.dateLine, { italics: true })];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [new TableCell({ width: { size: 45, type: WidthType.PERCENTAGE }, children: left }), new TableCell({ width: { size: 55, type: WidthType.PERCENTAGE }, children: right })] })],
  });
}

function block(b: Block): (Paragraph | Table)[] {
  switch (b.type) {
    case 'heading':
      return [new Paragraph({ spacing: { before: 120, after: 60 }, keepNext: true, children: [new TextRun({ text: b.text, bold: true })] })];
    case 'para':
      return [new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: b.className === 'basis' ? { left: mm(8) } : undefined, children: runs(b.runs, { italics: b.className === 'basis' || b.className === 'lead', bold: b.className === 'open' }) })];
    case 'list':
      return b.items.map((item, i) => new Paragraph({ indent: { left: mm(8) }, children: [new TextRun(b.numbered ? `${i + 1}. ` : '– '), ...runs(item)] }));
    case 'table': {
      const cell = (text: string, i: number, head: boolean) =>
        new TableCell({ children: [new Paragraph({ alignment: head ? AlignmentType.CENTER : b.numeric[i] ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, bold: head, size: 24 })] })] });
      return [
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [new TableRow({ tableHeader: true, children: b.head.map((h, i) => cell(h, i, true)) }), ...b.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((t, i) => cell(t, i, false)) }))],
        }),
      ];
    }
    default:
      return b satisfies never;
  }
}

function signatures(list: Signature[]): Table {
  const perRow = 3;
  const rows: TableRow[] = [];
  for (let i = 0; i < list.length; i += perRow) {
    const here = list.slice(i, i + perRow);
    while (here.length < perRow) here.push({ role: '', name: '' });
    rows.push(
      new TableRow({
        cantSplit: true,
        children: here.map(
          (s) =>
            new TableCell({
              width: { size: 33, type: WidthType.PERCENTAGE },
              children: s.role ? [centred(s.role, { bold: true }), centred('(Ký, ghi rõ họ tên)', { italics: true, size: 22 }), new Paragraph({ spacing: { before: 1000 } }), centred(s.name, { bold: true })] : [new Paragraph('')],
            }),
        ),
      }),
    );
  }
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders: NO_BORDERS, rows });
}

function footer(paper: Paper): Footer {
  const children: ParagraphChild[] = [
    new TextRun({ text: paper.footer.election, size: 18 }),
    new TextRun({ children: ['\tTrang ', PageNumber.CURRENT, '/', PageNumber.TOTAL_PAGES], size: 20 }),
    new TextRun({ text: `\t${paper.footer.code}`, size: 18 }),
  ];
  return new Footer({
    children: [new Paragraph({ tabStops: [{ type: TabStopType.CENTER, position: mm(85) }, { type: TabStopType.RIGHT, position: mm(170) }], children })],
  });
}

export async function paperDocx(paper: Paper): Promise<Buffer> {
  const doc = new Document({
    creator: 'Kiểm Phiếu',
    title: paper.title,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [
      {
        properties: { page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(18), right: mm(15), bottom: mm(20), left: mm(25) } } },
        footers: { default: footer(paper) },
        children: [
          header(paper),
          new Paragraph({ spacing: { before: 240 }, alignment: AlignmentType.CENTER, children: [new TextRun({ text: paper.heading, bold: true, size: 30 })] }),
          ...paper.subheadings.map((s) => centred(s, { bold: true })),
          new Paragraph(''),
          ...paper.blocks.flatMap(block),
          signatures(paper.signatures),
          ...paper.annex.map((a) => new Paragraph({ spacing: { before: 200 }, children: runs(a, { size: 21 }) })),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
