#!/usr/bin/env bash
# bench_index.sh - the index figures in one run, on a Release build:
#   bundled lists: query latency indexed vs exhaustive (median, p99),
#     batch throughput on 1 and 2 threads, matcher build, snapshot build,
#     size and load time, resident memory;
#   with --million: the same on one million synthetic entities (generated
#     once into /tmp/synth), plus the snapshot's size and open time.
#
# usage: bench/bench_index.sh [BUILD_DIR] [--million]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-rel}
[ "${1:-}" = "--million" ] && build=build-rel
million=0
for a in "$@"; do [ "$a" = "--million" ] && million=1; done
if [ ! -x "$build/bench_screen" ]; then
  cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" -j"$(nproc)" >/dev/null
fi

echo "== bundled lists"
"$build/bench_screen" 3000 data 200
"$build/bench_snapshot" 5 data

if [ "$million" = 1 ]; then
  synth=/tmp/synth
  if [ ! -f "$synth/synthetic.csv.gz" ]; then
    mkdir -p "$synth"
    python3 bench/gen_synthetic.py 1000000 "$synth/synthetic.csv.gz"
  fi
  echo "== one million synthetic entities"
  "$build/bench_screen" 2000 "$synth" 3
  /usr/bin/time -f "snapshot build: %e s, max RSS %M KB" \
    "$build/kordon" --data "$synth" index build -o /tmp/synth.kdx
  "$build/bench_snapshot" 5 - /tmp/synth.kdx
fi
