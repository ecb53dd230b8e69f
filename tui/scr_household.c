/*
 * A prospective adopter household: its members, the stage it is at and
 * the dates of each (enquiry, Stage 1, Stage 2, application, panel,
 * approval), the children matched with it, and what is due. Reached from a member's summary, a task,
 * or a search.
 */
#include "config.h"

#include "tui/screen.h"

#include <stdio.h>
#include <string.h>

#include "casework/summary.h"
#include "common/xmem.h"
#include "tui/home.h"

/* One stage's dates as a line, when it has begun. */
static void
dates(struct screen *s, const char *what, const char *from, const char *to)
{
	if (from == NULL && to == NULL)
		return;
	list_add(&s->list, LN_TEXT, "%-20s %s%s%s", what, from ? from : "?",
	    to ? " to " : "", to ? to : "");
}

/* The children matched with the household: each line opens the child. */
static void
matches(struct screen *s, const struct household_view *h)
{
	size_t i;

	list_add(&s->list, LN_HEAD, "Matches");
	if (h->nmatches == 0)
		list_add(&s->list, LN_TEXT, "No child matched yet (the child's "
		    "Matching form records one).");
	for (i = 0; i < h->nmatches; i++) {
		const struct match_view *m = &h->matches[i];

		list_add(&s->list, LN_PERSON, "#%-7lld %s: matched %s%s%s%s%s"
		    "%s%s", (long long)m->person, m->name, m->matched ?
		    m->matched : "(no date)", m->placed ? ", placed " : "",
		    m->placed ? m->placed : "", m->order ? ", adoption order " :
		    "", m->order ? m->order : "", m->reversed ?
		    ", decision reversed " : "", m->reversed ? m->reversed :
		    "")->id = m->person;
	}
}

static void
household_build(struct client *c, struct screen *s)
{
	struct household_view h;
	struct cd_err err;
	size_t i;
	int64_t id = s->person;	/* the household, for this screen */

	if (c->late == NULL || !c->late->loaded ||
	    summary_household(c->st, &c->late->rules, &c->late->cal,
	    client_today(), id, &h, &err) != CD_OK) {
		snprintf(s->title, sizeof s->title, "Adopter household #%lld",
		    (long long)id);
		list_add(&s->list, LN_TEXT, "%s", c->late && c->late->loaded ?
		    err.msg : "The timescale rules could not be loaded.");
		return;
	}
	snprintf(s->title, sizeof s->title, "%s: %s", h.name, h.stage);
	list_add(&s->list, LN_HEAD, "Members");
	for (i = 0; i < h.nmembers; i++)
		list_add(&s->list, LN_PERSON, "#%-7lld %s", (long long)
		    h.members[i], h.member_names[i])->id = h.members[i];
	list_add(&s->list, LN_HEAD, "Stages");
	dates(s, "Enquiry", h.enquiry, NULL);
	dates(s, "Stage 1", h.stage1_start, h.stage1_end);
	dates(s, "Stage 2", h.stage2_start, h.stage2_end);
	/* What is still ahead is said, not left out. */
	dates(s, "Application", h.application ? h.application : h.left ? NULL :
	    "not yet", NULL);
	dates(s, "Panel", h.panel ? h.panel : h.left ? NULL : "not yet", NULL);
	dates(s, "Approved", h.approved ? h.approved : h.left ? NULL :
	    "not yet", NULL);
	dates(s, "Left the process", h.left, NULL);
	matches(s, &h);
	{
		struct line *l = list_add(&s->list, LN_RECORD, "%-20s %s",
		    "The household's record", "(Enter opens every field)");

		l->code = xstrdup("adopter_household");
		l->id = id;
	}
	if (h.tasks.n)
		list_add(&s->list, LN_HEAD, "Due next");
	for (i = 0; i < h.tasks.n; i++)
		home_task_line(&s->list, &h.tasks.t[i], TASK_TITLE);
	household_view_fini(&h);
}

static const enum action household_acts[] = { ACT_UP, ACT_DOWN, ACT_OPEN,
    ACT_VIEW, ACT_REFRESH, ACT_BACK, ACT_NONE };

const struct screen_ops scr_household = {
	.name = "adopter household",
	.about = "A prospective adopter household: members, its stage and the "
	    "dates of each, the children matched with it, and what is due. Enter on a member opens their "
	    "summary, on a task its step.",
	.build = household_build,
	.acts = household_acts,
};
