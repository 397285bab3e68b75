#!/usr/bin/env bash
# cli_test.sh - end-to-end tests of the `kordon` command on the bundled
# lists and on malformed inputs. Usage: tests/cli_test.sh PATH/TO/kordon
set -u
K=${1:?usage: cli_test.sh KORDON}
cd "$(dirname "$0")/.."
fail=0
t() { # description, expected exit status, command...
  local d=$1 want=$2; shift 2
  "$@" >/tmp/kd_cli_out 2>/tmp/kd_cli_err
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "  cli: $d: exit $got, expected $want"; sed 's/^/    /' /tmp/kd_cli_err | head -5
    fail=1
  fi
}
has() { # description, pattern (grep -E) in last stdout+stderr
  if ! grep -qE -- "$2" /tmp/kd_cli_out /tmp/kd_cli_err; then
    echo "  cli: $1: missing /$2/"; fail=1
  fi
}

t "version" 0 "$K" --version;  has "version" "kordon [0-9]+\.[0-9]+"
t "help" 0 "$K" --help;        has "help" "usage: kordon"
t "unknown command" 2 "$K" frobnicate
t "missing data" 2 "$K" --data /nonexistent lists
has "missing data names path" "/nonexistent"
# lists: every bundled source with its independent count
t "lists" 0 "$K" lists
for id in un_sc ofac_sdn ofac_cons uk_ofsi ca_sema; do has "lists $id" "^$id "; done
has "lists UN count" "1003 entities"
has "lists OFAC SDN count" "14965 entities"
has "lists orphan warning" "alt.csv.gz: [0-9]+ alias rows"
t "lists --json" 0 "$K" lists --json
has "lists json" '"id":"un_sc".*"entities":1003'

# show: OFAC remarks parsed into properties
t "show" 0 "$K" show ofac-35233
has "show name" "LAVROV, Sergei Viktorovich"
has "show dob" "birthDate +1950-03-21"
has "show nationality" "nationality +ru"
has "show program" "program +RUSSIA-EO14024"
has "show provenance" "source: ofac_sdn"
t "show json" 0 "$K" show --json un-KPi.033
has "show json shape" '"id":"un-KPi.033".*"properties":\{'
t "show unknown id" 2 "$K" show no-such-id

# screen: exit 0 none, 1 match, 2 error
t "screen match" 1 "$K" screen "Sergej Lawrow"
has "screen finds lavrov" "MATCH +LAVROV, Sergei Viktorovich"
has "screen explains" "'lawrow'~'lavrov' skeleton"
t "screen no match" 0 "$K" screen "Xyzzy Quuxington"
t "screen json" 1 "$K" screen --json --schema Person "Kim Jong-un"
has "screen json shape" '"results":\[\{"id":"[^"]+","caption".*"match":true.*"total":\{"value"'
t "screen bad schema" 2 "$K" screen --schema Planet "X"
t "screen bad threshold" 2 "$K" screen --threshold 7 "X"

# compare
t "compare" 0 "$K" compare "Juri Uschakow" "Yury USHAKOV"
has "compare match" "^0\.[7-9][0-9]* match"
t "compare pairs" 0 "$K" compare --pairs tests/data/cli/pairs.csv
has "compare pairs header" "^schema,name1,name2,label,score,match$"
has "compare pairs row" "^Person,Sergej Lawrow,Sergei Lavrov,1,0\.[0-9]+,true$"

# batch: bad rows are reported with their line and skipped (exit 3)
t "batch csv" 3 "$K" batch --input tests/data/cli/batch.csv --threads 2
has "batch csv bad row line" "batch.csv:3: 5 fields, header has 4"
has "batch csv empty name line" "batch.csv:5: empty name"
has "batch csv summary" "rows 3, matches 2"
[ "$(grep -c '^{"id":' /tmp/kd_cli_out)" = 3 ] || { echo "  cli: batch csv: expected 3 output lines"; fail=1; }
has "batch order" '^\{"id":"c1"'
t "batch jsonl" 3 "$K" batch --input tests/data/cli/batch.jsonl --format csv
has "batch jsonl bad line" "batch.jsonl:2:"
has "batch csv output" "^j1,Iouri Ouchakov,1,"
t "batch missing input" 2 "$K" batch --input /nonexistent.csv

# snapshot: build once, then every command can open it with --index
SNAP=$(mktemp /tmp/kd_cli_snap.XXXXXX)
t "index build" 0 "$K" index build -o "$SNAP"
has "index build count" "25797 entities from 5 lists"
t "lists from snapshot" 0 "$K" --index "$SNAP" lists
has "snapshot lists UN count" "1003 entities"
t "screen from snapshot" 1 "$K" --index "$SNAP" screen "Sergej Lawrow"
has "snapshot screen" "MATCH +LAVROV, Sergei Viktorovich"
printf 'garbage' > "$SNAP"
t "corrupt snapshot" 2 "$K" --index "$SNAP" lists
has "corrupt snapshot message" "not a usable Kordon snapshot"
rm -f "$SNAP"

# a truncated list file: error with file and line, nothing loaded
t "truncated list" 2 "$K" --data tests/data/cli/truncated_un.xml lists
has "truncated list position" "truncated_un.xml:[0-9]+:[0-9]+:"

# scan: a one-word vessel name is an alert with vessel context and only a
# low-priority mention without it (exit 0, "match":false)
PROSE=$(mktemp)
echo "Officials named Artabaz among others." > "$PROSE"
t "scan mention only" 0 "$K" scan "$PROSE"
has "scan mention shown" "1\.00 mention  ARTABAZ"
t "scan mention json" 0 "$K" scan --json "$PROSE"
has "scan mention json" '"text":"Artabaz","score":1\.0000,"match":false'
echo "The tanker Python was seen off Nakhodka." > "$PROSE"
t "scan vessel context" 1 "$K" scan "$PROSE"
has "scan vessel alert" "1\.00 MATCH  Python"
echo "Released on Thu Jun 5 2025; thanks to Bruno and Guillaume." > "$PROSE"
t "scan dates and given names" 0 "$K" scan "$PROSE"
has "scan dates quiet" "^0 hits"
rm -f "$PROSE"
exit $fail
