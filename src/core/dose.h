/*
 * dose.h -- the timing model: what one exercise's dose is today, and how
 * long it takes, phase by phase.
 *
 * An exercise takes get-ready + sides x sets x work + switches + rests.
 * The planner fits the day's budget with dose_duration_s(), and the
 * session plays the phases dose_phases() lists; both come from the same
 * walk below, so the session plays exactly what was planned.
 */
#ifndef MIDBACK_DOSE_H
#define MIDBACK_DOSE_H

#include "catalog.h"

/* The constants of the timing model, all in seconds. */
#define DOSE_GET_READY_S	5	/* before an exercise: get in position */
#define DOSE_BREATH_S		6	/* one slow breath */
#define DOSE_INHALE_S		3	/* the first part of a breath */
#define DOSE_SWITCH_S		5	/* between the left and right side */
#define DOSE_REST_S		15	/* between sets */
#define DOSE_MOVE_S		2	/* into a hold, when a rep has one */
#define DOSE_REP_S		3	/* a rep with no hold, tempo unset */
#define DOSE_CHANGE_S		10	/* down to the floor, or up from it */

/* A concrete dose: one value from each of the catalog's ranges. */
struct prescription {
	int	sets;		/* at least 1 */
	int	reps;		/* per set and side; 0 = none */
	int	hold_s;		/* per hold; 0 = none */
	int	breaths;	/* per set and side; 0 = none */
	int	per_side;	/* 1: left, then right */
	int	tempo_s;	/* seconds per rep (moving part); 0 = default */
	int	change;		/* enum dose_change before it: a change of
				   position the plan gives its own time */
};

/* A change of position before an exercise, between floor and chair. */
enum dose_change {
	CHANGE_NONE,
	CHANGE_DOWN,		/* get down onto the floor */
	CHANGE_UP		/* get up off the floor */
};

enum phase_kind {
	PHASE_READY,		/* get in position */
	PHASE_MOVE,		/* move into a hold */
	PHASE_HOLD,		/* hold still */
	PHASE_REP,		/* one repetition, no hold */
	PHASE_INHALE,
	PHASE_EXHALE,
	PHASE_SWITCH,		/* change sides */
	PHASE_REST,		/* between sets */
	PHASE_CHANGE		/* change position (rep: enum dose_change) */
};

enum side { SIDE_NONE, SIDE_LEFT, SIDE_RIGHT };

struct phase {
	enum phase_kind	kind;
	enum side	side;
	int		set;		/* 1-based */
	int		rep;		/* 1-based rep or breath; 0 if none */
	int		duration_s;
};

/* The smallest dose the catalog allows. */
void	dose_min(const struct dose *, struct prescription *);
/* Whether rx lies within the catalog's ranges. */
int	dose_within(const struct dose *, const struct prescription *);
/*
 * Grow rx by one step toward the catalog's maximum: a rep, a second of
 * hold or a breath, and a set only when nothing else can grow. step picks
 * which part grows first, so repeated calls spread the growth. Returns 1
 * if it grew, 0 if rx is already at the maximum.
 */
int	dose_grow(const struct dose *, struct prescription *, unsigned step);
/* Shrink rx by one step toward the minimum; 0 if already there. */
int	dose_shrink(const struct dose *, struct prescription *);
/* Seconds the whole exercise takes at this dose. */
int	dose_duration_s(const struct prescription *);
/* Seconds of one side of one set (the work, no transitions). */
int	dose_work_s(const struct prescription *);
/*
 * The exercise's phases in order. Returns how many there are; writes at
 * most max of them to out (out may be NULL to count).
 */
int	dose_phases(const struct prescription *, struct phase *out, int max);
/*
 * The dose in words into buf: "hold 20-30 s, 5-10 reps each side" for a
 * catalog dose.
 */
void	dose_describe(const struct dose *, char *buf, size_t len);
/* A prescription in words: "2 sets of 10 reps, hold 5 s, each side". */
void	dose_describe_rx(const struct prescription *, char *buf, size_t len);

#endif
