#!/usr/bin/env bash
# bench_quality_ab.sh - matching quality before and after, in one run:
# builds bench_quality at BASE_REV (a commit whose benchmark already
# reports tuned-on vs kept-aside parts, e.g. d0e3f4a, the matcher before
# issue 11) in a temporary worktree, builds it here, and runs both on the
# same lists and development data, one after the other.
#   bench/bench_quality_ab.sh [BASE_REV] [--exhaustive-check]
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-d0e3f4a}; shift || true
wt=$(mktemp -d /tmp/kd_qab.XXXXXX)
trap 'git worktree remove --force "$wt" >/dev/null 2>&1 || rm -rf "$wt"' EXIT
git worktree add -q --detach "$wt" "$base"
for d in "$wt" .; do
  cmake -S "$d" -B "$d/build-rel" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$d/build-rel" -j"$(nproc)" --target bench_quality >/dev/null
done
echo "=== BEFORE ($base) ==="
"$wt/build-rel/bench_quality" "$@" "$PWD/data" "$PWD/bench/data"
echo "=== AFTER ($(git rev-parse --short HEAD)) ==="
build-rel/bench_quality "$@" "$PWD/data" "$PWD/bench/data"
