/*
 * verify.c - is a downloaded list fit to be used? Checked in order of
 * cost, before anything in use is touched:
 *
 *   1. the published checksum, when the list's section names one
 *      (`sha256 = URL` of a sha256sum-style file): compared with the
 *      SHA-256 fetch.c computed over the bytes as published;
 *   2. the format: sniffed from the file's first bytes as for any list
 *      file, and it must be the format lists.conf declares (an HTML error
 *      page served with status 200 stops here);
 *   3. a full parse, as `kordon` itself will load it (a truncated file
 *      fails with file:line:col);
 *   4. the entity count against the version in use: a fall by more than
 *      the configured share (default 20 %) is refused without --force,
 *      because a publisher's broken export looks exactly like that.
 */
#include "update.h"
#include "sources/sources.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* 64 hex digits at s (and not more)? */
static bool parse_hex(unsigned char out[32], const char *s, size_t n)
{
	size_t i;
	if (n < 64 || (n > 64 && isxdigit((unsigned char)s[64])))
		return false;
	for (i = 0; i < 32; i++) {
		int hi = hexval((unsigned char)s[2 * i]);
		int lo = hexval((unsigned char)s[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return false;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return true;
}

int kd__checksum_pick(unsigned char out[32], const char *text, size_t len,
		      const char *name)
{
	const char *p = text, *end = text + len;
	unsigned char h[32];
	int nhash = 0;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *s = p, *f;
		size_t fl;
		p = le + 1;
		while (s < le && isspace((unsigned char)*s))
			s++;
		if (!parse_hex(h, s, (size_t)(le - s)))
			continue;
		if (nhash++ == 0)
			memcpy(out, h, 32);
		/* "HASH  name" or "HASH *name": the named file? */
		f = s + 64;
		while (f < le && (*f == ' ' || *f == '*' || *f == '\t'))
			f++;
		fl = (size_t)(le - f);
		while (fl && isspace((unsigned char)f[fl - 1]))
			fl--;
		if (fl && name && fl == strlen(name) &&
		    strncmp(f, name, fl) == 0) {
			memcpy(out, h, 32);
			return 0;
		}
	}
	if (nhash == 1)
		return 0;
	return kd__error_set(KD_EPARSE,
			     nhash ? "checksum file names no '%s'"
				   : "no SHA-256 in the checksum file",
			     name ? name : "");
}

bool kd__companion(char *out, size_t cap, const char *main_name, int i)
{
	static const char *const sdn[] = { "alt.csv", "add.csv",
					   "sdn_comments.csv" };
	static const char *const cons[] = { "cons_alt.csv", "cons_add.csv",
					    "cons_comments.csv" };
	const char *const *set;
	bool upper;
	size_t k, n;
	if (i < 0 || i > 2)
		return false;
	if (strncasecmp(main_name, "sdn.csv", 7) == 0 &&
	    (main_name[7] == '\0' || strcasecmp(main_name + 7, ".gz") == 0))
		set = sdn;
	else if (strncasecmp(main_name, "cons_prim.csv", 13) == 0 &&
		 (main_name[13] == '\0' ||
		  strcasecmp(main_name + 13, ".gz") == 0))
		set = cons;
	else
		return false;
	upper = isupper((unsigned char)main_name[0]) != 0;
	n = strlen(set[i]);
	if (n >= cap)
		return false;
	for (k = 0; k <= n; k++)
		out[k] = upper ? (char)toupper((unsigned char)set[i][k])
			       : set[i][k];
	return true;
}

int kd__verify_parse(kd_db **out, const char *dir, const char *format,
		     const char *file, char *why, size_t cap)
{
	char path[4096];
	const char *sniffed;
	kd_parse_err err;
	kd_load_opts o = KD_LOAD_OPTS_INIT;
	kd_source_info si;
	*out = NULL;
	snprintf(path, sizeof(path), "%s/%s", dir, file);
	sniffed = kd__sniff_format(path);
	if (sniffed == NULL || strcmp(sniffed, format) != 0) {
		snprintf(why, cap, "the download is not a %s list (%s%s)",
			 format,
			 sniffed ? "it looks like " : "content not recognised",
			 sniffed ? sniffed : "");
		return KD_EFORMAT;
	}
	if (kd_db_load(out, dir, &o, &err) < 0) {
		snprintf(why, cap, "the download does not parse: %s",
			 kd_error_last());
		return KD_EPARSE;
	}
	if (kd_db_source_count(*out) != 1 || kd_db_source(&si, *out, 0) < 0 ||
	    si.entities == 0) {
		snprintf(why, cap, "the download holds no entities");
		kd_db_free(*out);
		*out = NULL;
		return KD_EFORMAT;
	}
	return 0;
}

bool kd__verify_drop(size_t old_n, size_t new_n, double max_drop)
{
	if (new_n >= old_n)
		return true;
	if (max_drop < 0)
		max_drop = 0;
	return (double)(old_n - new_n) <= max_drop * (double)old_n;
}
