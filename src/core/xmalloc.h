/*
 * xmalloc.h -- allocation that never returns NULL.
 *
 * Running out of memory is not a condition midback can recover from, so
 * these wrappers abort instead of returning NULL; callers keep their error
 * paths for real failures (files, parsing, the database).
 */
#ifndef MIDBACK_XMALLOC_H
#define MIDBACK_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/*
 * Format into a new string. The caller must free the result. The format
 * attribute (GCC and Clang both know it) lets -Wformat check every caller.
 */
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list);

#endif
