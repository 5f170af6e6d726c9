/*
 * store-history.c -- the history read back (for log and export) and an
 * export put back (import).
 *
 * A read takes one read transaction, so the sessions, their items and the
 * check-ins come from one snapshot even while a session is recording. An
 * import takes the write lock for the whole of it: all of it lands, or
 * none of it.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/xmalloc.h"
#include "store/store.h"
#include "store/store-int.h"

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
/* The same sessions' camera marks, in the same order. */
static const char sql_camera[] =
    "SELECT c.session_id, c.exercise, c.what, c.value"
    " FROM sessions s JOIN camera_marks c ON c.session_id = s.id"
    " WHERE s.started_ms >= ?1 AND s.started_ms < ?2"
    " ORDER BY s.started_ms, s.id, c.rowid";
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

/*
 * One query of a read: sql, its parameters (fmt as for store_bind(), of
 * p1 and p2: "", "I" or "II"), and row(st, arg) for each row it returns,
 * until row() returns -1.
 */
struct query {
	const char	*sql;
	const char	*fmt;
	int64_t		 p1, p2;
	int		(*row)(sqlite3_stmt *, void *);
	void		*arg;
};

/* Run q. Returns 0 or -1. */
static int
query_run(struct store *s, const struct query *q)
{
	sqlite3_stmt	*st = NULL;
	int		 rc;

	rc = sqlite3_prepare_v2(s->db, q->sql, -1, &st, NULL);
	if (rc == SQLITE_OK && store_bind(st, q->fmt, q->p1, q->p2) != 0)
		rc = SQLITE_ERROR;
	if (rc == SQLITE_OK)
		while ((rc = sqlite3_step(st)) == SQLITE_ROW &&
		    q->row(st, q->arg) == 0)
			;
	sqlite3_finalize(st);
	return (rc == SQLITE_DONE ? 0 : -1);
}

/* One session into the history. */
static int
session_row(sqlite3_stmt *st, void *arg)
{
	struct store_history	*h = arg;
	struct store_hsession	*hs = STORE_PUSH(h->sessions, h->nsessions);
	const char		*status;

	store_row(st, "IunIiO-toos", &hs->id, hs->uid, store_kind_names,
	    &hs->kind, &hs->started_ms, &hs->tz_min, &hs->ended_ms,
	    &hs->end_reason, &hs->pain_before, &hs->pain_after,
	    &hs->plan_json);
	status = (const char *)sqlite3_column_text(st, 6);
	if (status != NULL && strcmp(status, "running") == 0)
		hs->status = "running";
	else
		hs->status = store_name_find(store_end_names, status);
	/* The schema's CHECKs make these impossible; say so anyway. */
	return (hs->kind == NULL || hs->status == NULL ? -1 : 0);
}

/* Where item_row() is: the items come in the sessions' order. */
struct items_at {
	struct store_history	*h;
	size_t			 next;	/* the session after hs */
	struct store_hsession	*hs;	/* NULL before the first item */
};

/* One item into its session. */
static int
item_row(sqlite3_stmt *st, void *arg)
{
	struct items_at		*a = arg;
	struct store_hitem	*it;
	int64_t			 sid = sqlite3_column_int64(st, 0);

	while (a->hs == NULL || a->hs->id != sid) {
		if (a->next == a->h->nsessions)
			return (-1);
		a->hs = &a->h->sessions[a->next++];
	}
	it = STORE_PUSH(a->hs->items, a->hs->nitems);
	store_row(st, "-istiiiinnI", &it->position, &it->exercise, &it->side,
	    &it->sets_done, &it->reps_done, &it->holds_done, &it->breaths_done,
	    store_feel_names, &it->feel, store_outcome_names, &it->outcome,
	    &it->finished_ms);
	return (it->outcome == NULL ? -1 : 0);
}

/* One camera mark into its session (as item_row()). */
static int
camera_row(sqlite3_stmt *st, void *arg)
{
	struct items_at		*a = arg;
	struct store_hcamera	*c;
	int64_t			 sid = sqlite3_column_int64(st, 0);

	while (a->hs == NULL || a->hs->id != sid) {
		if (a->next == a->h->nsessions)
			return (-1);
		a->hs = &a->h->sessions[a->next++];
	}
	c = STORE_PUSH(a->hs->camera, a->hs->ncamera);
	store_row(st, "-sni", &c->exercise, store_camera_names, &c->what,
	    &c->value);
	return (c->what == NULL ? -1 : 0);
}

static int
checkin_row(sqlite3_stmt *st, void *arg)
{
	struct store_history	*h = arg;
	struct store_hcheckin	*c = STORE_PUSH(h->checkins, h->ncheckins);

	store_row(st, "IuIiiot", &c->id, c->uid, &c->at_ms, &c->tz_min,
	    &c->pain, &c->stiffness, &c->note);
	return (0);
}

static int
reminder_row(sqlite3_stmt *st, void *arg)
{
	struct store_history	*h = arg;
	struct store_hreminder	*r = STORE_PUSH(h->reminders, h->nreminders);

	store_row(st, "IiInn", &r->at_ms, &r->tz_min, &r->due_ms,
	    store_reminder_names, &r->kind, store_reminder_outcomes,
	    &r->outcome);
	return (r->kind == NULL || r->outcome == NULL ? -1 : 0);
}

static int
flag_row(sqlite3_stmt *st, void *arg)
{
	struct store_history	*h = arg;
	struct store_hflag	*f = STORE_PUSH(h->flags, h->nflags);

	store_row(st, "ttII", &f->exercise, &f->reason, &f->set_ms,
	    &f->until_ms);
	return (0);
}

/*
 * Run the n queries q inside one read transaction, so that all they read
 * comes from one snapshot, even while another process writes. what names
 * the action in an error. Returns 0, or -1 with *cause set.
 */
static int
store_snapshot(struct store *s, const char *what, const struct query *q,
    size_t n, char **cause)
{
	char	*err = NULL;
	size_t	 i;
	int	 ret = -1;

	if (store_exec(s, "BEGIN", &err, what) == 0) {
		for (i = 0, ret = 0; i < n && ret == 0; i++)
			ret = query_run(s, &q[i]);
		if (ret != 0)
			store_dberr(s, &err, what);
		/* A failed end of a read changes nothing: success stands. */
		store_rollback(s, &err, what);
	}
	return (store_done(s, ret, 0, NULL, err, cause, what));
}

int
store_history(struct store *s, int64_t from_ms, int64_t to_ms,
    struct store_history *h, char **cause)
{
	struct items_at		at = { h, 0, NULL }, cat = { h, 0, NULL };
	const struct query	q[] = {
		{ sql_sessions, "II", from_ms, to_ms, session_row, h },
		{ sql_items, "II", from_ms, to_ms, item_row, &at },
		{ sql_camera, "II", from_ms, to_ms, camera_row, &cat },
		{ sql_checkins, "II", from_ms, to_ms, checkin_row, h },
		{ sql_reminders, "II", from_ms, to_ms, reminder_row, h },
		{ sql_flags, "II", from_ms, to_ms, flag_row, h },
	};

	*h = (struct store_history)STORE_HISTORY_INIT;
	if (store_snapshot(s, "read the history", q,
	    sizeof q / sizeof q[0], cause) != 0) {
		store_history_release(h);
		return (-1);
	}
	return (0);
}

static void
hsession_free(struct store_hsession *hs)
{
	size_t	j;

	for (j = 0; j < hs->nitems; j++) {
		free(hs->items[j].exercise);
		free(hs->items[j].side);
	}
	free(hs->items);
	for (j = 0; j < hs->ncamera; j++)
		free(hs->camera[j].exercise);
	free(hs->camera);
	free(hs->end_reason);
	free(hs->plan_json);
}

void
store_history_release(struct store_history *h)
{
	size_t	i;

	for (i = 0; i < h->nsessions; i++)
		hsession_free(&h->sessions[i]);
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

void
store_history_keep(struct store_history *h,
    int (*keep)(int64_t at_ms, int tz_min, void *arg), void *arg)
{
	size_t	i, n;

	for (i = n = 0; i < h->nsessions; i++) {
		if (keep(h->sessions[i].started_ms, h->sessions[i].tz_min,
		    arg))
			h->sessions[n++] = h->sessions[i];
		else
			hsession_free(&h->sessions[i]);
	}
	h->nsessions = n;
	for (i = n = 0; i < h->ncheckins; i++) {
		if (keep(h->checkins[i].at_ms, h->checkins[i].tz_min, arg))
			h->checkins[n++] = h->checkins[i];
		else
			free(h->checkins[i].note);
	}
	h->ncheckins = n;
	for (i = n = 0; i < h->nreminders; i++)
		if (keep(h->reminders[i].at_ms, h->reminders[i].tz_min, arg))
			h->reminders[n++] = h->reminders[i];
	h->nreminders = n;
}

/*
 * Bind fmt's values to st (see store_bind()), step it (it returns no
 * rows) and reset it; add to *added, if not NULL, the rows it changed.
 * Returns 0 or -1.
 */
static int
put_row(struct store *s, sqlite3_stmt *st, int *added, const char *fmt, ...)
{
	va_list	ap;
	int	rc;

	va_start(ap, fmt);
	rc = store_vbind(st, fmt, ap) == 0 ? sqlite3_step(st) : SQLITE_ERROR;
	va_end(ap);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return (-1);
	if (added != NULL)
		*added += sqlite3_changes(s->db);
	return (0);
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

/* The statements of an import, prepared once for the whole of it. */
enum import_sql {
	PUT_SESSION,
	FIND_SESSION,
	PUT_ITEM,
	PUT_CHECKIN,
	PUT_REMINDER,
	PUT_FLAG,
	IMPORT_NSQL
};
static const char *const import_sql[IMPORT_NSQL] = {
	[PUT_SESSION] = sql_session_put,
	[FIND_SESSION] = sql_session_id,
	[PUT_ITEM] = sql_item_put,
	[PUT_CHECKIN] = sql_checkin_put,
	[PUT_REMINDER] = sql_reminder_put,
	[PUT_FLAG] = sql_flag_put,
};

/* Add one session, if new, and its missing items. Returns 0 or -1. */
static int
import_session(struct store *s, sqlite3_stmt **st,
    const struct store_hsession *hs, int *added)
{
	const struct store_hitem	*it;
	sqlite3_stmt			*find = st[FIND_SESSION];
	int64_t				 id = 0;
	size_t				 i;
	int				 rc = SQLITE_ERROR;

	if (put_row(s, st[PUT_SESSION], added, "ttIiOttoot", hs->uid,
	    hs->kind, hs->started_ms, hs->tz_min, hs->ended_ms, hs->status,
	    hs->end_reason, hs->pain_before, hs->pain_after,
	    hs->plan_json) != 0)
		return (-1);
	if (store_bind(find, "t", hs->uid) == 0 &&
	    (rc = sqlite3_step(find)) == SQLITE_ROW)
		id = sqlite3_column_int64(find, 0);
	sqlite3_reset(find);
	sqlite3_clear_bindings(find);
	if (rc != SQLITE_ROW)
		return (-1);

	for (i = 0; i < hs->nitems; i++) {
		it = &hs->items[i];
		if (put_row(s, st[PUT_ITEM], NULL, "IittiiiittI", id,
		    it->position, it->exercise, it->side, it->sets_done,
		    it->reps_done, it->holds_done, it->breaths_done, it->feel,
		    it->outcome, it->finished_ms) != 0)
			return (-1);
	}
	return (0);
}

/*
 * Inside the import's transaction, add what h holds and the store lacks,
 * counting what was new into n[0..3]: sessions, check-ins, reminders and
 * flags. Returns 0 or -1 with *err.
 */
static int
import_all(struct store *s, const struct store_history *h, int n[4],
    char **err, const char *what)
{
	const struct store_hcheckin	*c;
	const struct store_hreminder	*r;
	const struct store_hflag	*f;
	sqlite3_stmt			*st[IMPORT_NSQL] = { NULL };
	size_t				 i;
	int				 ret = -1;

	for (i = 0; i < IMPORT_NSQL; i++)
		if (sqlite3_prepare_v2(s->db, import_sql[i], -1, &st[i],
		    NULL) != SQLITE_OK)
			goto out;
	for (i = 0; i < h->nsessions; i++)
		if (import_session(s, st, &h->sessions[i], &n[0]) != 0)
			goto out;
	for (i = 0; i < h->ncheckins; i++) {
		c = &h->checkins[i];
		if (put_row(s, st[PUT_CHECKIN], &n[1], "tIiiot", c->uid,
		    c->at_ms, c->tz_min, c->pain, c->stiffness, c->note) != 0)
			goto out;
	}
	for (i = 0; i < h->nreminders; i++) {
		r = &h->reminders[i];
		if (put_row(s, st[PUT_REMINDER], &n[2], "tIIit", r->kind,
		    r->due_ms, r->at_ms, r->tz_min, r->outcome) != 0)
			goto out;
	}
	for (i = 0; i < h->nflags; i++) {
		f = &h->flags[i];
		if (put_row(s, st[PUT_FLAG], &n[3], "ttII", f->exercise,
		    f->reason, f->set_ms, f->until_ms) != 0)
			goto out;
	}
	ret = 0;
out:
	if (ret != 0)
		store_dberr(s, err, what);
	for (i = 0; i < IMPORT_NSQL; i++)
		sqlite3_finalize(st[i]);
	return (ret);
}

int
store_import(struct store *s, const struct store_history *h,
    int *sessions, int *checkins, int *reminders, int *flags, char **cause)
{
	const char	*what = "import";
	char		*err = NULL, *e;
	size_t		 i;
	int		 ret = -1, began = 0, n[4] = { 0, 0, 0, 0 };

	for (i = 0; i < h->nsessions && err == NULL; i++)
		err = import_check(&h->sessions[i]);
	for (i = 0; i < h->ncheckins && err == NULL; i++)
		if (strlen(h->checkins[i].uid) != 32)
			err = xasprintf("check-in at %lld has no uid",
			    (long long)h->checkins[i].at_ms);
	if (err != NULL) {
		e = xasprintf("cannot %s: %s", what, err);
		free(err);
		err = e;
		goto out;
	}
	if (store_begin(s, &err, what) != 0)
		goto out;
	began = 1;
	if (import_all(s, h, n, &err, what) != 0)
		goto out;
	ret = 0;
out:
	if (store_done(s, ret, began, NULL, err, cause, what) != 0)
		return (-1);
	if (sessions != NULL)
		*sessions = n[0];
	if (checkins != NULL)
		*checkins = n[1];
	if (reminders != NULL)
		*reminders = n[2];
	if (flags != NULL)
		*flags = n[3];
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

static int
act_row(sqlite3_stmt *st, void *arg)
{
	struct store_stats	*o = arg;
	struct stats_activity	*a = STORE_PUSH(o->acts, o->nacts);
	int			 is_break;

	store_row(st, "Iiiii", &a->start_ms, &a->tz_min, &is_break,
	    &a->active_s, &a->counts);
	a->kind = is_break ? STATS_BREAK : STATS_ROUTINE;
	return (0);
}

static int
pain_row(sqlite3_stmt *st, void *arg)
{
	struct store_stats	*o = arg;
	struct stats_pain	*p = STORE_PUSH(o->pains, o->npains);

	store_row(st, "Iii", &p->at_ms, &p->tz_min, &p->pain);
	return (0);
}

static int
exercise_row(sqlite3_stmt *st, void *arg)
{
	struct store_stats	*o = arg;
	struct stats_exercise	*e = STORE_PUSH(o->exs, o->nexs);
	char			*id;

	store_row(st, "siiii", &id, &e->done, &e->good, &e->fair, &e->bad);
	e->id = id;
	return (0);
}

static int
aside_row(sqlite3_stmt *st, void *arg)
{
	struct store_stats	*o = arg;
	struct stats_flag	*f = STORE_PUSH(o->flags, o->nflags);
	char			*id;

	store_row(st, "sI", &id, &f->until_ms);
	f->id = id;
	return (0);
}

int
store_stats(struct store *s, int64_t pains_from_ms, int64_t now_ms,
    struct store_stats *out, char **cause)
{
	const struct query	q[] = {
		{ sql_stats_acts, "", 0, 0, act_row, out },
		{ sql_stats_pains, "I", pains_from_ms, 0, pain_row, out },
		{ sql_stats_exs, "", 0, 0, exercise_row, out },
		{ sql_stats_flags, "I", now_ms, 0, aside_row, out },
	};

	*out = (struct store_stats)STORE_STATS_INIT;
	if (store_snapshot(s, "read the figures", q,
	    sizeof q / sizeof q[0], cause) != 0) {
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
