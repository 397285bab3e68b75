#!/usr/bin/env node
// openapi.js - write server/openapi.c, the OpenAPI 3.0 document served at
// /openapi.json, from the description below (readable here, a compact
// string in C). The schema names of EntityExample come from the FtM model
// fixture (tests/ftm/model.json: the matchable schemata). Run after
// changing a route, a parameter or a response shape:
//   scripts/openapi.js > server/openapi.c
// tests/yente/client.test.js checks that every parameter the client
// sends is declared here.
'use strict';
const fs = require('fs');
const path = require('path');
const model = JSON.parse(fs.readFileSync(
  path.join(__dirname, '../tests/ftm/model.json')));
const matchable = Object.keys(model.schemata)
  .filter((s) => model.schemata[s].matchable).concat(['Thing']).sort();

const ref = (n) => ({ $ref: `#/components/schemas/${n}` });
const json = (schema, description) => ({
  description, content: { 'application/json': { schema } } });
const err = (d) => json(ref('Error'), d);
const q = (name, schema, description, extra = {}) =>
  ({ name, in: 'query', required: false, schema, description, ...extra });
const list = (name, description) => q(name, { type: 'array', items: { type: 'string' } },
  description, { style: 'form', explode: true });
const unit = { type: 'number', minimum: 0, maximum: 1 };
const datasetPath = { name: 'dataset', in: 'path', required: true,
  schema: { type: 'string' },
  description: '`default` for every loaded list, or a list id from /catalog (e.g. `un_sc`).' };
const common401 = err('Missing or invalid API key (when keys are configured)');
const common503 = err('Index not loaded yet');
const cap = 'an answer over --max-answer bytes (default 8 MiB) is replaced by 422';
const body413 = err('Body larger than 1 MiB');
const store503 = err('No store (--store, KORDON_STORE, or kordon.db beside the data) could be opened');
const noUser403 = err('API keys are configured and the presented key names no user in KORDON_API_USERS');
const merge = q('merge', { type: 'boolean', default: true },
  'Records linked across lists answer as one merged entity (its `referents` the member records); `false` (or `0`) gives one result per list record.');
const alertId = { name: 'id', in: 'path', required: true,
  schema: { type: 'integer', minimum: 1 }, description: 'Alert id' };
const book = q('book', { type: 'string', default: 'default' }, 'The book (client portfolio) name.');
const full = q('full', { type: 'string', enum: ['1'] }, '`1`: a full run (see the operation).');

const filters = [
  list('include_dataset', 'Only results from these lists (unknown list: 400).'),
  list('exclude_dataset', 'No results from these lists (unknown list: 400).'),
  list('exclude_entity_ids', 'Never return these entity ids.'),
  list('topics', 'Only entities with one of these FtM topics (unknown topic: 400); entries without topics count as `sanction`.'),
  list('exclude_schema', 'No entities of these FtM schemata (or schemata extending them).'),
  q('changed_since', { type: 'string', format: 'date-time' },
    'Only entities whose last_change is at or after this date (YYYY-MM-DD) or date-time; 422 when not a date.'),
];
const scoring = [
  q('threshold', unit, 'Score at or above which `match` is true (default 0.70).'),
  q('cutoff', unit, 'Results scoring below are dropped (default 0.50, as yente).'),
  q('algorithm', { type: 'string', enum: ['logic-v1', 'logic-v2', 'name-based',
    'name-qualified', 'regression-v1', 'best', 'kordon'] },
  'yente algorithm name, case-insensitive; all are scored by the Kordon matcher.'),
];

const doc = {
  openapi: '3.0.3',
  info: { title: 'Kordon screening API', version: '@KD_VERSION@',
    description: 'Sanctions screening over official lists. /match, /search, /entities, /catalog and /updatez follow the request and response shapes of the OpenSanctions yente API; entities are valid FollowTheMoney. Unknown request keys are ignored as yente does. /alerts, /book/import, /monitor and /audit are the review workflow over the store. Any answer over --max-answer bytes (default 8 MiB) is replaced by 422. Not described here: the web interface (GET /ui/ and its static files, no key needed; GET / and GET /ui redirect there with 302).' },
  security: [{ ApiKey: [] }, { Bearer: [] }, { Basic: [] }, { ApiKeyQuery: [] }],
  paths: {
    '/match/{dataset}': { post: {
      summary: 'Match entities (yente compatible)', operationId: 'match',
      parameters: [datasetPath, ...scoring,
        q('limit', { type: 'integer', minimum: 1, maximum: 500 },
          'Results per query (default 5). Above 500: 422.'), merge, ...filters],
      requestBody: { required: true, content: { 'application/json': { schema: ref('EntityMatchQuery') } } },
      responses: {
        200: json(ref('EntityMatchResponse'), 'One response per query'),
        400: err('Malformed request: bad JSON, a value of the wrong type, no queries, a schema that is not a matchable FtM schema, an unknown dataset, topic or schema filter, a bad number'),
        401: common401, 404: err('Unknown dataset in the path'),
        413: body413,
        422: err(`Invalid query: missing schema or properties, unknown property, more than 100 queries or 50 values, a value over 1000 bytes, limit over 500, changed_since not a date; names of all queries x limit over --work-budget (default 25000); ${cap}`),
        503: { ...err('Index not loaded yet, or the request ran past --work-timeout (default 10000 ms) and was stopped between queries (with Retry-After)'),
          headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds (5), when the request was stopped' } } } } } },
    '/search/{dataset}': { get: {
      summary: 'Search by name, or list entities (yente compatible)', operationId: 'search',
      parameters: [datasetPath,
        q('q', { type: 'string' }, 'The name to search; without it, entities in scope are listed in list order.'),
        q('limit', { type: 'integer', minimum: 1, maximum: 500 }, 'Results (default 10). Above 500: 422.'),
        q('offset', { type: 'integer', minimum: 0, maximum: 10000 }, 'Results to skip (applied and echoed).'),
        q('schema', { type: 'string', enum: matchable }, 'Only this FtM schema (and schemata extending it).'),
        list('countries', 'Only entities with one of these country codes in a country property.'),
        list('datasets', 'Only results from these lists (as include_dataset).'),
        q('target', { type: 'boolean' }, 'Only targets (true) or non-targets (false).'),
        { ...merge, description: `With q: ${merge.description} Without q the list records are listed, one by one.` },
        ...scoring, ...filters],
      responses: { 200: json(ref('SearchResponse'), 'Entities, total hit count, facets (countries, topics, datasets)'),
        400: err('Bad parameter, unknown dataset, topic or schema'), 401: common401,
        404: err('Unknown dataset in the path'), 422: err(`Bad limit, offset, target or changed_since; ${cap}`),
        503: common503 } } },
    '/entities/{entity_id}': { get: {
      summary: 'One entity, its sanctions nested', operationId: 'fetch_entity',
      parameters: [{ name: 'entity_id', in: 'path', required: true, schema: { type: 'string' } },
        q('nested', { type: 'boolean', default: true }, 'Nest the Sanction entities under properties.sanctions (default true, as yente).'),
        merge],
      responses: { 200: json(ref('Entity'), 'The entity'), 401: common401,
        404: err('Unknown entity id'), 422: err(`nested not true or false; ${cap}`), 503: common503 } } },
    '/entities/{entity_id}/adjacent': { get: {
      summary: 'An entity and the entities linked to it, by property', operationId: 'fetch_entity_adjacent',
      parameters: [{ name: 'entity_id', in: 'path', required: true, schema: { type: 'string' } }, merge],
      responses: { 200: json(ref('Adjacent'), 'The entity and its sanctions'), 401: common401,
        404: err('Unknown entity id'), 422: err(cap), 503: common503 } } },
    '/catalog': { get: { summary: 'Loaded lists, versions and freshness', operationId: 'catalog',
      responses: { 200: json(ref('Catalog'), 'Datasets: one per list plus the `default` collection'),
        401: common401, 503: common503 } } },
    '/algorithms': { get: { summary: 'Accepted algorithm names', operationId: 'algorithms',
      responses: { 200: json({ type: 'object' }, 'Algorithm names'), 401: common401 } } },
    '/healthz': { get: { summary: 'Liveness', operationId: 'healthz', security: [],
      responses: { 200: json({ type: 'object', properties: { status: { type: 'string' } } }, 'The process answers') } } },
    '/readyz': { get: { summary: 'Readiness and freshness', operationId: 'readyz', security: [],
      responses: { 200: json({ type: 'object', properties: {
        status: { type: 'string', enum: ['ok', 'stale'] }, index_version: { type: 'integer' },
        entities: { type: 'integer' }, loaded_at: { type: 'number' },
        index_stale: { type: 'boolean', description: 'A reload failed after this index was loaded' },
        last_reload_error: { type: 'string', nullable: true } } },
      'An index is serving (stale after a failed reload)'), 503: common503 } } },
    '/metrics': { get: { summary: 'Prometheus metrics', operationId: 'metrics',
      responses: { 200: { description: 'Prometheus text format 0.0.4',
        content: { 'text/plain': { schema: { type: 'string' } } } }, 401: common401 } } },
    '/scan': { post: {
      summary: 'Find listed entities in free text, a SWIFT MT message or an ISO 20022 pacs.008 document (the body)',
      operationId: 'scan',
      parameters: [q('format', { type: 'string', enum: ['auto', 'text', 'mt', 'pacs008'] }, 'Body format'),
        q('threshold', { type: 'number', exclusiveMinimum: true, minimum: 0, maximum: 1 }, 'Score for a hit; not a number in (0,1]: 400'),
        q('dataset', { type: 'string', default: 'default' }, 'The scope, as the path of /match: `default` for every loaded list, or a list id from /catalog (unknown: 404).'),
        ...filters],
      requestBody: { required: true, content: { 'text/plain': { schema: { type: 'string' } } } },
      responses: { 200: json({ type: 'object' }, 'Hits with byte offsets, as kordon scan --json'),
        400: err('Bad format or threshold, an unknown dataset, topic or schema filter'), 401: common401,
        404: err('Unknown dataset'), 413: body413,
        422: err(`Malformed message (line and column in detail), empty body; ${cap}`), 503: common503 } } },
    '/openapi.json': { get: { summary: 'This document', operationId: 'openapi',
      responses: { 200: json({ type: 'object' }, 'OpenAPI 3 document'), 401: common401 } } },
    '/updatez': { post: { summary: 'Reload the lists without downtime', operationId: 'updatez',
      description: 'Rebuilds the index from the data path and swaps it in; requests in flight finish on the old index. Answers when the reload is over.',
      security: [{ UpdateToken: [] }, { UpdateTokenQuery: [] }],
      parameters: [q('token', { type: 'string' }, 'The update token (as yente), instead of Authorization: Bearer')],
      responses: { 200: json({ type: 'object', properties: { status: { type: 'string' },
        index_version: { type: 'integer' }, entities: { type: 'integer' }, seconds: { type: 'number' } } }, 'Reloaded'),
      401: err('No token'), 403: err('Wrong token, or updates disabled'), 413: body413,
      500: err('Reload failed; the previous index keeps serving (stale)'), 503: err('Shutting down') } } },
    '/alerts': { get: {
      summary: 'Alerts of the review workflow, oldest first', operationId: 'alerts',
      parameters: [q('status', { type: 'string', enum: ['open', 'decided', 'closed', 'all'], default: 'open' },
        'open: to review (also escalated, or waiting for the second reviewer of a four-eyes true_match); decided: final; closed: delisted, no longer matching or record retired.'),
        q('book', { type: 'string' }, 'Only alerts of this book (default: every book).'),
        q('limit', { type: 'integer', minimum: 1, maximum: 10000, default: 100 }, 'Alerts per page.'),
        q('after', { type: 'integer', minimum: 0, default: 0 }, 'Only alerts with a larger id (the last id of the previous page).')],
      responses: { 200: json({ type: 'array', items: ref('Alert') }, 'Alerts by id'),
        400: err('Bad status, limit or after'), 401: common401, 422: err(cap),
        500: err('Store error'), 503: store503 } } },
    '/alerts/{id}': { get: {
      summary: 'One alert with both sides, its decisions and the history of the pair', operationId: 'alert',
      parameters: [alertId],
      responses: { 200: json(ref('AlertDetail'), 'The alert'), 401: common401,
        404: err('No such alert'), 422: err(cap), 500: err('Store error'), 503: store503 } } },
    '/alerts/{id}/decision': { post: {
      summary: 'Decide an open alert', operationId: 'decide',
      description: 'The reviewer is the user the API key names (KORDON_API_USERS); on a server without API keys, the body\'s `by`. With four-eyes on (`kordon store set four_eyes on`) a true_match is final only when a second, different reviewer confirms it. Every attempt is audited, refused ones too.',
      parameters: [alertId],
      requestBody: { required: true, content: { 'application/json': { schema: ref('Decision') } } },
      responses: { 200: json(ref('DecisionResult'), 'Recorded'),
        401: common401,
        403: err('The key names no user, or four-eyes: the same reviewer cannot confirm their own true_match'),
        404: err('No such alert'),
        409: err('The alert is no longer open, or changed since `version` (another reviewer was first)'),
        413: body413,
        422: err('Body not a JSON object (line:column), missing decision or reason (or by, without API keys), version not an integer, unknown decision'),
        500: err('Store error'), 503: store503 } } },
    '/book/import': { post: {
      summary: 'Import book records (the client portfolio to monitor)', operationId: 'book_import',
      description: 'CSV with a header naming id, name and optionally schema, birth_date, country, id_number; or JSON lines with the same keys. Bad rows are skipped and named (body:LINE) in `errors`.',
      parameters: [book,
        q('full', { type: 'string', enum: ['1'] }, '`1`: the body is the whole book; records not in it are retired (their open alerts close), and a body with a bad row is refused (422).'),
        q('format', { type: 'string', enum: ['csv', 'jsonl'] }, 'Default: jsonl when the body starts with `{`, else csv.')],
      requestBody: { required: true, content: {
        'text/csv': { schema: { type: 'string' } }, 'application/x-ndjson': { schema: { type: 'string' } } } },
      responses: { 200: json(ref('ImportStats'), 'Imported'),
        400: err('Bad format'), 401: common401, 403: noUser403, 413: body413,
        422: err('Empty body, no usable header or rows, or a full import with skipped rows'),
        500: err('Store error; nothing imported'), 503: store503 } } },
    '/monitor': { post: {
      summary: 'Start a monitor run of a book with the serving index', operationId: 'monitor',
      description: 'A background run: the answer (202) comes at once with the run\'s status resource in Location; GET it for progress and, when done, the summary. Records new or changed since their last screening are screened against every entity, the rest only against entities added or changed since the book\'s last run; removed entities close their alerts. One run at a time per server (409 with the running one in Location). The request is an audit record (monitor_requested, or monitor_refused for a 409), the run another (monitor_run, or monitor_failed).',
      parameters: [book,
        q('full', { type: 'string', enum: ['1'] }, '`1`: screen every record against every entity.')],
      responses: { 202: { ...json(ref('MonitorRun'), 'The run, started'),
          headers: { Location: { schema: { type: 'string' }, description: '/monitor/runs/{id}' } } },
        401: common401, 403: noUser403,
        409: { ...err('A run of this server is in progress'),
          headers: { Location: { schema: { type: 'string' }, description: 'The running one, /monitor/runs/{id}' } } },
        503: err('Index not loaded yet, no store, the request could not be audited, or shutting down') } } },
    '/monitor/runs': { get: {
      summary: 'The recent monitor runs of this server, newest first', operationId: 'monitor_runs',
      description: 'Kept in memory (the last 32); the audit trail keeps every run.',
      responses: { 200: json({ type: 'array', items: ref('MonitorRun') }, 'The runs'), 401: common401 } } },
    '/monitor/runs/{id}': { get: {
      summary: 'One monitor run: state, progress, summary or error', operationId: 'monitor_run',
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
      responses: { 200: json(ref('MonitorRun'), 'The run'), 401: common401,
        404: err('No such run on this server (runs are kept in memory; see the audit trail)') } } },
    '/audit': { get: {
      summary: 'The audit trail', operationId: 'audit',
      parameters: [q('alert', { type: 'integer', minimum: 0 }, 'Only records about this alert (not with format=csv).'),
        q('from', { type: 'string' }, 'ISO date or time prefix: records at or after (2026-03-01, 2026-03-01T10:00).'),
        q('to', { type: 'string' }, 'ISO date or time prefix: records before.'),
        q('limit', { type: 'integer', minimum: 1, maximum: 100000, default: 500 }, 'Records in a json answer (newest first); jsonl and csv give all.'),
        q('format', { type: 'string', enum: ['json', 'jsonl', 'csv'], default: 'json' }, 'json: a page with the chain verified; jsonl, csv: the export of `kordon audit export`, as a download.')],
      responses: { 200: { description: 'json: the page; jsonl or csv: the export (Content-Disposition: attachment)',
        content: { 'application/json': { schema: ref('AuditPage') },
          'application/x-ndjson': { schema: { type: 'string' } },
          'text/csv': { schema: { type: 'string' } } } },
      400: err('Bad format, alert, from, to or limit; alert with csv'), 401: common401,
      422: err(cap), 500: err('Store error'), 503: store503 } } },
    '/whoami': { get: { summary: 'The user the presented API key names', operationId: 'whoami',
      responses: { 200: json({ type: 'object', required: ['user', 'auth'], properties: {
        user: { type: 'string', nullable: true, description: 'null when the key names nobody in KORDON_API_USERS (such a key may search but not decide), or on an open server' },
        auth: { type: 'string', enum: ['key', 'open'], description: 'open: the server has no API keys' } } }, 'Who'),
      401: common401 } } },
  },
  components: {
    securitySchemes: {
      ApiKey: { type: 'apiKey', in: 'header', name: 'Authorization',
        description: '`Authorization: ApiKey <key>`; keys are required only when the server is configured with them.' },
      Bearer: { type: 'http', scheme: 'bearer', description: 'The API key as a bearer token.' },
      Basic: { type: 'http', scheme: 'basic', description: 'The API key as the password (or as the user name).' },
      ApiKeyQuery: { type: 'apiKey', in: 'query', name: 'api_key' },
      UpdateToken: { type: 'http', scheme: 'bearer' },
      UpdateTokenQuery: { type: 'apiKey', in: 'query', name: 'token' },
    },
    schemas: {
      Error: { type: 'object', required: ['detail'], properties: { detail: { type: 'string' } } },
      Value: { oneOf: [{ type: 'string' }, { type: 'number' }] },
      Values: { oneOf: [ref('Value'), { type: 'array', items: ref('Value'), maxItems: 50 }] },
      EntityExample: { type: 'object', required: ['schema', 'properties'],
        description: 'Other keys (filters, params...) are ignored.',
        properties: { id: { type: 'string', nullable: true, description: 'Echoed in `query`' },
          schema: { type: 'string', enum: matchable },
          properties: { type: 'object', additionalProperties: ref('Values'),
            description: 'FollowTheMoney properties of the matchable schemata; numbers become strings. Used for scoring: name, alias, previousName, weakAlias (or firstName, secondName, middleName, fatherName, lastName), birthDate, nationality, citizenship, country, jurisdiction, idNumber, passportNumber, registrationNumber, imoNumber, taxNumber, innCode, ogrnCode, leiCode, swiftBic...; other FtM properties are accepted and ignored; names that are no FtM property are refused (422). A query without a name or identifier is accepted and matches nothing.' } } },
      EntityMatchQuery: { type: 'object', required: ['queries'],
        description: 'Other keys (weights, params, config...) are ignored.',
        properties: { queries: { type: 'object', minProperties: 1, maxProperties: 100,
          additionalProperties: ref('EntityExample') } } },
      Entity: { type: 'object', required: ['id', 'caption', 'schema', 'properties', 'datasets',
        'referents', 'target', 'first_seen', 'last_seen', 'last_change'],
      properties: { id: { type: 'string' }, caption: { type: 'string' }, schema: { type: 'string' },
        properties: { type: 'object', description: 'FtM properties; `sanctions` holds nested Sanction entities',
          additionalProperties: { type: 'array', items: { oneOf: [{ type: 'string' }, ref('Entity')] } } },
        datasets: { type: 'array', items: { type: 'string' } },
        referents: { type: 'array', items: { type: 'string' } },
        target: { type: 'boolean' },
        first_seen: { type: 'string', format: 'date-time', nullable: true },
        last_seen: { type: 'string', format: 'date-time', nullable: true },
        last_change: { type: 'string', format: 'date-time', nullable: true } } },
      Explanation: { type: 'object', properties: { score: { type: 'number' }, detail: { type: 'string' } } },
      ScoredEntity: { allOf: [ref('Entity'), { type: 'object', properties: {
        score: { type: 'number' }, match: { type: 'boolean' },
        features: { type: 'object', additionalProperties: { type: 'number' } },
        explanations: { type: 'object', additionalProperties: ref('Explanation') } } }] },
      Total: { type: 'object', properties: { value: { type: 'integer', description: 'Hits at or above cutoff before limit' },
        relation: { type: 'string' } } },
      EntityMatches: { type: 'object', properties: { status: { type: 'integer' },
        results: { type: 'array', items: ref('ScoredEntity') }, total: ref('Total'),
        query: ref('EntityExample') } },
      EntityMatchResponse: { type: 'object', properties: { responses: { type: 'object',
        additionalProperties: ref('EntityMatches') }, limit: { type: 'integer' } } },
      Facet: { type: 'object', properties: { label: { type: 'string' }, values: { type: 'array',
        items: { type: 'object', properties: { name: { type: 'string' }, label: { type: 'string' },
          count: { type: 'integer' } } } } } },
      SearchResponse: { type: 'object', properties: { results: { type: 'array', items: ref('ScoredEntity') },
        total: ref('Total'), limit: { type: 'integer' }, offset: { type: 'integer' },
        facets: { type: 'object', properties: { countries: ref('Facet'), topics: ref('Facet'), datasets: ref('Facet') } } } },
      Adjacent: { type: 'object', properties: { entity: ref('Entity'), adjacent: { type: 'object',
        additionalProperties: { type: 'object', properties: { results: { type: 'array', items: ref('Entity') },
          total: ref('Total'), limit: { type: 'integer' }, offset: { type: 'integer' } } } } } },
      Dataset: { type: 'object', properties: { name: { type: 'string' }, title: { type: 'string' },
        type: { type: 'string', enum: ['source', 'collection'] }, version: { type: 'string' },
        index_version: { type: 'string' }, index_current: { type: 'boolean' },
        tags: { type: 'array', items: { type: 'string' } }, children: { type: 'array', items: { type: 'string' } },
        load: { type: 'boolean' }, entity_count: { type: 'integer' } } },
      Alert: { type: 'object', properties: { id: { type: 'integer' }, book: { type: 'string' },
        record_id: { type: 'string' }, entity_id: { type: 'string' }, caption: { type: 'string' },
        status: { type: 'string', enum: ['open', 'decided', 'closed'] }, score: { type: 'number' },
        explanation: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' },
          weight: { type: 'number' }, detail: { type: 'string' } } } },
        lists: { type: 'string' }, list_version: { type: 'string' }, matcher_version: { type: 'string' },
        created_at: { type: 'string', format: 'date-time' }, updated_at: { type: 'string', format: 'date-time' },
        decision: { type: 'string', nullable: true, enum: ['true_match', 'false_positive', 'escalate', null] },
        decided_by: { type: 'string', nullable: true }, reason: { type: 'string', nullable: true },
        pending_by: { type: 'string', nullable: true, description: 'First reviewer of a four-eyes true_match' },
        closed_reason: { type: 'string', nullable: true }, prev_alert: { type: 'integer', nullable: true },
        version: { type: 'integer', description: 'Send it back in a decision to detect a race' } } },
      AlertDetail: { allOf: [ref('Alert'), { type: 'object', properties: {
        record: { type: 'object', description: 'The book record as it is now', properties: {
          id: { type: 'string' }, name: { type: 'string' }, schema: { type: 'string', nullable: true },
          birth_date: { type: 'string', nullable: true }, country: { type: 'string', nullable: true },
          id_number: { type: 'string', nullable: true }, status: { type: 'string' },
          changed_since_alert: { type: 'boolean' } } },
        entity: { type: 'object', nullable: true, description: 'The listed entity as it was when the alert was raised (FtM)' },
        decisions: { type: 'array', items: { type: 'object', properties: { decision: { type: 'string' },
          reason: { type: 'string' }, by: { type: 'string' }, at: { type: 'string', format: 'date-time' },
          outcome: { type: 'string' } } } },
        history: { type: 'array', description: 'Every alert of this record and entity', items: { type: 'object' } } } }] },
      Decision: { type: 'object', required: ['decision', 'reason'], properties: {
        decision: { type: 'string', enum: ['true_match', 'false_positive', 'escalate'] },
        reason: { type: 'string', minLength: 1 },
        version: { type: 'integer', description: 'The alert version the reviewer saw; 409 when it changed (omitted or 0: any)' },
        by: { type: 'string', description: 'The reviewer, on a server without API keys only (ignored otherwise)' } } },
      DecisionResult: { type: 'object', properties: { id: { type: 'integer' },
        status: { type: 'string', enum: ['open', 'decided'] },
        outcome: { type: 'string', enum: ['final', 'pending_second_review', 'escalated'] },
        version: { type: 'integer' }, by: { type: 'string' } } },
      ImportStats: { type: 'object', properties: { rows: { type: 'integer' }, added: { type: 'integer' },
        changed: { type: 'integer' }, unchanged: { type: 'integer' }, revived: { type: 'integer' },
        retired: { type: 'integer' }, skipped: { type: 'integer' },
        errors: { type: 'string', description: 'One line per skipped row: body:LINE: why' } } },
      MonitorStats: { type: 'object', properties: { mode: { type: 'string', enum: ['full', 'delta'] },
        list_version: { type: 'string' }, records: { type: 'integer' }, screened: { type: 'integer' },
        delta_candidates: { type: 'integer' }, entities_added: { type: 'integer' },
        entities_changed: { type: 'integer' }, entities_removed: { type: 'integer' },
        new: { type: 'integer' }, updated: { type: 'integer' }, unchanged: { type: 'integer' },
        quiet: { type: 'integer' }, closed: { type: 'integer' }, seconds: { type: 'number' },
        audit_seq: { type: 'integer', description: 'Audit record of the run' } } },
      MonitorRun: { type: 'object', properties: { id: { type: 'integer' },
        state: { type: 'string', enum: ['running', 'done', 'failed', 'stopped'], description: 'stopped: at shutdown, after a block; a rerun finishes it' },
        location: { type: 'string' }, book: { type: 'string' }, full: { type: 'boolean' },
        actor: { type: 'string' }, started_at: { type: 'string' }, finished_at: { type: 'string', nullable: true },
        progress: { type: 'object', description: 'Records screened so far against every entity, of those to screen (0 of 0 in a delta)',
          properties: { done: { type: 'integer' }, total: { type: 'integer' } } },
        summary: { allOf: [ref('MonitorStats')], nullable: true, description: 'When done' },
        error: { type: 'string', nullable: true, description: 'When failed or stopped' } } },
      AuditPage: { type: 'object', properties: {
        chain: { type: 'object', description: 'The whole trail verified', properties: { ok: { type: 'boolean' },
          records: { type: 'integer' }, bad_seq: { type: 'integer', description: 'First bad record, 0 when ok' },
          detail: { type: 'string', description: 'The head hash when ok, else what is wrong' } } },
        total: { type: 'integer', description: 'Records matching alert/from/to' },
        records: { type: 'array', description: 'Newest first, at most limit', items: { type: 'object', properties: {
          seq: { type: 'integer' }, at: { type: 'string', format: 'date-time' }, actor: { type: 'string' },
          action: { type: 'string' }, subject: { type: 'string', nullable: true },
          list_version: { type: 'string', nullable: true }, matcher_version: { type: 'string', nullable: true },
          input: { type: 'object' }, result: { type: 'object' },
          prev_hash: { type: 'string' }, hash: { type: 'string' } } } } } },
      Catalog: { type: 'object', properties: { datasets: { type: 'array', items: ref('Dataset') },
        current: { type: 'array', items: { type: 'string' } }, outdated: { type: 'array', items: { type: 'string' } },
        index_stale: { type: 'boolean' }, index_version: { type: 'integer' }, index_loaded_at: { type: 'number' },
        last_reload_error: { type: 'string', nullable: true } } },
    },
  },
};

const chunks = (t) => {
  const out = [];
  for (let i = 0; i < t.length; i += 64) out.push('\t' + JSON.stringify(t.slice(i, i + 64)).replace(/\?\?/g, '?\\?'));
  return out;
};
const [before, after] = JSON.stringify(doc).split('@KD_VERSION@');
const c = [...chunks(before), '\tKD_VERSION_STRING', ...chunks(after)].join('\n');
process.stdout.write(`/*
 * openapi.c - the OpenAPI 3.0 description served at /openapi.json.
 *
 * Generated by scripts/openapi.js (readable there): run
 * \`scripts/openapi.js > server/openapi.c\` after changing a route, a
 * parameter or a response shape. tests/server_test.sh checks it parses and
 * lists every route; tests/yente/client.test.js that every parameter a
 * yente client sends is declared.
 */
#include "server.h"

const char srv_openapi_json[] =
${c}
\t"\\n";
`);
