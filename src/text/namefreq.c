/*
 * namefreq.c - how common a name word is among people in general: the
 * information it carries about who a person is, in nats.
 *
 * The token idf of the index measures rarity on the sanctions lists; a
 * name common in the world (Carlos, David, Zhang) can be rare there, and
 * two such words matching part of a longer listed name are then taken
 * for more evidence than they are. This table counts the name words of
 * ~110k people (Latin-script names of Wikidata persons, CC0; made by
 * bench/fit/make_name_freq.py, shipped in data/names/wikidata/), compiled
 * in at build time (CMakeLists.txt writes generated/name_freq.inc), so
 * the library needs no data file at run time.
 *
 *     kd__name_pop_info(word) = log(total / (count + 0.5))
 *
 * "david" (1 in ~200 words) ~ 5.3 nats; a word never seen ~ 13 nats.
 *
 * kd__name_pop_info_class() counts a word's spelling class instead: the
 * counts of all words with its skeleton (skeleton.c) summed. A name is
 * written many ways (Muhammad, Mohammed, Mohamed: muxemet), each spelling
 * rarer than the name, and the matcher takes any of them for the others:
 * the people a query word can stand for are its class.
 *
 * kd__name_pop_info_native() also counts the common names of the naming
 * cultures that write in Arabic or a Brahmic script (Persian, Arabic,
 * Urdu, Nepali, Indian: data/names/faker/name_freq_native.tsv, same
 * scale): for a query word read from those scripts, whose writer belongs
 * to those cultures (Karimi, Thapa, Adhikari are common names there).
 *
 * kd__name_culture() tells in which naming cultures a word is a name
 * people carry (KD_CULTURE_* bits: Europe and the Americas, Arabic /
 * Persian / Turkic / South Asian, Chinese, Korean, other), from the
 * first names and surnames of every @faker-js/faker locale, the 1990 US
 * Census lists and the Unihan readings (data/names/culture/, made by
 * bench/fit/make_name_culture.py), compiled in the same way.
 */
#include "text/text.h"
#include "util/util.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static const char g_tsv[] =
#include "name_freq.inc"
	;

static const char g_native_tsv[] =
#include "name_freq_native.inc"
	;

static const char g_culture_tsv[] =
#include "name_culture.inc"
	;

#define FREQ_SLOTS   65536  /* power of two, > 2 x rows */
#define CULT_SLOTS   131072 /* power of two, > 2 x rows */
#define NATIVE_SLOTS 8192   /* power of two, > 2 x rows */

struct freq {
	const char *s; /* into g_tsv, terminated by '\t' */
	uint32_t count;
	uint8_t len;
};

static struct freq g_tab[FREQ_SLOTS];
static struct freq g_native[NATIVE_SLOTS];
static struct freq g_culture[CULT_SLOTS];   /* word -> KD_CULTURE_* bits */
static struct freq g_cult_skel[CULT_SLOTS]; /* skeleton -> bits of its words */
static char g_cult_skel_text[CULT_SLOTS];   /* the skeletons, '\t'-ended */
static struct freq g_skel[FREQ_SLOTS];      /* skeleton -> summed counts */
static char g_skel_text[FREQ_SLOTS * 8];    /* the skeletons, '\t'-ended */
static double g_total = 1;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static struct freq *slot_sized(struct freq *tab, uint32_t size, const char *s,
			       size_t n)
{
	uint32_t i = (uint32_t)kd__hash(s, n) & (size - 1), k;
	for (k = 0; k < size; k++, i = (i + 1) & (size - 1)) {
		struct freq *e = &tab[i];
		if (e->s == NULL || (e->len == n && memcmp(e->s, s, n) == 0))
			return e;
	}
	return NULL;
}

static struct freq *slot_in(struct freq *tab, const char *s, size_t n)
{
	return slot_sized(tab, FREQ_SLOTS, s, n);
}

static struct freq *slot(const char *s, size_t n)
{
	return slot_in(g_tab, s, n);
}

/* A table of skeletons: its slots and the skeletons' text ('\t'-ended). */
struct skel_tab {
	struct freq *tab;
	uint32_t size;
	char *text;
	size_t cap, used;
};

static struct skel_tab g_classes = { g_skel, FREQ_SLOTS, g_skel_text,
				     sizeof(g_skel_text), 0 };
static struct skel_tab g_cult_classes = { g_cult_skel, CULT_SLOTS,
					  g_cult_skel_text,
					  sizeof(g_cult_skel_text), 0 };

/* The entry of word w's skeleton in t (added when new), or NULL. */
static struct freq *skel_entry(struct skel_tab *t, const char *w, size_t n)
{
	char k[64];
	size_t kn = kd__skeleton(k, sizeof(k), w, n);
	struct freq *e;
	if (kn == 0 || kn >= sizeof(k) ||
	    (e = slot_sized(t->tab, t->size, k, kn)) == NULL)
		return NULL;
	if (e->s == NULL) {
		if (t->used + kn + 1 > t->cap)
			return NULL;
		memcpy(t->text + t->used, k, kn);
		t->text[t->used + kn] = '\t';
		e->s = t->text + t->used;
		e->len = (uint8_t)kn;
		t->used += kn + 1;
	}
	return e;
}

/* Add a word's count to its skeleton's. */
static void add_skel(const char *w, size_t n, uint32_t c)
{
	struct freq *e = skel_entry(&g_classes, w, n);
	if (e)
		e->count += c;
}

/* Lines "word\tcount\n" of tsv into `into` (size slots); a "total\tN"
 * line sets g_total. One pass over the text (CMakeLists.txt keeps only
 * lines of letters, a tab and digits): parsed at the first query. */
static void load_into(struct freq *into, uint32_t size, const char *tsv)
{
	const char *p = tsv;
	while (*p) {
		const char *w = p;
		size_t n;
		unsigned long c = 0;
		while (*p && *p != '\t' && *p != '\n')
			p++;
		n = (size_t)(p - w);
		if (*p == '\t') {
			for (p++; *p >= '0' && *p <= '9'; p++)
				c = c * 10 + (unsigned long)(*p - '0');
			if (n == 5 && memcmp(w, "total", 5) == 0) {
				g_total = c > 0 ? (double)c : 1;
			} else if (n > 0 && n < 64) {
				struct freq *e = slot_sized(into, size, w, n);
				if (e && e->s == NULL) {
					e->s = w;
					e->len = (uint8_t)n;
					e->count = (uint32_t)c;
				}
			}
		}
		while (*p && *p != '\n')
			p++;
		if (*p == '\n')
			p++;
	}
}

static void load(void)
{
	load_into(g_tab, FREQ_SLOTS, g_tsv);
}

/* The native table, on first use (most queries are in Latin script) */
static pthread_once_t g_native_once = PTHREAD_ONCE_INIT;

static void load_native(void)
{
	load_into(g_native, NATIVE_SLOTS, g_native_tsv);
}

double kd__name_pop_info(const char *s, size_t len)
{
	const struct freq *e;
	double count = 0;
	pthread_once(&g_once, load);
	if (len > 0 && len < 64 && (e = slot(s, len)) != NULL && e->s)
		count = e->count;
	return log(g_total / (count + 0.5));
}

/* The spelling classes, built on first use (the skeletons of every row):
 * a matcher that does not weigh them (class_share 0) never pays for it. */
static pthread_once_t g_class_once = PTHREAD_ONCE_INIT;

static void load_classes(void)
{
	size_t i;
	pthread_once(&g_once, load);
	for (i = 0; i < FREQ_SLOTS; i++)
		if (g_tab[i].s)
			add_skel(g_tab[i].s, g_tab[i].len, g_tab[i].count);
}

double kd__name_pop_info_class(const char *skel, size_t skel_len)
{
	const struct freq *e;
	double count = 0;
	pthread_once(&g_class_once, load_classes);
	if (skel_len > 0 && skel_len < 64 &&
	    (e = slot_in(g_skel, skel, skel_len)) != NULL && e->s)
		count = e->count;
	return log(g_total / (count + 0.5));
}

double kd__name_pop_info_native(const char *s, size_t len)
{
	const struct freq *e;
	double count = 0;
	pthread_once(&g_once, load);
	pthread_once(&g_native_once, load_native);
	if (len > 0 && len < 64 && (e = slot(s, len)) != NULL && e->s)
		count = e->count;
	if (len > 0 && len < 64 &&
	    (e = slot_sized(g_native, NATIVE_SLOTS, s, len)) != NULL && e->s &&
	    e->count > count)
		count = e->count;
	return log(g_total / (count + 0.5));
}

/* The culture table and the Arabic, Chinese and Korean bits of its
 * spelling classes (those of every such word OR-ed into its skeleton's:
 * 7k of the 53k words, so the first use stays cheap), on first use (the
 * screening of a person only). */
static pthread_once_t g_culture_once = PTHREAD_ONCE_INIT;

static void load_culture(void)
{
	size_t i;
	load_into(g_culture, CULT_SLOTS, g_culture_tsv);
	for (i = 0; i < CULT_SLOTS; i++) {
		struct freq *e;
		if (g_culture[i].s != NULL &&
		    (g_culture[i].count & KD_CULTURE_ASIA) &&
		    (e = skel_entry(&g_cult_classes, g_culture[i].s,
				    g_culture[i].len)) != NULL)
			e->count |= g_culture[i].count & KD_CULTURE_ASIA;
	}
}

static unsigned culture_in(struct freq *tab, const char *s, size_t len)
{
	const struct freq *e;
	pthread_once(&g_culture_once, load_culture);
	if (len > 0 && len < 64 &&
	    (e = slot_sized(tab, CULT_SLOTS, s, len)) != NULL && e->s)
		return e->count;
	return 0;
}

unsigned kd__name_culture(const char *s, size_t len)
{
	return culture_in(g_culture, s, len);
}

unsigned kd__name_culture_class(const char *skel, size_t skel_len)
{
	return culture_in(g_cult_skel, skel, skel_len);
}
