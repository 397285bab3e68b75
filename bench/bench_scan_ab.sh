#!/usr/bin/env bash
# bench_scan_ab.sh - prose scanning speed of BASE_REV and HEAD, per
# corpus, in one run, and a check that the speed change left every
# result as it was.
#
# Builds bench_scan (Release) at BASE_REV in a temporary worktree, with
# this tree's bench/bench_scan.c (the library is BASE_REV's, the bench
# the same), and here. Then:
#   1. results: both scan every corpus once with BENCH_SCAN_HITS (every
#      hit: offsets, entity, score to 17 digits, match, features, also)
#      and print the names-in-sentences table; the hit files and the
#      tables are diffed ("results: identical" or the differences).
#   2. speed: ROUNDS rounds, each running both builds one after the
#      other over all corpora (the order swaps every round: ABBA...), so
#      the load of a shared machine falls on both alike; MB/s is thread
#      CPU time (bench_scan). Prints per corpus the median MB/s of each
#      build and their ratio, and the total.
#   3. with CALLGRIND="NAME..." (corpus names, e.g. "prose_en
#      aside_fortune_en"): the instructions of each scan alone
#      (valgrind --tool=callgrind, the lists load uninstrumented) per
#      byte, both builds: a figure the load of a shared machine leaves
#      alone.
#   bench/bench_scan_ab.sh BASE_REV [ROUNDS] [ONLY]
#   ONLY: scan only corpora whose name contains it (BENCH_SCAN_ONLY).
# The prose corpora come from bench/make_prose.py ($KORDON_PROSE or
# /tmp/kordon-prose).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 1 ]; then
  echo "usage: bench/bench_scan_ab.sh BASE_REV [ROUNDS] [ONLY]" >&2
  exit 2
fi
base=$1 rounds=${2:-5} only=${3:-}
wt=$(mktemp -d /tmp/kd_scan_ab.XXXXXX)
out=$(mktemp -d /tmp/kd_scan_ab_out.XXXXXX)
trap 'git worktree remove --force "$wt" >/dev/null 2>&1 || rm -rf "$wt"; rm -rf "$out"' EXIT
git worktree add -q --detach "$wt" "$base"
cp bench/bench_scan.c bench/callgrind_compat.h "$wt/bench/"
# both builds read this tree's names-in-sentences rows
export BENCH_SCAN_SENTENCES=${BENCH_SCAN_SENTENCES:-$PWD/bench/data/scan_sentences.tsv}
for d in "$wt" .; do
  cmake -S "$d" -B "$d/build-rel" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$d/build-rel" -j2 --target bench_scan >/dev/null
done
bin_a="$wt/build-rel/bench_scan" bin_b="build-rel/bench_scan"
export BENCH_SCAN_NO_BEFORE=1
[ -n "$only" ] && export BENCH_SCAN_ONLY=$only

# 1. results
mkdir -p "$out/a" "$out/b"
BENCH_SCAN_HITS="$out/a" "$bin_a" --no-synthetic "$PWD/data" |
  sed -n '/^names in sentences/,/^all /p' | tail -n +2 >"$out/a/sentences.txt"
BENCH_SCAN_HITS="$out/b" "$bin_b" --no-synthetic "$PWD/data" |
  sed -n '/^names in sentences/,/^all /p' | tail -n +2 >"$out/b/sentences.txt"
nhits=$(cat "$out"/b/*.hits | wc -l)
if diff -r "$out/a" "$out/b" >"$out/diff.txt"; then
  echo "results: identical ($(ls "$out/b" | grep -c '\.hits$') corpora," \
    "$nhits hits, names-in-sentences table)"
else
  echo "results: DIFFERENT ($(wc -l <"$out/diff.txt") diff lines):"
  head -40 "$out/diff.txt"
fi

# 2. speed, alternating
export BENCH_SCAN_NO_SENTENCES=1
: >"$out/speed.txt"
for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) -eq 1 ]; then order="a b"; else order="b a"; fi
  for w in $order; do
    if [ "$w" = a ]; then bin=$bin_a; else bin=$bin_b; fi
    "$bin" --no-synthetic "$PWD/data" |
      awk -v w="$w" -v r="$r" '/^prose /{p=1; next} /^per core/{p=0}
        p && NF == 7 && $1 != "corpus" {print w, r, $1, $2, $6}
        p && $1 == "all" && NF == 4 {print w, r, "all", $2, $4}' \
        >>"$out/speed.txt"
  done
done
echo "speed: MB/s per core (median of $rounds alternating runs each)"
echo "       base $base, head $(git rev-parse --short HEAD)"
python3 - "$out/speed.txt" <<'EOF'
import statistics, sys
runs = {}
mb = {}
order = []
for line in open(sys.argv[1]):
    w, r, c, m, v = line.split()
    if c not in mb:
        order.append(c)
    mb[c] = float(m)
    runs.setdefault((w, c), []).append(float(v))
print("%-18s %7s %8s %8s %7s   %s" % ("corpus", "MB", "base", "head",
                                      "ratio", "head runs"))
for c in order:
    a = statistics.median(runs.get(("a", c), [0]))
    b = statistics.median(runs.get(("b", c), [0]))
    print("%-18s %7.2f %8.1f %8.1f %7.2f   %s" % (
        c, mb[c], a, b, b / a if a else 0,
        " ".join("%.1f" % x for x in runs.get(("b", c), []))))
# the slowest corpus of each build (issue 12: every corpus >= 20 MB/s)
for w, label in (("a", "base"), ("b", "head")):
    med = {c: statistics.median(runs[(w, c)]) for c in order
           if c != "all" and (w, c) in runs}
    if med:
        c = min(med, key=med.get)
        print("min %-4s %-18s %8.1f MB/s per core" % (label, c, med[c]))
EOF

# 3. instructions per byte
if [ -n "${CALLGRIND:-}" ]; then
  prose=${KORDON_PROSE:-/tmp/kordon-prose}
  echo "instructions per byte (callgrind, the scan alone)"
  printf "%-18s %8s %8s %7s\n" corpus base head ratio
  for c in $CALLGRIND; do
    bytes=$(stat -L -c %s "$prose/$c.txt") # -L: a corpus may be a link
    for w in a b; do
      if [ "$w" = a ]; then bin=$bin_a; else bin=$bin_b; fi
      BENCH_SCAN_ONLY=$c.txt valgrind --tool=callgrind --instr-atstart=no \
        --toggle-collect=kd__scan_opts --callgrind-out-file="$out/cg.$w" \
        "$bin" --no-synthetic "$PWD/data" 2>&1 >/dev/null |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p' >"$out/ir.$w"
    done
    python3 -c 'import sys; a, b, n = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]); print("%-18s %8.1f %8.1f %7.2f" % (sys.argv[4], a / n, b / n, b / a))' \
      "$(cat "$out/ir.a")" "$(cat "$out/ir.b")" "$bytes" "$c"
  done
fi
