/** `npm run bench`: each section measures one target and prints its figures. */
const sections: { name: string; run: () => Promise<void> }[] = [
  { name: 'display latency: ballot saved → tally at 50 SSE displays', run: async () => (await import('./display-latency.js')).displayLatency() },
  { name: 'ballot entry: keystrokes per ballot, sample executive committee', run: async () => (await import('./entry-keystrokes.js')).entryKeystrokes() },
];

for (const section of sections) {
  console.log(`\n## ${section.name}`);
  await section.run();
}
