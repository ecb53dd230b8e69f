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
#include "common/xmem.h"
#include "store/codes.h"
#include "store/person.h"
#include "store/record.h"
#include "tui/home.h"

/* Whole years from a date of birth to today. */
static int
years(const char *dob)
{
	int ok;
	long d = dob ? calendar_day(dob, &ok) : 0;

	return dob && ok ? (int)((client_today() - d) / 365.25) : -1;
}

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

/* A line that opens a field of the person's own record to edit. */
static void
person_field(struct screen *s, const char *label, const char *field,
    const char *value, const char *empty)
{
	struct line *l = fact(s, LN_RECORD, LOOK_PLAIN, "%s: %s", label,
	    value[0] ? value : empty);

	l->code = xstrdup("person");
	l->id = s->person;
	l->field = xstrdup(field);
}

/* Alerts: plan, looked after, missing, restricted, died, risk. */
static const struct record *
alerts(struct screen *s, const struct record *p, struct rows *cp,
    struct rows *ep, struct rows *mi)
{
	const struct record *o, *care;

	if ((o = rows_open(cp, "start_date", "end_date")) != NULL)
		fact(s, LN_RECORD, LOOK_ALERT, "ALERT: CHILD PROTECTION PLAN "
		    "since %s, category %s (%s)", rows_val(o, "start_date"),
		    rows_val(o, "latest_category"), codes_label("abuse_category",
		    rows_val(o, "latest_category")))->id = o->id;
	if (o != NULL)
		s->list.l[s->list.n - 1].code = xstrdup("cp_plan");
	if ((care = rows_open(ep, "start_date", "end_date")) != NULL) {
		struct line *l = fact(s, LN_RECORD, LOOK_ALERT, "ALERT: LOOKED "
		    "AFTER (%s: %s) since %s", rows_val(care, "legal_status"),
		    codes_label("legal_status", rows_val(care, "legal_status")),
		    rows_val(care, "start_date"));

		l->code = xstrdup("care_episode");
		l->id = care->id;
	}
	if ((o = rows_open(mi, "start_date", "end_date")) != NULL) {
		struct line *l = fact(s, LN_RECORD, LOOK_ALERT, "ALERT: MISSING "
		    "since %s", rows_val(o, "start_date"));

		l->code = xstrdup("missing_episode");
		l->id = o->id;
	}
	if (*rows_val(p, "restricted") == '1')
		fact(s, LN_TEXT, LOOK_ALERT, "ALERT: RESTRICTED RECORD");
	if (rows_val(p, "death_date")[0])
		fact(s, LN_TEXT, LOOK_ALERT, "ALERT: DIED %s", rows_val(p,
		    "death_date"));
	if (rows_val(p, "risk_to_workers")[0])
		person_field(s, "RISK TO WORKERS", "risk_to_workers",
		    rows_val(p, "risk_to_workers"), "");
	if (s->list.n > 0 && rows_val(p, "risk_to_workers")[0])
		s->list.l[s->list.n - 1].look = LOOK_ALERT;
	return care;
}

static void
person_build(struct client *c, struct screen *s)
{
	struct record p;
	struct rows cp, ep, al, ed, mi, fo;
	struct relation *rel = NULL;
	const struct record *o, *care;
	struct cd_err err;
	struct tasks t;
	size_t nrel = 0, i;

	if (store_record_get(c->st, "person", s->person, &p, &err) != CD_OK) {
		snprintf(s->title, sizeof s->title, "Person #%lld",
		    (long long)s->person);
		list_add(&s->list, LN_TEXT, "%s", err.msg);
		return;
	}
	snprintf(s->title, sizeof s->title, "%s, %s  #%lld",
	    rows_val(&p, "family_name"), rows_val(&p, "given_names"),
	    (long long)s->person);
	if (rows_val(&p, "dob")[0])
		fact(s, LN_TEXT, LOOK_PLAIN, "Born %s (%d)   Sex %s   NHS %s   "
		    "UPN %s", rows_val(&p, "dob"), years(rows_val(&p, "dob")),
		    rows_val(&p, "sex"), rows_val(&p, "nhs_number")[0] ?
		    rows_val(&p, "nhs_number") : "-", rows_val(&p, "upn")[0] ?
		    rows_val(&p, "upn") : "-");
	else
		fact(s, LN_TEXT, LOOK_PLAIN, "UNBORN: expected %s   NHS %s",
		    rows_val(&p, "expected_dob"), rows_val(&p, "nhs_number"));
	rows_load(c->st, "cp_plan", s->person, &cp);
	rows_load(c->st, "care_episode", s->person, &ep);
	rows_load(c->st, "missing_episode", s->person, &mi);
	rows_load(c->st, "allocation", s->person, &al);
	rows_load(c->st, "education_fact", s->person, &ed);
	rows_load(c->st, "form_instance", s->person, &fo);
	care = alerts(s, &p, &cp, &ep, &mi);
	/* The night team's notes: shown, and Enter edits them. */
	person_field(s, "Out of hours", "ooh_instructions",
	    rows_val(&p, "ooh_instructions"), "no instructions (Enter to add)");
	if (rows_val(&p, "safety_plan")[0])
		person_field(s, "Safety plan", "safety_plan", rows_val(&p,
		    "safety_plan"), "");
	if (care != NULL) {
		struct line *l = fact(s, LN_RECORD, LOOK_PLAIN, "Placement: %s "
		    "(%s), carer %s %s, %s", rows_val(care, "placement_type"),
		    codes_label("placement_type", rows_val(care,
		    "placement_type")), rows_val(care, "carer"), rows_val(care,
		    "carer_phone"), rows_val(care, "placement_postcode"));

		l->code = xstrdup("care_episode");
		l->id = care->id;
	}
	if (ed.n > 0 && rows_val(&ed.r[ed.n - 1], "school")[0]) {
		struct line *l = fact(s, LN_RECORD, LOOK_PLAIN, "School: %s",
		    rows_val(&ed.r[ed.n - 1], "school"));

		l->code = xstrdup("education_fact");
		l->id = ed.r[ed.n - 1].id;
	}
	if ((o = rows_open(&al, "start_date", "end_date")) != NULL) {
		struct line *l = fact(s, LN_RECORD, LOOK_PLAIN, "Allocated: %s, "
		    "%s, %s", rows_val(o, "worker"), rows_val(o, "team"),
		    rows_val(o, "phone"));

		l->code = xstrdup("allocation");
		l->id = o->id;
	} else
		fact(s, LN_TEXT, LOOK_PLAIN, "Allocated: nobody (duty)");
	if (c->late && c->late->loaded && tasks_for_person(c->st,
	    &c->late->rules, &c->late->cal, client_today(), s->person, &t,
	    NULL) == CD_OK) {
		if (t.n)
			list_add(&s->list, LN_HEAD, "Due next");
		for (i = 0; i < t.n && i < 4; i++)
			home_task_line(&s->list, &t.t[i], TASK_TITLE);
		tasks_free(&t);
	}
	for (i = 0; i < fo.n; i++) {
		const char *st = rows_val(&fo.r[i], "status");
		const struct formdef *d = formdef_find(c->forms,
		    rows_val(&fo.r[i], "form_code"));

		if (strcmp(st, "authorised") == 0)
			continue;
		fact(s, LN_FORM, LOOK_PLAIN, "Open form #%lld %s: %s", (long long)
		    fo.r[i].id, d ? d->title : rows_val(&fo.r[i], "form_code"),
		    st)->id = fo.r[i].id;
	}
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
	rows_free(&cp);
	rows_free(&ep);
	rows_free(&mi);
	rows_free(&al);
	rows_free(&ed);
	rows_free(&fo);
	store_record_fini(&p);
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
    ACT_VIEW, ACT_FAMILY, ACT_CHRONO, ACT_FORMS, ACT_NEW_FORM, ACT_AUDIT,
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
