/*
 * bench_csv.h - reading the benchmark CSV files: a column by its header
 * name through the library's one header mapper (kd__csv_header), and a
 * field that may be absent. Shared by the benches that read pair and
 * query sets, so they match header names as the loaders do.
 */
#ifndef KD_BENCH_CSV_H
#define KD_BENCH_CSV_H

#include "util/util.h"

/* Column `name` of the header row, or -1. */
static inline int col(struct kd_csv *c, const char *name)
{
	long pos;
	if (kd__csv_header(c, &name, 1, &pos, NULL, NULL, NULL) < 0)
		return -1;
	return (int)pos;
}

/* Field i of the row, "" when the column is absent (i < 0). */
static inline const char *field(struct kd_csv *c, int i)
{
	return i < 0 ? "" : kd__csv_field(c, (size_t)i, NULL);
}

#endif
