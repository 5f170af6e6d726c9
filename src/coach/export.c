/*
 * export.c -- the history as JSON and CSV, and a JSON export read back.
 *
 * export_parse() is strict: every field the format names must be there
 * with its type, and anything else is refused, so a file that imports is
 * one that exports again unchanged.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "coach/doc.h"
#include "core/program.h"
#include "coach/export.h"
#include "store/store.h"
#include "core/date.h"
#include "core/xmalloc.h"

/* The flags every JSON export is written with. */
#define EXPORT_JSON_FLAGS	(JSON_INDENT(2) | JSON_PRESERVE_ORDER)

/* An ISO time with milliseconds, or null for "none" (-1). */
static json_t *
time_json(int64_t ms, int tz_min)
{
	char	buf[DATE_ISO_BUFSZ];

	if (ms == -1)
		return (json_null());
	date_iso(ms, tz_min, 1, buf);
	return (json_string(buf));
}

/* An integer, or null for "none" (-1). */
static json_t *
opt_int(int v)
{
	return (v == -1 ? json_null() : json_integer(v));
}

/*
 * A string, or null. Text that a person typed (a note) or that came
 * from outside may hold bytes that are not UTF-8, on which json_string()
 * returns NULL and json_pack() drops the whole record:
 * doc_json_text() keeps the record and replaces the bad bytes.
 */
static json_t *
opt_str(const char *s)
{
	return (doc_json_text(s));
}

json_t *
export_session_json(const struct store_hsession *hs)
{
	const struct store_hitem	*it;
	json_t				*j, *items, *plan;
	size_t				 i;

	/* The plan was stored as JSON text; carry it as JSON. */
	if ((plan = json_loads(hs->plan_json, JSON_DECODE_ANY, NULL)) == NULL)
		plan = opt_str(hs->plan_json);
	items = json_array();
	for (i = 0; i < hs->nitems; i++) {
		it = &hs->items[i];
		json_array_append_new(items, json_pack(
		    "{s:i, s:o, s:o, s:i, s:i, s:i, s:i, s:o, s:s, s:o}",
		    "position", it->position,
		    "exercise", opt_str(it->exercise),
		    "side", opt_str(it->side),
		    "sets", it->sets_done,
		    "reps", it->reps_done,
		    "holds", it->holds_done,
		    "breaths", it->breaths_done,
		    "feel", opt_str(it->feel),
		    "outcome", it->outcome,
		    "finished", time_json(it->finished_ms, hs->tz_min)));
	}
	j = json_pack("{s:s, s:o, s:o, s:s, s:o, s:o, s:o, s:o, s:o}",
	    "uid", hs->uid,
	    "started", time_json(hs->started_ms, hs->tz_min),
	    "ended", time_json(hs->ended_ms, hs->tz_min),
	    "status", hs->status,
	    "end_reason", opt_str(hs->end_reason),
	    "pain_before", opt_int(hs->pain_before),
	    "pain_after", opt_int(hs->pain_after),
	    "plan", plan,
	    "items", items);
	return (j);
}

json_t *
export_checkin_json(const struct store_hcheckin *c)
{
	return (json_pack("{s:s, s:o, s:i, s:o, s:o}",
	    "uid", c->uid,
	    "at", time_json(c->at_ms, c->tz_min),
	    "pain", c->pain,
	    "stiffness", opt_int(c->stiffness),
	    "note", opt_str(c->note)));
}

json_t *
export_reminder_json(const struct store_hreminder *r)
{
	return (json_pack("{s:s, s:o, s:o, s:s}",
	    "kind", r->kind,
	    "due", time_json(r->due_ms, r->tz_min),
	    "at", time_json(r->at_ms, r->tz_min),
	    "outcome", r->outcome));
}

/*
 * An exercise set aside. The store keeps no offset for it, so its times
 * are in UTC.
 */
static json_t *
export_flag_json(const struct store_hflag *f)
{
	return (json_pack("{s:o, s:o, s:o, s:o}",
	    "exercise", opt_str(f->exercise),
	    "reason", opt_str(f->reason),
	    "set", time_json(f->set_ms, 0),
	    "until", time_json(f->until_ms, 0)));
}

/* The program's start, or null. */
static json_t *
program_json(const struct store_program_data *pd)
{
	char	day[DATE_BUFSZ];

	if (pd == NULL || !pd->program.set)
		return (json_null());
	date_format(pd->program.start_day, day);
	return (json_pack("{s:s, s:s, s:o}", "start", day, "phase",
	    program_phase_name(pd->program.start_phase), "set",
	    time_json(pd->program.set_ms, 0)));
}

static json_t *
selftests_json(const struct store_program_data *pd)
{
	const struct store_selftest	*t;
	json_t				*a = json_array();
	size_t				 i;

	for (i = 0; pd != NULL && i < pd->ntests; i++) {
		t = &pd->tests[i];
		json_array_append_new(a, json_pack("{s:s, s:o, s:s, s:o, s:o, "
		    "s:o, s:i}", "uid", t->uid, "at", time_json(t->at_ms,
		    t->tz_min), "test", program_tests[t->test].id,
		    "value", t->value < 0 ? json_null() :
		    json_integer(t->value),
		    "extra", t->extra < 0 ? json_null() :
		    json_integer(t->extra),
		    "more", t->more < 0 ? json_null() :
		    json_integer(t->more), "method", t->method));
		/* Only when not by hand: older exports stay the same. */
		if (t->measured_by[0] != '\0' &&
		    strcmp(t->measured_by, "manual") != 0)
			json_object_set_new(json_array_get(a,
			    json_array_size(a) - 1), "measured_by",
			    json_string(t->measured_by));
	}
	return (a);
}

static json_t *
screen_json(const struct store_program_data *pd)
{
	json_t	*answers = json_array(), *acks = json_array();
	size_t	 i;

	for (i = 0; pd != NULL && i < pd->nanswers; i++) {
		json_t	*a = json_pack("{s:o, s:s, s:b}", "at",
		    time_json(pd->answers[i].at_ms, 0), "question",
		    pd->answers[i].question, "answer", pd->answers[i].answer);

		/* A clinician's clearance of this sign, only when given. */
		if (pd->answers[i].cleared)
			json_object_set_new(a, "cleared", json_true());
		json_array_append_new(answers, a);
	}
	for (i = 0; pd != NULL && i < pd->nacks; i++)
		json_array_append_new(acks, json_pack("{s:o, s:s}",
		    "at", time_json(pd->acks[i].at_ms, 0), "what",
		    pd->acks[i].what));
	return (json_pack("{s:o, s:o}", "answers", answers,
	    "acknowledgements", acks));
}

json_t *
export_json(const struct store_history *h, const struct store_program_data *pd)
{
	json_t	*sessions, *breaks, *checkins, *reminders, *flags;
	size_t	 i;

	sessions = json_array();
	breaks = json_array();
	for (i = 0; i < h->nsessions; i++)
		json_array_append_new(strcmp(h->sessions[i].kind, "break") == 0 ?
		    breaks : sessions, export_session_json(&h->sessions[i]));
	checkins = json_array();
	for (i = 0; i < h->ncheckins; i++)
		json_array_append_new(checkins,
		    export_checkin_json(&h->checkins[i]));
	reminders = json_array();
	for (i = 0; i < h->nreminders; i++)
		json_array_append_new(reminders,
		    export_reminder_json(&h->reminders[i]));
	flags = json_array();
	for (i = 0; i < h->nflags; i++)
		json_array_append_new(flags, export_flag_json(&h->flags[i]));
	return (json_pack("{s:s, s:i, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
	    "format", EXPORT_FORMAT,
	    "version", EXPORT_VERSION,
	    "sessions", sessions,
	    "breaks", breaks,
	    "checkins", checkins,
	    "reminders", reminders,
	    "set_aside", flags,
	    "program", program_json(pd),
	    "selftests", selftests_json(pd),
	    "screen", screen_json(pd)));
}

void
export_csv_cell(FILE *f, const char *s)
{
	const char	*p;
	int		 quote = 0, guard;

	if (s == NULL)
		return;
	guard = strchr("=+-@\t\r", *s) != NULL && *s != '\0';
	for (p = s; *p != '\0'; p++)
		if (*p == ',' || *p == '"' || *p == '\n' || *p == '\r')
			quote = 1;
	if (!quote && !guard) {
		fputs(s, f);
		return;
	}
	/* Quoting the guarded cell too keeps a spreadsheet from trimming. */
	fputc('"', f);
	if (guard)
		fputc('\'', f);
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

/* The CSV columns, in order. */
static const char *const csv_columns[] = {
	"record", "uid", "session", "start", "end", "status", "end_reason",
	"position", "exercise", "side", "sets", "reps", "holds", "breaths",
	"feel", "outcome", "pain_before", "pain_after", "pain", "stiffness",
	"note", NULL
};
enum csv_col {
	C_RECORD, C_UID, C_SESSION, C_START, C_END, C_STATUS, C_REASON,
	C_POSITION, C_EXERCISE, C_SIDE, C_SETS, C_REPS, C_HOLDS, C_BREATHS,
	C_FEEL, C_OUTCOME, C_PAIN_BEFORE, C_PAIN_AFTER, C_PAIN, C_STIFFNESS,
	C_NOTE, C_COUNT
};

/* One CSV row being built: each cell's text, or NULL when empty. */
struct csv_row {
	char	*cell[C_COUNT];
};

static void
row_set(struct csv_row *r, enum csv_col c, const char *fmt, ...)
{
	va_list	ap;

	free(r->cell[c]);
	va_start(ap, fmt);
	if (vasprintf(&r->cell[c], fmt, ap) == -1)
		r->cell[c] = NULL;
	va_end(ap);
}

static void
row_time(struct csv_row *r, enum csv_col c, int64_t ms, int tz_min)
{
	char	buf[DATE_ISO_BUFSZ];

	if (ms == -1)
		return;
	date_iso(ms, tz_min, 0, buf);
	row_set(r, c, "%s", buf);
}

static void
row_int(struct csv_row *r, enum csv_col c, int v)
{
	if (v != -1)
		row_set(r, c, "%d", v);
}

/* Write the row and clear it for the next. */
static void
row_put(struct csv_row *r, FILE *f)
{
	int	i;

	for (i = 0; i < C_COUNT; i++) {
		if (i > 0)
			fputc(',', f);
		export_csv_cell(f, r->cell[i]);
		free(r->cell[i]);
		r->cell[i] = NULL;
	}
	fputs("\r\n", f);
}

int
export_csv(const struct store_history *h, FILE *f)
{
	const struct store_hsession	*hs;
	const struct store_hitem	*it;
	const struct store_hcheckin	*c;
	struct csv_row			 r;
	size_t				 i, j, si = 0, ci = 0;

	memset(&r, 0, sizeof r);
	for (i = 0; csv_columns[i] != NULL; i++)
		fprintf(f, "%s%s", i > 0 ? "," : "", csv_columns[i]);
	fputs("\r\n", f);
	/* Sessions and check-ins, merged by time. */
	while (si < h->nsessions || ci < h->ncheckins) {
		if (ci == h->ncheckins || (si < h->nsessions &&
		    h->sessions[si].started_ms <= h->checkins[ci].at_ms)) {
			hs = &h->sessions[si++];
			row_set(&r, C_RECORD, "%s", strcmp(hs->kind, "break") ==
			    0 ? "break" : "session");
			row_set(&r, C_UID, "%s", hs->uid);
			row_time(&r, C_START, hs->started_ms, hs->tz_min);
			row_time(&r, C_END, hs->ended_ms, hs->tz_min);
			row_set(&r, C_STATUS, "%s", hs->status);
			if (hs->end_reason != NULL)
				row_set(&r, C_REASON, "%s", hs->end_reason);
			row_int(&r, C_PAIN_BEFORE, hs->pain_before);
			row_int(&r, C_PAIN_AFTER, hs->pain_after);
			row_put(&r, f);
			for (j = 0; j < hs->nitems; j++) {
				it = &hs->items[j];
				row_set(&r, C_RECORD, "item");
				row_set(&r, C_SESSION, "%s", hs->uid);
				row_time(&r, C_END, it->finished_ms,
				    hs->tz_min);
				row_int(&r, C_POSITION, it->position);
				row_set(&r, C_EXERCISE, "%s", it->exercise);
				if (it->side != NULL)
					row_set(&r, C_SIDE, "%s", it->side);
				row_int(&r, C_SETS, it->sets_done);
				row_int(&r, C_REPS, it->reps_done);
				row_int(&r, C_HOLDS, it->holds_done);
				row_int(&r, C_BREATHS, it->breaths_done);
				if (it->feel != NULL)
					row_set(&r, C_FEEL, "%s", it->feel);
				row_set(&r, C_OUTCOME, "%s", it->outcome);
				row_put(&r, f);
			}
		} else {
			c = &h->checkins[ci++];
			row_set(&r, C_RECORD, "checkin");
			row_set(&r, C_UID, "%s", c->uid);
			row_time(&r, C_START, c->at_ms, c->tz_min);
			row_int(&r, C_PAIN, c->pain);
			row_int(&r, C_STIFFNESS, c->stiffness);
			if (c->note != NULL)
				row_set(&r, C_NOTE, "%s", c->note);
			row_put(&r, f);
		}
	}
	return (ferror(f) ? -1 : 0);
}

/*
 * Reading an export back. Each reader takes the path of the value it
 * reads, for messages, and returns 0 or -1 with *cause set.
 */

static int
bad(char **cause, const char *path, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) == -1)
		msg = NULL;
	va_end(ap);
	*cause = xasprintf("%s: %s", path, msg == NULL ? "?" : msg);
	free(msg);
	return (-1);
}

/* Check an object has exactly the keys named (NULL-terminated). */
static int
keys_exact(json_t *o, const char *path, const char *const *keys,
    char **cause)
{
	const char	*k;
	json_t		*v;
	size_t		 i;

	if (!json_is_object(o))
		return (bad(cause, path, "not an object"));
	for (i = 0; keys[i] != NULL; i++)
		if (json_object_get(o, keys[i]) == NULL)
			return (bad(cause, path, "'%s' is missing", keys[i]));
	json_object_foreach(o, k, v) {
		for (i = 0; keys[i] != NULL; i++)
			if (strcmp(keys[i], k) == 0)
				break;
		if (keys[i] == NULL)
			return (bad(cause, path, "unknown key '%s'", k));
	}
	return (0);
}

/* An integer in [lo, hi], or -1 for null when nullable. */
static int
get_int(json_t *o, const char *key, const char *path, int lo, int hi,
    int nullable, int *out, char **cause)
{
	json_t		*v = json_object_get(o, key);
	json_int_t	 n;

	if (nullable && json_is_null(v)) {
		*out = -1;
		return (0);
	}
	if (!json_is_integer(v))
		return (bad(cause, path, "'%s' is not a whole number%s", key,
		    nullable ? " or null" : ""));
	n = json_integer_value(v);
	if (n < lo || n > hi)
		return (bad(cause, path, "'%s' is %lld, not %d to %d", key,
		    (long long)n, lo, hi));
	*out = (int)n;
	return (0);
}

/*
 * A string borrowed from the document, or NULL for null when nullable;
 * at most EXPORT_NOTE_MAX characters for a note, EXPORT_NAME_MAX for
 * any other (jansson has checked it is UTF-8, so a character is a byte
 * that does not continue one).
 */
static int
get_str(json_t *o, const char *key, const char *path, int nullable,
    const char **out, char **cause)
{
	json_t			*v = json_object_get(o, key);
	const unsigned char	*p;
	size_t			 n = 0;
	int			 max = strcmp(key, "note") == 0 ?
				    EXPORT_NOTE_MAX : EXPORT_NAME_MAX;

	if (nullable && json_is_null(v)) {
		*out = NULL;
		return (0);
	}
	if (!json_is_string(v))
		return (bad(cause, path, "'%s' is not a string%s", key,
		    nullable ? " or null" : ""));
	*out = json_string_value(v);
	if (json_string_length(v) > (size_t)max)
		for (p = (const unsigned char *)*out; *p != '\0'; p++)
			if ((*p & 0xc0) != 0x80 && ++n > (size_t)max)
				return (bad(cause, path, "'%s' is longer than "
				    "%d characters", key, max));
	return (0);
}

/* A name from names[] (static), or NULL for null when nullable. */
static int
get_name(json_t *o, const char *key, const char *path,
    const char *const *names, int nullable, const char **out, char **cause)
{
	const char	*s;

	if (get_str(o, key, path, nullable, &s, cause) != 0)
		return (-1);
	if (s == NULL) {
		*out = NULL;
		return (0);
	}
	if ((*out = store_name_find(names, s)) == NULL)
		return (bad(cause, path, "unknown %s '%s'", key, s));
	return (0);
}

/* An ISO time; *tz_min is checked against want unless want is NULL. */
static int
get_time(json_t *o, const char *key, const char *path, int nullable,
    int64_t *ms, int *tz_min, char **cause)
{
	const char	*s;

	if (get_str(o, key, path, nullable, &s, cause) != 0)
		return (-1);
	if (s == NULL) {
		*ms = -1;
		return (0);
	}
	if (date_iso_parse(s, ms, tz_min) != 0)
		return (bad(cause, path, "'%s' is not an ISO 8601 time with "
		    "offset: '%s'", key, s));
	return (0);
}

/* A uid: 32 lower-case hex digits. */
static int
get_uid(json_t *o, const char *path, char *uid, char **cause)
{
	const char	*s;
	size_t		 i;

	if (get_str(o, "uid", path, 0, &s, cause) != 0)
		return (-1);
	for (i = 0; s[i] != '\0'; i++)
		if (strchr("0123456789abcdef", s[i]) == NULL)
			break;
	if (i != 32 || s[i] != '\0')
		return (bad(cause, path, "'uid' is not 32 hex digits"));
	memcpy(uid, s, 33);
	return (0);
}

/*
 * The most sets, reps, holds or breaths one item can have done: far
 * above any dose in a catalog, and far below what would overflow a
 * duration in seconds when a session is resumed.
 */
#define EXPORT_DOSE_MAX	1000

static const char *const item_keys[] = {
	"position", "exercise", "side", "sets", "reps", "holds", "breaths",
	"feel", "outcome", "finished", NULL
};

static int
parse_item(json_t *o, const char *path, struct store_hitem *it, int tz_min,
    char **cause)
{
	const char	*s;
	int		 tz;

	if (keys_exact(o, path, item_keys, cause) != 0 ||
	    get_int(o, "position", path, 0, 1000000, 0, &it->position,
	    cause) != 0 ||
	    get_str(o, "exercise", path, 0, &s, cause) != 0)
		return (-1);
	it->exercise = xstrdup(s);
	if (get_str(o, "side", path, 1, &s, cause) != 0)
		return (-1);
	if (s != NULL && strcmp(s, "left") != 0 && strcmp(s, "right") != 0)
		return (bad(cause, path, "'side' is '%s', not left, right "
		    "or null", s));
	it->side = s == NULL ? NULL : xstrdup(s);
	if (get_int(o, "sets", path, 0, EXPORT_DOSE_MAX, 0, &it->sets_done,
	    cause) != 0 ||
	    get_int(o, "reps", path, 0, EXPORT_DOSE_MAX, 0, &it->reps_done,
	    cause) != 0 ||
	    get_int(o, "holds", path, 0, EXPORT_DOSE_MAX, 0, &it->holds_done,
	    cause) != 0 ||
	    get_int(o, "breaths", path, 0, EXPORT_DOSE_MAX, 0,
	    &it->breaths_done, cause) != 0 ||
	    get_name(o, "feel", path, store_feel_names, 1, &it->feel, cause) !=
	    0 ||
	    get_name(o, "outcome", path, store_outcome_names, 0,
	    &it->outcome, cause) != 0 ||
	    get_time(o, "finished", path, 0, &it->finished_ms, &tz, cause) !=
	    0)
		return (-1);
	if (tz != tz_min)
		return (bad(cause, path, "'finished' is not in the session's "
		    "offset"));
	return (0);
}

static const char *const session_keys[] = {
	"uid", "started", "ended", "status", "end_reason", "pain_before",
	"pain_after", "plan", "items", NULL
};

static int
parse_session(json_t *o, const char *path, const char *kind,
    struct store_hsession *hs, char **cause)
{
	const char	*s;
	json_t		*items, *v;
	char		*ipath;
	size_t		 i;
	int64_t		 last_ms;
	int		 tz, rc, running = 0;

	hs->kind = kind;
	if (keys_exact(o, path, session_keys, cause) != 0 ||
	    get_uid(o, path, hs->uid, cause) != 0 ||
	    get_time(o, "started", path, 0, &hs->started_ms, &hs->tz_min,
	    cause) != 0 ||
	    get_time(o, "ended", path, 1, &hs->ended_ms, &tz, cause) != 0)
		return (-1);
	if (hs->ended_ms != -1 && tz != hs->tz_min)
		return (bad(cause, path, "'ended' is not in the offset of "
		    "'started'"));
	last_ms = hs->started_ms;
	if (hs->ended_ms != -1 && hs->ended_ms < hs->started_ms)
		return (bad(cause, path, "'ended' is before 'started'"));
	if (get_str(o, "status", path, 0, &s, cause) != 0)
		return (-1);
	if (strcmp(s, "running") == 0) {
		if (hs->ended_ms != -1)
			return (bad(cause, path, "'ended' is set but the "
			    "status is 'running'"));
		running = 1;
	} else if ((hs->status = store_name_find(store_end_names, s)) ==
	    NULL)
		return (bad(cause, path, "unknown status '%s'", s));
	else if (hs->ended_ms == -1)
		return (bad(cause, path, "'ended' is null but the status is "
		    "'%s'", s));
	if (get_str(o, "end_reason", path, 1, &s, cause) != 0)
		return (-1);
	hs->end_reason = s == NULL ? NULL : xstrdup(s);
	if (get_int(o, "pain_before", path, 0, 10, 1, &hs->pain_before,
	    cause) != 0 ||
	    get_int(o, "pain_after", path, 0, 10, 1, &hs->pain_after,
	    cause) != 0)
		return (-1);
	/* Stored as the text the store writes: compact, keys in order. */
	v = json_object_get(o, "plan");
	if (json_is_string(v))
		hs->plan_json = xstrdup(json_string_value(v));
	else if ((hs->plan_json = json_dumps(v, JSON_COMPACT |
	    JSON_PRESERVE_ORDER | JSON_ENCODE_ANY)) == NULL)
		return (bad(cause, path, "'plan' cannot be stored"));
	if (strlen(hs->plan_json) > EXPORT_PLAN_MAX)
		return (bad(cause, path, "'plan' is larger than %d bytes",
		    EXPORT_PLAN_MAX));
	items = json_object_get(o, "items");
	if (!json_is_array(items))
		return (bad(cause, path, "'items' is not an array"));
	if (json_array_size(items) > EXPORT_ITEMS_MAX)
		return (bad(cause, path, "%zu items; a session has at most %d",
		    json_array_size(items), EXPORT_ITEMS_MAX));
	hs->items = xcalloc(json_array_size(items) + 1, sizeof *hs->items);
	json_array_foreach(items, i, v) {
		ipath = xasprintf("%s.items[%zu]", path, i);
		hs->nitems++;
		rc = parse_item(v, ipath, &hs->items[i], hs->tz_min, cause);
		if (rc == 0 && hs->items[i].finished_ms < hs->started_ms)
			rc = bad(cause, ipath, "'finished' is before the "
			    "session started");
		free(ipath);
		if (rc != 0)
			return (-1);
		if (hs->items[i].finished_ms > last_ms)
			last_ms = hs->items[i].finished_ms;
	}
	/*
	 * A session running where it was exported is not running here:
	 * imported as running, start would offer to resume it, with
	 * whatever doses the file claims. It is closed the way start closes
	 * one that is not resumed, ended at its last exercise.
	 */
	if (running) {
		hs->status = "quit";
		hs->ended_ms = last_ms;
		if (hs->end_reason == NULL)
			hs->end_reason = xstrdup("running when exported");
	}
	return (0);
}

static const char *const checkin_keys[] = {
	"uid", "at", "pain", "stiffness", "note", NULL
};

static int
parse_checkin(json_t *o, const char *path, void *item, char **cause)
{
	struct store_hcheckin	*c = item;
	const char	*s;

	if (keys_exact(o, path, checkin_keys, cause) != 0 ||
	    get_uid(o, path, c->uid, cause) != 0 ||
	    get_time(o, "at", path, 0, &c->at_ms, &c->tz_min, cause) != 0 ||
	    get_int(o, "pain", path, 0, 10, 0, &c->pain, cause) != 0 ||
	    get_int(o, "stiffness", path, 0, 10, 1, &c->stiffness, cause) !=
	    0 ||
	    get_str(o, "note", path, 1, &s, cause) != 0)
		return (-1);
	c->note = s == NULL ? NULL : xstrdup(s);
	return (0);
}

static const char *const reminder_keys[] = {
	"kind", "due", "at", "outcome", NULL
};

static int
parse_reminder(json_t *o, const char *path, void *item, char **cause)
{
	struct store_hreminder	*r = item;
	int	tz;

	if (keys_exact(o, path, reminder_keys, cause) != 0 ||
	    get_name(o, "kind", path, store_reminder_names, 0, &r->kind,
	    cause) != 0 ||
	    get_time(o, "due", path, 0, &r->due_ms, &tz, cause) != 0 ||
	    get_time(o, "at", path, 0, &r->at_ms, &r->tz_min, cause) != 0 ||
	    get_name(o, "outcome", path, store_reminder_outcomes, 0,
	    &r->outcome, cause) != 0)
		return (-1);
	return (0);
}

static const char *const flag_keys[] = {
	"exercise", "reason", "set", "until", NULL
};

static int
parse_flag(json_t *o, const char *path, void *item, char **cause)
{
	struct store_hflag	*f = item;
	const char	*s;
	int		 tz;

	if (keys_exact(o, path, flag_keys, cause) != 0 ||
	    get_str(o, "exercise", path, 0, &s, cause) != 0)
		return (-1);
	f->exercise = xstrdup(s);
	if (get_str(o, "reason", path, 0, &s, cause) != 0)
		return (-1);
	f->reason = xstrdup(s);
	if (get_time(o, "set", path, 0, &f->set_ms, &tz, cause) != 0 ||
	    get_time(o, "until", path, 0, &f->until_ms, &tz, cause) != 0)
		return (-1);
	if (f->until_ms <= f->set_ms)
		return (bad(cause, path, "'until' is not after 'set'"));
	return (0);
}

/*
 * The top level's keys: version 1 had no reminders and no set_aside,
 * version 2 no program, selftests and screen.
 */
static const char *const doc_keys[] = {
	"format", "version", "sessions", "breaks", "checkins", "reminders",
	"set_aside", "program", "selftests", "screen", NULL
};
static const char *const doc_keys_v2[] = {
	"format", "version", "sessions", "breaks", "checkins", "reminders",
	"set_aside", NULL
};
static const char *const doc_keys_v1[] = {
	"format", "version", "sessions", "breaks", "checkins", NULL
};

/*
 * Read the array at key of o (named name in messages), each item by parse
 * into one of size bytes. Returns the items, with one spare (free them,
 * and what *n of them hold, also after a failure: *n counts each item as
 * it is begun), and sets *rc to 0, or -1 with *cause; NULL (and -1) if
 * it is not an array.
 */
static void *
parse_array(json_t *o, const char *key, const char *name, size_t size,
    int (*parse)(json_t *, const char *, void *, char **), size_t *n,
    int *rc, char **cause)
{
	json_t	*a = json_object_get(o, key), *v;
	char	*items, *path;
	size_t	 i;

	if (!json_is_array(a)) {
		*rc = bad(cause, name, "not an array");
		return (NULL);
	}
	items = xcalloc(json_array_size(a) + 1, size);
	*rc = 0;
	json_array_foreach(a, i, v) {
		path = xasprintf("%s[%zu]", name, i);
		(*n)++;
		*rc = parse(v, path, items + i * size, cause);
		free(path);
		if (*rc != 0)
			break;
	}
	return (items);
}

/* Read one array of sessions (kind routine or break) into h. */
static int
parse_sessions(json_t *doc, const char *key, const char *kind,
    struct store_history *h, char **cause)
{
	json_t	*a = json_object_get(doc, key), *v;
	char	*path;
	size_t	 i;
	int	 rc;

	if (!json_is_array(a))
		return (bad(cause, key, "not an array"));
	h->sessions = xreallocarray(h->sessions,
	    h->nsessions + json_array_size(a) + 1, sizeof *h->sessions);
	json_array_foreach(a, i, v) {
		path = xasprintf("%s[%zu]", key, i);
		memset(&h->sessions[h->nsessions], 0, sizeof *h->sessions);
		h->nsessions++;
		rc = parse_session(v, path, kind,
		    &h->sessions[h->nsessions - 1], cause);
		free(path);
		if (rc != 0)
			return (-1);
	}
	return (0);
}

/*
 * Count the document's records (every session and break, each of their
 * items, check-in, reminder, exercise set aside, self-test and screen
 * answer) before any is read, and refuse the one past EXPORT_RECORDS_MAX.
 */
static int
records_check(json_t *doc, char **cause)
{
	static const char *const keys[] = { "sessions", "breaks", "checkins",
	    "reminders", "set_aside", "selftests", "answers",
	    "acknowledgements" };
	json_t	*a, *v, *items, *screen = json_object_get(doc, "screen");
	char	*path;
	size_t	 n = 0, i, j;

	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		a = json_object_get(i < 6 ? doc : screen, keys[i]);
		json_array_foreach(a, j, v) {
			items = i < 2 ? json_object_get(v, "items") : NULL;
			n += 1 + json_array_size(items);
			if (n <= EXPORT_RECORDS_MAX)
				continue;
			path = xasprintf("%s%s[%zu]", i < 6 ? "" : "screen.",
			    keys[i], j);
			bad(cause, path, "past the %d records one file may "
			    "hold (sessions, their items, check-ins and the "
			    "rest); split the file", EXPORT_RECORDS_MAX);
			free(path);
			return (-1);
		}
	}
	return (0);
}

/*
 * What the whole file's plans and notes come to, which log and export
 * print in full: refuse the record past EXPORT_PLANS_MAX or
 * EXPORT_NOTES_MAX, named by where it is in the file.
 */
static int
totals_check(const struct store_history *h, char **cause)
{
	size_t	 plans = 0, notes = 0, i, k[2] = { 0, 0 };
	char	*path;
	int	 br;

	for (i = 0; i < h->nsessions; i++) {
		br = strcmp(h->sessions[i].kind, "break") == 0;
		k[br]++;
		plans += strlen(h->sessions[i].plan_json);
		if (plans <= EXPORT_PLANS_MAX)
			continue;
		path = xasprintf("%s[%zu]", br ? "breaks" : "sessions",
		    k[br] - 1);
		bad(cause, path, "the plans up to here come to more than %d "
		    "MiB, the most one file may hold; split the file",
		    EXPORT_PLANS_MAX / (1024 * 1024));
		free(path);
		return (-1);
	}
	for (i = 0; i < h->ncheckins; i++) {
		if (h->checkins[i].note != NULL)
			notes += strlen(h->checkins[i].note);
		if (notes <= EXPORT_NOTES_MAX)
			continue;
		path = xasprintf("checkins[%zu]", i);
		bad(cause, path, "the notes up to here come to more than %d "
		    "MiB, the most one file may hold; split the file",
		    EXPORT_NOTES_MAX / (1024 * 1024));
		free(path);
		return (-1);
	}
	return (0);
}

int
export_parse(json_t *doc, struct store_history *h, char **cause)
{
	const char	*s;
	char		*where;
	int		 version, rc;

	*h = (struct store_history)STORE_HISTORY_INIT;
	if (!json_is_object(doc)) {
		*cause = xstrdup("not a midback export (not a JSON object)");
		return (-1);
	}
	if (doc_json_depth(doc, DOC_JSON_DEPTH_MAX, &where) != 0) {
		bad(cause, where, "nested deeper than %d levels",
		    DOC_JSON_DEPTH_MAX);
		free(where);
		return (-1);
	}
	if (records_check(doc, cause) != 0)
		return (-1);
	if (get_str(doc, "format", "top level", 0, &s, cause) != 0)
		goto fail;
	if (strcmp(s, EXPORT_FORMAT) != 0) {
		bad(cause, "top level", "format is '%s', not '%s'", s,
		    EXPORT_FORMAT);
		goto fail;
	}
	if (get_int(doc, "version", "top level", 1, 1000, 0, &version,
	    cause) != 0)
		goto fail;
	if (version > EXPORT_VERSION) {
		bad(cause, "top level", "version %d is newer than this midback "
		    "reads (%d)", version, EXPORT_VERSION);
		goto fail;
	}
	if (keys_exact(doc, "top level", version == 1 ? doc_keys_v1 :
	    version == 2 ? doc_keys_v2 : doc_keys, cause) != 0 ||
	    parse_sessions(doc, "sessions", "routine", h, cause) != 0 ||
	    parse_sessions(doc, "breaks", "break", h, cause) != 0)
		goto fail;
	h->checkins = parse_array(doc, "checkins", "checkins",
	    sizeof *h->checkins, parse_checkin, &h->ncheckins, &rc, cause);
	if (rc != 0 || totals_check(h, cause) != 0)
		goto fail;
	if (version == 1)
		return (0);
	h->reminders = parse_array(doc, "reminders", "reminders",
	    sizeof *h->reminders, parse_reminder, &h->nreminders, &rc, cause);
	if (rc == 0)
		h->flags = parse_array(doc, "set_aside", "set_aside",
		    sizeof *h->flags, parse_flag, &h->nflags, &rc, cause);
	if (rc != 0)
		goto fail;
	return (0);
fail:
	store_history_release(h);
	return (-1);
}

static const char *const program_keys[] = { "start", "phase", "set", NULL };
static const char *const selftest_keys[] = {
	"uid", "at", "test", "value", "extra", "more", "method", NULL
};
/* ... and how it was measured, when not by hand. */
static const char *const selftest_keys_by[] = {
	"uid", "at", "test", "value", "extra", "more", "method", "measured_by",
	NULL
};
/* Version 3: the earlier tests only, with two answers. */
static const char *const selftest_keys_v3[] = {
	"uid", "at", "test", "value", "extra", NULL
};
static const char *const screen_keys[] = {
	"answers", "acknowledgements", NULL
};
static const char *const answer_keys[] = { "at", "question", "answer", NULL };
static const char *const answer_cleared_keys[] = { "at", "question", "answer",
    "cleared", NULL };
static const char *const ack_keys[] = { "at", "what", NULL };

static int
parse_answer(json_t *o, const char *path, void *item, char **cause)
{
	struct store_hanswer	*an = item;
	const char	*s;
	int		 tz;

	if (keys_exact(o, path, json_object_get(o, "cleared") != NULL ?
	    answer_cleared_keys : answer_keys, cause) != 0 ||
	    get_time(o, "at", path, 0, &an->at_ms, &tz, cause) != 0 ||
	    get_str(o, "question", path, 0, &s, cause) != 0)
		return (-1);
	an->question = xstrdup(s);
	an->answer = json_is_true(json_object_get(o, "answer"));
	if (!json_is_boolean(json_object_get(o, "answer")))
		return (bad(cause, path, "'answer' is not true or false"));
	if (json_object_get(o, "cleared") != NULL &&
	    (!json_is_true(json_object_get(o, "cleared")) || !an->answer))
		return (bad(cause, path, "'cleared' is only true, on a yes"));
	an->cleared = json_object_get(o, "cleared") != NULL;
	return (0);
}

static int
parse_ack(json_t *o, const char *path, void *item, char **cause)
{
	struct store_hack	*ack = item;
	const char	*s;
	int		 tz;

	if (keys_exact(o, path, ack_keys, cause) != 0 ||
	    get_time(o, "at", path, 0, &ack->at_ms, &tz, cause) != 0 ||
	    get_str(o, "what", path, 0, &s, cause) != 0)
		return (-1);
	ack->what = xstrdup(s);
	return (0);
}

static int
parse_selftest_as(json_t *o, const char *path, void *item, int v3,
    char **cause)
{
	struct store_selftest	*t = item;
	const char	*s;
	int		 tz;

	if (keys_exact(o, path, v3 ? selftest_keys_v3 :
	    json_object_get(o, "measured_by") != NULL ? selftest_keys_by :
	    selftest_keys, cause) != 0 ||
	    get_str(o, "uid", path, 0, &s, cause) != 0)
		return (-1);
	if (strlen(s) != 32 || strspn(s, "0123456789abcdef") != 32)
		return (bad(cause, path, "'uid' is not 32 lower-case hex "
		    "digits"));
	memcpy(t->uid, s, 33);
	if (get_time(o, "at", path, 0, &t->at_ms, &tz, cause) != 0 ||
	    get_str(o, "test", path, 0, &s, cause) != 0)
		return (-1);
	t->tz_min = tz;
	if ((t->test = program_test_parse(s)) < 0)
		return (bad(cause, path, "unknown test '%s'", s));
	t->more = -1;
	t->method = 1;
	if (get_int(o, "value", path, 0, 100, 1, &t->value, cause) != 0 ||
	    get_int(o, "extra", path, 0, 100, 1, &t->extra, cause) != 0 ||
	    (!v3 && (get_int(o, "more", path, 0, 100, 1, &t->more,
	    cause) != 0 || get_int(o, "method", path, 1, STORE_TEST_METHOD,
	    0, &t->method, cause) != 0)))
		return (-1);
	if (!v3 && json_object_get(o, "measured_by") != NULL) {
		if (get_str(o, "measured_by", path, 0, &s, cause) != 0)
			return (-1);
		if (store_name_find(store_measured_names, s) == NULL)
			return (bad(cause, path, "'measured_by' is not manual, "
			    "phone or camera"));
		snprintf(t->measured_by, sizeof t->measured_by, "%s", s);
	}
	if (!store_selftest_valid(t))
		return (bad(cause, path, "not a result of the %s test", s));
	return (0);
}

static int
parse_selftest(json_t *o, const char *path, void *item, char **cause)
{
	return (parse_selftest_as(o, path, item, 0, cause));
}

static int
parse_selftest_v3(json_t *o, const char *path, void *item, char **cause)
{
	return (parse_selftest_as(o, path, item, 1, cause));
}

int
export_parse_program(json_t *doc, struct store_program_data *pd, char **cause)
{
	const char	*s;
	json_t		*o;
	int		 version = 0, tz, rc;

	memset(pd, 0, sizeof *pd);
	if (get_int(doc, "version", "top level", 1, 1000, 0, &version,
	    cause) != 0)
		return (-1);
	if (version < 3)
		return (0);
	o = json_object_get(doc, "program");
	if (o != NULL && !json_is_null(o)) {
		if (!json_is_object(o)) {
			bad(cause, "program", "not an object or null");
			goto fail;
		}
		if (keys_exact(o, "program", program_keys, cause) != 0 ||
		    get_str(o, "start", "program", 0, &s, cause) != 0)
			goto fail;
		if (date_parse(s, &pd->program.start_day) != 0) {
			bad(cause, "program", "'start' is not a date");
			goto fail;
		}
		if (get_str(o, "phase", "program", 0, &s, cause) != 0)
			goto fail;
		if ((pd->program.start_phase = program_phase_parse(s)) < 0 ||
		    strcmp(s, program_phase_name(pd->program.start_phase)) !=
		    0) {
			bad(cause, "program", "unknown phase '%s'", s);
			goto fail;
		}
		if (get_time(o, "set", "program", 0, &pd->program.set_ms, &tz,
		    cause) != 0)
			goto fail;
		pd->program.set = 1;
	}
	pd->tests = parse_array(doc, "selftests", "selftests",
	    sizeof *pd->tests, version == 3 ? parse_selftest_v3 :
	    parse_selftest, &pd->ntests, &rc, cause);
	if (rc != 0)
		goto fail;
	o = json_object_get(doc, "screen");
	if (!json_is_object(o)) {
		bad(cause, "screen", "not an object");
		goto fail;
	}
	if (keys_exact(o, "screen", screen_keys, cause) != 0)
		goto fail;
	pd->answers = parse_array(o, "answers", "screen.answers",
	    sizeof *pd->answers, parse_answer, &pd->nanswers, &rc, cause);
	if (rc == 0)
		pd->acks = parse_array(o, "acknowledgements",
		    "screen.acknowledgements", sizeof *pd->acks, parse_ack,
		    &pd->nacks, &rc, cause);
	if (rc != 0)
		goto fail;
	return (0);
fail:
	store_program_data_release(pd);
	return (-1);
}
