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

static void
local_day_of_an_instant_uses_its_own_offset(void **state)
{
	/* 2026-11-23T23:30:00Z */
	int64_t	ms = ((int64_t)date_from_civil(2026, 11, 23) * 1440 +
		    23 * 60 + 30) * 60000;

	(void)state;
	assert_int_equal(date_of_ms(ms, 0), date_from_civil(2026, 11, 23));
	assert_int_equal(date_of_ms(ms, 60), date_from_civil(2026, 11, 24));
	assert_int_equal(date_of_ms(ms, -300), date_from_civil(2026, 11, 23));
	assert_int_equal(date_minute_of_ms(ms, 60), 30);
	assert_int_equal(date_minute_of_ms(ms, -300), 18 * 60 + 30);
	/* Before 1970 the day is floored, not truncated. */
	assert_int_equal(date_of_ms(-1, 0), -1);
	assert_int_equal(date_minute_of_ms(-1, 0), 1439);
}

static void
iso_times_round_trip_with_their_offset(void **state)
{
	char	buf[DATE_ISO_BUFSZ];
	int64_t	ms, t = ((int64_t)date_from_civil(2026, 3, 29) * 1440 + 61) *
		    60000 + 5123;
	int	tz;

	(void)state;
	date_iso(t, 120, 1, buf);
	assert_string_equal(buf, "2026-03-29T03:01:05.123+02:00");
	date_iso(t, -330, 0, buf);
	assert_string_equal(buf, "2026-03-28T19:31:05-05:30");
	date_iso(t, 0, 0, buf);
	assert_string_equal(buf, "2026-03-29T01:01:05+00:00");

	assert_int_equal(date_iso_parse("2026-03-29T03:01:05.123+02:00", &ms,
	    &tz), 0);
	assert_int_equal(ms, t);
	assert_int_equal(tz, 120);
	assert_int_equal(date_iso_parse("2026-03-28T19:31:05-05:30", &ms,
	    &tz), 0);
	assert_int_equal(ms, t - 123);
	assert_int_equal(tz, -330);
	assert_int_equal(date_iso_parse("2026-03-29T01:01:05Z", &ms, &tz), 0);
	assert_int_equal(ms, t - 123);
	assert_int_equal(tz, 0);

	assert_int_equal(date_iso_parse("2026-03-29 01:01:05Z", &ms, &tz), -1);
	assert_int_equal(date_iso_parse("2026-02-30T01:01:05Z", &ms, &tz), -1);
	assert_int_equal(date_iso_parse("2026-03-29T24:00:00Z", &ms, &tz), -1);
	assert_int_equal(date_iso_parse("2026-03-29T01:01:05+0200", &ms, &tz),
	    -1);
	assert_int_equal(date_iso_parse("2026-03-29T01:01:05.12Z", &ms, &tz),
	    -1);
	assert_int_equal(date_iso_parse("", &ms, &tz), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(epoch_and_known_days),
		cmocka_unit_test(round_trip_every_day_of_four_centuries),
		cmocka_unit_test(parse_is_strict),
		cmocka_unit_test(local_day_of_an_instant_uses_its_own_offset),
		cmocka_unit_test(iso_times_round_trip_with_their_offset),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
