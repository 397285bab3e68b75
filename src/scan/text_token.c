/*
 * text_token.c - folded prose to tokens: the first half of the text
 * scanner, after text_fold.c.
 *
 * Cuts a folded chunk (text_fold.c: ASCII lowercased, other words
 * through kd__text_fold with a byte map, Korean words cut to a name
 * core) into [a-z0-9] tokens with input offsets, and resolves each
 * capitalised word against the lists once (text, skeleton, inflection
 * endings; memoised per scan). Split out of text_scan.c because the
 * word-level work and the lookups are one concern with their own
 * invariants: every kept token carries segment offsets, its folded
 * text in the arena and what the lists and lexicons know of it; nothing
 * here decides what is a name.
 * See the top of text_scan.c for the whole pipeline.
 */
#include "scan/text_scan_int.h"
#include "text/text_int.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <xxhash.h>

/* ---- tokens ------------------------------------------------------------------ */

/* Input offset of folded byte k. */
static size_t foff(const struct scan *sc, size_t k)
{
	return sc->fbase + sc->fm[k];
}

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
		return b >= '0' && b <= '9'   ? CASE_DIGIT
		       : b >= 'A' && b <= 'Z' ? CASE_UPPER
					      : CASE_LOWER;
	U8_NEXT((const uint8_t *)s + i, k, (int32_t)(len - i > 8 ? 8 : len - i),
		c);
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
		/* soft and hard signs that end a word fold to nothing
		 * (Копыль Олег: "kopyl" + the sign), and the modifier
		 * letters prime, apostrophe, ayn and hamza (ʹ ʼ ʿ ʾ:
		 * ʿAbd al-Salam) */
		if (i + 1 < b &&
		    ((x == 0xD1 && ((unsigned char)s[i + 1] == 0x8C ||
				    (unsigned char)s[i + 1] == 0x8A)) ||
		     (x == 0xD0 && ((unsigned char)s[i + 1] == 0xAC ||
				    (unsigned char)s[i + 1] == 0xAA)) ||
		     (x == 0xCA && ((unsigned char)s[i + 1] == 0xB9 ||
				    (unsigned char)s[i + 1] == 0xBC ||
				    (unsigned char)s[i + 1] == 0xBE ||
				    (unsigned char)s[i + 1] == 0xBF)))) {
			i++;
			continue;
		}
		if (x == '.' && prevlen == 1)
			continue; /* initial: "Vladimir V. Putin" */
		if (x == 0xC2 && i + 1 < b &&
		    ((unsigned char)s[i + 1] == 0xA0 ||
		     (unsigned char)s[i + 1] == 0xAD)) {
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
			/* ‘ glued to a lowercase word is the ayn of an
			 * Arabic name (Said Jan ‘abd Al-Salam), not a
			 * quotation mark: a quoted lowercase word is
			 * dropped anyway, unless it is a name particle */
			if (y == 0x99 || (y >= 0x8B && y <= 0x8D) ||
			    y == 0xAF ||
			    (y == 0x98 && i + 3 == b && s[b] >= 'a' &&
			     s[b] <= 'z')) {
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
	const struct kd_index *ix = sc->c->ix;
	char sk[2 * TOK_MAX + 4];
	size_t sl = kd__skeleton(sk, sizeof(sk), w, n);
	uint32_t tdf = kd__index_text_df(ix, w), sdf = 0, df;
	int err;
	*found = 0;
	if (sl)
		sdf = kd__index_skel_df(ix, sk);
	if (tdf == 0 && sdf == 0)
		return 0; /* in no dictionary */
	df = tdf > sdf ? tdf : sdf;
	t->idf = (float)kd__idf(ix, df);
	t->ridf = (float)kd__idf(ix, tdf ? tdf : sdf);
	t->known = 1;
	t->listed = tdf != 0;
	*found = 1;
	t->sklen = (uint16_t)sl;
	if ((err = arena_put(sc, &t->skel, sk, sl)) < 0)
		return err;
	return 0;
}

/* Romanised Korean surnames (South and North Korean spellings). */
int kd__scan_ko_surname(const char *w, size_t n)
{
	/* fixed-width entries: one 6-byte compare each, no strlen */
	static const char sur[][6] = {
		"kim",   "gim",  "ri",    "rhee",  "yi",   "lee",  "pak",
		"bak",   "park", "choe",  "choi",  "cho",  "jo",   "jang",
		"chang", "jong", "jeong", "chung", "han",  "kang", "gang",
		"yun",   "yoon", "rim",   "lim",   "im",   "song", "hwang",
		"hong",  "ko",   "go",    "mun",   "moon", "ryu",  "yu",
		"son",   "sin",  "shin",  "kwon",  "gwon", "jon",  "jeon",
		"chon",  "so",   "seo",   "nam",   "ju",   "chu",  "an",
		"ahn",   "o",    "oh",    "u",     "woo",  "paek", "baek",
		"sim",   "shim",
	};
	/* the first letters of these, a bit per letter a..z: made from
	 * the table on first use (the same value by any thread) */
	static uint32_t first;
	uint32_t fl = __atomic_load_n(&first, __ATOMIC_RELAXED);
	char key[6] = { 0 };
	size_t i;
	if (fl == 0) {
		for (i = 0; i < sizeof(sur) / sizeof(sur[0]); i++)
			fl |= 1u << (sur[i][0] - 'a');
		__atomic_store_n(&first, fl, __ATOMIC_RELAXED);
	}
	if (n == 0 || n > 5 || w[0] < 'a' || w[0] > 'z' ||
	    !(fl >> (w[0] - 'a') & 1))
		return 0;
	memcpy(key, w, n);
	for (i = 0; i < sizeof(sur) / sizeof(sur[0]); i++)
		if (sur[i][0] == key[0] && memcmp(sur[i], key, 6) == 0)
			return 1;
	return 0;
}

/* Inflection endings tried on unknown words, longest first. */
static const char *const g_suf_latin[] = { "schen", "schem", "scher",
					   "sches", "sche",  "s" };
static const char *const g_suf_cyr[] = { "ogo", "omu", "ym", "om", "oj",
					 "oi",  "u",   "a",  "e",  "y" };

/* Slavic case endings of a name word (Polish, Czech, Russian as folded:
 * Сергеем -> "sergeyem"), longest first, each with the nominative ending
 * it replaces: z Siergiejem Ławrowem, se Sergejem Lavrovem, с Сергеем
 * Лавровым (folded "sergeyem lavrovym"), Rzecznik Jeleny Mizulinej, s
 * Marijou Zacharovovou. An ending marked "n" also ends nominatives
 * (Zacharowa, Pogorieły, Wysocki, Мария, Полянская, Толстой): text_token.c
 * reads an unknown word by the other endings only (its nominative must
 * be a listed word, by text or skeleton, of 3 letters or more);
 * text_span.c tries all on a span of two inflected words. */
/* an ending, the nominative ending it replaces, their lengths, and
 * whether it also ends nominatives (asked for every unknown word: no
 * strlen per entry) */
struct case_end {
	const char *suf, *rep;
	unsigned char ns, nr, nomi;
};
/* clang-format off */ /* a table laid out by hand */
#define CE(suf, rep, nomi) { suf, rep, sizeof(suf) - 1, sizeof(rep) - 1, nomi }
static const struct case_end g_case_latin[] = {
	CE("skiego", "ski", 0), CE("ckiego", "cki", 0),
	CE("ovovou", "ova", 0), CE("evovou", "eva", 0),
	CE("inovou", "ina", 0), CE("ovova", "ova", 0),
	CE("evova", "eva", 0), CE("inova", "ina", 0),
	CE("skim", "ski", 0), CE("ckim", "cki", 0),
	CE("skym", "sky", 0), CE("ckym", "cky", 0),
	CE("ovou", "ova", 0), CE("evou", "eva", 0),
	CE("inou", "ina", 0), CE("owej", "owa", 0),
	CE("ewej", "ewa", 0), CE("inej", "ina", 0),
	CE("ynej", "yna", 0), CE("iem", "", 0),
	CE("em", "", 0), CE("ou", "a", 0),
	CE("gi", "ga", 1), CE("ki", "ka", 1),
	CE("y", "a", 1), CE("a", "", 1),
};
static const struct case_end g_case_cyr[] = {
	CE("skogo", "skiy", 0), CE("tskogo", "tskiy", 0),
	CE("skim", "skiy", 0), CE("ovoy", "ova", 0),
	CE("evoy", "eva", 0), CE("inoy", "ina", 0),
	CE("ynoy", "yna", 0), CE("skoy", "skaya", 1),
	CE("iyey", "iya", 0), CE("iyem", "iy", 0),
	CE("eyem", "ey", 0), CE("ayem", "ay", 0),
	CE("iya", "iy", 1), CE("eya", "ey", 1),
	CE("aya", "ay", 1), CE("ii", "iya", 1),
	CE("ya", "", 1), CE("oy", "a", 1),
	CE("ym", "", 0), CE("om", "", 0),
	CE("em", "", 0), CE("y", "a", 1),
	CE("i", "a", 1), CE("a", "", 1),
};
#undef CE
/* clang-format on */

size_t kd__scan_case_form(char *out, size_t cap, const char *w, size_t n,
			  int cyr, int all, size_t *from)
{
	const struct case_end *tab = cyr ? g_case_cyr : g_case_latin;
	size_t nt = cyr ? sizeof(g_case_cyr) / sizeof(g_case_cyr[0])
			: sizeof(g_case_latin) / sizeof(g_case_latin[0]);
	for (; *from < nt; (*from)++) {
		const struct case_end *e = &tab[*from];
		size_t k = e->ns, r = e->nr;
		/* the last letter first: it rules out most endings */
		if (w[n - 1] != e->suf[k - 1] || (!all && e->nomi) ||
		    n < k + 3 || n - k + r + 1 > cap ||
		    memcmp(w + n - k, e->suf, k) != 0)
			continue;
		memcpy(out, w, n - k);
		memcpy(out + n - k, e->rep, r + 1);
		(*from)++;
		return n - k + r;
	}
	return 0;
}

static int resolve_case(struct scan *sc, struct tok *t, const char *w, size_t n,
			int cyr, int *found)
{
	char b[TOK_MAX + 8];
	size_t at = 0, bn;
	int err, all;
	*found = 0;
	/* endings of case forms only: matched by the nominative; then
	 * those that also end nominatives (Zacharowa, Wiktora): known by
	 * the form without them, matched as written (text_span.c's
	 * case_key() tries the other reading) */
	for (all = 0; all <= 1; all++, at = 0) {
		while ((bn = kd__scan_case_form(b, sizeof(b), w, n, cyr, all,
						&at)) > 0) {
			if ((err = lookup(sc, t, b, bn, found)) < 0)
				return err;
			if (!*found)
				continue;
			t->listed = 0; /* not spelled as listed */
			if (all)
				return 0;
			t->slen = (uint16_t)bn;
			return arena_put(sc, &t->stem, b, bn);
		}
	}
	return 0;
}

/* Press spellings of Russian letters the lists write otherwise, tried
 * on an unknown Latin word (then as a case form: Woroncowej):
 *   kind 0: Polish and Czech c for ц (Krawcowa, Kuzněcov: KRAVTSOVA,
 *           KUZNETSOV), a c that is no part of cz, ch, ck or sc;
 *   kind 1: Spanish j for х before a vowel (Petujov, Zajarov:
 *           PETUKHOV, ZAKHAROV);
 *   kind 2: German, Polish and Czech sj for сь before e or i
 *           (Afanasjew, Glasjew: AFANASYEV, GLAZYEV), which the
 *           skeleton reads as Dutch sj, the sh sound (Sjevtsjenko). */
static int resolve_ts(struct scan *sc, struct tok *t, const char *w, size_t n,
		      int kind, int *found)
{
	char b[TOK_MAX + 8];
	size_t i, m = 0;
	int ch = 0, err;
	*found = 0;
	if (kind == 2) { /* cheap test first: no call per word */
		for (i = 1; i + 1 < n && (w[i] != 'j' || w[i - 1] != 's'); i++)
			;
		if (i + 1 >= n)
			return 0;
	}
	for (i = 0; i < n && m + 2 <= TOK_MAX; i++) {
		if (kind == 0 && w[i] == 'c' &&
		    (i + 1 == n || !strchr("hzk", w[i + 1])) &&
		    (i == 0 || w[i - 1] != 's')) {
			b[m++] = 't';
			b[m++] = 's';
			ch = 1;
		} else if (kind == 1 && w[i] == 'j' && i + 1 < n &&
			   strchr("aeiou", w[i + 1])) {
			b[m++] = 'k';
			b[m++] = 'h';
			ch = 1;
		} else if (kind == 2 && w[i] == 'j' && i > 0 &&
			   w[i - 1] == 's' && i + 1 < n &&
			   (w[i + 1] == 'e' || w[i + 1] == 'i')) {
			b[m++] = 'y';
			ch = 1;
		} else {
			b[m++] = w[i];
		}
	}
	if (!ch || i < n)
		return 0;
	b[m] = '\0';
	if ((err = lookup(sc, t, b, m, found)) < 0)
		return err;
	if (!*found && (err = resolve_case(sc, t, b, m, 0, found)) < 0)
		return err;
	if (!*found || t->stem != t->txt)
		return 0; /* not found, or found by a nominative */
	t->listed = 0;
	t->slen = (uint16_t)m;
	return arena_put(sc, &t->stem, b, m);
}

/* A joined Arabic compound the name analyser splits (src/text/
 * tokens.c: Attiqullah -> attiq allah, Nasiruddin -> nasir al din,
 * Abdurrahman -> abd al rahman): the lists hold the parts, so a word
 * unknown as a whole is known by its rarest listed part. The stem stays
 * the whole word; scoring analyses it into the same parts as the lists.
 * Cheap test first: only words that start or end like such compounds. */
static int resolve_split(struct scan *sc, struct tok *t, const char *w,
			 size_t n)
{
	/* clang-format off */ /* a table laid out by hand */
#define END(x) { x, sizeof(x) - 1 }
	static const struct {
		const char *s;
		size_t n;
	} ends[] = { END("ullah"),  END("ollah"),  END("allah"),
		     END("uddin"),  END("eddin"),  END("iddin"),
		     END("addin"),  END("aldin"),  END("udin"),
		     END("uddeen"), END("eddine"), END("rahman"),
		     END("rehman"), END("rahim") };
#undef END
	/* clang-format on */
	struct kd_tokset *ts;
	size_t i, best = SIZE_MAX;
	uint32_t bestdf = UINT32_MAX;
	int split = n >= 5 && memcmp(w, "abd", 3) == 0, found, err = 0;
	for (i = 0; i < sizeof(ends) / sizeof(ends[0]) && !split; i++) {
		size_t l = ends[i].n;
		split = n >= l + 3 && memcmp(w + n - l, ends[i].s, l) == 0;
	}
	if (!split)
		return 0;
	ts = kd__malloc(sizeof(*ts));
	if (ts == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	kd__tokenize(ts, w, n, 0);
	for (i = 0; i < ts->n && ts->n > 1; i++) {
		uint32_t df = kd__index_text_df(sc->c->ix, ts->t[i].s);
		if (df != 0 && df < bestdf) {
			bestdf = df;
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
	const struct kd_index *ix = sc->c->ix;
	char a[16];
	size_t k;
	int found;
	for (k = 2; k + 2 <= n && k <= 5; k++) {
		uint32_t x, y;
		memcpy(a, w, k);
		a[k] = '\0';
		if ((x = kd__index_text_df(ix, a)) == 0)
			continue;
		if ((y = kd__index_text_df(ix, w + k)) == 0 || n - k > 5)
			continue;
		if (y < x) { /* document frequencies */
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

/* An unknown Latin word with letters whose sound the plain folding
 * loses (Polish ż, ś, ć, Czech č, š, ž, Romanian ș, ț: Gadżyjew ->
 * "gadzyjew") is looked up spelled by sound as the name analysis of
 * kd_screen spells it ("gadzhyjew", whose skeleton is GADZHIEV's):
 * the input word again, each such letter as KD_LM_PHON writes it. */
static int resolve_phon(struct scan *sc, struct tok *t, int *found)
{
	const char *s = sc->g->s;
	struct kd_abuf b;
	char w[TOK_MAX + 1];
	int32_t i = (int32_t)t->os, e = (int32_t)t->oe, phon = 0;
	size_t k, n = 0;
	int err = 0;
	*found = 0;
	/* cheap test first: letters from U+0100 on (UTF-8 lead bytes
	 * 0xC4..0xC9); ASCII words and umlauts have none */
	for (k = t->os; k < t->oe; k++)
		if ((unsigned char)s[k] >= 0xC4 && (unsigned char)s[k] <= 0xC9)
			break;
	if (k == t->oe)
		return 0;
	memset(&b, 0, sizeof(b));
	while (i < e) {
		UChar32 c;
		U8_NEXT((const uint8_t *)s, i, e, c);
		if (c < 0)
			break;
		c = u_tolower(c);
		/* the sibilants of Polish, Czech, Romanian...; not the
		 * umlauts (Größe: "groesse" is no dictionary's spelling) */
		if (c >= 0x100 && kd__latin_has_phon(c) && c != 0x151 &&
		    c != 0x171) {
			phon = 1;
			kd__latin_fold(&b, c, KD_LM_PHON, 0);
		} else {
			kd__latin_fold(&b, c, KD_LM_STRIP, 0);
		}
	}
	if (b.err) {
		err = b.err;
		goto out;
	}
	for (k = 0; phon && k < b.len && n < TOK_MAX; k++)
		if (kd__scan_alnum((unsigned char)b.p[k]))
			w[n++] = b.p[k];
	w[n] = '\0';
	if (!phon || n < 3 || k < b.len ||
	    (n == t->len && memcmp(w, TXT(sc, t), n) == 0))
		goto out;
	if ((err = lookup(sc, t, w, n, found)) < 0)
		goto out;
	if (!*found) {
		err = resolve_case(sc, t, w, n, 0, found);
		/* known by a nominative that is spelled so too (Gadżyjewa:
		 * gadzhyjew): matched as written, spelled by sound */
		if (err == 0 && *found && t->stem == t->txt) {
			t->slen = (uint16_t)n;
			err = arena_put(sc, &t->stem, w, n);
		}
		goto out;
	}
	t->slen = (uint16_t)n;
	err = arena_put(sc, &t->stem, w, n);
out:
	kd__abuf_free(&b);
	return err;
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
	/* spelled by sound first: the plain folding may find a listed
	 * word of another sound (gadzyjew ~ GADZIEV) */
	if (!sc->legacy && !cyr &&
	    ((err = resolve_phon(sc, t, &found)) < 0 || found))
		return err;
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
	if (!sc->legacy &&
	    ((err = resolve_case(sc, t, w, n, cyr, &found)) < 0 || found))
		return err;
	if (!sc->legacy && !cyr &&
	    (((err = resolve_ts(sc, t, w, n, 0, &found)) < 0 || found) ||
	     ((err = resolve_ts(sc, t, w, n, 1, &found)) < 0 || found) ||
	     ((err = resolve_ts(sc, t, w, n, 2, &found)) < 0 || found)))
		return err;
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
		if (b == ' ' || b == '\t' || b == '\r' || b == '"' ||
		    b == '\'' || b == '(' || b == '[' || b == '-') {
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
				 (unsigned char)s[k - 2] == 0x80 && b >= 0x93 &&
				 b <= 0x9F)
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
	uint64_t h;   /* memo_hash() of the word; 0: an empty slot */
	uint64_t pfx; /* its first 8 bytes (zero-padded): most compares */
	size_t txt, stem, skel;
	uint16_t len, slen, sklen;
	uint8_t lex, known, listed, word, cyr;
	float idf, ridf;
};

/* The memo is an open-addressing table of memos (one cache line each);
 * the key is the word's text (in the arena) and its script (Cyrillic
 * words take other endings). Pointers into it are valid until the next
 * memo_put(). */
static uint64_t memo_hash(const char *w, size_t n, int cyr)
{
	uint64_t h = XXH3_64bits_withSeed(w, n, (uint64_t)cyr);
	return h ? h : 1;
}

static uint64_t memo_pfx(const char *w, size_t n)
{
	uint64_t k = 0;
	memcpy(&k, w, n < 8 ? n : 8);
	return k;
}

static const struct memo *memo_get(const struct scan *sc, uint64_t h,
				   const char *w, size_t n, int cyr)
{
	size_t i, mask = sc->memocap - 1;
	uint64_t pfx;
	if (sc->memocap == 0)
		return NULL;
	pfx = memo_pfx(w, n);
	for (i = (size_t)h & mask; sc->memo[i].h; i = (i + 1) & mask) {
		const struct memo *mo = &sc->memo[i];
		if (mo->h == h && mo->pfx == pfx && mo->len == n &&
		    mo->cyr == cyr &&
		    (n <= 8 ||
		     memcmp(sc->ar.ptr + mo->txt + 8, w + 8, n - 8) == 0))
			return mo;
	}
	return NULL;
}

static void memo_slot(struct memo *tab, size_t cap, const struct memo *mo)
{
	size_t i;
	for (i = (size_t)mo->h & (cap - 1); tab[i].h; i = (i + 1) & (cap - 1))
		;
	tab[i] = *mo;
}

static int memo_put(struct scan *sc, const struct memo *mo)
{
	if ((sc->nmemo + 1) * 2 > sc->memocap) {
		size_t cap = sc->memocap ? sc->memocap * 2 : 1024, k;
		struct memo *m = kd__calloc(cap, sizeof(*m));
		if (m == NULL)
			return kd__error_set(KD_ENOMEM, "out of memory");
		for (k = 0; k < sc->memocap; k++)
			if (sc->memo[k].h)
				memo_slot(m, cap, &sc->memo[k]);
		kd__free(sc->memo);
		sc->memo = m;
		sc->memocap = cap;
	}
	memo_slot(sc->memo, sc->memocap, mo);
	sc->nmemo++;
	return 0;
}

/* The arena text of a word of up to 8 bytes that was kept before
 * (lowercase function words and particles, numbers: "of", "the",
 * "und", "de", "2"): words repeat, and an arena text is never written
 * after it was put, so tokens may share one. A direct-mapped table of
 * TMEMO entries by the word's 8 bytes, made on first use. */
#define TMEMO 256

struct txt_memo {
	uint64_t key; /* the word, zero-padded */
	size_t off;   /* its arena offset */
	size_t len;   /* its length + 1; 0: an empty entry */
};

static int arena_txt(struct scan *sc, size_t *off, const char *w, size_t n)
{
	struct txt_memo *tm;
	uint64_t key;
	int err;
	if (n > 8)
		return arena_put(sc, off, w, n);
	if (sc->tmemo == NULL &&
	    (sc->tmemo = kd__calloc(TMEMO, sizeof(*sc->tmemo))) == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	key = memo_pfx(w, n);
	tm = &sc->tmemo[(key * 0x9E3779B97F4A7C15ull) >> 56];
	if (tm->len == n + 1 && tm->key == key) {
		*off = tm->off;
		return 0;
	}
	if ((err = arena_put(sc, off, w, n)) < 0)
		return err;
	tm->key = key;
	tm->off = *off;
	tm->len = n + 1;
	return 0;
}

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

int kd__scan_listed_span(struct scan *sc, size_t i, size_t j, int person)
{
	const struct kd_index *ix = sc->c->ix;
	const uint32_t *l[MAX_SPAN];
	uint32_t nl[MAX_SPAN];
	size_t p, nw = 0, a = 0, b = 1;
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

void kd__scan_token_free(struct scan *sc)
{
	kd__free(sc->pw);
	sc->pw = NULL;
	sc->npw = sc->pwcap = 0;
	kd__free(sc->tmemo);
	sc->tmemo = NULL;
	kd__free(sc->memo);
	sc->memo = NULL;
	sc->nmemo = sc->memocap = 0;
}

/* Can token t never take part in a name or decide one: not an anchor
 * (so no single-word hit and no span end), and cut off from both
 * neighbours by hard separators (so in no span of 2+ words, and no
 * neighbour's name_beside / unbounded looks at it), and not name-like?
 * Such tokens are
 * most of the capitalised words of prose (German nouns, "See", "Note")
 * and are overwritten by the next token instead of kept: fewer pages
 * touched, a shorter span walk. `next_sep` is the separator class of
 * the token after it. */
static int inert(const struct tok *t, int next_sep)
{
	/* a capitalised name-like word is kept: text_scan.c's
	 * among_others() looks across a comma for one */
	int namelike = t->cas == CASE_UPPER && t->len >= 3 &&
		       (t->lex == KD_LEX_NONE || t->lex == KD_LEX_COMMON) &&
		       (t->word != KD_WORD_COMMON || t->known);
	return next_sep == SEP_HARD && t->sep == SEP_HARD && !t->hangul &&
	       !namelike && !kd__scan_anchor(t);
}

/* Dictionary class of token t (KD_WORD_*): by its resolved stem; in
 * Cyrillic text a word in no dictionary may be a case form of an
 * ordinary word (Системы Безопасности: two ordinary words, no name). */
static int word_class(const struct scan *sc, const struct tok *t, int cyr)
{
	int r;
	if (t->slen < 3)
		return KD_WORD_COMMON;
	r = kd__lex_word(STEM(sc, t), t->slen);
	if (r != KD_WORD_COMMON && cyr)
		r = kd__lex_word_ru(TXT(sc, t), t->len);
	/* spelled by sound (resolve_phon) and in no dictionary so, the
	 * word may still be an ordinary one as the dictionaries fold it
	 * (Środowisko); a name by its sound stays one (Anżelika) */
	if (r == KD_WORD_NONE && !cyr && t->stem != t->txt &&
	    kd__lex_word(TXT(sc, t), t->len) == KD_WORD_COMMON)
		r = KD_WORD_COMMON;
	return r;
}

/* Read token t, classified as a function word, as a name syllable
 * instead: resolved against the lists like any capitalised word. */
static int syllable(struct scan *sc, struct tok *t, int cyr)
{
	int err;
	t->lex = KD_LEX_NONE;
	t->known = 0;
	if ((err = resolve(sc, t, cyr)) < 0)
		return err;
	if (t->known == 0)
		t->stem = t->txt, t->slen = t->len;
	t->word = (uint8_t)word_class(sc, t, cyr);
	return 0;
}

/* Keep or drop one word; fs..fe in the folded chunk, text in w; lex0
 * its lexicon class when the caller had it (a short lowercase word:
 * lower_short()), else -1. */
static int add_word(struct scan *sc, const char *s, size_t len, size_t fs,
		    size_t fe, const char *w, size_t n, int lex0)
{
	struct tok t;
	int cyr, err, lex = KD_LEX_NONE;
	size_t os = foff(sc, fs), oe = cp_end(s, len, foff(sc, fe - 1));
	memset(&t, 0, sizeof(t));
	if (fe < sc->flen && foff(sc, fe) > oe)
		oe = foff(sc, fe);
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
		if (n <= 5 && lex0 >= 0)
			lex = lex0;
		else if (n <= 5)
			lex = sc->legacy ? kd__lex_class(w)
					 : kd__lex_class_n(w, n, NULL);
		if (!attached && lex != KD_LEX_PARTICLE && lex != KD_LEX_STOP) {
			sc->dropped = 1;
			return 0;
		}
	} else if (n <= TOK_MAX && sc->legacy) {
		lex = kd__lex_class(w);
	} else if (n <= TOK_MAX && t.cas != CASE_UPPER) {
		int nn;
		lex = kd__lex_class_n(w, n, &nn);
		if (lex != KD_LEX_PARTICLE && nn)
			lex = KD_LEX_STOP; /* Thu Jun, Mai, km */
	}
	t.lex = (uint8_t)lex;
	t.len = (uint16_t)n;
	if (sc->n + 1 > sc->cap &&
	    (err = kd__grow((void **)&sc->t, &sc->cap, sc->n + 1,
			    sizeof(*sc->t))) < 0)
		return err;
	if (!sc->legacy && t.cas == CASE_UPPER && n <= TOK_MAX) {
		uint64_t h = memo_hash(w, n, cyr);
		const struct memo *mo = memo_get(sc, h, w, n, cyr);
		if (mo == NULL) {
			struct memo nm;
			/* first time: classify and resolve as below, then
			 * remember */
			int nn;
			lex = kd__lex_class_n(w, n, &nn);
			if (lex != KD_LEX_PARTICLE && nn)
				lex = KD_LEX_STOP; /* Thu Jun, Mai, km */
			t.lex = (uint8_t)lex;
			if ((err = arena_put(sc, &t.txt, w, n)) < 0)
				return err;
			t.skel = t.txt;
			if (lex != KD_LEX_STOP && lex != KD_LEX_PARTICLE &&
			    (err = resolve(sc, &t, cyr)) < 0)
				return err;
			if (t.known == 0)
				t.stem = t.txt, t.slen = t.len;
			t.word = (uint8_t)word_class(sc, &t, cyr);
			memset(&nm, 0, sizeof(nm));
			nm.h = h;
			nm.pfx = memo_pfx(w, n);
			nm.txt = t.txt;
			nm.len = (uint16_t)n;
			nm.cyr = (uint8_t)cyr;
			nm.stem = t.stem;
			nm.skel = t.skel;
			nm.slen = t.slen;
			nm.sklen = t.sklen;
			nm.lex = t.lex;
			nm.known = t.known;
			nm.listed = t.listed;
			nm.word = t.word;
			nm.idf = t.idf;
			nm.ridf = t.ridf;
			if ((err = memo_put(sc, &nm)) < 0)
				return err;
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
	if ((err = arena_txt(sc, &t.txt, w, n)) < 0)
		return err;
	t.skel = t.txt;
	if (lex != KD_LEX_STOP && lex != KD_LEX_PARTICLE &&
	    (err = resolve(sc, &t, cyr)) < 0)
		return err;
	if (t.known == 0)
		t.stem = t.txt, t.slen = t.len;
kept:
	/* a short capitalised function word hyphenated to a capitalised
	 * name word is a name syllable: Mun-Il, Sung-Do, Chol-An (French
	 * il, English do, German an); lowercase inflections (Polish
	 * "SID-a", "Emacs-em") and options ("Sin -n") are not */
	if (!sc->legacy && t.lex == KD_LEX_STOP && t.sep == SEP_HYPHEN &&
	    t.cas == CASE_UPPER && n >= 2 && n <= 3 && sc->n &&
	    sc->t[sc->n - 1].oe + 1 == os && s[os - 1] == '-' &&
	    sc->t[sc->n - 1].cas == CASE_UPPER &&
	    sc->t[sc->n - 1].lex != KD_LEX_STOP && !kd__lex_nonname(w) &&
	    (err = syllable(sc, &t, cyr)) < 0)
		return err;
	/* romanised Korean names: after a Korean surname (and its
	 * syllables), a short capitalised word is a syllable, even one
	 * that is a function word elsewhere (Cho Il, Pak Il Kyu, Gim Il
	 * Su); a surname that is a function word (So, An) is one before
	 * a syllable (So Hong-Chan, An Jong-Hyuk) */
	if (!sc->legacy && sc->n && t.cas == CASE_UPPER && n <= 6 &&
	    t.lex != KD_LEX_PARTICLE && !sc->dropped &&
	    (t.sep == SEP_SOFT || t.sep == SEP_HYPHEN)) {
		struct tok *p = &sc->t[sc->n - 1];
		int psur = p->cas == CASE_UPPER &&
			   kd__scan_ko_surname(TXT(sc, p), p->len);
		if (psur || p->kosyl) {
			t.kosyl = 1;
			if (t.lex == KD_LEX_STOP && n >= 2 && n <= 3 &&
			    !kd__lex_nonname(w) &&
			    (err = syllable(sc, &t, cyr)) < 0)
				return err;
		}
		if (psur && p->lex == KD_LEX_STOP && !p->initial &&
		    (err = syllable(sc, p, 0)) < 0)
			return err;
	}
	/* ... and a short capitalised function word hyphenated to the
	 * capitalised word after it is a syllable of a given name written
	 * first (Il-U Cho, In-Su Pak: French il, English in) */
	if (!sc->legacy && sc->n && t.cas == CASE_UPPER &&
	    t.sep == SEP_HYPHEN && !sc->dropped) {
		struct tok *p = &sc->t[sc->n - 1];
		if (p->lex == KD_LEX_STOP && p->cas == CASE_UPPER &&
		    p->len >= 2 && p->len <= 3 && p->oe + 1 == os &&
		    s[os - 1] == '-' && !kd__lex_nonname(TXT(sc, p)) &&
		    (err = syllable(sc, p, 0)) < 0)
			return err;
	}
	t.hangul = (uint8_t)(!sc->legacy && (unsigned char)s[os] >= 0xE3 &&
			     kd__scan_hangul_at(s, len, os));
	/* a syllable of a Korean name word is no Latin function word
	 * (현광일: "il") */
	if (t.hangul && (t.lex == KD_LEX_STOP || t.lex == KD_LEX_PARTICLE) &&
	    (err = syllable(sc, &t, cyr)) < 0)
		return err;
	if (sc->n && sc->t[sc->n - 1].hangul != t.hangul)
		t.sep = SEP_HARD; /* a Hangul name is one word */
	if (!sc->legacy && sc->n && inert(&sc->t[sc->n - 1], t.sep))
		sc->n--; /* the last token is final now, and of no use */
	sc->t[sc->n++] = t;
	sc->dropped = 0;
	return 0;
}

/* Would add_word() drop the n-byte word at folded byte fs as a
 * lowercase word at once? Most words of prose are: answered without
 * add_word's offsets, case and separator work. Only for words that add_word
 * drops whatever the separator before them: lowercase in the input
 * (an ASCII letter), in a text with case, and not after a kept
 * capitalised word (a hyphen to it would attach them: Jong-un); then
 * dropped unless a short name particle or function word: 1 dropped, 0
 * kept, -1 when that takes the word's text (n <= 5: lower_short()). */
static int lower_dropped(const struct scan *sc, const char *s, size_t fs,
			 size_t n)
{
	unsigned char b = (unsigned char)s[foff(sc, fs)];
	if (b < 'a' || b > 'z' || sc->nocase ||
	    (sc->n && !sc->dropped && sc->t[sc->n - 1].cas == CASE_UPPER))
		return 0;
	return n > 5 ? 1 : -1;
}

/* The lexicon class of a short lowercase word w[0..n), as add_word()
 * takes it: lower_dropped() drops it unless a particle or function
 * word. */
static int lower_short(const struct scan *sc, const char *w, size_t n)
{
	return sc->legacy ? kd__lex_class(w) : kd__lex_class_n(w, n, NULL);
}

int kd__scan_tokenize(struct scan *sc, const char *s, size_t len)
{
	const char *f = sc->f;
	size_t k = 0, n = sc->flen;
	int err = 0;
	while (k < n && err == 0) {
		char w[TOK_MAX + 1];
		size_t fs, wl = 0, last, i;
		int joined = 0, drop, lex = -1;
		if (!kd__scan_alnum((unsigned char)f[k])) {
			k++;
			continue;
		}
		/* the word's bytes first, its text only when it is kept */
		fs = k;
		for (;;) {
			size_t b = k;
			while (k < n && kd__scan_alnum((unsigned char)f[k]))
				k++;
			wl += k - b;
			last = k - 1;
			if (k + 1 < n && f[k] == '\'' &&
			    kd__scan_alnum((unsigned char)f[k + 1])) {
				if (f[k + 1] == 's' &&
				    (k + 2 >= n ||
				     !kd__scan_alnum((unsigned char)f[k + 2]))) {
					k += 2; /* possessive 's: cut off */
					break;
				}
				k++; /* O'Neill */
				joined = 1;
				continue;
			}
			break;
		}
		if (wl > TOK_MAX) {
			sc->dropped = 1; /* not a name word */
			continue;
		}
		if ((drop = lower_dropped(sc, s, fs, wl)) > 0) {
			sc->dropped = 1;
			continue;
		}
		if (!joined) {
			memcpy(w, f + fs, wl);
		} else {
			for (i = fs, wl = 0; i <= last; i++)
				if (f[i] != '\'')
					w[wl++] = f[i];
		}
		w[wl] = '\0';
		if (drop < 0 &&
		    (lex = lower_short(sc, w, wl)) != KD_LEX_PARTICLE &&
		    lex != KD_LEX_STOP) {
			sc->dropped = 1;
			continue;
		}
		err = add_word(sc, s, len, fs, last + 1, w, wl, lex);
	}
	return err;
}
