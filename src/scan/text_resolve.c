/*
 * text_resolve.c - what the lists know of one capitalised word: the
 * word-level lookups of the tokenizer (text_token.c).
 *
 * kd__scan_resolve() looks a word up by text and skeleton, then tries
 * what press spellings do to a listed name: inflection endings, Slavic
 * case endings (Ławrowem -> lawrow), Russian letters spelled otherwise,
 * joined Arabic compounds, joined Korean given names, letters spelled by
 * sound. Split out of text_token.c because these rules grow with each
 * language while the tokenizer loop does not; the tokenizer calls this
 * once per new capitalised word (its memo) and for Korean syllables, off
 * the per-byte path, so the call across files does not cost speed.
 * Invariant: it only fills the token's stem, skeleton, idf and known
 * flags; nothing here decides what is a name.
 */
#include "scan/text_scan_int.h"
#include "text/text_int.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

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
	if ((err = kd__scan_arena_put(sc, &t->skel, sk, sl)) < 0)
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
			return kd__scan_arena_put(sc, &t->stem, b, bn);
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
 *           skeleton reads as Dutch sj, the sh sound (Sjevtsjenko);
 *   kind 3: Spanish -ij for the Siberian ending -ых after a consonant
 *           (Chernij, Telnij: CHERNYKH, TELNYKH): х is j there, ы is
 *           i, and Spanish writes -ий as -i, never -ij. */
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
	if (kind == 3 && (n < 5 || w[n - 1] != 'j' || w[n - 2] != 'i' ||
			  strchr("aeiouy", w[n - 3]) != NULL))
		return 0;
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
		} else if (kind == 3 && i == n - 2) {
			memcpy(b + m, "ykh", 3);
			m += 3;
			i++;
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
	return kd__scan_arena_put(sc, &t->stem, b, m);
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
			err = kd__scan_arena_put(sc, &t->stem, w, n);
		}
		goto out;
	}
	t->slen = (uint16_t)n;
	err = kd__scan_arena_put(sc, &t->stem, w, n);
out:
	kd__abuf_free(&b);
	return err;
}

int kd__scan_resolve(struct scan *sc, struct tok *t, int cyr)
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
			return kd__scan_arena_put(sc, &t->stem, w, n - k);
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
	     ((err = resolve_ts(sc, t, w, n, 2, &found)) < 0 || found) ||
	     ((err = resolve_ts(sc, t, w, n, 3, &found)) < 0 || found)))
		return err;
	if (!sc->legacy && (err = resolve_split(sc, t, w, n)) < 0)
		return err;
	if (!sc->legacy && !t->known && n >= 5 && n <= 9 && !cyr &&
	    kd__lex_word(w, n) != KD_WORD_COMMON)
		return resolve_joined(sc, t, w, n);
	return 0;
}
