/*
 * settings.h -- the person's reminder settings (config.yaml), for every
 * front end that needs them: the daemon (`remind`), its --status, and
 * the calendar export (`export --format ics`). No command owns them.
 *
 * Nothing here prints: a file that cannot be read comes back as a
 * message, a file with problems as every one of them, FILE:LINE: message.
 */
#ifndef MIDBACK_COACH_SETTINGS_H
#define MIDBACK_COACH_SETTINGS_H

#include "core/config.h"
#include "core/diag.h"

/*
 * $XDG_CONFIG_HOME/midback/config.yaml, allocated; NULL with *err set
 * (allocated) when there is no home folder to find it in.
 */
char	*settings_path(char **err);

/*
 * Read the settings file at path into *c; a file that does not exist
 * gives the defaults. Returns 0, or -1 with either *err set (allocated;
 * the file could not be read) or every problem of the file added to d.
 * On failure *c holds the defaults.
 */
int	 settings_load(const char *path, struct remind_config *c,
	     struct diag *d, char **err);

#endif
