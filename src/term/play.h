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
#include "coach/coach.h"

struct coach_session;
struct voice;

struct play_opts {
	int		 plain;		/* lines, not the screen */
	FILE		*trace;		/* JSON line per transition, or NULL */
	struct voice	*voice;		/* spoken cues, or NULL */
};

/*
 * Play the coach's session to its end, on the screen or as plain lines;
 * the coach records each exercise as the session moves past it. Returns
 * how the session ended, or SESSION_END_NONE with *err set if the store
 * failed (the session is then stopped where it was).
 */
enum session_end	play(struct coach_session *, const struct play_opts *,
			    int *taken, char **err);

/* A guided session from start to end, for `start` and `break`. */
struct play_guide {
	enum coach_kind		 kind;
	const struct plan	*plan;		/* a new session's plan */
	long			 day;
	int			 minutes;
	const char		*routine;	/* a routine file's name, or
						   NULL */
	const struct coach_unfinished *resume;	/* or NULL: begin plan */
	int			 ask_pain;	/* before and after */
	int			 plain;
	const char		*trace;		/* a file, or NULL */
	int			 voice;
	const char		*name;		/* the command, for messages */
};

/*
 * The coach's gate before a session, asked in the terminal: a session
 * playing elsewhere (taken over only if the person says so, and only
 * when took is not NULL; *took is then 1, and the caller resumes it), and the red-flag screen whenever it
 * comes first. Returns 0 to go on, 1 when no session now (*err is the
 * sentence to say), -1 with *err set.
 */
int			play_gate(struct coach *, int *took, char **err);
/*
 * The red-flag screen if it is still open, pain before, the player, how
 * it went, pain after; every step recorded through the coach. Returns 0,
 * 1 when the coach's gate refuses (*err is its sentence), or -1 with
 * *err set.
 */
int			play_guided(struct coach *, const struct play_guide *,
			    char **err);

#endif
