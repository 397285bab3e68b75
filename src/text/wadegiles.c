/*
 * wadegiles.c - the Wade-Giles spelling of a pinyin syllable.
 *
 * Chinese names reach lists in pinyin (Zhang Jian) and in Wade-Giles,
 * the older convention Taiwan, Hong Kong papers and many registers still
 * use (Chang Chien, Hsu, Tsao). A Han character is read to pinyin (ICU
 * Han-Latin), and the matcher accepts a Latin syllable that spells the
 * same sounds in either convention; what both conventions spell
 * differently is a different syllable (zhang/chang is one syllable,
 * cheng/sheng, xin/jin, fei/wei are two). The mapping is mechanical:
 *
 *   initials  b p  d t  g k  zh ch  z c ts  j q ch  x hs  r j
 *   whole     zi ci tzu  si ssu  zhi chi chih  shi shih  ri jih
 *   finals    ong ung  ian ien  ie ieh  ui uei  yan yen  ye yeh
 *
 * (aspiration apostrophes and umlauts are dropped, as lists drop them).
 */
#include "text/text.h"

#include <string.h>

static int ends(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n >= k && memcmp(s + n - k, suf, k) == 0;
}

size_t kd__wade_giles(char *dst, size_t cap, const char *s, size_t len)
{
	static const struct {
		const char *py, *wg;
	} whole[] = { { "zi", "tzu" },   { "ci", "tzu" },   { "si", "ssu" },
		      { "zhi", "chih" }, { "chi", "chih" }, { "shi", "shih" },
		      { "ri", "jih" },   { "yan", "yen" },  { "ye", "yeh" },
		      { "you", "yu" },   { "yong", "yung" } };
	static const struct {
		const char *py, *wg;
	} ini[] = { { "zh", "ch" }, { "ch", "ch" }, { "sh", "sh" },
		    { "b", "p" },   { "d", "t" },   { "g", "k" },
		    { "z", "ts" },  { "c", "ts" },  { "j", "ch" },
		    { "q", "ch" },  { "x", "hs" },  { "r", "j" } };
	static const struct {
		const char *py, *wg;
	} fin[] = { { "ong", "ung" },
		    { "ian", "ien" },
		    { "ie", "ieh" },
		    { "ui", "uei" } };
	char out[32];
	size_t i, n = 0, rest = 0, k;
	if (cap == 0)
		return 0;
	dst[0] = '\0';
	if (len == 0 || len > 8)
		return 0;
	for (i = 0; i < sizeof(whole) / sizeof(whole[0]); i++)
		if (strlen(whole[i].py) == len &&
		    memcmp(s, whole[i].py, len) == 0) {
			n = strlen(whole[i].wg);
			if (n >= cap)
				return 0;
			memcpy(dst, whole[i].wg, n + 1);
			return n;
		}
	for (i = 0; i < sizeof(ini) / sizeof(ini[0]); i++) {
		k = strlen(ini[i].py);
		if (len > k && memcmp(s, ini[i].py, k) == 0) {
			n = strlen(ini[i].wg);
			memcpy(out, ini[i].wg, n);
			rest = k;
			break;
		}
	}
	for (i = 0; i < sizeof(fin) / sizeof(fin[0]); i++)
		if (ends(s + rest, len - rest, fin[i].py)) {
			k = len - rest - strlen(fin[i].py);
			memcpy(out + n, s + rest, k);
			n += k;
			k = strlen(fin[i].wg);
			memcpy(out + n, fin[i].wg, k);
			n += k;
			rest = len;
			break;
		}
	if (rest < len) {
		memcpy(out + n, s + rest, len - rest);
		n += len - rest;
	}
	if (n >= cap)
		return 0;
	memcpy(dst, out, n);
	dst[n] = '\0';
	return n;
}
