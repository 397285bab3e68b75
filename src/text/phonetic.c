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
#include "text/text.h"

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
