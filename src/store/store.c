/*
 * store.c -- the SQLite store: open, migrate, and what every store file
 * shares (the statement cache, the binder, transactions and the one
 * epilogue). The tables are read and written in store-session.c,
 * store-safety.c, store-remind.c and store-history.c.
 *
 * The database is in WAL mode with a busy timeout, because `remind`, a
 * running session and `checkin` may write at the same time from different
 * processes. Every write that checks something first (is the session still
 * running?) does it inside BEGIN IMMEDIATE, which takes the write lock up
 * front: a deferred transaction that reads and then writes can fail with
 * SQLITE_BUSY without waiting if another process wrote in between.
 *
 * Statements are prepared once, on first use, and kept until store_close();
 * each is reset as soon as it is done with, so no read transaction stays
 * open between calls.
 *
 * The schema is versioned with PRAGMA user_version. The migration steps are
 * one array; a later version appends its steps, ending with the PRAGMA that
 * records it, and all steps run in one transaction.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/xmalloc.h"
#include "sys/fileio.h"
#include "store/store.h"
#include "store/store-int.h"

/* How long a writer waits for another process's lock. */
#define STORE_BUSY_MS	5000
/* How often store_open() tries the journal mode again while busy. */
#define STORE_RETRY_MS	20

/* One migration step. */
struct migration {
	int		 version;	/* the schema version it builds */
	const char	*sql;		/* exactly one statement */
};

static const struct migration migrations[] = {
	{ 1, "CREATE TABLE sessions ("
	    " id INTEGER PRIMARY KEY,"
	    " kind TEXT NOT NULL CHECK (kind IN ('routine', 'break')),"
	    " started_ms INTEGER NOT NULL,"
	    " tz_min INTEGER NOT NULL,"
	    " ended_ms INTEGER,"
	    " status TEXT NOT NULL CHECK (status IN"
	    "  ('running', 'finished', 'quit', 'stopped')),"
	    " plan_json TEXT NOT NULL,"
	    " pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10),"
	    " pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10),"
	    " end_reason TEXT)" },
	{ 1, "CREATE INDEX sessions_started ON sessions (started_ms)" },
	{ 1, "CREATE INDEX sessions_running ON sessions (started_ms)"
	    " WHERE status = 'running'" },
	{ 1, "CREATE TABLE session_items ("
	    " id INTEGER PRIMARY KEY,"
	    " session_id INTEGER NOT NULL"
	    "  REFERENCES sessions (id) ON DELETE CASCADE,"
	    " position INTEGER NOT NULL CHECK (position >= 0),"
	    " exercise TEXT NOT NULL,"
	    " side TEXT,"
	    " sets_done INTEGER NOT NULL CHECK (sets_done >= 0),"
	    " reps_done INTEGER NOT NULL CHECK (reps_done >= 0),"
	    " holds_done INTEGER NOT NULL CHECK (holds_done >= 0),"
	    " breaths_done INTEGER NOT NULL CHECK (breaths_done >= 0),"
	    " feel TEXT CHECK (feel IN ('fine', 'stretch', 'discomfort',"
	    "  'sharp', 'tingling', 'burning', 'numb')),"
	    " outcome TEXT NOT NULL"
	    "  CHECK (outcome IN ('done', 'skipped', 'stopped')),"
	    " finished_ms INTEGER NOT NULL,"
	    " UNIQUE (session_id, position))" },
	{ 1, "CREATE TABLE pain_ratings ("
	    " id INTEGER PRIMARY KEY,"
	    " at_ms INTEGER NOT NULL,"
	    " tz_min INTEGER NOT NULL,"
	    " session_id INTEGER"
	    "  REFERENCES sessions (id) ON DELETE SET NULL,"
	    " moment TEXT NOT NULL"
	    "  CHECK (moment IN ('before', 'after', 'checkin')),"
	    " pain INTEGER NOT NULL CHECK (pain BETWEEN 0 AND 10),"
	    " stiffness INTEGER CHECK (stiffness BETWEEN 0 AND 10),"
	    " note TEXT)" },
	{ 1, "CREATE INDEX pain_ratings_at ON pain_ratings (at_ms)" },
	{ 1, "CREATE INDEX pain_ratings_session ON pain_ratings (session_id)" },
	{ 1, "CREATE TABLE screen_answers ("
	    " id INTEGER PRIMARY KEY,"
	    " at_ms INTEGER NOT NULL,"
	    " question TEXT NOT NULL,"
	    " answer INTEGER NOT NULL CHECK (answer IN (0, 1)))" },
	{ 1, "CREATE TABLE acknowledgements ("
	    " id INTEGER PRIMARY KEY,"
	    " at_ms INTEGER NOT NULL,"
	    " what TEXT NOT NULL)" },
	{ 1, "CREATE TABLE exercise_flags ("
	    " id INTEGER PRIMARY KEY,"
	    " exercise TEXT NOT NULL,"
	    " reason TEXT NOT NULL,"
	    " set_ms INTEGER NOT NULL,"
	    " until_ms INTEGER NOT NULL CHECK (until_ms > set_ms))" },
	{ 1, "CREATE INDEX exercise_flags_until ON exercise_flags (until_ms)" },
	{ 1, "PRAGMA user_version = 1" },
	/*
	 * 2: every session and rating gets a uid, so an export can be
	 * imported again without doubling anything; and indexes for the
	 * history that `log`, `stats` and `today` read.
	 */
	{ 2, "ALTER TABLE sessions ADD COLUMN uid TEXT" },
	{ 2, "UPDATE sessions SET uid = lower(hex(randomblob(16)))" },
	{ 2, "CREATE UNIQUE INDEX sessions_uid ON sessions (uid)" },
	{ 2, "ALTER TABLE pain_ratings ADD COLUMN uid TEXT" },
	{ 2, "UPDATE pain_ratings SET uid = lower(hex(randomblob(16)))" },
	{ 2, "CREATE UNIQUE INDEX pain_ratings_uid ON pain_ratings (uid)" },
	{ 2, "CREATE INDEX session_items_done ON session_items"
	    " (exercise, finished_ms) WHERE outcome = 'done'" },
	/*
	 * Running totals, kept by triggers, so that `stats` reads one row
	 * per session and one per exercise instead of every item ever.
	 */
	{ 2, "ALTER TABLE sessions ADD COLUMN items_done INTEGER NOT NULL"
	    " DEFAULT 0" },
	{ 2, "ALTER TABLE sessions ADD COLUMN last_item_ms INTEGER" },
	{ 2, "UPDATE sessions SET"
	    " items_done = (SELECT count(*) FROM session_items i"
	    "  WHERE i.session_id = sessions.id AND i.outcome = 'done'),"
	    " last_item_ms = (SELECT max(finished_ms) FROM session_items i"
	    "  WHERE i.session_id = sessions.id)" },
	/* Covers the scan of every session that `stats` makes. */
	{ 2, "CREATE INDEX sessions_stats ON sessions (started_ms, tz_min,"
	    " kind, ended_ms, last_item_ms, status, items_done)" },
	{ 2, "CREATE TABLE exercise_totals ("
	    " exercise TEXT PRIMARY KEY,"
	    " done INTEGER NOT NULL,"
	    " good INTEGER NOT NULL,"
	    " fair INTEGER NOT NULL,"
	    " bad INTEGER NOT NULL)" },
	{ 2, "INSERT INTO exercise_totals SELECT exercise,"
	    " sum(outcome = 'done'), sum(coalesce(feel IN ('fine', 'stretch'),"
	    " 0)), sum(coalesce(feel = 'discomfort', 0)),"
	    " sum(coalesce(feel IN ('sharp', 'tingling', 'burning', 'numb'),"
	    " 0)) FROM session_items GROUP BY exercise" },
	{ 2, "CREATE TRIGGER session_items_add AFTER INSERT ON session_items"
	    " BEGIN"
	    " INSERT INTO exercise_totals VALUES (NEW.exercise,"
	    "  NEW.outcome = 'done', coalesce(NEW.feel IN ('fine', 'stretch'),"
	    "  0), coalesce(NEW.feel = 'discomfort', 0), coalesce(NEW.feel IN"
	    "  ('sharp', 'tingling', 'burning', 'numb'), 0))"
	    "  ON CONFLICT (exercise) DO UPDATE SET"
	    "  done = done + excluded.done, good = good + excluded.good,"
	    "  fair = fair + excluded.fair, bad = bad + excluded.bad;"
	    " UPDATE sessions SET"
	    "  items_done = items_done + (NEW.outcome = 'done'),"
	    "  last_item_ms = max(coalesce(last_item_ms, NEW.finished_ms),"
	    "  NEW.finished_ms)"
	    "  WHERE id = NEW.session_id;"
	    " END" },
	{ 2, "CREATE TRIGGER session_items_remove AFTER DELETE ON session_items"
	    " BEGIN"
	    " UPDATE exercise_totals SET"
	    "  done = done - (OLD.outcome = 'done'),"
	    "  good = good - coalesce(OLD.feel IN ('fine', 'stretch'), 0),"
	    "  fair = fair - coalesce(OLD.feel = 'discomfort', 0),"
	    "  bad = bad - coalesce(OLD.feel IN ('sharp', 'tingling',"
	    "  'burning', 'numb'), 0)"
	    "  WHERE exercise = OLD.exercise;"
	    " UPDATE sessions SET"
	    "  items_done = items_done - (OLD.outcome = 'done'),"
	    "  last_item_ms = (SELECT max(finished_ms) FROM session_items i"
	    "  WHERE i.session_id = OLD.session_id)"
	    "  WHERE id = OLD.session_id;"
	    " END" },
	{ 2, "PRAGMA user_version = 2" },
	/* 3: what became of each break reminder. */
	{ 3, "CREATE TABLE reminders ("
	    " id INTEGER PRIMARY KEY,"
	    " kind TEXT NOT NULL CHECK (kind IN"
	    "  ('posture-reset', 'wall-angel', 'daily-session')),"
	    " due_ms INTEGER NOT NULL,"
	    " at_ms INTEGER NOT NULL,"
	    " tz_min INTEGER NOT NULL,"
	    " outcome TEXT NOT NULL CHECK (outcome IN"
	    "  ('taken', 'snoozed', 'skipped', 'missed', 'natural')))" },
	{ 3, "CREATE INDEX reminders_at ON reminders (at_ms)" },
	{ 3, "PRAGMA user_version = 3" },
	/*
	 * 4: a session that `start` closed because it was not resumed
	 * ended when it was found, hours or days after its last exercise,
	 * and counted all of that time in `stats`; it ended at that exercise.
	 */
	{ 4, "UPDATE sessions SET ended_ms = coalesce(last_item_ms,"
	    " started_ms) WHERE status = 'quit' AND end_reason = 'not resumed'" },
	{ 4, "PRAGMA user_version = 4" },
	/* 5: the program over weeks: where it started, and self-tests. */
	{ 5, "CREATE TABLE program ("
	    " id INTEGER PRIMARY KEY CHECK (id = 1),"
	    " start_day INTEGER NOT NULL,"
	    " start_phase TEXT NOT NULL CHECK (start_phase IN"
	    "  ('breathing', 'extension', 'ribcage', 'strength')),"
	    " set_ms INTEGER NOT NULL)" },
	{ 5, "CREATE TABLE selftests ("
	    " id INTEGER PRIMARY KEY,"
	    " uid TEXT NOT NULL UNIQUE,"
	    " at_ms INTEGER NOT NULL,"
	    " tz_min INTEGER NOT NULL,"
	    " test TEXT NOT NULL CHECK (test IN"
	    "  ('rotation', 'wall-angel', 'extension', 'breathing')),"
	    " value INTEGER NOT NULL,"
	    " extra INTEGER)" },
	{ 5, "CREATE INDEX selftests_at ON selftests (at_ms)" },
	{ 5, "PRAGMA user_version = 5" },
	/*
	 * 6: the program's replay kept at a day's start (store-program.c),
	 * dropped by these triggers as soon as the history before that day
	 * (sessions, their items, pain ratings) or the program's start
	 * changes. until_ms is the day's start in local time, as
	 * started_ms + tz_min minutes is a session's.
	 */
	{ 6, "CREATE TABLE program_checkpoint ("
	    " id INTEGER PRIMARY KEY CHECK (id = 1),"
	    " day INTEGER NOT NULL,"
	    " until_ms INTEGER NOT NULL,"
	    " data TEXT NOT NULL,"
	    " reviews TEXT NOT NULL)" },
#define CHECKPOINT_DROP(table, event, when) \
	{ 6, "CREATE TRIGGER program_checkpoint_" #table "_" #event \
	    " AFTER " #event " ON " #table " WHEN " when \
	    " < (SELECT until_ms FROM program_checkpoint)" \
	    " BEGIN DELETE FROM program_checkpoint; END" }
#define LOCAL(row, at)	#row "." #at " + " #row ".tz_min * 60000"
#define ITEM_LOCAL(ids)	"(SELECT min(started_ms + tz_min * 60000)" \
	    " FROM sessions WHERE id IN (" ids "))"
	CHECKPOINT_DROP(sessions, INSERT, LOCAL(NEW, started_ms)),
	CHECKPOINT_DROP(sessions, UPDATE, "min(" LOCAL(OLD, started_ms) ", "
	    LOCAL(NEW, started_ms) ")"),
	CHECKPOINT_DROP(sessions, DELETE, LOCAL(OLD, started_ms)),
	CHECKPOINT_DROP(session_items, INSERT, ITEM_LOCAL("NEW.session_id")),
	CHECKPOINT_DROP(session_items, UPDATE,
	    ITEM_LOCAL("OLD.session_id, NEW.session_id")),
	CHECKPOINT_DROP(session_items, DELETE, ITEM_LOCAL("OLD.session_id")),
	CHECKPOINT_DROP(pain_ratings, INSERT, LOCAL(NEW, at_ms)),
	CHECKPOINT_DROP(pain_ratings, UPDATE, "min(" LOCAL(OLD, at_ms) ", "
	    LOCAL(NEW, at_ms) ")"),
	CHECKPOINT_DROP(pain_ratings, DELETE, LOCAL(OLD, at_ms)),
	/* Any change of the start, whatever the checkpoint's day. */
#define BEFORE_ALL	"-9000000000000000000"
	CHECKPOINT_DROP(program, INSERT, BEFORE_ALL),
	CHECKPOINT_DROP(program, UPDATE, BEFORE_ALL),
	CHECKPOINT_DROP(program, DELETE, BEFORE_ALL),
#undef CHECKPOINT_DROP
#undef LOCAL
#undef ITEM_LOCAL
#undef BEFORE_ALL
	{ 6, "PRAGMA user_version = 6" },
	/*
	 * 7: the self-tests measure both sides: a third answer (the wall
	 * angel's slides), and which tests a result is of: 1 the earlier
	 * ones (an angle on the stiffer side, finger widths, yes or no),
	 * 2 those of docs/selftests.md.
	 */
	{ 7, "ALTER TABLE selftests ADD COLUMN more INTEGER" },
	{ 7, "ALTER TABLE selftests ADD COLUMN method INTEGER NOT NULL"
	    " DEFAULT 1 CHECK (method IN (1, 2))" },
	{ 7, "PRAGMA user_version = 7" },
	/*
	 * 8: a clinician's clearance, sign by sign: each row clears the
	 * question answered yes by the screen saved at at_ms (the time it
	 * was given). The next-day answers, one a day at most (answer NULL:
	 * asked and skipped), and notices said once.
	 */
	{ 8, "CREATE TABLE screen_clearances ("
	    " id INTEGER PRIMARY KEY,"
	    " at_ms INTEGER NOT NULL,"
	    " question TEXT NOT NULL,"
	    " UNIQUE (at_ms, question))" },
	{ 8, "CREATE TABLE nextday ("
	    " id INTEGER PRIMARY KEY,"
	    " day INTEGER NOT NULL UNIQUE,"
	    " at_ms INTEGER NOT NULL,"
	    " tz_min INTEGER NOT NULL,"
	    " answer TEXT CHECK (answer IN ('better', 'same', 'worse')))" },
	{ 8, "CREATE TABLE notices ("
	    " what TEXT PRIMARY KEY,"
	    " at_ms INTEGER NOT NULL)" },
	{ 8, "PRAGMA user_version = 8" },
	/*
	 * 9: the phones paired with `serve --lan`: each one's name and the
	 * secret its device cookie carries; forgetting one deletes its row,
	 * and with it the cookie's worth.
	 */
	{ 9, "CREATE TABLE devices ("
	    " id INTEGER PRIMARY KEY,"
	    " name TEXT NOT NULL UNIQUE,"
	    " secret TEXT NOT NULL UNIQUE CHECK (length(secret) = 32),"
	    " paired_ms INTEGER NOT NULL,"
	    " tz_min INTEGER NOT NULL)" },
	/*
	 * ... and how a self-test's angle was measured: by hand, by the
	 * phone's sensors (serve --lan), or by a camera.
	 */
	{ 9, "ALTER TABLE selftests ADD COLUMN measured_by TEXT NOT NULL"
	    " DEFAULT 'manual' CHECK (measured_by IN ('manual', 'phone',"
	    " 'camera'))" },
	{ 9, "PRAGMA user_version = 9" },
	/*
	 * 10: what the camera mode saw in a session, per exercise: reps
	 * counted, seconds held, and how often each form flag was said.
	 */
	{ 10, "CREATE TABLE camera_marks ("
	    " session_id INTEGER NOT NULL REFERENCES sessions(id)"
	    "  ON DELETE CASCADE,"
	    " exercise TEXT NOT NULL,"
	    " what TEXT NOT NULL CHECK (what IN"
	    "  ('reps', 'hold', 'chin', 'low-back', 'hips', 'shrug')),"
	    " value INTEGER NOT NULL CHECK (value >= 0),"
	    " PRIMARY KEY (session_id, exercise, what))" },
	{ 10, "PRAGMA user_version = 10" },
};
#define N_MIGRATIONS	(sizeof migrations / sizeof migrations[0])

/*
 * The statements kept prepared (see store_stmt()): each is a static
 * array, whose address is its key in the cache.
 */
static const char sql_begin[] =
    "BEGIN IMMEDIATE";
static const char sql_commit[] =
    "COMMIT";
static const char sql_rollback[] =
    "ROLLBACK";
/*
 * One statement, so the version and the number of schema objects
 * come from the same snapshot.
 */
static const char sql_version[] =
    "SELECT (SELECT user_version FROM pragma_user_version),"
    " (SELECT count(*) FROM sqlite_master)";
/* Changes when another connection commits (see store_stamp()). */
static const char sql_data_version[] =
    "PRAGMA data_version";
/*
 * The names the schema's CHECK constraints allow, indexed by store.h's
 * enums; the sizes make the compiler refuse a name too many.
 */
const char *const store_kind_names[STORE_KIND_BREAK + 2] = {
	[STORE_KIND_ROUTINE] = "routine",
	[STORE_KIND_BREAK] = "break",
};
const char *const store_end_names[STORE_END_STOPPED + 2] = {
	[STORE_END_FINISHED] = "finished",
	[STORE_END_QUIT] = "quit",
	[STORE_END_STOPPED] = "stopped",
};
/* From FEEL_FINE on: FEEL_NONE is not stored. */
const char *const store_feel_names[FEEL_COUNT - FEEL_FINE + 1] = {
	[FEEL_FINE - FEEL_FINE] = "fine",
	[FEEL_STRETCH - FEEL_FINE] = "stretch",
	[FEEL_DISCOMFORT - FEEL_FINE] = "discomfort",
	[FEEL_SHARP - FEEL_FINE] = "sharp",
	[FEEL_TINGLING - FEEL_FINE] = "tingling",
	[FEEL_BURNING - FEEL_FINE] = "burning",
	[FEEL_NUMB - FEEL_FINE] = "numb",
};
const char *const store_outcome_names[STORE_ITEM_STOPPED + 2] = {
	[STORE_ITEM_DONE] = "done",
	[STORE_ITEM_SKIPPED] = "skipped",
	[STORE_ITEM_STOPPED] = "stopped",
};
const char *const store_moment_names[STORE_MOMENT_CHECKIN + 2] = {
	[STORE_MOMENT_BEFORE] = "before",
	[STORE_MOMENT_AFTER] = "after",
	[STORE_MOMENT_CHECKIN] = "checkin",
};

const char *
store_name_find(const char *const *names, const char *s)
{
	size_t	i;

	if (s == NULL)
		return (NULL);
	for (i = 0; names[i] != NULL; i++)
		if (strcmp(names[i], s) == 0)
			return (names[i]);
	return (NULL);
}

const char *
store_name(const char *const *names, int i)
{
	int	j;

	if (i < 0)
		return (NULL);
	for (j = 0; j < i; j++)
		if (names[j] == NULL)
			return (NULL);
	return (names[i]);
}

static int	store_open_errno(const char *, int);

/* The storage failure this thread last met (store_failure_take()). */
static _Thread_local enum store_failure store_last_failure;

enum store_failure
store_failure_take(void)
{
	enum store_failure	f = store_last_failure;

	store_last_failure = STORE_FAIL_NONE;
	return (f);
}

const char *
store_failure_words(enum store_failure f)
{
	switch (f) {
	case STORE_FAIL_FULL:
		return ("the disk is full");
	case STORE_FAIL_UNWRITABLE:
		return ("the data folder is not writable");
	case STORE_FAIL_IO:
		return ("the disk could not be read or written");
	case STORE_FAIL_BUSY:
		return ("another program is holding the store");
	case STORE_FAIL_DAMAGED:
		return ("the file is damaged");
	default:
		return (NULL);
	}
}

enum store_failure
store_failure_of(int rc, int errnum)
{
	/*
	 * The errno first: SQLite says "disk I/O error" for a -shm file
	 * that cannot be created or grown on a full disk.
	 */
	switch (errnum) {
	case ENOSPC:
	case EDQUOT:
		return (STORE_FAIL_FULL);
	case EACCES:
	case EPERM:
	case EROFS:
		return (STORE_FAIL_UNWRITABLE);
	case EIO:
		return (STORE_FAIL_IO);
	default:
		break;
	}
	switch (rc & 0xff) {
	case SQLITE_FULL:
		return (STORE_FAIL_FULL);
	case SQLITE_READONLY:
	case SQLITE_PERM:
		return (STORE_FAIL_UNWRITABLE);
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		return (STORE_FAIL_IO);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return (STORE_FAIL_BUSY);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return (STORE_FAIL_DAMAGED);
	default:
		return (STORE_FAIL_NONE);
	}
}

void
store_dberr(struct store *s, char **err, const char *what)
{
	enum store_failure	f;

	if (*err != NULL)
		return;
	f = store_failure_of(sqlite3_extended_errcode(s->db),
	    sqlite3_system_errno(s->db));
	/*
	 * SQLite says "unable to open database file", with no errno, when
	 * a read-only folder has no room for the -shm file: see whether the
	 * file can be written.
	 */
	if (f == STORE_FAIL_IO && strcmp(s->path, ":memory:") != 0 &&
	    store_failure_of(0, store_open_errno(s->path, 0)) ==
	    STORE_FAIL_UNWRITABLE)
		f = STORE_FAIL_UNWRITABLE;
	if (f != STORE_FAIL_NONE) {
		store_last_failure = f;
		*err = xasprintf("cannot %s in '%s': %s (%s)", what, s->path,
		    store_failure_words(f), sqlite3_errmsg(s->db));
	} else
		*err = xasprintf("cannot %s in '%s': %s", what, s->path,
		    sqlite3_errmsg(s->db));
}

void
store_cause(char **cause, char *err)
{
	if (cause != NULL)
		*cause = err;
	else
		free(err);
}

/*
 * The kept statement for sql, one of the static arrays above, prepared on
 * first use; NULL on error. Each array's address is its key, so the
 * cache never compares text.
 */
static sqlite3_stmt *
store_stmt(struct store *s, const char *sql)
{
	size_t	i;

	for (i = 0; i < STORE_NSQL && s->sql[i] != NULL; i++)
		if (s->sql[i] == sql)
			return (s->st[i]);
	/* A statement more than there is room for is a bug, not a state. */
	if (i == STORE_NSQL)
		abort();
	if (sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &s->st[i], NULL) != SQLITE_OK)
		return (NULL);
	s->sql[i] = sql;
	return (s->st[i]);
}

void
store_stmt_done(sqlite3_stmt *st)
{
	if (st == NULL)
		return;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

int
store_vbind(sqlite3_stmt *st, const char *fmt, va_list ap)
{
	int64_t	v;
	int	i, rc = SQLITE_OK;

	for (i = 0; fmt[i] != '\0' && rc == SQLITE_OK; i++) {
		switch (fmt[i]) {
		case 'i':
			rc = sqlite3_bind_int(st, i + 1, va_arg(ap, int));
			break;
		case 'I':
			rc = sqlite3_bind_int64(st, i + 1, va_arg(ap, int64_t));
			break;
		case 'o':
		case 'O':
			v = fmt[i] == 'o' ? va_arg(ap, int) :
			    va_arg(ap, int64_t);
			rc = v == -1 ? sqlite3_bind_null(st, i + 1) :
			    sqlite3_bind_int64(st, i + 1, v);
			break;
		case 't':
			/* SQLite binds a NULL pointer as NULL. */
			rc = sqlite3_bind_text(st, i + 1,
			    va_arg(ap, const char *), -1, SQLITE_STATIC);
			break;
		default:
			rc = SQLITE_MISUSE;
			break;
		}
	}
	return (rc == SQLITE_OK ? 0 : -1);
}

int
store_bind(sqlite3_stmt *st, const char *fmt, ...)
{
	va_list	ap;
	int	ret;

	va_start(ap, fmt);
	ret = store_vbind(st, fmt, ap);
	va_end(ap);
	return (ret);
}

void
store_row(sqlite3_stmt *st, const char *fmt, ...)
{
	const char *const	*names;
	const char		*t;
	va_list			 ap;
	int			 i, null;

	va_start(ap, fmt);
	for (i = 0; fmt[i] != '\0'; i++) {
		/* The type first: reading the text may convert the value. */
		null = sqlite3_column_type(st, i) == SQLITE_NULL;
		t = strchr("tsun", fmt[i]) != NULL ?
		    (const char *)sqlite3_column_text(st, i) : NULL;
		switch (fmt[i]) {
		case 'i':
			*va_arg(ap, int *) = sqlite3_column_int(st, i);
			break;
		case 'I':
			*va_arg(ap, int64_t *) = sqlite3_column_int64(st, i);
			break;
		case 'o':
			*va_arg(ap, int *) = null ? -1 :
			    sqlite3_column_int(st, i);
			break;
		case 'O':
			*va_arg(ap, int64_t *) = null ? -1 :
			    sqlite3_column_int64(st, i);
			break;
		case 't':
			*va_arg(ap, char **) = t == NULL ? NULL : xstrdup(t);
			break;
		case 's':
			*va_arg(ap, char **) = xstrdup(t == NULL ? "" : t);
			break;
		case 'u':
			snprintf(va_arg(ap, char *), 33, "%s",
			    t == NULL ? "" : t);
			break;
		case 'n':
			names = va_arg(ap, const char *const *);
			*va_arg(ap, const char **) = store_name_find(names, t);
			break;
		default:
			break;
		}
	}
	va_end(ap);
}

void *
store_push(void *array, size_t *n, size_t size)
{
	char	*a;

	a = xreallocarray(array, *n + 1, size);
	memset(a + *n * size, 0, size);
	(*n)++;
	return (a);
}

/* store_step() with a va_list. */
static int
store_vstep(struct store *s, const char *sql, sqlite3_stmt **st,
    const char *fmt, va_list ap)
{
	if ((*st = store_stmt(s, sql)) == NULL)
		return (SQLITE_ERROR);
	if (store_vbind(*st, fmt, ap) != 0)
		return (SQLITE_ERROR);
	return (sqlite3_step(*st));
}

int
store_step(struct store *s, const char *sql, sqlite3_stmt **st,
    const char *fmt, ...)
{
	va_list	ap;
	int	rc;

	va_start(ap, fmt);
	rc = store_vstep(s, sql, st, fmt, ap);
	va_end(ap);
	return (rc);
}

/* Run a kept statement that takes nothing and returns no rows. 0 or -1. */
static int
store_run(struct store *s, const char *sql, char **err, const char *what)
{
	sqlite3_stmt	*st = NULL;
	int		 ret;

	if ((ret = store_step(s, sql, &st, "") == SQLITE_DONE ? 0 : -1) != 0)
		store_dberr(s, err, what);
	store_stmt_done(st);
	return (ret);
}

int
store_begin(struct store *s, char **err, const char *what)
{
	return (store_run(s, sql_begin, err, what));
}

int
store_commit(struct store *s, char **err, const char *what)
{
	if (store_run(s, sql_commit, err, what) == 0)
		return (0);
	if (!sqlite3_get_autocommit(s->db))
		(void)store_run(s, sql_rollback, err, what);
	return (-1);
}

void
store_rollback(struct store *s, char **err, const char *what)
{
	/* A failed statement may have rolled back already. */
	if (!sqlite3_get_autocommit(s->db))
		(void)store_run(s, sql_rollback, err, what);
}

int
store_exec(struct store *s, const char *sql, char **err, const char *what)
{
	sqlite3_stmt	*st = NULL;
	int		 rc;

	if ((rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL)) == SQLITE_OK)
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			;
	if (rc != SQLITE_DONE)
		store_dberr(s, err, what);
	sqlite3_finalize(st);
	return (rc == SQLITE_DONE ? 0 : -1);
}

int
store_done(struct store *s, int ret, int began, sqlite3_stmt *st,
    char *err, char **cause, const char *what)
{
	if (ret == -1)
		store_dberr(s, &err, what);
	store_stmt_done(st);
	if (began && ret != -1 && store_commit(s, &err, what) != 0)
		ret = -1;
	else if (began && ret == -1)
		store_rollback(s, &err, what);
	if (ret == -1)
		store_cause(cause, err);
	else
		free(err);
	return (ret);
}

int
store_write(struct store *s, const char *sql, const char *what, char *err,
    char **cause, const char *fmt, ...)
{
	sqlite3_stmt	*st = NULL;
	va_list		 ap;
	int		 rc = SQLITE_ERROR;

	va_start(ap, fmt);
	if (err == NULL)
		rc = store_vstep(s, sql, &st, fmt, ap);
	va_end(ap);
	return (store_done(s, rc == SQLITE_DONE ? 0 : -1, 0, st, err, cause,
	    what));
}

int
store_one(struct store *s, const char *sql, const char *what, int64_t *v,
    char **cause, const char *fmt, ...)
{
	sqlite3_stmt	*st = NULL;
	va_list		 ap;
	int		 ret = -1;

	va_start(ap, fmt);
	if (store_vstep(s, sql, &st, fmt, ap) == SQLITE_ROW) {
		ret = sqlite3_column_type(st, 0) == SQLITE_NULL;
		if (ret == 0)
			*v = sqlite3_column_int64(st, 0);
	}
	va_end(ap);
	return (store_done(s, ret, 0, st, NULL, cause, what));
}

/* What store_ids() reads: a query binding arg to ?1, and its action. */
static const struct {
	const char	*sql;
	const char	*what;
} ids_queries[STORE_IDS_COUNT] = {
	[STORE_IDS_SCREEN_YES] = {
	    "SELECT DISTINCT question FROM screen_answers a"
	    " WHERE answer = 1 AND ?1 = ?1 AND at_ms ="
	    "  (SELECT MAX(at_ms) FROM screen_answers b"
	    "   WHERE b.question = a.question)"
	    " ORDER BY question", "read the screen's answers" },
	[STORE_IDS_ASIDE] = {
	    "SELECT DISTINCT exercise FROM exercise_flags"
	    " WHERE until_ms > ?1 ORDER BY exercise",
	    "list exercises set aside" },
	[STORE_IDS_SESSION] = {
	    "SELECT exercise FROM session_items"
	    " WHERE session_id = ?1 ORDER BY position",
	    "list a session's exercises" },
	[STORE_IDS_SCREEN_AT] = {
	    "SELECT question FROM screen_answers"
	    " WHERE answer = 1 AND at_ms = ?1 ORDER BY id",
	    "read the screen's answers" },
	[STORE_IDS_CLEARED_AT] = {
	    "SELECT question FROM screen_clearances"
	    " WHERE at_ms = ?1 ORDER BY id",
	    "read the clinician's clearances" },
	/* Local day: as date_of_ms() counts it, from the stored offset. */
	[STORE_IDS_DAY_FEELS] = {
	    "SELECT i.exercise || ' ' || i.feel"
	    " FROM session_items i JOIN sessions s ON s.id = i.session_id"
	    " WHERE s.kind = 'routine'"
	    "  AND i.feel IN ('sharp', 'stretch')"
	    "  AND (s.started_ms + s.tz_min * 60000) / 86400000 = ?1"
	    " GROUP BY i.exercise, i.feel"
	    " ORDER BY i.feel = 'stretch', min(i.id)",
	    "read the day's exercises" },
};

int
store_ids(struct store *s, enum store_ids which, int64_t arg, char ***ids,
    size_t *n, char **cause)
{
	const char	*sql = ids_queries[which].sql;
	const char	*what = ids_queries[which].what;
	const char	*text;
	sqlite3_stmt	*st = NULL;
	char		**v = NULL;
	size_t		 nv = 0;
	int		 rc;

	for (rc = store_step(s, sql, &st, "I", arg); rc == SQLITE_ROW;
	    rc = sqlite3_step(st)) {
		text = (const char *)sqlite3_column_text(st, 0);
		v = xreallocarray(v, nv + 1, sizeof *v);
		v[nv++] = xstrdup(text == NULL ? "" : text);
	}
	if (rc != SQLITE_DONE) {
		store_ids_free(v, nv);
		v = NULL;
		nv = 0;
	}
	*ids = v;
	*n = nv;
	return (store_done(s, rc == SQLITE_DONE ? 0 : -1, 0, st, NULL, cause,
	    what));
}

void
store_ids_free(char **ids, size_t n)
{
	size_t	i;

	if (ids == NULL)
		return;
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}

/*
 * Read the schema version and the number of schema objects. A file that
 * is not a database, or a database with objects but no version (some other
 * program's), is refused. Returns 0 or -1 with *err.
 */
static int
store_version(struct store *s, int *version, char **err)
{
	sqlite3_stmt	*st;
	int		 rc = SQLITE_OK, ret = -1, objects = 0;

	*version = 0;
	if ((st = store_stmt(s, sql_version)) == NULL) {
		rc = sqlite3_errcode(s->db);
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*version = sqlite3_column_int(st, 0);
		objects = sqlite3_column_int(st, 1);
	}
	if (rc != SQLITE_DONE)
		goto out;
	if (*version == 0 && objects != 0) {
		rc = SQLITE_NOTADB;
		goto out;
	}
	ret = 0;
out:
	if (ret != 0 && rc == SQLITE_NOTADB && *err == NULL)
		*err = xasprintf("'%s' is not a midback database", s->path);
	else if (ret != 0)
		store_dberr(s, err, "read the schema version");
	store_stmt_done(st);
	return (ret);
}

int
store_stamp(struct store *s, int64_t *stamp, char **cause)
{
	sqlite3_stmt	*st;
	int		 ret = -1;

	if (store_step(s, sql_data_version, &st, "") == SQLITE_ROW) {
		/* Another's commits, and this connection's own changes. */
		*stamp = sqlite3_column_int64(st, 0) * ((int64_t)1 << 32) +
		    sqlite3_total_changes(s->db);
		ret = 0;
	}
	return (store_done(s, ret, 0, st, NULL, cause,
	    "read the data version"));
}

/* The error for a schema version this program does not know. */
static char *
store_newer(struct store *s, int version)
{
	return (xasprintf("'%s' is from a newer midback (schema %d, this one "
	    "knows %d)", s->path, version, STORE_SCHEMA_VERSION));
}

/*
 * Bring the schema from version to STORE_SCHEMA_VERSION in one
 * transaction. The version is read again under the write lock, because
 * another process may have migrated since. Returns 0 or -1 with *err.
 */
static int
store_migrate(struct store *s, char **err)
{
	const char	*what = "update the schema";
	size_t		 i;
	int		 version = 0;

	if (store_begin(s, err, what) != 0)
		return (-1);
	if (store_version(s, &version, err) != 0)
		goto fail;
	if (version > STORE_SCHEMA_VERSION) {
		*err = store_newer(s, version);
		goto fail;
	}
	for (i = 0; i < N_MIGRATIONS; i++) {
		if (migrations[i].version <= version)
			continue;
		if (store_exec(s, migrations[i].sql, err, what) != 0)
			goto fail;
	}
	/* Each version's last step records it; check none was forgotten. */
	if (store_version(s, &version, err) != 0)
		goto fail;
	if (version != STORE_SCHEMA_VERSION) {
		*err = xasprintf("cannot %s in '%s': the steps end at schema "
		    "%d, not %d", what, s->path, version,
		    STORE_SCHEMA_VERSION);
		goto fail;
	}
	return (store_commit(s, err, what));
fail:
	store_rollback(s, err, what);
	return (-1);
}

/*
 * Why path could not be opened, as an errno value. SQLite's own errno is
 * from its last try, which for a file it could not create is a read-only
 * open failing with ENOENT; asking the file system again says why the
 * read-write open failed. Returns tried if that finds no other reason.
 */
static int
store_open_errno(const char *path, int tried)
{
	const char	*slash;
	char		*dir;
	int		 fd, e;

	if (access(path, F_OK) == 0) {
		if ((fd = open(path, O_RDWR | O_CLOEXEC)) != -1) {
			close(fd);
			return (tried);
		}
		return (errno);
	}
	if (errno != ENOENT)
		return (errno);
	if ((slash = strrchr(path, '/')) == NULL)
		dir = xstrdup(".");
	else if (slash == path)
		dir = xstrdup("/");
	else
		dir = xstrndup(path, slash - path);
	e = access(dir, W_OK | X_OK) == 0 ? tried : errno;
	free(dir);
	return (e);
}

/*
 * Create the database file, if it is not there, readable by its owner
 * only, whatever the umask: SQLite would create it 0644 under the usual
 * umask, and it holds someone's pain ratings and notes. SQLite gives
 * the -wal and -shm files the mode of the database file (fchmod, so the
 * umask does not matter there either), so they follow. A file that is
 * there keeps its mode: we never loosen, nor second-guess, what its
 * owner chose. A failure here is left for sqlite3_open_v2() to report.
 */
static void
store_create_private(const char *path)
{
	int	fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) == -1)
		return;
	(void)fchmod(fd, 0600);
	close(fd);
}

DYNLIB_LIBRARY(store_sqlite, "libsqlite3.so.0", STORE_SQLITE_FUNCS);

struct store *
store_open(const char *path, char **cause)
{
	struct store	*s;
	struct timespec	 retry = { 0, STORE_RETRY_MS * 1000000L };
	char		*err = NULL;
	int		 rc, version = 0, saved, tries;

	if (dynlib_open(&store_sqlite, NULL, &err) != 0) {
		store_cause(cause, err);
		return (NULL);
	}
	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	if (strcmp(path, ":memory:") != 0 && file_mkdirs(path, &err) != 0) {
		store_last_failure = store_failure_of(0, errno);
		goto out;
	}
	if (strcmp(path, ":memory:") != 0)
		store_create_private(path);

	/*
	 * A handle is used by one thread only, so SQLite's own locking of
	 * every call (NOMUTEX turns it off) is pure cost: an eighth of
	 * `stats` on a long history.
	 */
	rc = sqlite3_open_v2(path, &s->db,
	    SQLITE_OPEN_READWRITE|SQLITE_OPEN_CREATE|SQLITE_OPEN_NOMUTEX,
	    NULL);
	if (rc != SQLITE_OK) {
		saved = s->db != NULL ? sqlite3_system_errno(s->db) : 0;
		saved = store_open_errno(path, saved);
		store_last_failure = store_failure_of(rc, saved);
		if (store_last_failure == STORE_FAIL_FULL ||
		    store_last_failure == STORE_FAIL_UNWRITABLE)
			err = xasprintf("cannot open '%s': %s (%s)", path,
			    store_failure_words(store_last_failure),
			    saved != 0 ? strerror(saved) : sqlite3_errstr(rc));
		else
			err = xasprintf("cannot open '%s': %s", path,
			    saved != 0 ? strerror(saved) : sqlite3_errstr(rc));
		goto out;
	}
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);

	/*
	 * Read before writing anything, even the journal mode: a file that
	 * is not ours, or is from a newer midback, must stay as it was.
	 */
	if (store_version(s, &version, &err) != 0)
		goto out;
	if (version > STORE_SCHEMA_VERSION) {
		err = store_newer(s, version);
		goto out;
	}
	if (sqlite3_db_readonly(s->db, "main") == 1) {
		err = xasprintf("cannot open '%s': the file is read-only",
		    path);
		goto out;
	}

	/*
	 * The journal mode stays in the file; the other two are ours.
	 * Changing the mode needs the file to itself, and SQLite answers
	 * SQLITE_BUSY at once, without the busy handler (which could
	 * deadlock there), while another process sets up the same new file:
	 * so it is tried again, for as long as the busy timeout.
	 */
	for (tries = 0; store_exec(s, "PRAGMA journal_mode = WAL", &err,
	    "set up") != 0; tries++) {
		if ((sqlite3_errcode(s->db) & 0xff) != SQLITE_BUSY ||
		    tries * STORE_RETRY_MS >= STORE_BUSY_MS)
			goto out;
		free(err);
		err = NULL;
		nanosleep(&retry, NULL);
	}
	if (store_exec(s, "PRAGMA foreign_keys = ON", &err, "set up") != 0 ||
	    store_exec(s, "PRAGMA synchronous = NORMAL", &err, "set up") != 0)
		goto out;
	if (version < STORE_SCHEMA_VERSION && store_migrate(s, &err) != 0)
		goto out;
out:
	if (err != NULL) {
		store_close(s);
		store_cause(cause, err);
		return (NULL);
	}
	return (s);
}

void
store_close(struct store *s)
{
	size_t	i;

	if (s == NULL)
		return;
	for (i = 0; i < STORE_NSQL; i++)
		sqlite3_finalize(s->st[i]);
	/* Every statement is finalized, so this cannot be SQLITE_BUSY. */
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

const char *
store_path(const struct store *s)
{
	return (s->path);
}
