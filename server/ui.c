/*
 * ui.c - the analyst's web interface in `kordon serve`:
 *
 *   GET /ui/...   the static files of web/ (plain HTML, CSS and JS: no
 *                 build step, no CDN, works offline); no API key needed
 *                 for the files themselves, the page asks for one and
 *                 sends it with every API call
 *   GET /ui, /    redirect to /ui/
 *   GET /whoami   {"user":..., "auth":"open"|"key"}: who the presented
 *                 key names (KORDON_API_USERS; null when it names
 *                 nobody: such a key may search but not decide)
 *
 * The web directory is KORDON_WEB_DIR when set, else the installed
 * <exe dir>/../share/kordon/web, else web/ beside the source tree's
 * data/ (KD_DEFAULT_DATA). It is looked up once. Only names made of
 * [A-Za-z0-9._-] segments are served (no "..", no hidden files), so a
 * request cannot leave the directory.
 */
#include "server.h"
#include "alerts_http.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define UI_MAX_FILE (4u << 20)

static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static char g_dir[PATH_MAX];

static int is_dir_with_index(const char *dir)
{
	char p[PATH_MAX + 16];
	struct stat st;
	int n = snprintf(p, sizeof(p), "%s/index.html", dir);
	if (n < 0 || (size_t)n >= sizeof(p))
		return 0; /* a path too long is no web directory */
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

static void find_dir(void)
{
	const char *env = getenv("KORDON_WEB_DIR");
	char exe[PATH_MAX], cand[PATH_MAX + 32];
	ssize_t n;
	if (env && *env) {
		snprintf(g_dir, sizeof(g_dir), "%s", env);
		if (!is_dir_with_index(g_dir))
			srv_log("warn",
				"msg=\"KORDON_WEB_DIR has no "
				"index.html\" dir=%s",
				g_dir);
		return;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		char *slash;
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		snprintf(cand, sizeof(cand), "%s/../share/kordon/web", exe);
		if (is_dir_with_index(cand) && realpath(cand, g_dir))
			return;
	}
#ifdef KD_DEFAULT_DATA
	snprintf(cand, sizeof(cand), "%s/../web", KD_DEFAULT_DATA);
	if (is_dir_with_index(cand) && realpath(cand, g_dir))
		return;
#endif
	g_dir[0] = '\0';
	srv_log("warn", "msg=\"no web directory: /ui/ answers 404 (set "
			"KORDON_WEB_DIR)\"");
}

static const char *mime(const char *name)
{
	static const struct {
		const char *ext, *type;
	} t[] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".json", "application/json" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".ico", "image/x-icon" },
		{ ".txt", "text/plain; charset=utf-8" },
	};
	const char *dot = strrchr(name, '.');
	size_t i;
	for (i = 0; dot && i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(dot, t[i].ext) == 0)
			return t[i].type;
	return "application/octet-stream";
}

/* Segments of [A-Za-z0-9_-] and dots, never starting with a dot. */
static int safe_name(const char *p)
{
	int seg_start = 1;
	if (strlen(p) > 200)
		return 0;
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '/') {
			if (seg_start)
				return 0; /* "//" or leading "/" */
			seg_start = 1;
			continue;
		}
		if (seg_start && c == '.')
			return 0;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-'))
			return 0;
		seg_start = 0;
	}
	return 1;
}

int srv_h_ui(struct srv_req *r)
{
	const char *name = *r->tail ? r->tail : "index.html";
	char path[PATH_MAX + 256];
	struct stat st;
	FILE *f;
	char chunk[16384];
	size_t got;
	int err;
	pthread_once(&g_once, find_dir);
	if (name[strlen(name) - 1] == '/' || !safe_name(name))
		return srv_error(r, 404, "Not Found");
	if (g_dir[0] == '\0')
		return srv_error(r, 404,
				 "the web interface is not installed "
				 "(set KORDON_WEB_DIR)");
	snprintf(path, sizeof(path), "%s/%s", g_dir, name);
	if ((f = fopen(path, "rb")) == NULL)
		return srv_error(r, errno == ENOENT ? 404 : 500, "%s",
				 errno == ENOENT ? "Not Found"
						 : "cannot read the file");
	if (fstat(fileno(f), &st) < 0 || !S_ISREG(st.st_mode) ||
	    (size_t)st.st_size > UI_MAX_FILE) {
		fclose(f);
		return srv_error(r, 404, "Not Found");
	}
	kd__buf_clear(&r->out);
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (kd__buf_put(&r->out, chunk, got) < 0) {
			fclose(f);
			return srv_error(r, 500, "out of memory");
		}
	err = ferror(f);
	fclose(f);
	if (err)
		return srv_error(r, 500, "cannot read the file");
	return srv_reply(r, 200, mime(name));
}

int srv_h_ui_redirect(struct srv_req *r)
{
	r->hname = "Location";
	r->hvalue = "/ui/";
	kd__buf_clear(&r->out);
	return srv_reply(r, 302, "text/plain");
}

int srv_h_whoami(struct srv_req *r)
{
	const char *user = srv_req_user(r);
	kd__buf_puts(&r->out, "{\"user\":");
	if (user && *user)
		kd__buf_json_str(&r->out, user);
	else
		kd__buf_puts(&r->out, "null");
	if (kd__buf_printf(&r->out, ",\"auth\":\"%s\"}",
			   r->srv->cfg.nkeys ? "key" : "open") < 0)
		return srv_error(r, 500, "out of memory");
	return srv_reply(r, 200, NULL);
}
