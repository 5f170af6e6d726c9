/*
 * idle-mutter.c -- GNOME's idle monitor, org.gnome.Mutter.IdleMonitor on
 * the session bus ("mutter"). It knows the idle time under Wayland as well
 * as under X11.
 *
 * Two watches: an idle watch (AddIdleWatch), which fires WatchFired each
 * time the idle time reaches the threshold (AWAY), and a user-active
 * watch (AddUserActiveWatch), which fires once at the next input (BACK)
 * and is added again after each AWAY. Mutter sends WatchFired to the
 * client alone, so it is believed only from the unique name that made the
 * watches. Watches belong to Mutter's connection: if GNOME Shell restarts
 * (Alt+F2 r under X11), they are made again for the new one.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"
#include "remind/idle-source.h"
#include "remind/bus.h"

#define MUTTER_NAME	"org.gnome.Mutter.IdleMonitor"
#define MUTTER_PATH	"/org/gnome/Mutter/IdleMonitor/Core"
#define MUTTER_IFACE	"org.gnome.Mutter.IdleMonitor"

struct mutter {
	struct idle	*idle;
	sd_bus		*bus;		/* idle.c's */
	sd_bus_slot	*slot_fired;	/* Owned; the match rules */
	sd_bus_slot	*slot_owner;	/* Owned */
	char		*owner;		/* Owned; Mutter's unique name, or
					   NULL while there is none */
	uint32_t	 idle_watch;	/* 0 if none */
	uint32_t	 active_watch;	/* 0 if none */
	int		 away;
};

/*
 * Call method (with a uint64 argument if has_arg) and read the watch id it
 * returns into *id; record who answered as Mutter. Returns 0, or -1 with
 * *cause set (cause may be NULL).
 */
static int
mutter_add(struct mutter *mu, const char *method, int has_arg, uint64_t arg,
    uint32_t *id, char **cause)
{
	sd_bus_error	 err = SD_BUS_ERROR_NULL;
	sd_bus_message	*reply = NULL;
	const char	*sender;
	int		 r;

	r = remind_bus_call(mu->bus, MUTTER_NAME, MUTTER_PATH, MUTTER_IFACE,
	    method, &err, &reply, has_arg ? "t" : NULL, arg);
	if (r >= 0)
		r = sd_bus_message_read(reply, "u", id);
	if (r >= 0 && (sender = sd_bus_message_get_sender(reply)) != NULL) {
		free(mu->owner);
		mu->owner = xstrdup(sender);
	}
	if (r < 0 && cause != NULL)
		*cause = remind_bus_error(method, &err, r);
	sd_bus_error_free(&err);
	sd_bus_message_unref(reply);
	return (r < 0 ? -1 : 0);
}

/* Make the watches for the present state. 0, or -1 with *cause set. */
static int
mutter_watch(struct mutter *mu, char **cause)
{
	if (mutter_add(mu, "AddIdleWatch", 1, idle_threshold_ms(mu->idle),
	    &mu->idle_watch, cause) != 0)
		return (-1);
	if (mu->away && mutter_add(mu, "AddUserActiveWatch", 0, 0,
	    &mu->active_watch, cause) != 0)
		return (-1);
	return (0);
}

static int
mutter_on_fired(sd_bus_message *m, void *arg, sd_bus_error *ret_error)
{
	struct mutter	*mu = arg;
	const char	*sender = sd_bus_message_get_sender(m);
	uint64_t	 now, t;
	uint32_t	 id;

	(void)ret_error;
	if (mu->owner == NULL || sender == NULL ||
	    strcmp(sender, mu->owner) != 0)
		return (0);
	if (sd_bus_message_read(m, "u", &id) < 0 || id == 0)
		return (0);
	now = idle_now(mu->idle);
	if (id == mu->idle_watch && !mu->away) {
		mu->away = 1;
		/*
		 * If this fails, BACK comes with the next AWAY's watch or
		 * not at all; there is nothing better to do.
		 */
		(void)mutter_add(mu, "AddUserActiveWatch", 0, 0,
		    &mu->active_watch, NULL);
		t = idle_threshold_ms(mu->idle) * 1000;
		idle_emit(mu->idle, IDLE_AWAY, t < now ? now - t : 0);
	} else if (id == mu->active_watch) {
		/* User-active watches fire once and are gone. */
		mu->active_watch = 0;
		mu->away = 0;
		idle_emit(mu->idle, IDLE_BACK, now);
	}
	return (0);
}

/* Mutter went away or came back (GNOME Shell restarted). */
static int
mutter_on_owner(sd_bus_message *m, void *arg, sd_bus_error *ret_error)
{
	struct mutter	*mu = arg;
	const char	*name, *old, *new;

	(void)ret_error;
	if (sd_bus_message_read(m, "sss", &name, &old, &new) < 0)
		return (0);
	if (*old != '\0' && mu->owner != NULL &&
	    strcmp(old, mu->owner) == 0) {
		free(mu->owner);
		mu->owner = NULL;
		mu->idle_watch = mu->active_watch = 0;
	}
	if (*new != '\0' && mu->owner == NULL)
		(void)mutter_watch(mu, NULL);
	return (0);
}

static void
mutter_close(void *state)
{
	struct mutter	*mu = state;

	sd_bus_slot_unref(mu->slot_fired);
	sd_bus_slot_unref(mu->slot_owner);
	/* Without waiting: Mutter drops them anyway when we disconnect. */
	if (mu->owner != NULL && mu->idle_watch != 0)
		(void)sd_bus_call_method_async(mu->bus, NULL, MUTTER_NAME,
		    MUTTER_PATH, MUTTER_IFACE, "RemoveWatch", NULL, NULL,
		    "u", mu->idle_watch);
	if (mu->owner != NULL && mu->active_watch != 0)
		(void)sd_bus_call_method_async(mu->bus, NULL, MUTTER_NAME,
		    MUTTER_PATH, MUTTER_IFACE, "RemoveWatch", NULL, NULL,
		    "u", mu->active_watch);
	free(mu->owner);
	free(mu);
}

static int
mutter_open(struct idle *i, void **state, char **cause)
{
	struct mutter	*mu;
	int		 r;

	*state = mu = xcalloc(1, sizeof *mu);
	mu->idle = i;
	if ((mu->bus = idle_service_bus(i, 0, MUTTER_NAME,
	    "no GNOME idle monitor on the session bus", cause)) == NULL)
		return (-1);
	r = sd_bus_match_signal_async(mu->bus, &mu->slot_fired, MUTTER_NAME,
	    MUTTER_PATH, MUTTER_IFACE, "WatchFired", mutter_on_fired, NULL,
	    mu);
	if (r >= 0)
		r = remind_bus_watch_owner(mu->bus, &mu->slot_owner,
		    MUTTER_NAME, mutter_on_owner, mu);
	if (r < 0) {
		*cause = xasprintf("cannot watch for WatchFired: %s",
		    strerror(-r));
		return (-1);
	}
	return (mutter_watch(mu, cause));
}

const struct idle_source_ops idle_mutter_ops = {
	.name = "mutter",
	.activity = 1,
	.open = mutter_open,
	.close = mutter_close
};
