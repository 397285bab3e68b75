/*
 * scan.h - find listed persons, companies and vessels in running text and
 * in payment messages (SWIFT MT103/MT202/MT202COV, ISO 20022 pacs.008).
 *
 * This header lives beside the library sources because kordon.h is owned
 * by the core API; it depends on kordon.h only, so the CLI may include it
 * ("scan/scan.h" with src/ on its include path).
 *
 *     kd_scan_hit *hits; size_t n;
 *     kd_parse_err err;
 *     if (kd_scan(&hits, &n, m, buf, len, KD_SCAN_AUTO, 0.70, &err) == 0) {
 *             ... hits[i].start, hits[i].end, hits[i].result.entity ...
 *             kd_scan_free(hits);
 *     }
 *
 * See text_scan.c for how prose is searched (and why it is fast), and
 * swift_mt.c / pacs008.c for the message formats.
 */
#ifndef KD_SCAN_H
#define KD_SCAN_H

#include "kordon.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Other entities the same mention also matches (the same person on
 *  another list, say), best first, beside the best one in `result`. */
#define KD_SCAN_MAX_ALSO 4

/** One mention of a listed entity. */
typedef struct kd_scan_hit {
	size_t start, end; /**< byte offsets into the scanned input */
	char field[12];    /**< message field ("59", "Dbtr", ...) or "" */
	kd_result result;  /**< best entity, score, match, features */
	size_t nalso;
	const kd_entity *also[KD_SCAN_MAX_ALSO]; /**< borrowed from the db */
	double also_score[KD_SCAN_MAX_ALSO];
} kd_scan_hit;

enum kd_scan_format {
	KD_SCAN_AUTO = 0, /**< MT when it starts "{1:" or "{4:", pacs.008
			       when XML naming pacs.008, else text */
	KD_SCAN_TEXT,
	KD_SCAN_MT,
	KD_SCAN_PACS008
};

/**
 * Scan `input` for mentions of listed entities. Hits are sorted by
 * start offset and never overlap; each carries its best entity and score.
 * result.match is 1 for an alert; 0 for a low-priority mention (feature
 * "mention"): a one-word vessel or organisation name in prose without
 * vessel or company context. Single-word mentions must clear a stricter
 * threshold, see text_scan.c.
 *
 * @param[out] out   array of *nout hits, free with kd_scan_free() (NULL
 *                   when there are none).
 * @param threshold  match threshold in [0,1], e.g. KD_DEFAULT_THRESHOLD.
 * @param err        optional; position of a malformed MT block or XML.
 * @return 0, KD_EINVAL, KD_EPARSE (malformed message) or KD_ENOMEM.
 */
int kd_scan(kd_scan_hit **out, size_t *nout, const kd_matcher *m,
	    const char *input, size_t len, enum kd_scan_format fmt,
	    double threshold, kd_parse_err *err);
void kd_scan_free(kd_scan_hit *hits);

/**
 * Hits as JSON: {"hits":[{"start","end","text","field"?,"score","match",
 * "entity":{...},"explanations":{...},"also":[...]}]}.
 * @param[out] out NUL-terminated; free with kd_free().
 */
int kd_scan_json(char **out, size_t *len, const kd_db *db, const char *input,
		 const kd_scan_hit *hits, size_t n);

/** Parse "auto", "text", "mt", "pacs008". @return 0 or KD_EINVAL. */
int kd_scan_format_parse(enum kd_scan_format *out, const char *s);

/** The format KD_SCAN_AUTO picks for this input. */
enum kd_scan_format kd_scan_detect(const char *input, size_t len);

/**
 * One hit per party: each hit's entity becomes the merged entity of its
 * records linked across lists (kd_db_cluster_of()), and `also` drops the
 * records of that party and repeats. @return 0.
 */
int kd_scan_hits_merge(kd_scan_hit *hits, size_t n, const kd_db *db);

#ifdef __cplusplus
}
#endif
#endif /* KD_SCAN_H */
