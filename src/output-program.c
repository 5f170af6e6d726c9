/*
 * output-program.c -- the self-tests' trends as text and JSON. See
 * output-program.h.
 */
#include <stdio.h>

#include "core/date.h"
#include "core/program.h"
#include "output-program.h"

json_t *
output_selftests_json(const struct store_program_data *d)
{
	const struct store_selftest	*r;
	json_t				*a, *res;
	char				 day[DATE_BUFSZ], at[DATE_ISO_BUFSZ];
	char				 text[64];
	size_t				 i;
	int				 t;

	a = json_array();
	for (t = 0; t < TEST_COUNT; t++) {
		res = json_array();
		for (i = 0; i < d->ntests; i++) {
			r = &d->tests[i];
			if (r->test != t)
				continue;
			date_format(date_of_ms(r->at_ms, r->tz_min), day);
			date_iso(r->at_ms, r->tz_min, 0, at);
			program_result_describe(t, r->value, r->extra, text,
			    sizeof text);
			json_array_append_new(res, json_pack("{s:s, s:s, s:o, "
			    "s:o, s:i, s:s}", "date", day, "at", at,
			    "value", r->value < 0 ? json_null() :
			    json_integer(r->value),
			    "extra", r->extra < 0 ? json_null() :
			    json_integer(r->extra),
			    "score", program_test_score(t, r->value, r->extra),
			    "text", text));
		}
		json_array_append_new(a, json_pack("{s:s, s:s, s:o}", "test",
		    program_tests[t].id, "name", program_tests[t].name,
		    "results", res));
	}
	return (a);
}

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
