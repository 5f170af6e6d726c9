/*
 * t-figure.c -- the human model: kinematics, limits, contacts, mirror
 * images, motion in step with the phases, and the poses of every
 * exercise of the built-in catalog, keyframes and the frames between.
 */
#include <setjmp.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "catalog-fixture.h"

#include "core/catalog.h"
#include "core/dose.h"
#include "core/figraster.h"
#include "core/figsvg.h"
#include "core/figure.h"

static double
dist(const double *a, const double *b)
{
	return (sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) *
	    (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2])));
}

/* Standing neutral: about 175 cm tall, feet on the floor. */
/* The figures' own sine and cosine agree with libm's over four turns. */
static void
sincos_matches_libm(void **state)
{
	double	x, s, c, worst = 0;

	(void)state;
	for (x = -4 * M_PI; x <= 4 * M_PI; x += 0.0007) {
		fig_sincos(x, &s, &c);
		if (fabs(s - sin(x)) > worst)
			worst = fabs(s - sin(x));
		if (fabs(c - cos(x)) > worst)
			worst = fabs(c - cos(x));
	}
	assert_true(worst < 1e-15);
	fig_sincos(0, &s, &c);
	assert_true(s == 0 && c == 1);
	fig_sincos(M_PI / 2, &s, &c);
	assert_true(fabs(s - 1) < 1e-16 && fabs(c) < 1e-16);
}

static void
neutral_stands_upright(void **state)
{
	struct fig_spec		f;
	struct fig_angles	a;
	struct fig_body		b;
	double			top;

	(void)state;
	memset(&f, 0, sizeof f);
	f.contacts = FCON_FEET;
	f.npose = 2;
	fig_neutral(&a);
	a.contacts = FCON_FEET;
	assert_true(fig_solve(&f, &a, &b) < 0.05);
	top = b.e[FE_HEAD][1] + FIG_HEAD_R;
	assert_true(top > 165 && top < 185);
	assert_true(fabs(fig_lowest(&b)) < 0.05);
	/* The head above the pelvis above the knees above the ankles. */
	assert_true(b.e[FE_HEAD][1] > b.p[FJ_PELVIS][1]);
	assert_true(b.p[FJ_PELVIS][1] > b.p[FJ_LKNEE][1]);
	assert_true(b.p[FJ_LKNEE][1] > b.p[FJ_LANKLE][1]);
	/* Left is -z, right +z; the toes point forward (+x). */
	assert_true(b.p[FJ_LSHOULDER][2] < 0 && b.p[FJ_RSHOULDER][2] > 0);
	assert_true(b.e[FE_LTOE][0] > b.p[FJ_LANKLE][0]);
}

/* Flexion goes the way a body bends: knees back, elbows and spine forward. */
static void
joints_bend_the_human_way(void **state)
{
	struct fig_angles	a;
	struct fig_body		b;
	double			root[3] = { 0, 100, 0 };

	(void)state;
	fig_neutral(&a);
	a.deg[FJ_LKNEE][FA_FLEX] = 90;
	a.deg[FJ_LELBOW][FA_FLEX] = 90;
	a.deg[FJ_THORAX1][FA_FLEX] = 20;
	a.deg[FJ_LSHOULDER][FA_SIDE] = 90;
	fig_fk(&a, root, &b);
	assert_true(b.p[FJ_LANKLE][0] < b.p[FJ_LKNEE][0] - 30);
	assert_true(b.p[FJ_RANKLE][0] > -1 && b.p[FJ_RANKLE][0] < 1);
	assert_true(b.p[FJ_NECK][0] > b.p[FJ_THORAX1][0]);
	/* Abduction takes the left arm out to the left. */
	assert_true(b.p[FJ_LELBOW][2] < b.p[FJ_LSHOULDER][2] - 25);
	assert_true(fabs(b.p[FJ_LELBOW][1] - b.p[FJ_LSHOULDER][1]) < 1);
}

static void
ease_and_mix(void **state)
{
	struct fig_angles	a, b, m;

	(void)state;
	assert_true(fig_ease(0) == 0 && fig_ease(1) == 1);
	assert_true(fabs(fig_ease(0.5) - 0.5) < 1e-9);
	assert_true(fig_ease(0.1) < 0.1 && fig_ease(0.9) > 0.9);
	fig_neutral(&a);
	fig_neutral(&b);
	b.deg[FJ_LKNEE][FA_FLEX] = 90;
	fig_mix(&a, &b, 0.5, &m);
	assert_true(fabs(m.deg[FJ_LKNEE][FA_FLEX] - 45) < 1e-9);
}

/* The limits are human: a knee does not bend backward. */
static void
limits_are_human(void **state)
{
	(void)state;
	assert_true(fig_limits[FJ_LKNEE].lo[FA_FLEX] == 0);
	assert_true(fig_limits[FJ_LKNEE].hi[FA_FLEX] <= 160);
	assert_true(fig_limits[FJ_LELBOW].lo[FA_FLEX] == 0);
	/* The three thoracic segments turn 45 degrees together. */
	assert_true(fabs(3 * fig_limits[FJ_THORAX1].hi[FA_TWIST] - 45) < 1);
	assert_true(fig_joint_mirror(FJ_LHIP) == FJ_RHIP);
	assert_true(fig_joint_mirror(FJ_RANKLE) == FJ_LANKLE);
	assert_true(fig_joint_mirror(FJ_THORAX2) == FJ_THORAX2);
	assert_true(fig_contact_mirror(FCON_LHAND | FCON_FEET) ==
	    (FCON_RHAND | FCON_FEET));
}

static int failures;

/* Say the first failure of each kind for each exercise. */
static void
bad(const struct exercise *x, const char *what, double t, double v)
{
	static char	seen[64][96];
	static int	nseen;
	char		key[96];
	int		i;

	failures++;
	snprintf(key, sizeof key, "%s %s", x->id, what);
	for (i = 0; i < nseen; i++)
		if (strcmp(seen[i], key) == 0)
			return;
	if (nseen < 64)
		snprintf(seen[nseen++], sizeof seen[0], "%s", key);
	print_message("%s: %s at t=%.2f (%.2f)\n", x->id, what, t, v);
}

/* The same angles, to a millionth of a degree. */
static void
same_angles(const struct fig_angles *a, const struct fig_angles *b)
{
	int	j, k;

	for (j = 0; j < FJ_COUNT; j++)
		for (k = 0; k < FA_COUNT; k++)
			assert_true(fabs(a->deg[j][k] - b->deg[j][k]) < 1e-6);
}

/* One moment of an exercise: every rule of the "done when". */
static void
check_moment(const struct exercise *x, const struct fig_box *frame,
    const struct fig_body *ref, struct fig_angles *a, double t)
{
	const struct fig_spec	*f = x->figure;
	struct fig_body		 b;
	struct fig_scene	 s;
	struct fig_box		 bx;
	double			 err[32], e;
	int			 n, i, j, k;

	e = fig_solve(f, a, &b);
	n = fig_contact_errors(&b, a->contacts, f->props, err, 32);
	for (i = 0; i < n; i++)
		if (fabs(err[i]) > 1.0)
			bad(x, "contact off by more than 1 cm", t, err[i]);
	(void)e;
	for (j = 1; j < FJ_COUNT; j++)
		for (k = 0; k < FA_COUNT; k++)
			if (a->deg[j][k] < fig_limits[j].lo[k] - 1e-6 ||
			    a->deg[j][k] > fig_limits[j].hi[k] + 1e-6)
				bad(x, name_of(&fig_joints, j), t,
				    a->deg[j][k]);
	if (fig_lowest(&b) < -1.0) {
		static const char *names[FP_COUNT] = { "pelvis", "lumbar-1",
		    "lumbar-2", "thoracic-1", "thoracic-2", "thoracic-3", "neck",
		    "left upper arm", "right upper arm", "left forearm",
		    "right forearm", "left hand", "right hand", "left thigh",
		    "right thigh", "left shin", "right shin", "left foot",
		    "right foot" };
		struct fig_capsule c;
		char what[64];

		snprintf(what, sizeof what, "under the floor: the head");
		for (j = 0; j < FP_COUNT; j++) {
			fig_part(&b, j, &c);
			if ((c.a[1] < c.b[1] ? c.a[1] : c.b[1]) - c.rw <
			    fig_lowest(&b) + 0.01)
				snprintf(what, sizeof what,
				    "under the floor: %s", names[j]);
		}
		bad(x, what, t, fig_lowest(&b));
	}
	fig_scene(f, &b, ref, a->mirror, f->camera, &s);
	fig_scene_bounds(&s, &bx);
	if (bx.x0 < frame->x0 || bx.x1 > frame->x1 || bx.y0 < frame->y0 ||
	    bx.y1 > frame->y1)
		bad(x, "out of the frame", t, bx.x1 - frame->x1);
}

static void
every_exercise_has_a_figure(void **state)
{
	size_t	i;

	(void)state;
	for (i = 0; i < cat->n; i++) {
		if (cat->ex[i].figure == NULL)
			print_message("%s has no figure\n", cat->ex[i].id);
		assert_non_null(cat->ex[i].figure);
		assert_true(cat->ex[i].figure->npose >= FIG_POSES_MIN);
	}
}

static void
every_frame_keeps_the_rules(void **state)
{
	const struct exercise	*x;
	struct fig_angles	 a;
	struct fig_body		 ref;
	struct fig_box		 frame;
	double			 len, t;
	size_t			 i;
	int			 k, steps = 97;

	(void)state;
	failures = 0;
	for (i = 0; i < cat->n; i++) {
		x = &cat->ex[i];
		if (x->figure == NULL)
			continue;
		fig_frame(x->figure, x->figure->camera, &frame);
		fig_prop_ref(x->figure, &ref);
		len = fig_loop_s(x->figure, 1);
		/* Both sides: the keyframes and the frames between. */
		for (k = 0; k <= steps; k++) {
			t = len * k / steps;
			fig_loop_at(x->figure, 1, t, &a);
			check_moment(x, &frame, &ref, &a, t);
		}
		for (k = 0; k < x->figure->npose; k++) {
			fig_keyframe(x->figure, k, 0, &a);
			check_moment(x, &frame, &ref, &a, k);
			fig_keyframe(x->figure, k, 1, &a);
			check_moment(x, &frame, &ref, &a, k);
		}
	}
	assert_int_equal(failures, 0);
}

/*
 * A hand, knee or forearm on the floor (or on the door frame) stays where
 * it is, to within 1 cm, in every frame of both sides: the body moves over
 * it, it does not slide.
 */
static void
planted_contacts_stay_put(void **state)
{
	const struct exercise	*x;
	struct fig_angles	 a;
	struct fig_body		 b;
	double			 p0[8][3], p[8][3], one, t;
	size_t			 i;
	int			 side, k, n0, n, j, steps = 40;

	(void)state;
	failures = 0;
	for (i = 0; i < cat->n; i++) {
		x = &cat->ex[i];
		one = fig_loop_s(x->figure, 0);
		for (side = 0; side < 2; side++) {
			fig_loop_at(x->figure, 1, side * one, &a);
			fig_solve(x->figure, &a, &b);
			n0 = fig_planted(x->figure, &b, a.contacts, p0, 8);
			for (k = 1; k < steps; k++) {
				t = side * one + one * k / steps;
				fig_loop_at(x->figure, 1, t, &a);
				fig_solve(x->figure, &a, &b);
				n = fig_planted(x->figure, &b, a.contacts, p, 8);
				if (n != n0)
					continue;
				for (j = 0; j < n; j++)
					if (dist(p[j], p0[j]) > 1.0)
						bad(x, "a planted contact slides",
						    t, dist(p[j], p0[j]));
			}
		}
	}
	assert_int_equal(failures, 0);
}

/* A point of body b in joint j's frame, offset o. */
static void
body_at(const struct fig_body *b, int j, double ox, double oy, double oz,
    double out[3])
{
	const double	*r = b->r[j];
	int		 k;

	for (k = 0; k < 3; k++)
		out[k] = b->p[j][k] + r[k * 3] * ox + r[k * 3 + 1] * oy +
		    r[k * 3 + 2] * oz;
}

/*
 * A hand is on the body part its steps name, within 6 cm (hand centre to
 * the part's surface), on both sides: the steps and cues, keyframe by
 * keyframe.
 */
static void
hands_on_the_named_part(void **state)
{
	enum { HEAD_BACK, UPPER_BACK, OTHER_SHOULDER, KNEE, OTHER_ELBOW,
	    OTHER_HAND };
	static const struct {
		const char	*id;
		int		 pose, right, part;
	} on[] = {
		{ "quadruped-rotation", 0, 0, HEAD_BACK },
		{ "quadruped-rotation", 1, 0, HEAD_BACK },
		{ "chair-extension", 0, 1, HEAD_BACK },
		{ "chair-extension", 1, 1, HEAD_BACK },
		{ "arms-crossed-turn", 0, 0, OTHER_SHOULDER },
		{ "arms-crossed-turn", 0, 1, OTHER_SHOULDER },
		{ "arms-crossed-turn", 1, 1, OTHER_SHOULDER },
		{ "cows-head-stretch", 1, 0, UPPER_BACK },
		{ "cows-head-stretch", 1, 1, OTHER_ELBOW },
		{ "seated-cat-cow", 0, 1, KNEE },
		{ "seated-cat-cow", 1, 1, KNEE },
		{ "seated-cat-cow", 2, 1, KNEE },
		{ "dumbbell-twist", 0, 1, OTHER_HAND },
		{ "dumbbell-twist", 1, 1, OTHER_HAND },
		{ "cross-arm-stretch", 0, 1, OTHER_ELBOW },
	};
	const struct exercise	*x;
	struct fig_angles	 a;
	struct fig_body		 b;
	double			 h[3], t[3], d;
	size_t			 i;
	int			 side, k, r, s;

	(void)state;
	failures = 0;
	for (i = 0; i < sizeof on / sizeof on[0]; i++) {
		x = catalog_find(cat, on[i].id);
		assert_non_null(x);
		for (side = 0; side < 2; side++) {
			fig_keyframe(x->figure, on[i].pose, side, &a);
			fig_solve(x->figure, &a, &b);
			/* The second side's left is the first's right. */
			r = on[i].right != side;
			s = r ? 1 : -1;
			for (k = 0; k < 3; k++)
				h[k] = (b.p[r ? FJ_RWRIST : FJ_LWRIST][k] +
				    b.e[r ? FE_RHAND : FE_LHAND][k]) / 2;
			switch (on[i].part) {
			case HEAD_BACK:
				body_at(&b, FJ_HEAD, -12, 4, 0, t);
				break;
			case UPPER_BACK:
				body_at(&b, FJ_THORAX3, -12, 0, 0, t);
				break;
			case OTHER_SHOULDER:
				body_at(&b, r ? FJ_LSCAP : FJ_RSCAP, 6, -3,
				    -s * 14, t);
				break;
			case KNEE:
				body_at(&b, r ? FJ_RKNEE : FJ_LKNEE, 3, 0, 0,
				    t);
				t[1] += 8;
				break;
			case OTHER_ELBOW:
				body_at(&b, r ? FJ_LSHOULDER : FJ_RSHOULDER,
				    0, -22, s * 6, t);
				break;
			default:
				for (k = 0; k < 3; k++)
					t[k] = (b.p[r ? FJ_LWRIST : FJ_RWRIST][k] +
					    b.e[r ? FE_LHAND : FE_RHAND][k]) / 2;
				break;
			}
			if ((d = dist(h, t)) > 6)
				bad(x, "a hand off the part its steps name",
				    on[i].pose + side * 10, d);
		}
	}
	assert_int_equal(failures, 0);
}

/*
 * The prone Y, T and W shows each letter its steps name, on both arms: the
 * arms overhead in a Y resting on the floor, the Y lifted a hand's width,
 * the T lifted as high, the W (elbows bent, forearms toward the head)
 * lifted; the chest, pelvis and forehead staying down, the low back flat.
 */
static void
prone_ytw_shows_the_y_t_and_w(void **state)
{
	const struct exercise	*x;
	struct fig_angles	 a;
	struct fig_body		 b;
	double			 h[4][2][3], e[4][2][3], sh[4][2][3];
	double			 pelvis0 = 0, head0 = 0, along, out, up;
	int			 k, r, j, i, s;

	(void)state;
	x = catalog_find(cat, "prone-ytw");
	assert_non_null(x);
	assert_int_equal(x->figure->npose, 4);
	assert_string_equal(x->figure->pose[0].name, "arms in a Y");
	assert_string_equal(x->figure->pose[1].name, "lift the Y");
	assert_string_equal(x->figure->pose[2].name, "lift the T");
	assert_string_equal(x->figure->pose[3].name, "lift the W");
	for (k = 0; k < 4; k++) {
		fig_keyframe(x->figure, k, 0, &a);
		fig_solve(x->figure, &a, &b);
		/* Lying on the front, the head toward +x: not arched, the
		 * body and the forehead stay where they lay. */
		for (j = FJ_LUMBAR1; j <= FJ_THORAX3; j++)
			assert_true(a.deg[j][FA_FLEX] == 0);
		if (k == 0) {
			pelvis0 = b.p[FJ_PELVIS][1];
			head0 = b.e[FE_HEAD][1];
		}
		assert_true(fabs(b.p[FJ_PELVIS][1] - pelvis0) < 1);
		assert_true(fabs(b.e[FE_HEAD][1] - head0) < 1);
		assert_true(b.e[FE_NOSE][1] < b.e[FE_HEAD][1] - 5);
		assert_true(fabs(fig_lowest(&b)) < 0.05);
		for (r = 0; r < 2; r++) {
			for (i = 0; i < 3; i++) {
				h[k][r][i] = (b.p[r ? FJ_RWRIST : FJ_LWRIST][i] +
				    b.e[r ? FE_RHAND : FE_LHAND][i]) / 2;
				e[k][r][i] = b.p[r ? FJ_RELBOW : FJ_LELBOW][i];
				sh[k][r][i] =
				    b.p[r ? FJ_RSHOULDER : FJ_LSHOULDER][i];
			}
			if (k == 3)
				assert_true(a.deg[r ? FJ_RELBOW :
				    FJ_LELBOW][FA_FLEX] >= 60);
			else
				assert_true(a.deg[r ? FJ_RELBOW :
				    FJ_LELBOW][FA_FLEX] <= 10);
		}
	}
	for (r = 0; r < 2; r++) {
		s = r ? 1 : -1;
		for (k = 0; k < 4; k++) {
			along = h[k][r][0] - sh[k][r][0];
			out = s * (h[k][r][2] - sh[k][r][2]);
			up = h[k][r][1] - h[0][r][1];
			if (k <= 1) {
				/* A Y: overhead and out, 30 to 60 degrees
				 * from the line of the body. */
				assert_true(along > 30 && out > 30);
				assert_true(atan2(out, along) > 30 * M_PI / 180 &&
				    atan2(out, along) < 60 * M_PI / 180);
			} else if (k == 2) {
				/* A T: straight out to the side. */
				assert_true(fabs(along) < 10 && out > 50);
			} else {
				/* A W: the elbows out and a little toward the
				 * feet, the forearms toward the head. */
				assert_true(s * (e[k][r][2] - sh[k][r][2]) > 10);
				assert_true(e[k][r][0] < sh[k][r][0] + 5);
				assert_true(h[k][r][0] > e[k][r][0] + 15);
				assert_true(out > 15);
			}
			if (k == 0) {
				/* Resting on the floor. */
				assert_true(h[k][r][1] < 3.3 + 3);
				continue;
			}
			/* Lifted a hand's width, the T and W as the Y. */
			if (up < 6 || up > 15)
				print_message("pose %d arm %d up %.1f\n", k, r,
				    up);
			assert_true(up >= 6 && up <= 15);
			assert_true(fabs(h[k][r][1] - h[1][r][1]) < 3);
			assert_true(e[k][r][1] - 5 > 5);
		}
	}
}

/*
 * The props of the second side are the mirror of the first's with the
 * figure: a chair, a doorway or a wall stands where it stood, seen from
 * the mirrored side, so the picture of side 2 is side 1's flipped.
 */
static void
props_mirror_with_the_figure(void **state)
{
	const struct exercise	*x;
	struct fig_angles	 a;
	struct fig_body		 b, ref;
	struct fig_scene	 s[2];
	struct fig_box		 pb, bb;
	double			 rel[2][2];
	size_t			 i;
	int			 side, k, n;

	(void)state;
	failures = 0;
	for (i = 0; i < cat->n; i++) {
		x = &cat->ex[i];
		if ((x->figure->props & (FPROP_CHAIR | FPROP_DOORWAY |
		    FPROP_WALL)) == 0)
			continue;
		fig_prop_ref(x->figure, &ref);
		for (side = 0; side < 2; side++) {
			fig_keyframe(x->figure, x->figure->npose - 1, side, &a);
			fig_solve(x->figure, &a, &b);
			fig_scene(x->figure, &b, &ref, side, x->figure->camera,
			    &s[side]);
			/* The props' box and the body's, across the picture. */
			pb.x0 = bb.x0 = 1e9;
			pb.x1 = bb.x1 = -1e9;
			for (k = 0; k < s[side].n; k++) {
				const struct fig_prim *p = &s[side].prim[k];
				struct fig_box *w = p->style == FS_CHAIR ||
				    p->style == FS_DOOR || p->style == FS_WALL ?
				    &pb : p->style <= FS_FAR ? &bb : NULL;

				for (n = 0; w != NULL && n < p->n; n++) {
					w->x0 = p->x[n] < w->x0 ? p->x[n] : w->x0;
					w->x1 = p->x[n] > w->x1 ? p->x[n] : w->x1;
				}
			}
			rel[side][0] = pb.x0 - (bb.x0 + bb.x1) / 2;
			rel[side][1] = pb.x1 - (bb.x0 + bb.x1) / 2;
		}
		/* Side 2's props flipped about the body: side 1's. */
		if (fabs(rel[0][0] + rel[1][1]) > 1 ||
		    fabs(rel[0][1] + rel[1][0]) > 1)
			bad(x, "the props not mirrored with the figure", 1,
			    rel[0][0] + rel[1][1]);
	}
	assert_int_equal(failures, 0);
}

/* The second side is the mirror image of the first, to a millimetre. */
static void
sides_are_mirror_images(void **state)
{
	const struct exercise	*x;
	struct fig_angles	 a, m;
	struct fig_body		 b, mb;
	double			 p[3];
	size_t			 i;
	int			 k, j;

	(void)state;
	for (i = 0; i < cat->n; i++) {
		x = &cat->ex[i];
		for (k = 0; k < x->figure->npose; k++) {
			fig_keyframe(x->figure, k, 0, &a);
			fig_keyframe(x->figure, k, 1, &m);
			fig_solve(x->figure, &a, &b);
			fig_solve(x->figure, &m, &mb);
			for (j = 0; j < FJ_COUNT; j++) {
				memcpy(p, mb.p[fig_joint_mirror(j)], sizeof p);
				p[2] = -p[2];
				if (dist(p, b.p[j]) > 0.1)
					print_message("%s pose %d joint %s\n",
					    x->id, k, name_of(&fig_joints, j));
				assert_true(dist(p, b.p[j]) < 0.1);
			}
		}
	}
}

/* Between the first and the last keyframe something moves 5 cm or more. */
static void
every_exercise_moves(void **state)
{
	const struct exercise	*x;
	struct fig_angles	 a, z;
	struct fig_body		 b, e;
	double			 most;
	size_t			 i;
	int			 j, k;

	(void)state;
	for (i = 0; i < cat->n; i++) {
		x = &cat->ex[i];
		most = 0;
		fig_keyframe(x->figure, 0, 0, &a);
		fig_solve(x->figure, &a, &b);
		for (k = 1; k < x->figure->npose; k++) {
			fig_keyframe(x->figure, k, 0, &z);
			fig_solve(x->figure, &z, &e);
			for (j = 0; j < FJ_COUNT; j++)
				if (dist(b.p[j], e.p[j]) > most)
					most = dist(b.p[j], e.p[j]);
			for (j = 0; j < FE_COUNT; j++)
				if (dist(b.e[j], e.e[j]) > most)
					most = dist(b.e[j], e.e[j]);
		}
		/* A breathing exercise moves the belly and the ribs. */
		if (x->kind == KIND_BREATHING) {
			struct fig_capsule c0, c1;

			a.breath = 0;
			z.breath = 1;
			fig_solve(x->figure, &a, &b);
			fig_solve(x->figure, &z, &e);
			fig_part(&b, FP_LUMBAR1, &c0);
			fig_part(&e, FP_LUMBAR1, &c1);
			if (c1.rd - c0.rd > most)
				most = c1.rd - c0.rd;
		}
		if (most < 5)
			print_message("%s moves %.1f cm\n", x->id, most);
		assert_true(most >= 5);
	}
}

/* The figure follows a session's phases: move, hold, let go, breathe. */
static void
motion_follows_the_phases(void **state)
{
	const struct exercise	*x;
	const struct fig_spec	*f;
	struct fig_angles	 a, k0, kl;
	struct phase		 ph;

	(void)state;
	x = catalog_find(cat, "open-book");
	assert_non_null(x);
	f = x->figure;
	fig_keyframe(f, 0, 0, &k0);
	fig_keyframe(f, f->npose - 1, 0, &kl);
	memset(&ph, 0, sizeof ph);
	ph.kind = PHASE_MOVE;
	ph.side = SIDE_LEFT;
	ph.duration_s = DOSE_MOVE_S;
	fig_at_phase(f, &ph, 0, &a);
	same_angles(&a, &k0);
	fig_at_phase(f, &ph, DOSE_MOVE_S, &a);
	same_angles(&a, &kl);
	/* A hold rests at the end pose, then lets go at its end. */
	ph.kind = PHASE_HOLD;
	ph.duration_s = 20;
	fig_at_phase(f, &ph, 10, &a);
	same_angles(&a, &kl);
	fig_at_phase(f, &ph, 20, &a);
	same_angles(&a, &k0);
	/* The right side is the mirror. */
	ph.side = SIDE_RIGHT;
	fig_at_phase(f, &ph, 10, &a);
	fig_keyframe(f, f->npose - 1, 1, &kl);
	same_angles(&a, &kl);
	/* A breath in fills, a breath out empties. */
	x = catalog_find(cat, "diaphragmatic-breathing");
	ph.kind = PHASE_INHALE;
	ph.side = SIDE_NONE;
	ph.duration_s = DOSE_INHALE_S;
	fig_at_phase(x->figure, &ph, 0, &a);
	assert_true(a.breath < 0.01);
	fig_at_phase(x->figure, &ph, DOSE_INHALE_S, &a);
	assert_true(a.breath > 0.99);
	ph.kind = PHASE_EXHALE;
	fig_at_phase(x->figure, &ph, DOSE_BREATH_S - DOSE_INHALE_S, &a);
	assert_true(a.breath < 0.01);
}

/* Every phase of every exercise's least dose gives a sound pose. */
static void
every_phase_of_every_dose(void **state)
{
	const struct exercise	*x;
	struct prescription	 rx;
	struct phase		 ph[512];
	struct fig_angles	 a;
	struct fig_body		 ref;
	struct fig_box		 frame;
	size_t			 i;
	int			 n, k, q;

	(void)state;
	failures = 0;
	for (i = 0; i < cat->n; i++) {
		x = &cat->ex[i];
		dose_min(&x->dose, &rx);
		n = dose_phases(&rx, ph, 512);
		fig_frame(x->figure, x->figure->camera, &frame);
		fig_prop_ref(x->figure, &ref);
		for (k = 0; k < n && k < 512; k++) {
			if (ph[k].kind == PHASE_SWITCH)
				continue;
			for (q = 0; q <= 4; q++) {
				fig_at_phase(x->figure, &ph[k],
				    ph[k].duration_s * q / 4.0, &a);
				check_moment(x, &frame, &ref, &a, k + q / 4.0);
			}
		}
	}
	assert_int_equal(failures, 0);
}

static void
renders_svg_and_braille(void **state)
{
	struct figsvg_opts	 o = FIGSVG_OPTS_INIT;
	struct fig_cell		 cells[40 * 16];
	struct fig_scene	 s;
	struct fig_angles	 a;
	struct fig_body		 b;
	struct fig_box		 bx;
	char			*svg;
	size_t			 i;
	int			 k, dots;

	(void)state;
	for (i = 0; i < cat->n; i++) {
		const struct exercise *x = &cat->ex[i];

		o.pose = -1;
		/* Light: each animated SVG, both sides, under 40 KB. */
		o.both_sides = 1;
		svg = figure_svg(x, &o);
		assert_non_null(svg);
		assert_non_null(strstr(svg, "<svg"));
		assert_non_null(strstr(svg, "<animate "));
		assert_null(strstr(svg, "<script"));
		if (strlen(svg) >= 40 * 1024)
			print_message("%s: %zu bytes\n", x->id, strlen(svg));
		assert_true(strlen(svg) < 40 * 1024);
		free(svg);
		o.both_sides = 0;
		o.pose = 0;
		svg = figure_svg(x, &o);
		assert_non_null(strstr(svg, "</svg>"));
		free(svg);
		fig_keyframe(x->figure, 0, 0, &a);
		fig_solve(x->figure, &a, &b);
		fig_scene(x->figure, &b, NULL, 0, x->figure->camera, &s);
		fig_frame(x->figure, x->figure->camera, &bx);
		fig_raster(&s, &bx, 40, 16, cells);
		for (k = 0, dots = 0; k < 40 * 16; k++)
			dots += cells[k].style <= FS_FAR;
		assert_true(dots > 20);
	}
	o.pose = 9;
	assert_null(figure_svg(&cat->ex[0], &o));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sincos_matches_libm),
		cmocka_unit_test(neutral_stands_upright),
		cmocka_unit_test(joints_bend_the_human_way),
		cmocka_unit_test(ease_and_mix),
		cmocka_unit_test(limits_are_human),
		cmocka_unit_test(every_exercise_has_a_figure),
		cmocka_unit_test(every_frame_keeps_the_rules),
		cmocka_unit_test(planted_contacts_stay_put),
		cmocka_unit_test(hands_on_the_named_part),
		cmocka_unit_test(prone_ytw_shows_the_y_t_and_w),
		cmocka_unit_test(props_mirror_with_the_figure),
		cmocka_unit_test(sides_are_mirror_images),
		cmocka_unit_test(every_exercise_moves),
		cmocka_unit_test(motion_follows_the_phases),
		cmocka_unit_test(every_phase_of_every_dose),
		cmocka_unit_test(renders_svg_and_braille),
	};

	return (cmocka_run_group_tests(tests, catalog_setup,
	    catalog_teardown));
}
