/*
 * text_span_form.c - the other spellings a name span is scored in.
 *
 * A span the lists did not match as written may be a Slavic or German
 * case form of a listed name (kd__scan_case_key(): Olega Matkina ->
 * oleg matkin, Droschschinas Sprecher) or a press spelling of a Russian
 * name (kd__scan_press_key(): Mijail Zajarov, Prigojine); the keys
 * built here are scored again by text_span.c, and the same word forms
 * (kd__scan_short_genitive(), kd__scan_press_word()) serve the family-
 * word checks of text_family.c. Split out of text_span.c (a pure move)
 * because respelling a span is a concern of its own, apart from finding
 * spans and weighing their evidence.
 */
#include "scan/text_scan_int.h"

#include <string.h>

/* Does name word w[0..n) end as names that keep one form in every
 * case do: Ukrainian -enko/-ko, Georgian -dze/-dzie, -shvili, -ia,
 * Armenian -yan/-ian/-jan, Siberian -ikh/-ykh (not -i: Aliya Rahmani
 * is no genitive of ALIY)? */
static int indeclinable(const char *w, size_t n)
{
	static const char *const end[] = { "ko",   "dze", "dzie", "vili",
					   "wili", "yan", "ian",  "jan",
					   "ikh",  "ykh", "ich",  "ych" };
	size_t e, l;
	for (e = 0; e < sizeof(end) / sizeof(end[0]); e++) {
		l = strlen(end[e]);
		if (n > l + 2 && memcmp(w + n - l, end[e], l) == 0)
			return 1;
	}
	return 0;
}

/* A case form kd__scan_case_form() does not read, in its nominative
 * (its length, else 0): a four-letter genitive (its endings keep three
 * letters of stem: Olgi -> olga), Polish -ji for -ja (Mariji, Natalji,
 * Polanskaji), the Czech and Polish instrumental -ym of names in
 * -yj/-y (Čalým, Kruglým, Pogoriełym -> caly, krugly, pogoriely) and
 * the German genitive -s of a name in -a (Droschschinas Sprecher). */
size_t kd__scan_short_genitive(char *out, size_t cap, const char *w, size_t n)
{
	if (n + 1 > cap || n < 4)
		return 0;
	if (n == 4 && (w[3] == 'i' || w[3] == 'y') && strchr("gkh", w[2]) &&
	    !strchr("aeiouy", w[1])) {
		memcpy(out, w, 3);
		out[3] = 'a';
		out[4] = '\0';
		return 4;
	}
	if (n >= 5 && w[n - 2] == 'j' && w[n - 1] == 'i') {
		memcpy(out, w, n - 1);
		out[n - 1] = 'a';
		out[n] = '\0';
		return n;
	}
	if (n >= 7 && w[n - 2] == 'a' && w[n - 1] == 's' &&
	    strchr("aeiouy", w[n - 3]) == NULL) {
		memcpy(out, w, n - 1);
		out[n - 1] = '\0';
		return n - 1;
	}
	if (n >= 5 && w[n - 2] == 'y' && w[n - 1] == 'm' &&
	    strchr("aeiouy", w[n - 3]) == NULL) {
		memcpy(out, w, n - 1);
		out[n - 1] = '\0';
		return n - 1;
	}
	return 0;
}

/* span_key() with each word that may be a Slavic case form (a word
 * its own stem, not already read as one by text_token.c) in its first
 * nominative form: "Olega Matkina" -> "oleg matkin", "Савельева" ->
 * "savelev". Such genitives are themselves listed words (MARKOVA,
 * IVANOVA are women's surnames), so the words keep their reading and
 * only a span the lists did not match is scored again so. A case form
 * inflects given name and surname alike (Olega Matkina, Анны
 * Кузнецовой): 0 unless two words changed and each read form ends in a
 * consonant, y after a vowel too (Andreya: andrey; Aliya Rahmani is no
 * genitive of ALIY). */
int kd__scan_case_key(struct scan *sc, size_t i, size_t j, char *key,
		      size_t cap, size_t *klen)
{
	const unsigned char *s = (const unsigned char *)sc->g->s;
	size_t k, o = 0, from, n;
	int changed = 0, fixed = 0, words = 0;
	/* a German genitive -s ends the name only (Julija Droschschinas):
	 * the words before it are as written */
	const struct tok *l = &sc->t[j];
	int german = l->cas == CASE_UPPER && !l->hangul && l->len >= 7 &&
		     s[l->os] < 0x80 && TXT(sc, l)[l->len - 1] == 's' &&
		     TXT(sc, l)[l->len - 2] == 'a';
	for (k = i; k <= j; k++) {
		const struct tok *t = &sc->t[k];
		const char *w = STEM(sc, t), *x = TXT(sc, t);
		char b[TOK_MAX + 8];
		int cyr = s[t->os] >= 0xD0 && s[t->os] <= 0xD4;
		int sure = 0; /* an ending no nominative has */
		from = 0;
		n = 0;
		if (t->cas == CASE_UPPER && !t->hangul && t->len >= 4) {
			n = kd__scan_case_form(b, sizeof(b), x, t->len, cyr, 1,
					       &from);
			if (n == 0)
				from = 0; /* no ending of the table */
			if (n > 0 && from > 0) {
				char c[TOK_MAX + 8];
				size_t at = 0;
				sure = kd__scan_case_form(c, sizeof(c), x,
							  t->len, cyr, 0,
							  &at) == n &&
				       at == from;
			}
			if (n == 0 && (n = kd__scan_short_genitive(
					       b, sizeof(b), x, t->len)) > 0)
				sure = 1;
		}
		if (german && k < j && n > 0) {
			n = 0;
			fixed++;
		}
		if (t->cas == CASE_UPPER && !t->hangul && t->len >= 4) {
			words++;
			/* a surname that does not decline, or a given name
			 * in -i, -o spelled as listed before the last word
			 * (Otari Arszby: the family name declines) */
			fixed += n == 0 &&
				 (indeclinable(x, t->len) ||
				  (k < j && t->listed && t->stem == t->txt &&
				   (x[t->len - 1] == 'i' ||
				    x[t->len - 1] == 'o')));
		}
		/* a case form: by an ending no nominative has (-skiego,
		 * -ym), a consonant left (olega -> oleg) or another ending
		 * for the nominative's a (jeleny -> jelena) */
		if (n > 0 && (sure || strchr("aeiouy", b[n - 1]) == NULL ||
			      (b[n - 1] == 'y' && n >= 2 &&
			       strchr("aeiou", b[n - 2]) != NULL) ||
			      (b[n - 1] == 'a' && x[t->len - 1] != 'a')))
			changed++;
		if (n > 0 && t->stem == t->txt) {
			w = b;
		} else if (n > 0 && t->slen >= 4) {
			/* a press spelling respelled (Woroncowej:
			 * worontsowej, Čalým: chalym): its case form,
			 * by endings no nominative has */
			size_t at = 0,
			       m = kd__scan_case_form(b, sizeof(b), w, t->slen,
						      cyr, 0, &at);
			if (m == 0)
				m = kd__scan_short_genitive(b, sizeof(b), w,
							    t->slen);
			/* or by the ending the written word was read by
			 * (Gadżyjewa: gadzyjew, so gadzhyjewa: gadzhyjew) */
			if (m == 0 && from > 0) {
				at = from - 1;
				m = kd__scan_case_form(b, sizeof(b), w, t->slen,
						       cyr, 1, &at);
				if (at != from)
					m = 0;
			}
			if (m > 0)
				w = b;
			n = m > 0 ? m : t->slen;
		} else {
			n = t->slen;
		}
		if (o + n + 2 > cap)
			return 0;
		if (o)
			key[o++] = ' ';
		memcpy(key + o, w, n);
		o += n;
	}
	key[o] = '\0';
	*klen = o;
	/* or one case form beside surnames that do not decline (Iwana
	 * Diemczenko, Dmitrija Czuradzie, Otari Arszby) */
	return changed >= 2 ||
	       (changed == 1 && words >= 2 && changed + fixed == words);
}

/* Name word w[0..n) (of token t) in the press spelling of Russian
 * names by two conventions respelled as the lists write it: Spanish j
 * for kh (Mijail, Zajarov) and French -ine for -in (Prigojine,
 * Poutine), and when last (the family word's place, a span's last
 * word) Spanish -ij for -ykh (Ilinij, Chernij: ILINYKH, CHERNYKH) and
 * Czech and Polish c for ts (Koc: KOTS), into out (2n + 1 bytes); its
 * length, *changed set when it differs. */
size_t kd__scan_press_word(const struct tok *t, const char *w, size_t n,
			   int last, char *out, int *changed)
{
	size_t a, o = 0;
	for (a = 0; a < n; a++) {
		if (w[a] == 'j' && t->cas == CASE_UPPER && !t->hangul &&
		    (a + 1 < n && strchr("aeiou", w[a + 1]))) {
			out[o++] = 'k';
			out[o++] = 'h';
			*changed = 1;
		} else if (last && w[a] == 'c' && t->cas == CASE_UPPER &&
			   !t->hangul &&
			   (a + 1 == n || !strchr("hzk", w[a + 1])) &&
			   (a == 0 || w[a - 1] != 's')) {
			/* Czech and Polish c for ц (Koc: KOTS), as
			 * text_resolve.c reads an unknown word */
			out[o++] = 't';
			out[o++] = 's';
			*changed = 1;
		} else {
			out[o++] = w[a];
		}
	}
	if (n >= 6 && memcmp(w + n - 3, "ine", 3) == 0 &&
	    t->cas == CASE_UPPER) {
		o--; /* Prigojine: prigojin */
		*changed = 1;
	} else if (last && n >= 5 && memcmp(w + n - 2, "ij", 2) == 0 &&
		   !strchr("aeiouy", w[n - 3]) && t->cas == CASE_UPPER &&
		   !t->hangul) {
		/* Spanish -ij for the Siberian -ых (Черных: Chernij; х is
		 * j, ы is i, and Spanish writes -ий as -i): a family word
		 * only, Czech and Polish given names end in -ij (Dmitrij,
		 * Anatolij) */
		o -= 2;
		memcpy(out + o, "ykh", 3);
		o += 3;
		*changed = 1;
	}
	out[o] = '\0';
	return o;
}

/* span_key() with each word in its kd__scan_press_word() spelling: 0 when no
 * word changed. Like kd__scan_case_key(), only a span the lists did not match
 * is scored again so. */
int kd__scan_press_key(const struct scan *sc, size_t i, size_t j, char *key,
		       size_t cap, size_t *klen)
{
	size_t k, o = 0;
	int changed = 0;
	for (k = i; k <= j; k++) {
		const struct tok *t = &sc->t[k];
		if (o + 2 * t->slen + 2 > cap)
			return 0;
		if (o)
			key[o++] = ' ';
		o += kd__scan_press_word(t, STEM(sc, t), t->slen, k == j,
					 key + o, &changed);
	}
	key[o] = '\0';
	*klen = o;
	return changed;
}
