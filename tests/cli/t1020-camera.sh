# t1020-camera.sh -- the camera mode's server side, as curl and the
# command line see it: serve says when the pose model is missing; the
# model's files served from MIDBACK_POSE_DIR under /vendor/pose/ (only
# their names, with their types, cacheable); the camera frame's own CSP
# (WebAssembly allowed there alone, framed by our pages only); each
# exercise's keyframes as JSON; the event camera checked, stored with
# the session, and shown by `midback log`. The model running on frames
# is tests/edge/t-camera.sh's.
. "$TOP/tests/cli/lib.sh"

if ! command -v curl >/dev/null 2>&1 || ! command -v jq >/dev/null 2>&1 ||
    ! ldconfig -p 2>/dev/null | grep -q 'libmicrohttpd\.so\.12'; then
	echo "1..0 # SKIP curl, jq or libmicrohttpd12 is not installed"
	exit 0
fi

export MIDBACK_TEST_CLOCK="at=2026-03-02T10:00:00,since=$(date +%s),scale=1"
export XDG_RUNTIME_DIR="$T/run"
mkdir -p "$XDG_RUNTIME_DIR"
SPID=

# serve: start it; sets U, HP, TOK, and the cookie in ~/.curlrc (lib.sh).
serve() {
	serve_start '?k=' || return 1
	HP=${U#http://}
	HP=${HP%/}
	serve_login
}
stop() {
	serve_stop
}
trap 'stop; rm -rf "$T"' EXIT
post() {
	curl -s -o "$OUT" -w '%{http_code}' -X POST -H "Origin: http://$HP" \
	    -H "X-Midback-Token: $TOK" -H 'Content-Type: application/json' \
	    --data-binary "$2" "${U}api/$1" >"$T/code"
}
code() {
	[ "$(cat "$T/code")" = "$1" ] || { echo "status $(cat "$T/code"), expected $1"; cat "$OUT"; return 1; }
}
get() {
	curl -s -o "$OUT" -w '%{http_code}' "${U}$1" >"$T/code"
}

# A pose folder of the package's names (serving does not read them).
mkdir -p "$T/pose"
for f in pose.js pose_solution_packed_assets_loader.js \
    pose_solution_packed_assets.data pose_solution_simd_wasm_bin.js \
    pose_solution_simd_wasm_bin.wasm pose_solution_wasm_bin.js \
    pose_solution_wasm_bin.wasm pose_web.binarypb \
    pose_landmark_lite.tflite pose_landmark_full.tflite \
    pose_landmark_heavy.tflite package.json; do
	echo "content of $f" >"$T/pose/$f"
done

export MIDBACK_POSE_DIR="$T/nowhere"
serve || exit 1
t 'camera-1 without the pose model, serve says the camera mode is unavailable' '
	has "$T/serve.out" "The camera mode is unavailable: its model files are not in $T/nowhere" &&
	get api/camera && code 200 && has "$OUT" "\"available\":false" &&
	get vendor/pose/pose.js && code 404
'
stop

export MIDBACK_POSE_DIR="$T/pose"
serve || exit 1
t 'camera-2 the model files are served from the folder, with their types, cacheable' '
	lacks "$T/serve.out" "unavailable" &&
	get api/camera && code 200 && has "$OUT" "\"available\":true" &&
	curl -s -D "$T/h" -o "$OUT" "${U}vendor/pose/pose_solution_simd_wasm_bin.wasm" &&
	has "$T/h" "Content-Type: application/wasm" &&
	has "$T/h" "Cache-Control: max-age=86400" &&
	same "$OUT" "content of pose_solution_simd_wasm_bin.wasm" &&
	curl -s -D "$T/h" -o "$OUT" "${U}vendor/pose/pose.js" &&
	has "$T/h" "Content-Type: text/javascript" &&
	curl -s -D "$T/h" -o /dev/null "${U}vendor/pose/pose_landmark_lite.tflite" &&
	has "$T/h" "Content-Type: application/octet-stream"
'

t 'camera-3 only the package names: no other file, no path out of the folder' '
	for p in vendor/pose/pose_landmark_heavy.tflite vendor/pose/package.json \
	    vendor/pose/ vendor/pose/../pose/pose.js "vendor/pose/%2e%2e/pose/pose.js" \
	    "vendor/pose/..%2Fpose.js" vendor/pose/pose.js/ vendor/posex/pose.js; do
		s=$(curl -s --path-as-is -o /dev/null -w "%{http_code}" "${U}$p") &&
		[ "$s" = 404 ] || { echo "$p: $s"; exit 1; }
	done
'

t 'camera-4 the camera frame alone may compile WebAssembly, framed by our pages only' '
	curl -s -D "$T/h" -o "$OUT" "${U}camera/frame.html" &&
	has "$T/h" "script-src '\''self'\'' '\''wasm-unsafe-eval'\''" &&
	has "$T/h" "frame-ancestors '\''self'\''" &&
	has "$T/h" "X-Frame-Options: SAMEORIGIN" &&
	has "$OUT" "<script src=\"/vendor/pose/pose.js\"></script>" &&
	curl -s -D "$T/h" -o /dev/null "$U" &&
	lacks "$T/h" "wasm-unsafe-eval" && has "$T/h" "X-Frame-Options: DENY" &&
	curl -s -D "$T/h" -o /dev/null "${U}camera/frame.js" &&
	lacks "$T/h" "wasm-unsafe-eval" &&
	s=$(curl -q -s -o /dev/null -w "%{http_code}" "${U}camera/frame.html") &&
	[ "$s" = 401 ]
'

t 'camera-5 an exercise'\''s keyframes: angles and points as its camera sees them' '
	get api/exercises/wall-angel-standing/poses && code 200 &&
	jq -e ".camera == \"front\" and (.keyframes | length) == 2 and
	    .keyframes[1].angles[\"left-shoulder\"] == [0, 150, 90] and
	    (.keyframes[0].view | keys | length) == 14 and
	    (.props | index(\"wall\")) != null" "$OUT" >/dev/null &&
	get api/exercises/nothing/poses && code 404
'

t 'camera-6 each keyframe drawn alone, for the figure beside the preview' '
	get api/exercises/wall-angel-standing/still-1.svg && code 200 &&
	has "$OUT" "<svg" && cp "$OUT" "$T/k1.svg" &&
	get api/exercises/wall-angel-standing/still-2.svg && code 200 &&
	! cmp -s "$OUT" "$T/k1.svg" && cp "$OUT" "$T/k2.svg" &&
	get api/exercises/wall-angel-standing/still.svg && code 200 &&
	cmp -s "$OUT" "$T/k2.svg" &&
	get api/exercises/wall-angel-standing/still-3.svg && code 404 &&
	has "$OUT" "wall-angel-standing has 2 keyframes" &&
	get api/exercises/wall-angel-standing/still-0.svg && code 404 &&
	get api/exercises/wall-angel-standing/still-6.svg && code 404 &&
	get api/exercises/wall-angel-standing/still-1.svgx && code 404 &&
	get api/exercises/wall-angel-standing/still-12.svg && code 404
'

NO=$(curl -s "${U}api/screen" | jq -c '{answers: [.questions[] | false], accepted: true}')
cat >"$T/routine.yaml" <<'EOR'
name: Camera
exercises:
  - id: wall-angel-standing
    reps: 10
EOR

t 'camera-7 the event camera is checked, stored, and kept for the summary' '
	post session/event "{\"event\":\"camera\",\"camera\":{\"what\":\"reps\",\"value\":1}}" &&
	code 409 &&
	post screen "$NO" && code 200 &&
	post session "$(jq -Rs "{routine: .}" "$T/routine.yaml")" && code 200 &&
	post session/event "{\"event\":\"pause\"}" && code 200 &&
	post session/event "{\"event\":\"camera\",\"camera\":{\"what\":\"reps\",\"value\":3}}" && code 200 &&
	post session/event "{\"event\":\"camera\",\"camera\":{\"what\":\"reps\",\"value\":2}}" && code 200 &&
	post session/event "{\"event\":\"camera\",\"camera\":{\"what\":\"chin\",\"value\":1}}" && code 200 &&
	post session/event "{\"event\":\"camera\",\"camera\":{\"what\":\"low-back\",\"value\":1}}" && code 200 &&
	post session/event "{\"event\":\"camera\",\"camera\":{\"what\":\"chin\",\"value\":1}}" && code 200 &&
	jq -e ".session.camera[\"wall-angel-standing\"] ==
	    {reps: 3, hold: 0, flags: {chin: 2, \"low-back\": 1}}" "$OUT" >/dev/null &&
	post session/event "{\"event\":\"camera\",\"camera\":{\"what\":\"nose\",\"value\":1}}" &&
	code 400 && has "$OUT" "expected reps, hold, chin" &&
	post session/event "{\"event\":\"camera\",\"camera\":{\"what\":\"chin\",\"value\":5}}" &&
	code 400 &&
	post session/event "{\"event\":\"camera\",\"camera\":{\"what\":\"reps\",\"value\":-1}}" &&
	code 400 &&
	post session/event "{\"event\":\"camera\"}" && code 400 &&
	post session/event "{\"event\":\"pause\",\"camera\":{\"what\":\"reps\",\"value\":1}}" &&
	code 400 &&
	post session/event "{\"event\":\"quit\"}" && code 200 &&
	has "$OUT" "\"camera\":{\"wall-angel-standing\"" &&
	"$MIDBACK" log >"$T/log" &&
	has "$T/log" "camera: Wall angel, standing: 3 reps counted; noted: chin forward twice, low back arching once" &&
	sqlite3 "$XDG_DATA_HOME/midback/midback.db" \
	    "SELECT what, value FROM camera_marks ORDER BY what" >"$T/db" &&
	same "$T/db" "chin|2
low-back|1
reps|3"
'
stop
echo "1..$n"
