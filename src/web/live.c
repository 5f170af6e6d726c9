/*
 * live.c -- the session being played in the browser.
 *
 * One session at a time, whatever the number of tabs: every tab shows the
 * same one. The core's state machine (core/session.c) decides everything
 * and the coach records it, each exercise as the session moves past it,
 * so killing `serve` loses at most the exercise in progress and `start
 * --resume` (or the page) picks the session up.
 *
 * Time: the coach's clock (the test clock under MIDBACK_TEST_CLOCK). A
 * timer thread sends SEV_TICK at each of the session's own absolute
 * deadlines, as play.c's loop does. Each change makes a new version of
 * the state; the event streams wait for it. The state carries the
 * current phase's start and end as wall times on the server's clock and
 * the clock's now, so the page draws its countdown from the deadline
 * itself and never drifts.
 *
 * One mutex guards the session and the store: the timer, the requests
 * and the streams take it for the little they do.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "web/web.h"
#include "coach/poses.h"
#include "coach/cues.h"
#include "coach/settings.h"
#include "core/date.h"
#include "core/routine.h"
#include "core/xmalloc.h"
#include "sys/clock.h"

/*
 * While a session plays, the timer wakes at least this often (real ms)
 * to see whether another front end has asked to take it over; the
 * taker waits COACH_TAKE_OVER_MS.
 */
#define LIVE_CLAIM_MS		250

/* A hold at least this long gets the 3-2-1 (as the terminal's). */
#define LIVE_COUNTDOWN_MIN_S	5

struct live {
	struct web		*w;
	pthread_mutex_t		 mu;
	pthread_cond_t		 changed;	/* on every new version */
	pthread_t		 timer;
	int			 stop;
	unsigned long		 version;
	struct coach_session	*cs;		/* or NULL */
	int			 ended;		/* coach_end() done */
	int			 rated;		/* pain after given */
	int			 pain_after;	/* 0..10, -1 skipped */
	int			 closed;	/* its summary put away */
	char			*failed;	/* the store failed: why */
	int			 taken;		/* taken over elsewhere */
	char			*rise;		/* the coach's advice after a
						   rise in pain, or NULL */
	/*
	 * What the camera mode saw in this session, for its summary: by
	 * exercise id, { "reps": n, "hold": s, "flags": { name: times } }.
	 */
	json_t			*camera;
};

static void	*live_timer(void *);

struct live *
live_new(struct web *w, char **err)
{
	struct live		*l = xcalloc(1, sizeof *l);
	pthread_condattr_t	 ca;

	l->w = w;
	l->version = 1;
	l->pain_after = -1;
	pthread_mutex_init(&l->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&l->changed, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&l->timer, NULL, live_timer, l) != 0) {
		*err = xstrdup("cannot start the session's timer");
		pthread_cond_destroy(&l->changed);
		pthread_mutex_destroy(&l->mu);
		free(l);
		return (NULL);
	}
	return (l);
}

void
live_shutdown(struct live *l)
{
	pthread_mutex_lock(&l->mu);
	l->stop = 1;
	pthread_cond_broadcast(&l->changed);
	pthread_mutex_unlock(&l->mu);
}

void
live_free(struct live *l)
{
	if (l == NULL)
		return;
	live_shutdown(l);
	pthread_join(l->timer, NULL);
	/* Not ended: it stays running in the store, to be resumed. */
	coach_session_free(l->cs);
	free(l->failed);
	free(l->rise);
	json_decref(l->camera);
	pthread_cond_destroy(&l->changed);
	pthread_mutex_destroy(&l->mu);
	free(l);
}

/* A new version: wake the timer and every stream. Lock held. */
static void
bump(struct live *l)
{
	l->version++;
	pthread_cond_broadcast(&l->changed);
}

/* Wait on changed until the real monotonic time ms, or a change. */
static void
wait_until(struct live *l, int64_t real_ms)
{
	struct timespec	ts;

	ts.tv_sec = real_ms / 1000;
	ts.tv_nsec = (long)(real_ms % 1000) * 1000000L;
	(void)pthread_cond_timedwait(&l->changed, &l->mu, &ts);
}

static int64_t
real_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

/*
 * Send an event through the coach and close the session in the store
 * when it is over. A store failure stops the session, as in play.c:
 * what cannot be saved must not be played on as if it were. Lock held.
 */
static void
handle(struct live *l, enum session_event ev, int arg)
{
	char	*cause = NULL;

	coach_event_keep(l->cs, ev, arg, &l->failed);
	session_log_clear(l->cs->s);
	coach_stop_failed(l->cs, l->failed);
	if (session_state(l->cs->s) == SESSION_DONE && !l->ended) {
		if (coach_end(l->cs, &cause) == -1 && l->failed == NULL)
			l->failed = cause;
		else
			free(cause);
		l->ended = 1;
	}
	bump(l);
}

/* Tick at each deadline of the session being played. */
static void *
live_timer(void *arg)
{
	struct live	*l = arg;
	uint64_t	 dl, now;

	int64_t		 real;

	pthread_mutex_lock(&l->mu);
	while (!l->stop) {
		if (l->cs != NULL && !l->ended && coach_lost(&l->w->coach)) {
			/* Taken over elsewhere: not ended, only let go. */
			coach_session_free(l->cs);
			l->cs = NULL;
			l->taken = 1;
			bump(l);
			continue;
		}
		dl = l->cs != NULL ? session_deadline(l->cs->s) : UINT64_MAX;
		if (dl == UINT64_MAX) {
			/* Playing (paused, or asking): still look for a
			 * take-over now and then. */
			wait_until(l, real_now_ms() + (l->cs != NULL &&
			    !l->ended ? LIVE_CLAIM_MS : 3600 * 1000));
			continue;
		}
		now = coach_now(l->cs);
		if (now >= dl) {
			handle(l, SEV_TICK, 0);
			continue;
		}
		real = clock_real_ms(l->w->coach.clock, (int64_t)(dl - now));
		wait_until(l, real_now_ms() + (real < LIVE_CLAIM_MS ? real :
		    LIVE_CLAIM_MS));
	}
	pthread_mutex_unlock(&l->mu);
	return (NULL);
}

static json_t *
ex_ref(const struct exercise *e)
{
	if (e == NULL)
		return (json_null());
	return (json_pack("{s:s,s:s}", "id", e->id, "name", e->name));
}

static double
clock_scale(const struct clock *c)
{
	return (c->kind == CLOCK_SCALED && c->scale > 0 ? c->scale : 1.0);
}

/* A day as YYYY-MM-DD, as JSON. */
static json_t *
day_json(long day)
{
	char	buf[16];

	date_format(day, buf);
	return (json_string(buf));
}

/*
 * What a session that is over did, for the page's summary: each exercise
 * reached (how it ended, how it felt, whether the pain rule put it in),
 * what the pain rule set aside and until when, the pain before and after
 * (null when not given), and the coach's words for how it ended. Lock
 * held.
 */
static json_t *
summary_json(struct live *l)
{
	struct coach_session		*cs = l->cs;
	const struct session_item	*it;
	const struct exercise		*e;
	json_t				*items, *asides;
	json_t				*j;
	const char			*id;
	char				*words;
	size_t				 i;

	items = json_array();
	for (i = 0; i < session_count(cs->s); i++) {
		it = session_item(cs->s, i);
		if (it->outcome == SESSION_ITEM_PENDING &&
		    it->feel == FEEL_NONE)
			continue;
		json_array_append_new(items, json_pack("{s:s,s:s,s:s,s:s,"
		    "s:b}", "id", it->ex->id, "name", it->ex->name,
		    "outcome", session_outcome_name(it->outcome),
		    "feel", session_feel_name(it->feel),
		    "regression", it->regression));
	}
	asides = json_array();
	for (i = 0; i < session_aside_count(cs->s); i++) {
		id = session_aside(cs->s, i);
		e = catalog_find(l->w->coach.catalog, id);
		json_array_append_new(asides, json_pack("{s:s,s:s,s:o}",
		    "id", id, "name", e != NULL ? e->name : id,
		    "until", day_json(coach_aside_until(cs))));
	}
	words = coach_end_words(cs);
	j = json_pack("{s:s,s:s,s:s,s:o,s:o,s:o,s:o}",
	    "kind", cs->kind == COACH_BREAK ? "break" : "routine",
	    "end", session_end_name(session_end(cs->s)), "words", words,
	    "items", items, "asides", asides,
	    "pain_before", cs->pain_before >= 0 ?
	    json_integer(cs->pain_before) : json_null(),
	    "pain_after", l->rated && l->pain_after >= 0 ?
	    json_integer(l->pain_after) : json_null());
	free(words);
	/* What the camera mode saw, when it was on. */
	if (l->camera != NULL && json_object_size(l->camera) > 0)
		json_object_set(j, "camera", l->camera);
	return (j);
}

/* The session's state as the page needs it. Lock held. */
static json_t *
state_json(struct live *l)
{
	const struct clock		*clk = l->w->coach.clock;
	struct coach_session		*cs = l->cs;
	const struct exercise		*e;
	const struct phase		*ph;
	const struct session_item	*it;
	struct coach_unfinished		 u;
	json_t				*j, *s, *p;
	char				 counters[96], say[160], *cause = NULL;
	char				 ask[160];
	int64_t				 wall = clock_wall_ms(clk);
	uint64_t			 now;
	int				 found;

	j = json_pack("{s:I,s:I,s:f}", "version", (json_int_t)l->version,
	    "now", (json_int_t)wall, "scale", clock_scale(clk));
	if (l->rise != NULL)
		json_object_set_new(j, "rise", json_string(l->rise));
	if (l->taken)
		json_object_set_new(j, "taken", json_string("This session "
		    "was taken over in another window. What you did here is "
		    "saved."));
	/* What a session that is over did, until its summary is put away. */
	if (cs != NULL && l->ended && !l->closed)
		json_object_set_new(j, "summary", summary_json(l));
	if (cs == NULL || (l->ended && l->rated)) {
		json_object_set_new(j, "session", json_null());
		/* What the page may offer to resume. */
		memset(&u, 0, sizeof u);
		found = l->w->coach.store != NULL ? coach_unfinished(
		    &l->w->coach, COACH_ROUTINE, &u, &cause) : 0;
		free(cause);
		if (found == 1 && u.readable && u.rest.n > 0)
			json_object_set_new(j, "unfinished", json_pack(
			    "{s:i,s:i}", "done", u.n_items, "left",
			    (int)u.rest.n));
		else
			json_object_set_new(j, "unfinished", json_null());
		if (found == 1)
			coach_unfinished_release(&u);
		return (j);
	}
	now = coach_now(cs);
	e = session_exercise(cs->s);
	s = json_pack("{s:I,s:s,s:s,s:b,s:s?,s:i,s:i,s:f,s:b,s:b,s:s?}",
	    "id", (json_int_t)cs->id,
	    "kind", cs->kind == COACH_BREAK ? "break" : "routine",
	    "state", session_state_name(session_state(cs->s)),
	    "paused", session_paused(cs->s),
	    "end", session_state(cs->s) == SESSION_DONE ?
	    session_end_name(session_end(cs->s)) : NULL,
	    "index", cs->position + (int)session_index(cs->s) + 1,
	    "count", cs->position + (int)session_count(cs->s),
	    "frac", ((double)cs->position + session_frac(cs->s, now) *
	    (double)session_count(cs->s)) / (double)(cs->position +
	    (int)session_count(cs->s)),
	    "rated", l->rated,
	    "ask_pain", cs->kind == COACH_ROUTINE,
	    "failed", l->failed);
	if (e != NULL) {
		it = session_item(cs->s, session_index(cs->s));
		/* The reps planned in all (the camera mode counts toward it). */
		json_object_set_new(s, "exercise", json_pack(
		    "{s:s,s:s,s:s,s:s,s:i}", "id", e->id, "name", e->name,
		    "cue", cue_line(e), "position", e->position, "reps",
		    it->rx.reps * it->rx.sets * (it->rx.per_side ? 2 : 1)));
	}
	else
		json_object_set_new(s, "exercise", json_null());
	if ((ph = session_phase(cs->s)) != NULL && e != NULL) {
		it = session_item(cs->s, session_index(cs->s));
		cue_counters(ph, &it->rx, counters, sizeof counters);
		p = json_pack("{s:s,s:s,s:s,s:s?,s:i,s:i,s:I,s:I,s:I,s:I,"
		    "s:b,s:I}",
		    "kind", cue_phase(ph),
		    "label", cue_phase(ph),
		    "counters", counters,
		    "say", cue_speech(e, ph, say, sizeof say),
		    "index", session_phase_index(cs->s),
		    "count", session_phase_count(cs->s),
		    "duration_ms", (json_int_t)ph->duration_s * 1000,
		    "start", (json_int_t)(wall - (int64_t)now +
		    (int64_t)session_phase_start(cs->s)),
		    "end", (json_int_t)(wall - (int64_t)now +
		    (int64_t)session_phase_end(cs->s)),
		    "remaining_ms", (json_int_t)session_remaining_ms(cs->s,
		    now),
		    "countdown", ph->kind == PHASE_HOLD &&
		    ph->duration_s >= LIVE_COUNTDOWN_MIN_S,
		    "seq", (json_int_t)session_transitions(cs->s));
		/* The phase's kind as a word the page can style by. */
		json_object_set_new(p, "kind", json_string(
		    ph->kind == PHASE_READY ? "ready" :
		    ph->kind == PHASE_MOVE ? "move" :
		    ph->kind == PHASE_HOLD ? "hold" :
		    ph->kind == PHASE_REP ? "rep" :
		    ph->kind == PHASE_INHALE ? "inhale" :
		    ph->kind == PHASE_EXHALE ? "exhale" :
		    ph->kind == PHASE_SWITCH ? "switch" :
		    ph->kind == PHASE_CHANGE ? "change" : "rest"));
		json_object_set_new(s, "phase", p);
	} else
		json_object_set_new(s, "phase", json_null());
	json_object_set_new(s, "next", ex_ref(session_next(cs->s)));
	if ((e = session_offer(cs->s)) != NULL)
		json_object_set_new(s, "offer", json_pack("{s:s,s:s,s:s,s:s}",
		    "id", e->id, "name", e->name, "why", e->why, "ask",
		    cue_offer(e, ask, sizeof ask)));
	else
		json_object_set_new(s, "offer", json_null());
	if (session_state(cs->s) == SESSION_DONE) {
		char *ew = coach_end_words(cs);

		json_object_set_new(s, "end_words", json_string(ew));
		free(ew);
	}
	/* The words after the latest pain answer, until the session ends. */
	json_object_set_new(s, "set_aside", json_pack("{s:i,s:s?}", "count",
	    (int)cs->asides, "words", cs->pain_words));
	if (l->camera != NULL && json_object_size(l->camera) > 0)
		json_object_set(s, "camera", l->camera);
	json_object_set_new(j, "session", s);
	json_object_set_new(j, "unfinished", json_null());
	return (j);
}

json_t *
live_state(struct live *l)
{
	json_t	*j;

	pthread_mutex_lock(&l->mu);
	j = state_json(l);
	pthread_mutex_unlock(&l->mu);
	return (j);
}

/* Whether a session is being played now (not over). Lock held. */
static int
playing(struct live *l)
{
	return (l->cs != NULL && !l->ended);
}

/* Drop a session that is over. Lock held. */
static void
drop_ended(struct live *l)
{
	if (l->cs != NULL && l->ended) {
		coach_session_free(l->cs);
		l->cs = NULL;
		l->ended = l->rated = l->closed = 0;
		l->pain_after = -1;
		free(l->failed);
		l->failed = NULL;
	}
}

int
web_plan_opts(struct web *w, const char *minutes, const char *place,
    const char *equipment, const char *date, struct plan_opts *o, char **err)
{
	const char	*v[] = { minutes, place, equipment, date };
	size_t		 i;

	coach_plan_defaults(&w->coach, o);
	for (i = 0; i < sizeof v / sizeof v[0]; i++)
		if (v[i] != NULL && coach_plan_option((enum coach_plan_key)i,
		    v[i], o, err) == -1)
			return (-1);
	return (0);
}

/* The gate's refusal as 409: its sentence, and what the page may do. */
static void
refuse(struct web_reply *r, struct coach_gate *g)
{
	json_t	*j;

	j = json_pack("{s:s,s:s,s:b,s:b,s:b}", "error", g->why, "gate",
	    coach_gate_name(g->state), "screen", g->ask_screen,
	    "emergency", g->emergency, "offer_breathing", g->offer_breathing);
	if (g->state == COACH_GATE_PLAYING)
		json_object_set_new(j, "playing", json_pack("{s:s,s:I,s:I}",
		    "where", g->holder_where, "since", (json_int_t)
		    g->holder_since_ms, "pid", (json_int_t)g->holder_pid));
	web_json(r, j);
	r->status = 409;
	coach_gate_release(g);
}

void
live_begin(struct live *l, json_t *body, struct web_reply *r)
{
	struct web		*w = l->w;
	struct plan_opts	 o;
	struct plan		 p = PLAN_INIT;
	struct remind_config	 cfg;
	struct diag		 d = DIAG_INIT;
	struct coach_unfinished	 u;
	struct coach_start	 st;
	struct coach_gate	 g;
	json_error_t		 je;
	json_t			*jmin = NULL, *jpain = NULL;
	const char		*kind = "routine", *place = NULL, *equip = NULL;
	const char		*routine = NULL;
	char			*cause = NULL, **aside = NULL, *rname = NULL;
	size_t			 naside = 0;
	int			 one = 0, breathing = 0, take = 0, found, all;
	int			 rc, pain = -1;
	enum coach_kind		 k;

	if (json_unpack_ex(body, &je, JSON_STRICT, "{s?s,s?o,s?s,s?s,s?b,"
	    "s?o,s?s,s?b,s?b}", "kind", &kind, "minutes", &jmin, "place",
	    &place, "equipment", &equip, "one", &one, "pain", &jpain,
	    "routine", &routine, "breathing", &breathing, "take_over",
	    &take) != 0) {
		web_error(r, 400, "%s", je.text);
		return;
	}
	if (strcmp(kind, "routine") != 0 && strcmp(kind, "break") != 0) {
		web_error(r, 400, "kind: expected routine or break");
		return;
	}
	k = strcmp(kind, "break") == 0 ? COACH_BREAK : COACH_ROUTINE;
	/* Numbers are checked as the JSON has them, before narrowing. */
	if (jpain != NULL && !json_is_null(jpain) && (!json_is_integer(jpain) ||
	    json_integer_value(jpain) < 0 || json_integer_value(jpain) > 10)) {
		web_error(r, 400, "pain: expected 0 to 10, or null");
		return;
	}
	if (jpain != NULL && json_is_integer(jpain))
		pain = (int)json_integer_value(jpain);
	if (web_plan_opts(w, NULL, place, equip, NULL, &o, &cause) == -1 ||
	    (jmin != NULL && (!json_is_integer(jmin) ? (cause = xstrdup(
	    "minutes: expected a whole number")) != NULL :
	    coach_plan_minutes(json_integer_value(jmin), NULL, &o,
	    &cause) == -1))) {
		web_error(r, 400, "%s", cause);
		free(cause);
		return;
	}
	/* Read outside the lock: a session's timer does not wait on it. */
	if (routine != NULL && routine_parse("routine", routine,
	    strlen(routine), w->coach.catalog, &p, &rname, &d) == -1) {
		web_error(r, 400, "%s", d.n > 0 ? d.msgs[0] :
		    "routine: cannot be read");
		diag_release(&d);
		plan_release(&p);
		free(rname);
		return;
	}
	pthread_mutex_lock(&l->mu);
	if (playing(l)) {
		web_error(r, 409, "a session is being played in this browser "
		    "already: it is shown on the Player page");
		goto out;
	}
	drop_ended(l);
	if (take && k == COACH_ROUTINE) {
		/* The person said so: the other front end lets go. */
		if ((rc = coach_take_over(&w->coach, &cause)) == 1) {
			web_error(r, 409, "%s", cause);
			free(cause);
			goto out;
		}
		if (rc == -1)
			goto fail;
		if ((found = coach_unfinished(&w->coach, k, &u, &cause)) == -1)
			goto fail;
		if (found && u.readable && u.rest.n > 0) {
			rc = coach_resume(&w->coach, k, &u, &l->cs, &g,
			    &cause);
			coach_unfinished_release(&u);
			goto begun;
		}
		if (found)
			coach_unfinished_release(&u);
	}
	/* The gate first: a refusal leaves everything as it was. */
	if (coach_gate(&w->coach, &g, &cause) == -1)
		goto fail;
	if (g.state != COACH_GATE_OPEN) {
		refuse(r, &g);
		goto out;
	}
	coach_gate_release(&g);
	/* An unfinished one that is not resumed is closed, as `start`. */
	if ((found = coach_unfinished(&w->coach, k, &u, &cause)) == -1)
		goto fail;
	if (found) {
		if (coach_close_unfinished(&w->coach, k, &u, &all,
		    &cause) == -1) {
			coach_unfinished_release(&u);
			goto fail;
		}
		coach_unfinished_release(&u);
	}
	/* A routine file's plan was read above, outside the lock. */
	if (routine == NULL && k == COACH_BREAK) {
		if (settings_load(w->settings_path, &cfg, &d, &cause) != 0) {
			diag_release(&d);
			free(cause);
			cause = NULL;
			config_defaults(&cfg);
		}
		if (coach_plan_break(&w->coach, &cfg, o.equipment, &p,
		    &cause) == -1)
			goto fail;
	} else if (routine == NULL && (one ? coach_plan_one :
	    coach_plan_today)(&w->coach, &o, &p, &aside, &naside, &cause) == -1)
		goto fail;
	if (p.n == 0) {
		web_error(r, 422, "nothing to play: no exercise fits this "
		    "place and equipment");
		goto out;
	}
	memset(&st, 0, sizeof st);
	st.kind = k;
	st.plan = &p;
	st.day = o.day;
	st.minutes = k == COACH_BREAK ? (p.total_s + 59) / 60 : o.minutes;
	st.routine = rname;
	st.pain = k == COACH_BREAK ? -1 : pain;
	st.breathing = breathing;
	rc = coach_begin(&w->coach, &st, &l->cs, &g, &cause);
begun:
	if (rc == 1) {
		refuse(r, &g);
		goto out;
	}
	if (rc == -1)
		goto fail;
	l->ended = l->rated = l->taken = l->closed = 0;
	l->pain_after = -1;
	json_decref(l->camera);
	l->camera = json_object();
	free(l->rise);
	l->rise = NULL;
	session_log_clear(l->cs->s);
	bump(l);
	web_json(r, state_json(l));
	goto out;
fail:
	web_error(r, 500, "%s", cause);
	free(cause);
out:
	pthread_mutex_unlock(&l->mu);
	coach_aside_free(aside, naside);
	plan_release(&p);
	free(rname);
}

void
live_resume(struct live *l, struct web_reply *r)
{
	struct coach_unfinished	 u;
	struct coach_gate	 g;
	char			*cause = NULL;
	int			 found, rc;

	pthread_mutex_lock(&l->mu);
	if (playing(l)) {
		web_error(r, 409, "a session is being played already");
		goto out;
	}
	if ((found = coach_unfinished(&l->w->coach, COACH_ROUTINE, &u,
	    &cause)) == -1) {
		web_error(r, 500, "%s", cause);
		free(cause);
		goto out;
	}
	if (found == 0 || !u.readable || u.rest.n == 0) {
		if (found)
			coach_unfinished_release(&u);
		web_error(r, 404, "no unfinished session to resume");
		goto out;
	}
	drop_ended(l);
	if ((rc = coach_resume(&l->w->coach, COACH_ROUTINE, &u, &l->cs, &g,
	    &cause)) != 0) {
		coach_unfinished_release(&u);
		if (rc == 1)
			refuse(r, &g);
		else
			web_error(r, 500, "%s", cause);
		free(cause);
		goto out;
	}
	coach_unfinished_release(&u);
	l->ended = l->rated = l->taken = l->closed = 0;
	l->pain_after = -1;
	json_decref(l->camera);
	l->camera = json_object();
	free(l->rise);
	l->rise = NULL;
	session_log_clear(l->cs->s);
	bump(l);
	web_json(r, state_json(l));
out:
	pthread_mutex_unlock(&l->mu);
}

static const char *const event_names[] = {
	"tick", "pause", "resume", "skip", "back", "quit", "hurt", "answer"
};

/*
 * The event camera: what the camera mode saw of the exercise being
 * played, { "what": "reps" | "hold" | a flag, "value": n } (a flag's
 * value is 1: said once). Stored with the session by the coach, and kept
 * for the session's summary.
 */
static void
camera_event(struct live *l, json_t *cam, struct web_reply *r)
{
	json_error_t	 je;
	const char	*what, *ex = NULL;
	char		*err = NULL;
	json_t		*e, *flags;
	json_int_t	 value;
	int		 flag;

	if (cam == NULL || json_unpack_ex(cam, &je, JSON_STRICT, "{s:s,s:I}",
	    "what", &what, "value", &value) != 0) {
		web_error(r, 400, "camera: expected {\"what\": reps, hold or a "
		    "flag, \"value\": a count}");
		return;
	}
	flag = strcmp(what, "reps") != 0 && strcmp(what, "hold") != 0;
	if (value < 0 || value > 10000 || (flag && value != 1)) {
		web_error(r, 400, "camera: value: expected a count (1 for a "
		    "flag)");
		return;
	}
	pthread_mutex_lock(&l->mu);
	if (!playing(l)) {
		pthread_mutex_unlock(&l->mu);
		web_error(r, 409, "no session is being played");
		return;
	}
	if (coach_camera_mark(l->cs, what, (int)value, &ex, &err) != 0) {
		pthread_mutex_unlock(&l->mu);
		web_error(r, ex == NULL ? 400 : 500, "%s", err);
		free(err);
		return;
	}
	if (l->camera == NULL)
		l->camera = json_object();
	if ((e = json_object_get(l->camera, ex)) == NULL) {
		e = json_pack("{s:i,s:i,s:{}}", "reps", 0, "hold", 0, "flags");
		json_object_set_new(l->camera, ex, e);
	}
	if (!flag) {
		if (value > json_integer_value(json_object_get(e, what)))
			json_object_set_new(e, what, json_integer(value));
	} else {
		flags = json_object_get(e, "flags");
		json_object_set_new(flags, what, json_integer(
		    json_integer_value(json_object_get(flags, what)) + 1));
	}
	bump(l);
	web_json(r, state_json(l));
	pthread_mutex_unlock(&l->mu);
}

void
live_event(struct live *l, json_t *body, struct web_reply *r)
{
	json_error_t	 je;
	const char	*name, *feel = NULL;
	json_t		*ans = NULL, *cam = NULL;
	int		 ev = -1, arg = 0, i;
	size_t		 n;

	if (json_unpack_ex(body, &je, JSON_STRICT, "{s:s,s?o,s?o}", "event",
	    &name, "answer", &ans, "camera", &cam) != 0) {
		web_error(r, 400, "%s", je.text);
		return;
	}
	if (strcmp(name, "camera") == 0) {
		camera_event(l, cam, r);
		return;
	}
	if (cam != NULL) {
		web_error(r, 400, "camera: only with the event camera");
		return;
	}
	for (n = 1; n < sizeof event_names / sizeof event_names[0]; n++)
		if (strcmp(name, event_names[n]) == 0)
			ev = (int)n;
	if (ev == -1) {
		web_error(r, 400, "event: expected pause, resume, skip, back, "
		    "quit, hurt or answer");
		return;
	}
	if (ev == SEV_ANSWER) {
		/* A feel by name, or yes/no to an offer. */
		if (json_is_boolean(ans))
			arg = json_is_true(ans);
		else if (json_is_string(ans)) {
			feel = json_string_value(ans);
			arg = -1;
			for (i = FEEL_FINE; i < FEEL_COUNT; i++)
				if (strcmp(feel, session_feel_name(
				    (enum session_feel)i)) == 0)
					arg = i;
			if (arg == -1) {
				web_error(r, 400, "answer: expected fine, "
				    "stretch, discomfort, sharp, tingling, "
				    "burning or numb");
				return;
			}
		} else {
			web_error(r, 400, "answer: expected a feel's name or "
			    "true/false");
			return;
		}
	} else if (ans != NULL) {
		web_error(r, 400, "answer: only with the event answer");
		return;
	}
	pthread_mutex_lock(&l->mu);
	if (!playing(l)) {
		pthread_mutex_unlock(&l->mu);
		web_error(r, 409, "no session is being played");
		return;
	}
	/* An answer of the wrong kind for the question is refused. */
	if (ev == SEV_ANSWER && ((session_state(l->cs->s) == SESSION_FEEL &&
	    feel == NULL) || (session_state(l->cs->s) == SESSION_OFFER &&
	    feel != NULL) || (session_state(l->cs->s) != SESSION_FEEL &&
	    session_state(l->cs->s) != SESSION_OFFER))) {
		pthread_mutex_unlock(&l->mu);
		web_error(r, 409, "that answer does not fit the question now");
		return;
	}
	handle(l, (enum session_event)ev, arg);
	web_json(r, state_json(l));
	pthread_mutex_unlock(&l->mu);
}

void
live_pain_after(struct live *l, json_t *body, struct web_reply *r)
{
	json_error_t	 je;
	json_t		*pj = NULL;
	char		*cause = NULL;
	int		 pain = -1;

	if (json_unpack_ex(body, &je, JSON_STRICT, "{s:o}", "pain",
	    &pj) != 0) {
		web_error(r, 400, "%s", je.text);
		return;
	}
	if (json_is_integer(pj) && json_integer_value(pj) >= 0 &&
	    json_integer_value(pj) <= 10)
		pain = (int)json_integer_value(pj);
	else if (!json_is_null(pj)) {
		web_error(r, 400, "pain: expected 0 to 10, or null to skip");
		return;
	}
	pthread_mutex_lock(&l->mu);
	if (l->cs == NULL || !l->ended || l->rated) {
		pthread_mutex_unlock(&l->mu);
		web_error(r, 409, "no finished session waits for its rating");
		return;
	}
	if (pain >= 0 && coach_rate_after(l->cs, pain, &cause) == -1) {
		pthread_mutex_unlock(&l->mu);
		web_error(r, 500, "%s", cause);
		free(cause);
		return;
	}
	l->rated = 1;
	l->pain_after = pain;
	free(l->rise);
	l->rise = coach_rise_words(l->cs->pain_before, pain);
	bump(l);
	web_json(r, state_json(l));
	pthread_mutex_unlock(&l->mu);
}

void
live_close(struct live *l, struct web_reply *r)
{
	pthread_mutex_lock(&l->mu);
	if (l->cs != NULL && l->ended)
		l->rated = l->closed = 1;
	bump(l);
	web_json(r, state_json(l));
	pthread_mutex_unlock(&l->mu);
}

char *
live_next(struct live *l, unsigned long *seen, int wait_ms)
{
	json_t	*j;
	char	*text, *out;
	int64_t	 until = real_now_ms() + wait_ms;

	pthread_mutex_lock(&l->mu);
	while (!l->stop && *seen == l->version && real_now_ms() < until)
		wait_until(l, until);
	if (l->stop) {
		pthread_mutex_unlock(&l->mu);
		return (NULL);
	}
	if (*seen == l->version) {
		pthread_mutex_unlock(&l->mu);
		return (xstrdup(": still here\n\n"));
	}
	*seen = l->version;
	j = state_json(l);
	pthread_mutex_unlock(&l->mu);
	text = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(j);
	out = xasprintf("event: state\ndata: %s\n\n", text != NULL ? text :
	    "{}");
	free(text);
	return (out);
}

void
live_lock(struct live *l)
{
	pthread_mutex_lock(&l->mu);
}

void
live_unlock(struct live *l)
{
	pthread_mutex_unlock(&l->mu);
}
