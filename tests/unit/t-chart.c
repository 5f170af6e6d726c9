/*
 * t-chart.c -- sparklines and bars, in UTF-8 and in ASCII: levels for
 * known values, missing values, flat lines, eighth-block partials and the
 * padding to width.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "cli/chart.h"

/* The sparkline levels U+2581 .. U+2588. */
#define S1	"\xe2\x96\x81"
#define S2	"\xe2\x96\x82"
#define S3	"\xe2\x96\x83"
#define S4	"\xe2\x96\x84"
#define S5	"\xe2\x96\x85"
#define S6	"\xe2\x96\x86"
#define S7	"\xe2\x96\x87"
#define S8	"\xe2\x96\x88"
/* Left eighth blocks: one eighth U+258F .. seven eighths U+2589. */
#define E1	"\xe2\x96\x8f"
#define E2	"\xe2\x96\x8e"
#define E3	"\xe2\x96\x8d"
#define E4	"\xe2\x96\x8c"
#define E5	"\xe2\x96\x8b"
#define E6	"\xe2\x96\x8a"
#define E7	"\xe2\x96\x89"
#define FULL	S8

static void
check_spark(const double *v, const int *present, size_t n, int ascii,
    const char *want)
{
	char	*s;

	s = chart_sparkline(v, present, n, ascii);
	assert_string_equal(s, want);
	free(s);
}

static void
sparkline_on_a_fixed_scale_keeps_small_changes_small(void **state)
{
	const double	pain[] = { 2.9, 3.0, 10, 0, 12, -1 };
	char		*s;

	(void)state;
	/* 2.9 and 3.0 of 0 to 10 both land on the third of eight levels. */
	s = chart_sparkline_scale(pain, NULL, 2, 0, 10, 1);
	assert_string_equal(s, "::");
	free(s);
	/* The ends, and beyond them, clamp to the lowest and highest. */
	s = chart_sparkline_scale(pain + 2, NULL, 4, 0, 10, 1);
	assert_string_equal(s, "#_#_");
	free(s);
	/* No scale (lo >= hi): the values' own range, as before. */
	s = chart_sparkline_scale(pain, NULL, 2, 5, 5, 1);
	assert_string_equal(s, "_#");
	free(s);
}

static void
check_bar(double value, double max, int width, int ascii, const char *want)
{
	char	*s;

	s = chart_bar(value, max, width, ascii);
	assert_string_equal(s, want);
	free(s);
}

static void
sparkline_levels_span_least_to_greatest(void **state)
{
	const double	ramp[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
	const double	odd[] = { 10, 20, 15, 12.5 };

	(void)state;
	check_spark(ramp, NULL, 8, 0, S1 S2 S3 S4 S5 S6 S7 S8);
	check_spark(ramp, NULL, 8, 1, "_.:-=+*#");
	/* 15 is 3.5 levels up: rounds to the fifth; 12.5 to the third. */
	check_spark(odd, NULL, 4, 0, S1 S8 S5 S3);
	check_spark(odd, NULL, 4, 1, "_#=:");
}

static void
sparkline_missing_values_are_spaces(void **state)
{
	const double	v[] = { 3, 99, 1, 2, NAN, 5 };
	const int	present[] = { 1, 0, 1, 1, 1, 1 };

	(void)state;
	/* 99 is missing, so it does not stretch the scale; NaN is too. */
	check_spark(v, present, 6, 0, S5 " " S1 S3 " " S8);
	check_spark(v, present, 6, 1, "= _: #");
	check_spark(v, NULL, 0, 0, "");
}

static void
sparkline_flat_line_is_the_middle_level(void **state)
{
	const double	flat[] = { 4, 4, 4 };
	const int	one[] = { 0, 1, 0 };

	(void)state;
	check_spark(flat, NULL, 3, 0, S4 S4 S4);
	check_spark(flat, NULL, 3, 1, "---");
	check_spark(flat, one, 3, 0, " " S4 " ");
	check_spark(flat, one, 3, 1, " - ");
}

static void
sparkline_survives_an_enormous_range(void **state)
{
	const double	v[] = { -1e308, 0, 1e308 };

	(void)state;
	/* hi - lo overflows a double; the scale must not. */
	check_spark(v, NULL, 3, 1, "_=#");
}

static void
bar_fills_to_the_nearest_eighth(void **state)
{
	(void)state;
	check_bar(10, 10, 4, 0, FULL FULL FULL FULL);
	check_bar(5, 10, 4, 0, FULL FULL "  ");
	/* 4 cells of 8 eighths: 1/32 each. */
	check_bar(1, 32, 4, 0, E1 "   ");
	check_bar(2, 32, 4, 0, E2 "   ");
	check_bar(3, 32, 4, 0, E3 "   ");
	check_bar(4, 32, 4, 0, E4 "   ");
	check_bar(5, 32, 4, 0, E5 "   ");
	check_bar(6, 32, 4, 0, E6 "   ");
	check_bar(7, 32, 4, 0, E7 "   ");
	check_bar(8, 32, 4, 0, FULL "   ");
	check_bar(13, 32, 4, 0, FULL E5 "  ");
	check_bar(31, 32, 4, 0, FULL FULL FULL E7);
	/* 1.4 eighths rounds down, 1.6 up. */
	check_bar(1.4, 32, 4, 0, E1 "   ");
	check_bar(1.6, 32, 4, 0, E2 "   ");
}

static void
bar_ascii_fills_to_the_nearest_cell(void **state)
{
	(void)state;
	check_bar(10, 10, 4, 1, "####");
	check_bar(5, 10, 4, 1, "##  ");
	check_bar(4.9, 10, 10, 1, "#####     ");
	check_bar(4.4, 10, 10, 1, "####      ");
}

static void
bar_edges(void **state)
{
	(void)state;
	/* Nothing: width spaces, so callers need not pad. */
	check_bar(0, 10, 3, 0, "   ");
	check_bar(0, 10, 3, 1, "   ");
	check_bar(-2, 10, 3, 0, "   ");
	check_bar(NAN, 10, 3, 0, "   ");
	check_bar(INFINITY, 10, 3, 1, "   ");
	check_bar(5, 0, 3, 0, "   ");
	check_bar(5, -1, 3, 1, "   ");
	/* Anything above 0 shows. */
	check_bar(0.001, 10, 3, 0, E1 "  ");
	check_bar(0.001, 10, 3, 1, "#  ");
	/* Above max: full. */
	check_bar(50, 10, 3, 0, FULL FULL FULL);
	check_bar(50, 10, 3, 1, "###");
	check_bar(5, 10, 0, 0, "");
	check_bar(5, 10, -1, 1, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sparkline_levels_span_least_to_greatest),
		cmocka_unit_test(sparkline_missing_values_are_spaces),
		cmocka_unit_test(sparkline_flat_line_is_the_middle_level),
		cmocka_unit_test(sparkline_survives_an_enormous_range),
		cmocka_unit_test(
		    sparkline_on_a_fixed_scale_keeps_small_changes_small),
		cmocka_unit_test(bar_fills_to_the_nearest_eighth),
		cmocka_unit_test(bar_ascii_fills_to_the_nearest_cell),
		cmocka_unit_test(bar_edges),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
