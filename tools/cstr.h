/*
 * cstr.h -- writing text as C string literals, for the build-time
 * generators in tools/.
 */
#ifndef MIDBACK_TOOLS_CSTR_H
#define MIDBACK_TOOLS_CSTR_H

#include <stddef.h>

/* Print s to standard output as one C string literal, or NULL. */
void	cstr_put(const char *s);
/* The first n bytes of s as one C string literal. */
void	cstr_putn(const char *s, size_t n);

#endif
