import type { ElectionRecord } from '../../src/domain/index.js';
import type { testApp } from './api.js';

type TestApp = Awaited<ReturnType<typeof testApp>>;

/** The signing key's passphrase the tests' heads type (the first certification sets it). */
export const PASSPHRASE = 'cụm mật khẩu của Trưởng ban';

/**
 * A congress matching the record's facts, the record imported as an election (its round counted),
 * signed in as the head. Returns the ids and the head's session.
 */
export async function countedFromRecord(t: TestApp, record: ElectionRecord) {
  const congress = await t.setUpCongress({ convened: record.congress.convened, excluded: record.congress.excluded });
  // Importing a record brings its ballots: the head's act.
  const head = await t.signIn(congress.headId, '2222');
  const imported = await t.call('POST', '/api/elections/import', record);
  if (imported.status !== 201) throw new Error(JSON.stringify(imported.body));
  return { ...congress, head, electionId: imported.body.electionId as string, roundId: imported.body.roundId as string };
}

/** As countedFromRecord, then certified by the head; returns the signed results file's text. */
export async function certifiedFromRecord(t: TestApp, record: ElectionRecord, body: { decision?: string; stop?: boolean; complaints?: string } = {}) {
  const counted = await countedFromRecord(t, record);
  const certified = await t.call('POST', `/api/rounds/${counted.roundId}/certify`, { passphrase: PASSPHRASE, ...body });
  if (certified.status !== 201) throw new Error(JSON.stringify(certified.body));
  const file = await t.app.request(`/api/rounds/${counted.roundId}/results-file`, { headers: { Cookie: counted.head.cookie } });
  if (file.status !== 200) throw new Error(await file.text());
  return { ...counted, certified: certified.body, fileText: await file.text() };
}
