/*
 * status.c -- what `midback remind --status` tells: the running daemon's
 * state file, else the schedule run from now. Needs no libsystemd.
 */
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "remind/remind.h"
#include "sys/clock.h"
#include "sys/paths.h"
#include "core/date.h"
#include "core/xmalloc.h"

const char *const remind_kind_ids[SCHED_NKINDS] = {
	"posture-reset", "wall-angel", "daily-session"
};

long
remind_zone_offset(void *arg, int64_t ms)
{
	(void)arg;
	return ((long)clock_tz_min(clock_process(NULL), ms) * 60);
}

/* $XDG_RUNTIME_DIR/midback/remind.json, else beside the store. */
char *
remind_state_path(void)
{
	char	*cause = NULL, *p;

	if ((p = paths_state("remind.json", &cause)) == NULL) {
		free(cause);
		p = xstrdup("/nonexistent/remind.json");
	}
	return (p);
}

int
remind_state_pid(const json_t *j)
{
	json_int_t	n = json_integer_value(json_object_get(j, "pid"));

	return (n > 0 && n <= INT_MAX ? (int)n : 0);
}

/* The running daemon's word, from its state file; 0, or -1 if none. */
static int
status_running(struct remind_status *st)
{
	json_error_t	 jerr;
	json_t		*j, *next;
	const char	*kind, *due, *reason, *sources;
	char		*path = remind_state_path();
	int		 pid = 0, tz, k;

	j = json_load_file(path, 0, &jerr);
	free(path);
	if (j == NULL)
		return (-1);
	if ((pid = remind_state_pid(j)) <= 0 ||
	    kill(pid, 0) != 0) {
		json_decref(j);
		return (-1);
	}
	st->running = 1;
	st->pid = pid;
	sources = json_string_value(json_object_get(j, "idle_sources"));
	snprintf(st->idle_sources, sizeof st->idle_sources, "%s",
	    sources != NULL ? sources : "none");
	st->notifications = json_is_true(json_object_get(j, "notifications"));
	next = json_object_get(j, "next");
	if (json_is_object(next) && json_unpack(next, "{s:s, s:s, s:s}",
	    "kind", &kind, "due", &due, "reason", &reason) == 0 &&
	    date_iso_parse(due, &st->due_ms, &tz) == 0) {
		for (k = 0; k < SCHED_NKINDS; k++)
			if (strcmp(kind, remind_kind_ids[k]) == 0)
				break;
		if (k < SCHED_NKINDS) {
			st->has_next = 1;
			st->kind = (enum sched_kind)k;
			snprintf(st->reason, sizeof st->reason, "%s", reason);
		}
	}
	json_decref(j);
	return (0);
}

void
remind_status(const struct remind_config *c, int64_t now_ms,
    struct remind_status *st)
{
	struct sched		 s;
	struct sched_zone	 z = { remind_zone_offset, NULL };
	struct sched_event	 ev;

	memset(st, 0, sizeof *st);
	if (status_running(st) == 0)
		return;
	sched_init(&s, c, &z, now_ms);
	if (sched_next(&s, now_ms, &ev) == 0) {
		st->has_next = 1;
		st->kind = ev.kind;
		st->due_ms = ev.due_ms;
		memcpy(st->reason, ev.reason, sizeof st->reason);
	}
}
