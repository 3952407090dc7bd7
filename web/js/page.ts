import { api, ApiError, rememberCsrf } from './api.js';
import { watchBackups } from './backup-status.js';
import { byId } from './dom.js';
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
  // A PIN set by the setup account is changed before anything else (the sign-in page asks for it).
  const mustChange = session?.member.mustChangePin === true && location.pathname !== '/signin.html';
  if (mustChange || (opts.roles && (!session || !opts.roles.includes(session.member.role)))) {
    location.assign(`/signin.html?next=${encodeURIComponent(location.pathname + location.search)}`);
    return new Promise<never>(() => undefined);
  }
  // The committee's pages (never the projector's) say when the server's backups fail.
  if (opts.roles && session) watchBackups();
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
  return session;
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
