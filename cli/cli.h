/*
 * cli.h - shared pieces of the `kordon` command: global options, loading
 * the lists once, and the subcommand entry points (one file each).
 */
#ifndef KD_CLI_H
#define KD_CLI_H

#include "kordon.h"
#include "util.h"

#include <stdio.h>

struct cli {
	const char *data;  /* --data PATH, KORDON_DATA, or bundled data/ */
	const char *index; /* --index FILE: a snapshot instead of the lists */
	const char *prog;
	kd_db *db;
	const char *store; /* --store PATH|postgresql://... (workflow.h) */
};

/** The lists used without --data or KORDON_DATA: <prefix>/share/kordon/data
 *  next to an installed binary, else the build's default (datadir.c). */
const char *cli_default_data(void);
/** Load the lists named by c->data; prints the error and returns 2. */
int cli_load(struct cli *c);
/** True when argv[i] is -h/--help. */
int cli_is_help(const char *arg);
/** Print `s` as a JSON string to f. */
void cli_json_str(FILE *f, const char *s);
/** Print the source lists of e: "ofac_sdn (2024-05-03), ofac_cons (...)",
 *  or with json set their ids as comma-separated JSON strings. */
void cli_print_lists(FILE *f, const kd_db *db, const kd_entity *e, int json);

/** For a merged entity (records of one party on several lists), print
 *  one line per link, "PREFIXlinked: uk-13332 -> un-KPi.021: reason". */
void cli_print_links(FILE *f, const kd_db *db, const kd_entity *e,
		     const char *prefix);

/** Print the features of r, one per line after `indent`:
 *  "name  +0.85  detail". */
void cli_print_features(FILE *f, const kd_result *r, const char *indent);

int cmd_lists(struct cli *c, int argc, char **argv);
int cmd_show(struct cli *c, int argc, char **argv);
int cmd_screen(struct cli *c, int argc, char **argv);
int cmd_compare(struct cli *c, int argc, char **argv);
int cmd_batch(struct cli *c, int argc, char **argv);
int cmd_index(struct cli *c, int argc, char **argv);
int cmd_scan(struct cli *c, int argc, char **argv);
int cmd_serve(struct cli *c, int argc, char **argv);
int cmd_diff(struct cli *c, int argc, char **argv);
int cmd_update(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
/** `kordon lists --server URL`: a running server's catalog and freshness.
 *  @return 0 fresh, 1 stale (a reload failed), 2 error. */
int cli_lists_server(const char *base, const char *key, int json);

#endif
