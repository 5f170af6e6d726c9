/*
 * store-int.h -- what store.c shares with the other store files
 * (store-session.c, store-safety.c, store-remind.c, store-history.c): the
 * handle, the transaction helpers, the binder and the one epilogue. Not
 * for use outside src/store*.c.
 */
#ifndef MIDBACK_STORE_INT_H
#define MIDBACK_STORE_INT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "sys/dynlib.h"

/*
 * SQLite, opened by store_open() on first use (sys/dynlib.h): commands
 * that never touch the history, `midback today` before the first
 * session, do not load it. X(name) for every function the store uses.
 */
#define STORE_SQLITE_FUNCS(X) \
	X(sqlite3_bind_int) \
	X(sqlite3_bind_int64) \
	X(sqlite3_bind_null) \
	X(sqlite3_bind_text) \
	X(sqlite3_busy_timeout) \
	X(sqlite3_changes) \
	X(sqlite3_clear_bindings) \
	X(sqlite3_close) \
	X(sqlite3_column_int) \
	X(sqlite3_column_int64) \
	X(sqlite3_column_text) \
	X(sqlite3_column_type) \
	X(sqlite3_db_readonly) \
	X(sqlite3_errcode) \
	X(sqlite3_errmsg) \
	X(sqlite3_errstr) \
	X(sqlite3_extended_errcode) \
	X(sqlite3_finalize) \
	X(sqlite3_get_autocommit) \
	X(sqlite3_last_insert_rowid) \
	X(sqlite3_open_v2) \
	X(sqlite3_prepare_v2) \
	X(sqlite3_prepare_v3) \
	X(sqlite3_reset) \
	X(sqlite3_step) \
	X(sqlite3_system_errno) \
	X(sqlite3_total_changes)

STORE_SQLITE_FUNCS(DYNLIB_DECLARE)

#define sqlite3_bind_int	(*dl_sqlite3_bind_int)
#define sqlite3_bind_int64	(*dl_sqlite3_bind_int64)
#define sqlite3_bind_null	(*dl_sqlite3_bind_null)
#define sqlite3_bind_text	(*dl_sqlite3_bind_text)
#define sqlite3_busy_timeout	(*dl_sqlite3_busy_timeout)
#define sqlite3_changes	(*dl_sqlite3_changes)
#define sqlite3_clear_bindings	(*dl_sqlite3_clear_bindings)
#define sqlite3_close	(*dl_sqlite3_close)
#define sqlite3_column_int	(*dl_sqlite3_column_int)
#define sqlite3_column_int64	(*dl_sqlite3_column_int64)
#define sqlite3_column_text	(*dl_sqlite3_column_text)
#define sqlite3_column_type	(*dl_sqlite3_column_type)
#define sqlite3_db_readonly	(*dl_sqlite3_db_readonly)
#define sqlite3_errcode	(*dl_sqlite3_errcode)
#define sqlite3_errmsg	(*dl_sqlite3_errmsg)
#define sqlite3_errstr	(*dl_sqlite3_errstr)
#define sqlite3_extended_errcode	(*dl_sqlite3_extended_errcode)
#define sqlite3_finalize	(*dl_sqlite3_finalize)
#define sqlite3_get_autocommit	(*dl_sqlite3_get_autocommit)
#define sqlite3_last_insert_rowid	(*dl_sqlite3_last_insert_rowid)
#define sqlite3_open_v2	(*dl_sqlite3_open_v2)
#define sqlite3_prepare_v2	(*dl_sqlite3_prepare_v2)
#define sqlite3_prepare_v3	(*dl_sqlite3_prepare_v3)
#define sqlite3_reset	(*dl_sqlite3_reset)
#define sqlite3_step	(*dl_sqlite3_step)
#define sqlite3_system_errno	(*dl_sqlite3_system_errno)
#define sqlite3_total_changes	(*dl_sqlite3_total_changes)

/*
 * Room for the kept statements: 68 of them today, and a process that
 * serves the browser may use them all (store_stmt() aborts on one more).
 */
#define STORE_NSQL	96

struct store {
	sqlite3		*db;		/* Owned; closed in store_close(). */
	char		*path;		/* Owned. */
	const char	*sql[STORE_NSQL]; /* the text of each kept statement,
					   in the order of first use */
	sqlite3_stmt	*st[STORE_NSQL]; /* Owned, prepared on first use;
					   finalized in store_close(). */
};

/*
 * Set *err, unless it is already set, to the database's last error while
 * doing what. Call it before resetting the failed statement.
 */
void	store_dberr(struct store *, char **err, const char *what);
/* Hand err to the caller's cause, or free it if the caller has none. */
void	store_cause(char **cause, char *err);
/* Take the write lock and start a transaction. Returns 0 or -1. */
int	store_begin(struct store *, char **err, const char *what);
/* Commit the transaction. Returns 0 or -1 (then it is rolled back). */
int	store_commit(struct store *, char **err, const char *what);
/* Roll back after a failure, keeping the first error in *err. */
void	store_rollback(struct store *, char **err, const char *what);
/* Run one fixed statement, ignoring any rows. Returns 0 or -1 with *err. */
int	store_exec(struct store *, const char *sql, char **err,
	    const char *what);
/*
 * Bind values to st's parameters ?1, ?2, ... in order, one for each
 * letter of fmt: 'i' an int, 'I' an int64_t, 'o' an int and 'O' an
 * int64_t that are bound as NULL when they are -1, 't' a string (NULL for
 * NULL), bound without a copy, so it must outlive the statement's use.
 * The arguments must have exactly those types: they are read with
 * va_arg(). Returns 0, or -1 with the database's error set.
 */
int	store_bind(sqlite3_stmt *st, const char *fmt, ...);
int	store_vbind(sqlite3_stmt *st, const char *fmt, va_list ap);
/*
 * The end of every store call, whose failures are ret -1 and whose
 * successes are 0 or 1: on failure, set err to the database's error
 * unless it says why already; reset st (a kept statement; NULL if none);
 * if began, commit on success (a failed commit is a failure) and roll
 * back on failure; then hand err to cause on failure, or free it. Returns
 * ret, or -1 if the commit failed.
 */
int	store_done(struct store *, int ret, int began, sqlite3_stmt *st,
	    char *err, char **cause, const char *what);

/*
 * Read the columns of st's row, from the first, into the places that
 * follow, one for each letter of fmt: 'i' an int *, 'I' an int64_t *, 'o'
 * an int * and 'O' an int64_t * that get -1 for NULL, 't' a char * that
 * gets a copy (NULL for NULL), 's' the same but "" for NULL, 'u' a uid
 * into a char[33], 'n' a names table (store.h) and a const char * that
 * gets the table's entry for the text, or NULL; '-' skips a column.
 * The places must have exactly those types: they are read with va_arg().
 */
void	store_row(sqlite3_stmt *st, const char *fmt, ...);
/*
 * Grow array, of *n elements of size bytes, by one zeroed element at the
 * end, and count it in *n; the array, which may have moved. The caller
 * frees it. STORE_PUSH(a, n) does that to a and gives the new element.
 */
void	*store_push(void *array, size_t *n, size_t size);
#define STORE_PUSH(a, n)						\
	((a) = store_push((a), &(n), sizeof *(a)), &(a)[(n) - 1])

/* Make a kept statement ready for its next use. Accepts NULL. */
void	store_stmt_done(sqlite3_stmt *st);
/*
 * Get the kept statement for sql (a static array: its address is its key)
 * into *st, bind fmt's values to it (see store_bind()) and step it once.
 * The caller resets *st, even on failure (see store_done()). Returns what
 * sqlite3_step() returned, or SQLITE_ERROR if it could not get that far.
 */
int	store_step(struct store *, const char *sql, sqlite3_stmt **st,
	    const char *fmt, ...);
/*
 * The whole of a call that writes with one statement: run the kept
 * statement for sql, which returns no rows, with fmt's values bound. If
 * err is set already (the caller's checks failed), fail with it instead.
 * Returns 0, or -1 with *cause.
 */
int	store_write(struct store *, const char *sql, const char *what,
	    char *err, char **cause, const char *fmt, ...);
/*
 * Run the kept statement for sql with fmt's values bound and put the
 * first column of its first row into *v. Returns 0, 1 if that is NULL
 * (*v is left as it was), or -1 with *cause if there is no row or an
 * error.
 */
int	store_one(struct store *, const char *sql, const char *what,
	    int64_t *v, char **cause, const char *fmt, ...);

#endif
