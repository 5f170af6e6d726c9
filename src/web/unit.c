/*
 * unit.c -- the systemd user unit that runs `serve` at login, and the
 * runtime file that tells a reminder where the page is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "web/web.h"
#include "sys/fileio.h"
#include "sys/paths.h"
#include "core/xmalloc.h"

int
web_systemctl(const char *a, const char *b, const char *c)
{
	pid_t	pid;
	int	status;

	if ((pid = fork()) == -1)
		return (-1);
	if (pid == 0) {
		execlp("systemctl", "systemctl", "--user", a, b, c,
		    (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) == -1 || !WIFEXITED(status))
		return (-1);
	return (WEXITSTATUS(status));
}

char *
web_unit_path(char **err)
{
	return (paths_config_home("systemd/user/" WEB_UNIT, err));
}

int
web_unit_write(const char *path, int port, char **err)
{
	char	*self, *text;
	int	 rc;

	if ((self = paths_self(err)) == NULL)
		return (-1);
	if (file_mkdirs(path, err) != 0) {
		free(self);
		return (-1);
	}
	text = xasprintf("[Unit]\n"
	    "Description=midback in the browser, on http://127.0.0.1:%d/\n"
	    "Documentation=man:midback(1)\n"
	    "\n[Service]\n"
	    "ExecStart=%s serve --port %d\n"
	    "Restart=on-failure\n"
	    "\n[Install]\n"
	    "WantedBy=default.target\n", port, self, port);
	rc = file_write_atomic(path, text, strlen(text), 0644, err);
	free(text);
	free(self);
	return (rc);
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
