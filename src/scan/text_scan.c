/*
 * text_scan.c - listed names in running text, in any language and script.
 *
 * Pipeline, per chunk of ~64 KiB cut at whitespace:
 *
 *   UTF-8 ──► fold: ASCII words lowercased here (one pass, no calls);
 *             words with non-ASCII bytes (and runs of such words) go
 *             through kd__text_fold, which transliterates and keeps a
 *             byte map back to the input
 *         ──► tokens [a-z0-9]+ with input offsets; "'s" possessives cut
 *             off (Putin's), other apostrophes join (O'Neill); a word
 *             hyphenated across a line break is rejoined (Law-\nrow)
 *         ──► prefilter: only capitalised words (case of the first
 *             letter in the input; uncased scripts count as capitalised)
 *             are looked up in the lists' token dictionaries, by text and
 *             by cross-convention skeleton (Lawrow ~ lavrov); unknown
 *             words get a second chance with inflection endings removed
 *             (German genitive/adjective -s, -sche..: Putins, Lawrows;
 *             Russian case endings for Cyrillic words: Путина)
 *
 * Lowercase words are neither looked up nor kept, except name particles
 * (al, bin, von, de...), short function words (of, the) and parts
 * hyphenated to a capitalised word (Jong-un); a dropped word breaks a
 * span, as do sentence punctuation, quotes, brackets and blank lines
 * (a single line break does not: names wrap). That is what makes prose
 * fast: most words cost a byte loop and nothing else.
 *
 * Spans. A name span has 2..6 kept words, starts and ends with an
 * "anchor" (capitalised, known to the lists, not a function word, title
 * or particle), may hold particles, initials, one unknown capitalised
 * word (a middle name the lists lack), a few joining words (of, the,
 * and) and end in a number (vessels: Hwang Gum San 2), must carry >=
 * SPAN_INFO_MIN nats of rarity (sum of IDF by skeleton, the conservative
 * one), one word that is rare as listed (IDF >= 7 by its own spelling,
 * or its skeleton when unlisted: what score_span.c's strong pair needs)
 * and at least one word that is not a common place or generic word (Hong Kong, North Korea never fire
 * alone). Each such span is scored as a name (score_span.c: candidates +
 * compare, as kd_screen). Hits at or above the threshold are taken
 * greedily by score + 0.02 per word (longer wins near-ties), without
 * overlap. A span with a plausible name word right beside it (same
 * phrase) is a fragment of a longer name and is not scored alone.
 *
 * A two-word span naming a person listed as "FAMILY, Given" must hold
 * the family and another part (given_and_family: not two surnames or
 * two given names of the listed person).
 *
 * Single words, after that, for words not inside an accepted span:
 *   - coreference: the word equals (token similarity >= 0.85) the
 *     rarest word of an accepted mention of exactly one person nearby
 *     (up to 4000 bytes before, 1000 after: an article, not a whole
 *     archive) (Lawrows, Nowak after "Alexander Nowak");
 *     score = that mention's score x similarity;
 *   - standalone: a rare listed word (IDF >= 8) that is not in the
 *     common-name lexicon (lexicon.c: Miller, Novak, Kim, Berlin never
 *     fire alone), of 5+ letters, not starting a sentence (where
 *     capitals say nothing), spelled exactly as listed, scored by rarity
 *     (score_span.c) against the STRICTER single-word threshold:
 *     threshold + (1 - threshold) / 2, 0.85 at the default 0.70.
 *
 * Capitalisation is a signal only when the text has it: a text in which
 * fewer than 5% of the words start uppercase (chat, lowercased data), or
 * a field flagged KD_SCAN_NOCASE (SWIFT is all caps), treats every word
 * as capitalised.
 */
#include "scan/scan_int.h"
#include "text/text_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#define CHUNK 65536
#define MAX_SPAN 6
#define SPAN_INFO_MIN 11.0
#define RARE_IDF 7.0
#define SINGLE_IDF_MIN 8.0
#define COREF_SIM 0.85
#define COREF_BEFORE 4000 /* bytes: about one news article */
#define COREF_AFTER 1000
#define TOK_MAX 63

enum { CASE_UPPER = 1, CASE_LOWER, CASE_DIGIT };
enum { SEP_SOFT = 0, SEP_HYPHEN, SEP_HARD };
enum { PLACE_NO = 0, PLACE_YES };

struct tok {
	size_t os, oe;   /* segment-local input offsets */
	size_t txt;      /* arena offset: folded text, NUL-terminated */
	size_t stem;     /* arena offset: text used for matching */
	size_t skel;     /* arena offset: skeleton of stem ("" if none) */
	uint16_t len, slen, sklen;
	uint8_t cas, lex, sep, known, covered;
	uint8_t initial; /* first word of a sentence or paragraph */
	float idf;       /* by the more frequent of text and skeleton */
	float ridf;      /* by the text when listed, else the skeleton */
	uint8_t listed;  /* the text itself is a listed word */
	uint8_t word;    /* KD_WORD_* of the stem (known words only) */
	uint8_t hangul;  /* from a Korean name word (hangul_word) */
};

struct scan {
	struct kd_scan_ctx *c;
	const struct kd_seg *g;
	int nocase;
	int legacy;         /* KD_SCAN_F_LEGACY: evidence before issue 12 */
	int field;          /* a structured field (KD_SCAN_NOCASE) */
	struct tok *t;
	size_t n, cap;
	struct kd_buf ar;   /* token texts */
	int dropped;        /* a word was dropped since the last kept one */
	struct kd_map memo; /* "c|word" -> struct memo: resolved words */
	char *f;            /* folded chunk */
	size_t *fm;         /* its map (chunk-local input offsets) */
	size_t flen, fcap;
};

#define TXT(sc, tk) ((sc)->ar.ptr + (tk)->txt)
#define STEM(sc, tk) ((sc)->ar.ptr + (tk)->stem)
#define SKEL(sc, tk) ((sc)->ar.ptr + (tk)->skel)

static int is_alnum(unsigned char b)
{
	return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ||
	       (b >= '0' && b <= '9');
}

/* ---- folding ------------------------------------------------------------ */

static int fput(struct scan *sc, char ch, size_t off)
{
	if (sc->flen == sc->fcap) {
		size_t cap = sc->fcap ? sc->fcap * 2 : 4096;
		char *f = kd__realloc(sc->f, cap);
		size_t *fm;
		if (f == NULL)
			return kd__error_set(KD_ENOMEM, "out of memory");
		sc->f = f;
		fm = kd__realloc(sc->fm, cap * sizeof(*fm));
		if (fm == NULL)
			return kd__error_set(KD_ENOMEM, "out of memory");
		sc->fm = fm;
		sc->fcap = cap;
	}
	sc->f[sc->flen] = ch;
	sc->fm[sc->flen++] = off;
	return 0;
}

/* End of the word at i (bytes that are alnum or non-ASCII); sets *hi when
 * it has a non-ASCII byte. */
static size_t word_end(const char *s, size_t len, size_t i, int *hi)
{
	*hi = 0;
	while (i < len && ((unsigned char)s[i] >= 0x80 || is_alnum((unsigned char)s[i]))) {
		*hi |= (unsigned char)s[i] >= 0x80;
		i++;
	}
	return i;
}

/* ---- Chinese, Japanese, Korean ---------------------------------------------- */

enum { CJK_NONE = 0, CJK_HANGUL, CJK_DROP };

/* Class of the code point at s[i]; *n its byte length. Hangul syllables
 * are segmented into words here (hangul_word); Han characters, hiragana
 * and CJK punctuation never make a name in prose: romanised they are
 * syllables such as "shi" or "zhang" that spell some listed Chinese or
 * Korean name in every other sentence, so they only separate words.
 * Katakana (foreign names in Japanese) is romanised like any script. */
static int cjk_class(const char *s, size_t len, size_t i, size_t *n)
{
	unsigned char b = (unsigned char)s[i];
	int32_t k = 0;
	UChar32 c;
	if (b < 0xE3 || b > 0xEF)
		return CJK_NONE;
	U8_NEXT((const uint8_t *)s + i, k, (int32_t)(len - i > 4 ? 4 : len - i), c);
	if (n)
		*n = (size_t)k;
	if (c >= 0xAC00 && c <= 0xD7A3)
		return CJK_HANGUL;
	if ((c >= 0x3000 && c <= 0x309F) || (c >= 0x3400 && c <= 0x4DBF) ||
	    (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF))
		return CJK_DROP;
	return CJK_NONE;
}

/* Korean particles and endings after a noun, longest first. */
static const char *const g_particles_ko[] = {
	"에게서", "으로서", "으로써", "께서", "에게", "에서", "한테", "으로",
	"이다", "이며", "이고", "에는", "과의", "와의", "이라", "라는",
	"이란", "까지", "부터", "처럼", "보다", "은", "는", "이", "가", "을",
	"를", "의", "에", "와", "과", "도", "로", "만", "께", "나",
};

/* Korean surnames (one syllable; DPRK spellings 리, 림, 로, 류, 라 too)
 * and the two-syllable ones. */
static const char g_surnames_ko[] =
	"김이리박최정강조윤장임림한오서신권황안송류유전홍고문양손배백허남심"
	"노로하곽성차주우구민나라진지엄채원천방공현함변염여추도소석선설마길"
	"연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감"
	"음빈동온호범좌팽승간상갈시단견당화창궁계";
static const char *const g_surnames2_ko[] = { "남궁", "황보", "제갈", "선우",
					      "독고", "사공", "서문" };

static int ko_surname(const char *syl, size_t nsyl)
{
	size_t i;
	for (i = 0; i + 3 <= sizeof(g_surnames_ko) - 1 && nsyl == 1; i += 3)
		if (memcmp(g_surnames_ko + i, syl, 3) == 0)
			return 1;
	for (i = 0; i < sizeof(g_surnames2_ko) / sizeof(g_surnames2_ko[0]) &&
		    nsyl == 2;
	     i++)
		if (memcmp(g_surnames2_ko[i], syl, 6) == 0)
			return 1;
	return 0;
}

/* One Korean word (eojeol) s[i..e) of Hangul syllables: a person's name
 * is surname + given name, 3 syllables (4 with a two-syllable surname),
 * with a particle maybe attached (김정은은, 김정은이, 리영호에게). Such a
 * core is folded and kept; any other word is dropped, which also bounds
 * the name: ordinary words are not name syllables. @return the fold
 * error or 0. */
static int hangul_word(struct scan *sc, const char *s, size_t i, size_t e,
		       size_t base, int (*put)(struct scan *, char, size_t))
{
	size_t nsyl = (e - i) / 3, core = nsyl, k, sur;
	char *o = NULL;
	size_t ol = 0, *om = NULL;
	int err;
	if (nsyl > 3) {
		for (k = 0; k < sizeof(g_particles_ko) / sizeof(g_particles_ko[0]);
		     k++) {
			size_t pl = strlen(g_particles_ko[k]);
			if (pl < e - i &&
			    memcmp(s + e - pl, g_particles_ko[k], pl) == 0) {
				core = nsyl - pl / 3;
				break;
			}
		}
	}
	if (core >= 3 && memcmp(s + i + 3 * (core - 2), "요일", 6) == 0)
		return 0; /* 화요일: weekdays */
	/* a two-syllable surname only in a 4-syllable core: the word is
	 * long enough to compare 2 syllables (a fuzzed one-syllable word
	 * was read past its end) */
	sur = core == 4 && ko_surname(s + i, 2) ? 2 : 1;
	if (core != 2 + sur || !ko_surname(s + i, sur))
		return 0;
	err = kd__text_fold(&o, &ol, &om, s + i, 3 * core);
	{
		/* one romanised token per syllable (hangul.c): map token t
		 * to syllable t exactly, not proportionally */
		size_t tk = 0;
		for (k = 0; k < ol && err == 0; k++) {
			if (k > 0 && o[k] != ' ' && o[k - 1] == ' ' &&
			    tk + 1 < core)
				tk++;
			err = put(sc, o[k], base + i + 3 * tk);
		}
	}
	if (err == 0)
		err = put(sc, ' ', base + i + 3 * core);
	kd__free(o);
	kd__free(om);
	return err;
}

/* Is the non-ASCII word s[i..j) one the tokenizer would drop anyway: a
 * lowercase word of more than 5 letters (Cyrillic prose is almost all
 * such words, and romanising each through ICU was most of the time),
 * not hyphen-attached to the word before, in a text with case? */
static int lower_word(const struct scan *sc, const char *s, size_t len,
		      size_t i, size_t j)
{
	int32_t k = 0, cps = 0;
	UChar32 c;
	if (sc->legacy || sc->nocase || (i > 0 && s[i - 1] == '-'))
		return 0;
	U8_NEXT((const uint8_t *)s + i, k, (int32_t)(len - i > 4 ? 4 : len - i), c);
	if (c < 0 || !u_islower(c))
		return 0;
	for (k = 0; (size_t)k < j - i && cps <= 5; k++)
		cps += ((unsigned char)s[i + (size_t)k] & 0xC0) != 0x80;
	return cps > 5;
}

/* Fold s[0..len) (chunk-local offsets) into sc->f / sc->fm. */
static int fold(struct scan *sc, const char *s, size_t len, size_t base)
{
	size_t i = 0;
	int err = 0, hi;
	sc->flen = 0;
	while (i < len && err == 0) {
		unsigned char b = (unsigned char)s[i];
		size_t j, k;
		if (b < 0x80 && !is_alnum(b)) {
			err = fput(sc, b < 0x20 || b == 0x7F ? ' ' : (char)b,
				   base + i);
			i++;
			continue;
		}
		if (!sc->legacy && b >= 0x80) {
			size_t cl = 1;
			int cls = cjk_class(s, len, i, &cl);
			if (cls == CJK_DROP) {
				i += cl;
				continue;
			}
			if (cls == CJK_HANGUL) {
				j = i;
				while (j < len &&
				       cjk_class(s, len, j, NULL) == CJK_HANGUL)
					j += 3;
				err = hangul_word(sc, s, i, j, base, fput);
				i = j;
				continue;
			}
		}
		j = word_end(s, len, i, &hi);
		if (!sc->legacy && hi) {
			/* stop before Chinese, Japanese or Korean */
			size_t k2;
			for (k2 = i; k2 < j; k2++)
				if (cjk_class(s, len, k2, NULL) != CJK_NONE)
					break;
			j = k2 > i ? k2 : j;
		}
		if (hi && lower_word(sc, s, len, i, j)) {
			i = j; /* dropped by add_word anyway: not folded */
			continue;
		}
		if (!hi) {
			for (k = i; k < j && err == 0; k++) {
				char ch = s[k];
				if (ch >= 'A' && ch <= 'Z')
					ch = (char)(ch | 0x20);
				err = fput(sc, ch, base + k);
			}
			i = j;
			continue;
		}
		/* a run of words with non-ASCII bytes, joined by spaces */
		for (;;) {
			size_t k2 = j, j2;
			int hi2;
			while (k2 < len && k2 < j + 3 && s[k2] == ' ')
				k2++;
			if (k2 == j || k2 >= len)
				break;
			j2 = word_end(s, len, k2, &hi2);
			if (!hi2 || j2 == k2)
				break;
			if (!sc->legacy) {
				size_t k3;
				for (k3 = k2; k3 < j2; k3++)
					if (cjk_class(s, len, k3, NULL) != CJK_NONE)
						break;
				if (k3 < j2 || lower_word(sc, s, len, k2, j2))
					break;
			}
			j = j2;
		}
		{
			char *o = NULL;
			size_t ol = 0, *om = NULL;
			err = kd__text_fold(&o, &ol, &om, s + i, j - i);
			for (k = 0; k < ol && err == 0; k++)
				err = fput(sc, o[k], base + i + om[k]);
			kd__free(o);
			kd__free(om);
		}
		i = j;
	}
	return err;
}

/* ---- tokens ------------------------------------------------------------------ */

static size_t cp_end(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return len;
	i++;
	while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
		i++;
	return i;
}

static int case_of(const char *s, size_t len, size_t i, int *cyr)
{
	unsigned char b = (unsigned char)s[i];
	int32_t k = 0;
	UChar32 c;
	*cyr = 0;
	if (b < 0x80)
		return b >= '0' && b <= '9' ? CASE_DIGIT
		       : b >= 'A' && b <= 'Z' ? CASE_UPPER
					      : CASE_LOWER;
	U8_NEXT((const uint8_t *)s + i, k, (int32_t)(len - i > 8 ? 8 : len - i), c);
	if (c < 0)
		return CASE_UPPER;
	*cyr = c >= 0x400 && c < 0x530;
	if (u_isdigit(c))
		return CASE_DIGIT;
	return u_islower(c) ? CASE_LOWER : CASE_UPPER;
}

/* Separator class of the input bytes between two kept words. */
static int sep_class(const char *s, size_t a, size_t b, size_t prevlen)
{
	size_t i, nl = 0;
	int hyph = 0;
	if (b - a > 12)
		return SEP_HARD;
	for (i = a; i < b; i++) {
		unsigned char x = (unsigned char)s[i];
		if (x == ' ' || x == '\t' || x == '\r')
			continue;
		if (x == '\n') {
			if (++nl > 1)
				return SEP_HARD; /* paragraph */
			continue;
		}
		if (x == '-') {
			hyph = 1;
			continue;
		}
		if (x == '\'')
			continue;
		if (x == '.' && prevlen == 1)
			continue; /* initial: "Vladimir V. Putin" */
		if (x == 0xC2 && i + 1 < b &&
		    ((unsigned char)s[i + 1] == 0xA0 || (unsigned char)s[i + 1] == 0xAD)) {
			i++; /* no-break space, soft hyphen */
			continue;
		}
		if (x == 0xE2 && i + 2 < b && (unsigned char)s[i + 1] == 0x80) {
			unsigned char y = (unsigned char)s[i + 2];
			if (y == 0x90 || y == 0x91) { /* hyphens */
				hyph = 1;
				i += 2;
				continue;
			}
			if (y == 0x99 || (y >= 0x8B && y <= 0x8D) || y == 0xAF) {
				i += 2; /* ’, zero-width, narrow no-break space */
				continue;
			}
		}
		return SEP_HARD;
	}
	return hyph ? SEP_HYPHEN : SEP_SOFT;
}

static int arena_put(struct scan *sc, size_t *off, const char *s, size_t n)
{
	int err;
	*off = sc->ar.len;
	if ((err = kd__buf_put(&sc->ar, s, n)) < 0)
		return err;
	return kd__buf_putc(&sc->ar, '\0');
}

/* Look a word up by text, then skeleton; fills known/idf/skel. */
static int lookup(struct scan *sc, struct tok *t, const char *w, size_t n,
		  int *found)
{
	const struct kd_matcher *m = sc->c->m;
	char sk[2 * TOK_MAX + 4];
	size_t sl = kd__skeleton(sk, sizeof(sk), w, n);
	uint32_t id = kd__dict_find(&m->texts, w), sid = UINT32_MAX, df = 0;
	int err;
	*found = 0;
	if (sl)
		sid = kd__dict_find(&m->skels, sk);
	if (id == UINT32_MAX && sid == UINT32_MAX)
		return 0;
	if (sid != UINT32_MAX)
		df = m->skels.df[sid];
	if (id != UINT32_MAX && m->texts.df[id] > df)
		df = m->texts.df[id];
	t->idf = (float)kd__idf(m, df);
	t->ridf = (float)kd__idf(m, id != UINT32_MAX ? m->texts.df[id]
						     : m->skels.df[sid]);
	t->known = 1;
	t->listed = id != UINT32_MAX;
	*found = 1;
	t->sklen = (uint16_t)sl;
	if ((err = arena_put(sc, &t->skel, sk, sl)) < 0)
		return err;
	return 0;
}

/* Inflection endings tried on unknown words, longest first. */
static const char *const g_suf_latin[] = { "schen", "schem", "scher",
					   "sches", "sche", "s" };
static const char *const g_suf_cyr[] = { "ogo", "omu", "ym", "om", "oj",
					 "oi", "u", "a", "e", "y" };

/* A joined Arabic compound the name analyser splits (src/text/
 * tokens.c: Attiqullah -> attiq allah, Nasiruddin -> nasir al din,
 * Abdurrahman -> abd al rahman): the lists hold the parts, so a word
 * unknown as a whole is known by its rarest listed part. The stem stays
 * the whole word; scoring analyses it into the same parts as the lists.
 * Cheap test first: only words that start or end like such compounds. */
static int resolve_split(struct scan *sc, struct tok *t, const char *w,
			 size_t n)
{
	static const char *const ends[] = { "ullah", "ollah", "allah",
					    "uddin", "eddin", "iddin", "addin",
					    "aldin", "udin", "uddeen", "eddine",
					    "rahman", "rehman", "rahim" };
	struct kd_tokset *ts;
	size_t i, best = SIZE_MAX;
	uint32_t bestdf = UINT32_MAX;
	int split = n >= 5 && memcmp(w, "abd", 3) == 0, found, err = 0;
	for (i = 0; i < sizeof(ends) / sizeof(ends[0]) && !split; i++) {
		size_t l = strlen(ends[i]);
		split = n >= l + 3 && memcmp(w + n - l, ends[i], l) == 0;
	}
	if (!split)
		return 0;
	ts = kd__malloc(sizeof(*ts));
	if (ts == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	kd__tokenize(ts, w, n, 0);
	for (i = 0; i < ts->n && ts->n > 1; i++) {
		uint32_t id = kd__dict_find(&sc->c->m->texts, ts->t[i].s);
		if (id != UINT32_MAX && sc->c->m->texts.df[id] < bestdf) {
			bestdf = sc->c->m->texts.df[id];
			best = i;
		}
	}
	if (best != SIZE_MAX) {
		err = lookup(sc, t, ts->t[best].s, ts->t[best].len, &found);
		t->listed = 0; /* not spelled as listed: no single-word hit */
	}
	kd__free(ts);
	return err;
}

/* Korean given names are written joined as often as apart (Wonuk, Won
 * Uk, Won-uk): an unknown word that is two listed syllable words
 * (wonuk = won + uk) is known by the rarer part; score_span.c matches
 * it to the two listed words (joined_pair). */
static int resolve_joined(struct scan *sc, struct tok *t, const char *w,
			  size_t n)
{
	const struct kd_matcher *m = sc->c->m;
	char a[16];
	size_t k;
	int found;
	for (k = 2; k + 2 <= n && k <= 5; k++) {
		uint32_t x, y;
		memcpy(a, w, k);
		a[k] = '\0';
		if ((x = kd__dict_find(&m->texts, a)) == UINT32_MAX)
			continue;
		if ((y = kd__dict_find(&m->texts, w + k)) == UINT32_MAX ||
		    n - k > 5)
			continue;
		if (m->texts.df[y] < m->texts.df[x]) {
			int err = lookup(sc, t, w + k, n - k, &found);
			t->listed = 0;
			return err;
		}
		{
			int err = lookup(sc, t, a, k, &found);
			t->listed = 0;
			return err;
		}
	}
	return 0;
}

static int resolve(struct scan *sc, struct tok *t, int cyr)
{
	char w[TOK_MAX + 1];
	const char *const *suf = cyr ? g_suf_cyr : g_suf_latin;
	size_t nsuf = cyr ? sizeof(g_suf_cyr) / sizeof(g_suf_cyr[0])
			  : sizeof(g_suf_latin) / sizeof(g_suf_latin[0]);
	size_t i, n = t->len;
	int found, err;
	t->stem = t->txt;
	t->slen = t->len;
	if (t->cas == CASE_DIGIT)
		return 0;
	memcpy(w, TXT(sc, t), n + 1);
	if ((err = lookup(sc, t, w, n, &found)) < 0 || found)
		return err;
	for (i = 0; i < nsuf; i++) {
		size_t k = strlen(suf[i]);
		if (n < k + 4 || memcmp(w + n - k, suf[i], k) != 0)
			continue;
		w[n - k] = '\0';
		if ((err = lookup(sc, t, w, n - k, &found)) < 0)
			return err;
		if (found && t->idf >= 7.0) {
			t->slen = (uint16_t)(n - k);
			return arena_put(sc, &t->stem, w, n - k);
		}
		t->known = 0;
		w[n - k] = suf[i][0];
	}
	if (!sc->legacy && (err = resolve_split(sc, t, w, n)) < 0)
		return err;
	if (!sc->legacy && !t->known && n >= 5 && n <= 9 && !cyr &&
	    kd__lex_word(w, n) != KD_WORD_COMMON)
		return resolve_joined(sc, t, w, n);
	return 0;
}

/* Does the word at s[i] start a sentence (or the text, or a paragraph)?
 * Looks back over spaces, quotes, brackets and dashes; a single line
 * break is a wrapped line, not a boundary. */
static int sentence_start(const char *s, size_t i)
{
	size_t k = i;
	while (k > 0) {
		unsigned char b = (unsigned char)s[k - 1];
		if (b == ' ' || b == '\t' || b == '\r' || b == '"' || b == '\'' ||
		    b == '(' || b == '[' || b == '-') {
			k--;
		} else if (b == '\n') {
			size_t j = k - 1;
			while (j > 0 && (s[j - 1] == ' ' || s[j - 1] == '\t' ||
					 s[j - 1] == '\r'))
				j--;
			if (j == 0 || s[j - 1] == '\n')
				return 1; /* blank line before */
			k--;
		} else if (b >= 0x80) {
			/* quotes and dashes: U+00AB, U+00BB, U+2013..U+201F */
			if (k >= 2 && (unsigned char)s[k - 2] == 0xC2 &&
			    (b == 0xAB || b == 0xBB || b == 0xA0))
				k -= 2;
			else if (k >= 3 && (unsigned char)s[k - 3] == 0xE2 &&
				 (unsigned char)s[k - 2] == 0x80 &&
				 b >= 0x93 && b <= 0x9F)
				k -= 3;
			else
				return 0;
		} else {
			return b == '.' || b == '!' || b == '?' || b == ':';
		}
	}
	return 1;
}

/* What resolve() and the lexicons found for a capitalised word, kept
 * for the rest of the scan: words repeat (a German text says "Server"
 * a hundred times) and each costs two dictionary lookups, a skeleton
 * and a lexicon search. Arena offsets stay valid as the arena grows. */
struct memo {
	size_t txt, stem, skel;
	uint16_t slen, sklen;
	uint8_t lex, known, listed, word;
	float idf, ridf;
};

/* Keep or drop one word; fs..fe in the folded chunk, text in w. */
static int add_word(struct scan *sc, const char *s, size_t len, size_t fs,
		    size_t fe, const char *w, size_t n)
{
	struct tok t;
	int cyr, err, lex = KD_LEX_NONE;
	size_t os = sc->fm[fs], oe = cp_end(s, len, sc->fm[fe - 1]);
	memset(&t, 0, sizeof(t));
	if (fe < sc->flen && sc->fm[fe] > oe)
		oe = sc->fm[fe];
	t.os = os;
	t.oe = oe;
	t.cas = (uint8_t)case_of(s, len, os, &cyr);
	if (t.cas == CASE_UPPER)
		t.initial = (uint8_t)sentence_start(s, os);
	if (sc->nocase && t.cas == CASE_LOWER)
		t.cas = CASE_UPPER;
	t.sep = SEP_HARD;
	if (sc->n && !sc->dropped)
		t.sep = (uint8_t)sep_class(s, sc->t[sc->n - 1].oe, os,
					   sc->t[sc->n - 1].len);
	/* a word hyphenated across a line break: rejoin */
	if (sc->n && !sc->dropped && t.cas == CASE_LOWER &&
	    sc->t[sc->n - 1].cas == CASE_UPPER && t.sep == SEP_HYPHEN &&
	    memchr(s + sc->t[sc->n - 1].oe, '\n', os - sc->t[sc->n - 1].oe) &&
	    sc->t[sc->n - 1].len + n <= TOK_MAX) {
		struct tok *p = &sc->t[sc->n - 1];
		char jw[2 * TOK_MAX + 2];
		size_t pl = p->len;
		memcpy(jw, TXT(sc, p), pl);
		memcpy(jw + pl, w, n);
		jw[pl + n] = '\0';
		if ((err = arena_put(sc, &p->txt, jw, pl + n)) < 0)
			return err;
		p->len = (uint16_t)(pl + n);
		p->oe = oe;
		p->known = 0;
		p->lex = (uint8_t)kd__lex_class(jw);
		return resolve(sc, p, 0);
	}
	if (t.cas == CASE_LOWER) {
		int attached = t.sep == SEP_HYPHEN && sc->n && !sc->dropped &&
			       sc->t[sc->n - 1].cas == CASE_UPPER;
		if (n <= 5)
			lex = kd__lex_class(w);
		if (!attached && lex != KD_LEX_PARTICLE && lex != KD_LEX_STOP) {
			sc->dropped = 1;
			return 0;
		}
	} else if (n <= TOK_MAX) {
		lex = kd__lex_class(w);
		if (!sc->legacy && lex != KD_LEX_PARTICLE && kd__lex_nonname(w))
			lex = KD_LEX_STOP; /* Thu Jun, Mai, km */
	}
	t.lex = (uint8_t)lex;
	t.len = (uint16_t)n;
	if ((err = kd__grow((void **)&sc->t, &sc->cap, sc->n + 1,
			    sizeof(*sc->t))) < 0)
		return err;
	if (!sc->legacy && t.cas == CASE_UPPER && n <= TOK_MAX) {
		char key[TOK_MAX + 3];
		struct memo *mo;
		key[0] = cyr ? 'c' : 'l';
		memcpy(key + 1, w, n + 1);
		mo = kd__map_get(&sc->memo, key);
		if (mo == NULL) {
			/* first time: resolve as below, then remember */
			if ((err = arena_put(sc, &t.txt, w, n)) < 0)
				return err;
			t.skel = t.txt;
			if (lex != KD_LEX_STOP && lex != KD_LEX_PARTICLE &&
			    (err = resolve(sc, &t, cyr)) < 0)
				return err;
			if (t.known == 0)
				t.stem = t.txt, t.slen = t.len;
			t.word = (uint8_t)(t.slen < 3 ? KD_WORD_COMMON
					   : kd__lex_word(STEM(sc, &t), t.slen));
			mo = kd__pool_alloc(sc->c->pool, sizeof(*mo));
			if (mo == NULL)
				return kd__error_set(KD_ENOMEM, "out of memory");
			mo->txt = t.txt;
			mo->stem = t.stem;
			mo->skel = t.skel;
			mo->slen = t.slen;
			mo->sklen = t.sklen;
			mo->lex = t.lex;
			mo->known = t.known;
			mo->listed = t.listed;
			mo->word = t.word;
			mo->idf = t.idf;
			mo->ridf = t.ridf;
			{
				char *k = kd__pool_strndup(sc->c->pool, key, n + 1);
				if (k == NULL ||
				    (err = kd__map_put(&sc->memo, k, mo)) < 0)
					return k ? err : kd__error_set(KD_ENOMEM,
								       "out of memory");
			}
		} else {
			t.txt = mo->txt;
			t.stem = mo->stem;
			t.skel = mo->skel;
			t.slen = mo->slen;
			t.sklen = mo->sklen;
			t.lex = mo->lex;
			t.known = mo->known;
			t.listed = mo->listed;
			t.word = mo->word;
			t.idf = mo->idf;
			t.ridf = mo->ridf;
		}
		goto kept;
	}
	if ((err = arena_put(sc, &t.txt, w, n)) < 0)
		return err;
	t.skel = t.txt;
	if (lex != KD_LEX_STOP && lex != KD_LEX_PARTICLE &&
	    (err = resolve(sc, &t, cyr)) < 0)
		return err;
	if (t.known == 0)
		t.stem = t.txt, t.slen = t.len;
kept:
	t.hangul = (uint8_t)(!sc->legacy && cjk_class(s, len, os, NULL) == CJK_HANGUL);
	if (sc->n && sc->t[sc->n - 1].hangul != t.hangul)
		t.sep = SEP_HARD; /* a Hangul name is one word */
	sc->t[sc->n++] = t;
	sc->dropped = 0;
	return 0;
}

static int tokenize(struct scan *sc, const char *s, size_t len)
{
	const char *f = sc->f;
	size_t k = 0, n = sc->flen;
	int err = 0;
	while (k < n && err == 0) {
		char w[TOK_MAX + 1];
		size_t fs, wl = 0, last;
		if (!is_alnum((unsigned char)f[k])) {
			k++;
			continue;
		}
		fs = k;
		last = k;
		while (k < n) {
			if (is_alnum((unsigned char)f[k])) {
				if (wl < TOK_MAX)
					w[wl] = f[k];
				wl++;
				last = k++;
				continue;
			}
			if (f[k] == '\'' && k + 1 < n &&
			    is_alnum((unsigned char)f[k + 1])) {
				if (f[k + 1] == 's' &&
				    (k + 2 >= n || !is_alnum((unsigned char)f[k + 2]))) {
					k += 2; /* possessive 's: cut off */
					break;
				}
				k++; /* O'Neill */
				continue;
			}
			break;
		}
		if (wl > TOK_MAX) {
			sc->dropped = 1; /* not a name word */
			continue;
		}
		w[wl] = '\0';
		err = add_word(sc, s, len, fs, last + 1, w, wl);
	}
	return err;
}

/* ---- spans ----------------------------------------------------------------------- */

struct cand {
	size_t i, j;
	const struct kd_scan_match *r;
	double key;
};

static int anchor(const struct tok *t)
{
	return t->known && t->cas == CASE_UPPER && t->len >= 2 &&
	       t->lex != KD_LEX_STOP && t->lex != KD_LEX_PARTICLE;
}

/* A word rare enough in the lists to carry a match (see strong_pair in
 * score_span.c: the same test, before any scoring). */
static int rare_word(const struct tok *t)
{
	return t->ridf >= RARE_IDF &&
	       (t->lex == KD_LEX_NONE || t->lex == KD_LEX_COMMON);
}

/* Function words allowed inside a name ("Bank of Moscow"). */
static int joiner(const struct scan *sc, const struct tok *t)
{
	static const char *const w[] = { "of", "the", "and", "for", "und",
					 "et", "des", "fur" };
	size_t i;
	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (strcmp(TXT(sc, t), w[i]) == 0)
			return 1;
	return 0;
}

/* Function words, particles, places and generic words: a span made
 * only of these is not a name (Hong Kong, North Korea, Bank of China). */
static int placeish(const struct tok *t)
{
	return t->lex == KD_LEX_STOP || t->lex == KD_LEX_PARTICLE ||
	       t->lex == KD_LEX_PLACE;
}

/* A plausible name word right next to [i..j] (same phrase): then the
 * span is a fragment of a longer name ("Pak [Thae-song]"), and scoring
 * the fragment alone would match whatever shares those words. The
 * longer span is a candidate of its own. */
static int name_word(const struct tok *t)
{
	return anchor(t) && (t->lex == KD_LEX_NONE || t->lex == KD_LEX_COMMON);
}

static int unbounded(const struct scan *sc, size_t i, size_t j)
{
	const struct tok *l = i > 0 ? &sc->t[i - 1] : NULL;
	const struct tok *r = j + 1 < sc->n ? &sc->t[j + 1] : NULL;
	if (l && sc->t[i].sep != SEP_HARD &&
	    (name_word(l) || (sc->t[i].sep == SEP_HYPHEN && l->known)))
		return 1;
	return r && r->sep != SEP_HARD &&
	       (name_word(r) || (r->sep == SEP_HYPHEN && r->known));
}

static int span_key(struct scan *sc, size_t i, size_t j, char *key,
		    size_t cap, size_t *klen)
{
	size_t k, o = 0;
	for (k = i; k <= j; k++) {
		const struct tok *t = &sc->t[k];
		if (o + t->slen + 2 > cap)
			return -1;
		if (o)
			key[o++] = ' ';
		memcpy(key + o, STEM(sc, t), t->slen);
		o += t->slen;
	}
	key[o] = '\0';
	*klen = o;
	return 0;
}

/* Language evidence for a span [i..j] (not in legacy mode):
 *   - two ordinary words of some language ("International System",
 *     "Control System", "Show Done") are not a name: one of them must
 *     be a proper noun or in no dictionary at all (three or more
 *     capitalised list words in a row are let through: Kim Sung Su is
 *     three ordinary words somewhere);
 *     (words of one or two letters count as ordinary: "AD", "CC");
 *   - two words joined by a hyphen (Jean-Pierre, Hans-Peter, EUC-KR,
 *     Multi-Threading) are one name part, and one part alone is no
 *     full name (see singles() for single words).
 * Syllables of a Korean name word carry no dictionary evidence (the
 * word was segmented as surname + given name in hangul_word). */
static int span_evidence(const struct scan *sc, size_t i, size_t j)
{
	size_t k, words = 0, common = 0, known = 0; /* known: unused */
	for (k = i; k <= j; k++) {
		const struct tok *t = &sc->t[k];
		if (t->hangul)
			return 1;
		if (t->cas == CASE_DIGIT || t->lex == KD_LEX_STOP ||
		    t->lex == KD_LEX_PARTICLE || t->len < 2)
			continue;
		words++;
		common += t->word == KD_WORD_COMMON;
		known += t->word != KD_WORD_NONE;
	}
	if (words && words <= 2 && common == words)
		return 0;
	if (words == 2 && j == i + 1 && sc->t[j].sep == SEP_HYPHEN)
		return 0;
	(void)known;
	return 1;
}

/* A span [i..j] with no word rare among list names may still be a
 * full name by language evidence: name words all known to the lists,
 * three or more (Pak Mun Il: Korean syllables are words somewhere), or
 * two not both ordinary dictionary words (Mohammad Ahmadi, Yahya
 * Haqqani); or one unlisted spelling that is no ordinary word beside
 * two listed words, or beside one that is rare on the lists. score_span.c scores it as kd_screen
 * does (KD_SCAN_FULL). */
static int full_name(const struct scan *sc, size_t i, size_t j)
{
	size_t k, words = 0, plain = 0, unknown = 0;
	int rare = 0;
	for (k = i; k <= j; k++) {
		const struct tok *t = &sc->t[k];
		if (t->lex == KD_LEX_STOP || t->lex == KD_LEX_PARTICLE ||
		    t->cas == CASE_DIGIT || (t->len == 1 && t->cas == CASE_UPPER))
			continue;
		if (!t->known) {
			/* one press spelling the lists lack (see
			 * unknown_start), no ordinary word */
			if (unknown++ || t->word == KD_WORD_COMMON)
				return 0;
			continue;
		}
		words++;
		plain += !t->hangul && t->word == KD_WORD_COMMON;
		rare |= t->ridf >= RARE_IDF;
	}
	if (unknown)
		return words >= 2 || (words == 1 && rare);
	return words >= 3 || (words == 2 && plain < 2);
}

/* Not in legacy mode, a span may start with one capitalised word the
 * lists lack when it is no ordinary word and a listed word follows:
 * press spellings of given names (Nadieżda Szkołkina, Pietr Zima).
 * full_name() and KD_SCAN_FULL decide; the lists' words are matched
 * with the edit distance screen uses. */
static int unknown_start(const struct scan *sc, size_t i)
{
	const struct tok *t = &sc->t[i];
	return !sc->legacy && !t->known && t->cas == CASE_UPPER &&
	       t->len >= 3 && t->lex == KD_LEX_NONE &&
	       t->word != KD_WORD_COMMON && i + 1 < sc->n &&
	       sc->t[i + 1].sep == SEP_SOFT && anchor(&sc->t[i + 1]);
}

/* Are tokens k and k + 1 syllables of one Hangul word (no byte
 * between them in the input)? */
static int same_word(const struct scan *sc, size_t k)
{
	return k + 1 < sc->n && sc->t[k].hangul && sc->t[k + 1].hangul &&
	       sc->t[k].oe == sc->t[k + 1].os;
}

static int given_and_family(const struct scan *sc, size_t i, size_t j,
			    uint32_t ei);

static int collect(struct scan *sc, struct cand **cs, size_t *nc,
		   size_t *capc)
{
	size_t i, j;
	int err;
	for (i = 0; i < sc->n; i++) {
		double info = 0;
		int unknown = 0, specific = 0, rare = 0;
		if (!anchor(&sc->t[i]) && !unknown_start(sc, i))
			continue;
		if (sc->t[i].hangul && i > 0 && same_word(sc, i - 1))
			continue; /* a Korean name is its whole word */
		unknown = !sc->t[i].known;
		info = sc->t[i].idf;
		specific = !placeish(&sc->t[i]);
		rare = rare_word(&sc->t[i]);
		for (j = i + 1; j < sc->n && j < i + MAX_SPAN; j++) {
			const struct tok *t = &sc->t[j];
			int end_ok = 0;
			if (t->sep == SEP_HARD ||
			    (sc->t[i].hangul && !same_word(sc, j - 1)))
				break;
			if (t->cas == CASE_DIGIT) {
				if (t->len > 4)
					break;
				end_ok = 1;
				specific = 1;
			} else if (anchor(t)) {
				end_ok = 1;
				info += t->idf;
				specific |= !placeish(t);
				rare |= rare_word(t);
			} else if (t->cas == CASE_LOWER && t->known &&
				   t->sep == SEP_HYPHEN) {
				end_ok = 1; /* Jong-un */
				info += t->idf;
				specific = 1;
				rare |= rare_word(t);
			} else if (t->lex == KD_LEX_PARTICLE ||
				   (t->lex == KD_LEX_STOP && joiner(sc, t)) ||
				   (t->len == 1 && t->cas == CASE_UPPER)) {
				/* inside only */
			} else if (t->cas == CASE_UPPER && !t->known && !unknown) {
				unknown = 1;
			} else {
				break;
			}
			if (sc->t[i].hangul && j + 1 < sc->n && same_word(sc, j))
				end_ok = 0;
			if (end_ok && specific &&
			    ((rare && info >= SPAN_INFO_MIN) ||
			     (!sc->legacy && full_name(sc, i, j))) &&
			    !unbounded(sc, i, j) &&
			    (sc->legacy || span_evidence(sc, i, j))) {
				char key[256];
				size_t kl;
				const struct kd_scan_match *r = NULL;
				if (span_key(sc, i, j, key, sizeof(key), &kl) < 0)
					break;
				if (rare && info >= SPAN_INFO_MIN &&
				    (err = kd__scan_score(&r, sc->c, key, kl,
							  KD_SCAN_PROSE)) < 0)
					return err;
				if ((r == NULL || r->ent == UINT32_MAX ||
				     r->score < sc->c->threshold) &&
				    !sc->legacy && full_name(sc, i, j) &&
				    (err = kd__scan_score(&r, sc->c, key, kl,
							  KD_SCAN_FULL)) < 0)
					return err;
				if (r == NULL)
					continue;
				if (r->ent != UINT32_MAX &&
				    r->score >= sc->c->threshold &&
				    (sc->legacy ||
				     given_and_family(sc, i, j, r->ent))) {
					if ((err = kd__grow((void **)cs, capc,
							    *nc + 1,
							    sizeof(**cs))) < 0)
						return err;
					(*cs)[*nc].i = i;
					(*cs)[*nc].j = j;
					(*cs)[*nc].r = r;
					(*cs)[*nc].key =
						r->score + 0.02 * (double)(j - i + 1);
					(*nc)++;
				}
			}
			if (t->cas == CASE_DIGIT)
				break; /* a number ends a name */
		}
	}
	return 0;
}

static int cmp_cand(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? 1 : -1;
	return x->i < y->i ? -1 : (x->i > y->i);
}

/* The word a later reference would use: the rarest of the mention. */
static size_t ref_word(const struct scan *sc, const struct cand *h)
{
	size_t k, best = SIZE_MAX;
	for (k = h->i; k <= h->j; k++) {
		const struct tok *t = &sc->t[k];
		if (!t->known || t->len < 3 || t->cas == CASE_DIGIT ||
		    t->lex == KD_LEX_PARTICLE || t->lex == KD_LEX_STOP)
			continue;
		if (best == SIZE_MAX || t->idf >= sc->t[best].idf)
			best = k;
	}
	return best;
}

static void qtok_of(struct kd_qtok *q, const struct scan *sc,
		    const struct tok *t)
{
	memset(q, 0, sizeof(*q));
	q->s = STEM(sc, t);
	q->len = t->slen;
	q->skel = SKEL(sc, t);
	q->skel_len = t->sklen;
	q->kind = KD_TOK_WORD;
	q->id = UINT32_MAX;
}

static int add_hit(struct scan *sc, size_t i, size_t j,
		   const struct kd_scan_match *r)
{
	return kd__scan_add(sc->c, sc->g, sc->t[i].os, sc->t[j].oe, r);
}

static int cmp_pos(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	return x->i < y->i ? -1 : (x->i > y->i);
}

/* ---- context of a one-word vessel or organisation name ------------------- */

/* Lowercase ASCII copy of the word ending before s[e] (skipping spaces,
 * and the punctuation of "M/V", "(IMO"); *start its first byte. */
static size_t word_before(const char *s, size_t e, size_t lim, char *w,
			  size_t cap, size_t *start)
{
	size_t b, n, k;
	while (e > lim && (s[e - 1] == ' ' || s[e - 1] == '\t' ||
			   s[e - 1] == '\n' || s[e - 1] == '\r' ||
			   s[e - 1] == '(' || s[e - 1] == ','))
		e--;
	b = e;
	while (b > lim && ((unsigned char)s[b - 1] >= 0x80 ||
			   is_alnum((unsigned char)s[b - 1]) || s[b - 1] == '/' ||
			   s[b - 1] == '.'))
		b--;
	n = e - b;
	if (n == 0 || n >= cap)
		return 0;
	for (k = 0; k < n; k++)
		w[k] = (char)(s[b + k] >= 'A' && s[b + k] <= 'Z' ? s[b + k] | 0x20
								: s[b + k]);
	w[n] = '\0';
	*start = b;
	return n;
}

static size_t word_after(const char *s, size_t b, size_t len, char *w,
			 size_t cap, size_t *end)
{
	size_t e, n, k;
	while (b < len && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' ||
			   s[b] == '\r' || s[b] == '(' || s[b] == ','))
		b++;
	e = b;
	while (e < len && ((unsigned char)s[e] >= 0x80 ||
			   is_alnum((unsigned char)s[e]) || s[e] == '/' ||
			   s[e] == '.'))
		e++;
	while (e > b && s[e - 1] == '.')
		e--;
	n = e - b;
	if (n == 0 || n >= cap)
		return 0;
	for (k = 0; k < n; k++)
		w[k] = (char)(s[b + k] >= 'A' && s[b + k] <= 'Z' ? s[b + k] | 0x20
								: s[b + k]);
	w[n] = '\0';
	*end = e;
	return n;
}

static int in_list(const char *w, const char *const *l, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (strcmp(w, l[i]) == 0)
			return 1;
	return 0;
}

/* Is there vessel or organisation context around token t: a vessel
 * prefix or word before it (MV, M/T, tanker, vessel, Schiff, navire,
 * судно...), a legal form before or after it (JSC, OOO, LLC, GmbH...),
 * an IMO number after it, quotes around it, or a structured field? */
static int context(const struct scan *sc, const struct tok *t)
{
	static const char *const before[] = {
		"mv", "m/v", "mt", "m/t", "ms", "m/s", "mts", "m.v.", "m.t.",
		"ship", "vessel", "tanker", "freighter", "carrier", "boat",
		"schiff", "tanker", "frachter", "tankschiff", "frachtschiff",
		"navire", "bateau", "p\xc3\xa9trolier", "petrolier",
		"cargo", "buque", "barco", "petrolero", "nave",
		"petroliera", "statek", "tankowiec", "statku", "lod",
		"lo\xc4\x8f", "tanker", "\xd1\x81\xd1\x83\xd0\xb4\xd0\xbd\xd0\xbe",
		"\xd1\x82\xd0\xb0\xd0\xbd\xd0\xba\xd0\xb5\xd1\x80",
		"jsc", "ojsc", "pjsc", "cjsc", "ooo", "oao", "zao", "pao", "ao",
		"\xd0\x9e\xd0\x9e\xd0\x9e", "\xd0\x9e\xd0\x90\xd0\x9e",
		"\xd0\x97\xd0\x90\xd0\x9e", "\xd0\x9f\xd0\x90\xd0\x9e",
		"\xd0\x90\xd0\x9e", "company", "firm", "firma", "bank",
		"unternehmen", "konzern", "soci\xc3\xa9t\xc3\xa9", "societe",
		"empresa", "compa\xc3\xb1\xc3\xad" "a", "societ\xc3\xa0",
		"sp\xc3\xb3\xc5\x82ka", "sp\xc3\xb3\xc5\x82ki", "spolka",
		"spole\xc4\x8dnost",
	};
	static const char *const after[] = {
		"llc", "ltd", "ltd.", "limited", "inc", "inc.", "corp", "corp.",
		"co", "co.", "plc", "gmbh", "ag", "kg", "sa", "s.a.", "sarl",
		"sas", "srl", "s.r.l.", "spa", "s.p.a.", "bv", "b.v.", "nv",
		"n.v.", "oy", "ab", "as", "a/s", "jsc", "pjsc", "fze", "fzco",
		"fzc", "dmcc", "pte", "sdn", "bhd", "company", "corporation",
		"group", "holding", "shipping", "s.r.o.", "sp.", "imo", "ooo",
	};
	const struct kd_seg *g = sc->g;
	char w[32];
	size_t b = t->os, e = t->oe, p, n;
	unsigned char q0, q1;
	if (sc->field)
		return 1;
	/* quotes: "Python", «Дружба», „Start“ */
	q0 = b > 0 ? (unsigned char)g->s[b - 1] : 0;
	q1 = e < g->len ? (unsigned char)g->s[e] : 0;
	if ((q0 == '"' && q1 == '"') || (q0 == '\'' && q1 == '\'') ||
	    (q0 >= 0x80 && (q1 >= 0x80 || q1 == '"') && b >= 2 &&
	     ((unsigned char)g->s[b - 2] == 0xC2 ||
	      (b >= 3 && (unsigned char)g->s[b - 3] == 0xE2))))
		return 1;
	/* up to two words before (the tanker Python) */
	p = b;
	for (n = 0; n < 2; n++) {
		size_t st;
		if (word_before(g->s, p, p > 40 ? p - 40 : 0, w, sizeof(w),
				&st) == 0)
			break;
		if (in_list(w, before, sizeof(before) / sizeof(before[0])))
			return 1;
		p = st;
	}
	/* a legal form or an IMO number after */
	p = e;
	/* written as a legal form is written: capitalised (Python AS, not
	 * "in Python as a module"), unless the text has no case */
	if ((n = word_after(g->s, p, g->len, w, sizeof(w), &p)) != 0 &&
	    in_list(w, after, sizeof(after) / sizeof(after[0])) &&
	    (sc->nocase || (unsigned char)g->s[p - n] >= 0x80 ||
	     (g->s[p - n] >= 'A' && g->s[p - n] <= 'Z')))
		return 1;
	return 0;
}

/* Is w[0..n) a family name of entity ei, as its caption shows it:
 * the words before a comma (LAVROV, Sergei Viktorovich), else the
 * upper-case words of a mixed-case caption (Yury Viktorovich USHAKOV),
 * else the last word? A given name alone (Bruno, Azamat, Chris) names
 * nobody in particular. */
static int family_part(const struct scan *sc, uint32_t ei, const char *w,
		       size_t n, const struct kd_qtok *q);

static int family_name(const struct scan *sc, uint32_t ei, const char *w,
		       size_t n)
{
	return family_part(sc, ei, w, n, NULL);
}

/* Does caption word f[0..n) agree with w (exactly) or, when q is given,
 * with mention token q (token similarity >= 0.8: Lawrow ~ LAVROV)? */
static int part_is(const char *f, size_t n, const char *w, size_t wn,
		   const struct kd_qtok *q)
{
	struct kd_qtok l;
	char sk[72];
	const char *how;
	if (q == NULL)
		return n == wn && memcmp(f, w, n) == 0;
	if (n == 0 || n > 64)
		return 0;
	memset(&l, 0, sizeof(l));
	l.s = f;
	l.len = (uint16_t)n;
	l.skel = sk;
	l.skel_len = (uint16_t)kd__skeleton(sk, sizeof(sk), f, n);
	l.kind = KD_TOK_WORD;
	l.id = UINT32_MAX;
	return kd__token_sim(q, &l, &how) >= 0.8;
}

/* family_name(), by exact spelling (q NULL) or by similarity to q. */
static int family_part(const struct scan *sc, uint32_t ei, const char *w,
		       size_t n, const struct kd_qtok *q)
{
	const char *cap = kd_entity_caption(&sc->c->m->db->ents[ei]);
	const char *comma = strchr(cap, ',');
	size_t len = comma ? (size_t)(comma - cap) : strlen(cap), i, ws;
	int upper = 0, lower = 0, found = 0;
	char *f = NULL;
	size_t fl = 0;
	if (comma == NULL) {
		for (i = 0; i < len; i++) {
			upper |= cap[i] >= 'A' && cap[i] <= 'Z';
			lower |= cap[i] >= 'a' && cap[i] <= 'z';
		}
	}
	for (i = 0; i <= len && !found;) {
		/* the caption word at i..ws */
		for (ws = i; ws < len && cap[ws] != ' '; ws++)
			;
		if (ws > i) {
			int all_up = 1, take;
			size_t k;
			for (k = i; k < ws; k++)
				if (cap[k] >= 'a' && cap[k] <= 'z')
					all_up = 0;
			take = comma ? 1 : (upper && lower) ? all_up && ws - i > 1
							      : ws == len;
			if (take && kd__text_fold(&f, &fl, NULL, cap + i,
						  ws - i) == 0) {
				size_t a = 0, b;
				/* AL-ASSAD folds to "al assad": each part */
				while (a < fl && !found) {
					for (b = a; b < fl && f[b] != ' '; b++)
						;
					found = part_is(f + a, b - a, w, n, q);
					a = b + 1;
				}
				kd__free(f);
				f = NULL;
			}
		}
		i = ws + 1;
	}
	return found;
}

/* A two-word mention of a person listed as "FAMILY, Given" must name
 * the family and something else (given name, patronymic): "González
 * Durán" is the two family names of GONZALEZ DURAN, Jaime, "Mathias
 * Arthur" two given names of WARNIG, Matthias Arthur; both are other
 * people. Family words are the caption's words before the comma (see
 * family_name()), matched with token similarity (press spellings).
 * Longer spans, other schemas and captions without a comma pass. */
static int given_and_family(const struct scan *sc, size_t i, size_t j,
			    uint32_t ei)
{
	size_t k, words = 0, fam = 0;
	if (sc->c->m->db->ents[ei].schema != KD_SCHEMA_PERSON ||
	    strchr(kd_entity_caption(&sc->c->m->db->ents[ei]), ',') == NULL)
		return 1;
	for (k = i; k <= j; k++) {
		const struct tok *t = &sc->t[k];
		struct kd_qtok q;
		if (t->cas == CASE_DIGIT || t->lex == KD_LEX_STOP ||
		    t->lex == KD_LEX_PARTICLE || t->len < 2)
			continue;
		if (++words > 2)
			return 1;
		qtok_of(&q, sc, t);
		fam += family_part(sc, ei, STEM(sc, t), t->slen, &q);
	}
	return words < 2 || (fam >= 1 && fam < words);
}

/* Is the word beside token i (dir -1 before, +1 after, same phrase) a
 * capitalised word that is a name part somewhere (on the lists, or not
 * an ordinary word of any language): then token i is part of an
 * unlisted full name ("Иван Павлов", "Miguel Angel Sepulveda", "Dima
 * Kogan"), not a listed person named by one word. A lowercase name
 * particle between them is looked through ("Miguel de Icaza"). */
static int name_beside(const struct scan *sc, size_t i, int dir)
{
	const struct tok *t, *o;
	if ((dir < 0 && i == 0) || (dir > 0 && i + 1 >= sc->n))
		return 0;
	t = &sc->t[i];
	o = &sc->t[dir < 0 ? i - 1 : i + 1];
	if ((dir < 0 ? t->sep : o->sep) == SEP_HARD)
		return 0;
	/* through a name particle: "Miguel de Icaza", "Rogério de Brito" */
	if (o->lex == KD_LEX_PARTICLE && o->cas == CASE_LOWER)
		return name_beside(sc, dir < 0 ? i - 1 : i + 1, dir);
	return o->cas == CASE_UPPER && o->len >= 2 &&
	       o->lex != KD_LEX_STOP && o->lex != KD_LEX_PARTICLE &&
	       o->lex != KD_LEX_PLACE &&
	       (o->word != KD_WORD_COMMON || o->known); /* Angel, Dima */
}

/* Single words outside accepted spans: coreference, then standalone. */
static int singles(struct scan *sc, struct cand *acc, size_t nacc)
{
	size_t i, h, lo = 0;
	int err;
	if (nacc)
		qsort(acc, nacc, sizeof(*acc), cmp_pos);
	for (i = 0; i < sc->n; i++) {
		struct tok *t = &sc->t[i];
		struct kd_qtok q, rq;
		const struct kd_scan_match *best = NULL;
		struct kd_scan_match co;
		double bs = 0;
		int ambiguous = 0;
		if (t->covered || !anchor(t) || t->len < 3)
			continue;
		qtok_of(&q, sc, t);
		/* mentions within the window around the word, in order */
		while (lo < nacc && sc->t[acc[lo].j].oe + COREF_BEFORE < t->os)
			lo++;
		for (h = lo; h < nacc && sc->t[acc[h].i].os < t->oe + COREF_AFTER;
		     h++) {
			size_t rw = ref_word(sc, &acc[h]);
			const char *how;
			double sim;
			if (rw == SIZE_MAX ||
			    sc->c->m->db->ents[acc[h].r->ent].schema !=
				    KD_SCHEMA_PERSON)
				continue; /* organisations: no short forms */
			qtok_of(&rq, sc, &sc->t[rw]);
			sim = kd__token_sim(&q, &rq, &how);
			if (sim < COREF_SIM)
				continue;
			if (best && best->ent != acc[h].r->ent)
				ambiguous = 1;
			if (sim * acc[h].r->score > bs) {
				bs = sim * acc[h].r->score;
				best = acc[h].r;
			}
		}
		if (best && !ambiguous && bs >= sc->c->threshold) {
			co = *best;
			co.score = bs;
			co.feature = "coreference";
			snprintf(co.detail, sizeof(co.detail),
				 "'%.30s' refers to a full mention in the "
				 "text: %.70s",
				 TXT(sc, t), best->detail);
			if ((err = add_hit(sc, i, i, &co)) < 0)
				return err;
			continue;
		}
		if (t->lex != KD_LEX_NONE || t->slen < 5 || t->initial ||
		    !t->listed || t->idf < SINGLE_IDF_MIN)
			continue; /* must be spelled as listed: see score_span.c */
		if ((err = kd__scan_score(&best, sc->c, STEM(sc, t), t->slen,
					  KD_SCAN_SINGLE)) < 0)
			return err;
		if (best->ent == UINT32_MAX ||
		    best->score < sc->c->single_threshold)
			continue;
		if (!sc->legacy &&
		    sc->c->m->db->ents[best->ent].schema == KD_SCHEMA_PERSON) {
			/* one part of a person's name: only when it is
			 * distinctive in every language */
			if (t->word == KD_WORD_COMMON ||
			    name_beside(sc, i, -1) || name_beside(sc, i, 1) ||
			    !family_name(sc, best->ent, STEM(sc, t), t->slen))
				continue; /* "Vasiliy Golubev": someone else */
		} else if (!sc->legacy && !context(sc, t)) {
			/* a one-word vessel or organisation name without
			 * context: a low-priority mention, not an alert; an
			 * ordinary word of some language (Python, Server,
			 * Start) not even that */
			if (t->word == KD_WORD_COMMON)
				continue;
			co = *best;
			co.feature = "mention";
			snprintf(co.detail, sizeof(co.detail),
				 "'%.30s' alone: a one-word %s name without "
				 "vessel or company context (low priority)",
				 TXT(sc, t),
				 sc->c->m->db->ents[best->ent].schema ==
						 KD_SCHEMA_VESSEL
					 ? "vessel"
					 : "organisation");
			sc->c->mention = 1;
			err = add_hit(sc, i, i, &co);
			sc->c->mention = 0;
			if (err < 0)
				return err;
			continue;
		}
		if ((err = add_hit(sc, i, i, best)) < 0)
			return err;
	}
	return 0;
}

static int find_names(struct scan *sc)
{
	struct cand *cs = NULL, *acc = NULL;
	size_t nc = 0, capc = 0, nacc = 0, i, k;
	int err = 0;
	KD_FORWARD(collect(sc, &cs, &nc, &capc));
	if (nc)
		qsort(cs, nc, sizeof(*cs), cmp_cand);
	acc = kd__malloc((nc ? nc : 1) * sizeof(*acc));
	KD_CHECK_ALLOC(acc);
	for (i = 0; i < nc; i++) {
		int free_ = 1;
		for (k = cs[i].i; k <= cs[i].j; k++)
			free_ &= !sc->t[k].covered;
		if (!free_)
			continue;
		for (k = cs[i].i; k <= cs[i].j; k++)
			sc->t[k].covered = 1;
		acc[nacc++] = cs[i];
		KD_FORWARD(add_hit(sc, cs[i].i, cs[i].j, cs[i].r));
	}
	KD_FORWARD(singles(sc, acc, nacc));
done:
	kd__free(cs);
	kd__free(acc);
	return err;
}

/* Few capitalised words: capitalisation is no signal in this text. */
static int caseless(const char *s, size_t len)
{
	size_t i, up = 0, low = 0;
	int prev = 0;
	for (i = 0; i < len; i++) {
		unsigned char b = (unsigned char)s[i];
		int w = is_alnum(b) || b >= 0x80;
		if (w && !prev) {
			if (b >= 'A' && b <= 'Z')
				up++;
			else if (b >= 'a' && b <= 'z')
				low++;
			else if (b >= 0x80)
				up++; /* non-Latin: count as capitalised */
		}
		prev = w;
	}
	return up * 20 < up + low;
}

int kd__scan_text(struct kd_scan_ctx *c, const struct kd_seg *g,
		  unsigned flags)
{
	struct scan sc;
	size_t pos = 0;
	int err = 0;
	memset(&sc, 0, sizeof(sc));
	sc.c = c;
	sc.g = g;
	sc.ar = (struct kd_buf)KD_BUF_INIT;
	sc.nocase = (flags & KD_SCAN_NOCASE) || caseless(g->s, g->len);
	sc.legacy = (c->flags & KD_SCAN_F_LEGACY) != 0;
	sc.field = (flags & KD_SCAN_NOCASE) != 0;
	while (pos < g->len) {
		size_t end = pos + CHUNK;
		if (end >= g->len) {
			end = g->len;
		} else {
			/* cut at whitespace so no word is split */
			size_t e = end;
			while (e > pos && g->s[e] != ' ' && g->s[e] != '\n')
				e--;
			end = e > pos ? e : end;
		}
		KD_FORWARD(fold(&sc, g->s + pos, end - pos, pos));
		KD_FORWARD(tokenize(&sc, g->s, g->len));
		pos = end;
	}
	KD_FORWARD(find_names(&sc));
	KD_FORWARD(kd__scan_idents(c, g));
done:
	kd__map_free(&sc.memo);
	kd__free(sc.t);
	kd__free(sc.f);
	kd__free(sc.fm);
	kd__buf_free(&sc.ar);
	return err;
}
