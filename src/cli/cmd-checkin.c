/*
 * cmd-checkin.c -- record how the back feels, outside a session.
 *
 * A check-in is one pain rating (0 to 10), with stiffness and a note if
 * given. The ratings feed the pain trend of `midback stats`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sys/clock.h"
#include "cli/cmd.h"
#include "commands.h"
#include "cli/output.h"
#include "coach/coach.h"
#include "core/date.h"
#include "core/utf8.h"

/* How high a rating has to be before we say who to see. */
#define CHECKIN_HIGH_PAIN	7

enum cmd_retval
cmd_checkin_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const struct cmd_entry	*e = ctx->entry;
	struct coach		 coach;
	struct {
		int		 pain, stiffness;
		const char	*note;
	}			 p;
	int64_t			 at;
	char			 when[DATE_ISO_BUFSZ], *cause = NULL;
	long			 v;

	memset(&p, 0, sizeof p);
	p.stiffness = -1;
	if (!cmd_has(args, 'p')) {
		cmd_warn(e, "say how much it hurts with --pain N (0 to 10)");
		return (cmd_usage(e));
	}
	if (cmd_number(e, "pain", cmd_get(args, 'p'), 0, 10, &v) == -1)
		return (cmd_usage(e));
	p.pain = (int)v;
	if (cmd_has(args, 's')) {
		if (cmd_number(e, "stiffness", cmd_get(args, 's'), 0, 10,
		    &v) == -1)
			return (cmd_usage(e));
		p.stiffness = (int)v;
	}
	if ((p.note = cmd_get(args, 'n')) != NULL && *p.note == '\0') {
		cmd_warn(e, "the note is empty");
		return (cmd_usage(e));
	}
	/* Kept as typed, it could not be exported as JSON. */
	if (p.note != NULL && !utf8_valid(p.note)) {
		cmd_warn(e, "the note is not valid UTF-8 text");
		return (cmd_usage(e));
	}

	if (cmd_coach(ctx, 1, &coach) != 0)
		return (CMD_ERROR);
	at = clock_wall_ms(coach.clock);
	if (coach_checkin(&coach, p.pain, p.stiffness, p.note, &cause) != 0) {
		cmd_warn(e, "%s", cause);
		free(cause);
		coach_close(&coach);
		return (CMD_ERROR);
	}
	coach_close(&coach);

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
