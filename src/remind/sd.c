/*
 * sd.c -- libsystemd opened with dlopen(); see sd.h.
 */
#include "remind/sd.h"

REMIND_SD_FUNCS(DYNLIB_DEFINE)

static void	*sd_lib;

int
remind_sd_load(char **cause)
{
	static const char *const names[] = { REMIND_SD_FUNCS(DYNLIB_NAME) };
	static void *const slots[] = { REMIND_SD_FUNCS(DYNLIB_SLOT) };

	return (dynlib_load(&sd_lib, "libsystemd.so.0", names, slots,
	    DYNLIB_COUNT(names), cause));
}
