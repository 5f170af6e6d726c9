/*
 * nextday.h -- the next-day response: how the back is the day after a
 * session, compared with before it, and what that means for today and
 * for the program. Pure: the answers, days and scores are passed in.
 *
 * The rules (DOMAIN.md section 6, "the next day counts"):
 *   - asked once a day, on a day after a day with a session; a skip
 *     counts as asked;
 *   - worse steps that day's doses down one level (nextday_step_down())
 *     and offers the easier option of yesterday's exercises rated sharp
 *     or stretch;
 *   - worse NEXTDAY_HOLD_WORSE times in NEXTDAY_HOLD_DAYS days holds the
 *     program where it was and advises a clinician;
 *   - no improvement in pain or in the self-tests after
 *     NEXTDAY_REVIEW_DAYS days of the program says so once, with the
 *     advice to see a clinician.
 */
#ifndef MIDBACK_NEXTDAY_H
#define MIDBACK_NEXTDAY_H

#include <stddef.h>

#include "plan.h"
#include "program.h"

enum nextday_answer {
	NEXTDAY_BETTER,
	NEXTDAY_SAME,
	NEXTDAY_WORSE,
	NEXTDAY_SKIPPED,	/* asked, and not answered */
	NEXTDAY_NANSWERS
};

#define NEXTDAY_HOLD_WORSE	3	/* worse answers that hold ... */
#define NEXTDAY_HOLD_DAYS	7	/* ... within this many days */
#define NEXTDAY_REVIEW_DAYS	42	/* six weeks of the program */

/* "better", "same", "worse", "skipped". */
const char	*nextday_name(enum nextday_answer);
/*
 * An answer typed in the terminal: better/b, same/s, worse/w (any
 * case), or empty for NEXTDAY_SKIPPED. -1 for anything else.
 */
int		 nextday_parse(const char *text);
/* An answer by its name ("better", "same", "worse"); -1 if none. */
int		 nextday_parse_name(const char *name);

struct nextday_day {
	long	day;		/* days since 1970-01-01, local */
	int	answer;		/* enum nextday_answer */
};

/*
 * Whether to ask on a day: the day before had a session (yesterday
 * active) and nothing was asked yet that day (answered 0).
 */
int	nextday_due(int yesterday_active, int answered);
/* How many of v[0..n) fall on days from..to and have answer a. */
int	nextday_count(const struct nextday_day *v, size_t n, long from,
	    long to, enum nextday_answer a);
/*
 * Whether the program holds on day today: NEXTDAY_HOLD_WORSE worse
 * answers or more in the NEXTDAY_HOLD_DAYS days to today. *since is the
 * day of the answer that made the count (the program holds as it was at
 * that day's start); -1 when not held.
 */
int	nextday_held(const struct nextday_day *v, size_t n, long today,
	    long *since);
/*
 * Step the hint's doses down one level: each exercise at level L of st
 * gets level L - 1's dose (the least dose for level 1). Only the steps
 * of h change.
 */
void	nextday_step_down(const struct program_state *st,
	    struct plan_hint *h);

/* What six weeks of the program are judged on. */
struct nextday_progress {
	long		 start_day;	/* the program began */
	long		 today;
	int		 pain_first10;	/* mean pain x 10, first week; */
	int		 npain_first;	/* from n ratings */
	int		 pain_last10;	/* ... the last 7 days */
	int		 npain_last;
	const int	*first;		/* self-test scores, -1 none */
	const int	*latest;
	size_t		 ntests;
};
/*
 * Whether NEXTDAY_REVIEW_DAYS days of the program have passed with no
 * improvement: the last week's mean pain is not below the first week's
 * (when both have ratings) and no self-test scores better than it first
 * did. With nothing to compare (no pain in both weeks, no self-test done
 * twice), 0: nothing is said without a measure.
 */
int	nextday_no_change(const struct nextday_progress *);

#endif
