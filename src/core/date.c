/*
 * date.c -- civil dates to day numbers and back.
 *
 * The conversions are Howard Hinnant's days_from_civil and civil_from_days
 * algorithms (public domain), exact over the proleptic Gregorian calendar.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "date.h"

long
date_from_civil(int y, int m, int d)
{
	long	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
}

void
date_to_civil(long z, int *yp, int *mp, int *dp)
{
	long	era, doe, yoe, y, doy, mp5, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp5 = (5 * doy + 2) / 153;
	d = doy - (153 * mp5 + 2) / 5 + 1;
	m = mp5 < 10 ? mp5 + 3 : mp5 - 9;
	*yp = (int)(y + (m <= 2));
	*mp = (int)m;
	*dp = (int)d;
}

int
date_weekday(long days)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	long	w = (days + 3) % 7;

	return ((int)(w < 0 ? w + 7 : w));
}

int
date_parse(const char *s, long *days)
{
	int	y, m, d, i, cy, cm, cd;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return (-1);
		} else if (!isdigit((unsigned char)s[i]))
			return (-1);
	}
	if (s[10] != '\0')
		return (-1);
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > 31)
		return (-2);
	*days = date_from_civil(y, m, d);
	date_to_civil(*days, &cy, &cm, &cd);
	if (cy != y || cm != m || cd != d)
		return (-2);
	return (0);
}

void
date_format(long days, char *buf)
{
	int	y, m, d;

	date_to_civil(days, &y, &m, &d);
	snprintf(buf, DATE_BUFSZ, "%04d-%02d-%02d", y % 10000, m, d);
}

const char *
date_weekday_name(long days)
{
	static const char *names[] = { "Monday", "Tuesday", "Wednesday",
	    "Thursday", "Friday", "Saturday", "Sunday" };

	return (names[date_weekday(days)]);
}

const char *
date_month_name(int month)
{
	static const char *names[] = { "January", "February", "March",
	    "April", "May", "June", "July", "August", "September", "October",
	    "November", "December" };

	return (month >= 1 && month <= 12 ? names[month - 1] : "?");
}

/* Floor division, for instants before 1970. */
static int64_t
floordiv(int64_t a, int64_t b)
{
	return (a / b - (a % b != 0 && (a < 0) != (b < 0)));
}

long
date_of_ms(int64_t ms, int tz_min)
{
	int64_t	q, r;

	/*
	 * Split ms into whole days and a remainder in [0, one day) first,
	 * so adding the offset cannot overflow whatever ms is.
	 */
	q = ms / 86400000;
	r = ms % 86400000;
	if (r < 0) {
		r += 86400000;
		q--;
	}
	r += (int64_t)tz_min * 60000;
	return ((long)(q + floordiv(r, 86400000)));
}

int
date_minute_of_ms(int64_t ms, int tz_min)
{
	int64_t	local = ms + (int64_t)tz_min * 60000;

	return ((int)((local - floordiv(local, 86400000) * 86400000) /
	    60000));
}

void
date_iso(int64_t ms, int tz_min, int millis, char *buf)
{
	int64_t	local = ms + (int64_t)tz_min * 60000, in_day;
	long	day = (long)floordiv(local, 86400000);
	int	y, m, d, off = tz_min < 0 ? -tz_min : tz_min;
	char	frac[16] = "";

	in_day = local - (int64_t)day * 86400000;
	date_to_civil(day, &y, &m, &d);
	if (millis)
		snprintf(frac, sizeof frac, ".%03d", (int)(in_day % 1000));
	snprintf(buf, DATE_ISO_BUFSZ, "%04d-%02d-%02dT%02d:%02d:%02d%s"
	    "%c%02d:%02d", y, m, d, (int)(in_day / 3600000),
	    (int)(in_day / 60000 % 60), (int)(in_day / 1000 % 60), frac,
	    tz_min < 0 ? '-' : '+', off / 60, off % 60);
}

/* Read n digits at s into *v. Returns 0 or -1. */
static int
digits(const char *s, int n, int *v)
{
	int	i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return (-1);
		*v = *v * 10 + (s[i] - '0');
	}
	return (0);
}

int
date_iso_parse(const char *s, int64_t *ms, int *tz_min)
{
	char	day[DATE_BUFSZ];
	long	days;
	int	h, mi, sec, frac = 0, oh, om, sign;

	if (strlen(s) < 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':')
		return (-1);
	memcpy(day, s, 10);
	day[10] = '\0';
	if (date_parse(day, &days) != 0)
		return (-1);
	if (digits(s + 11, 2, &h) != 0 || digits(s + 14, 2, &mi) != 0 ||
	    digits(s + 17, 2, &sec) != 0 || h > 23 || mi > 59 || sec > 59)
		return (-1);
	s += 19;
	if (*s == '.') {
		if (digits(s + 1, 3, &frac) != 0)
			return (-1);
		s += 4;
	}
	if (strcmp(s, "Z") == 0) {
		*tz_min = 0;
	} else {
		if ((*s != '+' && *s != '-') || strlen(s) != 6 || s[3] != ':')
			return (-1);
		sign = *s == '-' ? -1 : 1;
		if (digits(s + 1, 2, &oh) != 0 || digits(s + 4, 2, &om) != 0 ||
		    oh > 23 || om > 59)
			return (-1);
		*tz_min = sign * (oh * 60 + om);
	}
	*ms = (((int64_t)days * 24 + h) * 60 + mi) * 60000 + sec * 1000 +
	    frac - (int64_t)*tz_min * 60000;
	return (0);
}
