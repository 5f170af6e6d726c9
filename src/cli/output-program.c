/*
 * output-program.c -- the self-tests' trends as text and JSON. See
 * output-program.h.
 */
#include <stdio.h>

#include "coach/doc.h"
#include "coach/program.h"
#include "core/date.h"
#include "core/program.h"
#include "cli/output-program.h"

void
output_selftests_text(const struct store_program_data *d, FILE *f)
{
	const struct store_selftest	*first, *last;
	char				 a[64], b[64], day[DATE_BUFSZ];
	size_t				 i, n;
	int				 t, any = 0, s0, s1;

	for (t = 0; t < TEST_COUNT; t++) {
		first = last = NULL;
		n = 0;
		for (i = 0; i < d->ntests; i++)
			if (d->tests[i].test == t) {
				if (first == NULL)
					first = &d->tests[i];
				last = &d->tests[i];
				n++;
			}
		if (last == NULL)
			continue;
		any = 1;
		program_result_describe(t, last->value, last->extra, b,
		    sizeof b);
		s1 = program_test_score(t, last->value, last->extra);
		date_format(date_of_ms(last->at_ms, last->tz_min), day);
		if (n == 1) {
			fprintf(f, "  %-24s %s (score %d), %s\n",
			    program_tests[t].name, b, s1, day);
			continue;
		}
		program_result_describe(t, first->value, first->extra, a,
		    sizeof a);
		s0 = program_test_score(t, first->value, first->extra);
		fprintf(f, "  %-24s %s -> %s (score %d -> %d, %s), %zu tests, "
		    "latest %s\n", program_tests[t].name, a, b, s0, s1,
		    s1 > s0 ? "better" : s1 < s0 ? "less" : "the same", n,
		    day);
	}
	if (!any)
		fprintf(f, "  none yet: midback program --test\n");
}
