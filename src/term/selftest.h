/*
 * selftest.h -- a self-test guided one line at a time in the terminal:
 * the steps, then its questions (core/program.h), asked again until the
 * answer is one the question takes.
 */
#ifndef MIDBACK_SELFTEST_H
#define MIDBACK_SELFTEST_H

#include "core/program.h"
#include "ask.h"

/*
 * Guide the person through test t, numbered k of n in the round, and
 * read the answers into *value and *extra (-1 for none). Returns ASK_OK,
 * or ASK_EOF if input ended before the test was through.
 */
enum ask_result	selftest_run(struct ask *, enum program_test t, int k, int n,
		    int *value, int *extra);

#endif
