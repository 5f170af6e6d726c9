/*
 * bus.h -- the D-Bus steps that the notifications and the idle sources
 * all take: a bus given or opened and attached to the loop, a method call
 * with a time limit, a question to the bus daemon, a watch on a name's
 * owner, and an error message from a failed call. Through sd.h.
 */
#ifndef MIDBACK_REMIND_BUS_H
#define MIDBACK_REMIND_BUS_H

#include <stdarg.h>

#include "remind/sd.h"

/* How long a call to a service (logind, Mutter, notifications) may take. */
#define REMIND_CALL_USEC	(5 * 1000 * 1000ULL)

/* A bus connection, given or opened here, and attached to a loop. */
struct remind_bus {
	sd_bus		*bus;		/* a reference of ours, or NULL */
	int		 opened;	/* opened here */
	int		 attached;	/* attached to the loop here */
};

/* Hand msg to the caller's cause, or free it if the caller has none. */
void	remind_cause(char **cause, char *msg);
/* "what: why", why from the bus's error e (may be NULL), else from r. */
char	*remind_bus_error(const char *what, const sd_bus_error *e, int r);
/*
 * Take a reference to bus as b, attaching it to ev if it is attached to no
 * loop; what ("session") names it in an error. A NULL bus leaves b empty.
 * Returns 0, or -1 with *cause set (cause may be NULL); release b either
 * way.
 */
int	remind_bus_take(struct remind_bus *b, sd_bus *bus, sd_event *ev,
	    const char *what, char **cause);
/*
 * Open the system bus (system) or the session bus as b, attached to ev.
 * Returns 0, or -1 with *cause set (cause may be NULL) and b empty.
 */
int	remind_bus_open(struct remind_bus *b, int system, sd_event *ev,
	    char **cause);
/* Let go of b's bus, if any. */
void	remind_bus_release(struct remind_bus *b);
/*
 * Call method of interface iface on dest's object path, with the
 * arguments that sig gives (as sd_bus_message_append(); NULL for none),
 * and wait at most REMIND_CALL_USEC for *reply (the caller unrefs it; it
 * may be NULL). Returns >= 0, or a negative errno with err set if the
 * service said why (err may be NULL).
 */
int	remind_bus_call(sd_bus *bus, const char *dest, const char *path,
	    const char *iface, const char *method, sd_bus_error *err,
	    sd_bus_message **reply, const char *sig, ...);
int	remind_bus_callv(sd_bus *bus, const char *dest, const char *path,
	    const char *iface, const char *method, sd_bus_error *err,
	    sd_bus_message **reply, const char *sig, va_list ap);
/*
 * Ask the bus daemon a yes-or-no method about name ("NameHasOwner").
 * Returns 1 or 0, or -1 with *cause "what: why" (cause may be NULL).
 */
int	remind_bus_ask(sd_bus *bus, const char *method, const char *name,
	    const char *what, char **cause);
/*
 * Have cb(m, arg, ...) called with NameOwnerChanged(name, old, new)
 * whenever name changes hands, until *slot is unreffed. Returns >= 0, or
 * a negative errno.
 */
int	remind_bus_watch_owner(sd_bus *bus, sd_bus_slot **slot,
	    const char *name, sd_bus_message_handler_t cb, void *arg);

#endif
