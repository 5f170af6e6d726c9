# t-phone.sh -- a paired phone in a real Chromium (tests/browser/phone.mjs):
# serve --lan in a network namespace of the test's own (a veth pair with
# 10.77.0.1), a phone-sized Chromium trusting the server's certificate by
# its public key, pairing by the printed link, a session played from the
# phone while the computer's page follows, and the rotation test fed
# orientation values through the DevTools protocol. Skipped, with the
# reason, where chromium, node, the npm packages or a namespace are
# missing. SHOTS=DIR keeps screenshots.
if [ -z "${MIDBACK_NETNS:-}" ]; then
	if ! command -v unshare >/dev/null 2>&1 || ! command -v ip >/dev/null 2>&1; then
		echo "1..0 # SKIP unshare or ip (iproute2) is missing"
		exit 0
	fi
	if ! unshare -n true 2>/dev/null; then
		echo "1..0 # SKIP cannot make a network namespace (needs root or user namespaces)"
		exit 0
	fi
	MIDBACK_NETNS=1 exec unshare -n sh "$0" "$@"
fi
. "$TOP/tests/cli/lib.sh"

chromium=${CHROMIUM:-/usr/bin/chromium}
need_browser "$chromium"
if ! command -v openssl >/dev/null 2>&1; then
	echo "1..0 # SKIP openssl is not installed"
	exit 0
fi
if ! { ip link set lo up &&
    ip link add mbv0 type veth peer name mbv1 &&
    ip addr add 10.77.0.1/24 dev mbv0 &&
    ip link set mbv0 up && ip link set mbv1 up; } 2>"$T/ip.err"; then
	echo "1..0 # SKIP cannot make a veth pair here: $(head -n1 "$T/ip.err")"
	exit 0
fi

export MIDBACK_TEST_CLOCK="at=2026-03-02T10:00:00,since=$(date +%s),scale=5"
export XDG_RUNTIME_DIR="$T/run"
mkdir -p "$XDG_RUNTIME_DIR"
serve_up '^The phone' --lan 10.77.0.1
lan=$(sed -n 's|^On your network, for a phone: \(https://.*/\)$|\1|p' "$T/serve.out")
pair=$(sed -n 's|^  \(https://.*/pair?k=[0-9a-f]*\)$|\1|p' "$T/serve.out")
fp=$(sed -n '/fingerprint$/{n;N;s/^  //;s/\n  /:/p;}' "$T/serve.out")
spki=$(openssl x509 -in "$XDG_DATA_HOME/midback/serve-cert.pem" -pubkey -noout |
    openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64)

MIDBACK_URL=$url MIDBACK_LINK=$link LAN_URL=$lan PAIR_LINK=$pair SPKI=$spki \
    FINGERPRINT=$fp CHROMIUM=$chromium node "$TOP/tests/browser/phone.mjs"
rc=$?
serve_down
exit $rc
