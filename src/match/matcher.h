/*
 * matcher.h - the matcher: the read-only index of a db's names
 * (src/index/index.h) as the public kd_matcher handle, and what the
 * match layer builds on it: query-side tokens resolved against the
 * index's dictionaries, and name comparison (compare.c). Scoring
 * (score.c) reads the index plus the db's entity properties; candidate
 * generation is candidates.h.
 *
 * Built once by kd_matcher_new() (matcher.c), then shared by all threads
 * without locks.
 */
#ifndef KD_MATCHER_H
#define KD_MATCHER_H

#include "index/index.h"
#include "model/db.h"
#include "text/text.h"

struct kd_matcher {
	struct kd_index ix;
};

/** The index of m (NULL when m is NULL: uniform weights). */
static inline const struct kd_index *kd__matcher_index(const kd_matcher *m)
{
	return m ? &m->ix : NULL;
}

/* ---- compare.c -------------------------------------------------------------- */

/** A token of the query side, resolved against the dictionaries. */
/* Query token flag (beside KD_TF_*, above their bits; never stored in an
 * index): a word read from Han or Hangul, i.e. a word of a query name
 * that also has a syllable variant (see syl_extra in compare.c). */
#define KD_QF_HAN_WORD 128u

struct kd_qtok {
	const char *s, *skel;
	uint32_t id; /* dictionary text id (list side) or UINT32_MAX */
	uint16_t len, skel_len;
	uint8_t kind, flags;
	uint16_t qid; /* number in the prepared query (memo key), 0: none */
	float w, idf;
	float pinfo; /* information among people in general (query side,
			kd__name_pop_info), 0 when not looked up */
};

struct kd_simcache;

struct kd_qvar {
	struct kd_qtok toks[KD_NAME_MAX_TOKS];
	size_t ntok;
	struct kd_simcache *memo; /* the query's similarity memo, or NULL */
	int person; /* a person's name (list side: the entity is a Person):
		       how common the query's words are among people counts;
		       query side: the query's schema is Person (no
		       organisation checks) */
	int vessel; /* a vessel's name (list side: the entity is a Vessel):
		       a legal form or business word marks its owner */
	int org;    /* a query known by its schema to name an organisation
		       or vessel: typing errors in short words are forgiven
		       (org_typo); not for persons nor free text */
	int vowels; /* query side: read from a script that writes its
		       vowels (kd_nvar.vowels): a match by consonant sound
		       must agree in vowels too (compare.c) */
};

/** Resolve the tokens of an analysed name against the dictionaries (m may
 *  be NULL: uniform weights). */
void kd__qvar_from(struct kd_qvar *out, const struct kd_index *m,
		   const struct kd_nvar *v);
/** kd__qvar_from for variant v of nm, without the one-letter tokens of a
 *  name written only in scripts that have no initials (Arabic, Han,
 *  Hangul): what screen, compare and scan all read. */
void kd__qvar_from_name(struct kd_qvar *out, const struct kd_index *m,
			const struct kd_name *nm, size_t v);

/* fitted weights (data/weights/name_score.txt, bench/fit/) */
#include "name_weights.h"
#define ORDER_FACTOR     KD_W_ORDER_FACTOR /* name_order_conflict */
#define SUBST_FACTOR     KD_W_SUBST_FACTOR /* part_substituted, per part */
#define SYL_EXTRA_FACTOR kd__pw.syl_extra  /* syllable_extra, per one */
/* The person-evidence weights a refit with screening negatives moves
 * (bench/fit/fit_screen.py runs bench_features --grid, which sets them
 * between runs): their name_score.txt values. The library only reads
 * them; nothing else may write them. */
struct kd_person_weights {
	double common_info, common_exp; /* common_name */
	double word_to_initial;         /* initial_only */
	double syl_extra;               /* syllable_extra, per part */
	double class_share;             /* population information: share of the
			       spelling class's (namefreq.c) */
	double name_cooc; /* common_name: nats a known name word proves
			     less when another goes with it (one culture) */
};
extern struct kd_person_weights kd__pw;
/* legal_form: two countries' specific legal forms (GmbH vs Sdn Bhd) on
 * otherwise equal names. Set by hand like ORDER_FACTOR's first value
 * (below the 0.70 threshold for equal names); not yet a fitted feature. */
#define LEGAL_FACTOR 0.65

/** Outcome of comparing two token sequences. */
struct kd_name_cmp {
	double score;
	int number_mismatch;
	int order_conflict;        /* X bin Y vs Y bin X: a reversed lineage */
	int substituted;           /* parts in the same place that differ */
	char sub_q[32], sub_l[32]; /* the first substituted pair (detail) */
	int legal_conflict; /* specific legal forms of different countries */
	char legal_q[24], legal_l[24]; /* those forms (detail) */
	int country; /* a country qualifier on one side (org_country) */
	char country_w[24];
	int owner;  /* a vessel vs a company (vessel_owner) */
	int plural; /* a word in the plural vs the singular */
	char plural_w[24];
	int typo;               /* short words one letter apart (org_typo) */
	int phonetic, nickname; /* parts matched by sound / nickname */
	double sq, sl, info;    /* query and list coverage, nats matched
				    * (the fitted features, bench/fit/) */
	double phon;            /* share of the query matched by sound */
	int initial_only; /* query words matched only by a listed initial */
	char init_q[16];  /* the first of them (detail) */
	int syl_extra;    /* Han/Hangul syllables of the query unmatched */
	char extra_q[16]; /* the first of them (detail) */
	double common;    /* common_name factor (1: none): a common name
			  matching part of a listed person's name */
	double common_info, list_cover; /* its information (nats among
					   people) and listed share */
	double common_cooc;             /* nats taken off it: known name words
			       going together (name_cooc) */
	int fam_half; /* one of a listed person's two family names only
			 (policy.c family_half; set by the policy, not by
			 kd__compare_vars) */
	char fam_q[24], fam_l[24]; /* the family name matched, the other */
	int given_order; /* syllables of a listed given name in the other
			    order (policy.c given_order; set like fam_half) */
	char ord_a[16], ord_b[16]; /* those two listed words, query order */
	int given_half;            /* a later listed given name only (policy.c
			   given_half; set like fam_half) */
	char given_q[24], given_l[24]; /* the one matched, the first */
	int culture; /* a Western name only ~ a foreign word by sound
			(culture.c; set like fam_half) */
	char cult_q[24], cult_l[24]; /* those two words */
	int parts; /* pairs of the alignment (a joined pair one), but those
			of a word and an initial ("initial"): the words the
			explanation says matched (text_family.c) */
	char detail[160];
};

/** Compare a query variant with another (list-side or second query);
 *  the explanation text is written only when `detail` is set. */
void kd__compare_vars(struct kd_name_cmp *out, const struct kd_qvar *q,
		      const struct kd_qvar *l, int detail);
/** Append "'q'~'l' how" (or "'q'" for exact) for query tokens q[qa..qb]
 *  and list tokens l[la..lb] to the explanation d (compare.c). */
KD_COLD void kd__append_detail(char *d, size_t cap, const struct kd_qtok *q,
			       size_t qa, size_t qb, const struct kd_qtok *l,
			       size_t la, size_t lb, const char *how);

/* ---- compare_org.c: organisations and vessels ---------------------------------- */

/** A vessel against the company of the same name (vessel_owner):
 *  qsim/lsim the aligned similarity of each token. */
int kd__org_owner_conflict(const struct kd_qvar *q, const struct kd_qvar *l,
			   const float *qsim, const float *lsim);
/** A country qualifier on one side, or two different ones (org_country);
 *  sets out->country_w. */
int kd__org_country_conflict(struct kd_name_cmp *out, const struct kd_qvar *q,
			     const struct kd_qvar *l, const float *qsim,
			     const float *lsim);
/** One word in the plural on one side only (plural); qm[i] the list
 *  token aligned with query token i, or -1. */
int kd__org_plural_conflict(struct kd_name_cmp *out, const struct kd_qvar *q,
			    const struct kd_qvar *l, const int *qm);
/** Short unmatched words one typing error apart count as nearly equal
 *  (org_typo): updates qsim, lsim, qm and the detail. */
void kd__org_typos(struct kd_name_cmp *out, const struct kd_qvar *q,
		   const struct kd_qvar *l, float *qsim, float *lsim, int *qm,
		   int detail);

/** A token similarity memo (a kd_screen_ctx owns one): pairs of a query
 *  token and a dictionary token are scored once per query. */
struct kd_simcache *kd__simcache_new(void);
void kd__simcache_free(struct kd_simcache *c);
/** Start a new query in c: number the tokens of vars[0..n) (the memo
 *  key) and attach c to them; comparisons of other vars are not
 *  memoised. */
void kd__simcache_begin(struct kd_simcache *c, struct kd_qvar *vars, size_t n);
/** Token similarities kept across the queries of one text scan (the
 *  same words recur in its spans); sized for a text of text_len bytes. */
struct kd_simx;
int kd__simx_new(struct kd_simx **out, size_t text_len);
void kd__simx_free(struct kd_simx *x);
/** Attach x to c for the queries that follow (NULL: detach); every
 *  result is the same with or without it. */
void kd__simcache_cross(struct kd_simcache *c, struct kd_simx *x);
/** kd__token_sim_need(jq, b, need) for jq, the query token jq->qid of
 *  q joined to the next one, through q's cross-query cache if any. */
double kd__token_sim_joined_memo(const struct kd_qvar *q,
				 const struct kd_qtok *jq,
				 const struct kd_qtok *b, double need);
/* ---- token_sim.c: how two tokens compare ------------------------------------- */

#define KD_SIM_MIN  0.60 /* token pairs below are not a match */
#define KD_JOIN_MIN 0.85 /* joined pairs must be this close to count */

/** kd__token_sim with its options: skeletons 0 compares spellings only
 *  (joined neighbours); with need > 0 (at least KD_SIM_MIN) a result
 *  below need may come back as 0, which lets the edit distance stop. */
double kd__token_sim_full(const struct kd_qtok *a, const struct kd_qtok *b,
			  const char **how, int skeletons, double need);
/** Can tokens of these lengths, one of them two joined neighbours
 *  ("jong un" vs "jongun"), reach KD_JOIN_MIN at all? Only near-identical
 *  spellings can: this rejects the rest before any edit distance. Inline:
 *  asked for every joined pair and list token of every comparison. */
static inline int kd__join_len_ok(size_t a, size_t b)
{
	size_t maxlen = a > b ? a : b, diff = a > b ? a - b : b - a;
	return (double)diff * 0.5 <= (1.0 - KD_JOIN_MIN) / 2.0 * (double)maxlen;
}
/** Similarity of a joined pair and a token: spellings only (skeletons of
 *  glued syllables collide too easily), KD_JOIN_MIN or 0. */
double kd__joined_sim(const struct kd_qtok *a, const struct kd_qtok *b,
		      const char **how);
/* t: a plain word token of s[0..n) (borrowed), its skeleton written to
 * skel[0..cap): a piece of text to compare that is no token of an
 * analysed name (a cut of a joined word, a caption word). */
void kd__word_qtok(struct kd_qtok *t, const char *s, size_t n, char *skel,
		   size_t cap);
/** A word against two short neighbours written joined, each part in
 *  its own convention (Yeongnam ~ YONG NAM): the weaker part's token
 *  similarity when both reach KD_JOIN_MIN, else 0. */
double kd__split_sim(const struct kd_qtok *w, const struct kd_qtok *a,
		     const struct kd_qtok *b);
/** Similarity of two tokens in [0,1]; `how` gets a short tag. */
double kd__token_sim(const struct kd_qtok *a, const struct kd_qtok *b,
		     const char **how);

/** 1 when kd__token_sim_full(a, b, ...) is surely below `need`, told
 *  from lengths, skeleton lengths, kinds and flags without comparing
 *  (0: it may reach it). Numbers, equal lengths (an exact spelling),
 *  symbols, syllables, readings and equal skeleton lengths may score
 *  anything; an initial 0.70, a nickname 0.80, skeleton+edit 0.70; an
 *  edit similarity 1 - 2 cost / maxlen with a cost of 0.5 or more per
 *  letter of length difference (token_sim.c). */
static inline int kd__token_sim_below(const struct kd_qtok *a,
				      const struct kd_qtok *b, double need)
{
	unsigned maxlen, lendiff;
	if (a->kind == KD_TOK_NUMBER || b->kind == KD_TOK_NUMBER ||
	    a->len == b->len || (a->flags & b->flags & KD_TF_SYM) ||
	    ((a->flags | b->flags) & (KD_TF_SYL | KD_TF_READ | KD_TF_HANGUL)) ||
	    (a->skel_len > 0 && a->skel_len == b->skel_len))
		return 0;
	if (a->len == 1 || b->len == 1)
		return 0.70 < need;
	if (((a->flags & b->flags & KD_TF_NICK) && 0.80 >= need) ||
	    (a->skel_len >= 6 && b->skel_len >= 6 && 0.70 >= need))
		return 0;
	maxlen = a->len > b->len ? a->len : b->len;
	lendiff = a->len > b->len ? a->len - b->len : b->len - a->len;
	return (double)lendiff > (1.0 - need) * (double)maxlen + 1e-9;
}
/** kd__token_sim_memo(q, a, b) < need, surely (kd__token_sim_below, need
 *  under KD_SIM_MIN): the memo then keeps the pair as below KD_SIM_MIN,
 *  as the comparison would have, so the memo holds the same pairs. */
int kd__token_sim_memo_below(const struct kd_qvar *q, const struct kd_qtok *a,
			     const struct kd_qtok *b, double need);
/** kd__token_sim(a, b) when it is at least `need` (>= 0.60); below
 *  that it may come back lower (0), which lets the edit distance stop
 *  early. */
double kd__token_sim_need(const struct kd_qtok *a, const struct kd_qtok *b,
			  double need);
/** kd__token_sim of a token of query variant q and a list token,
 *  through q's similarity memo when it has one (kd__simcache_begin), as
 *  kd__compare_vars() scores pairs: a similarity below 0.60 (no match)
 *  may come back as 0, and the value is rounded to float. */
double kd__token_sim_memo(const struct kd_qvar *q, const struct kd_qtok *a,
			  const struct kd_qtok *b);

/** Expand a list-side variant into comparable tokens. */
void kd__qvar_from_list(struct kd_qvar *out, const struct kd_index *m,
			const struct kd_mvar *v);

#endif
