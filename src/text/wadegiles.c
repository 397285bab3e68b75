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

/* a pinyin spelling and its Wade-Giles one, with their lengths (asked
 * for every syllable pair the matcher compares: no strlen per call) */
struct wg_pair {
	const char *py;
	unsigned char npy;
	const char *wg;
	unsigned char nwg;
};
/* clang-format off */
#define WG(py, wg) { py, sizeof(py) - 1, wg, sizeof(wg) - 1 }
/* clang-format on */

size_t kd__wade_giles(char *dst, size_t cap, const char *s, size_t len)
{
	static const struct wg_pair whole[] = {
		WG("zi", "tzu"),   WG("ci", "tzu"),   WG("si", "ssu"),
		WG("zhi", "chih"), WG("chi", "chih"), WG("shi", "shih"),
		WG("ri", "jih"),   WG("yan", "yen"),  WG("ye", "yeh"),
		WG("you", "yu"),   WG("yong", "yung")
	};
	static const struct wg_pair ini[] = {
		WG("zh", "ch"), WG("ch", "ch"), WG("sh", "sh"), WG("b", "p"),
		WG("d", "t"),   WG("g", "k"),   WG("z", "ts"),  WG("c", "ts"),
		WG("j", "ch"),  WG("q", "ch"),  WG("x", "hs"),  WG("r", "j")
	};
	static const struct wg_pair fin[] = { WG("ong", "ung"),
					      WG("ian", "ien"), WG("ie", "ieh"),
					      WG("ui", "uei") };
	char out[32];
	size_t i, n = 0, rest = 0, k;
	if (cap == 0)
		return 0;
	dst[0] = '\0';
	if (len == 0 || len > 8)
		return 0;
	for (i = 0; i < sizeof(whole) / sizeof(whole[0]); i++)
		if (whole[i].npy == len && whole[i].py[0] == s[0] &&
		    memcmp(s, whole[i].py, len) == 0) {
			n = whole[i].nwg;
			if (n >= cap)
				return 0;
			memcpy(dst, whole[i].wg, n + 1);
			return n;
		}
	for (i = 0; i < sizeof(ini) / sizeof(ini[0]); i++) {
		k = ini[i].npy;
		if (len > k && ini[i].py[0] == s[0] &&
		    memcmp(s, ini[i].py, k) == 0) {
			n = ini[i].nwg;
			memcpy(out, ini[i].wg, n);
			rest = k;
			break;
		}
	}
	for (i = 0; i < sizeof(fin) / sizeof(fin[0]); i++) {
		size_t nf = fin[i].npy;
		if (len - rest >= nf &&
		    memcmp(s + len - nf, fin[i].py, nf) == 0) {
			k = len - rest - nf;
			memcpy(out + n, s + rest, k);
			n += k;
			memcpy(out + n, fin[i].wg, fin[i].nwg);
			n += fin[i].nwg;
			rest = len;
			break;
		}
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
