/*
 * t-stats.c -- progress figures: the day of a row under its own UTC
 * offset (month and year ends, a leap day, daylight saving, a flight),
 * streaks, adherence, weekly windows, the pain trend, favourites, the
 * set-aside list, and ten years of daily rows.
 *
 * Rows are built from local times: add() takes a day, a local time and
 * the offset in force, and stores the UTC time a store would hold.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "core/date.h"
#include "core/stats.h"

#define DAY_MS		86400000LL
#define MIN_MS		60000LL
#define NROWS		64

static struct stats_activity	 acts[NROWS];
static size_t			 nacts;
static struct stats_pain	 pains[NROWS];
static size_t			 npains;
static struct stats		 st = STATS_INIT;
static struct stats_input	 in;

/* The UTC ms of hh:mm local on day at offset tz minutes. */
static int64_t
utc(long day, int hh, int mm, int tz)
{
	return ((int64_t)day * DAY_MS + (hh * 60 + mm - tz) * MIN_MS);
}

static void
add(long day, int hh, int mm, int tz, int kind, int active_s, int counts)
{
	struct stats_activity	*a;

	assert_true(nacts < NROWS);
	a = &acts[nacts++];
	a->start_ms = utc(day, hh, mm, tz);
	a->tz_min = tz;
	a->kind = kind;
	a->active_s = active_s;
	a->counts = counts;
}

/* A counting ten-minute routine at noon, UTC+1. */
static void
add_day(long day)
{
	add(day, 12, 0, 60, STATS_ROUTINE, 600, 1);
}

static void
add_pain(long day, int pain)
{
	assert_true(npains < NROWS);
	pains[npains].at_ms = utc(day, 9, 0, 60);
	pains[npains].tz_min = 60;
	pains[npains].pain = pain;
	npains++;
}

static void
compute(long today, int weeks)
{
	stats_release(&st);
	in.acts = acts;
	in.nacts = nacts;
	in.pains = pains;
	in.npains = npains;
	in.today = today;
	in.now_ms = utc(today, 20, 0, 60);
	in.weeks = weeks;
	assert_int_equal(stats_compute(&in, &st), 0);
}

static void
assert_streak(const struct stats_streak *s, int days, long first, long last)
{
	assert_int_equal(s->days, days);
	if (days > 0) {
		assert_int_equal(s->first, first);
		assert_int_equal(s->last, last);
	}
}

static int
setup(void **state)
{
	static const struct stats_input	zero;

	(void)state;
	nacts = npains = 0;
	in = zero;
	return (0);
}

static int
teardown(void **state)
{
	(void)state;
	stats_release(&st);
	return (0);
}

static void
day_is_floored_with_the_rows_own_offset(void **state)
{
	(void)state;
	assert_int_equal(date_of_ms(0, 0), 0);
	assert_int_equal(date_of_ms(DAY_MS - 1, 0), 0);
	assert_int_equal(date_of_ms(DAY_MS, 0), 1);
	assert_int_equal(date_of_ms(-1, 0), -1);
	assert_int_equal(date_of_ms(-DAY_MS, 0), -1);
	assert_int_equal(date_of_ms(-DAY_MS - 1, 0), -2);
	/* 23:30 UTC on day 0 is 00:30 on day 1 at UTC+1, day 0 at UTC-5. */
	assert_int_equal(date_of_ms(DAY_MS - 30 * MIN_MS, 60), 1);
	assert_int_equal(date_of_ms(DAY_MS - 30 * MIN_MS, -300), 0);
	/* 00:30 UTC on day 0 is 19:30 the day before at UTC-5. */
	assert_int_equal(date_of_ms(30 * MIN_MS, -300), -1);
	assert_int_equal(date_of_ms(utc(20000, 23, 59, -720), -720), 20000);
	assert_int_equal(date_of_ms(utc(20000, 0, 0, 840), 840), 20000);
	/* The extremes do not overflow. */
	assert_true(date_of_ms(INT64_MAX, 840) > 0);
	assert_true(date_of_ms(INT64_MIN, -840) < 0);
}

static void
streak_crosses_month_and_year_ends(void **state)
{
	long	d, first = date_from_civil(2025, 12, 29);
	long	today = date_from_civil(2026, 1, 2);

	(void)state;
	for (d = first; d <= today; d++)
		add_day(d);
	compute(today, 1);
	assert_streak(&st.current, 5, first, today);

	nacts = 0;
	first = date_from_civil(2026, 1, 30);
	today = date_from_civil(2026, 2, 2);
	for (d = first; d <= today; d++)
		add_day(d);
	compute(today, 1);
	assert_streak(&st.current, 4, first, today);
	assert_streak(&st.longest, 4, first, today);
}

static void
streak_crosses_a_leap_day(void **state)
{
	long	feb28 = date_from_civil(2024, 2, 28);
	long	mar1 = date_from_civil(2024, 3, 1);

	(void)state;
	add(feb28, 8, 0, 60, STATS_BREAK, 60, 1);
	add(date_from_civil(2024, 2, 29), 8, 0, 60, STATS_BREAK, 60, 1);
	add(mar1, 8, 0, 60, STATS_BREAK, 60, 1);
	compute(mar1, 1);
	assert_int_equal(mar1 - feb28, 2);
	assert_streak(&st.current, 3, feb28, mar1);
}

/*
 * Europe, spring: UTC+1 until 2026-03-29 01:00 UTC, UTC+2 after. Under
 * one offset for every row, 23:30 on the 28th (+1) would move to the 29th
 * and the streak would lose a day.
 */
static void
daylight_saving_keeps_each_row_on_its_day(void **state)
{
	long	mar28 = date_from_civil(2026, 3, 28);
	long	oct24 = date_from_civil(2026, 10, 24);

	(void)state;
	add(mar28, 23, 30, 60, STATS_ROUTINE, 600, 1);
	add(mar28 + 1, 23, 30, 120, STATS_ROUTINE, 600, 1);
	add(mar28 + 2, 0, 30, 120, STATS_BREAK, 60, 1);
	assert_int_equal(date_of_ms(acts[0].start_ms, 60), mar28);
	assert_int_equal(date_of_ms(acts[0].start_ms, 120), mar28 + 1);
	assert_int_equal(date_of_ms(acts[2].start_ms, 60), mar28 + 1);
	compute(mar28 + 2, 1);
	assert_streak(&st.current, 3, mar28, mar28 + 2);

	/* Autumn: UTC+2 until 2026-10-25 01:00 UTC, UTC+1 after. */
	nacts = 0;
	add(oct24, 23, 30, 120, STATS_ROUTINE, 600, 1);
	add(oct24 + 1, 23, 30, 60, STATS_ROUTINE, 600, 1);
	add(oct24 + 2, 0, 30, 60, STATS_BREAK, 60, 1);
	assert_int_equal(date_of_ms(acts[1].start_ms, 120), oct24 + 2);
	compute(oct24 + 2, 1);
	assert_streak(&st.current, 3, oct24, oct24 + 2);
	/* Each day has 600 s or more, under its own offset. */
	assert_int_equal(st.adherence, 2);
}

/*
 * A flight from Paris (UTC+1) to New York (UTC-5): 00:30 in Paris on the
 * 11th and 21:00 in New York on the 12th are consecutive days as lived.
 * Under +1 for both they are the 11th and 13th; under -5, 10th and 12th.
 */
static void
time_zone_change_follows_each_rows_zone(void **state)
{
	long	jan11 = date_from_civil(2026, 1, 11);

	(void)state;
	add(jan11, 0, 30, 60, STATS_ROUTINE, 300, 1);
	add(jan11 + 1, 21, 0, -300, STATS_ROUTINE, 300, 1);
	assert_int_equal(date_of_ms(acts[0].start_ms, -300), jan11 - 1);
	assert_int_equal(date_of_ms(acts[1].start_ms, 60), jan11 + 2);
	compute(jan11 + 1, 1);
	assert_streak(&st.current, 2, jan11, jan11 + 1);
}

static void
current_streak_waits_for_today(void **state)
{
	long	today = date_from_civil(2026, 6, 15);

	(void)state;
	add_day(today - 3);
	add_day(today - 2);
	add_day(today - 1);
	compute(today, 1);
	assert_streak(&st.current, 3, today - 3, today - 1);

	/* Done today as well: the run now ends today. */
	add_day(today);
	compute(today, 1);
	assert_streak(&st.current, 4, today - 3, today);

	/* Nothing yesterday nor today: the streak is over. */
	compute(today + 2, 1);
	assert_streak(&st.current, 0, 0, 0);
	assert_streak(&st.longest, 4, today - 3, today);
}

static void
longest_streak_keeps_its_days(void **state)
{
	long	d, today = date_from_civil(2026, 6, 30);

	(void)state;
	for (d = today - 20; d < today - 17; d++)	/* 3 days */
		add_day(d);
	for (d = today - 15; d < today - 10; d++)	/* 5 days */
		add_day(d);
	for (d = today - 1; d <= today; d++)		/* 2 days */
		add_day(d);
	add_day(today - 12);				/* a duplicate */
	compute(today, 1);
	assert_streak(&st.longest, 5, today - 15, today - 11);
	assert_streak(&st.current, 2, today - 1, today);

	/* Of two equal runs, the latest. */
	for (d = today - 8; d < today - 3; d++)		/* 5 days */
		add_day(d);
	compute(today, 1);
	assert_streak(&st.longest, 5, today - 8, today - 4);
}

/* Few days far apart take the sorting path; the same rules hold. */
static void
sparse_days_far_apart_give_the_same_streaks(void **state)
{
	long	today = date_from_civil(2026, 6, 15);

	(void)state;
	add_day(0);
	add_day(1);
	add_day(2);
	add_day(1);
	add_day(today - 1);
	add_day(date_from_civil(1969, 12, 30));
	add_day(date_from_civil(1969, 12, 31));
	add_day(today - 2);
	add_day(today - 4);
	compute(today, 1);
	assert_streak(&st.longest, 5, -2, 2);
	assert_streak(&st.current, 2, today - 2, today - 1);

	add_day(today - 3);
	add_day(today - 5);
	compute(today, 1);
	assert_streak(&st.longest, 5, today - 5, today - 1);
	assert_streak(&st.current, 5, today - 5, today - 1);
}

static void
rows_that_do_not_count_break_a_streak(void **state)
{
	long	today = date_from_civil(2026, 6, 15);

	(void)state;
	add_day(today - 2);
	add(today - 1, 12, 0, 60, STATS_ROUTINE, 900, 0);
	add_day(today);
	compute(today, 1);
	assert_streak(&st.current, 1, today, today);
	assert_streak(&st.longest, 1, today, today);
	/* It still counts for adherence and minutes. */
	assert_int_equal(st.adherence, 3);
	assert_int_equal(st.weeks[0].minutes, 35);
	assert_int_equal(st.weeks[0].sessions, 2);

	nacts = 0;
	add(today, 12, 0, 60, STATS_BREAK, 30, 0);
	compute(today, 1);
	assert_streak(&st.current, 0, 0, 0);
	assert_streak(&st.longest, 0, 0, 0);
}

static void
adherence_needs_ten_minutes_a_day(void **state)
{
	long	today = date_from_civil(2026, 6, 15);

	(void)state;
	add(today, 8, 0, 60, STATS_ROUTINE, 600, 1);		/* yes */
	add(today - 1, 8, 0, 60, STATS_ROUTINE, 599, 1);	/* no */
	add(today - 2, 8, 0, 60, STATS_ROUTINE, 300, 1);	/* with the */
	add(today - 2, 18, 0, 60, STATS_BREAK, 300, 1);	/* break: yes */
	add(today - 3, 8, 0, 60, STATS_ROUTINE, 599, 1);	/* with the */
	add(today - 3, 9, 0, 60, STATS_BREAK, 1, 0);		/* break: yes */
	add(today - 27, 8, 0, 60, STATS_ROUTINE, 3600, 1);	/* the edge */
	add(today - 28, 8, 0, 60, STATS_ROUTINE, 3600, 1);	/* outside */
	add(today + 1, 8, 0, 60, STATS_ROUTINE, 3600, 1);	/* future */
	add(today - 5, 8, 0, 60, STATS_ROUTINE, -900, 1);	/* not -ve */
	add(today - 5, 9, 0, 60, STATS_ROUTINE, 600, 1);
	compute(today, 1);
	assert_int_equal(st.adherence, 5);
}

static void
weekly_windows_have_exact_edges(void **state)
{
	long	today = date_from_civil(2026, 6, 15);

	(void)state;
	add(today - 14, 12, 0, 60, STATS_ROUTINE, 6000, 1);	/* outside */
	add(today - 13, 12, 0, 60, STATS_ROUTINE, 90, 1);	/* w0 */
	add(today - 7, 12, 0, 60, STATS_BREAK, 90, 1);		/* w0 */
	add(today - 6, 12, 0, 60, STATS_BREAK, 59, 1);		/* w1 */
	add(today, 12, 0, 60, STATS_ROUTINE, 120, 1);		/* w1 */
	add(today, 13, 0, 60, STATS_ROUTINE, 30, 0);		/* w1 */
	add(today + 1, 12, 0, 60, STATS_ROUTINE, 6000, 1);	/* future */
	compute(today, 2);
	assert_int_equal(st.nweeks, 2);
	assert_int_equal(st.weeks[0].first, today - 13);
	assert_int_equal(st.weeks[1].first, today - 6);
	/* 90 + 90 s is 3 minutes, not 1 + 1. */
	assert_int_equal(st.weeks[0].minutes, 3);
	assert_int_equal(st.weeks[0].sessions, 1);
	assert_int_equal(st.weeks[0].breaks, 1);
	/* 59 + 120 + 30 s, rounded down. */
	assert_int_equal(st.weeks[1].minutes, 3);
	assert_int_equal(st.weeks[1].sessions, 1);
	assert_int_equal(st.weeks[1].breaks, 1);

	compute(today, 1);
	assert_int_equal(st.nweeks, 1);
	assert_int_equal(st.weeks[0].first, today - 6);
	assert_int_equal(st.weeks[0].minutes, 3);
}

static void
pain_mean_and_change_by_window(void **state)
{
	long	today = date_from_civil(2026, 6, 15);

	(void)state;
	add_pain(today - 20, 6);	/* window 0 of 3 */
	add_pain(today - 14, 3);	/* window 0 */
	add_pain(today - 21, 9);	/* outside */
	add_pain(today - 1, 2);		/* window 2 */
	add_pain(today, 2);		/* window 2 */
	add_pain(today, 11);		/* not a rating */
	add_pain(today, -1);		/* not a rating */
	add_pain(today + 1, 9);		/* future */
	compute(today, 3);
	assert_int_equal(st.weeks[0].npain, 2);
	assert_true(st.weeks[0].pain_mean == 4.5);
	assert_int_equal(st.weeks[1].npain, 0);
	assert_true(st.weeks[1].pain_mean == 0);
	assert_int_equal(st.weeks[2].npain, 2);
	assert_true(st.weeks[2].pain_mean == 2);
	assert_int_equal(st.has_pain_change, 1);
	assert_true(st.pain_change == -2.5);

	/* Ratings in one window only: no change. */
	compute(today, 1);
	assert_int_equal(st.weeks[0].npain, 2);
	assert_int_equal(st.has_pain_change, 0);
	assert_true(st.pain_change == 0);

	npains = 0;
	compute(today, 3);
	assert_int_equal(st.has_pain_change, 0);
}

static const struct stats_exercise exs[] = {
	/* id		done	good	fair	bad */
	{ "cat-cow",	4,	4,	0,	0 },	/* 2.0 */
	{ "thread",	9,	1,	1,	0 },	/* 1.5 */
	{ "open-book",	3,	1,	1,	0 },	/* 1.5, fewer done */
	{ "bridge",	3,	2,	2,	0 },	/* 1.5, as often: id */
	{ "wall-angel",	7,	9,	0,	1 },	/* 1.8: a bad rating */
	{ "flagged",	5,	5,	0,	0 },	/* set aside */
	{ "was-flagged", 2,	0,	2,	0 },	/* 1.0, flag over */
	{ "never-done",	0,	0,	0,	0 },
	{ "unrated",	8,	0,	0,	0 },	/* after the rated */
	{ "unrated-2",	1,	0,	0,	0 },
};
#define NEXS	(sizeof exs / sizeof exs[0])

static void
ranking_orders_by_feel_then_done_then_id(void **state)
{
	const struct stats_flag	flags[] = {
		{ "flagged", 2000 },
		{ "was-flagged", 1000 },	/* until now: over */
	};
	size_t			order[NEXS], n;
	double			score;

	(void)state;
	assert_int_equal(stats_feel(&exs[1], &score), 1);
	assert_true(score == 1.5);
	assert_int_equal(stats_feel(&exs[4], &score), 1);
	assert_true(score == 1.8);
	assert_int_equal(stats_feel(&exs[8], &score), 0);
	assert_true(score == 0);

	n = stats_rank(exs, NEXS, flags, 2, 1000, order);
	assert_int_equal(n, 8);
	assert_string_equal(exs[order[0]].id, "cat-cow");
	/* One bad rating in ten lowers the score; it does not bar it. */
	assert_string_equal(exs[order[1]].id, "wall-angel");
	assert_string_equal(exs[order[2]].id, "thread");
	assert_string_equal(exs[order[3]].id, "bridge");
	assert_string_equal(exs[order[4]].id, "open-book");
	assert_string_equal(exs[order[5]].id, "was-flagged");
	assert_string_equal(exs[order[6]].id, "unrated");
	assert_string_equal(exs[order[7]].id, "unrated-2");

	/* Once its flag is over, "flagged" ranks with cat-cow, by done. */
	n = stats_rank(exs, NEXS, flags, 2, 2000, order);
	assert_int_equal(n, 9);
	assert_string_equal(exs[order[0]].id, "flagged");
	assert_string_equal(exs[order[1]].id, "cat-cow");

	assert_int_equal(stats_rank(exs, 0, NULL, 0, 0, order), 0);
}

static void
favourites_are_the_top_five(void **state)
{
	const struct stats_flag	flags[] = { { "flagged", INT64_MAX } };

	(void)state;
	in.exs = exs;
	in.nexs = NEXS;
	in.flags = flags;
	in.nflags = 1;
	compute(date_from_civil(2026, 6, 15), 1);
	assert_int_equal(st.nfavourites, STATS_FAVOURITES);
	assert_string_equal(exs[st.favourites[0]].id, "cat-cow");
	assert_string_equal(exs[st.favourites[1]].id, "wall-angel");
	assert_string_equal(exs[st.favourites[2]].id, "thread");
	assert_string_equal(exs[st.favourites[3]].id, "bridge");
	assert_string_equal(exs[st.favourites[4]].id, "open-book");

	in.nexs = 2;
	compute(date_from_civil(2026, 6, 15), 1);
	assert_int_equal(st.nfavourites, 2);
}

static void
set_aside_keeps_the_latest_flag_of_each_id(void **state)
{
	const struct stats_flag	flags[] = {
		{ "open-book", 5000 },
		{ "thread", 7000 },
		{ "open-book", 9000 },
		{ "cat-cow", 1000 },		/* over: now is 1000 */
		{ "bridge", 7000 },
		{ "cat-cow", 500 },
		{ "thread", 6000 },
	};

	(void)state;
	in.flags = flags;
	in.nflags = sizeof flags / sizeof flags[0];
	in.now_ms = 1000;
	in.weeks = 1;
	assert_int_equal(stats_compute(&in, &st), 0);
	assert_int_equal(st.naside, 3);
	assert_string_equal(st.aside[0].id, "bridge");
	assert_int_equal(st.aside[0].until_ms, 7000);
	assert_string_equal(st.aside[1].id, "thread");
	assert_int_equal(st.aside[1].until_ms, 7000);
	assert_string_equal(st.aside[2].id, "open-book");
	assert_int_equal(st.aside[2].until_ms, 9000);
}

static void
weeks_out_of_range_are_refused(void **state)
{
	(void)state;
	in.weeks = 0;
	assert_int_equal(stats_compute(&in, &st), -1);
	in.weeks = STATS_WEEKS_MAX + 1;
	assert_int_equal(stats_compute(&in, &st), -1);
	assert_null(st.weeks);
	compute(0, STATS_WEEKS_MAX);
	assert_int_equal(st.nweeks, STATS_WEEKS_MAX);
	assert_streak(&st.current, 0, 0, 0);
	assert_int_equal(st.adherence, 0);
	assert_int_equal(st.naside, 0);
	assert_int_equal(st.nfavourites, 0);
}

/*
 * Ten years, every day: two routines and four breaks of two minutes
 * (UTC+1, stored in reverse order), pain 2, 4 and 6. Checks the figures;
 * the speed shows as the test's run time.
 */
static void
ten_years_of_daily_rows(void **state)
{
	struct stats_activity	*a;
	struct stats_pain	*p;
	long			 first = date_from_civil(2016, 1, 1);
	long			 today = first + 3649, d;
	size_t			 i, na = 0, np = 0, w;

	(void)state;
	a = calloc(3650 * 6, sizeof *a);
	p = calloc(3650 * 3, sizeof *p);
	assert_non_null(a);
	assert_non_null(p);
	for (d = today; d >= first; d--) {
		for (i = 0; i < 6; i++) {
			a[na].start_ms = utc(d, 7 + 2 * (int)i, 0, 60);
			a[na].tz_min = 60;
			a[na].kind = i % 3 == 0 ? STATS_ROUTINE : STATS_BREAK;
			a[na].active_s = 120;
			a[na].counts = 1;
			na++;
		}
		for (i = 0; i < 3; i++) {
			p[np].at_ms = utc(d, 8 + (int)i, 0, 60);
			p[np].tz_min = 60;
			p[np].pain = 2 + 2 * (int)i;
			np++;
		}
	}
	in.acts = a;
	in.nacts = na;
	in.pains = p;
	in.npains = np;
	in.today = today;
	in.now_ms = utc(today, 23, 0, 60);
	in.weeks = 52;
	assert_int_equal(stats_compute(&in, &st), 0);
	assert_int_equal(na, 21900);
	assert_streak(&st.current, 3650, first, today);
	assert_streak(&st.longest, 3650, first, today);
	assert_int_equal(st.adherence, STATS_ADHERENCE_DAYS);
	assert_int_equal(st.nweeks, 52);
	for (w = 0; w < st.nweeks; w++) {
		assert_int_equal(st.weeks[w].minutes, 7 * 12);
		assert_int_equal(st.weeks[w].sessions, 14);
		assert_int_equal(st.weeks[w].breaks, 28);
		assert_int_equal(st.weeks[w].npain, 21);
		assert_true(st.weeks[w].pain_mean == 4);
	}
	assert_int_equal(st.has_pain_change, 1);
	assert_true(st.pain_change == 0);
	free(p);
	free(a);
}

#define TEST(f)	cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(day_is_floored_with_the_rows_own_offset),
		TEST(streak_crosses_month_and_year_ends),
		TEST(streak_crosses_a_leap_day),
		TEST(daylight_saving_keeps_each_row_on_its_day),
		TEST(time_zone_change_follows_each_rows_zone),
		TEST(current_streak_waits_for_today),
		TEST(longest_streak_keeps_its_days),
		TEST(sparse_days_far_apart_give_the_same_streaks),
		TEST(rows_that_do_not_count_break_a_streak),
		TEST(adherence_needs_ten_minutes_a_day),
		TEST(weekly_windows_have_exact_edges),
		TEST(pain_mean_and_change_by_window),
		TEST(ranking_orders_by_feel_then_done_then_id),
		TEST(favourites_are_the_top_five),
		TEST(set_aside_keeps_the_latest_flag_of_each_id),
		TEST(weeks_out_of_range_are_refused),
		TEST(ten_years_of_daily_rows),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
