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

static double
seg_dist(double px, double py, const double *x, const double *y)
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
	return (sqrt(ex * ex + ey * ey));
}

/* How far (px, py) is outside the shape: <= 0 inside. */
static double
outside(const struct fig_prim *p, double px, double py, double dot)
{
	double	d, ex[2], ey[2], best = 1e9;
	int	i, j;

	switch (p->shape) {
	case FSH_CAPSULE:
		return (seg_dist(px, py, p->x, p->y) - p->r);
	case FSH_CIRCLE:
		return (hypot(px - p->x[0], py - p->y[0]) - p->r);
	case FSH_LINE:
		d = p->r / 2 > dot * 0.6 ? p->r / 2 : dot * 0.6;
		return (seg_dist(px, py, p->x, p->y) - d);
	default:
		/* Edges only. */
		for (i = 0, j = p->n - 1; i < p->n; j = i++) {
			ex[0] = p->x[j];
			ex[1] = p->x[i];
			ey[0] = p->y[j];
			ey[1] = p->y[i];
			d = seg_dist(px, py, ex, ey) - dot * 0.6;
			if (d < best)
				best = d;
		}
		return (best);
	}
}

static void
prim_box(const struct fig_prim *p, double pad, double *x0, double *y0,
    double *x1, double *y1)
{
	double	r = (p->shape == FSH_POLY ? 0 : p->r) + pad;
	int	i;

	*x0 = *y0 = 1e9;
	*x1 = *y1 = -1e9;
	for (i = 0; i < p->n; i++) {
		if (p->x[i] - r < *x0) *x0 = p->x[i] - r;
		if (p->x[i] + r > *x1) *x1 = p->x[i] + r;
		if (p->y[i] - r < *y0) *y0 = p->y[i] - r;
		if (p->y[i] + r > *y1) *y1 = p->y[i] + r;
	}
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
	int		 w = cols * 2, h = rows * 4, i, dx, dy, ix0, ix1, iy0, iy1;
	int		 c, r, count[FS_COUNT], best, k, body;

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
	ox = (bx->x0 + bx->x1) / 2 - w / 2.0 * dot;
	oy = (bx->y0 + bx->y1) / 2 + h / 2.0 * dot;
	halo = 0.9 * dot;
	for (i = 0; i < s->n; i++) {
		const struct fig_prim *p = &s->prim[i];

		body = p->style == FS_BODY || p->style == FS_NEAR ||
		    p->style == FS_FAR;
		prim_box(p, body ? halo + dot : dot, &x0, &y0, &x1, &y1);
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
				d = outside(p, px, py, dot);
				if (d <= 0)
					own[dy * w + dx] = p->style;
				else if (body && d <= halo &&
				    (i == 0 || s->prim[i - 1].group != p->group ||
				    own[dy * w + dx] != p->style))
					own[dy * w + dx] = FIG_CELL_EMPTY;
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
