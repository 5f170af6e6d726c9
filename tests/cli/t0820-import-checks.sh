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
