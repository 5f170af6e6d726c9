/*
 * unit.c -- the text of the systemd user unit that runs the daemon at
 * login (sys/unit.h writes and enables it). Needs no libsystemd.
 */
#include <stdlib.h>

#include "remind/remind.h"
#include "sys/paths.h"
#include "core/xmalloc.h"

char *
remind_unit_text(char **err)
{
	char	*self, *text;

	if ((self = paths_self(err)) == NULL)
		return (NULL);
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
	free(self);
	return (text);
}
