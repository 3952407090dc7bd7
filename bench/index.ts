/** `npm run bench`: each section measures one target and prints its figures. */
const sections: [string, () => Promise<{ run: () => Promise<void> }>][] = [
  ['Ballot entry over HTTP vs raw SQLite (issue 3)', () => import('./http-entry.js')],
  ['Certification and verification of a large round (issue 5)', () => import('./certification.js')],
];

for (const [title, load] of sections) {
  console.log(`\n## ${title}`);
  await (await load()).run();
}
