#!/usr/bin/env bash
# install_test.sh BUILD_DIR - checks `cmake --install` of a built tree
# (a build without sanitizers, with the shared library):
#   1. staged into a temporary DESTDIR: the files land under DESTDIR only,
#      the library has its SONAME, and the staged `kordon lists` and
#      `kordon screen` work from another directory with no --data, finding
#      the bundled lists relative to the executable (also after the tree
#      is moved);
#   2. installed with `--prefix DIR` (the README's way): a C program
#      built with nothing but `pkg-config --cflags --libs kordon` screens
#      a name through libkordon.so, and again with libkordon.a linked in
#      and its dependencies (kordon.pc's Requires.private and
#      Libs.private) linked as shared libraries;
#   3. every man page renders without a warning, kordon(1) has a section
#      and the bash completion a word for every command `kordon --help`
#      lists, and the completion offers list ids from `kordon lists`;
#   4. `systemd-analyze verify` accepts the installed units, without a
#      single complaint.
# Exit status 0 when everything holds; each failure names what broke.
# (no `cmd | grep -q` under pipefail: grep leaving early would fail the
# pipeline with SIGPIPE; outputs are captured first)
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
build=$(cd "$1" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset KORDON_DATA
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
cache() { sed -n "s/^$1:[A-Z]*=//p" "$build/CMakeCache.txt"; }

prefix=$(cache CMAKE_INSTALL_PREFIX)
libdir=$(cache CMAKE_INSTALL_LIBDIR)
case $libdir in /*) libdir=${libdir#"$prefix"/} ;; esac
[ "$(cache KD_BUILD_SHARED)" = ON ] ||
  { echo "FAIL: $build has no shared library (KD_BUILD_SHARED)" >&2; exit 1; }

# ---- 1. DESTDIR staging ---------------------------------------------------
DESTDIR=$tmp/stage cmake --install "$build" >"$tmp/install.log" ||
  { cat "$tmp/install.log"; exit 1; }
root=$tmp/stage$prefix
stray=$(grep -- "-- Installing: \|-- Up-to-date: " "$tmp/install.log" |
  sed 's/^-- [A-Za-z-]*: //' | grep -v "^$tmp/stage/" || true)
[ -z "$stray" ] && echo "ok   DESTDIR: every file under it" ||
  fail "installed outside DESTDIR: $stray"
for f in bin/kordon include/kordon.h "$libdir/libkordon.a" \
  "$libdir/libkordon.so" "$libdir/pkgconfig/kordon.pc" \
  share/kordon/data/lists.conf share/man/man1/kordon.1 \
  share/man/man5/kordon.conf.5 share/man/man3/libkordon.3 \
  share/bash-completion/completions/kordon share/doc/kordon/README.md; do
  [ -e "$root/$f" ] || fail "missing $prefix/$f"
done
soname=$(objdump -p "$root/$libdir/libkordon.so" | awk '/SONAME/ {print $2}')
version=$(sed -n 's/^#define KD_VERSION_STRING "\(.*\)"/\1/p' "$root/include/kordon.h")
[ -n "$soname" ] && [ -f "$root/$libdir/$soname" ] &&
  [ -f "$root/$libdir/libkordon.so.$version" ] &&
  echo "ok   $soname -> libkordon.so.$version" ||
  fail "SONAME '$soname' or libkordon.so.$version missing"

# from another directory, no --data: the lists beside the binary
staged_lists() { # bin dir, expected data dir
  local out rc=0
  out=$(cd "$tmp" && "$1/kordon" lists 2>&1) || rc=$?
  if [ "$rc" -ne 0 ]; then fail "kordon lists: exit $rc: $out"; return; fi
  grep -q "^un_sc " <<<"$out" && grep -q "file $2/un/" <<<"$out" ||
    { fail "kordon lists does not read $2:"; echo "$out" | head -5 >&2; return; }
  echo "ok   $1/kordon lists reads $2"
  out=$(cd / && "$1/kordon" screen "Sergej Lawrow" 2>&1) || rc=$?
  [ "$rc" -eq 1 ] && grep -qi "LAVROV" <<<"$out" &&
    echo "ok   kordon screen from / finds LAVROV (exit 1)" ||
    fail "kordon screen: exit $rc: $out"
}
staged_lists "$root/bin" "$root/share/kordon/data"
mv "$tmp/stage" "$tmp/moved"
staged_lists "$tmp/moved$prefix/bin" "$tmp/moved$prefix/share/kordon/data"
rm -rf "$tmp/moved"

# ---- 2. --prefix install, pkg-config --------------------------------------
k=$tmp/k
cmake --install "$build" --prefix "$k" >/dev/null
export PKG_CONFIG_PATH=$k/$libdir/pkgconfig
cat >"$tmp/screen.c" <<'EOF'
#include <kordon.h>
#include <stdio.h>

int main(int argc, char **argv)
{
	kd_db *db;
	kd_matcher *m;
	kd_result *r;
	size_t n, i;
	kd_load_opts lo = KD_LOAD_OPTS_INIT;
	kd_match_opts mo = KD_MATCH_OPTS_INIT;
	kd_query *q;
	if (argc != 3 || kd_version() != KD_VERSION_NUM)
		return 3;
	if (kd_query_new(&q, KD_SCHEMA_THING) < 0 ||
	    kd_query_add(q, "name", argv[2]) < 0 ||
	    kd_db_load(&db, argv[1], &lo, NULL) < 0 ||
	    kd_matcher_new(&m, db) < 0 || kd_screen(&r, &n, m, q, &mo) < 0) {
		fprintf(stderr, "%s\n", kd_error_last());
		return 2;
	}
	kd_query_free(q);
	for (i = 0; i < n; i++)
		printf("%.2f %d %s\n", r[i].score, r[i].match,
		       kd_entity_caption(r[i].entity));
	kd_results_free(r);
	kd_matcher_free(m);
	kd_db_free(db);
	return 0;
}
EOF
pc_prefix=$(pkg-config --variable=prefix kordon)
[ "$pc_prefix" = "$k" ] && echo "ok   kordon.pc prefix is the --prefix" ||
  fail "kordon.pc prefix '$pc_prefix', want $k"
[ "$(pkg-config --modversion kordon)" = "$version" ] ||
  fail "kordon.pc version $(pkg-config --modversion kordon), want $version"
run_prog() { # label, binary
  local out rc=0
  out=$(LD_LIBRARY_PATH=$k/$libdir "$2" "$k/share/kordon/data" \
    "Sergej Lawrow" 2>&1) || rc=$?
  [ "$rc" -eq 0 ] && grep -q "^0\.[0-9][0-9] 1 .*LAVROV" <<<"$out" &&
    echo "ok   $1: $(head -1 <<<"$out")" || fail "$1: exit $rc: $out"
}
# shellcheck disable=SC2046 # word splitting of the flags is the point
if cc -o "$tmp/screen" "$tmp/screen.c" $(pkg-config --cflags --libs kordon); then
  deps=$(LD_LIBRARY_PATH=$k/$libdir ldd "$tmp/screen")
  grep -q "libkordon.so.* => $k/$libdir/$soname" <<<"$deps" ||
    fail "program not linked to $k/$libdir/$soname"
  run_prog "pkg-config program (shared)" "$tmp/screen"
else
  fail "cc with pkg-config --cflags --libs kordon"
fi
# libkordon.a linked in, its dependencies (Requires.private, Libs.private
# of kordon.pc) linked as shared libraries: what a user of libkordon-dev
# can do on Debian: a fully static `pkg-config --static --libs kordon`
# link needs static archives of libcurl's own dependencies (nghttp2, ssh2,
# psl, ldap, ...), which libcurl4-openssl-dev does not install, and
# Debian ships none for Kerberos (libgssapi_krb5).
pc_file=$(pkg-config --variable=pcfiledir kordon)/kordon.pc
libs_private=$(sed -n 's/^Libs\.private: *//p' "$pc_file")
reqs_private=$(pkg-config --print-requires-private kordon)
[ -n "$reqs_private" ] || fail "kordon.pc has no Requires.private"
# shellcheck disable=SC2046,SC2086
if cc -o "$tmp/screen_static" "$tmp/screen.c" $(pkg-config --cflags kordon) \
  "$(pkg-config --variable=libdir kordon)/libkordon.a" \
  $(pkg-config --libs $reqs_private) $libs_private; then
  deps=$(ldd "$tmp/screen_static")
  ! grep -q libkordon <<<"$deps" ||
    fail "static program still wants libkordon.so"
  run_prog "libkordon.a + shared dependencies" "$tmp/screen_static"
else
  fail "link libkordon.a with pkg-config --libs of kordon.pc's" \
    "Requires.private ($reqs_private) and Libs.private ($libs_private)"
fi

# ---- 3. man pages, commands, completion -----------------------------------
for page in "$k"/share/man/man*/*; do
  grep -q "^\.TH .* \"kordon $version\" " "$page" ||
    fail "$(basename "$page"): .TH does not say kordon $version"
  if MANWIDTH=80 man --warnings -l -E UTF-8 -Tutf8 "$page" \
      >"$tmp/page.txt" 2>"$tmp/warn.txt" && [ ! -s "$tmp/warn.txt" ] &&
      [ -s "$tmp/page.txt" ]; then
    echo "ok   man $(basename "$page"): no warnings"
  else
    fail "man $(basename "$page"):"; cat "$tmp/warn.txt" >&2
  fi
done
# a command starts a line of the list, or follows "| " on it
# ("  alerts | alert show ID | decide ID   review alerts")
help_cmds=$("$k/bin/kordon" --help | sed -n '/^commands:/,/^$/p')
commands=$(grep -o '^  [a-z][a-z-]* \|| [a-z][a-z-]* ' <<<"$help_cmds" |
  sed 's/^[ |]*//; s/ $//')
[ -n "$commands" ] || fail "no commands in kordon --help"
# shellcheck source=/dev/null
source "$k/share/bash-completion/completions/kordon"
complete_words() { # words... ; prints the completions of the last word
  COMP_WORDS=("$@")
  COMP_CWORD=$(($# - 1))
  COMPREPLY=()
  _kordon || true
  printf '%s\n' "${COMPREPLY[@]}"
}
for c in $commands; do
  grep -q "^\.SS kordon $c\b" "$k/share/man/man1/kordon.1" ||
    fail "kordon(1) has no section for '$c'"
  grep -qx "$c" <<<"$(complete_words "$k/bin/kordon" "${c:0:2}")" ||
    fail "completion does not offer '$c'"
done
echo "ok   kordon(1) and completion cover: $(echo $commands)"
grep -qx -- --schema <<<"$(complete_words "$k/bin/kordon" screen --sch)" ||
  fail "completion: screen --sch"
grep -qx -- --store <<<"$(complete_words "$k/bin/kordon" --st)" ||
  fail "completion: global --store"
grep -qx false_positive <<<"$(complete_words "$k/bin/kordon" --store x.db \
  decide 1 --as f)" || fail "completion: decide --as"
grep -qx four_eyes <<<"$(complete_words "$k/bin/kordon" store set "")" ||
  fail "completion: store set"
ids=$(complete_words "$k/bin/kordon" update "")
grep -qx un_sc <<<"$ids" && grep -qx ofac_sdn <<<"$ids" &&
  echo "ok   completion offers list ids: $(echo $ids)" ||
  fail "completion list ids: '$ids'"

# ---- 4. systemd units -----------------------------------------------------
units=$k/$(cache KD_SYSTEMD_UNITDIR)
case $(cache KD_SYSTEMD_UNITDIR) in /*) units=$(cache KD_SYSTEMD_UNITDIR) ;; esac
if [ -f "$units/kordon.service" ]; then
  # MANPATH: Documentation=man:kordon(1) must resolve to the installed page
  if MANPATH=$k/share/man: systemd-analyze verify "$units/kordon.service" \
      "$units/kordon-update.service" "$units/kordon-update.timer" \
      >"$tmp/verify.txt" 2>&1 && [ ! -s "$tmp/verify.txt" ]; then
    echo "ok   systemd-analyze verify: 3 units, no complaint"
  else
    fail "systemd-analyze verify:"; cat "$tmp/verify.txt" >&2
  fi
  grep -q "^ExecStart=$k/bin/kordon serve --config $k/etc/kordon/serve.conf$" \
    "$units/kordon.service" || fail "kordon.service ExecStart paths"
  # the server's store lives in its StateDirectory, not beside the lists
  grep -q "^StateDirectory=kordon$" "$units/kordon.service" &&
    grep -q "^Environment=KORDON_STORE=%S/kordon/kordon.db$" \
      "$units/kordon.service" || fail "kordon.service: store not in %S/kordon"
  # the config the unit names is accepted by the installed server parser
  out=$("$k/bin/kordon" serve --config "$k/etc/kordon/serve.conf" \
    --listen 999.0.0.1:1 2>&1) && fail "serve with a bad address started"
  grep -q "listen address" <<<"$out" || fail "serve.conf rejected: $out"
else
  fail "no units in $units"
fi

[ "$failures" -eq 0 ] && echo "install test: all checks passed" ||
  { echo "install test: $failures failures" >&2; exit 1; }
