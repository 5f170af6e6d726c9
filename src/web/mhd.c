/*
 * mhd.c -- libmicrohttpd opened with dlopen(); see mhd.h.
 */
#include <stdlib.h>

#include "core/xmalloc.h"
#include "web/mhd.h"

WEB_MHD_FUNCS(DYNLIB_DEFINE)

static void	*mhd_lib;

int
web_mhd_load(char **cause)
{
	static const char *const names[] = { WEB_MHD_FUNCS(DYNLIB_NAME) };
	static void *const slots[] = { WEB_MHD_FUNCS(DYNLIB_SLOT) };
	char	*why;

	if (dynlib_load(&mhd_lib, "libmicrohttpd.so.12", names, slots,
	    DYNLIB_COUNT(names), &why) != 0) {
		*cause = xasprintf("%s (Debian package libmicrohttpd12)", why);
		free(why);
		return (-1);
	}
	return (0);
}
