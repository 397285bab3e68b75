/*
 * fuzz_name.c - kd__name_analyze (person and organisation mode) and
 * kd__text_fold on arbitrary bytes. Properties:
 *   - never crash; invalid UTF-8 is not an error;
 *   - the result respects the limits and the token invariants
 *     (lowercase ASCII [a-z0-9], len/skel_len match, kinds in range);
 *   - analysing twice gives identical tokens (the second run goes
 *     through the per-thread transliteration memo, the first may not);
 *   - kd__text_fold gives ASCII whose map is non-decreasing and points
 *     inside the input.
 */
#include "text/text.h"
#include "util/util.h"

#include <stdint.h>
#include <string.h>

static void check_tok(const struct kd_ntok *t)
{
	size_t i;
	if (t->len == 0 || strlen(t->s) != t->len ||
	    strlen(t->skel) != t->skel_len || t->kind > KD_TOK_INITIAL)
		__builtin_trap();
	for (i = 0; i < t->len; i++)
		if (!((t->s[i] >= 'a' && t->s[i] <= 'z') ||
		      (t->s[i] >= '0' && t->s[i] <= '9')))
			__builtin_trap();
}

static void check_same(const struct kd_name *a, const struct kd_name *b)
{
	size_t v, i;
	if (a->nvars != b->nvars || a->scripts != b->scripts)
		__builtin_trap();
	for (v = 0; v < a->nvars; v++) {
		const struct kd_nvar *x = &a->vars[v], *y = &b->vars[v];
		if (x->ntok != y->ntok || x->ntok == 0 ||
		    x->ntok > KD_NAME_MAX_TOKS)
			__builtin_trap();
		for (i = 0; i < x->ntok; i++) {
			check_tok(&x->toks[i]);
			if (strcmp(x->toks[i].s, y->toks[i].s) != 0 ||
			    strcmp(x->toks[i].skel, y->toks[i].skel) != 0 ||
			    x->toks[i].kind != y->toks[i].kind)
				__builtin_trap();
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	unsigned flags;
	char *out = NULL;
	size_t outlen, *map = NULL, i;

	for (flags = 0; flags <= KD_NAME_ORG; flags += KD_NAME_ORG) {
		struct kd_name *a = NULL, *b = NULL;
		if (kd__name_analyze(&a, s, size, flags) != 0)
			continue;
		if (a->nvars > KD_NAME_MAX_VARS)
			__builtin_trap();
		if (kd__name_analyze(&b, s, size, flags) == 0) {
			check_same(a, b);
			kd__name_free(b);
		}
		kd__name_free(a);
	}

	if (kd__text_fold(&out, &outlen, &map, s, size) == 0) {
		if (strlen(out) != outlen)
			__builtin_trap();
		for (i = 0; i < outlen; i++)
			if ((unsigned char)out[i] >= 0x80 || map[i] >= size ||
			    (i > 0 && map[i] < map[i - 1]))
				__builtin_trap();
		kd__free(out);
		kd__free(map);
	}
	return 0;
}
