/*
 * json.c - serialise screening answers in the OpenSanctions yente
 * `/match` response shape, so the CLI (`screen --json`, `batch`) and the
 * HTTP API share one writer and yente clients can parse both. Result
 * entities are the FollowTheMoney view of ftm.c (nested sanctions).
 */
#include "json.h"

#include <string.h>

void kd_free(void *p)
{
	kd__free(p);
}

/* The query as yente echoes it: {"schema","properties":{"name":[..],
 * "birthDate":[..],"country":[..],"idNumber":[..]}} (name always, the
 * others when given), by evidence role. */
static int query_json(struct kd_buf *b, const kd_query *q)
{
	static const struct {
		kd_prop_role role;
		const char *key;
	} keys[] = { { KD_ROLE_NAME, "\"name\":" },
		     { KD_ROLE_BIRTH_DATE, ",\"birthDate\":" },
		     { KD_ROLE_COUNTRY, ",\"country\":" },
		     { KD_ROLE_IDENTIFIER, ",\"idNumber\":" } };
	size_t k, i;
	int err = kd__buf_puts(b, "{\"schema\":");
	if (err == 0)
		err = kd__buf_json_str(b, kd_schema_name(kd_query_schema(q)));
	if (err == 0)
		err = kd__buf_puts(b, ",\"properties\":{");
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]) && err == 0; k++) {
		size_t n = kd_query_count(q, keys[k].role);
		if (n == 0 && keys[k].role != KD_ROLE_NAME)
			continue;
		err = kd__buf_puts(b, keys[k].key);
		if (err == 0)
			err = kd__buf_putc(b, '[');
		for (i = 0; i < n && err == 0; i++) {
			if (i)
				err = kd__buf_putc(b, ',');
			if (err == 0)
				err = kd__buf_json_str(
					b, kd_query_value(q, keys[k].role, i));
		}
		if (err == 0)
			err = kd__buf_putc(b, ']');
	}
	return err ? err : kd__buf_puts(b, "}}");
}

int kd__json_identity(struct kd_buf *b, const struct kd_entity *e)
{
	int err = kd__buf_puts(b, "\"id\":");
	if (err == 0)
		err = kd__buf_json_str(b, kd__ent_id(e));
	if (err == 0)
		err = kd__buf_puts(b, ",\"caption\":");
	if (err == 0)
		err = kd__buf_json_str(b, kd__ent_caption(e));
	if (err == 0)
		err = kd__buf_printf(b, ",\"schema\":\"%s\"",
				     kd_schema_name(e->schema));
	return err;
}

int kd__json_entity_head(struct kd_buf *b, const kd_db *db,
			 const struct kd_entity *e)
{
	size_t i;
	int err = kd__json_identity(b, e);
	if (err == 0)
		err = kd__buf_puts(b, ",\"datasets\":[");
	for (i = 0; i <= e->nalso && err == 0; i++) {
		if (i > 0)
			err = kd__buf_putc(b, ',');
		if (err == 0)
			err = kd__buf_json_str(
				b, db->sources[kd__ent_source(e, i)].id);
	}
	/* referents: the list records merged into this entity (resolve/) */
	if (err == 0)
		err = kd__buf_puts(b, "],\"referents\":[");
	for (i = 0; i < kd_entity_referent_count(db, e) && err == 0; i++) {
		if (i > 0)
			err = kd__buf_putc(b, ',');
		if (err == 0)
			err = kd__buf_json_str(b, kd_entity_referent(db, e, i));
	}
	return err ? err : kd__buf_putc(b, ']');
}

int kd__json_explanations(struct kd_buf *b, const kd_result *r)
{
	const char *name, *detail;
	double w;
	size_t i;
	int err = kd__buf_putc(b, '{');
	for (i = 0;
	     err == 0 && kd_result_feature(r, i, &name, &w, &detail) == 0;
	     i++) {
		if (i)
			err = kd__buf_putc(b, ',');
		if (err == 0)
			err = kd__buf_json_str(b, name);
		if (err == 0)
			err = kd__buf_printf(b,
					     ":{\"score\":%.4f,\"detail\":", w);
		if (err == 0)
			err = kd__buf_json_str(b, detail);
		if (err == 0)
			err = kd__buf_putc(b, '}');
	}
	return err ? err : kd__buf_putc(b, '}');
}

/* One scored result: the FtM view of the entity with nested sanctions
 * (as yente's /match), then score, match, features (yente's name ->
 * weight map) and Kordon's explanations. */
static int result_json(struct kd_buf *b, const kd_db *db, const kd_result *r)
{
	const char *name;
	double w;
	size_t i;
	int err = kd__buf_putc(b, '{');
	if (err == 0)
		err = kd__ftm_entity(b, db, r->entity, KD_FTM_NESTED);
	if (err == 0)
		err = kd__buf_printf(b,
				     ",\"score\":%.4f,\"match\":%s,"
				     "\"features\":{",
				     r->score, r->match ? "true" : "false");
	for (i = 0; err == 0 && kd_result_feature(r, i, &name, &w, NULL) == 0;
	     i++)
		err = kd__buf_printf(b, "%s\"%s\":%.4f", i ? "," : "", name, w);
	if (err == 0)
		err = kd__buf_puts(b, "},\"explanations\":");
	if (err == 0)
		err = kd__json_explanations(b, r);
	return err ? err : kd__buf_putc(b, '}');
}

static int results_array(struct kd_buf *b, const kd_db *db, const kd_result *r,
			 size_t n)
{
	size_t i;
	int err = kd__buf_putc(b, '[');
	for (i = 0; i < n && err == 0; i++) {
		if (i)
			err = kd__buf_putc(b, ',');
		if (err == 0)
			err = result_json(b, db, &r[i]);
	}
	return err ? err : kd__buf_putc(b, ']');
}

int kd_results_ftm_json(char **out, size_t *len, const kd_db *db,
			const kd_result *r, size_t n)
{
	struct kd_buf b = KD_BUF_INIT;
	*out = NULL;
	if (results_array(&b, db, r, n) < 0) {
		kd__buf_free(&b);
		return kd__error_set(KD_ENOMEM, "out of memory");
	}
	*out = b.ptr;
	if (len)
		*len = b.len;
	return 0;
}

int kd_results_json(char **out, size_t *len, const kd_db *db, const kd_query *q,
		    const kd_result *r, size_t n)
{
	struct kd_buf b = KD_BUF_INIT;
	int err = kd__buf_puts(&b, "{\"query\":");
	*out = NULL;
	if (err == 0)
		err = query_json(&b, q);
	if (err == 0)
		err = kd__buf_puts(&b, ",\"results\":");
	if (err == 0)
		err = results_array(&b, db, r, n);
	if (err == 0)
		err = kd__buf_printf(&b,
				     ",\"total\":{\"value\":%zu,"
				     "\"relation\":\"eq\"}}",
				     n);
	if (err < 0) {
		kd__buf_free(&b);
		return err;
	}
	*out = b.ptr;
	if (len)
		*len = b.len;
	return 0;
}
