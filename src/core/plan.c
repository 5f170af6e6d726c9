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

void
plan_least(const struct exercise *e, const struct plan_opts *o,
    struct prescription *rx)
{
	size_t	i;
	int	k;

	dose_min(&e->dose, rx);
	if (o->hint == NULL)
		return;
	for (i = 0; i < o->hint->n; i++)
		if (strcmp(o->hint->ids[i], e->id) == 0)
			for (k = 0; k < o->hint->steps[i]; k++)
				if (!dose_grow(&e->dose, rx, 0))
					break;
}

/* An exercise's weight under the hint: its stage's, and more if favoured. */
static unsigned
hint_weight(const struct plan_hint *h, const struct exercise *e)
{
	unsigned	w;

	w = h->stage_weight[e->stage] == 0 ? 1 : h->stage_weight[e->stage];
	if (e->stage == h->favour_stage ||
	    (e->motions & h->favour_motions) != 0)
		w += PLAN_FAVOUR_WEIGHT;
	return (w);
}

/* What a routine must hold, in the order the planner meets the needs. */
enum need {
	NEED_BREATHING,
	NEED_STRENGTH,
	NEED_EXTENSION,
	NEED_FLEXION,
	NEED_SIDE_BEND,
	NEED_ROTATION,
	NEED_ROTATION_2,
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
	struct prescription	 least;		/* plan_least() */
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
	it->rx = c->least;
	it->duration_s = dose_duration_s(&it->rx);
	p->total_s += it->duration_s;
	c->chosen = 1;
}

/*
 * The least time the needs after `after` would take, each met by the
 * cheapest candidate not yet taken (a candidate counts for one need).
 */
static int
reserve_for(const struct plan *p, const struct plan_opts *o,
    struct cand *cs, size_t n, int after)
{
	size_t	i, best, *held;
	int	k, total = 0, nheld = 0;

	held = xcalloc(NEED_COUNT, sizeof *held);
	for (k = after + 1; k < NEED_COUNT; k++) {
		if (k == NEED_STRENGTH && o->minutes < PLAN_STRENGTH_MINUTES)
			continue;
		if (met(p, (enum need)k))
			continue;
		best = n;
		for (i = 0; i < n; i++)
			if (!cs[i].chosen && satisfies(cs[i].ex, (enum need)k) &&
			    (best == n || cs[i].min_s < cs[best].min_s))
				best = i;
		if (best == n)
			continue;
		cs[best].chosen = 1;
		held[nheld++] = best;
		total += cs[best].min_s;
	}
	while (nheld > 0)
		cs[held[--nheld]].chosen = 0;
	free(held);
	return (total);
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

/*
 * Shrink the items other than keep (an index, or p->n for none) a step at
 * a time, round-robin, until the total fits the budget. Returns 1 if it
 * fits; otherwise the doses are left shrunk and the caller restores them.
 */
static int
make_room(struct plan *p, size_t keep, int budget)
{
	size_t	j;
	int	shrank, d;

	while (p->total_s > budget) {
		shrank = 0;
		for (j = 0; j < p->n && p->total_s > budget; j++) {
			if (j == keep ||
			    !dose_shrink(&p->items[j].ex->dose, &p->items[j].rx))
				continue;
			d = dose_duration_s(&p->items[j].rx);
			p->total_s += d - p->items[j].duration_s;
			p->items[j].duration_s = d;
			shrank = 1;
		}
		if (!shrank)
			return (0);
	}
	return (1);
}

/*
 * When plain growth stalls short of the budget because the steps left are
 * large ones (a whole set, or another exercise), take one and shrink the
 * other items to make room. Returns 1 if the total came closer to the
 * budget.
 */
static int
rebalance(struct plan *p, struct cand *cs, size_t ncs, int budget)
{
	struct plan_item	*saved;
	struct prescription	 rx;
	size_t			 i, nsaved = p->n;
	int			 before = p->total_s, d;

	if (p->n == 0)
		return (0);
	saved = xcalloc(p->n, sizeof *saved);
	memcpy(saved, p->items, p->n * sizeof *saved);
	/* A bigger step for one item: what grow() could not take. */
	for (i = 0; i < nsaved; i++) {
		rx = p->items[i].rx;
		if (!dose_grow(&p->items[i].ex->dose, &rx, 0))
			continue;
		d = dose_duration_s(&rx);
		p->total_s += d - p->items[i].duration_s;
		p->items[i].rx = rx;
		p->items[i].duration_s = d;
		if (make_room(p, i, budget) && p->total_s > before)
			goto done;
		memcpy(p->items, saved, nsaved * sizeof *saved);
		p->total_s = before;
	}
	/* Another exercise, in the day's order of preference. */
	for (i = 0; i < ncs; i++) {
		if (cs[i].chosen)
			continue;
		add_item(p, &cs[i]);
		if (make_room(p, p->n - 1, budget) && p->total_s > before)
			goto done;
		cs[i].chosen = 0;
		p->n = nsaved;
		memcpy(p->items, saved, nsaved * sizeof *saved);
		p->total_s = before;
	}
	free(saved);
	return (0);
done:
	free(saved);
	return (1);
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
	int		 budget = o->minutes * 60, reserve, need;
	unsigned	 start, step;

	memset(p, 0, sizeof *p);
	cs = xcalloc(c->n, sizeof *cs);
	for (i = 0; i < c->n; i++) {
		if (!plan_fits(&c->ex[i], o))
			continue;
		cs[n].ex = &c->ex[i];
		plan_least(&c->ex[i], o, &cs[n].least);
		cs[n].min_s = dose_duration_s(&cs[n].least);
		n++;
	}
	if (o->hint == NULL) {
		/* Fisher-Yates shuffle: the day's order of preference. */
		for (i = n; i > 1; i--) {
			j = (size_t)(rng_next(&rng) % i);
			tmp = cs[i - 1];
			cs[i - 1] = cs[j];
			cs[j] = tmp;
		}
	} else {
		/*
		 * A weighted shuffle: each place goes to one of those left
		 * with a chance in proportion to its weight.
		 */
		for (i = 0; i + 1 < n; i++) {
			uint64_t total = 0, r;

			for (j = i; j < n; j++)
				total += hint_weight(o->hint, cs[j].ex);
			r = rng_next(&rng) % total;
			for (j = i; j + 1 < n; j++) {
				if (r < hint_weight(o->hint, cs[j].ex))
					break;
				r -= hint_weight(o->hint, cs[j].ex);
			}
			tmp = cs[i];
			cs[i] = cs[j];
			cs[j] = tmp;
		}
	}

	for (need = 0; need < NEED_COUNT; need++) {
		if (need == NEED_STRENGTH && o->minutes < PLAN_STRENGTH_MINUTES)
			continue;
		if (met(p, (enum need)need))
			continue;
		/* Keep room for the cheapest way to meet each later need. */
		reserve = reserve_for(p, o, cs, n, need);
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
	while (budget - p->total_s > PLAN_SLACK_S && rebalance(p, cs, n, budget))
		grow(p, budget, start, step);
	sort_by_stage(p);
	free(cs);
}

int
plan_equal(const struct plan *a, const struct plan *b)
{
	size_t	i, j;

	if (a->n != b->n)
		return (0);
	/* The same exercises and doses in another order are the same. */
	for (i = 0; i < a->n; i++) {
		for (j = 0; j < b->n; j++)
			if (a->items[i].ex == b->items[j].ex)
				break;
		if (j == b->n || memcmp(&a->items[i].rx, &b->items[j].rx,
		    sizeof a->items[i].rx) != 0)
			return (0);
	}
	return (1);
}

/*
 * Variation k of a plan: a step less or a step more of one item's dose,
 * staying within the budget and, if strict and it was, within PLAN_SLACK_S
 * of it. Returns 1 and applies it, or 0 if the
 * plan has fewer than k + 1 variations; *count gets how many it has.
 */
static int
variation(struct plan *p, int budget, int strict, size_t k, size_t *count)
{
	struct prescription	 rx;
	struct plan_item	*it;
	size_t			 i, n = 0;
	int			 dir, d;

	for (i = 0; i < p->n; i++) {
		it = &p->items[i];
		for (dir = 0; dir < 2; dir++) {
			rx = it->rx;
			if (dir == 0 && !dose_shrink(&it->ex->dose, &rx))
				continue;
			if (dir == 1 && !dose_grow(&it->ex->dose, &rx, 0))
				continue;
			d = dose_duration_s(&rx);
			if (p->total_s - it->duration_s + d > budget)
				continue;
			/* Not so much less that it falls short of the budget. */
			if (strict && budget - p->total_s <= PLAN_SLACK_S &&
			    budget - (p->total_s - it->duration_s + d) >
			    PLAN_SLACK_S)
				continue;
			if (n++ == k && count == NULL) {
				p->total_s += d - it->duration_s;
				it->rx = rx;
				it->duration_s = d;
				return (1);
			}
		}
	}
	if (count != NULL)
		*count = n;
	return (0);
}

static void
plan_copy(struct plan *dst, const struct plan *src)
{
	*dst = *src;
	dst->items = xcalloc(src->n, sizeof *dst->items);
	if (src->n > 0)
		memcpy(dst->items, src->items, src->n * sizeof *src->items);
}

/*
 * Whether plan a is b or one of b's variations. Every day's routine is
 * its own choice or a variation of it, so a day whose choice is neither
 * the day before's choice nor one of its variations keeps its choice
 * whatever came before: an anchor.
 */
static int
same_or_variation(const struct plan *a, const struct plan *b, int budget)
{
	struct plan	v;
	size_t		count, k;
	int		same;

	if (plan_equal(a, b))
		return (1);
	variation((struct plan *)b, budget, 0, 0, &count);
	for (k = 0; k < count; k++) {
		plan_copy(&v, b);
		variation(&v, budget, 0, k, NULL);
		same = plan_equal(a, &v);
		plan_release(&v);
		if (same)
			return (1);
	}
	return (0);
}

/* How far back plan_make() looks for an anchor. */
#define PLAN_LOOKBACK	16

static long
floor_div(long a, long b)
{
	return (a >= 0 ? a / b : -((-a + b - 1) / b));
}

/*
 * The day's routine is its own choice, unless that is what the day before
 * turned out to be; then it is the first of its variations, from number
 * `day` on, that differs (a small one if any will do). To know what the
 * day before turned out to be, replay from the latest anchor. With none
 * in PLAN_LOOKBACK days (the same choice day after day, when everything
 * that fits is planned), replay from a day fixed by the calendar, so a
 * day and the day before replay alike and alternate the same way.
 */
void
plan_make(const struct catalog *c, const struct plan_opts *o, struct plan *p)
{
	struct plan	prev, cur, v;
	size_t		count, k;
	long		day, start;
	int		budget = o->minutes * 60, strict, found = 0;

	plan_day(c, o, o->day - 1, &cur);
	for (start = o->day - 1; start > o->day - 1 - PLAN_LOOKBACK; start--) {
		plan_day(c, o, start - 1, &prev);
		found = !same_or_variation(&cur, &prev, budget);
		plan_release(&prev);
		if (found)
			break;
		plan_release(&cur);
		plan_day(c, o, start - 1, &cur);
	}
	if (!found) {
		plan_release(&cur);
		start = PLAN_LOOKBACK * floor_div(o->day - 1, PLAN_LOOKBACK);
		plan_day(c, o, start, &cur);
	}
	prev = cur;
	for (day = start + 1; day <= o->day; day++) {
		plan_day(c, o, day, p);
		for (strict = 1; strict >= 0 && plan_equal(p, &prev); strict--) {
			variation(p, budget, strict, 0, &count);
			for (k = 0; k < count; k++) {
				plan_copy(&v, p);
				variation(&v, budget, strict,
				    (size_t)(day + (long)k) % count, NULL);
				if (!plan_equal(&v, &prev)) {
					plan_release(p);
					*p = v;
					break;
				}
				plan_release(&v);
			}
		}
		plan_release(&prev);
		prev = *p;
	}
}

void
plan_release(struct plan *p)
{
	free(p->items);
	p->items = NULL;
	p->n = 0;
	p->total_s = 0;
}

/* Set an item to the exercise at its full dose: every range at its top. */
static void
plan_full(const struct exercise *e, struct plan_item *it)
{
	unsigned	step = 0;

	it->ex = e;
	dose_min(&e->dose, &it->rx);
	while (dose_grow(&e->dose, &it->rx, step++))
		;
	it->duration_s = dose_duration_s(&it->rx);
}

void
plan_one(const struct catalog *c, const struct plan_opts *o,
    const char *const *ranked, size_t nranked, struct plan *p)
{
	const struct exercise	*e, *pick = NULL;
	size_t			 i, nfit = 0, k;

	for (i = 0; i < nranked && pick == NULL; i++)
		if ((e = catalog_find(c, ranked[i])) != NULL && plan_fits(e, o))
			pick = e;
	if (pick == NULL) {
		/* A rotation exercise that fits, a different one each day. */
		for (i = 0; i < c->n; i++)
			nfit += (c->ex[i].motions & MOTION_ROTATION) &&
			    plan_fits(&c->ex[i], o);
		if (nfit == 0)
			return;
		k = (size_t)(((o->day % (long)nfit) + (long)nfit) %
		    (long)nfit);
		for (i = 0; i < c->n && pick == NULL; i++)
			if ((c->ex[i].motions & MOTION_ROTATION) &&
			    plan_fits(&c->ex[i], o) && k-- == 0)
				pick = &c->ex[i];
	}
	p->items = xcalloc(1, sizeof *p->items);
	p->n = 1;
	plan_full(pick, &p->items[0]);
	p->total_s = p->items[0].duration_s;
}
