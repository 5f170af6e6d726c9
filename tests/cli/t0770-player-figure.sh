# t0770-player-figure.sh -- the exercise's figure in the full-screen
# player: at 100x30 it is drawn in braille to the left of the countdown
# and moves as the session plays (on the test clock); at 80x24 it is
# hidden and the screen is the one t0750 checks; under NO_COLOR it is
# still drawn.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/cli/tmux.sh"

DATA="$TOP/tests/data"

# A braille cell (U+2800 to U+28FF) in UTF-8, as bytes.
BRAILLE=$(printf '\342[\240-\243][\200-\277]')

# cells: how many braille cells $PANE shows.
cells() {
	LC_ALL=C grep -o "$BRAILLE" "$PANE" | wc -l
}

# beside: how many rows of $PANE have braille, then a row of the large
# countdown (# and spaces) to its right.
beside() {
	LC_ALL=C grep -c "$BRAILLE *#[# ]*$" "$PANE"
}

# figure FILE: the braille cells of $PANE, each with its row, into FILE.
figure() {
	LC_ALL=C grep -on "$BRAILLE" "$PANE" >"$1"
}

# moves: the figure changes (30 s at most, a guard against a hang).
moves() {
	grab && figure "$T/f1" &&
	mw=0 &&
	while :; do
		sleep 0.1
		grab && figure "$T/f2" || return 1
		cmp -s "$T/f1" "$T/f2" && test "$(cells)" -gt 0 || return 0
		mw=$((mw + 1))
		if [ "$mw" -gt 300 ]; then
			echo "the figure does not move:"
			sed 's/^/|/' "$PANE"
			return 1
		fi
	done
}

# The red-flag screen, answered in a plain run first.
screened
player 100 30 "$DATA/routine-player.yaml" MIDBACK_TEST_CLOCK=scale=2

t 'figure-1: at 100x30 the figure is drawn left of the countdown' '
	see "How much does your back hurt right now" &&
	tm send-keys -t mb Enter &&
	see "Standing side-bend reach" &&
	see "left side" &&
	test "$(cells)" -gt 100 &&
	test "$(beside)" -ge 3 || { sed "s/^/|/" "$PANE"; exit 1; }
'

t 'figure-2: the figure moves as the exercise plays' '
	see "Bend" &&
	moves &&
	moves
'

t 'figure-3: the text keeps its place, never under the figure' '
	grep -q "Standing side-bend reach *$" "$PANE" &&
	! LC_ALL=C grep -q "[A-Za-z#].*$BRAILLE" "$PANE" &&
	grep -q "^ exercise\[" "$PANE" &&
	grep -q "^ space pause  n next  p back  x it hurts  q quit  ? help" \
	    "$PANE" || { sed "s/^/|/" "$PANE"; exit 1; }
'

t 'figure-4: pausing stops the figure' '
	tm send-keys -t mb " " &&
	see "Paused" &&
	sleep 0.3 && grab && figure "$T/p1" &&
	sleep 1 && grab && figure "$T/p2" &&
	cmp "$T/p1" "$T/p2" &&
	tm send-keys -t mb " " &&
	sw=0 && while grab && grep -qF Paused "$PANE"; do
		sw=$((sw + 1)); test "$sw" -lt 300; sleep 0.1; done
'

t 'figure-5: at 80x24 the figure is hidden, the help has the screen' '
	tm resize-window -t mb -x 80 -y 24 &&
	sw=0 &&
	until grab && test "$(cells)" -eq 0 && grep -q "^ *#[# ]*$" "$PANE"; do
		sw=$((sw + 1)); test "$sw" -lt 300 || { sed "s/^/|/" "$PANE"; exit 1; }
		sleep 0.1
	done &&
	tm resize-window -t mb -x 100 -y 30 &&
	tm send-keys -t mb "?" &&
	see "Keys   " &&
	test "$(cells)" -eq 0 &&
	tm send-keys -t mb "?" &&
	sw=0 &&
	until grab && test "$(cells)" -gt 0; do
		sw=$((sw + 1)); test "$sw" -lt 300 || { sed "s/^/|/" "$PANE"; exit 1; }
		sleep 0.1
	done
'

t 'figure-6: quitting leaves the player as before' '
	quit_player
'

S=nc
player 100 30 "$DATA/routine-player.yaml" NO_COLOR=1 MIDBACK_TEST_CLOCK=scale=2

t 'figure-7: under NO_COLOR the figure is drawn all the same' '
	see "How much does your back hurt right now" &&
	tm send-keys -t nc Enter &&
	see "left side" &&
	test "$(cells)" -gt 100 &&
	quit_player
'

tm kill-server >/dev/null 2>&1
echo "1..$n"
