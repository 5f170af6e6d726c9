# t0020-commands-file.sh -- data/commands.yaml, the command line as data,
# and tools/gen-commands.c, which makes it into the command table at build
# time: the file in the tree makes the table that is built in, and a bad
# file fails the build with every problem as FILE:LINE: message.
. "$TOP/tests/cli/lib.sh"

Q="'"
GEN="$TOP/build/gen-commands"

# empty FILE: FILE holds nothing at all.
empty() {
	test ! -s "$1" || { echo "'$1' is not empty"; return 1; }
}

t 'commands-1 the table built in is the one data/commands.yaml makes' '
	test -x "$GEN" || { echo "no $GEN: build first"; exit 1; } &&
	run 0 "$GEN" "$TOP/data/commands.yaml" && empty "$ERR" &&
	sed 1d "$OUT" >"$T/made" &&
	sed 1d "$TOP/build/gen/commands.c" | diff -u - "$T/made" &&
	run 0 "$GEN" --header "$TOP/data/commands.yaml" &&
	sed 1d "$OUT" >"$T/made" &&
	sed 1d "$TOP/build/gen/commands.h" | diff -u - "$T/made"
'

t 'commands-2 each command of the file has its --help, as the file says' '
	for c in $(sed -n "s/^  - name: \([a-z0-9]*\)\$/\1/p" \
	    "$TOP/data/commands.yaml"); do
		run 0 "$MIDBACK" "$c" --help &&
		head -n 1 "$OUT" | grep -q "^usage: midback $c " || exit 1
		# The usage line is as long as it needs to be.
		if sed 1d "$OUT" | awk "length > 80" | grep -q .; then
			echo "$c --help: a line wider than 80"; exit 1
		fi
	done &&
	run 0 "$MIDBACK" checkin --help &&
	has "$OUT" "  --note TEXT        a few words to remember, such as what you did"
'

cat >"$T/bad.yaml" <<'YAML'
groups:
  plan:
    - name: minutes
      key: m
      arg: N
      help: time
  spare:
    - name: x
      key: x
      help: y
commands:
  - name: today
    usage: "[--minutes N] [--jsn]"
    summary: show
    colour: red
    needs: [catalog, store]
    args-max: many
    options:
      - group: plan
      - group: nope
      - name: json
        key: m
        help: print JSON
      - name: help
        key: h
        help: "trailing \nspace"
      - name: wide
        key: w
        help: this line is far too long for the option column of help xxxxx
  - name: today
    usage: a
    summary: b
  - name: Bad
    usage: a
    summary: b
YAML

t 'commands-3 a bad file: every problem, as FILE:LINE: message, exit 1' '
	run 1 "$GEN" "$T/bad.yaml" && empty "$OUT" &&
	has "$ERR" "bad.yaml:7: group ${Q}spare${Q} is used by no command" &&
	has "$ERR" "bad.yaml:13: usage of ${Q}today${Q} names --jsn, which is not one of its options" &&
	has "$ERR" "bad.yaml:15: unknown key ${Q}colour${Q}" &&
	has "$ERR" "bad.yaml:16: unknown need ${Q}store${Q} (expected catalog)" &&
	has "$ERR" "bad.yaml:17: ${Q}args-max${Q} must be a whole number from 0 to 99, or any, found ${Q}many${Q}" &&
	has "$ERR" "bad.yaml:20: no group ${Q}nope${Q}" &&
	has "$ERR" "bad.yaml:21: today: --json has the key ${Q}m${Q} of --minutes (line 3)" &&
	has "$ERR" "bad.yaml:24: option name ${Q}help${Q}" &&
	has "$ERR" "bad.yaml:25: key ${Q}h${Q}: expected one letter or digit, not h" &&
	has "$ERR" "bad.yaml:26: ${Q}help${Q} has a line that ends in a space" &&
	has "$ERR" "bad.yaml:29: ${Q}help${Q} has a line of 61 characters: --help wants at most 59" &&
	has "$ERR" "bad.yaml:30: a second command ${Q}today${Q} (line 12)" &&
	has "$ERR" "bad.yaml:33: command name ${Q}Bad${Q}" &&
	test "$(wc -l <"$ERR")" -eq 13
'

t 'commands-4 not YAML, and no file' '
	printf "commands: [\n" >"$T/open.yaml" &&
	run 1 "$GEN" "$T/open.yaml" && empty "$OUT" &&
	has "$ERR" "open.yaml:2: not valid YAML" &&
	run 1 "$GEN" "$T/none.yaml" && has "$ERR" "none.yaml" &&
	run 2 "$GEN"
'

echo "1..$n"
