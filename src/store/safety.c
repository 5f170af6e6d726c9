/*
 * store-safety.c -- what keeps a session safe: the red-flag screen's
 * answers and acknowledgement, and the exercises set aside by the pain
 * rule.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/xmalloc.h"
#include "store/store.h"
#include "store/store-int.h"

static const char sql_answer_add[] =
    "INSERT INTO screen_answers"
    " (at_ms, question, answer) VALUES (?1, ?2, ?3)";
static const char sql_clear_add[] =
    "INSERT OR IGNORE INTO screen_clearances (at_ms, question)"
    " VALUES (?1, ?2)";
static const char sql_ack_add[] =
    "INSERT INTO acknowledgements (at_ms, what)"
    " VALUES (?1, ?2)";
static const char sql_screen_done[] =
    "SELECT EXISTS (SELECT 1 FROM screen_answers)"
    " AND EXISTS (SELECT 1 FROM acknowledgements)";
static const char sql_screen_ack_last[] =
    "SELECT COALESCE(MAX(at_ms), 0) FROM acknowledgements"
    " WHERE EXISTS (SELECT 1 FROM screen_answers) AND ?1 = ?1";
static const char sql_high_checkin_last[] =
    "SELECT COALESCE(MAX(at_ms), 0) FROM pain_ratings"
    " WHERE moment = 'checkin' AND pain >= ?1";
/* The latest screen is the one saved last, whatever its clock said. */
static const char sql_screen_last[] =
    "SELECT COALESCE((SELECT at_ms FROM screen_answers"
    " ORDER BY id DESC LIMIT 1), 0)";
static const char sql_screen_acked[] =
    "SELECT EXISTS (SELECT 1 FROM acknowledgements WHERE at_ms = ?1)";
static const char sql_stop_last[] =
    "SELECT COALESCE(MAX(ended_ms), 0) FROM sessions"
    " WHERE status = 'stopped' AND end_reason = ?1";
static const char sql_flag_add[] =
    "INSERT INTO exercise_flags"
    " (exercise, reason, set_ms, until_ms) VALUES (?1, ?2, ?3, ?4)";

int
store_screen_save(struct store *s, int64_t at_ms,
    const struct store_answer *answers, size_t n, const char *ack,
    char **cause)
{
	const char	*what = "save the screen";
	sqlite3_stmt	*st = NULL;
	char		*err = NULL;
	size_t		 i;
	int		 ret = -1, began = 0;

	for (i = 0; i < n; i++) {
		if (answers[i].question == NULL ||
		    (answers[i].answer != 0 && answers[i].answer != 1) ||
		    (answers[i].cleared && answers[i].answer != 1)) {
			err = xasprintf("cannot %s: answer %zu is not a "
			    "question with yes or no", what, i + 1);
			goto out;
		}
	}
	if (store_begin(s, &err, what) != 0)
		goto out;
	began = 1;
	for (i = 0; i < n; i++) {
		if (store_step(s, sql_answer_add, &st, "Iti", at_ms,
		    answers[i].question, answers[i].answer) != SQLITE_DONE)
			goto out;
		store_stmt_done(st);
		st = NULL;
		if (!answers[i].cleared)
			continue;
		if (store_step(s, sql_clear_add, &st, "It", at_ms,
		    answers[i].question) != SQLITE_DONE)
			goto out;
		store_stmt_done(st);
		st = NULL;
	}
	if (ack != NULL && store_step(s, sql_ack_add, &st, "It", at_ms,
	    ack) != SQLITE_DONE)
		goto out;
	ret = 0;
out:
	return (store_done(s, ret, began, st, err, cause, what));
}

int
store_screen_done(struct store *s, int *done, char **cause)
{
	int64_t	v = 0;

	*done = 0;
	if (store_one(s, sql_screen_done, "read the screen", &v, cause,
	    "") == -1)
		return (-1);
	*done = v != 0;
	return (0);
}

int
store_screen_times(struct store *s, int64_t now_ms, int high_pain,
    int64_t *ack_ms, int64_t *high_ms, char **cause)
{
	*ack_ms = *high_ms = 0;
	if (store_one(s, sql_screen_ack_last, "read the screen", ack_ms,
	    cause, "I", now_ms) == -1)
		return (-1);
	return (store_one(s, sql_high_checkin_last, "read the check-ins",
	    high_ms, cause, "i", high_pain));
}

int
store_gate_read(struct store *s, int high_pain, struct store_gate *g,
    char **cause)
{
	memset(g, 0, sizeof *g);
	if (store_screen_times(s, 0, high_pain, &g->ack_ms, &g->high_ms,
	    cause) == -1 ||
	    store_one(s, sql_screen_last, "read the screen", &g->screen_ms,
	    cause, "") == -1 ||
	    store_one(s, sql_screen_acked, "read the screen", &g->acked,
	    cause, "I", g->screen_ms) == -1 ||
	    store_one(s, sql_stop_last, "read the sessions", &g->stop_ms,
	    cause, "t", STORE_REASON_CLINICIAN) == -1)
		return (-1);
	return (0);
}

int
store_flag_add(struct store *s, const char *exercise, const char *reason,
    int64_t set_ms, int64_t until_ms, char **cause)
{
	const char	*what = "set an exercise aside";
	char		*err = NULL;

	if (exercise == NULL || reason == NULL)
		err = xasprintf("cannot %s: no exercise or no reason", what);
	else if (until_ms <= set_ms)
		err = xasprintf("cannot %s: '%s' would be back before it was "
		    "set aside", what, exercise);
	return (store_write(s, sql_flag_add, what, err, cause, "ttII",
	    exercise, reason, set_ms, until_ms));
}

