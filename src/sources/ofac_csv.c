/* ofac_csv.c - placeholder until the parser lands. */
#include "sources.h"

int kd__parse_ofac_csv(struct kd_sink *sink, const char *path, kd_parse_err *err)
{
	(void)sink;
	return kd__parse_fail(err, KD_EFORMAT, path, 0, 0,
			      "format ofac_csv not implemented yet");
}
