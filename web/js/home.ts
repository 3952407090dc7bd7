import { api, ApiError } from './api.js';
import { byId, h } from './dom.js';
import { onLanguageChange, t } from './i18n.js';
import { showError, showNotice, startPage } from './page.js';
import type { Congress, ElectionWithRounds } from './types.js';

interface PinLock {
  memberId: string;
  name: string;
  address: string;
  lockedUntil: string;
}

/** For the head: the computers locked out of a member by wrong PINs, each member with an unlock button. */
async function showLocks(): Promise<void> {
  const locks = await api<PinLock[]>('GET', '/api/members/locks');
  byId('locks').hidden = false;
  byId('no-locks').hidden = locks.length > 0;
  const shown = new Set<string>();
  byId('lock-rows').replaceChildren(
    ...locks.map((lock) => {
      const first = !shown.has(lock.memberId);
      shown.add(lock.memberId);
      const unlock = h('button', { type: 'button', 'data-member': lock.memberId }, t('home.unlock'));
      unlock.addEventListener('click', async () => {
        try {
          await api('POST', `/api/members/${encodeURIComponent(lock.memberId)}/unlock`);
          showNotice(t('home.unlocked', { name: lock.name }));
          await showLocks();
        } catch (e) {
          showError(e);
        }
      });
      return h('tr', {}, h('td', {}, lock.name), h('td', {}, lock.address), h('td', {}, new Date(lock.lockedUntil).toLocaleTimeString('vi-VN')), h('td', {}, first ? unlock : ''));
    }),
  );
}

/** The start page: the congress, its elections and rounds, and the page for each step. */
async function main(): Promise<void> {
  const session = await startPage();
  byId('sign-in').hidden = session !== null;
  try {
    byId('congress-name').textContent = (await api<Congress>('GET', '/api/congress')).name;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) byId('no-congress').hidden = false;
    else showError(e);
  }
  const elections = await api<ElectionWithRounds[]>('GET', '/api/elections');
  const render = () =>
    byId('elections').replaceChildren(
      ...elections.flatMap((e) =>
        e.rounds.map((r) => {
          const q = `round=${encodeURIComponent(r.id)}`;
          return h(
            'tr',
            {},
            h('td', {}, e.title),
            h('td', {}, t('round.number', { number: r.number })),
            h('td', {}, t(`state.${r.state}`)),
            h(
              'td',
              {},
              h(
                'div',
                { class: 'row-actions' },
                h('a', { href: `/round.html?${q}` }, t('home.list')),
                h('a', { href: `/enter.html?${q}` }, t('home.enter')),
                h('a', { href: `/display.html?${q}` }, t('home.display')),
                h('a', { href: `/results.html?election=${encodeURIComponent(e.id)}` }, t('home.results')),
              ),
            ),
          );
        }),
      ),
    );
  render();
  onLanguageChange(render);
  if (session?.member.role === 'head') await showLocks().catch(showError);
}

void main();
