/*
 * figure.c -- the human model: skeleton, forward kinematics, the contact
 * solver, motion through a session's phases, and the projected scene.
 *
 * The skeleton is a tree of joints, each with three angles (figspec.h).
 * A joint's frame is its parent's turned by its own angles; its centre
 * is the parent's centre plus a fixed offset in the parent's frame. The
 * left and right limbs read their angles the same way (abduction is
 * outward on both), so the second side of an exercise is its first with
 * the joints swapped and the spine's side bend and twist negated, and
 * the body that gives is the exact mirror image (z -> -z).
 */
#include <math.h>
#include <string.h>

#include "figure.h"

#define DEG	(M_PI / 180.0)

/*
 * Sine and cosine of our own, and no fmod: the figures are the only
 * users of libm, and a program linked with libm pays for it at every
 * start (its relocations and IFUNC resolvers), drawing or not: without
 * it `midback today` starts 0.3 to 0.6 ms sooner (perf stat). A
 * drawing wants angles of a few turns to far better than a pixel: the
 * angle is brought to within an eighth of a turn of a quarter turn
 * (pi/2 split in two parts, as in fdlibm, so the reduction loses no
 * digits) and the Taylor series to the 15th power is then good to
 * 1e-16. sqrt needs no libm: with -fno-math-errno (Makefile) the
 * compiler emits the instruction.
 */
#define DEPTH_TIE	1e-9	/* depths closer than this are equal */

#define PIO2	1.57079632679489661923	/* pi/2 */
#define PIO2_HI	1.57079632673412561417e+00	/* its first 33 bits */
#define PIO2_LO	6.07710050650619224932e-11	/* pi/2 - PIO2_HI */

void
fig_sincos(double x, double *sp, double *cp)
{
	double		 q = x / PIO2, r, r2, s, c;
	long long	 n;

	n = (long long)(q < 0 ? q - 0.5 : q + 0.5);
	r = (x - n * PIO2_HI) - n * PIO2_LO;
	r2 = r * r;
	s = r * (1 + r2 / -6 * (1 + r2 / -20 * (1 + r2 / -42 * (1 + r2 / -72 *
	    (1 + r2 / -110 * (1 + r2 / -156 * (1 + r2 / -210)))))));
	c = 1 + r2 / -2 * (1 + r2 / -12 * (1 + r2 / -30 * (1 + r2 / -56 *
	    (1 + r2 / -90 * (1 + r2 / -132 * (1 + r2 / -182 * (1 + r2 /
	    -240)))))));
	switch (n & 3) {
	case 0:
		*sp = s;
		*cp = c;
		break;
	case 1:
		*sp = c;
		*cp = -s;
		break;
	case 2:
		*sp = -s;
		*cp = -c;
		break;
	default:
		*sp = -c;
		*cp = s;
		break;
	}
}

static double
fig_sin(double x)
{
	double	s, c;

	fig_sincos(x, &s, &c);
	return (s);
}

static double
fig_cos(double x)
{
	double	s, c;

	fig_sincos(x, &s, &c);
	return (c);
}

static const struct bone {
	int	parent;
	double	off[3];		/* in the parent's frame */
	int	side;		/* -1 left, +1 right, 0 the spine */
} bones[FJ_COUNT] = {
	[FJ_PELVIS] = { -1, { 0, 0, 0 }, 0 },
	[FJ_LUMBAR1] = { FJ_PELVIS, { 0, 10, 0 }, 0 },
	[FJ_LUMBAR2] = { FJ_LUMBAR1, { 0, 7, 0 }, 0 },
	[FJ_THORAX1] = { FJ_LUMBAR2, { 0, 7, 0 }, 0 },
	[FJ_THORAX2] = { FJ_THORAX1, { 0, 9, 0 }, 0 },
	[FJ_THORAX3] = { FJ_THORAX2, { 0, 9, 0 }, 0 },
	[FJ_NECK] = { FJ_THORAX3, { 1, 9, 0 }, 0 },
	[FJ_HEAD] = { FJ_NECK, { 1.5, 9, 0 }, 0 },
	[FJ_LSCAP] = { FJ_THORAX3, { 0, 4, 0 }, -1 },
	[FJ_RSCAP] = { FJ_THORAX3, { 0, 4, 0 }, 1 },
	[FJ_LSHOULDER] = { FJ_LSCAP, { -2.5, -1, -19.5 }, -1 },
	[FJ_RSHOULDER] = { FJ_RSCAP, { -2.5, -1, 19.5 }, 1 },
	[FJ_LELBOW] = { FJ_LSHOULDER, { 0, -29, 0 }, -1 },
	[FJ_RELBOW] = { FJ_RSHOULDER, { 0, -29, 0 }, 1 },
	[FJ_LWRIST] = { FJ_LELBOW, { 0, -25, 0 }, -1 },
	[FJ_RWRIST] = { FJ_RELBOW, { 0, -25, 0 }, 1 },
	[FJ_LHIP] = { FJ_PELVIS, { 0, -3, -9 }, -1 },
	[FJ_RHIP] = { FJ_PELVIS, { 0, -3, 9 }, 1 },
	[FJ_LKNEE] = { FJ_LHIP, { 0, -43, 0 }, -1 },
	[FJ_RKNEE] = { FJ_RHIP, { 0, -43, 0 }, 1 },
	[FJ_LANKLE] = { FJ_LKNEE, { 0, -42, 0 }, -1 },
	[FJ_RANKLE] = { FJ_RKNEE, { 0, -42, 0 }, 1 },
};

/* Body volumes: radius across, radius front to back. */
static const struct {
	int	from, to;	/* joints; to < 0: an end point */
	int	end;
	double	rw, rd;
} parts[FP_COUNT] = {
	[FP_PELVIS] = { FJ_PELVIS, FJ_LUMBAR1, 0, 15.5, 11 },
	[FP_LUMBAR1] = { FJ_LUMBAR1, FJ_LUMBAR2, 0, 13.5, 10 },
	[FP_LUMBAR2] = { FJ_LUMBAR2, FJ_THORAX1, 0, 14, 10 },
	[FP_THORAX1] = { FJ_THORAX1, FJ_THORAX2, 0, 15.5, 11 },
	[FP_THORAX2] = { FJ_THORAX2, FJ_THORAX3, 0, 16.5, 11 },
	[FP_THORAX3] = { FJ_THORAX3, FJ_NECK, 0, 15, 9.5 },
	[FP_NECK] = { FJ_NECK, FJ_HEAD, 0, 5.5, 5.5 },
	[FP_LUARM] = { FJ_LSHOULDER, FJ_LELBOW, 0, 5, 5 },
	[FP_RUARM] = { FJ_RSHOULDER, FJ_RELBOW, 0, 5, 5 },
	[FP_LFOREARM] = { FJ_LELBOW, FJ_LWRIST, 0, 4, 4 },
	[FP_RFOREARM] = { FJ_RELBOW, FJ_RWRIST, 0, 4, 4 },
	[FP_LHAND] = { FJ_LWRIST, -1, FE_LHAND, 3.3, 3.3 },
	[FP_RHAND] = { FJ_RWRIST, -1, FE_RHAND, 3.3, 3.3 },
	[FP_LTHIGH] = { FJ_LHIP, FJ_LKNEE, 0, 6.4, 6.4 },
	[FP_RTHIGH] = { FJ_RHIP, FJ_RKNEE, 0, 6.4, 6.4 },
	[FP_LSHIN] = { FJ_LKNEE, FJ_LANKLE, 0, 5.5, 5.5 },
	[FP_RSHIN] = { FJ_RKNEE, FJ_RANKLE, 0, 5.5, 5.5 },
	[FP_LFOOT] = { -1, -1, FE_LHEEL, 3.2, 3.2 },
	[FP_RFOOT] = { -1, -1, FE_RHEEL, 3.2, 3.2 },
};

/*
 * 3x3 rotations, row-major. Each t is zeroed first although the loops
 * write all of it: gcc 12's -fanalyzer (make lint) follows one pass of
 * each loop and took the rest of t, copied out, for uninitialised.
 */
static void
mat_mul(const double a[9], const double b[9], double out[9])
{
	double	t[9] = { 0 };
	int	i, j;

	for (i = 0; i < 3; i++)
		for (j = 0; j < 3; j++)
			t[i * 3 + j] = a[i * 3] * b[j] + a[i * 3 + 1] * b[3 + j] +
			    a[i * 3 + 2] * b[6 + j];
	memcpy(out, t, sizeof t);
}

static void
mat_vec(const double m[9], const double v[3], double out[3])
{
	double	t[3] = { 0 };
	int	i;

	for (i = 0; i < 3; i++)
		t[i] = m[i * 3] * v[0] + m[i * 3 + 1] * v[1] + m[i * 3 + 2] * v[2];
	memcpy(out, t, sizeof t);
}

static void
rot_axis(int axis, double rad, double m[9])
{
	double	c, s;

	fig_sincos(rad, &s, &c);

	memset(m, 0, 9 * sizeof *m);
	switch (axis) {
	case 0:		/* x */
		m[0] = 1; m[4] = c; m[5] = -s; m[7] = s; m[8] = c;
		break;
	case 1:		/* y */
		m[0] = c; m[2] = s; m[4] = 1; m[6] = -s; m[8] = c;
		break;
	default:	/* z */
		m[0] = c; m[1] = -s; m[3] = s; m[4] = c; m[8] = 1;
		break;
	}
}

/*
 * A joint's own rotation. The spine: turn (y), then bend forward (-z),
 * then to the side (x). A limb: flex (z; the knee bends back), then
 * abduct outward (x), then rotate outward (y). A shoulder blade:
 * protract (y), then elevate (x).
 */
static void
joint_rot(int j, const double d[3], double m[9])
{
	double	a[9], b[9], c[9];
	int	s = bones[j].side;

	if (s == 0) {
		rot_axis(1, d[FA_TWIST] * DEG, a);
		rot_axis(2, -d[FA_FLEX] * DEG, b);
		rot_axis(0, d[FA_SIDE] * DEG, c);
	} else if (j == FJ_LSCAP || j == FJ_RSCAP) {
		rot_axis(1, s * d[FA_FLEX] * DEG, a);
		rot_axis(0, -s * d[FA_SIDE] * DEG, b);
		rot_axis(1, 0, c);
	} else {
		double f = d[FA_FLEX];

		if (j == FJ_LKNEE || j == FJ_RKNEE)
			f = -f;
		rot_axis(2, f * DEG, a);
		rot_axis(0, -s * d[FA_SIDE] * DEG, b);
		rot_axis(1, -s * d[FA_TWIST] * DEG, c);
	}
	mat_mul(a, b, m);
	mat_mul(m, c, m);
}

void
fig_fk(const struct fig_angles *an, const double root[3], struct fig_body *b)
{
	static const double hand[3] = { 0, -15, 0 }, toe[3] = { 13, -6, 0 },
	    heel[3] = { -4, -6, 0 }, head[3] = { 2, 9, 0 },
	    nose[3] = { 11.5, 8, 0 };
	double	m[9], v[3];
	int	j, pa, k;

	for (j = 0; j < FJ_COUNT; j++) {
		joint_rot(j, an->deg[j], m);
		if ((pa = bones[j].parent) < 0) {
			memcpy(b->r[j], m, sizeof m);
			memcpy(b->p[j], root, 3 * sizeof *root);
			continue;
		}
		mat_mul(b->r[pa], m, b->r[j]);
		mat_vec(b->r[pa], bones[j].off, v);
		for (k = 0; k < 3; k++)
			b->p[j][k] = b->p[pa][k] + v[k];
	}
#define END(ep, j, off) do {						\
	mat_vec(b->r[j], off, v);					\
	for (k = 0; k < 3; k++)						\
		b->e[ep][k] = b->p[j][k] + v[k];				\
} while (0)
	END(FE_LHAND, FJ_LWRIST, hand);
	END(FE_RHAND, FJ_RWRIST, hand);
	END(FE_LTOE, FJ_LANKLE, toe);
	END(FE_RTOE, FJ_RANKLE, toe);
	END(FE_LHEEL, FJ_LANKLE, heel);
	END(FE_RHEEL, FJ_RANKLE, heel);
	END(FE_HEAD, FJ_HEAD, head);
	END(FE_NOSE, FJ_HEAD, nose);
#undef END
	b->breath = an->breath;
}

void
fig_part(const struct fig_body *b, int i, struct fig_capsule *c)
{
	double	br = b->breath;

	if (i == FP_LFOOT || i == FP_RFOOT) {
		memcpy(c->a, b->e[i == FP_LFOOT ? FE_LHEEL : FE_RHEEL],
		    sizeof c->a);
		memcpy(c->b, b->e[i == FP_LFOOT ? FE_LTOE : FE_RTOE],
		    sizeof c->b);
	} else if (i == FP_PELVIS) {
		/*
		 * The pelvis's round end stops at the seat (the hips' height
		 * less the thigh's radius), not under it.
		 */
		double up[3] = { 0, 6.1, 0 }, v[3];
		int k;

		mat_vec(b->r[FJ_PELVIS], up, v);
		for (k = 0; k < 3; k++)
			c->a[k] = b->p[FJ_PELVIS][k] + v[k];
		memcpy(c->b, b->p[FJ_LUMBAR1], sizeof c->b);
	} else {
		memcpy(c->a, b->p[parts[i].from], sizeof c->a);
		memcpy(c->b, parts[i].to >= 0 ? b->p[parts[i].to] :
		    b->e[parts[i].end], sizeof c->b);
	}
	c->rw = parts[i].rw;
	c->rd = parts[i].rd;
	/* A breath fills the belly first, then widens the lower ribs. */
	if (i == FP_LUMBAR1 || i == FP_LUMBAR2) {
		/* Forward: the back stays where it is. */
		double grow = c->rd * 0.5 * br;
		int j = parts[i].from, k;

		for (k = 0; k < 3; k++) {
			c->a[k] += b->r[j][k * 3] * grow / 2;
			c->b[k] += b->r[j][k * 3] * grow / 2;
		}
		c->rd += grow;
	} else if (i == FP_THORAX1) {
		c->rd *= 1 + 0.08 * br;
		c->rw *= 1 + 0.06 * br;
	} else if (i == FP_THORAX2)
		c->rw *= 1 + 0.03 * br;
}

void
fig_neutral(struct fig_angles *a)
{
	memset(a, 0, sizeof *a);
	/* Arms hang a little away from the body. */
	a->deg[FJ_LSHOULDER][FA_SIDE] = a->deg[FJ_RSHOULDER][FA_SIDE] = 8;
}

void
fig_keyframe(const struct fig_spec *f, int i, int mirror,
    struct fig_angles *a)
{
	int	j, m;

	memset(a, 0, sizeof *a);
	if (i < 0)
		i = 0;
	if (i >= f->npose)
		i = f->npose - 1;
	for (j = 0; j < FJ_COUNT; j++) {
		m = mirror ? fig_joint_mirror(j) : j;
		a->deg[m][FA_FLEX] = f->pose[i].deg[j][FA_FLEX];
		a->deg[m][FA_SIDE] = f->pose[i].deg[j][FA_SIDE];
		a->deg[m][FA_TWIST] = f->pose[i].deg[j][FA_TWIST];
		if (mirror && bones[j].side == 0) {
			a->deg[m][FA_SIDE] = -a->deg[m][FA_SIDE];
			a->deg[m][FA_TWIST] = -a->deg[m][FA_TWIST];
		}
	}
	a->contacts = mirror ? fig_contact_mirror(f->contacts) : f->contacts;
	a->mirror = mirror;
}

double
fig_ease(double t)
{
	if (t <= 0)
		return (0);
	if (t >= 1)
		return (1);
	return (t * t * (3 - 2 * t));
}

void
fig_mix(const struct fig_angles *a, const struct fig_angles *b, double t,
    struct fig_angles *out)
{
	struct fig_angles	r;
	int			j, k;

	for (j = 0; j < FJ_COUNT; j++)
		for (k = 0; k < FA_COUNT; k++)
			r.deg[j][k] = a->deg[j][k] +
			    (b->deg[j][k] - a->deg[j][k]) * t;
	r.breath = a->breath + (b->breath - a->breath) * t;
	r.contacts = b->contacts;
	r.mirror = b->mirror;
	if (a->contacts != b->contacts)
		r.contacts = a->contacts & b->contacts;
	*out = r;
}

/* Contacts ------------------------------------------------------------ */

static double
cap_low(const struct fig_body *b, int part)
{
	struct fig_capsule	c;

	fig_part(b, part, &c);
	return ((c.a[1] < c.b[1] ? c.a[1] : c.b[1]) - c.rw);
}

/* The back's surface at the height of a part, toward -x. */
static double
cap_back(const struct fig_body *b, int part)
{
	struct fig_capsule	c;

	fig_part(b, part, &c);
	return ((c.a[0] < c.b[0] ? c.a[0] : c.b[0]) - c.rd);
}

double
fig_lowest(const struct fig_body *b)
{
	double	low, v;
	int	i;

	low = b->e[FE_HEAD][1] - FIG_HEAD_R;
	for (i = 0; i < FP_COUNT; i++)
		if ((v = cap_low(b, i)) < low)
			low = v;
	return (low);
}

int
fig_contact_errors(const struct fig_body *b, unsigned c, unsigned props,
    double *err, int max)
{
	double	seat = (props & FPROP_CHAIR) ? FIG_SEAT_H : 0;
	int	n = 0;

#define ADD(v) do { if (n < max) err[n] = (v); n++; } while (0)
	if (c & FCON_FEET) {
		ADD(cap_low(b, FP_LFOOT));
		ADD(cap_low(b, FP_RFOOT));
	}
	/*
	 * A kneeling or lying shin rests on the floor, knee and ankle; at
	 * the knee it is the thigh's rounder end that touches.
	 */
	if (c & (FCON_KNEES | FCON_LKNEE)) {
		ADD(b->p[FJ_LKNEE][1] - parts[FP_LTHIGH].rw);
		ADD(b->p[FJ_LANKLE][1] - parts[FP_LSHIN].rw);
	}
	if (c & (FCON_KNEES | FCON_RKNEE)) {
		ADD(b->p[FJ_RKNEE][1] - parts[FP_RTHIGH].rw);
		ADD(b->p[FJ_RANKLE][1] - parts[FP_RSHIN].rw);
	}
	if (c & (FCON_HANDS | FCON_LHAND))
		ADD(cap_low(b, FP_LHAND));
	if (c & (FCON_HANDS | FCON_RHAND))
		ADD(cap_low(b, FP_RHAND));
	if (c & FCON_SEAT) {
		ADD(b->p[FJ_LHIP][1] - parts[FP_LTHIGH].rw - seat);
		ADD(b->p[FJ_RHIP][1] - parts[FP_RTHIGH].rw - seat);
	}
	if (c & FCON_BACK) {
		ADD(cap_back(b, FP_THORAX2));
		ADD(cap_back(b, FP_PELVIS));
	}
	if (c & FCON_ARMS) {
		ADD(b->p[FJ_LELBOW][0] - parts[FP_LUARM].rw);
		ADD(b->p[FJ_RELBOW][0] - parts[FP_RUARM].rw);
		ADD(b->p[FJ_LWRIST][0] - parts[FP_LFOREARM].rw);
		ADD(b->p[FJ_RWRIST][0] - parts[FP_RFOREARM].rw);
	}
	/* A forearm on the floor: the elbow rests on the upper arm's end. */
	if (c & FCON_LFOREARM) {
		ADD(b->p[FJ_LELBOW][1] - parts[FP_LUARM].rw);
		ADD(b->p[FJ_LWRIST][1] - parts[FP_LFOREARM].rw);
	}
	if (c & FCON_RFOREARM) {
		ADD(b->p[FJ_RELBOW][1] - parts[FP_RUARM].rw);
		ADD(b->p[FJ_RWRIST][1] - parts[FP_RFOREARM].rw);
	}
	if (c & FCON_LSIDE) {
		ADD(b->p[FJ_LHIP][1] - 8);
		ADD(b->p[FJ_LSHOULDER][1] - 6);
	}
	if (c & FCON_RSIDE) {
		ADD(b->p[FJ_RHIP][1] - 8);
		ADD(b->p[FJ_RSHOULDER][1] - 6);
	}
#undef ADD
	return (n);
}

/* The solver ---------------------------------------------------------- */

/*
 * The unknowns: the pelvis's place (y, x, z) and the angles the figure
 * lets the solver adjust. The residuals: each contact's distance from its
 * surface, and each planted point's distance (across the floor, or along
 * the door frame) from where it was in the anchor keyframe, so a hand or
 * knee on the floor stays put while the body moves over it.
 */
#define U_Y		0
#define U_X		1
#define U_Z		2
#define U_ROOT		3		/* the root's unknowns */
#define NU_MAX		(U_ROOT + FIG_ADJUST_MAX)
#define NR_MAX		72
#define PLANT_MAX	8		/* planted points */
#define REG		0.001	/* per degree squared, against cm squared */
#define REG_ROOT	1e-9	/* keeps the root's equations regular */
#define SOLVE_ITER	40	/* Gauss-Newton steps at most */
#define SOLVE_DONE_CM	0.02	/* every residual this near: done */
#define SOLVE_STALL	0.005	/* a step this small: as near as it gets */
#define SOLVE_GAIN	0.002	/* or an error that changes less than this
				   share of itself in a step */
#define FD_STEP		1e-3	/* finite difference, cm or degree */
#define PIVOT_MIN	1e-12	/* a pivot this small: singular */
#define STEP_MAX	8.0	/* cm or degrees a step moves at most */
#define FLOOR_GIVE	0.6	/* cm a part may sink into the floor (a forearm
				   is rounder than the hand on the floor) */

struct solve {
	const struct fig_spec	*f;
	struct fig_angles	*a;
	int			 nu;
	int			 free_x, free_z;	/* solved, or fixed */
	int			 joint[NU_MAX], axis[NU_MAX];
	int			 nplant;
	double			 plant[PLANT_MAX][3];	/* the anchor's */
};

/*
 * The points that stay put, and along which axes (a mask of x 1, y 2,
 * z 4; the height of a point on the floor is its contact's): hands,
 * knees, forearms, the side lain on, the hips on a seat, the feet; for a
 * doorway, the forearm on the frame, while the feet step.
 */
static int
plant_points(const struct fig_spec *f, const struct fig_body *b,
    unsigned c, double pts[][3], int *ax)
{
	int	n = 0, k;

#define PUT(v, mask) do {						\
	if (n < PLANT_MAX) {						\
		for (k = 0; k < 3; k++)					\
			pts[n][k] = (v)[k];				\
		ax[n] = (mask);						\
		n++;							\
	}								\
} while (0)
	if (f->props & FPROP_DOORWAY) {
		/* The higher elbow is the one on the frame. */
		int l = b->p[FJ_LELBOW][1] > b->p[FJ_RELBOW][1];

		PUT(b->p[l ? FJ_LELBOW : FJ_RELBOW], 5);
		return (n);
	}
	if (c & (FCON_HANDS | FCON_LHAND)) {
		double m[3];

		for (k = 0; k < 3; k++)
			m[k] = (b->p[FJ_LWRIST][k] + b->e[FE_LHAND][k]) / 2;
		PUT(m, 5);
	}
	if (c & (FCON_HANDS | FCON_RHAND)) {
		double m[3];

		for (k = 0; k < 3; k++)
			m[k] = (b->p[FJ_RWRIST][k] + b->e[FE_RHAND][k]) / 2;
		PUT(m, 5);
	}
	if (c & (FCON_KNEES | FCON_LKNEE))
		PUT(b->p[FJ_LKNEE], 5);
	if (c & (FCON_KNEES | FCON_RKNEE))
		PUT(b->p[FJ_RKNEE], 5);
	if (c & FCON_LFOREARM)
		PUT(b->p[FJ_LELBOW], 5);
	if (c & FCON_RFOREARM)
		PUT(b->p[FJ_RELBOW], 5);
	if (c & FCON_LSIDE)
		PUT(b->p[FJ_LHIP], 5);
	if (c & FCON_RSIDE)
		PUT(b->p[FJ_RHIP], 5);
	if (n == 0 && (c & FCON_SEAT)) {
		double m[3];

		for (k = 0; k < 3; k++)
			m[k] = (b->p[FJ_LHIP][k] + b->p[FJ_RHIP][k]) / 2;
		PUT(m, 5);
	}
	if (n == 0 && (c & FCON_FEET) && !(c & FCON_BACK)) {
		double m[3];

		for (k = 0; k < 3; k++)
			m[k] = (b->e[FE_LHEEL][k] + b->e[FE_RHEEL][k]) / 2;
		PUT(m, 5);
	}
#undef PUT
	return (n);
}

int
fig_planted(const struct fig_spec *f, const struct fig_body *b,
    unsigned contacts, double pts[][3], int max)
{
	double	p[PLANT_MAX][3];
	int	ax[PLANT_MAX], n, i, k;

	n = plant_points(f, b, contacts, p, ax);
	for (i = 0; i < n && i < max; i++)
		for (k = 0; k < 3; k++)
			pts[i][k] = (ax[i] & (1 << k)) ? p[i][k] : 0;
	return (n < max ? n : max);
}

static double	solve_place(const struct fig_spec *, struct fig_angles *,
		    struct fig_body *, const struct fig_anchor *);

/* Axis ax of the first planted point of the body as it is at the start. */
static double
plant_first(struct solve *s, const struct fig_body *b, int ax)
{
	double	p[PLANT_MAX][3];
	int	pa[PLANT_MAX];

	if (plant_points(s->f, b, s->a->contacts, p, pa) == 0)
		return (s->plant[0][ax]);
	return (p[0][ax]);
}

static void
apply(struct solve *s, const double *u, struct fig_body *b)
{
	double	root[3];
	int	i;

	root[0] = u[U_X];
	root[1] = u[U_Y];
	root[2] = u[U_Z];
	for (i = U_ROOT; i < s->nu; i++)
		s->a->deg[s->joint[i]][s->axis[i]] = u[i];
	fig_fk(s->a, root, b);
}

static int
residuals(struct solve *s, const double *u, double *r, struct fig_body *b)
{
	double	p[PLANT_MAX][3];
	int	ax[PLANT_MAX], n, i, k, np;

	apply(s, u, b);
	n = fig_contact_errors(b, s->a->contacts, s->f->props, r, NR_MAX);
	if (n > NR_MAX)
		n = NR_MAX;
	/* Nothing goes through the floor: a part under it pulls up. */
	if (s->nu > U_ROOT) {
		double low;

		for (i = 0; i < FP_COUNT && n < NR_MAX; i++) {
			low = cap_low(b, i) + FLOOR_GIVE;
			r[n++] = low < 0 ? low : 0;
		}
		if (n < NR_MAX) {
			low = b->e[FE_HEAD][1] - FIG_HEAD_R + FLOOR_GIVE;
			r[n++] = low < 0 ? low : 0;
		}
	}
	if (s->nplant == 0)
		return (n);
	np = plant_points(s->f, b, s->a->contacts, p, ax);
	for (i = 0; i < np && i < s->nplant; i++)
		for (k = 0; k < 3; k++)
			if ((ax[i] & (1 << k)) && n < NR_MAX)
				r[n++] = p[i][k] - s->plant[i][k];
	return (n);
}

/* Solve the n x n system m x = v in place (Gauss, partial pivoting). */
static int
gauss(double *m, double *v, int n)
{
	int	i, j, k, p;
	double	t;

	for (i = 0; i < n; i++) {
		p = i;
		for (j = i + 1; j < n; j++)
			if (fabs(m[j * n + i]) > fabs(m[p * n + i]))
				p = j;
		if (fabs(m[p * n + i]) < PIVOT_MIN)
			return (-1);
		if (p != i) {
			for (k = 0; k < n; k++) {
				t = m[i * n + k];
				m[i * n + k] = m[p * n + k];
				m[p * n + k] = t;
			}
			t = v[i]; v[i] = v[p]; v[p] = t;
		}
		for (j = i + 1; j < n; j++) {
			t = m[j * n + i] / m[i * n + i];
			for (k = i; k < n; k++)
				m[j * n + k] -= t * m[i * n + k];
			v[j] -= t * v[i];
		}
	}
	for (i = n - 1; i >= 0; i--) {
		for (k = i + 1; k < n; k++)
			v[i] -= m[i * n + k] * v[k];
		v[i] /= m[i * n + i];
	}
	return (0);
}

static double
max_abs(const double *r, int n)
{
	double	m = 0;
	int	i;

	for (i = 0; i < n; i++)
		if (fabs(r[i]) > m)
			m = fabs(r[i]);
	return (m);
}

static int
fixed(const struct solve *s, int k)
{
	return ((k == U_X && !s->free_x) || (k == U_Z && !s->free_z));
}

/* The starting point: resting on the floor (or the seat), at the wall. */
static void
solve_start(struct solve *s, double *u, struct fig_body *b)
{
	const struct fig_spec	*f = s->f;
	struct fig_angles	*a = s->a;
	double			 root[3] = { 0, 0, 0 }, wall;
	int			 i, jn;

	fig_fk(a, root, b);
	u[U_Y] = -fig_lowest(b);
	if (a->contacts & FCON_SEAT)
		u[U_Y] = ((f->props & FPROP_CHAIR) ? FIG_SEAT_H : 0) -
		    (b->p[FJ_LHIP][1] + b->p[FJ_RHIP][1]) / 2 +
		    parts[FP_LTHIGH].rw;
	u[U_X] = u[U_Z] = 0;
	if (a->contacts & (FCON_BACK | FCON_ARMS)) {
		wall = cap_back(b, FP_THORAX2);
		if (cap_back(b, FP_PELVIS) < wall)
			wall = cap_back(b, FP_PELVIS);
		u[U_X] = -wall;
		s->free_x = 1;
	}
	s->nu = U_ROOT;
	for (i = 0; i < f->nadjust && s->nu < NU_MAX; i++) {
		jn = f->adjust[i].joint;
		if (a->mirror)
			jn = fig_joint_mirror(jn);
		s->joint[s->nu] = jn;
		s->axis[s->nu] = f->adjust[i].axis;
		u[s->nu] = a->deg[jn][f->adjust[i].axis];
		s->nu++;
	}
}

/*
 * The anchor: the keyframe whose planted points the others keep (the
 * first, or for a doorway the last, where the frame is placed), solved
 * alone on the same side.
 */
void
fig_anchor(const struct fig_spec *f, int mirror, unsigned contacts,
    struct fig_anchor *an)
{
	struct fig_angles	 k;
	struct fig_body		 b;
	int			 ax[PLANT_MAX];

	fig_keyframe(f, (f->props & FPROP_DOORWAY) ? f->npose - 1 : 0,
	    mirror, &k);
	k.contacts = contacts;
	solve_place(f, &k, &b, NULL);
	an->mirror = mirror;
	an->contacts = contacts;
	an->n = plant_points(f, &b, contacts, an->p, ax);
}

/* One Gauss-Newton step, damped toward the angles as written. */
static int
solve_step(struct solve *s, double *u, const double *u0, const double *r,
    int nr, struct fig_body *b, double *step)
{
	double	jac[NR_MAX][NU_MAX], m[NU_MAX * NU_MAX], v[NU_MAX];
	double	r2[NR_MAX], lo, hi, sum;
	int	i, k, q, n = s->nu;

	for (k = 0; k < n; k++) {
		if (fixed(s, k))
			continue;
		u[k] += FD_STEP;
		residuals(s, u, r2, b);
		u[k] -= FD_STEP;
		for (i = 0; i < nr; i++)
			jac[i][k] = (r2[i] - r[i]) / FD_STEP;
	}
	/* (J'J + W) du = -(J'r + W (u - u0)) */
	for (i = 0; i < n; i++) {
		v[i] = 0;
		for (k = 0; k < n; k++) {
			if (fixed(s, i) || fixed(s, k)) {
				m[i * n + k] = (i == k);
				continue;
			}
			for (sum = 0, q = 0; q < nr; q++)
				sum += jac[q][i] * jac[q][k];
			m[i * n + k] = sum;
		}
		if (fixed(s, i))
			continue;
		for (k = 0; k < nr; k++)
			v[i] -= jac[k][i] * r[k];
		if (i >= U_ROOT) {
			m[i * n + i] += REG;
			v[i] -= REG * (u[i] - u0[i]);
		} else
			m[i * n + i] += REG_ROOT;
	}
	if (gauss(m, v, n) == -1)
		return (-1);
	/* Far from the answer the linear model lies: short steps. */
	if ((*step = max_abs(v, n)) > STEP_MAX)
		for (i = 0; i < n; i++)
			v[i] *= STEP_MAX / *step;
	for (i = 0; i < n; i++) {
		u[i] += v[i];
		if (i < U_ROOT)
			continue;
		lo = fig_limits[s->joint[i]].lo[s->axis[i]];
		hi = fig_limits[s->joint[i]].hi[s->axis[i]];
		u[i] = u[i] < lo ? lo : u[i] > hi ? hi : u[i];
	}
	return (0);
}

static double
solve_place(const struct fig_spec *f, struct fig_angles *a,
    struct fig_body *b, const struct fig_anchor *an)
{
	struct solve	s;
	double		u[NU_MAX], u0[NU_MAX], r[NR_MAX], step, err, last;
	int		it, nr;

	memset(&s, 0, sizeof s);
	s.f = f;
	s.a = a;
	if (an != NULL && an->n > 0) {
		s.nplant = an->n < PLANT_MAX ? an->n : PLANT_MAX;
		memcpy(s.plant, an->p, (size_t)s.nplant * sizeof s.plant[0]);
		s.free_x = s.free_z = 1;
	}
	solve_start(&s, u, b);
	if (s.nplant > 0) {
		/* Start where the first planted point meets its anchor. */
		u[U_X] += s.plant[0][0] - plant_first(&s, b, 0);
		u[U_Z] += s.plant[0][2] - plant_first(&s, b, 2);
	}
	memcpy(u0, u, sizeof u);
	nr = residuals(&s, u, r, b);
	if (nr == 0)
		return (0);
	err = max_abs(r, nr);
	for (it = 0; it < SOLVE_ITER && err >= SOLVE_DONE_CM; it++) {
		if (solve_step(&s, u, u0, r, nr, b, &step) == -1)
			break;
		nr = residuals(&s, u, r, b);
		last = err;
		err = max_abs(r, nr);
		/*
		 * Where the contacts cannot all hold: as near as it gets,
		 * when the steps or the gains become small.
		 */
		if (step < SOLVE_STALL || (last - err < SOLVE_GAIN * last &&
		    last - err > -SOLVE_GAIN * last))
			break;
	}
	return (max_abs(r, nr));
}

double
fig_solve_at(const struct fig_spec *f, const struct fig_anchor *an,
    struct fig_angles *a, struct fig_body *b)
{
	struct fig_anchor	mine;

	if (an == NULL || an->mirror != a->mirror ||
	    an->contacts != a->contacts) {
		fig_anchor(f, a->mirror, a->contacts, &mine);
		an = &mine;
	}
	return (solve_place(f, a, b, an));
}

double
fig_solve(const struct fig_spec *f, struct fig_angles *a, struct fig_body *b)
{
	return (fig_solve_at(f, NULL, a, b));
}

/* Motion -------------------------------------------------------------- */

/* Along keyframes keys[0..n-1] at t in [0, 1], eased at each. */
static void
path(const struct fig_spec *f, const int *keys, int n, int mirror, double t,
    struct fig_angles *out)
{
	struct fig_angles	a, b;
	double			x;
	int			i;

	if (n < 2 || t <= 0) {
		fig_keyframe(f, keys[0], mirror, out);
		return;
	}
	if (t >= 1) {
		fig_keyframe(f, keys[n - 1], mirror, out);
		return;
	}
	x = t * (n - 1);
	i = (int)x;
	fig_keyframe(f, keys[i], mirror, &a);
	fig_keyframe(f, keys[i + 1], mirror, &b);
	fig_mix(&a, &b, fig_ease(x - i), out);
}

/* A slow breath at rest: 6 s in and out. */
static double
idle_breath(double s)
{
	return (0.3 * (0.5 - 0.5 * fig_cos(2 * M_PI * s / DOSE_BREATH_S)));
}

void
fig_at_phase(const struct fig_spec *f, const struct phase *ph,
    double elapsed_s, struct fig_angles *out)
{
	struct fig_angles	a, b;
	int			keys[2 * FIG_POSES_MAX], n = 0, i, last;
	int			mirror = ph->side == SIDE_RIGHT;
	double			d = ph->duration_s > 0 ? ph->duration_s : 1;
	double			t = elapsed_s / d, tail;

	last = f->npose - 1;
	switch (ph->kind) {
	case PHASE_MOVE:
		for (i = 0; i <= last; i++)
			keys[n++] = i;
		path(f, keys, n, mirror, t, out);
		out->breath = idle_breath(elapsed_s);
		return;
	case PHASE_HOLD:
		/* Rest at the end pose; let go in the last moment. */
		tail = d * 0.2 < 1 ? d * 0.2 : 1;
		fig_keyframe(f, last, mirror, &a);
		fig_keyframe(f, 0, mirror, &b);
		fig_mix(&a, &b, fig_ease((elapsed_s - (d - tail)) / tail), out);
		out->breath = idle_breath(elapsed_s);
		return;
	case PHASE_REP:
		for (i = 0; i <= last; i++)
			keys[n++] = i;
		for (i = last - 1; i >= 0; i--)
			keys[n++] = i;
		path(f, keys, n, mirror, t, out);
		out->breath = idle_breath(elapsed_s);
		return;
	case PHASE_INHALE:
		keys[0] = ph->rep > 1 && f->npose >= 3 ? 2 : 0;
		keys[1] = 1;
		path(f, keys, 2, mirror, t, out);
		out->breath = fig_ease(t);
		return;
	case PHASE_EXHALE:
		keys[0] = 1;
		keys[1] = f->npose >= 3 ? 2 : 0;
		path(f, keys, 2, mirror, t, out);
		out->breath = 1 - fig_ease(t);
		return;
	case PHASE_SWITCH:
		/* From the first side's start to the second's. */
		fig_keyframe(f, 0, !mirror, &a);
		fig_keyframe(f, 0, mirror, &b);
		fig_mix(&a, &b, fig_ease(t), out);
		out->breath = idle_breath(elapsed_s);
		return;
	case PHASE_READY:
	case PHASE_REST:
	default:
		fig_keyframe(f, 0, mirror, out);
		out->breath = idle_breath(elapsed_s);
		return;
	}
}

#define LOOP_STEP_S	FIG_LOOP_STEP_S
#define LOOP_HOLD_S	FIG_LOOP_HOLD_S

double
fig_loop_s(const struct fig_spec *f, int both)
{
	double	one = 2 * (f->npose - 1) * LOOP_STEP_S + 2 * LOOP_HOLD_S;

	return (both ? 2 * one : one);
}

void
fig_loop_at(const struct fig_spec *f, int both, double t,
    struct fig_angles *out)
{
	int	keys[FIG_POSES_MAX], n = 0, i, mirror = 0;
	double	go = (f->npose - 1) * LOOP_STEP_S, one = fig_loop_s(f, 0), x;

	if (t < 0)
		t = 0;
	/* t >= 0: the remainder of the loop, without libm's fmod. */
	x = fig_loop_s(f, both);
	t = t / x < 1e15 ? t - x * (double)(long long)(t / x) : 0;
	if (both && t >= one) {
		mirror = 1;
		t -= one;
	}
	for (i = 0; i < f->npose; i++)
		keys[n++] = i;
	if (t < go) {
		x = t / go;
		path(f, keys, n, mirror, x, out);
		out->breath = fig_ease(x);
	} else if (t < go + LOOP_HOLD_S) {
		fig_keyframe(f, n - 1, mirror, out);
		out->breath = 1;
	} else if (t < 2 * go + LOOP_HOLD_S) {
		x = 1 - (t - go - LOOP_HOLD_S) / go;
		path(f, keys, n, mirror, x, out);
		out->breath = fig_ease(x);
	} else {
		fig_keyframe(f, 0, mirror, out);
		out->breath = 0;
	}
}

/* The scene ----------------------------------------------------------- */

struct cam {
	double	right[3], up[3], toward[3];
};

static void
camera_basis(int camera, struct cam *c)
{
	double	az = 0, el = 0, t0[3], u0[3] = { 0, 1, 0 };
	int	k;

	switch (camera) {
	case FCAM_FRONT:
		az = 90;
		break;
	case FCAM_BACK:
		az = -90;
		break;
	case FCAM_TOP:
		el = 90;
		break;
	case FCAM_THREEQ:
		az = 38;
		el = 18;
		break;
	case FCAM_THREEQ_BACK:
		/* From behind and to the left, a little above. */
		az = -142;
		el = 18;
		break;
	case FCAM_HIGH_SIDE:
		/* From the right side and well above: a body lying down. */
		az = 0;
		el = 50;
		break;
	default:
		break;
	}
	az *= DEG;
	el *= DEG;
	t0[0] = fig_sin(az);
	t0[1] = 0;
	t0[2] = fig_cos(az);
	c->right[0] = fig_cos(az);
	c->right[1] = 0;
	c->right[2] = -fig_sin(az);
	for (k = 0; k < 3; k++) {
		c->toward[k] = t0[k] * fig_cos(el) + u0[k] * fig_sin(el);
		c->up[k] = u0[k] * fig_cos(el) - t0[k] * fig_sin(el);
	}
}

static double
dot(const double a[3], const double b[3])
{
	return (a[0] * b[0] + a[1] * b[1] + a[2] * b[2]);
}

void
fig_project(int camera, const double p[3], double out[3])
{
	struct cam	c;

	camera_basis(camera, &c);
	out[0] = dot(p, c.right);
	out[1] = dot(p, c.up);
	out[2] = dot(p, c.toward);
}

struct group {
	int	style;
	double	depth;
	int	first, n;	/* in the scratch list */
};

struct builder {
	struct cam		 cam;
	struct fig_prim		 tmp[FIG_PRIMS_MAX];
	double			 depth[FIG_PRIMS_MAX];
	int			 gid[FIG_PRIMS_MAX];
	int			 n;
	int			 group;
};

static struct fig_prim *
add(struct builder *bd, int shape, int style, double depth)
{
	struct fig_prim	*p;

	if (bd->n == FIG_PRIMS_MAX)
		return (NULL);
	p = &bd->tmp[bd->n];
	memset(p, 0, sizeof *p);
	p->shape = (unsigned char)shape;
	p->style = (unsigned char)style;
	bd->depth[bd->n] = depth;
	bd->gid[bd->n] = bd->group;
	bd->n++;
	return (p);
}

/* The half-width on screen of a capsule with an oval cross-section. */
static double
screen_radius(const struct cam *c, const struct fig_capsule *k,
    const double across[3], const double front[3])
{
	double	ax[3], ps[3], len, pr, pd;
	int	i;

	for (i = 0; i < 3; i++)
		ax[i] = k->b[i] - k->a[i];
	/* The screen direction across the capsule's axis, in the room. */
	{
		double sx = dot(ax, c->right), sy = dot(ax, c->up);

		len = sqrt(sx * sx + sy * sy);
		if (len < 1e-6) {
			sx = 1;
			sy = 0;
			len = 1;
		}
		for (i = 0; i < 3; i++)
			ps[i] = (-sy * c->right[i] + sx * c->up[i]) / len;
	}
	pr = dot(ps, across);
	pd = dot(ps, front);
	return (sqrt(k->rw * k->rw * pr * pr + k->rd * k->rd * pd * pd +
	    1e-9) / sqrt(pr * pr + pd * pd + 1e-9));
}

static void
capsule(struct builder *bd, const struct fig_body *b, int part, int style)
{
	struct fig_capsule	 k;
	struct fig_prim		*p;
	double			 pa[3], pb[3], across[3], front[3];
	int			 j = parts[part].from >= 0 ? parts[part].from :
				     (part == FP_LFOOT ? FJ_LANKLE : FJ_RANKLE);

	fig_part(b, part, &k);
	/* The segment's frame: x is its front, z across. */
	across[0] = b->r[j][2];
	across[1] = b->r[j][5];
	across[2] = b->r[j][8];
	front[0] = b->r[j][0];
	front[1] = b->r[j][3];
	front[2] = b->r[j][6];
	pa[0] = dot(k.a, bd->cam.right);
	pa[1] = dot(k.a, bd->cam.up);
	pa[2] = dot(k.a, bd->cam.toward);
	pb[0] = dot(k.b, bd->cam.right);
	pb[1] = dot(k.b, bd->cam.up);
	pb[2] = dot(k.b, bd->cam.toward);
	/*
	 * Its depth is its surface nearest the eye: the mid-point brought
	 * forward by the radius that faces the eye, so a hand behind the
	 * head is behind the head's round front.
	 */
	{
		double ta = dot(across, bd->cam.toward);
		double tf = dot(front, bd->cam.toward);

		if ((p = add(bd, FSH_CAPSULE, style, (pa[2] + pb[2]) / 2 +
		    sqrt(k.rw * k.rw * ta * ta + k.rd * k.rd * tf * tf)))
		    == NULL)
			return;
	}
	p->x[0] = pa[0];
	p->y[0] = pa[1];
	p->x[1] = pb[0];
	p->y[1] = pb[1];
	p->n = 2;
	p->r = k.rw == k.rd ? k.rw : screen_radius(&bd->cam, &k, across,
	    front);
}

static void
circle(struct builder *bd, const double c[3], double r, int style)
{
	struct fig_prim	*p;
	double		 s[3];

	s[0] = dot(c, bd->cam.right);
	s[1] = dot(c, bd->cam.up);
	s[2] = dot(c, bd->cam.toward);
	if ((p = add(bd, FSH_CIRCLE, style, s[2])) == NULL)
		return;
	p->x[0] = s[0];
	p->y[0] = s[1];
	p->n = 1;
	p->r = r;
}

/* A flat polygon of the room (up to FIG_POLY_MAX corners). */
static void
poly(struct builder *bd, const double (*pts)[3], int n, int style)
{
	struct fig_prim	*p;
	double		 d = 0;
	int		 i;

	if ((p = add(bd, FSH_POLY, style, 0)) == NULL)
		return;
	for (i = 0; i < n && i < FIG_POLY_MAX; i++) {
		p->x[i] = dot(pts[i], bd->cam.right);
		p->y[i] = dot(pts[i], bd->cam.up);
		d += dot(pts[i], bd->cam.toward);
	}
	p->n = (unsigned char)i;
	bd->depth[bd->n - 1] = d / i;
}

static void
line(struct builder *bd, const double a[3], const double b[3], double w,
    int style)
{
	struct fig_prim	*p;

	if ((p = add(bd, FSH_LINE, style, 0)) == NULL)
		return;
	p->x[0] = dot(a, bd->cam.right);
	p->y[0] = dot(a, bd->cam.up);
	p->x[1] = dot(b, bd->cam.right);
	p->y[1] = dot(b, bd->cam.up);
	p->n = 2;
	p->r = w;
	bd->depth[bd->n - 1] = (dot(a, bd->cam.toward) +
	    dot(b, bd->cam.toward)) / 2;
}

/* A box of the room from its two corners, drawn as its visible faces. */
static void
box(struct builder *bd, const double lo[3], const double hi[3], int style)
{
	double	q[4][3];
	int	axis, side, i, a1, a2;

	for (axis = 0; axis < 3; axis++) {
		a1 = (axis + 1) % 3;
		a2 = (axis + 2) % 3;
		for (side = 0; side < 2; side++) {
			double n = side ? 1 : -1;

			/* Only the faces that look toward the eye. */
			if (n * bd->cam.toward[axis] <= 1e-6)
				continue;
			for (i = 0; i < 4; i++) {
				q[i][axis] = side ? hi[axis] : lo[axis];
				q[i][a1] = (i == 1 || i == 2) ? hi[a1] : lo[a1];
				q[i][a2] = (i >= 2) ? hi[a2] : lo[a2];
			}
			poly(bd, (const double (*)[3])q, 4, style);
		}
	}
}

/* A mat under the body: head to pelvis, across the room or along it. */
static void
mat_extent(const struct fig_body *ref, double lo[3], double hi[3])
{
	double	hx, ez;
	int	wz;

	hx = (ref->p[FJ_PELVIS][0] + ref->e[FE_HEAD][0]) / 2;
	ez = (ref->p[FJ_PELVIS][2] + ref->e[FE_HEAD][2]) / 2;
	wz = fabs(ref->p[FJ_PELVIS][2] - ref->e[FE_HEAD][2]) >
	    fabs(ref->p[FJ_PELVIS][0] - ref->e[FE_HEAD][0]) ? 1 : 0;
	lo[0] = hx - (wz ? 32 : 95);
	hi[0] = hx + (wz ? 32 : 95);
	lo[1] = -1.2;
	hi[1] = 0;
	lo[2] = wz ? ez - 95 : -32;
	hi[2] = wz ? ez + 95 : 32;
}

/*
 * Whether a figure on a chair leans back over its backrest: some pose
 * tips the pelvis back and extends the upper back.
 */
static int
leans_back(const struct fig_spec *f)
{
	int	i;

	for (i = 0; i < f->npose; i++)
		if (f->pose[i].deg[FJ_PELVIS][FA_FLEX] < 0 &&
		    f->pose[i].deg[FJ_THORAX1][FA_FLEX] < -8)
			return (1);
	return (0);
}

/* Sitting near the front of a chair: the backrest this far behind the
   pelvis's centre (the seat is 42 deep; the hips 14 from its edge). */
#define CHAIR_FRONT_SIT	28.0

static void
props_back(struct builder *bd, const struct fig_spec *f,
    const struct fig_body *ref)
{
	double	q[4][3], lo[3], hi[3], hx;
	double	ex, ez, wz;
	int	k, lying;

	bd->group++;
	/* The floor: a wide strip under everything. */
	for (k = 0; k < 4; k++) {
		q[k][0] = (k == 1 || k == 2) ? 140 : -110;
		q[k][1] = (f->props & FPROP_MAT) ? -1.2 : 0;
		q[k][2] = k >= 2 ? 160 : -160;
	}
	poly(bd, (const double (*)[3])q, 4, FS_FLOOR);
	bd->depth[bd->n - 1] = -1e6;
	if (f->props & FPROP_MAT) {
		/* A mat 1.2 cm thick: its top is the floor the body is on. */
		mat_extent(ref, lo, hi);
		box(bd, lo, hi, FS_MAT);
		for (k = bd->n - 3; k < bd->n; k++)
			if (k >= 0 && bd->tmp[k].style == FS_MAT)
				bd->depth[k] = -1e6 + 1;
	}
	if (f->props & FPROP_WALL) {
		for (k = 0; k < 4; k++) {
			q[k][0] = 0;
			q[k][1] = (k == 1 || k == 2) ? 250 : 0;
			q[k][2] = k >= 2 ? 70 : -70;
		}
		poly(bd, (const double (*)[3])q, 4, FS_WALL);
		bd->depth[bd->n - 1] = -1e6 + 2;
	}
	if (f->props & FPROP_DOORWAY) {
		/*
		 * The frame's face just in front of the raised forearm,
		 * which rests on it while the body steps through.
		 */
		ex = ref->p[FJ_LELBOW][1] > ref->p[FJ_RELBOW][1] ?
		    ref->p[FJ_LELBOW][0] : ref->p[FJ_RELBOW][0];
		ex += parts[FP_LFOREARM].rw + 12;
		ez = fabs(ref->p[FJ_LELBOW][2]) > fabs(ref->p[FJ_RELBOW][2]) ?
		    fabs(ref->p[FJ_LELBOW][2]) : fabs(ref->p[FJ_RELBOW][2]);
		wz = ez - 6;
		for (k = -1; k <= 1; k += 2) {
			lo[0] = ex - 12;
			hi[0] = ex;
			lo[1] = 0;
			hi[1] = 205;
			lo[2] = k < 0 ? -wz - 40 : wz;
			hi[2] = k < 0 ? -wz : wz + 40;
			box(bd, lo, hi, FS_DOOR);
		}
		lo[0] = ex - 12;
		hi[0] = ex;
		lo[1] = 205;
		hi[1] = 225;
		lo[2] = -wz - 40;
		hi[2] = wz + 40;
		box(bd, lo, hi, FS_DOOR);
	}
	if (f->props & FPROP_CHAIR) {
		/*
		 * Seat, back and legs, under the hips of the first pose,
		 * the back 3 cm behind the pelvis (its side, for a person
		 * sitting sideways on the chair).
		 */
		hx = ref->p[FJ_PELVIS][0] - fabs(ref->r[FJ_PELVIS][0]) *
		    parts[FP_PELVIS].rd - fabs(ref->r[FJ_PELVIS][2]) *
		    parts[FP_PELVIS].rw - 3;
		/* Facing forward and not leaning back: near the front. */
		if (fabs(ref->r[FJ_PELVIS][0]) > 0.7 && !leans_back(f))
			hx = ref->p[FJ_PELVIS][0] - CHAIR_FRONT_SIT;
		/*
		 * Lying down (the trunk level), the calves rest on the
		 * seat: its front edge at the knees, the back beyond the
		 * feet (the room's x runs from the knees to the feet).
		 */
		lying = fabs(ref->p[FJ_THORAX3][1] - ref->p[FJ_PELVIS][1]) <
		    15 && ref->p[FJ_LANKLE][0] > ref->p[FJ_LKNEE][0];
		if (lying)
			hx = (ref->p[FJ_LKNEE][0] + ref->p[FJ_RKNEE][0]) / 2 - 4;
		lo[0] = hx;
		hi[0] = hx + 42;
		lo[1] = FIG_SEAT_H - 4;
		hi[1] = FIG_SEAT_H;
		lo[2] = -22;
		hi[2] = 22;
		box(bd, lo, hi, FS_CHAIR);
		lo[0] = lying ? hx + 42 : hx - 4;
		hi[0] = lo[0] + 4;
		lo[1] = FIG_SEAT_H - 4;
		hi[1] = FIG_SEAT_H + 36;
		box(bd, lo, hi, FS_CHAIR);
		for (k = 0; k < 4; k++) {
			lo[0] = (k & 1) ? hx + 38 : hx - 4;
			if (lying)
				lo[0] += 4;
			hi[0] = lo[0] + 4;
			lo[1] = 0;
			hi[1] = FIG_SEAT_H - 4;
			lo[2] = (k & 2) ? 18 : -22;
			hi[2] = lo[2] + 4;
			box(bd, lo, hi, FS_CHAIR);
		}
	}
}

/*
 * Where a band's fixed end is (a door handle at chest height): with
 * anchor-front, a band's length ahead of the hands of the first pose;
 * with anchor-side, as far out at the figure's right (its left on the
 * second side, which the mirrored camera shows as the right again).
 */
#define ANCHOR_REACH	45.0

static int
band_anchor(const struct fig_spec *f, const struct fig_body *ref,
    int mirror, double at[3])
{
	int	k;

	if (!(f->props & (FPROP_ANCHOR_FRONT | FPROP_ANCHOR_SIDE)))
		return (0);
	for (k = 0; k < 3; k++)
		at[k] = (ref->p[FJ_LWRIST][k] + ref->e[FE_LHAND][k] +
		    ref->p[FJ_RWRIST][k] + ref->e[FE_RHAND][k]) / 4;
	if (f->props & FPROP_ANCHOR_FRONT) {
		at[0] += ANCHOR_REACH;
		at[2] = ref->p[FJ_PELVIS][2];
	} else
		at[2] += (mirror ? -1 : 1) * (ANCHOR_REACH + 20);
	return (1);
}

static void
props_front(struct builder *bd, const struct fig_spec *f,
    const struct fig_body *b, const struct fig_body *ref, int mirror)
{
	double	mid[2][3], ax[3], a[3], c[3], len, at[3];
	int	h, k, w;

	for (h = 0; h < 2; h++)
		for (k = 0; k < 3; k++)
			mid[h][k] = (b->p[h ? FJ_RWRIST : FJ_LWRIST][k] +
			    b->e[h ? FE_RHAND : FE_LHAND][k]) / 2;
	if ((f->props & FPROP_BAND) && band_anchor(f, ref, mirror, at)) {
		/* Fixed at one end: the handle, and a band to each hand. */
		bd->group++;
		for (k = 0; k < 3; k++) {
			a[k] = at[k];
			c[k] = at[k];
		}
		a[1] -= 3;
		c[1] += 3;
		line(bd, a, c, 2.2, FS_DOOR);
		bd->depth[bd->n - 1] = 1e5;
		for (h = 0; h < 2; h++) {
			bd->group++;
			line(bd, at, mid[h], 1.3, FS_BAND);
			bd->depth[bd->n - 1] = 1e5;
		}
	} else if (f->props & FPROP_BAND) {
		bd->group++;
		line(bd, mid[0], mid[1], 1.6, FS_BAND);
		bd->depth[bd->n - 1] = 1e5;
	}
	if (f->props & FPROP_DUMBBELL) {
		bd->group++;
		/* Held in both hands, or the one hand nearer the other. */
		for (k = 0; k < 3; k++)
			c[k] = (mid[0][k] + mid[1][k]) / 2;
		len = 0;
		for (k = 0; k < 3; k++) {
			ax[k] = mid[1][k] - mid[0][k];
			len += ax[k] * ax[k];
		}
		len = sqrt(len);
		if (len < 1e-3 || len > 20) {
			w = FJ_RWRIST;
			for (k = 0; k < 3; k++) {
				c[k] = mid[1][k];
				ax[k] = b->r[w][k * 3 + 2];
			}
			len = 1;
		}
		for (k = 0; k < 3; k++)
			ax[k] /= len;
		for (h = -1; h <= 1; h += 2) {
			for (k = 0; k < 3; k++) {
				a[k] = c[k] + h * 5 * ax[k];
				mid[0][k] = c[k] + h * 9 * ax[k];
			}
			line(bd, a, mid[0], 10, FS_BELL);
		}
		for (k = 0; k < 3; k++) {
			a[k] = c[k] - 9 * ax[k];
			mid[0][k] = c[k] + 9 * ax[k];
		}
		line(bd, a, mid[0], 2.4, FS_BELL);
		for (k = bd->n - 3; k < bd->n; k++)
			bd->depth[k] = 1e5 + 1;
	}
}

void
fig_prop_ref(const struct fig_spec *f, struct fig_body *out)
{
	struct fig_angles	a;

	fig_keyframe(f, (f->props & FPROP_DOORWAY) ? f->npose - 1 : 0, 0, &a);
	fig_solve(f, &a, out);
}

/* Whether the figure's poses move its shoulder blades. */
static int
uses_blades(const struct fig_spec *f)
{
	int	i, k;

	for (i = 0; i < f->npose; i++)
		for (k = 0; k < FA_COUNT; k++)
			if (f->pose[i].deg[FJ_LSCAP][k] != 0 ||
			    f->pose[i].deg[FJ_RSCAP][k] != 0)
				return (1);
	return (0);
}

/*
 * A shoulder blade: a flat triangle on the back of the chest, its inner
 * edge drawn toward the spine as the blade draws back (flexion below 0)
 * and lifted as it rises, so a squeeze shows from behind.
 */
static void
blade(struct builder *bd, const struct fig_body *b, int side)
{
	const double	*r = b->r[FJ_THORAX3];
	double		 q[3][3], loc[3][3], v[3], rel[3], lp[3], inv[9];
	double		 back, lift, med, lat;
	int		 sh = side < 0 ? FJ_LSHOULDER : FJ_RSHOULDER, i, k;

	/* The shoulder in the chest's frame (x forward, y up, z right). */
	for (k = 0; k < 3; k++)
		rel[k] = b->p[sh][k] - b->p[FJ_THORAX3][k];
	for (i = 0; i < 3; i++)
		for (k = 0; k < 3; k++)
			inv[i * 3 + k] = r[k * 3 + i];
	mat_vec(inv, rel, lp);
	/* At rest about (-2.5, 3, 19.5): below -2.5 drawn back. */
	back = lp[0] + 2.5;
	lift = lp[1] - 3;
	med = 6.5 + 0.9 * back;
	lat = 17 + 0.5 * back;
	if (med < 2.5)
		med = 2.5;
	loc[0][0] = -10.5;
	loc[0][1] = 5 + lift;
	loc[0][2] = side * med;
	loc[1][0] = -10.5;
	loc[1][1] = -16 + lift * 0.6;
	loc[1][2] = side * (med + 2.5);
	loc[2][0] = -9;
	loc[2][1] = 4 + lift;
	loc[2][2] = side * lat;
	for (i = 0; i < 3; i++) {
		mat_vec(r, loc[i], v);
		for (k = 0; k < 3; k++)
			q[i][k] = b->p[FJ_THORAX3][k] + v[k];
	}
	poly(bd, (const double (*)[3])q, 3, FS_BLADE);
	/* On the back: in front of the chest only when seen from behind. */
	for (k = 0; k < 3; k++)
		v[k] = -r[k * 3];
	bd->depth[bd->n - 1] += 12 * dot(v, bd->cam.toward);
}

void
fig_scene(const struct fig_spec *f, const struct fig_body *b,
    const struct fig_body *ref, int mirror, int camera,
    struct fig_scene *out)
{
	static const int limbs[4][3] = {
		{ FP_LUARM, FP_LFOREARM, FP_LHAND },
		{ FP_RUARM, FP_RFOREARM, FP_RHAND },
		{ FP_LTHIGH, FP_LSHIN, FP_LFOOT },
		{ FP_RTHIGH, FP_RSHIN, FP_RFOOT },
	};
	struct builder	 bd;
	struct fig_body	 mref;
	/* Zeroed: cppcheck cannot see that the sort reads only what the
	 * loop before it wrote (both run over bd.n). */
	double		 key[FIG_PRIMS_MAX] = { 0 }, torso = 0, d, flip;
	int		 idx[FIG_PRIMS_MAX] = { 0 }, backg, i, k, t, g, last;

	memset(&bd, 0, sizeof bd);
	camera_basis(camera, &bd.cam);
	/*
	 * The flip is about the middle of the props' body as the first side
	 * has it, so both sides fill one frame.
	 */
	{
		const struct fig_body *r0 = ref != NULL ? ref : b;
		double lo = 1e9, hi = -1e9, x;

		for (i = 0; i < FJ_COUNT; i++) {
			x = dot(r0->p[i], bd.cam.right);
			lo = x < lo ? x : lo;
			hi = x > hi ? x : hi;
		}
		for (i = 0; i < FE_COUNT; i++) {
			x = dot(r0->e[i], bd.cam.right);
			lo = x < lo ? x : lo;
			hi = x > hi ? x : hi;
		}
		if (f->props & FPROP_MAT) {
			double mlo[3], mhi[3], q[3];
			int c;

			mat_extent(r0, mlo, mhi);
			for (c = 0; c < 4; c++) {
				q[0] = (c & 1) ? mhi[0] : mlo[0];
				q[1] = 0;
				q[2] = (c & 2) ? mhi[2] : mlo[2];
				x = dot(q, bd.cam.right);
				lo = x < lo ? x : lo;
				hi = x > hi ? x : hi;
			}
		}
		flip = lo + hi;
	}
	if (mirror) {
		/*
		 * The second side is seen as the mirror image of the first:
		 * the camera mirrored with the body (z -> -z) and the
		 * picture flipped left to right, so the side the exercise
		 * works faces the eye on both sides.
		 */
		bd.cam.right[0] = -bd.cam.right[0];
		bd.cam.right[1] = -bd.cam.right[1];
		bd.cam.up[2] = -bd.cam.up[2];
		bd.cam.toward[2] = -bd.cam.toward[2];
	}
	if (ref == NULL)
		ref = b;
	if (mirror) {
		/* The fixed props of the second side are the mirror's. */
		mref = *ref;
		for (i = 0; i < FJ_COUNT; i++) {
			mref.p[i][0] = ref->p[fig_joint_mirror(i)][0];
			mref.p[i][1] = ref->p[fig_joint_mirror(i)][1];
			mref.p[i][2] = -ref->p[fig_joint_mirror(i)][2];
		}
		for (i = 0; i < FE_COUNT; i++)
			mref.e[i][2] = -ref->e[i][2];
		ref = &mref;
	}
	props_back(&bd, f, ref);
	backg = bd.group;

	bd.group++;
	for (i = FP_PELVIS; i <= FP_NECK; i++)
		capsule(&bd, b, i, FS_BODY);
	circle(&bd, b->e[FE_HEAD], FIG_HEAD_R, FS_BODY);
	bd.depth[bd.n - 1] += FIG_HEAD_R;
	circle(&bd, b->e[FE_NOSE], 2.6, FS_BODY);
	bd.depth[bd.n - 1] += 2.6;
	if (uses_blades(f)) {
		bd.group++;
		blade(&bd, b, -1);
		bd.group++;
		blade(&bd, b, 1);
	}
	/*
	 * A limb is near (drawn light) when its centre line is nearer the
	 * eye than the spine's, by its joints: both legs seen from the
	 * front or back are near, the far arm seen from the side is far.
	 */
	torso = (dot(b->p[FJ_PELVIS], bd.cam.toward) +
	    dot(b->p[FJ_THORAX2], bd.cam.toward)) / 2;
	for (i = 0; i < 4; i++) {
		static const int root[4] = { FJ_LSHOULDER, FJ_RSHOULDER,
		    FJ_LHIP, FJ_RHIP };

		bd.group++;
		d = 0;
		for (k = 0; k < 3; k++) {
			capsule(&bd, b, limbs[i][k], FS_NEAR);
			d += dot(b->p[root[i] + 2 * k], bd.cam.toward);
		}
		d /= 3;
		for (k = bd.n - 3; k < bd.n; k++)
			bd.tmp[k].style = d >= torso - 2 ? FS_NEAR : FS_FAR;
	}
	props_front(&bd, f, b, ref, mirror);
	if (mirror)
		for (i = 0; i < bd.n; i++)
			for (k = 0; k < bd.tmp[i].n; k++)
				bd.tmp[i].x[k] += flip;

	/*
	 * Every shape at its own depth, farthest first; the room's props
	 * (floor, wall, chair, door) behind all. Depths within DEPTH_TIE
	 * are a tie, kept in the order drawn (the sort is stable): the two
	 * arms of a symmetric pose are at one depth, and which comes first
	 * must not hang on the last bit of a cosine. Shapes of one part of
	 * the body that end up next to each other are drawn as one
	 * silhouette (one group).
	 */
	for (i = 0; i < bd.n; i++) {
		idx[i] = i;
		key[i] = bd.gid[i] <= backg ? bd.depth[i] - 1e7 : bd.depth[i];
	}
	for (i = 1; i < bd.n; i++)
		for (k = i; k > 0 && key[idx[k - 1]] > key[idx[k]] + DEPTH_TIE;
		    k--) {
			t = idx[k];
			idx[k] = idx[k - 1];
			idx[k - 1] = t;
		}
	out->n = 0;
	g = -1;
	last = -1;
	for (i = 0; i < bd.n && out->n < FIG_PRIMS_MAX; i++) {
		if (bd.gid[idx[i]] != last) {
			g++;
			last = bd.gid[idx[i]];
		}
		out->prim[out->n] = bd.tmp[idx[i]];
		out->prim[out->n].group = (unsigned char)g;
		out->prim[out->n].id = (unsigned char)idx[i];
		out->prim[out->n].z = key[idx[i]];
		out->prim[out->n].part = (unsigned char)bd.gid[idx[i]];
		out->n++;
	}
}

void
fig_scene_bounds(const struct fig_scene *s, struct fig_box *bx)
{
	const struct fig_prim	*p;
	double			 r;
	int			 i, k;

	bx->x0 = bx->y0 = 1e9;
	bx->x1 = bx->y1 = -1e9;
	for (i = 0; i < s->n; i++) {
		p = &s->prim[i];
		/*
		 * The floor strip is as wide as any picture, the wall and
		 * the mat larger than the body: not counted (they run off
		 * the picture's edges).
		 */
		if (p->style == FS_FLOOR || p->style == FS_WALL ||
		    p->style == FS_MAT)
			continue;
		r = p->shape == FSH_POLY ? 0 : p->shape == FSH_LINE ?
		    p->r / 2 : p->r;
		for (k = 0; k < p->n; k++) {
			if (p->x[k] - r < bx->x0)
				bx->x0 = p->x[k] - r;
			if (p->x[k] + r > bx->x1)
				bx->x1 = p->x[k] + r;
			if (p->y[k] - r < bx->y0)
				bx->y0 = p->y[k] - r;
			if (p->y[k] + r > bx->y1)
				bx->y1 = p->y[k] + r;
		}
	}
}

void
fig_frame(const struct fig_spec *f, int camera, struct fig_box *bx)
{
	struct fig_angles	a;
	struct fig_body		b, ref;
	struct fig_scene	s;
	struct fig_box		one;
	struct fig_anchor	an[2];
	double			len = fig_loop_s(f, 1), t;
	int			i, steps = 48;

	fig_prop_ref(f, &ref);
	bx->x0 = bx->y0 = 1e9;
	bx->x1 = bx->y1 = -1e9;
	fig_loop_at(f, 1, 0, &a);
	fig_anchor(f, 0, a.contacts, &an[0]);
	fig_anchor(f, 1, fig_contact_mirror(a.contacts), &an[1]);
	for (i = 0; i <= steps; i++) {
		t = len * i / steps;
		fig_loop_at(f, 1, t, &a);
		fig_solve_at(f, &an[a.mirror != 0], &a, &b);
		fig_scene(f, &b, &ref, a.mirror, camera, &s);
		fig_scene_bounds(&s, &one);
		if (one.x0 < bx->x0) bx->x0 = one.x0;
		if (one.y0 < bx->y0) bx->y0 = one.y0;
		if (one.x1 > bx->x1) bx->x1 = one.x1;
		if (one.y1 > bx->y1) bx->y1 = one.y1;
	}
	/* A margin, and the floor in sight. */
	bx->x0 -= 12;
	bx->x1 += 12;
	bx->y0 -= 6;
	bx->y1 += 8;
	if (camera != FCAM_TOP && bx->y0 > -6)
		bx->y0 = -6;
}
