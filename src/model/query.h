/*
 * query.h - the inside of a kd_query, for the scorer and the writers of
 * the query echo. Built only through kd_query_new()/kd_query_add()/
 * kd_query_from_json() (query.c); read-only to everything else.
 *
 * The evidence arrays keep the order values were added in, per role;
 * `names` holds the composed name (name parts, see kd_query_add()) when
 * no full name was given.
 */
#ifndef KD_MODEL_QUERY_H
#define KD_MODEL_QUERY_H

#include "kordon.h"

#include <stddef.h>

struct kd_query {
	kd_schema schema;
	const char *const *names; /* the full names, else the composed one */
	size_t nnames;
	const char *const *birth_dates;
	size_t nbirth_dates;
	const char *const *countries;
	size_t ncountries;
	const char *const *identifiers;
	size_t nidentifiers;
	/* storage (query.c) */
	char **v[KD_ROLE_IDENTIFIER + 1]; /* owned copies, per role */
	size_t n[KD_ROLE_IDENTIFIER + 1], cap[KD_ROLE_IDENTIFIER + 1];
	char *parts[8]; /* first value of each name part, by order */
	char *composed; /* parts joined, when there is no full name */
};

#endif
