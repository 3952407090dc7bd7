import { api } from './api.js';
import { byId, h, param } from './dom.js';
import { bilingual, onLanguageChange, t } from './i18n.js';
import { showError, showNotice, startPage } from './page.js';
import { bindCertify, loadCertifyFacts, renderCertify, type CertifyView } from './round-certify.js';
import { baseOf } from '../../src/domain/index.js';
import type { ElectionOutcome, ElectionWithRounds, EntryOverview, RoundCandidate, RoundDetail, SessionInfo } from './types.js';

/**
 * One round's list in printed order (paste import, reorder, the ABC order offered, never forced),
 * the regulation's list warnings, ballots issued and collected, the display setting, opening the count;
 * for the head, finishing, reopening and certifying it (round-certify.ts).
 */

const roundId = param('round') ?? '';
const path = `/api/rounds/${encodeURIComponent(roundId)}`;
let round: RoundDetail;
let election: ElectionWithRounds;
let session: SessionInfo;
let certifyFacts: Pick<CertifyView, 'tally' | 'certification'>;
let entryMode: EntryOverview['mode'] = 'single';
/** The election's outcome once this round is counted: what comes next (the alternates' ballot, a required round). */
let outcome: ElectionOutcome | null = null;

async function act(change: () => Promise<unknown>, notice?: string): Promise<void> {
  try {
    await change();
    if (notice) showNotice(notice);
    else byId('message').hidden = true;
  } catch (e) {
    showError(e);
  }
  await refresh();
}

function reorder(ids: string[]): Promise<void> {
  return act(() => api('PUT', `${path}/candidates/order`, { ids }));
}

function moveButton(label: string, from: number, to: number): HTMLButtonElement {
  const button = h('button', { type: 'button', 'aria-label': label }, label);
  const ids = round.candidates.map((c) => c.id);
  button.disabled = to < 0 || to >= ids.length || round.state !== 'setup';
  button.addEventListener('click', () => {
    [ids[from], ids[to]] = [ids[to], ids[from]];
    void reorder(ids);
  });
  return button;
}

function render(): void {
  const editable = round.state === 'setup' && session.member.role === 'setup';
  byId('election-title').textContent = `${election.title} — ${t('round.number', { number: round.number })}`;
  byId('round-state').textContent = t('round.stateLine', { state: t(`state.${round.state}`), seats: round.seats, alternates: round.alternates, candidates: round.candidates.length });
  for (const el of document.querySelectorAll<HTMLElement>('.setup-only')) el.hidden = !editable;
  const { body } = round;
  byId('round-body').textContent = t('round.bodyLine', { name: body.kind === 'congress' ? t('body.congress') : body.name, convened: body.convened, excluded: body.excluded, base: baseOf(body) });
  byId('round-method').hidden = election.alternatesMethod === null || election.alternates === 0;
  if (election.alternatesMethod) byId('round-method').textContent = t('round.methodLine', { method: t(`method.${election.alternatesMethod}`) });
  byId('attendance-line').textContent =
    round.present === null ? t('round.attendanceMissing') : t('round.attendanceLine', { present: round.present, absent: body.convened - round.present, convened: body.convened });
  byId<HTMLInputElement>('present').value = round.present === null ? '' : String(round.present);
  // The technical secretary enters attendance, before the count closes.
  byId('attendance').hidden = session.member.role !== 'setup' || (round.state !== 'setup' && round.state !== 'counting');
  renderAlternatesBallot();
  byId('round-decision').hidden = round.decision === '';
  byId('round-decision').textContent = t('round.decision', { decision: round.decision });
  const { errors, warnings } = round.listCheck;
  byId('list-check').replaceChildren(
    ...errors.map((p) => h('p', { class: 'message error' }, bilingual(p))),
    ...warnings.map((p) => h('p', { class: 'message warn' }, `${bilingual(p)} ${t('round.warningNote')}`)),
  );
  byId('candidates').replaceChildren(
    ...round.candidates.map((c, i) => {
      const rename = h('button', { type: 'button', class: 'rename' }, t('round.rename'));
      rename.addEventListener('click', () => {
        const name = prompt(t('round.renamePrompt', { no: c.no, name: c.name }), c.name)?.trim();
        if (name && name !== c.name) void act(() => api('PATCH', `/api/candidates/${c.id}`, { name }), t('round.renamed', { no: c.no, name }));
      });
      const remove = h('button', { type: 'button', class: 'remove' }, t('setup.remove'));
      remove.addEventListener('click', () => {
        if (confirm(t('round.removeConfirm', { no: c.no, name: c.name }))) void act(() => api('DELETE', `/api/candidates/${c.id}`));
      });
      const actions = h('td', { class: 'no-print' }, editable ? h('div', { class: 'row-actions' }, moveButton('↑', i, i - 1), moveButton('↓', i, i + 1), rename, remove) : null);
      return h('tr', {}, h('td', { class: 'num' }, c.no), h('td', {}, c.name), actions);
    }),
  );
  byId<HTMLInputElement>('issued').value = round.ballotsIssued === null ? '' : String(round.ballotsIssued);
  byId<HTMLInputElement>('collected').value = round.ballotsCollected === null ? '' : String(round.ballotsCollected);
  // Ballots issued and collected change only before the count is finished.
  for (const el of byId('counts').querySelectorAll<HTMLInputElement | HTMLButtonElement>('input, button')) el.disabled = round.state !== 'setup' && round.state !== 'counting';
  // Single or double entry: said on the page; setup chooses it before the count opens.
  byId('entry-mode-line').textContent = t(entryMode === 'double' ? 'round.modeDoubleLine' : 'round.modeSingleLine');
  byId('entry-mode').hidden = !editable;
  byId<HTMLSelectElement>('entry-mode-choice').value = entryMode;
  byId('open').hidden = round.state !== 'setup';
  // A list outside the regulation's surplus rule opens only with the congress's decision, recorded.
  byId('open-decision-row').hidden = round.state !== 'setup' || warnings.length === 0;
  byId('close').hidden = round.state !== 'counting' || session.member.role !== 'head';
  const q = `round=${encodeURIComponent(round.id)}`;
  byId<HTMLAnchorElement>('to-entry').href = entryMode === 'double' ? `/piles.html?${q}` : `/enter.html?${q}`;
  byId<HTMLAnchorElement>('to-display').href = `/display.html?${q}`;
  byId<HTMLAnchorElement>('to-results').href = `/results.html?election=${encodeURIComponent(election.id)}`;
  const printed = `/print/rounds/${encodeURIComponent(round.id)}`;
  // Ballot papers come from the fixed list only: not while the round is in setup.
  byId('to-ballot-papers').hidden = round.state === 'setup';
  byId<HTMLAnchorElement>('to-ballot-papers').href = `${printed}/ballots`;
  byId<HTMLAnchorElement>('to-pile-sheets').href = `${printed}/piles`;
  byId<HTMLAnchorElement>('to-entry-log').href = `${printed}/entry-log`;
  renderCertify({ round, election, session, ...certifyFacts, mayStop: outcome?.combined?.next?.mayStop ?? true });
}

/** Under separate ballots, once the officials are complete: the alternates' own ballot, offered here. */
function renderAlternatesBallot(): void {
  const offer = outcome?.combined?.next;
  const later = election.rounds.find((r) => r.number === round.number + 1);
  const section = byId('alternates-ballot');
  const isOffer = offer?.reason === 'alternates_ballot' && election.rounds.at(-1)?.id === round.id;
  const opened = later?.reason === 'alternates_ballot';
  section.hidden = !isOffer && !opened;
  if (section.hidden) return;
  byId('alternates-ballot-text').textContent = t('round.alternatesBallotText', { alternates: offer?.alternates ?? later?.alternates ?? 0, candidates: offer?.candidates.length ?? 0 });
  byId('alternates-ballot-names').replaceChildren(...(isOffer ? offer.candidates.map((id) => h('li', {}, outcome!.names[id])) : []));
  byId('alternates-ballot-open').hidden = !isOffer || session.member.role !== 'head';
  const link = byId<HTMLAnchorElement>('to-next-round');
  link.hidden = !later;
  if (later) {
    link.href = `/round.html?round=${encodeURIComponent(later.id)}`;
    link.textContent = t('round.toNextRound', { number: later.number });
  }
}

async function refresh(): Promise<void> {
  round = await api<RoundDetail>('GET', path);
  election = await api<ElectionWithRounds>('GET', `/api/elections/${encodeURIComponent(round.electionId)}`);
  const display = await api<{ progressOnly: boolean }>('GET', `/api/elections/${encodeURIComponent(election.id)}/display`);
  byId<HTMLInputElement>('progress-only').checked = display.progressOnly;
  certifyFacts = await loadCertifyFacts(round);
  entryMode = (await api<EntryOverview>('GET', `${path}/entry`)).mode;
  const settled = round.state === 'counted' || round.state === 'certified';
  outcome = settled ? await api<ElectionOutcome>('GET', `/api/elections/${encodeURIComponent(election.id)}/outcome`) : null;
  render();
}

async function main(): Promise<void> {
  session = (await startPage({ roles: ['setup', 'head', 'member'] }))!;
  byId('import').addEventListener('submit', (event) => {
    event.preventDefault();
    const body = { format: byId<HTMLSelectElement>('format').value, content: byId<HTMLTextAreaElement>('paste').value, replace: byId<HTMLInputElement>('replace').checked };
    void act(async () => {
      await api('POST', `${path}/candidates/import`, body);
      byId<HTMLTextAreaElement>('paste').value = '';
    });
  });
  let proposal: RoundCandidate[] = [];
  byId('abc-show').addEventListener('click', async () => {
    proposal = await api<RoundCandidate[]>('GET', `${path}/candidates/abc-order`);
    byId('abc-list').replaceChildren(...proposal.map((c) => h('li', {}, c.name)));
    byId('abc').hidden = false;
  });
  byId('abc-close').addEventListener('click', () => (byId('abc').hidden = true));
  byId('abc-apply').addEventListener('click', () => {
    byId('abc').hidden = true;
    void reorder(proposal.map((c) => c.id));
  });
  byId('counts').addEventListener('submit', (event) => {
    event.preventDefault();
    const value = (id: string) => (byId<HTMLInputElement>(id).value === '' ? null : Number(byId<HTMLInputElement>(id).value));
    void act(() => api('PATCH', path, { ballotsIssued: value('issued'), ballotsCollected: value('collected') }), t('setup.saved'));
  });
  byId('progress-only').addEventListener('change', (event) => {
    const progressOnly = (event.target as HTMLInputElement).checked;
    void act(() => api('PUT', `/api/elections/${encodeURIComponent(election.id)}/display`, { progressOnly }), t('setup.saved'));
  });
  byId('entry-mode').addEventListener('submit', (event) => {
    event.preventDefault();
    const mode = byId<HTMLSelectElement>('entry-mode-choice').value;
    void act(() => api('PUT', `${path}/entry-mode`, { mode }), t('setup.saved'));
  });
  byId('open').addEventListener('click', () => {
    const reason = byId<HTMLInputElement>('open-decision').value.trim();
    void act(() => api('POST', `${path}/transition`, { to: 'counting', reason }), t('round.opened'));
  });
  byId('attendance').addEventListener('submit', (event) => {
    event.preventDefault();
    void act(() => api('PUT', `${path}/attendance`, { present: Number(byId<HTMLInputElement>('present').value) }), t('setup.saved'));
  });
  byId('alternates-ballot-open').addEventListener('click', () => {
    void act(async () => {
      const opened = await api<{ id: string }>('POST', `/api/elections/${encodeURIComponent(election.id)}/rounds`, {});
      location.assign(`/round.html?round=${encodeURIComponent(opened.id)}`);
    }, t('round.alternatesBallotOpened'));
  });
  byId('close').addEventListener('click', () => void act(() => api('POST', `${path}/transition`, { to: 'counted' }), t('round.closed')));
  bindCertify(path, act);
  // The page listens before it shows anything: a click the moment it appears is never lost.
  await refresh();
  onLanguageChange(render);
}

void main();
