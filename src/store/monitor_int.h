/*
 * monitor_int.h - what the parts of a monitor run share (monitor.c runs
 * the phases and screens records; monitor_alerts.c turns screening
 * results into alert changes; monitor_delta.c is phase B; book_index.c
 * indexes the book for it).
 */
#ifndef KD_MONITOR_INT_H
#define KD_MONITOR_INT_H

#include "store_int.h"
#include "lists.h"
#include "model/model.h"

#include <stdatomic.h>

#define BLOCK   4096
#define RESULTS 20

struct rec {
	char *rid, *id, *name, *schema, *dob, *country, *idnum, *hash;
	kd_result *res;
	size_t nres;
	/* screening failed: the error and its message (owned) */
	int err;
	char *msg;
};

struct run {
	kd_store *s;
	const kd_db *db;
	const kd_matcher *m;
	const kd_monitor_opts *o;
	struct kd_lists lists;
	kd_monitor_stats *st;
	const char *book, *actor;
	/* delta filter: entities added or changed (NULL: all) */
	const char *const *chg; /* sorted ids */
	size_t nchg;
	/* worker state */
	struct rec *recs;
	size_t nrecs;
	atomic_size_t next;
	kd_match_opts mo;
};

/* monitor.c */
double kd__mon_now(void);
void kd__mon_trace(const char *what, double t0);
void kd__mon_rec_free(struct rec *r);
char *kd__mon_dupn(const char *s);
int kd__mon_cmp_str(const void *a, const void *b);
int kd__mon_in_changed(const kd_entity *e, void *ctx);
void kd__mon_screen_all(struct run *rn);
/* 0, or the error of the first record of rn->recs whose screening failed
 * (naming its id and how many failed): the block must not be written */
int kd__mon_screen_check(const struct run *rn);
/* 0, or KD_STORE_ESTOPPED when opts.stop asks the run to stop */
int kd__mon_stopped(const struct run *rn);
/* tests: when set, called before each record is screened; a negative
 * return fails that record's screening with that error, as a failing
 * kd_screen would (NULL in normal use) */
extern int (*kd__mon_screen_fault)(const char *record_id);
void kd__mon_recs_clear(struct run *rn);
/* rows (rid id name schema dob country idnum hash) into rn->recs */
int kd__mon_recs_load(struct run *rn, struct st_rows *r);
/* screen rn->recs and commit their alert changes (and, not in a delta,
 * their screened marks) as one block */
int kd__mon_commit_block(struct run *rn, int delta, const char *seq_max);

/* monitor_alerts.c */
int kd__mon_close_alert(struct run *rn, const char *alert_id,
			const char *reason, const char *input);
int kd__mon_apply_block(struct run *rn, struct st_rows *open);

/* book_index.c */
int kd__mon_book_index(kd_db **bdb, kd_matcher **bm, struct run *rn);

/* monitor_delta.c */
int kd__mon_phase_delta(struct run *rn, const char *base);

#endif
