#include "config.h"

#include "common/date.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Write v as n decimal digits at p. */
static void
digits(char *p, long v, int n)
{
	while (n-- > 0) {
		p[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

/*
 * The time now as YYYY-MM-DDTHH:MM:SS.mmmZ, written digit by digit: every
 * record and audit event asks for it, and strftime and snprintf cost
 * several times the arithmetic.
 */
void
date_now(char out[DATE_TIME_LEN])
{
	const char *fixed = getenv("CASEDESK_NOW");
	struct timespec ts;
	long secs;
	int y, m, d;

	if (fixed != NULL && strlen(fixed) == DATE_TIME_LEN - 1) {
		memcpy(out, fixed, DATE_TIME_LEN);
		return;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	secs = (long)(ts.tv_sec % 86400);
	date_civil((long)(ts.tv_sec / 86400), &y, &m, &d);
	memcpy(out, "0000-00-00T00:00:00.000Z", DATE_TIME_LEN);
	digits(out, y, 4);
	digits(out + 5, m, 2);
	digits(out + 8, d, 2);
	digits(out + 11, secs / 3600, 2);
	digits(out + 14, secs / 60 % 60, 2);
	digits(out + 17, secs % 60, 2);
	digits(out + 20, ts.tv_nsec / 1000000L, 3);
}

/* Days in month m (1-12) of year y. */
static int
month_days(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

int
date_valid_iso(const char *s)
{
	int y, m, d, i;

	/* Digit by digit: every date a record saves is checked here. */
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	return y >= 1800 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= month_days(y, m);
}

/* Howard Hinnant's days-from-civil. */
long
date_days(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
date_civil(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

long
date_add_months(long day, long months)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, m, d, last;
	long total;

	date_civil(day, &y, &m, &d);
	total = (long)y * 12 + (m - 1) + months;
	y = (int)(total / 12);
	m = (int)(total % 12) + 1;
	last = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) ||
	    y % 400 == 0));
	return date_days(y, m, d > last ? last : d);
}
