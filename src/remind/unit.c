/*
 * unit.c -- the systemd user unit that runs the daemon at login:
 * written, and enabled or disabled through systemctl. Needs no
 * libsystemd.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "remind/remind.h"
#include "sys/fileio.h"
#include "sys/paths.h"
#include "core/xmalloc.h"

int
remind_systemctl(const char *a, const char *b, const char *c)
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
remind_unit_path(char **err)
{
	return (paths_config_home("systemd/user/" REMIND_UNIT, err));
}

int
remind_unit_write(const char *path, char **err)
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
	    "Description=midback desk break reminders\n"
	    "Documentation=man:midback(1)\n"
	    "PartOf=graphical-session.target\n"
	    "After=graphical-session.target\n"
	    "\n[Service]\n"
	    "ExecStart=%s remind\n"
	    "ExecReload=/bin/kill -HUP $MAINPID\n"
	    "Restart=on-failure\n"
	    "\n[Install]\n"
	    "WantedBy=graphical-session.target\n", self);
	rc = file_write_atomic(path, text, strlen(text), 0644, err);
	free(text);
	free(self);
	return (rc);
}
