/*
 * update.c - kd_update(): bring the lists of a data directory up to date
 * from their official URLs, one list at a time:
 *
 *   lists.conf [id] url ──► fetch (conditional) ──► 304: unchanged, done
 *                               │ 200
 *                               ▼
 *              versions/.tmp-PID/<file>.gz (+ OFAC companion files)
 *                               │ checksum, format, full parse,
 *                               │ entity count vs the version in use
 *                               ▼
 *              rename to versions/<date>-<sha8>/ ──► lists.conf rewritten
 *              (atomic rename) ──► state (validators) ──► prune old versions
 *
 * Any failure before the lists.conf rename leaves everything in use as it
 * was (the temporary directory is removed) and is reported with its
 * reason; other lists are still updated. A version is dated by the
 * publication date in the file when it has one, else by the server's
 * Last-Modified, else by the day of the download; for such files the
 * `date` of lists.conf is set too, so the list shows the right date.
 *
 * One run per data directory at a time: an flock on
 * <dir>/.kordon-update.lock; a second run fails at once (cron overlap).
 */
#include "update.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct run {
	const char *dir;
	const kd_update_opts *o;
	struct kd_manifest *m;
	kd_update_cb cb;
	void *ctx;
};

/* What one list's update found out; reported through the callback. */
struct outcome {
	kd_update_report r;
	char msg[1024], version[128], previous[128];
	char *diff;
};

static int fail(struct outcome *oc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int fail(struct outcome *oc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(oc->msg, sizeof(oc->msg), fmt, ap);
	va_end(ap);
	oc->r.status = KD_UPDATE_FAILED;
	return KD_EIO;
}

/* snprintf() result: did it fit? */
static bool fits(int n, size_t cap)
{
	return n >= 0 && (size_t)n < cap;
}

static int mkdirs(const char *path)
{
	char p[4096];
	size_t i, n = strlen(path);
	if (n >= sizeof(p))
		return -1;
	memcpy(p, path, n + 1);
	for (i = 1; i <= n; i++) {
		if (p[i] != '/' && p[i] != '\0')
			continue;
		p[i] = '\0';
		if (mkdir(p, 0755) != 0 && errno != EEXIST)
			return -1;
		p[i] = i < n ? '/' : '\0';
	}
	return 0;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* The last path component of a URL (no query), in out. */
static void url_base(char *out, size_t cap, const char *url)
{
	size_t end = strcspn(url, "?#"), start = end;
	while (start > 0 && url[start - 1] != '/')
		start--;
	if (end - start >= cap)
		end = start + cap - 1;
	memcpy(out, url + start, end - start);
	out[end - start] = '\0';
}

/* url with its last path component replaced by name (query dropped). */
static void url_sibling(char *out, size_t cap, const char *url,
			const char *name)
{
	size_t end = strcspn(url, "?#"), start = end;
	while (start > 0 && url[start - 1] != '/')
		start--;
	snprintf(out, cap, "%.*s%s", (int)start, url, name);
}

/* name without ".gz", then ".gz": how a version stores a file. */
static void stored_name(char *out, size_t cap, const char *name)
{
	size_t n = strlen(name);
	if (n > 3 && strcmp(name + n - 3, ".gz") == 0)
		n -= 3;
	snprintf(out, cap, "%.*s.gz", (int)n, name);
}

static void lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

/* A one-list manifest for directory d. */
static int write_conf(const char *d, const struct kd_mf_list *l,
		      const char *file, const char *date)
{
	char path[4096];
	FILE *f;
	bool ok;
	snprintf(path, sizeof(path), "%s/lists.conf", d);
	if ((f = fopen(path, "w")) == NULL)
		return KD_EIO;
	fprintf(f, "# written by kordon update\n[%s]\nformat = %s\nfile = %s\n",
		l->id, l->format, file);
	if (l->title[0])
		fprintf(f, "title = %s\n", l->title);
	if (l->publisher[0])
		fprintf(f, "publisher = %s\n", l->publisher);
	if (date && *date)
		fprintf(f, "date = %s\n", date);
	if (l->url[0])
		fprintf(f, "url = %s\n", l->url);
	ok = ferror(f) == 0;
	return fclose(f) == 0 && ok ? 0 : KD_EIO;
}

/* The version in use, loaded on its own (NULL when there is none or it
 * does not load: then everything is "added"). */
static kd_db *load_current(const struct run *run, const struct kd_mf_list *l,
			   const char *home, const char *vdir)
{
	char scratch[4096], path[4096], rel[4096];
	const char *p;
	size_t depth = 2, k = 0; /* <home>/versions/.old-PID below <dir> */
	kd_db *db = NULL;
	kd_parse_err err;
	snprintf(path, sizeof(path), "%s/%s", run->dir, l->file);
	if (access(path, R_OK) != 0)
		return NULL;
	if ((size_t)snprintf(scratch, sizeof(scratch), "%s/.old-%ld", vdir,
			     (long)getpid()) >= sizeof(scratch))
		return NULL; /* a path this long is never a usable version dir */
	for (p = home; *p; p++)
		depth += (p == home || p[-1] == '/') && *p != '/';
	rel[0] = '\0';
	while (depth-- > 0 && k + 4 < sizeof(rel)) {
		memcpy(rel + k, "../", 4);
		k += 3;
	}
	snprintf(rel + k, sizeof(rel) - k, "%s", l->file);
	kd__rmtree(scratch);
	if (mkdir(scratch, 0755) == 0 &&
	    write_conf(scratch, l, rel, l->date) == 0)
		kd_db_load(&db, scratch, NULL, &err);
	kd__rmtree(scratch);
	return db;
}

/* YYYY-MM-DD of an HTTP date, else of today (UTC). */
static void version_date(char out[16], const char *http_date)
{
	time_t t = http_date && *http_date ? curl_getdate(http_date, NULL) : -1;
	struct tm tm;
	if (t < 0)
		t = time(NULL);
	gmtime_r(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

static size_t entities_of(const kd_db *db)
{
	return db ? kd_db_count(db) : 0;
}

/* Fetch the OFAC companions of the main file into tmp. */
static int fetch_companions(struct outcome *oc, const struct kd_mf_list *l,
			    const char *tmp, const kd_update_opts *o)
{
	char ubase[256], cname[64], lname[64], url[2048], path[4096];
	struct kd_fetch f;
	int i;
	url_base(ubase, sizeof(ubase), l->url);
	for (i = 0; i < 3; i++) {
		if (!kd__companion(cname, sizeof(cname), ubase, i))
			break;
		url_sibling(url, sizeof(url), l->url, cname);
		lower(cname);
		stored_name(lname, sizeof(lname), cname);
		if (!fits(snprintf(path, sizeof(path), "%s/%s", tmp, lname),
			  sizeof(path)))
			return fail(oc, "path too long: %s", tmp);
		if (kd__fetch(&f, url, path, NULL, NULL, o) < 0)
			return fail(oc, "download failed: %s", f.error);
	}
	return 0;
}

static int check_sum(struct outcome *oc, const struct kd_mf_list *l,
		     const char *tmp, const struct kd_fetch *main,
		     const kd_update_opts *o)
{
	char path[4096], ubase[256], *text = NULL;
	unsigned char want[32];
	size_t len, i;
	struct kd_fetch f;
	int e;
	if (l->sha256[0] == '\0')
		return 0;
	if (!fits(snprintf(path, sizeof(path), "%s/.sha256", tmp),
		  sizeof(path)))
		return fail(oc, "path too long: %s", tmp);
	if (kd__fetch(&f, l->sha256, path, NULL, NULL, o) < 0)
		return fail(oc, "checksum download failed: %s", f.error);
	e = kd__file_slurp(&text, &len, path);
	unlink(path);
	url_base(ubase, sizeof(ubase), l->url);
	if (e == 0)
		e = kd__checksum_pick(want, text, len, ubase);
	kd__free(text);
	if (e < 0)
		return fail(oc, "checksum %s: %s", l->sha256, kd_error_last());
	if (memcmp(want, main->sha256, 32) != 0) {
		char a[65], b[65];
		for (i = 0; i < 32; i++) {
			snprintf(a + 2 * i, 3, "%02x", want[i]);
			snprintf(b + 2 * i, 3, "%02x", main->sha256[i]);
		}
		return fail(oc,
			    "checksum mismatch: published sha256 %s, "
			    "downloaded %s",
			    a, b);
	}
	return 0;
}

/* Update one list; fills oc. @return 0 or KD_EIO (failed). */
static int update_list(const struct run *run, const struct kd_mf_list *l,
		       struct outcome *oc)
{
	const kd_update_opts *o = run->o;
	char home[1024], vdir[4096], tmp[4096], name[512], path[4096];
	char cur[128], date[32] = "", final[4096], file[1024];
	struct kd_state st;
	struct kd_fetch f;
	kd_db *ndb = NULL, *odb = NULL;
	kd_source_info si;
	size_t i;
	bool need_date = false, have_cur;
	int e = 0;

	kd__list_home(home, sizeof(home), l->file);
	snprintf(vdir, sizeof(vdir), "%s%s%s/versions", run->dir,
		 home[0] ? "/" : "", home);
	kd__version_of(cur, sizeof(cur), l->file);
	if (!fits(snprintf(oc->previous, sizeof(oc->previous), "%s",
			   cur[0] ? cur : base_name(l->file)),
		  sizeof(oc->previous)))
		oc->previous[sizeof(oc->previous) - 2] = '~'; /* shortened */
	snprintf(oc->version, sizeof(oc->version), "%s", oc->previous);
	snprintf(path, sizeof(path), "%s/%s", run->dir, l->file);
	have_cur = access(path, R_OK) == 0;
	if (!have_cur)
		oc->previous[0] = oc->version[0] = '\0';
	if (l->url[0] == '\0')
		return fail(oc, "no url in lists.conf");
	if (l->format[0] == '\0' || l->file[0] == '\0')
		return fail(oc, "lists.conf needs format and file");
	if (l->deltas)
		return fail(oc, "lists with delta files are not updated");
	if (mkdirs(vdir) < 0)
		return fail(oc, "cannot create %s: %s", vdir, strerror(errno));

	/* validators only when they belong to the version in use */
	kd__state_read(&st, vdir);
	if (!have_cur || strcmp(st.version, cur) != 0)
		memset(&st, 0, sizeof(st));

	if (!fits(snprintf(tmp, sizeof(tmp), "%s/.tmp-%ld", vdir,
			   (long)getpid()),
		  sizeof(tmp)))
		return fail(oc, "path too long: %s", vdir);
	kd__rmtree(tmp);
	if (mkdir(tmp, 0755) != 0)
		return fail(oc, "cannot create %s: %s", tmp, strerror(errno));
	stored_name(name, sizeof(name), base_name(l->file));
	if (!fits(snprintf(path, sizeof(path), "%s/%s", tmp, name),
		  sizeof(path))) {
		e = fail(oc, "path too long: %s", tmp);
		goto done;
	}
	if (kd__fetch(&f, l->url, path, st.etag, st.last_modified, o) < 0) {
		e = fail(oc, "download failed: %s", f.error);
		goto done;
	}
	if (f.not_modified) {
		snprintf(oc->msg, sizeof(oc->msg), "not modified (HTTP 304)");
		oc->r.status = KD_UPDATE_UNCHANGED;
		goto done;
	}
	if ((e = fetch_companions(oc, l, tmp, o)) < 0 ||
	    (e = check_sum(oc, l, tmp, &f, o)) < 0)
		goto done;
	if (write_conf(tmp, l, name, NULL) < 0) {
		e = fail(oc, "cannot write %s/lists.conf", tmp);
		goto done;
	}
	if (kd__verify_parse(&ndb, tmp, l->format, name, oc->msg,
			     sizeof(oc->msg)) < 0) {
		e = KD_EIO;
		oc->r.status = KD_UPDATE_FAILED;
		goto done;
	}
	kd_db_source(&si, ndb, 0);
	if (si.date[0]) {
		snprintf(date, sizeof(date), "%s", si.date);
	} else {
		need_date = true;
		version_date(date, f.last_modified);
	}
	snprintf(oc->version, sizeof(oc->version), "%s-", date);
	for (i = 0; i < 4; i++)
		snprintf(oc->version + strlen(oc->version), 3, "%02x",
			 f.sha256[i]);

	odb = have_cur ? load_current(run, l, home, vdir) : NULL;
	oc->r.old_entities = entities_of(odb);
	oc->r.new_entities = entities_of(ndb);
	if (odb && !o->force &&
	    !kd__verify_drop(entities_of(odb), entities_of(ndb), o->max_drop)) {
		size_t a = entities_of(odb), b = entities_of(ndb);
		snprintf(oc->version, sizeof(oc->version), "%s", oc->previous);
		e = fail(oc,
			 "refused: the entity count would fall from %zu to "
			 "%zu (-%.0f %%, more than the %.0f %% allowed); "
			 "--force accepts it",
			 a, b, 100.0 * (double)(a - b) / (double)a,
			 100.0 * o->max_drop);
		goto done;
	}
	st.etag[0] = st.last_modified[0] = '\0';
	snprintf(st.etag, sizeof(st.etag), "%s", f.etag);
	snprintf(st.last_modified, sizeof(st.last_modified), "%s",
		 f.last_modified);
	snprintf(st.version, sizeof(st.version), "%s", oc->version);
	if (strcmp(oc->version, cur) == 0) {
		/* the same bytes again (a server that ignores conditions) */
		snprintf(oc->msg, sizeof(oc->msg),
			 "unchanged (same content as the version in use)");
		oc->r.status = KD_UPDATE_UNCHANGED;
		kd__state_write(&st, vdir);
		goto done;
	}
	if ((e = kd_db_diff(&oc->diff, NULL, &oc->r.stats, odb, ndb,
			    o->diff_flags)) < 0) {
		e = fail(oc, "change report: %s", kd_error_last());
		goto done;
	}
	if (need_date && write_conf(tmp, l, name, date) < 0) {
		e = fail(oc, "cannot write %s/lists.conf", tmp);
		goto done;
	}
	/* the switch: version directory in place, then lists.conf */
	if (!fits(snprintf(final, sizeof(final), "%s/%s", vdir, oc->version),
		  sizeof(final)) ||
	    !fits(snprintf(file, sizeof(file), "%s%sversions/%s/%s", home,
			   home[0] ? "/" : "", oc->version, name),
		  sizeof(file))) {
		e = fail(oc, "path too long: %s", vdir);
		goto done;
	}
	if (access(final, F_OK) == 0) {
		kd__rmtree(tmp); /* the same content was kept before */
	} else if (kd__sync_dir(tmp) < 0) {
		e = fail(oc, "%s", kd_error_last());
		goto done;
	} else if (rename(tmp, final) != 0 || kd__sync_dir(vdir) < 0) {
		e = fail(oc, "cannot rename %s: %s", tmp, strerror(errno));
		goto done;
	}
	{
		const char *keys[2] = { "file", "date" };
		const char *vals[2] = { file, date };
		if (kd__manifest_set(run->m, l->id, keys, vals,
				     need_date ? 2 : 1) < 0) {
			e = fail(oc, "%s", kd_error_last());
			goto done;
		}
	}
	kd__state_write(&st, vdir);
	kd__versions_prune(vdir, l->id, o->keep, oc->version);
	oc->r.status = KD_UPDATE_UPDATED;
	snprintf(oc->msg, sizeof(oc->msg), "updated: %zu -> %zu entities",
		 oc->r.old_entities, oc->r.new_entities);
done:
	if (e < 0 || oc->r.status != KD_UPDATE_UPDATED)
		snprintf(oc->version, sizeof(oc->version), "%s", oc->previous);
	kd__rmtree(tmp);
	kd_db_free(ndb);
	kd_db_free(odb);
	return e < 0 ? KD_EIO : 0;
}

static bool wanted(const char *id, const char *const *lists, size_t n)
{
	size_t i;
	if (lists == NULL || n == 0)
		return true;
	for (i = 0; i < n; i++)
		if (strcmp(lists[i], id) == 0)
			return true;
	return false;
}

int kd_update(const char *dir, const char *const *lists, size_t nlists,
	      const kd_update_opts *opts, kd_update_cb cb, void *ctx)
{
	kd_update_opts defaults = KD_UPDATE_OPTS_INIT;
	struct kd_manifest m;
	struct run run;
	char path[4096];
	size_t i, k;
	int lock, e, failed = 0;

	if (dir == NULL)
		return kd__error_set(KD_EINVAL, "kd_update: no directory");
	if (opts == NULL)
		opts = &defaults;
	snprintf(path, sizeof(path), "%s/lists.conf", dir);
	if (access(path, R_OK) != 0)
		return kd__error_set(KD_EINVAL,
				     "%s: update needs a directory with a "
				     "lists.conf naming each list's url",
				     dir);
	snprintf(path, sizeof(path), "%s/.kordon-update.lock", dir);
	lock = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (lock < 0)
		return kd__error_set(KD_EIO, "%s: %s", path, strerror(errno));
	if (flock(lock, LOCK_EX | LOCK_NB) != 0) {
		close(lock);
		return kd__error_set(KD_EIO,
				     "%s: another update of this directory "
				     "is running",
				     dir);
	}
	snprintf(path, sizeof(path), "%s/lists.conf", dir);
	if ((e = kd__manifest_read(&m, path)) < 0) {
		close(lock);
		return e;
	}
	for (k = 0; k < nlists && lists; k++) {
		for (i = 0; i < m.nlists; i++)
			if (strcmp(m.lists[i].id, lists[k]) == 0)
				break;
		if (i == m.nlists) {
			e = kd__error_set(KD_EINVAL, "%s: no list [%s]", m.path,
					  lists[k]);
			goto done;
		}
	}
	run.dir = dir;
	run.o = opts;
	run.m = &m;
	run.cb = cb;
	run.ctx = ctx;
	for (i = 0; i < m.nlists; i++) {
		struct outcome oc;
		struct kd_mf_list l = m.lists[i]; /* m is rewritten */
		if (!wanted(l.id, lists, nlists))
			continue;
		if ((lists == NULL || nlists == 0) && l.url[0] == '\0')
			continue; /* local lists: nothing to fetch */
		memset(&oc, 0, sizeof(oc));
		if (update_list(&run, &l, &oc) < 0)
			failed++;
		oc.r.list = l.id;
		oc.r.message = oc.msg;
		oc.r.version = oc.version;
		oc.r.previous = oc.previous;
		oc.r.diff = oc.diff;
		if (cb)
			cb(&oc.r, ctx);
		kd_free(oc.diff);
	}
	e = failed ? kd__error_set(KD_EIO, "%d list%s not updated", failed,
				   failed == 1 ? "" : "s")
		   : 0;
done:
	kd__manifest_free(&m);
	close(lock);
	return e;
}
