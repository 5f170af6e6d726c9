/*
 * cmd-today.c -- show the day's routine.
 *
 * The routine depends only on the date and the options, so running this
 * again, or `midback start` later, gives the same exercises and doses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "coach/doc.h"
#include "sys/clock.h"
#include "cli/cmd.h"
#include "commands.h"
#include "cli/output.h"
#include "coach/coach.h"
#include "coach/cues.h"
#include "coach/program.h"
#include "core/date.h"
#include "core/dose.h"
#include "core/nextday.h"
#include "core/plan.h"
#include "term/nextday.h"

static void
plan_text(const struct plan *p, const struct plan_opts *o, int one,
    const char *line, const char *reason)
{
	const struct plan_item	*it;
	char			 clock[16], words[128];
	int			 y, m, d, stage = -1;
	size_t			 i;

	date_to_civil(o->day, &y, &m, &d);
	if (one)
		printf("Your one exercise for %s %d %s %d, for a busy day\n",
		    date_weekday_name(o->day), d, date_month_name(m), y);
	else
		printf("Your routine for %s %d %s %d: %d minutes\n",
		    date_weekday_name(o->day), d, date_month_name(m), y,
		    o->minutes);
	if (line[0] != '\0')
		printf("%s\n", line);
	for (i = 0; i < p->n; i++) {
		it = &p->items[i];
		if (it->ex->stage != stage) {
			stage = it->ex->stage;
			printf("\n%c%s\n", doc_stage_name(stage)[0] - 'a' + 'A',
			    doc_stage_name(stage) + 1);
		}
		if (it->rx.change != CHANGE_NONE) {
			struct phase	ph = { PHASE_CHANGE, SIDE_NONE, 1,
			    it->rx.change, DOSE_CHANGE_S };

			/* Its seconds are in the next exercise's time. */
			output_clock(DOSE_CHANGE_S, clock, sizeof clock);
			printf("      %s (%s)\n", cue_phase(&ph), clock);
		}
		output_clock(it->duration_s, clock, sizeof clock);
		dose_describe_rx(&it->rx, words, sizeof words);
		printf("  %2zu. %-60s %6s\n", i + 1, it->ex->name, clock);
		printf("      %s  [%s]\n", words, it->ex->id);
	}
	output_clock(p->total_s, clock, sizeof clock);
	printf("\n  %-64s %6s\n", "Total", clock);
	if (reason[0] != '\0')
		printf("  (Shorter than %d minutes: %s.)\n", o->minutes, reason);
	printf("\n");
	printf("How to do one: midback show ID. Stop anything that gives sharp "
	    "pain,\ntingling, burning or numbness; a stretch or mild ache is "
	    "fine.\n");
}

enum cmd_retval
cmd_today_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const struct cmd_entry	*e = ctx->entry;
	struct plan_opts	 o;
	struct plan		 p = PLAN_INIT;
	struct coach		 coach;
	struct coach_nextday	 nd;
	json_t			*j;
	char			*cause = NULL, **aside = NULL, line[512] = "";
	size_t			 naside = 0;
	char			 reason[256];
	int			 one = cmd_has(args, 'o');

	memset(&nd, 0, sizeof nd);
	if (cmd_plan_args(e, args, &o) == -1)
		return (cmd_usage(e));

	/* What the pain rule set aside stays out, if there is a store. */
	if (cmd_coach(ctx, 0, &coach) != 0)
		return (CMD_ERROR);
	/*
	 * The next day counts: asked when a person is at the terminal, and
	 * before the plan, whose doses it may step down. Only the words
	 * when the output is read by a program.
	 */
	if (!cmd_has(args, 'j') && term_nextday(&coach, isatty(0) &&
	    isatty(1), &cause) == -1) {
		cmd_warn(e, "%s", cause);
		free(cause);
		coach_close(&coach);
		return (CMD_ERROR);
	}
	if ((one ? coach_plan_one(&coach, &o, &p, &aside, &naside, &cause) :
	    coach_plan_program(&coach, &o, &p, &aside, &naside, line,
	    sizeof line, &cause)) == -1) {
		cmd_warn(e, "%s", cause);
		coach_close(&coach);
		free(cause);
		coach_aside_free(aside, naside);
		plan_release(&p);
		return (CMD_ERROR);
	}
	/* What the next day said about today, for --json. */
	if (cmd_has(args, 'j') && coach_nextday(&coach, o.day, &nd,
	    &cause) == -1) {
		cmd_warn(e, "%s", cause);
		free(cause);
		coach_close(&coach);
		coach_aside_free(aside, naside);
		plan_release(&p);
		return (CMD_ERROR);
	}
	coach_close(&coach);
	coach_aside_free(aside, naside);
	if (p.n == 0) {
		coach_nextday_release(&nd);
		cmd_warn(e, "no exercise fits this place and equipment");
		plan_release(&p);
		return (CMD_ERROR);
	}
	plan_short_reason(&p, &o, reason, sizeof reason);
	if (cmd_has(args, 'j')) {
		j = doc_plan_json(&p, o.day, o.minutes);
		if (!one)
			json_object_set_new(j, "program", json_string(line));
		if (reason[0] != '\0')
			json_object_set_new(j, "short_reason",
			    json_string(reason));
		if (!one)
			json_object_set_new(j, "nextday", json_pack(
			    "{s:o, s:b, s:b, s:s?}", "answer", nd.answer < 0 ?
			    json_null() : json_string(nextday_name(nd.answer)),
			    "step_down", nd.answer == NEXTDAY_WORSE || nd.held,
			    "held", nd.held, "advice", nd.advice));
		coach_nextday_release(&nd);
		output_json(j);
		json_decref(j);
	} else
		plan_text(&p, &o, one, line, reason);
	plan_release(&p);
	return (CMD_OK);
}
