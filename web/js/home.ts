import { api, ApiError } from './api.js';
import { byId, h } from './dom.js';
import { onLanguageChange, t } from './i18n.js';
import { showError, startPage } from './page.js';
import type { Congress, ElectionWithRounds } from './types.js';

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
              { class: 'row-actions' },
              h('a', { href: `/round.html?${q}` }, t('home.list')),
              h('a', { href: `/enter.html?${q}` }, t('home.enter')),
              h('a', { href: `/display.html?${q}` }, t('home.display')),
              h('a', { href: `/results.html?election=${encodeURIComponent(e.id)}` }, t('home.results')),
            ),
          );
        }),
      ),
    );
  render();
  onLanguageChange(render);
}

void main();
