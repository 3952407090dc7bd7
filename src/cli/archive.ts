import { archiveDirOf, FolderNotEmpty, writeArchive } from '../db/archive.js';
import { openDatabase } from '../db/connection.js';
import { databasePath, parseOptions } from './args.js';
import { InputError } from './tally.js';

/** `kiemphieu archive [--db FILE] [--out DIR]`: the end-of-congress folder (see src/db/archive.ts). */
export async function archiveCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, { db: { type: 'string' }, out: { type: 'string' } });
  const dbPath = databasePath(values.db);
  const now = new Date();
  const dir = values.out ?? archiveDirOf(dbPath, now);
  const database = await openDatabase(dbPath, { mustExist: true });
  try {
    const manifest = await writeArchive(database, dir, now).catch((e: unknown) => {
      throw e instanceof FolderNotEmpty ? new InputError(e.message) : e;
    });
    process.stdout.write(`Archive written: ${dir} (${manifest.files.length} files, ${manifest.auditEntries} audit entries) / đã lưu trữ\n`);
    return 0;
  } finally {
    await database.close();
  }
}
