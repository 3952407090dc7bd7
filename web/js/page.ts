import { api, ApiError, rememberCsrf } from './api.js';
import { watchBackups } from './backup-status.js';
import { byId, h } from './dom.js';
import { loadMessages, t, toggleLanguage } from './i18n.js';
import type { MemberRole, SessionInfo } from './types.js';

/**
 * What every page does first: messages in the remembered language, the language toggle, and who is
 * signed in (with the CSRF token). A page for the committee sends the visitor to sign in first.
 */
export async function startPage(opts: { roles?: MemberRole[] } = {}): Promise<SessionInfo | null> {
  await loadMessages();
  document.getElementById('lang-toggle')?.addEventListener('click', () => void toggleLanguage());
  let session: SessionInfo | null = null;
  try {
    session = await api<SessionInfo>('GET', '/api/session');
    rememberCsrf(session.csrfToken);
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) throw e;
  }
  const here = location.pathname + location.search;
  // A PIN set by the setup account is changed before anything else (the sign-in page asks for it).
  const mustChange = session?.member.mustChangePin === true && location.pathname !== '/signin.html';
  if (mustChange || (opts.roles && !session)) {
    location.assign(`/signin.html?next=${encodeURIComponent(here)}`);
    return new Promise<never>(() => undefined);
  }
  showWho(session);
  if (opts.roles && session && !opts.roles.includes(session.member.role)) {
    // Signed in, but in a role this page is not for: say who may use it (signing in again would loop).
    const roles = opts.roles.map((r) => t(`role.${r}`)).join(', ');
    const main = document.querySelector('main')!;
    main.className = 'page';
    main.replaceChildren(
      h(
        'div',
        { id: 'not-for-role', class: 'message warn', role: 'alert' },
        h('p', {}, t('page.notForRole', { roles, name: session.member.name, role: t(`role.${session.member.role}`) })),
        h('p', { class: 'row-actions' }, h('a', { href: `/signin.html?next=${encodeURIComponent(here)}` }, t('page.signInAsOther')), h('a', { href: '/' }, t('nav.home'))),
      ),
    );
    return new Promise<never>(() => undefined);
  }
  // The committee's pages (never the projector's) say when the server's backups fail.
  if (opts.roles && session) watchBackups();
  return session;
}

function showWho(session: SessionInfo | null): void {
  const who = document.getElementById('who');
  if (who && session) {
    who.textContent = `${session.member.name} · ${t(`role.${session.member.role}`)}`;
    const out = document.getElementById('sign-out');
    out?.removeAttribute('hidden');
    out?.addEventListener('click', async () => {
      await api('DELETE', '/api/session');
      location.assign('/');
    });
  }
}

/** Shows a refusal or failure in the page's message area. */
export function showError(e: unknown, target = byId('message')): void {
  target.textContent = e instanceof ApiError ? e.text() : String(e);
  target.className = 'message error';
  target.removeAttribute('hidden');
}

export function showNotice(text: string, target = byId('message')): void {
  target.textContent = text;
  target.className = 'message ok';
  target.removeAttribute('hidden');
}
