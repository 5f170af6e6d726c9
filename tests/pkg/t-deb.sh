# t-deb.sh -- the Debian package installs, runs from any folder with no
# build tree, and removes cleanly. Needs root and dpkg, and the package
# built by `make deb` (build/deb/); skipped otherwise, and skipped when a
# midback package is already installed (this test must not replace it).
# Usage: TOP=. sh tests/pkg/t-deb.sh   (`make deb-test` builds and runs it)
set -u
: "${TOP:?TOP must name the source tree}"
deb=$(ls "$TOP"/build/deb/midback_*.deb 2>/dev/null | head -n 1)
skip() {
	echo "1..0 # SKIP $1"
	exit 0
}
[ "$(id -u)" -eq 0 ] || skip "not root"
command -v dpkg >/dev/null 2>&1 || skip "no dpkg"
[ -n "$deb" ] || skip "no package: run make deb"
if dpkg-query -W -f='${Status}' midback 2>/dev/null | grep -q installed; then
	skip "a midback package is installed already"
fi
# The rest is a CLI test as any other, on the installed program.
MIDBACK=/usr/bin/midback
. "$TOP/tests/cli/lib.sh"
trap 'dpkg -r midback >/dev/null 2>&1; rm -rf "$T"' EXIT

t 'deb-1 the package installs' '
	dpkg -i "$deb" &&
	test -x /usr/bin/midback &&
	test -f /usr/share/man/man1/midback.1.gz &&
	test -f /usr/share/bash-completion/completions/midback &&
	test -f /usr/lib/systemd/user/midback-remind.service
'

t 'deb-2 midback --version names the version and the commit' '
	run 0 /usr/bin/midback --version &&
	grep -qx "midback [0-9][0-9.]* (commit [0-9a-f]\{12\})" "$OUT"
'

t 'deb-3 midback today plans a day, from a folder with no build tree' '
	mkdir "$T/elsewhere" && cd "$T/elsewhere" &&
	run 0 /usr/bin/midback today --date 2026-03-02 &&
	has "$OUT" "min" &&
	test -s "$OUT"
'

t 'deb-4 the man page and the unit name the installed program' '
	zcat /usr/share/man/man1/midback.1.gz | grep -q "^\.Cm checkin" &&
	grep -qx "ExecStart=/usr/bin/midback remind" \
	    /usr/lib/systemd/user/midback-remind.service
'

t 'deb-5 the package removes, leaving nothing of it' '
	dpkg -r midback &&
	test ! -e /usr/bin/midback &&
	test ! -e /usr/share/bash-completion/completions/midback &&
	! dpkg-query -W -f="\${Status}" midback 2>/dev/null | grep -q "^install ok"
'

echo "1..$n"
