#!/usr/bin/env bash
# server_test.sh - end-to-end tests of `kordon serve` over HTTP with curl:
# the yente-shaped /match answer field by field, the error statuses, the
# other endpoints, API keys, reloads (under concurrent requests, by
# SIGHUP, failing) and graceful shutdown.
#
# Usage: tests/server_test.sh PATH/TO/kordon      (exit 0 when all pass)
#
# Servers listen on 127.0.0.1:0 (a free port chosen by the kernel, read
# back from the "listening" log line: no port guessing, no collisions)
# and are killed on any exit. Lists come from tests/data/server/, copied
# to a scratch directory so reload tests can edit them. jq is used for
# extra checks when installed, never required. Runs in ~10 s (ASan).
set -u
K=${1:?usage: server_test.sh KORDON}
case $K in /*) ;; *) K=$PWD/$K ;; esac
cd "$(dirname "$0")/.."
if ! command -v curl >/dev/null; then
  echo "server_test: curl is required (scripts/deps.sh installs it)"; exit 2
fi
HAVE_JQ=0; command -v jq >/dev/null && HAVE_JQ=1

T=$(mktemp -d /tmp/kd_srv_test.XXXXXX)
PID=""; BG=()
cleanup() {
  local p
  for p in "${BG[@]}"; do kill "$p" 2>/dev/null; done
  [ -n "$PID" ] && kill -KILL "$PID" 2>/dev/null
  rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 2' INT TERM
cp -r tests/data/server "$T/data"

passed=0; failed=0
ok()  { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "  server: $*"; }

# start LOG ARGS... : run kordon ARGS (which must include serve) on a free
# port, set PID, PORT and B, wait for /readyz.
start() {
  local log=$1 i; shift
  : >"$log"
  "$K" "$@" --listen 127.0.0.1:0 2>"$log" &
  PID=$!; PORT=""
  for i in $(seq 200); do
    PORT=$(sed -n 's/.*msg="listening".* port=\([0-9]*\).*/\1/p' "$log")
    [ -n "$PORT" ] && break
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.05
  done
  [ -n "$PORT" ] || { bad "server did not start: $(head -c 300 "$log")"; return 1; }
  B=http://127.0.0.1:$PORT
  for i in $(seq 400); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$B/readyz")" = 200 ] && return 0
    sleep 0.05
  done
  bad "server never ready: $(tail -3 "$log")"; return 1
}
# stop: SIGTERM and wait; the exit status must be 0 and the log clean.
stop() {
  local rc log=$1
  kill -TERM "$PID"; wait "$PID"; rc=$?; PID=""
  [ "$rc" = 0 ] && ok || bad "exit status $rc after SIGTERM ($log)"
  if grep -qE "Sanitizer|runtime error|LeakSanitizer" "$log"; then
    bad "sanitizer report in $log:"; grep -E -A12 "Sanitizer|runtime error" "$log" | head -30
  else ok; fi
  grep -q 'msg="stopped"' "$log" && ok || bad "no 'stopped' line in $log"
}
# req METHOD PATH [curl args]: sets CODE, body in $T/body
req() {
  local m=$1 p=$2; shift 2
  CODE=$(curl -s -o "$T/body" -w '%{http_code}' -X "$m" "$@" "$B$p")
}
code() { # description expected
  if [ "$CODE" = "$2" ]; then ok
  else bad "$1: HTTP $CODE, expected $2: $(head -c 300 "$T/body")"; fi
}
has() { # description fixed-string expected in the body
  if grep -qF -- "$2" "$T/body"; then ok
  else bad "$1: body lacks $2: $(head -c 400 "$T/body")"; fi
}
hasre() { # description extended regex expected in the body
  if grep -qE -- "$2" "$T/body"; then ok
  else bad "$1: body lacks /$2/: $(head -c 400 "$T/body")"; fi
}
jqok() { # description jq-expression (only with jq)
  [ "$HAVE_JQ" = 1 ] || return 0
  if jq -e "$2" "$T/body" >/dev/null 2>&1; then ok
  else bad "$1: jq '$2' false on $(head -c 400 "$T/body")"; fi
}
post() { # path json [curl args]
  local p=$1 j=$2; shift 2
  req POST "$p" -H 'Content-Type: application/json' --data-binary "$j" "$@"
}

# ---- command line ----------------------------------------------------------
"$K" serve --help >"$T/out" 2>&1 && grep -q "usage: kordon" "$T/out" && ok ||
  bad "serve --help"
"$K" serve --frobnicate >/dev/null 2>&1; [ $? = 2 ] && ok || bad "unknown option: not exit 2"
printf 'KORDSNAP-not-really' >"$T/bad.kdx"
timeout 20 "$K" serve --index "$T/bad.kdx" --listen 127.0.0.1:0 >"$T/out" 2>&1
[ $? = 2 ] && grep -q "not a usable Kordon snapshot" "$T/out" && ok ||
  bad "--index: corrupt snapshot not refused clearly: $(cat "$T/out")"
timeout 20 "$K" --data /nonexistent serve --listen 127.0.0.1:0 >/dev/null 2>"$T/out"
[ $? = 2 ] && grep -q "first load failed" "$T/out" && ok || bad "missing data: not exit 2"

# ---- main server -------------------------------------------------------------
LOG1=$T/server1.log
export KORDON_UPDATE_TOKEN=test-token-1
start "$LOG1" --data "$T/data" serve --threads 4 || exit 1
unset KORDON_UPDATE_TOKEN

req GET /healthz; code healthz 200; has healthz '"status":"ok"'
req GET /readyz; code readyz 200; has readyz '"index_version":1'; has readyz '"entities":21'
CODE=$(curl -s -I -o /dev/null -w "%{http_code}" "$B/healthz"); code "HEAD healthz" 200

# /match: a yente request and its answer, field by field
Q='{"queries":{"q1":{"schema":"Person","properties":{"name":["Bosco Taganda"],"birthDate":["1973"],"nationality":["cd"]}},"q2":{"schema":"Company","properties":{"name":"Baltic Trade Logistics"}},"q3":{"schema":"Vessel","properties":{"imoNumber":["IMO 9187629"]}}}}'
post /match/default "$Q"; code "match" 200
cp "$T/body" "$T/match1.json"
has "match envelope" '{"responses":{"q1":{"status":200,'
has "match query echo" '"query":{"schema":"Person","properties":{"name":["Bosco Taganda"],"birthDate":["1973"],"nationality":["cd"]}}'
has "match result id" '"results":[{"id":"un-CDi.030","caption":"BOSCO TAGANDA","schema":"Person",'
has "match datasets" '"datasets":["un_sc"]'
hasre "match properties" '"properties":\{"name":\["BOSCO TAGANDA"\],"alias":\['
hasre "match score" '"score":(0\.[0-9]{4}|1\.0000),"match":true,"features":\{"name_match":[0-9.]+[^}]*\},"explanations":\{"name_match":\{"score":[0-9.]+,"detail":"[^"]*"\}'
hasre "match total" '"total":\{"value":[1-9][0-9]*,"relation":"eq"\}'
has "match q2" '"q2":{"status":200,'
has "match q2 company" '"id":"watchlist-W-002","caption":"Baltic Trade Logistics OOO","schema":"Company"'
has "match q3 by IMO" '"id":"watchlist-W-003"'
hasre "match limit" '\},"limit":5\}$'
jqok "match json" '.responses | keys == ["q1","q2","q3"]'
jqok "match q1 fields" '.responses.q1.results[0] | has("id") and has("caption") and has("schema") and has("properties") and has("datasets") and has("score") and has("match") and has("explanations")'
jqok "match sorted" '[.responses.q1.results[].score] | . == (sort | reverse)'
jqok "match limit default 5" '[.responses[].results | length] | max <= 5'

# parameters and filters
post "/match/default?limit=1&threshold=0.99&algorithm=logic-v2" "$Q"; code "match params" 200
has "limit param" '"limit":1}'
jqok "limit 1" '[.responses[].results | length] | max <= 1'
post "/match/watchlist" "$Q"; code "match one list" 200
jqok "dataset scope" '[.responses[].results[].datasets[]] | all(. == "watchlist")'
post "/match/default?exclude_dataset=un_sc" "$Q"; code "exclude_dataset" 200
if grep -q '"un-CDi.030"' "$T/body"; then bad "exclude_dataset kept un_sc"; else ok; fi
post "/match/default?include_dataset=ofac_sdn&include_dataset=un_sc" "$Q"; code "include_dataset" 200
if grep -q '"watchlist-W-002"' "$T/body"; then bad "include_dataset kept watchlist"; else ok; fi
post "/match/default?exclude_entity_ids=un-CDi.030" "$Q"; code "exclude_entity_ids" 200
if grep -q '"un-CDi.030"' "$T/body"; then bad "exclude_entity_ids ignored"; else ok; fi
post "/match/default?topics=role.pep" '{"queries":{"a":{"schema":"Person","properties":{"name":"Ivan Sidorov"}}}}'
code "topics" 200; has "topics pep kept" '"watchlist-W-001"'
post "/match/default?topics=sanction" '{"queries":{"a":{"schema":"Person","properties":{"name":"Ivan Sidorov"}}}}'
if grep -q '"watchlist-W-001"' "$T/body"; then bad "topics filter ignored"; else ok; fi
post /match/default '{"queries":{"a":{"schema":"Person","properties":{"firstName":"Bosco","lastName":"Taganda"}}}}'
code "name parts" 200; has "name parts compose" '"id":"un-CDi.030"'
post /match/default '{"queries":{}}'; code "no queries" 400; has "no queries" 'at least one query'

# errors, yente style {"detail": ...}
post /match/default '{"queries":'; code "bad JSON" 400; has "bad JSON detail" '{"detail":"invalid JSON'
post /match/default '[1,2]'; code "not an object" 400
post /match/default ''; code "empty body" 400
post /match/default $'{"queries":{"a":{"schema":"Person","properties":{"name":"\xff\xfe"}}}}'
code "bad UTF-8" 400
post /match/default '{"queries":{"a":{"schema":"Person","properties":{"name":true}}}}'
code "wrong type" 400; has "wrong type detail" 'queries.a.properties.name'
post /match/default '{"queries":[]}'; code "queries not object" 400
post /match/default '{"queries":{"a":{"schema":"Person","properties":{"name":"x"}}},"queries":{}}'
code "duplicate key" 400
post /match/nowhere '{"queries":{}}'; code "unknown dataset" 404; has "404 detail" '"detail":"dataset'
post /match/default '{"queries":{"a":{"schema":"Spaceship","properties":{"name":"x"}}}}'
code "unknown schema" 400; has "unknown schema detail" "'Spaceship' is not a matchable FollowTheMoney schema"
post /match/default '{"queries":{"a":{"properties":{"name":"x"}}}}'; code "missing schema" 422
post /match/default '{"queries":{"a":{"schema":"Person"}}}'; code "missing properties" 422
post /match/default '{"queries":{"a":{"schema":"Person","properties":{"birthDate":"1970"}}}}'
code "no name, no id: accepted (as yente)" 200; has "no name, no id: no result" '"results":[],"total":{"value":0'
post /match/default '{"queries":{"a":{"schema":"Person","properties":{"nmae":"x"}}}}'
code "unknown property" 422; has "unknown property detail" "'nmae'"
post /match/default '{"queries":{"a":{"schema":"Person","properties":{"name":"x"},"extra":1}}}'
code "unknown query field ignored (as yente)" 200
post /match/default '{"queries":{"a":{"schema":"Person","properties":{"name":"x"}}},"limit":3}'; code "unknown top field ignored" 200
post /match/default '{}'; code "missing queries" 422
post "/match/default?limit=0" '{"queries":{}}'; code "limit 0" 400
post "/match/default?limit=abc" '{"queries":{}}'; code "limit abc" 400
post "/match/default?threshold=1.5" '{"queries":{}}'; code "threshold" 400
post "/match/default?algorithm=magic" '{"queries":{}}'; code "algorithm" 400
many='{"queries":{'; for i in $(seq 101); do many+="\"q$i\":{\"schema\":\"Person\",\"properties\":{\"name\":\"n $i\"}},"; done
many="${many%,}}}"
post /match/default "$many"; code "101 queries" 422
many100=${many/,\"q101\":\{\"schema\":\"Person\",\"properties\":\{\"name\":\"n 101\"\}\}/}
post /match/default "$many100"; code "100 queries" 200
head -c 1100000 /dev/zero | tr '\0' ' ' >"$T/big.json"
req POST /match/default --data-binary @"$T/big.json"; code "body too large" 413
req POST /match/default -H 'Transfer-Encoding: chunked' --data-binary @"$T/big.json"
code "chunked body too large" 413
req GET /match/default; code "GET /match" 405
curl -s -D "$T/hdr" -o /dev/null "$B/match/default"
grep -qi '^Allow: POST' "$T/hdr" && ok || bad "405 without Allow header"
req GET /no/such/path; code "unknown path" 404; has "404 detail" '{"detail":"Not Found"}'

# /search, /entities, /catalog, /algorithms
req GET "/search/default?q=Ivan%20Sidorov"; code search 200
has "search result" '"results":[{"id":"watchlist-W-001"'
hasre "search score" '"score":[01]\.[0-9]{4}'
has "search total" '"total":{"value":'
req GET "/search/default?q=Vladimir%20Kozlov&schema=Person&limit=3"; code "search schema" 200
has "search Cyrillic entity" '"watchlist-W-006"'
req GET "/search/default"; code "search without q lists entities" 200
has "search without q: all" '"total":{"value":21,'
req GET "/search/default?q=x&schema=Spaceship"; code "search bad schema" 400
# unknown filter values are errors, never a clean empty answer
post "/match/default?include_dataset=typo" "$Q"; code "include_dataset typo" 400
has "include_dataset typo names the field" '"detail":"include_dataset: unknown dataset'
post "/match/default?exclude_dataset=typo" "$Q"; code "exclude_dataset typo" 400
post "/match/default?topics=typo" "$Q"; code "topics typo" 400
has "topics typo names the field" '"detail":"topics: unknown topic'
req GET "/search/default?q=x&datasets=typo"; code "search datasets typo" 400
post "/match/default?topics=sanction&include_dataset=un_sc" "$Q"; code "known filters" 200
post "/match/default?changed_since=garbage" "$Q"; code "changed_since garbage" 422
post "/match/default?limit=501" "$Q"; code "limit 501" 422
req POST "/scan?threshold=nan" --data-binary 'Kim Jong Un'; code "scan threshold nan" 400
req GET "/search/nowhere?q=x"; code "search unknown dataset" 404
req GET /entities/un-CDi.030; code entity 200
has "entity" '{"id":"un-CDi.030","caption":"BOSCO TAGANDA","schema":"Person","properties":{'
has "entity datasets" '"datasets":["un_sc"]'
has "entity birth place" '"birthPlace":["Bigogwe, Rwanda"]'
req GET /entities/watchlist-W-006; code "entity UTF-8" 200
has "entity UTF-8 name" 'Владимир Сергеевич КОЗЛОВ'
req GET /entities/no-such-entity; code "unknown entity" 404
req GET /catalog; code catalog 200
has "catalog un" '{"name":"un_sc","id":"un_sc","type":"source","title":"UN Security Council Consolidated List (test excerpt)","publisher":{"name":"United Nations Security Council"}'
has "catalog counts" '"entity_count":6'
has "catalog date" '"date":"2024-05-03"'
has "catalog default" '{"name":"default","id":"default","type":"collection"'
has "catalog children" '"children":["un_sc","ofac_sdn","watchlist"]'
jqok "catalog json" '.datasets | length == 4'
req GET /algorithms; code algorithms 200; has algorithms '"name":"logic-v1"'

# /openapi.json: it must describe exactly the routes of the table in
# server/server.c (METHOD and the prefix the table matches: a documented
# path up to its first {param}), but the web interface (/ui/ files, the
# / and /ui redirects), which the document leaves out on purpose
req GET /openapi.json; code openapi 200
has "openapi version" '"openapi":"3.0.3"'
cp "$T/body" "$T/openapi.json"
if python3 -c "
import json, re, sys
d = json.load(open(sys.argv[1]))
assert d['openapi'] == '3.0.3'
for p, ops in sorted(d['paths'].items()):
    for m in ops:
        print(m.upper(), re.sub(r'\{.*', '', p), p)
" "$T/openapi.json" >"$T/oa_ops"; then ok; else bad "openapi.json does not parse"; fi
cut -d' ' -f1,2 "$T/oa_ops" | sort -u >"$T/oa_routes"
rt_re='^[[:space:]]*{ "\([A-Z]*\)", "\([^"]*\)", RK_[A-Z]*, [^,]*, "\([a-z_]*\)".*'
sed -n "s/$rt_re/\1 \2 \3/p" server/server.c >"$T/rt_all"
[ "$(wc -l <"$T/rt_all")" = "$(grep -c '^[[:space:]]*{ "[A-Z]*", "/' server/server.c)" ] && \
  [ "$(wc -l <"$T/rt_all")" -gt 10 ] && ok || bad "route table of server/server.c not parsed: $(cat "$T/rt_all")"
awk '$3 !~ /^(ui|ui_file|ui_redirect|root)$/ { print $1, $2 }' "$T/rt_all" | sort -u >"$T/rt_routes"
if diff "$T/rt_routes" "$T/oa_routes" >"$T/oa_diff"; then ok
else bad "openapi.json paths differ from the route table (< table, > document):"; cat "$T/oa_diff"; fi
# and every documented path is routed by the running server: a method no
# route has gets 405 (known path), never 404
while read -r m pre p; do
  u=$(sed 's/{dataset}/default/; s/{entity_id}/x/; s/{id}/1/' <<<"$p")
  req DELETE "$u"; code "openapi path $p is routed" 405
done <"$T/oa_ops"
[ "$(cut -d' ' -f3 "$T/oa_ops" | sort -u | wc -l)" = 21 ] && ok || bad "openapi: $(cut -d' ' -f3 "$T/oa_ops" | sort -u | wc -l) paths, expected 21"

# POST /scan: identifiers found in prose with byte offsets; errors
req POST '/scan?format=text' --data-binary 'The tanker IMO 7406784 was seen off Nakhodka.'
code "scan text" 200
has "scan hit offsets" '{"hits":[{"start":11,"end":22,"text":"IMO 7406784"'
has "scan hit entity" '"entity":{"id":"ofac-4243","caption":"EBANO","schema":"Vessel"'
has "scan explanation" '"identifier_match":{"score":'
req POST /scan --data-binary 'Nothing listed here, just Berlin and Moscow.'
code "scan clean" 200; has "scan clean empty" '{"hits":[]}'
req POST '/scan?format=mt' --data-binary '{1:F01BANK'
code "scan malformed mt" 422; has "scan mt position" '"detail":"body:1:1: unterminated block"'
req POST '/scan?format=docx' --data-binary 'x'; code "scan bad format" 400
req POST /scan --data-binary ''; code "scan empty body" 422
# POST /scan takes the scopes of /match: dataset and its filters
req POST '/scan?dataset=ofac_sdn' --data-binary 'The tanker IMO 7406784 was seen off Nakhodka.'
code "scan dataset" 200; has "scan in scope" '"id":"ofac-4243"'
req POST '/scan?exclude_dataset=ofac_sdn' --data-binary 'The tanker IMO 7406784 was seen off Nakhodka.'
code "scan exclude_dataset" 200; has "scan out of scope" '{"hits":[]}'
req POST '/scan?dataset=un_sc' --data-binary 'The tanker IMO 7406784 was seen off Nakhodka.'
code "scan other dataset" 200; has "scan other dataset empty" '{"hits":[]}'
req POST '/scan?dataset=nowhere' --data-binary 'x'; code "scan unknown dataset" 404
req POST '/scan?include_dataset=typo' --data-binary 'x'; code "scan include typo" 400

# /metrics: Prometheus text format
req GET /metrics; code metrics 200
for f in kordon_http_requests_total kordon_http_request_duration_seconds \
         kordon_index_version kordon_index_age_seconds kordon_index_entities; do
  grep -q "^# TYPE $f " "$T/body" && ok || bad "metrics: no # TYPE $f"
done
bad_lines=$(grep -v '^#' "$T/body" | grep -cvE \
  '^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="[^"]*"(,[a-zA-Z_][a-zA-Z0-9_]*="[^"]*")*\})? [-+]?[0-9.eE+-]+$|^\+Inf$')
[ "$bad_lines" = 0 ] && ok || bad "metrics: $bad_lines malformed lines"
has "metrics by endpoint" 'kordon_http_requests_total{endpoint="match",status="422"}'
has "metrics entities" 'kordon_index_entities{dataset="watchlist"} 6'
has "metrics histogram" 'kordon_http_request_duration_seconds_bucket{endpoint="match",le="+Inf"}'

# access log: one line per request, no bodies
grep -qE 'method=POST path=/match/default status=200 ms=[0-9.]+ queries=3 ' "$LOG1" && ok ||
  bad "no access-log line for /match"
grep -q 'Bosco Taganda' "$LOG1" && bad "request body leaked into the log" || ok

# ---- reloads -----------------------------------------------------------------
req POST /updatez; code "updatez without token" 401
req POST /updatez -H 'Authorization: Bearer wrong'; code "updatez wrong token" 403
req POST /updatez -H 'Authorization: Bearer test-token-1'; code "updatez" 200
has "updatez version" '"index_version":2'

# 200 /match requests from 4 clients while /updatez runs 5 times
for c in 1 2 3 4; do
  (args=(); for i in $(seq 50); do args+=(-o /dev/null "$B/match/default"); done
   curl -s -w '%{http_code}\n' -H 'Content-Type: application/json' \
     --data-binary "$Q" "${args[@]}" >"$T/codes.$c") &
  BG+=($!)
done
for i in 1 2 3 4 5; do
  req POST /updatez -H 'Authorization: Bearer test-token-1'
  code "updatez under load $i" 200
done
wait "${BG[@]}"; BG=()
n200=$(cat "$T"/codes.* | grep -c '^200$'); nall=$(cat "$T"/codes.* | wc -l)
[ "$n200" = 200 ] && [ "$nall" = 200 ] && ok ||
  bad "reload under load: $n200 of $nall requests answered 200 (want 200 of 200)"
req GET /readyz; has "version after 6 updates" '"index_version":7'

# SIGHUP picks up an edited list
echo 'W-007,Person,Zebulon QUIXOTIC-TESTPERSON,,1990,GB,,,,sanction,TEST,added' >>"$T/data/watchlist.csv"
req GET /entities/watchlist-W-007; code "new entity before SIGHUP" 404
kill -HUP "$PID"
for i in $(seq 100); do
  req GET /entities/watchlist-W-007; [ "$CODE" = 200 ] && break; sleep 0.05
done
code "new entity after SIGHUP" 200
grep -q 'msg="SIGHUP: reload requested"' "$LOG1" && ok || bad "no SIGHUP log line"

# a failed reload keeps the old index serving and says why
cp "$T/data/watchlist.csv" "$T/watchlist.good"
printf 'W-008,Person,"unterminated\n' >>"$T/data/watchlist.csv"
req POST /updatez -H 'Authorization: Bearer test-token-1'; code "failed reload" 500
has "failed reload detail" 'reload failed'
has "failed reload keeps version" 'still serving version 8'
req GET /entities/watchlist-W-007; code "old index still serves" 200
kill -HUP "$PID"
for i in $(seq 100); do
  [ "$(grep -c 'level=error msg="index load failed"' "$LOG1")" -ge 2 ] && break; sleep 0.05
done
[ "$(grep -c 'level=error msg="index load failed"' "$LOG1")" -ge 2 ] && ok ||
  bad "no log line for a failed SIGHUP reload"
req GET /readyz; code "ready after failed reload" 200; has "version kept" '"index_version":8'
has "readyz stale after failed reload" '"status":"stale"'
has "readyz says why" '"index_stale":true,"last_reload_error":"'
req GET /catalog; has "catalog stale after failed reload" '"index_stale":true'
has "catalog not current" '"index_current":false'
has "catalog reload error" '"last_reload_error":"'
"$K" lists --server "$B" >"$T/lists_srv" 2>&1; rc=$?
[ "$rc" = 1 ] && ok || bad "lists --server on a stale index: exit $rc, expected 1"
grep -q 'STALE' "$T/lists_srv" && grep -q '^last reload error: .*reload failed\|^last reload error: .' "$T/lists_srv" &&
  grep -q 'NOT CURRENT' "$T/lists_srv" && ok || bad "lists --server: no staleness: $(head -c 300 "$T/lists_srv")"
cp "$T/watchlist.good" "$T/data/watchlist.csv"
req POST /updatez -H 'Authorization: Bearer test-token-1'; code "reload after fix" 200
req GET /readyz; has "readyz fresh again" '"status":"ok"'
has "readyz no error" '"index_stale":false,"last_reload_error":null'
req GET /catalog; has "catalog fresh again" '"index_stale":false'
"$K" lists --server "$B" >"$T/lists_srv" 2>&1; rc=$?
[ "$rc" = 0 ] && grep -q 'fresh' "$T/lists_srv" && ok || bad "lists --server fresh: exit $rc: $(head -c 300 "$T/lists_srv")"
"$K" lists --server "http://127.0.0.1:1" >/dev/null 2>&1; rc=$?
[ "$rc" = 2 ] && ok || bad "lists --server unreachable: exit $rc, expected 2"
req POST "/updatez?token=test-token-1"; code "updatez ?token=" 200
req POST "/updatez?token=wrong"; code "updatez wrong ?token=" 403

# SIGTERM with requests in flight: every request is answered or refused,
# none is cut half-way (status 000 = connection refused after shutdown)
(args=(); for i in $(seq 40); do args+=(-o /dev/null "$B/match/default"); done
 curl -s -w '%{http_code}\n' --data-binary "$Q" "${args[@]}" >"$T/codes.term") &
BG+=($!)
sleep 0.2
stop "$LOG1"
wait "${BG[@]}"; BG=()
others=$(grep -cvE '^(200|000)$' "$T/codes.term")
[ "$others" = 0 ] && ok || bad "shutdown: $others requests got neither 200 nor refused"

# ---- API keys from a config file --------------------------------------------
KEY=k-$RANDOM-$RANDOM
hash() { printf %s "$1" | sha256sum | cut -d' ' -f1; }
cat >"$T/serve.conf" <<EOF
# test config
threads = 2
timeout = 5
api_key_sha256 = $(hash other-key)
api_key_sha256 = $(hash "$KEY")
update_token_sha256 = $(hash upd-$KEY)
EOF
LOG2=$T/server2.log
start "$LOG2" --data "$T/data" serve --config "$T/serve.conf" || exit 1
req GET /healthz; code "auth: healthz is public" 200
req GET /readyz; code "auth: readyz is public" 200
post /match/default "$Q"; code "auth: no key" 401
curl -s -D "$T/hdr" -o /dev/null "$B/catalog"
grep -qi '^WWW-Authenticate: ApiKey' "$T/hdr" && ok || bad "401 without WWW-Authenticate"
post /match/default "$Q" -H "Authorization: ApiKey wrong"; code "auth: wrong key" 401
post /match/default "$Q" -H "Authorization: Bearer $KEY"; code "auth: bearer key" 200
post /match/default "$Q" -H "Authorization: Basic wrong"; code "auth: wrong scheme" 401
post /match/default "$Q" -H "Authorization: ApiKey $KEY"; code "auth: key" 200
post /match/default "$Q" -H "Authorization: ApiKey other-key"; code "auth: second key" 200
req GET /metrics -H "Authorization: ApiKey $KEY"; code "auth: metrics with key" 200
req POST /updatez -H "Authorization: ApiKey $KEY"; code "auth: updatez needs bearer" 401
req POST /updatez -H "Authorization: Bearer upd-$KEY"; code "auth: config update token" 200
grep -q "$KEY" "$LOG2" && bad "API key leaked into the log" || ok
# the key is checked before routing: 404/405 must not list routes to
# anyone without a key
req GET /no/such/path; code "auth: unknown path without key" 401
req PUT /match/default; code "auth: wrong method without key" 401
req POST /healthz; code "auth: wrong method on a public path without key" 401
req GET /no/such/path -H "Authorization: ApiKey $KEY"; code "auth: unknown path with key" 404
req PUT /match/default -H "Authorization: ApiKey $KEY"; code "auth: wrong method with key" 405
stop "$LOG2"

# a bad config file is refused with its line number
printf 'threads = 4\napi_key = abc\n' >"$T/bad.conf"
"$K" --data "$T/data" serve --config "$T/bad.conf" >/dev/null 2>"$T/out"
[ $? = 2 ] && grep -q "bad.conf:2" "$T/out" && ok || bad "bad config not refused: $(cat "$T/out")"

# ---- serving a snapshot (kordon index build) ----------------------------------
"$K" --data "$T/data" index build -o "$T/lists.kdx" >/dev/null && ok ||
  bad "index build"
LOG3=$T/server3.log
start "$LOG3" --index "$T/lists.kdx" serve || exit 1
req GET /readyz; code "snapshot readyz" 200; has "snapshot entities" '"entities":22'
post /match/default "$Q"; code "snapshot match" 200
has "snapshot match result" '"results":[{"id":"un-CDi.030","caption":"BOSCO TAGANDA"'
# the snapshot file rewritten in place, then truncated, under the running
# server (this used to kill it with SIGBUS): it keeps serving what it
# opened, a reload of the broken file fails and changes nothing, and a
# properly replaced file (written elsewhere, renamed) is picked up
head -c 4096 /dev/zero | dd of="$T/lists.kdx" conv=notrunc status=none
post /match/default "$Q"; code "snapshot overwritten in place: still serving" 200
has "snapshot overwritten: same answer" '"results":[{"id":"un-CDi.030","caption":"BOSCO TAGANDA"'
: >"$T/lists.kdx"
post /match/default "$Q"; code "snapshot truncated: still serving" 200
kill -HUP "$PID"
for i in $(seq 100); do
  grep -q 'msg="index load failed"' "$LOG3" && break; sleep 0.05
done
grep -q 'msg="index load failed".*not a usable Kordon snapshot' "$LOG3" && ok ||
  bad "reload of a truncated snapshot: no clear failure in the log"
req GET /readyz; code "snapshot: ready after failed reload" 200; has "snapshot: version kept" '"index_version":1'
"$K" --data "$T/data" index build -o "$T/lists.kdx" >/dev/null && ok || bad "index rebuild"
kill -HUP "$PID"
for i in $(seq 100); do
  grep -q 'msg="index loaded" version=2' "$LOG3" && break; sleep 0.05
done
grep -q 'msg="index loaded" version=2' "$LOG3" && ok || bad "snapshot replaced by rename: not reloaded"
stop "$LOG3"

# ---- an entity on two lists (shared id space, merged) -------------------------
LOG4=$T/server4.log
start "$LOG4" --data tests/data/merge serve || exit 1
MQ='{"queries":{"m":{"schema":"Person","properties":{"name":["Ivan Petrovich Sidorov"]}}}}'
post /match/list_b "$MQ"; code "merged: scope of its second list" 200
has "merged: found through list_b" '"id":"P-1"'
has "merged: both datasets" '"datasets":["list_a","list_b"]'
post /match/list_a "$MQ"; code "merged: scope of its first list" 200
has "merged: found through list_a" '"id":"P-1"'
post "/match/default?exclude_dataset=list_a" "$MQ"; code "merged: one list excluded" 200
has "merged: still on list_b" '"id":"P-1"'
post "/match/default?exclude_dataset=list_a&exclude_dataset=list_b" "$MQ"
code "merged: both lists excluded" 200
grep -qF '"id":"P-1"' "$T/body" && bad "merged: excluded entity returned" || ok
stop "$LOG4"

# ---- limits: work budget, answer size, work deadline ---------------------------
# a /match body of N queries with M names each
bigq() {
  local n=$1 m=$2 i j names sep=""
  printf '{"queries":{'
  for i in $(seq "$n"); do
    names=""; for j in $(seq "$m"); do names+="${names:+,}\"Person Number$i Name$j\""; done
    printf '%s"q%d":{"schema":"Person","properties":{"name":[%s]}}' "$sep" "$i" "$names"
    sep=,
  done
  printf '}}'
}
bigq 100 50 >"$T/heavy.json"
ONEQ='{"queries":{"q":{"schema":"Person","properties":{"name":["Bosco Taganda"]}}}}'
LOG5=$T/server5.log
start "$LOG5" --data "$T/data" serve --work-budget 1000 --max-answer 3000 || exit 1
req POST "/match/default?limit=500&threshold=0&cutoff=0" -H 'Content-Type: application/json' --data-binary @"$T/heavy.json"
code "work budget: 100 queries x 50 names x limit 500" 422
has "work budget detail" 'over the budget of 1000'
post "/match/default?limit=1" "$ONEQ"; code "work budget: small request" 200
post "/match/default?limit=100&threshold=0&cutoff=0" "$Q"; code "answer cap" 422
hasre "answer cap detail" 'answer of [0-9]+ bytes is over the cap of 3000 bytes'
grep -q 'status=422' "$LOG5" && ok || bad "refusals not in the access log"
stop "$LOG5"

# ---- slow clients: request deadline, per-address limit, free slots ----------
# (bounded: at most 150 sockets, a few seconds, 127.0.0.0/8 only; the
# probes come from 127.0.0.2, the attackers from other loopback addresses)
if command -v python3 >/dev/null; then
  SLOW="python3 tests/slow_clients.py"
  LOG6=$T/server6.log
  start "$LOG6" --data "$T/data" serve --request-timeout 2 --work-timeout 1 || exit 1
  # one byte every 0.3 s used to keep a connection for ever
  life=$($SLOW "$PORT" deadline 8)
  awk -v l="$life" 'BEGIN { exit !(l >= 1.5 && l <= 4.5) }' && ok ||
    bad "request deadline: trickling connection lived ${life}s (want ~2s)"
  # a request still screening after 1 ms stops between queries: 503
  # (100 queries x 50 names x limit 5: within the default work budget,
  # and 5,000 names take well over 1 ms)
  curl -s -D "$T/hdr" -o "$T/body" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary @"$T/heavy.json" "$B/match/default" >"$T/code"; CODE=$(cat "$T/code")
  code "work deadline: 100 queries x 50 names" 503
  has "work deadline detail" 'request took longer than 1 ms'
  grep -qi '^Retry-After: ' "$T/hdr" && ok || bad "503 without Retry-After"
  stop "$LOG6"

  printf 'max_connections = 100\n' >"$T/mc.conf"
  LOG7=$T/server7.log
  start "$LOG7" --data "$T/data" serve --config "$T/mc.conf" --request-timeout 30 \
    --reserve 10 --max-per-ip 32 || exit 1
  out=$($SLOW "$PORT" trickle 127.0.0.3 40 1)
  refused=$(echo "$out" | sed -n 's/.* refused \([0-9]*\) .*/\1/p')
  [ "${refused:-0}" -ge 8 ] && ok || bad "per-address limit: 40 sockets from one address, $out (want >= 8 refused)"
  # 150 trickling sockets from 5 addresses against 100 slots: probes from
  # a sixth address must still be answered, at once
  $SLOW "$PORT" trickle 127.0.0.1,127.0.0.3,127.0.0.4,127.0.0.5,127.0.0.6 30 5 >"$T/atk" &
  BG+=($!)
  sleep 1.5
  for i in 1 2 3 4 5 6; do
    CODE=$(curl -s --interface 127.0.0.2 -m 2 -o "$T/body" -w '%{http_code}' "$B/healthz")
    code "health probe $i under 150 slow sockets" 200
    sleep 0.3
  done
  wait "${BG[@]}"; BG=()
  grep -q '^opened 150 ' "$T/atk" && ok || bad "slow clients: $(cat "$T/atk") (want 150 opened)"
  req GET /metrics
  hasre "metrics: connections ended for the reserve" 'kordon_connections_ended_total\{reason="reserve"\} [1-9]'
  stop "$LOG7"
else
  bad "python3 missing: slow-client tests not run (scripts/deps.sh installs it)"
fi

# ---- a reload that empties a list is refused unless forced --------------------
rm -rf "$T/data8"; cp -r tests/data/server "$T/data8"
LOG8=$T/server8.log
KORDON_UPDATE_TOKEN=test-token-1 start "$LOG8" --data "$T/data8" serve || exit 1
printf '<?xml version="1.0" encoding="UTF-8"?>\n<CONSOLIDATED_LIST dateGenerated="2026-03-01T00:00:00"></CONSOLIDATED_LIST>\n' \
  >"$T/data8/un_excerpt.xml"
req POST /updatez -H 'Authorization: Bearer test-token-1'; code "shrinking reload refused" 500
has "shrink detail" 'list un_sc would shrink from 6 to 0 entities'
has "shrink keeps version" 'still serving version 1'
req GET /readyz; has "shrink: old index serves" '"index_version":1'
post /match/default "$Q"; has "shrink: UN entity still found" '"id":"un-CDi.030"'
kill -USR1 "$PID"
for i in $(seq 100); do
  grep -q 'msg="index loaded" version=2' "$LOG8" && break; sleep 0.05
done
grep -q 'msg="index loaded" version=2' "$LOG8" && ok || bad "SIGUSR1: forced reload not loaded"
grep -q 'msg="list is empty" list=un_sc' "$LOG8" && ok || bad "empty list not logged"
stop "$LOG8"

# records of one party on several lists (tests/data/resolve): one result,
# the entity answers for its canonical id and every member id
LOG5=$T/serve5.log
start "$LOG5" --data tests/data/resolve serve || exit 1
RQ='{"queries":{"k":{"schema":"Person","properties":{"name":["Kim Jung Jong"]}}}}'
post /match/default "$RQ"; code "linked: match" 200
has "linked: one entity" '"id":"KPi.021"'
has "linked: referents" '"referents":["un-KPi.021","eu-100","uk-13332","ofac-18558"]'
[ "$(grep -o '"match":true' "$T/body" | wc -l)" = 1 ] && ok || bad "linked: one match expected: $(head -c 300 "$T/body")"
post "/match/default?merge=false" "$RQ"; code "linked: merge=false" 200
[ "$(grep -o '"match":true' "$T/body" | wc -l)" = 4 ] && ok || bad "linked: four records expected with merge=false"
req GET /entities/uk-13332; code "linked: member id" 200
has "linked: member answers with the entity" '"id":"KPi.021"'
req GET /entities/KPi.021; code "linked: canonical id" 200
has "linked: canonical referents" '"referents":["un-KPi.021","eu-100","uk-13332","ofac-18558"]'
req GET "/entities/uk-13332?merge=false"; code "linked: record" 200
has "linked: record alone" '"id":"uk-13332"'
stop "$LOG5"

# the review workflow without --store: kordon.db beside the data, created
# on first use (as the workflow commands use it), not a 503
rm -rf "$T/data9"; cp -r tests/data/server "$T/data9"; rm -f "$T/data9/kordon.db"
SAVED_STORE=${KORDON_STORE-}; unset KORDON_STORE
LOG9=$T/serve9.log
start "$LOG9" --data "$T/data9" serve || exit 1
req GET /alerts; code "default store: /alerts" 200
[ -f "$T/data9/kordon.db" ] && ok || bad "default store: no kordon.db beside the data"
stop "$LOG9"
[ -n "$SAVED_STORE" ] && export KORDON_STORE=$SAVED_STORE

echo "server tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
