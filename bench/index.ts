/** `npm run bench`: each section measures one target and prints its figures. */
const sections: [string, () => Promise<{ run: () => Promise<void> }>][] = [
  ['Load: 8 entry clients and 50 displays against the real server (issue 8; --short: 30 s)', () => import('./load.js')],
];

for (const [title, load] of sections) {
  console.log(`\n## ${title}`);
  await (await load()).run();
}
