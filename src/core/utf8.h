/*
 * utf8.h -- reading UTF-8 text, for the edges that must refuse what
 * jansson would refuse (a note that is not UTF-8 would be lost from every
 * export) and show the rest safely.
 */
#ifndef MIDBACK_UTF8_H
#define MIDBACK_UTF8_H

#include <stddef.h>

/*
 * The length (1 to 4) of the valid UTF-8 sequence at s, with its code
 * point in *cp; 0 if the byte at s starts none. Overlong forms,
 * surrogates and code points past U+10FFFF are not valid: the rules
 * jansson checks with.
 */
size_t	utf8_len(const char *s, unsigned *cp);
/* Whether the whole of s is valid UTF-8. */
int	utf8_valid(const char *s);

#endif
