# lib.sh -- helpers for the CLI tests, sourced by each tests/cli/t*.sh.
#
# Each test runs in a fresh temporary folder with XDG_CONFIG_HOME,
# XDG_DATA_HOME and HOME pointing inside it, so no test sees a person's
# files. Output is TAP: "ok N - name" or "not ok N - name" and the log.
#
#   t NAME 'commands'    one test case; the commands must all succeed
#   run STATUS CMD...    run CMD, keep stdout in $OUT and stderr in $ERR,
#                        and fail unless it exits with STATUS
#   has FILE TEXT        FILE contains the fixed string TEXT
#   lacks FILE TEXT      FILE does not contain TEXT
#   same FILE TEXT       FILE holds exactly TEXT (and a final newline)
set -u
: "${MIDBACK:?MIDBACK must name the binary under test}"
: "${TOP:?TOP must name the source tree}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data" HOME="$T/home"
export LC_ALL=C.UTF-8 TZ=UTC
unset NO_COLOR
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$HOME"
OUT="$T/out"
ERR="$T/err"
n=0
cd "$T" || exit 1

t() {
	n=$((n + 1))
	# Not in an if: there the shell would ignore set -e in the body.
	(set -e; eval "$2") >"$T/log" 2>&1
	if [ $? -eq 0 ]; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1"
		sed 's/^/#  /' "$T/log"
		[ -s "$OUT" ] && { echo "#  stdout:"; sed 's/^/#    /' "$OUT"; }
		[ -s "$ERR" ] && { echo "#  stderr:"; sed 's/^/#    /' "$ERR"; }
	fi
	return 0
}

run() {
	want=$1
	shift
	set +e
	"$@" >"$OUT" 2>"$ERR" </dev/null
	got=$?
	set -e
	if [ "$got" -ne "$want" ]; then
		echo "exit status $got, expected $want: $*"
		return 1
	fi
}

has() {
	grep -qF -- "$2" "$1" || { echo "'$1' lacks: $2"; return 1; }
}

lacks() {
	! grep -qF -- "$2" "$1" || { echo "'$1' has: $2"; return 1; }
}

same() {
	printf '%s\n' "$2" >"$T/expect"
	diff -u "$T/expect" "$1" || { echo "'$1' differs"; return 1; }
}

# cat_ids [KEY=VALUE...]: the catalog's ids that the filters keep, read
# from data/exercises.yaml apart from midback: motion, kind, place (desk
# or floor in its places; any keeps all), equipment (what it needs is
# among those at hand; none for nothing) and stage.
cat_ids() {
	python3 - "$TOP/data/exercises.yaml" "$@" <<'PY'
import sys, yaml
exs = yaml.safe_load(open(sys.argv[1]))["exercises"]
f = dict(a.split("=", 1) for a in sys.argv[2:])
for e in exs:
    need = set(x for x in e.get("equipment", []) if x != "none")
    have = set() if f.get("equipment") == "none" else \
        set(f.get("equipment", "").split(","))
    if ("motion" in f and f["motion"] not in e.get("motions", []) or
        "kind" in f and e["kind"] != f["kind"] or
        f.get("place", "any") != "any" and f["place"] not in e["places"] or
        "equipment" in f and not need <= have or
        "stage" in f and e["stage"] != int(f["stage"])):
        continue
    print(e["id"])
PY
}

# need_browser CHROMIUM: skip the whole script, with its reason, unless
# Chromium, node and tests/browser's playwright-core are all there; then
# wait until no other Chromium suite runs.
need_browser() {
	if [ ! -x "$1" ]; then
		echo "1..0 # SKIP chromium is not installed (Debian package chromium)"
		exit 0
	fi
	if ! command -v node >/dev/null 2>&1; then
		echo "1..0 # SKIP node is not installed"
		exit 0
	fi
	if [ ! -d "$TOP/tests/browser/node_modules/playwright-core" ]; then
		echo "1..0 # SKIP playwright-core is not installed: cd tests/browser && npm ci"
		exit 0
	fi
	# One Chromium suite at a time: tests/run starts two jobs a core,
	# and two or three Chromiums at once on a small machine starve each
	# other until a page's browser goes away. The lock is held on fd 9
	# until the script exits (flock(1), util-linux).
	exec 9>"${TMPDIR:-/tmp}/midback-browser-$(id -u).lock"
	flock 9
}

# need_camera: what the camera suites need: a browser (need_browser, its
# path in chromium), rsvg-convert, and the pose model (its folder in
# pose). Skips the test, with the reason, when one is missing.
need_camera() {
	chromium=${CHROMIUM:-/usr/bin/chromium}
	pose=${MIDBACK_POSE_DIR:-$TOP/vendor/pose/node_modules/@mediapipe/pose}
	if ! command -v rsvg-convert >/dev/null 2>&1; then
		echo "1..0 # SKIP rsvg-convert is not installed (Debian package librsvg2-bin)"
		exit 0
	fi
	if [ ! -f "$pose/pose.js" ]; then
		echo "1..0 # SKIP the pose model is not installed: cd vendor/pose && npm ci"
		exit 0
	fi
	need_browser "$chromium"
}

# camera_up: serve_up with the pose model of need_camera; if serve does
# not find it, say so in TAP and exit 1.
camera_up() {
	export XDG_RUNTIME_DIR="$T/run" MIDBACK_POSE_DIR="$pose"
	mkdir -p "$XDG_RUNTIME_DIR"
	serve_up
	if grep -q 'camera mode is unavailable' "$T/serve.out"; then
		echo "1..1"
		echo "not ok 1 - serve did not find the pose model in $pose"
		exit 1
	fi
}

# serve_start PATTERN [ARGS...]: start `midback serve --port 0 ARGS` in
# the background (SPID; its output in $T/serve.out and $T/serve.err), wait
# until a line of its output matches PATTERN, and set U (its loopback URL)
# and LINK (the one-time link). If it exits first, or has not said it in
# 30 s, return 1 with its errors on stdout.
serve_start() {
	_ss_pat=$1
	shift
	: >"$T/serve.out"
	# 9>&-: not the browser lock's descriptor (need_browser), which a
	# serve outliving a killed test would hold, and every suite after wait.
	"$MIDBACK" serve --port 0 "$@" >"$T/serve.out" 2>"$T/serve.err" 9>&- &
	SPID=$!
	_ss_i=0
	until grep -q -- "$_ss_pat" "$T/serve.out" 2>/dev/null; do
		_ss_i=$((_ss_i + 1))
		if [ $_ss_i -gt 600 ] || ! kill -0 $SPID 2>/dev/null; then
			cat "$T/serve.err"
			return 1
		fi
		sleep 0.05
	done
	U=$(sed -n 's|^midback is at \(http://[^ ]*/\) .*|\1|p' "$T/serve.out")
	LINK=$(sed -n 's|^  \(http://.*?k=[0-9a-f]*\)$|\1|p' "$T/serve.out")
}

# serve_stop [SIGNAL]: SIGTERM (or SIGNAL), and wait for it to be gone
# (from a test's subshell too, where wait cannot), its store's lock let go
# with it; fails, with serve's errors on stdout, if a sanitizer spoke on
# the way out.
serve_stop() {
	[ -n "${SPID:-}" ] || return 0
	kill -s "${1:-TERM}" $SPID 2>/dev/null || true
	_ss_i=0
	while kill -0 $SPID 2>/dev/null && [ $_ss_i -lt 600 ]; do
		_ss_i=$((_ss_i + 1))
		sleep 0.05
	done
	wait $SPID 2>/dev/null || true
	SPID=
	! grep -q -e Sanitizer -e "runtime error" "$T/serve.err" ||
	    { cat "$T/serve.err"; return 1; }
}

# serve_login: in through LINK, as a browser is: the cookie goes in a jar
# that every later curl sends (~/.curlrc), and TOK is the page's token.
serve_login() {
	rm -f "$T/jar"
	curl -s -c "$T/jar" -o /dev/null "$LINK" &&
	printf -- "-b \"%s\"\n" "$T/jar" >"$HOME/.curlrc" &&
	TOK=$(curl -s "$U" | sed -n 's/.*midback-token" content="\([0-9a-f]*\)".*/\1/p')
	[ ${#TOK} -eq 32 ]
}

# serve_up [PATTERN [ARGS...]]: for the browser suites, serve_start
# (PATTERN the one-time link unless said) with spid, url and link set and
# a stop on exit; if it does not start, say so in TAP and exit 1.
serve_up() {
	[ $# -gt 0 ] || set -- '?k='
	trap 'kill $SPID 2>/dev/null; wait $SPID 2>/dev/null; rm -rf "$T"' EXIT
	if ! serve_start "$@" >"$T/serve.why"; then
		echo "1..1"
		echo "not ok 1 - serve did not start"
		sed 's/^/#  /' "$T/serve.why"
		exit 1
	fi
	spid=$SPID url=$U link=$LINK
}

# serve_down: stop it; SIGTERM is a clean stop, so any other status (a
# sanitizer's report on the way out) is a failure, said in TAP (exit 1).
serve_down() {
	kill $spid
	wait $spid
	src=$?
	if [ $src -ne 0 ]; then
		echo "not ok - serve exited with status $src"
		sed 's/^/#  /' "$T/serve.err"
		exit 1
	fi
}
