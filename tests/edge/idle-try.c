/*
 * idle-try.c -- watch the idle sources of src/remind/idle.c for real and
 * print each event as it comes. Driven by tests/edge/t-idle.sh under
 * tests/lib/xsession.sh.
 *
 * usage: idle-try [-n events] [-s sources] [-t threshold_ms] [-w seconds]
 *
 *	-n n	exit 0 after n events (default: only at the time limit)
 *	-s list	the sources to start, as idle_open() takes them
 *		(default: every one that is there)
 *	-t ms	the threshold (default 2000)
 *	-w s	exit 0 after s seconds (default 30), printing "timeout"
 *
 * Lines: "sources LIST" once, then "EVENT AT SEEN" for each event, where
 * AT is the event's time and SEEN the time the callback ran, both in
 * milliseconds since the start (AT may be negative for an AWAY that began
 * before it), and "sources LIST" again if the list changes. Errors go to
 * stderr, exit 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <systemd/sd-event.h>

#include "remind/idle.h"

struct try {
	sd_event	*ev;
	struct idle	*idle;
	uint64_t	 t0;		/* monotonic usec at the start */
	long		 left;		/* events until exit; 0 for no limit */
	char		 last[256];	/* the sources last printed */
};

static uint64_t
mono_usec(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ((uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000);
}

static void
on_event(void *arg, enum idle_event ev, uint64_t at_usec)
{
	struct try	*t = arg;
	const char	*now_sources = idle_sources(t->idle);

	if (strcmp(now_sources, t->last) != 0) {
		snprintf(t->last, sizeof t->last, "%s", now_sources);
		printf("sources %s\n", t->last);
	}
	printf("%s %lld %lld\n", idle_event_name(ev),
	    ((long long)at_usec - (long long)t->t0) / 1000,
	    ((long long)mono_usec() - (long long)t->t0) / 1000);
	if (t->left > 0 && --t->left == 0)
		sd_event_exit(t->ev, 0);
}

static int
on_timeout(sd_event_source *s, uint64_t usec, void *arg)
{
	struct try	*t = arg;

	(void)usec;
	/* A source lost without an event shows here. */
	if (strcmp(idle_sources(t->idle), t->last) != 0)
		printf("sources %s\n", idle_sources(t->idle));
	printf("timeout\n");
	return (sd_event_exit(sd_event_source_get_event(s), 0));
}

static void
usage(void)
{
	fprintf(stderr, "usage: idle-try [-n events] [-s sources] "
	    "[-t threshold_ms] [-w seconds]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	struct try	 t;
	const char	*sources = NULL;
	char		*cause = NULL;
	long		 threshold = 2000, wait_s = 30;
	int		 c, r, ret = 1;

	memset(&t, 0, sizeof t);
	while ((c = getopt(argc, argv, "n:s:t:w:")) != -1) {
		switch (c) {
		case 'n':
			t.left = strtol(optarg, NULL, 10);
			break;
		case 's':
			sources = optarg;
			break;
		case 't':
			threshold = strtol(optarg, NULL, 10);
			break;
		case 'w':
			wait_s = strtol(optarg, NULL, 10);
			break;
		default:
			usage();
		}
	}
	if (optind != argc || wait_s <= 0 || t.left < 0)
		usage();
	setvbuf(stdout, NULL, _IOLBF, 0);
	t.t0 = mono_usec();

	if ((r = sd_event_default(&t.ev)) < 0) {
		fprintf(stderr, "idle-try: sd_event: %s\n", strerror(-r));
		return (1);
	}
	if ((t.idle = idle_open(t.ev, NULL, NULL, (uint64_t)threshold,
	    sources, on_event, &t, &cause)) == NULL) {
		fprintf(stderr, "idle-try: %s\n", cause);
		goto out;
	}
	snprintf(t.last, sizeof t.last, "%s", idle_sources(t.idle));
	printf("sources %s\n", t.last);
	if ((r = sd_event_add_time_relative(t.ev, NULL, CLOCK_MONOTONIC,
	    (uint64_t)wait_s * 1000000, 0, on_timeout, &t)) < 0) {
		fprintf(stderr, "idle-try: timer: %s\n", strerror(-r));
		goto out;
	}
	if ((r = sd_event_loop(t.ev)) < 0) {
		fprintf(stderr, "idle-try: loop: %s\n", strerror(-r));
		goto out;
	}
	ret = 0;
out:
	free(cause);
	idle_close(t.idle);
	sd_event_unref(t.ev);
	return (ret);
}
