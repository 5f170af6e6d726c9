/*
 * output-program.c -- the self-tests' trends as text and JSON. See
 * output-program.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coach/doc.h"
#include "coach/program.h"
#include "core/date.h"
#include "core/program.h"
#include "cli/output-program.h"

static const char *
change_word(int s0, int s1)
{
	return (s1 > s0 ? "better" : s1 < s0 ? "less" : "the same");
}

/* One test's trend: first and latest, each side on its own line. */
static void
test_text(const struct program_test_def *d, enum program_test t,
    const struct store_selftest *first, const struct store_selftest *last,
    size_t n, size_t earlier, FILE *f)
{
	struct program_result	 a, b;
	const char		*unit = d->q[0].unit != NULL ? d->q[0].unit :
				    "of 3";
	char			 ta[96], tb[96], d0[DATE_BUFSZ], d1[DATE_BUFSZ];
	int			 s0, s1;

	store_selftest_result(first, &a);
	store_selftest_result(last, &b);
	program_result_describe(&a, ta, sizeof ta);
	program_result_describe(&b, tb, sizeof tb);
	s0 = program_result_score(&a);
	s1 = program_result_score(&b);
	date_format(date_of_ms(first->at_ms, first->tz_min), d0);
	date_format(date_of_ms(last->at_ms, last->tz_min), d1);
	if (n == 1)
		fprintf(f, "  %-28s %s: %d%% of the reference (%s), %s\n",
		    d->name, tb, s1,
		    d->reference, d1);
	else if (!d->sides)
		fprintf(f, "  %-28s %s -> %s (%d%% -> %d%% of the reference, "
		    "%s: %s), %zu "
		    "results, latest %s\n", d->name, ta, tb, s0, s1,
		    d->reference, change_word(s0, s1), n, d1);
	else {
		fprintf(f, "  %-28s %zu results, %s to %s\n", d->name, n, d0,
		    d1);
		fprintf(f, "    %-6s %2d -> %2d %s (%d%% -> %d%%)\n", "left",
		    a.value, b.value, unit, program_side_score(t, a.value),
		    program_side_score(t, b.value));
		fprintf(f, "    %-6s %2d -> %2d %s (%d%% -> %d%%)\n", "right",
		    a.extra, b.extra, unit, program_side_score(t, a.extra),
		    program_side_score(t, b.extra));
		fprintf(f, "    %-6s %2d -> %2d\n", "apart",
		    abs(a.value - a.extra), abs(b.value - b.extra));
		if (b.more >= 0)
			fprintf(f, "    %-6s %s\n", "latest", tb);
		fprintf(f, "    %-6s %d%% -> %d%% of the reference (%s): %s\n",
		    "score", s0,
		    s1, d->reference, change_word(s0, s1));
	}
	/* How the latest was measured, when not typed in. */
	if (last->measured_by[0] != '\0' &&
	    strcmp(last->measured_by, "manual") != 0)
		fprintf(f, "    the latest measured by the %s\n",
		    last->measured_by);
	if (earlier > 0)
		fprintf(f, "    and %zu result%s of the earlier test, kept but "
		    "not compared\n", earlier, earlier == 1 ? "" : "s");
}

void
output_selftests_text(const struct store_program_data *d, FILE *f)
{
	const struct store_selftest	*first, *last, *old;
	struct program_result		 r;
	char				 text[96];
	size_t				 i, n, earlier;
	int				 t, any = 0;

	for (t = 0; t < TEST_COUNT; t++) {
		first = last = old = NULL;
		n = earlier = 0;
		for (i = 0; i < d->ntests; i++) {
			if (d->tests[i].test != t)
				continue;
			if (d->tests[i].method != STORE_TEST_METHOD) {
				old = &d->tests[i];
				earlier++;
				continue;
			}
			if (first == NULL)
				first = &d->tests[i];
			last = &d->tests[i];
			n++;
		}
		if (last != NULL) {
			any = 1;
			test_text(&program_tests[t], (enum program_test)t,
			    first, last, n, earlier, f);
		} else if (old != NULL) {
			any = 1;
			store_selftest_result(old, &r);
			program_result_describe(&r, text, sizeof text);
			fprintf(f, "  %-28s not yet taken this way; latest of "
			    "the earlier test: %s\n", program_tests[t].name,
			    text);
		}
	}
	if (!any)
		fprintf(f, "  none yet: midback program --test\n");
}
