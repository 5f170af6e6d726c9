/*
 * output-program.h -- the program and its self-tests as text and JSON,
 * shared by `midback program`, `midback stats` and `midback serve`.
 */
#ifndef MIDBACK_OUTPUT_PROGRAM_H
#define MIDBACK_OUTPUT_PROGRAM_H

#include <stdio.h>

#include <jansson.h>

#include "coach/program.h"
#include "store.h"

/*
 * Every self-test's results, oldest first, as a JSON array with one
 * object per test: {"test", "name", "results": [{"date", "at", "value",
 * "extra", "score", "text"}]}.
 */
json_t	*output_selftests_json(const struct store_program_data *);
/*
 * The trend of each test in one line: first and latest result, their
 * scores (0 to 100) and how many tests; "none yet" when there are none.
 */
void	 output_selftests_text(const struct store_program_data *, FILE *);

/*
 * The program as `midback program --json` prints it and GET
 * /api/program answers: the week, the phase and why, the reviews, each
 * exercise's level and what unlocks next, the self-tests (above) and
 * when the next is due. A new reference.
 */
json_t	*output_program_json(const struct coach_program *,
	    const struct catalog *);

#endif
