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
	d->lines = xreallocarray(d->lines, d->n + 1, sizeof *d->lines);
	d->lines[d->n] = line;
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
	dst->lines = xreallocarray(dst->lines, dst->n + src->n,
	    sizeof *dst->lines);
	for (i = 0; i < src->n; i++) {
		dst->lines[dst->n] = src->lines[i];
		dst->msgs[dst->n++] = src->msgs[i];
	}
	free(src->msgs);
	free(src->lines);
	src->msgs = NULL;
	src->lines = NULL;
	src->n = 0;
}

void
diag_sort(struct diag *d)
{
	unsigned long	 line;
	char		*msg;
	size_t		 i, j;

	/* Insertion sort: stable, and a file has few problems. */
	for (i = 1; i < d->n; i++) {
		line = d->lines[i];
		msg = d->msgs[i];
		for (j = i; j > 0 && d->lines[j - 1] > line; j--) {
			d->lines[j] = d->lines[j - 1];
			d->msgs[j] = d->msgs[j - 1];
		}
		d->lines[j] = line;
		d->msgs[j] = msg;
	}
}

void
diag_release(struct diag *d)
{
	size_t	i;

	for (i = 0; i < d->n; i++)
		free(d->msgs[i]);
	free(d->msgs);
	free(d->lines);
	d->msgs = NULL;
	d->lines = NULL;
	d->n = 0;
}
