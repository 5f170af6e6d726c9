/*
 * ics.c -- the break schedule as iCalendar text. See ics.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "ics.h"
#include "schedule.h"
#include "xmalloc.h"

/* The text being built. */
struct ics_buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
};

static void
ics_putc(struct ics_buf *b, char c)
{
	if (b->len + 2 > b->cap) {
		b->cap = b->cap == 0 ? 4096 : b->cap * 2;
		b->s = xreallocarray(b->s, b->cap, 1);
	}
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

/*
 * One content line, folded at 75 octets with CRLF and a space (RFC 5545
 * 3.1), never inside a UTF-8 sequence.
 */
static void __attribute__((format(printf, 2, 3)))
ics_line(struct ics_buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	*s, *p;
	int	 col = 0;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	for (p = s; *p != '\0'; p++) {
		if (col >= 74 && ((unsigned char)*p & 0xc0) != 0x80) {
			ics_putc(b, '\r');
			ics_putc(b, '\n');
			ics_putc(b, ' ');
			col = 1;
		}
		ics_putc(b, *p);
		col++;
	}
	ics_putc(b, '\r');
	ics_putc(b, '\n');
	free(s);
}

char *
ics_schedule(const struct remind_config *c, int64_t now_ms, size_t *len)
{
	static const char *const ids[SCHED_NKINDS] = {
		"posture-reset", "wall-angel", "daily-session"
	};
	static const char *const summary[SCHED_NKINDS] = {
		"Posture reset", "Wall angels", "Daily mid-back session"
	};
	static const char *const what[SCHED_NKINDS] = {
		"Sit tall and squeeze your shoulder blades together\\, ten "
		    "times.",
		"Back to a wall\\, slide your arms up and down it for a "
		    "minute.",
		"Run 'midback start' for today's routine.",
	};
	static const int minutes[SCHED_NKINDS] = { 2, 3, 15 };
	static const char *const byday[7] = {
		"MO", "TU", "WE", "TH", "FR", "SA", "SU"
	};
	struct ics_buf		 b = { NULL, 0, 0 };
	struct sched_slot	 v[256];
	char			 days[32] = "", stamp[32];
	size_t			 n, i;
	long			 today = date_of_ms(now_ms, 0), monday;
	int			 d, y, m, dd, hh, mi, ss;

	for (d = 0; d < 7; d++)
		if (c->days_mask & CONFIG_DAY(d))
			snprintf(days + strlen(days), sizeof days - strlen(days),
			    "%s%s", days[0] != '\0' ? "," : "", byday[d]);
	date_to_civil(today, &y, &m, &dd);
	hh = (int)(now_ms / 3600000 % 24);
	mi = (int)(now_ms / 60000 % 60);
	ss = (int)(now_ms / 1000 % 60);
	snprintf(stamp, sizeof stamp, "%04d%02d%02dT%02d%02d%02dZ", y, m, dd,
	    hh, mi, ss);
	/* The first work day of this week: the first instance. */
	monday = today - date_weekday(today);
	for (d = 0; d < 7 && !(c->days_mask & CONFIG_DAY(d)); d++)
		;
	date_to_civil(monday + (d < 7 ? d : 0), &y, &m, &dd);

	ics_line(&b, "BEGIN:VCALENDAR");
	ics_line(&b, "VERSION:2.0");
	ics_line(&b, "PRODID:-//midback//desk break reminders//EN");
	ics_line(&b, "CALSCALE:GREGORIAN");
	ics_line(&b, "X-WR-CALNAME:midback breaks");
	n = days[0] == '\0' ? 0 : sched_day_plan(c, v, 256);
	for (i = 0; i < n; i++) {
		ics_line(&b, "BEGIN:VEVENT");
		ics_line(&b, "UID:%s-%02d%02d@midback", ids[v[i].kind],
		    v[i].minute / 60, v[i].minute % 60);
		ics_line(&b, "DTSTAMP:%s", stamp);
		ics_line(&b, "DTSTART:%04d%02d%02dT%02d%02d00", y, m, dd,
		    v[i].minute / 60, v[i].minute % 60);
		ics_line(&b, "DURATION:PT%dM", minutes[v[i].kind]);
		ics_line(&b, "RRULE:FREQ=WEEKLY;BYDAY=%s", days);
		ics_line(&b, "SUMMARY:%s", summary[v[i].kind]);
		ics_line(&b, "DESCRIPTION:%s", what[v[i].kind]);
		ics_line(&b, "TRANSP:TRANSPARENT");
		ics_line(&b, "BEGIN:VALARM");
		ics_line(&b, "ACTION:DISPLAY");
		ics_line(&b, "DESCRIPTION:%s", summary[v[i].kind]);
		ics_line(&b, "TRIGGER:PT0M");
		ics_line(&b, "END:VALARM");
		ics_line(&b, "END:VEVENT");
	}
	ics_line(&b, "END:VCALENDAR");
	if (len != NULL)
		*len = b.len;
	return (b.s);
}
