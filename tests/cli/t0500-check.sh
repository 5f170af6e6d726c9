# t0500-check.sh -- midback check: a good catalog, every bad file in
# tests/data, several files at once, and the usage errors.
#
# Each tests/data/catalog-bad-NAME.yaml has a catalog-bad-NAME.expected that
# holds the exact stderr of `midback check` on it, with the file name
# written as FILE. t() runs each body where `set -e` is ignored, so every
# body chains its steps with `&&`.
. "$TOP/tests/cli/lib.sh"

Q="'"
DATA="$TOP/tests/data"

empty() {
	test ! -s "$1" || { echo "'$1' is not empty"; return 1; }
}

# expected NAME PATH: catalog-bad-NAME.expected with FILE turned to PATH,
# in $T/want.
expected() {
	esc=$(printf '%s\n' "$2" | sed 's/[&|\\]/\\&/g')
	sed "s|^FILE:|$esc:|" "$DATA/catalog-bad-$1.expected" >"$T/want"
}

t 'check-1.1 the built-in catalog is ok, 41 exercises' '
	run 0 "$MIDBACK" check "$TOP/data/exercises.yaml" &&
	same "$OUT" "$TOP/data/exercises.yaml: ok, 41 exercises" &&
	empty "$ERR"
'

t 'check-1.2 a good file of two entries is ok; regressions may be built in' '
	run 0 "$MIDBACK" check "$DATA/catalog-good.yaml" &&
	same "$OUT" "$DATA/catalog-good.yaml: ok, 2 exercises" &&
	empty "$ERR"
'

t 'check-1.3 one exercise is counted in the singular' '
	sed -n "/^  - id: wall-slide/,/^\$/p" "$DATA/catalog-good.yaml" >"$T/body" &&
	{ echo "exercises:"; cat "$T/body"; } >one.yaml &&
	run 0 "$MIDBACK" check one.yaml &&
	same "$OUT" "one.yaml: ok, 1 exercise"
'

t 'check-1.4 there are bad files to check' '
	ls "$DATA"/catalog-bad-*.yaml >"$T/bad" &&
	test "$(wc -l <"$T/bad")" -ge 18
'

# One test for each bad file: exit 1, nothing on stdout, and exactly the
# expected stderr.
for f in "$DATA"/catalog-bad-*.yaml; do
	name=${f##*/catalog-bad-}
	name=${name%.yaml}
	t "check-2.$name exactly the expected problems, exit 1" '
		test -f "$DATA/catalog-bad-'"$name"'.expected" &&
		run 1 "$MIDBACK" check "$DATA/catalog-bad-'"$name"'.yaml" &&
		empty "$OUT" &&
		expected "'"$name"'" "$DATA/catalog-bad-'"$name"'.yaml" &&
		diff -u "$T/want" "$ERR"
	'
done

t 'check-3.1 every problem of a file is reported, each on its own line' '
	run 1 "$MIDBACK" check "$DATA/catalog-bad-several.yaml" &&
	expected several "$DATA/catalog-bad-several.yaml" &&
	sort "$T/want" >"$T/want.sorted" &&
	sort "$ERR" >"$T/err.sorted" &&
	diff -u "$T/want.sorted" "$T/err.sorted" &&
	test "$(wc -l <"$ERR")" -eq 7
'

t 'check-3.2 a relative path is kept as given' '
	cp "$DATA/catalog-bad-enum-kind.yaml" kind.yaml &&
	run 1 "$MIDBACK" check kind.yaml &&
	expected enum-kind kind.yaml &&
	diff -u "$T/want" "$ERR"
'

t 'check-4.1 several files: all their problems are reported, exit 1' '
	run 1 "$MIDBACK" check "$DATA/catalog-bad-enum-kind.yaml" \
	    "$DATA/catalog-good.yaml" "$DATA/catalog-bad-range-min-above-max.yaml" &&
	same "$OUT" "$DATA/catalog-good.yaml: ok, 2 exercises" &&
	expected enum-kind "$DATA/catalog-bad-enum-kind.yaml" &&
	cp "$T/want" "$T/want1" &&
	expected range-min-above-max "$DATA/catalog-bad-range-min-above-max.yaml" &&
	cat "$T/want1" "$T/want" >"$T/want2" &&
	diff -u "$T/want2" "$ERR"
'

t 'check-4.2 several good files: each is ok, exit 0' '
	run 0 "$MIDBACK" check "$DATA/catalog-good.yaml" "$TOP/data/exercises.yaml" &&
	same "$OUT" "$DATA/catalog-good.yaml: ok, 2 exercises
$TOP/data/exercises.yaml: ok, 41 exercises" &&
	empty "$ERR"
'

t 'check-4.3 one bad file among good ones still exits 1' '
	run 1 "$MIDBACK" check "$DATA/catalog-good.yaml" \
	    "$DATA/catalog-bad-id.yaml" "$TOP/data/exercises.yaml" &&
	has "$OUT" "$DATA/catalog-good.yaml: ok, 2 exercises" &&
	has "$OUT" "$TOP/data/exercises.yaml: ok, 41 exercises" &&
	has "$ERR" "$DATA/catalog-bad-id.yaml:2: bad id ${Q}Open_Book${Q}"
'

t 'check-4.4 a file does not see the entries of another file in the same call' '
	sed -n "/^  - id: prone-y-raise/,\$p" "$DATA/catalog-good.yaml" >"$T/body" &&
	{ echo "exercises:"; cat "$T/body"; } >prone.yaml &&
	run 1 "$MIDBACK" check "$DATA/catalog-good.yaml" prone.yaml &&
	same "$ERR" "prone.yaml:18: exercise ${Q}prone-y-raise${Q}: unknown regression ${Q}wall-slide${Q}"
'

t 'check-5.1 a missing file: cannot open, exit 1' '
	run 1 "$MIDBACK" check nosuch.yaml &&
	same "$ERR" "nosuch.yaml: cannot open: No such file or directory" &&
	empty "$OUT"
'

t 'check-5.2 a missing file does not stop the others' '
	run 1 "$MIDBACK" check nosuch.yaml "$DATA/catalog-good.yaml" &&
	same "$OUT" "$DATA/catalog-good.yaml: ok, 2 exercises" &&
	same "$ERR" "nosuch.yaml: cannot open: No such file or directory"
'

t 'check-5.3 a folder: cannot read, exit 1' '
	mkdir folder.yaml &&
	run 1 "$MIDBACK" check folder.yaml &&
	same "$ERR" "folder.yaml: cannot read: Is a directory"
'

t 'check-6.1 no file: exit 2 with usage' '
	run 2 "$MIDBACK" check &&
	empty "$OUT" &&
	printf "%s\n" "midback: check: no file given" "usage: midback check FILE..." \
	    "Try ${Q}midback check --help${Q} for more." >"$T/want" &&
	diff -u "$T/want" "$ERR"
'

t 'check-6.2 an unknown option: exit 2 with usage' '
	run 2 "$MIDBACK" check --strict "$DATA/catalog-good.yaml" &&
	has "$ERR" "midback: check: unknown option ${Q}--strict${Q}" &&
	has "$ERR" "usage: midback check FILE..."
'

t 'check-6.3 --help exits 0 on stdout' '
	run 0 "$MIDBACK" check --help &&
	head -n 1 "$OUT" >"$T/first" &&
	same "$T/first" "usage: midback check FILE..." &&
	has "$OUT" "FILE:LINE: message" &&
	empty "$ERR"
'

t 'check-6.4 check ignores the person'"'"'s override files' '
	mkdir -p "$XDG_CONFIG_HOME/midback/exercises.d" &&
	cp "$DATA/catalog-bad-enum-kind.yaml" "$XDG_CONFIG_HOME/midback/exercises.d/bad.yaml" &&
	run 0 "$MIDBACK" check "$DATA/catalog-good.yaml" &&
	empty "$ERR"
'

t 'check-7.1 a routine without its name gets the routine'"'"'s one error' '
	rm -rf "$XDG_CONFIG_HOME/midback/exercises.d" &&
	printf "exercises:\n  - id: chest-opener\n    hold_s: 20\n" >"$T/noname.yaml" &&
	run 1 "$MIDBACK" check "$T/noname.yaml" &&
	same "$ERR" "$T/noname.yaml:1: routine: missing ${Q}name${Q}" &&
	empty "$OUT" &&
	printf "exercises:\n  - id: chest-opener\n" >"$T/bare.yaml" &&
	run 1 "$MIDBACK" check "$T/bare.yaml" &&
	has "$ERR" "$T/bare.yaml:1: routine: missing ${Q}name${Q}" &&
	test "$(wc -l <"$ERR")" -eq 2
'

# A routine, a catalog or settings nested deeper than 64 levels is
# refused where the level too deep opens, before the tree is built: a
# 100,000-deep list took over 20 s.
t 'check-9 nesting past 64 levels is refused at its line, at once; huge numbers are out of range' '
	{ printf "name: Deep\nexercises: "; head -c 100000 /dev/zero | tr "\0" "["; head -c 100000 /dev/zero | tr "\0" "]"; echo; } >"$T/deep.yaml" &&
	# "At once" is CPU time, not wall time: a loaded machine must not fail
	# it. A parser that ran on through the 100,000 levels would be killed
	# by SIGXCPU and fail the exit status check.
	(ulimit -t 2; run 1 "$MIDBACK" check "$T/deep.yaml") &&
	same "$ERR" "$T/deep.yaml:2: nested deeper than 64 levels" &&
	{ printf "exercises:\n  - id: x\n    name: "; head -c 70 /dev/zero | tr "\0" "["; head -c 70 /dev/zero | tr "\0" "]"; echo; } >"$T/deepcat.yaml" &&
	run 1 "$MIDBACK" check "$T/deepcat.yaml" &&
	same "$ERR" "$T/deepcat.yaml:3: nested deeper than 64 levels" &&
	printf "name: Huge\nexercises:\n  - id: chest-opener\n    hold_s: 4294967297\n" >"$T/huge.yaml" &&
	run 1 "$MIDBACK" check "$T/huge.yaml" &&
	same "$ERR" "$T/huge.yaml:4: ${Q}hold_s${Q} must be from 1 to 600, found 4294967297"
'

echo "1..$n"
