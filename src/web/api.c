/*
 * api.c -- the JSON API under /api, which the pages use and a script
 * could (docs/api.md). Every handler checks its input whole before it
 * changes anything: malformed JSON, a field of the wrong type or an
 * unknown field is a 400 with a message, and nothing is stored.
 *
 * The rules are the coach's and the core's; this file only turns JSON
 * into their calls and their results into JSON.
 */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "coach/doc.h"
#include "coach/poses.h"
#include "web/web.h"
#include "coach/program.h"
#include "coach/settings.h"
#include "coach/export.h"
#include "core/figsvg.h"
#include "core/nextday.h"
#include "core/config.h"
#include "core/date.h"
#include "core/dose.h"
#include "core/program.h"
#include "core/screen.h"
#include "core/stats.h"
#include "core/xmalloc.h"
#include "sys/clock.h"
#include "sys/fileio.h"
#include "sys/paths.h"


static const char *
arg(const struct web_req *q, const char *name)
{
	return (q->arg != NULL ? q->arg(q->ctx, name) : NULL);
}

/* The body as a JSON object, or NULL after a 400. */
static json_t *
body_json(const struct web_req *q, struct web_reply *r)
{
	json_error_t	 je;
	json_t		*j;
	char		*where;

	if (q->body == NULL || q->len == 0) {
		web_error(r, 400, "a JSON body is needed");
		return (NULL);
	}
	if ((j = json_loadb(q->body, q->len, JSON_REJECT_DUPLICATES, &je)) ==
	    NULL) {
		web_error(r, 400, "malformed JSON at line %d: %s", je.line,
		    je.text);
		return (NULL);
	}
	if (!json_is_object(j)) {
		web_error(r, 400, "expected a JSON object");
		json_decref(j);
		return (NULL);
	}
	if (doc_json_depth(j, DOC_JSON_DEPTH_MAX, &where) != 0) {
		web_error(r, 400, "%s: nested deeper than %d levels", where,
		    DOC_JSON_DEPTH_MAX);
		free(where);
		json_decref(j);
		return (NULL);
	}
	return (j);
}

/* GET /api/today: the day's plan, as `today --json` and more. */
static void
api_today(struct web *w, const struct web_req *q, struct web_reply *r)
{
	struct plan_opts	 o;
	struct plan		 p = PLAN_INIT;
	const char		*one = arg(q, "one");
	char			*cause = NULL, **aside = NULL, words[128];
	char			*key, line[512] = "";
	size_t			 naside = 0, i;
	json_t			*j, *items, *it;
	int64_t			 stamp = -1;
	int			 rc;

	if (web_plan_opts(w, arg(q, "minutes"), arg(q, "place"),
	    arg(q, "equipment"), arg(q, "date"), &o, &cause) == -1) {
		web_error(r, 400, "%s", cause);
		free(cause);
		return;
	}
	key = xasprintf("%s|%s|%s|%s|%s|%ld", arg(q, "minutes") ? arg(q,
	    "minutes") : "", arg(q, "place") ? arg(q, "place") : "",
	    arg(q, "equipment") ? arg(q, "equipment") : "", arg(q, "date") ?
	    arg(q, "date") : "", one != NULL ? one : "", o.day);
	live_lock(w->live);
	rc = w->coach.store == NULL ? -1 : coach_stamp(&w->coach, &stamp,
	    &cause);
	if (rc == 0 && w->today.key != NULL && stamp == w->today.stamp &&
	    strcmp(key, w->today.key) == 0) {
		r->body = xstrdup(w->today.body);
		live_unlock(w->live);
		free(key);
		r->status = 200;
		r->type = "application/json";
		r->cache = "no-store";
		r->len = strlen(r->body);
		return;
	}
	free(cause);
	cause = NULL;
	rc = one != NULL && strcmp(one, "1") == 0 ? coach_plan_one(&w->coach,
	    &o, &p, &aside, &naside, &cause) : coach_plan_program(&w->coach,
	    &o, &p, &aside, &naside, line, sizeof line, &cause);
	/* Planning may write (the program's start): stamp it after. */
	if (rc == 0 && (w->coach.store == NULL || coach_stamp(&w->coach,
	    &stamp, &cause) != 0)) {
		stamp = -1;
		free(cause);
		cause = NULL;
	}
	live_unlock(w->live);
	if (rc == -1) {
		web_error(r, 500, "%s", cause);
		free(cause);
		free(key);
		return;
	}
	j = doc_plan_json(&p, o.day, o.minutes);
	items = json_object_get(j, "items");
	for (i = 0; i < p.n; i++) {
		it = json_array_get(items, i);
		dose_describe_rx(&p.items[i].rx, words, sizeof words);
		json_object_set_new(it, "dose_text", json_string(words));
		json_object_set_new(it, "stage_name", json_string(
		    doc_stage_name(p.items[i].ex->stage)));
		json_object_set_new(it, "position", json_string(
		    p.items[i].ex->position));
	}
	json_object_set_new(j, "one", json_boolean(one != NULL &&
	    strcmp(one, "1") == 0));
	/* How the plan follows the program, as `today` says it. */
	if (line[0] != '\0')
		json_object_set_new(j, "program", json_string(line));
	coach_aside_free(aside, naside);
	plan_release(&p);
	web_json(r, j);
	live_lock(w->live);
	free(w->today.key);
	free(w->today.body);
	w->today.key = NULL;
	w->today.body = NULL;
	if (r->status == 200 && stamp != -1) {
		w->today.key = key;
		w->today.stamp = stamp;
		w->today.body = xstrdup(r->body);
		key = NULL;
	}
	live_unlock(w->live);
	free(key);
}

/* GET /api/exercises: the catalog, filtered as `list` filters. */
static void
api_exercises(struct web *w, const struct web_req *q, struct web_reply *r)
{
	const struct catalog	*c = w->coach.catalog;
	const char		*motion = arg(q, "motion");
	const char		*place = arg(q, "place");
	const char		*equip = arg(q, "equipment");
	struct plan_opts	 o;
	char			*cause = NULL;
	json_t			*a;
	size_t			 i;
	int			 m = 0, pl = 0;

	if (motion != NULL && *motion != '\0' &&
	    (m = name_find_bit(&catalog_motions, motion)) <= 0) {
		web_error(r, 400, "motion: unknown '%s'", motion);
		return;
	}
	if (place != NULL && *place != '\0' &&
	    (pl = name_find_bit(&catalog_places, place)) <= 0) {
		web_error(r, 400, "place: unknown '%s'", place);
		return;
	}
	if (equip != NULL && *equip == '\0')
		equip = NULL;
	if (web_plan_opts(w, NULL, NULL, equip, NULL, &o, &cause) == -1) {
		web_error(r, 400, "%s", cause);
		free(cause);
		return;
	}
	a = json_array();
	for (i = 0; i < c->n; i++) {
		const struct exercise *e = &c->ex[i];

		if (m != 0 && (e->motions & (unsigned)m) == 0)
			continue;
		if (pl != 0 && (e->places & (unsigned)pl) == 0)
			continue;
		if (equip != NULL && (e->equipment & ~o.equipment) != 0)
			continue;
		json_array_append_new(a, doc_exercise_json(e));
	}
	web_json(r, json_pack("{s:o}", "exercises", a));
}

/*
 * GET /api/exercises/ID/figure.svg: the exercise's figure moving through
 * its keyframes (both sides when it has two), as `midback show ID --svg`
 * draws it; GET /api/exercises/ID/still.svg (or still-N.svg, keyframe N):
 * one keyframe of it, small. The same catalog gives the same picture: it
 * may be kept.
 */
static void
api_figure(const struct exercise *e, int still, struct web_reply *r)
{
	struct figsvg_opts	o = FIGSVG_OPTS_INIT;

	o.both_sides = 1;
	/*
	 * still.svg: one keyframe, drawn small, for a list's thumbnail (a
	 * few KB): the second, where the movement shows, when there is one;
	 * still-N.svg: keyframe N (from 1), for the camera mode to show
	 * beside the person the keyframe they are at.
	 */
	if (still != 0 && e->figure != NULL) {
		if (still > e->figure->npose) {
			web_error(r, 404, "%s has %d keyframes", e->id,
			    e->figure->npose);
			return;
		}
		o.pose = still > 0 ? still - 1 : e->figure->npose > 1 ? 1 : 0;
		o.px_per_cm = 0.5;
	}
	if ((r->body = figure_svg(e, &o)) == NULL) {
		web_error(r, 404, "no figure for %s", e->id);
		return;
	}
	r->status = 200;
	r->type = "image/svg+xml";
	r->cache = "max-age=3600";
	/* Its animation is the SVG's own <style>; it loads nothing. */
	r->csp = "default-src 'none'; style-src 'unsafe-inline'; "
	    "frame-ancestors 'none'";
	r->len = strlen(r->body);
}

static void
api_exercise(struct web *w, const char *rest, struct web_reply *r)
{
	const struct exercise	*e;
	const char		*slash = strchr(rest, '/');
	char			*id;
	json_t			*j, *words;
	size_t			 i;

	id = slash != NULL ? xasprintf("%.*s", (int)(slash - rest), rest) :
	    xstrdup(rest);
	e = catalog_find(w->coach.catalog, id);
	free(id);
	if (e == NULL) {
		web_error(r, 404, "no such exercise");
		return;
	}
	if (slash == NULL) {
		j = doc_exercise_json(e);
		words = json_array();
		for (i = 0; i < e->source.n; i++)
			json_array_append_new(words,
			    json_string(doc_source_words(e->source.v[i])));
		json_object_set_new(j, "source_words", words);
		web_json(r, j);
		return;
	}
	if (strcmp(slash, "/figure.svg") == 0 ||
	    strcmp(slash, "/still.svg") == 0) {
		api_figure(e, strcmp(slash, "/still.svg") == 0 ? -1 : 0, r);
		return;
	}
	/* still-1.svg to still-5.svg: one digit, nothing after it. */
	if (strncmp(slash, "/still-", 7) == 0 && slash[7] >= '1' &&
	    slash[7] <= '5' && strcmp(slash + 8, ".svg") == 0) {
		api_figure(e, slash[7] - '0', r);
		return;
	}
	if (strcmp(slash, "/poses") == 0) {
		if ((j = poses_json(e)) == NULL) {
			web_error(r, 404, "no figure for %s", e->id);
			return;
		}
		web_json(r, j);
		/* The same catalog gives the same keyframes. */
		r->cache = "max-age=3600";
		return;
	}
	web_error(r, 404, "no such page");
}

/* GET /api/screen: whether the warning-signs questions are open. */
static void
api_screen_get(struct web *w, struct web_reply *r)
{
	struct screen		*s;
	struct coach_gate	 g;
	json_t			*qs, *j;
	char			*cause = NULL;
	size_t			 i;
	int			 rc;

	live_lock(w->live);
	rc = coach_gate(&w->coach, &g, &cause);
	live_unlock(w->live);
	if (rc == -1) {
		web_error(r, 500, "%s", cause);
		free(cause);
		return;
	}
	if ((s = coach_screen_load()) == NULL) {
		coach_gate_release(&g);
		web_error(r, 500, "the built-in screen cannot be read");
		return;
	}
	qs = json_array();
	for (i = 0; i < s->n; i++)
		json_array_append_new(qs, json_pack("{s:s,s:s,s:s,s:s?,s:b,"
		    "s:b,s:b,s:s,s:s}", "id", s->q[i].id, "name",
		    s->q[i].name, "text", s->q[i].text, "group",
		    s->q[i].group, "emergency", s->q[i].emergency, "adjust",
		    s->q[i].adjust, "clearable",
		    screen_clearable(&s->q[i]), "why", s->q[i].why,
		    "source", s->q[i].source));
	/* "needed": the coach's gate says the screen comes first; "why":
	 * its sentence, whatever stops a session now. */
	j = json_pack("{s:b,s:b,s:s,s:s?,s:s,s:s,s:s,s:s,s:s?,s:o}",
	    "needed", g.ask_screen, "first", g.first, "gate",
	    coach_gate_name(g.state), "why", g.why,
	    "intro", s->text[SCREEN_T_INTRO], "any", s->text[SCREEN_T_ANY],
	    "notice", s->text[SCREEN_T_NOTICE],
	    "accept", s->text[SCREEN_T_ACCEPT],
	    "cleared", s->text[SCREEN_T_CLEARED], "questions", qs);
	web_json(r, j);
	coach_gate_release(&g);
	screen_free(s);
}

/*
 * POST /api/screen: {"answers":[bool...], "cleared":[bool...],
 * "accepted": bool|null}; cleared[i] says a clinician has cleared the
 * sign answered yes at i (only a sign a clearance covers keeps it), one
 * by one.
 */
static void
api_screen_post(struct web *w, json_t *b, struct web_reply *r)
{
	static const char *const verdicts[] = { "go", "emergency",
	    "clinician", "declined", "unanswered" };
	struct screen		*s;
	enum screen_verdict	 v;
	json_error_t		 je;
	json_t			*ans, *acc = NULL, *clr = NULL, *x;
	char			*cause = NULL;
	const char		*advice = NULL;
	int			*answers, *cleared, accepted = -1, rc;
	size_t			 i, n;

	if (json_unpack_ex(b, &je, JSON_STRICT, "{s:o,s?o,s?o}", "answers",
	    &ans, "cleared", &clr, "accepted", &acc) != 0) {
		web_error(r, 400, "%s", je.text);
		return;
	}
	if ((s = coach_screen_load()) == NULL) {
		web_error(r, 500, "the built-in screen cannot be read");
		return;
	}
	if (!json_is_array(ans) || json_array_size(ans) > s->n) {
		web_error(r, 400, "answers: expected up to %zu true/false",
		    s->n);
		screen_free(s);
		return;
	}
	if (acc != NULL && !json_is_null(acc) && !json_is_boolean(acc)) {
		web_error(r, 400, "accepted: expected true, false or null");
		screen_free(s);
		return;
	}
	if (acc != NULL && json_is_boolean(acc))
		accepted = json_is_true(acc);
	if (clr != NULL && (!json_is_array(clr) ||
	    json_array_size(clr) > json_array_size(ans))) {
		web_error(r, 400, "cleared: expected up to one true/false per "
		    "answer");
		screen_free(s);
		return;
	}
	n = json_array_size(ans);
	answers = xcalloc(s->n, sizeof *answers);
	cleared = xcalloc(s->n, sizeof *cleared);
	json_array_foreach(ans, i, x) {
		if (!json_is_boolean(x)) {
			web_error(r, 400, "answers[%zu]: expected true or "
			    "false", i);
			goto out;
		}
		answers[i] = json_is_true(x);
	}
	json_array_foreach(clr, i, x) {
		if (!json_is_boolean(x)) {
			web_error(r, 400, "cleared[%zu]: expected true or "
			    "false", i);
			goto out;
		}
		cleared[i] = json_is_true(x);
	}
	live_lock(w->live);
	rc = coach_screen_save(&w->coach, s, answers, n, cleared, accepted,
	    &v, &cause);
	live_unlock(w->live);
	if (rc == -1) {
		web_error(r, 500, "%s", cause);
		free(cause);
	} else {
		if (v == SCREEN_EMERGENCY)
			advice = s->text[SCREEN_T_EMERGENCY];
		else if (v == SCREEN_CLINICIAN)
			advice = s->text[SCREEN_T_CLINICIAN];
		web_json(r, json_pack("{s:s,s:s?}", "verdict", verdicts[v],
		    "advice", advice));
	}
out:
	free(answers);
	free(cleared);
	screen_free(s);
}

/* The next-day state as GET /api/nextday gives it. */
static json_t *
nextday_json(const struct coach_nextday *nd)
{
	return (json_pack("{s:o,s:o,s:i,s:b,s:s?,s:s?}",
	    "ask", nd->ask ? json_pack("{s:s,s:[sss]}", "question",
	    coach_nextday_question, "answers", "better", "same", "worse") :
	    json_null(), "answer", nd->answer < 0 ? json_null() :
	    json_string(nextday_name(nd->answer)), "worse_7_days", nd->worse7,
	    "held", nd->held, "advice", nd->advice, "notice",
	    nd->notice_due ? nd->notice : NULL));
}

/*
 * GET /api/nextday: what to ask today ("ask", or null), today's answer,
 * the words for today and the six-week words while not yet seen.
 */
static void
api_nextday_get(struct web *w, struct web_reply *r)
{
	struct coach_nextday	 nd;
	char			*cause = NULL;
	int			 rc;

	live_lock(w->live);
	rc = coach_nextday(&w->coach, clock_today(w->coach.clock), &nd,
	    &cause);
	live_unlock(w->live);
	if (rc == -1) {
		web_error(r, 500, "%s", cause);
		free(cause);
		return;
	}
	web_json(r, nextday_json(&nd));
	coach_nextday_release(&nd);
}

/*
 * POST /api/nextday: {"answer": "better"|"same"|"worse"|null} (null
 * skips, which counts as asked), or {"seen": true} once the six-week
 * words are shown. Answers what GET gives after it.
 */
static void
api_nextday_post(struct web *w, json_t *b, struct web_reply *r)
{
	struct coach_nextday	 nd;
	json_error_t		 je;
	json_t			*ans = NULL;
	char			*cause = NULL;
	long			 day;
	int			 seen = 0, v = -1, rc;

	if (json_unpack_ex(b, &je, JSON_STRICT, "{s?o,s?b}", "answer", &ans,
	    "seen", &seen) != 0) {
		web_error(r, 400, "%s", je.text);
		return;
	}
	if ((ans == NULL) == !seen) {
		web_error(r, 400, "expected one of answer or seen");
		return;
	}
	if (ans != NULL && (json_is_null(ans) ? (v = NEXTDAY_SKIPPED) :
	    !json_is_string(ans) ? -1 :
	    (v = nextday_parse_name(json_string_value(ans)))) < 0) {
		web_error(r, 400, "answer: expected \"better\", \"same\", "
		    "\"worse\" or null");
		return;
	}
	live_lock(w->live);
	day = clock_today(w->coach.clock);
	rc = ans != NULL ? coach_nextday_save(&w->coach, day, v, &cause) :
	    coach_nextday_noticed(&w->coach, &cause);
	if (rc == 0)
		rc = coach_nextday(&w->coach, day, &nd, &cause);
	live_unlock(w->live);
	if (rc != 0) {
		web_error(r, rc == 1 ? 409 : 500, "%s", cause);
		free(cause);
		return;
	}
	web_json(r, nextday_json(&nd));
	coach_nextday_release(&nd);
}

/* POST /api/checkin: {"pain":N, "stiffness":N, "note":"..."}. */
static void
api_checkin(struct web *w, json_t *b, struct web_reply *r)
{
	json_error_t	 je;
	const char	*note = NULL;
	char		*cause = NULL;
	json_int_t	 pain, stiff = -1;
	int		 rc;

	/* "I", not "i": 4294967299 read as an int would be 3. */
	if (json_unpack_ex(b, &je, JSON_STRICT, "{s:I,s?I,s?s}", "pain",
	    &pain, "stiffness", &stiff, "note", &note) != 0) {
		web_error(r, 400, "%s", je.text);
		return;
	}
	if (pain < 0 || pain > 10) {
		web_error(r, 400, "pain: expected 0 to 10");
		return;
	}
	if (stiff < -1 || stiff > 10) {
		web_error(r, 400, "stiffness: expected 0 to 10");
		return;
	}
	if (note != NULL && *note == '\0')
		note = NULL;
	live_lock(w->live);
	rc = coach_checkin(&w->coach, (int)pain, (int)stiff, note, &cause);
	live_unlock(w->live);
	if (rc == -1) {
		/* The coach refuses a bad note: the person's mistake. */
		web_error(r, 400, "%s", cause);
		free(cause);
		return;
	}
	web_json(r, json_pack("{s:b}", "ok", 1));
}

/* GET /api/progress[?weeks=N]: the stats document, as `stats --json`. */
static void
api_progress(struct web *w, const struct web_req *q, struct web_reply *r)
{
	struct coach_stats	 cs = COACH_STATS_INIT;
	const char		*ws = arg(q, "weeks");
	char			*cause = NULL, *end;
	long			 nweeks = STATS_WEEKS_DEFAULT;
	int			 rc;

	if (ws != NULL) {
		errno = 0;
		nweeks = strtol(ws, &end, 10);
		if (*ws == '\0' || *end != '\0' || errno != 0 || nweeks < 1 ||
		    nweeks > STATS_WEEKS_MAX) {
			web_error(r, 400, "weeks: expected 1 to %d",
			    STATS_WEEKS_MAX);
			return;
		}
	}
	live_lock(w->live);
	rc = coach_stats(&w->coach, (int)nweeks, &cs, &cause);
	live_unlock(w->live);
	if (rc != 0) {
		web_error(r, 500, "%s", cause);
		free(cause);
	} else
		web_doc(r, doc_stats_json(&cs, w->coach.catalog));
	coach_stats_release(&cs);
}

/* GET /api/export?format=json|csv: the whole history, to download. */
static void
api_export(struct web *w, const struct web_req *q, struct web_reply *r)
{
	struct coach_export	 x;
	const char		*fmt = arg(q, "format");
	char			*cause = NULL, *buf = NULL;
	size_t			 len = 0;
	FILE			*f;
	json_t			*j;
	int			 rc;

	if (fmt == NULL)
		fmt = "json";
	if (strcmp(fmt, "json") != 0 && strcmp(fmt, "csv") != 0) {
		web_error(r, 400, "format: expected json or csv");
		return;
	}
	live_lock(w->live);
	rc = coach_export_read(&w->coach, strcmp(fmt, "json") == 0, &x,
	    &cause);
	live_unlock(w->live);
	if (rc != 0) {
		web_error(r, 500, "%s", cause);
		free(cause);
		return;
	}
	if (strcmp(fmt, "json") == 0) {
		j = export_json(&x.h, &x.pd);
		r->body = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		json_decref(j);
		r->type = "application/json";
		r->disposition = "attachment; filename=\"midback.json\"";
	} else {
		if ((f = open_memstream(&buf, &len)) != NULL) {
			(void)export_csv(&x.h, f);
			fclose(f);
		}
		r->body = buf;
		r->type = "text/csv; charset=utf-8";
		r->disposition = "attachment; filename=\"midback.csv\"";
	}
	coach_export_release(&x);
	if (r->body == NULL) {
		web_error(r, 500, "out of memory");
		return;
	}
	r->status = 200;
	r->cache = "no-store";
	r->len = strlen(r->body);
}

/* POST /api/import: an export document, as `midback import`. */
static void
api_import(struct web *w, const struct web_req *q, struct web_reply *r)
{
	struct coach_imported	 got;
	json_t			*doc;
	char			*cause = NULL;
	int			 rc;

	if ((doc = body_json(q, r)) == NULL)
		return;
	live_lock(w->live);
	rc = coach_import(&w->coach, doc, &got, &cause);
	live_unlock(w->live);
	json_decref(doc);
	if (rc != 0) {
		web_error(r, rc == 1 ? 400 : 500, "%s", cause);
		free(cause);
		return;
	}
	web_json(r, json_pack("{s:{s:i,s:i},s:{s:i,s:i},s:{s:i,s:i},"
	    "s:{s:i,s:i},s:{s:i,s:i}}",
	    "sessions", "new", got.n[COACH_IMP_SESSIONS], "of",
	    (int)got.of[COACH_IMP_SESSIONS],
	    "checkins", "new", got.n[COACH_IMP_CHECKINS], "of",
	    (int)got.of[COACH_IMP_CHECKINS],
	    "reminders", "new", got.n[COACH_IMP_REMINDERS], "of",
	    (int)got.of[COACH_IMP_REMINDERS],
	    "set_aside", "new", got.n[COACH_IMP_SET_ASIDE], "of",
	    (int)got.of[COACH_IMP_SET_ASIDE],
	    "selftests", "new", got.n[COACH_IMP_SELFTESTS], "of",
	    (int)got.of[COACH_IMP_SELFTESTS]));
}

static const char *const day_keys[7] = { "mon", "tue", "wed", "thu", "fri",
    "sat", "sun" };

static json_t *
settings_json(const struct remind_config *c, const char *path)
{
	json_t	*days = json_array();
	char	 a[CONFIG_HHMM_BUFSZ], b[CONFIG_HHMM_BUFSZ];
	char	 hours[16], daily[CONFIG_HHMM_BUFSZ];
	int	 i;

	for (i = 0; i < 7; i++)
		if (c->days_mask & CONFIG_DAY(i))
			json_array_append_new(days, json_string(day_keys[i]));
	config_hhmm(c->start_min, a);
	config_hhmm(c->end_min, b);
	snprintf(hours, sizeof hours, "%s-%s", a, b);
	if (c->daily_min >= 0)
		config_hhmm(c->daily_min, daily);
	return (json_pack("{s:s,s:o,s:s,s:i,s:o,s:o,s:i}",
	    "path", path, "work_days", days, "work_hours", hours,
	    "posture_reset_every", c->reset_every_min,
	    "wall_angel_every", c->angel_every_min > 0 ?
	    json_integer(c->angel_every_min) : json_string("off"),
	    "daily_session", c->daily_min >= 0 ? json_string(daily) :
	    json_string("off"),
	    "snooze", c->snooze_min));
}

static void
api_settings_get(struct web *w, struct web_reply *r)
{
	struct remind_config	 c;
	struct diag		 d = DIAG_INIT;
	char			*cause = NULL;
	json_t			*j, *probs;
	size_t			 i;

	if (settings_load(w->settings_path, &c, &d, &cause) != 0) {
		probs = json_array();
		if (cause != NULL)
			json_array_append_new(probs, json_string(cause));
		for (i = 0; i < d.n; i++)
			json_array_append_new(probs, doc_json_text(
			    d.msgs[i]));
		free(cause);
		diag_release(&d);
	} else
		probs = json_array();
	j = settings_json(&c, w->settings_path);
	json_object_set_new(j, "problems", probs);
	web_json(r, j);
}

/*
 * Tell a running `remind` to read its settings again (SIGHUP), found by
 * the state file it keeps: the pid it names must be a midback.
 */
static void
remind_reload(void)
{
	json_t	*j;
	char	*path, *cause = NULL, *comm, *buf;
	size_t	 len;
	pid_t	 pid;

	if ((path = paths_state("remind.json", &cause)) == NULL) {
		free(cause);
		return;
	}
	j = json_load_file(path, 0, NULL);
	free(path);
	if (j == NULL)
		return;
	/* Checked before it is narrowed: -4294967290 is not process 6. */
	pid = json_integer_value(json_object_get(j, "pid")) < 2 ||
	    json_integer_value(json_object_get(j, "pid")) > INT_MAX ? 0 :
	    (pid_t)json_integer_value(json_object_get(j, "pid"));
	json_decref(j);
	if (pid <= 1)
		return;
	comm = xasprintf("/proc/%d/comm", (int)pid);
	buf = file_read(comm, &len, &cause);
	free(cause);
	free(comm);
	if (buf != NULL && strncmp(buf, "midback", 7) == 0)
		(void)kill(pid, SIGHUP);
	free(buf);
}

/*
 * POST /api/settings: the settings whole, as GET gives them. Written as
 * config.yaml only when config_parse() takes the text (the one rule of
 * what is valid); then a running `remind` is told.
 */
static void
api_settings_post(struct web *w, json_t *b, struct web_reply *r)
{
	struct remind_config	 c;
	struct diag		 d = DIAG_INIT;
	json_error_t		 je;
	json_t			*days, *angel, *x, *probs;
	const char		*hours, *daily;
	char			*text, *list = NULL, *t, *cause = NULL;
	json_int_t		 reset, snooze;
	size_t			 i;

	/* "I": config_parse() below checks the whole numbers' range. */
	if (json_unpack_ex(b, &je, JSON_STRICT, "{s:o,s:s,s:I,s:o,s:s,s:I,"
	    "s?s}", "work_days", &days, "work_hours", &hours,
	    "posture_reset_every", &reset, "wall_angel_every", &angel,
	    "daily_session", &daily, "snooze", &snooze, "path", &t) != 0) {
		web_error(r, 400, "%s", je.text);
		return;
	}
	if (!json_is_array(days) || json_array_size(days) > 7) {
		web_error(r, 400, "work_days: expected a list of mon..sun");
		return;
	}
	json_array_foreach(days, i, x) {
		const char *s = json_string_value(x);

		if (s == NULL || strspn(s, "abcdefghijklmnopqrstuvwxyz") !=
		    strlen(s) || strlen(s) > 9) {
			free(list);
			web_error(r, 400, "work_days: expected a list of "
			    "mon..sun");
			return;
		}
		t = xasprintf("%s%s%s", list != NULL ? list : "",
		    list != NULL ? ", " : "", s);
		free(list);
		list = t;
	}
	if (!(json_is_integer(angel) || (json_is_string(angel) &&
	    strcmp(json_string_value(angel), "off") == 0))) {
		free(list);
		web_error(r, 400, "wall_angel_every: expected minutes or "
		    "\"off\"");
		return;
	}
	if (strchr(hours, '"') != NULL || strchr(hours, '\n') != NULL ||
	    strchr(daily, '"') != NULL || strchr(daily, '\n') != NULL) {
		free(list);
		web_error(r, 400, "work_hours and daily_session: expected "
		    "HH:MM-HH:MM and HH:MM or off");
		return;
	}
	if (json_is_integer(angel))
		t = xasprintf("%lld", (long long)json_integer_value(angel));
	else
		t = xstrdup("off");
	text = xasprintf("# midback reminder settings, written by "
	    "`midback serve`.\n"
	    "work_days: [%s]\n"
	    "work_hours: \"%s\"\n"
	    "posture_reset_every: %" JSON_INTEGER_FORMAT "\n"
	    "wall_angel_every: %s\n"
	    "daily_session: \"%s\"\n"
	    "snooze: %" JSON_INTEGER_FORMAT "\n", list != NULL ? list : "",
	    hours, reset, t, daily, snooze);
	free(t);
	free(list);
	if (config_parse("settings", text, strlen(text), &c, &d) != 0) {
		probs = json_array();
		for (i = 0; i < d.n; i++)
			json_array_append_new(probs, doc_json_text(
			    d.msgs[i]));
		diag_release(&d);
		web_error(r, 400, "%s", json_string_value(json_array_get(probs,
		    0)) != NULL ? json_string_value(json_array_get(probs, 0)) :
		    "settings: not valid");
		json_decref(probs);
		free(text);
		return;
	}
	if (file_mkdirs(w->settings_path, &cause) != 0 ||
	    file_write_atomic(w->settings_path, text, strlen(text), 0600,
	    &cause) != 0) {
		web_error(r, 500, "%s", cause);
		free(cause);
		free(text);
		return;
	}
	free(text);
	remind_reload();
	x = settings_json(&c, w->settings_path);
	json_object_set_new(x, "problems", json_array());
	web_json(r, x);
}

/* GET /api/log: the history since a date, as the export's JSON. */
static void
api_log(struct web *w, const struct web_req *q, struct web_reply *r)
{
	struct store_history	 h = STORE_HISTORY_INIT;
	const char		*since = arg(q, "since");
	char			*cause = NULL;
	long			 day = LONG_MIN;
	int			 rc;

	if (since != NULL && date_parse(since, &day) != 0) {
		web_error(r, 400, "since: expected YYYY-MM-DD");
		return;
	}
	live_lock(w->live);
	rc = coach_history(&w->coach, day, LONG_MAX, &h, &cause);
	live_unlock(w->live);
	if (rc != 0) {
		web_error(r, 500, "%s", cause);
		free(cause);
		return;
	}
	web_json(r, export_json(&h, NULL));
	store_history_release(&h);
}

/* The program and its self-tests (coach/program.h). */

/* After a call to the coach: a 500 with its message if it failed. */
static int
coach_failed(struct web_reply *r, int rc, char *cause)
{
	if (rc == 0)
		return (0);
	web_error(r, 500, "%s", cause);
	free(cause);
	return (1);
}

/* GET /api/program: the program today, as `midback program --json`. */
static void
api_program_get(struct web *w, struct web_reply *r)
{
	struct coach_program	 cp;
	struct coach_nextday	 nd;
	json_t			*j;
	char			*cause = NULL;
	int			 rc;

	live_lock(w->live);
	rc = coach_program_status(&w->coach, clock_today(w->coach.clock), &cp,
	    &cause);
	if (rc == 0 && (rc = coach_nextday(&w->coach,
	    clock_today(w->coach.clock), &nd, &cause)) != 0)
		coach_program_release(&cp);
	live_unlock(w->live);
	if (coach_failed(r, rc, cause))
		return;
	j = doc_program_json(&cp, w->coach.catalog);
	doc_program_nextday(j, &cp, &nd);
	web_json(r, j);
	coach_nextday_release(&nd);
	coach_program_release(&cp);
}

/*
 * POST /api/program: {"start_at": PHASE} (a name, or "1" to "4") or
 * {"reset": true}, as `program --start-at` and `--reset`; answers the
 * program as GET does.
 */
static void
api_program_post(struct web *w, json_t *b, struct web_reply *r)
{
	json_error_t	 je;
	const char	*at = NULL;
	char		*cause = NULL;
	int		 reset = 0, phase, rc;

	if (json_unpack_ex(b, &je, JSON_STRICT, "{s?s,s?b}", "start_at", &at,
	    "reset", &reset) != 0) {
		web_error(r, 400, "%s", je.text);
		return;
	}
	if ((at == NULL) == !reset) {
		web_error(r, 400, "expected either \"start_at\" or "
		    "\"reset\": true");
		return;
	}
	if (reset)
		phase = PROGRAM_BREATHING;
	else if ((phase = program_phase_parse(at)) < 0) {
		web_error(r, 400, "start_at: unknown phase (expected "
		    "breathing, extension, ribcage or strength, or 1 to 4)");
		return;
	}
	live_lock(w->live);
	rc = coach_program_start(&w->coach, phase, &cause);
	live_unlock(w->live);
	if (coach_failed(r, rc, cause))
		return;
	api_program_get(w, r);
}

/*
 * GET /api/selftest: the four self-tests as the core defines them, so
 * the page asks exactly what the terminal asks.
 */
static void
api_selftest_get(struct web_reply *r)
{
	static const char *const answers[] = { "yes-no", "yes-partly-no",
	    "number", "choice" };
	const struct program_test_def	*d;
	const struct program_question	*pq;
	json_t				*tests, *steps, *qs, *choices;
	int				 t, i, k;

	tests = json_array();
	for (t = 0; t < TEST_COUNT; t++) {
		d = &program_tests[t];
		steps = json_array();
		for (i = 0; d->steps[i] != NULL; i++)
			json_array_append_new(steps, json_string(d->steps[i]));
		qs = json_array();
		for (i = 0; i < d->nq; i++) {
			pq = &d->q[i];
			choices = json_array();
			for (k = 0; pq->choices != NULL &&
			    pq->choices[k] != NULL; k++)
				json_array_append_new(choices,
				    json_string(pq->choices[k]));
			json_array_append_new(qs, json_pack("{s:s,s:s,s:s,s:i,"
			    "s:i,s:b,s:s?,s:o}", "name", i == 0 ? "value" :
			    i == 1 ? "extra" : "more", "text", pq->text,
			    "answer", answers[pq->type], "min", pq->lo, "max",
			    pq->hi, "optional", pq->optional, "unit", pq->unit,
			    "choices", choices));
		}
		json_array_append_new(tests, json_pack("{s:s,s:s,s:s,s:b,s:s,"
		    "s:s,s:s?,s:s?,s:o,s:o}", "id", d->id, "name", d->name,
		    "measures", d->measures, "sides", d->sides, "reference",
		    d->reference, "source", d->source, "figure", d->figure,
		    "figure_text", d->figure_text, "steps", steps,
		    "questions", qs));
	}
	web_json(r, json_pack("{s:i,s:o}", "every_days", PROGRAM_TEST_DAYS,
	    "tests", tests));
}

/*
 * One answer of a self-test, read by the core as the terminal reads a
 * line (program_answer_parse()): a string ("yes", "partly", "35"), a
 * whole number for a number question, or absent or null for an empty
 * answer. Returns 0, or -1 after a 400.
 */
static int
selftest_answer(const struct program_test_def *d, int i, json_t *x,
    const char *name, int *v, struct web_reply *r)
{
	char		 num[32];
	const char	*text;

	*v = -1;
	if (x == NULL || json_is_null(x))
		return (0);
	if (i >= d->nq) {
		web_error(r, 400, "%s: the %s test asks %d question%s", name,
		    d->id, d->nq, d->nq == 1 ? "" : "s");
		return (-1);
	}
	if (json_is_integer(x) && d->q[i].type == ANSWER_NUMBER) {
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(x));
		text = num;
	} else if (json_is_string(x))
		text = json_string_value(x);
	else {
		web_error(r, 400, "%s: expected %s or null", name,
		    d->q[i].type == ANSWER_NUMBER ? "a number" :
		    "a string");
		return (-1);
	}
	if (program_answer_parse(&d->q[i], text, v) == 0)
		return (0);
	web_error(r, 400, "%s: not an answer to \"%s\"", name, d->q[i].text);
	return (-1);
}

/*
 * POST /api/selftest: {"test": ID, "value": ANSWER, "extra": ANSWER,
 * "more": ANSWER} keeps one self-test result now
 * (coach_selftest_save()); an answer out of its range, of the wrong
 * kind or missing is a 400, and nothing is kept.
 */
static void
api_selftest_post(struct web *w, json_t *b, struct web_reply *r)
{
	const struct program_test_def	*d;
	json_error_t			 je;
	json_t				*jv = NULL, *jx = NULL, *jm = NULL;
	struct program_result		 pr;
	const char			*id, *by = "manual";
	char				*cause = NULL, text[96];
	int				 t, value, extra, more, rc;

	if (json_unpack_ex(b, &je, JSON_STRICT, "{s:s,s?o,s?o,s?o,s?s}",
	    "test", &id, "value", &jv, "extra", &jx, "more", &jm,
	    "measured_by", &by) != 0) {
		web_error(r, 400, "%s", je.text);
		return;
	}
	if (!coach_selftest_measure_ok(by)) {
		web_error(r, 400, "measured_by: expected manual, phone or "
		    "camera");
		return;
	}
	if ((t = program_test_parse(id)) < 0) {
		web_error(r, 400, "test: unknown (expected rotation, "
		    "wall-angel, extension or breathing)");
		return;
	}
	d = &program_tests[t];
	if (selftest_answer(d, 0, jv, "value", &value, r) != 0 ||
	    selftest_answer(d, 1, jx, "extra", &extra, r) != 0 ||
	    selftest_answer(d, 2, jm, "more", &more, r) != 0)
		return;
	pr = (struct program_result){ 0, (enum program_test)t, value, extra,
	    more, 0 };
	if (!program_result_valid(&pr)) {
		web_error(r, 400, "not a complete answer to the %s test: "
		    "each answer within its range, and the needed ones given",
		    d->id);
		return;
	}
	live_lock(w->live);
	rc = coach_selftest_save_by(&w->coach, (enum program_test)t, value,
	    extra, more, by, &cause);
	live_unlock(w->live);
	if (coach_failed(r, rc, cause))
		return;
	program_result_describe(&pr, text, sizeof text);
	web_json(r, json_pack("{s:s,s:o,s:o,s:o,s:i,s:s,s:s}", "test", d->id,
	    "value", value < 0 ? json_null() : json_integer(value), "extra",
	    extra < 0 ? json_null() : json_integer(extra), "more",
	    more < 0 ? json_null() : json_integer(more), "score",
	    program_result_score(&pr), "text", text, "measured_by", by));
}

/* GET /api/session: the session now; GET /api/events: its stream. */
static void
api_session_get(struct web *w, struct web_reply *r)
{
	web_json(r, live_state(w->live));
}

static void
api_events(struct web *w, struct web_reply *r)
{
	(void)w;
	r->status = 200;
	r->stream = 1;
}

/*
 * GET /api/camera: whether the camera mode can run (its model files are
 * installed), and where they are looked for.
 */
static void
api_camera(struct web *w, struct web_reply *r)
{
	web_json(r, json_pack("{s:b,s:s}", "available", w->pose_ok, "dir",
	    w->pose_dir));
}

/* GET /api/limits: the plan options' and ratings' limits and defaults. */
static void
api_limits(struct web_reply *r)
{
	web_json(r, doc_limits_json());
}

/*
 * The API, as a table: method, path, what answers it and the largest
 * body it reads. A path ending in '/' takes the rest of the URL as an
 * argument (an exercise's id). Each handler is called with what it
 * needs; a POST's body is parsed as a JSON object first, unless the
 * handler reads it itself (import).
 */
enum api_call {
	CALL_Q,		/* (w, q, r) */
	CALL_W,		/* (w, r) */
	CALL_B,		/* (w, body, r) */
	CALL_LIVE_B,	/* (live, body, r) */
	CALL_LIVE,	/* (live, r) */
	CALL_REST,	/* (w, rest, r) */
	CALL_R		/* (r) */
};
struct api_route {
	const char	*method;	/* "GET" (and HEAD) or "POST" */
	const char	*path;		/* after "/api" */
	enum api_call	 call;
	union {
		void	(*q)(struct web *, const struct web_req *,
			    struct web_reply *);
		void	(*w)(struct web *, struct web_reply *);
		void	(*b)(struct web *, json_t *, struct web_reply *);
		void	(*lb)(struct live *, json_t *, struct web_reply *);
		void	(*l)(struct live *, struct web_reply *);
		void	(*rest)(struct web *, const char *,
			    struct web_reply *);
		void	(*r)(struct web_reply *);
	} fn;
	size_t		 body_max;	/* POST: bytes; 0 for GET */
};


static const struct api_route api_routes[] = {
	{ "GET", "/today", CALL_Q, { .q = api_today }, 0 },
	{ "GET", "/limits", CALL_R, { .r = api_limits }, 0 },
	{ "GET", "/camera", CALL_W, { .w = api_camera }, 0 },
	{ "GET", "/session", CALL_W, { .w = api_session_get }, 0 },
	{ "GET", "/events", CALL_W, { .w = api_events }, 0 },
	{ "GET", "/exercises", CALL_Q, { .q = api_exercises }, 0 },
	{ "GET", "/exercises/", CALL_REST, { .rest = api_exercise }, 0 },
	{ "GET", "/screen", CALL_W, { .w = api_screen_get }, 0 },
	{ "GET", "/nextday", CALL_W, { .w = api_nextday_get }, 0 },
	{ "GET", "/progress", CALL_Q, { .q = api_progress }, 0 },
	{ "GET", "/settings", CALL_W, { .w = api_settings_get }, 0 },
	{ "GET", "/export", CALL_Q, { .q = api_export }, 0 },
	{ "GET", "/log", CALL_Q, { .q = api_log }, 0 },
	{ "GET", "/program", CALL_W, { .w = api_program_get }, 0 },
	{ "GET", "/selftest", CALL_R, { .r = api_selftest_get }, 0 },
	{ "GET", "/lan", CALL_Q, { .q = web_api_lan }, 0 },
	{ "POST", "/pair", CALL_Q, { .q = web_api_pair }, WEB_BODY_MAX },
	{ "POST", "/session", CALL_LIVE_B, { .lb = live_begin },
	    WEB_BODY_MAX },
	{ "POST", "/session/event", CALL_LIVE_B, { .lb = live_event },
	    WEB_BODY_MAX },
	{ "POST", "/session/pain", CALL_LIVE_B, { .lb = live_pain_after },
	    WEB_BODY_MAX },
	{ "POST", "/session/resume", CALL_LIVE, { .l = live_resume },
	    WEB_BODY_MAX },
	{ "POST", "/session/close", CALL_LIVE, { .l = live_close },
	    WEB_BODY_MAX },
	{ "POST", "/screen", CALL_B, { .b = api_screen_post }, WEB_BODY_MAX },
	{ "POST", "/checkin", CALL_B, { .b = api_checkin }, WEB_BODY_MAX },
	{ "POST", "/nextday", CALL_B, { .b = api_nextday_post },
	    WEB_BODY_MAX },
	{ "POST", "/settings", CALL_B, { .b = api_settings_post },
	    WEB_BODY_MAX },
	{ "POST", "/program", CALL_B, { .b = api_program_post },
	    WEB_BODY_MAX },
	{ "POST", "/selftest", CALL_B, { .b = api_selftest_post },
	    WEB_BODY_MAX },
	{ "POST", "/import", CALL_Q, { .q = api_import }, WEB_IMPORT_MAX },
};
#define API_NROUTES	(sizeof api_routes / sizeof api_routes[0])

/* Whether route t answers path p; *rest is what follows a '/' end. */
static int
route_match(const struct api_route *t, const char *p, const char **rest)
{
	size_t	n = strlen(t->path);

	*rest = NULL;
	if (t->path[n - 1] == '/') {
		if (strncmp(p, t->path, n) != 0 || p[n] == '\0')
			return (0);
		*rest = p + n;
		return (1);
	}
	return (strcmp(p, t->path) == 0);
}

size_t
web_body_max(const char *url)
{
	const char	*rest;
	size_t		 i;

	if (strncmp(url, "/api", 4) == 0)
		for (i = 0; i < API_NROUTES; i++)
			if (strcmp(api_routes[i].method, "POST") == 0 &&
			    route_match(&api_routes[i], url + 4, &rest))
				return (api_routes[i].body_max);
	return (WEB_BODY_MAX);
}

void
web_api(struct web *w, const struct web_req *q, struct web_reply *r)
{
	const struct api_route	*t, *found = NULL;
	const char		*p = q->url + 4;	/* the / after /api */
	const char		*rest, *method;
	char			 allow[32] = "";
	json_t			*b = NULL;
	size_t			 i;

	method = strcmp(q->method, "HEAD") == 0 ? "GET" : q->method;
	for (i = 0; i < API_NROUTES; i++) {
		t = &api_routes[i];
		if (!route_match(t, p, &rest))
			continue;
		if (strcmp(t->method, method) == 0) {
			found = t;
			break;
		}
		snprintf(allow, sizeof allow, "%s", strcmp(t->method,
		    "GET") == 0 ? "GET, HEAD" : "POST");
	}
	if (found == NULL) {
		if (allow[0] != '\0') {
			web_error(r, 405, "use %s", allow);
			r->allow = strcmp(allow, "POST") == 0 ? "POST" :
			    "GET, HEAD";
		} else
			web_error(r, 404, "no such API path");
		return;
	}
	t = found;
	if (t->body_max > 0 && (q->too_big || q->len > t->body_max)) {
		web_error(r, 413, "the request is larger than %zu bytes",
		    t->body_max);
		return;
	}
	if ((t->call == CALL_B || t->call == CALL_LIVE_B) &&
	    (b = body_json(q, r)) == NULL)
		return;
	switch (t->call) {
	case CALL_Q:
		t->fn.q(w, q, r);
		break;
	case CALL_W:
		t->fn.w(w, r);
		break;
	case CALL_B:
		t->fn.b(w, b, r);
		break;
	case CALL_LIVE_B:
		t->fn.lb(w->live, b, r);
		break;
	case CALL_LIVE:
		t->fn.l(w->live, r);
		break;
	case CALL_REST:
		t->fn.rest(w, rest, r);
		break;
	case CALL_R:
		t->fn.r(r);
		break;
	}
	json_decref(b);
}
