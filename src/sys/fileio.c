/*
 * file.c -- folders, whole-file reads, atomic replacement and outputs.
 * See fileio.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sys/fileio.h"
#include "core/xmalloc.h"

int
file_mkdirs(const char *path, char **err)
{
	struct stat	 sb;
	const char	*slash;
	char		*dir, *p;
	int		 ret = -1, last;

	if ((slash = strrchr(path, '/')) == NULL || slash == path)
		return (0);
	dir = xstrndup(path, (size_t)(slash - path));
	if (stat(dir, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		ret = 0;
		goto out;
	}
	for (p = dir + 1; ; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		last = (*p == '\0');
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			*err = xasprintf("cannot create directory '%s': %s",
			    dir, strerror(errno));
			goto out;
		}
		if (last)
			break;
		*p = '/';
	}
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		*err = xasprintf("cannot create directory '%s': %s", dir,
		    strerror(ENOTDIR));
		goto out;
	}
	ret = 0;
out:
	free(dir);
	return (ret);
}

char *
file_read(const char *path, size_t *lenp, char **err)
{
	FILE	*f;
	char	*buf = NULL;
	size_t	 len = 0, cap = 0, got;

	if ((f = fopen(path, "re")) == NULL) {
		*err = xasprintf("%s: cannot open: %s", path,
		    strerror(errno));
		return (NULL);
	}
	for (;;) {
		if (cap - len < 4096) {
			cap = cap == 0 ? 16384 : cap * 2;
			buf = xreallocarray(buf, cap, 1);
		}
		got = fread(buf + len, 1, cap - len - 1, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		*err = xasprintf("%s: cannot read: %s", path,
		    strerror(errno));
		fclose(f);
		free(buf);
		return (NULL);
	}
	fclose(f);
	buf[len] = '\0';
	if (lenp != NULL)
		*lenp = len;
	return (buf);
}

/* A temporary file beside path, with mode whatever the umask. */
static FILE *
temp_beside(const char *path, mode_t mode, char **tmp, char **err)
{
	FILE	*f;
	int	 fd;

	*tmp = xasprintf("%s.tmp-XXXXXX", path);
	if ((fd = mkstemp(*tmp)) == -1) {
		*err = xasprintf("cannot write '%s': %s", path,
		    strerror(errno));
		free(*tmp);
		*tmp = NULL;
		return (NULL);
	}
	if (fchmod(fd, mode) != 0 || (f = fdopen(fd, "w")) == NULL) {
		*err = xasprintf("cannot write '%s': %s", path,
		    strerror(errno));
		close(fd);
		unlink(*tmp);
		free(*tmp);
		*tmp = NULL;
		return (NULL);
	}
	return (f);
}

int
file_output_open(struct file_output *o, const char *path, mode_t mode,
    char **err)
{
	struct stat	sb;
	int		fd;

	memset(o, 0, sizeof *o);
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		if (!S_ISCHR(sb.st_mode) && !S_ISFIFO(sb.st_mode)) {
			*err = xasprintf("cannot write '%s': not a regular "
			    "file, a character device or a pipe", path);
			return (-1);
		}
		/* A device or a pipe: written as a stream, never replaced. */
		if ((fd = open(path, O_WRONLY | O_CLOEXEC)) == -1 ||
		    (o->f = fdopen(fd, "w")) == NULL) {
			*err = xasprintf("cannot write '%s': %s", path,
			    strerror(errno));
			if (fd != -1)
				close(fd);
			return (-1);
		}
		o->path = xstrdup(path);
		return (0);
	}
	if ((o->f = temp_beside(path, mode, &o->tmp, err)) == NULL)
		return (-1);
	o->path = xstrdup(path);
	return (0);
}

int
file_output_close(struct file_output *o, int ok, char **err)
{
	int	failed, ret = -1;

	if (o->f == NULL)
		return (-1);
	failed = fflush(o->f) != 0 || ferror(o->f) != 0;
	/* fsync fails with EINVAL on a pipe or a terminal: that is fine. */
	if (!failed && o->tmp != NULL && fsync(fileno(o->f)) != 0)
		failed = 1;
	if (!failed)
		errno = 0;
	if (fclose(o->f) != 0)
		failed = 1;
	o->f = NULL;
	if (failed && ok)
		*err = xasprintf("cannot write '%s': %s", o->path,
		    strerror(errno != 0 ? errno : EIO));
	else if (!failed && ok && o->tmp != NULL &&
	    rename(o->tmp, o->path) != 0)
		*err = xasprintf("cannot write '%s': %s", o->path,
		    strerror(errno));
	else if (!failed && ok) {
		free(o->tmp);
		o->tmp = NULL;
		ret = 0;
	}
	if (o->tmp != NULL)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	memset(o, 0, sizeof *o);
	return (ret);
}

int
file_write_atomic(const char *path, const void *data, size_t len,
    mode_t mode, char **err)
{
	struct file_output	o;
	char			*tmp;

	memset(&o, 0, sizeof o);
	/* Always a replacement, even over a device: this is state. */
	if ((o.f = temp_beside(path, mode, &tmp, err)) == NULL)
		return (-1);
	o.tmp = tmp;
	o.path = xstrdup(path);
	if (len > 0 && fwrite(data, 1, len, o.f) != len) {
		file_output_close(&o, 0, err);
		*err = xasprintf("cannot write '%s': %s", path,
		    strerror(errno));
		return (-1);
	}
	return (file_output_close(&o, 1, err));
}
