/*
 * figraster.h -- the figure's scene on a grid of terminal cells, as
 * Unicode braille (2 x 4 dots a cell), each cell with the style of what
 * covers most of it. Pure: the caller turns cells into text and colours.
 */
#ifndef MIDBACK_FIGRASTER_H
#define MIDBACK_FIGRASTER_H

#include "figure.h"

#define FIG_CELL_EMPTY	0xff

struct fig_cell {
	unsigned char	dots;	/* braille bits: U+2800 + dots */
	unsigned char	style;	/* enum fig_style, or FIG_CELL_EMPTY */
};

/*
 * Draw scene s, framed by bx (scaled to fit, centred), into cols x rows
 * cells, row by row.
 */
void	fig_raster(const struct fig_scene *s, const struct fig_box *bx,
	    int cols, int rows, struct fig_cell *cells);
/* A cell's character as UTF-8 (3 bytes and a NUL) into out. */
void	fig_cell_utf8(const struct fig_cell *, char out[4]);

#endif
