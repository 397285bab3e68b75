/*
 * text_family.c - does a name span or word of prose name the listed
 * person it matched, by the parts of that person's name?
 *
 * The scorer says a mention is like a listed name; these checks say
 * whether it names the family as well as something else: the family
 * words of a caption ("FAMILY, Given", "Given Patronymic FAMILY", else
 * the last word: kd__scan_family_part()), matched by token similarity,
 * as a Slavic case form (kd__scan_case_family()) or in a press spelling
 * (kd__scan_press_family()); and kd__scan_given_and_family(), the rule
 * for a two-word mention of a listed person. text_span.c asks them of a
 * span it accepts, text_scan.c of a single word (kd__scan_family_name).
 * Split out of text_span.c (a pure move) because the name-part rules of
 * a listed person are a concern of their own, apart from building and
 * scoring spans.
 */
#include "scan/text_scan_int.h"
#include "text/text_int.h"

#include <stdio.h>
#include <string.h>

/* Is token t, in its kd__scan_press_word() spelling, a family word of entity
 * ei (Zajarov of ZAKHAROV, Prigojine of PRIGOZHIN)? */
int kd__scan_press_family(const struct scan *sc, uint32_t ei,
			  const struct tok *t)
{
	char b[2 * TOK_MAX + 8], sk[4 * TOK_MAX + 8];
	struct kd_qtok q;
	size_t n;
	int changed = 0;
	if (sc->legacy || t->slen > TOK_MAX)
		return 0;
	n = kd__scan_press_word(t, STEM(sc, t), t->slen, 1, b, &changed);
	if (!changed)
		return 0;
	kd__word_qtok(&q, b, n, sk, sizeof(sk));
	return kd__scan_family_part(sc, ei, b, n, &q, 0.8);
}

/* Is w[0..n) a family name of entity ei, as its caption shows it:
 * the words before a comma (LAVROV, Sergei Viktorovich), else the
 * upper-case words of a mixed-case caption (Yury Viktorovich USHAKOV),
 * else the last word? A given name alone (Bruno, Azamat, Chris) names
 * nobody in particular. */
int kd__scan_family_name(const struct scan *sc, uint32_t ei, const char *w,
			 size_t n)
{
	return kd__scan_family_part(sc, ei, w, n, NULL, 0.8);
}

int kd__scan_family_words(const struct scan *sc, uint32_t ei)
{
	return kd__scan_family_part(sc, ei, NULL, 0, NULL, 0.8);
}

/* Does caption word f[0..n) agree with w (exactly) or, when q is given,
 * with mention token q (token similarity >= min, 0.8: Lawrow ~
 * LAVROV)? */
static int part_is(const char *f, size_t n, const char *w, size_t wn,
		   const struct kd_qtok *q, double min)
{
	struct kd_qtok l;
	char sk[72];
	const char *how;
	if (q == NULL)
		return n == wn && memcmp(f, w, n) == 0;
	if (n == 0 || n > 64)
		return 0;
	kd__word_qtok(&l, f, n, sk, sizeof(sk));
	if (kd__token_sim(q, &l, &how) >= min)
		return 1;
	/* я, ю, е as German, Polish and Czech write them: j before the
	 * vowel (DYAKONOVA: Djakonowa, POLYANSKAYA: Poljanskaja) */
	if (n < 64 && memchr(f, 'y', n) != NULL) {
		char b[64];
		size_t a;
		int ch = 0;
		for (a = 0; a < n; a++) {
			b[a] = f[a];
			if (f[a] == 'y' && a + 1 < n &&
			    strchr("aeiou", f[a + 1])) {
				b[a] = 'j';
				ch = 1;
			}
		}
		if (ch) {
			kd__word_qtok(&l, b, n, sk, sizeof(sk));
			if (kd__token_sim(q, &l, &how) >= min)
				return 1;
		}
	}
	/* е after a vowel as the lists may write it, e alone (BAEVSKY:
	 * Bayevskiy, Баевский) */
	if (n + 4 < 64) {
		char b[64];
		size_t a, o = 0;
		int ch = 0;
		for (a = 0; a < n; a++) {
			if (f[a] == 'e' && a > 0 && strchr("aeiou", f[a - 1])) {
				b[o++] = 'y';
				ch++;
			}
			if (o < sizeof(b) - 1)
				b[o++] = f[a];
		}
		if (ch && o < sizeof(b)) {
			kd__word_qtok(&l, b, o, sk, sizeof(sk));
			if (kd__token_sim(q, &l, &how) >= min)
				return 1;
		}
	}
	/* a Belarusian family name as the lists write it (ATABEKAU,
	 * VASILIEU, CHARNYSHOU, SAKALOUSKI: ў) is the press's Russian one
	 * (Atabekov, Sokolovskij): ў before a consonant or at the end is
	 * v, and a final -au is -ov */
	if (n >= 5 && n < 64) {
		char b[64];
		size_t a;
		int ch = 0;
		memcpy(b, f, n);
		for (a = 1; a < n; a++)
			if (f[a] == 'u' && strchr("aeo", f[a - 1]) &&
			    (a + 1 == n || !strchr("aeiouy", f[a + 1]))) {
				b[a] = 'v';
				ch = 1;
			}
		if (f[n - 1] == 'u' && f[n - 2] == 'a')
			b[n - 2] = 'o';
		if (ch) {
			kd__word_qtok(&l, b, n, sk, sizeof(sk));
			return kd__token_sim(q, &l, &how) >= min;
		}
	}
	return 0;
}

/* kd__scan_family_name(), by exact spelling (q NULL) or by similarity to
 * q; with w NULL, the number of family words that are no name particle
 * (BIN LADIN 1, NORIEGA FIGUEROA 2). */
static int caption_part(const struct scan *sc, uint32_t ei, const char *w,
			size_t n, const struct kd_qtok *q, double min,
			int others);

int kd__scan_family_part(const struct scan *sc, uint32_t ei, const char *w,
			 size_t n, const struct kd_qtok *q, double min)
{
	return caption_part(sc, ei, w, n, q, min, 0);
}

/* kd__scan_family_part() of the caption's family words, or (others) of its
 * other words: given names, patronymics. */
static int caption_part(const struct scan *sc, uint32_t ei, const char *w,
			size_t n, const struct kd_qtok *q, double min,
			int others)
{
	const char *cap = kd_entity_caption(kd__index_ent(sc->c->ix, ei));
	const char *comma = strchr(cap, ',');
	size_t len = comma ? (size_t)(comma - cap) : strlen(cap), i, ws;
	int upper = 0, lower = 0, found = 0, words = 0;
	char *f = NULL;
	size_t fl = 0;
	if (comma == NULL) {
		for (i = 0; i < len; i++) {
			upper |= cap[i] >= 'A' && cap[i] <= 'Z';
			lower |= cap[i] >= 'a' && cap[i] <= 'z';
		}
	}
	if (others && comma != NULL) {
		/* the words after the comma, all of them */
		cap = comma + 1;
		len = strlen(cap);
		others = 0;
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
			take = comma              ? 1
			       : (upper && lower) ? all_up && ws - i > 1
						  : ws == len;
			take ^= others;
			if (take && kd__text_fold(&f, &fl, NULL, cap + i,
						  ws - i) == 0) {
				size_t a = 0, b;
				/* AL-ASSAD, AL-QUBAYSI: each part (the fold
				 * may keep the hyphen) */
				while (a < fl && !found) {
					for (b = a; b < fl && f[b] != ' ' &&
						    f[b] != '-';
					     b++)
						;
					if (w != NULL) {
						found = part_is(f + a, b - a, w,
								n, q, min);
					} else if (b - a >= 2 && b - a < 32) {
						char p[32];
						memcpy(p, f + a, b - a);
						p[b - a] = '\0';
						words += kd__lex_class(p) !=
							 KD_LEX_PARTICLE;
					}
					a = b + 1;
				}
				kd__free(f);
				f = NULL;
			}
		}
		i = ws + 1;
	}
	return w != NULL ? found : words;
}

/* Is token t, read as a Slavic case form (kd__scan_case_key()), a family word of
 * entity ei: Краснова ("krasnova") of KRASNOV, Ławrowem of LAVROV? */
int kd__scan_case_family(const struct scan *sc, uint32_t ei,
			 const struct tok *t)
{
	const unsigned char *s = (const unsigned char *)sc->g->s;
	struct kd_qtok q;
	char b[TOK_MAX + 8], sk[2 * TOK_MAX + 8];
	size_t from = 0, n, read;
	int cyr = s[t->os] >= 0xD0 && s[t->os] <= 0xD4;
	if (sc->legacy || t->cas != CASE_UPPER || t->hangul || t->len < 5)
		return 0;
	n = kd__scan_case_form(b, sizeof(b), TXT(sc, t), t->len, cyr, 1, &from);
	read = n > 0 ? from : 0;
	if (n == 0)
		n = kd__scan_short_genitive(b, sizeof(b), TXT(sc, t), t->len);
	if (n > 0) {
		kd__word_qtok(&q, b, n, sk, sizeof(sk));
		if (kd__scan_family_part(sc, ei, b, n, &q, 0.8))
			return 1;
	}
	if (t->stem == t->txt)
		return 0;
	/* a press spelling respelled (Woroncowej: worontsowej) */
	from = 0;
	n = kd__scan_case_form(b, sizeof(b), STEM(sc, t), t->slen, cyr, 0,
			       &from);
	if (n == 0)
		n = kd__scan_short_genitive(b, sizeof(b), STEM(sc, t), t->slen);
	if (n == 0 && read > 0) {
		/* by the ending the written word was read by (as
		 * kd__scan_case_key(): gadzhyjewa, gadzhyjew) */
		from = read - 1;
		n = kd__scan_case_form(b, sizeof(b), STEM(sc, t), t->slen, cyr,
				       1, &from);
		if (from != read)
			n = 0;
	}
	if (n == 0)
		return 0;
	kd__word_qtok(&q, b, n, sk, sizeof(sk));
	return kd__scan_family_part(sc, ei, b, n, &q, 0.8);
}

/* Is caption cap written "Given Patronymic FAMILY": upper-case family
 * words among mixed-case ones (kd__scan_family_part() reads it so)? */
int kd__scan_mixed_case(const char *cap)
{
	int family = 0, lower = 0;
	while (*cap) {
		size_t up = 0, low = 0;
		for (; *cap && *cap != ' '; cap++) {
			up += *cap >= 'A' && *cap <= 'Z';
			low += *cap >= 'a' && *cap <= 'z';
		}
		family |= up >= 2 && low == 0;
		lower |= low > 0;
		while (*cap == ' ')
			cap++;
	}
	return family && lower;
}

/* Are a[0..n) and b[0..m) (at most 63 bytes) spelled alike: at most
 * one letter in four to change, insert or delete (Levenshtein)? A
 * skeleton says they sound alike, which is looser (Schiaffino, Hewani). */
static int spelled_alike(const char *a, size_t n, const char *b, size_t m)
{
	unsigned char row[64];
	size_t x, y, longer = n > m ? n : m;
	if (n >= sizeof(row) || m >= sizeof(row))
		return 0;
	for (y = 0; y <= m; y++)
		row[y] = (unsigned char)y;
	for (x = 1; x <= n; x++) {
		unsigned char diag = row[0];
		row[0] = (unsigned char)x;
		for (y = 1; y <= m; y++) {
			unsigned char up = row[y];
			unsigned char best = (unsigned char)(diag + (a[x - 1] !=
								     b[y - 1]));
			if (up + 1 < best)
				best = (unsigned char)(up + 1);
			if (row[y - 1] + 1 < best)
				best = (unsigned char)(row[y - 1] + 1);
			diag = up;
			row[y] = best;
		}
	}
	return (size_t)row[m] * 4 <= longer;
}

int kd__scan_alias_family(const struct scan *sc, uint32_t ei,
			  const struct tok *t, const char *detail)
{
	char pat[TOK_MAX + 8];
	const char *p, *l, *e;
	struct kd_qtok q;
	if (sc->legacy || detail == NULL || t->lex != KD_LEX_NONE ||
	    t->word != KD_WORD_NONE || t->slen < 6 || t->slen > TOK_MAX)
		return 0;
	snprintf(pat, sizeof(pat), "'%s'~'", STEM(sc, t));
	if ((p = strstr(detail, pat)) == NULL || (p != detail && p[-1] != ' '))
		return 0;
	l = p + strlen(pat);
	if ((e = strchr(l, '\'')) == NULL ||
	    strncmp(e + 1, " skeleton", 9) != 0 ||
	    (e[10] != ',' && e[10] != '\0'))
		return 0; /* an edit, a nickname, an initial... */
	kd__scan_qtok(&q, sc, t);
	return spelled_alike(l, (size_t)(e - l), STEM(sc, t), t->slen) &&
	       !caption_part(sc, ei, STEM(sc, t), t->slen, &q, 0.8, 1);
}

/* Did the name comparison's explanation detail ("'ivan', 'q'~'l'
 * skeleton": compare.c) match w[0..n) as spelled? */
static int alias_word(const char *detail, const char *w, size_t n)
{
	const char *d = detail;
	if (d == NULL || n == 0)
		return 0;
	while ((d = strchr(d, '\'')) != NULL) {
		const char *e = strchr(d + 1, '\'');
		if (e == NULL)
			return 0;
		if ((size_t)(e - d - 1) == n && memcmp(d + 1, w, n) == 0 &&
		    (d == detail || d[-1] == ' ') && e[1] != '~')
			return 1;
		/* past this word and what the comparison says of it */
		d = strchr(e + 1, ',');
		if (d == NULL)
			return 0;
	}
	return 0;
}

/* How many words of the listed caption `cap` read as a company form
 * (PAEK SE BONG: SE, Societas Europaea; SON Chol-Ju: Ju, for 주식회사),
 * in the variant with most? The Hangul query reads such a syllable as
 * the company form, which the comparison pairs with no listed word. The
 * index holds the caption as a person's name, with no such token: the
 * caption is analysed again, only for a Korean word with a syllable
 * left over. */
static size_t legal_words(const char *cap)
{
	struct kd_name *nm = NULL;
	size_t v, k, most = 0;
	if (kd__name_analyze(&nm, cap, strlen(cap), KD_NAME_ORG) < 0)
		return 0;
	for (v = 0; v < nm->nvars; v++) {
		size_t n = 0;
		for (k = 0; k < nm->vars[v].ntok; k++)
			n += nm->vars[v].toks[k].kind == KD_TOK_LEGAL;
		most = n > most ? n : most;
	}
	kd__name_free(nm);
	return most;
}

/*
 * Is every syllable of the Korean name word starting at token i (the
 * syllables hangul_word() kept: surname and given name, the particle
 * cut) matched, and none only as an initial? The comparison r->cmp
 * counts the query words it matched (parts: 'cho', 'il'~'yl' skeleton;
 * a joined pair one), those matched to an initial left out; a Korean
 * name is its syllables, each a whole part of the name (Hangul has no
 * initials), so a Hangul word that matched a listed name with a
 * syllable left over or read as an initial is an ordinary word read
 * syllable by syllable: 사이의 ("between" + of) as 'ui', 'i' of U.I.
 * INTERNATIONAL, 사각형 ("rectangle") as 'kak', 'hyong' of KIM
 * Jong-Gak, 신경이 ("nerve" + subject) as SIN Yong Il with 'i' for Il.
 * A syllable matched to a listed word read as a company form (손철주:
 * SON Chol-Ju, Ju as JSC) is paired with nothing: one per such word of
 * the caption `cap` is let go (legal_words()). A word scored alone
 * (single_token: no comparison) is one part.
 */
static int ko_word_matched(const struct scan *sc, size_t i, size_t j,
			   const char *cap, const struct kd_scan_match *r)
{
	size_t syl = 1, parts = r->cmp ? (size_t)r->cmp->parts : 1;
	while (i + syl <= j && sc->t[i + syl].hangul &&
	       sc->t[i + syl - 1].oe == sc->t[i + syl].os)
		syl++;
	return parts >= syl || parts + legal_words(cap) >= syl;
}

/* A two-word mention of a person listed as "FAMILY, Given" (or "Given
 * Patronymic FAMILY": "Александр Сергеевич" is how one addresses any
 * Alexander whose father was Sergei, not Aleksandr Sergeevich
 * MALYKHIN) must name
 * the family and something else (given name, patronymic): "González
 * Durán" is the two family names of GONZALEZ DURAN, Jaime, "Mathias
 * Arthur" two given names of WARNIG, Matthias Arthur; both are other
 * people. Family words are the caption's words before the comma (see
 * kd__scan_family_name()), matched with token similarity (press
 * spellings). A word the comparison matched as spelled (in the
 * explanation, detail) to a name of the record, and like none of the
 * caption's other words, is a family word of another of its names
 * (Sokolovskij, an alias of SAKALOUSKI, Ivan Yurievich) when no
 * caption word is, if it is no place, title or common given name or
 * surname (Mustafa: Kemal Mustafa is no AL-MASRI, Abu Hamza, whose
 * alias is Mustafa Kamel MUSTAFA).
 * Longer spans, other schemas and other captions pass. */
int kd__scan_given_and_family(const struct scan *sc, size_t i, size_t j,
			      const struct kd_scan_match *r)
{
	uint32_t ei = r->ent;
	const char *cap = kd_entity_caption(kd__index_ent(sc->c->ix, ei));
	const char *detail = r->detail;
	size_t k, words = 0, fam = 0, alias = 0;
	if (!sc->legacy && sc->t[i].hangul &&
	    !ko_word_matched(sc, i, j, cap, r))
		return 0;
	if (kd__index_ent(sc->c->ix, ei)->schema != KD_SCHEMA_PERSON ||
	    (strchr(cap, ',') == NULL &&
	     (sc->legacy || !kd__scan_mixed_case(cap))))
		return 1;
	size_t w[2];
	for (k = i; k <= j; k++) {
		const struct tok *t = &sc->t[k];
		struct kd_qtok q;
		if (t->cas == CASE_DIGIT || t->lex == KD_LEX_STOP ||
		    t->lex == KD_LEX_PARTICLE ||
		    (t->len < 2 && !kd__scan_ko_letter(sc, k, k == i) &&
		     !(t->hangul && k == i)))
			continue; /* not 오 (o) of 오국렬: a surname */
		if (words == 2)
			return 1;
		w[words++] = k;
		kd__scan_qtok(&q, sc, t);
		fam += kd__scan_family_part(sc, ei, STEM(sc, t), t->slen, &q,
					    0.8) ||
		       kd__scan_case_family(sc, ei, t) ||
		       kd__scan_press_family(sc, ei, t);
	}
	/* no family word of the caption: one of another name */
	for (k = 0; k < words && fam == 0 && !sc->legacy; k++) {
		const struct tok *t = &sc->t[w[k]];
		struct kd_qtok q;
		kd__scan_qtok(&q, sc, t);
		alias += t->lex == KD_LEX_NONE &&
			 alias_word(detail, STEM(sc, t), t->slen) &&
			 !caption_part(sc, ei, STEM(sc, t), t->slen, &q, 0.8,
				       1);
	}
	if (fam == 0)
		fam = alias;
	return words < 2 || (fam >= 1 && fam < words);
}
