/*
 * figures-time.c -- bench/figures' timing of the figure model: the
 * animated SVG of every exercise of data/exercises.yaml (its time over
 * its frames: pose, contact solver, scene, SVG text, the framing shared
 * out) and a braille frame as the player draws one (pose, solver, scene,
 * 40 x 22 cells). Prints the animated SVGs' sizes as served (both
 * sides), "svg_largest_bytes: N (ID)" and "svg_total_bytes: N", then
 * "svg_frame_us: N" and "braille_frame_us: N".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/catalog.h"
#include "core/diag.h"
#include "core/figraster.h"
#include "core/figsvg.h"
#include "core/figure.h"

static double
now_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1e6 + ts.tv_nsec / 1e3);
}

int
main(int argc, char **argv)
{
	static char		 buf[1 << 20];
	struct diag		 d = DIAG_INIT;
	struct figsvg_opts	 o = FIGSVG_OPTS_INIT;
	struct catalog		*c;
	struct fig_angles	 a;
	struct fig_body		 b, ref;
	struct fig_box		 bx;
	static struct fig_scene	 s;
	static struct fig_cell	 cells[40 * 22];
	const struct exercise	*x;
	FILE			*fp;
	size_t			 len, i;
	double			 t0, svg_us = 0, br_us = 0, loop;
	int			 rounds = argc > 2 ? atoi(argv[2]) : 20, r, k;
	long			 svg_frames = 0, br_frames = 0;
	char			*svg;

	if (argc < 2 || (fp = fopen(argv[1], "r")) == NULL)
		return (2);
	len = fread(buf, 1, sizeof buf, fp);
	fclose(fp);
	if ((c = catalog_parse(argv[1], buf, len, NULL, &d)) == NULL) {
		fprintf(stderr, "%s\n", d.n > 0 ? d.msgs[0] : "bad catalog");
		return (1);
	}
	/* The sizes: every exercise's animation, both sides, as served. */
	{
		struct figsvg_opts	 both = FIGSVG_OPTS_INIT;
		size_t			 big = 0, total = 0, sz;
		const char		*big_id = "";

		both.both_sides = 1;
		for (i = 0; i < c->n; i++) {
			if (c->ex[i].figure == NULL ||
			    (svg = figure_svg(&c->ex[i], &both)) == NULL)
				continue;
			sz = strlen(svg);
			total += sz;
			if (sz > big) {
				big = sz;
				big_id = c->ex[i].id;
			}
			free(svg);
		}
		printf("svg_largest_bytes: %zu (%s)\n", big, big_id);
		printf("svg_total_bytes: %zu\n", total);
	}
	for (r = 0; r < rounds; r++)
		for (i = 0; i < c->n; i++) {
			x = &c->ex[i];
			if (x->figure == NULL)
				continue;
			loop = fig_loop_s(x->figure, 0);
			t0 = now_us();
			svg = figure_svg(x, &o);
			svg_us += now_us() - t0;
			svg_frames += (long)(loop * 10 + 0.5);
			free(svg);
			/* The player's frames: the framing is done once. */
			fig_prop_ref(x->figure, &ref);
			fig_frame(x->figure, x->figure->camera, &bx);
			t0 = now_us();
			for (k = 0; k < 30; k++) {
				fig_loop_at(x->figure, 1, loop * 2 * k / 30, &a);
				fig_solve(x->figure, &a, &b);
				fig_scene(x->figure, &b, &ref, a.mirror,
				    x->figure->camera, &s);
				fig_raster(&s, &bx, 40, 22, cells);
			}
			br_us += now_us() - t0;
			br_frames += 30;
		}
	printf("svg_frame_us: %.1f\n", svg_us / svg_frames);
	printf("braille_frame_us: %.1f\n", br_us / br_frames);
	catalog_free(c);
	return (0);
}
