/*
 * sd.c -- libsystemd opened with dlopen(); see sd.h.
 */
#include "remind/sd.h"

DYNLIB_LIBRARY(sd_lib, "libsystemd.so.0", REMIND_SD_FUNCS);

int
remind_sd_load(char **cause)
{
	return (dynlib_open(&sd_lib, NULL, cause));
}
