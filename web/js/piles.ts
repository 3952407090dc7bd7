import { api, ApiError } from './api.js';
import { newClientId } from './client-id.js';
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

/** The head corrects a pile's declared count after counting the paper again, with the reason (logged). */
function correctButton(pile: PileLine) {
  const button = h('button', { type: 'button', class: 'correct-pile' }, t('piles.correct'));
  button.addEventListener('click', async () => {
    const answer = prompt(t('piles.correctCount', { pile: pile.number, declared: pile.declared }))?.trim();
    if (!answer) return;
    const declared = Number(answer);
    if (!Number.isInteger(declared) || declared < 1) return showError(t('piles.countInvalid'));
    const reason = prompt(t('piles.correctReason', { pile: pile.number }))?.trim();
    if (!reason) return;
    try {
      await api('PATCH', `/api/piles/${q(pile.id)}`, { declared, reason });
      showNotice(t('piles.corrected', { pile: pile.number, declared }));
      await load();
    } catch (e) {
      showError(e);
    }
  });
  return button;
}

/** The head withdraws a pile declared by mistake (a stray Enter), while nothing is typed in it. */
function withdrawButton(pile: PileLine) {
  const button = h('button', { type: 'button', class: 'withdraw-pile' }, t('piles.withdraw'));
  button.addEventListener('click', async () => {
    const reason = prompt(t('piles.withdrawReason', { pile: pile.number }))?.trim();
    if (!reason) return;
    try {
      await api('POST', `/api/piles/${q(pile.id)}/withdraw`, { reason });
      showNotice(t('piles.withdrawn', { pile: pile.number }));
      await load();
    } catch (e) {
      showError(e);
    }
  });
  return button;
}

function headActions(pile: PileLine) {
  const untouched = pile.entered.first === 0 && pile.entered.second === 0;
  return [
    pile.unresolved > 0 ? h('a', { href: `/resolve.html?round=${q(roundId)}#pile-${pile.number}` }, t('piles.resolveN', { n: pile.unresolved })) : null,
    round.state === 'counting' && !pile.settled ? correctButton(pile) : null,
    round.state === 'counting' && untouched ? withdrawButton(pile) : null,
  ];
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
        h('td', {}, isHead ? h('div', { class: 'row-actions' }, ...headActions(pile)) : null),
      ),
    ),
  );
  const resolve = byId<HTMLAnchorElement>('resolve-link');
  resolve.hidden = !isHead || r.unresolvedDifferences === 0;
  resolve.href = `/resolve.html?round=${q(roundId)}`;
  byId('close-count').hidden = !isHead || round.state !== 'counting';
  // Declaring a pile is the committee's count: not the secretary's, nor technical staff's, who only type.
  byId('declare').hidden = round.state !== 'counting' || session.member.role === 'setup' || session.member.role === 'staff';
  renderClosed();
}

/** Once the count is finished: say so, and lead on to certifying and to the papers in one step. */
function renderClosed(): void {
  const closed = byId('count-closed');
  closed.hidden = round.state === 'setup' || round.state === 'counting';
  if (closed.hidden) return;
  const roundPage = `/round.html?round=${q(roundId)}`;
  byId('closed-text').textContent = t(round.state === 'certified' ? 'piles.certifiedText' : 'piles.closedText');
  byId<HTMLAnchorElement>('to-certify').href = `${roundPage}#certify`;
  byId('to-certify').textContent = t(round.state === 'certified' ? 'piles.toCertified' : 'piles.toCertify');
  byId<HTMLAnchorElement>('to-papers').href = `/results.html?election=${q(round.electionId)}`;
  byId('blocker').hidden = true;
}

/**
 * Declares the next pile under an id made here and kept until the server answers: a resend after a
 * lost answer declares nothing twice. The field is emptied once declared, so a stray Enter sends
 * nothing (the browser refuses an empty required field), and the button waits while a pile is sent.
 */
let declaring: { id: string; declared: number } | null = null;
async function declare(): Promise<void> {
  const field = byId<HTMLInputElement>('declared');
  const declared = Number(field.value);
  if (declaring && declaring.declared !== declared) declaring = null;
  declaring ??= { id: newClientId(), declared };
  const button = byId<HTMLButtonElement>('declare-button');
  button.disabled = true;
  try {
    const pile = await api<{ number: number; declared: number }>('POST', `/api/rounds/${q(roundId)}/piles`, declaring);
    declaring = null;
    field.value = '';
    showNotice(t('piles.declared', { number: pile.number, declared: pile.declared }));
    await load();
  } catch (e) {
    if (!(e instanceof ApiError && e.retryable)) declaring = null;
    showError(e);
  } finally {
    button.disabled = false;
  }
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
  byId('declare').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!byId<HTMLButtonElement>('declare-button').disabled) void declare();
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
