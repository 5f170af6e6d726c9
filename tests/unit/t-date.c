/*
 * t-date.c -- calendar arithmetic.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/date.h"

static void
epoch_and_known_days(void **state)
{
	(void)state;
	assert_int_equal(date_from_civil(1970, 1, 1), 0);
	assert_int_equal(date_from_civil(2000, 3, 1), 11017);
	assert_int_equal(date_weekday(date_from_civil(2026, 11, 23)), 0);
	assert_string_equal(date_weekday_name(date_from_civil(2024, 2, 29)),
	    "Thursday");
}

static void
round_trip_every_day_of_four_centuries(void **state)
{
	long	d, back;
	int	y, m, dd;

	(void)state;
	for (d = date_from_civil(1900, 1, 1);
	    d < date_from_civil(2300, 1, 1); d++) {
		date_to_civil(d, &y, &m, &dd);
		back = date_from_civil(y, m, dd);
		assert_int_equal(back, d);
	}
}

static void
parse_is_strict(void **state)
{
	char	buf[DATE_BUFSZ];
	long	d;

	(void)state;
	assert_int_equal(date_parse("2024-02-29", &d), 0);
	date_format(d, buf);
	assert_string_equal(buf, "2024-02-29");
	assert_int_equal(date_parse("2023-02-29", &d), -2);
	assert_int_equal(date_parse("2026-13-01", &d), -2);
	assert_int_equal(date_parse("1899-12-31", &d), -2);
	assert_int_equal(date_parse("2026-1-01", &d), -1);
	assert_int_equal(date_parse("2026-01-01x", &d), -1);
	assert_int_equal(date_parse("tomorrow", &d), -1);
	assert_int_equal(date_parse("", &d), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(epoch_and_known_days),
		cmocka_unit_test(round_trip_every_day_of_four_centuries),
		cmocka_unit_test(parse_is_strict),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
