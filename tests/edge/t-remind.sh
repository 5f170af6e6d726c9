# t-remind.sh -- midback remind on a desktop: dunst on a private X display
# and session bus (tests/lib/xsession.sh). With a one-minute posture
# reset, the notification arrives with its Start, Snooze and Skip
# buttons; a click answers Snooze (a dunst rule makes a click on a
# midback notification choose "snooze", as the person's click would),
# and the outcome is in the store; the snoozed reminder comes back. The
# idle source is the X server's (x11-sync). Then dunst leaves while the
# reminder is up (missed), comes back without the rule, and a click on
# the next reminder opens the guided break in a terminal (tmux, through
# $TERMINAL), logged as taken, and the break there has none of the
# signals blocked or ignored that the daemon's loop does (^C and closing
# the window must work); the one after, closed by the person, is logged
# as skipped. Last, a second daemon whose reminder is still up when the
# next comes: the first is closed and missed, the second answered.
#
# The daemons run on the scaled test clock (tests/README): a clock minute
# is four real seconds, and the whole file takes about half a minute.
: "${TOP:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${MIDBACK:=$TOP/midback}"
export TOP MIDBACK
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/lib/xsession.sh"
. "$TOP/tests/edge/lib.sh"

DPID=
MON_PID=
JIG_PID=
trap '[ -n "$DPID" ] && kill "$DPID" 2>/dev/null
    [ -s "$T/d2.pid" ] && kill -CONT "$(cat "$T/d2.pid")" 2>/dev/null &&
	kill "$(cat "$T/d2.pid")" 2>/dev/null
    [ -n "$JIG_PID" ] && kill "$JIG_PID" 2>/dev/null
    [ -n "$MON_PID" ] && kill "$MON_PID" 2>/dev/null
    tmux -S "$MIDBACK_TEST_TMUX" kill-server 2>/dev/null
    xsession_stop; rm -rf "$T"' EXIT
trap 'exit 1' HUP INT TERM

edge_need Xvfb dbus-daemon dbus-monitor dunst dunstctl sqlite3 xdotool tmux
export MIDBACK_TEST_TMUX="$T/tmux" TERMINAL="$TOP/tests/edge/tmux-term"
XSESSION_DUNST_RULES='[midback-click-snoozes]
    appname = midback
    action_name = snooze'
xsession_start || edge_bail "$XSESSION_WHY"
export XDG_RUNTIME_DIR="$T/run"
mkdir -p "$XDG_RUNTIME_DIR" "$XDG_CONFIG_HOME/midback"
chmod 700 "$XDG_RUNTIME_DIR"
printf '%s\n' 'posture_reset_every: 1' 'wall_angel_every: off' \
    'daily_session: off' 'snooze: 1' \
    'work_days: [mon, tue, wed, thu, fri, sat, sun]' \
    'work_hours: "00:00-24:00"' >"$XDG_CONFIG_HOME/midback/config.yaml"

dbus-monitor --session "interface=org.freedesktop.Notifications" \
    >"$T/monitor" 2>&1 &
MON_PID=$!
edge_wait "$T/monitor" "member=NameLost" >/dev/null ||
    edge_bail "dbus-monitor did not start"

# 15 clock seconds to the real one: the one-minute reminders come every
# four seconds, and time away counts as a break after eight.
export MIDBACK_TEST_CLOCK="at=2026-03-02T10:00:00,since=$(date +%s),scale=15"

# The person is at the keyboard: the mouse moves now and then, well
# within the two (clock) minutes that would count as a natural break
# (which would rightly drop the snoozed reminder).
( while :; do xdotool mousemove_relative 1 1; sleep 1; done ) \
    >/dev/null 2>&1 &
JIG_PID=$!

"$MIDBACK" remind >"$T/d.out" 2>"$T/d.err" &
DPID=$!

q() {
	sqlite3 -batch -cmd ".timeout 5000" \
	    "$XDG_DATA_HOME/midback/midback.db" "$1"
}

t 'remind-edge-1: it runs with notifications and the X11 idle source' '
	edge_wait "$XDG_RUNTIME_DIR/midback/remind.json" "pid" >/dev/null &&
	run 0 "$MIDBACK" remind --status &&
	has "$OUT" "midback remind is running (process $DPID); idle sources: x11-sync; notifications: yes." &&
	has "$OUT" "Next: posture reset at "
'

t 'remind-edge-2: the reminder arrives with Start, Snooze and Skip' '
	edge_wait "$T/monitor" "Time for a posture reset" 750 >/dev/null &&
	grep -A 20 "member=Notify" "$T/monitor" >"$T/notify" &&
	has "$T/notify" "string \"midback\"" &&
	has "$T/notify" "string \"default\"" &&
	has "$T/notify" "string \"start\"" && has "$T/notify" "string \"Start\"" &&
	has "$T/notify" "string \"snooze\"" && has "$T/notify" "string \"Snooze\"" &&
	has "$T/notify" "string \"skip\"" && has "$T/notify" "string \"Skip\"" &&
	edge_shown 1
'

t 'remind-edge-3: Snooze is logged, and the notification goes' '
	dunstctl action 0 &&
	i=0 && until [ "$(q "SELECT count(*) FROM reminders")" = 1 ] || [ $i -ge 300 ]; do sleep 0.1; i=$((i + 1)); done &&
	test "$(q "SELECT kind, outcome FROM reminders")" = "posture-reset|snoozed" &&
	edge_wait "$T/monitor" "member=CloseNotification" >/dev/null &&
	run 0 "$MIDBACK" stats --json &&
	has "$OUT" "\"snoozed\": 1" &&
	run 0 "$MIDBACK" log &&
	has "$OUT" "reminder  posture-reset (due" && has "$OUT" "): snoozed"
'

t 'remind-edge-4: the snoozed reminder comes back a snooze later' '
	test "$(grep -c "Time for a posture reset" "$T/monitor")" -ge 1 &&
	n0=$(grep -c "member=Notify" "$T/monitor") &&
	i=0 && until [ "$(grep -c "member=Notify" "$T/monitor")" -gt "$n0" ] || [ $i -ge 750 ]; do sleep 0.1; i=$((i + 1)); done &&
	test "$(grep -c "member=Notify" "$T/monitor")" -gt "$n0" &&
	test ! -s "$T/d.err"
'

# tmux-term's screen, without its empty lines.
screen() {
	tmux -S "$MIDBACK_TEST_TMUX" capture-pane -p -t term | grep -v "^ *$"
}

# Wait until the terminal's screen shows $1.
see() {
	i=0 && until screen 2>/dev/null | grep -q -- "$1" || [ $i -ge 300 ]; do
		sleep 0.1; i=$((i + 1)); done
	screen >"$T/screen" 2>&1
	has "$T/screen" "$1"
}

t 'remind-edge-5: the notification service leaves with the reminder up: missed' '
	kill "$XSESSION_DUNST_PID" &&
	i=0 && until [ "$(q "SELECT count(*) FROM reminders WHERE outcome = '"'missed'"'")" = 1 ] || [ $i -ge 300 ]; do sleep 0.1; i=$((i + 1)); done &&
	test "$(q "SELECT kind, outcome FROM reminders ORDER BY id DESC LIMIT 1")" = "posture-reset|missed" &&
	XSESSION_DUNST_RULES= && xsession_dunst
'

t 'remind-edge-6: a click on the next one opens the break in a terminal, taken' '
	n0=$(grep -c "member=Notify" "$T/monitor") &&
	i=0 && until [ "$(grep -c "member=Notify" "$T/monitor")" -gt "$n0" ] || [ $i -ge 750 ]; do sleep 0.1; i=$((i + 1)); done &&
	edge_shown 1 &&
	dunstctl action 0 &&
	i=0 && until [ "$(q "SELECT count(*) FROM reminders WHERE outcome = '"'taken'"'")" = 1 ] || [ $i -ge 300 ]; do sleep 0.1; i=$((i + 1)); done &&
	test "$(q "SELECT kind, outcome FROM reminders ORDER BY id DESC LIMIT 1")" = "posture-reset|taken" &&
	see "Do you have chest pain" &&
	for a in n n n n y; do
		tmux -S "$MIDBACK_TEST_TMUX" send-keys -t term "$a" Enter; done &&
	see "exercise 1 of" &&
	has "$T/screen" "space pause" &&
	pp=$(tmux -S "$MIDBACK_TEST_TMUX" display-message -p -t term "#{pane_pid}") &&
	grep "^SigBlk:" "/proc/$pp/status" >"$T/sig" &&
	same "$T/sig" "SigBlk:	0000000000000000" &&
	test $((0x$(awk "/^SigIgn:/ { print \$2 }" "/proc/$pp/status") & 0x10000)) -eq 0 &&
	test ! -s "$T/d.err"
'

t 'remind-edge-7: the next one closed by the person is skipped' '
	n0=$(grep -c "member=Notify" "$T/monitor") &&
	i=0 && until [ "$(grep -c "member=Notify" "$T/monitor")" -gt "$n0" ] || [ $i -ge 750 ]; do sleep 0.1; i=$((i + 1)); done &&
	edge_shown 1 &&
	dunstctl close &&
	i=0 && until [ "$(q "SELECT count(*) FROM reminders WHERE outcome = '"'skipped'"'")" = 1 ] || [ $i -ge 300 ]; do sleep 0.1; i=$((i + 1)); done &&
	test "$(q "SELECT kind, outcome FROM reminders ORDER BY id DESC LIMIT 1")" = "posture-reset|skipped" &&
	test ! -s "$T/d.err"
'

# A reminder still up when the next comes: a second daemon, without X
# (no idle source to say the person is away), whose daily session (09:00)
# is due as it starts, and a posture reset 30 clock minutes (three real
# seconds) later. The first is closed, not replaced in place, and counted
# missed; the second is answered (the break it opens takes the terminal
# that the one of remind-edge-6 had). Its clock is a day later than the
# first daemon's: its reminders are those with due_ms >= 1772496000000
# (2026-03-03 00:00 UTC).
t 'remind-edge-8: one left up when the next comes is closed and missed' '
	kill "$DPID" && wi=0 &&
	while kill -0 "$DPID" 2>/dev/null && [ $wi -lt 300 ]; do sleep 0.1; wi=$((wi + 1)); done &&
	printf "%s\n" "posture_reset_every: 30" "wall_angel_every: off" \
	    "daily_session: \"09:00\"" "snooze: 1" \
	    "work_days: [mon, tue, wed, thu, fri, sat, sun]" \
	    "work_hours: \"00:00-24:00\"" >"$XDG_CONFIG_HOME/midback/config.yaml" &&
	n0=$(grep -c "member=Notify" "$T/monitor") &&
	c0=$(grep -c "member=CloseNotification" "$T/monitor") &&
	{ ( unset DISPLAY
	    export MIDBACK_TEST_CLOCK="at=2026-03-03T10:00:00,since=$(date +%s),scale=600"
	    exec "$MIDBACK" remind ) >"$T/d2.out" 2>"$T/d2.err" & } &&
	echo $! >"$T/d2.pid" &&
	i=0 && until [ "$(grep -c "member=Notify" "$T/monitor")" -ge $((n0 + 2)) ] || [ $i -ge 300 ]; do sleep 0.1; i=$((i + 1)); done &&
	i=0 && until [ "$(q "SELECT count(*) FROM reminders WHERE due_ms >= 1772496000000")" = 1 ] || [ $i -ge 300 ]; do sleep 0.1; i=$((i + 1)); done &&
	test "$(q "SELECT kind, outcome FROM reminders WHERE due_ms >= 1772496000000")" = "daily-session|missed" &&
	test "$(grep -c "member=Notify" "$T/monitor")" -eq $((n0 + 2)) &&
	test "$(grep -A 2 "member=Notify" "$T/monitor" | tail -n 2 | sed -n 1p | tr -d " ")" = "string\"midback\"" &&
	test "$(grep -A 2 "member=Notify" "$T/monitor" | tail -n 1 | tr -d " ")" = "uint320" &&
	test "$(grep -c "member=CloseNotification" "$T/monitor")" -eq $((c0 + 1)) &&
	edge_shown 1 &&
	{ tmux -S "$MIDBACK_TEST_TMUX" kill-server 2>/dev/null || :; } &&
	dunstctl action 0 &&
	i=0 && until [ "$(q "SELECT count(*) FROM reminders WHERE due_ms >= 1772496000000")" = 2 ] || [ $i -ge 300 ]; do sleep 0.1; i=$((i + 1)); done &&
	test "$(q "SELECT kind, outcome FROM reminders WHERE due_ms >= 1772496000000 ORDER BY id")" = "daily-session|missed
posture-reset|taken" &&
	test ! -s "$T/d2.err"
'

echo "1..$n"
