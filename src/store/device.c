/*
 * device.c -- the phones paired with `serve --lan`: their names and the
 * secrets their device cookies carry.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/xmalloc.h"
#include "store/store.h"
#include "store/store-int.h"

static const char sql_device_add[] =
    "INSERT INTO devices (name, secret, paired_ms, tz_min)"
    " VALUES (?1, ?2, ?3, ?4)";
static const char sql_device_find[] =
    "SELECT name FROM devices WHERE secret = ?1";
static const char sql_devices[] =
    "SELECT name, paired_ms, tz_min FROM devices ORDER BY paired_ms, id";
static const char sql_device_forget[] =
    "DELETE FROM devices WHERE name = ?1";

int
store_device_add(struct store *s, const char *name, const char *secret,
    int64_t at_ms, int tz_min, char **cause)
{
	char	*err = NULL;

	if (name == NULL || *name == '\0' || secret == NULL ||
	    strlen(secret) != 32)
		err = xstrdup("cannot keep the paired device: no name or "
		    "secret");
	return (store_write(s, sql_device_add, "keep the paired device", err,
	    cause, "ttIi", name, secret, at_ms, tz_min));
}

int
store_device_find(struct store *s, const char *secret, char **name,
    char **cause)
{
	sqlite3_stmt	*st = NULL;
	int		 rc, ret = 1;

	*name = NULL;
	rc = store_step(s, sql_device_find, &st, "t", secret);
	if (rc == SQLITE_ROW) {
		store_row(st, "s", name);
		ret = 0;
	} else if (rc != SQLITE_DONE)
		ret = -1;
	return (store_done(s, ret, 0, st, NULL, cause,
	    "look for the paired device"));
}

int
store_devices(struct store *s, struct store_device **v, size_t *n,
    char **cause)
{
	struct store_device	*d;
	sqlite3_stmt		*st = NULL;
	int			 rc;

	*v = NULL;
	*n = 0;
	for (rc = store_step(s, sql_devices, &st, ""); rc == SQLITE_ROW;
	    rc = sqlite3_step(st)) {
		d = STORE_PUSH(*v, *n);
		store_row(st, "sIi", &d->name, &d->paired_ms, &d->tz_min);
	}
	if (rc != SQLITE_DONE) {
		store_devices_free(*v, *n);
		*v = NULL;
		*n = 0;
	}
	return (store_done(s, rc == SQLITE_DONE ? 0 : -1, 0, st, NULL, cause,
	    "list the paired devices"));
}

void
store_devices_free(struct store_device *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

int
store_device_forget(struct store *s, const char *name, int *gone,
    char **cause)
{
	*gone = 0;
	if (store_write(s, sql_device_forget, "forget the device", NULL,
	    cause, "t", name) != 0)
		return (-1);
	*gone = sqlite3_changes(s->db) > 0;
	return (0);
}
