/*
 * bus.c -- the D-Bus steps the reminder daemon's parts share; see bus.h.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "remind/bus.h"

#define DBUS_NAME	"org.freedesktop.DBus"
#define DBUS_PATH	"/org/freedesktop/DBus"

void
remind_cause(char **cause, char *msg)
{
	if (cause != NULL)
		*cause = msg;
	else
		free(msg);
}

char *
remind_bus_error(const char *what, const sd_bus_error *e, int r)
{
	if (e != NULL && sd_bus_error_is_set(e) && e->message != NULL)
		return (xasprintf("%s: %s", what, e->message));
	return (xasprintf("%s: %s", what, strerror(-r)));
}

/* Attach b's bus to ev. Returns 0, or -1 with *cause set. */
static int
bus_attach(struct remind_bus *b, sd_event *ev, const char *what,
    char **cause)
{
	int	r;

	if ((r = sd_bus_attach_event(b->bus, ev,
	    SD_EVENT_PRIORITY_NORMAL)) < 0) {
		remind_cause(cause, xasprintf("cannot attach the %s bus: %s",
		    what, strerror(-r)));
		return (-1);
	}
	b->attached = 1;
	return (0);
}

int
remind_bus_take(struct remind_bus *b, sd_bus *bus, sd_event *ev,
    const char *what, char **cause)
{
	if (bus == NULL)
		return (0);
	b->bus = sd_bus_ref(bus);
	if (sd_bus_get_event(bus) != NULL)
		return (0);
	return (bus_attach(b, ev, what, cause));
}

int
remind_bus_open(struct remind_bus *b, int system, sd_event *ev,
    char **cause)
{
	const char	*what = system ? "system" : "session";
	int		 r;

	r = system ? sd_bus_open_system(&b->bus) : sd_bus_open_user(&b->bus);
	if (r < 0) {
		b->bus = NULL;
		remind_cause(cause, xasprintf("no %s bus: %s", what,
		    strerror(-r)));
		return (-1);
	}
	b->opened = 1;
	if (bus_attach(b, ev, what, cause) != 0) {
		remind_bus_release(b);
		return (-1);
	}
	return (0);
}

void
remind_bus_release(struct remind_bus *b)
{
	if (b->bus == NULL)
		return;
	if (b->attached)
		sd_bus_detach_event(b->bus);
	if (b->opened)
		sd_bus_flush_close_unref(b->bus);
	else
		sd_bus_unref(b->bus);
	b->bus = NULL;
	b->opened = b->attached = 0;
}

int
remind_bus_callv(sd_bus *bus, const char *dest, const char *path,
    const char *iface, const char *method, sd_bus_error *err,
    sd_bus_message **reply, const char *sig, va_list ap)
{
	sd_bus_message	*m = NULL;
	int		 r;

	r = sd_bus_message_new_method_call(bus, &m, dest, path, iface,
	    method);
	if (r >= 0 && sig != NULL)
		r = sd_bus_message_appendv(m, sig, ap);
	if (r >= 0)
		r = sd_bus_call(bus, m, REMIND_CALL_USEC, err, reply);
	sd_bus_message_unref(m);
	return (r);
}

int
remind_bus_call(sd_bus *bus, const char *dest, const char *path,
    const char *iface, const char *method, sd_bus_error *err,
    sd_bus_message **reply, const char *sig, ...)
{
	va_list	ap;
	int	r;

	va_start(ap, sig);
	r = remind_bus_callv(bus, dest, path, iface, method, err, reply, sig,
	    ap);
	va_end(ap);
	return (r);
}

int
remind_bus_ask(sd_bus *bus, const char *method, const char *name,
    const char *what, char **cause)
{
	sd_bus_error	 err = SD_BUS_ERROR_NULL;
	sd_bus_message	*reply = NULL;
	int		 r, yes = 0;

	r = sd_bus_call_method(bus, DBUS_NAME, DBUS_PATH, DBUS_NAME, method,
	    &err, &reply, "s", name);
	if (r >= 0)
		r = sd_bus_message_read(reply, "b", &yes);
	if (r < 0 && cause != NULL)
		*cause = remind_bus_error(what, &err, r);
	sd_bus_error_free(&err);
	sd_bus_message_unref(reply);
	return (r < 0 ? -1 : yes != 0);
}

int
remind_bus_watch_owner(sd_bus *bus, sd_bus_slot **slot, const char *name,
    sd_bus_message_handler_t cb, void *arg)
{
	char	*rule;
	int	 r;

	rule = xasprintf("type='signal',sender='" DBUS_NAME "',"
	    "path='" DBUS_PATH "',interface='" DBUS_NAME "',"
	    "member='NameOwnerChanged',arg0='%s'", name);
	r = sd_bus_add_match_async(bus, slot, rule, cb, NULL, arg);
	free(rule);
	return (r);
}
