import { api, rememberCsrf } from './api.js';
import { byId, h, param } from './dom.js';
import { onLanguageChange, t } from './i18n.js';
import { showError, startPage } from './page.js';
import type { Member } from './types.js';

/** Only a path of this site: never send a signed-in member elsewhere. */
function goOn(member: Member): void {
  const next = param('next');
  const home = member.role === 'setup' ? '/setup.html' : '/';
  location.assign(next && next.startsWith('/') && !next.startsWith('//') ? next : home);
}

/**
 * A PIN set by the setup account: its owner chooses their own before anything else, then is signed
 * in again with it (changing a PIN ends the member's sessions).
 */
function askForNewPin(member: Member, currentPin: string): void {
  byId('signin').hidden = true;
  const form = byId<HTMLFormElement>('change-pin');
  form.hidden = false;
  const current = byId<HTMLInputElement>('current-pin');
  current.value = currentPin;
  byId<HTMLInputElement>(currentPin ? 'new-pin' : 'current-pin').focus();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const newPin = byId<HTMLInputElement>('new-pin').value;
    if (newPin !== byId<HTMLInputElement>('repeat-pin').value) {
      showError(t('signin.pinMismatch'));
      return;
    }
    try {
      await api('PUT', `/api/members/${encodeURIComponent(member.id)}/pin`, { currentPin: current.value, newPin });
      const session = await api<{ member: Member; csrfToken: string }>('POST', '/api/session', { memberId: member.id, pin: newPin });
      goOn(session.member);
    } catch (e) {
      showError(e);
    }
  });
}

/** Sign-in: choose yourself from the committee list, type your PIN; then on to the page asked for. */
async function main(): Promise<void> {
  const signedIn = await startPage();
  if (signedIn?.member.mustChangePin) {
    askForNewPin(signedIn.member, '');
    return;
  }
  const select = byId<HTMLSelectElement>('member');
  const members = await api<Member[]>('GET', '/api/members');
  byId('no-congress').hidden = members.length > 0;
  const fill = () => {
    const chosen = select.value;
    select.replaceChildren(...members.map((m) => h('option', { value: m.id }, `${m.name} — ${t(`role.${m.role}`)}`)));
    if (chosen) select.value = chosen;
  };
  fill();
  onLanguageChange(fill);
  byId('signin').addEventListener('submit', async (event) => {
    event.preventDefault();
    const pin = byId<HTMLInputElement>('pin');
    try {
      const session = await api<{ member: Member; csrfToken: string }>('POST', '/api/session', { memberId: select.value, pin: pin.value });
      rememberCsrf(session.csrfToken);
      if (session.member.mustChangePin) askForNewPin(session.member, pin.value);
      else goOn(session.member);
    } catch (e) {
      pin.value = '';
      showError(e);
    }
  });
}

void main();
