/*
 * figraster.c -- draw a scene into braille dots.
 *
 * Shapes are drawn back to front; the last to cover a dot owns it. A
 * limb or the trunk first clears a thin ring around itself, so a near
 * arm stays apart from the chest it crosses. Props are drawn as their
 * edges only: a filled floor or wall would bury the figure in dots.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "figraster.h"
#include "xmalloc.h"

/*
 * Small pictures (a dot wider than SMALL_DOT cm, as in `show`'s 16 x 9
 * cells) are drawn as a stick figure: a body drawn to its volumes is a
 * blob of dots there.
 */
#define SMALL_DOT	2.2
#define STICK_K		0.55	/* a part's radius, scaled */
#define NOSE_R		4.0	/* a round smaller than this is the nose */

static double
clamp(double v, double lo, double hi)
{
	return (v < lo ? lo : v > hi ? hi : v);
}

/* A polygon's height on the picture. */
static double
poly_height(const struct fig_prim *p)
{
	double	lo = p->y[0], hi = p->y[0];
	int	i;

	for (i = 1; i < p->n; i++) {
		lo = p->y[i] < lo ? p->y[i] : lo;
		hi = p->y[i] > hi ? p->y[i] : hi;
	}
	return (hi - lo);
}

/* The square of the distance from (px, py) to a segment. */
static double
seg_dist2(double px, double py, const double *x, const double *y)
{
	double	dx = x[1] - x[0], dy = y[1] - y[0], t, l2, ex, ey;

	l2 = dx * dx + dy * dy;
	t = l2 > 0 ? ((px - x[0]) * dx + (py - y[0]) * dy) / l2 : 0;
	if (t < 0)
		t = 0;
	if (t > 1)
		t = 1;
	ex = x[0] + t * dx - px;
	ey = y[0] + t * dy - py;
	return (ex * ex + ey * ey);
}

/*
 * A shape as a segment (a circle's two ends are one point) and its
 * radius: a polygon's edges are drawn one by one, each as a thin line.
 */
struct seg {
	double	x[2], y[2];
	double	r;
};

static void
seg_box(const struct seg *g, double pad, double *x0, double *y0,
    double *x1, double *y1)
{
	double	r = g->r + pad;

	*x0 = (g->x[0] < g->x[1] ? g->x[0] : g->x[1]) - r;
	*x1 = (g->x[0] > g->x[1] ? g->x[0] : g->x[1]) + r;
	*y0 = (g->y[0] < g->y[1] ? g->y[0] : g->y[1]) - r;
	*y1 = (g->y[0] > g->y[1] ? g->y[0] : g->y[1]) + r;
}

void
fig_raster(const struct fig_scene *s, const struct fig_box *bx, int cols,
    int rows, struct fig_cell *cells)
{
	static const unsigned char bit[4][2] = {
		{ 0x01, 0x08 }, { 0x02, 0x10 }, { 0x04, 0x20 }, { 0x40, 0x80 }
	};
	unsigned char	*own;
	double		 sc, ox, oy, dot, halo, x0, y0, x1, y1, px, py, d;
	double		 in2, ring2;
	int		 w = cols * 2, h = rows * 4, i, dx, dy, ix0, ix1, iy0, iy1;
	int		 c, r, count[FS_COUNT], best, k, body, small;

	for (i = 0; i < cols * rows; i++) {
		cells[i].dots = 0;
		cells[i].style = FIG_CELL_EMPTY;
	}
	if (w <= 0 || h <= 0 || bx->x1 <= bx->x0 || bx->y1 <= bx->y0)
		return;
	own = xmalloc((size_t)w * h);
	memset(own, FIG_CELL_EMPTY, (size_t)w * h);
	/* Dots per cm, the same both ways; centred. */
	sc = w / (bx->x1 - bx->x0);
	if (h / (bx->y1 - bx->y0) < sc)
		sc = h / (bx->y1 - bx->y0);
	dot = 1 / sc;
	small = dot > SMALL_DOT;
	ox = (bx->x0 + bx->x1) / 2 - w / 2.0 * dot;
	oy = (bx->y0 + bx->y1) / 2 + h / 2.0 * dot;
	halo = 0.9 * dot;
	for (i = 0; i < s->n; i++) {
		const struct fig_prim *p = &s->prim[i];
		struct seg g;
		int e, ne;

		body = p->style == FS_BODY || p->style == FS_NEAR ||
		    p->style == FS_FAR;
		/* Small: the mat's box and the nose are clutter. */
		if (small && (p->style == FS_MAT || p->style == FS_BLADE ||
		    (body && p->shape == FSH_CIRCLE && p->r < NOSE_R)))
			continue;
		/* Small: the floor only where it is a line (seen edge-on). */
		if (small && p->style == FS_FLOOR && poly_height(p) > dot)
			continue;
		ne = p->shape == FSH_POLY ? p->n : 1;
		for (e = 0; e < ne; e++) {
			if (p->shape == FSH_POLY) {
				/* Edges only. */
				g.x[0] = p->x[e == 0 ? p->n - 1 : e - 1];
				g.y[0] = p->y[e == 0 ? p->n - 1 : e - 1];
				g.x[1] = p->x[e];
				g.y[1] = p->y[e];
				g.r = dot * 0.6;
			} else {
				g.x[0] = p->x[0];
				g.y[0] = p->y[0];
				g.x[1] = p->x[p->shape == FSH_CIRCLE ? 0 : 1];
				g.y[1] = p->y[p->shape == FSH_CIRCLE ? 0 : 1];
				g.r = p->r;
				/*
				 * Small: a stick figure, every part a line a
				 * dot or so thick (the trunk no wider than
				 * an arm is long), the head a round.
				 */
				if (small && body)
					g.r = p->shape == FSH_CIRCLE ?
					    clamp(p->r * 0.8, 1.2 * dot, 99) :
					    clamp(p->r * STICK_K, 0.6 * dot,
					    (p->style == FS_BODY ? 1.5 : 0.8) *
					    dot);
				if (p->shape == FSH_LINE)
					g.r = p->r / 2 > dot * 0.6 ? p->r / 2 :
					    dot * 0.6;
			}
			in2 = g.r * g.r;
			ring2 = (g.r + halo) * (g.r + halo);
			seg_box(&g, body ? halo + dot : dot, &x0, &y0, &x1, &y1);
			ix0 = (int)floor((x0 - ox) / dot);
			ix1 = (int)ceil((x1 - ox) / dot);
			iy0 = (int)floor((oy - y1) / dot);
			iy1 = (int)ceil((oy - y0) / dot);
			if (ix0 < 0) ix0 = 0;
			if (iy0 < 0) iy0 = 0;
			if (ix1 > w - 1) ix1 = w - 1;
			if (iy1 > h - 1) iy1 = h - 1;
			for (dy = iy0; dy <= iy1; dy++)
				for (dx = ix0; dx <= ix1; dx++) {
					px = ox + (dx + 0.5) * dot;
					py = oy - (dy + 0.5) * dot;
					d = seg_dist2(px, py, g.x, g.y);
					if (d <= in2)
						own[dy * w + dx] = p->style;
					else if (body && d <= ring2 &&
					    (i == 0 || s->prim[i - 1].group !=
					    p->group ||
					    own[dy * w + dx] != p->style))
						own[dy * w + dx] =
						    FIG_CELL_EMPTY;
				}
		}
	}
	for (r = 0; r < rows; r++)
		for (c = 0; c < cols; c++) {
			struct fig_cell *cell = &cells[r * cols + c];

			memset(count, 0, sizeof count);
			for (dy = 0; dy < 4; dy++)
				for (dx = 0; dx < 2; dx++) {
					k = own[(r * 4 + dy) * w + c * 2 + dx];
					if (k == FIG_CELL_EMPTY)
						continue;
					cell->dots |= bit[dy][dx];
					count[k]++;
				}
			best = -1;
			/* The figure before the props, then the most dots. */
			for (k = 0; k < FS_COUNT; k++) {
				if (count[k] == 0)
					continue;
				if (best < 0 || (k <= FS_FAR && best > FS_FAR) ||
				    ((k <= FS_FAR) == (best <= FS_FAR) &&
				    count[k] > count[best]))
					best = k;
			}
			if (best >= 0)
				cell->style = (unsigned char)best;
		}
	free(own);
}

void
fig_cell_utf8(const struct fig_cell *c, char out[4])
{
	unsigned	cp = 0x2800 + c->dots;

	if (c->dots == 0) {
		out[0] = ' ';
		out[1] = '\0';
		return;
	}
	out[0] = (char)(0xe0 | (cp >> 12));
	out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[2] = (char)(0x80 | (cp & 0x3f));
	out[3] = '\0';
}
