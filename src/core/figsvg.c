/*
 * figsvg.c -- draw the figure's scene as SVG.
 *
 * Each group of shapes (the trunk and head, a limb) is drawn as one
 * silhouette: the outlines of all its shapes first, then their fills, so
 * the joints show no seams and a limb in front of the trunk is outlined
 * against it. The animation is a flipbook: every frame of the loop is a
 * group that a CSS animation shows in turn, so the depth order can change
 * from frame to frame (an arm passing in front of the chest). Programs
 * that do not run CSS animations (rsvg-convert) show the first frame.
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
	"b", "n", "f", "fl", "mt", "wl", "ch", "dr", "bd", "db"
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

/* Draw the scene's shapes: which = 0 the fixed props, 1 the rest. */
static void
draw(struct buf *b, const struct fig_scene *s, int which)
{
	int	i, k, g;

	for (i = 0; i < s->n; i = k) {
		g = s->prim[i].group;
		for (k = i; k < s->n && s->prim[k].group == g; k++)
			;
		if ((static_prop(s->prim[i].style) != 0) != (which == 0))
			continue;
		for (int j = i; j < k; j++)
			prim(b, &s->prim[j], 1);
		for (int j = i; j < k; j++)
			prim(b, &s->prim[j], 0);
	}
}

static void
pose_scene(const struct exercise *x, int camera, const struct fig_angles *in,
    const struct fig_body *ref, struct fig_scene *s)
{
	struct fig_angles	a = *in;
	struct fig_body		body;

	fig_solve(x->figure, &a, &body);
	fig_scene(x->figure, &body, ref, a.mirror, camera, s);
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
	double			 len, fps = 10;
	int			 i, nframes;

	s = xmalloc(sizeof *s);
	fig_prop_ref(f, &ref);
	if (o->pose >= 0 || o->at_s >= 0) {
		if (o->pose >= 0) {
			fig_keyframe(f, o->pose, 0, &a);
			a.breath = o->pose == f->npose - 1 ? 1 : 0;
		} else
			fig_loop_at(f, 1, o->at_s, &a);
		pose_scene(x, camera, &a, &ref, s);
		draw(b, s, 0);
		draw(b, s, 1);
		free(s);
		return;
	}
	len = fig_loop_s(f, o->both_sides);
	nframes = (int)(len * fps + 0.5);
	fig_loop_at(f, o->both_sides, 0, &a);
	pose_scene(x, camera, &a, &ref, s);
	draw(b, s, 0);
	put(b, "<style>.k{visibility:hidden;animation:k %.2fs step-end "
	    "infinite}.k0{visibility:visible}"
	    "@keyframes k{0%%{visibility:visible}%.3f%%{visibility:hidden}"
	    "100%%{visibility:hidden}}"
	    "@media (prefers-reduced-motion:reduce){.k{animation:none}}"
	    "</style>", len, 100.0 / nframes);
	for (i = 0; i < nframes; i++) {
		fig_loop_at(f, o->both_sides, len * i / nframes, &a);
		pose_scene(x, camera, &a, &ref, s);
		put(b, "<g class=\"k%s\" style=\"animation-delay:%.2fs\">",
		    i == 0 ? " k0" : "", len * i / nframes);
		draw(b, s, 1);
		put(b, "</g>");
	}
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
#define SHEET_LABEL	16.0

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
	h = rows * (SHEET_CELL + SHEET_LABEL);
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
			put(&b, "</svg><text x=\"%.1f\" y=\"%.1f\" "
			    "style=\"font-size:7px;font-weight:normal\">%d. ",
			    cx + 6, y + SHEET_LABEL + 8, k + 1);
			put_text(&b, x->figure->pose[k].name);
			put(&b, "</text>");
		}
		(void)sc;
		y += SHEET_CELL + SHEET_LABEL;
	}
	put(&b, "</svg>\n");
	return (b.s);
}
