/*
 * idle.c -- pick the idle sources, hand them the loop and the buses, and
 * pass their reports on.
 *
 * Several sources can say the same thing: on GNOME under X11 both Mutter
 * and the X server know the idle time, and logind's Lock signal and its
 * LockedHint property both say "locked". When the sources are picked here,
 * only the first source of AWAY and BACK that is there runs (Mutter before
 * X11, because under Xwayland the X server sees only X programs' input);
 * and whatever the sources, idle_emit() keeps the state of each pair and
 * drops a report that changes nothing, so the caller sees each pair
 * alternate.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "remind/idle-source.h"
#include "remind/idle.h"
#include "remind/bus.h"

/* Every source, in the order they are tried when none is named. */
static const struct idle_source_ops *const idle_all[] = {
	&idle_mutter_ops,
	&idle_x11_sync_ops,
	&idle_x11_screensaver_ops,
	&idle_logind_ops,
	NULL
};

#define IDLE_MAX_SOURCES	8

/* A source that opened. */
struct idle_running {
	const struct idle_source_ops *ops;
	void		*state;		/* Owned by the source; freed by
					   ops->close() */
	int		 gone;		/* its server went away */
};

struct idle {
	sd_event	*ev;		/* a reference of ours */
	struct remind_bus user;		/* given, or opened on first use */
	struct remind_bus system;
	uint64_t	 threshold_ms;
	idle_cb		*cb;
	void		*arg;
	struct idle_running src[IDLE_MAX_SOURCES];
	size_t		 nsrc;
	int		 away;		/* the last AWAY/BACK was AWAY */
	int		 asleep;	/* the last SLEEP/WAKE was SLEEP */
	int		 locked;	/* the last LOCK/UNLOCK was LOCK */
	char		 names[IDLE_MAX_SOURCES * 22];
					/* idle_sources()'s answer */
};

sd_event *
idle_loop(struct idle *i)
{
	return (i->ev);
}

uint64_t
idle_threshold_ms(struct idle *i)
{
	return (i->threshold_ms);
}

uint64_t
idle_now(struct idle *i)
{
	uint64_t	now = 0;

	/* Before the loop's first wake-up this is the clock itself. */
	(void)sd_event_now(i->ev, CLOCK_MONOTONIC, &now);
	return (now);
}

/* b's bus, opened on first use (the system bus if system). */
static sd_bus *
bus_get(struct idle *i, struct remind_bus *b, int system, char **cause)
{
	if (b->bus == NULL && remind_bus_open(b, system, i->ev, cause) != 0)
		return (NULL);
	return (b->bus);
}

sd_bus *
idle_user_bus(struct idle *i, char **cause)
{
	return (bus_get(i, &i->user, 0, cause));
}

sd_bus *
idle_system_bus(struct idle *i, char **cause)
{
	return (bus_get(i, &i->system, 1, cause));
}

sd_bus *
idle_service_bus(struct idle *i, int system, const char *name,
    const char *missing, char **cause)
{
	sd_bus	*bus;

	if ((bus = bus_get(i, system ? &i->system : &i->user, system,
	    cause)) == NULL)
		return (NULL);
	if (remind_bus_ask(bus, "NameHasOwner", name, NULL, NULL) != 1) {
		*cause = xstrdup(missing);
		return (NULL);
	}
	return (bus);
}

void
idle_emit(struct idle *i, enum idle_event ev, uint64_t at_usec)
{
	int	*state = NULL, on = 0;

	switch (ev) {
	case IDLE_AWAY:
	case IDLE_BACK:
		state = &i->away;
		on = ev == IDLE_AWAY;
		break;
	case IDLE_SLEEP:
	case IDLE_WAKE:
		state = &i->asleep;
		on = ev == IDLE_SLEEP;
		break;
	case IDLE_LOCK:
	case IDLE_UNLOCK:
		state = &i->locked;
		on = ev == IDLE_LOCK;
		break;
	}
	if (state == NULL || *state == on)
		return;
	*state = on;
	i->cb(i->arg, ev, at_usec);
}

void
idle_source_gone(struct idle *i, void *state)
{
	size_t	n;

	for (n = 0; n < i->nsrc; n++)
		if (i->src[n].state == state)
			i->src[n].gone = 1;
}

/* The source called name, or NULL. */
static const struct idle_source_ops *
ops_find(const char *name)
{
	size_t	n;

	for (n = 0; idle_all[n] != NULL; n++)
		if (strcmp(idle_all[n]->name, name) == 0)
			return (idle_all[n]);
	return (NULL);
}

/* Whether a source of activity runs already. */
static int
have_activity(struct idle *i)
{
	size_t	n;

	for (n = 0; n < i->nsrc; n++)
		if (i->src[n].ops->activity)
			return (1);
	return (0);
}

/* Start ops. Returns 0, or -1 with *cause set (not NULL). */
static int
start(struct idle *i, const struct idle_source_ops *ops, char **cause)
{
	void	*state;
	size_t	 n;

	for (n = 0; n < i->nsrc; n++) {
		if (i->src[n].ops == ops) {
			*cause = xstrdup("named twice");
			return (-1);
		}
	}
	if (i->nsrc == IDLE_MAX_SOURCES) {
		*cause = xstrdup("too many sources");
		return (-1);
	}
	*cause = NULL;
	state = NULL;
	if (ops->open(i, &state, cause) != 0) {
		if (state != NULL)
			ops->close(state);
		if (*cause == NULL)
			*cause = xstrdup("not there");
		return (-1);
	}
	i->src[i->nsrc].ops = ops;
	i->src[i->nsrc].state = state;
	i->src[i->nsrc].gone = 0;
	i->nsrc++;
	return (0);
}

/* Start the sources named in list ("a,b"); all must start. */
static int
start_named(struct idle *i, const char *list, char **cause)
{
	const struct idle_source_ops *ops;
	char		*copy, *p, *name, *why;
	int		 ret = -1;

	copy = p = xstrdup(list);
	while ((name = strsep(&p, ",")) != NULL) {
		name += strspn(name, " \t");
		name[strcspn(name, " \t")] = '\0';
		if (*name == '\0')
			continue;
		if ((ops = ops_find(name)) == NULL) {
			remind_cause(cause, xasprintf("unknown idle source '%s'",
			    name));
			goto out;
		}
		if (start(i, ops, &why) != 0) {
			remind_cause(cause, xasprintf("idle source %s: %s", name,
			    why));
			free(why);
			goto out;
		}
	}
	ret = 0;
out:
	free(copy);
	return (ret);
}

/* Start every source that is there, one of them for activity. */
static void
start_all(struct idle *i)
{
	char	*why;
	size_t	 n;

	for (n = 0; idle_all[n] != NULL; n++) {
		if (idle_all[n]->activity && have_activity(i))
			continue;
		if (start(i, idle_all[n], &why) != 0)
			free(why);
	}
}

struct idle *
idle_open(sd_event *ev, sd_bus *system_bus, sd_bus *user_bus,
    uint64_t threshold_ms, const char *sources, idle_cb *cb, void *arg,
    char **cause)
{
	struct idle	*i;
	char		*msg = NULL;

	if (remind_sd_load(&msg) != 0) {
		remind_cause(cause, msg);
		return (NULL);
	}
	if (threshold_ms < 1 || threshold_ms > INT32_MAX) {
		remind_cause(cause, xasprintf("idle threshold out of range: "
		    "%llu ms", (unsigned long long)threshold_ms));
		return (NULL);
	}
	i = xcalloc(1, sizeof *i);
	i->ev = sd_event_ref(ev);
	i->threshold_ms = threshold_ms;
	i->cb = cb;
	i->arg = arg;
	if (remind_bus_take(&i->system, system_bus, ev, "system", cause) != 0 ||
	    remind_bus_take(&i->user, user_bus, ev, "session", cause) != 0)
		goto fail;
	if (sources == NULL)
		start_all(i);
	else if (start_named(i, sources, cause) != 0)
		goto fail;
	return (i);

fail:
	idle_close(i);
	return (NULL);
}

const char *
idle_sources(struct idle *i)
{
	size_t	n, len = 0;
	int	w;

	/* IDLE_MAX_SOURCES names of at most 20 characters fit. */
	i->names[0] = '\0';
	for (n = 0; n < i->nsrc; n++) {
		if (i->src[n].gone)
			continue;
		w = snprintf(i->names + len, sizeof i->names - len, "%s%s",
		    len == 0 ? "" : ", ", i->src[n].ops->name);
		if (w > 0)
			len += (size_t)w;
	}
	if (len == 0)
		snprintf(i->names, sizeof i->names, "none");
	return (i->names);
}

int
idle_away(struct idle *i)
{
	return (i->away);
}

const char *
idle_event_name(enum idle_event ev)
{
	static const char *const names[] = {
		[IDLE_AWAY] = "away",
		[IDLE_BACK] = "back",
		[IDLE_SLEEP] = "sleep",
		[IDLE_WAKE] = "wake",
		[IDLE_LOCK] = "lock",
		[IDLE_UNLOCK] = "unlock",
	};

	if ((size_t)ev >= sizeof names / sizeof names[0] || names[ev] == NULL)
		return ("?");
	return (names[ev]);
}

void
idle_close(struct idle *i)
{
	size_t	n;

	if (i == NULL)
		return;
	/* Newest first: a source may use what an older one set up. */
	for (n = i->nsrc; n > 0; n--)
		i->src[n - 1].ops->close(i->src[n - 1].state);
	remind_bus_release(&i->user);
	remind_bus_release(&i->system);
	sd_event_unref(i->ev);
	free(i);
}
