import { baseOf, ELECTION_KINDS, thresholdOf } from '../../src/domain/index.js';
import { api, ApiError } from './api.js';
import { byId, h } from './dom.js';
import { onLanguageChange, t } from './i18n.js';
import { showError, showNotice, startPage } from './page.js';
import type { Body, Congress, ElectionWithRounds, Member } from './types.js';

/**
 * Setting up the congress (on a fresh database: created together with its technical secretary),
 * the counting committee, the voting bodies (the congress and the conferences of its new
 * committees) and the elections, each with its body and, with alternates, how they are elected.
 * Each election's list and ballots are on round.html.
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

let bodies: Body[] = [];
let elections: ElectionWithRounds[] = [];

const bodyLabel = (b: Body) => (b.kind === 'congress' ? t('body.congress') : b.name);

/** A select whose change is saved at once (keyboard: Tab to it, arrows to choose). */
function savedSelect(options: [string, string][], value: string, label: string, save: (value: string) => Promise<unknown>, disabled: boolean): HTMLSelectElement {
  const select = h('select', { 'aria-label': label }, ...options.map(([v, text]) => h('option', { value: v }, text)));
  select.value = value;
  select.disabled = disabled;
  select.addEventListener('change', () => void act(() => save(select.value), refreshAll));
  return select;
}

async function refreshBodies(): Promise<void> {
  bodies = await api<Body[]>('GET', '/api/bodies');
  byId('bodies').replaceChildren(
    ...bodies.map((b) => {
      const remove = b.kind === 'congress' ? null : h('button', { type: 'button' }, t('setup.remove'));
      remove?.addEventListener('click', () => void act(() => api('DELETE', `/api/bodies/${b.id}`), refreshAll));
      const figures = t('setup.bodyLine', { convened: b.convened, excluded: b.excluded, base: baseOf(b) }) + (b.excludedReason ? ` (${b.excludedReason})` : '');
      return h('tr', {}, h('td', {}, bodyLabel(b)), h('td', {}, t(`body.${b.kind}`)), h('td', {}, figures), h('td', {}, remove));
    }),
  );
  byId<HTMLSelectElement>('e-body').replaceChildren(...bodies.map((b) => h('option', { value: b.id }, bodyLabel(b))));
}

async function refreshElections(): Promise<void> {
  elections = await api<ElectionWithRounds[]>('GET', '/api/elections');
  committeeOpen = elections.every((e) => e.rounds.every((r) => r.state === 'setup'));
  // A conference's members can be taken from the committee an election elected.
  byId<HTMLSelectElement>('b-from').replaceChildren(
    h('option', { value: '' }, t('setup.fromElectionNone')),
    ...elections.filter((e) => e.kind === 'executive_committee' || e.kind === 'inspection_committee').map((e) => h('option', { value: e.id }, e.title)),
  );
  byId('elections').replaceChildren(
    ...elections.map((e) => {
      // Body and method are chosen before counting: the server refuses them once round 1 has left setup.
      const fixed = e.rounds.length > 1 || e.rounds[0]?.state !== 'setup';
      const patch = (body: object) => api('PATCH', `/api/elections/${e.id}`, body);
      const body = savedSelect(bodies.map((b) => [b.id, bodyLabel(b)]), e.bodyId, t('setup.electionBody'), (bodyId) => patch({ bodyId }), fixed);
      const method =
        e.alternates > 0
          ? savedSelect(['separate', 'one_ballot'].map((m) => [m, t(`method.${m}`)]), e.alternatesMethod ?? 'one_ballot', t('setup.alternatesMethod'), (alternatesMethod) => patch({ alternatesMethod }), fixed)
          : null;
      return h(
        'tr',
        {},
        h('td', {}, `${e.title} (${t(`kind.${e.kind}`)})`),
        h('td', { class: 'num' }, e.seats),
        h('td', { class: 'num' }, e.alternates),
        h('td', {}, body),
        h('td', {}, method),
        h('td', {}, h('div', { class: 'row-actions' }, ...e.rounds.map((r) => h('a', { href: `/round.html?round=${encodeURIComponent(r.id)}` }, `${t('round.number', { number: r.number })}: ${t('home.list')}`)))),
      );
    }),
  );
}

async function refreshAll(): Promise<void> {
  await refreshBodies();
  await refreshElections();
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
    // The committee's buttons depend on whether counting has begun: read the elections first.
    if (congress) void refreshAll().then(refreshMembers);
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
      bodyId: byId<HTMLSelectElement>('e-body').value,
    };
    const withMethod = body.alternates > 0 ? { ...body, alternatesMethod: byId<HTMLSelectElement>('e-method').value } : body;
    void act(() => api('POST', '/api/elections', withMethod), async () => {
      byId<HTMLFormElement>('add-election').reset();
      await refreshAll();
    });
  });
  byId('add-body').addEventListener('submit', (event) => {
    event.preventDefault();
    const from = byId<HTMLSelectElement>('b-from').value;
    const convened = byId<HTMLInputElement>('b-convened').value;
    const body = {
      kind: byId<HTMLSelectElement>('b-kind').value,
      name: byId<HTMLInputElement>('b-name').value,
      excluded: Number(byId<HTMLInputElement>('b-excluded').value || 0),
      excludedReason: byId<HTMLInputElement>('b-excludedReason').value,
      ...(from ? { fromElectionId: from } : convened ? { convened: Number(convened) } : {}),
    };
    void act(() => api('POST', '/api/bodies', body), async () => {
      byId<HTMLFormElement>('add-body').reset();
      await refreshAll();
    });
  });
  // Members taken from an election: their number is that election's, not typed.
  byId('b-from').addEventListener('change', () => (byId<HTMLInputElement>('b-convened').disabled = byId<HTMLSelectElement>('b-from').value !== ''));
  if (congress) {
    await refreshAll();
    await refreshMembers();
  }
}

void main();
