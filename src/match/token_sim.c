/*
 * token_sim.c - how two tokens of two names compare (kd__token_sim),
 * for the alignment of compare.c.
 *
 * Token similarity (kd__token_sim), best of:
 *   exact text                                   1.00
 *   one organisation symbol (Bros/Fratelli)      1.00  ('bros'~'fratelli' symbol)
 *   equal cross-convention skeleton              0.95  ('lawrow'~'lavrov')
 *   weighted edit distance within a budget that grows with length
 *     (substituting confusable letters c/k, v/w, i/y/j, s/z, vowels ...
 *     costs less; adjacent transposition 0.8)    1 - 2 * cost / len
 *   ... one typing error cheaper (typo_cost)      1 - 2 * cost / len
 *     when one of the two words is no name anyone has (below), or
 *     a letter dropped from a short word that is no name
 *   equal skeletons, spellings far apart         0.80 (len >= 5), 0.62
 *     (a reading of 5 letters or more: also by sound, below)
 *   a reading from another script, by sound      phon_min..phon_max
 *     (phonetic_sim: 3+ consonants; 2 when the Arabic script wrote
 *     the vowels and they agree; "shi" also as "si"; a Kana reading
 *     also without the vowel added to its final consonant; a Latin
 *     name in -us also without it, as Russian writes it)
 *   skeletons one edit apart (len >= 6)          0.70
 *   initial vs a word with that first letter     0.70
 *   numbers must be equal, else 0 and flagged    (Yu Jong 2 != Yu Jong 3)
 *
 * Typing errors. A letter replaced by its neighbour on the keyboard row
 * (Ibjai/Injai, Sgams/Shams) or two neighbours swapped (Rudsan/Rusdan)
 * is one slip of the hand; between two different names it is a chance
 * likeness. What tells them apart is whether the word is a name at all:
 * a misspelt word is one nobody is called (namefreq.c counts the name
 * words of ~110k people), while Dara and Sara, Mike and Nike are both
 * names. So in words of five letters or more (shorter ones are other
 * names as often as misspelt ones), when one of the two words is no
 * known name (typo_info_min nats or more), a keyboard-neighbour
 * substitution or a transposition costs typo_cost instead of 1.0 / 0.8.
 * Explained as 'ibjai'~'injai' typo. So does a letter dropped inside a
 * word of five or six letters (Hsan/Hasan, Salm/Salim, Nuset/Nusret)
 * when the shorter word is no known name: in short words one plain
 * edit is 0.6 or 0.67, no match, while in longer ones it still
 * matches (and the readings of Arabic script drop vowels by the
 * script's rule, not by a slip: Hamdani, Hamadani). Not the first
 * letter (Arvin is no Sarvin) nor the last (Dargham, Darghami: a
 * nisba). An Arabic compound that name
 * analysis splits (Abdul Rahman: abd al rahman, Matiullah: mati allah)
 * stays whole when misspelt (Abudl, Matiulalh), one word against two:
 * within one typing error of a spelling of the two written as one
 * (kd__compound_spellings) it is the compound (kd__joined_sim).
 */
#include "compare_int.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* sound similarity a reading needs (3+ consonants; a frame of two), its
 * cap: data/weights/name_score.txt */
#define KD_PH_MIN  KD_W_PHON_MIN
#define KD_PH_MIN2 KD_W_PHON_MIN_FRAME
#define KD_PH_MAX  KD_W_PHON_MAX
#define SIM_MIN    KD_SIM_MIN
#define JOIN_MIN   KD_JOIN_MIN

/* ---- edit distance ------------------------------------------------------------ */

static int is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ||
	       c == 'y';
}

/* the longest word in which a dropped letter is a typing error (see
 * the top) */
#define KD_TYPO_DROP_MAX 6

/* a typing error's cost (data/weights/name_score.txt), in tenths for
 * the table */
#define TYPO_COST   KD_W_TYPO_COST
#define TYPO_TENTHS ((uint8_t)(KD_W_TYPO_COST * 10 + 0.5))

/* Substitution costs in tenths, for every pair of bytes: built once;
 * g_sub_typo also has keyboard-row neighbours at typo_cost. */
static uint8_t g_sub[256][256], g_sub_typo[256][256];
static pthread_once_t g_sub_once = PTHREAD_ONCE_INIT;
/* set once g_sub is built: every comparison asks, pthread_once() costs a
 * call each time */
static atomic_int g_sub_ready;

static void build_sub(void)
{
	static const char *const groups[] = { "ckqg", "vwf", "iyj", "szc", "td",
					      "bp",   "lr",  "mn",  "xks" };
	static const char *const rows[] = { "qwertyuiop", "asdfghjkl",
					    "zxcvbnm" };
	int a, b;
	size_t i;
	for (a = 0; a < 256; a++)
		for (b = 0; b < 256; b++) {
			uint8_t c = 10;
			if (a == b)
				c = 0;
			else if (is_vowel((char)a) && is_vowel((char)b))
				c = 6;
			else
				for (i = 0;
				     i < sizeof(groups) / sizeof(groups[0]);
				     i++)
					if (a && b && strchr(groups[i], a) &&
					    strchr(groups[i], b))
						c = 6;
			g_sub[a][b] = c;
			g_sub_typo[a][b] = c;
		}
	/* neighbours on a keyboard row (QWERTY, the layout of the
	 * Latin-script keyboards most names are typed on) */
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const char *r = rows[i];
		for (; r[1]; r++)
			if (g_sub_typo[(unsigned char)r[0]]
				      [(unsigned char)r[1]] > TYPO_TENTHS) {
				g_sub_typo[(unsigned char)r[0]]
					  [(unsigned char)r[1]] = TYPO_TENTHS;
				g_sub_typo[(unsigned char)r[1]]
					  [(unsigned char)r[0]] = TYPO_TENTHS;
			}
	}
	atomic_store_explicit(&g_sub_ready, 1, memory_order_release);
}

static double indel_cost(const char *s, size_t i)
{
	/* an 'h' or a doubled letter is a cheap insertion */
	if (s[i] == 'h' || (i > 0 && s[i] == s[i - 1]))
		return 0.5;
	return 1.0;
}

/* Optimal string alignment distance with weighted costs (substitutions
 * from `sub`, an adjacent transposition `swap`); stops early (returns >
 * limit) when no cell of a row is within limit. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline double
edit_distance_with(const char *a, size_t n, const char *b, size_t m,
		   double limit, const uint8_t (*sub)[256], double swap)
{
	double rows[3][40], bcost[40];
	double *pp, *p, *c;
	size_t i, j;
	if (n > 38 || m > 38)
		return limit + 1;
	/* every length difference costs at least a cheap insertion */
	if ((double)(n > m ? n - m : m - n) * 0.5 > limit)
		return limit + 1;
	pp = rows[0];
	p = rows[1];
	c = rows[2];
	p[0] = 0;
	/* b's insertion costs, once: every row reads them */
	for (j = 0; j < m; j++)
		bcost[j] = indel_cost(b, j);
	for (j = 1; j <= m; j++)
		p[j] = p[j - 1] + bcost[j - 1];
	for (i = 1; i <= n; i++) {
		double rowmin, acost = indel_cost(a, i - 1);
		double *t;
		const uint8_t *subrow = sub[(unsigned char)a[i - 1]];
		c[0] = p[0] + acost;
		rowmin = c[0];
		for (j = 1; j <= m; j++) {
			double v = p[j - 1] +
				   subrow[(unsigned char)b[j - 1]] * 0.1;
			double del = p[j] + acost;
			double ins = c[j - 1] + bcost[j - 1];
			if (del < v)
				v = del;
			if (ins < v)
				v = ins;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && pp[j - 2] + swap < v)
				v = pp[j - 2] + swap;
			c[j] = v;
			if (v < rowmin)
				rowmin = v;
		}
		if (rowmin > limit)
			return limit + 1;
		t = pp;
		pp = p;
		p = c;
		c = t;
	}
	return p[m];
}

static double edit_distance(const char *a, size_t n, const char *b, size_t m,
			    double limit)
{
	return edit_distance_with(a, n, b, m, limit, g_sub, 0.8);
}

/* ... with typing errors at typo_cost (see the top) */
static double edit_distance_typo(const char *a, size_t n, const char *b,
				 size_t m, double limit)
{
	return edit_distance_with(a, n, b, m, limit, g_sub_typo, TYPO_COST);
}

/* Maria/Mario, Aleksandra/Aleksandr: a final -a against another ending
 * marks a different (female/male) name, not a spelling convention. */
static int gendered_ending(const struct kd_qtok *a, const struct kd_qtok *b)
{
	char x = a->s[a->len - 1], y = b->s[b->len - 1];
	if (x == y)
		return 0;
	return (x == 'a' && (y != 'a' && y != 'h')) ||
	       (y == 'a' && (x != 'a' && x != 'h'));
}

/* Yassin/Hasan, Yaganih/Haqani: the skeleton puts an initial h and an
 * initial glide y in one class (with kh, j, sh: skeleton.c), but no
 * convention writes the glide (ي, й) as h or the aspirate (ه, ح, г) as
 * y: two words that begin so begin with two sounds. */
static int glide_and_aspirate(const struct kd_qtok *a, const struct kd_qtok *b)
{
	char x = a->s[0], y = b->s[0];
	return a->len >= 2 && b->len >= 2 &&
	       ((x == 'y' && y == 'h' && is_vowel(b->s[1])) ||
		(x == 'h' && y == 'y' && is_vowel(a->s[1])));
}

/* Unit-cost Levenshtein distance by Myers' bit-parallel algorithm
 * (Hyyrö's formulation), for a <= 64 bytes. Every weighted operation
 * costs at least 0.5, so half of it bounds the weighted distance from
 * below: a cheap filter before the full dynamic programme. */
/* 32-bit population count without the libgcc call (no -mpopcnt). */
static unsigned pop32(uint32_t v)
{
	v = v - ((v >> 1) & 0x55555555u);
	v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);
	return (((v + (v >> 4)) & 0x0F0F0F0Fu) * 0x01010101u) >> 24;
}

/* Myers' column walk over b, with peq[] holding a's letter positions
 * (slots b reads and a lacks cleared): the unit distance, a of n bytes
 * (1..64). */
static inline unsigned myers_walk(const uint64_t *peq, size_t n, const char *b,
				  size_t m)
{
	uint64_t pv = ~(uint64_t)0, mv = 0, last = (uint64_t)1 << (n - 1);
	unsigned score = (unsigned)n;
	size_t i;
	for (i = 0; i < m; i++) {
		uint64_t eq = peq[b[i] & 31];
		uint64_t xv = eq | mv;
		uint64_t xh = (((eq & pv) + pv) ^ pv) | eq;
		uint64_t ph = mv | ~(xh | pv);
		uint64_t mh = pv & xh;
		if (ph & last)
			score++;
		else if (mh & last)
			score--;
		ph = (ph << 1) | 1;
		mh <<= 1;
		pv = mh | ~(xv | ph);
		mv = ph & xv;
	}
	return score;
}

static unsigned unit_distance(const char *a, size_t n, const char *b, size_t m)
{
	/* letters index by their low 5 bits: a-z are distinct there, digits
	 * share slots with letters, which only loosens the bound */
	uint64_t peq[32];
	size_t i;
	if (n == 0)
		return (unsigned)m;
	if (n > 64)
		return 0; /* no bound: let the full computation decide */
	/* tokens are short: clear only the slots this pair reads, not all
	 * 32 (that memset was most of the cost) */
	for (i = 0; i < m; i++)
		peq[b[i] & 31] = 0;
	for (i = 0; i < n; i++)
		peq[a[i] & 31] = 0;
	for (i = 0; i < n; i++)
		peq[a[i] & 31] |= (uint64_t)1 << i;
	return myers_walk(peq, n, b, m);
}

/*
 * Is unit_distance(a, n, b, m) x f above x? A lower bound of the
 * distance is asked first, much cheaper: each letter slot (low 5 bits,
 * as there) that one side has and the other lacks needs an edit of its
 * own; it is gathered by the loops that clear the distance's slots, and
 * only a pair it lets through walks Myers' columns (one pass over the
 * letters for both; they were two functions).
 */
static int unit_beyond(const char *a, size_t n, const char *b, size_t m,
		       double f, double x)
{
	uint64_t peq[32];
	uint32_t sa = 0, sb = 0;
	unsigned p, q;
	size_t i;
	if (n == 0 || n > 64) /* the floor is 0, the distance m or 0 */
		return 0 * f > x || (double)(n == 0 ? m : 0) * f > x;
	for (i = 0; i < m; i++) {
		peq[b[i] & 31] = 0;
		sb |= (uint32_t)1 << (b[i] & 31);
	}
	for (i = 0; i < n; i++) {
		peq[a[i] & 31] = 0;
		sa |= (uint32_t)1 << (a[i] & 31);
	}
	p = pop32(sa & ~sb);
	q = pop32(sb & ~sa);
	if ((p > q ? p : q) * f > x)
		return 1;
	for (i = 0; i < n; i++)
		peq[a[i] & 31] |= (uint64_t)1 << i;
	return myers_walk(peq, n, b, m) * f > x;
}

/* ---- typing errors (see the top) ----------------------------------------------- */

/* Is one of the two words no name anyone has (typo_info_min nats or more
 * among people, namefreq.c: seen at most about once)? Told by the text
 * alone, so a memo keyed by the words holds. */
static int unattested(const char *a, size_t n, const char *b, size_t m)
{
	return kd__name_pop_info(a, n) >= KD_W_TYPO_INFO_MIN ||
	       (b != NULL && kd__name_pop_info(b, m) >= KD_W_TYPO_INFO_MIN);
}

/* A word as typed: not a reading from another script, a syllable, an
 * acronym (numbers and initials never get here). */
static int typed(const struct kd_qtok *t)
{
	return (t->kind == KD_TOK_WORD || t->kind == KD_TOK_PARTICLE) &&
	       !(t->flags &
		 (KD_TF_READ | KD_TF_SYL | KD_TF_HANGUL | KD_TF_ACRONYM));
}

/* kd__token_sim_full() asks the rarely needed tests below of most pairs:
 * out of line, so its own frame stays as small as before */
#if defined(__GNUC__)
#define NOINLINE    __attribute__((noinline))
#define UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define NOINLINE
#define UNLIKELY(x) (x)
#endif

/* Are a and b (n letters each) one typing error apart: one letter
 * replaced by its neighbour on the keyboard row, or two neighbours
 * swapped? */
static int one_typo(const char *a, const char *b, size_t n)
{
	size_t i = 0;
	while (i < n && a[i] == b[i])
		i++;
	if (i == n)
		return 0;
	if (i + 1 < n && a[i] == b[i + 1] && a[i + 1] == b[i])
		return memcmp(a + i + 2, b + i + 2, n - i - 2) == 0;
	return g_sub_typo[(unsigned char)a[i]][(unsigned char)b[i]] <
		       g_sub[(unsigned char)a[i]][(unsigned char)b[i]] &&
	       memcmp(a + i + 1, b + i + 1, n - i - 1) == 0;
}

/* Is b (n letters) a (n + 1) with one letter dropped, neither the first
 * nor the last? */
static int one_drop(const char *a, const char *b, size_t n)
{
	size_t i = 0;
	while (i < n && a[i] == b[i])
		i++;
	return i > 0 && i < n && memcmp(a + i + 1, b + i, n - i) == 0;
}

/* One typing error between two typed words of which one is no known
 * name (see the top)? A dropped letter (see the top) only when the
 * shorter word is no name. */
NOINLINE static int typo_pair(const struct kd_qtok *a, const struct kd_qtok *b)
{
	if (a->len != b->len) {
		if (a->len > KD_TYPO_DROP_MAX || b->len > KD_TYPO_DROP_MAX)
			return 0;
		const struct kd_qtok *s = a->len < b->len ? a : b,
				     *l = a->len < b->len ? b : a;
		return one_drop(l->s, s->s, s->len) && typed(a) && typed(b) &&
		       unattested(s->s, s->len, NULL, 0);
	}
	return one_typo(a->s, b->s, a->len) && typed(a) && typed(b) &&
	       unattested(a->s, a->len, b->s, b->len);
}

/* The weighted distance of a and b with typing errors at typo_cost, when
 * they are one or two plain edits apart (a transposition is two) and it
 * is below `limit`; else more than limit. */
static double typo_distance(const char *a, size_t n, const char *b, size_t m,
			    double limit)
{
	if ((n > m ? n - m : m - n) > 1 || unit_beyond(a, n, b, m, 1.0, 2.0))
		return limit + 1;
	return edit_distance_typo(a, n, b, m, limit);
}

/* the particle abd (Abdul, Abdel: abd al) */
static int is_abd(const struct kd_qtok *t)
{
	return t->len == 3 && t->kind == KD_TOK_PARTICLE && t->s[0] == 'a' &&
	       t->s[1] == 'b' && t->s[2] == 'd';
}

/* Could t be two parts of a compound joined (kd__compound_spellings:
 * abd al, X allah)? The cheap test, asked of every joined pair. */
static inline int compound_shaped(const struct kd_qtok *t)
{
	return t->len == 5 ? t->s[0] == 'a' && t->s[3] == 'a'
			   : t->len >= 8 && t->s[t->len - 1] == 'h' &&
				     t->s[t->len - 3] == 'l';
}

/* The spellings of t as a compound (kd__compound_spellings): two parts
 * joined, or the particle abd, which analysis writes only for Abd al
 * (Abdul, Abdel) or Abd before a name. */
static size_t spellings(const struct kd_qtok *t, char (*sp)[32])
{
	if (is_abd(t))
		return kd__compound_spellings("abdal", 5, sp, 3);
	if (!compound_shaped(t))
		return 0;
	return kd__compound_spellings(t->s, t->len, sp, 3);
}

/*
 * A word within one typing error of a spelling of an Arabic compound
 * that analysis split (Abudl ~ abd al, Matiulalh ~ mati allah; see the
 * top): a or b is the two parts joined (kd__joined_sim), or the
 * particle abd (Abdlu ~ abd al: analysis keeps abd and al apart, and
 * no joined pair is made of two particles). The word must be
 * no known name (Adel is a name, not a misspelt Abdel). Its similarity
 * to the spelling, at least KD_JOIN_MIN; else 0.
 */
NOINLINE static double compound_typo(const struct kd_qtok *a,
				     const struct kd_qtok *b, const char **how)
{
	const struct kd_qtok *w = a;
	char sp[3][32];
	size_t n, k;
	double best = 2;
	/* the cheap tests first: a typing error keeps the first letter
	 * (the abd of a name beside every other word comes here) */
	if (a->s[0] != b->s[0] || (is_abd(a) && (b->len < 4 || b->len > 6)) ||
	    (is_abd(b) && (a->len < 4 || a->len > 6)))
		return 0;
	if ((n = spellings(b, sp)) == 0) {
		if ((n = spellings(a, sp)) == 0)
			return 0;
		w = b;
	}
	/* the longer of the two has five letters or more (every spelling
	 * has): a letter dropped from one of five leaves four */
	if (!typed(w) || w->len + 1 < KD_TYPO_MIN)
		return 0;
	for (k = 0; k < n; k++) {
		size_t len = strlen(sp[k]);
		double c = typo_distance(w->s, w->len, sp[k], len, 1.0);
		if (c < best)
			best = c;
	}
	if (best > 1.0 || !unattested(w->s, w->len, NULL, 0))
		return 0;
	*how = "typo";
	best = 1.0 - 2.0 * best / (double)(w->len > 5 ? w->len : 5);
	return best > JOIN_MIN ? best : JOIN_MIN;
}

/* The edit budget of a word of len letters: 0.6 up to three letters,
 * 1.0 up to five, 2.0 up to eight, 2.5 beyond. A table, not a chain of
 * tests: asked several times per pair, its branches were mispredicted. */
static double budget(size_t len)
{
	static const double by_len[10] = { 0.6, 0.6, 0.6, 0.6, 1.0,
					   1.0, 2.0, 2.0, 2.0, 2.5 };
	return by_len[len < 9 ? len : 9];
}

static size_t digits(const struct kd_qtok *t)
{
	size_t i = 0;
	while (i < t->len && t->s[i] >= '0' && t->s[i] <= '9')
		i++;
	return i;
}

/* Two words of organisation names with one rigour symbol (Bros and
 * Fratelli, Intl and International; both flagged KD_TF_SYM). */
static int same_symbol(const struct kd_qtok *a, const struct kd_qtok *b)
{
	const char *x = kd__org_symbol(a->s, a->len);
	const char *y = kd__org_symbol(b->s, b->len);
	return x != NULL && y != NULL && strcmp(x, y) == 0;
}

/*
 * A Han or Hangul syllable (KD_TF_SYL) against a short token: syllables
 * are few and their skeletons collide (zhang/cheng/chang, yang/jang), so
 * only the same skeleton spelled by another convention counts (jong/
 * chong/jeong, pak/park, zhang/chang): one syllable, not a neighbour.
 */
/* The same consonants in the same order: vowels are what romanisations of
 * one Korean syllable disagree on (bum/beom, young/yeong). */
static int same_cons(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t i = 0, j = 0;
	for (;;) {
		while (i < alen && strchr("aeiouw", a[i]) != NULL)
			i++;
		while (j < blen && strchr("aeiouw", b[j]) != NULL)
			j++;
		if (i == alen || j == blen)
			return i == alen && j == blen;
		if (a[i++] != b[j++])
			return 0;
	}
}

static int same_consonants(const struct kd_qtok *a, const struct kd_qtok *b)
{
	return same_cons(a->s, a->len, b->s, b->len);
}

/* A pinyin syllable and its Wade-Giles spelling (wadegiles.c), letter
 * for letter: zhang/chang, xu/hsu, dong/tung. */
static int wade_giles_pair(const struct kd_qtok *a, const struct kd_qtok *b)
{
	char w[16];
	size_t n;
	if ((a->flags & KD_TF_SYL) &&
	    (n = kd__wade_giles(w, sizeof(w), a->s, a->len)) == b->len &&
	    memcmp(w, b->s, n) == 0)
		return 1;
	return (b->flags & KD_TF_SYL) &&
	       (n = kd__wade_giles(w, sizeof(w), b->s, b->len)) == a->len &&
	       memcmp(w, a->s, n) == 0;
}

static double syllable_sim(const struct kd_qtok *a, const struct kd_qtok *b,
			   const char **how)
{
	size_t maxlen = a->len > b->len ? a->len : b->len;
	*how = "";
	if (wade_giles_pair(a, b)) /* xu/hsu: skeletons apart */
		goto same;
	if (a->skel_len == 0 || a->skel_len != b->skel_len ||
	    memcmp(a->skel, b->skel, a->skel_len) != 0)
		return 0;
	/* two Mandarin syllables, or one and no Chinese spelling: two
	 * names (jie/jiao, jun/jhon: mandarin_syl.c) */
	if (kd__distinct_syllables(a, b) || kd__foreign_to_syllable(a, b))
		return 0;
	/* the same consonants (vowels are where conventions differ:
	 * bum/beom), the Wade-Giles spelling of a pinyin syllable, or one
	 * edit that keeps the first letter (pak/park, choe/choi): not
	 * zhang/chang's neighbours cheng/sheng, jun/yun, fei/wei */
	if (!same_consonants(a, b) &&
	    (a->s[0] != b->s[0] ||
	     edit_distance(a->s, a->len, b->s, b->len, 1.2) > 1.1))
		return 0;
same:
	*how = "skeleton";
	return maxlen >= 5 ? 0.95 : 0.90;
}

/* A syllable read from Hangul and a Latin word that Koreans write it
 * as (korean_roman.c): Lee/Rhee = 이 "i", Woo = 우 "u", Hee = 희
 * "hui", Zin = 진 "jin". */
static int korean_spelling(const struct kd_qtok *a, const struct kd_qtok *b)
{
	char ka[16], kb[16];
	size_t na = kd__korean_key(ka, sizeof(ka), a->s, a->len);
	size_t nb = kd__korean_key(kb, sizeof(kb), b->s, b->len);
	return na > 0 && na == nb && memcmp(ka, kb, na) == 0;
}

/* A syllable (or two joined) read from Hangul on the query side (a) and a
 * plain Latin word on the list side (b): the listed name may be a Chinese
 * name in pinyin, which Korean writes by the Korean reading of its
 * characters (sino_korean.c: Meng Zhixiang 맹지상). Only that way round:
 * a listed Korean name's syllables read back as pinyin would meet Latin
 * queries by chance. */
static int sino_pair(const struct kd_qtok *a, const struct kd_qtok *b)
{
	return (a->flags & (KD_TF_HANGUL | KD_TF_SYL | KD_TF_READ)) ==
		       (KD_TF_HANGUL | KD_TF_SYL) &&
	       !(b->flags & (KD_TF_HANGUL | KD_TF_READ | KD_TF_SYL)) &&
	       a->kind == KD_TOK_WORD &&
	       /* a pinyin word that is a particle elsewhere: Zu (祖) */
	       (b->kind == KD_TOK_WORD || b->kind == KD_TOK_PARTICLE);
}

/* nsyl: a is one syllable, or two joined (kd__joined_sim) */
static int sino_korean(const struct kd_qtok *a, const struct kd_qtok *b,
		       int nsyl)
{
	return kd__sino_korean(b->s, b->len, a->s, a->len, nsyl);
}

/* A Hangul word or syllables on the query side and a plain Latin word
 * on the list side: the listed name may be a modern Chinese name in
 * pinyin, which Korean writes by its Mandarin sound (sino_korean.c: Zhou
 * Dongyu 저우둥위). A single syllable read so counts only beside a longer
 * reading (compare.c, as the Sino-Korean ones). */
static int mandarin_pair(const struct kd_qtok *a, const struct kd_qtok *b)
{
	return (a->flags & KD_TF_HANGUL) &&
	       (a->flags & (KD_TF_READ | KD_TF_SYL)) &&
	       !(b->flags & (KD_TF_HANGUL | KD_TF_READ | KD_TF_SYL)) &&
	       a->kind == KD_TOK_WORD &&
	       (b->kind == KD_TOK_WORD || b->kind == KD_TOK_PARTICLE) &&
	       kd__mandarin_hangul(b->s, b->len, a->s, a->len);
}

/* Could the Latin word s be one Korean syllable romanised (chun, san,
 * jong, kim): an initial consonant (ch kk tt pp ss jj sh or one letter),
 * a w or y glide, vowels, a final k n l m p t or ng? */
static int syllable_shaped(const char *s, size_t n)
{
	size_t i = 0;
	if (n >= 2 && strchr("ckptsj", s[0]) != NULL &&
	    (s[1] == s[0] || s[1] == 'h'))
		i = 2;
	else if (n >= 1 && strchr("gkndtrlmbpsjh", s[0]) != NULL)
		i = 1;
	if (i < n && (s[i] == 'w' || s[i] == 'y'))
		i++;
	if (i == n || strchr("aeiou", s[i]) == NULL)
		return 0;
	while (i < n && strchr("aeiou", s[i]) != NULL)
		i++;
	if (i + 2 == n && s[i] == 'n' && s[i + 1] == 'g')
		return 1;
	return i == n || (i + 1 == n && strchr("knlmpt", s[i]) != NULL);
}

/* The consonant sounds of a Latin word (phonetic.c's consonants(): not
 * vowels, glides, a silent final e, a repeat) */
static size_t latin_consonants(const char *s, size_t n)
{
	char x[48];
	size_t m = kd__sounds(x, sizeof(x), s, n), i, c = 0;
	for (i = 0; i < m; i++)
		c += strchr("aUOEywh", x[i]) == NULL &&
		     !(i > 0 && x[i] == x[i - 1]);
	return c;
}

/* The sound similarity a frame of two consonants needs: a Latin word
 * against a Hangul word's reading may differ more (Josh 조시, Heinrich
 * 하인리히: phon_min_frame_hangul), unless the Latin word could be one
 * Korean syllable (Chun, San): Korean names listed in Latin are made of
 * those, and Korean given names in Hangul words meet them by sound; nor
 * when the Latin word has more than three consonant sounds: a reading
 * that keeps two of them has lost too much (Parker ~ 페리 "peri" is
 * Perry). */
static double frame2_min(const struct kd_qtok *lat, const struct kd_qtok *rd,
			 size_t frame)
{
	if (frame == 2 && (rd->flags & KD_TF_HANGUL) &&
	    !syllable_shaped(lat->s, lat->len) &&
	    latin_consonants(lat->s, lat->len) <= 3)
		return KD_W_PHON_MIN_FRAME_HANGUL;
	return KD_PH_MIN2;
}

/* A short word in Arabic script read with its vowels (arabic.c spells a
 * word of fewer than three consonants so, even in the frame reading):
 * a foreign name writes each of its vowels with alif, waw or ya (ديسي
 * Desi, ميدي Medi, بير Bear), so two consonants and vowels that agree
 * with the Latin word's (vowels.c: ya e/i, waw o/u) are as much as a
 * frame of three; a reading without a written vowel (كنغ "kng") or
 * whose vowels disagree (بيكو "biku" against Baker) is not. */
static int arabic_frame2(const struct kd_qtok *lat, const struct kd_qtok *rd)
{
	size_t i;
	int written = 0;
	for (i = 0; i < rd->len; i++)
		written += strchr("aeiou", rd->s[i]) != NULL;
	return written > 0 &&
	       kd__vowel_cost_arabic(rd->s, rd->len, lat->s, lat->len) <
		       KD_W_VOWEL_COST_MAX;
}

/* A reading's "shi" may be the s of the name: Japanese writes a
 * foreign s or th before i with シ, which Hepburn spells shi (Siem
 * シーム, Cusi クシ, Thigpen シグペン), and Hebrew ש is both s and sh.
 * The reading is also compared with "si" there, when the Latin word
 * has no sh (Kushida keeps its spelling, Shields its sh); the better
 * sound similarity counts. */
static double shi_as_si(const struct kd_qtok *lat, const struct kd_qtok *rd,
			double sim, size_t *frame)
{
	char alt[48];
	size_t i, n = 0, f;
	double s;
	if (rd->len >= sizeof(alt) ||
	    memmem(rd->s, rd->len, "shi", 3) == NULL ||
	    memmem(lat->s, lat->len, "sh", 2) != NULL)
		return sim;
	for (i = 0; i < rd->len; i++)
		if (!(rd->s[i] == 'h' && i > 0 && rd->s[i - 1] == 's' &&
		      i + 1 < rd->len && rd->s[i + 1] == 'i'))
			alt[n++] = rd->s[i];
	s = kd__sound_sim_in(0, lat->s, lat->len, alt, n, &f);
	if (s > sim) {
		*frame = f;
		return s;
	}
	return sim;
}

/* Is the reading s the Hepburn spelling of Kana: open syllables only
 * (a consonant or a digraph sh ch ts j, a y glide, then a vowel), a
 * consonant closing a syllable only as the moraic n or as the first of a
 * doubled one (ッ: tt, kk, tch), and no final consonant but n? Russian
 * and Greek readings of foreign names keep their clusters (milmor). */
static int kana_shaped(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		if (strchr("aeiou", s[i]) != NULL) {
			i++;
			continue;
		}
		if (s[i] == 'n' &&
		    (i + 1 == n || strchr("aeiouy", s[i + 1]) == NULL)) {
			i++; /* the moraic n */
			continue;
		}
		if (i + 1 < n &&
		    (s[i + 1] == s[i] || (s[i] == 't' && s[i + 1] == 'c')))
			j++; /* a doubled consonant (ッ) */
		if (j + 1 < n &&
		    ((s[j] == 's' || s[j] == 'c') && s[j + 1] == 'h'))
			j += 2;
		else if (j + 1 < n && s[j] == 't' && s[j + 1] == 's')
			j += 2;
		else
			j++;
		if (j < n && s[j] == 'y')
			j++;
		if (j == n || strchr("aeiou", s[j]) == NULL)
			return 0;
		i = j;
	}
	return 1;
}

/* The vowel Japanese adds to a consonant that ends a word: Kana writes
 * only open syllables (and the moraic n), so a foreign name's final
 * consonant takes an epenthetic u, o after t and d (Heald ヒールド
 * "hirudo", Wit ウィット "witto", Heym ハイム "haimu", Stamp スタンプ
 * "sutanpu"). The fitted Kana costs price every added vowel alike (0.2),
 * which sinks a frame of one to three consonants. A Kana-shaped reading
 * is also compared without that final vowel (phonetic.c table 'e'), when
 * the vowel closes the consonant class that ends the Latin word; the
 * better sound similarity counts. Table 'e' asks for frames of at most
 * four consonants, as many on each side: the added vowel is then all
 * that differs, not a consonant (Steed ~ ストラウド is Stroud). */
static double kana_epenthesis(const struct kd_qtok *lat,
			      const struct kd_qtok *rd, double sim,
			      size_t *frame)
{
	char x[48], y[48];
	size_t f, nx, ny;
	double s;
	if (!kana_shaped(rd->s, rd->len))
		return sim;
	/* the vowel closes the consonant that ends the Latin word (Wit
	 * "witto", Heald "hirudo"), not another (Brit ~ "berutiru" is
	 * Bertil's l, Mize ~ "meizeru" has a vowel last) */
	nx = kd__phonetic(x, sizeof(x), lat->s, lat->len);
	ny = kd__phonetic(y, sizeof(y), rd->s, rd->len);
	if (nx == 0 || ny == 0 || x[nx - 1] != y[ny - 1] ||
	    strchr("aeiouy", lat->s[lat->len - 1]) != NULL)
		return sim;
	s = kd__sound_sim_in('e', lat->s, lat->len, rd->s, rd->len, &f);
	if (s > sim) {
		*frame = f;
		return s;
	}
	return sim;
}

/* The shortest Latin word whose ending -us may be left out (Linus
 * against Лин, a Chinese Lin, stays apart) */
#define LATIN_STEM_MIN 6

/* A Latin name in -us against a reading without that ending: Russian
 * writes a classical Latin name by its stem, without the nominative -us
 * (Iulianus Юлиан, Philus Фил, Luscus Луск; -ius as -ий: Aufidius
 * Ауфидий), where Kana and Hangul keep it (ルタティウス). The reading is
 * also compared with the Latin word less its -us when the reading ends
 * in no s (Markus Маркус keeps the whole word); the better sound
 * similarity counts. A Kana reading cannot be told from a Russian one of
 * open syllables (yulian), so it too is compared so: Gerardus against
 * ジラルド Giraldo rises from 0.76 to 0.81. */
static double latin_stem(const struct kd_qtok *lat, const struct kd_qtok *rd,
			 double sim, size_t *frame)
{
	size_t f;
	double s;
	if (lat->len < LATIN_STEM_MIN || lat->s[lat->len - 2] != 'u' ||
	    lat->s[lat->len - 1] != 's' || rd->s[rd->len - 1] == 's')
		return sim;
	s = kd__sound_sim_in(0, lat->s, lat->len - 2, rd->s, rd->len, &f);
	if (s > sim) {
		*frame = f;
		return s;
	}
	return sim;
}

/*
 * A token read from another script (KD_TF_READ) against another token:
 * equal consonant frames (phonetic.c) of at least two consonants, or one
 * consonant apart in a long frame. Short frames need longer words: the
 * two-consonant frame of a Korean syllable (kim: KN) meets too much.
 */
static double phonetic_sim(const struct kd_qtok *a, const struct kd_qtok *b,
			   double best, const char **how)
{
	size_t minlen = a->len < b->len ? a->len : b->len;
	size_t maxlen = a->len > b->len ? a->len : b->len, frame;
	double sim;
	if (minlen < 2 || maxlen > 40 || maxlen > 3 * minlen)
		return best;
	/* how much of the consonant frame survives the transcription
	 * (phonetic.c); a frame of two consonants must survive nearly
	 * whole, one consonant is never enough */
	if ((a->flags & KD_TF_READ) && !(b->flags & KD_TF_READ)) {
		const struct kd_qtok *t = a; /* the Latin side first */
		a = b;
		b = t;
	}
	sim = kd__sound_sim_in(b->flags & KD_TF_ARABIC   ? 'a'
			       : b->flags & KD_TF_HAN    ? 'h'
			       : b->flags & KD_TF_HANGUL ? 'k'
							 : 0,
			       a->s, a->len, b->s, b->len, &frame);
	if (!(b->flags & (KD_TF_ARABIC | KD_TF_HAN | KD_TF_HANGUL))) {
		sim = shi_as_si(a, b, sim, &frame);
		sim = kana_epenthesis(a, b, sim, &frame);
		sim = latin_stem(a, b, sim, &frame);
	}
	/* an Arabic-script frame writes no short vowel: two consonants
	 * (pry, ry) meet too many names, unless the vowels are written
	 * (arabic_frame2) */
	if (frame == 0 || (frame == 1 && maxlen > 7) ||
	    (frame < 3 && (b->flags & KD_TF_ARABIC) &&
	     !(frame == 2 && arabic_frame2(a, b))) ||
	    sim < (frame <= 2                  ? frame2_min(a, b, frame)
		   : (b->flags & KD_TF_HANGUL) ? KD_W_PHON_MIN_HANGUL
					       : KD_PH_MIN))
		return best;
	if (sim > KD_PH_MAX)
		sim = KD_PH_MAX;
	if (frame == 1 && sim > KD_PH_MIN2)
		sim = KD_PH_MIN2; /* one consonant: weak evidence (Leo, Kerr) */
	if (sim > best) {
		*how = "phonetic";
		return sim;
	}
	return best;
}

double kd__token_sim(const struct kd_qtok *a, const struct kd_qtok *b,
		     const char **how)
{
	return kd__token_sim_full(a, b, how, 1, 0);
}

double kd__token_sim_need(const struct kd_qtok *a, const struct kd_qtok *b,
			  double need)
{
	const char *how;
	return kd__token_sim_full(a, b, &how, 1,
				  need < SIM_MIN ? SIM_MIN : need);
}

/* Joined neighbours ("jong un" vs "jongun") must agree in spelling:
 * skeletons of glued syllables collide too easily (yu zhang ~ hushang). */
double kd__joined_sim(const struct kd_qtok *a, const struct kd_qtok *b,
		      const char **how)
{
	if (!kd__join_len_ok(a->len, b->len)) {
		/* lengths too far apart for a spelling; a pinyin word and
		 * the Korean reading of its syllables may still agree */
		if (sino_pair(a, b) && sino_korean(a, b, 2)) {
			*how = "sino-korean";
			return KD_W_SINO_KOREAN;
		}
		*how = "";
		return 0;
	}
	return kd__token_sim_full(a, b, how, 0, JOIN_MIN);
}

/*
 * A word w against two short neighbours a b that it may be written
 * joined with, in another convention per syllable: Korean given names
 * (Yeongnam ~ YONG NAM, Kyungil ~ KYONG IL, Tongmyeong ~ TONG MY'ONG)
 * are glued as often as apart, and their vowels differ by convention
 * (eo/o, u/o), which the spelling-only joined comparison rejects. w is
 * cut where a ends (give or take two letters); each part must start
 * with its neighbour's first letter (or its other romanisation, onset_same)
 * and match it as a token (skeleton
 * or edit distance) at KD_JOIN_MIN or more. The weaker part's
 * similarity, else 0. Neighbours of 2..6 letters only (syllables).
 */
void kd__word_qtok(struct kd_qtok *t, const char *s, size_t n, char *skel,
		   size_t cap)
{
	memset(t, 0, sizeof(*t));
	t->s = s;
	t->len = (uint16_t)n;
	t->skel = skel;
	t->skel_len = (uint16_t)kd__skeleton(skel, cap, s, n);
	t->kind = KD_TOK_WORD;
	t->id = UINT32_MAX;
}

/* Whether two syllables of a word of wlen letters may begin alike: the
 * same letter, or in a word of six letters or more (a short one, Poly ~
 * BO LI, is too little to go on) the voiced and voiceless spelling of
 * one Korean initial, which the McCune-Reischauer and the Revised
 * Romanization write differently (Kyongok ~ GYEONG OK, Sukwang ~ SU
 * GWANG, Tong ~ Dong). Not ch ~ j: the lenis and the aspirated initial
 * meet there (Junsung is no CHUN SONG). */
static int onset_same(char x, char y, size_t wlen)
{
	static const char pairs[] = "gkdtbp";
	const char *p;
	if (x == y)
		return 1;
	if (wlen < 6)
		return 0;
	p = memchr(pairs, x, sizeof(pairs) - 1);
	if (p == NULL)
		return 0;
	return ((p - pairs) & 1) ? p[-1] == y : p[1] == y;
}

double kd__split_sim(const struct kd_qtok *w, const struct kd_qtok *a,
		     const struct kd_qtok *b)
{
	char t1[16], t2[16], k1[32], k2[32];
	struct kd_qtok p1, p2;
	double best = 0;
	size_t cut, lo, hi;
	const char *how;
	if (a->len < 2 || a->len > 6 || b->len < 2 || b->len > 6 ||
	    w->len < 4 || w->len > 14 || a->kind != KD_TOK_WORD ||
	    b->kind != KD_TOK_WORD || w->kind != KD_TOK_WORD ||
	    !onset_same(w->s[0], a->s[0], w->len) ||
	    (size_t)w->len + 3 < (size_t)a->len + b->len ||
	    (size_t)w->len > (size_t)a->len + b->len + 3)
		return 0;
	lo = a->len > 4 ? a->len - 2 : 2;
	hi = a->len + 2;
	for (cut = lo; cut <= hi && cut + 2 <= w->len; cut++) {
		double s1, s2;
		if (!onset_same(w->s[cut], b->s[0], w->len) ||
		    cut >= sizeof(t1) || w->len - cut >= sizeof(t2))
			continue;
		memcpy(t1, w->s, cut);
		t1[cut] = '\0';
		kd__word_qtok(&p1, t1, cut, k1, sizeof(k1));
		s1 = kd__token_sim_full(&p1, a, &how, 1, JOIN_MIN);
		if (s1 < JOIN_MIN)
			continue;
		memcpy(t2, w->s + cut, w->len - cut);
		t2[w->len - cut] = '\0';
		kd__word_qtok(&p2, t2, w->len - cut, k2, sizeof(k2));
		s2 = kd__token_sim_full(&p2, b, &how, 1, JOIN_MIN);
		if (s2 < JOIN_MIN)
			continue;
		if ((s1 < s2 ? s1 : s2) > best)
			best = s1 < s2 ? s1 : s2;
	}
	return best;
}

/*
 * The largest weighted distance whose outcome kd__token_sim_full() needs when the
 * caller drops similarities below `need` (0: every outcome counts): the
 * spelling similarity 1 - 2 x cost / len must reach `need`, and the
 * skeleton+edit rule (0.70) looks up to budget + 0.5.
 */
static double cost_needed(const struct kd_qtok *a, const struct kd_qtok *b,
			  int skeletons, size_t maxlen, double need)
{
	double x = budget(maxlen), spell;
	if (skeletons && need <= 0.70 && a->skel_len >= 6 && b->skel_len >= 6)
		return x + 0.5;
	/* costs are multiples of 0.1: the margin keeps boundary cases */
	spell = (1.0 - need) * (double)maxlen / 2.0 + 0.05;
	return spell < x ? spell : x;
}

/*
 * Similarity of two tokens; with need > 0, any result below need may
 * come back as 0 (the caller drops it), which lets the edit distance
 * stop early. need must then be at least SIM_MIN.
 */
double kd__token_sim_full(const struct kd_qtok *a, const struct kd_qtok *b,
			  const char **how, int skeletons, double need)
{
	if (!atomic_load_explicit(&g_sub_ready, memory_order_acquire))
		pthread_once(&g_sub_once, build_sub);
	size_t maxlen = a->len > b->len ? a->len : b->len;
	size_t lendiff = a->len > b->len ? a->len - b->len : b->len - a->len;
	double best = 0, cost, limit = budget(maxlen) + 1.0, far, x = 1e9;
	int typo = 0;
	*how = "";
	if (a->kind == KD_TOK_NUMBER || b->kind == KD_TOK_NUMBER) {
		/* "77th" and "77" agree; "2" and "3" never do */
		size_t da = digits(a), db = digits(b);
		if (a->kind == b->kind && da == db && da > 0 &&
		    memcmp(a->s, b->s, da) == 0) {
			*how = "exact";
			return 1.0;
		}
		return 0.0;
	}
	if (a->len == b->len && memcmp(a->s, b->s, a->len) == 0) {
		*how = "exact";
		return 1.0;
	}
	if ((a->flags & b->flags & KD_TF_SYM) && same_symbol(a, b)) {
		*how = "symbol";
		return 1.0;
	}
	if (((a->flags | b->flags) & (KD_TF_ACRONYM | KD_TF_READ)) ==
	    KD_TF_ACRONYM)
		return 0.0; /* letters, not a spoken word: ACME is no AQMI */
	if (((a->flags ^ b->flags) & KD_TF_HANGUL) &&
	    ((a->flags | b->flags) & KD_TF_SYL) && maxlen <= 12 &&
	    a->kind == KD_TOK_WORD && b->kind == KD_TOK_WORD &&
	    korean_spelling(a, b)) {
		*how = "romanisation";
		return 0.90;
	}
	/* skeletons == 0: two syllables joined (kd__joined_sim) */
	if (sino_pair(a, b) && sino_korean(a, b, skeletons ? 1 : 2)) {
		*how = "sino-korean";
		return KD_W_SINO_KOREAN;
	}
	if (((a->flags | b->flags) & KD_TF_SYL) && maxlen <= 6 &&
	    !(a->len == 1 || b->len == 1)) {
		double s = syllable_sim(a, b, how);
		if (s > 0 || !mandarin_pair(a, b))
			return s;
		*how = "mandarin-hangul";
		return KD_W_MANDARIN_HANGUL;
	}
	if (mandarin_pair(a, b)) {
		*how = "mandarin-hangul";
		return KD_W_MANDARIN_HANGUL;
	}
	if (a->len == 1 || b->len == 1) {
		if (a->s[0] == b->s[0]) {
			*how = "initial";
			return 0.70;
		}
		return 0.0;
	}
	if (skeletons && a->skel_len > 0 && a->skel_len == b->skel_len &&
	    memcmp(a->skel, b->skel, a->skel_len) == 0 &&
	    !gendered_ending(a, b) && !glide_and_aspirate(a, b) &&
	    !kd__distinct_onsets(a, b) && !kd__distinct_syllables(a, b)) {
		/* the skeleton folds vowels hard: trust it fully only when
		 * the spellings are also close */
		/* only c <= budget + 0.5 is asked below; a limit 0.2 above
		 * it stops no path that stays within (see edit_distance) */
		double c = edit_distance(a->s, a->len, b->s, b->len,
					 need > 0 ? budget(maxlen) + 0.75
						  : budget(maxlen) + 2);
		*how = "skeleton";
		/* the skeleton vouches for convention substitutions (j/y,
		 * ou/u): allow half an edit more than plain spelling */
		if (c <= budget(maxlen) + 0.5)
			return 0.95;
		/* a syllable read from Han or Hangul against a longer token
		 * spelled far apart (huang/zhiyong): the skeletons of
		 * syllables collide, this says nothing */
		if ((a->flags | b->flags) & KD_TF_SYL)
			return 0;
		/* equal skeletons of spellings far apart: plausible for long
		 * names (Chruschtschow/Khrushchev), weak for short syllables
		 * whose skeletons collide (zhang/chang/yang); a reading of
		 * five letters or more may still sound like the word
		 * ('kuni'~'cooney' sound 1.0; not 'bak'~'park': the short
		 * readings of Korean surnames sound like too many) */
		if (maxlen < 5)
			return 0.62;
		best = 0.80;
		if ((a->flags | b->flags) & KD_TF_READ)
			best = phonetic_sim(a, b, best, how);
		return best;
	}
	far = budget(maxlen) + 2; /* far beyond the budget */
	if (need > 0) {
		/* Every weighted operation costs at least 0.5 per unit edit,
		 * a transposition 0.8 for two: 0.4 x unit distance and 0.5 x
		 * the length difference bound the cost from below. The early
		 * stop of edit_distance needs 0.2 of room. */
		x = cost_needed(a, b, skeletons, maxlen, need);
		limit = x + 0.25;
		if ((double)lendiff * 0.5 > x ||
		    unit_beyond(a->s, a->len, b->s, b->len, 0.4, x))
			limit = -1;
	} else if ((double)lendiff * 0.5 > budget(maxlen) + 1.0 ||
		   unit_beyond(a->s, a->len, b->s, b->len, 0.5,
			       budget(maxlen) + 1.0)) {
		limit = -1;
	}
	cost = limit < 0 ? far
			 : edit_distance(a->s, a->len, b->s, b->len, limit);
	/* one typing error in a word that is no name (see the top): a pair
	 * whose plain cost is known is one only at 1.0 or less; where the
	 * bounds above skipped it or it stopped early, only a room `x` below
	 * 1.0 could have hidden one (wider room: its bounds let it through,
	 * and its plain cost is at most 1.0) */
	if (UNLIKELY(lendiff <= 1 && maxlen >= KD_TYPO_MIN && skeletons) &&
	    (limit >= 0 && cost <= limit
		     ? cost > TYPO_COST && cost <= 1.0 /* plain: 1.0 at most */
		     : x >= TYPO_COST && x < 1.0) &&
	    typo_pair(a, b)) {
		cost = TYPO_COST;
		typo = 1;
	}
	if (cost > x)
		cost = far; /* no outcome below depends on it */
	if (cost <= budget(maxlen)) {
		double sim = 1.0 - 2.0 * cost / (double)maxlen;
		if (sim > best) {
			best = sim;
			*how = typo ? "typo" : "edit";
		}
	}
	if (skeletons && best < 0.70 && a->skel_len >= 6 && b->skel_len >= 6 &&
	    cost <= budget(maxlen) + 0.5 &&
	    unit_distance(a->skel, a->skel_len, b->skel, b->skel_len) <= 2 &&
	    edit_distance(a->skel, a->skel_len, b->skel, b->skel_len, 1.0) <=
		    1.0) {
		best = 0.70;
		*how = "skeleton+edit";
	}
	if (((a->flags | b->flags) & KD_TF_READ) && best < 0.85)
		best = phonetic_sim(a, b, best, how);
	/* a misspelt compound: against abd, or (skeletons 0) against the
	 * two parts joined (kd__joined_sim) */
	if (UNLIKELY(skeletons ? (a->len == 3 || b->len == 3) &&
					 (is_abd(a) || is_abd(b))
			       : compound_shaped(a) || compound_shaped(b)) &&
	    best < JOIN_MIN) {
		double c = compound_typo(a, b, how);
		if (c > best)
			best = c;
	}
	if (best < 0.80 && (a->flags & b->flags & KD_TF_NICK) &&
	    a->kind == KD_TOK_WORD && b->kind == KD_TOK_WORD &&
	    kd__nickname(a->s, a->len, b->s, b->len)) {
		best = 0.80;
		*how = "nickname";
	}
	return best;
}
