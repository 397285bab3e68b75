#!/usr/bin/env bash
# bench_screen_ab.sh - screening speed of BASE_REV and HEAD in one run:
# the figures issue 11 holds the matcher to ("bench_screen median and
# batch names/s within 10 % of today's on the same machine in one run").
#
# Builds bench_screen (Release) at BASE_REV in a temporary worktree, with
# this tree's bench/bench_screen.c (the library is BASE_REV's, the bench
# the same; it builds against the kd_query struct of bases older than the
# query API), and here. Then ROUNDS rounds, each running both builds one
# after the other on this tree's lists (the order swaps every round:
# ABBA...), so the load of a shared machine falls on both alike. Prints
# per figure (indexed median and p99 latency, batch names/s on 1 and 2
# threads) the median over the rounds of each build and their ratio.
# With CALLGRIND=1 also the instructions of kd_screen (valgrind
# --tool=callgrind --toggle-collect=kd_screen) per screened name, both
# builds (indexed queries only: bench_screen N_EXHAUSTIVE 0): a figure
# the load of a shared machine leaves alone. The lists load without
# instrumentation (bench_screen starts it at the warm-up: minutes less);
# CALLGRIND_OPTS adds options, e.g. "--cache-sim=yes --branch-sim=yes
# --I1=32768,8,64 --D1=49152,12,64 --LL=1048576,16,64" (this VM's L1 and
# L2 as the simulated LL); the simulated misses of kd_screen are then
# printed as well.
#   bench/bench_screen_ab.sh BASE_REV [ROUNDS] [N_QUERIES]
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ]; then
  echo "usage: bench/bench_screen_ab.sh BASE_REV [ROUNDS] [N_QUERIES]" >&2
  exit 2
fi
base=$1 rounds=${2:-5} nq=${3:-2000}
wt=$(mktemp -d /tmp/kd_screen_ab.XXXXXX)
out=$(mktemp -d /tmp/kd_screen_ab_out.XXXXXX)
trap 'git worktree remove --force "$wt" >/dev/null 2>&1 || rm -rf "$wt"; rm -rf "$out"' EXIT
git worktree add -q --detach "$wt" "$base"
cp bench/bench_screen.c bench/callgrind_compat.h "$wt/bench/"
for d in "$wt" .; do
  cmake -S "$d" -B "$d/build-rel" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$d/build-rel" -j2 --target bench_screen >/dev/null
done
bin_a="$wt/build-rel/bench_screen" bin_b="build-rel/bench_screen"

# one run: "median p99 batch1 batch2 cpu-median cpu-batch1" (no
# exhaustive scoring: 1 query)
one() {
  "$1" "$nq" "$PWD/data" 1 | awk '
    /^query latency indexed/ { med = $5; p99 = $8 }
    /^query cpu time indexed/ { cmed = $6 }
    /^batch throughput +1 thread/ { b1 = $5 }
    /^batch throughput +2 threads/ { b2 = $5 }
    /^batch cpu throughput +1 thread/ { c1 = $6 }
    END { print med, p99, b1, b2, cmed, c1 }'
}
for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) -eq 1 ]; then
    one "$bin_a" >>"$out/a"; one "$bin_b" >>"$out/b"
  else
    one "$bin_b" >>"$out/b"; one "$bin_a" >>"$out/a"
  fi
done
echo "screening speed: median of $rounds alternating runs, $nq names" \
  "(development US negatives, as Person)"
echo "       base $(git rev-parse --short "$base"), head $(git rev-parse --short HEAD)"
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
printf '%-26s %10s %10s %7s\n' figure base head ratio
col=1
for name in "latency median (us)" "latency p99 (us)" \
  "batch 1 thread (names/s)" "batch 2 threads (names/s)" \
  "cpu time median (us)" "batch 1 thread (/cpu s)"; do
  a=$(cut -d' ' -f$col "$out/a" | median)
  b=$(cut -d' ' -f$col "$out/b" | median)
  awk -v n="$name" -v a="$a" -v b="$b" \
    'BEGIN { printf "%-26s %10s %10s %7.3f\n", n, a, b, b / a }'
  col=$((col + 1))
done

if [ -n "${CALLGRIND:-}" ]; then
  echo "kd_screen instructions (callgrind, 300 names indexed, warm-up included)"
  for side in a b; do
    bin=bin_$side
    valgrind --tool=callgrind --instr-atstart=no --toggle-collect=kd_screen \
      ${CALLGRIND_OPTS:-} \
      --callgrind-out-file="$out/cg.$side" "${!bin}" 300 "$PWD/data" 0 \
      >/dev/null 2>"$out/cg.$side.err"
    grep -o 'Collected : [0-9]*' "$out/cg.$side.err" | awk '{ print $3 }' \
      >"$out/ir.$side"
  done
  a=$(cat "$out/ir.a") b=$(cat "$out/ir.b")
  awk -v a="$a" -v b="$b" 'BEGIN { printf "%-26s %9.1fM %9.1fM %7.3f\n",
    "kd_screen instructions", a / 1e6, b / 1e6, b / a }'
fi
