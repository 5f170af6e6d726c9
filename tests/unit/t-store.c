/*
 * t-store.c -- the SQLite store, on real files in a temporary directory:
 * creating and migrating, refusing files that are not ours without
 * touching them, every call round-tripping, surviving a SIGKILL in the
 * middle of a session, and two processes writing at once.
 *
 * The tests read what was stored through a separate read-only SQLite
 * connection, so they check the file itself, not the store's own view.
 * Child processes never use cmocka: they report through their exit status
 * and a pipe.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "core/xmalloc.h"
#include "store/store.h"

/* The temporary directory of the running test. */
static char	tmpdir[64];

static int
setup(void **state)
{
	(void)state;
	strcpy(tmpdir, "/tmp/t-store.XXXXXX");
	return (mkdtemp(tmpdir) == NULL ? -1 : 0);
}

static int
remove_one(const char *path, const struct stat *sb, int flag,
    struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return (remove(path));
}

static int
teardown(void **state)
{
	(void)state;
	chmod(tmpdir, 0700);
	return (nftw(tmpdir, remove_one, 16, FTW_DEPTH | FTW_PHYS));
}

/* A path in the test's directory. The caller must free the result. */
static char *
tpath(const char *name)
{
	return (xasprintf("%s/%s", tmpdir, name));
}

static void
write_file(const char *path, const void *data, size_t len)
{
	FILE	*f;

	assert_non_null(f = fopen(path, "wb"));
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* The whole file, in *len bytes. The caller must free the result. */
static char *
read_whole(const char *path, size_t *len)
{
	FILE	*f;
	char	*buf = NULL;
	size_t	 n = 0, got;

	assert_non_null(f = fopen(path, "rb"));
	for (;;) {
		buf = xreallocarray(buf, n + 4096, 1);
		got = fread(buf + n, 1, 4096, f);
		n += got;
		if (got < 4096)
			break;
	}
	assert_int_equal(ferror(f), 0);
	fclose(f);
	*len = n;
	return (buf);
}

static int
file_exists(const char *path)
{
	struct stat	sb;

	return (stat(path, &sb) == 0);
}

/* Whether a journal, WAL or shared-memory file sits next to path. */
static int
side_files_exist(const char *path)
{
	static const char *const suffix[] = { "-journal", "-wal", "-shm" };
	char	*p;
	size_t	 i;
	int	 found = 0;

	for (i = 0; i < 3; i++) {
		p = xasprintf("%s%s", path, suffix[i]);
		found |= file_exists(p);
		free(p);
	}
	return (found);
}

/* Open path read-only, as a second process would. */
static sqlite3 *
raw_open(const char *path)
{
	sqlite3	*db = NULL;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY,
	    NULL), SQLITE_OK);
	return (db);
}

/* The one integer sql returns from path. */
static long long
raw_int(const char *path, const char *sql)
{
	sqlite3		*db = raw_open(path);
	sqlite3_stmt	*st = NULL;
	long long	 v;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return (v);
}

/* The one text sql returns from path ("NULL" for NULL). Caller frees. */
static char *
raw_text(const char *path, const char *sql)
{
	sqlite3		*db = raw_open(path);
	sqlite3_stmt	*st = NULL;
	const char	*t;
	char		*v;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	t = (const char *)sqlite3_column_text(st, 0);
	v = xstrdup(t == NULL ? "NULL" : t);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return (v);
}

static void
assert_raw_text(const char *path, const char *sql, const char *want)
{
	char	*got = raw_text(path, sql);

	assert_string_equal(got, want);
	free(got);
}

/* Run sql, which changes path, through a plain read-write connection. */
static void
raw_exec(const char *path, const char *sql)
{
	sqlite3	*db = NULL;
	char	*msg = NULL;

	assert_int_equal(sqlite3_open_v2(path, &db,
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(db);
}

/* Open path, failing the test with the cause if it cannot be. */
static struct store *
open_ok(const char *path)
{
	struct store	*s;
	char		*cause = NULL;

	if ((s = store_open(path, &cause)) == NULL)
		fail_msg("store_open: %s", cause);
	return (s);
}

/* Check that store_open(path) fails with exactly want. */
static void
assert_open_fails(const char *path, const char *want)
{
	char	*cause = NULL;

	assert_null(store_open(path, &cause));
	assert_non_null(cause);
	assert_string_equal(cause, want);
	free(cause);
}

/*
 * Check that call failed (-1) with a cause containing want. Inside call,
 * CAUSE names the cause argument.
 */
#define assert_fails_with(call, want) do {				\
	char	*cause_ = NULL;						\
									\
	assert_int_equal((call), -1);					\
	assert_non_null(cause_);					\
	if (strstr(cause_, (want)) == NULL)				\
		fail_msg("cause '%s' lacks '%s'", cause_, (want));	\
	free(cause_);							\
} while (0)
#define CAUSE	(&cause_)

/* Wait for a child; returns its exit status, or 128 + its signal. */
static int
wait_child(pid_t pid)
{
	int	status;

	while (waitpid(pid, &status, 0) == -1)
		assert_int_equal(errno, EINTR);
	if (WIFSIGNALED(status))
		return (128 + WTERMSIG(status));
	return (WEXITSTATUS(status));
}

static void
sleep_ms(long ms)
{
	struct timespec	ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* What schema 10 added (the camera mode's marks). */
#define UNDO_10 " DROP TABLE camera_marks;"
/* What schema 9 added (the paired devices, how a test was measured). */
#define UNDO_9 UNDO_10 " DROP TABLE devices;" \
	" ALTER TABLE selftests DROP COLUMN measured_by;"
/* What schema 8 added (clearances by sign, next-day answers, notices). */
#define UNDO_8 UNDO_9 \
	" DROP TABLE screen_clearances; DROP TABLE nextday;" \
	" DROP TABLE notices;"
/* What schema 6 added, to take a file back to before it (and 8's). */
#define UNDO_6 UNDO_8 \
	" DROP TRIGGER program_checkpoint_program_INSERT;" \
	" DROP TRIGGER program_checkpoint_program_UPDATE;" \
	" DROP TRIGGER program_checkpoint_program_DELETE;" \
	" DROP TRIGGER program_checkpoint_sessions_INSERT;" \
	" DROP TRIGGER program_checkpoint_sessions_UPDATE;" \
	" DROP TRIGGER program_checkpoint_sessions_DELETE;" \
	" DROP TRIGGER program_checkpoint_session_items_INSERT;" \
	" DROP TRIGGER program_checkpoint_session_items_UPDATE;" \
	" DROP TRIGGER program_checkpoint_session_items_DELETE;" \
	" DROP TRIGGER program_checkpoint_pain_ratings_INSERT;" \
	" DROP TRIGGER program_checkpoint_pain_ratings_UPDATE;" \
	" DROP TRIGGER program_checkpoint_pain_ratings_DELETE;" \
	" DROP TABLE program_checkpoint;"

static const char plan_json[] =
    "{\"routine\":\"desk\",\"items\":[{\"id\":\"cat-camel\",\"sets\":2},"
    "{\"id\":\"thread-the-needle\",\"side\":\"left\"}],"
    "\"note\":\"it's \\\"quoted\\\" \xc3\xa9\"}";

static void
open_creates_schema_in_wal_mode(void **state)
{
	struct store	*s;
	struct stat	 sb;
	char		*path = tpath("a/b/midback.db"), *dir;

	(void)state;
	s = open_ok(path);
	assert_string_equal(store_path(s), path);
	store_close(s);

	dir = tpath("a/b");
	assert_int_equal(stat(dir, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	assert_int_equal(sb.st_mode & 077, 0);
	free(dir);
	dir = tpath("a");
	assert_int_equal(stat(dir, &sb), 0);
	assert_int_equal(sb.st_mode & 077, 0);
	free(dir);

	assert_int_equal(raw_int(path, "PRAGMA user_version"), 10);
	assert_int_equal(STORE_SCHEMA_VERSION, 10);
	assert_raw_text(path, "PRAGMA journal_mode", "wal");
	assert_raw_text(path, "SELECT group_concat(name, ' ') FROM"
	    " (SELECT name FROM sqlite_master WHERE type = 'table'"
	    " ORDER BY name)",
	    "acknowledgements camera_marks devices exercise_flags"
	    " exercise_totals nextday notices"
	    " pain_ratings program program_checkpoint reminders screen_answers"
	    " screen_clearances selftests session_items sessions");
	assert_raw_text(path, "SELECT group_concat(name, ' ') FROM"
	    " (SELECT name FROM sqlite_master WHERE type = 'index'"
	    " AND name NOT LIKE 'sqlite_%' ORDER BY name)",
	    "exercise_flags_until pain_ratings_at pain_ratings_session"
	    " pain_ratings_uid reminders_at selftests_at session_items_done"
	    " sessions_running sessions_started sessions_stats sessions_uid");
	/*
	 * The unique (session, position) index serves "by session"; the
	 * other serves "when was it last done".
	 */
	assert_int_equal(raw_int(path, "SELECT count(*) FROM sqlite_master"
	    " WHERE type = 'index' AND tbl_name = 'session_items'"), 2);
	free(path);
}

static void
version_1_gains_uids_and_keeps_its_rows(void **state)
{
	struct store		*s;
	struct store_pain	 p = {
		5000, 60, 0, STORE_MOMENT_CHECKIN, 3, -1, NULL
	};
	char			*path = tpath("v1.db");
	int64_t			 id;

	(void)state;
	s = open_ok(path);
	assert_int_equal(store_session_begin(s, STORE_KIND_ROUTINE, 1000, 60,
	    plan_json, &id, NULL), 0);
	assert_int_equal(store_session_begin(s, STORE_KIND_BREAK, 2000, 60,
	    plan_json, &id, NULL), 0);
	assert_int_equal(store_pain_add(s, &p, NULL, NULL), 0);
	store_close(s);
	/* Take the file back to what version 1 wrote. */
	raw_exec(path, UNDO_6 " DROP INDEX sessions_uid;"
	    " DROP INDEX pain_ratings_uid;"
	    " DROP INDEX session_items_done; DROP INDEX sessions_stats;"
	    " DROP TRIGGER session_items_add;"
	    " DROP TRIGGER session_items_remove; DROP TABLE exercise_totals;"
	    " ALTER TABLE sessions DROP COLUMN items_done;"
	    " ALTER TABLE sessions DROP COLUMN last_item_ms;"
	    " ALTER TABLE sessions DROP COLUMN uid;"
	    " ALTER TABLE pain_ratings DROP COLUMN uid;"
	    " DROP TABLE reminders; DROP TABLE program;"
	    " DROP TABLE selftests;"
	    " PRAGMA user_version = 1;");

	s = open_ok(path);
	store_close(s);
	assert_int_equal(raw_int(path, "PRAGMA user_version"), 10);
	assert_int_equal(raw_int(path, "SELECT count(DISTINCT uid) FROM"
	    " sessions WHERE length(uid) = 32"), 2);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM pain_ratings"
	    " WHERE length(uid) = 32"), 1);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM sessions"
	    " WHERE started_ms IN (1000, 2000)"), 2);
	free(path);
}

/*
 * Version 4 ends each session that was closed as not resumed at its last
 * exercise (or its start), not when it was found; other sessions keep
 * their end.
 */
static void
version_3_ends_unresumed_sessions_at_their_last_item(void **state)
{
	struct store		*s;
	struct store_item	 it = {
		.position = 0, .exercise = "wall-angel",
		.outcome = STORE_ITEM_DONE,
		.finished_ms = 2100
	};
	char			*path = tpath("v3.db");
	int64_t			 a, b, c;

	(void)state;
	s = open_ok(path);
	assert_int_equal(store_session_begin(s, STORE_KIND_ROUTINE, 1000, 0,
	    "[1]", &a, NULL), 0);
	assert_int_equal(store_session_item(s, a, &it, NULL), 0);
	assert_int_equal(store_session_end(s, a, STORE_END_QUIT, 90000000,
	    "not resumed", NULL), 0);
	assert_int_equal(store_session_begin(s, STORE_KIND_ROUTINE, 5000, 0,
	    "[2]", &b, NULL), 0);
	assert_int_equal(store_session_end(s, b, STORE_END_QUIT, 95000000,
	    "not resumed", NULL), 0);
	assert_int_equal(store_session_begin(s, STORE_KIND_ROUTINE, 7000, 0,
	    "[3]", &c, NULL), 0);
	assert_int_equal(store_session_end(s, c, STORE_END_QUIT, 9000, NULL,
	    NULL), 0);
	store_close(s);
	raw_exec(path, UNDO_6 " DROP TABLE program; DROP TABLE selftests;"
	    " PRAGMA user_version = 3;");

	s = open_ok(path);
	store_close(s);
	assert_int_equal(raw_int(path, "PRAGMA user_version"), 10);
	assert_raw_text(path, "SELECT group_concat(ended_ms, ' ') FROM"
	    " (SELECT ended_ms FROM sessions ORDER BY id)", "2100 5000 9000");
	free(path);
}

/*
 * Schema 7: self-test results kept before it are of the earlier tests
 * (method 1), with no third answer; those kept now are of method 2.
 */
static void
migration_7_marks_earlier_selftests(void **state)
{
	struct store			*s;
	struct store_program_data	 d;
	struct store_selftest		 t;
	char				*path = tpath("m7.db"), *cause = NULL;

	(void)state;
	s = open_ok(path);
	store_close(s);
	raw_exec(path, UNDO_8 "ALTER TABLE selftests DROP COLUMN more;"
	    " ALTER TABLE selftests DROP COLUMN method;"
	    " INSERT INTO selftests (uid, at_ms, tz_min, test, value, extra)"
	    " VALUES ('0000000000000000000000000000a001', 1000, 0,"
	    " 'rotation', 36, NULL);"
	    " PRAGMA user_version = 6;");
	s = open_ok(path);
	assert_int_equal(raw_int(path, "PRAGMA user_version"), 10);
	memset(&t, 0, sizeof t);
	t.at_ms = 2000;
	t.test = 0;
	t.value = 40;
	t.extra = 32;
	t.more = -1;
	t.method = STORE_TEST_METHOD;
	assert_int_equal(store_selftest_add(s, &t, &cause), 0);
	/* A result of neither method, or not whole, is refused. */
	t.method = 3;
	assert_int_equal(store_selftest_add(s, &t, &cause), -1);
	free(cause);
	cause = NULL;
	t.method = STORE_TEST_METHOD;
	t.extra = -1;
	assert_int_equal(store_selftest_add(s, &t, &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(store_selftests(s, &d, &cause), 0);
	assert_int_equal(d.ntests, 2);
	assert_int_equal(d.tests[0].method, 1);
	assert_int_equal(d.tests[0].value, 36);
	assert_int_equal(d.tests[0].extra, -1);
	assert_int_equal(d.tests[0].more, -1);
	assert_int_equal(d.tests[1].method, STORE_TEST_METHOD);
	assert_int_equal(d.tests[1].extra, 32);
	store_program_data_release(&d);
	store_close(s);
	free(path);
}

/* Fill a store with one finished routine, one running break, a check-in. */
static void
history_fill(struct store *s)
{
	struct store_item	 it0 = {
		.position = 0, .exercise = "cat-camel", .side = NULL,
		.sets_done = 2, .reps_done = 8, .feel = FEEL_FINE,
		.outcome = STORE_ITEM_DONE, .finished_ms = 10060000
	};
	struct store_item	 it1 = {
		.position = 1, .exercise = "thread-the-needle", .side = "left",
		.holds_done = 3, .feel = FEEL_NONE,
		.outcome = STORE_ITEM_STOPPED,
		.finished_ms = 10120000
	};
	struct store_pain	 p = {
		20000000, 120, 0, STORE_MOMENT_CHECKIN, 4, 6,
		"stiff, after \"the\" drive"
	};
	int64_t			 id;

	assert_int_equal(store_session_begin(s, STORE_KIND_ROUTINE, 10000000,
	    60, plan_json, &id, NULL), 0);
	assert_int_equal(store_session_pain(s, id, STORE_MOMENT_BEFORE, 3,
	    NULL), 0);
	assert_int_equal(store_session_item(s, id, &it0, NULL), 0);
	assert_int_equal(store_session_item(s, id, &it1, NULL), 0);
	assert_int_equal(store_session_end(s, id, STORE_END_STOPPED, 10200000,
	    "pain", NULL), 0);
	assert_int_equal(store_session_begin(s, STORE_KIND_BREAK, 30000000, 60,
	    plan_json, &id, NULL), 0);
	assert_int_equal(store_pain_add(s, &p, NULL, NULL), 0);
}

static void
history_reads_sessions_items_and_checkins(void **state)
{
	struct store		*s;
	struct store_history	 h = STORE_HISTORY_INIT;
	char			*path = tpath("midback.db");

	(void)state;
	s = open_ok(path);
	history_fill(s);
	assert_int_equal(store_history(s, INT64_MIN, INT64_MAX, &h, NULL), 0);
	assert_int_equal(h.nsessions, 2);
	assert_string_equal(h.sessions[0].kind, "routine");
	assert_string_equal(h.sessions[0].status, "stopped");
	assert_string_equal(h.sessions[0].end_reason, "pain");
	assert_int_equal(h.sessions[0].ended_ms, 10200000);
	assert_int_equal(h.sessions[0].pain_before, 3);
	assert_int_equal(h.sessions[0].pain_after, -1);
	assert_int_equal(strlen(h.sessions[0].uid), 32);
	assert_string_equal(h.sessions[0].plan_json, plan_json);
	assert_int_equal(h.sessions[0].nitems, 2);
	assert_string_equal(h.sessions[0].items[0].exercise, "cat-camel");
	assert_null(h.sessions[0].items[0].side);
	assert_string_equal(h.sessions[0].items[0].feel, "fine");
	assert_string_equal(h.sessions[0].items[1].side, "left");
	assert_null(h.sessions[0].items[1].feel);
	assert_string_equal(h.sessions[0].items[1].outcome, "stopped");
	assert_int_equal(h.sessions[0].items[1].holds_done, 3);
	assert_string_equal(h.sessions[1].kind, "break");
	assert_string_equal(h.sessions[1].status, "running");
	assert_int_equal(h.sessions[1].ended_ms, -1);
	assert_int_equal(h.sessions[1].nitems, 0);
	assert_int_equal(h.ncheckins, 1);
	assert_int_equal(h.checkins[0].pain, 4);
	assert_int_equal(h.checkins[0].stiffness, 6);
	assert_int_equal(h.checkins[0].tz_min, 120);
	assert_string_equal(h.checkins[0].note, "stiff, after \"the\" drive");
	store_history_release(&h);
	assert_int_equal(h.nsessions, 0);

	/* The range is on the start, from inclusive, to exclusive. */
	assert_int_equal(store_history(s, 10000001, 30000001, &h, NULL), 0);
	assert_int_equal(h.nsessions, 1);
	assert_string_equal(h.sessions[0].kind, "break");
	assert_int_equal(h.ncheckins, 1);
	store_history_release(&h);
	assert_int_equal(store_history(s, 0, 10000000, &h, NULL), 0);
	assert_int_equal(h.nsessions + h.ncheckins, 0);
	store_history_release(&h);
	store_close(s);
	free(path);
}

static void
import_adds_only_what_is_missing(void **state)
{
	struct store		*a, *b;
	struct store_history	 h = STORE_HISTORY_INIT, h2 = STORE_HISTORY_INIT;
	char			*pa = tpath("a.db"), *pb = tpath("b.db");
	int			 ns, nc;

	(void)state;
	a = open_ok(pa);
	history_fill(a);
	assert_int_equal(store_history(a, INT64_MIN, INT64_MAX, &h, NULL), 0);
	b = open_ok(pb);
	assert_int_equal(store_import(b, &h, &ns, &nc, NULL, NULL, NULL), 0);
	assert_int_equal(ns, 2);
	assert_int_equal(nc, 1);
	assert_int_equal(store_import(b, &h, &ns, &nc, NULL, NULL, NULL), 0);
	assert_int_equal(ns, 0);
	assert_int_equal(nc, 0);
	assert_int_equal(raw_int(pb, "SELECT count(*) FROM session_items"), 2);

	assert_int_equal(store_history(b, INT64_MIN, INT64_MAX, &h2, NULL),
	    0);
	assert_int_equal(h2.nsessions, 2);
	assert_string_equal(h2.sessions[0].uid, h.sessions[0].uid);
	assert_string_equal(h2.sessions[1].uid, h.sessions[1].uid);
	assert_string_equal(h2.sessions[0].items[1].side, "left");
	assert_string_equal(h2.checkins[0].uid, h.checkins[0].uid);
	assert_string_equal(h2.checkins[0].note, h.checkins[0].note);
	store_history_release(&h2);

	/* One bad item and nothing of the import lands. */
	raw_exec(pb, "DELETE FROM session_items; DELETE FROM sessions;"
	    " DELETE FROM pain_ratings;");
	h.sessions[0].items[0].feel = "wobbly";
	assert_int_equal(store_import(b, &h, &ns, &nc, NULL, NULL, NULL), -1);
	assert_int_equal(raw_int(pb, "SELECT count(*) FROM sessions"), 0);
	assert_int_equal(raw_int(pb, "SELECT count(*) FROM pain_ratings"), 0);
	h.sessions[0].items[0].feel = "fine";
	/* A failure inside the transaction rolls all of it back too. */
	h.sessions[1].started_ms = h.sessions[0].started_ms;
	h.checkins[0].pain = 11;
	assert_int_equal(store_import(b, &h, &ns, &nc, NULL, NULL, NULL), -1);
	assert_int_equal(raw_int(pb, "SELECT count(*) FROM sessions"), 0);
	h.checkins[0].pain = 4;
	h.sessions[0].items[1].holds_done = -1;
	assert_int_equal(store_import(b, &h, &ns, &nc, NULL, NULL, NULL), -1);
	assert_int_equal(raw_int(pb, "SELECT count(*) FROM sessions"), 0);
	assert_int_equal(raw_int(pb, "SELECT count(*) FROM session_items"), 0);

	store_history_release(&h);
	store_close(a);
	store_close(b);
	free(pa);
	free(pb);
}

static void
stats_rows_come_from_running_totals(void **state)
{
	struct store		*s;
	struct store_stats	 ss = STORE_STATS_INIT;
	char			*path = tpath("midback.db");

	(void)state;
	s = open_ok(path);
	history_fill(s);
	assert_int_equal(store_flag_add(s, "cat-camel", "sharp", 100, 5000,
	    NULL), 0);
	assert_int_equal(store_flag_add(s, "cat-camel", "sharp", 100, 9000,
	    NULL), 0);
	assert_int_equal(store_flag_add(s, "open-book", "sharp", 100, 200,
	    NULL), 0);
	assert_int_equal(store_stats(s, 0, 1000, &ss, NULL), 0);

	/* The routine ran 200 s and counts; the break never ended. */
	assert_int_equal(ss.nacts, 2);
	assert_int_equal(ss.acts[0].kind == STATS_BREAK ? 1 : 0, 0);
	assert_int_equal(ss.acts[0].active_s, 200);
	assert_int_equal(ss.acts[0].counts, 1);
	assert_int_equal(ss.acts[0].tz_min, 60);
	assert_int_equal(ss.acts[1].kind, STATS_BREAK);
	assert_int_equal(ss.acts[1].active_s, 0);
	assert_int_equal(ss.acts[1].counts, 0);
	/* Pain before the routine and the check-in. */
	assert_int_equal(ss.npains, 2);
	/*
	 * cat-camel done and fine; thread-the-needle, stopped and not
	 * rated, has nothing to count.
	 */
	assert_int_equal(ss.nexs, 1);
	assert_string_equal(ss.exs[0].id, "cat-camel");
	assert_int_equal(ss.exs[0].done, 1);
	assert_int_equal(ss.exs[0].good, 1);
	assert_int_equal(raw_int(path, "SELECT done FROM exercise_totals"
	    " WHERE exercise = 'thread-the-needle'"), 0);
	assert_int_equal(ss.nflags, 1);
	assert_string_equal(ss.flags[0].id, "cat-camel");
	assert_int_equal(ss.flags[0].until_ms, 9000);
	store_stats_release(&ss);

	/* Only ratings from pains_from on. */
	assert_int_equal(store_stats(s, 15000000, 1000, &ss, NULL), 0);
	assert_int_equal(ss.npains, 1);
	store_stats_release(&ss);

	/* The totals follow deletes too, and match a count of the items. */
	raw_exec(path, "PRAGMA foreign_keys = ON; DELETE FROM sessions"
	    " WHERE kind = 'routine'");
	assert_int_equal(raw_int(path, "SELECT done + good + fair + bad FROM"
	    " exercise_totals WHERE exercise = 'cat-camel'"), 0);
	store_close(s);
	free(path);
}

static void
reminders_are_counted_by_outcome(void **state)
{
	struct store	*s;
	char		*path = tpath("midback.db"), *cause = NULL;
	int		 c[STORE_NOUTCOMES], done;

	(void)state;
	s = open_ok(path);
	assert_int_equal(store_reminder_add(s, "posture-reset", 100, 110, 60,
	    "taken", NULL), 0);
	assert_int_equal(store_reminder_add(s, "wall-angel", 200, 210, 60,
	    "snoozed", NULL), 0);
	assert_int_equal(store_reminder_add(s, "wall-angel", 300, 310, 60,
	    "taken", NULL), 0);
	assert_int_equal(store_reminder_add(s, "daily-session", 400, 410, 60,
	    "missed", NULL), 0);
	assert_int_equal(store_reminder_add(s, "nap", 1, 1, 0, "taken",
	    &cause), -1);
	assert_string_equal(cause, "cannot record a reminder: unknown kind "
	    "'nap'");
	free(cause);
	assert_int_equal(store_reminder_add(s, "wall-angel", 1, 1, 0,
	    "ignored", NULL), -1);
	assert_int_equal(store_reminder_counts(s, 0, c, NULL), 0);
	assert_int_equal(c[0], 2);	/* taken */
	assert_int_equal(c[1], 1);	/* snoozed */
	assert_int_equal(c[2], 0);	/* skipped */
	assert_int_equal(c[3], 1);	/* missed */
	assert_int_equal(store_reminder_counts(s, 300, c, NULL), 0);
	assert_int_equal(c[0], 1);
	assert_int_equal(c[3], 1);

	history_fill(s);
	assert_int_equal(store_routine_done(s, 0, 10000000, &done, NULL), 0);
	assert_int_equal(done, 0);
	assert_int_equal(store_routine_done(s, 10000000, 10000001, &done,
	    NULL), 0);
	assert_int_equal(done, 1);
	store_close(s);
	free(path);
}

/* Paired phones: kept by name and secret, found, listed, forgotten. */
static void
devices_are_kept_found_and_forgotten(void **state)
{
	struct store		*s;
	struct store_device	*v;
	char			*path = tpath("devices.db"), *name, *cause = NULL;
	const char		*a = "0123456789abcdef0123456789abcdef",
				*b = "fedcba9876543210fedcba9876543210";
	size_t			 n;
	int			 gone;

	(void)state;
	s = open_ok(path);
	assert_int_equal(store_device_add(s, "Pixel 8, paired 5 Dec 10:02", a,
	    2000, 60, NULL), 0);
	assert_int_equal(store_device_add(s, "iPhone, paired 5 Dec 10:05", b,
	    1000, 60, NULL), 0);
	/* A name or a secret kept already is refused, and nothing added. */
	assert_int_equal(store_device_add(s, "iPhone, paired 5 Dec 10:05",
	    "00000000000000000000000000000000", 3000, 60, &cause), -1);
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	assert_int_equal(store_device_add(s, "x", "short", 3000, 60, &cause),
	    -1);
	free(cause);
	assert_int_equal(store_device_find(s, a, &name, NULL), 0);
	assert_string_equal(name, "Pixel 8, paired 5 Dec 10:02");
	free(name);
	assert_int_equal(store_device_find(s,
	    "11111111111111111111111111111111", &name, NULL), 1);
	assert_null(name);
	assert_int_equal(store_devices(s, &v, &n, NULL), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].name, "iPhone, paired 5 Dec 10:05");
	assert_int_equal(v[1].paired_ms, 2000);
	store_devices_free(v, n);
	assert_int_equal(store_device_forget(s, "Pixel 8, paired 5 Dec 10:02",
	    &gone, NULL), 0);
	assert_int_equal(gone, 1);
	assert_int_equal(store_device_forget(s, "Pixel 8, paired 5 Dec 10:02",
	    &gone, NULL), 0);
	assert_int_equal(gone, 0);
	assert_int_equal(store_device_find(s, a, &name, NULL), 1);
	store_close(s);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM devices"), 1);
	free(path);
}

static void
reopen_is_a_no_op(void **state)
{
	struct store			*s;
	struct store_session_info	 info = STORE_SESSION_INFO_INIT;
	char				*path = tpath("midback.db");
	char				*before, *after;
	size_t				 nbefore, nafter;
	int64_t				 id;

	(void)state;
	s = open_ok(path);
	assert_int_equal(store_session_begin(s, STORE_KIND_ROUTINE, 1000, 60,
	    plan_json, &id, NULL), 0);
	store_close(s);
	before = read_whole(path, &nbefore);

	s = open_ok(path);
	assert_int_equal(store_unfinished(s, STORE_KIND_ROUTINE, &info, NULL),
	    0);
	assert_int_equal(info.id, id);
	store_session_info_release(&info);
	store_close(s);
	s = open_ok(path);
	store_close(s);

	after = read_whole(path, &nafter);
	assert_int_equal(nafter, nbefore);
	assert_memory_equal(after, before, nbefore);
	assert_int_equal(raw_int(path, "PRAGMA user_version"), 10);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM sessions"), 1);
	free(before);
	free(after);
	free(path);
}

static void
session_round_trips(void **state)
{
	struct store			*s;
	struct store_session_info	 info = STORE_SESSION_INFO_INIT;
	struct store_item		 it0 = {
		.position = 0, .exercise = "cat-camel", .side = NULL,
		.sets_done = 2, .reps_done = 8, .holds_done = 0,
		.breaths_done = 0, .feel = FEEL_NONE,
		.outcome = STORE_ITEM_DONE,
		.finished_ms = 1700000060000
	};
	struct store_item		 it1 = {
		.position = 1, .exercise = "thread-the-needle", .side = "left",
		.sets_done = 1, .reps_done = 0, .holds_done = 3,
		.breaths_done = 5, .feel = FEEL_STRETCH,
		.outcome = STORE_ITEM_SKIPPED,
		.finished_ms = 1700000120000
	};
	char				*path = tpath("midback.db");
	int64_t				 id;

	(void)state;
	s = open_ok(path);
	assert_int_equal(store_unfinished(s, STORE_KIND_ROUTINE, &info, NULL),
	    1);
	assert_null(info.plan_json);
	assert_int_equal(store_session_begin(s, STORE_KIND_ROUTINE,
	    1700000000000, -300, plan_json, &id, NULL), 0);
	assert_true(id > 0);
	assert_int_equal(store_session_pain(s, id, STORE_MOMENT_BEFORE, 3,
	    NULL), 0);
	assert_int_equal(store_session_item(s, id, &it0, NULL), 0);
	assert_int_equal(store_session_item(s, id, &it1, NULL), 0);

	assert_int_equal(store_unfinished(s, STORE_KIND_ROUTINE, &info, NULL),
	    0);
	assert_int_equal(info.id, id);
	assert_string_equal(info.kind, "routine");
	assert_int_equal(info.started_ms, 1700000000000);
	assert_int_equal(info.tz_min, -300);
	assert_string_equal(info.plan_json, plan_json);
	assert_int_equal(info.n_items, 2);
	store_session_info_release(&info);
	assert_null(info.plan_json);

	assert_int_equal(store_session_end(s, id, STORE_END_FINISHED,
	    1700000200000, "all done", NULL), 0);
	assert_int_equal(store_session_pain(s, id, STORE_MOMENT_AFTER, 1, NULL),
	    0);
	assert_int_equal(store_unfinished(s, STORE_KIND_ROUTINE, &info, NULL),
	    1);
	store_close(s);

	assert_raw_text(path, "SELECT kind || ' ' || started_ms || ' ' ||"
	    " tz_min || ' ' || ended_ms || ' ' || status || ' ' ||"
	    " pain_before || ' ' || pain_after || ' ' || end_reason"
	    " FROM sessions",
	    "routine 1700000000000 -300 1700000200000 finished 3 1 all done");
	assert_raw_text(path, "SELECT plan_json FROM sessions", plan_json);
	assert_raw_text(path, "SELECT group_concat(r, '|') FROM (SELECT"
	    " position || ' ' || exercise || ' ' || ifnull(side, '-') || ' ' ||"
	    " sets_done || ' ' || reps_done || ' ' || holds_done || ' ' ||"
	    " breaths_done || ' ' || ifnull(feel, '-') || ' ' || outcome ||"
	    " ' ' || finished_ms AS r FROM session_items ORDER BY position)",
	    "0 cat-camel - 2 8 0 0 - done 1700000060000|"
	    "1 thread-the-needle left 1 0 3 5 stretch skipped 1700000120000");
	free(path);
}

static void
session_calls_refuse_what_cannot_be_stored(void **state)
{
	struct store		*s;
	struct store_item	 it = {
		.position = 0, .exercise = "cat-camel",
		.outcome = STORE_ITEM_DONE,
		.finished_ms = 5000
	};
	char			*path = tpath("midback.db");
	int64_t			 id, other;

	(void)state;
	s = open_ok(path);
	assert_fails_with(store_session_begin(s, (enum store_kind)7, 1000, 0,
	    "{}", &id, CAUSE), "unknown session kind 7");
	assert_fails_with(store_session_begin(s, STORE_KIND_BREAK, 1000, 0,
	    NULL, &id, CAUSE), "no plan");
	assert_int_equal(store_session_begin(s, STORE_KIND_BREAK, 1000, 0, "{}",
	    &id, NULL), 0);

	assert_fails_with(store_session_item(s, id + 1, &it, CAUSE),
	    "no session");
	assert_int_equal(store_session_item(s, id, &it, NULL), 0);
	assert_fails_with(store_session_item(s, id, &it, CAUSE),
	    "already has position 0");
	it.position = 1;
	it.feel = FEEL_COUNT;
	assert_fails_with(store_session_item(s, id, &it, CAUSE),
	    "unknown feel 8");
	it.feel = FEEL_SHARP;
	it.outcome = (enum store_outcome)3;
	assert_fails_with(store_session_item(s, id, &it, CAUSE),
	    "unknown outcome 3");
	it.outcome = STORE_ITEM_STOPPED;
	it.sets_done = -1;
	assert_fails_with(store_session_item(s, id, &it, CAUSE),
	    "CHECK constraint failed");
	it.sets_done = 1;

	assert_fails_with(store_session_end(s, id, (enum store_end)3, 6000,
	    NULL, CAUSE), "unknown status 3");
	assert_fails_with(store_session_end(s, id + 1, STORE_END_QUIT, 6000,
	    NULL, CAUSE), "no session");
	assert_int_equal(store_session_end(s, id, STORE_END_STOPPED, 6000,
	    "sharp", NULL), 0);
	assert_fails_with(store_session_end(s, id, STORE_END_QUIT, 7000, NULL,
	    CAUSE), "is stopped, not running");
	assert_fails_with(store_session_item(s, id, &it, CAUSE),
	    "is stopped, not running");

	assert_fails_with(store_session_pain(s, id, STORE_MOMENT_CHECKIN, 3,
	    CAUSE), "not 'checkin'");
	assert_fails_with(store_session_pain(s, id, (enum store_moment)5, 3,
	    CAUSE), "unknown moment 5");
	assert_fails_with(store_session_pain(s, id, STORE_MOMENT_AFTER, 11,
	    CAUSE), "11 is not between 0 and 10");
	assert_fails_with(store_session_pain(s, id + 1, STORE_MOMENT_AFTER, 2,
	    CAUSE), "no session");

	/* Every failure rolled back; the store still takes writes. */
	assert_int_equal(store_session_begin(s, STORE_KIND_ROUTINE, 8000, 0,
	    "{}", &other, NULL), 0);
	it.position = 0;
	assert_int_equal(store_session_item(s, other, &it, NULL), 0);
	store_close(s);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM session_items"),
	    2);
	assert_raw_text(path, "SELECT status || ' ' || end_reason FROM"
	    " sessions WHERE kind = 'break'", "stopped sharp");
	free(path);
}

static void
checkins_round_trip(void **state)
{
	struct store		*s;
	struct store_pain	 p = {
		.at_ms = 1700000000000, .tz_min = 120, .session_id = 0,
		.moment = STORE_MOMENT_CHECKIN, .pain = 4, .stiffness = 6,
		.note = "after a long meeting"
	};
	char			*path = tpath("midback.db");
	int64_t			 sid, id1, id2, id3;

	(void)state;
	s = open_ok(path);
	assert_int_equal(store_pain_add(s, &p, &id1, NULL), 0);
	p.at_ms += 3600000;
	p.pain = 0;
	p.stiffness = -1;
	p.note = NULL;
	assert_int_equal(store_pain_add(s, &p, &id2, NULL), 0);
	assert_true(id2 > id1);
	assert_int_equal(store_session_begin(s, STORE_KIND_ROUTINE,
	    1700009000000, 120, "{}", &sid, NULL), 0);
	p.session_id = sid;
	p.moment = STORE_MOMENT_AFTER;
	p.pain = 2;
	assert_int_equal(store_pain_add(s, &p, &id3, NULL), 0);
	assert_int_equal(store_pain_add(s, &p, NULL, NULL), 0);

	p.session_id = sid + 100;
	assert_fails_with(store_pain_add(s, &p, NULL, CAUSE), "no session");
	p.session_id = 0;
	p.moment = (enum store_moment)5;
	assert_fails_with(store_pain_add(s, &p, NULL, CAUSE),
	    "unknown moment 5");
	p.moment = STORE_MOMENT_CHECKIN;
	p.pain = -1;
	assert_fails_with(store_pain_add(s, &p, NULL, CAUSE),
	    "-1 is not between 0 and 10");
	p.pain = 1;
	p.stiffness = 11;
	assert_fails_with(store_pain_add(s, &p, NULL, CAUSE),
	    "stiffness 11");
	store_close(s);

	assert_raw_text(path, "SELECT group_concat(r, '|') FROM (SELECT"
	    " at_ms || ' ' || tz_min || ' ' || ifnull(session_id, '-') ||"
	    " ' ' || moment || ' ' || pain || ' ' || ifnull(stiffness, '-') ||"
	    " ' ' || ifnull(note, '-') AS r FROM pain_ratings ORDER BY id)",
	    "1700000000000 120 - checkin 4 6 after a long meeting|"
	    "1700003600000 120 - checkin 0 - -|"
	    "1700003600000 120 1 after 2 - -|"
	    "1700003600000 120 1 after 2 - -");
	free(path);
}

static void
screen_is_done_with_answers_and_acknowledgement(void **state)
{
	static const struct store_answer	 answers[] = {
		{ "numbness-legs", 0 },
		{ "fever-weight-loss", 0 },
		{ "recent-fall", 0 },
	};
	static const struct store_answer	 bad[] = {
		{ "recent-fall", 2 },
	};
	struct store				*s;
	char					*path = tpath("midback.db");
	int					 done = -1;

	(void)state;
	s = open_ok(path);
	assert_int_equal(store_screen_done(s, &done, NULL), 0);
	assert_int_equal(done, 0);
	assert_int_equal(store_screen_save(s, 1000, answers, 3, NULL, NULL),
	    0);
	assert_int_equal(store_screen_done(s, &done, NULL), 0);
	assert_int_equal(done, 0);
	assert_fails_with(store_screen_save(s, 2000, bad, 1,
	    "not-medical-advice", CAUSE), "answer 1");
	assert_int_equal(store_screen_done(s, &done, NULL), 0);
	assert_int_equal(done, 0);
	assert_int_equal(store_screen_save(s, 3000, NULL, 0,
	    "not-medical-advice", NULL), 0);
	assert_int_equal(store_screen_done(s, &done, NULL), 0);
	assert_int_equal(done, 1);
	store_close(s);

	assert_raw_text(path, "SELECT group_concat(r, '|') FROM (SELECT"
	    " at_ms || ' ' || question || ' ' || answer AS r"
	    " FROM screen_answers ORDER BY id)",
	    "1000 numbness-legs 0|1000 fever-weight-loss 0|1000 recent-fall 0");
	assert_raw_text(path, "SELECT at_ms || ' ' || what FROM"
	    " acknowledgements", "3000 not-medical-advice");

	/* A fresh store with both saved at once. */
	free(path);
	path = tpath("other.db");
	s = open_ok(path);
	assert_int_equal(store_screen_save(s, 1000, answers, 3,
	    "not-medical-advice", NULL), 0);
	assert_int_equal(store_screen_done(s, &done, NULL), 0);
	assert_int_equal(done, 1);
	store_close(s);
	free(path);
}

/* Check that the flags active at now are exactly want, space-separated. */
static void
assert_flags(struct store *s, int64_t now, const char *want)
{
	char	**ids = NULL, *got, *t;
	size_t	  n = 99, i;

	assert_int_equal(store_ids(s, STORE_IDS_ASIDE, now, &ids, &n, NULL), 0);
	got = xstrdup("");
	for (i = 0; i < n; i++) {
		t = xasprintf("%s%s%s", got, i == 0 ? "" : " ", ids[i]);
		free(got);
		got = t;
	}
	assert_string_equal(got, want);
	free(got);
	store_ids_free(ids, n);
}

static void
flags_expire_by_time(void **state)
{
	struct store	*s;
	char		*path = tpath("midback.db");

	(void)state;
	s = open_ok(path);
	assert_flags(s, 0, "");
	assert_int_equal(store_flag_add(s, "thread-the-needle", "sharp",
	    1000, 5000, NULL), 0);
	assert_int_equal(store_flag_add(s, "cat-camel", "tingling", 1000,
	    2000, NULL), 0);
	assert_int_equal(store_flag_add(s, "cat-camel", "sharp", 1500, 3000,
	    NULL), 0);
	assert_fails_with(store_flag_add(s, "cat-camel", "sharp", 3000, 3000,
	    CAUSE), "back before");
	assert_fails_with(store_flag_add(s, NULL, "sharp", 1, 2, CAUSE),
	    "no exercise");

	assert_flags(s, 1200, "cat-camel thread-the-needle");
	assert_flags(s, 2000, "cat-camel thread-the-needle");
	assert_flags(s, 2999, "cat-camel thread-the-needle");
	assert_flags(s, 3000, "thread-the-needle");
	assert_flags(s, 4999, "thread-the-needle");
	assert_flags(s, 5000, "");
	store_close(s);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM exercise_flags"),
	    3);
	free(path);
}

static void
unfinished_is_the_latest_running_session(void **state)
{
	struct store			*s;
	struct store_session_info	 info = STORE_SESSION_INFO_INIT;
	struct store_item		 it = {
		.position = 0, .exercise = "wall-angel",
		.outcome = STORE_ITEM_DONE,
		.finished_ms = 2100
	};
	char				*path = tpath("midback.db");
	int64_t				 a, b, c;

	(void)state;
	s = open_ok(path);
	assert_int_equal(store_session_begin(s, STORE_KIND_ROUTINE, 1000, 0,
	    "[1]", &a, NULL), 0);
	assert_int_equal(store_session_begin(s, STORE_KIND_ROUTINE, 3000, 0,
	    "[3]", &b, NULL), 0);
	assert_int_equal(store_session_begin(s, STORE_KIND_BREAK, 2000, 0,
	    "[2]", &c, NULL), 0);
	assert_int_equal(store_session_item(s, c, &it, NULL), 0);

	assert_int_equal(store_unfinished(s, STORE_KIND_ROUTINE, &info, NULL),
	    0);
	assert_int_equal(info.id, b);
	store_session_info_release(&info);
	assert_int_equal(store_session_end(s, b, STORE_END_QUIT, 3500, NULL,
	    NULL), 0);
	/* A later running break does not hide a running routine. */
	assert_int_equal(store_unfinished(s, STORE_KIND_ROUTINE, &info, NULL),
	    0);
	assert_int_equal(info.id, a);
	store_session_info_release(&info);
	assert_int_equal(store_unfinished(s, STORE_KIND_BREAK, &info, NULL), 0);
	assert_int_equal(info.id, c);
	assert_string_equal(info.kind, "break");
	assert_string_equal(info.plan_json, "[2]");
	assert_int_equal(info.n_items, 1);
	store_session_info_release(&info);
	store_close(s);
	free(path);
}

/*
 * store_abandon closes what was left running as quit, ending it when it
 * last recorded something, and only what it is asked to.
 */
static void
abandon_ends_at_the_last_record(void **state)
{
	struct store	*s;
	struct store_item it = {
		.position = 0, .exercise = "wall-angel",
		.outcome = STORE_ITEM_DONE,
		.finished_ms = 2100
	};
	char		*path = tpath("midback.db");
	int64_t		 a, b, c, d;
	int		 n = -1;

	(void)state;
	s = open_ok(path);
	assert_int_equal(store_session_begin(s, STORE_KIND_ROUTINE, 1000, 0,
	    "[1]", &a, NULL), 0);
	assert_int_equal(store_session_begin(s, STORE_KIND_BREAK, 2000, 0,
	    "[2]", &b, NULL), 0);
	assert_int_equal(store_session_item(s, b, &it, NULL), 0);
	assert_int_equal(store_session_begin(s, STORE_KIND_BREAK, 5000, 0,
	    "[3]", &c, NULL), 0);
	assert_int_equal(store_session_begin(s, STORE_KIND_ROUTINE, 6000, 0,
	    "[4]", &d, NULL), 0);
	/* Breaks begun before 4000: b only. */
	assert_int_equal(store_abandon(s, STORE_KIND_BREAK, 0, 4000,
	    STORE_END_QUIT, "not finished", &n, NULL), 0);
	assert_int_equal(n, 1);
	/* Routine a only, whenever it began. */
	assert_int_equal(store_abandon(s, STORE_KIND_ROUTINE, a, INT64_MAX,
	    STORE_END_QUIT, "not resumed", &n, NULL), 0);
	assert_int_equal(n, 1);
	/* A status the store does not know is refused. */
	assert_int_equal(store_abandon(s, STORE_KIND_ROUTINE, d, INT64_MAX,
	    (enum store_end)9, NULL, &n, NULL), -1);
	/* Nothing left to close there. */
	assert_int_equal(store_abandon(s, STORE_KIND_ROUTINE, a, INT64_MAX,
	    STORE_END_QUIT, "not resumed", &n, NULL), 0);
	assert_int_equal(n, 0);
	store_close(s);
	assert_raw_text(path, "SELECT group_concat(id || ':' || status || ':' "
	    "|| coalesce(ended_ms, '-') || ':' || coalesce(end_reason, '-'), "
	    "' ') FROM (SELECT * FROM sessions ORDER BY id)",
	    "1:quit:1000:not resumed 2:quit:2100:not finished "
	    "3:running:-:- 4:running:-:-");
	free(path);
}

/* Check that opening a file holding data is refused and changes nothing. */
static void
assert_refused_unchanged(const char *path, const void *data, size_t len,
    const char *want)
{
	char	*after;
	size_t	 nafter;

	write_file(path, data, len);
	assert_open_fails(path, want);
	after = read_whole(path, &nafter);
	assert_int_equal(nafter, len);
	assert_memory_equal(after, data, len);
	assert_false(side_files_exist(path));
	free(after);
}

static void
text_file_is_refused_and_left_unchanged(void **state)
{
	static const char	 text[] =
	    "This is my diary, not a database.\nSecond line.\n";
	char			*path = tpath("diary.txt"), *want;

	(void)state;
	want = xasprintf("'%s' is not a midback database", path);
	assert_refused_unchanged(path, text, sizeof text - 1, want);
	free(want);
	free(path);
}

static void
random_file_is_refused_and_left_unchanged(void **state)
{
	unsigned char	 data[8192];
	char		*path = tpath("noise.bin"), *want;
	uint32_t	 x = 2463534242U;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof data; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		data[i] = (unsigned char)x;
	}
	want = xasprintf("'%s' is not a midback database", path);
	assert_refused_unchanged(path, data, sizeof data, want);
	free(want);
	free(path);
}

static void
other_programs_database_is_refused_and_left_unchanged(void **state)
{
	char	*path = tpath("other.db"), *want, *before;
	size_t	 n;

	(void)state;
	raw_exec(path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, t TEXT);"
	    " INSERT INTO notes (t) VALUES ('keep me');");
	before = read_whole(path, &n);
	want = xasprintf("'%s' is not a midback database", path);
	assert_refused_unchanged(path, before, n, want);
	assert_raw_text(path, "SELECT t FROM notes", "keep me");
	free(want);
	free(before);
	free(path);
}

static void
newer_schema_is_refused_and_left_unchanged(void **state)
{
	char	*path = tpath("future.db"), *want, *before;
	size_t	 n;

	(void)state;
	raw_exec(path, "CREATE TABLE sessions (id INTEGER PRIMARY KEY,"
	    " hologram BLOB); PRAGMA user_version = 99;");
	before = read_whole(path, &n);
	want = xasprintf("'%s' is from a newer midback (schema 99, this one "
	    "knows 10)", path);
	assert_refused_unchanged(path, before, n, want);
	assert_int_equal(raw_int(path, "PRAGMA user_version"), 99);
	assert_raw_text(path, "PRAGMA journal_mode", "delete");
	free(want);
	free(before);
	free(path);

	/* A newer database already in WAL mode is refused the same way. */
	path = tpath("future-wal.db");
	raw_exec(path, "PRAGMA journal_mode = WAL; CREATE TABLE t (x);"
	    " PRAGMA user_version = 11;");
	want = xasprintf("'%s' is from a newer midback (schema 11, this one "
	    "knows 10)", path);
	before = read_whole(path, &n);
	assert_refused_unchanged(path, before, n, want);
	free(want);
	free(before);
	free(path);
}

/*
 * Try store_open(path) in a child that is not root (root may write
 * anywhere), writing its cause into buf. Returns the child's status.
 */
static int
open_as_user(const char *path, char *buf, size_t size)
{
	struct store	*s;
	char		*cause = NULL;
	ssize_t		 got;
	size_t		 n = 0;
	pid_t		 pid;
	int		 fd[2];

	assert_int_equal(pipe(fd), 0);
	assert_int_not_equal(pid = fork(), -1);
	if (pid == 0) {
		close(fd[0]);
		if (geteuid() == 0 && (setgid(65534) != 0 ||
		    setuid(65534) != 0))
			_exit(3);
		if ((s = store_open(path, &cause)) != NULL) {
			store_close(s);
			_exit(1);
		}
		if (cause == NULL ||
		    write(fd[1], cause, strlen(cause)) == -1)
			_exit(2);
		_exit(0);
	}
	close(fd[1]);
	while (n + 1 < size &&
	    (got = read(fd[0], buf + n, size - 1 - n)) > 0)
		n += (size_t)got;
	buf[n] = '\0';
	close(fd[0]);
	return (wait_child(pid));
}

static void
unwritable_directory_gives_a_clear_error(void **state)
{
	char	 got[512];
	char	*dir = tpath("locked"), *path, *want;

	(void)state;
	/* Let the child (perhaps another user) reach the directory. */
	assert_int_equal(chmod(tmpdir, 0755), 0);
	assert_int_equal(mkdir(dir, 0755), 0);
	assert_int_equal(chmod(dir, 0555), 0);

	path = tpath("locked/midback.db");
	want = xasprintf("cannot open '%s': the data folder is not writable "
	    "(Permission denied)", path);
	assert_int_equal(open_as_user(path, got, sizeof got), 0);
	assert_string_equal(got, want);
	assert_false(file_exists(path));
	free(want);
	free(path);

	path = tpath("locked/midback/midback.db");
	free(dir);
	dir = tpath("locked/midback");
	want = xasprintf("cannot create directory '%s': Permission denied",
	    dir);
	assert_int_equal(open_as_user(path, got, sizeof got), 0);
	assert_string_equal(got, want);
	assert_false(file_exists(dir));
	free(want);
	free(path);
	free(dir);

	/* A file where a directory should be. */
	dir = tpath("plain");
	write_file(dir, "x", 1);
	path = tpath("plain/midback.db");
	want = xasprintf("cannot create directory '%s': Not a directory",
	    dir);
	assert_open_fails(path, want);
	free(want);
	free(path);
	path = tpath("plain/sub/midback.db");
	want = xasprintf("cannot create directory '%s/sub': Not a directory",
	    dir);
	assert_open_fails(path, want);
	free(want);
	free(path);
	free(dir);

	/* A directory where the file should be. */
	path = tpath("dir.db");
	assert_int_equal(mkdir(path, 0700), 0);
	want = xasprintf("cannot open '%s': Is a directory", path);
	assert_open_fails(path, want);
	free(want);
	free(path);
}

/*
 * A storage failure is told by its errno first, then SQLite's code: a
 * -shm file that cannot grow on a full disk is SQLite's "disk I/O
 * error" (SQLITE_IOERR_SHMSIZE) with ENOSPC.
 */
static void
failures_say_what_happened(void **state)
{
	(void)state;
	assert_int_equal(store_failure_of(SQLITE_IOERR_SHMSIZE, ENOSPC),
	    STORE_FAIL_FULL);
	assert_int_equal(store_failure_of(SQLITE_IOERR_WRITE, EDQUOT),
	    STORE_FAIL_FULL);
	assert_int_equal(store_failure_of(SQLITE_FULL, 0), STORE_FAIL_FULL);
	assert_int_equal(store_failure_of(SQLITE_CANTOPEN, EACCES),
	    STORE_FAIL_UNWRITABLE);
	assert_int_equal(store_failure_of(SQLITE_IOERR_SHMOPEN, EROFS),
	    STORE_FAIL_UNWRITABLE);
	assert_int_equal(store_failure_of(SQLITE_READONLY, 0),
	    STORE_FAIL_UNWRITABLE);
	assert_int_equal(store_failure_of(SQLITE_IOERR_READ, EIO),
	    STORE_FAIL_IO);
	assert_int_equal(store_failure_of(SQLITE_BUSY, 0), STORE_FAIL_BUSY);
	assert_int_equal(store_failure_of(SQLITE_CORRUPT, 0),
	    STORE_FAIL_DAMAGED);
	assert_int_equal(store_failure_of(SQLITE_CONSTRAINT_UNIQUE, 0),
	    STORE_FAIL_NONE);
	assert_string_equal(store_failure_words(STORE_FAIL_FULL),
	    "the disk is full");
	assert_string_equal(store_failure_words(STORE_FAIL_UNWRITABLE),
	    "the data folder is not writable");
	assert_null(store_failure_words(STORE_FAIL_NONE));
	/* Taken once, then forgotten. */
	(void)store_failure_take();
	assert_int_equal(store_failure_take(), STORE_FAIL_NONE);
}

/* The child's part of the SIGKILL test: 3 items, then a long sleep. */
static void __attribute__((noreturn))
kill_child(const char *path)
{
	struct store		*s;
	struct store_item	 it = { .exercise = "cat-camel", .sets_done = 1,
		.reps_done = 6, .outcome = STORE_ITEM_DONE };
	int64_t			 id;
	int			 i;

	if ((s = store_open(path, NULL)) == NULL)
		_exit(2);
	if (store_session_begin(s, STORE_KIND_ROUTINE, 1700000000000, 60,
	    plan_json, &id, NULL) != 0)
		_exit(3);
	for (i = 0; i < 3; i++) {
		it.position = i;
		it.finished_ms = 1700000000000 + 60000 * (i + 1);
		if (store_session_item(s, id, &it, NULL) != 0)
			_exit(4);
	}
	/* Killed long before this; a 4th item would show it was not. */
	sleep(60);
	it.position = 3;
	(void)store_session_item(s, id, &it, NULL);
	_exit(0);
}

static void
sigkill_mid_session_keeps_the_recorded_items(void **state)
{
	struct store			*s;
	struct store_session_info	 info = STORE_SESSION_INFO_INIT;
	char				*path = tpath("data/midback.db");
	pid_t				 pid;
	int				 i, rc = 1;

	(void)state;
	assert_int_not_equal(pid = fork(), -1);
	if (pid == 0)
		kill_child(path);

	/* Watch from this process's own connection, as a resume would. */
	s = open_ok(path);
	for (i = 0; i < 2000; i++) {
		rc = store_unfinished(s, STORE_KIND_ROUTINE, &info, NULL);
		if (rc == 0 && info.n_items >= 3)
			break;
		store_session_info_release(&info);
		sleep_ms(10);
	}
	store_session_info_release(&info);
	assert_int_equal(kill(pid, SIGKILL), 0);
	assert_int_equal(wait_child(pid), 128 + SIGKILL);
	assert_int_equal(rc, 0);
	store_close(s);

	s = open_ok(path);
	assert_int_equal(store_unfinished(s, STORE_KIND_ROUTINE, &info, NULL),
	    0);
	assert_int_equal(info.n_items, 3);
	assert_string_equal(info.kind, "routine");
	assert_int_equal(info.started_ms, 1700000000000);
	assert_string_equal(info.plan_json, plan_json);
	assert_int_equal(store_session_end(s, info.id, STORE_END_QUIT,
	    1700000300000, "killed", NULL), 0);
	store_session_info_release(&info);
	store_close(s);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM session_items"),
	    3);
	assert_int_equal(raw_int(path, "SELECT max(position) FROM"
	    " session_items"), 2);
	free(path);
}

#define WRITES	200

/* One writer of the two-process test: WRITES check-ins, as fast as it can. */
static void __attribute__((noreturn))
writer_child(const char *path, int which, int go)
{
	struct store		*s;
	struct store_pain	 p = {
		.tz_min = which, .moment = STORE_MOMENT_CHECKIN, .stiffness = -1
	};
	char			*cause = NULL, c;
	int			 i;

	/* Start together, so both open and migrate the new file at once. */
	if (read(go, &c, 1) != 0)
		_exit(5);
	if ((s = store_open(path, &cause)) == NULL) {
		fprintf(stderr, "writer %d: %s\n", which, cause);
		_exit(2);
	}
	for (i = 0; i < WRITES; i++) {
		p.at_ms = 1700000000000 + i;
		p.pain = i % 11;
		if (store_pain_add(s, &p, NULL, &cause) != 0) {
			fprintf(stderr, "writer %d: %s\n", which, cause);
			_exit(strstr(cause, "locked") != NULL ? 4 : 3);
		}
	}
	store_close(s);
	_exit(0);
}

static void
two_processes_writing_at_once_never_see_locked(void **state)
{
	char	*path = tpath("midback.db");
	pid_t	 pid[2];
	int	 go[2], i;

	(void)state;
	assert_int_equal(pipe(go), 0);
	for (i = 0; i < 2; i++) {
		assert_int_not_equal(pid[i] = fork(), -1);
		if (pid[i] == 0) {
			close(go[1]);
			writer_child(path, i, go[0]);
		}
	}
	close(go[0]);
	close(go[1]);
	assert_int_equal(wait_child(pid[0]), 0);
	assert_int_equal(wait_child(pid[1]), 0);

	assert_int_equal(raw_int(path, "SELECT count(*) FROM pain_ratings"),
	    2 * WRITES);
	assert_int_equal(raw_int(path, "SELECT count(*) FROM pain_ratings"
	    " WHERE tz_min = 0"), WRITES);
	assert_int_equal(raw_int(path, "SELECT count(DISTINCT at_ms) FROM"
	    " pain_ratings WHERE tz_min = 1"), WRITES);
	assert_int_equal(raw_int(path, "PRAGMA user_version"), 10);
	free(path);
}

static void
memory_store_works_and_close_accepts_null(void **state)
{
	struct store	*s;

	(void)state;
	store_close(NULL);
	store_ids_free(NULL, 0);
	s = open_ok(":memory:");
	assert_int_equal(store_flag_add(s, "cat-camel", "sharp", 0, 10,
	    NULL), 0);
	assert_flags(s, 5, "cat-camel");
	store_close(s);
}

/*
 * The stamp a cache is keyed by moves with a write by this connection and
 * with a commit by another, and stays put while nothing changes.
 */
static void
stamp_moves_with_every_write(void **state)
{
	struct store		*a, *b;
	struct store_pain	 p = {
		.at_ms = 1700000000000, .tz_min = 0, .session_id = 0,
		.moment = STORE_MOMENT_CHECKIN, .pain = 3, .stiffness = -1,
		.note = NULL
	};
	char			*path = tpath("midback.db");
	int64_t			 s0, s1, s2, s3, id;

	(void)state;
	a = open_ok(path);
	b = open_ok(path);
	assert_int_equal(store_stamp(a, &s0, NULL), 0);
	assert_int_equal(store_stamp(a, &s1, NULL), 0);
	assert_true(s0 == s1);
	assert_int_equal(store_pain_add(a, &p, &id, NULL), 0);
	assert_int_equal(store_stamp(a, &s2, NULL), 0);
	assert_true(s2 != s1);
	p.at_ms += 60000;
	assert_int_equal(store_pain_add(b, &p, &id, NULL), 0);
	assert_int_equal(store_stamp(a, &s3, NULL), 0);
	assert_true(s3 != s2);
	store_close(b);
	store_close(a);
	free(path);
}

/*
 * store_pfrom for the tests: notes the kept replay's day (-1: none) and
 * asks for its reviews.
 */
static int64_t
note_mark(void *arg, const struct store_program *p,
    const struct store_pmark *m, int *reviews)
{
	long	*day = arg;

	(void)p;
	*day = m->data == NULL ? -1 : m->day;
	if (m->data != NULL)
		assert_string_equal(m->data, "replay");
	*reviews = 1;
	return (INT64_MIN);
}

/*
 * The day of the replay s keeps (-1: none), and the snapshot's stamp;
 * its reviews are read with it.
 */
static long
kept_day(struct store *s, int64_t *stamp)
{
	struct store_program	p;
	struct store_phistory	h;
	int64_t			unused;
	char			*reviews;
	long			day = -2;

	assert_int_equal(store_program_load(s, note_mark, &day, &p, &h,
	    &reviews, stamp != NULL ? stamp : &unused, NULL), 0);
	if (day == -1)
		assert_null(reviews);
	else
		assert_string_equal(reviews, "reviews");
	free(reviews);
	store_phistory_release(&h);
	return (day);
}

/* A check-in with a pain rating at at_ms (UTC), through s. */
static void
checkin_at(struct store *s, int64_t at_ms)
{
	struct store_pain	p;

	memset(&p, 0, sizeof p);
	p.at_ms = at_ms;
	p.moment = STORE_MOMENT_CHECKIN;
	p.pain = 3;
	p.stiffness = -1;
	assert_int_equal(store_pain_add(s, &p, NULL, NULL), 0);
}

/* Keep the replay at day on s, from a fresh snapshot. */
static void
keep_at(struct store *s, long day)
{
	int64_t	stamp;

	kept_day(s, &stamp);
	assert_int_equal(store_program_mark(s, stamp, day, "replay", "reviews",
	    NULL), 1);
	assert_int_equal(kept_day(s, NULL), day);
}

/*
 * The program's kept replay at day D stays while what is recorded is on
 * or after D in local time, and is dropped when a session, an item or a
 * pain rating before D is added or changed, or the program's start is;
 * a replay read before another connection wrote is not kept.
 */
static void
program_replay_is_dropped_when_history_before_it_changes(void **state)
{
	const long		 D = 19700;
	const int64_t		 dms = (int64_t)D * 86400000;
	struct store		*a, *b;
	struct store_item	 it = {
		.position = 0, .exercise = "open-book", .side = NULL,
		.sets_done = 1, .reps_done = 5, .holds_done = 0,
		.breaths_done = 0, .feel = FEEL_FINE,
		.outcome = STORE_ITEM_DONE, .finished_ms = dms + 7200000
	};
	char			*path = tpath("midback.db");
	int64_t			 old, now, late, stamp;

	(void)state;
	a = open_ok(path);
	b = open_ok(path);
	assert_int_equal(kept_day(a, NULL), -1);
	assert_int_equal(store_session_begin(a, STORE_KIND_ROUTINE,
	    dms - 5 * 86400000, 0, plan_json, &old, NULL), 0);
	keep_at(a, D);

	/* On or after D, local time: kept. */
	assert_int_equal(store_session_begin(a, STORE_KIND_ROUTINE,
	    dms + 3600000, 0, plan_json, &now, NULL), 0);
	assert_int_equal(store_session_item(a, now, &it, NULL), 0);
	assert_int_equal(store_session_end(a, now, STORE_END_FINISHED,
	    dms + 7200000, NULL, NULL), 0);
	checkin_at(b, dms + 600000);
	/* 23:00 UTC the day before is D at UTC+2. */
	assert_int_equal(store_session_begin(b, STORE_KIND_BREAK,
	    dms - 3600000, 120, plan_json, &late, NULL), 0);
	assert_int_equal(kept_day(a, NULL), D);

	/* At UTC-2 it is the day before: dropped. */
	assert_int_equal(store_session_begin(b, STORE_KIND_BREAK,
	    dms - 3600000, -120, plan_json, &late, NULL), 0);
	assert_int_equal(kept_day(a, NULL), -1);

	/* An exercise recorded late in a session before D. */
	keep_at(a, D);
	assert_int_equal(store_session_item(b, old, &it, NULL), 0);
	assert_int_equal(kept_day(a, NULL), -1);

	/* That session ended late; its pain rated late. */
	keep_at(a, D);
	assert_int_equal(store_session_end(a, old, STORE_END_QUIT,
	    dms + 86400000, "not resumed", NULL), 0);
	assert_int_equal(kept_day(a, NULL), -1);
	keep_at(a, D);
	checkin_at(a, dms - 1);
	assert_int_equal(kept_day(a, NULL), -1);

	/* A new start, whatever its day. */
	keep_at(a, D);
	assert_int_equal(store_program_set(a, D + 10, 1, dms, NULL), 0);
	assert_int_equal(kept_day(a, NULL), -1);

	/* Read, then another connection writes: not kept. */
	assert_int_equal(kept_day(a, &stamp), -1);
	checkin_at(b, dms + 86400000);
	assert_int_equal(store_program_mark(a, stamp, D, "replay", "reviews",
	    NULL), 0);
	assert_int_equal(kept_day(a, NULL), -1);

	store_close(b);
	store_close(a);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    open_creates_schema_in_wal_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    program_replay_is_dropped_when_history_before_it_changes,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    version_1_gains_uids_and_keeps_its_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    version_3_ends_unresumed_sessions_at_their_last_item, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    migration_7_marks_earlier_selftests, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    devices_are_kept_found_and_forgotten, setup, teardown),
		cmocka_unit_test_setup_teardown(reopen_is_a_no_op, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(session_round_trips, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    session_calls_refuse_what_cannot_be_stored, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(checkins_round_trip, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    screen_is_done_with_answers_and_acknowledgement, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(flags_expire_by_time, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    unfinished_is_the_latest_running_session, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    abandon_ends_at_the_last_record, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    text_file_is_refused_and_left_unchanged, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    random_file_is_refused_and_left_unchanged, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    other_programs_database_is_refused_and_left_unchanged,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    newer_schema_is_refused_and_left_unchanged, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    unwritable_directory_gives_a_clear_error, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    sigkill_mid_session_keeps_the_recorded_items, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    two_processes_writing_at_once_never_see_locked, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    history_reads_sessions_items_and_checkins, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    import_adds_only_what_is_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    stats_rows_come_from_running_totals, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    reminders_are_counted_by_outcome, setup, teardown),
		cmocka_unit_test_setup_teardown(stamp_moves_with_every_write,
		    setup, teardown),
		cmocka_unit_test(memory_store_works_and_close_accepts_null),
		cmocka_unit_test(failures_say_what_happened),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
