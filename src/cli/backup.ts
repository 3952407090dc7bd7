import { join } from 'node:path';
import { backupDatabase, backupDirOf, stampOf, stemOf } from '../db/backup.js';
import { openDatabase } from '../db/connection.js';
import { restoreDatabase } from '../db/restore.js';
import { databasePath, parseOptions } from './args.js';
import { InputError } from './tally.js';

/** `kiemphieu backup [--db FILE] [--out FILE]`: an online copy, safe while the server runs. */
export async function backupCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, { db: { type: 'string' }, out: { type: 'string' } });
  const dbPath = databasePath(values.db);
  const database = await openDatabase(dbPath, { mustExist: true });
  try {
    const out = values.out ?? join(backupDirOf(dbPath), `${stemOf(dbPath)}-${stampOf(new Date())}-manual.sqlite`);
    const file = await backupDatabase(database.sqlite, out);
    process.stdout.write(`Backup written: ${file.path} (${file.bytes} bytes, ${file.auditSeq} audit entries) / đã sao lưu\n`);
    return 0;
  } finally {
    await database.close();
  }
}

/** `kiemphieu restore FILE [--db FILE]`: puts a backup back; the replaced database is kept aside. */
export async function restoreCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, { db: { type: 'string' } }, true);
  if (positionals.length !== 1) throw new InputError('usage: kiemphieu restore BACKUP.sqlite [--db FILE]');
  const dbPath = databasePath(values.db);
  const restored = await restoreDatabase(positionals[0], dbPath, new Date());
  const aside = restored.keptAside ? `; the database it replaced is kept at ${restored.keptAside}` : '';
  process.stdout.write(`Restored ${positionals[0]} into ${dbPath} (${restored.auditEntries} audit entries, head ${restored.auditHead.slice(0, 12)})${aside} / đã khôi phục\n`);
  return 0;
}
