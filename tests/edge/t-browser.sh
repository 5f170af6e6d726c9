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
serve_up

MIDBACK_URL=$url MIDBACK_LINK=$link CHROMIUM=$chromium \
    node "$TOP/tests/browser/run.mjs"
rc=$?
serve_down
exit $rc
