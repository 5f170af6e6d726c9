/*
 * program.h -- the program over weeks: phases along the order of work,
 * progressions of each exercise, and the self-tests that measure the
 * back. Pure: the history and today's day are passed in as data, and
 * the whole program is replayed from them, so a unit test runs twelve
 * weeks of history in microseconds.
 *
 * Phases follow DOMAIN.md section 3: breathing, extension, ribcage and
 * shoulder blades, rotation and side-bending strength. A review every 7
 * days from the program's start decides, in one sentence:
 *   - step back a phase when the week's mean pain rose by 2 or more over
 *     the week before, after two sharp or nerve-like answers in the
 *     week, or after 21 days or more with nothing done;
 *   - advance when the phase's weeks are up, the week held at least 4
 *     active days, pain has not risen and no answer was sharp or
 *     nerve-like;
 *   - hold otherwise.
 *
 * Each exercise climbs in PROGRAM_LEVELS levels from the least dose of
 * its ranges to the full dose, a level for every two sessions in a row
 * it was rated fine; past the full dose, two more unlock its harder
 * variant (program_progression()). A sharp or nerve-like answer puts it
 * back to its least dose and takes back the variant of any exercise it
 * is the variant of.
 */
#ifndef MIDBACK_PROGRAM_H
#define MIDBACK_PROGRAM_H

#include <stddef.h>

#include "catalog.h"
#include "plan.h"
#include "session.h"

enum program_phase {
	PROGRAM_BREATHING,
	PROGRAM_EXTENSION,
	PROGRAM_RIBCAGE,
	PROGRAM_STRENGTH,
	PROGRAM_NPHASES
};

#define PROGRAM_REVIEW_DAYS	7	/* a review each week */
#define PROGRAM_MIN_ACTIVE	4	/* active days a week to advance */
#define PROGRAM_PAIN_RISE	2	/* a rise in mean pain that steps back */
#define PROGRAM_RED_BACK	2	/* red answers in a week that step back */
#define PROGRAM_BREAK_DAYS	21	/* days away that step back */
#define PROGRAM_LEVELS		4	/* least dose (0) to full dose */
#define PROGRAM_FINE_ROW	2	/* sessions in a row rated fine */
#define PROGRAM_TEST_DAYS	14	/* self-tests every two weeks */

/* Weeks each phase lasts at least; the last is open-ended (0). */
extern const int program_phase_weeks[PROGRAM_NPHASES];

const char	*program_phase_name(enum program_phase);	/* "extension" */
const char	*program_phase_title(enum program_phase); /* words for people */
/* A phase's name, or its number 1-4, back to the phase; -1 if neither. */
int		 program_phase_parse(const char *);

/*
 * The self-tests: four measurements, each from a published test with a
 * known reliability (docs/selftests.md names each source), done the
 * same way each time, both sides where the body has two, and scored
 * against the source's reference value as a percent of it, so that the
 * weakest compares like with like.
 */
enum program_test {
	TEST_ROTATION,		/* seated rotation, pelvis fixed, degrees
				   each way from a phone's compass */
	TEST_WALL_ANGEL,	/* seated wall angel, 0-3 contacts a side */
	TEST_EXTENSION,		/* upper-back curve: C7 to the wall, cm */
	TEST_BREATHING,		/* breaths a minute at rest, which hand
				   moves first */
	TEST_COUNT
};

/* How a self-test question is answered. */
enum program_answer {
	ANSWER_YES_NO,		/* 1 yes, 0 no */
	ANSWER_YES_PARTLY_NO,	/* 2 yes, 1 partly, 0 no */
	ANSWER_NUMBER,		/* lo..hi */
	ANSWER_CHOICE		/* one of choices[]: its index */
};

#define PROGRAM_TEST_QUESTIONS	3	/* value, extra, more */

struct program_question {
	const char		*text;
	enum program_answer	 type;
	int			 lo, hi;	/* ANSWER_NUMBER */
	int			 optional;	/* may be left empty (-1) */
	const char		*unit;		/* ANSWER_NUMBER: "degrees";
						   NULL if none */
	const char *const	*choices;	/* ANSWER_CHOICE: ends in
						   NULL; the first letter of
						   each tells it too */
	const char		*label;		/* the answer's short name:
						   "left", "reps" */
};

/*
 * A self-test: what it measures, what to do, then its questions. The
 * answers are the result's value, extra and more, in that order. A
 * test with sides asks the left first (value), then the right (extra).
 */
struct program_test_def {
	const char			*id;		/* "rotation" */
	const char			*name;
	const char			*measures;	/* "thoracic rotation,
							   each way" */
	const char *const		*steps;		/* ends in NULL */
	const char			*figure;	/* a catalog exercise
							   whose figure shows
							   the position */
	const char			*figure_text;	/* what of the figure
							   to follow */
	int				 sides;		/* value left, extra
							   right */
	const char			*reference;	/* the score's 100, in
							   words */
	const char			*source;	/* author, year */
	struct program_question		 q[PROGRAM_TEST_QUESTIONS];
	int				 nq;
};

extern const struct program_test_def program_tests[TEST_COUNT];
/* A test's id back to the test; -1 if unknown. */
int	program_test_parse(const char *id);
/*
 * Read one answer to q from text (yes/y/no/n/partly/p, a choice or its
 * first letter, or a whole number). Empty text is -1 if q is optional.
 * Returns 0 and sets *v, or -1.
 */
int	program_answer_parse(const struct program_question *q,
	    const char *text, int *v);

/* What the program reads from the history; every day is a local day. */
struct program_item {
	const char		*exercise;	/* Borrowed. */
	enum session_feel	 feel;		/* FEEL_NONE if not asked */
};

struct program_session {
	long				 day;
	int				 active;	/* finished, or an
							   exercise done */
	const struct program_item	*items;		/* done, per side */
	size_t				 nitems;
};

struct program_pain {
	long	day;
	int	pain;		/* 0..10 */
};

/*
 * One self-test result. Results kept before these tests (the store's
 * method 1: an angle on the stiffer side, finger widths, yes or no) are
 * `earlier`: described as they were, but not scored, not in a set and
 * not compared with the tests now.
 */
struct program_result {
	long			day;
	enum program_test	test;
	int			value;
	int			extra;		/* -1 if none */
	int			more;		/* -1 if none */
	int			earlier;	/* of the earlier tests */
};

/*
 * Whether r is a whole result of its test: each answer within its
 * question's range and the needed ones given (an earlier result: as
 * the earlier tests took them).
 */
int	program_result_valid(const struct program_result *r);
/*
 * A result as a percent of its source's reference value: 100 reaches
 * it, more is past it; the test's sides score by the lower. -1 for an
 * earlier result.
 */
int	program_result_score(const struct program_result *r);
/* One side's answer of a test with sides as a percent of the same. */
int	program_side_score(enum program_test, int v);
/*
 * A result in words: "left 40, right 32 degrees (8 apart)", "14 breaths
 * a minute, belly first"; an earlier result says so.
 */
void	program_result_describe(const struct program_result *r, char *buf,
	    size_t len);

struct program_input {
	long				 start_day;	/* the program began */
	enum program_phase		 start_phase;
	/* Each array in order of day (binary searched). */
	const struct program_session	*sessions;	/* by day */
	size_t				 nsessions;
	const struct program_pain	*pains;		/* by day */
	size_t				 npains;
	const struct program_result	*results;	/* by day */
	size_t				 nresults;
};

enum program_move {
	MOVE_START,
	MOVE_HOLD,
	MOVE_ADVANCE,
	MOVE_BACK
};

/* One weekly review, or the start. */
struct program_review {
	long			 day;
	enum program_move	 move;
	enum program_phase	 phase;		/* after the review */
	char			 why[256];	/* one sentence */
};

/* One exercise's place on its way up. */
struct program_level {
	const struct exercise	*ex;		/* Borrowed from the catalog. */
	int			 level;		/* 0..PROGRAM_LEVELS */
	int			 row;		/* sessions in a row rated fine */
	int			 unlocked;	/* its variant replaces it */
	long			 changed;	/* day of the last change; -1 */
};

struct program_state {
	long			 today;
	long			 start_day;
	enum program_phase	 phase;
	long			 phase_since;	/* day the phase began */
	int			 week;		/* of the program, from 1 */
	int			 phase_week;	/* of the phase, from 1 */
	struct program_review	*reviews;	/* Owned; oldest first, the
						   start first */
	size_t			 nreviews;
	size_t			 reviews_cap;	/* room in reviews */
	size_t			 reviews_before; /* left out before those:
						   see program_run_from() */
	struct program_level	*levels;	/* Owned; catalog order */
	size_t			 nlevels;
	/* The last 7 days, as the next review will see them. */
	int			 active7;
	int			 red7;
	/*
	 * Self-tests, in sets of all four: a set begun is partial until
	 * each test has a result, and then the next is due two weeks on
	 * (a result within those weeks is a retake, not a new set).
	 */
	long			 last_test;	/* a set was whole; -1 */
	long			 next_test;	/* due from this day */
	int			 partial;	/* a set is begun, not whole */
	int			 pending[TEST_COUNT];	/* asked next */
	int			 weakest;	/* enum program_test; -1 */
	int			 latest[TEST_COUNT];	/* score; -1 none */
	int			 first[TEST_COUNT];	/* score; -1 none */
};

/*
 * Replay the program from in's start to today into *st (free with
 * program_release()). Only what happened before today is reviewed;
 * history after today is ignored. The same input always gives the
 * same state.
 */
void	program_run(const struct catalog *, const struct program_input *in,
	    long today, struct program_state *st);
void	program_release(struct program_state *);

/*
 * A checkpoint: the replay's state at the start of a day (the phase,
 * the reviews so far, each exercise's level, and the counters the
 * reviews read), so that a later replay can begin there instead of at
 * the program's start and read only the history from PROGRAM_LOOKBACK
 * days before it. The replay from a checkpoint gives exactly the state
 * the whole replay gives, as long as the history before its day is the
 * same (the store drops a checkpoint when that history changes).
 */
struct program_checkpoint {
	long			 day;		/* the state at its start */
	long			 start_day;	/* what it was replayed from */
	enum program_phase	 start_phase;
	enum program_phase	 phase;
	long			 phase_since;
	long			 break_from;	/* the break last stepped back
						   for */
	long			 last_active;	/* latest active day before
						   day; far back if none */
	struct program_review	*reviews;	/* Owned; those before day */
	size_t			 nreviews;
	size_t			 reviews_before; /* left out before those */
	struct program_level	*levels;	/* Owned; catalog order */
	size_t			 nlevels;
};

/* The days before a checkpoint that a replay from it reads. */
#define PROGRAM_LOOKBACK	(2 * PROGRAM_REVIEW_DAYS)
/*
 * The text's version: bump it whenever a rule or a sentence of the
 * replay changes, so that checkpoints stored before are replayed again
 * (t-program.c's rules_fingerprint test fails until it is).
 */
#define PROGRAM_CHECKPOINT_VERSION	2

/*
 * Replay the program from its start, or from `from` when
 * program_checkpoint_fits() it, to the start of `day`, into *out (free
 * with program_checkpoint_release()). day is at least in's start day.
 */
void	program_checkpoint(const struct catalog *,
	    const struct program_input *in,
	    const struct program_checkpoint *from, long day,
	    struct program_checkpoint *out);
void	program_checkpoint_release(struct program_checkpoint *);
/*
 * Whether a replay to today may begin at cp: it was made with this
 * catalog, from in's start, and its day is from that start to today.
 */
int	program_checkpoint_fits(const struct catalog *,
	    const struct program_checkpoint *cp,
	    const struct program_input *in, long today);
/*
 * program_run(), beginning at `from` when it fits (then in need hold
 * the history only from PROGRAM_LOOKBACK days before from's day), and
 * at the program's start otherwise. A checkpoint decoded without its
 * reviews gives the same state but for the reviews before its day:
 * st->reviews holds only the last of those and the later ones, and
 * st->reviews_before counts those left out.
 */
void	program_run_from(const struct catalog *,
	    const struct program_input *in,
	    const struct program_checkpoint *from, long today,
	    struct program_state *st);
/*
 * A checkpoint as text, to store (allocated), and back. The reviews,
 * which grow a line a week, go apart into *reviews (allocated; NULL if
 * cp was decoded without them), so that a plan need not read them: the
 * text holds their count and the last. Decoding the text gives the
 * checkpoint with reviews_before left out, and refuses (-1) a text of
 * another version, or made with another catalog (its exercises in
 * another order), or damaged in any way; program_checkpoint_reviews()
 * then puts them all back, or refuses (-1, cp unchanged) a text that
 * does not end with the reviews cp holds.
 */
char	*program_checkpoint_encode(const struct program_checkpoint *cp,
	    char **reviews);
int	 program_checkpoint_decode(const struct catalog *, const char *text,
	    struct program_checkpoint *out);
int	 program_checkpoint_reviews(struct program_checkpoint *cp,
	    const char *reviews);
/* The latest review (the start when there is none yet). */
const struct program_review *program_last(const struct program_state *);
/* An exercise's level; NULL if it is not in the catalog. */
const struct program_level *program_level_of(const struct program_state *,
	    const char *id);

/*
 * The harder variant an exercise leads to, or NULL: a band, a dumbbell,
 * more sets, a longer hold, a full side plank. The table is in
 * program.c; both ids must be in the catalog for it to count.
 */
const char	*program_progression(const struct catalog *,
		    const struct exercise *);
/*
 * What a dose level means: the catalog's least dose grown level /
 * PROGRAM_LEVELS of the way to its full dose, in dose_grow() steps.
 */
int	program_dose_steps(const struct dose *, int level);

/*
 * The planner's hint for today (plan.h): the phase's stage weights, the
 * weakest self-test's stage or motions, and each exercise's least dose.
 * The arrays are owned by h; free with program_hint_release().
 */
void	program_hint(const struct program_state *, struct plan_hint *h);
void	program_hint_release(struct plan_hint *h);
/*
 * The ids whose variant is unlocked and fits o, so the variant takes
 * their place today: borrowed from the catalog, into an allocated
 * array the caller frees (the strings are not its to free).
 */
/*
 * The exercises still locked (into *ids, allocated; the strings are the
 * catalog's): each one some exercise names as its harder option, none
 * of which has unlocked it yet. st NULL: a program not begun, where
 * every such exercise is locked. Returns how many.
 */
size_t	program_locked(const struct program_state *st,
	    const struct catalog *c, const char ***ids);
size_t	program_replaced(const struct program_state *, const struct catalog *,
	    const struct plan_opts *o, const char ***ids);
/*
 * One line for the day's plan: how it follows the program. Into buf.
 */
void	program_plan_line(const struct program_state *, char *buf,
	    size_t len);
/*
 * What comes next for an exercise in words ("2 more sessions rated fine
 * for a bigger dose", "unlocks band-pull-apart"), into buf; empty if
 * nothing (the full dose with no variant).
 */
void	program_next_step(const struct program_state *, const struct catalog *,
	    const struct program_level *, char *buf, size_t len);

#endif
