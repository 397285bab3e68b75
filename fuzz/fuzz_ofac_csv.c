/*
 * fuzz_ofac_csv.c - libFuzzer target for the OFAC legacy CSV parser
 * (sdn.csv rows, remarks included): any input must parse or fail cleanly
 * (KD_EPARSE with a line), never crash or leak; on success the frozen db
 * holds no more entities than the sink. The input file is
 * /proc/self/fd/N, a name that is not "sdn*" nor "cons_*", so no
 * companion files are looked up next to it.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	kd_fuzz_parse(kd__parse_ofac_csv, "ofac_csv", data, size);
	return 0;
}
