/*
 * fuzz_un_xml.c - libFuzzer target for the un_xml parser (UN consolidated
 * list): any input must parse or fail cleanly (KD_EPARSE with a position,
 * KD_EFORMAT for a wrong root), never crash or leak; on success the frozen
 * db holds no more entities than the sink. Seeds: fuzz/corpus/fuzz_un_xml/,
 * tokens: fuzz/fuzz_un_xml.dict.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	kd_fuzz_parse(kd__parse_un_xml, "un_xml", data, size);
	return 0;
}
