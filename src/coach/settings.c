/*
 * settings.c -- the reminder settings file, read and checked. See
 * settings.h; the format is src/core/config.c's.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "coach/settings.h"
#include "sys/fileio.h"
#include "sys/paths.h"
#include "core/xmalloc.h"

char *
settings_path(char **err)
{
	char	*dir, *path;

	if ((dir = paths_config_dir(err)) == NULL)
		return (NULL);
	path = xasprintf("%s/config.yaml", dir);
	free(dir);
	return (path);
}

int
settings_load(const char *path, struct remind_config *c, struct diag *d,
    char **err)
{
	struct diag	 mine = DIAG_INIT;
	char		*buf;
	size_t		 len;
	int		 rc;

	config_defaults(c);
	/* No file is no settings changed, not an error. */
	if (access(path, F_OK) != 0 && errno == ENOENT)
		return (0);
	if ((buf = file_read(path, &len, err)) == NULL)
		return (-1);
	rc = config_parse(path, buf, len, c, &mine);
	free(buf);
	if (rc != 0 || mine.n > 0) {
		if (mine.n == 0)
			diag_add(&mine, path, 0, "not valid settings");
		config_defaults(c);
		diag_move(d, &mine);
		return (-1);
	}
	return (0);
}
