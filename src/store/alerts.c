/*
 * alerts.c - reading alerts and recording review decisions.
 *
 * Alert statuses: open (to review; also while escalated or waiting for
 * the second reviewer of a four-eyes true_match), decided (final),
 * closed (delisted, no_longer_matches, retired). A decision runs inside
 * a write transaction (a batch of the group commit, commit.c): read the
 * alert, check it is still open (and at the version the reviewer saw,
 * when given), update it conditionally on its version, record the
 * decision and its audit record. Writers are serialised by the store's
 * writer lock and decisions within a batch run in arrival order, so of
 * two reviewers deciding one alert at once, whichever comes second finds
 * it decided and gets KD_STORE_ECONFLICT (HTTP 409); its attempt is
 * audited as decision_rejected, as is a four-eyes confirmation by the
 * same person.
 */
#include "store_int.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ALERT_COLS                                                        \
	"id, book, record_id, entity_id, caption, status, score, "        \
	"explanation, lists, list_version, matcher_version, created_at, " \
	"updated_at, decision, decided_by, reason, pending_by, "          \
	"closed_reason, prev_alert, version, record_hash, entity_hash"

/* A value as JSON; raw: a stored JSON text (or number), copied after a
 * check, so that a row edited in the database into something that is not
 * JSON is an error (KD_EIO naming the column), not a broken answer. */
static int jv(struct kd_buf *b, const char *key, const char *v, int raw)
{
	kd__buf_printf(b, ",\"%s\":", key);
	if (v == NULL)
		kd__buf_puts(b, "null");
	else if (raw) {
		json_t *j = json_loads(v, JSON_DECODE_ANY, NULL);
		if (j == NULL)
			return kd__error_set(KD_EIO,
					     "stored %s is not valid JSON "
					     "(edited in the database?)",
					     key);
		json_decref(j);
		kd__buf_puts(b, v);
	} else
		kd__buf_json_str(b, v);
	return 0;
}

/* One alert row (ALERT_COLS) as a JSON object without its closing brace;
 * an error names the alert. */
static int alert_obj(struct kd_buf *b, const struct st_rows *r)
{
	int bad = 0;
	const char *id = kd__st_col(r, 0);
	kd__buf_printf(b, "{\"id\":%s", id);
	jv(b, "book", kd__st_col(r, 1), 0);
	jv(b, "record_id", kd__st_col(r, 2), 0);
	jv(b, "entity_id", kd__st_col(r, 3), 0);
	jv(b, "caption", kd__st_col(r, 4), 0);
	jv(b, "status", kd__st_col(r, 5), 0);
	kd__buf_printf(b, ",\"score\":%.4f", kd__st_cold(r, 6));
	bad |= jv(b, "explanation", kd__st_col(r, 7), 1) < 0;
	jv(b, "lists", kd__st_col(r, 8), 0);
	jv(b, "list_version", kd__st_col(r, 9), 0);
	jv(b, "matcher_version", kd__st_col(r, 10), 0);
	jv(b, "created_at", kd__st_col(r, 11), 0);
	jv(b, "updated_at", kd__st_col(r, 12), 0);
	jv(b, "decision", kd__st_col(r, 13), 0);
	jv(b, "decided_by", kd__st_col(r, 14), 0);
	jv(b, "reason", kd__st_col(r, 15), 0);
	jv(b, "pending_by", kd__st_col(r, 16), 0);
	jv(b, "closed_reason", kd__st_col(r, 17), 0);
	bad |= jv(b, "prev_alert", kd__st_col(r, 18), 1) < 0;
	bad |= jv(b, "version", kd__st_col(r, 19), 1) < 0;
	if (bad) {
		char m[300];
		snprintf(m, sizeof(m), "%s", kd_error_last());
		return kd__error_set(KD_EIO, "alert %s: %s", id, m);
	}
	return 0;
}

int kd_alerts_json(char **out, kd_store *s, const char *status,
		   const char *book, size_t limit, long long after_id)
{
	struct st_rows *r;
	struct kd_buf b = KD_BUF_INIT;
	char after[32], lim[32];
	const char *st = status && *status ? status : "open";
	const char *pv[4] = { st, book ? book : "", after, lim };
	int err, first = 1;
	*out = NULL;
	if (strcmp(st, "open") && strcmp(st, "decided") &&
	    strcmp(st, "closed") && strcmp(st, "all"))
		return kd__error_set(KD_EINVAL,
				     "status: open, decided, closed or all");
	snprintf(after, sizeof(after), "%lld", after_id);
	snprintf(lim, sizeof(lim), "%zu", limit ? limit : 1000);
	err = kd__st_query(
		&r, s,
		"SELECT " ALERT_COLS " FROM alerts WHERE ($1 = 'all' "
		"OR status = $1) AND ($2 = '' OR book = $2) AND id > "
		"CAST($3 AS BIGINT) ORDER BY id LIMIT CAST($4 AS "
		"BIGINT)",
		4, pv);
	if (err < 0)
		return err;
	kd__buf_putc(&b, '[');
	while (kd__st_next(r)) {
		if (!first)
			kd__buf_putc(&b, ',');
		first = 0;
		if ((err = alert_obj(&b, r)) < 0) {
			kd__st_rows_free(r);
			kd__buf_free(&b);
			return err;
		}
		kd__buf_putc(&b, '}');
	}
	kd__st_rows_free(r);
	if (kd__buf_putc(&b, ']') < 0) {
		kd__buf_free(&b);
		return kd__error_set(KD_ENOMEM, "out of memory");
	}
	*out = b.ptr;
	return 0;
}

int kd_alert_json(char **out, kd_store *s, long long id)
{
	struct st_rows *r = NULL, *x = NULL;
	struct kd_buf b = KD_BUF_INIT;
	char num[32];
	const char *pv[3] = { num, NULL, NULL };
	int err, first;
	*out = NULL;
	snprintf(num, sizeof(num), "%lld", id);
	KD_FORWARD(kd__st_query(
		&r, s, "SELECT " ALERT_COLS " FROM alerts WHERE id = $1", 1,
		pv));
	if (!kd__st_next(r)) {
		err = kd__error_set(KD_ENOTFOUND, "no alert %lld", id);
		goto done;
	}
	KD_FORWARD(alert_obj(&b, r));
	/* the book record, as it is now (its hash says whether it is the
	 * version the alert was raised on) */
	pv[0] = kd__st_col(r, 1);
	pv[1] = kd__st_col(r, 2);
	KD_FORWARD(
		kd__st_query(&x, s,
			     "SELECT id, name, schema, birth_date, country, "
			     "id_number, hash, status FROM book WHERE book = "
			     "$1 AND id = $2",
			     2, pv));
	if (kd__st_next(x)) {
		kd__buf_printf(&b, ",\"record\":{\"id\":");
		kd__buf_json_str(&b, kd__st_col(x, 0));
		jv(&b, "name", kd__st_col(x, 1), 0);
		jv(&b, "schema", kd__st_col(x, 2), 0);
		jv(&b, "birth_date", kd__st_col(x, 3), 0);
		jv(&b, "country", kd__st_col(x, 4), 0);
		jv(&b, "id_number", kd__st_col(x, 5), 0);
		jv(&b, "status", kd__st_col(x, 7), 0);
		kd__buf_printf(&b, ",\"changed_since_alert\":%s}",
			       strcmp(kd__st_col(x, 6), kd__st_col(r, 20))
				       ? "true"
				       : "false");
	}
	kd__st_rows_free(x);
	x = NULL;
	/* the listed entity as it was when the alert was raised */
	pv[0] = kd__st_col(r, 21);
	KD_FORWARD(kd__st_query(
		&x, s, "SELECT json FROM entity_blob WHERE hash = $1", 1, pv));
	if ((err = jv(&b, "entity", kd__st_next(x) ? kd__st_col(x, 0) : NULL,
		      1)) < 0) {
		char m[300];
		snprintf(m, sizeof(m), "%s", kd_error_last());
		err = kd__error_set(err, "alert %lld: %s", id, m);
		goto done;
	}
	kd__st_rows_free(x);
	x = NULL;
	/* decisions on this alert */
	pv[0] = num;
	KD_FORWARD(
		kd__st_query(&x, s,
			     "SELECT decision, reason, by_user, at, outcome "
			     "FROM decisions WHERE alert_id = $1 ORDER BY id",
			     1, pv));
	kd__buf_puts(&b, ",\"decisions\":[");
	for (first = 1; kd__st_next(x); first = 0) {
		kd__buf_puts(&b, first ? "{\"decision\":" : ",{\"decision\":");
		kd__buf_json_str(&b, kd__st_col(x, 0));
		jv(&b, "reason", kd__st_col(x, 1), 0);
		jv(&b, "by", kd__st_col(x, 2), 0);
		jv(&b, "at", kd__st_col(x, 3), 0);
		jv(&b, "outcome", kd__st_col(x, 4), 0);
		kd__buf_putc(&b, '}');
	}
	kd__buf_putc(&b, ']');
	kd__st_rows_free(x);
	x = NULL;
	/* history: every alert of the pair */
	pv[0] = kd__st_col(r, 1);
	pv[1] = kd__st_col(r, 2);
	pv[2] = kd__st_col(r, 3);
	KD_FORWARD(kd__st_query(&x, s,
				"SELECT id, status, decision, decided_by, "
				"closed_reason, score, created_at, updated_at, "
				"list_version FROM alerts WHERE book = $1 AND "
				"record_id = $2 AND entity_id = $3 ORDER BY id",
				3, pv));
	kd__buf_puts(&b, ",\"history\":[");
	for (first = 1; kd__st_next(x); first = 0) {
		kd__buf_printf(&b, "%s{\"id\":%s", first ? "" : ",",
			       kd__st_col(x, 0));
		jv(&b, "status", kd__st_col(x, 1), 0);
		jv(&b, "decision", kd__st_col(x, 2), 0);
		jv(&b, "decided_by", kd__st_col(x, 3), 0);
		jv(&b, "closed_reason", kd__st_col(x, 4), 0);
		kd__buf_printf(&b, ",\"score\":%.4f", kd__st_cold(x, 5));
		jv(&b, "created_at", kd__st_col(x, 6), 0);
		jv(&b, "updated_at", kd__st_col(x, 7), 0);
		jv(&b, "list_version", kd__st_col(x, 8), 0);
		kd__buf_putc(&b, '}');
	}
	kd__buf_puts(&b, "]}");
	if (b.ptr == NULL) {
		err = kd__error_set(KD_ENOMEM, "out of memory");
		goto done;
	}
	*out = b.ptr;
	b.ptr = NULL;
	err = 0;
done:
	kd__st_rows_free(r);
	kd__st_rows_free(x);
	kd__buf_free(&b);
	return err;
}

/* Record a refused attempt (and its audit record) in the current
 * transaction; returns code, or the write error with *dirty set. */
static int rejected(kd_store *s, const char *id, const char *decision,
		    const char *reason, const char *user, const char *why,
		    int code, int *dirty)
{
	struct kd_buf in = KD_BUF_INIT, res = KD_BUF_INIT;
	char at[40];
	const char *pv[6] = { id, decision, reason, user, at, "rejected" };
	int err;
	kd__st_now(at);
	kd__buf_puts(&in, "{\"decision\":");
	kd__buf_json_str(&in, decision);
	kd__buf_puts(&in, ",\"reason\":");
	kd__buf_json_str(&in, reason ? reason : "");
	kd__buf_putc(&in, '}');
	kd__buf_puts(&res, "{\"rejected\":");
	kd__buf_json_str(&res, why);
	kd__buf_putc(&res, '}');
	if ((err = kd__st_exec_later(s,
				     "INSERT INTO decisions(alert_id, "
				     "decision, reason, by_user, at, outcome) "
				     "VALUES($1, $2, $3, $4, $5, $6)",
				     6, pv)) < 0 ||
	    (err = kd__audit_append(s, user, "decision_rejected", id, NULL,
				    in.ptr, res.ptr, NULL)) < 0)
		*dirty = 1;
	kd__buf_free(&in);
	kd__buf_free(&res);
	if (err < 0)
		return err;
	return kd__error_set(code, "alert %s: %s", id, why);
}

int kd__decide_check(const char *decision, const char *reason, const char *user)
{
	if (decision == NULL || (strcmp(decision, "true_match") &&
				 strcmp(decision, "false_positive") &&
				 strcmp(decision, "escalate")))
		return kd__error_set(KD_EINVAL, "decision: true_match, "
						"false_positive or escalate");
	if (user == NULL || *user == '\0')
		return kd__error_set(KD_EINVAL, "a decision needs a reviewer");
	if (reason == NULL || *reason == '\0')
		return kd__error_set(KD_EINVAL, "a decision needs a reason");
	return 0;
}

int kd__decide_in_tx(kd_decision_result *out, kd_store *s, long long id,
		     const char *decision, const char *reason, const char *user,
		     long long expected_version, const char *four_eyes,
		     int *dirty)
{
	struct st_rows *r = NULL;
	char num[32], at[40], ver[32], why[160];
	const char *pv[8];
	const char *status, *outcome, *cur_dec, *pending, *lv;
	struct kd_buf in = KD_BUF_INIT, res = KD_BUF_INIT;
	long long version;
	int err, final, code = 0;

	memset(out, 0, sizeof(*out));
	snprintf(num, sizeof(num), "%lld", id);
	kd__st_now(at);
	pv[0] = num;
	if ((err = kd__st_query(&r, s,
				"SELECT status, decision, pending_by, version, "
				"list_version FROM alerts WHERE id = $1",
				1, pv)) < 0)
		goto fail;
	if (!kd__st_next(r)) {
		err = kd__error_set(KD_ENOTFOUND, "no alert %lld", id);
		goto done; /* nothing written */
	}
	status = kd__st_col(r, 0);
	cur_dec = kd__st_col(r, 1);
	pending = kd__st_col(r, 2);
	version = kd__st_coll(r, 3);
	lv = kd__st_col(r, 4);
	if (strcmp(status, "open") != 0) {
		snprintf(why, sizeof(why), "already %s", status);
		code = KD_STORE_ECONFLICT;
		goto refuse;
	}
	if (expected_version > 0 && expected_version != version) {
		snprintf(why, sizeof(why),
			 "changed meanwhile (version %lld, expected %lld)",
			 version, expected_version);
		code = KD_STORE_ECONFLICT;
		goto refuse;
	}
	final = strcmp(decision, "escalate") != 0;
	outcome = final ? "final" : "escalated";
	if (final && strcmp(decision, "true_match") == 0 &&
	    strcmp(four_eyes, "on") == 0) {
		if (cur_dec && strcmp(cur_dec, "true_match") == 0 && pending) {
			if (strcmp(pending, user) == 0) {
				snprintf(why, sizeof(why),
					 "four-eyes: %s already gave the first "
					 "true_match; a second, different "
					 "reviewer must confirm",
					 user);
				code = KD_STORE_EDENIED;
				goto refuse;
			}
		} else {
			final = 0;
			outcome = "pending_second_review";
		}
	}
	snprintf(ver, sizeof(ver), "%lld", version);
	pv[0] = num;
	pv[1] = ver;
	pv[2] = decision;
	pv[3] = reason;
	pv[4] = user;
	pv[5] = at;
	pv[6] = final ? "decided" : "open";
	pv[7] = final ? user : NULL;
	if ((err = kd__st_exec(
		     s,
		     "UPDATE alerts SET status = $7, decision = $3, reason = "
		     "$4, decided_by = $8, pending_by = CASE WHEN $3 = "
		     "'true_match' AND $7 = 'open' THEN $5 ELSE pending_by "
		     "END, "
		     "updated_at = $6, version = version + 1 WHERE id = $1 AND "
		     "version = $2 AND status = 'open'",
		     8, pv)) < 0)
		goto fail;
	if (kd__st_changes(s) != 1) {
		/* nothing changed: the row moved under a reader outside
		 * the writer lock (cannot happen inside it, kept as the
		 * guard the conditional update is) */
		snprintf(why, sizeof(why), "changed meanwhile");
		code = KD_STORE_ECONFLICT;
		goto refuse;
	}
	pv[1] = decision;
	pv[2] = reason;
	pv[3] = user;
	pv[4] = at;
	pv[5] = outcome;
	if ((err = kd__st_exec_later(
		     s,
		     "INSERT INTO decisions(alert_id, decision, "
		     "reason, by_user, at, outcome) VALUES($1, $2, "
		     "$3, $4, $5, $6)",
		     6, pv)) < 0)
		goto fail;
	kd__buf_puts(&in, "{\"decision\":");
	kd__buf_json_str(&in, decision);
	kd__buf_puts(&in, ",\"reason\":");
	kd__buf_json_str(&in, reason);
	kd__buf_printf(&in, ",\"expected_version\":%lld}", expected_version);
	kd__buf_printf(
		&res, "{\"status\":\"%s\",\"outcome\":\"%s\",\"version\":%lld}",
		final ? "decided" : "open", outcome, version + 1);
	if ((err = kd__audit_append(s, user, "decision", num, lv, in.ptr,
				    res.ptr, NULL)) < 0)
		goto fail;
	snprintf(out->status, sizeof(out->status), "%s",
		 final ? "decided" : "open");
	snprintf(out->outcome, sizeof(out->outcome), "%s", outcome);
	out->version = version + 1;
	goto done;
refuse:
	err = rejected(s, num, decision, reason, user, why, code, dirty);
	goto done;
fail:
	*dirty = 1;
done:
	kd__st_rows_free(r);
	kd__buf_free(&in);
	kd__buf_free(&res);
	return err;
}
