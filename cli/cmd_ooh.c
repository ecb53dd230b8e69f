/* look, handover list, handover accept: out-of-hours work. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/handover.h"
#include "casework/look.h"
#include "casework/tasks.h"
#include "cli/cmd.h"
#include "cli/session.h"
#include "common/date.h"
#include "store/ooh.h"
#include "store/search.h"

/* Today's date from the clock (CASEDESK_NOW in tests). */
static void
today(char out[DATE_TIME_LEN])
{
	date_now(out);
	out[10] = '\0';
}

int
cmd_look(struct cli *c)
{
	struct person_hits h;
	struct store *st = NULL;
	struct cd_err err;
	char day[DATE_TIME_LEN], count[160];
	const char *pg = cli_opt(c, "page");
	size_t i, j, first = pg && atol(pg) > 1 ? (size_t)(atol(pg) - 1) *
	    LOOK_PAGE : 0, shown;
	int rc;

	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	if (store_person_search(st, c->args[0], 500, &h, &err) != CD_OK) {
		store_close(&st);
		return cli_fail(cli_exit_for(err.code), "%s", err.msg);
	}
	today(day);
	if (h.n == 0)
		cli_printf("No one found for \"%s\" (names, sound-alikes, date of "
		    "birth, NHS number, UPN, postcode): not known to us.\n",
		    c->args[0]);
	for (i = first; i < h.n && i < first + LOOK_PAGE; i++) {
		struct look l;

		if (i > first)
			cli_printf("%.78s\n", "-----------------------------------"
			    "-------------------------------------------");
		if (h.h[i].masked ||
		    look_person(st, h.h[i].id, day, &l, &err) != CD_OK)
			look_masked(h.h[i].id, &l);
		for (j = 0; j < l.n; j++)
			cli_printf("%s\n", l.line[j]);
		look_fini(&l);
	}
	shown = h.n > first ? (h.n - first < LOOK_PAGE ? h.n - first :
	    LOOK_PAGE) : 0;
	look_count(first, shown, h.n, count, sizeof count);
	if (count[0])
		cli_printf("%s (--page N for more)\n", count);
	store_person_hits_fini(&h);
	store_close(&st);
	return EXIT_OK;
}

struct listing {
	struct lateness *late;
	char now[DATE_TIME_LEN];
	long n;
};

static int
show(const struct ooh_waiting *w, void *arg)
{
	struct listing *l = arg;
	char at[16], due[HANDOVER_DUE_LEN];

	handover_local(w->arrived, at);
	handover_due(&l->late->cal, w->arrived, due);
	cli_printf("%-6lld #%-7lld %-26.26s %s to %s%s%s\n", (long long)w->id,
	    (long long)w->person, w->name ? w->name : "", at, w->to,
	    w->action ? " " : "", w->action ? w->action : "");
	if (handover_late(&l->late->cal, w->arrived, l->now))
		cli_printf("       NOT ACCEPTED by %s\n", due);
	if (w->note != NULL) {
		/* The night worker's note, first thing the day team reads. */
		cli_printf("       Note to the day team: ");
		cli_print_lines("         ", w->note);
		cli_printf("\n");
	}
	l->n++;
	return 0;
}

int
cmd_handover_list(struct cli *c)
{
	struct listing l;
	struct lateness late;
	struct store *st = NULL;
	struct cd_err err;
	enum ooh_whose whose = cli_flag(c, "all") ? OOH_ALL :
	    cli_flag(c, "duty") ? OOH_DUTY : OOH_MINE;
	int rc;

	if (lateness_load(&late, &c->cfg, &err) != CD_OK)
		return cli_fail(EXIT_ERROR, "%s", err.msg);
	memset(&l, 0, sizeof l);
	l.late = &late;
	date_now(l.now);
	rc = cli_session(c, &st, NULL, NULL);
	if (rc == EXIT_OK && store_ooh_waiting(st, whose, show, &l, &err) !=
	    CD_OK)
		rc = cli_fail(cli_exit_for(err.code), "%s", err.msg);
	store_close(&st);
	lateness_fini(&late);
	if (rc == EXIT_OK)
		cli_printf("%ld handed over, waiting to be accepted (casedesk "
		    "handover accept ID).\n", l.n);
	return rc;
}

int
cmd_handover_accept(struct cli *c)
{
	struct store *st = NULL;
	struct cd_err err;
	int64_t id = cli_parse_id(c->args[0]);
	int rc;

	if (id == 0)
		return cli_fail(EXIT_USAGE, "handover accept needs the record "
		    "number, not \"%s\"", c->args[0]);
	rc = cli_session(c, &st, NULL, NULL);
	if (rc != EXIT_OK)
		return rc;
	if (store_ooh_accept(st, id, &err) != CD_OK)
		rc = cli_fail(cli_exit_for(err.code), "%s", err.msg);
	else
		cli_printf("Accepted handover #%lld for the day team.\n",
		    (long long)id);
	store_close(&st);
	return rc;
}
