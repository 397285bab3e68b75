/*
 * fuzz_match_request.c - the /match request body parser of `kordon serve`
 * (server/request.c) on arbitrary bytes.
 *
 * Fuzzers link only libkordon, not the server, and the parser is a pure
 * function of (body, len) for exactly this reason: the target includes
 * request.c itself as its single translation unit.
 *
 * Properties:
 *   - never crash, never leak (the parse result is freed on every path);
 *   - failure gives 400, 422 or 500 and a non-empty, valid UTF-8 detail
 *     (details quote user keys clipped at a character boundary);
 *   - success gives at most SRV_MAX_QUERIES (at least one) queries, each
 *     with an echo (schema, properties), every value non-blank, valid
 *     UTF-8, within the length limit (composed names: within the sum of
 *     five parts), at most SRV_MAX_VALUES values per property; the
 *     ignored-keys note holds only log-safe characters;
 *   - parsing twice gives the same outcome (no hidden state);
 *   - the query-string parsers accept only what they document
 *     (changed_since dates come out as YYYY-MM-DDTHH:MM:SS with digits;
 *     base64 decodes within its buffer, and re-decodes identically).
 */
#include "../server/request.c"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_strs(const kd_query *q, kd_prop_role role, size_t maxlen)
{
	size_t i, n = kd_query_count(q, role);
	for (i = 0; i < n; i++) {
		const char *v = kd_query_value(q, role, i);
		size_t len;
		if (v == NULL || !non_blank(v))
			__builtin_trap();
		len = strlen(v);
		if (len > maxlen || kd__utf8_invalid_at(v, len))
			__builtin_trap();
	}
	if (kd_query_value(q, role, n) != NULL)
		__builtin_trap();
}

static void check_ok(const struct mreq *m)
{
	size_t i;
	const char *c;
	if (m->n > SRV_MAX_QUERIES || m->n == 0)
		__builtin_trap();
	for (c = m->ignored; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || strchr("_-.*?,", *c)))
			__builtin_trap();
	for (i = 0; i < m->n; i++) {
		const kd_query *q = m->items[i].q;
		if (m->items[i].key == NULL)
			__builtin_trap();
		if (m->items[i].echo == NULL ||
		    !json_is_string(
			    json_object_get(m->items[i].echo, "schema")) ||
		    !json_is_object(
			    json_object_get(m->items[i].echo, "properties")))
			__builtin_trap();
		if (q == NULL || kd_query_schema(q) >= KD_SCHEMA__COUNT)
			__builtin_trap();
		check_strs(q, KD_ROLE_NAME, 5 * SRV_MAX_VALUE_LEN + 4);
		check_strs(q, KD_ROLE_BIRTH_DATE, SRV_MAX_VALUE_LEN);
		check_strs(q, KD_ROLE_COUNTRY, SRV_MAX_VALUE_LEN);
		check_strs(q, KD_ROLE_IDENTIFIER, SRV_MAX_VALUE_LEN);
	}
}

static void check_datetime(const char *s)
{
	char out[20];
	size_t i;
	if (srv_parse_datetime(out, s) < 0)
		return;
	for (i = 0; i < 19; i++)
		if (i == 4 || i == 7     ? out[i] != '-'
		    : i == 10            ? out[i] != 'T'
		    : i == 13 || i == 16 ? out[i] != ':'
					 : (out[i] < '0' || out[i] > '9'))
			__builtin_trap();
	if (out[19] != '\0')
		__builtin_trap();
}

static void check_b64(const char *s)
{
	char a[32], b[32];
	size_t n, m;
	if (srv_b64_decode(a, sizeof(a), &n, s) < 0)
		return;
	if (n >= sizeof(a) || a[n] != '\0' ||
	    srv_b64_decode(b, sizeof(b), &m, s) < 0 || m != n ||
	    memcmp(a, b, n) != 0)
		__builtin_trap();
}

static void check_params(const uint8_t *data, size_t size)
{
	char s[48];
	double d;
	size_t n = size < sizeof(s) - 1 ? size : sizeof(s) - 1, z;
	memcpy(s, data, n);
	s[n] = '\0';
	if (srv_parse_unit(&d, s) == 0 && !(d >= 0.0 && d <= 1.0))
		__builtin_trap();
	if (srv_parse_size(&z, s, 1, SRV_MAX_LIMIT) == 0 &&
	    (z < 1 || z > SRV_MAX_LIMIT))
		__builtin_trap();
	if (srv_algorithm_known(s) && strlen(s) > 20)
		__builtin_trap();
	check_datetime(s);
	check_b64(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mreq m, m2;
	struct req_err err, err2;
	int rc = srv_mreq_parse(&m, (const char *)data, size, SRV_MAX_QUERIES,
				&err);
	int rc2 = srv_mreq_parse(&m2, (const char *)data, size, SRV_MAX_QUERIES,
				 &err2);
	if (rc != rc2 || err.status != err2.status ||
	    strcmp(err.detail, err2.detail) != 0 || m.n != m2.n)
		__builtin_trap();
	if (rc == 0) {
		check_ok(&m);
	} else {
		if (err.status != 400 && err.status != 422 && err.status != 500)
			__builtin_trap();
		if (err.detail[0] == '\0' ||
		    kd__utf8_invalid_at(err.detail, strlen(err.detail)))
			__builtin_trap();
	}
	srv_mreq_free(&m);
	srv_mreq_free(&m2);
	check_params(data, size);
	return 0;
}
