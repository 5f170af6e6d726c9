/*
 * store.h -- the SQLite store: sessions, their exercises, pain ratings, the
 * safety screen and exercises set aside.
 *
 * Every time is given by the caller as Unix milliseconds UTC, with the
 * local UTC offset in minutes where the local day matters; the store never
 * reads the clock. Every write is one committed transaction, so whatever a
 * call has returned 0 for survives a crash or a SIGKILL a moment later.
 * Errors are returned through char **cause: an allocated message the caller
 * must free (cause may be NULL when the caller does not want it). Nothing
 * here prints.
 */
#ifndef MIDBACK_STORE_H
#define MIDBACK_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/session.h"
#include "core/stats.h"

/* The schema version this program writes and understands. */
#define STORE_SCHEMA_VERSION	10

struct store;

/*
 * What went wrong with the storage itself, as the last failing call on
 * this thread met it; its message says so in words ("cannot add the
 * check-in in 'PATH': the disk is full (database or disk is full)").
 */
enum store_failure {
	STORE_FAIL_NONE,	/* none, or not the storage's fault */
	STORE_FAIL_FULL,	/* the disk is full (or the quota used) */
	STORE_FAIL_UNWRITABLE,	/* the data folder or file is not writable */
	STORE_FAIL_IO,		/* a read or write failed */
	STORE_FAIL_BUSY,	/* another program held the store too long */
	STORE_FAIL_DAMAGED	/* the file is damaged */
};

/*
 * The storage failure this thread met since the last call, which forgets
 * it; STORE_FAIL_NONE if there was none. A front end asks after a call
 * failed, to tell a full disk from a mistake in what it was given (the
 * web app answers 507 or 503 rather than 400).
 */
enum store_failure	 store_failure_take(void);
/* A failure's words, "the disk is full"; NULL for STORE_FAIL_NONE. */
const char		*store_failure_words(enum store_failure);
/*
 * The failure an errno (from SQLite's file system calls, or our own) or
 * an SQLite extended result code stands for (either may be 0).
 */
enum store_failure	 store_failure_of(int sqlite_rc, int errnum);

/* A session's kind. */
enum store_kind {
	STORE_KIND_ROUTINE,
	STORE_KIND_BREAK
};

/* How a session ended. */
enum store_end {
	STORE_END_FINISHED,
	STORE_END_QUIT,
	STORE_END_STOPPED
};

/* What became of one exercise of a session. */
enum store_outcome {
	STORE_ITEM_DONE,
	STORE_ITEM_SKIPPED,
	STORE_ITEM_STOPPED
};

/* When a pain rating was made. */
enum store_moment {
	STORE_MOMENT_BEFORE,	/* before a session */
	STORE_MOMENT_AFTER,	/* after it */
	STORE_MOMENT_CHECKIN	/* on its own */
};

/*
 * The names the schema allows, each list ending in NULL and indexed by
 * the enum above it: session kinds (routine, break), how a session ended
 * (finished, quit, stopped), an item's outcome (done, skipped, stopped)
 * and a pain rating's moment (before, after, checkin). How an exercise
 * felt is the core's enum session_feel: store_feel_names holds the names
 * from FEEL_FINE on (fine, stretch, discomfort, sharp, tingling, burning,
 * numb), and FEEL_NONE is stored as NULL. Export and import read and
 * write these names.
 */
extern const char *const store_kind_names[];
extern const char *const store_end_names[];
extern const char *const store_feel_names[];
extern const char *const store_outcome_names[];
extern const char *const store_moment_names[];

/*
 * The entry of names equal to s, a static string that outlives s; NULL if
 * there is none or s is NULL.
 */
const char	*store_name_find(const char *const *names, const char *s);
/* Entry i of names; NULL if i is negative or past its end. */
const char	*store_name(const char *const *names, int i);

/* One exercise (or one side of one) as the session finished it. */
struct store_item {
	int		 position;	/* order in the plan; unique in
					   its session */
	const char	*exercise;	/* catalog id */
	const char	*side;		/* "left", "right"; NULL if not
					   per side */
	int		 sets_done;
	int		 reps_done;
	int		 holds_done;
	int		 breaths_done;
	enum session_feel feel;		/* FEEL_NONE if not asked */
	enum store_outcome outcome;
	int64_t		 finished_ms;
	int		 replace;	/* 1: update the item already at
					   this position, if any */
};

/* A pain rating: a check-in, or one tied to a session. */
struct store_pain {
	int64_t		 at_ms;
	int		 tz_min;
	int64_t		 session_id;	/* 0 if none */
	enum store_moment moment;
	int		 pain;		/* 0..10 */
	int		 stiffness;	/* 0..10; -1 if not asked */
	const char	*note;		/* NULL if none */
};

/* One answer of the red-flag screen. */
struct store_answer {
	const char	*question;	/* the question's id */
	int		 answer;	/* 1 yes, 0 no */
	int		 cleared;	/* 1: a yes a clinician has cleared
					   (stored in screen_clearances) */
};

/* A session left running, as store_unfinished() finds it. */
struct store_session_info {
	int64_t		 id;
	const char	*kind;		/* "routine" or "break"; static */
	int64_t		 started_ms;
	int		 tz_min;
	char		*plan_json;	/* Owned; freed by
					   store_session_info_release(). */
	int		 n_items;	/* items already recorded */
};
#define STORE_SESSION_INFO_INIT	{ 0, NULL, 0, 0, NULL, 0 }

/*
 * Open the database at path, creating it and any missing parent directory
 * (mode 0700) if needed, and bring its schema up to STORE_SCHEMA_VERSION in
 * one transaction. Returns NULL with *cause set if the file cannot be
 * opened, is not a midback database, or comes from a newer midback; in
 * those cases the file is left exactly as it was. path may be ":memory:".
 */
struct store	*store_open(const char *path, char **cause);
/*
 * A number that changes whenever the database does, by this connection or
 * by another (the CLI beside `serve`): what a cache of answers drawn from
 * the store is keyed by. Returns 0, or -1 with *cause set.
 */
int		 store_stamp(struct store *, int64_t *stamp, char **cause);
/* Finalize every statement and close the database. Accepts NULL. */
void		 store_close(struct store *);
/* The path the store was opened with; valid until store_close(). */
const char	*store_path(const struct store *);

/*
 * Begin a session of kind routine or break, status running, with the
 * plan as JSON text (so a resumed session replays the same items). Sets
 * *id. Returns 0 or -1.
 */
int	store_session_begin(struct store *, enum store_kind kind,
	    int64_t started_ms, int tz_min, const char *plan_json,
	    int64_t *id, char **cause);
/*
 * Record one finished item of a running session, committed before this
 * returns. Fails if the session is not running, or if the position is
 * taken and the item does not say replace.
 * Returns 0 or -1.
 */
int	store_session_item(struct store *, int64_t session_id,
	    const struct store_item *, char **cause);
/*
 * End a running session with status finished, quit or stopped and an
 * optional reason (NULL if none). Returns 0 or -1.
 */
int	store_session_end(struct store *, int64_t id, enum store_end status,
	    int64_t ended_ms, const char *end_reason, char **cause);
/*
 * Set a session's pain rating (0..10) for moment before or after.
 * Allowed whatever the session's status. Returns 0 or -1.
 */
int	store_session_pain(struct store *, int64_t id, enum store_moment moment,
	    int pain, char **cause);
/* Add a pain rating; sets *id if id is not NULL. Returns 0 or -1. */
int	store_pain_add(struct store *, const struct store_pain *,
	    int64_t *id, char **cause);
/*
 * Find the latest session of kind (routine or break, by start time)
 * still running, with the number of items it has recorded. Returns 0 and
 * fills *out, which the caller releases with store_session_info_release();
 * 1 if there is none; -1 on error.
 */
int	store_unfinished(struct store *, enum store_kind kind,
	    struct store_session_info *out, char **cause);
/*
 * End, with status (quit, finished, ...) and reason (or NULL), the
 * sessions of kind still running that started before before_ms: all of
 * them, or only session id when id is not 0. Each ends when it last
 * recorded something (or began), not now, so that a session left running
 * does not count the hours after it. Sets *n (if not NULL) to how many.
 * Returns 0 or -1.
 */
int	store_abandon(struct store *, enum store_kind kind, int64_t id,
	    int64_t before_ms, enum store_end status, const char *reason,
	    int *n, char **cause);
/* Free what *info owns and reset it. */
void	store_session_info_release(struct store_session_info *info);
/*
 * Store the red-flag screen's n answers and, if ack is not NULL, the
 * acknowledgement it names (such as "not-medical-advice"), all at at_ms in
 * one transaction. Returns 0 or -1.
 */
int	store_screen_save(struct store *, int64_t at_ms,
	    const struct store_answer *answers, size_t n, const char *ack,
	    char **cause);
/*
 * The next-day answers (core/nextday.h): one a day at most. answer is
 * enum nextday_answer's number (NEXTDAY_SKIPPED is stored as NULL).
 */
struct store_nextday {
	long	 day;		/* the local day it was asked on */
	int64_t	 at_ms;
	int	 answer;
};
/*
 * Store day's answer at at_ms (tz_min the UTC offset then). Returns 0,
 * 1 when that day has one already (nothing stored), or -1.
 */
int	store_nextday_add(struct store *, long day, int64_t at_ms, int tz_min,
	    int answer, char **cause);
/* The answers on days since..until into *v (free()), by day. 0 or -1. */
int	store_nextday_list(struct store *, long since, long until,
	    struct store_nextday **v, size_t *n, char **cause);
/* Whether a routine on local day had an exercise done: 0 or -1. */
int	store_day_active(struct store *, long day, int *active, char **cause);
/* When notice what was said (0: never), and record it said. 0 or -1. */
int	store_notice_get(struct store *, const char *what, int64_t *at_ms,
	    char **cause);
int	store_notice_set(struct store *, const char *what, int64_t at_ms,
	    char **cause);
/* Mean pain (before a session and at check-ins, times 10) on local
 * days since..until into *mean10, and how many ratings into *n. */
int	store_pain_mean(struct store *, long since, long until, int *mean10,
	    int *n, char **cause);
/*
 * Set *done to 1 if screen answers and an acknowledgement have both been
 * stored, else 0. Returns 0 or -1.
 */
int	store_screen_done(struct store *, int *done, char **cause);
/*
 * The time of the last acknowledgement of a screen with answers (0 for
 * none) by now_ms, and of the last check-in with pain of high_pain or
 * more (0 for none). Returns 0 or -1.
 */
int	store_screen_times(struct store *, int64_t now_ms, int high_pain,
	    int64_t *ack_ms, int64_t *high_ms, char **cause);
/*
 * Set exercise aside (by the pain rule) from set_ms until until_ms, for a
 * reason such as "sharp". Returns 0 or -1.
 */
int	store_flag_add(struct store *, const char *exercise,
	    const char *reason, int64_t set_ms, int64_t until_ms,
	    char **cause);
/*
 * What the session gate reads: the times (ms, 0 for none) of the last
 * acknowledgement of the screen, of the screen saved last and whether it
 * was acknowledged (it was not when it did not let a session start), of
 * the last check-in with pain of high_pain or more, and of the end of the
 * last session the pain rule stopped with the advice to see a clinician.
 */
struct store_gate {
	int64_t		 ack_ms;
	int64_t		 screen_ms;	/* of the screen saved last */
	int64_t		 acked;		/* 1: that screen was acknowledged */
	int64_t		 high_ms;
	int64_t		 stop_ms;
};
int	store_gate_read(struct store *, int high_pain, struct store_gate *,
	    char **cause);
/* The end reason a session stopped by the pain rule is stored with. */
#define STORE_REASON_CLINICIAN	"pain rule: see a clinician"
/* The lists of ids store_ids() reads, and what its arg is for each. */
enum store_ids {
	STORE_IDS_SCREEN_YES,	/* the screen's questions whose latest answer
				   by arg (ms) is yes, by id */
	STORE_IDS_ASIDE,	/* the exercises set aside at arg (ms): until
				   after it, by id */
	STORE_IDS_SESSION,	/* the exercises session arg (its id) has
				   recorded, by position */
	STORE_IDS_SCREEN_AT,	/* the questions answered yes by the screen
				   saved at arg (ms), in the order asked */
	STORE_IDS_CLEARED_AT,	/* the questions a clinician's clearance
				   covers at the screen saved at arg (ms) */
	STORE_IDS_DAY_FEELS,	/* "exercise feel" for each exercise of a
				   routine on local day arg rated sharp or
				   stretch (sharp first) */
	STORE_IDS_COUNT
};
/*
 * One of those lists into *ids and *n; free it with store_ids_free().
 * Returns 0 or -1.
 */
int	store_ids(struct store *, enum store_ids, int64_t arg, char ***ids,
	    size_t *n, char **cause);
/* Free a list from store_ids(). Accepts NULL. */
void	store_ids_free(char **ids, size_t n);
/*
 * When exercise was last done (outcome done), into *ms. Returns 0, 1 if
 * never, -1 on error.
 */
int	store_last_done(struct store *, const char *exercise, int64_t *ms,
	    char **cause);
/*
 * How many of a session's recorded exercises felt sharp, tingling,
 * burning or numb, into *n. Returns 0 or -1.
 */
int	store_session_bad(struct store *, int64_t id, int *n, char **cause);

/* One recorded exercise of a session, as the history reads it back. */
struct store_hitem {
	int		 position;
	char		*exercise;	/* Owned. */
	char		*side;		/* Owned; NULL if not per side. */
	int		 sets_done;
	int		 reps_done;
	int		 holds_done;
	int		 breaths_done;
	const char	*feel;		/* static; NULL if not asked */
	const char	*outcome;	/* static */
	int64_t		 finished_ms;
};

/* What the camera mode saw of one exercise in a session. */
struct store_hcamera {
	char		*exercise;	/* Owned. */
	const char	*what;		/* static: store_camera_names */
	int		 value;		/* reps, seconds, or times said */
};

/* One session or break, with its items in order. */
struct store_hsession {
	int64_t			 id;
	char			 uid[33];
	const char		*kind;		/* static: routine or break */
	int64_t			 started_ms;
	int			 tz_min;
	int64_t			 ended_ms;	/* -1 while running */
	const char		*status;	/* static */
	char			*end_reason;	/* Owned; NULL if none. */
	int			 pain_before;	/* -1 if not rated */
	int			 pain_after;	/* -1 if not rated */
	char			*plan_json;	/* Owned. */
	struct store_hitem	*items;		/* Owned array. */
	size_t			 nitems;
	struct store_hcamera	*camera;	/* Owned array, by exercise
						   and what. */
	size_t			 ncamera;
};

/* One check-in: a pain rating outside a session. */
struct store_hcheckin {
	int64_t		 id;
	char		 uid[33];
	int64_t		 at_ms;
	int		 tz_min;
	int		 pain;
	int		 stiffness;	/* -1 if not given */
	char		*note;		/* Owned; NULL if none. */
};

/* What became of one break reminder. */
struct store_hreminder {
	int64_t		 at_ms;		/* when it was answered */
	int		 tz_min;
	int64_t		 due_ms;
	const char	*kind;		/* static: posture-reset, ... */
	const char	*outcome;	/* static: taken, snoozed, ... */
};

/* An exercise set aside (by the pain rule), from set_ms until until_ms. */
struct store_hflag {
	char		*exercise;	/* Owned */
	char		*reason;	/* Owned; such as "pain rule" */
	int64_t		 set_ms;
	int64_t		 until_ms;	/* after set_ms */
};

struct store_history {
	struct store_hsession	*sessions;	/* by start time, oldest
						   first */
	size_t			 nsessions;
	struct store_hcheckin	*checkins;	/* by time, oldest first */
	size_t			 ncheckins;
	struct store_hreminder	*reminders;	/* by time of answer, oldest
						   first */
	size_t			 nreminders;
	struct store_hflag	*flags;		/* by the time they were set,
						   oldest first */
	size_t			 nflags;
};
#define STORE_HISTORY_INIT	{ NULL, 0, NULL, 0, NULL, 0, NULL, 0 }

/*
 * Keep in h only the sessions, check-ins and reminders for which keep()
 * is true of their time and its UTC offset; the rest are freed. Flags
 * are kept as they are.
 */
void	store_history_keep(struct store_history *,
	    int (*keep)(int64_t at_ms, int tz_min, void *arg), void *arg);
/*
 * Read the sessions that started, and the check-ins made, in [from_ms,
 * to_ms), into *h (which must be empty), in one read transaction so they
 * agree with each other. Returns 0 or -1.
 */
int	store_history(struct store *, int64_t from_ms, int64_t to_ms,
	    struct store_history *h, char **cause);
/* Free what *h owns and leave it empty. */
void	store_history_release(struct store_history *h);
/*
 * Add what h holds and the store lacks, in one transaction: a session or
 * check-in whose uid is already there is left as it is, and a session's
 * items are added by position where missing; a reminder is added unless
 * one with the same kind, times and outcome is there, and an exercise set
 * aside unless it was set aside at the same time already. The ids in h
 * are ignored. Sets *sessions, *checkins, *reminders and *flags (any may
 * be NULL) to how many were new.
 * On any error nothing is added. Returns 0 or -1.
 */
int	store_import(struct store *, const struct store_history *h,
	    int *sessions, int *checkins, int *reminders, int *flags,
	    char **cause);

/* What `midback stats` counts, read from the store. */
struct store_stats {
	struct stats_activity	*acts;		/* every session and break */
	size_t			 nacts;
	struct stats_pain	*pains;		/* ratings since pains_from */
	size_t			 npains;
	struct stats_exercise	*exs;		/* per exercise; ids owned */
	size_t			 nexs;
	struct stats_flag	*flags;		/* set aside now; ids owned */
	size_t			 nflags;
};
#define STORE_STATS_INIT	{ NULL, 0, NULL, 0, NULL, 0, NULL, 0 }

/*
 * Read, in one snapshot, every session and break as a stats_activity (its
 * active time runs to its end, or to its last recorded exercise if it
 * never ended; it counts if it finished or has an exercise done), the
 * pain ratings made from pains_from_ms on (before and after sessions, and
 * check-ins), each exercise's counts of done and of how it felt, and the
 * exercises set aside at now_ms. Returns 0 or -1.
 */
int	store_stats(struct store *, int64_t pains_from_ms, int64_t now_ms,
	    struct store_stats *out, char **cause);
/* Free what *out owns and leave it empty. */
void	store_stats_release(struct store_stats *out);

/*
 * Break reminders: their kinds (posture-reset, wall-angel,
 * daily-session) and outcomes (taken, snoozed, skipped, missed, and
 * natural: the person was away long enough, so the break counts).
 */
extern const char *const store_reminder_names[];
extern const char *const store_reminder_outcomes[];
#define STORE_NOUTCOMES	5
/* Record what became of a reminder due at due_ms. Returns 0 or -1. */
int	store_reminder_add(struct store *, const char *kind, int64_t due_ms,
	    int64_t at_ms, int tz_min, const char *outcome, char **cause);
/*
 * How many reminders since since_ms had each outcome, in the order of
 * store_reminder_outcomes. Returns 0 or -1.
 */
int	store_reminder_counts(struct store *, int64_t since_ms,
	    int counts[STORE_NOUTCOMES], char **cause);
/*
 * Set *done to 1 if a routine that started in [from_ms, to_ms) finished
 * or has an exercise done. Returns 0 or -1.
 */
int	store_routine_done(struct store *, int64_t from_ms, int64_t to_ms,
	    int *done, char **cause);

/* The program over weeks (core/program.h): where it started. */
struct store_program {
	int		 set;		/* 0: never set */
	long		 start_day;	/* local day */
	int		 start_phase;	/* enum program_phase */
	int64_t		 set_ms;
	/* When not set: the local day of the first session, if any. */
	int		 has_first;
	long		 first_day;
};

/* One self-test result (core/program.h's enum program_test). */
struct store_selftest {
	char		 uid[33];	/* empty: make one */
	int64_t		 at_ms;
	int		 tz_min;
	int		 test;		/* enum program_test */
	int		 value;
	int		 extra;		/* -1 if none */
	int		 more;		/* -1 if none */
	int		 method;	/* STORE_TEST_METHOD; 1: the
					   earlier tests (schema 7) */
	char		 measured_by[8];	/* store_measured_names;
					   "" is "manual" */
};
/* How a self-test was measured: "manual", "phone", "camera"; NULL-ended. */
extern const char *const store_measured_names[];
/* The self-tests' method now (core/program.h's tests); 1 before it. */
#define STORE_TEST_METHOD	2

/* One answer of the red-flag screen, and one acknowledgement. */
struct store_hanswer {
	int64_t		 at_ms;
	char		*question;	/* Owned. */
	int		 answer;	/* 1 yes, 0 no */
	int		 cleared;	/* 1: a clinician's clearance of
					   this yes is stored */
};
struct store_hack {
	int64_t		 at_ms;
	char		*what;		/* Owned. */
};

/* What export format 3 adds: the program, self-tests, the screen. */
struct store_program_data {
	struct store_program	 program;
	struct store_selftest	*tests;		/* oldest first */
	size_t			 ntests;
	struct store_hanswer	*answers;
	size_t			 nanswers;
	struct store_hack	*acks;
	size_t			 nacks;
};

/*
 * What the program replays, read lean (no plans, notes or sides): each
 * session and its items' feels, and every pain rating.
 */
struct store_psession {
	int64_t		 started_ms;
	int		 tz_min;
	int		 active;	/* finished, or an item done */
	size_t		 first, n;	/* its items in the items array */
};
struct store_pitem {
	char		*exercise;	/* Owned. */
	enum session_feel feel;		/* FEEL_NONE if not asked */
};
struct store_ppain {
	int64_t		 at_ms;
	int		 tz_min;
	int		 pain;
};
struct store_phistory {
	struct store_psession	*sessions;	/* by start time */
	size_t			 nsessions;
	struct store_pitem	*items;
	size_t			 nitems;
	struct store_ppain	*pains;		/* before, after, check-ins */
	size_t			 npains;
};
void	store_phistory_release(struct store_phistory *h);
/*
 * The program's replay kept at the start of a day, as the core's text
 * (program_checkpoint_encode()). The store drops it as soon as a
 * session, item or pain rating before that day, or the program's
 * start, changes (schema 6's triggers).
 */
struct store_pmark {
	long		 day;
	const char	*data;		/* NULL: none kept */
};
/*
 * Given where the program started and the kept replay (borrowed for the
 * call), the instant from which to read the history; *reviews set to 1
 * asks for the kept replay's reviews too.
 */
typedef int64_t	store_pfrom(void *arg, const struct store_program *p,
		    const struct store_pmark *m, int *reviews);
/*
 * In one snapshot: where the program started (*p), the kept replay
 * (handed to from()), then the sessions that started and the pain
 * ratings made from() on (*h, free with store_phistory_release()), the
 * kept replay's reviews if from() asked for them (*reviews, allocated;
 * else NULL), and *stamp (store_stamp()) for store_program_mark().
 * Returns 0 or -1.
 */
int	store_program_load(struct store *, store_pfrom *from, void *arg,
	    struct store_program *p, struct store_phistory *h,
	    char **reviews, int64_t *stamp, char **cause);
/*
 * Keep the replay at the start of day (data, and apart its reviews, read
 * only when asked for), in place of the one kept, unless the store
 * changed since store_program_load() gave stamp. Returns 1 if kept, 0
 * if not, -1 on failure.
 */
int	store_program_mark(struct store *, int64_t stamp, long day,
	    const char *data, const char *reviews, char **cause);

/* Where the program started into *p. Returns 0 or -1. */
int	store_program_get(struct store *, struct store_program *p,
	    char **cause);
/* Start the program at start_day in phase. Returns 0 or -1. */
int	store_program_set(struct store *, long start_day, int phase,
	    int64_t set_ms, char **cause);
/* A stored result as the core's (core/program.h); day left 0. */
struct program_result;
void	store_selftest_result(const struct store_selftest *,
	    struct program_result *);
/* Whether t is a result of its test, by its method. */
int	store_selftest_valid(const struct store_selftest *t);
/* Add a self-test result, checked by store_selftest_valid(). 0 or -1. */
int	store_selftest_add(struct store *, const struct store_selftest *,
	    char **cause);
/* Every self-test result, oldest first, into d->tests. 0 or -1. */
int	store_selftests(struct store *, struct store_program_data *d,
	    char **cause);
/* The program, self-tests and screen answers into *d. 0 or -1. */
int	store_program_read(struct store *, struct store_program_data *d,
	    char **cause);
void	store_program_data_release(struct store_program_data *d);
/*
 * Add what d holds and the store lacks, in one transaction: the program's
 * start if none is set, self-tests by uid, screen answers and
 * acknowledgements unless the same is there at the same time. Sets
 * *tests and *answers (may be NULL) to how many were new. 0 or -1.
 */
int	store_program_import(struct store *, const struct store_program_data *d,
	    int *tests, int *answers, char **cause);

/*
 * Phones paired with `serve --lan` (store/device.c): a name and the
 * secret of its device cookie (WEB_TOKEN_LEN hex digits).
 */
struct store_device {
	char	*name;
	int64_t	 paired_ms;
	int	 tz_min;
};
/* Keep a paired device; a name already kept is an error. 0 or -1. */
int	store_device_add(struct store *, const char *name, const char *secret,
	    int64_t at_ms, int tz_min, char **cause);
/* The name of the device whose secret is secret: 0 with *name set
 * (allocated), 1 when there is none, -1 on failure. */
int	store_device_find(struct store *, const char *secret, char **name,
	    char **cause);
/* Every paired device, oldest first. 0 or -1. */
int	store_devices(struct store *, struct store_device **v, size_t *n,
	    char **cause);
void	store_devices_free(struct store_device *v, size_t n);
/* Forget the device named name: *gone 1 if it was kept. 0 or -1. */
int	store_device_forget(struct store *, const char *name, int *gone,
	    char **cause);

/*
 * The camera mode's marks (store/camera.c): what is "reps" (counted so
 * far in the exercise: the larger kept), "hold" (seconds held: the
 * larger kept), or a form flag, "chin", "low-back", "hips" or "shrug"
 * (value: times said, added). 0 or -1.
 */
extern const char *const store_camera_names[];
int	store_camera_mark(struct store *, int64_t session_id,
	    const char *exercise, const char *what, int value, char **cause);

#endif
