/*
 * t-dose.c -- the timing model: durations, phases, growth within ranges.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/dose.h"

static int
phases_total(const struct prescription *rx)
{
	struct phase	ph[2048];
	int		n, i, total = 0;

	n = dose_phases(rx, ph, 2048);
	assert_true(n <= 2048);
	for (i = 0; i < n; i++)
		total += ph[i].duration_s;
	return (total);
}

static void
hold_reps_per_side_arithmetic(void **state)
{
	/* open book at its least: 5 reps of (2 s move + 20 s hold) a side */
	struct prescription rx = { .sets = 1, .reps = 5, .hold_s = 20,
	    .per_side = 1 };

	(void)state;
	assert_int_equal(dose_work_s(&rx), 5 * (DOSE_MOVE_S + 20));
	assert_int_equal(dose_duration_s(&rx), DOSE_GET_READY_S +
	    2 * 5 * 22 + DOSE_SWITCH_S);
	assert_int_equal(phases_total(&rx), dose_duration_s(&rx));
}

static void
sets_add_rests_and_switches(void **state)
{
	/* quadruped rotation: 2 sets of 10 reps, hold 3 s, each side */
	struct prescription rx = { .sets = 2, .reps = 10, .hold_s = 3,
	    .per_side = 1 };

	(void)state;
	assert_int_equal(dose_duration_s(&rx), DOSE_GET_READY_S +
	    2 * 2 * 10 * (DOSE_MOVE_S + 3) + 2 * DOSE_SWITCH_S + DOSE_REST_S);
	assert_int_equal(phases_total(&rx), dose_duration_s(&rx));
}

static void
breaths_reps_and_single_holds(void **state)
{
	struct prescription b = { .sets = 1, .breaths = 5, .per_side = 1 };
	struct prescription r = { .sets = 3, .reps = 10, .tempo_s = 6 };
	struct prescription h = { .sets = 1, .hold_s = 60 };
	struct prescription d = { .sets = 1, .reps = 10 };

	(void)state;
	assert_int_equal(dose_duration_s(&b), DOSE_GET_READY_S +
	    2 * 5 * DOSE_BREATH_S + DOSE_SWITCH_S);
	assert_int_equal(dose_duration_s(&r), DOSE_GET_READY_S + 3 * 60 +
	    2 * DOSE_REST_S);
	assert_int_equal(dose_duration_s(&h), DOSE_GET_READY_S + 60);
	assert_int_equal(dose_duration_s(&d), DOSE_GET_READY_S +
	    10 * DOSE_REP_S);
	assert_int_equal(phases_total(&b), dose_duration_s(&b));
	assert_int_equal(phases_total(&r), dose_duration_s(&r));
	assert_int_equal(phases_total(&h), dose_duration_s(&h));
	assert_int_equal(phases_total(&d), dose_duration_s(&d));
}

static void
phases_walk_sides_sets_and_breaths_in_order(void **state)
{
	struct prescription rx = { .sets = 2, .breaths = 2, .per_side = 1 };
	struct phase	ph[64];
	int		n;

	(void)state;
	n = dose_phases(&rx, ph, 64);
	/* ready, 4 L, switch, 4 R, rest, 4 L, switch, 4 R */
	assert_int_equal(n, 1 + 4 + 1 + 4 + 1 + 4 + 1 + 4);
	assert_int_equal(ph[0].kind, PHASE_READY);
	assert_int_equal(ph[1].kind, PHASE_INHALE);
	assert_int_equal(ph[1].side, SIDE_LEFT);
	assert_int_equal(ph[2].kind, PHASE_EXHALE);
	assert_int_equal(ph[5].kind, PHASE_SWITCH);
	assert_int_equal(ph[6].side, SIDE_RIGHT);
	assert_int_equal(ph[10].kind, PHASE_REST);
	assert_int_equal(ph[11].set, 2);
	assert_int_equal(ph[11].rep, 1);
	assert_int_equal(ph[13].rep, 2);
	/* Counting only, with no room to store. */
	assert_int_equal(dose_phases(&rx, NULL, 0), n);
}

static void
growth_stays_within_ranges_and_ends_at_max(void **state)
{
	struct dose d;
	struct prescription rx;
	unsigned step = 0;
	int grew = 0;

	(void)state;
	memset(&d, 0, sizeof d);
	d.sets.min = 2; d.sets.max = 3;
	d.reps.min = 10; d.reps.max = 15;
	d.hold_s.min = 3; d.hold_s.max = 5;
	d.per_side = 1;
	dose_min(&d, &rx);
	assert_true(dose_within(&d, &rx));
	while (dose_grow(&d, &rx, step++)) {
		assert_true(dose_within(&d, &rx));
		grew++;
	}
	assert_int_equal(rx.sets, 3);
	assert_int_equal(rx.reps, 15);
	assert_int_equal(rx.hold_s, 5);
	assert_int_equal(grew, 1 + 5 + 2);
	while (dose_shrink(&d, &rx))
		assert_true(dose_within(&d, &rx));
	assert_int_equal(rx.sets, 2);
	assert_int_equal(rx.reps, 10);
	assert_int_equal(rx.hold_s, 3);
}

static void
dose_in_words(void **state)
{
	struct dose d;
	char buf[128];

	(void)state;
	memset(&d, 0, sizeof d);
	d.hold_s.min = 20; d.hold_s.max = 30;
	d.reps.min = 5; d.reps.max = 10;
	d.per_side = 1;
	dose_describe(&d, buf, sizeof buf);
	assert_string_equal(buf, "hold 20-30 s, 5-10 reps each side");
	d.sets.min = 2; d.sets.max = 3;
	dose_describe(&d, buf, sizeof buf);
	assert_string_equal(buf, "hold 20-30 s, 5-10 reps each side, "
	    "2-3 sets");
	memset(&d, 0, sizeof d);
	d.breaths.min = d.breaths.max = 5;
	dose_describe(&d, buf, sizeof buf);
	assert_string_equal(buf, "5 breaths");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(hold_reps_per_side_arithmetic),
		cmocka_unit_test(sets_add_rests_and_switches),
		cmocka_unit_test(breaths_reps_and_single_holds),
		cmocka_unit_test(phases_walk_sides_sets_and_breaths_in_order),
		cmocka_unit_test(growth_stays_within_ranges_and_ends_at_max),
		cmocka_unit_test(dose_in_words),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
