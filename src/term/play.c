/*
 * play.c -- play a session in real time.
 *
 * The session (core/session.c) decides everything, and the coach
 * (coach/coach.c) records it: each finished exercise is stored at once,
 * so that killing the process loses at most the exercise in progress.
 * This file is a front end: it keeps time, shows and speaks what the
 * session's log says happened, and turns the person's answers and keys
 * into events.
 *
 * Time: the coach's clock; the session gets milliseconds since its
 * start. Waits are absolute (clock_sleep_until on the session's own
 * deadlines), so lateness never adds up.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "sys/clock.h"
#include "ask.h"
#include "coach/cues.h"
#include "play.h"
#include "coach/coach.h"
#include "tui.h"
#include "voice.h"
#include "core/figure.h"
#include "core/xmalloc.h"

/* A hold at least this long gets a spoken and rung 3-2-1. */
#define PLAY_COUNTDOWN_MIN_S	5

struct player {
	const struct play_opts	*o;
	struct coach_session	*cs;
	struct session		*s;		/* cs's, borrowed */
	const struct clock	*clock;		/* cs's coach's */
	char			*failed;	/* why the store failed, or
						   NULL */
	int			 countdown;	/* next second to count, or 0 */
	/* The figure of the exercise playing, and what frames it. */
	const struct exercise	*fig_x;
	struct fig_body		 fig_ref;
	struct fig_box		 fig_frame;
	struct fig_scene	 fig_scene;
	struct fig_angles	 fig_drawn;	/* the pose fig_scene is of */
	int			 taken;		/* taken over elsewhere */
};

/* The figure moves this often (real time) while it is on the screen. */
#define PLAY_FRAME_MS		33

static uint64_t
now_ms(struct player *pl)
{
	return (coach_now(pl->cs));
}

static void
clock_text(uint64_t ms, char *buf, size_t len)
{
	unsigned long	s = (unsigned long)(ms / 1000);

	snprintf(buf, len, "%02lu:%02lu", s / 60, s % 60);
}

static void
trace(struct player *pl, const struct session_transition *t)
{
	json_t	*j;

	if (pl->o->trace == NULL)
		return;
	j = json_pack("{s:s,s:s,s:s,s:s?,s:I,s:I}",
	    "event", session_event_name(t->ev),
	    "state", session_state_name(t->to),
	    "phase", t->to == SESSION_WORK ? cue_phase(&t->phase) : "",
	    "exercise", t->ex != NULL ? t->ex->id : NULL,
	    "planned_ms", (json_int_t)t->planned_ms,
	    "actual_ms", (json_int_t)t->actual_ms);
	json_dumpf(j, pl->o->trace, JSON_COMPACT | JSON_PRESERVE_ORDER);
	fputc('\n', pl->o->trace);
	fflush(pl->o->trace);
	json_decref(j);
}

/* Print one plain line for a transition, and speak it. */
static void
announce(struct player *pl, const struct session_transition *t)
{
	const struct session_item	*it;
	char				 when[32], counters[96], say[160];
	const char			*speech;

	clock_text(t->actual_ms, when, sizeof when);
	if (t->to == SESSION_WORK && t->ex != NULL) {
		it = session_item(pl->s, t->item);
		cue_counters(&t->phase, &it->rx, counters, sizeof counters);
		if (pl->o->plain) {
			if (t->phase.kind == PHASE_READY)
				printf("[%s] %zu/%zu %s: get ready. %s\n", when,
				    pl->cs->position + t->item + 1,
				    pl->cs->position + session_count(pl->s),
				    t->ex->name, cue_line(t->ex));
			else
				printf("[%s] %s%s%s (%d s)\n", when,
				    cue_phase(&t->phase), *counters ? ", " : "",
				    counters, t->phase.duration_s);
		}
		speech = cue_speech(t->ex, &t->phase, say, sizeof say);
		if (speech != NULL)
			voice_say(pl->o->voice, speech);
		pl->countdown = t->phase.kind == PHASE_HOLD &&
		    t->phase.duration_s >= PLAY_COUNTDOWN_MIN_S ? 3 : 0;
	} else if (t->to == SESSION_DONE && pl->o->plain)
		printf("[%s] Session over.\n", when);
	if (t->paused && pl->o->plain)
		printf("[%s] Paused.\n", when);
	if (!pl->o->plain)
		tui_bell();
}

/*
 * Whether another front end has taken the session over: then nothing
 * more is sent or stored here, and the session is not ended.
 */
static int
lost(struct player *pl)
{
	if (!pl->taken && coach_lost(pl->cs->coach))
		pl->taken = 1;
	return (pl->taken);
}

/* Handle everything the session logged since the last call. */
static void
drain(struct player *pl)
{
	const struct session_transition	*log;
	size_t				 n, i;

	log = session_log(pl->s, &n);
	for (i = 0; i < n; i++) {
		trace(pl, &log[i]);
		announce(pl, &log[i]);
	}
	session_log_clear(pl->s);
	if (pl->o->plain)
		fflush(stdout);
}

/*
 * Send an event through the coach, which records what it finished, and
 * show what happened. A store failure ends the session: what cannot be
 * saved must not be played on as if it were.
 */
static void
handle(struct player *pl, enum session_event ev, int arg)
{
	if (lost(pl))
		return;
	coach_event_keep(pl->cs, ev, arg, &pl->failed);
	drain(pl);
	coach_stop_failed(pl->cs, pl->failed);
	if (pl->cs->pain_words != NULL && pl->o->plain) {
		printf("Stop that one. %s\n", pl->cs->pain_words);
		free(pl->cs->pain_words);
		pl->cs->pain_words = NULL;
	}
}

/* An answer at the feel check: the feel's name, or its number 1-7. */
static enum session_feel
feel_parse(const char *s)
{
	int	i;

	for (i = FEEL_FINE; i < FEEL_COUNT; i++)
		if (strcmp(s, session_feel_name((enum session_feel)i)) == 0 ||
		    (s[0] != '\0' && s[1] == '\0' && s[0] == '0' + i))
			return ((enum session_feel)i);
	return (FEEL_NONE);
}

static void
say_pain_rule(struct player *pl)
{
	const struct exercise	*r = session_offer(pl->s);

	if (pl->o->plain && r != NULL)
		printf("%s (%s): %s\n", r->name, r->id, r->why);
}

static void
play_plain(struct player *pl)
{
	struct ask	a = { stdin, stdout };
	enum session_feel f;
	char		buf[128];
	uint64_t	dl;
	int		yes, eof = 0;

	while (!lost(pl)) {
		switch (session_state(pl->s)) {
		case SESSION_DONE:
			return;
		case SESSION_FEEL:
			if (eof)
				*buf = '\0';
			else if (ask_line(&a, "How did it feel? (fine, stretch, "
			    "discomfort, sharp, tingling, burning, numb; Enter "
			    "to skip) ", buf, sizeof buf) == ASK_EOF)
				eof = 1;
			/* No answer is stored as none, never as fine. */
			if (*buf == '\0') {
				handle(pl, SEV_SKIP, 0);
				break;
			}
			if ((f = feel_parse(buf)) == FEEL_NONE) {
				printf("Please answer with one of the words, "
				    "or press Enter to skip.\n");
				continue;
			}
			handle(pl, SEV_ANSWER, (int)f);
			if (session_state(pl->s) == SESSION_OFFER)
				say_pain_rule(pl);
			break;
		case SESSION_OFFER:
			yes = 0;
			cue_offer(session_offer(pl->s), buf, sizeof buf);
			if (!eof && ask_yes_no(&a, buf, &yes) == ASK_EOF)
				eof = 1;
			handle(pl, SEV_ANSWER, yes);
			break;
		case SESSION_WORK:
			dl = session_deadline(pl->s);
			if (dl == UINT64_MAX) {
				/* Paused in plain mode: nothing can resume. */
				handle(pl, SEV_RESUME, 0);
				break;
			}
			/* The spoken 3-2-1 at the end of a long hold. */
			while (pl->countdown > 0 && pl->o->voice != NULL &&
			    dl - (uint64_t)pl->countdown * 1000 > now_ms(pl)) {
				static const char *n[] = { "", "one", "two",
				    "three" };

				while (clock_sleep_until(pl->clock,
				    pl->cs->t0 + (int64_t)(dl -
				    (uint64_t)pl->countdown * 1000)) &&
				    !lost(pl))
					;
				voice_say(pl->o->voice, n[pl->countdown]);
				pl->countdown--;
			}
			while (clock_sleep_until(pl->clock, pl->cs->t0 +
			    (int64_t)dl) && !lost(pl))
				;
			handle(pl, SEV_TICK, 0);
			break;
		default:
			return;
		}
	}
}

/* Fill the screen's view from the session. */
static void
view_fill(struct player *pl, struct tui_view *v, char *counters, size_t len,
    char *next, size_t nlen, char *pos, size_t poslen, uint64_t now)
{
	const struct exercise		*e = session_exercise(pl->s);
	const struct exercise		*nx = session_next(pl->s);
	const struct phase		*ph = session_phase(pl->s);
	const struct session_item	*it;

	memset(v, 0, sizeof *v);
	/* A resumed session goes on counting from what was done before. */
	v->index = pl->cs->position + (int)session_index(pl->s) + 1;
	v->count = pl->cs->position + (int)session_count(pl->s);
	v->remaining_s = -1;
	if (e != NULL) {
		v->title = e->name;
		v->cue = cue_line(e);
	}
	if (ph != NULL) {
		it = session_item(pl->s, session_index(pl->s));
		/* While getting ready, where to be matters more than form. */
		if ((ph->kind == PHASE_READY || ph->kind == PHASE_CHANGE) &&
		    e != NULL) {
			snprintf(pos, poslen, "Position: %s", e->position);
			v->cue = pos;
		}
		v->phase = cue_phase(ph);
		cue_counters(ph, &it->rx, counters, len);
		v->counters = counters;
		v->remaining_s = (long)((session_remaining_ms(pl->s, now) +
		    999) / 1000);
	}
	v->exercise_frac = session_exercise_frac(pl->s, now);
	/* A resumed session's bar counts what was done before it, too. */
	v->session_frac = ((double)pl->cs->position + session_frac(pl->s, now) *
	    (double)session_count(pl->s)) / (double)(pl->cs->position +
	    (int)session_count(pl->s));
	v->paused = session_paused(pl->s);
	if (nx != NULL) {
		snprintf(next, nlen, "Next: %s", nx->name);
		v->next = next;
	}
}

/* Whether pose a looks the same as b on the screen: no joint moved. */
static int
same_look(const struct fig_angles *a, const struct fig_angles *b)
{
	int	j, k;

	if (a->mirror != b->mirror || a->contacts != b->contacts ||
	    a->breath - b->breath > 0.1 || b->breath - a->breath > 0.1)
		return (0);
	for (j = 0; j < FJ_COUNT; j++)
		for (k = 0; k < FA_COUNT; k++)
			if (a->deg[j][k] - b->deg[j][k] > 0.05 ||
			    b->deg[j][k] - a->deg[j][k] > 0.05)
				return (0);
	return (1);
}

/*
 * The exercise's figure at now: the pose of the phase playing, at how
 * far into it the session is (a pause holds it still), the second side
 * mirrored. NULL when the exercise has none or no phase is playing.
 * *moved: whether it differs from the one returned before (a hold, at
 * rest but for its breath, mostly does not).
 */
static const struct fig_scene *
figure_at(struct player *pl, uint64_t now, int *moved)
{
	const struct exercise	*e = session_exercise(pl->s);
	const struct phase	*ph = session_phase(pl->s);
	struct fig_angles	 a;
	struct fig_body		 b;
	double			 elapsed;

	*moved = 1;
	if (e == NULL || e->figure == NULL || ph == NULL ||
	    session_state(pl->s) != SESSION_WORK) {
		pl->fig_x = NULL;
		return (NULL);
	}
	if (pl->fig_x != e) {
		pl->fig_x = e;
		fig_prop_ref(e->figure, &pl->fig_ref);
		fig_frame(e->figure, e->figure->camera, &pl->fig_frame);
	} else
		*moved = 0;
	elapsed = ph->duration_s - session_remaining_ms(pl->s, now) / 1000.0;
	if (elapsed < 0)
		elapsed = 0;
	fig_at_phase(e->figure, ph, elapsed, &a);
	if (!*moved && same_look(&a, &pl->fig_drawn))
		return (&pl->fig_scene);
	*moved = 1;
	pl->fig_drawn = a;
	fig_solve(e->figure, &a, &b);
	fig_scene(e->figure, &b, &pl->fig_ref, a.mirror, e->figure->camera,
	    &pl->fig_scene);
	return (&pl->fig_scene);
}

static void
play_tui(struct player *pl)
{
	struct tui_view	 v;
	enum tui_key	 k;
	char		 counters[96], next[160], prompt[200], pos[200],
			 offer[160];
	uint64_t	 now, dl;
	long long	 wait;
	int64_t		 real;
	int		 help = 0, confirm = 0, digit = 0, last_left = -1;
	int		 redraw = 1, frame, moved;
	int		 held = 0;	/* paused by the quit question */

	while (session_state(pl->s) != SESSION_DONE && !lost(pl)) {
		now = now_ms(pl);
		view_fill(pl, &v, counters, sizeof counters, next,
		    sizeof next, pos, sizeof pos, now);
		v.help = help;
		if (confirm)
			v.prompt = "Quit the session? y/n";
		else if (session_state(pl->s) == SESSION_FEEL)
			v.prompt = "How did it feel? Press a number.\n"
			    "1 fine  2 stretch  3 mild discomfort  4 sharp  "
			    "5 tingling  6 burning  7 numb";
		else if (session_state(pl->s) == SESSION_OFFER) {
			snprintf(prompt, sizeof prompt, "Stop that one. %s y/n",
			    cue_offer(session_offer(pl->s), offer,
			    sizeof offer));
			v.prompt = prompt;
		}
		if (session_state(pl->s) == SESSION_FEEL ||
		    session_state(pl->s) == SESSION_OFFER)
			v.phase = NULL;
		moved = 0;
		if (tui_shows_figure() && (v.figure = figure_at(pl, now,
		    &moved)) != NULL)
			v.figure_frame = &pl->fig_frame;
		/* Woken for a frame of the figure: drawn only if it moved. */
		if (redraw || moved)
			tui_draw(&v);

		/* The bell in the last three seconds of a hold. */
		if (v.phase != NULL && !v.paused && v.remaining_s <= 3 &&
		    v.remaining_s > 0 && v.remaining_s != last_left &&
		    pl->countdown > 0) {
			static const char *n[] = { "", "one", "two", "three" };

			tui_bell();
			voice_say(pl->o->voice, n[v.remaining_s]);
			last_left = (int)v.remaining_s;
		}

		/*
		 * Wake for the deadline, or when the countdown's second
		 * changes: the phase's own seconds, not the session's.
		 */
		dl = session_deadline(pl->s);
		wait = (long long)(session_remaining_ms(pl->s, now) % 1000);
		if (wait == 0)
			wait = 1000;
		if (dl != UINT64_MAX && (long long)(dl - now) < wait)
			wait = dl > now ? (long long)(dl - now) : 0;
		if (dl == UINT64_MAX)
			wait = 1000;
		real = clock_real_ms(pl->clock, wait);
		/* A moving figure: wake for its next frame, in real time. */
		frame = v.figure != NULL && !v.paused && real > PLAY_FRAME_MS;
		if (frame)
			real = PLAY_FRAME_MS;
		k = tui_key((int)real, confirm ||
		    session_state(pl->s) == SESSION_OFFER, &digit);
		redraw = !frame || k != TUI_KEY_NONE;
		if (tui_interrupted() || (!confirm && k == TUI_KEY_QUIT)) {
			confirm = 1;
			redraw = 1;
			/* The clock stops while the question is up. */
			if (!held && session_state(pl->s) == SESSION_WORK &&
			    !session_paused(pl->s)) {
				handle(pl, SEV_PAUSE, 0);
				held = 1;
			}
			continue;
		}
		now = now_ms(pl);
		if (confirm) {
			if (k == TUI_KEY_YES)
				handle(pl, SEV_QUIT, 0);
			if (k == TUI_KEY_YES || k == TUI_KEY_NO ||
			    k == TUI_KEY_QUIT) {
				confirm = 0;
				if (held && k != TUI_KEY_YES)
					handle(pl, SEV_RESUME, 0);
				held = 0;
			}
			continue;
		}
		switch (k) {
		case TUI_KEY_NONE:
			if (dl != UINT64_MAX && now >= dl) {
				handle(pl, SEV_TICK, 0);
				redraw = 1;
			}
			break;
		case TUI_KEY_PAUSE:
			handle(pl, session_paused(pl->s) ? SEV_RESUME :
			    SEV_PAUSE, 0);
			break;
		case TUI_KEY_NEXT:
			handle(pl, SEV_SKIP, 0);
			break;
		case TUI_KEY_BACK:
			handle(pl, SEV_BACK, 0);
			break;
		case TUI_KEY_HELP:
			help = !help;
			break;
		case TUI_KEY_HURT:
			handle(pl, SEV_HURT, 0);
			break;
		case TUI_KEY_YES:
		case TUI_KEY_NO:
			if (session_state(pl->s) == SESSION_OFFER)
				handle(pl, SEV_ANSWER, k == TUI_KEY_YES);
			break;
		case TUI_KEY_DIGIT:
			if (session_state(pl->s) == SESSION_FEEL &&
			    digit >= FEEL_FINE && digit < FEEL_COUNT)
				handle(pl, SEV_ANSWER, digit);
			break;
		default:
			break;
		}
		if (dl != UINT64_MAX && now_ms(pl) >= session_deadline(pl->s)) {
			handle(pl, SEV_TICK, 0);
			redraw = 1;
		}
	}
}

enum session_end
play(struct coach_session *cs, const struct play_opts *o, int *taken,
    char **err)
{
	struct player		pl;
	struct play_opts	local;
	enum session_end	end;

	memset(&pl, 0, sizeof pl);
	memcpy(&local, o, sizeof local);
	if (!local.plain && tui_open() == -1) {
		/* No usable terminal: lines instead, and say so. */
		local.plain = 1;
		printf("This terminal cannot show the player (TERM=%s); plain "
		    "lines instead.\n", getenv("TERM") != NULL ?
		    getenv("TERM") : "");
	}
	pl.o = &local;
	pl.cs = cs;
	pl.s = cs->s;
	pl.clock = cs->coach->clock;
	drain(&pl);
	if (local.plain)
		play_plain(&pl);
	else {
		play_tui(&pl);
		tui_close();
	}
	drain(&pl);
	*taken = pl.taken;
	if (pl.taken) {
		free(pl.failed);
		return (SESSION_END_NONE);
	}
	if (pl.failed != NULL) {
		*err = pl.failed;
		return (SESSION_END_NONE);
	}
	end = session_end(pl.s);
	return (end);
}

/*
 * The gate before anything is played: a session playing elsewhere
 * (taken over only when the person says so), then the red-flag screen
 * whenever the coach says it comes first. Returns 0 to go on (*took set
 * when a session was taken over: resume it), 1 when no session now
 * (*err is the coach's sentence), -1 with *err set.
 */
int
play_gate(struct coach *c, int *took, char **err)
{
	struct ask		 a = { stdin, stdout };
	struct coach_gate	 g;
	struct screen		*s;
	enum screen_verdict	 v;
	int			*answers = NULL, *cleared = NULL, accepted, yes;
	int			 rc = -1;
	size_t			 n;

	if (took != NULL)
		*took = 0;
	if (coach_gate(c, &g, err) == -1)
		return (-1);
	if (g.state == COACH_GATE_PLAYING && took != NULL) {
		fprintf(a.out, "Note: %s.\n", g.why);
		yes = 0;
		if (ask_yes_no(&a, "Take it over here? What was done there "
		    "is kept.", &yes) == ASK_EOF || !yes) {
			*err = g.why;
			return (1);
		}
		coach_gate_release(&g);
		if ((rc = coach_take_over(c, err)) != 0)
			return (rc);
		*took = 1;
		if (coach_gate(c, &g, err) == -1)
			return (-1);
	}
	if (!g.ask_screen) {
		rc = g.state == COACH_GATE_OPEN ? 0 : 1;
		if (rc == 1)
			*err = g.why;
		else
			coach_gate_release(&g);
		return (rc);
	}
	/* Why it is asked, unless this is the first time. */
	if (!g.first)
		fprintf(a.out, "Note: %s.\n\n", g.why);
	coach_gate_release(&g);
	if ((s = coach_screen_load()) == NULL) {
		*err = xstrdup("the built-in warning-signs screen cannot be "
		    "read");
		return (-1);
	}
	answers = xcalloc(s->n, sizeof *answers);
	cleared = xcalloc(s->n, sizeof *cleared);
	(void)screen_run(&a, s, answers, &n, cleared, &accepted);
	if (coach_screen_save(c, s, answers, n, cleared, accepted, &v,
	    err) == -1)
		goto out;
	if (v == SCREEN_GO) {
		rc = 0;
		goto out;
	}
	/* The coach's own sentence for what the answers mean now. */
	if (coach_gate(c, &g, err) == -1)
		goto out;
	if (v == SCREEN_UNANSWERED && g.state == COACH_GATE_SCREEN) {
		free(g.why);
		g.why = xstrdup("the warning-signs questions were not "
		    "answered: they come first");
	}
	switch (v) {
	case SCREEN_EMERGENCY:
	case SCREEN_CLINICIAN:
		fprintf(a.out, "midback will not start a session until then. "
		    "The questions will be asked again next time.\n");
		break;
	case SCREEN_DECLINED:
		fprintf(a.out, "Without that, midback will not start a "
		    "session. The questions will be asked again next time.\n");
		break;
	default:
		fprintf(a.out, "(No answer: no session now. The questions "
		    "will be asked again next time.)\n");
		break;
	}
	*err = g.why != NULL ? g.why : xstrdup("no session now");
	rc = 1;
out:
	free(answers);
	free(cleared);
	screen_free(s);
	return (rc);
}

int
play_guided(struct coach *c, const struct play_guide *g, char **err)
{
	struct ask		 a = { stdin, stdout };
	struct coach_session	*cs = NULL;
	struct play_opts	 po;
	enum session_end	 end;
	struct coach_start	 st;
	struct coach_gate	 gt;
	char			*cause = NULL;
	char			*words = NULL, *rise = NULL;
	int			 r, pain = -1, before = -1, yes, ret = -1;
	int			 taken = 0;

	memset(&po, 0, sizeof po);
	memset(&gt, 0, sizeof gt);
	if (g->trace != NULL && (po.trace = fopen(g->trace, "w")) == NULL) {
		*err = xasprintf("cannot write trace '%s': %s", g->trace,
		    strerror(errno));
		return (-1);
	}
	if (g->voice && (po.voice = voice_open(&cause)) == NULL) {
		fflush(stdout);
		fprintf(stderr, "midback: %s: voice off: %s\n", g->name,
		    cause);
		free(cause);
		cause = NULL;
	}
	po.plain = g->plain;
	memset(&st, 0, sizeof st);
	if (g->resume != NULL) {
		if ((r = coach_resume(c, g->kind, g->resume, &cs, &gt,
		    err)) != 0) {
			ret = r;
			goto refused;
		}
		printf("Resuming: %zu exercise%s left.\n", g->resume->rest.n,
		    g->resume->rest.n == 1 ? "" : "s");
	} else {
		if (g->ask_pain)
			ask_number(&a, "How much does your back hurt right "
			    "now, 0 to 10? (Enter to skip) ", 0, 10, &pain);
		st.kind = g->kind;
		st.plan = g->plan;
		st.day = g->day;
		st.minutes = g->minutes;
		st.routine = g->routine;
		st.pain = pain;
		r = coach_begin(c, &st, &cs, &gt, err);
		if (r == 1 && gt.state == COACH_GATE_PAIN) {
			/* Too sore to exercise: breathing alone, if wanted. */
			printf("\n%c%s.\n", toupper((unsigned char)gt.why[0]),
			    gt.why + 1);
			if (!gt.offer_breathing || ask_yes_no(&a, "Do the "
			    "breathing only?", &yes) == ASK_EOF || !yes) {
				printf("No session today.\n");
				coach_gate_release(&gt);
				ret = 0;
				goto out;
			}
			coach_gate_release(&gt);
			st.breathing = 1;
			r = coach_begin(c, &st, &cs, &gt, err);
		}
		if (r != 0) {
			ret = r;
			goto refused;
		}
	}
	before = pain;
	end = play(cs, &po, &taken, err);
	if (taken) {
		/* Not ended: it goes on where it was taken. */
		printf("\nThis session was taken over in another window. What "
		    "you did here is saved.\n");
		ret = 0;
		goto out;
	}
	if (end == SESSION_END_NONE) {
		/* Stopped by the store: close it as far as it got. */
		(void)coach_end(cs, &cause);
		free(cause);
		goto out;
	}
	/*
	 * End it before asking anything more: someone who walks away from
	 * the last question has still finished, and must not be offered a
	 * resume. What stopped it is said at once, in the coach's words;
	 * a rise in pain is never met with "well done".
	 */
	if (coach_end(cs, err) == -1)
		goto out;
	words = coach_end_words(cs);
	if (end != SESSION_END_FINISHED)
		printf("\n%s\n", words);
	pain = -1;
	if (g->ask_pain) {
		ask_number(&a, "How much does your back hurt now, 0 to 10? "
		    "(Enter to skip) ", 0, 10, &pain);
		if (pain >= 0 && coach_rate_after(cs, pain, err) == -1)
			goto out;
	}
	if ((rise = coach_rise_words(before, pain)) != NULL)
		printf("\n%s\n", rise);
	else if (end == SESSION_END_FINISHED)
		printf("\n%s\n", words);
	ret = 0;
out:
	if (po.trace != NULL && fclose(po.trace) != 0 && ret == 0) {
		*err = xasprintf("cannot write trace '%s'", g->trace);
		ret = -1;
	}
	voice_close(po.voice);
	coach_session_free(cs);
	free(words);
	free(rise);
	return (ret);
refused:
	/* The gate's sentence is the caller's to say. */
	if (ret == 1) {
		*err = gt.why;
		gt.why = NULL;
	}
	coach_gate_release(&gt);
	goto out;
}
