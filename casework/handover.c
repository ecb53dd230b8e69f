#include "config.h"

#include "casework/handover.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "casework/calendar.h"

/* An ISO UTC date-time ("2026-08-29T22:00:00.000Z") as local time. */
static int
local(const char *iso, struct tm *out)
{
	struct tm u;
	time_t t;

	memset(&u, 0, sizeof u);
	if (iso == NULL || sscanf(iso, "%4d-%2d-%2dT%2d:%2d", &u.tm_year,
	    &u.tm_mon, &u.tm_mday, &u.tm_hour, &u.tm_min) != 5)
		return 0;
	u.tm_year -= 1900;
	u.tm_mon -= 1;
	t = timegm(&u);
	return localtime_r(&t, out) != NULL;
}

static long
day_of(const struct tm *t)
{
	char d[11];
	int ok;
	long n;

	if (strftime(d, sizeof d, "%Y-%m-%d", t) == 0)
		return 0;
	n = calendar_day(d, &ok);
	return ok ? n : 0;
}

int
handover_due(const struct calendar *cal, const char *arrived,
    char out[HANDOVER_DUE_LEN])
{
	struct tm t;
	long day;
	char d[11];

	if (!local(arrived, &t))
		return 0;
	day = day_of(&t);
	if (!(calendar_is_workday(cal, day) && t.tm_hour < 8))
		day = calendar_add_workdays(cal, day, 1);
	calendar_date(day, d);
	snprintf(out, HANDOVER_DUE_LEN, "%sT10:00", d);
	return 1;
}

int
handover_late(const struct calendar *cal, const char *arrived,
    const char *now)
{
	char due[HANDOVER_DUE_LEN], at[HANDOVER_DUE_LEN];
	struct tm t;

	if (!handover_due(cal, arrived, due) || !local(now, &t))
		return 0;
	if (strftime(at, sizeof at, "%Y-%m-%dT%H:%M", &t) == 0)
		return 0;
	return strcmp(at, due) >= 0;
}

void
handover_local(const char *iso, char out[16])
{
	struct tm t;

	if (!local(iso, &t)) {
		snprintf(out, 16, "?");
		return;
	}
	if (strftime(out, 16, "%d/%m %H:%M", &t) == 0)
		snprintf(out, 16, "?");
}
