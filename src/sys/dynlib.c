/*
 * dynlib.c -- shared libraries opened on first use; see dynlib.h.
 */
#include <stdlib.h>

#include <dlfcn.h>

#include "core/xmalloc.h"
#include "sys/dynlib.h"

/*
 * Open file and fill the n slots, or set *cause. The store through
 * void ** into each slot is the form POSIX gives for setting a function
 * pointer from dlsym().
 */
static void *
dynlib_load(const char *file, const char *const *names, void *const *slots,
    size_t n, char **cause)
{
	void	*lib;
	size_t	 i;

	if ((lib = dlopen(file, RTLD_NOW)) == NULL) {
		*cause = xasprintf("cannot load %s: %s", file, dlerror());
		return (NULL);
	}
	for (i = 0; i < n; i++) {
		if ((*(void **)slots[i] = dlsym(lib, names[i])) == NULL) {
			*cause = xasprintf("%s lacks %s", file, names[i]);
			dlclose(lib);
			return (NULL);
		}
	}
	return (lib);
}

int
dynlib_open(struct dynlib *lib, const char *fmt, char **cause)
{
	char	*why;

	if (lib->handle != NULL)
		return (0);
	lib->handle = dynlib_load(lib->file, lib->names, lib->slots, lib->n,
	    &why);
	if (lib->handle != NULL)
		return (0);
	if (fmt == NULL)
		*cause = why;
	else {
		*cause = xasprintf(fmt, why);
		free(why);
	}
	return (-1);
}
