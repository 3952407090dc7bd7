/** `npm run bench`: each section measures one target and prints its figures. */
const sections: { name: string; run: () => Promise<void> }[] = [
  { name: 'Ballot entry over HTTP vs raw SQLite (issue 3)', run: async () => (await import('./http-entry.js')).run() },
  { name: 'Display latency: ballot saved → tally at 50 SSE displays (issue 4)', run: async () => (await import('./display-latency.js')).displayLatency() },
  { name: 'Ballot entry: keystrokes per ballot, sample executive committee (issue 4)', run: async () => (await import('./entry-keystrokes.js')).entryKeystrokes() },
  { name: 'Certification and verification of a large round (issue 5)', run: async () => (await import('./certification.js')).run() },
];

for (const section of sections) {
  console.log(`\n## ${section.name}`);
  await section.run();
}
