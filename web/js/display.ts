import { overHalfWithoutSeat, type CandidateResult, type ElectionResult } from '../../src/domain/index.js';
import { formatPercent } from '../../src/print/vietnamese-number.js';
import { api } from './api.js';
import { byId, h, param } from './dom.js';
import { onLanguageChange, t } from './i18n.js';
import { watchRound } from './live.js';
import { startPage } from './page.js';
import type { DisplayTally, ElectionWithRounds, Round } from './types.js';

/**
 * The projector display: read-only, no sign-in, aggregates only. Every candidate in printed order
 * with votes and a bar against the base, the threshold line, progress; elected / tied / unfilled
 * once the round is counted. Live over Server-Sent Events; reconnects by itself.
 */

let election: ElectionWithRounds;
let tally: DisplayTally | null = null;

function outcomeText(result: ElectionResult, round: Round): string {
  switch (result.outcome) {
    case 'complete':
      if (round.fills === 'alternates' && round.seats === 0) return t('outcome.alternatesComplete', { alternates: result.alternates.length });
      // Under separate ballots the officials' round is not the end: the hall hears what comes next.
      if (election.alternatesMethod === 'separate' && round.alternates > 0) {
        return t('outcome.officialsThenAlternates', { elected: result.elected.length, alternates: round.alternates });
      }
      // This round's places (a re-vote fills only those at stake), not the election's.
      return t('outcome.complete', { elected: result.elected.length, seats: round.seats });
    case 'tie':
      return t('outcome.tie', { tied: result.tied.length, seats: result.seatsAtStake });
    case 'unfilled':
      return t('outcome.unfilled', { unfilled: result.unfilledSeats });
    case 'alternates_unfilled':
      return t('outcome.alternatesUnfilled', { unfilled: result.unfilledAlternates });
  }
}

/** Over half but not elected: more candidates passed half than there were places, and others had more votes. */

function statusText(result: CandidateResult, base: number): string {
  if (overHalfWithoutSeat(result, base)) return t('display.overHalfNoSeat');
  return result.status === 'not_elected' ? '' : t(`status.${result.status}`);
}

function row(c: { no: number; name: string }, result: CandidateResult | null, base: number, counted: boolean) {
  const status = counted && result ? result.status : '';
  const li = h(
    'li',
    { 'data-no': c.no, 'data-status': status },
    h('span', { class: 'no' }, c.no),
    h('span', { class: 'name' }, c.name),
    result ? h('span', { class: 'track' }, h('span', { class: 'fill' })) : null,
    result ? h('span', { class: 'votes' }, result.votes) : null,
    result ? h('span', { class: 'pct' }, formatPercent(result.percentOfBase)) : null,
    status && result ? h('span', { class: 'status', 'data-over-half': overHalfWithoutSeat(result, base) }, statusText(result, base)) : null,
  );
  li.querySelector<HTMLElement>('.fill')?.style.setProperty('--share', String(Math.min(1, (result?.votes ?? 0) / base)));
  return li;
}

/** A row needs about this many ems across (number, name, bar, votes, percent, status). */
const ROW_EMS = 28;
let shown = 0;

/**
 * Sizes the list so that every candidate fits without scrolling, in as many columns as give the
 * largest type for this screen (one column of 17 on a 4:3 projector, two of 16 for 31 on 16:9).
 */
function fit(n: number): void {
  shown = n;
  const list = byId('standings');
  const { clientHeight: height, clientWidth: width } = list;
  let best = { columns: 1, rows: n, font: 0 };
  for (const columns of [1, 2, 3]) {
    const rows = Math.max(6, Math.ceil(n / columns));
    const font = Math.min((height / rows) * 0.7, width / columns / ROW_EMS);
    if (font > best.font) best = { columns, rows, font };
  }
  list.style.setProperty('--columns', String(best.columns));
  list.style.setProperty('--rows', String(best.rows));
  list.style.setProperty('--font', `${Math.floor(best.font)}px`);
}

addEventListener('resize', () => fit(shown));

function render(): void {
  if (!tally) return;
  const { round, reconciliation } = tally;
  byId('title').textContent = election.title;
  byId('round-label').textContent = `${t('round.number', { number: round.number })} · ${t(`state.${round.state}`)}`;
  const { entered, collected } = reconciliation;
  // Double entry: only reconciled piles count; while counting the figures are provisional, and say so.
  const doubleEntry = tally.provisional && tally.entry.mode === 'double' ? tally.entry.reconciliation : null;
  const places = round.seats === 0 ? 'display.alternatesOnly' : round.alternates > 0 ? 'display.seatsAlternates' : 'display.seats';
  byId('seats').textContent = t(places, { seats: round.seats, alternates: round.alternates });
  byId('progress').textContent = doubleEntry
    ? t('display.doubleEntry', { typed: doubleEntry.typed, counted: entered, collected: collected ?? '?' })
    : collected === null
      ? t('progress.enteredOnly', { entered })
      : t('progress.entered', { entered, collected });
  const base = tally.standingsHidden ? tally.base : tally.result.base;
  const threshold = tally.standingsHidden ? tally.threshold : tally.result.threshold;
  byId('threshold').textContent = t('display.threshold', { threshold });
  const list = byId('standings');
  list.style.setProperty('--threshold', String(threshold / base));
  const counted = !tally.provisional;
  list.classList.toggle('counted', counted && !tally.standingsHidden);
  byId('held-back').hidden = !tally.standingsHidden;
  const track = byId('progress-track');
  track.hidden = !tally.standingsHidden;
  track.querySelector<HTMLElement>('.fill')!.style.setProperty('--share', String(collected ? Math.min(1, entered / collected) : 0));
  const outcome = byId('outcome');
  outcome.hidden = tally.standingsHidden || !counted;
  if (!tally.standingsHidden) {
    if (counted) {
      outcome.textContent = outcomeText(tally.result, round);
      outcome.dataset.outcome = tally.result.outcome;
    }
    const result = tally.result;
    list.replaceChildren(...result.candidates.map((c) => row(c, c, result.base, counted)));
    const overHalf = counted ? result.candidates.filter((c) => overHalfWithoutSeat(c, result.base)) : [];
    byId('over-half').hidden = overHalf.length === 0;
    byId('over-half').textContent = t('display.overHalfWhy', {
      names: overHalf.map((c) => c.name).join(', '),
      places: t(round.alternates > 0 ? 'display.placesAlternates' : 'display.places', { seats: round.seats, alternates: round.alternates }),
    });
  } else {
    list.replaceChildren(...tally.candidates.map((c) => row(c, null, base, false)));
    byId('over-half').hidden = true;
  }
  const ballots = byId('ballots');
  ballots.hidden = tally.standingsHidden;
  if (!tally.standingsHidden) ballots.textContent = t('display.ballots', { valid: tally.result.ballots.valid, invalid: tally.result.ballots.invalid });
  fit(list.children.length);
}

async function chooseRound(): Promise<string | null> {
  const wanted = param('round');
  if (wanted) {
    const round = await api<{ electionId: string }>('GET', `/api/rounds/${encodeURIComponent(wanted)}`);
    election = await api<ElectionWithRounds>('GET', `/api/elections/${encodeURIComponent(round.electionId)}`);
    return wanted;
  }
  const electionId = param('election');
  if (electionId) {
    election = await api<ElectionWithRounds>('GET', `/api/elections/${encodeURIComponent(electionId)}`);
    return election.rounds.at(-1)?.id ?? null;
  }
  const elections = await api<ElectionWithRounds[]>('GET', '/api/elections');
  const chooser = byId('chooser');
  chooser.hidden = false;
  chooser.replaceChildren(
    h('h1', {}, t('display.choose')),
    h('ul', {}, ...elections.map((e) => h('li', {}, h('a', { href: `/display.html?election=${encodeURIComponent(e.id)}` }, e.title)))),
  );
  return null;
}

async function main(): Promise<void> {
  await startPage();
  const roundId = await chooseRound();
  onLanguageChange(render);
  if (!roundId) return;
  watchRound(
    roundId,
    'public',
    (next) => {
      tally = next;
      render();
    },
    (connected) => {
      const c = byId('connection');
      c.textContent = connected ? '' : t('live.reconnecting');
      c.classList.toggle('lost', !connected);
    },
  );
}

void main();
