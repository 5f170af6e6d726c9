/*
 * selftest.h -- a self-test guided one line at a time in the terminal:
 * what it measures, the steps, where its figure is, then its questions
 * (core/program.h), each asked again until the answer is one the
 * question takes.
 */
#ifndef MIDBACK_SELFTEST_H
#define MIDBACK_SELFTEST_H

#include "core/program.h"
#include "ask.h"

/* What selftest_run() ends with. */
enum selftest_end {
	SELFTEST_DONE,		/* every answer read */
	SELFTEST_SKIPPED,	/* its first, optional, answer left empty */
	SELFTEST_EOF		/* input ended before the test was through */
};

/*
 * Guide the person through test t, numbered k of n in the round, and
 * read the answers into v[0..PROGRAM_TEST_QUESTIONS) (-1 for none).
 */
enum selftest_end	selftest_run(struct ask *, enum program_test t, int k,
			    int n, int *v);

#endif
