/*
 * cmd_scan.c - `kordon scan`: find listed names and identifiers in a text
 * file or a payment message (SWIFT MT, ISO 20022 pacs.008).
 *
 * Output, human: one block per hit with the input line in context and the
 * mention underlined (^^^ beneath it, or an ANSI underline when stdout is
 * a terminal), then the entity, its list, the score and the explanation.
 * A hit is "MATCH" (an alert) or "mention": a one-word vessel or company
 * name found without context (no MV/tanker/legal form/IMO/quotes next to
 * it), shown for completeness but not an alert ("match":false in JSON,
 * and it does not make the exit status 1).
 * --json: {"hits":[{"start","end","text","field"?,"score","match",
 * "entity":{"id","caption","schema","datasets"},"explanations":{},
 * "also":[{"id","score"}]}]} with byte offsets into the input.
 *
 * Exit status as screen: 0 no match, 1 match, 2 error (a malformed MT
 * block or XML names its line and column).
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char scan_help[] =
	"usage: kordon scan [options] FILE|-\n"
	"Find listed persons, companies, vessels and identifiers in text or\n"
	"payment messages.\n"
	"  --format F        auto (default), text, mt (SWIFT MT103/202),\n"
	"                    pacs008 (ISO 20022 XML)\n"
	"  --threshold T     match threshold (default 0.70); single-word\n"
	"                    mentions need T + (1 - T) / 2 (0.85)\n"
	"  --json            machine-readable hits with byte offsets\n"
	"  --no-merge        one hit per list record, not per party\n"
	"hits are alerts (MATCH) or low-priority mentions: a one-word vessel\n"
	"or company name without context (\"match\":false in JSON)\n"
	"exit status: 0 no match, 1 match, 2 error\n";

static int read_all(char **out, size_t *len, const char *path)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;
	if (f == NULL) {
		fprintf(stderr, "kordon scan: %s: %s\n", path, strerror(errno));
		return -1;
	}
	for (;;) {
		size_t r;
		if (n + 65536 + 1 > cap) {
			char *nb;
			cap = cap ? cap * 2 : 131072;
			nb = realloc(buf, cap);
			if (nb == NULL) {
				fprintf(stderr, "kordon scan: out of memory\n");
				free(buf);
				if (f != stdin)
					fclose(f);
				return -1;
			}
			buf = nb;
		}
		r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
		if (r == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "kordon scan: %s: read error\n", path);
		free(buf);
		if (f != stdin)
			fclose(f);
		return -1;
	}
	if (f != stdin)
		fclose(f);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

/* Copy s[0..n) as valid UTF-8 (bad bytes become U+FFFD). */
static char *clean_utf8(const char *s, size_t n)
{
	char *o = malloc(3 * n + 1), *p = o;
	size_t i = 0;
	if (o == NULL)
		return NULL;
	while (i < n) {
		size_t bad = kd__utf8_invalid_at(s + i, n - i);
		size_t good = bad ? bad - 1 : n - i;
		memcpy(p, s + i, good);
		p += good;
		i += good;
		if (bad) {
			memcpy(p, "\xEF\xBF\xBD", 3);
			p += 3;
			i++;
		}
	}
	*p = '\0';
	return o;
}

static int print_json(const kd_db *db, const char *in, const kd_scan_hit *h,
		      size_t n)
{
	char *json;
	if (kd_scan_json(&json, NULL, db, in, h, n) < 0)
		return -1;
	puts(json);
	kd_free(json);
	return 0;
}

/* Display width of s[0..n): code points, tabs kept as tabs. */
static void pad_to(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		if (s[i] == '\t')
			fputc('\t', stdout);
		else if ((b & 0xC0) != 0x80)
			fputc(' ', stdout);
	}
}

static void print_human(const kd_db *db, const char *in, size_t len,
			const kd_scan_hit *h, size_t n)
{
	int tty = isatty(STDOUT_FILENO);
	size_t i, k, line = 1, at = 0;
	printf("%zu hit%s\n", n, n == 1 ? "" : "s");
	for (i = 0; i < n; i++) {
		const kd_entity *e = h[i].result.entity;
		size_t ls = h[i].start, le = h[i].start, he, col;
		char *pre, *mid, *post;
		for (; at < h[i].start; at++) /* hits are sorted by start */
			line += in[at] == '\n';
		while (ls > 0 && in[ls - 1] != '\n')
			ls--;
		while (le < len && in[le] != '\n' && in[le] != '\r')
			le++;
		he = h[i].end < le ? h[i].end : le;
		col = h[i].start - ls + 1;
		printf("\n%zu:%zu%s%s  %.2f %s  %s\n", line, col,
		       h[i].field[0] ? "  field " : "", h[i].field,
		       h[i].result.score,
		       h[i].result.match ? "MATCH" : "mention",
		       kd_entity_caption(e));
		pre = clean_utf8(in + ls, h[i].start - ls);
		mid = clean_utf8(in + h[i].start, he - h[i].start);
		post = clean_utf8(in + he, le - he);
		if (pre && mid && post) {
			fputs("    ", stdout);
			if (tty)
				printf("%s\x1b[4;1m%s\x1b[0m%s\n", pre, mid,
				       post);
			else
				printf("%s%s%s\n", pre, mid, post);
			if (!tty) {
				fputs("    ", stdout);
				pad_to(in + ls, h[i].start - ls);
				for (k = h[i].start; k < he; k++)
					if (((unsigned char)in[k] & 0xC0) !=
					    0x80)
						fputc('^', stdout);
				fputc('\n', stdout);
			}
		}
		free(pre);
		free(mid);
		free(post);
		printf("    %s, %s, list ", kd_entity_id(e),
		       kd_schema_name(kd_entity_schema(e)));
		cli_print_lists(stdout, db, e, 0);
		putchar('\n');
		cli_print_links(stdout, db, e, "    ");
		cli_print_features(stdout, &h[i].result, "    ");
		for (k = 0; k < h[i].nalso; k++)
			printf("    also              %.2f  %s %s\n",
			       h[i].also_score[k], kd_entity_id(h[i].also[k]),
			       kd_entity_caption(h[i].also[k]));
	}
}

int cmd_scan(struct cli *c, int argc, char **argv)
{
	enum kd_scan_format fmt = KD_SCAN_AUTO;
	double threshold = KD_DEFAULT_THRESHOLD;
	kd_match_opts mo = KD_MATCH_OPTS_INIT;
	const char *path = NULL;
	kd_matcher *m = NULL;
	kd_scan_hit *hits = NULL;
	size_t nhits = 0, len = 0, i;
	char *in = NULL;
	kd_parse_err perr;
	int k, json = 0, merge = 1, rc = 2;

	for (k = 1; k < argc; k++) {
		const char *a = argv[k];
		const char *v = k + 1 < argc ? argv[k + 1] : NULL;
		if (cli_is_help(a)) {
			fputs(scan_help, stdout);
			return 0;
		}
		if (strcmp(a, "--json") == 0) {
			json = 1;
		} else if (strcmp(a, "--no-merge") == 0) {
			merge = 0;
		} else if ((strcmp(a, "--format") == 0 ||
			    strcmp(a, "--threshold") == 0) &&
			   v == NULL) {
			fprintf(stderr, "kordon scan: %s needs a value\n", a);
			return 2;
		} else if (strcmp(a, "--format") == 0) {
			if (kd_scan_format_parse(&fmt, v) < 0) {
				fprintf(stderr, "kordon scan: %s\n",
					kd_error_last());
				return 2;
			}
			k++;
		} else if (strcmp(a, "--threshold") == 0) {
			char *end;
			errno = 0;
			threshold = strtod(v, &end);
			if (errno || end == v || *end || threshold < 0 ||
			    threshold > 1) {
				fprintf(stderr,
					"kordon scan: --threshold wants "
					"a number in [0,1], got '%s'\n",
					v);
				return 2;
			}
			k++;
		} else if (a[0] == '-' && a[1] == '-') {
			fprintf(stderr, "kordon scan: unknown option %s\n", a);
			return 2;
		} else if (path == NULL) {
			path = a;
		} else {
			fprintf(stderr, "kordon scan: one FILE only\n");
			return 2;
		}
	}
	if (path == NULL) {
		fputs("kordon scan: missing FILE (or - for stdin)\n", stderr);
		return 2;
	}
	if (read_all(&in, &len, path) < 0)
		return 2;
	if (cli_load(c))
		goto done;
	if (kd_matcher_new(&m, c->db) < 0) {
		fprintf(stderr, "kordon scan: %s\n", kd_error_last());
		goto done;
	}
	mo.threshold = threshold;
	if (kd_scan(&hits, &nhits, m, in, len, fmt, &mo, &perr) < 0) {
		if (perr.code == KD_EPARSE)
			fprintf(stderr, "kordon scan: %s:%lu:%lu: %s\n", path,
				perr.line, perr.col, perr.msg);
		else
			fprintf(stderr, "kordon scan: %s\n", kd_error_last());
		goto done;
	}
	if (merge) /* one hit per party, not per list record */
		kd_scan_hits_merge(hits, nhits, c->db);
	if (json) {
		if (print_json(c->db, in, hits, nhits) < 0) {
			fprintf(stderr, "kordon scan: %s\n", kd_error_last());
			goto done;
		}
	} else {
		print_human(c->db, in, len, hits, nhits);
	}
	rc = 0;
	for (i = 0; i < nhits; i++)
		if (hits[i].result.match)
			rc = 1;
done:
	kd_scan_free(hits);
	kd_matcher_free(m);
	free(in);
	return rc;
}
