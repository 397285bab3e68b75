/*
 * identifiers.c - listed identifiers in text and message fields: IMO
 * numbers, SWIFT BICs, and any other identifier value a list carries
 * (passport, INN, OGRN, registration numbers...).
 *
 * The matcher indexes every identifier property as "#" + its normalised
 * form (kd__ident_norm: uppercase alphanumerics, "IMO" prefix dropped),
 * so a lookup is one hash probe; we only decide which words are worth a
 * probe:
 *
 *   IMO       7 digits whose check digit holds (sum of the first six
 *             digits x 7,6,5,4,3,2, mod 10 = the seventh), with or
 *             without an "IMO" prefix ("IMO 7937317", "IMO: 7937317",
 *             "IMO7937317"); bare numbers must hit an imoNumber
 *   BIC       8 or 11 characters, six letters first (bank + country);
 *             an 11-character BIC also tries its 8-character head (the
 *             lists give either form); written in capitals in prose
 *   other     6..34 characters with at least one digit (pure numbers
 *             need 8+ digits: amounts and years are shorter), equal to a
 *             listed value once normalised
 *
 * An identifier hit scores identifier_score (0.95, data/weights/
 * name_score.txt), as kd_screen's identifier_match: an
 * exact listed identifier is evidence on its own, without a name.
 */
#include "scan/scan_int.h"
#include "name_weights.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define IDENT_SCORE KD_W_IDENTIFIER_SCORE

int kd__imo_valid(const char *d)
{
	int i, sum = 0;
	for (i = 0; i < 7; i++)
		if (d[i] < '0' || d[i] > '9')
			return 0;
	for (i = 0; i < 6; i++)
		sum += (d[i] - '0') * (7 - i);
	return sum % 10 == d[6] - '0';
}

static int alnum(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= '0' && ch <= '9');
}

/* Entities listing identifier `key` (normalised); when `prop` is set the
 * value must come from that property. Fills out (score, detail, also). */
static int lookup(struct kd_scan_match *out, const struct kd_scan_ctx *c,
		  const char *key, const char *prop)
{
	const struct kd_index *m = c->ix;
	char b[72];
	uint32_t n, i;
	const uint32_t *ids;
	memset(out, 0, sizeof(*out));
	out->ent = UINT32_MAX;
	if ((ids = kd__index_lookup_ident_norm(m, key, &n)) == NULL)
		return 0;
	for (i = 0; i < n; i++) {
		uint32_t ei = kd__index_rec(m, ids[i])->entity;
		const struct kd_entity *e = kd__index_ent(m, ei);
		size_t p;
		if (c->filter && !c->filter->fn(e, c->filter->ctx))
			continue; /* out of the caller's scope */
		for (p = 0; p < e->nprops; p++) {
			if (kd__prop_type(kd__prop_name(kd__ent_prop(e, p))) !=
				    KD_PT_IDENT ||
			    (prop && strcmp(kd__prop_name(kd__ent_prop(e, p)),
					    prop) != 0))
				continue;
			kd__ident_norm(b, sizeof(b),
				       kd__prop_value(kd__ent_prop(e, p)));
			if (strcmp(b, key) == 0)
				break;
		}
		if (p == e->nprops)
			continue;
		if (out->ent == UINT32_MAX) {
			out->ent = ei;
			out->score = IDENT_SCORE;
			out->feature = "identifier_match";
			snprintf(out->detail, sizeof(out->detail), "%s %s",
				 kd__prop_name(kd__ent_prop(e, p)),
				 kd__prop_value(kd__ent_prop(e, p)));
		} else if (out->nalso < KD_SCAN_MAX_ALSO && ei != out->ent) {
			out->also[out->nalso] = ei;
			out->also_score[out->nalso++] = IDENT_SCORE;
		}
	}
	return 0;
}

static int bic_shape(const char *w, size_t n)
{
	size_t i;
	if (n != 8 && n != 11)
		return 0;
	for (i = 0; i < 6; i++)
		if (w[i] < 'A' || w[i] > 'Z')
			return 0;
	for (i = 6; i < n; i++)
		if (!((w[i] >= 'A' && w[i] <= 'Z') ||
		      (w[i] >= '0' && w[i] <= '9')))
			return 0;
	return 1;
}

/* A BIC: itself, then (11 characters) its head, (8) with branch XXX. */
static int bic_lookup(struct kd_scan_match *r, const struct kd_scan_ctx *c,
		      const char *w, size_t n)
{
	char k[16];
	memcpy(k, w, n);
	k[n] = '\0';
	lookup(r, c, k, NULL);
	if (r->ent != UINT32_MAX)
		return 1;
	if (n == 11) {
		k[8] = '\0';
		lookup(r, c, k, NULL);
	} else {
		memcpy(k + 8, "XXX", 4);
		lookup(r, c, k, NULL);
	}
	return r->ent != UINT32_MAX;
}

/* Is there an "IMO" prefix right before s[i] ("IMO ", "IMO:", "IMO-",
 * "IMO No. ", "IMO#")? @return its start or SIZE_MAX. */
static size_t imo_prefix(const char *s, size_t i)
{
	size_t k = i, skipped = 0;
	while (k > 0 && skipped < 6 &&
	       (s[k - 1] == ' ' || s[k - 1] == ':' || s[k - 1] == '-' ||
		s[k - 1] == '#' || s[k - 1] == '.')) {
		k--;
		skipped++;
	}
	if (k >= 2 && strncasecmp(s + k - 2, "no", 2) == 0 &&
	    (k < 3 || !alnum(s[k - 3]) || s[k - 3] == ' ')) {
		size_t k2 = k - 2;
		while (k2 > 0 && s[k2 - 1] == ' ')
			k2--;
		if (k2 >= 3 && strncasecmp(s + k2 - 3, "imo", 3) == 0)
			k = k2;
	}
	if (k >= 3 && strncasecmp(s + k - 3, "imo", 3) == 0 &&
	    (k == 3 || !alnum(s[k - 4])))
		return k - 3;
	return SIZE_MAX;
}

static int word(struct kd_scan_ctx *c, const struct kd_seg *g, size_t a,
		size_t b)
{
	const char *w = g->s + a;
	size_t n = b - a, i, ndig = 0, nup = 0;
	struct kd_scan_match r;
	char key[72];
	for (i = 0; i < n; i++) {
		ndig += w[i] >= '0' && w[i] <= '9';
		nup += w[i] >= 'A' && w[i] <= 'Z';
	}
	/* IMO numbers */
	if ((n == 7 && ndig == 7) ||
	    (n == 10 && ndig == 7 && strncasecmp(w, "imo", 3) == 0)) {
		const char *d = w + n - 7;
		size_t start = n == 10 ? a : imo_prefix(g->s, a);
		if (!kd__imo_valid(d))
			return 0;
		memcpy(key, d, 7);
		key[7] = '\0';
		lookup(&r, c, key, "imoNumber");
		if (r.ent == UINT32_MAX)
			return 0;
		return kd__scan_add(c, g, start == SIZE_MAX ? a : start, b, &r);
	}
	if (n < 6 || n > 34)
		return 0;
	if (nup == n && bic_shape(w, n)) {
		if (bic_lookup(&r, c, w, n))
			return kd__scan_add(c, g, a, b, &r);
		return 0;
	}
	if (ndig == 0 || (ndig == n && n < 8))
		return 0;
	/* not kd__ident_norm: it would drop a leading "IMO" */
	for (i = 0; i < n; i++)
		key[i] = (char)(w[i] >= 'a' && w[i] <= 'z' ? w[i] - 32 : w[i]);
	key[n] = '\0';
	lookup(&r, c, key, NULL);
	if (r.ent == UINT32_MAX)
		return 0;
	return kd__scan_add(c, g, a, b, &r);
}

/* The high bit of each of the 8 bytes at p that is an ASCII digit or
 * capital (the byte-range test of Bit Twiddling Hacks, "hasbetween",
 * exact per byte below 0x80 and never set for bytes from 0x80 on). */
static uint64_t digit_or_upper8(const unsigned char *p)
{
	const uint64_t ones = ~(uint64_t)0 / 255, low7 = ones * 127;
	uint64_t x;
	memcpy(&x, p, 8);
#define BETWEEN(x, lo, hi)                           \
	((ones * (127 + (hi)) - ((x)&low7)) & ~(x) & \
	 (((x)&low7) + ones * (127 - (lo))) & ones * 128)
	return BETWEEN(x, 0x2F, 0x3A) | BETWEEN(x, 0x40, 0x5B);
#undef BETWEEN
}

int kd__scan_idents(struct kd_scan_ctx *c, const struct kd_seg *g)
{
	size_t i = 0, n = g->len;
	int err;
	const unsigned char *s = (const unsigned char *)g->s;
	size_t done = 0; /* bytes before it are decided */
	while (i < n) {
		size_t a;
		unsigned ct = kd__scan_ctype[s[i]], cls = 0;
		if (!(ct & (KD_CT_DIGIT | KD_CT_UPPER))) {
			/* word() needs a digit or a capital: skip 8 bytes at
			 * a time while there is neither, then to the first
			 * (the lowest set byte on little-endian machines) */
			uint64_t m = 0;
			while (i + 8 <= n && (m = digit_or_upper8(s + i)) == 0)
				i += 8;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
	__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			if (m != 0) {
				i += (size_t)__builtin_ctzll(m) / 8;
				continue;
			}
#endif
			while (i < n && !(kd__scan_ctype[s[i]] &
					  (KD_CT_DIGIT | KD_CT_UPPER)))
				i++;
			continue;
		}
		/* the word around the digit or capital at i */
		a = i;
		while (a > done && (kd__scan_ctype[s[a - 1]] & KD_CT_ALNUM))
			a--;
		i = a;
		ct = kd__scan_ctype[s[i]];
		do
			cls |= ct;
		while (++i < n && ((ct = kd__scan_ctype[s[i]]) & KD_CT_ALNUM));
		done = i;
		/* word() looks up only words with a digit and words of
		 * capitals that are shaped as a BIC (8 or 11 letters): the
		 * other words of prose cost this loop and nothing else */
		if (!(cls & KD_CT_DIGIT) &&
		    ((cls & KD_CT_LOWER) || (i - a != 8 && i - a != 11)))
			continue;
		/* words glued to non-ASCII letters are not identifiers */
		if ((a > 0 && s[a - 1] >= 0x80) || (i < n && s[i] >= 0x80))
			continue;
		if (i - a >= 6 && (err = word(c, g, a, i)) < 0)
			return err;
	}
	return 0;
}

int kd__scan_bic(struct kd_scan_ctx *c, const struct kd_seg *g)
{
	size_t i = 0, n = g->len;
	while (i < n) {
		size_t a, ls = i;
		/* one line */
		while (i < n && g->s[i] != '\n')
			i++;
		if (g->s[ls] == '/') {
			i++;
			continue; /* account line */
		}
		for (a = ls; a < i; a++) {
			size_t b = a;
			struct kd_scan_match r;
			char up[12];
			if (!alnum(g->s[a]) || (a > ls && alnum(g->s[a - 1])))
				continue;
			while (b < i && alnum(g->s[b]))
				b++;
			if (b - a == 8 || b - a == 11) {
				size_t k;
				for (k = a; k < b; k++) {
					char ch = g->s[k];
					up[k - a] = (char)(ch >= 'a' && ch <= 'z'
								   ? ch - 32
								   : ch);
				}
				if (bic_shape(up, b - a) &&
				    bic_lookup(&r, c, up, b - a))
					return kd__scan_add(c, g, a, b, &r);
			}
		}
		i++;
	}
	return 0;
}
