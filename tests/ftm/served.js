#!/usr/bin/env node
// served.js - fetch what `kordon serve` answers for a sample of entities,
// for the FtM conformance check (validate.js reads the output): every
// Nth entity of an export (`kordon export --ftm`) through /entities/{id}
// (nested, the default) and /entities/{id}/adjacent, and /match answers
// for their names, 50 queries per request, 10 results each.
// Usage: served.js URL KEY EXPORT.jsonl STEP > answers.jsonl
'use strict';
const fs = require('fs');
const [url, key, file, step] = process.argv.slice(2);
const headers = { Authorization: `ApiKey ${key}`, 'Content-Type': 'application/json' };
const ents = fs.readFileSync(file, 'utf8').trim().split('\n')
  .filter((_, i) => i % Number(step) === 0).map((l) => JSON.parse(l));

async function get(path, init) {
  const r = await fetch(url + path, { headers, ...init });
  const t = await r.text();
  if (r.status !== 200) throw new Error(`${path}: HTTP ${r.status}: ${t.slice(0, 200)}`);
  return t;
}

(async () => {
  let n = 0;
  for (const e of ents) {
    const id = encodeURIComponent(e.id);
    process.stdout.write(await get(`/entities/${id}`) + '\n');
    const adj = JSON.parse(await get(`/entities/${id}/adjacent`));
    process.stdout.write(JSON.stringify(adj.entity) + '\n');
    for (const s of adj.adjacent.sanctions.results) process.stdout.write(JSON.stringify(s) + '\n');
    n += 2;
  }
  for (let i = 0; i < ents.length; i += 50) {
    const queries = {};
    ents.slice(i, i + 50).forEach((e, k) => {
      queries[`q${k}`] = { schema: e.schema, properties: { name: [e.caption] }, filters: null };
    });
    process.stdout.write(await get('/match/default?limit=10',
      { method: 'POST', body: JSON.stringify({ queries }) }) + '\n');
    n++;
  }
  process.stderr.write(`served: ${n} answers for ${ents.length} entities\n`);
})().catch((e) => { console.error(e.message); process.exit(1); });
