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
 *   - success gives at most SRV_MAX_QUERIES queries, each with a name or
 *     an identifier, every value non-blank, valid UTF-8, within the
 *     length limit (composed names: within the sum of five parts), and
 *     at most SRV_MAX_VALUES values per property;
 *   - parsing twice gives the same outcome (no hidden state);
 *   - the query-string parsers accept only what they document.
 */
#include "../server/request.c"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_strs(const char *const *v, size_t n, size_t maxlen)
{
	size_t i;
	for (i = 0; i < n; i++) {
		size_t len;
		if (v[i] == NULL || !non_blank(v[i]))
			__builtin_trap();
		len = strlen(v[i]);
		if (len > maxlen || kd__utf8_invalid_at(v[i], len))
			__builtin_trap();
	}
}

static void check_ok(const struct mreq *m)
{
	size_t i;
	if (m->n > SRV_MAX_QUERIES)
		__builtin_trap();
	for (i = 0; i < m->n; i++) {
		const kd_query *q = &m->items[i].q;
		if (m->items[i].key == NULL)
			__builtin_trap();
		if (q->nnames == 0 && q->nidentifiers == 0)
			__builtin_trap();
		if (q->schema >= KD_SCHEMA__COUNT)
			__builtin_trap();
		check_strs(q->names, q->nnames, 5 * SRV_MAX_VALUE_LEN + 4);
		check_strs(q->birth_dates, q->nbirth_dates, SRV_MAX_VALUE_LEN);
		check_strs(q->countries, q->ncountries, SRV_MAX_VALUE_LEN);
		check_strs(q->identifiers, q->nidentifiers,
			     SRV_MAX_VALUE_LEN);
	}
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
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mreq m, m2;
	struct req_err err, err2;
	int rc = srv_mreq_parse(&m, (const char *)data, size, SRV_MAX_QUERIES,
				&err);
	int rc2 = srv_mreq_parse(&m2, (const char *)data, size,
				 SRV_MAX_QUERIES, &err2);
	if (rc != rc2 || err.status != err2.status ||
	    strcmp(err.detail, err2.detail) != 0 || m.n != m2.n)
		__builtin_trap();
	if (rc == 0) {
		check_ok(&m);
	} else {
		if (err.status != 400 && err.status != 422 &&
		    err.status != 500)
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
