/*
 * nextday.c -- the next-day response, for every front end: whether to
 * ask today how the back is compared with before yesterday's session,
 * storing the answer, and what the answers mean for today's plan and for
 * the program (core/nextday.h has the rules). See coach.h.
 */
#include <stdlib.h>
#include <string.h>

#include "coach/coach.h"
#include "coach/program.h"
#include "core/nextday.h"
#include "core/xmalloc.h"
#include "store/store.h"
#include "sys/clock.h"

/* The notice said once after six weeks with no improvement. */
#define NOTICE_NO_CHANGE	"no-improvement-6-weeks"
/* How far back the answers are read: all of them (one a day at most),
 * for the program's weekly reviews. */
#define NEXTDAY_READ_DAYS	36500

const char coach_nextday_question[] = "How is your back today, compared "
    "with before yesterday's session: better, the same, or worse?";

void
coach_nextday_release(struct coach_nextday *nd)
{
	free(nd->advice);
	free(nd->notice);
	free(nd->answers);
	memset(nd, 0, sizeof *nd);
	nd->answer = -1;
	nd->held_since = -1;
}

/* The answers as the core reads them, into an allocated array. */
static struct nextday_day *
days_of(const struct coach_nextday *nd)
{
	struct nextday_day	*v;
	size_t			 i;

	v = xcalloc(nd->nanswers + 1, sizeof *v);
	for (i = 0; i < nd->nanswers; i++) {
		v[i].day = nd->answers[i].day;
		v[i].answer = nd->answers[i].answer;
	}
	return (v);
}

/* The answers, today's, whether to ask, and the hold; no words. */
static int
read_state(struct coach *c, long day, struct coach_nextday *nd, char **err)
{
	struct nextday_day	*v;
	size_t			 i;
	int			 active = 0;

	memset(nd, 0, sizeof *nd);
	nd->day = day;
	nd->answer = -1;
	nd->held_since = -1;
	if (c->store == NULL)
		return (0);
	if (store_nextday_list(c->store, day - NEXTDAY_READ_DAYS, day,
	    &nd->answers, &nd->nanswers, err) == -1 ||
	    store_day_active(c->store, day - 1, &active, err) == -1)
		return (-1);
	for (i = 0; i < nd->nanswers; i++)
		if (nd->answers[i].day == day)
			nd->answer = nd->answers[i].answer;
	nd->ask = nextday_due(active, nd->answer != -1);
	v = days_of(nd);
	nd->worse7 = nextday_count(v, nd->nanswers, day - NEXTDAY_HOLD_DAYS +
	    1, day, NEXTDAY_WORSE);
	nd->held = nextday_held(v, nd->nanswers, day, &nd->held_since);
	free(v);
	return (0);
}

static void
add(char **w, char *more)
{
	char	*t;

	t = xasprintf("%s%s%s", *w != NULL ? *w : "", *w != NULL ? " " : "",
	    more);
	free(*w);
	free(more);
	*w = t;
}

/* "Yesterday Chest opener felt sharp: try Wall slide (its easier
 * option) today." for each of yesterday's exercises rated so. */
static int
easier_words(struct coach *c, long day, char **w, char **err)
{
	const struct exercise	*e, *r;
	char			**ids = NULL, *sp;
	size_t			 n = 0, i;

	if (store_ids(c->store, STORE_IDS_DAY_FEELS, (int64_t)day - 1, &ids,
	    &n, err) == -1)
		return (-1);
	for (i = 0; i < n; i++) {
		if ((sp = strchr(ids[i], ' ')) == NULL)
			continue;
		*sp++ = '\0';
		if ((e = catalog_find(c->catalog, ids[i])) == NULL)
			continue;
		r = e->regression != NULL ? catalog_find(c->catalog,
		    e->regression) : NULL;
		if (r != NULL)
			add(w, xasprintf("Yesterday %s felt %s: try %s (its "
			    "easier option) today.", e->name, strcmp(sp,
			    "sharp") == 0 ? "sharp" : "like a stretch",
			    r->name));
		else
			add(w, xasprintf("Yesterday %s felt %s: it has no "
			    "easier option, so leave it out if it bothers "
			    "you.", e->name, strcmp(sp, "sharp") == 0 ?
			    "sharp" : "like a stretch"));
	}
	store_ids_free(ids, n);
	return (0);
}

/* Whether six weeks of the program have passed with no improvement. */
static int
no_change(struct coach *c, long day, int *yes, char **err)
{
	struct coach_program	 cp;
	struct nextday_progress	 p;
	int			 first[TEST_COUNT], n[TEST_COUNT] = { 0 };
	size_t			 i;

	*yes = 0;
	if (coach_program_status(c, day, &cp, err) == -1)
		return (-1);
	memset(&p, 0, sizeof p);
	p.start_day = cp.st.start_day;
	p.today = day;
	if (day - p.start_day < NEXTDAY_REVIEW_DAYS) {
		coach_program_release(&cp);
		return (0);
	}
	/* A self-test counts once it has been done twice. */
	for (i = 0; i < cp.results.ntests; i++)
		if (cp.results.tests[i].test >= 0 &&
		    cp.results.tests[i].test < TEST_COUNT)
			n[cp.results.tests[i].test]++;
	for (i = 0; i < TEST_COUNT; i++)
		first[i] = n[i] >= 2 ? cp.st.first[i] : -1;
	p.first = first;
	p.latest = cp.st.latest;
	p.ntests = TEST_COUNT;
	if (store_pain_mean(c->store, p.start_day, p.start_day +
	    PROGRAM_REVIEW_DAYS - 1, &p.pain_first10, &p.npain_first,
	    err) == -1 ||
	    store_pain_mean(c->store, day - PROGRAM_REVIEW_DAYS, day - 1,
	    &p.pain_last10, &p.npain_last, err) == -1) {
		coach_program_release(&cp);
		return (-1);
	}
	*yes = nextday_no_change(&p);
	coach_program_release(&cp);
	return (0);
}

char *
coach_nextday_hold_words(void)
{
	return (xasprintf("Your back was worse the next day %d times in %d "
	    "days, so the program holds where it was, at lower doses. Please "
	    "see a clinician before you build up again.", NEXTDAY_HOLD_WORSE,
	    NEXTDAY_HOLD_DAYS));
}

int
coach_nextday(struct coach *c, long day, struct coach_nextday *nd,
    char **err)
{
	int64_t	said = 0;
	int	none = 0;

	if (read_state(c, day, nd, err) == -1) {
		coach_nextday_release(nd);
		return (-1);
	}
	if (c->store == NULL)
		return (0);
	if (nd->answer == NEXTDAY_WORSE) {
		nd->advice = xstrdup("Your back is worse than before "
		    "yesterday's session, so today's doses are one step "
		    "lower.");
		if (easier_words(c, day, &nd->advice, err) == -1)
			goto fail;
	}
	if (nd->held)
		add(&nd->advice, coach_nextday_hold_words());
	if (no_change(c, day, &none, err) == -1 ||
	    store_notice_get(c->store, NOTICE_NO_CHANGE, &said, err) == -1)
		goto fail;
	nd->no_change = none;
	if (none)
		nd->notice = xasprintf("After %d weeks of the program, neither "
		    "your pain nor your self-tests have improved. Please see "
		    "a clinician: your back may need something this program "
		    "cannot give.", NEXTDAY_REVIEW_DAYS / 7);
	nd->notice_due = none && said == 0;
	return (0);
fail:
	coach_nextday_release(nd);
	return (-1);
}

int
coach_nextday_save(struct coach *c, long day, int answer, char **err)
{
	struct coach_nextday	nd;
	int64_t			now = clock_wall_ms(c->clock);
	int			r;

	if (answer < 0 || answer >= NEXTDAY_NANSWERS) {
		*err = xstrdup("expected better, same or worse, or none to "
		    "skip");
		return (-1);
	}
	if (read_state(c, day, &nd, err) == -1)
		return (-1);
	r = nd.answer != -1 ? 2 : nd.ask;
	coach_nextday_release(&nd);
	if (r != 1) {
		*err = xstrdup(r == 2 ? "today's next-day question is "
		    "answered already" : "there is no next-day question today");
		return (1);
	}
	if ((r = store_nextday_add(c->store, day, now, clock_tz_min(c->clock,
	    now), answer, err)) == 1)
		*err = xstrdup("today's next-day question is answered already");
	return (r);
}

int
coach_nextday_noticed(struct coach *c, char **err)
{
	if (c->store == NULL)
		return (0);
	return (store_notice_set(c->store, NOTICE_NO_CHANGE,
	    clock_wall_ms(c->clock), err));
}

int
coach_nextday_plan(struct coach *c, long day, int *down, long *held_since,
    char **err)
{
	struct coach_nextday	nd;

	*down = 0;
	*held_since = -1;
	if (read_state(c, day, &nd, err) == -1) {
		coach_nextday_release(&nd);
		return (-1);
	}
	*down = nd.answer == NEXTDAY_WORSE || nd.held;
	*held_since = nd.held ? nd.held_since : -1;
	coach_nextday_release(&nd);
	return (0);
}
