/*
 * pg.c - the PostgreSQL backend of the store, through libpq, so several
 * `kordon serve` instances can share one store. Statements run with
 * PQexecParams (text parameters, text results). Transactions are READ
 * COMMITTED; where a read decides a write (the audit chain head, a
 * monitor run over a book) the writer takes a transaction-scoped
 * advisory lock first, and alert decisions are conditional updates on a
 * version column, so a lost race is detected, never overwritten.
 *
 * Commits are durable with the server's defaults (synchronous_commit on).
 *
 * Statements whose text is a string literal (the callers' SQL, passed
 * with a parameter count >= 0) are prepared once per connection
 * (PQprepare, named k0, k1, ...) and cached by text pointer, as the
 * SQLite backend does: a decision's statements are then only bound and
 * executed, not parsed and planned each time.
 *
 * Round trips are what a decision waits for on a busy machine (each one
 * wakes the server process and then this one), so a transaction makes as
 * few as it can with libpq's pipeline mode: BEGIN, the writer lock and
 * the first query (for a batch of the group commit: the audit chain head
 * and the four_eyes setting) go in one; writes whose results nobody
 * reads (exec_later: the decision and audit rows) wait in the handle and
 * go with the next statement or with the COMMIT. A decision then costs
 * four round trips (begin and prefetch, read the alert, update it,
 * inserts and commit) instead of nine, one sync of the server's WAL
 * (synchronous_commit stays on), and the same statements in the same
 * order: a queued write is always sent before anything that could read
 * it.
 */
#include "store_int.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCACHE 64
#define NQUEUE 64 /* writes held back; more are sent in a pipeline */
#define NPARAM 16

/* a write held back until the next round trip */
struct later {
	const char *sql;
	int n, named;
	char name[16];
	char *v[NPARAM];
};

struct pgc {
	PGconn *c;
	long changes;
	const char *cache[NCACHE]; /* SQL text pointers, prepared as k<i> */
	size_t ncache;
	struct later q[NQUEUE];
	size_t nq;
	int later_failed;
};

static int pg_open(void **out, const char *spec, char *err, size_t errlen)
{
	struct pgc *p = kd__calloc(1, sizeof(*p));
	PGresult *r;
	if (p == NULL) {
		snprintf(err, errlen, "out of memory");
		return KD_ENOMEM;
	}
	p->c = PQconnectdb(spec);
	if (PQstatus(p->c) != CONNECTION_OK) {
		const char *m = PQerrorMessage(p->c);
		size_t n = strlen(m);
		while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
			n--;
		snprintf(err, errlen, "postgresql: %.*s", (int)n, m);
		PQfinish(p->c);
		kd__free(p);
		return KD_EIO;
	}
	/* quiet NOTICEs from CREATE ... IF NOT EXISTS */
	r = PQexec(p->c, "SET client_min_messages = warning");
	PQclear(r);
	*out = p;
	return 0;
}

static void queue_drop(struct pgc *p)
{
	size_t i;
	int k;
	for (i = 0; i < p->nq; i++)
		for (k = 0; k < p->q[i].n; k++)
			kd__free(p->q[i].v[k]);
	p->nq = 0;
}

static void pg_close(void *conn)
{
	struct pgc *p = conn;
	if (p == NULL)
		return;
	queue_drop(p);
	PQfinish(p->c);
	kd__free(p);
}

static int pg_fail(struct pgc *p, PGresult *r, const char *sql)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *m = r ? PQresultErrorMessage(r) : PQerrorMessage(p->c);
	size_t n = strlen(m);
	int code = KD_EIO;
	while (n && (m[n - 1] == '\n' || m[n - 1] == ' '))
		n--;
	/* 23505 unique violation, 40001 serialization, 40P01 deadlock */
	if (state &&
	    (strcmp(state, "23505") == 0 || strcmp(state, "40001") == 0 ||
	     strcmp(state, "40P01") == 0))
		code = KD_STORE_ECONFLICT;
	return kd__error_set(code, "postgresql: %.*s (in: %.80s)", (int)n, m,
			     sql);
}

/* The prepared statement of sql (prepared now when first seen): 1 with
 * its name, 0 when it is run unprepared, < 0 when preparing it failed
 * the transaction. Not in pipeline mode. */
static int stmt_name(struct pgc *p, const char *sql, int n, int cache,
		     char name[16])
{
	size_t k;
	PGresult *r;
	if (!cache)
		return 0;
	for (k = 0; k < p->ncache; k++)
		if (p->cache[k] == sql)
			break;
	if (k == p->ncache) {
		if (k == NCACHE)
			return 0;
		snprintf(name, 16, "k%zu", k);
		r = PQprepare(p->c, name, sql, n, NULL);
		if (r && PQresultStatus(r) == PGRES_COMMAND_OK) {
			p->cache[p->ncache++] = sql;
		} else if (PQtransactionStatus(p->c) == PQTRANS_INERROR) {
			/* the failed PREPARE aborted the transaction */
			int err = pg_fail(p, r, sql);
			PQclear(r);
			return err;
		} else {
			PQclear(r);
			return 0;
		}
		PQclear(r);
	}
	snprintf(name, 16, "k%zu", k);
	return 1;
}

static int send_one(struct pgc *p, const char *sql, int named, const char *name,
		    int n, const char *const *params)
{
	return named ? PQsendQueryPrepared(p->c, name, n, params, NULL, NULL, 0)
		     : PQsendQueryParams(p->c, sql, n, NULL, params, NULL, NULL,
					 0);
}

/*
 * The held-back writes and then sql (when not NULL) in one pipeline: one
 * round trip. *last receives sql's result (the caller clears it). The
 * first error is returned; the server skips what follows it (the
 * transaction is aborted), and later_failed says whether it was one of
 * the held-back writes.
 */
static int pipe_run(struct pgc *p, const char *sql, int n,
		    const char *const *params, int cache, PGresult **last)
{
	char name[16] = "";
	int named = 0, err = 0, sent;
	size_t i, total;
	PGresult *r;
	if (last)
		*last = NULL;
	p->later_failed = 0;
	if (sql && (named = stmt_name(p, sql, n, cache, name)) < 0) {
		queue_drop(p);
		return named;
	}
	if (!PQenterPipelineMode(p->c)) {
		queue_drop(p);
		return pg_fail(p, NULL, "pipeline");
	}
	total = p->nq + (sql != NULL);
	for (i = 0, sent = 1; i < p->nq && sent; i++)
		sent = send_one(p, p->q[i].sql, p->q[i].named, p->q[i].name,
				p->q[i].n, (const char *const *)p->q[i].v);
	if (sent && sql)
		sent = send_one(p, sql, named, name, n, params);
	if (!sent || !PQpipelineSync(p->c)) {
		err = pg_fail(p, NULL, "pipeline");
		queue_drop(p);
		return err; /* the connection is unusable */
	}
	for (i = 0; i < total; i++) {
		const char *what = i < p->nq ? p->q[i].sql : sql;
		ExecStatusType st;
		if ((r = PQgetResult(p->c)) == NULL) {
			if (err == 0)
				err = pg_fail(p, NULL, what);
			break; /* the connection was lost */
		}
		st = PQresultStatus(r);
		if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK &&
		    err == 0) {
			err = pg_fail(p, r, what);
			p->later_failed = i < p->nq;
		}
		if (i + 1 == total && sql && err == 0 && last)
			*last = r;
		else
			PQclear(r);
		while ((r = PQgetResult(p->c)) != NULL) /* end of this one */
			PQclear(r);
	}
	if (i == total) {
		r = PQgetResult(p->c); /* PGRES_PIPELINE_SYNC */
		PQclear(r);
	}
	PQexitPipelineMode(p->c);
	queue_drop(p);
	if (err < 0 && last && *last) {
		PQclear(*last);
		*last = NULL;
	}
	return err;
}

static int pg_exec(void *conn, const char *sql, int n,
		   const char *const *params, struct st_rows **rows)
{
	struct pgc *p = conn;
	PGresult *r = NULL;
	int err = 0;
	struct st_rows *out = NULL;
	int cache = n >= 0;
	if (n < 0)
		n = -n - 1;
	if (p->nq) {
		if ((err = pipe_run(p, sql, n, params, cache, &r)) < 0)
			return err;
	} else {
		char name[16];
		int named = stmt_name(p, sql, n, cache, name);
		ExecStatusType st;
		if (named < 0)
			return named;
		r = named ? PQexecPrepared(p->c, name, n, params, NULL, NULL, 0)
			  : PQexecParams(p->c, sql, n, NULL, params, NULL, NULL,
					 0);
		st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
		if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
			err = pg_fail(p, r, sql);
			PQclear(r);
			return err;
		}
	}
	p->changes = strtol(PQcmdTuples(r), NULL, 10);
	if (rows) {
		int i, c, nc = PQnfields(r), nr = PQntuples(r);
		if ((err = kd__st_rows_new(&out, (size_t)nc)) < 0)
			goto done;
		for (i = 0; i < nr; i++) {
			const char *cells[32];
			size_t lens[32];
			for (c = 0; c < nc && c < 32; c++) {
				cells[c] = PQgetisnull(r, i, c)
						   ? NULL
						   : PQgetvalue(r, i, c);
				lens[c] = (size_t)PQgetlength(r, i, c);
			}
			if ((err = kd__st_rows_add(out, cells, lens)) < 0)
				goto done;
		}
	}
done:
	PQclear(r);
	if (err < 0)
		kd__st_rows_free(out);
	else if (rows)
		*rows = out;
	return err;
}

/* Hold a write back until the next round trip (see the top). */
static int hold(struct pgc *p, const char *sql, int n,
		const char *const *params, int cache)
{
	struct later *x;
	int k, named;
	char name[16] = "";
	if (n > NPARAM)
		return pg_exec(p, sql, cache ? n : -n - 1, params, NULL);
	if (p->nq == NQUEUE) {
		int err = pipe_run(p, NULL, 0, NULL, 0, NULL);
		if (err < 0)
			return err;
	}
	if ((named = stmt_name(p, sql, n, cache, name)) < 0)
		return named;
	x = &p->q[p->nq];
	memset(x, 0, sizeof(*x));
	x->sql = sql;
	x->named = named;
	memcpy(x->name, name, sizeof(x->name));
	for (k = 0; k < n; k++)
		if (params[k] && (x->v[k] = kd__strdup(params[k])) == NULL) {
			while (k-- > 0)
				kd__free(x->v[k]);
			return kd__error_set(KD_ENOMEM, "out of memory");
		}
	x->n = n;
	p->nq++;
	return 0;
}

static int pg_exec_later(void *conn, const char *sql, int n,
			 const char *const *params)
{
	struct pgc *p = conn;
	int cache = n >= 0;
	if (n < 0)
		n = -n - 1;
	if (PQtransactionStatus(p->c) == PQTRANS_IDLE && p->nq == 0)
		return pg_exec(conn, sql, cache ? n : -n - 1, params, NULL);
	return hold(p, sql, n, params, cache);
}

static int pg_later_failed(void *conn)
{
	return ((struct pgc *)conn)->later_failed;
}

static int pg_simple(void *conn, const char *sql)
{
	return pg_exec(conn, sql, 0, NULL, NULL);
}

static int pg_rollback(void *conn);

/* BEGIN, the lock and the prefetch query in one round trip */
static int pg_begin(void *conn, long lock, const char *prefetch,
		    struct st_rows **rows)
{
	struct pgc *p = conn;
	char k[32];
	const char *pv[1] = { k };
	int err;
	snprintf(k, sizeof(k), "%ld", lock);
	queue_drop(p);
	if ((err = hold(p, "BEGIN", 0, NULL, 1)) < 0 ||
	    (err = hold(p, "SELECT pg_advisory_xact_lock($1::bigint)", 1, pv,
			1)) < 0)
		return err;
	err = prefetch ? pg_exec(conn, prefetch, 0, NULL, rows)
		       : pipe_run(p, NULL, 0, NULL, 0, NULL);
	if (err < 0)
		pg_rollback(conn);
	return err;
}

static int pg_commit(void *conn)
{
	return pg_simple(conn, "COMMIT");
}

static int pg_rollback(void *conn)
{
	struct pgc *p = conn;
	queue_drop(p);
	if (PQtransactionStatus(p->c) == PQTRANS_IDLE)
		return 0;
	return pg_simple(conn, "ROLLBACK");
}

static int pg_lock(void *conn, long key)
{
	char k[32];
	const char *pv[1] = { k };
	snprintf(k, sizeof(k), "%ld", key);
	return pg_exec(conn, "SELECT pg_advisory_xact_lock($1::bigint)", 1, pv,
		       NULL);
}

static long pg_changes(void *conn)
{
	return ((struct pgc *)conn)->changes;
}

/* clang-format off */
const struct st_ops kd__st_pg = {
	"postgresql", pg_open, pg_close, pg_begin, pg_commit, pg_rollback,
	pg_exec, pg_lock, pg_changes, pg_exec_later, pg_later_failed,
};
/* clang-format on */
