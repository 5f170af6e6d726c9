/*
 * sd.c -- libsystemd opened with dlopen(); see sd.h.
 */
#include <stdlib.h>

#include <dlfcn.h>

#include "core/xmalloc.h"
#include "remind/sd.h"

/* The pointers, named by sd.h's macros; defined before those apply. */
#define REMIND_SD_DEFINE(name)	__typeof__(remind_##name) remind_##name;
REMIND_SD_FUNCS(REMIND_SD_DEFINE)
#undef REMIND_SD_DEFINE

static void	*sd_lib;

/*
 * The cast of dlsym()'s result through void ** is the form POSIX gives
 * for function pointers. A library that lacks one function is not used
 * at all: a half-filled table would crash later, far from the cause.
 */
int
remind_sd_load(char **cause)
{
	const char	*missing = NULL;
	void		*lib;

	if (sd_lib != NULL)
		return (0);
	if ((lib = dlopen("libsystemd.so.0", RTLD_NOW)) == NULL) {
		*cause = xasprintf("cannot load libsystemd: %s", dlerror());
		return (-1);
	}
#define REMIND_SD_LOAD(name) do {					\
	*(void **)(&remind_##name) = dlsym(lib, #name);			\
	if (remind_##name == NULL && missing == NULL)			\
		missing = #name;					\
} while (0);
	REMIND_SD_FUNCS(REMIND_SD_LOAD)
#undef REMIND_SD_LOAD
	if (missing != NULL) {
		*cause = xasprintf("libsystemd.so.0 lacks %s", missing);
		dlclose(lib);
		return (-1);
	}
	sd_lib = lib;
	return (0);
}
