#include "config.h"

#include "casework/calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/file.h"
#include "common/ini.h"
#include "common/date.h"
#include "common/ident.h"
#include "common/xmem.h"


/* 0 Monday ... 6 Sunday (1970-01-01 was a Thursday). */
static int
weekday(long day)
{
	long w = (day + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

long
calendar_day(const char *date, int *ok)
{
	char iso[11];
	int y, m, d;

	if (ident_date(date, iso, NULL) != CD_OK) {
		if (ok)
			*ok = 0;
		return 0;
	}
	sscanf(iso, "%4d-%2d-%2d", &y, &m, &d);
	if (ok)
		*ok = 1;
	return date_days(y, m, d);
}

void
calendar_date(long day, char out[11])
{
	int y, m, d;

	date_civil(day, &y, &m, &d);
	ident_format_date(out, y, m, d);
}

long
calendar_add_months(long day, long months)
{
	return date_add_months(day, months);
}

/* Easter Sunday (anonymous Gregorian algorithm). */
static long
easter(int y)
{
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
	int f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;
	int month = (h + l - 7 * m + 114) / 31;
	int day = (h + l - 7 * m + 114) % 31 + 1;

	return date_days(y, month, day);
}

/* The first Monday of a month, and the last. */
static long
first_monday(int y, int m)
{
	long d = date_days(y, m, 1);

	return d + (7 - weekday(d)) % 7;
}

static long
last_monday(int y, int m)
{
	long d = date_days(y, m + 1 > 12 ? 1 : m + 1, 1) - 1;

	if (m == 12)
		d = date_days(y + 1, 1, 1) - 1;
	return d - weekday(d);
}

/*
 * The regular holidays of a year, in order. New Year's Day moves to Monday
 * from a weekend; Christmas and Boxing Day move to the next weekdays free.
 */
static size_t
regular(int y, long out[10])
{
	long ny = date_days(y, 1, 1), xmas = date_days(y, 12, 25);
	size_t n = 0;

	if (weekday(ny) == 5)
		ny += 2;
	else if (weekday(ny) == 6)
		ny += 1;
	out[n++] = ny;
	out[n++] = easter(y) - 2;
	out[n++] = easter(y) + 1;
	if (y >= 1978)
		out[n++] = first_monday(y, 5);
	out[n++] = last_monday(y, 5);
	out[n++] = last_monday(y, 8);
	switch (weekday(xmas)) {
	case 4:		/* Friday: Boxing Day on Monday */
		out[n++] = xmas;
		out[n++] = xmas + 3;
		break;
	case 5:		/* Saturday: Monday and Tuesday */
		out[n++] = xmas + 2;
		out[n++] = xmas + 3;
		break;
	case 6:		/* Sunday: Boxing Day Monday, Christmas Tuesday */
		out[n++] = xmas + 1;
		out[n++] = xmas + 2;
		break;
	default:
		out[n++] = xmas;
		out[n++] = xmas + 1;
	}
	return n;
}

static int
in_list(const long *list, size_t n, long day)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (list[i] == day)
			return 1;
	return 0;
}

int
calendar_is_holiday(const struct calendar *c, long day)
{
	int y, m, d;
	long reg[10];
	size_t n;

	if (in_list(c->added, c->nadded, day))
		return 1;
	if (in_list(c->removed, c->nremoved, day))
		return 0;
	date_civil(day, &y, &m, &d);
	n = regular(y, reg);
	return in_list(reg, n, day);
}

int
calendar_is_workday(const struct calendar *c, long day)
{
	return weekday(day) < 5 && !calendar_is_holiday(c, day);
}

long
calendar_add_workdays(const struct calendar *c, long day, long n)
{
	long step = n < 0 ? -1 : 1;

	while (n != 0) {
		day += step;
		if (calendar_is_workday(c, day))
			n -= step;
	}
	return day;
}

long
calendar_workdays_between(const struct calendar *c, long a, long b)
{
	long n = 0, d;

	if (b < a)
		return -calendar_workdays_between(c, b, a);
	for (d = a + 1; d <= b; d++)
		if (calendar_is_workday(c, d))
			n++;
	return n;
}

size_t
calendar_year(const struct calendar *c, int year, long *out, size_t max)
{
	long first = date_days(year, 1, 1), last = date_days(year, 12, 31), d;
	size_t n = 0;

	for (d = first; d <= last && n < max; d++)
		if (calendar_is_holiday(c, d))
			out[n++] = d;
	return n;
}

/* Add each YYYY-MM-DD key of an INI section to a list. */
static enum cd_status
load_section(dictionary *dict, const char *sec, long **list, size_t *n,
    const char *path, struct buf *problems)
{
	int count, i;
	const char **keys = ini_keys(dict, sec, &count);

	for (i = 0; i < count; i++) {
		const char *date = keys[i] + strlen(sec) + 1;
		int ok;
		long day = calendar_day(date, &ok);

		if (!ok || strlen(date) != 10) {
			buf_addf(problems, "%s%s: [%s] %s: not a date "
			    "(YYYY-MM-DD)", problems->len ? "; " : "", path, sec,
			    date);
			continue;
		}
		*list = xreallocarray(*list, *n + 1, sizeof **list);
		(*list)[(*n)++] = day;
	}
	free(keys);
	return CD_OK;
}

enum cd_status
calendar_load(struct calendar *c, const char *file, const char *closures,
    struct cd_err *err)
{
	struct buf problems = { 0 };
	enum cd_status code = CD_OK;
	dictionary *d = NULL;

	memset(c, 0, sizeof *c);
	if (file != NULL) {
		if (!file_exists(file))
			buf_addf(&problems, "%s: no such file", file);
		else if ((d = ini_load(file, ini_problem_to_buf, &problems)) ==
		    NULL)
			buf_addf(&problems, "%s%s: cannot be read",
			    problems.len ? "; " : "", file);
	}
	if (d != NULL) {
		load_section(d, "added", &c->added, &c->nadded, file,
		    &problems);
		load_section(d, "removed", &c->removed, &c->nremoved, file,
		    &problems);
		iniparser_freedict(d);
	}
	if (closures != NULL && *closures) {
		char *copy = xstrdup(closures), *tok, *save = NULL;

		for (tok = strtok_r(copy, " ,", &save); tok;
		    tok = strtok_r(NULL, " ,", &save)) {
			int ok;
			long day = calendar_day(tok, &ok);

			if (!ok) {
				buf_addf(&problems, "%s[calendar] closures: "
				    "\"%s\" is not a date", problems.len ? "; " :
				    "", tok);
				continue;
			}
			c->added = xreallocarray(c->added, c->nadded + 1,
			    sizeof *c->added);
			c->added[c->nadded++] = day;
		}
		free(copy);
	}
	if (problems.len)
		code = cd_err_set(err, CD_ERR_CONFIG, "%s", buf_str(&problems));
	buf_fini(&problems);
	return code;
}

const char *
calendar_default_file(void)
{
	return file_data_path(CASEWORK_DATADIR "/holidays.ini",
	    CASEWORK_SRCDIR "/holidays.ini");
}

void
calendar_fini(struct calendar *c)
{
	free(c->added);
	free(c->removed);
	memset(c, 0, sizeof *c);
}
