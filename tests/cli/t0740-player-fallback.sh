# t0740-player-fallback.sh -- midback start on a terminal ncurses cannot
# drive (TERM=unknown, TERM=dumb) falls back to plain lines and finishes
# the session, rather than exiting inside ncurses with it left running.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/cli/tmux.sh"

Q="'"
ONE="$TOP/tests/data/routine-one-hold.yaml"
DB="$XDG_DATA_HOME/midback/midback.db"

# The red-flag screen, answered in a plain run first.
printf 'n\nn\nn\nn\ny\n' |
    "$MIDBACK" start --routine "$ONE" >"$T/first" 2>&1

# play NAME TERM: a session of one exercise on a terminal of type TERM.
play() {
	tm new-session -d -s "$1" -x 80 -y 24 "env \
XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XDG_DATA_HOME='$XDG_DATA_HOME' \
HOME='$HOME' LC_ALL=C.UTF-8 TERM=$2 MIDBACK_TEST_CLOCK=scale=20 \
'$MIDBACK' start --routine '$ONE' \
--no-resume 2>'$T/$1.err'; echo EXIT=\$?; sleep 30"
}

t 'fallback-1: TERM=unknown plays the session in plain lines to the end' '
	play unknown unknown &&
	S=unknown &&
	see "How much does your back hurt right now, 0 to 10?" &&
	tm send-keys -t unknown Enter &&
	see "Hold" &&
	see "How did it feel?" &&
	tm send-keys -t unknown fine Enter &&
	see "How much does your back hurt now, 0 to 10?" &&
	tm send-keys -t unknown Enter &&
	see "EXIT=0" &&
	has "$PANE" "Well done" &&
	lacks "$PANE" "Error opening terminal" &&
	test ! -s "$T/unknown.err" &&
	test "$(sqlite3 "$DB" "SELECT status FROM sessions ORDER BY id DESC LIMIT 1")" = finished
'

t 'fallback-2: TERM=dumb, which cannot move the cursor, falls back too' '
	play dumb dumb &&
	S=dumb &&
	see "How much does your back hurt right now, 0 to 10?" &&
	tm send-keys -t dumb Enter &&
	see "How did it feel?" &&
	tm send-keys -t dumb fine Enter &&
	see "How much does your back hurt now, 0 to 10?" &&
	tm send-keys -t dumb Enter &&
	see "EXIT=0" &&
	has "$PANE" "Well done" &&
	test "$(sqlite3 "$DB" "SELECT count(*) FROM sessions WHERE status = ${Q}running${Q}")" = 0
'

tm kill-server >/dev/null 2>&1
echo "1..$n"
