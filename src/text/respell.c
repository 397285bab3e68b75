/*
 * respell.c - a Latin name read as its own language reads it.
 *
 * phonetic.c compares a Latin word by the sounds its letters have in
 * English with a reading from Kana, Hangul or Cyrillic. Some letters
 * sound otherwise in the name's own language, and the other script
 * writes that sound. Each respelling below is one language group's
 * reading of the whole word, which phonetic.c compares as a second Latin
 * side (the better similarity counts); a word without such letters has
 * none:
 *
 *   Germanic, Slavic, Greek (KD_RESPELL_CENTRAL)
 *     ch (not sch, tch) kh   German, Dutch, Czech, Greek: Wallach ワラック,
 *                            Michiel ミヒール, Chalkokondyles халкокондил,
 *                            Childeric 힐데리히
 *     j at the start y       German, Dutch, Nordic, Slavic: Joop ヨープ,
 *                            Jurowski ユロフスキ
 *     ty, tj before a vowel  a palatal t written as the affricate: Tyurin
 *     ch                     チューリン
 *     kn, gn at the start    the k, g spoken (Gnesina グネーシン; English
 *     kun, gun               Knight drops it, the English sounds do)
 *     h after a vowel and    German lengthening h, silent: Uhlig ウーリヒ,
 *     before l m n r         Röhm, Ehrlich, Mahler (Finnish h before k
 *                            is spoken: Pihkala; final h is Arabic's
 *                            too: Saleh)
 *     final -ig  ikh         German -ig, [ɪç]: Uhlig ウーリヒ, Ludwig
 *                            ルートヴィヒ (not after a vowel: Craig)
 *     d before a consonant   German and Dutch final devoicing: Schild
 *     (not r l j), final     シルト, Arnold アルノルト, Ludwig ルートヴィヒ;
 *     after l n  t           not after r (French -ard is silent:
 *                            Couillard クイヤール) or a vowel (Arabic
 *                            Khaled, Rashed keep their d)
 *     w  v (CENTRAL_W)       German, Polish: Wieland ヴィーラント,
 *                            Zewlakow 제브와코프
 *   Italian (KD_RESPELL_ITALIAN), a word ending in a vowel
 *     c, g before i + vowel  the i only marks the affricate: Ciampi
 *     ch, j                  シャンピ, Ruggieri ルッジェーリ; cci, ggi
 *                            alike (Bracci браччи)
 *     ch, gh before e i      Achillini акиллини, Ghiglia гилья
 *     k, g
 *     gli  ly, gn  ny        Ghiglia гилья, Mascagni
 *     sc before e i  sh      Scelba
 *   Iberian (KD_RESPELL_IBERIAN)
 *     j, g before e i  h     Spanish: Gerardus ヘラルドゥス, Jorge ホルヘ
 *                            (j: not in a word of open syllables, a
 *                            Japanese name's Hepburn j: Koji)
 *     x  sh                  Basque, Catalan, Portuguese, old Spanish:
 *                            Xabier シャビエル
 *     r at the start  h      Brazilian Portuguese, as Hangul writes it
 *                            (Renan 헤낭, Ronaldo 호나우두; Kana keeps r:
 *                            ロナウド)
 *     ll  j                  Spanish: Tello テージョ
 *   Japanese in Hangul (KD_RESPELL_HEPBURN): a word of open syllables
 *   (Hepburn's romanisation) against Hangul, as the Korean standard for
 *   Japanese writes it
 *     a doubled consonant    the first is ㅅ (sokuon ッ): Bessho 벳쇼
 *     (not n, m)  t          "betsyo", Hotta 홋타, Hokkaido 홋카이도
 *     shi si, sh+vowel sy    シ 시, ショ 쇼: Bessho 벳쇼
 *     tsu  chu               ツ 츠: Tsutomu 츠토무
 *     fu  hu                 フ 후: Fujita 후지타
 *   every group:
 *     wh at the start  hw    as Hangul and Kana write it (Whitehead
 *                            화이트헤드, ホワイトヘッド)
 *     final ts, tz  ch       Korean writes [ts] with ㅊ (츠): Pitts 피츠,
 *     (Hangul only)          Roberts 로버츠, Moritz 모리츠
 */
#include "text/respell.h"

#include <string.h>

static int is_vow(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* Is the Latin word made of open syllables only (every consonant letter
 * but n before a vowel, h after s, c or a consonant before it)? Hepburn's
 * romanisation of a Japanese name is (Koji, Fujita): its j is the
 * affricate, never the Spanish h. */
static int open_syllables(const char *a, size_t alen)
{
	size_t i;
	for (i = 0; i < alen; i++) {
		char c = a[i], nx = i + 1 < alen ? a[i + 1] : 0;
		if (is_vow(c) || c == 'n' || c == 'y' || c == 'h')
			continue;
		if (!is_vow(nx) && nx != 'h' && nx != 'y' && nx != c &&
		    !(c == 't' && nx == 's'))
			return 0;
	}
	return 1;
}

/* The letters at a[*i] as a German, Dutch, Slavic or Greek name says
 * them, or NULL (the letter as written); *i is left on the last letter
 * taken. */
static const char *central(const char *a, size_t alen, size_t *i, int with_w)
{
	size_t k = *i;
	char c = a[k], nx = k + 1 < alen ? a[k + 1] : 0;
	char pv = k > 0 ? a[k - 1] : 0;
	if (c == 'c' && nx == 'h' && pv != 's' && pv != 't' &&
	    !(k == 0 && k + 2 < alen && (a[2] == 'r' || a[2] == 'l'))) {
		*i = k + 1;
		return "kh";
	}
	if (c == 'j' && k == 0)
		return "y";
	if (c == 't' && (nx == 'y' || nx == 'j') && k + 2 < alen &&
	    is_vow(a[k + 2])) {
		*i = k + 1;
		return "ch";
	}
	if (k == 0 && (c == 'k' || c == 'g') && nx == 'n')
		return c == 'k' ? "ku" : "gu";
	if (c == 'h' && k > 0 && is_vow(pv) && nx != 0 &&
	    strchr("lmnr", nx) != NULL)
		return ""; /* Uhlig, Röhm; not Finnish Pihkala, Saleh */
	if (c == 'i' && nx == 'g' && k + 2 == alen && k > 0 && !is_vow(pv)) {
		*i = k + 1;
		return "ikh"; /* Uhlig, Ludwig; not Craig */
	}
	if (c == 'd' && k > 0 &&
	    (k + 1 == alen ? pv == 'l' || pv == 'n'
			   : !is_vow(nx) && strchr("rljy", nx) == NULL))
		return "t"; /* Schild, Arnold, Ludwig; not -ard, -ed */
	if (c == 'w' && nx != 'w' && with_w)
		return "v";
	return NULL;
}

/* The same for an Italian name */
static const char *italian(const char *a, size_t alen, size_t *i)
{
	size_t k = *i, last;
	char c = a[k], nx = k + 1 < alen ? a[k + 1] : 0;
	if (c == 'c' || c == 'g') {
		/* c, g, cc or gg before i: the affricate; the i is only
		 * its mark before a vowel (Ciampi, Ruggieri), a vowel after
		 * a doubled one (Bracci) */
		last = k + (nx == c);
		if (last + 1 < alen && a[last + 1] == 'i' &&
		    (last > k || (last + 2 < alen && is_vow(a[last + 2])))) {
			int mark = last + 2 < alen && is_vow(a[last + 2]);
			*i = mark ? last + 1 : last;
			return c == 'c' ? "ch" : "j";
		}
		if (nx == 'h' && k + 2 < alen &&
		    (a[k + 2] == 'e' || a[k + 2] == 'i')) {
			*i = k + 1;
			return c == 'c' ? "k" : "g"; /* Achillini, Ghiglia */
		}
	}
	if (c == 'g' && nx == 'l' && k + 2 < alen && a[k + 2] == 'i') {
		/* gli + vowel ly, else li: g, l, i taken */
		*i = k + 2;
		return k + 3 < alen && is_vow(a[k + 3]) ? "ly" : "li";
	}
	if (c == 'g' && nx == 'n' && k > 0) {
		*i = k + 1;
		return "ny"; /* Mascagni */
	}
	if (c == 's' && nx == 'c' && k + 2 < alen &&
	    (a[k + 2] == 'e' || a[k + 2] == 'i')) {
		*i = k + 1;
		return "sh"; /* Scelba */
	}
	return NULL;
}

/* The same for a Spanish, Portuguese, Catalan or Basque name;
 * hepburn: the word could be a Japanese name (its j stays) */
static const char *iberian(const char *a, size_t alen, size_t *i, int hepburn,
			   int korean)
{
	size_t k = *i;
	char c = a[k], nx = k + 1 < alen ? a[k + 1] : 0;
	if ((c == 'j' && !hepburn) || (c == 'g' && (nx == 'e' || nx == 'i')))
		return "h";
	if (c == 'x')
		return "sh";
	if (k == 0 && c == 'r' && korean)
		return "h";
	if (c == 'l' && nx == 'l' && k > 0 && k + 2 < alen &&
	    is_vow(a[k + 2])) {
		*i = k + 1;
		return "j";
	}
	return NULL;
}

/* The same for a Japanese name in Hepburn's romanisation, as the Korean
 * standard for Japanese writes it in Hangul */
static const char *hepburn_hangul(const char *a, size_t alen, size_t *i)
{
	size_t k = *i;
	char c = a[k], nx = k + 1 < alen ? a[k + 1] : 0;
	if (nx == c && !is_vow(c) && c != 'n' && c != 'm' && c != 't')
		return "t"; /* sokuon ッ as ㅅ: Bessho 벳쇼, Hotta 홋타 */
	if (c == 's' && nx == 'h' && k + 2 < alen && is_vow(a[k + 2])) {
		*i = k + 1;
		return a[k + 2] == 'i' ? "s" : "sy"; /* シ 시, ショ 쇼 */
	}
	if (c == 't' && nx == 's' && k + 2 < alen && a[k + 2] == 'u') {
		*i = k + 1;
		return "ch"; /* ツ 츠 */
	}
	if (c == 'f' && nx == 'u')
		return "h"; /* フ 후 */
	return NULL;
}

size_t kd__respell(char *dst, int how, int korean, const char *a, size_t alen)
{
	size_t i, n = 0;
	int changed = 0, hepburn, has_w = 0;
	if (alen == 0 || alen >= KD_RESPELL_CAP)
		return 0;
	hepburn = open_syllables(a, alen);
	/* Italian names end in a vowel (Bracci, Ruggieri, Mascagni): not
	 * Wagner, whose gn is not Italian */
	if ((how == KD_RESPELL_ITALIAN && !is_vow(a[alen - 1])) ||
	    (how == KD_RESPELL_HEPBURN && (!korean || !hepburn)))
		return 0;
	for (i = 0; i < alen; i++) {
		char c = a[i], nx = i + 1 < alen ? a[i + 1] : 0;
		const char *w = NULL;
		if (i == 0 && c == 'w' && nx == 'h') {
			w = "hw";
			i++;
		} else if (korean && c == 't' && (nx == 's' || nx == 'z') &&
			   i + 2 == alen) {
			w = "ch"; /* Pitts 피츠 */
			i++;
		} else if (how == KD_RESPELL_CENTRAL ||
			   how == KD_RESPELL_CENTRAL_W) {
			w = central(a, alen, &i, how == KD_RESPELL_CENTRAL_W);
			has_w |= w != NULL && w[0] == 'v';
		} else if (how == KD_RESPELL_ITALIAN) {
			w = italian(a, alen, &i);
		} else if (how == KD_RESPELL_IBERIAN) {
			w = iberian(a, alen, &i, hepburn, korean);
		} else {
			w = hepburn_hangul(a, alen, &i);
		}
		if (w == NULL) {
			if (n + 1 >= KD_RESPELL_CAP)
				return 0;
			dst[n++] = c;
			continue;
		}
		changed = 1;
		if (n + strlen(w) >= KD_RESPELL_CAP)
			return 0; /* x sh grows the word by a letter each */
		while (*w)
			dst[n++] = *w++;
	}
	return changed && (how != KD_RESPELL_CENTRAL_W || has_w) ? n : 0;
}
