/*
 * fuzz_query_json.c - kd_query_from_json(), the reader of one query in
 * the yente /match shape that the CLI (batch JSON lines) and the server
 * (/match bodies) share, on arbitrary bytes.
 *
 * Properties:
 *   - never crash, never leak;
 *   - failure is KD_EPARSE, KD_EINVAL or KD_ENOMEM with a non-empty
 *     message and no query;
 *   - success gives a query whose values are non-blank valid UTF-8
 *     within KD_QUERY_MAX_VALUE_LEN (a composed name: five parts), at
 *     most KD_QUERY_MAX_VALUES per property times the properties;
 *   - reading twice gives the same query (no hidden state).
 */
#include "kordon.h"
#include "util/util.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const kd_prop_role g_roles[] = { KD_ROLE_NAME, KD_ROLE_BIRTH_DATE,
					KD_ROLE_COUNTRY, KD_ROLE_IDENTIFIER };

static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

static void check(const kd_query *q)
{
	size_t r, i;
	if (kd_query_schema(q) >= KD_SCHEMA__COUNT)
		__builtin_trap();
	for (r = 0; r < sizeof(g_roles) / sizeof(g_roles[0]); r++) {
		size_t n = kd_query_count(q, g_roles[r]);
		size_t max = g_roles[r] == KD_ROLE_NAME
				     ? 5 * KD_QUERY_MAX_VALUE_LEN + 4
				     : KD_QUERY_MAX_VALUE_LEN;
		for (i = 0; i < n; i++) {
			const char *v = kd_query_value(q, g_roles[r], i);
			size_t len;
			if (v == NULL || blank(v))
				__builtin_trap();
			len = strlen(v);
			if (len > max || kd__utf8_invalid_at(v, len))
				__builtin_trap();
		}
		if (kd_query_value(q, g_roles[r], n) != NULL)
			__builtin_trap();
	}
}

static int same(const kd_query *a, const kd_query *b)
{
	size_t r, i;
	if (kd_query_schema(a) != kd_query_schema(b))
		return 0;
	for (r = 0; r < sizeof(g_roles) / sizeof(g_roles[0]); r++) {
		size_t n = kd_query_count(a, g_roles[r]);
		if (kd_query_count(b, g_roles[r]) != n)
			return 0;
		for (i = 0; i < n; i++)
			if (strcmp(kd_query_value(a, g_roles[r], i),
				   kd_query_value(b, g_roles[r], i)) != 0)
				return 0;
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	kd_query *a = NULL, *b = NULL;
	kd_parse_err ea, eb;
	int ra = kd_query_from_json(&a, (const char *)data, size, &ea);
	int rb = kd_query_from_json(&b, (const char *)data, size, &eb);
	if (ra != rb)
		__builtin_trap();
	if (ra < 0) {
		if (a || b ||
		    (ra != KD_EPARSE && ra != KD_EINVAL && ra != KD_ENOMEM) ||
		    ea.msg[0] == '\0' || strcmp(ea.msg, eb.msg) != 0)
			__builtin_trap();
		return 0;
	}
	if (a == NULL || b == NULL)
		__builtin_trap();
	check(a);
	if (!same(a, b))
		__builtin_trap();
	kd_query_free(a);
	kd_query_free(b);
	return 0;
}
