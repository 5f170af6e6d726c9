# t0810-history-text.sh -- what a person types or a file brings: a note
# that is not UTF-8 is refused at the door, and one already stored is
# never dropped from JSON.
. "$TOP/tests/cli/lib.sh"

Q="'"
DB="$XDG_DATA_HOME/midback/midback.db"

q() {
	sqlite3 -batch -cmd ".timeout 5000" "$1" "$2"
}

t 'utf8-1: checkin refuses a note that is not UTF-8, and stores nothing' '
	run 2 "$MIDBACK" checkin --pain 3 --note "$(printf "a\377b")" &&
	has "$ERR" "midback: checkin: the note is not valid UTF-8 text" &&
	has "$ERR" "usage: midback checkin" &&
	test ! -e "$DB" &&
	run 2 "$MIDBACK" checkin --pain 3 --note "$(printf "\300\200")" &&
	run 2 "$MIDBACK" checkin --pain 3 --note "$(printf "\355\240\200")" &&
	test ! -e "$DB" &&
	run 0 "$MIDBACK" checkin --pain 3 --note "$(printf "caf\303\251 \342\234\223")"
'

t 'utf8-2: a stored note with bad bytes stays in export and log --json' '
	run 0 "$MIDBACK" checkin --pain 4 --note "plain" &&
	q "$DB" "UPDATE pain_ratings SET note = CAST(X${Q}61FF62${Q} AS TEXT) WHERE note = ${Q}plain${Q}" &&
	run 0 "$MIDBACK" export --format json --output "$T/x.json" &&
	test "$(grep -c "\"uid\"" "$T/x.json")" -eq 2 &&
	has "$T/x.json" "\"note\": \"a$(printf "\357\277\275")b\"" &&
	run 0 "$MIDBACK" log --json &&
	test "$(grep -c "\"type\": \"checkin\"" "$OUT")" -eq 2 &&
	has "$OUT" "\"note\": \"a$(printf "\357\277\275")b\"" &&
	XDG_DATA_HOME="$T/h2" run 0 "$MIDBACK" import "$T/x.json" &&
	has "$OUT" "2 of 2 check-ins"
'

t 'utf8-3: import refuses a file with bad bytes, where they are' '
	{
		printf "{\"format\": \"midback-export\", \"version\": 1, \"sessions\": [], \"breaks\": [],\n"
		printf " \"checkins\": [{\"uid\": \"%032x\", \"at\": \"2026-01-01T09:00:00.000+00:00\", \"pain\": 2, \"stiffness\": 3, \"note\": \"ok\377\"}]}\n" 1
	} >"$T/bad.json" &&
	XDG_DATA_HOME="$T/none" run 1 "$MIDBACK" import "$T/bad.json" &&
	has "$ERR" "$T/bad.json:2: text that is not valid UTF-8" &&
	test ! -e "$T/none"
'
