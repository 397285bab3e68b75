/*
 * text_initials.c - initials in prose names (split out of text_span.c,
 * whose spans they start): a dotted initial (A. Pavlov, С. В. Лавров,
 * А. Я. Школьник), two initials or one before a family word in no
 * dictionary, and the initials checked against the listed person's
 * given names in order (kd__scan_initials_matched). Initials across
 * romanisations: one Cyrillic letter romanised to several (Я. ya) and
 * a Latin I, J or Y before a vowel stand for the other spellings the
 * lists and the press use (kd__scan_respelled_initials). See the top of
 * text_scan.c for the rules.
 */
#include "scan/text_scan_int.h"
#include "text/text_int.h"

#include <stdio.h>
#include <string.h>

/* Do two initials start at token k (С. В. Лавров)? One initial says
 * too little (M. Taylor, K. Jerome). */
int kd__scan_two_initials(const struct scan *sc, size_t k)
{
	return kd__scan_dotted_initial(sc, k) &&
	       kd__scan_dotted_initial(sc, k + 1);
}

/* Does one initial start at token k, then a family word in no
 * dictionary of any language (A. Pavlov, В. Колокольцев)? An initial
 * says little (M. Taylor, K. Jerome, J. Smith: words of some
 * dictionary, if only as names), so the word must be no word anywhere,
 * or a proper noun only that is rare among people's names in general
 * (Pavlov: 6 of 237,774 Wikidata name words; Taylor 368, Jerome 51),
 * and kd__scan_initials_matched() wants the initial to be the listed person's
 * first given name's and the word the family name. Not in Cyrillic:
 * there an initial and a surname is how any text names anyone (А.
 * Куприн, И. Бродский: writers, namesakes of listed persons), while a
 * Russian surname in Latin letters is a foreign name in a French,
 * German or Polish text. */
int kd__scan_one_initial(const struct scan *sc, size_t k)
{
	const struct tok *t;
	int cyr;
	if (!kd__scan_dotted_initial(sc, k) ||
	    kd__scan_dotted_initial(sc, k + 1))
		return 0;
	t = &sc->t[k + 1];
	cyr = (unsigned char)sc->g->s[t->os] >= 0xD0 &&
	      (unsigned char)sc->g->s[t->os] <= 0xD4;
	return !cyr && t->sep == SEP_SOFT && kd__scan_anchor(t) && !t->hangul &&
	       t->len >= 4 &&
	       (t->word == KD_WORD_NONE ||
		(t->word == KD_WORD_PROPER && t->lex == KD_LEX_NONE &&
		 kd__name_pop_info(TXT(sc, t), t->len) >=
			 KD_W_SCAN_INITIAL_NAME_INFO));
}

/* Was the one-letter word w matched as an initial of a longer listed
 * word in a name comparison's explanation ("'o'~'omar' initial")? A
 * span started by a Korean surname of one letter (O, U) is a Korean name
 * only if that letter is matched as the surname it is: Portuguese "O
 * Diabo" is no DIABY, Omar. */
int kd__scan_initial_part(const char *d, const char *w)
{
	char pat[8];
	const char *p, *e;
	snprintf(pat, sizeof(pat), "'%.1s'~'", w);
	if ((p = strstr(d, pat)) == NULL || (e = strchr(p + 5, '\'')) == NULL)
		return 0;
	return strncmp(e + 1, " initial", 8) == 0;
}

/* kd__scan_listed_span() of span [i..j] without its initials: an initial
 * is no name word, even when its romanisation (Я: ya) is a word of the
 * lists. */
int kd__scan_listed_after_initials(struct scan *sc, size_t i, size_t j,
				   int person)
{
	while (i < j && kd__scan_dotted_initial(sc, i))
		i++;
	return kd__scan_listed_span(sc, i, j, person);
}

/* ---- initials across romanisations ---------------------------------------- */

/* How a given name may start on the lists when a text writes its
 * initial as one Cyrillic letter romanised to several (kd__scan_letters():
 * Я. is "ya"): the letter's romanisation first, then the others the
 * lists and the press use: BGN/PCGN (Yakov, Yuriy, Zhanna, Khasan,
 * Tsoy, Chernov, Shamil), ISO 9 and the scientific transliteration,
 * diacritics folded (Žanna: zanna, Černov: cernov), French (Iakov,
 * Iouri, Jeanna, Tchernov, Chamil), German (Jakow, Juri, Chasan,
 * Tschernow, Schamil). */
static const char *const g_romanised[][6] = {
	{ "ya", "ia", "ja", NULL },         { "yu", "iu", "ju", "iou", NULL },
	{ "ye", "e", "ie", "je", NULL },    { "zh", "z", "j", NULL },
	{ "kh", "h", "ch", NULL },          { "ts", "c", "tz", NULL },
	{ "ch", "c", "tch", "tsch", NULL }, { "sh", "s", "ch", "sch", NULL },
	{ "shch", "sc", "sh", "s", NULL },
};

/* I, J and Y before a vowel write one sound, /j/, in one romanisation
 * or another: Юрий is Yuriy (English), Iouri (French), Jurij (German,
 * Polish, Czech); Яков Yakov, Iakov, Jakow. */
static int ijy(char c)
{
	return c == 'i' || c == 'j' || c == 'y';
}

static int vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Does g[0..n) start, ASCII case aside, with the spelling w? */
static int starts_with(const char *g, size_t n, const char *w)
{
	size_t k;
	for (k = 0; w[k]; k++)
		if (k >= n || (char)(g[k] | 0x20) != w[k])
			return 0;
	return 1;
}

/* The romanisations of multi-letter initial t (g_romanised), NULL when
 * it is one letter or another. */
static const char *const *romanised(const struct scan *sc, const struct tok *t)
{
	size_t k;
	if (t->len < 2)
		return NULL;
	for (k = 0; k < sizeof(g_romanised) / sizeof(g_romanised[0]); k++)
		if (strcmp(g_romanised[k][0], TXT(sc, t)) == 0)
			return g_romanised[k];
	return NULL;
}

/* Is initial token t a Latin I, J or Y? */
static int latin_ijy(const struct scan *sc, const struct tok *t)
{
	return t->len == 1 && (unsigned char)sc->g->s[t->os] < 0x80 &&
	       ijy(TXT(sc, t)[0]);
}

/* Does the listed given name g[0..n) start as initial token t writes
 * it: with its letter (С.: Sergei), with any romanisation of a
 * multi-letter one (Я.: Yakovlevich, Iakovlevich), or, for a Latin I,
 * J or Y, with any of the three before a vowel (I. Prokofiev: Yuriy
 * PROKOFYEV; not Y. for Ivan)? */
static int initial_starts(const struct scan *sc, const struct tok *t,
			  const char *g, size_t n)
{
	const char *const *rw = romanised(sc, t);
	char c = n ? (char)(g[0] | 0x20) : '\0';
	size_t a;
	if (n == 0)
		return 0;
	if (rw != NULL) {
		for (a = 0; rw[a] != NULL; a++)
			if (starts_with(g, n, rw[a]))
				return 1;
		return 0;
	}
	if (t->len > 1)
		return starts_with(g, n, TXT(sc, t));
	return c == TXT(sc, t)[0] ||
	       (latin_ijy(sc, t) && ijy(c) && n >= 2 && vowel(g[1] | 0x20));
}

/* May initial token t be written with the letter c in a key scored for
 * a listed given name (initial_starts())? */
static int initial_letter(const struct scan *sc, const struct tok *t, char c)
{
	const char *const *rw = romanised(sc, t);
	size_t a;
	if (rw == NULL)
		return c == TXT(sc, t)[0] || (latin_ijy(sc, t) && ijy(c));
	for (a = 0; rw[a] != NULL; a++)
		if (rw[a][0] == c)
			return 1;
	return 0;
}

/* A given name of a caption: s[0..n). */
struct given {
	const char *s;
	size_t n;
};

/* The given names of caption cap, in order, up to max into giv: after
 * the comma (LAVROV, Sergei Viktorovich), the mixed-case words (Sergei
 * Viktorovich LAVROV), else all but the last. Their number. */
static size_t caption_givens(const char *cap, struct given *giv, size_t max)
{
	const char *comma = strchr(cap, ','), *p;
	size_t ng = 0;
	int mixed = comma == NULL && kd__scan_mixed_case(cap);
	for (p = comma ? comma + 1 : cap; *p && ng < max;) {
		const char *e;
		int low = 0;
		while (*p == ' ')
			p++;
		for (e = p; *e && *e != ' '; e++)
			low |= *e >= 'a' && *e <= 'z';
		if (e > p && (comma || (mixed ? low : *e != '\0')) &&
		    ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))) {
			giv[ng].s = p;
			giv[ng++].n = (size_t)(e - p);
		}
		p = e;
	}
	return ng;
}

/* Is there a listed person named with family token t (by its skeleton)
 * whose caption's first given name initial token f may stand for
 * (initial_starts())? A cheap test before scoring a span again. */
static int initial_fits_listed(const struct scan *sc, const struct tok *f,
			       const struct tok *t)
{
	const uint32_t *recs;
	uint32_t n, k;
	if (t->sklen == 0 ||
	    (recs = kd__index_lookup_skel(sc->c->ix, SKEL(sc, t), t->sklen,
					  &n)) == NULL)
		return 0;
	for (k = 0; k < n; k++) {
		const struct kd_entity *e = kd__index_ent(
			sc->c->ix, kd__index_rec(sc->c->ix, recs[k])->entity);
		struct given g;
		if (e->schema == KD_SCHEMA_PERSON &&
		    caption_givens(kd_entity_caption(e), &g, 1) == 1 &&
		    initial_starts(sc, f, g.s, g.n))
			return 1;
	}
	return 0;
}

/* The first letters an initial may be respelled with: I, J, Y for one
 * another, and the first letters of the romanisations in g_romanised. */
static const char g_initial_letters[] = "yijezhcst";

/* Span [i..j] of initials and a family word (kd__scan_two_initials(),
 * kd__scan_one_initial()) that matched no listed person, scored again with each
 * initial written with another letter it may stand for
 * (initial_letter()): I. Prokofiev as "y prokofiev" (Yuriy Anatolyevich
 * PROKOFYEV), А. Я. Школьник as "a i shkolnik" for an Iakovlevich.
 * *r becomes a person matched at the threshold or above, if any;
 * kd__scan_initials_matched() then checks each initial against the given names. */
int kd__scan_respelled_initials(struct scan *sc, size_t i, size_t j,
				const struct kd_scan_match **r)
{
	char key[256], base[256];
	size_t kl, a, k, at;
	int err;
	/* the family word a listed person's, as the first scoring wants,
	 * and one whose first given name the first initial may stand for
	 * (cheap tests: each scoring searches the candidates) */
	if (!kd__scan_listed_after_initials(sc, i, j, 1) ||
	    !initial_fits_listed(sc, &sc->t[i], &sc->t[j]) ||
	    kd__scan_span_key(sc, i, j, key, sizeof(key), &kl) < 0)
		return 0;
	memcpy(base, key, kl + 1);
	for (a = 0; g_initial_letters[a] != '\0'; a++) {
		const struct kd_scan_match *m = NULL;
		int changed = 0;
		/* each letter on the key as written: Ю. Я. is "i i", "j j",
		 * never "i" for one and "j" left over for the other */
		memcpy(key, base, kl + 1);
		/* an initial is one key byte (kd__scan_span_key() writes Я
		 * as "y"); the next word starts after the space */
		for (k = i, at = 0; k < j && kd__scan_dotted_initial(sc, k);
		     k++) {
			if (key[at] != g_initial_letters[a] &&
			    initial_letter(sc, &sc->t[k],
					   g_initial_letters[a])) {
				key[at] = g_initial_letters[a];
				changed = 1;
			}
			while (at < kl && key[at] != ' ')
				at++;
			at++;
		}
		if (!changed)
			continue;
		if ((err = kd__scan_score(&m, sc->c, key, kl,
					  kd__scan_two_initials(sc, i)
						  ? KD_SCAN_FULL
						  : KD_SCAN_MULTI)) < 0)
			return err;
		if (m != NULL && m->ent != UINT32_MAX &&
		    kd__index_ent(sc->c->ix, m->ent)->schema ==
			    KD_SCHEMA_PERSON &&
		    m->score >= sc->c->threshold) {
			*r = m;
			return 0;
		}
	}
	return 0;
}

/* Was initial token t matched as the initial of a given name in the
 * comparison's explanation d, by its own letter or one it may stand
 * for (kd__scan_respelled_initials())? */
static int initial_scored(const struct scan *sc, const struct tok *t,
			  const char *d)
{
	size_t a;
	if (kd__scan_initial_part(d, TXT(sc, t)))
		return 1;
	for (a = 0; g_initial_letters[a] != '\0'; a++)
		if (initial_letter(sc, t, g_initial_letters[a]) &&
		    kd__scan_initial_part(d, &g_initial_letters[a]))
			return 1;
	return 0;
}

/* A span of initials and a family word (kd__scan_two_initials()) names the
 * person r matched only when every initial was matched as one of a
 * given name ("'s'~'sergei' initial"), the initials are those of r's
 * given names in their order, and the word is r's family name (J. K.
 * Jerome is no JÉRÔME KAKWAVU BUKANDE: his given name; Н. А. Некрасов
 * no Aleksandr Nikolaevich NEKRASOV). */
int kd__scan_initials_matched(const struct scan *sc, size_t i, size_t j,
			      const struct kd_scan_match *r)
{
	const char *cap = kd_entity_caption(kd__index_ent(sc->c->ix, r->ent));
	struct given giv[8];
	size_t k, ng = caption_givens(cap, giv, 8), ni = 0;
	for (k = i; k <= j; k++) {
		const struct tok *t = &sc->t[k];
		struct kd_qtok q;
		if (kd__scan_dotted_initial(sc, k)) {
			/* С. В. is Sergei Viktorovich, not Viktor Sergeevich */
			if (ni >= ng ||
			    !initial_starts(sc, t, giv[ni].s, giv[ni].n) ||
			    !initial_scored(sc, t, r->detail))
				return 0;
			ni++;
			continue;
		}
		kd__scan_qtok(&q, sc, t);
		if (!kd__scan_family_part(sc, r->ent, STEM(sc, t), t->slen, &q,
					  0.8) &&
		    !kd__scan_case_family(sc, r->ent, t) &&
		    !kd__scan_alias_family(sc, r->ent, t, r->detail))
			return 0;
	}
	return 1;
}
