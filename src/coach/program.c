/*
 * program.c -- the program over weeks, joined to the store. See
 * coach/program.h.
 */
#include <stdlib.h>
#include <string.h>

#include "coach/program.h"
#include "core/nextday.h"
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
	for (i = 0; i < d->ntests; i++) {
		store_selftest_result(&d->tests[i], &x->results[i]);
		x->results[i].day = date_of_ms(d->tests[i].at_ms,
		    d->tests[i].tz_min);
	}
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

/*
 * The replay is kept at the start of the day this many days before
 * today (or the day asked about, if earlier): today's and yesterday's
 * sessions may still be recorded, and would drop a later one at once.
 */
#define MARK_LAG	2

/* What coach_program_status() reads, and where its replay may begin. */
struct load {
	const struct catalog		*catalog;
	long				 today;
	long				 now;	/* the clock's today */
	int				 full;	/* every review wanted */
	int				 ignore; /* the kept replay */
	struct program_input		 in;	/* the start only */
	int				 kept;	/* a replay is kept */
	long				 kept_day;
	int				 fits;	/* cp decoded, and fits */
	struct program_checkpoint	 cp;
};

/* The local midnight of day, less a day for time zones, in ms. */
static int64_t
day_ms(long day)
{
	return ((int64_t)(day - 1) * 86400000);
}

/* The day at whose start the replay would be kept now. */
static long
mark_day(const struct load *l)
{
	return ((l->now < l->today ? l->now : l->today) - MARK_LAG);
}

/*
 * Whether to keep the replay at the start of mark_day(): when none is
 * kept, when the one kept is a week or more older, or when it is of no
 * use (another catalog or version, or kept for a day after today)
 * unless this is a look at a day before the clock's today.
 */
static int
mark_due(const struct load *l)
{
	long	day = mark_day(l);

	if (day <= l->in.start_day)
		return (0);
	if (l->fits)
		return (day >= l->cp.day + PROGRAM_REVIEW_DAYS);
	return (!l->kept || l->kept_day <= l->today || l->today >= l->now);
}

/*
 * store_pfrom: the program's start, and the kept replay if it fits
 * (its reviews too if every review is wanted, or it is to be kept
 * again); then the history from two weeks before where the replay
 * begins.
 */
static int64_t
load_from(void *arg, const struct store_program *p,
    const struct store_pmark *m, int *reviews)
{
	struct load	*l = arg;

	/* With no start set, the program began with the first session. */
	l->in.start_day = p->set ? p->start_day : p->has_first &&
	    p->first_day < l->today ? p->first_day : l->today;
	l->in.start_phase = p->set ? (enum program_phase)p->start_phase :
	    PROGRAM_BREATHING;
	if (m->data != NULL) {
		l->kept = 1;
		l->kept_day = m->day;
		if (!l->ignore && program_checkpoint_decode(l->catalog,
		    m->data, &l->cp) == 0 && program_checkpoint_fits(
		    l->catalog, &l->cp, &l->in, l->today))
			l->fits = 1;
		else
			program_checkpoint_release(&l->cp);
	}
	if (l->fits) {
		*reviews = l->full || mark_due(l);
		return (day_ms(l->cp.day - PROGRAM_LOOKBACK));
	}
	return (p->set ? day_ms(l->in.start_day - PROGRAM_LOOKBACK) :
	    INT64_MIN);
}

/*
 * The program on today into *out, as coach_program_status(), but with
 * only the reviews since the kept replay unless full.
 */
static int
program_status(struct coach *c, long today, int full,
    struct coach_program *out, char **err)
{
	struct store_phistory		 h;
	struct store_program		 p;
	struct program_checkpoint	 next;
	struct load			 l;
	struct input			 x;
	int64_t				 stamp = 0;
	char				*text, *reviews = NULL, *ignored = NULL;

	memset(out, 0, sizeof *out);
	memset(&p, 0, sizeof p);
	memset(&h, 0, sizeof h);
	memset(&l, 0, sizeof l);
	l.catalog = c->catalog;
	l.today = today;
	l.now = clock_today(c->clock);
	l.full = full;
	if (c->store == NULL)
		l.in.start_day = today;
	else if (store_selftests(c->store, &out->results, err) != 0)
		return (-1);
	while (c->store != NULL) {
		if (store_program_load(c->store, load_from, &l, &p, &h,
		    &reviews, &stamp, err) != 0) {
			program_checkpoint_release(&l.cp);
			store_program_data_release(&out->results);
			return (-1);
		}
		if (!l.fits || reviews == NULL ||
		    program_checkpoint_reviews(&l.cp, reviews) == 0)
			break;
		/* Reviews that do not fit: replay it all instead. */
		program_checkpoint_release(&l.cp);
		store_phistory_release(&h);
		free(reviews);
		reviews = NULL;
		l.fits = 0;
		l.ignore = 1;
	}
	free(reviews);
	input_build(&x, &h, &out->results);
	out->set = p.set;
	x.in.start_day = l.in.start_day;
	x.in.start_phase = l.in.start_phase;
	if (c->store != NULL && mark_due(&l) &&
	    (!l.fits || l.cp.reviews_before == 0)) {
		program_checkpoint(c->catalog, &x.in, l.fits ? &l.cp : NULL,
		    mark_day(&l), &next);
		program_run_from(c->catalog, &x.in, &next, today, &out->st);
		/* Only a saving: a replay not kept changes no decision. */
		text = program_checkpoint_encode(&next, &reviews);
		if (reviews != NULL && store_program_mark(c->store, stamp,
		    next.day, text, reviews, &ignored) == -1)
			free(ignored);
		free(text);
		free(reviews);
		program_checkpoint_release(&next);
	} else
		program_run_from(c->catalog, &x.in, l.fits ? &l.cp : NULL,
		    today, &out->st);
	program_checkpoint_release(&l.cp);
	input_release(&x);
	store_phistory_release(&h);
	return (0);
}

int
coach_program_status(struct coach *c, long today, struct coach_program *out,
    char **err)
{
	return (program_status(c, today, 1, out, err));
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
    int extra, int more, char **err)
{
	return (coach_selftest_save_by(c, t, value, extra, more, "manual",
	    err));
}

int
coach_selftest_measure_ok(const char *by)
{
	return (by != NULL && store_name_find(store_measured_names, by) !=
	    NULL);
}

int
coach_selftest_save_by(struct coach *c, enum program_test t, int value,
    int extra, int more, const char *by, char **err)
{
	struct store_selftest	r;
	struct program_result	pr = { 0, t, value, extra, more, 0 };

	if (need_store(c, err) != 0)
		return (-1);
	if (!program_result_valid(&pr)) {
		*err = xstrdup("not a complete self-test result");
		return (-1);
	}
	memset(&r, 0, sizeof r);
	r.at_ms = clock_wall_ms(c->clock);
	r.tz_min = clock_tz_min(c->clock, r.at_ms);
	r.test = t;
	r.value = value;
	r.extra = extra;
	r.more = more;
	r.method = STORE_TEST_METHOD;
	if (!coach_selftest_measure_ok(by)) {
		*err = xasprintf("measured_by: '%s' is not manual, phone or "
		    "camera", by == NULL ? "" : by);
		return (-1);
	}
	snprintf(r.measured_by, sizeof r.measured_by, "%s", by);
	return (store_selftest_add(c->store, &r, err));
}

int
coach_program_line(struct coach *c, long day, char *buf, size_t len,
    char **err)
{
	struct coach_program	cp;

	if (program_status(c, day, 0, &cp, err) != 0)
		return (-1);
	program_plan_line(&cp.st, buf, len);
	coach_program_release(&cp);
	return (0);
}

int
coach_program_apply(struct coach *c, struct plan_opts *o,
    struct plan_hint *h, struct plan_hint *lower, char ***aside, size_t *naside, char *line,
    size_t len, char **err)
{
	struct coach_program	  cp;
	const char		**ids;
	size_t			  n, i;
	long			  held;
	int			  down;
	char			 *hold;

	memset(h, 0, sizeof *h);
	if (lower != NULL)
		memset(lower, 0, sizeof *lower);
	/* The next day counts: a worse answer or a hold (nextday.c). */
	if (coach_nextday_plan(c, o->day, &down, &held, err) != 0)
		return (-1);
	/* A hold keeps the program as it was on the day it began. */
	if (program_status(c, held >= 0 ? held : o->day, 0, &cp, err) != 0)
		return (-1);
	program_hint(&cp.st, h);
	if (down && lower != NULL) {
		program_hint(&cp.st, lower);
		nextday_step_down(&cp.st, lower);
	} else if (down)
		nextday_step_down(&cp.st, h);
	if (line != NULL)
		program_plan_line(&cp.st, line, len);
	if (line != NULL && held >= 0) {
		hold = coach_nextday_hold_words();
		n = strlen(line);
		snprintf(line + n, len - n, " %s", hold);
		free(hold);
	}
	n = program_replaced(&cp.st, c->catalog, o, &ids);
	if (n > 0) {
		*aside = xreallocarray(*aside, *naside + n + 1,
		    sizeof **aside);
		for (i = 0; i < n; i++)
			(*aside)[(*naside)++] = xstrdup(ids[i]);
	}
	free(ids);
	/* A harder variant waits until the program unlocks it. */
	n = program_locked(&cp.st, c->catalog, &ids);
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
