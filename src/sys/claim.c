/*
 * claim.c -- one process plays a session on a store at a time. See
 * claim.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "sys/claim.h"
#include "core/xmalloc.h"

static int			 claim_fd = -1;
static char			*claim_path;
static volatile sig_atomic_t	 claim_asked;

static void
on_ask(int sig)
{
	(void)sig;
	claim_asked = 1;
}

static char *
lock_path(const char *store_path)
{
	return (xasprintf("%s.lock", store_path));
}

/* The holder's line: "PID SINCE_MS WHERE". Missing parts stay empty. */
static void
read_holder(int fd, struct claim_info *h)
{
	char		 buf[160], *p, *end;
	ssize_t		 n;
	long long	 v;

	memset(h, 0, sizeof *h);
	if ((n = pread(fd, buf, sizeof buf - 1, 0)) <= 0)
		return;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	errno = 0;
	v = strtoll(buf, &end, 10);
	if (end == buf || *end != ' ' || errno != 0 || v <= 0)
		return;
	h->pid = (pid_t)v;
	p = end + 1;
	v = strtoll(p, &end, 10);
	if (end == p || errno != 0 || v < 0)
		return;
	h->since_ms = v;
	if (*end == ' ')
		snprintf(h->where, sizeof h->where, "%s", end + 1);
}

static int
write_me(int fd, const struct claim_info *me, char **err)
{
	char	line[160];
	int	n;

	n = snprintf(line, sizeof line, "%ld %" PRId64 " %s\n", (long)getpid(),
	    me->since_ms, me->where);
	if (ftruncate(fd, 0) != 0 || pwrite(fd, line, (size_t)n, 0) != n) {
		*err = xasprintf("cannot write '%s': %s", claim_path,
		    strerror(errno));
		return (-1);
	}
	return (0);
}

/* Hold fd's lock as this process's claim. */
static int
hold(int fd, const char *path, const struct claim_info *me, char **err)
{
	struct sigaction	sa;

	claim_fd = fd;
	claim_path = xstrdup(path);
	claim_asked = 0;
	if (write_me(fd, me, err) == -1) {
		claim_drop();
		return (-1);
	}
	/*
	 * No SA_RESTART: a prompt waiting for a line, or a sleep, returns
	 * with EINTR, so that the player sees claim_lost() at once.
	 */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_ask;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	return (0);
}

static int
open_lock(const char *path, char **err)
{
	int	fd;

	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) == -1)
		*err = xasprintf("cannot open '%s': %s", path,
		    strerror(errno));
	return (fd);
}

int
claim_take(const char *store_path, const struct claim_info *me,
    struct claim_info *holder, char **err)
{
	char	*path;
	int	 fd, rc = -1;

	memset(holder, 0, sizeof *holder);
	path = lock_path(store_path);
	if (claim_fd != -1 && strcmp(path, claim_path) == 0) {
		free(path);
		return (0);
	}
	claim_drop();
	if ((fd = open_lock(path, err)) == -1)
		goto out;
	if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
		rc = hold(fd, path, me, err);
		goto out;
	}
	if (errno == EWOULDBLOCK) {
		read_holder(fd, holder);
		rc = 1;
	} else
		*err = xasprintf("cannot lock '%s': %s", path,
		    strerror(errno));
	close(fd);
out:
	free(path);
	return (rc);
}

int
claim_take_over(const char *store_path, const struct claim_info *me,
    int wait_ms, char **err)
{
	struct claim_info	 h;
	struct timespec		 step = { 0, 20 * 1000000L };
	char			*path;
	int			 fd, waited, rc = -1;

	path = lock_path(store_path);
	claim_drop();
	if ((fd = open_lock(path, err)) == -1)
		goto out;
	/*
	 * Ask, then wait for the lock in small steps (a blocking flock()
	 * cannot be given a time limit without a process-wide alarm).
	 * The holder lets go as soon as its player next wakes.
	 */
	for (waited = 0; ; waited += 20) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
			rc = hold(fd, path, me, err);
			goto out;
		}
		if (errno != EWOULDBLOCK) {
			*err = xasprintf("cannot lock '%s': %s", path,
			    strerror(errno));
			break;
		}
		if (waited >= wait_ms) {
			rc = 1;
			break;
		}
		/*
		 * Asked only while the lock is held, so the pid is the
		 * holder's, whose handler stays for its life (claim_drop()
		 * keeps it): the signal never ends the process it reaches.
		 */
		if (waited == 0) {
			read_holder(fd, &h);
			if (h.pid > 0 && h.pid != getpid())
				(void)kill(h.pid, SIGUSR1);
		}
		nanosleep(&step, NULL);
	}
	close(fd);
out:
	free(path);
	return (rc);
}

int
claim_lost(void)
{
	return (claim_fd != -1 && claim_asked);
}

void
claim_drop(void)
{
	if (claim_fd == -1)
		return;
	/* Closing the only descriptor of the file lets go of the lock. */
	close(claim_fd);
	claim_fd = -1;
	free(claim_path);
	claim_path = NULL;
}
