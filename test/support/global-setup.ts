import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The seed of every random (property) test in this run: TEST_SEED=N repeats a run. */
    testSeed: number;
  }
}

/**
 * Before any test file runs: builds dist/ once, as `npm ci` does (the tests that start the
 * `kiemphieu` command or load the pages run what a user runs, and no test builds it again), and
 * picks the run's seed for the random tests, printed so that a failure can be replayed.
 */
export default function setup(project: TestProject): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  execFileSync(process.execPath, ['scripts/build.js'], { cwd: root, stdio: 'inherit' });
  const given = process.env.TEST_SEED;
  const seed = given === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(given);
  if (!Number.isSafeInteger(seed)) throw new Error(`TEST_SEED=${given} is not a whole number`);
  console.log(`random tests: seed ${seed} (TEST_SEED=${seed} npm test repeats it)`);
  project.provide('testSeed', seed);
}
