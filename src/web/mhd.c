/*
 * mhd.c -- libmicrohttpd opened with dlopen(); see mhd.h.
 */
#include <stdlib.h>

#include <dlfcn.h>

#include "core/xmalloc.h"
#include "web/mhd.h"

/* The pointers, named by mhd.h's macros; defined before those apply. */
#define WEB_MHD_DEFINE(name)	__typeof__(web_##name) web_##name;
WEB_MHD_FUNCS(WEB_MHD_DEFINE)
#undef WEB_MHD_DEFINE

static void	*mhd_lib;

/*
 * The cast of dlsym()'s result through void ** is the form POSIX gives
 * for function pointers. A library that lacks one function is not used
 * at all: a half-filled table would crash later, far from the cause.
 */
int
web_mhd_load(char **cause)
{
	const char	*missing = NULL;
	void		*lib;

	if (mhd_lib != NULL)
		return (0);
	if ((lib = dlopen("libmicrohttpd.so.12", RTLD_NOW)) == NULL) {
		*cause = xasprintf("cannot load libmicrohttpd (Debian package "
		    "libmicrohttpd12): %s", dlerror());
		return (-1);
	}
#define WEB_MHD_LOAD(name) do {						\
	*(void **)(&web_##name) = dlsym(lib, #name);			\
	if (web_##name == NULL && missing == NULL)			\
		missing = #name;					\
} while (0);
	WEB_MHD_FUNCS(WEB_MHD_LOAD)
#undef WEB_MHD_LOAD
	if (missing != NULL) {
		*cause = xasprintf("libmicrohttpd.so.12 lacks %s", missing);
		dlclose(lib);
		return (-1);
	}
	mhd_lib = lib;
	return (0);
}
