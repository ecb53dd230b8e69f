#include "config.h"

#include "forms/datein.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "common/ident.h"



void
datein_add_days(const char *date, long days, char out[11])
{
	int y, m, d;

	sscanf(date, "%4d-%2d-%2d", &y, &m, &d);
	date_civil(date_days(y, m, d) + days, &y, &m, &d);
	ident_format_date(out, y, m, d);
}

/* Add months, keeping the day where the month allows (31 Jan + 1m = 28 Feb). */
static void
add_months(const char *date, long months, char out[11])
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int y, m, d, last;
	long total;

	sscanf(date, "%4d-%2d-%2d", &y, &m, &d);
	total = (long)y * 12 + (m - 1) + months;
	if (total < 0)		/* before year 0: datein_date refuses it */
		total = 0;
	y = (int)(total / 12);
	m = (int)(total % 12) + 1;
	last = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) ||
	    y % 400 == 0));
	ident_format_date(out, y, m, d > last ? last : d);
}

enum cd_status
datein_date(const char *in, const char *today, char out[11],
    struct cd_err *err)
{
	int d, m, y, n = 0, ty;
	char unit;
	long k;

	while (*in == ' ')
		in++;
	if (!strcmp(in, "t") || !strcmp(in, "today")) {
		memcpy(out, today, 11);
		return CD_OK;
	}
	if (!strcmp(in, "y") || !strcmp(in, "yesterday")) {
		datein_add_days(today, -1, out);
		return CD_OK;
	}
	if ((in[0] == '+' || in[0] == '-') && sscanf(in, "%ld%c%n", &k, &unit,
	    &n) == 2 && in[n] == '\0' && labs(k) < 100000) {
		int known = 1;

		switch (tolower((unsigned char)unit)) {
		case 'd':
			datein_add_days(today, k, out);
			break;
		case 'w':
			datein_add_days(today, 7 * k, out);
			break;
		case 'm':
			add_months(today, k, out);
			break;
		case 'y':
			add_months(today, 12 * k, out);
			break;
		default:
			known = 0;
		}
		/* "+99999y" is a number of years no date can hold. */
		if (known)
			return ident_date(out, out, NULL) == CD_OK ? CD_OK :
			    cd_err_set(err, CD_ERR_INVALID, "\"%s\" is too far "
			    "from today for a date", in);
	}
	sscanf(today, "%4d", &ty);
	if (sscanf(in, "%2d/%2d%n", &d, &m, &n) == 2 && in[n] == '\0') {
		ident_format_date(out, ty, m, d);
		return ident_date(out, out, err) == CD_OK ? CD_OK :
		    cd_err_set(err, CD_ERR_INVALID, "\"%s\" is not a date", in);
	}
	if (sscanf(in, "%2d/%2d/%2d%n", &d, &m, &y, &n) == 3 && in[n] == '\0' &&
	    n <= 8) {
		y += 2000;
		if (y > ty + 1)
			y -= 100;	/* 02/03/87 is 1987 */
		ident_format_date(out, y, m, d);
		return ident_date(out, out, err) == CD_OK ? CD_OK :
		    cd_err_set(err, CD_ERR_INVALID, "\"%s\" is not a date", in);
	}
	if (ident_date(in, out, NULL) == CD_OK)
		return CD_OK;
	return cd_err_set(err, CD_ERR_INVALID, "\"%s\" is not a date (t, y, "
	    "+3d, -2w, dd/mm, dd/mm/yy or dd/mm/yyyy)", in);
}

enum cd_status
datein_datetime(const char *in, const char *now, char out[17],
    struct cd_err *err)
{
	char date[64], today[11], d[11];
	const char *sp;
	int h, m, n = 0;

	while (*in == ' ')
		in++;
	if (!strcmp(in, "now")) {
		memcpy(out, now, 16);
		out[16] = '\0';
		return CD_OK;
	}
	memcpy(today, now, 10);
	today[10] = '\0';
	sp = strrchr(in, ' ');
	if (sp == NULL)
		sp = strchr(in, 'T');
	if (sp == NULL || (size_t)(sp - in) >= sizeof date ||
	    sscanf(sp + 1, "%2d:%2d%n", &h, &m, &n) != 2 || sp[1 + n] != '\0' ||
	    h < 0 || h > 23 || m < 0 || m > 59)
		return cd_err_set(err, CD_ERR_INVALID, "\"%s\" is not a date and "
		    "time (for example: t 14:30, or 23/11 09:05)", in);
	snprintf(date, sizeof date, "%.*s", (int)(sp - in), in);
	if (datein_date(date, today, d, err) != CD_OK)
		return CD_ERR_INVALID;
	{
		char t[64];

		snprintf(t, sizeof t, "%.10sT%02d:%02d", d, h, m);
		memcpy(out, t, 16);
		out[16] = '\0';
	}
	return CD_OK;
}
