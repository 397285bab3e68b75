/*
 * cmd_diff.c - `kordon diff OLD NEW [--json]`: what changed between two
 * versions of lists (directories with lists.conf, list files, or the
 * versions kept by `kordon update` in <list>/versions/). The report is
 * kd_db_diff()'s: per list and record, then per party (cluster of linked
 * records). Exit status as diff(1): 0 no change, 1 changes, 2
 * error.
 */
#include "cli.h"

#include <string.h>

static const char diff_help[] =
	"usage: kordon diff OLD NEW [--json]\n"
	"Entities added, removed and changed (with the values that changed)\n"
	"per list between two versions: directories (lists.conf), list files\n"
	"or versions kept by `kordon update` (data/<list>/versions/...).\n"
	"Then per party (records of one party linked across lists): members\n"
	"that joined (with the link reason) or left, canonical id changes,\n"
	"merged and split clusters, merged values added and removed.\n"
	"Exit status: 0 no change, 1 changes, 2 error.\n";

static kd_db *load(const char *path)
{
	kd_db *db = NULL;
	kd_parse_err err;
	kd_load_opts o = KD_LOAD_OPTS_INIT;
	if (kd_db_load(&db, path, &o, &err) < 0) {
		fprintf(stderr, "kordon diff: %s\n", kd_error_last());
		return NULL;
	}
	return db;
}

int cmd_diff(struct cli *c, int argc, char **argv)
{
	const char *paths[2] = { NULL, NULL };
	kd_db *old_db = NULL, *new_db = NULL;
	kd_diff_stats st;
	char *out = NULL;
	size_t len;
	unsigned flags = 0;
	int i, n = 0, rc = 2;
	(void)c;
	for (i = 1; i < argc; i++) {
		if (cli_is_help(argv[i])) {
			fputs(diff_help, stdout);
			return 0;
		}
		if (strcmp(argv[i], "--json") == 0) {
			flags |= KD_DIFF_JSON;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fprintf(stderr, "kordon diff: unknown option '%s'\n",
				argv[i]);
			return 2;
		} else if (n < 2) {
			paths[n++] = argv[i];
		} else {
			fputs(diff_help, stderr);
			return 2;
		}
	}
	if (n != 2) {
		fputs(diff_help, stderr);
		return 2;
	}
	if ((old_db = load(paths[0])) == NULL ||
	    (new_db = load(paths[1])) == NULL)
		goto done;
	if (kd_db_diff(&out, &len, &st, old_db, new_db, flags) < 0) {
		fprintf(stderr, "kordon diff: %s\n", kd_error_last());
		goto done;
	}
	fwrite(out, 1, len, stdout);
	rc = st.added || st.removed || st.changed ? 1 : 0;
done:
	kd_free(out);
	kd_db_free(old_db);
	kd_db_free(new_db);
	return rc;
}
