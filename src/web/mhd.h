/*
 * mhd.h -- the parts of libmicrohttpd that `midback serve` uses, opened
 * with dlopen() by `serve` alone.
 *
 * As src/remind/sd.h does for libsystemd: linked, libmicrohttpd and what
 * it pulls in (gnutls and its own chain) would be loaded by every
 * command, `midback today` included, whose start-up is measured against
 * /bin/true. Only the header is needed to build; the soname
 * (libmicrohttpd.so.12) is a stable ABI.
 *
 * Every file of src/web/ that calls libmicrohttpd includes this header
 * instead of <microhttpd.h>: each function name below becomes a call
 * through a pointer that web_mhd_load() fills in (sys/dynlib.h).
 */
#ifndef MIDBACK_WEB_MHD_H
#define MIDBACK_WEB_MHD_H

#include <stdarg.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <microhttpd.h>

#include "sys/dynlib.h"

/* X(name) for every function used. */
#define WEB_MHD_FUNCS(X) \
	X(MHD_add_connection) \
	X(MHD_add_response_header) \
	X(MHD_create_response_from_buffer) \
	X(MHD_create_response_from_callback) \
	X(MHD_destroy_response) \
	X(MHD_get_connection_values) \
	X(MHD_lookup_connection_value) \
	X(MHD_queue_response) \
	X(MHD_start_daemon) \
	X(MHD_stop_daemon)

WEB_MHD_FUNCS(DYNLIB_DECLARE)

/*
 * Open libmicrohttpd.so.12 once and resolve every function above.
 * Returns 0, or -1 with *cause set to an allocated message.
 */
int	web_mhd_load(char **cause);

#define MHD_add_connection	(*dl_MHD_add_connection)
#define MHD_add_response_header	(*dl_MHD_add_response_header)
#define MHD_create_response_from_buffer	(*dl_MHD_create_response_from_buffer)
#define MHD_create_response_from_callback \
	(*dl_MHD_create_response_from_callback)
#define MHD_destroy_response	(*dl_MHD_destroy_response)
#define MHD_get_connection_values	(*dl_MHD_get_connection_values)
#define MHD_lookup_connection_value	(*dl_MHD_lookup_connection_value)
#define MHD_queue_response	(*dl_MHD_queue_response)
#define MHD_start_daemon	(*dl_MHD_start_daemon)
#define MHD_stop_daemon	(*dl_MHD_stop_daemon)

#endif
