#!/usr/bin/env bash
# ui_test.sh - the web interface in a real browser: starts `kordon serve`
# on a free port with a temporary SQLite store and an API key that names
# the reviewer "ann", installs the pinned puppeteer-core (npm ci from
# tests/ui/package-lock.json into tests/ui/node_modules, ignored by git;
# no browser is downloaded) and runs tests/ui/ui_test.js against the
# Debian chromium. Screenshots go to a fresh directory under /tmp (kept,
# its path is printed), never into the repository.
#
# usage: tests/ui_test.sh [path/to/kordon]
set -uo pipefail
cd "$(dirname "$0")/.."
K=$(realpath "${1:-build/kordon}")
ROOT=$PWD
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
T=$(mktemp -d)
SHOTS=$(mktemp -d /tmp/kordon-ui-shots.XXXXXX)
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
[ -x "$CHROMIUM" ] || { echo "FAIL no $CHROMIUM (scripts/deps.sh installs chromium)"; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null ||
	{ echo "FAIL node and npm are needed (scripts/deps.sh installs them)"; exit 1; }

# the pinned driver, reinstalled when the lock file changes
stamp=tests/ui/node_modules/.lock-sha
want=$(sha256sum tests/ui/package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
	(cd tests/ui && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --ignore-scripts \
		--no-audit --no-fund --loglevel=error) || { echo "FAIL npm ci"; exit 1; }
	echo "$want" >"$stamp"
fi

hash() { printf %s "$1" | sha256sum | cut -d' ' -f1; }
printf 'api_key_sha256 = %s\napi_key_sha256 = %s\n' "$(hash key-ann-ui)" "$(hash key-bob-ui)" >"$T/serve.conf"
printf 'ann %s\nbob %s\n' "$(hash key-ann-ui)" "$(hash key-bob-ui)" >"$T/users"
# four-eyes: a true match needs a second reviewer
"$K" --store "$T/store.db" store set four_eyes on || { echo "FAIL store set four_eyes on"; exit 1; }
printf 'id,name,birth_date,country\nW1,Sergei Lavrov,1950-03-21,ru\nW2,Sergej Lawrow,,de\nW3,Anna Schmidt,1980-05-05,de\n' >"$T/book.csv"
KORDON_API_USERS=$T/users "$K" --store "$T/store.db" serve --listen 127.0.0.1:0 \
	--config "$T/serve.conf" >"$T/serve.log" 2>&1 &
pid=$!
port=""
for _ in $(seq 1 600); do
	port=$(grep -o 'msg="listening".* port=[0-9]*' "$T/serve.log" | grep -o '[0-9]*$')
	[ -n "$port" ] && curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.2
done
curl -sf "http://127.0.0.1:$port/readyz" >/dev/null ||
	{ echo "FAIL kordon serve did not start"; tail -20 "$T/serve.log"; exit 1; }

# the HTTP side of the interface, before the browser
U=http://127.0.0.1:$port
fails=0
eq() { # name, got, want
	if [ "$2" == "$3" ]; then echo "ok   $1"; else echo "FAIL $1: got '$2', want '$3'"; fails=$((fails + 1)); fi
}
hc() { curl -s --path-as-is -o "$T/body" -w '%{http_code}' "$@"; }
eq "/ui/ without a key" "$(hc "$U/ui/")" 200
check_ct=$(curl -s -o /dev/null -w '%{content_type}' "$U/ui/app.js")
eq "app.js is JavaScript" "$check_ct" "text/javascript; charset=utf-8"
cmp -s "$T/body" web/index.html; eq "/ui/ is web/index.html" $? 0
eq "/ redirects to /ui/" "$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' "$U/")" "302 $U/ui/"
for p in /ui/../CMakeLists.txt /ui/%2e%2e/CMakeLists.txt /ui/.gitignore /ui//etc/passwd /ui/a/../../README.md /ui/nope.html; do
	eq "GET $p is refused" "$(hc "$U$p")" 404
done
A=(-H 'Authorization: ApiKey key-ann-ui')
eq "/whoami needs a key" "$(hc "$U/whoami")" 401
eq "/whoami with a key" "$(hc "${A[@]}" "$U/whoami")" 200
eq "/whoami names the user" "$(cat "$T/body")" '{"user":"ann","auth":"key"}'
eq "/audit needs a key" "$(hc "$U/audit")" 401
eq "/audit bad format" "$(hc "${A[@]}" "$U/audit?format=xml")" 400
eq "/audit bad alert" "$(hc "${A[@]}" "$U/audit?alert=1x")" 400
eq "/audit bad time" "$(hc "${A[@]}" "$U/audit?from=yesterday")" 400
eq "/audit csv of one alert refused" "$(hc "${A[@]}" "$U/audit?format=csv&alert=1")" 400
eq "/audit" "$(hc "${A[@]}" "$U/audit")" 200
eq "/audit: the chain holds over the store's records" "$(python3 -c "import json; d=json.load(open('$T/body')); print(d['chain']['ok'], d['chain']['records'] == d['total'] > 0)")" "True True"
eq "/audit csv export" "$(hc "${A[@]}" "$U/audit?format=csv")" 200
eq "/audit csv has a header and every record" "$(($(python3 -c "import csv,sys; print(sum(1 for _ in csv.reader(open('$T/body'))))") - 1))" \
	"$(sqlite3 "$T/store.db" 'SELECT COUNT(*) FROM audit')"
[ $fails -eq 0 ] || exit 1

mkdir -p "$T/profile"
URL=http://127.0.0.1:$port KEY=key-ann-ui USER_NAME=ann KEY2=key-bob-ui USER2=bob SHOTS=$SHOTS \
	ARTICLE=$ROOT/tests/data/scan/de_kreml.txt SCAN_DIR=$ROOT/tests/data/scan BOOK=$T/book.csv \
	CHROMIUM=$CHROMIUM PROFILE=$T/profile \
	node tests/ui/ui_test.js
rc=$?
if [ $rc -ne 0 ]; then echo "--- server log"; tail -30 "$T/serve.log"; fi
exit $rc
