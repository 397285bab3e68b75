/*
 * fuzz_compare.c - name comparison on arbitrary bytes. The input is two
 * names separated by a newline (the first byte picks the schema).
 * Properties: no crash; the score is in [0,1]; comparing twice gives the
 * same score; comparison is symmetric.
 */
#include "kordon.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *a, *b, *nl;
	kd_result r1, r2, r3;
	kd_schema schema;
	if (size < 2 || size > 4096)
		return 0;
	schema = (kd_schema)(data[0] % KD_SCHEMA__COUNT);
	a = malloc(size);
	if (a == NULL)
		return 0;
	memcpy(a, data + 1, size - 1);
	a[size - 1] = '\0';
	nl = strchr(a, '\n');
	b = nl ? nl + 1 : a;
	if (nl)
		*nl = '\0';
	if (kd_compare(&r1, NULL, schema, a, b) == 0 &&
	    kd_compare(&r2, NULL, schema, a, b) == 0 &&
	    kd_compare(&r3, NULL, schema, b, a) == 0) {
		if (r1.score < 0 || r1.score > 1 || r1.score != r2.score ||
		    r1.score != r3.score)
			abort();
	}
	free(a);
	return 0;
}
