import { api } from './api.js';
import { byId, h, param } from './dom.js';
import { bilingual, onLanguageChange, t } from './i18n.js';
import { watchRound } from './live.js';
import { showError, showNotice, startPage } from './page.js';
import type { DoubleEntryOverview, ElectionWithRounds, EntryOverview, Member, PileLine, RoundDetail, SessionInfo } from './types.js';

/**
 * The piles of a double-entry round: each pile, what it waits for (an entry, the head's rulings),
 * the way into typing a pass, declaring the next pile, and the reconciliation that closes the count.
 */

const roundId = param('round') ?? '';
const q = (s: string) => encodeURIComponent(s);
let session: SessionInfo;
let round: RoundDetail;
let names = new Map<string, string>();
let overview: DoubleEntryOverview | null = null;
/**
 * The round and piles as last shown. A live event that changes neither leaves the table as it is:
 * a row rebuilt under the pointer between the press and the release of a click swallows the click.
 */
let shown = '';

/** A member may type a pass nobody else has started, unless they typed the other pass of the pile. */
function mayType(pile: PileLine, pass: 1 | 2): boolean {
  const mine = session.member.id;
  const typist = pass === 1 ? pile.typists.first : pile.typists.second;
  const other = pass === 1 ? pile.typists.second : pile.typists.first;
  return other !== mine && (typist === null || typist === mine) && session.member.role !== 'setup';
}

function passCell(pile: PileLine, pass: 1 | 2) {
  const entered = pass === 1 ? pile.entered.first : pile.entered.second;
  const typist = pass === 1 ? pile.typists.first : pile.typists.second;
  const done = entered === pile.declared;
  return h(
    'td',
    { class: done ? 'pass done' : 'pass' },
    h('span', { class: 'count' }, `${entered} / ${pile.declared}`),
    typist ? h('span', { class: 'typist' }, ` · ${names.get(typist) ?? '?'}`) : null,
    round.state === 'counting' && mayType(pile, pass) && !done
      ? h('a', { class: 'type-pass', href: `/enter.html?round=${q(roundId)}&pile=${q(pile.id)}&pass=${pass}` }, t(entered === 0 ? 'piles.start' : 'piles.continue', { pass }))
      : null,
    round.state === 'counting' && session.member.role === 'head' && typist !== null && !pile.settled ? releaseButton(pile, pass) : null,
  );
}

/** The head frees a pass its typist cannot finish: its entries are voided, another member types it again. */
function releaseButton(pile: PileLine, pass: 1 | 2) {
  const button = h('button', { type: 'button', class: 'release' }, t('piles.release'));
  button.addEventListener('click', async () => {
    const reason = prompt(t('piles.releaseReason', { pile: pile.number, pass }))?.trim();
    if (!reason) return;
    try {
      await api('POST', `/api/piles/${q(pile.id)}/passes/${pass}/release`, { reason });
      showNotice(t('piles.released', { pile: pile.number, pass }));
      await load();
    } catch (e) {
      showError(e);
    }
  });
  return button;
}

function waitingCell(pile: PileLine) {
  if (pile.settled) return h('td', { class: 'settled' }, pile.differences === 0 ? t('piles.agreed') : t('piles.resolved', { n: pile.differences }));
  return h('td', { class: 'waiting' }, ...pile.waitingText.map((w) => h('div', {}, bilingual(w))));
}

function render(): void {
  if (!overview) return;
  const r = overview.reconciliation;
  byId('figures').textContent = t('piles.figures', { piles: r.piles, declared: r.declared, collected: r.collected ?? '?', counted: r.counted, open: r.unresolvedDifferences });
  // What blocks closing the count: the figures here; each pile's own wait is in its row.
  const blocker = byId('blocker');
  blocker.hidden = false;
  blocker.className = r.reconciled ? 'message ok' : 'message warn';
  const pending = r.piles - r.settledPiles;
  const lines = [...r.problems.filter((p) => !p.field.startsWith('piles[')).map((p) => bilingual(p)), ...(pending > 0 ? [t('piles.pending', { n: pending })] : [])];
  blocker.replaceChildren(...(r.reconciled ? [t('piles.reconciled')] : lines.map((line) => h('div', {}, line))));
  const isHead = session.member.role === 'head';
  byId('piles').replaceChildren(
    ...overview.piles.map((pile) =>
      h(
        'tr',
        { 'data-pile': pile.number },
        h('td', { class: 'num' }, pile.number),
        h('td', { class: 'num' }, pile.declared),
        passCell(pile, 1),
        passCell(pile, 2),
        waitingCell(pile),
        h('td', {}, isHead && pile.unresolved > 0 ? h('a', { href: `/resolve.html?round=${q(roundId)}#pile-${pile.number}` }, t('piles.resolveN', { n: pile.unresolved })) : null),
      ),
    ),
  );
  const resolve = byId<HTMLAnchorElement>('resolve-link');
  resolve.hidden = !isHead || r.differences === 0;
  resolve.href = `/resolve.html?round=${q(roundId)}`;
  byId('close-count').hidden = !isHead || round.state !== 'counting';
  // Declaring a pile is the committee's count: not the secretary's, nor technical staff's, who only type.
  byId('declare').hidden = round.state !== 'counting' || session.member.role === 'setup' || session.member.role === 'staff';
}

async function load(): Promise<void> {
  round = await api<RoundDetail>('GET', `/api/rounds/${q(roundId)}`);
  const answer = await api<EntryOverview>('GET', `/api/rounds/${q(roundId)}/entry`);
  if (answer.mode === 'single') {
    location.replace(`/enter.html?round=${q(roundId)}`);
    return;
  }
  overview = answer;
  const now = JSON.stringify([round, overview]);
  if (now === shown) return;
  shown = now;
  render();
}

async function main(): Promise<void> {
  session = (await startPage({ roles: ['head', 'member', 'setup', 'staff'] }))!;
  // Listen before anything shows: a form sent the moment it appears is never lost to a native submit.
  byId('declare').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const pile = await api<{ number: number; declared: number }>('POST', `/api/rounds/${q(roundId)}/piles`, { declared: Number(byId<HTMLInputElement>('declared').value) });
      showNotice(t('piles.declared', { number: pile.number, declared: pile.declared }));
      await load();
    } catch (e) {
      showError(e);
    }
  });
  byId('close-count').addEventListener('click', async () => {
    try {
      await api('POST', `/api/rounds/${q(roundId)}/transition`, { to: 'counted' });
      showNotice(t('piles.closed'));
      await load();
    } catch (e) {
      showError(e);
    }
  });
  const members = await api<Member[]>('GET', '/api/members');
  names = new Map(members.map((m) => [m.id, m.name]));
  await load();
  if (!overview) return;
  const election = await api<ElectionWithRounds>('GET', `/api/elections/${q(round.electionId)}`);
  const title = () => (byId('election-title').textContent = `${election.title} — ${t('round.number', { number: round.number })}`);
  title();
  onLanguageChange(() => {
    title();
    render();
  });
  watchRound(
    roundId,
    'committee',
    () => void load().catch(showError),
    (connected) => {
      const c = byId('connection');
      c.textContent = connected ? '' : t('live.reconnecting');
      c.classList.toggle('lost', !connected);
    },
  );
}

void main();
