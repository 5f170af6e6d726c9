/*
 * date.h -- calendar days as plain numbers, with no clock and no time zone.
 */
#ifndef MIDBACK_DATE_H
#define MIDBACK_DATE_H

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

#endif
