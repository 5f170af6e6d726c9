/*
 * play.h -- playing a session in real time, on a terminal screen or as
 * plain lines, and recording it as it goes. Used by `start` and `break`.
 */
#ifndef MIDBACK_PLAY_H
#define MIDBACK_PLAY_H

#include <stdint.h>
#include <stdio.h>

#include "core/catalog.h"
#include "core/plan.h"
#include "core/session.h"

struct clock;
struct store;
struct voice;

struct play_opts {
	int		 plain;		/* lines, not the screen */
	const struct clock *clock;	/* NULL: the process's clock */
	FILE		*trace;		/* JSON line per transition, or NULL */
	struct voice	*voice;		/* spoken cues, or NULL */
	struct store	*store;		/* where items are recorded */
	int64_t		 session_id;	/* the store's session */
	int		 position;	/* the first item's position */
	int		 carried_bad;	/* bad answers before a resume */
};

/*
 * Play plan p to its end, recording each item in the store as soon as the
 * session moves past it and setting aside what the pain rule stops.
 * Returns how the session ended, and SESSION_END_NONE if the store failed
 * (after saying so).
 */
enum session_end	play(const struct catalog *, const struct plan *p,
			    const struct play_opts *);

/* The store's status for a session that ended so: finished, quit, stopped. */
const char		*play_status(enum session_end);
/* The store's end reason for it, or NULL. */
const char		*play_end_reason(enum session_end);

#endif
