/*
 * ics.h -- the break schedule as an iCalendar (RFC 5545) calendar, for a
 * calendar program to remind the person instead of `midback remind`.
 *
 * Pure: the settings and the time come in, the text goes out in a
 * buffer; writing it somewhere is the caller's business.
 */
#ifndef MIDBACK_ICS_H
#define MIDBACK_ICS_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"

/*
 * The reminder schedule as iCalendar text: one weekly VEVENT per
 * reminder of a typical work day (sched_day_plan()), on the work days,
 * in floating local time (10:00 wherever the person is), each with a
 * VALARM that goes off at its start. A UID names the reminder's kind and
 * time, so it stays the same from one export to the next while the
 * settings do. now_ms gives DTSTAMP and the week the events start in.
 * Lines end with CRLF and are folded at 75 octets. Returns the text,
 * allocated and NUL-terminated; *len (if not NULL) gets its length.
 */
char	*ics_schedule(const struct remind_config *, int64_t now_ms,
	    size_t *len);

#endif
