/*
 * listed_facts.h - how a listed person's name is built, weighed beside
 * the comparison under KD_POLICY_SCREEN and KD_POLICY_FULL
 * (listed_facts.c, used by policy.c's scorer).
 */
#ifndef KD_LISTED_FACTS_H
#define KD_LISTED_FACTS_H

#include "match/policy.h"

/* The words of one name part of a listed person (its lastName or its
 * firstName), folded to the lowercase ASCII words its name tokens have. */
struct partwords {
	int state; /* 1: none usable, 2: t[0..nw) set */
	size_t nw;
	char w[4][32], sk[4][32];
	struct kd_qtok t[4]; /* w[k] as a token (text, skeleton) */
};

/* The family name (lastName) and given name (firstName) of a listed
 * person, read once per entity, when first needed. */
struct famname {
	const struct kd_entity *e;
	int state; /* 0: not read, 1: read */
	struct partwords fam, given;
	int luso; /* of a Portuguese-speaking country: the last family
		     name is the one used alone */
	/* the naming cultures of its countries (kd__country_culture) */
	unsigned culture;
};

/* What the facts of the listed person say about a comparison. */
struct facts_hit {
	int fam, order, given, sex;
	unsigned culture;    /* culture_sound: KD_CULTURE_SOUND_* kind */
	size_t keep, miss;   /* family_half: listed tokens */
	size_t oa, ob;       /* given_order: listed tokens */
	size_t gkeep, gmiss; /* given_half: listed tokens */
	size_t sq, sl;       /* sex_form: query and listed token */
	size_t cq, cl;       /* culture_sound: query and listed token */
};

/** Start f for entity e (NULL: none); its names are read when first
 *  needed. */
void kd__famname_init(struct famname *f, const struct kd_entity *e);
/** The product of the factors of the listed person's facts (family_half,
 *  given_half, given_order, sex_form) and of culture_sound (culture.c)
 *  for query variant q against listed variant lv; what fired in *h. */
double kd__listed_facts(struct famname *f, const struct kd_qvar *q,
			const struct kd_qvar *lv, struct facts_hit *h);

/* policy.c's word tests, shared with the facts */
/** Does query word a spell listed words j and j + 1 joined? */
int kd__policy_joined_pair(const struct kd_qtok *a, const struct kd_qvar *lv,
			   size_t j);
/** kd__token_sim(a, l) >= 0.6 (from q's memo when `memo`)? */
int kd__policy_word_sim_ok(const struct kd_qvar *q, const struct kd_qtok *a,
			   const struct kd_qtok *l, int memo);
/** Share of listed name lv's weight that mention q accounts for. */
double kd__policy_coverage(const struct kd_qvar *q, const struct kd_qvar *lv);

#endif
