# t0200-list.sh -- midback list: every exercise, the filters, --json and
# the errors.
#
# The expected ids are worked out from data/exercises.yaml by a reader
# of its own (cat_ids, PyYAML), in the catalog's order. t() runs each body where `set -e` is ignored, so every
# body chains its steps with `&&`.
. "$TOP/tests/cli/lib.sh"

Q="'"
USAGE='usage: midback list [--motion M] [--kind K] [--place P] [--equipment LIST] [--stage N] [--json]'

ALL=$(cat_ids)
NALL=$(echo "$ALL" | wc -l)

empty() {
	test ! -s "$1" || { echo "'$1' is not empty"; return 1; }
}

# ids_are ID...: the ids in $OUT, list's text output, are these, in order.
ids_are() {
	awk 'NR > 1 { print $1 }' "$OUT" >"$T/got"
	printf '%s\n' "$@" >"$T/want"
	diff -u "$T/want" "$T/got"
}

# json_ids_are ID...: the same for list --json.
json_ids_are() {
	python3 -c 'import json, sys
for x in json.load(sys.stdin):
    print(x["id"])' <"$OUT" >"$T/got" &&
	printf '%s\n' "$@" >"$T/want" &&
	diff -u "$T/want" "$T/got"
}

# usage_error MESSAGE: stdout is empty and stderr is MESSAGE, then the usage.
usage_error() {
	empty "$OUT" &&
	printf '%s\n%s\n%s\n' "$1" "$USAGE" \
	    "Try 'midback list --help' for more." >"$T/want" &&
	diff -u "$T/want" "$ERR"
}

t 'list-1.1 lists every id in catalog order' '
	run 0 "$MIDBACK" list &&
	ids_are $ALL &&
	empty "$ERR"
'

t 'list-1.2 the text output has a header and one line per exercise' '
	run 0 "$MIDBACK" list &&
	head -n 1 "$OUT" | grep -q "^ID  *KIND  *STAGE  *TIME  *NAME$" &&
	test "$(wc -l <"$OUT")" -eq $((NALL + 1))
'

t 'list-1.3 a line shows the kind, stage, time range and name' '
	run 0 "$MIDBACK" list &&
	grep -q "^open-book  *mobility  *3  *[0-9]*:[0-9][0-9]-[0-9]*:[0-9][0-9]  *Open book$" "$OUT" &&
	grep -q "^diaphragmatic-breathing  *breathing  *0  .*  Diaphragmatic breathing$" "$OUT"
'

t 'list-2.1 filter by motion: --motion rotation' '
	run 0 "$MIDBACK" list --motion rotation &&
	ids_are $(cat_ids motion=rotation)
'

t 'list-2.2 filter by motion: --motion side-bend' '
	run 0 "$MIDBACK" list --motion side-bend &&
	ids_are $(cat_ids motion=side-bend)
'

t 'list-2.3 filter by motion: --motion flexion' '
	run 0 "$MIDBACK" list --motion flexion &&
	ids_are $(cat_ids motion=flexion)
'

t 'list-2.4 filter by kind: --kind strength' '
	run 0 "$MIDBACK" list --kind strength &&
	ids_are $(cat_ids kind=strength)
'

t 'list-2.5 filter by kind: --kind breathing' '
	run 0 "$MIDBACK" list --kind breathing &&
	ids_are $(cat_ids kind=breathing)
'

t 'list-2.6 filter by place: --place desk keeps entries with desk in places' '
	run 0 "$MIDBACK" list --place desk &&
	ids_are $(cat_ids place=desk)
'

t 'list-2.7 filter by place: --place floor keeps entries with floor in places' '
	run 0 "$MIDBACK" list --place floor &&
	ids_are $(cat_ids place=floor)
'

t 'list-2.8 filter by place: --place any keeps everything' '
	run 0 "$MIDBACK" list --place any &&
	ids_are $ALL
'

t 'list-2.9 filter by equipment: --equipment none keeps what needs nothing' '
	run 0 "$MIDBACK" list --equipment none &&
	ids_are $(cat_ids equipment=none)
'

t 'list-2.10 filter by equipment: --equipment chair,wall adds what needs only those' '
	run 0 "$MIDBACK" list --equipment chair,wall &&
	ids_are $(cat_ids equipment=chair,wall)
'

t 'list-2.11 filter by equipment: every item listed keeps everything' '
	run 0 "$MIDBACK" list --equipment chair,wall,doorway,band,dumbbell &&
	ids_are $ALL
'

t 'list-2.12 filter by stage: --stage 0' '
	run 0 "$MIDBACK" list --stage 0 &&
	ids_are $(cat_ids stage=0)
'

t 'list-2.13 filter by stage: --stage 1' '
	run 0 "$MIDBACK" list --stage 1 &&
	ids_are $(cat_ids stage=1)
'

t 'list-2.14 filters combine: --kind strength --place floor' '
	run 0 "$MIDBACK" list --kind strength --place floor &&
	ids_are $(cat_ids kind=strength place=floor)
'

t 'list-2.15 filters combine: --motion rotation --equipment none --place desk' '
	run 0 "$MIDBACK" list --motion rotation --equipment none --place desk &&
	ids_are $(cat_ids motion=rotation equipment=none place=desk)
'

t 'list-2.16 no match says so and exits 0' '
	run 0 "$MIDBACK" list --kind breathing --stage 3 &&
	tail -n 1 "$OUT" >"$T/last" &&
	same "$T/last" "(no exercise matches)"
'

t 'list-3.1 --json parses, lists every id and holds every field' '
	run 0 "$MIDBACK" list --json &&
	empty "$ERR" &&
	python3 -c "
import json, sys
a = json.load(sys.stdin)
assert [x[\"id\"] for x in a] == sys.argv[1].split(), [x[\"id\"] for x in a]
text = [\"id\", \"name\", \"position\", \"why\", \"feel\"]
lists = [\"motions\", \"targets\", \"places\", \"equipment\", \"steps\",
    \"cues\", \"cautions\", \"suits\", \"source\"]
for x in a:
    for k in text + [\"kind\"]:
        assert isinstance(x.get(k), str) and x[k], (x[\"id\"], k)
    for k in lists:
        assert isinstance(x.get(k), list), (x[\"id\"], k)
        assert all(isinstance(s, str) and s for s in x[k]), (x[\"id\"], k)
    for k in [\"targets\", \"places\", \"equipment\", \"steps\", \"cues\",
        \"suits\", \"source\"]:
        assert x[k], (x[\"id\"], k, \"empty\")
    assert x[\"stage\"] in (0, 1, 2, 3), x[\"id\"]
    d = x[\"dose\"]
    assert isinstance(d[\"per_side\"], bool), x[\"id\"]
    assert any(k in d for k in (\"reps\", \"hold_s\", \"breaths\")), x[\"id\"]
    for k in (\"sets\", \"reps\", \"hold_s\", \"breaths\"):
        if k in d:
            assert 1 <= d[k][\"min\"] <= d[k][\"max\"], (x[\"id\"], k)
" "$ALL" <"$OUT"
'

t 'list-3.2 --json gives the values in the catalog' '
	run 0 "$MIDBACK" list --json &&
	python3 -c "
import json, sys
a = json.load(sys.stdin)
x = a[0]
want = {
    \"id\": \"diaphragmatic-breathing\",
    \"name\": \"Diaphragmatic breathing\",
    \"kind\": \"breathing\",
    \"stage\": 0,
    \"motions\": [],
    \"targets\": [\"diaphragm\", \"ribcage\", \"thoracic spine\"],
    \"position\": \"seated tall or lying on your back\",
    \"places\": [\"desk\", \"floor\"],
    \"equipment\": [\"none\"],
    \"dose\": {\"breaths\": {\"min\": 6, \"max\": 10}, \"per_side\": False},
    \"cautions\": [\"If you feel light-headed, go back to normal breathing and rest.\",
        \"Late in pregnancy, breathe sitting up rather than lying on your back.\"],
    \"regression\": None,
    \"suits\": [\"desk workers\", \"people who breathe into the chest\"],
    \"why\": \"Low, slow breaths take work off the rib muscles so the mid-back can move.\",
    \"source\": [\"general practice\"],
}
for k, v in want.items():
    assert x[k] == v, (k, x[k], v)
assert len(x[\"steps\"]) == 5 and x[\"steps\"][0].startswith(\"Sit tall\")
assert len(x[\"cues\"]) == 2
x = a[1]
assert x[\"id\"] == \"posture-reset\"
assert x[\"dose\"] == {\"reps\": {\"min\": 10, \"max\": 10},
    \"hold_s\": {\"min\": 3, \"max\": 5}, \"per_side\": False,
    \"frequency_min\": 60}, x[\"dose\"]
assert x[\"equipment\"] == [\"chair\"] and x[\"places\"] == [\"desk\"]
assert x[\"source\"] == [\"001_0efe8dbd1584015e.txt\"]
" <"$OUT"
'

t 'list-3.3 --json applies the filters' '
	run 0 "$MIDBACK" list --json --motion rotation --equipment none &&
	json_ids_are $(cat_ids motion=rotation equipment=none)
'

t 'list-3.4 --json with no match is an empty list' '
	run 0 "$MIDBACK" list --json --kind breathing --stage 3 &&
	same "$OUT" "[]"
'

t 'list-4.1 bad --motion twist: exit 2, message and usage' '
	run 2 "$MIDBACK" list --motion twist &&
	usage_error "midback: list: unknown motion ${Q}twist${Q} (expected extension, flexion, side-bend or rotation)"
'

t 'list-4.2 bad --stage 9: exit 2, message and usage' '
	run 2 "$MIDBACK" list --stage 9 &&
	usage_error "midback: list: invalid stage ${Q}9${Q} (expected 0 to 3)"
'

t 'list-4.3 bad --stage -1 and --stage 1x' '
	run 2 "$MIDBACK" list --stage -1 &&
	usage_error "midback: list: invalid stage ${Q}-1${Q} (expected 0 to 3)" &&
	run 2 "$MIDBACK" list --stage 1x &&
	usage_error "midback: list: invalid stage ${Q}1x${Q} (expected 0 to 3)"
'

t 'list-4.4 bad --kind x: exit 2, message and usage' '
	run 2 "$MIDBACK" list --kind x &&
	usage_error "midback: list: unknown kind ${Q}x${Q} (expected breathing, mobility, stretch, strength or posture)"
'

t 'list-4.5 bad --equipment rope: exit 2, message and usage' '
	run 2 "$MIDBACK" list --equipment rope &&
	usage_error "midback: list: unknown equipment ${Q}rope${Q} (expected none, chair, wall, doorway, band or dumbbell)"
'

t 'list-4.6 bad --equipment none,band: none stands alone' '
	run 2 "$MIDBACK" list --equipment none,band &&
	usage_error "midback: list: equipment ${Q}none${Q} cannot be combined with other items"
'

t 'list-4.7 bad --equipment with no item' '
	run 2 "$MIDBACK" list --equipment , &&
	usage_error "midback: list: empty equipment list (use ${Q}none${Q} for nothing)"
'

t 'list-4.8 bad --place moon: exit 2, message and usage' '
	run 2 "$MIDBACK" list --place moon &&
	usage_error "midback: list: unknown place ${Q}moon${Q} (expected desk, floor or any)"
'

t 'list-4.9 unknown option --nope: exit 2, message and usage' '
	run 2 "$MIDBACK" list --nope &&
	usage_error "midback: list: unknown option ${Q}--nope${Q}"
'

t 'list-4.10 unknown short option -x: exit 2, message and usage' '
	run 2 "$MIDBACK" list -x &&
	usage_error "midback: list: unknown option ${Q}-x${Q}"
'

t 'list-4.11 a stray argument: exit 2, message and usage' '
	run 2 "$MIDBACK" list rotation &&
	usage_error "midback: list: unexpected argument ${Q}rotation${Q}"
'

t 'list-4.12 an option with no value after another option names it' '
	run 2 "$MIDBACK" list --json --motion &&
	usage_error "midback: list: option ${Q}--motion${Q} needs a value"
'

t 'list-4.13 an option with no value as the first argument names it' '
	run 2 "$MIDBACK" list --motion &&
	usage_error "midback: list: option ${Q}--motion${Q} needs a value"
'

t 'list-4.14 a value given to --json names --json, not -j' '
	run 2 "$MIDBACK" list --json=yes &&
	empty "$OUT" &&
	has "$ERR" "${Q}--json" &&
	lacks "$ERR" "${Q}-j${Q}" &&
	has "$ERR" "$USAGE"
'

t 'list-5.1 --help exits 0 with the options on stdout' '
	run 0 "$MIDBACK" list --help &&
	head -n 1 "$OUT" >"$T/first" &&
	same "$T/first" "$USAGE" &&
	has "$OUT" "  --motion M " &&
	has "$OUT" "  --kind K " &&
	has "$OUT" "  --place P " &&
	has "$OUT" "  --equipment LIST " &&
	has "$OUT" "  --stage N " &&
	has "$OUT" "  --json " &&
	empty "$ERR"
'

t 'list-5.2 -h is --help' '
	run 0 "$MIDBACK" list --help && cp "$OUT" "$T/long" &&
	run 0 "$MIDBACK" list -h && cmp "$T/long" "$OUT"
'

echo "1..$n"
