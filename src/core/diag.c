/*
 * diag.c -- collected diagnostics.
 */
#include <stdarg.h>
#include <stdlib.h>

#include "diag.h"
#include "xmalloc.h"

void
diag_add(struct diag *d, const char *file, unsigned long line,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	d->msgs = xreallocarray(d->msgs, d->n + 1, sizeof *d->msgs);
	if (line != 0)
		d->msgs[d->n++] = xasprintf("%s:%lu: %s", file, line, msg);
	else
		d->msgs[d->n++] = xasprintf("%s: %s", file, msg);
	free(msg);
}

void
diag_move(struct diag *dst, struct diag *src)
{
	size_t	i;

	if (src->n == 0)
		return;
	dst->msgs = xreallocarray(dst->msgs, dst->n + src->n, sizeof *dst->msgs);
	for (i = 0; i < src->n; i++)
		dst->msgs[dst->n++] = src->msgs[i];
	free(src->msgs);
	src->msgs = NULL;
	src->n = 0;
}

void
diag_release(struct diag *d)
{
	size_t	i;

	for (i = 0; i < d->n; i++)
		free(d->msgs[i]);
	free(d->msgs);
	d->msgs = NULL;
	d->n = 0;
}
