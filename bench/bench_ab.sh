#!/usr/bin/env bash
# bench_ab.sh - one benchmark before and after, in one run: builds the
# bench TARGET at BASE_REV in a temporary worktree and here (Release),
# then runs both with the same arguments, one after the other, on this
# tree's lists and development data. A word "@DATA" in the arguments is
# replaced by this tree's data/ and "@BENCH" by bench/data, so the
# before build reads exactly the same inputs.
#   bench/bench_ab.sh BASE_REV TARGET [ARGS...]
#   bench/bench_ab.sh 35257f6 bench_scan --no-synthetic @DATA
#   bench/bench_ab.sh 35257f6 bench_quality @DATA @BENCH
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 2 ]; then
  echo "usage: bench/bench_ab.sh BASE_REV TARGET [ARGS...]" >&2
  exit 2
fi
base=$1 target=$2; shift 2
args=()
for a in "$@"; do
  case $a in
    @DATA) args+=("$PWD/data") ;;
    @BENCH) args+=("$PWD/bench/data") ;;
    *) args+=("$a") ;;
  esac
done
wt=$(mktemp -d /tmp/kd_ab.XXXXXX)
trap 'git worktree remove --force "$wt" >/dev/null 2>&1 || rm -rf "$wt"' EXIT
git worktree add -q --detach "$wt" "$base"
for d in "$wt" .; do
  cmake -S "$d" -B "$d/build-rel" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$d/build-rel" -j"$(nproc)" --target "$target" >/dev/null
done
echo "=== BEFORE ($base) ==="
"$wt/build-rel/$target" "${args[@]}"
echo "=== AFTER ($(git rev-parse --short HEAD)) ==="
"build-rel/$target" "${args[@]}"
