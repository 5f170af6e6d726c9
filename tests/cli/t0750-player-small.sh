# t0750-player-small.sh -- the player's screen at 40x12 and at 80x24:
# nothing drawn over anything (the large digits give way when there is
# no room, the help takes the countdown's place rather than covering it)
# and text wrapped between words.
. "$TOP/tests/cli/lib.sh"
. "$TOP/tests/cli/tmux.sh"

DATA="$TOP/tests/data"

# row N REGEX: line N of $PANE matches the basic regular expression.
row() {
	sed -n "$1p" "$PANE" | grep -q -- "$2" || {
		echo "row $1 does not match: $2"
		sed 's/^/|/' "$PANE"
		return 1
	}
}

# digits: how many rows of the large countdown $PANE shows.
digits() {
	grep -c '^ *#[# ]*$' "$PANE"
}

# within W: no line of $PANE is wider than W.
within() {
	awk -v w="$1" 'length > w { print "line " NR " is " length " wide"; bad = 1 }
	    END { exit bad }' "$PANE" || { sed 's/^/|/' "$PANE"; return 1; }
}

screened
player 40 12 "$DATA/routine-player.yaml"

t 'small-1: at 40x12 the bars, next and keys keep their rows; no big digits' '
	see "How much does your back hurt right now" &&
	tm send-keys -t mb Enter &&
	see "exercise 1 of 3" &&
	see "Get ready  0:0" &&
	row 1 "^ midback  exercise 1 of 3" &&
	row 8 "^ exercise\[=* *\]$" &&
	row 9 "^ session \[=* *\]$" &&
	row 10 "^ Next: Chest opener" &&
	row 12 "^ space pause  n next  x hurts  ? help" &&
	test "$(digits)" -eq 0 &&
	has "$PANE" "left side" &&
	within 40
'

t 'small-2: at 40x12 the cue breaks between words' '
	see "exercise 1 of 3" &&
	grep -q "^ *Position: standing tall, feet *$" "$PANE" &&
	grep -q "^ *hip-width apart *$" "$PANE" || {
		sed "s/^/|/" "$PANE"; exit 1; }
'

t 'small-3: at 40x12 the help fits above the keys, wrapped between words' '
	tm send-keys -t mb "?" &&
	see "Keys" &&
	row 2 "Keys   Get ready  0:0\|Keys   Hold  0:0\|Keys   Move" &&
	has "$PANE" "p, <-  back: restart this one, or the" &&
	grep -q "^ *one before$" "$PANE" &&
	has "$PANE" "?      close this help" &&
	row 12 "^ space pause  n next  x hurts  ? help" &&
	test "$(digits)" -eq 0 &&
	within 40 &&
	tm send-keys -t mb "?" &&
	see "Next: Chest opener"
'

t 'small-4: at 80x24 the big digits show, and the help takes their place' '
	tm resize-window -t mb -x 80 -y 24 &&
	see "space pause  n next  p back  x it hurts  q quit  ? help" &&
	sw=0 &&
	until grab && test "$(digits)" -eq 5; do
		sw=$((sw + 1)); test "$sw" -lt 300 || { sed "s/^/|/" "$PANE"; exit 1; }
		sleep 0.1
	done &&
	row 19 "^ exercise\[" &&
	tm send-keys -t mb "?" &&
	see "Keys   " &&
	has "$PANE" "x      sharp pain, tingling, burning or numbness: stop this" &&
	test "$(digits)" -eq 0 &&
	row 19 "^ exercise\[" &&
	row 24 "^ space pause" &&
	within 80 &&
	tm send-keys -t mb "?" &&
	quit_player
'

t 'small-5: at 60 columns the warning signs fold between words, under their dash' '
	mkdir -p "$T/fresh" &&
	tm new-session -d -s scr -x 60 -y 40 "env XDG_CONFIG_HOME='"'$XDG_CONFIG_HOME'"' \
XDG_DATA_HOME='"'$T/fresh'"' HOME='"'$HOME'"' LC_ALL=C.UTF-8 \
TERM=xterm-256color '"'$MIDBACK'"' start --routine '"'$DATA/routine-one-hold.yaml'"'; \
sleep 30" &&
	S=scr &&
	see "Does any of these apply to you? [y/n]" &&
	within 59 &&
	has "$PANE" "  - Do you get pain or tightness in your chest, arm, neck" &&
	has "$PANE" "    or jaw when you walk fast, climb stairs or exert" &&
	tr "\n" " " <"$PANE" | tr -s " " | grep -qF "or exert yourself, easing when you stop?" &&
	tm send-keys -t scr y Enter &&
	see "Do you have chest pain or trouble breathing? [y/n]" &&
	tm send-keys -t scr n Enter &&
	see "Do you get pain or tightness" &&
	grep -A2 "^Do you get pain or tightness" "$PANE" | tr "\n" " " |
	    tr -s " " | grep -qF "easing when you stop? [y/n]" &&
	within 59 &&
	tm kill-session -t scr
'

tm kill-server >/dev/null 2>&1
echo "1..$n"
