# t1010-serve-lan.sh -- serve --lan as a phone on the network sees it:
# in a network namespace of its own (a veth pair, 10.77.0.1 with the
# default route), HTTPS only (plain HTTP answered with a page that says
# so), the certificate kept 0600 and its printed fingerprint the one
# served, pairing by the printed link (once), the device cookie's
# attributes and name, what a phone may and may not do, an unpaired or
# forgotten phone refused, an expired link, the rate limit, --devices
# and --forget, the default address and bad addresses. Every curl pins
# the certificate's public key (--pinnedpubkey), so nothing is trusted
# blindly. Skipped, with the reason, where no namespace can be made.
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

for c in curl openssl jq; do
	if ! command -v $c >/dev/null 2>&1; then
		echo "1..0 # SKIP $c is not installed"
		exit 0
	fi
done
if ! ldconfig -p 2>/dev/null | grep -q 'libmicrohttpd\.so\.12' ||
    ! ldconfig -p 2>/dev/null | grep -q 'libqrencode\.so\.4'; then
	echo "1..0 # SKIP libmicrohttpd12 or libqrencode4 is not installed"
	exit 0
fi
if ! { ip link set lo up &&
    ip link add mbv0 type veth peer name mbv1 &&
    ip addr add 10.77.0.1/24 dev mbv0 &&
    ip link set mbv0 up && ip link set mbv1 up &&
    ip route add default via 10.77.0.254 dev mbv0; } 2>"$T/ip.err"; then
	echo "1..0 # SKIP cannot make a veth pair here: $(head -n1 "$T/ip.err")"
	exit 0
fi

export XDG_RUNTIME_DIR="$T/run"
mkdir -p "$XDG_RUNTIME_DIR"
LAN=10.77.0.1
SPID=
UA='Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36'

# start [ARGS...]: serve --port 0 --lan ARGS; sets PORT, U (loopback),
# L (the LAN URL), PAIR (the printed link), FP and PIN.
start() {
	serve_start '^The phone' --lan "$@" || return 1
	PORT=${U#http://127.0.0.1:}
	PORT=${PORT%/}
	L=$(sed -n 's|^On your network, for a phone: \(https://.*/\)$|\1|p' "$T/serve.out")
	PAIR=$(sed -n 's|^  \(https://.*/pair?k=[0-9a-f]*\)$|\1|p' "$T/serve.out")
	FP=$(sed -n '/fingerprint$/{n;N;s/^  //;s/\n  /:/p;}' "$T/serve.out")
	PIN=sha256//$(openssl x509 -in "$XDG_DATA_HOME/midback/serve-cert.pem" \
	    -pubkey -noout | openssl pkey -pubin -outform der |
	    openssl dgst -sha256 -binary | base64)
	[ -n "$L" ] && [ -n "$PAIR" ] && [ ${#FP} -eq 95 ]
}
stop() {
	serve_stop
}
trap 'stop >/dev/null 2>&1; rm -rf "$T"' EXIT
# pc ARGS...: curl over HTTPS with the certificate's key pinned.
pc() {
	curl -s -k --pinnedpubkey "$PIN" "$@"
}
# status FILE ARGS...: the status of pc ARGS, the body into FILE.
status() {
	f=$1
	shift
	pc -o "$f" -w '%{http_code}' "$@"
}

echo "1..16"
start || { echo "not ok 1 - serve --lan did not start"; exit 1; }

t 'lan-1 listens on loopback and the LAN address only, TLS and QR libraries loaded by serve alone' '
	! ldd "$MIDBACK" | grep -q -e gnutls -e qrencode -e microhttpd &&
	ss -Htln "sport = :$PORT" | awk "{ print \$4 }" >"$T/ss" &&
	has "$T/ss" "127.0.0.1:$PORT" && has "$T/ss" "$LAN:$PORT" &&
	! grep -q -e "0.0.0.0:" -e "\*:" -e "\[::\]:" "$T/ss" &&
	[ "$L" = "https://$LAN:$PORT/" ]
'

t 'lan-2 plain HTTP on the LAN address is refused with a page that says why' '
	s=$(curl -s -D "$T/h" -o "$OUT" -w "%{http_code}" "http://$LAN:$PORT/") &&
	[ "$s" = 400 ] && has "$OUT" "HTTPS only" && has "$OUT" "https://$LAN:$PORT/" &&
	s=$(curl -s -o "$OUT" -w "%{http_code}" "http://$LAN:$PORT/pair?k=${PAIR##*k=}") &&
	[ "$s" = 400 ] &&
	s=$(curl -s -o "$OUT" -w "%{http_code}" -X POST -d x "http://$LAN:$PORT/api/checkin") &&
	[ "$s" = 400 ]
'

t 'lan-3 the key and certificate are 0600, and the printed fingerprint is the served one' '
	[ "$(stat -c %a "$XDG_DATA_HOME/midback/serve-key.pem")" = 600 ] &&
	[ "$(stat -c %a "$XDG_DATA_HOME/midback/serve-cert.pem")" = 600 ] &&
	has "$T/serve.out" "(made now)" &&
	echo | openssl s_client -connect "$LAN:$PORT" 2>/dev/null |
	    openssl x509 -noout -fingerprint -sha256 >"$T/fp" &&
	same "$T/fp" "sha256 Fingerprint=$FP"
'

t 'lan-4 an unpaired phone, a wrong Host and the computer'\''s cookie are refused' '
	s=$(status "$OUT" "$L") && [ "$s" = 401 ] && has "$OUT" "not paired" &&
	s=$(status "$OUT" "${L}api/today") && [ "$s" = 401 ] &&
	s=$(status "$OUT" -H "Host: evil.example:$PORT" "${L}") && [ "$s" = 421 ] &&
	curl -s -c "$T/pcjar" -o /dev/null "$LINK" &&
	c=$(awk "/\tmidback\t/ { print \$7 }" "$T/pcjar") && [ ${#c} -eq 32 ] &&
	s=$(status "$OUT" -H "Cookie: midback=$c" "${L}api/today") && [ "$s" = 401 ]
'

t 'lan-5 the printed link pairs a phone once: a Secure device cookie and a name' '
	s=$(status "$OUT" -D "$T/h" -A "$UA" -c "$T/jar" "$PAIR") && [ "$s" = 303 ] &&
	grep -i "^set-cookie:" "$T/h" >"$T/sc" &&
	has "$T/sc" "__Host-midback-device=" && has "$T/sc" "HttpOnly" &&
	has "$T/sc" "Secure" && has "$T/sc" "SameSite=Strict" && has "$T/sc" "Path=/" &&
	s=$(status "$OUT" -A "$UA" -c "$T/jar2" "$PAIR") && [ "$s" = 403 ] &&
	has "$OUT" "has been used" && ! grep -qs midback-device "$T/jar2" &&
	"$MIDBACK" serve --devices >"$T/dev" && [ "$(wc -l <"$T/dev")" = 1 ] &&
	grep -Eq "^Pixel 8, paired [0-9]{1,2} [A-Z][a-z]{2} [0-9]{2}:[0-9]{2}$" "$T/dev"
'

TOK=
t 'lan-6 a paired phone sees the page and today, and changes with its Origin and token' '
	s=$(status "$OUT" -b "$T/jar" "$L") && [ "$s" = 200 ] &&
	TOK=$(sed -n "s/.*midback-token\" content=\"\([0-9a-f]*\)\".*/\1/p" "$OUT") &&
	[ ${#TOK} -eq 32 ] && echo "$TOK" >"$T/tok" &&
	s=$(status "$OUT" -b "$T/jar" "${L}api/today?minutes=10") && [ "$s" = 200 ] &&
	s=$(status "$OUT" -b "$T/jar" "${L}api/lan") && [ "$s" = 200 ] &&
	[ "$(jq -r .device "$OUT")" = "$(cat "$T/dev")" ] &&
	s=$(status "$OUT" -b "$T/jar" -X POST -H "Origin: http://$LAN:$PORT" -H "X-Midback-Token: $TOK" -H "Content-Type: application/json" -d "{\"pain\":2}" "${L}api/checkin") &&
	[ "$s" = 403 ] && has "$OUT" Origin &&
	s=$(status "$OUT" -b "$T/jar" -X POST -H "Origin: https://$LAN:$PORT" -H "X-Midback-Token: $TOK" -H "Content-Type: application/json" -d "{\"pain\":2}" "${L}api/checkin") &&
	[ "$s" = 200 ] && "$MIDBACK" log >"$T/log" && has "$T/log" "check-in"
'

t 'lan-7 export, import, settings and pairing stay on the computer (403, why)' '
	TOK=$(cat "$T/tok") &&
	H="-b $T/jar -H Origin:https://$LAN:$PORT -H X-Midback-Token:$TOK -H Content-Type:application/json" &&
	s=$(status "$OUT" -b "$T/jar" "${L}api/export") && [ "$s" = 403 ] &&
	has "$OUT" "export stays on the computer" &&
	s=$(status "$OUT" -b "$T/jar" "${L}api/settings") && [ "$s" = 403 ] &&
	has "$OUT" "settings stay on the computer" &&
	s=$(status "$OUT" $H -X POST -d "{}" "${L}api/settings") && [ "$s" = 403 ] &&
	s=$(status "$OUT" $H -X POST -d "{}" "${L}api/import") && [ "$s" = 403 ] &&
	has "$OUT" "import stays on the computer" &&
	s=$(status "$OUT" $H -X POST "${L}api/pair") && [ "$s" = 403 ]
'

t 'lan-15 a self-test measured by the phone is kept so, exported and imported back' '
	TOK=$(cat "$T/tok") &&
	H="-b $T/jar -H Origin:https://$LAN:$PORT -H X-Midback-Token:$TOK -H Content-Type:application/json" &&
	s=$(status "$OUT" $H -X POST -d "{\"test\":\"rotation\",\"value\":44,\"extra\":38,\"measured_by\":\"ruler\"}" "${L}api/selftest") &&
	[ "$s" = 400 ] && has "$OUT" "measured_by" &&
	"$MIDBACK" export >"$T/e0.json" && [ "$(jq ".selftests | length" "$T/e0.json")" = 0 ] &&
	s=$(status "$OUT" $H -X POST -d "{\"test\":\"rotation\",\"value\":44,\"extra\":38,\"measured_by\":\"phone\"}" "${L}api/selftest") &&
	[ "$s" = 200 ] && [ "$(jq -r .measured_by "$OUT")" = phone ] &&
	"$MIDBACK" export >"$T/e1.json" &&
	[ "$(jq -r ".selftests[0].measured_by" "$T/e1.json")" = phone ] &&
	XDG_DATA_HOME="$T/other" "$MIDBACK" import "$T/e1.json" >/dev/null &&
	XDG_DATA_HOME="$T/other" "$MIDBACK" export >"$T/e2.json" &&
	[ "$(jq -c .selftests "$T/e1.json")" = "$(jq -c .selftests "$T/e2.json")" ] &&
	jq ".selftests[0].measured_by = \"tape\"" "$T/e1.json" >"$T/e3.json" &&
	run 1 env XDG_DATA_HOME="$T/third" "$MIDBACK" import "$T/e3.json" &&
	has "$ERR" "'\''measured_by'\'' is not manual, phone or camera"
'

t 'lan-8 the computer'\''s page gets the address, fingerprint, devices and a new code as SVG' '
	curl -s -c "$T/pcjar" -o /dev/null "$("$MIDBACK" serve --link)" &&
	curl -s -b "$T/pcjar" "$U" >"$T/index" &&
	ptok=$(sed -n "s/.*midback-token\" content=\"\([0-9a-f]*\)\".*/\1/p" "$T/index") &&
	curl -s -b "$T/pcjar" "${U}api/lan" >"$OUT" &&
	[ "$(jq -r .fingerprint "$OUT")" = "$FP" ] && [ "$(jq -r .url "$OUT")" = "$L" ] &&
	[ "$(jq -r ".devices[0]" "$OUT")" = "$(cat "$T/dev")" ] &&
	curl -s -b "$T/pcjar" -X POST -H "Origin: http://127.0.0.1:$PORT" -H "X-Midback-Token: $ptok" "${U}api/pair" >"$OUT" &&
	jq -r .svg "$OUT" >"$T/qr.svg" && has "$T/qr.svg" "<svg" &&
	[ "$(jq -r .seconds "$OUT")" = 120 ] &&
	jq -r .link "$OUT" >"$T/link2" && grep -q "^https://$LAN:$PORT/pair?k=[0-9a-f]\{32\}$" "$T/link2" &&
	{ ! command -v xmllint >/dev/null || xmllint --noout "$T/qr.svg"; } &&
	s=$(status "$OUT" "$PAIR") && [ "$s" = 403 ]
'

# qrpbm: the half-block QR code on stdin as a PBM image, four blank
# modules around it and each module 4 pixels, for zbarimg.
qrpbm() {
	python3 -c '
import sys
rows = [l.rstrip("\n")[2:] for l in sys.stdin if l.startswith("  ") and
        any(c in l for c in "\u2580\u2584\u2588")]
w = max(len(r) for r in rows)
top = {"\u2580": (1, 0), "\u2584": (0, 1), "\u2588": (1, 1)}
grid = []
for r in rows:
    r = r.ljust(w)
    grid.append([top.get(c, (0, 0))[0] for c in r])
    grid.append([top.get(c, (0, 0))[1] for c in r])
q, s = 4, 4
W, H = (w + 2 * q) * s, (len(grid) + 2 * q) * s
print("P1", W, H)
for y in range(H):
    gy = y // s - q
    print(" ".join(str(grid[gy][x // s - q]
                       if 0 <= gy < len(grid) and 0 <= x // s - q < w else 0)
                   for x in range(W)))
'
}

t 'lan-16 both QR codes read back as their links' '
	if ! command -v zbarimg >/dev/null || ! command -v rsvg-convert >/dev/null; then
		echo "# skipped: zbarimg or rsvg-convert is missing"; return 0
	fi
	sed -n "/^To pair a phone/,/^The phone/p" "$T/serve.out" | qrpbm >"$T/qr.pbm" &&
	zbarimg -q --raw "$T/qr.pbm" >"$T/read" && same "$T/read" "$PAIR" &&
	rsvg-convert -w 400 -b white "$T/qr.svg" >"$T/qr.png" &&
	zbarimg -q --raw "$T/qr.png" >"$T/read" && same "$T/read" "$(cat "$T/link2")"
'

t 'lan-9 --forget unpairs at once; unknown names are told' '
	run 1 "$MIDBACK" serve --forget "iPhone" && has "$ERR" "no paired phone is named '\''iPhone'\''" &&
	run 0 "$MIDBACK" serve --forget "Pixel 8" && has "$OUT" "forgot Pixel 8, paired" &&
	s=$(status "$OUT" -b "$T/jar" "$L") && [ "$s" = 401 ] && has "$OUT" "forgotten" &&
	s=$(status "$OUT" -b "$T/jar" "${L}api/today") && [ "$s" = 401 ] &&
	run 0 "$MIDBACK" serve --devices && has "$OUT" "no phone is paired"
'

t 'lan-10 wrong pairing links are rate-limited (429 after 6 a minute); the right one still pairs' '
	stop && start &&
	for i in 1 2 3 4 5 6; do
		s=$(status "$OUT" "${L}pair?k=0123456789abcdef0123456789abcdef")
		[ "$s" = 403 ] || { echo "try $i: $s"; exit 1; }
	done &&
	s=$(status "$OUT" -D "$T/h" "${L}pair?k=${PAIR##*k=}0") && [ "$s" = 429 ] &&
	has "$OUT" "tried too often" && grep -qi "^retry-after: 60" "$T/h" &&
	s=$(status "$OUT" -A "$UA" "$PAIR") && [ "$s" = 303 ] &&
	s=$(status "$OUT" "$PAIR") && [ "$s" = 429 ] &&
	stop &&
	run 0 "$MIDBACK" serve --forget "Pixel 8" && has "$OUT" "forgot Pixel 8"
'

t 'lan-11 the certificate is kept across starts' '
	fp1=$FP && start && [ "$FP" = "$fp1" ] && has "$T/serve.out" "(kept)" && stop
'

t 'lan-12 an expired link is refused with a page that says so' '
	MIDBACK_TEST_CLOCK="at=2026-03-02T10:00:00,since=$(date +%s),scale=1000" start &&
	sleep 0.5 &&
	s=$(status "$OUT" -A "$UA" "$PAIR") && [ "$s" = 403 ] && has "$OUT" "has expired" &&
	stop && run 0 "$MIDBACK" serve --devices && has "$OUT" "no phone is paired"
'

t 'lan-13 the default address is the default route'\''s; a bad one is told' '
	start && [ "$L" = "https://$LAN:$PORT/" ] && stop &&
	run 1 "$MIDBACK" serve --port 0 --lan 127.0.0.1 && has "$ERR" "not a network address" &&
	run 1 "$MIDBACK" serve --port 0 --lan 10.77.0.9 && has "$ERR" "not an address of this computer" &&
	run 1 "$MIDBACK" serve --port 0 --lan nowhere && has "$ERR" "'\''nowhere'\'' is not an IPv4 or IPv6 address" &&
	run 2 "$MIDBACK" serve 10.77.0.1 && has "$ERR" "an ADDRESS goes with --lan" &&
	run 2 "$MIDBACK" serve --devices --forget x
'

t 'lan-14 a damaged certificate is named, not replaced' '
	cp "$XDG_DATA_HOME/midback/serve-cert.pem" "$T/cert.bak" &&
	echo junk >"$XDG_DATA_HOME/midback/serve-cert.pem" &&
	run 1 "$MIDBACK" serve --port 0 --lan "$LAN" &&
	has "$ERR" "serve-cert.pem: not a certificate" &&
	same "$XDG_DATA_HOME/midback/serve-cert.pem" junk
'

