/*
 * output.h -- shared ways of showing exercises and plans, as text and as
 * JSON, for the commands that print them.
 */
#ifndef MIDBACK_OUTPUT_H
#define MIDBACK_OUTPUT_H

#include <stdio.h>

#include <jansson.h>
#include <stddef.h>

#include "core/catalog.h"
#include "core/plan.h"

/* Seconds as m:ss into buf (at least 16 bytes). */
void		 output_clock(int seconds, char *buf, size_t len);
/* "a, b, c" from a bit set and its names; "none" when empty. */
char		*output_bits(unsigned bits, const struct names *);
/*
 * A copy of s that is safe to print on a terminal: control characters
 * (C0, DEL and C1), the bidirectional controls (U+202A to U+202E, U+2066
 * to U+2069, U+200E, U+200F, U+061C) and bytes that are not UTF-8 are
 * shown as \n, \t, \r, \xNN or \uNNNN, so text from a file cannot move
 * the cursor, change the terminal or make the rest of a line read
 * backwards. The caller frees it.
 */
char		*output_safe(const char *s);
/* Print JSON to stdout with a final newline. Returns 0 or -1. */
int		 output_json(json_t *);
/*
 * Print x's keyframes side by side as braille, each in cols x rows cells
 * with its name below (wrapped, never cut), in ANSI colour when colour is
 * 1. Nothing when x has no figure.
 */
void		 output_figure(FILE *, const struct exercise *x, int cols,
		    int rows, int colour);
/*
 * The terminal's width in columns: stdout's, else $COLUMNS, else
 * OUTPUT_WIDTH_DEFAULT.
 */
#define OUTPUT_WIDTH_DEFAULT	100
int		 output_width(void);
/* Whether stdout is a terminal that wants colour (NO_COLOR unset). */
int		 output_colour(void);
/* Whether the locale's character set is UTF-8. */
int		 output_utf8(void);

#endif
