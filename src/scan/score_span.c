/*
 * score_span.c - a candidate span scored as a name against the lists.
 *
 * The text scanner hands over lowercase ASCII (its own folded tokens,
 * joined by spaces), so analysis takes the ASCII fast path of
 * kd__name_analyze. Scoring is kd_screen's name feature, rebuilt from
 * the matcher's parts so nothing is re-analysed or formatted twice:
 *
 *     kd__candidates (index keys shared with the span, best 64 entities)
 *       -> every hit name record x variant: kd__compare_vars
 *       -> best entity; runners-up at or above the threshold go to
 *          `also` (one person on several lists); explanation text only
 *          for the winner
 *
 * KD_SCAN_SINGLE scores a one-word mention found alone in prose.
 * kd_compare's name score is built for full names: a lone surname
 * against "LAVROV, Sergei Viktorovich" covers a third of the list side
 * and scores about 0.69, so a stricter single-word threshold could never
 * be met by it. A single word is instead scored by how specific it is:
 *
 *     single = sqrt(min(1, idf / 9))   (x 0.9 for a weakAlias)
 *
 * when it is spelled exactly as a listed word that is rare in the lists
 * (idf >= 8: at most ~20 name records use it); 9 nats is kd_compare's
 * INFO_MIN. Exact spelling only: alone, a skeleton match is too often an
 * ordinary word (German "Kosten" ~ KOSTIN, "Stadt" ~ STAUT). A person is
 * referred to by one word of a name of two or more words (not by a
 * one-word alias such as a hacker handle "STAFF"); an organisation or
 * vessel only by its whole one-word name (HAMAS). The caller
 * (text_scan.c) applies the stricter single-word threshold and keeps
 * common words, names and sentence-initial words away from this path.
 *
 * KD_SCAN_PROSE is KD_SCAN_MULTI for a span found in running text, where
 * a run of capitalised words is often ordinary nouns that happen to
 * occur in some long organisation name ("Energie Gas" ~ CENTREX EUROPE
 * ENERGY AND GAS AG), which kd_compare forgives because unmatched list
 * words are cheap for a screening query. So, in this order (cheapest
 * first):
 *   - one pair must be strong: a mention word that is not a place or
 *     function word, spelled as a rare listed word (idf >= 7) or with
 *     its skeleton (putin, lawrow ~ lavrov, jong), not merely within
 *     edit distance ("Größe" ~ CROSSE);
 *   - every word of the span must match a listed word (shorter spans
 *     are scored too: "Präsident Wladimir Putin" yields "Wladimir
 *     Putin"), a listed initial only an initial ("Energie" is no E.);
 *   - the mention must account for COVER_MIN (50%) of the listed
 *     name's weight ("Wladimir Putin" covers ~2/3 of PUTIN, Vladimir
 *     Vladimirovich).
 *
 * KD_SCAN_FULL is a prose span of common list words ("Kim Yong Chol",
 * "Mohammad Ahmadi": no word rare enough for a strong pair) that the
 * text scanner found to be a name by language evidence. Persons only
 * (a company's generic words, Buenos Aires, Liberación Nacional, are
 * left to KD_SCAN_PROSE and its strong pair). It is scored
 * as kd_screen scores it (kd__candidates, every shared index key), and
 * then, as a prose span, both sides must have two name words or more
 * (not counting legal forms: "Martin SARL" is no full name), every word
 * must match a listed word and the mention must account for
 * FULL_COVER_MIN (60%: given name and surname without the patronymic)
 * of the listed name: a full name, not two common parts of a longer one.
 *
 * In both prose modes (not KD_SCAN_F_LEGACY) no mention word may be
 * matched loosely: by skeleton alone while it or its listed word is a
 * short syllable of <= 3 letters (Yao ~ ZHAO, Cho ~ CHU, Boyuan ~ BUN:
 * skeletons of different short syllables collide), unless the two are
 * romanisations of one Korean syllable (Gim/KIM, Park/PAK, Yi/RI; see
 * same_syllable). KD_SCAN_FULL takes no weakAlias: a span of common
 * words that only a weak alias has is no evidence of the person.
 *
 * `also` holds runners-up at or above the threshold and within 0.15 of
 * the best (the same person on other lists, not every namesake). The caller (text_scan.c) applies the stricter single-word
 * threshold and keeps common words and names away from this path.
 *
 * Results are cached per kd_scan call (names repeat within a document):
 * the map key is mode + name, the value lives in the call's pool.
 */
#include "scan/scan_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SINGLE_IDF_MIN 8.0
#define INFO_FULL 9.0
#define ALSO_WITHIN 0.15
#define COVER_MIN 0.50
#define FULL_COVER_MIN 0.60
#define STRONG_IDF 7.0
#define PROSE_RECORDS_MAX 150
#define MAX_QV (KD_NAME_MAX_VARS)

struct ent_score {
	uint32_t ent;
	double score;
	uint32_t rec, var;
	size_t q;
	int single; /* scored by the single-word formula */
};

/* Words of a name other than legal forms ("LLC", "Ltd"). */
static size_t name_words(const struct kd_qvar *v)
{
	size_t t, n = 0;
	for (t = 0; t < v->ntok; t++)
		n += v->toks[t].kind != KD_TOK_LEGAL;
	return n;
}

/* A single word against one listed variant (see the file comment). */
static double single_score(const struct kd_qvar *q, const struct kd_qvar *lv,
			   kd_schema schema)
{
	const struct kd_qtok *w = &q->toks[0];
	size_t t, words = name_words(lv);
	double best = 0;
	if (q->ntok != 1 || words == 0)
		return 0;
	/* a person is named by one of several words; an organisation or
	 * vessel only by its whole (one-word) name */
	if (schema == KD_SCHEMA_PERSON ? words < 2 : words != 1)
		return 0;
	for (t = 0; t < lv->ntok; t++) {
		const struct kd_qtok *lt = &lv->toks[t];
		double idf = lt->idf;
		if (lt->kind != KD_TOK_WORD || lt->len < 3 ||
		    idf < SINGLE_IDF_MIN || lt->len != w->len ||
		    memcmp(lt->s, w->s, w->len) != 0)
			continue;
		idf = sqrt(idf >= INFO_FULL ? 1.0 : idf / INFO_FULL);
		if (idf > best)
			best = idf;
	}
	return best;
}

/* Is there a strong pair: a mention word (not a place or function word)
 * spelled as, or with the skeleton of, a listed word that is rare
 * (idf >= STRONG_IDF)? */
static int strong_pair(const struct kd_qvar *q, const struct kd_qvar *lv)
{
	size_t i, j;
	for (i = 0; i < q->ntok; i++) {
		const struct kd_qtok *a = &q->toks[i];
		int lex;
		if (a->kind != KD_TOK_WORD || a->len < 2)
			continue;
		lex = kd__lex_class(a->s);
		if (lex == KD_LEX_PLACE || lex == KD_LEX_STOP)
			continue;
		for (j = 0; j < lv->ntok; j++) {
			const struct kd_qtok *l = &lv->toks[j];
			if (l->kind != KD_TOK_WORD || l->idf < STRONG_IDF)
				continue;
			if ((a->len == l->len && memcmp(a->s, l->s, a->len) == 0) ||
			    (a->skel_len && a->skel_len == l->skel_len &&
			     memcmp(a->skel, l->skel, a->skel_len) == 0))
				return 1;
		}
	}
	return 0;
}

/* Is mention token a the listed tokens j and j + 1 written as one word
 * (Korean given names: "wonuk" for WON UK, "jongsik" for JONG SIK)? */
static int joined_pair(const struct kd_qtok *a, const struct kd_qvar *lv,
		       size_t j)
{
	const struct kd_qtok *x = &lv->toks[j], *y;
	if (j + 1 >= lv->ntok)
		return 0;
	y = &lv->toks[j + 1];
	return x->kind == KD_TOK_WORD && y->kind == KD_TOK_WORD &&
	       x->len >= 2 && y->len >= 2 &&
	       (size_t)x->len + y->len == a->len &&
	       memcmp(a->s, x->s, x->len) == 0 &&
	       memcmp(a->s + x->len, y->s, y->len) == 0;
}

/* Does every word of the mention (not particles or legal forms) match a
 * listed word (an initial only an initial)? */
static int all_matched(const struct kd_qvar *q, const struct kd_qvar *lv)
{
	size_t i, j;
	const char *how;
	for (i = 0; i < q->ntok; i++) {
		const struct kd_qtok *a = &q->toks[i];
		int ok = 0;
		if (a->kind == KD_TOK_PARTICLE || a->kind == KD_TOK_LEGAL)
			continue;
		for (j = 0; j < lv->ntok && !ok; j++) {
			const struct kd_qtok *l = &lv->toks[j];
			if (l->len == 1 && a->len > 1)
				continue;
			ok = kd__token_sim(a, l, &how) >= 0.6 ||
			     joined_pair(a, lv, j);
		}
		if (!ok && i + 1 < q->ntok) {
			/* "jong un" may be listed as one word */
			char jt[64], js[64];
			struct kd_qtok jq = *a;
			size_t n = (size_t)a->len + q->toks[i + 1].len;
			if (n < sizeof(jt)) {
				memcpy(jt, a->s, a->len);
				memcpy(jt + a->len, q->toks[i + 1].s,
				       q->toks[i + 1].len);
				jt[n] = '\0';
				jq.s = jt;
				jq.len = (uint16_t)n;
				jq.skel = js;
				jq.skel_len = (uint16_t)kd__skeleton(js, sizeof(js),
								     jt, n);
				for (j = 0; j < lv->ntok && !ok; j++)
					ok = kd__token_sim(&jq, &lv->toks[j],
							   &how) >= 0.8;
				if (ok)
					i++;
			}
		}
		if (!ok)
			return 0;
	}
	return 1;
}

/* Share of a listed name's weight that the mention accounts for: each
 * listed token counts with its best similarity to a mention token (a
 * listed initial only with an initial). */
static double coverage(const struct kd_qvar *q, const struct kd_qvar *lv)
{
	size_t i, j;
	double got = 0, all = 0;
	const char *how;
	for (j = 0; j < lv->ntok; j++) {
		const struct kd_qtok *l = &lv->toks[j];
		double best = 0;
		if (l->kind == KD_TOK_LEGAL)
			continue;
		for (i = 0; i < q->ntok; i++) {
			double sim;
			if (l->len == 1 && q->toks[i].len > 1)
				continue;
			sim = kd__token_sim(&q->toks[i], l, &how);
			if (joined_pair(&q->toks[i], lv, j) ||
			    (j > 0 && joined_pair(&q->toks[i], lv, j - 1)))
				sim = 1;
			if (sim >= 0.6 && sim > best)
				best = sim;
		}
		got += l->w * best;
		all += l->w;
	}
	return all > 0 ? got / all : 0;
}

/* Short syllables that differ only as romanisations of one Korean
 * syllable do: a voiced or unvoiced onset (gim/kim, bak/pak, dong/
 * tong), l or r (lee/ree), the initial r dropped before i (yi/ri), a
 * long i written ee (lee/ri), eo/o (seok/sok), oo/u (yoon/yun), oi/oe
 * (choi/choe), ar/a before a consonant (park/pak). Compared after
 * folding those. */
static size_t syl_fold(char *o, const char *s, size_t n)
{
	size_t i, k = 0;
	for (i = 0; i < n && k < 7; i++) {
		char ch = s[i];
		if (i == 0)
			ch = ch == 'g' ? 'k' : ch == 'b' ? 'p' : ch == 'd' ? 't'
			   : ch == 'l' ? 'r' : ch;
		if (i == 0 && ch == 'y' && n > 1 && s[1] == 'i')
			ch = 'r';
		if (ch == 'e' && i + 1 < n && s[i + 1] == 'e') {
			ch = 'i';
			i++;
		} else if (i + 1 < n && ((ch == 'e' && s[i + 1] == 'o') ||
					 (ch == 'o' && s[i + 1] == 'o'))) {
			ch = ch == 'e' ? 'o' : 'u'; /* seok/sok, yoon/yun */
			i++;
		} else if (ch == 'i' && k > 0 && o[k - 1] == 'o') {
			ch = 'e'; /* choi/choe */
		} else if (ch == 'r' && k > 0 && o[k - 1] == 'a' &&
			   i + 1 < n && !strchr("aeiouy", s[i + 1])) {
			continue; /* park/pak */
		}
		o[k++] = ch;
	}
	return k;
}

static int same_syllable(const struct kd_qtok *a, const struct kd_qtok *b)
{
	char x[8], y[8];
	size_t nx, ny;
	if (a->len > 6 || b->len > 6)
		return 0;
	nx = syl_fold(x, a->s, a->len);
	ny = syl_fold(y, b->s, b->len);
	return nx == ny && memcmp(x, y, nx) == 0;
}

/* Is a mention word matched only loosely: its best listed word agrees
 * by skeleton alone (not spelling or edit distance) while the word is a
 * short syllable (<= 3 letters: cho ~ chu, yao ~ zhao, xi ~ shi, where
 * skeletons of different names collide), or is matched to one
 * (boyuan ~ bun), and the two are not romanisations of one Korean
 * syllable (same_syllable)? In prose such a pair is no evidence of the
 * listed name. */
static int loose_pair(const struct kd_qvar *q, const struct kd_qvar *lv)
{
	size_t i, j;
	for (i = 0; i < q->ntok; i++) {
		const struct kd_qtok *a = &q->toks[i], *bl = NULL;
		const char *how, *bhow = "";
		double best = 0;
		if (a->kind != KD_TOK_WORD || a->len < 2)
			continue;
		for (j = 0; j < lv->ntok; j++) {
			const struct kd_qtok *l = &lv->toks[j];
			double sim;
			if (l->len < 2)
				continue;
			sim = kd__token_sim(a, l, &how);
			if (sim > best) {
				best = sim;
				bhow = how;
				bl = l;
			}
		}
		if (bl == NULL || strcmp(bhow, "skeleton") != 0 ||
		    (a->len > 3 && bl->len > 3) || same_syllable(a, bl))
			continue;
		return 1;
	}
	return 0;
}

/* Best name comparison of entity ei (hit records only). */
static void score_entity(struct ent_score *out, const struct kd_index *m,
			 const struct kd_cand_set *hits,
			 const struct kd_qvar *qv, size_t nq, uint32_t ei,
			 unsigned mode, double min, int legacy)
{
	struct kd_name_cmp c;
	struct kd_qvar lv;
	uint32_t k, v, end, first;
	size_t q;
	memset(out, 0, sizeof(*out));
	out->ent = ei;
	end = kd__index_ent_recs(m, ei, &first) + first;
	for (k = first; k < end; k++) {
		const struct kd_mname *rec = kd__index_rec(m, k);
		if (!kd__cand_hit(hits, k))
			continue;
		for (v = 0; v < rec->nvar; v++) {
			kd__qvar_from_list(&lv, m, kd__index_var(m, rec, v));
			for (q = 0; q < nq; q++) {
				double s;
				if (mode == KD_SCAN_SINGLE) {
					s = single_score(&qv[q], &lv,
							 kd__index_ent(m, ei)->schema);
				} else if (mode == KD_SCAN_PROSE &&
					   !strong_pair(&qv[q], &lv)) {
					s = 0; /* cheap test first */
				} else {
					kd__compare_vars(&c, &qv[q], &lv, 0);
					s = c.score;
					if (mode == KD_SCAN_PROSE && s >= min &&
					    s > out->score &&
					    (!all_matched(&qv[q], &lv) ||
					     coverage(&qv[q], &lv) < COVER_MIN))
						s = 0;
					if (mode == KD_SCAN_FULL && s >= min &&
					    s > out->score &&
					    (kd__index_ent(m, ei)->schema !=
						     KD_SCHEMA_PERSON ||
					     name_words(&qv[q]) < 2 ||
					     name_words(&lv) < 2 ||
					     !all_matched(&qv[q], &lv) ||
					     coverage(&qv[q], &lv) < FULL_COVER_MIN ||
					     rec->weak || loose_pair(&qv[q], &lv)))
						s = 0;
					if (mode == KD_SCAN_PROSE && !legacy &&
					    s >= min && s > out->score &&
					    loose_pair(&qv[q], &lv))
						s = 0;
				}
				s *= rec->weak ? 0.9 : 1.0;
				if (s > out->score) {
					out->score = s;
					out->rec = k;
					out->var = v;
					out->q = q;
					out->single = mode == KD_SCAN_SINGLE;
				}
			}
		}
	}
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : (x > y);
}

/* Prose spans: only records that can hold a strong pair are worth a
 * comparison, i.e. those sharing the skeleton of a mention word: the
 * "=skel" postings of the span's words (a very long list means a common
 * skeleton, which cannot make a strong pair on its own). Much cheaper
 * than kd__candidates' deletion keys for every word. Records are
 * numbered in entity order, so sorted records group by entity. */
static int prose_scores(struct ent_score **out, size_t *nout,
			const struct kd_index *m, struct kd_qvar *qv,
			size_t nq, double min, unsigned mode, int legacy,
			struct kd_simcache *sim)
{
	uint32_t *recs = NULL;
	struct ent_score *es = NULL;
	size_t nrec = 0, cap = 0, q, t, i, n = 0;
	int err = 0;
	*out = NULL;
	*nout = 0;
	/* the posting lists of rare mention words, shortest first, until
	 * PROSE_RECORDS_MAX records */
	{
		const uint32_t *lists[32];
		uint32_t lens[32];
		size_t nl = 0, k, total = 0;
		for (q = 0; q < nq; q++)
			for (t = 0; t < qv[q].ntok && nl < 32; t++) {
				const struct kd_qtok *a = &qv[q].toks[t];
				uint32_t np;
				int lex;
				if (a->kind != KD_TOK_WORD || a->len < 2 ||
				    (mode == KD_SCAN_PROSE && a->idf < STRONG_IDF) ||
				    a->skel_len == 0 ||
				    a->skel_len > 64)
					continue;
				lex = kd__lex_class(a->s);
				if (lex == KD_LEX_PLACE || lex == KD_LEX_STOP)
					continue;
				lists[nl] = kd__index_lookup_skel(m, a->skel,
								  a->skel_len, &np);
				lens[nl] = np;
				if (np)
					nl++;
			}
		while (nl) {
			size_t best = 0;
			for (k = 1; k < nl; k++)
				if (lens[k] < lens[best])
					best = k;
			if (total && total + lens[best] > PROSE_RECORDS_MAX)
				break;
			KD_FORWARD(kd__grow((void **)&recs, &cap,
					    nrec + lens[best], sizeof(*recs)));
			memcpy(recs + nrec, lists[best],
			       lens[best] * sizeof(*recs));
			nrec += lens[best];
			total += lens[best];
			lists[best] = lists[nl - 1];
			lens[best] = lens[--nl];
		}
	}
	if (nrec == 0)
		goto done;
	qsort(recs, nrec, sizeof(*recs), cmp_u32);
	es = kd__calloc(nrec, sizeof(*es));
	KD_CHECK_ALLOC(es);
	kd__simcache_begin(sim, qv, nq);
	for (i = 0; i < nrec; i++) {
		const struct kd_mname *rec = kd__index_rec(m, recs[i]);
		struct kd_qvar lv;
		uint32_t v;
		if (i > 0 && recs[i] == recs[i - 1])
			continue;
		if (n == 0 || es[n - 1].ent != rec->entity) {
			if (n && es[n - 1].score <= 0)
				n--; /* reuse the slot of a zero score */
			memset(&es[n], 0, sizeof(es[n]));
			es[n++].ent = rec->entity;
		}
		for (v = 0; v < rec->nvar; v++) {
			kd__qvar_from_list(&lv, m, kd__index_var(m, rec, v));
			for (q = 0; q < nq; q++) {
				struct kd_name_cmp c;
				struct ent_score *e = &es[n - 1];
				double sc;
				if (mode == KD_SCAN_SINGLE) {
					sc = single_score(&qv[q], &lv,
							  kd__index_ent(m, rec->entity)->schema) *
					     (rec->weak ? 0.9 : 1.0);
					if (sc > e->score) {
						e->score = sc;
						e->rec = recs[i];
						e->var = v;
						e->q = q;
						e->single = 1;
					}
					continue;
				}
				if (!strong_pair(&qv[q], &lv))
					continue;
				if (!legacy && name_words(&qv[q]) < 2)
					continue; /* "Martin SARL": one word */
				kd__compare_vars(&c, &qv[q], &lv, 0);
				sc = c.score * (rec->weak ? 0.9 : 1.0);
				if (sc < min || sc <= e->score ||
				    !all_matched(&qv[q], &lv) ||
				    coverage(&qv[q], &lv) < COVER_MIN ||
				    (!legacy && loose_pair(&qv[q], &lv)))
					continue;
				e->score = sc;
				e->rec = recs[i];
				e->var = v;
				e->q = q;
			}
		}
	}
	if (n && es[n - 1].score <= 0)
		n--;
	*out = es;
	*nout = n;
	es = NULL;
done:
	kd__free(es);
	kd__free(recs);
	return err;
}

static void explain(struct kd_scan_match *out, const struct kd_index *m,
		    const struct kd_qvar *qv, const struct ent_score *b)
{
	struct kd_qvar lv;
	const struct kd_mname *rec = kd__index_rec(m, b->rec);
	if (b->single) {
		out->feature = "single_token";
		snprintf(out->detail, sizeof(out->detail),
			 "'%.*s' alone: a rare listed word (idf-based score)",
			 (int)qv[b->q].toks[0].len, qv[b->q].toks[0].s);
		return;
	}
	kd__qvar_from_list(&lv, m, kd__index_var(m, rec, b->var));
	{
		struct kd_name_cmp c;
		kd__compare_vars(&c, &qv[b->q], &lv, 1);
		out->feature = rec->weak ? "weak_alias_match" : "name_match";
		memcpy(out->detail, c.detail, sizeof(out->detail));
	}
}

static int cmp_score(const void *a, const void *b)
{
	const struct ent_score *x = a, *y = b;
	if (x->score != y->score)
		return x->score < y->score ? 1 : -1;
	return x->ent < y->ent ? -1 : (x->ent > y->ent);
}

/* Compute (uncached). */
static int score_name(struct kd_scan_match *out, struct kd_scan_ctx *c,
		      const char *name, size_t len, unsigned mode)
{
	const struct kd_index *m = c->ix;
	struct kd_name *nm = NULL;
	struct kd_qvar *qv = NULL;
	struct kd_cand *cands = NULL;
	struct kd_cand_set cs;
	struct ent_score *es = NULL;
	size_t nq = 0, ncand = 0, i, n = 0;
	int err = 0;

	memset(out, 0, sizeof(*out));
	out->ent = UINT32_MAX;
	KD_FORWARD(kd__name_analyze(&nm, name, len, KD_NAME_ORG));
	if (nm->nvars == 0)
		goto done;
	qv = kd__malloc(MAX_QV * sizeof(*qv));
	KD_CHECK_ALLOC(qv);
	for (i = 0; i < nm->nvars && nq < MAX_QV; i++)
		if (nm->vars[i].ntok)
			kd__qvar_from(&qv[nq++], m, &nm->vars[i]);
	if (nq == 0)
		goto done;
	if (mode == KD_SCAN_PROSE || mode == KD_SCAN_SINGLE) {
		KD_FORWARD(prose_scores(&es, &n, m, qv, nq,
					c->threshold * 0.9, mode,
					(c->flags & KD_SCAN_F_LEGACY) != 0,
					c->sctx->sim));
		if (n == 0)
			goto done;
		goto ranked;
	}
	KD_FORWARD(kd__candidates(&cs, &c->sctx->cand, m, qv, nq, NULL, 0,
				  KD_CANDIDATES, NULL));
	cands = cs.c;
	ncand = cs.n;
	if (ncand == 0)
		goto done;
	es = kd__malloc(ncand * sizeof(*es));
	KD_CHECK_ALLOC(es);
	kd__simcache_begin(c->sctx->sim, qv, nq);
	for (i = 0; i < ncand; i++) {
		score_entity(&es[n], m, &cs, qv, nq, cands[i].entity, mode,
			     c->threshold * 0.9,
			     (c->flags & KD_SCAN_F_LEGACY) != 0);
		if (es[n].score > 0)
			n++;
	}
	if (n == 0)
		goto done;
ranked:
	qsort(es, n, sizeof(*es), cmp_score);
	out->ent = es[0].ent;
	out->score = es[0].score > 1 ? 1 : es[0].score;
	for (i = 1; i < n && out->nalso < KD_SCAN_MAX_ALSO; i++) {
		double need = es[i].single ? c->single_threshold : c->threshold;
		if (es[i].score < need || es[i].score < es[0].score - ALSO_WITHIN)
			break;
		out->also[out->nalso] = es[i].ent;
		out->also_score[out->nalso++] =
			es[i].score > 1 ? 1 : es[i].score;
	}
	explain(out, m, qv, &es[0]);
done:
	kd__free(es);
	kd__free(cands);
	kd__free(qv);
	kd__name_free(nm);
	return err;
}

int kd__scan_score(const struct kd_scan_match **out, struct kd_scan_ctx *c,
		   const char *name, size_t len, unsigned mode)
{
	char keybuf[256];
	struct kd_scan_match *r;
	char *key;
	int err;
	*out = NULL;
	if (len + 3 > sizeof(keybuf))
		len = sizeof(keybuf) - 3;
	keybuf[0] = (char)('0' + mode);
	keybuf[1] = '|';
	memcpy(keybuf + 2, name, len);
	keybuf[len + 2] = '\0';
	r = kd__map_get(&c->cache, keybuf);
	if (r != NULL) {
		*out = r;
		return 0;
	}
	r = kd__pool_alloc(c->pool, sizeof(*r));
	key = kd__pool_strndup(c->pool, keybuf, len + 2);
	if (r == NULL || key == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	if ((err = score_name(r, c, name, len, mode)) < 0)
		return err;
	if ((err = kd__map_put(&c->cache, key, r)) < 0)
		return err;
	*out = r;
	return 0;
}
