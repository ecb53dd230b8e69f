#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/session.h"
#include "common/date.h"
#include "common/xmem.h"
#include "store/audit.h"
#include "store/person.h"

int
cmd_audit_verify(struct cli *c)
{
	struct audit_verify v;
	struct store *st = NULL;
	struct cd_err err;
	enum cd_status code;
	int rc;

	int full = cli_flag(c, "full");

	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	/* --full: every page, then the whole chain; else from the checkpoint. */
	code = full ? store_integrity(st, &err) : CD_OK;
	if (code == CD_OK)
		code = full || cli_opt(c, "heads") != NULL ?
		    store_audit_verify(st, &v, &err) :
		    store_audit_verify_since(st, &v, &err);
	if (code == CD_OK && cli_opt(c, "heads") != NULL)
		code = store_audit_verify_heads(st, cli_opt(c, "heads"), &v,
		    &err);
	store_close(&st);
	if (code == CD_ERR_AUDIT) {
		if (v.state)
			return cli_fail(EXIT_ERROR, "the database disagrees "
			    "with its audit trail: %s", v.problem);
		if (v.bad_seq)
			return cli_fail(EXIT_ERROR, "audit chain broken at "
			    "event %lld: %s", (long long)v.bad_seq, v.problem);
		return cli_fail(EXIT_ERROR, "audit chain broken: %s",
		    v.problem);
	}
	if (code != CD_OK)
		return cli_fail(cli_exit_for(code), "%s", err.msg);
	if (full)
		cli_printf("Every page of the database reads and checks; %lld "
		    "events, chain intact\n", (long long)v.events);
	else if (v.from > 0)
		cli_printf("Events %lld to %lld checked from the last verified "
		    "event; chain intact (--full reads every page and the "
		    "whole chain)\n", (long long)v.from + 1,
		    (long long)v.last);
	else
		cli_printf("%lld events, chain intact (--full also reads every "
		    "page)\n", (long long)v.events);
	if (cli_opt(c, "heads") != NULL)
		cli_printf("%lld logged heads agree with the chain\n",
		    (long long)v.heads);
	return EXIT_OK;
}

/* Count events (for the review list's total). */
static int
count_row(const struct audit_row *r, void *arg)
{
	(void)r;
	(*(long *)arg)++;
	return 0;
}

/* Print one event and its details, every stored string made visible. */
static int
show_row(const struct audit_row *r, void *arg)
{
	size_t i;
	char what[160];

	(void)arg;
	if (r->entity && r->entity_id)
		snprintf(what, sizeof what, " %s #%lld", r->entity,
		    (long long)r->entity_id);
	else if (r->entity)
		snprintf(what, sizeof what, " %s", r->entity);
	else
		what[0] = '\0';
	cli_printf("%6lld  %s  %s (%s)  %s%s%s\n", (long long)r->seq,
	    r->at, r->actor, r->role,
	    r->action, what, r->flagged ? "  [FLAGGED]" : "");
	if (r->person_id)
		cli_printf("        person #%lld\n", (long long)r->person_id);
	cli_printf("        from %s%s%s\n", r->terminal, r->ssh_client ?
	    " via ssh " : "", r->ssh_client ? r->ssh_client : "");
	if (r->purged)
		cli_printf("        (details purged under the retention rules)\n");
	else if (r->withheld && r->person_id)
		cli_printf("        (details withheld: you may not read this "
		    "person's record now)\n");
	if (r->reviewed_by)
		cli_printf("        reviewed %.10s by %s: %s. %s\n",
		    r->reviewed_at, r->reviewed_by,
		    r->outcome, r->review_note ?
		    r->review_note : "");
	for (i = 0; i < r->nchanges; i++) {
		const struct audit_change *ch = &r->changes[i];

		if (ch->old)
			cli_printf("        %s: %s -> %s\n", ch->field,
			    ch->old, ch->new_ ?
			    ch->new_ : "(none)");
		else
			cli_printf("        %s: %s\n", ch->field,
			    ch->new_ ? ch->new_ : "(none)");
	}
	return 0;
}

int
cmd_audit_show(struct cli *c)
{
	struct audit_filter f;
	struct store *st = NULL;
	struct cd_err err;
	const char *p = cli_opt(c, "person"), *l = cli_opt(c, "limit");
	char *end;
	int rc;

	memset(&f, 0, sizeof f);
	if (p != NULL) {
		errno = 0;
		f.person_id = strtoll(p, &end, 10);
		if (errno || *p == '\0' || *end || f.person_id <= 0)
			return cli_fail(EXIT_USAGE, "--person needs a record "
			    "number, not \"%s\"", p);
	}
	if (l != NULL) {
		errno = 0;
		f.limit = strtoll(l, &end, 10);
		if (errno || *l == '\0' || *end || f.limit <= 0)
			return cli_fail(EXIT_USAGE, "--limit needs a positive "
			    "number, not \"%s\"", l);
	}
	f.actor = cli_opt(c, "actor");
	f.since = cli_opt(c, "since");
	if (f.since != NULL && !date_valid_iso(f.since))
		return cli_fail(EXIT_USAGE, "--since needs a date as "
		    "YYYY-MM-DD, not \"%s\"", f.since);
	if (cli_opt(c, "reason") != NULL && f.person_id == 0)
		return cli_fail(EXIT_USAGE, "--reason breaks glass for one "
		    "restricted person: give --person ID too");
	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	/* A restricted person's trail, like their record, needs a reason. */
	if (cli_opt(c, "reason") != NULL && store_person_break_glass(st,
	    f.person_id, cli_opt(c, "reason"), &err) != CD_OK) {
		store_close(&st);
		return cli_fail(cli_exit_for(err.code), "%s", err.msg);
	}
	if (store_audit_list(st, &f, show_row, NULL, &err) != CD_OK) {
		store_close(&st);
		return cli_fail(cli_exit_for(err.code), "%s", err.msg);
	}
	store_close(&st);
	return EXIT_OK;
}

int
cmd_caldicott_list(struct cli *c)
{
	struct audit_filter f;
	struct store *st = NULL;
	struct cd_err err;
	long n = 0;
	int rc;

	memset(&f, 0, sizeof f);
	f.flagged = cli_flag(c, "all") ? 1 : 2;
	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	if (store_audit_list(st, &f, count_row, &n, &err) != CD_OK ||
	    store_audit_list(st, &f, show_row, NULL, &err) != CD_OK) {
		store_close(&st);
		return cli_fail(cli_exit_for(err.code), "%s", err.msg);
	}
	store_close(&st);
	cli_printf("%ld %s.\n", n, f.flagged == 2 ? "to review (close each with: "
	    "casedesk caldicott close SEQ --outcome appropriate|inappropriate|"
	    "referred --note TEXT)" : "flagged events");
	return EXIT_OK;
}

int
cmd_caldicott_close(struct cli *c)
{
	struct store *st = NULL;
	struct cd_err err;
	int64_t seq = cli_parse_id(c->args[0]);
	enum cd_status code;
	int rc;

	if (seq == 0)
		return cli_fail(EXIT_USAGE, "caldicott close needs an event "
		    "number, not \"%s\"", c->args[0]);
	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	code = store_audit_review(st, seq, cli_opt(c, "outcome"), cli_opt(c,
	    "note"), &err);
	store_close(&st);
	if (code != CD_OK)
		return cli_fail(cli_exit_for(code), "%s", err.msg);
	cli_printf("Event %lld reviewed.\n", (long long)seq);
	return EXIT_OK;
}

/*
 * Who looked at one person's record: a line per user. Reads count audit
 * events, and opening a record reads each part of it, so they are a
 * measure of attention, not of visits; first and last are what matter.
 */
struct access_user {
	char *actor, *role, *first, *last;
	long views, changes, flagged;
};

struct access_report {
	struct access_user *u;
	size_t n;
};

static int
access_row(const struct audit_row *r, void *arg)
{
	struct access_report *a = arg;
	struct access_user *u;
	size_t i;

	for (i = 0; i < a->n; i++)
		if (strcmp(a->u[i].actor, r->actor) == 0)
			break;
	if (i == a->n) {
		a->u = xreallocarray(a->u, a->n + 1, sizeof *a->u);
		u = &a->u[a->n++];
		memset(u, 0, sizeof *u);
		u->actor = xstrdup(r->actor);
		u->role = xstrdup(r->role);
		u->first = xstrdup(r->at);
	}
	u = &a->u[i];
	free(u->last);
	u->last = xstrdup(r->at);
	if (strcmp(r->action, "view") == 0 || strcmp(r->action,
	    "break-glass") == 0)
		u->views++;
	else
		u->changes++;
	u->flagged += r->flagged;
	return 0;
}

int
cmd_caldicott_access(struct cli *c)
{
	struct access_report a = { 0 };
	struct audit_filter f;
	struct store *st = NULL;
	struct cd_err err;
	size_t i;
	int rc;

	memset(&f, 0, sizeof f);
	f.person_id = cli_parse_id(c->args[0]);
	if (f.person_id == 0)
		return cli_fail(EXIT_USAGE, "caldicott access needs a record "
		    "number, not \"%s\"", c->args[0]);
	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	if (store_audit_list(st, &f, access_row, &a, &err) != CD_OK) {
		store_close(&st);
		return cli_fail(cli_exit_for(err.code), "%s", err.msg);
	}
	store_close(&st);
	cli_printf("Who has opened or changed #%lld:\n", (long long)f.person_id);
	cli_printf("  %-16s %-12s %6s %8s %8s  %-10s %s\n", "user", "role",
	    "reads", "changes", "flagged", "first", "last");
	for (i = 0; i < a.n; i++) {
		cli_printf("  %-16s %-12s %6ld %8ld %8ld  %.10s %.10s\n",
		    a.u[i].actor, a.u[i].role,
		    a.u[i].views, a.u[i].changes, a.u[i].flagged,
		    a.u[i].first, a.u[i].last);
		free(a.u[i].actor);
		free(a.u[i].role);
		free(a.u[i].first);
		free(a.u[i].last);
	}
	if (a.n == 0)
		cli_printf("  nobody\n");
	free(a.u);
	return EXIT_OK;
}
