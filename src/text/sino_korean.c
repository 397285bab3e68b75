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
 * kd__sino_korean() says whether a Latin word splits into as many pinyin
 * syllables as a run of Hangul syllables has, whose readings, one each,
 * spell it (zhixiang = zhi + xiang, "jisang" = ji + sang).
 */
#include "text/text_int.h"

#include <pthread.h>
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

/* first[x][y]: some pinyin syllable starting with letter x has a reading
 * starting with letter y; last[x][y] the same for the last letters (a
 * quick no for most pairs of words) */
static unsigned char g_first[26][26], g_last[26][26];
static pthread_once_t g_first_once = PTHREAD_ONCE_INIT;

static void build_first(void)
{
	size_t i;
	for (i = 0; i < NSK; i++) {
		const char *r = g_sk[i].readings;
		size_t pl = strlen(g_sk[i].py);
		for (; *r; r++) {
			if ((r == g_sk[i].readings || r[-1] == ' ') &&
			    *r >= 'a' && *r <= 'z')
				g_first[g_sk[i].py[0] - 'a'][*r - 'a'] = 1;
			if ((r[1] == '\0' || r[1] == ' ') && *r >= 'a' &&
			    *r <= 'z')
				g_last[g_sk[i].py[pl - 1] - 'a'][*r - 'a'] = 1;
		}
	}
}

/* Does reading list r (space-separated) hold rr[0..m)? */
static int has(const char *r, const char *rr, size_t m)
{
	while (r != NULL && *r) {
		size_t k = strcspn(r, " ");
		if (k == m && memcmp(r, rr, m) == 0)
			return 1;
		r += k;
		r += *r == ' ';
	}
	return 0;
}

/* lat[0..n) is nsyl pinyin syllables whose readings spell rr[0..m) */
static int reads(const char *lat, size_t n, const char *rr, size_t m, int nsyl)
{
	size_t l;
	if (nsyl <= 1)
		return n <= 6 && has(readings(lat, n), rr, m);
	/* a pinyin syllable has at most six letters */
	for (l = 1; l <= 6 && l < n; l++) {
		const char *r = readings(lat, l);
		while (r != NULL && *r) {
			size_t k = strcspn(r, " ");
			if (k < m && memcmp(rr, r, k) == 0 &&
			    reads(lat + l, n - l, rr + k, m - k, nsyl - 1))
				return 1;
			r += k;
			r += *r == ' ';
		}
	}
	return 0;
}

int kd__sino_korean(const char *lat, size_t n, const char *rr, size_t m,
		    int nsyl)
{
	if (n == 0 || m == 0 || nsyl < 1 || nsyl > 4 || n > 6 * (size_t)nsyl ||
	    lat[0] < 'a' || lat[0] > 'z' || rr[0] < 'a' || rr[0] > 'z' ||
	    lat[n - 1] < 'a' || lat[n - 1] > 'z' || rr[m - 1] < 'a' ||
	    rr[m - 1] > 'z')
		return 0;
	pthread_once(&g_first_once, build_first);
	if (!g_first[lat[0] - 'a'][rr[0] - 'a'] ||
	    !g_last[lat[n - 1] - 'a'][rr[m - 1] - 'a'])
		return 0;
	return reads(lat, n, rr, m, nsyl);
}
