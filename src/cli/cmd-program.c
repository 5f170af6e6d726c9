/*
 * cmd-program.c -- the program over weeks: where you are in it and why,
 * what unlocks next, the self-tests and when the next is due; start it
 * again, or at a later phase; and guide the self-tests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "coach/doc.h"
#include "cli/cmd.h"
#include "commands.h"
#include "coach/coach.h"
#include "coach/program.h"
#include "core/date.h"
#include "core/nextday.h"
#include "core/program.h"
#include "core/xmalloc.h"
#include "cli/output.h"
#include "cli/output-program.h"
#include "sys/clock.h"
#include "term/ask.h"
#include "term/selftest.h"

/* How many tests the set still needs. */
static int
count_pending(const struct program_state *st)
{
	int	t, n = 0;

	for (t = 0; t < TEST_COUNT; t++)
		n += st->pending[t];
	return (n);
}

/* The ids of the tests pending in st, as "wall-angel and breathing". */
static void
pending_words(const struct program_state *st, char *buf, size_t len)
{
	size_t	n = 0;
	int	t, k = 0, total = 0;

	buf[0] = '\0';
	for (t = 0; t < TEST_COUNT; t++)
		total += st->pending[t];
	for (t = 0; t < TEST_COUNT && n < len; t++) {
		if (!st->pending[t])
			continue;
		k++;
		n += (size_t)snprintf(buf + n, len - n, "%s%s", k == 1 ? "" :
		    k == total ? " and " : ", ", program_tests[t].id);
	}
}

/*
 * Run the self-tests the set still needs (all four when a new set is
 * due), keeping each as it is done. A set is whole when each test has a
 * result; a partial one is kept and the rest are asked next time.
 */
static enum cmd_retval
run_tests(const struct cmd_entry *e, struct coach *c)
{
	struct ask		 a = { stdin, stdout };
	struct coach_program	 cp;
	struct program_result	 pr;
	enum selftest_end	 end = SELFTEST_DONE;
	char			*cause = NULL, text[96], rest[96];
	int			 t, v[PROGRAM_TEST_QUESTIONS], todo[TEST_COUNT];
	int			 n = 0, k = 0, kept = 0, partial;

	if (coach_program_status(c, clock_today(c->clock), &cp, &cause) != 0)
		goto fail;
	partial = cp.st.partial;
	for (t = 0; t < TEST_COUNT; t++)
		n += todo[t] = cp.st.pending[t];
	coach_program_release(&cp);
	printf("Four self-tests, about five minutes in all, every two weeks. "
	    "They\nmeasure; they are not exercises: go only as far as is "
	    "comfortable.\n");
	if (partial)
		printf("The last set is partial: %d of %d still to do, asked "
		    "now.\n", n, TEST_COUNT);
	for (t = 0; t < TEST_COUNT && end != SELFTEST_EOF; t++) {
		if (!todo[t])
			continue;
		end = selftest_run(&a, (enum program_test)t, ++k, n, v);
		if (end == SELFTEST_SKIPPED)
			printf("Skipped: it is asked next time.\n");
		if (end != SELFTEST_DONE)
			continue;
		if (coach_selftest_save(c, (enum program_test)t, v[0], v[1],
		    v[2], &cause) != 0)
			goto fail;
		pr = (struct program_result){ 0, (enum program_test)t, v[0],
		    v[1], v[2], 0 };
		program_result_describe(&pr, text, sizeof text);
		printf("Kept: %s: %d%% of the reference (%s).\n", text,
		    program_result_score(&pr), program_tests[t].reference);
		kept++;
	}
	if (coach_program_status(c, clock_today(c->clock), &cp, &cause) != 0)
		goto fail;
	printf("\n");
	if (end == SELFTEST_EOF)
		printf("Input ended before the rest. ");
	if (!cp.st.partial && kept > 0)
		printf("The set is whole: all four kept. `midback stats` shows "
		    "how they\nchange; the weakest gets more of each day's "
		    "plan.\n");
	else if (cp.st.partial) {
		pending_words(&cp.st, rest, sizeof rest);
		printf("The set is partial: %d of %d kept so far; %s %s asked "
		    "next time.\n", TEST_COUNT -
		    count_pending(&cp.st), TEST_COUNT, rest,
		    count_pending(&cp.st) == 1 ? "is" : "are");
	} else
		printf("Nothing kept.\n");
	coach_program_release(&cp);
	return (kept > 0 || end != SELFTEST_EOF ? CMD_OK : CMD_ERROR);
fail:
	cmd_warn(e, "%s", cause);
	free(cause);
	return (CMD_ERROR);
}

/* The next-day answers: the last 7 days, a hold, six weeks. */
static void
nextday_text(const struct coach_program *cp, const struct coach_nextday *nd)
{
	struct nextday_day	*v;
	long			 from = cp->st.today - NEXTDAY_HOLD_DAYS + 1;
	size_t			 i;
	int			 k[NEXTDAY_NANSWERS], a;

	v = xcalloc(nd->nanswers + 1, sizeof *v);
	for (i = 0; i < nd->nanswers; i++) {
		v[i].day = nd->answers[i].day;
		v[i].answer = nd->answers[i].answer;
	}
	for (a = 0; a < NEXTDAY_NANSWERS; a++)
		k[a] = nextday_count(v, nd->nanswers, from, cp->st.today, a);
	free(v);
	printf("\nThe next day (how your back was after a session)\n");
	printf("  Last 7 days: %d better, %d the same, %d worse, %d "
	    "skipped.\n", k[NEXTDAY_BETTER], k[NEXTDAY_SAME],
	    k[NEXTDAY_WORSE], k[NEXTDAY_SKIPPED]);
	if (nd->held)
		printf("  %s\n", nd->advice != NULL ? nd->advice : "");
	if (nd->no_change)
		printf("  %s\n", nd->notice);
}

static void
program_text(const struct coach_program *cp, const struct catalog *cat)
{
	const struct program_state	*st = &cp->st;
	const struct program_level	*lv;
	char				 day[DATE_BUFSZ], next[160];
	size_t				 i;
	int				 any = 0, y, m, d;
	long				 review;

	printf("Week %d of the program: the %s phase (%d of %d)",
	    st->week, program_phase_title(st->phase), st->phase + 1,
	    PROGRAM_NPHASES);
	if (program_phase_weeks[st->phase] > 0)
		printf(", its week %d of %d at least.\n", st->phase_week,
		    program_phase_weeks[st->phase]);
	else
		printf(", week %d of it.\n", st->phase_week);
	printf("%s\n", program_last(st)->why);
	review = st->today + PROGRAM_REVIEW_DAYS - (st->today -
	    st->start_day) % PROGRAM_REVIEW_DAYS;
	date_to_civil(review, &y, &m, &d);
	printf("Last 7 days: %d active day%s, %d sharp or nerve-like "
	    "answer%s. Next review: %s %d %s.\n", st->active7,
	    st->active7 == 1 ? "" : "s", st->red7, st->red7 == 1 ? "" : "s",
	    date_weekday_name(review), d, date_month_name(m));

	printf("\nOn the way up (a level for every two sessions in a row "
	    "rated fine)\n");
	for (i = 0; i < st->nlevels; i++) {
		lv = &st->levels[i];
		if (lv->level == 0 && lv->row == 0 && !lv->unlocked)
			continue;
		program_next_step(st, cat, lv, next, sizeof next);
		printf("  %-24s level %d of %d; %s\n", lv->ex->id, lv->level,
		    PROGRAM_LEVELS, next);
		any = 1;
	}
	if (!any)
		printf("  nothing yet: each exercise starts at its least "
		    "dose\n");

	date_format(st->next_test, day);
	if (st->partial) {
		pending_words(st, next, sizeof next);
		printf("\nSelf-tests (every two weeks; the set begun %s is "
		    "partial: %s still to do)\n", day, next);
	} else
		printf("\nSelf-tests (every two weeks; %s %s)\n",
		    st->today >= st->next_test ? "due now, since" : "next on",
		    day);
	output_selftests_text(&cp->results, stdout);
	if (st->weakest >= 0)
		printf("  The %s test is the weakest, so its work gets more "
		    "of each day.\n", program_tests[st->weakest].id);
}

enum cmd_retval
cmd_program_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const struct cmd_entry	*e = ctx->entry;
	struct coach		 coach;
	struct coach_program	 cp;
	struct coach_nextday	 nd;
	enum cmd_retval		 ret = CMD_ERROR;
	json_t			*j;
	char			*cause = NULL;
	int			 phase = -1, write;

	if (cmd_has(args, 's') && cmd_has(args, 'r')) {
		cmd_warn(e, "--start-at and --reset cannot both be given");
		return (cmd_usage(e));
	}
	if (cmd_has(args, 's') &&
	    (phase = program_phase_parse(cmd_get(args, 's'))) < 0) {
		cmd_warn(e, "unknown phase '%s' (expected breathing, "
		    "extension, ribcage or strength, or 1 to 4)",
		    cmd_get(args, 's'));
		return (cmd_usage(e));
	}
	if (cmd_has(args, 'r'))
		phase = PROGRAM_BREATHING;
	if (cmd_has(args, 'P') && !cmd_has(args, 't')) {
		cmd_warn(e, "--plain goes with --test");
		return (cmd_usage(e));
	}
	write = phase >= 0 || cmd_has(args, 't');
	if (cmd_coach(ctx, write, &coach) != 0)
		return (CMD_ERROR);
	if (phase >= 0) {
		if (coach_program_start(&coach, phase, &cause) != 0)
			goto fail;
		if (!cmd_has(args, 'j'))
			printf("The program starts again today, at the %s "
			    "phase. Your history is kept.\n\n",
			    program_phase_title(phase));
	}
	if (cmd_has(args, 't')) {
		ret = run_tests(e, &coach);
		coach_close(&coach);
		return (ret);
	}
	if (coach_program_status(&coach, clock_today(coach.clock), &cp,
	    &cause) != 0)
		goto fail;
	if (coach_nextday(&coach, clock_today(coach.clock), &nd,
	    &cause) != 0) {
		coach_program_release(&cp);
		goto fail;
	}
	if (cmd_has(args, 'j')) {
		j = doc_program_json(&cp, ctx->catalog);
		doc_program_nextday(j, &cp, &nd);
		output_json(j);
		json_decref(j);
	} else {
		program_text(&cp, ctx->catalog);
		nextday_text(&cp, &nd);
	}
	coach_nextday_release(&nd);
	coach_program_release(&cp);
	coach_close(&coach);
	return (CMD_OK);
fail:
	cmd_warn(e, "%s", cause);
	free(cause);
	coach_close(&coach);
	return (ret);
}
