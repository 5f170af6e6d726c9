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
"$MIDBACK" serve --port 0 >"$T/serve.out" 2>"$T/serve.err" &
spid=$!
trap 'kill $spid 2>/dev/null; wait $spid 2>/dev/null; rm -rf "$T"' EXIT
i=0
until grep -q '?k=' "$T/serve.out" 2>/dev/null; do
	i=$((i + 1))
	if [ $i -gt 200 ] || ! kill -0 $spid 2>/dev/null; then
		echo "1..1"
		echo "not ok 1 - serve did not start"
		sed 's/^/#  /' "$T/serve.err"
		exit 1
	fi
	sleep 0.05
done
link=$(sed -n 's|^  \(http://.*?k=[0-9a-f]*\)$|\1|p' "$T/serve.out")
base=${link%%/?k=*}
curl -s -c "$T/jar" -o /dev/null "$link"
for id in posture-reset chair-extension breastbone-lift wall-angel-standing \
    shoulder-rolls overhead-reach open-book dumbbell-twist band-rotation \
    chest-opener diaphragmatic-breathing; do
	curl -sf -b "$T/jar" "$base/api/exercises/$id" >"$T/ex/$id.doc.json" &&
	curl -sf -b "$T/jar" "$base/api/exercises/$id/poses" \
	    >"$T/ex/$id.poses.json" || {
		echo "1..1"
		echo "not ok 1 - GET /api/exercises/$id/poses failed"
		exit 1
	}
done
kill $spid
wait $spid
src=$?
if [ $src -ne 0 ]; then
	echo "not ok - serve exited with status $src"
	sed 's/^/#  /' "$T/serve.err"
	exit 1
fi
EXERCISES="$T/ex" node --test --test-reporter=tap \
    "$TOP/tests/web/form.test.mjs" "$TOP/tests/web/rotation.test.mjs"
