#!/usr/bin/env bash
# bench_quality_ab.sh - matching quality before and after, in one run
# (bench_ab.sh with bench_quality on this tree's lists and development
# data). BASE_REV is a commit whose benchmark already reports tuned-on vs
# kept-aside parts, e.g. d0e3f4a, the matcher before issue 11.
#   bench/bench_quality_ab.sh [BASE_REV] [--exhaustive-check]
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-d0e3f4a}; shift || true
exec bench/bench_ab.sh "$base" bench_quality "$@" @DATA @BENCH
