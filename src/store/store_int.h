/*
 * store_int.h - the store's internal SQL layer: one small interface
 * (transactions, statements with text parameters, row iteration) with
 * two backends, SQLite (sqlite.c) and PostgreSQL through libpq (pg.c).
 *
 * Everything above it (book.c, monitor.c, alerts.c, audit.c) is written
 * once in the SQL both understand, with PostgreSQL's $1..$n placeholders
 * (the SQLite backend rewrites them to ?1..?n). Parameters and columns
 * are text (NULL is a NULL pointer); integers travel as decimal text.
 * The few dialect differences (auto-increment keys, locks) live in the
 * migrations table of schema.c and in the backend's lock functions.
 */
#ifndef KD_STORE_INT_H
#define KD_STORE_INT_H

#include "kordon_store.h"
#include "util/util.h"

#include <pthread.h>

struct st_rows;

/* A parameter count for SQL text that is not a string literal (built at
 * run time): not cached by the backend. */
#define KD_ST_DYN(n) (-(n)-1)

struct st_ops {
	const char *name; /* "sqlite" | "postgresql" */
	int (*open)(void **out, const char *spec, char *err, size_t errlen);
	void (*close)(void *conn);
	/* a write transaction: SQLite BEGIN IMMEDIATE, PG BEGIN; then the
	 * writer lock `lock` (xact_lock), then, when given, the query
	 * `prefetch` (no parameters) into *rows: on PostgreSQL all in one
	 * round trip (a pipeline) */
	int (*begin)(void *conn, long lock, const char *prefetch,
		     struct st_rows **rows);
	int (*commit)(void *conn);
	int (*rollback)(void *conn);
	/* run sql; rows (optional) receives the result set */
	int (*exec)(void *conn, const char *sql, int n,
		    const char *const *params, struct st_rows **rows);
	/* serialise writers of one kind (audit chain, monitor of a book)
	 * for the rest of the transaction: PG advisory lock; SQLite's
	 * write transactions are already serial */
	int (*xact_lock)(void *conn, long key);
	/* number of rows changed by the last exec */
	long (*changes)(void *conn);
	/* a write whose result nobody reads, in a transaction: PostgreSQL
	 * sends it with the next statement or the COMMIT, in one pipeline
	 * (its error surfaces there); SQLite runs it at once */
	int (*exec_later)(void *conn, const char *sql, int n,
			  const char *const *params);
	/* did the last failed statement or commit fail on a write sent
	 * later (the transaction was aborted, nothing of it committed)? */
	int (*later_failed)(void *conn);
};

/* Rows are fetched whole (both backends): small result sets only, or
 * paged with LIMIT. */
struct st_rows {
	size_t nrows, ncols, cur; /* cur: 1-based after st_next */
	char **cells;             /* nrows * ncols, NULL for SQL NULL */
};

struct kd_store {
	const struct st_ops *ops;
	void *conn;
	char spec[1024];
	char matcher_version[96];
	int in_tx;
	/* the audit chain head as appended in the current transaction
	 * (valid while head_ok; the writer lock keeps it the head) */
	int head_ok;
	long long head_seq;
	char head_hash[65];
};

extern const struct st_ops kd__st_sqlite;
extern const struct st_ops kd__st_pg;

int kd__st_begin(kd_store *s);
/** A write transaction of the group commit: begin, writer lock, and the
 *  audit chain head and the four_eyes setting read, in one round trip
 *  (four_eyes: "on" or "off"). */
int kd__st_begin_batch(kd_store *s, char four_eyes[8]);
/** A write whose result is not read (see st_ops.exec_later). */
int kd__st_exec_later(kd_store *s, const char *sql, int n,
		      const char *const *params);
/** After a failed commit: it failed on a write sent late (the
 *  transaction was aborted by the server, nothing committed). */
int kd__st_later_failed(kd_store *s);
int kd__st_commit(kd_store *s);
void kd__st_rollback(kd_store *s);
int kd__st_exec(kd_store *s, const char *sql, int n, const char *const *params);
int kd__st_query(struct st_rows **out, kd_store *s, const char *sql, int n,
		 const char *const *params);
/** Single value of the first row, or NULL (owned by rows). */
int kd__st_next(struct st_rows *r);
const char *kd__st_col(const struct st_rows *r, size_t i);
long long kd__st_coll(const struct st_rows *r, size_t i);
double kd__st_cold(const struct st_rows *r, size_t i);
void kd__st_rows_free(struct st_rows *r);
long kd__st_changes(kd_store *s);
int kd__st_lock(kd_store *s, long key);
/** Rows of an exec as st_rows (backend helper). */
int kd__st_rows_new(struct st_rows **out, size_t ncols);
int kd__st_rows_add(struct st_rows *r, const char *const *cells,
		    const size_t *lens);

/* schema.c */
int kd__st_schema_version(kd_store *s, int *out);

/* meta values */
int kd__st_meta_get(kd_store *s, const char *key, char *out, size_t cap);
int kd__st_meta_set(kd_store *s, const char *key, const char *val);

/* audit.c: the chain head as read at the start of a transaction
 * (seq 0: no record yet) */
void kd__audit_head_set(kd_store *s, long long seq, const char *hash);
/* audit.c: append one record in the current transaction */
int kd__audit_append(kd_store *s, const char *actor, const char *action,
		     const char *subject, const char *list_version,
		     const char *input_json, const char *result_json,
		     long long *seq);

/* alerts.c: one decision inside the current write transaction (a batch
 * of the group commit). Returns 0; a refusal (KD_STORE_ECONFLICT,
 * KD_STORE_EDENIED: audited; KD_ENOTFOUND: nothing written); or a write
 * error with *dirty set: the transaction must be rolled back. */
int kd__decide_check(const char *decision, const char *reason,
		     const char *user);
int kd__decide_in_tx(kd_decision_result *out, kd_store *s, long long id,
		     const char *decision, const char *reason, const char *user,
		     long long expected_version, const char *four_eyes,
		     int *dirty);

/* commit.c: batches written and requests in them by the group commit's
 * writers of this process, so far */
void kd__commit_counts(unsigned long *batches, unsigned long *requests);

/* helpers */
void kd__st_now(char out[40]);
void kd__sha256_hex(char out[65], const void *data, size_t len);
#define KD_LOCK_AUDIT 0x6b6f7264L /* 'kord' */

#endif
