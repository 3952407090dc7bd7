import { serveCommand } from './cli/serve.js';
import { InputError, tallyCommand } from './cli/tally.js';
import { verifyCommand } from './cli/verify.js';

/** The `kiemphieu` command line: thin over the domain, the store and the server. */
const commands: Record<string, { help: string; run: (args: string[]) => Promise<number> }> = {
  serve: { help: 'serve [--db FILE] [--port N] [--host ADDR | --lan] [--demo]   start the counting server', run: serveCommand },
  tally: { help: 'tally RECORD.json      print the result of an election record', run: tallyCommand },
  verify: { help: 'verify SIGNED.json     check a signed results file: its signature, and its result against a recount', run: verifyCommand },
};

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
    if (e instanceof InputError) {
      process.stderr.write(`${e.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`internal error: ${(e as Error).message}\n`);
      process.exit(70);
    }
  },
);
