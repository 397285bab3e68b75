#!/usr/bin/env bash
# yente_test.sh - Kordon as a drop-in for yente, checked from outside C:
#   1. FtM conformance of every bundled entity: `kordon export --ftm` of
#      data/ validated against the FollowTheMoney model (tests/ftm/), and
#      of `kordon screen --json` and `kordon show --json`.
#   2. FtM conformance of served answers: `kordon serve` on data/, a
#      sample of /entities, /entities/../adjacent and /match answers.
#   3. A yente client in Node (tests/yente/client.test.js) against
#      `kordon serve` on tests/data/server with API keys and an update
#      token: real-client requests, answers decoded into yente's models.
# Usage: tests/yente_test.sh PATH/TO/kordon [conformance|client]
# Needs node (18+) and curl. Servers listen on 127.0.0.1:0 and are
# killed on exit.
set -u
K=${1:?usage: yente_test.sh KORDON [conformance|client]}
WHAT=${2:-all}
case $K in /*) ;; *) K=$PWD/$K ;; esac
cd "$(dirname "$0")/.."
command -v node >/dev/null || { echo "yente_test: node is required (scripts/deps.sh)"; exit 2; }
T=$(mktemp -d /tmp/kd_yente_test.XXXXXX)
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$T"; }
trap cleanup EXIT
fail=0

# launch LOG ARGS...: kordon ARGS on a free port in the background (PID);
# ready LOG: wait for its port (B) and /readyz. start = both.
launch() {
  local log=$1; shift
  "$K" "$@" --listen 127.0.0.1:0 2>"$log" &
  PID=$!
}
start() { launch "$@" && ready "$1"; }
ready() {
  local log=$1 i port=""
  for i in $(seq 600); do
    port=$(sed -n 's/.*msg="listening".* port=\([0-9]*\).*/\1/p' "$log")
    [ -n "$port" ] && break
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.05
  done
  [ -n "$port" ] || { echo "server did not start: $(head -c 300 "$log")"; return 1; }
  B=http://127.0.0.1:$port
  for i in $(seq 1200); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$B/readyz")" = 200 ] && return 0
    sleep 0.05
  done
  echo "server never ready: $(tail -3 "$log")"; return 1
}
# stop LOG: SIGTERM; the exit status must be 0 and the log free of
# sanitizer reports (leaks show at exit).
stop() {
  local rc
  kill -TERM "$PID"; wait "$PID"; rc=$?; PID=""
  [ "$rc" = 0 ] || { echo "server exit status $rc after SIGTERM ($1)"; fail=1; }
  if grep -qE "Sanitizer|runtime error" "$1"; then
    echo "sanitizer report in $1:"; grep -E -A12 "Sanitizer|runtime error" "$1" | head -30
    fail=1
  fi
}
hash() { printf %s "$1" | sha256sum | cut -d' ' -f1; }
KEY=k-$RANDOM-$RANDOM
TOKEN=t-$RANDOM-$RANDOM
printf 'api_key_sha256 = %s\nupdate_token_sha256 = %s\nthreads = 2\n' \
  "$(hash "$KEY")" "$(hash "$TOKEN")" >"$T/serve.conf"

if [ "$WHAT" != client ]; then
  echo "== FtM conformance: every bundled entity (kordon export --ftm)"
  launch "$T/bundled.log" serve --config "$T/serve.conf" # loads meanwhile
  # one snapshot of data/ for export, screen and show (each would load and
  # index the lists again; export from it is byte-identical)
  "$K" index build -o "$T/data.kdx" >/dev/null || { echo "index build failed"; exit 1; }
  "$K" --index "$T/data.kdx" export --ftm >"$T/export.jsonl" || { echo "export failed"; exit 1; }
  node tests/ftm/validate.js "$T/export.jsonl" || fail=1
  echo "== FtM conformance: kordon screen --json and show --json"
  { "$K" --index "$T/data.kdx" screen --json --limit 20 "Kim Jong Un"
    "$K" --index "$T/data.kdx" show --json ofac-15431; } \
    >"$T/cli.jsonl"; node tests/ftm/validate.js "$T/cli.jsonl" || fail=1
  echo "== FtM conformance: /entities, /adjacent and /match answers (data/)"
  if ready "$T/bundled.log"; then
    if node tests/ftm/served.js "$B" "$KEY" "$T/export.jsonl" 100 >"$T/served.jsonl"; then
      node tests/ftm/validate.js "$T/served.jsonl" || fail=1
    else
      fail=1
    fi
    stop "$T/bundled.log"
  else
    fail=1
  fi
fi

if [ "$WHAT" != conformance ]; then
  echo "== yente client (Node) against kordon serve"
  cp -r tests/data/server "$T/data"
  if start "$T/client.log" --data "$T/data" serve --config "$T/serve.conf"; then
    KORDON_URL=$B KORDON_KEY=$KEY KORDON_TOKEN=$TOKEN \
      node --test tests/yente/client.test.js || fail=1
    echo "== the client's answers are valid FtM too"
    node tests/ftm/served.js "$B" "$KEY" <("$K" --data "$T/data" export --ftm) 1 \
      >"$T/client_served.jsonl" && node tests/ftm/validate.js "$T/client_served.jsonl" || fail=1
    stop "$T/client.log"
  else
    fail=1
  fi
fi
[ "$fail" = 0 ] && echo "yente_test: ok" || echo "yente_test: FAILED"
exit "$fail"
