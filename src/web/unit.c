/*
 * unit.c -- what the systemd user unit that runs `serve` at login says
 * (sys/unit.h writes it and enables it), and the runtime file that tells a
 * reminder where the page is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "web/web.h"
#include "sys/fileio.h"
#include "sys/paths.h"
#include "sys/unit.h"
#include "core/xmalloc.h"

char *
web_unit_text(int port, char **err)
{
	struct unit_spec	 u = { 0 };
	char			*description, *args, *text;

	description = xasprintf("midback in the browser, on "
	    "http://127.0.0.1:%d/", port);
	args = xasprintf("serve --port %d", port);
	u.description = description;
	u.args = args;
	text = unit_text(&u, err);
	free(description);
	free(args);
	return (text);
}

/*
 * $XDG_RUNTIME_DIR/midback/serve.json: {"pid":N,"url":"..."}, readable
 * by the person alone. `remind` reads it to open a break in the page.
 */
int
web_state_write(int port, char **err)
{
	char	*path, *text;
	int	 rc;

	if ((path = paths_state(WEB_STATE_FILE, err)) == NULL)
		return (-1);
	if (file_mkdirs(path, err) != 0) {
		free(path);
		return (-1);
	}
	text = xasprintf("{\"pid\":%d,\"url\":\"http://127.0.0.1:%d/\"}\n",
	    (int)getpid(), port);
	rc = file_write_atomic(path, text, strlen(text), 0600, err);
	free(text);
	free(path);
	return (rc);
}

/*
 * Only the server that wrote it removes it: with two on one store, the
 * second's file replaced the first's, and the first to stop must not
 * take away the one still running.
 */
void
web_state_remove(void)
{
	json_t	*j;
	char	*path, *err = NULL;

	if ((path = paths_state(WEB_STATE_FILE, &err)) == NULL) {
		free(err);
		return;
	}
	if ((j = json_load_file(path, 0, NULL)) != NULL &&
	    json_integer_value(json_object_get(j, "pid")) ==
	    (json_int_t)getpid())
		(void)unlink(path);
	json_decref(j);
	free(path);
}
