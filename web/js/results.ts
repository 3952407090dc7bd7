import type { ElectionResult, InvalidReason } from '../../src/domain/index.js';
import { api } from './api.js';
import { byId, h, param } from './dom.js';
import { onLanguageChange, t } from './i18n.js';
import { showError, startPage } from './page.js';
import type { Congress, ElectionOutcome, ElectionWithRounds, Round } from './types.js';

/** An election's result across its rounds, printable on A4: each round's figures, then the outcome. */

const electionId = param('election') ?? '';
let election: ElectionWithRounds;
let outcome: ElectionOutcome;

function roundSection(round: Round, result: ElectionResult | null): HTMLElement {
  const heading = h('h2', {}, `${t('round.number', { number: round.number })} — ${t(`state.${round.state}`)}`);
  if (!result) return h('section', { class: 'results-round' }, heading, h('p', {}, t('results.notCounted')));
  const b = result.ballots;
  const reasons = (Object.entries(b.invalidByReason) as [InvalidReason, number][]).map(([reason, n]) => `${t(`reason.${reason}`)}: ${n}`).join('; ');
  return h(
    'section',
    { class: 'results-round' },
    heading,
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
          combined.next ? h('p', { class: 'message warn' }, t(`results.next.${combined.next.reason}`, { seats: combined.next.seats, candidates: combined.next.candidates.length })) : null,
        ].filter((p): p is HTMLParagraphElement => p !== null)
      : [h('p', { class: 'message warn' }, t('results.pending'))]),
  );
  byId('rounds').replaceChildren(...outcome.rounds.map((r) => roundSection(r.round, r.result)));
}

async function main(): Promise<void> {
  await startPage();
  try {
    byId('congress-name').textContent = (await api<Congress>('GET', '/api/congress')).name;
    election = await api<ElectionWithRounds>('GET', `/api/elections/${encodeURIComponent(electionId)}`);
    outcome = await api<ElectionOutcome>('GET', `/api/elections/${encodeURIComponent(electionId)}/outcome`);
  } catch (e) {
    showError(e);
    return;
  }
  render();
  onLanguageChange(render);
  byId('print').addEventListener('click', () => print());
}

void main();
