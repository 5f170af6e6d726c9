/*
 * notify-try.c -- put up one real notification through
 * src/remind/notify.c and report, one line at a time, what becomes of
 * it. Driven by tests/edge/t-notify.sh under tests/lib/xsession.sh.
 *
 * usage: notify-try [-adkr] [-w seconds] [summary [body]]
 *
 *	-a	only say whether there is a notification service; exit 0 if
 *		there is, 1 if not
 *	-d	close the notification (notify_dismiss) as soon as it is up
 *	-k	keep listening after the answer, until the time limit, to
 *		show that there is no second one; then exit 0
 *	-r	send it twice, the second replacing the first
 *	-w s	give up after s seconds (default 30): print "timeout", exit 3
 *
 * Lines, in order: "bus NAME" (this program's unique bus name, so a test
 * can address it), "available 0|1", "actions 0|1", "sent ID" (twice with
 * -r), then "action ID KEY" or "closed ID REASON" when the callback fires,
 * and "available 0|1" again; then it exits 0 (with -k, at the time limit,
 * after "timeout"). Errors go to stderr, exit 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <systemd/sd-bus.h>
#include <systemd/sd-event.h>

#include "remind/notify.h"

static const struct notify_action actions[] = {
	{ "start", "Start" },
	{ "snooze", "Snooze" },
	{ "skip", "Skip" },
};

struct try {
	sd_event	*ev;
	struct notify	*n;
	int		 keep;		/* -k */
	int		 answers;
};

static void
on_answer(void *arg, uint32_t id, const char *action, unsigned reason)
{
	struct try	*t = arg;

	if (action != NULL)
		printf("action %u %s\n", id, action);
	else
		printf("closed %u %u\n", id, reason);
	printf("available %d\n", notify_available(t->n));
	t->answers++;
	if (!t->keep)
		sd_event_exit(t->ev, 0);
}

static int
on_timeout(sd_event_source *s, uint64_t usec, void *arg)
{
	struct try	*t = arg;

	(void)usec;
	printf("timeout\n");
	return (sd_event_exit(sd_event_source_get_event(s),
	    t->keep && t->answers > 0 ? 0 : 3));
}

static void
usage(void)
{
	fprintf(stderr, "usage: notify-try [-adkr] [-w seconds] "
	    "[summary [body]]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct try	 t = { NULL, NULL, 0, 0 };
	const char	*summary = "Time to move", *body = "Two minutes for "
			    "your mid-back: seated extension & rotation.";
	const char	*name = NULL;
	sd_bus		*bus = NULL;
	char		*cause = NULL;
	uint32_t	 id = 0;
	long		 wait_s = 30;
	int		 c, only_avail = 0, dismiss = 0, replace = 0, r;
	int		 ret = 1;

	while ((c = getopt(argc, argv, "adkrw:")) != -1) {
		switch (c) {
		case 'a':
			only_avail = 1;
			break;
		case 'd':
			dismiss = 1;
			break;
		case 'k':
			t.keep = 1;
			break;
		case 'r':
			replace = 1;
			break;
		case 'w':
			wait_s = strtol(optarg, NULL, 10);
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc > 2 || wait_s <= 0)
		usage();
	if (argc > 0)
		summary = argv[0];
	if (argc > 1)
		body = argv[1];
	setvbuf(stdout, NULL, _IOLBF, 0);

	if ((r = sd_event_default(&t.ev)) < 0) {
		fprintf(stderr, "notify-try: sd_event: %s\n", strerror(-r));
		return (1);
	}
	/* Open the bus here, as `remind` will, to share it with idle.c. */
	if ((r = sd_bus_open_user(&bus)) < 0) {
		fprintf(stderr, "notify-try: no session bus: %s\n",
		    strerror(-r));
		goto out;
	}
	if ((t.n = notify_open(t.ev, bus, on_answer, &t, &cause)) == NULL) {
		fprintf(stderr, "notify-try: %s\n", cause);
		goto out;
	}
	sd_bus_get_unique_name(bus, &name);
	printf("bus %s\n", name);
	printf("available %d\n", notify_available(t.n));
	if (only_avail) {
		ret = notify_available(t.n) ? 0 : 1;
		goto out;
	}
	printf("actions %d\n", notify_actions(t.n));
	if (notify_send(t.n, summary, body, actions,
	    sizeof actions / sizeof actions[0], &id, &cause) != 0) {
		fprintf(stderr, "notify-try: %s\n", cause);
		goto out;
	}
	printf("sent %u\n", id);
	if (replace) {
		if (notify_send(t.n, summary, "(replaced)", actions,
		    sizeof actions / sizeof actions[0], &id, &cause) != 0) {
			fprintf(stderr, "notify-try: %s\n", cause);
			goto out;
		}
		printf("sent %u\n", id);
	}
	if (dismiss && notify_dismiss(t.n, id, &cause) != 0) {
		fprintf(stderr, "notify-try: %s\n", cause);
		goto out;
	}
	if ((r = sd_event_add_time_relative(t.ev, NULL, CLOCK_MONOTONIC,
	    (uint64_t)wait_s * 1000000, 0, on_timeout, &t)) < 0) {
		fprintf(stderr, "notify-try: timer: %s\n", strerror(-r));
		goto out;
	}
	if ((r = sd_event_loop(t.ev)) < 0) {
		fprintf(stderr, "notify-try: loop: %s\n", strerror(-r));
		goto out;
	}
	ret = r;
out:
	free(cause);
	notify_close(t.n);
	sd_bus_flush_close_unref(bus);
	sd_event_unref(t.ev);
	return (ret);
}
