/*
 * t-plan.c -- the planner's rules, swept over every day of a quarter under
 * several option sets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "catalog-fixture.h"

#include "core/catalog.h"
#include "core/date.h"
#include "core/nextday.h"
#include "core/plan.h"
#include "core/program.h"
#include "core/xmalloc.h"

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


/* Check every rule on one plan. */
static int	can_swap(const struct plan_opts *, const struct plan *);

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
	/*
	 * Within 5% of the budget, or short and saying so: doses never
	 * grow to fill the time (issue 22).
	 */
	if (budget - p->total_s > budget * PLAN_SLACK_PCT / 100)
		assert_true(p->short_s > 0);
	else
		assert_int_equal(p->short_s, 0);
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

/* A plan's items, for a failure's message. */
static void
print_plan(const struct plan *p)
{
	size_t	i;

	for (i = 0; i < p->n; i++)
		print_message("  %s (%s) %d s\n", p->items[i].ex->id,
		    name_of(&catalog_grounds, (int)p->items[i].ex->ground),
		    p->items[i].duration_s);
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
			for (day = first; day < first + 91; day++) {
				o.day = day;
				snprintf(msg, sizeof msg, "set %zu, %d min, "
				    "day %ld", s, o.minutes, day);
				plan_make(cat, &o, &p);
				check_rules(&o, &p);
				/* Same day and options: the same plan. */
				plan_make(cat, &o, &again);
				assert_true(plan_equal(&p, &again));
				plan_release(&again);
				/*
				 * The day before: a different one, unless
				 * everything that fits is in already.
				 */
				if (plan_equal(&p, &prev) && p.short_s == 0 &&
				    can_swap(&o, &p)) {
					print_plan(&p);
					fail_msg("%s: same as the day before",
					    msg);
				}
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

/* The equipment sets issue 12 measured, and every place. */
static const unsigned equip_sets[] = {
	0, EQUIP_CHAIR, DEFAULT_EQUIP, ALL_EQUIP
};
static const enum plan_place places[] = {
	PLAN_DESK, PLAN_FLOOR, PLAN_ANYWHERE
};


/* Whether an exercise that fits could still join p at its least dose. */
static int
can_join(const struct plan_opts *o, const struct plan *p)
{
	struct prescription	rx;
	size_t			i, j;
	int			d, budget = o->minutes * 60;

	for (i = 0; i < cat->n; i++) {
		if (!plan_fits(&cat->ex[i], o))
			continue;
		for (j = 0; j < p->n; j++)
			if (p->items[j].ex == &cat->ex[i] ||
			    catalog_variants(p->items[j].ex, &cat->ex[i]))
				break;
		if (j < p->n)
			continue;
		/* Only what adds no change of position (issue 22). */
		if (cat->ex[i].ground != GROUND_EITHER)
			continue;
		dose_min(&cat->ex[i].dose, &rx);
		d = dose_duration_s(&rx);
		if (p->total_s + d <= budget &&
		    d * 100 <= PLAN_MAX_SHARE_PCT * (p->total_s + d))
			return (1);
	}
	return (0);
}

/*
 * Whether e could join p with floor work still in one block: played by
 * stage, range before strength, floor work may only stand in the ranks
 * from the first that holds any to the last, and the ranks between them
 * hold nothing done up (the first may start up, the last end up).
 */
static int
keeps_one_block(const struct plan *p, const struct exercise *e)
{
	int	first = -1, last = -1, r, up[2 * (STAGE_MAX + 1)] = { 0 };
	size_t	i;

	for (i = 0; i <= p->n; i++) {
		const struct exercise *x = i < p->n ? p->items[i].ex : e;

		r = x->stage * 2 + (x->kind == KIND_STRENGTH);
		if (x->ground == GROUND_UP)
			up[r] = 1;
		if (x->ground == GROUND_FLOOR) {
			first = first < 0 || r < first ? r : first;
			last = r > last ? r : last;
		}
	}
	for (r = first + 1; first >= 0 && r < last; r++)
		if (up[r])
			return (0);
	return (1);
}

/*
 * Whether an exercise that fits is left out, other than for a variant
 * or for keeping floor work in one block.
 */
static int
can_swap(const struct plan_opts *o, const struct plan *p)
{
	size_t	i, j;

	for (i = 0; i < cat->n; i++) {
		if (!plan_fits(&cat->ex[i], o) ||
		    !keeps_one_block(p, &cat->ex[i]))
			continue;
		for (j = 0; j < p->n; j++)
			if (p->items[j].ex == &cat->ex[i] ||
			    catalog_variants(p->items[j].ex, &cat->ex[i]))
				break;
		if (j == p->n)
			return (1);
	}
	return (0);
}

/*
 * Issue 12, point 2, for every budget from 3 to 60 minutes, every place,
 * the four equipment sets and 28 days: rotation first when time is
 * short; from 10 minutes rotation twice and strength; range before
 * strength in a stage; no item over 40% of the session; no two variants;
 * within 5% of the budget or short only when nothing more can go in,
 * with a reason; a different set of exercises from the day before
 * whenever enough fits.
 */
static void
issue_12_rules_hold_for_every_budget_place_and_day(void **state)
{
	struct plan_opts	o;
	struct plan		p, prev;
	size_t			pl, eq, i, j;
	long			day, first = date_from_civil(2026, 3, 2);
	int			m, rot, str, budget, same, changed;
	char			why[160];

	(void)state;
	for (pl = 0; pl < sizeof places / sizeof places[0]; pl++)
	for (eq = 0; eq < sizeof equip_sets / sizeof equip_sets[0]; eq++)
	for (m = PLAN_MINUTES_MIN; m <= PLAN_MINUTES_MAX; m++) {
		memset(&o, 0, sizeof o);
		o.place = places[pl];
		o.equipment = equip_sets[eq];
		o.minutes = m;
		budget = m * 60;
		o.day = first - 1;
		plan_make(cat, &o, &prev);
		changed = 0;
		for (day = first; day < first + 28; day++) {
			o.day = day;
			plan_make(cat, &o, &p);
			rot = str = 0;
			for (i = 0; i < p.n; i++) {
				const struct exercise *e = p.items[i].ex;

				rot += (e->motions & MOTION_ROTATION) != 0;
				str += e->kind == KIND_STRENGTH;
				assert_true(dose_within(&e->dose,
				    &p.items[i].rx));
				if (p.items[i].duration_s * 100 >
				    PLAN_MAX_SHARE_PCT * p.total_s)
					fail_msg("%d min %zu/%zu day %ld: %s "
					    "%d of %d s", m, pl, eq, day,
					    e->id, p.items[i].duration_s,
					    p.total_s);
				for (j = 0; j < i; j++)
					assert_false(catalog_variants(
					    p.items[j].ex, e));
				if (i > 0 && p.items[i - 1].ex->stage ==
				    e->stage)
					assert_false(p.items[i - 1].ex->kind ==
					    KIND_STRENGTH &&
					    e->kind != KIND_STRENGTH);
			}
			if (rot < 1 || (m >= PLAN_STRENGTH_MINUTES &&
			    (rot < 2 || str < 1)))
				fail_msg("%d min %zu/%zu day %ld: %d rotation, "
				    "%d strength", m, pl, eq, day, rot, str);
			if (budget - p.total_s > budget * PLAN_SLACK_PCT / 100) {
				plan_short_reason(&p, &o, why, sizeof why);
				assert_true(strlen(why) > 0);
				/*
				 * Doses do not grow to fill the time; short
				 * plans under ten minutes hold all that fits.
				 */
				if (m < PLAN_BALANCE_MINUTES && can_join(&o, &p))
					fail_msg("%d min %zu/%zu day %ld: %d "
					    "s, room for more", m, pl, eq,
					    day, p.total_s);
			}
			/* Another set of exercises than the day before. */
			same = p.n == prev.n;
			for (i = 0; i < p.n && same; i++) {
				for (j = 0; j < prev.n; j++)
					if (prev.items[j].ex == p.items[i].ex)
						break;
				same = j < prev.n;
			}
			/* A repeat counts when something else could go in. */
			changed += !same || !can_swap(&o, &p);
			plan_release(&prev);
			prev = p;
		}
		plan_release(&prev);
		/* Real variety: most days change when there is a choice. */
		if (changed < 21)
			fail_msg("%d min %zu/%zu: exercises changed on %d of 28 "
			    "days", m, pl, eq, changed);
	}
}

/* `--one`: at most 3 minutes, at the catalog's least dose, every day. */
static void
one_is_short_and_at_its_least_dose(void **state)
{
	static const char *const ranked[] = { "open-book", "cat-cow-child",
	    "seated-twist" };
	struct plan_opts	o;
	struct plan		p;
	struct prescription	rx;
	size_t			pl, eq;
	long			day;

	(void)state;
	for (pl = 0; pl < sizeof places / sizeof places[0]; pl++)
	for (eq = 0; eq < sizeof equip_sets / sizeof equip_sets[0]; eq++)
	for (day = 20000; day < 20028; day++) {
		memset(&o, 0, sizeof o);
		o.place = places[pl];
		o.equipment = equip_sets[eq];
		o.day = day;
		plan_one(cat, &o, ranked, day % 2 ? 3 : 0, &p);
		assert_int_equal(p.n, 1);
		assert_true(p.total_s <= PLAN_ONE_MAX_S);
		assert_true(plan_fits(p.items[0].ex, &o));
		dose_min(&p.items[0].ex->dose, &rx);
		assert_memory_equal(&rx, &p.items[0].rx, sizeof rx);
		if (day % 2 == 0)
			assert_true(p.items[0].ex->motions & MOTION_ROTATION);
		plan_release(&p);
	}
}

/*
 * The screen's answers: osteoporosis keeps out loaded twists and deep
 * rounding, shoulder instability the doorway and cow's head, not
 * kneeling the kneeling drills; the easier option offered is one that
 * fits too, or none.
 */
static void
limits_keep_exercises_and_easier_options_out(void **state)
{
	const struct exercise	*r;
	struct plan_opts	 o;
	struct plan		 p;
	size_t			 i, l;
	long			 day;

	(void)state;
	for (l = 0; l < LIMIT_COUNT; l++)
	for (day = 20000; day < 20028; day++) {
		memset(&o, 0, sizeof o);
		o.equipment = ALL_EQUIP;
		o.limits = 1U << l;
		o.minutes = 30;
		o.day = day;
		plan_make(cat, &o, &p);
		for (i = 0; i < p.n; i++)
			assert_int_equal(p.items[i].ex->not_for & o.limits, 0);
		plan_release(&p);
	}
	memset(&o, 0, sizeof o);
	o.limits = LIMIT_KNEELING;
	o.place = PLAN_FLOOR;
	r = plan_easier(cat, catalog_find(cat, "cat-cow-child"), &o);
	/* The cat-cow flow kneels: the seated cat-cow is offered instead. */
	assert_non_null(r);
	assert_string_equal(r->id, "seated-cat-cow");
	o.place = PLAN_DESK;
	o.equipment = 0;
	r = plan_easier(cat, catalog_find(cat, "chair-back-reach"), &o);
	assert_non_null(r);
	assert_string_equal(r->id, "arms-crossed-turn");
	for (i = 0; i < cat->n; i++) {
		r = plan_easier(cat, &cat->ex[i], &o);
		if (r != NULL)
			assert_true(plan_fits(r, &o));
	}
}

/*
 * Issue 22's rules for one plan made under o (o->hint set, o->excluded
 * holding the variants still locked): no locked variant, no dose above
 * the program's level, from ten minutes the phase's own work, rotation
 * and stretches at their shares and all four stages, no item over three
 * minutes up to fifteen unless at its least dose, floor work in one
 * block with its changes of position timed, strength for rotation or
 * side-bending at a desk with nothing at hand, nothing a screen answer
 * leaves out.
 */
static void
check_issue_22(const struct plan_opts *o, const struct plan *p,
    const char *const *locked, size_t nlocked, const char *what)
{
	struct prescription	 least, level;
	size_t			 i, k;
	int			 phase = o->hint->phase, stages = 0, inphase = 0;
	int			 rot = 0, str = 0, where, last = -1, changes = 0;
	int			 strength_here = 0, blocks = 0;

	for (i = 0; i < p->n; i++) {
		const struct plan_item *it = &p->items[i];

		for (k = 0; k < nlocked; k++)
			assert_string_not_equal(it->ex->id, locked[k]);
		assert_int_equal(it->ex->not_for & o->limits, 0);
		plan_least(it->ex, o, &level);
		if (it->rx.sets > level.sets || it->rx.reps > level.reps ||
		    it->rx.hold_s > level.hold_s ||
		    it->rx.breaths > level.breaths)
			fail_msg("%s: %s above its level", what, it->ex->id);
		dose_min(&it->ex->dose, &least);
		if (o->minutes <= PLAN_ITEM_MAX_MINUTES &&
		    it->duration_s > PLAN_ITEM_MAX_S &&
		    (it->rx.sets != least.sets || it->rx.reps != least.reps ||
		    it->rx.hold_s != least.hold_s ||
		    it->rx.breaths != least.breaths))
			fail_msg("%s: %s %d s above its least dose", what,
			    it->ex->id, it->duration_s);
		stages |= 1 << it->ex->stage;
		if (plan_phase_work(phase, it->ex))
			inphase += it->duration_s;
		if (it->ex->motions & MOTION_ROTATION)
			rot += it->duration_s;
		if (it->ex->kind == KIND_STRETCH)
			str += it->duration_s;
		strength_here |= it->ex->kind == KIND_STRENGTH &&
		    (it->ex->motions & (MOTION_ROTATION | MOTION_SIDE_BEND));
		/*
		 * A change of position (the body's level, from the catalog's
		 * ground) is timed where it happens, on the first exercise in
		 * the new position; either way changes nothing.
		 */
		where = it->ex->ground == GROUND_UP ? 0 :
		    it->ex->ground == GROUND_FLOOR ? 1 : -1;
		if (where == 1 && last != 1)
			blocks++;
		if (where >= 0 && last >= 0 && where != last) {
			if (it->rx.change != (where == 1 ? CHANGE_DOWN :
			    CHANGE_UP))
				fail_msg("%s: %s: change %d not marked", what,
				    it->ex->id, where);
			changes++;
		} else if (it->rx.change != CHANGE_NONE)
			fail_msg("%s: %s: a change marked where there is "
			    "none", what, it->ex->id);
		if (where >= 0)
			last = where;
	}
	if (blocks > 1 || plan_floor_blocks(p) != blocks || changes > 2) {
		for (i = 0; i < p->n; i++)
			print_message("  %s %d\n", p->items[i].ex->id,
			    (int)p->items[i].ex->ground);
		fail_msg("%s: %d floor blocks, %d changes of position", what,
		    blocks, changes);
	}
	if (o->minutes < PLAN_BALANCE_MINUTES || p->total_s == 0)
		return;
	if (inphase * 100 < plan_phase_shares[phase - 1].pct * p->total_s ||
	    rot * 100 < PLAN_ROTATION_PCT * p->total_s ||
	    str * 100 > PLAN_STRETCH_PCT * p->total_s) {
		for (i = 0; i < p->n; i++)
			print_message("  %s %d\n", p->items[i].ex->id,
			    p->items[i].duration_s);
		fail_msg("%s: phase %d rotation %d stretch %d of %d s", what,
		    inphase, rot, str, p->total_s);
	}
	if (stages != 0xf) {
		for (i = 0; i < p->n; i++)
			print_message("  %s %d\n", p->items[i].ex->id,
			    p->items[i].duration_s);
		fail_msg("%s: stages %x", what, stages);
	}
	if (o->place == PLAN_DESK && o->equipment == 0 && !strength_here)
		fail_msg("%s: no rotation or side-bend strength", what);
}

static const unsigned limit_sets[] = { 0, LIMIT_OSTEOPOROSIS,
    LIMIT_SHOULDER, LIMIT_KNEELING, LIMIT_PREGNANCY };

/* Every budget, place, equipment and screen answer under st on day. */
static void
sweep_issue_22(const struct program_state *st, long day, int days)
{
	const char		**locked, **replaced, **out;
	struct plan_hint	 h;
	struct plan_opts	 o;
	struct plan		 p;
	size_t			 nlocked, nreplaced, s, m, l;
	long			 d;
	char			 what[160];

	program_hint(st, &h);
	nlocked = program_locked(st, cat, &locked);
	for (l = 0; l < sizeof limit_sets / sizeof limit_sets[0]; l++)
	for (s = 0; s < sizeof option_sets / sizeof option_sets[0]; s++)
	for (m = 0; m < sizeof minutes / sizeof minutes[0]; m++)
	for (d = day; d < day + (l == 0 ? days : 1); d++) {
		memset(&o, 0, sizeof o);
		o.place = option_sets[s].place;
		o.equipment = option_sets[s].equipment;
		o.limits = limit_sets[l];
		o.minutes = minutes[m];
		o.day = d;
		o.hint = &h;
		/* What the coach leaves out: replaced bases, then locked. */
		nreplaced = program_replaced(st, cat, &o, &replaced);
		out = xcalloc(nreplaced + nlocked + 1, sizeof *out);
		memcpy(out, replaced, nreplaced * sizeof *out);
		memcpy(out + nreplaced, locked, nlocked * sizeof *out);
		o.excluded = out;
		o.nexcluded = nreplaced + nlocked;
		plan_make(cat, &o, &p);
		snprintf(what, sizeof what, "phase %d limits %u set %zu %d min "
		    "day %ld", h.phase, o.limits, s, o.minutes, d);
		check_issue_22(&o, &p, locked, nlocked, what);
		plan_release(&p);
		free(out);
		free(replaced);
	}
	free(locked);
	program_hint_release(&h);
}

/* A fresh program: the breathing phase, every exercise at its least. */
static void
issue_22_rules_hold_on_a_fresh_program(void **state)
{
	struct program_input	in;
	struct program_state	st;
	long			first = date_from_civil(2026, 3, 2);

	(void)state;
	memset(&in, 0, sizeof in);
	in.start_day = first;
	program_run(cat, &in, first, &st);
	sweep_issue_22(&st, first, 14);
	program_release(&st);
}

/*
 * Every phase with every exercise at one level, from the least dose to
 * the full one (and past it, the harder variants open): the long doses
 * of the upper levels are where a phase's share is hardest to keep.
 */
static void
issue_22_rules_hold_at_every_level_in_every_phase(void **state)
{
	struct program_input	in;
	struct program_state	st;
	long			first = date_from_civil(2026, 3, 2);
	size_t			i;
	int			phase, level;

	(void)state;
	memset(&in, 0, sizeof in);
	in.start_day = first;
	for (phase = 0; phase < PROGRAM_NPHASES; phase++)
		for (level = 0; level <= PROGRAM_LEVELS; level += 2) {
			program_run(cat, &in, first, &st);
			st.phase = (enum program_phase)phase;
			for (i = 0; i < st.nlevels; i++) {
				st.levels[i].level = level;
				st.levels[i].unlocked = level == PROGRAM_LEVELS;
			}
			sweep_issue_22(&st, first + 7 * phase + level, 3);
			program_release(&st);
		}
}

/*
 * A plan held short by the balance says which share holds it: at a desk
 * with nothing at hand, a fresh program's breathing drills are all in at
 * their least dose, and the rest keeps to five times their time.
 */
static void
short_plans_name_the_share_that_holds_them(void **state)
{
	struct program_input	in;
	struct program_state	st;
	struct plan_hint	h;
	struct plan_opts	o;
	struct plan		p;
	long			first = date_from_civil(2026, 3, 2);
	char			why[256];

	(void)state;
	memset(&in, 0, sizeof in);
	in.start_day = first;
	program_run(cat, &in, first, &st);
	program_hint(&st, &h);
	memset(&o, 0, sizeof o);
	o.place = PLAN_DESK;
	o.minutes = 30;
	o.day = first + 3;
	o.hint = &h;
	plan_make(cat, &o, &p);
	assert_true(p.short_s > 0);
	assert_int_equal(p.bound, 1);
	plan_short_reason(&p, &o, why, sizeof why);
	assert_non_null(strstr(why, "keeping 20% of the time for breathing "
	    "drills"));
	plan_release(&p);
	program_hint_release(&h);
	program_release(&st);
}

/*
 * The day after a worse next day (issue 23): the usual plan made
 * lighter holds only the usual plan's exercises, each at most at its
 * usual dose and at the level below's (the least from levels 0 and 1),
 * and takes at most PLAN_LIGHTER_PCT of the usual time (or is down to
 * one exercise), saying why it is short; in every phase, at every
 * level, for every budget, place and equipment.
 */
static void
worse_next_day_makes_the_plan_lighter(void **state)
{
	struct program_input	in;
	struct program_state	st;
	struct plan_hint	h, lower;
	struct plan_opts	o, lo;
	struct plan		usual, light;
	struct prescription	rx;
	const char		**locked;
	long			first = date_from_civil(2026, 3, 2);
	size_t			i, j, s, m, nlocked;
	int			phase, level, d, fewer = 0, plans = 0;
	char			why[256];

	(void)state;
	memset(&in, 0, sizeof in);
	in.start_day = first;
	for (phase = 0; phase < PROGRAM_NPHASES; phase++)
	for (level = 0; level <= PROGRAM_LEVELS; level += 2) {
		program_run(cat, &in, first, &st);
		st.phase = (enum program_phase)phase;
		for (i = 0; i < st.nlevels; i++)
			st.levels[i].level = level;
		program_hint(&st, &h);
		program_hint(&st, &lower);
		nextday_step_down(&st, &lower);
		nlocked = program_locked(&st, cat, &locked);
		for (s = 0; s < sizeof option_sets / sizeof option_sets[0]; s++)
		for (m = 0; m < sizeof minutes / sizeof minutes[0]; m++)
		for (d = 0; d < 2; d++) {
			memset(&o, 0, sizeof o);
			o.place = option_sets[s].place;
			o.equipment = option_sets[s].equipment;
			o.minutes = minutes[m];
			o.day = first + d;
			o.hint = &h;
			o.excluded = locked;
			o.nexcluded = nlocked;
			lo = o;
			lo.hint = &lower;
			plan_make(cat, &o, &usual);
			plan_make(cat, &o, &light);
			plan_lighter(&lo, &light);
			assert_true(light.lighter);
			assert_true(light.n >= 1 && light.n <= usual.n);
			fewer += light.n < usual.n;
			plans++;
			if (light.n > 1 && 100 * light.total_s >
			    PLAN_LIGHTER_PCT * usual.total_s)
				fail_msg("phase %d level %d set %zu %d min: %d "
				    "of %d s", phase, level, s, o.minutes,
				    light.total_s, usual.total_s);
			assert_true(light.total_s < usual.total_s ||
			    usual.n == 1);
			for (i = 0; i < light.n; i++) {
				const struct plan_item *it = &light.items[i];

				for (j = 0; j < usual.n &&
				    usual.items[j].ex != it->ex; j++)
					;
				assert_true(j < usual.n);
				assert_true(dose_within(&it->ex->dose, &it->rx));
				/* No more than the usual dose ... */
				assert_true(it->rx.sets <= usual.items[j].rx.sets &&
				    it->rx.reps <= usual.items[j].rx.reps &&
				    it->rx.hold_s <= usual.items[j].rx.hold_s &&
				    it->rx.breaths <= usual.items[j].rx.breaths);
				/* ... nor than the level below's. */
				plan_least(it->ex, &lo, &rx);
				assert_true(it->rx.sets <= rx.sets &&
				    it->rx.reps <= rx.reps &&
				    it->rx.hold_s <= rx.hold_s &&
				    it->rx.breaths <= rx.breaths);
			}
			assert_int_equal(light.short_s, o.minutes * 60 -
			    light.total_s);
			plan_short_reason(&light, &o, why, sizeof why);
			assert_true(strstr(why, "worse") != NULL);
			plan_release(&usual);
			plan_release(&light);
		}
		free(locked);
		program_hint_release(&h);
		program_hint_release(&lower);
		program_release(&st);
	}
	/* Mostly with fewer exercises, too. */
	assert_true(fewer * 2 > plans);
}

/*
 * Twelve weeks of a 12-minute plan a day, answers mostly fine (now and
 * then a stretch or mild discomfort), through every phase, the sweep
 * every third day with the levels and variants reached.
 */
#define SIM_DAYS	84
#define SIM_ITEMS	40

static void
issue_22_rules_hold_over_twelve_weeks(void **state)
{
	static struct program_session	sessions[SIM_DAYS];
	static struct program_item	items[SIM_DAYS][SIM_ITEMS];
	static const enum session_feel	feels[] = { FEEL_FINE, FEEL_FINE,
	    FEEL_STRETCH, FEEL_FINE, FEEL_FINE, FEEL_FINE, FEEL_DISCOMFORT };
	const char			**locked, **replaced, **out;
	struct program_input		 in;
	struct program_state		 st;
	struct plan_hint		 h;
	struct plan_opts		 o;
	struct plan			 p;
	size_t				 i, nlocked, nreplaced;
	long				 first = date_from_civil(2026, 3, 2);
	int				 d, phases = 0;

	(void)state;
	memset(&in, 0, sizeof in);
	in.start_day = first;
	in.sessions = sessions;
	for (d = 0; d < SIM_DAYS; d++) {
		program_run(cat, &in, first + d, &st);
		phases |= 1 << st.phase;
		if (d % 7 == 1)
			sweep_issue_22(&st, first + d, 1);
		/* Today's session, as the coach would plan it. */
		program_hint(&st, &h);
		nlocked = program_locked(&st, cat, &locked);
		memset(&o, 0, sizeof o);
		o.minutes = 12;
		o.equipment = ALL_EQUIP;
		o.day = first + d;
		o.hint = &h;
		nreplaced = program_replaced(&st, cat, &o, &replaced);
		out = xcalloc(nreplaced + nlocked + 1, sizeof *out);
		memcpy(out, replaced, nreplaced * sizeof *out);
		memcpy(out + nreplaced, locked, nlocked * sizeof *out);
		o.excluded = out;
		o.nexcluded = nreplaced + nlocked;
		plan_make(cat, &o, &p);
		for (i = 0; i < p.n && i < SIM_ITEMS; i++) {
			items[d][i].exercise = p.items[i].ex->id;
			items[d][i].feel = feels[(d + (int)i) %
			    (int)(sizeof feels / sizeof feels[0])];
		}
		sessions[d].day = first + d;
		sessions[d].active = 1;
		sessions[d].items = items[d];
		sessions[d].nitems = i;
		in.nsessions = (size_t)d + 1;
		plan_release(&p);
		free(out);
		free(replaced);
		free(locked);
		program_hint_release(&h);
		program_release(&st);
	}
	/* The twelve weeks went through every phase. */
	assert_int_equal(phases, (1 << PROGRAM_NPHASES) - 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rules_hold_every_day_of_a_year),
		cmocka_unit_test(issue_22_rules_hold_on_a_fresh_program),
		cmocka_unit_test(issue_22_rules_hold_over_twelve_weeks),
		cmocka_unit_test(issue_22_rules_hold_at_every_level_in_every_phase),
		cmocka_unit_test(worse_next_day_makes_the_plan_lighter),
		cmocka_unit_test(short_plans_name_the_share_that_holds_them),
		cmocka_unit_test(issue_12_rules_hold_for_every_budget_place_and_day),
		cmocka_unit_test(one_is_short_and_at_its_least_dose),
		cmocka_unit_test(limits_keep_exercises_and_easier_options_out),
		cmocka_unit_test(nothing_needs_equipment_not_at_hand),
		cmocka_unit_test(desk_plans_nothing_on_the_floor),
		cmocka_unit_test(excluded_exercises_are_never_planned),
		cmocka_unit_test(empty_when_nothing_fits),
	};

	return (cmocka_run_group_tests(tests, catalog_setup,
	    catalog_teardown));
}
