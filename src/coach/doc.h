/*
 * doc.h -- the JSON documents every front end sends, written once: an
 * exercise, a plan, the program and its self-tests, and the words the
 * catalog's names and sources stand for. `midback ... --json` prints
 * them and the web API answers with them. No stdio.
 */
#ifndef MIDBACK_COACH_DOC_H
#define MIDBACK_COACH_DOC_H

#include <stddef.h>

#include <jansson.h>

#include "coach/program.h"
#include "core/catalog.h"
#include "core/plan.h"
#include "coach/coach.h"

/* The stage's name: "breathing", "extension", ... */
const char	*doc_stage_name(int stage);
/* Every catalog field of an exercise. The caller owns the reference. */
json_t		*doc_exercise_json(const struct exercise *);
/* A day (days since 1970-01-01) as a "YYYY-MM-DD" JSON string. */
json_t		*doc_json_day(long day);
/* A catalog source (an article's file name) in words a reader knows. */
const char	*doc_source_words(const char *source);
/* The shortest and longest time the catalog's dose allows, in seconds. */
void		 doc_time_range(const struct exercise *, int *lo, int *hi);
/*
 * A plan as JSON: {"date","minutes","total_s","items":[{"id","name",
 * "stage","sets","reps","hold_s","breaths","per_side","duration_s"}]}.
 * The caller owns the reference.
 */
json_t		*doc_plan_json(const struct plan *, long day, int minutes);
/*
 * s as a JSON string, each byte that is not valid UTF-8 replaced with
 * U+FFFD; JSON null if s is NULL. Never NULL.
 */
json_t		*doc_json_text(const char *s);
/*
 * How deep objects and arrays may nest in a JSON document read from
 * outside (an import, an API request's body). jansson refuses more than
 * 2048 levels as it reads (JSON_PARSER_MAX_DEPTH, fixed when it is
 * built); doc_json_depth() holds a document to this, looking no deeper.
 */
#define DOC_JSON_DEPTH_MAX	64
/*
 * 0 if j nests at most max levels deep (j itself is level 1), else -1
 * with *where an allocated path to the first object or array too deep,
 * such as "sessions[0].plan.items[0]".
 */
int		 doc_json_depth(json_t *j, int max, char **where);
/*
 * Every self-test's results, oldest first, as a JSON array with one
 * object per test: {"test", "name", "results": [{"date", "at", "value",
 * "extra", "score", "text"}]}.
 */
json_t	*doc_selftests_json(const struct store_program_data *);
/*
 * The program as `midback program --json` prints it and GET
 * /api/program answers: the week, the phase and why, the reviews, each
 * exercise's level and what unlocks next, the self-tests (above) and
 * when the next is due. A new reference.
 */
/*
 * The next-day answers into a program document j: "nextday" (the last
 * answers by date, the last 7 days' counts, the hold, six weeks with no
 * improvement, today's words) and each review's week of answers.
 */
void	 doc_program_nextday(json_t *j, const struct coach_program *,
	    const struct coach_nextday *);
json_t	*doc_program_json(const struct coach_program *,
	    const struct catalog *);

/*
 * The limits and defaults of what a front end asks (GET /api/limits):
 * minutes, places and equipment with their defaults, the pain scale and
 * its rules (advise against from "stop", a rise of "rise" after), and the
 * program's weekly rules. The page reads them instead of copying them.
 */
json_t		*doc_limits_json(void);
/*
 * A document as text, as `--json` prints it and the API sends the ones
 * the command line also prints (the stats): indented by two, keys in
 * their order, and a final newline. Allocated; NULL when out of memory.
 */
#define DOC_FLAGS	(JSON_INDENT(2) | JSON_PRESERVE_ORDER)
char		*doc_text(const json_t *);
/* The active days shown in the stats document's calendar. */
#define DOC_CALENDAR_DAYS	35
/*
 * The one stats document: `midback stats --json` prints it and GET
 * /api/progress answers it, byte for byte the same on the same store:
 * streaks, adherence, each week, the pain trend, favourites, what is set
 * aside, reminders, the calendar of active days and the self-tests.
 */
json_t		*doc_stats_json(const struct coach_stats *,
		    const struct catalog *);

#endif
