import { expect } from 'vitest';
import type { Ballot } from '../../src/domain/index.js';
import type { testApp } from './api.js';

type TestApp = Awaited<ReturnType<typeof testApp>>;

/** Enters ballots one by one (as whoever is signed in), each under its own id; every one must be stored. */
export async function enterBallots(t: TestApp, roundId: string, ballots: Ballot[], prefix = 'ballot') {
  for (const [i, ballot] of ballots.entries()) {
    const res = await t.call('POST', `/api/rounds/${roundId}/ballots`, { id: `${prefix}-${String(i).padStart(5, '0')}`, ballot });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
}

/** n copies of a ballot. */
export const times = (n: number, ballot: Ballot): Ballot[] => Array.from({ length: n }, () => ballot);
