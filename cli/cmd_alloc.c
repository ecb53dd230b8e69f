/* queue, allocate, workers, intake-team: unallocated work and who takes it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/session.h"
#include "common/xmem.h"
#include "store/codes.h"
#include "store/user.h"
#include "store/workflow.h"

char *
cli_own_team(struct store *st, int managers)
{
	struct store_user u;
	char *team = NULL;

	if (store_user_get(st, store_user_name(st), &u, NULL) == CD_OK) {
		if (u.team && *u.team && (u.role == ROLE_MANAGER ||
		    (!managers && u.role == ROLE_SOCIAL)))
			team = xstrdup(u.team);
		store_user_fini(&u);
	}
	return team;
}

struct listing {
	long n;
};

static int
queue_row(const struct queue_item *q, void *arg)
{
	struct listing *l = arg;
	const char *what = strcmp(q->entity, "referral") == 0 ? "referral" :
	    strcmp(q->entity, "cp_plan") == 0 ? "CP plan" : "in care";

	cli_printf("#%-7lld %-28.28s %-10s %-8s %-10s %s%s%s\n",
	    (long long)q->person, q->name, q->dob ? q->dob : "", what,
	    q->since ? q->since : "", q->team ? q->team : "(borough)",
	    q->source ? "  from " : "", q->source ? codes_label(
	    "referral_source", q->source) : "");
	l->n++;
	return 0;
}

int
cmd_queue(struct cli *c)
{
	struct listing l = { 0 };
	struct store *st = NULL;
	struct cd_err err;
	char *team = NULL;
	int rc;

	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	if (cli_opt(c, "team"))
		team = xstrdup(cli_opt(c, "team"));
	else if (!cli_flag(c, "borough"))
		team = cli_own_team(st, 0);
	cli_printf("Waiting for allocation%s%s:\n", team ? " by " : " in the "
	    "borough", team ? team : "");
	if (store_queue(st, team, queue_row, &l, &err) != CD_OK)
		rc = cli_fail(cli_exit_for(err.code), "%s", err.msg);
	else
		cli_printf("%ld waiting (casedesk allocate ID --worker NAME).\n",
		    l.n);
	free(team);
	store_close(&st);
	return rc;
}

static int
worker_row(const struct team_worker *w, void *arg)
{
	struct listing *l = arg;

	cli_printf("%-20s %-24s %-16s %d open case%s\n", w->worker,
	    w->full_name ? w->full_name : "", w->phone ?
	    w->phone : "",
	    w->open_cases, w->open_cases == 1 ? "" : "s");
	l->n++;
	return 0;
}

int
cmd_workers(struct cli *c)
{
	struct listing l = { 0 };
	struct store *st = NULL;
	struct cd_err err;
	char *team;
	int rc;

	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	team = cli_opt(c, "team") ? xstrdup(cli_opt(c, "team")) :
	    cli_own_team(st, 0);
	if (team == NULL)
		rc = cli_fail(EXIT_USAGE, "workers needs --team NAME");
	else if (store_team_workers(st, team, worker_row, &l, &err) != CD_OK)
		rc = cli_fail(cli_exit_for(err.code), "%s", err.msg);
	else if (l.n == 0)
		cli_printf("Nobody in %s holds cases yet.\n", team);
	free(team);
	store_close(&st);
	return rc;
}

int
cmd_allocate(struct cli *c)
{
	struct store *st = NULL;
	struct cd_err err;
	int64_t person = cli_parse_id(c->args[0]), id;
	const char *worker = cli_opt(c, "worker");
	char *team;
	int rc;

	if (person == 0 || worker == NULL)
		return cli_fail(EXIT_USAGE, "allocate needs a person number and "
		    "--worker NAME");
	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	team = cli_opt(c, "team") ? xstrdup(cli_opt(c, "team")) :
	    cli_own_team(st, 0);
	if (team == NULL)
		rc = cli_fail(EXIT_USAGE, "allocate needs --team NAME");
	else if (store_allocate(st, person, worker, team, cli_opt(c, "date"),
	    &id, &err) != CD_OK)
		rc = cli_fail(cli_exit_for(err.code), "%s", err.msg);
	else
		cli_printf("#%lld allocated to %s (%s): in their tray now.\n",
		    (long long)person, worker, team);
	free(team);
	store_close(&st);
	return rc;
}

int
cmd_intake_team(struct cli *c)
{
	struct store *st = NULL;
	struct cd_err err;
	char *team;
	int rc;

	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	if (c->nargs == 1) {
		if (store_intake_team_set(st, c->args[0], &err) != CD_OK)
			rc = cli_fail(cli_exit_for(err.code), "%s", err.msg);
		else
			cli_printf("New referrals wait with %s.\n", c->args[0]);
	} else {
		team = store_intake_team(st);
		cli_printf("%s\n", team ? team : "(none: a referral waits with the "
		    "team of the worker who decided the contact)");
		free(team);
	}
	store_close(&st);
	return rc;
}
