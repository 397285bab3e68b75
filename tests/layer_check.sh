#!/usr/bin/env bash
# layer_check.sh - fail when a file under src/ includes a header of a
# directory its layer may not use (the table in tests/layers.txt), so the
# dependencies between the library's directories keep flowing one way.
#
# usage: layer_check.sh [ROOT [TABLE]]   (defaults: the repository and
# ROOT/tests/layers.txt). Prints every offending include as
# "file:line: includes dir/x.h; DIR may include only: ..." and exits 1;
# a src/ directory missing from the table is an error too.
set -uo pipefail
root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
table=${2:-$root/tests/layers.txt}
[ -r "$table" ] || { echo "layer_check: cannot read $table" >&2; exit 2; }
[ -d "$root/src" ] || { echo "layer_check: no $root/src" >&2; exit 2; }

declare -A allowed
while IFS= read -r line; do
  line=${line%%#*}
  [[ $line =~ ^[[:space:]]*([a-z_]+):(.*)$ ]] || continue
  allowed[${BASH_REMATCH[1]}]=" ${BASH_REMATCH[1]} $(echo ${BASH_REMATCH[2]}) "
done <"$table"

bad=0
for dir in "$root"/src/*/; do
  d=$(basename "$dir")
  if [ -z "${allowed[$d]+x}" ]; then
    echo "src/$d: directory not in $(basename "$table")"
    bad=1
    continue
  fi
  for f in "$dir"*.c "$dir"*.h "$dir"*.inc; do
    [ -f "$f" ] || continue
    while IFS=: read -r ln inc; do
      [[ $inc =~ \#[[:space:]]*include[[:space:]]*\"([a-z_]+)/ ]] || continue
      to=${BASH_REMATCH[1]}
      case ${allowed[$d]} in
        *" $to "*) ;;
        *) echo "src/$d/$(basename "$f"):$ln: includes $to/; $d may" \
                "include only:${allowed[$d]}"
           bad=1 ;;
      esac
    done < <(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f")
  done
done
exit $bad
