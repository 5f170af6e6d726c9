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

/* The stage's name: "breathing", "extension", ... */
const char	*output_stage_name(int stage);
/* Seconds as m:ss into buf (at least 16 bytes). */
void		 output_clock(int seconds, char *buf, size_t len);
/* "a, b, c" from a bit set and its names; "none" when empty. */
char		*output_bits(unsigned bits, const struct names *);
/* Every catalog field of an exercise. The caller owns the reference. */
json_t		*output_exercise_json(const struct exercise *);
/* A day (days since 1970-01-01) as a "YYYY-MM-DD" JSON string. */
json_t		*output_json_day(long day);
/* A catalog source (an article's file name) in words a reader knows. */
const char	*output_source_words(const char *source);
/* The shortest and longest time the catalog's dose allows, in seconds. */
void		 output_time_range(const struct exercise *, int *lo, int *hi);
/*
 * A plan as JSON: {"date","minutes","total_s","items":[{"id","name",
 * "stage","sets","reps","hold_s","breaths","per_side","duration_s"}]}.
 * The caller owns the reference.
 */
json_t		*output_plan_json(const struct plan *, long day, int minutes);
/*
 * s as a JSON string, each byte that is not valid UTF-8 replaced with
 * U+FFFD; JSON null if s is NULL. Never NULL.
 */
json_t		*output_json_text(const char *s);
/*
 * A copy of s that is safe to print on a terminal: control characters
 * (C0, DEL and C1) and bytes that are not UTF-8 are shown as \n, \t,
 * \r, \xNN or \uNNNN, so text from a file cannot move the cursor or
 * change the terminal. The caller frees it.
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
