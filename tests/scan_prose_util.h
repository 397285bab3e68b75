/*
 * scan_prose_util.h - helpers shared by the prose scan tests
 * (test_scan_quiet.c, test_scan_names.c, test_scan_inflect.c,
 * test_scan_korean.c): scan a text on the bundled lists and count its
 * alerts and mentions, check a list of texts for a number of alerts, and
 * check the one name a text must yield.
 */
#ifndef KD_SCAN_PROSE_UTIL_H
#define KD_SCAN_PROSE_UTIL_H

#include "test.h"
#include "test_scan.h"

#include <stdio.h>
#include <string.h>

/* Scan s as text: alerts (match) and mentions (no match); the entity id
 * and feature of the first of each. */
static inline void scan_kinds(const char *s, size_t *alerts, size_t *mentions,
			      const char **alert_id,
			      const char **mention_feature)
{
	kd_scan_hit *h = NULL;
	size_t n = 0, i;
	*alerts = *mentions = 0;
	*alert_id = *mention_feature = NULL;
	if (kd_test_bundled(NULL) == NULL ||
	    kd_scan(&h, &n, kd_test_bundled(NULL), s, strlen(s), KD_SCAN_TEXT,
		    kd_test_scan_thr(KD_DEFAULT_THRESHOLD), NULL) < 0) {
		*alerts = (size_t)-1;
		return;
	}
	for (i = 0; i < n; i++) {
		if (h[i].result.match) {
			if ((*alerts)++ == 0)
				*alert_id = kd_entity_id(h[i].result.entity);
		} else if ((*mentions)++ == 0) {
			*mention_feature = h[i].result.features[0].name;
		}
	}
	kd_scan_free(h);
}

/* The number of alerts of s scanned as text ((size_t)-1 on error), for
 * CHECK_INT(scan_alerts(s), want) at the caller's line. */
static inline size_t scan_alerts(const char *s)
{
	size_t a, m;
	const char *id, *feat;
	scan_kinds(s, &a, &m, &id, &feat);
	return a;
}

/* Each text of texts[0..n) gives exactly `want` alerts (0: it stays
 * quiet, 1: it finds its one person); a text that does not is named. */
static inline void expect_alerts(const char *const *texts, size_t n,
				 size_t want)
{
	size_t i, a, m;
	const char *id, *feat;
	for (i = 0; i < n; i++) {
		scan_kinds(texts[i], &a, &m, &id, &feat);
		if (a != want)
			fprintf(stderr, "  '%s': %zu alerts (first %s)\n",
				texts[i], a, id ? id : "none");
		CHECK_INT(a, want);
	}
}
#define EXPECT_ALERTS(texts, want) \
	expect_alerts((texts), sizeof(texts) / sizeof((texts)[0]), (want))

/* A text naming one person: its span, its entity id (printed when it
 * differs, to name the failing text). */
static inline void expect_name(const char *t, const char *want_id,
			       size_t want_s, size_t want_e)
{
	const char *id = NULL;
	size_t s = 0, e = 0, n = kd_test_scan_str(t, &id, &s, &e);
	if (n != 1 || id == NULL || strcmp(id, want_id) != 0 || s != want_s ||
	    e != want_e)
		fprintf(stderr, "  '%s': %zu hits, first %s [%zu, %zu)\n", t, n,
			id ? id : "none", s, e);
	CHECK_INT(n, 1);
	CHECK_STR(id ? id : "none", want_id);
	CHECK_INT(s, want_s);
	CHECK_INT(e, want_e);
}

#endif
