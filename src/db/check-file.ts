import SQLite from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Migration } from 'kysely';
import { checkCongressFile, DatabaseRefused } from './connection.js';

/**
 * Checks an existing database file before anything may write to it: on a read-only connection,
 * which can neither recover nor checkpoint a WAL into the file, so a refused file (and a WAL beside
 * it) is left byte for byte as it was. SQLite makes the shared-memory index (-shm) of a WAL even on
 * a read-only connection: one it made for a refused file is removed again.
 *
 * When the file with its WAL fails and the file alone passes, the WAL is not this database's (copied
 * in from another one, or left over from another file of the same name): the operator is told to move
 * it away, never told to delete it, since it may be someone's last changes.
 */
export function checkWithoutWriting(path: string, migrations?: Record<string, Migration>): void {
  const shmExisted = existsSync(`${path}-shm`);
  let sqlite: SQLite.Database;
  try {
    sqlite = new SQLite(path, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new DatabaseRefused(`${path}: cannot open the file (${(e as Error).message}) / không mở được tệp`);
  }
  try {
    checkCongressFile(sqlite, path, { fresh: true, migrations });
  } catch (e) {
    sqlite.close();
    if (!shmExisted) rmSync(`${path}-shm`, { force: true });
    if (e instanceof DatabaseRefused && existsSync(`${path}-wal`) && passesWithoutItsWal(path, migrations)) throw strayWal(path);
    throw e;
  }
  sqlite.close();
}

/** The main file checked alone, on a copy in a folder of its own (the WAL beside the original is not read). */
function passesWithoutItsWal(path: string, migrations?: Record<string, Migration>): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'kiemphieu-check-'));
  try {
    const copy = join(dir, 'alone.sqlite');
    copyFileSync(path, copy);
    const alone = new SQLite(copy, { readonly: true, fileMustExist: true });
    try {
      checkCongressFile(alone, copy, { migrations });
      return true;
    } catch {
      return false;
    } finally {
      alone.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const strayWal = (path: string) =>
  new DatabaseRefused(
    `${path}: the write-ahead log beside it (${path}-wal) does not belong to this database: it fails the integrity check with that file and passes without it. ` +
      `Nothing was changed. Move ${path}-wal (and ${path}-shm, if there is one) into another folder, keep it, and start again; ` +
      `if this database was copied in by hand while its server was running, copy it again with \`kiemphieu backup\` instead` +
      ` / tệp nhật ký ghi (${path}-wal) bên cạnh không thuộc cơ sở dữ liệu này: có tệp đó thì kiểm tra toàn vẹn không đạt, bỏ nó ra thì đạt. ` +
      `Chưa có gì bị thay đổi. Hãy chuyển ${path}-wal (và ${path}-shm nếu có) sang thư mục khác, giữ lại, rồi khởi động lại; ` +
      `nếu cơ sở dữ liệu được chép tay khi máy chủ đang chạy, hãy chép lại bằng lệnh \`kiemphieu backup\``,
  );
