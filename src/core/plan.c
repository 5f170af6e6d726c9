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
#include <stdio.h>
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

static const char *const place_names[] = { "any", "desk", "floor" };
const struct names plan_places = NAMES(place_names);

const struct plan_params plan_params_default = {
	.order = {
		PLAN_NEED_ROTATION, PLAN_NEED_ROTATION_2, PLAN_NEED_STRENGTH,
		PLAN_NEED_BREATHING, PLAN_NEED_EXTENSION, PLAN_NEED_FLEXION,
		PLAN_NEED_SIDE_BEND
	},
	.long_minutes = PLAN_STRENGTH_MINUTES,
	.max_share_pct = PLAN_MAX_SHARE_PCT,
	.slack_pct = PLAN_SLACK_PCT,
	.stage_weight = { 1, 1, 1, 1 },
	.one_max_s = PLAN_ONE_MAX_S
};

static const struct plan_params *
params_of(const struct plan_opts *o)
{
	return (o->params != NULL ? o->params : &plan_params_default);
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
	if ((e->not_for & o->limits) != 0)
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

const struct exercise *
plan_easier(const struct catalog *c, const struct exercise *e,
    const struct plan_opts *o)
{
	const struct exercise	*r = e;
	size_t			 steps;

	for (steps = 0; steps <= c->n; steps++) {
		if (r->regression == NULL ||
		    (r = catalog_find(c, r->regression)) == NULL ||
		    strcmp(r->id, e->id) == 0)
			return (NULL);
		if (o == NULL || plan_fits(r, o))
			return (r);
	}
	return (NULL);
}

static int
satisfies(const struct exercise *e, enum plan_need n)
{
	switch (n) {
	case PLAN_NEED_BREATHING:
		return (e->kind == KIND_BREATHING);
	case PLAN_NEED_EXTENSION:
		return ((e->motions & MOTION_EXTENSION) != 0);
	case PLAN_NEED_FLEXION:
		return ((e->motions & MOTION_FLEXION) != 0);
	case PLAN_NEED_SIDE_BEND:
		return ((e->motions & MOTION_SIDE_BEND) != 0);
	case PLAN_NEED_ROTATION:
	case PLAN_NEED_ROTATION_2:
		return ((e->motions & MOTION_ROTATION) != 0);
	case PLAN_NEED_STRENGTH:
		/* The last stage's: rotation and side-bending strength. */
		return (e->kind == KIND_STRENGTH && (e->motions &
		    (MOTION_ROTATION | MOTION_SIDE_BEND)) != 0);
	default:
		return (0);
	}
}

/* Whether a need applies to a budget: some only to long plans. */
static int
applies(const struct plan_opts *o, enum plan_need n)
{
	if (n == PLAN_NEED_ROTATION_2 || n == PLAN_NEED_STRENGTH)
		return (o->minutes >= params_of(o)->long_minutes);
	return (1);
}

/* Whether the chosen items already meet need n. */
static int
met(const struct plan *p, enum plan_need n)
{
	size_t	i;
	int	count = 0;

	for (i = 0; i < p->n; i++)
		if (satisfies(p->items[i].ex, n))
			count++;
	return (count >= (n == PLAN_NEED_ROTATION_2 ? 2 : 1));
}

struct cand {
	const struct exercise	*ex;
	struct prescription	 least;		/* plan_least() */
	int			 min_s;		/* duration at the least dose */
	int			 chosen;
	int			 blocked;	/* its variants in the plan */
	int			 too_long;	/* min_s over cap_s() */
	unsigned		 key;		/* the day's preference */
};

/*
 * The longest an item may take: its share of the least total that meets
 * the budget, so that it keeps within its share of any such total.
 */
static int
cap_s(const struct plan_opts *o)
{
	const struct plan_params *pp = params_of(o);
	int	budget = o->minutes * 60;

	return ((budget - budget * pp->slack_pct / 100) * pp->max_share_pct /
	    100);
}

/* Whether c may join p: not taken, short enough, no variant of an item. */
static int
usable(const struct cand *c)
{
	return (!c->chosen && c->blocked == 0 && !c->too_long);
}

/*
 * Count in each candidate how many of its variants the plan holds, as c
 * comes in (by 1) or goes out (by -1): usable() is asked for every
 * candidate at every step, and comparing variants there was most of
 * the planner's time.
 */
static void
block_variants(struct cand *cs, size_t n, const struct cand *c, int by)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (&cs[i] != c && catalog_variants(cs[i].ex, c->ex))
			cs[i].blocked += by;
}

static void
add_item(struct plan *p, struct cand *cs, size_t n, struct cand *c)
{
	struct plan_item	*it;

	p->items = xreallocarray(p->items, p->n + 1, sizeof *p->items);
	it = &p->items[p->n++];
	it->ex = c->ex;
	it->rx = c->least;
	it->duration_s = dose_duration_s(&it->rx);
	p->total_s += it->duration_s;
	c->chosen = 1;
	block_variants(cs, n, c, 1);
}

/*
 * The least time the needs after the k-th of the order would take, each
 * met by the cheapest usable candidate not yet held (a candidate counts
 * for one need).
 */
static int
reserve_for(const struct plan *p, const struct plan_opts *o,
    struct cand *cs, size_t n, int k)
{
	const struct plan_params *pp = params_of(o);
	size_t	i, best, *held;
	int	j, total = 0, nheld = 0;

	held = xcalloc(PLAN_NEED_COUNT, sizeof *held);
	for (j = k + 1; j < PLAN_NEED_COUNT; j++) {
		enum plan_need need = pp->order[j];

		if (!applies(o, need) || met(p, need))
			continue;
		best = n;
		for (i = 0; i < n; i++)
			if (usable(&cs[i]) && satisfies(cs[i].ex, need) &&
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

enum plan_where
plan_where_of(const struct exercise *e)
{
	switch (e->ground) {
	case GROUND_FLOOR:
		return (WHERE_FLOOR);
	case GROUND_UP:
		return (WHERE_UP);
	default:
		return (WHERE_EITHER);
	}
}

/*
 * The order a session plays: by stage, and inside a stage range before
 * strength (mobility, stretches and the rest before strength work).
 */
static int
play_rank(const struct exercise *e)
{
	return (e->stage * 2 + (e->kind == KIND_STRENGTH));
}

/* Where each of e's places stands in a run that begins at `at`. */
static int
where_rank(const struct exercise *e, enum plan_where at)
{
	enum plan_where	w = plan_where_of(e);

	if (w == WHERE_EITHER)
		return (1);
	return (w == at ? 0 : 2);
}

/*
 * Put p in playing order: by play_rank(), and inside one rank first what
 * is done where the person already is (`at` to begin with), then what
 * may be done anywhere, then the rest, so that floor work stands
 * together. Returns the changes of position it makes.
 */
static int
order_from(struct plan *p, enum plan_where at)
{
	struct plan_item	tmp;
	size_t			i, j, a, b;
	enum plan_where		w;
	int			changes = 0;

	for (i = 1; i < p->n; i++) {
		tmp = p->items[i];
		for (j = i; j > 0 &&
		    play_rank(p->items[j - 1].ex) > play_rank(tmp.ex); j--)
			p->items[j] = p->items[j - 1];
		p->items[j] = tmp;
	}
	for (a = 0; a < p->n; a = b) {
		for (b = a + 1; b < p->n && play_rank(p->items[b].ex) ==
		    play_rank(p->items[a].ex); b++)
			;
		for (i = a + 1; i < b; i++) {
			tmp = p->items[i];
			for (j = i; j > a && where_rank(p->items[j - 1].ex,
			    at) > where_rank(tmp.ex, at); j--)
				p->items[j] = p->items[j - 1];
			p->items[j] = tmp;
		}
		for (i = a; i < b; i++)
			if ((w = plan_where_of(p->items[i].ex)) != WHERE_EITHER)
				at = w;
	}
	for (i = 0, at = WHERE_EITHER; i < p->n; i++)
		if (plan_change_step(&at, p->items[i].ex) != CHANGE_NONE)
			changes++;
	return (changes);
}

/*
 * Put p in playing order with the fewest changes of position (starting
 * up, or on the floor when that saves one), and give each change its
 * own seconds, marked on the first exercise in the new position
 * (plan_mark()). Recomputes every duration and the total.
 */
static void
arrange(struct plan *p)
{
	int	floor_first;

	floor_first = order_from(p, WHERE_FLOOR);
	if (floor_first < order_from(p, WHERE_UP))
		(void)order_from(p, WHERE_FLOOR);
	plan_mark(p);
}

int
plan_change_step(enum plan_where *at, const struct exercise *e)
{
	enum plan_where	w = plan_where_of(e);
	int		change = CHANGE_NONE;

	if (w != WHERE_EITHER && *at != WHERE_EITHER && w != *at)
		change = w == WHERE_FLOOR ? CHANGE_DOWN : CHANGE_UP;
	if (w != WHERE_EITHER)
		*at = w;
	return (change);
}

void
plan_mark(struct plan *p)
{
	enum plan_where	at = WHERE_EITHER;
	size_t		i;

	p->total_s = 0;
	for (i = 0; i < p->n; i++) {
		p->items[i].rx.change = plan_change_step(&at, p->items[i].ex);
		p->items[i].duration_s = dose_duration_s(&p->items[i].rx);
		p->total_s += p->items[i].duration_s;
	}
}

int
plan_floor_blocks(const struct plan *p)
{
	size_t		i;
	enum plan_where	at = WHERE_EITHER, w;
	int		blocks = 0;

	for (i = 0; i < p->n; i++) {
		w = plan_where_of(p->items[i].ex);
		if (w == WHERE_FLOOR && at != WHERE_FLOOR)
			blocks++;
		if (w != WHERE_EITHER)
			at = w;
	}
	return (blocks);
}

/* The phases' own work and its share of a plan (plan_phase_shares[]). */
const struct plan_phase_share plan_phase_shares[PLAN_NPHASES] = {
	{ "breathing drills", KIND_BREATHING, -1, 20 },
	{ "extension", -1, 1, 30 },
	{ "the ribcage and shoulder blades", -1, 2, 30 },
	{ "strength", KIND_STRENGTH, -1, 30 },
};

int
plan_phase_work(int phase, const struct exercise *e)
{
	const struct plan_phase_share	*ps;

	if (phase < 1 || phase > PLAN_NPHASES)
		return (0);
	ps = &plan_phase_shares[phase - 1];
	return ((ps->kind < 0 || (int)e->kind == ps->kind) &&
	    (ps->stage < 0 || e->stage == ps->stage));
}

/* The balance a plan of PLAN_BALANCE_MINUTES or more keeps. */
enum rule { RULE_PHASE, RULE_ROTATION, RULE_STRETCH, RULE_COUNT };

/* Whether e counts toward rule r (for RULE_STRETCH: against it). */
static int
in_rule(enum rule r, int phase, const struct exercise *e)
{
	switch (r) {
	case RULE_PHASE:
		return (plan_phase_work(phase, e));
	case RULE_ROTATION:
		return ((e->motions & MOTION_ROTATION) != 0);
	case RULE_STRETCH:
		return (e->kind == KIND_STRETCH);
	default:
		return (0);
	}
}

/*
 * How far p is from meeting rule r, in percent-seconds (100 x seconds):
 * 0 when it is met.
 */
static long
rule_gap(const struct plan *p, const struct plan_opts *o, enum rule r)
{
	int	phase = o->hint != NULL ? o->hint->phase : 0;
	long	in = 0, gap;
	size_t	i;

	if (o->minutes < PLAN_BALANCE_MINUTES || p->n == 0)
		return (0);
	if (r == RULE_PHASE && (phase < 1 || phase > PLAN_NPHASES))
		return (0);
	for (i = 0; i < p->n; i++)
		if (in_rule(r, phase, p->items[i].ex))
			in += p->items[i].duration_s;
	switch (r) {
	case RULE_PHASE:
		gap = (long)plan_phase_shares[phase - 1].pct * p->total_s -
		    100 * in;
		break;
	case RULE_ROTATION:
		gap = (long)PLAN_ROTATION_PCT * p->total_s - 100 * in;
		break;
	default:
		gap = 100 * in - (long)PLAN_STRETCH_PCT * p->total_s;
		break;
	}
	return (gap > 0 ? gap : 0);
}

/* How far p is from meeting every rule, each gap as a share. */
static double
gaps(const struct plan *p, const struct plan_opts *o)
{
	double	sum = 0;
	int	r;

	for (r = 0; r < RULE_COUNT; r++)
		if (p->total_s > 0)
			sum += (double)rule_gap(p, o, (enum rule)r) /
			    p->total_s;
	return (sum);
}

static void
drop_item(struct plan *p, struct cand *cs, size_t n, size_t k)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (cs[i].ex == p->items[k].ex && cs[i].chosen) {
			cs[i].chosen = 0;
			block_variants(cs, n, &cs[i], -1);
		}
	memmove(&p->items[k], &p->items[k + 1],
	    (p->n - k - 1) * sizeof *p->items);
	p->n--;
	arrange(p);
}

/* The index of c's item in p. */
static size_t
item_of(const struct plan *p, const struct exercise *e)
{
	size_t	i;

	for (i = 0; i < p->n && p->items[i].ex != e; i++)
		;
	return (i);
}

/*
 * Try c in p: it stays if the plan keeps within the budget and within
 * one block of floor work, and, when balance is asked for, every rule
 * is met or is no further from being met than before. Returns 1 if it
 * stayed.
 */
static int
try_add(struct plan *p, const struct plan_opts *o, struct cand *cs,
    size_t n, struct cand *c, int balance)
{
	long	before[RULE_COUNT];
	int	r, ok;

	for (r = 0; r < RULE_COUNT; r++)
		before[r] = rule_gap(p, o, (enum rule)r);
	add_item(p, cs, n, c);
	arrange(p);
	ok = p->total_s <= o->minutes * 60 && plan_floor_blocks(p) <= 1;
	for (r = 0; ok && balance && r < RULE_COUNT; r++) {
		long	after = rule_gap(p, o, (enum rule)r);

		if (after > 0 && after >= before[r] &&
		    !(in_rule((enum rule)r, o->hint != NULL ? o->hint->phase :
		    0, c->ex) && r != RULE_STRETCH))
			ok = 0;
	}
	if (!ok)
		drop_item(p, cs, n, item_of(p, c->ex));
	return (ok);
}

/* Whether p holds two rotation exercises or more. */
static int
met_twice_rotation(const struct plan *p)
{
	size_t	i;
	int	n = 0;

	for (i = 0; i < p->n; i++)
		n += (p->items[i].ex->motions & MOTION_ROTATION) != 0;
	return (n >= 2);
}

/*
 * Take a step off the longest dose that works against rule r (for
 * stretches: the longest stretch). Returns 1 if one could be less.
 */
static int
shrink_against(struct plan *p, const struct plan_opts *o, enum rule r)
{
	int	phase = o->hint != NULL ? o->hint->phase : 0;
	size_t	i, big = p->n;
	struct prescription rx;

	for (i = 0; i < p->n; i++) {
		if ((r == RULE_STRETCH) != in_rule(r, phase, p->items[i].ex))
			continue;
		rx = p->items[i].rx;
		if (dose_shrink(&p->items[i].ex->dose, &rx) &&
		    (big == p->n || p->items[i].duration_s >
		    p->items[big].duration_s))
			big = i;
	}
	if (big == p->n)
		return (0);
	(void)dose_shrink(&p->items[big].ex->dose, &p->items[big].rx);
	arrange(p);
	return (1);
}

/* Whether the item at k is all that meets one of the plan's needs. */
static int
sole_need(const struct plan *p, const struct plan_opts *o, size_t k)
{
	size_t	i;
	int	need, count;

	for (need = 0; need < PLAN_NEED_COUNT; need++) {
		if (!applies(o, (enum plan_need)need) ||
		    !satisfies(p->items[k].ex, (enum plan_need)need))
			continue;
		for (count = 0, i = 0; i < p->n; i++)
			count += satisfies(p->items[i].ex,
			    (enum plan_need)need);
		if (count <= (need == PLAN_NEED_ROTATION_2 ? 2 : 1))
			return (1);
	}
	return (0);
}

/* Whether p holds an item of stage s other than the one at k. */
static int
stage_held(const struct plan *p, int s, size_t k)
{
	size_t	i;

	for (i = 0; i < p->n; i++)
		if (i != k && p->items[i].ex->stage == s)
			return (1);
	return (0);
}

/* Whether every need and stage p meets, trial meets too. */
static int
keeps_needs(const struct plan *p, const struct plan *trial,
    const struct plan_opts *o)
{
	int	need, s;

	for (need = 0; need < PLAN_NEED_COUNT; need++)
		if (applies(o, (enum plan_need)need) &&
		    met(p, (enum plan_need)need) &&
		    !met(trial, (enum plan_need)need))
			return (0);
	for (s = 0; s <= STAGE_MAX; s++)
		if (stage_held(p, s, p->n) && !stage_held(trial, s, trial->n))
			return (0);
	return (1);
}

/*
 * Whether trial, a change to p, is nearer every rule and breaks none
 * that p meets, within the budget and one block of floor work.
 */
static int
better(const struct plan *p, const struct plan *trial,
    const struct plan_opts *o)
{
	int	q;

	if (trial->n == 0 || trial->total_s > o->minutes * 60 ||
	    plan_floor_blocks(trial) > 1 || gaps(trial, o) >= gaps(p, o))
		return (0);
	for (q = 0; q < RULE_COUNT; q++)
		if (rule_gap(p, o, (enum rule)q) == 0 &&
		    rule_gap(trial, o, (enum rule)q) > 0)
			return (0);
	return (1);
}

/*
 * The item to leave out for rule r: the longest that works against it
 * and whose going breaks no other rule, keeping every need and (unless
 * any_stage) every stage. p->n if none.
 */
static size_t
drop_against(const struct plan *p, const struct plan_opts *o,
    enum rule r, int any_stage)
{
	struct plan	 trial;
	int		 phase = o->hint != NULL ? o->hint->phase : 0;
	size_t		 i, best = p->n;

	if (p->n <= 1)
		return (p->n);
	for (i = 0; i < p->n; i++) {
		const struct exercise *e = p->items[i].ex;

		if ((r == RULE_STRETCH) != in_rule(r, phase, e) ||
		    sole_need(p, o, i) ||
		    (!any_stage && !stage_held(p, e->stage, i)))
			continue;
		trial = *p;
		trial.items = xcalloc(p->n, sizeof *p->items);
		memcpy(trial.items, p->items, p->n * sizeof *p->items);
		memmove(&trial.items[i], &trial.items[i + 1],
		    (p->n - i - 1) * sizeof *p->items);
		trial.n--;
		arrange(&trial);
		if (better(p, &trial, o) && (best == p->n ||
		    p->items[i].duration_s > p->items[best].duration_s))
			best = i;
		free(trial.items);
	}
	return (best);
}

/*
 * Put in place of an item that works against rule r a shorter exercise
 * that keeps every need and stage the plan meets: a short rotation drill
 * for a long one leaves the phase's own work its share. The swap that
 * brings the plan nearest every rule; returns 1 if there was one.
 */
static int
swap_against(struct plan *p, const struct plan_opts *o, struct cand *cs,
    size_t n, enum rule r)
{
	struct plan	 trial;
	struct cand	*c;
	int		 phase = o->hint != NULL ? o->hint->phase : 0;
	double		 g, best_g = 0;
	size_t		 i, j, bi = p->n, bj = n;

	for (i = 0; i < p->n; i++) {
		const struct exercise *e = p->items[i].ex;

		if ((r == RULE_STRETCH) != in_rule(r, phase, e))
			continue;
		for (j = 0; j < n; j++) {
			c = &cs[j];
			if (c->chosen || c->too_long || c->key == 0 ||
			    c->min_s >= p->items[i].duration_s ||
			    c->blocked > catalog_variants(c->ex, e))
				continue;
			trial = *p;
			trial.items = xcalloc(p->n, sizeof *p->items);
			memcpy(trial.items, p->items, p->n * sizeof *p->items);
			trial.items[i].ex = c->ex;
			trial.items[i].rx = c->least;
			arrange(&trial);
			if (better(p, &trial, o) && keeps_needs(p, &trial, o) &&
			    (bi == p->n || (g = gaps(&trial, o)) < best_g ||
			    (g == best_g && c->min_s < cs[bj].min_s))) {
				bi = i;
				bj = j;
				best_g = gaps(&trial, o);
			}
			free(trial.items);
		}
	}
	if (bi == p->n)
		return (0);
	drop_item(p, cs, n, bi);
	add_item(p, cs, n, &cs[bj]);
	arrange(p);
	return (1);
}

/*
 * While a rule is broken: a smaller dose of the longest item that works
 * against it; failing that, leave out the longest such item whose going
 * breaks no other rule and keeps every need and stage; failing that,
 * swap one for a shorter exercise (swap_against()); and only then leave
 * out a stage's last item. Returns how many items changed.
 */
static int
repair(struct plan *p, const struct plan_opts *o, struct cand *cs,
    size_t n)
{
	int		 r, changed = 0;
	size_t		 best;

	for (;;) {
		for (r = 0; r < RULE_COUNT; r++)
			if (rule_gap(p, o, (enum rule)r) > 0)
				break;
		if (r == RULE_COUNT)
			return (changed);
		/* A smaller dose before one exercise fewer. */
		if (shrink_against(p, o, (enum rule)r))
			continue;
		if ((best = drop_against(p, o, (enum rule)r, 0)) == p->n) {
			if (swap_against(p, o, cs, n, (enum rule)r)) {
				changed++;
				continue;
			}
			best = drop_against(p, o, (enum rule)r, 1);
		}
		if (best == p->n)
			return (changed);
		drop_item(p, cs, n, best);
		changed++;
	}
}

static uint64_t
seed_of(const struct plan_opts *o, long day)
{
	uint64_t	s;

	s = (uint64_t)day * 0x2545f4914f6cdd1dULL;
	s ^= (uint64_t)o->minutes << 40 ^ (uint64_t)o->place << 32 ^
	    (uint64_t)o->equipment << 16 ^ (uint64_t)o->limits << 56;
	(void)rng_next(&s);
	return (s);
}

static void	plan_dose(const struct exercise *, const struct plan_opts *,
		    struct prescription *);

/*
 * Give each item held below the dose the plan gives it (plan_dose(): the
 * program's level, within three minutes in short plans) its dose back a
 * step at a time, while the budget allows, the item keeps within its
 * share of the session and no rule of the balance gets further from
 * being met: more of an exercise already in, at its level, before yet
 * another exercise. Returns how many steps it gave back.
 */
static int
regrow(struct plan *p, const struct plan_opts *o)
{
	struct prescription	 target, rx;
	struct plan_item	 saved, *it;
	long			 before[RULE_COUNT], after;
	int			 budget = o->minutes * 60, grown = 0, any, r, ok;
	int			 pct = params_of(o)->max_share_pct, d, total;
	size_t			 i;

	do {
		any = 0;
		for (i = 0; i < p->n; i++) {
			it = &p->items[i];
			plan_dose(it->ex, o, &target);
			rx = it->rx;
			if (rx.reps < target.reps)
				rx.reps++;
			else if (rx.hold_s < target.hold_s)
				rx.hold_s++;
			else if (rx.breaths < target.breaths)
				rx.breaths++;
			else if (rx.sets < target.sets)
				rx.sets++;
			else
				continue;
			d = dose_duration_s(&rx);
			total = p->total_s - it->duration_s + d;
			if (total > budget || 100 * d > pct * total)
				continue;
			for (r = 0; r < RULE_COUNT; r++)
				before[r] = rule_gap(p, o, (enum rule)r);
			saved = *it;
			it->rx = rx;
			it->duration_s = d;
			p->total_s = total;
			for (ok = 1, r = 0; ok && r < RULE_COUNT; r++)
				if ((after = rule_gap(p, o, (enum rule)r)) > 0 &&
				    after > before[r])
					ok = 0;
			if (!ok) {
				p->total_s += saved.duration_s - d;
				*it = saved;
				continue;
			}
			any = 1;
			grown++;
		}
	} while (any);
	return (grown);
}

/*
 * Fill the time left with more exercises at their doses, in the day's
 * order of preference, while each keeps the plan balanced: the phase's
 * own work first while it is short of its share, then rotation, then
 * the rest. Doses never grow to fill time.
 */
static void
fill(struct plan *p, const struct plan_opts *o, struct cand *cs, size_t n)
{
	int	phase = o->hint != NULL ? o->hint->phase : 0;
	int	budget = o->minutes * 60, want, added;
	size_t	i;

	/* The same exercises at their level before more of them. */
	(void)regrow(p, o);
	do {
		added = 0;
		want = rule_gap(p, o, RULE_PHASE) > 0 ? 0 :
		    rule_gap(p, o, RULE_ROTATION) > 0 ? 1 : 2;
		for (; want <= 2 && !added; want++)
			for (i = 0; i < n && !added; i++) {
				if (cs[i].key == 0 || !usable(&cs[i]) ||
				    p->total_s + cs[i].min_s > budget)
					continue;
				if (want == 0 && !in_rule(RULE_PHASE, phase,
				    cs[i].ex))
					continue;
				if (want == 1 && !in_rule(RULE_ROTATION, phase,
				    cs[i].ex))
					continue;
				added = try_add(p, o, cs, n, &cs[i], 1);
			}
	} while (added);
}

/*
 * No item above its share of what the session turned out to be: shrink
 * the longest over it, and when it cannot be less, fill the time with
 * more, and failing that leave it out today (never the last item).
 */
static void
keep_shares(struct plan *p, const struct plan_opts *o, struct cand *cs,
    size_t ncs)
{
	int	pct = params_of(o)->max_share_pct, filled = 0;
	size_t	i, big;

	for (;;) {
		big = p->n;
		for (i = 0; i < p->n; i++)
			if (p->items[i].duration_s * 100 > pct * p->total_s &&
			    (big == p->n || p->items[i].duration_s >
			    p->items[big].duration_s))
				big = i;
		if (big == p->n || p->n == 1)
			return;
		if (dose_shrink(&p->items[big].ex->dose, &p->items[big].rx)) {
			arrange(p);
			continue;
		}
		if (!filled) {
			filled = 1;
			fill(p, o, cs, ncs);
			continue;
		}
		/* The one rotation stays, over its share if it must. */
		if ((p->items[big].ex->motions & MOTION_ROTATION) &&
		    !met_twice_rotation(p))
			return;
		for (i = 0; i < ncs; i++)
			if (cs[i].ex == p->items[big].ex)
				cs[i].key = 0;
		drop_item(p, cs, ncs, big);
		fill(p, o, cs, ncs);
	}
}

static long
stretch_s(const struct plan *p)
{
	long	s = 0;
	size_t	i;

	for (i = 0; i < p->n; i++)
		if (p->items[i].ex->kind == KIND_STRETCH)
			s += p->items[i].duration_s;
	return (s);
}

/*
 * Take the longest doses of p a step down, one at a time, until need
 * more seconds fit the budget. Returns 1 if they do; otherwise p is as
 * it was.
 */
static int
make_room(struct plan *p, int need, int budget)
{
	struct plan_item	*saved;
	size_t			 i, big;
	int			 before = p->total_s;

	if (p->total_s + need <= budget)
		return (1);
	saved = xcalloc(p->n + 1, sizeof *saved);
	memcpy(saved, p->items, p->n * sizeof *saved);
	while (p->total_s + need > budget) {
		struct prescription	rx;

		big = p->n;
		for (i = 0; i < p->n; i++) {
			rx = p->items[i].rx;
			if (dose_shrink(&p->items[i].ex->dose, &rx) &&
			    (big == p->n || p->items[i].duration_s >
			    p->items[big].duration_s))
				big = i;
		}
		if (big == p->n) {
			memcpy(p->items, saved, p->n * sizeof *saved);
			p->total_s = before;
			arrange(p);
			free(saved);
			return (0);
		}
		(void)dose_shrink(&p->items[big].ex->dose, &p->items[big].rx);
		arrange(p);
	}
	free(saved);
	return (1);
}

/*
 * The shortest candidate of stage s (-1: any) meeting need (or
 * PLAN_NEED_COUNT: any), at its least dose, with room made for it.
 */
static void
squeeze_in(struct plan *p, const struct plan_opts *o, struct cand *cs,
    size_t n, int s, int need)
{
	size_t	i, best = n, big;

	for (i = 0; i < n; i++) {
		if (!usable(&cs[i]) || (s >= 0 && cs[i].ex->stage != s) ||
		    (need < PLAN_NEED_COUNT &&
		    !satisfies(cs[i].ex, (enum plan_need)need)))
			continue;
		dose_min(&cs[i].ex->dose, &cs[i].least);
		cs[i].min_s = dose_duration_s(&cs[i].least);
		/* What needs no change of position first, then the shortest. */
		if (best == n || (plan_where_of(cs[i].ex) == WHERE_EITHER) >
		    (plan_where_of(cs[best].ex) == WHERE_EITHER) ||
		    ((plan_where_of(cs[i].ex) == WHERE_EITHER) ==
		    (plan_where_of(cs[best].ex) == WHERE_EITHER) &&
		    cs[i].min_s < cs[best].min_s))
			best = i;
	}
	if (best == n)
		return;
	if (make_room(p, cs[best].min_s + DOSE_CHANGE_S, o->minutes * 60)) {
		(void)try_add(p, o, cs, n, &cs[best], 0);
		return;
	}
	/*
	 * No dose can be less: leave out the longest item that is not all
	 * of a stage or a need, when that makes the room.
	 */
	for (i = 0, big = p->n; i < p->n; i++)
		if (!sole_need(p, o, i) &&
		    stage_held(p, p->items[i].ex->stage, i) &&
		    p->items[i].duration_s >= cs[best].min_s &&
		    (big == p->n || p->items[i].duration_s >
		    p->items[big].duration_s))
			big = i;
	if (big == p->n)
		return;
	drop_item(p, cs, n, big);
	(void)try_add(p, o, cs, n, &cs[best], 0);
}

/* Add rule r's work, in the day's order, to pct of the budget. */
static void
prefill(struct plan *p, const struct plan_opts *o, struct cand *cs,
    size_t n, enum rule r, int pct)
{
	int	phase = o->hint != NULL ? o->hint->phase : 0;
	int	budget = o->minutes * 60;
	long	in;
	size_t	i, j;

	for (i = 0; i < n; i++) {
		for (in = 0, j = 0; j < p->n; j++)
			if (in_rule(r, phase, p->items[j].ex))
				in += p->items[j].duration_s;
		if (100 * in >= (long)pct * budget)
			return;
		if (!usable(&cs[i]) || !in_rule(r, phase, cs[i].ex) ||
		    p->total_s + cs[i].min_s > budget)
			continue;
		/* Not a stretch that takes stretches past their share. */
		if (in_rule(RULE_STRETCH, phase, cs[i].ex) &&
		    100 * (stretch_s(p) + cs[i].min_s) >
		    (long)PLAN_STRETCH_PCT * (p->total_s + cs[i].min_s))
			continue;
		(void)try_add(p, o, cs, n, &cs[i], 0);
	}
}

/*
 * A share within this many points of its bound holds a short plan there
 * (plan_short_reason() says so).
 */
#define PLAN_BOUND_PCT	2

/* How far an exercise drawn the day before falls in the preference. */
#define PLAN_AGAIN_DIV	4

static int
holds(const struct plan *p, const struct exercise *e)
{
	size_t	i;

	for (i = 0; i < p->n; i++)
		if (p->items[i].ex == e)
			return (1);
	return (0);
}

/* Higher keys first; the catalog's order breaks ties. */
static int
cand_cmp(const void *a, const void *b)
{
	const struct cand	*x = a, *y = b;

	if (x->key != y->key)
		return (x->key > y->key ? -1 : 1);
	return (x->ex < y->ex ? -1 : x->ex > y->ex);
}

/*
 * The dose a plan gives e: the least the program has reached (never
 * more), and in plans up to PLAN_ITEM_MAX_MINUTES no more than
 * PLAN_ITEM_MAX_S when a smaller dose within the sources' range allows
 * (a shorter hold, fewer reps, fewer sets).
 */
static void
plan_dose(const struct exercise *e, const struct plan_opts *o,
    struct prescription *rx)
{
	plan_least(e, o, rx);
	if (o->minutes > PLAN_ITEM_MAX_MINUTES)
		return;
	/* Room for a change of position before it, too. */
	while (dose_duration_s(rx) > PLAN_ITEM_MAX_S - DOSE_CHANGE_S &&
	    dose_shrink(&e->dose, rx))
		;
}

/*
 * One day's draw: the needs first, in the params' order, then each
 * stage, then more exercises until the budget is met, keeping the
 * balance. What avoid holds (NULL: nothing) comes last in the day's
 * preference.
 */
static void
plan_draw(const struct catalog *c, const struct plan_opts *o, long day,
    unsigned salt, const struct plan *avoid, struct plan *p)
{
	const struct plan_params *pp = params_of(o);
	struct cand	*cs;
	uint64_t	 rng = seed_of(o, day) ^ (uint64_t)salt * 0x9e3779b97f4a7c15ULL;
	size_t		 n = 0, i;
	int		 budget = o->minutes * 60, reserve, k, s, round;

	memset(p, 0, sizeof *p);
	cs = xcalloc(c->n, sizeof *cs);
	for (i = 0; i < c->n; i++) {
		if (!plan_fits(&c->ex[i], o))
			continue;
		cs[n].ex = &c->ex[i];
		plan_dose(&c->ex[i], o, &cs[n].least);
		cs[n].min_s = dose_duration_s(&cs[n].least);
		cs[n].too_long = cs[n].min_s > cap_s(o);
		n++;
	}
	/*
	 * The day's order of preference: a draw scaled by the stage, and
	 * by the program's hint when there is one.
	 */
	for (i = 0; i < n; i++) {
		cs[i].key = (unsigned)(rng_next(&rng) % 1000 + 1) *
		    (unsigned)pp->stage_weight[cs[i].ex->stage];
		if (o->hint != NULL)
			cs[i].key *= hint_weight(o->hint, cs[i].ex);
		if (avoid != NULL && holds(avoid, cs[i].ex))
			cs[i].key /= PLAN_AGAIN_DIV;
	}
	qsort(cs, n, sizeof *cs, cand_cmp);

	/*
	 * From PLAN_BALANCE_MINUTES up, the phase's own work and rotation
	 * first, each to its share of the whole budget: whatever the plan
	 * turns out to be, they hold their shares of it.
	 */
	if (o->minutes >= PLAN_BALANCE_MINUTES) {
		if (o->hint != NULL)
			prefill(p, o, cs, n, RULE_PHASE,
			    o->hint->phase >= 1 && o->hint->phase <=
			    PLAN_NPHASES ? plan_phase_shares[o->hint->phase -
			    1].pct : 0);
		prefill(p, o, cs, n, RULE_ROTATION, PLAN_ROTATION_PCT);
	}
	for (k = 0; k < PLAN_NEED_COUNT; k++) {
		enum plan_need need = pp->order[k];

		if (!applies(o, need) || met(p, need))
			continue;
		/* Keep room for the cheapest way to meet each later need. */
		reserve = reserve_for(p, o, cs, n, k);
		for (i = 0; i < n; i++)
			if (usable(&cs[i]) && satisfies(cs[i].ex, need) &&
			    p->total_s + cs[i].min_s + reserve <= budget &&
			    try_add(p, o, cs, n, &cs[i], 0))
				break;
		if (i == n) {
			/* Without the reserve, if that is what it takes. */
			for (i = 0; i < n; i++)
				if (usable(&cs[i]) &&
				    satisfies(cs[i].ex, need) &&
				    p->total_s + cs[i].min_s <= budget &&
				    try_add(p, o, cs, n, &cs[i], 0))
					break;
		}
	}
	/*
	 * Every stage of the order of work: when none of a stage fits,
	 * the least dose of its shortest, with room made by taking the
	 * longest doses a step down (never up).
	 */
	if (o->minutes >= PLAN_BALANCE_MINUTES)
		for (s = 0; s <= STAGE_MAX; s++) {
			if (stage_held(p, s, p->n))
				continue;
			for (i = 0; i < n; i++)
				if (usable(&cs[i]) && cs[i].ex->stage == s &&
				    p->total_s + cs[i].min_s <= budget &&
				    try_add(p, o, cs, n, &cs[i], 0))
					break;
			if (i == n)
				squeeze_in(p, o, cs, n, s, PLAN_NEED_COUNT);
		}
	/* And every need, the same way. */
	if (o->minutes >= PLAN_BALANCE_MINUTES)
		for (k = 0; k < PLAN_NEED_COUNT; k++)
			if (applies(o, pp->order[k]) && !met(p, pp->order[k]))
				squeeze_in(p, o, cs, n, -1, pp->order[k]);
	for (round = 0; round < 6; round++) {
		fill(p, o, cs, n);
		if (repair(p, o, cs, n) == 0)
			break;
	}
	/* No item above its share of the session. */
	keep_shares(p, o, cs, n);
	(void)repair(p, o, cs, n);
	arrange(p);
	if (budget - p->total_s > budget * pp->slack_pct / 100)
		p->short_s = budget - p->total_s;
	free(cs);
}

/*
 * The plan for one day, with no regard to what was played before: its
 * own draw, with what the day before would draw on its own put last, so
 * that two days running hold different exercises when there are enough.
 */
static void
plan_redraw(const struct catalog *c, const struct plan_opts *o, long day,
    unsigned salt, struct plan *p)
{
	struct plan	yesterday;

	plan_draw(c, o, day - 1, 0, NULL, &yesterday);
	plan_draw(c, o, day, salt, &yesterday, p);
	plan_release(&yesterday);
}

static void
plan_day(const struct catalog *c, const struct plan_opts *o, long day,
    struct plan *p)
{
	plan_redraw(c, o, day, 0, p);
}

void
plan_short_reason(const struct plan *p, const struct plan_opts *o,
    char *buf, size_t len)
{
	char	keep[96];

	static const char *where[] = {
		[PLAN_ANYWHERE] = "", [PLAN_DESK] = " at a desk",
		[PLAN_FLOOR] = " on the floor"
	};

	if (p->short_s <= 0) {
		if (len > 0)
			buf[0] = '\0';
		return;
	}
	if (p->lighter) {
		snprintf(buf, len, "your back was worse after your last "
		    "session, so today each exercise is a step lower and "
		    "there are fewer of them");
		return;
	}
	if (p->bound >= 1 && p->bound <= PLAN_NPHASES)
		snprintf(keep, sizeof keep, ", keeping %d%% of the time for %s",
		    plan_phase_shares[p->bound - 1].pct,
		    plan_phase_shares[p->bound - 1].words);
	else if (p->bound < 0)
		snprintf(keep, sizeof keep, ", keeping %d%% of the time for "
		    "rotation", PLAN_ROTATION_PCT);
	else
		keep[0] = '\0';
	snprintf(buf, len, "only %d of %d minutes fit%s with %s, each "
	    "exercise at the dose you have reached%s; doses grow as sessions "
	    "go well", (p->total_s + 30) / 60, o->minutes, where[o->place],
	    o->equipment == 0 ? "no equipment" : "what is at hand", keep);
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
 * Whether, with item i at d seconds and the total at total, every item
 * keeps within pct of the session (or was already over: no worse).
 */
static int
shares_ok(const struct plan *p, size_t i, int d, int total, int pct)
{
	size_t	j;
	int	dj;

	for (j = 0; j < p->n; j++) {
		dj = j == i ? d : p->items[j].duration_s;
		if (dj * 100 > pct * total &&
		    p->items[j].duration_s * 100 <= pct * p->total_s)
			return (0);
	}
	return (1);
}

/*
 * Variation k of a plan: a step less or a step more of one item's dose,
 * staying within the budget and the item's share and, if strict and it
 * was, within the slack of it. Returns 1 and applies it, or 0 if the
 * plan has fewer than k + 1 variations; *count gets how many it has.
 */
static int
variation(struct plan *p, const struct plan_opts *o, int strict, size_t k,
    size_t *count)
{
	struct prescription	 rx;
	struct plan_item	*it;
	size_t			 i, n = 0;
	int			 dir, d, budget = o->minutes * 60;
	int			 slack = budget * params_of(o)->slack_pct / 100;
	int			 pct = params_of(o)->max_share_pct, total;

	for (i = 0; i < p->n; i++) {
		it = &p->items[i];
		/* Only less: a dose never goes above the program's level. */
		for (dir = 0; dir < 1; dir++) {
			rx = it->rx;
			if (!dose_shrink(&it->ex->dose, &rx))
				continue;
			d = dose_duration_s(&rx);
			total = p->total_s - it->duration_s + d;
			if (total > budget || !shares_ok(p, i, d, total, pct))
				continue;
			/* Not so much less that it falls short of the budget. */
			if (strict && budget - p->total_s <= slack &&
			    budget - total > slack)
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

/* How far back plan_make() looks for an anchor. */
#define PLAN_LOOKBACK	16
/* Other draws tried for a day that would repeat the day before's set. */
#define PLAN_REDRAWS	3

/* Whether two plans hold the same exercises, whatever their doses. */
static int
same_set(const struct plan *a, const struct plan *b)
{
	size_t	i;

	if (a->n != b->n)
		return (0);
	for (i = 0; i < a->n; i++)
		if (!holds(b, a->items[i].ex))
			return (0);
	return (1);
}

static int
within_slack(const struct plan *p, const struct plan_opts *o)
{
	int	budget = o->minutes * 60;

	return (budget - p->total_s <= budget * params_of(o)->slack_pct / 100);
}

/*
 * Whether day's choice keeps whatever came before: its set of exercises
 * is neither the day before's choice's nor any of that day's redraws'.
 */
static int
is_anchor(const struct catalog *c, const struct plan_opts *o, long day,
    const struct plan *choice)
{
	struct plan	other;
	unsigned	k;
	int		anchor = 1;

	for (k = 0; k <= PLAN_REDRAWS && anchor; k++) {
		plan_redraw(c, o, day - 1, k, &other);
		anchor = !same_set(choice, &other);
		plan_release(&other);
	}
	return (anchor);
}

static long
floor_div(long a, long b)
{
	return (a >= 0 ? a / b : -((-a + b - 1) / b));
}

/*
 * The share of the balance that holds p short of its budget, when one is
 * within PLAN_BOUND_PCT of its bound: the phase (1 to 4), rotation (-1),
 * or none (0).
 */
static int
bound_of(const struct plan *p, const struct plan_opts *o)
{
	int	phase = o->hint != NULL ? o->hint->phase : 0;
	long	in = 0, rot = 0;
	size_t	i;

	if (o->minutes < PLAN_BALANCE_MINUTES || p->total_s == 0)
		return (0);
	for (i = 0; i < p->n; i++) {
		if (plan_phase_work(phase, p->items[i].ex))
			in += p->items[i].duration_s;
		if (p->items[i].ex->motions & MOTION_ROTATION)
			rot += p->items[i].duration_s;
	}
	if (phase >= 1 && phase <= PLAN_NPHASES && 100 * in <
	    (long)(plan_phase_shares[phase - 1].pct + PLAN_BOUND_PCT) *
	    p->total_s)
		return (phase);
	if (100 * rot < (long)(PLAN_ROTATION_PCT + PLAN_BOUND_PCT) *
	    p->total_s)
		return (-1);
	return (0);
}

/*
 * The day's routine is its own choice, unless that holds the exercises
 * the day before turned out to hold; then another draw that holds others
 * (PLAN_REDRAWS tries), and if the plan is still the day before's, the
 * first of its variations, from number `day` on, that differs (a small
 * one if any will do). To know what the day before turned out to be,
 * replay from the latest anchor (is_anchor()). With none
 * in PLAN_LOOKBACK days (the same choice day after day, when everything
 * that fits is planned), replay from a day fixed by the calendar, so a
 * day and the day before replay alike and alternate the same way.
 */
void
plan_make(const struct catalog *c, const struct plan_opts *o, struct plan *p)
{
	struct plan	prev, cur, v, alt;
	size_t		count, k;
	unsigned	r;
	long		day, start;
	int		strict, found = 0, budget;

	for (start = o->day; start > o->day - PLAN_LOOKBACK; start--) {
		plan_day(c, o, start, &cur);
		found = is_anchor(c, o, start, &cur);
		if (found)
			break;
		plan_release(&cur);
	}
	if (!found) {
		start = PLAN_LOOKBACK * floor_div(o->day - 1, PLAN_LOOKBACK);
		plan_day(c, o, start, &cur);
	}
	prev = cur;
	for (day = start + 1; day <= o->day; day++) {
		plan_day(c, o, day, p);
		/* The same exercises as the day before: another draw. */
		for (r = 1; r <= PLAN_REDRAWS && same_set(p, &prev); r++) {
			plan_redraw(c, o, day, r, &alt);
			if (!same_set(&alt, &prev) && (within_slack(&alt, o) ||
			    !within_slack(p, o))) {
				plan_release(p);
				*p = alt;
			} else
				plan_release(&alt);
		}
		/*
		 * The same plan again: a variation of a dose, unless the
		 * plan is short (everything that fits is in, as far as it
		 * goes), when lowering a dose would only lose time.
		 */
		for (strict = 1; strict >= 0 && within_slack(p, o) &&
		    plan_equal(p, &prev); strict--) {
			variation(p, o, strict, 0, &count);
			for (k = 0; k < count; k++) {
				plan_copy(&v, p);
				variation(&v, o, strict,
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
	if (start == o->day)
		*p = prev;
	p->fit.known = 1;
	p->fit.place = o->place;
	p->fit.equipment = o->equipment;
	p->fit.limits = o->limits;
	budget = o->minutes * 60;
	p->short_s = budget - p->total_s >
	    budget * params_of(o)->slack_pct / 100 ? budget - p->total_s : 0;
	p->bound = p->short_s > 0 ? bound_of(p, o) : 0;
}

void
plan_lighter(const struct plan_opts *lower, struct plan *p)
{
	struct prescription	 rx;
	struct plan		 trial;
	struct plan_item	*it;
	size_t			 i, best;
	int			 usual = p->total_s, budget = lower->minutes * 60;
	int			 pass;

	for (i = 0; i < p->n; i++) {
		it = &p->items[i];
		plan_dose(it->ex, lower, &rx);
		/* Each part the less of the two: both are in the range. */
#define LESS(f) if (rx.f < it->rx.f) it->rx.f = rx.f
		LESS(sets);
		LESS(reps);
		LESS(hold_s);
		LESS(breaths);
#undef LESS
	}
	arrange(p);
	while (p->n > 1 && 100 * (long)p->total_s > (long)PLAN_LIGHTER_PCT *
	    usual) {
		best = p->n;
		for (pass = 0; pass < 3 && best == p->n; pass++)
			for (i = 0; i < p->n; i++) {
				if (pass < 2 && (sole_need(p, lower, i) ||
				    !stage_held(p, p->items[i].ex->stage, i)))
					continue;
				if (pass == 0) {
					plan_copy(&trial, p);
					memmove(&trial.items[i],
					    &trial.items[i + 1], (p->n - i -
					    1) * sizeof *p->items);
					trial.n--;
					arrange(&trial);
					if (gaps(&trial, lower) > gaps(p, lower) ||
					    plan_floor_blocks(&trial) > 1) {
						free(trial.items);
						continue;
					}
					free(trial.items);
				}
				if (best == p->n || p->items[i].duration_s >
				    p->items[best].duration_s)
					best = i;
			}
		if (best == p->n)
			break;
		memmove(&p->items[best], &p->items[best + 1],
		    (p->n - best - 1) * sizeof *p->items);
		p->n--;
		arrange(p);
	}
	p->lighter = 1;
	p->short_s = budget - p->total_s > 0 ? budget - p->total_s : 0;
}

void
plan_release(struct plan *p)
{
	free(p->items);
	p->items = NULL;
	p->n = 0;
	p->total_s = 0;
}

void
plan_one(const struct catalog *c, const struct plan_opts *o,
    const char *const *ranked, size_t nranked, struct plan *p)
{
	const struct exercise	*e, *pick = NULL;
	struct prescription	 rx;
	size_t			 i, nfit = 0, k;
	int			 max = params_of(o)->one_max_s;

#define ONE_FITS(e) (plan_fits((e), o) && \
	(dose_min(&(e)->dose, &rx), dose_duration_s(&rx) <= max))
	for (i = 0; i < nranked && pick == NULL; i++)
		if ((e = catalog_find(c, ranked[i])) != NULL && ONE_FITS(e))
			pick = e;
	if (pick == NULL) {
		/* A rotation exercise that fits, a different one each day. */
		for (i = 0; i < c->n; i++)
			nfit += (c->ex[i].motions & MOTION_ROTATION) &&
			    ONE_FITS(&c->ex[i]);
		if (nfit == 0)
			return;
		k = (size_t)(((o->day % (long)nfit) + (long)nfit) %
		    (long)nfit);
		for (i = 0; i < c->n && pick == NULL; i++)
			if ((c->ex[i].motions & MOTION_ROTATION) &&
			    ONE_FITS(&c->ex[i]) && k-- == 0)
				pick = &c->ex[i];
	}
#undef ONE_FITS
	p->items = xcalloc(1, sizeof *p->items);
	p->n = 1;
	p->items[0].ex = pick;
	dose_min(&pick->dose, &p->items[0].rx);
	p->items[0].duration_s = dose_duration_s(&p->items[0].rx);
	p->total_s = p->items[0].duration_s;
	p->fit.known = 1;
	p->fit.place = o->place;
	p->fit.equipment = o->equipment;
	p->fit.limits = o->limits;
}

void
plan_breathing(const struct catalog *c, struct plan *p)
{
	size_t	i;

	memset(p, 0, sizeof *p);
	for (i = 0; i < c->n; i++)
		if (c->ex[i].kind == KIND_BREATHING)
			break;
	if (i == c->n)
		return;
	p->items = xcalloc(1, sizeof *p->items);
	p->n = 1;
	p->items[0].ex = &c->ex[i];
	dose_min(&c->ex[i].dose, &p->items[0].rx);
	p->items[0].duration_s = dose_duration_s(&p->items[0].rx);
	p->total_s = p->items[0].duration_s;
}
