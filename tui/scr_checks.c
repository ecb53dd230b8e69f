/*
 * The statutory returns: the analyst's home (this year's and last year's
 * counts by rule), and the returns' checks for one child (any reader of
 * the record) or the borough (the statutory returns grant), as problems
 * that open the field to fix.
 */
#include "config.h"

#include "tui/screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/checks.h"
#include "casework/exports.h"
#include "common/cfg.h"
#include "common/date.h"
#include "common/xmem.h"
#include "tui/home.h"

static void home_counts(struct client *c, struct screen *s, int year);

struct checks_state {
	int year;		/* the collection year; 0 for this one */
};

/* The collection year being checked: the screen's, or today's. */
static int
year_of(int year)
{
	char now[DATE_TIME_LEN];

	if (year)
		return year;
	date_now(now);
	now[10] = '\0';
	return exports_year_of(now);
}

void
home_returns(struct client *c, struct screen *s)
{
	int year = year_of(0);

	list_add(&s->list, LN_HEAD, "STATUTORY RETURNS");
	list_add(&s->list, LN_CHECKS, "Check the %d/%02d returns now (the "
	    "year so far)", year - 1, year % 100)->id = year;
	home_counts(c, s, year);
	list_add(&s->list, LN_CHECKS, "Check the %d/%02d returns (the last "
	    "full year)", year - 2, (year - 1) % 100)->id = year - 1;
	home_counts(c, s, year - 1);
	list_blank(&s->list);
	list_add(&s->list, LN_TEXT, "Enter on a problem opens the field to "
	    "fix; Enter on the field edits it.");
	if (c->served) {
		/* Nothing is written on the server: they stream to you. */
		list_add(&s->list, LN_TEXT, "Export from your own machine (each "
		    "streams to you):");
		list_add(&s->list, LN_TEXT, "  ssh casedesk@HOST export cin "
		    "--year %d --out - > cin.xml", year);
		list_add(&s->list, LN_TEXT, "  ssh casedesk@HOST export ssda903 "
		    "--year %d --out - > 903.tar", year);
		list_add(&s->list, LN_TEXT, "  ssh casedesk@HOST export annex-a "
		    "--out - > annex-a.xlsx");
		return;
	}
	list_add(&s->list, LN_TEXT, "Export with : and then (files are "
	    "written mode 0600):");
	list_add(&s->list, LN_TEXT, "  export ssda903 %d DIR    the SSDA903 "
	    "tables as CSV", year);
	list_add(&s->list, LN_TEXT, "  export cin %d FILE.xml   the CIN "
	    "census", year);
	list_add(&s->list, LN_TEXT, "  export annex-a FILE.xlsx  Ofsted's "
	    "Annex A lists (or a DIR of CSVs)");
}

/*
 * The problems counted by check and DfE rule (a check may raise several
 * rules), as text lines after a prefix.
 */
static void
rule_counts(struct screen *s, const struct problems *ps, const char *pre)
{
	size_t i, k;

	for (i = 0; i < ps->n; i++) {
		const struct problem *p = &ps->p[i];
		size_t count = 0;

		for (k = 0; k < i; k++)
			if (strcmp(ps->p[k].rule, p->rule) == 0 &&
			    strcmp(ps->p[k].dfe, p->dfe) == 0)
				break;
		if (k < i)
			continue;
		for (k = i; k < ps->n; k++)
			count += strcmp(ps->p[k].rule, p->rule) == 0 &&
			    strcmp(ps->p[k].dfe, p->dfe) == 0;
		list_add(&s->list, LN_TEXT, "%s%-13s%s %4zu  %s%s", pre,
		    p->rule, p->query ? "?" : " ", count, p->dfe[0] ? "DfE " :
		    "", p->dfe);
	}
}

/* The borough's problems counted by rule, before the children. */
static void
by_rule(struct screen *s, const struct problems *ps)
{
	list_add(&s->list, LN_HEAD, "BY RULE");
	rule_counts(s, ps, "");
	list_blank(&s->list);
}

/* The borough's checks for a year, as the job the export would run. */
static int
borough_checks(struct client *c, int year, struct exports_result *res,
    struct cd_err *err)
{
	struct exports_job job;

	memset(&job, 0, sizeof job);
	memset(res, 0, sizeof *res);
	job.kind = EXPORT_CHECKS;
	job.year = year;
	job.check = 1;
	job.cal = c->late && c->late->loaded ? &c->late->cal : NULL;
	job.la_ons = c->cfg ? c->cfg->la_ons : NULL;
	return exports_run(c->st, &job, res, err);
}

/* Under a year's entry on the analyst's home: its counts by rule. */
static void
home_counts(struct client *c, struct screen *s, int year)
{
	struct exports_result res;
	struct cd_err err;

	if (borough_checks(c, year, &res, &err) != CD_OK) {
		list_add(&s->list, LN_TEXT, "    %s", err.msg);
		return;
	}
	if (res.problems.n == 0)
		list_add(&s->list, LN_TEXT, "    nothing the DfE's checks would "
		    "reject");
	else
		list_add(&s->list, LN_TEXT, "    %zu error%s, %zu quer%s:",
		    res.errors, res.errors == 1 ? "" : "s", res.queries,
		    res.queries == 1 ? "y" : "ies");
	rule_counts(s, &res.problems, "    ");
	exports_result_fini(&res);
}

/* One problem as a line that opens where it is fixed. */
static void
problem_line(struct screen *s, const struct problem *p, int with_person)
{
	struct line *l;

	/* Queries (to confirm, not errors) carry a question mark. */
	l = list_add(&s->list, LN_PROBLEM, "%s%-13s%s %s%s%s%s", with_person ?
	    "  " : "", p->rule, p->query ? "?" : "", p->msg, p->dfe[0] ?
	    " (DfE " : "", p->dfe, p->dfe[0] ? ")" : "");
	l->id = p->row;
	l->person = p->person;
	l->code = p->entity ? xstrdup(p->entity) : NULL;
	l->field = xstrdup(p->entity ? p->field : p->form);
	l->wrap = 1;
}

static void
checks_build(struct client *c, struct screen *s)
{
	struct checks_state *cs = s->state;
	int year = year_of(cs->year);
	struct exports_result res;
	struct cd_err err;
	char today[DATE_TIME_LEN];
	size_t i;

	memset(&res, 0, sizeof res);
	date_now(today);
	today[10] = '\0';
	if (s->person != 0) {
		if (exports_check_person(c->st, s->person, year, today,
		    c->late && c->late->loaded ? &c->late->cal : NULL,
		    &res.problems, &err) != CD_OK) {
			snprintf(s->title, sizeof s->title, "Checks");
			list_add(&s->list, LN_TEXT, "%s", err.msg);
			return;
		}
		for (i = 0; i < res.problems.n; i++)
			res.problems.p[i].query ? res.queries++ : res.errors++;
	} else {
		if (borough_checks(c, year, &res, &err) != CD_OK) {
			snprintf(s->title, sizeof s->title, "Checks");
			list_add(&s->list, LN_TEXT, "%s", err.msg);
			return;
		}
	}
	snprintf(s->title, sizeof s->title, "Returns %d/%02d%s: %zu error%s, "
	    "%zu quer%s", year - 1, year % 100, s->person ? "" :
	    ", all children", res.errors, res.errors == 1 ? "" : "s",
	    res.queries, res.queries == 1 ? "y" : "ies");
	if (res.problems.n == 0)
		list_add(&s->list, LN_TEXT, "Nothing the DfE's checks would "
		    "reject%s.", s->person ? " in this child's record" : "");
	else if (s->person == 0)
		by_rule(s, &res.problems);
	for (i = 0; i < res.problems.n; i++) {
		const struct problem *p = &res.problems.p[i];

		if (s->person == 0 && (i == 0 || res.problems.p[i - 1].person !=
		    p->person))
			list_add(&s->list, LN_PERSON, "#%-7lld %s",
			    (long long)p->person, p->name)->id = p->person;
		problem_line(s, p, s->person == 0);
	}
	exports_result_fini(&res);
}

void
client_checks(struct client *c, int64_t person, int year)
{
	struct screen *s = client_push_unbuilt(c, &scr_checks, person);
	struct checks_state *cs;

	if (s == NULL)
		return;
	s->state = cs = xcalloc(1, sizeof *cs);
	cs->year = year;
	client_build(c, s);
}

static void
checks_screen_fini(struct screen *s)
{
	free(s->state);
}

static const enum action checks_acts[] = { ACT_UP, ACT_DOWN, ACT_PAGE_UP,
    ACT_PAGE_DOWN, ACT_OPEN, ACT_VIEW, ACT_REFRESH, ACT_BACK, ACT_NONE };

const struct screen_ops scr_checks = {
	.name = "returns checks",
	.about = "What the DfE's validation would reject (errors) or ask "
	    "about (queries, marked ?) in the SSDA903 and CIN census. Enter "
	    "on a problem opens the field that fixes it; after a save, Esc "
	    "comes back to the checks run again.",
	.build = checks_build,
	.fini = checks_screen_fini,
	.acts = checks_acts,
};
