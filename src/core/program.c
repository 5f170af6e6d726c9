/*
 * program.c -- the program over weeks: the weekly reviews, each
 * exercise's progression, the self-tests, and the planner's hint.
 *
 * Everything is replayed from the history handed in, so the state never
 * drifts from what happened: an import, or a session recorded late,
 * changes the replay and nothing else needs mending.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "dose.h"
#include "program.h"
#include "xmalloc.h"

const int program_phase_weeks[PROGRAM_NPHASES] = { 2, 3, 3, 0 };

static const char *const phase_names[PROGRAM_NPHASES] = {
	"breathing", "extension", "ribcage", "strength"
};

static const char *const phase_titles[PROGRAM_NPHASES] = {
	"breathing",
	"extension",
	"ribcage and shoulder blades",
	"rotation and side-bending strength"
};

/* What each phase gives more of, for the day's line. */
static const char *const phase_more[PROGRAM_NPHASES] = {
	"more time on slow, low breathing",
	"more time on opening the chest and upper back",
	"more time on the ribcage and shoulder blades",
	"more time on strength in turning and side bending"
};

/* How much each stage weighs when choosing, by phase. */
static const unsigned phase_weights[PROGRAM_NPHASES][STAGE_MAX + 1] = {
	{ 4, 2, 1, 1 },
	{ 1, 4, 2, 1 },
	{ 1, 2, 4, 2 },
	{ 1, 1, 2, 4 }
};

const char *
program_phase_name(enum program_phase p)
{
	return ((unsigned)p < PROGRAM_NPHASES ? phase_names[p] : "?");
}

const char *
program_phase_title(enum program_phase p)
{
	return ((unsigned)p < PROGRAM_NPHASES ? phase_titles[p] : "?");
}

int
program_phase_parse(const char *s)
{
	int	i;

	for (i = 0; i < PROGRAM_NPHASES; i++)
		if (strcmp(s, phase_names[i]) == 0)
			return (i);
	if (s[0] >= '1' && s[0] < '1' + PROGRAM_NPHASES && s[1] == '\0')
		return (s[0] - '1');
	return (-1);
}

/* The harder variant is the catalog's (`harder:`), when it is there. */
const char *
program_progression(const struct catalog *c, const struct exercise *e)
{
	const struct exercise	*h;

	if (e->harder == NULL || (h = catalog_find(c, e->harder)) == NULL)
		return (NULL);
	return (h->id);
}

/* Sessions in a row rated well, at the full dose, that unlock e's variant. */
static int
unlock_row(const struct exercise *e)
{
	return (e->unlock_after > 0 ? e->unlock_after : PROGRAM_FINE_ROW);
}

/*
 * Whether an answer counts toward the next level: fine, and for
 * stretches and mobility a stretch too, which is what they should feel
 * like.
 */
static int
counts_well(const struct exercise *e, enum session_feel f)
{
	return (f == FEEL_FINE || (f == FEEL_STRETCH &&
	    (e->kind == KIND_STRETCH || e->kind == KIND_MOBILITY)));
}

int
program_dose_steps(const struct dose *d, int level)
{
	struct prescription	rx;
	int			total = 0;

	dose_min(d, &rx);
	while (dose_grow(d, &rx, 0))
		total++;
	if (level <= 0)
		return (0);
	if (level >= PROGRAM_LEVELS)
		return (total);
	return ((total * level + PROGRAM_LEVELS - 1) / PROGRAM_LEVELS);
}

/* The self-tests: docs/selftests.md gives each one's source. */

static const char *const rotation_steps[] = {
	"You need a phone with a compass app (or a level app that shows "
	    "the heading in degrees) and a chair without arms.",
	"Sit near the front of the chair, feet flat, knees together. "
	    "Squeeze a cushion or a folded towel between your knees so the "
	    "hips keep facing forward.",
	"Hold the phone upright against your breastbone (the flat bone in "
	    "the middle of your chest), screen toward you, with your arms "
	    "crossed over it.",
	"Sit tall, look straight ahead, and note the heading.",
	"Turn your chest to the left as far as is comfortable, knees "
	    "still, head turning with the chest. Read the heading: the "
	    "change from the start is your turn (from 350 to 20 is 30).",
	"Come back to the middle. Turn three times each way, and keep the "
	    "best turn of each side.",
	NULL
};

static const char *const wall_angel_steps[] = {
	"Sit on the floor with your back to a wall, knees bent, feet flat. "
	    "Your head, upper back and sacrum (the flat bone at the base of "
	    "the spine, above the tailbone) touch the wall; the low back "
	    "keeps its own curve.",
	"Lift your elbows out to shoulder height, bent to a right angle, "
	    "forearms pointing up. Ease the forearms back toward the wall "
	    "as far as is comfortable, head, upper back and sacrum staying "
	    "on it.",
	"Score each arm by what touches the wall: 0, the elbow or the "
	    "fingertips do not; 1, the elbow and the fingertips; 2, the "
	    "elbow and the backs of the fingers; 3, the elbow, the back of "
	    "the forearm and the back of the hand.",
	"If you like, then slide both arms up the wall and back, keeping "
	    "those contacts, and count the slides until one is lost.",
	NULL
};

static const char *const extension_steps[] = {
	"This one needs a helper with a ruler or a tape measure. On your "
	    "own, leave it empty: it is asked again next time.",
	"Shoes off, stand with your heels, buttocks and upper back "
	    "touching a wall. Stand as tall as is comfortable and look "
	    "straight ahead, chin level.",
	"Your helper finds C7: the bony bump at the base of the neck that "
	    "stands out most when you bow your head. Then lift your head "
	    "back to level.",
	"The helper holds the ruler level, one end on the wall, and reads "
	    "the distance to the tip of that bump. Do it three times, "
	    "stepping away between, and keep the smallest.",
	NULL
};

static const char *const breathing_steps[] = {
	"Sit comfortably, or lie on your back, and rest a few minutes "
	    "first. Have a timer or a clock with seconds at hand.",
	"Put one hand flat on your upper chest, just below the "
	    "collarbones, and the other on your belly, just above the "
	    "navel.",
	"Breathe as you usually do, without changing it. For one whole "
	    "minute, count each breath in, and notice which hand starts to "
	    "move first as you breathe in.",
	NULL
};

static const char *const breathing_first[] = {
	"belly", "together", "chest", NULL
};

#define ROTATION_REF	45	/* degrees each way */
#define ANGEL_REF	3	/* contacts a side */
#define C7_REF_MM	75	/* C7 to the wall, at most */
#define C7_CAP		150	/* the score when C7 is this near or nearer */
#define BREATHS_REF	20	/* a minute at rest, at most */

const struct program_test_def program_tests[TEST_COUNT] = {
	[TEST_ROTATION] = { "rotation", "Seated rotation",
	    "the turn of the mid-back, each way", rotation_steps,
	    "arms-crossed-turn", "Sit as shown, arms crossed over the "
	    "phone; turn only as far as is comfortable.", 1,
	    "45 degrees each way", "Furness et al. 2018; Johnson et al. 2012",
	    {
		{ "Left: your best turn of three, in degrees (0-90)",
		    ANSWER_NUMBER, 0, 90, 0, "degrees", NULL, "left" },
		{ "Right: your best turn of three, in degrees (0-90)",
		    ANSWER_NUMBER, 0, 90, 0, "degrees", NULL, "right" },
	    }, 2 },
	[TEST_WALL_ANGEL] = { "wall-angel", "Seated wall angel",
	    "how far the arms open back with the back on the wall",
	    wall_angel_steps, "wall-angel-seated", "The first position "
	    "shown: elbows at shoulder height, forearms up.", 1,
	    "3 of 3 on each side", "Kofoed et al. 2024",
	    {
		{ "Left arm: its score (0-3)", ANSWER_NUMBER, 0, 3, 0, NULL,
		    NULL, "left" },
		{ "Right arm: its score (0-3)", ANSWER_NUMBER, 0, 3, 0, NULL,
		    NULL, "right" },
		{ "Slides with the contacts kept (0-30; empty to skip)",
		    ANSWER_NUMBER, 0, 30, 1, "slides", NULL, "slides" },
	    }, 3 },
	[TEST_EXTENSION] = { "extension", "Upper-back curve at the wall",
	    "the curve of the upper back (thoracic kyphosis), standing "
	    "tall", extension_steps, "wall-angel-standing", "Stand with "
	    "your back to the wall as shown, but with the arms down by "
	    "your sides.", 0, "7.5 cm or less", "Amatachaya et al. (C7 to wall)",
	    {
		{ "Wall to C7, the smallest of three, in whole centimetres "
		    "(1-30; empty if no one can measure it today)",
		    ANSWER_NUMBER, 1, 30, 1, "cm", NULL, "C7 to wall" },
	    }, 1 },
	[TEST_BREATHING] = { "breathing", "Breathing at rest",
	    "the rate and the pattern of breathing at rest",
	    breathing_steps, "diaphragmatic-breathing", "One hand on the "
	    "upper chest, one on the belly, as shown.", 0,
	    "20 breaths a minute or fewer, belly first",
	    "Courtney et al. 2009; NEWS2, Royal College of Physicians 2017",
	    {
		{ "How many breaths in that minute? (4-40)", ANSWER_NUMBER,
		    4, 40, 0, "breaths a minute", NULL, "breaths" },
		{ "Which hand moved first, most of the time? "
		    "(belly/together/chest)", ANSWER_CHOICE, 0, 2, 0, NULL,
		    breathing_first, "first" },
	    }, 2 },
};

int
program_test_parse(const char *id)
{
	int	i;

	for (i = 0; i < TEST_COUNT; i++)
		if (strcmp(id, program_tests[i].id) == 0)
			return (i);
	return (-1);
}

int
program_answer_parse(const struct program_question *q, const char *text,
    int *v)
{
	char	*end;
	long	 n;
	size_t	 len;
	int	 i;

	while (*text == ' ' || *text == '\t')
		text++;
	len = strlen(text);
	while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
		len--;
	if (len == 0) {
		if (!q->optional)
			return (-1);
		*v = -1;
		return (0);
	}
	switch (q->type) {
	case ANSWER_YES_PARTLY_NO:
		if ((len == 6 && strncmp(text, "partly", 6) == 0) ||
		    (len == 1 && *text == 'p')) {
			*v = 1;
			return (0);
		}
		/* FALLTHROUGH */
	case ANSWER_YES_NO:
		if ((len == 3 && strncmp(text, "yes", 3) == 0) ||
		    (len == 1 && *text == 'y'))
			*v = q->type == ANSWER_YES_NO ? 1 : 2;
		else if ((len == 2 && strncmp(text, "no", 2) == 0) ||
		    (len == 1 && *text == 'n'))
			*v = 0;
		else
			return (-1);
		return (0);
	case ANSWER_CHOICE:
		for (i = 0; q->choices[i] != NULL; i++)
			if ((strlen(q->choices[i]) == len &&
			    strncmp(text, q->choices[i], len) == 0) ||
			    (len == 1 && *text == q->choices[i][0])) {
				*v = i;
				return (0);
			}
		return (-1);
	case ANSWER_NUMBER:
		n = strtol(text, &end, 10);
		if (end == text || end != text + len || n < q->lo ||
		    n > q->hi || *text == '+' || *text == '-')
			return (-1);
		*v = (int)n;
		return (0);
	}
	return (-1);
}

static int
answer_ok(const struct program_question *q, int v)
{
	if (v == -1)
		return (q->optional);
	return (v >= q->lo && v <= q->hi);
}

/* A result of the earlier tests, as they took it. */
static int
earlier_valid(const struct program_result *r)
{
	if (r->more != -1)
		return (0);
	switch (r->test) {
	case TEST_ROTATION:	/* an angle, or else a wall mark */
		if (r->value == -1)
			return (r->extra == 0 || r->extra == 1);
		return (r->value >= 0 && r->value <= 90 &&
		    (r->extra == -1 || r->extra == 0 || r->extra == 1));
	case TEST_WALL_ANGEL:	/* no, partly, yes; reps */
		return (r->value >= 0 && r->value <= 2 &&
		    r->extra >= -1 && r->extra <= 30);
	case TEST_EXTENSION:	/* finger widths */
		return (r->value >= 0 && r->value <= 10 && r->extra == -1);
	case TEST_BREATHING:	/* belly first */
		return ((r->value == 0 || r->value == 1) && r->extra == -1);
	default:
		return (0);
	}
}

int
program_result_valid(const struct program_result *r)
{
	const struct program_test_def	*d;
	int				 v[PROGRAM_TEST_QUESTIONS], i;

	if ((unsigned)r->test >= TEST_COUNT)
		return (0);
	if (r->earlier)
		return (earlier_valid(r));
	d = &program_tests[r->test];
	v[0] = r->value;
	v[1] = r->extra;
	v[2] = r->more;
	/* An empty first answer is a test skipped, not a result. */
	if (v[0] == -1)
		return (0);
	for (i = 0; i < PROGRAM_TEST_QUESTIONS; i++)
		if (i < d->nq ? !answer_ok(&d->q[i], v[i]) : v[i] != -1)
			return (0);
	return (1);
}

/* num / den as a whole percent, rounded. */
static int
percent(long num, long den)
{
	return ((int)((200 * num + den) / (2 * den)));
}

int
program_side_score(enum program_test t, int v)
{
	switch (t) {
	case TEST_ROTATION:
		return (v < 0 ? -1 : percent(v, ROTATION_REF));
	case TEST_WALL_ANGEL:
		return (v < 0 ? -1 : percent(v, ANGEL_REF));
	default:
		return (-1);
	}
}

int
program_result_score(const struct program_result *r)
{
	int	s;

	if (r->earlier || !program_result_valid(r))
		return (-1);
	switch (r->test) {
	case TEST_ROTATION:
	case TEST_WALL_ANGEL:
		/* The stiffer side. */
		return (program_side_score(r->test, r->value <= r->extra ?
		    r->value : r->extra));
	case TEST_EXTENSION:
		/* Nearer the wall is better: the reference over the result. */
		if ((long)r->value * 10 * C7_CAP <= C7_REF_MM * 100)
			return (C7_CAP);
		return (percent(C7_REF_MM, (long)r->value * 10));
	case TEST_BREATHING:
		s = r->value <= BREATHS_REF ? 100 :
		    percent(BREATHS_REF, r->value);
		/* The chest first: a quarter off (our choice; see docs). */
		return (r->extra == 2 ? s * 3 / 4 : s);
	default:
		return (-1);
	}
}

/* A result of the earlier tests in words, as they gave it. */
static void
earlier_describe(const struct program_result *r, char *buf, size_t len)
{
	static const char *const ypn[] = { "no", "partly", "yes" };
	int	v = r->value;

	switch (r->test) {
	case TEST_ROTATION:
		if (v >= 0)
			snprintf(buf, len, "%d degrees, the stiffer side "
			    "(earlier test)", v);
		else
			snprintf(buf, len, "wall mark %s (earlier test)",
			    r->extra == 1 ? "reached" : "not reached");
		break;
	case TEST_WALL_ANGEL:
		v = v < 0 || v > 2 ? 0 : v;
		if (r->extra >= 0)
			snprintf(buf, len, "%s, %d overhead (earlier test)",
			    ypn[v], r->extra);
		else
			snprintf(buf, len, "%s (earlier test)", ypn[v]);
		break;
	case TEST_EXTENSION:
		if (v == 0)
			snprintf(buf, len, "thumbs touch the wall (earlier "
			    "test)");
		else
			snprintf(buf, len, "%d finger width%s (earlier test)",
			    v, v == 1 ? "" : "s");
		break;
	case TEST_BREATHING:
		snprintf(buf, len, "%s (earlier test)", v == 1 ?
		    "belly first" : "chest first");
		break;
	default:
		snprintf(buf, len, "?");
	}
}

void
program_result_describe(const struct program_result *r, char *buf,
    size_t len)
{
	int	n;

	if ((unsigned)r->test >= TEST_COUNT) {
		snprintf(buf, len, "?");
		return;
	}
	if (r->earlier) {
		earlier_describe(r, buf, len);
		return;
	}
	switch (r->test) {
	case TEST_ROTATION:
		snprintf(buf, len, "left %d, right %d degrees (%d apart)",
		    r->value, r->extra, abs(r->value - r->extra));
		break;
	case TEST_WALL_ANGEL:
		n = snprintf(buf, len, "left %d, right %d of 3", r->value,
		    r->extra);
		if (r->more >= 0 && n >= 0 && (size_t)n < len)
			snprintf(buf + n, len - (size_t)n, ", %d slide%s",
			    r->more, r->more == 1 ? "" : "s");
		break;
	case TEST_EXTENSION:
		snprintf(buf, len, "C7 %d cm from the wall", r->value);
		break;
	case TEST_BREATHING:
		snprintf(buf, len, "%d breaths a minute, %s", r->value,
		    r->extra == 1 ? "both hands together" : r->extra == 2 ?
		    "chest first" : "belly first");
		break;
	default:
		snprintf(buf, len, "?");
	}
}

/* The replay. */

static int
is_red(enum session_feel f)
{
	return (f >= FEEL_SHARP && f < FEEL_COUNT);
}

/*
 * The first of the n elements at v, each size bytes with a long day at
 * offset off and in order of it, whose day is on or after day.
 */
static size_t
first_on(const void *v, size_t n, size_t size, size_t off, long day)
{
	size_t	lo = 0, hi = n, mid;
	long	d;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		memcpy(&d, (const char *)v + mid * size + off, sizeof d);
		if (d < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo);
}

/* The first pain rating on or after day. */
static size_t
pain_from(const struct program_input *in, long day)
{
	return (first_on(in->pains, in->npains, sizeof *in->pains,
	    offsetof(struct program_pain, day), day));
}

/* The first session on or after day. */
static size_t
session_from(const struct program_input *in, long day)
{
	return (first_on(in->sessions, in->nsessions, sizeof *in->sessions,
	    offsetof(struct program_session, day), day));
}

/* Mean pain in [from, to), times 10; -1 if no rating. */
static int
pain_mean10(const struct program_input *in, long from, long to)
{
	size_t	i;
	long	sum = 0, n = 0;

	for (i = pain_from(in, from); i < in->npains &&
	    in->pains[i].day < to; i++) {
		sum += in->pains[i].pain;
		n++;
	}
	return (n == 0 ? -1 : (int)((sum * 10 + n / 2) / n));
}

/* Active days and red answers in [from, to). */
static void
week_counts(const struct program_input *in, long from, long to, int *active,
    int *red)
{
	size_t	i, j;
	long	last = from - 1;

	*active = *red = 0;
	for (i = session_from(in, from); i < in->nsessions &&
	    in->sessions[i].day < to; i++) {
		const struct program_session *s = &in->sessions[i];

		if (s->active && s->day != last) {
			(*active)++;
			last = s->day;
		}
		for (j = 0; j < s->nitems; j++)
			if (is_red(s->items[j].feel))
				(*red)++;
	}
}

#define FAR_BACK	(-1000000L)	/* a day before any history */

/*
 * What the replay carries from one day to the next besides the state:
 * the break it last stepped back for, and the latest active day before
 * the history handed in (FAR_BACK for the whole history), which a replay
 * from a checkpoint needs because it reads only the weeks before it.
 */
struct replay {
	long	break_from;
	long	active_before;
};

/* The latest active day before day; FAR_BACK if none. */
static long
last_active_before(const struct program_input *in,
    const struct replay *rp, long day)
{
	size_t	i;

	for (i = session_from(in, day); i > 0; i--)
		if (in->sessions[i - 1].active)
			return (in->sessions[i - 1].day > rp->active_before ?
			    in->sessions[i - 1].day : rp->active_before);
	return (rp->active_before);
}

static void
add_review(struct program_state *st, long day, enum program_move move,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
add_review(struct program_state *st, long day, enum program_move move,
    const char *fmt, ...)
{
	struct program_review	*r;
	va_list			 ap;

	if (st->nreviews == st->reviews_cap) {
		st->reviews_cap = st->reviews_cap == 0 ? 16 :
		    st->reviews_cap * 2;
		st->reviews = xreallocarray(st->reviews, st->reviews_cap,
		    sizeof *st->reviews);
	}
	r = &st->reviews[st->nreviews++];
	r->day = day;
	r->move = move;
	r->phase = st->phase;
	va_start(ap, fmt);
	vsnprintf(r->why, sizeof r->why, fmt, ap);
	va_end(ap);
}

static const char *
plural(int n)
{
	return (n == 1 ? "" : "s");
}

/*
 * Step back a phase at the review on day r (or stay in the first),
 * saying why after "Back to the ... phase".
 */
static void
step_back(struct program_state *st, long r, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
step_back(struct program_state *st, long r, const char *fmt, ...)
{
	enum program_phase	 p = st->phase;
	char			 why[sizeof st->reviews->why];
	va_list			 ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	if (p > 0)
		st->phase = p - 1;
	st->phase_since = r;
	add_review(st, r, p > 0 ? MOVE_BACK : MOVE_HOLD, "%s the %s phase%s",
	    p > 0 ? "Back to" : "Staying in", phase_titles[st->phase], why);
}

/* The review at day r, over the week [r - 7, r). */
static void
review(struct program_state *st, const struct program_input *in, long r,
    struct replay *rp)
{
	enum program_phase	 p = st->phase;
	const char		*name;
	int			 active, red, now, before, weeks, need;
	long			 last;

	week_counts(in, r - PROGRAM_REVIEW_DAYS, r, &active, &red);
	now = pain_mean10(in, r - PROGRAM_REVIEW_DAYS, r);
	before = pain_mean10(in, r - 2 * PROGRAM_REVIEW_DAYS,
	    r - PROGRAM_REVIEW_DAYS);
	last = last_active_before(in, rp, r);
	weeks = (int)((r - st->phase_since) / PROGRAM_REVIEW_DAYS);
	need = program_phase_weeks[p];

	if (now >= 0 && before >= 0 && now - before >= PROGRAM_PAIN_RISE * 10) {
		step_back(st, r, ": pain rose by %d.%d points over the week "
		    "(%d.%d from %d.%d), so the work eases off.",
		    (now - before) / 10, (now - before) % 10, now / 10,
		    now % 10, before / 10, before % 10);
		return;
	}
	if (red >= PROGRAM_RED_BACK) {
		step_back(st, r, ": %d answers this week were sharp or "
		    "nerve-like, so the work eases off.", red);
		return;
	}
	if (r - last >= PROGRAM_BREAK_DAYS && last >= st->start_day &&
	    last != rp->break_from) {
		rp->break_from = last;
		step_back(st, r, " after %ld days with nothing done, to ease "
		    "back in.", r - last - 1);
		return;
	}
	name = phase_titles[p];
	if (need == 0 || p == PROGRAM_NPHASES - 1) {
		add_review(st, r, MOVE_HOLD, "In the %s phase, the last: "
		    "%d active day%s this week; keep going.", name, active,
		    plural(active));
		return;
	}
	if (weeks < need) {
		add_review(st, r, MOVE_HOLD, "Staying in the %s phase: week "
		    "%d of %d is next.", name, weeks + 1, need);
		return;
	}
	if (active < PROGRAM_MIN_ACTIVE) {
		add_review(st, r, MOVE_HOLD, "Staying in the %s phase: %d "
		    "active day%s this week, and moving on takes %d.", name,
		    active, plural(active), PROGRAM_MIN_ACTIVE);
		return;
	}
	if (now >= 0 && before >= 0 && now > before) {
		add_review(st, r, MOVE_HOLD, "Staying in the %s phase: pain "
		    "rose a little this week (%d.%d from %d.%d).", name,
		    now / 10, now % 10, before / 10, before % 10);
		return;
	}
	if (red > 0) {
		add_review(st, r, MOVE_HOLD, "Staying in the %s phase: an "
		    "answer this week was sharp or nerve-like.", name);
		return;
	}
	st->phase = p + 1;
	st->phase_since = r;
	add_review(st, r, MOVE_ADVANCE, "On to the %s phase: %d active days "
	    "this week, pain no higher, and nothing sharp or nerve-like.",
	    phase_titles[st->phase], active);
}

static struct program_level *
level_find(struct program_state *st, const char *id)
{
	size_t	i;

	for (i = 0; i < st->nlevels; i++)
		if (strcmp(st->levels[i].ex->id, id) == 0)
			return (&st->levels[i]);
	return (NULL);
}

const struct program_level *
program_level_of(const struct program_state *st, const char *id)
{
	return (level_find((struct program_state *)st, id));
}

/* One session's answers, one exercise at a time (its worst feel). */
static void
progress(struct program_state *st, const struct catalog *c,
    const struct program_session *s)
{
	struct program_level	*lv, *base;
	enum session_feel	 worst;
	size_t			 i, j, k;

	for (i = 0; i < s->nitems; i++) {
		/* Only the first item of each exercise in the session. */
		for (j = 0; j < i; j++)
			if (strcmp(s->items[j].exercise,
			    s->items[i].exercise) == 0)
				break;
		if (j < i || (lv = level_find(st, s->items[i].exercise)) ==
		    NULL)
			continue;
		worst = FEEL_NONE;
		for (j = i; j < s->nitems; j++)
			if (strcmp(s->items[j].exercise,
			    s->items[i].exercise) == 0 &&
			    s->items[j].feel > worst)
				worst = s->items[j].feel;
		if (is_red(worst)) {
			if (lv->level > 0 || lv->unlocked || lv->row > 0)
				lv->changed = s->day;
			lv->level = 0;
			lv->row = 0;
			lv->unlocked = 0;
			/* A variant that hurts gives back its base. */
			for (k = 0; k < st->nlevels; k++) {
				base = &st->levels[k];
				if (base->unlocked && program_progression(c,
				    base->ex) == lv->ex->id) {
					base->unlocked = 0;
					base->row = 0;
					base->changed = s->day;
				}
			}
		} else if (counts_well(lv->ex, worst)) {
			++lv->row;
			if (lv->level < PROGRAM_LEVELS) {
				if (lv->row < PROGRAM_FINE_ROW)
					continue;
				lv->row = 0;
				lv->level++;
				lv->changed = s->day;
			} else if (!lv->unlocked &&
			    program_progression(c, lv->ex) != NULL) {
				if (lv->row < unlock_row(lv->ex))
					continue;
				lv->row = 0;
				lv->unlocked = 1;
				lv->changed = s->day;
			} else
				lv->row = 0;
		} else if (worst != FEEL_NONE)
			lv->row = 0;
	}
}

/* in's start phase, as the replay reads it. */
static enum program_phase
start_phase(const struct program_input *in)
{
	return ((unsigned)in->start_phase < PROGRAM_NPHASES ?
	    in->start_phase : PROGRAM_BREATHING);
}

/* The state on the program's first day, with its start. */
static void
state_start(const struct catalog *c, const struct program_input *in,
    long today, struct program_state *st)
{
	size_t	i;

	memset(st, 0, sizeof *st);
	st->today = today;
	st->start_day = in->start_day > today ? today : in->start_day;
	st->phase = start_phase(in);
	st->phase_since = st->start_day;
	if (st->phase == PROGRAM_BREATHING)
		add_review(st, st->start_day, MOVE_START, "The program starts "
		    "with breathing, the base the rest stands on.");
	else
		add_review(st, st->start_day, MOVE_START, "The program starts "
		    "at the %s phase, as asked.", phase_titles[st->phase]);
	st->nlevels = c->n;
	st->levels = xcalloc(c->n + 1, sizeof *st->levels);
	for (i = 0; i < c->n; i++) {
		st->levels[i].ex = &c->ex[i];
		st->levels[i].changed = -1;
	}
}

int
program_checkpoint_fits(const struct catalog *c,
    const struct program_checkpoint *cp, const struct program_input *in,
    long today)
{
	size_t	i;

	if (cp == NULL || cp->start_day != in->start_day ||
	    cp->start_phase != start_phase(in) || cp->day < cp->start_day ||
	    cp->day > today || cp->nlevels != c->n || cp->nreviews == 0)
		return (0);
	for (i = 0; i < c->n; i++)
		if (cp->levels[i].ex != &c->ex[i])
			return (0);
	return (1);
}

/* The state at the start of cp's day, from cp (which fits). */
static void
state_from(const struct program_checkpoint *cp, long today,
    struct program_state *st, struct replay *rp)
{
	memset(st, 0, sizeof *st);
	st->today = today;
	st->start_day = cp->start_day;
	st->phase = cp->phase;
	st->phase_since = cp->phase_since;
	st->reviews_cap = cp->nreviews + 16;
	st->reviews = xcalloc(st->reviews_cap, sizeof *st->reviews);
	memcpy(st->reviews, cp->reviews, cp->nreviews * sizeof *st->reviews);
	st->nreviews = cp->nreviews;
	st->reviews_before = cp->reviews_before;
	st->nlevels = cp->nlevels;
	st->levels = xcalloc(cp->nlevels + 1, sizeof *st->levels);
	memcpy(st->levels, cp->levels, cp->nlevels * sizeof *st->levels);
	rp->break_from = cp->break_from;
	rp->active_before = cp->last_active;
}

/*
 * Begin a replay to `day` at from when it fits, else at the start.
 * Returns the first day to replay.
 */
static long
replay_begin(const struct catalog *c, const struct program_input *in,
    const struct program_checkpoint *from, long day,
    struct program_state *st, struct replay *rp)
{
	if (program_checkpoint_fits(c, from, in, day)) {
		state_from(from, day, st, rp);
		return (from->day);
	}
	state_start(c, in, day, st);
	rp->break_from = FAR_BACK;
	rp->active_before = FAR_BACK;
	return (st->start_day);
}

/* Each day of [from, to) in turn: its review first, then its sessions. */
static void
replay_days(const struct catalog *c, const struct program_input *in,
    struct program_state *st, struct replay *rp, long from, long to)
{
	size_t	si;
	long	d;

	for (si = session_from(in, from), d = from; d < to; d++) {
		if (d > st->start_day &&
		    (d - st->start_day) % PROGRAM_REVIEW_DAYS == 0)
			review(st, in, d, rp);
		while (si < in->nsessions && in->sessions[si].day <= d) {
			if (in->sessions[si].day >= st->start_day)
				progress(st, c, &in->sessions[si]);
			si++;
		}
	}
}

void
program_checkpoint(const struct catalog *c, const struct program_input *in,
    const struct program_checkpoint *from, long day,
    struct program_checkpoint *out)
{
	struct program_state	st;
	struct replay		rp;

	if (day < in->start_day)
		day = in->start_day;
	replay_days(c, in, &st, &rp, replay_begin(c, in, from, day, &st,
	    &rp), day);
	memset(out, 0, sizeof *out);
	out->day = day;
	out->start_day = in->start_day;
	out->start_phase = start_phase(in);
	out->phase = st.phase;
	out->phase_since = st.phase_since;
	out->break_from = rp.break_from;
	out->last_active = last_active_before(in, &rp, day);
	out->reviews = st.reviews;
	out->nreviews = st.nreviews;
	out->reviews_before = st.reviews_before;
	out->levels = st.levels;
	out->nlevels = st.nlevels;
}

void
program_checkpoint_release(struct program_checkpoint *cp)
{
	free(cp->reviews);
	free(cp->levels);
	memset(cp, 0, sizeof *cp);
}

/* The checkpoint's text. */

#define CHECKPOINT_MAGIC	"midback-program-checkpoint"

struct text {
	char	*s;
	size_t	 len, cap;
};

static void
text_add(struct text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
text_add(struct text *t, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
		va_end(ap);
		if (n >= 0 && (size_t)n < t->cap - t->len)
			break;
		t->cap = t->cap * 2 + (n > 0 ? (size_t)n : 0) + 256;
		t->s = xreallocarray(t->s, t->cap, 1);
	}
	t->len += (size_t)n;
}

static void
text_review(struct text *t, const struct program_review *r)
{
	text_add(t, "review %ld %d %d %s\n", r->day, (int)r->move,
	    (int)r->phase, r->why);
}

char *
program_checkpoint_encode(const struct program_checkpoint *cp,
    char **reviews)
{
	const struct program_level	*lv;
	struct text			 t = { xmalloc(1), 0, 1 };
	struct text			 rt = { xmalloc(1), 0, 1 };
	size_t				 i;

	text_add(&t, "%s %d\nday %ld\nstart %ld %d\nphase %d %ld\n"
	    "break %ld\nactive %ld\nlevels %zu\n", CHECKPOINT_MAGIC,
	    PROGRAM_CHECKPOINT_VERSION, cp->day, cp->start_day,
	    (int)cp->start_phase, (int)cp->phase, cp->phase_since,
	    cp->break_from, cp->last_active, cp->nlevels);
	for (i = 0; i < cp->nlevels; i++) {
		lv = &cp->levels[i];
		text_add(&t, "level %s %d %d %d %ld\n", lv->ex->id, lv->level,
		    lv->row, lv->unlocked, lv->changed);
	}
	/* The count and the last; all of them apart, when there are. */
	text_add(&t, "reviews %zu\n", cp->reviews_before + cp->nreviews);
	text_review(&t, &cp->reviews[cp->nreviews - 1]);
	rt.s[0] = '\0';
	for (i = 0; i < cp->nreviews && cp->reviews_before == 0; i++)
		text_review(&rt, &cp->reviews[i]);
	if (reviews != NULL && cp->reviews_before == 0)
		*reviews = rt.s;
	else {
		if (reviews != NULL)
			*reviews = NULL;
		free(rt.s);
	}
	return (t.s);
}

/*
 * The next line of *p into line (without its newline), moving *p past
 * it. Returns 0, or -1 at the end or for a line too long.
 */
static int
text_line(const char **p, char *line, size_t len)
{
	const char	*nl = strchr(*p, '\n');
	size_t		 n;

	if (nl == NULL || (n = (size_t)(nl - *p)) >= len)
		return (-1);
	memcpy(line, *p, n);
	line[n] = '\0';
	*p = nl + 1;
	return (0);
}

/*
 * The word w and then n numbers, each after one space, from *p, moving
 * *p past them; each number from lo to hi. Returns 0 or -1.
 */
static int
text_numbers(const char **p, const char *w, long lo, long hi, int n, ...)
{
	va_list	 ap;
	char	*end;
	long	*v;
	int	 ok = 1;

	if (w != NULL) {
		if (strncmp(*p, w, strlen(w)) != 0)
			return (-1);
		*p += strlen(w);
	}
	va_start(ap, n);
	while (ok && n-- > 0) {
		v = va_arg(ap, long *);
		if (**p != ' ' || ((*p)[1] != '-' &&
		    ((*p)[1] < '0' || (*p)[1] > '9'))) {
			ok = 0;
			break;
		}
		errno = 0;
		*v = strtol(*p + 1, &end, 10);
		ok = errno == 0 && *v >= lo && *v <= hi;
		*p = end;
	}
	va_end(ap);
	return (ok ? 0 : -1);
}

/* A line that is the word w and n numbers from lo to hi, and no more. */
static int
text_fields(const char **p, const char *w, long lo, long hi, int n, long *a,
    long *b)
{
	char		 line[64];
	const char	*q = line;

	if (text_line(p, line, sizeof line) != 0 ||
	    text_numbers(&q, w, lo, hi, n, a, b) != 0 || *q != '\0')
		return (-1);
	return (0);
}

/* One review line from *p into r. Returns 0 or -1. */
static int
text_review_line(const char **p, struct program_review *r)
{
	char		 line[1024];
	const char	*q = line;
	long		 v[3];

	if (text_line(p, line, sizeof line) != 0 ||
	    text_numbers(&q, "review", FAR_BACK, -FAR_BACK, 3, &v[0], &v[1],
	    &v[2]) != 0 || v[1] < MOVE_START || v[1] > MOVE_BACK ||
	    v[2] < 0 || v[2] >= PROGRAM_NPHASES || *q != ' ' ||
	    strlen(q + 1) >= sizeof r->why)
		return (-1);
	r->day = v[0];
	r->move = (enum program_move)v[1];
	r->phase = (enum program_phase)v[2];
	memcpy(r->why, q + 1, strlen(q + 1) + 1);
	return (0);
}

int
program_checkpoint_decode(const struct catalog *c, const char *text,
    struct program_checkpoint *out)
{
	struct program_level	*lv;
	char			 line[1024];
	const char		*p = text, *q, *id;
	long			 v[4], n, unused;
	size_t			 i, idlen;

	memset(out, 0, sizeof *out);
	snprintf(line, sizeof line, "%s %d", CHECKPOINT_MAGIC,
	    PROGRAM_CHECKPOINT_VERSION);
	if (strncmp(p, line, strlen(line)) != 0 ||
	    p[strlen(line)] != '\n')
		return (-1);
	p += strlen(line) + 1;
	if (text_fields(&p, "day", FAR_BACK, -FAR_BACK, 1, &out->day,
	    &unused) != 0 ||
	    text_fields(&p, "start", FAR_BACK, -FAR_BACK, 2,
	    &out->start_day, &v[0]) != 0 || v[0] < 0 ||
	    v[0] >= PROGRAM_NPHASES ||
	    text_fields(&p, "phase", FAR_BACK, -FAR_BACK, 2, &v[1],
	    &out->phase_since) != 0 || v[1] < 0 || v[1] >= PROGRAM_NPHASES ||
	    text_fields(&p, "break", FAR_BACK, -FAR_BACK, 1,
	    &out->break_from, &unused) != 0 ||
	    text_fields(&p, "active", FAR_BACK, -FAR_BACK, 1,
	    &out->last_active, &unused) != 0 ||
	    text_fields(&p, "levels", 0, (long)c->n, 1, &n, &unused) != 0 ||
	    (size_t)n != c->n)
		goto fail;
	out->start_phase = (enum program_phase)v[0];
	out->phase = (enum program_phase)v[1];
	out->nlevels = c->n;
	out->levels = xcalloc(c->n + 1, sizeof *out->levels);
	for (i = 0; i < c->n; i++) {
		lv = &out->levels[i];
		lv->ex = &c->ex[i];
		id = c->ex[i].id;
		idlen = strlen(id);
		if (text_line(&p, line, sizeof line) != 0 ||
		    strncmp(line, "level ", 6) != 0 ||
		    strncmp(line + 6, id, idlen) != 0)
			goto fail;
		q = line + 6 + idlen;
		if (text_numbers(&q, NULL, FAR_BACK, -FAR_BACK, 4, &v[0],
		    &v[1], &v[2], &v[3]) != 0 || *q != '\0' || v[0] < 0 ||
		    v[0] > PROGRAM_LEVELS || v[1] < 0 ||
		    v[1] >= PROGRAM_FINE_ROW || v[2] < 0 || v[2] > 1)
			goto fail;
		lv->level = (int)v[0];
		lv->row = (int)v[1];
		lv->unlocked = (int)v[2];
		lv->changed = v[3];
	}
	if (text_fields(&p, "reviews", 1, 1000000, 1, &n, &unused) != 0)
		goto fail;
	/* The last review only: the others are read when asked for. */
	out->reviews_before = (size_t)n - 1;
	out->nreviews = 1;
	out->reviews = xcalloc(1, sizeof *out->reviews);
	if (text_review_line(&p, &out->reviews[0]) != 0 || *p != '\0')
		goto fail;
	return (0);
fail:
	program_checkpoint_release(out);
	return (-1);
}

int
program_checkpoint_reviews(struct program_checkpoint *cp, const char *text)
{
	struct program_review	*v, *r;
	const char		*p = text;
	size_t			 i, n = cp->reviews_before + cp->nreviews;
	int			 ok = 1;

	if (cp->reviews_before == 0)
		return (0);
	/* A line each, before making room for them. */
	for (i = 0; *p != '\0'; p++)
		i += *p == '\n';
	if (i != n)
		return (-1);
	p = text;
	v = xcalloc(n, sizeof *v);
	for (i = 0; i < n && ok; i++)
		ok = text_review_line(&p, &v[i]) == 0;
	/* All of them, ending with the ones the checkpoint holds. */
	for (i = 0; i < cp->nreviews && ok; i++) {
		r = &v[cp->reviews_before + i];
		ok = r->day == cp->reviews[i].day &&
		    r->move == cp->reviews[i].move &&
		    r->phase == cp->reviews[i].phase &&
		    strcmp(r->why, cp->reviews[i].why) == 0;
	}
	if (!ok || *p != '\0') {
		free(v);
		return (-1);
	}
	free(cp->reviews);
	cp->reviews = v;
	cp->nreviews = n;
	cp->reviews_before = 0;
	return (0);
}

void
program_run(const struct catalog *c, const struct program_input *in,
    long today, struct program_state *st)
{
	program_run_from(c, in, NULL, today, st);
}

/*
 * The self-tests as of today: the first and latest score of each, the
 * weakest, and the sets. A set begins with a result when none is open
 * and the last whole set's two weeks are up; it is whole when each test
 * has a result, and the next is due two weeks after that. A result
 * within a whole set's two weeks is a retake: it counts for the scores.
 */
static void
program_tests_state(const struct program_input *in, long today,
    struct program_state *st)
{
	const struct program_result	*pr;
	size_t				 i;
	long				 opened = -1;
	int				 t, has[TEST_COUNT], open = 0, n, score;

	st->last_test = -1;
	st->weakest = -1;
	for (t = 0; t < TEST_COUNT; t++) {
		st->latest[t] = st->first[t] = -1;
		has[t] = 0;
	}
	for (i = 0; i < in->nresults; i++) {
		pr = &in->results[i];
		if (pr->day > today || (unsigned)pr->test >= TEST_COUNT ||
		    pr->earlier || (score = program_result_score(pr)) < 0)
			continue;
		if (st->first[pr->test] == -1)
			st->first[pr->test] = score;
		st->latest[pr->test] = score;
		if (!open && st->last_test != -1 &&
		    pr->day < st->last_test + PROGRAM_TEST_DAYS)
			continue;	/* a retake */
		if (!open) {
			open = 1;
			opened = pr->day;
			memset(has, 0, sizeof has);
		}
		has[pr->test] = 1;
		for (n = 0, t = 0; t < TEST_COUNT; t++)
			n += has[t];
		if (n == TEST_COUNT) {
			open = 0;
			st->last_test = pr->day;
		}
	}
	st->partial = open;
	if (open)
		st->next_test = opened;
	else
		st->next_test = st->last_test == -1 ? st->start_day :
		    st->last_test + PROGRAM_TEST_DAYS;
	for (t = 0; t < TEST_COUNT; t++) {
		st->pending[t] = open ? !has[t] : 1;
		if (st->latest[t] >= 0 && st->latest[t] < 100 &&
		    (st->weakest == -1 || st->latest[t] <
		    st->latest[st->weakest]))
			st->weakest = t;
	}
}

void
program_run_from(const struct catalog *c, const struct program_input *in,
    const struct program_checkpoint *from, long today,
    struct program_state *st)
{
	struct replay	rp;

	replay_days(c, in, st, &rp, replay_begin(c, in, from, today, st, &rp),
	    today);
	/* Today's review, if today is a review day; not today's sessions. */
	if (today > st->start_day &&
	    (today - st->start_day) % PROGRAM_REVIEW_DAYS == 0)
		review(st, in, today, &rp);

	st->week = (int)((today - st->start_day) / PROGRAM_REVIEW_DAYS) + 1;
	st->phase_week = (int)((today - st->phase_since) /
	    PROGRAM_REVIEW_DAYS) + 1;
	week_counts(in, today - PROGRAM_REVIEW_DAYS + 1, today + 1,
	    &st->active7, &st->red7);

	program_tests_state(in, today, st);
}

void
program_release(struct program_state *st)
{
	free(st->reviews);
	free(st->levels);
	memset(st, 0, sizeof *st);
}

const struct program_review *
program_last(const struct program_state *st)
{
	return (&st->reviews[st->nreviews - 1]);
}

/* What a day favours for the weakest self-test: a motion, or a stage. */
static const struct {
	unsigned	motions;
	int		stage;
} weakest_favours[TEST_COUNT] = {
	[TEST_ROTATION] = { MOTION_ROTATION, -1 },
	[TEST_WALL_ANGEL] = { 0, 2 },
	[TEST_EXTENSION] = { MOTION_EXTENSION, -1 },
	[TEST_BREATHING] = { 0, 0 },
};

void
program_hint(const struct program_state *st, struct plan_hint *h)
{
	const char	**ids;
	int		 *steps;
	size_t		  i, n = 0;

	memset(h, 0, sizeof *h);
	memcpy(h->stage_weight, phase_weights[st->phase],
	    sizeof h->stage_weight);
	h->favour_stage = -1;
	if (st->weakest >= 0 && st->weakest < TEST_COUNT) {
		h->favour_motions = weakest_favours[st->weakest].motions;
		h->favour_stage = weakest_favours[st->weakest].stage;
	}
	ids = xcalloc(st->nlevels + 1, sizeof *ids);
	steps = xcalloc(st->nlevels + 1, sizeof *steps);
	for (i = 0; i < st->nlevels; i++) {
		if (st->levels[i].level == 0)
			continue;
		ids[n] = st->levels[i].ex->id;
		steps[n] = program_dose_steps(&st->levels[i].ex->dose,
		    st->levels[i].level);
		n++;
	}
	h->ids = ids;
	h->steps = steps;
	h->n = n;
	h->phase = (int)st->phase + 1;
}

size_t
program_locked(const struct program_state *st, const struct catalog *c,
    const char ***ids)
{
	size_t	i, j, n = 0;
	int	named, open;

	*ids = xcalloc(c->n + 1, sizeof **ids);
	for (i = 0; i < c->n; i++) {
		named = open = 0;
		for (j = 0; j < c->n; j++) {
			if (c->ex[j].harder == NULL ||
			    strcmp(c->ex[j].harder, c->ex[i].id) != 0)
				continue;
			named = 1;
			if (st != NULL && j < st->nlevels &&
			    st->levels[j].ex == &c->ex[j] &&
			    st->levels[j].unlocked)
				open = 1;
		}
		if (named && !open)
			(*ids)[n++] = c->ex[i].id;
	}
	return (n);
}

void
program_hint_release(struct plan_hint *h)
{
	free((void *)h->ids);
	free((void *)h->steps);
	memset(h, 0, sizeof *h);
}

size_t
program_replaced(const struct program_state *st, const struct catalog *c,
    const struct plan_opts *o, const char ***ids)
{
	const struct exercise	*v;
	const char		*to;
	size_t			 i, n = 0;

	*ids = xcalloc(st->nlevels + 1, sizeof **ids);
	for (i = 0; i < st->nlevels; i++) {
		if (!st->levels[i].unlocked ||
		    (to = program_progression(c, st->levels[i].ex)) == NULL ||
		    (v = catalog_find(c, to)) == NULL || !plan_fits(v, o))
			continue;
		(*ids)[n++] = st->levels[i].ex->id;
	}
	return (n);
}

static const char *const test_motion_words[TEST_COUNT] = {
	"rotation", "the shoulder blades", "extension", "breathing"
};

void
program_plan_line(const struct program_state *st, char *buf, size_t len)
{
	int	n, t, left;

	n = snprintf(buf, len, "Program: week %d, %s phase (%d of %d): %s",
	    st->week, phase_titles[st->phase], st->phase + 1,
	    PROGRAM_NPHASES, phase_more[st->phase]);
	if (n < 0 || (size_t)n >= len)
		return;
	if (st->weakest >= 0)
		n += snprintf(buf + n, len - (size_t)n, "; your %s test is "
		    "the weakest, so work on %s gets more too",
		    program_tests[st->weakest].id,
		    test_motion_words[st->weakest]);
	if (n < 0 || (size_t)n >= len)
		return;
	if (st->partial) {
		for (t = 0, left = 0; t < TEST_COUNT; t++)
			left += st->pending[t];
		snprintf(buf + n, len - (size_t)n, "; the self-tests are "
		    "partial, %d of %d still to do (midback program --test).",
		    left, TEST_COUNT);
	} else if (st->today >= st->next_test)
		snprintf(buf + n, len - (size_t)n, "; a self-test is due "
		    "(midback program --test).");
	else
		snprintf(buf + n, len - (size_t)n, ".");
}

void
program_next_step(const struct program_state *st, const struct catalog *c,
    const struct program_level *lv, char *buf, size_t len)
{
	const char	*to = program_progression(c, lv->ex);
	int		 left = (lv->level < PROGRAM_LEVELS ? PROGRAM_FINE_ROW :
	    unlock_row(lv->ex)) - lv->row;

	(void)st;
	buf[0] = '\0';
	if (lv->level < PROGRAM_LEVELS)
		snprintf(buf, len, "%d more session%s rated fine for a "
		    "bigger dose (level %d of %d)", left, plural(left),
		    lv->level, PROGRAM_LEVELS);
	else if (to != NULL && !lv->unlocked)
		snprintf(buf, len, "%d more session%s rated fine to unlock "
		    "%s", left, plural(left), to);
	else if (to != NULL)
		snprintf(buf, len, "%s takes its place when it fits what is at "
		    "hand", to);
}
