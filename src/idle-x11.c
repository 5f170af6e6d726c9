/*
 * idle-x11.c -- the X server's idle time, from SYNC's IDLETIME counter
 * ("x11-sync") or, for a server without it, from MIT-SCREEN-SAVER
 * ("x11-screensaver").
 *
 * x11-sync: one alarm on IDLETIME, the milliseconds since the last input.
 * While the person is there the alarm waits for IDLETIME >= threshold
 * (AWAY); then it is changed to wait for IDLETIME <= threshold - 1, which
 * happens at the next input, since input resets the counter (BACK); and so
 * on. The tests are comparisons, not transitions: an alarm set for a
 * condition that already holds fires at once, so input between an alarm
 * and its change is never missed. The X server does the waiting; this
 * process sleeps in epoll on the X connection and wakes only for the two
 * alarms.
 *
 * x11-screensaver has no event for input: it asks the idle time when the
 * threshold could have passed, and once a second while the person is
 * away. It is only there for X servers without IDLETIME.
 *
 * libX11, libXext and libXss are opened with dlopen() on first use, not
 * linked. Measured on a small sd-event program with the session bus open
 * (Debian 12): 0.91 MB PSS; with the three libraries linked but unused,
 * 1.31 MB, of which 100 kB private dirty (relocations); with X11 in use,
 * about 1.75 MB either way. Linked, every midback command and `remind`
 * under Wayland or GNOME would pay for them.
 *
 * Xlib's default handlers end the process on a protocol error and on a
 * lost connection. The first is replaced by one that records the error;
 * for the second, XSetIOErrorExitHandler() (libX11 1.7, 2020) lets a lost
 * X server (the session ended) stop this source alone. With an older
 * libX11 a lost server ends the process, as it ends any X client.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <dlfcn.h>
#include <sys/epoll.h>

#include <X11/Xlib.h>
#include <X11/extensions/sync.h>
#include <X11/extensions/scrnsaver.h>

#include <systemd/sd-event.h>

#include "core/xmalloc.h"
#include "idle-source.h"

/* While away, x11-screensaver asks this often whether input came. */
#define XSS_BACK_USEC		(1000 * 1000ULL)
/*
 * The time of the last input, as now minus the idle time, wobbles by a few
 * milliseconds between two looks (the server's clock ticks in ms, and the
 * loop's "now" is when it woke); only a later input moves it more.
 */
#define XSS_SLACK_USEC		(100 * 1000ULL)

/* The libraries' functions, resolved by name at first use. */
static struct {
	Display		*(*OpenDisplay)(const char *);
	int		 (*CloseDisplay)(Display *);
	int		 (*EventsQueued)(Display *, int);
	int		 (*Pending)(Display *);
	int		 (*NextEvent)(Display *, XEvent *);
	int		 (*Flush)(Display *);
	int		 (*Sync)(Display *, Bool);
	XErrorHandler	 (*SetErrorHandler)(XErrorHandler);
	XIOErrorHandler	 (*SetIOErrorHandler)(XIOErrorHandler);
	/* NULL before libX11 1.7. */
	void		 (*SetIOErrorExitHandler)(Display *,
			    XIOErrorExitHandler, void *);

	Status		 (*SyncQueryExtension)(Display *, int *, int *);
	Status		 (*SyncInitialize)(Display *, int *, int *);
	XSyncSystemCounter *(*SyncListSystemCounters)(Display *, int *);
	void		 (*SyncFreeSystemCounterList)(XSyncSystemCounter *);
	XSyncAlarm	 (*SyncCreateAlarm)(Display *, unsigned long,
			    XSyncAlarmAttributes *);
	Status		 (*SyncChangeAlarm)(Display *, XSyncAlarm,
			    unsigned long, XSyncAlarmAttributes *);
	Status		 (*SyncDestroyAlarm)(Display *, XSyncAlarm);

	Bool		 (*ScreenSaverQueryExtension)(Display *, int *,
			    int *);
	Status		 (*ScreenSaverQueryInfo)(Display *, Drawable,
			    XScreenSaverInfo *);
} xl;

static void	*xl_x11, *xl_xext, *xl_xss;

/*
 * Open library file (if *lib is NULL) and resolve names[i] into fns[i].
 * The cast of dlsym()'s result through void ** is the form POSIX gives for
 * function pointers. Returns 0, or -1 with *cause set.
 */
static int
xl_load(void **lib, const char *file, const char *const *names,
    void **const *fns, size_t n, size_t optional, char **cause)
{
	size_t	i;

	if (*lib != NULL)
		return (0);
	if ((*lib = dlopen(file, RTLD_NOW)) == NULL) {
		*cause = xasprintf("cannot load %s: %s", file, dlerror());
		return (-1);
	}
	for (i = 0; i < n; i++) {
		*fns[i] = dlsym(*lib, names[i]);
		if (*fns[i] == NULL && i < n - optional) {
			*cause = xasprintf("%s lacks %s", file, names[i]);
			dlclose(*lib);
			*lib = NULL;
			return (-1);
		}
	}
	return (0);
}

/* libX11; the optional names come last. */
static int
xl_load_x11(char **cause)
{
	static const char *const names[] = {
		"XOpenDisplay", "XCloseDisplay", "XEventsQueued", "XPending",
		"XNextEvent", "XFlush", "XSync", "XSetErrorHandler",
		"XSetIOErrorHandler", "XSetIOErrorExitHandler"
	};
	void **const fns[] = {
		(void **)&xl.OpenDisplay, (void **)&xl.CloseDisplay,
		(void **)&xl.EventsQueued, (void **)&xl.Pending,
		(void **)&xl.NextEvent, (void **)&xl.Flush,
		(void **)&xl.Sync, (void **)&xl.SetErrorHandler,
		(void **)&xl.SetIOErrorHandler,
		(void **)&xl.SetIOErrorExitHandler
	};

	return (xl_load(&xl_x11, "libX11.so.6", names, fns,
	    sizeof names / sizeof names[0], 1, cause));
}

/* The SYNC extension's client side, in libXext. */
static int
xl_load_sync(char **cause)
{
	static const char *const names[] = {
		"XSyncQueryExtension", "XSyncInitialize",
		"XSyncListSystemCounters", "XSyncFreeSystemCounterList",
		"XSyncCreateAlarm", "XSyncChangeAlarm", "XSyncDestroyAlarm"
	};
	void **const fns[] = {
		(void **)&xl.SyncQueryExtension, (void **)&xl.SyncInitialize,
		(void **)&xl.SyncListSystemCounters,
		(void **)&xl.SyncFreeSystemCounterList,
		(void **)&xl.SyncCreateAlarm, (void **)&xl.SyncChangeAlarm,
		(void **)&xl.SyncDestroyAlarm
	};

	return (xl_load(&xl_xext, "libXext.so.6", names, fns,
	    sizeof names / sizeof names[0], 0, cause));
}

/* MIT-SCREEN-SAVER's client side, libXss. */
static int
xl_load_xss(char **cause)
{
	static const char *const names[] = {
		"XScreenSaverQueryExtension", "XScreenSaverQueryInfo"
	};
	void **const fns[] = {
		(void **)&xl.ScreenSaverQueryExtension,
		(void **)&xl.ScreenSaverQueryInfo
	};

	return (xl_load(&xl_xss, "libXss.so.1", names, fns,
	    sizeof names / sizeof names[0], 0, cause));
}

struct x11 {
	struct idle	*idle;
	Display		*dpy;		/* Owned; closed in x11_close() */
	sd_event_source	*io;		/* Owned; the connection */
	sd_event_source	*kick;		/* Owned; runs when events wait in
					   Xlib's queue, see x11_prepare() */
	sd_event_source	*timer;		/* Owned; x11-screensaver only */
	int		 sync_base;	/* SYNC's first event number */
	XSyncCounter	 counter;	/* IDLETIME */
	XSyncAlarm	 alarm;		/* None until made */
	int		 away;		/* what we wait for: 0 AWAY, 1 BACK */
	uint64_t	 last_input;	/* x11-screensaver: the time of the
					   last input, at the last look */
	int		 lost;		/* the connection broke */
};

/*
 * Xlib's handlers are the process's, not the connection's. The X error
 * last seen, for the calls that check; the handler that was there before
 * the first connection, put back after the last.
 */
static int		x11_error;
static XErrorHandler	x11_old_error;
static XIOErrorHandler	x11_old_io;
static int		x11_open_count;

static int
x11_on_error(Display *dpy, XErrorEvent *e)
{
	(void)dpy;
	x11_error = e->error_code;
	return (0);
}

/* Quiet: the default handler prints "X connection ... broken". */
static int
x11_on_io_error(Display *dpy)
{
	(void)dpy;
	return (0);
}

/* Called by Xlib after x11_on_io_error(); returning keeps us alive. */
static void
x11_on_io_exit(Display *dpy, void *arg)
{
	struct x11	*x = arg;

	(void)dpy;
	x->lost = 1;
}

/* The connection broke: stop watching it, and say so. */
static void
x11_lose(struct x11 *x)
{
	sd_event_source_set_enabled(x->io, SD_EVENT_OFF);
	sd_event_source_set_enabled(x->kick, SD_EVENT_OFF);
	sd_event_source_set_enabled(x->timer, SD_EVENT_OFF);
	idle_source_gone(x->idle, x);
}

static uint64_t
sync_value(XSyncValue v)
{
	return (((uint64_t)(uint32_t)v.hi << 32) | v.lo);
}

/* Set the alarm to wait for whatever x->away says comes next. */
static void
x11_sync_arm(struct x11 *x)
{
	XSyncAlarmAttributes	 a;
	uint64_t		 t = idle_threshold_ms(x->idle);
	unsigned long		 flags;

	memset(&a, 0, sizeof a);
	a.trigger.counter = x->counter;
	a.trigger.value_type = XSyncAbsolute;
	if (!x->away) {
		a.trigger.test_type = XSyncPositiveComparison;
		a.trigger.wait_value.lo = (unsigned int)t;
	} else {
		a.trigger.test_type = XSyncNegativeComparison;
		a.trigger.wait_value.lo = (unsigned int)(t - 1);
	}
	/* A delta of 0 makes the alarm fire once, then wait to be changed. */
	a.events = True;
	flags = XSyncCACounter | XSyncCAValueType | XSyncCATestType |
	    XSyncCAValue | XSyncCADelta | XSyncCAEvents;
	if (x->alarm == None)
		x->alarm = xl.SyncCreateAlarm(x->dpy, flags, &a);
	else
		xl.SyncChangeAlarm(x->dpy, x->alarm, flags, &a);
	xl.Flush(x->dpy);
}

/* The time idle_ms before now, not before the clock's start. */
static uint64_t
x11_since(struct x11 *x, uint64_t idle_ms)
{
	uint64_t	now = idle_now(x->idle);

	return (idle_ms * 1000 < now ? now - idle_ms * 1000 : 0);
}

/* One event from the X server. */
static void
x11_event(struct x11 *x, XEvent *e)
{
	XSyncAlarmNotifyEvent	*a = (XSyncAlarmNotifyEvent *)e;
	uint64_t		 idle_ms, t = idle_threshold_ms(x->idle);

	if (x->alarm == None || e->type != x->sync_base + XSyncAlarmNotify ||
	    a->alarm != x->alarm)
		return;
	/*
	 * Go by the counter's value, not by which test fired: that also
	 * drops any notice left over from before the last change.
	 */
	idle_ms = sync_value(a->counter_value);
	if (!x->away && idle_ms >= t) {
		x->away = 1;
		x11_sync_arm(x);
		idle_emit(x->idle, IDLE_AWAY, x11_since(x, idle_ms));
	} else if (x->away && idle_ms < t) {
		x->away = 0;
		x11_sync_arm(x);
		idle_emit(x->idle, IDLE_BACK, x11_since(x, idle_ms));
	}
}

/* Handle every event, reading what the connection has. */
static void
x11_drain(struct x11 *x)
{
	XEvent	e;

	while (!x->lost && xl.Pending(x->dpy) > 0) {
		xl.NextEvent(x->dpy, &e);
		x11_event(x, &e);
	}
	if (x->lost)
		x11_lose(x);
}

static int
x11_on_io(sd_event_source *s, int fd, uint32_t revents, void *arg)
{
	(void)s;
	(void)fd;
	(void)revents;
	/* A hang-up is found by reading, as a lost connection. */
	x11_drain(arg);
	return (0);
}

static int
x11_on_kick(sd_event_source *s, void *arg)
{
	(void)s;
	x11_drain(arg);
	return (0);
}

/*
 * Before the loop sleeps: send what Xlib has buffered, and if a reply
 * that Xlib waited for brought events along, they are in its queue and
 * the socket will not say so: have them handled before sleeping. Neither
 * makes a system call when there is nothing to do.
 */
static int
x11_prepare(sd_event_source *s, void *arg)
{
	struct x11	*x = arg;

	(void)s;
	if (x->lost)
		return (0);
	xl.Flush(x->dpy);
	if (xl.EventsQueued(x->dpy, QueuedAlready) > 0)
		sd_event_source_set_enabled(x->kick, SD_EVENT_ONESHOT);
	return (0);
}

static void
x11_close(void *state)
{
	struct x11	*x = state;

	if (x == NULL)
		return;
	sd_event_source_disable_unref(x->io);
	sd_event_source_disable_unref(x->kick);
	sd_event_source_disable_unref(x->timer);
	if (x->dpy != NULL) {
		if (!x->lost && x->alarm != None)
			xl.SyncDestroyAlarm(x->dpy, x->alarm);
		/* After a lost connection it only frees. */
		xl.CloseDisplay(x->dpy);
		if (--x11_open_count == 0) {
			xl.SetErrorHandler(x11_old_error);
			xl.SetIOErrorHandler(x11_old_io);
		}
	}
	free(x);
}

/* Connect to $DISPLAY and watch the connection. NULL with *cause set. */
static struct x11 *
x11_connect(struct idle *i, char **cause)
{
	const char	*display = getenv("DISPLAY");
	const char	*wayland = getenv("WAYLAND_DISPLAY");
	struct x11	*x;
	int		 r;

	if (display == NULL || *display == '\0') {
		*cause = xstrdup("no $DISPLAY");
		return (NULL);
	}
	if (wayland != NULL && *wayland != '\0') {
		*cause = xstrdup("under Wayland the X server sees only the "
		    "input of X programs");
		return (NULL);
	}
	if (xl_load_x11(cause) != 0)
		return (NULL);
	x = xcalloc(1, sizeof *x);
	x->idle = i;
	x->alarm = None;
	if ((x->dpy = xl.OpenDisplay(NULL)) == NULL) {
		*cause = xasprintf("cannot open display %s", display);
		goto fail;
	}
	if (x11_open_count++ == 0) {
		x11_old_error = xl.SetErrorHandler(x11_on_error);
		x11_old_io = xl.SetIOErrorHandler(x11_on_io_error);
	}
	if (xl.SetIOErrorExitHandler != NULL)
		xl.SetIOErrorExitHandler(x->dpy, x11_on_io_exit, x);

	r = sd_event_add_io(idle_loop(i), &x->io, ConnectionNumber(x->dpy),
	    EPOLLIN, x11_on_io, x);
	if (r >= 0)
		r = sd_event_source_set_prepare(x->io, x11_prepare);
	if (r >= 0)
		r = sd_event_add_defer(idle_loop(i), &x->kick, x11_on_kick, x);
	if (r >= 0)
		r = sd_event_source_set_enabled(x->kick, SD_EVENT_OFF);
	if (r < 0) {
		*cause = xasprintf("cannot watch the X connection: %s",
		    strerror(-r));
		goto fail;
	}
	return (x);

fail:
	x11_close(x);
	return (NULL);
}

static void *
x11_sync_open(struct idle *i, char **cause)
{
	XSyncSystemCounter	*list;
	struct x11		*x;
	int			 err_base, major, minor, n, k;

	if ((x = x11_connect(i, cause)) == NULL)
		return (NULL);
	if (xl_load_sync(cause) != 0)
		goto fail;
	if (!xl.SyncQueryExtension(x->dpy, &x->sync_base, &err_base) ||
	    !xl.SyncInitialize(x->dpy, &major, &minor)) {
		*cause = xstrdup("the X server has no SYNC extension");
		goto fail;
	}
	x->counter = None;
	if ((list = xl.SyncListSystemCounters(x->dpy, &n)) != NULL) {
		for (k = 0; k < n; k++)
			if (strcmp(list[k].name, "IDLETIME") == 0)
				x->counter = list[k].counter;
		xl.SyncFreeSystemCounterList(list);
	}
	if (x->counter == None) {
		*cause = xstrdup("the X server has no IDLETIME counter");
		goto fail;
	}
	x11_error = 0;
	x11_sync_arm(x);
	xl.Sync(x->dpy, False);
	if (x11_error != 0 || x->lost) {
		*cause = xasprintf("cannot set an alarm on IDLETIME (X error "
		    "%d)", x11_error);
		goto fail;
	}
	return (x);

fail:
	x11_close(x);
	return (NULL);
}

/* Ask the idle time, report what changed, and set the next look. */
static int
xss_on_timer(sd_event_source *s, uint64_t usec, void *arg)
{
	struct x11		*x = arg;
	XScreenSaverInfo	 info;
	uint64_t		 idle_ms, t = idle_threshold_ms(x->idle), next;
	uint64_t		 last_input;
	int			 back = 0, away = 0;

	(void)usec;
	memset(&info, 0, sizeof info);
	if (!xl.ScreenSaverQueryInfo(x->dpy, DefaultRootWindow(x->dpy),
	    &info) || x->lost) {
		if (x->lost)
			x11_lose(x);
		else
			sd_event_source_set_enabled(s, SD_EVENT_OFF);
		return (0);
	}
	idle_ms = info.idle;
	last_input = x11_since(x, idle_ms);
	/* Input since the last look moved the time of the last input. */
	if (x->away && last_input > x->last_input + XSS_SLACK_USEC) {
		x->away = 0;
		back = 1;
	}
	x->last_input = last_input;
	if (!x->away && idle_ms >= t) {
		x->away = 1;
		away = 1;
	}
	next = idle_now(x->idle) + (x->away ? XSS_BACK_USEC :
	    (t - idle_ms) * 1000);
	sd_event_source_set_time(s, next);
	sd_event_source_set_enabled(s, SD_EVENT_ONESHOT);
	/* Both when the input was a while ago, longer than the threshold. */
	if (back)
		idle_emit(x->idle, IDLE_BACK, last_input);
	if (away)
		idle_emit(x->idle, IDLE_AWAY, last_input);
	return (0);
}

static void *
xss_open(struct idle *i, char **cause)
{
	struct x11	*x;
	int		 ev_base, err_base, r;

	if ((x = x11_connect(i, cause)) == NULL)
		return (NULL);
	if (xl_load_xss(cause) != 0)
		goto fail;
	if (!xl.ScreenSaverQueryExtension(x->dpy, &ev_base, &err_base)) {
		*cause = xstrdup("the X server has no MIT-SCREEN-SAVER "
		    "extension");
		goto fail;
	}
	/* The first look at once, from the loop. */
	if ((r = sd_event_add_time(idle_loop(i), &x->timer, CLOCK_MONOTONIC,
	    idle_now(i), 0, xss_on_timer, x)) < 0) {
		*cause = xasprintf("cannot set a timer: %s", strerror(-r));
		goto fail;
	}
	return (x);

fail:
	x11_close(x);
	return (NULL);
}

const struct idle_source_ops idle_x11_sync_ops = {
	.name = "x11-sync",
	.activity = 1,
	.open = x11_sync_open,
	.close = x11_close
};

const struct idle_source_ops idle_x11_screensaver_ops = {
	.name = "x11-screensaver",
	.activity = 1,
	.open = xss_open,
	.close = x11_close
};
