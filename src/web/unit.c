/*
 * unit.c -- the text of the systemd user unit that runs `serve` at login
 * (sys/unit.h writes and enables it), and the runtime file that tells a
 * reminder where the page is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "web/web.h"
#include "sys/fileio.h"
#include "sys/paths.h"
#include "core/xmalloc.h"

char *
web_unit_text(int port, char **err)
{
	char	*self, *text;

	if ((self = paths_self(err)) == NULL)
		return (NULL);
	text = xasprintf("[Unit]\n"
	    "Description=midback in the browser, on http://127.0.0.1:%d/\n"
	    "Documentation=man:midback(1)\n"
	    "\n[Service]\n"
	    "ExecStart=%s serve --port %d\n"
	    "Restart=on-failure\n"
	    "\n[Install]\n"
	    "WantedBy=default.target\n", port, self, port);
	free(self);
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

void
web_state_remove(void)
{
	char	*path, *err = NULL;

	if ((path = paths_state(WEB_STATE_FILE, &err)) == NULL) {
		free(err);
		return;
	}
	(void)unlink(path);
	free(path);
}
