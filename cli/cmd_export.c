/*
 * cmd_export.c - `kordon export --ftm`: every loaded entity as one
 * FollowTheMoney entity per line (JSON lines), in the shape yente serves.
 * This is what the FtM conformance test validates, and a way to feed the
 * loaded lists to other FtM tools.
 */
#include "cli.h"

#include <string.h>

int cmd_export(struct cli *c, int argc, char **argv)
{
	size_t i, n;
	int k, ftm = 0;
	for (k = 1; k < argc; k++) {
		if (cli_is_help(argv[k])) {
			fputs("usage: kordon export --ftm\n"
			      "Every entity as FollowTheMoney JSON, one per "
			      "line.\n",
			      stdout);
			return 0;
		}
		if (strcmp(argv[k], "--ftm") == 0) {
			ftm = 1;
		} else {
			fprintf(stderr, "kordon export: unknown option '%s'\n",
				argv[k]);
			return 2;
		}
	}
	if (!ftm) {
		fputs("kordon export: say which format (--ftm)\n", stderr);
		return 2;
	}
	if (cli_load(c))
		return 2;
	n = kd_db_count(c->db);
	for (i = 0; i < n; i++) {
		char *js = NULL;
		size_t len = 0;
		if (kd_entity_ftm_json(&js, &len, c->db, kd_db_entity(c->db, i),
				       KD_FTM_NESTED) < 0) {
			fprintf(stderr, "kordon export: %s\n", kd_error_last());
			return 2;
		}
		fwrite(js, 1, len, stdout);
		putchar('\n');
		kd_free(js);
	}
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fputs("kordon export: write error\n", stderr);
		return 2;
	}
	return 0;
}
