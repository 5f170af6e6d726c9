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
		fprintf(a->out, "Please answer as the question asks.\n");
	}
}

enum ask_result
selftest_run(struct ask *a, enum program_test t, int k, int n, int *value,
    int *extra)
{
	const struct program_test_def	*d = &program_tests[t];
	int				 i;

	*value = *extra = -1;
	fprintf(a->out, "\nSelf-test %d of %d: %s\n", k, n, d->name);
	for (i = 0; d->steps[i] != NULL; i++)
		fprintf(a->out, "  %d. %s\n", i + 1, d->steps[i]);
	fprintf(a->out, "Stop if anything gives sharp pain, tingling, burning "
	    "or numbness.\n");
	for (i = 0; i < d->nq; i++) {
		/* Rotation: the wall mark only when no angle was given. */
		if (i == 1 && d->q[1].if_empty && *value != -1)
			break;
		fprintf(a->out, "%s\n", d->q[i].text);
		if (question(a, &d->q[i], i == 0 ? value : extra) == ASK_EOF)
			return (ASK_EOF);
	}
	return (ASK_OK);
}
