/*
 * compare.c - how two names compare: tokens aligned, the name score and
 * its features. How two tokens compare is token_sim.c, the memo of their
 * similarities simcache.c (compare_int.h), the tokens' weights qvar.c.
 *
 * Alignment ignores order: all token pairs, plus adjacent short tokens
 * joined on either side ("jong un" vs "jongun"), are ranked by weighted
 * similarity and taken greedily without reusing a token.
 *
 * Name score: with w = rarity x kind weights,
 *     Sq = sum(w_q * sim) / sum(w_q)   over query tokens
 *     Sl = sum(w_l * sim) / sum(w_l)   over list tokens
 *     score = Sq * Sl^0.35 * info_penalty
 * so an unmatched query token costs much more than an unmatched list token
 * (lists carry patronymics and second names the query lacks), and a match
 * built only of common tokens (information below ~9 nats) is damped. For
 * a listed person, a common name (little information among people in
 * general) that accounts for only part of the listed name is damped too
 * (common_name below).
 */
#include "compare_int.h"
#include "model/model.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JOIN_MIN KD_JOIN_MIN
#define LIST_EXP KD_W_LIST_EXP
#define INFO_MIN 9.0

struct kd_person_weights kd__pw = { KD_W_COMMON_INFO,     KD_W_COMMON_EXP,
				    KD_W_WORD_TO_INITIAL, KD_W_SYL_EXTRA_FACTOR,
				    KD_W_CLASS_SHARE,     KD_W_NAME_COOC };

/* ---- alignment ---------------------------------------------------------------------- */

struct pair {
	uint8_t qa, qb, la, lb; /* token ranges [a, b] on each side */
	float sim, key;
	const char *how;
};

#define MAX_PAIRS 1024

/* Adjacent tokens that may be one word written apart ("jong un",
 * "al sehri", "smp severodvinsk"). */
static int joinable(const struct kd_qtok *a, const struct kd_qtok *b)
{
	/* a generic word of an organisation's name too (Gaz Group,
	 * GazGroup) */
	return (a->kind == KD_TOK_WORD || a->kind == KD_TOK_PARTICLE ||
		a->kind == KD_TOK_GENERIC) &&
	       (b->kind == KD_TOK_WORD || b->kind == KD_TOK_GENERIC) &&
	       a->len + b->len <= 30;
}

/* A pair matched by the Sino-Korean reading or the Mandarin sound in
 * Hangul of a Chinese name (token_sim.c, sino_korean.c) */
static int sino(const char *how)
{
	return (how[0] == 's' && how[1] == 'i' &&
		strcmp(how, "sino-korean") == 0) ||
	       (how[0] == 'm' && how[1] == 'a' &&
		strcmp(how, "mandarin-hangul") == 0);
}

/* ... of a single Hangul syllable: those meet by chance (below) */
static int sino_syllable(const struct pair *p, const struct kd_qvar *q)
{
	return sino(p->how) && p->qa == p->qb && p->la == p->lb &&
	       (q->toks[p->qa].flags & KD_TF_SYL);
}

/* The explanation of a joined pair: how a reading matched (Sino-Korean,
 * Mandarin in Hangul), else "joined" */
static const char *joined_how(const char *how)
{
	return sino(how) ? how : "joined";
}

/* A Chinese name of two syllables (surname and a one-syllable given
 * name: Lu Mao, Wang Fu) in Korean reading, two Hangul syllables (육모,
 * 왕보): no word of two syllables vouches for the reading, but the whole
 * name does: each of the two syllables reads as a different one of the
 * two listed words (a crossing pair too: Fu Wang). The caller checks
 * that both names have two tokens. */
static int sino_whole(const struct pair *p, size_t np)
{
	unsigned q0 = 0, q1 = 0; /* bit j: syllable 0/1 reads as word j */
	size_t i;
	for (i = 0; i < np; i++)
		if (sino(p[i].how) && p[i].qa == p[i].qb &&
		    p[i].la == p[i].lb && p[i].la < 2) {
			if (p[i].qa == 0)
				q0 |= 1u << p[i].la;
			else if (p[i].qa == 1)
				q1 |= 1u << p[i].la;
		}
	return ((q0 & 1) && (q1 & 2)) || ((q0 & 2) && (q1 & 1));
}

/* A word read from a script that writes its vowels begins with a
 * consonant (not h, y, w: those a reading adds or drops) where the
 * Latin word begins with a vowel: the script wrote a first sound the
 * Latin name lacks (Santanu ~ Antonio, Rajendra ~ Andrey). */
static int lost_onset(const struct kd_qtok *rd, const struct kd_qtok *lat)
{
	return rd->len > 0 && lat->len > 0 &&
	       strchr("aeiouyhw", rd->s[0]) == NULL &&
	       strchr("aeiou", lat->s[0]) != NULL;
}

/*
 * A name read from a script that writes its vowels (Devanagari, Bengali
 * ...: kd_qvar.vowels of the query side; kd_compare sets it on both
 * sides when either name is so read) matched a word by consonant sound
 * alone: right for a script that writes no vowels, too loose for these
 * (Madhu ~ Majdi, Mani ~ Muna). When the vowels its script wrote
 * disagree (kd__vowel_cost reaches vowel_cost_max), the pair counts as
 * spelling only: the similarity without the sound comparison. So does
 * a joined pair (`joined`: t or u is two words written as one,
 * kd__joined_sim): these scripts write their word breaks, and two words
 * that sound like one only by their consonants (Hari Ukyav ~ Chirikov)
 * are no evidence.
 */
static double vowels_checked(const struct kd_qtok *t, const struct kd_qtok *u,
			     double s, const char **how, int joined)
{
	const struct kd_qtok *rd = (t->flags & KD_TF_READ) ? t : u;
	const struct kd_qtok *lat = rd == t ? u : t;
	struct kd_qtok a = *t, b = *u;
	if (s <= 0 || (*how)[0] != 'p' || strcmp(*how, "phonetic") != 0 ||
	    (!joined && !lost_onset(rd, lat) &&
	     kd__vowel_cost(rd->s, rd->len, lat->s, lat->len) <
		     KD_W_VOWEL_COST_MAX))
		return s;
	a.flags &= (uint8_t)~KD_TF_READ;
	b.flags &= (uint8_t)~KD_TF_READ;
	return joined ? kd__token_sim_full(&a, &b, how, 0, JOIN_MIN)
		      : kd__token_sim_full(&a, &b, how, 1, 0);
}

/* vowels_checked() on the word pairs of a comparison, after they are
 * made (the hot loop stays as it is: names read from those scripts are
 * few): a pair it takes below SIM_MIN is dropped, as add_pair() would
 * have; a pair whose vowels agree is kept as add_pair() made it. */
static void vowels_recheck(struct pair *p, size_t *np, const struct kd_qvar *q,
			   const struct kd_qvar *l)
{
	size_t i, k = 0;
	for (i = 0; i < *np; i++) {
		struct pair x = p[i];
		const char *how = x.how;
		double s;
		if (how[0] != 'p') {
			p[k++] = x;
			continue;
		}
		s = vowels_checked(&q->toks[x.qa], &l->toks[x.la], x.sim, &how,
				   0);
		if (how == x.how && s == (double)x.sim) {
			p[k++] = x;
			continue;
		}
		if (s < SIM_MIN)
			continue;
		x.sim = (float)s;
		x.key = (float)(s * (0.5 + q->toks[x.qa].w));
		x.how = how;
		p[k++] = x;
	}
	*np = k;
}

/* Build a joined token of t[i] t[i+1] in caller storage. It has no
 * skeleton: kd__joined_sim() compares spellings only. */
static void join_tok(struct kd_qtok *out, char *text, const struct kd_qtok *t)
{
	size_t n = (size_t)t[0].len + t[1].len;
	memcpy(text, t[0].s, t[0].len);
	memcpy(text + t[0].len, t[1].s, t[1].len);
	text[n] = '\0';
	out->s = text;
	out->len = (uint16_t)n;
	out->skel_len = 0;
	out->skel = "";
	out->kind = KD_TOK_WORD;
	out->flags = t[0].flags | t[1].flags;
	out->id = UINT32_MAX;
	out->w = t[0].w + t[1].w;
	out->idf = t[0].idf > t[1].idf ? t[0].idf : t[1].idf;
	out->pinfo = t[0].pinfo + t[1].pinfo;
}

/* (i, j) to the next pair of an n x m loop run as one, j the inner
 * index; with a mask, not a branch (which turn wraps is not predictable,
 * and GCC makes a branch of a conditional expression here) */
static void next_pair(size_t *i, size_t *j, size_t m)
{
	size_t wrap = *j + 1 == m;
	*j = (*j + 1) & (wrap - 1); /* 0 after m - 1 */
	*i += wrap;
}

/* Insertion sort, best first: a handful of pairs per comparison. */
static void sort_pairs(struct pair *p, size_t n)
{
	size_t i, j;
	for (i = 1; i < n; i++) {
		struct pair x = p[i];
		for (j = i; j > 0 && p[j - 1].key < x.key; j--)
			p[j] = p[j - 1];
		p[j] = x;
	}
}

static void add_pair(struct pair *p, size_t *np, int qa, int qb, int la, int lb,
		     double sim, const char *how, double w)
{
	int joined = qa != qb || la != lb;
	if (sim < (joined ? JOIN_MIN : SIM_MIN) || *np >= MAX_PAIRS)
		return;
	if (joined)
		w *= 0.45; /* per token: never outranks two exact pairs */
	p[*np].qa = (uint8_t)qa;
	p[*np].qb = (uint8_t)qb;
	p[*np].la = (uint8_t)la;
	p[*np].lb = (uint8_t)lb;
	p[*np].sim = (float)sim;
	p[*np].key = (float)(sim * (0.5 + w));
	p[*np].how = how;
	(*np)++;
}

KD_COLD void kd__append_detail(char *d, size_t cap, const struct kd_qtok *q,
			       size_t qa, size_t qb, const struct kd_qtok *l,
			       size_t la, size_t lb, const char *how)
{
	size_t off = strlen(d), i;
	char qs[64] = "", ls[64] = "";
	for (i = qa; i <= qb; i++)
		snprintf(qs + strlen(qs), sizeof(qs) - strlen(qs), "%s%.*s",
			 i > qa ? " " : "", (int)q[i].len, q[i].s);
	for (i = la; i <= lb; i++)
		snprintf(ls + strlen(ls), sizeof(ls) - strlen(ls), "%s%.*s",
			 i > la ? " " : "", (int)l[i].len, l[i].s);
	if (off + 4 >= cap)
		return;
	if (strcmp(how, "exact") == 0)
		snprintf(d + off, cap - off, "%s'%s'", off ? ", " : "", qs);
	else
		snprintf(d + off, cap - off, "%s'%s'~'%s' %s", off ? ", " : "",
			 qs, ls, how);
}

/* A lineage particle: bin/ibn/ben/ould (canonical "bin") or bint. */
static int lineage(const struct kd_qtok *t)
{
	return t->kind == KD_TOK_PARTICLE &&
	       ((t->len == 3 && memcmp(t->s, "bin", 3) == 0) ||
		(t->len == 4 && memcmp(t->s, "bint", 4) == 0));
}

/*
 * In a nasab (Khalid bin Hamad: Khalid, son of Hamad) the order is the
 * identity: Hamad bin Khalid is the father's name turned round. A
 * conflict is a query "X bin Y" whose X and Y are matched to list parts
 * in the other order with a lineage particle between them.
 */
static int order_conflict(const struct kd_qvar *q, const struct kd_qvar *l,
			  const int *qm)
{
	size_t i;
	int j;
	for (i = 1; i + 1 < q->ntok; i++) {
		int x = qm[i - 1], y = qm[i + 1];
		if (!lineage(&q->toks[i]) || x < 0 || y < 0 || x <= y)
			continue;
		for (j = y + 1; j < x; j++)
			if (lineage(&l->toks[j]))
				return 1;
	}
	return 0;
}

/*
 * Legal forms (src/text/tokens.c): a LEGAL token's text is its class
 * (llc, jsc), its skeleton the specific form (gmbh, ooo, sdnbhd, ltd).
 * Forms of one class agree (GmbH = Gesellschaft mit beschränkter Haftung
 * = LLC); an English form that translates any country's form (LLC, Ltd,
 * JSC, Inc) agrees with every form. When each name carries a specific
 * form the other lacks (GmbH vs Sdn Bhd, OOO vs Sp. z o.o.; also beside a
 * shared one: PAO X KK vs PAO X Zrt.), the same core name belongs to
 * companies of different countries: evidence against (legal_form).
 */
static int legal_specific(const struct kd_qtok *t)
{
	char f[64];
	size_t n;
	if (t->kind != KD_TOK_LEGAL || t->skel == NULL || t->skel_len == 0)
		return 0;
	n = t->skel_len < sizeof(f) - 1 ? t->skel_len : sizeof(f) - 1;
	memcpy(f, t->skel, n);
	f[n] = '\0';
	return !kd__legal_intl(f);
}

/* The first specific form of a that b does not carry, NULL if none. */
static const struct kd_qtok *legal_unshared(const struct kd_qvar *a,
					    const struct kd_qvar *b)
{
	size_t i, j;
	for (i = 0; i < a->ntok; i++) {
		const struct kd_qtok *t = &a->toks[i];
		if (!legal_specific(t))
			continue;
		for (j = 0; j < b->ntok; j++)
			if (b->toks[j].kind == KD_TOK_LEGAL &&
			    b->toks[j].skel_len == t->skel_len &&
			    memcmp(b->toks[j].skel, t->skel, t->skel_len) == 0)
				break;
		if (j == b->ntok)
			return t;
	}
	return NULL;
}

static int legal_conflict(struct kd_name_cmp *out, const struct kd_qvar *q,
			  const struct kd_qvar *l, int detail)
{
	const struct kd_qtok *fq = legal_unshared(q, l), *fl;
	if (fq == NULL || (fl = legal_unshared(l, q)) == NULL)
		return 0;
	if (detail) {
		snprintf(out->legal_q, sizeof(out->legal_q), "%.*s",
			 (int)fq->skel_len, fq->skel);
		snprintf(out->legal_l, sizeof(out->legal_l), "%.*s",
			 (int)fl->skel_len, fl->skel);
	}
	return 1;
}

/* A name part that may count as substituted: a word read with certainty
 * (not an initial, not a reading from another script). */
static int solid(const struct kd_qtok *t)
{
	return t->kind == KD_TOK_WORD && t->len >= 3 &&
	       !(t->flags & KD_TF_READ);
}

/*
 * The listed part in the same place as unmatched query part i: the
 * place is fixed by the matched neighbours on both sides (or the
 * start/end of both names); -1 when there is none or it is matched.
 */
static int same_place(const struct kd_qvar *q, const struct kd_qvar *l,
		      const int *qm, const float *lsim, size_t i)
{
	size_t j, n = q->ntok, m = l->ntok;
	int left, right;
	if (n < 2 || m < 2)
		return -1;
	if (i == 0)
		j = 0;
	else if (qm[i - 1] >= 0 && qm[i - 1] + 1 < (int)m)
		j = (size_t)qm[i - 1] + 1;
	else
		return -1;
	if (lsim[j] >= 0)
		return -1;
	left = i == 0 ? j == 0 : qm[i - 1] == (int)j - 1;
	right = i + 1 == n ? j + 1 == m
			   : (j + 1 < m && qm[i + 1] == (int)j + 1);
	if (!left || !right || (i == 0 && i + 1 == n))
		return -1;
	return (int)j;
}

/*
 * Two parts in the same place that fell short of a match (similarity
 * under 0.60) but may be one name written two ways: one begins the
 * other (Akhund, Akhundzada; five letters or more), or their spellings are near (Dmitry
 * Borisovich KRATOV vs Dimitri Borisovich KRATOV, Lueth/Loweth:
 * subst_variant_sim). Their place vouches for them: they count as
 * matched with the similarity they have, and are not substituted. Not
 * for the syllables of a Han or Hangul name, nor a word made of them:
 * Chenbin is another given name than Chen (syllable_extra).
 */
#define SYLLABIC (KD_TF_SYL | KD_QF_HAN_WORD)
static void place_variants(struct kd_name_cmp *out, const struct kd_qvar *q,
			   const struct kd_qvar *l, int *qm, float *qsim,
			   float *lsim, int detail)
{
	size_t i;
	for (i = 0; i < q->ntok; i++) {
		const struct kd_qtok *a = &q->toks[i], *b;
		const char *how;
		double sim;
		size_t n;
		int j;
		if (qsim[i] >= 0 || !solid(a) || (a->flags & SYLLABIC) ||
		    (j = same_place(q, l, qm, lsim, i)) < 0 ||
		    !solid(b = &l->toks[j]) || (b->flags & SYLLABIC))
			continue;
		n = a->len < b->len ? a->len : b->len;
		sim = kd__token_sim_full(a, b, &how, 1, 0);
		if (n >= 5 && memcmp(a->s, b->s, n) == 0 &&
		    sim < KD_W_SUBST_VARIANT_SIM)
			sim = KD_W_SUBST_VARIANT_SIM;
		if (sim < KD_W_SUBST_VARIANT_SIM)
			continue;
		qsim[i] = lsim[j] = (float)sim;
		qm[i] = j;
		out->parts++;
		if (detail)
			kd__append_detail(out->detail, sizeof(out->detail),
					  q->toks, i, i, l->toks, (size_t)j,
					  (size_t)j, "in the same place");
	}
}

/*
 * Two parts in the same place that match nothing (Abdul Rahim KARIM Jan
 * vs Abdul Rahim SHARIF Jan) are evidence of two people, not just two
 * unmatched parts (same_place). Counted, the first pair kept for the
 * explanation (with `detail`).
 */
static int substituted(struct kd_name_cmp *out, const struct kd_qvar *q,
		       const struct kd_qvar *l, const int *qm,
		       const float *qsim, const float *lsim, int detail)
{
	size_t i;
	int count = 0, j;
	for (i = 0; i < q->ntok; i++) {
		if (qsim[i] >= 0 || !solid(&q->toks[i]) ||
		    (j = same_place(q, l, qm, lsim, i)) < 0 ||
		    !solid(&l->toks[j]))
			continue;
		if (count++ == 0 && detail)
			snprintf(out->sub_q, sizeof(out->sub_q), "%.*s",
				 (int)q->toks[i].len, q->toks[i].s),
				snprintf(out->sub_l, sizeof(out->sub_l), "%.*s",
					 (int)l->toks[j].len, l->toks[j].s);
	}
	return count;
}

/*
 * A Han or Hangul name is a family name and a given name of one or two
 * syllables: a syllable of the query that matches nothing while others
 * do (ZHANG Chang Lei vs ZHANG Lei, WANG Chen Bin vs WANG Chen) makes
 * another given name, not a middle name the list left out. The same
 * holds for a word of such a name read whole (KD_QF_HAN_WORD, set by
 * kd_screen: Kim Jiyeong Sangho vs KIM Sang-ho). Counted, the first one
 * kept for the explanation (with `detail`). The query side only: kd_compare scores both
 * directions and keeps the better one, so a pair of names is not
 * touched.
 */
static int syl_extra(struct kd_name_cmp *out, const struct kd_qvar *q,
		     const float *qsim, int detail)
{
	size_t i;
	int matched = 0, extra = 0;
	for (i = 0; i < q->ntok; i++) {
		if (!(q->toks[i].flags & (KD_TF_SYL | KD_QF_HAN_WORD)))
			continue;
		if (qsim[i] > 0) {
			matched++;
		} else if (extra++ == 0 && detail) {
			snprintf(out->extra_q, sizeof(out->extra_q), "%.*s",
				 (int)q->toks[i].len, q->toks[i].s);
		}
	}
	return matched ? extra : 0;
}

/*
 * A common name matching part of a longer listed person's name (David
 * Gonzalez ~ GONZALEZ RUIZ, David Alberto; Zhang Li ~ LI CHANG HO) is
 * weak evidence of that person: many people carry it. The information
 * the matched query words carry among people in general (namefreq.c: a
 * word at most common_word_max nats, a Han or Hangul syllable at most
 * common_syl_max ~ log of the few hundred syllables names are made of)
 * is compared with common_info, about what singles out one person; the
 * share of the listed name's weight the query accounts for (its matched
 * words, however closely; an unmatched patronymic is left out: Alexander
 * Novak is how the press names NOVAK, Alexander Valentinovich) then
 * counts with an exponent that grows as the information falls short:
 *
 *     factor = cover ^ (common_exp * (1 - info / common_info))
 *
 * A name covering the whole listed name (cover 1) or carrying enough
 * information is not touched. Persons only: a company's words are not
 * people's names.
 */
static int ends(const struct kd_qtok *t, const char *suf)
{
	size_t n = strlen(suf);
	return t->len > n + 2 && memcmp(t->s + t->len - n, suf, n) == 0;
}

/* A patronymic (Viktorovich, Ivanovna, Petrovych, Aliyev ogly): a
 * father's name the query usually leaves out, like a middle name. */
static int patronymic(const struct kd_qtok *t)
{
	return t->kind == KD_TOK_WORD &&
	       (ends(t, "vich") || ends(t, "vych") || ends(t, "vna") ||
		ends(t, "ichna") || ends(t, "ogly") || ends(t, "oglu") ||
		ends(t, "kyzy") || ends(t, "qizi"));
}

static double common_name(struct kd_name_cmp *out, const struct kd_qvar *q,
			  const struct kd_qvar *l, const float *qsim,
			  const float *lsim, double wl)
{
	double info = 0, cover = 0, top = 0, cooc = 0;
	size_t i, j, known = 0;
	for (i = 0; i < q->ntok; i++) {
		const struct kd_qtok *t = &q->toks[i];
		double x = t->pinfo > 0 ? t->pinfo : t->idf;
		if (qsim[i] <= 0 || t->kind == KD_TOK_LEGAL ||
		    t->kind == KD_TOK_PARTICLE)
			continue;
		/* a whole name word the population tables count */
		if (t->pinfo > 0 && x < KD_W_COMMON_WORD_MAX &&
		    t->kind == KD_TOK_WORD && !(t->flags & KD_TF_SYL))
			known++;
		if (x > KD_W_COMMON_WORD_MAX)
			x = KD_W_COMMON_WORD_MAX;
		if ((t->flags & KD_TF_SYL) && x > KD_W_COMMON_SYL_MAX)
			x = KD_W_COMMON_SYL_MAX;
		info += x * qsim[i];
		if (x * qsim[i] > top)
			top = x * qsim[i];
	}
	/* names of one culture go together (name_cooc): never below the
	 * best single word's information */
	if (known > 1 && kd__pw.name_cooc > 0) {
		cooc = kd__pw.name_cooc * (double)(known - 1);
		if (info - cooc < top)
			cooc = info - top > 0 ? info - top : 0;
		info -= cooc;
	}
	for (j = 0; j < l->ntok; j++) {
		if (lsim[j] > 0)
			cover += l->toks[j].w;
		else if (patronymic(&l->toks[j]))
			wl -= l->toks[j].w;
	}
	cover = wl > 0 ? cover / wl : 1;
	out->common_info = info;
	out->common_cooc = cooc;
	out->list_cover = cover;
	if (info >= kd__pw.common_info || cover >= 1 || cover <= 0)
		return 1;
	return pow(cover, kd__pw.common_exp * (1 - info / kd__pw.common_info));
}

void kd__compare_vars(struct kd_name_cmp *out, const struct kd_qvar *q,
		      const struct kd_qvar *l, int detail)
{
	struct pair pairs[MAX_PAIRS];
	struct memo_slot *slots[KD_NAME_MAX_TOKS * KD_NAME_MAX_TOKS];
	float qsim[KD_NAME_MAX_TOKS], lsim[KD_NAME_MAX_TOKS];
	uint8_t qph[KD_NAME_MAX_TOKS];
	int qm[KD_NAME_MAX_TOKS];
	char jt[KD_NAME_MAX_TOKS][32];
	struct kd_qtok joined;
	size_t np = 0, i, j, k, n = q->ntok, m = l->ntok;
	double wq = 0, wl = 0, sq = 0, sl = 0, info = 0, ph = 0, score;
	int qnum = 0, lnum = 0, nummatch = 0, sino_word = 0;
	const char *how;

	if (detail) {
		memset(out, 0, sizeof(*out));
		out->common = 1;
	} else { /* the text stays empty: no need to clear all of it */
		out->score = 0;
		out->number_mismatch = 0;
		out->order_conflict = 0;
		out->substituted = 0;
		out->syl_extra = 0;
		out->initial_only = 0;
		out->legal_conflict = 0;
		out->country = out->owner = out->plural = out->typo = 0;
		out->phonetic = 0;
		out->nickname = 0;
		out->parts = 0;
		out->sq = out->sl = out->info = out->phon = 0;
		out->common = 1;
		out->common_info = out->list_cover = 0;
		out->common_cooc = 0;
		out->detail[0] = '\0';
	}
	if (n == 0 || m == 0)
		return;
	/* the memo slots are scattered: find them all first (their cache
	 * misses overlap), then read them. Both loops run over the n x m
	 * pairs as one (next_pair()): names of one to four tokens made
	 * nested loops of a few turns each, whose ends were mispredicted
	 * (216 k of kd__compare_vars' 860 k mispredicts in bench_screen) */
	for (k = 0, i = 0, j = 0; k < n * m; k++, next_pair(&i, &j, m)) {
		slots[k] = memo_slot_of(q->memo, &q->toks[i], &l->toks[j]);
#if defined(__GNUC__)
		if (slots[k] != NULL)
			__builtin_prefetch(slots[k]);
#endif
	}
	for (k = 0, i = 0, j = 0; k < n * m; k++, next_pair(&i, &j, m)) {
		double s = sim_memo_at(q->memo, slots[k], &q->toks[i],
				       &l->toks[j], &how);
		add_pair(pairs, &np, (int)i, (int)i, (int)j, (int)j, s, how,
			 q->toks[i].w);
	}
	if (q->vowels)
		vowels_recheck(pairs, &np, q, l);
	/* joined neighbours on the query side vs list tokens */
	for (i = 0; i + 1 < n; i++) {
		size_t jl = (size_t)q->toks[i].len + q->toks[i + 1].len;
		float jw = q->toks[i].w + q->toks[i + 1].w; /* joined.w */
		int built = 0;
		if (!joinable(&q->toks[i], &q->toks[i + 1]))
			continue;
		for (j = 0; j < m; j++) {
			struct jmemo_slot *js;
			double s;
			int hit;
			if (!join_len_ok(q->memo, jl, l->toks[j].len) &&
			    !((q->toks[i].flags & q->toks[i + 1].flags &
			       KD_TF_HANGUL) &&
			      !(l->toks[j].flags & KD_TF_HANGUL)))
				continue; /* kd__joined_sim() would say 0;
					   * but two Hangul syllables and a
					   * pinyin word (sino_korean.c) */
			js = jmemo(q, &q->toks[i], &l->toks[j], NULL, &hit);
			if (hit) {
				s = js->sim;
				how = js->how;
			} else {
				if (!built) {
					join_tok(&joined, jt[i], &q->toks[i]);
					built = 1;
				}
				s = kd__joined_sim(&joined, &l->toks[j], &how);
				if (s >= JOIN_MIN && q->vowels)
					s = vowels_checked(&joined, &l->toks[j],
							   s, &how, 1);
				if (s < JOIN_MIN)
					s = kd__split_sim(&l->toks[j],
							  &q->toks[i],
							  &q->toks[i + 1]);
				jmemo_put(q, js, s, how);
			}
			add_pair(pairs, &np, (int)i, (int)i + 1, (int)j, (int)j,
				 s, joined_how(how), jw);
		}
	}
	/* joined neighbours on the list side vs query tokens */
	for (j = 0; j + 1 < m; j++) {
		size_t jl = (size_t)l->toks[j].len + l->toks[j + 1].len;
		int built = 0;
		if (!joinable(&l->toks[j], &l->toks[j + 1]))
			continue;
		for (i = 0; i < n; i++) {
			struct jmemo_slot *js;
			double s;
			int hit;
			if (!join_len_ok(q->memo, q->toks[i].len, jl))
				continue; /* kd__joined_sim() would say 0 */
			js = jmemo(q, &q->toks[i], &l->toks[j], &l->toks[j + 1],
				   &hit);
			if (hit) {
				s = js->sim;
				how = js->how;
			} else {
				if (!built) {
					join_tok(&joined, jt[j], &l->toks[j]);
					built = 1;
				}
				s = kd__joined_sim(&q->toks[i], &joined, &how);
				if (s >= JOIN_MIN && q->vowels)
					s = vowels_checked(&q->toks[i], &joined,
							   s, &how, 1);
				if (s < JOIN_MIN)
					s = kd__split_sim(&q->toks[i],
							  &l->toks[j],
							  &l->toks[j + 1]);
				jmemo_put(q, js, s, how);
			}
			add_pair(pairs, &np, (int)i, (int)i, (int)j, (int)j + 1,
				 s, joined_how(how), q->toks[i].w);
		}
	}
	sort_pairs(pairs, np);
	/* Sino-Korean readings (sino_korean.c) of single syllables meet by
	 * chance: a Korean name shares syllables with the pinyin of many
	 * (정숙 ~ Jong Su: suk/su). They count only in a name where a word of
	 * two or more syllables is read so too (Meng Zhixiang 맹지상: a given
	 * name and the surname beside it). */
	for (i = 0; i < np && !sino_word; i++)
		sino_word = sino(pairs[i].how) && !sino_syllable(&pairs[i], q);
	if (!sino_word && n == 2 && m == 2)
		sino_word = sino_whole(pairs, np);
	/* all entries, not n and m: a loop of fixed length is a few
	 * stores, one of n turns a mispredicted end and two memset calls */
	for (k = 0; k < KD_NAME_MAX_TOKS; k++) {
		qsim[k] = lsim[k] = -1;
		qm[k] = -1;
		qph[k] = 0;
	}
	for (i = 0; i < np; i++) {
		struct pair *p = &pairs[i];
		/* a pair spans one token or two neighbours on each side */
		int used = (qsim[p->qa] >= 0) | (qsim[p->qb] >= 0) |
			   (lsim[p->la] >= 0) | (lsim[p->lb] >= 0);
		if (used || (!sino_word && sino_syllable(p, q)))
			continue;
		qsim[p->qa] = qsim[p->qb] = p->sim;
		qm[p->qa] = qm[p->qb] = p->la;
		/* a whole query word that only a listed initial accounts
		 * for: the list tells one letter of it (Avi ~ A. Kabir) */
		if (p->qa == p->qb && q->toks[p->qa].len > 1 &&
		    l->toks[p->la].len == 1 && p->la == p->lb) {
			qsim[p->qa] = (float)(p->sim * kd__pw.word_to_initial);
			if (out->initial_only++ == 0 && detail)
				snprintf(out->init_q, sizeof(out->init_q),
					 "%.*s", (int)q->toks[p->qa].len,
					 q->toks[p->qa].s);
		}
		if (p->how[0] == 'p' && strcmp(p->how, "phonetic") == 0) {
			out->phonetic++;
			qph[p->qa] = qph[p->qb] = 1;
		} else if (p->how[0] == 'n' && strcmp(p->how, "nickname") == 0)
			out->nickname++;
		lsim[p->la] = lsim[p->lb] = p->sim;
		out->parts += p->how[0] != 'i' || strcmp(p->how, "initial");
		if (detail)
			kd__append_detail(out->detail, sizeof(out->detail),
					  q->toks, p->qa, p->qb, l->toks, p->la,
					  p->lb, p->how);
	}
	if (l->person)
		place_variants(out, q, l, qm, qsim, lsim, detail);
	if (q->org && !l->person)
		kd__org_typos(out, q, l, qsim, lsim, qm, detail);
	for (i = 0; i < n; i++) {
		double s = qsim[i] > 0 ? qsim[i] : 0;
		wq += q->toks[i].w;
		sq += q->toks[i].w * s;
		if (qph[i])
			ph += q->toks[i].w;
		if (q->toks[i].kind != KD_TOK_LEGAL &&
		    q->toks[i].kind != KD_TOK_PARTICLE)
			info += q->toks[i].idf * s;
		if (q->toks[i].kind == KD_TOK_NUMBER) {
			qnum++;
			nummatch += s > 0;
		}
	}
	for (j = 0; j < m; j++) {
		double s = lsim[j] > 0 ? lsim[j] : 0;
		wl += l->toks[j].w;
		sl += l->toks[j].w * s;
		lnum += l->toks[j].kind == KD_TOK_NUMBER;
	}
	if (wq <= 0 || wl <= 0)
		return;
	/* nothing matched: 0 whatever pow() and sqrt() would say */
	out->sq = sq / wq;
	out->sl = sl / wl;
	out->info = info;
	out->phon = ph / wq;
	score = sq > 0 ? KD_W_SCALE * (sq / wq) * pow(sl / wl, LIST_EXP) : 0;
	/* a part matched by sound across scripts: its similarity is on
	 * another scale than a spelling's (fitted, bench/fit/) */
	if (score > 0 && ph > 0)
		score *= pow(KD_W_PHONETIC_FACTOR, ph / wq);
	if (score > 0 && l->person) {
		out->common = common_name(out, q, l, qsim, lsim, wl);
		score *= out->common;
	}
	if (score > 0 && info < INFO_MIN)
		score *= pow(info / INFO_MIN, KD_W_INFO_EXP);
	/* a vessel's number on one side only: a sister ship (Tambey, Tambey
	 * III; Arvin, Arvin 2) */
	if ((qnum && lnum && nummatch < qnum) ||
	    ((q->vessel || l->vessel) && qnum != lnum)) {
		out->number_mismatch = 1;
		score *= KD_W_NUMBER_FACTOR;
	}
	if (score > 0) {
		out->order_conflict = order_conflict(q, l, qm);
		out->substituted = substituted(out, q, l, qm, qsim, lsim,
					       detail);
		if (out->order_conflict)
			score *= ORDER_FACTOR;
		if (out->substituted)
			score *= pow(SUBST_FACTOR, out->substituted);
		if (l->person &&
		    (out->syl_extra = syl_extra(out, q, qsim, detail)))
			score *= pow(SYL_EXTRA_FACTOR, out->syl_extra);
		out->legal_conflict = legal_conflict(out, q, l, detail);
		if (out->legal_conflict)
			score *= LEGAL_FACTOR;
	}
	/* organisations and vessels: only where the outcome can change */
	if (score >= KD_W_ORG_CHECK_MIN && !q->person && !l->person) {
		out->owner = kd__org_owner_conflict(q, l, qsim, lsim);
		out->country = kd__org_country_conflict(out, q, l, qsim, lsim);
		out->plural = kd__org_plural_conflict(out, q, l, qm);
		if (out->owner)
			score *= KD_W_ORG_OWNER_FACTOR;
		if (out->country)
			score *= KD_W_ORG_COUNTRY_FACTOR;
		if (out->plural)
			score *= KD_W_ORG_PLURAL_FACTOR;
	}
	out->score = score > 1 ? 1 : score;
}
