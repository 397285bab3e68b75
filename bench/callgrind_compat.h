/*
 * callgrind_compat.h - the callgrind client requests the benches use to
 * count only the work they measure (valgrind --instr-atstart=no), as
 * no-ops when valgrind's header is not installed.
 */
#ifndef KD_BENCH_CALLGRIND_COMPAT_H
#define KD_BENCH_CALLGRIND_COMPAT_H

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#endif
#endif
#ifndef CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_START_INSTRUMENTATION
#endif
#ifndef CALLGRIND_STOP_INSTRUMENTATION
#define CALLGRIND_STOP_INSTRUMENTATION
#endif

#endif
