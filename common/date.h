/* Dates and times: the clock, ISO 8601 text and civil dates. */
#ifndef CD_COMMON_DATE_H
#define CD_COMMON_DATE_H

#include <stddef.h>

#define DATE_TIME_LEN 25	/* "YYYY-MM-DDTHH:MM:SS.mmmZ" plus NUL */

/*
 * The current UTC time as "YYYY-MM-DDTHH:MM:SS.mmmZ". When the environment
 * sets CASEDESK_NOW (tests and training), that fixed time is used instead.
 */
void date_now(char out[DATE_TIME_LEN]);

/* Days since 1970-01-01 of a civil date, and back (proleptic Gregorian). */
long date_days(int y, int m, int d);
void date_civil(long days, int *y, int *m, int *d);

/* Whether s is a valid YYYY-MM-DD calendar date. */
int date_valid_iso(const char *s);

/*
 * Add calendar months to a day number; a day past the end of the month
 * lands on its last day (31 January + 1 month is 28 or 29 February).
 */
long date_add_months(long day, long months);

#endif
