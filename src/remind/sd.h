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
 */
#ifndef MIDBACK_REMIND_SD_H
#define MIDBACK_REMIND_SD_H

#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

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

#endif
