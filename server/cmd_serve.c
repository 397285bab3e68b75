/*
 * cmd_serve.c - `kordon serve`: options, config, signals, and the order
 * of start-up and shutdown.
 *
 * Start-up: block SIGHUP/SIGTERM/SIGINT (every thread created afterwards
 * inherits the mask, so only the main thread sees them, synchronously,
 * through sigtimedwait - no async-signal-safety puzzles), start the
 * reload thread, start listening, then ask for the first load. /healthz
 * answers at once and /readyz says 503 until the index is in; a first
 * load that fails ends the process (exit 2) because a screening server
 * without lists must not look alive.
 *
 * Main loop: SIGHUP schedules a reload, SIGUSR1 a forced one (past the
 * shrink guard of reload.c); SIGTERM/SIGINT start the
 * shutdown: stop accepting, answer /updatez waiters, let requests in
 * flight finish (up to `grace` seconds), stop the threads, free
 * everything, exit 0.
 *
 * Option precedence: `serve` options > global --data / KORDON_DATA >
 * config file > defaults.
 */
#include "cli.h"
#include "workflow.h"
#include "server.h"
#include "alerts_http.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char serve_help[] =
	"usage: kordon [--data PATH] serve [options]\n"
	"HTTP screening API, compatible with the OpenSanctions yente /match,\n"
	"/search, /entities and /catalog endpoints (see docs/server.md).\n"
	"  --listen ADDR:PORT  listen address (default 127.0.0.1:8000);\n"
	"                      [V6]:PORT for IPv6, port 0 picks a free port\n"
	"  --data PATH         list directory or file (as the global option)\n"
	"  --threads N         server threads (default: one per CPU)\n"
	"  --timeout S         idle connection timeout, seconds (default 30)\n"
	"  --max-shrink PCT    refuse a reload that shrinks any list by more\n"
	"                      than PCT % (default 50; 100 disables)\n"
	"  --audit-requests    append every /match and /scan request and its\n"
	"                      answer to the store's audit trail (off)\n"
	"limits (0 disables one; see docs/server.md):\n"
	"  --request-timeout S headers and body must be in within S seconds\n"
	"                      (default 10; not reset by each byte)\n"
	"  --max-per-ip N      connections per client address (default 32)\n"
	"  --reserve N         connection slots kept free for new clients by\n"
	"                      ending the oldest unfinished requests (16)\n"
	"  --work-budget N     /match: names of all queries x limit (25000)\n"
	"  --max-answer BYTES  answer size cap (default 8388608)\n"
	"  --work-timeout MS   a request still screening after MS ms is\n"
	"                      stopped with 503 + Retry-After (10000)\n"
	"  --config FILE       listen, data, threads, timeout, grace,\n"
	"                      max_connections, api_key_sha256,\n"
	"                      update_token_sha256, audit_requests\n"
	"                      (key = value lines)\n"
	"signals: SIGHUP reloads the lists, SIGUSR1 reloads them even if a\n"
	"list shrinks by more than --max-shrink, SIGTERM/SIGINT stop\n"
	"gracefully\n"
	"environment: KORDON_UPDATE_TOKEN enables POST /updatez\n";

/* Value of option `name` at argv[*k], as "--name V" or "--name=V". */
static const char *opt_value(int argc, char **argv, int *k, const char *name)
{
	size_t n = strlen(name);
	const char *a = argv[*k];
	if (strncmp(a, name, n) != 0)
		return NULL;
	if (a[n] == '=')
		return a + n + 1;
	if (a[n] != '\0')
		return NULL;
	if (*k + 1 >= argc) {
		fprintf(stderr, "kordon serve: %s needs a value\n", name);
		return "";
	}
	return argv[++*k];
}

static int copy(char *dst, size_t cap, const char *v, const char *what)
{
	if (*v == '\0' || strlen(v) >= cap) {
		fprintf(stderr, "kordon serve: %s: empty or too long\n", what);
		return -1;
	}
	memcpy(dst, v, strlen(v) + 1);
	return 0;
}

static int parse_args(struct srv_config *cfg, struct srv_limits *lim,
		      const char **data, int argc, char **argv)
{
	char err[600];
	const char *v;
	int k;
	/* the config file first, so that options override it */
	for (k = 1; k < argc; k++)
		if ((v = opt_value(argc, argv, &k, "--config")) != NULL) {
			if (*v == '\0' ||
			    srv_config_load(cfg, v, err, sizeof(err)) < 0) {
				fprintf(stderr, "kordon serve: %s\n",
					*v ? err : "--config needs a file");
				return -1;
			}
		}
	for (k = 1; k < argc; k++) {
		unsigned *num = NULL, lo = 1, hi = 256;
		const char *name = argv[k];
		if ((v = opt_value(argc, argv, &k, "--config")) != NULL)
			continue;
		if (strcmp(argv[k], "--audit-requests") == 0) {
			cfg->audit_requests = 1;
			continue;
		}
		if ((v = opt_value(argc, argv, &k, "--listen")) != NULL) {
			if (copy(cfg->listen, sizeof(cfg->listen), v,
				 "--listen") < 0)
				return -1;
			continue;
		}
		if ((v = opt_value(argc, argv, &k, "--data")) != NULL) {
			if (*v == '\0')
				return -1;
			*data = v;
			continue;
		}
		if ((v = opt_value(argc, argv, &k, "--index")) != NULL) {
			/* a snapshot file (kordon index build): the loader
			 * recognises it by its magic, and a reload re-opens
			 * it, so `index build -o FILE` + SIGHUP swaps lists */
			if (*v == '\0')
				return -1;
			*data = v;
			continue;
		}
		if ((v = opt_value(argc, argv, &k, "--threads")) != NULL)
			num = &cfg->threads;
		else if ((v = opt_value(argc, argv, &k, "--timeout")) != NULL)
			num = &cfg->timeout, hi = 3600;
		else if ((v = opt_value(argc, argv, &k, "--max-shrink")) !=
			 NULL)
			num = &lim->max_shrink, lo = 0, hi = 100;
		else if ((v = opt_value(argc, argv, &k, "--request-timeout")) !=
			 NULL)
			num = &lim->request_deadline, lo = 0, hi = 3600;
		else if ((v = opt_value(argc, argv, &k, "--max-per-ip")) !=
			 NULL)
			num = &lim->per_ip, lo = 0, hi = 1000000;
		else if ((v = opt_value(argc, argv, &k, "--reserve")) != NULL)
			num = &lim->reserve, lo = 0, hi = 1000000;
		else if ((v = opt_value(argc, argv, &k, "--work-budget")) !=
			 NULL)
			num = &lim->work_budget, lo = 0, hi = 1000000000;
		else if ((v = opt_value(argc, argv, &k, "--max-answer")) !=
			 NULL)
			num = &lim->max_answer, lo = 0, hi = 1u << 30;
		else if ((v = opt_value(argc, argv, &k, "--work-timeout")) !=
			 NULL)
			num = &lim->work_ms, lo = 0, hi = 3600000;
		if (num) {
			char *end;
			unsigned long x;
			errno = 0;
			x = strtoul(v, &end, 10);
			if (errno || end == v || *end || x < lo || x > hi) {
				fprintf(stderr,
					"kordon serve: %.10s wants %u..%u, "
					"got '%s'\n",
					name, lo, hi, v);
				return -1;
			}
			*num = (unsigned)x;
			continue;
		}
		fprintf(stderr, "kordon serve: unknown option '%s'\n", argv[k]);
		return -1;
	}
	return 0;
}

/* Which data path to serve (see the precedence in the header). */
static const char *pick_data(const struct cli *c, const char *serve_data,
			     const struct srv_config *cfg)
{
	const char *env = getenv("KORDON_DATA");
	if (serve_data)
		return serve_data;
	if (c->index)
		return c->index;
	if ((env && *env) || strcmp(c->data, cli_default_data()) != 0)
		return c->data;
	return cfg->data[0] ? cfg->data : c->data;
}

/* Wait for signals; @return the exit status. */
static int main_loop(struct srv *s, const sigset_t *set)
{
	for (;;) {
		struct timespec ts = { 0, 250 * 1000 * 1000 };
		int sig = sigtimedwait(set, NULL, &ts);
		if (atomic_load(&s->reload.failed_first)) {
			srv_log("error", "msg=\"first load failed, exiting\"");
			return 2;
		}
		if (sig == SIGHUP) {
			srv_log("info", "msg=\"SIGHUP: reload requested\"");
			reloader_request(&s->reload, NULL, NULL, NULL);
		} else if (sig == SIGUSR1) {
			srv_log("warn", "msg=\"SIGUSR1: forced reload "
					"requested (no shrink guard)\"");
			reloader_force_next(&s->reload);
			reloader_request(&s->reload, NULL, NULL, NULL);
		} else if (sig == SIGTERM || sig == SIGINT) {
			srv_log("info", "msg=\"%s: shutting down\"",
				sig == SIGTERM ? "SIGTERM" : "SIGINT");
			return 0;
		}
	}
}

int cmd_serve(struct cli *c, int argc, char **argv)
{
	struct srv *s;
	const char *serve_data = NULL, *data;
	sigset_t set;
	int k, rc = 2;

	for (k = 1; k < argc; k++)
		if (cli_is_help(argv[k])) {
			fputs(serve_help, stdout);
			return 0;
		}
	if ((s = kd__calloc(1, sizeof(*s))) == NULL) {
		fputs("kordon serve: out of memory\n", stderr);
		return 2;
	}
	srv_config_init(&s->cfg);
	atomic_init(&s->inflight, 0);
	atomic_init(&s->stopping, 0);
	s->listen_fd = MHD_INVALID_SOCKET;
	srv_limits_defaults(&s->lim);
	if (parse_args(&s->cfg, &s->lim, &serve_data, argc, argv) < 0)
		goto done_cfg;

	srv_config_env(&s->cfg);
	data = pick_data(c, serve_data, &s->cfg);
	{ /* the review workflow's store (server/alerts_http.c opens it on
	   * first use): --store / KORDON_STORE, else kordon.db beside the
	   * data, as the workflow commands use */
		const char *st = getenv("KORDON_STORE");
		char def[4096];
		if (st == NULL || *st == '\0') {
			cli_store_default(def, sizeof(def), data);
			setenv("KORDON_STORE", def, 1);
		}
	}

	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	if (srv_metrics_init(&s->metrics) < 0) {
		fputs("kordon serve: out of memory\n", stderr);
		goto done_cfg;
	}
	if (reloader_start(&s->reload, data) < 0) {
		fputs("kordon serve: cannot start the reload thread\n", stderr);
		goto done;
	}
	reloader_set_max_shrink(&s->reload, s->lim.max_shrink / 100.0);
	if (srv_start(s) < 0)
		goto done;
	srv_log("info", "msg=\"loading\" data=\"%s\" api_keys=%zu updatez=%s",
		data, s->cfg.nkeys, s->cfg.has_update ? "on" : "off");
	reloader_request(&s->reload, NULL, NULL, NULL);
	rc = main_loop(s, &set);
	srv_quiesce(s);
	srv_monitor_stop(); /* a background monitor run: after its block */
done:
	srv_stop(s);
	reloader_free(&s->reload);
	srv_metrics_free(&s->metrics);
	if (rc == 0)
		srv_log("info", "msg=\"stopped\"");
done_cfg:
	srv_config_free(&s->cfg);
	kd__free(s);
	return rc;
}
