/*
 * datadir.c - where `kordon` finds its bundled lists when neither --data
 * nor KORDON_DATA names them.
 *
 * An installed kordon (cmake --install, the .deb) keeps them in
 * <prefix>/share/kordon/data. The prefix is not fixed at build time
 * (`cmake --install build --prefix DIR`, DESTDIR staging, a moved tree),
 * so the directory is found from the executable's own location:
 * /proc/self/exe, then KD_DATA_REL (the path from the bin directory to
 * the data directory, "../share/kordon/data" with GNUInstallDirs
 * defaults). A binary run from its build tree has no such directory next
 * to it and falls back to KD_DEFAULT_DATA (the source tree's data/, or
 * the configured install path for package builds).
 */
#include "cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *cli_default_data(void)
{
#ifdef KD_DATA_REL
	static char path[PATH_MAX];
	static int done;
	char exe[PATH_MAX], conf[PATH_MAX + 16], rel[PATH_MAX];
	struct stat st;
	ssize_t n;
	char *slash;
	int w;

	if (done)
		return path[0] ? path : KD_DEFAULT_DATA;
	done = 1;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return KD_DEFAULT_DATA;
	exe[n] = '\0';
	if ((slash = strrchr(exe, '/')) == NULL)
		return KD_DEFAULT_DATA;
	*slash = '\0';
	w = snprintf(rel, sizeof(rel), "%s/%s", exe, KD_DATA_REL);
	if (w < 0 || (size_t)w >= sizeof(rel))
		return KD_DEFAULT_DATA;
	w = snprintf(conf, sizeof(conf), "%s/lists.conf", rel);
	if (w < 0 || (size_t)w >= sizeof(conf) || stat(conf, &st) != 0)
		return KD_DEFAULT_DATA;
	/* "/usr/share/kordon/data" rather than "/usr/bin/../share/..." in
	 * `kordon lists` and error messages */
	if (realpath(rel, path) == NULL) {
		path[0] = '\0';
		return KD_DEFAULT_DATA;
	}
	return path;
#else
	return KD_DEFAULT_DATA;
#endif
}
