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
 * Real text, before (KD_SCAN_F_LEGACY: the scanner's evidence before
 * issue 12) and after, in the same run:
 *
 *   prose      every PROSE_DIR/NAME.txt (bench/make_prose.py builds
 *              them from Debian packages: manual pages, the Debian
 *              Reference, changelogs; "aside_*" corpora are kept aside,
 *              never tuned on): alerts per MB (hits with match), low-
 *              priority mentions per MB, MB/s on one core (thread CPU
 *              time, so other load on the machine does not count);
 *              then a "per core" table: MB per CPU second and wall
 *              MB/s of each "after" scan, overall, and the slowest
 *              corpus (all, tuned, aside: the issue 12 target is the
 *              minimum)
 *   sentences  bench/data/scan_sentences.tsv (make_scan_sentences.py):
 *              a listed person's spelling inside one sentence, per
 *              language; found = a match overlapping the name whose
 *              entity (or an `also`) is one kd_screen gives for the
 *              listed name, or a record the lists' cross-list linking
 *              puts in the same party as one of those (the OFAC record
 *              of a person expected on the UN and UK lists: what
 *              `kordon screen` shows as one party; such rows are
 *              counted apart and BENCH_SCAN_MISSES prints them as
 *              "linked"); also the share kd_screen finds from the
 *              spelling alone, and the recall among those; the
 *              rows of a quarter of the listed persons (by a hash of
 *              the listed name) are kept aside: recall after, tuned
 *              and aside, per language
 *
 * usage: bench_scan [--prose DIR] [--no-synthetic] [MB] [DATA_DIR]
 *   PROSE_DIR defaults to $KORDON_PROSE or /tmp/kordon-prose (skipped
 *   when missing); BENCH_SCAN_SHOW=N prints the first N alerts of each
 *   corpus, BENCH_SCAN_MISSES=1 the sentences the scanner misses;
 *   BENCH_SCAN_ONLY=SUBSTR scans only the corpora whose name contains
 *   it (e.g. "man_" for a profile), BENCH_SCAN_NO_SENTENCES=1 skips the
 *   sentences, BENCH_SCAN_SENTENCES=FILE reads them from FILE (e.g. an
 *   older scan_sentences.tsv, to compare on the same rows),
 *   BENCH_SCAN_NO_BEFORE=1 the "before" runs (profiling);
 *   BENCH_SCAN_REPEAT=N times each scan N times and keeps the fastest
 *   (a shared, busy machine only slows runs down);
 *   BENCH_SCAN_HITS=DIR writes every hit of the "after" scan of each
 *   corpus to DIR/NAME.hits (offsets, entity, score to 17 digits,
 *   match, features, also): two builds' files diff to show that a
 *   speed change left every result as it was (bench/bench_scan_ab.sh).
 *
 * Instructions per byte of each scan alone (the lists load uninstrumented):
 *   valgrind --tool=callgrind --instr-atstart=no \
 *     --toggle-collect=kd__scan_opts bench_scan --no-synthetic DATA_DIR
 * with BENCH_SCAN_NO_BEFORE=1 BENCH_SCAN_NO_SENTENCES=1 BENCH_SCAN_ONLY=X
 * (CALLGRIND="prose_en ..." bench/bench_scan_ab.sh BASE prints both
 * builds').
 */
#include "callgrind_compat.h"
#include "kordon.h"
#include "scan/scan_int.h"
#include "text/text.h"

#include <dirent.h>
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

/* CPU time of this thread: MB/s per core even on a busy machine. */
static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
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
	"the",       "of",       "and",       "to",        "in",
	"a",         "is",       "that",      "for",       "it",
	"as",        "was",      "with",      "be",        "by",
	"on",        "not",      "he",        "this",      "are",
	"or",        "his",      "from",      "at",        "which",
	"but",       "have",     "an",        "had",       "they",
	"you",       "were",     "their",     "one",       "all",
	"we",        "can",      "her",       "has",       "there",
	"been",      "if",       "more",      "when",      "will",
	"would",     "who",      "so",        "no",        "government",
	"market",    "prices",   "officials", "said",      "year",
	"week",      "report",   "talks",     "company",   "bank",
	"trade",     "energy",   "oil",       "gas",       "security",
	"council",   "minister", "president", "sanctions", "economy",
	"growth",    "export",   "ship",      "port",      "border",
	"agreement", "meeting",  "people",    "city",      "country",
	"state",     "policy",   "plan",      "money",     "budget",
	"school",    "police",   "court",
};
static const char *const g_de[] = {
	"der",       "die",         "und",        "in",         "den",
	"von",       "zu",          "das",        "mit",        "sich",
	"des",       "auf",         "für",        "ist",        "im",
	"dem",       "nicht",       "ein",        "eine",       "als",
	"auch",      "es",          "an",         "werden",     "aus",
	"er",        "hat",         "dass",       "sie",        "nach",
	"wird",      "bei",         "einer",      "um",         "am",
	"sind",      "noch",        "wie",        "einem",      "über",
	"einen",     "so",          "zum",        "war",        "haben",
	"nur",       "oder",        "aber",       "vor",        "zur",
	"bis",       "mehr",        "durch",      "man",        "Regierung",
	"Markt",     "Preise",      "Gespräche",  "Woche",      "Bericht",
	"Handel",    "Energie",     "Gas",        "Sicherheit", "Minister",
	"Präsident", "Sanktionen",  "Wirtschaft", "Wachstum",   "Export",
	"Schiff",    "Hafen",       "Grenze",     "Abkommen",   "Treffen",
	"Menschen",  "Stadt",       "Land",       "Politik",    "Plan",
	"Geld",      "Haushalt",    "Schule",     "Polizei",    "Gericht",
	"Kosten",    "Unternehmen", "Öl",         "Straße",     "Größe",
};
static const char *const g_cap[] = {
	"Miller",  "Novak",   "Kim",     "Garcia", "Berlin",     "Moscow",
	"Smith",   "Thomas",  "Anna",    "Paris",  "London",     "Monday",
	"Tuesday", "Europe",  "China",   "Korea",  "Washington", "Müller",
	"Schmidt", "Hamburg", "Peter",   "Maria",  "Lee",        "Park",
	"United",  "Nations", "Reuters",
};

static const char *const g_det_de[] = { "die",  "der", "das", "den",
					"eine", "ein", "dem" };
static const char *const g_det_en[] = { "the", "a", "this", "that", "its" };
static const char *const g_verb_de[] = { "hat",     "sagte",       "will",
					 "meldete", "kritisierte", "plant",
					 "sieht" };
static const char *const g_verb_en[] = { "said",     "has",        "plans",
					 "reported", "criticised", "expects",
					 "sees" };
static const char *const g_prep_de[] = { "mit",  "in",  "nach", "für",
					 "über", "bei", "gegen" };
static const char *const g_prep_en[] = { "with",  "in", "after",  "for",
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
		if (!de || (w[0] >= 'A' && w[0] <= 'Z') ||
		    (unsigned char)w[0] >= 0x80)
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
				       : de         ? PICK(g_de)
						    : PICK(g_en);
			} else {
				switch (w % 6) {
				case 0:
				case 3:
					word = de ? PICK(g_det_de)
						  : PICK(g_det_en);
					break;
				case 1:
				case 4:
					word = noun(made, de, unique);
					break;
				case 2:
					word = de ? PICK(g_verb_de)
						  : PICK(g_verb_en);
					break;
				default:
					word = de ? PICK(g_prep_de)
						  : PICK(g_prep_en);
					break;
				}
			}
			if (w == 0 && word[0] >= 'a' && word[0] <= 'z') {
				b[o++] = (char)(word[0] - 32);
				word++;
			}
			o += (size_t)sprintf(
				b + o, "%s%s", word,
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
	double t0 = now(), c0 = cpu_now(), t, c;
	if (kd_scan(&h, &n, m, b, len, KD_SCAN_TEXT, NULL, NULL) < 0) {
		fprintf(stderr, "scan: %s\n", kd_error_last());
		return;
	}
	t = now() - t0;
	c = cpu_now() - c0;
	printf("%-8s %8.1f MB  %7.2f s  %8.1f MB/s  %zu hits  %.1f MB/cpu-s\n",
	       name, (double)len / 1e6, t, (double)len / 1e6 / t, n,
	       (double)len / 1e6 / (c > 1e-9 ? c : 1e-9));
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
			kd_query *query = NULL;
			kd_match_opts opt = KD_MATCH_OPTS_INIT;
			kd_result *r = NULL;
			size_t nr = 0;
			for (j = i; j < i + k; j++)
				o += (size_t)snprintf(q + o, sizeof(q) - o,
						      "%s%s", j > i ? " " : "",
						      w[j]);
			if (kd_query_new(&query, KD_SCHEMA_THING) == 0 &&
			    kd_query_add(query, "name", qp) == 0 &&
			    kd_screen(&r, &nr, m, query, &opt) == 0) {
				matches += nr && r[0].match;
				kd_results_free(r);
			}
			kd_query_free(query);
			queries++;
		}
	t = now() - t0;
	printf("%-8s %8.1f MB  %7.2f s  %8.3f MB/s  %zu windows, %zu match\n",
	       "naive", (double)len / 1e6, t, (double)len / 1e6 / t, queries,
	       matches);
	free(copy);
}

/* ---- real prose ---------------------------------------------------------- */

struct run {
	size_t alerts, mentions;
	double secs; /* thread CPU seconds of the scan (fastest repeat) */
	double wall; /* wall seconds of that same run */
};

/* Per-core speed of one "after" scan, for the table after the prose. */
struct speed {
	char name[64];
	double mb, cpu, wall;
};

/* Every hit of one scan, one line each (BENCH_SCAN_HITS). */
static void dump_hits(const char *dir, const char *name, const kd_scan_hit *h,
		      size_t n)
{
	char p[4096];
	size_t i, k;
	FILE *f;
	snprintf(p, sizeof(p), "%s/%.*s.hits", dir, (int)(strlen(name) - 4),
		 name);
	if ((f = fopen(p, "w")) == NULL) {
		fprintf(stderr, "bench_scan: cannot write %s\n", p);
		return;
	}
	for (i = 0; i < n; i++) {
		const kd_result *r = &h[i].result;
		fprintf(f, "%zu %zu %s %.17g %d", h[i].start, h[i].end,
			kd_entity_id(r->entity), r->score, r->match);
		for (k = 0; k < r->nfeatures; k++)
			fprintf(f, " | %s %.17g %s", r->features[k].name,
				r->features[k].weight, r->features[k].detail);
		for (k = 0; k < h[i].nalso; k++)
			fprintf(f, " + %s %.17g", kd_entity_id(h[i].also[k]),
				h[i].also_score[k]);
		fputc('\n', f);
	}
	fclose(f);
}

static int scan_run(struct run *r, const kd_matcher *m, const char *b,
		    size_t len, unsigned flags, int show, const char *name)
{
	kd_scan_hit *h = NULL;
	size_t n = 0, i;
	int shown = 0;
	int rep = getenv("BENCH_SCAN_REPEAT")
			  ? atoi(getenv("BENCH_SCAN_REPEAT"))
			  : 1;
	memset(r, 0, sizeof(*r));
	/* the fastest of `rep` runs: other helpers' load on a shared
	 * machine only ever slows a run down */
	do {
		double t0 = cpu_now(), w0 = now(), dt, dw;
		kd_scan_free(h);
		h = NULL;
		CALLGRIND_START_INSTRUMENTATION;
		if (kd__scan_opts(&h, &n, m, b, len, KD_SCAN_TEXT, NULL, flags,
				  NULL) < 0) {
			fprintf(stderr, "scan: %s\n", kd_error_last());
			return -1;
		}
		CALLGRIND_STOP_INSTRUMENTATION;
		dt = cpu_now() - t0;
		dw = now() - w0;
		if (r->secs == 0 || dt < r->secs) {
			r->secs = dt;
			r->wall = dw;
		}
	} while (--rep > 0);
	if (flags == 0 && getenv("BENCH_SCAN_HITS"))
		dump_hits(getenv("BENCH_SCAN_HITS"), name, h, n);
	for (i = 0; i < n; i++) {
		if (!h[i].result.match) {
			r->mentions++;
			continue;
		}
		r->alerts++;
		if (shown < show) {
			shown++;
			printf("    %s alert: \"%.*s\" -> %s (%.2f, %s: %s)\n",
			       name, (int)(h[i].end - h[i].start),
			       b + h[i].start,
			       kd_entity_caption(h[i].result.entity),
			       h[i].result.score, h[i].result.features[0].name,
			       h[i].result.features[0].detail);
		}
	}
	kd_scan_free(h);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The "after" scans' speed per core: MB per CPU second of the scanning
 * thread (CLOCK_THREAD_CPUTIME_ID: what issue 12's "MB/s per core"
 * means, and what other load on a shared machine leaves nearly alone)
 * beside wall-clock MB/s (cpu/wall below 1: the thread waited for a
 * core), per corpus, overall, and the slowest corpus by CPU, of all,
 * of the tuned ones and of the kept-aside ones (aside_*). Lines start
 * with "core " so scripts reading the table above skip them.
 */
static void print_speed(const struct speed *sp, size_t n)
{
	double mb = 0, cpu = 0, wall = 0;
	size_t i, k, lo[3] = { n, n, n };
	static const char *const what[3] = { "all", "tuned", "aside" };
	if (n == 0)
		return;
	printf("\nper core: MB per CPU second of the scanning thread, and "
	       "wall MB/s\n");
	printf("core %-18s %6s %9s %9s %9s\n", "corpus", "MB", "MB/cpu-s",
	       "MB/s wall", "cpu/wall");
	for (i = 0; i < n; i++) {
		int aside = strncmp(sp[i].name, "aside_", 6) == 0;
		printf("core %-18s %6.2f %9.1f %9.1f %9.2f\n", sp[i].name,
		       sp[i].mb, sp[i].mb / sp[i].cpu, sp[i].mb / sp[i].wall,
		       sp[i].cpu / sp[i].wall);
		mb += sp[i].mb;
		cpu += sp[i].cpu;
		wall += sp[i].wall;
		for (k = 0; k < 3; k++)
			if ((k == 0 || (k == 2) == aside) &&
			    (lo[k] == n ||
			     sp[i].mb / sp[i].cpu <
				     sp[lo[k]].mb / sp[lo[k]].cpu))
				lo[k] = i;
	}
	printf("core %-18s %6.2f %9.1f %9.1f %9.2f\n", "overall", mb, mb / cpu,
	       mb / wall, cpu / wall);
	for (k = 0; k < 3; k++)
		if (lo[k] < n)
			printf("core min %-5s %-18s %9.1f MB/cpu-s\n", what[k],
			       sp[lo[k]].name, sp[lo[k]].mb / sp[lo[k]].cpu);
}

static void run_prose(const kd_matcher *m, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char *names[256];
	size_t nn = 0, i, k;
	int show = getenv("BENCH_SCAN_SHOW") ? atoi(getenv("BENCH_SCAN_SHOW"))
					     : 0;
	const char *only = getenv("BENCH_SCAN_ONLY");
	/* the alerts of kept-aside corpora are not shown unless asked for:
	 * looking at them is tuning on them */
	int show_aside = getenv("BENCH_SCAN_SHOW_ASIDE") != NULL;
	double tb = 0, ta = 0, mbt = 0, amb[2] = { 0, 0 };
	size_t al0[2] = { 0, 0 }, al1[2] = { 0, 0 }, nsp = 0;
	struct speed sp[256];
	if (d == NULL) {
		printf("prose: %s missing (python3 bench/make_prose.py), "
		       "skipped\n",
		       dir);
		return;
	}
	while ((de = readdir(d)) != NULL && nn < 256) {
		size_t l = strlen(de->d_name);
		if (l > 4 && strcmp(de->d_name + l - 4, ".txt") == 0 &&
		    (only == NULL || strstr(de->d_name, only) != NULL))
			names[nn++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, nn, sizeof(names[0]), cmp_str);
	{
		/* the tables built on first use (word lexicon, country
		 * words, edit costs: ~90 M instructions once a process;
		 * the spelling classes of people's names, ~31 M, which
		 * the scanner's given-name check reads; the naming-culture
		 * table of the sound-alike factor) are built here,
		 * not in the first corpus's time */
		static const char warm[] =
			"Präsident Wladimir Putin traf Angela Merkel in "
			"Berlin. Сергей Лавров сказал. 김정은 위원장은 말했다. "
			"John Smith and Mary Jones met in Rome.";
		kd_scan_hit *h = NULL;
		size_t n = 0;
		(void)kd__name_pop_info_class("a", 1);
		(void)kd__name_culture("a", 1); /* culture table, classes */
		if (kd__scan_opts(&h, &n, m, warm, sizeof(warm) - 1,
				  KD_SCAN_TEXT, NULL, KD_SCAN_F_LEGACY,
				  NULL) == 0)
			kd_scan_free(h);
		h = NULL;
		if (kd__scan_opts(&h, &n, m, warm, sizeof(warm) - 1,
				  KD_SCAN_TEXT, NULL, 0, NULL) == 0)
			kd_scan_free(h);
	}
	printf("\nprose (%s): alerts/MB and MB/s, before -> after\n", dir);
	printf("%-18s %6s  %9s %9s  %9s %9s %10s\n", "corpus", "MB",
	       "alerts/MB", "MB/s", "alerts/MB", "MB/s", "mention/MB");
	for (i = 0; i < nn; i++) {
		char p[4096];
		size_t len = 0;
		char *b;
		struct run r0, r1;
		double mbs;
		snprintf(p, sizeof(p), "%s/%s", dir, names[i]);
		b = slurp(p, &len);
		if (b == NULL || len == 0) {
			free(b);
			continue;
		}
		mbs = (double)len / 1e6;
		memset(&r0, 0, sizeof(r0));
		r0.secs = 1e-9;
		if ((getenv("BENCH_SCAN_NO_BEFORE") != NULL ||
		     scan_run(&r0, m, b, len, KD_SCAN_F_LEGACY, 0, "") == 0) &&
		    scan_run(&r1, m, b, len, 0,
			     strncmp(names[i], "aside_", 6) != 0 || show_aside
				     ? show
				     : 0,
			     names[i]) == 0) {
			printf("%-18.*s %6.2f  %9.1f %9.1f  %9.2f %9.1f "
			       "%10.2f\n",
			       (int)(strlen(names[i]) - 4), names[i], mbs,
			       (double)r0.alerts / mbs,
			       r0.secs > 1e-6 ? mbs / r0.secs : 0.0,
			       (double)r1.alerts / mbs, mbs / r1.secs,
			       (double)r1.mentions / mbs);
			snprintf(sp[nsp].name, sizeof(sp[nsp].name), "%.*s",
				 (int)(strlen(names[i]) - 4), names[i]);
			sp[nsp].mb = mbs;
			sp[nsp].cpu = r1.secs > 1e-9 ? r1.secs : 1e-9;
			sp[nsp].wall = r1.wall > 1e-9 ? r1.wall : 1e-9;
			nsp++;
			tb += r0.secs;
			ta += r1.secs;
			mbt += mbs;
			k = strncmp(names[i], "aside_", 6) == 0;
			amb[k] += mbs;
			al0[k] += r0.alerts;
			al1[k] += r1.alerts;
		}
		free(b);
	}
	if (mbt > 0)
		printf("%-18s %6.2f  %9s %9.1f  %9s %9.1f\n", "all", mbt, "",
		       tb > 1e-3 ? mbt / tb : 0.0, "", mbt / ta);
	for (k = 0; k < 2; k++)
		if (amb[k] > 0)
			printf("%-18s %6.2f  %9.1f %9s  %9.2f\n",
			       k ? "all aside" : "all tuned", amb[k],
			       (double)al0[k] / amb[k], "",
			       (double)al1[k] / amb[k]);
	print_speed(sp, nsp);
	for (i = 0; i < nn; i++)
		free(names[i]);
}

/* ---- names in sentences ---------------------------------------------------- */

#define MAX_EXP 8

/* Entities kd_screen matches for `name` within 0.05 of the best. */
static size_t screen_set(const kd_matcher *m, const char *name,
			 kd_schema schema, const kd_entity **out)
{
	kd_query *q = NULL;
	kd_match_opts opt = KD_MATCH_OPTS_INIT;
	kd_result *r = NULL;
	size_t nr = 0, i, n = 0;
	int rc;
	opt.limit = MAX_EXP;
	rc = kd_query_new(&q, schema);
	if (rc == 0)
		rc = kd_query_add(q, "name", name);
	if (rc == 0)
		rc = kd_screen(&r, &nr, m, q, &opt);
	kd_query_free(q);
	if (rc < 0)
		return 0;
	for (i = 0; i < nr && n < MAX_EXP; i++)
		if (r[i].match && r[i].score >= r[0].score - 0.05)
			out[n++] = r[i].entity;
	kd_results_free(r);
	return n;
}

/*
 * Is e one of the expected records? 1: the record itself; 2: a record
 * the lists' cross-list linking (src/resolve/link.c: a UN reference, a
 * shared identifier, the same name and birth date) puts in the same
 * party as an expected one, as `kordon screen` groups them
 * (kd_db_cluster_of()): the OFAC record of a person whose UN and UK
 * records screen slightly higher for the listed spelling is the same
 * person, not a miss. Unlinked records of a namesake still do not count.
 */
static int in_set(const kd_db *db, const kd_entity *e,
		  const kd_entity *const *set, size_t n)
{
	const kd_entity *party = kd_db_cluster_of(db, e);
	size_t i;
	int how = 0;
	for (i = 0; i < n && how != 1; i++)
		if (set[i] == e)
			how = 1;
		else if (party != e && kd_db_cluster_of(db, set[i]) == party)
			how = 2;
	return how;
}

/* Did the scan find one of the expected entities over [s, e)? 1: an
 * expected record, 2: only a record linked to one (in_set()), 0: no. */
static int scan_found(const kd_db *db, const kd_matcher *m, const char *sent,
		      size_t s, size_t e, const kd_entity *const *exp,
		      size_t nexp, unsigned flags, size_t *other)
{
	kd_scan_hit *h = NULL;
	size_t n = 0, i, k;
	int ok = 0;
	if (kd__scan_opts(&h, &n, m, sent, strlen(sent), KD_SCAN_TEXT, NULL,
			  flags, NULL) < 0)
		return 0;
	for (i = 0; i < n; i++) {
		int hit = 0;
		if (!h[i].result.match)
			continue;
		if (h[i].start < e && h[i].end > s) {
			hit = in_set(db, h[i].result.entity, exp, nexp);
			for (k = 0; k < h[i].nalso && hit != 1; k++) {
				int a = in_set(db, h[i].also[k], exp, nexp);
				hit = a == 1 || hit == 0 ? a : hit;
			}
		} else {
			(*other)++;
		}
		ok = hit == 1 || ok == 0 ? hit : ok;
	}
	kd_scan_free(h);
	return ok;
}

/* Rows of one listed person are kept aside (never looked at when
 * tuning, BENCH_SCAN_MISSES shows them only with BENCH_SCAN_SHOW_ASIDE)
 * when the FNV-1a hash of the listed name is 0 mod 4: a quarter of the
 * persons, with all their spellings. */
static int aside_row(const char *listed)
{
	unsigned h = 2166136261u;
	for (; *listed; listed++)
		h = (h ^ (unsigned char)*listed) * 16777619u;
	return h % 4 == 0;
}

static void run_sentences(const kd_db *db, const kd_matcher *m,
			  const char *path)
{
	static const char *const langs[] = { "de", "fr", "pl", "es",
					     "cs", "ru", "ko" };
	enum { NL = 7 };
	size_t tot[NL] = { 0 }, scr[NL] = { 0 }, f0[NL] = { 0 }, f1[NL] = { 0 },
	       f1s[NL] = { 0 }, oth0[NL] = { 0 }, oth1[NL] = { 0 }, noexp = 0,
	       i, ta[NL] = { 0 }, fa[NL] = { 0 }, TA = 0, FA = 0;
	int show_aside = getenv("BENCH_SCAN_SHOW_ASIDE") != NULL;
	size_t T = 0, S = 0, F0 = 0, F1 = 0, F1S = 0;
	/* rows counted only through a linked record (in_set() 2): screen,
	 * after, after on the aside rows */
	size_t LS = 0, L1 = 0, L1A = 0;
	int misses = getenv("BENCH_SCAN_MISSES") != NULL;
	char line[4096];
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		printf("sentences: %s missing, skipped\n", path);
		return;
	}
	if (fgets(line, sizeof(line), f) == NULL) { /* header */
		fclose(f);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		char *lang = strtok(line, "\t"), *ss = strtok(NULL, "\t"),
		     *se = strtok(NULL, "\t"), *listed = strtok(NULL, "\t"),
		     *sent = strtok(NULL, "\n"), spell[1024];
		const kd_entity *exp[MAX_EXP], *sp[MAX_EXP];
		size_t nexp, nsp, s, e, li;
		int a, b, sf;
		if (sent == NULL)
			continue;
		for (li = 0; li < NL && strcmp(langs[li], lang); li++)
			;
		if (li == NL)
			continue;
		s = strtoul(ss, NULL, 10);
		e = strtoul(se, NULL, 10);
		if (e <= s || e > strlen(sent) || e - s >= sizeof(spell))
			continue;
		memcpy(spell, sent + s, e - s);
		spell[e - s] = '\0';
		/* every row names a listed person: the expected records are
		 * the listed name screened as a person (as any thing, Han
		 * Yu-Ro reads "yu" as the Korean legal form yuhan hoesa and
		 * finds CEC LIMITED) */
		nexp = screen_set(m, listed, KD_SCHEMA_PERSON, exp);
		if (nexp == 0) {
			noexp++;
			continue;
		}
		nsp = screen_set(m, spell, KD_SCHEMA_THING, sp);
		sf = nsp > 0 ? in_set(db, sp[0], exp, nexp) : 0;
		a = scan_found(db, m, sent, s, e, exp, nexp, KD_SCAN_F_LEGACY,
			       &oth0[li]) != 0;
		b = scan_found(db, m, sent, s, e, exp, nexp, 0, &oth1[li]);
		LS += (size_t)(sf == 2);
		L1 += (size_t)(b == 2);
		L1A += (size_t)(b == 2 && aside_row(listed));
		if (misses && b != 1 && (show_aside || !aside_row(listed)))
			printf("    %s %s%s: %s  [%s]\n", b ? "linked" : "miss",
			       lang, sf ? " (screen finds)" : "", sent, listed);
		sf = sf != 0;
		b = b != 0;
		if (aside_row(listed)) {
			ta[li]++;
			fa[li] += (size_t)b;
		}
		tot[li]++;
		scr[li] += (size_t)sf;
		f0[li] += (size_t)a;
		f1[li] += (size_t)b;
		f1s[li] += (size_t)(b && sf);
	}
	fclose(f);
	printf("\nnames in sentences (%s): found, before -> after\n", path);
	printf("%-5s %5s  %9s  %8s %8s  %13s  %12s  %s\n", "lang", "n",
	       "screen", "before", "after", "after|screen", "other alerts",
	       "after: tuned / aside (n)");
	for (i = 0; i < NL; i++) {
		if (tot[i] == 0)
			continue;
		printf("%-5s %5zu  %8.1f%%  %7.1f%% %7.1f%%  %12.1f%%  %5zu -> "
		       "%-4zu  %5.1f%% / %5.1f%% (%zu)\n",
		       langs[i], tot[i],
		       100.0 * (double)scr[i] / (double)tot[i],
		       100.0 * (double)f0[i] / (double)tot[i],
		       100.0 * (double)f1[i] / (double)tot[i],
		       scr[i] ? 100.0 * (double)f1s[i] / (double)scr[i] : 0,
		       oth0[i], oth1[i],
		       tot[i] > ta[i] ? 100.0 * (double)(f1[i] - fa[i]) /
						(double)(tot[i] - ta[i])
				      : 0,
		       ta[i] ? 100.0 * (double)fa[i] / (double)ta[i] : 0,
		       ta[i]);
		TA += ta[i];
		FA += fa[i];
		T += tot[i];
		S += scr[i];
		F0 += f0[i];
		F1 += f1[i];
		F1S += f1s[i];
	}
	if (T)
		printf("%-5s %5zu  %8.1f%%  %7.1f%% %7.1f%%  %12.1f%%  (%zu "
		       "rows: "
		       "listed name not found by screen, left out)\n",
		       "all", T, 100.0 * (double)S / (double)T,
		       100.0 * (double)F0 / (double)T,
		       100.0 * (double)F1 / (double)T,
		       S ? 100.0 * (double)F1S / (double)S : 0, noexp);
	if (T > TA && TA)
		printf("%-5s after: tuned %.1f%% (%zu), aside %.1f%% (%zu)\n",
		       "all", 100.0 * (double)(F1 - FA) / (double)(T - TA),
		       T - TA, 100.0 * (double)FA / (double)TA, TA);
	if (T)
		printf("%-5s found on a record the lists' linking puts in the "
		       "party of an expected one (not an expected record "
		       "itself): screen %zu, after %zu (tuned %zu, aside "
		       "%zu)\n",
		       "all", LS, L1, L1 - L1A, L1A);
}

int main(int argc, char **argv)
{
	size_t mb = 24, len;
	const char *data = KD_SOURCE_DIR "/data";
	const char *prose = getenv("KORDON_PROSE") ? getenv("KORDON_PROSE")
						   : "/tmp/kordon-prose";
	int synthetic = 1, pos = 0, k;
	kd_db *db = NULL;
	kd_matcher *m = NULL;
	kd_parse_err err;
	char *b;
	double t0 = now();
	for (k = 1; k < argc; k++) {
		if (strcmp(argv[k], "--prose") == 0 && k + 1 < argc)
			prose = argv[++k];
		else if (strcmp(argv[k], "--no-synthetic") == 0)
			synthetic = 0;
		else if (pos++ == 0)
			mb = (size_t)strtoul(argv[k], NULL, 10);
		else
			data = argv[k];
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (kd_db_load(&db, data, NULL, &err) < 0 ||
	    kd_matcher_new(&m, db) < 0) {
		fprintf(stderr, "bench_scan: %s\n", kd_error_last());
		return 2;
	}
	printf("lists: %zu entities, loaded and prepared in %.2f s\n",
	       kd_db_count(db), now() - t0);
	if (getenv("BENCH_SCAN_NO_SENTENCES") == NULL)
		run_sentences(db, m,
			      getenv("BENCH_SCAN_SENTENCES")
				      ? getenv("BENCH_SCAN_SENTENCES")
				      : KD_SOURCE_DIR
				      "/bench/data/scan_sentences.tsv");
	run_prose(m, prose);
	if (!synthetic)
		goto out;
	printf("\nsynthetic corpora\n");
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
out:
	kd_matcher_free(m);
	kd_db_free(db);
	return 0;
}
