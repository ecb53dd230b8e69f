/* Information governance's home: the Caldicott review, subject access
 * requests and the retention schedule. */
#include "config.h"

#include "tui/screen.h"

#include <stdio.h>
#include <string.h>

#include "casework/calendar.h"
#include "casework/retention.h"
#include "common/date.h"
#include "store/audit.h"
#include "store/retention.h"
#include "store/sar.h"
#include "tui/home.h"

/* A flagged access waiting for review, as a line that opens the person. */
static int
review_line(const struct audit_row *r, void *arg)
{
	struct screen *s = arg;
	struct line *l;

	l = list_add(&s->list, LN_REVIEW, "%6lld %.10s %-10s %-11s %s #%lld",
	    (long long)r->seq, r->at, r->actor, r->action, r->entity ?
	    r->entity : "", (long long)r->entity_id);
	l->id = r->seq;
	l->person = r->person_id;
	return 0;
}

/* An open subject access request with its due date. */
static void
sar_line(const struct sar_open *o, void *arg)
{
	struct screen *s = arg;
	struct line *l;
	int y, m, d, ok;
	long due = calendar_day(o->received, &ok);
	char when[11];

	due = date_add_months(due, o->extended ? 3 : 1);
	date_civil(due, &y, &m, &d);
	snprintf(when, sizeof when, "%04d-%02d-%02d", y, m, d);
	l = list_add(&s->list, LN_SAR, "#%-5lld due %s%s  from %-24s about "
	    "#%lld", (long long)o->request, when, due < client_today() ?
	    " LATE" : "     ", o->requester, (long long)o->subject);
	l->id = o->request;
	l->person = o->subject;
	if (due < client_today())
		l->look = LOOK_LATE;
}

/* The retention schedule today: what is due, held, open. */
static void
build_retention(struct client *c, struct screen *s)
{
	struct retention_rules r;
	struct retention_schedule rs;
	struct cd_err err;
	char d[11];
	size_t i;

	list_add(&s->list, LN_HEAD, "RETENTION: records due for destruction");
	if (retention_load(&r, retention_default_file(), c->cfg, &err) !=
	    CD_OK) {
		list_add(&s->list, LN_TEXT, "  %s", err.msg);
		retention_fini(&r);
		return;
	}
	if (retention_schedule_read(c->st, &r, client_today(), &rs, &err) !=
	    CD_OK)
		list_add(&s->list, LN_TEXT, "  %s", err.msg);
	else {
		for (i = 0; i < rs.n && i < 50; i++) {
			struct line *l;

			calendar_date(rs.d[i].until, d);
			l = list_add(&s->list, LN_PERSON, "#%-8lld %-22s due %s",
			    (long long)rs.d[i].person, rs.d[i].cls->name, d);
			l->id = rs.d[i].person;
		}
		list_add(&s->list, LN_TEXT, "  %zu due, %ld held, %ld open, %ld "
		    "not yet due.", rs.n, rs.held, rs.open, rs.later);
		/* Everyone is counted, relatives with no case of their own too. */
		list_add(&s->list, LN_TEXT, "  %ld people in all: %ld relatives "
		    "due with the record that needs them,", rs.people,
		    rs.relatives);
		list_add(&s->list, LN_TEXT, "  %zu kept while another's is, %ld "
		    "with no case to review by hand, %ld staff.",
		    rs.nkept, rs.unattached, rs.staff);
	}
	retention_schedule_fini(&rs);
	retention_fini(&r);
}

void
home_govern(struct client *c, struct screen *s)
{
	struct audit_filter f;
	struct cd_err err;
	size_t before;

	memset(&f, 0, sizeof f);
	f.flagged = 2;
	list_add(&s->list, LN_HEAD, "CALDICOTT REVIEW: flagged accesses not "
	    "yet reviewed (Enter reviews, P opens the person)");
	before = s->list.n;
	if (store_audit_list(c->st, &f, review_line, s, &err) != CD_OK)
		list_add(&s->list, LN_TEXT, "  %s", err.msg);
	else if (s->list.n == before)
		list_add(&s->list, LN_TEXT, "  none");
	list_blank(&s->list);
	list_add(&s->list, LN_HEAD, "SUBJECT ACCESS REQUESTS: open, oldest "
	    "first (Enter opens one)");
	before = s->list.n;
	if (store_sar_open(c->st, sar_line, s, &err) != CD_OK)
		list_add(&s->list, LN_TEXT, "  %s", err.msg);
	else if (s->list.n == before)
		list_add(&s->list, LN_TEXT, "  none");
	list_blank(&s->list);
	build_retention(c, s);
	list_blank(&s->list);
	list_add(&s->list, LN_TEXT, "? lists the commands: :review, :export "
	    "sar, :export cpis, :retention.");
}
