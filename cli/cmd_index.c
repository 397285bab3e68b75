/*
 * cmd_index.c - `kordon index build [-o FILE]`: compile the lists named by
 * --data into a snapshot file that every command opens with --index FILE
 * (no list parsing at start-up; see src/index/snapshot.c).
 */
#include "cli.h"

#include <string.h>
#include <sys/stat.h>
#include <time.h>

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int cmd_index(struct cli *c, int argc, char **argv)
{
	const char *out = NULL;
	struct stat st;
	double t0 = seconds(), t1;
	int k;
	if (argc < 2 || cli_is_help(argv[1]) || strcmp(argv[1], "build") != 0) {
		fputs("usage: kordon [--data PATH] index build -o FILE\n"
		      "Compile the lists and the prepared matcher into a\n"
		      "versioned snapshot file; use it with\n"
		      "`kordon --index FILE COMMAND` (starts in "
		      "milliseconds).\n",
		      argc >= 2 && cli_is_help(argv[1]) ? stdout : stderr);
		return argc >= 2 && cli_is_help(argv[1]) ? 0 : 2;
	}
	for (k = 2; k < argc; k++) {
		if ((strcmp(argv[k], "-o") == 0 ||
		     strcmp(argv[k], "--output") == 0) &&
		    k + 1 < argc)
			out = argv[++k];
		else if (strcmp(argv[k], "--data") == 0 && k + 1 < argc)
			c->data = argv[++k];
		else {
			fprintf(stderr, "kordon index: bad argument %s\n",
				argv[k]);
			return 2;
		}
	}
	if (out == NULL) {
		fputs("kordon index build: -o FILE is required\n", stderr);
		return 2;
	}
	c->index = NULL; /* build from the lists, never from a snapshot */
	if (cli_load(c))
		return 2;
	t1 = seconds();
	if (kd_db_save_snapshot(c->db, out) < 0) {
		fprintf(stderr, "kordon index: %s\n", kd_error_last());
		return 2;
	}
	printf("%s: %zu entities from %zu lists, %.1f MB (lists read in "
	       "%.1f s, index built and written in %.1f s)\n",
	       out, kd_db_count(c->db), kd_db_source_count(c->db),
	       stat(out, &st) == 0 ? (double)st.st_size / 1e6 : 0.0, t1 - t0,
	       seconds() - t1);
	return 0;
}
