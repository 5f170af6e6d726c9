/*
 * figreach.c -- a development tool for writing poses: the shoulder and
 * elbow angles that put a hand on a named part of the body, for one
 * keyframe of an exercise. Prints the angles to write in its figure:.
 *   figreach data/exercises.yaml ID POSE left|right TARGET [FREE]
 * FREE: which of shoulder flex, side, twist, elbow, wrist may change, as
 * five 0 or 1 (default 11111); the others stay as the pose has them.
 * A last word "up" keeps the elbow above the head.
 * TARGET: head-back, chest, chest-front, belly, backrest-l, backrest-r, upper-back, left-shoulder,
 * right-shoulder, left-knee, right-knee, left-elbow, right-elbow,
 * left-thigh, right-thigh.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/diag.h"
#include "core/figure.h"

/* A point of body b in joint j's frame, offset o. */
static void
at(const struct fig_body *b, int j, double ox, double oy, double oz,
    double out[3])
{
	const double	*r = b->r[j];
	int		 k;

	for (k = 0; k < 3; k++)
		out[k] = b->p[j][k] + r[k * 3] * ox + r[k * 3 + 1] * oy +
		    r[k * 3 + 2] * oz;
}

int
fig_target(const struct fig_body *b, const char *name, double out[3]);

int
fig_target(const struct fig_body *b, const char *name, double out[3])
{
	if (strcmp(name, "head-back") == 0)
		at(b, FJ_HEAD, -12, 4, 0, out);
	else if (strcmp(name, "chest") == 0)
		at(b, FJ_THORAX2, 13, 2, 0, out);
	else if (strcmp(name, "chest-front") == 0)
		at(b, FJ_THORAX2, 22, 2, 0, out);
	else if (strncmp(name, "backrest", 8) == 0) {
		/* The top of a chair's backrest (see props_back()). */
		const double *r = b->r[FJ_PELVIS];

		out[0] = b->p[FJ_PELVIS][0] - fabs(r[0]) * 11 -
		    fabs(r[2]) * 15.5 - 3 - 2;
		out[1] = FIG_SEAT_H + 36 + 3;
		out[2] = b->p[FJ_PELVIS][2] + (name[9] == 'l' ? -10 : 10);
	} else if (strcmp(name, "floor-left") == 0) {
		/* On the floor under the chest, to the left. */
		out[0] = b->p[FJ_THORAX3][0];
		out[1] = 3.3;
		out[2] = b->p[FJ_THORAX3][2] - 30;
	} else if (strcmp(name, "belly") == 0)
		at(b, FJ_LUMBAR1, 13, 0, 0, out);
	else if (strcmp(name, "upper-back") == 0)
		at(b, FJ_THORAX3, -12, 0, 0, out);
	else if (strcmp(name, "left-shoulder") == 0)
		at(b, FJ_LSCAP, 6, -3, -14, out);
	else if (strcmp(name, "right-shoulder") == 0)
		at(b, FJ_RSCAP, 6, -3, 14, out);
	else if (strcmp(name, "left-knee") == 0)
		at(b, FJ_LKNEE, 3, 0, 0, out), out[1] += 8;
	else if (strcmp(name, "right-knee") == 0)
		at(b, FJ_RKNEE, 3, 0, 0, out), out[1] += 8;
	else if (strcmp(name, "left-thigh") == 0)
		at(b, FJ_LHIP, 0, -28, 0, out), out[1] += 8;
	else if (strcmp(name, "right-thigh") == 0)
		at(b, FJ_RHIP, 0, -28, 0, out), out[1] += 8;
	else if (strcmp(name, "left-elbow") == 0)
		at(b, FJ_LSHOULDER, 0, -22, 6, out);
	else if (strcmp(name, "right-elbow") == 0)
		at(b, FJ_RSHOULDER, 0, -22, -6, out);
	else
		return (-1);
	return (0);
}

static int	elbow_up;

static double
miss(const struct fig_spec *f, struct fig_angles *a, int right,
    const char *target, double *u, int nu)
{
	static const int js[5] = { 0, 0, 0, 1, 2 };
	static const int ax[5] = { FA_FLEX, FA_SIDE, FA_TWIST, FA_FLEX,
	    FA_FLEX };
	struct fig_angles	 c = *a;
	struct fig_body		 b;
	double			 t[3], h[3], d = 0;
	int			 i, k, sh = right ? FJ_RSHOULDER : FJ_LSHOULDER;

	for (i = 0; i < nu; i++) {
		int j = sh + 2 * js[i];
		double lo = fig_limits[j].lo[ax[i]], hi = fig_limits[j].hi[ax[i]];

		if (u[i] < lo) u[i] = lo;
		if (u[i] > hi) u[i] = hi;
		c.deg[j][ax[i]] = u[i];
	}
	fig_solve(f, &c, &b);
	if (fig_target(&b, target, t) == -1)
		exit(2);
	for (k = 0; k < 3; k++) {
		h[k] = (b.p[right ? FJ_RWRIST : FJ_LWRIST][k] +
		    b.e[right ? FE_RHAND : FE_LHAND][k]) / 2;
		d += (h[k] - t[k]) * (h[k] - t[k]);
	}
	/* The elbow above the head's top (a hand down the back). */
	if (elbow_up && b.p[right ? FJ_RELBOW : FJ_LELBOW][1] <
	    b.e[FE_HEAD][1] + 8)
		d += 4 * (b.e[FE_HEAD][1] + 8 -
		    b.p[right ? FJ_RELBOW : FJ_LELBOW][1]) *
		    (b.e[FE_HEAD][1] + 8 -
		    b.p[right ? FJ_RELBOW : FJ_LELBOW][1]);
	return (sqrt(d));
}

int
main(int argc, char **argv)
{
	static char		 buf[1 << 20];
	struct diag		 d = DIAG_INIT;
	struct catalog		*c;
	const struct exercise	*x = NULL;
	struct fig_angles	 a;
	FILE			*fp;
	size_t			 len, i;
	double			 u[5], best, e, step;
	int			 pose, right, it, k, nu = 5, sh;

	if (argc < 6 || (fp = fopen(argv[1], "r")) == NULL)
		return (2);
	len = fread(buf, 1, sizeof buf, fp);
	fclose(fp);
	if ((c = catalog_parse(argv[1], buf, len, NULL, &d)) == NULL)
		return (1);
	for (i = 0; i < c->n; i++)
		if (strcmp(c->ex[i].id, argv[2]) == 0)
			x = &c->ex[i];
	if (x == NULL)
		return (1);
	pose = atoi(argv[3]);
	elbow_up = argc > 7 && strcmp(argv[7], "up") == 0;
	right = strcmp(argv[4], "right") == 0;
	fig_keyframe(x->figure, pose, 0, &a);
	sh = right ? FJ_RSHOULDER : FJ_LSHOULDER;
	u[0] = a.deg[sh][FA_FLEX];
	u[1] = a.deg[sh][FA_SIDE];
	u[2] = a.deg[sh][FA_TWIST];
	u[3] = a.deg[sh + 2][FA_FLEX];
	u[4] = a.deg[sh + 4][FA_FLEX];
	best = miss(x->figure, &a, right, argv[5], u, nu);
	/* Pattern search: slow, simple, enough for a tool. */
	for (step = 20; step > 0.2; step /= 2)
		for (it = 0; it < 200; it++) {
			int better = 0;

			for (k = 0; k < nu; k++) {
				double keep = u[k];

				if (argc > 6 && argv[6][k] == '0')
					continue;
				u[k] = keep + step;
				if ((e = miss(x->figure, &a, right, argv[5], u,
				    nu)) < best - 1e-6) {
					best = e;
					better = 1;
					continue;
				}
				u[k] = keep - step;
				if ((e = miss(x->figure, &a, right, argv[5], u,
				    nu)) < best - 1e-6) {
					best = e;
					better = 1;
					continue;
				}
				u[k] = keep;
			}
			if (!better)
				break;
		}
	printf("          %s-shoulder: [%.0f, %.0f, %.0f]\n"
	    "          %s-elbow: %.0f\n          %s-wrist: %.0f\n"
	    "# %.1f cm off\n", argv[4], u[0], u[1], u[2], argv[4], u[3],
	    argv[4], u[4], best);
	return (0);
}
