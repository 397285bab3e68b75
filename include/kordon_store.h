/*
 * kordon_store.h - the compliance workflow on top of screening: a book of
 * customer and counterparty records, monitoring it against the lists
 * with alerts that stay quiet once cleared, review decisions (optionally
 * four-eyes), and a hash-chained, append-only audit trail.
 *
 * A store is an SQLite file (the default) or a PostgreSQL database
 * ("postgresql://..."), with the same schema and semantics. A kd_store
 * handle is one connection: use it from one thread at a time (open one
 * per thread). Conventions as kordon.h: 0 or a negative code, messages
 * from kd_error_last().
 */
#ifndef KORDON_STORE_H
#define KORDON_STORE_H

#include "kordon.h"

#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/** An alert changed under the caller (lost race) or was already final. */
#define KD_STORE_ECONFLICT (-20)
/** The reviewer may not take this decision (four-eyes: same reviewer). */
#define KD_STORE_EDENIED (-21)
/** A monitor run stopped because kd_monitor_opts.stop asked it to. */
#define KD_STORE_ESTOPPED (-22)

typedef struct kd_store kd_store;

#define KD_STORE_NO_VERSION_CHECK 1u /**< open an old schema (migrate) */

/**
 * Open (and, when new, create) a store: a file path or a PostgreSQL URI.
 * A store with an older schema is refused unless `flags` has
 * KD_STORE_NO_VERSION_CHECK; run kd_store_migrate() then.
 * @param[out] out free with kd_store_free().
 */
int kd_store_open(kd_store **out, const char *spec, unsigned flags);
void kd_store_free(kd_store *s);
/** "sqlite" or "postgresql". */
const char *kd_store_backend(const kd_store *s);
/** The matcher version results are recorded with. */
const char *kd_store_matcher_version(const kd_store *s);
/** Apply pending migrations. @param[out] from,to versions (optional). */
int kd_store_migrate(kd_store *s, int *from, int *to, const char *actor);
/** The schema version this code writes. */
int kd_store_schema_latest(void);
/** Settings: four_eyes = on|off. Audited. */
int kd_store_set(kd_store *s, const char *key, const char *val,
		 const char *actor);
/** @return 0 or KD_ENOTFOUND. */
int kd_store_get(char *out, size_t cap, kd_store *s, const char *key);

/* ---- the book ---------------------------------------------------------- */

/** One record to import; NULL or "" for absent fields. */
typedef struct kd_book_row {
	const char *id, *name, *schema, *birth_date, *country, *id_number;
} kd_book_row;

typedef struct kd_import_stats {
	size_t rows, added, changed, unchanged, retired, revived;
} kd_import_stats;

/**
 * Upsert `n` records into book `book` by id, in one transaction (all or
 * nothing); a changed record is re-screened by the next monitor run.
 * With `full`, active records absent from `rows` are retired (their open
 * alerts are closed with reason "retired" by the next monitor run).
 * `source` (a file name) goes to the audit record.
 */
int kd_book_import(kd_import_stats *out, kd_store *s, const char *book,
		   const kd_book_row *rows, size_t n, int full,
		   const char *actor, const char *source);

/* ---- monitoring -------------------------------------------------------- */

typedef struct kd_monitor_opts {
	unsigned int version;
	const char *book;  /**< default "default" */
	const char *actor; /**< default "kordon" */
	double threshold;  /**< alert at or above; default 0.70 */
	unsigned threads;  /**< screening threads; 0: all cores */
	int full;          /**< re-screen every record */
	/** called after each block of records (may be NULL) */
	void (*progress)(size_t done, size_t total, void *ctx);
	void *ctx;
	/** version 2: asked before each block of records (may be NULL);
	 *  non-zero stops the run with KD_STORE_ESTOPPED (audited as a
	 *  failed run; committed blocks are kept, a rerun finishes) */
	int (*stop)(void *ctx);
} kd_monitor_opts;
#define KD_MONITOR_OPTS_VERSION 2
#define KD_MONITOR_OPTS_INIT                                                 \
	{                                                                    \
		KD_MONITOR_OPTS_VERSION, NULL, NULL, 0.70, 0, 0, NULL, NULL, \
			NULL                                                 \
	}

typedef struct kd_monitor_stats {
	char mode[16]; /**< "full", "delta", "records" or "none" */
	char list_version[65];
	char prev_version[65];   /**< "" on the first run */
	size_t records;          /**< active records in the book */
	size_t screened;         /**< records screened against all lists */
	size_t delta_candidates; /**< records re-scored by delta screening */
	size_t ent_added, ent_changed, ent_removed;
	size_t new_alerts, updated, unchanged, quiet, closed;
	long long run_seq; /**< audit record of the run */
	double seconds;
} kd_monitor_stats;

/**
 * Screen the book against `db` (matcher `m` over it) and update alerts.
 * Records new or changed since they were last screened (all of them on
 * the first run, or when the matcher version changed, or with opts.full)
 * are screened against every entity; the rest only against entities
 * added or changed since the book's last run (the book is indexed and
 * queried with those entities); removed entities close their open alerts
 * ("delisted"). Safe to interrupt: a rerun neither duplicates nor loses
 * alerts.
 */
int kd_monitor_run(kd_monitor_stats *out, kd_store *s, const kd_db *db,
		   const kd_matcher *m, const kd_monitor_opts *opts);

/* ---- alerts and decisions ------------------------------------------------ */

/**
 * Alerts as a JSON array. @param status "open", "decided", "closed" or
 * "all"; book NULL for all books. @param[out] out free with kd_free().
 */
int kd_alerts_json(char **out, kd_store *s, const char *status,
		   const char *book, size_t limit, long long after_id);
/** One alert with both sides, explanation and history (decisions and
 *  earlier alerts of the pair). @return 0 or KD_ENOTFOUND. */
int kd_alert_json(char **out, kd_store *s, long long id);

typedef struct kd_decision_result {
	char status[16];   /**< alert status after the decision */
	char outcome[24];  /**< "final", "pending_second_review", "escalated" */
	long long version; /**< alert version after the decision */
} kd_decision_result;

/**
 * Decide an open alert: "true_match", "false_positive" or "escalate".
 * With four_eyes on, a true_match becomes final only when confirmed by a
 * second, different reviewer. `expected_version` (0: any) makes the
 * update conditional. Every attempt is audited, refused ones too.
 * @return 0, KD_ENOTFOUND, KD_EINVAL, KD_STORE_ECONFLICT (changed by
 * someone else, or already final) or KD_STORE_EDENIED (four-eyes).
 */
int kd_alert_decide(kd_decision_result *out, kd_store *s, long long id,
		    const char *decision, const char *reason, const char *user,
		    long long expected_version);

/**
 * Decisions are group-committed: requests from all threads of a process
 * queue for the store's writer thread, which commits each batch in one
 * transaction (one fsync); kd_alert_decide returns once its batch is
 * durable. kd_alert_decide_async queues the decision and returns at once
 * (0, or an error with nothing queued); done(ctx) is called on the
 * writer thread once the decision is durable or has failed, after which
 * kd_store_req_finish() gives its outcome (as kd_alert_decide returns
 * it, kd_error_last() set on this thread) and frees the request. done
 * may be called before kd_alert_decide_async returns.
 */
typedef struct kd_store_req kd_store_req;
int kd_alert_decide_async(kd_store_req **out, kd_store *s, long long id,
			  const char *decision, const char *reason,
			  const char *user, long long expected_version,
			  void (*done)(void *ctx), void *ctx);
int kd_store_req_finish(kd_store_req *rq, kd_decision_result *out);

/* ---- audit trail ---------------------------------------------------------- */

typedef struct kd_audit_check {
	long long records;
	long long bad_seq; /**< first bad record, 0 when the chain holds */
	char why[200];
} kd_audit_check;

/** Walk the hash chain. @return 0 (see out->bad_seq) or an I/O error. */
int kd_audit_verify(kd_audit_check *out, kd_store *s);
/** Records with at >= from and < to (ISO prefixes, NULL for open ends),
 *  as JSON lines or CSV, with their hashes. */
int kd_audit_export(FILE *f, kd_store *s, const char *from, const char *to,
		    int csv);
/** Append one record (e.g. a /match request and its answer), durable on
 *  return; group-committed with the decisions and records of other
 *  threads. */
int kd_audit_record(kd_store *s, const char *actor, const char *action,
		    const char *subject, const char *input_json,
		    const char *result_json, long long *seq);
/** kd_audit_record naming the list version the answer came from
 *  (kd_store_list_version), as screening records do. */
int kd_audit_record_lv(kd_store *s, const char *actor, const char *action,
		       const char *subject, const char *list_version,
		       const char *input_json, const char *result_json,
		       long long *seq);
/** kd_audit_record_lv queued, as kd_alert_decide_async: returns at once
 *  (0, or an error with nothing queued); done(ctx) is called on the
 *  store's writer thread once the record is durable or has failed, then
 *  kd_store_req_finish(rq, NULL) gives the outcome and frees it. A
 *  server answers after done without a thread waiting on the disk. */
int kd_audit_record_async(kd_store_req **out, kd_store *s, const char *actor,
			  const char *action, const char *subject,
			  const char *list_version, const char *input_json,
			  const char *result_json, void (*done)(void *ctx),
			  void *ctx);
/**
 * The list version of db as monitor runs and alerts name it (SHA-256 of
 * the entities' content hashes, 64 hex digits), archived in the store on
 * first sight (an audit record "list_version" by actor) so that records
 * naming it can be replayed. Costs a pass over every entity: callers
 * keep the answer per loaded index.
 */
int kd_store_list_version(char out[65], kd_store *s, const kd_db *db,
			  const char *actor);
/**
 * Re-run the screening behind an audit record (an alert raised or
 * updated by a monitor run) against the archived list version it names,
 * with the current matcher. Writes a report to f.
 * @param[out] same 1 when the result is identical.
 */
int kd_audit_replay(int *same, FILE *f, kd_store *s, long long seq);

#ifdef __cplusplus
}
#endif
#endif /* KORDON_STORE_H */
