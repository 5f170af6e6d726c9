/*
 * store-session.c -- sessions, the exercises they record and pain
 * ratings: begin, record, rate and end a session, find one left running
 * and close it, and the questions the coach asks of what was recorded.
 *
 * A write that must see the session running first (an item, an end)
 * checks it under the write lock it then writes with.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/xmalloc.h"
#include "store/store.h"
#include "store/store-int.h"

static const char sql_session_add[] =
    "INSERT INTO sessions"
    " (kind, started_ms, tz_min, status, plan_json, uid)"
    " VALUES (?1, ?2, ?3, 'running', ?4,"
    " lower(hex(randomblob(16))))";
static const char sql_session_status[] =
    "SELECT status FROM sessions WHERE id = ?1";
static const char sql_session_end[] =
    "UPDATE sessions"
    " SET status = ?2, ended_ms = ?3, end_reason = ?4"
    " WHERE id = ?1";
static const char sql_pain_before[] =
    "UPDATE sessions SET pain_before = ?2"
    " WHERE id = ?1";
static const char sql_pain_after[] =
    "UPDATE sessions SET pain_after = ?2"
    " WHERE id = ?1";
static const char sql_item_add[] =
    "INSERT INTO session_items"
    " (session_id, position, exercise, side, sets_done, reps_done,"
    " holds_done, breaths_done, feel, outcome, finished_ms)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
static const char sql_item_set[] =
    "INSERT INTO session_items"
    " (session_id, position, exercise, side, sets_done, reps_done,"
    " holds_done, breaths_done, feel, outcome, finished_ms)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    " ON CONFLICT (session_id, position) DO UPDATE SET"
    " exercise = excluded.exercise, side = excluded.side,"
    " sets_done = excluded.sets_done, reps_done = excluded.reps_done,"
    " holds_done = excluded.holds_done,"
    " breaths_done = excluded.breaths_done, feel = excluded.feel,"
    " outcome = excluded.outcome, finished_ms = excluded.finished_ms";
static const char sql_unfinished[] =
    "SELECT s.id, s.kind, s.started_ms, s.tz_min,"
    " s.plan_json,"
    " (SELECT count(*) FROM session_items i WHERE i.session_id = s.id)"
    " FROM sessions s WHERE s.status = 'running' AND s.kind = ?1"
    " ORDER BY s.started_ms DESC, s.id DESC LIMIT 1";
/* It ended when it last recorded something, not when found. */
static const char sql_abandon[] =
    "UPDATE sessions SET status = ?5,"
    " ended_ms = coalesce(last_item_ms, started_ms), end_reason = ?4"
    " WHERE status = 'running' AND kind = ?1 AND (?2 = 0 OR id = ?2)"
    " AND started_ms < ?3";
static const char sql_pain_add[] =
    "INSERT INTO pain_ratings"
    " (at_ms, tz_min, session_id, moment, pain, stiffness, note, uid)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
    " lower(hex(randomblob(16))))";
static const char sql_last_done[] =
    "SELECT max(finished_ms) FROM session_items"
    " WHERE exercise = ?1 AND outcome = 'done'";
static const char sql_session_bad[] =
    "SELECT count(*) FROM session_items"
    " WHERE session_id = ?1"
    " AND feel IN ('sharp', 'tingling', 'burning', 'numb')";

int
store_session_begin(struct store *s, enum store_kind kind,
    int64_t started_ms, int tz_min, const char *plan_json, int64_t *id,
    char **cause)
{
	const char	*what = "begin a session";
	const char	*name = store_name(store_kind_names, kind);
	char		*err = NULL;

	if (name == NULL)
		err = xasprintf("unknown session kind %d", (int)kind);
	else if (plan_json == NULL)
		err = xasprintf("cannot %s: no plan", what);
	if (store_write(s, sql_session_add, what, err, cause, "tIit", name,
	    started_ms, tz_min, plan_json) != 0)
		return (-1);
	*id = sqlite3_last_insert_rowid(s->db);
	return (0);
}

/*
 * Take the write lock, setting *began, and check that session id exists
 * and is running, so that nothing can end it before the caller writes.
 * Returns 0 or -1 with *err.
 */
static int
store_begin_running(struct store *s, int64_t id, int *began, char **err,
    const char *what)
{
	sqlite3_stmt	*st = NULL;
	char		*status = NULL;
	int		 rc, ret = -1, found = 0;

	if (store_begin(s, err, what) != 0)
		return (-1);
	*began = 1;
	for (rc = store_step(s, sql_session_status, &st, "I", id);
	    rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		found = 1;
		free(status);
		status = xstrdup((const char *)sqlite3_column_text(st, 0));
	}
	if (rc != SQLITE_DONE)
		goto out;
	if (!found)
		*err = xasprintf("cannot %s: no session %lld", what,
		    (long long)id);
	else if (strcmp(status, "running") != 0)
		*err = xasprintf("cannot %s: session %lld is %s, not running",
		    what, (long long)id, status);
	else
		ret = 0;
out:
	if (ret != 0)
		store_dberr(s, err, what);
	store_stmt_done(st);
	free(status);
	return (ret);
}

int
store_session_item(struct store *s, int64_t session_id,
    const struct store_item *it, char **cause)
{
	const char	*what = "record an exercise";
	const char	*feel = NULL, *outcome;
	sqlite3_stmt	*st = NULL;
	char		*err = NULL;
	int		 ret = -1, began = 0;

	if (it->feel != FEEL_NONE)
		feel = store_name(store_feel_names, (int)it->feel - FEEL_FINE);
	outcome = store_name(store_outcome_names, it->outcome);
	if (it->exercise == NULL)
		err = xasprintf("cannot %s: no exercise", what);
	else if (it->feel != FEEL_NONE && feel == NULL)
		err = xasprintf("cannot %s: unknown feel %d", what,
		    (int)it->feel);
	else if (outcome == NULL)
		err = xasprintf("cannot %s: unknown outcome %d", what,
		    (int)it->outcome);
	if (err != NULL ||
	    store_begin_running(s, session_id, &began, &err, what) != 0)
		goto out;
	if (store_step(s, it->replace ? sql_item_set : sql_item_add, &st,
	    "IittiiiittI", session_id, it->position, it->exercise, it->side,
	    it->sets_done, it->reps_done, it->holds_done, it->breaths_done,
	    feel, outcome, it->finished_ms) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(s->db) ==
		    SQLITE_CONSTRAINT_UNIQUE)
			err = xasprintf("cannot %s: session %lld already has "
			    "position %d", what, (long long)session_id,
			    it->position);
		goto out;
	}
	ret = 0;
out:
	return (store_done(s, ret, began, st, err, cause, what));
}

int
store_session_end(struct store *s, int64_t id, enum store_end status,
    int64_t ended_ms, const char *end_reason, char **cause)
{
	const char	*what = "end a session";
	const char	*name = store_name(store_end_names, status);
	sqlite3_stmt	*st = NULL;
	char		*err = NULL;
	int		 ret = -1, began = 0;

	if (name == NULL)
		err = xasprintf("cannot %s: unknown status %d", what,
		    (int)status);
	else if (store_begin_running(s, id, &began, &err, what) == 0 &&
	    store_step(s, sql_session_end, &st, "ItIt", id, name, ended_ms,
	    end_reason) == SQLITE_DONE)
		ret = 0;
	return (store_done(s, ret, began, st, err, cause, what));
}

int
store_session_pain(struct store *s, int64_t id, enum store_moment moment,
    int pain, char **cause)
{
	const char	*what = "rate pain";
	sqlite3_stmt	*st = NULL;
	const char	*q;
	char		*err = NULL;
	int		 ret = -1;

	if (moment == STORE_MOMENT_BEFORE)
		q = sql_pain_before;
	else if (moment == STORE_MOMENT_AFTER)
		q = sql_pain_after;
	else {
		if (moment == STORE_MOMENT_CHECKIN)
			err = xasprintf("cannot %s: a session's moment is "
			    "before or after, not 'checkin'", what);
		else
			err = xasprintf("cannot %s: unknown moment %d", what,
			    (int)moment);
		goto out;
	}
	if (pain < 0 || pain > 10) {
		err = xasprintf("cannot %s: %d is not between 0 and 10", what,
		    pain);
		goto out;
	}
	if (store_step(s, q, &st, "Ii", id, pain) != SQLITE_DONE)
		goto out;
	if (sqlite3_changes(s->db) == 0) {
		err = xasprintf("cannot %s: no session %lld", what,
		    (long long)id);
		goto out;
	}
	ret = 0;
out:
	return (store_done(s, ret, 0, st, err, cause, what));
}

int
store_pain_add(struct store *s, const struct store_pain *p, int64_t *id,
    char **cause)
{
	const char	*what = "rate pain";
	const char	*moment = store_name(store_moment_names, p->moment);
	sqlite3_stmt	*st = NULL;
	char		*err = NULL;
	int		 ret = -1;

	if (moment == NULL)
		err = xasprintf("cannot %s: unknown moment %d", what,
		    (int)p->moment);
	else if (p->pain < 0 || p->pain > 10)
		err = xasprintf("cannot %s: %d is not between 0 and 10", what,
		    p->pain);
	else if (p->stiffness < -1 || p->stiffness > 10)
		err = xasprintf("cannot %s: stiffness %d is not between 0 and "
		    "10", what, p->stiffness);
	if (err != NULL)
		goto out;

	/* A session id of 0 and a stiffness of -1 are stored as NULL. */
	if (store_step(s, sql_pain_add, &st, "IiOtiot", p->at_ms, p->tz_min,
	    p->session_id != 0 ? p->session_id : -1, moment, p->pain,
	    p->stiffness, p->note) != SQLITE_DONE) {
		if (sqlite3_extended_errcode(s->db) ==
		    SQLITE_CONSTRAINT_FOREIGNKEY)
			err = xasprintf("cannot %s: no session %lld", what,
			    (long long)p->session_id);
		goto out;
	}
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(s->db);
	ret = 0;
out:
	return (store_done(s, ret, 0, st, err, cause, what));
}

int
store_unfinished(struct store *s, enum store_kind kind,
    struct store_session_info *out, char **cause)
{
	const char	*what = "look for an unfinished session";
	const char	*name = store_name(store_kind_names, kind), *text;
	sqlite3_stmt	*st = NULL;
	char		*err = NULL;
	int		 rc = SQLITE_ERROR, ret = -1, found = 0;

	*out = (struct store_session_info)STORE_SESSION_INFO_INIT;
	if (name == NULL)
		err = xasprintf("unknown session kind %d", (int)kind);
	else
		rc = store_step(s, sql_unfinished, &st, "t", name);
	for (; rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		found = 1;
		out->id = sqlite3_column_int64(st, 0);
		text = (const char *)sqlite3_column_text(st, 1);
		out->kind = store_name_find(store_kind_names, text);
		out->started_ms = sqlite3_column_int64(st, 2);
		out->tz_min = sqlite3_column_int(st, 3);
		text = (const char *)sqlite3_column_text(st, 4);
		free(out->plan_json);
		out->plan_json = xstrdup(text == NULL ? "" : text);
		out->n_items = sqlite3_column_int(st, 5);
	}
	if (rc != SQLITE_DONE)
		goto out;
	if (found && out->kind == NULL) {
		err = xasprintf("cannot %s: session %lld has an unknown kind",
		    what, (long long)out->id);
		goto out;
	}
	ret = found ? 0 : 1;
out:
	if (ret == -1)
		store_session_info_release(out);
	return (store_done(s, ret, 0, st, err, cause, what));
}

int
store_abandon(struct store *s, enum store_kind kind, int64_t id,
    int64_t before_ms, enum store_end status, const char *reason, int *n,
    char **cause)
{
	const char	*what = "close an unfinished session";
	const char	*kname = store_name(store_kind_names, kind);
	const char	*sname = store_name(store_end_names, status);
	char		*err = NULL;

	if (kname == NULL)
		err = xasprintf("unknown session kind %d", (int)kind);
	else if (sname == NULL)
		err = xasprintf("cannot %s: unknown status %d", what,
		    (int)status);
	if (store_write(s, sql_abandon, what, err, cause, "tIItt", kname, id,
	    before_ms, reason, sname) != 0)
		return (-1);
	if (n != NULL)
		*n = sqlite3_changes(s->db);
	return (0);
}

void
store_session_info_release(struct store_session_info *info)
{
	free(info->plan_json);
	*info = (struct store_session_info)STORE_SESSION_INFO_INIT;
}

int
store_last_done(struct store *s, const char *exercise, int64_t *ms,
    char **cause)
{
	return (store_one(s, sql_last_done, "look up the last exercise", ms,
	    cause, "t", exercise));
}

int
store_session_bad(struct store *s, int64_t id, int *n, char **cause)
{
	int64_t	v = 0;

	if (store_one(s, sql_session_bad,
	    "count a session's painful exercises", &v, cause, "I", id) == -1)
		return (-1);
	*n = (int)v;
	return (0);
}
