/*
 * cmd-remind.c -- the break reminder daemon, and its status.
 *
 * One sd-event loop; one CLOCK_REALTIME timer armed for the next reminder
 * only, nothing polling. What wakes it: that timer, a signal (SIGTERM and
 * SIGINT end it, SIGHUP reloads config.yaml), the realtime clock being set
 * (a timerfd with TFD_TIMER_CANCEL_ON_SET), the time zone changing
 * (inotify on /etc/localtime), the person's answer to a notification, and
 * the idle sources (away, back, sleep, lock). The schedule itself is
 * src/core/schedule.c; this file feeds it the time and what happened.
 *
 * Sleep is also caught without logind: CLOCK_MONOTONIC stops while the
 * machine is suspended and CLOCK_BOOTTIME does not, so on every wake-up
 * the difference of their advances is time spent asleep, which counts as
 * time away.
 *
 * The state the daemon would tell `--status` is written, after every
 * decision, to $XDG_RUNTIME_DIR/midback/remind.json (through a temporary
 * file renamed into place).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#ifdef __GLIBC__
#include <malloc.h>		/* malloc_trim */
#endif
#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

#include "sys/fileio.h"
#include "sys/paths.h"
#include "sys/clock.h"
#include "cmd.h"
#include "idle.h"
#include "notify.h"
#include "store.h"
#include "core/config.h"
#include "core/date.h"
#include "core/schedule.h"
#include "core/xmalloc.h"

static enum cmd_retval	cmd_remind_exec(struct cmd_ctx *, int, char **);

const struct cmd_entry cmd_remind_entry = {
	.name = "remind",
	.usage = "[--status | --install | --uninstall]",
	.summary = "remind you to take desk breaks through the working day",
	.help =
	    "Runs in the background (in a terminal, or as a systemd user "
	    "service)\nand shows a notification for each break: a posture "
	    "reset every hour\nand a wall angel every two hours of desk time, "
	    "and the daily session,\nwithin work hours. Time away from the "
	    "keyboard, asleep or locked counts\nas a break taken. The "
	    "settings are in $XDG_CONFIG_HOME/midback/config.yaml.\n"
	    "Start opens the break in $TERMINAL, else x-terminal-emulator.\n"
	    "\nOptions:\n"
	    "  --status           say what comes next, when and why\n"
	    "  --install          write and enable a systemd user unit that "
	    "runs it\n"
	    "  --uninstall        disable and remove that unit\n"
	    "  -h, --help         show this help\n",
	.exec_argv = cmd_remind_exec
};

static const struct option remind_options[] = {
	{ "status", no_argument, NULL, 's' },
	{ "install", no_argument, NULL, 'i' },
	{ "uninstall", no_argument, NULL, 'u' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* How long the timer may be late, for the kernel to group wake-ups. */
#define REMIND_ACCURACY_USEC	(1000 * 1000ULL)
/* Slept at least this long (boottime ahead of monotonic): time away. */
#define REMIND_SLEPT_MS		1000
#define REMIND_UNIT		"midback-remind.service"

struct remind {
	const struct cmd_entry	*e;
	sd_event		*ev;
	sd_event_source		*timer;
	struct remind_config	 cfg;
	char			*config_path;
	struct sched		 sched;
	struct sched_zone	 zone;
	sd_bus			*bus;		/* the session bus, or NULL */
	struct notify		*nt;
	struct idle		*idle;
	char			*state_path;	/* remind.json */

	uint64_t		 mono_usec;	/* at the last wake-up */
	uint64_t		 boot_usec;
	int			 away;		/* idle, asleep or locked */
	int64_t			 away_ms;	/* since when */

	int			 showing;	/* a notification is up */
	uint32_t		 shown_id;
	enum sched_kind		 shown_kind;
	int64_t			 shown_due;
	int			 said_no_service;
	struct sched_event	 next;		/* what the timer is for */
	int			 has_next;
};

static const char *const store_kinds[SCHED_NKINDS] = {
	"posture-reset", "wall-angel", "daily-session"
};

static uint64_t
clock_usec(clockid_t id)
{
	struct timespec	ts;

	clock_gettime(id, &ts);
	return ((uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000);
}

/* The UTC offset in seconds at ms, for the schedule. */
static long
local_offset(void *arg, int64_t ms)
{
	struct tm	tm;
	time_t		t = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);

	(void)arg;
	if (localtime_r(&t, &tm) == NULL)
		return (0);
	return (tm.tm_gmtoff);
}

/*
 * Read config.yaml into *c; a missing file gives the defaults. Returns 0,
 * or -1 after printing every problem as FILE:LINE: message.
 */
static int
remind_config_load(const struct cmd_entry *e, const char *path,
    struct remind_config *c)
{
	struct diag	 d = DIAG_INIT;
	FILE		*f;
	char		*buf = NULL;
	size_t		 len = 0;
	int		 rc;

	config_defaults(c);
	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT)
			return (0);
		cmd_warn(e, "cannot read '%s': %s", path, strerror(errno));
		return (-1);
	}
	for (;;) {
		buf = xreallocarray(buf, len + 4096 + 1, 1);
		rc = (int)fread(buf + len, 1, 4096, f);
		len += (size_t)rc;
		if (rc < 4096)
			break;
	}
	if (ferror(f)) {
		cmd_warn(e, "cannot read '%s': %s", path, strerror(errno));
		fclose(f);
		free(buf);
		return (-1);
	}
	fclose(f);
	buf[len] = '\0';
	rc = config_parse(path, buf, len, c, &d);
	free(buf);
	if (rc != 0 || d.n > 0) {
		cmd_print_diag(&d);
		diag_release(&d);
		return (-1);
	}
	diag_release(&d);
	return (0);
}

/* $XDG_RUNTIME_DIR/midback/remind.json, else beside the store. */
static char *
remind_state_path(void)
{
	char	*cause = NULL, *p;

	/* The home folder was found already, for the config file. */
	if ((p = paths_state("remind.json", &cause)) == NULL) {
		free(cause);
		p = xstrdup("/nonexistent/remind.json");
	}
	return (p);
}

/* Record what became of a reminder; a failure is said, not fatal. */
static void
remind_record(struct remind *r, enum sched_kind k, int64_t due,
    const char *outcome)
{
	struct store	*st;
	char		*cause = NULL;

	if (cmd_store_open(r->e, 1, &st) != 0)
		return;
	if (store_reminder_add(st, store_kinds[k], due, clock_wall_ms(clock_process(NULL)),
	    clock_tz_min(clock_process(NULL), clock_wall_ms(clock_process(NULL))), outcome, &cause) != 0) {
		cmd_warn(r->e, "%s", cause);
		free(cause);
	}
	store_close(st);
}

/*
 * One daemon at a time: a second would show every reminder twice, and
 * the first to end would remove the other's state. The lock is flock()
 * on "remind.lock" beside the state file, which the kernel lets go of
 * however the process ends; it also makes the state file's folder.
 * Returns the lock's descriptor, kept open for the daemon's life, or -1
 * having said why.
 */
static int
remind_lock(const struct cmd_entry *e, const char *state_path)
{
	json_error_t	 jerr;
	json_t		*j;
	const char	*slash = strrchr(state_path, '/');
	char		*path, *cause = NULL;
	int		 fd, pid = 0;

	if (file_mkdirs(state_path, &cause) != 0) {
		cmd_warn(e, "%s", cause);
		free(cause);
		return (-1);
	}
	/* The state path is always in a folder (remind_state_path()). */
	path = xasprintf("%.*s/remind.lock", (int)(slash - state_path),
	    state_path);
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) == -1) {
		cmd_warn(e, "cannot open '%s': %s", path, strerror(errno));
		free(path);
		return (-1);
	}
	free(path);
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return (fd);
	if (errno == EWOULDBLOCK) {
		if ((j = json_load_file(state_path, 0, &jerr)) != NULL) {
			(void)json_unpack(j, "{s:i}", "pid", &pid);
			json_decref(j);
		}
		if (pid > 0)
			cmd_warn(e, "already running (process %d); "
			    "'midback remind --status' says what comes next",
			    pid);
		else
			cmd_warn(e, "already running; 'midback remind "
			    "--status' says what comes next");
	} else
		cmd_warn(e, "cannot lock '%s': %s", state_path,
		    strerror(errno));
	close(fd);
	return (-1);
}

/* Write what comes next for --status, atomically. */
static void
remind_write_state(struct remind *r)
{
	char	 iso[DATE_ISO_BUFSZ], *tmp;
	json_t	*j;

	/* remind_lock() made the folder. */
	j = json_pack("{s:i, s:s, s:b, s:b}",
	    "pid", (int)getpid(),
	    "idle_sources", r->idle != NULL ? idle_sources(r->idle) : "none",
	    "notifications", r->nt != NULL && notify_available(r->nt),
	    "away", r->away);
	if (r->has_next) {
		date_iso(r->next.due_ms, clock_tz_min(clock_process(NULL), clock_wall_ms(clock_process(NULL))), 0, iso);
		json_object_set_new(j, "next", json_pack("{s:s, s:s, s:s}",
		    "kind", store_kinds[r->next.kind], "due", iso,
		    "reason", r->next.reason));
	} else
		json_object_set_new(j, "next", json_null());
	tmp = xasprintf("%s.tmp", r->state_path);
	if (json_dump_file(j, tmp, JSON_INDENT(2)) == 0)
		(void)rename(tmp, r->state_path);
	free(tmp);
	json_decref(j);
}

/*
 * This program's path into buf, to run it again. An upgrade that
 * replaced the program while this ran leaves /proc/self/exe as "PATH
 * (deleted)"; the new program is at PATH. Returns 0, or -1 (errno set)
 * with buf holding "midback".
 */
static int
remind_self(char *buf, size_t len)
{
	ssize_t	n;

	if ((n = readlink("/proc/self/exe", buf, len - 1)) < 0) {
		snprintf(buf, len, "midback");
		return (-1);
	}
	buf[n] = '\0';
	if (n > 10 && strcmp(buf + n - 10, " (deleted)") == 0)
		buf[n - 10] = '\0';
	return (0);
}

/*
 * Open the guided break, or the daily session, in a terminal:
 * $TERMINAL, else x-terminal-emulator (Debian's alternative), given
 * "-e COMMAND ARG", which both xterm and the alternative take. Not waited
 * for: the child is reaped by SIGCHLD being ignored. A pipe closed on exec
 * tells whether the terminal started; if it did not, the person is told
 * how to start the break themselves, by a notification and on stderr.
 */
static void
remind_start(struct remind *r, enum sched_kind k)
{
	const char	*term = getenv("TERMINAL"), *what;
	char		 self[4096], *msg, *cause = NULL, *body;
	ssize_t		 n;
	pid_t		 pid;
	uint32_t	 id = 0;
	sigset_t	 none;
	int		 p[2], error = 0;

	if (term == NULL || *term == '\0')
		term = "x-terminal-emulator";
	what = k == SCHED_DAILY_SESSION ? "start" : "break";
	(void)remind_self(self, sizeof self);
	if (pipe2(p, O_CLOEXEC) == -1)
		error = errno;
	else if ((pid = fork()) == -1) {
		error = errno;
		close(p[0]);
		close(p[1]);
	} else if (pid == 0) {
		close(p[0]);
		/*
		 * The loop blocks SIGTERM, SIGINT and SIGHUP (sd-event reads
		 * them from a signalfd) and ignores SIGCHLD; a new program
		 * would keep both, and the break could then not be stopped
		 * with ^C or by closing its window.
		 */
		sigemptyset(&none);
		(void)sigprocmask(SIG_SETMASK, &none, NULL);
		(void)signal(SIGCHLD, SIG_DFL);
		execlp(term, term, "-e", self, what, (char *)NULL);
		error = errno;
		if (write(p[1], &error, sizeof error) != sizeof error)
			_exit(126);
		_exit(127);
	} else {
		close(p[1]);
		while ((n = read(p[0], &error, sizeof error)) == -1 &&
		    errno == EINTR)
			continue;
		if (n != sizeof error)
			error = 0;
		close(p[0]);
	}
	if (error == 0)
		return;
	msg = xasprintf("cannot open a terminal ('%s': %s); set $TERMINAL, "
	    "or run 'midback %s' yourself", term, strerror(error), what);
	cmd_warn(r->e, "%s", msg);
	body = xasprintf("Could not open a terminal ('%s'). Run 'midback %s' "
	    "in one yourself, or set $TERMINAL.", term, what);
	if (r->nt != NULL && notify_available(r->nt) &&
	    notify_send(r->nt, "No terminal for the break", body, NULL, 0,
	    &id, &cause) != 0)
		free(cause);
	free(body);
	free(msg);
}

static void	remind_tick(struct remind *);

/* The person's answer to the notification, or its closing. */
static void
remind_answer(void *arg, uint32_t id, const char *action, unsigned reason)
{
	struct remind	*r = arg;
	int64_t		 now = clock_wall_ms(clock_process(NULL));
	const char	*outcome;

	if (!r->showing || id != r->shown_id)
		return;
	r->showing = 0;
	sched_advance(&r->sched, now, !r->away);
	/* "default" is a click on the notification itself. */
	if (action != NULL && (strcmp(action, "start") == 0 ||
	    strcmp(action, "default") == 0)) {
		outcome = "taken";
		sched_taken(&r->sched, r->shown_kind, now);
		remind_start(r, r->shown_kind);
	} else if (action != NULL && strcmp(action, "snooze") == 0) {
		outcome = "snoozed";
		sched_snoozed(&r->sched, r->shown_kind, now);
	} else if ((action != NULL && strcmp(action, "skip") == 0) ||
	    reason == NOTIFY_DISMISSED) {
		/* Closed by the person: seen, and let go. */
		outcome = "skipped";
		sched_skipped(&r->sched, r->shown_kind, now);
	} else
		outcome = "missed";
	/* Some servers (dunst) leave it up after an action. */
	if (action != NULL)
		(void)notify_dismiss(r->nt, id, NULL);
	remind_record(r, r->shown_kind, r->shown_due, outcome);
	remind_tick(r);
}

/* Show the reminder ev. */
static void
remind_fire(struct remind *r, const struct sched_event *ev, int64_t now)
{
	static const struct notify_action actions[] = {
		{ "default", "Start" },
		{ "start", "Start" },
		{ "snooze", "Snooze" },
		{ "skip", "Skip" },
	};
	static const char *const body[SCHED_NKINDS] = {
		"Sit tall, squeeze your shoulder blades together and hold for "
		    "a few seconds, ten times. About a minute.",
		"Stand with your back against a wall and slide your arms up "
		    "and down it for a minute, then a posture reset.",
		"Your daily routine: about 12 minutes of breathing, "
		    "extension, rotation and strength.",
	};
	static const char *const title[SCHED_NKINDS] = {
		"Time for a posture reset",
		"Time for wall angels",
		"Time for today's session",
	};
	char		*cause = NULL;
	char		 iso[DATE_ISO_BUFSZ];

	/* One showing at a time: the one left unanswered was missed. */
	if (r->showing) {
		r->showing = 0;
		remind_record(r, r->shown_kind, r->shown_due, "missed");
	}
	sched_fired(&r->sched, ev->kind, now);
	if (r->nt != NULL && notify_available(r->nt)) {
		if (notify_send(r->nt, title[ev->kind], body[ev->kind],
		    actions, sizeof actions / sizeof actions[0], &r->shown_id,
		    &cause) == 0) {
			r->showing = 1;
			r->shown_kind = ev->kind;
			r->shown_due = ev->due_ms;
			return;
		}
		cmd_warn(r->e, "%s", cause);
		free(cause);
	}
	if (!r->said_no_service) {
		cmd_warn(r->e, "no notification service on the session bus; "
		    "reminders will ring the terminal bell and print here");
		r->said_no_service = 1;
	}
	date_iso(now, clock_tz_min(clock_process(NULL), clock_wall_ms(clock_process(NULL))), 0, iso);
	fprintf(stderr, "\a%.5s %s. %s\n", iso + 11, title[ev->kind],
	    body[ev->kind]);
	remind_record(r, ev->kind, ev->due_ms, "missed");
}

/* Arm the one timer for the next reminder, or disarm it. */
static void
remind_arm(struct remind *r)
{
	uint64_t	usec;

	if (!r->has_next) {
		sd_event_source_set_enabled(r->timer, SD_EVENT_OFF);
		return;
	}
	usec = r->next.due_ms <= 0 ? 1 : (uint64_t)r->next.due_ms * 1000;
	sd_event_source_set_time(r->timer, usec);
	sd_event_source_set_enabled(r->timer, SD_EVENT_ONESHOT);
}

/*
 * Bring the schedule up to now (catching a sleep the clocks show), fire
 * what is due, and arm the timer for what comes next.
 */
static void
remind_tick(struct remind *r)
{
	uint64_t	mono = clock_usec(CLOCK_MONOTONIC);
	uint64_t	boot = clock_usec(CLOCK_BOOTTIME);
	int64_t		now = clock_wall_ms(clock_process(NULL)), slept_ms;
	int		i;

	slept_ms = (int64_t)((boot - r->boot_usec) - (mono - r->mono_usec)) /
	    1000;
	r->mono_usec = mono;
	r->boot_usec = boot;
	if (slept_ms >= REMIND_SLEPT_MS)
		sched_away(&r->sched, now - slept_ms, now);
	sched_advance(&r->sched, now, !r->away);
	for (i = 0; i < SCHED_NKINDS; i++) {
		r->has_next = sched_next(&r->sched, now, &r->next) == 0;
		if (!r->has_next || r->next.due_ms > now)
			break;
		remind_fire(r, &r->next, now);
	}
	remind_arm(r);
	remind_write_state(r);
}

static int
on_timer(sd_event_source *s, uint64_t usec, void *arg)
{
	(void)s;
	(void)usec;
	remind_tick(arg);
	return (0);
}

static int
on_signal(sd_event_source *s, const struct signalfd_siginfo *si, void *arg)
{
	struct remind		*r = arg;
	struct remind_config	 c;

	(void)s;
	if (si->ssi_signo != SIGHUP) {
		sd_event_exit(r->ev, 0);
		return (0);
	}
	if (remind_config_load(r->e, r->config_path, &c) != 0) {
		cmd_warn(r->e, "kept the settings in use: '%s' has problems",
		    r->config_path);
		return (0);
	}
	r->cfg = c;
	sched_set_config(&r->sched, &r->cfg);
	remind_tick(r);
	return (0);
}

/* The wall clock was set: re-arm the timerfd and reschedule. */
static int
on_clock_set(sd_event_source *s, int fd, uint32_t revents, void *arg)
{
	struct itimerspec	its;
	uint64_t		n;

	(void)s;
	(void)revents;
	(void)!read(fd, &n, sizeof n);
	memset(&its, 0, sizeof its);
	its.it_value.tv_sec = (time_t)1 << 40;	/* never, just watching */
	timerfd_settime(fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &its,
	    NULL);
	remind_tick(arg);
	return (0);
}

/* /etc/localtime changed: another time zone. */
static int
on_zone(sd_event_source *s, const struct inotify_event *ie, void *arg)
{
	struct remind	*r = arg;

	(void)s;
	if (ie->len > 0 && strcmp(ie->name, "localtime") != 0)
		return (0);
	tzset();
	sched_set_zone(&r->sched, &r->zone);
	remind_tick(r);
	return (0);
}

static void
on_idle(void *arg, enum idle_event ev, uint64_t at_usec)
{
	struct remind	*r = arg;
	int64_t		 now = clock_wall_ms(clock_process(NULL)), since;

	since = now - (int64_t)(clock_usec(CLOCK_MONOTONIC) - at_usec) / 1000;
	switch (ev) {
	case IDLE_AWAY:
	case IDLE_SLEEP:
	case IDLE_LOCK:
		if (!r->away) {
			r->away = 1;
			r->away_ms = since < now ? since : now;
			sched_away(&r->sched, r->away_ms, now);
		}
		break;
	case IDLE_BACK:
	case IDLE_WAKE:
	case IDLE_UNLOCK:
		if (r->away) {
			r->away = 0;
			sched_away(&r->sched, r->away_ms, now);
			if (now - r->away_ms >= SCHED_RESET_BREAK_MS)
				remind_record(r, now - r->away_ms >=
				    SCHED_ANGEL_BREAK_MS ? SCHED_WALL_ANGEL :
				    SCHED_POSTURE_RESET, now, "natural");
		}
		break;
	}
	remind_tick(r);
}

/* Set today's daily session done if the store says so. */
static void
remind_daily_done(struct remind *r)
{
	struct store	*st;
	long		 day;
	int		 minute, done = 0;
	int64_t		 now = clock_wall_ms(clock_process(NULL)), from;

	if (cmd_store_open(r->e, 0, &st) != 0 || st == NULL)
		return;
	sched_local(&r->zone, now, &day, &minute);
	from = sched_utc(&r->zone, day, 0);
	if (store_routine_done(st, from, now + 1, &done, NULL) == 0 && done)
		sched_daily_done(&r->sched, day);
	store_close(st);
}

static int	remind_loop(sd_event *);

#define REMIND_DROP_MAX	256

/*
 * madvise(MADV_DONTNEED) on [lo, hi), leaving out the pages from
 * keep[i] to keep[i] + 2 pages; lo, hi and keep[] are page-aligned.
 */
static void
remind_unmap(uintptr_t lo, uintptr_t hi, const uintptr_t *keep, size_t n,
    uintptr_t page)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (keep[i] + 2 * page <= lo || keep[i] >= hi)
			continue;
		if (keep[i] > lo)
			remind_unmap(lo, keep[i], keep, n, page);
		if (keep[i] + 2 * page < hi)
			remind_unmap(keep[i] + 2 * page, hi, keep, n, page);
		return;
	}
	(void)madvise((void *)lo, hi - lo, MADV_DONTNEED);
}

/*
 * Between events the daemon needs nothing but its few dirty pages: it is
 * blocked in epoll_wait. Give back what start-up and the last wake-up
 * touched and waiting does not need:
 *
 * - Read-only file mappings with no private copy in them (program text,
 *   constant data; the "Anonymous" field of smaps is 0) hold only page
 *   cache pages, so MADV_DONTNEED merely unmaps them: nothing can be
 *   lost, and the next wake-up maps them again from the page cache with
 *   a minor fault. Writable mappings and relocated read-only ones (RELRO)
 *   hold private copies and are never given to MADV_DONTNEED.
 *   What runs between the unmapping and the wait keeps its pages, since
 *   one fault maps a large part of a file again (fault-around, large
 *   folios): this function, remind_loop(), the first two pages of the
 *   program's text (where the linker puts the PLT through which they call
 *   the libraries), madvise(), sd_event_wait() and epoll_wait(). fclose()
 *   and malloc_trim() run before the unmapping.
 * - Every file mapping gets MADV_PAGEOUT (Linux 5.4), which also lets go
 *   of clean pages only this process used; a hint, ignored where unknown.
 * - malloc_trim returns the freed heap (the catalog, SQLite's cache).
 *   It is glibc's; elsewhere the heap keeps its pages.
 *
 * It costs a read of /proc/self/smaps and a few hundred minor faults per
 * wake-up, a few times an hour.
 */
static void
remind_page_out(void)
{
	FILE		*f;
	char		 line[512], perms[8], path[256];
	uintptr_t	 lo = 0, hi = 0, keep[6], page;
	uintptr_t	 drop[REMIND_DROP_MAX][2];
	unsigned long	 a, b, kb;
	size_t		 i, n = 0;
	int		 file = 0, ro = 0;

	/* POSIX lets a function's address be seen as an object's. */
	page = (uintptr_t)sysconf(_SC_PAGESIZE);
	keep[0] = (uintptr_t)(void *)remind_page_out & ~(page - 1);
	keep[1] = (uintptr_t)(void *)remind_loop & ~(page - 1);
	keep[2] = keep[1];
	keep[3] = (uintptr_t)(void *)madvise & ~(page - 1);
	keep[4] = (uintptr_t)(void *)sd_event_wait & ~(page - 1);
	keep[5] = (uintptr_t)(void *)epoll_wait & ~(page - 1);
	if ((f = fopen("/proc/self/smaps", "re")) == NULL)
		return;
	while (fgets(line, sizeof line, f) != NULL) {
		/* A field line ("Anonymous: ...") can start like a hex number. */
		path[0] = '\0';
		if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %255s", &a, &b,
		    perms, path) >= 3) {
			lo = a;
			hi = b;
			file = path[0] == '/';
			ro = strchr(perms, 'w') == NULL;
			if (lo <= keep[1] && keep[1] < hi)
				keep[2] = lo;
#ifdef MADV_PAGEOUT
			if (file)
				(void)madvise((void *)lo, hi - lo,
				    MADV_PAGEOUT);
#endif
			continue;
		}
		if (file && ro && sscanf(line, "Anonymous: %lu", &kb) == 1 &&
		    kb == 0 && n < REMIND_DROP_MAX) {
			drop[n][0] = lo;
			drop[n++][1] = hi;
		}
	}
	fclose(f);
#ifdef __GLIBC__
	(void)malloc_trim(0);
#endif
	for (i = 0; i < n; i++)
		remind_unmap(drop[i][0], drop[i][1], keep, 6, page);
}

/*
 * sd_event_loop, with the page-out put last before the wait, once nothing
 * is pending (sd_event_prepare returns 0): done any earlier, the rest of
 * the iteration would fault the pages straight back in.
 */
static int
remind_loop(sd_event *ev)
{
	int	 r, code = 0;

	while (sd_event_get_state(ev) != SD_EVENT_FINISHED) {
		if ((r = sd_event_prepare(ev)) == 0) {
			remind_page_out();
			r = sd_event_wait(ev, UINT64_MAX);
		}
		if (r > 0)
			r = sd_event_dispatch(ev);
		if (r < 0)
			return (r);
	}
	(void)sd_event_get_exit_code(ev, &code);
	return (code);
}

static enum cmd_retval
remind_run(const struct cmd_entry *e, const char *config_path,
    const struct remind_config *cfg)
{
	struct remind		 r;
	struct itimerspec	 its;
	sigset_t		 mask;
	char			*cause = NULL;
	int			 fd = -1, lock, ret = CMD_ERROR;

	memset(&r, 0, sizeof r);
	r.state_path = remind_state_path();
	if ((lock = remind_lock(e, r.state_path)) == -1) {
		free(r.state_path);
		return (CMD_ERROR);
	}
	r.e = e;
	r.cfg = *cfg;
	r.config_path = xstrdup(config_path);
	r.zone.offset = local_offset;
	r.zone.arg = NULL;
	r.mono_usec = clock_usec(CLOCK_MONOTONIC);
	r.boot_usec = clock_usec(CLOCK_BOOTTIME);
	sched_init(&r.sched, &r.cfg, &r.zone, clock_wall_ms(clock_process(NULL)));
	signal(SIGCHLD, SIG_IGN);	/* terminals we start reap themselves */

	if (sd_event_default(&r.ev) < 0) {
		cmd_warn(e, "cannot make an event loop");
		goto out;
	}
	sigemptyset(&mask);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	if (sd_event_add_signal(r.ev, NULL, SIGTERM, on_signal, &r) < 0 ||
	    sd_event_add_signal(r.ev, NULL, SIGINT, on_signal, &r) < 0 ||
	    sd_event_add_signal(r.ev, NULL, SIGHUP, on_signal, &r) < 0 ||
	    sd_event_add_time(r.ev, &r.timer, CLOCK_REALTIME, 1,
	    REMIND_ACCURACY_USEC, on_timer, &r) < 0) {
		cmd_warn(e, "cannot set up the event loop");
		goto out;
	}
	sd_event_source_set_enabled(r.timer, SD_EVENT_OFF);
	if ((fd = timerfd_create(CLOCK_REALTIME, TFD_CLOEXEC|TFD_NONBLOCK)) !=
	    -1) {
		memset(&its, 0, sizeof its);
		its.it_value.tv_sec = (time_t)1 << 40;
		if (timerfd_settime(fd, TFD_TIMER_ABSTIME |
		    TFD_TIMER_CANCEL_ON_SET, &its, NULL) == 0)
			sd_event_add_io(r.ev, NULL, fd, EPOLLIN, on_clock_set,
			    &r);
	}
	/* /etc/localtime is a link that is replaced: watch /etc. */
	(void)sd_event_add_inotify(r.ev, NULL, "/etc", IN_CREATE |
	    IN_MOVED_TO | IN_CLOSE_WRITE | IN_ONLYDIR, on_zone, &r);

	/* One session bus for the notifications and the idle sources. */
	if (sd_bus_open_user(&r.bus) >= 0)
		(void)sd_bus_attach_event(r.bus, r.ev, SD_EVENT_PRIORITY_NORMAL);
	else
		r.bus = NULL;
	if ((r.nt = notify_open(r.ev, r.bus, remind_answer, &r, &cause)) ==
	    NULL) {
		cmd_warn(e, "%s", cause);
		free(cause);
		cause = NULL;
	}
	r.idle = idle_open(r.ev, NULL, r.bus, SCHED_RESET_BREAK_MS, NULL,
	    on_idle, &r, &cause);
	if (r.idle == NULL) {
		cmd_warn(e, "%s", cause);
		free(cause);
		cause = NULL;
	}
	remind_daily_done(&r);
	remind_tick(&r);
	ret = remind_loop(r.ev) < 0 ? CMD_ERROR : CMD_OK;
out:
	if (r.showing)
		remind_record(&r, r.shown_kind, r.shown_due, "missed");
	(void)unlink(r.state_path);
	idle_close(r.idle);
	notify_close(r.nt);
	sd_bus_flush_close_unref(r.bus);
	sd_event_source_unref(r.timer);
	sd_event_unref(r.ev);
	if (fd != -1)
		close(fd);
	close(lock);
	free(r.config_path);
	free(r.state_path);
	return (ret);
}

/* How long until ms, in words: "in 23 min", "in 2 h 5 min", "now". */
static void
until_words(int64_t ms, int64_t now, char *buf, size_t len)
{
	int64_t	min = (ms - now + 59999) / 60000;

	if (min <= 0)
		snprintf(buf, len, "now");
	else if (min < 60)
		snprintf(buf, len, "in %lld min", (long long)min);
	else
		snprintf(buf, len, "in %lld h %lld min", (long long)min / 60,
		    (long long)min % 60);
}

static enum cmd_retval
remind_status(const struct cmd_entry *e, const struct remind_config *cfg)
{
	struct sched		 s;
	struct sched_zone	 z = { local_offset, NULL };
	struct sched_event	 ev;
	json_error_t		 jerr;
	json_t			*j, *next;
	char			*path = remind_state_path(), *desc, when[64];
	char			 iso[DATE_ISO_BUFSZ];
	const char		*kind, *dues, *reason;
	int64_t			 now = clock_wall_ms(clock_process(NULL)), due;
	int			 pid = 0, tz, k;

	desc = config_describe(cfg);
	if ((j = json_load_file(path, 0, &jerr)) != NULL &&
	    json_unpack(j, "{s:i}", "pid", &pid) == 0 && pid > 0 &&
	    kill(pid, 0) == 0) {
		printf("midback remind is running (process %d); idle sources: "
		    "%s; notifications: %s.\n", pid, json_string_value(
		    json_object_get(j, "idle_sources")),
		    json_is_true(json_object_get(j, "notifications")) ?
		    "yes" : "no, the terminal bell");
		next = json_object_get(j, "next");
		if (json_is_object(next) && json_unpack(next, "{s:s, s:s, s:s}",
		    "kind", &kind, "due", &dues, "reason", &reason) == 0 &&
		    date_iso_parse(dues, &due, &tz) == 0) {
			date_iso(due, clock_tz_min(clock_process(NULL), clock_wall_ms(clock_process(NULL))), 0, iso);
			until_words(due, now, when, sizeof when);
			for (k = 0; k < SCHED_NKINDS; k++)
				if (strcmp(kind, store_kinds[k]) == 0)
					kind = sched_kind_name(k);
			printf("Next: %s at %.5s on %.10s (%s): %s.\n", kind,
			    iso + 11, iso, when, reason);
		} else
			printf("Nothing will fire with these settings.\n");
	} else {
		printf("midback remind is not running. Started now, with you "
		    "at the desk from now on:\n");
		sched_init(&s, cfg, &z, now);
		if (sched_next(&s, now, &ev) == 0) {
			date_iso(ev.due_ms, clock_tz_min(clock_process(NULL), clock_wall_ms(clock_process(NULL))), 0, iso);
			until_words(ev.due_ms, now, when, sizeof when);
			printf("Next: %s at %.5s on %.10s (%s): %s.\n",
			    sched_kind_name(ev.kind), iso + 11, iso, when,
			    ev.reason);
		} else
			printf("Nothing would fire with these settings.\n");
	}
	printf("\nSettings:\n%s", desc);
	json_decref(j);
	free(desc);
	free(path);
	(void)e;
	return (CMD_OK);
}

/* Run systemctl --user with args; returns its exit status, or -1. */
static int
systemctl(const char *a, const char *b, const char *c)
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

/* ~/.config/systemd/user/midback-remind.service */
static char *
unit_path(void)
{
	char	*cause = NULL, *name, *p;

	name = xasprintf("systemd/user/%s", REMIND_UNIT);
	if ((p = paths_config_home(name, &cause)) == NULL) {
		free(cause);
		p = xasprintf("/nonexistent/%s", name);
	}
	free(name);
	return (p);
}

static enum cmd_retval
remind_install(const struct cmd_entry *e)
{
	char	 self[4096], *path = unit_path(), *tmp, *p;
	FILE	*f;

	if (remind_self(self, sizeof self) != 0) {
		cmd_warn(e, "cannot find this program's path: %s",
		    strerror(errno));
		free(path);
		return (CMD_ERROR);
	}
	for (p = path + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		(void)mkdir(path, 0755);
		*p = '/';
	}
	tmp = xasprintf("%s.tmp", path);
	if ((f = fopen(tmp, "w")) == NULL) {
		cmd_warn(e, "cannot write '%s': %s", path, strerror(errno));
		free(tmp);
		free(path);
		return (CMD_ERROR);
	}
	fprintf(f, "[Unit]\n"
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
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		cmd_warn(e, "cannot write '%s': %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		free(path);
		return (CMD_ERROR);
	}
	free(tmp);
	printf("Wrote %s.\n", path);
	free(path);
	if (systemctl("daemon-reload", NULL, NULL) != 0 ||
	    systemctl("enable", "--now", REMIND_UNIT) != 0) {
		cmd_warn(e, "the unit is written but could not be enabled: "
		    "'systemctl --user enable --now %s' failed (is there a "
		    "user systemd?)", REMIND_UNIT);
		return (CMD_ERROR);
	}
	printf("Enabled and started %s.\n", REMIND_UNIT);
	return (CMD_OK);
}

static enum cmd_retval
remind_uninstall(const struct cmd_entry *e)
{
	char	*path = unit_path();
	int	 rc = CMD_OK;

	if (access(path, F_OK) != 0) {
		printf("No unit at %s; nothing to remove.\n", path);
		free(path);
		return (CMD_OK);
	}
	if (systemctl("disable", "--now", REMIND_UNIT) != 0)
		cmd_warn(e, "'systemctl --user disable --now %s' failed; "
		    "removing the unit anyway", REMIND_UNIT);
	if (unlink(path) != 0) {
		cmd_warn(e, "cannot remove '%s': %s", path, strerror(errno));
		rc = CMD_ERROR;
	} else
		printf("Removed %s.\n", path);
	(void)systemctl("daemon-reload", NULL, NULL);
	free(path);
	return (rc);
}

int
cmd_remind_config(const struct cmd_entry *e, struct remind_config *c)
{
	char	*dir, *path, *cause = NULL;
	int	 rc;

	if ((dir = paths_config_dir(&cause)) == NULL) {
		cmd_warn(e, "%s", cause);
		free(cause);
		return (-1);
	}
	path = xasprintf("%s/config.yaml", dir);
	free(dir);
	rc = remind_config_load(e, path, c);
	free(path);
	return (rc);
}

static enum cmd_retval
cmd_remind_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct cmd_entry	*e = ctx->entry;
	struct remind_config	 cfg;
	enum cmd_retval		 ret;
	char			*dir, *path, *cause = NULL;
	int			 c, mode = 0;

	optind = 0;
	while ((c = cmd_getopt(e, argc, argv, ":h", remind_options)) != -1) {
		switch (c) {
		case 's':
		case 'i':
		case 'u':
			if (mode != 0 && mode != c) {
				cmd_warn(e, "--status, --install and "
				    "--uninstall are one at a time");
				return (cmd_usage(e));
			}
			mode = c;
			break;
		case 'h':
			return (cmd_help(e));
		default:
			return (cmd_usage(e));
		}
	}
	if (cmd_no_args(e, argc, argv) != 0)
		return (cmd_usage(e));
	if (mode == 'i')
		return (remind_install(e));
	if (mode == 'u')
		return (remind_uninstall(e));

	if ((dir = paths_config_dir(&cause)) == NULL) {
		cmd_warn(e, "%s", cause);
		free(cause);
		return (CMD_ERROR);
	}
	path = xasprintf("%s/config.yaml", dir);
	free(dir);
	if (remind_config_load(e, path, &cfg) != 0) {
		if (mode == 's')
			cmd_warn(e, "cannot tell: fix '%s' first", path);
		else
			cmd_warn(e, "not started: fix '%s' first", path);
		free(path);
		return (CMD_ERROR);
	}
	if (mode == 's')
		ret = remind_status(e, &cfg);
	else
		ret = remind_run(e, path, &cfg);
	free(path);
	return (ret);
}
