/*
 * idle.h -- whether the person is at the machine: away from the keyboard,
 * back, the machine asleep, the session locked. For `remind`, which should
 * not nag an empty chair and may count time away as a break.
 *
 * Each kind of report comes from a source: the X server, GNOME's idle
 * monitor, logind; idle_open() starts those that are there. All of them
 * are driven by the caller's sd-event loop and wait on events, not on a
 * timer (one exception: "x11-screensaver", see below). Errors are returned
 * through char **cause, an allocated message the caller frees (cause may
 * be NULL). Nothing here prints.
 */
#ifndef MIDBACK_IDLE_H
#define MIDBACK_IDLE_H

#include <stdint.h>

#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

struct idle;

enum idle_event {
	IDLE_AWAY,	/* no input for the threshold */
	IDLE_BACK,	/* input again after IDLE_AWAY */
	IDLE_SLEEP,	/* the machine is about to suspend */
	IDLE_WAKE,	/* it has resumed */
	IDLE_LOCK,	/* the session was locked */
	IDLE_UNLOCK	/* and unlocked */
};

/*
 * Called from the event loop. The events of each pair alternate, starting
 * with AWAY, SLEEP and LOCK (repeats from several sources are dropped
 * here). at_usec is CLOCK_MONOTONIC in microseconds: for IDLE_AWAY the
 * time of the last input, so about the threshold before the call, as far
 * as the source can tell; for the others the time the event was seen.
 * CLOCK_MONOTONIC stops while the machine sleeps: use CLOCK_BOOTTIME to
 * measure across IDLE_SLEEP and IDLE_WAKE. The callback may not call
 * idle_close().
 */
typedef void	idle_cb(void *arg, enum idle_event ev, uint64_t at_usec);

/*
 * Start watching. threshold_ms is how long without input counts as away
 * (1 ms to INT32_MAX ms).
 *
 * sources is NULL to start every source that is there, or a list of
 * source names separated by commas to start those, in that order, each of
 * which must then be there. The names:
 *
 *	mutter		GNOME's org.gnome.Mutter.IdleMonitor on the session
 *			bus (GNOME on Wayland or X11): AWAY, BACK
 *	x11-sync	the X server's IDLETIME counter with alarms (the SYNC
 *			extension), when $DISPLAY is set and $WAYLAND_DISPLAY
 *			is not (under Wayland the X server sees only the
 *			input of X programs): AWAY, BACK
 *	x11-screensaver	the MIT-SCREEN-SAVER extension, for an X server
 *			without SYNC's IDLETIME (none since X.Org 1.8,
 *			2010): AWAY, BACK. It has no event for input, so it
 *			looks once per threshold while the person is there
 *			and once a second while they are away.
 *	logind		systemd-logind on the system bus: SLEEP, WAKE, and
 *			LOCK, UNLOCK for this session ($XDG_SESSION_ID, else
 *			this process's session, else the user's graphical
 *			session)
 *
 * With sources NULL, the first of mutter, x11-sync, x11-screensaver that
 * is there reports AWAY and BACK, and logind the rest. system_bus and
 * user_bus are the buses to use, or NULL to open them when a source needs
 * them ($DBUS_SYSTEM_BUS_ADDRESS and $DBUS_SESSION_BUS_ADDRESS are
 * honoured); a bus is attached to ev if it is attached to no loop. A
 * missing bus or service is not an error then; it means one source less.
 *
 * Returns NULL with *cause set if threshold_ms is out of range, sources
 * names an unknown source, or a source it names is not there.
 */
struct idle	*idle_open(sd_event *ev, sd_bus *system_bus, sd_bus *user_bus,
		    uint64_t threshold_ms, const char *sources, idle_cb *cb,
		    void *arg, char **cause);

/*
 * The sources running, in order, e.g. "x11-sync, logind", or "none". A
 * source whose server went away (the X server ended) is no longer
 * listed. Valid until the next event or idle_close().
 */
const char	*idle_sources(struct idle *);

/* Whether the last of IDLE_AWAY and IDLE_BACK was IDLE_AWAY. */
int		 idle_away(struct idle *);

/* The event's name: "away", "back", "sleep", "wake", "lock", "unlock". */
const char	*idle_event_name(enum idle_event);

/* Stop every source and free everything. Accepts NULL. */
void		 idle_close(struct idle *);

#endif
