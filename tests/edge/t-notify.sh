# t-notify.sh -- src/remind/notify.c against a real notification daemon: dunst
# on a private X display and session bus (tests/lib/xsession.sh).
#
# notify-try (tests/edge/notify-try.c) puts up one notification with the
# buttons Start, Snooze and Skip and prints what becomes of it. The tests
# read its lines, look at what dunst was sent (dbus-monitor) and what it
# shows (dunstctl), and answer through dunst itself, as the person would:
# `dunstctl action 0` does what a click does, and the rule below makes a
# click on a midback notification choose "snooze". Forged signals from
# another connection must change nothing.
#
# Run: TOP=. sh tests/edge/t-notify.sh (it builds what it runs into its
# temporary folder). It speaks TAP, like tests/cli/.
: "${TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
# The binary under test is built here from tests/edge/, not midback.
: "${MIDBACK:=none}"
export TOP MIDBACK
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/lib/xsession.sh"
. "$TOP/tests/edge/lib.sh"

TRY="$T/notify-try"
TRY_OUT="$T/try.out"
MON_PID=
trap '[ -n "$MON_PID" ] && kill "$MON_PID" 2>/dev/null
    xsession_stop; rm -rf "$T"' EXIT
# A signal goes through exit, so that the EXIT trap cleans up.
trap 'exit 1' HUP INT TERM

edge_need Xvfb dbus-daemon dbus-send dbus-monitor dunst dunstctl
edge_build "$TRY" tests/edge/notify-try.c src/remind/notify.c \
    src/remind/sd.c src/remind/bus.c src/sys/dynlib.c src/core/xmalloc.c
xsession_start -n || edge_bail "$XSESSION_WHY"

# try ARGS...: start notify-try (under $VG if set) in the background; its
# output, then "exit STATUS", go to $TRY_OUT. A file, not a pid to wait
# for, because each test body runs in a subshell of its own.
VG=
try() {
	# Emptied here, not by the job: a wait for its first line must not
	# find the last test's output before the job has started.
	: >"$TRY_OUT"
	# set +e: t() runs bodies under set -e, and the status is to be shown.
	# shellcheck disable=SC2086
	( set +e; $VG "$TRY" "$@"; echo "exit $?" ) >>"$TRY_OUT" 2>&1 &
}

# the_id: the id notify-try printed as sent.
the_id() {
	sed -n 's/^sent //p' "$TRY_OUT" | tail -n 1
}

t 'notify-1.1 with no notification service, available is 0' '
	run 1 "$TRY" -a &&
	same "$OUT" "bus $(sed -n "s/^bus //p" "$OUT")
available 0"
'

t 'notify-1.2 with no service, sending fails and says why' '
	run 1 "$TRY" -w 2 &&
	has "$ERR" "notify-try: cannot show a notification: " &&
	has "$ERR" "org.freedesktop.Notifications"
'

XSESSION_DUNST_RULES='[midback-click-snoozes]
    appname = midback
    action_name = snooze'
xsession_dunst || edge_bail "$XSESSION_WHY"

# Everything said on the bus from now on. The monitor has started when it
# has lost its own name (a monitor has none).
dbus-monitor --session >"$T/monitor" 2>&1 &
MON_PID=$!
edge_wait "$T/monitor" "member=NameLost" >/dev/null ||
    edge_bail "dbus-monitor did not start"

t 'notify-1.3 dunst running: available 1, actions 1' '
	run 0 "$TRY" -a &&
	has "$OUT" "available 1" &&
	dbus-send --session --print-reply=literal \
	    --dest=org.freedesktop.Notifications \
	    /org/freedesktop/Notifications \
	    org.freedesktop.Notifications.GetCapabilities >"$T/caps" &&
	has "$T/caps" "body-markup" &&
	try -w 20 &&
	edge_wait "$TRY_OUT" "^sent " &&
	has "$TRY_OUT" "actions 1"
'

t 'notify-1.4 dunst got midback, the text (escaped for markup), three actions, urgency normal, no timeout' '
	edge_wait "$T/monitor" "int32 0" &&
	sed -n "/member=Notify/,/^ *int32 /p" "$T/monitor" |
	    sed "s/^ *//; s/  */ /g" >"$T/call" &&
	sed -n "2,6p" "$T/call" >"$T/head" &&
	same "$T/head" "string \"midback\"
uint32 0
string \"appointment-soon\"
string \"Time to move\"
string \"Two minutes for your mid-back: seated extension &amp; rotation.\"" &&
	sed -n "/^array \[/,/^\]/p" "$T/call" | sed -n "1,8p" >"$T/actions" &&
	same "$T/actions" "array [
string \"start\"
string \"Start\"
string \"snooze\"
string \"Snooze\"
string \"skip\"
string \"Skip\"
]" &&
	has "$T/call" "string \"urgency\"" &&
	has "$T/call" "variant byte 1" &&
	tail -n 1 "$T/call" | grep -qx "int32 0" &&
	edge_shown 1
'

t 'notify-1.5 forged ActionInvoked, broadcast or sent to it, changes nothing' '
	id=$(the_id) &&
	name=$(sed -n "s/^bus //p" "$TRY_OUT") &&
	dbus-send --session --type=signal /org/freedesktop/Notifications \
	    org.freedesktop.Notifications.ActionInvoked \
	    "uint32:$id" string:skip &&
	dbus-send --session --type=signal --dest="$name" \
	    /org/freedesktop/Notifications \
	    org.freedesktop.Notifications.ActionInvoked \
	    "uint32:$id" string:skip &&
	dbus-send --session --type=signal --dest="$name" \
	    /org/freedesktop/Notifications \
	    org.freedesktop.Notifications.NotificationClosed \
	    "uint32:$id" uint32:2 &&
	sleep 0.5 &&
	lacks "$TRY_OUT" "action " &&
	lacks "$TRY_OUT" "closed " &&
	lacks "$TRY_OUT" "exit "
'

t 'notify-1.6 a click in dunst chooses snooze: the callback gets "snooze"' '
	id=$(the_id) &&
	edge_shown 1 &&
	dunstctl action 0 &&
	edge_wait "$TRY_OUT" "^exit " &&
	sed -n "/^action /,\$p" "$TRY_OUT" >"$T/tail" &&
	same "$T/tail" "action $id snooze
available 1
exit 0" &&
	dunstctl close-all
'

# dunst leaves a notification up after its action; closing it then sends
# NotificationClosed for the same id.
t 'notify-1.7 one answer only: the close after the action is not passed on' '
	edge_shown 0 &&
	try -k -w 15 &&
	edge_wait "$TRY_OUT" "^sent " &&
	edge_shown 1 &&
	dunstctl action 0 &&
	edge_wait "$TRY_OUT" "^action " &&
	closed=$(grep -c "member=NotificationClosed" "$T/monitor") &&
	dunstctl close &&
	edge_wait "$TRY_OUT" "^exit " &&
	test "$(grep -c "member=NotificationClosed" "$T/monitor")" -gt "$closed" &&
	sed -n "/^action /,\$p" "$TRY_OUT" >"$T/tail" &&
	same "$T/tail" "action $(the_id) snooze
available 1
timeout
exit 0"
'

t 'notify-1.8 notify_dismiss closes it: closed with reason 3' '
	run 0 "$TRY" -d -w 10 &&
	id=$(sed -n "s/^sent //p" "$OUT") &&
	has "$OUT" "closed $id 3" &&
	test "$(dunstctl count displayed)" = 0
'

t 'notify-1.9 the person closes it: closed with reason 2' '
	dunstctl close-all && edge_shown 0 &&
	try -w 20 &&
	edge_wait "$TRY_OUT" "^sent " &&
	edge_shown 1 &&
	dunstctl close &&
	edge_wait "$TRY_OUT" "^exit " &&
	has "$TRY_OUT" "closed $(the_id) 2" &&
	has "$TRY_OUT" "exit 0"
'

t 'notify-1.10 a second send with the id replaces the first in place' '
	dunstctl close-all && edge_shown 0 &&
	try -r -w 20 &&
	edge_wait "$TRY_OUT" "^sent .*" &&
	edge_wait "$TRY_OUT" "^sent $(the_id)\$" &&
	sleep 0.3 &&
	test "$(grep -c "^sent $(the_id)\$" "$TRY_OUT")" = 2 &&
	edge_shown 1 &&
	dunstctl close &&
	edge_wait "$TRY_OUT" "^exit " &&
	test "$(grep -c "^closed " "$TRY_OUT")" = 1 &&
	has "$TRY_OUT" "exit 0"
'

if command -v valgrind >/dev/null 2>&1 &&
    ! echo "${EDGE_CFLAGS:-}" | grep -q sanitize; then
	t 'notify-1.11 valgrind: no errors and no leaks, send to snooze' '
		VG="valgrind -q --error-exitcode=99 --leak-check=full
		    --errors-for-leak-kinds=definite,indirect,possible" &&
		dunstctl close-all && edge_shown 0 &&
		try -w 60 &&
		edge_wait "$TRY_OUT" "^sent " 300 &&
		edge_shown 1 &&
		dunstctl action 0 &&
		edge_wait "$TRY_OUT" "^exit " 300 &&
		has "$TRY_OUT" "action $(the_id) snooze" &&
		has "$TRY_OUT" "exit 0"
	'
fi

t 'notify-1.12 dunst goes away: closed with NOTIFY_GONE (256), available 0' '
	try -w 20 &&
	edge_wait "$TRY_OUT" "^sent " &&
	kill "$XSESSION_DUNST_PID" &&
	edge_wait "$TRY_OUT" "^exit " &&
	sed -n "/^closed /,\$p" "$TRY_OUT" >"$T/tail" &&
	same "$T/tail" "closed $(the_id) 256
available 0
exit 0"
'

echo "1..$n"
