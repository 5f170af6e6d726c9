/*
 * plan.h -- today's routine: catalog + constraints + history in, an
 * ordered list of exercises with their doses out.
 */
#ifndef MIDBACK_PLAN_H
#define MIDBACK_PLAN_H

#include <stddef.h>

#include "catalog.h"
#include "dose.h"

#define PLAN_MINUTES_MIN	3
#define PLAN_MINUTES_MAX	60
#define PLAN_MINUTES_DEFAULT	12
/* From this many minutes up, a routine holds a strength exercise. */
#define PLAN_STRENGTH_MINUTES	10
/* How close to the budget the total should come, in seconds. */
#define PLAN_SLACK_S		60

enum plan_place {
	PLAN_ANYWHERE,		/* desk and floor */
	PLAN_DESK,		/* seated or standing at a desk */
	PLAN_FLOOR		/* on a mat */
};

/*
 * A program's hint for the planner (core/program.h builds it): how much
 * each stage is favoured when choosing, a stage and motions favoured
 * further (the weakest self-test), and a least dose above the catalog's
 * for some exercises. Every day still meets the same needs (breathing,
 * strength, the four motions); the hint decides which exercise meets
 * each and which fill the time left.
 */
struct plan_hint {
	unsigned		 stage_weight[STAGE_MAX + 1];	/* 0: 1 */
	int			 favour_stage;	/* -1: none */
	unsigned		 favour_motions;	/* MOTION_* bits */
	const char *const	*ids;		/* exercises with a least dose */
	const int		*steps;		/* dose_grow() steps above the
						   catalog's least, per id */
	size_t			 n;
};
/* How much the favoured stage or motions add to an exercise's weight. */
#define PLAN_FAVOUR_WEIGHT	3

struct plan_opts {
	int			 minutes;	/* the time budget */
	enum plan_place		 place;
	unsigned		 equipment;	/* EQUIP_* bits at hand */
	long			 day;		/* days since 1970-01-01 */
	const char *const	*excluded;	/* ids set aside; borrowed */
	size_t			 nexcluded;
	const struct plan_hint	*hint;		/* NULL: none; borrowed */
};

struct plan_item {
	const struct exercise	*ex;		/* Borrowed from the catalog. */
	struct prescription	 rx;		/* today's dose */
	int			 duration_s;
};

struct plan {
	struct plan_item	*items;		/* Owned array, in order. */
	size_t			 n;
	int			 total_s;
};

#define PLAN_INIT { NULL, 0, 0 }

/* Whether an exercise may be planned under these options. */
/*
 * The least dose the plan gives e under o: the catalog's least, grown by
 * the hint's steps for it, if any.
 */
void	plan_least(const struct exercise *, const struct plan_opts *,
	    struct prescription *);

int	plan_fits(const struct exercise *, const struct plan_opts *);
/*
 * Plan the day's routine into p (which must be empty). The same catalog,
 * options and day always give the same plan. Never fails; a catalog with
 * nothing that fits gives an empty plan.
 */
void	plan_make(const struct catalog *, const struct plan_opts *,
	    struct plan *p);
/*
 * The one exercise for a busy day into p (which must be empty): the first
 * of ranked (catalog ids, best first) that is in the catalog and fits o;
 * failing that, a rotation exercise that fits, a different one each day.
 * Its dose is the catalog's full dose, every range at its top. A catalog
 * with nothing that fits gives an empty plan.
 */
void	plan_one(const struct catalog *, const struct plan_opts *,
	    const char *const *ranked, size_t nranked, struct plan *p);
/* Whether two plans hold the same exercises and doses, in any order. */
int	plan_equal(const struct plan *, const struct plan *);
void	plan_release(struct plan *);

#endif
