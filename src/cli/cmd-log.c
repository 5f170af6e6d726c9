/*
 * cmd-log.c -- what was done: sessions with their exercises, breaks,
 * check-ins and what became of each break reminder, newest first.
 *
 * --since and --until are local dates, and each entry is placed by the
 * local date it had where it happened (its own UTC offset), so a trip
 * across time zones does not move yesterday's session to today.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cmd.h"
#include "coach/coach.h"
#include "commands.h"
#include "coach/export.h"
#include "cli/output.h"
#include "core/catalog.h"
#include "core/date.h"
#include "core/xmalloc.h"

/* The widest UTC offsets in use, for reading around a local day. */

/* One entry of the log: a session (or break) or a check-in. */
struct log_entry {
	int64_t				 at_ms;
	int				 tz_min;
	const struct store_hsession	*session;	/* or NULL */
	const struct store_hcheckin	*checkin;	/* or NULL */
	const struct store_hreminder	*reminder;	/* or NULL */
};

/* Newest first; a session before a check-in made at the same time. */
static int
entry_cmp(const void *va, const void *vb)
{
	const struct log_entry	*a = va, *b = vb;

	if (a->at_ms != b->at_ms)
		return (a->at_ms < b->at_ms ? 1 : -1);
	return ((a->session == NULL) - (b->session == NULL));
}

/*
 * The entry v[*n] at at_ms in offset tz_min (the coach has kept only
 * those on the dates asked for), counted in *n. Returns the entry, for
 * the caller to fill.
 */
static struct log_entry *
log_keep(struct log_entry *v, size_t *n, int64_t at_ms, int tz_min)
{
	struct log_entry	*le = &v[(*n)++];

	memset(le, 0, sizeof *le);
	le->at_ms = at_ms;
	le->tz_min = tz_min;
	return (le);
}

/* Parse a --since or --until date. Returns 0 or -1 (said). */
static int
log_date(const struct cmd_entry *e, const char *opt, const char *s,
    long *day)
{
	switch (date_parse(s, day)) {
	case 0:
		return (0);
	case -2:
		cmd_warn(e, "%s: there is no date '%s'", opt, s);
		return (-1);
	default:
		cmd_warn(e, "%s: '%s' is not a date (YYYY-MM-DD)", opt, s);
		return (-1);
	}
}

/* A session's state in words: how long it took, how it ended. */
static void
session_line(const struct store_hsession *hs, char *buf, size_t len)
{
	char	clock[16], *reason;
	int	done = 0;
	size_t	i;

	for (i = 0; i < hs->nitems; i++)
		done += strcmp(hs->items[i].outcome, "done") == 0;
	if (hs->ended_ms == -1) {
		snprintf(buf, len, "unfinished, %d done", done);
		return;
	}
	output_clock((int)((hs->ended_ms - hs->started_ms) / 1000), clock,
	    sizeof clock);
	/* An end reason can come from an imported file: made safe. */
	reason = hs->end_reason != NULL ? output_safe(hs->end_reason) : NULL;
	snprintf(buf, len, "%s, %s%s%s", clock, hs->status,
	    reason != NULL ? " (" : "", reason != NULL ? reason : "");
	if (reason != NULL)
		strncat(buf, ")", len - strlen(buf) - 1);
	free(reason);
}

/*
 * What the camera mode saw, one line per exercise: "camera: Seated
 * overhead reach: 10 reps counted; 25 s held; noted: chin forward once,
 * low back arching twice".
 */
/* A form note's words, as the summary in the browser says them. */
static const char *
camera_words(const char *what)
{
	static const struct {
		const char	*what, *words;
	} notes[] = {
		{ "chin", "chin forward" },
		{ "low-back", "low back arching" },
		{ "hips", "hips turning" },
		{ "shrug", "shoulders shrugging" },
	};
	size_t	i;

	for (i = 0; i < sizeof notes / sizeof notes[0]; i++)
		if (strcmp(notes[i].what, what) == 0)
			return (notes[i].words);
	return (what);
}

static void
print_camera(const struct store_hsession *hs, const struct catalog *cat)
{
	const struct store_hcamera	*c;
	const struct exercise		*ex;
	char				*safe;
	size_t				 i, j;
	int				 said, n;

	for (i = 0; i < hs->ncamera; i++) {
		c = &hs->camera[i];
		for (j = 0; j < i; j++)
			if (strcmp(hs->camera[j].exercise, c->exercise) == 0)
				break;
		if (j < i)
			continue;	/* shown with its first */
		ex = catalog_find(cat, c->exercise);
		safe = output_safe(ex != NULL ? ex->name : c->exercise);
		printf("                   camera: %s:", safe);
		free(safe);
		for (j = i, said = 0; j < hs->ncamera; j++) {
			if (strcmp(hs->camera[j].exercise, c->exercise) != 0)
				continue;
			if (strcmp(hs->camera[j].what, "reps") == 0)
				printf(" %d reps counted;", hs->camera[j].value);
			else if (strcmp(hs->camera[j].what, "hold") == 0)
				printf(" %d s held;", hs->camera[j].value);
		}
		for (j = i; j < hs->ncamera; j++) {
			if (strcmp(hs->camera[j].exercise, c->exercise) != 0 ||
			    strcmp(hs->camera[j].what, "reps") == 0 ||
			    strcmp(hs->camera[j].what, "hold") == 0)
				continue;
			n = hs->camera[j].value;
			printf("%s %s %s", said++ ? "," : " noted:",
			    camera_words(hs->camera[j].what), n == 1 ? "once" :
			    n == 2 ? "twice" : "");
			if (n > 2)
				printf("%d times", n);
		}
		printf("\n");
	}
}

static void
print_session(const struct store_hsession *hs, const struct catalog *cat,
    const char *hhmm)
{
	const struct store_hitem	*it;
	const struct exercise		*ex;
	char				 words[160], name[96], *safe;
	size_t				 i;

	session_line(hs, words, sizeof words);
	printf("  %s  %-9s %s", hhmm, strcmp(hs->kind, "break") == 0 ?
	    "break" : "session", words);
	if (hs->pain_before != -1 || hs->pain_after != -1) {
		printf(";");
		if (hs->pain_before != -1)
			printf(" pain %d before", hs->pain_before);
		if (hs->pain_before != -1 && hs->pain_after != -1)
			printf(",");
		if (hs->pain_after != -1)
			printf(" %d after", hs->pain_after);
	}
	printf("\n");
	for (i = 0; i < hs->nitems; i++) {
		it = &hs->items[i];
		ex = catalog_find(cat, it->exercise);
		snprintf(name, sizeof name, "%s%s%s%s",
		    ex != NULL ? ex->name : it->exercise,
		    it->side != NULL ? " (" : "",
		    it->side != NULL ? it->side : "",
		    it->side != NULL ? ")" : "");
		/* Ids and sides can come from an imported file. */
		safe = output_safe(name);
		printf("                   %-44s %-7s %s\n", safe, it->outcome,
		    it->feel != NULL ? it->feel : "");
		free(safe);
	}
	print_camera(hs, cat);
}

static void
print_reminder(const struct store_hreminder *r, const char *hhmm)
{
	char	due[DATE_ISO_BUFSZ];

	date_iso(r->due_ms, r->tz_min, 0, due);
	printf("  %s  %-9s %s (due %.5s): %s\n", hhmm, "reminder", r->kind,
	    due + 11, r->outcome);
}

static void
print_checkin(const struct store_hcheckin *c, const char *hhmm)
{
	char	*note;

	printf("  %s  %-9s pain %d", hhmm, "check-in", c->pain);
	if (c->stiffness != -1)
		printf(", stiffness %d", c->stiffness);
	/*
	 * A note can come from an imported file: its escape sequences must
	 * not reach the terminal. A newline is shown as \n, keeping the
	 * entry on its line.
	 */
	if (c->note != NULL) {
		note = output_safe(c->note);
		printf(": %s", note);
		free(note);
	}
	printf("\n");
}

enum cmd_retval
cmd_log_exec(struct cmd_ctx *ctx, struct cmd_args *args)
{
	const struct cmd_entry	*e = ctx->entry;
	struct store_history	 h = STORE_HISTORY_INIT;
	struct coach		 coach;
	struct log_entry	*v = NULL;
	json_t			*j, *o;
	char			 iso[DATE_ISO_BUFSZ], *cause = NULL;
	long			 since = LONG_MIN, until = LONG_MAX, day, shown;
	size_t			 i, n = 0;
	int			 json, y, m, d, rc;

	if (cmd_has(args, 's') && log_date(e, "--since", cmd_get(args, 's'),
	    &since) != 0)
		return (cmd_usage(e));
	if (cmd_has(args, 'u') && log_date(e, "--until", cmd_get(args, 'u'),
	    &until) != 0)
		return (cmd_usage(e));
	json = cmd_has(args, 'j');
	if (since != LONG_MIN && until != LONG_MAX && since > until) {
		cmd_warn(e, "--since is after --until");
		return (cmd_usage(e));
	}

	if (cmd_coach(ctx, 0, &coach) != 0)
		return (CMD_ERROR);
	rc = coach_history(&coach, since, until, &h, &cause);
	coach_close(&coach);
	if (rc != 0) {
		cmd_warn(e, "%s", cause);
		free(cause);
		return (CMD_ERROR);
	}

	v = xcalloc(h.nsessions + h.ncheckins + h.nreminders + 1,
	    sizeof *v);
	for (i = 0; i < h.nsessions; i++)
		log_keep(v, &n, h.sessions[i].started_ms, h.sessions[i].tz_min)->session = &h.sessions[i];
	for (i = 0; i < h.ncheckins; i++)
		log_keep(v, &n, h.checkins[i].at_ms, h.checkins[i].tz_min)->checkin = &h.checkins[i];
	for (i = 0; i < h.nreminders; i++)
		log_keep(v, &n, h.reminders[i].at_ms, h.reminders[i].tz_min)->reminder = &h.reminders[i];
	qsort(v, n, sizeof *v, entry_cmp);

	if (json) {
		j = json_array();
		for (i = 0; i < n; i++) {
			if (v[i].session != NULL) {
				o = export_session_json(v[i].session);
				json_object_set_new(o, "type", json_string(
				    strcmp(v[i].session->kind, "break") == 0 ?
				    "break" : "session"));
			} else if (v[i].reminder != NULL) {
				o = export_reminder_json(v[i].reminder);
				json_object_set_new(o, "type",
				    json_string("reminder"));
			} else {
				o = export_checkin_json(v[i].checkin);
				json_object_set_new(o, "type",
				    json_string("checkin"));
			}
			json_array_append_new(j, o);
		}
		output_json(j);
		json_decref(j);
	} else if (n == 0)
		printf("Nothing recorded%s yet. Try 'midback start', "
		    "'midback break' or\n'midback checkin --pain N'.\n",
		    since != LONG_MIN || until != LONG_MAX ?
		    " for those dates" : "");
	shown = LONG_MIN;
	for (i = 0; !json && i < n; i++) {
		day = date_of_ms(v[i].at_ms, v[i].tz_min);
		if (day != shown) {
			date_to_civil(day, &y, &m, &d);
			printf("%s%s %d %s %d\n", shown == LONG_MIN ? "" :
			    "\n", date_weekday_name(day), d,
			    date_month_name(m), y);
			shown = day;
		}
		date_iso(v[i].at_ms, v[i].tz_min, 0, iso);
		iso[16] = '\0';
		if (v[i].session != NULL)
			print_session(v[i].session, ctx->catalog, iso + 11);
		else if (v[i].reminder != NULL)
			print_reminder(v[i].reminder, iso + 11);
		else
			print_checkin(v[i].checkin, iso + 11);
	}
	free(v);
	store_history_release(&h);
	return (CMD_OK);
}
