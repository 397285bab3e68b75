/*
 * app.js - the analyst's web interface over the Kordon HTTP API (plain
 * JavaScript, no library, no build step). Hash routes:
 *
 *   #/search          search and screen (POST /match/{scope}), as you type
 *   #/entity/ID       one listed entity, properties grouped (GET /entities)
 *   #/alerts          the alert queue (GET /alerts), sort and filter
 *   #/alert/ID        both sides, history, decision (POST .../decision)
 *   #/scan            text and message screening (POST /scan)
 *   #/audit           audit records, chain status, export (GET /audit)
 *   #/lists           the loaded lists (GET /catalog, /readyz)
 *
 * Sign-in: the API key is kept in sessionStorage and sent as
 * "Authorization: ApiKey <key>". A server without keys, or a reverse
 * proxy that adds the header itself, lets /whoami through without one,
 * and no key is asked for. All text from the server reaches the page
 * through textContent (the h() helper), never as HTML.
 */
'use strict';

const KEY = 'kordon.apikey';
const state = { user: null, auth: null, catalog: null, queue: null };
const main = document.getElementById('main');

/* ---- small helpers ------------------------------------------------------- */

function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const k of kids.flat(Infinity)) {
    if (k == null || k === false) continue;
    el.append(k instanceof Node ? k : String(k));
  }
  return el;
}

function show(...nodes) {
  main.replaceChildren(...nodes);
}

let flashTimer = 0;
function flash(msg) {
  const f = document.getElementById('flash');
  f.textContent = msg;
  clearTimeout(flashTimer);
  flashTimer = setTimeout(() => { f.textContent = ''; }, 6000);
}

class ApiError extends Error {
  constructor(status, detail) {
    super(detail || ('HTTP ' + status));
    this.status = status;
  }
}

async function api(path, opts = {}) {
  const headers = Object.assign({}, opts.headers || {});
  const key = sessionStorage.getItem(KEY);
  if (key) headers.Authorization = 'ApiKey ' + key;
  const res = await fetch(path, Object.assign({}, opts, { headers }));
  if (res.status === 401 && !opts.noLogin) {
    sessionStorage.removeItem(KEY);
    login('Your key was not accepted; sign in again.');
    throw new ApiError(401, 'sign-in needed');
  }
  if (opts.raw) {
    if (!res.ok) throw new ApiError(res.status, await res.text());
    return res;
  }
  let body = null;
  try { body = await res.json(); } catch (e) { body = null; }
  if (!res.ok) throw new ApiError(res.status, body && body.detail);
  return body;
}

function errorBox(e) {
  return h('p', { class: 'error', role: 'alert' }, e.message || String(e));
}

function pct(score) {
  return Math.round(score * 100) + '%';
}

function scoreCell(score) {
  return h('span', {}, h('span', { class: 'score' }, score.toFixed(2)),
    h('span', { class: 'bar', 'aria-hidden': 'true' },
      h('i', { style: 'width:' + pct(Math.max(0, Math.min(1, score))) })));
}

function matchBadge(match) {
  return match ? h('span', { class: 'badge match' }, '● Match')
    : h('span', { class: 'badge nomatch' }, '○ No match');
}

const regionNames = (() => {
  try { return new Intl.DisplayNames(['en'], { type: 'region' }); } catch (e) { return null; }
})();
function countryName(v) {
  if (!v) return v;
  if (regionNames && /^[a-z]{2}$/i.test(v)) {
    try {
      const n = regionNames.of(v.toUpperCase());
      if (n && n !== v.toUpperCase()) return n + ' (' + v.toLowerCase() + ')';
    } catch (e) { /* not a region code */ }
  }
  return v;
}
function countryKey(v) {
  if (!v) return '';
  if (regionNames && /^[a-z]{2}$/i.test(v)) {
    try { return regionNames.of(v.toUpperCase()).toLowerCase(); } catch (e) { /* fall through */ }
  }
  return v.trim().toLowerCase();
}

/* Names in another script than Latin are labelled with the script. */
const SCRIPTS = [['Cyrillic', /\p{Script=Cyrillic}/u], ['Arabic', /\p{Script=Arabic}/u],
  ['Chinese', /\p{Script=Han}/u], ['Greek', /\p{Script=Greek}/u], ['Hebrew', /\p{Script=Hebrew}/u],
  ['Korean', /\p{Script=Hangul}/u], ['Japanese', /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ['Georgian', /\p{Script=Georgian}/u], ['Armenian', /\p{Script=Armenian}/u],
  ['Thai', /\p{Script=Thai}/u], ['Devanagari', /\p{Script=Devanagari}/u]];
function nameNode(v) {
  const s = SCRIPTS.find(([, re]) => re.test(v));
  return h('span', {}, h('bdi', { dir: 'auto', lang: s ? null : null }, v),
    s ? h('span', { class: 'script' }, s[0]) : null);
}

function listTitle(id) {
  const c = state.catalog;
  const d = c && c.datasets.find((x) => x.id === id);
  return d ? d.title : id;
}

function listBadges(ids) {
  return (ids || []).map((id) => h('span', { class: 'badge list', title: listTitle(id) }, id));
}

async function catalog() {
  if (!state.catalog) state.catalog = await api('/catalog');
  return state.catalog;
}

/* ---- explanations in words ------------------------------------------------- */

const RULES = {
  exact: 'spelled the same',
  initial: 'an initial of it',
  skeleton: 'the same sounds (transliteration)',
  edit: 'a small spelling difference',
  'skeleton+edit': 'similar sounds with a small spelling difference',
};

/* "'lawrow'~'lavrov' skeleton, 'sergej'" -> readable parts */
function nameParts(detail) {
  const out = [];
  const re = /'([^']*)'(?:~'([^']*)' ([a-z+]+))?/g;
  let m;
  while ((m = re.exec(detail)) !== null) {
    if (m[2] === undefined) out.push(`“${m[1]}” (${RULES.exact})`);
    else out.push(`“${m[1]}” ≈ “${m[2]}” (${RULES[m[3]] || m[3]})`);
  }
  return out.length ? out.join('; ') : detail;
}

const FEATURES = {
  name_match: (d) => ['agree', 'Name parts met: ' + nameParts(d)],
  weak_alias_match: (d) => ['agree', 'Met a weak alias only: ' + nameParts(d)],
  coreference: (d) => ['agree', 'Refers back to a full name in the text: ' + d],
  dob_match: (d) => ['agree', 'Birth date agrees: ' + d.replace(/^born /, '')],
  dob_year_match: (d) => ['agree', 'Birth year agrees: ' + d.replace(/^born /, '')],
  dob_mismatch: (d) => ['conflict', 'Birth date conflicts: ' + d],
  country_match: (d) => ['agree', 'Country agrees: ' + countryName(d)],
  country_mismatch: (d) => ['conflict', 'Country conflicts: ' + d.replace(/[a-z]{2}\b/g, (c) => countryName(c))],
  identifier_match: (d) => ['agree', 'Identifier agrees: ' + d],
  number_mismatch: (d) => ['conflict', 'Numbers in the name differ: ' + d],
};

/* explanations as {name:{score,detail}} (/match) or [{name,weight,detail}] */
function explain(ex) {
  const items = Array.isArray(ex) ? ex.map((x) => [x.name, x.weight, x.detail])
    : Object.entries(ex || {}).map(([k, v]) => [k, v.score, v.detail]);
  return h('ul', { class: 'why' }, items.map(([name, w, d]) => {
    const f = FEATURES[name];
    const [cls, text] = f ? f(d || '') : ['', name + ': ' + (d || '')];
    return h('li', { class: cls }, text, h('span', { class: 'muted' }, ` (${w >= 0 ? '+' : ''}${Number(w).toFixed(2)})`));
  }));
}

/* ---- sign-in ------------------------------------------------------------- */

function login(msg) {
  document.getElementById('who').textContent = '';
  document.getElementById('logout').hidden = true;
  const input = h('input', { id: 'apikey', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', {
    onsubmit: async (ev) => {
      ev.preventDefault();
      sessionStorage.setItem(KEY, input.value.trim());
      await start();
    },
  }, h('label', { for: 'apikey' }, 'API key'), input,
  h('p', { class: 'muted' }, 'The key your administrator gave you. It is kept in this browser tab only.'),
  h('button', { type: 'submit' }, 'Sign in'));
  show(h('section', { class: 'login' }, h('h1', {}, 'Sign in to Kordon'),
    msg ? h('p', { class: 'error', role: 'alert' }, msg) : null, form));
  input.focus();
}

async function start() {
  let me;
  try {
    me = await api('/whoami', { noLogin: true });
  } catch (e) {
    if (e.status === 401) {
      login(sessionStorage.getItem(KEY) ? 'That key was not accepted.' : null);
      sessionStorage.removeItem(KEY);
      return;
    }
    show(errorBox(e));
    return;
  }
  state.user = me.user;
  state.auth = me.auth;
  const who = document.getElementById('who');
  who.textContent = me.user ? 'Signed in as ' + me.user
    : me.auth === 'open' ? 'Open server (no keys)' : 'Signed in (key names no reviewer)';
  document.getElementById('logout').hidden = !sessionStorage.getItem(KEY);
  route();
}

document.getElementById('logout').addEventListener('click', () => {
  sessionStorage.removeItem(KEY);
  state.catalog = null;
  login('Signed out.');
});

/* ---- routing ------------------------------------------------------------- */

const routes = [
  [/^#\/search$/, pageSearch, 'search'],
  [/^#\/entity\/(.+)$/, pageEntity, 'search'],
  [/^#\/alerts$/, pageAlerts, 'alerts'],
  [/^#\/alert\/(\d+)$/, pageAlert, 'alerts'],
  [/^#\/scan$/, pageScan, 'scan'],
  [/^#\/audit$/, pageAudit, 'audit'],
  [/^#\/lists$/, pageLists, 'lists'],
];

let pageKeys = null; /* the current page's keyboard handler */

function route() {
  if (state.auth === null) return;
  const hash = location.hash.split('?')[0] || '#/search';
  const q = new URLSearchParams(location.hash.split('?')[1] || '');
  pageKeys = null;
  for (const [re, fn, nav] of routes) {
    const m = hash.match(re);
    if (!m) continue;
    for (const a of document.querySelectorAll('[data-nav]')) {
      if (a.dataset.nav === nav) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    Promise.resolve(fn(decodeURIComponent(m[1] || ''), q)).catch((e) => {
      if (e.status !== 401) show(errorBox(e));
    });
    return;
  }
  location.hash = '#/search';
}
window.addEventListener('hashchange', route);
document.addEventListener('keydown', (ev) => {
  if (pageKeys) pageKeys(ev);
});

function inField(ev) {
  const t = ev.target;
  return t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT');
}

/* ---- search and screen ---------------------------------------------------- */

const SCHEMAS = ['Thing', 'Person', 'Organization', 'Company', 'LegalEntity', 'Vessel', 'Airplane'];
const searchState = { name: '', schema: 'Thing', birthDate: '', country: '', idNumber: '', scope: 'default' };

async function pageSearch() {
  const cat = await catalog().catch(() => ({ datasets: [] }));
  const field = (id, label, attrs, wide) => h('div', { class: wide ? 'wide' : null },
    h('label', { for: 'f-' + id }, label),
    h('input', Object.assign({ id: 'f-' + id, name: id, value: searchState[id] || '', autocomplete: 'off' }, attrs)));
  const schema = h('select', { id: 'f-schema', name: 'schema' },
    SCHEMAS.map((s) => h('option', { value: s, selected: s === searchState.schema }, s === 'Thing' ? 'Any' : s)));
  const scope = h('select', { id: 'f-scope', name: 'scope' },
    h('option', { value: 'default' }, 'All lists'),
    cat.datasets.filter((d) => d.type === 'source').map((d) =>
      h('option', { value: d.id, selected: d.id === searchState.scope }, d.title)));
  const status = h('p', { class: 'muted', id: 'search-status', 'aria-live': 'polite' });
  const list = h('ol', { class: 'results', id: 'results', 'aria-label': 'Results' });
  const form = h('form', { class: 'grid', role: 'search', onsubmit: (ev) => { ev.preventDefault(); run(0); } },
    field('name', 'Name (any script)', { type: 'search', placeholder: 'e.g. Sergej Lawrow' }, true),
    h('div', {}, h('label', { for: 'f-schema' }, 'Type'), schema),
    field('birthDate', 'Birth date', { placeholder: 'YYYY or YYYY-MM-DD', pattern: '\\d{4}(-\\d{2}(-\\d{2})?)?' }),
    field('country', 'Country', { placeholder: 'ru or Russia' }),
    field('idNumber', 'Identifier', { placeholder: 'passport, tax no.' }),
    h('div', { class: 'wide' }, h('label', { for: 'f-scope' }, 'Lists'), scope),
    h('div', {}, h('button', { type: 'submit' }, 'Screen')));
  show(h('h1', {}, 'Search and screen'), form, status, list);

  let timer = 0, ctrl = null, seq = 0;
  const read = () => {
    for (const k of ['name', 'birthDate', 'country', 'idNumber']) searchState[k] = form.elements[k].value.trim();
    searchState.schema = schema.value;
    searchState.scope = scope.value;
  };
  async function run(delay) {
    read();
    clearTimeout(timer);
    const typedAt = performance.now();
    timer = setTimeout(async () => {
      if (!searchState.name && !searchState.idNumber) {
        list.replaceChildren();
        status.textContent = 'Type a name or an identifier.';
        return;
      }
      if (ctrl) ctrl.abort();
      ctrl = new AbortController();
      const mine = ++seq;
      const props = {};
      props.name = searchState.name ? [searchState.name] : [];
      if (searchState.birthDate) props.birthDate = [searchState.birthDate];
      if (searchState.country) props.country = [searchState.country];
      if (searchState.idNumber) props.idNumber = [searchState.idNumber];
      const body = { queries: { q: { schema: searchState.schema, properties: props } } };
      let res;
      try {
        res = await api('/match/' + encodeURIComponent(searchState.scope) + '?limit=10&threshold=0.7&cutoff=0.5', {
          method: 'POST', body: JSON.stringify(body), signal: ctrl.signal,
          headers: { 'Content-Type': 'application/json' },
        });
      } catch (e) {
        if (e.name === 'AbortError') return;
        if (mine === seq) { list.replaceChildren(); status.replaceChildren(errorBox(e)); }
        return;
      }
      if (mine !== seq) return;
      renderResults(list, res.responses.q.results);
      const n = res.responses.q.results.length, m = res.responses.q.results.filter((r) => r.match).length;
      status.textContent = n ? `${n} result${n > 1 ? 's' : ''}, ${m} match${m === 1 ? '' : 'es'}` : 'No listed entity comes close: no match.';
      /* for the browser test: typing stopped -> results on screen */
      const ms = performance.now() - typedAt;
      performance.mark('kordon-search-rendered', { detail: { ms, q: searchState.name } });
      window.kordonLastSearchMs = ms;
      list.dataset.query = searchState.name;
    }, delay);
  }
  form.addEventListener('input', () => run(40));
  schema.addEventListener('change', () => run(0));
  scope.addEventListener('change', () => run(0));
  form.elements.name.focus();
  if (searchState.name) run(0);
}

function renderResults(list, results) {
  list.replaceChildren(...results.map((r) => h('li', {},
    h('div', { class: 'head' },
      h('a', { href: '#/entity/' + encodeURIComponent(r.id) }, nameNode(r.caption)),
      matchBadge(r.match), scoreCell(r.score), h('span', { class: 'muted' }, r.schema), listBadges(r.datasets)),
    explain(r.explanations))));
}

/* ---- the entity page --------------------------------------------------------- */

const GROUPS = [
  ['Names and aliases', ['name', 'alias', 'weakAlias', 'previousName', 'title', 'firstName', 'middleName',
    'secondName', 'fatherName', 'lastName']],
  ['Identity', ['gender', 'birthDate', 'birthPlace', 'birthCountry', 'deathDate', 'nationality', 'citizenship',
    'country', 'jurisdiction', 'position', 'incorporationDate', 'dissolutionDate', 'legalForm', 'sector',
    'flag', 'type', 'buildDate', 'model', 'owner', 'operator', 'notes']],
  ['Addresses', ['address', 'addressEntity', 'street', 'city', 'postalCode', 'region', 'email', 'phone', 'website']],
  ['Identifiers', ['idNumber', 'passportNumber', 'taxNumber', 'registrationNumber', 'vatCode', 'innCode',
    'ogrnCode', 'leiCode', 'swiftBic', 'imoNumber', 'mmsi', 'callSign', 'registrationNumber', 'serialNumber',
    'issueDate', 'expirationDate']],
  ['Sanctions', ['program', 'authority', 'listingDate', 'startDate', 'endDate', 'reason', 'provisions',
    'unscId', 'topics', 'summary']],
  ['Sources', ['sourceUrl', 'publisher', 'modifiedAt', 'createdAt']],
];
const LABELS = {
  name: 'Name', alias: 'Alias', weakAlias: 'Weak alias', previousName: 'Previous name', firstName: 'First name',
  middleName: 'Middle name', secondName: 'Second name', fatherName: 'Patronymic', lastName: 'Last name',
  birthDate: 'Birth date', birthPlace: 'Birth place', birthCountry: 'Birth country', deathDate: 'Death date',
  idNumber: 'ID number', passportNumber: 'Passport', taxNumber: 'Tax number', registrationNumber: 'Registration no.',
  imoNumber: 'IMO number', listingDate: 'Listed on', sourceUrl: 'Source', program: 'Programme',
  authority: 'Authority', incorporationDate: 'Incorporated', buildDate: 'Built', issueDate: 'Issued',
  expirationDate: 'Expires', swiftBic: 'SWIFT/BIC', innCode: 'INN', ogrnCode: 'OGRN', leiCode: 'LEI',
};
const COUNTRY_PROPS = new Set(['country', 'nationality', 'citizenship', 'birthCountry', 'jurisdiction', 'flag']);
const NAME_PROPS = new Set(GROUPS[0][1]);
const label = (p) => LABELS[p] || p.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());

function value(p, v) {
  if (NAME_PROPS.has(p)) return nameNode(v);
  if (COUNTRY_PROPS.has(p)) return countryName(v);
  if (p === 'sourceUrl' || p === 'website') return /^https?:\/\//.test(v) ? h('a', { href: v, rel: 'noreferrer' }, v) : v;
  return h('bdi', { dir: 'auto' }, v);
}

function propList(props, keys, mark) {
  const dl = h('dl', { class: 'props' });
  for (const p of keys) {
    const vals = props[p];
    if (!vals || !vals.length) continue;
    dl.append(h('dt', {}, label(p)), h('dd', {}, vals.map((v) => h('div', { class: mark ? mark(p, v) : null }, value(p, v)))));
  }
  return dl.childElementCount ? dl : null;
}

async function pageEntity(id) {
  const [e, cat] = await Promise.all([api('/entities/' + encodeURIComponent(id)), catalog().catch(() => null)]);
  const props = e.properties || {};
  const seen = new Set();
  const sections = [];
  for (const [title, keys] of GROUPS) {
    keys.forEach((k) => seen.add(k));
    let dl = propList(props, keys);
    if (title === 'Sources') {
      const rows = (e.datasets || []).map((d) => {
        const ds = cat && cat.datasets.find((x) => x.id === d);
        return h('div', {}, h('span', { class: 'badge list' }, d), ' ', ds ? ds.title : '',
          ds && ds.date ? h('span', { class: 'muted' }, ' — list version of ' + ds.date) : null,
          ds && ds.publisher && ds.publisher.name ? h('span', { class: 'muted' }, ', ' + ds.publisher.name) : null);
      });
      const extra = h('dl', { class: 'props' }, h('dt', {}, 'Lists'), h('dd', {}, rows),
        e.last_change ? [h('dt', {}, 'Last change'), h('dd', {}, e.last_change)] : null);
      dl = dl ? h('div', {}, extra, dl) : extra;
    }
    if (dl) sections.push(h('section', { class: 'card', 'aria-label': title }, h('h2', {}, title), dl));
  }
  const rest = Object.keys(props).filter((k) => !seen.has(k));
  const other = propList(props, rest);
  if (other) sections.push(h('section', { class: 'card', 'aria-label': 'Other' }, h('h2', {}, 'Other'), other));
  show(h('p', {}, h('a', { href: '#/search' }, '← Back to search')),
    h('h1', { id: 'entity-title' }, nameNode(e.caption), ' ', h('span', { class: 'muted' }, e.schema)),
    h('p', {}, listBadges(e.datasets), ' ', h('span', { class: 'mono muted' }, e.id)),
    h('div', { class: 'cols' }, sections));
}

/* ---- the alert queue ----------------------------------------------------------- */

const queueState = { status: 'open', book: '', list: '', sort: 'score' };

function age(iso) {
  const ms = Date.now() - Date.parse(iso);
  if (!(ms >= 0)) return iso;
  const m = Math.floor(ms / 60000);
  if (m < 60) return m + ' min';
  const hh = Math.floor(m / 60);
  if (hh < 48) return hh + ' h';
  return Math.floor(hh / 24) + ' days';
}

async function pageAlerts(_, q) {
  for (const k of ['status', 'book', 'list', 'sort']) if (q.has(k)) queueState[k] = q.get(k);
  const all = await api('/alerts?limit=10000&status=' + encodeURIComponent(queueState.status));
  const books = [...new Set(all.map((a) => a.book))].sort();
  const lists = [...new Set(all.flatMap((a) => (a.lists || '').split(/[,\s]+/).filter(Boolean)))].sort();
  const sel = (id, lab, opts, cur) => h('div', {}, h('label', { for: id }, lab),
    h('select', { id, onchange: (ev) => { queueState[id.slice(2)] = ev.target.value; pageAlerts(null, new URLSearchParams()); } },
      opts.map(([v, t]) => h('option', { value: v, selected: v === cur }, t))));
  let rows = all.filter((a) => (!queueState.book || a.book === queueState.book) &&
    (!queueState.list || (a.lists || '').split(/[,\s]+/).includes(queueState.list)));
  rows.sort(queueState.sort === 'age'
    ? (a, b) => Date.parse(a.created_at) - Date.parse(b.created_at) || a.id - b.id
    : (a, b) => b.score - a.score || a.id - b.id);
  state.queue = rows.map((a) => a.id);
  const sortBtn = (key, text) => h('button', {
    type: 'button', class: 'link', 'aria-pressed': String(queueState.sort === key),
    onclick: () => { queueState.sort = key; pageAlerts(null, new URLSearchParams()); },
  }, text, queueState.sort === key ? ' ▾' : '');
  const tbody = h('tbody', {}, rows.map((a) => h('tr', { 'data-id': a.id },
    h('td', {}, h('a', { href: '#/alert/' + a.id }, '#' + a.id)),
    h('td', {}, scoreCell(a.score)),
    h('td', {}, h('span', { class: 'muted' }, a.book + ' / '), a.record_id),
    h('td', {}, nameNode(a.caption), h('div', { class: 'muted mono' }, a.entity_id)),
    h('td', {}, listBadges((a.lists || '').split(/[,\s]+/).filter(Boolean))),
    h('td', {}, h('span', { class: 'badge ' + a.status }, a.status), a.pending_by ? h('div', { class: 'muted' }, 'awaiting second review') : null),
    h('td', { title: a.created_at }, age(a.created_at)))));
  const table = h('table', { id: 'queue' },
    h('caption', { class: 'muted', style: 'text-align:left' }, `${rows.length} alert${rows.length === 1 ? '' : 's'} — `,
      h('kbd', {}, 'j'), '/', h('kbd', {}, 'k'), ' move, ', h('kbd', {}, 'Enter'), ' open'),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Alert'), h('th', { scope: 'col', 'aria-sort': queueState.sort === 'score' ? 'descending' : null }, sortBtn('score', 'Score')),
      h('th', { scope: 'col' }, 'Book record'), h('th', { scope: 'col' }, 'Listed entity'), h('th', { scope: 'col' }, 'Lists'),
      h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col', 'aria-sort': queueState.sort === 'age' ? 'ascending' : null }, sortBtn('age', 'Age')))),
    tbody);
  show(h('h1', {}, 'Alert queue'),
    h('div', { class: 'filters' },
      sel('q-status', 'Status', [['open', 'Open'], ['decided', 'Decided'], ['closed', 'Closed'], ['all', 'All']], queueState.status),
      sel('q-book', 'Book', [['', 'All books'], ...books.map((b) => [b, b])], queueState.book),
      sel('q-list', 'List', [['', 'All lists'], ...lists.map((l) => [l, l])], queueState.list),
      sel('q-sort', 'Sort by', [['score', 'Score (highest first)'], ['age', 'Age (oldest first)']], queueState.sort)),
    rows.length ? table : h('p', { class: 'muted', id: 'queue-empty' }, 'No alerts here.'),
    bookPanel(books));
  let cur = -1;
  const trs = [...tbody.children];
  const move = (i) => {
    if (!trs.length) return;
    cur = Math.max(0, Math.min(trs.length - 1, i));
    trs.forEach((tr, k) => tr.classList.toggle('sel', k === cur));
    trs[cur].querySelector('a').focus();
  };
  pageKeys = (ev) => {
    if (inField(ev) || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (ev.key === 'j' || ev.key === 'ArrowDown') { ev.preventDefault(); move(cur + 1); }
    else if (ev.key === 'k' || ev.key === 'ArrowUp') { ev.preventDefault(); move(cur - 1); }
  };
}

/* Import a book (CSV or JSON lines: id,name,schema,birth_date,country,
 * id_number) and run monitoring: POST /book/import, POST /monitor (a
 * background run, followed through GET /monitor/runs/{id}). */
function bookPanel(books) {
  const book = h('input', { id: 'b-book', name: 'book', value: books[0] || 'default', list: 'b-books', required: true });
  const file = h('input', { id: 'b-file', name: 'file', type: 'file', accept: '.csv,.jsonl,.json,text/csv' });
  const full = h('input', { id: 'b-full', type: 'checkbox', style: 'width:auto' });
  const out = h('div', { id: 'book-out', 'aria-live': 'polite' });
  const busy = (btn, on) => { btn.disabled = on; };
  const imp = h('button', { type: 'submit' }, 'Import');
  const mon = h('button', {
    type: 'button', class: 'secondary', id: 'b-monitor',
    onclick: async () => {
      busy(mon, true);
      out.replaceChildren(h('p', { class: 'muted' }, 'Screening the book…'));
      try {
        /* a background run (202): its status resource is polled */
        let run = await api('/monitor?book=' + encodeURIComponent(book.value.trim()), { method: 'POST' });
        while (run.state === 'running') {
          await new Promise((ok) => setTimeout(ok, 500));
          run = await api(run.location);
          if (run.progress.total) {
            out.replaceChildren(h('p', { class: 'muted' }, `Screening the book… ${run.progress.done} of ${run.progress.total} records`));
          }
        }
        if (run.state !== 'done') throw new Error(`Monitoring ${run.state}: ${run.error}`);
        const r = run.summary;
        out.replaceChildren(h('p', { class: 'chain ok', id: 'monitor-result' },
          `Monitoring (${r.mode}): ${r.screened} of ${r.records} records screened; ${r.new} new, ${r.updated} updated, ${r.closed} closed alerts in ${r.seconds.toFixed(1)} s.`));
        flash(`${r.new} new alert${r.new === 1 ? '' : 's'}.`);
        setTimeout(() => pageAlerts(null, new URLSearchParams()), 1200);
      } catch (e) {
        out.replaceChildren(errorBox(e));
      } finally { busy(mon, false); }
    },
  }, 'Run monitoring');
  const form = h('form', {
    class: 'filters', 'aria-label': 'Import a book',
    onsubmit: async (ev) => {
      ev.preventDefault();
      const f = file.files[0];
      if (!f) { out.replaceChildren(errorBox(new Error('Choose a CSV or JSON-lines file.'))); return; }
      busy(imp, true);
      try {
        const fmt = /\.jsonl?$/i.test(f.name) ? 'jsonl' : 'csv';
        const r = await api(`/book/import?book=${encodeURIComponent(book.value.trim())}&format=${fmt}${full.checked ? '&full=1' : ''}`,
          { method: 'POST', body: await f.text(), headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
        out.replaceChildren(h('p', { class: 'chain ok', id: 'import-result' },
          `Imported ${f.name} into “${book.value.trim()}”: ${r.rows} rows, ${r.added} added, ${r.changed} changed, ${r.unchanged} unchanged, ${r.retired} retired, ${r.skipped} skipped.`),
        r.errors ? h('pre', { class: 'warn' }, r.errors) : null);
      } catch (e) {
        out.replaceChildren(errorBox(e));
      } finally { busy(imp, false); }
    },
  }, h('div', {}, h('label', { for: 'b-book' }, 'Book'), book, h('datalist', { id: 'b-books' }, books.map((b) => h('option', { value: b })))),
  h('div', {}, h('label', { for: 'b-file' }, 'Records file (CSV or JSON lines)'), file),
  h('div', {}, h('label', { for: 'b-full' }, full, ' Full (retire records not in the file)')),
  h('div', {}, imp), h('div', {}, mon));
  return h('section', { 'aria-label': 'Book and monitoring' }, h('h2', {}, 'Book and monitoring'),
    h('p', { class: 'muted' }, 'Columns: id, name, schema, birth_date, country, id_number. Monitoring screens new and changed records against every list, the rest against list changes only.'),
    form, out);
}

/* ---- one alert --------------------------------------------------------------------- */

function sameDate(a, b) {
  return a && b && (a === b || a.startsWith(b) || b.startsWith(a));
}
function normName(s) {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim()
    .split(' ').sort().join(' ');
}

function compareSides(rec, ent) {
  const p = ent.properties || {};
  const names = [...(p.name || []), ...(p.alias || []), ...(p.weakAlias || []), ...(p.previousName || [])];
  const countries = [...(p.country || []), ...(p.nationality || []), ...(p.citizenship || []), ...(p.birthCountry || []), ...(p.jurisdiction || [])];
  const ids = [...(p.idNumber || []), ...(p.passportNumber || []), ...(p.taxNumber || []), ...(p.registrationNumber || []), ...(p.imoNumber || [])];
  const clean = (s) => s.replace(/[^0-9a-z]/gi, '').toLowerCase();
  const facts = [
    ['Name', rec.name, names, (a, b) => normName(a) === normName(b), true],
    ['Birth date', rec.birth_date, p.birthDate || [], sameDate],
    ['Country', rec.country, countries, (a, b) => countryKey(a) === countryKey(b)],
    ['Identifier', rec.id_number, ids, (a, b) => clean(a) === clean(b)],
  ];
  return facts.map(([what, mine, theirs, eq, soft]) => {
    let verdict = !mine && !theirs.length ? 'none' : !mine ? 'nobook' : !theirs.length ? 'nolist' : 'unknown';
    if (mine && theirs.length) verdict = theirs.some((t) => eq(mine, t)) ? 'same' : (soft ? 'similar' : 'differs');
    return { what, mine, theirs, verdict };
  });
}

async function pageAlert(id) {
  const a = await api('/alerts/' + id);
  const rec = a.record || {};
  const facts = compareSides(rec, a.entity || {});
  const cls = (v) => v === 'differs' ? 'differs' : v === 'same' ? 'agrees' : null;
  const vword = { same: 'agree', differs: 'DIFFER', similar: 'similar, not identical', none: 'on neither side',
    nobook: 'not in the book record', nolist: 'not on the list' };
  const factTable = h('table', { id: 'facts' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Fact'), h('th', { scope: 'col' }, 'Book record ' + a.book + ' / ' + a.record_id),
      h('th', { scope: 'col' }, 'Listed entity ' + a.entity_id), h('th', { scope: 'col' }, 'Comparison'))),
    h('tbody', {}, facts.map((f) => h('tr', { 'data-verdict': f.verdict },
      h('th', { scope: 'row' }, f.what),
      h('td', {}, f.mine ? h('span', { class: cls(f.verdict) }, f.what === 'Name' ? nameNode(f.mine) : f.what === 'Country' ? countryName(f.mine) : f.mine) : h('span', { class: 'muted' }, '—')),
      h('td', {}, f.theirs.length ? [...new Set(f.theirs)].slice(0, 8).map((t) => h('div', {}, h('span', { class: cls(f.verdict) }, f.what === 'Name' ? nameNode(t) : f.what === 'Country' ? countryName(t) : t))) : h('span', { class: 'muted' }, '—')),
      h('td', { class: f.verdict === 'differs' ? 'differs' : null }, vword[f.verdict])))));
  const recCard = h('section', { class: 'card', 'aria-label': 'Book record' }, h('h2', {}, 'Book record'),
    h('dl', { class: 'props' }, [['Book', a.book], ['Record', rec.id], ['Name', rec.name], ['Type', rec.schema],
      ['Birth date', rec.birth_date], ['Country', countryName(rec.country)], ['Identifier', rec.id_number],
      ['Record status', rec.status + (rec.changed_since_alert ? ' (changed since the alert)' : '')]]
      .filter(([, v]) => v).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])));
  const ent = a.entity || { properties: {} };
  const entCard = h('section', { class: 'card', 'aria-label': 'Listed entity' },
    h('h2', {}, 'Listed entity ', h('a', { href: '#/entity/' + encodeURIComponent(a.entity_id) }, a.entity_id)),
    h('p', {}, listBadges(ent.datasets), ' ', h('span', { class: 'muted' }, ent.schema || '')),
    propList(ent.properties, [...GROUPS[0][1], 'birthDate', 'birthPlace', 'nationality', 'citizenship', 'country',
      'idNumber', 'passportNumber', 'program', 'authority', 'listingDate', 'position'], (p, v) => {
      const f = p === 'birthDate' ? facts[1] : COUNTRY_PROPS.has(p) ? facts[2] : null;
      if (!f || !f.mine) return null;
      return f.theirs.includes(v) ? cls(f.verdict) : null;
    }) || h('p', { class: 'muted' }, 'The entity is no longer on the loaded lists.'));

  const hist = h('table', { id: 'history' },
    h('thead', {}, h('tr', {}, ['Alert', 'Status', 'Decision', 'By', 'Score', 'Created', 'Updated', 'List version'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, (a.history || []).map((x) => h('tr', {},
      h('td', {}, x.id === a.id ? '#' + x.id + ' (this)' : h('a', { href: '#/alert/' + x.id }, '#' + x.id)),
      h('td', {}, x.status + (x.closed_reason ? ' (' + x.closed_reason + ')' : '')), h('td', {}, x.decision || ''),
      h('td', {}, x.decided_by || ''), h('td', {}, x.score != null ? x.score.toFixed(2) : ''),
      h('td', {}, x.created_at || ''), h('td', {}, x.updated_at || ''), h('td', { class: 'mono' }, (x.list_version || '').slice(0, 12))))));
  const decisions = (a.decisions || []).length ? h('table', { id: 'decisions' },
    h('thead', {}, h('tr', {}, ['When', 'Who', 'Decision', 'Outcome', 'Reason'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, a.decisions.map((d) => h('tr', {}, h('td', {}, d.at || d.created_at || ''), h('td', {}, d.by || d.user || d.decided_by || ''),
      h('td', {}, d.decision || ''), h('td', {}, d.outcome || d.status || ''), h('td', {}, d.reason || ''))))) :
    h('p', { class: 'muted' }, 'No decisions yet.');

  show(h('p', {}, h('a', { href: '#/alerts' }, '← Back to the queue'), ' ', h('span', { class: 'muted' }, '(', h('kbd', {}, 'q'), ')')),
    h('h1', {}, 'Alert #' + a.id + ' ', h('span', { class: 'badge ' + a.status }, a.status), ' ', scoreCell(a.score)),
    h('p', {}, 'Book record ', h('strong', {}, rec.name || a.record_id), ' against ', h('strong', {}, nameNode(a.caption)),
      ' on ', listBadges((a.lists || '').split(/[,\s]+/).filter(Boolean)), ' ', h('span', { class: 'muted' }, 'raised ' + age(a.created_at) + ' ago')),
    h('h2', {}, 'Why it matched'), explain(a.explanation),
    h('h2', {}, 'Side by side'), factTable,
    h('div', { class: 'cols', style: 'margin-top:1rem' }, recCard, entCard),
    a.status === 'open' ? decideForm(a) : h('p', { class: 'card' }, 'Decided: ', h('strong', {}, a.decision || a.closed_reason || a.status),
      a.decided_by ? ' by ' + a.decided_by : '', a.reason ? ' — “' + a.reason + '”' : ''),
    h('h2', {}, 'Earlier decisions'), decisions,
    h('h2', {}, 'History of this pair'), hist,
    h('p', {}, h('a', { href: '#/audit?alert=' + a.id }, 'Audit records of this alert')));
}

function decideForm(a) {
  const opts = [['false_positive', 'False positive', 'f'], ['true_match', 'True match', 't'], ['escalate', 'Escalate', 'e']];
  const reason = h('textarea', { id: 'reason', name: 'reason', required: true, rows: 3, 'aria-describedby': 'reason-help' });
  const err = h('div', { 'aria-live': 'assertive' });
  const fs = h('fieldset', {}, h('legend', {}, 'Decision'), opts.map(([v, t, k]) => h('label', { class: 'opt' },
    h('input', { type: 'radio', name: 'decision', value: v, required: true, checked: a.pending_by && v === 'true_match' }), t, ' ', h('kbd', {}, k))));
  const pending = a.pending_by ? h('p', { class: 'warn', id: 'four-eyes' }, 'Four-eyes: ' + a.pending_by +
    ' decided “true match”; a second, different reviewer must confirm it.' +
    (state.user && state.user === a.pending_by ? ' You cannot confirm your own decision.' : '')) : null;
  const submit = h('button', { type: 'submit', id: 'decide-submit' }, a.pending_by ? 'Confirm true match (second review)' : 'Record decision');
  const form = h('form', {
    class: 'decide', id: 'decide', 'aria-label': 'Decide this alert',
    onsubmit: async (ev) => {
      ev.preventDefault();
      const d = form.elements.decision.value;
      if (!d) { err.replaceChildren(errorBox(new Error('Choose a decision (f, t or e).'))); return; }
      if (!reason.value.trim()) { err.replaceChildren(errorBox(new Error('Give a reason.'))); reason.focus(); return; }
      const body = { decision: d, reason: reason.value.trim(), version: a.version };
      if (state.auth === 'open') body.by = prompt('Your name (this server has no API keys):', localStorage.getItem('kordon.by') || '') || '';
      if (body.by) localStorage.setItem('kordon.by', body.by);
      submit.disabled = true;
      try {
        const res = await api('/alerts/' + a.id + '/decision', {
          method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' },
        });
        const words = { final: 'recorded', pending_second_review: 'recorded; waiting for a second reviewer (four-eyes)', escalated: 'escalated' };
        flash(`Alert #${a.id}: ${d.replace('_', ' ')} ${words[res.outcome] || res.outcome} (by ${res.by}).`);
        const idx = (state.queue || []).indexOf(a.id);
        const next = idx >= 0 ? state.queue[idx + 1] : null;
        const to = res.status === 'open' ? '#/alert/' + a.id : '#/alerts';
        if (location.hash === to) route(); else location.hash = to;
        if (next && res.status !== 'open') flash(`Alert #${a.id} decided (${d.replace('_', ' ')}); next in the queue: #${next}.`);
      } catch (e) {
        submit.disabled = false;
        const why = e.status === 409 ? 'Someone else changed this alert meanwhile; reload it. (' + e.message + ')'
          : e.status === 403 ? 'Not allowed: ' + e.message : e.message;
        err.replaceChildren(errorBox(new Error(why)));
      }
    },
  }, h('h2', {}, 'Decide'), pending, fs,
  h('label', { for: 'reason' }, 'Reason'), reason,
  h('p', { class: 'muted', id: 'reason-help' }, 'Keys: ', h('kbd', {}, 'f'), ' false positive, ', h('kbd', {}, 't'), ' true match, ',
    h('kbd', {}, 'e'), ' escalate, then type the reason; ', h('kbd', {}, 'Ctrl'), '+', h('kbd', {}, 'Enter'), ' records it.'),
  err, submit);
  reason.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); form.requestSubmit(); }
  });
  pageKeys = (ev) => {
    if (inField(ev) || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const o = opts.find(([, , k]) => k === ev.key);
    if (o) {
      ev.preventDefault();
      form.querySelector(`input[value="${o[0]}"]`).checked = true;
      reason.focus();
    } else if (ev.key === 'q') {
      location.hash = '#/alerts';
    }
  };
  return form;
}

/* ---- text and message screening ----------------------------------------------------- */

let scanText = '';

async function pageScan() {
  const ta = h('textarea', { id: 'scan-text', rows: 10, spellcheck: 'false' }, scanText);
  const fmt = h('select', { id: 'scan-format' }, [['auto', 'Detect'], ['text', 'Article / free text'], ['mt', 'SWIFT MT'], ['pacs008', 'ISO 20022 pacs.008']]
    .map(([v, t]) => h('option', { value: v }, t)));
  const out = h('div', { id: 'scan-out', 'aria-live': 'polite' });
  const form = h('form', {
    onsubmit: async (ev) => {
      ev.preventDefault();
      scanText = ta.value;
      if (!scanText.trim()) { out.replaceChildren(errorBox(new Error('Paste a text first.'))); return; }
      out.replaceChildren(h('p', { class: 'muted' }, 'Screening…'));
      try {
        const res = await api('/scan?format=' + fmt.value, { method: 'POST', body: scanText, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
        renderScan(out, scanText, res.hits || []);
      } catch (e) {
        if (e.status !== 401) out.replaceChildren(errorBox(e));
      }
    },
  }, h('label', { for: 'scan-text' }, 'Article, SWIFT MT or pacs.008 message'), ta,
  h('div', { class: 'row' }, h('label', { for: 'scan-format', style: 'margin:0' }, 'Format'), h('div', { style: 'width:14rem' }, fmt),
    h('button', { type: 'submit' }, 'Screen text'), h('span', { class: 'muted' }, h('kbd', {}, 'Ctrl'), '+', h('kbd', {}, 'Enter'))));
  ta.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); form.requestSubmit(); }
  });
  show(h('h1', {}, 'Text and message screening'), form, out);
  ta.focus();
}

/* Hits carry byte offsets into the UTF-8 body: cut the bytes, decode. */
function renderScan(out, text, hits) {
  const bytes = new TextEncoder().encode(text);
  const dec = new TextDecoder();
  const sorted = [...hits].sort((a, b) => a.start - b.start || b.end - a.end);
  const view = h('div', { class: 'scanned', id: 'scanned' });
  let pos = 0;
  sorted.forEach((hit, i) => {
    if (hit.start < pos || hit.end > bytes.length) return; /* overlapping */
    view.append(dec.decode(bytes.subarray(pos, hit.start)));
    view.append(h('mark', {
      class: hit.match ? null : 'weak', 'data-entity': hit.entity.id, id: 'hit-' + i,
      title: `${hit.entity.caption} — ${hit.score.toFixed(2)} (${(hit.entity.datasets || []).join(', ')})`,
    }, dec.decode(bytes.subarray(hit.start, hit.end))));
    pos = hit.end;
  });
  view.append(dec.decode(bytes.subarray(pos)));
  const entities = new Map();
  for (const hit of sorted) {
    const e = entities.get(hit.entity.id) || { hit, mentions: [] };
    e.mentions.push('“' + hit.text.replace(/\s+/g, ' ') + '”' + (hit.field ? ' in field ' + hit.field : ''));
    entities.set(hit.entity.id, e);
  }
  const list = h('ol', { class: 'results', id: 'scan-hits' }, [...entities.values()].map(({ hit, mentions }) => h('li', {},
    h('div', { class: 'head' }, h('a', { href: '#/entity/' + encodeURIComponent(hit.entity.id) }, nameNode(hit.entity.caption)),
      matchBadge(hit.match), scoreCell(hit.score), listBadges(hit.entity.datasets)),
    h('p', { class: 'muted', style: 'margin:.2rem 0' }, 'In the text as: ', [...new Set(mentions)].join(', ')),
    explain(hit.explanations))));
  out.replaceChildren(h('h2', {}, `${entities.size} listed ${entities.size === 1 ? 'entity' : 'entities'} in ${hits.length} mention${hits.length === 1 ? '' : 's'}`),
    view, entities.size ? list : h('p', { class: 'muted' }, 'No listed name found.'));
}

/* ---- audit -------------------------------------------------------------------------- */

async function pageAudit(_, q) {
  const f = { alert: q.get('alert') || '', from: q.get('from') || '', to: q.get('to') || '' };
  const inp = (k, lab, ph) => h('div', {}, h('label', { for: 'a-' + k }, lab), h('input', { id: 'a-' + k, name: k, value: f[k], placeholder: ph }));
  const form = h('form', {
    class: 'filters', onsubmit: (ev) => {
      ev.preventDefault();
      const p = new URLSearchParams();
      for (const k of ['alert', 'from', 'to']) if (form.elements[k].value.trim()) p.set(k, form.elements[k].value.trim());
      location.hash = '#/audit' + (p.toString() ? '?' + p : '');
    },
  }, inp('alert', 'Alert', 'id'), inp('from', 'From', 'YYYY-MM-DD'), inp('to', 'To (before)', 'YYYY-MM-DD'),
  h('div', {}, h('button', { type: 'submit', id: 'audit-show' }, 'Show')),
  h('div', {}, h('button', { type: 'button', class: 'secondary', onclick: () => download('jsonl') }, 'Export JSON lines')),
  h('div', {}, h('button', { type: 'button', class: 'secondary', onclick: () => download('csv'), disabled: !!f.alert }, 'Export CSV')));
  const qs = new URLSearchParams();
  for (const k of ['alert', 'from', 'to']) if (f[k]) qs.set(k, f[k]);
  async function download(fmt) {
    const p = new URLSearchParams(qs);
    p.set('format', fmt);
    try {
      const res = await api('/audit?' + p, { raw: true });
      const url = URL.createObjectURL(await res.blob());
      const a = h('a', { href: url, download: 'kordon-audit.' + fmt });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) {
      flash('Export failed: ' + e.message);
    }
  }
  show(h('h1', {}, 'Audit trail'), form, h('p', { class: 'muted' }, 'Loading…'));
  const d = await api('/audit?limit=500&' + qs);
  const chain = d.chain.ok
    ? h('p', { class: 'chain ok', id: 'chain' }, `✔ Chain verified: ${d.chain.records} records, none altered, removed or reordered (head ${d.chain.detail.slice(0, 16)}…).`)
    : h('p', { class: 'chain bad', id: 'chain', role: 'alert' }, `✖ Chain BROKEN at record ${d.chain.bad_seq}: ${d.chain.detail}`);
  const summary = (r) => {
    const res = r.result || {}, inp2 = r.input || {};
    if (r.action === 'decision' || r.action === 'decision_rejected')
      return `${inp2.decision || ''}${inp2.reason ? ' — “' + inp2.reason + '”' : ''}${res.status ? ' → ' + res.status : ''}${res.outcome ? ' (' + res.outcome + ')' : ''}${res.error ? ' refused: ' + res.error : ''}`;
    if (/^alert_/.test(r.action) && inp2.record)
      return `${inp2.book} / ${inp2.record.id} “${inp2.record.name}” vs ${inp2.entity}` +
        (res.score != null ? `, score ${Number(res.score).toFixed(2)}` : '') + (res.reason ? `, ${res.reason}` : '');
    const o = Object.keys(res).length ? res : inp2;
    return Object.entries(o).filter(([, v]) => typeof v !== 'object').slice(0, 8).map(([k, v]) => k + ' ' + v).join(', ');
  };
  const isAlert = (r) => /^(alert_|decision)/.test(r.action);
  const table = h('table', { id: 'audit' },
    h('thead', {}, h('tr', {}, ['#', 'When (UTC)', 'Who', 'Action', 'Subject', 'Details'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, d.records.map((r) => h('tr', { 'data-action': r.action, 'data-subject': r.subject },
      h('td', {}, r.seq), h('td', {}, r.at.replace('T', ' ').slice(0, 19)), h('td', {}, r.actor), h('td', {}, r.action.replace(/_/g, ' ')),
      h('td', {}, isAlert(r) ? h('a', { href: '#/alert/' + r.subject }, '#' + r.subject) : h('span', { class: 'mono' }, (r.subject || '').slice(0, 24))),
      h('td', {}, summary(r))))));
  show(h('h1', {}, 'Audit trail'), form, chain,
    h('p', { class: 'muted' }, `${d.total} record${d.total === 1 ? '' : 's'}${f.alert ? ' about alert #' + f.alert : ''}${d.total > d.records.length ? ', newest ' + d.records.length + ' shown' : ''}, newest first.`),
    d.records.length ? table : h('p', { class: 'muted' }, 'No records.'));
}

/* ---- lists ------------------------------------------------------------------------------ */

async function pageLists() {
  state.catalog = null;
  const [cat, ready, metrics] = await Promise.all([catalog(), fetch('/readyz').then((r) => r.json()).catch(() => null),
    api('/metrics', { raw: true }).then((r) => r.text()).catch(() => '')]);
  const failedReloads = Number((metrics.match(/^kordon_reloads_total\{result="error"\} (\d+)/m) || [])[1] || 0);
  const now = Date.now();
  const srcs = cat.datasets.filter((d) => d.type === 'source');
  const warnings = [];
  if (ready && ready.status !== 'ok') warnings.push('Index not ready: ' + (ready.detail || ready.status));
  if (failedReloads) warnings.push(`${failedReloads} reload${failedReloads === 1 ? '' : 's'} failed since the server started; the last good lists keep serving (see the server log).`);
  const rows = srcs.map((d) => {
    const days = d.date ? Math.floor((now - Date.parse(d.date)) / 86400000) : null;
    const w = [];
    if (!d.date) w.push('no list date');
    else if (days > 30) w.push(`list date is ${days} days old`);
    if (!d.entity_count) w.push('no entities loaded');
    w.forEach((x) => warnings.push(d.title + ': ' + x));
    const sch = Object.entries((d.things && d.things.schemata) || {}).map(([k, v]) => `${v} ${k}`).join(', ');
    return h('tr', { 'data-id': d.id }, h('td', {}, h('strong', {}, d.title), h('div', { class: 'muted mono' }, d.id)),
      h('td', {}, (d.publisher && d.publisher.name) || ''), h('td', {}, d.date || '—'),
      h('td', { style: 'text-align:right' }, d.entity_count.toLocaleString('en')), h('td', {}, sch),
      h('td', {}, d.format || ''), h('td', {}, w.length ? h('span', { class: 'badge open' }, w.join('; ')) : h('span', { class: 'badge decided' }, 'ok')));
  });
  const total = srcs.reduce((s, d) => s + d.entity_count, 0);
  const loaded = cat.index_loaded_at ? new Date(cat.index_loaded_at * 1000) : null;
  show(h('h1', {}, 'Loaded lists'),
    h('p', {}, `${srcs.length} lists, ${total.toLocaleString('en')} entities. Index version ${cat.index_version}, last loaded `,
      h('time', { datetime: loaded ? loaded.toISOString() : '' }, loaded ? loaded.toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '—'),
      loaded ? ` (${age(loaded.toISOString())} ago).` : '.'),
    warnings.length ? h('div', { id: 'warnings' }, warnings.map((w) => h('p', { class: 'warn' }, '⚠ ' + w))) : h('p', { class: 'chain ok' }, 'No warnings.'),
    h('table', { id: 'lists' }, h('thead', {}, h('tr', {}, ['List', 'Publisher', 'List date', 'Entities', 'By type', 'Format', 'Warnings'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows)));
}

start();
