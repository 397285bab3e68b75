/* un_xml.c - placeholder until the parser lands. */
#include "sources.h"

int kd__parse_un_xml(struct kd_sink *sink, const char *path, kd_parse_err *err)
{
	(void)sink;
	return kd__parse_fail(err, KD_EFORMAT, path, 0, 0,
			      "format un_xml not implemented yet");
}
