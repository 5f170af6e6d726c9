/*
 * idle-source.h -- what a source of idle reports is made of; private to
 * src/remind/idle*.c.
 *
 * A source is one file, idle-NAME.c, that defines a const struct
 * idle_source_ops and reports through idle_emit(). To add one (a Wayland
 * ext-idle-notify-v1 source, say), write that file and put its ops in the
 * table in idle.c, before the sources it should win over.
 */
#ifndef MIDBACK_IDLE_SOURCE_H
#define MIDBACK_IDLE_SOURCE_H

#include <stdint.h>

#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

#include "remind/idle.h"

struct idle_source_ops {
	const char	*name;		/* as in idle_open()'s sources */
	int		 activity;	/* it reports AWAY and BACK: when the
					   sources are picked, only the first
					   such source that opens runs */
	/*
	 * Start watching for i, with the source's own state in *state from
	 * the moment it is made. Returns 0, or -1 with *cause set (never
	 * NULL) when the source is not there: then idle.c calls close() on
	 * *state, if there is one. The cause is shown only when the source
	 * was asked for by name.
	 */
	int		 (*open)(struct idle *i, void **state, char **cause);
	/* Stop and free the state open() made (never NULL). */
	void		 (*close)(void *state);
};

extern const struct idle_source_ops idle_mutter_ops;
extern const struct idle_source_ops idle_x11_sync_ops;
extern const struct idle_source_ops idle_x11_screensaver_ops;
extern const struct idle_source_ops idle_logind_ops;

/* The loop everything runs on. */
sd_event	*idle_loop(struct idle *);
/* How long without input counts as away, in milliseconds. */
uint64_t	 idle_threshold_ms(struct idle *);
/* CLOCK_MONOTONIC now, in microseconds (the loop's time of wake-up). */
uint64_t	 idle_now(struct idle *);
/*
 * The session or system bus, given to idle_open() or opened on first
 * use, attached to the loop; owned by i. NULL with *cause set if there is
 * none.
 */
sd_bus		*idle_user_bus(struct idle *, char **cause);
sd_bus		*idle_system_bus(struct idle *, char **cause);
/*
 * The system bus (system) or the session bus, if the service name is on
 * it; else NULL with *cause set (to missing if the bus is there).
 */
sd_bus		*idle_service_bus(struct idle *, int system, const char *name,
		    const char *missing, char **cause);
/* Report ev; idle.c drops repeats and calls the caller's callback. */
void		 idle_emit(struct idle *, enum idle_event ev,
		    uint64_t at_usec);
/*
 * The source with this state can report nothing more (its server went
 * away): idle_sources() stops listing it. Its close() is still called.
 */
void		 idle_source_gone(struct idle *, void *state);

#endif
