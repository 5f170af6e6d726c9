/*
 * figure.h -- the human model that shows an exercise: an articulated
 * skeleton with human joint limits and simple body volumes, forward
 * kinematics, a solver that keeps the contacts (hands on the floor, the
 * back at the wall), motion in step with a session's phases, and a scene
 * of projected shapes in depth order for a renderer (figsvg.h,
 * figraster.h) to draw.
 *
 * Pure: no clock, no output. Lengths are centimetres, angles degrees.
 * The room: x forward (where the figure faces in its first pose), y up,
 * z to the figure's right; the floor is y = 0, a wall is the plane x = 0
 * behind the figure, a chair's seat is FIG_SEAT_H above the floor.
 */
#ifndef MIDBACK_FIGURE_H
#define MIDBACK_FIGURE_H

#include "catalog.h"
#include "dose.h"
#include "figspec.h"

#define FIG_SEAT_H	43.2	/* a chair's seat: thighs level, shins
				   upright, feet flat */

/* Joint angles of one moment, and how far a breath has filled. */
struct fig_angles {
	double		deg[FJ_COUNT][FA_COUNT];
	double		breath;		/* 0 empty .. 1 full */
	unsigned	contacts;	/* FCON_* to hold in this moment */
	int		mirror;		/* the second side: props mirrored */
};

/* End points that are not joints. */
enum fig_end {
	FE_LHAND, FE_RHAND,		/* fingertips */
	FE_LTOE, FE_RTOE, FE_LHEEL, FE_RHEEL,
	FE_HEAD, FE_NOSE,		/* the head's centre, the nose */
	FE_COUNT
};

/* The body placed in the room. */
struct fig_body {
	double		p[FJ_COUNT][3];	/* joint centres */
	double		r[FJ_COUNT][9];	/* joint frames, row-major */
	double		e[FE_COUNT][3];
	double		breath;
};

/* The capsules the body is made of (and that contacts are measured on). */
enum fig_part {
	FP_PELVIS, FP_LUMBAR1, FP_LUMBAR2, FP_THORAX1, FP_THORAX2,
	FP_THORAX3, FP_NECK,
	FP_LUARM, FP_RUARM, FP_LFOREARM, FP_RFOREARM, FP_LHAND, FP_RHAND,
	FP_LTHIGH, FP_RTHIGH, FP_LSHIN, FP_RSHIN, FP_LFOOT, FP_RFOOT,
	FP_COUNT
};

struct fig_capsule {
	double	a[3], b[3];
	double	rw, rd;			/* radius across and front to back */
};

void	fig_part(const struct fig_body *, int part, struct fig_capsule *);
#define FIG_HEAD_R	10.5

/* The neutral pose: standing, arms at the sides. */
void	fig_neutral(struct fig_angles *);
/* Keyframe i of f, mirrored for the second side when mirror is 1. */
void	fig_keyframe(const struct fig_spec *, int i, int mirror,
	    struct fig_angles *);
/* Angles a + (b - a) * t, joint by joint; contacts and mirror from b. */
void	fig_mix(const struct fig_angles *a, const struct fig_angles *b,
	    double t, struct fig_angles *out);
/* Ease in and out: 0 -> 0, 1 -> 1, flat at both ends. */
double	fig_ease(double t);
/* sin(x) and cos(x), without libm (see figure.c); |error| < 1e-15. */
void	fig_sincos(double x, double *s, double *c);

/* Forward kinematics with the pelvis at root. */
void	fig_fk(const struct fig_angles *, const double root[3],
	    struct fig_body *);
/*
 * Place the body in the room: the pelvis's place, and the angles f lets
 * the solver adjust (within their limits), so that a's contacts hold; with
 * no contacts, the lowest point rests on the floor. a is updated with the
 * adjusted angles. Returns the largest contact error left, in cm.
 */
double	fig_solve(const struct fig_spec *, struct fig_angles *a,
	    struct fig_body *out);
/*
 * Where the planted contacts of one side stay (solved from the anchor
 * keyframe), to solve many moments of that side without solving it again
 * for each: fig_solve_at() with it is fig_solve(); an anchor of another
 * side or other contacts is not used.
 */
struct fig_anchor {
	int		mirror;
	unsigned	contacts;
	int		n;
	double		p[8][3];
};
void	fig_anchor(const struct fig_spec *, int mirror, unsigned contacts,
	    struct fig_anchor *);
double	fig_solve_at(const struct fig_spec *, const struct fig_anchor *,
	    struct fig_angles *a, struct fig_body *out);
/*
 * The contact errors of a placed body: up to max values in cm (how far
 * each contact is from its surface, signed), returned count.
 */
int	fig_contact_errors(const struct fig_body *, unsigned contacts,
	    unsigned props, double *err, int max);
/*
 * The points of a placed body that stay put while it moves (a hand or knee
 * on the floor, the forearm on a door frame): up to max, returned count.
 */
int	fig_planted(const struct fig_spec *, const struct fig_body *,
	    unsigned contacts, double pts[][3], int max);
/* The lowest point of the body (cm above the floor; negative: under). */
double	fig_lowest(const struct fig_body *);

/*
 * The pose of a moment of a session: phase ph (its kind, side and rep),
 * elapsed_s into it. A rep cycles through the keyframes and back, a move
 * goes from the first to the last, a hold rests at the last (and lets go
 * at its end), a breath goes to keyframe 2 and back (or on to 3), the
 * second side is the mirror.
 */
void	fig_at_phase(const struct fig_spec *, const struct phase *ph,
	    double elapsed_s, struct fig_angles *out);
/*
 * The loop an animation plays: keyframe by keyframe and back, on the
 * first side (both sides when both is 1). Its length in seconds, and the
 * pose at t seconds.
 */
#define FIG_LOOP_STEP_S	1.6	/* from one keyframe to the next */
#define FIG_LOOP_HOLD_S	1.0	/* at the end pose, and at the start */
double	fig_loop_s(const struct fig_spec *, int both);
void	fig_loop_at(const struct fig_spec *, int both, double t,
	    struct fig_angles *out);

/* The scene: projected shapes, farthest first. */
enum fig_style {
	FS_BODY, FS_NEAR, FS_FAR,	/* trunk and head; limbs */
	FS_FLOOR, FS_MAT, FS_WALL, FS_CHAIR, FS_DOOR, FS_BAND, FS_BELL,
	FS_BLADE,			/* a shoulder blade on the back */
	FS_COUNT
};

enum fig_shape { FSH_CAPSULE, FSH_CIRCLE, FSH_POLY, FSH_LINE };

#define FIG_POLY_MAX	6
#define FIG_PRIMS_MAX	112

struct fig_prim {
	unsigned char	shape;		/* enum fig_shape */
	unsigned char	style;		/* enum fig_style */
	unsigned char	group;		/* shapes drawn as one outline */
	unsigned char	n;		/* points of a polygon */
	unsigned char	id;		/* the same shape in every frame */
	unsigned char	part;		/* the body part (trunk, a limb) or
					   prop it belongs to */
	double		x[FIG_POLY_MAX], y[FIG_POLY_MAX];
	double		r;		/* radius, or a line's width */
	double		z;		/* depth: larger is nearer the eye */
};

struct fig_scene {
	struct fig_prim	prim[FIG_PRIMS_MAX];
	int		n;
};

/* A rectangle of the picture plane, in cm, y up. */
struct fig_box {
	double	x0, y0, x1, y1;
};

/*
 * The scene of body b seen by camera. ref is the body the fixed props
 * (chair, doorway) are placed by, usually the solved first keyframe (the
 * last for a doorway); NULL places them by b.
 */
void	fig_scene(const struct fig_spec *, const struct fig_body *b,
	    const struct fig_body *ref, int mirror, int camera,
	    struct fig_scene *out);
/* The body the fixed props are placed by: keyframe 0 or the last one. */
void	fig_prop_ref(const struct fig_spec *, struct fig_body *out);
/*
 * The picture's frame: every pose of the loop on both sides, and the
 * props, with a margin.
 */
void	fig_frame(const struct fig_spec *, int camera, struct fig_box *);
/* The box around a scene's shapes (with their radii). */
void	fig_scene_bounds(const struct fig_scene *, struct fig_box *);
/* Project a point of the room: screen x, y and depth (toward the eye). */
void	fig_project(int camera, const double p[3], double out[3]);

#endif
