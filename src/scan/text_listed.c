/*
 * text_listed.c - what the lists' names say of known words and spans:
 * is a word part of some listed person's name, and may a span be one
 * listed entity's name by its words (KD_SCAN_FULL, the person check).
 *
 * Split out of text_token.c because this asks the index about records
 * and entities, not about the text: text_span.c calls it on candidate
 * spans, after tokenizing. The per-word answer is memoised per scan by
 * the skeleton's arena offset (tokens of one memoised word share it);
 * sc->pw is freed by kd__scan_token_free().
 */
#include "scan/text_scan_int.h"
#include "text/text_int.h"

#include <string.h>

/* Does a record of the "=skeleton" postings belong to a person? */
static int person_in(const struct kd_index *ix, const uint32_t *recs,
		     uint32_t n)
{
	uint32_t k;
	for (k = 0; k < n; k++)
		if (kd__index_ent(ix, kd__index_rec(ix, recs[k])->entity)
			    ->schema == KD_SCHEMA_PERSON)
			return 1;
	return 0;
}

/* What the lists' words say of a known word (word_info()). */
enum {
	WI_PERSON = 1, /* a word of some listed person's name */
	WI_OTHER = 2   /* not one plain word to the name analysis: parts
			* (abdul: abd al), a legal form, a particle */
};

/* The WI_* flags of known token t (with a skeleton), memoised per scan
 * by its skeleton's arena offset (tokens of one memoised word share
 * it); -1 out of memory. */
static int word_info(struct scan *sc, const struct tok *t)
{
	size_t i, mask, key = t->skel + 1;
	uint32_t n;
	const uint32_t *recs;
	struct kd_tokset *ts;
	int f;
	if ((sc->npw + 1) * 2 > sc->pwcap) {
		size_t cap = sc->pwcap ? sc->pwcap * 2 : 256, k, j;
		struct pw_memo *m = kd__calloc(cap, sizeof(*m));
		if (m == NULL)
			return -1;
		for (k = 0; k < sc->pwcap; k++) {
			if (sc->pw[k].skel == 0)
				continue;
			for (j = sc->pw[k].skel * 0x9E3779B97F4A7C15ull &
				 (cap - 1);
			     m[j].skel; j = (j + 1) & (cap - 1))
				;
			m[j] = sc->pw[k];
		}
		kd__free(sc->pw);
		sc->pw = m;
		sc->pwcap = cap;
	}
	mask = sc->pwcap - 1;
	for (i = key * 0x9E3779B97F4A7C15ull & mask; sc->pw[i].skel;
	     i = (i + 1) & mask)
		if (sc->pw[i].skel == key)
			return sc->pw[i].flags;
	if ((ts = kd__malloc(sizeof(*ts))) == NULL)
		return -1;
	kd__tokenize(ts, STEM(sc, t), t->slen, 0);
	f = ts->n != 1 || ts->t[0].kind != KD_TOK_WORD ||
			    ts->t[0].len != t->slen ||
			    memcmp(ts->t[0].s, STEM(sc, t), t->slen) != 0
		    ? WI_OTHER
		    : 0;
	kd__free(ts);
	recs = kd__index_lookup_skel(sc->c->ix, SKEL(sc, t), t->sklen, &n);
	if (recs != NULL && person_in(sc->c->ix, recs, n))
		f |= WI_PERSON;
	sc->pw[i].skel = key;
	sc->pw[i].flags = f;
	sc->npw++;
	return f;
}

int kd__scan_person_word(struct scan *sc, const struct tok *t)
{
	int f;
	if (!t->known || t->sklen == 0 || (f = word_info(sc, t)) < 0)
		return 1; /* nothing to say */
	return (f & WI_PERSON) != 0;
}

/* Has the sorted record list r[0..n) a record in [lo, hi)? */
static int has_rec(const uint32_t *r, uint32_t n, uint32_t lo, uint32_t hi)
{
	uint32_t a = 0, b = n;
	while (a < b) {
		uint32_t m = a + (b - a) / 2;
		if (r[m] < lo)
			a = m + 1;
		else
			b = m;
	}
	return a < n && r[a] < hi;
}

/* Name words of a span that the lists know: what KD_SCAN_FULL must
 * match, each to a listed word. */
static int name_word_known(const struct tok *t)
{
	return t->known && t->cas != CASE_DIGIT && t->len > 1 &&
	       t->lex != KD_LEX_STOP && t->lex != KD_LEX_PARTICLE;
}

/* Is there an entity (with `person`, a person) among records
 * l[d][0..nl[d]) whose names hold every word but at most `miss` (each
 * word's records l[x])? */
static int entity_holds(const struct kd_index *ix, const uint32_t *const *l,
			const uint32_t *nl, size_t nw, size_t d, size_t miss,
			int person)
{
	uint32_t k;
	for (k = 0; k < nl[d]; k++) {
		uint32_t e = kd__index_rec(ix, l[d][k])->entity, first, end;
		size_t x, out = 0;
		if (person && kd__index_ent(ix, e)->schema != KD_SCHEMA_PERSON)
			continue;
		end = kd__index_ent_recs(ix, e, &first) + first;
		for (x = 0; x < nw && out <= miss; x++)
			out += x != d && !has_rec(l[x], nl[x], first, end);
		if (out <= miss)
			return 1;
		while (k + 1 < nl[d] && l[d][k + 1] < end)
			k++; /* the next entity */
	}
	return 0;
}

/* kd__scan_listed_span()'s answer on the skeleton postings l[x][0..nl[x])
 * of the span's nw constraining words. */
static int listed_lists(const struct kd_index *ix, const uint32_t **l,
			const uint32_t *nl, size_t nw, int person)
{
	size_t p, a = 0, b = 1;
	if (nw < 2 || (nw == 2 && !person))
		return 1;
	if (nw == 2)
		return entity_holds(ix, l, nl, nw, nl[0] < nl[1] ? 0 : 1, 0,
				    person);
	/* one word may be a press spelling of another listed word
	 * (Abdul for ABD AL, Юрэвйч): a person holds all others, so it
	 * is among the records of the shortest list or the next */
	for (p = 0; p < nw; p++)
		if (nl[p] < nl[a]) {
			b = a;
			a = p;
		} else if (p != a && (b == a || nl[p] < nl[b])) {
			b = p;
		}
	return entity_holds(ix, l, nl, nw, a, 1, person) ||
	       entity_holds(ix, l, nl, nw, b, 1, person);
}

int kd__scan_listed_words(const struct scan *sc, const uint32_t **l,
			  const uint32_t *nl, size_t nw)
{
	size_t p;
	for (p = 0; p < nw; p++)
		if (!person_in(sc->c->ix, l[p], nl[p]))
			return 0;
	return listed_lists(sc->c->ix, l, nl, nw, 1);
}

int kd__scan_listed_span(struct scan *sc, size_t i, size_t j, int person)
{
	const struct kd_index *ix = sc->c->ix;
	const uint32_t *l[MAX_SPAN];
	uint32_t nl[MAX_SPAN];
	size_t p, nw = 0;
	int f;
	for (p = i; p <= j; p++) {
		const struct tok *t = &sc->t[p];
		if (!name_word_known(t))
			continue;
		if (person && !kd__scan_person_word(sc, t))
			return 0;
		if (t->hangul || t->sklen == 0 || nw == MAX_SPAN)
			continue;
		if ((f = word_info(sc, t)) < 0)
			return 1; /* out of memory: nothing to say */
		if (f & WI_OTHER)
			continue; /* the analysis reads other words */
		l[nw] = kd__index_lookup_skel(ix, SKEL(sc, t), t->sklen,
					      &nl[nw]);
		if (l[nw] == NULL)
			return 1; /* no skeleton postings: nothing to say */
		nw++;
	}
	return listed_lists(ix, l, nl, nw, person);
}
