#!/usr/bin/env bash
# bench_monitor.sh - the monitoring targets of issue 16, run by hand (not
# in CI), figures printed against their baseline in the same run:
#
#   1. initial monitor of an N-record synthetic book (default 1,000,000)
#      against the bundled lists vs `batch` on the same records (same
#      lists, same threads): rows/s of each and the ratio (target: monitor
#      within 20 % of batch); batch and monitor alternate MON_ROUNDS times
#      (default 5), each monitor run is set against the mean of the batch
#      runs before and after it, and the median ratio is the figure;
#   2. delta monitor after 100 listed entities changed, same book
#      (target: <= 5 s), wall and CPU (user + sys) time of the command,
#      for each build (with a base, alternately), after a full run;
#   3. POST /alerts/{id}/decision under 50 concurrent reviewers, paced
#      (each thinks 0.2-1 s between decisions: bench_monitor_reviewers.py)
#      and saturated (wrk, 50 connections back to back), SQLite store,
#      then a PostgreSQL store on a server this script starts in a
#      temporary directory (targets: p99 <= 5 ms SQLite, <= 10 ms
#      PostgreSQL), next to a bare durable SQLite commit at the same
#      pace on the same disk (bench_monitor_floor.py: the floor). The
#      servers run with --max-per-ip 0: 50 reviewers share one address.
#      The floor is measured in the same run: fdatasync of 4 KiB on the
#      store's directory, the checkout's and /dev/shm (tmpfs), p50/p99;
#      a bare durable SQLite commit; for PostgreSQL its settings and a
#      bare one-row commit by pgbench at the same pace. The decisions run
#      again on stores on tmpfs (SQLite file, PostgreSQL cluster), where
#      a sync costs nothing: what a decision costs apart from the disk.
#      Decisions are group-committed (src/store/commit.c): each server
#      line is followed by its batches (KORDON_COMMIT_TRACE): requests
#      per commit, time to run a batch and time of its commit.
#
# With BASE_BUILD_DIR (another build, e.g. of main), every measurement
# runs for both builds, alternately, ROUNDS times (the machine is
# shared: compare within a round, and read the spread across rounds).
#
# usage: bench/bench_monitor.sh [BUILD_DIR [BASE_BUILD_DIR]]
#        (default: build-rel, no base)
# environment: N (records), THREADS (2), DURATION (wrk seconds, 10),
# ROUNDS (2, with a base), MON_ROUNDS (5), SECTIONS ("1 2 3": which parts
# to run), SERVE_ARGS (more options for the servers, e.g. "--threads 8")
set -uo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build-rel}
K=$(realpath "$BUILD/kordon")
BASE=${2:+$(realpath "$2/kordon")}
ROUNDS=${ROUNDS:-2}
[ -n "$BASE" ] || ROUNDS=1
MON_ROUNDS=${MON_ROUNDS:-5}
SECTIONS=${SECTIONS:-1 2 3}
# the builds to measure, "label=binary"
bins() { echo "new=$K"; [ -n "$BASE" ] && echo "base=$BASE"; }
N=${N:-1000000}
THREADS=${THREADS:-2}
DURATION=${DURATION:-10}
T=$(mktemp -d /tmp/kd_bench_mon.XXXXXX)
chmod 755 "$T"
PGBIN=/usr/lib/postgresql/15/bin
PGDIR=""; SPID=""
pg_run() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  [ -n "$SPID" ] && kill "$SPID" 2>/dev/null
  [ -n "$PGDIR" ] && pg_run "$PGBIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null 2>&1
  case $PGDIR in /dev/shm/*) rm -rf "$PGDIR" ;; esac
  [ -n "${TS:-}" ] && rm -rf "$TS"
  rm -rf "$T"
}
trap cleanup EXIT
now() { date +%s.%N; }
el() { python3 -c "print('%.2f' % ($2 - $1))"; }
jf() { python3 -c "import json,sys; d=json.load(sys.stdin); print(' '.join(str(d[k]) for k in sys.argv[1].split()))" "$1"; }

echo "== data: $N-record book, bundled lists (v1) and v1 with 100 entities changed (v2)"
python3 bench/bench_monitor_book.py "$N" "$T/book.csv"
printf 'id,name\nx,nobody\n' >"$T/one.csv"
"$K" --store "$T/l.db" book import "$T/one.csv" >/dev/null
"$K" --store "$T/l.db" monitor >/dev/null
sqlite3 "$T/l.db" "SELECT b.json FROM list_member m JOIN entity_blob b ON b.hash = m.hash ORDER BY m.entity_id" >"$T/v1.ftm.json"
python3 bench/bench_monitor_lists.py "$T/v1.ftm.json" "$T/v2.ftm.json" 100
"$K" --data "$T/v1.ftm.json" index build -o "$T/v1.kdx" >/dev/null
# each build its own index: a snapshot from other code is not used (its
# matcher would be rebuilt at start-up, a cost that is not the store's)
cp "$T/v1.kdx" "$T/v1.new.kdx"
[ -n "$BASE" ] && "$BASE" --data "$T/v1.ftm.json" index build -o "$T/v1.base.kdx" >/dev/null
"$K" --data "$T/v2.ftm.json" index build -o "$T/v2.kdx" >/dev/null
cp "$T/v2.kdx" "$T/v2.new.kdx"
[ -n "$BASE" ] && "$BASE" --data "$T/v2.ftm.json" index build -o "$T/v2.base.kdx" >/dev/null

echo "== 1. initial monitor vs batch, $N records, $THREADS threads"
# each build imports into a store of its own (a store of a newer schema
# is refused by older code)
for b in $(bins); do
  l=${b%%=*}; B=${b#*=}
  t0=$(now)
  "$B" --store "$T/imp.$l.db" book import "$T/book.csv" >/dev/null
  t1=$(now); ti=$(el "$t0" "$t1")
  echo "import ($l):  $ti s ($(python3 -c "print('%.0f' % ($N / $ti))") rows/s, once per book change, not part of the comparison)"
  sqlite3 "$T/imp.$l.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
done
# m.db: a copy of the build's imported store, with the book's index that
# import wrote beside it (named after the store: the delta run uses it)
fresh_store() { # label
  local f
  rm -f "$T/m.db"*; cp "$T/imp.${1:-new}.db" "$T/m.db"
  for f in "$T"/imp."${1:-new}".db.book-*.kdx; do
    [ -e "$f" ] && cp "$f" "$T/m.db${f#"$T"/imp."${1:-new}".db}"
  done
}
# batch and monitor alternate, MON_ROUNDS times (B M B M ... B): each
# monitor run is compared with the mean of the batch runs just before and
# after it, and the median of these ratios is the figure (the machine is
# shared: a single pair of runs is noise)
run_batch() {
  local t0 t1
  t0=$(now)
  "$K" --index "$T/v1.kdx" batch --input "$T/book.csv" --threads "$THREADS" \
    --format csv --only-matches >"$T/batch.csv" 2>"$T/batch.err"
  t1=$(now); tb=$(el "$t0" "$t1")
  echo "round $1 batch:   $tb s, $(python3 -c "print('%.0f' % ($N / $tb))") rows/s ($(tail -1 "$T/batch.err"))"
}
declare -A RATIOS
if [[ " $SECTIONS " == *" 1 "* ]]; then
run_batch 1; prev=$tb
for r in $(seq 1 "$MON_ROUNDS"); do
  declare -A TM=()
  for b in $(bins); do
    l=${b%%=*}; B=${b#*=}
    fresh_store "$l"
    t0=$(now)
    out=$(KORDON_MONITOR_TRACE=1 /usr/bin/time -f "cpu: %U s user, %S s sys" "$B" --index "$T/v1.$l.kdx" --store "$T/m.db" monitor --threads "$THREADS" --json 2>"$T/trace")
    t1=$(now); tm=$(el "$t0" "$t1"); TM[$l]=$tm
    echo "round $r monitor ($l): $tm s, $(python3 -c "print('%.0f' % ($N / $tm))") rows/s ($(jf "mode screened new" <<<"$out"): mode, screened, new alerts)"
    grep "phase A" "$T/trace" | sed "s/^/    ($l) /"
    grep "^cpu" "$T/trace" | sed "s/^/    ($l) /"
  done
  run_batch "$((r + 1))"
  for b in $(bins); do
    l=${b%%=*}
    ratio=$(python3 -c "print('%.1f' % (100 * ($prev + $tb) / 2 / ${TM[$l]}))")
    RATIOS[$l]="${RATIOS[$l]:-} $ratio"
    echo "round $r monitor/batch throughput ($l): $ratio % (batch $prev and $tb s around it)"
  done
  prev=$tb
done
for b in $(bins); do
  l=${b%%=*}
  echo "monitor/batch throughput ($l), median of $MON_ROUNDS: $(python3 -c "
import statistics, sys; v = [float(x) for x in sys.argv[1:]]
print('%.1f %% (runs: %s)' % (statistics.median(v), ', '.join('%.1f' % x for x in v)))" ${RATIOS[$l]}) (target >= 80 %)"
done
fi

if [[ " $SECTIONS " == *" 2 "* ]]; then
echo "== 2. delta monitor after 100 changed entities (load: $(cut -d' ' -f1-3 /proc/loadavg))"
# each build: a full run on v1 (kept as d.LABEL.db), then the delta runs
# on copies of it, builds alternating ROUNDS times
for b in $(bins); do
  l=${b%%=*}; B=${b#*=}
  fresh_store "$l"
  "$B" --index "$T/v1.$l.kdx" --store "$T/m.db" monitor --threads "$THREADS" >/dev/null
  sqlite3 "$T/m.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
  rm -f "$T/d.$l.db"*
  for f in "$T"/m.db*; do cp "$f" "$T/d.$l.db${f#"$T"/m.db}"; done
done
for r in $(seq 1 "$ROUNDS"); do
  for b in $(bins); do
    l=${b%%=*}; B=${b#*=}
    rm -f "$T/m.db"*
    for f in "$T"/d."$l".db*; do cp "$f" "$T/m.db${f#"$T"/d."$l".db}"; done
    t0=$(now)
    out=$(KORDON_MONITOR_TRACE=1 /usr/bin/time -f "cpu: %U s user, %S s sys" "$B" --index "$T/v2.$l.kdx" --store "$T/m.db" monitor --threads "$THREADS" --json 2>"$T/trace")
    t1=$(now)
    echo "round $r delta ($l): $(el "$t0" "$t1") s wall for the command, $(grep '^cpu' "$T/trace") ($(jf "mode entities_changed delta_candidates new updated closed seconds" <<<"$out"): mode, changed, re-scored records, new, updated, closed, seconds in the run; load $(cut -d' ' -f1 /proc/loadavg)) (target <= 5 s)"
    grep "delta:\|lists\|retired" "$T/trace" | sed "s/^/    ($l) /"
  done
done
fi
# the store the next steps use: the new build's
fresh_store new
"$K" --index "$T/v1.kdx" --store "$T/m.db" monitor --threads "$THREADS" >/dev/null

[[ " $SECTIONS " == *" 3 "* ]] || exit 0
echo "== 3. decisions, 50 concurrent reviewers, $DURATION s"
decide_bench() { # label store
  local port b l B r
  for r in $(seq 1 "$ROUNDS"); do
    for b in $(bins); do
      l=${b%%=*}; B=${b#*=}
      KORDON_COMMIT_TRACE=1 "$B" --index "$T/v1.$l.kdx" --store "$2" serve --listen 127.0.0.1:0 --max-per-ip 0 ${SERVE_ARGS:-} >"$T/serve.log" 2>&1 &
      SPID=$!; SEEN=0
      for i in $(seq 1 300); do
        port=$(grep -o 'msg="listening".* port=[0-9]*' "$T/serve.log" | grep -o '[0-9]*$')
        [ -n "$port" ] && curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
        sleep 0.2
      done
      python3 bench/bench_monitor_reviewers.py "$port" "$T/ids" "$DURATION" 50 |
        sed "s/^/round $r $1 ($l), paced: /"
      batches "$T/serve.log" "round $r $1 ($l), paced"
      wrk -t2 -c50 -d"$DURATION"s -s bench/bench_monitor_decide.lua \
        "http://127.0.0.1:$port" -- "$T/ids" | tail -1 |
        sed "s/^/round $r $1 ($l), saturated (50 back to back): /"
      batches "$T/serve.log" "round $r $1 ($l), saturated"
      kill "$SPID"; wait "$SPID" 2>/dev/null; SPID=""
    done
  done
}
# the group commit's batches since the last call (KORDON_COMMIT_TRACE
# lines in the server's log; a build without it prints none)
batches() { # log label
  local n
  n=$(grep -c '^commit: batch' "$1")
  grep '^commit: batch' "$1" | tail -n +"$((${SEEN:-0} + 1))" | awk -v l="$2" '
    { n++; r += $3; a += $5; c += $8 }
    END { if (n) printf "%s: %d commits, %.1f decisions per commit, %.2f ms running, %.2f ms committing (means)\n", l, n, r / n, a / n, c / n }'
  SEEN=$n
}
sqlite3 "$T/m.db" "SELECT id FROM alerts WHERE status = 'open' LIMIT 5000" >"$T/ids"
echo "(alerts in the store: $(wc -l <"$T/ids"))"
# the floor: the disk's own sync latency (fdatasync of 4 KiB) on the
# store's directory, on the checkout's and on a tmpfs, then a bare durable
# SQLite commit at the reviewers' pace, same disk, same run (no decision
# is acknowledged faster than the WAL syncs)
SHM=""; [ -d /dev/shm ] && [ -w /dev/shm ] && SHM=/dev/shm
python3 bench/bench_monitor_floor.py --sync --n 400 "$T" "$PWD" $SHM | sed "s/^/disk floor: /"
python3 bench/bench_monitor_floor.py "$T" "$DURATION" 80 | sed "s/^/sqlite baseline, /"
decide_bench "sqlite (target p99 <= 5 ms)" "$T/m.db"
python3 bench/bench_monitor_floor.py "$T" "$DURATION" 80 | sed "s/^/sqlite baseline, /"
# the same store on a tmpfs, where a sync costs nothing: what a decision
# costs apart from the disk (the server, the client, the scheduler)
if [ -n "$SHM" ]; then
  TS=$(mktemp -d "$SHM/kd_bench_mon.XXXXXX")
  cp "$T/m.db" "$TS/m.db"
  decide_bench "sqlite on tmpfs (no disk)" "$TS/m.db"
  rm -rf "$TS"; TS=""
fi
# PostgreSQL with the server's defaults for durability (fsync on,
# synchronous_commit on, wal_sync_method fdatasync, commit_delay 0): the
# settings are printed; pg_start DIR starts a cluster there
pg_start() {
  mkdir -p "$1"; [ "$(id -u)" -eq 0 ] && chown postgres "$1"
  pg_run "$PGBIN/initdb" -D "$1/data" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null 2>&1
  pg_run "$PGBIN/pg_ctl" -D "$1/data" -w -l "$1/log" \
    -o "-k $1 -c listen_addresses='' -c max_connections=200" start >/dev/null 2>&1
}
pg_stop() { pg_run "$PGBIN/pg_ctl" -D "$1/data" -m fast stop >/dev/null 2>&1; }
pg_bench_floor() { # url label: a bare one-row durable commit, paced 80/s
  printf 'INSERT INTO kd_floor(v) VALUES (repeat(%s, 300));\n' "'x'" >"$T/floor.sql"
  psql -qAtX "$1" -c "CREATE TABLE IF NOT EXISTS kd_floor(id bigserial PRIMARY KEY, v text)"
  (cd "$T" && rm -f pgbench_log.* && pgbench -n -f "$T/floor.sql" -R 80 -T "$DURATION" -c 4 -l "$1" >/dev/null 2>&1)
  cat "$T"/pgbench_log.* 2>/dev/null | awk '{ print $3 / 1000 }' | sort -n | awk -v l="$2" '
    { v[NR] = $1 } END { if (NR) printf "%s: %d commits, p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", l, NR, v[int(NR * 0.5) + 1], v[int(NR * 0.99) + 1], v[NR] }'
}
if [ -x "$PGBIN/initdb" ]; then
  PGDIR=$T/pg
  pg_start "$PGDIR"
  PG="postgresql://postgres@/postgres?host=$PGDIR"
  echo "postgresql settings: $(psql -qAtX "$PG" -c "SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'wal_sync_method', 'commit_delay', 'commit_siblings', 'full_page_writes', 'wal_writer_delay')")"
  head -20001 "$T/book.csv" >"$T/book20k.csv"
  "$K" --store "$PG" book import "$T/book20k.csv" >/dev/null
  "$K" --index "$T/v1.kdx" --store "$PG" monitor >/dev/null
  psql -qAtX "$PG" -c "SELECT id FROM alerts WHERE status = 'open'" >"$T/ids"
  echo "(alerts in the PostgreSQL store: $(wc -l <"$T/ids"))"
  pg_bench_floor "$PG" "postgresql baseline, durable commit floor (pgbench, 80/s)"
  decide_bench "postgresql (target p99 <= 10 ms)" "$PG"
  pg_bench_floor "$PG" "postgresql baseline, durable commit floor (pgbench, 80/s)"
  pg_stop "$PGDIR"; PGDIR=""
  if [ -n "$SHM" ]; then
    PGDIR=$(mktemp -d "$SHM/kd_bench_pg.XXXXXX"); chmod 755 "$PGDIR"
    pg_start "$PGDIR"
    PG="postgresql://postgres@/postgres?host=$PGDIR"
    "$K" --store "$PG" book import "$T/book20k.csv" >/dev/null
    "$K" --index "$T/v1.kdx" --store "$PG" monitor >/dev/null
    psql -qAtX "$PG" -c "SELECT id FROM alerts WHERE status = 'open'" >"$T/ids"
    pg_bench_floor "$PG" "postgresql on tmpfs, commit floor (pgbench, 80/s)"
    decide_bench "postgresql on tmpfs (no disk)" "$PG"
    pg_stop "$PGDIR"; rm -rf "$PGDIR"; PGDIR=""
  fi
else
  echo "postgresql: skipped, no $PGBIN/initdb"
fi
