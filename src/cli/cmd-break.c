/*
 * cmd-break.c -- a one-to-three-minute desk break: the hourly posture
 * reset, with a wall angel added when two hours have passed since the
 * last one. Guided like a session and logged as a break.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sys/clock.h"
#include "sys/paths.h"
#include "cli/cmd.h"
#include "commands.h"
#include "term/nextday.h"
#include "term/play.h"

enum cmd_retval
cmd_break_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const struct cmd_entry	*e = ctx->entry;
	struct plan		 p = PLAN_INIT;
	struct coach		 coach;
	struct coach_unfinished	 u;
	struct play_guide	 g;
	struct remind_config	 cfg;
	enum cmd_retval		 ret = CMD_ERROR;
	unsigned		 equipment = COACH_EQUIP_DEFAULT;
	char			*cause = NULL;

	memset(&g, 0, sizeof g);
	memset(&coach, 0, sizeof coach);
	if (cmd_has(args, 'e') && cmd_parse_equipment(e, cmd_get(args, 'e'),
	    &equipment) == -1)
		return (cmd_usage(e));
	cmd_play_args(args, &g);
	/* How often the wall angel comes is the reminders' setting. */
	if (cmd_settings(e, NULL, NULL, &cfg) != 0)
		return (CMD_ERROR);

	if (cmd_coach(ctx, 1, &coach) != 0)
		goto out;
	coach.where = "the terminal";
	/* The coach's gate; a break never takes a session over. */
	if (play_gate(&coach, NULL, &cause) != 0) {
		cmd_warn(e, "%s", cause);
		goto out;
	}
	/* The next day counts: asked on the first command that plays. */
	if (term_nextday(&coach, 1, &cause) == -1) {
		cmd_warn(e, "%s", cause);
		goto out;
	}
	/* A break left running long ago is closed, not resumed. */
	if (coach_unfinished(&coach, COACH_BREAK, &u, &cause) == -1 ||
	    coach_plan_break(&coach, &cfg, equipment, &p, &cause) == -1) {
		cmd_warn(e, "%s", cause);
		goto out;
	}
	if (p.n == 0) {
		cmd_warn(e, "a desk break needs a chair or a wall at hand");
		goto out;
	}
	g.kind = COACH_BREAK;
	g.plan = &p;
	g.day = clock_today(coach.clock);
	g.minutes = (p.total_s + 59) / 60;
	g.name = e->name;
	if (play_guided(&coach, &g, &cause) != 0) {
		cmd_warn(e, "%s", cause);
		goto out;
	}
	ret = CMD_OK;
out:
	coach_close(&coach);
	free(cause);
	plan_release(&p);
	return (ret);
}
