#!/usr/bin/env bash
# update_test.sh - end-to-end tests of `kordon update` and `kordon diff`
# against a local publisher (tests/update_server.py on 127.0.0.1, a free
# port; nothing touches the internet):
#
#   first download (EU list new, OFAC CSV set with its companion files),
#   304 unchanged, a changed list (the report shows exactly the change,
#   text and JSON, `kordon diff` between kept versions, --data on an old
#   version), checksum mismatch, truncated downloads (with and without
#   Content-Length), an HTML page instead of the list, 86 % of entities
#   lost (refused, then accepted with --force), a hanging server
#   (timeout), HTTP 500 (retried, then failed), a concurrent update
#   (lock), version pruning, and `kordon serve` under wrk load while
#   updates switch versions and signal it (0 failed requests), and the
#   per-party report (`kordon diff` and `kordon update`) on linked lists.
#
# After every failure lists.conf must be byte-identical and the lists must
# still load. Usage: tests/update_test.sh PATH/TO/kordon (exit 0 if all
# pass). Runs in ~25 s under ASan.
set -u
K=${1:?usage: update_test.sh KORDON}
case $K in /*) ;; *) K=$PWD/$K ;; esac
cd "$(dirname "$0")/.."
for tool in python3 curl; do
  command -v $tool >/dev/null || { echo "update_test: $tool is required"; exit 2; }
done

T=$(mktemp -d /tmp/kd_upd_test.XXXXXX)
SRV=""; PID=""; BG=()
cleanup() {
  local p
  for p in "${BG[@]}"; do kill "$p" 2>/dev/null; done
  [ -n "$PID" ] && kill -KILL "$PID" 2>/dev/null
  [ -n "$SRV" ] && kill "$SRV" 2>/dev/null
  rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 2' INT TERM

passed=0; failed=0
ok()  { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "  update: $*"; }
check() { # description command...
  local d=$1; shift
  if "$@"; then ok; else bad "$d"; fi
}

# ---- the publisher ---------------------------------------------------------
mkdir -p "$T/www" "$T/data/ofac" "$T/v"
python3 tests/update_server.py "$T/www" "$T/srv.log" "$T/port" 2>"$T/srv.err" &
SRV=$!
for i in $(seq 100); do [ -s "$T/port" ] && break; sleep 0.05; done
[ -s "$T/port" ] || { echo "update_test: test server did not start"; cat "$T/srv.err"; exit 2; }
U=http://127.0.0.1:$(cat "$T/port")

# EU versions: v1 the fixture (6 entities); v2 = v1 + an alias and a
# passport of eu-13, a birth date of eu-7310 made exact (1975-03 ->
# 1975-03-14), a new entity eu-9001, dated 2026-12-01; v3 = v2 with one
# entity left.
cp tests/data/eu/eu_fsf.xml "$T/v/v1.xml"
python3 - "$T/v" <<'EOF'
import re, sys
d = sys.argv[1]
s = open(d + "/v1.xml", encoding="utf-8").read()
s = s.replace('generationDate="2026-11-28', 'generationDate="2026-12-01')
alias = ('<nameAlias firstName="" middleName="" lastName="" wholeName="Abu Udayy" '
         'function="" gender="M" title="" nameLanguage="" strong="true" '
         'regulationLanguage="en" logicalId="18"/>\n')
anchor = '<nameAlias firstName="" middleName="" lastName="" wholeName="Abu Ali"'
assert anchor in s
s = s.replace(anchor, alias + anchor, 1)
ident = ('<identification diplomatic="false" number="A1234567" '
         'countryIso2Code="IQ" identificationTypeCode="passport" '
         'logicalId="22"/>\n')
anchor2 = '<citizenship region="" countryIso2Code="IQ"'
assert anchor2 in s
s = s.replace(anchor2, ident + anchor2, 1)
old_bd = 'dayOfMonth="" monthOfYear="3" year="1975"'
assert old_bd in s
s = s.replace(old_bd, 'dayOfMonth="14" monthOfYear="3" year="1975"', 1)
new = ('<sanctionEntity designationDetails="" unitedNationId="" '
       'euReferenceNumber="EU.9999.01" logicalId="9001">\n'
       '<regulation regulationType="amendment" organisationType="council" '
       'publicationDate="2026-12-01" programme="RUS" logicalId="9">\n'
       '<publicationUrl>https://eur-lex.europa.eu/x</publicationUrl>\n'
       '</regulation>\n<subjectType code="person" classificationCode="P"/>\n'
       '<nameAlias wholeName="Ivan Testovich NOVIKOV" firstName="Ivan" '
       'lastName="Novikov" strong="true" gender="M" logicalId="9002"/>\n'
       '<birthdate birthdate="1971-02-03" year="1971" circa="false" '
       'countryIso2Code="RU" logicalId="9003"/>\n</sanctionEntity>\n')
s = s.replace("</export>", new + "</export>")
open(d + "/v2.xml", "w", encoding="utf-8").write(s)
ents = re.findall(r"<sanctionEntity.*?</sanctionEntity>\n", s, re.S)
head = s[: s.index("<sanctionEntity")]
open(d + "/v3.xml", "w", encoding="utf-8").write(head + ents[0] + "</export>\n")
EOF
publish() { # version: the EU file served and its published checksum
  cp "$T/v/$1.xml" "$T/www/eu_fsf.xml"
  touch -d "@$(( $(date +%s) + ${2:-0} ))" "$T/www/eu_fsf.xml"
  (cd "$T/www" && sha256sum eu_fsf.xml >eu_fsf.xml.sha256)
}
publish v1
cp tests/data/ofac_csv/*.csv "$T/www/"
cp tests/data/ofac_csv/*.csv "$T/data/ofac/"   # the "bundled" version

conf() { # the EU url mode and checksum url
  cat >"$T/data/lists.conf" <<EOF
# lists for update_test.sh
[eu_fsf]
format = eu_xml
file = eu/eu_fsf.xml.gz
title = EU Financial Sanctions Files (test)
url = $U/${1:-files}/eu_fsf.xml
sha256 = $U/files/${2:-eu_fsf.xml.sha256}

[ofac_sdn]
format = ofac_csv
file = ofac/sdn.csv
title = OFAC SDN (test)
date = 2024-05-03
url = $U/files/sdn.csv
EOF
}
conf
# set the EU url mode in the live lists.conf (keeps the file line)
eu_url() { sed -i "s#^url = .*/eu_fsf.xml\$#url = $U/$1/eu_fsf.xml#" "$T/data/lists.conf"; }

upd() { # args...: run update, output in $T/out, status in RC
  "$K" --data "$T/data" update "$@" >"$T/out" 2>"$T/err"; RC=$?
  if grep -qE "Sanitizer|runtime error" "$T/err"; then
    bad "sanitizer report: $(head -20 "$T/err")"
  fi
}
out_has() { grep -qF -- "$2" "$T/out" && ok || bad "$1: output lacks '$2': $(head -c 600 "$T/out") $(head -c 300 "$T/err")"; }
err_has() { grep -qF -- "$2" "$T/err" && ok || bad "$1: stderr lacks '$2': $(head -c 600 "$T/err")"; }
conf_sum() { sha256sum "$T/data/lists.conf" | cut -d' ' -f1; }
# kept: the failure left lists.conf as it was and the lists still load
kept() {
  [ "$(conf_sum)" = "$1" ] && ok || bad "$2: lists.conf changed after a failure"
  "$K" --data "$T/data" lists >/dev/null 2>&1 && ok || bad "$2: lists no longer load"
  ls -d "$T"/data/*/versions/.tmp-* >/dev/null 2>&1 && bad "$2: temporary directory left" || ok
}
count() { "$K" --data "$1" lists --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])'; }

# ---- usage -----------------------------------------------------------------
"$K" update --help >"$T/out" 2>&1 && out_has "help" "usage: kordon"
"$K" --data "$T/data" update --frob >/dev/null 2>&1; [ $? = 2 ] && ok || bad "unknown option: not exit 2"
"$K" --data "$T/data" update no_such_list >/dev/null 2>"$T/err"; [ $? = 2 ] && ok || bad "unknown list: not exit 2"
err_has "unknown list" "no list [no_such_list]"
"$K" --data tests/data/eu/eu_fsf.xml update >/dev/null 2>"$T/err"; [ $? = 2 ] && ok || bad "file as data: not exit 2"

# ---- first download --------------------------------------------------------
upd
[ "$RC" = 0 ] && ok || bad "first download: exit $RC: $(cat "$T/out" "$T/err")"
out_has "first EU" "eu_fsf: updated (none) -> 2026-11-28-"
out_has "first EU report" "list eu_fsf: 6 added, 0 removed, 0 changed (0 -> 6 entities)"
out_has "first OFAC" "ofac_sdn: updated sdn.csv -> "
out_has "OFAC same content" "list ofac_sdn: 0 added, 0 removed, 0 changed (9 -> 9 entities)"
V1=$(sed -n 's#^file = eu/versions/\([^/]*\)/eu_fsf.xml.gz$#\1#p' "$T/data/lists.conf")
[ -n "$V1" ] && [ -f "$T/data/eu/versions/$V1/eu_fsf.xml.gz" ] && ok || bad "no EU version in lists.conf: $(cat "$T/data/lists.conf")"
[ -f "$T/data/eu/versions/$V1/lists.conf" ] && ok || bad "version without its own lists.conf"
# the stored file is gzip and decompresses to the bytes published
zcat "$T/data/eu/versions/$V1/eu_fsf.xml.gz" | cmp -s - "$T/v/v1.xml" && ok || bad "stored EU file differs from the published one"
for f in sdn alt add sdn_comments; do
  grep -q "^/files/$f.csv 200" "$T/srv.log" && ok || bad "OFAC companion $f.csv not fetched"
  ls "$T"/data/ofac/versions/*/"$f.csv.gz" >/dev/null 2>&1 && ok || bad "OFAC $f.csv.gz not kept"
done
# OFAC CSV carries no date: the version and lists.conf take Last-Modified's
grep -q "^date = $(date -u +%Y-%m-%d)" "$T/data/lists.conf" && ok || bad "OFAC date not set from Last-Modified: $(cat "$T/data/lists.conf")"
"$K" --data "$T/data" lists >"$T/out" 2>&1
out_has "lists shows the version" "version $V1 (kordon update)"
[ "$(count "$T/data")" = 15 ] && ok || bad "lists after first update: $(count "$T/data") entities, expected 15"
"$K" --data "$T/data" lists --json | grep -qF "\"version\":\"$V1\"" && ok || bad "lists --json lacks the version"

# ---- 304 -------------------------------------------------------------------
: >"$T/srv.log"
upd
[ "$RC" = 0 ] && ok || bad "304: exit $RC"
out_has "304 EU" "eu_fsf: unchanged, not modified (HTTP 304) (version $V1)"
out_has "304 OFAC" "ofac_sdn: unchanged, not modified (HTTP 304)"
grep -q '^/files/eu_fsf.xml 304 inm="' "$T/srv.log" && ok || bad "no conditional request: $(cat "$T/srv.log")"
[ "$(grep -c . "$T/srv.log")" = 2 ] && ok || bad "304 run made $(grep -c . "$T/srv.log") requests, expected 2"

# ---- a changed list --------------------------------------------------------
publish v2 5
upd eu_fsf
[ "$RC" = 0 ] && ok || bad "changed list: exit $RC: $(cat "$T/err")"
out_has "v2 header" "eu_fsf: updated $V1 -> 2026-12-01-"
out_has "v2 report" "list eu_fsf: 1 added, 0 removed, 2 changed (6 -> 7 entities)"
out_has "v2 added" "+ eu-9001  Person  Ivan Testovich NOVIKOV"
out_has "v2 changed" "~ eu-13  Person  Saddam Hussein Al-Tikriti"
out_has "v2 alias" "    + alias: Abu Udayy"
out_has "v2 passport" "    + passportNumber: A1234567"
out_has "v2 changed 2" "~ eu-7310  Person  Aleksandr PETROV"
out_has "v2 birth date added" "    + birthDate: 1975-03-14"
out_has "v2 birth date removed" "    - birthDate: 1975-03"
# exactly these entry lines: 1 added, 2 changed, their 4 value changes
n=$(grep -cE '^(\+|-|~|    [+-]) ' "$T/out")
[ "$n" = 7 ] && ok || bad "v2 report has $n entry lines, expected 7: $(cat "$T/out")"
grep -q "^ofac_sdn" "$T/out" && bad "LIST argument ignored: ofac_sdn updated too" || ok
V2=$(sed -n 's#^file = eu/versions/\([^/]*\)/eu_fsf.xml.gz$#\1#p' "$T/data/lists.conf")
[ "$V2" != "$V1" ] && ok || bad "version did not change"
case $V2 in 2026-12-01-*) ok ;; *) bad "version $V2 not dated by the file's generationDate" ;; esac
# kordon diff between the kept versions, JSON, checked field by field
"$K" diff "$T/data/eu/versions/$V1" "$T/data/eu/versions/$V2" --json >"$T/diff.json"
[ $? = 1 ] && ok || bad "diff with changes: exit status not 1"
python3 - "$T/diff.json" <<'EOF' && ok || bad "diff --json content: $(cat "$T/diff.json")"
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d["lists"]) == 1
l = d["lists"][0]
assert l["list"] == "eu_fsf" and l["old_entities"] == 6 and l["new_entities"] == 7
assert [a["id"] for a in l["added"]] == ["eu-9001"], l["added"]
assert l["removed"] == []
ch = {c["id"]: c for c in l["changed"]}
assert sorted(ch) == ["eu-13", "eu-7310"], sorted(ch)
c = ch["eu-13"]
assert c["old_hash"] != c["hash"] and len(c["hash"]) == 16
assert c["changes"] == [
    {"property": "alias", "added": ["Abu Udayy"], "removed": []},
    {"property": "passportNumber", "added": ["A1234567"], "removed": []}], c["changes"]
assert ch["eu-7310"]["changes"] == [
    {"property": "birthDate", "added": ["1975-03-14"], "removed": ["1975-03"]}], ch["eu-7310"]
assert d["totals"] == {"added": 1, "removed": 0, "changed": 2, "unchanged": 4}
EOF
"$K" diff "$T/data/eu/versions/$V2" "$T/data/eu/versions/$V1" >"$T/out"; [ $? = 1 ] && ok || bad "reverse diff exit"
out_has "reverse diff" "- eu-9001  Person"
out_has "reverse diff alias" "    - alias: Abu Udayy"
"$K" diff "$T/data/eu/versions/$V2" "$T/data/eu/versions/$V2" >"$T/out"; [ $? = 0 ] && ok || bad "diff of equal versions: exit not 0"
out_has "no change" "list eu_fsf: 0 added, 0 removed, 0 changed (7 -> 7 entities)"
"$K" diff "$T/data/eu/versions/$V1" /nonexistent >/dev/null 2>&1; [ $? = 2 ] && ok || bad "diff of a missing path: not exit 2"
# per party (issue 15): records of one party linked across four lists
# (tests/data/diff_clusters): a join, a split, a merge, an id change
DC=tests/data/diff_clusters
"$K" diff $DC/old $DC/new >"$T/out"; [ $? = 1 ] && ok || bad "party diff exit"
out_has "party section" "parties: 0 added, 2 removed, 4 changed, 0 unchanged"
out_has "party join" "    + member uk-13332 (was on its own): uk-13332 -> un-KPi.021: UN reference KPi.021 in notes"
out_has "party split" "    split into: QDi.900 + ofac-S1"
out_has "party id" "    id: kd-57735830a5321ebd -> KPi.050"
"$K" diff $DC/old $DC/new --json >"$T/diff.json"
python3 - "$T/diff.json" <<'EOF' && ok || bad "party diff --json: $(cat "$T/diff.json")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["totals"] == {"added": 1, "removed": 1, "changed": 3, "unchanged": 10}, d["totals"]
assert d["party_totals"] == {"added": 0, "removed": 2, "changed": 4, "unchanged": 0}
p = {x["id"]: x for x in d["parties"]}
assert sorted(p) == ["KPi.021", "KPi.050", "KPi.060", "QDi.900", "QDi.901", "kd-0b1b4c2b437b2264"], sorted(p)
j = p["KPi.021"]["joined"]
assert j == [{"id": "uk-13332", "was": "alone", "from": None, "link": {
    "from": "uk-13332", "to": "un-KPi.021", "reason": "UN reference KPi.021 in notes"}}], j
assert p["QDi.900"]["left"] == [{"id": "ofac-S1", "now": "alone", "to": None}]
assert p["QDi.900"]["split_into"] == ["QDi.900", "ofac-S1"]
assert p["KPi.060"]["merged_from"] == ["KPi.060", "kd-0b1b4c2b437b2264"]
assert p["KPi.050"]["old_id"] == "kd-57735830a5321ebd" and p["KPi.050"]["status"] == "changed"
assert p["QDi.901"]["status"] == "removed" and p["QDi.901"]["hash"] is None
EOF
# an old version stays usable with --data
[ "$(count "$T/data/eu/versions/$V1")" = 6 ] && ok || bad "--data on the old version"
[ "$(count "$T/data")" = 16 ] && ok || bad "lists after v2: $(count "$T/data")"

# ---- failures: each keeps the version in use --------------------------------
publish v1 10   # a new version is on offer from here on
SUM=$(conf_sum)
# checksum mismatch
echo "0000000000000000000000000000000000000000000000000000000000000000  eu_fsf.xml" >"$T/www/eu_fsf.xml.sha256"
upd eu_fsf
[ "$RC" = 1 ] && ok || bad "checksum mismatch: exit $RC"
out_has "checksum" "eu_fsf: FAILED: checksum mismatch: published sha256 0000"
err_has "checksum stderr" "the previous version stays in use"
kept "$SUM" "checksum"
(cd "$T/www" && sha256sum eu_fsf.xml >eu_fsf.xml.sha256)
# from here on without a published checksum (most publishers give none),
# so that what follows reaches the later checks
sed -i '/^sha256 = /d' "$T/data/lists.conf"

# truncated with Content-Length: curl notices; retried, then failed
eu_url truncate; SUM=$(conf_sum)
upd eu_fsf --retries 1 --backoff 50
[ "$RC" = 1 ] && ok || bad "truncated: exit $RC"
out_has "truncated" "eu_fsf: FAILED: download failed:"
out_has "truncated retried" "(2 attempts)"
kept "$SUM" "truncated"
# truncated without Content-Length: only the parse can tell
eu_url trunc-nolen; SUM=$(conf_sum)
upd eu_fsf
[ "$RC" = 1 ] && ok || bad "truncated (no length): exit $RC"
out_has "truncated parse" "eu_fsf: FAILED: the download does not parse:"
grep -qE "eu_fsf.xml.gz:[0-9]+" "$T/out" && ok || bad "parse error without file:line: $(cat "$T/out")"
kept "$SUM" "truncated (no length)"
# an HTML page with status 200
eu_url html; SUM=$(conf_sum)
upd eu_fsf
[ "$RC" = 1 ] && ok || bad "html: exit $RC"
out_has "html" "eu_fsf: FAILED: the download is not a eu_xml list"
kept "$SUM" "html"
# HTTP 500: retried with backoff, then failed
eu_url 500; SUM=$(conf_sum); : >"$T/srv.log"
upd eu_fsf --retries 2 --backoff 100
[ "$RC" = 1 ] && ok || bad "500: exit $RC"
out_has "500" "HTTP status 500 (3 attempts)"
[ "$(grep -c '^/500/eu_fsf.xml 500' "$T/srv.log")" = 3 ] && ok || bad "500: $(grep -c '^/500/' "$T/srv.log") requests, expected 3"
kept "$SUM" "500"
# a server that accepts and never answers: the timeout ends it
eu_url hang; SUM=$(conf_sum)
t0=$(date +%s)
upd eu_fsf --timeout 2 --retries 0
t1=$(date +%s)
[ "$RC" = 1 ] && ok || bad "hang: exit $RC"
out_has "hang" "timed out"
[ $((t1 - t0)) -lt 15 ] && ok || bad "hang: took $((t1 - t0)) s with --timeout 2"
kept "$SUM" "hang"
# a size cap
eu_url files; SUM=$(conf_sum)
upd eu_fsf --max-size 0.001
[ "$RC" = 1 ] && ok || bad "size cap: exit $RC"
out_has "size cap" "larger than the size cap"
kept "$SUM" "size cap"
# 86 % of the entities lost: refused, then accepted with --force
publish v3 15; SUM=$(conf_sum)
upd eu_fsf
[ "$RC" = 1 ] && ok || bad "drop: exit $RC"
out_has "drop" "refused: the entity count would fall from 7 to 1 (-86 %, more than the 20 % allowed); --force accepts it"
kept "$SUM" "drop"
upd eu_fsf --max-drop 90
[ "$RC" = 0 ] && ok || bad "drop within --max-drop 90: exit $RC: $(cat "$T/out")"
out_has "drop allowed" "list eu_fsf: 0 added, 6 removed, 0 changed (7 -> 1 entities)"
publish v2 20
upd eu_fsf --force --quiet
[ "$RC" = 0 ] && ok || bad "back to v2: exit $RC"
out_has "quiet" "eu_fsf: updated "
grep -q "^list eu_fsf" "$T/out" && bad "--quiet printed the report" || ok
# the same content again without validators: no new version
rm -f "$T/data/eu/versions/state"
upd eu_fsf
out_has "same content" "unchanged (same content as the version in use)"
# a concurrent update of the same directory is refused at once
if command -v flock >/dev/null; then
  flock "$T/data/.kordon-update.lock" sleep 3 & BG+=($!)
  sleep 0.3
  upd eu_fsf
  [ "$RC" = 1 ] && ok || bad "concurrent update: exit $RC"
  err_has "lock" "another update of this directory is running"
  wait "${BG[-1]}"
fi
# pruning: --keep 2 leaves two versions (the one in use among them)
publish v1 25; upd eu_fsf --keep 2
n=$(find "$T/data/eu/versions" -mindepth 1 -maxdepth 1 -type d ! -name '.*' | wc -l)
[ "$n" = 2 ] && ok || bad "--keep 2 left $n versions"
VC=$(sed -n 's#^file = eu/versions/\([^/]*\)/eu_fsf.xml.gz$#\1#p' "$T/data/lists.conf")
[ -d "$T/data/eu/versions/$VC" ] && ok || bad "pruning removed the version in use"

# ---- proxies and HTTPS with a custom CA bundle ------------------------------
publish v2 26; : >"$T/srv.log"
upd eu_fsf --proxy "$U"   # the publisher doubles as the proxy
[ "$RC" = 0 ] && ok || bad "--proxy: exit $RC: $(cat "$T/err")"
grep -q "^http://127.0.0.1:[0-9]*/files/eu_fsf.xml 200" "$T/srv.log" && ok || bad "--proxy not used: $(cat "$T/srv.log")"
publish v1 27; : >"$T/srv.log"
http_proxy=$U upd eu_fsf
[ "$RC" = 0 ] && ok || bad "http_proxy: exit $RC: $(cat "$T/err")"
grep -q "^http://127.0.0.1:[0-9]*/files/eu_fsf.xml 200" "$T/srv.log" && ok || bad "http_proxy not used: $(cat "$T/srv.log")"
if openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
     -addext subjectAltName=IP:127.0.0.1 -keyout "$T/key.pem" \
     -out "$T/cert.pem" >/dev/null 2>&1; then
  cat "$T/cert.pem" "$T/key.pem" >"$T/both.pem"
  python3 tests/update_server.py "$T/www" "$T/tls.log" "$T/tlsport" "$T/both.pem" 2>"$T/tls.err" &
  BG+=($!)
  for i in $(seq 100); do [ -s "$T/tlsport" ] && break; sleep 0.05; done
  sed -i "s#^url = .*/eu_fsf.xml\$#url = https://127.0.0.1:$(cat "$T/tlsport")/files/eu_fsf.xml#" "$T/data/lists.conf"
  publish v2 28; SUM=$(conf_sum)
  upd eu_fsf --retries 0     # self-signed: refused without its CA
  [ "$RC" = 1 ] && ok || bad "https with an unknown CA: exit $RC"
  out_has "https unknown CA" "eu_fsf: FAILED: download failed: https://127.0.0.1:"
  kept "$SUM" "https unknown CA"
  upd eu_fsf --cacert "$T/cert.pem"
  [ "$RC" = 0 ] && ok || bad "https --cacert: exit $RC: $(cat "$T/out" "$T/err")"
  publish v1 29
  KORDON_CA_BUNDLE=$T/cert.pem upd eu_fsf
  [ "$RC" = 0 ] && ok || bad "https KORDON_CA_BUNDLE: exit $RC: $(cat "$T/out" "$T/err")"
  eu_url files
else
  bad "openssl could not make a test certificate"
fi

# ---- JSON reports ---------------------------------------------------------------
publish v2 30
upd eu_fsf --json
python3 - "$T/out" <<'EOF' && ok || bad "update --json: $(head -c 800 "$T/out")"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert len(lines) == 1
r = lines[0]
assert r["list"] == "eu_fsf" and r["status"] == "updated"
assert r["old_entities"] == 6 and r["new_entities"] == 7
assert r["diff"]["totals"]["added"] == 1 and r["diff"]["totals"]["changed"] == 2
EOF

# ---- parties: the report spans every list of the directory ----------------------
# a UN list updated next to EU, UK and OFAC lists kept as they are
# (tests/data/diff_clusters): a new UN record joins a UK/OFAC cluster, a UN
# birth date merges the cluster of its UK record with an EU/OFAC one
mkdir -p "$T/pdata"
for l in eu uk ofac; do cp "$DC/old/$l.ftm.json" "$T/pdata/"; done
cp "$DC/old/un.ftm.json" "$T/pdata/un.ftm.json"
cp "$DC/new/un.ftm.json" "$T/www/un.ftm.json"
sed -e "s#^file = un.ftm.json#&\nurl = $U/files/un.ftm.json#" "$DC/old/lists.conf" >"$T/pdata/lists.conf"
"$K" --data "$T/pdata" update un_sc >"$T/out" 2>"$T/err"; RC=$?
[ "$RC" = 0 ] && ok || bad "party update: exit $RC: $(cat "$T/err")"
out_has "party update list" "list un_sc: 1 added, 0 removed, 1 changed (4 -> 5 entities)"
out_has "party update section" "parties: 0 added, 1 removed, 2 changed, 3 unchanged"
out_has "party update id" "    id: kd-57735830a5321ebd -> KPi.050"
out_has "party update merge" "    merged from: KPi.060 + kd-0b1b4c2b437b2264"
out_has "party update dissolved" "- party kd-0b1b4c2b437b2264  Person"
# nothing new: no party section; --json: the parties as one more line
"$K" --data "$T/pdata" update un_sc >"$T/out" 2>&1
grep -q "party" "$T/out" && bad "party section without an update: $(cat "$T/out")" || ok
cp "$DC/old/un.ftm.json" "$T/www/un.ftm.json"
touch -d "@$(( $(date +%s) + 60 ))" "$T/www/un.ftm.json"
"$K" --data "$T/pdata" update un_sc --json >"$T/out" 2>"$T/err"
python3 - "$T/out" <<'EOF' && ok || bad "party update --json: $(head -c 1500 "$T/out")"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
assert len(lines) == 2, len(lines)
assert lines[0]["list"] == "un_sc" and lines[0]["status"] == "updated"
p = lines[1]
assert p["party_totals"] == {"added": 1, "removed": 0, "changed": 2, "unchanged": 3}, p["party_totals"]
ids = {x["id"]: x for x in p["parties"]}
assert ids["kd-57735830a5321ebd"]["old_id"] == "KPi.050"
assert ids["kd-0b1b4c2b437b2264"]["status"] == "added"
assert ids["KPi.060"]["split_into"] == ["KPi.060", "kd-0b1b4c2b437b2264"]
EOF

# ---- a running server follows, with no failed request ------------------------
if command -v wrk >/dev/null; then
  "$K" --data "$T/data" serve --threads 2 --listen 127.0.0.1:0 2>"$T/serve.log" &
  PID=$!; PORT=""
  for i in $(seq 200); do
    PORT=$(sed -n 's/.*msg="listening".* port=\([0-9]*\).*/\1/p' "$T/serve.log")
    [ -n "$PORT" ] && break; sleep 0.05
  done
  B=http://127.0.0.1:$PORT
  for i in $(seq 400); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$B/readyz")" = 200 ] && break; sleep 0.05
  done
  wrk -t2 -c8 -d8s -s bench/wrk_match.lua "$B/match/default" >"$T/wrk.txt" 2>&1 &
  WRK=$!
  sleep 1
  ups=0
  for v in v1 v2 v1 v2; do
    ups=$((ups + 1)); publish "$v" $((30 + ups))
    upd eu_fsf --notify "$PID" --quiet
    [ "$RC" = 0 ] && ok || bad "update $ups under load: exit $RC: $(cat "$T/err")"
    sleep 1
  done
  wait "$WRK"
  grep -q "^non-2xx: 0$" "$T/wrk.txt" && ok || bad "requests failed during updates: $(cat "$T/wrk.txt")"
  grep -q "Socket errors" "$T/wrk.txt" && bad "socket errors during updates: $(cat "$T/wrk.txt")" || ok
  n=$(sed -n 's/.*status 200: \([0-9]*\).*/\1/p' "$T/wrk.txt")
  [ "${n:-0}" -gt 50 ] && ok || bad "too few requests under load: ${n:-0}"
  echo "update: wrk during 4 updates + reloads: ${n:-0} requests, all 200"
  # the server now holds the last version (v2: eu-9001 present)
  for i in $(seq 100); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$B/entities/eu-9001")" = 200 ] && break; sleep 0.1
  done
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$B/entities/eu-9001")" = 200 ] && ok || bad "server did not reload the new version"
  n=$(grep -c 'SIGHUP' "$T/serve.log")
  [ "$n" -ge 4 ] && ok || bad "server saw $n SIGHUPs, expected 4"
  kill -TERM "$PID"; wait "$PID"; rc=$?; PID=""
  [ "$rc" = 0 ] && ok || bad "server exit $rc"
  grep -qE "Sanitizer|runtime error" "$T/serve.log" && bad "sanitizer report in serve: $(grep -A10 Sanitizer "$T/serve.log" | head -20)" || ok
  # --notify with a pid that does not exist: reported, exit 1
  publish v1 40
  upd eu_fsf --notify 999999999 --quiet
  [ "$RC" = 1 ] && ok || bad "--notify to no process: exit $RC"
else
  bad "wrk is not installed (scripts/deps.sh)"
fi

echo "update: $passed passed, $failed failed"
[ "$failed" = 0 ]
