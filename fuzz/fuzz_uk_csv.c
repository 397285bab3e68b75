/*
 * fuzz_uk_csv.c - libFuzzer target for the UK OFSI ConList CSV parser:
 * any input (header lookup by name, rows merged by Group ID, "(1) ..."
 * lists, "(Label):value" facts) must parse or fail cleanly, never crash
 * or leak; on success the frozen db holds no more entities than the sink.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	kd_fuzz_parse(kd__parse_uk_csv, "uk_csv", data, size);
	return 0;
}
