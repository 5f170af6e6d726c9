# t0720-start-resume.sh -- midback start after a session was killed: what
# the database kept, --resume, the question when neither flag is given,
# --no-resume, and the pain rule across a resume.
#
# Sessions play on the test clock. A session is started in the background
# with its answers in a file; after the last of them it waits at its next
# question (bg), the database is polled until it shows what the test
# needs, and the process is killed with SIGKILL. No step depends on how
# fast the machine is: the kill always finds the session waiting at the
# same question. The resume after a
# regression (section 4) and the pain rule across a resume (section 5)
# run in data folders of their own at the same time as the rest. t() runs
# each body where `set -e` is ignored, so every body chains its steps
# with `&&`.
. "$TOP/tests/cli/lib.sh"
# Sessions play on the test clock, 20 times faster than real time.
export MIDBACK_TEST_CLOCK=scale=20

Q="'"
DATA="$TOP/tests/data"
ONE="$DATA/routine-one-hold.yaml"
TWO="$DATA/routine-two-holds.yaml"
THREE="$DATA/routine-three-holds.yaml"

empty() {
	test ! -s "$1" || { echo "'$1' is not empty"; return 1; }
}

# answers FILE LINE...: FILE holds the red-flag screen answered no to its
# eight questions and yes to the notice, then the LINEs.
answers() {
	af=$1
	shift
	printf 'n\nn\nn\nn\ny\n' >"$af"
	for al in "$@"; do
		printf '%s\n' "$al" >>"$af"
	done
}

# q NAME SQL: the rows of SQL on the database in $T/NAME/data, fields
# split by |.
q() {
	sqlite3 -batch -cmd ".timeout 5000" "$T/$1/data/midback/midback.db" "$2"
}

# bg NAME INPUT CMD...: run CMD in the background with XDG_DATA_HOME=
# $T/NAME/data; its process id goes to $T/NAME/pid, its output to
# $T/NAME/out and err, its exit status to $T/NAME/rc (the shell's
# "Killed" after a SIGKILL goes nowhere). Its standard input is a FIFO
# that gives the lines of INPUT and then stays open, silent, until CMD
# ends: at its next question after them the session waits, as for a
# person who has not answered yet. So what the test finds in the store
# stays so until it kills the run, however slow the machine: a file
# that ran out would end the session instead, and a session still
# playing would move on between what the test saw and the kill.
bg() {
	bn=$1 bi=$2
	shift 2
	mkdir -p "$T/$bn/data"
	rm -f "$T/$bn/pid" "$T/$bn/rc" "$T/$bn/in"
	mkfifo "$T/$bn/in"
	(
		set +e
		export XDG_DATA_HOME="$T/$bn/data"
		"$@" <"$T/$bn/in" >"$T/$bn/out" 2>"$T/$bn/err" &
		echo $! >"$T/$bn/pid.tmp"
		mv "$T/$bn/pid.tmp" "$T/$bn/pid"
		wait $!
		echo $? >"$T/$bn/rc.tmp"
		mv "$T/$bn/rc.tmp" "$T/$bn/rc"
	) 2>/dev/null &
	# The person: INPUT, then silence until the run has ended (its
	# process gone; two minutes at most, as a guard against a hang).
	(
		set +e
		cat "$bi"
		hw=0
		until [ -e "$T/$bn/pid" ] || [ $hw -ge 1200 ]; do
			sleep 0.1; hw=$((hw + 1))
		done
		hp=$(cat "$T/$bn/pid" 2>/dev/null)
		while [ -n "$hp" ] && kill -0 "$hp" 2>/dev/null &&
		    [ $hw -lt 1200 ]; do
			sleep 0.1; hw=$((hw + 1))
		done
	) >"$T/$bn/in" 2>/dev/null &
}

# ended NAME: wait up to 60 s for run NAME to end; print its exit status.
ended() {
	ew=0
	while [ ! -e "$T/$1/rc" ]; do
		ew=$((ew + 1))
		if [ "$ew" -gt 600 ]; then
			echo "$1 still running after 60 s" >&2
			return 1
		fi
		sleep 0.1
	done
	cat "$T/$1/rc"
}

# poll NAME SQL WANT: wait until SQL on run NAME's database gives WANT
# (60 s at most, a guard against a hang: the runs wait at a question).
poll() {
	pw=0
	while :; do
		if [ -s "$T/$1/data/midback/midback.db" ] &&
		    [ "$(q "$1" "$2" 2>/dev/null)" = "$3" ]; then
			return 0
		fi
		pw=$((pw + 1))
		if [ "$pw" -gt 600 ]; then
			echo "after 60 s, $2 gives: $(q "$1" "$2" 2>&1)"
			return 1
		fi
		sleep 0.1
	done
}

# killed NAME: SIGKILL run NAME and wait for it to end.
killed() {
	kw=0
	while [ ! -e "$T/$1/pid" ]; do
		kw=$((kw + 1))
		[ "$kw" -le 100 ] || { echo "$1 did not start"; return 1; }
		sleep 0.1
	done
	kill -9 "$(cat "$T/$1/pid")" &&
	kr=$(ended "$1") &&
	if [ "$kr" -ne 137 ]; then
		echo "$1 ended with $kr before it was killed"
		return 1
	fi
}

# watch NAME SQL WANT: in the background, kill run NAME with SIGKILL as
# soon as SQL on its database gives WANT; a failure to do so is kept in
# $T/NAME/watch.
watch() {
	(
		set +e
		poll "$@" >"$T/$1/watch" 2>&1 &&
		    kill -9 "$(cat "$T/$1/pid")" >>"$T/$1/watch" 2>&1
	) &
}

# A version of seated-cat-cow (chest-opener's regression) 6 s long.
mkdir -p "$T/reg/config/midback/exercises.d"
cat >"$T/reg/config/midback/exercises.d/short.yaml" <<'EOF'
exercises:
  - id: seated-cat-cow
    name: Seated cat-cow
    kind: mobility
    stage: 1
    motions: [flexion, extension]
    targets: [thoracic spine, abdominals]
    position: seated on a chair
    places: [desk, floor]
    equipment: [none]
    dose:
      hold_s: 1
    steps:
      - Sit tall, then round and arch your upper back.
    cues:
      - Let the movement come from the middle of your back.
    suits: [desk workers]
    why: A short version for the tests.
    source: [general practice]
EOF

# Section 4, in the background: sharp at chest-opener, yes to the
# regression, fine; killed once the regression is recorded, while it
# waits at the feel check of cross-arm-stretch.
answers "$T/in-reg" "" sharp y fine
bg reg "$T/in-reg" env XDG_CONFIG_HOME="$T/reg/config" \
    "$MIDBACK" start --routine "$TWO"
watch reg "SELECT count(*) FROM session_items" 2

# Section 5, in the background: sharp at chest-opener, no to the
# regression; killed once that is recorded (it waits at the feel check of
# the second exercise), then resumed, the answers in $T/in-bad2.
answers "$T/in-bad" "" sharp n
bg bad "$T/in-bad" "$MIDBACK" start --routine "$THREE"
watch bad "SELECT count(*) FROM session_items" 1
printf 'tingling\nn\nfine\n\n' >"$T/in-bad2"
(
	set +e
	ended bad >/dev/null
	XDG_DATA_HOME="$T/bad/data" "$MIDBACK" start --resume <"$T/in-bad2" \
	    >"$T/bad/out2" 2>"$T/bad/err2"
	echo $? >"$T/bad/rc2"
) 2>/dev/null &

# Section 1: three exercises, killed once the first is recorded (it waits
# at the feel check of the second).
answers "$T/in-main" 2 fine
bg main "$T/in-main" "$MIDBACK" start --routine "$THREE"

t 'resume-1.1 killed after one exercise, the session is running with that one item' '
	poll main "SELECT count(*) FROM session_items" 1 &&
	killed main &&
	q main "SELECT id, status, ended_ms IS NULL, pain_before FROM sessions" >"$T/s" &&
	same "$T/s" "1|running|1|2" &&
	q main "SELECT session_id, position, exercise, feel, outcome
	    FROM session_items" >"$T/i" &&
	same "$T/i" "1|0|chest-opener|fine|done" &&
	{ grep -q "2/3 Cross-arm stretch: get ready" "$T/main/out" ||
	    { echo "not killed in the second exercise"; exit 1; }; }
'

t 'resume-1.2 start --resume says it is resuming and plays only the rest' '
	test -e "$T/main/rc" &&
	printf "fine\nfine\n5\n" >"$T/in" &&
	XDG_DATA_HOME="$T/main/data" "$MIDBACK" start --resume <"$T/in" \
	    >"$OUT" 2>"$ERR" &&
	has "$OUT" "Resuming: 2 exercises left." &&
	lacks "$OUT" "Resume it?" &&
	lacks "$OUT" "Chest opener: get ready" &&
	has "$OUT" "] 2/3 Cross-arm stretch: get ready" &&
	has "$OUT" "] 3/3 Standing side-bend reach: get ready" &&
	test "$(grep -o "get ready" "$OUT" | wc -l)" -eq 2 &&
	lacks "$OUT" "Before the first session" &&
	has "$OUT" "Well done" &&
	empty "$ERR"
'

t 'resume-1.3 the same session ends finished with all three items' '
	q main "SELECT id, status, ended_ms IS NOT NULL, pain_before, pain_after
	    FROM sessions" >"$T/s" &&
	same "$T/s" "1|finished|1|2|5" &&
	q main "SELECT session_id, position, exercise, feel, outcome
	    FROM session_items ORDER BY position" >"$T/i" &&
	same "$T/i" "1|0|chest-opener|fine|done
1|1|cross-arm-stretch|fine|done
1|2|side-bend-reach|fine|done"
'

t 'resume-2.1 without --resume or --no-resume the question is asked; no starts afresh' '
	printf "\n" >"$T/in-b" &&
	bg main "$T/in-b" "$MIDBACK" start --routine "$THREE" &&
	poll main "SELECT count(*) FROM sessions WHERE status = ${Q}running${Q}" 1 &&
	killed main &&
	printf "n\n\nfine\n\n" >"$T/in" &&
	XDG_DATA_HOME="$T/main/data" "$MIDBACK" start --routine "$ONE" \
	    <"$T/in" >"$OUT" 2>"$ERR" &&
	has "$OUT" "An unfinished session is waiting (0 exercises done). Resume it? [y/N]" &&
	has "$OUT" "1/1 Chest opener: get ready" &&
	lacks "$OUT" "Resuming" &&
	has "$OUT" "Well done" &&
	empty "$ERR" &&
	q main "SELECT id, status, end_reason FROM sessions ORDER BY id" >"$T/s" &&
	same "$T/s" "1|finished|
2|quit|not resumed
3|finished|" &&
	q main "SELECT session_id, exercise FROM session_items
	    WHERE session_id > 1" >"$T/i" &&
	same "$T/i" "3|chest-opener"
'

t 'resume-3.1 --no-resume marks the unfinished session quit and starts a new one' '
	printf "\n" >"$T/in-c" &&
	bg main "$T/in-c" "$MIDBACK" start --routine "$THREE" &&
	poll main "SELECT count(*) FROM sessions WHERE status = ${Q}running${Q}" 1 &&
	killed main &&
	XDG_DATA_HOME="$T/main/data" "$MIDBACK" start --no-resume --routine "$ONE" \
	    </dev/null >"$OUT" 2>"$ERR" &&
	lacks "$OUT" "Resume it?" &&
	lacks "$OUT" "Resuming" &&
	has "$OUT" "1/1 Chest opener: get ready" &&
	has "$OUT" "Well done" &&
	empty "$ERR" &&
	q main "SELECT id, status, end_reason FROM sessions WHERE id > 3
	    ORDER BY id" >"$T/s" &&
	same "$T/s" "4|quit|not resumed
5|finished|" &&
	q main "SELECT count(*) FROM session_items WHERE session_id = 4" >"$T/i" &&
	same "$T/i" 0
'

# A routine left running three hours ago, then a break left running two
# hours ago with one exercise done a minute in: the break does not hide
# the routine from start, and the next break closes it, as ended at its
# last exercise rather than now.
t 'resume-3.2 a break left running hides no routine; the next break closes it' '
	now="(strftime(${Q}%s${Q}, ${Q}now${Q}) * 1000)" &&
	q main "INSERT INTO sessions (kind, started_ms, tz_min, status, plan_json, uid)
	    VALUES (${Q}routine${Q}, $now - 10800000, 0, ${Q}running${Q}, ${Q}{}${Q}, lower(hex(randomblob(16))));
	    INSERT INTO sessions (kind, started_ms, tz_min, status, plan_json, uid)
	    VALUES (${Q}break${Q}, $now - 7200000, 0, ${Q}running${Q}, ${Q}{}${Q}, lower(hex(randomblob(16))));
	    INSERT INTO session_items (session_id, position, exercise, sets_done,
	    reps_done, holds_done, breaths_done, outcome, finished_ms)
	    SELECT id, 0, ${Q}seated-cat-cow${Q}, 1, 10, 0, 0, ${Q}done${Q}, started_ms + 60000
	    FROM sessions WHERE id = 7" &&
	printf "n\n\nfine\n\n" >"$T/in" &&
	XDG_DATA_HOME="$T/main/data" "$MIDBACK" start --routine "$ONE" \
	    <"$T/in" >"$OUT" 2>"$ERR" &&
	has "$OUT" "An unfinished session is waiting (0 exercises done). Resume it? [y/N]" &&
	has "$OUT" "Well done" &&
	q main "SELECT id, kind, status, end_reason, ended_ms - started_ms
	    FROM sessions WHERE id > 5 ORDER BY id" >"$T/s" &&
	same "$T/s" "6|routine|quit|not resumed|0
7|break|running||
8|routine|finished||$(q main "SELECT ended_ms - started_ms FROM sessions WHERE id = 8")" &&
	bg main /dev/null "$MIDBACK" break &&
	poll main "SELECT count(*) FROM sessions WHERE kind = ${Q}break${Q}" 2 &&
	killed main &&
	q main "SELECT id, status, end_reason, ended_ms - started_ms
	    FROM sessions WHERE kind = ${Q}break${Q} ORDER BY id" >"$T/s" &&
	same "$T/s" "7|quit|not finished|60000
9|running||"
'

# Killed after its last exercise was recorded, before it ended: there is
# nothing to resume, so it is marked finished (at that exercise) and a
# new session is played, where it used to stop with "nothing to play".
t 'resume-3.3 a session with every exercise recorded is finished, not resumed' '
	q main "INSERT INTO sessions (kind, started_ms, tz_min, status, plan_json, uid)
	    SELECT ${Q}routine${Q}, (strftime(${Q}%s${Q}, ${Q}now${Q}) - 3600) * 1000, 0,
	    ${Q}running${Q}, plan_json, lower(hex(randomblob(16))) FROM sessions WHERE id = 3;
	    INSERT INTO session_items (session_id, position, exercise, sets_done,
	    reps_done, holds_done, breaths_done, feel, outcome, finished_ms)
	    SELECT id, 0, ${Q}chest-opener${Q}, 1, 0, 1, 0, ${Q}fine${Q}, ${Q}done${Q},
	    started_ms + 60000 FROM sessions ORDER BY id DESC LIMIT 1" &&
	test "$(q main "SELECT id, status FROM sessions ORDER BY id DESC LIMIT 1")" = "10|running" &&
	printf "\nfine\n\n" >"$T/in" &&
	XDG_DATA_HOME="$T/main/data" "$MIDBACK" start --resume --routine "$ONE" \
	    <"$T/in" >"$OUT" 2>"$ERR" &&
	has "$OUT" "The unfinished session had all its exercises done; it is now marked finished." &&
	lacks "$OUT" "Resuming" &&
	has "$OUT" "1/1 Chest opener: get ready" &&
	has "$OUT" "Well done" &&
	empty "$ERR" &&
	q main "SELECT id, status, ended_ms - started_ms FROM sessions WHERE id >= 10
	    ORDER BY id" >"$T/s" &&
	same "$T/s" "10|finished|60000
11|finished|$(q main "SELECT ended_ms - started_ms FROM sessions WHERE id = 11")"
'

# The regression the pain rule put in is recorded as an item of the
# session but is not in the stored plan: resuming must still play the
# plan's second exercise, cross-arm-stretch.
t 'resume-4.1 after a regression was taken, --resume plays the exercises not yet done' '
	rr=$(ended reg) &&
	empty "$T/reg/watch" &&
	test "$rr" -eq 137 &&
	q reg "SELECT position, exercise, feel FROM session_items
	    ORDER BY position" >"$T/i" &&
	same "$T/i" "0|chest-opener|sharp
1|seated-cat-cow|fine" &&
	export XDG_DATA_HOME="$T/reg/data" XDG_CONFIG_HOME="$T/reg/config" &&
	run 0 "$MIDBACK" start --resume &&
	has "$OUT" "Resuming: 1 exercise left." &&
	has "$OUT" "Cross-arm stretch: get ready" &&
	lacks "$OUT" "Chest opener: get ready" &&
	q reg "SELECT status FROM sessions" >"$T/s" &&
	same "$T/s" finished &&
	q reg "SELECT position, exercise FROM session_items ORDER BY position" >"$T/i" &&
	same "$T/i" "0|chest-opener
1|seated-cat-cow
2|cross-arm-stretch"
'

# The pain rule counts the bad answers of a session: one before the kill
# and one after the resume make two, and end it.
t 'resume-5.1 a bad answer before the kill and one after the resume end the session' '
	rb=$(ended bad) &&
	empty "$T/bad/watch" &&
	test "$rb" -eq 137 &&
	bw=0 &&
	while [ ! -e "$T/bad/rc2" ]; do
		bw=$((bw + 1))
		if [ "$bw" -gt 600 ]; then
			echo "the resumed run is still going after 60 s"
			exit 1
		fi
		sleep 0.1
	done &&
	cp "$T/bad/out2" "$OUT" && cp "$T/bad/err2" "$ERR" &&
	test "$(cat "$T/bad/rc2")" -eq 0 &&
	has "$OUT" "Resuming: 2 exercises left." &&
	has "$OUT" "Please see a doctor or physiotherapist" &&
	lacks "$OUT" "Standing side-bend reach: get ready" &&
	lacks "$OUT" "Well done" &&
	q bad "SELECT status FROM sessions" >"$T/s" &&
	same "$T/s" stopped &&
	q bad "SELECT position, exercise, feel FROM session_items
	    ORDER BY position" >"$T/i" &&
	same "$T/i" "0|chest-opener|sharp
1|cross-arm-stretch|tingling"
'

# Nothing may outlive the script.
for p in "$T"/*/pid; do
	[ -e "$p" ] || continue
	[ -e "${p%pid}rc" ] || kill -9 "$(cat "$p")" 2>/dev/null
done
wait
echo "1..$n"
