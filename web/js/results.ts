import type { ElectionResult, InvalidReason } from '../../src/domain/index.js';
import { api } from './api.js';
import { byId, h, param } from './dom.js';
import { onLanguageChange, t } from './i18n.js';
import { showError, startPage } from './page.js';
import type { CertificationInfo, Congress, ElectionOutcome, ElectionWithRounds, Round, SessionInfo } from './types.js';

/**
 * An election's result across its rounds, printable on A4: each round's figures, then the outcome,
 * and the next round on offer. The software offers it; the congress decides, and the head records
 * that decision here, which opens the round.
 */

const electionId = param('election') ?? '';
let election: ElectionWithRounds;
let outcome: ElectionOutcome;
let session: SessionInfo | null;
/** The last round's certification, when it is certified: a decision to stop ends the offers. */
let lastCertification: CertificationInfo | null = null;

function roundSection(round: Round, result: ElectionResult | null): HTMLElement {
  const heading = h('h2', {}, `${t('round.number', { number: round.number })} — ${t(`state.${round.state}`)}`);
  const minutes = round.state === 'certified' ? h('p', { class: 'no-print' }, h('a', { href: `/print/rounds/${encodeURIComponent(round.id)}/minutes` }, t('results.minutes', { number: round.number }))) : null;
  if (!result) return h('section', { class: 'results-round' }, heading, h('p', {}, t('results.notCounted')));
  const b = result.ballots;
  const reasons = (Object.entries(b.invalidByReason) as [InvalidReason, number][]).map(([reason, n]) => `${t(`reason.${reason}`)}: ${n}`).join('; ');
  return h(
    'section',
    { class: 'results-round' },
    heading,
    minutes,
    h('p', {}, t('results.ballots', { issued: b.issued, collected: b.collected, valid: b.valid, invalid: b.invalid }), reasons ? ` (${reasons})` : ''),
    h('p', {}, t('results.threshold', { base: result.base, threshold: result.threshold })),
    h(
      'table',
      { class: 'grid' },
      h('thead', {}, h('tr', {}, h('th', { class: 'num' }, t('round.no')), h('th', {}, t('setup.memberName')), h('th', { class: 'num' }, t('results.votes')), h('th', { class: 'num' }, t('results.percent')), h('th', {}, t('results.status')))),
      h(
        'tbody',
        {},
        ...result.candidates.map((c) =>
          h('tr', {}, h('td', { class: 'num' }, c.no), h('td', {}, c.name), h('td', { class: 'num' }, c.votes), h('td', { class: 'num' }, `${c.percentOfBase}%`), h('td', { class: `status-${c.status}` }, t(`status.${c.status}`))),
        ),
      ),
    ),
  );
}

function render(): void {
  byId('title').textContent = election.title;
  const combined = outcome.combined;
  const names = (ids: string[]) => ids.map((id) => outcome.names[id]).join(', ') || '—';
  byId('combined').replaceChildren(
    ...(combined
      ? [
          h('p', {}, h('strong', {}, t('results.elected', { count: combined.elected.length, seats: election.seats })), ' ', names(combined.elected)),
          election.alternates > 0 ? h('p', {}, h('strong', {}, t('results.alternates', { count: combined.alternates.length, alternates: election.alternates })), ' ', names(combined.alternates)) : null,
        ].filter((p): p is HTMLParagraphElement => p !== null)
      : [h('p', { class: 'message warn' }, t('results.pending'))]),
  );
  renderNext();
  byId('rounds').replaceChildren(...outcome.rounds.map((r) => roundSection(r.round, r.result)));
}

/** The next round on offer, in plain words, with the head's form to record the congress's decision. */
function renderNext(): void {
  const next = outcome.combined?.next ?? null;
  const last = outcome.rounds.at(-1)?.round;
  const stopped = lastCertification?.stopped ? lastCertification : null;
  byId('stopped').hidden = !stopped;
  if (stopped) byId('stopped').textContent = t('round.decisionStop', { decision: stopped.decision });
  byId('next').hidden = !next || !!stopped;
  if (!next || stopped || !last) return;
  byId('next-offer').textContent = t(`results.offer.${next.reason}.${next.fills}`, { candidates: next.candidates.length, seats: next.seats, alternates: next.alternates });
  byId('next-names-label').textContent = t('results.offerNames', { count: next.candidates.length });
  byId('next-names').replaceChildren(...next.candidates.map((id) => h('li', {}, outcome.names[id])));
  byId('next-form').hidden = session?.member.role !== 'head';
  // Names are added only to a round for unfilled seats; a tie re-vote is among the tied alone.
  byId('next-added-label').hidden = byId('next-added').hidden = next.reason !== 'unfilled';
  // The alternates' own ballot follows from the method chosen before counting: no decision is required.
  byId('next-no-decision').hidden = next.reason !== 'alternates_ballot';
  const stopInstead = byId('stop-instead');
  stopInstead.hidden = !session || last.state !== 'counted' || !next.mayStop || next.reason === 'alternates_ballot';
  stopInstead.replaceChildren(t('results.stopInstead', { number: last.number }), ' ', h('a', { href: `/round.html?round=${encodeURIComponent(last.id)}` }, t('results.toRound', { number: last.number })));
}

async function openNextRound(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  const next = outcome.combined?.next;
  const decision = byId<HTMLTextAreaElement>('next-decision');
  if (!next) return;
  if (decision.value.trim() === '' && next.reason !== 'alternates_ballot') {
    showError(t('results.nextDecisionRequired'));
    decision.focus();
    return;
  }
  const addedNames = next.reason === 'unfilled' ? byId<HTMLTextAreaElement>('next-added').value.split('\n').map((line) => line.trim()).filter((line) => line !== '') : [];
  const submit = (event.target as HTMLFormElement).querySelector('button')!;
  submit.disabled = true;
  try {
    const round = await api<Round>('POST', `/api/elections/${encodeURIComponent(electionId)}/rounds`, { decision: decision.value.trim(), addedNames });
    location.assign(`/round.html?round=${encodeURIComponent(round.id)}`);
  } catch (e) {
    showError(e);
    submit.disabled = false;
  }
}

async function main(): Promise<void> {
  session = await startPage();
  try {
    byId('congress-name').textContent = (await api<Congress>('GET', '/api/congress')).name;
    election = await api<ElectionWithRounds>('GET', `/api/elections/${encodeURIComponent(electionId)}`);
    outcome = await api<ElectionOutcome>('GET', `/api/elections/${encodeURIComponent(electionId)}/outcome`);
    const last = outcome.rounds.at(-1)?.round;
    if (last?.state === 'certified') lastCertification = await api<CertificationInfo>('GET', `/api/rounds/${encodeURIComponent(last.id)}/certification`);
  } catch (e) {
    showError(e);
    return;
  }
  render();
  onLanguageChange(render);
  byId('print').addEventListener('click', () => print());
  byId('next-form').addEventListener('submit', (event) => void openNextRound(event));
}

void main();
