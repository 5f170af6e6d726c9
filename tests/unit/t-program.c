/*
 * t-program.c -- the program over weeks, replayed from simulated
 * histories of twelve weeks (steady, skipping days, pain rising, red
 * answers, a long break), with the phase and dose decisions asserted day
 * by day. No clock: the history is data, so each run takes microseconds.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "catalog-fixture.h"

#include "core/catalog.h"
#include "core/dose.h"
#include "core/plan.h"
#include "core/program.h"
#include "core/xmalloc.h"

#define START		20000L		/* a Monday in 2024 */
#define WEEKS		12
#define NDAYS		(WEEKS * 7)

/* A simulated history: per day, whether active, its feel and pain. */
struct sim {
	int			 active[NDAYS];
	enum session_feel	 feel[NDAYS];	/* of posture-reset */
	int			 pain[NDAYS];	/* -1: none */
	struct program_item	 items[NDAYS][2];
	struct program_session	 sessions[NDAYS];
	struct program_pain	 pains[NDAYS];
	struct program_input	 in;
};

static void
sim_init(struct sim *s)
{
	int	d;

	memset(s, 0, sizeof *s);
	for (d = 0; d < NDAYS; d++) {
		s->active[d] = 1;
		s->feel[d] = FEEL_FINE;
		s->pain[d] = 2;
	}
}

/* Build the program's input from the per-day table. */
static void
sim_input(struct sim *s)
{
	size_t	ns = 0, np = 0;
	int	d;

	for (d = 0; d < NDAYS; d++) {
		if (s->active[d]) {
			/* Done on both sides: two items, one feel. */
			s->items[d][0].exercise = "posture-reset";
			s->items[d][0].feel = s->feel[d];
			s->items[d][1].exercise = "open-book";
			s->items[d][1].feel = FEEL_STRETCH;
			s->sessions[ns].day = START + d;
			s->sessions[ns].active = 1;
			s->sessions[ns].items = s->items[d];
			s->sessions[ns].nitems = 2;
			ns++;
		}
		if (s->pain[d] >= 0) {
			s->pains[np].day = START + d;
			s->pains[np].pain = s->pain[d];
			np++;
		}
	}
	memset(&s->in, 0, sizeof s->in);
	s->in.start_day = START;
	s->in.start_phase = PROGRAM_BREATHING;
	s->in.sessions = s->sessions;
	s->in.nsessions = ns;
	s->in.pains = s->pains;
	s->in.npains = np;
}

/* The phase on each day of the simulation into phases[]. */
static void
sim_phases(struct sim *s, int phases[NDAYS + 1])
{
	struct program_state	st;
	int			d;

	sim_input(s);
	for (d = 0; d <= NDAYS; d++) {
		program_run(cat, &s->in, START + d, &st);
		phases[d] = st.phase;
		assert_true(program_last(&st)->why[0] != '\0');
		program_release(&st);
	}
}

/* Expected: phase p from day `from` on, as runs of (from, phase). */
static void
expect_runs(const int phases[NDAYS + 1], const int runs[][2], size_t nruns)
{
	size_t	k;
	int	d, want;

	for (d = 0; d <= NDAYS; d++) {
		want = runs[0][1];
		for (k = 0; k < nruns; k++)
			if (d >= runs[k][0])
				want = runs[k][1];
		if (phases[d] != want)
			fail_msg("day %d: phase %d, expected %d", d, phases[d],
			    want);
	}
}

/*
 * Every day active, pain steady, everything fine: 2 weeks of breathing,
 * 3 of extension, 3 of the ribcage, then strength for good.
 */
static void
steady_moves_on_at_each_phase_end(void **state)
{
	static const int runs[][2] = {
		{ 0, PROGRAM_BREATHING }, { 14, PROGRAM_EXTENSION },
		{ 35, PROGRAM_RIBCAGE }, { 56, PROGRAM_STRENGTH }
	};
	static struct sim	s;
	int			phases[NDAYS + 1];

	(void)state;
	sim_init(&s);
	sim_phases(&s, phases);
	expect_runs(phases, runs, 4);
}

/* Three days a week is too few to move on: it holds at breathing. */
static void
skipping_days_holds(void **state)
{
	static const int runs[][2] = { { 0, PROGRAM_BREATHING } };
	static struct sim	s;
	struct program_state	st;
	int			phases[NDAYS + 1], d;

	(void)state;
	sim_init(&s);
	for (d = 0; d < NDAYS; d++)
		s.active[d] = d % 7 < 3;
	sim_phases(&s, phases);
	expect_runs(phases, runs, 1);
	program_run(cat, &s.in, START + 21, &st);
	assert_int_equal(program_last(&st)->move, MOVE_HOLD);
	assert_non_null(strstr(program_last(&st)->why, "3 active days"));
	program_release(&st);
}

/*
 * Steady into the ribcage phase, then a week of pain 5 after weeks of 2:
 * the review at day 49 steps back to extension, which then runs its 3
 * weeks again before the ribcage phase comes back at day 70.
 */
static void
pain_rising_steps_back(void **state)
{
	static const int runs[][2] = {
		{ 0, PROGRAM_BREATHING }, { 14, PROGRAM_EXTENSION },
		{ 35, PROGRAM_RIBCAGE }, { 49, PROGRAM_EXTENSION },
		{ 70, PROGRAM_RIBCAGE }
	};
	static struct sim	s;
	struct program_state	st;
	int			phases[NDAYS + 1], d;

	(void)state;
	sim_init(&s);
	for (d = 42; d < 49; d++)
		s.pain[d] = 5;
	/* Back to 2: not a rise, so 56 and 63 hold only for the weeks. */
	sim_phases(&s, phases);
	expect_runs(phases, runs, 5);
	program_run(cat, &s.in, START + 49, &st);
	assert_int_equal(program_last(&st)->move, MOVE_BACK);
	assert_non_null(strstr(program_last(&st)->why, "pain rose by 3.0"));
	program_release(&st);
}

/*
 * A small rise (under 2) holds a phase whose weeks are up; it does not
 * step back.
 */
static void
small_pain_rise_holds(void **state)
{
	static const int runs[][2] = {
		{ 0, PROGRAM_BREATHING }, { 21, PROGRAM_EXTENSION },
		{ 42, PROGRAM_RIBCAGE }, { 63, PROGRAM_STRENGTH }
	};
	static struct sim	s;
	int			phases[NDAYS + 1], d;

	(void)state;
	sim_init(&s);
	for (d = 7; d < 14; d++)
		s.pain[d] = 3;
	for (d = 14; d < NDAYS; d++)
		s.pain[d] = 3;
	sim_phases(&s, phases);
	expect_runs(phases, runs, 4);
}

/*
 * Two sharp answers in one week step back a phase, and put the
 * exercise back to its least dose; one holds.
 */
static void
red_answers_step_back(void **state)
{
	static const int runs[][2] = {
		{ 0, PROGRAM_BREATHING }, { 14, PROGRAM_EXTENSION },
		{ 28, PROGRAM_BREATHING }, { 42, PROGRAM_EXTENSION },
		{ 70, PROGRAM_RIBCAGE }
	};
	static struct sim	s;
	int			phases[NDAYS + 1];

	(void)state;
	sim_init(&s);
	s.feel[22] = FEEL_SHARP;
	s.feel[24] = FEEL_TINGLING;
	/* One alone, at the end of the extension weeks: holds a week. */
	s.feel[57] = FEEL_BURNING;
	sim_phases(&s, phases);
	expect_runs(phases, runs, 5);
}

/*
 * Steady until day 30, then nothing: the reviews hold (too few active
 * days) until 21 days have passed with nothing done, which steps back
 * once; it does not step back again every week of the same break.
 */
static void
long_break_steps_back_once(void **state)
{
	static const int runs[][2] = {
		{ 0, PROGRAM_BREATHING }, { 14, PROGRAM_EXTENSION },
		{ 56, PROGRAM_BREATHING }
	};
	static struct sim	s;
	struct program_state	st;
	int			phases[NDAYS + 1], d;

	(void)state;
	sim_init(&s);
	for (d = 31; d < NDAYS; d++) {
		s.active[d] = 0;
		s.pain[d] = -1;
	}
	sim_phases(&s, phases);
	expect_runs(phases, runs, 3);
	program_run(cat, &s.in, START + 56, &st);
	assert_int_equal(program_last(&st)->move, MOVE_BACK);
	assert_non_null(strstr(program_last(&st)->why, "25 days"));
	program_release(&st);
}

/*
 * The dose climbs a level for every two sessions in a row rated fine,
 * to the full dose at level 4; two more unlock the variant. A sharp
 * answer puts it back to the least dose and takes the variant back.
 */
static void
dose_moves_up_before_the_variant(void **state)
{
	static struct sim		 s;
	struct program_state		 st;
	const struct program_level	*lv;
	int				 d, want, unlocked, fine;

	(void)state;
	sim_init(&s);
	s.feel[5] = FEEL_STRETCH;	/* breaks the row of fines */
	s.feel[20] = FEEL_SHARP;
	sim_input(&s);
	fine = 0;
	for (d = 0; d <= 30; d++) {
		program_run(cat, &s.in, START + d, &st);
		lv = program_level_of(&st, "posture-reset");
		assert_non_null(lv);
		/* Model: the sessions before day d, in order. */
		want = 0;
		unlocked = 0;
		{
			int k, row = 0;

			for (k = 0; k < d; k++) {
				if (s.feel[k] == FEEL_SHARP) {
					want = row = unlocked = 0;
					continue;
				}
				if (s.feel[k] != FEEL_FINE) {
					row = 0;
					continue;
				}
				if (++row < 2)
					continue;
				row = 0;
				if (want < PROGRAM_LEVELS)
					want++;
				else
					unlocked = 1;
			}
		}
		if (lv->level != want || lv->unlocked != unlocked)
			fail_msg("day %d: level %d unlocked %d, expected %d %d",
			    d, lv->level, lv->unlocked, want, unlocked);
		fine += lv->unlocked;
		program_release(&st);
	}
	/* It was unlocked for a while, and not at the end. */
	assert_true(fine > 0);
	program_run(cat, &s.in, START + 21, &st);
	lv = program_level_of(&st, "posture-reset");
	assert_int_equal(lv->level, 0);
	assert_int_equal(lv->unlocked, 0);
	program_release(&st);
}

/* The variant takes its base's place only when it fits what is at hand. */
static void
unlocked_variant_replaces_its_base(void **state)
{
	static struct sim	 s;
	struct program_state	 st;
	struct plan_opts	 o;
	const char		**ids;
	size_t			 n;

	(void)state;
	sim_init(&s);
	sim_input(&s);
	program_run(cat, &s.in, START + 12, &st);
	assert_int_equal(program_level_of(&st, "posture-reset")->unlocked, 1);
	memset(&o, 0, sizeof o);
	o.minutes = 12;
	o.equipment = EQUIP_CHAIR;
	n = program_replaced(&st, cat, &o, &ids);
	assert_int_equal(n, 0);
	free(ids);
	o.equipment = EQUIP_CHAIR | EQUIP_BAND;
	n = program_replaced(&st, cat, &o, &ids);
	assert_int_equal(n, 1);
	assert_string_equal(ids[0], "posture-reset");
	free(ids);
	program_release(&st);
}

/* Seconds of a plan spent in each stage. */
static void
stage_time(const struct plan *p, int t[STAGE_MAX + 1])
{
	size_t	i;

	for (i = 0; i < p->n; i++)
		t[p->items[i].ex->stage] += p->items[i].duration_s;
}

/*
 * The hint shifts the time: the strength phase spends more of a month
 * in stage 3 than the breathing phase, and every day still covers the
 * four motions and holds a strength exercise.
 */
static void
phases_shift_the_planner(void **state)
{
	struct program_state	st;
	struct plan_hint	h;
	struct plan_opts	o;
	struct plan		p;
	struct program_input	in;
	int			t[PROGRAM_NPHASES][STAGE_MAX + 1];
	int			ph, d;
	size_t			i;
	unsigned		motions;

	(void)state;
	memset(t, 0, sizeof t);
	for (ph = 0; ph < PROGRAM_NPHASES; ph++) {
		memset(&in, 0, sizeof in);
		in.start_day = START;
		in.start_phase = ph;
		program_run(cat, &in, START, &st);
		program_hint(&st, &h);
		for (d = 0; d < 28; d++) {
			memset(&o, 0, sizeof o);
			o.minutes = 15;
			o.equipment = EQUIP_CHAIR | EQUIP_WALL | EQUIP_DOORWAY;
			o.day = START + d;
			o.hint = &h;
			plan_make(cat, &o, &p);
			stage_time(&p, t[ph]);
			motions = 0;
			for (i = 0; i < p.n; i++)
				motions |= p.items[i].ex->motions;
			assert_int_equal(motions, MOTION_EXTENSION |
			    MOTION_FLEXION | MOTION_SIDE_BEND |
			    MOTION_ROTATION);
			plan_release(&p);
		}
		program_hint_release(&h);
		program_release(&st);
	}
	assert_true(t[PROGRAM_STRENGTH][3] > t[PROGRAM_BREATHING][3]);
	assert_true(t[PROGRAM_EXTENSION][1] > t[PROGRAM_STRENGTH][1]);
}

/* The least dose of a level lies within the catalog's ranges. */
static void
levels_stay_within_ranges(void **state)
{
	struct plan_hint	h;
	struct plan_opts	o;
	struct prescription	rx, full;
	const char		*ids[1];
	int			steps[1], lv;
	size_t			i;
	unsigned		k;

	(void)state;
	memset(&o, 0, sizeof o);
	memset(&h, 0, sizeof h);
	h.ids = ids;
	h.steps = steps;
	h.n = 1;
	o.hint = &h;
	for (i = 0; i < cat->n; i++) {
		dose_min(&cat->ex[i].dose, &full);
		for (k = 0; dose_grow(&cat->ex[i].dose, &full, 0); k++)
			;
		for (lv = 0; lv <= PROGRAM_LEVELS; lv++) {
			ids[0] = cat->ex[i].id;
			steps[0] = program_dose_steps(&cat->ex[i].dose, lv);
			plan_least(&cat->ex[i], &o, &rx);
			assert_true(dose_within(&cat->ex[i].dose, &rx));
			if (lv == PROGRAM_LEVELS)
				assert_memory_equal(&rx, &full, sizeof rx);
		}
	}
}

/* A result of the tests now, on day. */
static struct program_result
res_of(long day, enum program_test t, int value, int extra, int more)
{
	return ((struct program_result){ day, t, value, extra, more, 0 });
}

/* Answers, validity and scores of the self-tests. */
static void
self_tests_read_and_score(void **state)
{
	const struct program_test_def	*r = &program_tests[TEST_ROTATION];
	const struct program_test_def	*br = &program_tests[TEST_BREATHING];
	struct program_result		 x;
	char				 buf[96];
	int				 v, t, i;

	(void)state;
	/* Each test names what it measures, its source, a figure; sides. */
	for (t = 0; t < TEST_COUNT; t++) {
		assert_non_null(program_tests[t].measures);
		assert_non_null(program_tests[t].source);
		assert_non_null(program_tests[t].reference);
		assert_non_null(program_tests[t].figure);
		assert_non_null(program_tests[t].figure_text);
		assert_non_null(catalog_find(cat, program_tests[t].figure));
		for (i = 0; program_tests[t].steps[i] != NULL; i++)
			assert_null(strstr(program_tests[t].steps[i],
			    "low back flat"));
	}
	assert_true(program_tests[TEST_ROTATION].sides);
	assert_true(program_tests[TEST_WALL_ANGEL].sides);
	assert_string_equal(r->q[0].label, "left");
	assert_string_equal(r->q[1].label, "right");
	assert_non_null(strstr(r->q[0].unit, "degrees"));

	/* Answers: numbers within range, choices by word or first letter. */
	assert_int_equal(program_answer_parse(&r->q[0], "36", &v), 0);
	assert_int_equal(v, 36);
	assert_int_equal(program_answer_parse(&r->q[0], " 36 ", &v), 0);
	assert_int_equal(program_answer_parse(&r->q[0], "", &v), -1);
	assert_int_equal(program_answer_parse(&r->q[0], "91", &v), -1);
	assert_int_equal(program_answer_parse(&r->q[0], "-3", &v), -1);
	assert_int_equal(program_answer_parse(&r->q[0], "+3", &v), -1);
	assert_int_equal(program_answer_parse(&r->q[0], "3x", &v), -1);
	assert_int_equal(program_answer_parse(&r->q[0], "yes", &v), -1);
	assert_int_equal(program_answer_parse(&br->q[1], "chest", &v), 0);
	assert_int_equal(v, 2);
	assert_int_equal(program_answer_parse(&br->q[1], "t", &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(program_answer_parse(&br->q[1], "maybe", &v), -1);
	assert_int_equal(program_answer_parse(&br->q[1], "", &v), -1);
	assert_int_equal(program_answer_parse(&br->q[0], "3", &v), -1);
	assert_int_equal(program_answer_parse(
	    &program_tests[TEST_WALL_ANGEL].q[2], "", &v), 0);
	assert_int_equal(v, -1);
	assert_int_equal(program_answer_parse(
	    &program_tests[TEST_EXTENSION].q[0], "", &v), 0);
	assert_int_equal(v, -1);

	/* Whole results: both sides, nothing past the test's questions. */
	x = res_of(0, TEST_ROTATION, 36, 40, -1);
	assert_true(program_result_valid(&x));
	x = res_of(0, TEST_ROTATION, 36, -1, -1);
	assert_false(program_result_valid(&x));
	x = res_of(0, TEST_ROTATION, 36, 40, 3);
	assert_false(program_result_valid(&x));
	x = res_of(0, TEST_WALL_ANGEL, 2, 3, -1);
	assert_true(program_result_valid(&x));
	x = res_of(0, TEST_WALL_ANGEL, 4, 3, -1);
	assert_false(program_result_valid(&x));
	x = res_of(0, TEST_EXTENSION, -1, -1, -1);	/* skipped */
	assert_false(program_result_valid(&x));
	x = res_of(0, TEST_EXTENSION, 9, 1, -1);
	assert_false(program_result_valid(&x));
	x = res_of(0, TEST_BREATHING, 14, 3, -1);
	assert_false(program_result_valid(&x));
	x = res_of(0, TEST_COUNT, 0, 0, -1);
	assert_false(program_result_valid(&x));
	/* Earlier results: as the earlier tests took them. */
	x = (struct program_result){ 0, TEST_ROTATION, -1, 1, -1, 1 };
	assert_true(program_result_valid(&x));
	assert_int_equal(program_result_score(&x), -1);
	program_result_describe(&x, buf, sizeof buf);
	assert_string_equal(buf, "wall mark reached (earlier test)");
	x = (struct program_result){ 0, TEST_EXTENSION, 2, -1, -1, 1 };
	assert_true(program_result_valid(&x));
	program_result_describe(&x, buf, sizeof buf);
	assert_string_equal(buf, "2 finger widths (earlier test)");

	/* Scores: a percent of the source's reference, by the lower side. */
	x = res_of(0, TEST_ROTATION, 36, 45, -1);
	assert_int_equal(program_result_score(&x), 80);
	x = res_of(0, TEST_ROTATION, 60, 50, -1);
	assert_int_equal(program_result_score(&x), 111);
	assert_int_equal(program_side_score(TEST_ROTATION, 45), 100);
	x = res_of(0, TEST_WALL_ANGEL, 3, 1, 8);
	assert_int_equal(program_result_score(&x), 33);
	x = res_of(0, TEST_EXTENSION, 15, -1, -1);
	assert_int_equal(program_result_score(&x), 50);
	x = res_of(0, TEST_EXTENSION, 8, -1, -1);
	assert_int_equal(program_result_score(&x), 94);
	x = res_of(0, TEST_EXTENSION, 2, -1, -1);
	assert_int_equal(program_result_score(&x), 150);
	x = res_of(0, TEST_BREATHING, 12, 2, -1);
	assert_int_equal(program_result_score(&x), 75);
	x = res_of(0, TEST_BREATHING, 25, 0, -1);
	assert_int_equal(program_result_score(&x), 80);
	x = res_of(0, TEST_BREATHING, 16, 0, -1);
	assert_int_equal(program_result_score(&x), 100);
	x = res_of(0, TEST_ROTATION, 40, 32, -1);
	program_result_describe(&x, buf, sizeof buf);
	assert_string_equal(buf, "left 40, right 32 degrees (8 apart)");
	x = res_of(0, TEST_WALL_ANGEL, 2, 3, 1);
	program_result_describe(&x, buf, sizeof buf);
	assert_string_equal(buf, "left 2, right 3 of 3, 1 slide");
	x = res_of(0, TEST_BREATHING, 14, 1, -1);
	program_result_describe(&x, buf, sizeof buf);
	assert_string_equal(buf, "14 breaths a minute, both hands together");
}

/* The weakest compares like with like; sets are whole or partial. */
static void
self_test_sets(void **state)
{
	struct program_result	res[12];
	struct program_input	in;
	struct program_state	st;
	char			buf[400];

	(void)state;
	memset(&in, 0, sizeof in);
	in.start_day = START;
	in.results = res;

	/* No result: due from the start, all four asked. */
	in.nresults = 0;
	program_run(cat, &in, START + 3, &st);
	assert_int_equal(st.next_test, START);
	assert_false(st.partial);
	assert_int_equal(st.pending[TEST_ROTATION] + st.pending[
	    TEST_BREATHING], 2);
	program_release(&st);

	/* One of four: partial, the rest asked, due since that day. */
	res[0] = res_of(START + 1, TEST_ROTATION, 30, 40, -1);
	in.nresults = 1;
	program_run(cat, &in, START + 3, &st);
	assert_true(st.partial);
	assert_int_equal(st.next_test, START + 1);
	assert_int_equal(st.last_test, -1);
	assert_false(st.pending[TEST_ROTATION]);
	assert_true(st.pending[TEST_WALL_ANGEL]);
	assert_true(st.pending[TEST_EXTENSION]);
	assert_true(st.pending[TEST_BREATHING]);
	assert_int_equal(st.weakest, TEST_ROTATION);
	program_plan_line(&st, buf, sizeof buf);
	assert_non_null(strstr(buf, "the self-tests are partial, 3 of 4 "
	    "still to do"));
	program_release(&st);

	/* The rest days later: whole; due two weeks after the last. */
	res[1] = res_of(START + 4, TEST_WALL_ANGEL, 3, 3, -1);
	res[2] = res_of(START + 4, TEST_EXTENSION, 7, -1, -1);
	/* Chest first at a calm rate: 75, not below a stiff turn's 67. */
	res[3] = res_of(START + 5, TEST_BREATHING, 12, 2, -1);
	in.nresults = 4;
	program_run(cat, &in, START + 6, &st);
	assert_false(st.partial);
	assert_int_equal(st.last_test, START + 5);
	assert_int_equal(st.next_test, START + 5 + PROGRAM_TEST_DAYS);
	assert_int_equal(st.latest[TEST_ROTATION], 67);
	assert_int_equal(st.latest[TEST_BREATHING], 75);
	assert_int_equal(st.weakest, TEST_ROTATION);
	program_plan_line(&st, buf, sizeof buf);
	assert_null(strstr(buf, "self-test"));
	program_release(&st);

	/* A retake within the two weeks: scores, but no new set. */
	res[4] = res_of(START + 8, TEST_ROTATION, 45, 46, -1);
	in.nresults = 5;
	program_run(cat, &in, START + 9, &st);
	assert_false(st.partial);
	assert_int_equal(st.next_test, START + 5 + PROGRAM_TEST_DAYS);
	assert_int_equal(st.first[TEST_ROTATION], 67);
	assert_int_equal(st.latest[TEST_ROTATION], 100);
	assert_int_equal(st.weakest, TEST_BREATHING);
	program_release(&st);

	/* The next set begun when due, and partial again. */
	res[5] = res_of(START + 19, TEST_BREATHING, 12, 0, -1);
	in.nresults = 6;
	program_run(cat, &in, START + 20, &st);
	assert_true(st.partial);
	assert_int_equal(st.next_test, START + 19);
	assert_false(st.pending[TEST_BREATHING]);
	assert_true(st.pending[TEST_ROTATION]);
	/* All at 100 or more: no weakest. */
	assert_int_equal(st.latest[TEST_EXTENSION], 107);
	assert_int_equal(st.weakest, -1);
	program_release(&st);

	/* Earlier results are kept apart: no score, no set. */
	res[0] = (struct program_result){ START + 1, TEST_BREATHING, 0, -1,
	    -1, 1 };
	in.nresults = 1;
	program_run(cat, &in, START + 3, &st);
	assert_int_equal(st.latest[TEST_BREATHING], -1);
	assert_int_equal(st.weakest, -1);
	assert_false(st.partial);
	assert_int_equal(st.next_test, START);
	program_release(&st);
}

/*
 * The checkpointed replay. Each simulated history in turn: steady,
 * skipping days, pain rising, a small rise, red answers (one on an
 * unlocked variant, which gives back its base), a long break, and a
 * program started at the ribcage phase.
 */
#define NSCENARIOS	7

static void
sim_scenario(struct sim *s, int k)
{
	int	d;

	sim_init(s);
	switch (k) {
	case 1:
		for (d = 0; d < NDAYS; d++)
			s->active[d] = d % 7 < 3;
		break;
	case 2:
		for (d = 42; d < 49; d++)
			s->pain[d] = 5;
		break;
	case 3:
		for (d = 7; d < NDAYS; d++)
			s->pain[d] = 3;
		break;
	case 4:
		s->feel[22] = FEEL_SHARP;
		s->feel[24] = FEEL_TINGLING;
		s->feel[57] = FEEL_BURNING;
		break;
	case 5:
		for (d = 31; d < NDAYS; d++) {
			s->active[d] = 0;
			s->pain[d] = -1;
		}
		break;
	default:
		break;
	}
	sim_input(s);
	if (k == 4) {
		/* posture-reset's variant hurts once it is unlocked. */
		s->items[40][1].exercise = "band-pull-apart";
		s->items[40][1].feel = FEEL_SHARP;
	}
	if (k == 6)
		s->in.start_phase = PROGRAM_RIBCAGE;
}

/*
 * Two states alike in every field, each review and level included; b
 * may leave out the reviews before a checkpoint (b->reviews_before).
 */
static void
assert_same_state(const struct program_state *a,
    const struct program_state *b, long c, long d)
{
	const struct program_review	*ra;
	size_t				 i;

	if (a->today != b->today || a->start_day != b->start_day ||
	    a->phase != b->phase || a->phase_since != b->phase_since ||
	    a->week != b->week || a->phase_week != b->phase_week ||
	    a->active7 != b->active7 || a->red7 != b->red7 ||
	    a->last_test != b->last_test || a->next_test != b->next_test ||
	    a->weakest != b->weakest || a->partial != b->partial ||
	    memcmp(a->pending, b->pending, sizeof a->pending) != 0 ||
	    memcmp(a->latest, b->latest, sizeof a->latest) != 0 ||
	    memcmp(a->first, b->first, sizeof a->first) != 0 ||
	    a->reviews_before != 0 || b->nreviews == 0 ||
	    a->nreviews != b->reviews_before + b->nreviews ||
	    a->nlevels != b->nlevels)
		fail_msg("from day %ld, on day %ld: the state differs", c, d);
	for (i = 0; i < b->nreviews; i++) {
		ra = &a->reviews[b->reviews_before + i];
		if (ra->day != b->reviews[i].day ||
		    ra->move != b->reviews[i].move ||
		    ra->phase != b->reviews[i].phase ||
		    strcmp(ra->why, b->reviews[i].why) != 0)
			fail_msg("from day %ld, on day %ld: review %zu differs",
			    c, d, b->reviews_before + i);
	}
	for (i = 0; i < a->nlevels; i++)
		if (a->levels[i].ex != b->levels[i].ex ||
		    a->levels[i].level != b->levels[i].level ||
		    a->levels[i].row != b->levels[i].row ||
		    a->levels[i].unlocked != b->levels[i].unlocked ||
		    a->levels[i].changed != b->levels[i].changed)
			fail_msg("from day %ld, on day %ld: level of %s differs",
			    c, d, a->levels[i].ex->id);
}

/*
 * The history as the coach reads it for a replay from a checkpoint at
 * day c: only from PROGRAM_LOOKBACK days before it, and (to show that
 * it does not matter) half a day more of sessions than that.
 */
static void
sim_window(const struct sim *s, long c, struct program_input *w)
{
	*w = s->in;
	while (w->nsessions > 0 &&
	    w->sessions[0].day < c - PROGRAM_LOOKBACK - 1) {
		w->sessions++;
		w->nsessions--;
	}
	while (w->npains > 0 && w->pains[0].day < c - PROGRAM_LOOKBACK) {
		w->pains++;
		w->npains--;
	}
}

/*
 * For every day c of each simulated history, a checkpoint at c (kept
 * as text and read back), and from it a replay on the window the coach
 * reads to every later day d, gives exactly the state the whole replay
 * gives on d; read back without its reviews, the same but for the
 * reviews before c; and a checkpoint made from an earlier one, read
 * without its reviews, is the one made from the start.
 */
static void
checkpoint_replay_is_the_whole_replay(void **state)
{
	static struct sim		 s;
	static const struct program_result results[] = {
		{ START + 3, TEST_ROTATION, 30, 40, -1, 0 },
		{ START + 17, TEST_ROTATION, 40, 44, -1, 0 },
		{ START + 17, TEST_BREATHING, 14, 0, -1, 0 },
	};
	struct program_checkpoint	 cp, back, light, prev, next;
	struct program_input		 w;
	struct program_state		 a, b;
	char				*text, *text2, *rev, *rev2;
	long				 c, d;
	int				 k, runs = 0;

	(void)state;
	for (k = 0; k < NSCENARIOS; k++) {
		sim_scenario(&s, k);
		s.in.results = results;
		s.in.nresults = sizeof results / sizeof results[0];
		memset(&prev, 0, sizeof prev);
		for (c = START; c <= START + NDAYS; c++) {
			program_checkpoint(cat, &s.in, NULL, c, &cp);
			text = program_checkpoint_encode(&cp, &rev);
			assert_non_null(rev);
			assert_int_equal(program_checkpoint_decode(cat, text,
			    &back), 0);
			assert_int_equal(program_checkpoint_decode(cat, text,
			    &light), 0);
			assert_int_equal(light.reviews_before + 1,
			    cp.nreviews);
			assert_int_equal(program_checkpoint_reviews(&back,
			    rev), 0);
			text2 = program_checkpoint_encode(&back, &rev2);
			assert_string_equal(text, text2);
			assert_string_equal(rev, rev2);
			free(text2);
			free(rev2);
			sim_window(&s, c, &w);
			assert_true(program_checkpoint_fits(cat, &back, &w, c));
			assert_true(program_checkpoint_fits(cat, &light, &w,
			    c));
			for (d = c; d <= START + NDAYS; d++) {
				program_run(cat, &s.in, d, &a);
				program_run_from(cat, &w, &back, d, &b);
				assert_same_state(&a, &b, c, d);
				assert_int_equal(b.reviews_before, 0);
				program_release(&b);
				program_run_from(cat, &w, &light, d, &b);
				assert_same_state(&a, &b, c, d);
				program_release(&a);
				program_release(&b);
				runs++;
			}
			/* Chained: from the light checkpoint days before. */
			if (prev.nreviews > 0) {
				sim_window(&s, prev.day, &w);
				program_checkpoint(cat, &w, &prev, c, &next);
				text2 = program_checkpoint_encode(&next, &rev2);
				assert_string_equal(text, text2);
				/* With one review, there is none left out. */
				if (prev.reviews_before > 0)
					assert_null(rev2);
				else
					assert_string_equal(rev, rev2);
				free(text2);
				free(rev2);
				program_checkpoint_release(&next);
			}
			program_checkpoint_release(&back);
			if ((c - START) % 5 == 0) {
				program_checkpoint_release(&prev);
				prev = light;
			} else
				program_checkpoint_release(&light);
			free(text);
			free(rev);
			program_checkpoint_release(&cp);
		}
		program_checkpoint_release(&prev);
	}
	print_message("checkpoint_runs: %d compared day by day\n", runs);
}

/*
 * A checkpoint does not fit a replay from another start, another start
 * phase, a day before it, or another catalog's order; a damaged or
 * other version's text is refused.
 */
static void
checkpoint_refuses_what_does_not_fit(void **state)
{
	static struct sim		 s;
	struct program_checkpoint	 cp, back;
	struct program_input		 in;
	char				*text, *bad, *rev;
	size_t				 i, len;

	(void)state;
	sim_scenario(&s, 0);
	program_checkpoint(cat, &s.in, NULL, START + 30, &cp);
	assert_true(program_checkpoint_fits(cat, &cp, &s.in, START + 30));
	assert_false(program_checkpoint_fits(cat, &cp, &s.in, START + 29));
	in = s.in;
	in.start_day++;
	assert_false(program_checkpoint_fits(cat, &cp, &in, START + 40));
	in = s.in;
	in.start_phase = PROGRAM_EXTENSION;
	assert_false(program_checkpoint_fits(cat, &cp, &in, START + 40));
	text = program_checkpoint_encode(&cp, &rev);
	len = strlen(text);
	/* The first line names the version. */
	bad = xstrdup(text);
	bad[strlen("midback-program-checkpoint ")]++;
	assert_int_equal(program_checkpoint_decode(cat, bad, &back), -1);
	free(bad);
	/* Cut anywhere, it is refused. */
	for (i = 0; i < len; i += 7) {
		bad = xstrndup(text, i);
		assert_int_equal(program_checkpoint_decode(cat, bad, &back),
		    -1);
		free(bad);
	}
	/* Another exercise where the catalog has posture-reset. */
	bad = xstrdup(text);
	memcpy(strstr(bad, "level posture-reset") + 6, "posture-resat", 13);
	assert_int_equal(program_checkpoint_decode(cat, bad, &back), -1);
	free(bad);
	/* A level out of its range. */
	bad = xasprintf("%s", text);
	*strchr(strstr(bad, "level posture-reset ") + 20, ' ') = '9';
	assert_int_equal(program_checkpoint_decode(cat, bad, &back), -1);
	free(bad);
	/* Reviews that do not end with the checkpoint's last are refused. */
	assert_int_equal(program_checkpoint_decode(cat, text, &back), 0);
	for (i = 0; i < strlen(rev); i += 11) {
		bad = xstrndup(rev, i);
		assert_int_equal(program_checkpoint_reviews(&back, bad), -1);
		free(bad);
	}
	bad = xstrdup(rev);
	bad[strlen(bad) - 2] = '!';
	assert_int_equal(program_checkpoint_reviews(&back, bad), -1);
	free(bad);
	assert_int_equal(back.nreviews, 1);
	assert_int_equal(program_checkpoint_reviews(&back, rev), 0);
	assert_int_equal(back.nreviews, cp.nreviews);
	program_checkpoint_release(&back);
	free(rev);
	free(text);
	program_checkpoint_release(&cp);

	/* Two reviews, the last one damaged. */
	program_checkpoint(cat, &s.in, NULL, START + 8, &cp);
	assert_int_equal(cp.nreviews, 2);
	text = program_checkpoint_encode(&cp, &rev);
	assert_int_equal(program_checkpoint_decode(cat, text, &back), 0);
	rev[strlen(rev) - 1] = '\0';
	strrchr(rev, '\n')[6] = 'x';	/* "review" is no longer */
	rev[strlen(rev)] = '\n';
	assert_int_equal(program_checkpoint_reviews(&back, rev), -1);
	assert_int_equal(back.reviews_before, 1);
	program_checkpoint_release(&back);
	free(rev);
	free(text);
	program_checkpoint_release(&cp);
}

/*
 * The rules' fingerprint: the reviews and the two simulated exercises'
 * levels of every simulated history on its last day. When a rule or a
 * sentence changes this fails: bump PROGRAM_CHECKPOINT_VERSION (so that
 * stored checkpoints are replayed again), then the numbers here.
 */
static void
rules_fingerprint(void **state)
{
	static struct sim		 s;
	struct program_state		 st;
	const struct program_level	*lv;
	uint64_t			 h = 14695981039346656037ULL;
	char				 buf[400];
	size_t				 i, j;
	int				 k;

	(void)state;
	for (k = 0; k < NSCENARIOS; k++) {
		sim_scenario(&s, k);
		program_run(cat, &s.in, START + NDAYS, &st);
		for (i = 0; i < st.nreviews + 2; i++) {
			if (i < st.nreviews)
				snprintf(buf, sizeof buf, "%ld %d %d %s",
				    st.reviews[i].day, (int)st.reviews[i].move,
				    (int)st.reviews[i].phase,
				    st.reviews[i].why);
			else {
				lv = program_level_of(&st, i == st.nreviews ?
				    "posture-reset" : "open-book");
				snprintf(buf, sizeof buf, "%d %d %d %ld",
				    lv->level, lv->row, lv->unlocked,
				    lv->changed);
			}
			for (j = 0; buf[j] != '\0'; j++)
				h = (h ^ (unsigned char)buf[j]) *
				    1099511628211ULL;
		}
		program_release(&st);
	}
	print_message("rules_fingerprint: %016llx (version %d)\n",
	    (unsigned long long)h, PROGRAM_CHECKPOINT_VERSION);
	assert_int_equal(PROGRAM_CHECKPOINT_VERSION, 2);
	assert_true(h == 0x38c41a8570f5cd35ULL);
}

/* Twelve weeks replayed for each of 84 days, timed. */
static void
replay_is_fast(void **state)
{
	static struct sim	s;
	struct program_state	st;
	struct timespec		a, b;
	double			us;
	int			d;

	(void)state;
	sim_init(&s);
	sim_input(&s);
	clock_gettime(CLOCK_MONOTONIC, &a);
	for (d = 0; d <= NDAYS; d++) {
		program_run(cat, &s.in, START + d, &st);
		program_release(&st);
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	us = (double)(b.tv_sec - a.tv_sec) * 1e6 +
	    (double)(b.tv_nsec - a.tv_nsec) / 1e3;
	print_message("program_replay_us: %.0f (85 replays of up to 12 "
	    "weeks)\n", us);
	assert_true(us < 5e6);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(steady_moves_on_at_each_phase_end),
		cmocka_unit_test(skipping_days_holds),
		cmocka_unit_test(pain_rising_steps_back),
		cmocka_unit_test(small_pain_rise_holds),
		cmocka_unit_test(red_answers_step_back),
		cmocka_unit_test(long_break_steps_back_once),
		cmocka_unit_test(dose_moves_up_before_the_variant),
		cmocka_unit_test(unlocked_variant_replaces_its_base),
		cmocka_unit_test(phases_shift_the_planner),
		cmocka_unit_test(levels_stay_within_ranges),
		cmocka_unit_test(self_tests_read_and_score),
		cmocka_unit_test(self_test_sets),
		cmocka_unit_test(replay_is_fast),
		cmocka_unit_test(checkpoint_replay_is_the_whole_replay),
		cmocka_unit_test(checkpoint_refuses_what_does_not_fit),
		cmocka_unit_test(rules_fingerprint),
	};

	return (cmocka_run_group_tests(tests, catalog_setup,
	    catalog_teardown));
}
