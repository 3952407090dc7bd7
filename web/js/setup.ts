import { baseOf, ELECTION_KINDS, thresholdOf } from '../../src/domain/index.js';
import { api, ApiError } from './api.js';
import { byId, h } from './dom.js';
import { onLanguageChange, t } from './i18n.js';
import { showError, showNotice, startPage } from './page.js';
import type { Congress, ElectionWithRounds, Member } from './types.js';

/**
 * Setting up the congress (on a fresh database: created together with its technical secretary),
 * the counting committee and the elections. Each election's list and ballots are on round.html.
 */

const form = byId<HTMLFormElement>('congress');
const field = (name: string) => byId<HTMLInputElement>(`c-${name}`);
let congress: Congress | null = null;

function congressInput() {
  const number = (name: string) => Number(field(name).value);
  const date = (name: string) => field(name).value || null;
  return {
    name: field('name').value,
    organisation: field('organisation').value,
    kind: byId<HTMLSelectElement>('c-kind').value,
    convened: number('convened'),
    excluded: number('excluded'),
    excludedReason: field('excludedReason').value,
    place: field('place').value,
    startsOn: date('startsOn'),
    endsOn: date('endsOn'),
  };
}

function showCongress(): void {
  byId('secretary').hidden = congress !== null;
  byId('after-congress').hidden = congress === null;
  if (!congress) return;
  for (const name of ['name', 'organisation', 'convened', 'excluded', 'excludedReason', 'place'] as const) field(name).value = String(congress[name]);
  field('startsOn').value = congress.startsOn ?? '';
  field('endsOn').value = congress.endsOn ?? '';
  byId<HTMLSelectElement>('c-kind').value = congress.kind;
  // The base and the threshold as the count decides them (Điều 30), from the one rule in src/domain.
  const base = baseOf(congress);
  byId('base-line').textContent = t('setup.baseLine', { base, threshold: thresholdOf(base) });
}

/** The committee changes only before the first count opens (the API refuses after): its buttons go then. */
let committeeOpen = true;

function memberActions(m: Member) {
  const rename = h('button', { type: 'button', class: 'rename' }, t('setup.rename'));
  rename.addEventListener('click', () => {
    const name = prompt(t('setup.renamePrompt', { name: m.name }), m.name)?.trim();
    if (name && name !== m.name) void act(() => api('PATCH', `/api/members/${m.id}`, { name }), async () => {
      showNotice(t('setup.renamed', { name }));
      await refreshMembers();
    });
  });
  const pin = h('button', { type: 'button', class: 'reset-pin' }, t('setup.resetPin'));
  pin.addEventListener('click', () => {
    const newPin = prompt(t('setup.resetPinPrompt', { name: m.name }))?.trim();
    if (newPin) void act(() => api('PUT', `/api/members/${m.id}/pin`, { newPin }), async () => showNotice(t('setup.pinReset', { name: m.name })));
  });
  const remove = h('button', { type: 'button', class: 'remove' }, t('setup.remove'));
  remove.addEventListener('click', () => {
    if (confirm(t('setup.removeConfirm', { name: m.name }))) void act(() => api('DELETE', `/api/members/${m.id}`), refreshMembers);
  });
  return h('div', { class: 'row-actions' }, rename, pin, remove);
}

async function refreshMembers(): Promise<void> {
  const members = await api<Member[]>('GET', '/api/members');
  byId('members').replaceChildren(...members.map((m) => h('tr', {}, h('td', {}, m.name), h('td', {}, t(`role.${m.role}`)), h('td', {}, committeeOpen ? memberActions(m) : null))));
  byId('add-member').hidden = !committeeOpen;
  byId('committee-fixed').hidden = committeeOpen;
}

async function refreshElections(): Promise<void> {
  const elections = await api<ElectionWithRounds[]>('GET', '/api/elections');
  committeeOpen = elections.every((e) => e.rounds.every((r) => r.state === 'setup'));
  byId('elections').replaceChildren(
    ...elections.map((e) =>
      h(
        'tr',
        {},
        h('td', {}, `${e.title} (${t(`kind.${e.kind}`)})`),
        h('td', { class: 'num' }, e.seats),
        h('td', { class: 'num' }, e.alternates),
        h('td', {}, h('div', { class: 'row-actions' }, ...e.rounds.map((r) => h('a', { href: `/round.html?round=${encodeURIComponent(r.id)}` }, `${t('round.number', { number: r.number })}: ${t('home.list')}`)))),
      ),
    ),
  );
}

/** Runs a change; a refusal is shown, nothing else happens. */
async function act(change: () => Promise<unknown>, then: () => Promise<void>): Promise<void> {
  try {
    await change();
    byId('message').hidden = true;
    await then();
  } catch (e) {
    showError(e);
  }
}

async function main(): Promise<void> {
  try {
    congress = await api<Congress>('GET', '/api/congress');
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404)) throw e;
  }
  // A fresh database has nobody to sign in as: the congress is created with its secretary.
  await startPage(congress ? { roles: ['setup'] } : {});
  byId<HTMLSelectElement>('e-kind').replaceChildren(...ELECTION_KINDS.map((k) => h('option', { value: k, 'data-i18n': `kind.${k}` }, t(`kind.${k}`))));
  showCongress();
  onLanguageChange(() => {
    showCongress();
    if (congress) void refreshElections().then(refreshMembers);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (congress) {
      void act(async () => (congress = await api<Congress>('PATCH', '/api/congress', congressInput())), async () => {
        showCongress();
        showNotice(t('setup.saved'));
      });
    } else {
      const secretary = { name: byId<HTMLInputElement>('s-name').value, pin: byId<HTMLInputElement>('s-pin').value };
      void act(async () => (congress = (await api<{ congress: Congress }>('POST', '/api/congress', { ...congressInput(), secretary })).congress), async () => {
        location.reload();
      });
    }
  });
  byId('add-member').addEventListener('submit', (event) => {
    event.preventDefault();
    const body = { name: byId<HTMLInputElement>('m-name').value, role: byId<HTMLSelectElement>('m-role').value, pin: byId<HTMLInputElement>('m-pin').value };
    void act(() => api('POST', '/api/members', body), async () => {
      byId<HTMLFormElement>('add-member').reset();
      await refreshMembers();
    });
  });
  byId('add-election').addEventListener('submit', (event) => {
    event.preventDefault();
    const body = {
      kind: byId<HTMLSelectElement>('e-kind').value,
      title: byId<HTMLInputElement>('e-title').value,
      seats: Number(byId<HTMLInputElement>('e-seats').value),
      alternates: Number(byId<HTMLInputElement>('e-alternates').value || 0),
    };
    void act(() => api('POST', '/api/elections', body), async () => {
      byId<HTMLFormElement>('add-election').reset();
      await refreshElections();
    });
  });
  if (congress) {
    await refreshElections();
    await refreshMembers();
  }
}

void main();
