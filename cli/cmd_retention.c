#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "casework/calendar.h"
#include "casework/retention.h"
#include "cli/cmd.h"
#include "cli/session.h"
#include "common/date.h"
#include "common/xmem.h"
#include "store/retention.h"
#include "store/user.h"

/* Load the rules and read the schedule as of --as-of (default today). */
static int
schedule_read(struct cli *c, struct store **st, struct retention_rules *r,
    struct retention_schedule *s)
{
	const char *as_of = cli_opt(c, "as-of");
	char now[DATE_TIME_LEN];
	struct cd_err err;
	long day;
	int ok, rc;

	memset(s, 0, sizeof *s);
	if (as_of == NULL) {
		date_now(now);
		now[10] = '\0';
		as_of = now;
	}
	day = calendar_day(as_of, &ok);
	if (!ok)
		return cli_fail(EXIT_USAGE, "--as-of needs a date, not \"%s\"",
		    as_of);
	if (retention_load(r, retention_default_file(), &c->cfg, &err) !=
	    CD_OK) {
		retention_fini(r);
		return cli_fail(EXIT_ERROR, "%s", err.msg);
	}
	rc = cli_session(c, st, NULL, NULL);
	if (rc != EXIT_OK) {
		retention_fini(r);
		return rc;
	}
	if (retention_schedule_read(*st, r, day, s, &err) != CD_OK) {
		store_close(st);
		retention_fini(r);
		retention_schedule_fini(s);
		return cli_fail(cli_exit_for(err.code), "%s", err.msg);
	}
	return EXIT_OK;
}

int
cmd_retention_list(struct cli *c)
{
	struct retention_rules r;
	struct retention_schedule s;
	struct store *st = NULL;
	char d[11];
	size_t i;
	int rc = schedule_read(c, &st, &r, &s);

	if (rc != EXIT_OK)
		return rc;
	for (i = 0; i < s.n; i++) {
		calendar_date(s.d[i].until, d);
		if (s.d[i].with)
			cli_printf("#%-8lld %-22s due %s  with #%lld\n",
			    (long long)s.d[i].person, s.d[i].cls->name, d,
			    (long long)s.d[i].with);
		else
			cli_printf("#%-8lld %-22s due %s  %s\n",
			    (long long)s.d[i].person, s.d[i].cls->name, d,
			    s.d[i].cls->rule);
	}
	cli_printf("%zu due for destruction; %ld under a legal hold; %ld with an "
	    "open case; %ld not yet due.\n", s.n, s.held, s.open, s.later);
	cli_printf("%ld people in all: %ld relatives with no case of their own due "
	    "with the last record that needs them; %zu kept while another's "
	    "record is; %ld with no case and no relative with one (review by "
	    "hand); %ld staff records.\n", s.people, s.relatives, s.nkept,
	    s.unattached, s.staff);
	for (i = 0; cli_flag(c, "kept") && i < s.nkept; i++) {
		calendar_date(s.kept[i].until, d);
		cli_printf("kept #%lld needed by #%lld: %s\n",
		    (long long)s.kept[i].person, (long long)s.kept[i].needed_by,
		    s.kept[i].held ? "under a legal hold" : s.kept[i].open ?
		    "an open case" : d);
	}
	retention_schedule_fini(&s);
	store_close(&st);
	retention_fini(&r);
	return EXIT_OK;
}

/* Ask the information-governance user to type DESTROY on the terminal. */
static int
confirmed(struct cli *c, size_t n)
{
	char line[32];
	ssize_t got;
	int fd;

	if (cli_flag(c, "confirm"))
		return 1;
	fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return 0;
	cli_dprintf(fd, "This destroys %zu record%s for good. Type DESTROY to go "
	    "on: ", n, n == 1 ? "" : "s");
	got = read(fd, line, sizeof line - 1);
	close(fd);
	if (got <= 0)
		return 0;
	line[got] = '\0';
	line[strcspn(line, "\r\n")] = '\0';
	return strcmp(line, "DESTROY") == 0;
}

/* A second authoriser must be another information governance user. */
static enum cd_status
authoriser_check(struct cli *c, struct store *st, struct cd_err *err)
{
	const char *name = cli_opt(c, "authoriser");
	struct store_user u;
	enum cd_status code;

	if (name == NULL)
		return CD_OK;
	if (c->user && strcmp(name, c->user) == 0)
		return cd_err_set(err, CD_ERR_INVALID, "the second authoriser "
		    "is someone else");
	code = store_user_get(st, name, &u, err);
	if (code != CD_OK)
		return code;
	if (u.role != ROLE_GOVERNANCE || u.disabled)
		code = cd_err_set(err, CD_ERR_INVALID, "%s is not an active "
		    "information governance user", name);
	store_user_fini(&u);
	return code;
}

int
cmd_retention_apply(struct cli *c)
{
	struct retention_rules r;
	struct retention_schedule s;
	struct store *st = NULL;
	struct cd_err err;
	char now[DATE_TIME_LEN], *path;
	enum cd_status code;
	size_t done = 0;
	int rc = schedule_read(c, &st, &r, &s);

	if (rc != EXIT_OK)
		return rc;
	if (s.n == 0) {
		cli_printf("Nothing is due for destruction.\n");
		goto out;
	}
	if (!confirmed(c, s.n)) {
		rc = cli_fail(EXIT_ERROR, "not confirmed: nothing was destroyed");
		goto out;
	}
	date_now(now);
	path = cli_opt(c, "certificate") ? xstrdup(cli_opt(c, "certificate")) :
	    xasprintf("%s-destruction-%.10s.txt", c->db ? c->db : "casedesk",
	    now);
	code = authoriser_check(c, st, &err);
	if (code == CD_OK)
		code = retention_apply_authorised(st, &s, path, c->user,
		    cli_opt(c, "authoriser"), c->db, &done, &err);
	if (done > 0 && (code == CD_OK || code == CD_ERR_DENIED))
		cli_printf("Destroyed %zu record%s. Certificate written to %s "
		    "(mode 0600).\n", done, done == 1 ? "" : "s", path);
	if (code != CD_OK)
		rc = cli_fail(EXIT_ERROR, "%s", err.msg);
	free(path);
out:
	retention_schedule_fini(&s);
	store_close(&st);
	retention_fini(&r);
	return rc;
}

int
cmd_retention_hold(struct cli *c)
{
	struct store *st = NULL;
	struct cd_err err;
	int64_t id = cli_parse_id(c->args[0]);
	const char *kind = cli_opt(c, "kind") ? cli_opt(c, "kind") :
	    "litigation";
	enum cd_status code;
	int rc;

	if (id == 0)
		return cli_fail(EXIT_USAGE, "retention hold needs a record "
		    "number");
	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	code = cli_flag(c, "lift") ? store_legal_hold_lift(st, id, &err) :
	    store_legal_hold(st, id, kind, cli_opt(c, "reason"), &err);
	store_close(&st);
	if (code != CD_OK)
		return cli_fail(cli_exit_for(code), "%s", err.msg);
	cli_printf("%s on #%lld.\n", cli_flag(c, "lift") ? "Legal hold lifted" :
	    "Legal hold placed", (long long)id);
	return EXIT_OK;
}
