/*
 * store-program.c -- the program over weeks: where it started, the
 * self-test results, and reading and adding them (with the red-flag
 * screen's answers) for export and import.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/date.h"
#include "core/program.h"
#include "core/xmalloc.h"
#include "store/store.h"
#include "store/store-int.h"

static const char sql_program_get[] =
    "SELECT start_day, start_phase, set_ms FROM program WHERE id = 1";
static const char sql_program_set[] =
    "INSERT INTO program (id, start_day, start_phase, set_ms)"
    " VALUES (1, ?1, ?2, ?3) ON CONFLICT (id) DO UPDATE SET"
    " start_day = ?1, start_phase = ?2, set_ms = ?3";
static const char sql_program_put[] =
    "INSERT INTO program (id, start_day, start_phase, set_ms)"
    " VALUES (1, ?1, ?2, ?3) ON CONFLICT (id) DO NOTHING";
static const char sql_first_day[] =
    "SELECT started_ms, tz_min FROM sessions ORDER BY started_ms LIMIT 1";
const char *const store_measured_names[] = {
	"manual", "phone", "camera", NULL
};

static const char sql_selftest_add[] =
    "INSERT INTO selftests (uid, at_ms, tz_min, test, value, extra, more,"
    " method, measured_by) VALUES (coalesce(?1, lower(hex(randomblob(16)))),"
    " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    " ON CONFLICT (uid) DO NOTHING";
static const char sql_selftests[] =
    "SELECT uid, at_ms, tz_min, test, value, extra, more, method,"
    " measured_by FROM selftests"
    " ORDER BY at_ms, id";
static const char sql_answers[] =
    "SELECT at_ms, question, answer, EXISTS (SELECT 1 FROM"
    " screen_clearances c WHERE c.at_ms = a.at_ms"
    " AND c.question = a.question)"
    " FROM screen_answers a ORDER BY at_ms, id";
static const char sql_clearance_put[] =
    "INSERT OR IGNORE INTO screen_clearances (at_ms, question)"
    " VALUES (?1, ?2)";
static const char sql_acks[] =
    "SELECT at_ms, what FROM acknowledgements ORDER BY at_ms, rowid";
static const char sql_answer_put[] =
    "INSERT INTO screen_answers (at_ms, question, answer)"
    " SELECT ?1, ?2, ?3 WHERE NOT EXISTS (SELECT 1 FROM screen_answers"
    " WHERE at_ms = ?1 AND question = ?2)";
static const char sql_ack_put[] =
    "INSERT INTO acknowledgements (at_ms, what)"
    " SELECT ?1, ?2 WHERE NOT EXISTS (SELECT 1 FROM acknowledgements"
    " WHERE at_ms = ?1 AND what = ?2)";

static const char sql_psessions[] =
    "SELECT id, started_ms, tz_min, status = 'finished' OR items_done > 0"
    " FROM sessions WHERE started_ms >= ?1 ORDER BY started_ms, id";
static const char sql_pitems[] =
    "SELECT i.session_id, i.exercise, i.feel FROM session_items i"
    " JOIN sessions s ON s.id = i.session_id WHERE s.started_ms >= ?1"
    " ORDER BY s.started_ms, s.id, i.position";
static const char sql_ppains[] =
    "SELECT at_ms, tz_min, pain FROM pain_ratings WHERE at_ms >= ?1";
/* The reviews last, so reading the rest leaves their pages unread. */
static const char sql_mark_get[] =
    "SELECT day, data FROM program_checkpoint WHERE id = 1";
static const char sql_mark_reviews[] =
    "SELECT reviews FROM program_checkpoint WHERE id = 1";
static const char sql_mark_put[] =
    "INSERT INTO program_checkpoint (id, day, until_ms, data, reviews)"
    " VALUES (1, ?1, ?1 * 86400000, ?2, ?3) ON CONFLICT (id) DO UPDATE SET"
    " day = ?1, until_ms = ?1 * 86400000, data = ?2, reviews = ?3";

static enum session_feel
feel_named(const char *name)
{
	int	i;

	for (i = 0; name != NULL && store_feel_names[i] != NULL; i++)
		if (strcmp(store_feel_names[i], name) == 0)
			return ((enum session_feel)(FEEL_FINE + i));
	return (FEEL_NONE);
}

void
store_phistory_release(struct store_phistory *h)
{
	size_t	i;

	for (i = 0; i < h->nitems; i++)
		free(h->items[i].exercise);
	free(h->sessions);
	free(h->items);
	free(h->pains);
	memset(h, 0, sizeof *h);
}

static int
read_phistory(struct store *s, int64_t from, struct store_phistory *h)
{
	sqlite3_stmt	*st = NULL;
	int64_t		*ids = NULL, sid;
	const char	*text;
	size_t		 k = 0, nids = 0;
	int		 rc;

	for (rc = store_step(s, sql_psessions, &st, "I", from);
	    rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		h->sessions = xreallocarray(h->sessions, h->nsessions + 1,
		    sizeof *h->sessions);
		ids = xreallocarray(ids, nids + 1, sizeof *ids);
		ids[nids++] = sqlite3_column_int64(st, 0);
		h->sessions[h->nsessions] = (struct store_psession){
		    sqlite3_column_int64(st, 1), sqlite3_column_int(st, 2),
		    sqlite3_column_int(st, 3), 0, 0 };
		h->nsessions++;
	}
	if (store_done(s, rc == SQLITE_DONE ? 0 : -1, 0, st, NULL, NULL,
	    "read the history") != 0)
		goto fail;
	for (rc = store_step(s, sql_pitems, &st, "I", from);
	    rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		sid = sqlite3_column_int64(st, 0);
		/*
		 * Both in the same order: walk to the item's session. The
		 * walk counts the ids read, not h's sessions, so that ids is
		 * read only as far as it was written (gcc's -fanalyzer).
		 */
		while (k < nids && ids[k] != sid)
			k++;
		if (k == nids)
			break;
		if (h->sessions[k].n == 0)
			h->sessions[k].first = h->nitems;
		h->sessions[k].n++;
		h->items = xreallocarray(h->items, h->nitems + 1,
		    sizeof *h->items);
		text = (const char *)sqlite3_column_text(st, 1);
		h->items[h->nitems].exercise = xstrdup(text == NULL ? "" :
		    text);
		h->items[h->nitems].feel = feel_named(
		    (const char *)sqlite3_column_text(st, 2));
		h->nitems++;
	}
	if (store_done(s, rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1, 0,
	    st, NULL, NULL, "read the history") != 0)
		goto fail;
	for (rc = store_step(s, sql_ppains, &st, "I", from);
	    rc == SQLITE_ROW; rc = sqlite3_step(st)) {
		h->pains = xreallocarray(h->pains, h->npains + 1,
		    sizeof *h->pains);
		h->pains[h->npains++] = (struct store_ppain){
		    sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1),
		    sqlite3_column_int(st, 2) };
	}
	if (store_done(s, rc == SQLITE_DONE ? 0 : -1, 0, st, NULL, NULL,
	    "read the history") != 0)
		goto fail;
	free(ids);
	return (0);
fail:
	free(ids);
	store_phistory_release(h);
	return (-1);
}

/*
 * The text of sql's row (day in *day if not NULL) into *text, allocated;
 * NULL if there is none.
 */
static int
read_mark(struct store *s, const char *sql, long *day, char **text,
    char **err)
{
	sqlite3_stmt	*st = NULL;
	const char	*v;
	int		 rc, col = day != NULL;

	*text = NULL;
	rc = store_step(s, sql, &st, "");
	if (rc == SQLITE_ROW) {
		if (day != NULL)
			*day = (long)sqlite3_column_int64(st, 0);
		v = (const char *)sqlite3_column_text(st, col);
		*text = xstrdup(v == NULL ? "" : v);
	}
	return (store_done(s, rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1,
	    0, st, NULL, err, "read the program's replay"));
}

int
store_program_load(struct store *s, store_pfrom *from, void *arg,
    struct store_program *p, struct store_phistory *h, char **reviews,
    int64_t *stamp, char **cause)
{
	const char		*what = "read the history";
	struct store_pmark	 m = { 0, NULL };
	char			*err = NULL, *data = NULL;
	int64_t			 from_ms = 0;
	int			 ret = -1, want = 0;

	memset(h, 0, sizeof *h);
	*reviews = NULL;
	/* One read transaction, so that every read agrees. */
	if (store_exec(s, "BEGIN", &err, what) != 0)
		return (store_done(s, -1, 0, NULL, err, cause, what));
	if (store_program_get(s, p, &err) == 0 &&
	    read_mark(s, sql_mark_get, &m.day, &data, &err) == 0) {
		m.data = data;
		from_ms = from(arg, p, &m, &want);
		if ((!want || data == NULL || read_mark(s, sql_mark_reviews,
		    NULL, reviews, &err) == 0) &&
		    read_phistory(s, from_ms, h) == 0 &&
		    store_stamp(s, stamp, &err) == 0)
			ret = 0;
	}
	store_rollback(s, &err, what);
	free(data);
	if (ret != 0) {
		store_phistory_release(h);
		free(*reviews);
		*reviews = NULL;
		if (err == NULL)
			err = xstrdup("cannot read the history");
	}
	return (store_done(s, ret, 0, NULL, err, cause, what));
}

int
store_program_mark(struct store *s, int64_t stamp, long day,
    const char *data, const char *reviews, char **cause)
{
	const char	*what = "keep the program's replay";
	sqlite3_stmt	*st = NULL;
	char		*err = NULL;
	int64_t		 now;
	int		 ret = -1, began = 0;

	if (store_begin(s, &err, what) != 0)
		goto out;
	began = 1;
	if (store_stamp(s, &now, &err) != 0)
		goto out;
	/* Read from another store than this one: keep nothing. */
	if (now != stamp) {
		ret = 0;
		goto out;
	}
	if (store_step(s, sql_mark_put, &st, "Itt", (int64_t)day, data,
	    reviews) != SQLITE_DONE)
		goto out;
	ret = 1;
out:
	return (store_done(s, ret, began, st, err, cause, what));
}

int
store_program_get(struct store *s, struct store_program *p, char **cause)
{
	sqlite3_stmt	*st = NULL;
	const char	*name;
	int		 rc, ret = -1;

	memset(p, 0, sizeof *p);
	rc = store_step(s, sql_program_get, &st, "");
	if (rc == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(st, 1);
		p->set = 1;
		p->start_day = (long)sqlite3_column_int64(st, 0);
		p->start_phase = name == NULL ? 0 :
		    program_phase_parse(name);
		if (p->start_phase < 0)
			p->start_phase = 0;
		p->set_ms = sqlite3_column_int64(st, 2);
		ret = 0;
	} else if (rc == SQLITE_DONE)
		ret = 0;
	if (ret == 0 && !p->set) {
		/* None set: it began with the first session, if any. */
		store_stmt_done(st);
		st = NULL;
		rc = store_step(s, sql_first_day, &st, "");
		if (rc == SQLITE_ROW) {
			p->first_day = date_of_ms(sqlite3_column_int64(st, 0),
			    sqlite3_column_int(st, 1));
			p->has_first = 1;
		} else if (rc != SQLITE_DONE)
			ret = -1;
	}
	return (store_done(s, ret, 0, st, NULL, cause, "read the program"));
}

int
store_program_set(struct store *s, long start_day, int phase, int64_t set_ms,
    char **cause)
{
	const char	*what = "set the program";
	char		*err = NULL;

	if (phase < 0 || phase >= PROGRAM_NPHASES)
		err = xasprintf("cannot %s: no phase %d", what, phase);
	return (store_write(s, sql_program_set, what, err, cause, "ItI",
	    (int64_t)start_day, program_phase_name(phase), set_ms));
}

void
store_selftest_result(const struct store_selftest *t,
    struct program_result *r)
{
	memset(r, 0, sizeof *r);
	r->test = (enum program_test)t->test;
	r->value = t->value;
	r->extra = t->extra;
	r->more = t->more;
	r->earlier = t->method != STORE_TEST_METHOD;
}

int
store_selftest_valid(const struct store_selftest *t)
{
	struct program_result	r;

	if (t->method != 1 && t->method != STORE_TEST_METHOD)
		return (0);
	store_selftest_result(t, &r);
	return (program_result_valid(&r));
}

int
store_selftest_add(struct store *s, const struct store_selftest *t,
    char **cause)
{
	const char	*what = "save the self-test";
	char		*err = NULL;

	if (!store_selftest_valid(t))
		err = xasprintf("cannot %s: not a result of the %s test", what,
		    (unsigned)t->test < TEST_COUNT ?
		    program_tests[t->test].id : "?");
	if (err == NULL && t->measured_by[0] != '\0' &&
	    store_name_find(store_measured_names, t->measured_by) == NULL)
		err = xasprintf("cannot %s: unknown measure '%s'", what,
		    t->measured_by);
	return (store_write(s, sql_selftest_add, what, err, cause, "tIitioo"
	    "it", t->uid[0] == '\0' ? NULL : t->uid, t->at_ms, t->tz_min,
	    (unsigned)t->test < TEST_COUNT ? program_tests[t->test].id : "",
	    t->value, t->extra, t->more, t->method, t->measured_by[0] ==
	    '\0' ? "manual" : t->measured_by));
}

/* Every self-test result, oldest first, appended to d. */
static int
read_selftests(struct store *s, struct store_program_data *d)
{
	sqlite3_stmt		*st = NULL;
	struct store_selftest	*t;
	const char		*text;
	int			 rc;

	for (rc = store_step(s, sql_selftests, &st, ""); rc == SQLITE_ROW;
	    rc = sqlite3_step(st)) {
		d->tests = xreallocarray(d->tests, d->ntests + 1,
		    sizeof *d->tests);
		t = &d->tests[d->ntests++];
		memset(t, 0, sizeof *t);
		text = (const char *)sqlite3_column_text(st, 0);
		snprintf(t->uid, sizeof t->uid, "%s", text == NULL ? "" : text);
		t->at_ms = sqlite3_column_int64(st, 1);
		t->tz_min = sqlite3_column_int(st, 2);
		text = (const char *)sqlite3_column_text(st, 3);
		t->test = text == NULL ? -1 : program_test_parse(text);
		t->value = sqlite3_column_int(st, 4);
		t->extra = sqlite3_column_type(st, 5) == SQLITE_NULL ? -1 :
		    sqlite3_column_int(st, 5);
		t->more = sqlite3_column_type(st, 6) == SQLITE_NULL ? -1 :
		    sqlite3_column_int(st, 6);
		t->method = sqlite3_column_int(st, 7);
		text = (const char *)sqlite3_column_text(st, 8);
		snprintf(t->measured_by, sizeof t->measured_by, "%s",
		    text == NULL ? "manual" : text);
	}
	return (store_done(s, rc == SQLITE_DONE ? 0 : -1, 0, st, NULL, NULL,
	    "read the self-tests"));
}

int
store_selftests(struct store *s, struct store_program_data *d, char **cause)
{
	memset(d, 0, sizeof *d);
	if (read_selftests(s, d) != 0) {
		store_program_data_release(d);
		*cause = xstrdup("cannot read the self-tests");
		return (-1);
	}
	return (0);
}

int
store_program_read(struct store *s, struct store_program_data *d,
    char **cause)
{
	sqlite3_stmt	*st = NULL;
	const char	*text;
	int		 rc;

	memset(d, 0, sizeof *d);
	if (store_program_get(s, &d->program, cause) != 0)
		return (-1);
	if (read_selftests(s, d) != 0)
		goto fail;
	for (rc = store_step(s, sql_answers, &st, ""); rc == SQLITE_ROW;
	    rc = sqlite3_step(st)) {
		d->answers = xreallocarray(d->answers, d->nanswers + 1,
		    sizeof *d->answers);
		text = (const char *)sqlite3_column_text(st, 1);
		d->answers[d->nanswers].at_ms = sqlite3_column_int64(st, 0);
		d->answers[d->nanswers].question = xstrdup(text == NULL ? "" :
		    text);
		d->answers[d->nanswers].answer = sqlite3_column_int(st, 2);
		d->answers[d->nanswers].cleared = sqlite3_column_int(st, 3);
		d->nanswers++;
	}
	if (store_done(s, rc == SQLITE_DONE ? 0 : -1, 0, st, NULL, NULL,
	    "read the screen") != 0)
		goto fail;
	st = NULL;
	for (rc = store_step(s, sql_acks, &st, ""); rc == SQLITE_ROW;
	    rc = sqlite3_step(st)) {
		d->acks = xreallocarray(d->acks, d->nacks + 1,
		    sizeof *d->acks);
		text = (const char *)sqlite3_column_text(st, 1);
		d->acks[d->nacks].at_ms = sqlite3_column_int64(st, 0);
		d->acks[d->nacks].what = xstrdup(text == NULL ? "" : text);
		d->nacks++;
	}
	if (store_done(s, rc == SQLITE_DONE ? 0 : -1, 0, st, NULL, NULL,
	    "read the screen") != 0)
		goto fail;
	return (0);
fail:
	store_program_data_release(d);
	*cause = xstrdup("cannot read the program and the screen");
	return (-1);
}

void
store_program_data_release(struct store_program_data *d)
{
	size_t	i;

	free(d->tests);
	for (i = 0; i < d->nanswers; i++)
		free(d->answers[i].question);
	free(d->answers);
	for (i = 0; i < d->nacks; i++)
		free(d->acks[i].what);
	free(d->acks);
	memset(d, 0, sizeof *d);
}

/*
 * After store_step() of an insert: count it in *added (if not NULL) when
 * it added a row, and make *st ready again. Returns 0, or -1 (*st is
 * left for store_done() to reset). It takes st's address because the
 * store_step() in its arguments sets st.
 */
static int
put_done(struct store *s, int rc, sqlite3_stmt **st, int *added)
{
	if (rc != SQLITE_DONE)
		return (-1);
	if (added != NULL)
		*added += sqlite3_changes(s->db) > 0;
	store_stmt_done(*st);
	*st = NULL;
	return (0);
}

int
store_program_import(struct store *s, const struct store_program_data *d,
    int *tests, int *answers, char **cause)
{
	const char			*what = "import";
	const struct store_selftest	*t;
	sqlite3_stmt			*st = NULL;
	char				*err = NULL;
	size_t				 i;
	int				 ret = -1, began = 0, nt = 0, na = 0;

	for (i = 0; i < d->ntests && err == NULL; i++)
		if (strlen(d->tests[i].uid) != 32 ||
		    !store_selftest_valid(&d->tests[i]) ||
		    (d->tests[i].measured_by[0] != '\0' &&
		    store_name_find(store_measured_names,
		    d->tests[i].measured_by) == NULL))
			err = xasprintf("cannot %s: self-test %zu is not a "
			    "result with a uid", what, i + 1);
	if (err != NULL)
		goto out;
	if (store_begin(s, &err, what) != 0)
		goto out;
	began = 1;
	if (d->program.set && put_done(s, store_step(s, sql_program_put, &st,
	    "ItI", (int64_t)d->program.start_day,
	    program_phase_name(d->program.start_phase), d->program.set_ms),
	    &st, NULL) != 0)
		goto out;
	for (i = 0; i < d->ntests; i++) {
		t = &d->tests[i];
		if (put_done(s, store_step(s, sql_selftest_add, &st, "tIitioo"
		    "it", t->uid, t->at_ms, t->tz_min, program_tests[t->test].id,
		    t->value, t->extra, t->more, t->method,
		    t->measured_by[0] == '\0' ? "manual" : t->measured_by), &st,
		    &nt) != 0)
			goto out;
	}
	for (i = 0; i < d->nanswers; i++) {
		if (put_done(s, store_step(s, sql_answer_put, &st, "Iti",
		    d->answers[i].at_ms, d->answers[i].question,
		    d->answers[i].answer), &st, &na) != 0)
			goto out;
		if (d->answers[i].cleared && d->answers[i].answer == 1 &&
		    put_done(s, store_step(s, sql_clearance_put, &st, "It",
		    d->answers[i].at_ms, d->answers[i].question), &st,
		    NULL) != 0)
			goto out;
	}
	for (i = 0; i < d->nacks; i++)
		if (put_done(s, store_step(s, sql_ack_put, &st, "It",
		    d->acks[i].at_ms, d->acks[i].what), &st, NULL) != 0)
			goto out;
	st = NULL;
	ret = 0;
out:
	if (store_done(s, ret, began, st, err, cause, what) != 0)
		return (-1);
	if (tests != NULL)
		*tests = nt;
	if (answers != NULL)
		*answers = na;
	return (0);
}
