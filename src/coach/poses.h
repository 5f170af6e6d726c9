/*
 * poses.h -- an exercise's keyframes as the camera mode measures them:
 * joint angles, and the joints' places in the room and in the figure's
 * view (coach/poses.c).
 */
#ifndef MIDBACK_COACH_POSES_H
#define MIDBACK_COACH_POSES_H

#include <jansson.h>

#include "coach/coach.h"
#include "core/catalog.h"

/* The exercise's keyframes as JSON, or NULL when it has no figure. */
json_t	*poses_json(const struct exercise *);

/*
 * What the camera mode saw of the exercise being played in cs: what is
 * "reps" (counted so far), "hold" (seconds held so far), or a form flag
 * said once ("chin", "low-back", "hips", "shrug", value 1). Stored with
 * the session; *exercise is the exercise's id. 0, or -1 with *err.
 */
int	coach_camera_mark(struct coach_session *cs, const char *what,
	    int value, const char **exercise, char **err);

#endif
