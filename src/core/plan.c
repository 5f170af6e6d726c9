/*
 * plan.c -- choose and dose the day's routine.
 *
 * The rules, from DOMAIN.md: breathing first, then extension, then the
 * ribcage and shoulder blades, then rotation and side-bending strength;
 * all four motions when the budget allows, rotation at least twice; a
 * strength exercise from ten minutes up; nothing needing equipment that is
 * not at hand; the total within a minute of the budget when it allows.
 *
 * Choice is random but seeded by the day and options, so a day's routine
 * never changes and the next day's differs.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "xmalloc.h"

/* splitmix64: small, well mixed, and the same on every platform. */
static uint64_t
rng_next(uint64_t *state)
{
	uint64_t	z;

	z = (*state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (z ^ (z >> 31));
}

int
plan_fits(const struct exercise *e, const struct plan_opts *o)
{
	size_t	i;

	if (o->place == PLAN_DESK && !(e->places & PLACE_DESK))
		return (0);
	if (o->place == PLAN_FLOOR && !(e->places & PLACE_FLOOR))
		return (0);
	if ((e->equipment & ~o->equipment) != 0)
		return (0);
	for (i = 0; i < o->nexcluded; i++)
		if (strcmp(o->excluded[i], e->id) == 0)
			return (0);
	return (1);
}

/* What a routine must hold, in the order the planner meets the needs. */
enum need {
	NEED_BREATHING,
	NEED_EXTENSION,
	NEED_FLEXION,
	NEED_SIDE_BEND,
	NEED_ROTATION,
	NEED_ROTATION_2,
	NEED_STRENGTH,
	NEED_COUNT
};

static int
satisfies(const struct exercise *e, enum need n)
{
	switch (n) {
	case NEED_BREATHING:
		return (e->kind == KIND_BREATHING);
	case NEED_EXTENSION:
		return ((e->motions & MOTION_EXTENSION) != 0);
	case NEED_FLEXION:
		return ((e->motions & MOTION_FLEXION) != 0);
	case NEED_SIDE_BEND:
		return ((e->motions & MOTION_SIDE_BEND) != 0);
	case NEED_ROTATION:
	case NEED_ROTATION_2:
		return ((e->motions & MOTION_ROTATION) != 0);
	case NEED_STRENGTH:
		return (e->kind == KIND_STRENGTH);
	default:
		return (0);
	}
}

/* Whether the chosen items already meet need n. */
static int
met(const struct plan *p, enum need n)
{
	size_t	i;
	int	count = 0;

	for (i = 0; i < p->n; i++)
		if (satisfies(p->items[i].ex, n))
			count++;
	return (count >= (n == NEED_ROTATION_2 ? 2 : 1));
}

struct cand {
	const struct exercise	*ex;
	int			 min_s;		/* duration at the least dose */
	int			 chosen;
};

static void
add_item(struct plan *p, struct cand *c)
{
	struct plan_item	*it;

	p->items = xreallocarray(p->items, p->n + 1, sizeof *p->items);
	it = &p->items[p->n++];
	it->ex = c->ex;
	dose_min(&c->ex->dose, &it->rx);
	it->duration_s = dose_duration_s(&it->rx);
	p->total_s += it->duration_s;
	c->chosen = 1;
}

/* The cheapest candidate that would meet need n, in seconds; 0 if none. */
static int
cheapest(struct cand *cs, size_t n, enum need need)
{
	size_t	i;
	int	best = 0;

	for (i = 0; i < n; i++)
		if (!cs[i].chosen && satisfies(cs[i].ex, need) &&
		    (best == 0 || cs[i].min_s < best))
			best = cs[i].min_s;
	return (best);
}

/*
 * Grow the doses round-robin, a step at a time, while the total stays
 * within the budget. start and step vary by day so the growth is spread
 * differently from one day to the next.
 */
static void
grow(struct plan *p, int budget, unsigned start, unsigned step)
{
	struct prescription	 rx;
	size_t			 k;
	unsigned		 s;
	int			 grew, d;

	if (p->n == 0)
		return;
	do {
		grew = 0;
		for (k = 0; k < p->n; k++) {
			struct plan_item *it = &p->items[(start + k) % p->n];

			for (s = 0; s < 3; s++) {
				rx = it->rx;
				if (!dose_grow(&it->ex->dose, &rx, step + s))
					break;
				d = dose_duration_s(&rx);
				if (p->total_s - it->duration_s + d > budget)
					continue;
				p->total_s += d - it->duration_s;
				it->rx = rx;
				it->duration_s = d;
				grew = 1;
				break;
			}
		}
		step++;
	} while (grew);
}

/* Stable sort by stage: insertion sort keeps the choice order in a stage. */
static void
sort_by_stage(struct plan *p)
{
	struct plan_item	tmp;
	size_t			i, j;

	for (i = 1; i < p->n; i++) {
		tmp = p->items[i];
		for (j = i; j > 0 && p->items[j - 1].ex->stage > tmp.ex->stage;
		    j--)
			p->items[j] = p->items[j - 1];
		p->items[j] = tmp;
	}
}

static uint64_t
seed_of(const struct plan_opts *o, long day)
{
	uint64_t	s;

	s = (uint64_t)day * 0x2545f4914f6cdd1dULL;
	s ^= (uint64_t)o->minutes << 40 ^ (uint64_t)o->place << 32 ^
	    (uint64_t)o->equipment << 16;
	(void)rng_next(&s);
	return (s);
}

/* The plan for one day, with no regard to the day before. */
static void
plan_day(const struct catalog *c, const struct plan_opts *o, long day,
    struct plan *p)
{
	struct cand	*cs, tmp;
	uint64_t	 rng = seed_of(o, day);
	size_t		 n = 0, i, j;
	int		 budget = o->minutes * 60, reserve, need, k;
	unsigned	 start, step;

	memset(p, 0, sizeof *p);
	cs = xcalloc(c->n, sizeof *cs);
	for (i = 0; i < c->n; i++) {
		if (!plan_fits(&c->ex[i], o))
			continue;
		cs[n].ex = &c->ex[i];
		{
			struct prescription rx;

			dose_min(&c->ex[i].dose, &rx);
			cs[n].min_s = dose_duration_s(&rx);
		}
		n++;
	}
	/* Fisher-Yates shuffle: the day's order of preference. */
	for (i = n; i > 1; i--) {
		j = (size_t)(rng_next(&rng) % i);
		tmp = cs[i - 1];
		cs[i - 1] = cs[j];
		cs[j] = tmp;
	}

	for (need = 0; need < NEED_COUNT; need++) {
		if (need == NEED_STRENGTH && o->minutes < PLAN_STRENGTH_MINUTES)
			continue;
		if (met(p, (enum need)need))
			continue;
		/* Keep room for the cheapest way to meet each later need. */
		reserve = 0;
		for (k = need + 1; k < NEED_COUNT; k++) {
			if (k == NEED_STRENGTH &&
			    o->minutes < PLAN_STRENGTH_MINUTES)
				continue;
			if (!met(p, (enum need)k))
				reserve += cheapest(cs, n, (enum need)k);
		}
		for (i = 0; i < n; i++)
			if (!cs[i].chosen && satisfies(cs[i].ex, need) &&
			    p->total_s + cs[i].min_s + reserve <= budget)
				break;
		if (i == n) {
			/* Without the reserve, if that is what it takes. */
			for (i = 0; i < n; i++)
				if (!cs[i].chosen &&
				    satisfies(cs[i].ex, need) &&
				    p->total_s + cs[i].min_s <= budget)
					break;
		}
		if (i < n)
			add_item(p, &cs[i]);
	}

	start = (unsigned)(rng_next(&rng) % 64);
	step = (unsigned)(rng_next(&rng) % 3);
	grow(p, budget, start, step);
	/* Still short of the budget: add what fits and grow again. */
	while (budget - p->total_s > PLAN_SLACK_S / 2) {
		for (i = 0; i < n; i++)
			if (!cs[i].chosen &&
			    p->total_s + cs[i].min_s <= budget)
				break;
		if (i == n)
			break;
		add_item(p, &cs[i]);
		grow(p, budget, start, step);
	}
	sort_by_stage(p);
	free(cs);
}

int
plan_equal(const struct plan *a, const struct plan *b)
{
	size_t	i;

	if (a->n != b->n)
		return (0);
	for (i = 0; i < a->n; i++)
		if (a->items[i].ex != b->items[i].ex ||
		    memcmp(&a->items[i].rx, &b->items[i].rx,
		    sizeof a->items[i].rx) != 0)
			return (0);
	return (1);
}

/*
 * Make a plan differ from yesterday's when the choice alone did not: when
 * everything that fits is planned every day, shrink one item's dose by a
 * step. Which item depends on the day, so two days in a row never shrink
 * the same one; with a single item, only odd days shrink.
 */
static void
vary(struct plan *p, long day)
{
	struct plan_item	*it;
	size_t			 k;
	int			 d;

	if (p->n == 0 || (p->n == 1 && (day & 1) == 0))
		return;
	for (k = 0; k < p->n; k++) {
		it = &p->items[((size_t)day + k) % p->n];
		if (!dose_shrink(&it->ex->dose, &it->rx))
			continue;
		d = dose_duration_s(&it->rx);
		p->total_s += d - it->duration_s;
		it->duration_s = d;
		return;
	}
}

void
plan_make(const struct catalog *c, const struct plan_opts *o, struct plan *p)
{
	struct plan	yesterday;

	plan_day(c, o, o->day, p);
	plan_day(c, o, o->day - 1, &yesterday);
	if (plan_equal(p, &yesterday))
		vary(p, o->day);
	plan_release(&yesterday);
}

void
plan_release(struct plan *p)
{
	free(p->items);
	p->items = NULL;
	p->n = 0;
	p->total_s = 0;
}
