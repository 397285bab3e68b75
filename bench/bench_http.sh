#!/usr/bin/env bash
# bench_http.sh - throughput and latency of `kordon serve` on the bundled
# lists, run by hand (not in CI):
#
#   1. wrk, POST /match/default, one Person query per request: requests/s,
#      p50 and p99 latency;
#   2. the same while a loop calls POST /updatez every second (each call
#      rebuilds the whole index and swaps it in): the figures under reload
#      and the number of non-2xx answers, which must be 0;
#   3. GET /healthz, the cost of HTTP alone on the same connections, and
#      /match from a single connection (latency without queueing);
#   4. the in-process cost of the same screening (bench_screen), to see
#      what HTTP, JSON and the thread hand-offs add.
#
# usage: bench/bench_http.sh [BUILD_DIR]        (default: build-rel)
# environment: DURATION (10 s), THREADS (wrk, 2), CONNS (32),
#              SERVER_THREADS (default: one per CPU), DATA (data/)
#
# On a 2-CPU machine wrk and the server share the CPUs: the figures are a
# lower bound for a dedicated server.
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build-rel}
K=$BUILD/kordon
DURATION=${DURATION:-10}
THREADS=${THREADS:-2}
CONNS=${CONNS:-32}
DATA=${DATA:-data}
SERVER_THREADS=${SERVER_THREADS:-$(nproc)}
for tool in wrk curl; do
  command -v $tool >/dev/null || { echo "bench_http: needs $tool" >&2; exit 2; }
done
[ -x "$K" ] || { echo "bench_http: no $K (build it: cmake -S . -B $BUILD -DCMAKE_BUILD_TYPE=Release && cmake --build $BUILD)" >&2; exit 2; }

T=$(mktemp -d /tmp/kd_bench_http.XXXXXX)
PID=""; LOOP=""
cleanup() {
  [ -n "$LOOP" ] && kill "$LOOP" 2>/dev/null
  [ -n "$PID" ] && kill -TERM "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
  rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

TOKEN=bench-$RANDOM$RANDOM
# (every client comes from 127.0.0.1: no per-address connection limit)
KORDON_UPDATE_TOKEN=$TOKEN "$K" --data "$DATA" serve --listen 127.0.0.1:0 \
  --threads "$SERVER_THREADS" --max-per-ip 0 2>"$T/server.log" &
PID=$!
PORT=""
for _ in $(seq 200); do
  PORT=$(sed -n 's/.*msg="listening".* port=\([0-9]*\).*/\1/p' "$T/server.log")
  [ -n "$PORT" ] && break; sleep 0.05
done
[ -n "$PORT" ] || { echo "server did not start:"; cat "$T/server.log"; exit 1; }
B=http://127.0.0.1:$PORT
t0=$(date +%s.%N)
for _ in $(seq 600); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$B/readyz")" = 200 ] && break
  sleep 0.05
done
curl -s "$B/readyz"; echo
printf 'ready after %.2f s\n' "$(echo "$(date +%s.%N) - $t0" | bc)"

# summary LABEL FILE: requests/s, p50, p99, non-2xx from a wrk --latency run
summary() {
  local rps p50 p99 non2xx errs
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$2")
  p50=$(awk '$1 == "50%" {print $2}' "$2")
  p99=$(awk '$1 == "99%" {print $2}' "$2")
  non2xx=$(awk '/^non-2xx:/ {print $2}' "$2")
  errs=$(grep -E '^ +Socket errors' "$2" | sed 's/^ *//')
  printf '%-22s %10s req/s   p50 %8s   p99 %8s   non-2xx %s %s\n' \
    "$1" "$rps" "$p50" "$p99" "${non2xx:-?}" "${errs:+($errs)}"
}

echo "warm-up (2 s)"
wrk -t"$THREADS" -c"$CONNS" -d2s -s bench/wrk_match.lua "$B/match/default" >/dev/null

echo "wrk: ${DURATION}s, $THREADS threads, $CONNS connections, server threads $SERVER_THREADS"
wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency -s bench/wrk_match.lua \
  "$B/match/default" >"$T/plain.txt"

# one /updatez per second, each in the background: calls that arrive while
# a reload runs share the next one (a reload takes 1-3 s under load)
( while :; do
    curl -s -o /dev/null -w '%{http_code}\n' -X POST \
      -H "Authorization: Bearer $TOKEN" "$B/updatez" >>"$T/reloads.txt" &
    sleep 1
  done ) &
LOOP=$!
wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency -s bench/wrk_match.lua \
  "$B/match/default" >"$T/reload.txt"
kill "$LOOP" 2>/dev/null; wait "$LOOP" 2>/dev/null; LOOP=""
sleep 4 # let the last /updatez calls finish

# the HTTP floor: the cheapest endpoint, same connections
wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency "$B/healthz" >"$T/healthz.txt"
# one client at a time: latency without queueing, and the time the
# server itself spent per request (access log ms=: parse, screen, JSON)
l0=$(wc -l <"$T/server.log")
wrk -t1 -c1 -d5s --latency -s bench/wrk_match.lua "$B/match/default" >"$T/single.txt"
tail -n +"$((l0 + 1))" "$T/server.log" | grep 'path=/match/default status=200' |
  sed -n 's/.* ms=\([0-9.]*\).*/\1/p' | sort -n >"$T/single_ms.txt"

echo
summary "match" "$T/plain.txt"
summary "match during reloads" "$T/reload.txt"
summary "match, 1 connection" "$T/single.txt"
summary "healthz (HTTP floor)" "$T/healthz.txt"
awk '{ v[NR] = $1 } END { if (NR) printf "server time per /match, 1 connection: p50 %.3f ms   p99 %.3f ms   (%d requests)\n", v[int(NR * 0.5) + 1], v[int(NR * 0.99) + 1], NR }' "$T/single_ms.txt"
nrel=$(grep -c '^200$' "$T/reloads.txt"); nall=$(wc -l <"$T/reloads.txt")
echo "reloads during the run: $nrel of $nall answered 200;" \
  "index version now $(curl -s "$B/readyz" | sed -n 's/.*"index_version":\([0-9]*\).*/\1/p')"
grep -E 'msg="index loaded"' "$T/server.log" | tail -1 | sed 's/^.*msg=/last load: /'
echo "server peak memory (two indexes during a swap): $(awk '/VmHWM/ {print $2, $3}' /proc/$PID/status)"
echo
echo "in-process screening (bench_screen 2000):"
if [ -x "$BUILD/bench_screen" ]; then
  "$BUILD/bench_screen" 2000 "$DATA" 2>&1 | sed 's/^/  /'
else
  echo "  (no $BUILD/bench_screen)"
fi
non2xx=$(awk '/^non-2xx:/ {s += $2} END {print s + 0}' "$T/plain.txt" "$T/reload.txt")
[ "$non2xx" -eq 0 ]
