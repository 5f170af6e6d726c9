/*
 * output-program.c -- the self-tests' trends as text and JSON. See
 * output-program.h.
 */
#include <stdio.h>

#include "coach/program.h"
#include "core/date.h"
#include "core/program.h"
#include "output-program.h"

static const char *const move_names[] = {
	"start", "hold", "advance", "back"
};

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

json_t *
output_program_json(const struct coach_program *cp, const struct catalog *cat)
{
	const struct program_state	*st = &cp->st;
	const struct program_level	*lv;
	const char			*to;
	json_t				*j, *rev, *exs, *phases;
	char				 day[DATE_BUFSZ], next[160];
	char				 line[512];
	size_t				 i;

	rev = json_array();
	for (i = 0; i < st->nreviews; i++) {
		date_format(st->reviews[i].day, day);
		json_array_append_new(rev, json_pack("{s:s, s:s, s:s, s:s}",
		    "date", day, "move", move_names[st->reviews[i].move],
		    "phase", program_phase_name(st->reviews[i].phase), "why",
		    st->reviews[i].why));
	}
	exs = json_array();
	for (i = 0; i < st->nlevels; i++) {
		lv = &st->levels[i];
		to = program_progression(cat, lv->ex);
		program_next_step(st, cat, lv, next, sizeof next);
		json_array_append_new(exs, json_pack("{s:s, s:i, s:i, s:i, "
		    "s:b, s:o, s:s}", "id", lv->ex->id, "level", lv->level,
		    "levels", PROGRAM_LEVELS, "fine_in_a_row", lv->row,
		    "unlocked", lv->unlocked, "variant", to == NULL ?
		    json_null() : json_string(to), "next", next));
	}
	program_plan_line(st, line, sizeof line);
	j = json_object();
	date_format(st->start_day, day);
	json_object_set_new(j, "start", json_string(day));
	json_object_set_new(j, "start_set", json_boolean(cp->set));
	json_object_set_new(j, "week", json_integer(st->week));
	json_object_set_new(j, "phase", json_string(
	    program_phase_name(st->phase)));
	json_object_set_new(j, "phase_title", json_string(
	    program_phase_title(st->phase)));
	json_object_set_new(j, "phase_number", json_integer(st->phase + 1));
	json_object_set_new(j, "phase_week", json_integer(st->phase_week));
	json_object_set_new(j, "phase_weeks", program_phase_weeks[st->phase] ?
	    json_integer(program_phase_weeks[st->phase]) : json_null());
	json_object_set_new(j, "why", json_string(program_last(st)->why));
	json_object_set_new(j, "move", json_string(
	    move_names[program_last(st)->move]));
	date_format(st->today + PROGRAM_REVIEW_DAYS - (st->today -
	    st->start_day) % PROGRAM_REVIEW_DAYS, day);
	json_object_set_new(j, "next_review", json_string(day));
	json_object_set_new(j, "last_7_days", json_pack("{s:i, s:i}",
	    "active_days", st->active7, "red_answers", st->red7));
	json_object_set_new(j, "line", json_string(line));
	phases = json_array();
	for (i = 0; i < PROGRAM_NPHASES; i++)
		json_array_append_new(phases, json_pack("{s:s, s:s, s:o}",
		    "name", program_phase_name((enum program_phase)i),
		    "title", program_phase_title((enum program_phase)i),
		    "weeks", program_phase_weeks[i] ?
		    json_integer(program_phase_weeks[i]) : json_null()));
	json_object_set_new(j, "phases", phases);
	json_object_set_new(j, "reviews", rev);
	json_object_set_new(j, "exercises", exs);
	date_format(st->next_test, day);
	json_object_set_new(j, "selftests", json_pack("{s:s, s:b, s:o, s:o}",
	    "next_due", day, "due", st->today >= st->next_test, "weakest",
	    st->weakest < 0 ? json_null() :
	    json_string(program_tests[st->weakest].id),
	    "tests", output_selftests_json(&cp->results)));
	return (j);
}
