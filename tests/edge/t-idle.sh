# t-idle.sh -- src/remind/idle*.c for real: the X11 sources on Xvfb, with
# xdotool as the person's hand; the Mutter and logind sources against
# stand-ins (tests/edge/fake-desktop.c) on private session and system
# buses (tests/lib/xsession.sh).
#
# idle-try (tests/edge/idle-try.c) prints "sources LIST", then
# "EVENT AT SEEN" for each event (milliseconds since it started). The
# tests also count its context switches while it waits, which must be
# none: `remind` is to cost nothing while the person works or is away.
#
# Run: TOP=. sh tests/edge/t-idle.sh (it builds what it runs into its
# temporary folder). It speaks TAP, like tests/cli/.
: "${TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
# The binary under test is built here from tests/edge/, not midback.
: "${MIDBACK:=none}"
export TOP MIDBACK
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/lib/xsession.sh"
. "$TOP/tests/edge/lib.sh"

IDLE="$T/idle-try"
FAKE="$T/fake-desktop"
IO="$T/idle.out"
trap '[ -s "$T/idle.pid" ] && kill "$(cat "$T/idle.pid")" 2>/dev/null
    exec 7>&-; xsession_stop; rm -rf "$T"' EXIT
# A signal goes through exit, so that the EXIT trap cleans up.
trap 'exit 1' HUP INT TERM

edge_need Xvfb dbus-daemon dbus-send xdotool
edge_build "$IDLE" tests/edge/idle-try.c src/remind/idle.c \
    src/remind/idle-x11.c src/remind/idle-mutter.c src/remind/idle-logind.c \
    src/remind/sd.c src/remind/bus.c src/sys/dynlib.c src/core/xmalloc.c
edge_build "$FAKE" tests/edge/fake-desktop.c
xsession_start -n || edge_bail "$XSESSION_WHY"
# No system bus until the stand-in logind's, whatever this machine has.
DBUS_SYSTEM_BUS_ADDRESS="unix:path=$T/no-system-bus"
export DBUS_SYSTEM_BUS_ADDRESS
unset XDG_SESSION_ID

# idle ARGS...: start idle-try (under $VG if set) in the background; its
# lines, then "exit STATUS", go to $IO and its pid to $T/idle.pid. A file,
# not a pid to wait for, because each test body runs in a subshell.
# A run still going is stopped first, so that two never share $IO.
VG=
idle() {
	if [ -s "$T/idle.pid" ] && kill "$(cat "$T/idle.pid")" 2>/dev/null; then
		edge_wait "$IO" "^exit " >/dev/null
	fi
	rm -f "$T/idle.pid"
	(
		# Not stopped by set -e in t(): the status is to be printed.
		set +e
		# shellcheck disable=SC2086
		$VG "$IDLE" "$@" &
		echo $! >"$T/idle.pid"
		wait $!
		echo "exit $?"
	) >"$IO" 2>&1 &
	edge_wait "$T/idle.pid" . >/dev/null
}

# ms: the time in milliseconds.
ms() {
	date +%s%3N
}

# field EVENT N: field N of the first line for EVENT in $IO.
field() {
	sed -n "/^$1 /{p;q;}" "$IO" | cut -d' ' -f"$2"
}

# settled: wait until idle-try has done what it does on starting and
# sleeps: no context switch in 0.3 s (30 s at most, a hang guard). On a
# busy machine that takes longer than it does on a quiet one.
settled() {
	pid=$(cat "$T/idle.pid") &&
	sa=$(edge_switches "$pid") &&
	sw=0 &&
	while :; do
		sleep 0.3
		sb=$(edge_switches "$pid") || return 1
		[ "$sb" -ne "$sa" ] || return 0
		sa=$sb sw=$((sw + 1))
		if [ "$sw" -gt 100 ]; then
			echo "idle-try never settled"
			return 1
		fi
	done
}

# quiet SECONDS: idle-try does not wake up at all for SECONDS. Nothing
# can make it fail on a slow machine: a process asleep in its loop is
# not switched.
quiet() {
	pid=$(cat "$T/idle.pid") &&
	a=$(edge_switches "$pid") &&
	sleep "$1" &&
	b=$(edge_switches "$pid") &&
	echo "woke $((b - a)) times in $1 s" &&
	test "$b" -eq "$a"
}

xdotool mousemove 1 1
idle -t 2000 -w 60 -n 3

t 'idle-1.1 x11-sync alone, with no Mutter and no system bus' '
	edge_wait "$IO" "^sources" &&
	same "$IO" "sources x11-sync"
'

# AWAY must not come early: not before the threshold has passed since
# the last input (AT, which the source reports). How late it comes, and
# how soon BACK follows the mouse, are latencies: on a busy machine they
# grow, so they are printed (as TAP comments), not conditions; the guards
# of the waits are there for a hang.
# latency WHAT MS: print a latency as a TAP comment.
latency() {
	echo "# latency: $1: $2 ms" >&3
}
exec 3>&1

t 'idle-1.2 AWAY after 2 s with no input, not before' '
	edge_wait "$IO" "^away " 300 &&
	test "$(($(field away 3) - $(field away 2)))" -ge 1900 &&
	latency "x11-sync AWAY after the threshold" \
	    $(($(field away 3) - $(field away 2) - 2000))
'

t 'idle-1.3 BACK after xdotool moves the mouse' '
	t0=$(ms) &&
	xdotool mousemove 200 200 &&
	edge_wait "$IO" "^back " 300 &&
	t1=$(ms) &&
	latency "x11-sync BACK seen after the move" $((t1 - t0)) &&
	test "$(field back 3)" -ge $(($(field back 2) - 50))
'

t 'idle-1.4 AWAY again 2 s after that input, not before' '
	edge_wait "$IO" "^exit " 300 &&
	sed -n "4p" "$IO" >"$T/l" &&
	grep -q "^away " "$T/l" &&
	at=$(cut -d" " -f2 "$T/l") &&
	seen=$(cut -d" " -f3 "$T/l") &&
	test $((seen - at)) -ge 1900 &&
	test "$at" -ge $(($(field back 2) - 50)) &&
	has "$IO" "exit 0"
'

t 'idle-1.5 x11-sync: not one wake-up while waiting for AWAY' '
	xdotool mousemove 10 10 &&
	idle -s x11-sync -t 60000 -w 60 &&
	edge_wait "$IO" "^sources" &&
	settled &&
	quiet 3
'

t 'idle-1.6 x11-sync: not one wake-up while waiting for BACK' '
	idle -s x11-sync -t 500 -w 60 &&
	edge_wait "$IO" "^away " 300 &&
	settled &&
	quiet 3 &&
	xdotool mousemove 20 20 &&
	edge_wait "$IO" "^back "
'

# It looks once a second while the person is away: BACK about 1.25 s
# after the move on a quiet machine (the loop may run a timer up to
# 250 ms late to save wake-ups); a figure, printed, not a condition.
t 'idle-1.7 x11-screensaver, asked for by name: AWAY, not early, and BACK' '
	xdotool mousemove 30 30 &&
	idle -s x11-screensaver -t 2000 -w 60 -n 2 &&
	edge_wait "$IO" "^away " 300 &&
	test "$(($(field away 3) - $(field away 2)))" -ge 1900 &&
	t0=$(ms) &&
	xdotool mousemove 40 40 &&
	edge_wait "$IO" "^exit " 300 &&
	t1=$(ms) &&
	latency "x11-screensaver BACK seen after the move" $((t1 - t0)) &&
	sed "s/ .*//" "$IO" >"$T/kinds" &&
	same "$T/kinds" "sources
away
back
exit" &&
	has "$IO" "exit 0"
'

# The stand-ins: Mutter's idle monitor on the session bus, logind on a
# system bus of their own. Commands go to them through a FIFO on fd 7.
xsession_system_bus || edge_bail "$XSESSION_WHY"
mkfifo "$T/fake.cmd"
"$FAKE" -m -l <"$T/fake.cmd" >>"$T/fake.out" 2>&1 &
exec 7>"$T/fake.cmd"
edge_wait "$T/fake.out" "^ready" >/dev/null ||
    edge_bail "fake-desktop did not start"
XDG_SESSION_ID=7
export XDG_SESSION_ID

# fake COMMAND: have the stand-ins do COMMAND, and wait until they have
# (one "done COMMAND" more than before).
fake() {
	fn=$(grep -c "^done $1\$" "$T/fake.out")
	echo "$1" >&7 || return 1
	fw=0
	until [ "$(grep -c "^done $1\$" "$T/fake.out")" -gt "$fn" ]; do
		fw=$((fw + 1))
		if [ "$fw" -gt 100 ]; then
			echo "the stand-ins did not do: $1"
			return 1
		fi
		sleep 0.1
	done
}

idle -t 2000 -w 30

t 'idle-2.1 Mutter wins over X11; logind follows session 7' '
	edge_wait "$IO" "^sources" &&
	same "$IO" "sources mutter, logind" &&
	has "$T/fake.out" "AddIdleWatch 2000" &&
	has "$T/fake.out" "GetSession 7"
'

t 'idle-2.2 Mutter: the idle watch fires: AWAY, and a user-active watch' '
	fake idle &&
	edge_wait "$IO" "^away " &&
	edge_wait "$T/fake.out" "^AddUserActiveWatch"
'

t 'idle-2.3 Mutter: a forged WatchFired is ignored; the real one gives BACK' '
	fake forge &&
	sleep 0.3 &&
	lacks "$IO" "back " &&
	fake active &&
	edge_wait "$IO" "^back "
'

t 'idle-2.4 logind: PrepareForSleep gives SLEEP, then WAKE' '
	fake sleep &&
	edge_wait "$IO" "^sleep " &&
	fake wake &&
	edge_wait "$IO" "^wake "
'

t 'idle-2.5 logind: Lock and LockedHint give one LOCK and one UNLOCK' '
	fake lock &&
	edge_wait "$IO" "^lock " &&
	fake "hint 1" &&
	fake "hint 0" &&
	edge_wait "$IO" "^unlock " &&
	fake unlock &&
	sleep 0.3 &&
	test "$(grep -c "^lock " "$IO")" = 1 &&
	test "$(grep -c "^unlock " "$IO")" = 1
'

t 'idle-2.6 logind with no session: sleep only, looked up by pid and user' '
	: >"$T/fake.out" &&
	unset XDG_SESSION_ID &&
	idle -s logind -w 60 -n 1 &&
	edge_wait "$IO" "^sources" &&
	edge_wait "$T/fake.out" "^GetUser" &&
	has "$T/fake.out" "GetSessionByPID" &&
	fake lock &&
	fake sleep &&
	edge_wait "$IO" "^exit " &&
	sed "s/ .*//" "$IO" >"$T/kinds" &&
	same "$T/kinds" "sources
sleep
exit"
'

t 'idle-3.1 an unknown source is an error' '
	run 1 "$IDLE" -s mutter,nosuch &&
	same "$ERR" "idle-try: unknown idle source '\''nosuch'\''"
'

t 'idle-3.2 a source asked for by name that is not there is an error' '
	run 1 env DBUS_SYSTEM_BUS_ADDRESS="unix:path=$T/no-system-bus" \
	    "$IDLE" -s logind &&
	has "$ERR" "idle-try: idle source logind: no system bus: " &&
	run 1 env DBUS_SESSION_BUS_ADDRESS="unix:path=$T/no-bus" \
	    "$IDLE" -s mutter &&
	has "$ERR" "idle-try: idle source mutter: no session bus: " &&
	run 1 env DISPLAY= "$IDLE" -s x11-sync &&
	same "$ERR" "idle-try: idle source x11-sync: no \$DISPLAY" &&
	run 1 env WAYLAND_DISPLAY=wayland-0 "$IDLE" -s x11-sync &&
	has "$ERR" "under Wayland"
'

t 'idle-3.3 a threshold of 0 is an error' '
	run 1 "$IDLE" -t 0 &&
	same "$ERR" "idle-try: idle threshold out of range: 0 ms"
'

if command -v valgrind >/dev/null 2>&1 &&
    ! echo "${EDGE_CFLAGS:-}" | grep -q sanitize; then
	t 'idle-3.4 valgrind: every source and event, no errors and no leaks' '
		VG="valgrind -q --error-exitcode=99 --leak-check=full
		    --errors-for-leak-kinds=definite,indirect,possible" &&
		idle -s mutter,x11-sync,x11-screensaver,logind -t 1000 -w 60 -n 6 &&
		edge_wait "$IO" "^sources" 300 &&
		edge_wait "$IO" "^away " 300 &&
		xdotool mousemove 50 50 &&
		edge_wait "$IO" "^back " 300 &&
		fake sleep && fake wake && fake lock && fake unlock &&
		edge_wait "$IO" "^exit " 300 &&
		has "$IO" "exit 0"
	'
fi

# -w 10: the X server must be gone before idle-try times out, however
# slow the machine is to start it.
t 'idle-3.5 the X server goes away: the source stops, the process lives' '
	idle -s x11-sync -t 60000 -w 10 &&
	edge_wait "$IO" "^sources" &&
	kill "$XSESSION_XVFB_PID" &&
	edge_wait "$IO" "^exit " 300 &&
	same "$IO" "sources x11-sync
sources none
timeout
exit 0"
'

echo "1..$n"
