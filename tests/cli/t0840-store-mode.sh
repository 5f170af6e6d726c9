# t0840-store-mode.sh -- the database holds someone's pain ratings and
# notes: it and its -wal and -shm are created 0600 whatever the umask,
# and what is already there keeps its mode, with a warning when others
# can open it.
. "$TOP/tests/cli/lib.sh"

Q="'"
DB="$XDG_DATA_HOME/midback/midback.db"

mode() {
	stat -c %a "$1"
}

# hold DB: keep DB open in a sqlite3 of its own, as another program
# would, so that its -wal and -shm stay while the test looks; returns
# once that sqlite3 has read from it (it touches $T/held), and let_go
# ends it. Waiting for that, not for a second, holds on a busy machine.
hold() {
	rm -f "$T/hold" "$T/held" && mkfifo "$T/hold" &&
	{ sqlite3 "$1" <"$T/hold" >/dev/null 2>&1 & } &&
	exec 4>"$T/hold" &&
	printf "SELECT count(*) FROM pain_ratings;\n.shell touch %s\n" \
	    "$T/held" >&4 &&
	hw=0 &&
	until [ -e "$T/held" ]; do
		hw=$((hw + 1))
		[ "$hw" -le 300 ] || { echo "sqlite3 did not open $1"; return 1; }
		sleep 0.1
	done
}

let_go() {
	exec 4>&- && wait
}

t 'mode-1: under umask 022 the database and its folder are private' '
	umask 022 &&
	run 0 "$MIDBACK" checkin --pain 2 &&
	test "$(mode "$DB")" = 600 &&
	test "$(mode "$XDG_DATA_HOME/midback")" = 700
'

t 'mode-2: the -wal and -shm are 0600 too' '
	umask 022 &&
	# Hold the store open so the -wal and -shm stay while we look.
	hold "$DB" &&
	run 0 "$MIDBACK" checkin --pain 3 &&
	test -e "$DB-wal" && test -e "$DB-shm" &&
	test "$(mode "$DB-wal")" = 600 &&
	test "$(mode "$DB-shm")" = 600 &&
	let_go
'

t 'mode-3: an existing store and folder keep their modes' '
	umask 022 &&
	mkdir -p "$T/d2/midback" &&
	chmod 755 "$T/d2/midback" &&
	XDG_DATA_HOME="$T/d2" run 0 "$MIDBACK" checkin --pain 1 &&
	test "$(mode "$T/d2/midback")" = 755 &&
	test "$(mode "$T/d2/midback/midback.db")" = 600 &&
	chmod 700 "$T/d2/midback" &&
	chmod 640 "$T/d2/midback/midback.db" &&
	XDG_DATA_HOME="$T/d2" run 0 "$MIDBACK" checkin --pain 1 &&
	test "$(mode "$T/d2/midback/midback.db")" = 640
'

t 'mode-4: under umask 000 the database, -wal, -shm and folder are private' '
	umask 000 &&
	XDG_DATA_HOME="$T/u0" run 0 "$MIDBACK" checkin --pain 2 &&
	test "$(mode "$T/u0/midback")" = 700 &&
	test "$(mode "$T/u0/midback/midback.db")" = 600 &&
	test ! -s "$ERR" &&
	hold "$T/u0/midback/midback.db" &&
	XDG_DATA_HOME="$T/u0" run 0 "$MIDBACK" checkin --pain 3 &&
	test "$(mode "$T/u0/midback/midback.db-wal")" = 600 &&
	test "$(mode "$T/u0/midback/midback.db-shm")" = 600 &&
	let_go
'

t 'mode-5: a folder or store others can open is warned about, and kept' '
	umask 022 &&
	mkdir -p "$T/d5/midback" && chmod 755 "$T/d5/midback" &&
	XDG_DATA_HOME="$T/d5" run 0 "$MIDBACK" checkin --pain 1 &&
	same "$ERR" "midback: checkin: warning: others can open ${Q}$T/d5/midback${Q} (mode 755), where your history is; ${Q}chmod 700${Q} it to keep it to yourself" &&
	has "$OUT" "pain 1" &&
	test "$(mode "$T/d5/midback")" = 755 &&
	chmod 700 "$T/d5/midback" && chmod 644 "$T/d5/midback/midback.db" &&
	XDG_DATA_HOME="$T/d5" run 0 "$MIDBACK" log &&
	same "$ERR" "midback: log: warning: others can read ${Q}$T/d5/midback/midback.db${Q} (mode 644), your history; ${Q}chmod 600${Q} it to keep it to yourself" &&
	chmod 600 "$T/d5/midback/midback.db" &&
	XDG_DATA_HOME="$T/d5" run 0 "$MIDBACK" log &&
	test ! -s "$ERR"
'

# A small file system of its own, when this test may mount one (as root
# where mounting is allowed): filled up, then read only.
full_fs=
if [ "$(id -u)" = 0 ] && mkdir -p "$T/full" &&
    mount -t tmpfs -o size=512k,mode=0700 tmpfs "$T/full" 2>/dev/null; then
	full_fs=$T/full
	trap 'umount "$T/full" 2>/dev/null; rm -rf "$T"' EXIT
fi

if [ -n "$full_fs" ]; then
t 'full-1: on a full disk every command says the disk is full, exit 1, nothing changed' '
	XDG_DATA_HOME="$full_fs" run 0 "$MIDBACK" checkin --pain 3 &&
	{ dd if=/dev/zero of="$full_fs/fill" bs=4k 2>/dev/null || :; } &&
	cp "$full_fs/midback/midback.db" "$T/before.db" &&
	for c in log today export stats "checkin --pain 4"; do
		XDG_DATA_HOME="$full_fs" run 1 "$MIDBACK" $c &&
		has "$ERR" "midback: ${c%% *}: " &&
		has "$ERR" "the disk is full" || exit 1
	done &&
	cmp "$T/before.db" "$full_fs/midback/midback.db" &&
	rm "$full_fs/fill" &&
	XDG_DATA_HOME="$full_fs" run 0 "$MIDBACK" log &&
	has "$OUT" "pain 3"
'
t 'full-2: on a read-only data folder every command says it is not writable' '
	mount -o remount,ro "$full_fs" &&
	for c in log "checkin --pain 4"; do
		XDG_DATA_HOME="$full_fs" run 1 "$MIDBACK" $c &&
		has "$ERR" "the data folder is not writable" || { mount -o remount,rw "$full_fs"; exit 1; }
	done &&
	mount -o remount,rw "$full_fs"
'
else
	n=$((n + 1))
	echo "ok $n - full-1 # SKIP cannot mount a small tmpfs (needs root where mounting is allowed)"
	n=$((n + 1))
	echo "ok $n - full-2 # SKIP cannot mount a small tmpfs"
fi
