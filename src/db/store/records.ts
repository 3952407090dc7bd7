import {
  combineRounds,
  countRecord,
  RECORD_FORMAT,
  type BodyFacts,
  type CombinedOutcome,
  type ElectionRecord,
  type ElectionResult,
  type EntryReconciliation,
  type Result,
  type Round,
  type RoundOutcome,
} from '../../domain/index.js';
import { appendAudit } from '../audit.js';
import type { DB } from '../connection.js';
import { inTransaction, isoNow, refusalAsValue, type Actor, type StoreContext } from '../context.js';
import { fromProblem, notFound, refuse, refusal, type Refusal } from '../refusal.js';
import { ballotSeats } from '../rows.js';
import { canonicalBallot } from './ballots.js';
import { bodyFacts, bodyOfElection, congressBodyId } from './bodies.js';
import { getCongress } from './congress.js';
import { getElection, listCandidates, listRounds, requireRound } from './elections.js';
import { entrySummary, officialBallots } from './pile-status.js';
import { fixEntryMode } from './piles.js';

export interface Reconciliation {
  entered: number;
  collected: number | null;
  issued: number | null;
  /** entered = collected ≤ issued */
  reconciled: boolean;
}

export async function reconciliationOf(db: DB, round: Round, entered?: number): Promise<Reconciliation> {
  const n = entered ?? (await officialBallots(db, round)).length;
  const { ballotsCollected: collected, ballotsIssued: issued } = round;
  return { entered: n, collected, issued, reconciled: collected !== null && issued !== null && n === collected && collected <= issued };
}

/** A round as an election record (../shared/spec/election-record.md): what tally, export and the signed file use. */
export async function roundRecord(db: DB, roundId: string): Promise<ElectionRecord> {
  const round = await requireRound(db, roundId);
  const election = (await getElection(db, round.electionId)) ?? refuse(notFound('election', 'cuộc bầu'));
  const congress = (await getCongress(db)) ?? refuse(notFound('congress', 'đại hội'));
  const candidates = await listCandidates(db, roundId);
  const ballots = await officialBallots(db, round);
  const reconciliation = await reconciliationOf(db, round, ballots.length);
  const collected = round.ballotsCollected ?? ballots.length;
  const body = bodyFacts(await bodyOfElection(db, election), round);
  return {
    format: RECORD_FORMAT,
    congress: { name: congress.name, kind: congress.kind, convened: congress.convened, excluded: congress.excluded },
    ...(body ? { body } : {}),
    election: { title: election.title, kind: election.kind, ...ballotSeats(round, election.alternatesMethod), round: round.number },
    candidates: candidates.map((c) => ({ no: c.no, name: c.name })),
    ballotsIssued: round.ballotsIssued ?? Math.max(collected, ballots.length),
    ballotsCollected: collected,
    ballots,
    ...(reconciliation.reconciled ? {} : { reconciled: false }),
  };
}

export interface RoundTally {
  round: Round;
  result: ElectionResult;
  reconciliation: Reconciliation;
  /** Ballots are still being entered: the figures may change. */
  provisional: boolean;
  /** Double entry: only settled piles count; how far reconciliation has come is here. */
  entry: { mode: 'single' } | { mode: 'double'; reconciliation: EntryReconciliation };
}

/** The tally of a round at any moment, computed by the domain engine from the stored ballots. */
export function roundTally(db: DB, roundId: string): Promise<Result<RoundTally, Refusal>> {
  return refusalAsValue(async () => {
    const round = await requireRound(db, roundId);
    const record = await roundRecord(db, roundId);
    const counted = countRecord(record);
    if (!counted.ok) refuse(fromProblem(counted.error, 'conflict'));
    const reconciliation = await reconciliationOf(db, round, record.ballots.length);
    const summary = await entrySummary(db, round);
    const entry = summary.mode === 'single' ? summary : { mode: summary.mode, reconciliation: summary.reconciliation };
    return { round, result: counted.value, reconciliation, provisional: round.state === 'setup' || round.state === 'counting', entry };
  });
}

export interface ElectionOutcome {
  rounds: { round: Round; result: ElectionResult | null }[];
  /** null while a round is still in setup or counting. */
  combined: CombinedOutcome<string> | null;
  /** personId → name, for reading `combined`. */
  names: Record<string, string>;
}

/** The outcome of an election across its rounds, and the round the congress may decide to hold next. */
export async function electionOutcome(db: DB, electionId: string): Promise<ElectionOutcome> {
  const election = (await getElection(db, electionId)) ?? refuse(notFound('election', 'cuộc bầu'));
  const rounds = await listRounds(db, electionId);
  const names: Record<string, string> = {};
  const people: string[] = [];
  const outcomes: RoundOutcome<string>[] = [];
  const listed: ElectionOutcome['rounds'] = [];
  let settled = true;
  for (const round of rounds) {
    const candidates = await listCandidates(db, round.id);
    for (const c of candidates) {
      if (!(c.personId in names)) people.push(c.personId);
      names[c.personId] = c.name;
    }
    const done = round.state === 'counted' || round.state === 'certified';
    settled &&= done;
    const tally = done ? await roundTally(db, round.id) : null;
    const result = tally?.ok ? tally.value.result : null;
    listed.push({ round, result });
    if (result) {
      const person = new Map(candidates.map((c) => [c.no, c.personId]));
      const ids = (nos: number[]) => nos.map((no) => person.get(no) as string);
      outcomes.push({ fills: round.fills, seats: round.seats, elected: ids(result.elected), alternates: ids(result.alternates), tied: ids(result.tied), seatsAtStake: result.seatsAtStake, outcome: result.outcome });
    }
  }
  const combined =
    settled && outcomes.length > 0
      ? combineRounds({ seats: election.seats, alternates: election.alternates, kind: election.kind, alternatesMethod: election.alternatesMethod, candidates: people, rounds: outcomes })
      : null;
  return { rounds: listed, combined, names };
}

/**
 * Opens the next round the congress decided on: a re-vote among the tied for the seats at stake, or
 * a round for unfilled places among those not chosen, with names added only by the congress's decision.
 */
export async function createNextRound(ctx: StoreContext, actor: Actor, electionId: string, input: { decision: string; addedNames: string[] }) {
  return inTransaction(ctx, async (trx) => {
    const outcome = await electionOutcome(trx, electionId);
    const last = outcome.rounds.at(-1);
    if (!outcome.combined || !last) {
      return refuse(refusal('conflict', 'round_not_counted', 'vòng bầu trước chưa kiểm xong', 'the previous round is not counted yet'));
    }
    const stopped = await trx.selectFrom('certification').select('decision').where('round_id', '=', last.round.id).where('stopped', '=', 1).executeTakeFirst();
    if (stopped) return refuse(refusal('conflict', 'congress_stopped', `đại hội đã quyết định dừng: ${stopped.decision}`, `the congress decided to stop: ${stopped.decision}`));
    const offer = outcome.combined.next;
    if (!offer) return refuse(refusal('conflict', 'election_complete', 'cuộc bầu đã đủ số lượng: không có vòng tiếp theo', 'the election is complete: there is no next round'));
    if (offer.reason === 'tie' && input.addedNames.length > 0) {
      refuse(refusal('invalid', 'tie_round_fixed', 'bầu lại khi bằng phiếu chỉ gồm những người bằng phiếu', 'a tie re-vote is among the tied only', 'addedNames'));
    }
    // The alternates' own ballot follows from the method chosen before counting (Điều 18): the rest of the same list, no decision needed.
    if (offer.reason === 'alternates_ballot' && input.addedNames.length > 0) {
      refuse(refusal('invalid', 'alternates_list_fixed', 'phiếu bầu dự khuyết gồm những người còn lại trong danh sách, không thêm tên', 'the alternates’ ballot lists the rest of the same list, no names added', 'addedNames'));
    }
    if (offer.reason !== 'alternates_ballot' && input.decision === '') {
      refuse(refusal('invalid', 'decision_required', 'cần ghi quyết định của đại hội', 'the congress’s decision is required', 'decision'));
    }
    const at = isoNow(ctx);
    const id = ctx.newId();
    await trx
      .insertInto('round')
      .values({ id, election_id: electionId, number: last.round.number + 1, reason: offer.reason, fills: offer.fills, seats: offer.seats, alternates: offer.alternates, state: 'setup', ballots_issued: null, ballots_collected: null, decision: input.decision, created_at: at })
      .execute();
    const list = [...offer.candidates.map((personId) => ({ personId, name: outcome.names[personId] })), ...input.addedNames.map((name) => ({ personId: ctx.newId(), name }))];
    for (let i = 0; i < list.length; i++) {
      await trx.insertInto('candidate').values({ id: ctx.newId(), round_id: id, person_id: list[i].personId, no: i + 1, name: list[i].name }).execute();
    }
    const round = await requireRound(trx, id);
    await appendAudit(trx, { at, actor: actor.id, action: 'round.create', entity: 'round', entityId: id, after: { ...round, candidates: list.map((c) => c.name) } });
    return round;
  });
}

/** Imports an election record as a new election of this congress; its tally is the record's own. */
export async function importRecord(ctx: StoreContext, actor: Actor, record: ElectionRecord) {
  return inTransaction(ctx, async (trx) => {
    const counted = countRecord(record);
    if (!counted.ok) refuse(fromProblem(counted.error));
    const congress = (await getCongress(trx)) ?? refuse(notFound('congress', 'đại hội'));
    const facts = record.congress;
    if (facts.kind !== congress.kind || facts.convened !== congress.convened || facts.excluded !== congress.excluded) {
      refuse(refusal('conflict', 'other_congress', `bản ghi thuộc đại hội khác (triệu tập ${facts.convened}, trừ ${facts.excluded}; ở đây ${congress.convened}, ${congress.excluded})`, `the record is of another congress (convened ${facts.convened}, excluded ${facts.excluded}; here ${congress.convened}, ${congress.excluded})`, 'congress'));
    }
    const at = isoNow(ctx);
    const { election: e } = record;
    if (e.fills === 'alternates') {
      refuse(refusal('invalid', 'alternates_ballot_import', 'phiếu bầu dự khuyết riêng là một vòng của cuộc bầu đoàn đại biểu: không nhập thành cuộc bầu mới', 'an alternates’ own ballot is a round of its delegation election: it cannot become an election of its own', 'election.fills'));
    }
    // countRecord has checked the body: base ≥ 1, present ≤ convened, issued ≤ present.
    const present = record.body?.present ?? null;
    const bodyId = record.body && record.body.kind !== 'congress' ? await importedBody(ctx, trx, record.body, at) : await congressBodyId(trx);
    const electionId = ctx.newId();
    const last = await trx.selectFrom('election').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
    await trx
      .insertInto('election')
      .values({ id: electionId, kind: e.kind, title: e.title, seats: e.seats, alternates: e.alternates, body_id: bodyId, alternates_method: e.alternates > 0 ? (e.alternatesMethod ?? null) : null, position: Number(last?.p ?? 0) + 1, created_at: at })
      .execute();
    const roundId = ctx.newId();
    const reconciled = record.reconciled !== false && record.ballots.length === record.ballotsCollected && record.ballotsCollected <= record.ballotsIssued;
    await trx
      .insertInto('round')
      .values({ id: roundId, election_id: electionId, number: e.round, reason: 'first', fills: 'officials', seats: e.seats, alternates: e.alternates, state: reconciled ? 'counted' : 'counting', ballots_issued: record.ballotsIssued, ballots_collected: record.ballotsCollected, decision: '', created_at: at, present })
      .execute();
    await fixEntryMode(trx, roundId, 'single', actor.id, at);
    for (const c of [...record.candidates].sort((a, b) => a.no - b.no)) {
      const id = ctx.newId();
      await trx.insertInto('candidate').values({ id, round_id: roundId, person_id: id, no: c.no, name: c.name }).execute();
    }
    for (const ballot of record.ballots) {
      await trx.insertInto('ballot').values({ id: ctx.newId(), round_id: roundId, content: JSON.stringify(canonicalBallot(ballot)), entered_by: actor.id, entered_at: at, void_reason: null, voided_by: null, voided_at: null }).execute();
    }
    await appendAudit(trx, { at, actor: actor.id, action: 'election.import', entity: 'election', entityId: electionId, after: { title: e.title, round: e.round, candidates: record.candidates.length, ballots: record.ballots.length } });
    return { electionId, roundId };
  });
}

/** The conference a record names: the one of that kind and name with the same figures, else a new one. */
async function importedBody(ctx: StoreContext, trx: DB, facts: BodyFacts, at: string): Promise<string> {
  const same = await trx
    .selectFrom('body')
    .select('id')
    .where('kind', '=', facts.kind)
    .where('name', '=', facts.name)
    .where('convened', '=', facts.convened)
    .where('excluded', '=', facts.excluded)
    .executeTakeFirst();
  if (same) return same.id;
  const id = ctx.newId();
  const last = await trx.selectFrom('body').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
  await trx
    .insertInto('body')
    .values({ id, kind: facts.kind, name: facts.name, convened: facts.convened, excluded: facts.excluded, excluded_reason: facts.excludedReason ?? '', from_election_id: null, position: Number(last?.p ?? 0) + 1, created_at: at })
    .execute();
  return id;
}
