/*
 * cmd_update.c - `kordon update [LIST...]`: fetch the official lists named
 * in lists.conf, verify them, switch to the new versions and print what
 * changed (kd_update() does the work). With --notify, a running `kordon
 * serve` is sent SIGHUP after an update so it reloads (its reload swaps
 * the index without failing a request).
 *
 * Exit status: 0 every list updated or unchanged, 1 a list failed (its
 * previous version stays in use), 2 bad usage or lists.conf.
 */
#include "cli.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

static const char update_help[] =
	"usage: kordon [--data DIR] update [options] [LIST...]\n"
	"Download each list of DIR/lists.conf that has a `url` (or only the\n"
	"LISTs named), verify it (checksum when `sha256 = URL` is set, "
	"format,\n"
	"full parse, entity count) and switch to it atomically; the previous\n"
	"version stays in use on any failure. Versions are kept in\n"
	"<list dir>/versions/<date>-<hash>/ (usable with --data).\n"
	"  --force             accept a fall in entities beyond --max-drop\n"
	"  --max-drop PCT      refuse a fall by more than PCT %% (default 20)\n"
	"  --keep N            versions kept per list (default 10)\n"
	"  --timeout S         seconds per download (default 600)\n"
	"  --connect-timeout S seconds to connect (default 30)\n"
	"  --retries N         retries after a transient failure (default 3)\n"
	"  --backoff MS        wait before the first retry, doubled for each\n"
	"                      further one (default 2000)\n"
	"  --max-size MB       size cap per file (default 1024)\n"
	"  --proxy URL         proxy (default: $https_proxy, $http_proxy,\n"
	"                      $no_proxy)\n"
	"  --cacert FILE       CA bundle (default: $KORDON_CA_BUNDLE,\n"
	"                      $CURL_CA_BUNDLE, else the system's)\n"
	"  --json              one JSON object per list (change report "
	"incl.),\n"
	"                      then {\"parties\":...} when linked records "
	"changed\n"
	"  --quiet             one line per list, no change report\n"
	"After the lists, the parties (records of one party linked across\n"
	"lists) whose members or merged values changed (as `kordon diff`).\n"
	"  --notify PID|FILE   after an update, send SIGHUP to this process\n"
	"                      (a pid or a pid file) so `kordon serve` "
	"reloads\n"
	"exit status: 0 updated or unchanged, 1 a list failed, 2 usage\n";

struct ctx {
	int json, quiet, updated;
};

static const char *status_name(kd_update_status s)
{
	return s == KD_UPDATE_UPDATED  ? "updated"
	       : s == KD_UPDATE_FAILED ? "failed"
				       : "unchanged";
}

static void report(const kd_update_report *r, void *arg)
{
	struct ctx *c = arg;
	if (r->status == KD_UPDATE_UPDATED)
		c->updated++;
	if (c->json) {
		fputs("{\"list\":", stdout);
		cli_json_str(stdout, r->list);
		printf(",\"status\":\"%s\",\"message\":",
		       status_name(r->status));
		cli_json_str(stdout, r->message);
		fputs(",\"version\":", stdout);
		cli_json_str(stdout, r->version);
		fputs(",\"previous\":", stdout);
		cli_json_str(stdout, r->previous);
		printf(",\"old_entities\":%zu,\"new_entities\":%zu,\"diff\":",
		       r->old_entities, r->new_entities);
		if (r->diff) {
			size_t n = strlen(r->diff);
			while (n && r->diff[n - 1] == '\n')
				n--;
			fwrite(r->diff, 1, n, stdout);
		} else {
			fputs("null", stdout);
		}
		fputs("}\n", stdout);
		fflush(stdout);
		return;
	}
	switch (r->status) {
	case KD_UPDATE_UPDATED:
		printf("%s: updated %s -> %s (%zu -> %zu entities)\n", r->list,
		       r->previous[0] ? r->previous : "(none)", r->version,
		       r->old_entities, r->new_entities);
		if (!c->quiet && r->diff)
			fputs(r->diff, stdout);
		break;
	case KD_UPDATE_UNCHANGED:
		printf("%s: unchanged, %s (version %s)\n", r->list, r->message,
		       r->version[0] ? r->version : "(none)");
		break;
	default:
		printf("%s: FAILED: %s\n", r->list, r->message);
		fprintf(stderr, "kordon update: %s: %s; %s\n", r->list,
			r->message,
			r->previous[0] ? "the previous version stays in use"
				       : "the list is not available");
		break;
	}
	fflush(stdout);
}

/* All lists of dir as they are now (for the party report), or NULL. */
static kd_db *load_all(const char *dir)
{
	kd_db *db = NULL;
	kd_parse_err err;
	kd_load_opts o = KD_LOAD_OPTS_INIT;
	return kd_db_load(&db, dir, &o, &err) == 0 ? db : NULL;
}

/* Parties changed by the update: clusters span lists, so both sides are
 * every list of dir, not the one list of a per-list report. Printed only
 * when a party changed; nothing when dir did not load before. */
static void party_report(kd_db *before, const char *dir, const struct ctx *c)
{
	kd_db *after = load_all(dir);
	kd_diff_stats st;
	char *out = NULL;
	size_t len;
	if (after != NULL &&
	    kd_db_diff(&out, &len, &st, before, after,
		       KD_DIFF_PARTIES | (c->json ? KD_DIFF_JSON : 0)) == 0 &&
	    st.added + st.removed + st.changed > 0) {
		fwrite(out, 1, len, stdout);
		fflush(stdout);
	}
	kd_free(out);
	kd_db_free(after);
}

/* SIGHUP to a pid or the pid in a file. @return 0 or -1 (printed). */
static int notify(const char *what)
{
	char buf[64];
	const char *s = what;
	char *end;
	long pid;
	if (strspn(what, "0123456789") != strlen(what)) {
		FILE *f = fopen(what, "r");
		size_t n;
		if (f == NULL) {
			fprintf(stderr, "kordon update: --notify %s: %s\n",
				what, strerror(errno));
			return -1;
		}
		n = fread(buf, 1, sizeof(buf) - 1, f);
		fclose(f);
		buf[n] = '\0';
		s = buf;
	}
	errno = 0;
	pid = strtol(s, &end, 10);
	if (errno || end == s || pid <= 1) {
		fprintf(stderr, "kordon update: --notify %s: not a pid\n",
			what);
		return -1;
	}
	if (kill((pid_t)pid, SIGHUP) != 0) {
		fprintf(stderr, "kordon update: --notify: pid %ld: %s\n", pid,
			strerror(errno));
		return -1;
	}
	return 0;
}

/* A number option; false (printed) when it does not parse. */
static bool num(const char *opt, const char *v, double lo, double hi,
		double *out)
{
	char *end;
	errno = 0;
	*out = v ? strtod(v, &end) : 0;
	if (v == NULL || errno || end == v || *end || *out < lo || *out > hi) {
		fprintf(stderr,
			"kordon update: %s needs a number in [%g, %g]\n", opt,
			lo, hi);
		return false;
	}
	return true;
}

int cmd_update(struct cli *c, int argc, char **argv)
{
	kd_update_opts o = KD_UPDATE_OPTS_INIT;
	struct ctx cx = { 0, 0, 0 };
	const char **lists = NULL, *data = c->data, *notify_to = NULL;
	size_t nlists = 0;
	int i, e, rc;
	double v;
	kd_db *before = NULL;

	lists = kd__calloc((size_t)argc, sizeof(*lists));
	if (lists == NULL)
		return 2;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *val = i + 1 < argc ? argv[i + 1] : NULL;
		if (cli_is_help(a)) {
			fputs(update_help, stdout);
			kd__free(lists);
			return 0;
		}
		if (strcmp(a, "--force") == 0) {
			o.force = 1;
			continue;
		}
		if (strcmp(a, "--json") == 0) {
			cx.json = 1;
			o.diff_flags |= KD_DIFF_JSON;
			continue;
		}
		if (strcmp(a, "--quiet") == 0) {
			cx.quiet = 1;
			continue;
		}
		if (a[0] != '-') {
			lists[nlists++] = a;
			continue;
		}
		i++; /* every other option takes a value */
		if (val == NULL) {
			fprintf(stderr, "kordon update: %s needs a value\n", a);
			kd__free(lists);
			return 2;
		}
		if (strcmp(a, "--data") == 0) {
			data = val;
		} else if (strcmp(a, "--proxy") == 0) {
			o.proxy = val;
		} else if (strcmp(a, "--cacert") == 0) {
			o.cacert = val;
		} else if (strcmp(a, "--notify") == 0) {
			notify_to = val;
		} else if (strcmp(a, "--max-drop") == 0) {
			if (!num(a, val, 0, 100, &v))
				goto usage;
			o.max_drop = v / 100.0;
		} else if (strcmp(a, "--keep") == 0) {
			if (!num(a, val, 1, 10000, &v))
				goto usage;
			o.keep = (int)v;
		} else if (strcmp(a, "--timeout") == 0) {
			if (!num(a, val, 1, 86400, &v))
				goto usage;
			o.timeout = (long)v;
		} else if (strcmp(a, "--connect-timeout") == 0) {
			if (!num(a, val, 1, 3600, &v))
				goto usage;
			o.connect_timeout = (long)v;
		} else if (strcmp(a, "--retries") == 0) {
			if (!num(a, val, 0, 100, &v))
				goto usage;
			o.retries = (int)v;
		} else if (strcmp(a, "--backoff") == 0) {
			if (!num(a, val, 0, 3600000, &v))
				goto usage;
			o.backoff_ms = (long)v;
		} else if (strcmp(a, "--max-size") == 0) {
			if (!num(a, val, 0.001, 1e6, &v))
				goto usage;
			o.max_bytes = (unsigned long long)(v * 1048576.0);
		} else {
			fprintf(stderr, "kordon update: unknown option '%s'\n",
				a);
			goto usage;
		}
	}
	before = cx.quiet ? NULL : load_all(data);
	e = kd_update(data, nlists ? lists : NULL, nlists, &o, report, &cx);
	kd__free(lists);
	if (before != NULL && cx.updated)
		party_report(before, data, &cx);
	kd_db_free(before);
	if (e == KD_EINVAL || e == KD_EPARSE) {
		fprintf(stderr, "kordon update: %s\n", kd_error_last());
		return 2;
	}
	rc = e < 0 ? 1 : 0;
	if (e < 0 && !cx.json)
		fprintf(stderr, "kordon update: %s\n", kd_error_last());
	if (cx.updated && notify_to && notify(notify_to) < 0)
		rc = 1;
	return rc;
usage:
	kd__free(lists);
	return 2;
}
