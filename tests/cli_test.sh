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
exit $fail
