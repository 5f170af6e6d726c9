/*
 * pageout.h -- the reminder daemon's event loop, lean while it waits.
 */
#ifndef MIDBACK_REMIND_PAGEOUT_H
#define MIDBACK_REMIND_PAGEOUT_H

#include <systemd/sd-event.h>

/*
 * sd_event_loop(ev), giving back before every wait the pages that
 * waiting does not need (see pageout.c). Returns the loop's exit code,
 * or a negative errno if it failed.
 */
int	pageout_loop(sd_event *ev);

#endif
