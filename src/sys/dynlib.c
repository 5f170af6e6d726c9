/*
 * dynlib.c -- shared libraries opened on first use; see dynlib.h.
 */
#include <stdlib.h>

#include <dlfcn.h>

#include "core/xmalloc.h"
#include "sys/dynlib.h"

/*
 * The store through void ** into each slot is the form POSIX gives for
 * setting a function pointer from dlsym().
 */
int
dynlib_load(void **handle, const char *file, const char *const *names,
    void *const *slots, size_t n, char **cause)
{
	void	*lib;
	size_t	 i;

	if (*handle != NULL)
		return (0);
	if ((lib = dlopen(file, RTLD_NOW)) == NULL) {
		*cause = xasprintf("cannot load %s: %s", file, dlerror());
		return (-1);
	}
	for (i = 0; i < n; i++) {
		if ((*(void **)slots[i] = dlsym(lib, names[i])) == NULL) {
			*cause = xasprintf("%s lacks %s", file, names[i]);
			dlclose(lib);
			return (-1);
		}
	}
	*handle = lib;
	return (0);
}
