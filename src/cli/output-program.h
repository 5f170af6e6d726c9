/*
 * output-program.h -- the program and its self-tests as text and JSON,
 * shared by `midback program`, `midback stats` and `midback serve`.
 */
#ifndef MIDBACK_OUTPUT_PROGRAM_H
#define MIDBACK_OUTPUT_PROGRAM_H

#include <stdio.h>

#include <jansson.h>

#include "coach/program.h"
#include "coach/coach.h"

/*
 * The trend of each test in one line: first and latest result, their
 * scores (0 to 100) and how many tests; "none yet" when there are none.
 */
void	 output_selftests_text(const struct store_program_data *, FILE *);

#endif
