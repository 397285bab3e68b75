/*
 * sino_korean.c - a Chinese name in pinyin and its Korean reading.
 *
 * Korean writes a Chinese person by the Korean reading of each character
 * of the name: 孟知祥 Meng Zhixiang is 맹지상 "maeng ji sang", 陸抗 Lu Kang
 * 육항 "yuk hang". The two readings of a character parted centuries ago,
 * so no sound rule leads from one to the other (phonetic.c finds nothing
 * alike in meng/maeng, lu/yuk). What the characters of a pinyin syllable
 * are read as in Korean is data: the Unicode Han database (Unihan's
 * kMandarin and kHangul, Debian's unicode-data), reduced by
 * bench/fit/make_sino_korean.py to data/names/unihan/sino_korean.tsv
 * (pinyin syllable -> its Sino-Korean readings in Revised Romanization,
 * as hangul.c writes them), which the build turns into a sorted table.
 *
 * kd__sino_korean() says whether a Latin word splits into pinyin
 * syllables whose readings, one each, spell a run of Hangul syllables
 * (zhixiang = zhi + xiang, "jisang" = ji + sang).
 */
#include "text/text_int.h"

#include <stdlib.h>
#include <string.h>

/* clang-format off */
static const struct {
	const char *py, *readings; /* readings: space-separated */
} g_sk[] = {
#include "sino_korean.inc"
};
/* clang-format on */

#define NSK (sizeof(g_sk) / sizeof(g_sk[0]))

/* The readings of pinyin syllable s[0..n), or NULL. */
static const char *readings(const char *s, size_t n)
{
	size_t lo = 0, hi = NSK;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strncmp(g_sk[mid].py, s, n);
		if (c == 0 && g_sk[mid].py[n] != '\0')
			c = 1; /* longer than s: after it */
		if (c == 0)
			return g_sk[mid].readings;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

#define SK_MAX 32 /* longest word compared */

int kd__sino_korean(const char *lat, size_t n, const char *rr, size_t m)
{
	/* reach[i][j]: lat[0..i) reads as rr[0..j), syllable by syllable */
	unsigned char reach[SK_MAX + 1][SK_MAX + 1];
	size_t i, j, l;
	if (n == 0 || m == 0 || n > SK_MAX || m > SK_MAX)
		return 0;
	memset(reach, 0, sizeof(reach));
	reach[0][0] = 1;
	for (i = 0; i < n; i++)
		for (j = 0; j < m; j++) {
			if (!reach[i][j])
				continue;
			/* a pinyin syllable has at most six letters */
			for (l = 1; l <= 6 && i + l <= n; l++) {
				const char *r = readings(lat + i, l);
				while (r != NULL && *r) {
					size_t k = strcspn(r, " ");
					if (j + k <= m &&
					    memcmp(rr + j, r, k) == 0)
						reach[i + l][j + k] = 1;
					r += k;
					r += *r == ' ';
				}
			}
		}
	return reach[n][m];
}
