import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { WEB_ROOT } from '../paths.js';
import { auditHead, listAudit } from './audit.js';
import { backupDatabase, stampOf, stemOf } from './backup.js';
import type { DB } from './connection.js';
import type { Database } from './schema.js';
import { getCongress } from './store/congress.js';
import { getCertification } from './store/certification.js';
import { listElections } from './store/elections.js';
import QRCode from 'qrcode';
import { footerCss } from '../print/document.js';
import { countingMinutes } from '../print/minutes.js';
import { paperHtml } from '../print/paper.js';
import { keyFingerprint } from '../results-file/format.js';
import { roundRecord, roundTally } from './store/records.js';

export const ARCHIVE_FORMAT = 'kiemphieu/archive@1';

const PRINT_STYLE = join(WEB_ROOT, 'css', 'print.css');

export interface ArchiveFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface ArchiveManifest {
  format: typeof ARCHIVE_FORMAT;
  congress: string;
  writtenAt: string;
  auditEntries: number;
  auditHead: string;
  files: ArchiveFile[];
}

/** archives/<db>-<time>/ beside the database file. */
export const archiveDirOf = (dbPath: string, at: Date): string => join(dirname(dbPath), 'archives', `${stemOf(dbPath)}-${stampOf(at)}`);

/** The folder asked for already holds files: an archive is never written over anything. */
export class FolderNotEmpty extends Error {}

const json = (value: unknown) => `${JSON.stringify(value, null, 1)}\n`;

/**
 * The end-of-congress archive, one folder: the database (an online backup), the audit log as JSON
 * lines, and for every round of every election its election record and its tally, and once it is
 * certified its signed results file and its minutes (HTML, with print.css beside); manifest.json
 * lists every file with its SHA-256. The folder must be new or empty: an archive is never overwritten.
 * A failure (a full disk) removes what was written; nothing half-made carries the archive's name.
 */
export async function writeArchive(source: { db: DB; sqlite: SQLite.Database }, dir: string, now: Date): Promise<ArchiveManifest> {
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new FolderNotEmpty(`${dir} already holds files; choose a new folder / thư mục đã có tệp, hãy chọn thư mục mới`);
  // Written under <dir>.part and given its name once the manifest is in: a folder by the archive's
  // name is always a whole archive; a killed one leaves only a .part folder, cleared on the next try.
  const part = partOf(dir);
  rmSync(part, { recursive: true, force: true });
  mkdirSync(part, { recursive: true });
  const write = (path: string, text: string) => {
    mkdirSync(join(part, path, '..'), { recursive: true });
    writeFileSync(join(part, path), text);
  };
  // Every file is read from the copy, so all of them show the congress at one and the same moment.
  const copy = join(part, 'kiemphieu.sqlite');
  await backupDatabase(source.sqlite, copy);
  const db: DB = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(copy, { readonly: true }) }) });
  try {
    await writeSnapshot(db, write);
    const head = await auditHead(db);
    const files: ArchiveFile[] = listFiles(part).map((file) => {
      const bytes = readFileSync(file);
      return { path: relative(part, file).split('\\').join('/'), bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    });
    const manifest: ArchiveManifest = { format: ARCHIVE_FORMAT, congress: (await getCongress(db))?.name ?? '', writtenAt: now.toISOString(), auditEntries: head.seq, auditHead: head.hash, files };
    write('manifest.json', json(manifest));
    await db.destroy();
    if (existsSync(dir)) rmdirSync(dir);
    renameSync(part, dir);
    return manifest;
  } catch (e) {
    await db.destroy().catch(() => undefined);
    rmSync(part, { recursive: true, force: true });
    throw e;
  }
}

const partOf = (dir: string): string => `${dir.replace(/[\\/]+$/u, '')}.part`;

/** Clears the part folders of archives that were killed while being written (archives/ beside the database). */
export function clearArchiveParts(dbPath: string): void {
  const archives = join(dirname(dbPath), 'archives');
  if (!existsSync(archives)) return;
  for (const name of readdirSync(archives)) if (name.endsWith('.part')) rmSync(join(archives, name), { recursive: true, force: true });
}

async function writeSnapshot(db: DB, write: (path: string, text: string) => void): Promise<void> {
  let printStyleNeeded = false;
  let lines = '';
  for (let after = 0; ; ) {
    const page = await listAudit(db, { afterSeq: after, limit: 1000 });
    if (page.length === 0) break;
    lines += page.map((e) => JSON.stringify(e)).join('\n') + '\n';
    after = page[page.length - 1].seq;
  }
  write('audit.jsonl', lines);
  for (const election of await listElections(db)) {
    const folder = `election-${String(election.position).padStart(2, '0')}-${election.kind}`;
    for (const round of election.rounds) {
      const name = `${folder}/round-${round.number}`;
      write(`${name}.record.json`, json(await roundRecord(db, round.id)));
      const tally = await roundTally(db, round.id);
      if (tally.ok) write(`${name}.tally.json`, json(tally.value));
      const certified = await getCertification(db, round.id);
      if (certified) {
        // The signed results file byte for byte as signed, and the minutes as printed (their style beside them).
        write(`${name}.results-file.json`, certified.text);
        const qrSvg = await QRCode.toString(certified.sha256, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
        const paper = countingMinutes({ file: certified.file, sha256: certified.sha256, keyFingerprint: await keyFingerprint(certified.file.publicKey), qrSvg });
        // Opened from the folder, not the server: the style beside it, the footer's text inline (no server to ask).
        const minutes = paperHtml(paper, 'minutes')
          .replace(/<link rel="stylesheet" href="\/print\/page\.css[^"]*">/u, `<style>${footerCss(paper.footer)}</style>`)
          .replace('<link rel="stylesheet" href="/css/fonts.css">\n', '');
        write(`${name}.minutes.html`, minutes.replaceAll('href="/css/print.css"', 'href="../print.css"'));
        printStyleNeeded = true;
      }
    }
  }
  if (printStyleNeeded) write('print.css', readFileSync(PRINT_STYLE, 'utf8'));
}

function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? listFiles(path) : [path];
    });
}
