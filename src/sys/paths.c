/*
 * paths.c -- the XDG base directories. See paths.h.
 */
#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sys/paths.h"
#include "core/xmalloc.h"

static const char *
home(char **err)
{
	const char	*h = getenv("HOME");
	struct passwd	*pw;

	if (h != NULL && *h == '/')
		return (h);
	if ((pw = getpwuid(getuid())) != NULL && pw->pw_dir != NULL &&
	    *pw->pw_dir == '/')
		return (pw->pw_dir);
	*err = xstrdup("no home folder: HOME is not an absolute path and the "
	    "password database has none; set HOME or XDG_DATA_HOME and "
	    "XDG_CONFIG_HOME");
	return (NULL);
}

/* $VAR/SUFFIX if VAR is absolute, else ~/FALLBACK/SUFFIX. */
static char *
xdg(const char *var, const char *fallback, const char *suffix, char **err)
{
	const char	*x = getenv(var), *h;

	if (x != NULL && *x == '/')
		return (xasprintf("%s/%s", x, suffix));
	if (fallback == NULL || (h = home(err)) == NULL)
		return (NULL);
	return (xasprintf("%s/%s/%s", h, fallback, suffix));
}

char *
paths_config_dir(char **err)
{
	return (xdg("XDG_CONFIG_HOME", ".config", "midback", err));
}

char *
paths_config_home(const char *name, char **err)
{
	return (xdg("XDG_CONFIG_HOME", ".config", name, err));
}

char *
paths_db(char **err)
{
	return (xdg("XDG_DATA_HOME", ".local/share", "midback/midback.db",
	    err));
}

char *
paths_state(const char *name, char **err)
{
	const char	*rt = getenv("XDG_RUNTIME_DIR");
	char		*dir, *p;

	if (rt != NULL && *rt == '/')
		return (xasprintf("%s/midback/%s", rt, name));
	if ((dir = xdg("XDG_DATA_HOME", ".local/share", "midback", err)) ==
	    NULL)
		return (NULL);
	p = xasprintf("%s/%s", dir, name);
	free(dir);
	return (p);
}

char *
paths_self(char **err)
{
	char	buf[PATH_MAX];
	ssize_t	n;

	if ((n = readlink("/proc/self/exe", buf, sizeof buf - 1)) < 0) {
		*err = xasprintf("cannot find this program's path: %s",
		    strerror(errno));
		return (NULL);
	}
	buf[n] = '\0';
	if (n > 10 && strcmp(buf + n - 10, " (deleted)") == 0)
		buf[n - 10] = '\0';
	return (xstrdup(buf));
}
