#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cmd.h"
#include "cli/session.h"
#include "common/date.h"
#include "store/audit.h"

int
cmd_audit_verify(struct cli *c)
{
	struct audit_verify v;
	struct store *st = NULL;
	struct cd_err err;
	enum cd_status code;
	int rc;

	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	code = store_audit_verify(st, &v, &err);
	store_close(&st);
	if (code == CD_ERR_AUDIT) {
		if (v.bad_seq)
			return cli_fail(EXIT_ERROR, "audit chain broken at "
			    "event %lld: %s", (long long)v.bad_seq, v.problem);
		return cli_fail(EXIT_ERROR, "audit chain broken: %s",
		    v.problem);
	}
	if (code != CD_OK)
		return cli_fail(cli_exit_for(code), "%s", err.msg);
	printf("%lld events, chain intact\n", (long long)v.events);
	return EXIT_OK;
}

/* Print one event and its details. */
static int
show_row(const struct audit_row *r, void *arg)
{
	size_t i;
	char what[96];

	(void)arg;
	if (r->entity && r->entity_id)
		snprintf(what, sizeof what, " %s #%lld", r->entity,
		    (long long)r->entity_id);
	else if (r->entity)
		snprintf(what, sizeof what, " %s", r->entity);
	else
		what[0] = '\0';
	printf("%6lld  %s  %s (%s)  %s%s%s\n", (long long)r->seq, r->at,
	    r->actor, r->role, r->action, what,
	    r->flagged ? "  [FLAGGED]" : "");
	if (r->person_id)
		printf("        person #%lld\n", (long long)r->person_id);
	printf("        from %s%s%s\n", r->terminal, r->ssh_client ?
	    " via ssh " : "", r->ssh_client ? r->ssh_client : "");
	if (r->purged)
		printf("        (details purged under the retention rules)\n");
	for (i = 0; i < r->nchanges; i++) {
		const struct audit_change *ch = &r->changes[i];

		if (ch->old)
			printf("        %s: %s -> %s\n", ch->field, ch->old,
			    ch->new_ ? ch->new_ : "(none)");
		else
			printf("        %s: %s\n", ch->field,
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
	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	if (store_audit_list(st, &f, show_row, NULL, &err) != CD_OK) {
		store_close(&st);
		return cli_fail(cli_exit_for(err.code), "%s", err.msg);
	}
	store_close(&st);
	return EXIT_OK;
}
