/*
 * fuzz_eu_xml.c - libFuzzer target for the eu_xml parser (EU Financial
 * Sanctions Files): any input must parse or fail cleanly (KD_EPARSE with
 * a position, KD_EFORMAT for a wrong root), never crash or leak; on
 * success the frozen db holds no more entities than the sink. Seeds:
 * fuzz/corpus/fuzz_eu_xml/, tokens: fuzz/fuzz_eu_xml.dict.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	kd_fuzz_parse(kd__parse_eu_xml, "eu_xml", data, size);
	return 0;
}
