# t0800-history.sh -- checkin, log, export, import and stats, on a store
# filled through import with a history whose days count back from today,
# and two processes writing at once. t() runs each body where `set -e`
# is ignored, so every body chains its steps with `&&`.
. "$TOP/tests/cli/lib.sh"

Q="'"
DB="$XDG_DATA_HOME/midback/midback.db"
today=$(date -u +%F)
# day N: the date N days before today.
day() {
	date -u -d "$today - $1 days" +%F
}

empty() {
	test ! -s "$1" || { echo "'$1' is not empty"; return 1; }
}

q() {
	sqlite3 -batch -cmd ".timeout 5000" "$1" "$2"
}

# item POS EXERCISE FEEL OUTCOME TIME: one item of a session.
item() {
	printf '{"position": %s, "exercise": "%s", "side": null, "sets": 1, "reps": 8, "holds": 0, "breaths": 0, "feel": %s, "outcome": "%s", "finished": "%s"}' \
	    "$1" "$2" "$3" "$4" "$5"
}

# session UID START END STATUS ITEMS: one session or break.
session() {
	printf '{"uid": "%s", "started": "%s", "ended": %s, "status": "%s", "end_reason": null, "pain_before": 5, "pain_after": 3, "plan": {"items": []}, "items": [%s]}' \
	    "$1" "$2" "$3" "$4" "$5"
}

u() {
	printf '%032x' "$1"
}

# The history: a session on today, 1 and 2 days ago (the current streak,
# 3), a break alone 20 days ago, a run of five sessions 30 to 26 days ago
# (the longest), a quit session with nothing done 4 days ago (does not
# count), one at 22:00 at UTC-5 ten days ago (03:00 UTC the next day),
# and check-ins.
mk_history() {
	s0=$(session "$(u 1)" "$(day 0)T00:10:00.000+00:00" "\"$(day 0)T00:22:00.000+00:00\"" finished \
	    "$(item 0 open-book '"fine"' done "$(day 0)T00:12:00.000+00:00"),$(item 1 seated-twist '"stretch"' done "$(day 0)T00:14:00.000+00:00")")
	s1=$(session "$(u 2)" "$(day 1)T08:00:00.000+00:00" "\"$(day 1)T08:12:00.000+00:00\"" finished \
	    "$(item 0 open-book '"fine"' done "$(day 1)T08:02:00.000+00:00"),$(item 1 chest-opener '"sharp"' stopped "$(day 1)T08:04:00.000+00:00")")
	s2=$(session "$(u 3)" "$(day 2)T08:00:00.000+00:00" "\"$(day 2)T08:05:00.000+00:00\"" quit \
	    "$(item 0 seated-twist '"fine"' done "$(day 2)T08:02:00.000+00:00")")
	s4=$(session "$(u 4)" "$(day 4)T08:00:00.000+00:00" "\"$(day 4)T08:01:00.000+00:00\"" quit "")
	s10=$(session "$(u 5)" "$(day 10)T22:00:00.000-05:00" "\"$(day 10)T22:12:00.000-05:00\"" finished \
	    "$(item 0 thread-the-needle null done "$(day 10)T22:05:00.000-05:00")")
	runs=""
	for k in 30 29 28 27 26; do
		runs="$runs, $(session "$(u $((100 + k)))" "$(day $k)T08:00:00.000+00:00" "\"$(day $k)T08:11:00.000+00:00\"" finished "")"
	done
	b20=$(session "$(u 6)" "$(day 20)T10:00:00.000+00:00" "\"$(day 20)T10:02:00.000+00:00\"" finished "")
	cat >"$T/history.json" <<EOF
{"format": "midback-export", "version": 1,
 "sessions": [$s0, $s1, $s2, $s4, $s10$runs],
 "breaks": [$b20],
 "checkins": [{"uid": "$(u 7)", "at": "$(day 3)T09:00:00.000+00:00", "pain": 6, "stiffness": null, "note": null},
  {"uid": "$(u 8)", "at": "$(day 0)T09:00:00.000+00:00", "pain": 2, "stiffness": 3, "note": "ok"}]}
EOF
}
mk_history

t 'checkin-1: records pain, stiffness and a note' '
	run 0 "$MIDBACK" checkin --pain 4 --stiffness 6 --note "after the drive" &&
	grep -Eq "^Recorded at [0-9]{2}:[0-9]{2}: pain 4, stiffness 6\.$" "$OUT" &&
	test "$(wc -l <"$OUT")" -eq 1 && empty "$ERR" &&
	test "$(q "$DB" "SELECT moment, pain, stiffness, note FROM pain_ratings")" = "checkin|4|6|after the drive"
'

t 'checkin-2: values outside 0 to 10 and a missing --pain are usage errors' '
	run 2 "$MIDBACK" checkin --pain 11 &&
	sed -n 1p "$ERR" >"$T/l1" && same "$T/l1" "midback: checkin: invalid pain ${Q}11${Q} (expected 0 to 10)" &&
	has "$ERR" "usage: midback checkin --pain N [--stiffness N] [--note TEXT]" &&
	run 2 "$MIDBACK" checkin --pain -1 &&
	has "$ERR" "invalid pain ${Q}-1${Q} (expected 0 to 10)" &&
	run 2 "$MIDBACK" checkin --pain 3 --stiffness 12 &&
	has "$ERR" "invalid stiffness ${Q}12${Q} (expected 0 to 10)" &&
	run 2 "$MIDBACK" checkin --pain four &&
	has "$ERR" "invalid pain ${Q}four${Q}" &&
	run 2 "$MIDBACK" checkin --stiffness 3 &&
	has "$ERR" "midback: checkin: say how much it hurts with --pain N (0 to 10)" &&
	run 2 "$MIDBACK" checkin --pain 3 extra &&
	has "$ERR" "unexpected argument ${Q}extra${Q}" &&
	empty "$OUT" &&
	test "$(q "$DB" "SELECT count(*) FROM pain_ratings")" -eq 1
'

t 'checkin-3: high pain points to a clinician' '
	run 0 "$MIDBACK" checkin --pain 8 &&
	has "$OUT" "see a clinician" &&
	run 0 "$MIDBACK" checkin --pain 6 &&
	lacks "$OUT" "clinician"
'

t 'log-1: an empty history says so and creates no store' '
	mkdir -p "$T/empty" &&
	XDG_DATA_HOME="$T/empty" run 0 "$MIDBACK" log &&
	has "$OUT" "Nothing recorded yet" &&
	test ! -e "$T/empty/midback" &&
	XDG_DATA_HOME="$T/empty" run 0 "$MIDBACK" log --json &&
	same "$OUT" "[]"
'

export XDG_DATA_HOME="$T/h"
t 'import-1: an export goes in; the same again adds nothing' '
	run 0 "$MIDBACK" import "$T/history.json" &&
	same "$OUT" "Imported 11 of 11 sessions and breaks and 2 of 2 check-ins from ${Q}$T/history.json${Q}." &&
	cp "$T/h/midback/midback.db" "$T/before.db" &&
	q "$T/h/midback/midback.db" .dump >"$T/dump1" &&
	run 0 "$MIDBACK" import "$T/history.json" &&
	same "$OUT" "Imported 0 of 11 sessions and breaks and 0 of 2 check-ins from ${Q}$T/history.json${Q}; the others were already here." &&
	q "$T/h/midback/midback.db" .dump >"$T/dump2" &&
	cmp "$T/dump1" "$T/dump2"
'

t 'import-2: a bad file is refused with where, and nothing is written' '
	printf "{\n  \"format\": \"midback-export\",\n  oops\n}\n" >"$T/syntax.json" &&
	XDG_DATA_HOME="$T/none" run 1 "$MIDBACK" import "$T/syntax.json" &&
	grep -q "^$T/syntax.json:3: " "$ERR" &&
	sed "s/\"fine\"/\"wobbly\"/" "$T/history.json" >"$T/feel.json" &&
	XDG_DATA_HOME="$T/none" run 1 "$MIDBACK" import "$T/feel.json" &&
	same "$ERR" "$T/feel.json: sessions[0].items[0]: unknown feel ${Q}wobbly${Q}" &&
	sed "s/midback-export/other/" "$T/history.json" >"$T/fmt.json" &&
	XDG_DATA_HOME="$T/none" run 1 "$MIDBACK" import "$T/fmt.json" &&
	has "$ERR" "format is ${Q}other${Q}, not ${Q}midback-export${Q}" &&
	sed "s/\"pain\": 6/\"pain\": 12/" "$T/history.json" >"$T/pain.json" &&
	XDG_DATA_HOME="$T/none" run 1 "$MIDBACK" import "$T/pain.json" &&
	same "$ERR" "$T/pain.json: checkins[0]: ${Q}pain${Q} is 12, not 0 to 10" &&
	XDG_DATA_HOME="$T/none" run 1 "$MIDBACK" import "$T/missing.json" &&
	has "$ERR" "unable to open" &&
	test ! -e "$T/none" &&
	run 2 "$MIDBACK" import &&
	has "$ERR" "midback: import: name the export file to read"
'

t 'export-1: JSON round trip, export then import then export, is identical' '
	q "$T/h/midback/midback.db" "INSERT INTO program (id, start_day, start_phase, set_ms) VALUES (1, 20760, ${Q}extension${Q}, 1793600000000); INSERT INTO selftests (uid, at_ms, tz_min, test, value, extra) VALUES (${Q}0000000000000000000000000000a001${Q}, 1793700000000, 60, ${Q}rotation${Q}, 36, NULL), (${Q}0000000000000000000000000000a002${Q}, 1793700060000, 60, ${Q}wall-angel${Q}, 1, 4); INSERT INTO screen_answers (at_ms, question, answer) VALUES (1793500000000, ${Q}fall${Q}, 0); INSERT INTO acknowledgements (at_ms, what) VALUES (1793500000000, ${Q}not-medical-advice${Q})" &&
	q "$T/h/midback/midback.db" "INSERT INTO reminders (kind, due_ms, at_ms, tz_min, outcome) VALUES (${Q}posture-reset${Q}, 1795000000000, 1795000065000, -300, ${Q}taken${Q}), (${Q}wall-angel${Q}, 1795007200000, 1795007200000, 60, ${Q}natural${Q})" &&
	q "$T/h/midback/midback.db" "INSERT INTO exercise_flags (exercise, reason, set_ms, until_ms) VALUES (${Q}seated-twist${Q}, ${Q}pain rule${Q}, 1790841600000, 1791446400000)" &&
	run 0 "$MIDBACK" export --format json --output "$T/a.json" &&
	empty "$OUT" &&
	XDG_DATA_HOME="$T/h2" run 0 "$MIDBACK" import "$T/a.json" &&
	has "$OUT" " check-ins, 2 of 2 reminders and 1 of 1 exercises set aside from ${Q}$T/a.json${Q}." &&
	XDG_DATA_HOME="$T/h2" run 0 "$MIDBACK" export --format json &&
	cmp "$OUT" "$T/a.json" &&
	XDG_DATA_HOME="$T/h2" run 0 "$MIDBACK" import "$T/a.json" &&
	XDG_DATA_HOME="$T/h2" run 0 "$MIDBACK" export &&
	cmp "$OUT" "$T/a.json" &&
	has "$T/a.json" "\"started\": \"$(day 10)T22:00:00.000-05:00\"" &&
	has "$T/a.json" "\"version\": 4," &&
	has "$T/a.json" "\"phase\": \"extension\"" &&
	test "$(q "$T/h2/midback/midback.db" "SELECT start_day, start_phase FROM program")" = "20760|extension" &&
	test "$(q "$T/h2/midback/midback.db" "SELECT test, value, coalesce(extra, -1), tz_min, method FROM selftests ORDER BY at_ms" | tr "\n" " ")" = "rotation|36|-1|60|1 wall-angel|1|4|60|1 " &&
	test "$(q "$T/h2/midback/midback.db" "SELECT question, answer FROM screen_answers")" = "fall|0" &&
	test "$(q "$T/h2/midback/midback.db" "SELECT what FROM acknowledgements")" = "not-medical-advice" &&
	has "$T/a.json" "\"due\": \"2026-11-18T06:06:40.000-05:00\"" &&
	has "$T/a.json" "\"at\": \"2026-11-18T06:07:45.000-05:00\"" &&
	has "$T/a.json" "\"outcome\": \"natural\"" &&
	test "$(q "$T/h2/midback/midback.db" "SELECT kind, outcome, tz_min FROM reminders ORDER BY at_ms" | tr "\n" " ")" = "posture-reset|taken|-300 wall-angel|natural|60 " &&
	has "$T/a.json" "\"until\": \"2026-10-08T08:00:00.000+00:00\"" &&
	test "$(q "$T/h2/midback/midback.db" "SELECT exercise, reason, until_ms - set_ms FROM exercise_flags")" = "seated-twist|pain rule|604800000" &&
	sed "s/\"until\": \"2026-10-08/\"until\": \"2026-09-01/" "$T/a.json" >"$T/flag.json" &&
	XDG_DATA_HOME="$T/none" run 1 "$MIDBACK" import "$T/flag.json" &&
	same "$ERR" "$T/flag.json: set_aside[0]: ${Q}until${Q} is not after ${Q}set${Q}" &&
	sed "s/\"natural\"/\"forgotten\"/" "$T/a.json" >"$T/rem.json" &&
	XDG_DATA_HOME="$T/none" run 1 "$MIDBACK" import "$T/rem.json" &&
	same "$ERR" "$T/rem.json: reminders[1]: unknown outcome ${Q}forgotten${Q}" &&
	test ! -e "$T/none" &&
	ls "$T" | grep -v tmp- >/dev/null && ! ls "$T" | grep -q "a.json.tmp"
'

t 'export-2: CSV quotes commas, quotes and newlines, and defuses formulas' '
	mkdir -p "$T/c" &&
	XDG_DATA_HOME="$T/c" run 0 "$MIDBACK" checkin --pain 1 --note "one, two" &&
	XDG_DATA_HOME="$T/c" run 0 "$MIDBACK" checkin --pain 2 --note "say \"hi\"" &&
	XDG_DATA_HOME="$T/c" run 0 "$MIDBACK" checkin --pain 3 --note "$(printf "line1\nline2")" &&
	XDG_DATA_HOME="$T/c" run 0 "$MIDBACK" checkin --pain 4 --note "=HYPERLINK(\"x\")" &&
	XDG_DATA_HOME="$T/c" run 0 "$MIDBACK" checkin --pain 5 --note "+1" &&
	XDG_DATA_HOME="$T/c" run 0 "$MIDBACK" checkin --pain 6 --note "-2" &&
	XDG_DATA_HOME="$T/c" run 0 "$MIDBACK" checkin --pain 7 --note "@SUM(A1)" &&
	XDG_DATA_HOME="$T/c" run 0 "$MIDBACK" export --format csv &&
	head -n 1 "$OUT" >"$T/hdr" &&
	same "$T/hdr" "record,uid,session,start,end,status,end_reason,position,exercise,side,sets,reps,holds,breaths,feel,outcome,pain_before,pain_after,pain,stiffness,note$(printf "\r")" &&
	test "$(grep -c "$(printf "\r")\$" "$OUT")" -eq 8 &&
	has "$OUT" ",1,,\"one, two\"" &&
	has "$OUT" ",2,,\"say \"\"hi\"\"\"" &&
	has "$OUT" ",3,,\"line1" &&
	has "$OUT" ",4,,\"${Q}=HYPERLINK(\"\"x\"\")\"" &&
	has "$OUT" ",5,,\"${Q}+1\"" &&
	has "$OUT" ",6,,\"${Q}-2\"" &&
	has "$OUT" ",7,,\"${Q}@SUM(A1)\"" &&
	grep -Eq "^checkin,[0-9a-f]{32},,[0-9-]{10}T[0-9:]{8}\+00:00,,,,,,,,,,,,,,,1,,\"one, two\"" "$OUT"
'

t 'export-3: CSV rows for sessions, items and breaks; bad options' '
	run 0 "$MIDBACK" export --format csv &&
	has "$OUT" "session,$(u 1),,$(day 0)T00:10:00+00:00,$(day 0)T00:22:00+00:00,finished,,,,,,,,,,,5,3,,," &&
	has "$OUT" "item,,$(u 1),,$(day 0)T00:12:00+00:00,,,0,open-book,,1,8,0,0,fine,done,,,,," &&
	has "$OUT" "break,$(u 6)," &&
	run 2 "$MIDBACK" export --format xml &&
	has "$ERR" "midback: export: unknown format ${Q}xml${Q} (expected json, csv or ics)" &&
	run 1 "$MIDBACK" export --output "$T/no/such/dir/x.json" &&
	has "$ERR" "midback: export: cannot write ${Q}$T/no/such/dir/x.json${Q}: No such file or directory"
'

t 'log-2: newest first, on the local day each had, with exercises' '
	run 0 "$MIDBACK" log --since "$(day 12)" &&
	first=$(sed -n 1p "$OUT") &&
	test "$first" = "$(date -u -d "$today" "+%A %-d %B %Y")" &&
	has "$OUT" "  00:10  session   12:00, finished; pain 5 before, 3 after" &&
	has "$OUT" "Open book" &&
	has "$OUT" "  09:00  check-in  pain 2, stiffness 3: ok" &&
	grep -n "22:00  session" "$OUT" >/dev/null &&
	grep -B2 "22:00  session" "$OUT" | grep -q "$(date -u -d "$(day 10)" "+%A %-d %B %Y")" &&
	! grep -qx "$(date -u -d "$(day 20)" "+%A %-d %B %Y")" "$OUT"
'

t 'log-3: --since and --until; bad dates are usage errors' '
	run 0 "$MIDBACK" log --since "$(day 20)" --until "$(day 20)" &&
	has "$OUT" "  10:00  break     2:00, finished" &&
	test "$(grep -c "^  [0-9]" "$OUT")" -eq 1 &&
	run 0 "$MIDBACK" log --since "$(day 10)" --until "$(day 10)" &&
	has "$OUT" "22:00  session" &&
	run 0 "$MIDBACK" log --since 1990-01-01 --until 1990-01-02 &&
	has "$OUT" "Nothing recorded for those dates yet" &&
	run 2 "$MIDBACK" log --since 2026-13-01 &&
	has "$ERR" "midback: log: --since: there is no date ${Q}2026-13-01${Q}" &&
	run 2 "$MIDBACK" log --until yesterday &&
	has "$ERR" "midback: log: --until: ${Q}yesterday${Q} is not a date (YYYY-MM-DD)" &&
	run 2 "$MIDBACK" log --since 2026-02-02 --until 2026-02-01 &&
	has "$ERR" "--since is after --until"
'

t 'log-4: --json gives the export shapes with a type' '
	run 0 "$MIDBACK" log --json --since "$(day 3)" &&
	python3 -c "
import json, sys
v = json.load(open(sys.argv[1]))
assert [e[\"type\"] for e in v] == [\"checkin\", \"session\", \"session\", \"session\", \"checkin\"], [e[\"type\"] for e in v]
assert v[1][\"items\"][0][\"exercise\"] == \"open-book\"
assert v[0][\"note\"] == \"ok\"
" "$OUT"
'

t 'stats-1: streaks, adherence, weeks and favourites, as JSON' '
	run 0 "$MIDBACK" stats --json --weeks 5 &&
	python3 -c "
import json, sys
s = json.load(open(sys.argv[1]))
assert s[\"current_streak\"] == {\"days\": 3, \"first\": \"$(day 2)\", \"last\": \"$(day 0)\"}, s[\"current_streak\"]
assert s[\"longest_streak\"] == {\"days\": 5, \"first\": \"$(day 30)\", \"last\": \"$(day 26)\"}, s[\"longest_streak\"]
# 10 minutes or more: today, yesterday, ten days ago, and 26 and 27
# days ago (11 each); two days ago had 5.
assert s[\"adherence\"][\"days\"] == 5, s[\"adherence\"]
w = s[\"weeks\"]
assert len(w) == 5 and w[-1][\"last\"] == \"$today\"
assert w[-1][\"minutes\"] == 12 + 12 + 5 + 1, w[-1]
assert w[-1][\"sessions\"] == 3, w[-1]
assert w[-3][\"breaks\"] == 1, w[-3]
# Before and after four sessions, and two check-ins.
assert w[-1][\"pain_ratings\"] == 10, w[-1]
fav = [f[\"id\"] for f in s[\"favourites\"]]
# Both felt good twice in two: the tie goes by id.
assert fav[0] == \"open-book\" and fav[1] == \"seated-twist\", fav
# Stopped, never done: not a favourite.
assert \"chest-opener\" not in fav
" "$OUT"
'

t 'stats-2: Unicode charts in a UTF-8 locale, ASCII otherwise; no colour in a file' '
	run 0 "$MIDBACK" stats &&
	has "$OUT" "Streak      3 days, since" &&
	has "$OUT" "Longest     5 days," &&
	has "$OUT" "Last 28 days: 5 with 10 minutes or more" &&
	grep -q "█" "$OUT" && lacks "$OUT" "$(printf "\033")" &&
	LC_ALL=C run 0 "$MIDBACK" stats &&
	lacks "$OUT" "█" && grep -q "#" "$OUT" &&
	run 0 "$MIDBACK" stats --ascii &&
	lacks "$OUT" "█" &&
	has "$OUT" "1. Open book"
'

t 'stats-3: colour on a terminal, and never under NO_COLOR' '
	script -qec "$MIDBACK stats" /dev/null >"$T/tty" </dev/null &&
	grep -q "$(printf "\033")\[32m" "$T/tty" &&
	NO_COLOR=1 script -qec "$MIDBACK stats" /dev/null >"$T/tty" </dev/null &&
	! grep -q "$(printf "\033")\[32m" "$T/tty"
'

t 'stats-4: bad options; no history gives zeros' '
	run 2 "$MIDBACK" stats --weeks 0 &&
	has "$ERR" "midback: stats: invalid number of weeks ${Q}0${Q} (expected 1 to 520)" &&
	run 2 "$MIDBACK" stats --weeks 9999 &&
	XDG_DATA_HOME="$T/none" run 0 "$MIDBACK" stats --json &&
	python3 -c "
import json, sys
s = json.load(open(sys.argv[1]))
assert s[\"current_streak\"][\"days\"] == 0 and s[\"adherence\"][\"days\"] == 0
assert len(s[\"weeks\"]) == 8 and s[\"favourites\"] == [] and s[\"pain_change\"] is None
" "$OUT" && test ! -e "$T/none"
'

t 'one-1: today --one plans the best-rated exercise that fits 3 minutes, at its least dose' '
	run 0 "$MIDBACK" today --one --json &&
	python3 -c "
import json, sys
p = json.load(open(sys.argv[1]))
# open-book, rated best, takes 3:50 at its least: the next best, seated-twist.
assert [i[\"id\"] for i in p[\"items\"]] == [\"seated-twist\"], p
# Its least dose: the bottom of each range in the catalog.
assert p[\"items\"][0][\"breaths\"] == 5 and p[\"total_s\"] <= 180, p
" "$OUT" &&
	run 0 "$MIDBACK" today --one &&
	has "$OUT" "Your one exercise for" &&
	has "$OUT" "[seated-twist]" &&
	run 0 "$MIDBACK" today --one --place floor --equipment none --json &&
	run 2 "$MIDBACK" today --one --minutes 5 &&
	has "$ERR" "midback: today: --one and --minutes cannot both be given" &&
	XDG_DATA_HOME="$T/none" run 0 "$MIDBACK" today --one --json &&
	python3 -c "
import json, sys, subprocess
p = json.load(open(sys.argv[1]))
assert len(p[\"items\"]) == 1
ex = json.loads(subprocess.run([sys.argv[2], \"show\", \"--json\", p[\"items\"][0][\"id\"]], capture_output=True, text=True).stdout)
assert \"rotation\" in ex[\"motions\"], ex
" "$OUT" "$MIDBACK"
'

# Two writers at once: two loops of check-ins and an import, started
# together; none may fail with "database is locked".
t 'concurrency-1: two check-in loops and an import at once all land' '
	mkdir -p "$T/cc" &&
	for w in a b; do
		( i=0; while [ $i -lt 40 ]; do
			XDG_DATA_HOME="$T/cc" "$MIDBACK" checkin --pain 3 --note "$w$i" >/dev/null 2>>"$T/cc-err" || echo "fail $w$i" >>"$T/cc-err"
			i=$((i + 1))
		done ) &
	done &&
	XDG_DATA_HOME="$T/cc" "$MIDBACK" import "$T/history.json" >/dev/null 2>>"$T/cc-err" &&
	wait &&
	empty "$T/cc-err" &&
	test "$(q "$T/cc/midback/midback.db" "SELECT count(*) FROM pain_ratings")" -eq 82 &&
	test "$(q "$T/cc/midback/midback.db" "SELECT count(DISTINCT note) FROM pain_ratings")" -eq 81
'

echo "1..$n"
