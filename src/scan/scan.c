/*
 * scan.c - kd_scan(): pick the format, run its scanner, and turn the
 * collected mentions into the final hit list.
 *
 * Every scanner appends hits through kd__scan_add() in whatever order it
 * finds them (names first, then identifiers, field by field). At the end
 * the list is sorted by offset, and of two overlapping hits for the same
 * entity only the better (higher score, then longer) survives: a name
 * line that matched whole and an identifier inside it are one mention.
 * Overlapping hits for different entities are both kept: they are
 * different findings an analyst must see.
 *
 * The per-call cache of scored names (score_span.c) lives in a pool that
 * dies with the call, so kd_scan is reentrant and thread-safe for a
 * shared read-only matcher.
 */
#include "scan/scan_int.h"
#include "match/policy.h"

#include <stdlib.h>
#include <string.h>

/* clang-format off */ /* kd__scan_ctype: 256 entries from one rule */
#define CT(c) ((c) >= '0' && (c) <= '9' ? KD_CT_ALNUM | KD_CT_DIGIT      \
	       : (c) >= 'A' && (c) <= 'Z' ? KD_CT_ALNUM | KD_CT_UPPER    \
	       : (c) >= 'a' && (c) <= 'z' ? KD_CT_ALNUM | KD_CT_LOWER : 0)
#define CT4(c)  CT(c), CT((c) + 1), CT((c) + 2), CT((c) + 3)
#define CT16(c) CT4(c), CT4((c) + 4), CT4((c) + 8), CT4((c) + 12)
#define CT64(c) CT16(c), CT16((c) + 16), CT16((c) + 32), CT16((c) + 48)
const unsigned char kd__scan_ctype[256] = { CT64(0), CT64(64), CT64(128),
					    CT64(192) };
#undef CT
#undef CT4
#undef CT16
#undef CT64
/* clang-format on */

int kd__scan_add(struct kd_scan_ctx *c, const struct kd_seg *g, size_t s,
		 size_t e, const struct kd_scan_match *r)
{
	kd_scan_hit *h;
	size_t i;
	int err;
	if (r->ent == UINT32_MAX || e <= s || !kd__scan_allowed(c, r->ent))
		return 0;
	if ((err = kd__grow((void **)&c->hits, &c->cap, c->nhits + 1,
			    sizeof(*c->hits))) < 0)
		return err;
	h = &c->hits[c->nhits++];
	memset(h, 0, sizeof(*h));
	h->start = kd__seg_off(g, s);
	h->end = kd__seg_off(g, e);
	if (g->field) {
		size_t fl = strlen(g->field);
		if (fl >= sizeof(h->field))
			fl = sizeof(h->field) - 1;
		memcpy(h->field, g->field, fl);
	}
	h->result.entity = kd__index_ent(c->ix, r->ent);
	h->result.score = r->score;
	h->result.match = !c->mention;
	h->result.nfeatures = 1;
	h->result.features[0].name = r->feature ? r->feature : "name_match";
	h->result.features[0].weight = r->score;
	memcpy(h->result.features[0].detail, r->detail,
	       sizeof(h->result.features[0].detail));
	h->result.features[0].detail[sizeof(h->result.features[0].detail) - 1] =
		'\0';
	if (r->cmp) /* what else shaped the name score, as kd_screen says */
		kd__name_explain(&h->result, r->cmp);
	for (i = 0; i < r->nalso; i++) {
		if (!kd__scan_allowed(c, r->also[i]))
			continue;
		h->also[h->nalso] = kd__index_ent(c->ix, r->also[i]);
		h->also_score[h->nalso++] = r->also_score[i];
	}
	return 0;
}

/* A field that holds one name: fold it, squeeze it to "word word" as the
 * text scanner keys names, and score it whole like kd_screen (no prose
 * filters: the field is known to be a name). When that does not match,
 * the value may still mention a name among other words ("MR VLADIMIR
 * PUTIN C/O ..."): scan it as text, without case. */
int kd__scan_name(struct kd_scan_ctx *c, const struct kd_seg *g)
{
	char *f = NULL;
	size_t fl = 0, i, o = 0, s = 0, e = g->len;
	const struct kd_scan_match *r;
	int err = 0, sp = 1;
	while (s < e && (g->s[s] == ' ' || g->s[s] == '\t'))
		s++;
	while (e > s && (g->s[e - 1] == ' ' || g->s[e - 1] == '\t' ||
			 g->s[e - 1] == '\r' || g->s[e - 1] == '\n'))
		e--;
	if (s == e)
		return 0;
	KD_FORWARD(kd__text_fold(&f, &fl, NULL, g->s + s, e - s));
	/* squeeze to "word word" as the text scanner keys names */
	for (i = 0; i < fl; i++) {
		char ch = f[i];
		if (((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))) {
			f[o++] = ch;
			sp = 0;
		} else if (!sp) {
			f[o++] = ' ';
			sp = 1;
		}
	}
	while (o && f[o - 1] == ' ')
		o--;
	if (o == 0)
		goto done;
	KD_FORWARD(kd__scan_score(&r, c, f, o, KD_SCAN_MULTI));
	if (r->ent != UINT32_MAX && r->score >= c->threshold) {
		KD_FORWARD(kd__scan_add(c, g, s, e, r));
		KD_FORWARD(kd__scan_idents(c, g));
		goto done;
	}
	KD_FORWARD(kd__scan_text(c, g, KD_SCAN_NOCASE));
done:
	kd__free(f);
	return err;
}

static int cmp_hit(const void *a, const void *b)
{
	const kd_scan_hit *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	if (x->result.score != y->result.score)
		return x->result.score > y->result.score ? -1 : 1;
	return strcmp(kd__ent_id(x->result.entity),
		      kd__ent_id(y->result.entity));
}

static int better(const kd_scan_hit *a, const kd_scan_hit *b)
{
	if (a->result.score != b->result.score)
		return a->result.score > b->result.score;
	return a->end - a->start >= b->end - b->start;
}

/* Sort; drop a hit overlapped by a better one for the same entity. */
static void finish(struct kd_scan_ctx *c)
{
	size_t i, j, n = c->nhits, o = 0;
	unsigned char *dead;
	if (n == 0)
		return;
	qsort(c->hits, n, sizeof(*c->hits), cmp_hit);
	dead = kd__calloc(n, 1);
	if (dead == NULL)
		return; /* keep the overlaps rather than fail */
	for (i = 0; i < n; i++) {
		for (j = i + 1; j < n && c->hits[j].start < c->hits[i].end;
		     j++) {
			if (dead[i] || dead[j] ||
			    c->hits[i].result.entity !=
				    c->hits[j].result.entity)
				continue;
			if (better(&c->hits[i], &c->hits[j]))
				dead[j] = 1;
			else
				dead[i] = 1;
		}
	}
	for (i = 0; i < n; i++)
		if (!dead[i])
			c->hits[o++] = c->hits[i];
	c->nhits = o;
	kd__free(dead);
}

static int has(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;
	for (i = 0; i + n <= len; i++)
		if (memcmp(s + i, needle, n) == 0)
			return 1;
	return 0;
}

enum kd_scan_format kd_scan_detect(const char *s, size_t len)
{
	size_t i = 0;
	if (s == NULL)
		return KD_SCAN_TEXT;
	{ /* offsets stay those of the input: skip, do not strip */
		const char *body = s;
		size_t n = len;
		if (kd__skip_bom(&body, &n))
			i = (size_t)(body - s);
	}
	while (i < len &&
	       (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	if (len - i >= 3 &&
	    (memcmp(s + i, "{1:", 3) == 0 || memcmp(s + i, "{4:", 3) == 0))
		return KD_SCAN_MT;
	/* "<?xml" or "<Document" (maybe with a namespace prefix) */
	if (i < len && s[i] == '<' &&
	    has(s + i, len - i < 4096 ? len - i : 4096, "pacs.008"))
		return KD_SCAN_PACS008;
	return KD_SCAN_TEXT;
}

int kd_scan_format_parse(enum kd_scan_format *out, const char *s)
{
	static const struct {
		const char *name;
		enum kd_scan_format f;
	} t[] = {
		{ "auto", KD_SCAN_AUTO },       { "text", KD_SCAN_TEXT },
		{ "mt", KD_SCAN_MT },           { "swift", KD_SCAN_MT },
		{ "pacs008", KD_SCAN_PACS008 }, { "pacs.008", KD_SCAN_PACS008 }
	};
	size_t i;
	for (i = 0; s && i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(s, t[i].name) == 0) {
			*out = t[i].f;
			return 0;
		}
	return kd__error_set(KD_EINVAL,
			     "unknown scan format '%s' (auto, text, mt, "
			     "pacs008)",
			     s ? s : "");
}

int kd_scan(kd_scan_hit **out, size_t *nout, const kd_matcher *m,
	    const char *input, size_t len, enum kd_scan_format fmt,
	    const kd_match_opts *opts, kd_parse_err *err)
{
	return kd__scan_opts(out, nout, m, input, len, fmt, opts, 0, err);
}

int kd__scan_allowed(const struct kd_scan_ctx *c, uint32_t ent)
{
	return c->filter == NULL ||
	       c->filter->fn(kd__index_ent(c->ix, ent), c->filter->ctx);
}

int kd__scan_opts(kd_scan_hit **out, size_t *nout, const kd_matcher *m,
		  const char *input, size_t len, enum kd_scan_format fmt,
		  const kd_match_opts *opts, unsigned flags, kd_parse_err *err)
{
	struct kd_scan_ctx c;
	struct kd_seg g;
	struct kd_simx *simx = NULL;
	double threshold = opts ? opts->threshold : KD_DEFAULT_THRESHOLD;
	int e = 0;
	if (out)
		*out = NULL;
	if (nout)
		*nout = 0;
	if (err)
		memset(err, 0, sizeof(*err));
	if (out == NULL || nout == NULL || m == NULL ||
	    (input == NULL && len > 0) || !(threshold >= 0 && threshold <= 1))
		return kd__error_set(KD_EINVAL, "kd_scan: bad argument");
	memset(&c, 0, sizeof(c));
	/* the scopes of kd_screen: version 2 options and later */
	if (opts && opts->version >= 2 && opts->filter) {
		c.filt.fn = opts->filter;
		c.filt.ctx = opts->filter_ctx;
		c.filter = &c.filt;
	}
	c.m = m;
	c.ix = kd__matcher_index(m);
	c.threshold = threshold;
	c.flags = flags;
	c.single_threshold = threshold + (1.0 - threshold) / 2;
	c.pool = kd__pool_new();
	if (c.pool == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	/* the screening state the spans are scored in (candidates scratch,
	 * similarity memo): the thread's, or one of its own when re-entered */
	if ((c.sctx = kd__screen_ctx_acquire()) == NULL) {
		kd__pool_free(c.pool);
		return KD_ENOMEM;
	}
	if (input == NULL)
		input = "";
	/* token similarities kept from span to span (names recur) */
	if ((e = kd__simx_new(&simx, len)) < 0) {
		kd__screen_ctx_release(c.sctx);
		kd__pool_free(c.pool);
		return e;
	}
	kd__simcache_cross(c.sctx->sim, simx);
	if (fmt == KD_SCAN_AUTO)
		fmt = kd_scan_detect(input, len);
	memset(&g, 0, sizeof(g));
	g.s = input;
	g.len = len;
	g.field = "";
	switch (fmt) {
	case KD_SCAN_MT:
		e = kd__scan_mt(&c, input, len, err);
		break;
	case KD_SCAN_PACS008:
		e = kd__scan_pacs008(&c, input, len, err);
		break;
	default:
		e = kd__scan_text(&c, &g, 0);
		break;
	}
	kd__scan_score_end(&c);
	kd__simcache_cross(c.sctx->sim, NULL);
	kd__simx_free(simx);
	kd__map_free(&c.cache);
	kd__pool_free(c.pool);
	kd__screen_ctx_release(c.sctx);
	if (e < 0) {
		kd__free(c.hits);
		return e;
	}
	finish(&c);
	if (c.nhits == 0) {
		kd__free(c.hits);
		c.hits = NULL;
	}
	*out = c.hits;
	*nout = c.nhits;
	return 0;
}

void kd_scan_free(kd_scan_hit *hits)
{
	kd__free(hits);
}
