/*
 * idle-logind.c -- suspend and the screen lock, from systemd-logind on
 * the system bus ("logind").
 *
 * The manager's PrepareForSleep(true) comes before a suspend and
 * PrepareForSleep(false) after the resume. For the lock there are two
 * signs, both on this session's object: the Lock and Unlock signals, which
 * ask the screen locker to act (`loginctl lock-session`), and the
 * LockedHint property, which the locker sets when the screen is locked
 * (GNOME does); either is taken, and idle.c drops the repeat.
 *
 * Which session: $XDG_SESSION_ID, else the session of this process, else
 * the user's graphical session (the Display property of the user), so
 * that `remind` started as a systemd user service, outside any session,
 * still follows the desktop's lock. Without a session only sleep is
 * reported. The signals are broadcast, so the bus daemon checks their
 * sender against the match rules.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/xmalloc.h"
#include "remind/idle-source.h"
#include "remind/bus.h"

#define LOGIN_NAME	"org.freedesktop.login1"
#define LOGIN_PATH	"/org/freedesktop/login1"
#define LOGIN_MANAGER	"org.freedesktop.login1.Manager"
#define LOGIN_SESSION	"org.freedesktop.login1.Session"
#define LOGIN_USER	"org.freedesktop.login1.User"

struct logind {
	struct idle	*idle;
	sd_bus		*bus;		/* idle.c's */
	sd_bus_slot	*slot_sleep;	/* Owned; the match rules */
	sd_bus_slot	*slot_lock;	/* Owned */
	sd_bus_slot	*slot_unlock;	/* Owned */
	sd_bus_slot	*slot_props;	/* Owned */
	char		*session;	/* Owned; the session's object path,
					   or NULL */
};

/*
 * Call a manager method taking one argument of type sig (a string or a
 * uint32) and returning an object path. The path, which the caller frees,
 * or NULL.
 */
static char *
logind_path(struct logind *l, const char *method, const char *sig, ...)
{
	sd_bus_message	*reply = NULL;
	const char	*path;
	char		*found = NULL;
	va_list		 ap;
	int		 r;

	va_start(ap, sig);
	r = remind_bus_callv(l->bus, LOGIN_NAME, LOGIN_PATH, LOGIN_MANAGER,
	    method, NULL, &reply, sig, ap);
	va_end(ap);
	if (r >= 0 && sd_bus_message_read(reply, "o", &path) >= 0)
		found = xstrdup(path);
	sd_bus_message_unref(reply);
	return (found);
}

/* The session to follow (see the top of the file), or NULL. */
static char *
logind_session(struct logind *l)
{
	sd_bus_message	*reply = NULL;
	const char	*id, *path;
	char		*user, *found = NULL;

	if ((id = getenv("XDG_SESSION_ID")) != NULL && *id != '\0')
		return (logind_path(l, "GetSession", "s", id));
	if ((found = logind_path(l, "GetSessionByPID", "u",
	    (uint32_t)getpid())) != NULL)
		return (found);
	if ((user = logind_path(l, "GetUser", "u", (uint32_t)getuid())) ==
	    NULL)
		return (NULL);
	if (sd_bus_get_property(l->bus, LOGIN_NAME, user, LOGIN_USER,
	    "Display", NULL, &reply, "(so)") >= 0 &&
	    sd_bus_message_read(reply, "(so)", &id, &path) >= 0 &&
	    *id != '\0')
		found = xstrdup(path);
	sd_bus_message_unref(reply);
	free(user);
	return (found);
}

static int
logind_on_sleep(sd_bus_message *m, void *arg, sd_bus_error *ret_error)
{
	struct logind	*l = arg;
	int		 start;

	(void)ret_error;
	if (sd_bus_message_read(m, "b", &start) < 0)
		return (0);
	idle_emit(l->idle, start ? IDLE_SLEEP : IDLE_WAKE,
	    idle_now(l->idle));
	return (0);
}

static int
logind_on_lock(sd_bus_message *m, void *arg, sd_bus_error *ret_error)
{
	struct logind	*l = arg;

	(void)ret_error;
	idle_emit(l->idle, sd_bus_message_is_signal(m, LOGIN_SESSION,
	    "Lock") ? IDLE_LOCK : IDLE_UNLOCK, idle_now(l->idle));
	return (0);
}

/* PropertiesChanged(s interface, a{sv} changed, as invalidated). */
static int
logind_on_props(sd_bus_message *m, void *arg, sd_bus_error *ret_error)
{
	struct logind	*l = arg;
	const char	*iface, *key;
	int		 locked = -1, hint;

	(void)ret_error;
	if (sd_bus_message_read(m, "s", &iface) < 0 ||
	    strcmp(iface, LOGIN_SESSION) != 0)
		return (0);
	if (sd_bus_message_enter_container(m, 'a', "{sv}") < 0)
		return (0);
	while (sd_bus_message_enter_container(m, 'e', "sv") > 0) {
		if (sd_bus_message_read(m, "s", &key) < 0)
			return (0);
		if (strcmp(key, "LockedHint") == 0) {
			if (sd_bus_message_read(m, "v", "b", &hint) < 0)
				return (0);
			locked = hint != 0;
		} else if (sd_bus_message_skip(m, "v") < 0)
			return (0);
		if (sd_bus_message_exit_container(m) < 0)
			return (0);
	}
	if (locked != -1)
		idle_emit(l->idle, locked ? IDLE_LOCK : IDLE_UNLOCK,
		    idle_now(l->idle));
	return (0);
}

static void
logind_close(void *state)
{
	struct logind	*l = state;

	sd_bus_slot_unref(l->slot_sleep);
	sd_bus_slot_unref(l->slot_lock);
	sd_bus_slot_unref(l->slot_unlock);
	sd_bus_slot_unref(l->slot_props);
	free(l->session);
	free(l);
}

static int
logind_open(struct idle *i, void **state, char **cause)
{
	struct logind	*l;
	char		*rule;
	int		 r;

	*state = l = xcalloc(1, sizeof *l);
	l->idle = i;
	if ((l->bus = idle_service_bus(i, 1, LOGIN_NAME,
	    "no logind on the system bus", cause)) == NULL)
		return (-1);

	r = sd_bus_match_signal_async(l->bus, &l->slot_sleep, LOGIN_NAME,
	    LOGIN_PATH, LOGIN_MANAGER, "PrepareForSleep", logind_on_sleep,
	    NULL, l);
	if (r >= 0 && (l->session = logind_session(l)) != NULL) {
		r = sd_bus_match_signal_async(l->bus, &l->slot_lock,
		    LOGIN_NAME, l->session, LOGIN_SESSION, "Lock",
		    logind_on_lock, NULL, l);
		if (r >= 0)
			r = sd_bus_match_signal_async(l->bus, &l->slot_unlock,
			    LOGIN_NAME, l->session, LOGIN_SESSION, "Unlock",
			    logind_on_lock, NULL, l);
		if (r >= 0) {
			rule = xasprintf("type='signal',sender='%s',"
			    "path='%s',"
			    "interface='org.freedesktop.DBus.Properties',"
			    "member='PropertiesChanged',arg0='%s'",
			    LOGIN_NAME, l->session, LOGIN_SESSION);
			r = sd_bus_add_match_async(l->bus, &l->slot_props,
			    rule, logind_on_props, NULL, l);
			free(rule);
		}
	}
	if (r < 0) {
		*cause = xasprintf("cannot watch logind's signals: %s",
		    strerror(-r));
		return (-1);
	}
	return (0);
}

const struct idle_source_ops idle_logind_ops = {
	.name = "logind",
	.activity = 0,
	.open = logind_open,
	.close = logind_close
};
