#!/usr/bin/env bash
# test.sh - the README's second command: build with AddressSanitizer and
# UndefinedBehaviorSanitizer and -Werror, run the unit tests, replay every
# fuzz corpus, run the command-line tests, and build the libFuzzer targets
# for a short smoke run. The last line reads "N passed, N failed".
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

passed=0; failed=0
step() { # name, command... (output shown only when the step fails)
  local name=$1 log; shift
  log=$(mktemp)
  if "$@" >"$log" 2>&1; then passed=$((passed + 1)); echo "ok   $name"
  else failed=$((failed + 1)); echo "FAIL $name"; tail -n 40 "$log"; fi
  rm -f "$log"
}
step "unit tests" build-test/kordon_tests
for r in build-test/replay_fuzz_*; do
  [ -x "$r" ] || continue
  name=$(basename "$r"); name=${name#replay_}
  step "corpus $name" "$r" "fuzz/corpus/$name"
done
step "cli tests" tests/cli_test.sh build-test/kordon
step "server tests" tests/server_test.sh build-test/kordon
if command -v clang >/dev/null; then
  if CC=clang cmake -S . -B build-fuzz -DKD_BUILD_FUZZERS=ON \
       -DKD_BUILD_TESTS=OFF -DKD_SANITIZER="address;undefined" >/dev/null &&
     cmake --build build-fuzz -j"$(nproc)" >/dev/null 2>&1; then
    for f in build-fuzz/fuzz_*; do
      [ -x "$f" ] || continue
      name=$(basename "$f")
      # new inputs go to a scratch dir, never into the committed corpus
      scratch=$(mktemp -d)
      step "fuzz smoke $name" "$f" -runs=3000 -max_len=8192 -seed=1 \
        "$scratch" "fuzz/corpus/$name"
      rm -rf "$scratch"
    done
  else
    failed=$((failed + 1)); echo "FAIL fuzz build"
  fi
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
