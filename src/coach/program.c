/*
 * program.c -- the program over weeks, joined to the store. See
 * coach/program.h.
 */
#include <stdlib.h>
#include <string.h>

#include "coach/program.h"
#include "core/date.h"
#include "core/xmalloc.h"
#include "sys/clock.h"

/* The history as the core's program reads it; owned arrays. */
struct input {
	struct program_input	 in;
	struct program_session	*sessions;
	struct program_item	*items;
	struct program_pain	*pains;
	struct program_result	*results;
};

static int
by_day(const void *a, const void *b)
{
	const struct program_pain	*x = a, *y = b;

	return (x->day < y->day ? -1 : x->day > y->day);
}

/*
 * Sessions by local day, keeping their time order within a day: an
 * insertion sort, stable and quick on what is nearly in order already.
 */
static void
sessions_by_day(struct program_session *v, size_t n)
{
	struct program_session	tmp;
	size_t			i, j;

	for (i = 1; i < n; i++) {
		tmp = v[i];
		for (j = i; j > 0 && v[j - 1].day > tmp.day; j--)
			v[j] = v[j - 1];
		v[j] = tmp;
	}
}

static void
input_build(struct input *x, const struct store_phistory *h,
    const struct store_program_data *d)
{
	const struct store_psession	*hs;
	size_t				 i, np = 0;

	memset(x, 0, sizeof *x);
	x->sessions = xcalloc(h->nsessions + 1, sizeof *x->sessions);
	x->items = xcalloc(h->nitems + 1, sizeof *x->items);
	x->pains = xcalloc(h->npains + 1, sizeof *x->pains);
	x->results = xcalloc(d->ntests + 1, sizeof *x->results);
	for (i = 0; i < h->nitems; i++) {
		x->items[i].exercise = h->items[i].exercise;
		x->items[i].feel = h->items[i].feel;
	}
	for (i = 0; i < h->nsessions; i++) {
		hs = &h->sessions[i];
		x->sessions[i].day = date_of_ms(hs->started_ms, hs->tz_min);
		x->sessions[i].active = hs->active;
		x->sessions[i].items = &x->items[hs->first];
		x->sessions[i].nitems = hs->n;
	}
	for (i = 0; i < h->npains; i++)
		if (h->pains[i].pain >= 0 && h->pains[i].pain <= 10)
			x->pains[np++] = (struct program_pain){
			    date_of_ms(h->pains[i].at_ms, h->pains[i].tz_min),
			    h->pains[i].pain };
	for (i = 0; i < d->ntests; i++)
		x->results[i] = (struct program_result){
		    date_of_ms(d->tests[i].at_ms, d->tests[i].tz_min),
		    (enum program_test)d->tests[i].test, d->tests[i].value,
		    d->tests[i].extra };
	/* By day: local days of instants in time order may step back. */
	sessions_by_day(x->sessions, h->nsessions);
	qsort(x->pains, np, sizeof *x->pains, by_day);
	x->in.sessions = x->sessions;
	x->in.nsessions = h->nsessions;
	x->in.pains = x->pains;
	x->in.npains = np;
	x->in.results = x->results;
	x->in.nresults = d->ntests;
}

static void
input_release(struct input *x)
{
	free(x->sessions);
	free(x->items);
	free(x->pains);
	free(x->results);
}

int
coach_program_status(struct coach *c, long today, struct coach_program *out,
    char **err)
{
	struct store_phistory	h;
	struct store_program	p;
	struct input		x;
	int64_t			from = INT64_MIN;

	memset(out, 0, sizeof *out);
	memset(&p, 0, sizeof p);
	memset(&h, 0, sizeof h);
	if (c->store != NULL) {
		if (store_program_get(c->store, &p, err) != 0)
			return (-1);
		if (store_selftests(c->store, &out->results, err) != 0)
			return (-1);
		/* From two weeks (and a day for time zones) before it. */
		if (p.set)
			from = (p.start_day - 2 * PROGRAM_REVIEW_DAYS - 1) *
			    86400000LL;
		if (store_program_history(c->store, from, &h, err) != 0) {
			store_program_data_release(&out->results);
			return (-1);
		}
	}
	input_build(&x, &h, &out->results);
	out->set = p.set;
	x.in.start_day = p.set ? p.start_day : p.has_first &&
	    p.first_day < today ? p.first_day : today;
	x.in.start_phase = p.set ? (enum program_phase)p.start_phase :
	    PROGRAM_BREATHING;
	program_run(c->catalog, &x.in, today, &out->st);
	input_release(&x);
	store_phistory_release(&h);
	return (0);
}

void
coach_program_release(struct coach_program *cp)
{
	program_release(&cp->st);
	store_program_data_release(&cp->results);
	memset(cp, 0, sizeof *cp);
}

static int
need_store(struct coach *c, char **err)
{
	if (c->store != NULL)
		return (0);
	*err = xstrdup("no store to keep it in");
	return (-1);
}

int
coach_program_start(struct coach *c, int phase, char **err)
{
	int64_t	now = clock_wall_ms(c->clock);

	if (need_store(c, err) != 0)
		return (-1);
	if (phase < 0 || phase >= PROGRAM_NPHASES) {
		*err = xasprintf("no phase %d", phase);
		return (-1);
	}
	return (store_program_set(c->store, clock_today(c->clock), phase, now,
	    err));
}

int
coach_selftest_save(struct coach *c, enum program_test t, int value,
    int extra, char **err)
{
	struct store_selftest	r;

	if (need_store(c, err) != 0)
		return (-1);
	if (!program_result_valid(t, value, extra)) {
		*err = xstrdup("not a complete self-test result");
		return (-1);
	}
	memset(&r, 0, sizeof r);
	r.at_ms = clock_wall_ms(c->clock);
	r.tz_min = clock_tz_min(c->clock, r.at_ms);
	r.test = t;
	r.value = value;
	r.extra = extra;
	return (store_selftest_add(c->store, &r, err));
}

int
coach_program_line(struct coach *c, long day, char *buf, size_t len,
    char **err)
{
	struct coach_program	cp;

	if (coach_program_status(c, day, &cp, err) != 0)
		return (-1);
	program_plan_line(&cp.st, buf, len);
	coach_program_release(&cp);
	return (0);
}

int
coach_program_apply(struct coach *c, struct plan_opts *o,
    struct plan_hint *h, char ***aside, size_t *naside, char *line,
    size_t len, char **err)
{
	struct coach_program	  cp;
	const char		**ids;
	size_t			  n, i;

	memset(h, 0, sizeof *h);
	if (coach_program_status(c, o->day, &cp, err) != 0)
		return (-1);
	program_hint(&cp.st, h);
	if (line != NULL)
		program_plan_line(&cp.st, line, len);
	n = program_replaced(&cp.st, c->catalog, o, &ids);
	if (n > 0) {
		*aside = xreallocarray(*aside, *naside + n + 1,
		    sizeof **aside);
		for (i = 0; i < n; i++)
			(*aside)[(*naside)++] = xstrdup(ids[i]);
	}
	free(ids);
	o->excluded = (const char *const *)*aside;
	o->nexcluded = *naside;
	o->hint = h;
	coach_program_release(&cp);
	return (0);
}
