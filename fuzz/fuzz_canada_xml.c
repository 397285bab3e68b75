/*
 * fuzz_canada_xml.c - libFuzzer target for the canada_xml parser (Canada
 * SEMA XML): any input must parse or fail cleanly (KD_EPARSE with a
 * position, KD_EFORMAT for a wrong root), never crash or leak; on success
 * the frozen db holds no more entities than the sink. Seeds:
 * fuzz/corpus/fuzz_canada_xml/, tokens: fuzz/fuzz_canada_xml.dict.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	kd_fuzz_parse(kd__parse_canada_xml, "canada_xml", data, size);
	return 0;
}
