/*
 * program.h -- the program over weeks, for every front end: where the
 * person is in it and why, the self-tests, and starting it again.
 *
 * The rules are the core's (core/program.h); these functions read the
 * history from the store, replay the program on it, and store what the
 * person decides (a start, a self-test result). Like the rest of the
 * coach they print nothing: failures come back as -1 with an allocated
 * message in *err. The browser front end calls the same functions as
 * `midback program`:
 *
 *   coach_program_status()  the state today: phase, week, the reviews
 *                           with their sentences, each exercise's level
 *                           and what unlocks next, the self-test
 *                           results with dates, when the next is due
 *   coach_program_start()   --start-at PHASE and --reset
 *   coach_selftest_save()   one self-test result, from the player's or
 *                           the browser's answers (core's
 *                           program_tests[] has the steps and questions,
 *                           program_answer_parse() reads an answer)
 *
 * coach_plan_today() (coach.h) follows the program by itself, and
 * coach_program_line() is its one line for the day's plan.
 */
#ifndef MIDBACK_COACH_PROGRAM_H
#define MIDBACK_COACH_PROGRAM_H

#include "coach/coach.h"
#include "core/program.h"
#include "store/store.h"

struct coach_program {
	struct program_state	  st;		/* the replay, as of today */
	int			  set;		/* started explicitly */
	struct store_program_data results;	/* .tests: every self-test,
						   oldest first, with dates */
};

/*
 * The program on day `today` (a local day) into *out; free with
 * coach_program_release(). With no store, or no start set, the program
 * began with the first session (or today, if none), in the breathing
 * phase. Returns 0 or -1.
 */
int	coach_program_status(struct coach *, long today,
	    struct coach_program *out, char **err);
void	coach_program_release(struct coach_program *);
/*
 * Start the program again today, at phase (enum program_phase): the
 * history stays, but the replay begins today. The coach needs a store.
 * Returns 0 or -1.
 */
int	coach_program_start(struct coach *, int phase, char **err);
/*
 * Store a self-test result now: value, extra and more as the test's
 * questions give them (-1 for an empty answer). Refused unless
 * program_result_valid(). The coach needs a store. Returns 0 or -1.
 */
int	coach_selftest_save(struct coach *, enum program_test, int value,
	    int extra, int more, char **err);
/*
 * The same, saying how it was measured (by, one of "manual", "phone",
 * "camera": coach_selftest_measure_ok()).
 */
int	coach_selftest_save_by(struct coach *, enum program_test, int value,
	    int extra, int more, const char *by, char **err);
int	coach_selftest_measure_ok(const char *by);
/* The day's line about the program into buf (see program_plan_line()). */
int	coach_program_line(struct coach *, long day, char *buf, size_t len,
	    char **err);
/*
 * coach_plan_today() with the day's line about the program into line
 * (len bytes), from one reading of the history. Returns 0 or -1.
 */
int	coach_plan_program(struct coach *, struct plan_opts *o, struct plan *p,
	    char ***aside, size_t *naside, char *line, size_t len, char **err);
/*
 * For coach_plan_today(): set o->hint to the program's hint for o->day
 * and add to *aside (strdup'ed) the exercises whose unlocked variant
 * takes their place; *h is filled and must be released with
 * program_hint_release() after planning. The day's line goes into line
 * unless it is NULL. After a worse next day (or during a hold), lower,
 * if not NULL, gets the hint with its doses a level down (release it
 * too; lower->phase is 0 on other days) for plan_lighter(), and *h stays
 * the usual; with lower NULL, *h itself is a level down. Returns 0 or
 * -1.
 */
int	coach_program_apply(struct coach *, struct plan_opts *o,
	    struct plan_hint *h, struct plan_hint *lower, char ***aside,
	    size_t *naside, char *line, size_t len, char **err);

#endif
