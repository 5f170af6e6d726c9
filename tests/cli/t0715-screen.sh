# t0715-screen.sh -- the red-flag screen's paths in a plain session: no
# answer (end of input, or Enter alone), a yes, a clinician's clearance,
# asked again after 90 days and after a check-in of 8; then pain of 7 or
# more before a session, and a rise of 2 or more after it.
#
# Sessions play on the test clock (MIDBACK_TEST_CLOCK, 20 times real
# time); its at= moves the calendar on. t() runs each body where `set -e`
# is ignored, so every body chains its steps with `&&`.
. "$TOP/tests/cli/lib.sh"

Q="'"
DATA="$TOP/tests/data"
ONE="$DATA/routine-one-hold.yaml"
DAY0=2026-03-02T10:00:00

empty() {
	test ! -s "$1" || { echo "'$1' is not empty"; return 1; }
}

# q NAME SQL: the rows of SQL on the database of run NAME.
q() {
	sqlite3 -batch "$T/$1/midback/midback.db" "$2"
}

# play NAME AT INPUT: start --plain --routine $ONE for run NAME at the
# clock's time AT, with INPUT (printf format) as its answers.
# Its exit status is kept in $T/rc: refused (1) says so on stderr.
play() {
	printf "$3" >"$T/in" &&
	{ XDG_DATA_HOME="$T/$1" MIDBACK_TEST_CLOCK="at=$2,scale=20" \
	    "$MIDBACK" start --plain --routine "$ONE" <"$T/in" >"$OUT" \
	    2>"$ERR"; echo $? >"$T/rc"; } &&
	case $(cat "$T/rc") in 0|1) ;; *) cat "$ERR"; return 1;; esac
}

# refused SENTENCE: the last play exited 1 with the coach's sentence.
refused() {
	same "$T/rc" 1 && has "$ERR" "midback: start: $1"
}

# The screen answered no in its four groups and the notice accepted.
NO='n\nn\nn\nn\ny\n'

t 'screen-1.1 no input at all: no session, nothing acknowledged' '
	mkdir -p "$T/none" &&
	! XDG_DATA_HOME="$T/none" MIDBACK_TEST_CLOCK="at=$DAY0,scale=20" \
	    "$MIDBACK" start --plain --routine "$ONE" </dev/null >"$OUT" 2>"$ERR" &&
	has "$OUT" "(No answer: no session now." &&
	has "$ERR" "midback: start: the warning-signs questions were not answered: they come first" &&
	lacks "$OUT" "get ready" &&
	q none "SELECT count(*) FROM sessions" >"$T/s" &&
	same "$T/s" 0 &&
	q none "SELECT count(*) FROM acknowledgements" >"$T/a" &&
	same "$T/a" 0
'

t 'screen-1.2 Enter alone is asked again, never taken as no' '
	play skip $DAY0 "\n\n\n\n\n\n" &&
	has "$OUT" "Please answer y or n: no answer is not taken as no." &&
	refused "the warning-signs questions were not answered" &&
	lacks "$OUT" "get ready" &&
	q skip "SELECT count(*) FROM screen_answers" >"$T/s" &&
	same "$T/s" 0
'

t 'screen-1.3 refusing the notice after all no starts nothing' '
	play refuse $DAY0 "n\nn\nn\nn\nn\n" &&
	has "$OUT" "Without that, midback will not start a session." &&
	refused "the warning-signs questions were not all answered, or the notice was not accepted: they come first" &&
	lacks "$OUT" "get ready"
'

t 'screen-2.1 a yes needing a clinician, not cleared: advice and no session' '
	play yes $DAY0 "n\ny\nn\ny\nn\nn\nn\nn\nn\nn\nn\nn\n" &&
	has "$OUT" "Back pain after cancer should be checked by a doctor" &&
	has "$OUT" "Please see a clinician before you start this program." &&
	has "$OUT" "Has a clinician seen this and cleared you to exercise? [y/n]" &&
	has "$OUT" "midback will not start a session until then." &&
	refused "the warning-signs answers include a history of cancer: please see a clinician first" &&
	lacks "$OUT" "get ready" &&
	q yes "SELECT question FROM screen_answers WHERE answer = 1" >"$T/a" &&
	same "$T/a" cancer &&
	q yes "SELECT count(*) FROM acknowledgements" >"$T/k" &&
	same "$T/k" 0
'

t 'screen-2.2 the same yes, cleared by a clinician: recorded, and the session plays' '
	play yes $DAY0 "n\ny\nn\ny\nn\nn\nn\nn\nn\nn\nn\ny\ny\n\nfine\n\n" &&
	has "$OUT" "Noted: cleared by a clinician." &&
	has "$OUT" "Chest opener: get ready" &&
	q yes "SELECT what FROM acknowledgements" >"$T/k" &&
	same "$T/k" cleared-by-clinician &&
	q yes "SELECT status FROM sessions" >"$T/s" &&
	same "$T/s" finished
'

t 'screen-2.3 an emergency sign has no clearance to offer' '
	play emerg $DAY0 "y\ny\nn\nn\nn\nn\nn\nn\nn\n" &&
	has "$OUT" "Please get medical help before you exercise." &&
	lacks "$OUT" "cleared you to exercise" &&
	lacks "$OUT" "get ready"
'

t 'screen-3.1 once answered, the next session does not ask' '
	play again $DAY0 "${NO}\nfine\n\n" &&
	has "$OUT" "Chest opener: get ready" &&
	play again 2026-03-03T10:00:00 "\nfine\n\n" &&
	lacks "$OUT" "warning signs" &&
	has "$OUT" "Chest opener: get ready"
'

t 'screen-3.2 88 days on it is not asked; 91 days on it is asked again' '
	play again 2026-05-29T10:00:00 "\nfine\n\n" &&
	lacks "$OUT" "warning signs" &&
	play again 2026-06-01T10:00:00 "${NO}\nfine\n\n" &&
	has "$OUT" "a few questions about warning signs" &&
	has "$OUT" "Chest opener: get ready" &&
	q again "SELECT count(*) FROM acknowledgements" >"$T/k" &&
	same "$T/k" 2
'

t 'screen-3.3 after a check-in of 8, the screen is asked again' '
	XDG_DATA_HOME="$T/again" MIDBACK_TEST_CLOCK="at=2026-06-02T09:00:00" \
	    "$MIDBACK" checkin --pain 8 >/dev/null &&
	play again 2026-06-02T10:00:00 "${NO}\nfine\n\n" &&
	has "$OUT" "a few questions about warning signs" &&
	q again "SELECT count(*) FROM acknowledgements" >"$T/k" &&
	same "$T/k" 3
'

t 'screen-4.1 answers that shape the plan: no kneeling drill in any plan' '
	play fit $DAY0 "n\nn\nn\ny\nn\ny\nn\ny\n\nfine\n\n" &&
	has "$OUT" "Plans will leave out kneeling exercises" &&
	has "$OUT" "Chest opener: get ready" &&
	for d in 02 03 04 05 06 07 08 09 10 11; do
		XDG_DATA_HOME="$T/fit" "$MIDBACK" today --place floor \
		    --minutes 30 --date 2026-03-$d --json >"$T/p" || exit 1
		for id in cat-cow-flow cat-cow-child thread-the-needle \
		    quadruped-rotation; do
			lacks "$T/p" "\"$id\"" || exit 1
		done
	done
'

t 'screen-5.1 pain of 9 before: advice, breathing only if wanted' '
	play pain $DAY0 "${NO}9\ny\nfine\n\n" &&
	has "$OUT" "With pain of 9, exercise is not advised today: rest" &&
	has "$OUT" "Diaphragmatic breathing: get ready" &&
	lacks "$OUT" "Chest opener: get ready" &&
	q pain "SELECT exercise FROM session_items" >"$T/i" &&
	same "$T/i" diaphragmatic-breathing
'

t 'screen-5.2 pain of 8 before, breathing refused: no session' '
	play pain 2026-03-03T10:00:00 "8\nn\n" &&
	has "$OUT" "No session today." &&
	q pain "SELECT count(*) FROM sessions" >"$T/s" &&
	same "$T/s" 1
'

t 'screen-5.3 a rise from 2 to 9: rest advised, no well done, both saved' '
	play pain 2026-03-04T10:00:00 "2\nfine\n9\n" &&
	has "$OUT" "Your pain went up from 2 to 9: rest today" &&
	lacks "$OUT" "Well done" &&
	q pain "SELECT pain_before, pain_after FROM sessions ORDER BY id DESC LIMIT 1" >"$T/r" &&
	same "$T/r" "2|9"
'

# The routine of two exercises, to stop a session with two sharp answers.
TWO="$DATA/routine-two.yaml"

t 'screen-6.1 a later yes stands: no session, in any front end, until answered again' '
	play later $DAY0 "${NO}\nfine\n\n" &&
	has "$OUT" "Chest opener: get ready" &&
	XDG_DATA_HOME="$T/later" MIDBACK_TEST_CLOCK="at=2026-03-03T09:00:00" \
	    "$MIDBACK" checkin --pain 8 >/dev/null &&
	play later 2026-03-03T10:00:00 "y\ny\n" &&
	has "$OUT" "Please get medical help before you exercise." &&
	refused "the warning-signs answers include chest pain or trouble breathing: please get medical help first" &&
	play later 2026-03-03T11:00:00 "" &&
	has "$OUT" "Note: the warning-signs answers include chest pain" &&
	refused "the warning-signs answers include chest pain or trouble breathing: please get medical help first" &&
	lacks "$OUT" "get ready" &&
	q later "SELECT count(*) FROM sessions" >"$T/s" &&
	same "$T/s" 1 &&
	play later 2026-03-03T12:00:00 "${NO}\nfine\n\n" &&
	same "$T/rc" 0 &&
	has "$OUT" "Chest opener: get ready"
'

t 'screen-6.2 after a stop with the advice to see a clinician, the next start says so and asks again' '
	printf "${NO}\ntingling\nn\ntingling\n\n" >"$T/in" &&
	XDG_DATA_HOME="$T/stop" MIDBACK_TEST_CLOCK="at=$DAY0,scale=20" \
	    "$MIDBACK" start --plain --routine "$TWO" <"$T/in" >"$OUT" 2>"$ERR" &&
	has "$OUT" "is set aside until Monday 9 March." &&
	has "$OUT" "One more answer like that ends today${Q}s session." &&
	has "$OUT" "Please see a doctor or physiotherapist" &&
	lacks "$OUT" "Well done" &&
	play stop 2026-03-03T10:00:00 "" &&
	has "$OUT" "Note: the last session stopped with the advice to see a clinician" &&
	has "$OUT" "a few questions about warning signs" &&
	refused "the last session stopped with the advice to see a clinician: the warning-signs questions come first" &&
	q stop "SELECT count(*) FROM sessions" >"$T/s" &&
	same "$T/s" 1
'

echo "1..$n"
