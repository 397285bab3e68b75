/*
 * auth.c - the `kordon serve` config file, API keys and the update token.
 *
 * Config file (`--config FILE`): one `key = value` per line, `#` or `;`
 * starts a comment line, blank lines are ignored, unknown keys are an
 * error with the line number (a misspelt `api_key_sha256` must not
 * silently leave the server open):
 *
 *     listen = 127.0.0.1:8000
 *     data = /srv/kordon/lists
 *     threads = 8
 *     timeout = 30                  # idle seconds before a connection closes
 *     max_connections = 1024
 *     grace = 10                    # seconds to finish requests on SIGTERM
 *     api_key_sha256 = <64 hex>     # repeatable; enables API-key auth
 *     update_token_sha256 = <64 hex>
 *     audit_requests = on           # /match, /scan in the audit trail
 *
 * Secrets are stored as SHA-256 hex digests (`printf %s KEY | sha256sum`),
 * so a leaked config file does not leak keys. A presented key is hashed
 * and compared against every configured digest without early exit, so
 * timing says nothing about which bytes matched. The update token may
 * also come from the environment (KORDON_UPDATE_TOKEN, plain text, hashed
 * at start-up; it overrides the file).
 *
 * Requests carry the key as yente clients send it: `Authorization:
 * ApiKey <key>` (the OpenSanctions API header), `Authorization: Bearer
 * <key>`, HTTP Basic (the password is the key; a user name alone also
 * works) or the query argument `?api_key=<key>`. /updatez carries
 * `Authorization: Bearer <token>` or `?token=<token>` (yente's form).
 */
#include "server.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void srv_config_init(struct srv_config *c)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->listen, sizeof(c->listen), "127.0.0.1:8000");
	c->timeout = 30;
	c->max_connections = 1024;
	c->grace = 10;
}

void srv_config_free(struct srv_config *c)
{
	kd__free(c->keys);
	c->keys = NULL;
	c->nkeys = 0;
}

static int unhex(unsigned char out[32], const char *s, size_t n)
{
	size_t i;
	if (n != 64)
		return -1;
	for (i = 0; i < 64; i++) {
		int c = s[i], v;
		if (c >= '0' && c <= '9')
			v = c - '0';
		else if (c >= 'a' && c <= 'f')
			v = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v = c - 'A' + 10;
		else
			return -1;
		if (i % 2 == 0)
			out[i / 2] = (unsigned char)(v << 4);
		else
			out[i / 2] = (unsigned char)(out[i / 2] | v);
	}
	return 0;
}

static int num(unsigned *out, const char *s, unsigned lo, unsigned hi)
{
	char *end;
	unsigned long v;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		return -1;
	*out = (unsigned)v;
	return 0;
}

/* Apply one `key = value`; value is NUL-terminated and trimmed. */
static int apply(struct srv_config *c, const char *key, const char *val,
		 char *err, size_t errlen)
{
	const struct {
		const char *key;
		unsigned *dst, lo, hi;
	} nums[] = {
		{ "threads", &c->threads, 1, 256 },
		{ "timeout", &c->timeout, 1, 3600 },
		{ "grace", &c->grace, 0, 600 },
		{ "max_connections", &c->max_connections, 1, 100000 },
	};
	size_t i;
	if (strcmp(key, "listen") == 0 || strcmp(key, "data") == 0) {
		char *dst = key[0] == 'l' ? c->listen : c->data;
		size_t cap = key[0] == 'l' ? sizeof(c->listen)
					   : sizeof(c->data);
		if (strlen(val) >= cap || *val == '\0') {
			snprintf(err, errlen, "%s: empty or too long", key);
			return -1;
		}
		memcpy(dst, val, strlen(val) + 1);
		return 0;
	}
	for (i = 0; i < sizeof(nums) / sizeof(nums[0]); i++) {
		if (strcmp(key, nums[i].key) != 0)
			continue;
		if (num(nums[i].dst, val, nums[i].lo, nums[i].hi) < 0) {
			snprintf(err, errlen, "%s wants %u..%u", key,
				 nums[i].lo, nums[i].hi);
			return -1;
		}
		return 0;
	}
	if (strcmp(key, "api_key_sha256") == 0) {
		unsigned char(*keys)[32];
		keys = kd__realloc(c->keys, (c->nkeys + 1) * sizeof(*keys));
		if (keys == NULL) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		c->keys = keys;
		if (unhex(keys[c->nkeys], val, strlen(val)) < 0) {
			snprintf(err, errlen,
				 "api_key_sha256 wants 64 hex digits");
			return -1;
		}
		c->nkeys++;
		return 0;
	}
	if (strcmp(key, "audit_requests") == 0) {
		if (strcmp(val, "on") == 0 || strcmp(val, "true") == 0 ||
		    strcmp(val, "1") == 0)
			c->audit_requests = 1;
		else if (strcmp(val, "off") == 0 || strcmp(val, "false") == 0 ||
			 strcmp(val, "0") == 0)
			c->audit_requests = 0;
		else {
			snprintf(err, errlen, "audit_requests wants on or off");
			return -1;
		}
		return 0;
	}
	if (strcmp(key, "update_token_sha256") == 0) {
		if (unhex(c->update, val, strlen(val)) < 0) {
			snprintf(err, errlen,
				 "update_token_sha256 wants 64 hex digits");
			return -1;
		}
		c->has_update = 1;
		return 0;
	}
	snprintf(err, errlen, "unknown key '%.60s'", key);
	return -1;
}

int srv_config_load(struct srv_config *c, const char *path, char *err,
		    size_t errlen)
{
	char *text = NULL, *line, *next;
	size_t len, lineno = 0;
	int rc = -1;

	if (kd__file_slurp(&text, &len, path) < 0) {
		snprintf(err, errlen, "%s: %s", path, kd_error_last());
		return -1;
	}
	if (strlen(text) != len) {
		snprintf(err, errlen, "%s: NUL byte in config", path);
		goto done;
	}
	for (line = text; line; line = next) {
		char *eq, *key, *val, msg[200];
		size_t kn, vn;
		const char *k, *v;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		k = line;
		kn = strlen(line);
		kd__trim(&k, &kn);
		if (kn == 0 || *k == '#' || *k == ';')
			continue;
		if ((eq = memchr(k, '=', kn)) == NULL) {
			snprintf(err, errlen, "%s:%zu: expected key = value",
				 path, lineno);
			goto done;
		}
		v = eq + 1;
		vn = kn - (size_t)(v - k);
		kn = (size_t)(eq - k);
		kd__trim(&k, &kn);
		kd__trim(&v, &vn);
		key = (char *)(uintptr_t)k; /* inside our writable copy */
		val = (char *)(uintptr_t)v;
		key[kn] = '\0';
		val[vn] = '\0';
		if (apply(c, key, val, msg, sizeof(msg)) < 0) {
			snprintf(err, errlen, "%s:%zu: %s", path, lineno, msg);
			goto done;
		}
	}
	rc = 0;
done:
	kd__free(text);
	return rc;
}

void srv_config_env(struct srv_config *c)
{
	const char *t = getenv("KORDON_UPDATE_TOKEN");
	if (t && *t) {
		srv_sha256(c->update, t, strlen(t));
		c->has_update = 1;
	}
}

/* The credential after `scheme ` in an Authorization header, or NULL. */
static const char *credential(const char *header, const char *scheme)
{
	size_t n = strlen(scheme);
	if (header == NULL || strncasecmp(header, scheme, n) != 0 ||
	    header[n] != ' ')
		return NULL;
	header += n;
	while (*header == ' ')
		header++;
	return *header ? header : NULL;
}

static int digest_eq(const unsigned char a[32], const unsigned char b[32])
{
	unsigned diff = 0;
	size_t i;
	for (i = 0; i < 32; i++)
		diff |= (unsigned)(a[i] ^ b[i]);
	return diff == 0;
}

static int key_ok(const struct srv_config *c, const char *key, size_t n)
{
	unsigned char h[32];
	size_t i;
	int ok = 0;
	srv_sha256(h, key, n);
	for (i = 0; i < c->nkeys; i++)
		ok |= digest_eq(h, c->keys[i]);
	return ok;
}

int srv_auth_api_key(const struct srv_config *c, const char *header,
		     const char *arg)
{
	const char *key;
	char basic[768];
	size_t n;
	if (c->nkeys == 0)
		return 0;
	if (arg && *arg && key_ok(c, arg, strlen(arg)))
		return 0;
	if ((key = credential(header, "ApiKey")) != NULL ||
	    (key = credential(header, "Bearer")) != NULL)
		return key_ok(c, key, strlen(key)) ? 0 : 401;
	if ((key = credential(header, "Basic")) != NULL &&
	    srv_b64_decode(basic, sizeof(basic), &n, key) == 0) {
		const char *colon = memchr(basic, ':', n);
		int ok;
		if (colon && colon + 1 < basic + n) /* user:KEY */
			ok = key_ok(c, colon + 1,
				    n - (size_t)(colon + 1 - basic));
		else /* KEY: or KEY */
			ok = key_ok(c, basic,
				    colon ? (size_t)(colon - basic) : n);
		memset(basic, 0, sizeof(basic));
		return ok ? 0 : 401;
	}
	return 401;
}

int srv_auth_update(const struct srv_config *c, const char *header,
		    const char *arg)
{
	unsigned char h[32];
	const char *tok = credential(header, "Bearer");
	if (tok == NULL && arg && *arg)
		tok = arg;
	if (tok == NULL)
		return 401;
	if (!c->has_update)
		return 403;
	srv_sha256(h, tok, strlen(tok));
	return digest_eq(h, c->update) ? 0 : 403;
}
