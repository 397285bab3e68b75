/*
 * request.h - parsing and validation of `/match` request bodies and of
 * query-string parameters, as pure functions of their input (no HTTP, no
 * index), so the fuzz target can compile request.c on its own.
 */
#ifndef KD_SERVER_REQUEST_H
#define KD_SERVER_REQUEST_H

#include "kordon.h"

#include <stddef.h>

#define SRV_MAX_BODY      ((size_t)1 << 20) /* 1 MiB */
#define SRV_MAX_QUERIES   100
#define SRV_MAX_VALUES    KD_QUERY_MAX_VALUES    /* values of one property */
#define SRV_MAX_VALUE_LEN KD_QUERY_MAX_VALUE_LEN /* bytes of one value */
#define SRV_MAX_LIMIT     500
#define SRV_DEFAULT_LIMIT 5

/** A 4xx answer: HTTP status and a yente-style `detail` message. */
struct req_err {
	int status;
	char detail[256];
};

/** One query of a /match body; key and echo live until srv_mreq_free(). */
struct mreq_query {
	const char *key;
	kd_query *q;
	void *echo; /* json_t {"id"?,"schema","properties"} sent back */
};

struct mreq {
	void *root; /* json_t of the body */
	struct mreq_query *items;
	size_t n, nalloc;  /* parsed, allocated (echoes to free) */
	char ignored[128]; /* keys ignored, for a debug log: "params,.." */
};

/**
 * Parse a yente /match body {"queries":{"q1":{"schema":"Person",
 * "properties":{"name":["..."],...}},...}}.
 * @param[out] out freed with srv_mreq_free(), also on failure.
 * @return 0, or -1 with err filled (400 malformed JSON or wrong type,
 * 422 validation, 500 out of memory).
 */
int srv_mreq_parse(struct mreq *out, const char *body, size_t len,
		   size_t max_queries, struct req_err *err);
void srv_mreq_free(struct mreq *m);

/** A matchable FollowTheMoney schema name to the kd_schema scoring it
 *  (PublicBody -> Organization, Address/BankAccount/... -> any).
 *  @return 0 or -1 when not matchable. */
int srv_schema_parse(kd_schema *out, const char *name);
/** A number in [0,1]. @return 0 or -1. */
int srv_parse_unit(double *out, const char *s);
/** An integer in [lo,hi]. @return 0 or -1. */
int srv_parse_size(size_t *out, const char *s, size_t lo, size_t hi);
/** @return 1 when `name` is a yente algorithm name Kordon accepts. */
int srv_algorithm_known(const char *name);
/** @return 1 when `topic` is in the FtM topic vocabulary. */
int srv_topic_known(const char *topic);
/**
 * A date "YYYY-MM-DD" or date-time "YYYY-MM-DDTHH:MM[:SS[.f]][Z|+HH:MM]"
 * (yente's changed_since), as "YYYY-MM-DDTHH:MM:SS" (zone not applied).
 * @return 0 or -1 when not a valid date.
 */
int srv_parse_datetime(char out[20], const char *s);
/**
 * Decode base64 (standard or URL alphabet, padding optional), as HTTP
 * Basic credentials carry it. @param[out] out NUL-terminated, *len bytes.
 * @return 0, or -1 when malformed or longer than cap - 1 bytes.
 */
int srv_b64_decode(char *out, size_t cap, size_t *len, const char *s);
/** The accepted algorithm names (case-insensitive), NULL-terminated. */
extern const char *const srv_algorithms[];

#endif
