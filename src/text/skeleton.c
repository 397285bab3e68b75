/*
 * skeleton.c - a cross-convention key of one lowercase ASCII token, so
 * that English, German, French, Polish, Czech and Spanish spellings of
 * the same Slavic, Korean or Arabic name meet:
 *
 *   Uschakow / Ushakov / Ouchakov        -> uxekev
 *   Chruschtschow / Khrushchev / Khrouchtchev -> xruxev
 *   Sergej / Sergey / Sergei / Serguei   -> sarke
 *   Juri / Yuri / Iouri / Jurij / Yuriy  -> xure
 *   Muhammad / Mohammed / Mohamed        -> muxemet
 *   Kim Jong Un / Gim Jeong Eun / Kim Chong Un -> kim xunk un
 *
 * The key is a single string compared for equality (and used as an
 * index key), so sounds that one convention writes alike and another
 * apart must fall into one class. The matcher also measures an edit
 * distance on the plain ASCII tokens, so a coarse key costs precision
 * only in candidate generation, while a missed key costs recall.
 *
 * Consonants (longest spelling first):
 *
 *   class  spellings                         why
 *   x      sh sch tsch tch tsh ch cz sz      š/č/щ/ж in every convention; ch
 *          szcz shch zh dzh dsch kh h        is kh in German (Chodorkowski), sh
 *          x dj j (at the start)             in French (Ouchakov), tsh in
 *          y/j/i + vowel (at the start)      English (Chernov); j is y in
 *          -ic (final, South Slavic -ić)     German (Juri) but dzh in English
 *                                            and Korean (Jong = Chong), so
 *                                            initial glides join the class
 *   s      s z ss ts tz dz c(before e i y)   German z = ts (Jelzin)
 *   k      k g q c ck gh gu(before e i y)    Korean k/g (Kim/Gim), Arabic
 *                                            q/g/k (Qaddafi), French gu
 *   sk     ck in -cki -ckij -cky -cka        Polish/Czech c = ts: Wysocki
 *          (tokens of 6+ letters)            = Vysotsky (not Jacky, Lucky)
 *   t      t d th dh                         Korean t/d, Arabic dh (Kadhafi)
 *   p      p b bh                            Korean p/b (Pyong/Byong)
 *   v      v w f ph wh                       Lawrow, Lavroff
 *   ks     x (not at the start)              Alexander = Aleksandr
 *   l r m n  themselves; rh -> r             Rhee
 *   -      h after a consonant, before n,    Abdullah = Abdulla, John = Jon
 *          at the end
 *
 *   Doubled letters and repeated classes collapse (ss, mm, dd, "schtsch").
 *
 * Vowels: j after a vowel or between consonant and vowel is a vowel
 * (Sergej, Beljajew), y is a vowel except at the start. Only the FIRST
 * vowel cluster keeps a class; every later cluster becomes "e", so
 * Lavrov/Lawrow/Lavroff (-ov/-ow/-off/-ev/-ew) meet and Muhammad/Mohamed
 * do, while Putin/Patin (u/a) and Kim/Kang do not.
 *
 *   first cluster (leading y/j/i glides dropped)   class
 *   a e                                           a
 *   i y ee                                        i   (Lee = Li)
 *   o u ou oo eo eu ue                            u   (Korean eo/o, eu/u;
 *                                                      French ou; German ue)
 *   ai ay ei ey ae                                ai  (Husain = Hussein)
 *   oe oi oy ui                                   ui  (Choe = Choi, not Cho)
 *
 * National adaptations of foreign names: Lithuanian nominative endings
 * -as/-us after a stem of five letters or more are dropped (Putinas,
 * Lavrovas, Sergejus), -is after a vowel + r (Igoris: Russian -рь) and
 * -skis/-ckis is -ski/-cki (Dostojevskis); (-as on a stem of four, Olegas,
 * Petras, made Thomas meet Tom: one more kept-aside US alert, dropped); Latvian -s after -ov, -ev, -in, -ir or j
 * (Lavrovs, Putins, Vladimirs, Sergejs); Dutch oe before a consonant is u (Joeri,
 * Oesjakov), Dutch tsj and zj are the sh class (Tsjernov, Zjoekov).
 * Dutch sj is too before a consonant, i, or e; before a, o, u only in a
 * word with another Dutch mark, and inside a word before e not in a
 * word with a German or Polish w: those write s + y there (Sjuganow,
 * Afanasjewa, Glasjew; Dutch Oesjakov has oe).
 *
 * At the start: ye/je/ie (not before o) drop the glide, so Yeltsin,
 * Jelzin and French Eltsine meet, as do Yevgeny/Evgeny/Jewgeni; yi -> i.
 * French final -ine -> -in (Poutine = Putin, Eltsine, Lenine); final
 * two consonants + -er -> -r (Alexander = Aleksandr).
 *
 * Whole-token exceptions that no rule can reach, the Korean surnames
 * written by the DPRK with r and in the South without it or with English
 * spellings: ri/li/lee/yi/rhee -> li, rim/lim/im -> lim, ryu/yu/yoo ->
 * ryu, ro/roh/noh -> no, park/pak/bak -> pak; and mohd/muhd -> muhammad.
 *
 * Known consequences (documented, tested): yang/zhang/chang/jang/hang all
 * give "xank" (the initial class is wide); ivanov and ivanova differ (a
 * feminine ending is a different person more often than a spelling);
 * sergey/sergeyev differ; choe/cho differ (two different surnames).
 */
#include "text/text_int.h"

#include <string.h>

#define SK_MAX 64

static const char *const g_whole[][2] = {
	{ "ri", "li" },         { "rhee", "li" },  { "rhie", "li" },
	{ "lee", "li" },        { "yi", "li" },    { "yee", "li" },
	{ "rim", "lim" },       { "im", "lim" },   { "yu", "ryu" },
	{ "yoo", "ryu" },       { "lyu", "ryu" },  { "ro", "no" },
	{ "roh", "no" },        { "noh", "no" },   { "park", "pak" },
	{ "bak", "pak" },       { "bahk", "pak" }, { "mohd", "muhammad" },
	{ "muhd", "muhammad" },
};

static bool vow(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

struct sk {
	char o[2 * SK_MAX + 4];
	size_t n;
	bool first_done;  /* the first vowel cluster was written */
	bool after_vowel; /* last thing written was a vowel cluster */
};

static void emit(struct sk *k, char c)
{
	if (k->n > 0 && !k->after_vowel && k->o[k->n - 1] == c)
		return; /* doubled letters and repeated classes */
	if (k->n < sizeof(k->o) - 1)
		k->o[k->n++] = c;
	k->after_vowel = false;
}

static bool glide(char c)
{
	return c == 'i' || c == 'y' || c == 'j';
}

/*
 * Class of the first vowel cluster cl[0..n), letters as written (a e i o
 * u y j). Glides are i/y/j before another vowel: dropped at the front
 * (yo -> o: Pyong = Pyeong), ignored in the middle (Klujew = Klyuev,
 * Majakowski = Mayakovsky = Maiakovski); at the end they make a diphthong
 * (ai, ei, oi, ej, aj).
 */
static void first_cluster(struct sk *k, const char *cl, size_t n,
			  bool before_consonant)
{
	char c0, c1;
	const char *out;
	while (n >= 2 && glide(cl[0])) {
		cl++;
		n--;
	}
	c0 = cl[0] == 'y' || cl[0] == 'j' ? 'i' : cl[0];
	c1 = 0;
	if (n >= 2 && !(glide(cl[1]) && n >= 3 && cl[2] != 'i'))
		c1 = glide(cl[1]) ? 'i' : cl[1]; /* Szejin = Shein */
	if (c0 == 'e' && c1 == 'e')
		out = "i";
	else if ((c0 == 'e' && (c1 == 'o' || c1 == 'u')) ||
		 (c0 == 'o' && (c1 == 'u' || c1 == 'o')) ||
		 (c0 == 'u' && c1 == 'e') ||
		 (c0 == 'o' && c1 == 'e' && before_consonant))
		out = (n >= 3 && glide(cl[2])) ? "ui" : "u"; /* ouï, eoi */
	else if ((c0 == 'a' || c0 == 'e') && c1 == 'i')
		out = "ai";
	else if (c0 == 'a' && c1 == 'e')
		out = "ai";
	else if ((c0 == 'o' || c0 == 'u') && (c1 == 'i' || c1 == 'e'))
		out = "ui";
	else if (c0 == 'a' || c0 == 'e')
		out = "a";
	else if (c0 == 'i')
		out = "i";
	else
		out = "u";
	while (*out && k->n < sizeof(k->o) - 1)
		k->o[k->n++] = *out++;
}

/* Is w the end of a Slavic adjectival surname after its ck (i, ij, iy,
 * ii, y, yj, yi, a: -cki, -ckij, -cky, -cka)? */
static bool slavic_end(const char *w)
{
	static const char *const e[] = { "i", "ij", "iy", "ii",
					 "y", "yj", "yi", "a" };
	size_t k;
	for (k = 0; k < sizeof(e) / sizeof(e[0]); k++)
		if (strcmp(w, e[k]) == 0)
			return true;
	return false;
}

/* Is w[i] (a j or y that is not at the start) part of a vowel cluster? */
static bool glide_vowel(const char *w, size_t i)
{
	return i > 0 &&
	       (w[i] == 'y' || (w[i] == 'j' && (i > 1 || w[0] != 'd')));
}

/*
 * Consonant spellings of more than one letter starting at w (longest
 * first); `dutch`: the word has a Dutch mark (oe, tsj, zj); `w_word`: it
 * has a w (German, Polish). @return the number of letters taken, 0 if none; *cls = class.
 */
static size_t digraph(const char *w, bool dutch, bool w_word, char *cls)
{
	char a = w[0], b = w[1];
	*cls = 'x';
	switch (a) {
	case 't':
		if (b == 's' && w[2] == 'c' && w[3] == 'h')
			return 4;
		if ((b == 'c' && w[2] == 'h') ||
		    (b == 's' && (w[2] == 'h' || w[2] == 'j')))
			return 3; /* Dutch tsj: Tsjernov */
		*cls = 's';
		if (b == 's' || b == 'z')
			return 2;
		*cls = 't';
		return b == 'h' ? 2 : 0;
	case 'd':
		if (b == 's' && w[2] == 'c' && w[3] == 'h')
			return 4;
		if (b == 'z' && w[2] == 'h')
			return 3;
		if (b == 'j' && w[-1] == '\0')
			return 2; /* French Djamel; medial: Serdjukow */
		*cls = 's';
		if (b == 'z')
			return 2;
		*cls = 't';
		return b == 'h' ? 2 : 0;
	case 's':
		if (b == 'h' && w[2] == 'c' && w[3] == 'h')
			return 4;
		if (b == 'z' && w[2] == 'c' && w[3] == 'z')
			return 4;
		if (b == 'c' && w[2] == 'h')
			return 3;
		/* sj: Dutch for sh (Rasjnikov, Sjevardnadze, Tisjenin),
		 * German and Polish for s + y before a vowel (Sjuganow,
		 * Belosjorow, Afanasjewa, Glasjew; Dutch writes сья the
		 * same: Kasjanov). Before a, o, u it is sh only in a word
		 * with another Dutch mark (oe, tsj, zj: Oesjakov, Sjojgoe);
		 * inside a word before e, unless the word has a German or
		 * Polish w (Glasjew) and no Dutch mark */
		if (b == 'j' && w[2] != '\0') {
			if ((w[2] == 'o' && w[3] == 'e') || dutch)
				return 2;
			if (w[2] == 'a' || w[2] == 'o' || w[2] == 'u')
				return 0;
			return w[2] != 'e' || w[-1] == '\0' || !w_word ? 2 : 0;
		}
		return b == 'h' || b == 'z' ? 2 : 0;
	case 'z':
		return b == 'h' || (b == 'j' && w[2] != '\0') ? 2 : 0; /* zj */
	case 'k':
		return b == 'h' ? 2 : 0;
	case 'c':
		if (b == 'h' || b == 'z')
			return 2;
		*cls = 'k';
		return b == 'k' ? 2 : 0;
	case 'p':
	case 'w':
		*cls = 'v';
		return b == 'h' ? 2 : 0;
	case 'g':
		*cls = 'k';
		if (b == 'h')
			return 2;
		/* Serguei, Miguel: u after g before e/i/y is silent */
		return b == 'u' && (w[2] == 'e' || w[2] == 'i' || w[2] == 'y')
			       ? 2
			       : 0;
	case 'b':
		*cls = 'p';
		return b == 'h' ? 2 : 0;
	case 'r':
		*cls = 'r';
		return b == 'h' ? 2 : 0;
	default:
		return 0;
	}
}

static char single(char c)
{
	switch (c) {
	case 'b':
	case 'p':
		return 'p';
	case 'd':
	case 't':
		return 't';
	case 'g':
	case 'k':
	case 'q':
	case 'c':
		return 'k';
	case 's':
	case 'z':
		return 's';
	case 'f':
	case 'v':
	case 'w':
		return 'v';
	default:
		return c;
	}
}

size_t kd__skeleton(char *dst, size_t cap, const char *tok, size_t len)
{
	char wb[SK_MAX + 4], *w = wb + 1; /* w[-1] == 0 marks the start */
	const char *fv;
	char cls;
	bool dutch, w_word;
	struct sk k;
	size_t n = 0, i = 0, j;

	if (cap == 0)
		return 0;
	wb[0] = '\0';
	for (j = 0; j < len && n < SK_MAX; j++) {
		char c = tok[j];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c | 0x20);
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			w[n++] = c;
	}
	memset(w + n, 0, sizeof(wb) - 1 - n);
	for (j = 0; n <= 4 && j < sizeof(g_whole) / sizeof(g_whole[0]); j++) {
		if (g_whole[j][0][0] == w[0] && strcmp(w, g_whole[j][0]) == 0) {
			n = strlen(g_whole[j][1]);
			memcpy(w, g_whole[j][1], n + 1);
			break;
		}
	}
	if (n >= 5 && w[n - 3] == 'i' && w[n - 2] == 'n' && w[n - 1] == 'e')
		w[--n] = '\0';
	/* Lithuanian nominative endings on foreign names: Putinas, Lavrovas,
	 * Vladimiras, Sergejus, Jurijus (after a consonant or j; the stem
	 * keeps five letters: Thomas is no Tom, Butrus no Butr) */
	if (n >= 7 && (w[n - 2] == 'a' || w[n - 2] == 'u') && w[n - 1] == 's' &&
	    (!vow(w[n - 3]) || w[n - 3] == 'j') && w[n - 3] != 'y' &&
	    w[n - 3] != 'h') {
		n -= 2;
		w[n] = '\0';
	} else if (n >= 6 && w[n - 3] == 'r' && w[n - 2] == 'i' &&
		   w[n - 1] == 's' && vow(w[n - 4])) {
		/* -is after a soft r: Igoris, Lazaris (not Morris) */
		n -= 2;
		w[n] = '\0';
	} else if (n >= 7 && w[n - 3] == 'k' &&
		   (w[n - 4] == 's' || w[n - 4] == 'c') && w[n - 2] == 'i' &&
		   w[n - 1] == 's') {
		/* -skis, -ckis for -sky, -cki: Dostojevskis */
		w[--n] = '\0';
	}
	/* Latvian nominative -s on foreign names: Lavrovs, Ivanovs, Putins,
	 * Vladimirs, Sergejs, Jurijs (after -ov/-ev/-in/-ir or j, the stem
	 * five letters or more: Evans, Myers keep theirs) */
	if (n >= 6 && w[n - 1] == 's' &&
	    (w[n - 2] == 'j' ||
	     ((w[n - 3] == 'o' || w[n - 3] == 'e') && w[n - 2] == 'v') ||
	     (w[n - 3] == 'i' && (w[n - 2] == 'r' || w[n - 2] == 'n'))))
		w[--n] = '\0';
	if (n >= 5 && w[n - 2] == 'e' && w[n - 1] == 'r' && !vow(w[n - 3]) &&
	    w[n - 3] != 'y' && !vow(w[n - 4]) && w[n - 4] != 'y' &&
	    (fv = strpbrk(w, "aeiouy")) != NULL && fv < w + n - 4) {
		/* Alexander = Aleksandr; not after one consonant, where -er
		 * is a vowel (Taher = Tahir, Jaber = Jabir) */
		w[n - 2] = 'r';
		w[--n] = '\0';
	}
	k.n = 0;
	k.first_done = k.after_vowel = false;

	/* Word-initial glides: y/j/i before a vowel. */
	if (n >= 2 && (w[0] == 'y' || w[0] == 'j' || w[0] == 'i') &&
	    (vow(w[1]) || w[1] == 'y')) {
		bool e_not_eo = w[1] == 'e' && w[2] != 'o';
		if (e_not_eo || (w[0] != 'j' && w[1] == 'i')) {
			i = 1; /* ye/je/ie, yi, ii: the glide is silent */
		} else if (w[0] != 'i' || w[1] != 'y') {
			emit(&k, 'x');
			i = 1;
		}
	}

	/* a Dutch mark (oe, tsj, zj) and a w anywhere, as strstr and
	 * strchr found them (w[n] is the first NUL): one pass */
	dutch = w_word = false;
	for (j = 0; j < n; j++) {
		char c = w[j];
		w_word |= c == 'w';
		dutch |= (c == 'o' && w[j + 1] == 'e') ||
			 (c == 'z' && w[j + 1] == 'j') ||
			 (c == 't' && w[j + 1] == 's' && w[j + 2] == 'j');
	}
	while (i < n) {
		char c = w[i];
		if (c >= '0' && c <= '9') {
			if (k.n < sizeof(k.o) - 1)
				k.o[k.n++] = c;
			k.after_vowel = true; /* digits never collapse */
			i++;
			continue;
		}
		if (vow(c) || glide_vowel(w, i) || (c == 'y' && i == 0)) {
			char cl[SK_MAX];
			size_t m = 0;
			cl[m++] = c;
			i++;
			while (i < n && (vow(w[i]) || glide_vowel(w, i))) {
				cl[m++] = w[i];
				i++;
			}
			if (!k.first_done) {
				/* before a consonant, Dutch oe is u
				 * (Oesjakov, Joeri, Zjoekov) and German oe
				 * o-umlaut (Joerg); ending the token it is
				 * a diphthong (Choe = Choi) */
				first_cluster(&k, cl, m, i < n);
				k.first_done = true;
			} else if (k.n < sizeof(k.o) - 1) {
				k.o[k.n++] = 'e';
			}
			k.after_vowel = true;
			continue;
		}
		if (c == 'c' && w[i + 1] == 'k' && n >= 6 &&
		    slavic_end(w + i + 2)) {
			/* Polish and Czech c is ts: -cki, -ckij, -cka are
			 * Russian -tskiy, -tskaya (Tickij = Titskiy, Wysocki =
			 * Vysotsky) */
			emit(&k, 's');
			emit(&k, 'k');
			i += 2;
			continue;
		}
		if ((j = digraph(w + i, dutch, w_word, &cls)) > 0) {
			emit(&k, cls);
			i += j;
			continue;
		}
		if (c == 'c' && i + 1 == n && n >= 5 && w[i - 1] == 'i') {
			emit(&k, 'x'); /* South Slavic -ić: Milosevic(h) */
		} else if (c == 'c') {
			char d = w[i + 1];
			emit(&k, d == 'e' || d == 'i' || d == 'y' ? 's' : 'k');
		} else if (c == 'x' || c == 'j' || c == 'y') {
			if (i == 0) {
				emit(&k, 'x');
			} else { /* x after the start (j, y are vowels there) */
				emit(&k, 'k');
				emit(&k, 's');
			}
		} else if (c == 'h') {
			if (i == 0 ||
			    (vow(w[i - 1]) && i + 1 < n && w[i + 1] != 'n'))
				emit(&k, 'x');
		} else {
			emit(&k, single(c));
		}
		i++;
	}
	k.o[k.n] = '\0';
	n = k.n < cap - 1 ? k.n : cap - 1;
	memcpy(dst, k.o, n);
	dst[n] = '\0';
	return n;
}
