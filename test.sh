#!/usr/bin/env bash
# test.sh - the README's second command: build with AddressSanitizer and
# UndefinedBehaviorSanitizer and -Werror, run the unit tests, replay every
# fuzz corpus, run the command-line tests, run the HTTP server and a
# multi-threaded batch under ThreadSanitizer, and build the libFuzzer
# targets for a short smoke run. The last line reads "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
scripts/deps.sh || exit 2
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Debug -DKD_WERROR=ON \
  -DKD_SANITIZER="address;undefined" >/dev/null || exit 2
if ! cmake --build build-test -j"$(nproc)" >build-test.log 2>&1; then
  grep -E "error|warning|Error" build-test.log | head -40
  echo "0 passed, 1 failed"
  exit 2
fi
echo "     build-test (ASan, UBSan) built at $SECONDS s"
# The TSan and libFuzzer builds run in the background on one core, at low
# priority, while the tests of build-test run (mostly one process at a
# time); each writes ok or fail to $bgdir/NAME when done.
bgdir=$(mktemp -d)
background_builds() {
  if cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Debug -DKD_BUILD_TESTS=OFF \
       -DKD_SANITIZER=thread >/dev/null &&
     nice cmake --build build-tsan -j1 --target kordon_cli >/dev/null 2>&1
  then echo "ok $SECONDS" >"$bgdir/tsan"; else echo fail >"$bgdir/tsan"; fi
  command -v clang >/dev/null || return 0
  if CC=clang cmake -S . -B build-fuzz -DKD_BUILD_FUZZERS=ON \
       -DKD_BUILD_TESTS=OFF -DKD_SANITIZER="address;undefined" >/dev/null &&
     nice cmake --build build-fuzz -j1 >/dev/null 2>&1
  then echo "ok $SECONDS" >"$bgdir/fuzz"; else echo fail >"$bgdir/fuzz"; fi
}
background_builds &
bgpid=$!

passed=0; failed=0
step() { # name, command... (output shown only when the step fails)
  local name=$1 log t0; shift
  log=$(mktemp); t0=$SECONDS
  if "$@" >"$log" 2>&1; then passed=$((passed + 1))
    echo "ok   $name ($((SECONDS - t0)) s)"
  else failed=$((failed + 1)); echo "FAIL $name ($((SECONDS - t0)) s)"
    tail -n 40 "$log"; fi
  rm -f "$log"
}
step "unit tests" build-test/kordon_tests
step "include layers (tests/layers.txt)" tests/layer_check_test.sh
step "C layout (.clang-format)" tests/format_check.sh
for r in build-test/replay_fuzz_*; do
  [ -x "$r" ] || continue
  name=$(basename "$r"); name=${name#replay_}
  step "corpus $name" "$r" "fuzz/corpus/$name"
done
step "cli tests" tests/cli_test.sh build-test/kordon
step "server tests" tests/server_test.sh build-test/kordon
# cmake --install (plain build with the shared library): installed kordon
# from another directory, a pkg-config program, man pages, systemd units
if cmake -S . -B build-install -DCMAKE_BUILD_TYPE=Debug -DKD_BUILD_TESTS=OFF \
     >/dev/null && cmake --build build-install -j"$(nproc)" \
     --target kordon_cli kordon_shared >/dev/null 2>&1; then
  step "install (DESTDIR, pkg-config, man, systemd)" \
    tests/install_test.sh build-install
else
  failed=$((failed + 1)); echo "FAIL install build"
fi
step "update tests" tests/update_test.sh build-test/kordon
step "FtM conformance (bundled lists, served answers)" \
  tests/yente_test.sh build-test/kordon conformance
step "yente client (Node) against kordon serve" \
  tests/yente_test.sh build-test/kordon client
step "store tests (SQLite, PostgreSQL)" tests/store_test.sh build-test/kordon
step "web interface in Chromium" tests/ui_test.sh build-test/kordon
# ThreadSanitizer: the server (worker threads, reloads with refcounted
# swaps) and batch (threads sharing one matcher, per-thread scratch)
tsan_batch() {
  local csv; csv=$(mktemp --suffix=.csv)
  { echo "name,birth_date"
    zcat bench/data/dev/negatives_us.csv.gz | sed -n '2,3001p' | cut -d, -f1,6
  } >"$csv"
  build-tsan/kordon --data tests/data/server batch --input "$csv" \
    --threads 2 >/dev/null
  local rc=$?; rm -f "$csv"
  [ "$rc" -le 1 ] # 0 no match, 1 matches
}
wait "$bgpid" # both background builds
if [ "$(cut -d' ' -f1 "$bgdir/tsan")" = ok ]; then
  echo "     build-tsan was built at $(cut -d' ' -f2 "$bgdir/tsan") s"
  export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
  step "server tests (TSan)" tests/server_test.sh build-tsan/kordon
  step "batch on 2 threads (TSan)" tsan_batch
  unset TSAN_OPTIONS
else
  failed=$((failed + 1)); echo "FAIL TSan build"
fi
if command -v clang >/dev/null; then
  if [ "$(cut -d' ' -f1 "$bgdir/fuzz")" = ok ]; then
    echo "     build-fuzz was built at $(cut -d' ' -f2 "$bgdir/fuzz") s"
    # the smoke runs are independent: as many at once as there are cores,
    # each into its own log; the steps then report them in order
    fz=$(mktemp -d); running=0
    for f in build-fuzz/fuzz_*; do
      [ -x "$f" ] || continue
      name=$(basename "$f")
      # new inputs go to a scratch dir, never into the committed corpus
      ( scratch=$(mktemp -d); t0=$SECONDS
        "$f" -runs=1000 -max_len=8192 -seed=1 "$scratch" \
          "fuzz/corpus/$name" >"$fz/$name.log" 2>&1
        echo "$? $((SECONDS - t0))" >"$fz/$name.rc"; rm -rf "$scratch" ) &
      running=$((running + 1))
      if [ "$running" -ge "$(nproc)" ]; then wait -n; running=$((running - 1)); fi
    done
    wait
    fuzz_result() { # name: its log, and its exit status
      cat "$fz/$1.log"
      [ "$(cut -d' ' -f1 "$fz/$1.rc")" = 0 ]
    }
    for f in build-fuzz/fuzz_*; do
      [ -x "$f" ] || continue
      name=$(basename "$f")
      step "fuzz smoke $name, ran $(cut -d' ' -f2 "$fz/$name.rc") s" \
        fuzz_result "$name"
    done
    rm -rf "$fz"
  else
    failed=$((failed + 1)); echo "FAIL fuzz build"
  fi
fi
rm -rf "$bgdir"
echo "     all steps done at $SECONDS s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
