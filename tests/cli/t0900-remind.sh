# t0900-remind.sh -- midback remind without a desktop: its settings and
# their errors, --status, the daemon firing a posture reset with no
# notification service (bell and a line, said once), its files private
# and its store there before it says it runs, SIGHUP with a bad file
# keeping the settings in use, SIGTERM, and --install and --uninstall
# without a user systemd. The daemon runs on the scaled test clock
# (tests/README), 20 times faster than real time: a reminder five minutes
# away comes in fifteen seconds, time enough for a busy machine to start
# the daemon and ask its status before then. The desktop side (notifications, idle) is
# tests/edge/. t() runs each body where `set -e` is ignored, so every
# body chains its steps with `&&`.
. "$TOP/tests/cli/lib.sh"

Q="'"
CFG="$XDG_CONFIG_HOME/midback/config.yaml"
export XDG_RUNTIME_DIR="$T/run"
unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY
mkdir -p "$XDG_CONFIG_HOME/midback" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"

empty() {
	test ! -s "$1" || { echo "'$1' is not empty"; return 1; }
}

# wait_for FILE TEXT [TENTHS]: until FILE holds TEXT.
wait_for() {
	wi=0
	while ! grep -qF -- "$2" "$1" 2>/dev/null; do
		wi=$((wi + 1))
		[ "$wi" -le "${3:-100}" ] || { echo "timed out waiting for '$2' in $1"; return 1; }
		sleep 0.1
	done
}

t 'remind-1: --status with no settings file gives the defaults' '
	run 0 "$MIDBACK" remind --status &&
	has "$OUT" "midback remind is not running." &&
	grep -q "^Next: " "$OUT" &&
	has "$OUT" "work days: Mon Tue Wed Thu Fri" &&
	has "$OUT" "work hours: 09:00-17:30" &&
	has "$OUT" "posture reset: every 60 min of desk time"
'

t 'remind-ics: export --format ics writes the schedule as weekly events' '
	run 0 "$MIDBACK" export --format ics &&
	tr -d "\r" <"$OUT" >"$T/ics" &&
	test "$(grep -c "$(printf "\r")\$" "$OUT")" -eq "$(wc -l <"$OUT")" &&
	sed -n 1p "$T/ics" >"$T/l1" && same "$T/l1" "BEGIN:VCALENDAR" &&
	tail -n 1 "$T/ics" >"$T/ll" && same "$T/ll" "END:VCALENDAR" &&
	test "$(grep -c "^BEGIN:VEVENT" "$T/ics")" -eq 8 &&
	test "$(grep -c "^BEGIN:VALARM" "$T/ics")" -eq 8 &&
	test "$(grep -c "^RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR\$" "$T/ics")" -eq 8 &&
	grep "^UID:" "$T/ics" >"$T/uids1" &&
	same "$T/uids1" "UID:posture-reset-1000@midback
UID:wall-angel-1100@midback
UID:posture-reset-1200@midback
UID:wall-angel-1300@midback
UID:posture-reset-1400@midback
UID:wall-angel-1500@midback
UID:daily-session-1600@midback
UID:posture-reset-1700@midback" &&
	grep -q "^DTSTART:[0-9]\{8\}T100000\$" "$T/ics" &&
	! awk "length > 75" "$T/ics" | grep -q . &&
	run 0 "$MIDBACK" export --format ics &&
	tr -d "\r" <"$OUT" | grep "^UID:" >"$T/uids2" &&
	cmp "$T/uids1" "$T/uids2" &&
	printf "wall_angel_every: off\nwork_days: [sat]\n" >"$CFG" &&
	run 0 "$MIDBACK" export --format ics &&
	has "$OUT" "RRULE:FREQ=WEEKLY;BYDAY=SA" &&
	lacks "$OUT" "wall-angel" &&
	printf "snooze: never\n" >"$CFG" &&
	run 1 "$MIDBACK" export --format ics &&
	same "$ERR" "$CFG:1: ${Q}snooze${Q} must be a whole number, found ${Q}never${Q}" &&
	empty "$OUT" && rm -f "$CFG"
'

t 'remind-2: a bad settings file is refused with FILE:LINE, and nothing starts' '
	printf "posture_reset_every: 0\nwork_hours: \"9-5\"\nsnooze: 10\nfoo: 1\n" >"$CFG" &&
	run 1 "$MIDBACK" remind &&
	same "$ERR" "$CFG:1: ${Q}posture_reset_every${Q} must be from 1 to 480, found 0
$CFG:2: ${Q}work_hours${Q} must be HH:MM-HH:MM, found ${Q}9-5${Q}
$CFG:4: unknown key ${Q}foo${Q}
midback: remind: not started: fix ${Q}$CFG${Q} first" &&
	empty "$OUT" &&
	test ! -e "$XDG_RUNTIME_DIR/midback/remind.json" &&
	run 1 "$MIDBACK" remind --status &&
	has "$ERR" "midback: remind: cannot tell: fix ${Q}$CFG${Q} first"
'

t 'remind-3: bad usage' '
	run 2 "$MIDBACK" remind --status --install &&
	has "$ERR" "midback: remind: --status, --install and --uninstall are one at a time" &&
	run 2 "$MIDBACK" remind now &&
	has "$ERR" "unexpected argument ${Q}now${Q}"
'

# A posture reset five clock minutes after the start (10:00 to 10:01, as
# the clock's start is in whole real seconds), and then none until the
# next day: work ends at 10:08, before a second one would be due.
printf "posture_reset_every: 5\nwall_angel_every: off\ndaily_session: off\nwork_days: [mon, tue, wed, thu, fri, sat, sun]\nwork_hours: \"09:00-10:08\"\n" >"$CFG"
DB="$XDG_DATA_HOME/midback/midback.db"
export MIDBACK_TEST_CLOCK="at=2026-03-02T10:00:00,since=$(date +%s),scale=20"
# umask 0: the daemon's files must be private all the same.
(umask 0; exec "$MIDBACK" remind) >"$T/d.out" 2>"$T/d.err" &
dpid=$!

t 'remind-4: running, --status says what comes next and why' '
	wait_for "$XDG_RUNTIME_DIR/midback/remind.json" "\"pid\"" &&
	run 0 "$MIDBACK" remind --status &&
	has "$OUT" "midback remind is running (process $dpid)" &&
	has "$OUT" "notifications: no, the terminal bell" &&
	grep -q "^Next: posture reset at 10:0[56] on 2026-03-02 (in [1-5] min): 5 min of desk time since the last posture reset\.$" "$OUT"
'

t 'remind-4.0: the store is made before the daemon says it runs' '
	wait_for "$XDG_RUNTIME_DIR/midback/remind.json" "\"pid\"" &&
	test "$(sqlite3 -readonly "$DB" "SELECT count(*) FROM reminders")" = 0
'

t 'remind-4.0.1: its state file and lock are private (0600), whatever the umask' '
	wait_for "$XDG_RUNTIME_DIR/midback/remind.json" "\"pid\"" &&
	test "$(stat -c %a "$XDG_RUNTIME_DIR/midback/remind.json")" = 600 &&
	test "$(stat -c %a "$XDG_RUNTIME_DIR/midback/remind.lock")" = 600 &&
	test "$(stat -c %a "$XDG_RUNTIME_DIR/midback")" = 700
'

t 'remind-4.1: a second daemon is refused; the first goes on' '
	run 1 "$MIDBACK" remind &&
	same "$ERR" "midback: remind: already running (process $dpid); ${Q}midback remind --status${Q} says what comes next" &&
	empty "$OUT" &&
	kill -0 "$dpid" &&
	has "$XDG_RUNTIME_DIR/midback/remind.json" "\"pid\": $dpid"
'

# The line is said after the outcome is stored: the store is read at once.
# It was due at 10:05 or 10:06; the time it shows is when it came, from
# then to when it was stored (at_ms): a busy machine makes it later.
t 'remind-5: with no notification service, a bell and a line, said once' '
	wait_for "$T/d.err" "Time for a posture reset" 600 &&
	test "$(sqlite3 -readonly -cmd ".timeout 5000" "$DB" "SELECT kind, outcome FROM reminders")" = "posture-reset|missed" &&
	sqlite3 -readonly -cmd ".timeout 5000" "$DB" "SELECT strftime(${Q}%H:%M${Q}, due_ms / 1000, ${Q}unixepoch${Q}), strftime(${Q}%H:%M${Q}, at_ms / 1000, ${Q}unixepoch${Q}), at_ms >= due_ms FROM reminders" >"$T/when" &&
	grep -q "^10:0[56]|[0-9:]*|1\$" "$T/when" &&
	sed -n "s/^$(printf "\a")\([0-9][0-9]:[0-9][0-9]\) Time for a posture reset\. Sit tall.*/\1/p" "$T/d.err" >"$T/said" &&
	test "$(wc -l <"$T/said")" -eq 1 &&
	! expr "$(cat "$T/said")" "<" "$(cut -d"|" -f1 "$T/when")" >/dev/null &&
	! expr "$(cat "$T/said")" ">" "$(cut -d"|" -f2 "$T/when")" >/dev/null &&
	test "$(grep -c "no notification service" "$T/d.err")" -eq 1 &&
	run 0 "$MIDBACK" stats &&
	has "$OUT" "Break reminders, last 28 days: 0 taken, 0 snoozed, 0 skipped," &&
	has "$OUT" "1 missed" &&
	run 0 "$MIDBACK" log &&
	grep -q "^  [0-9:]\{5\}  reminder  posture-reset (due [0-9:]\{5\}): missed\$" "$OUT" &&
	run 0 "$MIDBACK" log --json &&
	has "$OUT" "\"outcome\": \"missed\"" && has "$OUT" "\"type\": \"reminder\""
'

t 'remind-6: SIGHUP with a bad file keeps the settings in use; SIGTERM ends it' '
	cp "$CFG" "$T/good.yaml" &&
	printf "snooze: forever\n" >"$CFG" &&
	kill -HUP "$dpid" &&
	wait_for "$T/d.err" "kept the settings in use" &&
	has "$T/d.err" "$CFG:1: ${Q}snooze${Q} must be a whole number, found ${Q}forever${Q}" &&
	kill -0 "$dpid" &&
	cp "$T/good.yaml" "$CFG" &&
	kill -TERM "$dpid" &&
	wi=0 && while kill -0 "$dpid" 2>/dev/null && [ $wi -lt 300 ]; do sleep 0.1; wi=$((wi + 1)); done &&
	! kill -0 "$dpid" 2>/dev/null &&
	test ! -e "$XDG_RUNTIME_DIR/midback/remind.json" &&
	run 0 "$MIDBACK" remind --status &&
	has "$OUT" "midback remind is not running."
'

t 'remind-7: --install writes the unit; without a user systemd it says so' '
	mkdir -p "$T/bin" &&
	printf "#!/bin/sh\necho \"systemctl \$*\" >>\"$T/systemctl.log\"\nexit 1\n" >"$T/bin/systemctl" &&
	chmod +x "$T/bin/systemctl" &&
	PATH="$T/bin:$PATH" run 1 "$MIDBACK" remind --install &&
	U="$XDG_CONFIG_HOME/systemd/user/midback-remind.service" &&
	has "$OUT" "Wrote $U." &&
	has "$U" "ExecStart=$(readlink -f "$MIDBACK") remind" &&
	has "$U" "WantedBy=graphical-session.target" &&
	has "$ERR" "midback: remind: the unit is written but could not be enabled" &&
	PATH="$T/bin:$PATH" run 0 "$MIDBACK" remind --uninstall &&
	has "$OUT" "Removed $U." &&
	test ! -e "$U" &&
	run 0 "$MIDBACK" remind --uninstall &&
	has "$OUT" "nothing to remove"
'
kill "$dpid" 2>/dev/null || true
unset MIDBACK_TEST_CLOCK

# A burst of D-Bus messages from a peer, on a private session bus
# (tests/lib/xsession.sh): the daemon gives its pages back once the burst
# is over, not before each message, so the messages cost no faults to
# speak of (with a page-out each, 100 cost over 3,000; now under 100).
. "$TOP/tests/lib/xsession.sh"
XSESSION_DIR="$T/xs"
mkdir -p "$XSESSION_DIR"
if command -v dbus-daemon >/dev/null 2>&1 &&
    command -v dbus-send >/dev/null 2>&1 &&
    command -v busctl >/dev/null 2>&1 && _xsession_bus session; then
	BUS=$(cat "$XSESSION_DIR/session.address")
	trap 'kill "$fpid" 2>/dev/null; xsession_stop; rm -rf "$T"' EXIT
	mkdir -p "$T/run8" && chmod 700 "$T/run8"
	DBUS_SESSION_BUS_ADDRESS=$BUS XDG_RUNTIME_DIR="$T/run8" \
	    "$MIDBACK" remind >"$T/f.out" 2>"$T/f.err" &
	fpid=$!
t 'remind-8: a burst of D-Bus messages costs no page-out per message' '
	wait_for "$T/run8/midback/remind.json" "\"pid\"" &&
	i=0 && name= &&
	until [ -n "$name" ]; do
		name=$(busctl --address="$BUS" list --unique --no-legend | awk -v p="$fpid" "\$2 == p { print \$1; exit }")
		i=$((i + 1)); [ $i -lt 300 ] || { echo "remind is not on the bus"; exit 1; }
		[ -n "$name" ] || sleep 0.1
	done &&
	# Settled: its start has stopped faulting pages in (a busy machine
	# takes longer; half a second with none new).
	fa=-1 && fb=$(awk "{ print \$10 }" /proc/$fpid/stat) && i=0 &&
	while [ "$fa" != "$fb" ] && [ $i -lt 120 ]; do
		fa=$fb; sleep 0.5; fb=$(awk "{ print \$10 }" /proc/$fpid/stat); i=$((i + 1))
	done &&
	f0=$(awk "{ print \$10 }" /proc/$fpid/stat) &&
	i=0 && while [ $i -lt 100 ]; do
		dbus-send --bus="$BUS" --type=signal --dest="$name" /org/example/Flood org.example.Flood.Ping || exit 1
		i=$((i + 1))
	done &&
	f1=$(awk "{ print \$10 }" /proc/$fpid/stat) &&
	echo "minor faults for 100 messages: $((f1 - f0))" &&
	test $((f1 - f0)) -lt 1000 &&
	kill -0 "$fpid"
'
	kill "$fpid" 2>/dev/null
else
	n=$((n + 1))
	echo "ok $n - remind-8 # SKIP no dbus-daemon, dbus-send or busctl"
fi

echo "1..$n"
