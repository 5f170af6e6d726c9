/*
 * store-remind.c -- what became of each break reminder, and whether
 * today's routine is done, which the daily reminder asks.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/xmalloc.h"
#include "store/store.h"
#include "store/store-int.h"

static const char sql_reminder_add[] =
    "INSERT INTO reminders"
    " (kind, due_ms, at_ms, tz_min, outcome)"
    " VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_reminder_counts[] =
    "SELECT outcome, count(*) FROM reminders"
    " WHERE at_ms >= ?1 GROUP BY outcome";
static const char sql_daily_done[] =
    "SELECT EXISTS (SELECT 1 FROM sessions"
    " WHERE kind = 'routine' AND started_ms >= ?1 AND started_ms < ?2"
    " AND (status = 'finished' OR items_done > 0))";

const char *const store_reminder_names[] = {
	"posture-reset", "wall-angel", "daily-session", NULL
};
const char *const store_reminder_outcomes[] = {
	"taken", "snoozed", "skipped", "missed", "natural", NULL
};

int
store_reminder_add(struct store *s, const char *kind, int64_t due_ms,
    int64_t at_ms, int tz_min, const char *outcome, char **cause)
{
	const char	*what = "record a reminder";
	char		*err = NULL;

	if (store_name_find(store_reminder_names, kind) == NULL)
		err = xasprintf("cannot %s: unknown kind '%s'", what,
		    kind == NULL ? "" : kind);
	else if (store_name_find(store_reminder_outcomes, outcome) == NULL)
		err = xasprintf("cannot %s: unknown outcome '%s'", what,
		    outcome == NULL ? "" : outcome);
	return (store_write(s, sql_reminder_add, what, err, cause, "tIIit",
	    kind, due_ms, at_ms, tz_min, outcome));
}

int
store_reminder_counts(struct store *s, int64_t since_ms,
    int counts[STORE_NOUTCOMES], char **cause)
{
	const char	*o;
	sqlite3_stmt	*st = NULL;
	int		 i, rc;

	for (i = 0; i < STORE_NOUTCOMES; i++)
		counts[i] = 0;
	for (rc = store_step(s, sql_reminder_counts, &st, "I", since_ms);
	    rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		o = (const char *)sqlite3_column_text(st, 0);
		for (i = 0; i < STORE_NOUTCOMES; i++)
			if (o != NULL && strcmp(o, store_reminder_outcomes[i])
			    == 0)
				counts[i] = sqlite3_column_int(st, 1);
	}
	return (store_done(s, rc == SQLITE_DONE ? 0 : -1, 0, st, NULL, cause,
	    "count reminders"));
}

int
store_routine_done(struct store *s, int64_t from_ms, int64_t to_ms,
    int *done, char **cause)
{
	int64_t	v = 0;

	*done = 0;
	if (store_one(s, sql_daily_done, "look for today's session", &v,
	    cause, "II", from_ms, to_ms) == -1)
		return (-1);
	*done = (int)v;
	return (0);
}
