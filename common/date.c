#include "config.h"

#include "common/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void
date_now(char out[DATE_TIME_LEN])
{
	const char *fixed = getenv("CASEDESK_NOW");
	struct timespec ts;
	struct tm tm;

	if (fixed != NULL && strlen(fixed) == DATE_TIME_LEN - 1) {
		memcpy(out, fixed, DATE_TIME_LEN);
		return;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(out, DATE_TIME_LEN, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + 19, DATE_TIME_LEN - 19, ".%03uZ",
	    (unsigned)(ts.tv_nsec / 1000000L) % 1000u);
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
	int y, m, d, n = 0;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 ||
	    n != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	return y >= 1800 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 &&
	    d <= month_days(y, m);
}
