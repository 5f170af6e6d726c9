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
 * The client side is XCB (libxcb, libxcb-sync, libxcb-screensaver), not
 * Xlib: this runs inside the reminder daemon, which should cost next to
 * nothing while it waits. Measured with bench/remind-footprint on Xvfb
 * (Debian 12), Xlib's connection held about 110 kB of heap and libX11,
 * libXext and libXss 40 kB more of relocated data, where XCB holds a few
 * kB; and XCB never ends the process: a lost connection is a state the
 * source reads (xcb_connection_has_error), not a handler that exits.
 *
 * The libraries are opened with dlopen() on first use, not linked, so
 * that every other midback command, and `remind` under Wayland or GNOME,
 * does not load them.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sys/epoll.h>

#include <xcb/xcb.h>
#include <xcb/sync.h>
#include <xcb/screensaver.h>

#include "core/xmalloc.h"
#include "remind/idle-source.h"
#include "remind/sd.h"
#include "sys/dynlib.h"

/* While away, x11-screensaver asks this often whether input came. */
#define XSS_BACK_USEC		(1000 * 1000ULL)
/*
 * The time of the last input, as now minus the idle time, wobbles by a few
 * milliseconds between two looks (the server's clock ticks in ms, and the
 * loop's "now" is when it woke); only a later input moves it more.
 */
#define XSS_SLACK_USEC		(100 * 1000ULL)

/*
 * The libraries' functions (and two extension ids, variables), resolved
 * by name: each X(name) of XCB, SYNC and MIT-SCREEN-SAVER.
 */
#define X11_XCB_SYMS(X) \
	X(xcb_connect) \
	X(xcb_disconnect) \
	X(xcb_connection_has_error) \
	X(xcb_get_file_descriptor) \
	X(xcb_flush) \
	X(xcb_poll_for_event) \
	X(xcb_poll_for_queued_event) \
	X(xcb_get_extension_data) \
	X(xcb_request_check) \
	X(xcb_generate_id) \
	X(xcb_get_setup) \
	X(xcb_setup_roots_iterator) \
	X(xcb_screen_next)
#define X11_SYNC_SYMS(X) \
	X(xcb_sync_id) \
	X(xcb_sync_initialize) \
	X(xcb_sync_initialize_reply) \
	X(xcb_sync_list_system_counters) \
	X(xcb_sync_list_system_counters_reply) \
	X(xcb_sync_create_alarm_checked) \
	X(xcb_sync_change_alarm) \
	X(xcb_sync_destroy_alarm)
#define X11_SS_SYMS(X) \
	X(xcb_screensaver_id) \
	X(xcb_screensaver_query_info) \
	X(xcb_screensaver_query_info_reply)

X11_XCB_SYMS(DYNLIB_DECLARE)
X11_SYNC_SYMS(DYNLIB_DECLARE)
X11_SS_SYMS(DYNLIB_DECLARE)
DYNLIB_LIBRARY(xl_xcb, "libxcb.so.1", X11_XCB_SYMS);
DYNLIB_LIBRARY(xl_sync, "libxcb-sync.so.1", X11_SYNC_SYMS);
DYNLIB_LIBRARY(xl_ss, "libxcb-screensaver.so.0", X11_SS_SYMS);

#define xcb_connect	(*dl_xcb_connect)
#define xcb_disconnect	(*dl_xcb_disconnect)
#define xcb_connection_has_error	(*dl_xcb_connection_has_error)
#define xcb_get_file_descriptor	(*dl_xcb_get_file_descriptor)
#define xcb_flush	(*dl_xcb_flush)
#define xcb_poll_for_event	(*dl_xcb_poll_for_event)
#define xcb_poll_for_queued_event	(*dl_xcb_poll_for_queued_event)
#define xcb_get_extension_data	(*dl_xcb_get_extension_data)
#define xcb_request_check	(*dl_xcb_request_check)
#define xcb_generate_id	(*dl_xcb_generate_id)
#define xcb_get_setup	(*dl_xcb_get_setup)
#define xcb_setup_roots_iterator	(*dl_xcb_setup_roots_iterator)
#define xcb_screen_next	(*dl_xcb_screen_next)
#define xcb_sync_id	(*dl_xcb_sync_id)
#define xcb_sync_initialize	(*dl_xcb_sync_initialize)
#define xcb_sync_initialize_reply	(*dl_xcb_sync_initialize_reply)
#define xcb_sync_list_system_counters	(*dl_xcb_sync_list_system_counters)
#define xcb_sync_list_system_counters_reply \
	(*dl_xcb_sync_list_system_counters_reply)
#define xcb_sync_create_alarm_checked	(*dl_xcb_sync_create_alarm_checked)
#define xcb_sync_change_alarm	(*dl_xcb_sync_change_alarm)
#define xcb_sync_destroy_alarm	(*dl_xcb_sync_destroy_alarm)
#define xcb_screensaver_id	(*dl_xcb_screensaver_id)
#define xcb_screensaver_query_info	(*dl_xcb_screensaver_query_info)
#define xcb_screensaver_query_info_reply	(*dl_xcb_screensaver_query_info_reply)

struct x11 {
	struct idle		*idle;
	xcb_connection_t	*c;		/* Owned; x11_close() */
	xcb_window_t		 root;
	sd_event_source		*io;		/* Owned; the connection */
	sd_event_source		*kick;		/* Owned; runs for an event
						   XCB read ahead, see
						   x11_prepare() */
	sd_event_source		*timer;		/* Owned; x11-screensaver */
	xcb_generic_event_t	*queued;	/* Owned; taken from XCB's
						   queue by x11_prepare() */
	uint8_t			 sync_event;	/* AlarmNotify's number */
	xcb_sync_counter_t	 counter;	/* IDLETIME */
	xcb_sync_alarm_t	 alarm;		/* 0 until made */
	int			 away;		/* what we wait for: 0 AWAY,
						   1 BACK */
	uint64_t		 last_input;	/* x11-screensaver: the time
						   of the last input, at the
						   last look */
	int			 gone;		/* reported lost */
};

/* Has the connection broken? Then stop watching it, and say so, once. */
static int
x11_lost(struct x11 *x)
{
	if (!xcb_connection_has_error(x->c))
		return (0);
	if (!x->gone) {
		x->gone = 1;
		sd_event_source_set_enabled(x->io, SD_EVENT_OFF);
		sd_event_source_set_enabled(x->kick, SD_EVENT_OFF);
		sd_event_source_set_enabled(x->timer, SD_EVENT_OFF);
		idle_source_gone(x->idle, x);
	}
	return (1);
}

static uint64_t
sync_value(xcb_sync_int64_t v)
{
	return (((uint64_t)(uint32_t)v.hi << 32) | v.lo);
}

/*
 * Set the alarm to wait for whatever x->away says comes next. The values
 * go in the order of their bits in the mask; an INT64 is two words, the
 * high one first. A delta of 0 makes the alarm fire once, then wait to be
 * changed. Returns the request's cookie.
 */
static xcb_void_cookie_t
x11_sync_arm(struct x11 *x)
{
	uint64_t	 t = idle_threshold_ms(x->idle);
	uint32_t	 mask, v[8];

	mask = XCB_SYNC_CA_COUNTER | XCB_SYNC_CA_VALUE_TYPE |
	    XCB_SYNC_CA_VALUE | XCB_SYNC_CA_TEST_TYPE | XCB_SYNC_CA_DELTA |
	    XCB_SYNC_CA_EVENTS;
	v[0] = x->counter;
	v[1] = XCB_SYNC_VALUETYPE_ABSOLUTE;
	v[2] = 0;
	v[3] = (uint32_t)(x->away ? t - 1 : t);
	v[4] = x->away ? XCB_SYNC_TESTTYPE_NEGATIVE_COMPARISON :
	    XCB_SYNC_TESTTYPE_POSITIVE_COMPARISON;
	v[5] = 0;
	v[6] = 0;
	v[7] = 1;
	if (x->alarm == 0) {
		x->alarm = xcb_generate_id(x->c);
		return (xcb_sync_create_alarm_checked(x->c, x->alarm, mask, v));
	}
	return (xcb_sync_change_alarm(x->c, x->alarm, mask, v));
}

/* The time idle_ms before now, not before the clock's start. */
static uint64_t
x11_since(struct x11 *x, uint64_t idle_ms)
{
	uint64_t	now = idle_now(x->idle);

	return (idle_ms * 1000 < now ? now - idle_ms * 1000 : 0);
}

/* One event from the X server; freed here. */
static void
x11_event(struct x11 *x, xcb_generic_event_t *e)
{
	xcb_sync_alarm_notify_event_t	*a = (void *)e;
	uint64_t			 idle_ms, t = idle_threshold_ms(x->idle);

	if (x->alarm == 0 || (e->response_type & 0x7f) != x->sync_event ||
	    a->alarm != x->alarm) {
		free(e);
		return;
	}
	/*
	 * Go by the counter's value, not by which test fired: that also
	 * drops any notice left over from before the last change.
	 */
	idle_ms = sync_value(a->counter_value);
	free(e);
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

/* Handle every event: the one x11_prepare() took, then the socket's. */
static void
x11_drain(struct x11 *x)
{
	xcb_generic_event_t	*e;

	if ((e = x->queued) != NULL) {
		x->queued = NULL;
		x11_event(x, e);
	}
	while ((e = xcb_poll_for_event(x->c)) != NULL)
		x11_event(x, e);
	(void)x11_lost(x);
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
 * Before the loop sleeps: send what XCB has buffered, and if a reply that
 * was waited for brought events along, they are in XCB's queue and the
 * socket will not say so: take the first and have it handled before
 * sleeping. Neither makes a system call when there is nothing to do.
 */
static int
x11_prepare(sd_event_source *s, void *arg)
{
	struct x11	*x = arg;

	(void)s;
	if (x->gone)
		return (0);
	xcb_flush(x->c);
	if (x->queued == NULL &&
	    (x->queued = xcb_poll_for_queued_event(x->c)) != NULL)
		sd_event_source_set_enabled(x->kick, SD_EVENT_ONESHOT);
	return (0);
}

static void
x11_close(void *state)
{
	struct x11	*x = state;

	sd_event_source_disable_unref(x->io);
	sd_event_source_disable_unref(x->kick);
	sd_event_source_disable_unref(x->timer);
	free(x->queued);
	if (x->c != NULL) {
		if (x->alarm != 0 && !xcb_connection_has_error(x->c)) {
			xcb_sync_destroy_alarm(x->c, x->alarm);
			xcb_flush(x->c);
		}
		xcb_disconnect(x->c);
	}
	free(x);
}

/*
 * Connect to $DISPLAY and watch the connection, with the state in *state.
 * Returns 0, or -1 with *cause set.
 */
static int
x11_connect(struct idle *i, void **state, char **cause)
{
	const char		*display = getenv("DISPLAY");
	const char		*wayland = getenv("WAYLAND_DISPLAY");
	xcb_screen_iterator_t	 it;
	struct x11		*x;
	int			 r, screen = 0;

	if (display == NULL || *display == '\0') {
		*cause = xstrdup("no $DISPLAY");
		return (-1);
	}
	if (wayland != NULL && *wayland != '\0') {
		*cause = xstrdup("under Wayland the X server sees only the "
		    "input of X programs");
		return (-1);
	}
	if (dynlib_open(&xl_xcb, NULL, cause) != 0)
		return (-1);
	*state = x = xcalloc(1, sizeof *x);
	x->idle = i;
	/* Never NULL: a failed connection is one in an error state. */
	x->c = xcb_connect(NULL, &screen);
	if (xcb_connection_has_error(x->c)) {
		*cause = xasprintf("cannot open display %s", display);
		return (-1);
	}
	it = xcb_setup_roots_iterator(xcb_get_setup(x->c));
	for (; screen > 0 && it.rem > 1; screen--)
		xcb_screen_next(&it);
	x->root = it.data->root;

	r = sd_event_add_io(idle_loop(i), &x->io,
	    xcb_get_file_descriptor(x->c), EPOLLIN, x11_on_io, x);
	if (r >= 0)
		r = sd_event_source_set_prepare(x->io, x11_prepare);
	if (r >= 0)
		r = sd_event_add_defer(idle_loop(i), &x->kick, x11_on_kick, x);
	if (r >= 0)
		r = sd_event_source_set_enabled(x->kick, SD_EVENT_OFF);
	if (r < 0) {
		*cause = xasprintf("cannot watch the X connection: %s",
		    strerror(-r));
		return (-1);
	}
	return (0);
}

/*
 * Connect (x11_connect()), open lib, the library of the extension *ext
 * (filled in by opening it), and find that extension, called name, on
 * the server. Returns its first event number, or -1 with *cause set.
 */
static int
x11_extension_open(struct idle *i, void **state, struct dynlib *lib,
    xcb_extension_t **ext, const char *name, char **cause)
{
	const xcb_query_extension_reply_t	*q;
	struct x11				*x;

	if (x11_connect(i, state, cause) != 0 ||
	    dynlib_open(lib, NULL, cause) != 0)
		return (-1);
	x = *state;
	q = xcb_get_extension_data(x->c, *ext);
	if (q == NULL || !q->present) {
		*cause = xasprintf("the X server has no %s extension", name);
		return (-1);
	}
	return (q->first_event);
}

/*
 * IDLETIME's id in a ListSystemCounters reply, or 0. The list is walked
 * here by the protocol's layout: each SYSTEMCOUNTER is a COUNTER, an
 * INT64 resolution, a CARD16 name length and the name, padded to 4
 * bytes. libxcb-sync 1.15's iterator (xcb_sync_systemcounter_next) gets
 * the padding wrong and reads the names from the wrong place.
 */
static xcb_sync_counter_t
x11_idletime(const xcb_sync_list_system_counters_reply_t *list)
{
	const uint8_t		*p = (const void *)(list + 1);
	const uint8_t		*end = p + (size_t)list->length * 4;
	xcb_sync_counter_t	 id;
	uint32_t		 k;
	uint16_t		 n;

	for (k = 0; k < list->counters_len && end - p >= 14; k++) {
		memcpy(&id, p, sizeof id);
		memcpy(&n, p + 12, sizeof n);
		if (end - p - 14 < n)
			break;
		if (n == 8 && memcmp(p + 14, "IDLETIME", 8) == 0)
			return (id);
		p += (14 + (size_t)n + 3) & ~(size_t)3;
	}
	return (0);
}

static int
x11_sync_open(struct idle *i, void **state, char **cause)
{
	xcb_sync_initialize_reply_t		*init;
	xcb_sync_list_system_counters_reply_t	*list;
	xcb_generic_error_t			*err;
	struct x11				*x;
	int					 base;

	if ((base = x11_extension_open(i, state, &xl_sync, &dl_xcb_sync_id,
	    "SYNC", cause)) == -1)
		return (-1);
	x = *state;
	init = xcb_sync_initialize_reply(x->c, xcb_sync_initialize(x->c,
	    XCB_SYNC_MAJOR_VERSION, XCB_SYNC_MINOR_VERSION), NULL);
	if (init == NULL) {
		*cause = xstrdup("the X server has no SYNC extension");
		return (-1);
	}
	free(init);
	x->sync_event = (uint8_t)(base + XCB_SYNC_ALARM_NOTIFY);
	list = xcb_sync_list_system_counters_reply(x->c,
	    xcb_sync_list_system_counters(x->c), NULL);
	x->counter = list != NULL ? x11_idletime(list) : 0;
	free(list);
	if (x->counter == 0) {
		*cause = xstrdup("the X server has no IDLETIME counter");
		return (-1);
	}
	if ((err = xcb_request_check(x->c, x11_sync_arm(x))) != NULL ||
	    xcb_connection_has_error(x->c)) {
		*cause = xasprintf("cannot set an alarm on IDLETIME (X error "
		    "%d)", err != NULL ? err->error_code : 0);
		free(err);
		x->alarm = 0;
		return (-1);
	}
	return (0);
}

/* Ask the idle time, report what changed, and set the next look. */
static int
xss_on_timer(sd_event_source *s, uint64_t usec, void *arg)
{
	struct x11				*x = arg;
	xcb_screensaver_query_info_reply_t	*info;
	uint64_t				 idle_ms, next, last_input;
	uint64_t				 t = idle_threshold_ms(x->idle);
	int					 back = 0, away = 0;

	(void)usec;
	info = xcb_screensaver_query_info_reply(x->c,
	    xcb_screensaver_query_info(x->c, x->root), NULL);
	if (info == NULL) {
		if (!x11_lost(x))
			sd_event_source_set_enabled(s, SD_EVENT_OFF);
		return (0);
	}
	idle_ms = info->ms_since_user_input;
	free(info);
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

static int
xss_open(struct idle *i, void **state, char **cause)
{
	struct x11	*x;
	int		 r;

	if (x11_extension_open(i, state, &xl_ss, &dl_xcb_screensaver_id,
	    "MIT-SCREEN-SAVER", cause) == -1)
		return (-1);
	x = *state;
	/* The first look at once, from the loop. */
	if ((r = sd_event_add_time(idle_loop(i), &x->timer, CLOCK_MONOTONIC,
	    idle_now(i), 0, xss_on_timer, x)) < 0) {
		*cause = xasprintf("cannot set a timer: %s", strerror(-r));
		return (-1);
	}
	return (0);
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
