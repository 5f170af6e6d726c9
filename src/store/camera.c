/*
 * camera.c -- what the camera mode saw in a session (the camera_marks
 * table): per exercise, the reps it counted, the seconds it timed held,
 * and how often each form flag was said. Read back with the history
 * (store/history.c).
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/xmalloc.h"
#include "store/store.h"
#include "store/store-int.h"

/* As the schema's CHECK has them; NULL ends the list. */
const char *const store_camera_names[] = {
	"reps", "hold", "chin", "low-back", "hips", "shrug", NULL
};

/* Counts keep the larger; a flag's times add up. */
static const char sql_camera_mark[] =
    "INSERT INTO camera_marks (session_id, exercise, what, value)"
    " VALUES (?1, ?2, ?3, ?4)"
    " ON CONFLICT (session_id, exercise, what) DO UPDATE SET value ="
    " CASE WHEN what IN ('reps', 'hold') THEN max(value, excluded.value)"
    " ELSE value + excluded.value END";

int
store_camera_mark(struct store *s, int64_t session_id, const char *exercise,
    const char *what, int value, char **cause)
{
	const char	*w = "record what the camera saw";
	char		*err = NULL;

	if (exercise == NULL || exercise[0] == '\0')
		err = xasprintf("cannot %s: no exercise", w);
	else if (what == NULL || store_name_find(store_camera_names,
	    what) == NULL)
		err = xasprintf("cannot %s: unknown mark '%s'", w,
		    what != NULL ? what : "");
	else if (value < 0)
		err = xasprintf("cannot %s: %d is below 0", w, value);
	return (store_write(s, sql_camera_mark, w, err, cause, "Itti",
	    session_id, exercise, what, value));
}
