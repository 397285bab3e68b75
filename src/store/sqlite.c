/*
 * sqlite.c - the SQLite backend of the store (the default): one file,
 * WAL journal so readers never block the writer, synchronous=FULL so a
 * committed decision or audit record survives a power cut, and a busy
 * timeout so concurrent processes wait for the write lock instead of
 * failing. Write transactions are BEGIN IMMEDIATE: they take the write
 * lock up front, so a read-then-write (the audit chain head, an alert's
 * version) can never be overtaken by another writer.
 *
 * Writers of one process (server threads, each with its connection) are
 * serialised by a mutex before BEGIN IMMEDIATE: they queue instead of
 * meeting SQLITE_BUSY, whose handler sleeps in steps of up to 100 ms and
 * made the decision latency tail; the busy timeout still covers writers
 * in other processes.
 *
 * Checkpoints (copying the WAL back into the database file, with an
 * fsync of that file) run on a background thread of the process, with
 * its own connection, not in the commit that crosses the WAL threshold:
 * SQLite's automatic checkpoint would make every ~100th decision wait
 * for it, which was the tail of the decision latency. A checkpoint is
 * PASSIVE (never blocks writers or readers); the last connection to
 * close still checkpoints as usual, and a crash mid-checkpoint is
 * recovered by SQLite. Commits stay durable: the WAL is synced on every
 * commit (synchronous=FULL).
 *
 * Statements are prepared once per connection and cached by SQL text
 * pointer (the callers pass string literals); $N placeholders are
 * rewritten to SQLite's ?N.
 */
#include "store_int.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#define NCACHE 64

static pthread_mutex_t g_writer = PTHREAD_MUTEX_INITIALIZER;

/* WAL pages after which a checkpoint is asked for (SQLite's default) */
#define CKPT_PAGES 1000

/* the background checkpointer: one file at a time (a process has one
 * store; another file asking waits for the next round) */
static struct {
	pthread_mutex_t lock;
	pthread_cond_t wake;
	int started;
	char want[4096]; /* file to checkpoint, "" when idle */
} g_ckpt = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, "" };

static void *ckpt_main(void *arg)
{
	char path[4096];
	(void)arg;
	for (;;) {
		sqlite3 *db = NULL;
		pthread_mutex_lock(&g_ckpt.lock);
		while (g_ckpt.want[0] == '\0')
			pthread_cond_wait(&g_ckpt.wake, &g_ckpt.lock);
		memcpy(path, g_ckpt.want, sizeof(path));
		pthread_mutex_unlock(&g_ckpt.lock);
		/* a connection per checkpoint (one per ~1000 pages written):
		 * never a stale one to a file replaced meanwhile */
		if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) ==
		    SQLITE_OK) {
			sqlite3_busy_timeout(db, 1000);
			sqlite3_wal_checkpoint_v2(db, NULL,
						  SQLITE_CHECKPOINT_PASSIVE,
						  NULL, NULL);
		}
		sqlite3_close(db);
		pthread_mutex_lock(&g_ckpt.lock);
		if (strcmp(g_ckpt.want, path) == 0)
			g_ckpt.want[0] = '\0';
		pthread_mutex_unlock(&g_ckpt.lock);
	}
	return NULL;
}

/* After each commit (sqlite3_wal_hook): hand a long WAL to the
 * checkpointer; without one (thread creation failed) checkpoint here. */
static int wal_hook(void *ctx, sqlite3 *db, const char *name, int pages)
{
	const char *file = sqlite3_db_filename(db, name);
	int ok = 1;
	(void)ctx;
	if (pages < CKPT_PAGES || file == NULL || *file == '\0' ||
	    strlen(file) >= sizeof(g_ckpt.want))
		return SQLITE_OK;
	pthread_mutex_lock(&g_ckpt.lock);
	if (!g_ckpt.started) {
		pthread_t th;
		pthread_attr_t at;
		pthread_attr_init(&at);
		pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
		g_ckpt.started = pthread_create(&th, &at, ckpt_main, NULL) == 0
					 ? 1
					 : -1;
		pthread_attr_destroy(&at);
	}
	if (g_ckpt.started > 0 && g_ckpt.want[0] == '\0') {
		memcpy(g_ckpt.want, file, strlen(file) + 1);
		pthread_cond_signal(&g_ckpt.wake);
	}
	ok = g_ckpt.started > 0;
	pthread_mutex_unlock(&g_ckpt.lock);
	if (!ok)
		sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE,
					  NULL, NULL);
	return SQLITE_OK;
}

struct sq {
	sqlite3 *db;
	int held; /* g_writer, from begin to commit or rollback */
	struct {
		const char *key;
		sqlite3_stmt *st;
	} cache[NCACHE];
	size_t ncache;
};

static int sq_fail(struct sq *q, const char *what)
{
	return kd__error_set(KD_EIO, "sqlite: %.100s: %s", what,
			     sqlite3_errmsg(q->db));
}

static int sq_simple(struct sq *q, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(q->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		int rc = kd__error_set(KD_EIO, "sqlite: %s: %s", sql,
				       msg ? msg : "error");
		sqlite3_free(msg);
		return rc;
	}
	return 0;
}

static void release(struct sq *q)
{
	if (q->held) {
		q->held = 0;
		pthread_mutex_unlock(&g_writer);
	}
}

static int sq_open(void **out, const char *spec, char *err, size_t errlen)
{
	struct sq *q = kd__calloc(1, sizeof(*q));
	if (q == NULL) {
		snprintf(err, errlen, "out of memory");
		return KD_ENOMEM;
	}
	if (sqlite3_open_v2(spec, &q->db,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				    SQLITE_OPEN_FULLMUTEX,
			    NULL) != SQLITE_OK) {
		snprintf(err, errlen, "%s: %s", spec,
			 q->db ? sqlite3_errmsg(q->db) : "cannot open");
		sqlite3_close(q->db);
		kd__free(q);
		return KD_EIO;
	}
	sqlite3_busy_timeout(q->db, 30000);
	if (sq_simple(q, "PRAGMA journal_mode=WAL") < 0 ||
	    sq_simple(q, "PRAGMA synchronous=FULL") < 0 ||
	    sq_simple(q, "PRAGMA foreign_keys=ON") < 0) {
		snprintf(err, errlen, "%s: %s", spec, kd_error_last());
		sqlite3_close(q->db);
		kd__free(q);
		return KD_EIO;
	}
	sqlite3_wal_hook(q->db, wal_hook, NULL);
	*out = q;
	return 0;
}

static void sq_close(void *conn)
{
	struct sq *q = conn;
	size_t i;
	if (q == NULL)
		return;
	release(q);
	for (i = 0; i < q->ncache; i++)
		sqlite3_finalize(q->cache[i].st);
	sqlite3_close(q->db);
	kd__free(q);
}

static int sq_exec(void *conn, const char *sql, int n,
		   const char *const *params, struct st_rows **rows);
static int sq_rollback(void *conn);

/* SQLite's write transactions are serial already: no lock to take */
static int sq_begin(void *conn, long lock, const char *prefetch,
		    struct st_rows **rows)
{
	struct sq *q = conn;
	int rc;
	(void)lock;
	if (!q->held) {
		pthread_mutex_lock(&g_writer);
		q->held = 1;
	}
	if ((rc = sq_simple(conn, "BEGIN IMMEDIATE")) < 0) {
		release(q);
		return rc;
	}
	if (prefetch && (rc = sq_exec(conn, prefetch, 0, NULL, rows)) < 0)
		sq_rollback(conn);
	return rc;
}

static int sq_commit(void *conn)
{
	int rc = sq_simple(conn, "COMMIT");
	if (rc == 0)
		release(conn);
	return rc; /* on failure the caller rolls back, which releases */
}

static int sq_rollback(void *conn)
{
	struct sq *q = conn;
	int rc = 0;
	if (!sqlite3_get_autocommit(q->db))
		rc = sq_simple(conn, "ROLLBACK");
	release(q);
	return rc;
}

/* $N -> ?N */
static char *rewrite(const char *sql)
{
	char *out = kd__strdup(sql), *p;
	if (out == NULL)
		return NULL;
	for (p = out; *p; p++)
		if (*p == '$' && p[1] >= '0' && p[1] <= '9')
			*p = '?';
	return out;
}

static sqlite3_stmt *prepare(struct sq *q, const char *sql, int cache)
{
	size_t i;
	sqlite3_stmt *st = NULL;
	char *text;
	for (i = 0; cache && i < q->ncache; i++)
		if (q->cache[i].key == sql) {
			sqlite3_reset(q->cache[i].st);
			sqlite3_clear_bindings(q->cache[i].st);
			return q->cache[i].st;
		}
	if ((text = rewrite(sql)) == NULL)
		return NULL;
	if (sqlite3_prepare_v2(q->db, text, -1, &st, NULL) != SQLITE_OK) {
		sq_fail(q, text);
		kd__free(text);
		return NULL;
	}
	kd__free(text);
	if (cache && q->ncache < NCACHE) {
		q->cache[q->ncache].key = sql;
		q->cache[q->ncache].st = st;
		q->ncache++;
	}
	return st;
}

static void unprepare(struct sq *q, sqlite3_stmt *st)
{
	size_t i;
	for (i = 0; i < q->ncache; i++)
		if (q->cache[i].st == st) {
			sqlite3_reset(st);
			return;
		}
	sqlite3_finalize(st);
}

static int sq_exec(void *conn, const char *sql, int n,
		   const char *const *params, struct st_rows **rows)
{
	struct sq *q = conn;
	int cache = n >= 0;
	sqlite3_stmt *st;
	int i, rc, err = 0;
	struct st_rows *r = NULL;
	if (n < 0)
		n = -n - 1;
	if ((st = prepare(q, sql, cache)) == NULL)
		return KD_EIO;
	for (i = 0; i < n; i++) {
		if (params[i] == NULL)
			rc = sqlite3_bind_null(st, i + 1);
		else
			rc = sqlite3_bind_text(st, i + 1, params[i], -1,
					       SQLITE_STATIC);
		if (rc != SQLITE_OK) {
			err = sq_fail(q, "bind");
			goto done;
		}
	}
	if (rows &&
	    (err = kd__st_rows_new(&r, (size_t)sqlite3_column_count(st))) < 0)
		goto done;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *cells[32];
		size_t lens[32], c, nc = (size_t)sqlite3_column_count(st);
		if (r == NULL)
			continue;
		if (nc > 32)
			nc = 32;
		for (c = 0; c < nc; c++) {
			cells[c] = (const char *)sqlite3_column_text(st,
								     (int)c);
			lens[c] = (size_t)sqlite3_column_bytes(st, (int)c);
		}
		if ((err = kd__st_rows_add(r, cells, lens)) < 0)
			goto done;
	}
	if (rc != SQLITE_DONE) {
		err = sqlite3_errcode(q->db) == SQLITE_CONSTRAINT
			      ? kd__error_set(KD_STORE_ECONFLICT, "sqlite: %s",
					      sqlite3_errmsg(q->db))
			      : sq_fail(q, "step");
		goto done;
	}
done:
	unprepare(q, st);
	if (err < 0 || rows == NULL)
		kd__st_rows_free(r);
	else
		*rows = r;
	return err;
}

static int sq_lock(void *conn, long key)
{
	(void)conn;
	(void)key;
	return 0;
}

static long sq_changes(void *conn)
{
	return (long)sqlite3_changes(((struct sq *)conn)->db);
}

static int sq_exec_later(void *conn, const char *sql, int n,
			 const char *const *params)
{
	return sq_exec(conn, sql, n, params, NULL);
}

/* clang-format off */
const struct st_ops kd__st_sqlite = {
	"sqlite", sq_open, sq_close, sq_begin, sq_commit, sq_rollback,
	sq_exec, sq_lock, sq_changes, sq_exec_later, NULL,
};
/* clang-format on */
