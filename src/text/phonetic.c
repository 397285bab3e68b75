/*
 * phonetic.c - a consonant key for names read from another script.
 *
 * How a Korean, Japanese or Hebrew newspaper writes a Western or Russian
 * name, read back to Latin (Hangul 워싱턴 "wosingteon", Katakana ワシントン
 * "washinton", Hebrew וושינגטון "wwsyngtwn"), keeps the consonant frame
 * of the name and changes the rest: vowels are added (epenthetic
 * "-eu", "-u"), dropped (Hebrew writes few) or changed; r and l are one
 * sound in Korean and Japanese; v, b, f and p fall together; sh, ch, ts,
 * z and j are written alike; "ng" loses its g. The skeleton (skeleton.c)
 * is too fine for that, so names whose reading is uncertain (a token of
 * a variant romanised from a non-Latin script, KD_TF_READ) are compared
 * also by this coarser key:
 *
 *   class  letters                          examples
 *   P      p b f v ph bh, w at the start    Vladimir/beulladimireu
 *          of a token or doubled (Hebrew ww)
 *   K      k g q c(hard) ck kh x            Kallis/qlys
 *   S      s z sh zh j c(e i y)             Washington/wosingteon
 *   T      t d th dh, affricates ch cz ts   Putin/puchin (Japanese chi
 *          tz (t/ch/ts written alike)       and tsu for ti and tu)
 *   R      r l                              Lavrov/rabeurobeu
 *   N      n m ng                           Hamilton/hmyltwn
 *   -      vowels, y, h, w elsewhere        dropped
 *
 * Repeated classes collapse. Only Latin-vs-reading comparisons use it
 * (compare.c), so Latin spellings of different names that share a frame
 * (Peter/Butler) are not brought together.
 */
#include "text/respell.h"
#include "text/text.h"

#include <pthread.h>
#include <string.h>

static int vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ||
	       c == 'y';
}

size_t kd__phonetic(char *dst, size_t cap, const char *s, size_t len)
{
	size_t i = 0, n = 0;
	char last = 0;
	if (cap == 0)
		return 0;
	while (i < len) {
		char c = s[i], nx = i + 1 < len ? s[i + 1] : 0, k = 0;
		size_t adv = 1;
		switch (c) {
		case 'p':
		case 'b':
		case 'f':
		case 'v':
			k = 'P';
			if (nx == 'h')
				adv = 2;
			break;
		case 'w':
			if (i == 0 || nx == 'w') {
				k = 'P';
				adv = nx == 'w' ? 2 : 1;
			}
			break;
		case 'k':
		case 'g':
		case 'q':
			k = 'K';
			if (nx == 'h')
				adv = 2;
			break;
		case 'x':
			k = 'K';
			break;
		case 'c':
			if (nx == 'h' || nx == 'z') {
				k = 'T'; /* ch, cz: an affricate, t/ch/ts */
				adv = 2;
			} else if (nx == 'k') {
				k = 'K';
				adv = 2;
			} else if (nx == 'e' || nx == 'i' || nx == 'y') {
				k = 'S';
			} else {
				k = 'K';
			}
			break;
		case 's':
		case 'z':
		case 'j':
			k = 'S';
			if (nx == 'h')
				adv = 2;
			break;
		case 't':
		case 'd':
			if (nx == 's' || nx == 'z') {
				k = 'T'; /* ts, tz: Japanese tsu for tu */
				adv = 2;
			} else {
				k = 'T';
				if (nx == 'h')
					adv = 2;
			}
			break;
		case 'r':
		case 'l':
			k = 'R';
			break;
		case 'n':
		case 'm':
			k = 'N';
			if (c == 'n' && nx == 'g' &&
			    (i + 2 >= len || !vowel(s[i + 2])))
				adv = 2; /* final/pre-consonant ng: one nasal */
			break;
		default: /* vowels, y, h, digits */
			break;
		}
		i += adv;
		if (k == 0 || k == last)
			continue;
		if (n + 1 >= cap)
			break;
		dst[n++] = k;
		last = k;
	}
	dst[n] = '\0';
	return n;
}

/*
 * Sound alignment: a graded comparison of a Latin name with a reading
 * from another script. The consonant key above is all-or-nothing and
 * loses what the reading keeps (sh/s, p/f, where the vowels are). Here
 * each token becomes a string of sounds,
 *
 *   a  any vowel (and y or w between consonants: Hebrew yod, vav)
 *   y w h  glides: y or w before a vowel or at the start; h (a final h
 *          is a vowel: Hebrew he)
 *   p  b  f (f ph)  v (v, Hebrew ww)  k (k q c ck)  g  x (kh, gh
 *          after a consonant)  G (gh after a vowel: silent in English)
 *   s  z  S (sh sch zh sz)  c (ch tch ts tz cz)  j (j dj dzh; a
 *          reading's dz: Russian дз)  t  T (th)  d (d dh)
 *   r (r l)  R (r after a vowel, before a consonant or the end: English
 *          does not pronounce it, Korean and Japanese do not write it)
 *   m  n (n, ng before a consonant or at the end)
 *   E  a final e after a consonant (silent in English and French)
 *   J  a Latin g before e, i, y (soft or hard: George, Gerhard)
 *   (nothing) the k, g, p of an initial kn, gn, ps
 *
 * (vowels collapse, a repeated consonant costs 0.15 to drop), and the
 * two strings are aligned by a weighted edit distance whose costs are
 * learnt from data (below: what transcriptions do to a name, e.g. a
 * vowel added by Korean or dropped by Hebrew, a silent r, v written b).
 * Costs are directed: the first string is the Latin spelling, the second
 * the reading. The similarity is 1 - cost / consonants of the longer
 * side, so it says how much of
 * the consonant frame survives.
 */
static int is_vow(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* a vowel of the sound strings: 'a', and a Hangul reading's U and O */
static int vowel_sound(char c)
{
	return c == 'a' || c == 'U' || c == 'O';
}

static int glide(char c)
{
	return c == 'y' || c == 'w' || c == 'h';
}

/* hangul: s is the reading of a Hangul word (Revised Romanization,
 * syllables joined: hangul.c), whose vowels say more than a Latin
 * spelling's: "eu" (ㅡ) is the vowel Korean adds to a consonant that
 * closes no syllable (Holmes 홈스 "homseu", Rodriguez 호드리게스) and is
 * its own sound U; "eo" (ㅓ) is how Korean writes English -er, -ur
 * (Meyer 마이어 "maieo", Stewart 스튜어트) and is its own sound O; and no
 * e is silent. The costs of U and O are learnt like the others (table
 * 'w' below). */
/* Modes of sounds(): a Latin spelling, the reading of a Hangul word, a
 * reading from another script. In a reading without vowel letters
 * (Hebrew) a w at the start comes from א + ו, the vowel o or u (אורי
 * "wry" Uri, אוטו "wtw" Otto), since a word-initial ו alone reads v
 * (hebrew.c). (A reading's final e stays the sound E: spoken as a vowel
 * there, but the fitted costs already price E against a, and reading it
 * as a made Ghimire meet Ghamari.) */
enum { S_LATIN, S_HANGUL, S_READING, S_KANA_BARE };

/* s[i] is a vowel Japanese adds to a consonant that closes no syllable
 * (token_sim.c kana_epenthesis): u after a consonant but the moraic n or
 * a y glide, o after t or d; only a final one is dropped (table 'e': a
 * medial u is as often the name's own, Blood ブレード "bureedo") */
static int epenthetic(const char *s, size_t i)
{
	char p = i > 0 ? s[i - 1] : 0;
	return i > 0 && ((s[i] == 'u' && strchr("aeiouny", p) == NULL) ||
			 (s[i] == 'o' && (p == 't' || p == 'd')));
}

/* the longest consonant frame compared without its added vowels (table
 * 'e'): the fixed price of an added vowel (0.2) sinks a frame of two or
 * three; in longer ones it is a small part, and dropping it there only
 * lifts near names (Vatroslav ~ Vitezslav); with a consonant more on
 * one side it would lift Stroud ~ Steed */
#define KANA_BARE_FRAME_MAX 4

static size_t sounds(char *dst, size_t cap, const char *s, size_t len, int mode)
{
	int hangul = mode == S_HANGUL;
	size_t i = 0, n = 0;
	if (cap == 0)
		return 0;
	/* a reading without vowel letters (Hebrew: klynn) writes a doubled
	 * letter for two sounds; elsewhere a doubled letter is one (Allan) */
	int consonantal = 1;
	for (i = 0; i + 1 < len; i++)
		if (is_vow(s[i]))
			consonantal = 0;
	i = 0;
	while (i < len) {
		char c = s[i], nx = i + 1 < len ? s[i + 1] : 0;
		char nx2 = i + 2 < len ? s[i + 2] : 0, k[2] = { 0, 0 };
		size_t adv = 1, j;
		if (!consonantal && i > 0 && c == s[i - 1] && !is_vow(c)) {
			i++;
			continue;
		}
		/* a Kana reading without its added final vowel; the
		 * letter before still sees it (an r there stays r) */
		if (mode == S_KANA_BARE && i + 1 == len && epenthetic(s, i)) {
			i++;
			continue;
		}
		/* English kn, gn, ps at the start: the first is silent
		 * (Knight: 나이트, Gnome) */
		if (i == 0 && !consonantal &&
		    (((c == 'k' || c == 'g') && nx == 'n') ||
		     (c == 'p' && nx == 's'))) {
			i++;
			continue;
		}
		/* English onsets of a Latin spelling: wr is r (Wren: 레인,
		 * 雷恩 leien), wh is w (White) but h before o (Who, Whorf:
		 * 후), chr and chl are kr and kl (Chrysler: 克萊斯勒) */
		if (i == 0 && mode == S_LATIN && c == 'w' &&
		    (nx == 'r' || (nx == 'h' && nx2 == 'o'))) {
			i++;
			continue;
		}
		if (i == 0 && mode == S_LATIN && c == 'w' && nx == 'h') {
			k[0] = 'w';
			adv = 2;
			goto put;
		}
		if (i == 0 && mode == S_LATIN && c == 'c' && nx == 'h' &&
		    (nx2 == 'r' || nx2 == 'l')) {
			k[0] = 'k';
			adv = 2;
			goto put;
		}
		if (hangul && c == 'e' && nx == 'u') {
			k[0] = 'U';
			adv = 2;
			goto put;
		}
		switch (c) {
		case 'e':
			/* a final e after a consonant: silent in English and
			 * French (Sale, Rose), spoken elsewhere; its own sound,
			 * so the fitted costs say what readings do with it */
			if (mode != S_HANGUL && i > 0 && !is_vow(s[i - 1]) &&
			    s[i - 1] != 'y' && s[i - 1] != 'h' &&
			    (i + 1 == len || (i + 2 == len && nx == 's' &&
					      i > 1 && is_vow(s[i - 2])))) {
				/* and the e of a final -es after one
				 * consonant: James, Jones (제임스) */
				k[0] = 'E';
				break;
			}
			k[0] = 'a';
			break;
		case 'a':
		case 'i':
		case 'o':
		case 'u':
			k[0] = 'a';
			break;
		case 'y':
			k[0] = i == 0 || is_vow(nx) ? 'y' : 'a';
			break;
		case 'w':
			if (nx == 'w') {
				k[0] = 'v';
				adv = 2;
			} else if (i == 0 && mode == S_READING && consonantal) {
				k[0] = 'a';
			} else {
				k[0] = i == 0 || is_vow(nx) ? 'w' : 'a';
			}
			break;
		case 'h':
			/* final: part of the vowel (Sarah; Hebrew final he) */
			k[0] = i > 0 && i + 1 == len ? 'a' : 'h';
			break;
		case 'p':
			k[0] = nx == 'h' ? 'f' : 'p';
			adv = nx == 'h' ? 2 : 1;
			break;
		case 'b':
			k[0] = 'b';
			break;
		case 'f':
			k[0] = 'f';
			break;
		case 'v':
			k[0] = 'v';
			break;
		case 'k':
		case 'g':
			/* gh after a vowel: silent in English (Knight,
			 * Vaughan), kh elsewhere: G, fitted like E */
			k[0] = nx != 'h'                               ? c
			       : c == 'g' && i > 0 && is_vow(s[i - 1]) ? 'G'
								       : 'x';
			adv = nx == 'h' ? 2 : 1;
			/* a Latin g before e, i, y: soft in English, French,
			 * Italian (George, ג'ורג' "jwrj", ジョージ), hard in
			 * German: its own sound J, the fit says how readings
			 * write it */
			if (c == 'g' && mode == S_LATIN &&
			    (nx == 'e' || nx == 'i' || nx == 'y'))
				k[0] = 'J';
			break;
		case 'q':
			k[0] = 'k';
			break;
		case 'x':
			k[0] = 'k';
			k[1] = 's';
			break;
		case 'c':
			if (nx == 'h' || nx == 'z') {
				k[0] = 'c';
				adv = 2;
			} else if (nx == 'k') {
				k[0] = 'k';
				adv = 2;
			} else {
				k[0] = nx == 'e' || nx == 'i' || nx == 'y'
					       ? 's'
					       : 'k';
			}
			break;
		case 's':
			if (nx == 'c' && nx2 == 'h') {
				k[0] = 'S';
				adv = 3;
			} else if (nx == 'h' || nx == 'z') {
				k[0] = 'S';
				adv = 2;
			} else if (i > 0 && is_vow(s[i - 1]) && is_vow(nx)) {
				k[0] = 'z'; /* between vowels: Rose, Jose */
			} else {
				k[0] = 's';
			}
			break;
		case 'z':
			k[0] = nx == 'h' ? 'S' : 'z';
			adv = nx == 'h' ? 2 : 1;
			break;
		case 'j':
			/* Vasilij, Sergej: after a vowel and not before one,
			 * j is the glide of a diphthong */
			k[0] = i > 0 && is_vow(s[i - 1]) && !is_vow(nx) &&
					       nx != 'j'
				       ? 'a'
				       : 'j'; /* not jj: ッジ, Ruggieri ルッジェーリ */
			break;
		case 't':
			if (nx == 's' || nx == 'z') {
				k[0] = 'c';
				adv = 2;
			} else if (nx == 't' && nx2 == 'h') {
				k[0] = 'T'; /* Matthew */
				adv = 3;
			} else if (nx == 'c' && nx2 == 'h') {
				k[0] = 'c';
				adv = 3;
			} else {
				/* th: English th, written s in Hangul and
				 * Kana (Matthew, Chenoweth), t elsewhere */
				k[0] = nx == 'h' ? 'T' : 't';
				adv = nx == 'h' ? 2 : 1;
			}
			break;
		case 'd':
			if (nx == 'j' || (nx == 'z' && nx2 == 'h')) {
				k[0] = 'j';
				adv = nx == 'j' ? 2 : 3;
			} else if (nx == 'z' && mode == S_READING &&
				   !consonantal) {
				/* Russian дз (Polivanov) writes the Japanese
				 * voiced sibilant, Hepburn z or j (Yujiro
				 * юдзиро, Shizuki сидзуки): one sound, the
				 * affricate j, as Korean ㅈ writes it */
				k[0] = 'j';
				adv = 2;
			} else {
				k[0] = 'd';
				adv = nx == 'h' ? 2 : 1;
			}
			break;
		case 'r':
			if (nx == 'r') {
				adv = 2;
				nx = nx2;
			}
			/* after a vowel and before a consonant or the end,
			 * English r is not pronounced (Driver: 드라이버
			 * deuraibeo, Barr: 바): it may go */
			k[0] = i > 0 && is_vow(s[i - 1]) && !is_vow(nx) &&
					       nx != 'y' && nx != 'w' &&
					       nx != 'h'
				       ? 'R'
				       : 'r';
			break;
		case 'l':
			k[0] = 'r';
			break;
		case 'm':
			k[0] = 'm';
			break;
		case 'n':
			k[0] = 'n';
			if (nx == 'g' && (i + 2 >= len || !is_vow(nx2)))
				adv = 2;
			break;
		default:
			break;
		}
	put:
		i += adv;
		for (j = 0; j < 2 && k[j]; j++) {
			/* vowels collapse; a repeated consonant stays: it may
			 * be two sounds (Hebrew קאלינן klynn: Cullinan), and
			 * the alignment drops a repeat cheaply (ll, nn) */
			if (n > 0 && dst[n - 1] == k[j] &&
			    (vowel_sound(k[j]) || glide(k[j])))
				continue;
			if (n + 1 >= cap)
				goto out;
			dst[n++] = k[j];
		}
	}
out:
	dst[n] = '\0';
	return n;
}

size_t kd__sounds(char *dst, size_t cap, const char *s, size_t len)
{
	return sounds(dst, cap, s, len, S_LATIN);
}

size_t kd__sounds_hangul(char *dst, size_t cap, const char *s, size_t len)
{
	return sounds(dst, cap, s, len, S_HANGUL);
}

size_t kd__sounds_reading(char *dst, size_t cap, const char *s, size_t len)
{
	return sounds(dst, cap, s, len, S_READING);
}

/*
 * The costs of the alignment are learnt, not set by hand:
 * bench/fit/fit_sounds.py fits a stochastic edit transducer (EM) on
 * Wikidata's Latin tokens and their Hangul, Katakana and Hebrew forms
 * (the tuned part), and writes data/weights/sound_costs.txt, which the
 * build turns into sound_costs.inc: { table, latin sound, reading sound,
 * cost }, '-' for nothing. Table 'c' is for readings written without
 * vowel letters (Hebrew: vowels are dropped, not changed), 'k' for
 * Hangul and 'j' for Kana (vowels are added; Korean writes f as p,
 * Japanese keeps it): a reading with vowels takes the better of these
 * two. An edit the data never make costs 1, identity 0.
 */
static const struct {
	char t, x, y;
	float c;
} g_learnt[] = {
#include "sound_costs.inc"
};

static float g_cost[6][128][128]; /* [table: c k j a h w][latin][reading] */
static pthread_once_t g_cost_once = PTHREAD_ONCE_INIT;
static int g_have_w; /* table 'w' fitted: Hangul words use it */

static void build_costs(void)
{
	size_t i, j, t;
	for (t = 0; t < 6; t++)
		for (i = 0; i < 128; i++)
			for (j = 0; j < 128; j++)
				g_cost[t][i][j] = i == j ? 0.0f : 1.0f;
	for (i = 0; i < sizeof(g_learnt) / sizeof(g_learnt[0]); i++)
		g_cost[g_learnt[i].t == 'c'   ? 0
		       : g_learnt[i].t == 'k' ? 1
		       : g_learnt[i].t == 'a' ? 3
		       : g_learnt[i].t == 'h' ? 4
		       : g_learnt[i].t == 'w' ? 5
					      : 2]
		      [(unsigned char)g_learnt[i].x & 127]
		      [(unsigned char)g_learnt[i].y & 127] = g_learnt[i].c;
	for (i = 0; i < sizeof(g_learnt) / sizeof(g_learnt[0]); i++)
		g_have_w |= g_learnt[i].t == 'w';
	/* Cyrillic and Greek have no h: a foreign h is written х, χ (kh:
	 * Hillier хиллер, Hyodo хёдо). The Hangul and Kana fits never see
	 * it (both scripts have an h), so the readings with vowels that
	 * take those tables borrow the price the Hebrew fit learnt for
	 * the same spelling (ח kh for h) */
	for (t = 1; t <= 2; t++)
		if (g_cost[t]['h']['x'] > g_cost[0]['h']['x'])
			g_cost[t]['h']['x'] = g_cost[0]['h']['x'];
}

/* A reading without vowel letters (but a last one: Hebrew final he). */
static int consonantal(const char *s, size_t len)
{
	size_t i;
	for (i = 0; i + 1 < len; i++)
		if (is_vow(s[i]))
			return 0;
	return 1;
}

/* Cost of the Latin sound a written as the reading's sound b ('-':
 * dropped, or b inserted) in table t. */
static double sound_sub(const float (*t)[128], char a, char b)
{
	return t[(unsigned char)a & 127][(unsigned char)b & 127];
}

/* s[i] repeats the sound before it (nn, ll, and the r/R of "rl") */
static int repeat(const char *s, size_t i)
{
	char a, b;
	if (i == 0)
		return 0;
	a = s[i - 1] == 'R' ? 'r' : s[i - 1];
	b = s[i] == 'R' ? 'r' : s[i];
	return a == b && !vowel_sound(b);
}

static size_t consonants(const char *s, size_t n)
{
	size_t i, c = 0;
	for (i = 0; i < n; i++)
		c += !vowel_sound(s[i]) && s[i] != 'E' && !glide(s[i]) &&
		     !(i > 0 && s[i] == s[i - 1]);
	return c;
}

/* Cost of dropping s[i] of the Latin side (latin) or of the reading:
 * a repeat (nn, ll) goes for 0.15 */
static double drop(const float (*t)[128], const char *s, size_t i, int latin)
{
	if (repeat(s, i))
		return 0.15;
	return latin ? sound_sub(t, s[i], '-') : sound_sub(t, '-', s[i]);
}

/* k/g, t/d, p/b, s/z: one sound voiced and not (Korean writes the
 * initial k and t of a Japanese name g and d: Kataoka, 가타오카) */
static int voicing(char a, char b)
{
	static const char *const pairs[] = { "kg", "td", "pb", "sz" };
	size_t i;
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if ((a == pairs[i][0] && b == pairs[i][1]) ||
		    (a == pairs[i][1] && b == pairs[i][0]))
			return 1;
	return 0;
}

/* Hangul writes the voiceless initial of a Japanese or Chinese name with
 * the plain (lenis) consonant, which romanises voiced: Toda 도다 "doda",
 * Kazuo 가즈오 "gajeuo", Tanaka 다나카. The learnt table prices k/g, t/d
 * wherever they stand (inside a word they are different sounds); at the
 * start of a Hangul reading (kd__sound_sim_in with table 'k'; not Kana or Indic
 * readings, which write voicing) the pair is one letter: */
#define LENIS_INITIAL 0.05

/* The aligned cost of sounds x (Latin) and y (the reading) in table t,
 * or -1 when their first sounds are too far apart: a reading keeps how
 * a name starts (Ratana is not Holding), unless one starts with a vowel
 * (Hebrew does not write an initial vowel: Allan, אלן "ln") */
static double align(const float (*t)[128], const char *x, size_t n,
		    const char *y, size_t m, int lenis)
{
	double d[48][48];
	size_t i, j;
	if (n > 0 && m > 0 && !vowel_sound(x[0]) && !vowel_sound(y[0]) &&
	    sound_sub(t, x[0], y[0]) > 0.5 && !voicing(x[0], y[0]))
		return -1;
	d[0][0] = 0;
	for (i = 1; i <= n; i++)
		d[i][0] = d[i - 1][0] + drop(t, x, i - 1, 1);
	for (j = 1; j <= m; j++)
		d[0][j] = d[0][j - 1] + drop(t, y, j - 1, 0);
	for (i = 1; i <= n; i++)
		for (j = 1; j <= m; j++) {
			double v = d[i - 1][j - 1] +
				   (i == 1 && j == 1 && lenis &&
						    voicing(x[0], y[0])
					    ? LENIS_INITIAL
					    : sound_sub(t, x[i - 1], y[j - 1]));
			double del = d[i - 1][j] + drop(t, x, i - 1, 1);
			double ins = d[i][j - 1] + drop(t, y, j - 1, 0);
			d[i][j] = v < del ? (v < ins ? v : ins)
					  : (del < ins ? del : ins);
		}
	return d[n][m];
}

/* kd__sounds() of the Latin word a, into x[48]: the last word's sounds
 * are kept per thread. A comparison asks for one query word against many
 * listed readings in a row (compare.c): most calls repeat the last. */
static size_t latin_sounds(char x[48], const char *a, size_t alen)
{
	static _Thread_local struct {
		size_t len, n;
		char s[40];
		char x[48];
	} last;
	if (alen > 0 && alen == last.len && memcmp(a, last.s, alen) == 0) {
		memcpy(x, last.x, sizeof(last.x));
		return last.n;
	}
	last.n = kd__sounds(x, 48, a, alen);
	last.len = 0;
	if (alen <= sizeof(last.s)) {
		memcpy(last.s, a, alen);
		memcpy(last.x, x, sizeof(last.x));
		last.len = alen;
	}
	return last.n;
}

/* The aligned cost of Latin sounds x against the reading b (sounds y, and
 * y2: b's common sounds when y are a Hangul word's own) in the table the
 * caller chose (see kd__sound_sim_in), or -1 when they start too far
 * apart. */
static double reading_cost(char table, int w, const char *x, size_t n,
			   const char *b, size_t blen, const char *y, size_t m,
			   const char *y2, size_t m2)
{
	double c, c2;
	if (table == 'a' || table == 'h')
		return align(g_cost[table == 'a' ? 3 : 4], x, n, y, m, 0);
	if (w) {
		/* the better of the two Hangul tables: 'w' on the word's own
		 * sounds (an added ㅡ is nearly free, a changed vowel is not)
		 * and 'k' on the common sounds (every vowel alike) */
		c = align(g_cost[5], x, n, y, m, 1);
		c2 = align(g_cost[1], x, n, y2, m2, 1);
		return c < 0 || (c2 >= 0 && c2 < c) ? c2 : c;
	}
	if (consonantal(b, blen))
		return align(g_cost[0], x, n, y, m, 0);
	/* Hangul or Kana: the better of the two; a reading of Hangul words
	 * ('k') has the lenis initial of Hangul */
	c = align(g_cost[1], x, n, y, m, table == 'k');
	c2 = align(g_cost[2], x, n, y, m, 0);
	return c < 0 || (c2 >= 0 && c2 < c) ? c2 : c;
}

/* Table 'e' (a Kana reading less its added final vowel) compares only
 * frames of as many consonants on each side, at most
 * KANA_BARE_FRAME_MAX: is this pair of counts outside that? */
static int bare_frame_differs(char table, size_t cx, size_t cy)
{
	return table == 'e' && (cx != cy || cx > KANA_BARE_FRAME_MAX);
}

double kd__sound_sim_in(char table, const char *a, size_t alen, const char *b,
			size_t blen, size_t *frame)
{
	char x[48], y[48], y2[48] = "", prev[KD_RESPELL_CAP];
	size_t n, m, m2 = 0, cx, cy, den, prevl = 0;
	int w, how;
	double c, best;
	pthread_once(&g_cost_once, build_costs);
	/* a reading of Hangul words: its own sounds and table 'w' */
	w = table == 'k' && g_have_w;
	n = latin_sounds(x, a, alen);
	m = w              ? kd__sounds_hangul(y, sizeof(y), b, blen)
	    : table == 'e' ? sounds(y, sizeof(y), b, blen, S_KANA_BARE)
			   : kd__sounds_reading(y, sizeof(y), b, blen);
	if (w)
		m2 = kd__sounds_reading(y2, sizeof(y2), b, blen);
	cx = consonants(x, n);
	cy = consonants(y, m);
	den = cx > cy ? cx : cy;
	*frame = cx < cy ? cx : cy;
	if (den == 0)
		return 0;
	best = 0;
	if (!bare_frame_differs(table, cx, cy)) {
		c = reading_cost(table, w, x, n, b, blen, y, m, y2, m2);
		best = c < 0 ? 0 : 1.0 - c / (double)den;
	}
	/* the name read in its own language (respell); the frame stays the
	 * written word's, the denominator is the longer of the respelled
	 * word's consonants and the reading's */
	/* only for a word that is no name of another naming culture
	 * (kd__name_culture): Chang, Chen are pinyin, Jalil, Javad, Rashid
	 * Arabic and Persian; their letters are not a European language's
	 * (Chang is not Khang, Jalil not Halil) */
	if ((table != 0 && table != 'k' && table != 'e') ||
	    consonantal(b, blen) ||
	    (kd__name_culture(a, alen) & ~KD_CULTURE_WEST))
		return best;
	for (how = 0; how < KD_RESPELL_N; how++) {
		char r[KD_RESPELL_CAP], xr[48];
		size_t rl = kd__respell(r, how, table == 'k', a, alen), nr, dr;
		double s;
		/* the rules every group shares (wh, a final ts against
		 * Hangul) alone give each group the same spelling: compare
		 * it once */
		if (rl == 0 || (rl == prevl && memcmp(r, prev, rl) == 0))
			continue;
		memcpy(prev, r, rl);
		prevl = rl;
		nr = kd__sounds(xr, sizeof(xr), r, rl);
		dr = consonants(xr, nr);
		if (bare_frame_differs(table, dr, cy))
			continue;
		dr = dr > cy ? dr : cy;
		c = reading_cost(table, w, xr, nr, b, blen, y, m, y2, m2);
		s = c < 0 || dr == 0 ? 0 : 1.0 - c / (double)dr;
		if (s > best)
			best = s;
	}
	return best;
}

double kd__sound_sim(const char *a, size_t alen, const char *b, size_t blen,
		     size_t *frame)
{
	return kd__sound_sim_in(0, a, alen, b, blen, frame);
}
