/*
 * text_span.c - name spans in the tokens of a prose segment.
 *
 * A span of 2..6 kept words is a candidate name when it starts and ends
 * with an anchor and carries enough evidence: rarity on the lists, or
 * (not in legacy mode) the language evidence of span_evidence() and
 * full_name(). Candidates are scored against the lists (score_span.c)
 * and returned for text_scan.c to accept greedily, once the name-part
 * rules for a listed person ("FAMILY, Given": text_family.c) pass. A
 * span may also be written "Surname, Given Names" (one comma after its
 * first word), and a romanised Korean name (a Korean surname and
 * syllables: Gim Kyu) carries no dictionary evidence either way, as
 * Hangul does not. Initials: two before a family word (С. В. Лавров),
 * or one before a family word in no dictionary in Latin script (A.
 * Kouprine), matched in the listed given names' order. Slavic and
 * German case forms (Iwana Diemczenko, Droschschinas Sprecher) and
 * press spellings are scored again in the lists' spelling (the keys of
 * text_span_form.c). Split out of text_scan.c because span building and
 * its evidence are a concern of their own; see the top of text_scan.c
 * for the rules.
 */
#include "scan/text_scan_int.h"
#include "text/text_int.h"

#include <stdio.h>
#include <string.h>

/* ---- spans ----------------------------------------------------------------------- */

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
	static const char *const w[] = { "of",  "the", "and", "for",
					 "und", "et",  "des", "fur" };
	size_t i;
	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (strcmp(TXT(sc, t), w[i]) == 0)
			return 1;
	return 0;
}

/* Function words, particles, places and generic words: a span made
 * only of these is not a name (Hong Kong, North Korea, Bank of China);
 * and words of country names (Bosnia and Herzegovina). */
static int placeish(const struct scan *sc, const struct tok *t)
{
	return t->lex == KD_LEX_STOP || t->lex == KD_LEX_PARTICLE ||
	       t->lex == KD_LEX_PLACE ||
	       (!sc->legacy && t->len >= 4 && kd__lex_country(TXT(sc, t)));
}

/* A plausible name word right next to [i..j] (same phrase): then the
 * span is a fragment of a longer name ("Pak [Thae-song]"), and scoring
 * the fragment alone would match whatever shares those words. The
 * longer span is a candidate of its own. */
static int name_word(const struct tok *t)
{
	return kd__scan_anchor(t) &&
	       (t->lex == KD_LEX_NONE || t->lex == KD_LEX_COMMON);
}

static int bare(const struct scan *sc, const struct tok *t);

/* Is token t the first word of a sentence and an ordinary word of some
 * language there (Selon, Según, Laut, Wie): capitalised as any first
 * word is, it is no part of the name after it (Selon Sergueï Gavrilov,
 * Según Vladimir Nikitin). Not in legacy mode. */
static int sentence_word(const struct scan *sc, const struct tok *t)
{
	return !sc->legacy && t->initial && !t->hangul &&
	       t->word == KD_WORD_COMMON && t->len >= 3 && !bare(sc, t);
}

static int unbounded(const struct scan *sc, size_t i, size_t j)
{
	const struct tok *l = i > 0 ? &sc->t[i - 1] : NULL;
	const struct tok *r = j + 1 < sc->n ? &sc->t[j + 1] : NULL;
	if (l && sc->t[i].sep != SEP_HARD &&
	    ((name_word(l) &&
	      !(sc->t[i].sep == SEP_SOFT && sentence_word(sc, l))) ||
	     (sc->t[i].sep == SEP_HYPHEN && l->known)))
		return 1;
	return r && r->sep != SEP_HARD &&
	       (name_word(r) || (r->sep == SEP_HYPHEN && r->known)) &&
	       !(j == i + 1 && kd__scan_ko_dprk_pair(sc, i)); /* 렴영|은 */
}

int kd__scan_span_key(struct scan *sc, size_t i, size_t j, char *key,
		      size_t cap, size_t *klen)
{
	size_t k, o = 0;
	for (k = i; k <= j; k++) {
		const struct tok *t = &sc->t[k];
		if (o + t->slen + 2 > cap)
			return -1;
		if (o)
			key[o++] = ' ';
		if (t->len > 1 && kd__scan_letters(sc, t) == 1) {
			/* an initial romanised to several letters (Я: ya) is
			 * the initial of the romanised name (Yakovlevich) */
			key[o++] = TXT(sc, t)[0];
			continue;
		}
		memcpy(key + o, STEM(sc, t), t->slen);
		o += t->slen;
	}
	key[o] = '\0';
	*klen = o;
	return 0;
}

/* The Korean name of span [i..j] as written, in Hangul (its syllables,
 * the particle cut: 조연춘 of 조연춘과): scored as kd_screen scores a
 * Hangul query, with the Korean readings of the lists' romanised names
 * (CHO YON CHUN), which the romanised key ("jo yeon chun") misses. */
static int hangul_key(const struct scan *sc, size_t i, size_t j, char *key,
		      size_t cap, size_t *klen)
{
	size_t a = sc->t[i].os, b = sc->t[j].oe;
	if (b <= a || b - a + 1 > cap)
		return 0;
	memcpy(key, sc->g->s + a, b - a);
	key[b - a] = '\0';
	*klen = b - a;
	return 1;
}

/* Is span [i..j] shaped as a romanised Korean name: a Korean surname
 * (Kim, Gim, Ri, Yi, Lee, Pak, Bak, Park, Choe, ...) first or last,
 * and every other name word a syllable or two of at most 6 letters
 * (Kyu, Mun, Il, Yong-Su) and no ordinary word of 4 letters or more
 * unless hyphenated? Short syllables are words of some language
 * (kim, kyu, pak, mun are in the dictionaries), so, as for Hangul, the
 * dictionaries say nothing about such a span; the scorer still needs
 * every word matched and a listed person's full name (KD_SCAN_FULL). */
static int korean_shape(const struct scan *sc, size_t i, size_t j)
{
	size_t k, words = 0;
	int first = -1, last = -1;
	for (k = i; k <= j; k++) {
		const struct tok *t = &sc->t[k];
		const char *w = STEM(sc, t);
		int is_sur = kd__scan_ko_surname(w, t->slen);
		if (t->cas == CASE_DIGIT || t->lex == KD_LEX_STOP ||
		    t->lex == KD_LEX_PARTICLE)
			return 0;
		if (t->len == 1 && t->cas == CASE_UPPER)
			continue; /* a one-letter syllable (Il-U Cho) */
		if (t->slen > 6 || t->len < 2 || t->cas != CASE_UPPER)
			return 0; /* "Sin -n": an option, no syllable */
		/* a given-name syllable: short, or no ordinary word, or
		 * hyphenated (Kyu, Yeong, Mun-Il), not "Book", "River" */
		if (!is_sur && t->slen > 3 && t->word == KD_WORD_COMMON &&
		    t->sep != SEP_HYPHEN &&
		    (k == j || sc->t[k + 1].sep != SEP_HYPHEN))
			return 0;
		if (words++ == 0)
			first = is_sur;
		last = is_sur;
	}
	return words >= 2 && (first == 1 || last == 1);
}

/* The fewest (most: `most`) romanised Chinese or Korean syllables
 * w[0..n) splits into (pinyin, Wade-Giles, McCune-Reischauer, Revised Romanization: an
 * optional initial and glide, one or two vowels (three in iao, uai),
 * an optional final
 * n, ng, m, k, l, p, t): nan 1, hongwei 2, songchol 2; 0 when it does
 * not split (lavrov, sergei). Slavic names split too (go-rel-kin): the
 * caller also wants a Chinese or Korean surname in the span. */
static size_t syllables(const char *w, size_t n, int most)
{
	static const char ini2[][3] = {
		"zh", "ch", "sh", "ph", "th", "kh", "ts"
	};
	unsigned char best[40]; /* best[p]: fewest (most) of w[0..p) */
	size_t p, q, k;
	if (n == 0 || n >= sizeof(best))
		return 0;
	memset(best, 0xff, sizeof(best));
	/* most: counted down from 254, so the least value is the most */
	best[0] = most ? 254 : 0;
	for (p = 0; p < n; p++) {
		unsigned char nb;
		if (best[p] == 0xff)
			continue;
		nb = (unsigned char)(most ? best[p] - 1 : best[p] + 1);
		q = p;
		for (k = 0; k < sizeof(ini2) / sizeof(ini2[0]); k++)
			if (q + 2 <= n && memcmp(w + q, ini2[k], 2) == 0)
				break;
		if (k < sizeof(ini2) / sizeof(ini2[0]))
			q += 2;
		else if (q < n && strchr("bpmfdtnlgkhjqxrzcsyw", w[q]))
			q++;
		if (q > p && q < n && (w[q] == 'y' || w[q] == 'w'))
			q++; /* glide: ryu, kwon, hwang */
		/* one or two vowels, three in iao, uai (xiao, kuai) */
		for (k = 0; k < 2 && q < n && strchr("aeiou", w[q]); k++)
			q++;
		if (k == 0)
			continue;
		if (k == 2 && q < n && w[q] == (w[q - 2] == 'i' ? 'o' : 'i') &&
		    memcmp(w + q - 2, w[q - 2] == 'i' ? "ia" : "ua", 2) == 0)
			q++;
		if (nb < best[q])
			best[q] = nb;
		if (q + 2 <= n && w[q] == 'n' && w[q + 1] == 'g' &&
		    nb < best[q + 2])
			best[q + 2] = nb;
		if (q < n && strchr("nmklpt", w[q]) && nb < best[q + 1])
			best[q + 1] = nb;
	}
	if (best[n] == 0xff)
		return 0;
	return most ? 254u - best[n] : best[n];
}

/* Is w[0..n) a frequent Chinese surname in pinyin (or a Korean one:
 * kd__scan_ko_surname)? */
static int cjk_surname(const char *w, size_t n)
{
	/* clang-format off */ /* a table laid out by hand */
	static const char *const zh[] = {
		"wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao",
		"wu", "zhou", "xu", "sun", "ma", "zhu", "hu", "guo", "he",
		"lin", "luo", "gao", "zheng", "liang", "xie", "tang", "feng",
		"deng", "cao", "peng", "zeng", "xiao", "tian", "dong", "pan",
		"yuan", "cai", "jiang", "du", "ye", "cheng", "wei", "su", "lu",
		"ding", "ren", "shen", "yao", "jin", "fan", "fang", "shi",
		"zou", "xiong", "hao", "kong", "bai", "cui", "mao", "qiu",
		"qin", "gu", "hou", "shao", "meng", "long", "wan", "duan",
		"lei", "qian", "yin", "qiao", "lai", "gong", "wen", "nan",
		"xing", "niu", "tan", "zhong", "fu", "bao",
	};
	/* clang-format on */
	size_t i;
	if (kd__scan_ko_surname(w, n))
		return 1;
	for (i = 0; i < sizeof(zh) / sizeof(zh[0]); i++)
		if (strlen(zh[i]) == n && memcmp(zh[i], w, n) == 0)
			return 1;
	return 0;
}

/* Is span [i..j] a name in romanised Chinese or Korean syllables: every
 * name word splits into syllables, the first or the last is a Chinese or
 * Korean surname (not Hangul: hangul_word segmented those)? Its number
 * of syllables, else 0. Such syllables are few, so pairs of them collide
 * by skeleton with listed names of other syllables (Nan Wang ~ NAN FENG
 * ZHI XING, Han Zheng ~ HAN JANG SU): see covers_listed(). */
static size_t syllabic_span(const struct scan *sc, size_t i, size_t j)
{
	size_t k, words = 0, syl = 0, n;
	int first = 0, last = 0;
	for (k = i; k <= j; k++) {
		const struct tok *t = &sc->t[k];
		if (t->cas == CASE_DIGIT || t->lex == KD_LEX_PARTICLE ||
		    (t->lex == KD_LEX_STOP && t->len > 3))
			continue;
		if (t->hangul || (n = syllables(STEM(sc, t), t->slen, 1)) == 0)
			return 0;
		last = cjk_surname(STEM(sc, t), t->slen);
		if (words++ == 0)
			first = last;
		syl += n;
	}
	return words >= 2 && (first || last) ? syl : 0;
}

/* Does a span of `syl` syllables (syllabic_span()) name every syllable
 * of the caption of entity ei ("NAN FENG ZHI XING" 4, "LI, Hong Ri" 3,
 * "MUN CHO'NG-CH'O'L" 3; a word that does not split counts one, a
 * one-letter word none: an initial never ends a span, CHO IL U is named
 * by the span "Cho Il"), and its number (YU PHYONG 5) if it has one?
 * Two syllables of a longer listed name are a pair that half the
 * syllabary shares. */
static int covers_listed(const struct scan *sc, size_t i, size_t j, uint32_t ei,
			 size_t syl)
{
	const char *cap = kd_entity_caption(kd__index_ent(sc->c->ix, ei));
	char w[40];
	size_t k, need = 0, len = 0, num = 0;
	for (k = 0;; k++) {
		unsigned char x = (unsigned char)cap[k];
		if (x == '\'' || (x == 0xE2 && cap[k + 1] == '\x80'))
			continue; /* CHO'NG, SO’K: one word */
		if (x >= 0x80 || kd__scan_alnum(x)) {
			if (len < sizeof(w))
				w[len] = (char)(x >= 'A' && x <= 'Z' ? x | 0x20
								     : x);
			len++;
			continue;
		}
		if (len == 1 && w[0] >= '0' && w[0] <= '9')
			num = 1;
		else if (len >= 2) {
			size_t n = len <= sizeof(w) ? syllables(w, len, 0) : 0;
			need += n ? n : 1;
		}
		len = 0;
		if (!x)
			break;
	}
	/* syllables hyphenated to the span: "Il-Chun Jon" is scored as
	 * "Chun Jon" (Il is a function word, no span end) */
	for (k = i; k > 0 && sc->t[k].sep == SEP_HYPHEN; k--)
		syl += syllables(STEM(sc, &sc->t[k - 1]), sc->t[k - 1].slen, 1);
	for (k = j + 1; k < sc->n && sc->t[k].sep == SEP_HYPHEN; k++)
		syl += syllables(STEM(sc, &sc->t[k]), sc->t[k].slen, 1);
	if (num)
		for (num = 0, k = i; k <= j; k++)
			num |= sc->t[k].cas == CASE_DIGIT;
	return syl >= need && (num || !strpbrk(cap, "0123456789"));
}

/* Is token k a capitalised title word right after a name particle
 * ("El Sheikh", "Al Sheikh", "Abu Sultan")? There it is a family name,
 * not the title before a name, and may end a span. */
static int title_after_particle(const struct scan *sc, size_t k)
{
	const struct tok *t = &sc->t[k];
	return !sc->legacy && k > 0 && t->lex == KD_LEX_STOP &&
	       t->cas == CASE_UPPER && t->len >= 4 &&
	       sc->t[k - 1].lex == KD_LEX_PARTICLE && t->sep != SEP_HARD;
}

/* Is token t an ordinary word only as the dictionaries spell it, with
 * a Latin letter beyond ASCII (piętr, señor), written here without it
 * in a line that has such letters? Then it is no ordinary word of that
 * text: a writer who has the letters would use them, so the bare
 * spelling is a name (Pietr Zima, a press spelling of Pyotr). A text
 * without such letters (English, or Polish typed without them) keeps
 * the word ordinary, and so does a word in capitals. */
static int bare_scan(const struct scan *sc, const struct tok *t)
{
	const unsigned char *s = (const unsigned char *)sc->g->s;
	size_t k, a, b;
	int low;
	if (t->word != KD_WORD_COMMON || t->cas != CASE_UPPER)
		return 0;
	for (k = t->os, low = 0; k < t->oe; k++) {
		if (s[k] >= 0x80)
			return 0;
		low |= s[k] >= 'a' && s[k] <= 'z';
	}
	if (!low)
		return 0; /* capitals often drop accents (SARA: sarà) */
	a = t->os > 300 ? t->os - 300 : 0;
	b = t->oe + 300 < sc->g->len ? t->oe + 300 : sc->g->len;
	for (k = t->os; k > a && s[k - 1] != '\n'; k--)
		if (s[k - 1] >= 0xC3 && s[k - 1] <= 0xC9)
			break;
	if (k == a || s[k - 1] == '\n') {
		for (k = t->oe; k < b && s[k] != '\n'; k++)
			if (s[k] >= 0xC3 && s[k] <= 0xC9)
				break;
		if (k == b || s[k] == '\n')
			return 0;
	}
	/* the dictionaries' word, as word_class() found it: its stem,
	 * and the text itself when that is an ordinary word too */
	return kd__lex_accented(STEM(sc, t), t->slen) &&
	       (t->stem == t->txt ||
		kd__lex_word(TXT(sc, t), t->len) != KD_WORD_COMMON ||
		kd__lex_accented(TXT(sc, t), t->len));
}

/* Is span [i..j] (two words) a listed word spelled as listed (Roman,
 * Boris) first, then a word that is no ordinary word of any language
 * (Abramowitschs): a name at a sentence start, though its
 * first word is an ordinary word somewhere (Roman: a novel)? */
static int listed_before_name(const struct scan *sc, size_t i, size_t j)
{
	const struct tok *b = &sc->t[j];
	return sc->t[i].listed && j == i + 1 && b->sep == SEP_SOFT &&
	       b->word != KD_WORD_COMMON && b->len >= 5;
}

/* bare_scan() of token t of sc->t, remembered in sc->bare (the spans of
 * a word ask it again and again, and each answer reads 600 bytes). */
static int bare(const struct scan *sc, const struct tok *t)
{
	size_t k = (size_t)(t - sc->t);
	int r;
	if (t->word != KD_WORD_COMMON || t->cas != CASE_UPPER)
		return 0; /* bare_scan's own first test */
	if (sc->bare == NULL || k >= sc->nbare)
		return bare_scan(sc, t);
	if (sc->bare[k] == 0)
		sc->bare[k] = (uint8_t)(1 + bare_scan(sc, t));
	r = sc->bare[k] - 1;
	return r;
}

/* Is span [i..j] a given name, then a family name, both ordinary words
 * of some language: Ivan Loor, German Belous, Roman Melnik, Alexandr
 * Jakubowski? The dictionaries of eight languages hold many surnames
 * as words (a Polish adjective in -ski, Estonian loor), so two ordinary
 * words say nothing against a name when the first is a common given
 * name among people in general (seen as a name word itself or in its
 * nominative, Сергея, and its spelling class frequent among Wikidata's
 * and the Census's names:
 * Ivan, Roman, Alexandr ~ Alexander; "Aussi" is no name)
 * and the second rare among them (a distinctive family name: Loor,
 * Belous, Melnik are not "Will", "Grant" or "Green"); not at a
 * sentence start, where any word is capitalised. The match must be a
 * person's, every word matched without edits (kd__scan_collect), and
 * kd__scan_given_and_family() wants the given and the family name of
 * that person. Not in legacy mode. */
#define PAIR_GIVEN_INFO  8.0  /* nats: 1 name word in 3,000 or more */
#define PAIR_FAMILY_INFO 10.0 /* nats: 1 in 22,000 or fewer */
#define PAIR_SEEN_INFO   12.0 /* nats: the word itself is a name word */
/* Is token t a name word among people, as written or in a nominative
 * of its Slavic case form (Сергея: sergey, Iwana: iwan)? */
static int given_seen(const struct scan *sc, const struct tok *t)
{
	char b[TOK_MAX + 8];
	size_t from = 0, n;
	int cyr = (unsigned char)sc->g->s[t->os] >= 0xD0 &&
		  (unsigned char)sc->g->s[t->os] <= 0xD4;
	if (kd__name_pop_info(TXT(sc, t), t->len) < PAIR_SEEN_INFO)
		return 1;
	while ((n = kd__scan_case_form(b, sizeof(b), TXT(sc, t), t->len, cyr, 1,
				       &from)) > 0)
		if (kd__name_pop_info(b, n) < PAIR_SEEN_INFO)
			return 1;
	return 0;
}

static int named_pair(const struct scan *sc, size_t i, size_t j)
{
	const struct tok *a = &sc->t[i], *b = &sc->t[j];
	if (sc->legacy || j != i + 1 || b->sep != SEP_SOFT || a->initial ||
	    a->hangul || b->hangul || a->cas != CASE_UPPER ||
	    b->cas != CASE_UPPER || a->len < 3 || b->len < 4 || !a->known ||
	    !b->known || b->lex != KD_LEX_NONE || a->sklen == 0 ||
	    a->word != KD_WORD_COMMON || b->word != KD_WORD_COMMON ||
	    bare(sc, a) || bare(sc, b))
		return 0;
	return given_seen(sc, a) &&
	       kd__name_pop_info_class(SKEL(sc, a), a->sklen) <=
		       PAIR_GIVEN_INFO &&
	       kd__name_pop_info(STEM(sc, b), b->slen) >= PAIR_FAMILY_INFO;
}

/* Language evidence for a span [i..j] (not in legacy mode):
 *   - two ordinary words of some language ("International System",
 *     "Control System", "Show Done") are not a name: one of them must
 *     be a proper noun or in no dictionary at all (three or more
 *     capitalised list words in a row are let through: Kim Sung Su is
 *     three ordinary words somewhere);
 *     (words of one or two letters count as ordinary: "AD", "CC");
 *   - of two words, the first of a sentence may not be an ordinary
 *     word (its capital says nothing: "Sono Tallin");
 *   - two words joined by a hyphen (Jean-Pierre, Hans-Peter, EUC-KR,
 *     Multi-Threading) are one name part, and one part alone is no
 *     full name (see singles() for single words).
 * Syllables of a Korean name word carry no dictionary evidence (the
 * word was segmented as surname + given name in hangul_word). */
static int span_evidence(const struct scan *sc, size_t i, size_t j)
{
	size_t k, words = 0, common = 0, known = 0; /* known: unused */
	if (kd__scan_two_initials(sc, i))
		return 1; /* full_name() and kd__scan_initials_matched() decide */
	for (k = i; k <= j; k++) {
		const struct tok *t = &sc->t[k];
		if (t->hangul)
			return 1;
		if (t->cas == CASE_DIGIT || t->lex == KD_LEX_STOP ||
		    t->lex == KD_LEX_PARTICLE || t->len < 2)
			continue;
		words++;
		common += t->word == KD_WORD_COMMON && !bare(sc, t);
		known += t->word != KD_WORD_NONE;
	}
	if (words && words <= 2 && common == words && !korean_shape(sc, i, j) &&
	    !named_pair(sc, i, j))
		return 0;
	/* the first word of a sentence is capitalised whatever it is: an
	 * ordinary word there ("Sono Tallin", "Frag Anna") is no name part
	 * of a two-word name */
	if (words == 2 && sc->t[i].initial && !sc->t[i].hangul &&
	    sc->t[i].word == KD_WORD_COMMON && !bare(sc, &sc->t[i]) &&
	    sc->t[i].cas != CASE_DIGIT && !korean_shape(sc, i, j) &&
	    !listed_before_name(sc, i, j))
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
/* Is span [i..j] a known word read as a case form by the tokenizer
 * (Dmitrijem: dmitrij) and then a word the lists lack, no word of any
 * language, that ends as no nominative does (Pogoriełym, Kruglým:
 * -ym, -skiego, -owej)? Both inflected alike: a name in a case form
 * whose family word only its nominative makes known; kd__scan_case_key()
 * scores it so. Not in legacy mode. */
static int case_end(const struct scan *sc, size_t i, size_t j)
{
	const unsigned char *s = (const unsigned char *)sc->g->s;
	const struct tok *a = &sc->t[i], *t = &sc->t[j];
	char b[TOK_MAX + 8];
	size_t at = 0;
	if (sc->legacy || t->known || t->cas != CASE_UPPER || t->hangul ||
	    t->len < 5 || t->lex != KD_LEX_NONE || t->word == KD_WORD_COMMON ||
	    t->sep != SEP_SOFT || !kd__scan_anchor(a) || a->hangul ||
	    a->stem == a->txt || a->slen >= a->len)
		return 0;
	if (kd__scan_case_form(b, sizeof(b), TXT(sc, t), t->len,
			       s[t->os] >= 0xD0 && s[t->os] <= 0xD4, 0,
			       &at) > 0)
		return 1;
	return kd__scan_short_genitive(b, sizeof(b), TXT(sc, t), t->len) > 0 &&
	       TXT(sc, t)[t->len - 1] != 's';
}

static int full_name(const struct scan *sc, size_t i, size_t j)
{
	size_t k, words = 0, plain = 0, unknown = 0;
	int rare = 0;
	if (kd__scan_one_initial(sc, i))
		return j == i + 1;
	if (kd__scan_two_initials(sc, i)) {
		/* two initials and one family word that is no ordinary word
		 * (С. В. Лавров, S. W. Ławrow: given name and patronymic);
		 * the scorer matches each initial to a given name */
		size_t ini = 0;
		for (k = i; k <= j; k++) {
			const struct tok *t = &sc->t[k];
			if (kd__scan_dotted_initial(sc, k)) {
				ini++;
				continue;
			}
			if (!t->known || t->len < 4)
				return 0;
			words++;
		}
		return words == 1 && ini >= 2;
	}
	for (k = i; k <= j; k++) {
		const struct tok *t = &sc->t[k];
		if (title_after_particle(sc, k)) {
			words++; /* El Sheikh */
			continue;
		}
		if (t->lex == KD_LEX_STOP || t->lex == KD_LEX_PARTICLE ||
		    t->cas == CASE_DIGIT ||
		    (t->len == 1 && t->cas == CASE_UPPER) ||
		    kd__scan_dotted_initial(sc, k))
			continue;
		if (!t->known) {
			/* one press spelling the lists lack (see
			 * unknown_start), no ordinary word */
			if (unknown++ ||
			    (t->word == KD_WORD_COMMON && !bare(sc, t)))
				return 0;
			continue;
		}
		words++;
		plain += !t->hangul && t->word == KD_WORD_COMMON &&
			 !bare(sc, t);
		rare |= t->ridf >= RARE_IDF;
	}
	if (unknown)
		return words >= 2 || (words == 1 && rare) ||
		       (j == i + 1 && case_end(sc, i, j));
	return words >= 3 ||
	       (words == 2 &&
		(plain < 2 || korean_shape(sc, i, j) || named_pair(sc, i, j)));
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
	       sc->t[i + 1].sep == SEP_SOFT && kd__scan_anchor(&sc->t[i + 1]);
}

/* Are tokens k and k + 1 syllables of one Hangul word (no byte
 * between them in the input)? */
static int same_word(const struct scan *sc, size_t k)
{
	return k + 1 < sc->n && sc->t[k].hangul && sc->t[k + 1].hangul &&
	       sc->t[k].oe == sc->t[k + 1].os;
}

/* Is token k joined to token k - 1 by a comma alone (and spaces, one
 * line break): "Васiльеў, Анатоль Анатольевiч", "LAVROV, Sergei"? */
static int comma_joint(const struct scan *sc, size_t k)
{
	const char *s = sc->g->s;
	size_t a = sc->t[k - 1].oe, b = sc->t[k].os;
	int commas = 0, nl = 0;
	for (; a < b; a++) {
		if (s[a] == ',')
			commas++;
		else if (s[a] == '\n')
			nl++;
		else if (s[a] != ' ' && s[a] != '\t' && s[a] != '\r')
			return 0;
	}
	return commas == 1 && nl <= 1;
}

/* Was a word of a name comparison's explanation ("'q'~'l' how, ...":
 * compare.c) matched by edit distance ("edit", "skeleton+edit")? In a
 * span of romanised Chinese or Korean syllables that is another
 * syllable ('hongwei'~'hongri'): romanisations of one syllable share a
 * skeleton (Gim/KIM, Cheol/CHOL) and need no edit. */
static int edited_part(const char *d)
{
	while ((d = strstr(d, "'~'")) != NULL) {
		const char *e = strchr(d + 3, '\'');
		size_t n;
		if (e == NULL || e[1] != ' ')
			return 0;
		n = strcspn(e + 2, ",");
		if (n >= 4 && memmem(e + 2, n, "edit", 4) != NULL)
			return 1;
		d = e + 2 + n;
	}
	return 0;
}

/* A candidate for the Korean name word starting at token i (hangul_word
 * cut it to surname and given name) scored by its Hangul (hangul_key())
 * when its romanised syllables are no listed words, so the span walk
 * below does not start there. */
static int hangul_cand(struct scan *sc, size_t i, struct cand **cs, size_t *nc,
		       size_t *capc)
{
	const struct kd_scan_match *r = NULL;
	char key[256];
	size_t j = i, kl;
	int err;
	while (same_word(sc, j))
		j++;
	/* the whole word, then a North Korean name before its particle
	 * (렴영|은) */
	for (;; j--) {
		if (j == i || unbounded(sc, i, j) ||
		    !hangul_key(sc, i, j, key, sizeof(key), &kl))
			return 0;
		if ((err = kd__scan_score(&r, sc->c, key, kl, KD_SCAN_FULL)) <
		    0)
			return err;
		if (r != NULL && r->ent != UINT32_MAX &&
		    r->score >= sc->c->threshold &&
		    kd__scan_given_and_family(sc, i, j, r))
			break;
		if (j != i + 2 || !kd__scan_ko_dprk_pair(sc, i))
			return 0;
	}
	if ((err = kd__grow((void **)cs, capc, *nc + 1, sizeof(**cs))) < 0)
		return err;
	(*cs)[*nc].i = i;
	(*cs)[*nc].j = j;
	(*cs)[*nc].r = r;
	(*cs)[*nc].key = r->score + 0.02 * (double)(j - i + 1);
	(*nc)++;
	return 0;
}

/* Is span [i..j] two capitalised words, neither an ordinary word of
 * any language, one in no dictionary at all (not even as a name) and
 * of five letters or more, the last a word of a listed person's name
 * (Mourat Khapsirokov)? Not in legacy mode. */
static int foreign_pair(struct scan *sc, size_t i, size_t j)
{
	size_t k;
	int none = 0;
	if (sc->legacy || j != i + 1 || sc->t[j].sep != SEP_SOFT)
		return 0;
	for (k = i; k <= j; k++) {
		const struct tok *t = &sc->t[k];
		if (t->hangul || t->cas != CASE_UPPER || t->len < 4 ||
		    t->word == KD_WORD_COMMON || t->lex != KD_LEX_NONE)
			return 0;
		none |= t->word == KD_WORD_NONE && t->len >= 5;
	}
	/* the family word a listed person's, both words one person's
	 * (a cheap test: kd_screen's candidate search costs) */
	return none && sc->t[j].known && kd__scan_person_word(sc, &sc->t[j]) &&
	       kd__scan_listed_span(sc, i, j, 1);
}

/* Does span [i..j] name the entity r matched, by the name-part rules:
 * a one-letter first word matched as an initial of r's given names
 * (kd__scan_initials_matched()) or as no initial (a Korean surname), the given
 * and the family name of a person (kd__scan_given_and_family()), every
 * syllable of a romanised Chinese or Korean name (covers_listed()), a
 * person's name without edits for a named_pair()? */
static int span_names(const struct scan *sc, size_t i, size_t j,
		      const struct kd_scan_match *r)
{
	size_t syl;
	if (r->ent == UINT32_MAX || r->score < sc->c->threshold)
		return 0;
	if (sc->legacy)
		return 1;
	/* a Hangul name word names a person: hangul_word() (text_fold.c)
	 * keeps a Korean word only shaped as surname + given name, and a
	 * company's Korean name is no such word (인간형, "human type",
	 * is no NAMCHONGANG TRADING CORPORATION) */
	if (sc->t[i].hangul &&
	    kd__index_ent(sc->c->ix, r->ent)->schema != KD_SCHEMA_PERSON)
		return 0;
	/* a named pair names a person, as listed */
	if (named_pair(sc, i, j) &&
	    (kd__index_ent(sc->c->ix, r->ent)->schema != KD_SCHEMA_PERSON ||
	     edited_part(r->detail)))
		return 0;
	if (kd__scan_letters(sc, &sc->t[i]) == 1 &&
	    !(kd__scan_two_initials(sc, i) || kd__scan_one_initial(sc, i)
		      ? kd__scan_initials_matched(sc, i, j, r)
		      : !kd__scan_initial_part(r->detail, TXT(sc, &sc->t[i]))))
		return 0;
	return kd__scan_given_and_family(sc, i, j, r) &&
	       ((syl = syllabic_span(sc, i, j)) == 0 ||
		(covers_listed(sc, i, j, r->ent, syl) &&
		 !edited_part(r->detail)));
}

/* The entities ranked after *r for the same span (kd__scan_score_next,
 * KD_SCAN_NEXT_MAX of them): *r becomes the first that span_names() accepts and
 * whose name parts it can tell, a person listed as "FAMILY, Given" or
 * "Given Patronymic FAMILY" (MOSTAFA KAMEL MOSTAFA IBRAHIM says nothing
 * of which word is his family name: Kemal Mustafa is another man),
 * every word matched without edits (Omar Sharif is no Amar SHARIF), or
 * NULL when none is. Not for a span starting with an initial: an
 * initial and a family word fit many listed persons (S. Whang ~ WANG,
 * Shucheng), the best of them or none. */
static int next_named(struct scan *sc, size_t i, size_t j,
		      const struct kd_scan_match **r)
{
	size_t k;
	int err;
	if (kd__scan_letters(sc, &sc->t[i]) == 1) {
		*r = NULL;
		return 0;
	}
	for (k = 0; k < KD_SCAN_NEXT_MAX && *r != NULL; k++) {
		const struct kd_entity *e;
		const char *cap;
		if ((err = kd__scan_score_next(r, sc->c, *r)) < 0)
			return err;
		if (*r == NULL)
			break;
		e = kd__index_ent(sc->c->ix, (*r)->ent);
		cap = kd_entity_caption(e);
		if (e->schema == KD_SCHEMA_PERSON &&
		    (strchr(cap, ',') != NULL || kd__scan_mixed_case(cap)) &&
		    !edited_part((*r)->detail) && span_names(sc, i, j, *r))
			return 0;
	}
	*r = NULL;
	return 0;
}

/* Span [i..j] of two words of no language (foreign_pair()) in a Slavic
 * case form, its nominative key[0..kl) scored as kd_screen scores it: a
 * person with the margin foreign_pair() wants replaces *r (Andrieja
 * Wołożynskiego ~ Andrei Olgertovich VOLOZHINSKY, whom the full-name
 * policy refuses: the patronymic is most of the listed name). */
static int foreign_case(struct scan *sc, size_t i, size_t j, const char *key,
			size_t kl, const struct kd_scan_match **r)
{
	const struct kd_scan_match *m = NULL;
	int err;
	if (!foreign_pair(sc, i, j))
		return 0;
	if ((err = kd__scan_score(&m, sc->c, key, kl, KD_SCAN_MULTI)) < 0)
		return err;
	if (m != NULL && m->ent != UINT32_MAX &&
	    kd__index_ent(sc->c->ix, m->ent)->schema == KD_SCHEMA_PERSON &&
	    m->score >= sc->c->threshold + KD_W_SCAN_FUZZY_MARGIN)
		*r = m;
	return 0;
}

/* May key[0..kl), span [i..j] respelled word by word (one word per token:
 * kd__scan_press_key(), kd__scan_case_key()), be a listed person's full
 * name: kd__scan_listed_span(..., 1) on the respelled words, as the
 * span as written is asked before its full-name scoring. A respelling
 * is read back to the lists' spelling (Mijail Zajarov: mikhail
 * zakharov, Olega Matkina: oleg matkin); when its words, by their
 * skeletons, are words of no one listed person, or one of them of no
 * person at all, it names no one, and FULL scoring, which wants every
 * word matched, is not asked: English and Italian names in a press
 * spelling (Ambrose Biertse, Steve Khobs, Leonardo da Vintsi) were 12 %
 * of the scoring of quotations, with no hit. Words of no skeleton
 * posting say nothing, as unknown words do there. A case form's
 * nominative (`loose`) is the text's own spelling, which may miss the
 * list's by a letter the skeleton keeps apart (Piotrem Tołstojem: piotr
 * tolstoj ~ Petr TOLSTOY; Kuźmina: kuzhmin ~ KUZMIN): of two words, each
 * need only be some person's; what it leaves out is Polish phrases read
 * as case forms (biurze obsluga finansowa, ii wojn swiatow). */
static int respelled_listed(const struct scan *sc, size_t i, size_t j,
			    const char *key, size_t kl, int loose)
{
	const uint32_t *l[MAX_SPAN];
	uint32_t nl[MAX_SPAN];
	struct kd_tokset *ts = NULL;
	size_t k, o = 0, nw = 0;
	int ok = 1;
	for (k = i; k <= j && o <= kl; k++) {
		const struct tok *t = &sc->t[k];
		const char *w = key + o, *sp = memchr(w, ' ', kl - o);
		size_t n = sp ? (size_t)(sp - w) : kl - o, sl;
		char sk[TOK_MAX + 8];
		o += n + 1;
		if (t->cas == CASE_DIGIT || t->len <= 1 || t->hangul ||
		    t->lex == KD_LEX_STOP || t->lex == KD_LEX_PARTICLE ||
		    nw == MAX_SPAN || n == 0 || n > TOK_MAX)
			continue;
		if ((sl = kd__skeleton(sk, sizeof(sk), w, n)) == 0 ||
		    (l[nw] = kd__index_lookup_skel(sc->c->ix, sk, sl,
						   &nl[nw])) == NULL ||
		    nl[nw] == 0)
			continue; /* no listed word: nothing to say */
		/* a word the name analysis reads as others (abdul: abd al)
		 * says nothing either */
		if (ts == NULL && (ts = kd__malloc(sizeof(*ts))) == NULL)
			goto out; /* out of memory: nothing to say */
		kd__tokenize(ts, w, n, 0);
		if (ts->n != 1 || ts->t[0].kind != KD_TOK_WORD ||
		    ts->t[0].len != n || memcmp(ts->t[0].s, w, n) != 0)
			continue;
		nw++;
	}
	/* a key of other words than tokens: nothing to say */
	if (k == j + 1 && o == kl + 1) {
		if (loose && nw <= 2) {
			size_t p;
			for (p = 0; p < nw && ok; p++)
				ok = kd__scan_listed_words(sc, l + p, nl + p,
							   1);
		} else {
			ok = kd__scan_listed_words(sc, l, nl, nw);
		}
	}
out:
	kd__free(ts);
	return ok;
}

/* Room in sc->bare for every token, made once per scan (collect runs
 * once, after the whole text is tokenized); on running out of memory,
 * bare() reads the text each time instead. */
static void bare_room(struct scan *sc)
{
	if (sc->bare != NULL || sc->n == 0)
		return;
	if ((sc->bare = kd__calloc(sc->n, 1)) != NULL)
		sc->nbare = sc->n;
}

int kd__scan_collect(struct scan *sc)
{
	struct cand **cs = &sc->cs;
	size_t *nc = &sc->nc, *capc = &sc->capc;
	size_t i, j;
	int err;
	bare_room(sc);
	for (i = 0; i < sc->n; i++) {
		double info = 0;
		int unknown = 0, specific = 0, rare = 0, comma = 0;
		/* a span starts at a capitalised word or a Hangul one (every
		 * test below wants one of them): the lowercase words and
		 * numbers of prose cost this test alone */
		if (sc->t[i].cas != CASE_UPPER && !sc->t[i].hangul)
			continue;
		if (kd__scan_single(&sc->t[i])) {
			struct single *sg;
			if ((err = kd__grow((void **)&sc->single,
					    &sc->capsingle, sc->nsingle + 1,
					    sizeof(*sc->single))) < 0)
				return err;
			sg = &sc->single[sc->nsingle++];
			sg->i = i;
			sg->os = sc->t[i].os;
			sg->oe = sc->t[i].oe;
			sg->alone = kd__scan_single_alone(&sc->t[i]);
		}
		if (sc->t[i].hangul && i > 0 && same_word(sc, i - 1))
			continue; /* a Korean name is its whole word */
		if (!kd__scan_anchor(&sc->t[i]) && sc->t[i].hangul &&
		    !sc->legacy) {
			/* a Korean name word whose romanised syllables the
			 * lists lack (hyeon: HYON): by its Hangul */
			if ((err = hangul_cand(sc, i, cs, nc, capc)) < 0)
				return err;
			continue;
		}
		if (!kd__scan_anchor(&sc->t[i]) && !unknown_start(sc, i) &&
		    !kd__scan_ko_letter(sc, i, 1) &&
		    !kd__scan_two_initials(sc, i) &&
		    !kd__scan_one_initial(sc, i))
			continue;
		unknown = !sc->t[i].known;
		info = sc->t[i].idf;
		specific = !placeish(sc, &sc->t[i]);
		rare = rare_word(&sc->t[i]);
		for (j = i + 1; j < sc->n && j < i + MAX_SPAN; j++) {
			const struct tok *t = &sc->t[j];
			int end_ok = 0;
			/* "Surname, Given Patronymic": one comma right after
			 * the first word, and two words or more after it (a
			 * list of surnames, "Pratt, Pulavarty", has one) */
			if (t->sep == SEP_HARD && j == i + 1 && !sc->legacy &&
			    !sc->t[i].hangul && kd__scan_anchor(&sc->t[i]) &&
			    kd__scan_anchor(t) && comma_joint(sc, j)) {
				comma = 1;
			} else if (t->sep == SEP_HARD ||
				   (sc->t[i].hangul && !same_word(sc, j - 1))) {
				break;
			}
			if (t->cas == CASE_DIGIT) {
				if (t->len > 4)
					break;
				end_ok = 1;
				specific = 1;
			} else if (t->len > 1 &&
				   kd__scan_dotted_initial(sc, j)) {
				/* inside only: Я. of А. Я. Школьник */
			} else if (kd__scan_anchor(t)) {
				end_ok = 1;
				info += t->idf;
				specific |= !placeish(sc, t);
				rare |= rare_word(t);
			} else if (t->cas == CASE_LOWER && t->known &&
				   t->sep == SEP_HYPHEN) {
				end_ok = 1; /* Jong-un */
				info += t->idf;
				specific = 1;
				rare |= rare_word(t);
			} else if (kd__scan_ko_letter(sc, j, 0) ||
				   (!sc->legacy && t->hangul && t->len == 1 &&
				    same_word(sc, j - 1) &&
				    !same_word(sc, j))) {
				/* Yu Chol U; 유철우: the one-letter last
				 * syllable of a Hangul name word */
				end_ok = 1;
				info += t->idf;
			} else if (title_after_particle(sc, j)) {
				end_ok = 1; /* Elshafee El Sheikh */
				info += t->idf;
				specific = 1;
				rare |= rare_word(t);
			} else if (t->lex == KD_LEX_PARTICLE ||
				   (t->lex == KD_LEX_STOP && joiner(sc, t)) ||
				   (t->len == 1 && t->cas == CASE_UPPER)) {
				/* inside only */
			} else if (t->cas == CASE_UPPER && !t->known &&
				   !unknown) {
				unknown = 1;
				/* Dmitrijem Pogoriełym: see case_end() */
				end_ok = j == i + 1 && case_end(sc, i, j);
				specific |= end_ok;
			} else {
				break;
			}
			if (sc->t[i].hangul && j + 1 < sc->n &&
			    same_word(sc, j) &&
			    !(j == i + 1 && kd__scan_ko_dprk_pair(sc, i)))
				end_ok = 0; /* 렴영|은: a particle after */
			if (comma && j < i + 2)
				end_ok = 0;
			if (end_ok && specific &&
			    ((rare && info >= SPAN_INFO_MIN) ||
			     (!sc->legacy && full_name(sc, i, j))) &&
			    !unbounded(sc, i, j) &&
			    (sc->legacy || span_evidence(sc, i, j))) {
				char key[256];
				size_t kl;
				const struct kd_scan_match *r = NULL;
				if (kd__scan_span_key(sc, i, j, key,
						      sizeof(key), &kl) < 0)
					break;
				if (rare && info >= SPAN_INFO_MIN &&
				    kd__scan_listed_after_initials(sc, i, j,
								   0) &&
				    (err = kd__scan_score(&r, sc->c, key, kl,
							  KD_SCAN_PROSE)) < 0)
					return err;
				if ((r == NULL || r->ent == UINT32_MAX ||
				     r->score < sc->c->threshold) &&
				    !sc->legacy && full_name(sc, i, j) &&
				    kd__scan_listed_after_initials(sc, i, j,
								   1) &&
				    (err = kd__scan_score(&r, sc->c, key, kl,
							  KD_SCAN_FULL)) < 0)
					return err;
				/* an initial and a family word, or two words
				 * of no language, as kd_screen scores them
				 * (the full-name policy wants 60% of the
				 * listed name, more than an initial or a
				 * name beside a long patronymic gives:
				 * Mourat Khapsirokov ~ Murat Krym-Gerievich
				 * KHAPSIROKOV): a person, kd__scan_initials_matched()
				 * and kd__scan_given_and_family() decide below; two
				 * words need a margin over the threshold
				 * (screen's policy lets one word match
				 * loosely: Dzhon Pauell ~ PAUL, Jon) */
				if ((r == NULL || r->ent == UINT32_MAX ||
				     r->score < sc->c->threshold) &&
				    !sc->legacy && j == i + 1 &&
				    (kd__scan_one_initial(sc, i) ||
				     foreign_pair(sc, i, j))) {
					const struct kd_scan_match *r3 = NULL;
					if ((err = kd__scan_score(
						     &r3, sc->c, key, kl,
						     KD_SCAN_MULTI)) < 0)
						return err;
					if (r3 != NULL &&
					    r3->ent != UINT32_MAX &&
					    kd__index_ent(sc->c->ix, r3->ent)
							    ->schema ==
						    KD_SCHEMA_PERSON &&
					    (kd__scan_one_initial(sc, i) ||
					     r3->score >=
						     sc->c->threshold +
							     KD_W_SCAN_FUZZY_MARGIN))
						r = r3;
				}
				/* Slavic case forms: below the threshold or
				 * only near it (a low-priority mention) */
				if ((r == NULL || r->ent == UINT32_MAX ||
				     r->score <
					     sc->c->threshold +
						     KD_W_SCAN_FUZZY_MARGIN) &&
				    !sc->legacy && full_name(sc, i, j) &&
				    kd__scan_case_key(sc, i, j, key,
						      sizeof(key), &kl)) {
					const struct kd_scan_match *r2 = NULL;
					if (respelled_listed(sc, i, j, key, kl,
							     1) &&
					    (err = kd__scan_score(
						     &r2, sc->c, key, kl,
						     KD_SCAN_FULL)) < 0)
						return err;
					if ((r2 == NULL ||
					     r2->ent == UINT32_MAX ||
					     r2->score < sc->c->threshold) &&
					    (err = foreign_case(sc, i, j, key,
								kl, &r2)) < 0)
						return err;
					if (r2 != NULL &&
					    r2->ent != UINT32_MAX &&
					    (r == NULL ||
					     r->ent == UINT32_MAX ||
					     r2->score > r->score))
						r = r2;
				}
				if ((r == NULL || r->ent == UINT32_MAX ||
				     r->score < sc->c->threshold) &&
				    !sc->legacy && full_name(sc, i, j) &&
				    kd__scan_press_key(sc, i, j, key,
						       sizeof(key), &kl) &&
				    respelled_listed(sc, i, j, key, kl, 0) &&
				    (err = kd__scan_score(&r, sc->c, key, kl,
							  KD_SCAN_FULL)) < 0)
					return err;
				if ((r == NULL || r->ent == UINT32_MAX ||
				     r->score < sc->c->threshold) &&
				    !sc->legacy && sc->t[i].hangul &&
				    hangul_key(sc, i, j, key, sizeof(key),
					       &kl) &&
				    (err = kd__scan_score(&r, sc->c, key, kl,
							  KD_SCAN_FULL)) < 0)
					return err;
				if ((r == NULL || r->ent == UINT32_MAX ||
				     r->score < sc->c->threshold) &&
				    (kd__scan_two_initials(sc, i) ||
				     (kd__scan_one_initial(sc, i) &&
				      j == i + 1)) &&
				    (err = kd__scan_respelled_initials(sc, i, j,
								       &r)) < 0)
					return err;
				if (r == NULL)
					continue;
				/* the best entity the name-part rules refuse:
				 * the next ones the span matches that the
				 * rules confirm (Марией Бутиной is BUTINA,
				 * though VORONTSOVA's alias PUTINA scores
				 * higher by skeleton) */
				if (!sc->legacy && !span_names(sc, i, j, r) &&
				    (err = next_named(sc, i, j, &r)) < 0)
					return err;
				if (r != NULL && span_names(sc, i, j, r)) {
					if ((err = kd__grow((void **)cs, capc,
							    *nc + 1,
							    sizeof(**cs))) < 0)
						return err;
					(*cs)[*nc].i = i;
					(*cs)[*nc].j = j;
					(*cs)[*nc].r = r;
					(*cs)[*nc].key = r->score +
							 0.02 * (double)(j - i +
									 1);
					(*nc)++;
				}
			}
			if (t->cas == CASE_DIGIT)
				break; /* a number ends a name */
		}
	}
	return 0;
}

void kd__scan_qtok(struct kd_qtok *q, const struct scan *sc,
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
