# t0735-player-marks.sh -- the changes of position in the full-screen
# player of midback start, in a real terminal (tmux): a routine file gets
# them as plans do, and after the easier option is taken they follow
# where the body really is.
#
# The routine (tests/data/routine-floor.yaml): standing side-bend reach,
# the side plank and the open book on the floor, the posture reset on a
# chair. The side plank hurts; its easier option, the side-bend hold, is
# done up: the person gets up for it and down again for the open book.
# The other exercises are skipped (n) once the person is in position, so
# the marks stay those of the body's real moves.
# The session plays on the test clock at twice real time, so each change
# of position shows for 5 s; each test waits for what it needs to see
# (polling the pane), with no fixed sleep. t() runs each body where
# `set -e` is ignored, so every body chains its steps with `&&`.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/cli/tmux.sh"

DATA="$TOP/tests/data"
DB="$XDG_DATA_HOME/midback/midback.db"

# The red-flag screen, answered in a plain run first.
screened
player 80 24 "$DATA/routine-floor.yaml" MIDBACK_TEST_CLOCK=scale=2

t 'marks-1 a routine file: get down onto the floor before the side plank' '
	see "How much does your back hurt right now, 0 to 10?" &&
	tm send-keys -t mb Enter &&
	see "exercise 1 of 4" &&
	has "$PANE" "Standing side-bend reach" &&
	tm send-keys -t mb n &&
	see "Get down onto the floor" &&
	has "$PANE" "exercise 2 of 4" &&
	has "$PANE" "Side plank from the knees" &&
	has "$PANE" "Position: lying on one side, knees bent"
'

t 'marks-2 the side plank hurts; its easier option, done up, begins with getting up' '
	see "How did it feel? Press a number." &&
	tm send-keys -t mb 4 &&
	see "try Side-bend hold instead? y/n" &&
	tm send-keys -t mb y &&
	see "Get up off the floor" &&
	has "$PANE" "exercise 3 of 5" &&
	has "$PANE" "Side-bend hold" &&
	has "$PANE" "Next: Open book"
'

t 'marks-3 up now, the open book after it begins with getting down again' '
	unseen "Get up off the floor" &&
	has "$PANE" "Side-bend hold" &&
	tm send-keys -t mb n &&
	see "Get down onto the floor" &&
	has "$PANE" "exercise 4 of 5" &&
	has "$PANE" "Open book"
'

t 'marks-4 and the posture reset on a chair with getting up' '
	unseen "Get down onto the floor" &&
	tm send-keys -t mb n &&
	see "Get up off the floor" &&
	has "$PANE" "exercise 5 of 5" &&
	has "$PANE" "Thoracic extension (posture reset)" &&
	quit_player "How much does your back hurt now, 0 to 10?"
'

t 'marks-5 the database has the easier option in its place' '
	sqlite3 "$DB" "SELECT position, exercise, feel, outcome
	    FROM session_items WHERE session_id = 2 ORDER BY position" >"$T/i" &&
	same "$T/i" "0|side-bend-reach||skipped
1|side-plank-knees|sharp|done
2|side-bend-hold||skipped
3|open-book||skipped
4|posture-reset||stopped"
'

tm kill-server >/dev/null 2>&1
echo "1..$n"
