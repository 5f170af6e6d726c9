# t0725-nextday.sh -- the next-day question in the terminal: asked once
# on the first command that plans or plays on a day after a day with a
# session (start and break ask it; today asks at a terminal and says the
# day's words), a bad answer asked again and nothing stored, a skip
# counted as asked; worse steps the day's doses down and names the easier
# option of yesterday's exercises rated sharp or stretch; three worse in
# seven days hold the program; six weeks with no improvement said once;
# `program` shows the answers.
#
# Sessions play on the test clock (MIDBACK_TEST_CLOCK, 20 times real
# time); its at= moves the calendar on.
. "$TOP/tests/cli/lib.sh"

Q="'"
ONE="$TOP/tests/data/routine-one-hold.yaml"
NO='n\nn\nn\nn\ny\n'
ASK="How is your back today, compared with before yesterday${Q}s session: better, the same, or worse?"

q() {
	sqlite3 -batch "$T/$1/midback/midback.db" "$2"
}

# play NAME AT INPUT [ROUTINE]: start --plain for run NAME at AT.
play() {
	printf "$3" >"$T/in" &&
	{ XDG_DATA_HOME="$T/$1" MIDBACK_TEST_CLOCK="at=$2,scale=20" \
	    "$MIDBACK" start --plain --routine "${4:-$ONE}" <"$T/in" >"$OUT" \
	    2>"$ERR"; echo $? >"$T/rc"; } &&
	case $(cat "$T/rc") in 0|1) ;; *) cat "$ERR"; return 1;; esac
}

# mb NAME AT ARGS...: midback ARGS for run NAME at AT, output in $OUT.
mb() {
	_n=$1 _a=$2
	shift 2
	XDG_DATA_HOME="$T/$_n" MIDBACK_TEST_CLOCK="at=$_a" "$MIDBACK" "$@" \
	    </dev/null >"$OUT" 2>"$ERR"
}

t 'nextday-1.1 not asked on the first day, nor after a day with no session' '
	play a 2026-03-02T10:00:00 "${NO}\nfine\n\n" &&
	lacks "$OUT" "compared with before yesterday" &&
	play a 2026-03-02T15:00:00 "\nfine\n\n" &&
	lacks "$OUT" "compared with before yesterday" &&
	play a 2026-03-04T10:00:00 "\nfine\n\n" &&
	lacks "$OUT" "compared with before yesterday" &&
	q a "SELECT count(*) FROM nextday" >"$T/n" &&
	same "$T/n" 0
'

t 'nextday-1.2 the day after: asked, a bad answer asked again, then stored, and not asked again that day' '
	play a 2026-03-05T10:00:00 "7\nmaybe\ns\n\nfine\n\n" &&
	has "$OUT" "$ASK [b/s/w, Enter to skip]" &&
	has "$OUT" "Please answer better, same or worse (b, s or w), or press Enter to skip." &&
	has "$OUT" "Noted: the same." &&
	has "$OUT" "Chest opener: get ready" &&
	q a "SELECT day, answer FROM nextday" >"$T/n" &&
	same "$T/n" "20517|same" &&
	play a 2026-03-05T16:00:00 "\nfine\n\n" &&
	lacks "$OUT" "compared with before yesterday" &&
	has "$OUT" "Chest opener: get ready" &&
	XDG_DATA_HOME="$T/a" MIDBACK_TEST_CLOCK="at=2026-03-05T17:00:00,scale=20" \
	    "$MIDBACK" break --plain </dev/null >"$OUT" 2>"$ERR" &&
	lacks "$OUT" "compared with before yesterday"
'

t 'nextday-1.3 a skip counts as asked; end of input stores nothing' '
	play a 2026-03-06T10:00:00 "" &&
	has "$OUT" "$ASK" &&
	q a "SELECT count(*) FROM nextday WHERE day = 20518" >"$T/n" &&
	same "$T/n" 0 &&
	play a 2026-03-06T11:00:00 "\n\nfine\n\n" &&
	has "$OUT" "Skipped for today." &&
	q a "SELECT quote(answer) FROM nextday WHERE day = 20518" >"$T/n" &&
	same "$T/n" NULL &&
	play a 2026-03-06T12:00:00 "\nfine\n\n" &&
	lacks "$OUT" "compared with before yesterday"
'

t 'nextday-1.4 break asks it too, on the first command of the day' '
	printf "b\n" >"$T/b" &&
	XDG_DATA_HOME="$T/a" MIDBACK_TEST_CLOCK="at=2026-03-07T09:00:00,scale=20" \
	    "$MIDBACK" break --plain --equipment chair <"$T/b" >"$OUT" 2>"$ERR" &&
	has "$OUT" "$ASK" &&
	has "$OUT" "Noted: better." &&
	q a "SELECT answer FROM nextday WHERE day = 20519" >"$T/n" &&
	same "$T/n" better
'

t 'nextday-2.1 worse: the doses a step lower, and the easier option of what felt like a stretch' '
	play w 2026-03-02T10:00:00 "${NO}\nstretch\n\n" &&
	play w 2026-03-03T10:00:00 "worse\n\nfine\n\n" &&
	has "$OUT" "Your back is worse than before yesterday${Q}s session, so today${Q}s doses are one step lower." &&
	has "$OUT" "Yesterday Chest opener felt like a stretch: try Seated cat-cow (its easier option) today." &&
	mb w 2026-03-03T12:00:00 today &&
	has "$OUT" "today${Q}s doses are one step lower" &&
	has "$OUT" "Yesterday Chest opener felt like a stretch" &&
	mb w 2026-03-03T12:00:00 today --json &&
	jq -e ".nextday.advice | contains(\"try Seated cat-cow (its easier option) today\")" "$OUT" >/dev/null
'

t 'nextday-2.2 yesterday rated sharp: named as sharp' '
	play s 2026-03-02T10:00:00 "${NO}\nsharp\nn\n\n" &&
	play s 2026-03-03T10:00:00 "w\n\nfine\n\n" &&
	has "$OUT" "Yesterday Chest opener felt sharp: try Seated cat-cow (its easier option) today."
'

# Two runs with the same history: a week of the one-hold routine rated
# fine, so Chest opener has climbed; then one answers worse and one the
# same. The planner's least dose for it is the level below (t-coach.c's
# t_nextday_step checks the doses); here the day's plan is lighter than
# the other run's, and says why it is short.
t 'nextday-2.3 worse steps that day'"'"'s doses down one level' '
	for r in lo hi; do
		play $r 2026-03-02T10:00:00 "${NO}\nfine\n\n" || exit 1
		for d in 03 04 05 06 07 08 09; do
			play $r 2026-03-$d"T10:00:00" "s\n\nfine\n\n" || exit 1
		done
	done &&
	mb hi 2026-03-10T09:00:00 program --json &&
	jq -e ".exercises[] | select(.id == \"chest-opener\") | .level >= 1" "$OUT" >/dev/null &&
	play lo 2026-03-10T10:00:00 "w\n" &&
	play hi 2026-03-10T10:00:00 "s\n" &&
	mb lo 2026-03-10T11:00:00 today --json &&
	jq -e ".nextday.answer == \"worse\" and .nextday.step_down == true" "$OUT" >/dev/null &&
	jq -e ".short_reason | test(\"worse after your last session\")" "$OUT" >/dev/null &&
	jq ".total_s, (.items | length)" "$OUT" >"$T/lo.n" &&
	mb hi 2026-03-10T11:00:00 today --json &&
	jq -e ".nextday.answer == \"same\" and .nextday.step_down == false" "$OUT" >/dev/null &&
	jq -e "has(\"short_reason\") | not" "$OUT" >/dev/null &&
	jq ".total_s, (.items | length)" "$OUT" >"$T/hi.n" &&
	# Lighter: at most three quarters of the time, and fewer exercises.
	[ $(sed -n 1p "$T/lo.n") -le $(( $(sed -n 1p "$T/hi.n") * 3 / 4 )) ] &&
	[ $(sed -n 2p "$T/lo.n") -lt $(sed -n 2p "$T/hi.n") ]
'

t 'nextday-3.1 worse three times in seven days holds the program and advises a clinician' '
	play h 2026-03-02T10:00:00 "${NO}\nfine\n\n" &&
	play h 2026-03-03T10:00:00 "w\n\nfine\n\n" &&
	lacks "$OUT" "the program holds" &&
	play h 2026-03-04T10:00:00 "w\n\nfine\n\n" &&
	play h 2026-03-05T10:00:00 "w\n\nfine\n\n" &&
	has "$OUT" "Your back was worse the next day 3 times in 7 days, so the program holds where it was, at lower doses. Please see a clinician before you build up again." &&
	mb h 2026-03-05T12:00:00 today &&
	has "$OUT" "so the program holds where it was" &&
	mb h 2026-03-05T12:00:00 program &&
	has "$OUT" "Last 7 days: 0 better, 0 the same, 3 worse, 0 skipped." &&
	has "$OUT" "so the program holds where it was" &&
	mb h 2026-03-05T12:00:00 program --json &&
	jq -e ".nextday.held == true and .nextday.held_since == \"2026-03-05\" and .nextday.last_7_days.worse == 3" "$OUT" >/dev/null &&
	mb h 2026-03-12T12:00:00 program --json &&
	jq -e ".nextday.held == false" "$OUT" >/dev/null
'

t 'nextday-4.1 six weeks with no improvement in pain or self-tests: said once, with the advice to see a clinician' '
	mkdir -p "$T/six" &&
	mb six 2026-03-02T09:00:00 program --start-at breathing &&
	mb six 2026-03-02T09:10:00 checkin --pain 3 &&
	mb six 2026-03-04T09:10:00 checkin --pain 3 &&
	mb six 2026-04-10T09:10:00 checkin --pain 4 &&
	play six 2026-04-14T10:00:00 "${NO}\nfine\n\n" &&
	has "$OUT" "After 6 weeks of the program, neither your pain nor your self-tests have improved. Please see a clinician" &&
	play six 2026-04-14T11:00:00 "\nfine\n\n" &&
	lacks "$OUT" "After 6 weeks of the program" &&
	mb six 2026-04-14T12:00:00 program &&
	has "$OUT" "After 6 weeks of the program, neither your pain" &&
	mb six 2026-04-14T12:00:00 program --json &&
	jq -e ".nextday.no_improvement == true" "$OUT" >/dev/null
'

t 'nextday-4.2 with pain lower after six weeks nothing is said' '
	mkdir -p "$T/better" &&
	mb better 2026-03-02T09:00:00 program --start-at breathing &&
	mb better 2026-03-02T09:10:00 checkin --pain 5 &&
	mb better 2026-04-10T09:10:00 checkin --pain 2 &&
	play better 2026-04-14T10:00:00 "${NO}\nfine\n\n" &&
	lacks "$OUT" "After 6 weeks" &&
	mb better 2026-04-14T12:00:00 program --json &&
	jq -e ".nextday.no_improvement == false" "$OUT" >/dev/null
'

t 'nextday-5.1 program shows each weekly review with its week of answers' '
	mb h 2026-03-12T12:00:00 program --json &&
	jq -e "[.reviews[] | select(.date == \"2026-03-09\") | .nextday.worse] == [3]" "$OUT" >/dev/null
'

t 'nextday-6.1 --help says what the next-day check does' '
	"$MIDBACK" program --help >"$OUT" &&
	has "$OUT" "The next day counts" &&
	"$MIDBACK" start --help >"$OUT" &&
	has "$OUT" "compared with before yesterday"
'

echo "1..$n"
