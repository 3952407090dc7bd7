/**
 * `npm run bench`: runs each section in turn and prints plain lines. A section is a key, a name and a
 * function that measures and prints; append new sections to the list. `npm run bench -- engine load`
 * runs only the sections with those keys.
 */
interface BenchSection {
  key: string;
  name: string;
  run: () => void | Promise<void>;
}

const sections: BenchSection[] = [
  { key: 'engine', name: 'The counting engine beside a plain typed-array loop (issue 2)', run: async () => (await import('./engine.js')).engineSection.run() },
  { key: 'http-entry', name: 'Ballot entry over HTTP on the default path (double entry, 4 piles, 2 typists each) vs raw SQLite (issues 3, 18)', run: async () => (await import('./http-entry.js')).run() },
  { key: 'display-latency', name: 'Display latency: ballot saved → tally at 50 SSE displays (issue 4)', run: async () => (await import('./display-latency.js')).displayLatency() },
  { key: 'keystrokes', name: 'Ballot entry: keystrokes per ballot, sample executive committee (issue 4)', run: async () => (await import('./entry-keystrokes.js')).entryKeystrokes() },
  { key: 'certification', name: 'Certification and verification of a large round (issue 5)', run: async () => (await import('./certification.js')).run() },
  { key: 'load', name: 'Load: 8 entry clients and 50 displays against the real server process (issue 8; --short: 30 s)', run: async () => (await import('./load.js')).loadSection.run() },
  { key: 'double-entry', name: 'Double entry: typing piles twice, and the tally with both entries compared (issue 7)', run: async () => (await import('./double-entry.js')).doubleEntrySection.run() },
];

const chosen = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const unknown = chosen.filter((key) => !sections.some((s) => s.key === key));
if (unknown.length > 0) throw new Error(`no bench section ${unknown.join(', ')}; there are: ${sections.map((s) => s.key).join(', ')}`);

for (const section of sections.filter((s) => chosen.length === 0 || chosen.includes(s.key))) {
  console.log(`\n== ${section.name}`);
  await section.run();
}
