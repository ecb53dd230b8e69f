/* The family as a small text tree, a generation per branch. */
#include "config.h"

#include "tui/screen.h"

#include <stdio.h>
#include <string.h>

#include "casework/rows.h"
#include "store/family.h"
#include "store/record.h"

/* Which generation a relationship type belongs to. */
static int
generation(const char *kind)
{
	if (!strcmp(kind, "grandparent"))
		return 0;
	if (!strcmp(kind, "mother") || !strcmp(kind, "father") ||
	    !strcmp(kind, "parent") || !strcmp(kind, "step-parent") ||
	    !strcmp(kind, "carer"))
		return 1;
	if (!strcmp(kind, "sibling") || !strcmp(kind, "half-sibling") ||
	    !strcmp(kind, "partner"))
		return 3;
	if (!strcmp(kind, "child") || !strcmp(kind, "step-child") ||
	    !strcmp(kind, "cared-for") || !strcmp(kind, "grandchild"))
		return 4;
	return 5;
}

static void
family_build(struct client *c, struct screen *s)
{
	static const char *const heads[] = { "Grandparents",
	    "Parents and carers", NULL, "Brothers, sisters and partners",
	    "Children", "Wider family and friends" };
	struct relation *rel = NULL;
	struct record me;
	struct cd_err err;
	size_t n = 0, i;
	int g;

	snprintf(s->title, sizeof s->title, "Family of #%lld",
	    (long long)s->person);
	if (store_person_relations(c->st, s->person, &rel, &n, &err) !=
	    CD_OK) {
		list_add(&s->list, LN_TEXT, "%s", err.msg);
		return;
	}
	for (g = 0; g < 6; g++) {
		int any = 0;

		if (g == 2) {	/* the person themself, between the branches */
			if (store_record_get(c->st, "person", s->person, &me,
			    NULL) == CD_OK) {
				list_add(&s->list, LN_HEAD, "  |");
				list_add(&s->list, LN_HEAD, "  #%lld %s, %s (this "
				    "person)", (long long)s->person,
				    rows_val(&me, "family_name"),
				    rows_val(&me, "given_names"));
				list_add(&s->list, LN_HEAD, "  |");
				store_record_fini(&me);
			}
			continue;
		}
		for (i = 0; i < n; i++) {
			if (generation(rel[i].kind) != g)
				continue;
			if (!any++)
				list_add(&s->list, LN_HEAD, "%s", heads[g]);
			list_add(&s->list, LN_PERSON, "+- %-13s #%-6lld %-28s "
			    "%-10s%s", rel[i].kind, (long long)rel[i].related_id,
			    rel[i].name, rel[i].dob ? rel[i].dob : "",
			    rel[i].pr ? " PR" : "")->id = rel[i].related_id;
		}
	}
	if (n == 0)
		list_add(&s->list, LN_TEXT, "No relationships recorded.");
	list_blank(&s->list);
	list_add(&s->list, LN_TEXT, "PR: holds parental responsibility for "
	    "this person.");
	store_person_relations_free(&rel, n);
}

static const enum action family_acts[] = { ACT_UP, ACT_DOWN, ACT_OPEN,
    ACT_CHRONO, ACT_FORMS, ACT_REFRESH, ACT_BACK, ACT_NONE };

const struct screen_ops scr_family = {
	.name = "family",
	.about = "The person's family and household by generation; Enter opens "
	    "a relative's summary.",
	.build = family_build,
	.acts = family_acts,
};
