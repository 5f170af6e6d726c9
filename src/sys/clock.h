/*
 * clock.h -- the program's one clock: wall time, monotonic time and the
 * local time zone, read at the edges and passed in to everything else.
 *
 * Three kinds:
 *  - the system clock, for real use;
 *  - a scaled clock, for tests of whole commands: it starts at a chosen
 *    wall time and runs SCALE times faster than the real one, so a CLI
 *    test plays a 15-minute routine in seconds. Chosen through the
 *    environment variable MIDBACK_TEST_CLOCK (see tests/README);
 *  - a manual clock, for unit tests: it moves only when told to, and a
 *    sleep on it returns at once with the time moved to the deadline.
 *
 * Waits go through the clock too (clock_sleep_until, clock_real_ms), so
 * a scaled clock waits a scaled time. Every time is in milliseconds:
 * wall time since 1970-01-01 UTC, monotonic time since the clock was made.
 */
#ifndef MIDBACK_SYS_CLOCK_H
#define MIDBACK_SYS_CLOCK_H

#include <stdint.h>

/* The environment variable that makes the process clock a test clock. */
#define CLOCK_ENV	"MIDBACK_TEST_CLOCK"

enum clock_kind {
	CLOCK_SYSTEM,
	CLOCK_SCALED,
	CLOCK_MANUAL
};

struct clock {
	enum clock_kind	 kind;
	int64_t		 wall_at;	/* the clock's wall time at real_wall0 */
	int64_t		 real_wall0;	/* real wall ms the timeline starts */
	int64_t		 real_mono0;	/* real monotonic ms at creation */
	int64_t		 real_boot0;	/* real boot-time ms at creation */
	double		 scale;		/* clock ms per real ms */
	int64_t		 manual_wall;	/* CLOCK_MANUAL: the time now */
	int64_t		 manual_mono;
};

/*
 * The process's clock: the system clock, or the test clock that
 * MIDBACK_TEST_CLOCK describes. Made on first use. If the variable is
 * set but wrong, sets *err (static) on that first call and falls back to
 * the system clock; later calls give the same clock and no error.
 */
const struct clock	*clock_process(const char **err);

/*
 * Make a clock from a spec: "" for the system clock, or comma-separated
 * key=value pairs: at=YYYY-MM-DDTHH:MM:SS (local) or at=UNIXSECONDS, the
 * wall time the clock starts at (default: now); since=UNIXSECONDS, the
 * real time at which it was 'at', so that several processes share one
 * timeline (default: now); scale=N, clock seconds per real second (1 to
 * 1000, default 1). Returns 0, or -1 with *err (static) set.
 */
int		 clock_parse(struct clock *, const char *spec, const char **err);
/* A manual clock at wall_ms, monotonic 0. */
void		 clock_manual(struct clock *, int64_t wall_ms);
/* Move a manual clock on by ms. */
void		 clock_advance(struct clock *, int64_t ms);

int64_t		 clock_wall_ms(const struct clock *);
int64_t		 clock_mono_ms(const struct clock *);
/*
 * As clock_mono_ms, but counting the time the machine was suspended too
 * (CLOCK_BOOTTIME); the two differ by the time spent asleep.
 */
int64_t		 clock_boot_ms(const struct clock *);
/* The local UTC offset in minutes at wall time ms (TZ, as localtime). */
int		 clock_tz_min(const struct clock *, int64_t wall_ms);
/* The local date now, as days since 1970-01-01. */
long		 clock_today(const struct clock *);
/*
 * Sleep until the clock's monotonic time reaches mono_ms: 0 then, or 1
 * when a signal woke it first (the caller sleeps again, or not).
 */
int		 clock_sleep_until(const struct clock *, int64_t mono_ms);
/*
 * How many real milliseconds the clock takes to move by ms (rounded up,
 * so a wait never ends early); for poll() timeouts and the like.
 */
int64_t		 clock_real_ms(const struct clock *, int64_t ms);
/*
 * The real wall time (ms) at which the clock will read wall_ms; for
 * timers armed on the system's own clocks.
 */
int64_t		 clock_real_wall(const struct clock *, int64_t wall_ms);
/*
 * The clock's wall time at the instant the system's CLOCK_MONOTONIC read
 * real_mono_ms; for events a library stamps with the system's clock (the
 * idle sources). A manual clock has no such tie: it gives its time now.
 */
int64_t		 clock_wall_at_real_mono(const struct clock *,
		     int64_t real_mono_ms);

#endif
