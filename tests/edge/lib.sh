# lib.sh -- helpers for the tests of the edge modules in tests/edge/,
# sourced after tests/cli/lib.sh (which gives t, run, has, lacks, same and
# the temporary folder $T).
#
#   edge_need TOOL...         skip the whole file unless every TOOL is there
#   edge_skip REASON          print the TAP plan for a skipped file, exit 0
#   edge_bail REASON          stop the file with a failure ("Bail out!"):
#                             something the tests need would not start
#   edge_build OUT SOURCE...  compile SOURCE... (paths under $TOP) with
#                             libsystemd into OUT, as warnings-free C11;
#                             $EDGE_CFLAGS is added (e.g. sanitizers).
#                             Skips the file if there is no compiler or
#                             libsystemd; fails it if the code does not
#                             build
#   edge_wait FILE REGEX [TENTHS]
#                             wait (30 s, a hang guard, or TENTHS tenths)
#                             until a line of FILE matches the basic
#                             regular expression REGEX
#   edge_switches PID         the context switches of process PID so far:
#                             how often it has woken up

edge_skip() {
	echo "1..0 # SKIP $1"
	exit 0
}

edge_bail() {
	echo "Bail out! $1"
	exit 1
}

edge_need() {
	for _et in "$@"; do
		command -v "$_et" >/dev/null 2>&1 ||
		    edge_skip "$_et is not installed"
	done
}

edge_build() {
	_eo=$1
	shift
	_es=
	for _ef in "$@"; do
		_es="$_es $TOP/$_ef"
	done
	command -v "${CC:-cc}" >/dev/null 2>&1 ||
	    edge_skip "no C compiler (${CC:-cc})"
	pkg-config --exists libsystemd 2>/dev/null ||
	    edge_skip "no libsystemd (libsystemd-dev)"
	# shellcheck disable=SC2046,SC2086
	${CC:-cc} -std=c11 -Wall -Wextra -Werror -Wshadow \
	    -Wstrict-prototypes -Wmissing-prototypes \
	    -Wno-missing-field-initializers -D_GNU_SOURCE -I"$TOP/src" \
	    -O1 -g ${EDGE_CFLAGS:-} $(pkg-config --cflags libsystemd) \
	    -o "$_eo" $_es $(pkg-config --libs libsystemd) -ldl \
	    >"$T/build.log" 2>&1 && return 0
	echo "not ok 1 - $(basename "$_eo") builds"
	sed 's/^/#  /' "$T/build.log"
	echo "1..1"
	exit 1
}

edge_wait() {
	_ew=0
	until grep -q -- "$2" "$1" 2>/dev/null; do
		_ew=$((_ew + 1))
		if [ "$_ew" -gt "${3:-300}" ]; then
			echo "no line matches '$2' in $1:"
			sed 's/^/|/' "$1" 2>/dev/null
			return 1
		fi
		sleep 0.1
	done
}

# edge_shown N: wait until dunst shows N notifications. "sent" means dunst
# took the Notify call; it puts the notification on screen on its next
# update, and "dunstctl action 0" or "close" before then finds nothing.
edge_shown() {
	_es_n=0
	until [ "$(dunstctl count displayed 2>/dev/null)" = "$1" ]; do
		_es_n=$((_es_n + 1))
		if [ "$_es_n" -gt "${2:-300}" ]; then
			echo "dunst shows $(dunstctl count displayed 2>&1), not $1"
			return 1
		fi
		sleep 0.1
	done
}

edge_switches() {
	awk '/^(non)?voluntary_ctxt_switches:/ { n += $2 } END { print n }' \
	    "/proc/$1/status"
}
