/*
 * chart.h -- small text charts for a terminal: sparklines and horizontal
 * bars, in Unicode block characters or plain ASCII.
 *
 * No I/O: each function returns a new string the caller prints and frees.
 */
#ifndef MIDBACK_CHART_H
#define MIDBACK_CHART_H

#include <stddef.h>

/*
 * One character per value, scaled between the least and the greatest of
 * the present values onto eight levels: the lower eighth blocks
 * U+2581..U+2588 in UTF-8 (3 bytes each), or "_.:-=+*#" in ASCII. The
 * least gets the lowest level, the greatest the highest, the others the
 * nearest level in between. When every present value is the same, each
 * gets the fourth level (U+2584, the lower half block, or '-' in ASCII).
 * A value is missing when present is non-NULL and present[i] is 0, or
 * when it is not finite; it is drawn as a space in both modes, so gaps
 * read as "no data" and columns stay aligned. n = 0 gives "". The
 * caller must free the result.
 */
char	*chart_sparkline(const double *values, const int *present, size_t n,
	    int ascii);
/*
 * The same on a fixed scale from lo to hi, when lo < hi: a value at lo
 * (or below) gets the lowest level, at hi (or above) the highest, so a
 * small change looks small. With lo >= hi, as chart_sparkline().
 */
char	*chart_sparkline_scale(const double *values, const int *present,
	    size_t n, double lo, double hi, int ascii);

/*
 * A horizontal bar for value out of max, always exactly width cells wide:
 * the bar, then spaces, so whatever follows lines up and callers need not
 * pad. UTF-8 fills whole cells with the full block U+2588 and the last
 * one with a left eighth block (U+258F one eighth .. U+2589 seven
 * eighths), to the nearest eighth; ASCII fills cells with '#', to the
 * nearest cell. Any value above 0 shows at least the smallest mark; a
 * value above max fills every cell. 0, a negative or non-finite value, or
 * max <= 0 gives width spaces; width <= 0 gives "". The caller must free
 * the result.
 */
char	*chart_bar(double value, double max, int width, int ascii);

#endif
