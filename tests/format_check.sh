#!/usr/bin/env bash
# format_check.sh - fail when a C file of the project is not laid out as
# .clang-format says (clang-format 14, Debian's clang-format package), so
# the rule in .clang-format is one everybody follows. Tables laid out by
# hand are fenced with /* clang-format off */ ... /* clang-format on */.
# Generated sources (server/openapi.c, written by scripts/openapi.js) are
# not checked.
#
# usage: format_check.sh [ROOT]   Prints each file that differs, with the
# first lines of the difference, and exits 1; exit 2 when clang-format is
# missing.
set -uo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root" || exit 2
command -v clang-format >/dev/null || {
  echo "format_check: clang-format not found (apt-get install clang-format)" >&2
  exit 2
}
# One clang-format process per 16 files, on every core; --dry-run -Werror
# names each file that differs, then the difference is shown for it.
list_files() {
  if [ -d .git ] || git rev-parse --git-dir >/dev/null 2>&1; then
    git ls-files '*.c' '*.h'
  else
    find src include cli server tests bench fuzz tools -name '*.[ch]'
  fi | grep -vx 'server/openapi.c'
}
bad=0
while IFS= read -r f; do
  echo "$f: not formatted as .clang-format says (clang-format -i $f):"
  clang-format --style=file "$f" | diff -u "$f" - | sed -n '3,12p'
  bad=1
done < <(list_files | tr '\n' '\0' |
         xargs -0 -n 16 -P "$(nproc)" clang-format --style=file --dry-run \
           -Werror 2>&1 >/dev/null |
         sed -n 's/^\([^:]*\):[0-9]*:[0-9]*: error: .*/\1/p' | sort -u)
exit $bad
