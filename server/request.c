/*
 * request.c - turn a yente `/match` body into kd_query values, or into a
 * 4xx answer that says exactly what is wrong and where.
 *
 * The body is parsed by jansson (UTF-8 checked, NUL in strings refused,
 * duplicate keys refused, nesting depth bounded by jansson). Then every
 * query is read the way yente reads it, with the status split the API
 * documents:
 *
 *   400  not JSON, a value of the wrong JSON type, no queries at all,
 *        a schema that is not a matchable FollowTheMoney schema
 *   422  well-typed but invalid: missing `queries`, `schema` or
 *        `properties`, unknown property, too many queries / values,
 *        a value too long
 *
 * Like yente, keys Kordon does not use are ignored, not refused: a real
 * client sends `"filters": null, "params": null` in every query and
 * `params`/`weights` at the top level; their names are kept in
 * mreq.ignored for a debug log line. Property values are strings, lists
 * of strings, or numbers (turned into strings: "birthDate": [1965]).
 *
 * Schemas: every matchable FtM schema (server/ftm_props.inc, generated
 * from the FtM model) is accepted; those Kordon has no own scoring for
 * (PublicBody -> Organization, Address, BankAccount, ... -> any) are
 * mapped. Properties are FollowTheMoney names. Those the scorer uses are
 * mapped onto the query (name/alias/previousName/weakAlias -> names,
 * birthDate -> dates, nationality/country/citizenship/jurisdiction/... ->
 * countries, idNumber/passportNumber/imoNumber/registrationNumber/... ->
 * identifiers; firstName/lastName/... compose a name when none is given);
 * every other property of a matchable schema is accepted and ignored;
 * anything else is a typo and gets 422.
 *
 * Each query keeps an echo {"id"?,"schema","properties"} with the
 * client's property names and the cleaned values (numbers as strings,
 * blanks trimmed, empty values dropped), which /match sends back as
 * `query`, as yente does.
 *
 * Memory: the jansson document is kept (query strings are borrowed from
 * it); every query's slices point into one array `values`, filled through
 * offsets while it grows and fixed up at the end.
 *
 * This file is pure (no HTTP, no index, no globals) so that
 * fuzz/fuzz_match_request.c can #include it as its single translation unit.
 */
#include "request.h"

#include "util.h"

#include <errno.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ftm_props.inc"

const char *const srv_algorithms[] = { "logic-v1",      "logic-v2",
				       "name-based",    "name-qualified",
				       "regression-v1", "best",
				       "kordon",        NULL };

static int fail(struct req_err *err, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Set the answer; bytes that are not UTF-8 (jansson quotes the input
 * near a syntax error) become '?', so the detail is always valid JSON. */
static int fail(struct req_err *err, int status, const char *fmt, ...)
{
	va_list ap;
	size_t i = 0, n, bad;
	err->status = status;
	va_start(ap, fmt);
	vsnprintf(err->detail, sizeof(err->detail), fmt, ap);
	va_end(ap);
	n = strlen(err->detail);
	while ((bad = kd__utf8_invalid_at(err->detail + i, n - i)) != 0) {
		err->detail[i + bad - 1] = '?';
		i += bad;
	}
	return -1;
}

static int cmp_str(const void *key, const void *el)
{
	return strcmp(key, *(const char *const *)el);
}

#define N_(a) (sizeof(a) / sizeof((a)[0]))

int srv_schema_parse(kd_schema *out, const char *name)
{
	return kd_schema_parse_ftm(out, name) < 0 ? -1 : 0;
}

/* Remember an ignored key for the debug log ("params,queries.*.filters"),
 * letters, digits and "_.*-" only (the rest becomes '?': no log
 * injection), at most 40 bytes of a key. */
static void ignored(struct mreq *m, const char *prefix, const char *k)
{
	char t[48];
	size_t i, n = strlen(m->ignored);
	for (i = 0; k[i] && i < 40; i++) {
		char c = k[i];
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			 (c >= '0' && c <= '9') || c == '_' || c == '-';
		t[i] = ok ? c : '?';
	}
	t[i] = '\0';
	if (strstr(m->ignored, t) ||
	    n + strlen(prefix) + i + 2 >= sizeof(m->ignored))
		return;
	snprintf(m->ignored + n, sizeof(m->ignored) - n, "%s%s%s", n ? "," : "",
		 prefix, t);
}

struct parse {
	struct mreq *m;
	struct req_err *err;
	char qkey[48]; /* clipped query key, for messages */
};

/* A number as yente's pydantic model turns it into a string. */
static json_t *num_string(const json_t *x)
{
	char t[64];
	if (json_is_integer(x))
		snprintf(t, sizeof(t), "%" JSON_INTEGER_FORMAT,
			 json_integer_value(x));
	else
		snprintf(t, sizeof(t), "%.17g", json_real_value(x));
	return json_string(t);
}

/* True when s has a non-blank character: blank values are skipped. */
static int non_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 1;
	return 0;
}

/* s without leading and trailing blanks, as a new JSON string. */
static json_t *trimmed(const char *s)
{
	size_t n = strlen(s);
	while (n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' ||
		     s[n - 1] == '\n'))
		n--;
	return json_stringn(s, n);
}

/* The echo of a query: the client's id, schema and property names, the
 * values cleaned (strings, trimmed, blanks dropped). */
static json_t *make_echo(json_t *q, const char *schema, json_t *props)
{
	json_t *echo = json_object(), *eprops = json_object(), *v, *id;
	const char *k;
	if (echo == NULL || eprops == NULL)
		goto oom;
	if ((id = json_object_get(q, "id")) && json_is_string(id) &&
	    json_object_set(echo, "id", id) < 0)
		goto oom;
	if (json_object_set_new(echo, "schema", json_string(schema)) < 0)
		goto oom;
	json_object_foreach(props, k, v)
	{
		json_t *list = json_array();
		size_t i, n = json_is_array(v) ? json_array_size(v) : 1;
		if (list == NULL || json_object_set_new(eprops, k, list) < 0)
			goto oom;
		for (i = 0; i < n; i++) {
			json_t *x = json_is_array(v) ? json_array_get(v, i) : v;
			const char *s = json_string_value(x);
			if (json_is_number(x)) {
				if (json_array_append_new(list, num_string(x)) <
				    0)
					goto oom;
			} else if (s && non_blank(s) &&
				   json_array_append_new(list, trimmed(s)) <
					   0) {
				goto oom;
			}
		}
	}
	if (json_object_set_new(echo, "properties", eprops) == 0)
		return echo;
	eprops = NULL;
oom:
	json_decref(eprops);
	json_decref(echo);
	return NULL;
}

/* One query: read by kd_query_from_json() (the library's reader of the
 * yente query shape, which names the field at fault; its KD_EPARSE is a
 * wrong type: 400, KD_EINVAL a validation failure: 422), plus the echo
 * and the keys ignored. */
static int parse_query(struct parse *p, struct mreq_query *item, json_t *q)
{
	const char *k;
	json_t *v;
	char *text;
	kd_parse_err perr;
	int rc;

	if (!json_is_object(q))
		return fail(p->err, 400, "queries.%s: expected an object",
			    p->qkey);
	json_object_foreach(q, k, v)
	{
		if (strcmp(k, "schema") != 0 && strcmp(k, "properties") != 0 &&
		    strcmp(k, "id") != 0)
			ignored(p->m, "queries.*.", k); /* filters, params.. */
	}
	if ((text = json_dumps(q, JSON_COMPACT)) == NULL)
		return fail(p->err, 500, "out of memory");
	rc = kd_query_from_json(&item->q, text, strlen(text), &perr);
	free(text);
	if (rc < 0)
		return fail(p->err,
			    rc == KD_EPARSE   ? 400
			    : rc == KD_EINVAL ? 422
					      : 500,
			    "queries.%s.%s", p->qkey,
			    rc == KD_ENOMEM ? kd_strerror(rc) : perr.msg);
	item->echo = make_echo(q,
			       json_string_value(json_object_get(q, "schema")),
			       json_object_get(q, "properties"));
	if (item->echo == NULL)
		return fail(p->err, 500, "out of memory");
	/* No name and no identifier (a nationality alone): accepted, as
	 * yente does; nothing can match it (the handler answers 0 results
	 * without screening). */
	return 0;
}

static int parse_queries(struct parse *p, json_t *queries, size_t max)
{
	struct mreq *m = p->m;
	size_t nq = json_object_size(queries), i = 0;
	const char *k;
	json_t *q;

	if (nq > max)
		return fail(p->err, 422, "queries: more than %zu queries", max);
	if (nq == 0)
		return fail(p->err, 400,
			    "queries: at least one query is "
			    "required");
	m->items = kd__calloc(nq, sizeof(*m->items));
	m->nalloc = m->items ? nq : 0;
	if (m->items == NULL)
		return fail(p->err, 500, "out of memory");
	json_object_foreach(queries, k, q)
	{
		kd__utf8_clip(p->qkey, sizeof(p->qkey), k, 40);
		m->items[i].key = k;
		if (parse_query(p, &m->items[i], q) < 0)
			return -1;
		m->n = ++i;
	}
	return 0;
}

int srv_mreq_parse(struct mreq *out, const char *body, size_t len,
		   size_t max_queries, struct req_err *err)
{
	struct parse p;
	json_error_t jerr;
	json_t *root, *queries = NULL, *v;
	const char *k;

	memset(out, 0, sizeof(*out));
	memset(&p, 0, sizeof(p));
	p.m = out;
	p.err = err;
	err->status = 0;
	err->detail[0] = '\0';
	if (len == 0)
		return fail(err, 400, "empty body: expected a JSON object");
	root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL) {
		char t[160];
		kd__utf8_clip(t, sizeof(t), jerr.text, 120);
		return fail(err, 400, "invalid JSON at line %d, column %d: %s",
			    jerr.line, jerr.column, t);
	}
	out->root = root;
	if (!json_is_object(root))
		return fail(err, 400, "body: expected a JSON object");
	json_object_foreach(root, k, v)
	{
		if (strcmp(k, "queries") == 0) {
			if (!json_is_object(v))
				return fail(err, 400,
					    "queries: expected an object");
			queries = v;
		} else {
			/* weights, config, params...: yente scoring knobs and
			 * keys of other servers, ignored as yente does */
			ignored(out, "", k);
		}
	}
	if (queries == NULL)
		return fail(err, 422, "queries: field required");
	return parse_queries(&p, queries, max_queries);
}

void srv_mreq_free(struct mreq *m)
{
	size_t i;
	if (m == NULL)
		return;
	for (i = 0; i < m->nalloc; i++) {
		json_decref((json_t *)m->items[i].echo);
		kd_query_free(m->items[i].q);
	}
	kd__free(m->items);
	if (m->root)
		json_decref((json_t *)m->root);
	memset(m, 0, sizeof(*m));
}

/* ---- query-string parameters --------------------------------------------- */

int srv_parse_unit(double *out, const char *s)
{
	char *end;
	double v;
	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno || *end || !(v >= 0.0 && v <= 1.0))
		return -1;
	*out = v;
	return 0;
}

int srv_parse_size(size_t *out, const char *s, size_t lo, size_t hi)
{
	char *end;
	unsigned long long v;
	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return -1;
	*out = (size_t)v;
	return 0;
}

int srv_algorithm_known(const char *name)
{
	size_t i;
	for (i = 0; srv_algorithms[i]; i++)
		if (strcasecmp(srv_algorithms[i], name) == 0)
			return 1;
	return 0;
}

int srv_topic_known(const char *topic)
{
	return bsearch(topic, g_ftm_topic_names, N_(g_ftm_topic_names),
		       sizeof(g_ftm_topic_names[0]), cmp_str) != NULL;
}

static int dig(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int two(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

int srv_parse_datetime(char out[20], const char *s)
{
	static const int dim[] = { 31, 29, 31, 30, 31, 30,
				   31, 31, 30, 31, 30, 31 };
	size_t n;
	int y, m, d;
	if (s == NULL)
		return -1;
	n = strlen(s);
	if (n < 10 || !dig(s, 4) || s[4] != '-' || !dig(s + 5, 2) ||
	    s[7] != '-' || !dig(s + 8, 2))
		return -1;
	y = two(s) * 100 + two(s + 2);
	m = two(s + 5);
	d = two(s + 8);
	if (m < 1 || m > 12 || d < 1 || d > dim[m - 1] ||
	    (m == 2 && d == 29 &&
	     !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)))
		return -1;
	memcpy(out, s, 10);
	memcpy(out + 10, "T00:00:00", 10);
	if (n == 10)
		return 0;
	s += 10;
	if ((*s != 'T' && *s != ' ') || strlen(s) < 6 || !dig(s + 1, 2) ||
	    s[3] != ':' || !dig(s + 4, 2) || two(s + 1) > 23 || two(s + 4) > 59)
		return -1;
	memcpy(out + 11, s + 1, 5);
	s += 6;
	if (*s == ':') {
		if (!dig(s + 1, 2) || two(s + 1) > 59)
			return -1;
		memcpy(out + 17, s + 1, 2);
		s += 3;
		if (*s == '.') {
			s++;
			if (!dig(s, 1))
				return -1;
			while (*s >= '0' && *s <= '9')
				s++;
		}
	}
	/* a zone is accepted and not applied: list dates carry none */
	if (*s == 'Z')
		s++;
	else if ((*s == '+' || *s == '-') && dig(s + 1, 2) && s[3] == ':' &&
		 dig(s + 4, 2))
		s += 6;
	return *s ? -1 : 0;
}

/* ---- HTTP Basic credentials ------------------------------------------ */

static int b64(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+' || c == '-')
		return 62;
	if (c == '/' || c == '_')
		return 63;
	return -1;
}

int srv_b64_decode(char *out, size_t cap, size_t *len, const char *s)
{
	unsigned acc = 0;
	int bits = 0, v;
	size_t n = 0;
	for (; *s && *s != '='; s++) {
		if ((v = b64(*s)) < 0)
			return -1;
		acc = (acc << 6 | (unsigned)v) & 0xFFFFFF;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			if (n + 1 >= cap)
				return -1;
			out[n++] = (char)(acc >> bits & 0xFF);
		}
	}
	while (*s == '=')
		s++;
	if (*s)
		return -1;
	out[n] = '\0';
	*len = n;
	return 0;
}
