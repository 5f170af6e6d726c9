/*
 * coach.h -- the application layer: the rules that join the pure core
 * (plan, session, screen, stats) to the store, for every front end.
 *
 * The terminal player, the plain-line mode and a later web front end all
 * drive a session through these functions: plan, open or resume, send
 * events, record, rate and end. Nothing here prints or reads a terminal;
 * every failure comes back as -1 with an allocated message in *err,
 * which the caller says in its own way and frees. Time comes from the
 * clock the coach was given (sys/clock.h), never from the system.
 */
#ifndef MIDBACK_COACH_H
#define MIDBACK_COACH_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/catalog.h"
#include "core/config.h"
#include "core/plan.h"
#include "core/screen.h"
#include "core/session.h"
#include "core/stats.h"
#include "store/store.h"

struct clock;
struct store;

/* Days an exercise stays out of plans after the pain rule stops it. */
#define COACH_ASIDE_DAYS	7
/*
 * A break takes minutes: one still marked running that began longer ago
 * than this was left by a process that was killed, and is closed.
 */
#define COACH_BREAK_STALE_MS	(3600 * 1000LL)

/* What a coach works with; all borrowed, all outliving it. */
struct coach {
	const struct catalog	*catalog;
	const struct clock	*clock;
	struct store		*store;		/* NULL: no history yet */
	const char		*where;		/* "the terminal", "the
						   browser": said to another
						   front end while playing */
	int			 claimed;	/* holds the store's claim
						   (sys/claim.h) */
};

/* Which kind of session: a routine or a desk break. */
enum coach_kind {
	COACH_ROUTINE,
	COACH_BREAK
};

/*
 * Whether the last call on this thread failed for the storage's sake (a
 * full disk, a folder not writable, ...), forgotten once asked: the web
 * app answers 507 or 503 for it rather than 400.
 */
enum coach_failure {
	COACH_FAIL_NONE,	/* none, or not the storage's fault */
	COACH_FAIL_FULL,	/* the disk is full */
	COACH_FAIL_OTHER	/* any other storage failure */
};
enum coach_failure	coach_failure_take(void);

/*
 * The store, through the coach (history.c): only the coach and the store
 * itself include store/store.h. coach_open() opens (and creates) it at
 * path; coach_close() lets go of it, and of the claim.
 */
int	coach_open(struct coach *, const char *path, char **err);
void	coach_close(struct coach *);
/* A number that changes whenever the store does (0 with no store). */
int	coach_stamp(struct coach *, int64_t *stamp, char **err);
/*
 * The history whose entries fall on local dates since..until (days since
 * 1970-01-01; LONG_MIN and LONG_MAX for no limit), each entry by the UTC
 * offset it had where it happened, into *h (release it with
 * store_history_release()). Empty with no store. 0 or -1.
 */
int	coach_history(struct coach *, long since, long until,
	    struct store_history *h, char **err);
/* Everything an export holds: the history, and the program's data. */
struct coach_export {
	struct store_history		h;
	struct store_program_data	pd;
};
/* Read it all (the program's data only when program is 1). 0 or -1. */
int	coach_export_read(struct coach *, int program, struct coach_export *,
	    char **err);
void	coach_export_release(struct coach_export *);
/* What an import added (n) of what the file held (of), by kind. */
enum coach_imported_kind {
	COACH_IMP_SESSIONS,
	COACH_IMP_CHECKINS,
	COACH_IMP_REMINDERS,
	COACH_IMP_SET_ASIDE,
	COACH_IMP_SELFTESTS,
	COACH_IMP_ANSWERS,
	COACH_IMP_NKINDS
};
struct coach_imported {
	int	 n[COACH_IMP_NKINDS];
	size_t	 of[COACH_IMP_NKINDS];
};
/*
 * An export document read and checked into a struct coach_export, before
 * anything is opened or written: coach_import_read() (0, or -1 with *err
 * naming the record), then coach_import_add() (0 or -1, nothing stored
 * on failure), then coach_export_release().
 */
int	coach_import_read(json_t *doc, struct coach_export *, char **err);
int	coach_import_add(struct coach *, const struct coach_export *,
	    struct coach_imported *, char **err);
/*
 * Both at once: add what an export document (export-format.md) holds
 * and the store lacks. Returns 0; 1 when the document is wrong (*err says where; nothing
 * stored); -1 when the store failed (nothing stored).
 */
int	coach_import(struct coach *, json_t *doc, struct coach_imported *,
	    char **err);

/*
 * What became of a break reminder of kind (store_reminder_names) due at
 * due_ms, recorded now with outcome (store_reminder_outcomes). 0 or -1.
 */
int	coach_reminder(struct coach *, const char *kind, int64_t due_ms,
	    const char *outcome, char **err);
/* *done: a routine started in [from_ms, to_ms) finished or has an
 * exercise done. 0 or -1. */
int	coach_routine_done(struct coach *, int64_t from_ms, int64_t to_ms,
	    int *done, char **err);

/*
 * The plan options every front end takes, with one set of defaults and
 * limits (doc_limits_json() gives them to the page). Each message names
 * what was wrong: "invalid minutes '100' (expected 3 to 60)".
 */
#define COACH_EQUIP_DEFAULT	(EQUIP_CHAIR | EQUIP_WALL | EQUIP_DOORWAY)
enum coach_plan_key {
	COACH_OPT_MINUTES,	/* PLAN_MINUTES_MIN..MAX */
	COACH_OPT_PLACE,	/* desk, floor, any */
	COACH_OPT_EQUIPMENT,	/* a comma list, or none */
	COACH_OPT_DATE		/* YYYY-MM-DD */
};
/* Today, PLAN_MINUTES_DEFAULT minutes, anywhere, COACH_EQUIP_DEFAULT. */
void	coach_plan_defaults(const struct coach *, struct plan_opts *);
/* One option from its text into o. Returns 0 or -1. */
int	coach_plan_option(enum coach_plan_key, const char *value,
	    struct plan_opts *o, char **err);
/* Minutes as a number (a JSON integer; text NULL) or from text. */
int	coach_plan_minutes(long long v, const char *text, struct plan_opts *o,
	    char **err);
/* An equipment list ("chair,band", or "none") into bits. 0 or -1. */
int	coach_parse_equipment(const char *s, unsigned *out, char **err);

/*
 * Plan today's routine for o (o's excluded list is filled here from what
 * the store has set aside; o->day is used as given). Returns 0 or -1.
 * The plan's exclusions are owned by *aside; free them with
 * coach_aside_free(). The plan follows the program over weeks
 * (coach/program.h): its phase's weights, each exercise's least dose,
 * and unlocked variants in place of their base (those bases are added
 * to *aside). o->hint is NULL again on return.
 */
int	coach_plan_today(struct coach *, struct plan_opts *o, struct plan *p,
	    char ***aside, size_t *naside, char **err);
/*
 * Plan, for a busy day, the one exercise the person has rated best that
 * fits o, at its full dose; o->minutes is set to its length. Same
 * exclusions as coach_plan_today(). Returns 0 or -1.
 */
int	coach_plan_one(struct coach *, struct plan_opts *o, struct plan *p,
	    char ***aside, size_t *naside, char **err);
void	coach_aside_free(char **aside, size_t naside);
/*
 * Plan a desk break with what is at hand: the posture reset at its least
 * dose, and a minute of wall angels when the settings' wall_angel_every
 * has passed since the last (never when it is off). Returns 0 with p
 * possibly empty (nothing fits), or -1.
 */
int	coach_plan_break(struct coach *, const struct remind_config *,
	    unsigned equipment, struct plan *p, char **err);

/*
 * The red-flag screen. coach_screen_load() gives the built-in questions
 * (free with screen_free()). coach_screen_needed() sets *needed when the
 * screen is due (core/screen.h, screen_due()): never acknowledged, last
 * acknowledged SCREEN_VALID_DAYS ago or more, or a check-in with pain of
 * SCREEN_RECHECK_PAIN or more since. coach_screen_save() stores what was
 * answered and returns the verdict in *v: only SCREEN_GO lets a session
 * start, and it is acknowledged as "not-medical-advice", or as
 * "cleared-by-clinician" when a yes needed a clinician's clearance.
 * cleared[i] (NULL: none) is 1 when a clinician has cleared the sign
 * answered yes at i: each clearance is stored with its question's id
 * and the time, and the gate opens only when every yes that needs one
 * has its own.
 * Answers are stored even when input ended partway, so nothing said is
 * lost; the screen is asked again next time until it ends in SCREEN_GO.
 * The latest yes answers keep their conditions (`excludes:`) out of
 * every plan made by coach_plan_today() and coach_plan_one().
 */
struct screen	*coach_screen_load(void);
int	coach_screen_needed(struct coach *, int *needed, char **err);
int	coach_screen_save(struct coach *, const struct screen *,
	    const int *answers, size_t nanswered, const int *cleared,
	    int accepted, enum screen_verdict *v, char **err);

/*
 * The next-day response (nextday.c; the rules are core/nextday.h's).
 * coach_nextday() reads what there is on local day `day`: whether to ask
 * coach_nextday_question now (a routine was done the day before and
 * nothing has been asked today; a skip counts as asked), today's answer,
 * the worse answers of the last NEXTDAY_HOLD_DAYS days and whether the
 * program holds, the words for today after a worse answer or a hold
 * (the doses one step lower, the easier option of yesterday's exercises
 * rated sharp or stretch, the advice to see a clinician), and the words
 * after six weeks with no improvement (notice_due until
 * coach_nextday_noticed() records them said). With no store, nothing.
 * Release with coach_nextday_release(), also after a failure.
 */
extern const char coach_nextday_question[];
struct coach_nextday {
	long			 day;
	int			 ask;		/* ask the question now */
	int			 answer;	/* today's (enum nextday_answer),
						   -1 not asked */
	int			 worse7;	/* worse in the last 7 days */
	int			 held;		/* the program holds, */
	long			 held_since;	/* as at this day; -1 */
	int			 no_change;	/* six weeks, no improvement */
	int			 notice_due;	/* ... not said yet */
	char			*advice;	/* for today; NULL */
	char			*notice;	/* the six-week words; NULL */
	struct store_nextday	*answers;	/* the last weeks', by day */
	size_t			 nanswers;
};
int	coach_nextday(struct coach *, long day, struct coach_nextday *,
	    char **err);
void	coach_nextday_release(struct coach_nextday *);
/*
 * Store today's answer (enum nextday_answer; NEXTDAY_SKIPPED for a skip).
 * Returns 0, 1 when there is nothing to ask today or it was answered
 * already (*err says which; nothing stored), or -1.
 */
int	coach_nextday_save(struct coach *, long day, int answer, char **err);
/* Record the six-week words said. 0 or -1. */
int	coach_nextday_noticed(struct coach *, char **err);
/*
 * For planning day: *down when that day's doses step down one level (a
 * worse answer that day, or a hold), and the day the program holds as
 * at (-1 when it does not). 0 or -1.
 */
int	coach_nextday_plan(struct coach *, long day, int *down,
	    long *held_since, char **err);
/* The words of a hold: worse three times in seven days. Allocated. */
char	*coach_nextday_hold_words(void);

/*
 * The session gate (gate.c). Whether a session may begin now, and if not,
 * why, in one sentence every front end shows as it is ("the warning-signs
 * answers include chest pain or trouble breathing: please get medical
 * help first"). coach_gate() only looks; coach_begin() and
 * coach_resume() pass through it themselves.
 */
enum coach_gate_state {
	COACH_GATE_OPEN,	/* a session may begin */
	COACH_GATE_SCREEN,	/* the screen is due: never, 90 days, or a
				   check-in with high pain */
	COACH_GATE_SIGNS,	/* the latest answers hold a sign */
	COACH_GATE_DECLINED,	/* ... stopped short, or refused the notice */
	COACH_GATE_STOPPED,	/* the last session stopped with the advice
				   to see a clinician */
	COACH_GATE_PAIN,	/* pain before of SCREEN_PAIN_STOP or more */
	COACH_GATE_PLAYING	/* a session plays in another process */
};
struct coach_gate {
	enum coach_gate_state	 state;
	int			 ask_screen;	/* ask the screen now */
	int			 first;		/* ... for the first time */
	int			 emergency;	/* SIGNS: one needs help now */
	int			 offer_breathing; /* PAIN: breathing alone */
	char			*why;		/* NULL when open */
	/* PLAYING: who plays, where and since when (wall ms). */
	long			 holder_pid;
	int64_t			 holder_since_ms;
	char			 holder_where[96];
};
/* How long coach_take_over() waits for the other process to let go. */
#define COACH_TAKE_OVER_MS	5000

int	coach_gate(struct coach *, struct coach_gate *, char **err);
void	coach_gate_release(struct coach_gate *);
/* "open", "screen", "signs", "declined", "stopped", "pain", "playing". */
const char *coach_gate_name(enum coach_gate_state);
/* The gate, then the claim taken and kept: 0 open, 1 refused, -1. */
int	coach_gate_enter(struct coach *, struct coach_gate *, char **err);
/*
 * The rule on pain before a session: from SCREEN_PAIN_STOP, exercise is
 * advised against (1, with g's why) unless breathing is 1, the person
 * having chosen breathing alone; calm gets that plan (g->offer_breathing
 * says whether there is one). 0 when the session may go on.
 */
int	coach_gate_pain(struct coach *, int pain, int breathing,
	    struct plan *calm, struct coach_gate *g);
/*
 * Take over the session another process is playing, when the person has
 * said so: that process stops playing (what it finished is stored) and
 * the session stays unfinished, for coach_resume(). Returns 0, 1 when the
 * other did not let go within COACH_TAKE_OVER_MS (*err says so), -1.
 */
int	coach_take_over(struct coach *, char **err);
/* Whether another process has taken over the session played here. */
int	coach_lost(const struct coach *);
/* Let go of the claim (the session is no longer played here). */
void	coach_let_go(struct coach *);

/* A session left unfinished, as coach_unfinished() finds it. */
struct coach_unfinished {
	int64_t		 id;
	int		 n_items;	/* exercises already recorded */
	struct plan	 rest;		/* what is left of its plan */
	int		 readable;	/* 0: its plan could not be read */
};

/*
 * Find the routine left unfinished, if any: returns 1 and fills *u (free
 * with coach_unfinished_release()), 0 if there is none, -1 on error. A
 * break left running for longer than COACH_BREAK_STALE_MS is closed here.
 */
int	coach_unfinished(struct coach *, enum coach_kind,
	    struct coach_unfinished *u, char **err);
void	coach_unfinished_release(struct coach_unfinished *);
/*
 * Close an unfinished session that is not resumed: as finished if every
 * exercise of its plan was recorded (*all_done set), else as quit.
 * Returns 0 or -1.
 */
int	coach_close_unfinished(struct coach *, enum coach_kind,
	    const struct coach_unfinished *, int *all_done, char **err);

/* A session being played. */
struct coach_session {
	struct coach		*coach;
	enum coach_kind		 kind;
	int64_t			 id;		/* the store's session */
	struct session		*s;		/* the core's state machine */
	int64_t			 t0;		/* clock's monotonic ms at start */
	int			 position;	/* the first item's position */
	/* What has been stored, so a changed item is stored again. */
	struct coach_recorded	*rec;
	size_t			 nrec;
	size_t			 asides;	/* set-asides stored so far */
	char			*pain_words;	/* after the latest set-aside:
						   coach_pain_words() */
	int			 pain_before;	/* 0..10, -1 none or resumed */
};

/* What a session begins with. */
struct coach_start {
	enum coach_kind		 kind;
	const struct plan	*plan;
	long			 day;
	int			 minutes;
	const char		*routine;	/* its name, or NULL */
	int			 pain;		/* before: 0..10, -1 skipped */
	int			 breathing;	/* 1: breathing alone, chosen
						   after high pain */
};

/*
 * Begin a new session of st->plan on the store, through the gate: pain
 * before (a routine's) first, then coach_gate_enter(). Recorded at once
 * as running, with the plan (so it can be resumed), the day, the minutes,
 * the routine's name and the pain before. Returns 0 (*out is the session,
 * to free with coach_session_free()), 1 when the gate refuses (g says
 * why; release it), or -1.
 */
int	coach_begin(struct coach *, const struct coach_start *st,
	    struct coach_session **out, struct coach_gate *g, char **err);
/*
 * Resume the unfinished session u through the gate: play what is left
 * of its plan, counting on from the exercises done, with the pain rule's
 * count of bad answers carried over. Returns 0, 1 (refused) or -1.
 */
int	coach_resume(struct coach *, enum coach_kind,
	    const struct coach_unfinished *u, struct coach_session **out,
	    struct coach_gate *g, char **err);
/*
 * The words after a pain answer set exercise id aside: until when, that
 * one more such answer ends the session, the easier option if there is
 * one ("only if the pain has settled"). Allocated.
 */
char	*coach_pain_words(const struct coach_session *, const char *id);
/* The day (days since the epoch) until which an exercise set aside today
 * stays out of the plans. */
long	coach_aside_until(const struct coach_session *);
/*
 * How a session that is over ended, in words every front end shows: the
 * advice to see a clinician after the pain rule stopped it, ended early,
 * a break done, or today's session done ("well done" only when nothing
 * hurt). Allocated.
 */
char	*coach_end_words(const struct coach_session *);
/*
 * The advice after a rise in pain of SCREEN_PAIN_RISE or more from
 * before to after the session (rest, and see a clinician if it does not
 * settle); NULL when there is none (or a rating is missing, -1).
 */
char	*coach_rise_words(int before, int after);
/*
 * Send an event (see session_handle()) at the clock's time now, then
 * store what it finished: each exercise the session has moved past (and
 * again if going back changed it) and each new set-aside. The session's
 * log is left for the caller to show. Returns 0, or -1 if the store
 * failed (the session itself has moved on).
 */
int	coach_event(struct coach_session *, enum session_event, int arg,
	    char **err);
/*
 * How every front end plays a session on: coach_event_keep() sends an
 * event as coach_event() does, keeping the first failure's message in
 * *failed (NULL until then; the caller frees it). After a failure,
 * coach_stop_failed() quits the session unless it is over, and clears
 * the log: what cannot be saved must not be played on as if it were.
 */
void	coach_event_keep(struct coach_session *, enum session_event, int arg,
	    char **failed);
void	coach_stop_failed(struct coach_session *, const char *failed);
/* Milliseconds since the session began, on the coach's clock. */
uint64_t coach_now(const struct coach_session *);
/*
 * End the session in the store with how the core says it ended, at the
 * clock's time now. Returns 0 or -1.
 */
int	coach_end(struct coach_session *, char **err);
/* Pain after the session, 0..10. Returns 0 or -1. */
int	coach_rate_after(struct coach_session *, int pain, char **err);
void	coach_session_free(struct coach_session *);

/*
 * A check-in outside a session: pain and stiffness 0..10 (stiffness -1
 * for none), and a note (NULL for none) that must be valid UTF-8 with no
 * control characters other than tab and newline. Returns 0 or -1.
 */
int	coach_checkin(struct coach *, int pain, int stiffness,
	    const char *note, char **err);

/*
 * What `stats` and the web's progress page show: the store's rows (their
 * pain ratings from the last weeks weeks and a day), the figures computed
 * from them for today, and the reminders' outcomes of the last
 * STATS_ADHERENCE_DAYS (counted as store_reminder_counts() does), and the
 * self-tests' results. doc_stats_json() writes them as one document. With
 * no store, the figures of an empty history. Release with
 * coach_stats_release(), also after a failure.
 */
struct coach_stats {
	long			 today;		/* days since 1970-01-01 */
	int			 tz_min;	/* the UTC offset now */
	struct store_stats	 rows;
	struct stats		 s;
	int			 counts[STORE_NOUTCOMES];
	struct store_program_data tests;	/* the self-tests' results */
};
#define COACH_STATS_INIT	{ 0, 0, STORE_STATS_INIT, STATS_INIT, \
	{ 0 }, { { 0 }, NULL, 0, NULL, 0, NULL, 0 } }

int	coach_stats(struct coach *, int weeks, struct coach_stats *out,
	    char **err);
void	coach_stats_release(struct coach_stats *);

/*
 * Phones paired with `serve --lan` (device.c). coach_device_model():
 * the model a User-Agent names ("Pixel 8", "iPhone"), into buf.
 * coach_device_pair(): keep a device whose cookie carries secret, named
 * from its User-Agent and now ("Pixel 8, paired 5 Dec 10:02"; *name
 * allocated). coach_device_find(): 0 with its name, 1 for no device
 * with that secret. coach_devices(): every name, a NULL-ended array the
 * caller frees with its strings. coach_device_taken(): whether name is a
 * device's whole name, or the start of exactly one's (0, *found its
 * whole name), neither (1), or of several (-1). coach_device_forget():
 * forget that device (0, *forgotten its whole name), or 1 for none.
 * Each returns -1 with *err set on failure.
 */
void	coach_device_model(const char *ua, char *buf, size_t len);
int	coach_device_pair(struct coach *, const char *ua, const char *secret,
	    char **name, char **err);
int	coach_device_find(struct coach *, const char *secret, char **name,
	    char **err);
int	coach_devices(struct coach *, char ***names, size_t *n, char **err);
int	coach_device_taken(struct coach *, const char *name, char **found,
	    char **err);
int	coach_device_forget(struct coach *, const char *name,
	    char **forgotten, char **err);

#endif
