/*
 * server.h - pieces of `kordon serve` shared between the server/ files.
 *
 *   cmd_serve.c  options, config, signals, start-up and shutdown order
 *   server.c     libmicrohttpd glue: request life cycle, routing table,
 *                auth, body limits, responses, access log
 *   handlers.c   /match /search /entities /catalog /algorithms
 *   admin.c      /healthz /readyz /metrics /openapi.json /updatez
 *   request.c    /match body parsing and validation (pure; fuzzed)
 *   reload.c     the reference-counted live index and its reload thread
 *   metrics.c    lock-free counters and the Prometheus text rendering
 *   openapi.c    the OpenAPI 3 document
 *   auth.c       config file, API keys, update token; sha256.c
 *
 * Only the public API (kordon.h) and util/ are used, never src/ internals.
 */
#ifndef KD_SERVER_H
#define KD_SERVER_H

#include "kordon.h"
#include "request.h"
#include "util.h"

#include <microhttpd.h>
#include <pthread.h>
#include <stdatomic.h>

/* ---- sha256.c --------------------------------------------------------- */

void srv_sha256(unsigned char out[32], const void *data, size_t len);

/* ---- auth.c: configuration and credentials ---------------------------- */

struct srv_config {
	char listen[256];
	char data[4096];  /* "" when not set by the file */
	unsigned threads; /* 0: one per CPU */
	unsigned timeout; /* idle connection timeout, seconds */
	unsigned max_connections;
	unsigned grace;            /* seconds to finish requests at shutdown */
	unsigned char (*keys)[32]; /* SHA-256 of accepted API keys */
	size_t nkeys;
	unsigned char update[32]; /* SHA-256 of the update token */
	int has_update;
	int audit_requests; /* /match, /scan: an audit record each */
};

void srv_config_init(struct srv_config *c);
/** Read a config file over the defaults. @return 0 or -1 with err. */
int srv_config_load(struct srv_config *c, const char *path, char *err,
		    size_t errlen);
/** Take the update token from KORDON_UPDATE_TOKEN when set. */
void srv_config_env(struct srv_config *c);
void srv_config_free(struct srv_config *c);
/** The key from `Authorization: ApiKey|Bearer <key>`, Basic (the
 *  password, else the user name) or `?api_key=` (arg, may be NULL).
 *  @return 0 when allowed (or no keys configured), else 401. */
int srv_auth_api_key(const struct srv_config *c, const char *header,
		     const char *arg);
/** The token from `Authorization: Bearer <token>` or `?token=` (arg).
 *  @return 0 when it matches, 401 without one, else 403. */
int srv_auth_update(const struct srv_config *c, const char *header,
		    const char *arg);

/* ---- reload.c: the live index ------------------------------------------ */

struct index_ref {
	kd_db *db;
	kd_matcher *m;
	atomic_size_t refs;
	unsigned long version; /* 1, 2, ... per successful load */
	double loaded_at;      /* unix time */
	double load_seconds;
};

/** Someone waiting for the outcome of a reload (an /updatez request). */
struct reload_waiter {
	struct reload_waiter *next;
	void (*done)(struct reload_waiter *w); /* on the reload thread */
	void *ctx;
	int status; /* 200, 500 (failed, old index kept) or 503 */
	char detail[700];
	unsigned long version;
	size_t entities;
	double seconds;
};

struct reloader {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	pthread_t thread;
	int initialised, running, stopping, pending, busy;
	struct reload_waiter *waiters; /* for the next run */
	struct index_ref *cur;         /* NULL until the first load */
	unsigned long version;
	char data[4096];
	char last_error[512];
	double last_attempt;
	atomic_ulong ok, failed;
	atomic_int failed_first; /* the initial load failed */
	/* shrink guard: a reload that leaves any list with fewer than
	 * (1 - max_shrink) of its entities is refused, unless forced */
	double max_shrink; /* 0..1; 1 disables the guard */
	int force_next;    /* the next reload skips the guard */
	int snapshot;      /* data is a snapshot file (reload thread only) */
};

/** Start the reload thread (idle until reloader_request()). */
int reloader_start(struct reloader *r, const char *data);
/**
 * Schedule a reload. When w is given, suspend(ctx) runs under the lock
 * before w is queued and w->done(w) is called when the next reload ends.
 * @return 0, or -1 when the reloader is stopping (nothing queued).
 */
int reloader_request(struct reloader *r, struct reload_waiter *w,
		     void (*suspend)(void *ctx), void *ctx);
/** Pin the current index; NULL before the first load. */
struct index_ref *reloader_acquire(struct reloader *r);
void index_release(struct index_ref *ref);
int reloader_busy(struct reloader *r);
/** Refuse reloads that shrink a list by more than `share` (0..1). */
void reloader_set_max_shrink(struct reloader *r, double share);
/** Let the next reload through the shrink guard (once). */
void reloader_force_next(struct reloader *r);
void reloader_last_error(struct reloader *r, char *out, size_t n);
/** Finish the running reload, answer pending waiters with 503, join. */
void reloader_stop(struct reloader *r);
/** Stop, then drop the index and the lock. */
void reloader_free(struct reloader *r);

/* ---- metrics.c ---------------------------------------------------------- */

#define SRV_NBUCKETS 13 /* 12 bounds + Inf */
#define SRV_NSTATUS  14 /* known statuses + "other" */

struct srv_metrics {
	size_t nep; /* endpoints: routes, then "other" */
	const char **names;
	atomic_ulong *count;  /* [nep][SRV_NSTATUS] */
	atomic_ulong *bucket; /* [nep][SRV_NBUCKETS], not cumulative */
	atomic_ulong *sum_us; /* [nep] */
	atomic_ulong queries; /* /match queries screened */
	double started;       /* unix time */
};

int srv_metrics_init(struct srv_metrics *m);
void srv_metrics_observe(struct srv_metrics *m, size_t ep, int status,
			 double seconds);
void srv_metrics_free(struct srv_metrics *m);

/* ---- limits.c: request deadline, slot reserve, work budget ---------------- */

struct srv_limits {
	unsigned request_deadline; /* s for headers + body (0: none) */
	unsigned per_ip;           /* connections per client address */
	unsigned reserve;          /* connection slots kept free */
	unsigned work_budget;      /* /match names x limit (0: none) */
	unsigned max_answer;       /* bytes (0: none) */
	unsigned work_ms;          /* handler deadline -> 503 (0: none) */
	unsigned max_shrink;       /* % a reload may shrink a list by */
};
struct srv_guard;
struct srv;
struct srv_req;

void srv_limits_defaults(struct srv_limits *l);
/** Start the connection watchdog (before MHD). 0 or -1. */
int srv_guard_start(struct srv *s);
/** Stop it (after MHD). */
void srv_guard_stop(struct srv *s);
/** MHD_OPTION_NOTIFY_CONNECTION callback; cls is the struct srv. */
void srv_guard_notify(void *cls, struct MHD_Connection *conn,
		      void **socket_context,
		      enum MHD_ConnectionNotificationCode toe);
/** The request on conn is complete: its answer is being computed. */
void srv_guard_busy(struct srv *s, struct MHD_Connection *conn);
/** The request on conn is finished: the deadline restarts for the next. */
void srv_guard_idle(struct srv *s, struct MHD_Connection *conn);
/** Connections ended for the deadline / to keep the reserve free. */
void srv_guard_counts(const struct srv *s, unsigned long *deadline,
		      unsigned long *reserve);
/** 0, or -1 with a 422 answer set when the /match body is over budget. */
int srv_work_admit(struct srv_req *r);
/** 0, or -1 with the answer replaced by 422 when it is over the cap. */
int srv_answer_fits(struct srv_req *r);
/** Has the handler run past work_ms? (checked between queries) */
int srv_deadline_passed(const struct srv_req *r);
/** Answer 503 with Retry-After for a request stopped at its deadline. */
int srv_busy(struct srv_req *r);

/* ---- server.c ------------------------------------------------------------ */

struct srv {
	struct srv_config cfg;
	struct reloader reload;
	struct srv_metrics metrics;
	struct MHD_Daemon *mhd;
	atomic_long inflight;
	atomic_int stopping;
	MHD_socket listen_fd; /* after quiesce, closed after stop */
	unsigned short port;  /* bound port */
	struct srv_limits lim;
	struct srv_guard *guard;
};

struct srv_req;
enum { SRV_DONE = 0, SRV_SUSPENDED = 1 };
typedef int (*srv_handler)(struct srv_req *r);

/* Route kinds: exact path, prefix + one path segment, prefix + rest. */
enum { RK_EXACT, RK_SEGMENT, RK_REST };
/* Route flags. */
enum {
	RF_PUBLIC = 1, /* no API key needed */
	RF_UPDATE = 2, /* needs the update token instead of an API key */
	RF_INDEX = 4,  /* pins the index; 503 before the first load */
	RF_BODY = 8    /* reads a request body */
};

struct srv_route {
	const char *method;
	const char *path;
	int kind;
	unsigned flags;
	const char *name; /* metrics label */
	srv_handler fn;
};
extern const struct srv_route srv_routes[];
extern const size_t srv_nroutes;

/** One HTTP request; lives from the first callback to completion. */
struct srv_req {
	struct srv *srv;
	struct MHD_Connection *conn;
	const struct srv_route *route; /* NULL: no route */
	size_t ep;                     /* metrics endpoint index */
	const char *method;
	char *path;       /* decoded path, owned */
	const char *tail; /* after the route prefix, in path */
	double t0;        /* monotonic */
	double t_work;    /* monotonic, when the handler started */
	struct kd_buf body;
	size_t drained;        /* body bytes discarded after a 413 */
	struct index_ref *idx; /* pinned for RF_INDEX routes */
	/* answer */
	int status;
	struct kd_buf out;
	const char *ctype;
	const char *hname, *hvalue; /* one extra header */
	char hbuf[64];              /* hvalue's text when built (Location) */
	int queued;
	size_t nqueries;
	/* /updatez */
	int suspended;
	struct reload_waiter waiter;
	/* POST /alerts/{id}/decision waiting for its group commit
	 * (alerts_http.c): the store's request, freed by the handler when
	 * resumed, else by srv_store_req_drop on completion */
	void *store_req;
	char who[128];
	long long alert;
	int store_err; /* not queued: the answer when resumed */
	char store_msg[256];
	/* a /match or /scan answer waiting for its audit record */
	int audit_pending;
};

/** A query-string argument (decoded) or NULL. */
const char *srv_arg(struct srv_req *r, const char *key);
/** All values of a repeatable argument; returns the count (<= max). */
size_t srv_args(struct srv_req *r, const char *key, const char **out,
		size_t max);
/** Set a yente-style error answer {"detail":"..."}; returns SRV_DONE. */
int srv_error(struct srv_req *r, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/** Answer with r->out as JSON (or ctype) and `status`; SRV_DONE. */
int srv_reply(struct srv_req *r, int status, const char *ctype);
/** srv_reply(r, 200) for /match and /scan, after appending the request
 *  and its answer to the store's audit trail when cfg.audit_requests is
 *  on (audit_http.c): the connection is then suspended until the record
 *  is durable (SRV_SUSPENDED; srv_audit_answer answers, 503 when the
 *  record could not be written). */
int srv_audited_reply(struct srv_req *r, const char *action);
/** The answer of a request srv_audited_reply suspended, once resumed. */
int srv_audit_answer(struct srv_req *r);
/** Suspend the connection until the next reload; SRV_SUSPENDED, or a
 *  503 answer when shutting down. */
int srv_wait_reload(struct srv_req *r);
/** Free a store request a completed connection left (alerts_http.c). */
void srv_store_req_drop(struct srv_req *r);
double srv_wall(void);
double srv_mono(void);
/** Write "ts=<ISO 8601 UTC> level=<level> <message>\n" to stderr in one
 *  write, so concurrent lines never interleave. */
void srv_log(const char *level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/** Start listening; 0 or -1 with a message on stderr. */
int srv_start(struct srv *s);
/** Stop accepting, let in-flight requests finish (up to cfg.grace). */
void srv_quiesce(struct srv *s);
void srv_stop(struct srv *s);

/* ---- handlers.c, admin.c ------------------------------------------------- */

int srv_h_match(struct srv_req *r);
int srv_h_search(struct srv_req *r);
int srv_h_entity(struct srv_req *r);
int srv_h_catalog(struct srv_req *r);
int srv_h_algorithms(struct srv_req *r);
int srv_h_healthz(struct srv_req *r);
int srv_h_readyz(struct srv_req *r);
int srv_h_metrics(struct srv_req *r);
int srv_h_openapi(struct srv_req *r);
int srv_h_updatez(struct srv_req *r);
int srv_h_scan(struct srv_req *r); /* scan_handler.c */
/* handlers.c: the scopes of /match for another endpoint (POST /scan):
 * `dataset` (NULL: every list) and the filter arguments of /match
 * (include_dataset, exclude_dataset, exclude_schema, exclude_entity_ids,
 * topics, countries, changed_since, target) become o->filter when they
 * narrow the scope. @return the scope (srv_scope_free() it, after the
 * call that uses o) or NULL, answered (404/400/422). */
struct scope;
struct scope *srv_scope_new(struct srv_req *r, const char *dataset,
			    kd_match_opts *o);
void srv_scope_free(struct scope *sc);

/** 1 when a reload failed after the index was loaded (the index is
 *  stale), with the reason in why. */
int srv_index_freshness(struct srv_req *r, char *why, size_t cap);
/** Prometheus text for everything (admin.c calls it). */
int srv_metrics_render(struct kd_buf *b, struct srv *s,
		       const struct index_ref *idx);
/** The OpenAPI document (static). */
extern const char srv_openapi_json[];

#endif
