/*
 * store-history.c -- the history read back (for log and export) and an
 * export put back (import).
 *
 * A read takes one read transaction, so the sessions, their items and the
 * check-ins come from one snapshot even while a session is recording. An
 * import takes the write lock for the whole of it: all of it lands, or
 * none of it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/xmalloc.h"
#include "store.h"
#include "store-int.h"

static const char sql_sessions[] =
    "SELECT id, uid, kind, started_ms, tz_min, ended_ms, status,"
    " end_reason, pain_before, pain_after, plan_json"
    " FROM sessions WHERE started_ms >= ?1 AND started_ms < ?2"
    " ORDER BY started_ms, id";
/* The same sessions' items, in the same order, then by position. */
static const char sql_items[] =
    "SELECT i.session_id, i.position, i.exercise, i.side, i.sets_done,"
    " i.reps_done, i.holds_done, i.breaths_done, i.feel, i.outcome,"
    " i.finished_ms"
    " FROM sessions s JOIN session_items i ON i.session_id = s.id"
    " WHERE s.started_ms >= ?1 AND s.started_ms < ?2"
    " ORDER BY s.started_ms, s.id, i.position";
static const char sql_checkins[] =
    "SELECT id, uid, at_ms, tz_min, pain, stiffness, note"
    " FROM pain_ratings WHERE moment = 'checkin'"
    " AND at_ms >= ?1 AND at_ms < ?2 ORDER BY at_ms, id";

static const char sql_reminders[] =
    "SELECT at_ms, tz_min, due_ms, kind, outcome FROM reminders"
    " WHERE at_ms >= ?1 AND at_ms < ?2 ORDER BY at_ms, id";

static const char sql_flags[] =
    "SELECT exercise, reason, set_ms, until_ms FROM exercise_flags"
    " WHERE set_ms >= ?1 AND set_ms < ?2 ORDER BY set_ms, id";

static const char sql_session_put[] =
    "INSERT INTO sessions (uid, kind, started_ms, tz_min,"
    " ended_ms, status, end_reason, pain_before, pain_after, plan_json)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    " ON CONFLICT (uid) DO NOTHING";
static const char sql_session_id[] =
    "SELECT id FROM sessions WHERE uid = ?1";
static const char sql_item_put[] =
    "INSERT INTO session_items (session_id, position, exercise,"
    " side, sets_done, reps_done, holds_done, breaths_done, feel, outcome,"
    " finished_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
    " ON CONFLICT (session_id, position) DO NOTHING";
/*
 * A reminder has no uid: it is the same one when its kind, due time, time
 * of answer and outcome are.
 */
static const char sql_reminder_put[] =
    "INSERT INTO reminders (kind, due_ms, at_ms, tz_min, outcome)"
    " SELECT ?1, ?2, ?3, ?4, ?5 WHERE NOT EXISTS (SELECT 1 FROM reminders"
    " WHERE kind = ?1 AND due_ms = ?2 AND at_ms = ?3 AND outcome = ?5)";
/* Nor has a flag: it is the same one when set at the same time. */
static const char sql_flag_put[] =
    "INSERT INTO exercise_flags (exercise, reason, set_ms, until_ms)"
    " SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS (SELECT 1 FROM exercise_flags"
    " WHERE exercise = ?1 AND set_ms = ?3)";
static const char sql_checkin_put[] =
    "INSERT INTO pain_ratings (uid, at_ms, tz_min, moment, pain,"
    " stiffness, note) VALUES (?1, ?2, ?3, 'checkin', ?4, ?5, ?6)"
    " ON CONFLICT (uid) DO NOTHING";

/* A column's text, copied; NULL stays NULL. */
static char *
col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char	*t = sqlite3_column_text(st, i);

	return (t == NULL ? NULL : xstrdup((const char *)t));
}

/* A column's integer, or dflt when it is NULL. */
static int64_t
col_int(sqlite3_stmt *st, int i, int64_t dflt)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return (dflt);
	return (sqlite3_column_int64(st, i));
}

/* Copy a uid column into a 33-byte buffer. */
static void
col_uid(sqlite3_stmt *st, int i, char *uid)
{
	const unsigned char	*t = sqlite3_column_text(st, i);

	snprintf(uid, 33, "%s", t == NULL ? "" : (const char *)t);
}

/* Prepare sql with the range bound to ?1 and ?2. NULL on error. */
static sqlite3_stmt *
range_stmt(struct store *s, const char *sql, int64_t from, int64_t to)
{
	sqlite3_stmt	*st = NULL;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 1, from) != SQLITE_OK ||
	    sqlite3_bind_int64(st, 2, to) != SQLITE_OK) {
		sqlite3_finalize(st);
		return (NULL);
	}
	return (st);
}

/* Read the sessions in the range into h. Returns 0 or -1. */
static int
read_sessions(struct store *s, int64_t from, int64_t to,
    struct store_history *h)
{
	struct store_hsession	*hs;
	sqlite3_stmt		*st;
	int			 rc;

	if ((st = range_stmt(s, sql_sessions, from, to)) == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		h->sessions = xreallocarray(h->sessions, h->nsessions + 1,
		    sizeof *h->sessions);
		hs = &h->sessions[h->nsessions++];
		memset(hs, 0, sizeof *hs);
		hs->id = sqlite3_column_int64(st, 0);
		col_uid(st, 1, hs->uid);
		hs->kind = store_name_find(store_kind_names,
		    (const char *)sqlite3_column_text(st, 2));
		hs->started_ms = sqlite3_column_int64(st, 3);
		hs->tz_min = sqlite3_column_int(st, 4);
		hs->ended_ms = col_int(st, 5, -1);
		hs->status = (const char *)sqlite3_column_text(st, 6);
		if (hs->status != NULL && strcmp(hs->status, "running") == 0)
			hs->status = "running";
		else
			hs->status = store_name_find(store_end_names,
			    hs->status);
		hs->end_reason = col_dup(st, 7);
		hs->pain_before = (int)col_int(st, 8, -1);
		hs->pain_after = (int)col_int(st, 9, -1);
		hs->plan_json = col_dup(st, 10);
		if (hs->plan_json == NULL)
			hs->plan_json = xstrdup("");
		/* The schema's CHECKs make these impossible; say so anyway. */
		if (hs->kind == NULL || hs->status == NULL) {
			sqlite3_finalize(st);
			return (-1);
		}
	}
	sqlite3_finalize(st);
	return (rc == SQLITE_DONE ? 0 : -1);
}

/* Read the sessions' items, which come in the sessions' order. */
static int
read_items(struct store *s, int64_t from, int64_t to,
    struct store_history *h)
{
	struct store_hsession	*hs = NULL;
	struct store_hitem	*it;
	sqlite3_stmt		*st;
	size_t			 next = 0;
	int64_t			 sid;
	int			 rc;

	if ((st = range_stmt(s, sql_items, from, to)) == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		sid = sqlite3_column_int64(st, 0);
		while (hs == NULL || hs->id != sid) {
			if (next == h->nsessions) {
				sqlite3_finalize(st);
				return (-1);
			}
			hs = &h->sessions[next++];
		}
		hs->items = xreallocarray(hs->items, hs->nitems + 1,
		    sizeof *hs->items);
		it = &hs->items[hs->nitems++];
		it->position = sqlite3_column_int(st, 1);
		it->exercise = col_dup(st, 2);
		it->side = col_dup(st, 3);
		it->sets_done = sqlite3_column_int(st, 4);
		it->reps_done = sqlite3_column_int(st, 5);
		it->holds_done = sqlite3_column_int(st, 6);
		it->breaths_done = sqlite3_column_int(st, 7);
		it->feel = store_name_find(store_feel_names,
		    (const char *)sqlite3_column_text(st, 8));
		it->outcome = store_name_find(store_outcome_names,
		    (const char *)sqlite3_column_text(st, 9));
		it->finished_ms = sqlite3_column_int64(st, 10);
		if (it->exercise == NULL)
			it->exercise = xstrdup("");
		if (it->outcome == NULL) {
			sqlite3_finalize(st);
			return (-1);
		}
	}
	sqlite3_finalize(st);
	return (rc == SQLITE_DONE ? 0 : -1);
}

static int
read_checkins(struct store *s, int64_t from, int64_t to,
    struct store_history *h)
{
	struct store_hcheckin	*c;
	sqlite3_stmt		*st;
	int			 rc;

	if ((st = range_stmt(s, sql_checkins, from, to)) == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		h->checkins = xreallocarray(h->checkins, h->ncheckins + 1,
		    sizeof *h->checkins);
		c = &h->checkins[h->ncheckins++];
		c->id = sqlite3_column_int64(st, 0);
		col_uid(st, 1, c->uid);
		c->at_ms = sqlite3_column_int64(st, 2);
		c->tz_min = sqlite3_column_int(st, 3);
		c->pain = sqlite3_column_int(st, 4);
		c->stiffness = (int)col_int(st, 5, -1);
		c->note = col_dup(st, 6);
	}
	sqlite3_finalize(st);
	return (rc == SQLITE_DONE ? 0 : -1);
}

static int
read_reminders(struct store *s, int64_t from, int64_t to,
    struct store_history *h)
{
	struct store_hreminder	*r;
	sqlite3_stmt		*st;
	int			 rc;

	if ((st = range_stmt(s, sql_reminders, from, to)) == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		h->reminders = xreallocarray(h->reminders, h->nreminders + 1,
		    sizeof *h->reminders);
		r = &h->reminders[h->nreminders];
		r->at_ms = sqlite3_column_int64(st, 0);
		r->tz_min = sqlite3_column_int(st, 1);
		r->due_ms = sqlite3_column_int64(st, 2);
		r->kind = store_name_find(store_reminder_names,
		    (const char *)sqlite3_column_text(st, 3));
		r->outcome = store_name_find(store_reminder_outcomes,
		    (const char *)sqlite3_column_text(st, 4));
		if (r->kind == NULL || r->outcome == NULL) {
			sqlite3_finalize(st);
			return (-1);
		}
		h->nreminders++;
	}
	sqlite3_finalize(st);
	return (rc == SQLITE_DONE ? 0 : -1);
}

static int
read_flags(struct store *s, int64_t from, int64_t to,
    struct store_history *h)
{
	struct store_hflag	*f;
	sqlite3_stmt		*st;
	int			 rc;

	if ((st = range_stmt(s, sql_flags, from, to)) == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		h->flags = xreallocarray(h->flags, h->nflags + 1,
		    sizeof *h->flags);
		f = &h->flags[h->nflags++];
		f->exercise = col_dup(st, 0);
		f->reason = col_dup(st, 1);
		f->set_ms = sqlite3_column_int64(st, 2);
		f->until_ms = sqlite3_column_int64(st, 3);
	}
	sqlite3_finalize(st);
	return (rc == SQLITE_DONE ? 0 : -1);
}

/*
 * Run read(s, arg) inside one read transaction, so that all it reads
 * comes from one snapshot, even while another process writes. what names
 * the action in an error. Returns 0, or -1 with *cause set.
 */
static int
store_snapshot(struct store *s, const char *what,
    int (*read)(struct store *, void *), void *arg, char **cause)
{
	char	*err = NULL;
	int	 ret = -1, began = 0;

	if (store_exec(s, "BEGIN", &err, what) != 0)
		goto out;
	began = 1;
	if (read(s, arg) != 0)
		goto out;
	ret = 0;
out:
	if (ret != 0)
		store_dberr(s, &err, what);
	if (began)
		store_rollback(s, &err, what);
	if (ret != 0)
		store_cause(cause, err);
	else
		free(err);	/* a failed end of a read changes nothing */
	return (ret);
}

/* What store_history() reads, for store_snapshot(). */
struct history_args {
	int64_t			 from, to;
	struct store_history	*h;
};

static int
read_history(struct store *s, void *arg)
{
	struct history_args	*a = arg;

	if (read_sessions(s, a->from, a->to, a->h) != 0 ||
	    read_items(s, a->from, a->to, a->h) != 0 ||
	    read_checkins(s, a->from, a->to, a->h) != 0 ||
	    read_reminders(s, a->from, a->to, a->h) != 0 ||
	    read_flags(s, a->from, a->to, a->h) != 0)
		return (-1);
	return (0);
}

int
store_history(struct store *s, int64_t from_ms, int64_t to_ms,
    struct store_history *h, char **cause)
{
	struct history_args	a = { from_ms, to_ms, h };

	*h = (struct store_history)STORE_HISTORY_INIT;
	if (store_snapshot(s, "read the history", read_history, &a,
	    cause) != 0) {
		store_history_release(h);
		return (-1);
	}
	return (0);
}

void
store_history_release(struct store_history *h)
{
	struct store_hsession	*hs;
	size_t			 i, j;

	for (i = 0; i < h->nsessions; i++) {
		hs = &h->sessions[i];
		for (j = 0; j < hs->nitems; j++) {
			free(hs->items[j].exercise);
			free(hs->items[j].side);
		}
		free(hs->items);
		free(hs->end_reason);
		free(hs->plan_json);
	}
	free(h->sessions);
	for (i = 0; i < h->ncheckins; i++)
		free(h->checkins[i].note);
	free(h->checkins);
	free(h->reminders);
	for (i = 0; i < h->nflags; i++) {
		free(h->flags[i].exercise);
		free(h->flags[i].reason);
	}
	free(h->flags);
	*h = (struct store_history)STORE_HISTORY_INIT;
}

/* Bind an int, or NULL when it is the "none" value. */
static int
bind_opt(sqlite3_stmt *st, int i, int64_t v, int64_t none)
{
	if (v == none)
		return (sqlite3_bind_null(st, i));
	return (sqlite3_bind_int64(st, i, v));
}

/* Step a statement that returns no rows, then reset it. 0 or -1. */
static int
step_done(sqlite3_stmt *st)
{
	int	rc = sqlite3_step(st);

	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return (rc == SQLITE_DONE ? 0 : -1);
}

/* Check one session of an import before anything is written. */
static char *
import_check(const struct store_hsession *hs)
{
	size_t	i;

	if (strlen(hs->uid) != 32)
		return (xasprintf("session at %lld has no uid",
		    (long long)hs->started_ms));
	if (store_name_find(store_kind_names, hs->kind) == NULL)
		return (xasprintf("session %s: unknown kind", hs->uid));
	if (hs->status == NULL || (strcmp(hs->status, "running") != 0 &&
	    store_name_find(store_end_names, hs->status) == NULL))
		return (xasprintf("session %s: unknown status", hs->uid));
	for (i = 0; i < hs->nitems; i++) {
		if (hs->items[i].feel != NULL && store_name_find(
		    store_feel_names, hs->items[i].feel) == NULL)
			return (xasprintf("session %s: item %d: unknown feel "
			    "'%s'", hs->uid, hs->items[i].position,
			    hs->items[i].feel));
		if (store_name_find(store_outcome_names,
		    hs->items[i].outcome) == NULL)
			return (xasprintf("session %s: item %d: unknown "
			    "outcome", hs->uid, hs->items[i].position));
	}
	return (NULL);
}

/* Add one session, if new, and its missing items. Returns 0 or -1. */
static int
import_session(struct store *s, sqlite3_stmt *put, sqlite3_stmt *find,
    sqlite3_stmt *item, const struct store_hsession *hs, int *added)
{
	const struct store_hitem	*it;
	int64_t				 id = 0;
	size_t				 i;
	int				 rc;

	if (sqlite3_bind_text(put, 1, hs->uid, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(put, 2, hs->kind, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_int64(put, 3, hs->started_ms) != SQLITE_OK ||
	    sqlite3_bind_int(put, 4, hs->tz_min) != SQLITE_OK ||
	    bind_opt(put, 5, hs->ended_ms, -1) != SQLITE_OK ||
	    sqlite3_bind_text(put, 6, hs->status, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(put, 7, hs->end_reason, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    bind_opt(put, 8, hs->pain_before, -1) != SQLITE_OK ||
	    bind_opt(put, 9, hs->pain_after, -1) != SQLITE_OK ||
	    sqlite3_bind_text(put, 10, hs->plan_json, -1, SQLITE_STATIC) !=
	    SQLITE_OK)
		return (-1);
	if (step_done(put) != 0)
		return (-1);
	*added += sqlite3_changes(s->db);

	if (sqlite3_bind_text(find, 1, hs->uid, -1, SQLITE_STATIC) !=
	    SQLITE_OK)
		return (-1);
	if ((rc = sqlite3_step(find)) == SQLITE_ROW)
		id = sqlite3_column_int64(find, 0);
	sqlite3_reset(find);
	sqlite3_clear_bindings(find);
	if (rc != SQLITE_ROW)
		return (-1);

	for (i = 0; i < hs->nitems; i++) {
		it = &hs->items[i];
		if (sqlite3_bind_int64(item, 1, id) != SQLITE_OK ||
		    sqlite3_bind_int(item, 2, it->position) != SQLITE_OK ||
		    sqlite3_bind_text(item, 3, it->exercise, -1,
		    SQLITE_STATIC) != SQLITE_OK ||
		    sqlite3_bind_text(item, 4, it->side, -1, SQLITE_STATIC) !=
		    SQLITE_OK ||
		    sqlite3_bind_int(item, 5, it->sets_done) != SQLITE_OK ||
		    sqlite3_bind_int(item, 6, it->reps_done) != SQLITE_OK ||
		    sqlite3_bind_int(item, 7, it->holds_done) != SQLITE_OK ||
		    sqlite3_bind_int(item, 8, it->breaths_done) != SQLITE_OK ||
		    sqlite3_bind_text(item, 9, it->feel, -1, SQLITE_STATIC) !=
		    SQLITE_OK ||
		    sqlite3_bind_text(item, 10, it->outcome, -1,
		    SQLITE_STATIC) != SQLITE_OK ||
		    sqlite3_bind_int64(item, 11, it->finished_ms) != SQLITE_OK)
			return (-1);
		if (step_done(item) != 0)
			return (-1);
	}
	return (0);
}

static int
import_checkin(struct store *s, sqlite3_stmt *put,
    const struct store_hcheckin *c, int *added)
{
	if (sqlite3_bind_text(put, 1, c->uid, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_int64(put, 2, c->at_ms) != SQLITE_OK ||
	    sqlite3_bind_int(put, 3, c->tz_min) != SQLITE_OK ||
	    sqlite3_bind_int(put, 4, c->pain) != SQLITE_OK ||
	    bind_opt(put, 5, c->stiffness, -1) != SQLITE_OK ||
	    sqlite3_bind_text(put, 6, c->note, -1, SQLITE_STATIC) != SQLITE_OK)
		return (-1);
	if (step_done(put) != 0)
		return (-1);
	*added += sqlite3_changes(s->db);
	return (0);
}

static int
import_reminder(struct store *s, sqlite3_stmt *put,
    const struct store_hreminder *r, int *added)
{
	if (sqlite3_bind_text(put, 1, r->kind, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_int64(put, 2, r->due_ms) != SQLITE_OK ||
	    sqlite3_bind_int64(put, 3, r->at_ms) != SQLITE_OK ||
	    sqlite3_bind_int(put, 4, r->tz_min) != SQLITE_OK ||
	    sqlite3_bind_text(put, 5, r->outcome, -1, SQLITE_STATIC) !=
	    SQLITE_OK)
		return (-1);
	if (step_done(put) != 0)
		return (-1);
	*added += sqlite3_changes(s->db);
	return (0);
}

static int
import_flag(struct store *s, sqlite3_stmt *put, const struct store_hflag *f,
    int *added)
{
	if (sqlite3_bind_text(put, 1, f->exercise, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_text(put, 2, f->reason, -1, SQLITE_STATIC) !=
	    SQLITE_OK ||
	    sqlite3_bind_int64(put, 3, f->set_ms) != SQLITE_OK ||
	    sqlite3_bind_int64(put, 4, f->until_ms) != SQLITE_OK)
		return (-1);
	if (step_done(put) != 0)
		return (-1);
	*added += sqlite3_changes(s->db);
	return (0);
}

int
store_import(struct store *s, const struct store_history *h,
    int *sessions, int *checkins, int *reminders, int *flags, char **cause)
{
	const char	*what = "import";
	sqlite3_stmt	*put = NULL, *find = NULL, *item = NULL;
	sqlite3_stmt	*cput = NULL, *rput = NULL, *fput = NULL;
	char		*err = NULL;
	size_t		 i;
	int		 ret = -1, began = 0, ns = 0, nc = 0, nr = 0, nf = 0;

	for (i = 0; i < h->nsessions && err == NULL; i++)
		err = import_check(&h->sessions[i]);
	for (i = 0; i < h->ncheckins && err == NULL; i++)
		if (strlen(h->checkins[i].uid) != 32)
			err = xasprintf("check-in at %lld has no uid",
			    (long long)h->checkins[i].at_ms);
	if (err != NULL) {
		char *e = xasprintf("cannot %s: %s", what, err);

		free(err);
		err = e;
		goto out;
	}

	if (store_begin(s, &err, what) != 0)
		goto out;
	began = 1;
	if (sqlite3_prepare_v2(s->db, sql_session_put, -1, &put, NULL) !=
	    SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, sql_session_id, -1, &find, NULL) !=
	    SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, sql_item_put, -1, &item, NULL) !=
	    SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, sql_checkin_put, -1, &cput, NULL) !=
	    SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, sql_reminder_put, -1, &rput, NULL) !=
	    SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, sql_flag_put, -1, &fput, NULL) !=
	    SQLITE_OK)
		goto out;
	for (i = 0; i < h->nsessions; i++)
		if (import_session(s, put, find, item, &h->sessions[i],
		    &ns) != 0)
			goto out;
	for (i = 0; i < h->ncheckins; i++)
		if (import_checkin(s, cput, &h->checkins[i], &nc) != 0)
			goto out;
	for (i = 0; i < h->nreminders; i++)
		if (import_reminder(s, rput, &h->reminders[i], &nr) != 0)
			goto out;
	for (i = 0; i < h->nflags; i++)
		if (import_flag(s, fput, &h->flags[i], &nf) != 0)
			goto out;
	sqlite3_finalize(put);
	sqlite3_finalize(find);
	sqlite3_finalize(item);
	sqlite3_finalize(cput);
	sqlite3_finalize(rput);
	sqlite3_finalize(fput);
	put = find = item = cput = rput = fput = NULL;
	if (store_commit(s, &err, what) != 0) {
		began = 0;
		goto out;
	}
	ret = 0;
out:
	if (ret != 0)
		store_dberr(s, &err, what);
	sqlite3_finalize(put);
	sqlite3_finalize(find);
	sqlite3_finalize(item);
	sqlite3_finalize(cput);
	sqlite3_finalize(rput);
	sqlite3_finalize(fput);
	if (ret != 0 && began)
		store_rollback(s, &err, what);
	if (ret != 0) {
		store_cause(cause, err);
		return (-1);
	}
	if (sessions != NULL)
		*sessions = ns;
	if (checkins != NULL)
		*checkins = nc;
	if (reminders != NULL)
		*reminders = nr;
	if (flags != NULL)
		*flags = nf;
	return (0);
}

static const char sql_stats_acts[] =
    "SELECT started_ms, tz_min, kind = 'break',"
    " (coalesce(ended_ms, last_item_ms, started_ms) - started_ms) / 1000,"
    " status = 'finished' OR items_done > 0"
    " FROM sessions";
static const char sql_stats_pains[] =
    "SELECT started_ms, tz_min, pain_before FROM sessions"
    " WHERE started_ms >= ?1 AND pain_before IS NOT NULL"
    " UNION ALL SELECT coalesce(ended_ms, started_ms), tz_min, pain_after"
    " FROM sessions WHERE started_ms >= ?1 AND pain_after IS NOT NULL"
    " UNION ALL SELECT at_ms, tz_min, pain FROM pain_ratings"
    " WHERE at_ms >= ?1 AND moment = 'checkin'";
static const char sql_stats_exs[] =
    "SELECT exercise, done, good, fair, bad FROM exercise_totals"
    " WHERE done > 0 OR good + fair + bad > 0 ORDER BY exercise";
static const char sql_stats_flags[] =
    "SELECT exercise, max(until_ms) FROM exercise_flags"
    " WHERE until_ms > ?1 GROUP BY exercise ORDER BY exercise";

/* Prepare sql, binding ?1 to arg if it has one. NULL on error. */
static sqlite3_stmt *
arg_stmt(struct store *s, const char *sql, int64_t arg)
{
	sqlite3_stmt	*st = NULL;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    (sqlite3_bind_parameter_count(st) > 0 &&
	    sqlite3_bind_int64(st, 1, arg) != SQLITE_OK)) {
		sqlite3_finalize(st);
		return (NULL);
	}
	return (st);
}

static int
read_stats(struct store *s, int64_t pains_from, int64_t now,
    struct store_stats *o)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = arg_stmt(s, sql_stats_acts, 0)) == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		o->acts = xreallocarray(o->acts, o->nacts + 1,
		    sizeof *o->acts);
		o->acts[o->nacts].start_ms = sqlite3_column_int64(st, 0);
		o->acts[o->nacts].tz_min = sqlite3_column_int(st, 1);
		o->acts[o->nacts].kind = sqlite3_column_int(st, 2) ?
		    STATS_BREAK : STATS_ROUTINE;
		o->acts[o->nacts].active_s = sqlite3_column_int(st, 3);
		o->acts[o->nacts].counts = sqlite3_column_int(st, 4);
		o->nacts++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE ||
	    (st = arg_stmt(s, sql_stats_pains, pains_from)) == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		o->pains = xreallocarray(o->pains, o->npains + 1,
		    sizeof *o->pains);
		o->pains[o->npains].at_ms = sqlite3_column_int64(st, 0);
		o->pains[o->npains].tz_min = sqlite3_column_int(st, 1);
		o->pains[o->npains].pain = sqlite3_column_int(st, 2);
		o->npains++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE ||
	    (st = arg_stmt(s, sql_stats_exs, 0)) == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		o->exs = xreallocarray(o->exs, o->nexs + 1, sizeof *o->exs);
		o->exs[o->nexs].id = col_dup(st, 0);
		o->exs[o->nexs].done = sqlite3_column_int(st, 1);
		o->exs[o->nexs].good = sqlite3_column_int(st, 2);
		o->exs[o->nexs].fair = sqlite3_column_int(st, 3);
		o->exs[o->nexs].bad = sqlite3_column_int(st, 4);
		if (o->exs[o->nexs].id == NULL)
			o->exs[o->nexs].id = xstrdup("");
		o->nexs++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE ||
	    (st = arg_stmt(s, sql_stats_flags, now)) == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		o->flags = xreallocarray(o->flags, o->nflags + 1,
		    sizeof *o->flags);
		o->flags[o->nflags].id = col_dup(st, 0);
		o->flags[o->nflags].until_ms = sqlite3_column_int64(st, 1);
		if (o->flags[o->nflags].id == NULL)
			o->flags[o->nflags].id = xstrdup("");
		o->nflags++;
	}
	sqlite3_finalize(st);
	return (rc == SQLITE_DONE ? 0 : -1);
}

/* What store_stats() reads, for store_snapshot(). */
struct stats_args {
	int64_t			 pains_from, now;
	struct store_stats	*out;
};

static int
read_stats_snapshot(struct store *s, void *arg)
{
	struct stats_args	*a = arg;

	return (read_stats(s, a->pains_from, a->now, a->out));
}

int
store_stats(struct store *s, int64_t pains_from_ms, int64_t now_ms,
    struct store_stats *out, char **cause)
{
	struct stats_args	a = { pains_from_ms, now_ms, out };

	*out = (struct store_stats)STORE_STATS_INIT;
	if (store_snapshot(s, "read the figures", read_stats_snapshot, &a,
	    cause) != 0) {
		store_stats_release(out);
		return (-1);
	}
	return (0);
}

void
store_stats_release(struct store_stats *o)
{
	size_t	i;

	for (i = 0; i < o->nexs; i++)
		free((char *)o->exs[i].id);
	for (i = 0; i < o->nflags; i++)
		free((char *)o->flags[i].id);
	free(o->acts);
	free(o->pains);
	free(o->exs);
	free(o->flags);
	*o = (struct store_stats)STORE_STATS_INIT;
}
