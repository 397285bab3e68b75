#!/usr/bin/env node
// validate.js - FollowTheMoney conformance check of entities, against the
// model committed in tests/ftm/model.json (scripts/ftm_model.js makes it
// from the published @alephdata/followthemoney package).
//
// Reads entities from files or stdin: JSON lines of entities, or yente
// answers (a /match body with responses.*.results, a /search body with
// results, or one entity). Every entity, and every entity nested in an
// entity-typed property (nested sanctions), is checked:
//   - schema known and not abstract; id, caption, properties present
//   - every property defined for the schema; values are non-empty strings
//     (or nested entities for entity-typed properties) within maxLength
//   - typed values valid: date (ISO prefix), country/topic/gender/language
//     (closed vocabularies), email, phone (E.164), url (with scheme)
//   - yente envelope: datasets, referents arrays, target boolean,
//     first_seen/last_seen/last_change ISO date-times (or null)
// Prints "N entities, M errors" and counts per kind; exit 1 on any error.
// Usage: validate.js [--quiet] [FILE...]
'use strict';
const fs = require('fs');
const path = require('path');

const model = JSON.parse(fs.readFileSync(path.join(__dirname, 'model.json')));
const sets = {};
for (const [t, d] of Object.entries(model.types))
  if (d.values) sets[t] = new Set(d.values);

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2}))?)?)?)?)?$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.\w+$/;
const PHONE = /^\+[1-9]\d{6,14}$/;
const URL_RE = /^(https?|ftp):\/\/[^\s/?#]+[^\s]*$/i;

function validDate(v) {
  const m = DATE.exec(v);
  if (!m) return false;
  const y = +m[1], mo = m[2] ? +m[2] : 1, d = m[3] ? +m[3] : 1;
  if (mo < 1 || mo > 12 || d < 1) return false;
  const dim = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > dim) return false;
  if (m[4] && +m[4] > 23) return false;
  if (m[5] && +m[5] > 59) return false;
  if (m[6] && +m[6] > 59) return false;
  return true;
}

function typeOk(type, v) {
  switch (type) {
    case 'date': return validDate(v);
    case 'email': return EMAIL.test(v);
    case 'phone': return PHONE.test(v);
    case 'url': return URL_RE.test(v);
    default: return sets[type] ? sets[type].has(v) : true;
  }
}

const counts = {};
const samples = {};
let nEntities = 0, nErrors = 0;
const quiet = process.argv.includes('--quiet');

function err(kind, where, detail) {
  nErrors++;
  counts[kind] = (counts[kind] || 0) + 1;
  if (!samples[kind]) samples[kind] = [];
  if (samples[kind].length < 3) samples[kind].push(`${where}: ${detail}`);
}

function checkEnvelope(e, id) {
  for (const k of ['datasets', 'referents'])
    if (k in e && !Array.isArray(e[k])) err(`envelope:${k}`, id, 'not a list');
  if ('target' in e && typeof e.target !== 'boolean')
    err('envelope:target', id, 'not a boolean');
  for (const k of ['first_seen', 'last_seen', 'last_change'])
    if (k in e && e[k] !== null && !(typeof e[k] === 'string' && DATETIME.test(e[k])))
      err(`envelope:${k}`, id, JSON.stringify(e[k]));
}

function checkEntity(e, ctx) {
  nEntities++;
  const id = typeof e.id === 'string' ? e.id : ctx;
  if (typeof e.id !== 'string' || !e.id) err('entity:id', ctx, 'missing id');
  const sch = model.schemata[e.schema];
  if (!sch) { err('entity:schema', id, `unknown schema ${e.schema}`); return; }
  if (sch.abstract) err('entity:schema', id, `abstract schema ${e.schema}`);
  checkEnvelope(e, id);
  const props = e.properties;
  if (props === null || typeof props !== 'object' || Array.isArray(props)) {
    err('entity:properties', id, 'missing properties'); return;
  }
  for (const [p, vals] of Object.entries(props)) {
    const def = sch.properties[p];
    if (!def) { err(`schema:${e.schema}.${p}`, id, 'not a property of the schema'); continue; }
    if (!Array.isArray(vals)) { err(`value:${p}`, id, 'not a list'); continue; }
    for (const v of vals) {
      if (def.type === 'entity' && v !== null && typeof v === 'object') {
        checkEntity(v, `${id}.${p}`);
        if (def.range && !model.schemata[v.schema]?.schemata.includes(def.range))
          err(`range:${e.schema}.${p}`, id, `${v.schema} is not a ${def.range}`);
        continue;
      }
      if (typeof v !== 'string' || v.length === 0) {
        err(`value:${p}`, id, `not a non-empty string: ${JSON.stringify(v)}`);
        continue;
      }
      if ([...v].length > def.maxLength)
        err(`length:${def.type}`, id, `${p} longer than ${def.maxLength}: ${[...v].length}`);
      if (!typeOk(def.type, v))
        err(`type:${def.type}`, id, `${p}=${JSON.stringify(v.slice(0, 80))}`);
    }
  }
}

function walk(doc, ctx) {
  if (doc && doc.responses) {
    for (const [k, r] of Object.entries(doc.responses))
      for (const x of r.results || []) checkEntity(x, `responses.${k}`);
  } else if (doc && Array.isArray(doc.results)) {
    for (const x of doc.results) checkEntity(x, ctx);
  } else if (doc && Array.isArray(doc.entities)) {
    for (const x of doc.entities) checkEntity(x, ctx);
  } else if (doc && doc.schema) {
    checkEntity(doc, ctx);
  } else {
    err('input', ctx, 'neither an entity nor a yente answer');
  }
}

function run(text, name) {
  const t = text.trim();
  if (!t) return;
  let docs;
  try { docs = [JSON.parse(t)]; } catch (_) {
    docs = t.split('\n').filter((l) => l.trim()).map((l, i) => {
      try { return JSON.parse(l); } catch (e) {
        err('input', `${name}:${i + 1}`, e.message); return null;
      }
    });
  }
  docs.forEach((d, i) => d && walk(d, `${name}:${i + 1}`));
}

const files = process.argv.slice(2).filter((a) => a !== '--quiet');
if (files.length === 0) run(fs.readFileSync(0, 'utf8'), 'stdin');
for (const f of files) run(fs.readFileSync(f, 'utf8'), f);
console.log(`${nEntities} entities, ${nErrors} FtM errors`);
for (const k of Object.keys(counts).sort()) {
  console.log(`  ${String(counts[k]).padStart(6)} ${k}`);
  if (!quiet) for (const s of samples[k]) console.log(`         e.g. ${s}`);
}
process.exit(nErrors ? 1 : 0);
