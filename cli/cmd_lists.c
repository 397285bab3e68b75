/*
 * cmd_lists.c - `kordon lists` and `kordon show`: what is loaded, and one
 * entity with every property and its provenance.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* The version kept by `kordon update` a list file belongs to: the
 * directory name after ".../versions/", else "" (a file placed by hand). */
static void version_of(char *out, size_t cap, const char *file)
{
	const char *p = NULL, *s = file, *e;
	while ((s = strstr(s, "versions/")) != NULL) {
		if (s == file || s[-1] == '/')
			p = s + 9;
		s += 9;
	}
	out[0] = '\0';
	if (p && (e = strchr(p, '/')) != NULL && (size_t)(e - p) < cap) {
		memcpy(out, p, (size_t)(e - p));
		out[e - p] = '\0';
	}
}

static int want_json(int argc, char **argv, const char *help)
{
	int i, json = 0;
	for (i = 1; i < argc; i++) {
		if (cli_is_help(argv[i])) {
			fputs(help, stdout);
			return -1;
		}
		if (strcmp(argv[i], "--json") == 0)
			json = 1;
	}
	return json;
}

/* What the FollowTheMoney view (kd_entity_ftm_json) of each list's
 * entities cleans and moves to notes, counted per first list. */
static kd_ftm_stats *ftm_stats(const kd_db *db)
{
	size_t i, n = kd_db_count(db), ns = kd_db_source_count(db);
	kd_ftm_stats *st = calloc(ns ? ns : 1, sizeof(*st));
	for (i = 0; st && i < n; i++) {
		const kd_entity *e = kd_db_entity(db, i);
		kd_entity_ftm_stats(&st[kd_entity_source(e)], db, e);
	}
	return st;
}

/* "url 996, phone 12" for the non-zero counts; 0 when all are zero. */
static size_t ftm_line(char *out, size_t cap, const size_t *v)
{
	size_t k, off = 0, total = 0;
	out[0] = '\0';
	for (k = 0; k < KD_FTM__COUNT; k++) {
		int w;
		if (v[k] == 0)
			continue;
		total += v[k];
		w = snprintf(out + off, cap - off, "%s%s %zu", off ? ", " : "",
			     kd_ftm_kind_name((kd_ftm_kind)k), v[k]);
		if (w > 0 && (size_t)w < cap - off)
			off += (size_t)w;
	}
	return total;
}

static void ftm_json(const char *key, const size_t *v)
{
	size_t k, w = 0;
	printf("\"%s\":{", key);
	for (k = 0; k < KD_FTM__COUNT; k++)
		if (v[k])
			printf("%s\"%s\":%zu", w++ ? "," : "",
			       kd_ftm_kind_name((kd_ftm_kind)k), v[k]);
	putchar('}');
}

int cmd_lists(struct cli *c, int argc, char **argv)
{
	kd_ftm_stats *fst;
	char line[512];
	size_t nf;
	size_t i, k, w, total;
	const char *server = NULL;
	int a, json = want_json(
		       argc, argv,
		       "usage: kordon lists [--json] [--server URL "
		       "[--api-key KEY]]\n"
		       "Each loaded list: id, title, publication date, "
		       "file, entities by schema, warnings (FtM: values "
		       "cleaned or moved to notes).\n"
		       "--server URL: the lists a running `kordon serve` "
		       "has loaded, and whether its index is stale (a "
		       "reload failed: exit 1, with the error).\n"
		       "  --api-key KEY  (or $KORDON_API_KEY)\n");
	if (json < 0)
		return 0;
	for (a = 1; a < argc; a++)
		if (strcmp(argv[a], "--server") == 0 && a + 1 < argc)
			server = argv[++a];
	if (server) {
		const char *key = getenv("KORDON_API_KEY");
		for (a = 1; a < argc; a++)
			if (strcmp(argv[a], "--api-key") == 0 && a + 1 < argc)
				key = argv[++a];
		return cli_lists_server(server, key, json);
	}
	if (cli_load(c))
		return 2;
	total = kd_db_count(c->db); /* an entity may be on several lists */
	if ((fst = ftm_stats(c->db)) == NULL) {
		fputs("kordon lists: out of memory\n", stderr);
		return 2;
	}
	if (json)
		fputs("{\"lists\":[", stdout);
	for (i = 0; i < kd_db_source_count(c->db); i++) {
		kd_source_info s;
		char ver[128];
		kd_db_source(&s, c->db, i);
		version_of(ver, sizeof(ver), s.file);
		if (json) {
			printf("%s{\"id\":", i ? "," : "");
			cli_json_str(stdout, s.id);
			fputs(",\"title\":", stdout);
			cli_json_str(stdout, s.title);
			fputs(",\"publisher\":", stdout);
			cli_json_str(stdout, s.publisher);
			fputs(",\"date\":", stdout);
			cli_json_str(stdout, s.date);
			fputs(",\"file\":", stdout);
			cli_json_str(stdout, s.file);
			fputs(",\"format\":", stdout);
			cli_json_str(stdout, s.format);
			fputs(",\"version\":", stdout);
			cli_json_str(stdout, ver);
			printf(",\"entities\":%zu,\"schemata\":{", s.entities);
			for (k = 0, w = 0; k < KD_SCHEMA__COUNT; k++)
				if (s.by_schema[k])
					printf("%s\"%s\":%zu", w++ ? "," : "",
					       kd_schema_name((kd_schema)k),
					       s.by_schema[k]);
			printf("},\"unknown_fields\":%zu,\"warnings\":[",
			       s.unknown_fields);
			for (w = 0; w < s.nwarnings; w++) {
				if (w)
					fputc(',', stdout);
				cli_json_str(stdout, s.warnings[w]);
			}
			fputs("],\"ftm\":{", stdout);
			ftm_json("cleaned", fst[i].cleaned);
			putchar(',');
			ftm_json("moved_to_notes", fst[i].noted);
			fputs("}}", stdout);
			continue;
		}
		printf("%-10s %s\n", s.id, s.title);
		printf("           publisher %s, dated %s\n", s.publisher,
		       s.date[0] ? s.date : "(unknown)");
		printf("           file %s (%s)\n", s.file, s.format);
		if (ver[0])
			printf("           version %s (kordon update)\n", ver);
		printf("           %zu entities:", s.entities);
		for (k = 0, w = 0; k < KD_SCHEMA__COUNT; k++)
			if (s.by_schema[k])
				printf("%s %zu %s", w++ ? "," : "",
				       s.by_schema[k],
				       kd_schema_name((kd_schema)k));
		putchar('\n');
		for (w = 0; w < s.nwarnings; w++)
			printf("           warning: %s\n", s.warnings[w]);
		if ((nf = ftm_line(line, sizeof(line), fst[i].cleaned)) != 0)
			printf("           FtM: %zu values cleaned (%s)\n", nf,
			       line);
		if ((nf = ftm_line(line, sizeof(line), fst[i].noted)) != 0)
			printf("           warning: FtM: %zu values no FtM "
			       "type accepts, moved to notes (%s)\n",
			       nf, line);
	}
	free(fst);
	if (json)
		printf("],\"total\":%zu}\n", total);
	else
		printf("%zu lists, %zu entities\n", kd_db_source_count(c->db),
		       total);
	if (!json) {
		kd_link_stats st;
		size_t kind;
		kd_db_link_stats(&st, c->db);
		if (st.clusters) {
			printf("linked: %zu records of %zu parties on several "
			       "lists, by",
			       st.records, st.clusters);
			for (kind = 0; kind < KD_LINK_KINDS; kind++)
				printf("%s %s %zu", kind ? "," : "",
				       st.kind[kind], st.linked[kind]);
			putchar('\n');
		}
	}
	return 0;
}

/* `show --json` members after the FtM view: the links of a merged
 * entity (referents are in the view) and the provenance. */
static int show_extra(struct kd_buf *b, const kd_db *db, const kd_entity *e,
		      const kd_source_info *s)
{
	size_t i;
	int err = kd__buf_puts(b, "\"links\":[");
	for (i = 0; i < kd_entity_link_count(db, e) && err == 0; i++) {
		const char *from, *to, *why;
		kd_entity_link(db, e, i, &from, &to, &why);
		err |= kd__buf_puts(b, i ? ",{\"from\":" : "{\"from\":");
		err |= kd__buf_json_str(b, from);
		err |= kd__buf_puts(b, ",\"to\":");
		err |= kd__buf_json_str(b, to);
		err |= kd__buf_puts(b, ",\"reason\":");
		err |= kd__buf_json_str(b, why);
		err |= kd__buf_putc(b, '}');
	}
	err |= kd__buf_puts(b, "],\"provenance\":{\"list\":");
	err |= kd__buf_json_str(b, s->id);
	err |= kd__buf_puts(b, ",\"date\":");
	err |= kd__buf_json_str(b, s->date);
	err |= kd__buf_puts(b, ",\"file\":");
	err |= kd__buf_json_str(b, s->file);
	err |= kd__buf_putc(b, '}');
	return err ? KD_ENOMEM : 0;
}

/* The members of a merged entity, their lists, and why they were linked. */
static void show_members(const kd_db *db, const kd_entity *e)
{
	size_t i, n = kd_entity_referent_count(db, e);
	if (n == 0)
		return;
	printf("members: %zu records of one party\n", n);
	for (i = 0; i < n; i++) {
		const kd_entity *m = kd_entity_member(db, e, i);
		kd_source_info s;
		kd_db_source(&s, db, kd_entity_source(m));
		printf("  %-18s %-10s %s\n", kd_entity_id(m), s.id,
		       kd_entity_caption(m));
	}
	cli_print_links(stdout, db, e, "  ");
}

/* "  [un_sc, uk_ofsi]": the lists stating value i of a merged entity. */
static void show_provenance(const kd_db *db, const kd_entity *e, size_t i)
{
	size_t src[16], k, n;
	if (kd_entity_referent_count(db, e) == 0)
		return;
	n = kd_entity_prop_sources(db, e, i, src, 16);
	fputs("  [", stdout);
	for (k = 0; k < n && k < 16; k++) {
		kd_source_info s;
		kd_db_source(&s, db, src[k]);
		printf("%s%s", k ? ", " : "", s.id);
	}
	putchar(']');
}

int cmd_show(struct cli *c, int argc, char **argv)
{
	const char *id = NULL;
	const kd_entity *e;
	kd_source_info s;
	size_t i, n;
	int k, json = 0, merge = 1;
	for (k = 1; k < argc; k++) {
		if (cli_is_help(argv[k])) {
			fputs("usage: kordon show ID [--json] [--no-merge]\n"
			      "One entity: schema, every property, source list "
			      "and its date.\n"
			      "ID may be the canonical id of records linked "
			      "across lists or any member's id: the merged\n"
			      "entity is shown with its members, why each was "
			      "linked and which list states each value.\n"
			      "  --no-merge   the record with this id alone\n",
			      stdout);
			return 0;
		}
		if (strcmp(argv[k], "--json") == 0)
			json = 1;
		else if (strcmp(argv[k], "--no-merge") == 0)
			merge = 0;
		else
			id = argv[k];
	}
	if (id == NULL) {
		fputs("kordon show: missing ID\n", stderr);
		return 2;
	}
	if (cli_load(c))
		return 2;
	e = merge ? kd_db_resolve(c->db, id) : kd_db_find(c->db, id);
	if (e == NULL) {
		fprintf(stderr, "kordon show: no entity '%s'\n", id);
		return 2;
	}
	kd_db_source(&s, c->db, kd_entity_source(e));
	if (json) { /* the FtM view the API serves, plus provenance */
		struct kd_buf extra = KD_BUF_INIT;
		char *js = NULL;
		if (show_extra(&extra, c->db, e, &s) < 0 ||
		    kd_entity_json(&js, NULL, c->db, e, KD_FTM_NESTED,
				   extra.ptr) < 0) {
			fprintf(stderr, "kordon show: %s\n", kd_error_last());
			kd__buf_free(&extra);
			return 2;
		}
		puts(js);
		kd_free(js);
		kd__buf_free(&extra);
		return 0;
	}
	printf("%s  %s  (%s)\n", kd_entity_id(e), kd_entity_caption(e),
	       kd_schema_name(kd_entity_schema(e)));
	n = kd_entity_prop_count(e);
	for (i = 0; i < n; i++) {
		const char *p, *v;
		kd_entity_prop(e, i, &p, &v);
		printf("  %-18s %s", p, v);
		show_provenance(c->db, e, i);
		putchar('\n');
	}
	for (i = 0; i < kd_entity_source_count(e); i++) {
		kd_db_source(&s, c->db, kd_entity_source_at(e, i));
		printf("%s %s, %s, dated %s\n        %s\n",
		       i ? "also: " : "source:", s.id, s.title,
		       s.date[0] ? s.date : "(unknown)", s.file);
	}
	show_members(c->db, e);
	return 0;
}
