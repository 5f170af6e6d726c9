/*
 * mhd.c -- libmicrohttpd opened with dlopen(); see mhd.h.
 */
#include "web/mhd.h"

DYNLIB_LIBRARY(mhd_lib, "libmicrohttpd.so.12", WEB_MHD_FUNCS);

int
web_mhd_load(char **cause)
{
	return (dynlib_open(&mhd_lib, "%s (Debian package libmicrohttpd12)",
	    cause));
}
