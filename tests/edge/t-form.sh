# t-form.sh -- the camera mode's judgement (web/camera/form.js) under
# node's test runner (tests/web/form.test.mjs): the rep counter, the hold
# timer and every form flag over landmark sequences made from the
# catalog's keyframes, which a real `midback serve` hands out (GET
# /api/exercises/ID and .../poses); and the rotation self-test measured
# by the camera (web/camera/rotation.js, tests/web/rotation.test.mjs)
# over landmarks of a shoulder line turned in 3D. Skipped when node is
# missing.
. "$TOP/tests/cli/lib.sh"

if ! command -v node >/dev/null 2>&1; then
	echo "1..0 # SKIP node is not installed"
	exit 0
fi
export XDG_RUNTIME_DIR="$T/run"
mkdir -p "$XDG_RUNTIME_DIR" "$T/ex"
serve_up
base=${link%%/?k=*}
curl -s -c "$T/jar" -o /dev/null "$link"
for id in posture-reset chair-extension breastbone-lift wall-angel-standing \
    shoulder-rolls overhead-reach open-book dumbbell-twist band-rotation \
    chest-opener diaphragmatic-breathing prone-ytw; do
	curl -sf -b "$T/jar" "$base/api/exercises/$id" >"$T/ex/$id.doc.json" &&
	curl -sf -b "$T/jar" "$base/api/exercises/$id/poses" \
	    >"$T/ex/$id.poses.json" || {
		echo "1..1"
		echo "not ok 1 - GET /api/exercises/$id/poses failed"
		exit 1
	}
done
serve_down
EXERCISES="$T/ex" node --test --test-reporter=tap \
    "$TOP/tests/web/form.test.mjs" "$TOP/tests/web/rotation.test.mjs"
