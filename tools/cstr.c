/*
 * cstr.c -- writing text as C string literals. See cstr.h.
 */
#include <stdio.h>
#include <string.h>

#include "cstr.h"

void
cstr_putn(const char *s, size_t n)
{
	size_t	i;

	putchar('"');
	for (i = 0; i < n; i++) {
		if (s[i] == '"' || s[i] == '\\')
			printf("\\%c", s[i]);
		else if (s[i] == '\n')
			printf("\\n");
		else if ((unsigned char)s[i] < 0x20 ||
		    (unsigned char)s[i] >= 0x7f)
			printf("\\%03o", (unsigned char)s[i]);
		else
			putchar(s[i]);
	}
	putchar('"');
}

void
cstr_put(const char *s)
{
	if (s == NULL)
		printf("NULL");
	else
		cstr_putn(s, strlen(s));
}
