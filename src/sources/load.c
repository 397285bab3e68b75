/*
 * load.c - kd_db_load(): decide which files to read and with which parser,
 * run the parsers, and freeze the result atomically.
 *
 * A directory is described by its manifest `lists.conf` when present:
 *
 *     [un_sc]                      ; source id
 *     format = un_xml              ; parser (see kd__parser_for)
 *     file = un/consolidated.xml.gz
 *     title = UN Security Council Consolidated List
 *     publisher = United Nations Security Council
 *     date = 2026-02-27            ; used when the file carries no date
 *     url = https://...
 *     deltas = d1.delta.json d2.delta.json
 *                                  ; FtM only: delta files applied in
 *                                  ; order on top of `file` (OpenSanctions
 *                                  ; publishes a base plus daily deltas)
 *
 * Without a manifest every file of the directory whose format can be
 * sniffed is loaded (OFAC alt/add/comments files ride along with their
 * sdn.csv). A single file is sniffed the same way.
 */
#include "sources.h"
#include "resolve/resolve.h"

#include <ctype.h>
#include <dirent.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const struct {
	const char *name;
	kd_parser_fn fn;
} g_parsers[] = {
	{ "un_xml", kd__parse_un_xml },
	{ "ofac_xml", kd__parse_ofac_xml },
	{ "canada_xml", kd__parse_canada_xml },
	{ "eu_xml", kd__parse_eu_xml },
	{ "ofac_csv", kd__parse_ofac_csv },
	{ "uk_csv", kd__parse_uk_csv },
	{ "ftm_json", kd__parse_ftm_json },
	{ "os_simple_csv", kd__parse_os_simple_csv },
	{ "custom_csv", kd__parse_custom_csv },
};

kd_parser_fn kd__parser_for(const char *format)
{
	size_t i;
	for (i = 0; i < sizeof(g_parsers) / sizeof(g_parsers[0]); i++)
		if (strcmp(g_parsers[i].name, format) == 0)
			return g_parsers[i].fn;
	return NULL;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* Files that belong to an OFAC CSV set and are read by its sdn.csv. */
static bool ofac_companion(const char *base)
{
	static const char *const names[] = {
		"alt.csv",      "add.csv",      "sdn_comments.csv",
		"cons_alt.csv", "cons_add.csv", "cons_comments.csv"
	};
	size_t i, n;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		n = strlen(names[i]);
		if (strncmp(base, names[i], n) == 0 &&
		    (base[n] == '\0' || strcmp(base + n, ".gz") == 0))
			return true;
	}
	return false;
}

const char *kd__sniff_format(const char *path)
{
	const char *base = base_name(path);
	struct kd_reader *r;
	char head[4096];
	size_t hl = 0;
	const char *line;
	size_t len;
	int lines = 0;

	if (strncmp(base, "sdn.csv", 7) == 0 ||
	    strncmp(base, "cons_prim.csv", 13) == 0)
		return "ofac_csv";
	if (ofac_companion(base))
		return NULL;
	if (kd__reader_open(&r, path) < 0)
		return NULL;
	while (hl < sizeof(head) - 1 && lines < 40 &&
	       kd__reader_line(r, &line, &len) == 1) {
		size_t n = len < sizeof(head) - 1 - hl ? len
						       : sizeof(head) - 1 - hl;
		memcpy(head + hl, line, n);
		hl += n;
		if (hl < sizeof(head) - 1)
			head[hl++] = '\n';
		lines++;
	}
	head[hl] = '\0';
	kd__reader_close(r);
	if (strstr(head, "<CONSOLIDATED_LIST"))
		return "un_xml";
	if (strstr(head, "<sdnList"))
		return "ofac_xml";
	if (strstr(head, "<data-set") && strstr(head, "<record"))
		return "canada_xml";
	if (strstr(head, "http://eu.europa.ec/fpi/fsd/export") ||
	    (strstr(head, "<export") && strstr(head, "<sanctionEntity")))
		return "eu_xml";
	if (strncmp(head, "Last Updated", 12) == 0)
		return "uk_csv";
	if (head[0] == '{' &&
	    (strstr(head, "\"schema\"") || strstr(head, "\"op\"")))
		return "ftm_json";
	if (strncmp(head, "\"id\",\"schema\",\"name\",\"aliases\"", 30) == 0 ||
	    (strncmp(head, "id,schema,name,aliases", 22) == 0 &&
	     strstr(head, "last_seen") != NULL))
		return "os_simple_csv";
	if (kd__has_suffix(base, ".csv") || kd__has_suffix(base, ".csv.gz")) {
		/* a custom list: any CSV whose header has a name column */
		char *nl = strchr(head, '\n'), *p;
		if (nl)
			*nl = '\0';
		for (p = head; *p; p++)
			*p = (char)tolower((unsigned char)*p);
		if (strstr(head, "name"))
			return "custom_csv";
	}
	return NULL;
}

/* ---- manifest ------------------------------------------------------------------ */

struct entry {
	char id[64], format[32], file[512], title[256], publisher[256],
		date[32], deltas[512];
	unsigned long line;
};

static int set_field(struct entry *e, const char *key, const char *val,
		     const char *mpath, unsigned long line, kd_parse_err *err)
{
	struct {
		const char *k;
		char *dst;
		size_t cap;
	} f[] = { { "format", e->format, sizeof(e->format) },
		  { "file", e->file, sizeof(e->file) },
		  { "title", e->title, sizeof(e->title) },
		  { "publisher", e->publisher, sizeof(e->publisher) },
		  { "date", e->date, sizeof(e->date) },
		  { "deltas", e->deltas, sizeof(e->deltas) },
		  { "url", NULL, 0 },
		  { "sha256", NULL, 0 } /* kordon update: checksum URL */ };
	size_t i;
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		if (strcmp(f[i].k, key) != 0)
			continue;
		if (f[i].dst && strlen(val) >= f[i].cap)
			return kd__parse_fail(err, KD_EPARSE, mpath, line, 0,
					      "value of '%s' too long", key);
		if (f[i].dst)
			snprintf(f[i].dst, f[i].cap, "%s", val);
		return 0;
	}
	return kd__parse_fail(err, KD_EPARSE, mpath, line, 0,
			      "unknown key '%s'", key);
}

static int read_manifest(struct entry **out, size_t *nout, const char *mpath,
			 kd_parse_err *err)
{
	struct kd_reader *r;
	struct entry *ents = NULL, *cur = NULL;
	size_t n = 0, cap = 0;
	const char *line;
	size_t len;
	int rc;
	int e = kd__reader_open(&r, mpath);
	*out = NULL;
	*nout = 0;
	if (e < 0)
		return kd__parse_fail(err, KD_EIO, mpath, 0, 0, "cannot open");
	while ((rc = kd__reader_line(r, &line, &len)) == 1) {
		unsigned long ln = kd__reader_lineno(r);
		const char *s = line, *eq;
		char key[64], val[600];
		size_t kl, vl;
		kd__trim(&s, &len);
		if (len == 0 || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			if (s[len - 1] != ']' || len - 2 == 0 ||
			    len - 2 >= 64) {
				e = kd__parse_fail(err, KD_EPARSE, mpath, ln, 1,
						   "bad section header");
				goto fail;
			}
			if ((e = kd__grow((void **)&ents, &cap, n + 1,
					  sizeof(*ents))) < 0)
				goto fail;
			cur = &ents[n++];
			memset(cur, 0, sizeof(*cur));
			memcpy(cur->id, s + 1, len - 2);
			cur->line = ln;
			continue;
		}
		eq = memchr(s, '=', len);
		if (eq == NULL || cur == NULL) {
			e = kd__parse_fail(err, KD_EPARSE, mpath, ln, 1,
					   cur ? "expected key = value"
					       : "key outside a [section]");
			goto fail;
		}
		{
			const char *k = s, *v = eq + 1;
			kl = (size_t)(eq - s);
			vl = len - kl - 1;
			kd__trim(&k, &kl);
			kd__trim(&v, &vl);
			if (kl >= sizeof(key) || vl >= sizeof(val)) {
				e = kd__parse_fail(err, KD_EPARSE, mpath, ln, 1,
						   "line too long");
				goto fail;
			}
			memcpy(key, k, kl);
			key[kl] = '\0';
			memcpy(val, v, vl);
			val[vl] = '\0';
		}
		if ((e = set_field(cur, key, val, mpath, ln, err)) < 0)
			goto fail;
	}
	kd__reader_close(r);
	if (rc < 0) {
		kd__free(ents);
		return kd__parse_fail(err, rc, mpath, 0, 0, "%s",
				      kd_error_last());
	}
	*out = ents;
	*nout = n;
	return 0;
fail:
	kd__reader_close(r);
	kd__free(ents);
	return e;
}

/* ---- loading ------------------------------------------------------------------- */

struct plan {
	struct kd_sink **sinks;
	size_t n, cap;
	bool strict; /* kd_load_opts.strict */
};

/* Apply the manifest's delta files, in order, to the sink of the base. */
static int apply_deltas(struct kd_sink *s, kd_parser_fn fn, const char *dir,
			const struct entry *desc, const char *mpath,
			kd_parse_err *err)
{
	const char *d = desc->deltas;
	int e = 0;
	if (*d && strcmp(desc->format, "ftm_json") != 0)
		return kd__parse_fail(err, KD_EPARSE, mpath, desc->line, 0,
				      "[%s] deltas are for format ftm_json",
				      desc->id);
	while (*d && e == 0) {
		char path[4096];
		size_t n;
		while (*d == ' ' || *d == '\t' || *d == ',')
			d++;
		n = strcspn(d, " \t,");
		if (n == 0)
			break;
		snprintf(path, sizeof(path), "%s/%.*s", dir, (int)n, d);
		e = fn(s, path, err);
		d += n;
	}
	return e;
}

static int load_one(struct plan *p, const char *file, const char *format,
		    const struct entry *desc, const char *dir,
		    const char *mpath, kd_parse_err *err)
{
	kd_parser_fn fn = kd__parser_for(format);
	struct kd_sink *s;
	int e;
	if (fn == NULL)
		return kd__parse_fail(err, KD_EFORMAT, file, 0, 0,
				      "unknown format '%s'", format);
	if ((e = kd__grow((void **)&p->sinks, &p->cap, p->n + 1,
			  sizeof(*p->sinks))) < 0)
		return e;
	if ((e = kd__sink_new(&s, file, format)) < 0)
		return e;
	kd__sink_set_strict(s, p->strict);
	e = fn(s, file, err);
	if (e == 0 && desc)
		e = apply_deltas(s, fn, dir, desc, mpath, err);
	if (p->strict && (e == 0 || e == KD_EPARSE)) {
		/* the first problem, where the parser did not name it */
		unsigned long line;
		const char *why = kd__sink_strict_failure(s, &line);
		if (why && (e == 0 || (err && err->line == 0)))
			e = kd__parse_fail(err, KD_EPARSE, file, line, 0, "%s",
					   why);
	}
	if (e < 0) {
		kd__sink_free(s);
		if (err && err->file[0] == '\0')
			kd__parse_fail(err, e, file, 0, 0, "%s",
				       kd_error_last());
		return e;
	}
	if (desc) {
		e = kd__sink_describe(
			s, desc->id, desc->title[0] ? desc->title : NULL,
			desc->publisher[0] ? desc->publisher : NULL, NULL);
		if (e == 0 && desc->date[0])
			e = kd__sink_set_fallback_date(s, desc->date);
		if (e < 0) {
			kd__sink_free(s);
			return e;
		}
	}
	p->sinks[p->n++] = s;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_dir(struct plan *p, const char *dir, kd_parse_err *err)
{
	char path[4096];
	DIR *d;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int e = 0;

	snprintf(path, sizeof(path), "%s/lists.conf", dir);
	if (access(path, R_OK) == 0) {
		struct entry *ents;
		size_t ne;
		if ((e = read_manifest(&ents, &ne, path, err)) < 0)
			return e;
		for (i = 0; i < ne && e == 0; i++) {
			char file[4096];
			if (ents[i].format[0] == '\0' ||
			    ents[i].file[0] == '\0') {
				e = kd__parse_fail(err, KD_EPARSE, path,
						   ents[i].line, 0,
						   "[%s] needs format and file",
						   ents[i].id);
				break;
			}
			snprintf(file, sizeof(file), "%s/%s", dir,
				 ents[i].file);
			e = load_one(p, file, ents[i].format, &ents[i], dir,
				     path, err);
		}
		kd__free(ents);
		return e;
	}
	d = opendir(dir);
	if (d == NULL)
		return kd__parse_fail(err, KD_EIO, dir, 0, 0,
				      "cannot open directory");
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if ((e = kd__grow((void **)&names, &cap, n + 1,
				  sizeof(*names))) < 0)
			break;
		if ((names[n] = kd__strdup(de->d_name)) == NULL) {
			e = kd__error_set(KD_ENOMEM, "out of memory");
			break;
		}
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n && e == 0; i++) {
		struct stat st;
		const char *fmt;
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if ((fmt = kd__sniff_format(path)) == NULL)
			continue;
		e = load_one(p, path, fmt, NULL, NULL, NULL, err);
	}
	for (i = 0; i < n; i++)
		kd__free(names[i]);
	kd__free(names);
	return e;
}

/* libxml2 2.9 initialises global tables lazily and racily: do it once,
 * before any XML parser can run on another thread. */
static pthread_once_t g_xml_once = PTHREAD_ONCE_INIT;

static void init_xml(void)
{
	xmlInitParser();
}

int kd_db_load(kd_db **out, const char *path, const kd_load_opts *opts,
	       kd_parse_err *err)
{
	struct plan p = { NULL, 0, 0, false };
	struct stat st;
	size_t i;
	int e;
	*out = NULL;
	pthread_once(&g_xml_once, init_xml);
	if (err)
		memset(err, 0, sizeof(*err));
	p.strict = opts && opts->version >= 1 && opts->strict;
	if (path == NULL || stat(path, &st) != 0)
		return kd__parse_fail(err, KD_EIO, path ? path : "(null)", 0, 0,
				      "no such file or directory");
	if (S_ISDIR(st.st_mode)) {
		e = load_dir(&p, path, err);
	} else {
		const char *fmt = kd__sniff_format(path);
		e = fmt ? load_one(&p, path, fmt, NULL, NULL, NULL, err)
			: kd__parse_fail(err, KD_EFORMAT, path, 0, 0,
					 "not a list file Kordon knows");
	}
	if (e == 0 && p.n == 0)
		e = kd__parse_fail(err, KD_EFORMAT, path, 0, 0,
				   "no list files found");
	if (e < 0) {
		for (i = 0; i < p.n; i++)
			kd__sink_free(p.sinks[i]);
		kd__free(p.sinks);
		return e;
	}
	e = kd__db_build(out, p.sinks, p.n);
	kd__free(p.sinks);
	/* after parsing, before any matcher: link the records of one party
	 * on several lists (src/resolve/), unless opts->no_link */
	if (e == 0 && !(opts && opts->version >= 2 && opts->no_link) &&
	    (e = kd__resolve_db(*out)) < 0) {
		kd_db_free(*out);
		*out = NULL;
	}
	return e;
}
