/*
 * nickname.c - given names and their nicknames (William ~ Bill, Robert ~
 * Bob, Aleksandr ~ Alex), from the maintained table shipped in
 * data/names/nicknames/names.csv (carltonnorthern/nicknames, Apache-2.0),
 * compiled in at build time (CMakeLists.txt writes it as string
 * literals to generated/nicknames.inc), so the library needs no data
 * file at run time. data/names/east_slavic/names.csv follows it in the
 * same format: the same given name or patronymic in Russian, Ukrainian
 * and Belarusian (Vladimir ~ Volodymyr ~ Uladzimir), paired alike.
 *
 * The rows "formal,has_nickname,nick" become a set of unordered pairs in
 * an open-addressing hash table built once; kd__nickname() asks whether
 * two lowercase ASCII tokens are such a pair. Only direct pairs count:
 * two nicknames of one name (Bill, Will) are not paired, because the
 * table's nicknames are many-to-many (Al: Albert, Alfred, Alexander).
 */
#include "text/text.h"
#include "util/util.h"

#include <pthread.h>
#include <stdbool.h>
#include <string.h>

static const char g_csv[] =
#include "nicknames.inc"
	;

#define NICK_SLOTS 8192 /* power of two, > 2 x rows */

struct nick {
	const char *a, *b; /* into g_csv, terminated by ',' or '\n' */
	uint8_t alen, blen;
};

static struct nick g_tab[NICK_SLOTS];
/* every name of the table once: a token outside it needs no pair lookup */
static struct nick g_names[NICK_SLOTS];

static uint32_t str_hash(const char *a, size_t an)
{
	return (uint32_t)kd__hash(a, an);
}
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static void load(void);

static uint32_t pair_hash(const char *a, size_t an, const char *b, size_t bn)
{
	/* symmetric: (a, b) and (b, a) meet */
	return str_hash(a, an) ^ str_hash(b, bn);
}

static bool same(const char *x, size_t xn, const char *y, size_t yn)
{
	return xn == yn && memcmp(x, y, xn) == 0;
}

static void add_name(const char *a, size_t an)
{
	uint32_t i = str_hash(a, an) & (NICK_SLOTS - 1), k;
	for (k = 0; k < NICK_SLOTS; k++, i = (i + 1) & (NICK_SLOTS - 1)) {
		struct nick *e = &g_names[i];
		if (e->a == NULL) {
			e->a = a;
			e->alen = (uint8_t)an;
			return;
		}
		if (same(e->a, e->alen, a, an))
			return;
	}
}

int kd__nickname_known(const char *s, size_t len)
{
	uint32_t i, k;
	pthread_once(&g_once, load);
	if (len == 0 || len > 63)
		return 0;
	i = str_hash(s, len) & (NICK_SLOTS - 1);
	for (k = 0; k < NICK_SLOTS; k++, i = (i + 1) & (NICK_SLOTS - 1)) {
		const struct nick *e = &g_names[i];
		if (e->a == NULL)
			return 0;
		if (same(e->a, e->alen, s, len))
			return 1;
	}
	return 0;
}

static void add(const char *a, size_t an, const char *b, size_t bn)
{
	add_name(a, an);
	add_name(b, bn);
	uint32_t i = pair_hash(a, an, b, bn) & (NICK_SLOTS - 1), k;
	for (k = 0; k < NICK_SLOTS; k++, i = (i + 1) & (NICK_SLOTS - 1)) {
		struct nick *e = &g_tab[i];
		if (e->a == NULL) {
			e->a = a;
			e->alen = (uint8_t)an;
			e->b = b;
			e->blen = (uint8_t)bn;
			return;
		}
		if ((same(e->a, e->alen, a, an) &&
		     same(e->b, e->blen, b, bn)) ||
		    (same(e->a, e->alen, b, bn) && same(e->b, e->blen, a, an)))
			return;
	}
}

static void load(void)
{
	const char *p = g_csv, *end = g_csv + sizeof(g_csv) - 1;
	bool header = true;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *c1, *c2;
		if (nl == NULL)
			nl = end;
		c1 = memchr(p, ',', (size_t)(nl - p));
		c2 = c1 ? memchr(c1 + 1, ',', (size_t)(nl - c1 - 1)) : NULL;
		if (!header && c2 != NULL && c1 - p < 64 && nl - c2 - 1 < 64 &&
		    c1 > p && nl > c2 + 1)
			add(p, (size_t)(c1 - p), c2 + 1, (size_t)(nl - c2 - 1));
		header = false;
		p = nl + 1;
	}
}

int kd__nickname(const char *a, size_t an, const char *b, size_t bn)
{
	uint32_t i, k;
	pthread_once(&g_once, load);
	if (an == 0 || bn == 0 || same(a, an, b, bn))
		return false;
	i = pair_hash(a, an, b, bn) & (NICK_SLOTS - 1);
	for (k = 0; k < NICK_SLOTS; k++, i = (i + 1) & (NICK_SLOTS - 1)) {
		const struct nick *e = &g_tab[i];
		if (e->a == NULL)
			return false;
		if ((same(e->a, e->alen, a, an) &&
		     same(e->b, e->blen, b, bn)) ||
		    (same(e->a, e->alen, b, bn) && same(e->b, e->blen, a, an)))
			return true;
	}
	return false;
}
