/*
 * versions.c - where versions of a list live and how one is put in use.
 *
 *   data/lists.conf                 [un_sc] file = un/versions/V/x.xml.gz
 *   data/un/versions/V/x.xml.gz     a version, V = <date>-<sha256[0..8]>
 *   data/un/versions/V/lists.conf   a one-list manifest: `--data` can
 *                                   point at V to reproduce old runs
 *   data/un/versions/state          ETag and Last-Modified of the version
 *                                   in use (conditional requests)
 *   data/un/versions/.tmp-PID/      a download being verified
 *
 * The switch to a new version is one rename: lists.conf is rewritten to a
 * temporary file beside it (fsync-ed) and renamed over the old one, so a
 * reader (a server reloading, a screening run starting) sees either the
 * old manifest or the new one, never a mix, and the files a manifest
 * names are complete before it names them. The rewrite changes only the
 * lines of the keys it sets; comments and order stay.
 */
#include "update.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- lists.conf ---------------------------------------------------------- */

static void copy_val(char *dst, size_t cap, const char *v, size_t n)
{
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, v, n);
	dst[n] = '\0';
}

/* Split a line into key and value (trimmed); false for other lines. */
static bool key_value(const char *line, const char **k, size_t *kl,
		      const char **v, size_t *vl)
{
	const char *s = line, *eq;
	size_t len = strlen(line);
	kd__trim(&s, &len);
	if (len == 0 || *s == '#' || *s == ';' || *s == '[')
		return false;
	eq = memchr(s, '=', len);
	if (eq == NULL)
		return false;
	*k = s;
	*kl = (size_t)(eq - s);
	*v = eq + 1;
	*vl = len - *kl - 1;
	kd__trim(k, kl);
	kd__trim(v, vl);
	return true;
}

/* "[id]" -> id; false for other lines. */
static bool section(const char *line, const char **id, size_t *n)
{
	const char *s = line;
	size_t len = strlen(line);
	kd__trim(&s, &len);
	if (len < 3 || s[0] != '[' || s[len - 1] != ']')
		return false;
	*id = s + 1;
	*n = len - 2;
	return true;
}

static void set_list_field(struct kd_mf_list *l, const char *k, size_t kl,
			   const char *v, size_t vl)
{
	struct {
		const char *k;
		char *dst;
		size_t cap;
	} f[] = { { "format", l->format, sizeof(l->format) },
		  { "file", l->file, sizeof(l->file) },
		  { "title", l->title, sizeof(l->title) },
		  { "publisher", l->publisher, sizeof(l->publisher) },
		  { "date", l->date, sizeof(l->date) },
		  { "url", l->url, sizeof(l->url) },
		  { "sha256", l->sha256, sizeof(l->sha256) } };
	size_t i;
	if (kl == 6 && strncmp(k, "deltas", 6) == 0) {
		l->deltas = vl > 0;
		return;
	}
	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		if (strlen(f[i].k) == kl && strncmp(f[i].k, k, kl) == 0)
			copy_val(f[i].dst, f[i].cap, v, vl);
}

void kd__manifest_free(struct kd_manifest *m)
{
	size_t i;
	for (i = 0; i < m->nlines; i++)
		kd__free(m->lines[i]);
	kd__free(m->lines);
	kd__free(m->lists);
	kd__free(m->path);
	memset(m, 0, sizeof(*m));
}

static int parse_lines(struct kd_manifest *m)
{
	size_t i, n;
	const char *k, *v, *id;
	size_t kl, vl;
	struct kd_mf_list *cur = NULL;
	int err;
	m->nlists = 0;
	for (i = 0; i < m->nlines; i++) {
		if (section(m->lines[i], &id, &n)) {
			if ((err = kd__grow((void **)&m->lists, &m->lcap,
					    m->nlists + 1, sizeof(*m->lists))) <
			    0)
				return err;
			cur = &m->lists[m->nlists++];
			memset(cur, 0, sizeof(*cur));
			copy_val(cur->id, sizeof(cur->id), id, n);
			cur->line = (unsigned long)i + 1;
		} else if (cur && key_value(m->lines[i], &k, &kl, &v, &vl)) {
			set_list_field(cur, k, kl, v, vl);
		}
	}
	return 0;
}

int kd__manifest_read(struct kd_manifest *m, const char *path)
{
	struct kd_reader *r;
	const char *line;
	size_t len;
	int rc, err;
	memset(m, 0, sizeof(*m));
	if ((m->path = kd__strdup(path)) == NULL)
		return kd__error_set(KD_ENOMEM, "out of memory");
	if (kd__reader_open(&r, path) < 0) {
		kd__manifest_free(m);
		return kd__error_set(KD_EIO, "%s: cannot open", path);
	}
	while ((rc = kd__reader_line(r, &line, &len)) == 1) {
		char *copy;
		if ((err = kd__grow((void **)&m->lines, &m->cap, m->nlines + 1,
				    sizeof(*m->lines))) < 0 ||
		    (copy = kd__malloc(len + 1)) == NULL) {
			kd__reader_close(r);
			kd__manifest_free(m);
			return kd__error_set(KD_ENOMEM, "out of memory");
		}
		memcpy(copy, line, len);
		copy[len] = '\0';
		m->lines[m->nlines++] = copy;
	}
	kd__reader_close(r);
	if (rc < 0 || (err = parse_lines(m)) < 0) {
		kd__manifest_free(m);
		return rc < 0 ? rc : err;
	}
	return 0;
}

/* Write the lines to path atomically. */
static int write_atomic(const char *path, char *const *lines, size_t n)
{
	char tmp[4096];
	FILE *f;
	size_t i;
	bool ok;
	int w = snprintf(tmp, sizeof(tmp), "%s.tmp-%ld", path, (long)getpid());
	if (w < 0 || (size_t)w >= sizeof(tmp))
		return kd__error_set(KD_EIO, "%s: path too long", path);
	if ((f = fopen(tmp, "w")) == NULL)
		return kd__error_set(KD_EIO, "%s: cannot write", tmp);
	for (i = 0; i < n; i++)
		if (fputs(lines[i], f) == EOF || fputc('\n', f) == EOF)
			break;
	ok = i == n && fflush(f) == 0 && fsync(fileno(f)) == 0;
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		unlink(tmp);
		return kd__error_set(KD_EIO, "%s: cannot write", path);
	}
	/* the rename itself on disk: fsync the directory */
	{
		const char *slash = strrchr(path, '/');
		char dir[4096];
		size_t dn = slash ? (size_t)(slash - path) : 0;
		int fd;
		if (dn == 0 || dn >= sizeof(dir)) {
			dir[0] = slash ? '/' : '.';
			dir[1] = '\0';
		} else {
			memcpy(dir, path, dn);
			dir[dn] = '\0';
		}
		fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd >= 0) {
			fsync(fd);
			close(fd);
		}
	}
	return 0;
}

/* Insert a line at index at. */
static int insert_line(struct kd_manifest *m, size_t at, char *line)
{
	int err;
	if ((err = kd__grow((void **)&m->lines, &m->cap, m->nlines + 1,
			    sizeof(*m->lines))) < 0)
		return err;
	memmove(m->lines + at + 1, m->lines + at,
		(m->nlines - at) * sizeof(*m->lines));
	m->lines[at] = line;
	m->nlines++;
	return 0;
}

int kd__manifest_set(struct kd_manifest *m, const char *id,
		     const char *const *keys, const char *const *vals, size_t n)
{
	size_t i, j, start = 0, end = m->nlines, last_key = 0, sl;
	const char *sid, *k, *v;
	size_t kl, vl;
	bool found = false;
	int err;
	/* the section's lines: [start, end) */
	for (i = 0; i < m->nlines; i++) {
		if (!section(m->lines[i], &sid, &sl))
			continue;
		if (found) {
			end = i;
			break;
		}
		if (sl == strlen(id) && strncmp(sid, id, sl) == 0) {
			start = i + 1;
			found = true;
		}
	}
	if (!found)
		return kd__error_set(KD_EINVAL, "%s: no [%s]", m->path, id);
	last_key = start;
	for (j = 0; j < n; j++) {
		char *line = NULL;
		bool done = false;
		if (vals[j]) {
			size_t need = strlen(keys[j]) + strlen(vals[j]) + 4;
			if ((line = kd__malloc(need)) == NULL)
				return kd__error_set(KD_ENOMEM,
						     "out of memory");
			snprintf(line, need, "%s = %s", keys[j], vals[j]);
		}
		for (i = start; i < end; i++) {
			if (!key_value(m->lines[i], &k, &kl, &v, &vl))
				continue;
			last_key = i + 1;
			if (kl != strlen(keys[j]) ||
			    strncmp(k, keys[j], kl) != 0)
				continue;
			kd__free(m->lines[i]);
			if (line) {
				m->lines[i] = line;
			} else { /* remove the key */
				memmove(m->lines + i, m->lines + i + 1,
					(m->nlines - i - 1) *
						sizeof(*m->lines));
				m->nlines--;
				end--;
			}
			done = true;
			break;
		}
		if (!done && line) {
			if ((err = insert_line(m, last_key, line)) < 0) {
				kd__free(line);
				return err;
			}
			end++;
		}
	}
	if ((err = parse_lines(m)) < 0)
		return err;
	return write_atomic(m->path, m->lines, m->nlines);
}

/* ---- paths --------------------------------------------------------------- */

void kd__list_home(char *out, size_t cap, const char *file)
{
	const char *slash = strrchr(file, '/');
	size_t n = slash ? (size_t)(slash - file) : 0;
	char d[1024];
	copy_val(d, sizeof(d), file, n);
	/* d = ".../versions/V": strip "/versions/V" */
	slash = strrchr(d, '/');
	if (slash) {
		size_t p = (size_t)(slash - d);
		if (p >= 8 && strncmp(d + p - 8, "versions", 8) == 0 &&
		    (p == 8 || d[p - 9] == '/')) {
			n = p >= 9 ? p - 9 : 0;
			d[n] = '\0';
		}
	}
	copy_val(out, cap, d, strlen(d));
}

void kd__version_of(char *out, size_t cap, const char *file)
{
	const char *p = NULL, *s = file, *e;
	while ((s = strstr(s, "versions/")) != NULL) {
		if (s == file || s[-1] == '/')
			p = s + 9;
		s += 9;
	}
	out[0] = '\0';
	if (p == NULL || (e = strchr(p, '/')) == NULL)
		return;
	copy_val(out, cap, p, (size_t)(e - p));
}

/* ---- state --------------------------------------------------------------- */

void kd__state_read(struct kd_state *st, const char *vdir)
{
	char path[4096], line[512];
	FILE *f;
	memset(st, 0, sizeof(*st));
	snprintf(path, sizeof(path), "%s/state", vdir);
	if ((f = fopen(path, "r")) == NULL)
		return;
	while (fgets(line, sizeof(line), f)) {
		size_t n = strcspn(line, "\r\n");
		line[n] = '\0';
		if (strncmp(line, "version ", 8) == 0)
			copy_val(st->version, sizeof(st->version), line + 8,
				 n - 8);
		else if (strncmp(line, "etag ", 5) == 0)
			copy_val(st->etag, sizeof(st->etag), line + 5, n - 5);
		else if (strncmp(line, "last-modified ", 14) == 0)
			copy_val(st->last_modified, sizeof(st->last_modified),
				 line + 14, n - 14);
	}
	fclose(f);
}

int kd__state_write(const struct kd_state *st, const char *vdir)
{
	char path[4096], l0[160], l1[300], l2[160];
	char *lines[3] = { l0, l1, l2 };
	snprintf(path, sizeof(path), "%s/state", vdir);
	snprintf(l0, sizeof(l0), "version %s", st->version);
	snprintf(l1, sizeof(l1), "etag %s", st->etag);
	snprintf(l2, sizeof(l2), "last-modified %s", st->last_modified);
	return write_atomic(path, lines, 3);
}

/* ---- durability ----------------------------------------------------------- */

/* fsync a file or directory by path. */
static int sync_path(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC), e = 0;
	if (fd < 0)
		return -1;
	if (fsync(fd) != 0)
		e = -1;
	close(fd);
	return e;
}

int kd__sync_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char path[4096];
	int e = 0;
	if (d == NULL)
		return kd__error_set(KD_EIO, "%s: cannot open", dir);
	while ((de = readdir(d)) != NULL) {
		int w;
		if (de->d_name[0] == '.')
			continue;
		w = snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (w < 0 || (size_t)w >= sizeof(path) ||
		    sync_path(path, O_RDONLY) != 0)
			e = -1;
	}
	closedir(d);
	if (sync_path(dir, O_RDONLY | O_DIRECTORY) != 0)
		e = -1;
	return e ? kd__error_set(KD_EIO, "%s: cannot sync", dir) : 0;
}

/* ---- pruning ------------------------------------------------------------- */

void kd__rmtree(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char path[4096];
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		struct stat st;
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
			kd__rmtree(path);
		else
			unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

struct ver {
	char name[256];
	time_t mtime;
};

static int newest_first(const void *a, const void *b)
{
	const struct ver *x = a, *y = b;
	if (x->mtime != y->mtime)
		return x->mtime > y->mtime ? -1 : 1;
	return strcmp(y->name, x->name);
}

/* Is versions/<name> a version of list `id` (its lists.conf says so)? */
static bool belongs(const char *vdir, const char *name, const char *id)
{
	char path[4096], line[128], want[80];
	FILE *f;
	bool yes = false;
	snprintf(path, sizeof(path), "%s/%s/lists.conf", vdir, name);
	snprintf(want, sizeof(want), "[%s]", id);
	if ((f = fopen(path, "r")) == NULL)
		return false;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, want, strlen(want)) == 0) {
			yes = true;
			break;
		}
	fclose(f);
	return yes;
}

void kd__versions_prune(const char *vdir, const char *id, int keep,
			const char *current)
{
	DIR *d = opendir(vdir);
	struct dirent *de;
	struct ver *v = NULL;
	size_t n = 0, cap = 0, i;
	int kept = 0;
	char path[4096];
	if (d == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		struct stat st;
		if (de->d_name[0] == '.' && strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0 &&
		    strncmp(de->d_name, ".tmp-", 5) == 0) {
			/* a download of a run that died (ours is named by
			 * our pid and still in use: skip it) */
			char mine[32];
			snprintf(mine, sizeof(mine), ".tmp-%ld",
				 (long)getpid());
			if (strcmp(de->d_name, mine) != 0) {
				snprintf(path, sizeof(path), "%s/%s", vdir,
					 de->d_name);
				kd__rmtree(path);
			}
			continue;
		}
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", vdir, de->d_name);
		if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode) ||
		    !belongs(vdir, de->d_name, id))
			continue;
		if (kd__grow((void **)&v, &cap, n + 1, sizeof(*v)) < 0)
			break;
		copy_val(v[n].name, sizeof(v[n].name), de->d_name,
			 strlen(de->d_name));
		v[n].mtime = st.st_mtime;
		n++;
	}
	closedir(d);
	if (n)
		qsort(v, n, sizeof(*v), newest_first);
	for (i = 0; i < n; i++) {
		if (current && strcmp(v[i].name, current) == 0)
			continue;
		/* the current version counts as one of those kept */
		if (kept + 1 < (keep > 0 ? keep : 1)) {
			kept++;
			continue;
		}
		snprintf(path, sizeof(path), "%s/%s", vdir, v[i].name);
		kd__rmtree(path);
	}
	kd__free(v);
}
