/*
 * doc.c -- the JSON documents every front end sends: an exercise, a plan,
 * the program and its self-tests. `midback ... --json` prints them and
 * the web API answers with them, so the two can never differ. See doc.h.
 */
#include <stdlib.h>
#include <string.h>

#include "coach/cues.h"
#include "coach/doc.h"
#include "core/date.h"
#include "core/dose.h"
#include "core/nextday.h"
#include "core/program.h"
#include "core/utf8.h"
#include "core/xmalloc.h"

const char *
doc_stage_name(int stage)
{
	static const char *names[] = {
		"breathing",
		"extension",
		"ribcage and shoulder blades",
		"rotation and side-bending strength"
	};

	return (stage >= 0 && stage <= STAGE_MAX ? names[stage] : "?");
}

static json_t *
bits_json(unsigned bits, const struct names *names, const char *empty)
{
	json_t	*a = json_array();
	int	 i;

	for (i = 0; i < names->n; i++)
		if (bits & (1U << i))
			json_array_append_new(a, json_string(names->v[i]));
	if (json_array_size(a) == 0 && empty != NULL)
		json_array_append_new(a, json_string(empty));
	return (a);
}

static json_t *
strlist_json(const struct strlist *l)
{
	json_t	*a = json_array();
	size_t	 i;

	for (i = 0; i < l->n; i++)
		json_array_append_new(a, json_string(l->v[i]));
	return (a);
}

static void
range_json(json_t *o, const char *key, struct range r)
{
	if (r.min != 0)
		json_object_set_new(o, key, json_pack("{s:i,s:i}", "min",
		    r.min, "max", r.max));
}

void
doc_time_range(const struct exercise *e, int *lo, int *hi)
{
	struct prescription	rx;
	unsigned		step = 0;

	dose_min(&e->dose, &rx);
	*lo = dose_duration_s(&rx);
	while (dose_grow(&e->dose, &rx, step++))
		;
	*hi = dose_duration_s(&rx);
}

json_t *
doc_exercise_json(const struct exercise *e)
{
	json_t	*o, *dose;
	char	 words[128];
	int	 lo, hi;

	dose = json_object();
	range_json(dose, "sets", e->dose.sets);
	range_json(dose, "reps", e->dose.reps);
	range_json(dose, "hold_s", e->dose.hold_s);
	range_json(dose, "breaths", e->dose.breaths);
	json_object_set_new(dose, "per_side", json_boolean(e->dose.per_side));
	if (e->dose.tempo_s != 0)
		json_object_set_new(dose, "tempo_s",
		    json_integer(e->dose.tempo_s));
	if (e->dose.frequency_min != 0)
		json_object_set_new(dose, "frequency_min",
		    json_integer(e->dose.frequency_min));
	dose_describe(&e->dose, words, sizeof words);
	doc_time_range(e, &lo, &hi);

	o = json_object();
	json_object_set_new(o, "id", json_string(e->id));
	json_object_set_new(o, "name", json_string(e->name));
	json_object_set_new(o, "kind", json_string(
	    name_of(&catalog_kinds, e->kind)));
	json_object_set_new(o, "stage", json_integer(e->stage));
	json_object_set_new(o, "motions", bits_json(e->motions,
	    &catalog_motions, NULL));
	json_object_set_new(o, "targets", strlist_json(&e->targets));
	json_object_set_new(o, "position", json_string(e->position));
	json_object_set_new(o, "places", bits_json(e->places,
	    &catalog_places, NULL));
	json_object_set_new(o, "ground", json_string(
	    name_of(&catalog_grounds, (int)e->ground)));
	json_object_set_new(o, "equipment", bits_json(e->equipment,
	    &catalog_equips, "none"));
	json_object_set_new(o, "dose", dose);
	json_object_set_new(o, "dose_text", json_string(words));
	json_object_set_new(o, "steps", strlist_json(&e->steps));
	json_object_set_new(o, "cues", strlist_json(&e->cues));
	json_object_set_new(o, "cautions", strlist_json(&e->cautions));
	json_object_set_new(o, "regression", e->regression != NULL ?
	    json_string(e->regression) : json_null());
	json_object_set_new(o, "variants", strlist_json(&e->variants));
	if (e->harder != NULL) {
		json_object_set_new(o, "harder", json_string(e->harder));
		if (e->unlock_after > 0)
			json_object_set_new(o, "unlock_after",
			    json_integer(e->unlock_after));
	}
	json_object_set_new(o, "not_for", bits_json(e->not_for,
	    &catalog_limits, NULL));
	if (e->feel != NULL)
		json_object_set_new(o, "feel", json_string(e->feel));
	json_object_set_new(o, "suits", strlist_json(&e->suits));
	json_object_set_new(o, "why", json_string(e->why));
	json_object_set_new(o, "source", strlist_json(&e->source));
	json_object_set_new(o, "time_s", json_pack("{s:i,s:i}", "min", lo,
	    "max", hi));
	return (o);
}

json_t *
doc_plan_json(const struct plan *p, long day, int minutes)
{
	json_t	*j, *items, *it;
	char	 date[DATE_BUFSZ];
	size_t	 i;

	date_format(day, date);
	items = json_array();
	for (i = 0; i < p->n; i++) {
		const struct plan_item *pi = &p->items[i];

		it = json_object();
		json_object_set_new(it, "id", json_string(pi->ex->id));
		json_object_set_new(it, "name", json_string(pi->ex->name));
		json_object_set_new(it, "stage", json_integer(pi->ex->stage));
		json_object_set_new(it, "sets", json_integer(pi->rx.sets));
		json_object_set_new(it, "reps", json_integer(pi->rx.reps));
		json_object_set_new(it, "hold_s", json_integer(pi->rx.hold_s));
		json_object_set_new(it, "breaths",
		    json_integer(pi->rx.breaths));
		json_object_set_new(it, "per_side",
		    json_boolean(pi->rx.per_side));
		json_object_set_new(it, "duration_s",
		    json_integer(pi->duration_s));
		/* A change of position first, its seconds in duration_s. */
		if (pi->rx.change != CHANGE_NONE) {
			struct phase	ph = { PHASE_CHANGE, SIDE_NONE, 1,
			    pi->rx.change, DOSE_CHANGE_S };

			json_object_set_new(it, "change", json_string(
			    pi->rx.change == CHANGE_DOWN ? "down" : "up"));
			json_object_set_new(it, "change_words",
			    json_string(cue_phase(&ph)));
			json_object_set_new(it, "change_s",
			    json_integer(DOSE_CHANGE_S));
		}
		json_array_append_new(items, it);
	}
	j = json_object();
	json_object_set_new(j, "date", json_string(date));
	json_object_set_new(j, "minutes", json_integer(minutes));
	json_object_set_new(j, "total_s", json_integer(p->total_s));
	json_object_set_new(j, "items", items);
	return (j);
}

json_t *
doc_json_text(const char *s)
{
	json_t		*j;
	char		*fixed, *p;
	unsigned	 cp;
	size_t		 n;

	if (s == NULL)
		return (json_null());
	if ((j = json_string(s)) != NULL)
		return (j);
	/*
	 * jansson refuses a string that is not UTF-8, and a record built
	 * from it would silently vanish from the export. Failing the whole
	 * export instead would leave the person with no way to save their
	 * history over a stray byte they cannot edit away; the bytes mean
	 * nothing a reader could recover anyway. So each bad byte becomes
	 * U+FFFD (3 bytes) and everything else is kept as it was.
	 */
	p = fixed = xmalloc(strlen(s) * 3 + 1);
	while (*s != '\0') {
		if ((n = utf8_len(s, &cp)) == 0) {
			memcpy(p, "\xef\xbf\xbd", 3);
			p += 3;
			s++;
			continue;
		}
		memcpy(p, s, n);
		p += n;
		s += n;
	}
	*p = '\0';
	j = json_string(fixed);
	free(fixed);
	return (j != NULL ? j : json_null());
}

/*
 * The catalog names its sources by the file names of the articles it was
 * written from, which mean nothing to a reader: say what each one is.
 * Anything else (general practice, a person's own file) is shown as it
 * is written.
 */
const char *
doc_source_words(const char *source)
{
	static const char *const known[][2] = {
		{ "000_a93938ae6ac720a0.txt",
		    "an article on mid-back mobility stretches" },
		{ "001_0efe8dbd1584015e.txt",
		    "an article of stretches from a physiotherapist and "
		    "chiropractors" },
		{ "002_4fc982b00a558878.txt",
		    "an article on easing mid-back tension from desk work" },
	};
	size_t	i;

	for (i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(source, known[i][0]) == 0)
			return (known[i][1]);
	return (source);
}

json_t *
doc_json_day(long day)
{
	char	buf[DATE_BUFSZ];

	date_format(day, buf);
	return (json_string(buf));
}

static const char *const move_names[] = {
	"start", "hold", "advance", "back"
};

/* A number, or null for -1. */
static json_t *
int_or_null(int v)
{
	return (v < 0 ? json_null() : json_integer(v));
}

json_t *
doc_selftests_json(const struct store_program_data *d)
{
	const struct program_test_def	*def;
	const struct store_selftest	*r;
	struct program_result		 pr;
	json_t				*a, *res, *o;
	char				 day[DATE_BUFSZ], at[DATE_ISO_BUFSZ];
	char				 text[96];
	size_t				 i;
	int				 t;

	a = json_array();
	for (t = 0; t < TEST_COUNT; t++) {
		def = &program_tests[t];
		res = json_array();
		for (i = 0; i < d->ntests; i++) {
			r = &d->tests[i];
			if (r->test != t)
				continue;
			store_selftest_result(r, &pr);
			date_format(date_of_ms(r->at_ms, r->tz_min), day);
			date_iso(r->at_ms, r->tz_min, 0, at);
			program_result_describe(&pr, text, sizeof text);
			o = json_pack("{s:s, s:s, s:o, s:o, s:o, s:b, s:o, "
			    "s:s, s:s}", "date", day, "at", at,
			    "value", int_or_null(r->value),
			    "extra", int_or_null(r->extra),
			    "more", int_or_null(r->more),
			    "earlier", pr.earlier,
			    "score", int_or_null(program_result_score(&pr)),
			    "text", text, "measured_by",
			    r->measured_by[0] != '\0' ? r->measured_by :
			    "manual");
			if (def->sides && !pr.earlier)
				json_object_update_new(o, json_pack("{s:i, "
				    "s:i, s:i, s:i, s:i}", "left", r->value,
				    "right", r->extra, "difference",
				    abs(r->value - r->extra), "left_score",
				    program_side_score(t, r->value),
				    "right_score", program_side_score(t,
				    r->extra)));
			json_array_append_new(res, o);
		}
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:b, "
		    "s:s?, s:s, s:s, s:o}", "test", def->id, "name", def->name,
		    "measures", def->measures, "sides", def->sides, "unit",
		    def->q[0].unit, "reference", def->reference, "source",
		    def->source, "results", res));
	}
	return (a);
}

json_t *
doc_program_json(const struct coach_program *cp, const struct catalog *cat)
{
	const struct program_state	*st = &cp->st;
	const struct program_level	*lv;
	const char			*to;
	json_t				*j, *rev, *exs, *phases, *pending;
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
	pending = json_array();
	for (i = 0; i < TEST_COUNT; i++)
		if (st->pending[i])
			json_array_append_new(pending,
			    json_string(program_tests[i].id));
	json_object_set_new(j, "selftests", json_pack("{s:s, s:b, s:b, s:o, "
	    "s:o, s:o}", "next_due", day, "due", st->today >= st->next_test,
	    "partial", st->partial, "pending", pending, "weakest",
	    st->weakest < 0 ? json_null() :
	    json_string(program_tests[st->weakest].id),
	    "tests", doc_selftests_json(&cp->results)));
	return (j);
}

json_t *
doc_limits_json(void)
{
	json_t	*places = json_array(), *names = json_array(), *def;
	int	 i;

	for (i = 0; i < plan_places.n; i++)
		json_array_append_new(places, json_string(plan_places.v[i]));
	for (i = 0; i < catalog_equips.n; i++)
		json_array_append_new(names, json_string(catalog_equips.v[i]));
	def = bits_json(COACH_EQUIP_DEFAULT, &catalog_equips, NULL);
	return (json_pack("{s:{s:i,s:i,s:i}, s:{s:o,s:s}, s:{s:o,s:o},"
	    " s:{s:i,s:i,s:i,s:i,s:i}, s:{s:i,s:i,s:i,s:i,s:i}}",
	    "minutes", "min", PLAN_MINUTES_MIN, "max", PLAN_MINUTES_MAX,
	    "default", PLAN_MINUTES_DEFAULT,
	    "place", "names", places, "default",
	    name_of(&plan_places, PLAN_ANYWHERE),
	    "equipment", "names", names, "default", def,
	    "pain", "min", 0, "max", 10, "stop", SCREEN_PAIN_STOP, "rise",
	    SCREEN_PAIN_RISE, "recheck", SCREEN_RECHECK_PAIN,
	    "program", "active_days", PROGRAM_MIN_ACTIVE, "pain_rise",
	    PROGRAM_PAIN_RISE, "red_answers", PROGRAM_RED_BACK, "away_days",
	    PROGRAM_BREAK_DAYS, "test_days", PROGRAM_TEST_DAYS));
}

/* A streak: its days, and its first and last dates (null when none). */
static json_t *
streak_json(const struct stats_streak *st)
{
	return (json_pack("{s:i, s:o, s:o}", "days", st->days,
	    "first", st->days > 0 ? doc_json_day(st->first) : json_null(),
	    "last", st->days > 0 ? doc_json_day(st->last) : json_null()));
}

json_t *
doc_stats_json(const struct coach_stats *cs, const struct catalog *cat)
{
	const struct stats		*s = &cs->s;
	const struct stats_exercise	*ex;
	const struct exercise		*e;
	json_t				*weeks, *fav, *aside, *days, *w;
	char				 iso[DATE_ISO_BUFSZ];
	unsigned char			 active[DOC_CALENDAR_DAYS];
	double				 score;
	long				 d;
	size_t				 i;

	weeks = json_array();
	for (i = 0; i < s->nweeks; i++) {
		w = json_pack("{s:o, s:o, s:i, s:i, s:i, s:i}",
		    "first", doc_json_day(s->weeks[i].first),
		    "last", doc_json_day(s->weeks[i].first + 6),
		    "minutes", s->weeks[i].minutes,
		    "sessions", s->weeks[i].sessions,
		    "breaks", s->weeks[i].breaks,
		    "pain_ratings", s->weeks[i].npain);
		json_object_set_new(w, "pain_mean", s->weeks[i].npain > 0 ?
		    json_real(s->weeks[i].pain_mean) : json_null());
		json_array_append_new(weeks, w);
	}
	fav = json_array();
	for (i = 0; i < s->nfavourites; i++) {
		ex = &cs->rows.exs[s->favourites[i]];
		e = catalog_find(cat, ex->id);
		json_array_append_new(fav, json_pack("{s:o, s:o, s:i, s:i, "
		    "s:i, s:i, s:o}", "id", doc_json_text(ex->id), "name",
		    doc_json_text(e != NULL ? e->name : ex->id), "done",
		    ex->done, "good", ex->good, "fair", ex->fair, "bad",
		    ex->bad, "feel_score", stats_feel(ex, &score) ?
		    json_real(score) : json_null()));
	}
	aside = json_array();
	for (i = 0; i < s->naside; i++) {
		e = catalog_find(cat, s->aside[i].id);
		date_iso(s->aside[i].until_ms, cs->tz_min, 0, iso);
		json_array_append_new(aside, json_pack("{s:o, s:o, s:s, s:o}",
		    "id", doc_json_text(s->aside[i].id), "name",
		    doc_json_text(e != NULL ? e->name : s->aside[i].id),
		    "until", iso, "back_on", doc_json_day(date_of_ms(
		    s->aside[i].until_ms, cs->tz_min))));
	}
	/* The calendar: the last five weeks, a day active as a streak's. */
	memset(active, 0, sizeof active);
	for (i = 0; i < cs->rows.nacts; i++) {
		if (!cs->rows.acts[i].counts)
			continue;
		d = cs->today - date_of_ms(cs->rows.acts[i].start_ms,
		    cs->rows.acts[i].tz_min);
		if (d >= 0 && d < DOC_CALENDAR_DAYS)
			active[DOC_CALENDAR_DAYS - 1 - d] = 1;
	}
	days = json_array();
	for (i = 0; i < DOC_CALENDAR_DAYS; i++)
		json_array_append_new(days, json_pack("{s:o, s:b}", "date",
		    doc_json_day(cs->today - DOC_CALENDAR_DAYS + 1 + (long)i),
		    "active", active[i]));
	return (json_pack("{s:o, s:o, s:{s:i, s:i, s:i}, s:o, s:o, s:o, "
	    "s:o, s:{s:i, s:i, s:i, s:i, s:i}, s:o, s:o}",
	    "current_streak", streak_json(&s->current),
	    "longest_streak", streak_json(&s->longest),
	    "adherence", "days", s->adherence,
	    "of", STATS_ADHERENCE_DAYS,
	    "minutes_needed", STATS_ADHERENCE_S / 60,
	    "weeks", weeks,
	    "pain_change", s->has_pain_change ? json_real(s->pain_change) :
	    json_null(),
	    "favourites", fav,
	    "set_aside", aside,
	    "reminders_28_days", "taken", cs->counts[0], "snoozed",
	    cs->counts[1], "skipped", cs->counts[2], "missed", cs->counts[3],
	    "natural", cs->counts[4],
	    "days", days,
	    "selftests", doc_selftests_json(&cs->tests)));
}

char *
doc_text(const json_t *j)
{
	char	*s, *t;

	if ((s = json_dumps(j, DOC_FLAGS)) == NULL)
		return (NULL);
	t = xasprintf("%s\n", s);
	free(s);
	return (t);
}

/* How many answers of each kind fall on days from..to. */
static json_t *
nextday_counts(const struct coach_nextday *nd, long from, long to)
{
	struct nextday_day	 v;
	json_t			*o = json_object();
	size_t			 i;
	int			 k[NEXTDAY_NANSWERS] = { 0 }, a;

	for (i = 0; i < nd->nanswers; i++) {
		v.day = nd->answers[i].day;
		v.answer = nd->answers[i].answer;
		if (v.day >= from && v.day <= to && v.answer >= 0 &&
		    v.answer < NEXTDAY_NANSWERS)
			k[v.answer]++;
	}
	for (a = 0; a < NEXTDAY_NANSWERS; a++)
		json_object_set_new(o, nextday_name(a), json_integer(k[a]));
	return (o);
}

void
doc_program_nextday(json_t *j, const struct coach_program *cp,
    const struct coach_nextday *nd)
{
	const struct program_state	*st = &cp->st;
	json_t				*o, *ans, *rev, *r;
	char				 day[DATE_BUFSZ];
	size_t				 i, from;

	ans = json_array();
	from = nd->nanswers > 28 ? nd->nanswers - 28 : 0;
	for (i = from; i < nd->nanswers; i++) {
		date_format(nd->answers[i].day, day);
		json_array_append_new(ans, json_pack("{s:s, s:s}", "date", day,
		    "answer", nextday_name(nd->answers[i].answer)));
	}
	if (nd->held_since >= 0)
		date_format(nd->held_since, day);
	o = json_pack("{s:o, s:o, s:b, s:o, s:b, s:s?, s:s?}", "answers", ans,
	    "last_7_days", nextday_counts(nd, st->today - NEXTDAY_HOLD_DAYS +
	    1, st->today), "held", nd->held, "held_since", nd->held_since >= 0 ?
	    json_string(day) : json_null(), "no_improvement", nd->no_change,
	    "advice", nd->advice, "notice", nd->no_change ? nd->notice : NULL);
	json_object_set_new(j, "nextday", o);
	/* A review weighs the week before its day. */
	rev = json_object_get(j, "reviews");
	for (i = 0; i < json_array_size(rev) && i < st->nreviews; i++) {
		r = json_array_get(rev, i);
		json_object_set_new(r, "nextday", nextday_counts(nd,
		    st->reviews[i].day - PROGRAM_REVIEW_DAYS,
		    st->reviews[i].day - 1));
	}
}

/*
 * Whether j nests deeper than max below a container at level: -1, with
 * *where the path from j to the first container too deep ("" for j
 * itself), else 0. Never looks below level max + 1.
 */
static int
depth_walk(json_t *j, int level, int max, char **where)
{
	const char	*k;
	json_t		*v;
	size_t		 i;
	char		*sub, *p;

	if (!json_is_object(j) && !json_is_array(j))
		return (0);
	if (level > max) {
		*where = xstrdup("");
		return (-1);
	}
	if (json_is_array(j)) {
		json_array_foreach(j, i, v)
			if (depth_walk(v, level + 1, max, &sub) != 0) {
				p = xasprintf("[%zu]%s", i, sub);
				free(sub);
				*where = p;
				return (-1);
			}
		return (0);
	}
	json_object_foreach(j, k, v)
		if (depth_walk(v, level + 1, max, &sub) != 0) {
			p = xasprintf(".%s%s", k, sub);
			free(sub);
			*where = p;
			return (-1);
		}
	return (0);
}

int
doc_json_depth(json_t *j, int max, char **where)
{
	char	*sub;

	if (depth_walk(j, 1, max, &sub) == 0)
		return (0);
	*where = xstrdup(sub[0] == '.' ? sub + 1 : sub[0] == '\0' ? "top level" :
	    sub);
	free(sub);
	return (-1);
}
