/*
 * coach.c -- the application layer: plan, screen, open, resume, record,
 * rate and end a session, and check-ins. See coach.h.
 */
#include <stdlib.h>
#include <string.h>

#include "coach/coach.h"
#include "coach/plancodec.h"
#include "coach/program.h"
#include "core/dose.h"
#include "core/utf8.h"
#include "core/xmalloc.h"
#include "store/store.h"
#include "sys/clock.h"

/* The posture reset's and the wall angel's place in a desk break. */
#define BREAK_RESET		"posture-reset"
#define BREAK_ANGEL		"wall-angel-standing"

/* What the store holds of one item, to store it again when it changes. */
struct coach_recorded {
	int			stored;
	enum session_outcome	outcome;
	enum session_feel	feel;
	int			hurt;
	int			sets, reps, holds, breaths;
};

/* The screen's questions, built in (scripts/embed data/screen.yaml). */
extern const char	midback_screen_yaml[];
extern const size_t	midback_screen_yaml_len;

static enum store_kind
stored_kind(enum coach_kind k)
{
	return (k == COACH_BREAK ? STORE_KIND_BREAK : STORE_KIND_ROUTINE);
}

static enum store_end
stored_end(enum session_end end)
{
	return (end == SESSION_END_FINISHED ? STORE_END_FINISHED :
	    end == SESSION_END_QUIT ? STORE_END_QUIT : STORE_END_STOPPED);
}

static const char *
end_reason(enum session_end end)
{
	return (end == SESSION_END_CLINICIAN ? STORE_REASON_CLINICIAN :
	    NULL);
}

static int64_t
wall(const struct coach *c)
{
	return (clock_wall_ms(c->clock));
}

void
coach_aside_free(char **aside, size_t naside)
{
	store_ids_free(aside, naside);
}

/* Fill o's exclusions with what the store has set aside now. */
static int
exclusions(struct coach *c, struct plan_opts *o, char ***aside,
    size_t *naside, char **err)
{
	*aside = NULL;
	*naside = 0;
	if (c->store != NULL && store_ids(c->store, STORE_IDS_ASIDE, wall(c),
	    aside, naside, err) == -1)
		return (-1);
	o->excluded = (const char *const *)*aside;
	o->nexcluded = *naside;
	return (0);
}

/* The conditions the screen's latest answers keep out of plans. */
static int
limits(struct coach *c, struct plan_opts *o, char **err)
{
	struct screen	*s;
	char		**ids = NULL;
	size_t		 n = 0;

	if (c->store == NULL)
		return (0);
	if (store_ids(c->store, STORE_IDS_SCREEN_YES, wall(c), &ids, &n,
	    err) == -1)
		return (-1);
	if (n > 0 && (s = coach_screen_load()) != NULL) {
		o->limits |= screen_limits(s, (const char *const *)ids, n);
		screen_free(s);
	}
	store_ids_free(ids, n);
	return (0);
}

int
coach_plan_today(struct coach *c, struct plan_opts *o, struct plan *p,
    char ***aside, size_t *naside, char **err)
{
	return (coach_plan_program(c, o, p, aside, naside, NULL, 0, err));
}

int
coach_plan_program(struct coach *c, struct plan_opts *o, struct plan *p,
    char ***aside, size_t *naside, char *line, size_t len, char **err)
{
	struct plan_hint	h, lower;
	struct plan_opts	lo;

	if (limits(c, o, err) == -1)
		return (-1);
	if (exclusions(c, o, aside, naside, err) == -1)
		return (-1);
	/* The program's weights, doses and variants (coach/program.h). */
	if (coach_program_apply(c, o, &h, &lower, aside, naside, line, len,
	    err) == -1) {
		coach_aside_free(*aside, *naside);
		*aside = NULL;
		*naside = 0;
		return (-1);
	}
	plan_make(c->catalog, o, p);
	/* After a worse next day: the usual plan, lighter. */
	if (lower.phase != 0) {
		lo = *o;
		lo.hint = &lower;
		plan_lighter(&lo, p);
		program_hint_release(&lower);
	}
	o->hint = NULL;
	program_hint_release(&h);
	return (0);
}

int
coach_plan_one(struct coach *c, struct plan_opts *o, struct plan *p,
    char ***aside, size_t *naside, char **err)
{
	struct store_stats	 ss = STORE_STATS_INIT;
	struct plan_hint	 h;
	const char		**ids = NULL;
	size_t			*order = NULL, i, n = 0;
	int64_t			 now = wall(c);

	if (limits(c, o, err) == -1 ||
	    exclusions(c, o, aside, naside, err) == -1)
		return (-1);
	/* A variant still locked is not the one for a busy day either. */
	if (coach_program_apply(c, o, &h, NULL, aside, naside, NULL, 0,
	    err) == -1) {
		coach_aside_free(*aside, *naside);
		*aside = NULL;
		*naside = 0;
		return (-1);
	}
	o->hint = NULL;
	program_hint_release(&h);
	/* No pain ratings are needed: read them from the end of time. */
	if (c->store != NULL && store_stats(c->store, INT64_MAX, now, &ss,
	    err) != 0) {
		coach_aside_free(*aside, *naside);
		*aside = NULL;
		*naside = 0;
		return (-1);
	}
	if (ss.nexs > 0) {
		order = xcalloc(ss.nexs, sizeof *order);
		n = stats_rank(ss.exs, ss.nexs, ss.flags, ss.nflags, now,
		    order);
		ids = xcalloc(n + 1, sizeof *ids);
		for (i = 0; i < n; i++)
			ids[i] = ss.exs[order[i]].id;
	}
	plan_one(c->catalog, o, ids, n, p);
	o->minutes = (p->total_s + 59) / 60;
	free(ids);
	free(order);
	store_stats_release(&ss);
	return (0);
}

static void
plan_add(struct plan *p, const struct exercise *e,
    const struct prescription *rx)
{
	struct plan_item	*it;

	p->items = xreallocarray(p->items, p->n + 1, sizeof *p->items);
	it = &p->items[p->n++];
	it->ex = e;
	it->rx = *rx;
	it->duration_s = dose_duration_s(rx);
	p->total_s += it->duration_s;
}

int
coach_plan_break(struct coach *c, const struct remind_config *cfg,
    unsigned equipment, struct plan *p, char **err)
{
	const struct exercise	*reset, *angel;
	struct prescription	 rx;
	int64_t			 last = 0;
	int			 r;

	reset = catalog_find(c->catalog, BREAK_RESET);
	angel = catalog_find(c->catalog, BREAK_ANGEL);
	/* The posture reset at its least dose: ten short holds. */
	if (reset != NULL && (reset->equipment & ~equipment) == 0) {
		dose_min(&reset->dose, &rx);
		plan_add(p, reset, &rx);
	}
	/* Wall angels at the catalog's dose, as often as the settings say. */
	if (angel == NULL || (angel->equipment & ~equipment) != 0 ||
	    cfg->angel_every_min <= 0)
		return (0);
	r = 1;
	if (c->store != NULL &&
	    (r = store_last_done(c->store, BREAK_ANGEL, &last, err)) == -1)
		return (-1);
	if (r == 1 || wall(c) - last >= (int64_t)cfg->angel_every_min *
	    60000) {
		dose_min(&angel->dose, &rx);
		plan_add(p, angel, &rx);
	}
	return (0);
}

struct screen *
coach_screen_load(void)
{
	struct diag	 d = DIAG_INIT;
	struct screen	*s;

	/* Checked by the unit tests; a failure here is a build's mistake. */
	s = screen_parse("data/screen.yaml", midback_screen_yaml,
	    midback_screen_yaml_len, &d);
	diag_release(&d);
	return (s);
}

int
coach_screen_needed(struct coach *c, int *needed, char **err)
{
	struct coach_gate	g;

	*needed = 0;
	if (coach_gate(c, &g, err) == -1)
		return (-1);
	*needed = g.ask_screen;
	coach_gate_release(&g);
	return (0);
}

int
coach_screen_save(struct coach *c, const struct screen *s,
    const int *answers, size_t nanswered, const int *cleared, int accepted,
    enum screen_verdict *v, char **err)
{
	struct store_answer	*ans;
	size_t			 i;
	int			 rc;

	*v = screen_verdict(s, answers, nanswered, cleared, accepted);
	if (nanswered == 0 && *v != SCREEN_GO)
		return (0);
	ans = xcalloc(nanswered + 1, sizeof *ans);
	for (i = 0; i < nanswered && i < s->n; i++) {
		ans[i].question = s->q[i].id;
		ans[i].answer = answers[i];
		/* A clearance is kept only for a sign that takes one. */
		ans[i].cleared = answers[i] && cleared != NULL &&
		    cleared[i] == 1 && screen_clearable(&s->q[i]);
	}
	/*
	 * Only a screen that lets a session start is acknowledged, with
	 * the clinician's clearance when a yes needed it: anything else
	 * leaves it open, to be asked again next time, when the person may
	 * have seen someone.
	 */
	rc = store_screen_save(c->store, wall(c), ans, i,
	    *v != SCREEN_GO ? NULL : screen_needs_clearance(s, answers,
	    nanswered) ? "cleared-by-clinician" : "not-medical-advice", err);
	free(ans);
	return (rc);
}

/*
 * Drop the items of p the interrupted session got through: those its
 * recorded exercises (done[], in order) match, one by one. An easier
 * exercise the pain rule put in between matches no item and is passed
 * over.
 */
static void
plan_drop(struct plan *p, char **done, size_t ndone)
{
	size_t	i = 0, k;

	for (k = 0; k < ndone && i < p->n; k++)
		if (strcmp(done[k], p->items[i].ex->id) == 0)
			p->total_s -= p->items[i++].duration_s;
	memmove(p->items, p->items + i, (p->n - i) * sizeof *p->items);
	p->n -= i;
}

int
coach_unfinished(struct coach *c, enum coach_kind k,
    struct coach_unfinished *u, char **err)
{
	struct store_session_info	 info = STORE_SESSION_INFO_INIT;
	char				**done = NULL, *why = NULL;
	size_t				 ndone = 0;
	int				 found;

	memset(u, 0, sizeof *u);
	if (c->store == NULL)
		return (0);
	if (k == COACH_BREAK) {
		/* A break is not resumed: one left running long ago ends. */
		if (store_abandon(c->store, STORE_KIND_BREAK, 0, wall(c) -
		    COACH_BREAK_STALE_MS, STORE_END_QUIT, "not finished", NULL,
		    err) == -1)
			return (-1);
		return (0);
	}
	if ((found = store_unfinished(c->store, stored_kind(k), &info, err)) ==
	    -1)
		return (-1);
	if (found == 1)
		return (0);
	u->id = info.id;
	u->n_items = info.n_items;
	if (plancodec_decode(c->catalog, info.plan_json, &u->rest,
	    &why) == -1) {
		free(why);
		u->readable = 0;
	} else if (store_ids(c->store, STORE_IDS_SESSION, info.id, &done,
	    &ndone, err) == -1) {
		store_session_info_release(&info);
		plan_release(&u->rest);
		return (-1);
	} else {
		u->readable = 1;
		plan_drop(&u->rest, done, ndone);
	}
	store_ids_free(done, ndone);
	store_session_info_release(&info);
	return (1);
}

void
coach_unfinished_release(struct coach_unfinished *u)
{
	plan_release(&u->rest);
	memset(u, 0, sizeof *u);
}

int
coach_close_unfinished(struct coach *c, enum coach_kind k,
    const struct coach_unfinished *u, int *all_done, char **err)
{
	/*
	 * Killed after its last exercise was recorded: it was done, and
	 * there is nothing to resume.
	 */
	*all_done = u->readable && u->rest.n == 0;
	if (*all_done)
		return (store_abandon(c->store, stored_kind(k), u->id,
		    INT64_MAX, STORE_END_FINISHED, NULL, NULL, err));
	return (store_abandon(c->store, stored_kind(k), u->id, INT64_MAX,
	    STORE_END_QUIT, "not resumed", NULL, err));
}

static struct coach_session *
session_new(struct coach *c, enum coach_kind k, const struct plan *p,
    int64_t id, int position)
{
	struct coach_session	*cs;

	cs = xcalloc(1, sizeof *cs);
	cs->coach = c;
	cs->kind = k;
	cs->id = id;
	cs->position = position;
	cs->t0 = clock_mono_ms(c->clock);
	cs->s = session_create(p, c->catalog, 0);
	cs->pain_before = -1;
	return (cs);
}

int
coach_begin(struct coach *c, const struct coach_start *st,
    struct coach_session **out, struct coach_gate *g, char **err)
{
	const struct plan	*p = st->plan;
	struct plan		 calm = PLAN_INIT;
	char			*pj;
	int64_t			 id, now = wall(c);
	int			 rc, minutes = st->minutes;

	*out = NULL;
	memset(g, 0, sizeof *g);
	if (st->pain < -1 || st->pain > 10) {
		*err = xasprintf("pain: expected 0 to 10, not %d", st->pain);
		return (-1);
	}
	/* Pain before first: a refusal for it changes nothing stored. */
	if (st->kind == COACH_ROUTINE && (rc = coach_gate_pain(c, st->pain,
	    st->breathing, &calm, g)) != 0) {
		plan_release(&calm);
		return (rc);
	}
	if (calm.n > 0 && st->breathing) {
		p = &calm;
		minutes = (calm.total_s + 59) / 60;
	}
	if (p->n == 0) {
		plan_release(&calm);
		*err = xstrdup("nothing to play: no exercise fits this place "
		    "and equipment");
		return (-1);
	}
	if ((rc = coach_gate_enter(c, g, err)) != 0) {
		plan_release(&calm);
		return (rc);
	}
	pj = plancodec_encode(p, st->day, minutes, st->routine);
	rc = store_session_begin(c->store, stored_kind(st->kind), now,
	    clock_tz_min(c->clock, now), pj, &id, err);
	free(pj);
	if (rc == 0 && st->pain >= 0 && store_session_pain(c->store, id,
	    STORE_MOMENT_BEFORE, st->pain, err) == -1)
		rc = -1;
	if (rc == 0) {
		*out = session_new(c, st->kind, p, id, 0);
		(*out)->pain_before = st->pain;
	} else
		coach_let_go(c);
	plan_release(&calm);
	return (rc);
}

int
coach_resume(struct coach *c, enum coach_kind k,
    const struct coach_unfinished *u, struct coach_session **out,
    struct coach_gate *g, char **err)
{
	int	bad, rc;

	*out = NULL;
	if ((rc = coach_gate_enter(c, g, err)) != 0)
		return (rc);
	if (store_session_bad(c->store, u->id, &bad, err) == -1) {
		coach_let_go(c);
		return (-1);
	}
	*out = session_new(c, k, &u->rest, u->id, u->n_items);
	session_carry_bad((*out)->s, bad);
	return (0);
}

uint64_t
coach_now(const struct coach_session *cs)
{
	return ((uint64_t)(clock_mono_ms(cs->coach->clock) - cs->t0));
}

static enum store_outcome
stored_outcome(enum session_outcome o)
{
	return (o == SESSION_ITEM_COMPLETED ? STORE_ITEM_DONE :
	    o == SESSION_ITEM_STOPPED ? STORE_ITEM_STOPPED :
	    STORE_ITEM_SKIPPED);
}

static const char *
side_word(enum side s)
{
	return (s == SIDE_LEFT ? "left" : s == SIDE_RIGHT ? "right" : NULL);
}

/* Store item i if it is new or changed since it was last stored. */
static int
record_item(struct coach_session *cs, size_t i, int64_t now, char **err)
{
	const struct session_item	*it = session_item(cs->s, i);
	struct coach_recorded		*r;
	struct store_item		 si;

	if (i >= cs->nrec) {
		cs->rec = xreallocarray(cs->rec, i + 1, sizeof *cs->rec);
		memset(cs->rec + cs->nrec, 0, (i + 1 - cs->nrec) *
		    sizeof *cs->rec);
		cs->nrec = i + 1;
	}
	r = &cs->rec[i];
	if (it->outcome == SESSION_ITEM_PENDING)
		return (0);	/* never reached, or playing again */
	if (r->stored && r->outcome == it->outcome && r->feel == it->feel &&
	    r->hurt == it->hurt && r->sets == it->sets_done &&
	    r->reps == it->reps_done && r->holds == it->holds_done &&
	    r->breaths == it->breaths_done)
		return (0);
	memset(&si, 0, sizeof si);
	si.position = cs->position + (int)i;
	si.exercise = it->ex->id;
	si.side = it->rx.per_side ? side_word(it->side) : NULL;
	si.sets_done = it->sets_done;
	si.reps_done = it->reps_done;
	si.holds_done = it->holds_done;
	si.breaths_done = it->breaths_done;
	/* The hurt key stands for sharp pain and its kin. */
	si.feel = it->feel == FEEL_NONE && it->hurt ? FEEL_SHARP : it->feel;
	si.outcome = stored_outcome(it->outcome);
	si.finished_ms = now;
	/* Going back to an exercise and finishing it replaces its record. */
	si.replace = r->stored;
	if (store_session_item(cs->coach->store, cs->id, &si, err) == -1)
		return (-1);
	r->stored = 1;
	r->outcome = it->outcome;
	r->feel = it->feel;
	r->hurt = it->hurt;
	r->sets = it->sets_done;
	r->reps = it->reps_done;
	r->holds = it->holds_done;
	r->breaths = it->breaths_done;
	return (0);
}

/* Store every item the session has moved past, and new set-asides. */
static int
record(struct coach_session *cs, char **err)
{
	size_t	upto, i, n;
	int64_t	now = wall(cs->coach);

	upto = session_state(cs->s) == SESSION_DONE ? session_count(cs->s) :
	    session_index(cs->s);
	for (i = 0; i < upto; i++)
		if (record_item(cs, i, now, err) == -1)
			return (-1);
	n = session_aside_count(cs->s);
	for (; cs->asides < n; cs->asides++) {
		if (store_flag_add(cs->coach->store, session_aside(cs->s,
		    cs->asides), "pain rule", now, now +
		    COACH_ASIDE_DAYS * 86400000LL, err) == -1)
			return (-1);
		free(cs->pain_words);
		cs->pain_words = coach_pain_words(cs, session_aside(cs->s,
		    cs->asides));
	}
	return (0);
}

int
coach_event(struct coach_session *cs, enum session_event ev, int arg,
    char **err)
{
	session_handle(cs->s, ev, arg, coach_now(cs));
	return (record(cs, err));
}

void
coach_event_keep(struct coach_session *cs, enum session_event ev, int arg,
    char **failed)
{
	char	*cause = NULL;

	if (coach_event(cs, ev, arg, &cause) == -1 && *failed == NULL)
		*failed = cause;
	else
		free(cause);
}

void
coach_stop_failed(struct coach_session *cs, const char *failed)
{
	if (failed != NULL && session_state(cs->s) != SESSION_DONE) {
		session_handle(cs->s, SEV_QUIT, 0, coach_now(cs));
		session_log_clear(cs->s);
	}
}

int
coach_end(struct coach_session *cs, char **err)
{
	enum session_end	end = session_end(cs->s);

	if (record(cs, err) == -1)
		return (-1);
	if (end == SESSION_END_NONE)
		end = SESSION_END_QUIT;
	if (store_session_end(cs->coach->store, cs->id, stored_end(end),
	    wall(cs->coach), end_reason(end), err) == -1)
		return (-1);
	/* Over: another front end may begin one now. */
	coach_let_go(cs->coach);
	return (0);
}

int
coach_rate_after(struct coach_session *cs, int pain, char **err)
{
	return (store_session_pain(cs->coach->store, cs->id,
	    STORE_MOMENT_AFTER, pain, err));
}

void
coach_session_free(struct coach_session *cs)
{
	if (cs == NULL)
		return;
	session_free(cs->s);
	free(cs->rec);
	free(cs->pain_words);
	/* The session is over here (ended, or left to resume): let go. */
	coach_let_go(cs->coach);
	free(cs);
}

/*
 * Whether s is valid UTF-8 holding no control character (C0, DEL or C1)
 * but tab and newline: jansson refuses text that is not UTF-8, so such a
 * note would be lost from every export, and a control character would
 * reach the terminal of whoever reads the log.
 */
static int
text_ok(const char *s)
{
	unsigned	cp;
	size_t		n;

	for (; *s != '\0'; s += n) {
		if ((n = utf8_len(s, &cp)) == 0)
			return (0);
		if ((cp < 0x20 && cp != '\t' && cp != '\n') ||
		    (cp >= 0x7f && cp < 0xa0))
			return (0);
	}
	return (1);
}

int
coach_checkin(struct coach *c, int pain, int stiffness, const char *note,
    char **err)
{
	struct store_pain	p;

	if (note != NULL && !text_ok(note)) {
		*err = xstrdup("the note must be UTF-8 text with no control "
		    "characters");
		return (-1);
	}
	memset(&p, 0, sizeof p);
	p.moment = STORE_MOMENT_CHECKIN;
	p.at_ms = wall(c);
	p.tz_min = clock_tz_min(c->clock, p.at_ms);
	p.pain = pain;
	p.stiffness = stiffness;
	p.note = note;
	return (store_pain_add(c->store, &p, NULL, err));
}

int
coach_stats(struct coach *c, int weeks, struct coach_stats *out, char **err)
{
	struct stats_input	 in;
	int64_t			 now = clock_wall_ms(c->clock);

	memset(&in, 0, sizeof in);
	out->today = clock_today(c->clock);
	out->tz_min = clock_tz_min(c->clock, now);
	in.today = out->today;
	in.now_ms = now;
	in.weeks = weeks;
	/* Ratings older than the first window (and a day) do not count. */
	if (c->store != NULL && (store_stats(c->store,
	    now - (weeks * 7 + 1) * 86400000LL, now, &out->rows, err) != 0 ||
	    store_reminder_counts(c->store,
	    now - STATS_ADHERENCE_DAYS * 86400000LL, out->counts, err) != 0 ||
	    store_selftests(c->store, &out->tests, err) != 0))
		return (-1);
	in.acts = out->rows.acts;
	in.nacts = out->rows.nacts;
	in.pains = out->rows.pains;
	in.npains = out->rows.npains;
	in.exs = out->rows.exs;
	in.nexs = out->rows.nexs;
	in.flags = out->rows.flags;
	in.nflags = out->rows.nflags;
	if (stats_compute(&in, &out->s) != 0) {
		*err = xstrdup("cannot compute the figures");
		return (-1);
	}
	return (0);
}

void
coach_stats_release(struct coach_stats *cs)
{
	stats_release(&cs->s);
	store_stats_release(&cs->rows);
	store_program_data_release(&cs->tests);
}
