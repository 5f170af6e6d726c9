/*
 * session.c -- the session state machine.
 *
 * The states are a const table (session_states[]) with names, enter and
 * exit hooks and one handler per event; a NULL handler means the event is
 * ignored in that state. Every change goes through session_set_state() or
 * session_log_add(), so the log sees each transition exactly once.
 *
 * Time is kept as an origin per exercise plus the cumulative planned end
 * of each phase (ends_ms[]), both whole milliseconds, so a deadline is
 * always origin + ends_ms[phase] and never drifts however the ticks come.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "session.h"
#include "xmalloc.h"

typedef int (*session_fn)(struct session *, int, uint64_t);

/* One state: its name, hooks and what each event does in it. */
struct session_state_def {
	const char	*name;
	void		(*enter)(struct session *, uint64_t);
	void		(*exit)(struct session *, uint64_t);
	session_fn	 on[SEV_COUNT];	/* NULL: ignored */
};

struct session {
	const struct catalog	 *cat;		/* Borrowed; may be NULL. */
	struct plan_fit		  fit;		/* what the plan was made for */
	struct session_item	 *items;	/* Owned array; grows. */
	size_t			  n;
	size_t			  cap;
	size_t			  cur;		/* the current item */
	enum session_state	  state;
	enum session_end	  end;
	enum session_event	  ev;		/* the event being handled */

	uint64_t		  start_ms;	/* now_ms at session_create() */
	uint64_t		  origin_ms;	/* first phase's start, paused
						   time added */
	int			  paused;
	uint64_t		  pause_ms;	/* when the pause began */

	struct phase		 *phases;	/* Owned; the current item's */
	uint64_t		 *ends_ms;	/* Owned; phase i ends at
						   origin_ms + ends_ms[i] */
	int			  nphases;
	int			  phase;	/* index into phases */

	enum plan_where		  at;		/* where the body is now */
	const struct exercise	 *offer;	/* in OFFER: the regression */
	int			  nbad;		/* bad answers so far */
	const struct exercise	**aside;	/* Owned array of borrowed. */
	size_t			  naside;
	double			  done_frac;	/* session_frac() at DONE */

	struct session_transition *log;		/* Owned array; grows. */
	size_t			  nlog;
	size_t			  caplog;
	unsigned long		  seq;		/* transitions in all */
};

static void	session_work_enter(struct session *, uint64_t);
static void	session_done_enter(struct session *, uint64_t);
static void	session_wait_enter(struct session *, uint64_t);
static void	session_offer_exit(struct session *, uint64_t);

static int	session_work_tick(struct session *, int, uint64_t);
static int	session_work_pause(struct session *, int, uint64_t);
static int	session_work_resume(struct session *, int, uint64_t);
static int	session_work_skip(struct session *, int, uint64_t);
static int	session_work_back(struct session *, int, uint64_t);
static int	session_work_hurt(struct session *, int, uint64_t);
static int	session_feel_answer(struct session *, int, uint64_t);
static int	session_wait_skip(struct session *, int, uint64_t);
static int	session_feel_back(struct session *, int, uint64_t);
static int	session_feel_hurt(struct session *, int, uint64_t);
static int	session_offer_answer(struct session *, int, uint64_t);
static int	session_any_quit(struct session *, int, uint64_t);

static const struct session_state_def session_states[SESSION_NSTATES] = {
	[SESSION_WORK] = { "work", session_work_enter, NULL, {
		[SEV_TICK] = session_work_tick,
		[SEV_PAUSE] = session_work_pause,
		[SEV_RESUME] = session_work_resume,
		[SEV_SKIP] = session_work_skip,
		[SEV_BACK] = session_work_back,
		[SEV_QUIT] = session_any_quit,
		[SEV_HURT] = session_work_hurt,
	} },
	[SESSION_FEEL] = { "feel", session_wait_enter, NULL, {
		[SEV_SKIP] = session_wait_skip,
		[SEV_BACK] = session_feel_back,
		[SEV_QUIT] = session_any_quit,
		[SEV_HURT] = session_feel_hurt,
		[SEV_ANSWER] = session_feel_answer,
	} },
	[SESSION_OFFER] = { "offer", session_wait_enter, session_offer_exit, {
		[SEV_SKIP] = session_wait_skip,
		[SEV_QUIT] = session_any_quit,
		[SEV_ANSWER] = session_offer_answer,
	} },
	[SESSION_DONE] = { "done", session_done_enter, NULL, { NULL } },
};

static const char *const session_event_names[SEV_COUNT] = {
	[SEV_TICK] = "tick",
	[SEV_PAUSE] = "pause",
	[SEV_RESUME] = "resume",
	[SEV_SKIP] = "skip",
	[SEV_BACK] = "back",
	[SEV_QUIT] = "quit",
	[SEV_HURT] = "hurt",
	[SEV_ANSWER] = "answer",
};

static const char *const session_feel_names[FEEL_COUNT] = {
	[FEEL_NONE] = "none",
	[FEEL_FINE] = "fine",
	[FEEL_STRETCH] = "stretch",
	[FEEL_DISCOMFORT] = "discomfort",
	[FEEL_SHARP] = "sharp",
	[FEEL_TINGLING] = "tingling",
	[FEEL_BURNING] = "burning",
	[FEEL_NUMB] = "numb",
};

static const char *const session_end_names[] = {
	[SESSION_END_NONE] = "none",
	[SESSION_END_FINISHED] = "finished",
	[SESSION_END_QUIT] = "quit",
	[SESSION_END_CLINICIAN] = "clinician",
};

static const char *const session_outcome_names[] = {
	[SESSION_ITEM_PENDING] = "pending",
	[SESSION_ITEM_COMPLETED] = "completed",
	[SESSION_ITEM_SKIPPED] = "skipped",
	[SESSION_ITEM_STOPPED] = "stopped",
};

/* Append the change just made to the log; at is when it was scheduled. */
static void
session_log_add(struct session *s, enum session_state from, uint64_t at,
    uint64_t now)
{
	struct session_transition	*t;

	if (s->nlog == s->caplog) {
		s->caplog = s->caplog == 0 ? 64 : s->caplog * 2;
		s->log = xreallocarray(s->log, s->caplog, sizeof *s->log);
	}
	t = &s->log[s->nlog++];
	memset(t, 0, sizeof *t);
	t->seq = ++s->seq;
	t->ev = s->ev;
	t->from = from;
	t->to = s->state;
	t->paused = s->paused;
	t->item = s->cur;
	t->ex = s->n > 0 ? s->items[s->cur].ex : NULL;
	t->phase_index = -1;
	if (s->state == SESSION_WORK) {
		t->phase_index = s->phase;
		t->phase = s->phases[s->phase];
	}
	t->planned_ms = at > s->start_ms ? at - s->start_ms : 0;
	t->actual_ms = now > s->start_ms ? now - s->start_ms : 0;
}

/*
 * Change state: the old state's exit hook, then the new one's enter hook,
 * then one log entry. Entering WORK from WORK is a restart of the current
 * item and runs both hooks too.
 */
static void
session_set_state(struct session *s, enum session_state st, uint64_t at,
    uint64_t now)
{
	enum session_state	from = s->state;

	if (st == SESSION_DONE)
		s->done_frac = session_frac(s, now);
	if (session_states[from].exit != NULL)
		session_states[from].exit(s, now);
	s->state = st;
	if (session_states[st].enter != NULL)
		session_states[st].enter(s, now);
	session_log_add(s, from, at, now);
}

/* Whether an exercise was set aside by the pain rule. */
static int
session_is_aside(const struct session *s, const struct exercise *e)
{
	size_t	i;

	for (i = 0; i < s->naside; i++)
		if (s->aside[i] == e || strcmp(s->aside[i]->id, e->id) == 0)
			return (1);
	return (0);
}

static void
session_set_aside(struct session *s, const struct exercise *e)
{
	if (session_is_aside(s, e))
		return;
	s->aside = xreallocarray(s->aside, s->naside + 1, sizeof *s->aside);
	s->aside[s->naside++] = e;
}

/* Forget what happened to an item, so it can be played again. */
static void
session_item_reset(struct session_item *it)
{
	it->outcome = SESSION_ITEM_PENDING;
	it->feel = FEEL_NONE;
	it->hurt = 0;
	it->sets_done = it->reps_done = it->holds_done = it->breaths_done = 0;
	it->side = SIDE_NONE;
}

/*
 * Mark the changes of position of items from on, by the plans' own rule
 * (plan_change_step()) from where the body is now, so that they stay
 * true whatever the session did to its sequence: an easier option put
 * in, an exercise skipped, gone back to, or passed over as set aside (a
 * set-aside item is not played: it gets no change and moves nothing).
 * Each duration follows its change.
 */
static void
session_mark(struct session *s, size_t from)
{
	struct session_item	*it;
	enum plan_where		 at = s->at;
	size_t			 i;

	for (i = from; i < s->n; i++) {
		it = &s->items[i];
		it->rx.change = session_is_aside(s, it->ex) ? CHANGE_NONE :
		    plan_change_step(&at, it->ex);
		it->duration_s = dose_duration_s(&it->rx);
	}
}

/*
 * Where the body is before the first item, as the items' own marks
 * have it: a plan marks no change before the first exercise done only
 * down or only up, and a plan resumed partway may mark one there. So
 * session_mark() from here gives every item the change it came with,
 * until the sequence changes.
 */
static enum plan_where
session_where_first(const struct session *s)
{
	enum plan_where	w;
	size_t		i;

	for (i = 0; i < s->n; i++) {
		if (s->items[i].rx.change == CHANGE_DOWN)
			return (WHERE_UP);
		if (s->items[i].rx.change == CHANGE_UP)
			return (WHERE_FLOOR);
		if ((w = plan_where_of(s->items[i].ex)) != WHERE_EITHER)
			return (w);
	}
	return (WHERE_EITHER);
}

/* Start item i at now; past the last item the session is finished. */
static void
session_start(struct session *s, size_t i, uint64_t now)
{
	while (i < s->n && session_is_aside(s, s->items[i].ex)) {
		s->items[i].outcome = SESSION_ITEM_SKIPPED;
		i++;
	}
	if (i >= s->n) {
		s->end = SESSION_END_FINISHED;
		session_set_state(s, SESSION_DONE, now, now);
		return;
	}
	s->cur = i;
	session_mark(s, i);
	session_set_state(s, SESSION_WORK, now, now);
}

/* Go on from the current item to the next one not set aside. */
static void
session_next_item(struct session *s, uint64_t now)
{
	session_start(s, s->cur + 1, now);
}

/* Load the current item's phases and start its first at now. */
static void
session_work_enter(struct session *s, uint64_t now)
{
	struct session_item	*it = &s->items[s->cur];
	uint64_t		 sum = 0;
	int			 i, n;

	n = dose_phases(&it->rx, NULL, 0);
	s->phases = xreallocarray(s->phases, n, sizeof *s->phases);
	s->ends_ms = xreallocarray(s->ends_ms, n, sizeof *s->ends_ms);
	dose_phases(&it->rx, s->phases, n);
	for (i = 0; i < n; i++) {
		sum += (uint64_t)s->phases[i].duration_s * 1000;
		s->ends_ms[i] = sum;
	}
	s->nphases = n;
	s->phase = 0;
	/* No change to make: the body is where the exercise is done. */
	if (it->rx.change == CHANGE_NONE &&
	    plan_where_of(it->ex) != WHERE_EITHER)
		s->at = plan_where_of(it->ex);
	s->origin_ms = now;
	if (s->paused)
		s->pause_ms = now;
	session_item_reset(it);
}

/* FEEL and OFFER wait for the person; nothing is timed or paused there. */
static void
session_wait_enter(struct session *s, uint64_t now)
{
	(void)now;
	s->paused = 0;
}

static void
session_offer_exit(struct session *s, uint64_t now)
{
	(void)now;
	s->offer = NULL;
}

static void
session_done_enter(struct session *s, uint64_t now)
{
	(void)now;
	s->paused = 0;
	s->offer = NULL;
}

/* Count what the phase just ended did toward the item's record. */
static void
session_count_phase(struct session *s, int i)
{
	struct session_item	*it = &s->items[s->cur];
	const struct phase	*p = &s->phases[i];

	switch (p->kind) {
	case PHASE_REP:
		it->reps_done++;
		break;
	case PHASE_HOLD:
		it->holds_done++;
		if (p->rep > 0)
			it->reps_done++;
		break;
	case PHASE_EXHALE:
		it->breaths_done++;
		break;
	case PHASE_CHANGE:
		/* Down or up: the body is there now. */
		s->at = p->rep == CHANGE_DOWN ? WHERE_FLOOR : WHERE_UP;
		break;
	default:
		break;
	}
	if (p->side != SIDE_NONE && p->kind != PHASE_READY &&
	    p->kind != PHASE_REST && p->kind != PHASE_SWITCH)
		it->side = p->side;
	if (p->kind != PHASE_READY && p->kind != PHASE_REST &&
	    p->kind != PHASE_CHANGE && (i == s->nphases - 1 || s->phases[i + 1].kind == PHASE_REST))
		it->sets_done = p->set;
}

/*
 * Play every phase that ended by now, in order, logging each at the time
 * it was due. After the last phase the exercise is complete: FEEL.
 */
static int
session_work_tick(struct session *s, int arg, uint64_t now)
{
	uint64_t	due;
	int		changed = 0;

	(void)arg;
	if (s->paused)
		return (0);
	while (s->state == SESSION_WORK &&
	    now >= (due = s->origin_ms + s->ends_ms[s->phase])) {
		session_count_phase(s, s->phase);
		changed = 1;
		if (s->phase == s->nphases - 1) {
			s->items[s->cur].outcome = SESSION_ITEM_COMPLETED;
			session_set_state(s, SESSION_FEEL, due, now);
		} else {
			s->phase++;
			session_log_add(s, SESSION_WORK, due, now);
		}
	}
	return (changed);
}

static int
session_work_pause(struct session *s, int arg, uint64_t now)
{
	(void)arg;
	if (s->paused)
		return (0);
	s->paused = 1;
	s->pause_ms = now;
	session_log_add(s, SESSION_WORK, now, now);
	return (1);
}

/* The pause did not happen, as far as the schedule is concerned. */
static int
session_work_resume(struct session *s, int arg, uint64_t now)
{
	(void)arg;
	if (!s->paused)
		return (0);
	if (now > s->pause_ms)
		s->origin_ms += now - s->pause_ms;
	s->paused = 0;
	session_log_add(s, SESSION_WORK, now, now);
	return (1);
}

static int
session_work_skip(struct session *s, int arg, uint64_t now)
{
	(void)arg;
	s->items[s->cur].outcome = SESSION_ITEM_SKIPPED;
	session_next_item(s, now);
	return (1);
}

/*
 * Within SESSION_BACK_MS of the start the person most likely wants the
 * exercise before; later, to do this one again from the top, as a media
 * player's previous button does.
 */
static int
session_work_back(struct session *s, int arg, uint64_t now)
{
	uint64_t	at = s->paused ? s->pause_ms : now;
	size_t		i;

	(void)arg;
	if (at > s->origin_ms && at - s->origin_ms > SESSION_BACK_MS) {
		session_start(s, s->cur, now);
		return (1);
	}
	session_item_reset(&s->items[s->cur]);
	for (i = s->cur; i > 0; i--)
		if (!session_is_aside(s, s->items[i - 1].ex))
			break;
	session_start(s, i > 0 ? i - 1 : s->cur, now);
	return (1);
}

/*
 * The pain rule, after a bad answer or SEV_HURT: the exercise is set
 * aside; a second bad answer ends the session; otherwise its regression
 * is offered when there is one that can be played.
 */
static void
session_pain(struct session *s, uint64_t now)
{
	const struct exercise	*e = s->items[s->cur].ex, *r = NULL;

	s->nbad++;
	session_set_aside(s, e);
	if (s->nbad >= SESSION_BAD_MAX) {
		s->end = SESSION_END_CLINICIAN;
		session_set_state(s, SESSION_DONE, now, now);
		return;
	}
	if (s->cat != NULL && e->regression != NULL) {
		struct plan_opts o;

		/* The easier option that fits where the plan was made for. */
		memset(&o, 0, sizeof o);
		o.place = s->fit.place;
		o.equipment = s->fit.equipment;
		o.limits = s->fit.limits;
		r = plan_easier(s->cat, e, s->fit.known ? &o : NULL);
	}
	if (r == NULL || r == e || strcmp(r->id, e->id) == 0 ||
	    session_is_aside(s, r)) {
		session_next_item(s, now);
		return;
	}
	s->offer = r;
	session_set_state(s, SESSION_OFFER, now, now);
}

static int
session_work_hurt(struct session *s, int arg, uint64_t now)
{
	struct session_item	*it = &s->items[s->cur];

	(void)arg;
	it->outcome = SESSION_ITEM_STOPPED;
	it->hurt = 1;
	session_pain(s, now);
	return (1);
}

static int
session_feel_answer(struct session *s, int arg, uint64_t now)
{
	if (arg <= FEEL_NONE || arg >= FEEL_COUNT)
		return (0);
	s->items[s->cur].feel = (enum session_feel)arg;
	if (session_feel_bad((enum session_feel)arg))
		session_pain(s, now);
	else
		session_next_item(s, now);
	return (1);
}

/* Skip at a question (how it felt, or the easier option) moves on. */
static int
session_wait_skip(struct session *s, int arg, uint64_t now)
{
	(void)arg;
	session_next_item(s, now);
	return (1);
}

static int
session_feel_back(struct session *s, int arg, uint64_t now)
{
	(void)arg;
	session_start(s, s->cur, now);
	return (1);
}

/* Pressing the hurt key at the question is a bad answer. */
static int
session_feel_hurt(struct session *s, int arg, uint64_t now)
{
	(void)arg;
	s->items[s->cur].hurt = 1;
	session_pain(s, now);
	return (1);
}

/* Yes puts the regression, at its least dose, next and starts it. */
static int
session_offer_answer(struct session *s, int arg, uint64_t now)
{
	struct session_item	*it;
	size_t			 at = s->cur + 1;

	if (arg != 0 && arg != 1)
		return (0);
	if (arg == 0) {
		session_next_item(s, now);
		return (1);
	}
	if (s->n == s->cap) {
		s->cap = s->cap == 0 ? 8 : s->cap * 2;
		s->items = xreallocarray(s->items, s->cap, sizeof *s->items);
	}
	memmove(&s->items[at + 1], &s->items[at],
	    (s->n - at) * sizeof *s->items);
	s->n++;
	it = &s->items[at];
	memset(it, 0, sizeof *it);
	it->ex = s->offer;
	dose_min(&s->offer->dose, &it->rx);
	it->duration_s = dose_duration_s(&it->rx);
	it->regression = 1;
	session_start(s, at, now);
	return (1);
}

static int
session_any_quit(struct session *s, int arg, uint64_t now)
{
	(void)arg;
	if (s->state == SESSION_WORK)
		s->items[s->cur].outcome = SESSION_ITEM_STOPPED;
	s->end = SESSION_END_QUIT;
	session_set_state(s, SESSION_DONE, now, now);
	return (1);
}

struct session *
session_create(const struct plan *p, const struct catalog *c, uint64_t now_ms)
{
	struct session	*s;
	size_t		 i;

	s = xcalloc(1, sizeof *s);
	s->cat = c;
	s->fit = p->fit;
	s->start_ms = now_ms;
	s->cap = p->n + 1;
	s->items = xcalloc(s->cap, sizeof *s->items);
	for (i = 0; i < p->n; i++) {
		s->items[i].ex = p->items[i].ex;
		s->items[i].rx = p->items[i].rx;
		s->items[i].duration_s = p->items[i].duration_s;
	}
	s->n = p->n;
	s->at = session_where_first(s);
	s->state = SESSION_WORK;	/* the first log entry's from */
	s->ev = SEV_TICK;
	session_start(s, 0, now_ms);
	return (s);
}

void
session_free(struct session *s)
{
	if (s == NULL)
		return;
	free(s->items);
	free(s->phases);
	free(s->ends_ms);
	free(s->aside);
	free(s->log);
	free(s);
}

int
session_handle(struct session *s, enum session_event ev, int arg,
    uint64_t now_ms)
{
	session_fn	fn;
	int		changed = 0;

	if ((unsigned)ev >= SEV_COUNT)
		return (0);
	if (s->state == SESSION_WORK && ev != SEV_TICK) {
		s->ev = SEV_TICK;
		changed = session_work_tick(s, 0, now_ms);
	}
	s->ev = ev;
	fn = session_states[s->state].on[ev];
	if (fn != NULL && fn(s, arg, now_ms))
		changed = 1;
	return (changed);
}

uint64_t
session_deadline(const struct session *s)
{
	if (s->state != SESSION_WORK || s->paused)
		return (UINT64_MAX);
	return (s->origin_ms + s->ends_ms[s->phase]);
}

enum session_state
session_state(const struct session *s)
{
	return (s->state);
}

int
session_paused(const struct session *s)
{
	return (s->paused);
}

enum session_end
session_end(const struct session *s)
{
	return (s->end);
}

void
session_carry_bad(struct session *s, int n)
{
	if (n > 0 && n < SESSION_BAD_MAX)
		s->nbad = n;
}

int
session_bad_count(const struct session *s)
{
	return (s->nbad);
}

size_t
session_count(const struct session *s)
{
	return (s->n);
}

const struct session_item *
session_item(const struct session *s, size_t i)
{
	return (i < s->n ? &s->items[i] : NULL);
}

size_t
session_index(const struct session *s)
{
	return (s->cur);
}

const struct exercise *
session_exercise(const struct session *s)
{
	if (s->state == SESSION_DONE)
		return (NULL);
	return (s->items[s->cur].ex);
}

const struct exercise *
session_next(const struct session *s)
{
	size_t	i;

	if (s->state == SESSION_DONE)
		return (NULL);
	if (s->state == SESSION_OFFER && s->offer != NULL)
		return (s->offer);
	for (i = s->cur + 1; i < s->n; i++)
		if (!session_is_aside(s, s->items[i].ex))
			return (s->items[i].ex);
	return (NULL);
}

const struct exercise *
session_offer(const struct session *s)
{
	return (s->state == SESSION_OFFER ? s->offer : NULL);
}

const struct phase *
session_phase(const struct session *s)
{
	if (s->state != SESSION_WORK)
		return (NULL);
	return (&s->phases[s->phase]);
}

int
session_phase_index(const struct session *s)
{
	return (s->state == SESSION_WORK ? s->phase : -1);
}

int
session_phase_count(const struct session *s)
{
	return (s->state == SESSION_DONE ? 0 : s->nphases);
}

uint64_t
session_phase_start(const struct session *s)
{
	if (s->state != SESSION_WORK)
		return (0);
	if (s->phase == 0)
		return (s->origin_ms);
	return (s->origin_ms + s->ends_ms[s->phase - 1]);
}

uint64_t
session_phase_end(const struct session *s)
{
	if (s->state != SESSION_WORK)
		return (0);
	return (s->origin_ms + s->ends_ms[s->phase]);
}

uint64_t
session_remaining_ms(const struct session *s, uint64_t now_ms)
{
	uint64_t	end, at;

	if (s->state != SESSION_WORK)
		return (0);
	end = s->origin_ms + s->ends_ms[s->phase];
	at = s->paused ? s->pause_ms : now_ms;
	return (at < end ? end - at : 0);
}

/* Milliseconds of the current exercise done at now. */
static uint64_t
session_elapsed_ms(const struct session *s, uint64_t now)
{
	uint64_t	at, total;

	if (s->nphases == 0)
		return (0);
	total = s->ends_ms[s->nphases - 1];
	if (s->state != SESSION_WORK)
		return (total);
	at = s->paused ? s->pause_ms : now;
	if (at <= s->origin_ms)
		return (0);
	return (at - s->origin_ms < total ? at - s->origin_ms : total);
}

double
session_exercise_frac(const struct session *s, uint64_t now_ms)
{
	uint64_t	total;

	if (s->state == SESSION_DONE || s->nphases == 0)
		return (s->state == SESSION_DONE ? 1.0 : 0.0);
	total = s->ends_ms[s->nphases - 1];
	if (total == 0)
		return (1.0);
	return ((double)session_elapsed_ms(s, now_ms) / (double)total);
}

double
session_frac(const struct session *s, uint64_t now_ms)
{
	uint64_t	total = 0, done = 0;
	size_t		i;

	if (s->state == SESSION_DONE)
		return (s->done_frac);
	for (i = 0; i < s->n; i++) {
		total += (uint64_t)s->items[i].duration_s * 1000;
		if (i < s->cur)
			done += (uint64_t)s->items[i].duration_s * 1000;
	}
	if (s->n > 0)
		done += session_elapsed_ms(s, now_ms);
	if (total == 0)
		return (1.0);
	return (done >= total ? 1.0 : (double)done / (double)total);
}

size_t
session_aside_count(const struct session *s)
{
	return (s->naside);
}

const char *
session_aside(const struct session *s, size_t i)
{
	return (i < s->naside ? s->aside[i]->id : NULL);
}

const struct session_transition *
session_log(const struct session *s, size_t *n)
{
	*n = s->nlog;
	return (s->log);
}

void
session_log_clear(struct session *s)
{
	s->nlog = 0;
}

unsigned long
session_transitions(const struct session *s)
{
	return (s->seq);
}

const char *
session_state_name(enum session_state st)
{
	if ((unsigned)st >= SESSION_NSTATES)
		return ("unknown");
	return (session_states[st].name);
}

const char *
session_event_name(enum session_event ev)
{
	if ((unsigned)ev >= SEV_COUNT)
		return ("unknown");
	return (session_event_names[ev]);
}

const char *
session_feel_name(enum session_feel f)
{
	if ((unsigned)f >= FEEL_COUNT)
		return ("unknown");
	return (session_feel_names[f]);
}

const char *
session_end_name(enum session_end e)
{
	if ((unsigned)e > SESSION_END_CLINICIAN)
		return ("unknown");
	return (session_end_names[e]);
}

const char *
session_outcome_name(enum session_outcome o)
{
	if ((unsigned)o > SESSION_ITEM_STOPPED)
		return ("unknown");
	return (session_outcome_names[o]);
}

int
session_feel_bad(enum session_feel f)
{
	return (f >= FEEL_SHARP && f < FEEL_COUNT);
}
