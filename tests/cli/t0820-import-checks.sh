# t0820-import-checks.sh -- import takes what could be true: a session
# running where it was exported comes in closed, and doses or times that
# cannot be are refused with the file and the record.
. "$TOP/tests/cli/lib.sh"

Q="'"
DB="$XDG_DATA_HOME/midback/midback.db"

q() {
	sqlite3 -batch -cmd ".timeout 5000" "$1" "$2"
}

# doc STATUS ENDED ITEMS: an export of one session of 2026-03-02.
doc() {
	cat <<JSON
{"format": "midback-export", "version": 2,
 "sessions": [{"uid": "$(printf %032x 1)", "started": "2026-03-02T08:00:00.000+01:00", "ended": $2, "status": "$1", "end_reason": null, "pain_before": 3, "pain_after": null, "plan": {"items": []}, "items": [$3]}],
 "breaks": [], "checkins": [], "reminders": [], "set_aside": []}
JSON
}

# item POS SETS REPS FINISHED
item() {
	printf '{"position": %s, "exercise": "open-book", "side": null, "sets": %s, "reps": %s, "holds": 0, "breaths": 0, "feel": "fine", "outcome": "done", "finished": "%s"}' "$1" "$2" "$3" "$4"
}

t 'running-1: a running session is imported as quit, ended at its last item' '
	doc running null "$(item 0 2 8 2026-03-02T08:04:00.000+01:00), $(item 1 1 10 2026-03-02T08:03:00.000+01:00)" >"$T/run.json" &&
	run 0 "$MIDBACK" import "$T/run.json" &&
	test "$(q "$DB" "SELECT status, ended_ms - started_ms, end_reason FROM sessions")" = "quit|240000|running when exported" &&
	run 0 "$MIDBACK" export &&
	has "$OUT" "\"ended\": \"2026-03-02T08:04:00.000+01:00\"" &&
	has "$OUT" "\"status\": \"quit\"" &&
	doc running null "" >"$T/run0.json" &&
	XDG_DATA_HOME="$T/r0" run 0 "$MIDBACK" import "$T/run0.json" &&
	test "$(q "$T/r0/midback/midback.db" "SELECT status, ended_ms - started_ms FROM sessions")" = "quit|0"
'

t 'doses-1: negative or huge doses are refused, naming the file and the item' '
	doc finished "\"2026-03-02T08:10:00.000+01:00\"" "$(item 0 -1 8 2026-03-02T08:04:00.000+01:00)" >"$T/neg.json" &&
	XDG_DATA_HOME="$T/none" run 1 "$MIDBACK" import "$T/neg.json" &&
	same "$ERR" "$T/neg.json: sessions[0].items[0]: ${Q}sets${Q} is -1, not 0 to 1000" &&
	doc finished "\"2026-03-02T08:10:00.000+01:00\"" "$(item 0 2 8 2026-03-02T08:04:00.000+01:00), $(item 1 1 5000 2026-03-02T08:05:00.000+01:00)" >"$T/huge.json" &&
	XDG_DATA_HOME="$T/none" run 1 "$MIDBACK" import "$T/huge.json" &&
	same "$ERR" "$T/huge.json: sessions[0].items[1]: ${Q}reps${Q} is 5000, not 0 to 1000" &&
	test ! -e "$T/none"
'

t 'times-1: ended before started, or an item before its session, is refused' '
	doc finished "\"2026-03-02T07:59:00.000+01:00\"" "" >"$T/end.json" &&
	XDG_DATA_HOME="$T/none" run 1 "$MIDBACK" import "$T/end.json" &&
	same "$ERR" "$T/end.json: sessions[0]: ${Q}ended${Q} is before ${Q}started${Q}" &&
	doc finished "\"2026-03-02T08:10:00.000+01:00\"" "$(item 0 2 8 2026-03-02T07:04:00.000+01:00)" >"$T/item.json" &&
	XDG_DATA_HOME="$T/none" run 1 "$MIDBACK" import "$T/item.json" &&
	same "$ERR" "$T/item.json: sessions[0].items[0]: ${Q}finished${Q} is before the session started" &&
	doc running "\"2026-03-02T08:10:00.000+01:00\"" "" >"$T/both.json" &&
	XDG_DATA_HOME="$T/none" run 1 "$MIDBACK" import "$T/both.json" &&
	same "$ERR" "$T/both.json: sessions[0]: ${Q}ended${Q} is set but the status is ${Q}running${Q}" &&
	doc finished null "" >"$T/open.json" &&
	XDG_DATA_HOME="$T/none" run 1 "$MIDBACK" import "$T/open.json" &&
	same "$ERR" "$T/open.json: sessions[0]: ${Q}ended${Q} is null but the status is ${Q}finished${Q}" &&
	test ! -e "$T/none"
'

# bounded KIND: an export past one of import's bounds (docs/export-format.md).
bounded() {
	python3 - "$1" <<'PY'
import json, sys
kind = sys.argv[1]
def sess(i, n_items=0, plan=None):
	return {"uid": "%032x" % (i + 1), "started": "2026-03-02T08:00:00.000+01:00",
	        "ended": "2026-03-02T08:10:00.000+01:00", "status": "finished",
	        "end_reason": None, "pain_before": 3, "pain_after": None,
	        "plan": plan if plan is not None else {"items": []},
	        "items": [{"position": k, "exercise": "open-book", "side": None,
	                   "sets": 1, "reps": 8, "holds": 0, "breaths": 0,
	                   "feel": "fine", "outcome": "done",
	                   "finished": "2026-03-02T08:04:00.000+01:00"}
	                  for k in range(n_items)]}
def ci(i, note=None):
	return {"uid": "%032x" % (100000 + i), "at": "2026-03-02T09:00:00.000+01:00",
	        "pain": 2, "stiffness": None, "note": note}
d = {"format": "midback-export", "version": 2, "sessions": [], "breaks": [],
     "checkins": [], "reminders": [], "set_aside": []}
if kind == "note":
	d["checkins"] = [ci(0, "fine"), ci(1, "\u00e9" * 10001)]
elif kind == "note-max":
	d["checkins"] = [ci(0, "\u00e9" * 10000)]
elif kind == "plan":
	d["sessions"] = [sess(0, plan={"items": [{"id": "x" * 100}] * 200})]
elif kind == "items":
	d["sessions"] = [sess(0, 2), sess(1, 201)]
elif kind == "records":
	d["sessions"] = [sess(i, 8) for i in range(6000)]
	d["checkins"] = [ci(i) for i in range(6001)]
elif kind == "name":
	d["sessions"] = [sess(0)]
	d["sessions"][0]["end_reason"] = "r" * 201
elif kind == "notes":
	d["checkins"] = [ci(i, "n" * 10000) for i in range(420)]
elif kind == "plans":
	plan = {"items": [], "pad": "p" * 16000}
	d["breaks"] = [sess(i, plan=plan) for i in range(525)]
elif kind == "deep":
	x = {}
	for _ in range(70):
		x = {"items": [x]}
	d["sessions"] = [sess(0, plan=x)]
json.dump(d, sys.stdout)
PY
}

t 'bounds-1: a note, a plan, a session or a file past its bound is refused, naming the record, and nothing is stored' '
	bounded note >"$T/note.json" &&
	XDG_DATA_HOME="$T/none" run 1 "$MIDBACK" import "$T/note.json" &&
	same "$ERR" "$T/note.json: checkins[1]: ${Q}note${Q} is longer than 10000 characters" &&
	bounded plan >"$T/plan.json" &&
	XDG_DATA_HOME="$T/none" run 1 "$MIDBACK" import "$T/plan.json" &&
	same "$ERR" "$T/plan.json: sessions[0]: ${Q}plan${Q} is larger than 16384 bytes" &&
	bounded items >"$T/items.json" &&
	XDG_DATA_HOME="$T/none" run 1 "$MIDBACK" import "$T/items.json" &&
	same "$ERR" "$T/items.json: sessions[1]: 201 items; a session has at most 200" &&
	bounded records >"$T/records.json" &&
	XDG_DATA_HOME="$T/none" run 1 "$MIDBACK" import "$T/records.json" &&
	same "$ERR" "$T/records.json: checkins[6000]: past the 60000 records one file may hold (sessions, their items, check-ins and the rest); split the file" &&
	bounded deep >"$T/deep.json" &&
	XDG_DATA_HOME="$T/none" run 1 "$MIDBACK" import "$T/deep.json" &&
	has "$ERR" "$T/deep.json: sessions[0].plan.items[0].items[0]." &&
	has "$ERR" ".items[0].items: nested deeper than 64 levels"
	bounded name >"$T/name.json" &&
	XDG_DATA_HOME="$T/none" run 1 "$MIDBACK" import "$T/name.json" &&
	same "$ERR" "$T/name.json: sessions[0]: ${Q}end_reason${Q} is longer than 200 characters" &&
	bounded notes >"$T/notes.json" &&
	XDG_DATA_HOME="$T/none" run 1 "$MIDBACK" import "$T/notes.json" &&
	same "$ERR" "$T/notes.json: checkins[419]: the notes up to here come to more than 4 MiB, the most one file may hold; split the file" &&
	bounded plans >"$T/plans.json" &&
	XDG_DATA_HOME="$T/none" run 1 "$MIDBACK" import "$T/plans.json" &&
	same "$ERR" "$T/plans.json: breaks[523]: the plans up to here come to more than 8 MiB, the most one file may hold; split the file" &&
	test ! -e "$T/none" &&
	bounded note-max >"$T/note-max.json" &&
	XDG_DATA_HOME="$T/max" run 0 "$MIDBACK" import "$T/note-max.json"
'

t 'bounds-2: a file past 32 MiB is refused before it is all read, from a file or a pipe' '
	head -c 33554433 /dev/zero | tr "\0" " " >"$T/big.json" &&
	XDG_DATA_HOME="$T/none" run 1 "$MIDBACK" import "$T/big.json" &&
	same "$ERR" "midback: import: $T/big.json: larger than 32 MiB, the most one import takes; split the file" &&
	set +e &&
	cat "$T/big.json" | XDG_DATA_HOME="$T/none" "$MIDBACK" import /dev/stdin >"$OUT" 2>"$ERR"
	test $? -eq 1 && set -e &&
	same "$ERR" "midback: import: /dev/stdin: larger than 32 MiB, the most one import takes; split the file" &&
	test ! -e "$T/none"
'
