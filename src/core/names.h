/*
 * names.h -- the words for the values of an enum, or for the bits of a
 * set, kept in one array and read the same way everywhere.
 */
#ifndef MIDBACK_NAMES_H
#define MIDBACK_NAMES_H

/* Names of the values 0 .. n-1, or of the bits 1 << 0 .. 1 << (n-1). */
struct names {
	const char *const	*v;
	int			 n;
};

/* A struct names over a whole array. */
#define NAMES(a)	{ (a), (int)(sizeof (a) / sizeof (a)[0]) }

/* The name of value i, or "?" if there is none. */
const char	*name_of(const struct names *, int i);
/* The name of a single bit, or "?" if it is not one of the set's. */
const char	*name_of_bit(const struct names *, unsigned bit);
/* The value of a name, or -1 if unknown. */
int		 name_find(const struct names *, const char *);
/* The bit of a name, or -1 if unknown. */
int		 name_find_bit(const struct names *, const char *);
/* "a, b or c" (from malloc), with extra last if not NULL. */
char		*name_list(const struct names *, const char *extra);

#endif
