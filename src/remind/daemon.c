/*
 * daemon.c -- the break reminder daemon.
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
 * Time is the program's one clock (src/sys/clock.h): every reading goes
 * through it, and the timers armed on the system's clocks are converted
 * from it, so that under a scaled test clock (MIDBACK_TEST_CLOCK, see
 * tests/README) a reminder an hour away fires seconds of real time away.
 *
 * The state the daemon would tell `--status` is written, after every
 * decision, to $XDG_RUNTIME_DIR/midback/remind.json (through a temporary
 * file renamed into place).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "remind/idle.h"
#include "remind/notify.h"
#include "remind/pageout.h"
#include "remind/remind.h"
#include "remind/sd.h"
#include "coach/settings.h"
#include "sys/clock.h"
#include "sys/fileio.h"
#include "sys/paths.h"
#include "coach/coach.h"
#include "core/config.h"
#include "core/date.h"
#include "core/schedule.h"
#include "core/xmalloc.h"

/*
 * How long the timer may be late, on our clock, for the kernel to group
 * wake-ups.
 */
#define REMIND_ACCURACY_MS	1000
/* Slept at least this long (boottime ahead of monotonic): time away. */
#define REMIND_SLEPT_MS		1000
/*
 * Reminders waiting for their one answer (notify.h): the one showing,
 * and those it replaced until the server confirms they are closed.
 */
#define REMIND_NSHOWN		8

/* A reminder on the screen. */
struct remind_shown {
	uint32_t		 id;		/* the notification's */
	enum sched_kind		 kind;
	int64_t			 due;
	int			 closing;	/* replaced; being closed */
};
#define REMIND_UNIT		"midback-remind.service"

struct remind {
	const struct clock	*clk;
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

	int64_t			 mono_ms;	/* at the last wake-up */
	int64_t			 boot_ms;
	int			 away;		/* idle, asleep or locked */
	int64_t			 away_ms;	/* since when */

	struct remind_shown	 shown[REMIND_NSHOWN]; /* oldest first */
	size_t			 nshown;
	int			 said_no_service;
	struct sched_event	 next;		/* what the timer is for */
	int			 has_next;
};

/* Say what went wrong: "midback: remind: message". */
static void __attribute__((format(printf, 1, 2)))
remind_warn(const char *fmt, ...)
{
	va_list	ap;

	fflush(stdout);
	fputs("midback: remind: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/*
 * Open the store through a coach; with create 0, -1 (and nothing said)
 * when there is none yet. Else -1 after saying why.
 */
static int
remind_store(int create, struct coach *c)
{
	char	*path, *cause = NULL;
	int	 rc = -1;

	memset(c, 0, sizeof *c);
	c->clock = clock_process(NULL);
	if ((path = paths_db(&cause)) == NULL) {
		remind_warn("%s", cause);
		free(cause);
		return (-1);
	}
	if (!create && access(path, F_OK) != 0 && errno == ENOENT) {
		free(path);
		return (-1);
	}
	if ((rc = coach_open(c, path, &cause)) != 0) {
		remind_warn("%s", cause);
		free(cause);
	}
	free(path);
	return (rc);
}

/* Record what became of a reminder; a failure is said, not fatal. */
static void
remind_record(enum sched_kind k, int64_t due,
    const char *outcome)
{
	struct coach	 c;
	char		*cause = NULL;

	if (remind_store(1, &c) != 0)
		return;
	if (coach_reminder(&c, remind_kind_ids[k], due, outcome,
	    &cause) != 0) {
		remind_warn("%s", cause);
		free(cause);
	}
	coach_close(&c);
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
remind_lock(const char *state_path)
{
	json_error_t	 jerr;
	json_t		*j;
	const char	*slash = strrchr(state_path, '/');
	char		*path, *cause = NULL;
	int		 fd, pid = 0;

	if (file_mkdirs(state_path, &cause) != 0) {
		remind_warn("%s", cause);
		free(cause);
		return (-1);
	}
	/* The state path is always in a folder (remind_state_path()). */
	path = xasprintf("%.*s/remind.lock", (int)(slash - state_path),
	    state_path);
	/* An older lock may have been made with the umask's mode. */
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) == -1 ||
	    fchmod(fd, 0600) != 0) {
		remind_warn("cannot open '%s': %s", path, strerror(errno));
		if (fd != -1)
			close(fd);
		free(path);
		return (-1);
	}
	free(path);
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		return (fd);
	if (errno == EWOULDBLOCK) {
		if ((j = json_load_file(state_path, 0, &jerr)) != NULL) {
			pid = remind_state_pid(j);
			json_decref(j);
		}
		if (pid > 0)
			remind_warn("already running (process %d); "
			    "'midback remind --status' says what comes next",
			    pid);
		else
			remind_warn("already running; 'midback remind "
			    "--status' says what comes next");
	} else
		remind_warn("cannot lock '%s': %s", state_path,
		    strerror(errno));
	close(fd);
	return (-1);
}

/*
 * Write what comes next for --status, atomically, readable by the person
 * alone (it says when they are away), whatever the umask.
 */
static void
remind_write_state(struct remind *r)
{
	char	 iso[DATE_ISO_BUFSZ], *text, *cause = NULL;
	json_t	*j;

	/* remind_lock() made the folder. */
	j = json_pack("{s:i, s:s, s:b, s:b}",
	    "pid", (int)getpid(),
	    "idle_sources", r->idle != NULL ? idle_sources(r->idle) : "none",
	    "notifications", r->nt != NULL && notify_available(r->nt),
	    "away", r->away);
	if (r->has_next) {
		date_iso(r->next.due_ms, clock_tz_min(r->clk, r->next.due_ms),
		    0, iso);
		json_object_set_new(j, "next", json_pack("{s:s, s:s, s:s}",
		    "kind", remind_kind_ids[r->next.kind], "due", iso,
		    "reason", r->next.reason));
	} else
		json_object_set_new(j, "next", json_null());
	if ((text = json_dumps(j, JSON_INDENT(2))) != NULL &&
	    file_write_atomic(r->state_path, text, strlen(text), 0600,
	    &cause) != 0) {
		remind_warn("%s", cause);
		free(cause);
	}
	free(text);
	json_decref(j);
}

/*
 * The page of a running `midback serve` for the break, or the daily
 * session, as its runtime file (serve.json) names it; NULL when none
 * runs.
 */
static char *
serve_page(enum sched_kind k)
{
	json_t		*j;
	const char	*url;
	char		*path, *cause = NULL, *page = NULL;
	int		 pid;

	if ((path = paths_state("serve.json", &cause)) == NULL) {
		free(cause);
		return (NULL);
	}
	j = json_load_file(path, 0, NULL);
	free(path);
	if (j == NULL)
		return (NULL);
	pid = remind_state_pid(j);
	url = json_string_value(json_object_get(j, "url"));
	if (pid > 1 && kill(pid, 0) == 0 && url != NULL &&
	    strncmp(url, "http://127.0.0.1:", 17) == 0)
		page = xasprintf("%s#/%s", url, k == SCHED_DAILY_SESSION ?
		    "today" : "break");
	json_decref(j);
	return (page);
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
	char		*self, *msg, *cause = NULL, *body, *page;
	ssize_t		 n;
	pid_t		 pid;
	uint32_t	 id = 0;
	sigset_t	 none;
	int		 p[2], error = 0;

	if (term == NULL || *term == '\0')
		term = "x-terminal-emulator";
	what = k == SCHED_DAILY_SESSION ? "start" : "break";
	/* With `midback serve` running, the page, not a terminal. */
	if ((page = serve_page(k)) != NULL) {
		term = "xdg-open";
		self = page;
	} else if ((self = paths_self(&cause)) == NULL) {
		free(cause);
		cause = NULL;
		self = xstrdup("midback");
	}
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
		if (page != NULL)
			execlp(term, term, self, (char *)NULL);
		else
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
	free(self);
	if (error == 0)
		return;
	msg = xasprintf("cannot open a terminal ('%s': %s); set $TERMINAL, "
	    "or run 'midback %s' yourself", term, strerror(error), what);
	remind_warn("%s", msg);
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
	struct remind		*r = arg;
	struct remind_shown	 sh;
	int64_t			 now = clock_wall_ms(r->clk);
	const char		*outcome;
	size_t			 i;

	for (i = 0; i < r->nshown; i++)
		if (r->shown[i].id == id)
			break;
	if (i == r->nshown)
		return;
	sh = r->shown[i];
	memmove(&r->shown[i], &r->shown[i + 1],
	    (r->nshown - i - 1) * sizeof r->shown[0]);
	r->nshown--;
	sched_advance(&r->sched, now, !r->away);
	/* "default" is a click on the notification itself. */
	if (action != NULL && (strcmp(action, "start") == 0 ||
	    strcmp(action, "default") == 0)) {
		outcome = "taken";
		sched_taken(&r->sched, sh.kind, now);
		remind_start(r, sh.kind);
	} else if (action != NULL && strcmp(action, "snooze") == 0) {
		outcome = "snoozed";
		sched_snoozed(&r->sched, sh.kind, now);
	} else if ((action != NULL && strcmp(action, "skip") == 0) ||
	    reason == NOTIFY_DISMISSED) {
		/* Closed by the person: seen, and let go. */
		outcome = "skipped";
		sched_skipped(&r->sched, sh.kind, now);
	} else {
		/* Expired, gone with the server, or closed for the next. */
		outcome = "missed";
	}
	/*
	 * The person's answer counts even on a reminder being closed for
	 * the next: it was still on the screen. Some servers (dunst) leave
	 * a notification up after an action.
	 */
	if (action != NULL)
		(void)notify_dismiss(r->nt, id, NULL);
	remind_record(sh.kind, sh.due, outcome);
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
	struct remind_shown	*sh;
	char			*cause = NULL;
	char			 iso[DATE_ISO_BUFSZ];
	uint32_t		 id = 0;
	size_t			 i;

	/*
	 * One reminder on the screen at a time. The one still up when the
	 * next comes is closed, and missed unless the person answers it
	 * before the server has closed it: remind_answer() records it when
	 * either comes. It is not replaced in place: the two would share an
	 * id, and the answer meant for one would be taken for the other.
	 */
	for (i = 0; i < r->nshown; i++) {
		if (r->shown[i].closing)
			continue;
		r->shown[i].closing = 1;
		(void)notify_dismiss(r->nt, r->shown[i].id, NULL);
	}
	sched_fired(&r->sched, ev->kind, now);
	if (r->nt != NULL && notify_available(r->nt)) {
		if (notify_send(r->nt, title[ev->kind], body[ev->kind],
		    actions, sizeof actions / sizeof actions[0], &id,
		    &cause) == 0) {
			/* A server that never closes: forget the oldest. */
			if (r->nshown == REMIND_NSHOWN) {
				remind_record(r->shown[0].kind,
				    r->shown[0].due, "missed");
				memmove(&r->shown[0], &r->shown[1],
				    --r->nshown * sizeof r->shown[0]);
			}
			sh = &r->shown[r->nshown++];
			sh->id = id;
			sh->kind = ev->kind;
			sh->due = ev->due_ms;
			sh->closing = 0;
			return;
		}
		remind_warn("%s", cause);
		free(cause);
	}
	if (!r->said_no_service) {
		remind_warn("no notification service on the session bus; "
		    "reminders will ring the terminal bell and print here");
		r->said_no_service = 1;
	}
	/* Stored before it is said: whoever reads the line finds it. */
	remind_record(ev->kind, ev->due_ms, "missed");
	date_iso(now, clock_tz_min(r->clk, now), 0, iso);
	fprintf(stderr, "\a%.5s %s. %s\n", iso + 11, title[ev->kind],
	    body[ev->kind]);
}

/*
 * Arm the one timer for the next reminder, or disarm it. The timer is on
 * the system's CLOCK_REALTIME, so the due time on our clock becomes the
 * real time at which our clock will read it.
 */
static void
remind_arm(struct remind *r)
{
	uint64_t	usec;
	int64_t		real;

	if (!r->has_next) {
		sd_event_source_set_enabled(r->timer, SD_EVENT_OFF);
		return;
	}
	real = clock_real_wall(r->clk, r->next.due_ms);
	usec = real <= 0 ? 1 : (uint64_t)real * 1000;
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
	int64_t		mono = clock_mono_ms(r->clk);
	int64_t		boot = clock_boot_ms(r->clk);
	int64_t		now = clock_wall_ms(r->clk), slept_ms;
	int		i;

	slept_ms = (boot - r->boot_ms) - (mono - r->mono_ms);
	r->mono_ms = mono;
	r->boot_ms = boot;
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
	struct diag		 d = DIAG_INIT;
	char			*cause = NULL;
	size_t			 i;

	(void)s;
	if (si->ssi_signo != SIGHUP) {
		sd_event_exit(r->ev, 0);
		return (0);
	}
	if (settings_load(r->config_path, &c, &d, &cause) != 0) {
		if (cause != NULL)
			remind_warn("%s", cause);
		for (i = 0; i < d.n; i++)
			fprintf(stderr, "%s\n", d.msgs[i]);
		diag_release(&d);
		free(cause);
		remind_warn("kept the settings in use: '%s' has problems",
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
	int64_t		 now = clock_wall_ms(r->clk), since;

	/* The sources stamp events with the system's CLOCK_MONOTONIC. */
	since = clock_wall_at_real_mono(r->clk, (int64_t)(at_usec / 1000));
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
				remind_record(now - r->away_ms >=
				    SCHED_ANGEL_BREAK_MS ? SCHED_WALL_ANGEL :
				    SCHED_POSTURE_RESET, now, "natural");
		}
		break;
	}
	remind_tick(r);
}

/*
 * Make the store, and bring it up to date, if there is none yet. This is
 * done before remind.json says the daemon runs, so that whoever waits
 * for that can read the store at once; and in a child process, since
 * creating the tables grows the heap by some 100 kB that malloc_trim()
 * does not give back, and the daemon keeps its heap for days (a store
 * that is there only costs what opening it does). Returns 1 if it made
 * the store, 0 if there was one, -1 if it failed (the child said why).
 */
static int
remind_make_store(void)
{
	struct coach	 c;
	char		*path, *cause = NULL;
	pid_t		 pid;
	int		 status, made;

	if ((path = paths_db(&cause)) == NULL) {
		remind_warn("%s", cause);
		free(cause);
		return (-1);
	}
	if (access(path, F_OK) == 0 || errno != ENOENT) {
		free(path);
		return (0);
	}
	if ((pid = fork()) == -1) {
		remind_warn("cannot make the store: %s", strerror(errno));
		free(path);
		return (-1);
	}
	if (pid == 0) {
		if (remind_store(1, &c) != 0)
			_exit(1);
		coach_close(&c);
		_exit(0);
	}
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		continue;
	made = access(path, F_OK) == 0;
	free(path);
	return (made ? 1 : -1);
}

/* Set today's daily session done if the store says so. */
static void
remind_daily_done(struct remind *r)
{
	struct coach	 c;
	long		 day;
	int		 minute, done = 0;
	int64_t		 now = clock_wall_ms(r->clk), from;
	char		*cause = NULL;

	/* A new store holds no session. */
	if (remind_make_store() != 0 || remind_store(0, &c) != 0)
		return;
	sched_local(&r->zone, now, &day, &minute);
	from = sched_utc(&r->zone, day, 0);
	if (coach_routine_done(&c, from, now + 1, &done, &cause) == 0 && done)
		sched_daily_done(&r->sched, day);
	free(cause);
	coach_close(&c);
}

int
remind_daemon(const char *config_path, const struct remind_config *cfg)
{
	struct remind		 r;
	struct itimerspec	 its;
	sigset_t		 mask;
	char			*cause = NULL;
	size_t			 i;
	int			 fd = -1, lock, ret = -1;

	if (remind_sd_load(&cause) != 0) {
		remind_warn("%s", cause);
		free(cause);
		return (-1);
	}
	memset(&r, 0, sizeof r);
	r.state_path = remind_state_path();
	if ((lock = remind_lock(r.state_path)) == -1) {
		free(r.state_path);
		return (-1);
	}
	r.cfg = *cfg;
	r.config_path = xstrdup(config_path);
	r.zone.offset = remind_zone_offset;
	r.zone.arg = NULL;
	r.clk = clock_process(NULL);
	r.mono_ms = clock_mono_ms(r.clk);
	r.boot_ms = clock_boot_ms(r.clk);
	sched_init(&r.sched, &r.cfg, &r.zone, clock_wall_ms(r.clk));
	signal(SIGCHLD, SIG_IGN);	/* terminals we start reap themselves */

	if (sd_event_default(&r.ev) < 0) {
		remind_warn("cannot make an event loop");
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
	    (uint64_t)clock_real_ms(r.clk, REMIND_ACCURACY_MS) * 1000,
	    on_timer, &r) < 0) {
		remind_warn("cannot set up the event loop");
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
		remind_warn("%s", cause);
		free(cause);
		cause = NULL;
	}
	/* The sources count real time: away as long as our clock's break. */
	r.idle = idle_open(r.ev, NULL, r.bus,
	    (uint64_t)clock_real_ms(r.clk, SCHED_RESET_BREAK_MS), NULL,
	    on_idle, &r, &cause);
	if (r.idle == NULL) {
		remind_warn("%s", cause);
		free(cause);
		cause = NULL;
	}
	remind_daily_done(&r);
	remind_tick(&r);
	ret = pageout_loop(r.ev) < 0 ? -1 : 0;
out:
	for (i = 0; i < r.nshown; i++)
		remind_record(r.shown[i].kind, r.shown[i].due, "missed");
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

