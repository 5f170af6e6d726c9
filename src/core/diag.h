/*
 * diag.h -- a list of diagnostics, "FILE:LINE: message", collected so a
 * loader can report every problem of a file at once instead of the first.
 */
#ifndef MIDBACK_DIAG_H
#define MIDBACK_DIAG_H

#include <stddef.h>

struct diag {
	char		**msgs;		/* Owned; each from malloc. */
	unsigned long	 *lines;	/* Owned; each message's line. */
	size_t		  n;
};

#define DIAG_INIT { NULL, NULL, 0 }

/* Append "file:line: message"; line is 1-based, 0 leaves it out. */
void	diag_add(struct diag *, const char *file, unsigned long line,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Move every message of src to the end of dst; src is left empty. */
void	diag_move(struct diag *dst, struct diag *src);
/* Sort the messages by line, keeping the order of those on one line. */
void	diag_sort(struct diag *);
/* Free the messages and leave the list empty. */
void	diag_release(struct diag *);

#endif
