/*
 * t-coach.c -- the application layer against a real SQLite store in
 * memory and a manual clock: whole sessions recorded in microseconds,
 * skip and back, the pain rule's set-aside, resume after a kill, the desk
 * break's wall angel, the red-flag screen's verdicts, the stored plan's
 * codec, and check-in notes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "coach/coach.h"
#include "coach/doc.h"
#include "coach/export.h"
#include "coach/plancodec.h"
#include "coach/program.h"
#include "core/dose.h"
#include "core/nextday.h"
#include "core/xmalloc.h"
#include "store/store.h"
#include "sys/clock.h"

extern const char	midback_exercises_yaml[];
extern const size_t	midback_exercises_yaml_len;

/* 2026-12-01 09:00 UTC */
#define T0	1796115600000LL

struct fixture {
	struct catalog	*catalog;
	struct clock	 clock;
	struct coach	 coach;
};

/* aside[from..] are harder variants: some exercise names each as harder. */
static void
assert_locked_after(const struct catalog *c, char **aside, size_t naside,
    size_t from)
{
	size_t	i, j;

	for (i = from; i < naside; i++) {
		for (j = 0; j < c->n; j++)
			if (c->ex[j].harder != NULL &&
			    strcmp(c->ex[j].harder, aside[i]) == 0)
				break;
		assert_true(j < c->n);
	}
}

static int
setup(void **state)
{
	struct fixture	*f = xcalloc(1, sizeof *f);
	struct diag	 d = DIAG_INIT;
	char		*err = NULL;

	f->catalog = catalog_parse("exercises.yaml", midback_exercises_yaml,
	    midback_exercises_yaml_len, NULL, &d);
	assert_non_null(f->catalog);
	clock_manual(&f->clock, T0);
	f->coach.catalog = f->catalog;
	f->coach.clock = &f->clock;
	assert_int_equal(coach_open(&f->coach, ":memory:", &err), 0);
	assert_non_null(f->coach.store);
	*state = f;
	return (0);
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	coach_close(&f->coach);
	catalog_free(f->catalog);
	free(f);
	return (0);
}

/* The warning-signs screen answered all no, and the notice accepted. */
static void
screen_clear(struct fixture *f)
{
	struct screen		*s = coach_screen_load();
	enum screen_verdict	 v;
	char			*err = NULL;
	int			*a;

	assert_non_null(s);
	a = xcalloc(s->n, sizeof *a);
	assert_int_equal(coach_screen_save(&f->coach, s, a, s->n, NULL, 1, &v,
	    &err), 0);
	assert_int_equal(v, SCREEN_GO);
	free(a);
	screen_free(s);
}

/* Begin a session of p through the gate (the screen answered first). */
static void
begin(struct fixture *f, enum coach_kind k, const struct plan *p, long day,
    int minutes, const char *routine, int pain, struct coach_session **cs)
{
	struct coach_start	st;
	struct coach_gate	g;
	char			*err = NULL;

	memset(&st, 0, sizeof st);
	st.kind = k;
	st.plan = p;
	st.day = day;
	st.minutes = minutes;
	st.routine = routine;
	st.pain = pain;
	if (coach_gate(&f->coach, &g, &err) == 0 && g.ask_screen)
		screen_clear(f);
	coach_gate_release(&g);
	assert_int_equal(coach_begin(&f->coach, &st, cs, &g, &err), 0);
}

/* A plan of the catalog's exercises ids[], each at its least dose. */
static void
plan_of(const struct catalog *c, const char *const *ids, struct plan *p)
{
	const struct exercise	*e;
	size_t			 n;

	memset(p, 0, sizeof *p);
	for (n = 0; ids[n] != NULL; n++)
		;
	p->items = xcalloc(n, sizeof *p->items);
	for (p->n = 0; p->n < n; p->n++) {
		assert_non_null(e = catalog_find(c, ids[p->n]));
		p->items[p->n].ex = e;
		dose_min(&e->dose, &p->items[p->n].rx);
		p->items[p->n].duration_s = dose_duration_s(&p->items[p->n].rx);
		p->total_s += p->items[p->n].duration_s;
	}
}

/* Play cs on the manual clock: every tick on time, every feel fine. */
static void
play_through(struct coach_session *cs, struct clock *ck, int feel)
{
	char		*err = NULL;
	uint64_t	 dl;
	int		 guard = 0;

	while (session_state(cs->s) != SESSION_DONE && guard++ < 10000) {
		switch (session_state(cs->s)) {
		case SESSION_WORK:
			dl = session_deadline(cs->s);
			assert_true(dl != UINT64_MAX);
			clock_sleep_until(ck, cs->t0 + (int64_t)dl);
			assert_int_equal(coach_event(cs, SEV_TICK, 0, &err), 0);
			break;
		case SESSION_FEEL:
			assert_int_equal(coach_event(cs, SEV_ANSWER, feel,
			    &err), 0);
			break;
		default:
			assert_int_equal(coach_event(cs, SEV_ANSWER, 0, &err),
			    0);
			break;
		}
		session_log_clear(cs->s);
	}
	assert_int_equal(session_state(cs->s), SESSION_DONE);
}

static void
t_whole_routine(void **state)
{
	struct fixture		*f = *state;
	struct plan_opts	 o;
	struct plan		 p = PLAN_INIT;
	struct coach_session	*cs;
	struct store_history	 h = STORE_HISTORY_INIT;
	char			**aside, *err = NULL;
	size_t			 naside, i;

	memset(&o, 0, sizeof o);
	o.minutes = 15;
	o.place = PLAN_ANYWHERE;
	o.equipment = EQUIP_CHAIR | EQUIP_WALL | EQUIP_DOORWAY;
	o.day = T0 / 86400000;
	assert_int_equal(coach_plan_today(&f->coach, &o, &p, &aside, &naside,
	    &err), 0);
	assert_true(p.n > 3);
	begin(f, COACH_ROUTINE, &p, o.day, o.minutes, NULL, 3, &cs);
	play_through(cs, &f->clock, FEEL_STRETCH);
	/* The whole routine took its planned time on the clock, to the ms. */
	assert_int_equal(clock_mono_ms(&f->clock), (int64_t)p.total_s * 1000);
	assert_int_equal(coach_end(cs, &err), 0);
	assert_int_equal(coach_rate_after(cs, 1, &err), 0);
	assert_int_equal(store_history(f->coach.store, 0, INT64_MAX, &h,
	    &err), 0);
	assert_int_equal(h.nsessions, 1);
	assert_string_equal(h.sessions[0].status, "finished");
	assert_int_equal(h.sessions[0].pain_before, 3);
	assert_int_equal(h.sessions[0].pain_after, 1);
	assert_int_equal(h.sessions[0].ended_ms, T0 + p.total_s * 1000LL);
	assert_int_equal(h.sessions[0].nitems, p.n);
	for (i = 0; i < p.n; i++) {
		assert_string_equal(h.sessions[0].items[i].outcome, "done");
		assert_string_equal(h.sessions[0].items[i].feel, "stretch");
		if (p.items[i].rx.per_side)
			assert_string_equal(h.sessions[0].items[i].side,
			    "right");
		else
			assert_null(h.sessions[0].items[i].side);
	}
	store_history_release(&h);
	coach_session_free(cs);
	coach_aside_free(aside, naside);
	plan_release(&p);
}

/* Skipped, gone back to and finished: stored again, as done. */
static void
t_skip_back_finish(void **state)
{
	static const char *const ids[] = { "chest-opener", "open-book",
	    NULL };
	struct fixture		*f = *state;
	struct plan		 p;
	struct coach_session	*cs;
	struct store_history	 h = STORE_HISTORY_INIT;
	char			*err = NULL;

	plan_of(f->catalog, ids, &p);
	begin(f, COACH_ROUTINE, &p, 0, 5, NULL, -1, &cs);
	clock_advance(&f->clock, 1000);
	assert_int_equal(coach_event(cs, SEV_SKIP, 0, &err), 0);
	clock_advance(&f->clock, 1000);
	/* Within 3 s of the second: back goes to the first. */
	assert_int_equal(coach_event(cs, SEV_BACK, 0, &err), 0);
	assert_int_equal(session_index(cs->s), 0);
	play_through(cs, &f->clock, FEEL_FINE);
	assert_int_equal(coach_end(cs, &err), 0);
	assert_int_equal(store_history(f->coach.store, 0, INT64_MAX, &h,
	    &err), 0);
	assert_int_equal(h.sessions[0].nitems, 2);
	assert_string_equal(h.sessions[0].items[0].exercise, "chest-opener");
	assert_string_equal(h.sessions[0].items[0].outcome, "done");
	assert_string_equal(h.sessions[0].items[0].feel, "fine");
	store_history_release(&h);
	coach_session_free(cs);
	plan_release(&p);
}

/* A sharp answer sets the exercise aside for 7 days, and plans skip it. */
static void
t_pain_rule_aside(void **state)
{
	static const char *const ids[] = { "open-book", NULL };
	struct fixture		*f = *state;
	struct plan		 p, q = PLAN_INIT;
	struct plan_opts	 o;
	struct coach_session	*cs;
	char			**aside, *err = NULL;
	size_t			 naside, i;

	plan_of(f->catalog, ids, &p);
	begin(f, COACH_ROUTINE, &p, 0, 5, NULL, -1, &cs);
	play_through(cs, &f->clock, FEEL_SHARP);
	assert_int_equal(coach_end(cs, &err), 0);
	coach_session_free(cs);

	memset(&o, 0, sizeof o);
	o.minutes = 60;
	o.place = PLAN_FLOOR;
	o.equipment = EQUIP_CHAIR | EQUIP_WALL | EQUIP_DOORWAY;
	assert_int_equal(coach_plan_today(&f->coach, &o, &q, &aside, &naside,
	    &err), 0);
	/* Then the harder variants the program has not unlocked yet. */
	assert_true(naside >= 1);
	assert_string_equal(aside[0], "open-book");
	assert_locked_after(f->catalog, aside, naside, 1);
	for (i = 0; i < q.n; i++)
		assert_string_not_equal(q.items[i].ex->id, "open-book");
	coach_aside_free(aside, naside);
	plan_release(&q);
	/* Seven days on, it is back. */
	clock_advance(&f->clock, COACH_ASIDE_DAYS * 86400000LL + 1);
	assert_int_equal(coach_plan_today(&f->coach, &o, &q, &aside, &naside,
	    &err), 0);
	/* Nothing set aside: only the variants still locked. */
	assert_locked_after(f->catalog, aside, naside, 0);
	for (i = 0; i < naside; i++)
		assert_string_not_equal(aside[i], "open-book");
	coach_aside_free(aside, naside);
	plan_release(&q);
	plan_release(&p);
}

/* The latest answers stand: a later yes closes the gate for every begin. */
static void
t_gate_later_yes(void **state)
{
	static const char *const ids[] = { "chest-opener", NULL };
	struct fixture		*f = *state;
	struct screen		*s = coach_screen_load();
	struct coach_start	 st;
	struct coach_gate	 g;
	struct coach_session	*cs = NULL;
	enum screen_verdict	 v;
	struct plan		 p;
	char			*err = NULL;
	int			*a, one = 1;

	assert_non_null(s);
	assert_int_equal(coach_gate(&f->coach, &g, &err), 0);
	assert_int_equal(g.state, COACH_GATE_SCREEN);
	assert_true(g.first && g.ask_screen);
	coach_gate_release(&g);
	screen_clear(f);
	assert_int_equal(coach_gate(&f->coach, &g, &err), 0);
	assert_int_equal(g.state, COACH_GATE_OPEN);
	assert_null(g.why);
	/* An hour later, chest pain: an emergency, named. */
	clock_advance(&f->clock, 3600 * 1000);
	a = xcalloc(s->n, sizeof *a);
	a[0] = 1;
	assert_int_equal(coach_screen_save(&f->coach, s, a, 1, NULL, -1, &v,
	    &err), 0);
	assert_int_equal(v, SCREEN_EMERGENCY);
	assert_int_equal(coach_gate(&f->coach, &g, &err), 0);
	assert_int_equal(g.state, COACH_GATE_SIGNS);
	assert_true(g.emergency && g.ask_screen && !g.first);
	assert_string_equal(g.why, "the warning-signs answers include chest "
	    "pain or trouble breathing: please get medical help first");
	coach_gate_release(&g);
	plan_of(f->catalog, ids, &p);
	memset(&st, 0, sizeof st);
	st.kind = COACH_ROUTINE;
	st.plan = &p;
	st.minutes = 3;
	st.pain = -1;
	assert_int_equal(coach_begin(&f->coach, &st, &cs, &g, &err), 1);
	assert_null(cs);
	assert_int_equal(g.state, COACH_GATE_SIGNS);
	coach_gate_release(&g);
	/* Nothing was begun: no session waits. */
	assert_int_equal(coach_screen_needed(&f->coach, &one, &err), 0);
	assert_int_equal(one, 1);
	/* A clear screen again opens it. */
	clock_advance(&f->clock, 1000);
	screen_clear(f);
	assert_int_equal(coach_begin(&f->coach, &st, &cs, &g, &err), 0);
	coach_session_free(cs);
	free(a);
	screen_free(s);
	plan_release(&p);
}

/* Pain of 7 or more before: refused, unless breathing alone is chosen. */
static void
t_gate_pain(void **state)
{
	static const char *const ids[] = { "open-book", NULL };
	struct fixture		*f = *state;
	struct coach_start	 st;
	struct coach_gate	 g;
	struct coach_session	*cs = NULL;
	struct plan		 p;
	char			*err = NULL;
	size_t			 i;

	screen_clear(f);
	plan_of(f->catalog, ids, &p);
	memset(&st, 0, sizeof st);
	st.kind = COACH_ROUTINE;
	st.plan = &p;
	st.minutes = 5;
	st.pain = SCREEN_PAIN_STOP;
	assert_int_equal(coach_begin(&f->coach, &st, &cs, &g, &err), 1);
	assert_int_equal(g.state, COACH_GATE_PAIN);
	assert_true(g.offer_breathing);
	assert_non_null(strstr(g.why, "with pain of 7, exercise is not "
	    "advised today"));
	coach_gate_release(&g);
	st.pain = 11;
	assert_int_equal(coach_begin(&f->coach, &st, &cs, &g, &err), -1);
	free(err);
	err = NULL;
	st.pain = 8;
	st.breathing = 1;
	assert_int_equal(coach_begin(&f->coach, &st, &cs, &g, &err), 0);
	assert_int_equal(cs->pain_before, 8);
	for (i = 0; i < session_count(cs->s); i++)
		assert_int_equal(session_item(cs->s, i)->ex->kind,
		    KIND_BREATHING);
	coach_session_free(cs);
	/* Below the rule, the plan as it is. */
	st.pain = SCREEN_PAIN_STOP - 1;
	st.breathing = 0;
	assert_int_equal(coach_begin(&f->coach, &st, &cs, &g, &err), 0);
	assert_string_equal(session_item(cs->s, 0)->ex->id, "open-book");
	coach_session_free(cs);
	plan_release(&p);
}

/* Two nerve-like answers: the next begin says so and asks the screen. */
static void
t_gate_clinician_stop(void **state)
{
	static const char *const ids[] = { "chest-opener", "open-book",
	    "cat-cow-flow", NULL };
	struct fixture		*f = *state;
	struct coach_gate	 g;
	struct coach_session	*cs;
	struct plan		 p;
	char			*err = NULL, *w;

	plan_of(f->catalog, ids, &p);
	begin(f, COACH_ROUTINE, &p, 0, 5, NULL, -1, &cs);
	play_through(cs, &f->clock, FEEL_TINGLING);
	assert_int_equal(session_end(cs->s), SESSION_END_CLINICIAN);
	assert_non_null(cs->pain_words);
	assert_non_null(strstr(cs->pain_words, "is set aside until"));
	w = coach_end_words(cs);
	assert_non_null(strstr(w, "Please see a doctor or physiotherapist"));
	free(w);
	assert_int_equal(coach_end(cs, &err), 0);
	coach_session_free(cs);
	clock_advance(&f->clock, 60 * 1000);
	assert_int_equal(coach_gate(&f->coach, &g, &err), 0);
	assert_int_equal(g.state, COACH_GATE_STOPPED);
	assert_true(g.ask_screen);
	assert_non_null(strstr(g.why, "advice to see a clinician"));
	coach_gate_release(&g);
	/* Answered again (a clinician seen): open. */
	screen_clear(f);
	assert_int_equal(coach_gate(&f->coach, &g, &err), 0);
	assert_int_equal(g.state, COACH_GATE_OPEN);
	plan_release(&p);
}

/* The words after one sharp answer: until when, and one more ends it. */
static void
t_pain_words(void **state)
{
	static const char *const ids[] = { "chest-opener", "cat-cow-flow",
	    NULL };
	struct fixture		*f = *state;
	struct coach_session	*cs;
	struct plan		 p;
	char			*err = NULL, *w;
	uint64_t		 dl;

	plan_of(f->catalog, ids, &p);
	begin(f, COACH_ROUTINE, &p, 0, 5, NULL, -1, &cs);
	while (session_state(cs->s) == SESSION_WORK) {
		dl = session_deadline(cs->s);
		clock_sleep_until(&f->clock, cs->t0 + (int64_t)dl);
		assert_int_equal(coach_event(cs, SEV_TICK, 0, &err), 0);
	}
	assert_int_equal(session_state(cs->s), SESSION_FEEL);
	assert_null(cs->pain_words);
	assert_int_equal(coach_event(cs, SEV_ANSWER, FEEL_SHARP, &err), 0);
	assert_non_null(cs->pain_words);
	/* T0 is Tuesday 1 December 2026; a week on is Tuesday 8th. */
	assert_non_null(strstr(cs->pain_words, "Chest opener is set aside "
	    "until Tuesday 8 December."));
	assert_non_null(strstr(cs->pain_words, "One more answer like that "
	    "ends today's session."));
	play_through(cs, &f->clock, FEEL_FINE);
	w = coach_end_words(cs);
	assert_null(strstr(w, "Well done"));
	free(w);
	assert_null(coach_rise_words(3, 4));
	assert_null(coach_rise_words(-1, 9));
	w = coach_rise_words(3, 5);
	assert_string_equal(w, "Your pain went up from 3 to 5: rest today, "
	    "and see a clinician if it does not settle. Both ratings are "
	    "saved with this session.");
	free(w);
	coach_session_free(cs);
	plan_release(&p);
}

/* Play the current exercise to its question, and answer it. */
static void
play_one(struct coach_session *cs, struct clock *ck, int feel)
{
	char	*err = NULL;

	while (session_state(cs->s) == SESSION_WORK) {
		clock_sleep_until(ck, cs->t0 + (int64_t)session_deadline(cs->s));
		assert_int_equal(coach_event(cs, SEV_TICK, 0, &err), 0);
	}
	assert_int_equal(session_state(cs->s), SESSION_FEEL);
	assert_int_equal(coach_event(cs, SEV_ANSWER, feel, &err), 0);
	session_log_clear(cs->s);
}

/*
 * After the kill: the session is unfinished with n_items stored and
 * n_rest to play, next first; resumed into *cs, counting on.
 */
static void
resume_at(struct fixture *f, int n_items, size_t n_rest, const char *next,
    struct coach_unfinished *u, struct coach_session **cs)
{
	struct coach_gate	 g;
	char			*err = NULL;

	assert_int_equal(coach_unfinished(&f->coach, COACH_ROUTINE, u,
	    &err), 1);
	assert_true(u->readable);
	assert_int_equal(u->n_items, n_items);
	assert_int_equal(u->rest.n, n_rest);
	assert_string_equal(u->rest.items[0].ex->id, next);
	assert_int_equal(coach_resume(&f->coach, COACH_ROUTINE, u, cs, &g,
	    &err), 0);
	assert_int_equal((*cs)->position, n_items);
}

/* Killed after one exercise: resumed from the second, counting on. */
static void
t_resume(void **state)
{
	static const char *const ids[] = { "chest-opener", "open-book",
	    "cat-cow-flow", NULL };
	struct fixture		*f = *state;
	struct plan		 p;
	struct coach_session	*cs;
	struct coach_unfinished	 u;
	char			*err = NULL;

	plan_of(f->catalog, ids, &p);
	begin(f, COACH_ROUTINE, &p, 0, 5, NULL, -1, &cs);
	play_one(cs, &f->clock, FEEL_FINE);
	coach_session_free(cs);		/* the kill: never ended */

	resume_at(f, 1, 2, "open-book", &u, &cs);
	play_through(cs, &f->clock, FEEL_FINE);
	assert_int_equal(coach_end(cs, &err), 0);
	coach_session_free(cs);
	coach_unfinished_release(&u);
	assert_int_equal(coach_unfinished(&f->coach, COACH_ROUTINE, &u,
	    &err), 0);
	plan_release(&p);
}

/*
 * Killed after an easier option was put in and the next exercise done:
 * resumed after what was done, neither the exercise that hurt nor the
 * one done after its easier option played again.
 */
static void
t_resume_after_easier(void **state)
{
	static const char *const ids[] = { "open-book", "chest-opener",
	    "cat-cow-flow", "seated-twist", NULL };
	struct fixture		*f = *state;
	struct plan		 p;
	struct coach_session	*cs;
	struct coach_unfinished	 u;
	char			*err = NULL;

	plan_of(f->catalog, ids, &p);
	begin(f, COACH_ROUTINE, &p, 0, 5, NULL, -1, &cs);
	play_one(cs, &f->clock, FEEL_FINE);		/* open-book */
	play_one(cs, &f->clock, FEEL_SHARP);		/* chest-opener */
	assert_int_equal(session_state(cs->s), SESSION_OFFER);
	assert_string_equal(session_offer(cs->s)->id, "seated-cat-cow");
	assert_int_equal(coach_event(cs, SEV_ANSWER, 1, &err), 0);
	play_one(cs, &f->clock, FEEL_FINE);		/* seated-cat-cow */
	play_one(cs, &f->clock, FEEL_FINE);		/* cat-cow-flow */
	assert_string_equal(session_exercise(cs->s)->id, "seated-twist");
	coach_session_free(cs);		/* the kill: never ended */

	resume_at(f, 4, 1, "seated-twist", &u, &cs);
	/* The bad answer is carried: one more ends the session. */
	assert_int_equal(session_bad_count(cs->s), 1);
	play_through(cs, &f->clock, FEEL_FINE);
	assert_int_equal(coach_end(cs, &err), 0);
	coach_session_free(cs);
	coach_unfinished_release(&u);
	plan_release(&p);
}

static int
has_angel(const struct plan *p)
{
	size_t	i;

	for (i = 0; i < p->n; i++)
		if (strcmp(p->items[i].ex->id, "wall-angel-standing") == 0)
			return (1);
	return (0);
}

/* The break's wall angel follows wall_angel_every, and never when off. */
static void
t_break_angel(void **state)
{
	struct fixture		*f = *state;
	struct remind_config	 cfg;
	struct plan		 p = PLAN_INIT;
	struct coach_session	*cs;
	unsigned		 eq = EQUIP_CHAIR | EQUIP_WALL;
	char			*err = NULL;

	config_defaults(&cfg);
	cfg.angel_every_min = 0;
	assert_int_equal(coach_plan_break(&f->coach, &cfg, eq, &p, &err), 0);
	assert_int_equal(p.n, 1);
	assert_false(has_angel(&p));
	plan_release(&p);

	cfg.angel_every_min = 90;
	assert_int_equal(coach_plan_break(&f->coach, &cfg, eq, &p, &err), 0);
	assert_true(has_angel(&p));
	begin(f, COACH_BREAK, &p, 0, 2, NULL, -1, &cs);
	play_through(cs, &f->clock, FEEL_FINE);
	assert_int_equal(coach_end(cs, &err), 0);
	coach_session_free(cs);
	plan_release(&p);

	clock_advance(&f->clock, 60 * 60000);
	assert_int_equal(coach_plan_break(&f->coach, &cfg, eq, &p, &err), 0);
	assert_false(has_angel(&p));
	plan_release(&p);
	clock_advance(&f->clock, 31 * 60000);
	assert_int_equal(coach_plan_break(&f->coach, &cfg, eq, &p, &err), 0);
	assert_true(has_angel(&p));
	plan_release(&p);
	/* Without a wall, no wall angel. */
	assert_int_equal(coach_plan_break(&f->coach, &cfg, EQUIP_CHAIR, &p,
	    &err), 0);
	assert_false(has_angel(&p));
	plan_release(&p);
}

/* The index of the screen's question id. */
static size_t
qi(const struct screen *s, const char *id)
{
	size_t	i;

	for (i = 0; i < s->n; i++)
		if (strcmp(s->q[i].id, id) == 0)
			return (i);
	fail_msg("no question '%s'", id);
	return (0);
}

/*
 * Only all no (or a clinician's clearance of each sign) and an accepted
 * notice lets a session start; no answer is never no; the screen comes
 * back after 90 days and after a check-in with pain of 7 or more; its
 * answers keep exercises out of plans.
 */
static void
t_screen(void **state)
{
	/* The emergencies first (6 of them before issue 23's), then the
	 * signs a clinician may clear. */
	static const char *const red[] = {
		"chest", "chest-effort", "tearing", "legs", "hands",
		"numb-band", "bladder", "accident",
		"old-injury", "cancer", "age", "bones", "immune", "tb", "drugs",
		"surgery", "thinners", "fever", "weight", "night", "unchanged",
		"weeks", "shape", "organs", "rash"
	};
	enum { NEMERGENCY = 8 };
	struct fixture		*f = *state;
	struct screen		*s = coach_screen_load();
	struct plan_opts	 o;
	struct plan		 p;
	enum screen_verdict	 v;
	char			**aside = NULL, *err = NULL;
	size_t			 naside, i, k;
	int			 a[40] = { 0 }, c[40], none[40], needed;

	assert_non_null(s);
	assert_true(s->n <= 40);
	for (i = 0; i < 40; i++)
		none[i] = -1;
	for (k = 0; k < sizeof red / sizeof red[0]; k++) {
		assert_false(s->q[qi(s, red[k])].adjust);
		assert_int_equal(s->q[qi(s, red[k])].emergency,
		    k < NEMERGENCY);
	}
	/* Every question names the guidance it follows. */
	for (i = 0; i < s->n; i++)
		assert_true(s->q[i].source != NULL &&
		    s->q[i].source[0] != '\0');
	/* Late pregnancy is a condition the catalog knows. */
	assert_int_equal(s->q[qi(s, "pregnant")].excludes, LIMIT_PREGNANCY);
	assert_int_equal(coach_screen_needed(&f->coach, &needed, &err), 0);
	assert_true(needed);
	/* A yes to an emergency sign and then nothing more: no session. */
	a[qi(s, "accident")] = 1;
	assert_int_equal(coach_screen_save(&f->coach, s, a,
	    qi(s, "accident") + 1, none, -1, &v, &err), 0);
	assert_int_equal(v, SCREEN_EMERGENCY);
	/* A clearance does not cover an emergency sign. */
	for (i = 0; i < 40; i++)
		c[i] = 1;
	assert_int_equal(screen_verdict(s, a, s->n, c, 1), SCREEN_EMERGENCY);
	a[qi(s, "accident")] = 0;
	/* Stopping short is no answer, never no. */
	for (i = 0; i < s->n; i++)
		assert_int_equal(screen_verdict(s, a, i, none, 1),
		    SCREEN_UNANSWERED);
	/* Every other red flag needs a clinician, or their clearance. */
	for (k = NEMERGENCY; k < sizeof red / sizeof red[0]; k++) {
		a[qi(s, red[k])] = 1;
		assert_true(screen_clearable(&s->q[qi(s, red[k])]));
		assert_int_equal(screen_verdict(s, a, s->n, none, 1),
		    SCREEN_CLINICIAN);
		assert_int_equal(screen_verdict(s, a, s->n, NULL, 1),
		    SCREEN_CLINICIAN);
		assert_true(screen_needs_clearance(s, a, s->n));
		assert_int_equal(screen_verdict(s, a, s->n, c, 1), SCREEN_GO);
		assert_int_equal(screen_verdict(s, a, s->n, c, 0),
		    SCREEN_DECLINED);
		a[qi(s, red[k])] = 0;
	}
	/* Each sign is cleared on its own: one clearance covers no other. */
	memcpy(c, none, sizeof c);
	a[qi(s, "cancer")] = a[qi(s, "tb")] = 1;
	c[qi(s, "cancer")] = 1;
	assert_int_equal(screen_verdict(s, a, s->n, c, 1), SCREEN_CLINICIAN);
	c[qi(s, "tb")] = 1;
	assert_int_equal(screen_verdict(s, a, s->n, c, 1), SCREEN_GO);
	a[qi(s, "cancer")] = a[qi(s, "tb")] = 0;
	memcpy(c, none, sizeof c);
	/* What only shapes the plan lets a session start. */
	a[qi(s, "kneel")] = a[qi(s, "shoulder")] = 1;
	assert_int_equal(screen_verdict(s, a, s->n, none, 1), SCREEN_GO);
	assert_false(screen_needs_clearance(s, a, s->n));
	a[qi(s, "bones")] = 1;
	c[qi(s, "bones")] = 1;
	/* A screen is known by its time: a second later than the first. */
	clock_advance(&f->clock, 1000);
	assert_int_equal(coach_screen_save(&f->coach, s, a, s->n, c, 1, &v,
	    &err), 0);
	assert_int_equal(v, SCREEN_GO);
	assert_int_equal(coach_screen_needed(&f->coach, &needed, &err), 0);
	assert_false(needed);
	/* The answers keep their exercises out of every plan. */
	for (k = 0; k < 28; k++) {
		memset(&o, 0, sizeof o);
		o.minutes = 30;
		o.equipment = EQUIP_CHAIR | EQUIP_WALL | EQUIP_DOORWAY |
		    EQUIP_DUMBBELL;
		o.day = 20000 + (long)k;
		assert_int_equal(coach_plan_today(&f->coach, &o, &p, &aside,
		    &naside, &err), 0);
		assert_int_equal(o.limits, LIMIT_KNEELING | LIMIT_SHOULDER |
		    LIMIT_OSTEOPOROSIS);
		for (i = 0; i < p.n; i++)
			assert_int_equal(p.items[i].ex->not_for & o.limits, 0);
		plan_release(&p);
		coach_aside_free(aside, naside);
	}
	/* Asked again after 90 days, */
	clock_advance(&f->clock, (SCREEN_VALID_DAYS - 1) * 86400000LL);
	assert_int_equal(coach_screen_needed(&f->coach, &needed, &err), 0);
	assert_false(needed);
	clock_advance(&f->clock, 86400000LL);
	assert_int_equal(coach_screen_needed(&f->coach, &needed, &err), 0);
	assert_true(needed);
	memset(a, 0, sizeof a);
	assert_int_equal(coach_screen_save(&f->coach, s, a, s->n, none, 1, &v,
	    &err), 0);
	assert_int_equal(coach_screen_needed(&f->coach, &needed, &err), 0);
	assert_false(needed);
	/* and after a check-in of 7 or more, not of 6. */
	clock_advance(&f->clock, 1000);
	assert_int_equal(coach_checkin(&f->coach, 6, -1, NULL, &err), 0);
	assert_int_equal(coach_screen_needed(&f->coach, &needed, &err), 0);
	assert_false(needed);
	clock_advance(&f->clock, 1000);
	assert_int_equal(coach_checkin(&f->coach, SCREEN_RECHECK_PAIN, -1,
	    NULL, &err), 0);
	assert_int_equal(coach_screen_needed(&f->coach, &needed, &err), 0);
	assert_true(needed);
	screen_free(s);
}

/* The stored plan round-trips, and what it reads is clamped. */
static void
t_plancodec(void **state)
{
	static const char *const ids[] = { "open-book", "chest-opener",
	    NULL };
	struct fixture	*f = *state;
	struct plan	 p, q;
	char		*text, *err = NULL;
	size_t		 i;

	plan_of(f->catalog, ids, &p);
	text = plancodec_encode(&p, 20000, 12, "Mine");
	assert_int_equal(plancodec_decode(f->catalog, text, &q, &err), 0);
	assert_int_equal(q.n, p.n);
	assert_int_equal(q.total_s, p.total_s);
	for (i = 0; i < p.n; i++) {
		assert_ptr_equal(q.items[i].ex, p.items[i].ex);
		assert_memory_equal(&q.items[i].rx, &p.items[i].rx,
		    sizeof q.items[i].rx);
	}
	free(text);
	plan_release(&q);
	plan_release(&p);

	assert_int_equal(plancodec_decode(f->catalog, "{\"v\":1,\"items\":["
	    "{\"id\":\"open-book\",\"sets\":-5,\"reps\":99999999999,"
	    "\"hold_s\":-1,\"breaths\":0,\"tempo_s\":-3},"
	    "{\"id\":\"gone\",\"sets\":1}]}", &q, &err), 0);
	assert_int_equal(q.n, 1);
	assert_int_equal(q.items[0].rx.sets, 1);
	assert_int_equal(q.items[0].rx.reps, 600);
	assert_int_equal(q.items[0].rx.hold_s, 0);
	assert_true(q.total_s > 0 && q.total_s < 24 * 3600);
	plan_release(&q);

	assert_int_equal(plancodec_decode(f->catalog, "{\"v\":99,"
	    "\"items\":[]}", &q, &err), -1);
	assert_non_null(strstr(err, "version 99"));
	free(err);
	err = NULL;
	assert_int_equal(plancodec_decode(f->catalog, "[1]", &q, &err), -1);
	free(err);
}

static void
t_checkin_note(void **state)
{
	struct fixture	*f = *state;
	char		*err = NULL;

	assert_int_equal(coach_checkin(&f->coach, 3, -1, "stiff\xff", &err),
	    -1);
	assert_non_null(strstr(err, "UTF-8"));
	free(err);
	err = NULL;
	assert_int_equal(coach_checkin(&f->coach, 3, -1, "esc\x1b[2J", &err),
	    -1);
	free(err);
	err = NULL;
	assert_int_equal(coach_checkin(&f->coach, 3, 4, "after the drive, "
	    "\xc3\xa9t\xc3\xa9\nline two", &err), 0);
	assert_int_equal(coach_checkin(&f->coach, 11, -1, NULL, &err), -1);
	free(err);
}

/*
 * The program from both ends of the coach: ten days of the posture reset
 * rated fine, played on the manual clock, climb it to its full dose and
 * unlock the band; a self-test is kept with its date; a start at the
 * strength phase is kept; and the day's plan follows it all.
 */
static void
t_program(void **state)
{
	static const char *const ids[] = { "posture-reset", NULL };
	struct fixture		*f = *state;
	struct coach_program	 cp;
	struct coach_session	*cs;
	struct plan		 p, q = PLAN_INIT;
	struct plan_opts	 o;
	char			**aside, *err = NULL, line[512];
	size_t			 naside, i;
	long			 day0 = clock_today(&f->clock);
	int			 d;

	plan_of(f->catalog, ids, &p);
	for (d = 0; d < 10; d++) {
		begin(f, COACH_ROUTINE, &p, day0 + d, 5, NULL, 2, &cs);
		play_through(cs, &f->clock, FEEL_FINE);
		assert_int_equal(coach_end(cs, &err), 0);
		assert_int_equal(coach_rate_after(cs, 2, &err), 0);
		coach_session_free(cs);
		clock_advance(&f->clock, 86400000LL);
	}
	plan_release(&p);
	assert_int_equal(coach_program_status(&f->coach, day0 + 10, &cp,
	    &err), 0);
	assert_int_equal(cp.st.phase, PROGRAM_BREATHING);
	assert_int_equal(cp.st.week, 2);
	assert_int_equal(program_level_of(&cp.st, "posture-reset")->level,
	    PROGRAM_LEVELS);
	assert_int_equal(program_level_of(&cp.st, "posture-reset")->unlocked,
	    1);
	assert_int_equal(cp.st.last_test, -1);
	coach_program_release(&cp);

	/* A self-test, refused with one side, kept with its day. */
	assert_int_equal(coach_selftest_save(&f->coach, TEST_ROTATION, 30, -1,
	    -1, &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(coach_selftest_save(&f->coach, TEST_ROTATION, 30, 36,
	    -1, &err), 0);
	assert_int_equal(coach_program_status(&f->coach, day0 + 10, &cp,
	    &err), 0);
	assert_int_equal(cp.results.ntests, 1);
	assert_int_equal(cp.results.tests[0].method, STORE_TEST_METHOD);
	assert_int_equal(cp.results.tests[0].extra, 36);
	assert_int_equal(cp.st.weakest, TEST_ROTATION);
	/* One of four: the set is partial, and due since that day. */
	assert_true(cp.st.partial);
	assert_int_equal(cp.st.next_test, day0 + 10);
	coach_program_release(&cp);

	/* The band takes the posture reset's place when it is at hand. */
	memset(&o, 0, sizeof o);
	o.minutes = 30;
	o.place = PLAN_DESK;
	o.equipment = EQUIP_CHAIR | EQUIP_BAND;
	o.day = day0 + 10;
	assert_int_equal(coach_plan_today(&f->coach, &o, &q, &aside, &naside,
	    &err), 0);
	assert_null(o.hint);
	assert_true(naside >= 1);
	assert_string_equal(aside[0], "posture-reset");
	assert_locked_after(f->catalog, aside, naside, 1);
	for (i = 1; i < naside; i++)
		assert_string_not_equal(aside[i], "band-pull-apart");
	for (i = 0; i < q.n; i++)
		assert_string_not_equal(q.items[i].ex->id, "posture-reset");
	coach_aside_free(aside, naside);
	plan_release(&q);

	/* Started again at strength: the line says so. */
	assert_int_equal(coach_program_start(&f->coach, PROGRAM_STRENGTH,
	    &err), 0);
	assert_int_equal(coach_program_line(&f->coach, clock_today(&f->clock),
	    line, sizeof line, &err), 0);
	assert_non_null(strstr(line, "Program: week 1, rotation and "
	    "side-bending strength phase (4 of 4)"));
	assert_non_null(strstr(line, "your rotation test is the weakest"));
}

/* The next-day rules, pure: answers, a hold, six weeks, a step down. */
static void
t_nextday_rules(void **state)
{
	struct fixture		*f = *state;
	struct nextday_day	 v[] = {
		{ 100, NEXTDAY_WORSE }, { 103, NEXTDAY_SAME },
		{ 104, NEXTDAY_WORSE }, { 106, NEXTDAY_WORSE },
		{ 107, NEXTDAY_SKIPPED }, { 110, NEXTDAY_WORSE }
	};
	struct nextday_progress	 pr;
	struct program_state	 st;
	struct program_level	 lv;
	struct plan_hint	 h;
	const char		*ids[1];
	int			 first[2] = { 50, -1 }, latest[2] = { 50, 60 };
	int			 steps[1];
	long			 since;

	(void)f;
	assert_int_equal(nextday_parse("b"), NEXTDAY_BETTER);
	assert_int_equal(nextday_parse("Same"), NEXTDAY_SAME);
	assert_int_equal(nextday_parse("WORSE"), NEXTDAY_WORSE);
	assert_int_equal(nextday_parse(""), NEXTDAY_SKIPPED);
	assert_int_equal(nextday_parse("bad"), -1);
	assert_int_equal(nextday_parse("7"), -1);
	assert_int_equal(nextday_parse_name("worse"), NEXTDAY_WORSE);
	assert_int_equal(nextday_parse_name("skipped"), -1);
	assert_int_equal(nextday_parse_name("Worse"), -1);
	assert_true(nextday_due(1, 0));
	assert_false(nextday_due(1, 1));
	assert_false(nextday_due(0, 0));
	/* Three worse in the seven days to 106: held as at 106. */
	assert_true(nextday_held(v, 6, 106, &since));
	assert_int_equal(since, 106);
	/* On 107 the first has left the window: 104, 106 only. */
	assert_false(nextday_held(v, 6, 107, &since));
	assert_int_equal(since, -1);
	assert_true(nextday_held(v, 6, 110, &since));
	assert_int_equal(since, 110);
	assert_int_equal(nextday_count(v, 6, 100, 106, NEXTDAY_WORSE), 3);
	assert_int_equal(nextday_count(v, 6, 100, 110, NEXTDAY_SKIPPED), 1);

	/* Six weeks: only with a measure, and only when nothing improved. */
	memset(&pr, 0, sizeof pr);
	pr.start_day = 1000;
	pr.today = 1000 + NEXTDAY_REVIEW_DAYS - 1;
	pr.pain_first10 = 40;
	pr.npain_first = 3;
	pr.pain_last10 = 45;
	pr.npain_last = 2;
	assert_false(nextday_no_change(&pr));
	pr.today++;
	assert_true(nextday_no_change(&pr));
	pr.pain_last10 = 39;
	assert_false(nextday_no_change(&pr));
	pr.pain_last10 = 40;
	pr.first = first;
	pr.latest = latest;
	pr.ntests = 2;
	assert_true(nextday_no_change(&pr));
	latest[0] = 55;
	assert_false(nextday_no_change(&pr));
	pr.npain_first = 0;
	latest[0] = 50;
	assert_true(nextday_no_change(&pr));
	first[0] = -1;
	assert_false(nextday_no_change(&pr));

	/* A step down: level 3's dose becomes level 2's. */
	memset(&st, 0, sizeof st);
	memset(&lv, 0, sizeof lv);
	assert_non_null(lv.ex = catalog_find(f->catalog, "open-book"));
	lv.level = 3;
	st.levels = &lv;
	st.nlevels = 1;
	ids[0] = "open-book";
	steps[0] = program_dose_steps(&lv.ex->dose, 3);
	assert_true(steps[0] > program_dose_steps(&lv.ex->dose, 2));
	memset(&h, 0, sizeof h);
	h.ids = ids;
	h.steps = steps;
	h.n = 1;
	nextday_step_down(&st, &h);
	assert_int_equal(steps[0], program_dose_steps(&lv.ex->dose, 2));
}

/* One routine of ids on the fixture's day, every answer feel. */
static void
routine_of(struct fixture *f, const char *const *ids, int feel)
{
	struct coach_session	*cs;
	struct plan		 p;
	char			*err = NULL;

	plan_of(f->catalog, ids, &p);
	begin(f, COACH_ROUTINE, &p, clock_today(&f->clock), 10, NULL, -1,
	    &cs);
	play_through(cs, &f->clock, feel);
	assert_int_equal(coach_end(cs, &err), 0);
	coach_session_free(cs);
	plan_release(&p);
}

/*
 * The next-day question through the coach: asked once on the day after a
 * routine, a skip counting as asked; worse names the easier option of
 * what felt like a stretch; three worse in seven days hold the program.
 */
static void
t_nextday(void **state)
{
	static const char *const ids[] = { "chest-opener", NULL };
	struct fixture		*f = *state;
	struct coach_nextday	 nd;
	struct plan_opts	 o;
	struct plan		 p;
	char			*err = NULL, line[512], **aside;
	size_t			 naside;
	long			 day;
	int			 down, i;
	long			 held;

	assert_int_equal(coach_nextday(&f->coach, clock_today(&f->clock), &nd,
	    &err), 0);
	assert_false(nd.ask);
	coach_nextday_release(&nd);
	/* Nothing to ask: refused, nothing stored. */
	assert_int_equal(coach_nextday_save(&f->coach, clock_today(&f->clock),
	    NEXTDAY_SAME, &err), 1);
	free(err);
	err = NULL;
	routine_of(f, ids, FEEL_STRETCH);
	clock_advance(&f->clock, 86400000LL);
	day = clock_today(&f->clock);
	assert_int_equal(coach_nextday(&f->coach, day, &nd, &err), 0);
	assert_true(nd.ask);
	assert_int_equal(nd.answer, -1);
	coach_nextday_release(&nd);
	/* Out of range: refused. */
	assert_int_equal(coach_nextday_save(&f->coach, day, 7, &err), -1);
	free(err);
	err = NULL;
	assert_int_equal(coach_nextday_save(&f->coach, day, NEXTDAY_WORSE,
	    &err), 0);
	assert_int_equal(coach_nextday(&f->coach, day, &nd, &err), 0);
	assert_false(nd.ask);
	assert_int_equal(nd.answer, NEXTDAY_WORSE);
	assert_non_null(nd.advice);
	assert_non_null(strstr(nd.advice, "today's doses are one step "
	    "lower"));
	assert_non_null(strstr(nd.advice, "Yesterday Chest opener felt like "
	    "a stretch: try Seated cat-cow (its easier option) today."));
	assert_false(nd.held);
	coach_nextday_release(&nd);
	/* Once a day, whatever the answer. */
	assert_int_equal(coach_nextday_save(&f->coach, day, NEXTDAY_BETTER,
	    &err), 1);
	free(err);
	err = NULL;
	assert_int_equal(coach_nextday_plan(&f->coach, day, &down, &held,
	    &err), 0);
	assert_true(down);
	assert_int_equal(held, -1);
	/* A skip counts as asked. */
	routine_of(f, ids, FEEL_FINE);
	clock_advance(&f->clock, 86400000LL);
	day = clock_today(&f->clock);
	assert_int_equal(coach_nextday_save(&f->coach, day, NEXTDAY_SKIPPED,
	    &err), 0);
	assert_int_equal(coach_nextday(&f->coach, day, &nd, &err), 0);
	assert_false(nd.ask);
	assert_int_equal(nd.answer, NEXTDAY_SKIPPED);
	assert_null(nd.advice);
	coach_nextday_release(&nd);
	/* Two more worse in the week: the program holds. */
	for (i = 0; i < 2; i++) {
		routine_of(f, ids, FEEL_FINE);
		clock_advance(&f->clock, 86400000LL);
		day = clock_today(&f->clock);
		assert_int_equal(coach_nextday_save(&f->coach, day,
		    NEXTDAY_WORSE, &err), 0);
	}
	assert_int_equal(coach_nextday(&f->coach, day, &nd, &err), 0);
	assert_true(nd.held);
	assert_int_equal(nd.held_since, day);
	assert_int_equal(nd.worse7, 3);
	assert_non_null(strstr(nd.advice, "the program holds where it was"));
	assert_non_null(strstr(nd.advice, "Please see a clinician"));
	coach_nextday_release(&nd);
	/* Today's plan says so, at doses a step lower. */
	memset(&o, 0, sizeof o);
	o.minutes = 15;
	o.equipment = COACH_EQUIP_DEFAULT;
	o.day = day;
	assert_int_equal(coach_plan_program(&f->coach, &o, &p, &aside,
	    &naside, line, sizeof line, &err), 0);
	assert_non_null(strstr(line, "so the program holds where it was"));
	plan_release(&p);
	coach_aside_free(aside, naside);
}

/* A worse answer steps the day's least doses down one level. */
static void
t_nextday_step(void **state)
{
	static const char *const ids[] = { "chest-opener", NULL };
	struct fixture			*f = *state;
	struct coach_program		 cp;
	const struct program_level	*lv;
	struct plan_opts		 o;
	struct plan_hint		 h, lower;
	struct plan			 usual, light;
	struct prescription		 rx;
	char				**aside = NULL, *err = NULL;
	size_t				 naside = 0, i;
	long				 day;
	int				 d, found = 0;

	for (d = 0; d < 6; d++) {
		routine_of(f, ids, FEEL_FINE);
		clock_advance(&f->clock, 86400000LL);
	}
	day = clock_today(&f->clock);
	assert_int_equal(coach_program_status(&f->coach, day, &cp, &err), 0);
	assert_non_null(lv = program_level_of(&cp.st, "chest-opener"));
	assert_true(lv->level >= 1);
	assert_int_equal(coach_nextday_save(&f->coach, day, NEXTDAY_WORSE,
	    &err), 0);
	memset(&o, 0, sizeof o);
	o.minutes = 15;
	o.equipment = COACH_EQUIP_DEFAULT;
	o.day = day;
	assert_int_equal(coach_program_apply(&f->coach, &o, &h, NULL, &aside,
	    &naside, NULL, 0, &err), 0);
	for (i = 0; i < h.n; i++)
		if (strcmp(h.ids[i], "chest-opener") == 0) {
			assert_int_equal(h.steps[i], program_dose_steps(
			    &lv->ex->dose, lv->level - 1));
			found = 1;
		}
	assert_true(found);
	program_hint_release(&h);
	coach_aside_free(aside, naside);
	aside = NULL;
	naside = 0;

	/*
	 * The day's plan is the usual one made lighter: fewer exercises or
	 * lower doses, and at most PLAN_LIGHTER_PCT of the usual time.
	 */
	memset(&o, 0, sizeof o);
	o.minutes = 15;
	o.equipment = COACH_EQUIP_DEFAULT;
	o.day = day;
	assert_int_equal(coach_program_apply(&f->coach, &o, &h, &lower,
	    &aside, &naside, NULL, 0, &err), 0);
	assert_int_not_equal(lower.phase, 0);
	plan_make(f->catalog, &o, &usual);
	program_hint_release(&h);
	program_hint_release(&lower);
	coach_aside_free(aside, naside);
	aside = NULL;
	naside = 0;
	memset(&o, 0, sizeof o);
	o.minutes = 15;
	o.equipment = COACH_EQUIP_DEFAULT;
	o.day = day;
	assert_int_equal(coach_plan_today(&f->coach, &o, &light, &aside,
	    &naside, &err), 0);
	assert_true(light.lighter);
	assert_true(light.n < usual.n);
	assert_true(100 * light.total_s <= PLAN_LIGHTER_PCT * usual.total_s);
	/* Chest opener, when it is in, at most at the level below's dose. */
	dose_min(&lv->ex->dose, &rx);
	for (d = 0; d < program_dose_steps(&lv->ex->dose, lv->level - 1); d++)
		(void)dose_grow(&lv->ex->dose, &rx, 0);
	for (i = 0; i < light.n; i++)
		if (light.items[i].ex == lv->ex)
			assert_true(light.items[i].rx.sets <= rx.sets &&
			    light.items[i].rx.reps <= rx.reps &&
			    light.items[i].rx.hold_s <= rx.hold_s);
	plan_release(&usual);
	plan_release(&light);
	coach_aside_free(aside, naside);
	coach_program_release(&cp);
}

/* export_parse() of text; returns its cause (or NULL), h released. */
static char *
parse_export(const char *text)
{
	struct store_history	 h = STORE_HISTORY_INIT;
	json_t			*doc;
	char			*cause = NULL;

	doc = json_loads(text, 0, NULL);
	assert_non_null(doc);
	if (export_parse(doc, &h, &cause) == 0)
		store_history_release(&h);
	json_decref(doc);
	return (cause);
}

#define DOC_HEAD	"{\"format\":\"midback-export\",\"version\":2," \
	"\"breaks\":[],\"reminders\":[],\"set_aside\":[],"
#define SESSION(uid, plan, items) "{\"uid\":\"" uid "\"," \
	"\"started\":\"2026-03-02T08:00:00.000+01:00\"," \
	"\"ended\":\"2026-03-02T08:10:00.000+01:00\",\"status\":\"finished\"," \
	"\"end_reason\":null,\"pain_before\":null,\"pain_after\":null," \
	"\"plan\":" plan ",\"items\":[" items "]}"
#define UID1	"00000000000000000000000000000001"
#define ITEM	"{\"position\":0,\"exercise\":\"open-book\",\"side\":null," \
	"\"sets\":1,\"reps\":8,\"holds\":0,\"breaths\":0,\"feel\":null," \
	"\"outcome\":\"done\",\"finished\":\"2026-03-02T08:05:00.000+01:00\"}"

/* Import's bounds (docs/export-format.md): each names the record. */
static void
t_export_bounds(void **state)
{
	char	*text, *cause, *items, *plan, *s;
	size_t	 i;

	(void)state;
	/* A whole number past 32 bits is refused, not wrapped. */
	cause = parse_export(DOC_HEAD "\"sessions\":[],\"checkins\":[{\"uid\":"
	    "\"" UID1 "\",\"at\":\"2026-03-02T09:00:00.000+01:00\","
	    "\"pain\":4294967299,\"stiffness\":null,\"note\":null}]}");
	assert_string_equal(cause, "checkins[0]: 'pain' is 4294967299, not 0 "
	    "to 10");
	free(cause);

	/* 65 levels: the top level, then 64 in the plan. */
	plan = xstrdup("{}");
	for (i = 0; i < 30; i++) {
		s = xasprintf("{\"a\":[%s]}", plan);
		free(plan);
		plan = s;
	}
	text = xasprintf(DOC_HEAD "\"checkins\":[],\"sessions\":["
	    SESSION(UID1, "%s", "") "]}", plan);
	/* Top level, sessions, session, 30 times {"a":[...]}, {}: 64. */
	cause = parse_export(text);
	if (cause != NULL)
		print_error("%s\n", cause);
	assert_null(cause);
	free(text);
	s = xasprintf("[%s]", plan);
	text = xasprintf(DOC_HEAD "\"checkins\":[],\"sessions\":["
	    SESSION(UID1, "%s", "") "]}", s);
	free(s);
	free(plan);
	cause = parse_export(text);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "sessions[0].plan[0].a[0].a[0]"));
	assert_non_null(strstr(cause, ": nested deeper than 64 levels"));
	free(cause);
	free(text);

	/* 200 items are taken, 201 are not. */
	items = xstrdup(ITEM);
	for (i = 1; i < 201; i++) {
		s = xasprintf("%s,%s", items, ITEM);
		free(items);
		items = s;
	}
	text = xasprintf(DOC_HEAD "\"checkins\":[],\"sessions\":["
	    SESSION(UID1, "{}", "%s") "]}", items);
	cause = parse_export(text);
	assert_string_equal(cause, "sessions[0]: 201 items; a session has at "
	    "most 200");
	free(cause);
	free(text);
	free(items);

	/* A note of 10,000 characters (of two bytes each) is taken. */
	s = xcalloc(1, 2 * EXPORT_NOTE_MAX + 3);
	for (i = 0; i < EXPORT_NOTE_MAX; i++)
		memcpy(s + 2 * i, "\xc3\xa9", 2);
	text = xasprintf(DOC_HEAD "\"sessions\":[],\"checkins\":[{\"uid\":"
	    "\"" UID1 "\",\"at\":\"2026-03-02T09:00:00.000+01:00\","
	    "\"pain\":1,\"stiffness\":null,\"note\":\"%s\"}]}", s);
	assert_null(parse_export(text));
	free(text);
	strcat(s, "x");
	text = xasprintf(DOC_HEAD "\"sessions\":[],\"checkins\":[{\"uid\":"
	    "\"" UID1 "\",\"at\":\"2026-03-02T09:00:00.000+01:00\","
	    "\"pain\":1,\"stiffness\":null,\"note\":\"%s\"}]}", s);
	cause = parse_export(text);
	assert_string_equal(cause, "checkins[0]: 'note' is longer than 10000 "
	    "characters");
	free(cause);
	free(text);
	free(s);

	/* A plan past 16 KiB. */
	s = xcalloc(1, EXPORT_PLAN_MAX + 1);
	memset(s, 'p', EXPORT_PLAN_MAX - 7);	/* {"p":"..."}: one past */
	text = xasprintf(DOC_HEAD "\"checkins\":[],\"sessions\":["
	    SESSION(UID1, "{\"p\":\"%s\"}", "") "]}", s);
	cause = parse_export(text);
	assert_string_equal(cause, "sessions[0]: 'plan' is larger than 16384 "
	    "bytes");
	free(cause);
	free(text);
	free(s);
}

/* doc_json_depth() names the first container too deep, looks no deeper. */
static void
t_json_depth(void **state)
{
	json_t	*j;
	char	*where = NULL, *text, *s;
	int	 i;

	(void)state;
	j = json_loads("{\"a\":[1,{\"b\":[]}]}", 0, NULL);
	assert_int_equal(doc_json_depth(j, 4, &where), 0);
	assert_int_equal(doc_json_depth(j, 3, &where), -1);
	assert_string_equal(where, "a[1].b");
	free(where);
	assert_int_equal(doc_json_depth(j, 1, &where), -1);
	assert_string_equal(where, "a");
	free(where);
	json_decref(j);
	j = json_loads("[[]]", JSON_DECODE_ANY, NULL);
	assert_int_equal(doc_json_depth(j, 1, &where), -1);
	assert_string_equal(where, "[0]");
	free(where);
	json_decref(j);
	/* jansson's own limit (2048) stops a deeper text as it is read. */
	text = xstrdup("1");
	for (i = 0; i < 3000; i++) {
		s = xasprintf("[%s]", text);
		free(text);
		text = s;
	}
	assert_null(json_loads(text, 0, NULL));
	free(text);
}

/* A stored plan's format version is checked before it is narrowed. */
static void
t_plancodec_version(void **state)
{
	struct fixture	*f = *state;
	struct plan	 p;
	char		*err = NULL;

	assert_int_equal(plancodec_decode(f->catalog,
	    "{\"v\":4294967296,\"items\":[]}", &p, &err), -1);
	assert_non_null(strstr(err, "format version 4294967296"));
	free(err);
}

/* A phone's name from its User-Agent, pairing, finding and forgetting. */
static void
t_devices(void **state)
{
	struct fixture	*f = *state;
	char		 m[64], *name, *err = NULL, *gone;
	char		**v;
	size_t		 n, i;

	coach_device_model("Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/UD1A) "
	    "AppleWebKit/537.36", m, sizeof m);
	assert_string_equal(m, "Pixel 8");
	coach_device_model("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit",
	    m, sizeof m);
	assert_string_equal(m, "An Android phone");
	coach_device_model("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac "
	    "OS X)", m, sizeof m);
	assert_string_equal(m, "iPhone");
	coach_device_model("Mozilla/5.0 (Linux; Android 14; <b>x</b>) A", m,
	    sizeof m);
	assert_string_equal(m, "bx/b");
	coach_device_model(NULL, m, sizeof m);
	assert_string_equal(m, "A browser");

	assert_int_equal(coach_device_pair(&f->coach, "Mozilla/5.0 (Linux; "
	    "Android 14; Pixel 8)", "0123456789abcdef0123456789abcdef",
	    &name, &err), 0);
	assert_non_null(strstr(name, "Pixel 8, paired "));
	free(name);
	/* The same phone again in the same minute: told apart. */
	assert_int_equal(coach_device_pair(&f->coach, "Mozilla/5.0 (Linux; "
	    "Android 14; Pixel 8)", "1123456789abcdef0123456789abcdef",
	    &name, &err), 0);
	assert_non_null(strstr(name, "Pixel 8 (2), paired "));
	free(name);
	assert_int_equal(coach_device_find(&f->coach,
	    "1123456789abcdef0123456789abcdef", &name, &err), 0);
	assert_non_null(strstr(name, "Pixel 8 (2)"));
	free(name);
	/* "Pixel 8" is the start of one name ("Pixel 8 (2)" starts
	   "Pixel 8 " too): two, so it is refused. */
	assert_int_equal(coach_device_forget(&f->coach, "Pixel 8", &gone,
	    &err), -1);
	assert_non_null(strstr(err, "names 2 devices"));
	free(err);
	err = NULL;
	assert_int_equal(coach_device_forget(&f->coach, "Pixel 8 (2)", &gone,
	    &err), 0);
	free(gone);
	assert_int_equal(coach_device_forget(&f->coach, "Pixel 8", &gone,
	    &err), 0);
	free(gone);
	assert_int_equal(coach_device_forget(&f->coach, "Pixel 8", &gone,
	    &err), 1);
	assert_int_equal(coach_devices(&f->coach, &v, &n, &err), 0);
	assert_int_equal(n, 0);
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int
main(void)
{
#define T(fn)	cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(t_whole_routine),
		T(t_devices),
		T(t_skip_back_finish),
		T(t_pain_rule_aside),
		T(t_gate_later_yes),
		T(t_gate_pain),
		T(t_gate_clinician_stop),
		T(t_pain_words),
		T(t_resume),
		T(t_resume_after_easier),
		T(t_break_angel),
		T(t_screen),
		T(t_plancodec),
		T(t_checkin_note),
		T(t_program),
		T(t_nextday_rules),
		T(t_nextday),
		T(t_nextday_step),
		T(t_export_bounds),
		T(t_json_depth),
		T(t_plancodec_version),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
