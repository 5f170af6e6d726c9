# t0310-figures.sh -- the figures: show --svg for every exercise (valid
# XML, a still of each keyframe), the braille figure in show's text, and
# figures --output DIR with its contact sheet and index.html.
. "$TOP/tests/cli/lib.sh"

ALL=$("$MIDBACK" list --json | python3 -c 'import json,sys; print(" ".join(e["id"] for e in json.load(sys.stdin)))')

t 'figures-1.1 every exercise has an SVG that is well-formed XML' '
	test -n "$ALL" &&
	for id in $ALL; do
		"$MIDBACK" show "$id" --svg >"$T/$id.svg" || return 1
		grep -q "<svg" "$T/$id.svg" || return 1
		grep -q "<animate " "$T/$id.svg" || return 1
		if command -v xmllint >/dev/null; then
			xmllint --noout "$T/$id.svg" || return 1
		fi
	done
'

t 'figures-1.2 a still of each keyframe, to a file; a pose past the last is refused' '
	run 0 "$MIDBACK" show open-book --svg --pose 1 --output "$T/ob1.svg" &&
	grep -q "<title>Open book: " "$T/ob1.svg" &&
	! grep -q "<animate" "$T/ob1.svg" &&
	run 2 "$MIDBACK" show open-book --svg --pose 9 &&
	has "$ERR" "pose" &&
	run 2 "$MIDBACK" show open-book --output "$T/x.svg" &&
	has "$ERR" "--output is for --svg"
'

t 'figures-1.3 show draws the figure above the steps in a UTF-8 locale' '
	LC_ALL=C.UTF-8 run 0 "$MIDBACK" show cat-cow-flow &&
	grep -n "(1) hands and knees" "$OUT" | cut -d: -f1 >"$T/fig" &&
	grep -n "^Steps" "$OUT" | cut -d: -f1 >"$T/steps" &&
	test "$(cat "$T/fig")" -lt "$(cat "$T/steps")" &&
	grep -q "$(printf "\342\240")\|$(printf "\342\241")\|$(printf "\342\242")\|$(printf "\342\243")" "$OUT" &&
	! grep -q "$(printf "\033")" "$OUT" &&
	LC_ALL=C.UTF-8 run 0 "$MIDBACK" show cat-cow-flow --no-figure &&
	! grep -q "(1) hands and knees" "$OUT"
'

t 'figures-1.4 figures --output DIR writes every SVG and a contact sheet' '
	run 0 "$MIDBACK" figures --output "$T/figs" &&
	has "$OUT" "$(grep -c "^  - id: " "$TOP/data/exercises.yaml") exercises" &&
	test -s "$T/figs/index.html" &&
	test -s "$T/figs/contact-sheet.svg" &&
	test -s "$T/figs/open-book.svg" &&
	test -s "$T/figs/open-book-3.svg" &&
	grep -q "open-book-2.svg" "$T/figs/index.html" &&
	{ ! command -v xmllint >/dev/null ||
	    xmllint --noout "$T/figs/contact-sheet.svg"; } &&
	run 2 "$MIDBACK" figures &&
	has "$ERR" "--output DIR"
'
