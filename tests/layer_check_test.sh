#!/usr/bin/env bash
# layer_check_test.sh - the include-layer check (layer_check.sh): the
# repository passes its table, and a fake tree fails it once a low layer
# includes a higher one (or a directory is missing from the table), naming
# the file and line.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
check=$here/layer_check.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$check" "$here/.." || fail "the repository breaks tests/layers.txt"

mkdir -p "$tmp/src/util" "$tmp/src/match"
printf 'util:\nmatch: util  # comment\n' >"$tmp/layers.txt"
printf '#include "util/util.h"\n#include "kordon.h"\n' >"$tmp/src/util/a.c"
printf '#include <stdio.h>\n#include "util/util.h"\n#include "match/m.h"\n' \
  >"$tmp/src/match/b.c"
"$check" "$tmp" "$tmp/layers.txt" >"$tmp/out" ||
  fail "a clean fake tree is refused: $(cat "$tmp/out")"

# an upward include: util -> match
printf '#include "util/util.h"\n  #  include "match/m.h"\n' >"$tmp/src/util/c.h"
if "$check" "$tmp" "$tmp/layers.txt" >"$tmp/out"; then
  fail "util including match/ passed the check"
fi
grep -q 'src/util/c.h:2: includes match/' "$tmp/out" ||
  fail "the message does not name file and line: $(cat "$tmp/out")"
rm "$tmp/src/util/c.h"

# a directory the table does not know
mkdir -p "$tmp/src/extra"
printf '#include "util/util.h"\n' >"$tmp/src/extra/d.c"
if "$check" "$tmp" "$tmp/layers.txt" >"$tmp/out"; then
  fail "a directory missing from the table passed"
fi
grep -q 'src/extra: directory not in' "$tmp/out" || fail "$(cat "$tmp/out")"
echo "layer check: ok"
