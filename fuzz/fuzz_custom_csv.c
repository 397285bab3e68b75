/*
 * fuzz_custom_csv.c - libFuzzer target for the custom_csv parser: any input must
 * parse or fail cleanly (KD_EPARSE with a position), never crash or
 * leak; on success the frozen db holds no more entities than the sink.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	kd_fuzz_parse(kd__parse_custom_csv, "custom_csv", data, size);
	return 0;
}
