import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../src/db/connection.js';
import { listElections, roundTally } from '../../src/db/store/index.js';
import { seedDemo } from '../../src/demo.js';
import { TEST_PIN_COST } from '../support/api.js';

describe('the demo congress', () => {
  let database: OpenedDatabase;
  afterEach(async () => database.close());

  it('seeds the three elections of a 166-delegate ward congress, two of them partly entered (one typed twice by piles)', async () => {
    database = await openDatabase(':memory:');
    let serial = 0;
    await seedDemo({ db: database.db, now: () => new Date(Date.UTC(2025, 5, 12, 8)), newId: () => `demo${++serial}`, pinCost: TEST_PIN_COST });
    const elections = await listElections(database.db);
    expect(elections.map((e) => [e.seats, e.alternates, e.rounds[0].state])).toEqual([
      [15, 0, 'counting'],
      [1, 0, 'setup'],
      [26, 2, 'counting'],
    ]);
    const executive = await roundTally(database.db, elections[0].rounds[0].id);
    const delegation = await roundTally(database.db, elections[2].rounds[0].id);
    // The executive committee is typed twice by piles: only pile 1 (50 ballots, both entries alike) counts yet.
    expect(executive.ok && executive.value.reconciliation).toMatchObject({ entered: 50, collected: 166, reconciled: false });
    expect(executive.ok && executive.value.entry).toMatchObject({ mode: 'double', reconciliation: { piles: 4, settledPiles: 1, unresolvedDifferences: 2 } });
    expect(delegation.ok && delegation.value.reconciliation).toMatchObject({ entered: 24, collected: 166 });
    expect(executive.ok && executive.value.result.candidates).toHaveLength(17);
  });
});
