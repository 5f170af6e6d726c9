/*
 * cmd-stats.c -- progress at a glance: streaks, how many days had ten
 * minutes, minutes per week, the pain trend, the exercises that feel best
 * and those the pain rule has set aside.
 *
 * The figures come from src/core/stats.c; this file reads the store and
 * the clock, and draws. Charts are Unicode when the locale is UTF-8 and
 * plain ASCII otherwise (or with --ascii); colour only on a terminal and
 * never under NO_COLOR (https://no-color.org).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "coach/doc.h"
#include "coach/coach.h"
#include "sys/clock.h"
#include "cli/chart.h"
#include "cli/cmd.h"
#include "commands.h"
#include "cli/output.h"
#include "cli/output-program.h"
#include "core/catalog.h"
#include "core/date.h"
#include "core/stats.h"

#define STATS_BAR_WIDTH		30

/* How the figures are drawn. */
struct look {
	int		 ascii;
	const char	*on;		/* colour for bars, or "" */
	const char	*off;		/* back to normal, or "" */
};

/* "Mon 23 Nov" for a day, with the year when it is not this year's. */
static void
short_day(long day, char *buf, size_t len)
{
	int	y, m, d, ty, tm, td;

	date_to_civil(day, &y, &m, &d);
	date_to_civil(clock_today(clock_process(NULL)), &ty, &tm, &td);
	if (y == ty)
		snprintf(buf, len, "%.3s %d %.3s", date_weekday_name(day), d,
		    date_month_name(m));
	else
		snprintf(buf, len, "%.3s %d %.3s %d", date_weekday_name(day),
		    d, date_month_name(m), y);
}

/*
 * An exercise's name, or its id when the catalog has no such exercise,
 * made safe to print: an id can come from an imported file. The caller
 * frees it.
 */
static char *
ex_name(const struct catalog *cat, const char *id)
{
	const struct exercise	*ex = catalog_find(cat, id);

	return (output_safe(ex != NULL ? ex->name : id));
}

static void
print_streaks(const struct stats *s)
{
	char	a[32], b[32];

	if (s->current.days == 0)
		printf("Streak      none yet today; one exercise starts it\n");
	else {
		short_day(s->current.first, a, sizeof a);
		printf("Streak      %d day%s, since %s\n", s->current.days,
		    s->current.days == 1 ? "" : "s", a);
	}
	if (s->longest.days > 0) {
		short_day(s->longest.first, a, sizeof a);
		short_day(s->longest.last, b, sizeof b);
		printf("Longest     %d day%s, %s to %s\n", s->longest.days,
		    s->longest.days == 1 ? "" : "s", a, b);
	}
}

static void
print_adherence(const struct stats *s, const struct look *lk)
{
	char	*bar;

	bar = chart_bar(s->adherence, STATS_ADHERENCE_DAYS,
	    STATS_BAR_WIDTH, lk->ascii);
	printf("Last 28 days: %d with 10 minutes or more\n", s->adherence);
	printf("            %s%s%s %d/%d\n", lk->on, bar, lk->off,
	    s->adherence, STATS_ADHERENCE_DAYS);
	free(bar);
}

static void
print_weeks(const struct stats *s, const struct look *lk)
{
	char	 day[32], *bar;
	double	 max = 0;
	size_t	 i;

	for (i = 0; i < s->nweeks; i++)
		if (s->weeks[i].minutes > max)
			max = s->weeks[i].minutes;
	printf("\nMinutes per week (each ends on the day shown + 6)\n");
	for (i = 0; i < s->nweeks; i++) {
		short_day(s->weeks[i].first, day, sizeof day);
		bar = chart_bar(s->weeks[i].minutes, max, STATS_BAR_WIDTH,
		    lk->ascii);
		printf("  %-11s%s%s%s %4d min, %d session%s, %d break%s\n",
		    day, lk->on, bar, lk->off, s->weeks[i].minutes,
		    s->weeks[i].sessions, s->weeks[i].sessions == 1 ? "" :
		    "s", s->weeks[i].breaks, s->weeks[i].breaks == 1 ? "" :
		    "s");
		free(bar);
	}
}

static void
print_pain(const struct stats *s, const struct look *lk)
{
	double	*v;
	int	*present, first = -1, last = -1;
	char	*spark;
	size_t	 i;

	v = calloc(s->nweeks + 1, sizeof *v);
	present = calloc(s->nweeks + 1, sizeof *present);
	if (v == NULL || present == NULL) {
		free(v);
		free(present);
		return;
	}
	for (i = 0; i < s->nweeks; i++) {
		v[i] = s->weeks[i].pain_mean;
		present[i] = s->weeks[i].npain > 0;
		if (present[i] && first == -1)
			first = (int)i;
		if (present[i])
			last = (int)i;
	}
	printf("\nPain, weekly mean of every rating (0 to 10)\n");
	if (first == -1) {
		printf("  no ratings in these weeks; 'midback checkin --pain N' "
		    "adds one\n");
	} else {
		/* On the 0 to 10 scale, so a small change looks small. */
		spark = chart_sparkline_scale(v, present, s->nweeks, 0, 10,
		    lk->ascii);
		printf("  %s%s%s  ", lk->on, spark, lk->off);
		free(spark);
		if (s->has_pain_change && fabs(s->pain_change) < 0.05)
			printf("%.1f in the first week with ratings and in the "
			    "last: no change\n", v[first]);
		else if (s->has_pain_change)
			printf("%.1f in the first week with ratings, %.1f in "
			    "the last: %s %.1f\n", v[first], v[last],
			    s->pain_change < 0 ? "down" : "up",
			    fabs(s->pain_change));
		else
			printf("%.1f\n", v[first]);
		if (s->has_pain_change && s->pain_change >= 2)
			printf("  Pain has gone up. If it keeps rising, or "
			    "wakes you at night, see a clinician.\n");
	}
	free(v);
	free(present);
}

static void
print_exercises(const struct stats *s, const struct store_stats *ss,
    const struct catalog *cat, long today)
{
	const struct stats_exercise	*ex;
	char				 day[32], *name;
	double				 score;
	size_t				 i;

	printf("\nFeels best\n");
	if (s->nfavourites == 0)
		printf("  nothing yet: rate how exercises feel during "
		    "'midback start'\n");
	for (i = 0; i < s->nfavourites; i++) {
		ex = &ss->exs[s->favourites[i]];
		name = ex_name(cat, ex->id);
		printf("  %zu. %-44s done %d time%s", i + 1, name, ex->done,
		    ex->done == 1 ? "" : "s");
		free(name);
		if (stats_feel(ex, &score))
			printf(", felt good %d of %d", ex->good,
			    ex->good + ex->fair + ex->bad);
		printf("\n");
	}
	if (s->naside == 0)
		return;
	printf("\nSet aside by the pain rule\n");
	for (i = 0; i < s->naside; i++) {
		/* The flag ends at a time; say the day it is back. */
		short_day(date_of_ms(s->aside[i].until_ms, clock_tz_min(clock_process(NULL), clock_wall_ms(clock_process(NULL)))), day,
		    sizeof day);
		name = ex_name(cat, s->aside[i].id);
		printf("  %-47s back %s%s\n", name,
		    day, date_of_ms(s->aside[i].until_ms, clock_tz_min(clock_process(NULL), clock_wall_ms(clock_process(NULL)))) ==
		    today ? " (today)" : "");
		free(name);
	}
}

/* What became of the break reminders of the last 28 days. */
static void
print_reminders(const int *counts)
{
	int	i, any = 0;

	for (i = 0; i < STORE_NOUTCOMES; i++)
		any += counts[i];
	if (any == 0)
		return;
	printf("\nBreak reminders, last 28 days: %d taken, %d snoozed, %d "
	    "skipped,\n  %d missed, and %d natural breaks (away long "
	    "enough)\n", counts[0], counts[1], counts[2], counts[3],
	    counts[4]);
}

enum cmd_retval
cmd_stats_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const struct cmd_entry	*e = ctx->entry;
	struct coach_stats	 cs = COACH_STATS_INIT;
	struct coach		 co;
	struct look		 lk = { 0, "", "" };
	const char		*nc;
	json_t			*j;
	char			*cause = NULL;
	long			 weeks = STATS_WEEKS_DEFAULT;
	int			 json, ascii, rc;

	if (cmd_has(args, 'w') && cmd_number(e, "number of weeks",
	    cmd_get(args, 'w'), 1, STATS_WEEKS_MAX, &weeks) == -1)
		return (cmd_usage(e));
	json = cmd_has(args, 'j');
	ascii = cmd_has(args, 'a');

	if (cmd_coach(ctx, 0, &co) != 0)
		return (CMD_ERROR);
	rc = coach_stats(&co, (int)weeks, &cs, &cause);
	coach_close(&co);
	if (rc != 0) {
		cmd_warn(e, "%s", cause);
		free(cause);
		coach_stats_release(&cs);
		return (CMD_ERROR);
	}

	if (json) {
		j = doc_stats_json(&cs, ctx->catalog);
		output_json(j);
		json_decref(j);
	} else {
		lk.ascii = ascii || !output_utf8();
		nc = getenv("NO_COLOR");
		if (isatty(STDOUT_FILENO) && (nc == NULL || *nc == '\0')) {
			lk.on = "\033[32m";
			lk.off = "\033[0m";
		}
		print_streaks(&cs.s);
		print_adherence(&cs.s, &lk);
		print_weeks(&cs.s, &lk);
		print_pain(&cs.s, &lk);
		print_exercises(&cs.s, &cs.rows, ctx->catalog, cs.today);
		print_reminders(cs.counts);
		printf("\nSelf-tests, first and latest\n");
		output_selftests_text(&cs.tests, stdout);
	}
	coach_stats_release(&cs);
	return (CMD_OK);
}
