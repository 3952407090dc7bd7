import { api } from './api.js';
import { byId, h, param } from './dom.js';
import { onLanguageChange, t } from './i18n.js';
import { showError, startPage } from './page.js';
import type { Member } from './types.js';

/** Sign-in: choose yourself from the committee list, type your PIN; then on to the page asked for. */
async function main(): Promise<void> {
  await startPage();
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
      const session = await api<{ member: Member }>('POST', '/api/session', { memberId: select.value, pin: pin.value });
      const next = param('next');
      // Only a path of this site: never send a signed-in member elsewhere.
      const home = session.member.role === 'setup' ? '/setup.html' : '/';
      location.assign(next && next.startsWith('/') && !next.startsWith('//') ? next : home);
    } catch (e) {
      pin.value = '';
      showError(e);
    }
  });
}

void main();
