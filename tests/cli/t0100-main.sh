# t0100-main.sh -- the global options, the command lookup and the default
# command.
#
# Note: t() runs each body in a subshell that is an `if` condition, where
# the shell ignores `set -e`; so every body chains its steps with `&&`.
. "$TOP/tests/cli/lib.sh"

Q="'"

# empty FILE: FILE holds nothing at all.
empty() {
	test ! -s "$1" || { echo "'$1' is not empty"; return 1; }
}
USAGE1='usage: midback [--help | --version] [COMMAND [ARGS]]'

t 'main-1.1 --help exits 0 and prints the usage on stdout' '
	run 0 "$MIDBACK" --help &&
	has "$OUT" "$USAGE1" &&
	has "$OUT" "With no command, shows today${Q}s routine." &&
	has "$OUT" "Run ${Q}midback COMMAND --help${Q} for a command${Q}s options." &&
	empty "$ERR"
'

t 'main-1.2 --help lists every command with its summary' '
	run 0 "$MIDBACK" --help &&
	sed -n "s/^  - name: \([a-z]*\)\$/\1/p" "$TOP/data/commands.yaml" \
	    >"$T/table" &&
	for c in today list show check; do
		grep -qx "$c" "$T/table" || { echo "$c is not in data/commands.yaml"; exit 1; }
	done &&
	for c in $(cat "$T/table"); do
		grep -q "^  $c  *[a-z][a-z]* [a-z]" "$OUT" || { echo "$c is not listed"; exit 1; }
	done &&
	sed -n "/^Commands:\$/,/^\$/p" "$OUT" | grep -c "^  [a-z]" >"$T/count" &&
	same "$T/count" "$(wc -l <"$T/table")" &&
	has "$OUT" "  today    show today${Q}s routine (the default command)"
'

t 'main-1.3 -h is --help' '
	run 0 "$MIDBACK" --help && cp "$OUT" "$T/long" &&
	run 0 "$MIDBACK" -h && cmp "$T/long" "$OUT"
'

t 'main-1.4 --help carries the medical caution' '
	run 0 "$MIDBACK" --help &&
	has "$OUT" "This is not medical advice"
'

t 'main-2.1 --version prints "midback VERSION (commit C)" and exits 0' '
	run 0 "$MIDBACK" --version &&
	grep -qx "midback [0-9][0-9.]* (commit [0-9a-f]\{12\}\(-dirty\)\{0,1\})" "$OUT" &&
	test "$(wc -l <"$OUT")" -eq 1 &&
	empty "$ERR"
'

t 'main-2.2 -V is --version' '
	run 0 "$MIDBACK" --version && cp "$OUT" "$T/long" &&
	run 0 "$MIDBACK" -V && cmp "$T/long" "$OUT"
'

t 'main-3.1 an unknown command exits 2 and names it' '
	run 2 "$MIDBACK" x &&
	head -n 1 "$ERR" >"$T/first" &&
	same "$T/first" "midback: unknown command ${Q}x${Q}" &&
	empty "$OUT"
'

t 'main-3.2 an unknown command is followed by the usage on stderr' '
	run 2 "$MIDBACK" x &&
	has "$ERR" "$USAGE1" &&
	has "$ERR" "  show     explain one exercise"
'

t 'main-3.3 a near miss suggests the command meant' '
	run 2 "$MIDBACK" shwo &&
	head -n 1 "$ERR" >"$T/first" &&
	same "$T/first" "midback: unknown command ${Q}shwo${Q} (did you mean ${Q}show${Q}?)"
'

t 'main-3.4 other near misses: tody, lsit, chek' '
	run 2 "$MIDBACK" tody &&
	has "$ERR" "(did you mean ${Q}today${Q}?)" &&
	run 2 "$MIDBACK" lsit &&
	has "$ERR" "(did you mean ${Q}list${Q}?)" &&
	run 2 "$MIDBACK" chek &&
	has "$ERR" "(did you mean ${Q}check${Q}?)"
'

t 'main-3.5 a far-off command gets no suggestion' '
	run 2 "$MIDBACK" exercise &&
	lacks "$ERR" "did you mean"
'

t 'main-3.6 a command name is case-sensitive' '
	run 2 "$MIDBACK" LIST &&
	has "$ERR" "midback: unknown command ${Q}LIST${Q}"
'

t 'main-4.1 a bare midback shows a routine' '
	run 0 "$MIDBACK" &&
	has "$OUT" "Your routine for " &&
	has "$OUT" "Total" &&
	empty "$ERR"
'

t 'main-4.2 a bare midback prints the same as midback today' '
	run 0 "$MIDBACK" today && cp "$OUT" "$T/today" &&
	run 0 "$MIDBACK" && cmp "$T/today" "$OUT"
'

t 'main-4.3 midback --minutes 5 is today with options' '
	run 0 "$MIDBACK" --minutes 5 &&
	has "$OUT" ": 5 minutes" &&
	cp "$OUT" "$T/bare" &&
	run 0 "$MIDBACK" today --minutes 5 &&
	cmp "$T/bare" "$OUT"
'

t 'main-4.4 midback --json --date D is today --json --date D' '
	run 0 "$MIDBACK" --json --date 2026-03-01 && cp "$OUT" "$T/bare" &&
	run 0 "$MIDBACK" today --json --date 2026-03-01 &&
	cmp "$T/bare" "$OUT" &&
	has "$OUT" "\"date\": \"2026-03-01\""
'

t 'main-4.5 a bad option with no command is reported by today' '
	run 2 "$MIDBACK" --nope &&
	has "$ERR" "midback: today: unknown option ${Q}--nope${Q}" &&
	has "$ERR" "usage: midback today "
'

t 'main-5.1 every command has --help on stdout, exit 0' '
	for c in today list show check; do
		run 0 "$MIDBACK" "$c" --help || exit 1
		has "$OUT" "usage: midback $c" || exit 1
		empty "$ERR" || exit 1
	done
'

if [ -w /dev/full ]; then
t 'main-6.1 a write error on stdout fails with a message' '
	run 1 sh -c "exec \"\$0\" list >/dev/full" "$MIDBACK" &&
	same "$ERR" "midback: cannot write the output"
'
fi

echo "1..$n"
