/*
 * poses.h -- an exercise's keyframes as the camera mode measures them:
 * joint angles, and the joints' places in the room and in the figure's
 * view (coach/poses.c).
 */
#ifndef MIDBACK_COACH_POSES_H
#define MIDBACK_COACH_POSES_H

#include <jansson.h>

#include "core/catalog.h"

/* The exercise's keyframes as JSON, or NULL when it has no figure. */
json_t	*poses_json(const struct exercise *);

#endif
