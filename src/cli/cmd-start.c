/*
 * cmd-start.c -- guide the person through today's routine (or a routine
 * file) and record it.
 *
 * Before: the coach's gate (a session playing elsewhere, taken over only
 * when the person says so; the red-flag screen whenever it comes first),
 * resume an unfinished session if there is one, and pain now (the coach
 * applies it). During: the player (play.c). After:
 * pain again, and the advice to see a clinician when the pain rule ended
 * the session.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "term/ask.h"
#include "cli/cmd.h"
#include "commands.h"
#include "term/nextday.h"
#include "term/play.h"
#include "sys/clock.h"
#include "sys/fileio.h"
#include "sys/paths.h"
#include "core/routine.h"
#include "core/xmalloc.h"

enum cmd_retval
cmd_start_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const struct cmd_entry		*e = ctx->entry;
	struct plan_opts		 o;
	struct plan			 p = PLAN_INIT;
	struct coach			 coach;
	struct coach_unfinished		 u;
	struct play_guide		 g;
	struct ask			 a = { stdin, stdout };
	struct diag			 d = DIAG_INIT;
	enum cmd_retval			 ret = CMD_ERROR;
	char				*cause = NULL;
	char				*rname = NULL, *buf = NULL;
	const char			*routine = cmd_get(args, 'r');
	char				**aside = NULL;
	size_t				 naside = 0, len;
	int				 resume = -1, found, all_done;
	int				 one = cmd_has(args, 'o'), r, took;

	memset(&g, 0, sizeof g);
	memset(&u, 0, sizeof u);
	memset(&coach, 0, sizeof coach);
	if (cmd_plan_args(e, args, &o) == -1)
		return (cmd_usage(e));
	if (cmd_has(args, 'R') && cmd_has(args, 'N')) {
		cmd_warn(e, "--resume and --no-resume cannot both be given");
		return (cmd_usage(e));
	}
	if (cmd_has(args, 'R') || cmd_has(args, 'N'))
		resume = cmd_has(args, 'R');
	if (one && routine != NULL) {
		cmd_warn(e, "--one cannot be given with --routine");
		return (cmd_usage(e));
	}
	cmd_play_args(args, &g);

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
			goto out;
		}
	}
	if (cmd_coach(ctx, 1, &coach) != 0)
		goto out;
	coach.where = "the terminal";

	/* The coach's gate: a session elsewhere, the warning signs. */
	if ((r = play_gate(&coach, &took, &cause)) != 0) {
		cmd_warn(e, "%s", cause);
		goto out;
	}
	if (took)
		resume = 1;

	/* The next day counts: asked before today's plan is made. */
	if (!took && term_nextday(&coach, 1, &cause) == -1) {
		cmd_warn(e, "%s", cause);
		goto out;
	}

	/* An unfinished session: resume it, or close it and start afresh. */
	if ((found = coach_unfinished(&coach, COACH_ROUTINE, &u,
	    &cause)) == -1) {
		cmd_warn(e, "%s", cause);
		goto out;
	}
	if (found && resume == -1) {
		char q[160];

		snprintf(q, sizeof q, "An unfinished session is waiting (%d "
		    "exercise%s done). Resume it?", u.n_items,
		    u.n_items == 1 ? "" : "s");
		r = 0;
		ask_yes_no(&a, q, &r);
		resume = r;
	}
	if (found && resume == 1 && !u.readable)
		cmd_warn(e, "the unfinished session's plan cannot be read; "
		    "starting afresh");
	if (found && resume == 1 && u.readable && u.rest.n > 0)
		g.resume = &u;
	else if (found) {
		if (coach_close_unfinished(&coach, COACH_ROUTINE, &u,
		    &all_done, &cause) == -1) {
			cmd_warn(e, "%s", cause);
			goto out;
		}
		if (all_done)
			printf("The unfinished session had all its exercises "
			    "done; it is now marked finished.\n");
	}

	if (g.resume == NULL && routine == NULL &&
	    (one ? coach_plan_one : coach_plan_today)(&coach, &o, &p, &aside,
	    &naside, &cause) == -1) {
		cmd_warn(e, "%s", cause);
		goto out;
	}
	if (g.resume == NULL && p.n == 0) {
		cmd_warn(e, "nothing to play: no exercise fits this place and "
		    "equipment");
		goto out;
	}
	g.kind = COACH_ROUTINE;
	g.plan = &p;
	g.day = o.day;
	g.minutes = o.minutes;
	g.routine = rname;
	g.ask_pain = 1;
	g.name = e->name;
	if ((r = play_guided(&coach, &g, &cause)) != 0) {
		cmd_warn(e, "%s", cause);
		goto out;
	}
	ret = CMD_OK;
out:
	coach_aside_free(aside, naside);
	coach_unfinished_release(&u);
	coach_close(&coach);
	free(buf);
	free(rname);
	free(cause);
	plan_release(&p);
	return (ret);
}
