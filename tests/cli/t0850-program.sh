# t0850-program.sh -- the program over weeks: where you are and why, the
# self-tests played in plain mode and seen in `program --json` and
# `stats`, starting again, and weeks of history on the test clock
# (MIDBACK_TEST_CLOCK) moving the program on.
. "$TOP/tests/cli/lib.sh"

Q="'"
DB="$XDG_DATA_HOME/midback/midback.db"
export MIDBACK_TEST_CLOCK="at=2026-03-02T09:00:00"

# json FILE EXPR: the Python expression about p (FILE's JSON) holds.
json() {
	python3 -c "
import json, sys
p = json.load(open(sys.argv[1]))
assert $2, p
" "$1"
}

# Play the four self-tests with the answers given, one per line.
selftest() {
	printf "$1" | "$MIDBACK" program --test --plain >"$OUT" 2>"$ERR"
}

t 'program-1: a new person is in week 1 of the breathing phase, and nothing is created' '
	run 0 "$MIDBACK" program &&
	has "$OUT" "Week 1 of the program: the breathing phase (1 of 4)" &&
	has "$OUT" "The program starts with breathing" &&
	has "$OUT" "due now" &&
	run 0 "$MIDBACK" program --json &&
	json "$OUT" "p[\"phase\"] == \"breathing\" and p[\"week\"] == 1 and p[\"selftests\"][\"due\"] and p[\"start\"] == \"2026-03-02\"" &&
	test ! -e "$DB" &&
	run 0 "$MIDBACK" today &&
	has "$OUT" "Program: week 1, breathing phase (1 of 4): more time on slow, low breathing; a self-test is due"
'

t 'program-2: a self-test played in plain mode is kept, and shows in program --json and stats' '
	selftest "36\npartly\n4\n3\nyes\n" &&
	has "$OUT" "Self-test 1 of 4: Seated rotation" &&
	has "$OUT" "Kept: 36 degrees." &&
	has "$OUT" "Kept: partly, 4 overhead." &&
	has "$OUT" "Kept: 3 finger widths." &&
	has "$OUT" "Kept: belly first." &&
	has "$OUT" "All four kept." &&
	run 0 "$MIDBACK" program --json &&
	json "$OUT" "[t[\"results\"][0][\"value\"] for t in p[\"selftests\"][\"tests\"]] == [36, 1, 3, 1]" &&
	json "$OUT" "p[\"selftests\"][\"tests\"][0][\"results\"][0][\"date\"] == \"2026-03-02\"" &&
	json "$OUT" "p[\"selftests\"][\"weakest\"] == \"extension\" and not p[\"selftests\"][\"due\"] and p[\"selftests\"][\"next_due\"] == \"2026-03-16\"" &&
	run 0 "$MIDBACK" stats &&
	has "$OUT" "Self-tests, first and latest" &&
	has "$OUT" "Thoracic extension test  3 finger widths (score 40), 2026-03-02" &&
	run 0 "$MIDBACK" stats --json &&
	json "$OUT" "p[\"selftests\"][2][\"results\"][0][\"score\"] == 40" &&
	run 0 "$MIDBACK" today &&
	has "$OUT" "your extension test is the weakest, so work on extension gets more too."
'

t 'program-3: a second round two weeks on shows the trend' '
	export XDG_DATA_HOME="$T/d3" &&
	selftest "20\nno\n\n5\nno\n" &&
	MIDBACK_TEST_CLOCK="at=2026-03-16T09:00:00" selftest "40\nyes\n6\n1\nyes\n" &&
	MIDBACK_TEST_CLOCK="at=2026-03-16T09:00:00" run 0 "$MIDBACK" stats &&
	has "$OUT" "Seated rotation          20 degrees -> 40 degrees (score 44 -> 88, better), 2 tests, latest 2026-03-16" &&
	has "$OUT" "Breathing test           chest first -> belly first (score 30 -> 100, better)"
'

t 'program-4: an answer the question does not take is asked again; input that ends keeps what was done' '
	export XDG_DATA_HOME="$T/d4" DB="$T/d4/midback/midback.db" &&
	selftest "lots\n95\n\nmaybe\nyes\n" &&
	has "$OUT" "Please answer as the question asks." &&
	has "$OUT" "Kept: wall mark reached." &&
	has "$OUT" "1 of 4 self-tests kept; input ended before the rest." &&
	test "$(sqlite3 "$DB" "SELECT test, value, extra FROM selftests")" = "rotation|-1|1"
'

t 'program-5: --start-at and --reset start again today; bad phases are usage errors' '
	run 0 "$MIDBACK" program --start-at ribcage &&
	has "$OUT" "The program starts again today, at the ribcage and shoulder blades phase." &&
	has "$OUT" "Week 1 of the program: the ribcage and shoulder blades phase (3 of 4)" &&
	run 0 "$MIDBACK" program --start-at 4 --json &&
	json "$OUT" "p[\"phase\"] == \"strength\" and p[\"start_set\"] and p[\"why\"] == \"The program starts at the rotation and side-bending strength phase, as asked.\"" &&
	run 0 "$MIDBACK" program --reset --json &&
	json "$OUT" "p[\"phase\"] == \"breathing\"" &&
	run 2 "$MIDBACK" program --start-at yoga &&
	has "$ERR" "midback: program: unknown phase ${Q}yoga${Q} (expected breathing, extension, ribcage or strength, or 1 to 4)" &&
	has "$ERR" "usage: midback program" &&
	run 2 "$MIDBACK" program --start-at 2 --reset &&
	has "$ERR" "cannot both be given" &&
	run 2 "$MIDBACK" program --plain &&
	run 0 "$MIDBACK" program --help &&
	has "$OUT" "moves on when"
'

# A history of N daily sessions from 2026-03-02: posture reset on both
# sides rated fine, pain 2 before each.
history() {
	python3 - "$1" "${2:--1}" <<PY
import json, sys
n = int(sys.argv[1])
sharp = int(sys.argv[2])
ss = []
for d in range(n):
    day = "2026-03-%02d" % (2 + d) if d < 30 else "2026-04-%02d" % (d - 29)
    items = [{"position": 0, "exercise": "posture-reset", "side": None,
        "sets": 1, "reps": 10, "holds": 10, "breaths": 0,
        "feel": "sharp" if d == sharp else "fine",
        "outcome": "stopped" if d == sharp else "done", "finished": day + "T08:05:00.000+00:00"}]
    ss.append({"uid": "%032x" % (d + 1), "started": day + "T08:00:00.000+00:00",
        "ended": day + "T08:12:00.000+00:00", "status": "finished",
        "end_reason": None, "pain_before": 2, "pain_after": 2,
        "plan": {"items": []}, "items": items})
print(json.dumps({"format": "midback-export", "version": 2, "sessions": ss,
    "breaks": [], "checkins": [], "reminders": [], "set_aside": []}))
PY
}

t 'program-6: two steady weeks move on to extension, and the dose climbs before the band takes over' '
	export XDG_DATA_HOME="$T/d6" &&
	history 14 >"$T/h.json" &&
	run 0 "$MIDBACK" import "$T/h.json" &&
	MIDBACK_TEST_CLOCK="at=2026-03-15T09:00:00" run 0 "$MIDBACK" program --json &&
	json "$OUT" "p[\"phase\"] == \"breathing\" and p[\"week\"] == 2" &&
	MIDBACK_TEST_CLOCK="at=2026-03-16T09:00:00" run 0 "$MIDBACK" program --json &&
	json "$OUT" "p[\"phase\"] == \"extension\" and p[\"move\"] == \"advance\" and p[\"week\"] == 3" &&
	json "$OUT" "p[\"why\"] == \"On to the extension phase: 7 active days this week, pain no higher, and nothing sharp or nerve-like.\"" &&
	json "$OUT" "[e for e in p[\"exercises\"] if e[\"id\"] == \"posture-reset\"][0][\"unlocked\"]" &&
	MIDBACK_TEST_CLOCK="at=2026-03-16T09:00:00" run 0 "$MIDBACK" program &&
	has "$OUT" "posture-reset            level 4 of 4; band-pull-apart takes its place when it fits what is at hand" &&
	MIDBACK_TEST_CLOCK="at=2026-03-06T09:00:00" run 0 "$MIDBACK" program &&
	has "$OUT" "posture-reset            level 2 of 4; 2 more sessions rated fine for a bigger dose" &&
	MIDBACK_TEST_CLOCK="at=2026-03-16T09:00:00" run 0 "$MIDBACK" today --equipment chair,wall,doorway,band --minutes 20 --json &&
	lacks "$OUT" "\"posture-reset\"" &&
	json "$OUT" "p[\"program\"].startswith(\"Program: week 3, extension phase (2 of 4)\")" &&
	MIDBACK_TEST_CLOCK="at=2026-03-16T09:00:00" run 0 "$MIDBACK" today --equipment chair --place desk --minutes 20 --json &&
	json "$OUT" "[i for i in p[\"items\"] if i[\"id\"] == \"posture-reset\"][0][\"hold_s\"] == 5"
'

t 'program-7: a sharp answer in the history puts the exercise back to its least dose' '
	export XDG_DATA_HOME="$T/d7" DB="$T/d7/midback/midback.db" &&
	history 10 9 >"$T/h7.json" &&
	run 0 "$MIDBACK" import "$T/h7.json" &&
	MIDBACK_TEST_CLOCK="at=2026-03-12T09:00:00" run 0 "$MIDBACK" program --json &&
	json "$OUT" "[e for e in p[\"exercises\"] if e[\"id\"] == \"posture-reset\"][0][\"level\"] == 0" &&
	json "$OUT" "p[\"last_7_days\"][\"red_answers\"] == 1"
'
# One late session on 2026-03-12 with two sharp answers, as its own file.
late() {
	python3 - <<PY
import json
items = [{"position": i, "exercise": e, "side": None, "sets": 1,
    "reps": 10, "holds": 0, "breaths": 0, "feel": "sharp",
    "outcome": "stopped", "finished": "2026-03-12T18:05:00.000+00:00"}
    for i, e in enumerate(["posture-reset", "open-book"])]
print(json.dumps({"format": "midback-export", "version": 2, "sessions": [
    {"uid": "f" * 32, "started": "2026-03-12T18:00:00.000+00:00",
     "ended": "2026-03-12T18:12:00.000+00:00", "status": "stopped",
     "end_reason": "pain", "pain_before": 6, "pain_after": 7,
     "plan": {"items": []}, "items": items}],
    "breaks": [], "checkins": [], "reminders": [], "set_aside": []}))
PY
}

t 'program-8: the replay kept in the store gives the same program, and a late session before it is counted' '
	export XDG_DATA_HOME="$T/d8" &&
	history 40 >"$T/h8.json" && late >"$T/late8.json" &&
	run 0 "$MIDBACK" import "$T/h8.json" &&
	MIDBACK_TEST_CLOCK="at=2026-04-14T09:00:00" run 0 "$MIDBACK" program --json &&
	cp "$OUT" "$T/first.json" &&
	test "$(sqlite3 "$T/d8/midback/midback.db" "SELECT day FROM program_checkpoint")" = 20555 &&
	MIDBACK_TEST_CLOCK="at=2026-04-14T09:00:00" run 0 "$MIDBACK" program --json &&
	cmp "$OUT" "$T/first.json" &&
	run 0 "$MIDBACK" import "$T/late8.json" &&
	test "$(sqlite3 "$T/d8/midback/midback.db" "SELECT count(*) FROM program_checkpoint")" = 0 &&
	MIDBACK_TEST_CLOCK="at=2026-04-14T09:00:00" run 0 "$MIDBACK" program --json &&
	cp "$OUT" "$T/after.json" &&
	! cmp -s "$T/after.json" "$T/first.json" &&
	export XDG_DATA_HOME="$T/d8b" &&
	run 0 "$MIDBACK" import "$T/late8.json" &&
	run 0 "$MIDBACK" import "$T/h8.json" &&
	MIDBACK_TEST_CLOCK="at=2026-04-14T09:00:00" run 0 "$MIDBACK" program --json &&
	cmp "$OUT" "$T/after.json"
'
echo "1..$n"
