/*
 * listed_facts.c - how the listed person's name is built, weighed beside
 * the comparison by policy.c's scorer under KD_POLICY_SCREEN and
 * KD_POLICY_FULL (a screening query, a prose span screened as a full
 * name). The listed family and given names (lastName, firstName) are
 * read once per entity, when first needed:
 *   - family_half: when its family name (lastName) is two words,
 *     ALVAREZ ESCOBAR, and the name screened has only the one a person
 *     does not go by alone (Jonathan Escobar: the mother's, second in
 *     Spanish names; the first in Portuguese ones, by the person's
 *     country), the score is multiplied by family_half_factor. The one
 *     used alone (Jonathan Alvarez) is how the person is usually named:
 *     untouched (common_name weighs how common it is). An alias that
 *     lists one family name (SARRIA, Edgar Alberto) is a name of the
 *     person and is not touched, nor is a hyphenated family name;
 *   - given_order: a name read from Han or Hangul whose syllables
 *     match the listed name's parts in another order than the listed
 *     one or that with the family name moved to the back (은정 김 vs
 *     KIM, Jong Un): another given name, x given_order_factor;
 *   - given_half: when its given name (firstName) is two words, Jorge
 *     Enrique, and the name screened has a later one but not the first
 *     (Enrique Rincon for RINCON ORDONEZ, Jorge Enrique), x
 *     given_half_factor: a person goes by the first or by both;
 *   - sex_form: a query word the listed name has only in the other
 *     sex's form (Antonia for Antonio, Eugenio for Eugenia: Romance -a
 *     and -o of one stem; Yevgeniya for Yevgeniy: East Slavic -iya and
 *     -iy; both names people have): a different name in
 *     the same place, a substituted part (x subst_factor, the fitted
 *     weight of part_substituted, and explained as one);
 *   - culture_sound (culture.c), given the naming culture of the
 *     person's countries read here (kd__country_culture).
 */
#include "match/listed_facts.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void kd__famname_init(struct famname *f, const struct kd_entity *e)
{
	f->e = e;
	f->state = 0;
}

/* Read one lastName or firstName value `ln` into f (state 2 when it is two words or
 * more of letters: a hyphenated or apostrophed one, AL-ZOMOR, O'NEILL,
 * has tokens of its own). */
static void value_read(struct partwords *f, const char *ln)
{
	const char *p;
	char *folded = NULL;
	size_t len, i, k = 0;
	f->state = 1;
	f->nw = 0;
	len = strlen(ln);
	for (i = 0; i < len && !(ln[i] & 0x80); i++)
		;
	if (i < len) { /* Gómez: fold as names are folded */
		if (kd__text_fold(&folded, &len, NULL, ln, len) != 0)
			return;
		ln = folded;
	}
	for (p = ln; (size_t)(p - ln) <= len; p++) {
		char ch = (size_t)(p - ln) < len ? *p : ' ';
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')) {
			if (k + 1 >= sizeof(f->w[0]))
				goto out;
			f->w[f->nw][k++] = (char)(ch | 0x20);
		} else if (ch == ' ') {
			if (k > 0) {
				struct kd_qtok *t = &f->t[f->nw];
				memset(t, 0, sizeof(*t));
				f->w[f->nw][k] = '\0';
				t->s = f->w[f->nw];
				t->len = (uint16_t)k;
				t->skel = f->sk[f->nw];
				t->skel_len = (uint16_t)kd__skeleton(
					f->sk[f->nw], sizeof(f->sk[0]), t->s,
					k);
				t->id = UINT32_MAX;
				if (++f->nw == 4 && (size_t)(p - ln) < len)
					goto out; /* too many words */
			}
			k = 0;
		} else {
			goto out; /* AL-ZOMOR, O'NEILL: tokens of their own */
		}
	}
	f->state = f->nw >= 2 ? 2 : 1;
out:
	kd__free(folded);
	if (f->state != 2)
		f->nw = 0;
}

/* Is country code c (ISO 3166 alpha-2, as the model keeps it) one of a
 * Portuguese-speaking country? */
static int lusophone(const char *c)
{
	/* clang-format off */
	static const char *const codes[] = { "br", "pt", "ao", "mz", "cv",
					     "gw", "st", "tl" };
	/* clang-format on */
	size_t i;
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (strcmp(c, codes[i]) == 0)
			return 1;
	return 0;
}

/* Read part `prop` (lastName, firstName) of entity e into f: only when
 * every value is two words or more (lists merged into one party may
 * disagree: DIAZ MADRIZ and DIAZ); the first of them. */
static void part_read(struct partwords *f, const struct kd_entity *e,
		      const char *prop)
{
	struct partwords scratch;
	size_t i;
	f->state = 1;
	f->nw = 0;
	for (i = 0; e && i < e->nprops; i++) {
		const struct kd_prop *pr = kd__ent_prop(e, i);
		struct partwords *to = f->state == 2 ? &scratch : f;
		if (strcmp(kd__prop_name(pr), prop) != 0)
			continue;
		value_read(to, kd__prop_value(pr));
		if (to->state != 2) {
			f->state = 1; /* one word in some list */
			f->nw = 0;
			return;
		}
	}
}

/* Read f->e's family and given names and whether it is of a
 * Portuguese-speaking country. */
static void famname_read(struct famname *f)
{
	size_t i;
	f->luso = 0;
	f->culture = 0;
	for (i = 0; f->e && i < f->e->nprops; i++) {
		const struct kd_prop *pr = kd__ent_prop(f->e, i);
		const char *n = kd__prop_name(pr), *v = kd__prop_value(pr);
		if (strcmp(n, "nationality") == 0 ||
		    strcmp(n, "citizenship") == 0 ||
		    strcmp(n, "birthCountry") == 0 ||
		    strcmp(n, "country") == 0) {
			f->luso |= lusophone(v);
			f->culture |= kd__country_culture(v);
		}
	}
	part_read(&f->fam, f->e, "lastName");
	part_read(&f->given, f->e, "firstName");
	f->state = 1;
}

/* The token of listed variant lv that is family name word t: spelled
 * so, or else the closest with similarity >= 0.7 (an alias DIAZ
 * MENDONCA for DIAS DE MENDONCA); lv->ntok if none. */
static size_t famname_at(const struct kd_qtok *t, const struct kd_qvar *lv)
{
	size_t j, at = lv->ntok;
	double best = 0.7 - 1e-9;
	const char *how;
	for (j = 0; j < lv->ntok; j++)
		if (lv->toks[j].len == t->len &&
		    memcmp(lv->toks[j].s, t->s, t->len) == 0)
			return j;
	for (j = 0; j < lv->ntok; j++) {
		double sim;
		if (lv->toks[j].kind != KD_TOK_WORD ||
		    kd__token_sim_below(t, &lv->toks[j], best))
			continue;
		sim = kd__token_sim(t, &lv->toks[j], &how);
		if (sim > best) {
			best = sim;
			at = j;
		}
	}
	return at;
}

/* Is listed token j matched by a word of the query (as kd__policy_coverage()
 * counts it)? */
static int listed_matched(const struct kd_qvar *q, const struct kd_qvar *lv,
			  size_t j)
{
	size_t i;
	for (i = 0; i < q->ntok; i++) {
		const struct kd_qtok *a = &q->toks[i];
		if (a->kind == KD_TOK_PARTICLE || a->kind == KD_TOK_LEGAL)
			continue;
		if (kd__policy_word_sim_ok(q, a, &lv->toks[j],
					   q->memo != NULL) ||
		    kd__policy_joined_pair(a, lv, j) ||
		    (j > 0 && kd__policy_joined_pair(a, lv, j - 1)))
			return 1;
	}
	return 0;
}

/* The listed tokens of name part pw's words in lv, in order, particles
 * left out (a word of <= 3 letters missing from lv is one too: de, da,
 * del): how many (at most 4) in pos, or 0 when pw is not two words or
 * more, lv lacks a word (an alias without it: none of these rules) or one
 * is no plain word of at least min_len letters. */
static size_t part_positions(const struct partwords *pw,
			     const struct kd_qvar *lv, size_t min_len,
			     size_t pos[4])
{
	size_t k, j, n = 0;
	if (pw->state != 2)
		return 0;
	for (k = 0; k < pw->nw; k++) {
		if ((j = famname_at(&pw->t[k], lv)) == lv->ntok) {
			if (pw->t[k].len <= 3)
				continue; /* de, da, del: a particle left out */
			return 0;
		}
		if (lv->toks[j].kind == KD_TOK_PARTICLE)
			continue;
		if (lv->toks[j].kind != KD_TOK_WORD ||
		    lv->toks[j].len < min_len)
			return 0;
		pos[n++] = j;
	}
	return n;
}

/* A listed person whose family name is two words (ALVAREZ ESCOBAR,
 * DIAS DE MENDONCA: particles not counted), both in listed variant lv,
 * and a query that matches only the one not used alone (Jonathan
 * Escobar). In Spanish names the father's family name comes first and
 * is the one a person goes by alone (Jonathan Alvarez: common_name
 * weighs how common that is); the mother's, second, is not used alone.
 * In Portuguese names (a person of a Portuguese-speaking country by
 * nationality, citizenship, birth or country) the order is the other
 * way round (Leonardo Mendonca for DIAS DE MENDONCA). The factor
 * family_half_factor (1: not so); *keep / *miss get the listed tokens
 * (the one matched, the one used alone). */
static double family_half(struct famname *f, const struct kd_qvar *q,
			  const struct kd_qvar *lv, size_t *keep, size_t *miss)
{
	size_t at[4], first;
	int got[2];
	if (f->state == 0)
		famname_read(f);
	if (part_positions(&f->fam, lv, 3, at) != 2)
		return 1;
	if (at[0] == at[1])
		return 1;
	/* at[first]: the family name used alone (the father's: the first
	 * in Spanish names, the last in Portuguese ones) */
	first = f->luso ? 1 : 0;
	got[0] = listed_matched(q, lv, at[first]);
	got[1] = listed_matched(q, lv, at[1 - first]);
	if (got[0] || !got[1])
		return 1; /* both, neither, or the one used alone */
	*keep = at[1 - first];
	*miss = at[first];
	return KD_W_FAMILY_HALF_FACTOR;
}

/* A listed person whose given name (firstName) is two words or more
 * (Jorge Enrique, Jorge Alberto: particles not counted), all in listed
 * variant lv, and a query that matches a later one but not the first
 * (Enrique Rincon for RINCON ORDONEZ, Jorge Enrique). A person goes by
 * the first given name, or by both; the second alone is how another
 * person is named as often (the given-name side of family_half). The
 * factor given_half_factor (1: not so); *keep / *miss get the listed
 * tokens (the one matched, the first). */
static double given_half(struct famname *f, const struct kd_qvar *q,
			 const struct kd_qvar *lv, size_t *keep, size_t *miss)
{
	size_t at[4], n, k, later = lv->ntok;
	if (f->state == 0)
		famname_read(f);
	n = part_positions(&f->given, lv, 2, at);
	if (n < 2 || listed_matched(q, lv, at[0]))
		return 1; /* the first given name: its name */
	for (k = 1; k < n && later == lv->ntok; k++)
		if (at[k] != at[0] && listed_matched(q, lv, at[k]))
			later = at[k];
	if (later == lv->ntok)
		return 1;
	*keep = later;
	*miss = at[0];
	return KD_W_GIVEN_HALF_FACTOR;
}

/* Is word a the same given name as word b in the other sex's form: the
 * Romance masculine -o and feminine -a of one stem (Antonio / Antonia,
 * Eugenio / Eugenia, Francisco / Francisca), or the East Slavic
 * masculine -iy / -ij and feminine -iya / -ija (Yevgeniy / Yevgeniya,
 * Valerij / Valerija)? The -o/-a pair must be two names people have
 * (less information than typo_info_min, namefreq.c): Tajik Mustafo for
 * Mustafa is no name of its own there and stays a spelling. The -iya
 * form needs no such proof: no Slavic convention spells -iy as -iya, and
 * a rare spelling of the stem (Evgenija) is as much a woman's name; but
 * Arabic men's names end in -ariya, -ahiya (Zakariya, Yahiya), which
 * Zakariy and Yahiy spell too. */
static int other_sex_form(const struct kd_qtok *a, const struct kd_qtok *b)
{
	const struct kd_qtok *m = a->len < b->len ? a : b, *f = m == a ? b : a;
	char x, y;
	if (a->len < 4 || b->len < 4 || a->kind != KD_TOK_WORD ||
	    b->kind != KD_TOK_WORD || ((a->flags | b->flags) & KD_TF_READ))
		return 0;
	if (a->len == b->len) {
		x = a->s[a->len - 1];
		y = b->s[b->len - 1];
		if (!((x == 'a' && y == 'o') || (x == 'o' && y == 'a')) ||
		    memcmp(a->s, b->s, a->len - 1u) != 0)
			return 0;
	} else if (f->len != m->len + 1 || f->s[m->len] != 'a' ||
		   m->s[m->len - 2] != 'i' ||
		   (m->s[m->len - 1] != 'y' && m->s[m->len - 1] != 'j') ||
		   memcmp(m->s, f->s, m->len) != 0) {
		return 0;
	} else {
		/* -iya is no spelling of -iy: a woman's name (not Zakariya) */
		return m->len < 5 ||
		       (memcmp(m->s + m->len - 4, "ariy", 4) != 0 &&
			memcmp(m->s + m->len - 4, "ahiy", 4) != 0);
	}
	return kd__name_pop_info(a->s, a->len) < KD_W_TYPO_INFO_MIN &&
	       kd__name_pop_info(b->s, b->len) < KD_W_TYPO_INFO_MIN;
}

/* A query word that the listed name has only in the other sex's form
 * (Antonia against LAREDO DON JUAN, Job a.k.a. Antonio RODRIGUEZ): a
 * woman's and a man's name are different names in the same place, a
 * substituted part (x subst_factor, fitted: part_substituted). *qa, *la
 * get the query and listed token. */
static double sex_form(const struct kd_qvar *q, const struct kd_qvar *lv,
		       size_t *qa, size_t *la)
{
	size_t i, j;
	for (i = 0; i < q->ntok; i++) {
		const struct kd_qtok *a = &q->toks[i];
		size_t at = lv->ntok;
		if (a->kind != KD_TOK_WORD || a->len < 4)
			continue;
		for (j = 0; j < lv->ntok; j++) {
			if (lv->toks[j].len == a->len &&
			    memcmp(lv->toks[j].s, a->s, a->len) == 0)
				break; /* spelled so as well */
			if (at == lv->ntok && other_sex_form(a, &lv->toks[j]))
				at = j;
		}
		if (j == lv->ntok && at < lv->ntok) {
			*qa = i;
			*la = at;
			return SUBST_FACTOR;
		}
	}
	return 1;
}

/* A name read from Han or Hangul syllable by syllable (KD_TF_SYL) whose
 * syllables match the listed name's words in another order than the
 * listed one, up to the family name moved from the front to the back
 * (정은 김 for KIM Jong Un is its order): 은정 김 (Eun-jeong) against KIM,
 * Jong Un (정은), 민석 최 (Min-seok) against CH'OE SO'K MIN (석민). The
 * syllables of a Korean or Chinese given name in another order are
 * another given name. The listed positions the query's syllables match
 * (each its closest listed word, >= 0.8) must be a rotation of an
 * ascending run: at most one descent, and after it none above the
 * first. The factor given_order_factor (1: not so); *oa, *ob get two
 * listed tokens out of order, in the query's order. */
static double given_order(const struct kd_qvar *q, const struct kd_qvar *lv,
			  size_t *oa, size_t *ob)
{
	size_t i, j, pos[KD_NAME_MAX_TOKS], n = 0, k, descents = 0, at = 0;
	uint32_t used = 0;
	const char *how;
	for (i = 0; i < q->ntok && !(q->toks[i].flags & KD_TF_SYL); i++)
		;
	if (i == q->ntok || lv->ntok < 3 || lv->ntok > 32)
		return 1;
	for (i = 0; i < q->ntok; i++) {
		size_t bj = lv->ntok;
		double best = 0.8 - 1e-9;
		if (!(q->toks[i].flags & KD_TF_SYL))
			continue;
		for (j = 0; j < lv->ntok; j++) {
			double sim;
			if (lv->toks[j].kind != KD_TOK_WORD ||
			    kd__token_sim_below(&q->toks[i], &lv->toks[j],
						best))
				continue;
			sim = kd__token_sim(&q->toks[i], &lv->toks[j], &how);
			if (sim > best) {
				best = sim;
				bj = j;
			}
		}
		if (bj == lv->ntok || (used & (1u << bj)))
			continue;
		used |= 1u << bj;
		pos[n++] = bj;
	}
	if (n < 3)
		return 1; /* two parts: either order is a rotation */
	for (k = 1; k < n; k++)
		if (pos[k] < pos[k - 1] && descents++ == 0)
			at = k;
	if (descents == 0 || (descents == 1 && pos[n - 1] < pos[0]))
		return 1;
	*oa = pos[at - 1]; /* the first pair out of order */
	*ob = pos[at];
	return KD_W_GIVEN_ORDER_FACTOR;
}

/* The product of the factors of the listed person's facts (family_half,
 * given_half, given_order, sex_form) and of culture_sound (culture.c)
 * for query variant q against listed variant lv. */
double kd__listed_facts(struct famname *f, const struct kd_qvar *q,
			const struct kd_qvar *lv, struct facts_hit *h)
{
	double a = family_half(f, q, lv, &h->keep, &h->miss);
	double b = given_order(q, lv, &h->oa, &h->ob);
	double c = given_half(f, q, lv, &h->gkeep, &h->gmiss);
	double d = sex_form(q, lv, &h->sq, &h->sl);
	double e;
	unsigned kind = 0;
	/* family_half read f: its countries' naming culture */
	e = kd__culture_sound(q, lv, f->culture, &h->cq, &h->cl, &kind);
	h->fam = a < 1;
	h->order = b < 1;
	h->given = c < 1;
	h->sex = d < 1;
	h->culture = e < 1 ? kind : 0;
	return a * b * c * d * e;
}
