/*
 * The person summary: the front page of the record. Alerts first, what an
 * out-of-hours worker must see at once; then placement, school, the
 * allocated worker, what is due, open forms and the family. Summary lines
 * wrap: nothing is cut in the middle of a date or a phone number.
 */
#include "config.h"

#include "tui/screen.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/calendar.h"
#include "casework/rows.h"
#include "casework/summary.h"
#include "common/xmem.h"
#include "store/codes.h"
#include "store/family.h"
#include "store/record.h"
#include "tui/home.h"

/* A summary line: wrapped, in the look given. */
static struct line * __attribute__((format(printf, 4, 5)))
fact(struct screen *s, enum line_kind kind, enum line_look look,
    const char *fmt, ...)
{
	struct line *l;
	va_list ap;
	char *text;

	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	l = list_add(&s->list, kind, "%s", text);
	free(text);
	l->wrap = 1;
	l->look = look;
	return l;
}

/* Which part of the summary a line belongs to. */
static int
part_of(enum summary_kind k)
{
	switch (k) {
	case SUM_ALERT:
	case SUM_CP_PLAN:
	case SUM_LOOKED_AFTER:
		return 0;	/* alerts first: what must be seen at once */
	case SUM_CONTACT:
	case SUM_REFERRAL:
	case SUM_ASSESSMENT:
	case SUM_CIN_PLAN:
	case SUM_CARE_LEAVER:
	case SUM_ADOPTION:
		return 1;	/* what is going on */
	case SUM_ADDRESS:
	case SUM_SCHOOL:
	case SUM_WORKER:
		return 2;	/* where and with whom */
	case SUM_TASK:
		return 3;
	default:
		return 4;	/* the last significant events */
	}
}

/* One summary line as a list line that opens what it names. */
static void
summary_line(struct screen *s, const struct summary_line *sl)
{
	struct line *l;

	if (sl->kind == SUM_TASK) {
		l = fact(s, LN_TASK, sl->late ? LOOK_LATE : LOOK_PLAIN, "%s",
		    sl->text);
		l->person = s->person;
		l->id = sl->step.id;
		l->code = sl->step.entity ? xstrdup(sl->step.entity) : NULL;
		l->field = sl->step.field ? xstrdup(sl->step.field) : NULL;
		l->form = sl->step.form ? xstrdup(sl->step.form) : NULL;
		l->prefill = sl->step.prefill ? xstrdup(sl->step.prefill) :
		    NULL;
		return;
	}
	l = fact(s, sl->entity && sl->id ? LN_RECORD : LN_TEXT,
	    part_of(sl->kind) == 0 ? LOOK_ALERT : LOOK_PLAIN, "%s%s",
	    part_of(sl->kind) == 0 && sl->kind != SUM_ALERT ? "ALERT: " :
	    sl->kind == SUM_ALERT ? "ALERT: " : "", sl->text);
	l->code = sl->entity ? xstrdup(sl->entity) : NULL;
	l->id = sl->id;
	l->field = sl->field ? xstrdup(sl->field) : NULL;
}

static void
person_build(struct client *c, struct screen *s)
{
	static const char *const heads[] = { NULL, "What is going on", NULL,
	    "Due next", "Recent significant events" };
	struct summary sum;
	struct relation *rel = NULL;
	struct cd_err err;
	size_t nrel = 0, i;
	int part, ooh = 0;

	if (c->late == NULL || !c->late->loaded ||
	    summary_build(c->st, &c->late->rules, &c->late->cal,
	    client_today(), s->person, &sum, &err) != CD_OK) {
		snprintf(s->title, sizeof s->title, "Person #%lld",
		    (long long)s->person);
		list_add(&s->list, LN_TEXT, "%s", c->late && c->late->loaded ?
		    err.msg : "The timescale rules could not be loaded.");
		return;
	}
	snprintf(s->title, sizeof s->title, "%s", sum.heading);
	for (part = 0; part < 5; part++) {
		int any = 0;

		for (i = 0; i < sum.n; i++) {
			if (part_of(sum.l[i].kind) != part)
				continue;
			if (!any++ && heads[part] != NULL)
				list_add(&s->list, LN_HEAD, "%s", heads[part]);
			summary_line(s, &sum.l[i]);
			if (sum.l[i].field && strcmp(sum.l[i].field,
			    "ooh_instructions") == 0)
				ooh = 1;
		}
		if (part == 0 && !ooh) {
			/* The night team's notes: Enter adds them. */
			struct line *l = fact(s, LN_RECORD, LOOK_PLAIN, "Out of "
			    "hours: no instructions (Enter to add)");

			l->code = xstrdup("person");
			l->id = s->person;
			l->field = xstrdup("ooh_instructions");
		}
	}
	summary_fini(&sum);
	if (store_person_relations(c->st, s->person, &rel, &nrel, NULL) ==
	    CD_OK && nrel > 0) {
		list_add(&s->list, LN_HEAD, "Family (f for all)");
		for (i = 0; i < nrel && i < 6; i++)
			list_add(&s->list, LN_PERSON, "%-13s #%-6lld %s%s",
			    rel[i].kind, (long long)rel[i].related_id,
			    rel[i].name, rel[i].pr ? "  (PR)" : "")->id =
			    rel[i].related_id;
	}
	store_person_relations_free(&rel, nrel);
}

static void
person_help(struct client *c, struct screen *s, struct pager *p)
{
	(void)c;
	(void)s;
	pager_add_key(p, "Enter", "On an alert, the "
	    "placement, school or worker: that record; on a due task: the "
	    "person; on a form: the form; on family: that relative");
}

static const enum action person_acts[] = { ACT_UP, ACT_DOWN, ACT_OPEN,
    ACT_VIEW, ACT_FAMILY, ACT_CHRONO, ACT_PLACEMENTS, ACT_FORMS,
    ACT_NEW_FORM, ACT_AUDIT,
    ACT_REFRESH, ACT_BACK, ACT_GOTO, ACT_COMMAND, ACT_NONE };

const struct screen_ops scr_person = {
	.name = "person summary",
	.about = "The front page of the record: alerts, where the child lives "
	    "and with whom, the allocated worker, what is due, open forms and "
	    "the family. g r checks the record for the statutory returns.",
	.build = person_build,
	.help = person_help,
	.acts = person_acts,
};
