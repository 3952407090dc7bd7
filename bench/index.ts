/**
 * `npm run bench`: runs each section in turn and prints plain lines. A section is a name and a
 * function that measures and prints; append new sections to the list.
 */
import { doubleEntrySection } from './double-entry.js';
import { engineSection } from './engine.js';

interface BenchSection {
  name: string;
  run: () => void | Promise<void>;
}

const sections: BenchSection[] = [engineSection, doubleEntrySection];

for (const section of sections) {
  console.log(`== ${section.name}`);
  await section.run();
  console.log('');
}
