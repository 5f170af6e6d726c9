/*
 * selftest.c -- a self-test guided one line at a time. See selftest.h.
 */
#include <stdio.h>

#include "selftest.h"

/* Ask q until it is answered as it takes. */
static enum ask_result
question(struct ask *a, const struct program_question *q, int *v)
{
	char	buf[128];

	for (;;) {
		if (ask_line(a, "> ", buf,
		    sizeof buf) == ASK_EOF)
			return (ASK_EOF);
		if (program_answer_parse(q, buf, v) == 0)
			return (ASK_OK);
		if (q->type == ANSWER_NUMBER)
			fprintf(a->out, "Please answer with a whole number "
			    "from %d to %d%s.\n", q->lo, q->hi, q->optional ?
			    ", or leave it empty" : "");
		else
			fprintf(a->out, "Please answer as the question "
			    "asks.\n");
	}
}

enum selftest_end
selftest_run(struct ask *a, enum program_test t, int k, int n, int *v)
{
	const struct program_test_def	*d = &program_tests[t];
	int				 i;

	for (i = 0; i < PROGRAM_TEST_QUESTIONS; i++)
		v[i] = -1;
	fprintf(a->out, "\nSelf-test %d of %d: %s\n", k, n, d->name);
	fprintf(a->out, "It measures %s.\n", d->measures);
	for (i = 0; d->steps[i] != NULL; i++)
		fprintf(a->out, "  %d. %s\n", i + 1, d->steps[i]);
	if (d->figure != NULL)
		fprintf(a->out, "The position: `midback show %s` draws it. "
		    "%s\n", d->figure, d->figure_text);
	fprintf(a->out, "Stop if anything gives sharp pain, tingling, burning "
	    "or numbness.\n");
	for (i = 0; i < d->nq; i++) {
		fprintf(a->out, "%s\n", d->q[i].text);
		if (question(a, &d->q[i], &v[i]) == ASK_EOF)
			return (SELFTEST_EOF);
		if (i == 0 && v[0] == -1)
			return (SELFTEST_SKIPPED);
	}
	return (SELFTEST_DONE);
}
