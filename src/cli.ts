import { archiveCommand } from './cli/archive.js';
import { backupCommand, restoreCommand } from './cli/backup.js';
import { serveCommand } from './cli/serve.js';
import { InputError, tallyCommand } from './cli/tally.js';
import { DatabaseRefused } from './db/connection.js';
import { DatabaseInUse } from './db/server-lock.js';
import { verifyCommand } from './cli/verify.js';

/** The `kiemphieu` command line: thin over the domain, the store and the server. */
const commands: Record<string, { help: string; run: (args: string[]) => Promise<number> }> = {
  serve: { help: 'serve [--db FILE] [--port N] [--host ADDR | --lan] [--demo]   start the counting server', run: serveCommand },
  tally: { help: 'tally RECORD.json      print the result of an election record', run: tallyCommand },
  backup: { help: 'backup [--db FILE] [--out FILE]   copy the database (safe while the server runs)', run: backupCommand },
  restore: { help: 'restore BACKUP.sqlite [--db FILE]   put a backup back (the server must be stopped)', run: restoreCommand },
  archive: { help: 'archive [--db FILE] [--out DIR]   write the end-of-congress archive folder', run: archiveCommand },
  verify: { help: 'verify SIGNED.json [--code CODE]   check a signed results file: its exact bytes, signature, a recount, and the code on the minutes', run: verifyCommand },
};

/** Exit codes: 2 bad input, 3 a database file refused (damaged, foreign, newer), 4 the database is in use. */

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    const lines = Object.values(commands).map((c) => `  kiemphieu ${c.help}`);
    process.stderr.write(`usage:\n${lines.join('\n')}\n`);
    return 2;
  }
  return command.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof InputError || e instanceof DatabaseRefused || e instanceof DatabaseInUse) {
      process.stderr.write(`${e.message}\n`);
      process.exitCode = e instanceof InputError ? 2 : e instanceof DatabaseRefused ? 3 : 4;
    } else {
      process.stderr.write(`internal error: ${(e as Error).message}\n`);
      process.exit(70);
    }
  },
);
