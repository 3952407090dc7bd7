import { runLoad } from './load.js';

/**
 * `npm run bench [-- SECTION...] [-- --short]`: runs every section (or those named) and prints its
 * figures; exits 1 when a section misses its targets. One line per section.
 */
const sections: Record<string, (args: string[]) => Promise<boolean>> = {
  load: runLoad,
};

const args = process.argv.slice(2);
const named = args.filter((a) => !a.startsWith('--'));
let allMet = true;
for (const [name, run] of Object.entries(sections)) {
  if (named.length > 0 && !named.includes(name)) continue;
  allMet = (await run(args)) && allMet;
}
process.exitCode = allMet ? 0 : 1;
