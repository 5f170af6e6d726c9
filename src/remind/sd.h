/*
 * sd.h -- the parts of libsystemd (sd-event, sd-bus) that the reminder
 * daemon uses, opened with dlopen() by `remind` alone.
 *
 * Linked, libsystemd and the six libraries it needs (lz4, lzma, zstd,
 * gcrypt, gpg-error, cap) were loaded by every command, `midback today`
 * included, for the one that runs a loop. A separate daemon binary would
 * also have kept them out, but then there would be two programs to
 * install and find, and the unit's ExecStart and the break that Start
 * opens would have to know both; the library's soname (libsystemd.so.0)
 * is a stable ABI, as espeak-ng's is for src/voice.c.
 *
 * Every file of src/remind/ that calls libsystemd includes this header
 * instead of <systemd/sd-*.h>: each function name below becomes a call
 * through a pointer that remind_sd_load() fills in (sys/dynlib.h).
 *
 * Below those, the D-Bus steps that the notifications and the idle
 * sources all take: a bus given or opened and attached to the loop, a
 * method call with a time limit, a question to the bus daemon, a watch on
 * a name's owner, and an error message from a failed call.
 */
#ifndef MIDBACK_REMIND_SD_H
#define MIDBACK_REMIND_SD_H

#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

#include <stdarg.h>

#include "sys/dynlib.h"

/* X(name) for every function used. */
#define REMIND_SD_FUNCS(X) \
	X(sd_bus_add_match_async) \
	X(sd_bus_attach_event) \
	X(sd_bus_call) \
	X(sd_bus_call_method) \
	X(sd_bus_call_method_async) \
	X(sd_bus_detach_event) \
	X(sd_bus_error_free) \
	X(sd_bus_error_is_set) \
	X(sd_bus_flush_close_unref) \
	X(sd_bus_get_event) \
	X(sd_bus_get_property) \
	X(sd_bus_match_signal_async) \
	X(sd_bus_message_append) \
	X(sd_bus_message_appendv) \
	X(sd_bus_message_close_container) \
	X(sd_bus_message_enter_container) \
	X(sd_bus_message_exit_container) \
	X(sd_bus_message_get_sender) \
	X(sd_bus_message_is_signal) \
	X(sd_bus_message_new_method_call) \
	X(sd_bus_message_open_container) \
	X(sd_bus_message_read) \
	X(sd_bus_message_read_strv) \
	X(sd_bus_message_skip) \
	X(sd_bus_message_unref) \
	X(sd_bus_open_system) \
	X(sd_bus_open_user) \
	X(sd_bus_ref) \
	X(sd_bus_slot_unref) \
	X(sd_bus_unref) \
	X(sd_event_add_defer) \
	X(sd_event_add_inotify) \
	X(sd_event_add_io) \
	X(sd_event_add_signal) \
	X(sd_event_add_time) \
	X(sd_event_default) \
	X(sd_event_dispatch) \
	X(sd_event_exit) \
	X(sd_event_get_exit_code) \
	X(sd_event_get_state) \
	X(sd_event_now) \
	X(sd_event_prepare) \
	X(sd_event_ref) \
	X(sd_event_source_disable_unref) \
	X(sd_event_source_set_enabled) \
	X(sd_event_source_set_prepare) \
	X(sd_event_source_set_time) \
	X(sd_event_source_unref) \
	X(sd_event_unref) \
	X(sd_event_wait)

REMIND_SD_FUNCS(DYNLIB_DECLARE)

/*
 * Open libsystemd.so.0 once and resolve every function above. Returns 0,
 * or -1 with *cause set to an allocated message. Cheap after the first
 * call; every entry point of src/remind/ that a program may call first
 * (the daemon, notify_open(), idle_open()) calls it.
 */
int	remind_sd_load(char **cause);

#define sd_bus_add_match_async	(*dl_sd_bus_add_match_async)
#define sd_bus_attach_event	(*dl_sd_bus_attach_event)
#define sd_bus_call	(*dl_sd_bus_call)
#define sd_bus_call_method	(*dl_sd_bus_call_method)
#define sd_bus_call_method_async	(*dl_sd_bus_call_method_async)
#define sd_bus_detach_event	(*dl_sd_bus_detach_event)
#define sd_bus_error_free	(*dl_sd_bus_error_free)
#define sd_bus_error_is_set	(*dl_sd_bus_error_is_set)
#define sd_bus_flush_close_unref	(*dl_sd_bus_flush_close_unref)
#define sd_bus_get_event	(*dl_sd_bus_get_event)
#define sd_bus_get_property	(*dl_sd_bus_get_property)
#define sd_bus_match_signal_async	(*dl_sd_bus_match_signal_async)
#define sd_bus_message_append	(*dl_sd_bus_message_append)
#define sd_bus_message_appendv	(*dl_sd_bus_message_appendv)
#define sd_bus_message_close_container	(*dl_sd_bus_message_close_container)
#define sd_bus_message_enter_container	(*dl_sd_bus_message_enter_container)
#define sd_bus_message_exit_container	(*dl_sd_bus_message_exit_container)
#define sd_bus_message_get_sender	(*dl_sd_bus_message_get_sender)
#define sd_bus_message_is_signal	(*dl_sd_bus_message_is_signal)
#define sd_bus_message_new_method_call	(*dl_sd_bus_message_new_method_call)
#define sd_bus_message_open_container	(*dl_sd_bus_message_open_container)
#define sd_bus_message_read	(*dl_sd_bus_message_read)
#define sd_bus_message_read_strv	(*dl_sd_bus_message_read_strv)
#define sd_bus_message_skip	(*dl_sd_bus_message_skip)
#define sd_bus_message_unref	(*dl_sd_bus_message_unref)
#define sd_bus_open_system	(*dl_sd_bus_open_system)
#define sd_bus_open_user	(*dl_sd_bus_open_user)
#define sd_bus_ref	(*dl_sd_bus_ref)
#define sd_bus_slot_unref	(*dl_sd_bus_slot_unref)
#define sd_bus_unref	(*dl_sd_bus_unref)
#define sd_event_add_defer	(*dl_sd_event_add_defer)
#define sd_event_add_inotify	(*dl_sd_event_add_inotify)
#define sd_event_add_io	(*dl_sd_event_add_io)
#define sd_event_add_signal	(*dl_sd_event_add_signal)
#define sd_event_add_time	(*dl_sd_event_add_time)
#define sd_event_default	(*dl_sd_event_default)
#define sd_event_dispatch	(*dl_sd_event_dispatch)
#define sd_event_exit	(*dl_sd_event_exit)
#define sd_event_get_exit_code	(*dl_sd_event_get_exit_code)
#define sd_event_get_state	(*dl_sd_event_get_state)
#define sd_event_now	(*dl_sd_event_now)
#define sd_event_prepare	(*dl_sd_event_prepare)
#define sd_event_ref	(*dl_sd_event_ref)
#define sd_event_source_disable_unref	(*dl_sd_event_source_disable_unref)
#define sd_event_source_set_enabled	(*dl_sd_event_source_set_enabled)
#define sd_event_source_set_prepare	(*dl_sd_event_source_set_prepare)
#define sd_event_source_set_time	(*dl_sd_event_source_set_time)
#define sd_event_source_unref	(*dl_sd_event_source_unref)
#define sd_event_unref	(*dl_sd_event_unref)
#define sd_event_wait	(*dl_sd_event_wait)

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
