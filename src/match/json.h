/*
 * json.h - pieces of the yente-shaped JSON answers shared by the screening
 * writer (json.c) and the scan writer (src/scan/scan_json.c).
 */
#ifndef KD_MATCH_JSON_H
#define KD_MATCH_JSON_H

#include "model/db.h"

/** Append `"id":..,"caption":..,"schema":..` of e (no braces). */
int kd__json_identity(struct kd_buf *b, const struct kd_entity *e);
/** Append `"id":..,"caption":..,"schema":..,"datasets":[..]` of e (no
 *  braces: callers add their own fields around it). */
int kd__json_entity_head(struct kd_buf *b, const kd_db *db,
			 const struct kd_entity *e);
/** Append `{"name_match":{"score":..,"detail":..},...}` for the features
 *  of r. */
int kd__json_explanations(struct kd_buf *b, const kd_result *r);

/** Append the members (no braces) of the FollowTheMoney view of e
 *  (ftm.c): id, caption, schema, properties, datasets, referents,
 *  target, first_seen, last_seen, last_change. flags: KD_FTM_*. */
int kd__ftm_entity(struct kd_buf *b, const kd_db *db, const struct kd_entity *e,
		   unsigned flags);

#endif
