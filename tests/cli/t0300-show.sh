# t0300-show.sh -- midback show: the text and JSON views of one exercise,
# the suggestions for a mistyped id, and the usage errors.
#
# t() runs each body where `set -e` is ignored, so every body chains its
# steps with `&&`.
. "$TOP/tests/cli/lib.sh"

Q="'"
USAGE='usage: midback show [--json | --svg [--pose N] [--output FILE]] ID'

ALL='diaphragmatic-breathing posture-reset chair-extension cat-cow-flow
cat-cow-child wall-angel-seated wall-angel-standing chest-opener
doorway-stretch cross-arm-stretch cows-head-stretch band-pull-apart
side-bend-reach seated-twist thread-the-needle open-book quadruped-rotation
dumbbell-twist side-plank-knees arms-crossed-turn chair-back-reach
standing-rotation-reach seated-cat-cow w-squeeze'

empty() {
	test ! -s "$1" || { echo "'$1' is not empty"; return 1; }
}

# py CODE: run python CODE with the JSON in $OUT loaded as x.
py() {
	python3 -c "import json, sys
x = json.load(sys.stdin)
$1" <"$OUT"
}

# show open-book, run once for the show-1.x tests, which check $T/ob.
"$MIDBACK" show open-book >"$T/ob" 2>"$T/ob.err" </dev/null
echo $? >"$T/ob.status"

t 'show-1.1 the text starts with the name, id and why' '
	same "$T/ob.status" 0 &&
	empty "$T/ob.err" &&
	cp "$T/ob" "$OUT" &&
	head -n 2 "$OUT" >"$T/head" &&
	same "$T/head" "Open book (open-book)
Turns the mid-back while the bent knees keep the lower back out of it."
'

t 'show-1.2 the text gives the dose in words' '
	same "$T/ob.status" 0 &&
	cp "$T/ob" "$OUT" &&
	has "$OUT" "Dose:      hold 20-30 s, 5-10 reps each side"
'

t 'show-1.3 the text numbers the steps in order' '
	same "$T/ob.status" 0 &&
	cp "$T/ob" "$OUT" &&
	grep "^  [0-9]*\. " "$OUT" | cut -c1-5 >"$T/nums" &&
	same "$T/nums" "  1. 
  2. 
  3. 
  4. 
  5. " &&
	has "$OUT" "  1. Lie on your side, knees and hips bent, both arms straight out in front." &&
	has "$OUT" "  5. Bring the arm back, repeat 5 to 10 times, then roll over to the other side."
'

t 'show-1.4 the text lists the cues and cautions' '
	same "$T/ob.status" 0 &&
	cp "$T/ob" "$OUT" &&
	has "$OUT" "Cues" &&
	has "$OUT" "  - Keep your knees together so the low back stays quiet." &&
	has "$OUT" "  - Draw your knees higher to move the stretch further up your back." &&
	has "$OUT" "  - Ease back if the shoulder pinches or the arm tingles."
'

t 'show-1.5 the text offers the easier option by name and id' '
	same "$T/ob.status" 0 &&
	cp "$T/ob" "$OUT" &&
	has "$OUT" "Easier option: Seated twist (seated-twist)"
'

t 'show-1.6 the text names the sources' '
	same "$T/ob.status" 0 &&
	cp "$T/ob" "$OUT" &&
	has "$OUT" "Source:    an article of stretches from a physiotherapist and chiropractors" &&
	has "$OUT" "           an article on easing mid-back tension from desk work" &&
	lacks "$OUT" ".txt" &&
	run 0 "$MIDBACK" show diaphragmatic-breathing &&
	has "$OUT" "Source:    general practice"
'

t 'show-1.7 the text gives where, what it needs and the motions' '
	same "$T/ob.status" 0 &&
	cp "$T/ob" "$OUT" &&
	has "$OUT" "Where:     floor" &&
	has "$OUT" "Needs:     nothing" &&
	has "$OUT" "Motions:   rotation" &&
	has "$OUT" "Kind:      mobility, stage 3"
'

t 'show-1.8 breathing shows breaths and no motion' '
	run 0 "$MIDBACK" show diaphragmatic-breathing &&
	has "$OUT" "Dose:      6-10 breaths" &&
	has "$OUT" "Motions:   breathing only" &&
	has "$OUT" "This is the easiest of its kind: make it smaller, or rest."
'

t 'show-1.9 a dose through the day says how often' '
	run 0 "$MIDBACK" show wall-angel-seated &&
	has "$OUT" "Dose:      hold 60 s; every 2 hours through the day"
'

t 'show-1.10 the equipment an exercise needs is named' '
	run 0 "$MIDBACK" show band-pull-apart &&
	has "$OUT" "Needs:     band" &&
	has "$OUT" "Where:     desk"
'

t 'show-2.1 --json dose of quadruped-rotation is exact, with no breaths' '
	run 0 "$MIDBACK" show --json quadruped-rotation &&
	py "
assert x[\"id\"] == \"quadruped-rotation\", x[\"id\"]
want = json.loads(\"{\\\"sets\\\":{\\\"min\\\":2,\\\"max\\\":3},\\\"reps\\\":{\\\"min\\\":10,\\\"max\\\":15},\\\"hold_s\\\":{\\\"min\\\":3,\\\"max\\\":5},\\\"per_side\\\":true}\")
assert x[\"dose\"] == want, x[\"dose\"]
assert \"breaths\" not in x[\"dose\"]
"
'

t 'show-2.2 --json seated-twist has breaths 5-5 and no reps' '
	run 0 "$MIDBACK" show --json seated-twist &&
	py "
d = x[\"dose\"]
assert d[\"breaths\"] == {\"min\": 5, \"max\": 5}, d
assert \"reps\" not in d and \"hold_s\" not in d and \"sets\" not in d, d
assert d[\"per_side\"] is True and \"frequency_min\" not in d, d
"
'

t 'show-2.3 --json holds every catalog field' '
	run 0 "$MIDBACK" show --json open-book &&
	py "
for k in (\"id\", \"name\", \"kind\", \"stage\", \"motions\", \"targets\",
    \"position\", \"places\", \"equipment\", \"dose\", \"steps\", \"cues\",
    \"cautions\", \"regression\", \"suits\", \"why\", \"source\"):
    assert k in x, k
assert x[\"name\"] == \"Open book\"
assert x[\"regression\"] == \"seated-twist\"
assert x[\"places\"] == [\"floor\"] and x[\"equipment\"] == [\"none\"]
assert len(x[\"steps\"]) == 5 and len(x[\"cues\"]) == 2
assert x[\"source\"] == [\"001_0efe8dbd1584015e.txt\", \"002_4fc982b00a558878.txt\"]
"
'

t 'show-2.4 --json after the id works too' '
	run 0 "$MIDBACK" show seated-twist --json &&
	grep -qx "  \"id\": \"seated-twist\"," "$OUT"
'

t 'show-2.5 show --json matches the entry of list --json' '
	run 0 "$MIDBACK" list --json && cp "$OUT" "$T/list.json" &&
	run 0 "$MIDBACK" show --json cows-head-stretch &&
	python3 -c "
import json
a = [e for e in json.load(open(\"$T/list.json\")) if e[\"id\"] == \"cows-head-stretch\"]
assert a == [json.load(open(\"$OUT\"))]
"
'

t 'show-3.1 an unknown id exits 1 and suggests the near one' '
	run 1 "$MIDBACK" show open-bok &&
	same "$ERR" "midback: show: unknown exercise ${Q}open-bok${Q} (did you mean ${Q}open-book${Q}?)" &&
	empty "$OUT"
'

t 'show-3.2 the start of an id suggests it' '
	run 1 "$MIDBACK" show open &&
	same "$ERR" "midback: show: unknown exercise ${Q}open${Q} (did you mean ${Q}open-book${Q}?)"
'

t 'show-3.3 a far-off id gets no suggestion' '
	run 1 "$MIDBACK" show pilates-hundred &&
	same "$ERR" "midback: show: unknown exercise ${Q}pilates-hundred${Q} (see ${Q}midback list${Q})" &&
	empty "$OUT"
'

t 'show-3.4 ids are case-sensitive' '
	run 1 "$MIDBACK" show Open-Book &&
	has "$ERR" "midback: show: unknown exercise ${Q}Open-Book${Q}"
'

t 'show-4.1 no id: exit 2 with usage' '
	run 2 "$MIDBACK" show &&
	empty "$OUT" &&
	printf "%s\n" "midback: show: which exercise? (see ${Q}midback list${Q})" \
	    "$USAGE" "Try ${Q}midback show --help${Q} for more." >"$T/want" &&
	diff -u "$T/want" "$ERR"
'

t 'show-4.2 two ids: exit 2 with usage' '
	run 2 "$MIDBACK" show open-book seated-twist &&
	empty "$OUT" &&
	printf "%s\n" "midback: show: one exercise at a time" \
	    "$USAGE" "Try ${Q}midback show --help${Q} for more." >"$T/want" &&
	diff -u "$T/want" "$ERR"
'

t 'show-4.3 an unknown option: exit 2 with usage' '
	run 2 "$MIDBACK" show --nope open-book &&
	has "$ERR" "midback: show: unknown option ${Q}--nope${Q}" &&
	has "$ERR" "$USAGE" &&
	empty "$OUT"
'

t 'show-4.4 --help exits 0 on stdout' '
	run 0 "$MIDBACK" show --help &&
	head -n 1 "$OUT" >"$T/first" &&
	same "$T/first" "$USAGE" &&
	has "$OUT" "  --json " &&
	empty "$ERR"
'

t 'show-5.1 every one of the 24 ids shows with exit 0, easier option named or none' '
	for id in $ALL; do
		run 0 "$MIDBACK" show "$id" || exit 1
		grep -q "^.* ($id)\$" "$OUT" || { echo "no title: $id"; exit 1; }
		has "$OUT" "Dose:      " || exit 1
		has "$OUT" "  1. " || exit 1
		has "$OUT" "Source:    " || exit 1
		grep -q "^Easier option: [^?].* ([a-z0-9-]*)\$" "$OUT" ||
		    has "$OUT" "This is the easiest of its kind" ||
			{ echo "no easier option: $id"; exit 1; }
		has "$OUT" "Feel it:   " || exit 1
		empty "$ERR" || exit 1
	done
'

echo "1..$n"
