/*
 * notify.c -- desktop notifications over sd-bus.
 *
 * The Desktop Notifications Specification has the client call Notify and
 * the service answer later with ActionInvoked(id, key) when a button is
 * chosen and NotificationClosed(id, reason) when the notification goes
 * away; most servers send both, one after the other, for one click. The
 * caller wants one answer per reminder, so every notification sent is
 * kept in a small table until its first answer, which is passed on and
 * ends it; later signals for it, and signals for other programs'
 * notifications (some servers broadcast them), find nothing and are
 * dropped.
 *
 * Who may answer: the signals are believed only from the unique bus name
 * that replied to the Notify call. The match rules name the service's
 * well-known name as sender, which the bus daemon checks for broadcast
 * signals, but dunst and others send these signals to the client alone,
 * and the bus delivers such a signal whoever sent it: without the check,
 * any program could press "skip" for the person.
 *
 * Calls to the service wait for its reply (at most REMIND_CALL_USEC)
 * instead of going through the loop: `remind` has nothing else to do while
 * it puts up a reminder, and the id is then known when notify_send()
 * returns.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "remind/notify.h"
#include "remind/bus.h"

#define FDN_NAME		"org.freedesktop.Notifications"
#define FDN_PATH		"/org/freedesktop/Notifications"
#define FDN_IFACE		"org.freedesktop.Notifications"

/* Never expire; see notify_send() in notify.h. */
#define NOTIFY_EXPIRE_MS	0
#define NOTIFY_APP		"midback"
#define NOTIFY_ICON		"appointment-soon"
/* The specification's urgency levels are 0 low, 1 normal, 2 critical. */
#define NOTIFY_URGENCY		1

/* The server's capabilities that matter here. */
#define NOTIFY_CAP_ACTIONS	0x1	/* shows action buttons */
#define NOTIFY_CAP_MARKUP	0x2	/* reads markup in the body */

/* A notification of ours that has had no answer yet. */
struct notify_shown {
	uint32_t	 id;
	char		*owner;		/* Owned; the unique bus name of the
					   service that showed it */
};

struct notify {
	struct remind_bus b;		/* given or opened by notify_open() */
	sd_bus_slot	*slot_action;	/* Owned; the match rules */
	sd_bus_slot	*slot_closed;	/* Owned */
	sd_bus_slot	*slot_owner;	/* Owned */
	notify_cb	*cb;
	void		*arg;
	int		 has_owner;	/* a service owns the name now */
	int		 activatable;	/* the bus can start one */
	int		 caps;		/* NOTIFY_CAP_* bits; -1 not known */
	struct notify_shown *shown;	/* Owned; nshown used of cshown */
	size_t		 nshown;
	size_t		 cshown;
};

/* The entry for id, or NULL. */
static struct notify_shown *
shown_find(struct notify *n, uint32_t id)
{
	size_t	i;

	for (i = 0; i < n->nshown; i++)
		if (n->shown[i].id == id)
			return (&n->shown[i]);
	return (NULL);
}

/* Remember id as shown by owner, or update its owner. */
static void
shown_add(struct notify *n, uint32_t id, const char *owner)
{
	struct notify_shown	*s;

	if ((s = shown_find(n, id)) != NULL) {
		free(s->owner);
		s->owner = xstrdup(owner);
		return;
	}
	if (n->nshown == n->cshown) {
		n->cshown = n->cshown == 0 ? 4 : n->cshown * 2;
		n->shown = xreallocarray(n->shown, n->cshown,
		    sizeof *n->shown);
	}
	n->shown[n->nshown].id = id;
	n->shown[n->nshown].owner = xstrdup(owner);
	n->nshown++;
}

/* Forget entry s; the order of the others does not matter. */
static void
shown_remove(struct notify *n, struct notify_shown *s)
{
	free(s->owner);
	*s = n->shown[--n->nshown];
}

/* The sender of m, "" on a connection without a bus. */
static const char *
sender_of(sd_bus_message *m)
{
	const char	*s = sd_bus_message_get_sender(m);

	return (s != NULL ? s : "");
}

/*
 * End notification id with (action, reason), if it is ours and the signal
 * m comes from the service that showed it.
 */
static void
answer(struct notify *n, sd_bus_message *m, uint32_t id, const char *action,
    unsigned reason)
{
	struct notify_shown	*s;

	if ((s = shown_find(n, id)) == NULL)
		return;
	if (strcmp(s->owner, sender_of(m)) != 0)
		return;
	/* Forget it first: the callback may send another. */
	shown_remove(n, s);
	n->cb(n->arg, id, action, reason);
}

static int
on_action(sd_bus_message *m, void *arg, sd_bus_error *ret_error)
{
	struct notify	*n = arg;
	const char	*key;
	uint32_t	 id;

	(void)ret_error;
	if (sd_bus_message_read(m, "us", &id, &key) < 0)
		return (0);
	answer(n, m, id, key, NOTIFY_ACTION);
	return (0);
}

static int
on_closed(sd_bus_message *m, void *arg, sd_bus_error *ret_error)
{
	struct notify	*n = arg;
	uint32_t	 id, reason;

	(void)ret_error;
	if (sd_bus_message_read(m, "uu", &id, &reason) < 0)
		return (0);
	/* NOTIFY_ACTION (0) means an action; a closing never does. */
	answer(n, m, id, NULL, reason == NOTIFY_ACTION ? NOTIFY_UNDEFINED :
	    reason);
	return (0);
}

/*
 * The service came or went. Whatever the one that went had showing will
 * never be answered: end each with NOTIFY_GONE.
 */
static int
on_owner(sd_bus_message *m, void *arg, sd_bus_error *ret_error)
{
	struct notify	*n = arg;
	const char	*name, *old, *new;
	uint32_t	 id;
	size_t		 i;

	(void)ret_error;
	if (sd_bus_message_read(m, "sss", &name, &old, &new) < 0)
		return (0);
	if (strcmp(name, FDN_NAME) != 0)
		return (0);
	n->has_owner = *new != '\0';
	/* Another server may be able to do other things. */
	n->caps = -1;
	if (*old == '\0')
		return (0);
	for (i = 0; i < n->nshown; /* nothing */) {
		if (strcmp(n->shown[i].owner, old) != 0) {
			i++;
			continue;
		}
		id = n->shown[i].id;
		shown_remove(n, &n->shown[i]);
		n->cb(n->arg, id, NULL, NOTIFY_GONE);
		/* The callback may have added entries: look again. */
		i = 0;
	}
	return (0);
}

/* Whether the bus can start a notification service. 1 or 0. */
static int
bus_activatable(struct notify *n)
{
	sd_bus_error	 err = SD_BUS_ERROR_NULL;
	sd_bus_message	*reply = NULL;
	char		**names = NULL, **p;
	int		 found = 0;

	if (sd_bus_call_method(n->b.bus, "org.freedesktop.DBus",
	    "/org/freedesktop/DBus", "org.freedesktop.DBus",
	    "ListActivatableNames", &err, &reply, NULL) >= 0 &&
	    sd_bus_message_read_strv(reply, &names) >= 0) {
		for (p = names; *p != NULL; p++) {
			if (strcmp(*p, FDN_NAME) == 0)
				found = 1;
			free(*p);
		}
		free(names);
	}
	sd_bus_error_free(&err);
	sd_bus_message_unref(reply);
	return (found);
}

struct notify *
notify_open(sd_event *ev, sd_bus *bus, notify_cb *cb, void *arg,
    char **cause)
{
	struct notify	*n;
	char		*msg = NULL;
	int		 r;

	if (remind_sd_load(&msg) != 0) {
		remind_cause(cause, msg);
		return (NULL);
	}
	n = xcalloc(1, sizeof *n);
	n->cb = cb;
	n->arg = arg;
	n->caps = -1;
	if ((bus != NULL ? remind_bus_take(&n->b, bus, ev, "session", cause) :
	    remind_bus_open(&n->b, 0, ev, cause)) != 0)
		goto fail;

	/*
	 * Asynchronous: the AddMatch calls go out ahead of anything sent
	 * later on this connection, so no answer can slip past them. If the
	 * bus daemon refused one, sd-bus would close the connection.
	 */
	r = sd_bus_match_signal_async(n->b.bus, &n->slot_action, FDN_NAME,
	    FDN_PATH, FDN_IFACE, "ActionInvoked", on_action, NULL, n);
	if (r >= 0)
		r = sd_bus_match_signal_async(n->b.bus, &n->slot_closed,
		    FDN_NAME, FDN_PATH, FDN_IFACE, "NotificationClosed",
		    on_closed, NULL, n);
	if (r >= 0)
		r = remind_bus_watch_owner(n->b.bus, &n->slot_owner, FDN_NAME,
		    on_owner, n);
	if (r < 0) {
		remind_cause(cause, remind_bus_error("cannot watch for "
		    "notification signals", NULL, r));
		goto fail;
	}

	if ((r = remind_bus_ask(n->b.bus, "NameHasOwner", FDN_NAME,
	    "cannot ask the session bus", cause)) < 0)
		goto fail;
	n->has_owner = r;
	if (!n->has_owner)
		n->activatable = bus_activatable(n);
	return (n);

fail:
	notify_close(n);
	return (NULL);
}

int
notify_available(struct notify *n)
{
	return (n->has_owner || n->activatable);
}

/* The server's NOTIFY_CAP_* bits, asked for once; 0 if it cannot say. */
static int
notify_caps(struct notify *n)
{
	sd_bus_message	*reply = NULL;
	const char	*cap;
	int		 caps = 0;

	if (n->caps != -1)
		return (n->caps);
	if (remind_bus_call(n->b.bus, FDN_NAME, FDN_PATH, FDN_IFACE,
	    "GetCapabilities", NULL, &reply, NULL) < 0)
		goto out;
	if (sd_bus_message_enter_container(reply, 'a', "s") < 0)
		goto out;
	while (sd_bus_message_read(reply, "s", &cap) > 0) {
		if (strcmp(cap, "actions") == 0)
			caps |= NOTIFY_CAP_ACTIONS;
		else if (strcmp(cap, "body-markup") == 0)
			caps |= NOTIFY_CAP_MARKUP;
	}
	n->caps = caps;
out:
	sd_bus_message_unref(reply);
	return (caps);
}

int
notify_actions(struct notify *n)
{
	return ((notify_caps(n) & NOTIFY_CAP_ACTIONS) != 0);
}

/* s with the characters that markup reads escaped. Caller frees. */
static char *
markup_escape(const char *s)
{
	const char	*q;
	char		*out, *p;
	size_t		 len = 0;

	for (q = s; *q != '\0'; q++)
		len += *q == '&' ? 5 : (*q == '<' || *q == '>') ? 4 : 1;
	out = p = xmalloc(len + 1);
	for (; *s != '\0'; s++) {
		if (*s == '&')
			p = stpcpy(p, "&amp;");
		else if (*s == '<')
			p = stpcpy(p, "&lt;");
		else if (*s == '>')
			p = stpcpy(p, "&gt;");
		else
			*p++ = *s;
	}
	*p = '\0';
	return (out);
}

int
notify_send(struct notify *n, const char *summary, const char *body,
    const struct notify_action *actions, size_t na, uint32_t *id,
    char **cause)
{
	sd_bus_error	 err = SD_BUS_ERROR_NULL;
	sd_bus_message	*m = NULL, *reply = NULL;
	char		*text;
	uint32_t	 replaces = 0, got = 0;
	size_t		 i;
	int		 r;

	if (*id != 0 && shown_find(n, *id) != NULL)
		replaces = *id;
	if (notify_caps(n) & NOTIFY_CAP_MARKUP)
		text = markup_escape(body);
	else
		text = xstrdup(body);

	r = sd_bus_message_new_method_call(n->b.bus, &m, FDN_NAME, FDN_PATH,
	    FDN_IFACE, "Notify");
	if (r >= 0)
		r = sd_bus_message_append(m, "susss", NOTIFY_APP, replaces,
		    NOTIFY_ICON, summary, text);
	if (r >= 0)
		r = sd_bus_message_open_container(m, 'a', "s");
	for (i = 0; r >= 0 && i < na; i++)
		r = sd_bus_message_append(m, "ss", actions[i].key,
		    actions[i].label);
	if (r >= 0)
		r = sd_bus_message_close_container(m);
	if (r >= 0)
		r = sd_bus_message_append(m, "a{sv}i", 1, "urgency", "y",
		    NOTIFY_URGENCY, NOTIFY_EXPIRE_MS);
	if (r >= 0)
		r = sd_bus_call(n->b.bus, m, REMIND_CALL_USEC, &err, &reply);
	if (r >= 0)
		r = sd_bus_message_read(reply, "u", &got);
	if (r < 0)
		remind_cause(cause, remind_bus_error("cannot show a "
		    "notification", &err, r));
	else {
		shown_add(n, got, sender_of(reply));
		*id = got;
	}
	free(text);
	sd_bus_error_free(&err);
	sd_bus_message_unref(m);
	sd_bus_message_unref(reply);
	return (r < 0 ? -1 : 0);
}

int
notify_dismiss(struct notify *n, uint32_t id, char **cause)
{
	sd_bus_error	 err = SD_BUS_ERROR_NULL;
	int		 r;

	r = remind_bus_call(n->b.bus, FDN_NAME, FDN_PATH, FDN_IFACE,
	    "CloseNotification", &err, NULL, "u", id);
	if (r < 0)
		remind_cause(cause, remind_bus_error("cannot close a "
		    "notification", &err, r));
	sd_bus_error_free(&err);
	return (r < 0 ? -1 : 0);
}

void
notify_close(struct notify *n)
{
	size_t	i;

	if (n == NULL)
		return;
	sd_bus_slot_unref(n->slot_action);
	sd_bus_slot_unref(n->slot_closed);
	sd_bus_slot_unref(n->slot_owner);
	for (i = 0; i < n->nshown; i++)
		free(n->shown[i].owner);
	free(n->shown);
	remind_bus_release(&n->b);
	free(n);
}
