/*
 * test_screen_ctx.c - the explicit screening state (kd_screen_ctx): a
 * context of your own gives kd_screen()'s results, one context serves
 * many queries, a context in use is refused, and a filter callback that
 * itself screens (re-entrant use) leaves the outer results unchanged, in
 * indexed and exhaustive mode.
 */
#include "test.h"
#include "kordon.h"

#include <stdio.h>
#include <string.h>

static const kd_matcher *g_m;

static const kd_matcher *lists(void)
{
	return g_m = kd_test_bundled(NULL);
}

static const char *const g_names[] = {
	"Sergej Lawrow", "Kim Jong Un",    "Bank Melli Iran",
	"Ali Hassan",    "Iouri Ouchakov", "Korea Kwangson Banking Corp",
	"Viktor Bout"
};
#define NNAMES (sizeof(g_names) / sizeof(g_names[0]))

/* A query for one name (NULL when it cannot be built: the caller's
 * kd_screen then fails with KD_EINVAL and the test says so). */
static kd_query *query_of(const char *const *name)
{
	kd_query *q = NULL;
	if (kd_query_new(&q, KD_SCHEMA_THING) < 0)
		return NULL;
	if (kd_query_add(q, "name", *name) < 0) {
		kd_query_free(q);
		return NULL;
	}
	return q;
}

/* Same entities, scores and explanations, in the same order. */
static int same_results(const kd_result *a, size_t na, const kd_result *b,
			size_t nb)
{
	size_t i, k;
	if (na != nb)
		return 0;
	for (i = 0; i < na; i++) {
		if (a[i].entity != b[i].entity || a[i].score != b[i].score ||
		    a[i].match != b[i].match ||
		    a[i].nfeatures != b[i].nfeatures)
			return 0;
		for (k = 0; k < a[i].nfeatures; k++)
			if (strcmp(a[i].features[k].name,
				   b[i].features[k].name) ||
			    strcmp(a[i].features[k].detail,
				   b[i].features[k].detail))
				return 0;
	}
	return 1;
}

KD_TEST(screen_ctx__own_context_gives_kd_screen_results)
{
	kd_screen_ctx *ctx = NULL;
	kd_match_opts o = KD_MATCH_OPTS_INIT;
	size_t i, nonempty = 0;
	int pass;
	if (lists() == NULL) {
		CHECK(!"bundled lists load");
		return;
	}
	CHECK(kd_screen_ctx_new(&ctx) == 0);
	if (ctx == NULL)
		return;
	/* twice over: a context is reused query after query */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < NNAMES; i++) {
			kd_query *q;
			kd_result *a = NULL, *b = NULL;
			size_t na = 0, nb = 0;
			q = query_of(&g_names[i]);
			CHECK(kd_screen(&a, &na, g_m, q, &o) == 0);
			CHECK(kd_screen_with(&b, &nb, ctx, g_m, q, &o) == 0);
			if (!same_results(a, na, b, nb))
				kd_test_fail(__FILE__, __LINE__,
					     "%s: kd_screen_with differs",
					     g_names[i]);
			nonempty += na > 0;
			kd_results_free(a);
			kd_results_free(b);
			kd_query_free(q);
		}
	CHECK(nonempty >= NNAMES); /* the queries do find something */
	kd_screen_ctx_free(ctx);
	kd_screen_ctx_free(NULL);
}

/* A filter that screens another name before it answers (and accepts
 * everything), or screens with the outer call's own context. It screens
 * on its first NESTED calls only: enough to overwrite any state the
 * outer call shares, cheap under the sanitizers (exhaustive screening
 * calls the filter once per entity). */
#define NESTED 4

struct nested {
	kd_screen_ctx *ctx; /* screen in this context (must be refused) */
	size_t calls, inner_found;
	int inner_err;
};

static int screening_filter(const kd_entity *e, void *arg)
{
	struct nested *n = arg;
	kd_query *q;
	kd_result *r = NULL;
	size_t nr = 0;
	int err;
	(void)e;
	if (n->calls >= NESTED)
		return 1;
	q = query_of(&g_names[n->calls++ % NNAMES]);
	if (n->ctx)
		err = kd_screen_with(&r, &nr, n->ctx, g_m, q, NULL);
	else
		err = kd_screen(&r, &nr, g_m, q, NULL);
	if (err < 0)
		n->inner_err = err;
	n->inner_found += nr;
	kd_query_free(q);
	kd_results_free(r);
	return 1;
}

static int accept_all(const kd_entity *e, void *arg)
{
	(void)e;
	(void)arg;
	return 1;
}

KD_TEST(screen_ctx__filter_callback_may_screen)
{
	size_t i;
	int exhaustive;
	if (lists() == NULL)
		return;
	for (exhaustive = 0; exhaustive <= 1; exhaustive++)
		for (i = 0; i < NNAMES; i++) {
			kd_query *q;
			kd_match_opts o = KD_MATCH_OPTS_INIT;
			kd_result *a = NULL, *b = NULL;
			size_t na = 0, nb = 0;
			struct nested n = { NULL, 0, 0, 0 };
			q = query_of(&g_names[i]);
			o.exhaustive = exhaustive;
			o.filter = accept_all;
			CHECK(kd_screen(&a, &na, g_m, q, &o) == 0);
			o.filter = screening_filter;
			o.filter_ctx = &n;
			CHECK(kd_screen(&b, &nb, g_m, q, &o) == 0);
			CHECK(n.calls > 0);
			CHECK(n.inner_err == 0);
			CHECK(n.inner_found > 0);
			if (!same_results(a, na, b, nb))
				kd_test_fail(__FILE__, __LINE__,
					     "%s (%s): a screening filter "
					     "changed the results",
					     g_names[i],
					     exhaustive ? "exhaustive"
							: "indexed");
			kd_results_free(a);
			kd_results_free(b);
			kd_query_free(q);
		}
}

KD_TEST(screen_ctx__context_in_use_is_refused)
{
	kd_screen_ctx *ctx = NULL;
	kd_match_opts o = KD_MATCH_OPTS_INIT;
	struct nested n = { NULL, 0, 0, 0 };
	kd_query *q;
	kd_result *a = NULL, *b = NULL;
	size_t na = 0, nb = 0;
	if (lists() == NULL || kd_screen_ctx_new(&ctx) < 0)
		return;
	n.ctx = ctx;
	q = query_of(&g_names[0]);
	CHECK(kd_screen_with(&a, &na, ctx, g_m, q, &o) == 0);
	o.filter = screening_filter;
	o.filter_ctx = &n;
	/* the callback screens in the context the outer call is using */
	CHECK(kd_screen_with(&b, &nb, ctx, g_m, q, &o) == 0);
	CHECK(n.calls > 0);
	CHECK(n.inner_err == KD_EINVAL);
	CHECK(same_results(a, na, b, nb));
	kd_results_free(a);
	kd_results_free(b);
	/* and it is free again afterwards */
	CHECK(kd_screen_with(&b, &nb, ctx, g_m, q, NULL) == 0);
	kd_results_free(b);
	CHECK(kd_screen_with(&b, &nb, NULL, g_m, q, NULL) == KD_EINVAL);
	kd_query_free(q);
	kd_screen_ctx_free(ctx);
}
