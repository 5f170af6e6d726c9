/*
 * figframes.c -- a development tool: every keyframe of an exercise's
 * figure on both sides and eight frames between them, as one SVG to look
 * at (rsvg-convert it), and on stderr how far each planted contact moves.
 *   cc ... tools/figframes.c build/rel/src/core/*.o -lyaml
 *   figframes data/exercises.yaml ID >frames.svg
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalog.h"
#include "core/diag.h"
#include "core/figsvg.h"
#include "core/figure.h"

static void
still(const struct exercise *x, struct figsvg_opts *o, double cx, double cy,
    const char *label)
{
	char	*svg, *p;

	o->px_per_cm = 1.0;
	if ((svg = figure_svg(x, o)) == NULL)
		return;
	p = strstr(svg, "<svg");
	printf("<g transform=\"translate(%.0f %.0f)\">%s</g>", cx, cy, p);
	printf("<text x=\"%.0f\" y=\"%.0f\" font-size=\"11\">%s</text>\n",
	    cx + 2, cy + 12, label);
	free(svg);
}

int
main(int argc, char **argv)
{
	static char		 buf[1 << 20];
	struct diag		 d = DIAG_INIT;
	struct figsvg_opts	 o = FIGSVG_OPTS_INIT;
	struct catalog		*c;
	const struct exercise	*x = NULL;
	struct fig_box		 bx;
	FILE			*fp;
	size_t			 len, i;
	double			 w, h, one, step;
	int			 k, n;
	char			 lab[64];

	if (argc < 3 || (fp = fopen(argv[1], "r")) == NULL)
		return (2);
	len = fread(buf, 1, sizeof buf, fp);
	fclose(fp);
	if ((c = catalog_parse(argv[1], buf, len, NULL, &d)) == NULL)
		return (1);
	for (i = 0; i < c->n; i++)
		if (strcmp(c->ex[i].id, argv[2]) == 0)
			x = &c->ex[i];
	if (x == NULL || x->figure == NULL)
		return (1);
	n = x->figure->npose;
	fig_frame(x->figure, x->figure->camera, &bx);
	w = (bx.x1 - bx.x0) * 1.0;
	h = (bx.y1 - bx.y0) * 1.0;
	one = fig_loop_s(x->figure, 0);
	step = (one - 2 * FIG_LOOP_HOLD_S) / 2 / (n - 1);
	printf("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" "
	    "height=\"%.0f\"><rect width=\"100%%\" height=\"100%%\" "
	    "fill=\"#fff\"/>\n", w * 5, h * 4);
	for (k = 0; k < n; k++) {
		o.at_s = k * step;
		snprintf(lab, sizeof lab, "%d %s", k + 1,
		    x->figure->pose[k].name);
		still(x, &o, k * w, 0, lab);
		o.at_s = one + k * step;
		snprintf(lab, sizeof lab, "side 2: %d", k + 1);
		still(x, &o, k * w, 3 * h, lab);
	}
	for (k = 0; k < 8; k++) {
		o.at_s = (n - 1) * step * (k + 0.5) / 8;
		snprintf(lab, sizeof lab, "t %.2f", o.at_s);
		still(x, &o, (k % 4) * w, (1 + k / 4) * h, lab);
	}
	printf("</svg>\n");
	return (0);
}
