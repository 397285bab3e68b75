#!/usr/bin/env bash
# cli_test.sh - end-to-end tests of the `kordon` command on the bundled
# lists and on malformed inputs. Usage: tests/cli_test.sh PATH/TO/kordon
set -u
K=${1:?usage: cli_test.sh KORDON}
cd "$(dirname "$0")/.."
fail=0
# private output files: several test runs may share /tmp at once
OUT=$(mktemp /tmp/kd_cli_out.XXXXXX); ERR=$(mktemp /tmp/kd_cli_err.XXXXXX)
trap 'rm -f "$OUT" "$ERR"' EXIT
t() { # description, expected exit status, command...
  local d=$1 want=$2; shift 2
  "$@" >"$OUT" 2>"$ERR"
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "  cli: $d: exit $got, expected $want"; sed 's/^/    /' "$ERR" | head -5
    fail=1
  fi
}
has() { # description, pattern (grep -E) in last stdout+stderr
  if ! grep -qE -- "$2" "$OUT" "$ERR"; then
    echo "  cli: $1: missing /$2/"; fail=1
  fi
}

t "version" 0 "$K" --version;  has "version" "kordon [0-9]+\.[0-9]+"
t "help" 0 "$K" --help;        has "help" "usage: kordon"
t "unknown command" 2 "$K" frobnicate
t "missing data" 2 "$K" --data /nonexistent lists
has "missing data names path" "/nonexistent"
# snapshot: built once from the bundled lists; the commands below that do
# not test list loading open it with --index (loading and indexing the
# lists again takes seconds per command under the sanitizers)
SNAP=$(mktemp /tmp/kd_cli_snap.XXXXXX)
trap 'rm -f "$OUT" "$ERR" "$SNAP"' EXIT
t "index build" 0 "$K" index build -o "$SNAP"
has "index build count" "25797 entities from 5 lists"
KI=("$K" --index "$SNAP")
t "lists from snapshot" 0 "${KI[@]}" lists
has "snapshot lists UN count" "1003 entities"
t "screen from snapshot" 1 "${KI[@]}" screen "Sergej Lawrow"
has "snapshot screen" "MATCH +Sergei Viktorovich LAVROV"
has "snapshot keeps links" "linked: ofac-35233 → uk-14197: name"
CORRUPT=$(mktemp /tmp/kd_cli_snap.XXXXXX)
printf 'garbage' > "$CORRUPT"
t "corrupt snapshot" 2 "$K" --index "$CORRUPT" lists
has "corrupt snapshot message" "not a usable Kordon snapshot"
rm -f "$CORRUPT"

# lists: every bundled source with its independent count
t "lists" 0 "$K" lists
for id in un_sc ofac_sdn ofac_cons uk_ofsi ca_sema; do has "lists $id" "^$id "; done
has "lists UN count" "1003 entities"
has "lists OFAC SDN count" "14965 entities"
has "lists orphan warning" "alt.csv.gz: [0-9]+ alias rows"
t "lists --json" 0 "${KI[@]}" lists --json
has "lists json" '"id":"un_sc".*"entities":1003'

# show: OFAC remarks parsed into properties (--no-merge: the record alone)
t "show" 0 "${KI[@]}" show --no-merge ofac-35233
has "show name" "LAVROV, Sergei Viktorovich"
has "show dob" "birthDate +1950-03-21"
has "show nationality" "nationality +ru"
has "show program" "program +RUSSIA-EO14024"
has "show provenance" "source: ofac_sdn"
t "show json" 0 "${KI[@]}" show --json --no-merge un-KPi.033
has "show json shape" '"id":"un-KPi.033".*"properties":\{'
t "show unknown id" 2 "${KI[@]}" show no-such-id

# records of one party on several lists: one result, its lists, the
# reason of every link (UN reference in the UK notes, OFAC's passport)
t "screen one party" 1 "${KI[@]}" screen --limit 3 "Kim Jung Jong"
has "screen party lists" "KPi.021, Person, lists un_sc .*, uk_ofsi .*, ofac_sdn "
has "screen party un ref" "linked: uk-13332 → un-KPi.021: UN reference KPi.021 in notes"
has "screen party passport" "linked: ofac-18558 → un-KPi.021: passport 199421147 and name"
if [ "$(grep -c "KIM.*JUNG JONG\|KIM, Jung Jong" "$OUT")" != 1 ]; then
  echo "  cli: screen one party: Kim Jung Jong listed more than once"; fail=1
fi
t "screen no-merge" 1 "${KI[@]}" screen --no-merge --limit 3 "Kim Jung Jong"
has "screen no-merge records" "uk-13332, Person, list uk_ofsi"
has "screen no-merge ofac" "ofac-18558, Person, list ofac_sdn"
t "show member id" 0 "${KI[@]}" show ofac-18558
has "show member canonical" "^KPi.021  KIM JUNG JONG  \(Person\)"
has "show member list" "ofac-18558 +ofac_sdn +KIM, Jung Jong"
has "show member provenance" "birthDate +1966-11-07  \[un_sc, ofac_sdn, uk_ofsi\]"
t "show canonical json" 0 "${KI[@]}" show --json KPi.021
has "show referents" '"referents":\["un-KPi.021","uk-13332","ofac-18558"\]'
t "screen json referents" 1 "${KI[@]}" screen --json --limit 1 "Kim Jung Jong"
has "screen json cluster" '"id":"KPi.021".*"datasets":\["un_sc","uk_ofsi","ofac_sdn"\],"referents":\["un-KPi.021","uk-13332","ofac-18558"\]'

# screen: exit 0 none, 1 match, 2 error
t "screen match (lists loaded)" 1 "$K" screen "Sergej Lawrow"
has "screen finds lavrov" "MATCH +Sergei Viktorovich LAVROV"
has "screen explains" "'lawrow'~'lavrov' skeleton"
t "screen no match" 0 "${KI[@]}" screen "Xyzzy Quuxington"
t "screen json" 1 "${KI[@]}" screen --json --schema Person "Kim Jong-un"
has "screen json shape" '"results":\[\{"id":"[^"]+","caption".*"match":true.*"total":\{"value"'
t "screen bad schema" 2 "${KI[@]}" screen --schema Planet "X"
t "screen bad threshold" 2 "${KI[@]}" screen --threshold 7 "X"

# compare
t "compare" 0 "${KI[@]}" compare "Juri Uschakow" "Yury USHAKOV"
has "compare match" "^0\.[7-9][0-9]* match"
t "compare pairs" 0 "${KI[@]}" compare --pairs tests/data/cli/pairs.csv
has "compare pairs header" "^schema,name1,name2,label,score,match$"
has "compare pairs row" "^Person,Sergej Lawrow,Sergei Lavrov,1,0\.[0-9]+,true$"

# batch: bad rows are reported with their line and skipped (exit 3)
t "batch csv" 3 "${KI[@]}" batch --input tests/data/cli/batch.csv --threads 2
has "batch csv bad row line" "batch.csv:3: 5 fields, header has 4"
has "batch csv empty name line" "batch.csv:5: empty name"
has "batch csv blank name line" "batch.csv:7: empty name"
has "batch csv summary" "rows 3, matches 2"
[ "$(grep -c '^{"id":' "$OUT")" = 3 ] || { echo "  cli: batch csv: expected 3 output lines"; fail=1; }
has "batch order" '^\{"id":"c1"'
t "batch jsonl" 3 "${KI[@]}" batch --input tests/data/cli/batch.jsonl --format csv
has "batch jsonl bad line" "batch.jsonl:2:"
has "batch csv output" "^j1,Iouri Ouchakov,1,"
t "batch missing input" 2 "${KI[@]}" batch --input /nonexistent.csv
# never a silent "no match": bad options are refused, bad rows are counted
# exactly, write errors are exit 2
W=$(mktemp -d /tmp/kd_cli_w.XXXXXX)
printf 'id,name\n1,Sergej Lawrow\n' >"$W/one.csv"
t "batch threshold nan" 2 "${KI[@]}" batch --input "$W/one.csv" --threshold nan
has "batch threshold nan message" "threshold: expected a number 0 < T <= 1, got 'nan'"
t "batch threshold junk" 2 "${KI[@]}" batch --input "$W/one.csv" --threshold 0.5x
t "batch threshold zero" 2 "${KI[@]}" batch --input "$W/one.csv" --threshold 0
t "batch limit -1" 2 "${KI[@]}" batch --input "$W/one.csv" --limit -1
has "batch limit message" "limit: expected an integer 1..1000, got '-1'"
t "batch threads junk" 2 "${KI[@]}" batch --input "$W/one.csv" --threads 2x
# a stray quote costs its own row, not the three listed names after it
printf 'id,name\n1,Sergej Lawrow\n2,"Peter Schmidt\n3,Kim Jong Un\n4,Iouri Ouchakov\n5,Sergei Lavrov\n' >"$W/stray.csv"
t "batch stray quote" 3 "${KI[@]}" batch --input "$W/stray.csv"
has "batch stray quote line" "stray.csv:3: quoted field not closed on its line"
has "batch stray quote count" "rows 4, matches 4, .*skipped 1,"
[ "$(grep -c '^{"id":"[1345]"' $OUT)" = 4 ] || { echo "  cli: batch stray quote: rows after it lost"; fail=1; }
# book import shares the reader: the same row lost, the others imported
t "book import stray quote" 3 "${KI[@]}" --store "$W/stray.db" book import "$W/stray.csv"
has "book import stray quote line" "stray.csv:3: quoted field not closed on its line"
has "book import stray quote count" "4 rows, 4 added, .*1 skipped"
# NUL inside a name, invalid UTF-8: bad rows, never screened as a prefix
printf 'id,name\n1,Kim\0Jong Un\n2,Bad\377\376Name\n3,Sergej Lawrow\n' >"$W/bad.csv"
t "batch NUL and bad UTF-8" 3 "${KI[@]}" batch --input "$W/bad.csv"
has "batch NUL line" "bad.csv:2:6: NUL byte in a field"
has "batch UTF-8 line" "bad.csv:3: invalid UTF-8"
has "batch NUL count" "rows 1, .*skipped 2,"
[ "$(grep -c '^{"id":' $OUT)" = 1 ] || { echo "  cli: batch NUL: bad rows written"; fail=1; }
printf '{"id":"j1","name":"Kim\\u0000Jong Un"}\n{"id":"j2","name":"Bad\377Name"}\n{"id":"j3","name":"Sergej Lawrow"}\n' >"$W/bad.jsonl"
t "batch jsonl NUL and bad UTF-8" 3 "${KI[@]}" batch --input "$W/bad.jsonl"
has "batch jsonl NUL line" "bad.jsonl:1:"
has "batch jsonl UTF-8 line" "bad.jsonl:2:"
has "batch jsonl count" "rows 1, .*skipped 2,"
# JSON lines in the yente query shape: read by kd_query_from_json, every
# property counts (birthDate, nationality, name parts), errors name the field
printf '%s\n' '{"id":"y1","schema":"Person","properties":{"firstName":["Bosco"],"lastName":["Taganda"],"birthDate":[1973],"nationality":["cd"]}}' \
  '{"id":"y2","schema":"Person","properties":{"name":["x"],"nmae":["y"]}}' \
  '{"id":"y3","schema":"Spaceship","properties":{"name":["x"]}}' \
  '{"id":"y4","schema":"Person","properties":{"name":[true]}}' >"$W/yente.jsonl"
t "batch yente jsonl" 3 "${KI[@]}" batch --input "$W/yente.jsonl"
has "batch yente match" '"id":"y1","query":\{"schema":"Person","properties":\{"name":\["Bosco Taganda"\],"birthDate":\["1973"\],"country":\["cd"\]'
has "batch yente result" '"caption":"BOSCO TAGANDA"'
has "batch yente unknown property" "yente.jsonl:2: properties: unknown property 'nmae' \\(row skipped\\)"
has "batch yente schema" "yente.jsonl:3: schema: 'Spaceship' is not a matchable"
has "batch yente type" "yente.jsonl:4: properties.name\\[0\\]: expected a string"
has "batch yente count" "rows 1, .*skipped 3,"
# a full disk is an error, not "matches found"
t "batch to /dev/full" 2 "${KI[@]}" batch --input "$W/one.csv" --output /dev/full
has "batch /dev/full message" "/dev/full: write failed"
t "batch stdout to /dev/full" 2 sh -c "\"$K\" --index \"$SNAP\" batch --input \"$W/one.csv\" >/dev/full"
has "batch stdout message" "standard output: write failed"

# every list parser refuses a NUL byte with file:line (a C string would
# silently cut the name there); nul FILE OUT: a copy with byte 200 of
# line 3 (or of the file) replaced by NUL
nul() {
  local at
  at=$(head -n 2 "$1" | wc -c); at=$((at + ${3:-10}))
  { head -c "$at" "$1"; printf '\0'; tail -c +$((at + 2)) "$1"; } >"$2"
}
mkdir -p "$W/uk" "$W/custom" "$W/ofac" "$W/os" "$W/ftm" "$W/un"
nul tests/data/uk_ofsi/ConList.csv "$W/uk/ConList.csv"
nul tests/data/custom/my_watchlist.csv "$W/custom/my_watchlist.csv"
cp tests/data/ofac_csv/*.csv "$W/ofac/"; nul tests/data/ofac_csv/sdn.csv "$W/ofac/sdn.csv"
nul tests/data/os_simple/interpol.simple.csv "$W/os/interpol.simple.csv"
nul tests/data/ftm/t1.ftm.json "$W/ftm/t1.ftm.json" 200
nul tests/data/un/un_excerpt.xml "$W/un/un_excerpt.xml" 30
for f in uk/ConList.csv custom/my_watchlist.csv ofac/sdn.csv os/interpol.simple.csv; do
  t "NUL in $f" 2 "$K" --data "$W/${f%%/*}" lists
  has "NUL in $f position" "$f:3:[0-9]+: NUL byte in a field"
done
t "NUL in FtM JSON" 2 "$K" --data "$W/ftm" lists
has "NUL in FtM JSON position" "t1.ftm.json:3:[0-9]+: invalid JSON"
t "NUL in UN XML" 2 "$K" --data "$W/un" lists
has "NUL in UN XML position" "un_excerpt.xml:[0-9]+:[0-9]+: "
# a valid but empty list loads, with a warning
printf '<?xml version="1.0" encoding="UTF-8"?>\n<CONSOLIDATED_LIST dateGenerated="2026-03-01T00:00:00"></CONSOLIDATED_LIST>\n' >"$W/un/un_excerpt.xml"
t "empty list" 0 "$K" --data "$W/un" lists
has "empty list warned on stderr" "warning: un_sc .* is empty: 0 entities"
has "empty list warning listed" "warning: the list is empty"
rm -rf "$W"

# a truncated list file: error with file and line, nothing loaded
t "truncated list" 2 "$K" --data tests/data/cli/truncated_un.xml lists
has "truncated list position" "truncated_un.xml:[0-9]+:[0-9]+:"

# scan: a one-word vessel name is an alert with vessel context and only a
# low-priority mention without it (exit 0, "match":false)
PROSE=$(mktemp)
echo "Officials named Artabaz among others." > "$PROSE"
t "scan mention only" 0 "${KI[@]}" scan "$PROSE"
has "scan mention shown" "1\.00 mention  ARTABAZ"
t "scan mention json" 0 "${KI[@]}" scan --json "$PROSE"
has "scan mention json" '"text":"Artabaz","score":1\.0000,"match":false'
echo "The tanker Python was seen off Nakhodka." > "$PROSE"
t "scan vessel context" 1 "${KI[@]}" scan "$PROSE"
has "scan vessel alert" "1\.00 MATCH  Python"
echo "Released on Thu Jun 5 2025; thanks to Bruno and Guillaume." > "$PROSE"
t "scan dates and given names" 0 "${KI[@]}" scan "$PROSE"
has "scan dates quiet" "^0 hits"
rm -f "$PROSE"
exit $fail
