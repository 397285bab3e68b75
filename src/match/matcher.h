/*
 * matcher.h - the prepared, read-only matching structures.
 *
 *   db entities ──► name records (one per name/alias value)
 *                      └─► variants (transliterations) ──► tokens
 *   tokens ──► dictionaries: text -> id, df   skeleton -> id, df
 *   postings: key -> name records
 *       keys = token skeletons, skeletons with one letter deleted
 *       (edit distance 1 meets through a shared deletion, SymSpell
 *       style), and skeletons of adjacent short tokens joined ("jong"+
 *       "un" -> "jongun")
 *
 * Built once by kd_matcher_new(), then shared by all threads without
 * locks. Every table is a flat array (strings in util/strtab.h tables),
 * so a snapshot stores them as they are and a db opened from a snapshot
 * gets a matcher that reads them in place (src/index/persist.c). Scoring
 * (compare.c, score.c) reads only these arrays plus the db's entity
 * properties.
 */
#ifndef KD_MATCHER_H
#define KD_MATCHER_H

#include "model/db.h"
#include "text/text.h"
#include "util/strtab.h"

/* A list-side token. */
struct kd_mtok {
	uint32_t text;  /* dictionary id of the ASCII text */
	uint32_t skel;  /* dictionary id of the skeleton */
	float w;        /* weight: rarity x kind factor */
	float idf;
	uint8_t kind;   /* enum kd_tok_kind */
	uint8_t flags;  /* KD_TF_* */
};

struct kd_mvar {
	uint32_t tok0;  /* first token in kd_matcher.toks */
	uint16_t ntok;
};

/* A name record: one name value of one entity, all its variants. */
struct kd_mname {
	uint32_t entity;
	uint32_t var0;
	uint16_t nvar;
	uint8_t weak;   /* weakAlias: lower trust */
	uint8_t pad;
	float wsum;     /* token weight of the first variant (ranking) */
};

/* Interned strings with document frequency. */
struct kd_dict {
	struct kd_strtab tab;
	const uint32_t *df;    /* tab.n entries */
	uint32_t *wdf;         /* building: owned df (NULL in a view) */
	size_t capdf;
};

/* Postings: key string -> name record ids (ascending, unique), flat:
 * the ids of key k are ids[start[k] .. start[k + 1]). */
struct kd_postings {
	struct kd_strtab keys;
	const uint32_t *start; /* keys.n + 1 entries */
	const uint32_t *ids;
	const uint8_t *mult;   /* per posting: how many tokens of one
				* variant of the record give the key */
	uint64_t nids;
};

struct kd_matcher {
	const kd_db *db;
	const struct kd_mname *names;
	size_t nnames;
	const struct kd_mvar *vars;
	size_t nvars;
	const struct kd_mtok *toks;
	size_t ntoks;
	struct kd_dict texts, skels;
	struct kd_postings post;
	double ndocs;          /* name records, for IDF */
	double idf_max;
	const uint32_t *ent_name0; /* first name record of each entity */
	const uint32_t *ent_nname;
	void *owned[8];        /* built: the arrays above (kd__free each);
				* a view from a snapshot owns nothing */
};

/* ---- index/build.c ---------------------------------------------------------------- */

/** IDF of a dictionary frequency. */
double kd__idf(const struct kd_matcher *m, uint32_t df);
/** Kind factor applied to rarity weights. */
double kd__kind_factor(unsigned kind);
/** @return id or UINT32_MAX when absent. */
uint32_t kd__dict_find(const struct kd_dict *d, const char *s);
/** @return the string of dictionary entry `id` (NUL-terminated). */
static inline const char *kd__dict_str(const struct kd_dict *d, uint32_t id)
{
	return kd__strtab_str(&d->tab, id);
}
static inline size_t kd__dict_len(const struct kd_dict *d, uint32_t id)
{
	return kd__strtab_len(&d->tab, id);
}
/** @return the posting list for key, or NULL. */
const uint32_t *kd__postings_get(const struct kd_postings *p,
				 const char *key, uint32_t *n);
/** @return the multiplicities of a list returned by kd__postings_get(). */
static inline const uint8_t *kd__postings_mult(const struct kd_postings *p,
					       const uint32_t *ids)
{
	return p->mult + (ids - p->ids);
}
/** Identifier key: uppercase alphanumerics, "IMO" prefix dropped.
 *  @return its length. */
size_t kd__ident_norm(char *dst, size_t cap, const char *s);
/** Write the one-letter deletions of s (len >= 4) to cb. */
void kd__deletions(const char *s, size_t len,
		   void (*cb)(void *ctx, const char *key), void *ctx);

/* ---- index/persist.c -------------------------------------------------------------- */

/** Add the matcher's tables to a snapshot being written. */
int kd__matcher_add_sections(struct kd_snap_writer *w, const kd_matcher *m);
/** A matcher reading the tables of db's snapshot in place.
 *  @return 0, KD_ENOTFOUND (no tables for this code: build one) or
 *  KD_EFORMAT (inconsistent tables). */
int kd__matcher_view(kd_matcher **out, const kd_db *db);

/* ---- compare.c -------------------------------------------------------------- */

/** A token of the query side, resolved against the dictionaries. */
struct kd_qtok {
	const char *s, *skel;
	uint32_t id;     /* dictionary text id (list side) or UINT32_MAX */
	uint16_t len, skel_len;
	uint8_t kind, flags;
	float w, idf;
};

struct kd_qvar {
	struct kd_qtok toks[KD_NAME_MAX_TOKS];
	size_t ntok;
};

/** Resolve the tokens of an analysed name against the dictionaries (m may
 *  be NULL: uniform weights). */
void kd__qvar_from(struct kd_qvar *out, const struct kd_matcher *m,
		   const struct kd_nvar *v);

/* fitted weights (data/weights/name_score.txt, bench/fit/) */
#include "name_weights.h"
#define ORDER_FACTOR KD_W_ORDER_FACTOR /* name_order_conflict */
#define SUBST_FACTOR KD_W_SUBST_FACTOR /* part_substituted, per part */
/* legal_form: two countries' specific legal forms (GmbH vs Sdn Bhd) on
 * otherwise equal names. Set by hand like ORDER_FACTOR's first value
 * (below the 0.70 threshold for equal names); not yet a fitted feature. */
#define LEGAL_FACTOR 0.65

/** Outcome of comparing two token sequences. */
struct kd_name_cmp {
	double score;
	int number_mismatch;
	int order_conflict;  /* X bin Y vs Y bin X: a reversed lineage */
	int substituted;     /* parts in the same place that differ */
	char sub_q[32], sub_l[32]; /* the first substituted pair (detail) */
	int legal_conflict;  /* specific legal forms of different countries */
	char legal_q[24], legal_l[24]; /* those forms (detail) */
	int phonetic, nickname;    /* parts matched by sound / nickname */
	double sq, sl, info;       /* query and list coverage, nats matched
				    * (the fitted features, bench/fit/) */
	double phon;               /* share of the query matched by sound */
	char detail[160];
};

/** Compare a query variant with another (list-side or second query);
 *  the explanation text is written only when `detail` is set. */
void kd__compare_vars(struct kd_name_cmp *out, const struct kd_qvar *q,
		      const struct kd_qvar *l, int detail);
/** Start a new query for the per-thread token similarity memo (pairs of
 *  a query token and a dictionary token are scored once per query). */
void kd__simcache_next(void);
/** Similarity of two tokens in [0,1]; `how` gets a short tag. */
double kd__token_sim(const struct kd_qtok *a, const struct kd_qtok *b,
		     const char **how);

/** Expand a list-side variant into comparable tokens. */
void kd__qvar_from_list(struct kd_qvar *out, const struct kd_matcher *m,
			const struct kd_mvar *v);

#endif
