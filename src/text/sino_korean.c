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

struct syl_readings {
	const char *py, *readings; /* readings: space-separated */
};

/* clang-format off */
static const struct syl_readings g_sk[] = {
#include "sino_korean.inc"
};
/* the Hangul transcription of Mandarin syllables (below) */
static const struct syl_readings g_mh[] = {
#include "mandarin_hangul.inc"
};
/* clang-format on */

#define NSK (sizeof(g_sk) / sizeof(g_sk[0]))
#define NMH (sizeof(g_mh) / sizeof(g_mh[0]))

/* The readings of pinyin syllable s[0..n) in table t (sorted), or NULL. */
static const char *lookup(const struct syl_readings *t, size_t nt,
			  const char *s, size_t n)
{
	size_t lo = 0, hi = nt;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strncmp(t[mid].py, s, n);
		if (c == 0 && t[mid].py[n] != '\0')
			c = 1; /* longer than s: after it */
		if (c == 0)
			return t[mid].readings;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static const char *readings(const char *s, size_t n)
{
	return lookup(g_sk, NSK, s, n);
}

/* first[x][y]: some pinyin syllable starting with letter x has a reading
 * starting with letter y; last[x][y] the same for the last letters (a
 * quick no for most pairs of words) */
static unsigned char g_first[26][26], g_last[26][26];
static pthread_once_t g_first_once = PTHREAD_ONCE_INIT;

/* Fill first (and last, if not NULL) from table t: which first (last)
 * letter of a pinyin syllable meets which first (last) letter of one of
 * its readings. */
static void letter_pairs(const struct syl_readings *t, size_t nt,
			 unsigned char first[26][26],
			 unsigned char last[26][26])
{
	size_t i;
	for (i = 0; i < nt; i++) {
		const char *r = t[i].readings;
		size_t pl = strlen(t[i].py);
		for (; *r; r++) {
			if ((r == t[i].readings || r[-1] == ' ') && *r >= 'a' &&
			    *r <= 'z')
				first[t[i].py[0] - 'a'][*r - 'a'] = 1;
			if (last != NULL && (r[1] == '\0' || r[1] == ' ') &&
			    *r >= 'a' && *r <= 'z')
				last[t[i].py[pl - 1] - 'a'][*r - 'a'] = 1;
		}
	}
}

static void build_first(void)
{
	letter_pairs(g_sk, NSK, g_first, g_last);
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

/* Is s[0..n) one pinyin syllable (a syllable of the table above)? */
int kd__pinyin_syllable(const char *s, size_t n)
{
	return n > 0 && n <= 6 && readings(s, n) != NULL;
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

/*
 * Modern Chinese persons are written in Korean by the sound of Mandarin,
 * not by the characters' Korean readings: 周冬雨 Zhou Dongyu is 저우둥위
 * "jeoudungwi" (zhou 저우, dong 둥, yu 위), one to three Hangul syllables
 * per pinyin syllable. How Korean spells each syllable is learnt from
 * Wikidata's names (data/names/wikidata/mandarin_hangul.tsv, by
 * bench/fit/make_mandarin_hangul.py).
 */
static unsigned char g_mh_first[26][26]; /* as g_first, for g_mh */
static pthread_once_t g_mh_once = PTHREAD_ONCE_INIT;

static void build_mh_first(void)
{
	letter_pairs(g_mh, NMH, g_mh_first, NULL);
}

/* lat[0..n) is pinyin syllables whose transcriptions spell rr[0..m) */
static int spells(const char *lat, size_t n, const char *rr, size_t m)
{
	size_t l;
	if (n == 0 || m == 0)
		return n == 0 && m == 0;
	if (lat[0] < 'a' || lat[0] > 'z' || rr[0] < 'a' || rr[0] > 'z' ||
	    !g_mh_first[lat[0] - 'a'][rr[0] - 'a'])
		return 0;
	for (l = 1; l <= 6 && l <= n; l++) {
		const char *r = lookup(g_mh, NMH, lat, l);
		while (r != NULL && *r) {
			size_t k = strcspn(r, " ");
			if (k <= m && memcmp(rr, r, k) == 0 &&
			    spells(lat + l, n - l, rr + k, m - k))
				return 1;
			r += k;
			r += *r == ' ';
		}
	}
	return 0;
}

int kd__mandarin_hangul(const char *lat, size_t n, const char *rr, size_t m)
{
	if (n < 2 || m < 2 || n > 36 || m > 48)
		return 0;
	pthread_once(&g_mh_once, build_mh_first);
	return spells(lat, n, rr, m);
}
