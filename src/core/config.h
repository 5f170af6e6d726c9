/*
 * config.h -- the reminder settings of `midback remind`, read from
 * $XDG_CONFIG_HOME/midback/config.yaml. Every key is optional:
 *
 *   work_days: [mon, tue, wed, thu, fri]  # mon..sun or monday..sunday
 *   work_hours: "09:00-17:30"     # start-end, 24 h; end may be 24:00
 *   posture_reset_every: 60       # minutes of desk time, 1..480
 *   wall_angel_every: 120         # minutes of desk time, 1..480, or off
 *   daily_session: "16:00"        # a time within work_hours, or off
 *   snooze: 10                    # minutes, 1..120
 *
 * Day names are in any case, each listed once.
 *
 * Work hours are one key holding a range, not two keys, so the start and
 * the end are checked against each other on one line. A range must not
 * cross midnight. Reminders come only within work hours, so the daily
 * session's time must lie within them.
 *
 * The loader is pure: the caller reads the file and passes its text.
 */
#ifndef MIDBACK_CONFIG_H
#define MIDBACK_CONFIG_H

#include <stddef.h>

#include "diag.h"

/* Limits of the settings, in minutes. */
#define CONFIG_EVERY_MIN	1
#define CONFIG_EVERY_MAX	480
#define CONFIG_SNOOZE_MIN	1
#define CONFIG_SNOOZE_MAX	120

/* Bit of a weekday in days_mask: 0 = Monday ... 6 = Sunday (date.h). */
#define CONFIG_DAY(wd)		(1U << (wd))
#define CONFIG_WEEKDAYS		0x1fU	/* Monday to Friday */

/* Times of day are minutes after local midnight. */
struct remind_config {
	unsigned	days_mask;	/* CONFIG_DAY() bits */
	int		start_min;	/* work hours: start < end, */
	int		end_min;	/*   end <= 1440 */
	int		reset_every_min; /* posture reset */
	int		angel_every_min; /* wall angel; 0 off */
	int		daily_min;	/* daily session; -1 off */
	int		snooze_min;
};

/*
 * The settings with no file: Monday to Friday, 09:00-17:30, a posture
 * reset every 60 min, a wall angel every 120 min, the daily session at
 * 16:00, a 10 min snooze.
 */
void	config_defaults(struct remind_config *c);

/*
 * Parse YAML text buf of len bytes, named file in messages, into *c: the
 * defaults overridden by the keys present. Text with no document (empty,
 * blank or only comments) gives the defaults. Every problem goes to d as
 * "file:line: message", sorted by line. Returns 0, or -1 when there was
 * any problem; *c then holds the defaults.
 */
int	config_parse(const char *file, const char *buf, size_t len,
	    struct remind_config *c, struct diag *d);

#define CONFIG_HHMM_BUFSZ	6
/* Write minutes after midnight (0..1440) as HH:MM into buf. */
void	config_hhmm(int min, char *buf);

/*
 * The settings as text, one line per setting, each ending in a newline:
 * "work days: Mon Tue Wed Thu Fri", "work hours: 09:00-17:30", ...
 * The caller must free the result.
 */
char	*config_describe(const struct remind_config *c);

#endif
