/* summary, household: the person summary model and an adopter household as text. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/returns.h"
#include "casework/summary.h"
#include "cli/cmd.h"
#include "cli/session.h"
#include "common/date.h"

/* The kind of each line, as the screens group them. */
static const char *const kinds[] = {
	[SUM_CONTACT] = "open", [SUM_REFERRAL] = "open",
	[SUM_ASSESSMENT] = "open", [SUM_CIN_PLAN] = "open",
	[SUM_CP_PLAN] = "open", [SUM_LOOKED_AFTER] = "open",
	[SUM_CARE_LEAVER] = "open", [SUM_ADOPTION] = "open",
	[SUM_ADDRESS] = "lives", [SUM_SCHOOL] = "school",
	[SUM_WORKER] = "worker", [SUM_ALERT] = "alert", [SUM_TASK] = "next",
	[SUM_EVENT] = "event",
};

/* Load the rules and calendar, open the session; today's day number. */
static int
begin(struct cli *c, struct lateness *l, struct store **st, long *today)
{
	struct cd_err err;
	char now[DATE_TIME_LEN];
	int ok, rc;

	if (lateness_load(l, &c->cfg, &err) != CD_OK)
		return cli_fail(EXIT_ERROR, "%s", err.msg);
	rc = cli_session(c, st, NULL, NULL);
	if (rc != EXIT_OK) {
		lateness_fini(l);
		return rc;
	}
	date_now(now);
	now[10] = '\0';
	*today = calendar_day(now, &ok);
	return EXIT_OK;
}

static void
placements(struct store *st, int64_t id)
{
	struct placements p;
	char a[RT_DATE], b[RT_DATE];
	size_t i;

	if (summary_placements(st, id, &p, NULL) != CD_OK)
		return;
	cli_printf("\nPlacements:\n");
	for (i = 0; i < p.n; i++) {
		const struct placement *x = &p.p[i];

		cli_printf("  %s to %s  period #%lld  %s\n    %s\n    carer %s %s  "
		    "%s\n", returns_dmy(x->start, a), x->end ? returns_dmy(x->end,
		    b) : "now", (long long)x->period, x->legal_status ?
		    x->legal_status : "", x->placement ? x->placement : "",
		    x->carer ? x->carer : "not recorded", x->carer_phone ?
		    x->carer_phone : "", x->postcode ? x->postcode : "");
		if (x->reason_change)
			cli_printf("    changed: %s\n", x->reason_change);
		if (x->reason_ceased)
			cli_printf("    ended: %s\n", x->reason_ceased);
	}
	if (p.n == 0)
		cli_printf("  none\n");
	placements_fini(&p);
}

int
cmd_summary(struct cli *c)
{
	struct lateness l;
	struct summary s;
	struct store *st = NULL;
	struct cd_err err;
	int64_t id = cli_parse_id(c->args[0]);
	long today;
	size_t i;
	int rc;

	if (id == 0)
		return cli_fail(EXIT_USAGE, "summary needs a person number");
	if ((rc = begin(c, &l, &st, &today)) != EXIT_OK)
		return rc;
	if (summary_build(st, &l.rules, &l.cal, today, id, &s, &err) !=
	    CD_OK)
		rc = cli_fail(cli_exit_for(err.code), "%s", err.msg);
	else {
		cli_printf("%s\n", s.heading);
		for (i = 0; i < s.n; i++)
			cli_printf("%-7s %s%s%s%s\n", kinds[s.l[i].kind],
			    s.l[i].text, s.l[i].step.form ? "  [form " : "",
			    s.l[i].step.form ? s.l[i].step.form : "",
			    s.l[i].step.form ? "]" : "");
		summary_fini(&s);
		if (cli_flag(c, "placements"))
			placements(st, id);
	}
	store_close(&st);
	lateness_fini(&l);
	return rc;
}

/* "  matched #12 Name on 01/05/2026, placed 03/06/2026". */
static void
match_line(const struct match_view *m)
{
	char d[RT_DATE];

	cli_printf("  matched #%lld %s", (long long)m->person, m->name);
	if (m->matched)
		cli_printf(" on %s", returns_dmy(m->matched, d));
	if (m->placed)
		cli_printf(", placed %s", returns_dmy(m->placed, d));
	if (m->order)
		cli_printf(", adoption order %s", returns_dmy(m->order, d));
	if (m->reversed)
		cli_printf(", decision reversed %s", returns_dmy(m->reversed, d));
	cli_printf("\n");
}

int
cmd_household(struct cli *c)
{
	struct lateness l;
	struct household_view h;
	struct store *st = NULL;
	struct cd_err err;
	int64_t id = cli_parse_id(c->args[0]);
	char d[RT_DATE], due[11];
	long today;
	size_t i;
	int rc;

	if (id == 0)
		return cli_fail(EXIT_USAGE, "household needs a household number");
	if ((rc = begin(c, &l, &st, &today)) != EXIT_OK)
		return rc;
	if (summary_household(st, &l.rules, &l.cal, today, id, &h, &err) !=
	    CD_OK)
		rc = cli_fail(cli_exit_for(err.code), "%s", err.msg);
	else {
		cli_printf("%s (household #%lld): %s\n", h.name ? h.name : "",
		    (long long)id, h.stage);
#define DATE(label, v) if (v) cli_printf("  %-22s %s\n", label, returns_dmy(v, d))
		DATE("Enquiry", h.enquiry);
		DATE("Stage 1 started", h.stage1_start);
		DATE("Stage 1 ended", h.stage1_end);
		DATE("Stage 2 started", h.stage2_start);
		DATE("Stage 2 ended", h.stage2_end);
		DATE("Application", h.application);
		DATE("Panel", h.panel);
		DATE("Approved", h.approved);
		DATE("Left", h.left);
#undef DATE
		for (i = 0; i < h.nmembers; i++)
			cli_printf("  member #%lld %s\n", (long long)h.members[i],
			    h.member_names[i]);
		for (i = 0; i < h.nmatches; i++)
			match_line(&h.matches[i]);
		if (h.nmatches == 0)
			cli_printf("  no child matched yet\n");
		for (i = 0; i < h.tasks.n; i++) {
			calendar_date(h.tasks.t[i].due, due);
			cli_printf("  next: %s by %s\n", h.tasks.t[i].rule->title,
			    returns_dmy(due, d));
		}
		household_view_fini(&h);
	}
	store_close(&st);
	lateness_fini(&l);
	return rc;
}
