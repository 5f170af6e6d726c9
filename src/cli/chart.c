/*
 * chart.c -- sparklines and horizontal bars as strings.
 *
 * The block characters are written as UTF-8 byte escapes so the source
 * stays ASCII; each is three bytes. Strings are sized for the worst case
 * (three bytes a cell) and built in one pass.
 */
#include <math.h>
#include <string.h>

#include "cli/chart.h"
#include "core/xmalloc.h"

#define CHART_LEVELS	8
/* The level of a flat line, every value the same: the half block. */
#define CHART_MIDDLE	3

/* U+2581 LOWER ONE EIGHTH BLOCK .. U+2588 FULL BLOCK. */
static const char *const spark_utf8[CHART_LEVELS] = {
	"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
	"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"
};
static const char spark_ascii[CHART_LEVELS + 1] = "_.:-=+*#";

/* Index k: k eighths of a cell, U+258F .. U+2589, then U+2588. */
static const char *const bar_utf8[9] = {
	"", "\xe2\x96\x8f", "\xe2\x96\x8e", "\xe2\x96\x8d", "\xe2\x96\x8c",
	"\xe2\x96\x8b", "\xe2\x96\x8a", "\xe2\x96\x89", "\xe2\x96\x88"
};

/* Append s at *p and move *p past it. */
static void
put(char **p, const char *s)
{
	size_t	len = strlen(s);

	memcpy(*p, s, len);
	*p += len;
}

static int
present_at(const double *values, const int *present, size_t i)
{
	if (present != NULL && !present[i])
		return (0);
	return (isfinite(values[i]));
}

char *
chart_sparkline(const double *values, const int *present, size_t n,
    int ascii)
{
	return (chart_sparkline_scale(values, present, n, 0, 0, ascii));
}

char *
chart_sparkline_scale(const double *values, const int *present, size_t n,
    double lo, double hi, int ascii)
{
	char	*s, *p;
	double	 t;
	size_t	 i;
	int	 any = 0, fixed = lo < hi, level;

	/* A fixed scale when one is given; else the values' own range. */
	for (i = 0; i < n && !fixed; i++) {
		if (!present_at(values, present, i))
			continue;
		if (!any || values[i] < lo)
			lo = values[i];
		if (!any || values[i] > hi)
			hi = values[i];
		any = 1;
	}

	s = p = xcalloc(n, 3 + 1);
	for (i = 0; i < n; i++) {
		if (!present_at(values, present, i)) {
			put(&p, " ");
			continue;
		}
		if (hi == lo)
			level = CHART_MIDDLE;
		else {
			/*
			 * Halves, so hi - lo cannot overflow to infinity
			 * (1e308 - -1e308). Clamped against rounding, and
			 * against NaN if halving made a tiny range 0.
			 */
			t = (values[i] / 2 - lo / 2) / (hi / 2 - lo / 2);
			if (!(t >= 0))
				t = 0;
			if (t > 1)
				t = 1;
			level = (int)(t * (CHART_LEVELS - 1) + 0.5);
		}
		if (ascii)
			*p++ = spark_ascii[level];
		else
			put(&p, spark_utf8[level]);
	}
	*p = '\0';
	return (s);
}

char *
chart_bar(double value, double max, int width, int ascii)
{
	char	*s, *p;
	double	 t;
	long	 units, per, full, i;

	if (width <= 0)
		return (xcalloc(1, 1));
	/* units: filled eighths (UTF-8) or cells (ASCII), of per a cell. */
	per = ascii ? 1 : 8;
	units = 0;
	if (isfinite(value) && value > 0 && max > 0) {
		t = value >= max ? 1 : value / max;
		units = (long)(t * width * per + 0.5);
		if (units < 1)
			units = 1;
		if (units > (long)width * per)
			units = (long)width * per;
	}

	s = p = xcalloc((size_t)width, 3 + 1);
	full = units / per;
	for (i = 0; i < full; i++) {
		if (ascii)
			*p++ = '#';
		else
			put(&p, bar_utf8[8]);
	}
	if (units % per != 0) {
		put(&p, bar_utf8[units % per]);
		i++;
	}
	for (; i < width; i++)
		*p++ = ' ';
	*p = '\0';
	return (s);
}
