/*
 * cmd_lists_server.c - `kordon lists --server URL`: what a running
 * `kordon serve` has loaded, read from its /catalog, and whether it is
 * fresh. After a failed reload the server keeps serving the previous
 * index; this says so (stale, and the reload error), so an operator or a
 * cron check sees it. Exit status: 0 fresh, 1 stale, 2 error.
 *
 * HTTP through libcurl; the answer (at most 8 MiB) through jansson.
 */
#include "cli.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ANSWER ((size_t)8 << 20)

static size_t on_data(char *p, size_t size, size_t n, void *ctx)
{
	struct kd_buf *b = ctx;
	if (n && size > MAX_ANSWER / n)
		return 0;
	return kd__buf_put(b, p, size * n) == 0 ? size * n : 0;
}

/* GET url into b. @return the HTTP status, or -1 with a message. */
static long http_get(struct kd_buf *b, const char *url, const char *key)
{
	CURL *c = curl_easy_init();
	struct curl_slist *h = NULL;
	struct kd_buf auth = KD_BUF_INIT;
	long status = -1;
	CURLcode rc;
	b->max = MAX_ANSWER;
	if (c == NULL)
		return -1;
	if (key && (kd__buf_puts(&auth, "Authorization: ApiKey ") < 0 ||
		    kd__buf_puts(&auth, key) < 0 ||
		    (h = curl_slist_append(NULL, auth.ptr)) == NULL))
		goto done;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, b);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 30L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	rc = curl_easy_perform(c);
	if (rc != CURLE_OK)
		fprintf(stderr, "kordon lists: %s: %s\n", url,
			curl_easy_strerror(rc));
	else
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
done:
	curl_slist_free_all(h);
	kd__buf_free(&auth);
	curl_easy_cleanup(c);
	return status;
}

static const char *str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

int cli_lists_server(const char *base, const char *key, int json)
{
	struct kd_buf url = KD_BUF_INIT, body = KD_BUF_INIT;
	json_t *doc = NULL, *ds, *d;
	json_error_t jerr;
	size_t i, n = strlen(base);
	long status;
	int rc = 2, stale;

	while (n && base[n - 1] == '/')
		n--;
	if (kd__buf_put(&url, base, n) < 0 ||
	    kd__buf_puts(&url, "/catalog") < 0)
		goto done;
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		goto done;
	status = http_get(&body, url.ptr, key);
	curl_global_cleanup();
	if (status != 200) {
		if (status > 0)
			fprintf(stderr, "kordon lists: %s: HTTP %ld: %.300s\n",
				url.ptr, status, body.ptr ? body.ptr : "");
		goto done;
	}
	doc = json_loadb(body.ptr, body.len, 0, &jerr);
	ds = json_object_get(doc, "datasets");
	if (doc == NULL || !json_is_array(ds) ||
	    !json_is_boolean(json_object_get(doc, "index_stale"))) {
		fprintf(stderr,
			"kordon lists: %s: not a Kordon/yente "
			"catalog\n",
			url.ptr);
		goto done;
	}
	stale = json_is_true(json_object_get(doc, "index_stale"));
	if (json) {
		fwrite(body.ptr, 1, body.len, stdout);
		putchar('\n');
	} else {
		json_array_foreach(ds, i, d)
		{
			printf("%-10s %s\n", str(d, "name"), str(d, "title"));
			printf("           version %s%s, %lld entities\n",
			       str(d, "version"),
			       json_is_true(json_object_get(d, "index_current"))
				       ? ""
				       : " (NOT CURRENT)",
			       (long long)json_integer_value(
				       json_object_get(d, "entity_count")));
		}
		printf("server %s: index version %lld, %s\n", base,
		       (long long)json_integer_value(
			       json_object_get(doc, "index_version")),
		       stale ? "STALE" : "fresh");
		if (stale)
			printf("last reload error: %s\n",
			       str(doc, "last_reload_error"));
	}
	rc = stale ? 1 : 0;
done:
	json_decref(doc);
	kd__buf_free(&url);
	kd__buf_free(&body);
	return rc;
}
