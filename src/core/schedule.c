/*
 * schedule.c -- the next desk-break reminder.
 *
 * Local time is reached only through the zone's offset callback. Going
 * from UTC to local is one call; going back (sched_utc()) tries the
 * offsets in force a day either side and keeps the candidates the
 * callback confirms, which settles both daylight-saving cases without a
 * table of rules: two confirmed (fall back) means the earlier, none
 * (spring forward) means the time is in a gap, and a binary search finds
 * the instant the gap ends.
 *
 * Work hours are handled as windows: day d's window is [S, E), the
 * instants of d's start and end times. Everything else is a walk over
 * windows from some instant, bounded by SCHED_HORIZON days.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "schedule.h"

/* Days looked ahead for a work day; a week and a margin. */
#define SCHED_HORIZON	16
/* A span longer than this is cut to it: the counters restart daily. */
#define SCHED_SPAN_MAX	(8 * SCHED_DAY_MS)
/* How far a zone's offset may be from UTC, and then some. */
#define SCHED_OFF_MAX	(26 * 60 * SCHED_MIN_MS)

static const char *const sched_kind_names[SCHED_NKINDS] = {
	[SCHED_POSTURE_RESET] = "posture reset",
	[SCHED_WALL_ANGEL] = "wall angel",
	[SCHED_DAILY_SESSION] = "daily session",
};

static const int64_t sched_break_ms[SCHED_NINTERVALS] = {
	[SCHED_POSTURE_RESET] = SCHED_RESET_BREAK_MS,
	[SCHED_WALL_ANGEL] = SCHED_ANGEL_BREAK_MS,
};

/* One possible next event, before ranks are applied. */
struct sched_cand {
	enum sched_kind	kind;
	int64_t		due_ms;
	char		reason[SCHED_REASON_LEN];
};

const char *
sched_kind_name(enum sched_kind k)
{
	if ((unsigned)k >= SCHED_NKINDS)
		return ("?");
	return (sched_kind_names[k]);
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t	q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0) ? q - 1 : q);
}

/* The offset at ms, in milliseconds. */
static int64_t
zone_off(const struct sched_zone *z, int64_t ms)
{
	return ((int64_t)z->offset(z->arg, ms) * 1000);
}

void
sched_local(const struct sched_zone *z, int64_t ms, long *day, int *minute)
{
	int64_t	local = ms + zone_off(z, ms), d;

	d = floor_div(local, SCHED_DAY_MS);
	*day = (long)d;
	*minute = (int)((local - d * SCHED_DAY_MS) / SCHED_MIN_MS);
}

static long
local_day(const struct sched_zone *z, int64_t ms)
{
	long	day;
	int	minute;

	sched_local(z, ms, &day, &minute);
	return (day);
}

int64_t
sched_utc(const struct sched_zone *z, long day, int minute)
{
	int64_t	L = (int64_t)day * SCHED_DAY_MS + minute * SCHED_MIN_MS;
	int64_t	oa, oc, ta, tc, lo, hi, mid, olo;
	int	va, vc;

	/* The offsets before and after any change near L. */
	oa = zone_off(z, L - SCHED_OFF_MAX);
	oc = zone_off(z, L + SCHED_OFF_MAX);
	ta = L - oa;
	tc = L - oc;
	va = zone_off(z, ta) == oa;
	vc = zone_off(z, tc) == oc;
	if (va && vc)
		return (ta < tc ? ta : tc);	/* the first occurrence */
	if (va)
		return (ta);
	if (vc)
		return (tc);

	/*
	 * In a gap: at the earlier candidate the old offset is still in
	 * force, at the later one the new: the change lies between them,
	 * and the clock reads the end of the gap at the change.
	 */
	lo = ta < tc ? ta : tc;
	hi = ta < tc ? tc : ta;
	olo = zone_off(z, lo);
	if (zone_off(z, hi) == olo)
		return (hi);			/* not a zone as assumed */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (zone_off(z, mid) == olo)
			lo = mid;
		else
			hi = mid;
	}
	return (hi);
}

static int
is_work_day(const struct sched *s, long day)
{
	return ((s->cfg.days_mask & CONFIG_DAY(date_weekday(day))) != 0);
}

/* Work hours of day, which must be a work day. */
static void
day_window(const struct sched *s, long day, int64_t *S, int64_t *E)
{
	*S = sched_utc(&s->zone, day, s->cfg.start_min);
	*E = sched_utc(&s->zone, day, s->cfg.end_min);
}

/*
 * The first work window that ends after t: day *d, [*S, *E). It may have
 * begun already (*S <= t). Returns -1 if there is none ahead.
 */
static int
window_from(const struct sched *s, int64_t t, long *d, int64_t *S,
    int64_t *E)
{
	long	day, first = local_day(&s->zone, t);

	for (day = first - 1; day <= first + SCHED_HORIZON; day++) {
		if (!is_work_day(s, day))
			continue;
		day_window(s, day, S, E);
		if (*E > t) {
			*d = day;
			return (0);
		}
	}
	return (-1);
}

static void
restart(struct sched *s, int k)
{
	s->active_ms[k] = 0;
	if (s->snooze_kind == k)
		s->snooze_kind = -1;
}

/*
 * Account (a, b]: counters restart as a new work day's hours begin, and
 * when present the time within work hours adds to them.
 */
static void
account(struct sched *s, int64_t a, int64_t b, int present)
{
	int64_t	S, E, from, to;
	long	d;
	int	k;

	if (b - a > SCHED_SPAN_MAX)
		a = b - SCHED_SPAN_MAX;
	while (a < b) {
		if (window_from(s, a, &d, &S, &E) == -1 || S >= b)
			break;
		if (d != s->day) {
			for (k = 0; k < SCHED_NINTERVALS; k++)
				s->active_ms[k] = 0;
			s->day = d;
		}
		if (present) {
			from = a > S ? a : S;
			to = b < E ? b : E;
			for (k = 0; k < SCHED_NINTERVALS; k++)
				s->active_ms[k] += to - from;
		}
		a = E;
	}
}

/* An absence of len ms restarts each kind whose break it covers. */
static void
natural_breaks(struct sched *s, int64_t len)
{
	int	k;

	for (k = 0; k < SCHED_NINTERVALS; k++)
		if (len >= sched_break_ms[k])
			restart(s, k);
}

void
sched_init(struct sched *s, const struct remind_config *c,
    const struct sched_zone *z, int64_t now_ms)
{
	memset(s, 0, sizeof *s);
	s->cfg = *c;
	s->zone = *z;
	s->last_ms = now_ms;
	s->day = local_day(z, now_ms);
	s->away_ms = SCHED_PRESENT;
	s->daily_day = LONG_MIN;
	s->snooze_kind = -1;
}

void
sched_set_config(struct sched *s, const struct remind_config *c)
{
	s->cfg = *c;
}

void
sched_set_zone(struct sched *s, const struct sched_zone *z)
{
	s->zone = *z;
}

void
sched_advance(struct sched *s, int64_t now_ms, int present)
{
	int64_t	prev = s->last_ms;

	if (now_ms < prev) {
		/* The clock was set back: nothing to count. */
		s->last_ms = now_ms;
		if (present)
			s->away_ms = SCHED_PRESENT;
		else if (s->away_ms == SCHED_PRESENT || s->away_ms > now_ms)
			s->away_ms = now_ms;
		return;
	}
	account(s, prev, now_ms, present);
	s->last_ms = now_ms;
	if (present) {
		s->away_ms = SCHED_PRESENT;
		return;
	}
	if (s->away_ms == SCHED_PRESENT)
		s->away_ms = prev;
	natural_breaks(s, now_ms - s->away_ms);
}

void
sched_away(struct sched *s, int64_t from_ms, int64_t to_ms)
{
	if (to_ms > s->last_ms) {
		account(s, s->last_ms, to_ms, 0);
		s->last_ms = to_ms;
	}
	if (from_ms > to_ms)
		from_ms = to_ms;
	if (s->away_ms == SCHED_PRESENT || from_ms < s->away_ms)
		s->away_ms = from_ms;
	natural_breaks(s, to_ms - s->away_ms);
}

/* Account up to now_ms as the person's current state, if not yet done. */
static void
catch_up(struct sched *s, int64_t now_ms)
{
	if (now_ms > s->last_ms)
		sched_advance(s, now_ms, s->away_ms == SCHED_PRESENT);
}

static void
daily_dealt(struct sched *s, int64_t now_ms)
{
	long	day = local_day(&s->zone, now_ms);

	if (day > s->daily_day)
		s->daily_day = day;
}

void
sched_fired(struct sched *s, enum sched_kind k, int64_t now_ms)
{
	int	i;

	catch_up(s, now_ms);
	/* A reminder includes those it outranks. */
	for (i = 0; i < SCHED_NINTERVALS && i <= (int)k; i++)
		restart(s, i);
	if (k == SCHED_DAILY_SESSION)
		daily_dealt(s, now_ms);
	if (s->snooze_kind != -1 && s->snooze_kind <= (int)k)
		s->snooze_kind = -1;
}

void
sched_taken(struct sched *s, enum sched_kind k, int64_t now_ms)
{
	sched_fired(s, k, now_ms);
}

void
sched_snoozed(struct sched *s, enum sched_kind k, int64_t now_ms)
{
	catch_up(s, now_ms);
	s->snooze_kind = k;
	s->snooze_ms = now_ms + s->cfg.snooze_min * SCHED_MIN_MS;
	if (k == SCHED_DAILY_SESSION)
		daily_dealt(s, now_ms);
}

void
sched_skipped(struct sched *s, enum sched_kind k, int64_t now_ms)
{
	catch_up(s, now_ms);
	if ((int)k < SCHED_NINTERVALS)
		restart(s, k);
	else
		daily_dealt(s, now_ms);
	if (s->snooze_kind == (int)k)
		s->snooze_kind = -1;
}

void
sched_daily_done(struct sched *s, long day)
{
	if (day > s->daily_day)
		s->daily_day = day;
	if (s->snooze_kind == SCHED_DAILY_SESSION)
		s->snooze_kind = -1;
}

/*
 * When interval kind k, every every_ms, is next due at or after nb.
 * Returns 0 with *due and the counter it assumes in *acc, or -1.
 */
static int
interval_due(const struct sched *s, int k, int64_t every_ms, int64_t now,
    int64_t nb, int64_t *due, int64_t *acc)
{
	int64_t	S, E, t;
	long	d;
	int	i;

	if (window_from(s, now, &d, &S, &E) == -1)
		return (-1);
	if (S <= now) {
		*acc = d == s->day ? s->active_ms[k] : 0;
		t = now + (*acc < every_ms ? every_ms - *acc : 0);
	} else {
		*acc = 0;
		t = S + every_ms;
	}
	for (i = 0; i < SCHED_HORIZON; i++) {
		if (t < nb)
			t = nb;
		if (t >= S && t < E) {
			*due = t;
			return (0);
		}
		/* Not today: a new day's counter starts from zero. */
		if (window_from(s, E, &d, &S, &E) == -1)
			return (-1);
		*acc = 0;
		t = S + every_ms;
	}
	return (-1);
}

/* When the daily session is next due at or after nb. */
static int
daily_due(const struct sched *s, int64_t now, int64_t nb, int64_t *due,
    int *late)
{
	int64_t	S, E, D, t;
	long	d, today = local_day(&s->zone, now);

	for (d = today; d <= today + SCHED_HORIZON; d++) {
		if (!is_work_day(s, d) || d <= s->daily_day)
			continue;
		day_window(s, d, &S, &E);
		D = sched_utc(&s->zone, d, s->cfg.daily_min);
		*late = 0;
		if (D >= now)
			t = D;
		else if (d == today && now >= S && now < E) {
			t = now;	/* missed today: catch up once */
			*late = 1;
		} else
			continue;
		if (t < nb)
			t = nb;
		if (t < E) {
			*due = t;
			return (0);
		}
	}
	return (-1);
}

static void
add_cand(struct sched_cand *c, size_t *n, enum sched_kind k, int64_t due)
{
	c[*n].kind = k;
	c[*n].due_ms = due;
	c[*n].reason[0] = '\0';
	(*n)++;
}

int
sched_next(const struct sched *s, int64_t now_ms, struct sched_event *ev)
{
	struct sched_cand	 c[SCHED_NKINDS + 1], *best, *x;
	const struct remind_config *cfg = &s->cfg;
	char			 hhmm[CONFIG_HHMM_BUFSZ];
	int64_t			 nb = now_ms, due, acc, S, E;
	int			 every[SCHED_NINTERVALS], k, late, changed;
	long			 d;
	size_t			 n = 0, i;

	if (s->snooze_kind != -1 && s->snooze_ms > now_ms)
		nb = s->snooze_ms;

	every[SCHED_POSTURE_RESET] = cfg->reset_every_min;
	every[SCHED_WALL_ANGEL] = cfg->angel_every_min;
	for (k = 0; k < SCHED_NINTERVALS; k++) {
		if (every[k] <= 0 || interval_due(s, k,
		    every[k] * SCHED_MIN_MS, now_ms, nb, &due, &acc) == -1)
			continue;
		add_cand(c, &n, k, due);
		snprintf(c[n - 1].reason, SCHED_REASON_LEN,
		    "%d min of desk time since the last %s",
		    acc > every[k] * SCHED_MIN_MS ? (int)(acc / SCHED_MIN_MS) :
		    every[k], sched_kind_names[k]);
	}
	if (cfg->daily_min >= 0 && daily_due(s, now_ms, nb, &due, &late) == 0) {
		add_cand(c, &n, SCHED_DAILY_SESSION, due);
		config_hhmm(cfg->daily_min, hhmm);
		snprintf(c[n - 1].reason, SCHED_REASON_LEN, late ?
		    "daily session, missed at %s" : "daily session at %s",
		    hhmm);
	}

	/* The snoozed reminder again, if its day's work hours allow. */
	if (s->snooze_kind != -1) {
		due = s->snooze_ms > now_ms ? s->snooze_ms : now_ms;
		d = local_day(&s->zone, s->snooze_ms);
		if (is_work_day(s, d)) {
			day_window(s, d, &S, &E);
			if (due >= S && due < E) {
				add_cand(c, &n, s->snooze_kind, due);
				snprintf(c[n - 1].reason, SCHED_REASON_LEN,
				    "%s again after a %d min snooze",
				    sched_kind_names[s->snooze_kind],
				    cfg->snooze_min);
			}
		}
	}
	if (n == 0)
		return (-1);

	/* The earliest; at one instant the higher rank. */
	best = &c[0];
	for (i = 1; i < n; i++)
		if (c[i].due_ms < best->due_ms ||
		    (c[i].due_ms == best->due_ms && c[i].kind > best->kind))
			best = &c[i];
	/* A higher rank due soon after takes its place. */
	do {
		changed = 0;
		for (i = 0; i < n; i++) {
			x = &c[i];
			if (x->kind > best->kind &&
			    x->due_ms - best->due_ms < SCHED_MERGE_MS) {
				best = x;
				changed = 1;
			}
		}
	} while (changed);

	ev->kind = best->kind;
	ev->due_ms = best->due_ms;
	ev->day = local_day(&s->zone, best->due_ms);
	memcpy(ev->reason, best->reason, sizeof ev->reason);
	return (0);
}

/* A zone at UTC, for sched_day_plan(): one day of local minutes. */
static long
utc_offset(void *arg, int64_t ms)
{
	(void)arg;
	(void)ms;
	return (0);
}

size_t
sched_day_plan(const struct remind_config *c, struct sched_slot *out,
    size_t max)
{
	struct sched		 s;
	struct sched_zone	 z = { utc_offset, NULL };
	struct sched_event	 ev;
	int64_t			 now;
	long			 day = date_from_civil(2024, 1, 1); /* Monday */
	size_t			 n = 0;
	int			 i;

	for (i = 0; i < 7 && !(c->days_mask & CONFIG_DAY(date_weekday(day)));
	    i++)
		day++;
	if (i == 7)
		return (0);
	now = sched_utc(&z, day, c->start_min);
	sched_init(&s, c, &z, now);
	while (n < max && sched_next(&s, now, &ev) == 0 && ev.day == day) {
		sched_advance(&s, ev.due_ms, 1);
		now = ev.due_ms;
		sched_fired(&s, ev.kind, now);
		out[n].kind = ev.kind;
		out[n].minute = (int)((now - (int64_t)day * SCHED_DAY_MS) /
		    SCHED_MIN_MS);
		n++;
	}
	return (n);
}
