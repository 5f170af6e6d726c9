/*
 * t-schedule.c -- the next reminder, on a fake clock and in fake time
 * zones: work-hour edges, weekends, the daily session, daylight saving,
 * sleep and idle breaks, snooze and skip, ranks, a change of zone, and
 * whole simulated days stepped minute by minute.
 *
 * The zone is a fixed offset or one switch of offset at an instant, as
 * Europe/Berlin does in 2026: +1 h, then +2 h from 2026-03-29 01:00 UTC,
 * and +1 h again from 2026-10-25 01:00 UTC. The week used most is
 * Monday 2026-03-02 to Sunday 2026-03-08.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/config.h"
#include "core/date.h"
#include "core/schedule.h"

#define MIN		SCHED_MIN_MS
#define SEC		1000LL
#define HOUR		(60 * MIN)

#define MON		2026, 3, 2
#define TUE		2026, 3, 3
#define FRI		2026, 3, 6
#define SAT		2026, 3, 7
#define NEXT_MON	2026, 3, 9

#define P		SCHED_POSTURE_RESET
#define A		SCHED_WALL_ANGEL
#define D		SCHED_DAILY_SESSION

/* One switch of offset at switch_ms; a fixed zone never switches. */
struct fake_zone {
	long	before_s;
	long	after_s;
	int64_t	switch_ms;
};

static long
fake_offset(void *arg, int64_t ms)
{
	const struct fake_zone	*z = arg;

	return (ms < z->switch_ms ? z->before_s : z->after_s);
}

static struct fake_zone		fz;
static struct sched_zone	zone = { fake_offset, &fz };
static struct remind_config	cfg;
static struct sched		s;

static void
zone_fixed(long off_s)
{
	fz.before_s = fz.after_s = off_s;
	fz.switch_ms = INT64_MAX;
}

static void
zone_switch(long before_s, long after_s, int64_t at_ms)
{
	fz.before_s = before_s;
	fz.after_s = after_s;
	fz.switch_ms = at_ms;
}

/* The instant of a UTC civil time. */
static int64_t
utc(int y, int mo, int d, int h, int mi)
{
	return (date_from_civil(y, mo, d) * SCHED_DAY_MS + h * HOUR + mi * MIN);
}

/* The instant of a local civil time in the test zone. */
static int64_t
loc(int y, int mo, int d, int h, int mi)
{
	return (sched_utc(&zone, date_from_civil(y, mo, d), h * 60 + mi));
}

/* "2026-03-02 10:00:30 (+60)", local, for failure messages. */
static const char *
show(int64_t ms)
{
	static char	buf[3][80];
	static int	which;
	char		day[DATE_BUFSZ];
	long		d;
	int		m;
	int64_t		sec;

	which = (which + 1) % 3;
	sched_local(&zone, ms, &d, &m);
	date_format(d, day);
	sec = ((ms % MIN) + MIN) % MIN / SEC;
	snprintf(buf[which], sizeof buf[which], "%s %02d:%02d:%02d (%+ld)",
	    day, m / 60, m % 60, (int)sec, fake_offset(&fz, ms) / 60);
	return (buf[which]);
}

static int
setup(void **state)
{
	(void)state;
	config_defaults(&cfg);
	zone_fixed(3600);
	return (0);
}

static void
start(int64_t now)
{
	sched_init(&s, &cfg, &zone, now);
}

static struct sched_event
next_at(int64_t now)
{
	struct sched_event	ev;

	memset(&ev, 0, sizeof ev);
	assert_int_equal(sched_next(&s, now, &ev), 0);
	return (ev);
}

/* The next event at now must be kind k, due at due. */
static void
expect_next(int64_t now, enum sched_kind k, int64_t due)
{
	struct sched_event	ev = next_at(now);

	if (ev.kind != k || ev.due_ms != due)
		print_error("at %s: want %s at %s, got %s at %s (%s)\n",
		    show(now), sched_kind_name(k), show(due),
		    sched_kind_name(ev.kind), show(ev.due_ms), ev.reason);
	assert_int_equal(ev.kind, k);
	assert_int_equal(ev.due_ms, due);
}

static void
expect_reason(int64_t now, const char *reason)
{
	struct sched_event	ev = next_at(now);

	assert_string_equal(ev.reason, reason);
}

/* Only the interval kinds, or only the daily session, in a test. */
static void
only_posture(void)
{
	cfg.angel_every_min = 0;
	cfg.daily_min = -1;
}

static void
only_daily(void)
{
	cfg.reset_every_min = CONFIG_EVERY_MAX;
	cfg.angel_every_min = 0;
	cfg.end_min = 16 * 60 + 59;	/* 8 h of desk time never fits */
}

static void
the_test_calendar_is_right(void **state)
{
	(void)state;
	assert_int_equal(date_weekday(date_from_civil(MON)), 0);
	assert_int_equal(date_weekday(date_from_civil(FRI)), 4);
	assert_int_equal(date_weekday(date_from_civil(2026, 3, 29)), 6);
	assert_int_equal(date_weekday(date_from_civil(2026, 10, 25)), 6);
	assert_string_equal(sched_kind_name(P), "posture reset");
	assert_string_equal(sched_kind_name(A), "wall angel");
	assert_string_equal(sched_kind_name(D), "daily session");
}

static void
zone_fixed_offsets_convert_both_ways(void **state)
{
	long	d;
	int	m;

	(void)state;
	assert_int_equal(loc(MON, 9, 0), utc(MON, 8, 0));
	sched_local(&zone, utc(MON, 23, 30), &d, &m);
	assert_int_equal(d, date_from_civil(TUE));
	assert_int_equal(m, 30);
	/* West of UTC, the early UTC hours are the local day before. */
	zone_fixed(-5 * 3600);
	assert_int_equal(loc(MON, 9, 0), utc(MON, 14, 0));
	sched_local(&zone, utc(MON, 3, 0), &d, &m);
	assert_int_equal(d, date_from_civil(2026, 3, 1));
	assert_int_equal(m, 22 * 60);
	/* Midnight at the end of a day is the next day's. */
	assert_int_equal(sched_utc(&zone, date_from_civil(MON), 1440),
	    loc(TUE, 0, 0));
	/* Before 1970 too. */
	zone_fixed(3600);
	sched_local(&zone, utc(1969, 12, 31, 23, 59), &d, &m);
	assert_int_equal(d, 0);
	assert_int_equal(m, 59);
	assert_int_equal(loc(1969, 12, 31, 12, 0), utc(1969, 12, 31, 11, 0));
}

static void
zone_time_in_a_spring_gap_is_the_first_instant_after_it(void **state)
{
	(void)state;
	zone_switch(3600, 7200, utc(2026, 3, 29, 1, 0));
	/* 02:00 to 02:59 do not exist: the clock jumps to 03:00. */
	assert_int_equal(loc(2026, 3, 29, 1, 59), utc(2026, 3, 29, 0, 59));
	assert_int_equal(loc(2026, 3, 29, 2, 0), utc(2026, 3, 29, 1, 0));
	assert_int_equal(loc(2026, 3, 29, 2, 30), utc(2026, 3, 29, 1, 0));
	assert_int_equal(loc(2026, 3, 29, 2, 59), utc(2026, 3, 29, 1, 0));
	assert_int_equal(loc(2026, 3, 29, 3, 0), utc(2026, 3, 29, 1, 0));
	assert_int_equal(loc(2026, 3, 29, 3, 1), utc(2026, 3, 29, 1, 1));
	/* A switch at an odd second is found to the millisecond. */
	zone_switch(3600, 7200, utc(2026, 3, 29, 1, 0) + 7 * SEC + 3);
	assert_int_equal(loc(2026, 3, 29, 2, 30),
	    utc(2026, 3, 29, 1, 0) + 7 * SEC + 3);
}

static void
zone_time_in_a_fall_fold_is_its_first_occurrence(void **state)
{
	long	d;
	int	m;

	(void)state;
	zone_switch(7200, 3600, utc(2026, 10, 25, 1, 0));
	/* 02:00 to 02:59 happen twice: first at +2, then at +1. */
	assert_int_equal(loc(2026, 10, 25, 1, 59), utc(2026, 10, 24, 23, 59));
	assert_int_equal(loc(2026, 10, 25, 2, 0), utc(2026, 10, 25, 0, 0));
	assert_int_equal(loc(2026, 10, 25, 2, 30), utc(2026, 10, 25, 0, 30));
	assert_int_equal(loc(2026, 10, 25, 3, 0), utc(2026, 10, 25, 2, 0));
	sched_local(&zone, utc(2026, 10, 25, 1, 30), &d, &m);
	assert_int_equal(d, date_from_civil(2026, 10, 25));
	assert_int_equal(m, 2 * 60 + 30);
}

static void
first_posture_reset_comes_an_hour_into_the_work_day(void **state)
{
	(void)state;
	start(loc(MON, 7, 0));
	expect_next(loc(MON, 7, 0), P, loc(MON, 10, 0));
	expect_reason(loc(MON, 7, 0),
	    "60 min of desk time since the last posture reset");
	/* Presence before work hours counts for nothing. */
	sched_advance(&s, loc(MON, 9, 30), 1);
	expect_next(loc(MON, 9, 30), P, loc(MON, 10, 0));
	sched_advance(&s, loc(MON, 9, 45), 1);
	expect_next(loc(MON, 9, 45), P, loc(MON, 10, 0));
}

static void
reset_due_1729_fires_and_one_due_1731_waits_for_tuesday(void **state)
{
	(void)state;
	only_posture();
	start(loc(MON, 16, 29));
	expect_next(loc(MON, 16, 29), P, loc(MON, 17, 29));
	start(loc(MON, 16, 31));
	expect_next(loc(MON, 16, 31), P, loc(TUE, 10, 0));
	/* Work hours end at 17:30: a reset due then does not fire. */
	start(loc(MON, 16, 30));
	expect_next(loc(MON, 16, 30), P, loc(TUE, 10, 0));
	/* After hours, the same. */
	start(loc(MON, 20, 0));
	expect_next(loc(MON, 20, 0), P, loc(TUE, 10, 0));
}

static void
friday_evening_goes_to_monday_nine_plus_the_interval(void **state)
{
	(void)state;
	start(loc(FRI, 16, 45));
	sched_daily_done(&s, date_from_civil(FRI));
	sched_advance(&s, loc(FRI, 17, 0), 1);
	expect_next(loc(FRI, 17, 0), P, loc(NEXT_MON, 10, 0));
	expect_next(loc(SAT, 12, 0), P, loc(NEXT_MON, 10, 0));
	/* Saturday and Sunday as work days: Saturday it is. */
	cfg.days_mask |= CONFIG_DAY(5) | CONFIG_DAY(6);
	sched_set_config(&s, &cfg);
	expect_next(loc(FRI, 17, 0), P, loc(SAT, 10, 0));
}

static void
counters_restart_at_the_start_of_each_work_day(void **state)
{
	(void)state;
	only_posture();
	start(loc(MON, 16, 45));
	sched_advance(&s, loc(MON, 17, 30), 1);
	/* 45 min counted on Monday do not carry over to Tuesday. */
	sched_advance(&s, loc(TUE, 9, 0), 1);
	expect_next(loc(TUE, 9, 0), P, loc(TUE, 10, 0));
	sched_advance(&s, loc(TUE, 9, 30), 1);
	expect_next(loc(TUE, 9, 30), P, loc(TUE, 10, 0));
	/* Even when nothing was accounted since Monday. */
	start(loc(MON, 16, 45));
	sched_advance(&s, loc(MON, 17, 20), 1);
	expect_next(loc(TUE, 8, 0), P, loc(TUE, 10, 0));
	expect_next(loc(TUE, 9, 20), P, loc(TUE, 10, 20));
}

static void
presence_outside_work_hours_counts_nothing(void **state)
{
	(void)state;
	only_posture();
	start(loc(MON, 6, 0));
	sched_advance(&s, loc(MON, 9, 30), 1);
	expect_next(loc(MON, 9, 30), P, loc(MON, 10, 0));
	/* Weekend presence neither. */
	start(loc(SAT, 9, 0));
	sched_advance(&s, loc(SAT, 17, 0), 1);
	expect_next(loc(SAT, 17, 0), P, loc(NEXT_MON, 10, 0));
}

static void
daily_session_fires_at_its_time_on_work_days_only(void **state)
{
	(void)state;
	only_daily();
	start(loc(MON, 8, 0));
	expect_next(loc(MON, 8, 0), D, loc(MON, 16, 0));
	expect_reason(loc(MON, 8, 0), "daily session at 16:00");
	sched_advance(&s, loc(MON, 16, 0), 1);
	sched_fired(&s, D, loc(MON, 16, 0));
	expect_next(loc(MON, 16, 0), D, loc(TUE, 16, 0));
	/* Friday's is the last of the week. */
	start(loc(FRI, 16, 30));
	sched_fired(&s, D, loc(FRI, 16, 30));
	expect_next(loc(FRI, 16, 30), D, loc(NEXT_MON, 16, 0));
	expect_next(loc(SAT, 16, 0), D, loc(NEXT_MON, 16, 0));
}

static void
missed_daily_session_fires_once_on_waking_the_same_day(void **state)
{
	struct sched_event	ev;

	(void)state;
	only_daily();
	start(loc(MON, 15, 0));
	sched_advance(&s, loc(MON, 15, 50), 1);
	sched_away(&s, loc(MON, 15, 50), loc(MON, 16, 30));
	expect_next(loc(MON, 16, 30), D, loc(MON, 16, 30));
	ev = next_at(loc(MON, 16, 30));
	assert_string_equal(ev.reason, "daily session, missed at 16:00");
	assert_int_equal(ev.day, date_from_civil(MON));
	sched_fired(&s, D, loc(MON, 16, 30));
	expect_next(loc(MON, 16, 30), D, loc(TUE, 16, 0));

	/* Waking after work hours: not today, and not tomorrow either. */
	start(loc(MON, 15, 0));
	sched_away(&s, loc(MON, 15, 50), loc(MON, 18, 0));
	expect_next(loc(MON, 18, 0), D, loc(TUE, 16, 0));
	sched_away(&s, loc(MON, 15, 50), loc(TUE, 8, 0));
	expect_next(loc(TUE, 8, 0), D, loc(TUE, 16, 0));

	/* A daemon started late in the day catches up as well. */
	start(loc(MON, 16, 30));
	expect_next(loc(MON, 16, 30), D, loc(MON, 16, 30));
}

static void
daily_done_keeps_it_quiet_that_day(void **state)
{
	(void)state;
	only_daily();
	start(loc(MON, 10, 0));
	sched_daily_done(&s, date_from_civil(MON));
	expect_next(loc(MON, 10, 0), D, loc(TUE, 16, 0));
	expect_next(loc(MON, 17, 0), D, loc(TUE, 16, 0));
	/* Skipped counts as dealt with for the day too. */
	start(loc(MON, 16, 0));
	sched_fired(&s, D, loc(MON, 16, 0));
	sched_skipped(&s, D, loc(MON, 16, 0));
	expect_next(loc(MON, 16, 5), D, loc(TUE, 16, 0));
}

static void
spring_forward_day(void **state)
{
	(void)state;
	zone_switch(3600, 7200, utc(2026, 3, 29, 1, 0));
	/* A daily session at 02:30 fires when the clock jumps to 03:00. */
	cfg.days_mask = 0x7f;
	cfg.start_min = 60;
	cfg.end_min = 4 * 60;		/* too short for 8 h at a desk */
	cfg.daily_min = 2 * 60 + 30;
	cfg.reset_every_min = CONFIG_EVERY_MAX;
	cfg.angel_every_min = 0;
	start(loc(2026, 3, 28, 21, 0));
	expect_next(loc(2026, 3, 28, 21, 0), D, utc(2026, 3, 29, 1, 0));
	sched_advance(&s, utc(2026, 3, 29, 1, 0), 1);
	sched_fired(&s, D, utc(2026, 3, 29, 1, 0));
	expect_next(utc(2026, 3, 29, 1, 0), D, utc(2026, 3, 30, 0, 30));

	/* Friday 10:00 was 09:00 UTC; Monday's is 08:00 UTC. */
	config_defaults(&cfg);
	start(loc(2026, 3, 27, 9, 0));
	expect_next(loc(2026, 3, 27, 9, 0), P, utc(2026, 3, 27, 9, 0));
	sched_daily_done(&s, date_from_civil(2026, 3, 27));
	expect_next(loc(2026, 3, 27, 17, 0), P, utc(2026, 3, 30, 8, 0));
}

static void
fall_back_day(void **state)
{
	(void)state;
	zone_switch(7200, 3600, utc(2026, 10, 25, 1, 0));
	cfg.days_mask = 0x7f;
	cfg.start_min = 60;
	cfg.end_min = 4 * 60;		/* too short for 8 h at a desk */
	cfg.daily_min = 2 * 60 + 30;
	cfg.reset_every_min = CONFIG_EVERY_MAX;
	cfg.angel_every_min = 0;
	start(loc(2026, 10, 24, 21, 0));
	/* 02:30 happens twice: the session fires at the first. */
	expect_next(loc(2026, 10, 24, 21, 0), D, utc(2026, 10, 25, 0, 30));
	sched_advance(&s, utc(2026, 10, 25, 0, 30), 1);
	sched_fired(&s, D, utc(2026, 10, 25, 0, 30));
	/* And not again when 02:30 comes round the second time. */
	sched_advance(&s, utc(2026, 10, 25, 1, 30), 1);
	expect_next(utc(2026, 10, 25, 1, 30), D, utc(2026, 10, 26, 1, 30));

	/* Desk time is real time: an hour across the fold is an hour. */
	cfg.reset_every_min = 60;
	cfg.daily_min = -1;
	start(utc(2026, 10, 25, 0, 40));	/* 02:40, the first time */
	expect_next(utc(2026, 10, 25, 0, 40), P, utc(2026, 10, 25, 1, 40));
}

static void
short_sleep_across_two_due_breaks_makes_one_reminder(void **state)
{
	(void)state;
	start(loc(MON, 9, 0));
	sched_advance(&s, loc(MON, 10, 0), 1);
	expect_next(loc(MON, 10, 0), P, loc(MON, 10, 0));
	sched_fired(&s, P, loc(MON, 10, 0));
	sched_advance(&s, loc(MON, 10, 59), 1);
	/* Asleep 90 s over 11:00, when a reset and an angel were due. */
	sched_away(&s, loc(MON, 10, 59), loc(MON, 11, 0) + 30 * SEC);
	sched_advance(&s, loc(MON, 11, 0) + 30 * SEC, 1);
	expect_next(loc(MON, 11, 0) + 30 * SEC, A,
	    loc(MON, 11, 1) + 30 * SEC);
	sched_advance(&s, loc(MON, 11, 1) + 30 * SEC, 1);
	sched_fired(&s, A, loc(MON, 11, 1) + 30 * SEC);
	/* The angel stood in for the reset: the next is an hour later. */
	expect_next(loc(MON, 11, 1) + 30 * SEC, P, loc(MON, 12, 1) + 30 * SEC);
}

static void
sleep_long_enough_counts_as_the_break(void **state)
{
	(void)state;
	start(loc(MON, 9, 0));
	sched_advance(&s, loc(MON, 10, 0), 1);
	sched_fired(&s, P, loc(MON, 10, 0));
	sched_advance(&s, loc(MON, 10, 58), 1);
	sched_away(&s, loc(MON, 10, 58), loc(MON, 11, 20));
	/* Nothing on waking: both counters restarted. */
	expect_next(loc(MON, 11, 20), P, loc(MON, 12, 20));
	sched_advance(&s, loc(MON, 12, 20), 1);
	sched_fired(&s, P, loc(MON, 12, 20));
	expect_next(loc(MON, 12, 20), A, loc(MON, 13, 20));

	/* Three minutes: a reset, not an angel (which needs five). */
	start(loc(MON, 9, 0));
	sched_advance(&s, loc(MON, 10, 0), 1);
	sched_fired(&s, P, loc(MON, 10, 0));
	sched_advance(&s, loc(MON, 10, 58), 1);
	sched_away(&s, loc(MON, 10, 58), loc(MON, 11, 1));
	expect_next(loc(MON, 11, 1), A, loc(MON, 11, 3));
	expect_reason(loc(MON, 11, 1),
	    "120 min of desk time since the last wall angel");
}

static void
a_long_span_at_once_makes_one_overdue_reminder(void **state)
{
	(void)state;
	cfg.daily_min = -1;
	start(loc(MON, 9, 0));
	/* The daemon was stopped, say: 4 h 40 min counted in one go. */
	sched_advance(&s, loc(MON, 13, 40), 1);
	expect_next(loc(MON, 13, 40), A, loc(MON, 13, 40));
	expect_reason(loc(MON, 13, 40),
	    "280 min of desk time since the last wall angel");
	sched_fired(&s, A, loc(MON, 13, 40));
	expect_next(loc(MON, 13, 40), P, loc(MON, 14, 40));
	/* Asking again later without firing still gives one event. */
	sched_advance(&s, loc(MON, 16, 0), 1);
	expect_next(loc(MON, 16, 0), A, loc(MON, 16, 0));
	expect_next(loc(MON, 16, 0), A, loc(MON, 16, 0));
}

static void
snooze_brings_it_back_and_holds_everything_else(void **state)
{
	(void)state;
	cfg.daily_min = 10 * 60 + 5;
	start(loc(MON, 9, 0));
	sched_advance(&s, loc(MON, 10, 0), 1);
	sched_fired(&s, P, loc(MON, 10, 0));
	sched_snoozed(&s, P, loc(MON, 10, 0));
	/* The session due at 10:05 waits for the snooze, then wins. */
	expect_next(loc(MON, 10, 0), D, loc(MON, 10, 10));
	sched_advance(&s, loc(MON, 10, 10), 1);
	sched_fired(&s, D, loc(MON, 10, 10));
	/* The session stood in for the snoozed reset. */
	expect_next(loc(MON, 10, 10), P, loc(MON, 11, 10));

	/* A later event is not touched: the reset comes back first. */
	cfg.daily_min = 10 * 60 + 30;
	start(loc(MON, 9, 0));
	sched_advance(&s, loc(MON, 10, 0), 1);
	sched_fired(&s, P, loc(MON, 10, 0));
	sched_snoozed(&s, P, loc(MON, 10, 0));
	expect_next(loc(MON, 10, 0), P, loc(MON, 10, 10));
	expect_reason(loc(MON, 10, 0),
	    "posture reset again after a 10 min snooze");
	sched_advance(&s, loc(MON, 10, 10), 1);
	sched_fired(&s, P, loc(MON, 10, 10));
	expect_next(loc(MON, 10, 10), D, loc(MON, 10, 30));
	/* Snoozed twice: back again each time. */
	sched_advance(&s, loc(MON, 10, 30), 1);
	sched_fired(&s, D, loc(MON, 10, 30));
	sched_snoozed(&s, D, loc(MON, 10, 30));
	expect_next(loc(MON, 10, 30), D, loc(MON, 10, 40));
	sched_snoozed(&s, D, loc(MON, 10, 40));
	expect_next(loc(MON, 10, 40), D, loc(MON, 10, 50));
	sched_daily_done(&s, date_from_civil(MON));
	expect_next(loc(MON, 10, 40), P, loc(MON, 11, 30));
}

static void
snooze_past_work_hours_or_into_a_break_is_dropped(void **state)
{
	(void)state;
	only_posture();
	start(loc(MON, 16, 25));
	sched_advance(&s, loc(MON, 17, 25), 1);
	sched_fired(&s, P, loc(MON, 17, 25));
	sched_snoozed(&s, P, loc(MON, 17, 25));
	expect_next(loc(MON, 17, 25), P, loc(TUE, 10, 0));

	/* Walking away three minutes is the reset the snooze put off. */
	config_defaults(&cfg);
	start(loc(MON, 9, 0));
	sched_advance(&s, loc(MON, 10, 0), 1);
	sched_fired(&s, P, loc(MON, 10, 0));
	sched_snoozed(&s, P, loc(MON, 10, 0));
	sched_advance(&s, loc(MON, 10, 1), 1);
	sched_away(&s, loc(MON, 10, 1), loc(MON, 10, 4));
	sched_advance(&s, loc(MON, 10, 5), 1);
	expect_next(loc(MON, 10, 5), A, loc(MON, 11, 3));
}

static void
skip_restarts_only_its_own_counter(void **state)
{
	(void)state;
	start(loc(MON, 9, 0));
	sched_advance(&s, loc(MON, 10, 0), 1);
	sched_fired(&s, P, loc(MON, 10, 0));
	sched_skipped(&s, P, loc(MON, 10, 0));
	expect_next(loc(MON, 10, 0), A, loc(MON, 11, 0));
	/* A skip straight away, no reminder shown: the angel only. */
	sched_advance(&s, loc(MON, 10, 30), 1);
	sched_skipped(&s, A, loc(MON, 10, 30));
	expect_next(loc(MON, 10, 30), P, loc(MON, 11, 0));
	sched_advance(&s, loc(MON, 11, 0), 1);
	sched_fired(&s, P, loc(MON, 11, 0));
	expect_next(loc(MON, 11, 0), P, loc(MON, 12, 0));
	sched_fired(&s, P, loc(MON, 12, 0));
	expect_next(loc(MON, 12, 0), A, loc(MON, 12, 30));
}

static void
taking_a_break_by_hand_restarts_the_counters(void **state)
{
	(void)state;
	cfg.daily_min = -1;
	start(loc(MON, 9, 0));
	sched_advance(&s, loc(MON, 9, 40), 1);
	/* `midback break` at 09:40: an angel, so a reset as well. */
	sched_taken(&s, A, loc(MON, 9, 40));
	expect_next(loc(MON, 9, 40), P, loc(MON, 10, 40));
	/* The daily session taken: both restart. */
	cfg.daily_min = 16 * 60;
	sched_set_config(&s, &cfg);
	sched_advance(&s, loc(MON, 10, 20), 1);
	sched_taken(&s, D, loc(MON, 10, 20));
	expect_next(loc(MON, 10, 20), P, loc(MON, 11, 20));
	expect_next(loc(MON, 17, 0), P, loc(TUE, 10, 0));
}

static void
idle_spells_count_as_natural_breaks_when_long_enough(void **state)
{
	int64_t	t;

	(void)state;
	cfg.daily_min = -1;
	start(loc(MON, 9, 0));
	sched_advance(&s, loc(MON, 9, 30), 1);
	/* A minute idle: nothing restarts, the minute just does not count. */
	sched_advance(&s, loc(MON, 9, 31), 0);
	sched_advance(&s, loc(MON, 9, 32), 1);
	expect_next(loc(MON, 9, 32), P, loc(MON, 10, 1));
	/* Two minutes in 30 s steps: a posture reset, not an angel. */
	for (t = loc(MON, 9, 32) + 30 * SEC; t <= loc(MON, 9, 34);
	    t += 30 * SEC)
		sched_advance(&s, t, 0);
	expect_next(loc(MON, 9, 34), P, loc(MON, 10, 34));
	sched_advance(&s, loc(MON, 9, 35), 1);
	expect_next(loc(MON, 9, 35), P, loc(MON, 10, 34));
	expect_reason(loc(MON, 9, 35),
	    "60 min of desk time since the last posture reset");
	/* ... while the angel's counter ran on: 31 + 1 min. */
	assert_int_equal(s.active_ms[P], 1 * MIN);
	assert_int_equal(s.active_ms[A], 32 * MIN);
	/* Five minutes: both. */
	sched_advance(&s, loc(MON, 9, 40), 0);
	sched_advance(&s, loc(MON, 9, 41), 1);
	expect_next(loc(MON, 9, 41), P, loc(MON, 10, 40));
	assert_int_equal(s.active_ms[P], 1 * MIN);
	assert_int_equal(s.active_ms[A], 1 * MIN);
	/* Idle noticed late: away since 09:50, counted as present till now. */
	sched_advance(&s, loc(MON, 9, 56), 1);
	sched_away(&s, loc(MON, 9, 50), loc(MON, 9, 56));
	sched_advance(&s, loc(MON, 9, 57), 1);
	expect_next(loc(MON, 9, 57), P, loc(MON, 10, 56));
}

static void
wall_angel_beats_posture_reset_at_the_same_time(void **state)
{
	(void)state;
	start(loc(MON, 9, 0));
	sched_advance(&s, loc(MON, 10, 0), 1);
	sched_fired(&s, P, loc(MON, 10, 0));
	expect_next(loc(MON, 10, 0), A, loc(MON, 11, 0));
	sched_advance(&s, loc(MON, 11, 0), 1);
	sched_fired(&s, A, loc(MON, 11, 0));
	/* Both restarted. */
	expect_next(loc(MON, 11, 0), P, loc(MON, 12, 0));
	sched_advance(&s, loc(MON, 12, 0), 1);
	sched_fired(&s, P, loc(MON, 12, 0));
	expect_next(loc(MON, 12, 0), A, loc(MON, 13, 0));
}

static void
a_reset_due_just_before_a_higher_rank_waits_for_it(void **state)
{
	(void)state;
	cfg.daily_min = -1;
	/* Angel 5 min after the reset: the reset waits. */
	start(loc(MON, 9, 0));
	sched_advance(&s, loc(MON, 9, 55), 1);
	sched_advance(&s, loc(MON, 9, 57), 0);
	sched_advance(&s, loc(MON, 9, 57), 1);
	expect_next(loc(MON, 9, 57), A, loc(MON, 11, 2));
	/* 11 min after: it does not. */
	start(loc(MON, 9, 0));
	sched_advance(&s, loc(MON, 9, 49), 1);
	sched_advance(&s, loc(MON, 9, 51), 0);
	sched_advance(&s, loc(MON, 9, 51), 1);
	expect_next(loc(MON, 9, 51), P, loc(MON, 10, 51));
	/* The daily session outranks both. */
	config_defaults(&cfg);
	start(loc(MON, 14, 55));
	expect_next(loc(MON, 14, 55), D, loc(MON, 16, 0));
}

static void
a_new_time_zone_moves_the_daily_session(void **state)
{
	int64_t	now = utc(MON, 11, 0);

	(void)state;
	only_daily();
	start(now);
	expect_next(now, D, utc(MON, 15, 0));		/* 16:00 at +1 */
	/* Flown to New York: 06:00 there, the session at 16:00 there. */
	zone_fixed(-5 * 3600);
	sched_set_zone(&s, &zone);
	expect_next(now, D, utc(MON, 21, 0));
	/* To Tokyo: 20:00 there, Monday's is past, Tuesday's at 16:00. */
	zone_fixed(9 * 3600);
	sched_set_zone(&s, &zone);
	expect_next(now, D, utc(TUE, 7, 0));
}

static void
the_clock_set_back_counts_nothing_twice(void **state)
{
	(void)state;
	only_posture();
	start(loc(MON, 9, 0));
	sched_advance(&s, loc(MON, 9, 30), 1);
	sched_advance(&s, loc(MON, 9, 10), 1);
	sched_advance(&s, loc(MON, 9, 20), 1);
	expect_next(loc(MON, 9, 20), P, loc(MON, 9, 40));
	expect_reason(loc(MON, 9, 20),
	    "60 min of desk time since the last posture reset");
}

static void
nothing_that_fits_gives_no_event(void **state)
{
	struct sched_event	ev;

	(void)state;
	cfg.start_min = 9 * 60;
	cfg.end_min = 12 * 60;
	cfg.reset_every_min = 180;
	cfg.angel_every_min = 0;
	cfg.daily_min = -1;
	start(loc(MON, 8, 0));
	assert_int_equal(sched_next(&s, loc(MON, 8, 0), &ev), -1);
	cfg.reset_every_min = 179;
	sched_set_config(&s, &cfg);
	expect_next(loc(MON, 8, 0), P, loc(MON, 11, 59));
}

/* What fired, as kind and local time. */
struct fired {
	enum sched_kind	kind;
	int		hh;
	int		mm;
};

/*
 * Step minute by minute from..to, present unless away(minute) says not,
 * firing (and taking) whatever is due. Returns how many fired into out.
 */
static size_t
simulate(int64_t from, int64_t to, int (*away)(int), struct fired *out,
    size_t max)
{
	struct sched_event	ev;
	int64_t			now;
	size_t			n = 0;
	long			day;
	int			m;

	start(from);
	for (now = from; now <= to; now += MIN) {
		sched_local(&zone, now, &day, &m);
		sched_advance(&s, now, away == NULL || !away(m));
		if (sched_next(&s, now, &ev) == -1 || ev.due_ms > now)
			continue;
		/* Fired on the minute it was due, never late. */
		assert_int_equal(ev.due_ms, now);
		assert_true(n < max);
		out[n].kind = ev.kind;
		out[n].hh = m / 60;
		out[n].mm = m % 60;
		n++;
		sched_fired(&s, ev.kind, now);
		sched_taken(&s, ev.kind, now);
	}
	return (n);
}

static void
expect_fired(const struct fired *got, size_t ngot, const struct fired *want,
    size_t nwant)
{
	size_t	i;

	for (i = 0; i < ngot && i < nwant; i++) {
		if (got[i].kind != want[i].kind || got[i].hh != want[i].hh ||
		    got[i].mm != want[i].mm)
			print_error("event %zu: want %s at %02d:%02d, got "
			    "%s at %02d:%02d\n", i,
			    sched_kind_name(want[i].kind), want[i].hh,
			    want[i].mm,
			    sched_kind_name(got[i].kind), got[i].hh,
			    got[i].mm);
		assert_int_equal(got[i].kind, want[i].kind);
		assert_int_equal(got[i].hh, want[i].hh);
		assert_int_equal(got[i].mm, want[i].mm);
	}
	assert_int_equal(ngot, nwant);
}

static void
a_whole_work_day_with_the_defaults(void **state)
{
	static const struct fired want[] = {
		{ P, 10, 0 }, { A, 11, 0 }, { P, 12, 0 }, { A, 13, 0 },
		{ P, 14, 0 }, { A, 15, 0 }, { D, 16, 0 }, { P, 17, 0 },
	};
	struct fired	got[32];
	size_t		n;

	(void)state;
	n = simulate(loc(MON, 7, 0), loc(MON, 20, 0), NULL, got, 32);
	expect_fired(got, n, want, sizeof want / sizeof want[0]);
}

static void
a_whole_work_day_without_the_daily_session(void **state)
{
	static const struct fired want[] = {
		{ P, 10, 0 }, { A, 11, 0 }, { P, 12, 0 }, { A, 13, 0 },
		{ P, 14, 0 }, { A, 15, 0 }, { P, 16, 0 }, { A, 17, 0 },
	};
	struct fired	got[32];
	size_t		n;

	(void)state;
	cfg.daily_min = -1;
	n = simulate(loc(MON, 7, 0), loc(MON, 20, 0), NULL, got, 32);
	expect_fired(got, n, want, sizeof want / sizeof want[0]);
	/* Without the angel: a reset every hour. */
	cfg.angel_every_min = 0;
	n = simulate(loc(MON, 7, 0), loc(MON, 20, 0), NULL, got, 32);
	assert_int_equal(n, 8);
	assert_int_equal(got[7].kind, P);
	assert_int_equal(got[7].hh, 17);
}

/* Lunch 12:30-13:15, and two minutes idle at 14:00. */
static int
lunch(int m)
{
	return ((m > 12 * 60 + 30 && m <= 13 * 60 + 15) ||
	    (m > 14 * 60 && m <= 14 * 60 + 1));
}

static void
a_whole_work_day_with_a_lunch_break(void **state)
{
	static const struct fired want[] = {
		{ P, 10, 0 }, { A, 11, 0 }, { P, 12, 0 },
		{ P, 14, 16 }, { A, 15, 16 }, { D, 16, 0 }, { P, 17, 0 },
	};
	struct fired	got[32];
	size_t		n;

	(void)state;
	n = simulate(loc(MON, 7, 0), loc(MON, 20, 0), lunch, got, 32);
	expect_fired(got, n, want, sizeof want / sizeof want[0]);
}

static void
a_whole_week_fires_only_on_work_days(void **state)
{
	struct fired	got[128];
	size_t		n, i;

	(void)state;
	n = simulate(loc(MON, 0, 0), loc(2026, 3, 8, 23, 59), NULL, got, 128);
	/* Five days of eight, each day the same. */
	assert_int_equal(n, 5 * 8);
	for (i = 0; i < n; i++) {
		assert_int_equal(got[i].kind, got[i % 8].kind);
		assert_int_equal(got[i].hh, got[i % 8].hh);
		assert_int_equal(got[i].mm, got[i % 8].mm);
	}
}

static void
a_whole_day_across_a_spring_forward_night(void **state)
{
	static const struct fired want[] = {
		{ P, 10, 0 }, { A, 11, 0 }, { P, 12, 0 }, { A, 13, 0 },
		{ P, 14, 0 }, { A, 15, 0 }, { D, 16, 0 }, { P, 17, 0 },
	};
	struct fired	got[32];
	size_t		n;

	(void)state;
	/* Sunday to Monday 2026-03-30: the first day at +2. */
	zone_switch(3600, 7200, utc(2026, 3, 29, 1, 0));
	n = simulate(loc(2026, 3, 28, 20, 0), loc(2026, 3, 30, 20, 0), NULL,
	    got, 32);
	expect_fired(got, n, want, sizeof want / sizeof want[0]);
}

static void
day_plan_is_a_typical_day(void **state)
{
	struct remind_config	c;
	struct sched_slot	v[64];
	static const struct { enum sched_kind k; int h; } want[] = {
		{ SCHED_POSTURE_RESET, 10 }, { SCHED_WALL_ANGEL, 11 },
		{ SCHED_POSTURE_RESET, 12 }, { SCHED_WALL_ANGEL, 13 },
		{ SCHED_POSTURE_RESET, 14 }, { SCHED_WALL_ANGEL, 15 },
		{ SCHED_DAILY_SESSION, 16 }, { SCHED_POSTURE_RESET, 17 },
	};
	size_t			n, i;

	(void)state;
	config_defaults(&c);
	n = sched_day_plan(&c, v, 64);
	assert_int_equal(n, sizeof want / sizeof want[0]);
	for (i = 0; i < n; i++) {
		assert_int_equal(v[i].kind, want[i].k);
		assert_int_equal(v[i].minute, want[i].h * 60);
	}
	/* Room for two: the first two. */
	assert_int_equal(sched_day_plan(&c, v, 2), 2);
	/* No work day at all: nothing. */
	c.days_mask = 0;
	assert_int_equal(sched_day_plan(&c, v, 64), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(day_plan_is_a_typical_day),
#define T(f)	cmocka_unit_test_setup(f, setup)
		T(the_test_calendar_is_right),
		T(zone_fixed_offsets_convert_both_ways),
		T(zone_time_in_a_spring_gap_is_the_first_instant_after_it),
		T(zone_time_in_a_fall_fold_is_its_first_occurrence),
		T(first_posture_reset_comes_an_hour_into_the_work_day),
		T(reset_due_1729_fires_and_one_due_1731_waits_for_tuesday),
		T(friday_evening_goes_to_monday_nine_plus_the_interval),
		T(counters_restart_at_the_start_of_each_work_day),
		T(presence_outside_work_hours_counts_nothing),
		T(daily_session_fires_at_its_time_on_work_days_only),
		T(missed_daily_session_fires_once_on_waking_the_same_day),
		T(daily_done_keeps_it_quiet_that_day),
		T(spring_forward_day),
		T(fall_back_day),
		T(short_sleep_across_two_due_breaks_makes_one_reminder),
		T(sleep_long_enough_counts_as_the_break),
		T(a_long_span_at_once_makes_one_overdue_reminder),
		T(snooze_brings_it_back_and_holds_everything_else),
		T(snooze_past_work_hours_or_into_a_break_is_dropped),
		T(skip_restarts_only_its_own_counter),
		T(taking_a_break_by_hand_restarts_the_counters),
		T(idle_spells_count_as_natural_breaks_when_long_enough),
		T(wall_angel_beats_posture_reset_at_the_same_time),
		T(a_reset_due_just_before_a_higher_rank_waits_for_it),
		T(a_new_time_zone_moves_the_daily_session),
		T(the_clock_set_back_counts_nothing_twice),
		T(nothing_that_fits_gives_no_event),
		T(a_whole_work_day_with_the_defaults),
		T(a_whole_work_day_without_the_daily_session),
		T(a_whole_work_day_with_a_lunch_break),
		T(a_whole_week_fires_only_on_work_days),
		T(a_whole_day_across_a_spring_forward_night),
#undef T
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
