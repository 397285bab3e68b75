/*
 * monitor_alerts.c - the alert life cycle a screening drives: for each
 * screened (record, entity) pair at or above the threshold an open alert
 * is updated, a decided one stays quiet unless a side changed, or a new
 * one opens (see monitor.c); alerts whose pair no longer matches, whose
 * entity was delisted or whose record was retired close. Also the JSON
 * of features and of an alert's inputs.
 */
#include "monitor_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- alert writes -------------------------------------------------------- */

void kd__features_json(struct kd_buf *b, const kd_result *r)
{
	const char *name, *detail;
	double w;
	size_t i;
	kd__buf_putc(b, '[');
	for (i = 0; kd_result_feature(r, i, &name, &w, &detail) == 0; i++) {
		if (i)
			kd__buf_putc(b, ',');
		kd__buf_puts(b, "{\"name\":");
		kd__buf_json_str(b, name);
		kd__buf_printf(b, ",\"weight\":%.4f,\"detail\":", w);
		kd__buf_json_str(b, detail);
		kd__buf_putc(b, '}');
	}
	kd__buf_putc(b, ']');
}

/* The audit input of an alert change: enough to replay it. */
static void alert_input(struct kd_buf *b, const struct run *rn,
			const struct rec *r, const char *entity_id,
			const char *entity_hash)
{
	kd__buf_puts(b, "{\"book\":");
	kd__buf_json_str(b, rn->book);
	kd__buf_puts(b, ",\"record\":{\"id\":");
	kd__buf_json_str(b, r->id);
	kd__buf_puts(b, ",\"name\":");
	kd__buf_json_str(b, r->name);
#define OPT(key, v)                               \
	if (v) {                                  \
		kd__buf_puts(b, ",\"" key "\":"); \
		kd__buf_json_str(b, v);           \
	}
	OPT("schema", r->schema)
	OPT("birth_date", r->dob)
	OPT("country", r->country)
	OPT("id_number", r->idnum)
#undef OPT
	kd__buf_puts(b, ",\"hash\":");
	kd__buf_json_str(b, r->hash);
	kd__buf_puts(b, "},\"entity\":");
	kd__buf_json_str(b, entity_id);
	kd__buf_puts(b, ",\"entity_hash\":");
	kd__buf_json_str(b, entity_hash ? entity_hash : "");
	kd__buf_putc(b, '}');
}

int kd__mon_close_alert(struct run *rn, const char *alert_id,
			const char *reason, const char *input_json)
{
	char at[40];
	const char *pv[3] = { alert_id, reason, at };
	struct kd_buf res = KD_BUF_INIT;
	int err;
	kd__st_now(at);
	err = kd__st_exec(rn->s,
			  "UPDATE alerts SET status = 'closed', closed_reason "
			  "= $2, updated_at = $3, version = version + 1 WHERE "
			  "id = $1 AND status = 'open'",
			  3, pv);
	if (err < 0 || kd__st_changes(rn->s) == 0)
		return err;
	kd__buf_printf(&res, "{\"alert\":%s,\"status\":\"closed\",\"reason\":",
		       alert_id);
	kd__buf_json_str(&res, reason);
	kd__buf_putc(&res, '}');
	err = kd__audit_append(rn->s, rn->actor, "alert_closed", alert_id,
			       rn->lists.version,
			       input_json ? input_json : "{}", res.ptr, NULL);
	kd__buf_free(&res);
	rn->st->closed++;
	return err;
}

/* Apply one matched pair (see the file comment). */
static int apply_match(struct run *rn, const struct rec *r,
		       const kd_result *res, struct st_rows *open)
{
	const kd_entity *e = res->entity;
	const char *eid = kd_entity_id(e);
	const struct kd_lent *le = kd__lists_find(&rn->lists, eid);
	const char *ehash = le ? le->hash : "";
	struct kd_buf expl = KD_BUF_INIT, lists = KD_BUF_INIT, in = KD_BUF_INIT,
		      out = KD_BUF_INIT;
	char score[32], at[40];
	struct st_rows *q = NULL;
	int err = 0;
	size_t k;
	const char *open_id = NULL;

	snprintf(score, sizeof(score), "%.4f", res->score);
	kd__features_json(&expl, res);
	kd__entity_sources(&lists, rn->db, e, 0);
	alert_input(&in, rn, r, eid, ehash);
	kd__st_now(at);
	/* the open alert of the pair, from the block's prefetch */
	for (k = 0; open && k < open->nrows; k++) {
		char **row = open->cells + k * open->ncols;
		if (strcmp(row[1], r->id) == 0 && strcmp(row[2], eid) == 0) {
			open_id = row[0];
			/* row: id record_id entity_id score explanation
			 * record_hash entity_hash rid; an empty rid marks
			 * the alert as matched again (not closed below) */
			row[7][0] = '\0';
			if (fabs(strtod(row[3], NULL) - res->score) < 5e-5 &&
			    strcmp(row[4], expl.ptr) == 0 &&
			    strcmp(row[5], r->hash) == 0 &&
			    strcmp(row[6], ehash) == 0) {
				rn->st->unchanged++;
				goto done;
			}
			break;
		}
	}
	if (open_id) {
		const char *pv[9] = { open_id,
				      score,
				      expl.ptr,
				      r->hash,
				      ehash,
				      rn->lists.version,
				      rn->s->matcher_version,
				      at,
				      lists.ptr ? lists.ptr : "" };
		KD_FORWARD(kd__st_exec(
			rn->s,
			"UPDATE alerts SET score = $2, explanation = $3, "
			"record_hash = $4, entity_hash = $5, list_version = "
			"$6, "
			"matcher_version = $7, updated_at = $8, lists = $9, "
			"version = version + 1 WHERE id = $1 AND status = "
			"'open'",
			9, pv));
		kd__buf_printf(&out,
			       "{\"alert\":%s,\"score\":%s,"
			       "\"explanation\":%s}",
			       open_id, score, expl.ptr);
		KD_FORWARD(kd__audit_append(rn->s, rn->actor, "alert_updated",
					    open_id, rn->lists.version, in.ptr,
					    out.ptr, NULL));
		rn->st->updated++;
		goto done;
	}
	{
		const char *pv[3] = { rn->book, r->id, eid };
		KD_FORWARD(kd__st_query(
			&q, rn->s,
			"SELECT id, status, record_hash, entity_hash FROM "
			"alerts "
			"WHERE book = $1 AND record_id = $2 AND entity_id = $3 "
			"ORDER BY id DESC LIMIT 1",
			3, pv));
	}
	{
		const char *prev = NULL;
		struct st_rows *ins = NULL;
		if (kd__st_next(q) &&
		    strcmp(kd__st_col(q, 1), "decided") == 0) {
			if (strcmp(kd__st_col(q, 2), r->hash) == 0 &&
			    strcmp(kd__st_col(q, 3), ehash) == 0) {
				rn->st->quiet++;
				goto done;
			}
			prev = kd__st_col(q, 0);
		}
		{
			const char *pv[16] = { rn->book,
					       r->id,
					       r->rid,
					       eid,
					       kd_entity_caption(e)
						       ? kd_entity_caption(e)
						       : "",
					       score,
					       expl.ptr,
					       r->hash,
					       ehash,
					       lists.ptr ? lists.ptr : "",
					       rn->lists.version,
					       rn->s->matcher_version,
					       at,
					       prev };
			KD_FORWARD(kd__st_query(
				&ins, rn->s,
				"INSERT INTO alerts(book, record_id, rid, "
				"entity_id, caption, status, score, "
				"explanation, "
				"record_hash, entity_hash, lists, "
				"list_version, "
				"matcher_version, created_at, updated_at, "
				"prev_alert, version) VALUES($1, $2, $3, $4, "
				"$5, "
				"'open', $6, $7, $8, $9, $10, $11, $12, $13, "
				"$13, "
				"$14, 1) RETURNING id",
				14, pv));
		}
		if (!kd__st_next(ins)) {
			kd__st_rows_free(ins);
			err = kd__error_set(KD_EIO, "insert returned no id");
			goto done;
		}
		kd__buf_printf(&out,
			       "{\"alert\":%s,\"score\":%s,"
			       "\"explanation\":%s,\"prev_alert\":%s}",
			       kd__st_col(ins, 0), score, expl.ptr,
			       prev ? prev : "null");
		err = kd__audit_append(rn->s, rn->actor, "alert_new",
				       kd__st_col(ins, 0), rn->lists.version,
				       in.ptr, out.ptr, NULL);
		kd__st_rows_free(ins);
		rn->st->new_alerts++;
	}
done:
	kd__st_rows_free(q);
	kd__buf_free(&expl);
	kd__buf_free(&lists);
	kd__buf_free(&in);
	kd__buf_free(&out);
	return err;
}

/* Write the results of recs[] (screened) in the current transaction.
 * open: the open alerts of these records (restricted to changed entities
 * in a delta); those not matched again are closed. */
int kd__mon_apply_block(struct run *rn, struct st_rows *open)
{
	size_t i, k;
	int err = 0;
	for (i = 0; i < rn->nrecs && err == 0; i++) {
		struct rec *r = &rn->recs[i];
		for (k = 0; k < r->nres && err == 0; k++)
			if (r->res[k].score >= rn->o->threshold)
				err = apply_match(rn, r, &r->res[k], open);
	}
	/* open alerts of screened pairs not matched again */
	for (k = 0; open && k < open->nrows && err == 0; k++) {
		char **row = open->cells + k * open->ncols;
		struct kd_buf in = KD_BUF_INIT;
		if (row[7][0] == '\0')
			continue;
		kd__buf_puts(&in, "{\"record\":");
		kd__buf_json_str(&in, row[1]);
		kd__buf_puts(&in, ",\"entity\":");
		kd__buf_json_str(&in, row[2]);
		kd__buf_putc(&in, '}');
		err = kd__mon_close_alert(rn, row[0],
					  kd__lists_find(&rn->lists, row[2])
						  ? "no_longer_matches"
						  : "delisted",
					  in.ptr);
		kd__buf_free(&in);
	}
	return err;
}
