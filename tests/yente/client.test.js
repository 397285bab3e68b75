// client.test.js - a yente client, written the way a user of the
// OpenSanctions yente API writes one, run against a real `kordon serve`
// (tests/yente_test.sh starts it and sets KORDON_URL, KORDON_KEY,
// KORDON_TOKEN). Nothing here knows it talks to Kordon: requests carry
// what real clients send (`filters: null`, `params: null`, numeric
// property values, top-level `params`/`weights`, Bearer / Basic /
// ?api_key= auth), and every answer is decoded into the yente response
// models (field names and types of yente's pydantic models), which throw
// on a missing or mistyped field.
//
// Run: node --test tests/yente/client.test.js (Node 18+: node:test, fetch)
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');

const BASE = process.env.KORDON_URL;
const KEY = process.env.KORDON_KEY;
const TOKEN = process.env.KORDON_TOKEN;
if (!BASE || !KEY) throw new Error('KORDON_URL and KORDON_KEY must be set');

// ---- the yente response models ------------------------------------------
function field(obj, name, type, where) {
  const v = obj[name];
  const ok = type === 'array' ? Array.isArray(v)
    : type === 'object' ? v !== null && typeof v === 'object' && !Array.isArray(v)
    : type === 'datetime?' ? v === null || (typeof v === 'string' && !isNaN(Date.parse(v)))
    : type === 'string?' ? v === null || v === undefined || typeof v === 'string'
    : typeof v === type;
  if (!ok) throw new TypeError(`${where}.${name}: expected ${type}, got ${JSON.stringify(v)}`);
  return v;
}

class EntityResponse {
  constructor(j, where = 'entity') {
    this.id = field(j, 'id', 'string', where);
    this.caption = field(j, 'caption', 'string', where);
    this.schema = field(j, 'schema', 'string', where);
    this.datasets = field(j, 'datasets', 'array', where);
    this.referents = field(j, 'referents', 'array', where);
    this.target = field(j, 'target', 'boolean', where);
    this.first_seen = field(j, 'first_seen', 'datetime?', where);
    this.last_seen = field(j, 'last_seen', 'datetime?', where);
    this.last_change = field(j, 'last_change', 'datetime?', where);
    this.properties = {};
    for (const [p, vals] of Object.entries(field(j, 'properties', 'object', where))) {
      if (!Array.isArray(vals)) throw new TypeError(`${where}.properties.${p}: not a list`);
      this.properties[p] = vals.map((v, i) => (typeof v === 'object'
        ? new EntityResponse(v, `${where}.properties.${p}[${i}]`) : v));
    }
  }
}

class ScoredEntityResponse extends EntityResponse {
  constructor(j, where) {
    super(j, where);
    this.score = field(j, 'score', 'number', where);
    this.match = field(j, 'match', 'boolean', where);
    this.features = field(j, 'features', 'object', where);
  }
}

class EntityMatches {
  constructor(j, where) {
    this.status = field(j, 'status', 'number', where);
    this.query = field(j, 'query', 'object', where);
    const total = field(j, 'total', 'object', where);
    this.total = { value: field(total, 'value', 'number', `${where}.total`),
      relation: field(total, 'relation', 'string', `${where}.total`) };
    this.results = field(j, 'results', 'array', where)
      .map((r, i) => new ScoredEntityResponse(r, `${where}.results[${i}]`));
  }
}

class EntityMatchResponse {
  constructor(j) {
    this.limit = field(j, 'limit', 'number', 'match');
    this.responses = {};
    for (const [k, v] of Object.entries(field(j, 'responses', 'object', 'match')))
      this.responses[k] = new EntityMatches(v, `responses.${k}`);
  }
}

class Dataset {
  constructor(j, where) {
    this.name = field(j, 'name', 'string', where);
    this.title = field(j, 'title', 'string', where);
    this.load = field(j, 'load', 'boolean', where);
    this.version = field(j, 'version', 'string', where);
    this.index_version = field(j, 'index_version', 'string?', where);
    this.index_current = field(j, 'index_current', 'boolean', where);
    this.tags = field(j, 'tags', 'array', where);
    this.children = field(j, 'children', 'array', where);
    this.entity_count = field(j, 'entity_count', 'number', where);
  }
}

class DataCatalogModel {
  constructor(j) {
    this.datasets = field(j, 'datasets', 'array', 'catalog')
      .map((d, i) => new Dataset(d, `catalog.datasets[${i}]`));
    this.current = field(j, 'current', 'array', 'catalog');
    this.outdated = field(j, 'outdated', 'array', 'catalog');
    this.index_stale = field(j, 'index_stale', 'boolean', 'catalog');
  }
}

class SearchResponse {
  constructor(j) {
    this.results = field(j, 'results', 'array', 'search')
      .map((r, i) => new EntityResponse(r, `search.results[${i}]`));
    const total = field(j, 'total', 'object', 'search');
    this.total = { value: field(total, 'value', 'number', 'search.total') };
    this.limit = field(j, 'limit', 'number', 'search');
    this.offset = field(j, 'offset', 'number', 'search');
    this.facets = field(j, 'facets', 'object', 'search');
    for (const f of Object.keys(this.facets)) {
      const values = field(this.facets[f], 'values', 'array', `search.facets.${f}`);
      for (const v of values) {
        field(v, 'name', 'string', `search.facets.${f}`);
        field(v, 'count', 'number', `search.facets.${f}`);
      }
    }
  }
}

// ---- the client ------------------------------------------------------------
const used = new Map(); // "METHOD /path/{template}" -> query parameter names
function record(method, url) {
  const u = new URL(url);
  const route = u.pathname.replace(/^\/(match|search)\/[^/]+$/, '/$1/{dataset}')
    .replace(/^\/entities\/[^/]+\/adjacent$/, '/entities/{entity_id}/adjacent')
    .replace(/^\/entities\/[^/]+$/, '/entities/{entity_id}');
  const key = `${method.toLowerCase()} ${route}`;
  if (!used.has(key)) used.set(key, new Set());
  for (const k of u.searchParams.keys()) used.get(key).add(k);
}

async function call(path, { method = 'GET', body, auth = 'bearer' } = {}) {
  const headers = { 'Content-Type': 'application/json' };
  let url = BASE + path;
  record(method, url);
  if (auth === 'bearer') headers.Authorization = `Bearer ${KEY}`;
  if (auth === 'apikey') headers.Authorization = `ApiKey ${KEY}`;
  if (auth === 'basic') headers.Authorization = 'Basic ' + Buffer.from(`client:${KEY}`).toString('base64');
  if (auth === 'query') url += (url.includes('?') ? '&' : '?') + 'api_key=' + encodeURIComponent(KEY);
  const res = await fetch(url, { method, headers, body: body && JSON.stringify(body) });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch (_) { /* not JSON */ }
  return { status: res.status, json, text };
}

function example(schema, properties) {
  // what the AML platform's client sends for every query
  return { schema, properties, filters: null, params: null };
}

async function match(queries, query = '', auth) {
  const r = await call(`/match/default${query}`, {
    method: 'POST', auth,
    body: { queries, params: null, weights: { name_literal_match: 1.0 } },
  });
  assert.equal(r.status, 200, r.text);
  return new EntityMatchResponse(r.json);
}

test('catalog: every dataset loaded, indexed and current', async () => {
  const r = await call('/catalog');
  assert.equal(r.status, 200, r.text);
  const cat = new DataCatalogModel(r.json);
  const loaded = cat.datasets.filter((d) => d.load && d.index_current);
  assert.ok(loaded.length >= 3, 'sources loaded');
  for (const d of cat.datasets) assert.equal(d.index_version, d.version, d.name);
  const all = cat.datasets.find((d) => d.name === 'default');
  assert.ok(all && all.children.length === cat.datasets.length - 1);
  assert.equal(cat.index_stale, false);
  assert.ok(cat.datasets.some((d) => d.tags.includes('list.sanction')));
});

test('match: filters/params null, numbers, id echo, total before limit', async () => {
  const m = await match({
    q1: { ...example('Person', { name: ['Bosco Taganda'], birthDate: [1973], nationality: 'cd' }), id: 'case-42' },
    q2: example('Company', { name: 'Baltic Trade Logistics' }),
    q3: example('PublicBody', { name: ['Baltic Trade Logistics'] }),
    q4: example('Person', { nationality: ['ru'] }),
  }, '?limit=1&algorithm=Logic-V2');
  const q1 = m.responses.q1;
  assert.equal(q1.query.id, 'case-42');
  assert.deepEqual(q1.query.properties.birthDate, ['1973']);
  assert.deepEqual(q1.query.properties.nationality, ['cd']);
  assert.equal(q1.results.length, 1);
  const top = q1.results[0];
  assert.equal(top.id, 'un-CDi.030');
  assert.ok(top.match && top.target);
  assert.ok(top.properties.topics.includes('sanction'));
  const sanctions = top.properties.sanctions;
  assert.ok(sanctions.length >= 1 && sanctions[0] instanceof EntityResponse);
  assert.equal(sanctions[0].schema, 'Sanction');
  assert.deepEqual(sanctions[0].properties.entity, ['un-CDi.030']);
  assert.ok(sanctions[0].properties.authority.length === 1);
  assert.equal(top.properties.listingDate, undefined, 'listingDate only on Sanction');
  assert.ok(m.responses.q2.results.length === 1 && m.responses.q2.total.value >= 1);
  assert.ok(m.responses.q3.results.length === 1, 'PublicBody accepted');
  assert.equal(m.responses.q4.results.length, 0);
  // total counts the hits `limit` cut
  const m5 = await match({ q: example('Organization', { name: 'Havana National Bank' }) },
    '?limit=1&cutoff=0.1&threshold=0.1');
  assert.ok(m5.responses.q.total.value > m5.responses.q.results.length,
    `total ${m5.responses.q.total.value} counts hits beyond limit`);
});

test('match: filters applied, unknown ones refused', async () => {
  const q = { q: example('Person', { name: 'Bosco Taganda' }) };
  const all = await match(q);
  assert.ok(all.responses.q.results.some((r) => r.id === 'un-CDi.030'));
  const ex = await match(q, '?exclude_dataset=un_sc');
  assert.ok(!ex.responses.q.results.some((r) => r.datasets.includes('un_sc')));
  const exs = await match(q, '?exclude_schema=Person');
  assert.ok(!exs.responses.q.results.some((r) => r.schema === 'Person'));
  const pep = await match(q, '?topics=role.pep');
  assert.ok(!pep.responses.q.results.some((r) => r.id === 'un-CDi.030'));
  const since = await match(q, '?changed_since=2030-01-01');
  assert.equal(since.responses.q.results.length, 0);
  for (const [qs, status] of [['?include_dataset=typo', 400], ['?exclude_dataset=typo', 400],
    ['?topics=typo', 400], ['?changed_since=yesterday', 422], ['?limit=501', 422],
    ['?exclude_schema=Spaceship', 400]]) {
    const r = await call(`/match/default${qs}`, { method: 'POST', body: { queries: q } });
    assert.equal(r.status, status, `${qs}: ${r.text}`);
    assert.equal(typeof r.json.detail, 'string');
  }
  const bad = await call('/match/default', { method: 'POST', body: { queries: { q: example('Spaceship', { name: 'x' }) } } });
  assert.equal(bad.status, 400);
  const none = await call('/match/default', { method: 'POST', body: { queries: {} } });
  assert.equal(none.status, 400);
});

test('auth: Bearer, ApiKey, Basic and ?api_key= accepted, wrong keys refused', async () => {
  const q = { q: example('Person', { name: 'Bosco Taganda' }) };
  for (const auth of ['bearer', 'apikey', 'basic', 'query']) {
    const m = await match(q, '', auth);
    assert.ok(m.responses.q.results.length > 0, auth);
  }
  const none = await call('/match/default', { method: 'POST', body: { queries: q }, auth: 'none' });
  assert.equal(none.status, 401);
  const wrong = await fetch(`${BASE}/catalog?api_key=wrong`);
  assert.equal(wrong.status, 401);
});

test('search: optional q, offset, total, facets, filters', async () => {
  const all = new SearchResponse((await call('/search/default?limit=5')).json);
  assert.ok(all.total.value > 5 && all.results.length === 5);
  const page2 = new SearchResponse((await call('/search/default?limit=5&offset=5')).json);
  assert.equal(page2.offset, 5);
  assert.notEqual(page2.results[0].id, all.results[0].id);
  const countries = all.facets.countries.values;
  assert.ok(countries.length > 0);
  const ru = new SearchResponse((await call('/search/default?countries=ru&limit=50')).json);
  assert.ok(ru.total.value > 0 && ru.total.value < all.total.value);
  const byFacet = countries.find((c) => c.name === 'ru');
  assert.equal(ru.total.value, byFacet.count);
  const ds = new SearchResponse((await call('/search/default?datasets=watchlist&schema=Person&limit=50')).json);
  assert.ok(ds.results.length > 0 && ds.results.every((e) => e.datasets.includes('watchlist') && e.schema === 'Person'));
  const q = new SearchResponse((await call('/search/default?q=Vladimir%20Kozlov')).json);
  assert.equal(q.results[0].id, 'watchlist-W-006');
  assert.equal(new SearchResponse((await call('/search/default?target=false')).json).total.value, 0);
});

test('entities: nested sanctions and adjacent', async () => {
  const e = new EntityResponse((await call('/entities/un-CDi.030')).json);
  assert.ok(e.properties.sanctions.length >= 1);
  const flat = new EntityResponse((await call('/entities/un-CDi.030?nested=false')).json);
  assert.equal(flat.properties.sanctions, undefined);
  const adj = (await call('/entities/un-CDi.030/adjacent')).json;
  new EntityResponse(adj.entity);
  assert.equal(adj.adjacent.sanctions.results[0].schema, 'Sanction');
});

test('updatez with ?token= as yente', async () => {
  assert.ok(TOKEN, 'KORDON_TOKEN must be set');
  record('POST', `${BASE}/updatez?token=x`);
  const r = await fetch(`${BASE}/updatez?token=${encodeURIComponent(TOKEN)}`, { method: 'POST' });
  assert.equal(r.status, 200, await r.text());
  const bad = await fetch(`${BASE}/updatez?token=wrong`, { method: 'POST' });
  assert.equal(bad.status, 403);
});

test('openapi.json declares every route and parameter this client used', async () => {
  const doc = (await call('/openapi.json')).json;
  const schemes = doc.components.securitySchemes;
  const queryAuth = Object.values(schemes).filter((x) => x.in === 'query').map((x) => x.name);
  assert.ok(used.size >= 5);
  for (const [key, params] of used) {
    const [method, route] = key.split(' ');
    const op = doc.paths[route] && doc.paths[route][method];
    assert.ok(op, `${key} not in openapi.json`);
    const declared = new Set((op.parameters || []).map((p) => p.name));
    for (const p of params)
      assert.ok(declared.has(p) || queryAuth.includes(p), `${key}: parameter ${p} not declared`);
  }
  const ex = doc.components.schemas.EntityExample.properties.schema.enum;
  for (const s of ['Person', 'Company', 'PublicBody', 'Vessel', 'Airplane', 'LegalEntity'])
    assert.ok(ex.includes(s), s);
});
