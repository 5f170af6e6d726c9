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

# unseen TEXT: wait (30 s at most, a hang guard) until the pane of $S no
# longer shows TEXT.
unseen() {
	uw=0
	while grab && grep -qF -- "$1" "$PANE"; do
		uw=$((uw + 1))
		if [ "$uw" -gt 300 ]; then
			echo "the pane still shows: $1"
			sed 's/^/|/' "$PANE"
			return 1
		fi
		sleep 0.1
	done
}

# screened [FILE]: the red-flag screen answered (no to each sign, the
# notice accepted) in a plain run of one exercise, so that the player
# starts at the session; its output into FILE.
screened() {
	printf 'n\nn\nn\nn\ny\n' |
	    "$MIDBACK" start --routine "$TOP/tests/data/routine-one-hold.yaml" \
	    >"${1:-/dev/null}" 2>&1
}

# player W H ROUTINE [VAR=VALUE...]: `midback start --routine ROUTINE
# --no-resume` as tmux session $S, W columns by H rows, in the test's own
# home, VAR=VALUE added to its environment; "EXIT=N" shows its status.
player() {
	_pw=$1 _ph=$2 _pr=$3
	shift 3
	tm new-session -d -s "$S" -x "$_pw" -y "$_ph" "env \
XDG_CONFIG_HOME='$XDG_CONFIG_HOME' XDG_DATA_HOME='$XDG_DATA_HOME' \
HOME='$HOME' LC_ALL=C.UTF-8 TERM=xterm-256color $* '$MIDBACK' start \
--routine '$_pr' --no-resume; echo EXIT=\$?; sleep 30"
}

# quit_player [ASKED]: q, yes to the question, Enter to the pain question
# (ASKED, or the start of it, which a narrow pane may fold): the player
# ends with status 0.
quit_player() {
	tm send-keys -t "$S" q &&
	see "Quit the session? y/n" &&
	tm send-keys -t "$S" y &&
	see "${1:-How much does your back hurt now}" &&
	tm send-keys -t "$S" Enter &&
	see "EXIT=0"
}
