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

# An export whose texts carry terminal escapes: a note that sets a
# colour, an exercise id and an end reason that set the window title, an
# exercise set aside whose id clears the screen.
today=$(date -u +%F)
esc_export() {
	cat >"$T/esc.json" <<JSON
{"format": "midback-export", "version": 2,
 "sessions": [{"uid": "$(printf %032x 11)", "started": "${today}T00:10:00.000+00:00", "ended": "${today}T00:20:00.000+00:00", "status": "finished", "end_reason": "x\\u001b]0;title\\u0007", "pain_before": null, "pain_after": null, "plan": {"items": []},
   "items": [{"position": 0, "exercise": "odd\\u001b]0;pwned\\u0007", "side": null, "sets": 1, "reps": 8, "holds": 0, "breaths": 0, "feel": "fine", "outcome": "done", "finished": "${today}T00:12:00.000+00:00"}]}],
 "breaks": [],
 "checkins": [{"uid": "$(printf %032x 12)", "at": "${today}T00:30:00.000+00:00", "pain": 2, "stiffness": null, "note": "red\\u001b[31m\\u009b2J\\nnext"}],
 "reminders": [],
 "set_aside": [{"exercise": "gone\\u001b[2J", "reason": "pain rule", "set": "${today}T00:00:00.000+00:00", "until": "2999-01-01T00:00:00.000+00:00"}]}
JSON
}

t 'escape-1: log and stats show control characters escaped, never raw' '
	esc_export &&
	XDG_DATA_HOME="$T/e" run 0 "$MIDBACK" import "$T/esc.json" &&
	XDG_DATA_HOME="$T/e" run 0 "$MIDBACK" log &&
	! grep -q "$(printf "\033")" "$OUT" &&
	! grep -q "$(printf "\007")" "$OUT" &&
	! grep -q "$(printf "\302\233")" "$OUT" &&
	has "$OUT" "pain 2: red\\x1b[31m\\u009b2J\\nnext" &&
	has "$OUT" "odd\\x1b]0;pwned\\x07" &&
	has "$OUT" "(x\\x1b]0;title\\x07)" &&
	XDG_DATA_HOME="$T/e" run 0 "$MIDBACK" stats &&
	! grep -q "$(printf "\033")" "$OUT" &&
	has "$OUT" "odd\\x1b]0;pwned\\x07" &&
	has "$OUT" "gone\\x1b[2J" &&
	XDG_DATA_HOME="$T/e" run 0 "$MIDBACK" log --json &&
	has "$OUT" "\"note\": \"red\\u001B[31m"
'

# Bidirectional controls: a right-to-left override makes what follows it
# read backwards ("txt.exe" shown as "exe.txt"), isolates and marks move
# text about.
bidi_export() {
	cat >"$T/bidi.json" <<JSON
{"format": "midback-export", "version": 2,
 "sessions": [{"uid": "$(printf %032x 21)", "started": "${today}T00:10:00.000+00:00", "ended": "${today}T00:20:00.000+00:00", "status": "finished", "end_reason": "a\\u2066b\\u2069", "pain_before": null, "pain_after": null, "plan": {"items": []},
   "items": [{"position": 0, "exercise": "ex\\u202eab", "side": null, "sets": 1, "reps": 8, "holds": 0, "breaths": 0, "feel": "fine", "outcome": "done", "finished": "${today}T00:12:00.000+00:00"}]}],
 "breaks": [],
 "checkins": [{"uid": "$(printf %032x 22)", "at": "${today}T00:30:00.000+00:00", "pain": 2, "stiffness": null, "note": "ok \\u202egnp.exe \\u202a\\u202b\\u202c\\u202d \\u2067\\u2068 \\u200e\\u200f\\u061c \\u00e9 \\u05d0"}],
 "reminders": [],
 "set_aside": [{"exercise": "set\\u202easide", "reason": "pain rule", "set": "${today}T00:00:00.000+00:00", "until": "2999-01-01T00:00:00.000+00:00"}]}
JSON
}

t 'escape-2: log and stats show bidirectional controls escaped, other text as it is' '
	bidi_export &&
	XDG_DATA_HOME="$T/b" run 0 "$MIDBACK" import "$T/bidi.json" &&
	XDG_DATA_HOME="$T/b" run 0 "$MIDBACK" log &&
	! grep -qP "[\\x{202a}-\\x{202e}\\x{2066}-\\x{2069}\\x{200e}\\x{200f}\\x{061c}]" "$OUT" &&
	has "$OUT" "pain 2: ok \\u202egnp.exe \\u202a\\u202b\\u202c\\u202d \\u2067\\u2068 \\u200e\\u200f\\u061c é א" &&
	has "$OUT" "ex\\u202eab" &&
	has "$OUT" "(a\\u2066b\\u2069)" &&
	XDG_DATA_HOME="$T/b" run 0 "$MIDBACK" stats &&
	! grep -qP "[\\x{202a}-\\x{202e}\\x{2066}-\\x{2069}\\x{200e}\\x{200f}\\x{061c}]" "$OUT" &&
	has "$OUT" "ex\\u202eab" &&
	has "$OUT" "set\\u202easide"
'
