/*
 * clock.c -- the one clock: system, scaled (for CLI tests) or manual (for
 * unit tests). See clock.h.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sys/clock.h"

static int64_t
real_ms(clockid_t id)
{
	struct timespec	ts;

	clock_gettime(id, &ts);
	return ((int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

void
clock_manual(struct clock *c, int64_t wall_ms)
{
	memset(c, 0, sizeof *c);
	c->kind = CLOCK_MANUAL;
	c->scale = 1;
	c->manual_wall = wall_ms;
}

void
clock_advance(struct clock *c, int64_t ms)
{
	c->manual_wall += ms;
	c->manual_mono += ms;
}

/* "2026-12-01T09:00:00" as local time, or Unix seconds; -1 if neither. */
static int
parse_at(const char *s, size_t len, int64_t *ms)
{
	char		 buf[32], *end;
	struct tm	 tm;
	long long	 v;
	time_t		 t;

	if (len == 0 || len >= sizeof buf)
		return (-1);
	memcpy(buf, s, len);
	buf[len] = '\0';
	memset(&tm, 0, sizeof tm);
	end = strptime(buf, "%Y-%m-%dT%H:%M:%S", &tm);
	if (end != NULL && *end == '\0') {
		tm.tm_isdst = -1;
		if ((t = mktime(&tm)) == (time_t)-1)
			return (-1);
		*ms = (int64_t)t * 1000;
		return (0);
	}
	errno = 0;
	v = strtoll(buf, &end, 10);
	if (*end != '\0' || errno != 0 || v < 0 || v > LLONG_MAX / 1000)
		return (-1);
	*ms = (int64_t)v * 1000;
	return (0);
}

int
clock_parse(struct clock *c, const char *spec, const char **err)
{
	const char	*p = spec, *eq, *comma;
	int64_t		 ms;
	char		*end;
	double		 scale;
	size_t		 klen;

	memset(c, 0, sizeof *c);
	c->kind = CLOCK_SYSTEM;
	c->scale = 1;
	c->real_mono0 = real_ms(CLOCK_MONOTONIC);
	c->real_boot0 = real_ms(CLOCK_BOOTTIME);
	c->real_wall0 = real_ms(CLOCK_REALTIME);
	c->wall_at = c->real_wall0;
	if (spec == NULL || *spec == '\0')
		return (0);
	c->kind = CLOCK_SCALED;
	while (*p != '\0') {
		comma = strchr(p, ',');
		if (comma == NULL)
			comma = p + strlen(p);
		if ((eq = memchr(p, '=', (size_t)(comma - p))) == NULL) {
			*err = "expected key=value";
			return (-1);
		}
		klen = (size_t)(eq - p);
		eq++;
		if (klen == 2 && strncmp(p, "at", 2) == 0) {
			if (parse_at(eq, (size_t)(comma - eq), &ms) == -1) {
				*err = "at= wants YYYY-MM-DDTHH:MM:SS or Unix "
				    "seconds";
				return (-1);
			}
			c->wall_at = ms;
		} else if (klen == 5 && strncmp(p, "since", 5) == 0) {
			if (parse_at(eq, (size_t)(comma - eq), &ms) == -1) {
				*err = "since= wants Unix seconds";
				return (-1);
			}
			/* The monotonic origins move back with it. */
			c->real_mono0 -= c->real_wall0 - ms;
			c->real_boot0 -= c->real_wall0 - ms;
			c->real_wall0 = ms;
		} else if (klen == 5 && strncmp(p, "scale", 5) == 0) {
			errno = 0;
			scale = strtod(eq, &end);
			if (end != comma || errno != 0 || !(scale >= 1) ||
			    scale > 1000) {
				*err = "scale= wants a number from 1 to 1000";
				return (-1);
			}
			c->scale = scale;
		} else {
			*err = "unknown key (expected at, since or scale)";
			return (-1);
		}
		p = *comma == ',' ? comma + 1 : comma;
	}
	return (0);
}

const struct clock *
clock_process(const char **err)
{
	static struct clock	c;
	static int		made;
	const char		*e = NULL;

	if (!made) {
		made = 1;
		if (clock_parse(&c, getenv(CLOCK_ENV), &e) == -1) {
			if (err != NULL)
				*err = e;
			clock_parse(&c, NULL, &e);
		}
	}
	return (&c);
}

/*
 * The milliseconds the clock has run since the system clock id read
 * real0 (on a scaled clock, scale times the real ones).
 */
static int64_t
scaled_since(const struct clock *c, clockid_t id, int64_t real0)
{
	return ((int64_t)((double)(real_ms(id) - real0) * c->scale));
}

int64_t
clock_wall_ms(const struct clock *c)
{
	switch (c->kind) {
	case CLOCK_MANUAL:
		return (c->manual_wall);
	case CLOCK_SCALED:
		return (c->wall_at + scaled_since(c, CLOCK_REALTIME,
		    c->real_wall0));
	default:
		return (real_ms(CLOCK_REALTIME));
	}
}

int64_t
clock_mono_ms(const struct clock *c)
{
	if (c->kind == CLOCK_MANUAL)
		return (c->manual_mono);
	return (scaled_since(c, CLOCK_MONOTONIC, c->real_mono0));
}

int64_t
clock_boot_ms(const struct clock *c)
{
	if (c->kind == CLOCK_MANUAL)
		return (c->manual_mono);
	return (scaled_since(c, CLOCK_BOOTTIME, c->real_boot0));
}

int64_t
clock_wall_at_real_mono(const struct clock *c, int64_t real_mono_ms)
{
	int64_t	now = clock_wall_ms(c);

	if (c->kind == CLOCK_MANUAL)
		return (now);
	return (now - scaled_since(c, CLOCK_MONOTONIC, real_mono_ms));
}

int
clock_tz_min(const struct clock *c, int64_t wall_ms)
{
	struct tm	tm;
	time_t		t = (time_t)(wall_ms >= 0 ? wall_ms / 1000 :
			    (wall_ms - 999) / 1000);

	(void)c;
	if (localtime_r(&t, &tm) == NULL)
		return (0);
	return ((int)(tm.tm_gmtoff / 60));
}

long
clock_today(const struct clock *c)
{
	int64_t	ms = clock_wall_ms(c);
	int64_t	local = ms + (int64_t)clock_tz_min(c, ms) * 60000;

	/* Floor division: days before 1970 are negative. */
	return ((long)(local >= 0 ? local / 86400000 :
	    (local - 86399999) / 86400000));
}

int64_t
clock_real_ms(const struct clock *c, int64_t ms)
{
	if (c->kind == CLOCK_MANUAL || ms <= 0)
		return (0);
	return ((int64_t)((double)ms / c->scale + 0.999));
}

int64_t
clock_real_wall(const struct clock *c, int64_t wall_ms)
{
	if (c->kind != CLOCK_SCALED)
		return (wall_ms);
	return (c->real_wall0 + (int64_t)((double)(wall_ms - c->wall_at) /
	    c->scale + 0.999));
}

int
clock_sleep_until(const struct clock *c, int64_t mono_ms)
{
	struct timespec	ts;
	int64_t		abs_ms;

	if (c->kind == CLOCK_MANUAL) {
		struct clock *m = (struct clock *)c;

		/* A manual clock is the caller's own: waiting moves it. */
		if (mono_ms > m->manual_mono)
			clock_advance(m, mono_ms - m->manual_mono);
		return (0);
	}
	abs_ms = c->real_mono0 + (int64_t)((double)mono_ms / c->scale +
	    0.999);
	ts.tv_sec = abs_ms / 1000;
	ts.tv_nsec = (abs_ms % 1000) * 1000000;
	return (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) ==
	    EINTR);
}
