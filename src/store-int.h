/*
 * store-int.h -- what store.c shares with the other store files
 * (store-history.c): the handle and the transaction helpers. Not for use
 * outside src/store*.c.
 */
#ifndef MIDBACK_STORE_INT_H
#define MIDBACK_STORE_INT_H

#include <sqlite3.h>

/* Room for store.c's kept statements; it checks that they fit. */
#define STORE_NSQL	32

struct store {
	sqlite3		*db;		/* Owned; closed in store_close(). */
	char		*path;		/* Owned. */
	sqlite3_stmt	*st[STORE_NSQL]; /* Owned, prepared on first use;
					   finalized in store_close(). */
};

/* The names the schema's CHECK constraints allow, each ending in NULL. */
extern const char *const store_kind_names[];	/* session kinds */
extern const char *const store_end_names[];	/* how a session ended */
extern const char *const store_feel_names[];	/* how an exercise felt */
extern const char *const store_outcome_names[];	/* done, skipped... */
extern const char *const store_moment_names[];	/* of a pain rating */

/* The entry of names equal to s, or NULL (also if s is NULL). */
const char *store_name_find(const char *const *names, const char *s);
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

#endif
