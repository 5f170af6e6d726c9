# t-camera.sh -- the camera mode in a real Chromium with a fake camera
# (tests/browser/camera.mjs): off until asked, the pose model from
# midback's own origin, run on a video of the catalog's own figure doing
# wall angels (its keyframes drawn by `midback show --svg --pose N`,
# rsvg-convert), the reps counted, posted and stored, and no request to
# any other origin. Skipped, with the reason, when chromium, node,
# rsvg-convert, the browser tests' npm packages or the pose model
# (vendor/pose, `npm ci` there) are missing. SHOTS=DIR keeps screenshots; BENCH=1
# prints the benchmark's figures (bench/camera).
. "$TOP/tests/cli/lib.sh"

need_camera

# The real clock's pace: the session is paused while the model watches.
export MIDBACK_TEST_CLOCK="at=2026-03-02T10:00:00,since=$(date +%s),scale=1"
mkdir -p "$XDG_CONFIG_HOME/midback/exercises.d"
# The overhead reach with two fault poses, for the flags' video.
cp "$TOP/tests/data/overhead-reach-faults.yaml" "$XDG_CONFIG_HOME/midback/exercises.d/"
camera_up

MIDBACK="$MIDBACK" MIDBACK_URL=$url MIDBACK_LINK=$link CHROMIUM=$chromium VIDEO="$T/camera.y4m" \
    node "$TOP/tests/browser/camera.mjs"
rc=$?
serve_down
exit $rc
