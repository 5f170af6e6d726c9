/*
 * utf8.c -- reading UTF-8, the way jansson checks it. See utf8.h.
 */
#include <stddef.h>

#include "utf8.h"

size_t
utf8_len(const char *s, unsigned *cp)
{
	const unsigned char	*u = (const unsigned char *)s;
	unsigned		 c, min;
	size_t			 n, i;

	if (u[0] < 0x80) {
		*cp = u[0];
		return (1);
	}
	if ((u[0] & 0xe0) == 0xc0) {
		n = 2;
		c = u[0] & 0x1f;
		min = 0x80;
	} else if ((u[0] & 0xf0) == 0xe0) {
		n = 3;
		c = u[0] & 0x0f;
		min = 0x800;
	} else if ((u[0] & 0xf8) == 0xf0) {
		n = 4;
		c = u[0] & 0x07;
		min = 0x10000;
	} else
		return (0);
	for (i = 1; i < n; i++) {
		/* A NUL ends the string here, and fails this test too. */
		if ((u[i] & 0xc0) != 0x80)
			return (0);
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return (0);
	*cp = c;
	return (n);
}

int
utf8_valid(const char *s)
{
	unsigned	cp;
	size_t		n;

	for (; *s != '\0'; s += n)
		if ((n = utf8_len(s, &cp)) == 0)
			return (0);
	return (1);
}
