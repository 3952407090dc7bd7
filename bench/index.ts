/**
 * `npm run bench`: runs each section in turn and prints plain lines. A section is a name and a
 * function that measures and prints; append new sections to the list.
 */
interface BenchSection {
  name: string;
  run: () => void | Promise<void>;
}

const sections: BenchSection[] = [
  { name: 'The counting engine beside a plain typed-array loop (issue 2)', run: async () => (await import('./engine.js')).engineSection.run() },
  { name: 'Ballot entry over HTTP vs raw SQLite (issue 3)', run: async () => (await import('./http-entry.js')).run() },
  { name: 'Display latency: ballot saved → tally at 50 SSE displays (issue 4)', run: async () => (await import('./display-latency.js')).displayLatency() },
  { name: 'Ballot entry: keystrokes per ballot, sample executive committee (issue 4)', run: async () => (await import('./entry-keystrokes.js')).entryKeystrokes() },
  { name: 'Certification and verification of a large round (issue 5)', run: async () => (await import('./certification.js')).run() },
  { name: 'Load: 8 entry clients and 50 displays against the real server process (issue 8; --short: 30 s)', run: async () => (await import('./load.js')).loadSection.run() },
  { name: 'Double entry: typing piles twice, and the tally with both entries compared (issue 7)', run: async () => (await import('./double-entry.js')).doubleEntrySection.run() },
];

for (const section of sections) {
  console.log(`\n== ${section.name}`);
  await section.run();
}
