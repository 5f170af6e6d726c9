/*
 * cmd-start.c -- guide the person through today's routine (or a routine
 * file) and record it.
 *
 * Before: resume an unfinished session if there is one, the red-flag
 * screen the first time, and pain now. During: the player (play.c). After:
 * pain again, and the advice to see a clinician when the pain rule ended
 * the session.
 */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "ask.h"
#include "cmd.h"
#include "output.h"
#include "play.h"
#include "store.h"
#include "voice.h"
#include "sys/clock.h"
#include "sys/fileio.h"
#include "sys/paths.h"
#include "core/date.h"
#include "core/dose.h"
#include "core/routine.h"
#include "core/xmalloc.h"

static enum cmd_retval	cmd_start_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_start_entry = {
	.name = "start",
	.usage = "[--minutes N | --one] [--place P] [--equipment LIST] "
	    "[--date YYYY-MM-DD] [--routine FILE] [--plain] [--trace FILE] "
	    "[--voice] "
	    "[--resume | --no-resume]",
	.summary = "be guided through today's routine, with timers and cues",
	.help =
	    "Plays the routine 'midback today' shows for the same options, or\n"
	    "a routine file, and records it. After each exercise it asks how\n"
	    "it felt; sharp pain, tingling, burning or numbness stops that\n"
	    "exercise, offers an easier one, and keeps it out of plans for 7\n"
	    "days.\n"
	    "\nOptions:\n"
	    "  --minutes N, --one, --place P, --equipment LIST, --date "
	    "YYYY-MM-DD\n"
	    "                     as for 'midback today'\n"
	    "  --routine FILE     play a routine file instead (see 'midback\n"
	    "                     check')\n"
	    "  --plain            one line per cue, answers read from standard\n"
	    "                     input (chosen when input or output is not a\n"
	    "                     terminal); an empty line takes the default\n"
	    "  --trace FILE       write one JSON line per transition\n"
	    "  --voice            speak the cues (espeak-ng)\n"
	    "  --resume           resume an unfinished session without asking\n"
	    "  --no-resume        start afresh without asking\n"
	    "  -h, --help         show this help\n"
	    "\nKeys on screen: space pause, n or -> next, p or <- back,\n"
	    "x it hurts, q quit, ? help.\n",
	.flags = CMD_NEEDS_CATALOG,
	.exec = cmd_start_exec
};

static const struct option start_options[] = {
	{ "minutes", required_argument, NULL, 'm' },
	{ "one", no_argument, NULL, 'o' },
	{ "place", required_argument, NULL, 'p' },
	{ "equipment", required_argument, NULL, 'e' },
	{ "date", required_argument, NULL, 'd' },
	{ "routine", required_argument, NULL, 'r' },
	{ "plain", no_argument, NULL, 'P' },
	{ "trace", required_argument, NULL, 't' },
	{ "voice", no_argument, NULL, 'v' },
	{ "resume", no_argument, NULL, 'R' },
	{ "no-resume", no_argument, NULL, 'N' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* The plan a stored session recorded, rebuilt against the catalog. */
static int
plan_from_json(const struct catalog *c, const char *text, struct plan *p)
{
	json_t		*j, *items, *it;
	size_t		 i;

	memset(p, 0, sizeof *p);
	if ((j = json_loads(text, 0, NULL)) == NULL)
		return (-1);
	items = json_object_get(j, "items");
	p->items = xcalloc(json_array_size(items), sizeof *p->items);
	json_array_foreach(items, i, it) {
		struct plan_item *pi = &p->items[p->n];

		pi->ex = catalog_find(c, json_string_value(json_object_get(it,
		    "id")) ? json_string_value(json_object_get(it, "id")) : "");
		if (pi->ex == NULL)
			continue;	/* removed since: leave it out */
		pi->rx.sets = (int)json_integer_value(json_object_get(it,
		    "sets"));
		pi->rx.reps = (int)json_integer_value(json_object_get(it,
		    "reps"));
		pi->rx.hold_s = (int)json_integer_value(json_object_get(it,
		    "hold_s"));
		pi->rx.breaths = (int)json_integer_value(json_object_get(it,
		    "breaths"));
		pi->rx.per_side = json_is_true(json_object_get(it,
		    "per_side"));
		pi->rx.tempo_s = pi->ex->dose.tempo_s;
		if (pi->rx.sets < 1)
			pi->rx.sets = 1;
		pi->duration_s = dose_duration_s(&pi->rx);
		p->total_s += pi->duration_s;
		p->n++;
	}
	json_decref(j);
	return (0);
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

/*
 * The red-flag screen, the first time and until it has been answered.
 * Returns 0 to go on, 1 when an answer means the person should see a
 * clinician first, -1 when the store failed.
 */
int
cmd_red_flags(const struct cmd_entry *e, struct store *st, struct ask *a)
{
	struct store_answer	 ans[16];
	int			 answers[16], ack, any_yes, done, i;
	char			*cause = NULL;

	if (store_screen_done(st, &done, &cause) == -1)
		goto fail;
	if (done)
		return (0);
	if (screen_run(a, answers, &ack, &any_yes) == ASK_EOF) {
		fprintf(a->out, "(No answer: the questions will be asked "
		    "again next time.)\n");
		return (0);
	}
	for (i = 0; i < screen_nquestions; i++) {
		ans[i].question = screen_questions[i].id;
		ans[i].answer = answers[i];
	}
	/*
	 * A yes keeps the screen open: it is asked again next time, when
	 * the person may have seen someone.
	 */
	if (store_screen_save(st, clock_wall_ms(clock_process(NULL)), ans,
	    (size_t)screen_nquestions, ack && !any_yes ?
	    "not-medical-advice" : NULL, &cause) == -1)
		goto fail;
	if (any_yes) {
		fprintf(a->out, "midback will not start a session until then. "
		    "The questions will be asked again next time.\n");
		return (1);
	}
	return (0);
fail:
	cmd_warn(e, "%s", cause);
	free(cause);
	return (-1);
}

static enum cmd_retval
cmd_start_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct cmd_entry		*e = ctx->entry;
	struct plan_opts		 o;
	struct plan			 p = PLAN_INIT, rp = PLAN_INIT;
	struct play_opts		 po;
	struct store			*st = NULL;
	struct store_session_info	 info = STORE_SESSION_INFO_INIT;
	struct ask			 a = { stdin, stdout };
	struct diag			 d = DIAG_INIT;
	enum cmd_retval			 ret = CMD_ERROR;
	enum session_end		 end;
	json_t				*pj = NULL;
	char				*cause = NULL, *path = NULL, *pjs = NULL;
	char				*rname = NULL, *buf = NULL;
	const char			*routine = NULL, *trace = NULL;
	char				**aside = NULL, **done = NULL;
	size_t				 naside = 0, ndone = 0, len;
	int				 c, plain = 0, voice = 0, resume = -1;
	int				 pain, yes, r, resuming = 0, found;
	int				 all_done = 0;
	int				 one = 0, minutes = 0;
	int64_t				 sid = 0;

	cmd_plan_defaults(&o);
	memset(&po, 0, sizeof po);
	optind = 0;
	while ((c = cmd_getopt(e, argc, argv, ":h", start_options)) != -1) {
		switch (c) {
		case 'o':
			one = 1;
			break;
		case 'm':
			minutes = 1;
			/* FALLTHROUGH */
		case 'p':
		case 'e':
		case 'd':
			if (cmd_plan_option(e, c, optarg, &o) == -1)
				return (cmd_usage(e));
			break;
		case 'r':
			routine = optarg;
			break;
		case 'P':
			plain = 1;
			break;
		case 't':
			trace = optarg;
			break;
		case 'v':
			voice = 1;
			break;
		case 'R':
		case 'N':
			if (resume != -1 && resume != (c == 'R')) {
				cmd_warn(e, "--resume and --no-resume cannot "
				    "both be given");
				return (cmd_usage(e));
			}
			resume = c == 'R';
			break;
		case 'h':
			return (cmd_help(e));
		default:
			return (cmd_usage(e));
		}
	}
	if (cmd_no_args(e, argc, argv) != 0)
		return (cmd_usage(e));
	if (one && (minutes || routine != NULL)) {
		cmd_warn(e, "--one cannot be given with %s", minutes ?
		    "--minutes" : "--routine");
		return (cmd_usage(e));
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		plain = 1;

	/* Everything that can fail before anything is asked or stored. */
	if (routine != NULL) {
		if ((buf = file_read(routine, &len, &cause)) == NULL) {
			cmd_warn(NULL, "%s", cause);
			goto out;
		}
		if (routine_parse(routine, buf, len, ctx->catalog, &p, &rname,
		    &d) == -1) {
			cmd_print_diag(&d);
			diag_release(&d);
			free(buf);
			return (CMD_ERROR);
		}
		free(buf);
	}
	if (trace != NULL && (po.trace = fopen(trace, "w")) == NULL) {
		cmd_warn(e, "cannot write trace '%s'", trace);
		goto out;
	}
	if ((path = paths_db(&cause)) == NULL ||
	    (st = store_open(path, &cause)) == NULL) {
		cmd_warn(e, "%s", cause);
		goto out;
	}

	/* An unfinished session: resume it, or close it and start afresh. */
	if ((found = store_unfinished(st, "routine", &info, &cause)) == -1) {
		cmd_warn(e, "%s", cause);
		goto out;
	}
	if (found == 0) {
		if (resume == -1) {
			char q[160];

			snprintf(q, sizeof q, "An unfinished session is "
			    "waiting (%d exercise%s done). Resume it?",
			    info.n_items, info.n_items == 1 ? "" : "s");
			yes = 0;
			ask_yes_no(&a, q, &yes);
			resume = yes;
		}
		if (resume == 1) {
			if (plan_from_json(ctx->catalog, info.plan_json,
			    &rp) == -1) {
				cmd_warn(e, "the unfinished session's plan "
				    "cannot be read; starting afresh");
				resume = 0;
			} else if (store_session_exercises(st, info.id,
			    &done, &ndone, &cause) == -1) {
				cmd_warn(e, "%s", cause);
				goto out;
			} else if (store_session_bad(st, info.id,
			    &po.carried_bad, &cause) == -1) {
				cmd_warn(e, "%s", cause);
				goto out;
			} else {
				plan_drop(&rp, done, ndone);
				if (rp.n > 0) {
					plan_release(&p);
					p = rp;
					rp = (struct plan)PLAN_INIT;
					resuming = 1;
				} else
					all_done = 1;
			}
		}
		/*
		 * Killed after its last exercise was recorded: it was done,
		 * and there is nothing to resume.
		 */
		if (all_done) {
			if (store_abandon(st, "routine", info.id, INT64_MAX,
			    "finished", NULL, NULL, &cause) == -1) {
				cmd_warn(e, "%s", cause);
				goto out;
			}
			printf("The unfinished session had all its exercises "
			    "done; it is now marked finished.\n");
		} else if (!resuming && store_abandon(st, "routine", info.id,
		    INT64_MAX, "quit", "not resumed", NULL, &cause) == -1) {
			cmd_warn(e, "%s", cause);
			goto out;
		}
	}

	if (!resuming && routine == NULL) {
		if (store_flags_active(st, clock_wall_ms(clock_process(NULL)), &aside, &naside,
		    &cause) == -1) {
			cmd_warn(e, "%s", cause);
			goto out;
		}
		o.excluded = (const char *const *)aside;
		o.nexcluded = naside;
		if (!one)
			plan_make(ctx->catalog, &o, &p);
		else if (cmd_plan_one(e, st, ctx->catalog, &o, &p) != 0)
			goto out;
		else
			o.minutes = (p.total_s + 59) / 60;
	}
	if (p.n == 0) {
		cmd_warn(e, "nothing to play: no exercise fits this place and "
		    "equipment");
		goto out;
	}

	if ((r = cmd_red_flags(e, st, &a)) != 0) {
		ret = r == 1 ? CMD_OK : CMD_ERROR;
		goto out;
	}

	if (voice) {
		if ((po.voice = voice_open(&cause)) == NULL) {
			cmd_warn(e, "voice off: %s", cause);
			free(cause);
			cause = NULL;
		}
	}

	if (resuming) {
		sid = info.id;
		po.position = info.n_items;
		printf("Resuming: %zu exercise%s left.\n", p.n,
		    p.n == 1 ? "" : "s");
	} else {
		ask_number(&a, "How much does your back hurt right now, 0 to "
		    "10? (Enter to skip) ", 0, 10, &pain);
		pj = output_plan_json(&p, o.day, o.minutes);
		if (rname != NULL)
			json_object_set_new(pj, "routine", json_string(rname));
		pjs = json_dumps(pj, JSON_COMPACT | JSON_PRESERVE_ORDER);
		if (store_session_begin(st, "routine", clock_wall_ms(clock_process(NULL)),
		    clock_tz_min(clock_process(NULL), clock_wall_ms(clock_process(NULL))), pjs, &sid, &cause) == -1 ||
		    (pain >= 0 && store_session_pain(st, sid, "before", pain,
		    &cause) == -1)) {
			cmd_warn(e, "%s", cause);
			goto out;
		}
	}
	po.plain = plain;
	po.store = st;
	po.session_id = sid;
	if (!plain)
		printf("Starting in the player. Keys: space pause, n next, "
		    "p back, x it hurts, q quit.\n");
	end = play(ctx->catalog, &p, &po);
	if (end == SESSION_END_NONE)
		goto out;

	if (end == SESSION_END_CLINICIAN)
		printf("\nTwo exercises caused pain that is a warning sign, so "
		    "the session stopped here.\nPlease see a doctor or "
		    "physiotherapist before you go on with this program.\n");
	else if (end == SESSION_END_QUIT)
		printf("\nSession ended early. What you did is saved.\n");
	else
		printf("\nWell done: that is today's session.\n");
	/*
	 * End it before asking anything more: someone who walks away from
	 * the last question has still finished, and must not be offered a
	 * resume.
	 */
	if (store_session_end(st, sid, play_status(end), clock_wall_ms(clock_process(NULL)),
	    play_end_reason(end), &cause) == -1) {
		cmd_warn(e, "%s", cause);
		goto out;
	}
	ask_number(&a, "How much does your back hurt now, 0 to 10? (Enter to "
	    "skip) ", 0, 10, &pain);
	if (pain >= 0 && store_session_pain(st, sid, "after", pain,
	    &cause) == -1) {
		cmd_warn(e, "%s", cause);
		goto out;
	}
	ret = CMD_OK;
out:
	if (po.trace != NULL && fclose(po.trace) != 0) {
		cmd_warn(e, "cannot write trace '%s'", trace);
		ret = CMD_ERROR;
	}
	voice_close(po.voice);
	store_flags_free(aside, naside);
	store_flags_free(done, ndone);
	store_session_info_release(&info);
	store_close(st);
	json_decref(pj);
	free(pjs);
	free(rname);
	free(path);
	free(cause);
	plan_release(&p);
	plan_release(&rp);
	return (ret);
}
