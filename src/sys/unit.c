/*
 * unit.c -- systemd user units; see unit.h.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sys/fileio.h"
#include "sys/paths.h"
#include "sys/unit.h"
#include "core/xmalloc.h"

char *
unit_text(const struct unit_spec *u, char **err)
{
	char	*self, *text;

	if ((self = paths_self(err)) == NULL)
		return (NULL);
	text = xasprintf("[Unit]\n"
	    "Description=%s\n"
	    "Documentation=man:midback(1)\n"
	    "%s"
	    "\n[Service]\n"
	    "ExecStart=%s %s\n"
	    "%s"
	    "Restart=on-failure\n"
	    "\n[Install]\n"
	    "WantedBy=%s\n", u->description,
	    u->graphical ? "PartOf=graphical-session.target\n"
	    "After=graphical-session.target\n" : "",
	    self, u->args,
	    u->reload ? "ExecReload=/bin/kill -HUP $MAINPID\n" : "",
	    u->graphical ? "graphical-session.target" : "default.target");
	free(self);
	return (text);
}

char *
unit_path(const char *name, char **err)
{
	char	*rel, *path;

	rel = xasprintf("systemd/user/%s", name);
	path = paths_config_home(rel, err);
	free(rel);
	return (path);
}

int
unit_write(const char *name, const char *text, char **pathp, char **err)
{
	char	*path;

	*pathp = NULL;
	if ((path = unit_path(name, err)) == NULL)
		return (-1);
	if (file_mkdirs(path, err) != 0 ||
	    file_write_atomic(path, text, strlen(text), 0644, err) != 0) {
		free(path);
		return (-1);
	}
	*pathp = path;
	return (0);
}

int
unit_systemctl(const char *a, const char *b, const char *c)
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
