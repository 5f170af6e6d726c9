# t0830-export-output.sh -- export --output writes into a device or a
# pipe as a stream, never turns it into a file, says when a write fails,
# and refuses a folder.
. "$TOP/tests/cli/lib.sh"

Q="'"

"$MIDBACK" checkin --pain 3 --note "for the file" >/dev/null 2>&1

# A device that is always full: our own node when we may make one, so
# that a broken export cannot replace the system's /dev/full.
full=""
if mknod "$T/full" c 1 7 2>/dev/null; then
	full="$T/full"
elif [ ! -w /dev ] && [ -c /dev/full ]; then
	full=/dev/full
fi

t 'output-1: a full device is a write error, exit 1, and stays a device' '
	if [ -z "$full" ]; then echo "# skip: no full device"; exit 0; fi
	run 1 "$MIDBACK" export --output "$full" &&
	same "$ERR" "midback: export: cannot write ${Q}$full${Q}: No space left on device" &&
	test -c "$full" &&
	run 1 "$MIDBACK" export --format csv --output "$full" &&
	test -c "$full"
'

t 'output-2: a FIFO is written as a stream and stays a FIFO' '
	mkfifo "$T/fifo" &&
	{ timeout 20 cat "$T/fifo" >"$T/got" & } &&
	run 0 "$MIDBACK" export --output "$T/fifo" &&
	wait &&
	test -p "$T/fifo" &&
	"$MIDBACK" export >"$T/want" &&
	cmp "$T/want" "$T/got" &&
	run 0 "$MIDBACK" export --output /dev/null &&
	test -c /dev/null
'

t 'output-3: a folder is refused and left alone' '
	mkdir "$T/dir" &&
	run 1 "$MIDBACK" export --output "$T/dir" &&
	same "$ERR" "midback: export: cannot write ${Q}$T/dir${Q}: not a regular file, a character device or a pipe" &&
	test -d "$T/dir" &&
	test -z "$(ls "$T" | grep tmp-)"
'

t 'output-4: a regular file is replaced whole, readable only by its owner' '
	echo old >"$T/h.json" &&
	chmod 644 "$T/h.json" &&
	run 0 "$MIDBACK" export --output "$T/h.json" &&
	has "$T/h.json" "\"note\": \"for the file\"" &&
	test "$(stat -c %a "$T/h.json")" = 600 &&
	test -z "$(ls "$T" | grep tmp-)"
'
