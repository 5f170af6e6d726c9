/*
 * figsvg.h -- an exercise's figure as SVG text: a still of one keyframe,
 * the animated loop (CSS), or a contact sheet of every exercise. Pure:
 * returns a string; the caller writes it where it wants (a file, the
 * terminal, an HTTP response).
 */
#ifndef MIDBACK_FIGSVG_H
#define MIDBACK_FIGSVG_H

#include "catalog.h"

struct figsvg_opts {
	int	pose;		/* a keyframe (0-based); -1: the animation */
	int	both_sides;	/* the animation plays the second side too */
	double	px_per_cm;	/* size of the picture; 0: 2 */
	int	camera;		/* -1: the exercise's own */
	double	at_s;		/* >= 0 (and pose -1): a still of the loop
				   of both sides at this second */
};

#define FIGSVG_OPTS_INIT { -1, 0, 0, -1, -1 }

/*
 * The SVG document of x's figure, or NULL when x has none (or o->pose is
 * not one of its keyframes). The caller frees it.
 */
char	*figure_svg(const struct exercise *x, const struct figsvg_opts *o);
/*
 * A contact sheet: one row per exercise with a figure, each keyframe a
 * still, labelled. The caller frees it.
 */
char	*figure_sheet_svg(const struct catalog *c);

#endif
