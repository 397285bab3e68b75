/*
 * replay.c - `audit replay`: re-run the screening behind an audit record
 * against the list version it names, taken from the store's archive.
 *
 * An alert_new or alert_updated record holds the book record as it was
 * screened, the entity id and both content hashes (input), and the score
 * and explanation (result). The archived version is written back out as
 * FtM JSON lines and loaded like any list, a matcher is built over it
 * (token weights come from the whole version, as they did then), and the
 * record is screened again, keeping only that entity. The report shows
 * both answers; when they differ and the matcher version differs too,
 * the newer matcher is named as the reason.
 */
#include "store_int.h"
#include "lists.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int only_entity(const kd_entity *e, void *ctx)
{
	return strcmp(kd_entity_id(e), (const char *)ctx) == 0;
}

static const char *jget(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);
	return json_is_string(v) && *json_string_value(v) ? json_string_value(v)
							  : NULL;
}

int kd_audit_replay(int *same, FILE *f, kd_store *s, long long seq)
{
	struct st_rows *r = NULL;
	char num[32], path[4096] = "", score[32] = "";
	const char *pv[1] = { num };
	json_t *in = NULL, *res = NULL, *rec;
	kd_db *db = NULL;
	kd_matcher *m = NULL;
	kd_query *q = NULL;
	kd_result *out = NULL;
	size_t nout = 0;
	struct kd_buf expl = KD_BUF_INIT;
	kd_parse_err perr;
	kd_load_opts lo = KD_LOAD_OPTS_INIT;
	kd_match_opts mo = KD_MATCH_OPTS_INIT;
	const char *action, *lv, *mv, *eid, *was_expl = "[]";
	double was_score = 0;
	int err;
	*same = 0;
	snprintf(num, sizeof(num), "%lld", seq);
	KD_FORWARD(kd__st_query(&r, s,
				"SELECT action, input, result, list_version, "
				"matcher_version FROM audit WHERE seq = $1",
				1, pv));
	if (!kd__st_next(r)) {
		err = kd__error_set(KD_ENOTFOUND, "no audit record %lld", seq);
		goto done;
	}
	action = kd__st_col(r, 0);
	lv = kd__st_col(r, 3);
	mv = kd__st_col(r, 4);
	if (strcmp(action, "alert_new") && strcmp(action, "alert_updated")) {
		err = kd__error_set(KD_EINVAL,
				    "audit record %lld is a %s; replay takes "
				    "the records of screenings (alert_new, "
				    "alert_updated)",
				    seq, action);
		goto done;
	}
	in = json_loads(kd__st_col(r, 1), 0, NULL);
	res = json_loads(kd__st_col(r, 2), 0, NULL);
	rec = json_object_get(in, "record");
	eid = jget(in, "entity");
	if (!json_is_object(rec) || eid == NULL || !json_is_object(res) ||
	    jget(rec, "name") == NULL || lv == NULL) {
		err = kd__error_set(KD_EFORMAT,
				    "audit record %lld: input is not a "
				    "screening",
				    seq);
		goto done;
	}
	was_score = json_number_value(json_object_get(res, "score"));
	{
		char *d = json_dumps(json_object_get(res, "explanation"),
				     JSON_COMPACT);
		if (d) {
			kd__buf_puts(&expl, d);
			free(d);
		}
	}
	was_expl = expl.ptr ? expl.ptr : "[]";
	KD_FORWARD(kd__lists_extract(path, sizeof(path), s, lv));
	if ((err = kd_db_load(&db, path, &lo, &perr)) < 0)
		goto done;
	KD_FORWARD(kd_matcher_new(&m, db));
	{
		const char *v[4] = { jget(rec, "name"), jget(rec, "birth_date"),
				     jget(rec, "country"),
				     jget(rec, "id_number") };
		kd_schema sc = KD_SCHEMA_THING;
		if (jget(rec, "schema") &&
		    kd_schema_parse(&sc, jget(rec, "schema")) < 0)
			sc = KD_SCHEMA_THING;
		KD_FORWARD(kd_query_new(&q, sc));
		KD_FORWARD(kd_query_add(q, "name", v[0] ? v[0] : ""));
		if (v[1])
			KD_FORWARD(kd_query_add(q, "birthDate", v[1]));
		if (v[2])
			KD_FORWARD(kd_query_add(q, "country", v[2]));
		if (v[3])
			KD_FORWARD(kd_query_add(q, "idNumber", v[3]));
		mo.filter = only_entity;
		mo.filter_ctx = (void *)(uintptr_t)eid;
		mo.cutoff = 0;
		mo.limit = 1;
		KD_FORWARD(kd_screen(&out, &nout, m, q, &mo));
	}
	fprintf(f, "audit record %lld (%s): book record '%s' x entity %s\n",
		seq, action, jget(rec, "name"), eid);
	fprintf(f, "list version  %s (archived, %zu entities)\n", lv,
		kd_db_count(db));
	fprintf(f, "matcher then  %s\nmatcher now   %s\n", mv ? mv : "?",
		s->matcher_version);
	fprintf(f, "then  score %.4f  %s\n", was_score, was_expl);
	if (nout == 0) {
		fprintf(f, "now   no score: the entity is not found by the "
			   "record any more\n");
	} else {
		struct kd_buf now = KD_BUF_INIT;
		kd__features_json(&now, &out[0]);
		snprintf(score, sizeof(score), "%.4f", out[0].score);
		fprintf(f, "now   score %s  %s\n", score, now.ptr);
		{
			json_t *a = json_loads(now.ptr, 0, NULL),
			       *b = json_loads(was_expl, 0, NULL);
			char was[32];
			snprintf(was, sizeof(was), "%.4f", was_score);
			*same = strcmp(was, score) == 0 && a && b &&
				json_equal(a, b);
			json_decref(a);
			json_decref(b);
		}
		kd__buf_free(&now);
	}
	if (*same)
		fprintf(f, "SAME: the archived list version gives the same "
			   "result\n");
	else
		fprintf(f, "DIFFERENT: %s\n",
			mv && strcmp(mv, s->matcher_version)
				? "the matcher changed since (see versions)"
				: "same matcher version, different result");
	err = 0;
done:
	if (path[0])
		unlink(path);
	kd_results_free(out);
	kd_query_free(q);
	kd_matcher_free(m);
	kd_db_free(db);
	json_decref(in);
	json_decref(res);
	kd__buf_free(&expl);
	kd__st_rows_free(r);
	return err;
}
