/*
 * test_scan_parts.c - the count of matched name parts a comparison
 * gives the scanner (struct kd_name_cmp.parts): the pairs of the
 * alignment, a joined pair one, those of a word and an initial left
 * out. text_family.c's ko_word_matched() reads it to tell a Korean name
 * (every syllable matched) from an ordinary word read syllable by
 * syllable; it used to count the same pairs in the explanation text.
 */
#include "test.h"
#include "match/matcher.h"
#include "text/text.h"

#include <string.h>

/* The comparison of query with a listed person's name (no index:
 * uniform weights), with its explanation. */
static struct kd_name_cmp compared(const char *query, const char *listed)
{
	struct kd_name *a = NULL, *b = NULL;
	struct kd_name_cmp c;
	memset(&c, 0, sizeof(c));
	c.parts = -1;
	if (kd__name_analyze(&a, query, strlen(query), 0) == 0 &&
	    kd__name_analyze(&b, listed, strlen(listed), 0) == 0) {
		struct kd_qvar qa, qb;
		kd__qvar_from(&qa, NULL, &a->vars[0]);
		kd__qvar_from(&qb, NULL, &b->vars[0]);
		qb.person = 1;
		kd__compare_vars(&c, &qa, &qb, 1);
	}
	kd__name_free(a);
	kd__name_free(b);
	return c;
}

KD_TEST(scan_parts__pairs_but_initials)
{
	struct kd_name_cmp c;
	/* two words matched: two parts */
	c = compared("Sergei Lavrov", "Sergei Viktorovich LAVROV");
	CHECK_INT(c.parts, 2);
	/* an initial matched to a given name is no part of its own */
	c = compared("S. Lavrov", "Sergei Viktorovich LAVROV");
	CHECK(strstr(c.detail, " initial") != NULL);
	CHECK_INT(c.parts, 1);
	/* one query word and two listed ones joined: one part */
	c = compared("Wonuk Pae", "PAE Won Uk");
	CHECK(strstr(c.detail, "joined") != NULL);
	CHECK_INT(c.parts, 2);
	/* nothing alike: none */
	c = compared("Maria Schmidt", "Sergei Viktorovich LAVROV");
	CHECK_INT(c.parts, 0);
}
