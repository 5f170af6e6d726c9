/*
 * figsvg.c -- draw the figure's scene as SVG.
 *
 * The trunk and head are one silhouette: their outlines are drawn first,
 * under everything, so no seam shows across the body however the limbs
 * interleave with it; the shapes of a limb next to each other in depth
 * are drawn as one (outlines, then fills). The animation (see anim_defs)
 * draws each shape once and moves it with SMIL, the depth order changing
 * through CSS animations of which copy shows: no script, a few tens of
 * KB. Programs that do not animate (rsvg-convert) show the first frame.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figsvg.h"
#include "figure.h"
#include "xmalloc.h"

struct buf {
	char	*s;
	size_t	 len, cap;
};

static void
put(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
put(struct buf *b, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	/* Never NULL + 0: that is undefined, and clang's UBSan says so. */
	if (b->s == NULL) {
		b->cap = 4096;
		b->s = xmalloc(b->cap);
	}
	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < b->cap - b->len) {
			b->len += (size_t)n;
			return;
		}
		b->cap = b->cap * 2 + (n > 0 ? (size_t)n : 0) + 256;
		b->s = xreallocarray(b->s, b->cap, 1);
	}
}

static void
put_text(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&': put(b, "&amp;"); break;
		case '<': put(b, "&lt;"); break;
		case '>': put(b, "&gt;"); break;
		case '"': put(b, "&quot;"); break;
		default:
			if ((unsigned char)*s < 0x20)
				put(b, " ");
			else
				put(b, "%c", *s);
		}
	}
}

/* Class letters per style; colours in the style sheet. */
static const char *style_class[FS_COUNT] = {
	"b", "n", "f", "fl", "mt", "wl", "ch", "dr", "bd", "db", "bl"
};

static const char css[] =
    "<style>"
    ".o{stroke:#26323f;stroke-linecap:round;fill:none}"
    "circle.o{fill:#26323f;stroke:none}"
    ".b,.n,.f{stroke-linecap:round;fill:none}"
    ".b{stroke:#7fa7d1}circle.b{fill:#7fa7d1;stroke:none}"
    ".n{stroke:#b8d2ec}.f{stroke:#5b7da3}"
    "polygon{stroke-linejoin:round}"
    ".fl{fill:#ece8e0;stroke:#8a8378;stroke-width:1.2}"
    ".mt{fill:#9cc79a;stroke:#5d8a5b;stroke-width:0.8}"
    ".wl{fill:#f3efe6;stroke:#a59d8f;stroke-width:1.2}"
    ".ch{fill:#b98a57;stroke:#6b4a2a;stroke-width:0.8}"
    ".dr{fill:#d8c2a0;stroke:#7d6546;stroke-width:0.8}"
    ".bd{stroke:#d9453b;stroke-linecap:round;fill:none}"
    ".db{stroke:#444c56;stroke-linecap:butt;fill:none}"
    ".bl{fill:#4f7197;stroke:#26323f;stroke-width:0.8;stroke-linejoin:round}"
    "text{font:bold 7px sans-serif;fill:#26323f}"
    "</style>";

#define OUTLINE	1.2	/* cm of outline around the body */

static int
static_prop(int style)
{
	return (style == FS_FLOOR || style == FS_MAT || style == FS_WALL ||
	    style == FS_CHAIR || style == FS_DOOR);
}

static void
prim(struct buf *b, const struct fig_prim *p, int outline)
{
	const char	*cls = outline ? "o" : style_class[p->style];
	double		 w;
	int		 i;

	switch (p->shape) {
	case FSH_CAPSULE:
		w = 2 * p->r + (outline ? 2 * OUTLINE : 0);
		put(b, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke-width=\"%.1f\"/>", cls, p->x[0],
		    -p->y[0], p->x[1], -p->y[1], w);
		break;
	case FSH_CIRCLE:
		put(b, "<circle class=\"%s\" cx=\"%.1f\" cy=\"%.1f\" "
		    "r=\"%.1f\"/>", cls, p->x[0], -p->y[0],
		    p->r + (outline ? OUTLINE : 0));
		break;
	case FSH_LINE:
		if (outline)
			break;
		put(b, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke-width=\"%.1f\"/>", cls, p->x[0],
		    -p->y[0], p->x[1], -p->y[1], p->r);
		break;
	case FSH_POLY:
		if (outline)
			break;
		put(b, "<polygon class=\"%s\" points=\"", cls);
		for (i = 0; i < p->n; i++)
			put(b, "%s%.1f,%.1f", i ? " " : "", p->x[i], -p->y[i]);
		put(b, "\"/>");
		break;
	}
}

static int
trunk(const struct fig_prim *p)
{
	return (p->style == FS_BODY);
}

/*
 * Draw the scene's shapes: which = 0 the fixed props, 1 the rest. The
 * trunk and head are one silhouette: all their outlines go first, so
 * however the limbs interleave with them in depth, no seam shows across
 * the body; a limb is outlined wherever it is drawn.
 */
static void
draw(struct buf *b, const struct fig_scene *s, int which)
{
	int	i, k, g, j;

	if (which == 1)
		for (i = 0; i < s->n; i++)
			if (trunk(&s->prim[i]))
				prim(b, &s->prim[i], 1);
	for (i = 0; i < s->n; i = k) {
		g = s->prim[i].group;
		for (k = i; k < s->n && s->prim[k].group == g; k++)
			;
		if ((static_prop(s->prim[i].style) != 0) != (which == 0))
			continue;
		for (j = i; j < k; j++)
			if (!trunk(&s->prim[j]))
				prim(b, &s->prim[j], 1);
		for (j = i; j < k; j++)
			prim(b, &s->prim[j], 0);
	}
}

/*
 * A calm breath goes with every exercise; only a breathing exercise fills
 * the belly to the full (elsewhere it reads as a belly pushed out).
 */
#define CALM_BREATH	0.3

static void
pose_scene(const struct exercise *x, int camera, const struct fig_angles *in,
    const struct fig_body *ref, const struct fig_anchor *an,
    struct fig_scene *s)
{
	struct fig_angles	a = *in;
	struct fig_body		body;

	if (x->kind != KIND_BREATHING)
		a.breath *= CALM_BREATH;
	fig_solve_at(x->figure, an != NULL ? &an[a.mirror != 0] : NULL, &a,
	    &body);
	fig_scene(x->figure, &body, ref, a.mirror, camera, s);
}

/*
 * The animation, small and script-free: each moving shape is drawn once,
 * a <path> whose outline is animated (SMIL <animate> of its d) through
 * the loop's frames, keeping only the frames that a straight line between
 * their neighbours would not give to within ANIM_TOL; the outline and the
 * fill are two <use> of it. Depth order changes from frame to frame (an
 * arm passing behind the head), so a shape may have more than one place
 * in the drawing order, each shown only in the frames it is in.
 */
#define ANIM_FPS	10	/* frames a second, before thinning */
#define ANIM_TOL	0.45	/* cm a thinned frame may be off */
#define ANIM_VALS	8	/* numbers of a shape in a frame: 3 points,
				   the radius, the style */
#define SLOTS_MAX	512

struct anim {
	int		 nf;
	double		 len;
	double		*v;			/* [FIG_PRIMS_MAX][nf][ANIM_VALS] */
	unsigned char	 shape[FIG_PRIMS_MAX], part[FIG_PRIMS_MAX];
	unsigned char	 np[FIG_PRIMS_MAX];
	int		 seen[FIG_PRIMS_MAX];
	int		 nslot;
	unsigned char	 slot[SLOTS_MAX];
	unsigned char	*ord;			/* [nf][FIG_PRIMS_MAX] */
	int		*nord;			/* [nf] */
	long		 rank[FIG_PRIMS_MAX];
	unsigned char	*vis;			/* [SLOTS_MAX][nf] */
};

#define AV(an, id, f)	((an)->v + ((size_t)(id) * (an)->nf + (f)) * \
			    ANIM_VALS)

/* The square of the distance from point (px, py) to segment a-b. */
static double
pt_seg2(double px, double py, const double *a, const double *b)
{
	double	dx = b[0] - a[0], dy = b[1] - a[1], l2 = dx * dx + dy * dy;
	double	t = l2 > 0 ? ((px - a[0]) * dx + (py - a[1]) * dy) / l2 : 0;

	t = t < 0 ? 0 : t > 1 ? 1 : t;
	dx = a[0] + t * dx - px;
	dy = a[1] + t * dy - py;
	return (dx * dx + dy * dy);
}

/* The shortest distance between two segments of the picture. */
static double
seg_seg(const double *a, const double *b, const double *c, const double *d)
{
	double	m, q, den, t, u;

	den = (b[0] - a[0]) * (d[1] - c[1]) - (b[1] - a[1]) * (d[0] - c[0]);
	if (den != 0) {
		t = ((c[0] - a[0]) * (d[1] - c[1]) - (c[1] - a[1]) *
		    (d[0] - c[0])) / den;
		u = ((c[0] - a[0]) * (b[1] - a[1]) - (c[1] - a[1]) *
		    (b[0] - a[0])) / den;
		if (t >= 0 && t <= 1 && u >= 0 && u <= 1)
			return (0);
	}
	m = pt_seg2(a[0], a[1], c, d);
	if ((q = pt_seg2(b[0], b[1], c, d)) < m) m = q;
	if ((q = pt_seg2(c[0], c[1], a, b)) < m) m = q;
	if ((q = pt_seg2(d[0], d[1], a, b)) < m) m = q;
	return (sqrt(m));
}

/*
 * Whether shapes i and j overlap in frame f: their centre lines come
 * nearer than their radii and outlines (a blade: its box, as a round).
 */
static int
overlap(const struct anim *an, int i, int j, int f)
{
	const double	*v[2];
	double		 seg[2][2][2], r[2];
	int		 s, id, k;

	for (s = 0; s < 2; s++) {
		id = s ? j : i;
		v[s] = AV(an, id, f);
		r[s] = v[s][6] + OUTLINE;
		for (k = 0; k < 2; k++) {
			seg[s][k][0] = v[s][an->shape[id] == FSH_CIRCLE ? 0 :
			    2 * k];
			seg[s][k][1] = v[s][an->shape[id] == FSH_CIRCLE ? 1 :
			    2 * k + 1];
		}
		if (an->shape[id] == FSH_POLY) {
			/* Its first two corners, and the third as a radius. */
			r[s] = sqrt(pt_seg2(v[s][4], v[s][5], v[s], v[s] + 2))
			    + OUTLINE;
		}
	}
	return (seg_seg(seg[0][0], seg[0][1], seg[1][0], seg[1][1]) <
	    r[0] + r[1]);
}

static int
earlier_slot(const struct anim *an, int id, int f, int pos)
{
	int	q, r;

	for (q = pos - 1; q >= 0; q--) {
		if (an->vis[(size_t)q * an->nf + f] &&
		    overlap(an, an->slot[q], id, f))
			break;
		if (an->slot[q] != id)
			continue;
		for (r = q + 1; r < pos; r++)
			if (an->vis[(size_t)r * an->nf + f] &&
			    overlap(an, an->slot[r], id, f))
				break;
		if (r == pos)
			return (q);
	}
	return (an->nslot);
}

/*
 * One frame's shapes, and their drawing order: the last frame's, with
 * a shape moved after another only where it is nearer, they overlap,
 * and the depths differ by more than ANIM_HYST, so that shapes side by
 * side at one depth do not swap back and forth from frame to frame
 * (either order looks the same there).
 */
#define ANIM_HYST	3.0	/* cm */

static void
anim_frame(struct anim *an, int f, const struct fig_scene *s)
{
	const struct fig_prim	*p;
	unsigned char		*o = an->ord + (size_t)f * FIG_PRIMS_MAX;
	double			*v, z[FIG_PRIMS_MAX];
	int			 i, k, id, n = 0, t, again, guard;

	for (i = 0; i < s->n; i++) {
		p = &s->prim[i];
		if (static_prop(p->style))
			continue;
		id = p->id;
		an->seen[id] = 1;
		an->shape[id] = p->shape;
		an->part[id] = p->part;
		an->np[id] = p->n;
		v = AV(an, id, f);
		for (k = 0; k < 3; k++) {
			v[2 * k] = p->x[k < p->n ? k : 0];
			v[2 * k + 1] = -p->y[k < p->n ? k : 0];
		}
		v[6] = p->r;
		v[7] = p->style;
		z[id] = p->z;
		o[n++] = (unsigned char)id;
	}
	an->nord[f] = n;
	if (f > 0 && an->nord[f - 1] == n) {
		unsigned char	*prev = an->ord + (size_t)(f - 1) *
				    FIG_PRIMS_MAX;
		int		 same = 1;

		/* The same shapes as the last frame (the same side). */
		for (i = 0; i < n && same; i++) {
			for (k = 0; k < n && prev[k] != o[i]; k++)
				;
			same = k < n;
		}
		if (same) {
			memcpy(o, prev, (size_t)n);
			for (guard = 0, again = 1; again && guard < n * n;
			    guard++) {
				again = 0;
				for (i = 0; i < n && !again; i++)
					for (k = i + 1; k < n && !again; k++)
						if (z[o[i]] > z[o[k]] + ANIM_HYST &&
						    overlap(an, o[i], o[k], f)) {
							/* o[i] after o[k]. */
							t = o[i];
							memmove(o + i, o + i + 1,
							    (size_t)(k - i));
							o[k] = (unsigned char)t;
							again = 1;
						}
			}
		}
	}
	for (i = 0; i < n; i++)
		an->rank[o[i]] += i;
}

/* Shape id's place in the drawing order of frame f, from pos on. */
static int
anim_place(struct anim *an, int id, int f, int pos)
{
	int	q;

	/*
	 * The next slot it has, or an earlier one when nothing drawn since
	 * overlaps it, or a new one.
	 */
	for (q = pos; q < an->nslot && an->slot[q] != id; q++)
		;
	if (q == an->nslot)
		q = earlier_slot(an, id, f, pos);
	if (q == an->nslot) {
		if (an->nslot == SLOTS_MAX)
			return (pos);
		q = pos;
		memmove(an->slot + q + 1, an->slot + q,
		    (size_t)(an->nslot - q));
		memmove(an->vis + (size_t)(q + 1) * an->nf,
		    an->vis + (size_t)q * an->nf,
		    (size_t)(an->nslot - q) * an->nf);
		memset(an->vis + (size_t)q * an->nf, 0, (size_t)an->nf);
		an->slot[q] = (unsigned char)id;
		an->nslot++;
	}
	an->vis[(size_t)q * an->nf + f] = 1;
	return (q >= pos ? q + 1 : pos);
}

/*
 * The drawing order: first every shape once, by its mean place over the
 * loop; then each frame takes the slots its own order needs.
 */
static void
anim_order(struct anim *an)
{
	int	i, k, t, f, pos;

	an->nslot = 0;
	for (i = 0; i < FIG_PRIMS_MAX; i++)
		if (an->seen[i])
			an->slot[an->nslot++] = (unsigned char)i;
	for (i = 1; i < an->nslot; i++)
		for (k = i; k > 0 && an->rank[an->slot[k - 1]] >
		    an->rank[an->slot[k]]; k--) {
			t = an->slot[k];
			an->slot[k] = an->slot[k - 1];
			an->slot[k - 1] = (unsigned char)t;
		}
	for (f = 0; f < an->nf; f++) {
		pos = 0;
		for (k = 0; k < an->nord[f]; k++)
			pos = anim_place(an, an->ord[(size_t)f *
			    FIG_PRIMS_MAX + k], f, pos);
	}
}

/* Whether frame k lies on the line from frame i to frame j. */
static int
on_line(const struct anim *an, int id, int i, int j, int k, int v0, int nv)
{
	const double	*a = AV(an, id, i), *b = AV(an, id, j % an->nf);
	const double	*c = AV(an, id, k);
	double		 t = (double)(k - i) / (j - i), e;
	int		 q;

	for (q = v0; q < nv; q++) {
		e = a[q] + (b[q] - a[q]) * t - c[q];
		if (e > ANIM_TOL || e < -ANIM_TOL)
			return (0);
	}
	return (1);
}

/*
 * The frames kept for values v0..nv-1 of shape id: keep[] gets their
 * numbers, the loop's end (frame nf, the same as frame 0) last.
 */
static int
thin(const struct anim *an, int id, int v0, int nv, int *keep)
{
	int	n = 0, i = 0, j, k, ok;

	keep[n++] = 0;
	while (i < an->nf) {
		for (j = i + 2; j <= an->nf; j++) {
			ok = 1;
			for (k = i + 1; k < j && ok; k++)
				ok = on_line(an, id, i, j, k, v0, nv);
			if (!ok)
				break;
		}
		i = j - 1;
		keep[n++] = i;
	}
	return (n);
}

static void
put_d(struct buf *b, const struct anim *an, int id, int f)
{
	const double	*v = AV(an, id, f % an->nf);
	int		 k;

	switch (an->shape[id]) {
	case FSH_CIRCLE:
		put(b, "M%.1f %.1fh0", v[0], v[1]);
		break;
	case FSH_POLY:
		for (k = 0; k < an->np[id] && k < 3; k++)
			put(b, "%s%.1f %.1f", k ? "L" : "M", v[2 * k],
			    v[2 * k + 1]);
		put(b, "Z");
		break;
	default:
		put(b, "M%.1f %.1fL%.1f %.1f", v[0], v[1], v[2], v[3]);
		break;
	}
}

static void
put_times(struct buf *b, const struct anim *an, const int *keep, int n)
{
	int	i;

	put(b, " keyTimes=\"");
	for (i = 0; i < n; i++)
		put(b, "%s%.3g", i ? ";" : "", (double)keep[i] / an->nf);
	put(b, "\"");
}

static int
varies(const unsigned char *val, int nf)
{
	int	f;

	for (f = 1; f < nf; f++)
		if (val[f] != val[0])
			return (1);
	return (0);
}

static void
anim_defs(struct buf *b, const struct anim *an, int *keep)
{
	int	id, n, i, nv;

	put(b, "<defs>");
	for (id = 0; id < FIG_PRIMS_MAX; id++) {
		if (!an->seen[id])
			continue;
		put(b, "<path id=\"p%d\" d=\"", id);
		put_d(b, an, id, 0);
		put(b, "\">");
		nv = an->shape[id] == FSH_POLY ? 6 : an->shape[id] ==
		    FSH_CIRCLE ? 2 : 4;
		n = thin(an, id, 0, nv, keep);
		if (n > 2) {
			put(b, "<animate attributeName=\"d\" dur=\"%.2fs\" "
			    "repeatCount=\"indefinite\"", an->len);
			put_times(b, an, keep, n);
			put(b, " values=\"");
			for (i = 0; i < n; i++) {
				if (i)
					put(b, ";");
				put_d(b, an, id, keep[i]);
			}
			put(b, "\"/>");
		}
		put(b, "</path>");
	}
	put(b, "</defs>");
}

/*
 * What changes in steps (whether a slot is shown; a limb's colour, near
 * or far of the trunk) is a CSS animation, one per pattern, shared by
 * the slots that have it.
 */
#define STEP_PATTERNS	256

struct steps {
	struct buf	 css;
	char		*pat[STEP_PATTERNS];
	int		 n;
};

/* The class of a pattern of frames shown (vis); -1 when always shown. */
static int
step_class(struct steps *st, const struct anim *an, const unsigned char *vis)
{
	struct buf	 k = { NULL, 0, 0 };
	int		 f, i;

	if (vis == NULL || !varies(vis, an->nf))
		return (-1);
	for (f = 0; f < an->nf; f++)
		if (f == 0 || vis[f] != vis[f - 1])
			put(&k, "%.3g%%{opacity:%d}", 100.0 * f / an->nf, vis[f]);
	for (i = 0; i < st->n; i++)
		if (strcmp(st->pat[i], k.s) == 0) {
			free(k.s);
			return (i);
		}
	if (st->n == STEP_PATTERNS) {
		free(k.s);
		return (-1);
	}
	put(&st->css, ".s%d{animation:s%d %.2fs step-end infinite}"
	    "@keyframes s%d{%s}", st->n, st->n, an->len, st->n, k.s);
	st->pat[st->n] = k.s;
	return (st->n++);
}

/*
 * A <use> of shape id: its outline, or its fill in its style's colours;
 * a limb's colour is near or far by its place in the drawing order
 * (style), in front of the chest or behind it.
 */
static void
anim_use(struct buf *b, const struct anim *an, struct steps *st, int id,
    int outline, const unsigned char *vis, int style, int *keep)
{
	const double	*v = AV(an, id, 0);
	int		 shape = an->shape[id];
	int		 n, i, c, body = style <= FS_FAR;
	double		 w, o = outline ? 2 * OUTLINE : 0;

	if (outline && (shape == FSH_POLY || shape == FSH_LINE))
		return;
	c = step_class(st, an, vis);
	w = shape == FSH_LINE ? v[6] : 2 * v[6] + o;
	put(b, "<use href=\"#p%d\"", id);
	if (outline)
		put(b, " class=\"o%s", c >= 0 ? " " : "");
	else if (body)
		put(b, " class=\"%s%s", style_class[style], c >= 0 ? " " : "");
	else
		put(b, " class=\"%s%s", style_class[style], c >= 0 ? " " : "");
	if (c >= 0)
		put(b, "s%d", c);
	put(b, "\"");
	if (vis != NULL && !vis[0])
		put(b, " opacity=\"0\"");
	if (shape != FSH_POLY)
		put(b, " stroke-width=\"%.1f\"", w);
	/* The width, where it changes (the trunk turning, a breath). */
	n = shape == FSH_POLY ? 0 : thin(an, id, 6, 7, keep);
	if (n <= 2) {
		put(b, "/>");
		return;
	}
	put(b, "><animate attributeName=\"stroke-width\" dur=\"%.2fs\" "
	    "repeatCount=\"indefinite\"", an->len);
	put_times(b, an, keep, n);
	put(b, " values=\"");
	for (i = 0; i < n; i++)
		put(b, "%s%.1f", i ? ";" : "", 2 * AV(an, id,
		    keep[i] % an->nf)[6] + o);
	put(b, "\"/></use>");
}

static void
anim_draw(struct buf *b, const struct anim *an, int *keep)
{
	struct steps	 st;
	struct buf	 u = { NULL, 0, 0 };
	int		 i, k, q, part, chest = 0, style[SLOTS_MAX], sty;

	memset(&st, 0, sizeof st);
	/*
	 * The chest (the trunk's fifth shape, FP_THORAX2) and its place in
	 * the order: limbs after it are near, before it far.
	 */
	for (i = 0, k = 0; i < FIG_PRIMS_MAX && k < 5; i++)
		if (an->seen[i] && AV(an, i, 0)[7] == FS_BODY && ++k == 5)
			break;
	for (q = an->nslot - 1; q >= 0; q--)
		if (an->slot[q] == i)
			chest = q;
	for (q = 0; q < an->nslot; q++) {
		sty = (int)AV(an, an->slot[q], 0)[7];
		if (sty == FS_NEAR || sty == FS_FAR)
			sty = q > chest ? FS_NEAR : FS_FAR;
		style[q] = sty;
	}
	/* The trunk's outlines, once each, under everything else. */
	for (i = 0; i < FIG_PRIMS_MAX; i++)
		if (an->seen[i] && AV(an, i, 0)[7] == FS_BODY)
			anim_use(&u, an, &st, i, 1, NULL, FS_BODY, keep);
	for (i = 0; i < an->nslot; i = k) {
		part = an->part[an->slot[i]];
		for (k = i; k < an->nslot && an->part[an->slot[k]] == part;
		    k++)
			;
		for (q = i; q < k; q++)
			if (style[q] != FS_BODY)
				anim_use(&u, an, &st, an->slot[q], 1,
				    an->vis + (size_t)q * an->nf, style[q],
				    keep);
		for (q = i; q < k; q++)
			anim_use(&u, an, &st, an->slot[q], 0,
			    an->vis + (size_t)q * an->nf, style[q], keep);
	}
	if (st.css.s != NULL)
		put(b, "<style>%s@media (prefers-reduced-motion:reduce)"
		    "{use{animation:none}}</style>", st.css.s);
	if (u.s != NULL)
		put(b, "%s", u.s);
	for (i = 0; i < st.n; i++)
		free(st.pat[i]);
	free(st.css.s);
	free(u.s);
}

/* The fixed props of each side: shown while that side plays. */
static void
anim_props(struct buf *b, const struct exercise *x, const struct figsvg_opts *o,
    int camera, const struct fig_body *ref, struct fig_scene *s,
    double len)
{
	struct fig_angles	a;
	struct buf		one = { NULL, 0, 0 }, two = { NULL, 0, 0 };

	fig_loop_at(x->figure, o->both_sides, 0, &a);
	pose_scene(x, camera, &a, ref, NULL, s);
	draw(&one, s, 0);
	if (o->both_sides) {
		fig_loop_at(x->figure, 1, len / 2 + 0.01, &a);
		pose_scene(x, camera, &a, ref, NULL, s);
		draw(&two, s, 0);
	}
	if (two.s == NULL || strcmp(one.s, two.s) == 0) {
		put(b, "%s", one.s);
	} else {
		put(b, "<g>%s<animate attributeName=\"visibility\" "
		    "dur=\"%.2fs\" repeatCount=\"indefinite\" "
		    "calcMode=\"discrete\" keyTimes=\"0;0.5\" "
		    "values=\"visible;hidden\"/></g>", one.s, len);
		put(b, "<g visibility=\"hidden\">%s<animate "
		    "attributeName=\"visibility\" dur=\"%.2fs\" "
		    "repeatCount=\"indefinite\" calcMode=\"discrete\" "
		    "keyTimes=\"0;0.5\" values=\"hidden;visible\"/></g>",
		    two.s, len);
	}
	free(one.s);
	free(two.s);
}

/* The shapes of one picture: a keyframe, or the animation. */
static void
picture(struct buf *b, const struct exercise *x, const struct figsvg_opts *o,
    int camera)
{
	const struct fig_spec	*f = x->figure;
	struct fig_scene	*s;
	struct fig_angles	 a;
	struct fig_body		 ref;
	struct anim		*an;
	struct fig_anchor	 anc[2];
	int			*keep, i;

	s = xmalloc(sizeof *s);
	fig_prop_ref(f, &ref);
	if (o->pose >= 0 || o->at_s >= 0) {
		if (o->pose >= 0) {
			fig_keyframe(f, o->pose, 0, &a);
			a.breath = o->pose == f->npose - 1 ? 1 : 0;
		} else
			fig_loop_at(f, 1, o->at_s, &a);
		pose_scene(x, camera, &a, &ref, NULL, s);
		draw(b, s, 0);
		draw(b, s, 1);
		free(s);
		return;
	}
	an = xcalloc(1, sizeof *an);
	an->len = fig_loop_s(f, o->both_sides);
	an->nf = (int)(an->len * ANIM_FPS + 0.5);
	an->v = xcalloc((size_t)FIG_PRIMS_MAX * an->nf * ANIM_VALS,
	    sizeof *an->v);
	an->ord = xcalloc((size_t)FIG_PRIMS_MAX * an->nf, 1);
	an->nord = xcalloc((size_t)an->nf, sizeof *an->nord);
	an->vis = xcalloc((size_t)SLOTS_MAX * an->nf, 1);
	keep = xcalloc((size_t)an->nf + 2, sizeof *keep);
	anim_props(b, x, o, camera, &ref, s, an->len);
	/* Each side's planted contacts, solved once. */
	fig_loop_at(f, 0, 0, &a);
	fig_anchor(f, 0, a.contacts, &anc[0]);
	fig_anchor(f, 1, fig_contact_mirror(a.contacts), &anc[1]);
	for (i = 0; i < an->nf; i++) {
		fig_loop_at(f, o->both_sides, an->len * i / an->nf, &a);
		pose_scene(x, camera, &a, &ref, anc, s);
		anim_frame(an, i, s);
	}
	anim_order(an);
	/* Reduced motion: the first frame, still (see the style sheet). */
	anim_defs(b, an, keep);
	anim_draw(b, an, keep);
	free(keep);
	free(an->vis);
	free(an->ord);
	free(an->nord);
	free(an->v);
	free(an);
	free(s);
}

char *
figure_svg(const struct exercise *x, const struct figsvg_opts *o)
{
	struct figsvg_opts	 def = FIGSVG_OPTS_INIT;
	struct fig_box		 bx;
	struct buf		 b = { NULL, 0, 0 };
	double			 px;
	int			 camera;

	if (o == NULL)
		o = &def;
	if (x->figure == NULL || o->pose >= x->figure->npose)
		return (NULL);
	camera = o->camera >= 0 && o->camera < FCAM_COUNT ? o->camera :
	    x->figure->camera;
	px = o->px_per_cm > 0 ? o->px_per_cm : 2;
	fig_frame(x->figure, camera, &bx);
	put(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"%.1f %.1f "
	    "%.1f %.1f\" width=\"%.0f\" height=\"%.0f\" role=\"img\">",
	    bx.x0, -bx.y1, bx.x1 - bx.x0, bx.y1 - bx.y0,
	    (bx.x1 - bx.x0) * px, (bx.y1 - bx.y0) * px);
	put(&b, "<title>");
	put_text(&b, x->name);
	if (o->pose >= 0) {
		put(&b, ": ");
		put_text(&b, x->figure->pose[o->pose].name);
	}
	put(&b, "</title>%s", css);
	picture(&b, x, o, camera);
	put(&b, "</svg>\n");
	return (b.s);
}

#define SHEET_CELL	120.0	/* cm of a still's square on the sheet */
#define SHEET_LABEL	16.0	/* the exercise's name above its row */
#define SHEET_POSE	11.0	/* each step's name under its still */

char *
figure_sheet_svg(const struct catalog *c)
{
	struct figsvg_opts	 o = FIGSVG_OPTS_INIT;
	struct fig_box		 bx;
	struct buf		 b = { NULL, 0, 0 };
	const struct exercise	*x;
	double			 w, h, sc, y = 0, cx;
	size_t			 i, rows = 0;
	int			 k, maxn = 0;

	for (i = 0; i < c->n; i++)
		if (c->ex[i].figure != NULL) {
			rows++;
			if (c->ex[i].figure->npose > maxn)
				maxn = c->ex[i].figure->npose;
		}
	w = maxn * SHEET_CELL;
	h = rows * (SHEET_CELL + SHEET_LABEL + SHEET_POSE);
	put(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f "
	    "%.0f\" width=\"%.0f\" height=\"%.0f\">"
	    "<title>midback: every exercise's keyframes</title>%s"
	    "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>",
	    w, h, w * 2, h * 2, css);
	for (i = 0; i < c->n; i++) {
		x = &c->ex[i];
		if (x->figure == NULL)
			continue;
		fig_frame(x->figure, x->figure->camera, &bx);
		sc = SHEET_CELL / ((bx.x1 - bx.x0) > (bx.y1 - bx.y0) ?
		    (bx.x1 - bx.x0) : (bx.y1 - bx.y0));
		put(&b, "<text x=\"4\" y=\"%.1f\" style=\"font-size:9px\">",
		    y + 11);
		put_text(&b, x->name);
		put(&b, " (");
		put_text(&b, x->id);
		put(&b, ")</text>");
		for (k = 0; k < x->figure->npose; k++) {
			o.pose = k;
			cx = k * SHEET_CELL;
			put(&b, "<svg x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
			    "height=\"%.1f\" viewBox=\"%.1f %.1f %.1f %.1f\">",
			    cx, y + SHEET_LABEL, SHEET_CELL, SHEET_CELL,
			    bx.x0, -bx.y1, bx.x1 - bx.x0, bx.y1 - bx.y0);
			picture(&b, x, &o, x->figure->camera);
			/* The step's name under its picture, clear of it. */
			put(&b, "</svg><text x=\"%.1f\" y=\"%.1f\" "
			    "style=\"font-size:6.5px;font-weight:normal\">"
			    "%d. ", cx + 4, y + SHEET_LABEL + SHEET_CELL + 8,
			    k + 1);
			put_text(&b, x->figure->pose[k].name);
			put(&b, "</text>");
		}
		(void)sc;
		y += SHEET_CELL + SHEET_LABEL + SHEET_POSE;
	}
	put(&b, "</svg>\n");
	return (b.s);
}
