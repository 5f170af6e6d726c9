# t0730-player-tmux.sh -- the ncurses player of midback start in a real
# terminal: a detached tmux session on a socket of its own, driven with
# send-keys and read with capture-pane.
#
# The tests follow one session, in order: the screen of exercise 1, pause,
# help, a resize, skip, the feel check of exercise 2, and quitting in
# exercise 3. Each waits for what it needs to see (polling the pane), so
# none depends on a fixed sleep. t() runs each body where `set -e` is
# ignored, so every body chains its steps with `&&`.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/cli/tmux.sh"

DATA="$TOP/tests/data"
ONE="$DATA/routine-one-hold.yaml"
PLAYER="$DATA/routine-player.yaml"
DB="$XDG_DATA_HOME/midback/midback.db"

# A braille cell (U+2800 to U+28FF) in UTF-8, as bytes: the figure
# drawn left of the text on a screen of 100x30 (t0770 tests it).
BRAILLE=$(printf '\342[\240-\243][\200-\277]')

# text [FILE]: $PANE (or FILE) without the figure: each row from after
# its last braille cell.
text() {
	LC_ALL=C sed "s/^.*$BRAILLE//" "${1:-$PANE}"
}

# clock FILE: the rows of the big countdown in $PANE (lines of # and
# spaces only) into FILE; fails unless there are five.
clock() {
	text | grep '^ *#[# ]*$' >"$1"
	test "$(wc -l <"$1")" -eq 5 || {
		echo "no countdown of 5 rows:"
		sed 's/^/|/' "$PANE"
		return 1
	}
}

# row N REGEX: line N of $PANE matches the basic regular expression.
row() {
	sed -n "$1p" "$PANE" | grep -q -- "$2" || {
		echo "row $1 does not match: $2"
		sed 's/^/|/' "$PANE"
		return 1
	}
}

# ticking: the big countdown changes (30 s at most, a guard against a
# hang: on a quiet machine it takes a second; how long a displayed second
# lasts is a figure of bench/session-drift, not a condition).
ticking() {
	clock "$T/c1" &&
	tw=0 &&
	while :; do
		sleep 0.1
		grab && clock "$T/c2" || return 1
		cmp -s "$T/c1" "$T/c2" || return 0
		tw=$((tw + 1))
		if [ "$tw" -gt 300 ]; then
			echo "the countdown does not move:"
			sed 's/^/|/' "$PANE"
			return 1
		fi
	done
}

# ms: the time in milliseconds.
ms() {
	date +%s%3N
}

# press_on_the_second KEY: wait until the big countdown moves on within
# a phase (the phase's name, row 6, stays), send KEY at once, and print
# the time it was sent.
press_on_the_second() {
	pp='' pc='' pw=0
	while :; do
		grab || return 1
		cp=$(text | sed -n 6p) cc=$(text | sed -n 8,12p)
		if [ -n "$pc" ] && [ "$cp" = "$pp" ] && [ "$cc" != "$pc" ]; then
			tm send-keys -t mb "$1" && ms
			return
		fi
		pp=$cp pc=$cc pw=$((pw + 1))
		if [ "$pw" -gt 300 ]; then
			echo "the countdown never moved on within a phase" >&2
			return 1
		fi
	done
}

# TAP comments (latencies) from inside a test body go to fd 3.
exec 3>&1

# fmt NAME: the tmux format NAME for the pane, such as alternate_on.
fmt() {
	tm display-message -p -t mb "#{$1}"
}

# The red-flag screen, answered in a plain run first.
screened "$T/first"
player 80 24 "$PLAYER"

t 'player-1.0 the first, plain run answered the screen' '
	has "$T/first" "Well done" &&
	sqlite3 "$DB" "SELECT count(*) FROM acknowledgements" >"$T/n" &&
	same "$T/n" 1
'

t 'player-1.1 the pain question comes first, then the player' '
	see "How much does your back hurt right now, 0 to 10?" &&
	lacks "$PANE" "Do you have chest pain" &&
	tm send-keys -t mb Enter &&
	see "exercise 1 of 3" &&
	test "$(fmt alternate_on)" = 1
'

t 'player-1.2 exercise 1: name, cue, phase, countdown, side, next and keys' '
	see "exercise 1 of 3" &&
	see "Standing side-bend reach" &&
	see "Get ready" &&
	see "Position: " &&
	row 1 "^ midback  exercise 1 of 3" &&
	clock "$T/c1" &&
	has "$PANE" "left side" &&
	has "$PANE" " Next: Chest opener" &&
	row 24 "^ space pause  n next  p back  x it hurts  q quit  ? help"
'

t 'player-1.3 the countdown counts down, and the counters show the rep' '
	see "rep 1/2, left side" &&
	has "$PANE" "Move into position" &&
	ticking
'

t 'player-1.4 space pauses: Paused shows and the clock stops' '
	tm send-keys -t mb Space &&
	see "Paused: space to go on" &&
	clock "$T/c1" &&
	# The one fixed wait: that nothing moves can only be seen over a
	# time. A slow machine cannot make it fail, only see less.
	sleep 1.5 &&
	grab &&
	has "$PANE" "Paused" &&
	clock "$T/c2" &&
	cmp "$T/c1" "$T/c2"
'

t 'player-1.5 space again goes on: Paused goes and the clock runs' '
	tm send-keys -t mb Space &&
	unseen "Paused" &&
	ticking
'

t 'player-1.6 ? shows the keys, ? again hides them' '
	tm send-keys -t mb "?" &&
	see "Keys" &&
	has "$PANE" "q      quit (asks first)" &&
	has "$PANE" "?      close this help" &&
	tm send-keys -t mb "?" &&
	unseen "Keys" &&
	lacks "$PANE" "close this help" &&
	has "$PANE" "exercise 1 of 3"
'

# 80x24 to 100x30: the title centred in 100 columns, the key line on row
# 30, and nothing of the 80x24 layout left behind.
t 'player-1.7 a resize redraws the screen for the new size (with the figure)' '
	tm resize-window -t mb -x 100 -y 30 &&
	test "$(fmt window_width)x$(fmt window_height)" = 100x30 &&
	rw=0 &&
	until grab && sed -n 30p "$PANE" | grep -q "space pause"; do
		rw=$((rw + 1))
		if [ "$rw" -gt 300 ]; then
			echo "no key line on row 30"
			sed "s/^/|/" "$PANE"
			exit 1
		fi
		sleep 0.1
	done &&
	test "$(wc -l <"$PANE")" -eq 30 &&
	sed -n 3p "$PANE" | grep -q "^  *Standing side-bend reach$" &&
	test "$(LC_ALL=C grep -c "$BRAILLE" "$PANE")" -gt 10 &&
	test "$(grep -c "space pause" "$PANE")" -eq 1 &&
	test "$(grep -c "Standing side-bend reach" "$PANE")" -eq 1 &&
	test "$(grep -c "exercise 1 of 3" "$PANE")" -eq 1 &&
	row 1 "^ midback  exercise 1 of 3" &&
	test "$(grep -c "^ exercise\[" "$PANE")" -eq 1 &&
	row 25 "^ exercise\[" &&
	clock "$T/c1" &&
	LC_ALL=C sed "s/$BRAILLE/x/g" "$PANE" |
	    awk "length > 100 { print \"line \" NR \" is \" length \" wide\"; bad = 1 }
	    END { exit bad }"
'

t 'player-1.8 n skips to exercise 2' '
	tp=$(press_on_the_second n) &&
	echo "$tp" >"$T/pressed" &&
	see "exercise 2 of 3" &&
	see "Chest opener" &&
	lacks "$PANE" "Standing side-bend reach" &&
	has "$PANE" "Get ready" &&
	has "$PANE" "Next: Cross-arm stretch"
'

# The 5 s get-ready of exercise 2 began when n was pressed; its countdown
# moves on. How long its first second lasted (one second, not until the
# player's next redraw after it) is printed as a TAP comment, and
# measured by bench/session-drift: on a busy machine it is longer.
t 'player-1.8b the countdown of exercise 2 moves on' '
	tp=$(cat "$T/pressed") &&
	first= &&
	while :; do
		grab && now=$(ms) &&
		if grep -q "exercise 2 of 3" "$PANE" &&
		    grep -q "Get ready" "$PANE"; then
			c=$(sed -n 8,12p "$PANE")
			if [ -z "$first" ]; then
				first=$c
			elif [ "$c" != "$first" ]; then
				break
			fi
		fi
		if [ $((now - tp)) -gt 30000 ]; then
			echo "no change in 30 s"
			exit 1
		fi
		sleep 0.02
	done &&
	echo "# latency: the first second of the countdown lasted $((now - tp)) ms" >&3
'

t 'player-1.9 at the end of exercise 2 the feel check asks; 1 moves on' '
	see "How did it feel? Press a number." &&
	has "$PANE" "1 fine  2 stretch  3 mild discomfort  4 sharp" &&
	has "$PANE" "exercise 2 of 3" &&
	tm send-keys -t mb 1 &&
	see "exercise 3 of 3" &&
	unseen "How did it feel?" &&
	has "$PANE" "Cross-arm stretch"
'

t 'player-1.10 q asks to quit; n keeps the session going' '
	see "exercise 3 of 3" &&
	tm send-keys -t mb q &&
	see "Quit the session? y/n" &&
	tm send-keys -t mb n &&
	unseen "Quit the session?" &&
	has "$PANE" "exercise 3 of 3" &&
	{ test "$(fmt alternate_on)" = 1 || { echo "the player is gone"; exit 1; }; } &&
	ticking
'

t 'player-1.11 q then y quits and gives the terminal back' '
	tm send-keys -t mb q &&
	see "Quit the session? y/n" &&
	tm send-keys -t mb y &&
	see "Session ended early. What you did is saved." &&
	test "$(fmt alternate_on)" = 0 &&
	test "$(fmt cursor_flag)" = 1 &&
	lacks "$PANE" "space pause  n next" &&
	lacks "$PANE" "Quit the session?" &&
	{ ! grep -q "^ *#[# ]*$" "$PANE" || { echo "a countdown is left"; exit 1; }; } &&
	see "How much does your back hurt now, 0 to 10?" &&
	tm send-keys -t mb Enter &&
	see "EXIT=0"
'

t 'player-1.12 the database has the quit session: skipped, done, stopped' '
	see "EXIT=" &&
	sqlite3 "$DB" "SELECT status FROM sessions ORDER BY id" >"$T/s" &&
	same "$T/s" "finished
quit" &&
	sqlite3 "$DB" "SELECT position, exercise, feel, outcome
	    FROM session_items WHERE session_id = 2 ORDER BY position" >"$T/i" &&
	same "$T/i" "0|side-bend-reach||skipped
1|chest-opener|fine|done
2|cross-arm-stretch||stopped"
'

tm kill-server >/dev/null 2>&1
echo "1..$n"
