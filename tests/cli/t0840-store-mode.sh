# t0840-store-mode.sh -- the database holds someone's pain ratings and
# notes: it and its -wal and -shm are created 0600 whatever the umask,
# and what is already there keeps its mode.
. "$TOP/tests/cli/lib.sh"

DB="$XDG_DATA_HOME/midback/midback.db"

mode() {
	stat -c %a "$1"
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
	{ { echo "SELECT count(*) FROM pain_ratings;"; sleep 4; } |
	    sqlite3 "$DB" >/dev/null & } &&
	sleep 1 &&
	run 0 "$MIDBACK" checkin --pain 3 &&
	test -e "$DB-wal" && test -e "$DB-shm" &&
	test "$(mode "$DB-wal")" = 600 &&
	test "$(mode "$DB-shm")" = 600 &&
	wait
'

t 'mode-3: an existing store and folder keep their modes' '
	umask 022 &&
	mkdir -p "$T/d2/midback" &&
	chmod 755 "$T/d2/midback" &&
	XDG_DATA_HOME="$T/d2" run 0 "$MIDBACK" checkin --pain 1 &&
	test "$(mode "$T/d2/midback")" = 755 &&
	test "$(mode "$T/d2/midback/midback.db")" = 600 &&
	chmod 640 "$T/d2/midback/midback.db" &&
	XDG_DATA_HOME="$T/d2" run 0 "$MIDBACK" checkin --pain 1 &&
	test "$(mode "$T/d2/midback/midback.db")" = 640
'
