/* Who looked at a record, and what they did (information governance). */
#include "config.h"

#include "tui/screen.h"

#include <stdio.h>
#include <string.h>

#include "store/audit.h"

static int
audit_line(const struct audit_row *r, void *arg)
{
	struct screen *s = arg;

	list_add(&s->list, LN_TEXT, "%.16s %-12s %-10s %-10s %s%s", r->at,
	    r->actor, r->role, r->action, r->entity ? r->entity : "",
	    r->flagged ? "  FLAGGED" : "");
	return 0;
}

static void
audit_build(struct client *c, struct screen *s)
{
	struct audit_filter f;
	struct cd_err err;

	snprintf(s->title, sizeof s->title, "Who looked at #%lld",
	    (long long)s->person);
	memset(&f, 0, sizeof f);
	f.person_id = s->person;
	if (store_audit_list(c->st, &f, audit_line, s, &err) != CD_OK)
		list_add(&s->list, LN_TEXT, "%s", err.msg);
	else if (s->list.n == 0)
		list_add(&s->list, LN_TEXT, "No one has opened this record.");
}

static const enum action audit_acts[] = { ACT_UP, ACT_DOWN, ACT_PAGE_UP,
    ACT_PAGE_DOWN, ACT_VIEW, ACT_REFRESH, ACT_BACK, ACT_NONE };

const struct screen_ops scr_audit = {
	.name = "who looked",
	.about = "Every look at and change to this person's record: when, "
	    "who, in which role, what they did; flagged ones wait for the "
	    "Caldicott review.",
	.build = audit_build,
	.acts = audit_acts,
};
