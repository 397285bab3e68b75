/*
 * fuzz_ofac_remarks.c - libFuzzer target for the OFAC remarks parser
 * alone, where the splitting of facts and quoted names happens. Properties:
 * never crash; valid UTF-8 never fails (only invalid UTF-8 may give
 * KD_EPARSE); parsing is deterministic (the same input twice gives the
 * same values) and never stores an empty value.
 */
#include "fuzz_common.h"
#include "sources/ofac_remarks.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int parse(struct kd_sink *s, const char *id, const uint8_t *data,
		 size_t size, struct kd_ment **out)
{
	int rc = kd__sink_entity(s, out, id, KD_SCHEMA_ORGANIZATION);
	if (rc < 0)
		return rc;
	return kd__ofac_parse_remarks(*out, (const char *)data, size);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kd_sink *s = NULL;
	struct kd_ment *a, *b;
	int ra, rb;
	size_t i;
	if (kd__sink_new(&s, "fuzz", "ofac_csv") < 0)
		return 0;
	ra = parse(s, "f-1", data, size, &a);
	rb = parse(s, "f-2", data, size, &b);
	if (ra == KD_ENOMEM || rb == KD_ENOMEM)
		goto done;
	if (ra != rb)
		__builtin_trap();
	if (ra < 0 && kd__utf8_invalid_at((const char *)data, size) == 0)
		__builtin_trap();
	if (ra == 0) {
		bool nul = memchr(data, 0, size) != NULL;
		if (a->nprops != b->nprops || a->schema != b->schema)
			__builtin_trap();
		for (i = 0; i < a->nprops; i++)
			if ((!nul && a->props[i].value[0] == '\0') ||
			    strcmp(a->props[i].name, b->props[i].name) != 0 ||
			    strcmp(a->props[i].value, b->props[i].value) != 0)
				__builtin_trap();
	}
done:
	kd__sink_free(s);
	return 0;
}
