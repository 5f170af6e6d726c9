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

enum plan_place {
	PLAN_ANYWHERE,		/* desk and floor */
	PLAN_DESK,		/* seated or standing at a desk */
	PLAN_FLOOR		/* on a mat */
};
/* The places' names, as options and the web say them ("any", ...). */
extern const struct names plan_places;

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
	/*
	 * The program's phase + 1 (0: none): its own work gets a share of
	 * plans from PLAN_PHASE_MINUTES up (plan_phase_shares[]).
	 */
	int			 phase;
};
/* How much the favoured stage or motions add to an exercise's weight. */
#define PLAN_FAVOUR_WEIGHT	3

/* The balance of plans from PLAN_BALANCE_MINUTES up (issue 22). */
#define PLAN_BALANCE_MINUTES	10
#define PLAN_ROTATION_PCT	25	/* at least this share of rotation */
#define PLAN_STRETCH_PCT	25	/* at most this share of stretches */
/* In plans up to PLAN_ITEM_MAX_MINUTES, no item over PLAN_ITEM_MAX_S
   unless it is at the sources' least dose. */
#define PLAN_ITEM_MAX_MINUTES	15
#define PLAN_ITEM_MAX_S		180

/*
 * Each phase of the program (core/program.h) and its own work: breathing
 * drills, stage 1, stage 2, strength exercises, as a kind and a stage
 * (-1: any), and the least share of a plan it gets.
 */
#define PLAN_NPHASES		4
struct plan_phase_share {
	const char	*words;		/* "breathing drills" */
	int		 kind;		/* enum ex_kind, or -1 */
	int		 stage;		/* or -1 */
	int		 pct;
};
extern const struct plan_phase_share plan_phase_shares[PLAN_NPHASES];
/* Whether e is phase's own work (phase: plan_hint's, 1 to 4). */
int	plan_phase_work(int phase, const struct exercise *e);

/* What a routine must hold, when the time allows. */
enum plan_need {
	PLAN_NEED_ROTATION,	/* a rotation exercise */
	PLAN_NEED_ROTATION_2,	/* a second one (long plans) */
	PLAN_NEED_STRENGTH,	/* a strength exercise (long plans) */
	PLAN_NEED_BREATHING,
	PLAN_NEED_EXTENSION,
	PLAN_NEED_FLEXION,
	PLAN_NEED_SIDE_BEND,
	PLAN_NEED_COUNT
};

/*
 * What the planner weighs. plan_params_default holds the rules of issue
 * 12 and DOMAIN.md; a program over weeks may pass its own (another order
 * of needs, stage weights that shift along the progression).
 */
struct plan_params {
	/* The needs, first met first: when time is short the later go. */
	enum plan_need	 order[PLAN_NEED_COUNT];
	/* From this budget up: rotation twice and a strength exercise. */
	int		 long_minutes;
	/* No one exercise takes more than this share of the session. */
	int		 max_share_pct;
	/* The total comes within this share of the budget, or says why. */
	int		 slack_pct;
	/*
	 * How much each stage is preferred when filling the time beyond
	 * the needs (0 never, 1 as the rest; a day's random draw is
	 * scaled by it).
	 */
	int		 stage_weight[STAGE_MAX + 1];
	/* `--one`: at most this long, at the least dose. */
	int		 one_max_s;
};

extern const struct plan_params plan_params_default;

/* Kept for callers that name them: the defaults' values. */
#define PLAN_STRENGTH_MINUTES	10
#define PLAN_MAX_SHARE_PCT	40
#define PLAN_SLACK_PCT		5
#define PLAN_ONE_MAX_S		180

struct plan_opts {
	int			 minutes;	/* the time budget */
	enum plan_place		 place;
	unsigned		 equipment;	/* EQUIP_* bits at hand */
	unsigned		 limits;	/* LIMIT_* bits: not for these */
	long			 day;		/* days since 1970-01-01 */
	const char *const	*excluded;	/* ids set aside; borrowed */
	size_t			 nexcluded;
	const struct plan_hint	*hint;		/* NULL: none; borrowed */
	/* NULL: plan_params_default. Borrowed. */
	const struct plan_params *params;
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
	/*
	 * Set when the total falls short of the budget by more than the
	 * slack: everything that fits is in, as far as its dose and its
	 * share of the session allow.
	 */
	int			 short_s;
	/*
	 * Set by plan_lighter(): the day after a worse next day, so the
	 * plan is short of its budget on purpose.
	 */
	int			 lighter;
	/*
	 * When short: the share of the balance that holds it there (its
	 * own work at its least share), the phase 1 to 4 or rotation -1;
	 * 0 if none does.
	 */
	int			 bound;
	/*
	 * What the plan was made for (known 0: a routine file, or a plan
	 * read back), so that the easier option a session offers fits it.
	 */
	struct plan_fit {
		int		 known;
		enum plan_place	 place;
		unsigned	 equipment;
		unsigned	 limits;
	}			 fit;
};

#define PLAN_INIT { NULL, 0, 0, 0 }

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
/* A worse next day makes a plan at most this share of its usual time. */
#define PLAN_LIGHTER_PCT	75
/*
 * The day after a worse next day (core/nextday.h): p, the day's usual
 * plan from plan_make(), made lighter under lower (its options with the
 * hint's doses a level down, nextday_step_down()). Each item gets at
 * most its dose under lower; then, while the plan takes more than
 * PLAN_LIGHTER_PCT of its usual time, the longest item goes: one that
 * keeps the balance and is not all of a need or a stage first, then
 * one that is not all of a need or a stage, then any but the last.
 * Nothing is added to fill the time; p->lighter is set, and the plan's
 * short_s says how far it is from the budget.
 */
void	plan_lighter(const struct plan_opts *lower, struct plan *p);
/*
 * The one exercise for a busy day into p (which must be empty): the first
 * of ranked (catalog ids, best first) that is in the catalog, fits o and
 * takes at most params' one_max_s at its least dose; failing that, a
 * rotation exercise that does, a different one each day. Its dose is
 * the catalog's least (the articles' minimum that still counts). A
 * catalog with nothing that fits gives an empty plan.
 */
void	plan_one(const struct catalog *, const struct plan_opts *,
	    const char *const *ranked, size_t nranked, struct plan *p);
/*
 * Why a plan falls short (p->short_s > 0), in one line into buf, e.g.
 * "only 11 minutes of exercises fit at a desk with no equipment".
 */
void	plan_short_reason(const struct plan *, const struct plan_opts *,
	    char *buf, size_t len);
/*
 * The easier option to offer for e under o: its regression, or the
 * regression's, and so on, the first that fits o and is not e. NULL if
 * there is none. o may be NULL: the regression as it is.
 */
const struct exercise *plan_easier(const struct catalog *,
	    const struct exercise *e, const struct plan_opts *o);
/*
 * Breathing alone, at its least dose, for a day too sore for more: the
 * catalog's first breathing drill, or an empty plan.
 */
void	plan_breathing(const struct catalog *, struct plan *p);
/*
 * Where the body is while doing an exercise (its catalog `ground`, not
 * the rooms in `places`): down on the floor, up on a chair or standing,
 * or either way (seated tall, on a chair or cross-legged), which changes
 * nothing: between floor work it is done on the floor. As where the
 * body is now, WHERE_EITHER means not known (before the first exercise
 * done only down or only up).
 */
enum plan_where { WHERE_EITHER, WHERE_FLOOR, WHERE_UP };

enum plan_where plan_where_of(const struct exercise *);
/*
 * The one rule for changes of position, which plans, routine files and
 * a session that changes its sequence all follow: the change (enum
 * dose_change) to make before e when the body is at *at, where *at is
 * then moved to. A change is made only between the floor and up, both
 * known; e done either way changes nothing and leaves *at as it is.
 */
int	plan_change_step(enum plan_where *at, const struct exercise *e);
/*
 * Mark each change of position in p, in its order (from where nothing
 * is known), on the first exercise in the new position, and recompute
 * every duration (a change has its own DOSE_CHANGE_S) and the total.
 * The planner does it after ordering; routine_parse() for a routine
 * file, in the order written.
 */
void	plan_mark(struct plan *p);
/*
 * How many blocks of floor work (by each exercise's ground; either way
 * joins the block it stands in) p holds, in its order (at most one in a
 * plan_make() plan).
 */
int	plan_floor_blocks(const struct plan *);
/* Whether two plans hold the same exercises and doses, in any order. */
int	plan_equal(const struct plan *, const struct plan *);
void	plan_release(struct plan *);

#endif
