/*
 * play.c -- play a session in real time.
 *
 * The session (core/session.c) decides everything; this file only keeps
 * time, shows and speaks what the session's log says happened, reads the
 * person's answers and keys, and records each finished exercise at once,
 * so that killing the process loses at most the exercise in progress.
 *
 * Time: one monotonic clock, read here; the session gets milliseconds
 * since its start. Waits are absolute (clock_nanosleep TIMER_ABSTIME on
 * the session's own deadlines), so lateness never adds up.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "sys/clock.h"
#include "ask.h"
#include "cues.h"
#include "play.h"
#include "store.h"
#include "tui.h"
#include "voice.h"
#include "core/xmalloc.h"

/* Days an exercise stays out of plans after the pain rule stops it. */
#define PLAY_ASIDE_DAYS		7
/* A hold at least this long gets a spoken and rung 3-2-1. */
#define PLAY_COUNTDOWN_MIN_S	5

const char *
play_status(enum session_end end)
{
	switch (end) {
	case SESSION_END_FINISHED:
		return ("finished");
	case SESSION_END_QUIT:
		return ("quit");
	default:
		return ("stopped");
	}
}

const char *
play_end_reason(enum session_end end)
{
	return (end == SESSION_END_CLINICIAN ? "pain rule: see a clinician" :
	    NULL);
}

struct player {
	const struct play_opts	*o;
	struct session		*s;
	int64_t			 t0;		/* monotonic ms at the start */
	size_t			 recorded;	/* items stored so far */
	size_t			 asides;	/* set-asides stored so far */
	int			 failed;	/* the store failed */
	int			 countdown;	/* next second to count, or 0 */
};

static uint64_t
now_ms(struct player *pl)
{
	return ((uint64_t)(clock_mono_ms(pl->o->clock) - pl->t0));
}

static void
clock_text(uint64_t ms, char *buf, size_t len)
{
	unsigned long	s = (unsigned long)(ms / 1000);

	snprintf(buf, len, "%02lu:%02lu", s / 60, s % 60);
}

static const char *
outcome_word(enum session_outcome o)
{
	switch (o) {
	case SESSION_ITEM_COMPLETED:
		return ("done");
	case SESSION_ITEM_STOPPED:
		return ("stopped");
	default:
		return ("skipped");
	}
}

/* Store every item the session has moved past, and new set-asides. */
static void
record(struct player *pl)
{
	const struct session_item	*it;
	struct store_item		 si;
	size_t				 upto, n;
	char				*cause = NULL;
	long long			 now = clock_wall_ms(pl->o->clock);

	if (pl->failed)
		return;
	upto = session_state(pl->s) == SESSION_DONE ? session_count(pl->s) :
	    session_index(pl->s);
	for (; pl->recorded < upto; pl->recorded++) {
		it = session_item(pl->s, pl->recorded);
		if (it->outcome == SESSION_ITEM_PENDING)
			continue;	/* never reached: nothing to log */
		memset(&si, 0, sizeof si);
		si.position = pl->o->position + (int)pl->recorded;
		si.exercise = it->ex->id;
		si.side = NULL;
		si.sets_done = it->sets_done;
		si.reps_done = it->reps_done;
		si.holds_done = it->holds_done;
		si.breaths_done = it->breaths_done;
		/* The hurt key stands for sharp pain and its kin. */
		si.feel = it->feel != FEEL_NONE ? session_feel_name(it->feel) :
		    it->hurt ? session_feel_name(FEEL_SHARP) : NULL;
		si.outcome = outcome_word(it->outcome);
		si.finished_ms = now;
		if (store_session_item(pl->o->store, pl->o->session_id, &si,
		    &cause) == -1)
			goto fail;
	}
	n = session_aside_count(pl->s);
	for (; pl->asides < n; pl->asides++) {
		if (store_flag_add(pl->o->store, session_aside(pl->s,
		    pl->asides), "pain rule", now, now +
		    PLAY_ASIDE_DAYS * 86400000LL, &cause) == -1)
			goto fail;
	}
	return;
fail:
	if (pl->o->plain)
		fprintf(stderr, "midback: cannot record the session: %s\n",
		    cause);
	free(cause);
	pl->failed = 1;
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
				    pl->o->position + t->item + 1,
				    pl->o->position + session_count(pl->s),
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
	record(pl);
}

static void
handle(struct player *pl, enum session_event ev, int arg)
{
	session_handle(pl->s, ev, arg, now_ms(pl));
	drain(pl);
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
		printf("Stop that one. An easier option is %s (%s): %s\n",
		    r->name, r->id, r->why);
}

static void
play_plain(struct player *pl)
{
	struct ask	a = { stdin, stdout };
	enum session_feel f;
	char		buf[128];
	uint64_t	dl;
	int		yes, eof = 0;

	for (;;) {
		switch (session_state(pl->s)) {
		case SESSION_DONE:
			return;
		case SESSION_FEEL:
			if (eof)
				*buf = '\0';
			else if (ask_line(&a, "How did it feel? (fine, stretch, "
			    "discomfort, sharp, tingling, burning, numb) ",
			    buf, sizeof buf) == ASK_EOF)
				eof = 1;
			if (*buf == '\0')
				f = FEEL_FINE;
			else if ((f = feel_parse(buf)) == FEEL_NONE) {
				printf("Please answer with one of the words, "
				    "or press Enter for fine.\n");
				continue;
			}
			handle(pl, SEV_ANSWER, (int)f);
			if (session_state(pl->s) == SESSION_OFFER)
				say_pain_rule(pl);
			break;
		case SESSION_OFFER:
			yes = 0;
			snprintf(buf, sizeof buf, "Try %s instead?",
			    session_offer(pl->s)->name);
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

				clock_sleep_until(pl->o->clock, pl->t0 +
				    (int64_t)(dl - (uint64_t)pl->countdown *
				    1000));
				voice_say(pl->o->voice, n[pl->countdown]);
				pl->countdown--;
			}
			clock_sleep_until(pl->o->clock, pl->t0 +
			    (int64_t)dl);
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
	v->index = pl->o->position + (int)session_index(pl->s) + 1;
	v->count = pl->o->position + (int)session_count(pl->s);
	v->remaining_s = -1;
	if (e != NULL) {
		v->title = e->name;
		v->cue = cue_line(e);
	}
	if (ph != NULL) {
		it = session_item(pl->s, session_index(pl->s));
		/* While getting ready, where to be matters more than form. */
		if (ph->kind == PHASE_READY && e != NULL) {
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
	v->session_frac = session_frac(pl->s, now);
	v->paused = session_paused(pl->s);
	if (nx != NULL) {
		snprintf(next, nlen, "Next: %s", nx->name);
		v->next = next;
	}
}

static void
play_tui(struct player *pl)
{
	struct tui_view	 v;
	enum tui_key	 k;
	char		 counters[96], next[160], prompt[200], pos[200];
	uint64_t	 now, dl;
	long long	 wait;
	int		 help = 0, confirm = 0, digit = 0, last_left = -1;

	while (session_state(pl->s) != SESSION_DONE) {
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
			snprintf(prompt, sizeof prompt, "Stop that one. Try "
			    "%s instead? y/n", session_offer(pl->s)->name);
			v.prompt = prompt;
		}
		if (session_state(pl->s) == SESSION_FEEL ||
		    session_state(pl->s) == SESSION_OFFER)
			v.phase = NULL;
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
		k = tui_key((int)clock_real_ms(pl->o->clock, wait), confirm ||
		    session_state(pl->s) == SESSION_OFFER, &digit);
		if (tui_interrupted())
			confirm = 1;
		now = now_ms(pl);
		if (confirm) {
			if (k == TUI_KEY_YES)
				handle(pl, SEV_QUIT, 0);
			if (k == TUI_KEY_YES || k == TUI_KEY_NO ||
			    k == TUI_KEY_QUIT)
				confirm = 0;
			continue;
		}
		switch (k) {
		case TUI_KEY_NONE:
			if (dl != UINT64_MAX && now >= dl)
				handle(pl, SEV_TICK, 0);
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
		case TUI_KEY_QUIT:
			confirm = 1;
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
		if (dl != UINT64_MAX && now_ms(pl) >= session_deadline(pl->s))
			handle(pl, SEV_TICK, 0);
	}
}

enum session_end
play(const struct catalog *c, const struct plan *p, const struct play_opts *o)
{
	struct player		pl;
	struct play_opts	local;
	enum session_end	end;

	memset(&pl, 0, sizeof pl);
	memcpy(&local, o, sizeof local);
	if (!local.plain && tui_open() == -1)
		local.plain = 1;	/* no usable terminal: lines instead */
	pl.o = &local;
	if (local.clock == NULL)
		local.clock = clock_process(NULL);
	pl.t0 = clock_mono_ms(local.clock);
	pl.s = session_create(p, c, 0);
	session_carry_bad(pl.s, o->carried_bad);
	drain(&pl);
	if (local.plain)
		play_plain(&pl);
	else {
		play_tui(&pl);
		tui_close();
	}
	drain(&pl);
	end = pl.failed ? SESSION_END_NONE : session_end(pl.s);
	session_free(pl.s);
	return (end);
}
