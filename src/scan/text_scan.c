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
 * compare, as kd_screen). A span of common list words read as a
 * person's full name (KD_SCAN_FULL) is scored only when its known name
 * words are, by text or skeleton, words of listed persons' names, all
 * of one person (of three words or more, all but one: a press
 * spelling): "Active Role of User" is no person, and its candidate
 * search over every record sharing a common word was most of a scan.
 * Likewise a span of three known words or more is scored as prose
 * (KD_SCAN_PROSE) only when all but one are words of one listed
 * entity's names (words the name analysis reads otherwise, Abdul or
 * Nasiruddin, a legal form, aside). Hits at or above the threshold are taken
 * greedily by score + 0.02 per word (longer wins near-ties), without
 * overlap. A span with a plausible name word right beside it (same
 * phrase) is a fragment of a longer name and is not scored alone.
 *
 * A two-word span naming a person listed as "FAMILY, Given" or "Given
 * Patronymic FAMILY" must hold the family and another part
 * (given_and_family: not two surnames, two given names or a given name
 * and patronymic of the listed person: "Александр Сергеевич").
 *
 * An accepted span is a low-priority mention, not an alert, when (not
 * in legacy mode) it matched a weak alias of the lists (Pu Yi ~ PO,
 * Kong), when no word of it is spelled as listed and it scores within
 * scan_fuzzy_margin of the threshold (every part a press spelling,
 * nickname or sound-alike: weak evidence), or when it stands on the
 * credit line of a quotation ("-- Author", "— Author, Work") and names
 * a company, a vessel or a person on one list only (credited()); such
 * mentions start no coreference. A span near the threshold stays an
 * alert when its words are in no dictionary (one a proper noun at most)
 * and none is matched by edit distance alone (a typo): the score
 * kd_screen gives a press spelling (Iouri Kovaltchouk). An organisation
 * matched only by ordinary words (Министерство культуры: "Ministry of
 * Culture", split off a longer listed name) is a mention too.
 *
 * Single words, after that, for words not inside an accepted span:
 *   - coreference: the word equals (token similarity >= 0.85) the
 *     rarest word of an accepted mention of exactly one person nearby
 *     (up to 4000 bytes before, 1000 after: an article, not a whole
 *     archive) (Lawrows, Nowak after "Alexander Nowak");
 *     score = that mention's score x similarity; an ordinary word or a
 *     sentence start corefers only when spelled as the mention's word
 *     (Polish "Ale" is no Ali);
 *   - standalone: a rare listed word (IDF >= 8) that is not in the
 *     common-name lexicon (lexicon.c: Miller, Novak, Kim, Berlin never
 *     fire alone), of 5+ letters, not starting a sentence (where
 *     capitals say nothing), spelled exactly as listed, scored by rarity
 *     (score_span.c) against the STRICTER single-word threshold:
 *     threshold + (1 - threshold) / 2, 0.85 at the default 0.70.
 *     Not in legacy mode, a person's one word is no alert when it is
 *     an ordinary word of some language or the plural of one
 *     (Fuentes), a given name beside other name words, an item of an
 *     enumeration of unlisted people ("Pratt, Pulavarty, and Morgan")
 *     or alone on its line (a credit list); a surname alone of a
 *     person listed by one authority only is a low-priority mention
 *     (prominent(): Lavrov, on three lists, still fires), so is a
 *     surname other notable people carry (distinctive(): Karpov), one
 *     of two family names (NORIEGA of NORIEGA FIGUEROA) and a surname
 *     in vessel or company context (okręt podwodny "PUTIN"); a one-word
 *     vessel or organisation name needs vessel or company context (a
 *     capitalised word right before it makes it part of a longer name
 *     whose context that is: "Společnost Texas Instrument"), and quotes
 *     count only for a word that is no ordinary word («Terminal» in a
 *     manual is a menu label: a low-priority mention).
 *
 * Capitalisation is a signal only when the text has it: a text in which
 * fewer than 5% of the words start uppercase (chat, lowercased data), or
 * a field flagged KD_SCAN_NOCASE (SWIFT is all caps), treats every word
 * as capitalised.
 *
 * Files: text_fold.c (fold, CJK words), text_token.c (tokens,
 * prefilter), text_span.c (span candidates and their evidence, name
 * parts of a listed person), this file (chunking, accepting spans, single words: coreference,
 * standalone, alert vs mention). Shared types in text_scan_int.h.
 */
#include "scan/text_scan_int.h"
#include "text/text_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static int add_hit(struct scan *sc, size_t i, size_t j,
		   const struct kd_scan_match *r)
{
	return kd__scan_add(sc->c, sc->g, sc->t[i].os, sc->t[j].oe, r);
}

/* Words i..j as a low-priority mention of r's entity, explained by
 * detail. */
static int add_mention_span(struct scan *sc, size_t i, size_t j,
			    const struct kd_scan_match *r, const char *detail)
{
	struct kd_scan_match co = *r;
	int err;
	co.feature = "mention";
	snprintf(co.detail, sizeof(co.detail), "%s", detail);
	sc->c->mention = 1;
	err = add_hit(sc, i, j, &co);
	sc->c->mention = 0;
	return err;
}

static int add_mention(struct scan *sc, size_t i, const struct kd_scan_match *r,
		       const char *detail)
{
	return add_mention_span(sc, i, i, r, detail);
}

/* Is r a match with a weak alias of the lists (OFAC's "weak a.k.a.":
 * short forms, nicknames, Pu Yi ~ PO, Kong)? In running text such a
 * name is a low-priority mention, not an alert. */
static int weak_alias(const struct scan *sc, const struct kd_scan_match *r)
{
	return !sc->legacy && r->feature != NULL &&
	       strcmp(r->feature, "weak_alias_match") == 0;
}

static int cmp_pos(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	return x->i < y->i ? -1 : (x->i > y->i);
}

/* ---- context of a one-word vessel or organisation name ------------------- */

/* Lowercase ASCII copy of s[b..e) into w[cap]: its length, 0 when
 * empty or too long. */
static size_t fold_word(char *w, size_t cap, const char *s, size_t b, size_t e)
{
	size_t k, n = e - b;
	if (n == 0 || n >= cap)
		return 0;
	for (k = 0; k < n; k++)
		w[k] = (char)(s[b + k] >= 'A' && s[b + k] <= 'Z'
				      ? s[b + k] | 0x20
				      : s[b + k]);
	w[n] = '\0';
	return n;
}

/* Lowercase ASCII copy of the word ending before s[e] (skipping spaces,
 * and the punctuation of "M/V", "(IMO"); *start its first byte. */
static size_t word_before(const char *s, size_t e, size_t lim, char *w,
			  size_t cap, size_t *start)
{
	size_t b, n;
	for (;;) {
		unsigned char x = e > lim ? (unsigned char)s[e - 1] : 0;
		if (x == ' ' || x == '\t' || x == '\n' || x == '\r' ||
		    x == '(' || x == ',' || x == '"' || x == '\'') {
			e--;
		} else if (e >= lim + 2 && (unsigned char)s[e - 2] == 0xC2 &&
			   (x == 0xAB || x == 0xBB)) {
			e -= 2; /* « » */
		} else if (e >= lim + 3 && (unsigned char)s[e - 3] == 0xE2 &&
			   (unsigned char)s[e - 2] == 0x80 && x >= 0x98 &&
			   x <= 0x9F) {
			e -= 3; /* ‘ ’ ‚ “ ” „ */
		} else {
			break;
		}
	}
	b = e;
	while (b > lim && ((unsigned char)s[b - 1] >= 0x80 ||
			   kd__scan_alnum((unsigned char)s[b - 1]) ||
			   s[b - 1] == '/' || s[b - 1] == '.'))
		b--;
	if ((n = fold_word(w, cap, s, b, e)) == 0)
		return 0;
	*start = b;
	return n;
}

static size_t word_after(const char *s, size_t b, size_t len, char *w,
			 size_t cap, size_t *end)
{
	size_t e, n;
	while (b < len && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' ||
			   s[b] == '\r' || s[b] == '(' || s[b] == ','))
		b++;
	e = b;
	while (e < len && ((unsigned char)s[e] >= 0x80 ||
			   kd__scan_alnum((unsigned char)s[e]) || s[e] == '/' ||
			   s[e] == '.'))
		e++;
	while (e > b && s[e - 1] == '.')
		e--;
	if ((n = fold_word(w, cap, s, b, e)) == 0)
		return 0;
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

/* Does s[st..e) start with an upper-case letter (Latin or Cyrillic)? */
static int upper_at(const char *s, size_t st, size_t e)
{
	unsigned char a = (unsigned char)s[st],
		      b = st + 1 < e ? (unsigned char)s[st + 1] : 0;
	return (a >= 'A' && a <= 'Z') ||
	       (a == 0xD0 && (b == 0x81 || (b >= 0x90 && b <= 0xAF)));
}

/* Is there vessel or organisation context around token t: a vessel
 * prefix or word before it (MV, M/T, tanker, vessel, Schiff, navire,
 * судно...), a legal form before or after it (JSC, OOO, LLC, GmbH...),
 * an IMO number after it, or a structured field (CTX_NAMED); quotes
 * around it (CTX_QUOTED: weaker, menu labels and titles are quoted
 * too: «Terminal», «Vistas»)? */
enum { CTX_NONE = 0, CTX_NAMED, CTX_QUOTED };
static int context(const struct scan *sc, const struct tok *t)
{
	/* clang-format off */ /* a table laid out by hand */
	static const char *const before[] = {
		"mv", "m/v", "mt", "m/t", "ms", "m/s", "mts", "m.v.", "m.t.",
		"ship", "vessel", "tanker", "freighter", "carrier", "boat",
		"schiff", "tanker", "frachter", "tankschiff", "frachtschiff",
		"navire", "bateau", "p\xc3\xa9trolier", "petrolier",
		"cargo", "buque", "barco", "petrolero", "nave",
		"petroliera", "statek", "tankowiec", "statku", "lod",
		"okr\xc4\x99t", "okr\xc4\x99tu", "okr\xc4\x99" "cie",
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
	/* clang-format on */
	/* clang-format off */ /* a table laid out by hand */
	static const char *const after[] = {
		"llc", "ltd", "ltd.", "limited", "inc", "inc.", "corp", "corp.",
		"co", "co.", "plc", "gmbh", "ag", "kg", "sa", "s.a.", "sarl",
		"sas", "srl", "s.r.l.", "spa", "s.p.a.", "bv", "b.v.", "nv",
		"n.v.", "oy", "ab", "as", "a/s", "jsc", "pjsc", "fze", "fzco",
		"fzc", "dmcc", "pte", "sdn", "bhd", "company", "corporation",
		"group", "holding", "shipping", "s.r.o.", "sp.", "imo", "ooo",
	};
	/* clang-format on */
	const struct kd_seg *g = sc->g;
	char w[32];
	size_t b = t->os, e = t->oe, p, n;
	unsigned char q0, q1;
	int quoted;
	if (sc->field)
		return CTX_NAMED;
	/* quotes: "Python", «Дружба», „Start“ */
	q0 = b > 0 ? (unsigned char)g->s[b - 1] : 0;
	q1 = e < g->len ? (unsigned char)g->s[e] : 0;
	quoted = (q0 == '"' && q1 == '"') || (q0 == '\'' && q1 == '\'') ||
		 (q0 >= 0x80 && (q1 >= 0x80 || q1 == '"') && b >= 2 &&
		  ((unsigned char)g->s[b - 2] == 0xC2 ||
		   (b >= 3 && (unsigned char)g->s[b - 3] == 0xE2)));
	/* up to two words before (the tanker Python) */
	p = b;
	for (n = 0; n < 2; n++) {
		size_t st;
		if (word_before(g->s, p, p > 40 ? p - 40 : 0, w, sizeof(w),
				&st) == 0)
			break;
		if (in_list(w, before, sizeof(before) / sizeof(before[0])))
			return CTX_NAMED;
		/* a capitalised word right before it that is no context
		 * word: the word is part of a longer name ("Společnost
		 * Texas Instrument"), whose context says nothing of it */
		if (n == 0 && !sc->nocase && upper_at(g->s, st, b))
			break;
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
		return CTX_NAMED;
	return quoted ? CTX_QUOTED : CTX_NONE;
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
	return o->cas == CASE_UPPER && o->len >= 2 && o->lex != KD_LEX_STOP &&
	       o->lex != KD_LEX_PARTICLE && o->lex != KD_LEX_PLACE &&
	       (o->word != KD_WORD_COMMON || o->known); /* Angel, Dima */
}

/* Is token t an ordinary word of some language, or the plural of one?
 * The dictionaries hold stems: "Fuentes", "Flores", "Torres", "Vistas"
 * are fuente, flor, torre, vista + s/es, ordinary words (and, as
 * surnames, among the most frequent there are: no evidence alone). */
static int ordinary(const struct scan *sc, const struct tok *t)
{
	const char *w = TXT(sc, t);
	size_t n = t->len;
	if (t->word == KD_WORD_COMMON)
		return 1;
	if (sc->legacy || n < 5 || w[n - 1] != 's')
		return 0;
	if (kd__lex_word(w, n - 1) == KD_WORD_COMMON)
		return 1;
	return n >= 6 && w[n - 2] == 'e' &&
	       kd__lex_word(w, n - 2) == KD_WORD_COMMON;
}

/* Is the input between two tokens, s[a..b), the joint of two items of
 * an enumeration: a comma or semicolon and/or one conjunction (and,
 * und, et, y, e, i, or, oder, ou, o, и, или), and white space? */
static int list_joint(const char *s, size_t a, size_t b)
{
	static const char *const conj[] = {
		"and", "und", "et",       "y",
		"e",   "i",   "or",       "oder",
		"ou",  "o",   "\xd0\xb8", "\xd0\xb8\xd0\xbb\xd0\xb8",
	};
	int commas = 0, words = 0;
	while (a < b) {
		unsigned char x = (unsigned char)s[a];
		size_t e, k;
		if (x == ' ' || x == '\t' || x == '\n' || x == '\r') {
			a++;
			continue;
		}
		if (x == ',' || x == ';') {
			if (commas++)
				return 0;
			a++;
			continue;
		}
		for (e = a; e < b && s[e] != ' ' && s[e] != '\n' &&
			    s[e] != '\t' && s[e] != '\r';
		     e++)
			;
		for (k = 0; k < sizeof(conj) / sizeof(conj[0]); k++)
			if (strlen(conj[k]) == e - a &&
			    memcmp(conj[k], s + a, e - a) == 0)
				break;
		if (k == sizeof(conj) / sizeof(conj[0]) || words++)
			return 0;
		a = e;
	}
	return commas + words > 0;
}

/* Is token i an item of an enumeration of people the lists do not
 * name: the item before it, across a comma or a conjunction, a
 * capitalised name-like word that is no rare listed word?
 * "Bhattacharya, Pratt, Pulavarty, and Morgan" (authors of a paper):
 * one surname among other people's, not a listed person named by one
 * word. "Putin, Lavrov and Shoigu" are all listed: each still fires.
 * (The item after is not looked at: "Трошев, Андрей Николаевич" is
 * one person written "Surname, Given".) */
static int among_others(const struct scan *sc, size_t i)
{
	const struct tok *t = &sc->t[i], *o;
	if (i == 0)
		return 0;
	o = &sc->t[i - 1];
	if (o->cas == CASE_LOWER && i >= 2)
		o = &sc->t[i - 2]; /* over a kept "and" (list_joint checks) */
	if (!list_joint(sc->g->s, o->oe, t->os))
		return 0;
	return o->cas == CASE_UPPER && o->len >= 3 &&
	       (o->lex == KD_LEX_NONE || o->lex == KD_LEX_COMMON) &&
	       (o->word != KD_WORD_COMMON || o->known) &&
	       !(o->listed && o->ridf >= RARE_IDF);
}

/* Is token t alone on its line (but for punctuation and white space):
 * a list item, a heading or a credit line ("Kogan," among translators'
 * "Name <address>," lines), not a sentence that names someone? */
static int alone_on_line(const struct scan *sc, const struct tok *t)
{
	const char *s = sc->g->s;
	size_t a = t->os, b = t->oe;
	while (a > 0 && s[a - 1] != '\n') {
		unsigned char x = (unsigned char)s[a - 1];
		if (x != ' ' && x != '\t' && x != '"' && x != '\'' &&
		    x != '(' && x != '*' && x != '-')
			return 0;
		a--;
	}
	while (b < sc->g->len && s[b] != '\n') {
		unsigned char x = (unsigned char)s[b];
		if (x != ' ' && x != '\t' && x != '\r' && x != ',' &&
		    x != '.' && x != ';' && x != ':' && x != '"' && x != '\'' &&
		    x != ')')
			return 0;
		b++;
	}
	return 1;
}

/* Is the input offset os on the credit line of a quotation: a line
 * that starts (after white space) with a dash, "-- Mark Twain", "—
 * Tolstoi, Krieg und Frieden"? It names the quotation's author and
 * work: a famous writer, a publication, a film, far more often than a
 * party of a payment or a listed vessel (see credited() below). */
static int credit_line(const struct scan *sc, size_t os)
{
	const char *s = sc->g->s;
	size_t a = os;
	while (a > 0 && s[a - 1] != '\n')
		a--;
	while (a < os && (s[a] == ' ' || s[a] == '\t'))
		a++;
	if (a + 2 <= os && s[a] == '-' && s[a + 1] == '-')
		return 1;
	/* — (U+2014), ― (U+2015) */
	return a + 3 <= os && (unsigned char)s[a] == 0xE2 &&
	       (unsigned char)s[a + 1] == 0x80 &&
	       ((unsigned char)s[a + 2] == 0x94 ||
		(unsigned char)s[a + 2] == 0x95);
}

/* Is the person of entity ei known by one word: listed by two or more
 * authorities (the lists' resolved entity spans several sources:
 * Putin, Lavrov, Shoigu on the UK, US and Canadian lists)? A surname
 * alone is the name of such a person in the news; of a person on one
 * list only (GILBOA, Joseph; GRIMM, Matthew Simon) it names a namesake
 * far more often: a word alone is then a low-priority mention. */
static int prominent(const struct scan *sc, uint32_t ei)
{
	const struct kd_entity *e = kd__index_ent(sc->c->ix, ei);
	return kd_entity_source_count(kd_db_cluster_of(sc->c->ix->db, e)) >= 2;
}

/* Is name word w[0..n) carried by no other notable person: absent from
 * the shipped name counts of ~110k people (namefreq.c; the counts leave
 * out a word seen once, so the listed person himself, if counted, does
 * not make his name common)? Lavrov and Shoigu are absent; Karpov (2:
 * the chess champion), Chaplin (16) and Kogan (6) are counted, so alone
 * they more likely name someone else. An absent word's information is
 * that of the empty word (count 0). */
static int distinctive(const char *w, size_t n)
{
	return kd__name_pop_info(w, n) >= kd__name_pop_info("", 0);
}

/* A name on the credit line of a quotation (credit_line()) is an alert
 * only for a person known by name on two lists or more (prominent():
 * a quoted Lavrov is still Lavrov); a namesake of someone on one list,
 * a company or a vessel there is a low-priority mention. */
static int credited(const struct scan *sc, size_t i,
		    const struct kd_scan_match *r)
{
	return !sc->legacy && !sc->field && credit_line(sc, sc->t[i].os) &&
	       (kd__index_ent(sc->c->ix, r->ent)->schema != KD_SCHEMA_PERSON ||
		!prominent(sc, r->ent));
}

/* Single words outside accepted spans: coreference, then standalone. */
static int singles(struct scan *sc, struct cand *acc, size_t nacc)
{
	size_t s, i, h, lo = 0;
	int err;
	if (nacc)
		qsort(acc, nacc, sizeof(*acc), cmp_pos);
	/* the tokens kd__scan_collect listed (kd__scan_single()), not a
	 * walk over every token: a long text's tokens are out of the
	 * cache by now, and most are no single name */
	for (s = 0; s < sc->nsingle; s++) {
		const struct single *sg = &sc->single[s];
		struct tok *t;
		struct kd_qtok q, rq;
		const struct kd_scan_match *best = NULL;
		struct kd_scan_match co;
		double bs = 0;
		int ambiguous = 0, ctx;
		/* mentions within the window around the word, in order
		 * (accepted spans are disjoint: sorted by start, their ends
		 * are in order too) */
		while (lo < nacc && sc->t[acc[lo].j].oe + COREF_BEFORE < sg->os)
			lo++;
		if (!sg->alone &&
		    (lo == nacc || sc->t[acc[lo].i].os >= sg->oe + COREF_AFTER))
			continue; /* no mention to refer to, no name alone */
		t = &sc->t[i = sg->i];
		if (t->covered)
			continue;
		kd__scan_qtok(&q, sc, t);
		for (h = lo;
		     h < nacc && sc->t[acc[h].i].os < t->oe + COREF_AFTER;
		     h++) {
			size_t rw = ref_word(sc, &acc[h]);
			const char *how;
			double sim;
			if (rw == SIZE_MAX ||
			    kd__index_ent(sc->c->ix, acc[h].r->ent)->schema !=
				    KD_SCHEMA_PERSON)
				continue; /* organisations: no short forms */
			kd__scan_qtok(&rq, sc, &sc->t[rw]);
			sim = kd__token_sim(&q, &rq, &how);
			if (sim < COREF_SIM)
				continue;
			/* an ordinary word refers to the mention only when
			 * spelled as it is: Polish "Ale" ("but") starting a
			 * sentence is no short form of "Mohamed Ali" */
			if (!sc->legacy && sim < 1 &&
			    (ordinary(sc, t) ||
			     (t->initial && t->word != KD_WORD_NONE)) &&
			    strcmp(TXT(sc, t), TXT(sc, &sc->t[rw])) != 0)
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
		if (!sg->alone)
			continue; /* must be spelled as listed: see score_span.c */
		if ((err = kd__scan_score(&best, sc->c, STEM(sc, t), t->slen,
					  KD_SCAN_SINGLE)) < 0)
			return err;
		if (best->ent == UINT32_MAX ||
		    best->score < sc->c->single_threshold)
			continue;
		if (!sc->legacy &&
		    kd__index_ent(sc->c->ix, best->ent)->schema ==
			    KD_SCHEMA_PERSON) {
			/* one part of a person's name: only when it is
			 * distinctive in every language */
			if (ordinary(sc, t) || name_beside(sc, i, -1) ||
			    name_beside(sc, i, 1) || among_others(sc, i) ||
			    alone_on_line(sc, t) ||
			    !kd__scan_family_name(sc, best->ent, STEM(sc, t),
						  t->slen))
				continue; /* "Vasiliy Golubev": someone else */
			/* one of two family names (NORIEGA FIGUEROA) is as
			 * common alone as any surname; a surname alone names
			 * someone known by it: listed by one authority only
			 * (Gilboa, Cornelio, Voinov), a namesake is likelier */
			/* a vessel or company word before it, a legal form
			 * after it: a ship or firm named after the person
			 * (okręt podwodny "PUTIN") */
			const char *why = kd__scan_family_words(sc, best->ent) >
							  1
						  ? "one of the family names "
						    "of the person"
					  : !prominent(sc, best->ent)
						  ? "a surname of a person on "
						    "one list only"
					  : !distinctive(STEM(sc, t), t->slen)
						  ? "a surname other notable "
						    "people carry"
					  : context(sc, t) == CTX_NAMED
						  ? "a vessel or company named "
						    "after the person"
						  : NULL;
			if (why != NULL) {
				snprintf(co.detail, sizeof(co.detail),
					 "'%.30s' alone: %s, without a given "
					 "name (low priority)",
					 TXT(sc, t), why);
				if ((err = add_mention(sc, i, best,
						       co.detail)) < 0)
					return err;
				continue;
			}
		} else if (!sc->legacy &&
			   ((ctx = context(sc, t)) == CTX_NONE ||
			    (ctx == CTX_QUOTED && ordinary(sc, t)))) {
			/* a one-word vessel or organisation name without
			 * context: a low-priority mention, not an alert; an
			 * ordinary word of some language (Python, Server,
			 * Start) not even that, unless quoted («Terminal»:
			 * a menu label as often as a name) */
			if (ctx == CTX_NONE && ordinary(sc, t))
				continue;
			snprintf(co.detail, sizeof(co.detail),
				 "'%.30s' alone: a one-word %s name without "
				 "vessel or company context (low priority)",
				 TXT(sc, t),
				 kd__index_ent(sc->c->ix, best->ent)->schema ==
						 KD_SCHEMA_VESSEL
					 ? "vessel"
					 : "organisation");
			if ((err = add_mention(sc, i, best, co.detail)) < 0)
				return err;
			continue;
		}
		if (credited(sc, i, best)) {
			snprintf(co.detail, sizeof(co.detail),
				 "'%.30s' on the credit line of a quotation "
				 "(low priority)",
				 TXT(sc, t));
			if ((err = add_mention(sc, i, best, co.detail)) < 0)
				return err;
			continue;
		}
		if ((err = add_hit(sc, i, i, best)) < 0)
			return err;
	}
	return 0;
}

/* How many words of a name comparison's explanation ("'q'" for a word
 * spelled as listed, "'q'~'l' how" for a press spelling, nickname or
 * sound-alike, joined by ", ": compare.c) are spelled as listed? */
static int exact_parts(const char *d)
{
	int n = 0;
	while ((d = strchr(d, '\'')) != NULL) {
		const char *e = strchr(d + 1, '\'');
		if (e == NULL)
			break;
		if (e[1] != '~') {
			n++;
			d = e + 1;
			continue;
		}
		/* skip the listed side, 'l' */
		if ((d = strchr(e + 2, '\'')) == NULL ||
		    (d = strchr(d + 1, '\'')) == NULL)
			break;
		d++;
	}
	return n;
}

/* Is every listed word that organisation match r matched (its
 * explanation: "'q'" or "'q'~'l' how", comma-separated) an ordinary
 * word of some language (Russian case forms too: kultury)? Such a
 * name ("Министерство культуры", split off a longer name on the
 * lists: "Ministry of Culture") describes, it does not name: in
 * running text a low-priority mention (not in legacy mode). */
static int generic_org(const struct scan *sc, const struct kd_scan_match *r)
{
	const char *d = r->detail, *e;
	int words = 0, sch;
	if (sc->legacy || r->detail[0] == '\0')
		return 0;
	sch = kd__index_ent(sc->c->ix, r->ent)->schema;
	if (sch == KD_SCHEMA_PERSON || sch == KD_SCHEMA_VESSEL)
		return 0;
	while ((d = strchr(d, '\'')) != NULL) {
		size_t n;
		if ((e = strchr(d + 1, '\'')) == NULL)
			break;
		if (e[1] == '~') {
			d = e + 2; /* the listed side */
			if (*d != '\'' || (e = strchr(d + 1, '\'')) == NULL)
				return 0;
		}
		n = (size_t)(e - d - 1);
		if (n < 3 || (kd__lex_word(d + 1, n) != KD_WORD_COMMON &&
			      kd__lex_word_ru(d + 1, n) != KD_WORD_COMMON))
			return 0;
		words++;
		d = e + 1;
	}
	return words > 0;
}

/* Is every name word of span [i..j], two at least, a word of no
 * language (not even a proper noun: Netschajew, Kovaltchouk,
 * Bieriezowskim), or one such word after initials (D. Kouzmine)? A
 * press spelling of a listed name scores near the
 * threshold when each word is spelled another way, as kd_screen scores
 * it; words no dictionary has are the evidence that it is a foreign
 * name, so it stays an alert (not in legacy mode). */
static int distinctive_span(const struct scan *sc, size_t i, size_t j)
{
	size_t k, words = 0, none = 0, initials = 0;
	for (k = i; k <= j; k++) {
		const struct tok *t = &sc->t[k];
		if (t->len == 1 && t->cas == CASE_UPPER && !t->hangul) {
			initials++; /* D. Kouzmine */
			continue;
		}
		if (t->cas == CASE_DIGIT || t->lex == KD_LEX_STOP ||
		    t->lex == KD_LEX_PARTICLE || t->len < 2)
			continue;
		if (t->hangul || t->len < 4 || t->word == KD_WORD_COMMON)
			return 0;
		none += t->word == KD_WORD_NONE && t->len >= 5;
		words++;
	}
	return (words >= 2 || (words == 1 && initials >= 1)) && none >= 1;
}

/* Was a word of a name comparison's explanation ("'q'~'l' how", joined
 * by ", ") matched by edit distance alone ("'sirgej'~'sergej' edit"): a
 * typo or another name, not a spelling by sound ("skeleton",
 * "skeleton+edit") nor the listed word with a case ending
 * ("'dmitrija'~'dmitrij' edit")? */
static int typo_part(const char *d)
{
	const char *q, *m, *e;
	while ((m = strstr(d, "'~'")) != NULL) {
		for (q = m; q > d && q[-1] != '\''; q--)
			;
		e = strchr(m + 3, '\'');
		if (e == NULL || e[1] != ' ')
			return 0;
		if (strncmp(e + 2, "edit", 4) == 0 &&
		    (e[6] == ',' || e[6] == '\0')) {
			size_t nq = (size_t)(m - q), nl = (size_t)(e - m - 3);
			if (nl >= nq || nq > nl + 3 ||
			    memcmp(q, m + 3, nl) != 0)
				return 1;
		}
		d = e + 1;
	}
	return 0;
}

/* Why an accepted span is reported as a low-priority mention, not an
 * alert; NULL when it is an alert. A weak alias gets no coreference
 * either (a mention never has). */
static const char *low_priority(const struct scan *sc, const struct cand *c)
{
	if (!sc->legacy &&
	    c->r->score < sc->c->threshold + KD_W_SCAN_FUZZY_MARGIN &&
	    exact_parts(c->r->detail) == 0 &&
	    (!distinctive_span(sc, c->i, c->j) || typo_part(c->r->detail)))
		return "no word as listed, near the threshold";
	if (credited(sc, c->i, c->r))
		return "on the credit line of a quotation";
	if (generic_org(sc, c->r))
		return "ordinary words, no distinctive name";
	if (weak_alias(sc, c->r))
		return "a weak alias of the listed name";
	return NULL;
}

static int find_names(struct scan *sc)
{
	struct cand *cs, *acc = NULL;
	size_t nc, nacc = 0, i, k;
	const char *why;
	int err = 0;
	KD_FORWARD(kd__scan_collect(sc));
	cs = sc->cs;
	nc = sc->nc;
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
		if ((why = low_priority(sc, &cs[i])) != NULL) {
			char d[160];
			snprintf(d, sizeof(d), "%s (low priority): %.100s", why,
				 cs[i].r->detail);
			KD_FORWARD(add_mention_span(sc, cs[i].i, cs[i].j,
						    cs[i].r, d));
			continue;
		}
		acc[nacc++] = cs[i];
		KD_FORWARD(add_hit(sc, cs[i].i, cs[i].j, cs[i].r));
	}
	KD_FORWARD(singles(sc, acc, nacc));
done:
	kd__free(acc);
	return err;
}

/* The number of bytes of x with their high bit set, x having no other
 * bits: a multiply adds them up (no popcount instruction is assumed:
 * GCC's generic __builtin_popcountll is a library call per word). */
static inline size_t bytes_set(uint64_t x)
{
	return (size_t)(((x >> 7) * 0x0101010101010101ull) >> 56);
}

/* Few capitalised words: capitalisation is no signal in this text.
 * Word starts (a word: [A-Za-z0-9] and non-ASCII bytes; non-Latin ones
 * count as capitalised) are counted 8 bytes at a time on little-endian
 * machines, and the count is looked at every 4096 bytes. */
static int caseless(const char *s, size_t len)
{
	const uint64_t ones = ~(uint64_t)0 / 255, low7 = ones * 127,
		       top = ones * 128;
	size_t i = 0, up = 0, low = 0;
	uint64_t prev = 0; /* 0x80: the byte before was a word's */
	/* each byte's high bit: lo < byte < hi, byte < 0x80 (exact per
	 * byte: no carry between bytes) */
#define BETWEEN(x, lo, hi)                           \
	((ones * (127 + (hi)) - ((x)&low7)) & ~(x) & \
	 (((x)&low7) + ones * (127 - (lo))) & top)
	while (i < len) {
		size_t end = (i | 4095) + 1;
		if (end > len)
			end = len;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		while (i + 8 <= end) {
			uint64_t x, u, l, w, st;
			memcpy(&x, s + i, 8);
			u = BETWEEN(x, 0x40, 0x5B) | (x & top);
			l = BETWEEN(x, 0x60, 0x7B);
			w = u | l | BETWEEN(x, 0x2F, 0x3A);
			st = w & ~((w << 8) | prev);
			up += bytes_set(st & u);
			low += bytes_set(st & l);
			prev = (w >> 56) & 0x80;
			i += 8;
		}
#endif
		for (; i < end; i++) {
			unsigned char b = (unsigned char)s[i];
			int w = kd__scan_alnum(b) || b >= 0x80;
			if (w && !prev) {
				if (b >= 'A' && b <= 'Z')
					up++;
				else if (b >= 'a' && b <= 'z')
					low++;
				else if (b >= 0x80)
					up++; /* non-Latin: capitalised */
			}
			prev = w ? 0x80 : 0;
		}
		/* decided: even if every word still to come were
		 * lowercase, there are enough capitals (prose is decided
		 * after about half of the text) */
		if (((end - 1) & 4095) == 4095 &&
		    up * 20 >= up + low + (len - (end - 1)) / 2 + 1)
			return 0;
	}
#undef BETWEEN
	return up * 20 < up + low;
}

int kd__scan_text(struct kd_scan_ctx *c, const struct kd_seg *g, unsigned flags)
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
	/* room for the tokens of most prose at once (one in 11 bytes of
	 * German, in 16 of English): growing a token array of tens of MB
	 * by doubling copied it each time; untouched room costs only
	 * address space, and a failure here only means growing later */
	if (g->len > CHUNK &&
	    (sc.t = kd__malloc(g->len / 10 * sizeof(*sc.t))) != NULL)
		sc.cap = g->len / 10;
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
		KD_FORWARD(kd__scan_fold(&sc, g->s + pos, end - pos, pos));
		KD_FORWARD(kd__scan_tokenize(&sc, g->s, g->len));
		pos = end;
	}
	KD_FORWARD(find_names(&sc));
	KD_FORWARD(kd__scan_idents(c, g));
done:
	kd__scan_token_free(&sc);
	kd__scan_fold_free(&sc);
	kd__free(sc.t);
	kd__free(sc.bare);
	kd__free(sc.cs);
	kd__free(sc.single);
	kd__buf_free(&sc.ar);
	return err;
}
