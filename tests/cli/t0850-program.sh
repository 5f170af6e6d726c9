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

# One whole set: rotation 40/32, wall angel 2/3 with 4 slides, C7 9 cm,
# 14 breaths a minute belly first.
SET='40\n32\n2\n3\n4\n9\n14\nbelly\n'

t 'program-2: a whole set played in plain mode is kept, both sides, and shows in program --json and stats' '
	selftest "$SET" &&
	has "$OUT" "Self-test 1 of 4: Seated rotation" &&
	has "$OUT" "It measures the turn of the mid-back, each way." &&
	has "$OUT" "breastbone (the flat bone in the middle of your chest)" &&
	has "$OUT" "The position: \`midback show arms-crossed-turn\` draws it." &&
	has "$OUT" "Kept: left 40, right 32 degrees (8 apart): 71% of the reference (45 degrees each way)." &&
	has "$OUT" "sacrum (the flat bone at the base of the spine" &&
	lacks "$OUT" "low back flat" &&
	has "$OUT" "Kept: left 2, right 3 of 3, 4 slides: 67% of the reference (3 of 3 on each side)." &&
	has "$OUT" "needs a helper with a ruler" &&
	has "$OUT" "Kept: C7 9 cm from the wall: 83% of the reference (7.5 cm or less)." &&
	has "$OUT" "Kept: 14 breaths a minute, belly first: 100% of the reference" &&
	has "$OUT" "The set is whole: all four kept." &&
	run 0 "$MIDBACK" program --json &&
	json "$OUT" "[(t[\"results\"][0][\"value\"], t[\"results\"][0][\"extra\"], t[\"results\"][0][\"more\"]) for t in p[\"selftests\"][\"tests\"]] == [(40, 32, None), (2, 3, 4), (9, None, None), (14, 0, None)]" &&
	json "$OUT" "[(r[\"left\"], r[\"right\"], r[\"difference\"], r[\"left_score\"], r[\"right_score\"]) for r in p[\"selftests\"][\"tests\"][0][\"results\"]] == [(40, 32, 8, 89, 71)]" &&
	json "$OUT" "[t[\"results\"][0][\"score\"] for t in p[\"selftests\"][\"tests\"]] == [71, 67, 83, 100]" &&
	json "$OUT" "p[\"selftests\"][\"tests\"][0][\"results\"][0][\"date\"] == \"2026-03-02\" and p[\"selftests\"][\"tests\"][0][\"source\"].startswith(\"Furness\")" &&
	json "$OUT" "p[\"selftests\"][\"weakest\"] == \"wall-angel\" and not p[\"selftests\"][\"due\"] and not p[\"selftests\"][\"partial\"] and p[\"selftests\"][\"next_due\"] == \"2026-03-16\"" &&
	run 0 "$MIDBACK" stats &&
	has "$OUT" "Self-tests, first and latest" &&
	has "$OUT" "Upper-back curve at the wall C7 9 cm from the wall: 83% of the reference (7.5 cm or less), 2026-03-02" &&
	run 0 "$MIDBACK" stats --json &&
	json "$OUT" "p[\"selftests\"][2][\"results\"][0][\"score\"] == 83" &&
	run 0 "$MIDBACK" today &&
	has "$OUT" "your wall-angel test is the weakest, so work on the shoulder blades gets more too."
'

t 'program-3: a second set two weeks on shows the trend of each side' '
	export XDG_DATA_HOME="$T/d3" &&
	selftest "30\n22\n1\n2\n\n12\n22\nchest\n" &&
	MIDBACK_TEST_CLOCK="at=2026-03-16T09:00:00" selftest "$SET" &&
	MIDBACK_TEST_CLOCK="at=2026-03-16T09:00:00" run 0 "$MIDBACK" stats &&
	has "$OUT" "Seated rotation              2 results, 2026-03-02 to 2026-03-16" &&
	has "$OUT" "    left   30 -> 40 degrees (67% -> 89%)" &&
	has "$OUT" "    right  22 -> 32 degrees (49% -> 71%)" &&
	has "$OUT" "    apart   8 ->  8" &&
	has "$OUT" "    score  49% -> 71% of the reference (45 degrees each way): better" &&
	has "$OUT" "    left    1 ->  2 of 3 (33% -> 67%)" &&
	has "$OUT" "Breathing at rest            22 breaths a minute, chest first -> 14 breaths a minute, belly first (68% -> 100% of the reference"
'

t 'program-4: an answer out of range or of the wrong kind is asked again; input that ends keeps the tests done, and the set is partial' '
	export XDG_DATA_HOME="$T/d4" DB="$T/d4/midback/midback.db" &&
	selftest "lots\n95\n-3\n40\n32\n4\n2\n" &&
	has "$OUT" "Please answer with a whole number from 0 to 90." &&
	has "$OUT" "Please answer with a whole number from 0 to 3." &&
	has "$OUT" "Kept: left 40, right 32 degrees (8 apart)" &&
	has "$OUT" "Input ended before the rest. The set is partial: 1 of 4 kept so far; wall-angel, extension and breathing are asked next time." &&
	test "$(sqlite3 "$DB" "SELECT test, value, extra, coalesce(more, -1), method FROM selftests")" = "rotation|40|32|-1|2" &&
	run 0 "$MIDBACK" program &&
	has "$OUT" "the set begun 2026-03-02 is partial: wall-angel, extension and breathing still to do" &&
	run 0 "$MIDBACK" program --json &&
	json "$OUT" "p[\"selftests\"][\"partial\"] and p[\"selftests\"][\"due\"] and p[\"selftests\"][\"pending\"] == [\"wall-angel\", \"extension\", \"breathing\"]" &&
	run 0 "$MIDBACK" today &&
	has "$OUT" "the self-tests are partial, 3 of 4 still to do (midback program --test)." &&
	MIDBACK_TEST_CLOCK="at=2026-03-05T09:00:00" selftest "2\n3\n\n9\n14\nmaybe\nb\n" &&
	has "$OUT" "The last set is partial: 3 of 4 still to do, asked now." &&
	has "$OUT" "Self-test 1 of 3: Seated wall angel" &&
	lacks "$OUT" "Seated rotation" &&
	has "$OUT" "Please answer as the question asks." &&
	has "$OUT" "The set is whole: all four kept." &&
	MIDBACK_TEST_CLOCK="at=2026-03-05T09:00:00" run 0 "$MIDBACK" program --json &&
	json "$OUT" "not p[\"selftests\"][\"partial\"] and not p[\"selftests\"][\"due\"] and p[\"selftests\"][\"next_due\"] == \"2026-03-19\""
'

t 'program-4b: one side alone keeps nothing (printf 45 | program --test), and a test left empty is asked next time' '
	export XDG_DATA_HOME="$T/d4b" DB="$T/d4b/midback/midback.db" &&
	printf "45\n" | run 1 "$MIDBACK" program --test &&
	has "$OUT" "Input ended before the rest. Nothing kept." &&
	test "$(sqlite3 "$DB" "SELECT count(*) FROM selftests")" = 0 &&
	run 0 "$MIDBACK" program --json &&
	json "$OUT" "p[\"selftests\"][\"due\"] and not p[\"selftests\"][\"partial\"]" &&
	selftest "40\n32\n2\n3\n\n\n14\nb\n" &&
	has "$OUT" "Skipped: it is asked next time." &&
	has "$OUT" "The set is partial: 3 of 4 kept so far; extension is asked next time." &&
	run 0 "$MIDBACK" program --json &&
	json "$OUT" "p[\"selftests\"][\"pending\"] == [\"extension\"] and p[\"selftests\"][\"due\"]"
'

t 'program-4c: the weakest compares like with like: chest first at a calm rate does not outweigh a stiff turn' '
	export XDG_DATA_HOME="$T/d4c" &&
	selftest "30\n30\n3\n3\n\n7\n12\nchest\n" &&
	run 0 "$MIDBACK" program --json &&
	json "$OUT" "[t[\"results\"][0][\"score\"] for t in p[\"selftests\"][\"tests\"]] == [67, 100, 107, 75]" &&
	json "$OUT" "p[\"selftests\"][\"weakest\"] == \"rotation\""
'

# An export of version 3, with results of the earlier tests.
old_export() {
	python3 - <<PY
import json
print(json.dumps({"format": "midback-export", "version": 3, "sessions": [],
    "breaks": [], "checkins": [], "reminders": [], "set_aside": [],
    "program": None, "screen": {"answers": [], "acknowledgements": []},
    "selftests": [
        {"uid": "%032x" % 1, "at": "2026-02-02T09:00:00.000+00:00", "test": "rotation", "value": 36, "extra": None},
        {"uid": "%032x" % 2, "at": "2026-02-02T09:01:00.000+00:00", "test": "breathing", "value": 0, "extra": None}]}))
PY
}

t 'program-4d: results of the earlier tests come in from a version 3 export, stay apart, and go out and back again in version 4' '
	export XDG_DATA_HOME="$T/d4d" DB="$T/d4d/midback/midback.db" &&
	old_export >"$T/old.json" &&
	run 0 "$MIDBACK" import "$T/old.json" &&
	test "$(sqlite3 "$DB" "SELECT test, value, coalesce(extra, -1), method FROM selftests ORDER BY at_ms" | tr "\n" " ")" = "rotation|36|-1|1 breathing|0|-1|1 " &&
	selftest "$SET" &&
	run 0 "$MIDBACK" stats &&
	has "$OUT" "and 1 result of the earlier test, kept but not compared" &&
	run 0 "$MIDBACK" program --json &&
	json "$OUT" "[(r[\"earlier\"], r[\"score\"], r[\"text\"]) for r in p[\"selftests\"][\"tests\"][0][\"results\"]] == [(True, None, \"36 degrees, the stiffer side (earlier test)\"), (False, 71, \"left 40, right 32 degrees (8 apart)\")]" &&
	run 0 "$MIDBACK" export --output "$T/new.json" &&
	json "$T/new.json" "p[\"version\"] == 4 and [(x[\"method\"], x[\"more\"]) for x in p[\"selftests\"]][:3] == [(1, None), (1, None), (2, None)]" &&
	export XDG_DATA_HOME="$T/d4e" &&
	run 0 "$MIDBACK" import "$T/new.json" &&
	test "$(sqlite3 "$T/d4e/midback/midback.db" "SELECT test, value, coalesce(extra, -1), coalesce(more, -1), method FROM selftests ORDER BY at_ms" | tr "\n" " ")" = "rotation|36|-1|-1|1 breathing|0|-1|-1|1 rotation|40|32|-1|2 wall-angel|2|3|4|2 extension|9|-1|-1|2 breathing|14|0|-1|2 "
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
	has "$OUT" "moves on when" &&
	has "$OUT" "both sides" && has "$OUT" "docs/selftests.md"
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
