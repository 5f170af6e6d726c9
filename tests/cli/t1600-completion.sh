# t1600-completion.sh -- the completion scripts and midback(1) are written
# from the command table: bash completes commands, options, their values
# and exercise ids (the person's own too), and the man page names every
# command and option.
. "$TOP/tests/cli/lib.sh"

Q="'"

empty() {
	test ! -s "$1" || { echo "'$1' is not empty:"; cat "$1"; return 1; }
}

# A `midback` on PATH, as the scripts call it.
mkdir -p "$T/bin"
ln -s "$MIDBACK" "$T/bin/midback"
PATH="$T/bin:$PATH"

# complete WORDS...: what bash offers for the last word, one a line.
complete() {
	"$MIDBACK" --generate bash >"$T/c.bash"
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1));
	    _midback; printf "%s\n" "${COMPREPLY[@]}"' bash "$T/c.bash" \
	    midback "$@" >"$OUT" 2>"$ERR"
}

t 'complete-1 bash completes the commands' '
	command -v bash >/dev/null &&
	complete "" &&
	has "$OUT" today && has "$OUT" remind && has "$OUT" import &&
	complete st &&
	test "$(sort "$OUT" | tr "\n" " ")" = "start stats " &&
	empty "$ERR"
'

t 'complete-2 bash completes a command'\''s options, and their words' '
	complete start --r &&
	test "$(sort "$OUT" | tr "\n" " ")" = "--resume --routine " &&
	complete today --place "" &&
	test "$(tr "\n" " " <"$OUT")" = "desk floor any " &&
	complete checkin --pain "" &&
	test -z "$(cat "$OUT")"
'

t 'complete-3 bash completes exercise ids, the person'\''s own too' '
	complete show open &&
	same "$OUT" "open-book" &&
	mkdir -p "$XDG_CONFIG_HOME/midback/exercises.d" &&
	cp "$TOP/tests/data/catalog-good.yaml" \
	    "$XDG_CONFIG_HOME/midback/exercises.d/mine.yaml" &&
	complete show wall-s &&
	same "$OUT" "wall-slide" &&
	"$MIDBACK" --complete exercises >"$T/ids" &&
	grep -qx open-book "$T/ids" && grep -qx prone-y-raise "$T/ids"
'

t 'complete-4 bash completes file names where a command takes a file' '
	: >"$T/routine-a.yaml" &&
	complete start --routine "$T/routine-" &&
	same "$OUT" "$T/routine-a.yaml" &&
	complete check "$T/routine-" &&
	same "$OUT" "$T/routine-a.yaml"
'

t 'complete-5 every command and option is in bash, zsh, fish and midback(1)' '
	for s in bash zsh fish man-synopsis man-options; do
		"$MIDBACK" --generate $s >"$T/$s" || exit 1
	done &&
	tr -d "\\\\" <"$T/man-options" >"$T/man-plain" &&
	"$MIDBACK" --help | sed -n "s/^  \([a-z]*\) .*/\1/p" >"$T/cmds" &&
	test -s "$T/cmds" &&
	while read -r c; do
		grep -q "^	$c[|)]" "$T/bash" && grep -q "^	$c)" "$T/zsh" &&
		grep -q "from $c'"'"' " "$T/fish" &&
		grep -qx "\.Cm $c" "$T/man-synopsis" &&
		grep -qx "\.It Nm Cm $c" "$T/man-options" || {
			echo "$c is missing"; exit 1; }
		"$MIDBACK" $c --help | sed -n "s/^  --\([a-z-]*\).*/\1/p" |
		    grep -vx help >"$T/opts" || true
		while read -r o; do
			grep -q -- "--$o" "$T/bash" &&
			grep -q "^\.It Fl -$o\( \|\$\)" "$T/man-plain" ||
			    { echo "$c --$o is missing"; exit 1; }
		done <"$T/opts"
	done <"$T/cmds"
'

t 'complete-6 the scripts parse, and midback(1) formats without warnings' '
	bash -n "$T/bash" &&
	{ ! command -v zsh >/dev/null || zsh -n "$T/zsh"; } &&
	{ ! command -v fish >/dev/null || fish -n "$T/fish"; } &&
	"$TOP/scripts/manpage" "$MIDBACK" "$TOP/docs/midback.1" >"$T/midback.1" &&
	{ ! command -v groff >/dev/null ||
	    { groff -mandoc -ww -z "$T/midback.1" 2>"$T/warn" &&
	    test ! -s "$T/warn"; }; }
'

t 'complete-7 an unknown --generate is refused' '
	run 2 "$MIDBACK" --generate ksh &&
	same "$ERR" "midback: nothing to generate called ${Q}ksh${Q}"
'

echo "1..$n"
