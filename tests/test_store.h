/*
 * test_store.h - helpers shared by the store tests.
 */
#ifndef KD_TEST_STORE_H
#define KD_TEST_STORE_H

/** The first column of the first row of `sql` run on the SQLite store
 *  file `store`, as an integer; -1 when the query fails or has no row. */
long long kd_test_store_q1(const char *store, const char *sql);

#endif
