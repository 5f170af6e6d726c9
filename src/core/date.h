/*
 * date.h -- calendar days as plain numbers, with no clock and no time zone.
 */
#ifndef MIDBACK_DATE_H
#define MIDBACK_DATE_H

#include <stdint.h>

/* A day as days since 1970-01-01 (negative before it). */
long	date_from_civil(int year, int month, int day);
void	date_to_civil(long days, int *year, int *month, int *day);
/* 0 = Monday ... 6 = Sunday. */
int	date_weekday(long days);
/*
 * Parse a strict YYYY-MM-DD into *days. Returns 0; -1 if the text is not
 * in that form; -2 if it names a day that does not exist (2026-02-30) or
 * one before 1900.
 */
int	date_parse(const char *, long *days);
#define DATE_BUFSZ 16
/* Write YYYY-MM-DD into buf, which holds DATE_BUFSZ bytes. */
void	date_format(long days, char *buf);
const char *date_weekday_name(long days);
const char *date_month_name(int month);

/*
 * The local day of an instant: ms (Unix milliseconds UTC) moved by tz_min,
 * the UTC offset in minutes that was in force there and then.
 */
long	date_of_ms(int64_t ms, int tz_min);
/* Minutes since local midnight of the same instant, 0 to 1439. */
int	date_minute_of_ms(int64_t ms, int tz_min);

#define DATE_ISO_BUFSZ 96
/*
 * Write an instant as ISO 8601 local time with its offset into buf (which
 * holds DATE_ISO_BUFSZ bytes): 2026-11-23T16:02:05+01:00, or with millis
 * 2026-11-23T16:02:05.123+01:00. An offset of 0 is written +00:00.
 */
void	date_iso(int64_t ms, int tz_min, int millis, char *buf);
/*
 * Parse what date_iso() writes (with or without .mmm; Z is taken as
 * +00:00) into *ms and *tz_min. Returns 0, or -1 if it is not that form or
 * names no real time.
 */
int	date_iso_parse(const char *, int64_t *ms, int *tz_min);

#endif
