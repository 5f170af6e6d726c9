/*
 * cmd-checkin.c -- record how the back feels, outside a session.
 *
 * A check-in is one pain rating (0 to 10), with stiffness and a note if
 * given. The ratings feed the pain trend of `midback stats`.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sys/clock.h"
#include "cmd.h"
#include "store.h"
#include "coach/coach.h"
#include "core/date.h"

static enum cmd_retval	cmd_checkin_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_checkin_entry = {
	.name = "checkin",
	.usage = "--pain N [--stiffness N] [--note TEXT]",
	.summary = "record how your back feels right now",
	.help =
	    "Options:\n"
	    "  --pain N           pain now, 0 (none) to 10 (the worst "
	    "imaginable)\n"
	    "  --stiffness N      stiffness now, 0 (none) to 10\n"
	    "  --note TEXT        a few words to remember, such as what you "
	    "did\n"
	    "  -h, --help         show this help\n",
	.exec = cmd_checkin_exec
};

static const struct option checkin_options[] = {
	{ "pain", required_argument, NULL, 'p' },
	{ "stiffness", required_argument, NULL, 's' },
	{ "note", required_argument, NULL, 'n' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* How high a rating has to be before we say who to see. */
#define CHECKIN_HIGH_PAIN	7

static enum cmd_retval
cmd_checkin_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct cmd_entry	*e = ctx->entry;
	struct store_pain	 p;
	struct coach		 coach;
	int64_t			 at;
	char			 when[DATE_ISO_BUFSZ], *cause = NULL;
	long			 v;
	int			 c, have_pain = 0;

	memset(&p, 0, sizeof p);
	p.moment = STORE_MOMENT_CHECKIN;
	p.stiffness = -1;
	optind = 0;
	while ((c = cmd_getopt(e, argc, argv, ":h", checkin_options)) != -1) {
		switch (c) {
		case 'p':
			if (cmd_number(e, "pain", optarg, 0, 10, &v) == -1)
				return (cmd_usage(e));
			p.pain = (int)v;
			have_pain = 1;
			break;
		case 's':
			if (cmd_number(e, "stiffness", optarg, 0, 10, &v) ==
			    -1)
				return (cmd_usage(e));
			p.stiffness = (int)v;
			break;
		case 'n':
			if (*optarg == '\0') {
				cmd_warn(e, "the note is empty");
				return (cmd_usage(e));
			}
			p.note = optarg;
			break;
		case 'h':
			return (cmd_help(e));
		default:
			return (cmd_usage(e));
		}
	}
	if (cmd_no_args(e, argc, argv) != 0)
		return (cmd_usage(e));
	if (!have_pain) {
		cmd_warn(e, "say how much it hurts with --pain N (0 to 10)");
		return (cmd_usage(e));
	}

	coach.catalog = NULL;
	coach.clock = clock_process(NULL);
	at = clock_wall_ms(coach.clock);
	if (cmd_store_open(e, 1, &coach.store) != 0)
		return (CMD_ERROR);
	if (coach_checkin(&coach, p.pain, p.stiffness, p.note, &cause) != 0) {
		cmd_warn(e, "%s", cause);
		free(cause);
		store_close(coach.store);
		return (CMD_ERROR);
	}
	store_close(coach.store);

	date_iso(at, clock_tz_min(coach.clock, at), 0, when);
	printf("Recorded at %.5s: pain %d", when + 11, p.pain);
	if (p.stiffness != -1)
		printf(", stiffness %d", p.stiffness);
	printf(".\n");
	if (p.pain >= CHECKIN_HIGH_PAIN)
		printf("That is a lot of pain. If it is new, getting worse, or "
		    "comes with\nnumbness, weakness, fever or chest pain, see a "
		    "clinician soon.\n");
	return (CMD_OK);
}
