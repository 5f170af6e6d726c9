/*
 * config.c -- read the reminder settings from YAML text.
 *
 * Each key is read on its own and a bad one is reported and left at its
 * default, so one pass reports every problem of the file; the checks that
 * tie two keys together (the daily session within work hours) run only
 * when both keys were read cleanly, so one mistake is never reported
 * twice.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "xmalloc.h"
#include "ytree.h"

/* The file's keys, in the order of the enum (none is required). */
enum {
	C_WORK_DAYS, C_WORK_HOURS, C_RESET_EVERY, C_ANGEL_EVERY, C_DAILY,
	C_SNOOZE, C_NKEYS
};
static const char *const config_keys[C_NKEYS] = {
	"work_days", "work_hours", "posture_reset_every", "wall_angel_every",
	"daily_session", "snooze"
};

static const char *const config_day_names[7] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday"
};

static const char *const config_day_short[7] = {
	"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"
};

void
config_defaults(struct remind_config *c)
{
	c->days_mask = CONFIG_WEEKDAYS;
	c->start_min = 9 * 60;
	c->end_min = 17 * 60 + 30;
	c->reset_every_min = 60;
	c->angel_every_min = 120;
	c->daily_min = 16 * 60;
	c->snooze_min = 10;
}

void
config_hhmm(int min, char *buf)
{
	if (min < 0 || min > 24 * 60)
		min = 0;
	snprintf(buf, CONFIG_HHMM_BUFSZ, "%02d:%02d", min / 60, min % 60);
}

/* Whether the text holds nothing but blank lines and comments. */
static int
config_blank(const char *buf, size_t len)
{
	size_t	i = 0;

	while (i < len) {
		while (i < len && (buf[i] == ' ' || buf[i] == '\t' ||
		    buf[i] == '\r'))
			i++;
		if (i < len && buf[i] == '#')
			while (i < len && buf[i] != '\n')
				i++;
		if (i < len && buf[i] != '\n')
			return (0);
		i++;
	}
	return (1);
}

/* Case-insensitive equality of s with the NUL-terminated lower-case w. */
static int
config_word_is(const char *s, const char *w)
{
	for (; *s != '\0' && *w != '\0'; s++, w++)
		if (tolower((unsigned char)*s) != *w)
			return (0);
	return (*s == '\0' && *w == '\0');
}

/* Weekday (0 = Monday) of a three-letter or full name, or -1. */
static int
config_day(const char *s)
{
	char	short3[4];
	int	i;

	for (i = 0; i < 7; i++) {
		memcpy(short3, config_day_names[i], 3);
		short3[3] = '\0';
		if (config_word_is(s, short3) ||
		    config_word_is(s, config_day_names[i]))
			return (i);
	}
	return (-1);
}

/*
 * Parse H:MM or HH:MM, n bytes of s, into minutes after midnight. Returns
 * 0; -1 if it is not in that form; -2 if it is no time of day (24:00 is
 * one only when allow24).
 */
static int
config_parse_hhmm(const char *s, size_t n, int allow24, int *out)
{
	int	h, m;

	if (n != 4 && n != 5)
		return (-1);
	if (!isdigit((unsigned char)s[0]))
		return (-1);
	h = s[0] - '0';
	if (n == 5) {
		if (!isdigit((unsigned char)s[1]))
			return (-1);
		h = h * 10 + (s[1] - '0');
	}
	s += n - 3;
	if (s[0] != ':' || !isdigit((unsigned char)s[1]) ||
	    !isdigit((unsigned char)s[2]))
		return (-1);
	m = (s[1] - '0') * 10 + (s[2] - '0');
	if (m > 59 || h > 24 || (h == 24 && (m != 0 || !allow24)))
		return (-2);
	*out = h * 60 + m;
	return (0);
}

static void
read_days(struct ytree *t, yaml_node_t *n, struct remind_config *c)
{
	yaml_node_t	*item;
	const char	*s;
	size_t		 before = t->diag->n;
	unsigned	 mask = 0;
	int		 len, i, wd;

	if ((len = ytree_seq_len(t, n, "work_days")) < 0)
		return;
	if (len == 0) {
		diag_add(t->diag, t->file, ytree_line(n),
		    "'work_days' lists no day");
		return;
	}
	for (i = 0; i < len; i++) {
		item = ytree_seq_item(t, n, i);
		if (item->type != YAML_SCALAR_NODE) {
			diag_add(t->diag, t->file, ytree_line(item),
			    "'work_days' must list day names");
			continue;
		}
		if (item->data.scalar.length == 0) {
			diag_add(t->diag, t->file, ytree_line(item),
			    "'work_days' has an empty item");
			continue;
		}
		if ((s = ytree_str(t, item, "work_days")) == NULL)
			continue;
		if ((wd = config_day(s)) == -1) {
			diag_add(t->diag, t->file, ytree_line(item),
			    "unknown day '%s' in 'work_days' (expected mon to "
			    "sun, or monday to sunday)", s);
			continue;
		}
		if (mask & CONFIG_DAY(wd)) {
			diag_add(t->diag, t->file, ytree_line(item),
			    "'work_days' lists %s twice", config_day_short[wd]);
			continue;
		}
		mask |= CONFIG_DAY(wd);
	}
	if (t->diag->n == before)
		c->days_mask = mask;
}

/* Report what config_parse_hhmm() found wrong with one time of key. */
static void
bad_time(struct ytree *t, yaml_node_t *n, const char *key, const char *s,
    size_t len, int allow24)
{
	diag_add(t->diag, t->file, ytree_line(n),
	    "'%s': '%.*s' is not a time of day (00:00 to %s)", key, (int)len,
	    s, allow24 ? "24:00" : "23:59");
}

/* Returns 0 when work hours were read. */
static int
read_hours(struct ytree *t, yaml_node_t *n, struct remind_config *c)
{
	const char	*s, *dash, *a, *b;
	size_t		 alen, blen;
	char		 sbuf[CONFIG_HHMM_BUFSZ], ebuf[CONFIG_HHMM_BUFSZ];
	int		 start, end, ra, rb;

	if ((s = ytree_str(t, n, "work_hours")) == NULL)
		return (-1);
	if ((dash = strchr(s, '-')) == NULL)
		goto form;
	/* Blanks around the dash are allowed: "09:00 - 17:30". */
	a = s;
	alen = (size_t)(dash - s);
	while (alen > 0 && a[alen - 1] == ' ')
		alen--;
	b = dash + 1;
	while (*b == ' ')
		b++;
	blen = strlen(b);
	ra = config_parse_hhmm(a, alen, 0, &start);
	rb = config_parse_hhmm(b, blen, 1, &end);
	if (ra == -1 || rb == -1)
		goto form;
	if (ra == -2 || rb == -2) {
		if (ra == -2)
			bad_time(t, n, "work_hours", a, alen, 0);
		if (rb == -2)
			bad_time(t, n, "work_hours", b, blen, 1);
		return (-1);
	}
	if (end <= start) {
		config_hhmm(start, sbuf);
		config_hhmm(end, ebuf);
		diag_add(t->diag, t->file, ytree_line(n),
		    "'work_hours': the end %s must come after the start %s "
		    "(hours cannot cross midnight)", ebuf, sbuf);
		return (-1);
	}
	c->start_min = start;
	c->end_min = end;
	return (0);
form:
	diag_add(t->diag, t->file, ytree_line(n),
	    "'work_hours' must be HH:MM-HH:MM, found '%s'", s);
	return (-1);
}

/* A scalar "off", in any case. */
static int
is_off(const yaml_node_t *n)
{
	return (n->type == YAML_SCALAR_NODE &&
	    config_word_is((const char *)n->data.scalar.value, "off"));
}

/* Minutes in [lo, hi], or "off" (0) when may_off. Returns 0 if read. */
static int
read_minutes(struct ytree *t, yaml_node_t *n, const char *key, long lo,
    long hi, int may_off, int *out)
{
	const char	*s;
	long		 v;

	if (may_off && is_off(n)) {
		*out = 0;
		return (0);
	}
	if (may_off && n->type == YAML_SCALAR_NODE) {
		s = (const char *)n->data.scalar.value;
		if (*s != '-' && *s != '+' && !isdigit((unsigned char)*s)) {
			diag_add(t->diag, t->file, ytree_line(n),
			    "'%s' must be minutes from %ld to %ld, or off; "
			    "found '%s'", key, lo, hi, s);
			return (-1);
		}
	}
	if (ytree_int(t, n, key, lo, hi, &v) == -1)
		return (-1);
	*out = (int)v;
	return (0);
}

/* Returns 0 when the daily session's time (or off) was read. */
static int
read_daily(struct ytree *t, yaml_node_t *n, struct remind_config *c)
{
	const char	*s;
	int		 r, min;

	if (is_off(n)) {
		c->daily_min = -1;
		return (0);
	}
	if ((s = ytree_str(t, n, "daily_session")) == NULL)
		return (-1);
	if ((r = config_parse_hhmm(s, strlen(s), 0, &min)) == -1) {
		diag_add(t->diag, t->file, ytree_line(n),
		    "'daily_session' must be HH:MM or off, found '%s'", s);
		return (-1);
	}
	if (r == -2) {
		bad_time(t, n, "daily_session", s, strlen(s), 0);
		return (-1);
	}
	c->daily_min = min;
	return (0);
}

int
config_parse(const char *file, const char *buf, size_t len,
    struct remind_config *c, struct diag *d)
{
	struct ytree	 t;
	yaml_node_t	*root, *f[C_NKEYS];
	char		 dbuf[CONFIG_HHMM_BUFSZ], sbuf[CONFIG_HHMM_BUFSZ];
	char		 ebuf[CONFIG_HHMM_BUFSZ];
	size_t		 before = d->n;
	long		 v;
	int		 hours_ok = 1, daily_ok = 0;

	config_defaults(c);
	if (config_blank(buf, len))
		return (0);
	if ((root = ytree_load(&t, file, buf, len, d)) == NULL)
		goto out;
	/* "---" alone: a document whose root is null, as good as empty. */
	if (root->type == YAML_SCALAR_NODE && root->data.scalar.length == 0 &&
	    root->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
		goto out;
	if (ytree_keys(&t, root, config_keys, C_NKEYS, f, "config") == -1)
		goto out;
	if (f[C_WORK_DAYS] != NULL)
		read_days(&t, f[C_WORK_DAYS], c);
	if (f[C_WORK_HOURS] != NULL)
		hours_ok = read_hours(&t, f[C_WORK_HOURS], c) == 0;
	if (f[C_RESET_EVERY] != NULL)
		read_minutes(&t, f[C_RESET_EVERY], "posture_reset_every",
		    CONFIG_EVERY_MIN, CONFIG_EVERY_MAX, 0, &c->reset_every_min);
	if (f[C_ANGEL_EVERY] != NULL)
		read_minutes(&t, f[C_ANGEL_EVERY], "wall_angel_every",
		    CONFIG_EVERY_MIN, CONFIG_EVERY_MAX, 1, &c->angel_every_min);
	if (f[C_DAILY] != NULL)
		daily_ok = read_daily(&t, f[C_DAILY], c) == 0;
	if (f[C_SNOOZE] != NULL && ytree_int(&t, f[C_SNOOZE], "snooze",
	    CONFIG_SNOOZE_MIN, CONFIG_SNOOZE_MAX, &v) == 0)
		c->snooze_min = (int)v;

	/* Reminders come only within work hours. */
	if (hours_ok && (f[C_DAILY] == NULL || daily_ok) &&
	    c->daily_min != -1 &&
	    (c->daily_min < c->start_min || c->daily_min >= c->end_min)) {
		config_hhmm(c->daily_min, dbuf);
		config_hhmm(c->start_min, sbuf);
		config_hhmm(c->end_min, ebuf);
		if (f[C_DAILY] != NULL)
			diag_add(d, file, ytree_line(f[C_DAILY]),
			    "'daily_session' %s is outside the work hours "
			    "%s-%s", dbuf, sbuf, ebuf);
		else
			diag_add(d, file, ytree_line(f[C_WORK_HOURS]),
			    "the default 'daily_session' %s is outside the "
			    "work hours %s-%s (set daily_session)", dbuf, sbuf,
			    ebuf);
	}
out:
	ytree_release(&t);
	if (d->n != before) {
		diag_sort(d);
		config_defaults(c);
		return (-1);
	}
	return (0);
}

char *
config_describe(const struct remind_config *c)
{
	char	 days[7 * 4 + 1] = "", start[CONFIG_HHMM_BUFSZ];
	char	 end[CONFIG_HHMM_BUFSZ], daily[CONFIG_HHMM_BUFSZ];
	char	 angel[48];
	int	 i;

	for (i = 0; i < 7; i++) {
		if ((c->days_mask & CONFIG_DAY(i)) == 0)
			continue;
		if (days[0] != '\0')
			strcat(days, " ");
		strcat(days, config_day_short[i]);
	}
	config_hhmm(c->start_min, start);
	config_hhmm(c->end_min, end);
	if (c->daily_min >= 0)
		config_hhmm(c->daily_min, daily);
	else
		strcpy(daily, "off");
	if (c->angel_every_min > 0)
		snprintf(angel, sizeof angel, "every %d min of desk time",
		    c->angel_every_min);
	else
		strcpy(angel, "off");
	return (xasprintf("work days: %s\n"
	    "work hours: %s-%s\n"
	    "posture reset: every %d min of desk time\n"
	    "wall angel: %s\n"
	    "daily session: %s\n"
	    "snooze: %d min\n",
	    days[0] != '\0' ? days : "none", start, end, c->reset_every_min,
	    angel, daily, c->snooze_min));
}
