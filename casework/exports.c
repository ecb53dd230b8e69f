#include "config.h"

#include "casework/exports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/calendar.h"
#include "casework/cinxml.h"
#include "casework/demo.h"
#include "casework/pclist.h"
#include "casework/postcodes.h"
#include "casework/returns.h"
#include "common/date.h"
#include "common/tar.h"
#include "common/xmem.h"
#include "store/returns.h"

const char *
exports_name(enum exports_kind k)
{
	return k == EXPORT_SSDA903 ? "SSDA903" : k == EXPORT_CIN ?
	    "CIN census" : k == EXPORT_ANNEXA ? "Annex A" : "Returns";
}

int
exports_year_of(const char *day)
{
	int y = atoi(day);

	return strlen(day) >= 10 && strncmp(day + 5, "04", 2) >= 0 ? y + 1 :
	    y;
}

/* Whether a check belongs to the return being made. */
static int
check_for(const struct problem *p, enum exports_kind k)
{
	size_t i, n;
	const struct check_def *d = checks_all(&n);

	for (i = 0; i < n; i++)
		if (strcmp(d[i].id, p->rule) == 0)
			return k >= EXPORT_ANNEXA || strcmp(d[i].ret, "both") ==
			    0 || (k == EXPORT_SSDA903 ? strcmp(d[i].ret,
			    "903") == 0 : strcmp(d[i].ret, "CIN") == 0);
	return 0;
}

static void
run_checks(const struct rt_set *s, const struct exports_job *job, int year,
    struct exports_result *res)
{
	struct check_ctx x;
	char today[DATE_TIME_LEN];
	size_t i, j, before;

	struct pclist pcs = { NULL, 0 };

	date_now(today);
	today[10] = '\0';
	checks_ctx_init(&x, year, today, job->cal);
	/* Distances always; own provision only knowing the borough. */
	if (pclist_load(&pcs, demo_default_postcodes(), NULL) == CD_OK) {
		x.la_ons = job->la_ons;
		x.postcode_la = job->la_ons != NULL ? pclist_la : NULL;
		x.postcode_miles = pclist_miles;
		x.postcode_arg = &pcs;
	}
	for (i = 0; i < s->n; i++) {
		const struct rt_child *c = &s->c[i];

		if (!ssda903_looked_after(c, x.from, x.to) &&
		    !cinxml_in_scope(c, x.from, x.to) && !c->n_leavers)
			continue;
		res->checked++;
		before = res->problems.n;
		checks_child(c, &x, &res->problems);
		/* Keep only this return's checks. */
		for (j = before; j < res->problems.n;)
			if (check_for(&res->problems.p[j], job->kind))
				j++;
			else
				res->problems.p[j] =
				    res->problems.p[--res->problems.n];
	}
	checks_return(s, &x, job->kind == EXPORT_SSDA903 ? CHECKS_SSDA903 :
	    job->kind == EXPORT_CIN ? CHECKS_CIN : CHECKS_SSDA903 | CHECKS_CIN,
	    &res->problems);
	pclist_fini(&pcs);
	for (i = 0; i < res->problems.n; i++) {
		if (res->problems.p[i].query)
			res->queries++;
		else
			res->errors++;
	}
}

enum cd_status
exports_run(struct store *st, const struct exports_job *job,
    struct exports_result *res, struct cd_err *err)
{
	struct returns_scope sc = { "", "", 0 };
	struct rt_set s;
	char purpose[96], to[11], day[DATE_TIME_LEN];
	int year = job->year;
	enum cd_status code = CD_OK;

	memset(res, 0, sizeof *res);
	if (job->kind == EXPORT_ANNEXA) {
		int ok;
		long d;

		if (job->day == NULL) {
			date_now(day);
			day[10] = '\0';
		} else
			snprintf(day, sizeof day, "%s", job->day);
		d = calendar_day(day, &ok);
		if (!ok)
			return cd_err_set(err, CD_ERR_INVALID, "the reference "
			    "date must be YYYY-MM-DD, not \"%s\"", day);
		calendar_date(calendar_add_months(d, -12), sc.from);
		calendar_date(d, sc.to);
		year = exports_year_of(day);
	} else {
		if (year < 2000 || year > 2100)
			return cd_err_set(err, CD_ERR_INVALID, "the collection "
			    "year must be the year it ends, such as 2026 for "
			    "2025/26, not %d", year);
		returns_year(job->previous ? year - 1 : year, sc.from, to);
		returns_year(year, to, sc.to);
	}
	snprintf(purpose, sizeof purpose, "%s %s %s", exports_name(job->kind),
	    job->kind == EXPORT_ANNEXA ? "as at" : "for the year ending",
	    sc.to);
	if (job->out == NULL)
		snprintf(purpose + strlen(purpose), sizeof purpose -
		    strlen(purpose), " (checks only)");
	code = returns_load(st, &sc, purpose, &s, err);
	if (code != CD_OK)
		return code;
	if (job->stream != NULL && job->kind == EXPORT_SSDA903) {
		/* One archive: the year's tables, and the year before's. */
		ssda903_tar(&s, year, "", job->stream, res->rows);
		if (job->previous) {
			char sub[16];
			size_t rows[SSDA903_NTABLES];

			snprintf(sub, sizeof sub, "%d/", year - 1);
			ssda903_tar(&s, year - 1, sub, job->stream, rows);
		}
		tar_end(job->stream);
		res->children = res->rows[0];
	} else if (job->out != NULL && job->kind == EXPORT_SSDA903) {
		code = ssda903_write(&s, year, job->out, res->rows, err);
		if (code == CD_OK && job->previous) {
			char *sub = xasprintf("%s/%d", job->out, year - 1);
			size_t rows[SSDA903_NTABLES];

			code = ssda903_write(&s, year - 1, sub, rows, err);
			free(sub);
		}
		res->children = res->rows[0];
	} else if (job->out != NULL && job->kind == EXPORT_CIN) {
		struct cinxml_opts o = { year, job->la_code, job->now,
		    job->cal };

		code = job->stream != NULL ? cinxml_build(&s, &o, job->stream,
		    &res->children, err) : cinxml_write(&s, &o, job->out,
		    &res->children, err);
	} else if (job->out != NULL && job->kind == EXPORT_ANNEXA) {
		struct annexa_opts o = { job->la_ons, NULL };
		struct pcmap pcs;
		struct annexa a;
		size_t i;

		/* Without the postcode file list 8 leaves the places empty. */
		if (pcmap_load(pcmap_default_file(), &pcs, NULL) == CD_OK)
			o.postcodes = &pcs;
		annexa_build_opts(&s, sc.to, &o, &a);
		if (o.postcodes)
			pcmap_fini(&pcs);
		code = job->stream != NULL ? annexa_xlsx(&a, job->stream, err) :
		    annexa_write(&a, job->out, err);
		for (i = 0; i < ANNEXA_NLISTS; i++)
			res->lists[i] = a.list[i].nrows;
		annexa_fini(&a);
	}
	if (code == CD_OK && job->check)
		run_checks(&s, job, year, res);
	returns_fini(&s);
	return code;
}

enum cd_status
exports_check_person(struct store *st, int64_t person, int year,
    const char *today, const struct calendar *cal, struct problems *out,
    struct cd_err *err)
{
	struct returns_scope sc;
	struct check_ctx x;
	struct rt_set s;
	enum cd_status code;

	memset(&sc, 0, sizeof sc);
	returns_year(year, sc.from, sc.to);
	sc.person = person;
	code = returns_load(st, &sc, "checks for the statutory returns", &s,
	    err);
	if (code != CD_OK)
		return code;
	checks_ctx_init(&x, year, today, cal);
	if (s.n == 1)
		checks_child(&s.c[0], &x, out);
	returns_fini(&s);
	return CD_OK;
}

void
exports_result_fini(struct exports_result *res)
{
	checks_fini(&res->problems);
}
