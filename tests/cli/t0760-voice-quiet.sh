# t0760-voice-quiet.sh -- start --voice with a sound server that is
# configured but not there, and an ALSA configuration that names no
# card: the voice is off, said in one line of ours, and none of the
# audio libraries' own errors reach stderr among the cues.
. "$TOP/tests/cli/lib.sh"

ONE="$TOP/tests/data/routine-one-hold.yaml"

printf 'n\nn\nn\nn\ny\n' |
    "$MIDBACK" start --routine "$ONE" >/dev/null 2>&1

# An ALSA configuration whose default output is a card that is not
# there, so that ALSA fails too (and makes no sound on a machine that
# has one).
printf 'pcm.!default { type hw card 99 }\nctl.!default { type hw card 99 }\n' \
    >"$T/asound.conf"

t 'voice-1: an absent sound server: one line of ours, no library noise' '
	printf "\nfine\n\n" | MIDBACK_TEST_CLOCK=scale=20 \
	    PULSE_SERVER=unix:/nonexistent ALSA_CONFIG_PATH="$T/asound.conf" \
	    "$MIDBACK" start --voice --plain --routine "$ONE" --no-resume \
	    >"$OUT" 2>"$ERR" &&
	has "$OUT" "Well done" &&
	test "$(wc -l <"$ERR")" -le 1 &&
	{ test ! -s "$ERR" || grep -q "^midback: start: voice off: " "$ERR"; } ||
	{ echo "stderr:"; sed "s/^/|/" "$ERR" | head -20; exit 1; }
'

echo "1..$n"
