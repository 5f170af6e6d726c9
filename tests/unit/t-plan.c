/*
 * t-plan.c -- the planner's rules, swept over every day of a year under
 * several option sets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/catalog.h"
#include "core/date.h"
#include "core/plan.h"

extern const char	midback_exercises_yaml[];
extern const size_t	midback_exercises_yaml_len;

static struct catalog *cat;

static int
setup(void **state)
{
	struct diag	d = DIAG_INIT;

	(void)state;
	cat = catalog_parse("data/exercises.yaml", midback_exercises_yaml,
	    midback_exercises_yaml_len, NULL, &d);
	diag_release(&d);
	return (cat == NULL ? -1 : 0);
}

static int
teardown(void **state)
{
	(void)state;
	catalog_free(cat);
	return (0);
}

#define DEFAULT_EQUIP	(EQUIP_CHAIR | EQUIP_WALL | EQUIP_DOORWAY)
#define ALL_EQUIP	(DEFAULT_EQUIP | EQUIP_BAND | EQUIP_DUMBBELL)

static const struct {
	enum plan_place	place;
	unsigned	equipment;
} option_sets[] = {
	{ PLAN_ANYWHERE, DEFAULT_EQUIP },
	{ PLAN_ANYWHERE, ALL_EQUIP },
	{ PLAN_ANYWHERE, 0 },
	{ PLAN_DESK, DEFAULT_EQUIP },
	{ PLAN_DESK, 0 },
	{ PLAN_DESK, ALL_EQUIP },
	{ PLAN_FLOOR, 0 },
	{ PLAN_FLOOR, DEFAULT_EQUIP },
};
static const int minutes[] = { 3, 5, 8, 10, 12, 15, 20, 30, 60 };

/* Whether anything that fits could meet need, ignoring time. */
static int
any_fits(const struct plan_opts *o, int (*pred)(const struct exercise *))
{
	size_t	i;

	for (i = 0; i < cat->n; i++)
		if (plan_fits(&cat->ex[i], o) && pred(&cat->ex[i]))
			return (1);
	return (0);
}

/* How many exercises that fit have every bit of motion. */
static int
count_fitting(const struct plan_opts *o, unsigned motion)
{
	size_t	i;
	int	n = 0;

	for (i = 0; i < cat->n; i++)
		if (plan_fits(&cat->ex[i], o) &&
		    (cat->ex[i].motions & motion) == motion)
			n++;
	return (n);
}

static int
is_strength(const struct exercise *e)
{
	return (e->kind == KIND_STRENGTH);
}

/* The most time everything that fits could take at its largest doses. */
static int
max_possible_s(const struct plan_opts *o)
{
	struct prescription	rx;
	size_t			i;
	unsigned		step;
	int			total = 0;

	for (i = 0; i < cat->n; i++) {
		if (!plan_fits(&cat->ex[i], o))
			continue;
		dose_min(&cat->ex[i].dose, &rx);
		step = 0;
		while (dose_grow(&cat->ex[i].dose, &rx, step++))
			;
		total += dose_duration_s(&rx);
	}
	return (total);
}

/* Check every rule on one plan. */
static void
check_rules(const struct plan_opts *o, const struct plan *p)
{
	const struct plan_item	*it;
	unsigned		 motions = 0;
	size_t			 i, j;
	int			 total = 0, rotations = 0, strength = 0;
	int			 budget = o->minutes * 60;

	for (i = 0; i < p->n; i++) {
		it = &p->items[i];
		assert_true(plan_fits(it->ex, o));
		assert_true(dose_within(&it->ex->dose, &it->rx));
		assert_int_equal(it->duration_s, dose_duration_s(&it->rx));
		if (i > 0)
			assert_true(p->items[i - 1].ex->stage <= it->ex->stage);
		for (j = 0; j < i; j++)
			assert_ptr_not_equal(p->items[j].ex, it->ex);
		total += it->duration_s;
		motions |= it->ex->motions;
		rotations += (it->ex->motions & MOTION_ROTATION) != 0;
		strength += it->ex->kind == KIND_STRENGTH;
	}
	assert_int_equal(total, p->total_s);
	assert_true(p->total_s <= budget);
	/* Within a minute of the budget whenever the catalog can fill it. */
	if (max_possible_s(o) >= budget && budget - p->total_s > PLAN_SLACK_S)
		fail_msg("%d min, place %d, equipment %u, day %ld: total %d s",
		    o->minutes, o->place, o->equipment, o->day, p->total_s);
	/*
	 * From ten minutes up: the breathing, all four motions, rotation
	 * twice and a strength exercise, as far as what fits allows.
	 */
	if (o->minutes >= PLAN_STRENGTH_MINUTES) {
		assert_int_equal(p->items[0].ex->kind, KIND_BREATHING);
		for (j = 0; j < MOTION_COUNT; j++)
			if (count_fitting(o, 1U << j) > 0)
				assert_true(motions & (1U << j));
		assert_true(rotations >= (count_fitting(o, MOTION_ROTATION) >= 2 ?
		    2 : count_fitting(o, MOTION_ROTATION)));
		if (any_fits(o, is_strength) && strength == 0)
			fail_msg("%d min, place %d, equipment %u, day %ld: no "
			    "strength", o->minutes, o->place, o->equipment,
			    o->day);
	} else
		assert_int_equal(strength >= 0, 1);
}

static void
rules_hold_every_day_of_a_year(void **state)
{
	struct plan_opts	o;
	struct plan		p, again, prev;
	size_t			s, m;
	long			day, first = date_from_civil(2026, 1, 1);
	char			msg[128];

	(void)state;
	for (s = 0; s < sizeof option_sets / sizeof option_sets[0]; s++) {
		for (m = 0; m < sizeof minutes / sizeof minutes[0]; m++) {
			memset(&o, 0, sizeof o);
			o.place = option_sets[s].place;
			o.equipment = option_sets[s].equipment;
			o.minutes = minutes[m];
			o.day = first - 1;
			plan_make(cat, &o, &prev);
			for (day = first; day < first + 366; day++) {
				o.day = day;
				snprintf(msg, sizeof msg, "set %zu, %d min, "
				    "day %ld", s, o.minutes, day);
				plan_make(cat, &o, &p);
				check_rules(&o, &p);
				/* Same day and options: the same plan. */
				plan_make(cat, &o, &again);
				assert_true(plan_equal(&p, &again));
				plan_release(&again);
				/* The day before: a different one. */
				if (plan_equal(&p, &prev))
					fail_msg("%s: same as the day before",
					    msg);
				plan_release(&prev);
				prev = p;
			}
			plan_release(&prev);
		}
	}
}

static void
nothing_needs_equipment_not_at_hand(void **state)
{
	struct plan_opts	o;
	struct plan		p;
	size_t			i;

	(void)state;
	memset(&o, 0, sizeof o);
	o.minutes = 60;
	o.place = PLAN_ANYWHERE;
	o.equipment = EQUIP_BAND;
	o.day = 20000;
	plan_make(cat, &o, &p);
	assert_true(p.n > 0);
	for (i = 0; i < p.n; i++)
		assert_int_equal(p.items[i].ex->equipment & ~EQUIP_BAND, 0);
	plan_release(&p);
}

static void
desk_plans_nothing_on_the_floor(void **state)
{
	struct plan_opts	o;
	struct plan		p;
	size_t			i;
	long			day;

	(void)state;
	memset(&o, 0, sizeof o);
	o.minutes = 15;
	o.place = PLAN_DESK;
	o.equipment = ALL_EQUIP;
	for (day = 20000; day < 20030; day++) {
		o.day = day;
		plan_make(cat, &o, &p);
		for (i = 0; i < p.n; i++)
			assert_true(p.items[i].ex->places & PLACE_DESK);
		plan_release(&p);
	}
}

static void
excluded_exercises_are_never_planned(void **state)
{
	static const char *const out[] = { "open-book", "seated-twist",
	    "thread-the-needle" };
	struct plan_opts	o;
	struct plan		p;
	size_t			i, k;
	long			day;

	(void)state;
	memset(&o, 0, sizeof o);
	o.minutes = 20;
	o.equipment = DEFAULT_EQUIP;
	o.excluded = out;
	o.nexcluded = 3;
	for (day = 20000; day < 20100; day++) {
		o.day = day;
		plan_make(cat, &o, &p);
		for (i = 0; i < p.n; i++)
			for (k = 0; k < 3; k++)
				assert_string_not_equal(p.items[i].ex->id,
				    out[k]);
		plan_release(&p);
	}
}

static void
empty_when_nothing_fits(void **state)
{
	static const char *const all[] = { "x" };
	struct catalog		 empty = { NULL, 0 };
	struct plan_opts	 o;
	struct plan		 p;

	(void)state;
	memset(&o, 0, sizeof o);
	o.minutes = 12;
	o.excluded = all;
	o.nexcluded = 1;
	plan_make(&empty, &o, &p);
	assert_int_equal(p.n, 0);
	assert_int_equal(p.total_s, 0);
	plan_release(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rules_hold_every_day_of_a_year),
		cmocka_unit_test(nothing_needs_equipment_not_at_hand),
		cmocka_unit_test(desk_plans_nothing_on_the_floor),
		cmocka_unit_test(excluded_exercises_are_never_planned),
		cmocka_unit_test(empty_when_nothing_fits),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
