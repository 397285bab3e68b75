#!/usr/bin/env bash
# store_test.sh - the compliance workflow end to end, on SQLite and on a
# PostgreSQL server this script starts itself (initdb/pg_ctl in a
# temporary directory, as the postgres user when run as root) and stops:
#
#   - the "done means" story on the bundled lists: import the 10,000-record
#     sample book, monitor, decide false positives, swap to list version 2
#     (tests/data/monitor/v2: UN TAi.108 changed, TAi.091 delisted),
#     monitor again: exactly the expected new / quiet / closed alerts;
#     audit verify passes and the export tells the story; a full re-run
#     agrees with the delta run; replay of an alert gives the same result;
#   - bad rows FILE:LINE and skipped; four-eyes; schema migration;
#   - a record that cannot be screened fails the run (exit 2, named,
#     audited, no record of its block marked screened), not "no match";
#   - kill -9 mid-monitor, then a rerun (SQLite and PostgreSQL): no
#     duplicate, no lost alert, decisions kept (one acknowledged during
#     the killed run too), chain intact;
#   - serve --audit-requests: /match and /scan requests audited with
#     actor, query, result ids and scores and the list version (off by
#     default);
#   - an edited, deleted or swapped audit row is named by audit verify;
#   - two `kordon serve` on one PostgreSQL deciding one alert at once:
#     one 200, one 409, both attempts audited;
#   - kill -9 of a server while 20 reviewers decide back to back (the
#     group commit): every acknowledged decision is in the store, once,
#     and the chain verifies.
#
# usage: tests/store_test.sh [path/to/kordon]
set -uo pipefail
cd "$(dirname "$0")/.."
K=$(realpath "${1:-build/kordon}")
ROOT=$PWD
T=$(mktemp -d)
chmod 755 "$T"
fails=0; n=0
PGDIR=""
PGBIN=/usr/lib/postgresql/15/bin
[ -x "$PGBIN/initdb" ] || PGBIN=$(pg_config --bindir 2>/dev/null || true)
pids=()
cleanup() {
	local p
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	if [ -n "$PGDIR" ]; then pg_run "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1; fi
	rm -rf "$T"
}
trap cleanup EXIT
ok() { n=$((n + 1)); echo "ok   $1"; }
bad() { n=$((n + 1)); fails=$((fails + 1)); echo "FAIL $1"; }
check() { # name, command...
	local name=$1; shift
	if "$@"; then ok "$name"; else bad "$name"; fi
}
eq() { # name, got, want
	if [ "$2" == "$3" ]; then ok "$1"; else bad "$1: got '$2', want '$3'"; fi
}

BOOK=$ROOT/tests/data/monitor/book.csv
V2=$ROOT/tests/data/monitor/v2
# the bundled lists, compiled once (same entities, faster start-up)
"$K" index build -o "$T/v1.kdx" >/dev/null || { echo "FAIL index build"; exit 1; }
"$K" --data "$V2" index build -o "$T/v2.kdx" >/dev/null || { echo "FAIL index build v2"; exit 1; }

# SQL against the store: sql STORE QUERY
sql() {
	case $1 in
	postgresql://*) psql -qAtX "$1" -c "$2" ;;
	*) sqlite3 "$1" "$2" ;;
	esac
}
# alert id of (record, entity) with a status
aid() { sql "$1" "SELECT id FROM alerts WHERE record_id = '$2' AND entity_id = '$3' AND status = '$4' ORDER BY id DESC LIMIT 1"; }
jget() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
# space-separated fields of a JSON object on stdin: jf "a b c"
jf() { python3 -c "import json,sys; d=json.load(sys.stdin); print(' '.join(str(d[k]) for k in sys.argv[1].split()))" "$1"; }

# ---- the story --------------------------------------------------------------
story() { # label store book
	local L=$1 S=$2 B=$3 out a1 a2 a3 a4 a5 nopen_A nopen_B before after NB
	NB=$(($(wc -l <"$B") - 1))
	"$K" --store "$S" book import "$B" >"$T/imp" 2>&1
	check "$L: import $NB records" grep -q "$NB rows, $NB added" "$T/imp"
	out=$("$K" --index "$T/v1.kdx" --store "$S" monitor --json) || { bad "$L: monitor v1"; return; }
	eq "$L: first run is full" "$(jget "['mode']" <<<"$out")" full
	eq "$L: first run screens every record" "$(jget "['screened']" <<<"$out")" "$NB"
	before=$(sql "$S" "SELECT COUNT(*) FROM alerts WHERE status = 'open'")
	eq "$L: alerts counted in the summary" "$(jget "['new']" <<<"$out")" "$before"
	local want=$((NB >= 10000 ? 50 : 10)) # 50 listed names in the book, 13 in its first quarter
	check "$L: the listed names alert (>= $want)" test "$before" -ge "$want"
	a1=$(aid "$S" C000101 un-TAi.108 open)   # A: will change
	a2=$(aid "$S" C000301 un-TAi.091 open)   # B: will be delisted
	a3=$(aid "$S" C000101 uk-7427 open)      # unchanged entity
	a4=$(aid "$S" C010000 un-TAi.091 open)   # B, left open
	a5=$(aid "$S" C009999 un-TAi.108 open)   # A, left open
	check "$L: the story's alerts exist" test -n "$a1" -a -n "$a2" -a -n "$a3" -a -n "$a4" -a -n "$a5"
	for a in $a1 $a2 $a3; do
		"$K" --store "$S" decide "$a" --as false_positive \
			--reason "other person: date of birth on file differs" --by alice >/dev/null ||
			bad "$L: decide $a"
	done
	# a rerun with the same lists raises nothing
	out=$("$K" --index "$T/v1.kdx" --store "$S" monitor --json)
	eq "$L: rerun on the same lists: nothing to do" \
		"$(jf "mode screened new updated closed" <<<"$out")" "none 0 0 0 0"
	# list version 2
	nopen_A=$(sql "$S" "SELECT COUNT(*) FROM alerts WHERE entity_id = 'un-TAi.108' AND status = 'open'")
	nopen_B=$(sql "$S" "SELECT COUNT(*) FROM alerts WHERE entity_id = 'un-TAi.091' AND status = 'open'")
	out=$("$K" --index "$T/v2.kdx" --store "$S" monitor --json) || { bad "$L: monitor v2"; return; }
	eq "$L: v2 is a delta run" "$(jget "['mode']" <<<"$out")" delta
	eq "$L: v2 diff: 1 changed, 1 removed, 0 added" \
		"$(jf "entities_changed entities_removed entities_added" <<<"$out")" "1 1 0"
	eq "$L: v2 screens no record against all lists" "$(jget "['screened']" <<<"$out")" 0
	# exactly: one new alert (the changed entity's decided pair), the open
	# alerts on A updated, the open alerts on B closed as delisted
	eq "$L: v2 new alerts" "$(jget "['new']" <<<"$out")" 1
	eq "$L: v2 updated alerts" "$(jget "['updated']" <<<"$out")" "$nopen_A"
	eq "$L: v2 closed alerts" "$(jget "['closed']" <<<"$out")" "$nopen_B"
	local n1; n1=$(aid "$S" C000101 un-TAi.108 open)
	check "$L: changed entity re-raises the decided pair as a new alert" test -n "$n1" -a "$n1" != "$a1"
	eq "$L: the new alert refers to the old decision" \
		"$(sql "$S" "SELECT prev_alert FROM alerts WHERE id = $n1")" "$a1"
	eq "$L: unchanged decided pair stays quiet" \
		"$(sql "$S" "SELECT COUNT(*) FROM alerts WHERE record_id = 'C000101' AND entity_id = 'uk-7427' AND status = 'open'")" 0
	eq "$L: delisted entity: open alert closed as delisted" \
		"$(sql "$S" "SELECT status || ' ' || closed_reason FROM alerts WHERE id = $a4")" "closed delisted"
	eq "$L: delisted entity: decided alert keeps its decision" \
		"$(sql "$S" "SELECT status || ' ' || decision FROM alerts WHERE id = $a2")" "decided false_positive"
	eq "$L: changed entity: open alert updated in place" \
		"$(sql "$S" "SELECT status || ' ' || version FROM alerts WHERE id = $a5")" "open 2"
	eq "$L: never two open alerts for one pair" \
		"$(sql "$S" "SELECT COUNT(*) FROM (SELECT book, record_id, entity_id FROM alerts WHERE status = 'open' GROUP BY book, record_id, entity_id HAVING COUNT(*) > 1) AS t")" 0
	out=$("$K" --store "$S" audit verify); check "$L: audit verify passes" test $? -eq 0
	"$K" --store "$S" audit export --format jsonl >"$T/export.jsonl"
	check "$L: export shows the whole story" python3 - "$T/export.jsonl" "$a1" "$a4" "$n1" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1])]
a1, a4, n1 = sys.argv[2], sys.argv[3], sys.argv[4]
acts = [r["action"] for r in recs]
assert acts.count("list_version") == 2, acts
assert "book_import" in acts and acts.count("monitor_run") == 3
assert any(r["action"] == "decision" and r["subject"] == a1 and r["actor"] == "alice" and r["result"]["status"] == "decided" for r in recs)
assert any(r["action"] == "alert_closed" and r["subject"] == a4 and r["result"]["reason"] == "delisted" for r in recs)
assert any(r["action"] == "alert_new" and r["subject"] == n1 and str(r["result"]["prev_alert"]) == a1 for r in recs)
prev = "0" * 64
for i, r in enumerate(recs, 1):
    assert r["seq"] == i and r["prev_hash"] == prev, i
    prev = r["hash"]
PY
	eq "$L: export --to before the story is empty" \
		"$("$K" --store "$S" audit export --to 2000-01-01 | wc -l)" 0
	eq "$L: csv export has the same records" \
		"$("$K" --store "$S" audit export --format csv --from 2000 | python3 -c 'import csv,sys; print(sum(1 for _ in csv.DictReader(sys.stdin)))')" \
		"$(wc -l <"$T/export.jsonl")"
	# replay the screening behind the new alert against its archived version
	local seq; seq=$(sql "$S" "SELECT seq FROM audit WHERE action = 'alert_new' AND subject = '$n1'")
	"$K" --store "$S" audit replay "$seq" >"$T/replay" 2>&1
	check "$L: replay gives the same result" grep -q "^SAME" "$T/replay"
	seq=$(sql "$S" "SELECT seq FROM audit WHERE action = 'alert_new' AND subject = '$a1'")
	"$K" --store "$S" audit replay "$seq" >"$T/replay" 2>&1
	check "$L: replay of a v1 alert uses the archived v1 lists" grep -q "^SAME" "$T/replay"
	[ "$L" == sqlite ] || return 0
	# a new matcher version re-screens everything: same alerts
	out=$(KORDON_MATCHER_VERSION=test-next "$K" --index "$T/v2.kdx" --store "$S" monitor --json)
	eq "$L: new matcher version: full run" "$(jget "['mode']" <<<"$out")" full
	eq "$L: full run finds nothing the delta run missed" "$(jget "['new']" <<<"$out")" 0
	eq "$L: full run closes nothing the delta run kept" "$(jget "['closed']" <<<"$out")" 0
	eq "$L: full run: every open alert unchanged" "$(jf "updated unchanged" <<<"$out")" \
		"0 $(sql "$S" "SELECT COUNT(*) FROM alerts WHERE status = 'open'")"
}

SQ=$T/story.db
story sqlite "$SQ" "$BOOK"

# ---- CLI details (SQLite) -------------------------------------------------------
printf 'id,name,country\nB1,Anna Smith,gb\nB2,,gb\nB3,Bob,Jones,gb\nB4,Carl Meyer,de\n' >"$T/bad.csv"
"$K" --store "$T/b.db" book import "$T/bad.csv" --book b >"$T/out" 2>"$T/err"
eq "bad rows: exit 3" "$?" 3
check "bad rows: named FILE:LINE" grep -q "bad.csv:3: empty name" "$T/err"
check "bad rows: field count named FILE:LINE" grep -q "bad.csv:4: 4 fields, header has 3" "$T/err"
eq "bad rows: good rows imported" "$(sqlite3 "$T/b.db" "SELECT group_concat(id) FROM book")" "B1,B4"
# a name of spaces only is no name: skipped at import, named FILE:LINE
# (imported, it would fail every monitor run until fixed)
printf 'id,name\nW1,"  \t "\nW2,Anna Smith\n' >"$T/blank.csv"
"$K" --store "$T/w.db" book import "$T/blank.csv" >/dev/null 2>"$T/err"
eq "blank name: exit 3" "$?" 3
check "blank name: named FILE:LINE" grep -q "blank.csv:2: empty name" "$T/err"
eq "blank name: the other row imported" "$(sqlite3 "$T/w.db" "SELECT group_concat(id) FROM book")" "W2"
"$K" --store "$T/b.db" book import "$T/bad.csv" --book b --full >/dev/null 2>&1
eq "full import with bad rows refused" "$?" 2
printf 'id,name\nB1,Anna Smith\n' >"$T/one.csv"
"$K" --store "$T/b.db" book import "$T/one.csv" --book b --full >"$T/out"
check "full import retires absent records" grep -q "1 retired" "$T/out"
printf 'id,name,country\nB1,Anna Smith,\nB4,Carl Meyer,de\nB9,Zed,\n' >"$T/two.csv"
"$K" --store "$T/b.db" book import "$T/two.csv" --book b >"$T/out"
check "import: added, unchanged, revived" grep -q "1 added, 0 changed, 1 unchanged, 1 revived" "$T/out"
# four-eyes
F=$T/fe.db; cp "$SQ" "$F"
a=$(aid "$F" C000501 un-QDi.017 open)
"$K" --store "$F" store set four_eyes on
"$K" --store "$F" decide "$a" --as true_match --reason "same dob and nationality" --by alice >"$T/out"
check "four-eyes: first true_match is pending" grep -q "pending_second_review" "$T/out"
"$K" --store "$F" decide "$a" --as true_match --reason "again" --by alice >/dev/null 2>&1
eq "four-eyes: same reviewer refused (exit 4)" "$?" 4
"$K" --store "$F" decide "$a" --as true_match --reason "confirmed" --by bob >"$T/out"
check "four-eyes: second reviewer makes it final" grep -q "(final, status decided" "$T/out"
"$K" --store "$F" decide "$a" --as false_positive --reason "late" --by carol >/dev/null 2>&1
eq "deciding a decided alert: exit 4" "$?" 4
eq "refused attempts are audited" "$(sqlite3 "$F" "SELECT COUNT(*) FROM audit WHERE action = 'decision_rejected' AND subject = '$a'")" 2
"$K" --store "$F" alert show "$a" --json >"$T/show"
check "alert show: record, entity, decisions, history" python3 -c "
import json,sys; d=json.load(open('$T/show'))
assert d['record']['id']=='C000501' and d['entity']['id']=='un-QDi.017'
assert [x['outcome'] for x in d['decisions']]==['pending_second_review','rejected','final','rejected']
assert d['history'][0]['id']==$a and d['explanation'][0]['name']=='name_match'"
# migration
M=$T/mig.db; "$K" --store "$M" store info >/dev/null
sqlite3 "$M" "DROP INDEX audit_at; DROP INDEX book_dirty; DROP INDEX alerts_book_entity; DROP INDEX book_retired; UPDATE meta SET value = '1' WHERE key = 'schema_version'"
"$K" --store "$M" alerts >/dev/null 2>"$T/err"
check "old schema refused until migrate" grep -q "run \`kordon store migrate\`" "$T/err"
"$K" --store "$M" store migrate >"$T/out"
check "store migrate 1 -> 4" grep -q "schema version 1 -> 4" "$T/out"
eq "migrations created their indexes" "$(sqlite3 "$M" "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('audit_at', 'book_dirty', 'alerts_book_entity', 'book_retired')")" 4
"$K" --store "$M" audit verify >/dev/null; eq "migrated store verifies" "$?" 0
# a record that cannot be screened (a blank name written into the store
# behind the importer's back: kd_screen refuses it) fails the run, not
# reads as "no match": exit 2 naming it, nothing of its block marked
# screened, the failure audited; fixed, the rerun screens it
E=$T/err.db
printf 'id,name\nE1,Anna Smith\nE2,Carl Meyer\nE3,Bad Record\n' >"$T/e.csv"
"$K" --store "$E" book import "$T/e.csv" >/dev/null
sqlite3 "$E" "UPDATE book SET name = ' ' WHERE id = 'E3'"
"$K" --index "$T/v1.kdx" --store "$E" monitor >"$T/out" 2>"$T/err"
eq "failed screening: monitor exits 2" "$?" 2
check "failed screening: the record is named" grep -q "record 'E3' failed" "$T/err"
eq "failed screening: no record of the block marked screened" \
	"$(sqlite3 "$E" "SELECT COUNT(*) FROM book WHERE screened IS NOT NULL")" 0
eq "failed screening: audited as monitor_failed" \
	"$(sqlite3 "$E" "SELECT COUNT(*) FROM audit WHERE action = 'monitor_failed' AND result LIKE '%E3%'")" 1
"$K" --store "$E" audit verify >/dev/null; eq "failed screening: chain verifies" "$?" 0
printf 'id,name\nE3,Vladimir Putin\n' >"$T/e3.csv"
"$K" --store "$E" book import "$T/e3.csv" >/dev/null
out=$("$K" --index "$T/v1.kdx" --store "$E" monitor --json)
eq "failed screening: fixed, the rerun screens all" "$(jf "mode screened" <<<"$out")" "full 3"
check "failed screening: the fixed record alerts" test "$(sqlite3 "$E" "SELECT COUNT(*) FROM alerts WHERE record_id = 'E3'")" -ge 1
# errors that must not read as a clean result: an export that could not
# be written, a stored alert row that is not valid JSON any more
"$K" --store "$M" audit export >/dev/full 2>"$T/err"
eq "audit export to a full disk: exit 2" "$?" 2
check "audit export to a full disk: says so" grep -q "writing the export" "$T/err"
"$K" --store "$E" alerts >/dev/full 2>/dev/null
eq "alerts to a full disk: exit 2" "$?" 2
ea=$(sqlite3 "$E" "SELECT id FROM alerts WHERE record_id = 'E3' LIMIT 1")
sqlite3 "$E" "UPDATE alerts SET explanation = '[{\"name\":' WHERE id = $ea"
"$K" --store "$E" alerts >"$T/out" 2>"$T/err"
eq "edited alert row: alerts exits 2" "$?" 2
check "edited alert row: alerts names it" grep -q "alert $ea: stored explanation is not valid JSON" "$T/err"
"$K" --store "$E" alert show "$ea" --json >"$T/out" 2>"$T/err"
eq "edited alert row: alert show exits 2" "$?" 2

# ---- HTTP (SQLite) ----------------------------------------------------------------
H=$T/http.db; cp "$SQ" "$H"
hash() { printf %s "$1" | sha256sum | cut -d' ' -f1; }
printf 'api_key_sha256 = %s\napi_key_sha256 = %s\n' "$(hash key-ann)" "$(hash key-nobody)" >"$T/serve.conf"
printf '# reviewers\nann %s\n' "$(hash key-ann)" >"$T/users"
KORDON_API_USERS=$T/users "$K" --index "$T/v2.kdx" --store "$H" serve --listen 127.0.0.1:0 \
	--config "$T/serve.conf" >"$T/h.log" 2>&1 & pids+=($!)
for i in $(seq 1 300); do
	PH=$(grep -o 'msg="listening".* port=[0-9]*' "$T/h.log" | grep -o '[0-9]*$')
	[ -n "$PH" ] && curl -sf "http://127.0.0.1:$PH/readyz" >/dev/null && break
	sleep 0.2
done
U=http://127.0.0.1:$PH
hc() { curl -s -o "$T/body" -w '%{http_code}' "$@"; }
eq "http: no key, 401" "$(hc "$U/alerts")" 401
eq "http: GET /alerts" "$(hc -H 'Authorization: ApiKey key-ann' "$U/alerts?status=open&limit=10000")" 200
eq "http: GET /alerts lists the open alerts" "$(python3 -c "import json; print(len(json.load(open('$T/body'))))")" \
	"$(sqlite3 "$H" "SELECT COUNT(*) FROM alerts WHERE status = 'open'")"
a=$(sqlite3 "$H" "SELECT id FROM alerts WHERE status = 'open' ORDER BY id LIMIT 1")
eq "http: GET /alerts/{id}" "$(hc -H 'Authorization: ApiKey key-ann' "$U/alerts/$a")" 200
check "http: the alert has both sides and history" python3 -c "
import json; d=json.load(open('$T/body')); assert d['id']==$a and d['record']['id'] and d['entity']['id']==d['entity_id'] and d['history']"
eq "http: unknown alert 404" "$(hc -H 'Authorization: ApiKey key-ann' "$U/alerts/99999999")" 404
eq "http: bad decision body 422" "$(hc -H 'Authorization: ApiKey key-ann' -XPOST "$U/alerts/$a/decision" -d '{"decision":')" 422
check "http: 422 names the body position" grep -q '"detail":"body:1:' "$T/body"
eq "http: a key naming no user may not decide" "$(hc -H 'Authorization: ApiKey key-nobody' -XPOST "$U/alerts/$a/decision" \
	-d '{"decision":"false_positive","reason":"r"}')" 403
eq "http: decision by the key's user" "$(hc -H 'Authorization: ApiKey key-ann' -XPOST "$U/alerts/$a/decision" \
	-d '{"decision":"false_positive","reason":"checked passport","by":"mallory"}')" 200
eq "http: the decision is the key's user's, not the body's" "$(sqlite3 "$H" "SELECT decided_by FROM alerts WHERE id = $a")" ann
eq "http: deciding it again is a conflict" "$(hc -H 'Authorization: ApiKey key-ann' -XPOST "$U/alerts/$a/decision" \
	-d '{"decision":"true_match","reason":"r"}')" 409
printf 'id,name,country\nH1,Ivan Sidorov,ru\nH2,,ru\n' >"$T/h.csv"
eq "http: POST /book/import" "$(hc -H 'Authorization: ApiKey key-ann' -XPOST "$U/book/import?book=web" --data-binary @"$T/h.csv")" 200
check "http: import stats and the bad row named" python3 -c "
import json; d=json.load(open('$T/body')); assert d['added']==1 and d['skipped']==1 and 'body:3: empty name' in d['errors'], d"
# POST /monitor: a background run (202, Location), its status resource
# polled until it ends (run_wait URL: the final state into $T/body)
run_wait() {
	local i
	for i in $(seq 1 600); do
		hc -H 'Authorization: ApiKey key-ann' "$1" >/dev/null
		grep -q '"state":"running"' "$T/body" || return 0
		sleep 0.1
	done
}
code=$(curl -s -o "$T/body" -D "$T/hdr" -w '%{http_code}' -H 'Authorization: ApiKey key-ann' -XPOST "$U/monitor?book=web")
eq "http: POST /monitor starts a run" "$code" 202
loc=$(tr -d '\r' <"$T/hdr" | sed -n 's/^Location: //Ip')
check "http: Location names the run" python3 -c "
import json; d=json.load(open('$T/body')); assert '$loc'=='/monitor/runs/%d' % d['id'] and d['location']=='$loc' and d['book']=='web' and d['actor']=='ann', d"
run_wait "$U$loc"
check "http: the run's summary when done" python3 -c "
import json; d=json.load(open('$T/body')); s=d['summary']
assert d['state']=='done' and d['finished_at'] and d['error'] is None and s['mode']=='full' and s['screened']==1, d"
eq "http: the run is audited as the key's user" "$(sqlite3 "$H" "SELECT actor FROM audit WHERE action = 'monitor_run' ORDER BY seq DESC LIMIT 1")" ann
eq "http: so is the request" "$(sqlite3 "$H" "SELECT actor || ' ' || subject FROM audit WHERE action = 'monitor_requested' ORDER BY seq DESC LIMIT 1")" "ann web"
eq "http: GET /monitor/runs lists it" "$(hc -H 'Authorization: ApiKey key-ann' "$U/monitor/runs")" 200
check "http: newest first" python3 -c "
import json; d=json.load(open('$T/body')); assert d[0]['location']=='$loc', d"
eq "http: an unknown run is 404" "$(hc -H 'Authorization: ApiKey key-ann' "$U/monitor/runs/999")" 404
eq "http: a run id is a number" "$(hc -H 'Authorization: ApiKey key-ann' "$U/monitor/runs/x1")" 404
eq "http: the runs need a key" "$(hc "$U/monitor/runs")" 401
# one run at a time: a second request while a long run goes is 409,
# naming the running one, and audited as refused
python3 -c "
import csv, sys
w = csv.writer(open(sys.argv[1], 'w', newline=''))
w.writerow(['id', 'name'])
for i in range(3000): w.writerow(['L%d' % i, 'Person Number%d Testname%d' % (i, i * 7)])" "$T/long.csv"
hc -H 'Authorization: ApiKey key-ann' -XPOST "$U/book/import?book=long" --data-binary @"$T/long.csv" >/dev/null
code=$(curl -s -o "$T/body" -D "$T/hdr" -w '%{http_code}' -H 'Authorization: ApiKey key-ann' -XPOST "$U/monitor?book=long")
eq "http: a long run starts" "$code" 202
loc=$(tr -d '\r' <"$T/hdr" | sed -n 's/^Location: //Ip')
code=$(curl -s -o "$T/body" -D "$T/hdr2" -w '%{http_code}' -H 'Authorization: ApiKey key-ann' -XPOST "$U/monitor?book=web")
eq "http: a second run meanwhile is 409" "$code" 409
eq "http: the 409 names the running one" "$(tr -d '\r' <"$T/hdr2" | sed -n 's/^Location: //Ip')" "$loc"
eq "http: the refusal is audited" "$(sqlite3 "$H" "SELECT COUNT(*) FROM audit WHERE action = 'monitor_refused' AND subject = 'web'")" 1
hc -H 'Authorization: ApiKey key-ann' "$U$loc" >/dev/null
check "http: progress while it runs" python3 -c "
import json; d=json.load(open('$T/body')); assert d['state'] in ('running', 'done') and d['progress']['total'] in (0, 3000), d"
run_wait "$U$loc"
check "http: the long run is done" python3 -c "
import json; d=json.load(open('$T/body')); assert d['state']=='done' and d['summary']['screened']==3000 and d['progress']['done']==3000, d"
# a record that cannot be screened: the run fails naming it, not a clean
# summary
printf 'id,name\nW1,Anna Berg\nW2,Carl Meyer\n' >"$T/w.csv"
hc -H 'Authorization: ApiKey key-ann' -XPOST "$U/book/import?book=werr" --data-binary @"$T/w.csv" >/dev/null
sqlite3 "$H" "UPDATE book SET name = ' ' WHERE book = 'werr' AND id = 'W2'"
code=$(curl -s -o "$T/body" -D "$T/hdr" -w '%{http_code}' -H 'Authorization: ApiKey key-ann' -XPOST "$U/monitor?book=werr")
eq "http: POST /monitor, a record fails: started" "$code" 202
run_wait "$U$(tr -d '\r' <"$T/hdr" | sed -n 's/^Location: //Ip')"
check "http: the run failed" grep -q '"state":"failed"' "$T/body"
check "http: the failing record is named" grep -q "record 'W2' failed" "$T/body"
eq "http: nothing of its block marked screened" "$(sqlite3 "$H" "SELECT COUNT(*) FROM book WHERE book = 'werr' AND screened IS NOT NULL")" 0
# /match and /scan in the audit trail: off by default, on with --audit-requests
Q='{"queries":{"q1":{"schema":"Person","properties":{"name":["Khalil Ahmed Haqqani"]}}}}'
eq "http: /match" "$(hc -H 'Authorization: ApiKey key-ann' -XPOST "$U/match/default" -d "$Q")" 200
eq "http: /match not audited by default" "$(sqlite3 "$H" "SELECT COUNT(*) FROM audit WHERE action IN ('match', 'scan')")" 0
KORDON_API_USERS=$T/users "$K" --index "$T/v2.kdx" --store "$H" serve --listen 127.0.0.1:0 \
	--config "$T/serve.conf" --audit-requests >"$T/ha.log" 2>&1 & pids+=($!)
for i in $(seq 1 300); do
	PA=$(grep -o 'msg="listening".* port=[0-9]*' "$T/ha.log" | grep -o '[0-9]*$')
	[ -n "$PA" ] && curl -sf "http://127.0.0.1:$PA/readyz" >/dev/null && break
	sleep 0.2
done
UA=http://127.0.0.1:$PA
eq "audited /match" "$(hc -H 'Authorization: ApiKey key-ann' -XPOST "$UA/match/default?threshold=0.7" -d "$Q")" 200
cp "$T/body" "$T/match.json"
eq "audited /scan" "$(hc -H 'Authorization: ApiKey key-nobody' -XPOST "$UA/scan?format=text" --data-binary 'Wire to Khalil Ahmed Haqqani, Kabul')" 200
cp "$T/body" "$T/scan.json"
sqlite3 -json "$H" "SELECT actor, action, subject, list_version, input, result FROM audit WHERE action IN ('match', 'scan') ORDER BY seq" >"$T/areq.json"
check "audited requests: actor, query, results and list version of each" python3 - "$T/areq.json" "$T/match.json" "$T/scan.json" "$(sqlite3 "$H" "SELECT group_concat(version) FROM list_version")" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
m, sc = json.load(open(sys.argv[2])), json.load(open(sys.argv[3]))
versions = sys.argv[4].split(",")
assert [(r["actor"], r["action"], r["subject"]) for r in rows] == \
    [("ann", "match", "/match/default"), ("api-key", "scan", "/scan")], rows
for r in rows:
    assert r["list_version"] in versions, r  # archived: replayable
mi, mr = json.loads(rows[0]["input"]), json.loads(rows[0]["result"])
assert mi["body"]["queries"]["q1"]["properties"]["name"] == ["Khalil Ahmed Haqqani"], mi
assert ["threshold", "0.7"] in mi["args"], mi
want = [(x["id"], round(x["score"], 4)) for x in m["responses"]["q1"]["results"]]
assert want and [(x["id"], round(x["score"], 4)) for x in mr["responses"]["q1"]] == want, (mr, want)
si, sr = json.loads(rows[1]["input"]), json.loads(rows[1]["result"])
assert si["body"] == "Wire to Khalil Ahmed Haqqani, Kabul" and len(si["body_sha256"]) == 64, si
assert sc["hits"] and [h["id"] for h in sr["hits"]] == [h["entity"]["id"] for h in sc["hits"]], (sr, sc)
PY
"$K" --store "$H" audit verify >/dev/null; eq "audited requests: the chain verifies" "$?" 0

# ---- tampering -------------------------------------------------------------------
tamper() { # label store dbkind
	local L=$1 S=$2 C
	C=$(sql "$S" "SELECT COUNT(*) FROM audit")
	sql "$S" "UPDATE audit SET actor = 'mallory' WHERE seq = 5" >/dev/null
	"$K" --store "$S" audit verify >"$T/v"; eq "$L: edited record: verify fails" "$?" 1
	check "$L: edited record named" grep -q "BROKEN at record 5:" "$T/v"
	sql "$S" "UPDATE audit SET actor = (SELECT actor FROM audit WHERE seq = 6) WHERE seq = 5" >/dev/null
	"$K" --store "$S" audit verify >"$T/v"; eq "$L: restored: verify passes" "$?" 0
	sql "$S" "UPDATE audit SET seq = -1 WHERE seq = 7; UPDATE audit SET seq = 7 WHERE seq = 8; UPDATE audit SET seq = 8 WHERE seq = -1" >/dev/null
	"$K" --store "$S" audit verify >"$T/v"; eq "$L: swapped records: verify fails" "$?" 1
	check "$L: swapped record named" grep -q "BROKEN at record 7:" "$T/v"
	sql "$S" "UPDATE audit SET seq = -1 WHERE seq = 7; UPDATE audit SET seq = 7 WHERE seq = 8; UPDATE audit SET seq = 8 WHERE seq = -1" >/dev/null
	sql "$S" "DELETE FROM audit WHERE seq = 9" >/dev/null
	"$K" --store "$S" audit verify >"$T/v"; eq "$L: deleted record: verify fails" "$?" 1
	check "$L: deleted record named" grep -q "BROKEN at record 10: .*record 9 is missing" "$T/v"
}
cp "$SQ" "$T/tamper.db"
tamper sqlite "$T/tamper.db"

# ---- kill -9 mid-monitor -----------------------------------------------------------
killtest() { # label store
	local L=$1 S=$2 ref got pid i dec N late
	N=$(sql "$S" "SELECT COUNT(*) FROM book WHERE status = 'active'")
	ref=$(sql "$S" "SELECT record_id || ' ' || entity_id || ' ' || status FROM alerts ORDER BY 1")
	dec=$(sql "$S" "SELECT COUNT(*) FROM decisions")
	check "$L: alerts and decisions before the kill" test -n "$ref" -a "${dec:-0}" -gt 0
	KORDON_MATCHER_VERSION=kill-test "$K" --index "$T/v2.kdx" --store "$S" monitor --threads 1 >/dev/null 2>&1 &
	pid=$!
	for i in $(seq 1 600); do
		# N before the run resets the marks, 0 after, then blocks
		got=$(sql "$S" "SELECT COUNT(*) FROM book WHERE screened IS NOT NULL" 2>/dev/null)
		[ "${got:-0}" -gt 0 ] && [ "${got:-0}" -lt "$N" ] && break
		sleep 0.1
	done
	# a decision acknowledged while the run is under way must survive
	late=$(sql "$S" "SELECT id FROM alerts WHERE status = 'open' ORDER BY rid DESC, id LIMIT 1")
	"$K" --store "$S" decide "$late" --as false_positive --reason "decided mid-run" --by kim >/dev/null 2>&1
	eq "$L: decision acknowledged during the run" "$?" 0
	kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
	got=$(sql "$S" "SELECT COUNT(*) FROM book WHERE screened IS NOT NULL")
	check "$L: killed mid-run ($got of $N screened)" test "$got" -gt 0 -a "$got" -lt "$N"
	KORDON_MATCHER_VERSION=kill-test "$K" --index "$T/v2.kdx" --store "$S" monitor --json >"$T/rerun" 2>&1
	check "$L: rerun finishes the interrupted run" grep -q '"mode":"full"' "$T/rerun"
	eq "$L: rerun screens only the rest" "$(jget "['screened']" <"$T/rerun")" "$((N - got))"
	# the pair decided mid-run (open before) is the one line that changed
	eq "$L: after kill + rerun: same alerts, none duplicated or lost" \
		"$(sql "$S" "SELECT record_id || ' ' || entity_id || ' ' || CASE WHEN id = $late THEN 'open' ELSE status END FROM alerts ORDER BY 1")" "$ref"
	eq "$L: decisions still there, the mid-run one too" \
		"$(sql "$S" "SELECT COUNT(*) FROM decisions") $(sql "$S" "SELECT status || ' ' || decision || ' ' || decided_by FROM alerts WHERE id = $late")" \
		"$((dec + 1)) decided false_positive kim"
	"$K" --store "$S" audit verify >/dev/null; eq "$L: audit verify after kill" "$?" 0
}
cp "$SQ" "$T/kill.db"
killtest sqlite "$T/kill.db"

# ---- group commit: kill -9 of serve while reviewers decide -------------------------
# decisions of many reviewers are committed in batches (src/store/commit.c),
# each acknowledged once its batch is durable: whatever batch the kill
# interrupts, every acknowledged decision is in the store and the chain
G=$T/gc.db; cp "$SQ" "$G"
"$K" --index "$T/v1.kdx" --store "$G" serve --listen 127.0.0.1:0 --max-per-ip 0 >"$T/g.log" 2>&1 &
gpid=$!; pids+=($gpid)
for i in $(seq 1 300); do
	PG_=$(grep -o 'msg="listening".* port=[0-9]*' "$T/g.log" | grep -o '[0-9]*$')
	[ -n "$PG_" ] && curl -sf "http://127.0.0.1:$PG_/readyz" >/dev/null && break
	sleep 0.2
done
sqlite3 "$G" "SELECT id FROM alerts WHERE status = 'open' ORDER BY id" >"$T/gids"
python3 tests/store_commit_kill.py "$PG_" "$T/gids" "$T/acked" 20 20 >"$T/nacked" &
cpid=$!
for i in $(seq 1 100); do # some decisions committed, then the kill
	[ "$(sqlite3 "$G" "SELECT COUNT(*) FROM audit WHERE actor GLOB 'r[0-9]*' AND action = 'decision'" 2>/dev/null)" -gt 200 ] && break
	sleep 0.05
done
kill -9 "$gpid"; wait "$cpid"
check "group commit: decisions acknowledged before the kill ($(cat "$T/nacked"))" test "$(cat "$T/nacked")" -gt 200
sqlite3 "$G" "SELECT subject || ' ' || json_extract(result, '\$.version') FROM audit WHERE action = 'decision' AND actor GLOB 'r[0-9]*'" >"$T/durable"
check "group commit: every acknowledged decision survived kill -9" python3 -c "
acked = set(open('$T/acked').read().split('\n')) - {''}
durable = set(open('$T/durable').read().split('\n')) - {''}
assert acked and acked <= durable, sorted(acked - durable)[:5]"
eq "group commit: each recorded once" "$(sort "$T/durable" | uniq -d | wc -l)" 0
"$K" --store "$G" audit verify >/dev/null; eq "group commit: audit verify after kill -9" "$?" 0

# ---- PostgreSQL -------------------------------------------------------------------
pg_run() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
	bad "PostgreSQL server binaries not found (scripts/deps.sh installs postgresql)"
else
	PGDIR=$T/pg; mkdir -p "$PGDIR"
	[ "$(id -u)" -eq 0 ] && chown postgres "$PGDIR"
	if pg_run "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C >"$T/initdb.log" 2>&1 &&
	   pg_run "$PGBIN/pg_ctl" -D "$PGDIR/data" -w -l "$PGDIR/log" \
		-o "-k $PGDIR -c listen_addresses='' -p 5432" start >/dev/null 2>&1; then
		ok "postgresql started"
		PGURI="postgresql://postgres@/postgres?host=$PGDIR"
		for db in story race; do psql -qAtX "$PGURI" -c "CREATE DATABASE $db" >/dev/null; done
		PS="postgresql://postgres@/story?host=$PGDIR"
		# the same story on a quarter of the book (the first 2,500 rows and
		# the two second customers at its end): same semantics, less time
		{ head -2501 "$BOOK"; tail -2 "$BOOK"; } >"$T/book_pg.csv"
		story postgresql "$PS" "$T/book_pg.csv"
		tamper postgresql "$PS"
		# kill -9 on PostgreSQL: half the sample book (5,000 records,
		# more than one commit block of 4,096), a few decisions, then
		# the interrupted full run
		PK="postgresql://postgres@/kill?host=$PGDIR"
		psql -qAtX "$PGURI" -c "CREATE DATABASE kill" >/dev/null
		head -5001 "$BOOK" >"$T/book_kill.csv"
		"$K" --store "$PK" book import "$T/book_kill.csv" >/dev/null
		"$K" --index "$T/v2.kdx" --store "$PK" monitor >/dev/null
		for a in $(psql -qAtX "$PK" -c "SELECT id FROM alerts WHERE status = 'open' ORDER BY id LIMIT 3"); do
			"$K" --store "$PK" decide "$a" --as false_positive --reason "kill test" --by lee >/dev/null
		done
		killtest postgresql "$PK"
		# two servers, one store, one alert decided by both at once
		PR="postgresql://postgres@/race?host=$PGDIR"
		"$K" --store "$PR" book import "$T/book_pg.csv" >/dev/null
		"$K" --index "$T/v1.kdx" --store "$PR" monitor >/dev/null
		"$K" --index "$T/v1.kdx" --store "$PR" serve --listen 127.0.0.1:0 >"$T/s1.log" 2>&1 & pids+=($!)
		"$K" --index "$T/v1.kdx" --store "$PR" serve --listen 127.0.0.1:0 >"$T/s2.log" 2>&1 & pids+=($!)
		port() { for i in $(seq 1 100); do p=$(grep -o 'msg="listening".* port=[0-9]*' "$1" | grep -o '[0-9]*$'); [ -n "$p" ] && { echo "$p"; return; }; sleep 0.1; done; }
		P1=$(port "$T/s1.log"); P2=$(port "$T/s2.log")
		check "two servers up on one store" test -n "$P1" -a -n "$P2"
		races=0; wins=0; conflicts=0
		for a in $(psql -qAtX "$PR" -c "SELECT id FROM alerts WHERE status = 'open' ORDER BY id LIMIT 10"); do
			curl -s -o "$T/r1" -w '%{http_code}' -XPOST "http://127.0.0.1:$P1/alerts/$a/decision" \
				-d '{"decision":"false_positive","reason":"race","by":"s1"}' >"$T/c1" &
			c1=$!
			curl -s -o "$T/r2" -w '%{http_code}' -XPOST "http://127.0.0.1:$P2/alerts/$a/decision" \
				-d '{"decision":"true_match","reason":"race","by":"s2"}' >"$T/c2" &
			wait $c1 $!
			codes=$(printf '%s %s\n' "$(cat "$T/c1")" "$(cat "$T/c2")" | tr ' ' '\n' | sort | tr '\n' ' ')
			races=$((races + 1))
			[ "$codes" == "200 409 " ] && conflicts=$((conflicts + 1))
			att=$(psql -qAtX "$PR" -c "SELECT string_agg(action, ',' ORDER BY action) FROM audit WHERE subject = '$a' AND action LIKE 'decision%'")
			[ "$att" == "decision,decision_rejected" ] && wins=$((wins + 1))
		done
		eq "race: one 200 and one 409 every time" "$conflicts/$races" "10/10"
		eq "race: the audit shows both attempts every time" "$wins/$races" "10/10"
		"$K" --store "$PR" audit verify >/dev/null; eq "race: audit verify" "$?" 0
	else
		bad "postgresql start"; cat "$T/initdb.log" "$PGDIR/log" 2>/dev/null | tail -20
	fi
fi
echo "$((n - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
