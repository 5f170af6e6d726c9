# tmux.sh -- what the tests of the full-screen player share, sourced
# after lib.sh: a tmux server on a socket of the test's own (killed on
# exit), and waiting for a pane to show a text. The test is skipped when
# tmux is not installed.
if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi

SOCK="mb$$"
PANE="$T/pane"
S=mb			# the session grab and see read
trap 'tmux -L "$SOCK" kill-server >/dev/null 2>&1; rm -rf "$T"' EXIT

tm() {
	tmux -L "$SOCK" "$@"
}

# grab: the text of session $S's pane into $PANE.
grab() {
	tm capture-pane -p -t "$S" >"$PANE" 2>/dev/null
}

# see TEXT [TENTHS]: wait (30 s, or TENTHS tenths of a second) until the
# pane of $S shows the fixed string TEXT; $PANE holds the last capture.
# The limit is a guard against a hang, generous for a busy machine.
see() {
	sw=0
	until grab && grep -qF -- "$1" "$PANE"; do
		sw=$((sw + 1))
		if [ "$sw" -gt "${2:-300}" ]; then
			echo "the pane does not show: $1"
			sed 's/^/|/' "$PANE"
			return 1
		fi
		sleep 0.1
	done
}
