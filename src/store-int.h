/*
 * store-int.h -- what store.c shares with the other store files
 * (store-history.c): the handle and the transaction helpers. Not for use
 * outside src/store*.c.
 */
#ifndef MIDBACK_STORE_INT_H
#define MIDBACK_STORE_INT_H

#include <stdarg.h>
#include <stdint.h>

#include <sqlite3.h>

/* Room for the kept statements (25 of them today). */
#define STORE_NSQL	32

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

#endif
