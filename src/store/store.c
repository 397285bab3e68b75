/*
 * store.c - opening a store (SQLite file or postgresql:// URI), the
 * versioned schema and its migrations, transactions, and the row sets
 * both backends return.
 *
 * The schema is written once in SQLite's dialect; for PostgreSQL the
 * three type spellings that differ are rewritten (auto-increment keys,
 * 64-bit integers, doubles), so both stores have the same tables,
 * constraints and partial unique index (one open alert per book record
 * and listed entity, which is what makes a rerun after a crash unable
 * to duplicate an alert). meta.schema_version counts the applied
 * migrations; a store older than the code is refused until
 * `kordon store migrate`, a newer one always.
 *
 * Every write transaction begins by taking the audit lock (a no-op in
 * SQLite, whose BEGIN IMMEDIATE already serialises writers; an advisory
 * lock in PostgreSQL). All writers thus take their locks in one order,
 * so they cannot deadlock, and the audit chain head read inside the
 * transaction stays the head until commit.
 */
#include "store_int.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/uvernum.h>

static const char *const migrations[] = {
	/* 1: the book, list versions, alerts, decisions, audit */
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);"
	"CREATE TABLE book(rid INTEGER PRIMARY KEY AUTOINCREMENT,"
	" book TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL,"
	" schema TEXT, birth_date TEXT, country TEXT, id_number TEXT,"
	" hash TEXT NOT NULL, screened TEXT, seq INTEGER NOT NULL,"
	" status TEXT NOT NULL, updated_at TEXT NOT NULL,"
	" UNIQUE(book, id));"
	"CREATE TABLE list_version(version TEXT PRIMARY KEY,"
	" created_at TEXT NOT NULL, matcher_version TEXT NOT NULL,"
	" entities INTEGER NOT NULL, sources TEXT NOT NULL);"
	"CREATE TABLE entity_blob(hash TEXT PRIMARY KEY, json TEXT NOT NULL);"
	"CREATE TABLE list_member(version TEXT NOT NULL,"
	" entity_id TEXT NOT NULL, hash TEXT NOT NULL,"
	" PRIMARY KEY(version, entity_id));"
	"CREATE TABLE monitor_state(book TEXT PRIMARY KEY,"
	" list_version TEXT, matcher_version TEXT, run_at TEXT);"
	"CREATE TABLE alerts(id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" book TEXT NOT NULL, record_id TEXT NOT NULL, rid INTEGER NOT NULL,"
	" entity_id TEXT NOT NULL, caption TEXT NOT NULL,"
	" status TEXT NOT NULL, score REAL NOT NULL,"
	" explanation TEXT NOT NULL, record_hash TEXT NOT NULL,"
	" entity_hash TEXT NOT NULL, lists TEXT NOT NULL,"
	" list_version TEXT NOT NULL, matcher_version TEXT NOT NULL,"
	" created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
	" decision TEXT, decided_by TEXT, reason TEXT, pending_by TEXT,"
	" closed_reason TEXT, prev_alert INTEGER,"
	" version INTEGER NOT NULL);"
	"CREATE UNIQUE INDEX alerts_open ON alerts(book, record_id, entity_id)"
	" WHERE status = 'open';"
	"CREATE INDEX alerts_pair ON alerts(book, record_id, entity_id);"
	"CREATE INDEX alerts_entity ON alerts(entity_id, status);"
	"CREATE INDEX alerts_rid ON alerts(book, rid);"
	"CREATE INDEX alerts_status ON alerts(status, id);"
	"CREATE TABLE decisions(id INTEGER PRIMARY KEY AUTOINCREMENT,"
	" alert_id INTEGER NOT NULL, decision TEXT NOT NULL, reason TEXT,"
	" by_user TEXT NOT NULL, at TEXT NOT NULL, outcome TEXT NOT NULL);"
	"CREATE INDEX decisions_alert ON decisions(alert_id);"
	"CREATE TABLE audit(seq INTEGER PRIMARY KEY, at TEXT NOT NULL,"
	" actor TEXT NOT NULL, action TEXT NOT NULL, subject TEXT,"
	" list_version TEXT, matcher_version TEXT, input TEXT, result TEXT,"
	" prev_hash TEXT NOT NULL, hash TEXT NOT NULL);",
	/* 2: export by time range */
	"CREATE INDEX audit_at ON audit(at);",
	/* 3: records to screen, found without reading the whole book */
	"CREATE INDEX book_dirty ON book(book, rid) WHERE screened IS NULL OR"
	" screened <> hash;",
	/* 4: a delta run's records with alerts on a changed entity, and
	 * retired records, found without reading every alert of the book */
	"CREATE INDEX alerts_book_entity ON alerts(book, entity_id);"
	"CREATE INDEX book_retired ON book(book, rid) WHERE status ="
	" 'retired';",
};
#define NMIGRATIONS (int)(sizeof(migrations) / sizeof(migrations[0]))

int kd_store_schema_latest(void)
{
	return NMIGRATIONS;
}

/* ---- row sets ---------------------------------------------------------- */

struct rows_priv {
	struct st_rows r;
	size_t cap; /* rows */
};

int kd__st_rows_new(struct st_rows **out, size_t ncols)
{
	struct rows_priv *p = kd__calloc(1, sizeof(*p));
	if (p == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	p->r.ncols = ncols;
	*out = &p->r;
	return 0;
}

int kd__st_rows_add(struct st_rows *r, const char *const *cells,
		    const size_t *lens)
{
	struct rows_priv *p = (struct rows_priv *)r;
	size_t c;
	if (r->nrows == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		char **v = kd__realloc(r->cells,
				       cap * (r->ncols ? r->ncols : 1) *
					       sizeof(char *));
		if (v == NULL)
			return kd__error_set(KD_ENOMEM, "out of memory");
		r->cells = v;
		p->cap = cap;
	}
	for (c = 0; c < r->ncols; c++) {
		char *v = NULL;
		if (cells[c] && (v = kd__strndup(cells[c], lens[c])) == NULL) {
			size_t k;
			for (k = 0; k < c; k++)
				kd__free(r->cells[r->nrows * r->ncols + k]);
			return kd__error_set(KD_ENOMEM, "out of memory");
		}
		r->cells[r->nrows * r->ncols + c] = v;
	}
	r->nrows++;
	return 0;
}

void kd__st_rows_free(struct st_rows *r)
{
	size_t i;
	if (r == NULL)
		return;
	for (i = 0; i < r->nrows * r->ncols; i++)
		kd__free(r->cells[i]);
	kd__free(r->cells);
	kd__free(r);
}

int kd__st_next(struct st_rows *r)
{
	if (r == NULL || r->cur >= r->nrows)
		return 0;
	r->cur++;
	return 1;
}

const char *kd__st_col(const struct st_rows *r, size_t i)
{
	if (r == NULL || r->cur == 0 || i >= r->ncols)
		return NULL;
	return r->cells[(r->cur - 1) * r->ncols + i];
}

long long kd__st_coll(const struct st_rows *r, size_t i)
{
	const char *v = kd__st_col(r, i);
	return v ? strtoll(v, NULL, 10) : 0;
}

double kd__st_cold(const struct st_rows *r, size_t i)
{
	const char *v = kd__st_col(r, i);
	return v ? strtod(v, NULL) : 0;
}

/* ---- statements and transactions ------------------------------------------ */

int kd__st_exec(kd_store *s, const char *sql, int n, const char *const *params)
{
	return s->ops->exec(s->conn, sql, n, params, NULL);
}

int kd__st_query(struct st_rows **out, kd_store *s, const char *sql, int n,
		 const char *const *params)
{
	*out = NULL;
	return s->ops->exec(s->conn, sql, n, params, out);
}

long kd__st_changes(kd_store *s)
{
	return s->ops->changes(s->conn);
}

int kd__st_lock(kd_store *s, long key)
{
	return s->ops->xact_lock(s->conn, key);
}

int kd__st_begin(kd_store *s)
{
	int err = s->ops->begin(s->conn, KD_LOCK_AUDIT, NULL, NULL);
	if (err < 0)
		return err;
	s->in_tx = 1;
	s->head_ok = 0;
	return 0;
}

int kd__st_begin_batch(kd_store *s, char four_eyes[8])
{
	struct st_rows *r = NULL;
	int err = s->ops->begin(
		s->conn, KD_LOCK_AUDIT,
		"SELECT (SELECT seq FROM audit ORDER BY seq DESC LIMIT 1), "
		"(SELECT hash FROM audit ORDER BY seq DESC LIMIT 1), "
		"(SELECT value FROM meta WHERE key = 'four_eyes')",
		&r);
	if (err < 0)
		return err;
	s->in_tx = 1;
	s->head_ok = 0;
	snprintf(four_eyes, 8, "off");
	if (kd__st_next(r)) {
		if (kd__st_col(r, 0))
			kd__audit_head_set(s, kd__st_coll(r, 0),
					   kd__st_col(r, 1));
		else
			kd__audit_head_set(s, 0, NULL);
		if (kd__st_col(r, 2))
			snprintf(four_eyes, 8, "%s", kd__st_col(r, 2));
	}
	kd__st_rows_free(r);
	return 0;
}

int kd__st_exec_later(kd_store *s, const char *sql, int n,
		      const char *const *params)
{
	return s->ops->exec_later(s->conn, sql, n, params);
}

int kd__st_later_failed(kd_store *s)
{
	return s->ops->later_failed ? s->ops->later_failed(s->conn) : 0;
}

int kd__st_commit(kd_store *s)
{
	int err = s->ops->commit(s->conn);
	if (err < 0)
		s->ops->rollback(s->conn);
	s->in_tx = 0;
	s->head_ok = 0;
	return err;
}

void kd__st_rollback(kd_store *s)
{
	s->ops->rollback(s->conn);
	s->in_tx = 0;
	s->head_ok = 0;
}

/* ---- meta ---------------------------------------------------------------- */

int kd__st_meta_get(kd_store *s, const char *key, char *out, size_t cap)
{
	struct st_rows *r;
	const char *pv[1] = { key };
	int err = kd__st_query(&r, s, "SELECT value FROM meta WHERE key = $1",
			       1, pv);
	if (err < 0)
		return err;
	if (!kd__st_next(r) || kd__st_col(r, 0) == NULL) {
		kd__st_rows_free(r);
		return KD_ENOTFOUND;
	}
	snprintf(out, cap, "%s", kd__st_col(r, 0));
	kd__st_rows_free(r);
	return 0;
}

int kd__st_meta_set(kd_store *s, const char *key, const char *val)
{
	const char *pv[2] = { key, val };
	int err = kd__st_exec(s, "UPDATE meta SET value = $2 WHERE key = $1", 2,
			      pv);
	if (err < 0 || kd__st_changes(s) > 0)
		return err;
	return kd__st_exec(s, "INSERT INTO meta(key, value) VALUES($1, $2)", 2,
			   pv);
}

int kd_store_get(char *out, size_t cap, kd_store *s, const char *key)
{
	return kd__st_meta_get(s, key, out, cap);
}

int kd_store_set(kd_store *s, const char *key, const char *val,
		 const char *actor)
{
	struct kd_buf in = KD_BUF_INIT;
	int err;
	if (strcmp(key, "four_eyes") != 0 ||
	    (strcmp(val, "on") != 0 && strcmp(val, "off") != 0))
		return kd__error_set(KD_EINVAL, "settable: four_eyes = on|off");
	if ((err = kd__st_begin(s)) < 0)
		return err;
	kd__buf_puts(&in, "{\"key\":");
	kd__buf_json_str(&in, key);
	kd__buf_puts(&in, ",\"value\":");
	kd__buf_json_str(&in, val);
	kd__buf_putc(&in, '}');
	if ((err = kd__st_meta_set(s, key, val)) < 0 ||
	    (err = kd__audit_append(s, actor, "config", key, NULL, in.ptr, "{}",
				    NULL)) < 0) {
		kd__st_rollback(s);
		goto done;
	}
	err = kd__st_commit(s);
done:
	kd__buf_free(&in);
	return err;
}

/* ---- schema ----------------------------------------------------------------- */

/* The PostgreSQL spelling of a migration. */
static char *pg_dialect(const char *sql)
{
	static const char *const from[] = {
		" INTEGER PRIMARY KEY AUTOINCREMENT", " INTEGER", " REAL"
	};
	static const char *const to[] = { " BIGSERIAL PRIMARY KEY", " BIGINT",
					  " DOUBLE PRECISION" };
	struct kd_buf b = KD_BUF_INIT;
	const char *p = sql;
	while (*p) {
		size_t k;
		for (k = 0; k < 3; k++)
			if (strncmp(p, from[k], strlen(from[k])) == 0)
				break;
		if (k < 3) {
			kd__buf_puts(&b, to[k]);
			p += strlen(from[k]);
		} else {
			kd__buf_putc(&b, *p++);
		}
	}
	return b.ptr;
}

int kd__st_schema_version(kd_store *s, int *out)
{
	char v[32];
	int err;
	struct st_rows *r;
	/* does meta exist? both dialects answer this one */
	err = kd__st_query(&r, s,
			   strcmp(s->ops->name, "sqlite") == 0
				   ? "SELECT name FROM sqlite_master WHERE "
				     "type = 'table' AND name = 'meta'"
				   : "SELECT table_name FROM "
				     "information_schema.tables WHERE "
				     "table_name = 'meta' AND table_schema = "
				     "current_schema()",
			   0, NULL);
	if (err < 0)
		return err;
	if (!kd__st_next(r)) {
		kd__st_rows_free(r);
		*out = 0;
		return 0;
	}
	kd__st_rows_free(r);
	if ((err = kd__st_meta_get(s, "schema_version", v, sizeof(v))) < 0)
		return err == KD_ENOTFOUND ? (*out = 0, 0) : err;
	*out = atoi(v);
	return 0;
}

/* Run the statements of one migration (';'-separated, no ';' inside). */
static int run_script(kd_store *s, const char *script)
{
	char *copy = strcmp(s->ops->name, "sqlite") == 0 ? kd__strdup(script)
							 : pg_dialect(script);
	char *p, *next;
	int err = 0;
	if (copy == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	for (p = copy; p && *p; p = next) {
		next = strchr(p, ';');
		if (next)
			*next++ = '\0';
		if (*p == '\0')
			continue;
		/* not cached: each text is run once */
		if ((err = s->ops->exec(s->conn, p, KD_ST_DYN(0), NULL, NULL)) <
		    0)
			break;
	}
	kd__free(copy);
	return err;
}

int kd_store_migrate(kd_store *s, int *from, int *to, const char *actor)
{
	int v, err, i;
	char num[16], in[64];
	if ((err = kd__st_begin(s)) < 0)
		return err;
	if ((err = kd__st_schema_version(s, &v)) < 0)
		goto fail;
	if (from)
		*from = v;
	if (v > NMIGRATIONS) {
		err = kd__error_set(KD_EFORMAT,
				    "store schema version %d is newer than "
				    "this kordon (%d)",
				    v, NMIGRATIONS);
		goto fail;
	}
	for (i = v; i < NMIGRATIONS; i++)
		if ((err = run_script(s, migrations[i])) < 0)
			goto fail;
	snprintf(num, sizeof(num), "%d", NMIGRATIONS);
	if (v < NMIGRATIONS) {
		if ((err = kd__st_meta_set(s, "schema_version", num)) < 0)
			goto fail;
		snprintf(in, sizeof(in), "{\"from\":%d,\"to\":%d}", v,
			 NMIGRATIONS);
		if ((err = kd__audit_append(s, actor, "store_migrate", num,
					    NULL, in, "{}", NULL)) < 0)
			goto fail;
	}
	if (to)
		*to = NMIGRATIONS;
	return kd__st_commit(s);
fail:
	kd__st_rollback(s);
	return err;
}

/* ---- open / close --------------------------------------------------------------- */

int kd_store_open(kd_store **out, const char *spec, unsigned flags)
{
	kd_store *s;
	char err[600];
	const char *mv = getenv("KORDON_MATCHER_VERSION");
	int rc, v;
	*out = NULL;
	if (spec == NULL || *spec == '\0')
		return kd__error_set(KD_EINVAL, "no store given");
	if ((s = kd__calloc(1, sizeof(*s))) == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	snprintf(s->spec, sizeof(s->spec), "%s", spec);
	s->ops = strncmp(spec, "postgresql://", 13) == 0 ||
				 strncmp(spec, "postgres://", 11) == 0
			 ? &kd__st_pg
			 : &kd__st_sqlite;
	/* the matcher that produced a result: library version and name
	 * analysis (ICU); KORDON_MATCHER_VERSION overrides it to force a
	 * full re-screen */
	if (mv && *mv)
		snprintf(s->matcher_version, sizeof(s->matcher_version), "%s",
			 mv);
	else
		snprintf(s->matcher_version, sizeof(s->matcher_version),
			 "kordon-%s icu-%s", KD_VERSION_STRING, U_ICU_VERSION);
	if ((rc = s->ops->open(&s->conn, spec, err, sizeof(err))) < 0) {
		kd__free(s);
		return kd__error_set(rc, "store %s", err);
	}
	if ((rc = kd__st_schema_version(s, &v)) < 0)
		goto fail;
	if (v == 0) {
		/* a new store: create the schema */
		if ((rc = kd_store_migrate(s, NULL, NULL, "kordon")) < 0)
			goto fail;
	} else if (v != NMIGRATIONS && !(flags & KD_STORE_NO_VERSION_CHECK)) {
		rc = kd__error_set(
			KD_EFORMAT,
			v < NMIGRATIONS ? "store schema version %d, this "
					  "kordon uses %d: run `kordon store "
					  "migrate`"
					: "store schema version %d is newer "
					  "than this kordon (%d)",
			v, NMIGRATIONS);
		goto fail;
	}
	*out = s;
	return 0;
fail:
	s->ops->close(s->conn);
	kd__free(s);
	return rc;
}

void kd_store_free(kd_store *s)
{
	if (s == NULL)
		return;
	if (s->in_tx)
		kd__st_rollback(s);
	s->ops->close(s->conn);
	kd__free(s);
}

const char *kd_store_backend(const kd_store *s)
{
	return s->ops->name;
}

const char *kd_store_matcher_version(const kd_store *s)
{
	return s->matcher_version;
}

/* ---- helpers ------------------------------------------------------------------- */

void kd__st_now(char out[40])
{
	struct timespec ts;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	snprintf(out, 40, "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ",
		 (tm.tm_year + 1900) % 10000, (tm.tm_mon + 1) % 100,
		 tm.tm_mday % 100, tm.tm_hour % 100, tm.tm_min % 100,
		 tm.tm_sec % 100, (int)(ts.tv_nsec / 1000) % 1000000);
}

void kd__sha256_hex(char out[65], const void *data, size_t len)
{
	unsigned char h[32];
	unsigned int n = 0;
	static const char hex[] = "0123456789abcdef";
	size_t i;
	EVP_Digest(data, len, h, &n, EVP_sha256(), NULL);
	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[h[i] >> 4];
		out[2 * i + 1] = hex[h[i] & 15];
	}
	out[64] = '\0';
}
