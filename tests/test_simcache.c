/*
 * test_simcache.c - the per-query similarity memo (simcache.c) lies on
 * cache lines whatever the allocator returns: no slot straddles two
 * lines (a straddling slot is two cache misses per lookup); and a pair
 * looked up through the memo, first (computed) and again (kept), gives
 * the similarity computed without it.
 */
#include "test.h"
#include "match/compare_int.h"
#include "text/text.h"
#include "util/util.h"

#include <stdint.h>
#include <stdlib.h>

/* an allocator whose blocks start 16 bytes past a line, as glibc's
 * large (mmap) blocks do */
static void *g_last_raw;

static void *off_malloc(void *ctx, size_t n)
{
	char *p;
	(void)ctx;
	if (posix_memalign((void **)&p, 64, n + 64) != 0)
		return NULL;
	g_last_raw = p + 16;
	return p + 16;
}

static void *off_realloc(void *ctx, void *ptr, size_t n)
{
	(void)ctx;
	(void)ptr;
	(void)n;
	return NULL; /* not used by kd__simcache_new */
}

static void off_free(void *ctx, void *ptr)
{
	(void)ctx;
	if (ptr != NULL)
		free((char *)ptr - 16);
}

KD_TEST(simcache__slots_on_cache_lines)
{
	static const kd_allocator off = { off_malloc, off_realloc, off_free,
					  NULL };
	struct kd_simcache *c;
	kd_set_allocator(&off);
	c = kd__simcache_new();
	kd_set_allocator(NULL);
	CHECK(c != NULL);
	if (c == NULL)
		return;
	/* the block itself is off the line: the cache aligned itself */
	CHECK((uintptr_t)g_last_raw % 64 == 16);
	CHECK((uintptr_t)c->slot % 64 == 0);
	CHECK((uintptr_t)c->jslot % 64 == 0);
	CHECK(64 % sizeof(struct memo_slot) == 0);
	CHECK_INT(sizeof(struct jmemo_slot), 64);
	/* the sizes come from the alignment, not hand padding (a 32-bit
	 * build has smaller pointers) */
	CHECK_INT(_Alignof(struct jmemo_slot), 64);
	CHECK_INT(_Alignof(struct memo_slot), 32);
	CHECK_INT(sizeof(struct memo_slot), 32);
	CHECK(c->mem == g_last_raw);
	CHECK_INT(c->gen, 0);
	CHECK_INT(c->slot[MEMO_SIZE - 1].gen, 0); /* cleared */
	kd_set_allocator(&off);
	kd__simcache_free(c); /* frees the block it was given (off_free) */
	kd_set_allocator(NULL);
}

KD_TEST(simcache__memo_gives_the_computed_similarity)
{
	struct kd_simcache *c = kd__simcache_new();
	struct kd_name *qn = NULL, *ln = NULL;
	struct kd_qvar *q = calloc(2, sizeof(*q)), *l = q + 1;
	double plain, first, again, other;
	CHECK(c != NULL && q != NULL);
	CHECK(kd__name_analyze(&qn, "mohammed", 8, 0) == 0);
	CHECK(kd__name_analyze(&ln, "muhamad", 7, 0) == 0);
	if (c == NULL || q == NULL || qn == NULL || ln == NULL)
		goto done;
	kd__qvar_from_name(q, NULL, qn, 0);
	kd__qvar_from_name(l, NULL, ln, 0);
	l->toks[0].id = 7; /* a listed text: memoised */
	plain = kd__token_sim_memo(q, &q->toks[0], &l->toks[0]);
	kd__simcache_begin(c, q, 1);
	CHECK_INT(q->toks[0].qid, 1);
	first = kd__token_sim_memo(q, &q->toks[0], &l->toks[0]);
	again = kd__token_sim_memo(q, &q->toks[0], &l->toks[0]);
	CHECK(plain > 0.7 && plain < 1);
	CHECK(first == plain);                /* computed */
	CHECK(again == (double)(float)plain); /* kept as float */
	/* another list text is not answered from this slot */
	l->toks[0].id = 8;
	l->toks[0].s = "mahmud";
	l->toks[0].len = 6;
	other = kd__token_sim_memo(q, &q->toks[0], &l->toks[0]);
	CHECK(other < plain);
	/* a new query does not read the last one's slots */
	l->toks[0].id = 7;
	l->toks[0].s = "mohammed";
	l->toks[0].len = 8;
	kd__simcache_begin(c, q, 1);
	CHECK(kd__token_sim_memo(q, &q->toks[0], &l->toks[0]) == 1.0);
done:
	kd__name_free(qn);
	kd__name_free(ln);
	free(q);
	kd__simcache_free(c);
}
