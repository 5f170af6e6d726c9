/*
 * stats.h -- progress in numbers: streaks, adherence, weekly totals, the
 * pain trend, favourite exercises and what is set aside.
 *
 * Pure: the caller reads the store and the clock and passes everything in
 * (struct stats_input); stats_compute() only counts. Nothing here prints.
 *
 * Days are local days, as days since 1970-01-01 (date.h). Each row
 * carries the UTC offset in force when it happened, and its day is taken
 * with that offset (date_of_ms()), not today's: an activity at 23:30
 * stays on the day the person lived it across a daylight-saving change or
 * a flight.
 */
#ifndef MIDBACK_STATS_H
#define MIDBACK_STATS_H

#include <stddef.h>
#include <stdint.h>

/* Days that adherence looks at: today and the 27 before. */
#define STATS_ADHERENCE_DAYS	28
/* Active seconds a day needs to count for adherence (ten minutes). */
#define STATS_ADHERENCE_S	600
/* Favourites kept in struct stats. */
#define STATS_FAVOURITES	5
/* The most weeks stats_compute() reports (ten years). */
#define STATS_WEEKS_MAX		520
/* The weeks `stats` and the progress page show unless told. */
#define STATS_WEEKS_DEFAULT	8

enum stats_kind {
	STATS_ROUTINE,		/* a session of exercises */
	STATS_BREAK		/* a short break */
};

/* One session or break. */
struct stats_activity {
	int64_t		 start_ms;	/* Unix ms, UTC */
	int		 tz_min;	/* local UTC offset then, minutes */
	int		 kind;		/* enum stats_kind */
	int		 active_s;	/* seconds actually spent; < 0 is 0 */
	int		 counts;	/* 1: finished, or an exercise done */
};

/* One pain rating: before or after a session, or a check-in. */
struct stats_pain {
	int64_t		 at_ms;		/* Unix ms, UTC */
	int		 tz_min;	/* local UTC offset then, minutes */
	int		 pain;		/* 0..10; others are ignored */
};

/* One exercise's history, aggregated by the caller. */
struct stats_exercise {
	const char	*id;		/* Borrowed. */
	int		 done;		/* times done */
	int		 good;		/* rated fine or stretch */
	int		 fair;		/* rated discomfort */
	int		 bad;		/* sharp, tingling, burning, numb */
};

/* An exercise set aside until a time. */
struct stats_flag {
	const char	*id;		/* Borrowed. */
	int64_t		 until_ms;	/* Unix ms, UTC */
};

/* Everything stats_compute() looks at. Arrays are borrowed, any order. */
struct stats_input {
	const struct stats_activity	*acts;
	size_t				 nacts;
	const struct stats_pain		*pains;
	size_t				 npains;
	const struct stats_exercise	*exs;
	size_t				 nexs;
	const struct stats_flag		*flags;
	size_t				 nflags;
	long				 today;		/* local day now */
	int64_t				 now_ms;	/* Unix ms, UTC */
	int				 weeks;		/* 1..STATS_WEEKS_MAX */
};

/* A run of consecutive counting days. */
struct stats_streak {
	int		 days;		/* its length; 0: there is none */
	long		 first;		/* first day, when days > 0 */
	long		 last;		/* last day, when days > 0 */
};

/* One rolling 7-day window. */
struct stats_week {
	long		 first;		/* its first day; it ends first + 6 */
	int		 minutes;	/* sum of active_s / 60, rounded down */
	int		 sessions;	/* routines with counts = 1 */
	int		 breaks;	/* breaks with counts = 1 */
	int		 npain;		/* pain ratings in it */
	double		 pain_mean;	/* their mean; 0 when npain is 0 */
};

struct stats {
	struct stats_streak	 current;	/* ends today or yesterday */
	struct stats_streak	 longest;	/* ever; the latest if tied */
	int			 adherence;	/* days of the last 28 */
	struct stats_week	*weeks;		/* Owned; oldest first. */
	size_t			 nweeks;
	int			 has_pain_change;
	double			 pain_change;	/* last mean - first mean */
	size_t			 favourites[STATS_FAVOURITES];
						/* indices into exs */
	size_t			 nfavourites;
	struct stats_flag	*aside;		/* Owned array; ids borrowed. */
	size_t			 naside;
};

#define STATS_INIT { { 0, 0, 0 }, { 0, 0, 0 }, 0, NULL, 0, 0, 0.0, { 0 }, \
	0, NULL, 0 }

/*
 * An exercise's feel score, (2 * good + fair) / (good + fair + bad), from 0
 * (every rating bad) to 2 (every rating fine or stretch), into *score.
 * Returns 1; 0 with *score set to 0 when it was never rated.
 */
int	stats_feel(const struct stats_exercise *, double *score);

/*
 * Rank the exercises that feel best, best first, writing their indices
 * into order (room for n). An exercise qualifies when it was done at least
 * once and is not set aside now (a flag for its id with until_ms >
 * now_ms): a bad rating weighs in its score, and while it is recent the
 * pain rule's flag keeps it out. The order: rated ones by feel score,
 * highest first,
 * then the never rated; ties by done, most first, then by id. Returns how
 * many qualify. Arrays are borrowed and not changed.
 */
size_t	stats_rank(const struct stats_exercise *exs, size_t n,
	    const struct stats_flag *flags, size_t nflags, int64_t now_ms,
	    size_t *order);

/*
 * Compute every figure of struct stats from in into st, which is
 * overwritten (release it first if it holds anything). Returns 0, or -1
 * with st untouched when in->weeks is outside 1..STATS_WEEKS_MAX. The
 * caller must release st with stats_release(). The definitions:
 *
 * - A day counts when it has an activity with counts = 1 (a routine, a
 *   break or one exercise: the least worth doing is one stretch a day).
 * - The current streak is the run of counting days that holds today or,
 *   if today does not count yet (the day is not over), yesterday; none
 *   when neither counts. The longest is the longest run ever (the latest
 *   of equal ones). Days after today (a flight west) still join runs.
 * - Adherence is how many of the STATS_ADHERENCE_DAYS days ending today
 *   had STATS_ADHERENCE_S active seconds or more, summed over all the
 *   activities of the day, counting or not.
 * - Window i of in->weeks (0 the oldest) covers the days
 *   today - 7 * (weeks - i) + 1 to today - 7 * (weeks - 1 - i).
 * - The pain change is the mean of the last window with ratings minus
 *   that of the first; has_pain_change is 0 (and pain_change 0) unless two
 *   different windows have ratings.
 * - The favourites are the first STATS_FAVOURITES of stats_rank().
 * - Set aside: the flags with until_ms > now_ms, the latest of each id,
 *   sorted by until_ms then id.
 *
 * Linear in the rows and in the days they span; counting days spread
 * sparsely over a long span are sorted instead (n log n).
 */
int	stats_compute(const struct stats_input *in, struct stats *st);

/* Free what st owns and reset it to STATS_INIT. */
void	stats_release(struct stats *st);

#endif
