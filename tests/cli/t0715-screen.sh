# t0715-screen.sh -- the red-flag screen's paths in a plain session: no
# answer (end of input, or Enter alone), a yes, a clinician's clearance
# sign by sign, the questions added with their sources, asked again
# after 90 days and after a check-in of 8; then pain of 7 or more before
# a session, and a rise of 2 or more after it.
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

# The questions of each group, in the order asked (data/screen.yaml).
NOW="chest chest-effort tearing legs hands numb-band bladder"
HEALTH="accident old-injury cancer age bones immune tb drugs surgery thinners fever weight"
PAIN="night unchanged weeks shape organs rash"

# grp QUESTIONS YES...: a yes to the group, then each of QUESTIONS
# answered y if it is among YES and n if not (printf format).
grp() {
	_l=$1
	shift
	_o='y\n'
	for _q in $_l; do
		_a=n
		for _y in "$@"; do
			[ "$_q" = "$_y" ] && _a=y
		done
		_o="$_o$_a\\n"
	done
	printf '%s' "$_o"
}

# The next-day question, asked the day after a session: Enter skips it.
SKIP='\n'

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
	play yes $DAY0 "n\n$(grp "$HEALTH" cancer)n\nn\nn\n" &&
	has "$OUT" "Back pain after cancer should be checked by a doctor" &&
	has "$OUT" "Please see a clinician before you start this program." &&
	has "$OUT" "A history of cancer: has a clinician seen this and cleared you to exercise? [y/n]" &&
	has "$OUT" "midback will not start a session until then." &&
	refused "the warning-signs answers include a history of cancer: please see a clinician first" &&
	lacks "$OUT" "get ready" &&
	q yes "SELECT question FROM screen_answers WHERE answer = 1" >"$T/a" &&
	same "$T/a" cancer &&
	q yes "SELECT count(*) FROM acknowledgements" >"$T/k" &&
	same "$T/k" 0 &&
	q yes "SELECT count(*) FROM screen_clearances" >"$T/c" &&
	same "$T/c" 0
'

t 'screen-2.2 the same yes, cleared by a clinician: recorded with its time, and the session plays' '
	play yes 2026-03-02T10:30:00 "n\n$(grp "$HEALTH" cancer)n\nn\ny\ny\n\nfine\n\n" &&
	has "$OUT" "Noted: a history of cancer, cleared by a clinician today." &&
	has "$OUT" "Chest opener: get ready" &&
	q yes "SELECT what FROM acknowledgements" >"$T/k" &&
	same "$T/k" cleared-by-clinician &&
	q yes "SELECT c.question, date(c.at_ms / 1000, ${Q}unixepoch${Q}) FROM screen_clearances c JOIN acknowledgements a ON a.at_ms = c.at_ms" >"$T/c" &&
	same "$T/c" "cancer|2026-03-02" &&
	q yes "SELECT status FROM sessions" >"$T/s" &&
	same "$T/s" finished
'

t 'screen-2.3 an emergency sign has no clearance to offer' '
	play emerg $DAY0 "$(grp "$NOW" chest)n\nn\nn\n" &&
	has "$OUT" "Please get medical help before you exercise." &&
	lacks "$OUT" "cleared you to exercise" &&
	lacks "$OUT" "get ready"
'

t 'screen-2.4 clearance is asked sign by sign: one cleared does not clear another' '
	play two $DAY0 "n\n$(grp "$HEALTH" cancer tb)n\nn\ny\nn\n" &&
	has "$OUT" "A history of cancer: has a clinician seen this" &&
	has "$OUT" "Noted: a history of cancer, cleared by a clinician today." &&
	has "$OUT" "A history of tuberculosis: has a clinician seen this" &&
	refused "the warning-signs answers include a history of tuberculosis: please see a clinician first" &&
	lacks "$ERR" "cancer" &&
	lacks "$OUT" "get ready" &&
	q two "SELECT count(*) FROM acknowledgements" >"$T/k" &&
	same "$T/k" 0 &&
	play two 2026-03-02T11:00:00 "n\n$(grp "$HEALTH" cancer tb)n\nn\ny\ny\ny\n\nfine\n\n" &&
	has "$OUT" "Chest opener: get ready" &&
	q two "SELECT question FROM screen_clearances WHERE at_ms = (SELECT max(at_ms) FROM screen_clearances) ORDER BY id" >"$T/c" &&
	printf "cancer\ntb\n" >"$T/want" && cmp "$T/c" "$T/want"
'

t 'screen-2.9 an export keeps each clearance, and an import brings it back' '
	XDG_DATA_HOME="$T/two" "$MIDBACK" export >"$T/two.json" &&
	jq -e "[.screen.answers[] | select(.cleared)] | length == 3" "$T/two.json" >/dev/null &&
	jq -e "[.screen.answers[] | select(.cleared and (.answer | not))] | length == 0" "$T/two.json" >/dev/null &&
	mkdir -p "$T/moved" &&
	XDG_DATA_HOME="$T/moved" "$MIDBACK" import "$T/two.json" >/dev/null &&
	play moved 2026-03-02T12:00:00 "\nfine\n\n" &&
	lacks "$OUT" "warning signs" &&
	has "$OUT" "Chest opener: get ready"
'

t 'screen-2.5 one blanket clearance stored before covers no sign: asked again' '
	play blanket $DAY0 "${NO}\nfine\n\n" &&
	q blanket "INSERT INTO screen_answers (at_ms, question, answer) VALUES (1772449200000, ${Q}cancer${Q}, 1);
	    INSERT INTO screen_answers (at_ms, question, answer) VALUES (1772449200000, ${Q}night${Q}, 1);
	    INSERT INTO acknowledgements (at_ms, what) VALUES (1772449200000, ${Q}cleared-by-clinician${Q})" &&
	play blanket 2026-03-02T12:00:00 "" &&
	has "$OUT" "Note: the warning-signs answers include a history of cancer and pain at night or at rest: please see a clinician first" &&
	refused "the warning-signs answers include a history of cancer and pain at night or at rest" &&
	lacks "$OUT" "get ready"
'

t 'screen-2.6 a recent accident is an emergency; an older injury a clinician may clear' '
	play crash $DAY0 "n\n$(grp "$HEALTH" accident)n\nn\n" &&
	has "$OUT" "Pain after a recent injury needs a check for a broken bone" &&
	has "$OUT" "Please get medical help before you exercise." &&
	lacks "$OUT" "cleared you to exercise" &&
	refused "the warning-signs answers include a recent fall, crash or blow: please get medical help first" &&
	play old $DAY0 "n\n$(grp "$HEALTH" old-injury)n\nn\ny\ny\n\nfine\n\n" &&
	has "$OUT" "An older injury to the back: has a clinician seen this and cleared you to exercise?" &&
	has "$OUT" "Chest opener: get ready"
'

t 'screen-2.7 the questions added: pain on effort and both hands are emergencies, the rest need a clinician' '
	play effort $DAY0 "$(grp "$NOW" chest-effort)n\nn\nn\n" &&
	has "$OUT" "when you walk fast, climb stairs or exert yourself" &&
	refused "the warning-signs answers include chest, arm or jaw pain on effort: please get medical help first" &&
	play hands $DAY0 "$(grp "$NOW" hands)n\nn\nn\n" &&
	refused "the warning-signs answers include pins and needles or clumsiness in both hands: please get medical help first" &&
	play more $DAY0 "n\n$(grp "$HEALTH" tb drugs surgery thinners)n\nn\nn\n" &&
	has "$OUT" "Have you injected drugs, now or in the past?" &&
	has "$OUT" "an operation on your spine, or an injection into it?" &&
	has "$OUT" "Do you take blood thinners" &&
	refused "the warning-signs answers include a history of tuberculosis, injected drug use, recent spinal surgery or a spinal injection and blood thinners with a sudden new pain: please see a clinician first"
'

t 'screen-2.8 weeks asks about pain getting steadily worse, not stiffness that stays' '
	play weeks $DAY0 "n\nn\n$(grp "$PAIN" weeks)n\nn\n" &&
	has "$OUT" "Over the last few weeks, has the pain been getting steadily worse, whatever you do?" &&
	lacks "$OUT" "stayed the same for several weeks" &&
	refused "the warning-signs answers include pain getting steadily worse over weeks"
'

t 'screen-3.1 once answered, the next session does not ask' '
	play again $DAY0 "${NO}\nfine\n\n" &&
	has "$OUT" "Chest opener: get ready" &&
	play again 2026-03-03T10:00:00 "${SKIP}\nfine\n\n" &&
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
	play again 2026-06-02T10:00:00 "${NO}${SKIP}\nfine\n\n" &&
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

t 'screen-4.2 past 20 weeks pregnant: nothing lying flat, face down or a full plank in any plan' '
	play preg $DAY0 "n\nn\nn\ny\nn\nn\ny\ny\n\nfine\n\n" &&
	has "$OUT" "Plans will leave out lying flat on your back for long" &&
	has "$OUT" "Chest opener: get ready" &&
	for d in 02 03 04 05 06 07 08 09 10 11; do
		XDG_DATA_HOME="$T/preg" "$MIDBACK" today --place floor \
		    --minutes 40 --date 2026-03-$d --json >"$T/p" || exit 1
		for id in breathing-90-90 crocodile-breathing side-plank \
		    prone-ytw sphinx; do
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
	play pain 2026-03-03T10:00:00 "${SKIP}8\nn\n" &&
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
	play later 2026-03-03T12:00:00 "${NO}${SKIP}\nfine\n\n" &&
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
