#!/usr/bin/env bash
# cli_test.sh - end-to-end tests of the `kordon` command on the bundled
# lists and on malformed inputs. Usage: tests/cli_test.sh PATH/TO/kordon
set -u
K=${1:?usage: cli_test.sh KORDON}
cd "$(dirname "$0")/.."
fail=0
# per-run output files: several checkouts may run this script at once
O=$(mktemp -d /tmp/kd_cli.XXXXXX)
trap 'rm -rf "$O"' EXIT
t() { # description, expected exit status, command...
  local d=$1 want=$2; shift 2
  "$@" >"$O/out" 2>"$O/err"
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "  cli: $d: exit $got, expected $want"; sed 's/^/    /' "$O/err" | head -5
    fail=1
  fi
}
has() { # description, pattern (grep -E) in last stdout+stderr
  if ! grep -qE -- "$2" "$O/out" "$O/err"; then
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

# show: OFAC remarks parsed into properties (--no-merge: the record alone)
t "show" 0 "$K" show --no-merge ofac-35233
has "show name" "LAVROV, Sergei Viktorovich"
has "show dob" "birthDate +1950-03-21"
has "show nationality" "nationality +ru"
has "show program" "program +RUSSIA-EO14024"
has "show provenance" "source: ofac_sdn"
t "show json" 0 "$K" show --json --no-merge un-KPi.033
has "show json shape" '"id":"un-KPi.033".*"properties":\{'
t "show unknown id" 2 "$K" show no-such-id

# records of one party on several lists: one result, its lists, the
# reason of every link (UN reference in the UK notes, OFAC's passport)
t "screen one party" 1 "$K" screen --limit 3 "Kim Jung Jong"
has "screen party lists" "KPi.021, Person, lists un_sc .*, uk_ofsi .*, ofac_sdn "
has "screen party un ref" "linked: uk-13332 → un-KPi.021: UN reference KPi.021 in notes"
has "screen party passport" "linked: ofac-18558 → un-KPi.021: passport 199421147 and name"
if [ "$(grep -c "KIM.*JUNG JONG\|KIM, Jung Jong" "$O/out")" != 1 ]; then
  echo "  cli: screen one party: Kim Jung Jong listed more than once"; fail=1
fi
t "screen no-merge" 1 "$K" screen --no-merge --limit 3 "Kim Jung Jong"
has "screen no-merge records" "uk-13332, Person, list uk_ofsi"
has "screen no-merge ofac" "ofac-18558, Person, list ofac_sdn"
t "show member id" 0 "$K" show ofac-18558
has "show member canonical" "^KPi.021  KIM JUNG JONG  \(Person\)"
has "show member list" "ofac-18558 +ofac_sdn +KIM, Jung Jong"
has "show member provenance" "birthDate +1966-11-07  \[un_sc, ofac_sdn, uk_ofsi\]"
t "show canonical json" 0 "$K" show --json KPi.021
has "show referents" '"referents":\["un-KPi.021","uk-13332","ofac-18558"\]'
t "screen json referents" 1 "$K" screen --json --limit 1 "Kim Jung Jong"
has "screen json cluster" '"id":"KPi.021".*"datasets":\["un_sc","uk_ofsi","ofac_sdn"\],"referents":\["un-KPi.021","uk-13332","ofac-18558"\]'

# screen: exit 0 none, 1 match, 2 error
t "screen match" 1 "$K" screen "Sergej Lawrow"
has "screen finds lavrov" "MATCH +Sergei Viktorovich LAVROV"
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
[ "$(grep -c '^{"id":' "$O/out")" = 3 ] || { echo "  cli: batch csv: expected 3 output lines"; fail=1; }
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
has "snapshot screen" "MATCH +Sergei Viktorovich LAVROV"
has "snapshot keeps links" "linked: ofac-35233 → uk-14197: name"
printf 'garbage' > "$SNAP"
t "corrupt snapshot" 2 "$K" --index "$SNAP" lists
has "corrupt snapshot message" "not a usable Kordon snapshot"
rm -f "$SNAP"

# a truncated list file: error with file and line, nothing loaded
t "truncated list" 2 "$K" --data tests/data/cli/truncated_un.xml lists
has "truncated list position" "truncated_un.xml:[0-9]+:[0-9]+:"
exit $fail
