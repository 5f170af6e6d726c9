# t0600-overrides.sh -- the person's files in
# $XDG_CONFIG_HOME/midback/exercises.d/*.yaml: new exercises, replaced
# ones, and bad files that are ignored whole.
#
# t() runs each body where `set -e` is ignored, so every body chains its
# steps with `&&`.
. "$TOP/tests/cli/lib.sh"

Q="'"
DATA="$TOP/tests/data"
D="$XDG_CONFIG_HOME/midback/exercises.d"

empty() {
	test ! -s "$1" || { echo "'$1' is not empty"; return 1; }
}

# fresh: an empty exercises.d.
fresh() {
	rm -rf "$D" && mkdir -p "$D"
}

# A copy of open-book with a new name and one step.
rename_open_book() {
	cat >"$1" <<'EOF'
exercises:
  - id: open-book
    name: Open book, knees stacked
    kind: mobility
    stage: 3
    motions: [rotation]
    targets: [thoracic spine, chest]
    position: lying on one side, knees and hips bent
    places: [floor]
    equipment: [none]
    dose:
      hold_s: {min: 20, max: 30}
      reps: {min: 5, max: 10}
      per_side: true
    steps:
      - Lie on your side with your knees drawn up and open the top arm.
    cues:
      - Keep the knees together.
    regression: seated-twist
    suits: [desk workers]
    why: The person's own version of the open book.
    source: [general practice]
EOF
}

# A file with one sound entry (wall-slide), one that replaces open-book,
# and one that needs unknown equipment (prone-y-raise, line 31).
half_bad() {
	{
		sed -n "/^exercises:/,\$p" "$DATA/catalog-good.yaml" |
		    sed "/id: prone-y-raise/,\$s/^    equipment: \[none\]/    equipment: [rope]/"
		echo
		sed -n "/^  - id: open-book/,\$p" "$T/rename.yaml"
	} >"$1"
}

rename_open_book "$T/rename.yaml"
# How many built-in exercises, and where open-book stands among them.
NALL=$(cat_ids | wc -l)
OB=$(cat_ids | grep -n "^open-book$" | cut -d: -f1)

t 'over-1.1 a new exercise from extra.yaml appears in list' '
	fresh && cp "$DATA/catalog-good.yaml" "$D/extra.yaml" &&
	run 0 "$MIDBACK" list &&
	grep -q "^wall-slide  *strength  *2 .* Wall slide$" "$OUT" &&
	grep -q "^prone-y-raise  *strength  *2 .* Prone Y raise$" "$OUT" &&
	test "$(wc -l <"$OUT")" -eq $((NALL + 3)) &&
	empty "$ERR"
'

t 'over-1.2 the new exercise follows the list filters' '
	fresh && cp "$DATA/catalog-good.yaml" "$D/extra.yaml" &&
	run 0 "$MIDBACK" list --kind strength --place floor &&
	awk "NR > 1 { print \$1 }" "$OUT" | sort >"$T/ids" &&
	{ cat_ids kind=strength place=floor; echo prone-y-raise;
	    echo wall-slide; } | sort >"$T/want" &&
	same "$T/ids" "$(cat "$T/want")"
'

t 'over-1.3 show works for the new exercise' '
	fresh && cp "$DATA/catalog-good.yaml" "$D/extra.yaml" &&
	run 0 "$MIDBACK" show wall-slide &&
	head -n 1 "$OUT" >"$T/first" &&
	same "$T/first" "Wall slide (wall-slide)" &&
	has "$OUT" "  1. Stand with your back and head on a wall." &&
	has "$OUT" "Easier option: Shoulder-blade squeeze in a W (w-squeeze)" &&
	empty "$ERR"
'

t 'over-1.4 a regression to another new exercise shows its name' '
	fresh && cp "$DATA/catalog-good.yaml" "$D/extra.yaml" &&
	run 0 "$MIDBACK" show prone-y-raise &&
	has "$OUT" "Easier option: Wall slide (wall-slide)"
'

t 'over-1.5 show --json of the new exercise gives its fields' '
	fresh && cp "$DATA/catalog-good.yaml" "$D/extra.yaml" &&
	run 0 "$MIDBACK" show --json prone-y-raise &&
	python3 -c "
import json, sys
x = json.load(sys.stdin)
assert x[\"id\"] == \"prone-y-raise\" and x[\"kind\"] == \"strength\"
assert x[\"dose\"] == {\"reps\": {\"min\": 10, \"max\": 10},
    \"hold_s\": {\"min\": 2, \"max\": 2}, \"per_side\": False}, x[\"dose\"]
assert x[\"regression\"] == \"wall-slide\"
" <"$OUT"
'

t 'over-2.1 a file can replace open-book: show gives the new name' '
	fresh && cp "$T/rename.yaml" "$D/mine.yaml" &&
	run 0 "$MIDBACK" show open-book &&
	head -n 2 "$OUT" >"$T/head" &&
	same "$T/head" "Open book, knees stacked (open-book)
The person${Q}s own version of the open book." &&
	has "$OUT" "  1. Lie on your side with your knees drawn up and open the top arm." &&
	lacks "$OUT" "  2. " &&
	empty "$ERR"
'

t 'over-2.2 the replaced open-book keeps its place in list, once' '
	fresh && cp "$T/rename.yaml" "$D/mine.yaml" &&
	run 0 "$MIDBACK" list &&
	test "$(wc -l <"$OUT")" -eq $((NALL + 1)) &&
	test "$(grep -c "^open-book " "$OUT")" -eq 1 &&
	grep -q "^open-book .* Open book, knees stacked$" "$OUT" &&
	awk "NR > 1 { print \$1 }" "$OUT" | sed -n ${OB}p >"$T/16" &&
	same "$T/16" "open-book"
'

t 'over-2.3 a replaced exercise is shown by name as an easier option' '
	fresh &&
	sed -e "s/^  - id: open-book/  - id: seated-twist/" \
	    -e "s/^    name: .*/    name: Chair twist/" \
	    -e "/^    regression: seated-twist/d" \
	    "$T/rename.yaml" >"$D/twist.yaml" &&
	run 0 "$MIDBACK" show thread-the-needle &&
	has "$OUT" "Easier option: Chair twist (seated-twist)"
'

t 'over-2.4 both files apply: one adds, one replaces' '
	fresh && cp "$DATA/catalog-good.yaml" "$D/extra.yaml" &&
	cp "$T/rename.yaml" "$D/mine.yaml" &&
	run 0 "$MIDBACK" list &&
	test "$(wc -l <"$OUT")" -eq $((NALL + 3)) &&
	has "$OUT" "Open book, knees stacked" &&
	has "$OUT" "Wall slide" &&
	empty "$ERR"
'

t 'over-2.5 files that are not *.yaml are not read' '
	fresh && cp "$DATA/catalog-good.yaml" "$D/extra.yml" &&
	cp "$DATA/catalog-bad-enum-kind.yaml" "$D/notes.txt" &&
	run 0 "$MIDBACK" list &&
	lacks "$OUT" "wall-slide" &&
	empty "$ERR"
'

t 'over-3.1 a bad file: its problems and an ignoring line on stderr, exit 0' '
	fresh && half_bad "$D/half.yaml" &&
	run 0 "$MIDBACK" list &&
	printf "%s\n" \
	    "$D/half.yaml:32: bad equipment ${Q}rope${Q} (expected chair, wall, doorway, band, dumbbell or none)" \
	    "midback: ignoring ${Q}$D/half.yaml${Q}; its exercises are not loaded" \
	    >"$T/want" &&
	diff -u "$T/want" "$ERR"
'

t 'over-3.2 nothing of a bad file is loaded, not even its sound entries' '
	fresh && half_bad "$D/half.yaml" &&
	run 0 "$MIDBACK" list &&
	lacks "$OUT" "wall-slide" &&
	lacks "$OUT" "prone-y-raise" &&
	lacks "$OUT" "knees stacked" &&
	grep -q "^open-book .* Open book$" "$OUT" &&
	test "$(wc -l <"$OUT")" -eq $((NALL + 1))
'

t 'over-3.3 with a bad file, show of a built-in still works, exit 0' '
	fresh && half_bad "$D/half.yaml" &&
	run 0 "$MIDBACK" show open-book &&
	head -n 1 "$OUT" >"$T/first" &&
	same "$T/first" "Open book (open-book)" &&
	has "$ERR" "midback: ignoring ${Q}$D/half.yaml${Q}"
'

t 'over-3.4 with a bad file, its sound entry is unknown to show' '
	fresh && half_bad "$D/half.yaml" &&
	run 1 "$MIDBACK" show wall-slide &&
	has "$ERR" "midback: ignoring ${Q}$D/half.yaml${Q}" &&
	has "$ERR" "midback: show: unknown exercise ${Q}wall-slide${Q}"
'

t 'over-3.5 with a bad file, today still plans, exit 0' '
	fresh && half_bad "$D/half.yaml" &&
	run 0 "$MIDBACK" today --date 2026-03-01 &&
	has "$OUT" "Your routine for Sunday 1 March 2026" &&
	has "$ERR" "midback: ignoring ${Q}$D/half.yaml${Q}"
'

t 'over-3.6 a bad file does not stop a good one' '
	fresh && half_bad "$D/a-half.yaml" &&
	cp "$T/rename.yaml" "$D/b-mine.yaml" &&
	run 0 "$MIDBACK" show open-book &&
	head -n 1 "$OUT" >"$T/first" &&
	same "$T/first" "Open book, knees stacked (open-book)" &&
	has "$ERR" "midback: ignoring ${Q}$D/a-half.yaml${Q}" &&
	lacks "$ERR" "b-mine.yaml"
'

t 'over-3.7 a file that is not YAML is ignored with its message' '
	fresh && cp "$DATA/catalog-bad-not-yaml.yaml" "$D/broken.yaml" &&
	run 0 "$MIDBACK" list &&
	grep -q "^$D/broken.yaml:[0-9]*: not valid YAML: " "$ERR" &&
	has "$ERR" "midback: ignoring ${Q}$D/broken.yaml${Q}; its exercises are not loaded" &&
	test "$(wc -l <"$OUT")" -eq $((NALL + 1))
'

t 'over-3.8 an empty file is ignored with its message' '
	fresh && : >"$D/empty.yaml" &&
	run 0 "$MIDBACK" list &&
	has "$ERR" "$D/empty.yaml:1: empty file" &&
	has "$ERR" "midback: ignoring ${Q}$D/empty.yaml${Q}" &&
	test "$(wc -l <"$OUT")" -eq $((NALL + 1))
'

t 'over-4.1 with no XDG_CONFIG_HOME, ~/.config/midback is read' '
	mkdir -p "$HOME/.config/midback/exercises.d" &&
	cp "$DATA/catalog-good.yaml" "$HOME/.config/midback/exercises.d/extra.yaml" &&
	run 0 env -u XDG_CONFIG_HOME "$MIDBACK" show wall-slide &&
	head -n 1 "$OUT" >"$T/first" &&
	same "$T/first" "Wall slide (wall-slide)"
'

echo "1..$n"
