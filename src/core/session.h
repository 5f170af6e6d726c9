/*
 * session.h -- the session state machine: events and now_ms in, the next
 * deadline out.
 *
 * A session plays a plan's exercises one after the other. Each exercise
 * plays exactly the phases dose_phases() lists (WORK), then asks how it
 * felt (FEEL). A bad answer, or SEV_HURT during the work, sets the
 * exercise aside and offers its regression (OFFER); two bad answers end
 * the session with advice to see a clinician (DONE). The session never
 * reads the clock: every event carries now_ms, a monotonic time in
 * milliseconds, so a test plays a whole routine in microseconds.
 *
 * Timing: the current exercise has an origin, the time its first phase
 * began, and each phase ends at origin + the sum of the planned durations
 * up to it. Deadlines are never built by adding to the time of the last
 * tick, so lateness never accumulates. The origin moves only for what the
 * person does: a pause and resume shift it by the pause, and an exercise
 * started by skip, back or an answer begins at that event's now_ms.
 *
 * Changes of position: each item starting marks the change of position
 * (a PHASE_CHANGE of DOSE_CHANGE_S first) of it and of every item after
 * it again, by the plans' rule (plan_change_step()), from where the body
 * is: where the last change played to its end took it, or the last
 * exercise started without one that is done only down or only up. A
 * plan played straight through keeps the marks it came with; an easier
 * option put in (its ground may differ from the exercise it replaces),
 * a skip, a back or an exercise passed over as set aside moves the
 * marks to where the body really changes position, and items' rx.change
 * and duration_s follow.
 *
 * Contract for the caller's loop: after any event, arm a timer for
 * session_deadline() and send SEV_TICK when it fires. One SEV_TICK
 * processes every phase that ended by now_ms, in order, however late it
 * is; each transition is appended to the log (session_log()), which the
 * caller reads to draw, speak or trace, then clears.
 */
#ifndef MIDBACK_SESSION_H
#define MIDBACK_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "catalog.h"
#include "dose.h"
#include "plan.h"

/* SEV_BACK restarts the exercise when more than this far into it. */
#define SESSION_BACK_MS		3000
/* Bad answers in one session that end it: see a clinician. */
#define SESSION_BAD_MAX		2

enum session_state {
	SESSION_WORK,		/* playing the current exercise's phases */
	SESSION_FEEL,		/* asking how it felt; no deadline */
	SESSION_OFFER,		/* after a bad answer: the regression? */
	SESSION_DONE,		/* over; session_end() says why */
	SESSION_NSTATES
};

enum session_event {
	SEV_TICK,		/* time passed */
	SEV_PAUSE,		/* stop the clock (WORK only) */
	SEV_RESUME,		/* start it again */
	SEV_SKIP,		/* on to the next exercise */
	SEV_BACK,		/* restart this exercise, or go to the last */
	SEV_QUIT,		/* end the session now */
	SEV_HURT,		/* sharp pain, tingling, burning, numbness */
	SEV_ANSWER,		/* arg: a session_feel, or 1/0 to an offer */
	SEV_COUNT
};

/* How an exercise felt; the answer to the feel check. */
enum session_feel {
	FEEL_NONE,		/* not answered */
	FEEL_FINE,
	FEEL_STRETCH,		/* a stretching sensation: normal */
	FEEL_DISCOMFORT,	/* mild discomfort: normal */
	FEEL_SHARP,		/* from here on: bad, the pain rule applies */
	FEEL_TINGLING,
	FEEL_BURNING,
	FEEL_NUMB,
	FEEL_COUNT
};

/* Why a session ended. */
enum session_end {
	SESSION_END_NONE,	/* it has not */
	SESSION_END_FINISHED,	/* past the last exercise */
	SESSION_END_QUIT,	/* SEV_QUIT */
	SESSION_END_CLINICIAN	/* SESSION_BAD_MAX bad answers */
};

/* What happened to one item of the session. */
enum session_outcome {
	SESSION_ITEM_PENDING,	/* not reached, or in progress */
	SESSION_ITEM_COMPLETED,	/* every phase played */
	SESSION_ITEM_SKIPPED,	/* skipped, or passed over as set aside */
	SESSION_ITEM_STOPPED	/* stopped partway: SEV_HURT or SEV_QUIT */
};

/*
 * One exercise of the session and its record, enough for a store to log.
 * The counts are of phases that ran to their end; a rep with a hold
 * counts when its hold ends.
 */
struct session_item {
	const struct exercise	*ex;		/* Borrowed from the catalog. */
	struct prescription	 rx;		/* the dose played */
	int			 duration_s;	/* planned, dose_duration_s() */
	int			 regression;	/* 1: put in by the pain rule */
	enum session_outcome	 outcome;
	enum session_feel	 feel;		/* the answer, or FEEL_NONE */
	int			 hurt;		/* 1: stopped by SEV_HURT */
	int			 sets_done;	/* whole sets, both sides */
	int			 reps_done;	/* over all sets and sides */
	int			 holds_done;
	int			 breaths_done;
	enum side		 side;		/* the last side worked on;
						   SIDE_NONE if not per side */
};

/*
 * One change of the session, as the log records it. Times are relative to
 * the session's start (the now_ms given to session_create()).
 */
struct session_transition {
	unsigned long		 seq;		/* 1, 2, ... over the session */
	enum session_event	 ev;		/* the event that caused it */
	enum session_state	 from;
	enum session_state	 to;
	int			 paused;	/* after the change */
	size_t			 item;		/* the item index after it */
	const struct exercise	*ex;		/* that item's; borrowed */
	int			 phase_index;	/* in WORK; -1 otherwise */
	struct phase		 phase;		/* in WORK; zero otherwise */
	uint64_t		 planned_ms;	/* when it was scheduled */
	uint64_t		 actual_ms;	/* when it was processed */
};

struct session;

/*
 * Start a session playing plan p at now_ms; the first exercise's get-ready
 * phase begins at once. p's items are copied, so p may be released
 * afterwards (the session grows its own list when it inserts a
 * regression). The exercises they point at and c, used to look up
 * regressions by id, are borrowed and must outlive the session; c may be
 * NULL, and then no regression is ever offered. An empty plan gives a
 * session already DONE (finished). The caller must free the result with
 * session_free().
 */
struct session		*session_create(const struct plan *p,
			    const struct catalog *c, uint64_t now_ms);
/* Free a session and its log. No operation if s is NULL. */
void			 session_free(struct session *s);

/*
 * Advance the session for event ev at time now_ms. Returns 1 if the state
 * changed (state, item, phase or pause), 0 if the event was ignored here.
 * Any event in an unpaused WORK first processes the phases that ended by
 * now_ms, as SEV_TICK would, so it applies to the phase playing at now_ms.
 *
 * WORK: TICK plays the phases; after the last, FEEL. PAUSE/RESUME stop
 *   and restart the clock (a paused session ignores ticks; skip, back,
 *   hurt and quit still work and the next exercise starts paused). SKIP
 *   marks the item skipped and starts the next. BACK restarts the
 *   exercise if more than SESSION_BACK_MS into it (paused time not
 *   counted), else starts the nearest earlier one not set aside (or
 *   restarts this one if there is none). HURT stops the exercise and
 *   applies the pain rule. QUIT ends with SESSION_END_QUIT.
 * FEEL: ANSWER with FEEL_FINE..FEEL_DISCOMFORT goes on to the next
 *   exercise; FEEL_SHARP..FEEL_NUMB, or HURT, applies the pain rule.
 *   SKIP goes on without an answer, BACK plays the exercise again, QUIT
 *   ends. Any other arg is ignored.
 * OFFER: ANSWER 1 inserts the regression, at its least dose, as the next
 *   item and starts it; ANSWER 0 or SKIP goes on. BACK is ignored: the
 *   exercise that hurt is not played again. QUIT ends.
 * DONE: everything is ignored.
 *
 * The pain rule: count the bad answer, set the exercise aside, and end
 * with SESSION_END_CLINICIAN at SESSION_BAD_MAX; otherwise offer the
 * regression when c has it, it differs from the exercise and is not set
 * aside itself, else go on. Going on passes over (as skipped) later items
 * whose exercise was set aside; past the last item the session is DONE
 * (finished).
 */
int			 session_handle(struct session *s,
			    enum session_event ev, int arg, uint64_t now_ms);

/*
 * The absolute now_ms at which the next SEV_TICK matters (the end of the
 * current phase), or UINT64_MAX when nothing is timed: FEEL, OFFER, DONE
 * or paused.
 */
uint64_t		 session_deadline(const struct session *s);

/* The state now; see session_state_name() for its name. */
enum session_state	 session_state(const struct session *s);
/* Whether WORK is paused (its clock stopped). */
int			 session_paused(const struct session *s);
/* Why the session ended; SESSION_END_NONE until DONE. */
enum session_end	 session_end(const struct session *s);
/*
 * Start a resumed session with the bad answers its first part had, so a
 * kill and a resume do not reset the pain rule's count. Values outside
 * 1..SESSION_BAD_MAX-1 are ignored (a session that reached the maximum
 * ended then).
 */
void			 session_carry_bad(struct session *s, int n);
/* Bad answers so far (SEV_HURT included). */
int			 session_bad_count(const struct session *s);

/* The items, including inserted regressions. */
size_t			 session_count(const struct session *s);
/*
 * Item i (0-based), borrowed until the next session_handle(); NULL past
 * the end.
 */
const struct session_item *session_item(const struct session *s, size_t i);
/* The current item's index; in DONE, the last one reached. */
size_t			 session_index(const struct session *s);
/* The current exercise, or NULL when DONE. Borrowed. */
const struct exercise	*session_exercise(const struct session *s);
/* The exercise that would play next, or NULL if none. Borrowed. */
const struct exercise	*session_next(const struct session *s);
/* In OFFER, the regression on offer; NULL otherwise. Borrowed. */
const struct exercise	*session_offer(const struct session *s);

/* The phase playing, or NULL outside WORK. Borrowed; changes with s. */
const struct phase	*session_phase(const struct session *s);
/* Its index (0-based) in the exercise's phases; -1 outside WORK. */
int			 session_phase_index(const struct session *s);
/* How many phases the current exercise has; 0 when DONE. */
int			 session_phase_count(const struct session *s);
/*
 * The scheduled start and end of the phase playing, in absolute now_ms;
 * 0 outside WORK. While paused they do not yet include the pause.
 */
uint64_t		 session_phase_start(const struct session *s);
uint64_t		 session_phase_end(const struct session *s);
/*
 * Milliseconds left in the phase at now_ms (frozen while paused); 0
 * outside WORK.
 */
uint64_t		 session_remaining_ms(const struct session *s,
			    uint64_t now_ms);
/*
 * How much of the current exercise is done at now_ms, 0..1: 1 once its
 * phases are over, and when DONE.
 */
double			 session_exercise_frac(const struct session *s,
			    uint64_t now_ms);
/*
 * How much of the session is done at now_ms, 0..1, by planned time (the
 * items before the current one, and the current one's part). In DONE,
 * the value when it ended: 1 when it finished on the last exercise.
 */
double			 session_frac(const struct session *s,
			    uint64_t now_ms);

/*
 * The ids the pain rule set aside, in order, without repeats; borrowed
 * from the catalog. The caller stores them so that planning leaves them
 * out for a while.
 */
size_t			 session_aside_count(const struct session *s);
/* Set-aside id i, or NULL past the end. */
const char		*session_aside(const struct session *s, size_t i);

/*
 * The transitions logged since the last session_log_clear(), oldest
 * first; *n is set to their number. The first entry of a session is the
 * start of its first exercise (ev SEV_TICK, planned and actual 0). One
 * entry per change: a tick that passes three phases logs three. Borrowed
 * until the next call that changes s.
 */
const struct session_transition *session_log(const struct session *s,
			    size_t *n);
/* Empty the log (the sequence numbers go on). */
void			 session_log_clear(struct session *s);
/* How many transitions the session has made in all. */
unsigned long		 session_transitions(const struct session *s);

/* Names for logs, traces and JSON: "work", "tick", "sharp", ... */
const char		*session_state_name(enum session_state);
const char		*session_event_name(enum session_event);
const char		*session_feel_name(enum session_feel);
const char		*session_end_name(enum session_end);
const char		*session_outcome_name(enum session_outcome);
/* Whether a feel answer calls for the pain rule. */
int			 session_feel_bad(enum session_feel);

#endif
