/*
 * schedule.h -- when the next desk-break reminder is due: settings, the
 * time and what happened in, one event out.
 *
 * Three kinds of reminder: a posture reset every reset_every_min minutes
 * and a wall angel every angel_every_min minutes of desk time (interval
 * events), and the daily session at a local time on each work day (a
 * wall-clock event). Nothing ever fires outside work hours.
 *
 * Desk time is time the person was present within work hours; the caller
 * says whether they were present, the core clips to work hours. Each
 * interval kind has a counter of desk time since its last break; it
 * restarts when the reminder fires or is taken, skipped, or replaced by a
 * higher one (below), when the person is away long enough for a natural
 * break (SCHED_RESET_BREAK_MS, SCHED_ANGEL_BREAK_MS), and at the start of
 * each work day (counters never carry over a night or a weekend).
 *
 * An interval event is due when its counter would reach its interval
 * were the person present from now on; it must fall strictly before the
 * end of work hours, else it moves to the next work day, a full interval
 * after work starts. A counter past its interval (a long span reported at
 * once) makes one reminder, due now, not one per interval missed.
 *
 * The daily session is due at its time on each work day, once: after it
 * fired, was taken or skipped, or sched_daily_done() named the day, not
 * again that day. If its time passed unfired (the machine slept, the
 * daemon started late) it is due at once while the same day's work hours
 * last, and never on a later day.
 *
 * Ranks: the daily session outranks the wall angel, which outranks the
 * posture reset. At one instant the higher rank wins, and a reminder due
 * less than SCHED_MERGE_MS before a higher one waits for it instead of
 * firing just before it. When a reminder fires it restarts the counters
 * of the kinds it outranks too: a wall angel includes a posture reset,
 * the daily session includes both.
 *
 * Snooze: nothing fires before the snooze ends; events due earlier wait
 * for it (then ranks decide), later ones are not touched. A snoozed
 * interval reminder is dropped by a natural break of its kind, and any
 * snooze that would end outside its day's work hours is dropped.
 *
 * Time: every instant is UTC milliseconds since the epoch (the realtime
 * clock), every day a local day number (date.h). The state keeps nothing
 * else, so after a clock or time-zone change the caller sets the new zone
 * and asks sched_next() again. The core never reads the clock: local time
 * comes from the zone's offset callback, which the daemon implements with
 * localtime_r() and tm_gmtoff and tests implement with a fake zone.
 *
 * Contract for the daemon's loop:
 *   1. sched_advance(s, now, present) on every wake-up, first;
 *      sched_away(s, from, now) when it learns of an absence afterwards
 *      (idle since, asleep since).
 *   2. sched_next(s, now, &ev); arm ONE realtime timer for ev.due_ms.
 *   3. When it goes off, go to 1. Fire ev only if ev.due_ms <= now (it
 *      may have moved: the person was away) and report it with
 *      sched_fired(); then sched_taken(), sched_snoozed() or
 *      sched_skipped() with the person's answer, if any.
 */
#ifndef MIDBACK_SCHEDULE_H
#define MIDBACK_SCHEDULE_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"

#define SCHED_MIN_MS		60000LL
#define SCHED_DAY_MS		(1440 * SCHED_MIN_MS)

/* Away this long (idle, locked, asleep) counts as the break taken. */
#define SCHED_RESET_BREAK_MS	(2 * SCHED_MIN_MS)
#define SCHED_ANGEL_BREAK_MS	(5 * SCHED_MIN_MS)
/* A reminder due this much before a higher-ranked one waits for it. */
#define SCHED_MERGE_MS		(10 * SCHED_MIN_MS)

/* In rank order, lowest first. */
enum sched_kind {
	SCHED_POSTURE_RESET,	/* interval */
	SCHED_WALL_ANGEL,	/* interval */
	SCHED_DAILY_SESSION,	/* wall clock */
	SCHED_NKINDS
};
#define SCHED_NINTERVALS	2	/* the kinds that count desk time */

/*
 * Local time, given as its offset: offset(arg, ms) is the number of
 * seconds local time is ahead of UTC at the instant ms (tm_gmtoff). It
 * must be a pure function of ms. The core assumes offsets within 26 h
 * of UTC and at most one change of offset in any 52 hours.
 */
struct sched_zone {
	long	(*offset)(void *arg, int64_t ms);
	void	 *arg;		/* Borrowed; passed to offset. */
};

/*
 * Everything the daemon keeps between calls. Instants are UTC ms, days
 * local day numbers; nothing else is stored.
 */
struct sched {
	struct remind_config cfg;	/* a copy */
	struct sched_zone zone;
	int64_t		last_ms;	/* accounted up to here */
	int64_t		active_ms[SCHED_NINTERVALS]; /* desk time since
					   each counter restarted */
	long		day;		/* the counters' work day */
	int64_t		away_ms;	/* away since; SCHED_PRESENT */
	long		daily_day;	/* last day the daily session
					   was dealt with */
	int		snooze_kind;	/* enum sched_kind; -1 none */
	int64_t		snooze_ms;	/* when the snooze ends */
};

#define SCHED_PRESENT		INT64_MIN
#define SCHED_REASON_LEN	64

/* One reminder. */
struct sched_event {
	enum sched_kind	kind;
	int64_t		due_ms;		/* fire at; <= now: now */
	long		day;		/* local day of due_ms */
	char		reason[SCHED_REASON_LEN]; /* "60 min of desk
					   time since the last posture
					   reset" */
};

/*
 * Start with every counter at zero at now_ms, the person present, no
 * snooze and no daily session dealt with. c and z are copied (z->arg is
 * borrowed and must outlive s).
 */
void	sched_init(struct sched *s, const struct remind_config *c,
	    const struct sched_zone *z, int64_t now_ms);
/* New settings (a reloaded file); the counters are kept. */
void	sched_set_config(struct sched *s, const struct remind_config *c);
/* A new time zone; nothing kept is local, so nothing else changes. */
void	sched_set_zone(struct sched *s, const struct sched_zone *z);

/*
 * Account the time since the last call. When present, its part within
 * work hours adds to each interval counter; a counter restarts as a work
 * day's hours begin. When not present, the span extends the current
 * absence, which restarts each interval kind whose break length it
 * reaches (a natural break); small steps add up. A now_ms before the last
 * call (the clock was set back) only moves the mark.
 */
void	sched_advance(struct sched *s, int64_t now_ms, int present);

/*
 * The person was away from from_ms to to_ms, learned afterwards (idle
 * since, asleep since): as sched_advance(s, to_ms, 0) with the absence
 * starting at from_ms at the latest. Desk time already counted before
 * to_ms is not taken back; a natural break makes that moot.
 */
void	sched_away(struct sched *s, int64_t from_ms, int64_t to_ms);

/*
 * The next reminder at or after now_ms, into *ev: the earliest due, with
 * ranks and snooze applied as described atop this file. Call
 * sched_advance() up to now_ms first. Returns 0, or -1 when nothing will
 * ever fire (every kind off or longer than the work hours).
 */
int	sched_next(const struct sched *s, int64_t now_ms,
	    struct sched_event *ev);

/*
 * The reminder of kind k was shown at now_ms: its counter restarts, with
 * those of the kinds it outranks; a daily session is dealt with for the
 * day; a snooze of k or of a kind it outranks ends. Time not yet
 * accounted up to now_ms is first accounted as sched_advance() would,
 * the person's presence unchanged; so for the three below.
 */
void	sched_fired(struct sched *s, enum sched_kind k, int64_t now_ms);
/*
 * The person did it (answered the reminder, or took the break on their
 * own): as sched_fired().
 */
void	sched_taken(struct sched *s, enum sched_kind k, int64_t now_ms);
/*
 * The person asked for it later: k is due again snooze_min after now_ms,
 * and nothing else fires before that.
 */
void	sched_snoozed(struct sched *s, enum sched_kind k, int64_t now_ms);
/*
 * The person declined: only k's own counter restarts (or the daily
 * session is dealt with for the day); a snooze of k ends.
 */
void	sched_skipped(struct sched *s, enum sched_kind k, int64_t now_ms);
/*
 * The daily session was done on local day (the store knows): it does not
 * fire that day. The interval counters are not touched.
 */
void	sched_daily_done(struct sched *s, long day);

/* One reminder of a typical day: its kind and local time. */
struct sched_slot {
	enum sched_kind	kind;
	int		minute;		/* after local midnight */
};
/*
 * The reminders of one work day for a person at the desk all day who
 * answers each at once, in order, into out (room for max): what a
 * calendar can hold instead of the daemon. Returns how many.
 */
size_t	sched_day_plan(const struct remind_config *c,
	    struct sched_slot *out, size_t max);
/* "posture reset", "wall angel", "daily session". */
const char *sched_kind_name(enum sched_kind k);

/* The local day and minute after local midnight at the instant ms. */
void	sched_local(const struct sched_zone *z, int64_t ms, long *day,
	    int *minute);
/*
 * The instant local day's clock first reads minute (0..1440; 1440 is the
 * next day's midnight). A time skipped by a change (spring forward) gives
 * the first instant after the gap; a time that occurs twice (fall back)
 * gives its first occurrence.
 */
int64_t	sched_utc(const struct sched_zone *z, long day, int minute);

#endif
