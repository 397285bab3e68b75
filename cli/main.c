/*
 * main.c - the `kordon` command: global options and subcommand dispatch.
 * Every subcommand is a thin layer over the public API (kordon.h).
 *
 * Exit status: 0 ok / no match, 1 match found (screen, like grep),
 * 2 error (bad usage, unreadable or malformed list).
 */
#include "cli.h"
#include "workflow.h"

#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
	fprintf(f,
		"usage: kordon [--data PATH] COMMAND [ARGS]\n"
		"\n"
		"Sanctions screening against official lists.\n"
		"\n"
		"commands:\n"
		"  lists [--json]            loaded lists with dates and "
		"counts;\n"
		"                            --server URL: a running server's\n"
		"  show ID [--json]          one entity with all properties\n"
		"  screen NAME [options]     screen a name (kordon screen "
		"--help)\n"
		"  compare NAME1 NAME2       score two names; --pairs "
		"FILE.csv\n"
		"  batch --input FILE        screen a CSV or JSON-lines file\n"
		"  index build -o FILE       compile the lists into a "
		"snapshot\n"
		"  scan FILE|-               find listed names in text or "
		"payment\n"
		"                            messages (SWIFT MT, ISO 20022 "
		"pacs.008)\n"
		"  serve                     HTTP API, yente /match "
		"compatible\n"
		"  update [LIST...]          download, verify and switch to "
		"the\n"
		"                            latest official lists\n"
		"  diff OLD NEW              entities added, removed, changed\n"
		"  export --ftm              every entity as FollowTheMoney "
		"JSON "
		"lines\n"
		"  book import FILE          customer book into the store\n"
		"  monitor                   screen the book, raise new "
		"alerts\n"
		"  alerts | alert show ID | decide ID   review alerts\n"
		"  audit verify|export|replay           the audit trail\n"
		"  store migrate|info|set    the store (SQLite or PostgreSQL)\n"
		"\n"
		"global options:\n"
		"  --data PATH   list directory or file (default: "
		"$KORDON_DATA,\n"
		"                else the bundled data/ directory)\n"
		"  --index FILE  open a snapshot (kordon index build) instead\n"
		"  --store S     store file or postgresql:// URI (default:\n"
		"                $KORDON_STORE, else kordon.db beside the "
		"data)\n"
		"  --version     print the version\n"
		"  -h, --help    this help; COMMAND --help for a command\n");
}

int cli_is_help(const char *arg)
{
	return strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0;
}

/* An empty list screens nothing: never let that pass without a word. */
static void cli_warn_empty(const struct cli *c)
{
	size_t i;
	for (i = 0; i < kd_db_source_count(c->db); i++) {
		kd_source_info s;
		if (kd_db_source(&s, c->db, i) == 0 && s.entities == 0)
			fprintf(stderr,
				"%s: warning: %s (%s) is empty: 0 "
				"entities\n",
				c->prog, s.id, s.file);
	}
}

int cli_load(struct cli *c)
{
	kd_parse_err err;
	kd_load_opts o = KD_LOAD_OPTS_INIT;
	if (c->db)
		return 0;
	if (c->index) {
		if (kd_db_open_snapshot(&c->db, c->index, &err) < 0) {
			fprintf(stderr, "%s: %s\n", c->prog, kd_error_last());
			return 2;
		}
		cli_warn_empty(c);
		return 0;
	}
	if (kd_db_load(&c->db, c->data, &o, &err) < 0) {
		fprintf(stderr, "%s: %s\n", c->prog, kd_error_last());
		return 2;
	}
	cli_warn_empty(c);
	return 0;
}

void cli_print_lists(FILE *f, const kd_db *db, const kd_entity *e, int json)
{
	size_t i;
	for (i = 0; i < kd_entity_source_count(e); i++) {
		kd_source_info s;
		if (kd_db_source(&s, db, kd_entity_source_at(e, i)) < 0)
			continue;
		if (i > 0)
			fputs(json ? "," : ", ", f);
		if (json)
			cli_json_str(f, s.id);
		else
			fprintf(f, "%s (%s)", s.id,
				s.date[0] ? s.date : "undated");
	}
}

void cli_print_links(FILE *f, const kd_db *db, const kd_entity *e,
		     const char *prefix)
{
	size_t i, n = kd_entity_link_count(db, e);
	for (i = 0; i < n; i++) {
		const char *from, *to, *why;
		if (kd_entity_link(db, e, i, &from, &to, &why) == 0)
			fprintf(f, "%slinked: %s \u2192 %s: %s\n", prefix, from,
				to, why);
	}
}

void cli_print_features(FILE *f, const kd_result *r, const char *indent)
{
	const char *name, *detail;
	double w;
	size_t i;
	for (i = 0; kd_result_feature(r, i, &name, &w, &detail) == 0; i++)
		fprintf(f, "%s%-17s %+.2f  %s\n", indent, name, w, detail);
	if (kd_result_features_dropped(r))
		fprintf(f, "%s(%zu more features not kept)\n", indent,
			kd_result_features_dropped(r));
}

void cli_json_str(FILE *f, const char *s)
{
	struct kd_buf b = KD_BUF_INIT;
	if (kd__buf_json_str(&b, s) == 0)
		fputs(b.ptr, f);
	kd__buf_free(&b);
}

int main(int argc, char **argv)
{
	struct cli c;
	const char *cmd;
	int i = 1, rc;
	memset(&c, 0, sizeof(c));
	c.prog = "kordon";
	c.data = getenv("KORDON_DATA");
	if (c.data == NULL || *c.data == '\0')
		c.data = cli_default_data();
	while (i < argc && argv[i][0] == '-') {
		if (strcmp(argv[i], "--version") == 0) {
			printf("kordon %s (library %d)\n", KD_VERSION_STRING,
			       kd_version());
			return 0;
		}
		if (cli_is_help(argv[i])) {
			usage(stdout);
			return 0;
		}
		if (strcmp(argv[i], "--data") == 0 && i + 1 < argc) {
			c.data = argv[i + 1];
			i += 2;
			continue;
		}
		if (strcmp(argv[i], "--index") == 0 && i + 1 < argc) {
			c.index = argv[i + 1];
			i += 2;
			continue;
		}
		if (strcmp(argv[i], "--store") == 0 && i + 1 < argc) {
			c.store = argv[i + 1];
			/* for `serve`, whose alert endpoints read it */
			setenv("KORDON_STORE", c.store, 1);
			i += 2;
			continue;
		}
		if (strncmp(argv[i], "--data=", 7) == 0) {
			c.data = argv[i] + 7;
			i++;
			continue;
		}
		fprintf(stderr, "kordon: unknown option '%s'\n", argv[i]);
		usage(stderr);
		return 2;
	}
	if (i >= argc) {
		usage(stderr);
		return 2;
	}
	cmd = argv[i];
	argc -= i;
	argv += i;
	if (strcmp(cmd, "lists") == 0)
		rc = cmd_lists(&c, argc, argv);
	else if (strcmp(cmd, "show") == 0)
		rc = cmd_show(&c, argc, argv);
	else if (strcmp(cmd, "screen") == 0)
		rc = cmd_screen(&c, argc, argv);
	else if (strcmp(cmd, "compare") == 0)
		rc = cmd_compare(&c, argc, argv);
	else if (strcmp(cmd, "batch") == 0)
		rc = cmd_batch(&c, argc, argv);
	else if (strcmp(cmd, "index") == 0)
		rc = cmd_index(&c, argc, argv);
	else if (strcmp(cmd, "scan") == 0)
		rc = cmd_scan(&c, argc, argv);
	else if (strcmp(cmd, "serve") == 0)
		rc = cmd_serve(&c, argc, argv);
	else if (strcmp(cmd, "update") == 0)
		rc = cmd_update(&c, argc, argv);
	else if (strcmp(cmd, "diff") == 0)
		rc = cmd_diff(&c, argc, argv);
	else if (strcmp(cmd, "export") == 0)
		rc = cmd_export(&c, argc, argv);
	else if (strcmp(cmd, "book") == 0)
		rc = cmd_book(&c, argc, argv);
	else if (strcmp(cmd, "monitor") == 0)
		rc = cmd_monitor(&c, argc, argv);
	else if (strcmp(cmd, "alerts") == 0)
		rc = cmd_alerts(&c, argc, argv);
	else if (strcmp(cmd, "alert") == 0)
		rc = cmd_alert(&c, argc, argv);
	else if (strcmp(cmd, "decide") == 0)
		rc = cmd_decide(&c, argc, argv);
	else if (strcmp(cmd, "audit") == 0)
		rc = cmd_audit(&c, argc, argv);
	else if (strcmp(cmd, "store") == 0)
		rc = cmd_store(&c, argc, argv);
	else {
		fprintf(stderr, "kordon: unknown command '%s'\n", cmd);
		usage(stderr);
		rc = 2;
	}
	kd_db_free(c.db);
	return rc;
}
