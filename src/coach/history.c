/*
 * history.c -- the coach's door to what the store keeps, for every front
 * end: opening the store, the history in a window of local dates, the
 * whole of it for an export, and an import. See coach.h.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "coach/coach.h"
#include "coach/export.h"
#include "core/date.h"
#include "core/xmalloc.h"
#include "sys/clock.h"

/* A little more than the widest UTC offset, either way (UTC-12..+14). */
#define HISTORY_OFFSET_MS	(15 * 3600 * 1000LL)
#define HISTORY_DAY_MS		86400000LL

enum coach_failure
coach_failure_take(void)
{
	enum store_failure	f = store_failure_take();

	return (f == STORE_FAIL_NONE ? COACH_FAIL_NONE :
	    f == STORE_FAIL_FULL ? COACH_FAIL_FULL : COACH_FAIL_OTHER);
}

int
coach_open(struct coach *c, const char *path, char **err)
{
	c->claimed = 0;
	return ((c->store = store_open(path, err)) == NULL ? -1 : 0);
}

void
coach_close(struct coach *c)
{
	coach_let_go(c);
	store_close(c->store);
	c->store = NULL;
}

int
coach_stamp(struct coach *c, int64_t *stamp, char **err)
{
	*stamp = 0;
	return (c->store == NULL ? 0 : store_stamp(c->store, stamp, err));
}

struct window {
	long	since, until;
};

static int
in_window(int64_t at_ms, int tz_min, void *arg)
{
	const struct window	*w = arg;
	long			 day = date_of_ms(at_ms, tz_min);

	return (day >= w->since && day <= w->until);
}

int
coach_history(struct coach *c, long since, long until,
    struct store_history *h, char **err)
{
	struct window	w = { since, until };
	int64_t		from = INT64_MIN, to = INT64_MAX;

	*h = (struct store_history)STORE_HISTORY_INIT;
	if (since != LONG_MIN && until != LONG_MAX && since > until) {
		*err = xstrdup("the first date is after the last");
		return (-1);
	}
	if (c->store == NULL)
		return (0);
	/* Read a little wider, then keep each entry by its own day. */
	if (since != LONG_MIN)
		from = (int64_t)since * HISTORY_DAY_MS - HISTORY_OFFSET_MS;
	if (until != LONG_MAX)
		to = ((int64_t)until + 1) * HISTORY_DAY_MS + HISTORY_OFFSET_MS;
	if (store_history(c->store, from, to, h, err) != 0)
		return (-1);
	if (since != LONG_MIN || until != LONG_MAX)
		store_history_keep(h, in_window, &w);
	return (0);
}

int
coach_export_read(struct coach *c, int program, struct coach_export *x,
    char **err)
{
	memset(x, 0, sizeof *x);
	x->h = (struct store_history)STORE_HISTORY_INIT;
	if (c->store == NULL)
		return (0);
	if (store_history(c->store, INT64_MIN, INT64_MAX, &x->h, err) != 0 ||
	    (program && store_program_read(c->store, &x->pd, err) != 0)) {
		coach_export_release(x);
		return (-1);
	}
	return (0);
}

void
coach_export_release(struct coach_export *x)
{
	store_history_release(&x->h);
	store_program_data_release(&x->pd);
}

int
coach_import_read(json_t *doc, struct coach_export *imp, char **err)
{
	memset(imp, 0, sizeof *imp);
	imp->h = (struct store_history)STORE_HISTORY_INIT;
	if (export_parse(doc, &imp->h, err) != 0 ||
	    export_parse_program(doc, &imp->pd, err) != 0) {
		coach_export_release(imp);
		return (-1);
	}
	return (0);
}

int
coach_import_add(struct coach *c, const struct coach_export *imp,
    struct coach_imported *got, char **err)
{
	memset(got, 0, sizeof *got);
	got->of[COACH_IMP_SESSIONS] = imp->h.nsessions;
	got->of[COACH_IMP_CHECKINS] = imp->h.ncheckins;
	got->of[COACH_IMP_REMINDERS] = imp->h.nreminders;
	got->of[COACH_IMP_SET_ASIDE] = imp->h.nflags;
	got->of[COACH_IMP_SELFTESTS] = imp->pd.ntests;
	got->of[COACH_IMP_ANSWERS] = imp->pd.nanswers;
	if (store_import(c->store, &imp->h, &got->n[COACH_IMP_SESSIONS],
	    &got->n[COACH_IMP_CHECKINS], &got->n[COACH_IMP_REMINDERS],
	    &got->n[COACH_IMP_SET_ASIDE], err) != 0 ||
	    store_program_import(c->store, &imp->pd,
	    &got->n[COACH_IMP_SELFTESTS], &got->n[COACH_IMP_ANSWERS],
	    err) != 0)
		return (-1);
	return (0);
}

int
coach_import(struct coach *c, json_t *doc, struct coach_imported *got,
    char **err)
{
	struct coach_export	imp;
	int			rc;

	memset(got, 0, sizeof *got);
	if (coach_import_read(doc, &imp, err) != 0)
		return (1);
	rc = coach_import_add(c, &imp, got, err);
	coach_export_release(&imp);
	return (rc);
}

int
coach_reminder(struct coach *c, const char *kind, int64_t due_ms,
    const char *outcome, char **err)
{
	int64_t	now = clock_wall_ms(c->clock);

	return (store_reminder_add(c->store, kind, due_ms, now,
	    clock_tz_min(c->clock, now), outcome, err));
}

int
coach_routine_done(struct coach *c, int64_t from_ms, int64_t to_ms,
    int *done, char **err)
{
	*done = 0;
	return (c->store == NULL ? 0 : store_routine_done(c->store, from_ms,
	    to_ms, done, err));
}
