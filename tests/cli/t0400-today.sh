# t0400-today.sh -- midback today: the routine in text and JSON, its
# budget, order, place and equipment rules, its stability from one run to
# the next and its change from one day to the next, and the errors.
#
# python3 starts slowly, so the JSON plans the today-2.x tests check are
# made and read once, below. t() runs each body where `set -e` is ignored,
# so every body chains its steps with `&&`.
. "$TOP/tests/cli/lib.sh"

Q="'"
USAGE='usage: midback today [--minutes N | --one] [--place desk|floor|any] [--equipment LIST] [--date YYYY-MM-DD] [--json]'

# From data/exercises.yaml: the exercises with desk in places, and those
# whose equipment is [none].
DESK='diaphragmatic-breathing posture-reset chair-extension wall-angel-standing
chest-opener doorway-stretch cross-arm-stretch cows-head-stretch
band-pull-apart side-bend-reach seated-twist dumbbell-twist arms-crossed-turn
chair-back-reach standing-rotation-reach seated-cat-cow w-squeeze
seated-rib-expansion back-breathing breastbone-lift shoulder-rolls
seated-side-bend seated-pelvic-rock seated-rotation-press side-bend-hold
band-row band-rotation overhead-reach'
FLOOR='diaphragmatic-breathing cat-cow-flow cat-cow-child wall-angel-seated
chest-opener cross-arm-stretch cows-head-stretch side-bend-reach seated-twist
thread-the-needle open-book quadruped-rotation dumbbell-twist side-plank-knees
arms-crossed-turn standing-rotation-reach seated-cat-cow w-squeeze
seated-rib-expansion back-breathing breathing-90-90 side-lying-rib-breathing
crocodile-breathing breastbone-lift shoulder-rolls seated-side-bend
seated-pelvic-rock seated-rotation-press side-bend-hold side-plank prone-ytw
overhead-reach sphinx'
NOTHING='diaphragmatic-breathing cat-cow-flow cat-cow-child chest-opener
cross-arm-stretch cows-head-stretch side-bend-reach seated-twist
thread-the-needle open-book quadruped-rotation side-plank-knees
arms-crossed-turn standing-rotation-reach seated-cat-cow w-squeeze
seated-rib-expansion back-breathing side-lying-rib-breathing
crocodile-breathing breastbone-lift shoulder-rolls seated-side-bend
seated-pelvic-rock seated-rotation-press side-bend-hold side-plank prone-ytw
overhead-reach sphinx'

empty() {
	test ! -s "$1" || { echo "'$1' is not empty"; return 1; }
}

# plan NAME DATE ARGS...: save `today --json --date DATE ARGS` as
# $T/plans/NAME@DATE, or note its failure in $T/plans/failed.
plan() {
	pn=$1 pd=$2
	shift 2
	"$MIDBACK" today --json --date "$pd" "$@" >"$T/plans/$pn@$pd" \
	    2>"$T/plans/err" </dev/null ||
		echo "$pn@$pd: exit $?: $(head -n 1 "$T/plans/err")" \
		    >>"$T/plans/failed"
}

# plans NAME DATES ARGS...: plan NAME for each of the DATES.
plans() {
	psn=$1 psds=$2
	shift 2
	for psd in $psds; do
		plan "$psn" "$psd" "$@"
	done
}

# The plans the tests check, made once: python3 starts slowly, so a single
# run of it turns them all into $T/plans.txt, one line a plan:
#   NAME DATE MINUTES TOTAL_S SUM_OF_DURATIONS ITEM...
# where ITEM is id:stage:sets:reps:hold_s:breaths:per_side:duration_s.
mkdir -p "$T/plans"
: >"$T/plans/failed"
TWO='2026-01-09 2026-06-15'
ONE=2026-03-01
plans m10 "$TWO" --minutes 10
plans m12 "$TWO" --minutes 12
plans m15 "$TWO" --minutes 15
plans m30 "$TWO" --minutes 30
plans m3 "$ONE" --minutes 3
plans m60 "$ONE" --minutes 60
plans m5 "$ONE" --minutes 5
plans desk12 "$ONE" --place desk
plans desk30 "$ONE" --place desk --minutes 30
plans desk5 "$ONE" --place desk --minutes 5 --equipment band,dumbbell,chair
plans floor12 "$ONE" --place floor
plans floor30 "$ONE" --place floor --minutes 30
plans none12 "$ONE" --equipment none
plans none30 "$ONE" --equipment none --minutes 30
plans none3 "$ONE" --equipment none --minutes 3 --place desk
for d in 01 02 03 04 05; do
	plan week 2026-03-$d
done
plan week 2026-12-31
plan week 2027-01-01
plan swap5 2026-01-11 --minutes 5
plan swap5 2026-01-12 --minutes 5
plan swap60 2026-01-01 --minutes 60
plan swap60 2026-01-02 --minutes 60
rm -f "$T/plans/err"
python3 -c '
import json, os, sys
d = sys.argv[1]
out = open(sys.argv[2], "w")
for f in sorted(os.listdir(d)):
    if "@" not in f:
        continue
    name, date = f.split("@")
    try:
        p = json.load(open(os.path.join(d, f)))
        items = " ".join("%s:%d:%d:%d:%d:%d:%d:%d" % (i["id"], i["stage"],
            i["sets"], i["reps"], i["hold_s"], i["breaths"], i["per_side"],
            i["duration_s"]) for i in p["items"])
        out.write("%s %s %d %d %d %s\n" % (name, p["date"], p["minutes"],
            p["total_s"], sum(i["duration_s"] for i in p["items"]), items))
    except Exception as e:
        out.write("%s %s BAD %r\n" % (name, date, e))
' "$T/plans" "$T/plans.txt"

# planned NAME...: the lines of $T/plans.txt for these names, in $T/sel;
# fails if any of their plans failed or did not parse, or none is there.
planned() {
	: >"$T/sel"
	for name in "$@"; do
		! grep "^$name@" "$T/plans/failed" || return 1
		grep "^$name " "$T/plans.txt" >>"$T/sel" || {
			echo "no plan $name"
			return 1
		}
	done
	! grep " BAD " "$T/sel" || return 1
}

# all_in LIST: every item in $T/sel is one of the ids in LIST.
all_in() {
	awk -v ok="$1" '
		BEGIN { n = split(ok, a); for (i = 1; i <= n; i++) want[a[i]] = 1 }
		NF < 6 { print "no items: " $1 " " $2; bad = 1 }
		{
			for (i = 6; i <= NF; i++) {
				split($i, f, ":")
				if (!(f[1] in want)) {
					print $1 " " $2 ": " f[1]
					bad = 1
				}
			}
		}
		END { exit bad }' "$T/sel"
}

# usage_error MESSAGE: stdout is empty, stderr is MESSAGE then the usage.
usage_error() {
	empty "$OUT" &&
	printf '%s\n%s\n%s\n' "$1" "$USAGE" \
	    "Try 'midback today --help' for more." >"$T/want" &&
	diff -u "$T/want" "$ERR"
}

t 'today-1.1 the default shows a routine' '
	run 0 "$MIDBACK" today &&
	grep -q "^Your routine for [A-Z][a-z]*day [0-9]* [A-Z][a-z]* 20[0-9][0-9]: 12 minutes$" "$OUT" &&
	grep -q "^   1\. " "$OUT" &&
	grep -q "^      .*  \[[a-z0-9-]*\]$" "$OUT" &&
	grep -q "^  Total  *[0-9]*:[0-9][0-9]$" "$OUT" &&
	has "$OUT" "How to do one: midback show ID." &&
	empty "$ERR"
'

t 'today-1.2 --date names the day in the heading' '
	run 0 "$MIDBACK" today --date 2026-03-01 &&
	head -n 1 "$OUT" >"$T/first" &&
	same "$T/first" "Your routine for Sunday 1 March 2026: 12 minutes" &&
	run 0 "$MIDBACK" today --date 2024-02-29 --minutes 20 &&
	head -n 1 "$OUT" >"$T/first" &&
	same "$T/first" "Your routine for Thursday 29 February 2024: 20 minutes"
'

t 'today-1.3 the text groups the items under the stage headings, in order' '
	run 0 "$MIDBACK" today --date 2026-03-01 --minutes 30 &&
	grep -E "^(Breathing|Extension|Ribcage and shoulder blades|Rotation and side-bending strength)$" "$OUT" >"$T/heads" &&
	same "$T/heads" "Breathing
Extension
Ribcage and shoulder blades
Rotation and side-bending strength"
'

t 'today-1.4 the text shows the same items and total as --json' '
	run 0 "$MIDBACK" today --date 2026-06-15 --json &&
	sed -n "s/^      \"id\": \"\(.*\)\",$/\1/p" "$OUT" >"$T/json-ids" &&
	total=$(sed -n "s/^  \"total_s\": \([0-9]*\),$/\1/p" "$OUT") &&
	run 0 "$MIDBACK" today --date 2026-06-15 &&
	sed -n "s/^      .*  \[\([a-z0-9-]*\)\]$/\1/p" "$OUT" >"$T/text-ids" &&
	test -s "$T/text-ids" &&
	cmp "$T/json-ids" "$T/text-ids" &&
	grep -q "^  Total  *$((total / 60)):$(printf %02d $((total % 60)))$" "$OUT"
'

t 'today-2.1 --json has date, minutes, total_s and items with their keys, and the program line' '
	run 0 "$MIDBACK" today --json --date 2026-03-01 &&
	empty "$ERR" &&
	python3 -c "
import json, sys
p = json.load(sys.stdin)
assert list(p) == [\"date\", \"minutes\", \"total_s\", \"items\", \"program\", \"nextday\"], list(p)
assert p[\"nextday\"] == {\"answer\": None, \"step_down\": False, \"held\": False, \"advice\": None}, p[\"nextday\"]
assert p[\"program\"].startswith(\"Program: week 1, breathing phase\"), p
assert p[\"date\"] == \"2026-03-01\" and p[\"minutes\"] == 12, p
assert p[\"items\"], \"no items\"
keys = [\"id\", \"name\", \"stage\", \"sets\", \"reps\", \"hold_s\",
    \"breaths\", \"per_side\", \"duration_s\"]
for i in p[\"items\"]:
    assert sorted(set(i) - {\"change\", \"change_words\", \"change_s\"}) == sorted(keys), sorted(i)
    assert i.get(\"change\", \"down\") in (\"down\", \"up\"), i
    assert isinstance(i[\"per_side\"], bool)
    assert i[\"sets\"] >= 1 and i[\"duration_s\"] > 0, i
    assert i[\"reps\"] or i[\"hold_s\"] or i[\"breaths\"], i
    assert not (i[\"breaths\"] and (i[\"reps\"] or i[\"hold_s\"])), i
assert p[\"total_s\"] == sum(i[\"duration_s\"] for i in p[\"items\"])
ids = [i[\"id\"] for i in p[\"items\"]]
assert len(ids) == len(set(ids)), ids
" <"$OUT"
'

t 'today-2.2 the same date twice gives identical output' '
	run 0 "$MIDBACK" today --date 2026-03-01 && cp "$OUT" "$T/a" &&
	run 0 "$MIDBACK" today --date 2026-03-01 && cmp "$T/a" "$OUT" &&
	run 0 "$MIDBACK" today --json --date 2026-03-01 --minutes 20 --place floor &&
	cp "$OUT" "$T/b" &&
	run 0 "$MIDBACK" today --json --date 2026-03-01 --minutes 20 --place floor &&
	cmp "$T/b" "$OUT"
'

# The week plans, in date order: 2026-03-01 to 2026-03-05, then 2026-12-31
# and 2027-01-01; line 6 does not follow line 5's day, so it is skipped.
t 'today-2.3 consecutive dates give different routines' '
	planned week &&
	awk "{ \$2 = \$3 = \"\"; print }" "$T/sel" >"$T/items" &&
	awk "NR > 1 && NR != 6 && \$0 == prev { print \"same as the day before: line \" NR; bad = 1 }
	    { prev = \$0 } END { exit bad }" "$T/items" &&
	test "$(wc -l <"$T/items")" -eq 7
'

# A routine that holds the same exercises at the same doses as the day
# before, only two of them swapped within a stage, is the same routine to
# the person doing it.
t 'today-2.4 consecutive dates differ in more than the order of the items' '
	planned swap5 swap60 &&
	while read -r name date minutes total sum items; do
		echo "$name $(printf "%s\n" $items | sort | tr "\n" " ")"
	done <"$T/sel" >"$T/sorted" &&
	awk "\$1 == prev1 && \$0 == prev { print \$1 \": the same items as the day before\"; bad = 1 }
	    { prev1 = \$1; prev = \$0 } END { exit bad }" "$T/sorted"
'

t 'today-2.5 total_s is never over the budget; a plan more than 5% short says why' '
	planned m10 m12 m15 m30 &&
	test "$(wc -l <"$T/sel")" -eq 8 &&
	awk "{ b = \$3 * 60; d = \$4 - b }
	    d > 0 { print \$1, \$2, \"total\", \$4, \"budget\", b; bad = 1 }
	    END { exit bad }" "$T/sel" &&
	run 0 "$MIDBACK" today --json --minutes 30 --date 2026-03-01 &&
	python3 -c "import json, sys
p = json.load(open(sys.argv[1]))
short = 30 * 60 - p[\"total_s\"] > 90
sys.exit(0 if not short or p.get(\"short_reason\") else 1)" "$OUT"
'

t 'today-2.6 total_s is the sum of the item durations' '
	planned m3 m5 m10 m12 m15 m30 m60 desk12 none12 &&
	awk "\$4 != \$5 { print \$1, \$2, \$4, \"!=\", \$5; bad = 1 } END { exit bad }" "$T/sel"
'

t 'today-2.7 the budget is the one asked for, from 3 to 60 minutes' '
	planned m3 m60 &&
	awk "\$1 == \"m3\" && \$3 != 3 || \$1 == \"m60\" && \$3 != 60 || \$4 > \$3 * 60 || NF < 6 {
	    print; bad = 1 } END { exit bad }" "$T/sel"
'

t 'today-2.8 the items are ordered by non-decreasing stage' '
	planned m5 m12 m30 m60 desk30 floor30 &&
	awk "{ s = 0; for (i = 6; i <= NF; i++) { split(\$i, f, \":\");
	    if (f[2] < s) { print \$1, \$2, \$i; bad = 1 } s = f[2] } }
	    END { exit bad }" "$T/sel"
'

t 'today-2.9 --place desk plans only exercises whose places include desk' '
	planned desk12 desk30 desk5 && all_in "$DESK"
'

t 'today-2.10 --place floor plans only exercises whose places include floor' '
	planned floor12 floor30 && all_in "$FLOOR"
'

t 'today-2.11 --equipment none plans nothing that needs equipment' '
	planned none12 none30 none3 && all_in "$NOTHING"
'

t 'today-2.12 the default equipment leaves out the band and the dumbbell' '
	planned m12 m30 m60 &&
	lacks "$T/sel" " band-pull-apart:" &&
	lacks "$T/sel" " dumbbell-twist:"
'

t 'today-2.13 floor work stands in one block; each change between the floor and up is marked on the first exercise in the new position' '
	run 0 "$MIDBACK" list --json &&
	python3 -c "
import glob, json
ground = {e[\"id\"]: e[\"ground\"] for e in json.load(open(\"$OUT\"))}
assert set(ground.values()) == {\"floor\", \"up\", \"either\"}, ground
n = changes = 0
for f in sorted(glob.glob(\"$T/plans/*@*\")):
    at, blocks = None, 0
    for i in json.load(open(f))[\"items\"]:
        w = ground[i[\"id\"]]
        want = None
        if w != \"either\":
            if w == \"floor\" and at != \"floor\":
                blocks += 1
            if at is not None and w != at:
                want = \"down\" if w == \"floor\" else \"up\"
                changes += 1
            at = w
        assert i.get(\"change\") == want, (f, i[\"id\"], want)
        words = {None: None, \"down\": \"Get down onto the floor\", \"up\": \"Get up off the floor\"}[want]
        assert i.get(\"change_words\") == words, (f, i[\"id\"], i.get(\"change_words\"))
        assert i.get(\"change_s\") == (10 if want else None), (f, i[\"id\"])
    assert blocks <= 1, (f, blocks)
    n += 1
assert n >= 20 and changes > 0, (n, changes)
"
'

t 'today-2.14 the text shows a change of position before its exercise, with its seconds' '
	run 0 "$MIDBACK" today --minutes 15 --place floor --date 2026-03-01 &&
	grep -B1 -A1 "^      Get down onto the floor (0:10)\$" "$OUT" >"$T/down" &&
	grep -A1 "^      Get up off the floor (0:10)\$" "$OUT" >"$T/up" &&
	test "$(wc -l <"$T/down")" -eq 3 && test "$(wc -l <"$T/up")" -eq 2
'

t 'today-3.1 --minutes 2 is too few: exit 2' '
	run 2 "$MIDBACK" today --minutes 2 &&
	usage_error "midback: today: invalid minutes ${Q}2${Q} (expected 3 to 60)"
'

t 'today-3.2 --minutes 61 is too many: exit 2' '
	run 2 "$MIDBACK" today --minutes 61 &&
	usage_error "midback: today: invalid minutes ${Q}61${Q} (expected 3 to 60)"
'

t 'today-3.3 --minutes abc is not a number: exit 2' '
	run 2 "$MIDBACK" today --minutes abc &&
	usage_error "midback: today: invalid minutes ${Q}abc${Q} (expected 3 to 60)" &&
	run 2 "$MIDBACK" today --minutes 10x &&
	usage_error "midback: today: invalid minutes ${Q}10x${Q} (expected 3 to 60)"
'

t 'today-3.4 --place moon: exit 2' '
	run 2 "$MIDBACK" today --place moon &&
	usage_error "midback: today: unknown place ${Q}moon${Q} (expected desk, floor or any)"
'

t 'today-3.5 --equipment none,band: exit 2' '
	run 2 "$MIDBACK" today --equipment none,band &&
	usage_error "midback: today: equipment ${Q}none${Q} cannot be combined with other items"
'

t 'today-3.6 --equipment rope: exit 2' '
	run 2 "$MIDBACK" today --equipment rope &&
	usage_error "midback: today: unknown equipment ${Q}rope${Q} (expected none, chair, wall, doorway, band or dumbbell)"
'

t 'today-3.7 --date 2026-02-30 is no such day: exit 2' '
	run 2 "$MIDBACK" today --date 2026-02-30 &&
	empty "$OUT" &&
	head -n 1 "$ERR" >"$T/first" &&
	grep -q "^midback: today: no such date ${Q}2026-02-30${Q}" "$T/first" &&
	has "$ERR" "$USAGE"
'

t 'today-3.8 --date tomorrow: exit 2' '
	run 2 "$MIDBACK" today --date tomorrow &&
	usage_error "midback: today: invalid date ${Q}tomorrow${Q} (expected YYYY-MM-DD)"
'

t 'today-3.9 --date 2026-3-1 is not YYYY-MM-DD: exit 2' '
	run 2 "$MIDBACK" today --date 2026-3-1 &&
	usage_error "midback: today: invalid date ${Q}2026-3-1${Q} (expected YYYY-MM-DD)"
'

t 'today-3.10 --minutes with no value: exit 2' '
	run 2 "$MIDBACK" today --minutes &&
	usage_error "midback: today: option ${Q}--minutes${Q} needs a value"
'

t 'today-3.11 --date with no value after another option: exit 2' '
	run 2 "$MIDBACK" today --json --date &&
	usage_error "midback: today: option ${Q}--date${Q} needs a value"
'

t 'today-3.12 a stray argument: exit 2' '
	run 2 "$MIDBACK" today 15 &&
	usage_error "midback: today: unexpected argument ${Q}15${Q}"
'

t 'today-3.13 an unknown option: exit 2' '
	run 2 "$MIDBACK" today --time 10 &&
	usage_error "midback: today: unknown option ${Q}--time${Q}"
'

t 'today-4.1 --help exits 0 with the options on stdout' '
	run 0 "$MIDBACK" today --help &&
	head -n 1 "$OUT" >"$T/first" &&
	same "$T/first" "$USAGE" &&
	has "$OUT" "  --minutes N " &&
	has "$OUT" "  --place P " &&
	has "$OUT" "  --equipment LIST " &&
	has "$OUT" "  --date YYYY-MM-DD " &&
	has "$OUT" "  --json " &&
	empty "$ERR"
'

echo "1..$n"
