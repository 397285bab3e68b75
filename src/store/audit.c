/*
 * audit.c - the append-only, hash-chained audit trail.
 *
 * Record n holds seq = n (1, 2, ... without gaps), the time, actor,
 * action, subject, list and matcher versions, the inputs and the result
 * (JSON), prev_hash = hash of record n-1 (64 zeros for the first) and
 *
 *     hash = SHA-256 of the JSON array
 *            [seq, at, actor, action, subject, list_version,
 *             matcher_version, input, result, prev_hash]
 *
 * Records are appended inside the transaction of the change they
 * describe, under the store's writer lock (store.c), so the chain head
 * cannot move between reading it and appending; within a transaction
 * the head is kept in the handle (a batch of the group commit, a
 * monitor block append many records). Records of their own (a /match
 * request) go through the group commit (commit.c). `verify` recomputes
 * every hash and link: an edited record fails its own hash (or, when
 * the editor rehashed it, the next record's link), a deleted one leaves
 * a gap in seq, swapped ones fail both. What no chain can show is the
 * removal of the newest records; `verify` prints the head hash so it
 * can be kept elsewhere (a ticket, a log) and compared.
 */
#include "store_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ZERO_HASH \
	"0000000000000000000000000000000000000000000000000000000000000000"

static void jstr_or_null(struct kd_buf *b, const char *s)
{
	if (s)
		kd__buf_json_str(b, s);
	else
		kd__buf_puts(b, "null");
}

/* fields: seq at actor action subject list_version matcher_version
 * input result prev_hash */
static void record_hash(char out[65], const char *const f[10])
{
	struct kd_buf b = KD_BUF_INIT;
	size_t i;
	kd__buf_printf(&b, "[%s", f[0]);
	for (i = 1; i < 10; i++) {
		kd__buf_putc(&b, ',');
		jstr_or_null(&b, f[i]);
	}
	kd__buf_putc(&b, ']');
	kd__sha256_hex(out, b.ptr ? b.ptr : "", b.len);
	kd__buf_free(&b);
}

void kd__audit_head_set(kd_store *s, long long seq, const char *hash)
{
	s->head_ok = s->in_tx;
	s->head_seq = seq;
	snprintf(s->head_hash, sizeof(s->head_hash), "%s",
		 seq > 0 && hash ? hash : ZERO_HASH);
}

int kd__audit_append(kd_store *s, const char *actor, const char *action,
		     const char *subject, const char *list_version,
		     const char *input_json, const char *result_json,
		     long long *seq)
{
	struct st_rows *r;
	char num[32], at[40], prev[65], hash[65];
	const char *f[11];
	long long last = 0;
	int err;
	snprintf(prev, sizeof(prev), "%s", ZERO_HASH);
	if (s->head_ok) {
		/* appended earlier in this transaction (a batch) */
		last = s->head_seq;
		memcpy(prev, s->head_hash, sizeof(prev));
	} else {
		err = kd__st_query(&r, s,
				   "SELECT seq, hash FROM audit ORDER BY seq "
				   "DESC LIMIT 1",
				   0, NULL);
		if (err < 0)
			return err;
		if (kd__st_next(r)) {
			last = kd__st_coll(r, 0);
			snprintf(prev, sizeof(prev), "%s",
				 kd__st_col(r, 1) ? kd__st_col(r, 1) : "");
		}
		kd__st_rows_free(r);
	}
	snprintf(num, sizeof(num), "%lld", last + 1);
	kd__st_now(at);
	f[0] = num;
	f[1] = at;
	f[2] = actor && *actor ? actor : "kordon";
	f[3] = action;
	f[4] = subject;
	f[5] = list_version;
	f[6] = s->matcher_version;
	f[7] = input_json ? input_json : "{}";
	f[8] = result_json ? result_json : "{}";
	f[9] = prev;
	record_hash(hash, f);
	f[10] = hash;
	err = kd__st_exec_later(
		s,
		"INSERT INTO audit(seq, at, actor, action, subject, "
		"list_version, matcher_version, input, result, "
		"prev_hash, hash) VALUES($1, $2, $3, $4, $5, $6, $7, "
		"$8, $9, $10, $11)",
		11, f);
	s->head_ok = err == 0 && s->in_tx;
	if (s->head_ok) {
		s->head_seq = last + 1;
		memcpy(s->head_hash, hash, sizeof(s->head_hash));
	}
	if (err == 0 && seq)
		*seq = last + 1;
	return err;
}

int kd_audit_record(kd_store *s, const char *actor, const char *action,
		    const char *subject, const char *input_json,
		    const char *result_json, long long *seq)
{
	return kd_audit_record_lv(s, actor, action, subject, NULL, input_json,
				  result_json, seq);
}

#define COLS                                                               \
	"seq, at, actor, action, subject, list_version, matcher_version, " \
	"input, result, prev_hash, hash"

int kd_audit_verify(kd_audit_check *out, kd_store *s)
{
	char prev[65], h[65], after[32];
	long long expect = 1;
	int err = 0;
	memset(out, 0, sizeof(*out));
	snprintf(prev, sizeof(prev), "%s", ZERO_HASH);
	for (;;) {
		struct st_rows *r;
		const char *pv[1] = { after };
		size_t got = 0;
		snprintf(after, sizeof(after), "%lld", expect - 1);
		err = kd__st_query(&r, s,
				   "SELECT " COLS " FROM audit WHERE seq > $1 "
				   "ORDER BY seq LIMIT 5000",
				   1, pv);
		if (err < 0)
			return err;
		while (kd__st_next(r)) {
			const char *f[10];
			size_t i;
			long long seq = kd__st_coll(r, 0);
			got++;
			for (i = 0; i < 10; i++)
				f[i] = kd__st_col(r, i);
			if (seq != expect) {
				out->bad_seq = seq;
				snprintf(out->why, sizeof(out->why),
					 "record %lld follows record %lld: "
					 "record %lld is missing (deleted)",
					 seq, expect - 1, expect);
				break;
			}
			if (strcmp(kd__st_col(r, 9) ? kd__st_col(r, 9) : "",
				   prev) != 0) {
				out->bad_seq = seq;
				snprintf(out->why, sizeof(out->why),
					 "record %lld: prev_hash is not the "
					 "hash of record %lld (one of them "
					 "was edited or they were reordered)",
					 seq, seq - 1);
				break;
			}
			record_hash(h, f);
			if (kd__st_col(r, 10) == NULL ||
			    strcmp(kd__st_col(r, 10), h) != 0) {
				out->bad_seq = seq;
				snprintf(out->why, sizeof(out->why),
					 "record %lld: content does not match "
					 "its hash (edited)",
					 seq);
				break;
			}
			snprintf(prev, sizeof(prev), "%s", h);
			expect++;
			out->records++;
		}
		kd__st_rows_free(r);
		if (out->bad_seq || got == 0)
			break;
	}
	if (out->bad_seq == 0)
		snprintf(out->why, sizeof(out->why), "%s", prev);
	return 0;
}

static void csv_cell(FILE *f, const char *v)
{
	if (v == NULL)
		return;
	if (strpbrk(v, ",\"\r\n") == NULL) {
		fputs(v, f);
		return;
	}
	fputc('"', f);
	for (; *v; v++) {
		if (*v == '"')
			fputc('"', f);
		fputc(*v, f);
	}
	fputc('"', f);
}

int kd_audit_export(FILE *f, kd_store *s, const char *from, const char *to,
		    int csv)
{
	static const char *const names[] = { "seq",
					     "at",
					     "actor",
					     "action",
					     "subject",
					     "list_version",
					     "matcher_version",
					     "input",
					     "result",
					     "prev_hash",
					     "hash" };
	long long last = 0;
	int err = 0;
	size_t i;
	if (csv) {
		for (i = 0; i < 11; i++)
			fprintf(f, "%s%s", i ? "," : "", names[i]);
		fputc('\n', f);
	}
	for (;;) {
		struct st_rows *r;
		char after[32];
		const char *pv[3] = { after, from ? from : "",
				      to ? to : "\x7f" };
		size_t got = 0;
		snprintf(after, sizeof(after), "%lld", last);
		err = kd__st_query(
			&r, s,
			"SELECT " COLS " FROM audit WHERE seq > $1 AND "
			"at >= CAST($2 AS TEXT) AND at <= CAST($3 AS TEXT) || "
			"'z' ORDER BY seq LIMIT 5000",
			3, pv);
		if (err < 0)
			return err;
		while (kd__st_next(r)) {
			got++;
			last = kd__st_coll(r, 0);
			if (csv) {
				for (i = 0; i < 11; i++) {
					if (i)
						fputc(',', f);
					csv_cell(f, kd__st_col(r, i));
				}
				fputc('\n', f);
				continue;
			}
			fprintf(f, "{\"seq\":%lld", last);
			for (i = 1; i < 11; i++) {
				const char *v = kd__st_col(r, i);
				struct kd_buf b = KD_BUF_INIT;
				fprintf(f, ",\"%s\":", names[i]);
				if (v && (i == 7 || i == 8)) {
					fputs(v, f); /* JSON already */
					continue;
				}
				jstr_or_null(&b, v);
				fputs(b.ptr ? b.ptr : "null", f);
				kd__buf_free(&b);
			}
			fputs("}\n", f);
		}
		kd__st_rows_free(r);
		if (got == 0)
			break;
	}
	/* buffered output fails at the flush: an export cut short must
	 * not look complete */
	if (fflush(f) != 0 || ferror(f))
		return kd__error_set(KD_EIO, "writing the export: %s",
				     strerror(errno ? errno : EIO));
	return 0;
}
