/*
 * gen_names_ref.c - build-time converter of the maintained name reference
 * data (data/names/rigour/*.yml, OpenSanctions rigour, MIT) into sorted
 * static C tables that src/text/tokens.c compiles in.
 *
 * Why: the legal forms of many countries and scripts (GmbH, Gesellschaft
 * mit beschränkter Haftung, ООО, Sp. z o.o., Sdn. Bhd. ...) are curated
 * upstream; Kordon reads that data instead of a hand-written list. The
 * YAML is parsed here with libyaml, and every alias is folded with the
 * library's own kd__text_fold (the folding names get: Общество ->
 * "obshchestvo", beschränkter -> "beschrankter"), so the patterns are
 * spelled as the tokenizer sees names. The library itself needs neither
 * libyaml nor the YAML files at run time.
 *
 * Output (C source, included by tokens.c after it declares the structs):
 *   kd_legal_forms[]: one per org_types entry with aliases:
 *       { form, class, intl }   form  = folded compare/display form with
 *                                       the spaces removed ("gmbh", "ooo")
 *                               class = the `generic` tag folded ("llc",
 *                                       "jsc"), or form when there is none
 *                               intl  = an English form lists use as the
 *                                       translation of any country's form
 *                                       of its class (LLC, Ltd, JSC, Inc)
 *   kd_legal_pats[]: { pattern, form index }, folded alias words joined
 *       by one space, sorted by strcmp, each pattern once (the first
 *       entry that lists it wins).
 *
 * usage: gen_names_ref OUT.inc ORG_TYPES.yml... (in order of precedence:
 * data/names/legal_forms_extra.yml, Kordon's own additions in the same
 * format, comes after the rigour file)
 *
 * Second mode, person titles and numbers:
 *   gen_names_ref --words OUT.inc ORDINALS.yml STOPWORDS.yml...
 * reads `ordinals` of data/names/rigour/text_ordinals.yml and
 * `PERSON_NAME_PREFIXES` of data/names/rigour/names_stopwords.yml (then
 * data/names/titles_extra.yml, Kordon's additions in the same format) and
 * writes, both sorted by strcmp for bsearch:
 *   kd_titles[]:   folded title phrases, words joined by one space
 *                  ("dr", "lieutenant general", "his excellency")
 *   kd_title_suffixes[]: PERSON_NAME_SUFFIXES, a list only
 *                  titles_extra.yml has: titles written after the name
 *                  (Korean 장관, Japanese 外相, Chinese 部长), one word
 *                  each, as written (name.c compares them before
 *                  folding: their readings are name syllables)
 *   kd_title_prefixes_raw[]: the titles before a name in a script
 *                  without case (Arabic وزير الخارجية, Hebrew שר החוץ),
 *                  also as written: their readings differ by variant
 *   kd_ordinals[]: { word, number, flags } for every alias that folds to
 *                  one token other than its own number: "1st" -> "1",
 *                  "twelve" -> "12", "xii" -> "12"; flags say whether
 *                  the word has a digit (ORD_DIGIT: 1st, no1) or is a
 *                  Roman numeral (ORD_ROMAN: letters i, v, x only).
 *                  Aliases in non-Latin scripts (一, два) are left out:
 *                  their readings (yi, dva) are name syllables.
 *
 * Third mode, organisation symbols:
 *   gen_names_ref --symbols OUT.inc SYMBOLS.yml [EXTRA.yml...]
 * reads `org_symbols` and `org_domains` of data/names/rigour/
 * names_symbols.yml (the words of organisation names that mean the same
 * across spellings and languages: brothers, bros, fratelli, hermanos ->
 * "bros"; international, intl -> "intl"; technology, технологии ->
 * "tech") and writes kd_org_syms[]: { pattern, symbol }, the folded
 * alias words joined by one space, sorted by strcmp, each pattern once
 * (the first group listing it wins). Aliases written in scripts of
 * three-byte UTF-8 (Han, Kana, Hangul, Thai, Devanagari ...) are left
 * out: their readings are name syllables (伙伴 "huo ban"), as are
 * one-letter patterns (initials).
 * Errors (unreadable file, YAML syntax error, unexpected shape) name the
 * file and line and exit non-zero, which fails the build.
 */
#include "text/text.h"
#include "text/text_int.h"
#include "util/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

struct form {
	char form[64], cls[64];
	int intl;
};

struct pat {
	char *pat;
	size_t form, order;
};

static struct form *g_forms;
static size_t g_nforms;
static struct pat *g_pats;
static size_t g_npats, g_cappats;

static void die(const char *file, size_t line, const char *msg)
{
	fprintf(stderr, "%s:%zu: %s\n", file, line, msg);
	exit(1);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (p == NULL) {
		fprintf(stderr, "gen_names_ref: out of memory\n");
		exit(1);
	}
	return p;
}

/* Fold UTF-8 text as names are folded, then words of [a-z0-9] (apostrophes
 * join, as in tokens.c) separated by one space; words are cut at
 * KD_TOK_MAXLEN like the tokenizer cuts them. */
static void fold_words(char *out, size_t cap, const char *s, int nospace)
{
	char *f = NULL;
	size_t n = 0, i, o = 0, wl = 0;
	if (kd__text_fold(&f, &n, NULL, s, strlen(s)) != 0) {
		fprintf(stderr, "gen_names_ref: folding failed\n");
		exit(1);
	}
	for (i = 0; i < n; i++) {
		char c = f[i];
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (wl == 0 && o > 0 && !nospace && o + 1 < cap)
				out[o++] = ' ';
			if (wl < KD_TOK_MAXLEN && o + 1 < cap)
				out[o++] = c;
			wl++;
		} else if (c == '\'' || c == '`') {
			continue;
		} else {
			wl = 0;
		}
	}
	out[o] = '\0';
	kd__free(f);
}

/* English forms used as the translation of a form of any country (a
 * Russian OOO is written LLC in English lists, a Chinese 有限公司 Co.
 * Ltd): they agree with every form of their class. */
static int is_intl(const char *form, const char *cls)
{
	static const char *const en[] = { "llc",  "ltd",  "limited", "inc",
					  "corp", "co",   "coltd",   "jsc",
					  "pjsc", "ojsc", "cjsc",    "plc",
					  "lp",   "llp",  "company" };
	size_t i;
	(void)cls; /* a form without a class (AB, PT, KK) is a country's
		      own form too: it does not translate the others */
	for (i = 0; i < sizeof(en) / sizeof(en[0]); i++)
		if (strcmp(form, en[i]) == 0)
			return 1;
	return 0;
}

static yaml_node_t *map_get(yaml_document_t *d, yaml_node_t *m, const char *key)
{
	yaml_node_pair_t *p;
	for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top;
	     p++) {
		yaml_node_t *k = yaml_document_get_node(d, p->key);
		if (k && k->type == YAML_SCALAR_NODE &&
		    strcmp((char *)k->data.scalar.value, key) == 0)
			return yaml_document_get_node(d, p->value);
	}
	return NULL;
}

static const char *scalar(const char *file, yaml_node_t *n)
{
	if (n == NULL)
		return NULL;
	if (n->type != YAML_SCALAR_NODE)
		die(file, n->start_mark.line + 1, "expected a string");
	return (const char *)n->data.scalar.value;
}

static void add_pat(const char *pat, size_t form)
{
	if (pat[0] == '\0')
		return;
	if (g_npats == g_cappats) {
		g_cappats = g_cappats ? 2 * g_cappats : 1024;
		g_pats = xrealloc(g_pats, g_cappats * sizeof(*g_pats));
	}
	g_pats[g_npats].pat = strdup(pat);
	g_pats[g_npats].form = form;
	g_pats[g_npats].order = g_npats;
	g_npats++;
}

static void read_org_types(const char *file)
{
	FILE *f = fopen(file, "rb");
	yaml_parser_t p;
	yaml_document_t d;
	yaml_node_t *root, *types;
	yaml_node_item_t *it;
	if (f == NULL) {
		perror(file);
		exit(1);
	}
	yaml_parser_initialize(&p);
	yaml_parser_set_input_file(&p, f);
	if (!yaml_parser_load(&p, &d)) {
		fprintf(stderr, "%s:%zu: %s\n", file,
			(size_t)p.problem_mark.line + 1,
			p.problem ? p.problem : "YAML error");
		exit(1);
	}
	root = yaml_document_get_root_node(&d);
	if (root == NULL || root->type != YAML_MAPPING_NODE)
		die(file, 1, "expected a mapping with key 'types'");
	types = map_get(&d, root, "types");
	if (types == NULL || types->type != YAML_SEQUENCE_NODE)
		die(file, 1, "expected 'types' to be a list");
	for (it = types->data.sequence.items.start;
	     it < types->data.sequence.items.top; it++) {
		yaml_node_t *e = yaml_document_get_node(&d, *it), *al;
		const char *disp, *cmp, *gen, *name;
		yaml_node_item_t *a;
		struct form fm;
		if (e == NULL || e->type != YAML_MAPPING_NODE)
			die(file, e ? e->start_mark.line + 1 : 1,
			    "expected a mapping per type");
		al = map_get(&d, e, "aliases");
		if (al == NULL)
			continue;
		if (al->type != YAML_SEQUENCE_NODE)
			die(file, al->start_mark.line + 1,
			    "expected 'aliases' to be a list");
		disp = scalar(file, map_get(&d, e, "display"));
		cmp = scalar(file, map_get(&d, e, "compare"));
		gen = scalar(file, map_get(&d, e, "generic"));
		name = cmp ? cmp : disp;
		if (name == NULL &&
		    al->data.sequence.items.start < al->data.sequence.items.top)
			name = scalar(
				file,
				yaml_document_get_node(
					&d, *al->data.sequence.items.start));
		if (name == NULL)
			continue;
		memset(&fm, 0, sizeof(fm));
		fold_words(fm.form, sizeof(fm.form), name, 1);
		if (fm.form[0] == '\0')
			continue;
		if (gen != NULL && gen[0] != '\0')
			fold_words(fm.cls, sizeof(fm.cls), gen, 1);
		else
			memcpy(fm.cls, fm.form, sizeof(fm.cls));
		fm.intl = is_intl(fm.form, fm.cls);
		g_forms = xrealloc(g_forms, (g_nforms + 1) * sizeof(*g_forms));
		g_forms[g_nforms] = fm;
		for (a = al->data.sequence.items.start;
		     a < al->data.sequence.items.top; a++) {
			char w[256];
			fold_words(w, sizeof(w),
				   scalar(file, yaml_document_get_node(&d, *a)),
				   0);
			add_pat(w, g_nforms);
		}
		{
			char w[256];
			if (disp) {
				fold_words(w, sizeof(w), disp, 0);
				add_pat(w, g_nforms);
			}
			if (cmp) {
				fold_words(w, sizeof(w), cmp, 0);
				add_pat(w, g_nforms);
			}
		}
		g_nforms++;
	}
	yaml_document_delete(&d);
	yaml_parser_delete(&p);
	fclose(f);
}

static int pat_cmp(const void *a, const void *b)
{
	const struct pat *x = a, *y = b;
	int c = strcmp(x->pat, y->pat);
	if (c != 0)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* ---- --words: titles and ordinals ---------------------------------------- */

struct ord {
	char *w, *num;
	unsigned flags;
	size_t order;
};

static char **g_titles;
static size_t g_ntitles;
static struct ord *g_ords;
static size_t g_nords;

static void load(const char *file, yaml_parser_t *p, yaml_document_t *d,
		 FILE **f)
{
	*f = fopen(file, "rb");
	if (*f == NULL) {
		perror(file);
		exit(1);
	}
	yaml_parser_initialize(p);
	yaml_parser_set_input_file(p, *f);
	if (!yaml_parser_load(p, d)) {
		fprintf(stderr, "%s:%zu: %s\n", file,
			(size_t)p->problem_mark.line + 1,
			p->problem ? p->problem : "YAML error");
		exit(1);
	}
}

static void unload(yaml_parser_t *p, yaml_document_t *d, FILE *f)
{
	yaml_document_delete(d);
	yaml_parser_delete(p);
	fclose(f);
}

static yaml_node_t *root_key(const char *file, yaml_document_t *d,
			     const char *key, yaml_node_type_t type)
{
	yaml_node_t *root = yaml_document_get_root_node(d), *n;
	if (root == NULL || root->type != YAML_MAPPING_NODE)
		die(file, 1, "expected a mapping at the top");
	n = map_get(d, root, key);
	if (n == NULL || n->type != type)
		die(file, n ? n->start_mark.line + 1 : 1,
		    type == YAML_SEQUENCE_NODE ? "expected a list"
					       : "expected a mapping");
	return n;
}

/* Latin script only: ASCII and the Latin lead bytes (U+0080..U+024F). */
static int latin(const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x80 && c < 0xC0)
			continue;
		if (c >= 0xCA)
			return 0;
	}
	return 1;
}

static int str_cmp(const void *a, const void *b);

static char **g_suffixes, **g_raw_prefixes;
static size_t g_nsuffixes, g_nraw_prefixes;

static void add_string(char ***v, size_t *n, const char *w)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = strdup(w);
}

/* The titles of the list l: before a name (folded into g_titles, and as
 * written into g_raw_prefixes when in a script without case, Arabic or
 * Hebrew, whose readings vary by variant) or after it (suffix: as
 * written, one word, into g_suffixes). name.c compares the raw ones
 * before folding. */
static void read_phrases(const char *file, yaml_document_t *d, yaml_node_t *l,
			 int suffix)
{
	yaml_node_item_t *it;
	if (l->type != YAML_SEQUENCE_NODE)
		die(file, l->start_mark.line + 1, "expected a list");
	for (it = l->data.sequence.items.start; it < l->data.sequence.items.top;
	     it++) {
		yaml_node_t *e = yaml_document_get_node(d, *it);
		const char *x = scalar(file, e);
		char w[256];
		int raw = suffix || (unsigned char)x[0] >= 0xD5;
		if (suffix && (unsigned char)x[0] < 0xD5)
			die(file, e->start_mark.line + 1,
			    "a title after a name is written in a script "
			    "without case (Hangul, Han, Kana ...)");
		if (raw && (strlen(x) >= sizeof(w) ||
			    strpbrk(x, suffix ? "\"\\ " : "\"\\") != NULL))
			die(file, e->start_mark.line + 1,
			    suffix ? "a title after a name is one word, no "
				     "quotes"
				   : "a title has no quotes or backslashes");
		if (raw)
			add_string(suffix ? &g_suffixes : &g_raw_prefixes,
				   suffix ? &g_nsuffixes : &g_nraw_prefixes, x);
		if (suffix)
			continue;
		fold_words(w, sizeof(w), x, 0);
		if (w[0] != '\0')
			add_string(&g_titles, &g_ntitles, w);
	}
}

/* PERSON_NAME_PREFIXES, and PERSON_NAME_SUFFIXES where a file has them
 * (titles written after the name: Korean 장관, Japanese 外相). */
static void read_titles(const char *file)
{
	FILE *f;
	yaml_parser_t p;
	yaml_document_t d;
	yaml_node_t *l;
	load(file, &p, &d, &f);
	l = root_key(file, &d, "PERSON_NAME_PREFIXES", YAML_SEQUENCE_NODE);
	read_phrases(file, &d, l, 0);
	l = map_get(&d, yaml_document_get_root_node(&d),
		    "PERSON_NAME_SUFFIXES");
	if (l != NULL)
		read_phrases(file, &d, l, 1);
	unload(&p, &d, f);
}

/* A sorted list of strings as a C array, each once; the count written. */
static size_t write_strings(FILE *out, const char *name, char **v, size_t n)
{
	size_t i, k = 0;
	qsort(v, n, sizeof(*v), str_cmp);
	fprintf(out, "static const char *const %s[] = {\n", name);
	for (i = 0; i < n; i++) {
		if (i > 0 && strcmp(v[i], v[i - 1]) == 0)
			continue;
		fprintf(out, "\t\"%s\",\n", v[i]);
		k++;
	}
	fprintf(out, "};\n");
	return k;
}

static void read_ordinals(const char *file)
{
	FILE *f;
	yaml_parser_t p;
	yaml_document_t d;
	yaml_node_pair_t *e;
	yaml_node_t *m;
	load(file, &p, &d, &f);
	m = root_key(file, &d, "ordinals", YAML_MAPPING_NODE);
	for (e = m->data.mapping.pairs.start; e < m->data.mapping.pairs.top;
	     e++) {
		yaml_node_t *k = yaml_document_get_node(&d, e->key);
		yaml_node_t *v = yaml_document_get_node(&d, e->value);
		const char *num = scalar(file, k);
		yaml_node_item_t *a;
		if (num == NULL || num[0] == '\0' ||
		    strspn(num, "0123456789") != strlen(num))
			die(file, k ? k->start_mark.line + 1 : 1,
			    "expected a number as key");
		if (v == NULL || v->type != YAML_SEQUENCE_NODE)
			die(file, v ? v->start_mark.line + 1 : 1,
			    "expected a list of aliases");
		for (a = v->data.sequence.items.start;
		     a < v->data.sequence.items.top; a++) {
			const char *s = scalar(file,
					       yaml_document_get_node(&d, *a));
			char w[256];
			struct ord o;
			if (!latin(s))
				continue;
			fold_words(w, sizeof(w), s, 0);
			if (w[0] == '\0' || strchr(w, ' ') != NULL ||
			    strcmp(w, num) == 0)
				continue;
			o.w = strdup(w);
			o.num = strdup(num);
			o.flags = 0;
			if (strpbrk(w, "0123456789") != NULL)
				o.flags |= 1; /* ORD_DIGIT */
			else if (strspn(w, "ivx") == strlen(w))
				o.flags |= 2; /* ORD_ROMAN */
			o.order = g_nords;
			g_ords = xrealloc(g_ords,
					  (g_nords + 1) * sizeof(*g_ords));
			g_ords[g_nords++] = o;
		}
	}
	unload(&p, &d, f);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ord_cmp(const void *a, const void *b)
{
	const struct ord *x = a, *y = b;
	int c = strcmp(x->w, y->w);
	if (c != 0)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int words_main(int argc, char **argv)
{
	FILE *out;
	size_t i, nt, ns, no = 0;
	if (argc < 5) {
		fprintf(stderr, "usage: gen_names_ref --words OUT.inc "
				"ORDINALS.yml STOPWORDS.yml...\n");
		return 2;
	}
	read_ordinals(argv[3]);
	for (i = 4; i < (size_t)argc; i++)
		read_titles(argv[i]);
	qsort(g_ords, g_nords, sizeof(*g_ords), ord_cmp);
	out = fopen(argv[2], "w");
	if (out == NULL) {
		perror(argv[2]);
		return 1;
	}
	fprintf(out, "/* generated by gen_names_ref --words; do not edit */\n");
	nt = write_strings(out, "kd_titles", g_titles, g_ntitles);
	ns = write_strings(out, "kd_title_suffixes", g_suffixes, g_nsuffixes);
	ns += write_strings(out, "kd_title_prefixes_raw", g_raw_prefixes,
			    g_nraw_prefixes);
	fprintf(out, "static const struct ordinal kd_ordinals[] = {\n");
	for (i = 0; i < g_nords; i++) {
		if (i > 0 && strcmp(g_ords[i].w, g_ords[i - 1].w) == 0)
			continue; /* the first number listing a word wins */
		fprintf(out, "\t{ \"%s\", \"%s\", %u },\n", g_ords[i].w,
			g_ords[i].num, g_ords[i].flags);
		no++;
	}
	fprintf(out, "};\n");
	if (fclose(out) != 0) {
		perror(argv[2]);
		return 1;
	}
	fprintf(stderr,
		"gen_names_ref: %zu titles, %zu compared as written, %zu "
		"ordinal "
		"words\n",
		nt, ns, no);
	return 0;
}

/* ---- --symbols: organisation symbols ------------------------------------ */

struct sym {
	char *pat, *sym;
	size_t order;
};

static struct sym *g_syms;
static size_t g_nsyms;

/* No character of three or more UTF-8 bytes (lead byte >= 0xE0). */
static int short_script(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0xE0)
			return 0;
	return 1;
}

/* One alias of a symbol group, folded; left out: scripts of three-byte
 * UTF-8 and one-letter patterns (see the top). */
static void add_sym(const char *alias, const char *sym)
{
	char w[256];
	struct sym y;
	if (!short_script(alias))
		return;
	fold_words(w, sizeof(w), alias, 0);
	if (strlen(w) < 2)
		return;
	y.pat = strdup(w);
	y.sym = strdup(sym);
	y.order = g_nsyms;
	g_syms = xrealloc(g_syms, (g_nsyms + 1) * sizeof(*g_syms));
	g_syms[g_nsyms++] = y;
}

static void read_symbol_groups(const char *file, yaml_document_t *d,
			       const char *section)
{
	yaml_node_t *m = root_key(file, d, section, YAML_MAPPING_NODE);
	yaml_node_pair_t *e;
	for (e = m->data.mapping.pairs.start; e < m->data.mapping.pairs.top;
	     e++) {
		yaml_node_t *k = yaml_document_get_node(d, e->key);
		yaml_node_t *v = yaml_document_get_node(d, e->value);
		char sym[64];
		yaml_node_item_t *a;
		fold_words(sym, sizeof(sym), scalar(file, k), 1);
		if (sym[0] == '\0')
			die(file, k ? k->start_mark.line + 1 : 1,
			    "expected a symbol name as key");
		if (v == NULL || v->type != YAML_SEQUENCE_NODE)
			die(file, v ? v->start_mark.line + 1 : 1,
			    "expected a list of aliases");
		/* the symbol's own name first: a phrase becomes it */
		add_sym(sym, sym);
		for (a = v->data.sequence.items.start;
		     a < v->data.sequence.items.top; a++)
			add_sym(scalar(file, yaml_document_get_node(d, *a)),
				sym);
	}
}

static int sym_cmp(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;
	int c = strcmp(x->pat, y->pat);
	if (c != 0)
		return c;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int symbols_main(int argc, char **argv)
{
	FILE *f, *out;
	yaml_parser_t p;
	yaml_document_t d;
	size_t i, n = 0;
	int a;
	if (argc < 4) {
		fprintf(stderr, "usage: gen_names_ref --symbols OUT.inc "
				"SYMBOLS.yml [EXTRA.yml...]\n");
		return 2;
	}
	load(argv[3], &p, &d, &f);
	read_symbol_groups(argv[3], &d, "org_symbols");
	read_symbol_groups(argv[3], &d, "org_domains");
	unload(&p, &d, f);
	/* extra files: org_symbols only, read after (the first wins) */
	for (a = 4; a < argc; a++) {
		load(argv[a], &p, &d, &f);
		read_symbol_groups(argv[a], &d, "org_symbols");
		unload(&p, &d, f);
	}
	qsort(g_syms, g_nsyms, sizeof(*g_syms), sym_cmp);
	out = fopen(argv[2], "w");
	if (out == NULL) {
		perror(argv[2]);
		return 1;
	}
	fprintf(out,
		"/* generated by gen_names_ref --symbols; do not edit */\n");
	fprintf(out, "static const struct org_sym kd_org_syms[] = {\n");
	for (i = 0; i < g_nsyms; i++) {
		if (i > 0 && strcmp(g_syms[i].pat, g_syms[i - 1].pat) == 0)
			continue; /* the first group listing a pattern wins */
		fprintf(out, "\t{ \"%s\", \"%s\" },\n", g_syms[i].pat,
			g_syms[i].sym);
		n++;
	}
	fprintf(out, "};\n");
	if (fclose(out) != 0) {
		perror(argv[2]);
		return 1;
	}
	fprintf(stderr, "gen_names_ref: %zu organisation symbol patterns\n", n);
	return 0;
}

int main(int argc, char **argv)
{
	FILE *out;
	size_t i, n = 0;
	if (argc > 1 && strcmp(argv[1], "--words") == 0)
		return words_main(argc, argv);
	if (argc > 1 && strcmp(argv[1], "--symbols") == 0)
		return symbols_main(argc, argv);
	if (argc < 3) {
		fprintf(stderr,
			"usage: gen_names_ref OUT.inc ORG_TYPES.yml...\n");
		return 2;
	}
	for (i = 2; i < (size_t)argc; i++)
		read_org_types(argv[i]);
	qsort(g_pats, g_npats, sizeof(*g_pats), pat_cmp);
	out = fopen(argv[1], "w");
	if (out == NULL) {
		perror(argv[1]);
		return 1;
	}
	fprintf(out, "/* generated by gen_names_ref; do not edit */\n");
	fprintf(out, "static const struct legal_form kd_legal_forms[] = {\n");
	for (i = 0; i < g_nforms; i++)
		fprintf(out, "\t{ \"%s\", \"%s\", %d },\n", g_forms[i].form,
			g_forms[i].cls, g_forms[i].intl);
	fprintf(out, "};\nstatic const struct legal kd_legal_pats[] = {\n");
	for (i = 0; i < g_npats; i++) {
		if (i > 0 && strcmp(g_pats[i].pat, g_pats[i - 1].pat) == 0)
			continue;
		fprintf(out, "\t{ \"%s\", %zu },\n", g_pats[i].pat,
			g_pats[i].form);
		n++;
	}
	fprintf(out, "};\n");
	if (fclose(out) != 0) {
		perror(argv[1]);
		return 1;
	}
	fprintf(stderr, "gen_names_ref: %zu legal forms, %zu patterns\n",
		g_nforms, n);
	return 0;
}
