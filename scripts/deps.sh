#!/usr/bin/env bash
# deps.sh - install the Debian packages Kordon builds with, if missing.
# Needs root (or sudo) only when something is actually missing.
set -euo pipefail
pkgs=(build-essential cmake pkg-config libicu-dev libxml2-dev
      libjansson-dev zlib1g-dev libxxhash-dev libmicrohttpd-dev clang
      libclang-rt-14-dev libcurl4-openssl-dev libssl-dev
      curl python3 nodejs
      libsqlite3-dev libpq-dev postgresql chromium)
# the legal-form tables from data/names/rigour (tools/gen_names_ref.c)
pkgs+=(libyaml-dev)
# the C layout check of the test run (tests/format_check.sh, .clang-format)
pkgs+=(clang-format)
# the scanner's language lexicon (tools/gen_lexicon.c, at build time)
pkgs+=(hunspell-en-us hunspell-de-de hunspell-fr-classical hunspell-es
       hunspell-it hunspell-pl hunspell-ru hunspell-cs wamerican wngerman
       wfrench wspanish witalian)
# HTTP load during list updates (tests/update_test.sh, bench/bench_http.sh)
pkgs+=(wrk)
# the web interface's browser test: npm from Debian unless the installed
# nodejs bundles it (NodeSource's does)
command -v npm >/dev/null || pkgs+=(npm)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi
