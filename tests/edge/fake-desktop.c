/*
 * fake-desktop.c -- stand-ins for GNOME's idle monitor (on the session
 * bus) and systemd-logind (on the system bus), with just what
 * src/remind/idle-mutter.c and src/remind/idle-logind.c use, so that
 * tests/edge/t-idle.sh can test them on private buses. Commands on stdin
 * make them signal.
 *
 * usage: fake-desktop [-l] [-m]
 *
 *	-l	own org.freedesktop.login1 on the system bus
 *	-m	own org.gnome.Mutter.IdleMonitor on the session bus
 *
 * Commands, one a line:
 *	idle		fire every idle watch (WatchFired, to its owner)
 *	active		fire every user-active watch, which then goes
 *	sleep, wake	PrepareForSleep(true), PrepareForSleep(false)
 *	lock, unlock	the Lock and Unlock signals of every session asked
 *			for
 *	hint 0|1	PropertiesChanged with LockedHint 0 or 1, likewise
 *	forge		WatchFired for every watch, sent straight to the
 *			watch's owner by another connection, as a forger
 *			would
 *
 * Output: "ready" once the names are owned; a line for each method call
 * ("AddIdleWatch 2000", "AddUserActiveWatch", "RemoveWatch 1",
 * "GetSession 7"), and "done COMMAND" after each command. It ends at the
 * end of its input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/epoll.h>

#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

#define MAX_WATCHES	64

struct watch {
	uint32_t	 id;
	int		 active;	/* a user-active watch */
	char		 owner[64];	/* who made it */
};

static struct {
	sd_event	*ev;
	sd_bus		*user;
	sd_bus		*system;
	sd_bus		*forger;	/* a second session connection */
	struct watch	 w[MAX_WATCHES];
	size_t		 nw;
	uint32_t	 next_id;
	char		 session[256];	/* the last session asked for */
	char		 line[256];
	size_t		 len;
} f;

static void
die(const char *what, int r)
{
	fprintf(stderr, "fake-desktop: %s: %s\n", what, strerror(-r));
	exit(1);
}

static int
add_watch(sd_bus_message *m, int active)
{
	struct watch	*w;

	if (f.nw == MAX_WATCHES)
		return (sd_bus_reply_method_errorf(m,
		    SD_BUS_ERROR_LIMITS_EXCEEDED, "too many watches"));
	w = &f.w[f.nw++];
	w->id = ++f.next_id;
	w->active = active;
	snprintf(w->owner, sizeof w->owner, "%s",
	    sd_bus_message_get_sender(m));
	return (sd_bus_reply_method_return(m, "u", w->id));
}

static int
m_add_idle(sd_bus_message *m, void *arg, sd_bus_error *e)
{
	uint64_t	ms;
	int		r;

	(void)arg;
	(void)e;
	if ((r = sd_bus_message_read(m, "t", &ms)) < 0)
		return (r);
	printf("AddIdleWatch %llu\n", (unsigned long long)ms);
	return (add_watch(m, 0));
}

static int
m_add_active(sd_bus_message *m, void *arg, sd_bus_error *e)
{
	(void)arg;
	(void)e;
	printf("AddUserActiveWatch\n");
	return (add_watch(m, 1));
}

static int
m_remove(sd_bus_message *m, void *arg, sd_bus_error *e)
{
	uint32_t	id;
	size_t		i;
	int		r;

	(void)arg;
	(void)e;
	if ((r = sd_bus_message_read(m, "u", &id)) < 0)
		return (r);
	printf("RemoveWatch %u\n", id);
	for (i = 0; i < f.nw; i++) {
		if (f.w[i].id == id) {
			f.w[i] = f.w[--f.nw];
			break;
		}
	}
	return (sd_bus_reply_method_return(m, NULL));
}

static int
m_idletime(sd_bus_message *m, void *arg, sd_bus_error *e)
{
	(void)arg;
	(void)e;
	return (sd_bus_reply_method_return(m, "t", (uint64_t)0));
}

static const sd_bus_vtable mutter_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_METHOD("AddIdleWatch", "t", "u", m_add_idle, 0),
	SD_BUS_METHOD("AddUserActiveWatch", "", "u", m_add_active, 0),
	SD_BUS_METHOD("RemoveWatch", "u", "", m_remove, 0),
	SD_BUS_METHOD("GetIdletime", "", "t", m_idletime, 0),
	SD_BUS_SIGNAL("WatchFired", "u", 0),
	SD_BUS_VTABLE_END
};

static int
l_get_session(sd_bus_message *m, void *arg, sd_bus_error *e)
{
	const char	*id;
	char		*path;
	int		 r;

	(void)arg;
	(void)e;
	if ((r = sd_bus_message_read(m, "s", &id)) < 0)
		return (r);
	printf("GetSession %s\n", id);
	if ((r = sd_bus_path_encode("/org/freedesktop/login1/session", id,
	    &path)) < 0)
		return (r);
	snprintf(f.session, sizeof f.session, "%s", path);
	free(path);
	return (sd_bus_reply_method_return(m, "o", f.session));
}

static int
l_by_pid(sd_bus_message *m, void *arg, sd_bus_error *e)
{
	(void)arg;
	(void)e;
	printf("GetSessionByPID\n");
	return (sd_bus_reply_method_errorf(m,
	    "org.freedesktop.login1.NoSessionForPID", "no session"));
}

static int
l_get_user(sd_bus_message *m, void *arg, sd_bus_error *e)
{
	(void)arg;
	(void)e;
	printf("GetUser\n");
	return (sd_bus_reply_method_errorf(m,
	    "org.freedesktop.login1.NoSuchUser", "no user"));
}

static const sd_bus_vtable login_vtable[] = {
	SD_BUS_VTABLE_START(0),
	SD_BUS_METHOD("GetSession", "s", "o", l_get_session, 0),
	SD_BUS_METHOD("GetSessionByPID", "u", "o", l_by_pid, 0),
	SD_BUS_METHOD("GetUser", "u", "o", l_get_user, 0),
	SD_BUS_SIGNAL("PrepareForSleep", "b", 0),
	SD_BUS_VTABLE_END
};

/* WatchFired(id) to the watch's owner, sent from bus. */
static void
fire(sd_bus *bus, const struct watch *w)
{
	sd_bus_message	*m = NULL;
	int		 r;

	r = sd_bus_message_new_signal(bus, &m,
	    "/org/gnome/Mutter/IdleMonitor/Core",
	    "org.gnome.Mutter.IdleMonitor", "WatchFired");
	if (r >= 0)
		r = sd_bus_message_set_destination(m, w->owner);
	if (r >= 0)
		r = sd_bus_message_append(m, "u", w->id);
	if (r >= 0)
		r = sd_bus_send(bus, m, NULL);
	if (r < 0)
		die("WatchFired", r);
	sd_bus_message_unref(m);
}

static void
command(const char *c)
{
	size_t	i;
	int	r = 0;

	if (strcmp(c, "idle") == 0) {
		for (i = 0; i < f.nw; i++)
			if (!f.w[i].active)
				fire(f.user, &f.w[i]);
	} else if (strcmp(c, "active") == 0) {
		for (i = 0; i < f.nw; /* nothing */) {
			if (f.w[i].active) {
				fire(f.user, &f.w[i]);
				f.w[i] = f.w[--f.nw];
			} else
				i++;
		}
	} else if (strcmp(c, "forge") == 0) {
		for (i = 0; i < f.nw; i++)
			fire(f.forger, &f.w[i]);
	} else if (strcmp(c, "sleep") == 0 || strcmp(c, "wake") == 0) {
		r = sd_bus_emit_signal(f.system, "/org/freedesktop/login1",
		    "org.freedesktop.login1.Manager", "PrepareForSleep", "b",
		    strcmp(c, "sleep") == 0);
	} else if (strcmp(c, "lock") == 0 || strcmp(c, "unlock") == 0) {
		r = sd_bus_emit_signal(f.system, f.session,
		    "org.freedesktop.login1.Session",
		    strcmp(c, "lock") == 0 ? "Lock" : "Unlock", NULL);
	} else if (strncmp(c, "hint ", 5) == 0) {
		r = sd_bus_emit_signal(f.system, f.session,
		    "org.freedesktop.DBus.Properties", "PropertiesChanged",
		    "sa{sv}as", "org.freedesktop.login1.Session", 1,
		    "LockedHint", "b", atoi(c + 5) != 0, 0);
	} else {
		printf("unknown %s\n", c);
		return;
	}
	if (r < 0)
		die(c, r);
	if (f.user != NULL)
		sd_bus_flush(f.user);
	if (f.forger != NULL)
		sd_bus_flush(f.forger);
	if (f.system != NULL)
		sd_bus_flush(f.system);
	printf("done %s\n", c);
}

static int
on_stdin(sd_event_source *s, int fd, uint32_t revents, void *arg)
{
	ssize_t	n;
	char	c;

	(void)revents;
	(void)arg;
	while ((n = read(fd, &c, 1)) == 1) {
		if (c != '\n') {
			if (f.len < sizeof f.line - 1)
				f.line[f.len++] = c;
			continue;
		}
		f.line[f.len] = '\0';
		f.len = 0;
		command(f.line);
		return (0);
	}
	if (n == 0) {
		sd_event_source_set_enabled(s, SD_EVENT_OFF);
		sd_event_exit(f.ev, 0);
	}
	return (0);
}

int
main(int argc, char **argv)
{
	int	c, r, login = 0, mutter = 0;

	while ((c = getopt(argc, argv, "lm")) != -1) {
		switch (c) {
		case 'l':
			login = 1;
			break;
		case 'm':
			mutter = 1;
			break;
		default:
			fprintf(stderr, "usage: fake-desktop [-l] [-m]\n");
			return (2);
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	if ((r = sd_event_default(&f.ev)) < 0)
		die("sd_event", r);
	if (mutter) {
		if ((r = sd_bus_open_user(&f.user)) < 0)
			die("session bus", r);
		if ((r = sd_bus_open_user(&f.forger)) < 0)
			die("session bus", r);
		if ((r = sd_bus_add_object_vtable(f.user, NULL,
		    "/org/gnome/Mutter/IdleMonitor/Core",
		    "org.gnome.Mutter.IdleMonitor", mutter_vtable, NULL)) < 0)
			die("vtable", r);
		if ((r = sd_bus_request_name(f.user,
		    "org.gnome.Mutter.IdleMonitor", 0)) < 0)
			die("org.gnome.Mutter.IdleMonitor", r);
		sd_bus_attach_event(f.user, f.ev, 0);
		sd_bus_attach_event(f.forger, f.ev, 0);
	}
	if (login) {
		if ((r = sd_bus_open_system(&f.system)) < 0)
			die("system bus", r);
		if ((r = sd_bus_add_object_vtable(f.system, NULL,
		    "/org/freedesktop/login1",
		    "org.freedesktop.login1.Manager", login_vtable, NULL)) < 0)
			die("vtable", r);
		if ((r = sd_bus_request_name(f.system,
		    "org.freedesktop.login1", 0)) < 0)
			die("org.freedesktop.login1", r);
		sd_bus_attach_event(f.system, f.ev, 0);
	}
	if ((r = sd_event_add_io(f.ev, NULL, 0, EPOLLIN, on_stdin, NULL)) < 0)
		die("stdin", r);
	printf("ready\n");
	r = sd_event_loop(f.ev);
	sd_bus_flush_close_unref(f.user);
	sd_bus_flush_close_unref(f.forger);
	sd_bus_flush_close_unref(f.system);
	sd_event_unref(f.ev);
	return (r < 0 ? 1 : 0);
}
