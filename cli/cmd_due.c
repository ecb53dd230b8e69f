#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/calendar.h"
#include "casework/timescale.h"
#include "casework/tasks.h"
#include "cli/cmd.h"
#include "cli/session.h"
#include "common/date.h"
#include "common/xmem.h"

/* Load the calendar with the council's closures; prints the problem. */
static int
load_calendar(struct cli *c, struct calendar *cal)
{
	struct cd_err err;

	if (calendar_load(cal, calendar_default_file(), c->cfg.closures,
	    &err) != CD_OK) {
		calendar_fini(cal);
		return cli_fail(EXIT_ERROR, "%s", err.msg);
	}
	return EXIT_OK;
}

/* A date argument as a day number, or a usage error. */
static int
day_arg(const char *s, long *day)
{
	int ok;

	*day = calendar_day(s, &ok);
	if (!ok)
		return cli_fail(EXIT_USAGE, "\"%s\" is not a date (YYYY-MM-DD "
		    "or DD/MM/YYYY)", s);
	return EXIT_OK;
}

int
cmd_workdays(struct cli *c)
{
	struct calendar cal;
	char out[11];
	long a, b = 0, n = 0;
	char *end;
	int rc;

	if (strcmp(c->args[0], "add") != 0 && strcmp(c->args[0], "between"))
		return cli_fail(EXIT_USAGE, "workdays add DATE N, or workdays "
		    "between DATE DATE");
	if ((rc = day_arg(c->args[1], &a)) != EXIT_OK)
		return rc;
	if (strcmp(c->args[0], "add") == 0) {
		errno = 0;
		n = strtol(c->args[2], &end, 10);
		if (errno || *end || end == c->args[2] || labs(n) > 100000)
			return cli_fail(EXIT_USAGE, "\"%s\" is not a number of "
			    "working days", c->args[2]);
	} else if ((rc = day_arg(c->args[2], &b)) != EXIT_OK)
		return rc;
	if ((rc = load_calendar(c, &cal)) != EXIT_OK)
		return rc;
	if (strcmp(c->args[0], "add") == 0) {
		calendar_date(calendar_add_workdays(&cal, a, n), out);
		cli_printf("%s\n", out);
	} else
		cli_printf("%ld\n", calendar_workdays_between(&cal, a, b));
	calendar_fini(&cal);
	return EXIT_OK;
}

int
cmd_due(struct cli *c)
{
	struct calendar cal;
	struct ruleset rs;
	const struct rule *r;
	struct cd_err err;
	const char *age_s = cli_opt(c, "age");
	char out[11], what[64];
	long anchor;
	int rc, age = -1;
	size_t i;

	if (age_s != NULL) {
		char *end;

		age = (int)strtol(age_s, &end, 10);
		if (*end || end == age_s || age < 0 || age > 120)
			return cli_fail(EXIT_USAGE, "--age needs years, not "
			    "\"%s\"", age_s);
	}
	if ((rc = day_arg(c->args[1], &anchor)) != EXIT_OK)
		return rc;
	if (ruleset_load(&rs, ruleset_default_file(), &c->cfg, &err) !=
	    CD_OK) {
		ruleset_fini(&rs);
		return cli_fail(EXIT_ERROR, "%s", err.msg);
	}
	r = ruleset_find(&rs, c->args[0]);
	if (r == NULL) {
		cli_eprintf("casedesk: no rule \"%s\"; the rules are:\n",
		    c->args[0]);
		for (i = 0; i < rs.n; i++)
			cli_eprintf("  %-20s %s\n", rs.r[i].name,
			    rs.r[i].title);
		ruleset_fini(&rs);
		return EXIT_USAGE;
	}
	if ((rc = load_calendar(c, &cal)) != EXIT_OK) {
		ruleset_fini(&rs);
		return rc;
	}
	calendar_date(rule_due(r, &cal, anchor, age), out);
	cli_printf("%s\n", out);
	rule_describe(r, what, sizeof what);
	cli_eprintf("%s: %s from %s (%s; %s)\n", r->title, what, r->anchor,
	    r->status, r->source ? r->source : "");
	calendar_fini(&cal);
	ruleset_fini(&rs);
	return EXIT_OK;
}

int
cmd_rules(struct cli *c)
{
	struct ruleset rs;
	struct cd_err err;
	char what[64];
	size_t i;

	if (ruleset_load(&rs, ruleset_default_file(), &c->cfg, &err) !=
	    CD_OK) {
		ruleset_fini(&rs);
		return cli_fail(EXIT_ERROR, "%s", err.msg);
	}
	for (i = 0; i < rs.n; i++) {
		rule_describe(&rs.r[i], what, sizeof what);
		cli_printf("%-20s %-6s %-34s from %s%s\n", rs.r[i].name,
		    rs.r[i].status, what, rs.r[i].anchor, rs.r[i].changed ?
		    " (changed locally)" : "");
	}
	ruleset_fini(&rs);
	return EXIT_OK;
}

/* Print one task line of the work tray. */
static void
print_task(const struct task *t)
{
	char due[11], when[32], who[64];

	calendar_date(t->due, due);
	if (t->late > 0)
		snprintf(when, sizeof when, "%ld day%s late", t->late,
		    t->late == 1 ? "" : "s");
	else if (t->late == 0)
		snprintf(when, sizeof when, "due today");
	else
		snprintf(when, sizeof when, "in %ld day%s", -t->late,
		    t->late == -1 ? "" : "s");
	if (t->person)
		snprintf(who, sizeof who, "#%lld %s", (long long)t->person,
		    t->name);
	else
		snprintf(who, sizeof who, "%s", t->name);
	cli_printf("  %s  %-13s %-34.34s %s\n", due, when, who, t->rule->title);
	cli_printf("  %-26s %s%s%s\n", "", t->worker ? t->worker : "unallocated",
	    t->team ? ", " : "", t->team ? t->team : "");
}

int
cmd_tasks(struct cli *c)
{
	struct calendar cal;
	struct ruleset rs;
	struct tasks tasks;
	struct store *st = NULL;
	struct cd_err err;
	char now[DATE_TIME_LEN];
	long today, shown = 0;
	int overdue_only = cli_flag(c, "overdue"), rc, ok, section = -1;
	size_t i;

	if (ruleset_load(&rs, ruleset_default_file(), &c->cfg, &err) !=
	    CD_OK) {
		ruleset_fini(&rs);
		return cli_fail(EXIT_ERROR, "%s", err.msg);
	}
	if ((rc = load_calendar(c, &cal)) != EXIT_OK) {
		ruleset_fini(&rs);
		return rc;
	}
	rc = cli_session(c, &st, NULL, NULL);
	if (rc == EXIT_OK) {
		char *team = cli_opt(c, "team") ? xstrdup(cli_opt(c, "team")) :
		    NULL;

		/* A team manager's tray is their team's unless told. */
		if (team == NULL && !cli_flag(c, "borough") &&
		    cli_opt(c, "worker") == NULL)
			team = cli_own_team(st, 1);
		if (team != NULL)
			cli_printf("Team: %s\n\n", team);
		date_now(now);
		now[10] = '\0';
		today = calendar_day(now, &ok);
		if (tasks_collect(st, &rs, &cal, today, cli_opt(c, "worker"),
		    team, &tasks, &err) != CD_OK)
			rc = cli_fail(cli_exit_for(err.code), "%s", err.msg);
		else if (cli_flag(c, "by-worker")) {
			size_t n;
			struct worker_load *w = tasks_by_worker(&tasks, &n);

			cli_printf("%-24s %8s %10s %6s\n", "Worker", "Overdue",
			    "This week", "All");
			for (i = 0; i < n; i++)
				cli_printf("%-24s %8d %10d %6d\n", w[i].worker ?
				    w[i].worker : "(nobody allocated)",
				    w[i].overdue, w[i].this_week, w[i].total);
			worker_loads_free(w, n);
			tasks_fini(&tasks);
		} else {
			for (i = 0; i < tasks.n; i++) {
				const struct task *t = &tasks.t[i];
				int s = t->late > 0 ? 0 : t->late > -8 ? 1 : 2;

				if (overdue_only && s != 0)
					continue;
				if (s != section) {
					if (shown)
						cli_printf("\n");
					cli_printf("%s\n",
					    s == 0 ? "OVERDUE" : s == 1 ?
					    "DUE WITHIN A WEEK" : "COMING UP");
					section = s;
				}
				print_task(t);
				shown++;
			}
			if (shown == 0)
				cli_printf("Nothing %s.\n", overdue_only ?
				    "overdue" : "due");
			tasks_fini(&tasks);
		}
		free(team);
		store_close(&st);
	}
	calendar_fini(&cal);
	ruleset_fini(&rs);
	return rc;
}
