/*
 * dose.c -- the timing model.
 */
#include <stdio.h>
#include <string.h>

#include "dose.h"

static int
lo(struct range r, int absent)
{
	return (r.min == 0 ? absent : r.min);
}

void
dose_min(const struct dose *d, struct prescription *rx)
{
	memset(rx, 0, sizeof *rx);
	rx->sets = lo(d->sets, 1);
	rx->reps = lo(d->reps, 0);
	rx->hold_s = lo(d->hold_s, 0);
	rx->breaths = lo(d->breaths, 0);
	rx->per_side = d->per_side;
	rx->tempo_s = d->tempo_s;
}

static int
in_range(struct range r, int v, int absent)
{
	if (r.min == 0)
		return (v == absent);
	return (v >= r.min && v <= r.max);
}

int
dose_within(const struct dose *d, const struct prescription *rx)
{
	return (in_range(d->sets, rx->sets, 1) &&
	    in_range(d->reps, rx->reps, 0) &&
	    in_range(d->hold_s, rx->hold_s, 0) &&
	    in_range(d->breaths, rx->breaths, 0) &&
	    rx->per_side == d->per_side && rx->tempo_s == d->tempo_s);
}

int
dose_grow(const struct dose *d, struct prescription *rx, unsigned step)
{
	struct {
		const struct range	*r;
		int			*v;
	} parts[] = {
		{ &d->reps, &rx->reps },
		{ &d->hold_s, &rx->hold_s },
		{ &d->breaths, &rx->breaths },
	};
	unsigned	i, k;

	for (i = 0; i < 3; i++) {
		k = (step + i) % 3;
		if (parts[k].r->min != 0 && *parts[k].v < parts[k].r->max) {
			(*parts[k].v)++;
			return (1);
		}
	}
	if (d->sets.min != 0 && rx->sets < d->sets.max) {
		rx->sets++;
		return (1);
	}
	return (0);
}

int
dose_shrink(const struct dose *d, struct prescription *rx)
{
	if (d->reps.min != 0 && rx->reps > d->reps.min)
		rx->reps--;
	else if (d->hold_s.min != 0 && rx->hold_s > d->hold_s.min)
		rx->hold_s--;
	else if (d->breaths.min != 0 && rx->breaths > d->breaths.min)
		rx->breaths--;
	else if (d->sets.min != 0 && rx->sets > d->sets.min)
		rx->sets--;
	else
		return (0);
	return (1);
}

/*
 * Walk the phases of an exercise, storing them in out when there is room.
 * The single definition of the timing model: the duration is the sum.
 */
int
dose_phases(const struct prescription *rx, struct phase *out, int max)
{
	struct phase	p;
	int		n = 0, sides, set, side, i;

#define EMIT(k, sd, st, r, dur) do {					\
	p.kind = (k); p.side = (sd); p.set = (st); p.rep = (r);		\
	p.duration_s = (dur);						\
	if (out != NULL && n < max)					\
		out[n] = p;						\
	n++;								\
} while (0)

	sides = rx->per_side ? 2 : 1;
	if (rx->change == CHANGE_DOWN || rx->change == CHANGE_UP)
		EMIT(PHASE_CHANGE, SIDE_NONE, 1, rx->change, DOSE_CHANGE_S);
	EMIT(PHASE_READY, rx->per_side ? SIDE_LEFT : SIDE_NONE, 1, 0,
	    DOSE_GET_READY_S);
	for (set = 1; set <= rx->sets; set++) {
		if (set > 1)
			EMIT(PHASE_REST, rx->per_side ? SIDE_LEFT : SIDE_NONE,
			    set, 0, DOSE_REST_S);
		for (side = 0; side < sides; side++) {
			enum side sd = !rx->per_side ? SIDE_NONE :
			    (side == 0 ? SIDE_LEFT : SIDE_RIGHT);

			if (side > 0)
				EMIT(PHASE_SWITCH, sd, set, 0, DOSE_SWITCH_S);
			if (rx->breaths > 0) {
				for (i = 1; i <= rx->breaths; i++) {
					EMIT(PHASE_INHALE, sd, set, i,
					    DOSE_INHALE_S);
					EMIT(PHASE_EXHALE, sd, set, i,
					    DOSE_BREATH_S - DOSE_INHALE_S);
				}
			} else if (rx->reps > 0 && rx->hold_s > 0) {
				for (i = 1; i <= rx->reps; i++) {
					EMIT(PHASE_MOVE, sd, set, i,
					    rx->tempo_s ? rx->tempo_s :
					    DOSE_MOVE_S);
					EMIT(PHASE_HOLD, sd, set, i,
					    rx->hold_s);
				}
			} else if (rx->reps > 0) {
				for (i = 1; i <= rx->reps; i++)
					EMIT(PHASE_REP, sd, set, i,
					    rx->tempo_s ? rx->tempo_s :
					    DOSE_REP_S);
			} else
				EMIT(PHASE_HOLD, sd, set, 0, rx->hold_s);
		}
	}
#undef EMIT
	return (n);
}

int
dose_work_s(const struct prescription *rx)
{
	int	move;

	if (rx->breaths > 0)
		return (rx->breaths * DOSE_BREATH_S);
	if (rx->reps > 0 && rx->hold_s > 0) {
		move = rx->tempo_s ? rx->tempo_s : DOSE_MOVE_S;
		return (rx->reps * (move + rx->hold_s));
	}
	if (rx->reps > 0)
		return (rx->reps * (rx->tempo_s ? rx->tempo_s : DOSE_REP_S));
	return (rx->hold_s);
}

int
dose_duration_s(const struct prescription *rx)
{
	int	sides = rx->per_side ? 2 : 1;

	return ((rx->change == CHANGE_DOWN || rx->change == CHANGE_UP ?
	    DOSE_CHANGE_S : 0) +
	    DOSE_GET_READY_S + sides * rx->sets * dose_work_s(rx) +
	    rx->sets * (sides - 1) * DOSE_SWITCH_S +
	    (rx->sets - 1) * DOSE_REST_S);
}

static void
append(char *buf, size_t len, const char *fmt, const char *what, struct range r)
{
	size_t	used = strlen(buf);
	char	num[32];

	if (used >= len)
		return;
	if (r.min == r.max)
		snprintf(num, sizeof num, "%d", r.min);
	else
		snprintf(num, sizeof num, "%d-%d", r.min, r.max);
	snprintf(buf + used, len - used, fmt, used == 0 ? "" : ", ", num,
	    what);
}

void
dose_describe(const struct dose *d, char *buf, size_t len)
{
	size_t	used;

	if (len == 0)
		return;
	buf[0] = '\0';
	if (d->hold_s.min != 0)
		append(buf, len, "%shold %s%s", " s", d->hold_s);
	if (d->breaths.min != 0)
		append(buf, len, "%s%s%s", d->breaths.max == 1 ? " breath" :
		    " breaths", d->breaths);
	if (d->reps.min != 0)
		append(buf, len, "%s%s%s", d->reps.max == 1 ? " rep" : " reps",
		    d->reps);
	used = strlen(buf);
	if (d->per_side && used < len)
		snprintf(buf + used, len - used, " each side");
	if (d->sets.min != 0)
		append(buf, len, "%s%s%s", d->sets.max == 1 ? " set" : " sets",
		    d->sets);
}

void
dose_describe_rx(const struct prescription *rx, char *buf, size_t len)
{
	struct dose	d;

	memset(&d, 0, sizeof d);
	d.hold_s.min = d.hold_s.max = rx->hold_s;
	d.breaths.min = d.breaths.max = rx->breaths;
	d.reps.min = d.reps.max = rx->reps;
	if (rx->sets > 1)
		d.sets.min = d.sets.max = rx->sets;
	d.per_side = rx->per_side;
	dose_describe(&d, buf, len);
}
