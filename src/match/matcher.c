/*
 * matcher.c - the public kd_matcher handle: the index of a db's names
 * (src/index/), read in place from the db's snapshot when it carries one
 * built by this code, else built from the entities.
 */
#include "matcher.h"

#include <string.h>

int kd_matcher_new(kd_matcher **out, const kd_db *db)
{
	struct kd_matcher *m;
	int err;
	*out = NULL;
	if (db == NULL)
		return kd__error_set(KD_EINVAL, "no db");
	m = kd__calloc(1, sizeof(*m));
	if (m == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	if ((err = kd__index_open(&m->ix, db)) < 0) {
		kd__free(m);
		return err;
	}
	/* the name tables screening reads, parsed here rather than in the
	 * first query (about 17 M instructions under callgrind, a few ms
	 * that the first screening call used to pay; moved, not saved) */
	(void)kd__name_culture("", 0);
	(void)kd__name_pop_info_native("", 0);
	*out = m;
	return 0;
}

void kd_matcher_free(kd_matcher *m)
{
	if (m == NULL)
		return;
	kd__index_release(&m->ix);
	kd__free(m);
}
