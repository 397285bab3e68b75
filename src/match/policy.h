/*
 * policy.h - the one entity name scorer (policy.c): the best name of an
 * entity for a prepared query, under a policy saying what counts as a
 * name match where the query came from:
 *
 *   KD_POLICY_SCREEN  a screening query (kd_screen; a message field that
 *                     holds one name): the best comparison
 *   KD_POLICY_SINGLE  one word found alone in prose: scored by rarity
 *   KD_POLICY_PROSE   a span of running text: a strong pair, every word
 *                     matched, most of the listed name covered, no loose
 *                     pair
 *   KD_POLICY_FULL    a prose span of common list words that language
 *                     evidence says is a name: screened, then full-name
 *                     rules
 *
 * Every weight and threshold of these rules is in
 * data/weights/name_score.txt (generated name_weights.h), beside the
 * fitted weights of the comparison itself, so the quality work refits or
 * tunes them in one place.
 */
#ifndef KD_POLICY_H
#define KD_POLICY_H

#include "match/candidates.h"
#include "name_weights.h"

enum {
	KD_POLICY_SCREEN = 0,
	KD_POLICY_SINGLE,
	KD_POLICY_PROSE,
	KD_POLICY_FULL
};

struct kd_name_policy {
	unsigned kind; /* KD_POLICY_* */
	double min;    /* PROSE, FULL: below this the span rules are not
			   checked (the score cannot be an alert anyway) */
	int legacy;    /* PROSE, FULL: the rules before issue 12 (bench) */
	/* PROSE: is this lowercase word a place or function word (never
	 * the strong pair)? Supplied by the caller's lexicon; NULL: none */
	int (*not_name)(const char *w);
};

/* The best name of an entity so far. */
struct kd_name_best {
	double score;      /* weakAlias factor applied */
	uint32_t rec, var; /* name record and its variant */
	size_t q;          /* query variant */
	int single;        /* scored by the single-word rule */
	int facts; /* under a policy that weighs the listed person's facts
		      (KD_POLICY_SCREEN, KD_POLICY_FULL): kd__name_best_cmp
		      explains them only then */
};

/** Are a and b romanisations of one Korean syllable (Gim/KIM, Park/PAK,
 *  Yi/RI; policy.c)? */
int kd__same_syllable(const struct kd_qtok *a, const struct kd_qtok *b);
/* How a word matched its closest listed word (kd__closest_word): the
 * kinds of kd__token_sim's text the listed-person rules tell apart */
enum kd_word_match {
	KD_WM_NONE,     /* no listed word above 0 */
	KD_WM_SPELLING, /* spelled alike, by a rule of spelling or reading
			   (romanisation, Sino-Korean, initial, nickname,
			   typo, phonetic key) */
	KD_WM_SKELETON, /* by equal skeletons alone ("skeleton") */
	KD_WM_EDIT,     /* by an edit distance ("edit", "skeleton+edit") */
};
/** The word of lv (two letters or more) closest to query word a (the
 *  first of equals; NULL: none above 0), its similarity in *sim and how
 *  it matched in *how (policy.c). */
const struct kd_qtok *kd__closest_word(const struct kd_qtok *a,
				       const struct kd_qvar *lv, double *sim,
				       enum kd_word_match *how);
/* The explanation of culture_sound: the two words, the factor */
#define KD_CULTURE_SOUND_WHY                                               \
	"'%s', a name of Europe and the Americas only, sounds like '%s', " \
	"no name of that culture: two names (x%.2f)"
/* The explanation of culture_sound by the listed person's nationality:
 * the query word, the listed one, the culture (kd__culture_sound_of) */
#define KD_CULTURE_SOUND_COUNTRY_WHY                               \
	"'%s' (every word a Western name) sounds like '%s', of a " \
	"person of %s naming culture by nationality: two names (x%.2f)"
/* kd__culture_sound's *kind: a listed word of another culture, or the
 * listed person's culture by nationality (OR-ed with its
 * KD_CULTURE_ASIA bits) */
#define KD_CULTURE_SOUND_WORD    0x100u
#define KD_CULTURE_SOUND_COUNTRY 0x200u
/** culture_sound (culture.c): culture_sound_factor when a word of q that
 *  is a Western name only matches a listed word of lv that is no Western
 *  name by sound alone, or when every word of q is a Western name only,
 *  one matched by sound, and the listed person's naming culture by
 *  country (`listed_culture`, kd__country_culture bits) is Arabic,
 *  Chinese or Korean; *qa, *la get the two tokens and *kind the rule
 *  (KD_CULTURE_SOUND_*). Else 1. */
double kd__culture_sound(const struct kd_qvar *q, const struct kd_qvar *lv,
			 unsigned listed_culture, size_t *qa, size_t *la,
			 unsigned *kind);
/** The culture of a KD_CULTURE_SOUND_COUNTRY kind, for its explanation
 *  ("an Arabic", "a Chinese", "a Korean"). */
const char *kd__culture_sound_of(unsigned kind);

/**
 * Score entity `ei` for the query variants qv[0..nq): every name record
 * (only those `hits` marks, when set) x variant x query variant under
 * `pol`; out gets the best (first of equals).
 */
void kd__name_best(struct kd_name_best *out, const struct kd_index *m,
		   const struct kd_cand_set *hits, const struct kd_qvar *qv,
		   size_t nq, uint32_t ei, const struct kd_name_policy *pol);
/**
 * Fold name record `rec` into out (which holds the best of its entity
 * so far): each variant x query variant under `pol`.
 */
void kd__name_best_rec(struct kd_name_best *out, const struct kd_index *m,
		       uint32_t rec, const struct kd_qvar *qv, size_t nq,
		       const struct kd_name_policy *pol);

/* What the words of a scan's prose spans match, kept for the scan
 * (score_span.c owns it; every answer is the same without it): a
 * mention word and a listed variant -> does the word match a word of
 * the variant (words_matched()'s test, joined pairs of the listed name
 * included). Words are numbered by all the comparison reads of them
 * (text, skeleton, kind, flags): word[qid] is the number of the query
 * token numbered qid by kd__simcache_begin (0: none, not kept). */
struct kd_word_slot {
	uint32_t word; /* word number, KD_WORD_FOUND set if found; 0: empty */
	uint32_t var;  /* kd_index.vars index of the variant */
};
#define KD_WORD_FOUND 0x80000000u
/* A mention word joined to the next ("jong un" as "jongun") and a listed
 * variant -> does the joined word match a word of the variant (0.8):
 * words_matched()'s second chance, asked for most records whose first
 * word matches none */
struct kd_joined_slot {
	uint32_t word; /* first word's number, KD_WORD_FOUND if found */
	uint32_t next; /* the next word's number */
	uint32_t var;
};
struct kd_word_found {
	struct kd_word_slot *slot; /* direct-mapped: a collision recomputes */
	struct kd_joined_slot *jslot; /* as many, or NULL: not kept */
	size_t mask;                  /* slots - 1 (a power of two) */
	const uint32_t *word;
	size_t nword;
};

/**
 * Can name record `rec` reach the comparison under pol: is there a
 * variant and query variant with, under KD_POLICY_PROSE, a strong pair,
 * two name words and every word matched, or under KD_POLICY_FULL (a
 * person's record, no weak alias) two name words on each side and every
 * word matched? Reads and writes no similarity memo of the query
 * (kd__simcache_begin) but its scan cache: a span none of whose records
 * can reach the comparison scores 0 for all of them, with no comparison
 * that would read the memo, so it need not be scored (score_span.c).
 * `wf` (or NULL) keeps answers.
 */
int kd__name_rec_reaches(const struct kd_index *m, uint32_t rec,
			 const struct kd_qvar *qv, size_t nq,
			 const struct kd_name_policy *pol,
			 struct kd_word_found *wf);

/**
 * The comparison behind a best name (kd__name_best with a policy other
 * than KD_POLICY_SINGLE), with its explanation text.
 */
void kd__name_best_cmp(struct kd_name_cmp *out, const struct kd_index *m,
		       const struct kd_qvar *qv, const struct kd_name_best *b);

/** Add the features that changed a name comparison's score to r:
 *  number_mismatch, name_order_conflict, part_substituted, legal_form,
 *  phonetic, nickname (weight 0: their effect is in the name score). */
void kd__name_explain(kd_result *r, const struct kd_name_cmp *c);
/**
 * Add the features of a name comparison to r: `name_match` (or
 * `weak_alias_match`) with weight `score`, then what changed it:
 * number_mismatch, name_order_conflict, part_substituted, legal_form,
 * phonetic, nickname (weight 0: their effect is in the name score).
 */
void kd__name_features(kd_result *r, const struct kd_name_cmp *c, int weak,
		       double score);
/** Add one feature (detail formatted like printf) to r. */
void kd__result_feature(kd_result *r, const char *name, double w,
			const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
