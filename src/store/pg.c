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
 */
#include "store_int.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCACHE 64

struct pgc {
	PGconn *c;
	long changes;
	const char *cache[NCACHE]; /* SQL text pointers, prepared as k<i> */
	size_t ncache;
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

static void pg_close(void *conn)
{
	struct pgc *p = conn;
	if (p == NULL)
		return;
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

static int pg_exec(void *conn, const char *sql, int n,
		   const char *const *params, struct st_rows **rows)
{
	struct pgc *p = conn;
	PGresult *r;
	ExecStatusType st;
	int err = 0;
	struct st_rows *out = NULL;
	size_t k;
	int cache = n >= 0;
	char name[32];
	if (n < 0)
		n = -n - 1;
	for (k = 0; cache && k < p->ncache; k++)
		if (p->cache[k] == sql)
			break;
	if (cache && k == p->ncache && k < NCACHE) {
		snprintf(name, sizeof(name), "k%zu", k);
		r = PQprepare(p->c, name, sql, n, NULL);
		if (r && PQresultStatus(r) == PGRES_COMMAND_OK)
			p->cache[p->ncache++] = sql;
		else if (PQtransactionStatus(p->c) == PQTRANS_INERROR) {
			/* the failed PREPARE aborted the transaction */
			err = pg_fail(p, r, sql);
			PQclear(r);
			return err;
		}
		PQclear(r);
	}
	if (cache && k < p->ncache) {
		snprintf(name, sizeof(name), "k%zu", k);
		r = PQexecPrepared(p->c, name, n, params, NULL, NULL, 0);
	} else {
		r = PQexecParams(p->c, sql, n, NULL, params, NULL, NULL, 0);
	}
	st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		err = pg_fail(p, r, sql);
		PQclear(r);
		return err;
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

static int pg_simple(void *conn, const char *sql)
{
	return pg_exec(conn, sql, 0, NULL, NULL);
}

static int pg_begin(void *conn)
{
	return pg_simple(conn, "BEGIN");
}

static int pg_commit(void *conn)
{
	return pg_simple(conn, "COMMIT");
}

static int pg_rollback(void *conn)
{
	struct pgc *p = conn;
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

const struct st_ops kd__st_pg = {
	"postgresql", pg_open, pg_close, pg_begin,   pg_commit,
	pg_rollback,  pg_exec, pg_lock,  pg_changes,
};
