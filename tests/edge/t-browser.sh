# t-browser.sh -- midback serve driven by a real Chromium (Debian's
# chromium package) through playwright-core (tests/browser, installed by
# `npm ci` there): a routine played to the end, "it hurts" and its easier
# option (and the changes of position it brings), a reload and a second tab, a check-in, the summary at the end,
# the warning signs a card a group, the CSP kept, and every page and the
# player in each state at 375x812 and 1280x800: none wider than the
# window, no answer covered, axe-core finding nothing. Skipped, with the
# reason, when chromium, node or the npm packages are missing. SHOTS=DIR
# keeps screenshots.
. "$TOP/tests/cli/lib.sh"

chromium=${CHROMIUM:-/usr/bin/chromium}
need_browser "$chromium"

export MIDBACK_TEST_CLOCK="at=2026-03-02T10:00:00,since=$(date +%s),scale=5"
export XDG_RUNTIME_DIR="$T/run"
mkdir -p "$XDG_RUNTIME_DIR"
"$MIDBACK" serve --port 0 >"$T/serve.out" 2>"$T/serve.err" &
spid=$!
trap 'kill $spid 2>/dev/null; wait $spid 2>/dev/null; rm -rf "$T"' EXIT
i=0
until grep -q 'http://' "$T/serve.out"; do
	i=$((i + 1))
	if [ $i -gt 200 ] || ! kill -0 $spid 2>/dev/null; then
		echo "1..1"
		echo "not ok 1 - serve did not start"
		sed 's/^/#  /' "$T/serve.err"
		exit 1
	fi
	sleep 0.05
done
url=$(sed -n 's|^midback is at \(http://[^ ]*/\) .*|\1|p' "$T/serve.out")
link=$(sed -n 's|^  \(http://.*?k=[0-9a-f]*\)$|\1|p' "$T/serve.out")

MIDBACK_URL=$url MIDBACK_LINK=$link CHROMIUM=$chromium \
    node "$TOP/tests/browser/run.mjs"
rc=$?
kill $spid
wait $spid
src=$?
# SIGTERM is a clean stop: the sanitizers found nothing on the way out.
if [ $src -ne 0 ]; then
	echo "not ok - serve exited with status $src"
	sed 's/^/#  /' "$T/serve.err"
	exit 1
fi
exit $rc
