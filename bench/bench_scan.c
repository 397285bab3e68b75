/*
 * bench_scan.c - prose scanning throughput on the bundled lists.
 *
 * Builds a corpus of at least 20 MB: the test fixtures of
 * tests/data/scan (German and English news with listed names, clean
 * texts) interleaved with generated sentences (determiner, noun, verb,
 * preposition...) of common English and German words, capitalised
 * sentence starts and German nouns, and common names and places (the
 * words the prefilter must get past cheaply). Then:
 *
 *   scan     kd_scan(KD_SCAN_TEXT) over the whole corpus, one core
 *   unique   the same generator without fixtures, with made-up
 *            capitalised words (no cache help from repeated names)
 *   salad    fixtures + the same words in random order: runs of
 *            capitalised German nouns, the prefilter's worst case
 *   naive    kd_screen on every 1..3-word window of the first 200 KB:
 *            what scanning costs without the prefilter
 *
 * usage: bench_scan [MB] [DATA_DIR]
 */
#include "kordon.h"
#include "scan/scan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned long long g_rng = 88172645463325252ULL;
static unsigned rnd(unsigned n)
{
	g_rng ^= g_rng << 13;
	g_rng ^= g_rng >> 7;
	g_rng ^= g_rng << 17;
	return (unsigned)(g_rng % n);
}

static const char *const g_en[] = {
	"the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as",
	"was", "with", "be", "by", "on", "not", "he", "this", "are", "or",
	"his", "from", "at", "which", "but", "have", "an", "had", "they",
	"you", "were", "their", "one", "all", "we", "can", "her", "has",
	"there", "been", "if", "more", "when", "will", "would", "who", "so",
	"no", "government", "market", "prices", "officials", "said", "year",
	"week", "report", "talks", "company", "bank", "trade", "energy",
	"oil", "gas", "security", "council", "minister", "president",
	"sanctions", "economy", "growth", "export", "ship", "port", "border",
	"agreement", "meeting", "people", "city", "country", "state",
	"policy", "plan", "money", "budget", "school", "police", "court",
};
static const char *const g_de[] = {
	"der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich",
	"des", "auf", "für", "ist", "im", "dem", "nicht", "ein", "eine",
	"als", "auch", "es", "an", "werden", "aus", "er", "hat", "dass",
	"sie", "nach", "wird", "bei", "einer", "um", "am", "sind", "noch",
	"wie", "einem", "über", "einen", "so", "zum", "war", "haben", "nur",
	"oder", "aber", "vor", "zur", "bis", "mehr", "durch", "man",
	"Regierung", "Markt", "Preise", "Gespräche", "Woche", "Bericht",
	"Handel", "Energie", "Gas", "Sicherheit", "Minister", "Präsident",
	"Sanktionen", "Wirtschaft", "Wachstum", "Export", "Schiff", "Hafen",
	"Grenze", "Abkommen", "Treffen", "Menschen", "Stadt", "Land",
	"Politik", "Plan", "Geld", "Haushalt", "Schule", "Polizei", "Gericht",
	"Kosten", "Unternehmen", "Öl", "Straße", "Größe",
};
static const char *const g_cap[] = {
	"Miller", "Novak", "Kim", "Garcia", "Berlin", "Moscow", "Smith",
	"Thomas", "Anna", "Paris", "London", "Monday", "Tuesday", "Europe",
	"China", "Korea", "Washington", "Müller", "Schmidt", "Hamburg",
	"Peter", "Maria", "Lee", "Park", "United", "Nations", "Reuters",
};

static const char *const g_det_de[] = { "die", "der", "das", "den",
					"eine", "ein", "dem" };
static const char *const g_det_en[] = { "the", "a", "this", "that", "its" };
static const char *const g_verb_de[] = { "hat", "sagte", "will", "meldete",
					 "kritisierte", "plant", "sieht" };
static const char *const g_verb_en[] = { "said", "has", "plans", "reported",
					 "criticised", "expects", "sees" };
static const char *const g_prep_de[] = { "mit", "in", "nach", "für", "über",
					 "bei", "gegen" };
static const char *const g_prep_en[] = { "with", "in", "after", "for",
					 "about", "at", "against" };

#define PICK(a) ((a)[rnd(sizeof(a) / sizeof((a)[0]))])

/* A word for a noun slot: a noun of the language (capitalised in
 * German), sometimes a common name or place, or (unique) a made-up
 * capitalised word. */
static const char *noun(char *made, int de, int unique)
{
	unsigned r = rnd(100);
	if (r < 10)
		return PICK(g_cap);
	if (unique && r < 20) {
		int k, l = 4 + (int)rnd(6);
		made[0] = (char)('A' + rnd(26));
		for (k = 1; k < l; k++)
			made[k] = "aeioulnrstkmdg"[rnd(14)];
		made[l] = '\0';
		return made;
	}
	for (;;) {
		const char *w = de ? PICK(g_de) : PICK(g_en);
		if (!de || (w[0] >= 'A' && w[0] <= 'Z') || (unsigned char)w[0] >= 0x80)
			return w;
	}
}

/* A generated paragraph, appended to b. mode 0: sentences (determiner
 * noun verb preposition determiner noun ...); mode 2: word salad, the
 * words in random order (worst case: runs of capitalised nouns). */
static size_t gen_para(char *b, int unique, int salad)
{
	size_t o = 0;
	int s, w;
	for (s = 0; s < 6; s++) {
		int de = rnd(2), n = 8 + (int)rnd(14);
		for (w = 0; w < n; w++) {
			const char *word;
			char made[16];
			if (salad) {
				word = rnd(100) < 8 ? PICK(g_cap)
				       : de ? PICK(g_de) : PICK(g_en);
			} else {
				switch (w % 6) {
				case 0: case 3:
					word = de ? PICK(g_det_de) : PICK(g_det_en);
					break;
				case 1: case 4:
					word = noun(made, de, unique);
					break;
				case 2:
					word = de ? PICK(g_verb_de) : PICK(g_verb_en);
					break;
				default:
					word = de ? PICK(g_prep_de) : PICK(g_prep_en);
					break;
				}
			}
			if (w == 0 && word[0] >= 'a' && word[0] <= 'z') {
				b[o++] = (char)(word[0] - 32);
				word++;
			}
			o += (size_t)sprintf(b + o, "%s%s", word,
					     w + 1 == n ? ". " : (rnd(9) ? " " : ", "));
		}
	}
	b[o++] = '\n';
	b[o++] = '\n';
	return o;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *b;
	long n;
	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	b = malloc((size_t)n + 1);
	if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
		free(b);
		b = NULL;
	}
	fclose(f);
	if (b) {
		b[n] = '\0';
		*len = (size_t)n;
	}
	return b;
}

static char *corpus(size_t target, int unique, int salad, size_t *len)
{
	static const char *const fx[] = { "de_kreml.txt", "en_dprk.txt",
					   "en_clean.txt", "de_clean.txt" };
	char *fixt[4] = { NULL };
	size_t fl[4] = { 0 }, o = 0, i, k = 0;
	char *b = malloc(target + 65536);
	if (b == NULL)
		return NULL;
	for (i = 0; i < 4 && !unique; i++) {
		char p[1024];
		snprintf(p, sizeof(p), "%s/tests/data/scan/%s", KD_SOURCE_DIR,
			 fx[i]);
		fixt[i] = slurp(p, &fl[i]);
	}
	while (o < target) {
		o += gen_para(b + o, unique, salad);
		if (!unique && fixt[k % 4] && rnd(4) == 0) {
			memcpy(b + o, fixt[k % 4], fl[k % 4]);
			o += fl[k % 4];
			b[o++] = '\n';
			k++;
		}
	}
	for (i = 0; i < 4; i++)
		free(fixt[i]);
	*len = o;
	return b;
}

static void run_scan(const kd_matcher *m, const char *name, const char *b,
		     size_t len)
{
	kd_scan_hit *h = NULL;
	size_t n = 0;
	double t0 = now(), t;
	if (kd_scan(&h, &n, m, b, len, KD_SCAN_TEXT, KD_DEFAULT_THRESHOLD,
		    NULL) < 0) {
		fprintf(stderr, "scan: %s\n", kd_error_last());
		return;
	}
	t = now() - t0;
	printf("%-8s %8.1f MB  %7.2f s  %8.1f MB/s  %zu hits\n", name,
	       (double)len / 1e6, t, (double)len / 1e6 / t, n);
	kd_scan_free(h);
}

/* kd_screen on every window of 1..3 whitespace-separated words. */
static void run_naive(const kd_matcher *m, const char *b, size_t len)
{
	char *copy = malloc(len + 1), *w[200000];
	size_t nw = 0, i, k, matches = 0, queries = 0;
	double t0, t;
	char *p;
	memcpy(copy, b, len);
	copy[len] = '\0';
	for (p = strtok(copy, " \n\t,."); p && nw < 200000;
	     p = strtok(NULL, " \n\t,."))
		w[nw++] = p;
	t0 = now();
	for (i = 0; i < nw; i++)
		for (k = 1; k <= 3 && i + k <= nw; k++) {
			char q[512];
			const char *qp = q;
			size_t o = 0, j;
			kd_query query;
			kd_match_opts opt = KD_MATCH_OPTS_INIT;
			kd_result *r = NULL;
			size_t nr = 0;
			for (j = i; j < i + k; j++)
				o += (size_t)snprintf(q + o, sizeof(q) - o, "%s%s",
						      j > i ? " " : "", w[j]);
			memset(&query, 0, sizeof(query));
			query.names = &qp;
			query.nnames = 1;
			if (kd_screen(&r, &nr, m, &query, &opt) == 0) {
				matches += nr && r[0].match;
				kd_results_free(r);
			}
			queries++;
		}
	t = now() - t0;
	printf("%-8s %8.1f MB  %7.2f s  %8.3f MB/s  %zu windows, %zu match\n",
	       "naive", (double)len / 1e6, t, (double)len / 1e6 / t, queries,
	       matches);
	free(copy);
}

int main(int argc, char **argv)
{
	size_t mb = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 24, len;
	const char *data = argc > 2 ? argv[2] : KD_SOURCE_DIR "/data";
	kd_db *db = NULL;
	kd_matcher *m = NULL;
	kd_parse_err err;
	char *b;
	double t0 = now();
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (kd_db_load(&db, data, NULL, &err) < 0 ||
	    kd_matcher_new(&m, db) < 0) {
		fprintf(stderr, "bench_scan: %s\n", kd_error_last());
		return 2;
	}
	printf("lists: %zu entities, loaded and prepared in %.2f s\n",
	       kd_db_count(db), now() - t0);
	b = corpus(mb * 1000000, 0, 0, &len);
	if (getenv("BENCH_SCAN_DUMP")) {
		FILE *f = fopen(getenv("BENCH_SCAN_DUMP"), "wb");
		if (f) {
			fwrite(b, 1, len, f);
			fclose(f);
		}
	}
	run_scan(m, "scan", b, len);
	run_naive(m, b, len < 200000 ? len : 200000);
	free(b);
	b = corpus(mb * 1000000, 1, 0, &len);
	run_scan(m, "unique", b, len);
	free(b);
	b = corpus(mb * 1000000, 0, 1, &len);
	run_scan(m, "salad", b, len);
	free(b);
	kd_matcher_free(m);
	kd_db_free(db);
	return 0;
}
