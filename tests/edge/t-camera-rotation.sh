# t-camera-rotation.sh -- the seated rotation self-test measured by the
# camera in a real Chromium with a fake camera (tests/browser/
# camera-rotation.mjs): the self-test page's camera box, the pose model
# from midback's own origin watching a video of a seated figure seen from
# the front turning left 45 degrees and right 30 (a test-only exercise
# written here into this test's own exercises.d, which `midback show`
# and the server both read), the best of three each side filled in and
# saved, and the result kept as measured by the camera, near the
# figure's true turn. Skipped, with the reason, when chromium, node,
# rsvg-convert, the browser tests' npm packages or the pose model
# (vendor/pose, `npm ci` there) are missing. SHOTS=DIR keeps
# screenshots.
. "$TOP/tests/cli/lib.sh"

need_camera

# The figure: seated on a chair facing the camera, hands on the thighs
# (why not arms crossed: camera-rotation.mjs), then the chest turned
# left (thoracic twist 15 on each of its three segments), then right
# (-10 each).
mkdir -p "$XDG_CONFIG_HOME/midback/exercises.d"
cat >"$XDG_CONFIG_HOME/midback/exercises.d/rotation-test.yaml" <<'YAML'
exercises:
  - id: rotation-test-figure
    name: Rotation test figure
    kind: mobility
    stage: 1
    motions: [rotation]
    targets: [thoracic spine]
    feel: in the middle of the back
    position: seated facing the camera
    places: [desk]
    ground: up
    equipment: [none]
    dose:
      reps: 3
    steps:
      - Sit facing the camera, hands on your thighs, and turn each way.
    cues:
      - Keep your hips facing forward.
    cautions:
      - Turn less if it pinches.
    suits: [tests]
    why: The figure the camera test measures.
    source: [test]
    figure:
      camera: front
      props: [chair]
      contacts: [seat, feet]
      adjust: [hips]
      poses:
        - name: sit facing the camera
          hips: [90, 6]
          knees: 90
          shoulders: [23, 6, -55]
          elbows: [46, 0, -88]
          wrists: [-52, 1]
        - name: turned left
          thoracic: [0, 0, 15]
        - name: turned right
          thoracic: [0, 0, -10]
YAML
if ! "$MIDBACK" show rotation-test-figure >/dev/null 2>"$T/show.err"; then
	echo "1..1"
	echo "not ok 1 - the test's figure does not load"
	sed 's/^/#  /' "$T/show.err"
	exit 1
fi

camera_up

MIDBACK="$MIDBACK" MIDBACK_URL=$url MIDBACK_LINK=$link CHROMIUM=$chromium VIDEO="$T/rotation.y4m" \
    node "$TOP/tests/browser/camera-rotation.mjs"
rc=$?
serve_down
exit $rc
