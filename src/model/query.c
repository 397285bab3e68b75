/*
 * query.c - the screening query: a schema and FollowTheMoney property
 * values, built one value at a time (kd_query_add) or from the JSON of a
 * yente /match query (kd_query_from_json), which the CLI and the server
 * both use.
 *
 * What a value is evidence of comes from the property table (props.c):
 * names, name parts, the birth date, countries, identifiers; any other
 * property of a matchable schema is accepted and not compared; a name no
 * matchable schema has is refused, named in the error. Values are
 * copied. Blank values are dropped. Name parts (firstName, secondName,
 * middleName, fatherName, lastName: the first value of each, in that
 * order) compose one name, used only while the query has no full name.
 *
 * The handle is opaque, so the query can grow new kinds of evidence
 * without breaking callers (no struct layout, no parallel arrays).
 */
#include "query.h"
#include "model.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int kd_query_new(kd_query **out, kd_schema schema)
{
	kd_query *q;
	*out = NULL;
	if ((unsigned)schema >= KD_SCHEMA__COUNT)
		return kd__error_set(KD_EINVAL, "schema %d out of range",
				     (int)schema);
	q = kd__calloc(1, sizeof(*q));
	if (q == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	q->schema = schema;
	*out = q;
	return 0;
}

void kd_query_free(kd_query *q)
{
	size_t r, i;
	if (q == NULL)
		return;
	for (r = 0; r <= KD_ROLE_IDENTIFIER; r++) {
		for (i = 0; i < q->n[r]; i++)
			kd__free(q->v[r][i]);
		kd__free(q->v[r]);
	}
	for (i = 0; i < sizeof(q->parts) / sizeof(q->parts[0]); i++)
		kd__free(q->parts[i]);
	kd__free(q->composed);
	kd__free(q);
}

int kd_query_set_schema(kd_query *q, kd_schema schema)
{
	if (q == NULL || (unsigned)schema >= KD_SCHEMA__COUNT)
		return kd__error_set(KD_EINVAL, "bad schema");
	q->schema = schema;
	return 0;
}

kd_schema kd_query_schema(const kd_query *q)
{
	return q->schema;
}

/* Point the public slices at the storage (it moves as it grows). */
static void sync(kd_query *q)
{
	if (q->n[KD_ROLE_NAME] || q->composed == NULL) {
		q->names = (const char *const *)q->v[KD_ROLE_NAME];
		q->nnames = q->n[KD_ROLE_NAME];
	} else {
		q->names = (const char *const *)&q->composed;
		q->nnames = 1;
	}
	q->birth_dates = (const char *const *)q->v[KD_ROLE_BIRTH_DATE];
	q->nbirth_dates = q->n[KD_ROLE_BIRTH_DATE];
	q->countries = (const char *const *)q->v[KD_ROLE_COUNTRY];
	q->ncountries = q->n[KD_ROLE_COUNTRY];
	q->identifiers = (const char *const *)q->v[KD_ROLE_IDENTIFIER];
	q->nidentifiers = q->n[KD_ROLE_IDENTIFIER];
}

static int compose(kd_query *q)
{
	struct kd_buf b = KD_BUF_INIT;
	size_t i;
	for (i = 0; i < sizeof(q->parts) / sizeof(q->parts[0]); i++) {
		if (q->parts[i] == NULL)
			continue;
		if ((b.len && kd__buf_putc(&b, ' ') < 0) ||
		    kd__buf_puts(&b, q->parts[i]) < 0) {
			kd__buf_free(&b);
			return kd__error_set(KD_ENOMEM, "out of memory");
		}
	}
	kd__free(q->composed);
	q->composed = b.ptr;
	return 0;
}

static int non_blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 1;
	return 0;
}

int kd_query_add(kd_query *q, const char *prop, const char *value)
{
	const kd_prop_def *d;
	char *c;
	int part;
	size_t r;
	if (q == NULL || prop == NULL || value == NULL)
		return kd__error_set(KD_EINVAL, "kd_query_add: NULL argument");
	d = kd_prop_info(prop);
	if (d == NULL || !(d->flags & KD_PROP_QUERY))
		return kd__error_set(KD_EINVAL, "unknown property '%.40s'",
				     prop);
	r = (size_t)d->role;
	if (r == KD_ROLE_NONE || !non_blank(value))
		return 0;
	if (r == KD_ROLE_NAME_PART) {
		part = kd__prop_part(d->name);
		if (part < 0 ||
		    (size_t)part >= sizeof(q->parts) / sizeof(q->parts[0]) ||
		    q->parts[part])
			return 0; /* the first value of each part */
		if ((q->parts[part] = kd__strdup(value)) == NULL)
			return kd__error_set(KD_ENOMEM, "out of memory");
		if (compose(q) < 0)
			return KD_ENOMEM;
		sync(q);
		return 0;
	}
	if (kd__grow((void **)&q->v[r], &q->cap[r], q->n[r] + 1,
		     sizeof(*q->v[r])) < 0 ||
	    (c = kd__strdup(value)) == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	q->v[r][q->n[r]++] = c;
	sync(q);
	return 0;
}

size_t kd_query_count(const kd_query *q, kd_prop_role role)
{
	switch (role) {
	case KD_ROLE_NAME:
		return q->nnames;
	case KD_ROLE_BIRTH_DATE:
		return q->nbirth_dates;
	case KD_ROLE_COUNTRY:
		return q->ncountries;
	case KD_ROLE_IDENTIFIER:
		return q->nidentifiers;
	default:
		return 0;
	}
}

const char *kd_query_value(const kd_query *q, kd_prop_role role, size_t i)
{
	if (i >= kd_query_count(q, role))
		return NULL;
	switch (role) {
	case KD_ROLE_NAME:
		return q->names[i];
	case KD_ROLE_BIRTH_DATE:
		return q->birth_dates[i];
	case KD_ROLE_COUNTRY:
		return q->countries[i];
	default:
		return q->identifiers[i];
	}
}

/* ---- JSON ---------------------------------------------------------------- */

/* A number as yente's pydantic model turns it into a string. */
static void num_string(char t[64], const json_t *x)
{
	if (json_is_integer(x))
		snprintf(t, 64, "%" JSON_INTEGER_FORMAT, json_integer_value(x));
	else
		snprintf(t, 64, "%.17g", json_real_value(x));
}

#define FAIL(code, ...)                                                  \
	do {                                                             \
		rc = kd__parse_fail(err, code, NULL, 0, 0, __VA_ARGS__); \
		goto done;                                               \
	} while (0)

/* Check the values of one property: a string, a number or a list of
 * them, at most KD_QUERY_MAX_VALUES of at most KD_QUERY_MAX_VALUE_LEN
 * bytes. */
static int check_values(const char *prop, json_t *v, kd_parse_err *err)
{
	size_t i, n;
	char pk[48];
	int rc = 0;
	kd__utf8_clip(pk, sizeof(pk), prop, 40);
	if (json_is_string(v) || json_is_number(v))
		n = 1;
	else if (json_is_array(v))
		n = json_array_size(v);
	else
		FAIL(KD_EPARSE,
		     "properties.%s: expected a string or a list "
		     "of strings",
		     pk);
	if (n > KD_QUERY_MAX_VALUES)
		FAIL(KD_EINVAL, "properties.%s: more than %d values", pk,
		     KD_QUERY_MAX_VALUES);
	for (i = 0; i < n; i++) {
		json_t *x = json_is_array(v) ? json_array_get(v, i) : v;
		if (json_is_number(x))
			continue;
		if (!json_is_string(x))
			FAIL(KD_EPARSE, "properties.%s[%zu]: expected a string",
			     pk, i);
		if (json_string_length(x) > KD_QUERY_MAX_VALUE_LEN)
			FAIL(KD_EINVAL,
			     "properties.%s[%zu]: longer than %d "
			     "bytes",
			     pk, i, KD_QUERY_MAX_VALUE_LEN);
	}
done:
	return rc;
}

static int add_values(kd_query *q, const char *prop, json_t *v)
{
	size_t i, n = json_is_array(v) ? json_array_size(v) : 1;
	int rc;
	for (i = 0; i < n; i++) {
		json_t *x = json_is_array(v) ? json_array_get(v, i) : v;
		char t[64];
		const char *s = json_string_value(x);
		if (s == NULL) {
			num_string(t, x);
			s = t;
		}
		if ((rc = kd_query_add(q, prop, s)) < 0)
			return rc;
	}
	return 0;
}

/* The query of a parsed JSON object (see kd_query_from_json()). */
static int from_object(kd_query **out, json_t *o, kd_parse_err *err)
{
	const char *k, *schema;
	json_t *v, *props = NULL;
	kd_schema sc;
	kd_query *q = NULL;
	int rc = 0;

	if (!json_is_object(o))
		FAIL(KD_EPARSE, "expected a JSON object");
	json_object_foreach(o, k, v)
	{
		if (strcmp(k, "schema") == 0 && !json_is_string(v))
			FAIL(KD_EPARSE, "schema: expected a string");
		if (strcmp(k, "properties") == 0) {
			if (!json_is_object(v))
				FAIL(KD_EPARSE, "properties: expected an "
						"object");
			props = v;
		}
		if (strcmp(k, "id") == 0 && !json_is_string(v) &&
		    !json_is_null(v))
			FAIL(KD_EPARSE, "id: expected a string");
	}
	if ((schema = json_string_value(json_object_get(o, "schema"))) == NULL)
		FAIL(KD_EINVAL, "schema: field required");
	if (kd_schema_parse_ftm(&sc, schema) < 0) {
		char sk[48];
		kd__utf8_clip(sk, sizeof(sk), schema, 40);
		FAIL(KD_EPARSE,
		     "schema: '%s' is not a matchable "
		     "FollowTheMoney schema",
		     sk);
	}
	if (props == NULL)
		FAIL(KD_EINVAL, "properties: field required");
	json_object_foreach(props, k, v)
	{
		const kd_prop_def *d = kd_prop_info(k);
		if (d == NULL || !(d->flags & KD_PROP_QUERY)) {
			char pk[48];
			kd__utf8_clip(pk, sizeof(pk), k, 40);
			FAIL(KD_EINVAL, "properties: unknown property '%s'",
			     pk);
		}
		if ((rc = check_values(k, v, err)) < 0)
			goto done;
	}
	if ((rc = kd_query_new(&q, sc)) < 0)
		FAIL(rc, "out of memory");
	json_object_foreach(props, k, v)
	{
		if ((rc = add_values(q, k, v)) < 0)
			FAIL(rc, "%s", kd_error_last());
	}
	*out = q;
	q = NULL;
done:
	kd_query_free(q);
	return rc;
}

int kd_query_from_json(kd_query **out, const char *json, size_t len,
		       kd_parse_err *err)
{
	json_error_t je;
	json_t *o;
	int rc;
	*out = NULL;
	if (json == NULL)
		return kd__parse_fail(err, KD_EINVAL, NULL, 0, 0,
				      "no JSON given");
	o = json_loadb(json, len, JSON_REJECT_DUPLICATES, &je);
	if (o == NULL) {
		char t[160];
		kd__utf8_clip(t, sizeof(t), je.text, 120);
		return kd__parse_fail(
			err, KD_EPARSE, NULL,
			(unsigned long)(je.line > 0 ? je.line : 0),
			(unsigned long)(je.column > 0 ? je.column : 0),
			"invalid JSON at line %d, column %d: %s", je.line,
			je.column, t);
	}
	rc = from_object(out, o, err);
	json_decref(o);
	return rc;
}
