/*
 * cmd-break.c -- a one-to-three-minute desk break: the hourly posture
 * reset, with a wall angel added when two hours have passed since the
 * last one. Guided like a session and logged as a break.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "sys/clock.h"
#include "sys/paths.h"
#include "ask.h"
#include "cmd.h"
#include "output.h"
#include "play.h"
#include "store.h"
#include "voice.h"
#include "core/dose.h"
#include "core/xmalloc.h"

static enum cmd_retval	cmd_break_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_break_entry = {
	.name = "break",
	.usage = "[--equipment LIST] [--plain] [--trace FILE] [--voice]",
	.summary = "take a 1-3 minute desk break (posture reset, wall angel)",
	.help =
	    "A posture reset (sit tall, squeeze the shoulder blades, 10 holds)\n"
	    "every hour, with 60 seconds of wall angels when two hours have\n"
	    "passed since the last. One to three minutes, logged as a break.\n"
	    "\nOptions:\n"
	    "  --equipment LIST   what is at hand (default chair,wall,doorway);\n"
	    "                     without a wall, no wall angel\n"
	    "  --plain, --trace FILE, --voice\n"
	    "                     as for 'midback start'\n"
	    "  -h, --help         show this help\n",
	.flags = CMD_NEEDS_CATALOG,
	.exec = cmd_break_exec
};

static const struct option break_options[] = {
	{ "equipment", required_argument, NULL, 'e' },
	{ "plain", no_argument, NULL, 'P' },
	{ "trace", required_argument, NULL, 't' },
	{ "voice", no_argument, NULL, 'v' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* The posture reset's and the wall angel's place in the day. */
#define BREAK_RESET		"posture-reset"
#define BREAK_ANGEL		"wall-angel-standing"
#define BREAK_ANGEL_EVERY_MS	(2 * 3600 * 1000LL)
#define BREAK_ANGEL_S		60
/*
 * A break takes minutes: one still marked running that began longer ago
 * than this was left by a process that was killed, and is closed.
 */
#define BREAK_STALE_MS		(3600 * 1000LL)

static void
add(struct plan *p, const struct exercise *e, const struct prescription *rx)
{
	struct plan_item	*it;

	p->items = xreallocarray(p->items, p->n + 1, sizeof *p->items);
	it = &p->items[p->n++];
	it->ex = e;
	it->rx = *rx;
	it->duration_s = dose_duration_s(rx);
	p->total_s += it->duration_s;
}

static enum cmd_retval
cmd_break_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct cmd_entry	*e = ctx->entry;
	const struct exercise	*reset, *angel;
	struct prescription	 rx;
	struct plan		 p = PLAN_INIT;
	struct play_opts	 po;
	struct ask		 a = { stdin, stdout };
	struct store		*st = NULL;
	enum cmd_retval		 ret = CMD_ERROR;
	enum session_end	 end;
	unsigned		 equipment = EQUIP_CHAIR | EQUIP_WALL |
				    EQUIP_DOORWAY;
	json_t			*pj = NULL;
	const char		*trace = NULL;
	char			*cause = NULL, *path = NULL, *pjs = NULL;
	int64_t			 last = 0, sid;
	int			 c, plain = 0, voice = 0, r;

	memset(&po, 0, sizeof po);
	optind = 0;
	while ((c = cmd_getopt(e, argc, argv, ":h", break_options)) != -1) {
		switch (c) {
		case 'e':
			if (cmd_parse_equipment(e, optarg, &equipment) == -1)
				return (cmd_usage(e));
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
		case 'h':
			return (cmd_help(e));
		default:
			return (cmd_usage(e));
		}
	}
	if (cmd_no_args(e, argc, argv) != 0)
		return (cmd_usage(e));
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		plain = 1;

	reset = catalog_find(ctx->catalog, BREAK_RESET);
	angel = catalog_find(ctx->catalog, BREAK_ANGEL);
	if (trace != NULL && (po.trace = fopen(trace, "w")) == NULL) {
		cmd_warn(e, "cannot write trace '%s'", trace);
		goto out;
	}
	if ((path = paths_db(&cause)) == NULL ||
	    (st = store_open(path, &cause)) == NULL) {
		cmd_warn(e, "%s", cause);
		goto out;
	}

	/* The posture reset at its least dose: ten short holds. */
	if (reset != NULL && (reset->equipment & ~equipment) == 0) {
		dose_min(&reset->dose, &rx);
		add(&p, reset, &rx);
	}
	/* A minute of wall angels, every two hours. */
	if (angel != NULL && (angel->equipment & ~equipment) == 0) {
		r = store_last_done(st, BREAK_ANGEL, &last, &cause);
		if (r == -1) {
			cmd_warn(e, "%s", cause);
			goto out;
		}
		if (r == 1 || clock_wall_ms(clock_process(NULL)) - last >= BREAK_ANGEL_EVERY_MS) {
			dose_min(&angel->dose, &rx);
			rx.tempo_s = rx.tempo_s ? rx.tempo_s : DOSE_REP_S;
			rx.reps = BREAK_ANGEL_S / rx.tempo_s;
			add(&p, angel, &rx);
		}
	}
	if (p.n == 0) {
		cmd_warn(e, "a desk break needs a chair or a wall at hand");
		goto out;
	}
	if ((r = cmd_red_flags(e, st, &a)) != 0) {
		ret = r == 1 ? CMD_OK : CMD_ERROR;
		goto out;
	}
	if (voice && (po.voice = voice_open(&cause)) == NULL) {
		cmd_warn(e, "voice off: %s", cause);
		free(cause);
		cause = NULL;
	}
	if (store_abandon(st, "break", 0, clock_wall_ms(clock_process(NULL)) - BREAK_STALE_MS,
	    "quit", "not finished", NULL, &cause) == -1) {
		cmd_warn(e, "%s", cause);
		goto out;
	}
	pj = output_plan_json(&p, clock_today(clock_process(NULL)), (p.total_s + 59) / 60);
	pjs = json_dumps(pj, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (store_session_begin(st, "break", clock_wall_ms(clock_process(NULL)), clock_tz_min(clock_process(NULL), clock_wall_ms(clock_process(NULL))), pjs,
	    &sid, &cause) == -1) {
		cmd_warn(e, "%s", cause);
		goto out;
	}
	po.plain = plain;
	po.store = st;
	po.session_id = sid;
	end = play(ctx->catalog, &p, &po);
	if (end == SESSION_END_NONE)
		goto out;
	if (end == SESSION_END_CLINICIAN)
		printf("\nThat caused pain that is a warning sign. Please see a "
		    "doctor or physiotherapist\nbefore you go on.\n");
	else
		printf("\nBreak done. Back to it, and sit tall.\n");
	if (store_session_end(st, sid, play_status(end), clock_wall_ms(clock_process(NULL)),
	    play_end_reason(end), &cause) == -1) {
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
	store_close(st);
	json_decref(pj);
	free(pjs);
	free(path);
	free(cause);
	plan_release(&p);
	return (ret);
}
