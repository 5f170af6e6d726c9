/*
 * names.c -- the words for enums and bit sets. See names.h.
 */
#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "xmalloc.h"

const char *
name_of(const struct names *t, int i)
{
	return (i >= 0 && i < t->n ? t->v[i] : "?");
}

const char *
name_of_bit(const struct names *t, unsigned bit)
{
	int	i;

	for (i = 0; i < t->n; i++)
		if (bit == (1U << i))
			return (t->v[i]);
	return ("?");
}

int
name_find(const struct names *t, const char *s)
{
	int	i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->v[i], s) == 0)
			return (i);
	return (-1);
}

int
name_find_bit(const struct names *t, const char *s)
{
	int	i = name_find(t, s);

	return (i < 0 ? -1 : 1 << i);
}

char *
name_list(const struct names *t, const char *extra)
{
	char	*s, *u;
	int	 i, total;

	total = t->n + (extra != NULL);
	s = xstrdup("");
	for (i = 0; i < total; i++) {
		u = xasprintf("%s%s%s", s,
		    i == 0 ? "" : (i == total - 1 ? " or " : ", "),
		    i < t->n ? t->v[i] : extra);
		free(s);
		s = u;
	}
	return (s);
}
