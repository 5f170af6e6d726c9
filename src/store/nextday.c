/*
 * store-nextday.c -- the next-day answers, notices said once, and what
 * the next-day rules read of the history (store.h).
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/xmalloc.h"
#include "store/store.h"
#include "store/store-int.h"

/*
 * The answers as stored, by enum nextday_answer's number: better, same,
 * worse; the fourth (skipped) is stored as NULL.
 */
static const char *const answer_names[] = {
	"better", "same", "worse", NULL
};
#define N_ANSWERS	(sizeof answer_names / sizeof answer_names[0])

static const char sql_nextday_add[] =
    "INSERT INTO nextday (day, at_ms, tz_min, answer)"
    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (day) DO NOTHING";
static const char sql_nextday_list[] =
    "SELECT day, at_ms, answer FROM nextday"
    " WHERE day BETWEEN ?1 AND ?2 ORDER BY day";
static const char sql_day_active[] =
    "SELECT EXISTS (SELECT 1 FROM sessions WHERE kind = 'routine'"
    " AND (status = 'finished' OR items_done > 0)"
    " AND (started_ms + tz_min * 60000) / 86400000 = ?1)";
static const char sql_notice_get[] =
    "SELECT COALESCE((SELECT at_ms FROM notices WHERE what = ?1), 0)";
static const char sql_notice_set[] =
    "INSERT INTO notices (what, at_ms) VALUES (?1, ?2)"
    " ON CONFLICT (what) DO NOTHING";
static const char sql_pain_mean[] =
    "SELECT CAST(round(avg(pain) * 10) AS INTEGER), count(*)"
    " FROM pain_ratings WHERE moment IN ('before', 'checkin')"
    " AND (at_ms + tz_min * 60000) / 86400000 BETWEEN ?1 AND ?2";

int
store_nextday_add(struct store *s, long day, int64_t at_ms, int tz_min,
    int answer, char **cause)
{
	const char	*what = "store the next-day answer";
	int		 r;

	if (answer < 0 || (size_t)answer >= N_ANSWERS) {
		*cause = xasprintf("cannot %s: answer %d is out of range",
		    what, answer);
		return (-1);
	}
	r = store_write(s, sql_nextday_add, what, NULL, cause, "IIit",
	    (int64_t)day, at_ms, tz_min, answer_names[answer]);
	if (r != 0)
		return (-1);
	return (sqlite3_changes(s->db) == 0 ? 1 : 0);
}

int
store_nextday_list(struct store *s, long since, long until,
    struct store_nextday **v, size_t *n, char **cause)
{
	struct store_nextday	*a = NULL, *x;
	sqlite3_stmt		*st = NULL;
	const char		*t;
	size_t			 na = 0, k;
	int			 rc;

	for (rc = store_step(s, sql_nextday_list, &st, "II", (int64_t)since,
	    (int64_t)until); rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		x = STORE_PUSH(a, na);
		x->day = (long)sqlite3_column_int64(st, 0);
		x->at_ms = sqlite3_column_int64(st, 1);
		t = (const char *)sqlite3_column_text(st, 2);
		x->answer = N_ANSWERS - 1;
		for (k = 0; t != NULL && k + 1 < N_ANSWERS; k++)
			if (strcmp(t, answer_names[k]) == 0)
				x->answer = (int)k;
	}
	if (rc != SQLITE_DONE) {
		free(a);
		a = NULL;
		na = 0;
	}
	*v = a;
	*n = na;
	return (store_done(s, rc == SQLITE_DONE ? 0 : -1, 0, st, NULL, cause,
	    "read the next-day answers"));
}

int
store_day_active(struct store *s, long day, int *active, char **cause)
{
	int64_t	v = 0;

	*active = 0;
	if (store_one(s, sql_day_active, "read the sessions", &v, cause, "I",
	    (int64_t)day) == -1)
		return (-1);
	*active = v != 0;
	return (0);
}

int
store_notice_get(struct store *s, const char *what, int64_t *at_ms,
    char **cause)
{
	*at_ms = 0;
	return (store_one(s, sql_notice_get, "read the notices", at_ms, cause,
	    "t", what) == -1 ? -1 : 0);
}

int
store_notice_set(struct store *s, const char *what, int64_t at_ms,
    char **cause)
{
	return (store_write(s, sql_notice_set, "record a notice", NULL,
	    cause, "tI", what, at_ms));
}

int
store_pain_mean(struct store *s, long since, long until, int *mean10,
    int *n, char **cause)
{
	sqlite3_stmt	*st = NULL;
	int		 rc;

	*mean10 = 0;
	*n = 0;
	rc = store_step(s, sql_pain_mean, &st, "II", (int64_t)since,
	    (int64_t)until);
	if (rc == SQLITE_ROW) {
		*mean10 = sqlite3_column_int(st, 0);
		*n = sqlite3_column_int(st, 1);
	}
	return (store_done(s, rc == SQLITE_ROW ? 0 : -1, 0, st, NULL, cause,
	    "read the pain ratings"));
}
