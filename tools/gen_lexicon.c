/*
 * gen_lexicon.c - build-time generator of the general-language lexicon
 * the prose scanner uses (src/scan/lexicon_words.c embeds its output).
 *
 * Why: a listed name's rarity among list names says nothing about how
 * common the word is in the language of a text ("Start", "Terminal",
 * "Bruno" are rare on the lists and everywhere in prose). Debian ships
 * real dictionaries for the scanned languages; this tool reads them at
 * build time (nothing derived from them is committed to the repository)
 * and writes the set of their words as the scanner folds them.
 *
 * Inputs, "PATH[:ENCODING]" (hunspell .dic files: the first line is a
 * count and entries are "word/FLAGS"; word lists: one word a line):
 *   hunspell-{en-us,de-de,fr-classical,es,it,pl,ru,cs} and
 *   w{american,ngerman,french,spanish,italian} (scripts/deps.sh).
 * A missing input is reported and skipped; the lexicon is then smaller
 * and the scanner stricter on fewer languages, never wrong.
 *
 * Each word is folded with kd__text_fold (the scanner's own folding:
 * Müller -> "muller", Любовь -> "lyubov"), reduced to [a-z0-9], kept
 * when 3..32 bytes, and hashed (XXH32, seed 0). A word written in lower
 * case in any dictionary is COMMON (an ordinary word of some language);
 * one written only capitalised is PROPER (a given name, surname or
 * place the dictionary knows). A folded word that every dictionary
 * writes in lower case only with a Latin letter ASCII lacks (piętr,
 * señor: no lowercase "pietr" in any) is ACCENTED: written bare in a
 * line that has such letters, it is more likely a name than that word
 * (Pietr Zima). Output, little-endian uint32:
 *   "KDLX", version 2, count, then count sorted entries
 *   (hash & ~1) | (1 when PROPER only);
 *   count2, then count2 sorted entries XXH32(word, seed 1) & ~1 of the
 *   ACCENTED words (another seed: a collision in one table is none in
 *   the other).
 *
 * Licences: the inputs are free dictionaries under GPL, LGPL, MPL and
 * permissive licences (SCOWL for English; each package's terms are in
 * /usr/share/doc/PACKAGE/copyright). Nothing of them is in the
 * repository; only 32-bit hashes of their words end up in the library,
 * generated on the building machine.
 *
 * usage: gen_lexicon OUT.bin INPUT[:ENC]...
 */
#include "text/text.h"
#include "util/util.h"

#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <xxhash.h>

static uint32_t *g_e, *g_a;
static size_t g_n, g_cap, g_na, g_acap;

static void push(uint32_t **v, size_t *n, size_t *cap, uint32_t x)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 1u << 20;
		*v = realloc(*v, *cap * sizeof(**v));
		if (*v == NULL) {
			fputs("gen_lexicon: out of memory\n", stderr);
			exit(2);
		}
	}
	(*v)[(*n)++] = x;
}

static void add(const char *w, size_t n)
{
	char *f = NULL, k[40];
	size_t fl = 0, i, o = 0;
	int32_t off = 0;
	UChar32 c;
	int proper, accented = 0;
	if (n == 0)
		return;
	/* a Latin letter beyond ASCII (U+00C0..U+024F, U+1E00..U+1EFF),
	 * and no letter of another script */
	while (off < (int32_t)n) {
		U8_NEXT((const uint8_t *)w, off, (int32_t)n, c);
		if (c < 0x80 || !u_isalpha(c))
			continue;
		if (!((c >= 0xC0 && c <= 0x24F) ||
		      (c >= 0x1E00 && c <= 0x1EFF))) {
			accented = 0;
			break;
		}
		accented = 1;
	}
	off = 0;
	U8_NEXT((const uint8_t *)w, off, (int32_t)n, c);
	proper = c >= 0 && (u_isupper(c) || u_istitle(c));
	if (kd__text_fold(&f, &fl, NULL, w, n) < 0)
		return;
	for (i = 0; i < fl && o < sizeof(k); i++) {
		char ch = f[i];
		if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
			k[o++] = ch;
		else if (ch == ' ')
			break; /* several words: not one token */
	}
	kd__free(f);
	if (i < fl || o < 3 || o > 32)
		return;
	push(&g_e, &g_n, &g_cap, (XXH32(k, o, 0) & ~1u) | (uint32_t)proper);
	/* an ordinary (lowercase) spelling; low bit 1: it had such a
	 * letter (a proper noun spelt bare, Czech Pietr, is a name) */
	if (!proper)
		push(&g_a, &g_na, &g_acap,
		     (XXH32(k, o, 1) & ~1u) | (uint32_t)accented);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

static void put32(FILE *f, uint32_t v)
{
	unsigned char b[4] = { (unsigned char)v, (unsigned char)(v >> 8),
			       (unsigned char)(v >> 16),
			       (unsigned char)(v >> 24) };
	fwrite(b, 1, 4, f);
}

static size_t read_one(const char *spec)
{
	char path[1024], line[4096], conv[8192];
	const char *colon = strchr(spec, ':');
	iconv_t cd = (iconv_t)-1;
	size_t before = g_n, lineno = 0;
	int dic;
	FILE *f;
	snprintf(path, sizeof(path), "%.*s",
		 (int)(colon ? (size_t)(colon - spec) : strlen(spec)), spec);
	dic = strlen(path) > 4 && strcmp(path + strlen(path) - 4, ".dic") == 0;
	if ((f = fopen(path, "rb")) == NULL) {
		fprintf(stderr,
			"gen_lexicon: warning: %s missing, skipped "
			"(scripts/deps.sh installs it)\n",
			path);
		return 0;
	}
	if (colon && (cd = iconv_open("UTF-8", colon + 1)) == (iconv_t)-1) {
		fprintf(stderr, "gen_lexicon: %s: unknown encoding %s\n", path,
			colon + 1);
		fclose(f);
		return 0;
	}
	while (fgets(line, sizeof(line), f)) {
		char *w = line, *e;
		size_t n;
		if (++lineno == 1 && dic)
			continue; /* the entry count */
		if (cd != (iconv_t)-1) {
			char *in = line, *out = conv;
			size_t il = strlen(line), ol = sizeof(conv) - 1;
			if (iconv(cd, &in, &il, &out, &ol) == (size_t)-1)
				continue;
			*out = '\0';
			w = conv;
		}
		for (e = w; *e && *e != '\n' && *e != '\r' && *e != '\t' &&
			    !(dic && *e == '/');
		     e++)
			;
		n = (size_t)(e - w);
		while (n && w[n - 1] == ' ')
			n--;
		if (n > 0 && w[0] != '#')
			add(w, n);
	}
	if (cd != (iconv_t)-1)
		iconv_close(cd);
	fclose(f);
	return g_n - before;
}

int main(int argc, char **argv)
{
	size_t i, o = 0, o2, na, words = 0;
	FILE *out;
	if (argc < 2) {
		fputs("usage: gen_lexicon OUT.bin INPUT[:ENC]...\n", stderr);
		return 2;
	}
	for (i = 2; i < (size_t)argc; i++)
		words += read_one(argv[i]);
	if (words == 0)
		fputs("gen_lexicon: warning: no dictionary found; the scanner "
		      "runs without language evidence (scripts/deps.sh)\n",
		      stderr);
	qsort(g_e, g_n, sizeof(*g_e), cmp_u32);
	/* one entry per word: COMMON (low bit 0) wins over PROPER */
	for (i = 0; i < g_n; i++) {
		if (o && (g_e[o - 1] & ~1u) == (g_e[i] & ~1u)) {
			g_e[o - 1] &= g_e[i] | ~1u;
			continue;
		}
		g_e[o++] = g_e[i];
	}
	/* ACCENTED: every spelling of the word had such a letter */
	qsort(g_a, g_na, sizeof(*g_a), cmp_u32);
	for (i = 0, o2 = 0; i < g_na; i++) {
		if (o2 && (g_a[o2 - 1] & ~1u) == (g_a[i] & ~1u)) {
			g_a[o2 - 1] &= g_a[i] | ~1u;
			continue;
		}
		g_a[o2++] = g_a[i];
	}
	for (i = 0, na = 0; i < o2; i++)
		if (g_a[i] & 1u)
			g_a[na++] = g_a[i] & ~1u;
	if ((out = fopen(argv[1], "wb")) == NULL) {
		perror(argv[1]);
		return 2;
	}
	fwrite("KDLX", 1, 4, out);
	put32(out, 2);
	put32(out, (uint32_t)o);
	for (i = 0; i < o; i++)
		put32(out, g_e[i]);
	put32(out, (uint32_t)na);
	for (i = 0; i < na; i++)
		put32(out, g_a[i]);
	if (fclose(out) != 0) {
		perror(argv[1]);
		return 2;
	}
	printf("gen_lexicon: %zu dictionary words, %zu distinct folded words "
	       "(%zu only with accents) -> %s\n",
	       words, o, na, argv[1]);
	free(g_e);
	free(g_a);
	return 0;
}
