import { api } from './api.js';
import { byId } from './dom.js';
import { t } from './i18n.js';
import { showError } from './page.js';
import type { CertificationInfo, DisplayTally, ElectionWithRounds, RoundDetail, SessionInfo } from './types.js';

/**
 * The head's last steps on a counted round: reopen it (with a reason, logged) or certify it. A tie or
 * unfilled seats certify only once the congress has decided: a next round opened on the results page,
 * or its decision to stop, recorded here. A certified round shows who certified, when, the file's
 * short code and the way to the minutes, the signed file and the verify page.
 */

export interface CertifyView {
  round: RoundDetail;
  election: ElectionWithRounds;
  session: SessionInfo;
  /** The round's tally while it is counted. */
  tally: DisplayTally | null;
  certification: CertificationInfo | null;
  /** false: the congress may not stop here (a delegation short after round 1, Điều 20.2): the next round is required. */
  mayStop: boolean;
}

/** complete: certify as is; next: the congress decided on a next round; stop: its decision to stop is needed. */
type CertifyMode = 'complete' | 'next' | 'stop';
let mode: CertifyMode = 'complete';

export async function loadCertifyFacts(round: RoundDetail): Promise<Pick<CertifyView, 'tally' | 'certification'>> {
  const path = `/api/rounds/${encodeURIComponent(round.id)}`;
  return {
    tally: round.state === 'counted' ? await api<DisplayTally>('GET', `${path}/tally`) : null,
    certification: round.state === 'certified' ? await api<CertificationInfo>('GET', `${path}/certification`) : null,
  };
}

function certifyExplanation(view: CertifyView): string {
  const { round, election, tally } = view;
  const result = tally && !tally.standingsHidden ? tally.result : null;
  const next = election.rounds.find((r) => r.number === round.number + 1);
  if (!result || result.outcome === 'complete') {
    mode = 'complete';
    return t('round.certifyComplete');
  }
  if (next) {
    mode = 'next';
    return t('round.certifyNext', { number: next.number, decision: next.decision });
  }
  mode = 'stop';
  if (!view.mayStop) return t('round.mustContinue');
  return t(`round.undecided.${result.outcome}`, { tied: result.tied.length, seats: result.seatsAtStake, unfilled: result.unfilledSeats, alternates: result.unfilledAlternates });
}

/**
 * The date and time in Vietnam, as the minutes write them (27/11/2026 and 18:48), whatever zone the
 * browser's computer is set to. Vietnam keeps UTC+7 all year (no daylight saving): a fixed offset.
 */
function when(iso: string): { date: string; time: string } {
  const d = new Date(Date.parse(iso) + 7 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return { date: `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`, time: `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}` };
}

export function renderCertify(view: CertifyView): void {
  const { round, election, session, certification } = view;
  const headOnCounted = session.member.role === 'head' && round.state === 'counted';
  byId('reopen').hidden = !headOnCounted;
  byId('certify').hidden = !headOnCounted;
  if (headOnCounted) {
    byId('certify-explain').textContent = certifyExplanation(view);
    // A required next round is never offered a stop: only the way to open it (results page).
    byId('certify-stop').hidden = mode !== 'stop' || !view.mayStop;
    byId('certify-start').hidden = mode === 'stop' && !view.mayStop;
    byId<HTMLAnchorElement>('to-offer').href = `/results.html?election=${encodeURIComponent(election.id)}`;
    byId('certify-start').textContent = t(mode === 'stop' ? 'round.certifyStop' : 'round.certify');
  }
  byId('certified').hidden = !certification;
  if (!certification) return;
  const q = encodeURIComponent(round.id);
  byId('certified-by').textContent = t('round.certifiedBy', { name: certification.certifiedBy.name, role: t(`role.${certification.certifiedBy.role}`), ...when(certification.certifiedAt) });
  const decision = byId('certified-decision');
  decision.hidden = certification.decision === '';
  decision.textContent = t(certification.stopped ? 'round.decisionStop' : 'round.decision', { decision: certification.decision });
  byId('short-code').textContent = certification.shortCode;
  byId('key-code').textContent = certification.keyShortCode;
  byId<HTMLAnchorElement>('to-minutes').href = `/print/rounds/${q}/minutes`;
  byId<HTMLAnchorElement>('to-results-file').href = `/api/rounds/${q}/results-file`;
}

/** Wires the reopen and certify forms; `act` runs a change, shows its notice or refusal, and refreshes. */
export function bindCertify(roundPath: string, act: (change: () => Promise<unknown>, notice?: string) => Promise<void>): void {
  const reason = byId<HTMLInputElement>('reopen-reason');
  byId('reopen').addEventListener('submit', (event) => {
    event.preventDefault();
    if (reason.value.trim() === '') {
      showError(t('round.reopenReasonRequired'));
      reason.focus();
      return;
    }
    void act(async () => {
      await api('POST', `${roundPath}/transition`, { to: 'counting', reason: reason.value.trim() });
      reason.value = '';
    }, t('round.reopened'));
  });
  const decision = byId<HTMLTextAreaElement>('stop-decision');
  const confirm = byId('certify-confirm');
  byId('certify-start').addEventListener('click', () => {
    if (mode === 'stop' && decision.value.trim() === '') {
      showError(t('round.stopDecisionRequired'));
      decision.focus();
      return;
    }
    byId('message').hidden = true;
    confirm.hidden = false;
    byId('certify-yes').focus();
  });
  byId('certify-no').addEventListener('click', () => {
    confirm.hidden = true;
    byId('certify-start').focus();
  });
  byId('certify-yes').addEventListener('click', () => {
    confirm.hidden = true;
    const body = mode === 'stop' ? { stop: true, decision: decision.value.trim() } : {};
    void act(() => api('POST', `${roundPath}/certify`, body), t('round.certifiedNotice'));
  });
}
