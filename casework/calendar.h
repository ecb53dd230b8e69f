/*
 * The working-day calendar: England and Wales bank holidays for any year,
 * one-off changes from data, and a council's own closure days.
 */
#ifndef CD_CASEWORK_CALENDAR_H
#define CD_CASEWORK_CALENDAR_H

#include <stddef.h>

#include "common/status.h"

struct calendar {
	long *added;		/* day numbers of one-off holidays and closures */
	size_t nadded;
	long *removed;		/* regular holidays moved away */
	size_t nremoved;
};

/*
 * Load the one-off changes (casework/data/holidays.ini) and add closures
 * ("2026-12-24 2026-12-31", from configuration). Every problem is reported.
 */
enum cd_status calendar_load(struct calendar *c, const char *holidays_file,
    const char *closures, struct cd_err *err);

/* The calendar data file shipped with casedesk. */
const char *calendar_default_file(void);

/* Day number of a YYYY-MM-DD date (days since 1970-01-01); 0 if invalid. */
long calendar_day(const char *date, int *ok);

/* The date of a day number, as YYYY-MM-DD. */
void calendar_date(long day, char out[11]);

/* Whether date is a bank holiday or closure; whether it is a working day. */
int calendar_is_holiday(const struct calendar *c, long day);
int calendar_is_workday(const struct calendar *c, long day);

/* The date n working days after day (day itself not counted); n may be < 0. */
long calendar_add_workdays(const struct calendar *c, long day, long n);

/* Working days after a up to and including b (negative if b is before a). */
long calendar_workdays_between(const struct calendar *c, long a, long b);

/* Add months to a date, keeping the day where the month allows. */
long calendar_add_months(long day, long months);

/* The holidays of a year in order, as day numbers; returns the count. */
size_t calendar_year(const struct calendar *c, int year, long *out,
    size_t max);

void calendar_fini(struct calendar *c);

#endif
