import type { Ballot } from '../../src/domain/index.js';
import { api } from './api.js';
import { ballotDifference, ballotText } from './ballot-text.js';
import { readLine, styleOf, type BallotList } from './ballot-line.js';
import { byId, h, param } from './dom.js';
import { bilingual, onLanguageChange, t } from './i18n.js';
import { showError, showNotice, startPage } from './page.js';
import type { ElectionWithRounds, EntryOverview, PileStatus, RoundDetail } from './types.js';

/**
 * The head's screen: every difference between the two entries of a pile, both entries in words, and
 * the ruling made with the paper ballot in hand — as entry 1, as entry 2, or as read (typed like at
 * entry) — always with the reason. The software never picks one.
 */

const roundId = param('round') ?? '';
const q = (s: string) => encodeURIComponent(s);
let list: BallotList;
let piles: PileStatus[] = [];

type Difference = PileStatus['differences'][number];

async function rule(pile: PileStatus, d: Difference, ballot: Ballot, reason: string): Promise<void> {
  try {
    await api('POST', `/api/piles/${q(pile.id)}/differences/${d.position}/resolution`, { ballot, reason });
    showNotice(t('resolve.done', { pile: pile.number, position: d.position }));
    await load();
  } catch (e) {
    showError(e);
  }
}

function differenceCard(pile: PileStatus, d: Difference) {
  const id = `p${pile.number}-${d.position}`;
  const entries = h(
    'dl',
    { class: 'entries' },
    h('dt', {}, t('piles.pass1')),
    h('dd', { 'data-entry': 1 }, ...ballotDifference(d.first, d.second, list.candidates)),
    h('dt', {}, t('piles.pass2')),
    h('dd', { 'data-entry': 2 }, ...ballotDifference(d.second, d.first, list.candidates)),
  );
  const heading = h('h3', {}, t('resolve.position', { position: d.position }));
  if (d.resolution) {
    return h('article', { class: 'difference resolved', id }, heading, entries, h('p', { class: 'ruling' }, t('resolve.ruled', { ballot: ballotText(d.resolution.ballot, list.candidates), reason: d.resolution.reason })));
  }
  const reason = h('input', { id: `${id}-reason`, class: 'reason', required: true, maxlength: 500 });
  const line = h('input', { id: `${id}-line`, class: 'read-line', autocomplete: 'off', spellcheck: 'false' });
  const needReason = () => {
    if (reason.value.trim() !== '') return reason.value;
    showError(t('resolve.reasonRequired'));
    reason.focus();
    return null;
  };
  const asEntry = (ballot: Ballot | null, n: 1 | 2) =>
    h('button', { type: 'button', class: 'as-entry', 'data-as': n, disabled: ballot === null }, t('resolve.asEntry', { n }));
  const b1 = asEntry(d.first, 1);
  const b2 = asEntry(d.second, 2);
  b1.addEventListener('click', () => {
    const why = needReason();
    if (why && d.first) void rule(pile, d, d.first, why);
  });
  b2.addEventListener('click', () => {
    const why = needReason();
    if (why && d.second) void rule(pile, d, d.second, why);
  });
  const asRead = h('button', { type: 'button', class: 'as-read' }, t('resolve.asRead'));
  asRead.addEventListener('click', () => {
    const why = needReason();
    if (!why) return;
    const reading = readLine(line.value, list);
    if (!reading.ballot) {
      showError(reading.problem ? bilingual(reading.problem) : t('resolve.lineEmpty'));
      return;
    }
    void rule(pile, d, reading.ballot, why);
  });
  return h(
    'article',
    { class: 'difference', id },
    heading,
    entries,
    h('div', { class: 'ruling-form' },
      h('label', { for: reason.id }, t('resolve.reason')),
      reason,
      h('div', { class: 'row-actions' }, b1, b2),
      h('label', { for: line.id }, t(styleOf(list) === 'strike' ? 'entry.lineStrike' : 'entry.lineMarks')),
      h('div', { class: 'row-actions' }, line, asRead),
    ),
  );
}

function render(): void {
  const withDifferences = piles.filter((p) => p.differences.length > 0);
  byId('none').hidden = withDifferences.length > 0;
  byId('piles').replaceChildren(
    ...withDifferences.map((pile) =>
      h(
        'section',
        { class: 'pile-differences', id: `pile-${pile.number}` },
        h('h2', {}, t('resolve.pile', { number: pile.number, open: pile.differences.filter((d) => d.resolution === null).length, all: pile.differences.length })),
        ...pile.differences.map((d) => differenceCard(pile, d)),
      ),
    ),
  );
}

async function load(): Promise<void> {
  const overview = await api<EntryOverview>('GET', `/api/rounds/${q(roundId)}/entry`);
  if (overview.mode === 'single') return;
  piles = await Promise.all(overview.piles.filter((p) => p.differences > 0).map((p) => api<PileStatus>('GET', `/api/piles/${q(p.id)}/differences`)));
  render();
}

async function main(): Promise<void> {
  await startPage({ roles: ['head'] });
  const round = await api<RoundDetail>('GET', `/api/rounds/${q(roundId)}`);
  list = { candidates: round.candidates, ...round.ballot };
  const election = await api<ElectionWithRounds>('GET', `/api/elections/${q(round.electionId)}`);
  const title = () => (byId('election-title').textContent = `${election.title} — ${t('round.number', { number: round.number })}`);
  title();
  byId<HTMLAnchorElement>('back').href = `/piles.html?round=${q(roundId)}`;
  onLanguageChange(() => {
    title();
    render();
  });
  await load();
  if (location.hash) document.querySelector(location.hash)?.scrollIntoView();
}

void main();
