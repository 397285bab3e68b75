/*
 * persist.c - the links of a db as two snapshot sections, written next to
 * the db's own (src/model/db_snapshot.c), so opening a snapshot gives
 * the same clusters without linking again:
 *
 *     "LNK1"  struct snap_link records: member record, record it was
 *             linked to, evidence kind, offset of the reason in "LNKT"
 *     "LNKT"  NUL-terminated reasons, ending with a NUL
 *
 * Opening checks every record index, kind and reason offset, then builds
 * the clusters and merged entities in memory (merge.c) from the records in
 * the mapping. A snapshot without these sections (written before linking
 * existed) is linked from its records instead.
 */
#include "util/snapfile.h"
#include "resolve.h"

#include <string.h>

#define TAG_LNK  KD_SNAP_TAG('L', 'N', 'K', '1')
#define TAG_LNKT KD_SNAP_TAG('L', 'N', 'K', 'T')

struct snap_link {
	uint32_t a, b, kind, reason;
};

int kd__resolve_add_sections(struct kd_snap_writer *sw, const struct kd_db *db)
{
	struct kd_buf links = KD_BUF_INIT, text = KD_BUF_INIT;
	const struct kd_resolve *r = db->res;
	size_t i;
	int err = 0;
	for (i = 0; r && i < r->nlinks; i++) {
		struct snap_link l;
		l.a = r->links[i].a;
		l.b = r->links[i].b;
		l.kind = r->links[i].kind;
		l.reason = (uint32_t)text.len;
		KD_FORWARD(kd__buf_put(&text, r->links[i].reason,
				       strlen(r->links[i].reason) + 1));
		KD_FORWARD(kd__buf_put(&links, &l, sizeof(l)));
	}
	KD_FORWARD(kd__buf_put(&text, "", 1));
	KD_FORWARD(kd__snap_add_buf(sw, TAG_LNK, &links,
				    sizeof(struct snap_link)));
	KD_FORWARD(kd__snap_add_buf(sw, TAG_LNKT, &text, 1));
done:
	kd__buf_free(&links);
	kd__buf_free(&text);
	return err;
}

int kd__resolve_open_sections(struct kd_db *db, const char *path,
			      kd_parse_err *err)
{
	const struct snap_link *sl;
	const char *text;
	struct kd_link *links = NULL;
	struct kd_resolve *r = NULL;
	size_t n, ntext, i;
	int e = 0;

	sl = kd__snap_get(db->snap, TAG_LNK, sizeof(*sl), &n);
	text = kd__snap_get(db->snap, TAG_LNKT, 1, &ntext);
	if (sl == NULL && text == NULL) {
		/* an older snapshot: link now */
		if ((e = kd__resolve_db(db)) < 0)
			return kd__parse_fail(err, e, path, 0, 0, "%s",
					      kd_error_last());
		return 0;
	}
	if (sl == NULL || text == NULL || ntext == 0 || text[ntext - 1] != '\0')
		return kd__parse_fail(err, KD_EFORMAT, path, 0, 0,
				      "not a usable Kordon snapshot: link "
				      "tables inconsistent");
	links = kd__malloc((n ? n : 1) * sizeof(*links));
	if (links == NULL)
		return kd__parse_fail(err, KD_ENOMEM, path, 0, 0,
				      "out of memory");
	for (i = 0; i < n; i++) {
		if (sl[i].a >= db->nents || sl[i].b >= db->nents ||
		    sl[i].a == sl[i].b || sl[i].kind >= KD_LINK__COUNT ||
		    sl[i].reason >= ntext) {
			kd__free(links);
			return kd__parse_fail(err, KD_EFORMAT, path, 0, 0,
					      "not a usable Kordon snapshot: "
					      "link %zu out of range",
					      i);
		}
		links[i].a = sl[i].a;
		links[i].b = sl[i].b;
		links[i].kind = sl[i].kind;
		links[i].reason = text + sl[i].reason;
	}
	e = kd__resolve_build(&r, db, links, n);
	kd__free(links);
	if (e < 0)
		return kd__parse_fail(err, e, path, 0, 0,
				      "not a usable Kordon snapshot: %s",
				      kd_error_last());
	kd__resolve_free(db->res);
	db->res = r;
	db->res_free = kd__resolve_free;
	return 0;
}
