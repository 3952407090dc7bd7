import type { PassProgress } from '../../src/db/store/piles.js';
import { placesOf, type BallotVerdict, type CommitteeReason } from '../../src/domain/index.js';
import { api } from './api.js';
import { acceptsChar, numberComplete, readLine, readRuling, RULING_KEYS, styleOf, type BallotList, type LineReading } from './ballot-line.js';
import { byId, h, param } from './dom.js';
import { bilingual, onLanguageChange, t } from './i18n.js';
import { watchRound } from './live.js';
import { BallotOutbox, type EnteredBallot } from './outbox.js';
import { showError, showNotice, startPage } from './page.js';
import type { DisplayTally, ElectionWithRounds, EntryOverview, RoundDetail } from './types.js';

/**
 * Ballot entry, keyboard first. The screen mirrors the paper ballot; the clerk types the struck
 * numbers (or marks, or one ruling key), sees the verdict before Enter, and Enter saves under an id
 * made here, so that a save that failed is sent again as the same ballot and never counts twice.
 */

const roundId = param('round') ?? '';
// Double entry: one pass over one pile (piles.html leads here); otherwise ballots go to the round.
const pileId = param('pile');
const pass = param('pass') === '1' || param('pass') === '2' ? Number(param('pass')) : null;
const inPile = pileId !== null && pass !== null;
// Single entry's optional check: a second full count, typed by someone who typed none of the first.
const secondCount = !inPile && param('count') === '2';
const roundPath = `/api/rounds/${encodeURIComponent(roundId)}`;
const ballotsPath = inPile ? `/api/piles/${encodeURIComponent(pileId)}/passes/${pass}/ballots` : secondCount ? `${roundPath}/second-count/ballots` : `${roundPath}/ballots`;
const voidPath = (id: string) =>
  inPile ? `/api/pile-entries/${encodeURIComponent(id)}/void` : secondCount ? `/api/second-count-ballots/${encodeURIComponent(id)}/void` : `/api/ballots/${encodeURIComponent(id)}/void`;
const pendingKey = inPile ? `kp.pending.${roundId}.${pileId}.${pass}` : secondCount ? `kp.pending.${roundId}.second` : `kp.pending.${roundId}`;
const line = byId<HTMLInputElement>('line');

let round: RoundDetail;
let list: BallotList;
let ruling: CommitteeReason | null = null;
let armed = false;
let undoArmed = false;
const saved: EnteredBallot[] = [];
let progress: DisplayTally | null = null;
let passProgress: PassProgress | null = null;
let overview: EntryOverview | null = null;

function reading(): LineReading {
  return ruling ? readRuling(ruling, list) : readLine(line.value, list);
}

/** The verdict before Enter, in words; `kind` colours it (valid, invalid, empty, problem). */
function verdictText(r: LineReading): { kind: string; text: string } {
  if (r.problem) return { kind: 'problem', text: `${bilingual(r.problem)} — ${t('verdict.blocked')}` };
  const verdict = r.verdict as BallotVerdict;
  const places = placesOf(list);
  const kept = list.candidates.length - r.struck.size;
  const confirm = armed ? ` — ${t('verdict.confirm')}` : '';
  if (verdict.valid) {
    if (r.empty) return { kind: 'empty', text: t('verdict.empty') + confirm };
    const text = 'struck' in r.ballot! ? t('verdict.validStrike', { kept, places }) : t('verdict.validMarks', { agree: [...r.marks.values()].filter((m) => m === 'agree').length });
    return { kind: 'valid', text };
  }
  const reason = verdict.reason;
  const text =
    reason === 'too_many' ? t(r.empty ? 'verdict.nothingStruck' : 'verdict.tooMany', { kept, places })
    : reason === 'all_struck' ? t('verdict.allStruck')
    : reason === 'not_one_box' ? t('verdict.notOneBox')
    : t('verdict.ruled', { reason: t(`reason.${reason}`) });
  return { kind: 'invalid', text: text + confirm };
}

function renderBallot(r: LineReading): void {
  const ballot = byId('ballot');
  ballot.classList.toggle('ruled', ruling !== null);
  for (const item of ballot.children) {
    const no = Number((item as HTMLElement).dataset.no);
    item.classList.toggle('struck', r.struck.has(no));
    const mark = r.marks.get(no);
    (item as HTMLElement).dataset.mark = mark ?? '';
    const badge = item.querySelector('.mark');
    if (badge) badge.textContent = mark ? t(`mark.${mark}`) : '';
  }
}

function render(): void {
  const r = reading();
  renderBallot(r);
  const verdict = byId('verdict');
  const shown = verdictText(r);
  verdict.textContent = undoArmed ? t('undo.confirm', { line: describe(saved.at(-1)!) }) : shown.text;
  verdict.dataset.verdict = undoArmed ? 'undo' : shown.kind;
  const state = byId('save-state');
  const pending = outbox.pending;
  state.hidden = pending === null;
  if (pending) {
    state.className = `save-state ${pending.failure ? 'failed' : 'saving'}`;
    state.textContent = pending.failure ? t('save.failed', { reason: pending.failure }) : t('save.saving');
  }
  line.readOnly = pending !== null;
  const last = saved.at(-1);
  byId('last-saved').textContent = last ? t('save.last', { line: describe(last) }) : '';
  renderProgress();
}

function describe(s: EnteredBallot): string {
  if (s.ruling) return t('verdict.ruled', { reason: t(`reason.${s.ruling}`) });
  if ('struck' in s.ballot) return s.ballot.struck.length === 0 ? t('save.nothingStruck') : t('save.struck', { numbers: s.ballot.struck.join(' ') });
  return s.line || t('save.noMarks');
}

/** The second count's figures change the tally not at all: they are read again after each save or undo. */
async function refreshSecondCount(): Promise<void> {
  if (!secondCount) return;
  overview = await api<EntryOverview>('GET', `${roundPath}/entry`);
  render();
}

function renderProgress(): void {
  const el = byId('progress');
  if (passProgress) {
    const { pileNumber, entered, declared, next } = passProgress;
    // Where the paper is: the ballot on top of the pile is the next one typed.
    el.replaceChildren(
      t('entry.pileProgress', { pile: pileNumber, pass: pass!, entered, declared }),
      ...(next <= declared ? [' · ', h('strong', { id: 'pile-position' }, t('entry.pilePosition', { position: next, pile: pileNumber }))] : []),
    );
    byId('pile-full').hidden = entered < declared;
  }
  if (!progress) return;
  if (secondCount) {
    const check = overview?.secondCount ?? null;
    el.textContent = t('entry.secondProgress', { entered: check?.entered ?? 0, collected: progress.reconciliation.collected ?? '?' });
    const shown = byId('second-check');
    shown.hidden = !check?.complete;
    shown.className = check?.agrees ? 'message ok' : 'message error';
    shown.textContent = check?.agrees ? t('entry.secondAgrees') : overview?.blocker ? bilingual(overview.blocker) : '';
  } else if (!passProgress) {
    const { entered, collected } = progress.reconciliation;
    el.textContent = collected === null ? t('progress.enteredOnly', { entered }) : t('progress.entered', { entered, collected });
  }
  const closed = byId('closed');
  const open = progress.round.state === 'counting';
  closed.hidden = open;
  if (!open) closed.textContent = t('entry.closed', { state: t(`state.${progress.round.state}`) });
  line.disabled = !open && outbox.pending === null;
}

function clearBallot(): void {
  line.value = '';
  ruling = null;
  armed = false;
}

const outbox = new BallotOutbox({ path: ballotsPath, storageKey: pendingKey }, {
  saved: (ballot, answer) => {
    const pileAnswer = answer as { progress?: PassProgress };
    if (pileAnswer.progress) passProgress = pileAnswer.progress;
    void refreshSecondCount();
    saved.push(ballot);
    clearBallot();
    replayTypedAhead();
  },
  refused: (ballot, error) => {
    // Nothing was stored: the ballot stays on screen to be corrected (what was typed after it is dropped).
    typedAhead = [];
    line.value = ballot.line;
    ruling = ballot.ruling;
    armed = false;
    showError(error);
  },
  changed: () => {
    render();
    line.focus();
  },
});

function save(): void {
  const r = reading();
  if (!r.ballot) return;
  const needsConfirm = r.empty || (r.verdict !== null && !r.verdict.valid && ruling === null);
  if (needsConfirm && !armed) {
    armed = true;
    render();
    return;
  }
  byId('message').hidden = true;
  outbox.submit({ ballot: r.ballot, line: line.value.trim(), ruling });
}

async function undo(): Promise<void> {
  const last = saved.at(-1);
  undoArmed = false;
  if (!last) return;
  try {
    await api('POST', voidPath(last.id), { reason: t('undo.reason') });
    saved.pop();
    if (passProgress) passProgress = { ...passProgress, entered: passProgress.entered - 1, next: passProgress.next - 1 };
    void refreshSecondCount();
    line.value = last.line;
    ruling = last.ruling;
    armed = false;
    showNotice(t('undo.done', { line: describe(last) }));
  } catch (e) {
    showError(e);
  }
  render();
}

/**
 * Keys typed while the ballot before is still on its way (its first try, not yet failed), or before
 * the list has loaded: kept in order and replayed once it is saved (or loaded), so a fast clerk on a busy server loses no keystroke. After a
 * failure the banner stops the clerk instead, and a refusal gives the ballot back and drops them.
 */
let typedAhead: string[] = [];
/** The list is loaded: keys typed before that wait too. */
let ready = false;

function replayTypedAhead(): void {
  while (typedAhead.length > 0 && !outbox.pending) handleKey(typedAhead.shift()!);
}

line.addEventListener('keydown', (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const key = event.key;
  const inFlight = !ready || (outbox.pending !== null && outbox.pending.failure === null && outbox.pending.tries <= 1);
  if (inFlight && key === 'Backspace') {
    event.preventDefault();
    typedAhead.push(key);
    return;
  }
  if (key !== 'Enter' && key !== 'Escape' && key.length !== 1) return;
  event.preventDefault();
  if (inFlight && key !== 'Escape') typedAhead.push(key);
  else handleKey(key);
});

function handleKey(key: string): void {
  if (key === 'Backspace') {
    // Only from keys typed ahead: a live Backspace edits the line itself.
    line.value = line.value.slice(0, -1);
    render();
    return;
  }
  if (key === 'Enter') {
    if (undoArmed) void undo();
    else if (outbox.pending) void outbox.send();
    else save();
    return;
  }
  if (key === 'Escape') {
    if (undoArmed) undoArmed = false;
    else if (!outbox.pending) clearBallot();
    render();
    return;
  }
  if (outbox.pending) return;
  const lower = key.toLowerCase();
  if (lower === 'u') {
    undoArmed = saved.length > 0;
    if (!undoArmed) showNotice(t('undo.nothing'));
  } else if (lower in RULING_KEYS) {
    const reason = RULING_KEYS[lower];
    ruling = ruling === reason ? null : reason;
    line.value = '';
    armed = false;
  } else if (acceptsChar(styleOf(list)!, key)) {
    ruling = null;
    armed = false;
    undoArmed = false;
    typeInto(key);
  }
  render();
}

/** Types one character at the caret; a number that cannot go on is closed with a space. */
function typeInto(ch: string): void {
  const start = line.selectionStart ?? line.value.length;
  const end = line.selectionEnd ?? start;
  let text = line.value.slice(0, start) + ch + line.value.slice(end);
  let caret = start + 1;
  const atEnd = end === line.value.length;
  if (atEnd && /\d/u.test(ch) && styleOf(list) === 'strike') {
    const digits = /(\d+)$/u.exec(text)?.[1] ?? '';
    if (numberComplete(digits, list.candidates.length)) {
      text += ' ';
      caret++;
    }
  }
  if (ch === ' ' && text.slice(0, caret).endsWith('  ')) {
    text = text.slice(0, caret - 1) + text.slice(caret);
    caret--;
  }
  line.value = text;
  line.setSelectionRange(caret, caret);
}

// A click anywhere (a button, the ballot) hands the keyboard back to the line.
document.addEventListener('click', () => {
  if (!line.disabled) line.focus();
});

// Backspace, Delete and pasting edit the line natively; what is pasted is kept to what it accepts.
line.addEventListener('input', () => {
  const style = styleOf(list);
  const cleaned = [...line.value].filter((ch) => style !== null && acceptsChar(style, ch)).join('');
  if (cleaned !== line.value) line.value = cleaned;
  armed = false;
  ruling = null;
  render();
});

async function main(): Promise<void> {
  await startPage({ roles: ['head', 'member', 'staff'] });
  round = await api<RoundDetail>('GET', `/api/rounds/${encodeURIComponent(roundId)}`);
  const piles = `/piles.html?round=${encodeURIComponent(roundId)}`;
  if (inPile) {
    passProgress = (await api<{ progress: PassProgress }>('GET', ballotsPath)).progress;
    for (const a of document.querySelectorAll<HTMLAnchorElement>('.to-piles')) a.href = piles;
    byId('to-piles').hidden = false;
  } else {
    overview = await api<EntryOverview>('GET', `${roundPath}/entry`);
    if (overview.mode === 'double') {
      location.replace(piles);
      return;
    }
    const link = byId<HTMLAnchorElement>('count-link');
    link.href = secondCount ? `/enter.html?round=${encodeURIComponent(roundId)}` : `/enter.html?round=${encodeURIComponent(roundId)}&count=2`;
    link.dataset.i18n = secondCount ? 'entry.toFirstCount' : 'entry.toSecondCount';
    link.textContent = t(link.dataset.i18n);
    link.hidden = false;
  }
  const election = await api<ElectionWithRounds>('GET', `/api/elections/${encodeURIComponent(round.electionId)}`);
  list = { candidates: round.candidates, ...round.ballot };
  const style = styleOf(list);
  document.body.dataset.style = style ?? '';
  const titleText = () => `${election.title} — ${t('round.number', { number: round.number })}`;
  byId('election-title').textContent = titleText();
  const ballot = byId('ballot');
  ballot.style.setProperty('--rows', String(Math.ceil(round.candidates.length / (round.candidates.length > 12 ? 2 : 1))));
  ballot.append(...round.candidates.map((c) => h('li', { 'data-no': c.no }, h('span', { class: 'no' }, `${c.no}.`), h('span', { class: 'name' }, c.name), h('span', { class: 'mark' }))));
  const labelText = () => t(style === 'strike' ? 'entry.lineStrike' : 'entry.lineMarks');
  byId('line-label').textContent = labelText();
  onLanguageChange(() => {
    byId('election-title').textContent = titleText();
    byId('line-label').textContent = labelText();
    render();
  });
  outbox.resume();
  ready = true;
  replayTypedAhead();
  watchRound(
    roundId,
    'committee',
    (tally) => {
      progress = tally;
      render();
    },
    (connected) => {
      const c = byId('connection');
      c.textContent = connected ? '' : t('live.reconnecting');
      c.classList.toggle('lost', !connected);
    },
  );
  render();
  line.focus();
}

void main();
