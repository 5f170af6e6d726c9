# xsession.sh -- a private desktop for tests: an X display (Xvfb), a
# session bus (dbus-daemon) and a notification daemon (dunst) on them.
#
# Sourced by shell tests. Nothing here touches the person's own display,
# bus or notification daemon: the bus has a configuration of its own with
# no service directories, so nothing on it is started by activation, and
# every process started is killed by xsession_stop.
#
#   xsession_start [-n]     start Xvfb, the bus and dunst (-n: no dunst);
#                           exports DISPLAY and DBUS_SESSION_BUS_ADDRESS.
#                           Returns 1 with the reason in $XSESSION_WHY if a
#                           tool is missing or something did not start.
#   xsession_dunst          start dunst (again), after xsession_start -n
#                           or after a test killed it.
#   xsession_system_bus     start a second bus and export it as
#                           DBUS_SYSTEM_BUS_ADDRESS, for a stand-in logind.
#   xsession_stop           kill everything started and remove the files;
#                           safe to call twice. Call it from the test's
#                           EXIT trap, and make signals exit (trap 'exit 1'
#                           HUP INT TERM) so that the trap runs on them.
#   xsession_has_name NAME  NAME has an owner on the session bus.
#   xsession_wait_name NAME wait (10 s) until it has.
#
# dunst reads $XSESSION_DIR/dunstrc; a test adds rules of its own by
# setting XSESSION_DUNST_RULES (dunstrc text) before starting it.
# XSESSION_XVFB_PID and XSESSION_DUNST_PID are there for tests that make a
# server go away. Logs are in $XSESSION_DIR: xvfb.log, bus.log, dunst.log.

XSESSION_DIR=
XSESSION_PIDS=
XSESSION_WHY=
XSESSION_XVFB_PID=
XSESSION_DUNST_PID=

# _xsession_wait_file FILE: wait (10 s) until FILE has a complete line
# (the servers write theirs in one go, but look for the newline anyway).
_xsession_wait_file() {
	_xw=0
	until [ -s "$1" ] &&
	    [ "$(tail -c 1 "$1" | od -An -c | tr -d ' ')" = '\n' ]; do
		_xw=$((_xw + 1))
		[ "$_xw" -gt 100 ] && return 1
		sleep 0.1
	done
}

# _xsession_bus NAME: start a bus whose address ends up in
# $XSESSION_DIR/NAME.address; its pid is added to XSESSION_PIDS.
_xsession_bus() {
	cat >"$XSESSION_DIR/$1.conf" <<-CONF
	<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
	 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
	<busconfig>
	  <type>session</type>
	  <listen>unix:path=$XSESSION_DIR/$1.socket</listen>
	  <auth>EXTERNAL</auth>
	  <policy context="default">
	    <allow send_destination="*" eavesdrop="true"/>
	    <allow eavesdrop="true"/>
	    <allow own="*"/>
	  </policy>
	</busconfig>
	CONF
	dbus-daemon --config-file="$XSESSION_DIR/$1.conf" --nofork \
	    --nopidfile --print-address=3 3>"$XSESSION_DIR/$1.address" \
	    </dev/null >>"$XSESSION_DIR/bus.log" 2>&1 &
	XSESSION_PIDS="$! $XSESSION_PIDS"
	_xsession_wait_file "$XSESSION_DIR/$1.address" || {
		XSESSION_WHY="the $1 bus did not start"
		return 1
	}
}

xsession_has_name() {
	dbus-send --session --print-reply=literal --dest=org.freedesktop.DBus \
	    /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner \
	    "string:$1" 2>/dev/null | grep -q true
}

xsession_wait_name() {
	_xn=0
	until xsession_has_name "$1"; do
		_xn=$((_xn + 1))
		[ "$_xn" -gt 100 ] && return 1
		sleep 0.1
	done
}

xsession_start() {
	_xdunst=1
	[ "${1:-}" = -n ] && _xdunst=0
	for _xt in Xvfb dbus-daemon dbus-send; do
		command -v "$_xt" >/dev/null 2>&1 || {
			XSESSION_WHY="$_xt is not installed"
			return 1
		}
	done
	if [ "$_xdunst" -eq 1 ] && ! command -v dunst >/dev/null 2>&1; then
		XSESSION_WHY="dunst is not installed"
		return 1
	fi
	XSESSION_DIR=$(mktemp -d "${TMPDIR:-/tmp}/xsession.XXXXXX") || return 1

	# Xvfb picks a free display itself and writes its number to fd 3.
	Xvfb -displayfd 3 -nolisten tcp -screen 0 1024x768x24 \
	    3>"$XSESSION_DIR/display" </dev/null >"$XSESSION_DIR/xvfb.log" 2>&1 &
	XSESSION_XVFB_PID=$!
	XSESSION_PIDS="$! $XSESSION_PIDS"
	_xsession_wait_file "$XSESSION_DIR/display" || {
		XSESSION_WHY="Xvfb did not start: $(tail -n 3 "$XSESSION_DIR/xvfb.log")"
		return 1
	}
	DISPLAY=:$(cat "$XSESSION_DIR/display")
	export DISPLAY
	# The X11 things under test must not think they are under Wayland.
	unset WAYLAND_DISPLAY XDG_SESSION_TYPE

	_xsession_bus session || return 1
	DBUS_SESSION_BUS_ADDRESS=$(cat "$XSESSION_DIR/session.address")
	export DBUS_SESSION_BUS_ADDRESS

	[ "$_xdunst" -eq 1 ] || return 0
	xsession_dunst
}

xsession_dunst() {
	command -v dunst >/dev/null 2>&1 || {
		XSESSION_WHY="dunst is not installed"
		return 1
	}
	cat >"$XSESSION_DIR/dunstrc" <<-RC
	[global]
	    font = Monospace 8
	    # Read markup in bodies (dunst's usual setting), so that
	    # clients escape their text.
	    markup = full
	    # Never keep a notification because the (virtual) person is idle.
	    idle_threshold = 0
	    # No context menu: a test must never wait on one.
	    dmenu = /bin/false
	    browser = /bin/false
	    mouse_left_click = do_action
	${XSESSION_DUNST_RULES:-}
	RC
	dunst -config "$XSESSION_DIR/dunstrc" </dev/null \
	    >>"$XSESSION_DIR/dunst.log" 2>&1 &
	XSESSION_DUNST_PID=$!
	XSESSION_PIDS="$! $XSESSION_PIDS"
	xsession_wait_name org.freedesktop.Notifications || {
		XSESSION_WHY="dunst did not start: $(tail -n 3 "$XSESSION_DIR/dunst.log")"
		return 1
	}
}

xsession_system_bus() {
	_xsession_bus system || return 1
	DBUS_SYSTEM_BUS_ADDRESS=$(cat "$XSESSION_DIR/system.address")
	export DBUS_SYSTEM_BUS_ADDRESS
}

xsession_stop() {
	# Newest first: dunst before its bus and display.
	for _xp in $XSESSION_PIDS; do
		kill "$_xp" 2>/dev/null
	done
	for _xp in $XSESSION_PIDS; do
		wait "$_xp" 2>/dev/null
	done
	XSESSION_PIDS=
	[ -n "$XSESSION_DIR" ] && rm -rf "$XSESSION_DIR"
	XSESSION_DIR=
}
