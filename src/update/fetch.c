/*
 * fetch.c - one download of an official list with libcurl.
 *
 * What a list download needs beyond a plain GET:
 *   - conditional requests: If-None-Match / If-Modified-Since from the
 *     validators of the version in use, so an unchanged list costs one
 *     small request and a 304;
 *   - bounded time: a connect timeout, a whole-transfer timeout and a
 *     stall detector (under 1 byte/s for a minute, or for the whole
 *     timeout when it is shorter), so a server that hangs cannot block a
 *     nightly job;
 *   - retries with exponential backoff for what may pass (connection
 *     refused or reset, timeout, truncated body, HTTP 5xx, 408, 429);
 *     other statuses (404, 403) fail at once;
 *   - a size cap checked while receiving (Content-Length is not trusted);
 *   - proxies from the usual environment (libcurl reads http_proxy,
 *     https_proxy, no_proxy) or an option, and a CA bundle from an option
 *     or $KORDON_CA_BUNDLE / $CURL_CA_BUNDLE; only http and https, also
 *     across redirects.
 *
 * The body is written gzip-compressed (lists are text and compress ten
 * to twenty fold; the parsers read gzip) unless it already is gzip, and
 * its SHA-256 is computed on the way over the bytes as published, for
 * checksums. Content-Encoding (gzip, deflate) is negotiated and decoded
 * by libcurl.
 */
#include "update.h"

#include <curl/curl.h>
#include <errno.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

static pthread_once_t g_curl_once = PTHREAD_ONCE_INIT;
static int g_curl_ok;

static void init_curl(void)
{
	g_curl_ok = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

/* State of one attempt. */
struct xfer {
	CURL *h;
	const char *path;
	FILE *raw; /* body already gzip: stored as is */
	gzFile gz; /* else compressed here */
	bool started, write_failed, too_big;
	unsigned long long bytes, max;
	EVP_MD_CTX *md;
	struct kd_fetch *out;
};

static size_t on_body(char *p, size_t size, size_t n, void *ctx)
{
	struct xfer *x = ctx;
	size_t len = size * n;
	long code = 0;
	curl_easy_getinfo(x->h, CURLINFO_RESPONSE_CODE, &code);
	if (code != 200) /* an error page: not the list */
		return len;
	if (len > x->max || x->bytes > x->max - len) {
		x->too_big = true;
		return 0;
	}
	if (!x->started) {
		x->started = true;
		if (len >= 2 && (unsigned char)p[0] == 0x1f &&
		    (unsigned char)p[1] == 0x8b)
			x->raw = fopen(x->path, "wb");
		else
			x->gz = gzopen(x->path, "wb6");
		if (x->raw == NULL && x->gz == NULL) {
			x->write_failed = true;
			return 0;
		}
	}
	x->bytes += len;
	EVP_DigestUpdate(x->md, p, len);
	if (x->raw ? fwrite(p, 1, len, x->raw) != len
		   : gzwrite(x->gz, p, (unsigned)len) != (int)len) {
		x->write_failed = true;
		return 0;
	}
	return len;
}

/* Copy a header value (trimmed) into dst. */
static void header_value(char *dst, size_t cap, const char *v, size_t n)
{
	while (n && (*v == ' ' || *v == '\t')) {
		v++;
		n--;
	}
	while (n && (v[n - 1] == '\r' || v[n - 1] == '\n' || v[n - 1] == ' '))
		n--;
	if (n >= cap)
		n = cap - 1;
	memcpy(dst, v, n);
	dst[n] = '\0';
}

static size_t on_header(char *p, size_t size, size_t n, void *ctx)
{
	struct xfer *x = ctx;
	size_t len = size * n;
	/* every response of a redirect chain starts with its status line:
	 * keep only the validators of the last one */
	if (len >= 5 && strncmp(p, "HTTP/", 5) == 0) {
		x->out->etag[0] = '\0';
		x->out->last_modified[0] = '\0';
	} else if (len > 5 && strncasecmp(p, "ETag:", 5) == 0) {
		header_value(x->out->etag, sizeof(x->out->etag), p + 5,
			     len - 5);
	} else if (len > 14 && strncasecmp(p, "Last-Modified:", 14) == 0) {
		header_value(x->out->last_modified,
			     sizeof(x->out->last_modified), p + 14, len - 14);
	}
	return len;
}

/* Close the output of an attempt. @return false when writing failed. */
static bool close_output(struct xfer *x)
{
	bool ok = true;
	if (x->gz)
		ok = gzclose(x->gz) == Z_OK;
	if (x->raw)
		ok = fclose(x->raw) == 0 && ok;
	x->gz = NULL;
	x->raw = NULL;
	return ok;
}

static bool transient(CURLcode rc, long code)
{
	switch (rc) {
	case CURLE_OK:
		return code >= 500 || code == 408 || code == 429;
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_PARTIAL_FILE:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return true;
	default:
		return false;
	}
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static const char *ca_bundle(const kd_update_opts *o)
{
	const char *ca = o->cacert;
	if (ca == NULL || *ca == '\0')
		ca = getenv("KORDON_CA_BUNDLE");
	if (ca == NULL || *ca == '\0')
		ca = getenv("CURL_CA_BUNDLE");
	return ca && *ca ? ca : NULL;
}

/* One attempt. @return the curl code; *code the HTTP status. */
static CURLcode attempt(struct xfer *x, const char *url,
			struct curl_slist *hdrs, const kd_update_opts *o,
			char *errbuf, long *code)
{
	CURL *h = x->h;
	const char *ca = ca_bundle(o);
	long stall = o->timeout > 0 && o->timeout < 60 ? o->timeout : 60;
	CURLcode rc;
	curl_easy_reset(h);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_USERAGENT,
			 "kordon/" KD_VERSION_STRING " (list update)");
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT,
			 o->connect_timeout > 0 ? o->connect_timeout : 30L);
	if (o->timeout > 0)
		curl_easy_setopt(h, CURLOPT_TIMEOUT, o->timeout);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(h, CURLOPT_LOW_SPEED_TIME, stall);
	if (o->max_bytes)
		curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
				 (curl_off_t)o->max_bytes);
	if (o->proxy && *o->proxy)
		curl_easy_setopt(h, CURLOPT_PROXY, o->proxy);
	if (ca)
		curl_easy_setopt(h, CURLOPT_CAINFO, ca);
	errbuf[0] = '\0';
	rc = curl_easy_perform(h);
	*code = 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, code);
	return rc;
}

int kd__fetch(struct kd_fetch *out, const char *url, const char *path,
	      const char *etag, const char *last_modified,
	      const kd_update_opts *o)
{
	struct xfer x;
	struct curl_slist *hdrs = NULL;
	char errbuf[CURL_ERROR_SIZE], hb[512];
	CURLcode rc = CURLE_OK;
	long code = 0, delay = o->backoff_ms > 0 ? o->backoff_ms : 0;
	int i, tries = 1 + (o->retries > 0 ? o->retries : 0);
	bool ok = false;
	unsigned int mdlen = 0;

	memset(out, 0, sizeof(*out));
	pthread_once(&g_curl_once, init_curl);
	if (!g_curl_ok) {
		snprintf(out->error, sizeof(out->error),
			 "libcurl initialisation failed");
		return KD_EIO;
	}
	memset(&x, 0, sizeof(x));
	x.path = path;
	x.out = out;
	x.max = o->max_bytes ? o->max_bytes : ~0ull;
	x.h = curl_easy_init();
	x.md = EVP_MD_CTX_new();
	if (x.h == NULL || x.md == NULL) {
		snprintf(out->error, sizeof(out->error), "out of memory");
		goto done;
	}
	if (etag && *etag) {
		snprintf(hb, sizeof(hb), "If-None-Match: %s", etag);
		hdrs = curl_slist_append(hdrs, hb);
	}
	if (last_modified && *last_modified) {
		snprintf(hb, sizeof(hb), "If-Modified-Since: %s",
			 last_modified);
		hdrs = curl_slist_append(hdrs, hb);
	}
	for (i = 0; i < tries; i++) {
		if (i > 0 && delay > 0) {
			sleep_ms(delay);
			delay = delay < 60000 ? delay * 2 : delay;
		}
		out->attempts = i + 1;
		x.started = x.write_failed = x.too_big = false;
		x.bytes = 0;
		EVP_DigestInit_ex(x.md, EVP_sha256(), NULL);
		rc = attempt(&x, url, hdrs, o, errbuf, &code);
		if (!close_output(&x))
			x.write_failed = true;
		out->status = code;
		if (x.write_failed) {
			snprintf(out->error, sizeof(out->error),
				 "cannot write %s", path);
			break;
		}
		if (x.too_big || rc == CURLE_FILESIZE_EXCEEDED) {
			snprintf(out->error, sizeof(out->error),
				 "%s: larger than the size cap of %llu bytes",
				 url, o->max_bytes);
			break;
		}
		if (rc == CURLE_OK && code == 304 &&
		    ((etag && *etag) || (last_modified && *last_modified))) {
			out->not_modified = true;
			ok = true;
			break;
		}
		if (rc == CURLE_OK && code == 200) {
			if (!x.started) { /* an empty body: create the file */
				gzFile g = gzopen(path, "wb");
				if (g == NULL || gzclose(g) != Z_OK) {
					snprintf(out->error, sizeof(out->error),
						 "cannot write %s", path);
					break;
				}
			}
			ok = true;
			break;
		}
		if (rc != CURLE_OK)
			snprintf(out->error, sizeof(out->error), "%s: %s", url,
				 errbuf[0] ? errbuf : curl_easy_strerror(rc));
		else
			snprintf(out->error, sizeof(out->error),
				 "%s: HTTP status %ld", url, code);
		if (!transient(rc, code))
			break;
	}
	if (ok && !out->not_modified) {
		out->bytes = x.bytes;
		EVP_DigestFinal_ex(x.md, out->sha256, &mdlen);
	}
	if (!ok && out->attempts > 1) {
		size_t l = strlen(out->error);
		snprintf(out->error + l, sizeof(out->error) - l,
			 " (%d attempts)", out->attempts);
	}
done:
	if (!ok || out->not_modified)
		unlink(path);
	curl_slist_free_all(hdrs);
	EVP_MD_CTX_free(x.md);
	if (x.h)
		curl_easy_cleanup(x.h);
	return ok ? 0 : KD_EIO;
}
