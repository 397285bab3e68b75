/*
 * cmd_monitor.c - `kordon monitor`: screen the book against the current
 * lists (a delta run after a list change, a full run on the first run or
 * a new matcher) and update the alerts; prints a summary, with a
 * progress bar on a terminal.
 *
 * Exit: 0 done (see the summary), 2 error; an interrupted run is safe to
 * run again.
 */
#include "workflow.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char monitor_help[] =
	"usage: kordon [--data PATH] [--store S] monitor [options]\n"
	"Screen the book against the lists and raise only what is new.\n"
	"  --book NAME      book (default: default)\n"
	"  --full           re-screen every record against every entity\n"
	"  --threshold T    alert at or above (default 0.70)\n"
	"  --threads N      screening threads (default: all cores)\n"
	"  --actor USER     who runs it (default: $USER)\n"
	"  --json           summary as JSON\n";

static void progress(size_t done, size_t total, void *ctx)
{
	int width = 30, fill, k;
	(void)ctx;
	fill = total ? (int)((double)width * (double)done / (double)total)
		     : width;
	fputs("\r[", stderr);
	for (k = 0; k < width; k++)
		fputc(k < fill ? '#' : '.', stderr);
	fprintf(stderr, "] %zu/%zu records ", done, total);
}

int cmd_monitor(struct cli *c, int argc, char **argv)
{
	kd_monitor_opts o = KD_MONITOR_OPTS_INIT;
	kd_monitor_stats st;
	kd_matcher *m = NULL;
	kd_store *s = NULL;
	int k, json = 0, rc = 2, tty = isatty(2);
	for (k = 1; k < argc; k++) {
		const char *a = argv[k], *v = k + 1 < argc ? argv[k + 1] : NULL;
		if (cli_is_help(a)) {
			fputs(monitor_help, stdout);
			return 0;
		}
		if (strcmp(a, "--full") == 0) {
			o.full = 1;
			continue;
		}
		if (strcmp(a, "--json") == 0) {
			json = 1;
			continue;
		}
		if (v == NULL) {
			fprintf(stderr, "kordon monitor: %s needs a value\n",
				a);
			return 2;
		}
		k++;
		if (strcmp(a, "--book") == 0)
			o.book = v;
		else if (strcmp(a, "--threshold") == 0)
			o.threshold = strtod(v, NULL);
		else if (strcmp(a, "--threads") == 0)
			o.threads = (unsigned)strtoul(v, NULL, 10);
		else if (strcmp(a, "--actor") == 0)
			o.actor = v;
		else {
			fprintf(stderr, "kordon monitor: unknown option %s\n",
				a);
			return 2;
		}
	}
	if (!(o.threshold > 0 && o.threshold <= 1) || o.threads > 256) {
		fputs(monitor_help, stderr);
		return 2;
	}
	o.actor = cli_actor(o.actor);
	if (tty)
		o.progress = progress;
	if (cli_load(c))
		return 2;
	if (kd_matcher_new(&m, c->db) < 0) {
		fprintf(stderr, "kordon monitor: %s\n", kd_error_last());
		return 2;
	}
	if (cli_store_open(&s, c, 0))
		goto done;
	if (kd_monitor_run(&st, s, c->db, m, &o) < 0) {
		if (tty)
			fputc('\n', stderr);
		fprintf(stderr,
			"kordon monitor: %s (committed blocks are "
			"kept; run again to finish)\n",
			kd_error_last());
		goto done;
	}
	if (tty && st.screened)
		fputc('\n', stderr);
	if (json) {
		printf("{\"mode\":\"%s\",\"list_version\":\"%s\","
		       "\"records\":%zu,\"screened\":%zu,"
		       "\"delta_candidates\":%zu,\"entities_added\":%zu,"
		       "\"entities_changed\":%zu,\"entities_removed\":%zu,"
		       "\"new\":%zu,\"updated\":%zu,\"unchanged\":%zu,"
		       "\"quiet\":%zu,\"closed\":%zu,\"seconds\":%.3f,"
		       "\"audit_seq\":%lld}\n",
		       st.mode, st.list_version, st.records, st.screened,
		       st.delta_candidates, st.ent_added, st.ent_changed,
		       st.ent_removed, st.new_alerts, st.updated, st.unchanged,
		       st.quiet, st.closed, st.seconds, st.run_seq);
	} else {
		printf("monitor %s run, book %s, lists %.12s\n", st.mode,
		       o.book ? o.book : "default", st.list_version);
		if (strcmp(st.mode, "delta") == 0)
			printf("  entities: %zu added, %zu changed, %zu "
			       "removed; %zu records re-scored\n",
			       st.ent_added, st.ent_changed, st.ent_removed,
			       st.delta_candidates);
		printf("  records %zu, screened %zu\n"
		       "  alerts: %zu new, %zu updated, %zu unchanged, %zu "
		       "quiet (decided), %zu closed\n"
		       "  %.2f s (audit record %lld)\n",
		       st.records, st.screened, st.new_alerts, st.updated,
		       st.unchanged, st.quiet, st.closed, st.seconds,
		       st.run_seq);
	}
	rc = 0;
done:
	kd_store_free(s);
	kd_matcher_free(m);
	return rc;
}
