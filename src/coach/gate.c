/*
 * gate.c -- the one session gate, for every front end: whether a session
 * may begin now, and the words after a pain answer. See coach.h.
 *
 * A session begins only when the latest warning-signs answers are whole
 * and clear (or every yes is one a clinician may clear and has), the
 * notice is accepted, the screen is not due again (90 days, a check-in
 * with high pain, a session the pain rule stopped with the advice to see
 * a clinician), no other process is playing a session on the same store,
 * and the pain before has been applied. coach_begin() and
 * coach_resume() ask the gate themselves, so no front end can pass it by.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "coach/coach.h"
#include "core/date.h"
#include "core/xmalloc.h"
#include "sys/claim.h"
#include "sys/clock.h"

static const char *const gate_names[] = {
	"open", "screen", "signs", "declined", "stopped", "pain", "playing"
};

const char *
coach_gate_name(enum coach_gate_state st)
{
	return (gate_names[st]);
}

void
coach_gate_release(struct coach_gate *g)
{
	free(g->why);
	memset(g, 0, sizeof *g);
}

static void
set(struct coach_gate *g, enum coach_gate_state st, int ask, char *why)
{
	free(g->why);
	g->state = st;
	g->ask_screen = ask;
	g->why = why;
}

/* Whether id is one of ids[0..n). */
static int
among(const char *id, char **ids, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(id, ids[i]) == 0)
			return (1);
	return (0);
}

/* "chest pain or trouble breathing" and "a history of cancer": the
 * signs answered yes at the latest screen, in words, but for those a
 * clinician has cleared (cleared[0..ncleared)). */
static char *
sign_words(const struct screen *s, char **yes, size_t n, int emergency,
    char **cleared, size_t ncleared)
{
	const char	**v;
	char		 *w = NULL, *t;
	size_t		  i, j, k = 0;

	v = xcalloc(n + 1, sizeof *v);
	for (i = 0; i < n; i++)
		for (j = 0; j < s->n; j++)
			if (strcmp(yes[i], s->q[j].id) == 0 &&
			    s->q[j].emergency == emergency && !s->q[j].adjust &&
			    (emergency || !among(yes[i], cleared, ncleared)))
				v[k++] = s->q[j].name;
	/* "a, b and c" */
	for (i = 0; i < k; i++) {
		t = xasprintf("%s%s%s", w != NULL ? w : "", i == 0 ? "" :
		    i + 1 == k ? " and " : ", ", v[i]);
		free(w);
		w = t;
	}
	free(v);
	return (w);
}

/*
 * What the screen saved at at_ms says: a sign (an emergency, or one with
 * no clinician's clearance of its own), or, when it was not acknowledged
 * (acked 0), a refusal or answers that stopped short. Returns 0 (g set
 * when the screen stops a session), or -1.
 */
static int
latest_screen(struct coach *c, int64_t at_ms, int acked,
    struct coach_gate *g, char **err)
{
	struct screen	*s;
	char		**yes = NULL, **ok = NULL, *w;
	size_t		 n = 0, nok = 0;

	if (store_ids(c->store, STORE_IDS_SCREEN_AT, at_ms, &yes, &n,
	    err) == -1)
		return (-1);
	if (store_ids(c->store, STORE_IDS_CLEARED_AT, at_ms, &ok, &nok,
	    err) == -1) {
		store_ids_free(yes, n);
		return (-1);
	}
	if ((s = coach_screen_load()) == NULL) {
		store_ids_free(yes, n);
		store_ids_free(ok, nok);
		*err = xstrdup("the built-in warning-signs screen cannot be "
		    "read");
		return (-1);
	}
	if ((w = sign_words(s, yes, n, 1, ok, nok)) != NULL) {
		g->emergency = 1;
		set(g, COACH_GATE_SIGNS, 1, xasprintf("the warning-signs "
		    "answers include %s: please get medical help first", w));
	} else if ((w = sign_words(s, yes, n, 0, ok, nok)) != NULL)
		set(g, COACH_GATE_SIGNS, 1, xasprintf("the warning-signs "
		    "answers include %s: please see a clinician first; once "
		    "one has cleared you, answer the questions again", w));
	else if (!acked)
		set(g, COACH_GATE_DECLINED, 1, xstrdup("the warning-signs "
		    "questions were not all answered, or the notice was not "
		    "accepted: they come first"));
	free(w);
	store_ids_free(yes, n);
	store_ids_free(ok, nok);
	screen_free(s);
	return (0);
}

static void
me(const struct coach *c, struct claim_info *ci)
{
	memset(ci, 0, sizeof *ci);
	ci->pid = getpid();
	ci->since_ms = clock_wall_ms(c->clock);
	snprintf(ci->where, sizeof ci->where, "%s", c->where != NULL ?
	    c->where : "another midback");
}

/* "in the browser since 10:02" (or "since Friday 4 December, 10:02"). */
static char *
playing_words(const struct coach *c, const struct claim_info *h)
{
	int64_t	now = clock_wall_ms(c->clock);
	int	tz = clock_tz_min(c->clock, h->since_ms), min;
	long	day = date_of_ms(h->since_ms, tz);
	char	when[64];

	min = date_minute_of_ms(h->since_ms, tz);
	if (h->since_ms <= 0)
		snprintf(when, sizeof when, "now");
	else if (day == date_of_ms(now, clock_tz_min(c->clock, now)))
		snprintf(when, sizeof when, "since %02d:%02d", min / 60,
		    min % 60);
	else {
		int y, m, d;

		date_to_civil(day, &y, &m, &d);
		snprintf(when, sizeof when, "since %s %d %s, %02d:%02d",
		    date_weekday_name(day), d, date_month_name(m), min / 60,
		    min % 60);
	}
	return (xasprintf("a session is being played in %s %s (process %ld)",
	    h->where[0] != '\0' ? h->where : "another midback", when,
	    (long)h->pid));
}

/* The claim: 0 held (kept only when keep), 1 held elsewhere (g says
 * so), -1 error. A store in memory has no claim. */
static int
claim(struct coach *c, int keep, struct coach_gate *g, char **err)
{
	struct claim_info	ci, holder;
	const char		*path = store_path(c->store);
	int			had, r;

	if (strcmp(path, ":memory:") == 0)
		return (0);
	had = c->claimed;
	me(c, &ci);
	if ((r = claim_take(path, &ci, &holder, err)) == -1)
		return (-1);
	if (r == 1) {
		g->holder_pid = (long)holder.pid;
		g->holder_since_ms = holder.since_ms;
		snprintf(g->holder_where, sizeof g->holder_where, "%s",
		    holder.where);
		set(g, COACH_GATE_PLAYING, 0, playing_words(c, &holder));
		return (1);
	}
	if (keep)
		c->claimed = 1;
	else if (!had)
		claim_drop();
	return (0);
}

/* The gate; with keep, the claim is taken and kept when it is free. */
static int
gate(struct coach *c, struct coach_gate *g, int keep, char **err)
{
	struct store_gate	sg;
	int64_t			now = clock_wall_ms(c->clock);
	int			r;

	memset(g, 0, sizeof *g);
	g->state = COACH_GATE_OPEN;
	if (c->store == NULL) {
		g->first = 1;
		set(g, COACH_GATE_SCREEN, 1, xstrdup("the warning-signs "
		    "questions come first"));
		return (0);
	}
	if ((r = claim(c, keep, g, err)) != 0)
		return (r == 1 ? 0 : -1);
	if (store_gate_read(c->store, SCREEN_RECHECK_PAIN, &sg, err) == -1)
		return (-1);
	/*
	 * The latest screen, even when acknowledged: every yes that needs a
	 * clinician must have its own clearance (one acknowledgement that
	 * covered them all, stored before clearances were kept sign by sign,
	 * does not).
	 */
	if (sg.screen_ms != 0 && (latest_screen(c, sg.screen_ms, sg.acked, g,
	    err) == -1 || g->state != COACH_GATE_OPEN))
		return (g->state != COACH_GATE_OPEN ? 0 : -1);
	if (sg.ack_ms == 0) {
		g->first = 1;
		set(g, COACH_GATE_SCREEN, 1, xstrdup("the warning-signs "
		    "questions come first"));
	}
	else if (sg.stop_ms > sg.ack_ms)
		set(g, COACH_GATE_STOPPED, 1, xstrdup("the last session "
		    "stopped with the advice to see a clinician: the "
		    "warning-signs questions come first"));
	else if (screen_due(sg.ack_ms, sg.high_ms, now))
		set(g, COACH_GATE_SCREEN, 1, xstrdup(sg.high_ms > sg.ack_ms ?
		    "after a check-in with high pain, the warning-signs "
		    "questions come first" : "it is 90 days since the "
		    "warning-signs questions: they come again first"));
	return (0);
}

int
coach_gate(struct coach *c, struct coach_gate *g, char **err)
{
	return (gate(c, g, 0, err));
}

/*
 * The gate at the moment of beginning: open, and the claim taken (once)
 * and kept; a refusal lets go of a claim taken here. Returns 0 (open), 1
 * (refused, g says why) or -1.
 */
int
coach_gate_enter(struct coach *c, struct coach_gate *g, char **err)
{
	int	had = c->claimed;

	if (gate(c, g, 1, err) == -1) {
		if (!had)
			coach_let_go(c);
		return (-1);
	}
	if (g->state == COACH_GATE_OPEN)
		return (0);
	if (!had && g->state != COACH_GATE_PLAYING)
		coach_let_go(c);
	return (1);
}

int
coach_gate_pain(struct coach *c, int pain, int breathing, struct plan *calm,
    struct coach_gate *g)
{
	memset(g, 0, sizeof *g);
	if (pain < SCREEN_PAIN_STOP)
		return (0);
	plan_breathing(c->catalog, calm);
	g->offer_breathing = calm->n > 0;
	if (breathing && calm->n > 0)
		return (0);
	set(g, COACH_GATE_PAIN, 0, xasprintf("with pain of %d, exercise is "
	    "not advised today: rest, and see a clinician if it does not "
	    "ease%s", pain, calm->n > 0 ? "; gentle breathing alone can "
	    "still help" : ""));
	return (1);
}

int
coach_take_over(struct coach *c, char **err)
{
	struct claim_info	ci;
	int			r;

	if (c->store == NULL || strcmp(store_path(c->store), ":memory:") == 0)
		return (0);
	me(c, &ci);
	if ((r = claim_take_over(store_path(c->store), &ci,
	    COACH_TAKE_OVER_MS, err)) == 1)
		*err = xstrdup("the session playing elsewhere did not let go; "
		    "end it there first");
	if (r == 0)
		c->claimed = 1;
	return (r);
}

int
coach_lost(const struct coach *c)
{
	return (c->claimed && claim_lost());
}

void
coach_let_go(struct coach *c)
{
	if (c->claimed)
		claim_drop();
	c->claimed = 0;
}

long
coach_aside_until(const struct coach_session *cs)
{
	return (clock_today(cs->coach->clock) + COACH_ASIDE_DAYS);
}

char *
coach_pain_words(const struct coach_session *cs, const char *id)
{
	const struct exercise	*e = catalog_find(cs->coach->catalog, id);
	const struct exercise	*r = session_offer(cs->s);
	long			 until;
	int			 y, m, d, left;
	char			*w, *t;

	until = coach_aside_until(cs);
	date_to_civil(until, &y, &m, &d);
	w = xasprintf("%s is set aside until %s %d %s.", e != NULL ? e->name :
	    id, date_weekday_name(until), d, date_month_name(m));
	left = SESSION_BAD_MAX - session_bad_count(cs->s);
	if (left == 1) {
		t = xasprintf("%s One more answer like that ends today's "
		    "session.", w);
		free(w);
		w = t;
	}
	if (left > 0 && r != NULL)
		t = xasprintf("%s An easier option is %s: try it only if the "
		    "pain has settled.", w, r->name);
	else if (left > 0)
		t = xasprintf("%s It has no easier option; the session goes "
		    "on with the next exercise.", w);
	else
		t = xstrdup(w);
	free(w);
	return (t);
}

char *
coach_end_words(const struct coach_session *cs)
{
	int	brk = cs->kind == COACH_BREAK;

	switch (session_end(cs->s)) {
	case SESSION_END_CLINICIAN:
		return (xstrdup(brk ? "That caused pain that is a warning "
		    "sign. Please see a doctor or physiotherapist before you "
		    "go on." : "Two exercises caused pain that is a warning "
		    "sign, so the session stopped here. Please see a doctor "
		    "or physiotherapist before you go on with this program."));
	case SESSION_END_QUIT:
		return (xstrdup("Session ended early. What you did is saved."));
	case SESSION_END_FINISHED:
		if (brk)
			return (xstrdup("Break done. Back to it, and sit "
			    "tall."));
		/* Not "well done" over an exercise that hurt. */
		if (cs->asides > 0)
			return (xasprintf("That is today's session. What "
			    "hurt stays out of your plans for %d days; see a "
			    "clinician if the pain does not settle.",
			    COACH_ASIDE_DAYS));
		return (xstrdup("Well done: that is today's session."));
	case SESSION_END_NONE:
		break;
	}
	return (xstrdup("Session over."));
}

char *
coach_rise_words(int before, int after)
{
	if (before < 0 || after < 0 || after - before < SCREEN_PAIN_RISE)
		return (NULL);
	return (xasprintf("Your pain went up from %d to %d: rest today, and "
	    "see a clinician if it does not settle. Both ratings are saved "
	    "with this session.", before, after));
}
