#!/usr/bin/env bash
# run.sh - the README's first command: install missing build dependencies,
# build Kordon, show the bundled lists, and screen a sample name.
set -euo pipefail
cd "$(dirname "$0")"
scripts/deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
build/kordon lists
echo
set +e
build/kordon screen "Sergej Lawrow"
rc=$?
set -e
# screen exits 1 when it finds a match (like grep): that is success here.
[ "$rc" -le 1 ]
