/*
 * scan_json.c - scan hits as JSON, shared by `kordon scan --json` and the
 * HTTP `POST /scan` endpoint:
 *   {"hits":[{"start","end","text","field"?,"score","match",
 *             "entity":{"id","caption","schema","datasets"},
 *             "explanations":{...},"also":[{"id","score"}]}]}
 * Offsets are bytes into the scanned input; "text" is that slice with any
 * invalid UTF-8 replaced by U+FFFD so the answer is always valid JSON.
 */
#include "match/json.h"

#include <string.h>

static int slice_json(struct kd_buf *b, const char *s, size_t n)
{
	struct kd_buf t = KD_BUF_INIT;
	size_t i = 0;
	int err = 0;
	while (i < n && err == 0) {
		size_t bad = kd__utf8_invalid_at(s + i, n - i);
		size_t good = bad ? bad - 1 : n - i;
		err = kd__buf_put(&t, s + i, good);
		i += good;
		if (bad && err == 0) {
			err = kd__buf_put(&t, "\xEF\xBF\xBD", 3);
			i++;
		}
	}
	if (err == 0)
		err = kd__buf_json_str(b, t.ptr ? t.ptr : "");
	kd__buf_free(&t);
	return err;
}

static int hit_json(struct kd_buf *b, const kd_db *db, const char *input,
		    const kd_scan_hit *h)
{
	const struct kd_entity *e = h->result.entity;
	size_t k;
	int err = kd__buf_printf(
		b, "{\"start\":%zu,\"end\":%zu,\"text\":", h->start, h->end);
	if (err == 0)
		err = slice_json(b, input + h->start, h->end - h->start);
	if (err == 0 && h->field[0]) {
		err = kd__buf_puts(b, ",\"field\":");
		if (err == 0)
			err = kd__buf_json_str(b, h->field);
	}
	if (err == 0)
		err = kd__buf_printf(b,
				     ",\"score\":%.4f,\"match\":%s,"
				     "\"entity\":{",
				     h->result.score,
				     h->result.match ? "true" : "false");
	if (err == 0)
		err = kd__json_entity_head(b, db, e);
	if (err == 0)
		err = kd__buf_puts(b, "},\"explanations\":");
	if (err == 0)
		err = kd__json_explanations(b, &h->result);
	if (err == 0)
		err = kd__buf_puts(b, ",\"also\":[");
	for (k = 0; k < h->nalso && err == 0; k++) {
		err = kd__buf_puts(b, k ? ",{\"id\":" : "{\"id\":");
		if (err == 0)
			err = kd__buf_json_str(b, kd__ent_id(h->also[k]));
		if (err == 0)
			err = kd__buf_printf(b, ",\"score\":%.4f}",
					     h->also_score[k]);
	}
	return err ? err : kd__buf_puts(b, "]}");
}

int kd_scan_json(char **out, size_t *len, const kd_db *db, const char *input,
		 const kd_scan_hit *hits, size_t n)
{
	struct kd_buf b = KD_BUF_INIT;
	size_t i;
	int err = kd__buf_puts(&b, "{\"hits\":[");
	*out = NULL;
	for (i = 0; i < n && err == 0; i++) {
		if (i)
			err = kd__buf_putc(&b, ',');
		if (err == 0)
			err = hit_json(&b, db, input, &hits[i]);
	}
	if (err == 0)
		err = kd__buf_puts(&b, "]}");
	if (err < 0) {
		kd__buf_free(&b);
		return err;
	}
	*out = b.ptr;
	if (len)
		*len = b.len;
	return 0;
}
