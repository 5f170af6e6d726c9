/*
 * stats.c -- streaks, adherence, weekly totals, the pain trend, favourites
 * and the set-aside list, from rows the caller read.
 *
 * Every figure is one pass over the rows into buckets indexed by day:
 * the streaks mark the counting days in a byte per day and walk the runs
 * (sorting the days instead when they are sparse), adherence and the
 * windows add into a bucket each. Nothing is quadratic; ten years of
 * daily rows take well under a millisecond.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "stats.h"
#include "xmalloc.h"

#define DAY_MS		86400000LL

static int
nonneg(int v)
{
	return (v < 0 ? 0 : v);
}

int
stats_feel(const struct stats_exercise *e, double *score)
{
	int64_t	good, fair, bad;

	good = nonneg(e->good);
	fair = nonneg(e->fair);
	bad = nonneg(e->bad);
	if (good + fair + bad == 0) {
		*score = 0;
		return (0);
	}
	*score = (double)(2 * good + fair) / (double)(good + fair + bad);
	return (1);
}

static int
cmp_str(const void *a, const void *b)
{
	return (strcmp(*(const char *const *)a, *(const char *const *)b));
}

/* One candidate of stats_rank(). */
struct rank_item {
	const struct stats_exercise	*e;
	size_t				 idx;
	int64_t				 points;	/* 2 * good + fair */
	int64_t				 rated;		/* good + fair + bad */
};

static int
cmp_rank(const void *va, const void *vb)
{
	const struct rank_item	*a = va, *b = vb;
	double			 l, r;
	int			 c;

	if ((a->rated > 0) != (b->rated > 0))
		return (a->rated > 0 ? -1 : 1);
	/*
	 * Compare points / rated as a cross product, in double: exact while
	 * each product is below 2^53, that is for counts below about 60
	 * million ratings, far beyond a lifetime of daily sessions.
	 */
	if (a->rated > 0) {
		l = (double)a->points * (double)b->rated;
		r = (double)b->points * (double)a->rated;
		if (l != r)
			return (l > r ? -1 : 1);
	}
	if (a->e->done != b->e->done)
		return (a->e->done > b->e->done ? -1 : 1);
	if ((c = strcmp(a->e->id, b->e->id)) != 0)
		return (c);
	return (a->idx < b->idx ? -1 : a->idx > b->idx);
}

size_t
stats_rank(const struct stats_exercise *exs, size_t n,
    const struct stats_flag *flags, size_t nflags, int64_t now_ms,
    size_t *order)
{
	const char		**aside, *id;
	struct rank_item	 *items;
	size_t			  i, naside = 0, nitems = 0;

	aside = xcalloc(nflags, sizeof *aside);
	for (i = 0; i < nflags; i++)
		if (flags[i].until_ms > now_ms)
			aside[naside++] = flags[i].id;
	qsort(aside, naside, sizeof *aside, cmp_str);

	items = xcalloc(n, sizeof *items);
	for (i = 0; i < n; i++) {
		if (exs[i].done < 1)
			continue;
		id = exs[i].id;
		if (bsearch(&id, aside, naside, sizeof *aside, cmp_str) != NULL)
			continue;
		items[nitems].e = &exs[i];
		items[nitems].idx = i;
		items[nitems].points = 2 * (int64_t)nonneg(exs[i].good) +
		    nonneg(exs[i].fair);
		items[nitems].rated = (int64_t)nonneg(exs[i].good) +
		    nonneg(exs[i].fair) + nonneg(exs[i].bad);
		nitems++;
	}
	qsort(items, nitems, sizeof *items, cmp_rank);
	for (i = 0; i < nitems; i++)
		order[i] = items[i].idx;

	free(items);
	free(aside);
	return (nitems);
}

static int
cmp_day(const void *va, const void *vb)
{
	long	a = *(const long *)va, b = *(const long *)vb;

	return (a < b ? -1 : a > b);
}

/* What the walk over the runs of counting days keeps. */
struct scan {
	long			today;
	struct stats_streak	longest;	/* the latest of equal ones */
	struct stats_streak	at_today;	/* the run holding today */
	struct stats_streak	at_yesterday;
};

/* One run of consecutive counting days; runs come in order of days. */
static void
scan_run(struct scan *sc, long first, long last)
{
	struct stats_streak	run;

	run.first = first;
	run.last = last;
	run.days = (int)(last - first + 1);
	if (run.days >= sc->longest.days)
		sc->longest = run;
	if (first <= sc->today && sc->today <= last)
		sc->at_today = run;
	if (first <= sc->today - 1 && sc->today - 1 <= last)
		sc->at_yesterday = run;
}

/*
 * The current and longest streaks of the counting days. Usually the days
 * span not much more than there are rows, and a byte per day of the span
 * finds the runs in linear time; sparse days far apart (a row from years
 * ago) are sorted instead, so memory stays bounded by the rows.
 */
static void
streaks(const struct stats_input *in, struct stats *st)
{
	struct scan	 sc;
	unsigned char	*seen;
	long		*days, lo = 0, hi = 0, first;
	size_t		 i, j, n = 0, span;

	memset(&sc, 0, sizeof sc);
	sc.today = in->today;
	days = xcalloc(in->nacts, sizeof *days);
	for (i = 0; i < in->nacts; i++) {
		if (!in->acts[i].counts)
			continue;
		days[n] = date_of_ms(in->acts[i].start_ms, in->acts[i].tz_min);
		if (n == 0 || days[n] < lo)
			lo = days[n];
		if (n == 0 || days[n] > hi)
			hi = days[n];
		n++;
	}

	span = n == 0 ? 0 : (size_t)((unsigned long)(hi - lo) + 1);
	if (n > 0 && span <= 8 * n + 1024) {
		seen = xcalloc(span, 1);
		for (i = 0; i < n; i++)
			seen[days[i] - lo] = 1;
		for (i = 0; i < span; i = j) {
			if (!seen[i]) {
				j = i + 1;
				continue;
			}
			for (j = i + 1; j < span && seen[j]; j++)
				/* nothing */;
			scan_run(&sc, lo + (long)i, lo + (long)j - 1);
		}
		free(seen);
	} else {
		qsort(days, n, sizeof *days, cmp_day);
		for (i = 0; i < n; i = j) {
			first = days[i];
			for (j = i + 1; j < n; j++)
				if (days[j] > days[j - 1] + 1)
					break;
			scan_run(&sc, first, days[j - 1]);
		}
	}
	free(days);

	st->longest = sc.longest;
	st->current = sc.at_today.days > 0 ? sc.at_today : sc.at_yesterday;
}

/* Adherence and the weekly windows: one pass into day buckets. */
static void
buckets(const struct stats_input *in, struct stats *st)
{
	int64_t		 adh[STATS_ADHERENCE_DAYS] = { 0 };
	int64_t		*secs, m;
	double		*pain;
	long		 d, back, span;
	size_t		 i, w, nw = st->nweeks;
	int		 s;

	secs = xcalloc(nw, sizeof *secs);
	pain = xcalloc(nw, sizeof *pain);
	span = 7 * (long)nw;
	for (w = 0; w < nw; w++)
		st->weeks[w].first = in->today - 7 * (long)(nw - w) + 1;

	for (i = 0; i < in->nacts; i++) {
		d = date_of_ms(in->acts[i].start_ms, in->acts[i].tz_min);
		if (d > in->today)
			continue;
		back = in->today - d;
		s = nonneg(in->acts[i].active_s);
		if (back < STATS_ADHERENCE_DAYS)
			adh[back] += s;
		if (back >= span)
			continue;
		w = nw - 1 - (size_t)(back / 7);
		secs[w] += s;
		if (!in->acts[i].counts)
			continue;
		if (in->acts[i].kind == STATS_ROUTINE)
			st->weeks[w].sessions++;
		else if (in->acts[i].kind == STATS_BREAK)
			st->weeks[w].breaks++;
	}
	for (i = 0; i < STATS_ADHERENCE_DAYS; i++)
		if (adh[i] >= STATS_ADHERENCE_S)
			st->adherence++;

	for (i = 0; i < in->npains; i++) {
		if (in->pains[i].pain < 0 || in->pains[i].pain > 10)
			continue;
		d = date_of_ms(in->pains[i].at_ms, in->pains[i].tz_min);
		if (d > in->today || in->today - d >= span)
			continue;
		w = nw - 1 - (size_t)((in->today - d) / 7);
		pain[w] += in->pains[i].pain;
		st->weeks[w].npain++;
	}

	for (w = 0; w < nw; w++) {
		m = secs[w] / 60;
		st->weeks[w].minutes = m > INT_MAX ? INT_MAX : (int)m;
		if (st->weeks[w].npain > 0)
			st->weeks[w].pain_mean = pain[w] / st->weeks[w].npain;
	}
	free(pain);
	free(secs);
}

/* The pain change: last window with ratings minus the first. */
static void
pain_change(struct stats *st)
{
	size_t	w, first = st->nweeks, last = st->nweeks;

	for (w = 0; w < st->nweeks; w++) {
		if (st->weeks[w].npain == 0)
			continue;
		if (first == st->nweeks)
			first = w;
		last = w;
	}
	if (first == st->nweeks || first == last)
		return;
	st->has_pain_change = 1;
	st->pain_change = st->weeks[last].pain_mean -
	    st->weeks[first].pain_mean;
}

static int
cmp_flag_id(const void *va, const void *vb)
{
	const struct stats_flag	*a = va, *b = vb;
	int			 c;

	if ((c = strcmp(a->id, b->id)) != 0)
		return (c);
	/* The latest first, so it is the one kept. */
	return (a->until_ms > b->until_ms ? -1 : a->until_ms < b->until_ms);
}

static int
cmp_flag_until(const void *va, const void *vb)
{
	const struct stats_flag	*a = va, *b = vb;

	if (a->until_ms != b->until_ms)
		return (a->until_ms < b->until_ms ? -1 : 1);
	return (strcmp(a->id, b->id));
}

/* The flags in force now, one per id, soonest to end first. */
static void
set_aside(const struct stats_input *in, struct stats *st)
{
	struct stats_flag	*f;
	size_t			 i, n = 0, kept = 0;

	f = xcalloc(in->nflags, sizeof *f);
	for (i = 0; i < in->nflags; i++)
		if (in->flags[i].until_ms > in->now_ms)
			f[n++] = in->flags[i];
	qsort(f, n, sizeof *f, cmp_flag_id);
	for (i = 0; i < n; i++)
		if (kept == 0 || strcmp(f[kept - 1].id, f[i].id) != 0)
			f[kept++] = f[i];
	qsort(f, kept, sizeof *f, cmp_flag_until);
	st->aside = f;
	st->naside = kept;
}

int
stats_compute(const struct stats_input *in, struct stats *st)
{
	size_t	*order, n;

	if (in->weeks < 1 || in->weeks > STATS_WEEKS_MAX)
		return (-1);
	memset(st, 0, sizeof *st);

	streaks(in, st);

	st->nweeks = (size_t)in->weeks;
	st->weeks = xcalloc(st->nweeks, sizeof *st->weeks);
	buckets(in, st);
	pain_change(st);

	order = xcalloc(in->nexs, sizeof *order);
	n = stats_rank(in->exs, in->nexs, in->flags, in->nflags, in->now_ms,
	    order);
	st->nfavourites = n < STATS_FAVOURITES ? n : STATS_FAVOURITES;
	memcpy(st->favourites, order, st->nfavourites * sizeof *order);
	free(order);

	set_aside(in, st);
	return (0);
}

void
stats_release(struct stats *st)
{
	free(st->weeks);
	free(st->aside);
	memset(st, 0, sizeof *st);
}
