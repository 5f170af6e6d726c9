/*
 * pageout.h -- the reminder daemon's event loop, lean while it waits.
 */
#ifndef MIDBACK_REMIND_PAGEOUT_H
#define MIDBACK_REMIND_PAGEOUT_H

#include <systemd/sd-event.h>

/*
 * How long the loop must have had nothing to do before it gives its
 * pages back and waits for as long as it takes.
 */
#define PAGEOUT_QUIET_US	(2 * 1000 * 1000ULL)

/*
 * sd_event_loop(ev), giving back before a long wait (once nothing has
 * happened for PAGEOUT_QUIET_US) the pages that waiting does not need
 * (see pageout.c); never before the short waits of a burst of events.
 * Returns the loop's exit code, or a negative errno if it failed.
 */
int	pageout_loop(sd_event *ev);

#endif
