import fc from 'fast-check';
import { inject } from 'vitest';

/**
 * Runs before each test file: every fast-check property runs from the run's seed (printed by the
 * global set-up; a failing property also prints its own seed and path to replay).
 */
fc.configureGlobal({ seed: inject('testSeed') });
