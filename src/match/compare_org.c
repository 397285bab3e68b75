/*
 * compare_org.c - what makes two organisation or vessel names two
 * parties although their words agree (issue 11, class 7), for
 * kd__compare_vars (compare.c): a vessel against the company that owns
 * it (vessel_owner), a country qualifier on one side (org_country), a
 * word in the plural on one side (plural), and short words one typing
 * error apart (org_typo), which count as nearly equal. Each sets its
 * field of struct kd_name_cmp and its detail for the explanation.
 */
#include "matcher.h"

#include <stdio.h>
#include <string.h>

static int tok_is(const struct kd_qtok *t, const char *w)
{
	size_t n = strlen(w);
	return t->len == n && memcmp(t->s, w, n) == 0;
}

/* MV, M/V, MT, M/T, MS, MTS, FV, SS before a vessel's name (tokens.c folds
 * M/V and M.V. to mv). */
static int vessel_prefix(const struct kd_qtok *t)
{
	return t->kind == KD_TOK_GENERIC &&
	       (tok_is(t, "mv") || tok_is(t, "mt") || tok_is(t, "ms") ||
		tok_is(t, "mts") || tok_is(t, "fv") || tok_is(t, "ss"));
}

/* A word that makes a name a company's rather than a vessel's: a legal
 * form (an English one, Ltd, Inc, JSC, S.A., AG, or a long one, GmbH:
 * vessel names carry short words the legal forms data also lists, Fu
 * Yuan Yu, Bokwang No. 5) or a generic business word (shipping, company,
 * trading), not a function word (of, and, the) nor a vessel prefix. */
static int business_word(const struct kd_qtok *t)
{
	if (t->kind == KD_TOK_LEGAL) {
		char f[64];
		size_t n = t->skel_len < sizeof(f) - 1 ? t->skel_len
						       : sizeof(f) - 1;
		memcpy(f, t->skel, n);
		f[n] = '\0';
		return n >= 4 || (n > 0 && kd__legal_intl(f)) ||
		       strcmp(f, "sa") == 0 || strcmp(f, "ag") == 0;
	}
	return t->kind == KD_TOK_GENERIC && !vessel_prefix(t) &&
	       !tok_is(t, "of") && !tok_is(t, "and") && !tok_is(t, "the");
}

static int unmatched_business(const struct kd_qvar *v, const float *sim)
{
	size_t i;
	for (i = 0; i < v->ntok; i++)
		if (sim[i] < 0 && business_word(&v->toks[i]))
			return 1;
	return 0;
}

/*
 * A vessel and the company that owns or manages it share a name (MV
 * Norvale Star, Norvale Star Shipping Ltd) but are two parties: when
 * one side is a vessel (its schema, or a vessel prefix against a name
 * without one), an unmatched legal form or business word on the other
 * side names the company (vessel_owner).
 */
int kd__org_owner_conflict(const struct kd_qvar *q, const struct kd_qvar *l,
			   const float *qsim, const float *lsim)
{
	int pq = q->ntok > 0 && vessel_prefix(&q->toks[0]);
	int pl = l->ntok > 0 && vessel_prefix(&l->toks[0]);
	if (q->vessel || l->vessel)
		return unmatched_business(q, qsim) ||
		       unmatched_business(l, lsim);
	if (pq && !pl)
		return unmatched_business(l, lsim);
	if (pl && !pq)
		return unmatched_business(q, qsim);
	return 0;
}

/* An unmatched word (or two: Hong Kong, South Africa) of v from i on
 * that names a country (kd__norm_country: names, ISO codes, demonyms);
 * words of three letters or fewer only as UAE, USA, UK. Returns the
 * number of words. */
static size_t country_at(const struct kd_qvar *v, const float *sim, size_t i)
{
	const struct kd_qtok *t = &v->toks[i];
	char cc[3], b[64];
	if (sim[i] >= 0 || t->kind != KD_TOK_WORD)
		return 0;
	if (i + 1 < v->ntok && sim[i + 1] < 0 &&
	    v->toks[i + 1].kind == KD_TOK_WORD) {
		int n = snprintf(b, sizeof(b), "%.*s %.*s", (int)t->len, t->s,
				 (int)v->toks[i + 1].len, v->toks[i + 1].s);
		if (n > 0 && (size_t)n < sizeof(b) &&
		    kd__norm_country(cc, b, (size_t)n) == 0)
			return 2;
	}
	if ((t->len >= 4 || tok_is(t, "uae") || tok_is(t, "usa") ||
	     tok_is(t, "uk")) &&
	    kd__norm_country(cc, t->s, t->len) == 0)
		return 1;
	return 0;
}

/*
 * The same name with a country on one side only (Norvale Trading
 * (Kenya) Ltd vs Norvale Trading Ltd), or two different countries, is
 * usually a company of another country (org_country): on one side only
 * when that side is a company's name (a legal form: Alfa-Bank Russia is
 * how lists also name Alfa-Bank JSC, Ansar al-Sharia in Tunisia a group
 * of that country). Not for vessels: after a vessel's name a country is
 * its flag or port of registry.
 */
int kd__org_country_conflict(struct kd_name_cmp *out, const struct kd_qvar *q,
			     const struct kd_qvar *l, const float *qsim,
			     const float *lsim)
{
	const struct kd_qvar *v[2] = { q, l };
	const float *sim[2] = { qsim, lsim };
	size_t s, i, k, found[2] = { 0, 0 }, at[2] = { 0, 0 };
	int legal[2] = { 0, 0 };
	if (q->vessel || l->vessel)
		return 0;
	for (s = 0; s < 2; s++)
		for (i = 0; i < v[s]->ntok; i++) {
			/* a legal form where names carry it: first or last
			 * (not "in" of Ansar al-Sharia in Tunisia) */
			legal[s] |= v[s]->toks[i].kind == KD_TOK_LEGAL &&
				    (i == 0 || i + 1 == v[s]->ntok);
			if (!found[s] &&
			    (found[s] = country_at(v[s], sim[s], i)) > 0)
				at[s] = i;
		}
	for (s = 0; s < 2; s++) {
		const struct kd_qtok *t = &v[s]->toks[at[s]];
		if (!found[s] || !(legal[s] || found[1 - s]))
			continue;
		k = found[s];
		snprintf(out->country_w, sizeof(out->country_w), "%.*s%s%.*s",
			 (int)t->len, t->s, k > 1 ? " " : "",
			 k > 1 ? (int)t[1].len : 0, k > 1 ? t[1].s : "");
		return 1;
	}
	return 0;
}

/* One word the other plus s or es (Star/Stars, Holding/Holdings); not
 * after a vowel or s (Biladi/Biladis, Klas/Klass are spellings). */
static int plural_pair(const struct kd_qtok *a, const struct kd_qtok *b)
{
	const struct kd_qtok *lo = a->len > b->len ? a : b;
	const struct kd_qtok *sh = a->len > b->len ? b : a;
	size_t d = lo->len - sh->len;
	if (a->kind != KD_TOK_WORD || b->kind != KD_TOK_WORD || sh->len < 3 ||
	    (d != 1 && d != 2) || memcmp(lo->s, sh->s, sh->len) != 0)
		return 0;
	/* Klas/Klass, Biladi/Biladis: spellings, not plurals */
	if (strchr("aiosu", sh->s[sh->len - 1]) != NULL)
		return 0;
	return d == 1 ? lo->s[sh->len] == 's'
		      : memcmp(lo->s + sh->len, "es", 2) == 0;
}

/* Matched words of an organisation's name in the plural on one side
 * only: Golden Star and Golden Stars are two names (plural). */
int kd__org_plural_conflict(struct kd_name_cmp *out, const struct kd_qvar *q,
			    const struct kd_qvar *l, const int *qm)
{
	size_t i;
	for (i = 0; i < q->ntok; i++)
		if (qm[i] >= 0 && qm[i] < (int)l->ntok &&
		    plural_pair(&q->toks[i], &l->toks[qm[i]])) {
			const struct kd_qtok *t =
				q->toks[i].len > l->toks[qm[i]].len
					? &q->toks[i]
					: &l->toks[qm[i]];
			snprintf(out->plural_w, sizeof(out->plural_w), "%.*s",
				 (int)t->len, t->s);
			return 1;
		}
	return 0;
}

/* Two words one typing error apart: one letter changed, added, dropped
 * or two neighbours swapped (Iran/Irn, Korea/Okrea, Ofoq/Ofq); the
 * caller asks for the same first letter (or the first two swapped):
 * Bong/Song are two syllables. */
static int one_edit(const char *a, size_t n, const char *b, size_t m)
{
	size_t i = 0;
	if (n < m) {
		const char *t = a;
		size_t k = n;
		a = b;
		n = m;
		b = t;
		m = k;
	}
	if (n - m > 1)
		return 0;
	while (i < m && a[i] == b[i])
		i++;
	if (n == m) {
		if (i == n)
			return 0;
		if (memcmp(a + i + 1, b + i + 1, n - i - 1) == 0)
			return 1;
		return i + 1 < n && a[i] == b[i + 1] && a[i + 1] == b[i] &&
		       memcmp(a + i + 2, b + i + 2, n - i - 2) == 0;
	}
	return memcmp(a + i + 1, b + i, m - i) == 0;
}

/*
 * Short words of organisations' names one typing error apart (Bank
 * Melli Irn, Ofq Sazeh): the edit distance allows no error in words of
 * three or four letters, but in a company's name such a word is seldom
 * another word. Pairs left unmatched by the alignment, words of 3-8
 * letters (the longer at least 4), plurals excepted: org_typo_sim.
 */
void kd__org_typos(struct kd_name_cmp *out, const struct kd_qvar *q,
		   const struct kd_qvar *l, float *qsim, float *lsim, int *qm,
		   int detail)
{
	size_t i, j;
	/* a word among others: alone (Artin, Arzin; Sarina, Sabrina), one
	 * letter is as likely another name as a typing error */
	if (q->ntok < 2 || l->ntok < 2)
		return;
	for (i = 0; i < q->ntok; i++) {
		const struct kd_qtok *a = &q->toks[i];
		int j0 = qm[i];
		if (a->kind != KD_TOK_WORD || a->len < 3 || a->len > 8)
			continue;
		/* matched by spelling below the typo similarity (Gelios,
		 * Geilos: 0.73) */
		if (qsim[i] >= 0) {
			const struct kd_qtok *b = &l->toks[j0];
			if (j0 >= 0 && qsim[i] < KD_W_ORG_TYPO_SIM &&
			    b->kind == KD_TOK_WORD && b->len <= 8 &&
			    (a->s[0] == b->s[0] || a->s[0] == b->s[1]) &&
			    lsim[j0] == qsim[i] && !plural_pair(a, b) &&
			    one_edit(a->s, a->len, b->s, b->len)) {
				qsim[i] = lsim[j0] = (float)KD_W_ORG_TYPO_SIM;
				out->typo++;
			}
			continue;
		}
		for (j = 0; j < l->ntok; j++) {
			const struct kd_qtok *b = &l->toks[j];
			if (lsim[j] >= 0 || b->kind != KD_TOK_WORD ||
			    b->len < 3 || b->len > 8 ||
			    (a->len < 4 && b->len < 4) || plural_pair(a, b) ||
			    (a->s[0] != b->s[0] && a->s[0] != b->s[1]) ||
			    !one_edit(a->s, a->len, b->s, b->len))
				continue;
			qsim[i] = lsim[j] = (float)KD_W_ORG_TYPO_SIM;
			qm[i] = (int)j;
			out->typo++;
			out->parts++;
			if (detail)
				kd__append_detail(out->detail,
						  sizeof(out->detail), q->toks,
						  i, i, l->toks, j, j, "typo");
			break;
		}
	}
}
