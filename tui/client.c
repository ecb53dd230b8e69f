#include "config.h"

#include "tui/client.h"

#include <ctype.h>
#include <curses.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "common/date.h"
#include "common/ident.h"
#include "common/xmem.h"
#include "forms/fill.h"
#include "casework/checks.h"
#include "casework/cpisfile.h"
#include "casework/exports.h"
#include "casework/handover.h"
#include "casework/look.h"
#include "casework/retention.h"
#include "casework/rows.h"
#include "casework/sarpack.h"
#include "store/audit.h"
#include "store/codes.h"
#include "store/form.h"
#include "store/ooh.h"
#include "store/person.h"
#include "store/record.h"
#include "store/retention.h"
#include "store/sar.h"
#include "store/store.h"
#include "tui/term.h"

#define LIST_TOP 2

static struct scr *
top(struct client *c)
{
	return &c->stack[c->depth - 1];
}

static void __attribute__((format(printf, 2, 3)))
say(struct client *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(c->msg, sizeof c->msg, fmt, ap);
	va_end(ap);
	c->msg_error = 0;
}

static void
fail(struct client *c, const struct cd_err *err)
{
	snprintf(c->msg, sizeof c->msg, "%s", err->msg);
	c->msg_error = 1;
}

static void
clear_line(struct cline *l)
{
	free(l->text);
	free(l->code);
	free(l->field);
}

static void
clear_lines(struct scr *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		clear_line(&s->l[i]);
	free(s->l);
	s->l = NULL;
	s->n = 0;
}

/* Add a line; returns it so callers can set its link. */
static struct cline * __attribute__((format(printf, 3, 4)))
line(struct scr *s, enum line_kind kind, const char *fmt, ...)
{
	struct cline *l;
	va_list ap;
	char buf[512];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	s->l = xreallocarray(s->l, s->n + 1, sizeof *s->l);
	l = &s->l[s->n++];
	memset(l, 0, sizeof *l);
	l->text = xstrdup(buf);
	l->kind = kind;
	l->bold = kind == LN_HEAD;
	return l;
}

/* Today as a day number. */
static long
today(void)
{
	char now[DATE_TIME_LEN];
	int ok;

	date_now(now);
	now[10] = '\0';
	return calendar_day(now, &ok);
}

/* A task as one line of a list. */
static void
task_line(struct scr *s, const struct task *t)
{
	char due[11], when[48];
	struct cline *l;

	calendar_date(t->due, due);
	if (t->late > 0)
		snprintf(when, sizeof when, "%ld d late", t->late);
	else if (t->late == 0)
		snprintf(when, sizeof when, "today");
	else
		snprintf(when, sizeof when, "in %ld d", -t->late);
	l = line(s, t->person ? LN_PERSON : LN_TEXT, "%-10s %-10s %-26.26s %s",
	    due, when, t->name, t->rule->title);
	l->id = t->person;
	l->bold = t->late > 0;
}

/* One form waiting for authorisation, as a line of the home screen. */
static void
waiting_line(const struct form_waiting *w, void *arg)
{
	void **a = arg;
	struct client *c = a[0];
	struct scr *s = a[1];
	const struct formdef *d = formdef_find(c->forms, w->code);
	struct cline *l = line(s, LN_FORM, "%.10s #%-6lld %-26.26s %s (by %s)",
	    w->since, (long long)w->instance, w->name, d ? d->title : w->code,
	    w->submitted_by ? w->submitted_by : "?");

	l->id = w->instance;
	(*(int *)a[2])++;
}

static int
by_name(const void *a, const void *b)
{
	const struct task *x = a, *y = b;
	int d = strcmp(x->name, y->name);

	return d ? d : (x->due > y->due) - (x->due < y->due);
}

static int
by_worker(const void *a, const void *b)
{
	const struct task *x = a, *y = b;
	int d = strcmp(x->worker ? x->worker : "~", y->worker ? y->worker :
	    "~");

	return d ? d : (x->due > y->due) - (x->due < y->due);
}

/* A flagged access waiting for review, as a line that opens the person. */
static int
review_line(const struct audit_row *r, void *arg)
{
	struct scr *s = arg;
	struct cline *l;

	l = line(s, r->person_id ? LN_PERSON : LN_TEXT, "  %6lld %.10s %-10.10s "
	    "%-11.11s %s #%lld", (long long)r->seq, r->at, r->actor,
	    r->action, r->entity ? r->entity : "", (long long)r->entity_id);
	l->id = r->person_id;
	return 0;
}

/* An open subject access request with its due date. */
static void
sar_line(const struct sar_open *o, void *arg)
{
	struct scr *s = arg;
	struct cline *l;
	int y, m, d, ok;
	long due = calendar_day(o->received, &ok);
	char when[11];

	due = date_add_months(due, o->extended ? 3 : 1);
	date_civil(due, &y, &m, &d);
	snprintf(when, sizeof when, "%04d-%02d-%02d", y, m, d);
	l = line(s, LN_PERSON, "  #%-5lld due %s%s  from %-24.24s about #%lld",
	    (long long)o->request, when, due < today() ? " LATE" : "     ",
	    o->requester, (long long)o->subject);
	l->id = o->subject;
}

/* The retention schedule today: what is due, held, open. */
static void
build_retention(struct client *c, struct scr *s)
{
	struct retention_rules r;
	struct retention_schedule rs;
	struct cd_err err;
	char d[11];
	size_t i;

	line(s, LN_HEAD, "RETENTION: records due for destruction");
	if (retention_load(&r, retention_default_file(), c->cfg, &err) !=
	    CD_OK) {
		line(s, LN_TEXT, "  %.70s", err.msg);
		retention_fini(&r);
		return;
	}
	if (retention_schedule_read(c->st, &r, today(), &rs, &err) != CD_OK)
		line(s, LN_TEXT, "  %s", err.msg);
	else {
		for (i = 0; i < rs.n && i < 50; i++) {
			struct cline *l;

			calendar_date(rs.d[i].until, d);
			l = line(s, LN_PERSON, "  #%-8lld %-22s due %s",
			    (long long)rs.d[i].person, rs.d[i].cls->name, d);
			l->id = rs.d[i].person;
		}
		line(s, LN_TEXT, "  %zu due, %ld held, %ld open, %ld not yet "
		    "due.", rs.n, rs.held, rs.open, rs.later);
		line(s, LN_TEXT, "  :retention hold ID KIND REASON | lift ID | "
		    "apply CERTIFICATE DESTROY");
	}
	retention_schedule_fini(&rs);
	retention_fini(&r);
}

/* Information governance's home: reviews and requests waiting. */
static void
build_governance(struct client *c, struct scr *s)
{
	struct audit_filter f;
	struct cd_err err;
	size_t before;

	memset(&f, 0, sizeof f);
	f.flagged = 2;
	line(s, LN_HEAD, "CALDICOTT REVIEW: flagged accesses not yet reviewed");
	before = s->n;
	if (store_audit_list(c->st, &f, review_line, s, &err) != CD_OK)
		line(s, LN_TEXT, "  %s", err.msg);
	else if (s->n == before)
		line(s, LN_TEXT, "  none");
	else
		line(s, LN_TEXT, "  Close one with  :review SEQ appropriate|"
		    "inappropriate|referred NOTE");
	line(s, LN_TEXT, "%s", "");
	line(s, LN_HEAD, "SUBJECT ACCESS REQUESTS: open, oldest first");
	before = s->n;
	if (store_sar_open(c->st, sar_line, s, &err) != CD_OK)
		line(s, LN_TEXT, "  %s", err.msg);
	else if (s->n == before)
		line(s, LN_TEXT, "  none");
	line(s, LN_TEXT, "%s", "");
	build_retention(c, s);
	line(s, LN_TEXT, "%s", "");
	line(s, LN_TEXT, "Commands: :export sar PERSON FILE [REQUEST], :export "
	    "cpis DIR.");
	line(s, LN_TEXT, "Press / to find a person; Enter opens the one on a "
	    "line.");
}

/* Home: the duty view and the user's work tray. */
/* The quick look: one person, or everyone a search finds (up to 5). */
static void
build_look(struct client *c, struct scr *s)
{
	struct person_hits h = { NULL, 0 };
	char day[DATE_TIME_LEN];
	struct cd_err err;
	size_t i, j;

	date_now(day);
	day[10] = '\0';
	if (s->person != 0) {
		h.h = xcalloc(1, sizeof *h.h);
		h.h[0].id = s->person;
		h.n = 1;
	} else if (store_person_search(c->st, s->query, 5, &h, &err) != CD_OK) {
		fail(c, &err);
		return;
	}
	snprintf(s->title, sizeof s->title, "Quick look: %s", s->person ?
	    "this person" : s->query);
	if (h.n == 0)
		line(s, LN_TEXT, "No one found for \"%s\": not known to us.",
		    s->query);
	for (i = 0; i < h.n; i++) {
		struct look l;

		if (h.h[i].masked || look_person(c->st, h.h[i].id, day, &l,
		    &err) != CD_OK)
			look_masked(h.h[i].id, &l);
		for (j = 0; j < l.n; j++) {
			struct cline *k = line(s, j == 0 ? LN_PERSON : LN_TEXT,
			    "%s", l.line[j]);

			k->id = h.h[i].id;
			k->bold = j == 0 || strncmp(l.line[j], "!!", 2) == 0;
		}
		look_free(&l);
		if (i + 1 < h.n)
			line(s, LN_TEXT, "%s", "");
	}
	if (s->person != 0)
		free(h.h);
	else
		store_person_hits_fini(&h);
}

/* The collection year being checked: the screen's, or today's. */
static int
check_year(const struct scr *s)
{
	char now[DATE_TIME_LEN];

	if (s->year)
		return s->year;
	date_now(now);
	now[10] = '\0';
	return exports_year_of(now);
}

/* The performance analyst's home: the returns, checked and exported. */
static void
build_analyst(struct client *c, struct scr *s)
{
	int year = check_year(s);

	(void)c;
	line(s, LN_HEAD, "STATUTORY RETURNS");
	line(s, LN_PROBLEM, "Check the %d/%02d returns now (the year so far)",
	    year - 1, year % 100)->id = year;
	line(s, LN_PROBLEM, "Check the %d/%02d returns (the last full year)",
	    year - 2, (year - 1) % 100)->id = year - 1;
	line(s, LN_TEXT, "%s", "");
	line(s, LN_TEXT, "Enter on a problem opens the field to fix; Enter on "
	    "the field edits it.");
	line(s, LN_TEXT, "Export with : and then (files are written mode "
	    "0600):");
	line(s, LN_TEXT, "  export ssda903 %d DIR    the SSDA903 tables as "
	    "CSV", year);
	line(s, LN_TEXT, "  export cin %d FILE.xml   the CIN census", year);
	line(s, LN_TEXT, "  export annex-a FILE.xlsx  Ofsted's Annex A lists "
	    "(or a DIR of CSVs)");
}

/* One handover as a tray line: opens the record; late ones say so. */
static int
handover_line(const struct ooh_waiting *w, void *arg)
{
	void **a = arg;
	struct client *c = a[0];
	struct scr *s = a[1];
	char at[16], due[HANDOVER_DUE_LEN], now[DATE_TIME_LEN];
	struct cline *l;
	int late;

	date_now(now);
	handover_local(w->arrived, at);
	handover_due(&c->late->cal, w->arrived, due);
	late = handover_late(&c->late->cal, w->arrived, now);
	l = line(s, LN_RECORD, "  %-6lld %-24.24s %s %-5s to %-12.12s%s%s",
	    (long long)w->id, w->name ? w->name : "", at, w->action ?
	    w->action : "", w->to, late ? " LATE " : "", late ? due + 11 : "");
	l->code = xstrdup("ooh_record");
	l->id = w->id;
	(*(int *)a[2])++;
	return 0;
}

/*
 * Out-of-hours records handed over and not yet accepted: first thing in
 * the tray. Workers see their own, duty roles the duty desk's too, team
 * managers everyone's with those past 10:00 of the next working day.
 */
static void
build_handovers(struct client *c, struct scr *s, enum role r)
{
	int n = 0;
	void *a[3] = { c, s, &n };

	line(s, LN_HEAD, "HANDED OVER FROM OUT OF HOURS (:accept ID takes one)");
	if (r == ROLE_MANAGER || r == ROLE_TRAINER)
		store_ooh_waiting(c->st, OOH_ALL, handover_line, a, NULL);
	else {
		store_ooh_waiting(c->st, OOH_MINE, handover_line, a, NULL);
		if (r == ROLE_DUTY || r == ROLE_OOH)
			store_ooh_waiting(c->st, OOH_DUTY, handover_line, a,
			    NULL);
	}
	if (n == 0) {		/* nothing waiting: no heading either */
		clear_line(&s->l[--s->n]);
	} else
		line(s, LN_TEXT, "%s", "");
}

static void
build_home(struct client *c, struct scr *s)
{
	enum role r = store_user_role(c->st);
	const char *me = store_user_name(c->st);
	int duty = r == ROLE_DUTY || r == ROLE_OOH || r == ROLE_MANAGER ||
	    r == ROLE_TRAINER;
	struct tasks t;
	struct cd_err err;
	size_t i, shown = 0;

	snprintf(s->title, sizeof s->title, "Home: %s (%s)", me, role_title(r));
	if (c->late == NULL || !c->late->loaded) {
		line(s, LN_TEXT, "The timescale rules could not be loaded.");
		return;
	}
	if (r == ROLE_GOVERNANCE) {
		build_governance(c, s);
		return;
	}
	if (r == ROLE_ANALYST) {
		build_analyst(c, s);
		return;
	}
	if (r == ROLE_EDUCATION || r == ROLE_ADMIN) {
		line(s, LN_TEXT, "Press / to find a person%s.", r ==
		    ROLE_EDUCATION ? " linked to you (by record number)" : "");
		return;
	}
	if (tasks_collect(c->st, &c->late->rules, &c->late->cal, today(),
	    NULL, NULL, &t, &err) != CD_OK) {
		line(s, LN_TEXT, "%s", err.msg);
		return;
	}
	if (r != ROLE_ADOPTION)
		build_handovers(c, s, r);
	if (r == ROLE_MANAGER || r == ROLE_TRAINER) {
		int waiting = 0;
		void *a[3] = { c, s, &waiting };

		line(s, LN_HEAD, "WAITING FOR YOUR AUTHORISATION");
		store_form_waiting(c->st, waiting_line, a, NULL);
		if (waiting == 0)
			line(s, LN_TEXT, "  none");
		line(s, LN_TEXT, "%s", "");
	}
	if (duty) {
		line(s, LN_HEAD, "DUTY: contacts waiting for a decision");
		for (i = 0; i < t.n; i++)
			if (strcmp(t.t[i].rule->name, "contact-decision") == 0) {
				task_line(s, &t.t[i]);
				shown++;
			}
		if (shown == 0)
			line(s, LN_TEXT, "  none");
		line(s, LN_TEXT, "%s", "");
	}
	if (s->sort == 1 && t.n > 1)
		qsort(t.t, t.n, sizeof *t.t, by_name);
	else if (s->sort == 2 && t.n > 1)
		qsort(t.t, t.n, sizeof *t.t, by_worker);
	line(s, LN_HEAD, "%s, %s (O sorts)", r == ROLE_MANAGER || r ==
	    ROLE_TRAINER ? "THE TEAM'S WORK" : "YOUR WORK", s->sort == 1 ?
	    "by name" : s->sort == 2 ? "by worker" : "most urgent first");
	shown = 0;
	for (i = 0; i < t.n && shown < 200; i++) {
		const struct task *k = &t.t[i];

		if (strcmp(k->rule->name, "contact-decision") == 0)
			continue;
		if (r != ROLE_MANAGER && r != ROLE_TRAINER && (k->worker ==
		    NULL || strcmp(k->worker, me) != 0))
			continue;
		task_line(s, k);
		shown++;
	}
	if (shown == 0)
		line(s, LN_TEXT, "  nothing due");
	tasks_free(&t);
}

/* Run the search for the current query. */
static void
build_search(struct client *c, struct scr *s)
{
	struct person_hits h;
	struct cd_err err;
	size_t i;

	snprintf(s->title, sizeof s->title, "Search: %s", s->query);
	s->searched = 1;
	if (s->query[0] == '\0') {
		line(s, LN_TEXT, "Type a name, a date of birth, an NHS number, "
		    "a UPN, a postcode or #id.");
		return;
	}
	if (store_person_search(c->st, s->query, 100, &h, &err) != CD_OK) {
		line(s, LN_TEXT, "%s", err.msg);
		return;
	}
	for (i = 0; i < h.n; i++) {
		struct cline *l = line(s, LN_PERSON, "#%-7lld %-30.30s %-10s "
		    "%-1s %-8s %s", (long long)h.h[i].id, h.h[i].name,
		    h.h[i].dob ? h.h[i].dob : "", h.h[i].sex ? h.h[i].sex : "",
		    h.h[i].postcode ? h.h[i].postcode : "", h.h[i].why);

		l->id = h.h[i].id;
	}
	if (h.n == 0)
		line(s, LN_TEXT, "No one found for \"%s\".", s->query);
	line(s, LN_CREATE, "+ Create a new person (checks for duplicates "
	    "first)");
	store_person_hits_fini(&h);
}

/* Whole years from a date of birth to today. */
static int
years(const char *dob)
{
	int ok;
	long d = dob ? calendar_day(dob, &ok) : 0;

	return dob && ok ? (int)((today() - d) / 365.25) : -1;
}

/* The person summary: the front page of the record. */
static void
build_person(struct client *c, struct scr *s)
{
	struct record p;
	struct rows cp, ep, al, ed, mi, fo;
	struct relation *rel = NULL;
	const struct record *o;
	struct cd_err err;
	struct tasks t;
	size_t nrel = 0, i;
	int age;

	if (store_record_get(c->st, "person", s->person, &p, &err) != CD_OK) {
		snprintf(s->title, sizeof s->title, "Person #%lld",
		    (long long)s->person);
		line(s, LN_TEXT, "%s", err.msg);
		return;
	}
	age = years(rows_val(&p, "dob")[0] ? rows_val(&p, "dob") : NULL);
	snprintf(s->title, sizeof s->title, "%s, %s  #%lld",
	    rows_val(&p, "family_name"), rows_val(&p, "given_names"),
	    (long long)s->person);
	if (rows_val(&p, "dob")[0])
		line(s, LN_TEXT, "Born %s (%d)   Sex %s   NHS %s   UPN %s",
		    rows_val(&p, "dob"), age, rows_val(&p, "sex"), rows_val(&p, "nhs_number")[0]
		    ? rows_val(&p, "nhs_number") : "-", rows_val(&p, "upn")[0] ?
		    rows_val(&p, "upn") : "-");
	else
		line(s, LN_TEXT, "UNBORN: expected %s   NHS %s",
		    rows_val(&p, "expected_dob"), rows_val(&p, "nhs_number"));
	rows_load(c->st, "cp_plan", s->person, &cp);
	rows_load(c->st, "care_episode", s->person, &ep);
	rows_load(c->st, "missing_episode", s->person, &mi);
	rows_load(c->st, "allocation", s->person, &al);
	rows_load(c->st, "education_fact", s->person, &ed);
	rows_load(c->st, "form_instance", s->person, &fo);
	/* Alerts first: what an out-of-hours worker must see at once. */
	if ((o = rows_open(&cp, "start_date", "end_date")) != NULL)
		line(s, LN_HEAD, "ALERT: CHILD PROTECTION PLAN since %s, category "
		    "%s (%s)", rows_val(o, "start_date"), rows_val(o, "latest_category"),
		    codes_label("abuse_category", rows_val(o, "latest_category")));
	if ((o = rows_open(&ep, "start_date", "end_date")) != NULL)
		line(s, LN_HEAD, "ALERT: LOOKED AFTER (%s: %s) since %s",
		    rows_val(o, "legal_status"), codes_label("legal_status",
		    rows_val(o, "legal_status")), rows_val(o, "start_date"));
	if (rows_open(&mi, "start_date", "end_date") != NULL)
		line(s, LN_HEAD, "ALERT: MISSING now");
	if (*rows_val(&p, "restricted") == '1')
		line(s, LN_HEAD, "ALERT: RESTRICTED RECORD");
	if (rows_val(&p, "death_date")[0])
		line(s, LN_HEAD, "ALERT: DIED %s", rows_val(&p, "death_date"));
	if (rows_val(&p, "risk_to_workers")[0])
		line(s, LN_HEAD, "RISK TO WORKERS: %s", rows_val(&p,
		    "risk_to_workers"));
	/* The night team's notes: shown, and Enter edits them. */
	{
		struct cline *k = line(s, LN_RECORD, "Out of hours: %s",
		    rows_val(&p, "ooh_instructions")[0] ? rows_val(&p,
		    "ooh_instructions") : "no instructions (Enter to add)");

		k->code = xstrdup("person");
		k->id = s->person;
		k->field = xstrdup("ooh_instructions");
		if (rows_val(&p, "safety_plan")[0]) {
			k = line(s, LN_RECORD, "Safety plan: %s", rows_val(&p,
			    "safety_plan"));
			k->code = xstrdup("person");
			k->id = s->person;
			k->field = xstrdup("safety_plan");
		}
	}
	if (o != NULL)
		line(s, LN_TEXT, "Placement: %s (%s), carer %s %s, %s",
		    rows_val(o, "placement_type"), codes_label("placement_type",
		    rows_val(o, "placement_type")), rows_val(o, "carer"),
		    rows_val(o, "carer_phone"), rows_val(o, "placement_postcode"));
	if (ed.n > 0 && rows_val(&ed.r[ed.n - 1], "school")[0])
		line(s, LN_TEXT, "School: %s", rows_val(&ed.r[ed.n - 1], "school"));
	if ((o = rows_open(&al, "start_date", "end_date")) != NULL)
		line(s, LN_TEXT, "Allocated: %s, %s, %s", rows_val(o, "worker"),
		    rows_val(o, "team"), rows_val(o, "phone"));
	else
		line(s, LN_TEXT, "Allocated: nobody (duty)");
	if (c->late && c->late->loaded && tasks_for_person(c->st,
	    &c->late->rules, &c->late->cal, today(), s->person, &t, NULL) ==
	    CD_OK) {
		if (t.n)
			line(s, LN_HEAD, "Due next");
		for (i = 0; i < t.n && i < 4; i++)
			task_line(s, &t.t[i]);
		tasks_free(&t);
	}
	for (i = 0; i < fo.n; i++) {
		const char *st = rows_val(&fo.r[i], "status");
		const struct formdef *d = formdef_find(c->forms,
		    rows_val(&fo.r[i], "form_code"));
		struct cline *l;

		if (strcmp(st, "authorised") == 0)
			continue;
		l = line(s, LN_FORM, "Open form #%lld %s: %s", (long long)
		    fo.r[i].id, d ? d->title : rows_val(&fo.r[i], "form_code"), st);
		l->id = fo.r[i].id;
	}
	if (store_person_relations(c->st, s->person, &rel, &nrel, NULL) ==
	    CD_OK && nrel > 0) {
		line(s, LN_HEAD, "Family");
		for (i = 0; i < nrel && i < 6; i++) {
			struct cline *l = line(s, LN_PERSON, "%-13s #%-6lld %s%s",
			    rel[i].kind, (long long)rel[i].related_id,
			    rel[i].name, rel[i].pr ? "  (PR)" : "");

			l->id = rel[i].related_id;
		}
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

/* Which generation a relationship type belongs to, for the family tree. */
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

/* The family as a small text tree, a generation per branch. */
static void
build_family(struct client *c, struct scr *s)
{
	static const char *const heads[] = { "Grandparents",
	    "Parents and carers", NULL, "Brothers, sisters and partners",
	    "Children", "Wider family and friends" };
	struct relation *rel = NULL;
	struct record me;
	struct cd_err err;
	size_t n = 0, i;
	int g;

	snprintf(s->title, sizeof s->title, "Family of #%lld (Enter opens a "
	    "relative)", (long long)s->person);
	if (store_person_relations(c->st, s->person, &rel, &n, &err) !=
	    CD_OK) {
		line(s, LN_TEXT, "%s", err.msg);
		return;
	}
	for (g = 0; g < 6; g++) {
		int any = 0;

		if (g == 2) {	/* the person themself, between the branches */
			if (store_record_get(c->st, "person", s->person, &me,
			    NULL) == CD_OK) {
				line(s, LN_HEAD, "  |");
				line(s, LN_HEAD, "  #%lld %s, %s (this person)",
				    (long long)s->person, rows_val(&me, "family_name"),
				    rows_val(&me, "given_names"));
				line(s, LN_HEAD, "  |");
				store_record_fini(&me);
			}
			continue;
		}
		for (i = 0; i < n; i++) {
			struct cline *l;

			if (generation(rel[i].kind) != g)
				continue;
			if (!any++)
				line(s, LN_HEAD, "%s", heads[g]);
			l = line(s, LN_PERSON, "  +- %-13s #%-6lld %-30.30s %-10s"
			    "%s", rel[i].kind, (long long)rel[i].related_id,
			    rel[i].name, rel[i].dob ? rel[i].dob : "",
			    rel[i].pr ? " PR" : "");
			l->id = rel[i].related_id;
		}
	}
	if (n == 0)
		line(s, LN_TEXT, "No relationships recorded.");
	line(s, LN_TEXT, "%s", "");
	line(s, LN_TEXT, "PR: holds parental responsibility for this person.");
	store_person_relations_free(&rel, n);
}

/* One chronology event, gathered before sorting. */
struct event {
	char date[17];
	const char *kind;
	char text[300];
	int significant;
	int64_t form;
	const char *entity;	/* the record it came from */
	int64_t id;
};

static int
newest_first(const void *a, const void *b)
{
	return strcmp(((const struct event *)b)->date,
	    ((const struct event *)a)->date);
}

/* The automatic events of one entity, described by fmt from two fields. */
static void
events_of(struct client *c, int64_t person, const char *entity,
    const char *date_field, const char *kind, int sig, const char *label,
    const char *f1, const char *f2, struct event **ev, size_t *n)
{
	struct rows rows;
	size_t i;

	rows_load(c->st, entity, person, &rows);
	for (i = 0; i < rows.n; i++) {
		const struct record *r = &rows.r[i];
		struct event *e;

		if (store_record_value(r, date_field) == NULL)
			continue;
		*ev = xreallocarray(*ev, *n + 1, sizeof **ev);
		e = &(*ev)[(*n)++];
		memset(e, 0, sizeof *e);
		snprintf(e->date, sizeof e->date, "%s", rows_val(r, date_field));
		e->kind = kind;
		e->significant = sig;
		snprintf(e->text, sizeof e->text, "%s%s%s%s%s", label,
		    f1 ? " " : "", f1 ? rows_val(r, f1) : "", f2 ? " " : "",
		    f2 ? rows_val(r, f2) : "");
		if (strcmp(entity, "chronology") == 0)
			e->significant = *rows_val(r, "significant") == '1';
		if (strcmp(entity, "form_instance") == 0)
			e->form = r->id;
		e->entity = strcmp(entity, "form_instance") ? entity : NULL;
		e->id = r->id;
	}
	rows_free(&rows);
}

static const char *const chrono_kinds[] = { "", "contact", "referral",
    "assessment", "protection", "visit", "care", "sharing", "note",
    "form" };

static void
build_chrono(struct client *c, struct scr *s)
{
	struct event *ev = NULL;
	size_t n = 0, i, shown = 0;
	int64_t p = s->person;

	snprintf(s->title, sizeof s->title, "Chronology of #%lld%s%s%s%s%s",
	    (long long)p, s->filter[0] ? ": " : "", s->filter,
	    s->significant ? " (significant only)" : "", s->since[0] ?
	    " since " : "", s->since);
	events_of(c, p, "contact", "contact_date", "contact", 0, "Contact:",
	    "reason", NULL, &ev, &n);
	events_of(c, p, "referral", "referral_date", "referral", 1,
	    "Referral, primary need", "primary_need", NULL, &ev, &n);
	events_of(c, p, "assessment", "start_date", "assessment", 0,
	    "Assessment started", NULL, NULL, &ev, &n);
	events_of(c, p, "assessment", "completed_date", "assessment", 1,
	    "Assessment completed, factors", "factors", NULL, &ev, &n);
	events_of(c, p, "strategy_discussion", "discussion_date", "protection",
	    1, "Strategy discussion:", "summary", NULL, &ev, &n);
	events_of(c, p, "s47_enquiry", "start_date", "protection", 1,
	    "Section 47 enquiry started", NULL, NULL, &ev, &n);
	events_of(c, p, "cp_conference", "conference_date", "protection", 1,
	    "Child protection conference:", "kind", NULL, &ev, &n);
	events_of(c, p, "cp_plan", "start_date", "protection", 1,
	    "Child protection plan started, category", "initial_category",
	    NULL, &ev, &n);
	events_of(c, p, "cp_plan", "end_date", "protection", 1,
	    "Child protection plan ended", NULL, NULL, &ev, &n);
	events_of(c, p, "visit", "visit_date", "visit", 0, "Visit:", "kind",
	    NULL, &ev, &n);
	events_of(c, p, "care_episode", "start_date", "care", 1,
	    "Looked-after episode:", "legal_status", "placement_type", &ev, &n);
	events_of(c, p, "care_episode", "end_date", "care", 1,
	    "Episode ended:", "reason_ceased", NULL, &ev, &n);
	events_of(c, p, "cla_review", "review_date", "care", 0,
	    "Looked-after review", NULL, NULL, &ev, &n);
	events_of(c, p, "missing_episode", "start_date", "care", 1,
	    "Went missing", NULL, NULL, &ev, &n);
	events_of(c, p, "disclosure", "disclosure_date", "sharing", 0,
	    "Shared with", "agency", "shared", &ev, &n);
	events_of(c, p, "consent", "consent_date", "sharing", 0,
	    "Consent to", "purpose", "given_by", &ev, &n);
	events_of(c, p, "consent", "withdrawn_date", "sharing", 0,
	    "Consent withdrawn:", "purpose", NULL, &ev, &n);
	events_of(c, p, "chronology", "event_date", "note", 0, "Note:",
	    "summary", NULL, &ev, &n);
	events_of(c, p, "form_instance", "updated_at", "form", 0, "Form",
	    "form_code", "status", &ev, &n);
	if (n > 1)
		qsort(ev, n, sizeof *ev, newest_first);
	for (i = 0; i < n; i++) {
		struct cline *l;

		if (s->filter[0] && strcmp(ev[i].kind, s->filter) != 0)
			continue;
		if (s->significant && !ev[i].significant)
			continue;
		if (s->since[0] && strncmp(ev[i].date, s->since, 10) < 0)
			continue;
		l = line(s, ev[i].form ? LN_FORM : LN_RECORD, "%.10s %c %-10s %s",
		    ev[i].date, ev[i].significant ? '*' : ' ', ev[i].kind,
		    ev[i].text);
		l->id = ev[i].form ? ev[i].form : ev[i].id;
		if (!ev[i].form && ev[i].entity)
			l->code = xstrdup(ev[i].entity);
		shown++;
	}
	if (shown == 0)
		line(s, LN_TEXT, "Nothing recorded%s.", s->filter[0] ||
		    s->significant ? " of that kind" : "");
	free(ev);
}

static void
build_forms(struct client *c, struct scr *s)
{
	struct rows fo;
	size_t i;

	snprintf(s->title, sizeof s->title, "Forms of #%lld (n starts one)",
	    (long long)s->person);
	rows_load(c->st, "form_instance", s->person, &fo);
	for (i = fo.n; i-- > 0;) {
		const struct formdef *d = formdef_find(c->forms,
		    rows_val(&fo.r[i], "form_code"));
		struct cline *l = line(s, LN_FORM, "#%-6lld %.10s  %-40.40s %s",
		    (long long)fo.r[i].id, rows_val(&fo.r[i], "updated_at"), d ?
		    d->title : rows_val(&fo.r[i], "form_code"), rows_val(&fo.r[i],
		    "status"));

		l->id = fo.r[i].id;
	}
	if (fo.n == 0)
		line(s, LN_TEXT, "No forms yet. Press n to start one.");
	rows_free(&fo);
}

static void
build_newform(struct client *c, struct scr *s)
{
	/* The everyday forms first (out of hours: its own), then the rest. */
	static const char *const day[] = { "contact", "referral", "visit",
	    "strategy-discussion", "assessment", NULL };
	static const char *const night[] = { "ooh", "contact",
	    "strategy-discussion", NULL };
	enum role r = store_user_role(c->st);
	const char *const *first = r == ROLE_OOH ? night : day;
	size_t i, k;

	snprintf(s->title, sizeof s->title, "Start a form for #%lld",
	    (long long)s->person);
	for (k = 0; first[k]; k++) {
		const struct formdef *d = formdef_find(c->forms, first[k]);
		struct cline *l;

		if (d == NULL || !((d->write_roles >> r) & 1u))
			continue;
		l = line(s, LN_NEWFORM, "%-20s %s", d->code, d->title);
		l->code = xstrdup(d->code);
	}
	for (i = 0; i < c->forms->nforms; i++) {
		const struct formdef *d = &c->forms->forms[i];
		struct cline *l;
		int early = 0;

		for (k = 0; first[k]; k++)
			early |= strcmp(first[k], d->code) == 0;
		if (early || !((d->write_roles >> r) & 1u))
			continue;
		l = line(s, LN_NEWFORM, "%-20s %s", d->code, d->title);
		l->code = xstrdup(d->code);
	}
	if (s->n == 0)
		line(s, LN_TEXT, "Your role may not start any form.");
}

/* One audit event as a line. */
static int
audit_line(const struct audit_row *r, void *arg)
{
	struct scr *s = arg;

	line(s, LN_TEXT, "%.16s %-12.12s %-10.10s %-10s %s%s", r->at, r->actor,
	    r->role, r->action, r->entity ? r->entity : "", r->flagged ?
	    "  FLAGGED" : "");
	return 0;
}

static void
build_audit(struct client *c, struct scr *s)
{
	struct audit_filter f;
	struct cd_err err;

	snprintf(s->title, sizeof s->title, "Who looked at #%lld",
	    (long long)s->person);
	memset(&f, 0, sizeof f);
	f.person_id = s->person;
	if (store_audit_list(c->st, &f, audit_line, s, &err) != CD_OK)
		line(s, LN_TEXT, "%s", err.msg);
}

static void
build_help(struct client *c, struct scr *s)
{
	static const enum context order[] = { CTX_MAIN, CTX_GLOBAL, CTX_FORM };
	char keys[64];
	size_t k;
	int a;

	snprintf(s->title, sizeof s->title, "Help: the keys");
	for (k = 0; k < sizeof order / sizeof order[0]; k++) {
		line(s, LN_HEAD, "%s", keymap_context_title(order[k]));
		for (a = 0; a < ACT_COUNT; a++) {
			keymap_keys_for(c->km, order[k], (enum action)a, keys,
			    sizeof keys);
			if (keys[0])
				line(s, LN_TEXT, "  %-20s %s", keys,
				    keymap_action_help((enum action)a));
		}
	}
	line(s, LN_TEXT, "%s", "");
	line(s, LN_TEXT, "In search, type to find; Up/Down choose; Enter opens; "
	    "C-o creates a person.");
	line(s, LN_TEXT, "g r checks a child's record for the statutory returns "
	    "(:check for");
	line(s, LN_TEXT, "the whole borough, :check YEAR for another year); "
	    "Enter on a problem");
	line(s, LN_TEXT, "opens the field to fix, and Enter on a field edits it.");
}

/* One row of the record, every field: Enter on one edits it. */
static void
build_record(struct client *c, struct scr *s)
{
	struct record r;
	struct cd_err err;
	size_t i;

	if (store_record_get(c->st, s->entity, s->row, &r, &err) != CD_OK) {
		snprintf(s->title, sizeof s->title, "%s #%lld", s->entity,
		    (long long)s->row);
		line(s, LN_TEXT, "%s", err.msg);
		return;
	}
	snprintf(s->title, sizeof s->title, "%s #%lld of person #%lld "
	    "(Enter edits)", r.def->title, (long long)r.id,
	    (long long)r.person_id);
	s->person = r.person_id;
	for (i = 0; i < r.def->nfields; i++) {
		const struct field_def *f = &r.def->fields[i];
		const char *v = r.values[i];
		struct cline *l;

		if (f->flags & FF_STORE_ONLY)
			continue;
		if (v == NULL)
			l = line(s, LN_FIELD, "%-32s -", f->label);
		else if (f->type == FT_CODE)
			l = line(s, LN_FIELD, "%-32s %s (%s)", f->label, v,
			    codes_label(f->list, v));
		else if (f->type == FT_BOOL)
			l = line(s, LN_FIELD, "%-32s %s", f->label, *v == '1' ?
			    "yes" : "no");
		else
			l = line(s, LN_FIELD, "%-32s %s", f->label, v);
		l->field = xstrdup(f->name);
		l->id = r.id;
	}
	line(s, LN_TEXT, "%-32s %s", "Recorded", r.created_at ? r.created_at :
	    "");
	store_record_fini(&r);
}

/* One problem as a line that opens where it is fixed. */
static void
problem_line(struct scr *s, const struct problem *p, int with_person)
{
	char rule[24];
	struct cline *l;

	/* Queries (to confirm, not errors) carry a question mark. */
	snprintf(rule, sizeof rule, "%s%s", p->rule, p->query ? "?" : "");
	l = line(s, LN_PROBLEM, "%s%-13s %s", with_person ? "  " : "", rule,
	    p->msg);
	l->id = p->row;
	l->person = p->person;
	l->code = p->entity ? xstrdup(p->entity) : NULL;
	l->field = xstrdup(p->entity ? p->field : p->form);
}

/*
 * The returns' checks: one child's (any reader of the record), or the
 * whole borough's (the statutory-returns grant), as problems that open
 * the field to fix.
 */
static void
build_checks(struct client *c, struct scr *s)
{
	int year = check_year(s);
	struct exports_result res;
	struct cd_err err;
	char today[DATE_TIME_LEN];
	size_t i;

	memset(&res, 0, sizeof res);
	date_now(today);
	today[10] = '\0';
	if (s->person != 0) {
		if (exports_check_person(c->st, s->person, year, today,
		    c->late && c->late->loaded ? &c->late->cal : NULL,
		    &res.problems, &err) != CD_OK) {
			snprintf(s->title, sizeof s->title, "Checks");
			line(s, LN_TEXT, "%s", err.msg);
			return;
		}
		for (i = 0; i < res.problems.n; i++)
			res.problems.p[i].query ? res.queries++ : res.errors++;
	} else {
		struct exports_job job;

		memset(&job, 0, sizeof job);
		job.kind = EXPORT_CHECKS;
		job.year = year;
		job.check = 1;
		job.cal = c->late && c->late->loaded ? &c->late->cal : NULL;
		if (exports_run(c->st, &job, &res, &err) != CD_OK) {
			snprintf(s->title, sizeof s->title, "Checks");
			line(s, LN_TEXT, "%s", err.msg);
			return;
		}
	}
	snprintf(s->title, sizeof s->title, "Returns %d/%02d%s: %zu error%s, "
	    "%zu quer%s", year - 1, year % 100, s->person ? "" :
	    ", all children", res.errors, res.errors == 1 ? "" : "s",
	    res.queries, res.queries == 1 ? "y" : "ies");
	if (res.problems.n == 0)
		line(s, LN_TEXT, "Nothing the DfE's checks would reject%s.",
		    s->person ? " in this child's record" : "");
	for (i = 0; i < res.problems.n; i++) {
		const struct problem *p = &res.problems.p[i];

		if (s->person == 0 && (i == 0 || res.problems.p[i - 1].person !=
		    p->person))
			line(s, LN_PERSON, "#%-7lld %s", (long long)p->person,
			    p->name)->id = p->person;
		problem_line(s, p, s->person == 0);
	}
	exports_result_free(&res);
}

/* What builds each kind of screen. */
static void (*const builders[])(struct client *, struct scr *) = {
	[SCR_HOME] = build_home, [SCR_SEARCH] = build_search,
	[SCR_PERSON] = build_person, [SCR_FAMILY] = build_family,
	[SCR_CHRONO] = build_chrono, [SCR_FORMS] = build_forms,
	[SCR_NEWFORM] = build_newform, [SCR_AUDIT] = build_audit,
	[SCR_HELP] = build_help, [SCR_RECORD] = build_record,
	[SCR_CHECKS] = build_checks, [SCR_LOOK] = build_look,
};

/* Rebuild a screen's lines from the database. */
static void
build(struct client *c, struct scr *s)
{
	size_t cur = s->cur;

	clear_lines(s);
	builders[s->kind](c, s);
	s->cur = cur < s->n ? cur : 0;
}

/* A new, empty screen on top of the stack (not built), or NULL if full. */
static struct scr *
stack_add(struct client *c, enum scr_kind kind, int64_t person)
{
	struct scr *s;

	if (c->depth == (int)(sizeof c->stack / sizeof c->stack[0])) {
		say(c, "Too many screens open: press Esc to go back first.");
		return NULL;
	}
	s = &c->stack[c->depth++];
	memset(s, 0, sizeof *s);
	s->kind = kind;
	s->person = person;
	return s;
}

/* Open a screen on top of the stack. */
static void
push(struct client *c, enum scr_kind kind, int64_t person)
{
	struct scr *s = stack_add(c, kind, person);

	if (s != NULL)
		build(c, s);
}

static void
pop(struct client *c)
{
	if (c->depth <= 1)
		return;
	clear_lines(top(c));
	c->depth--;
	build(c, top(c));	/* others may have saved changes meanwhile */
}

void
client_init(struct client *c, struct store *st, const struct keymap *km,
    const struct formset *forms, struct lateness *late, int demo)
{
	memset(c, 0, sizeof *c);
	c->st = st;
	c->km = km;
	c->forms = forms;
	c->late = late;
	c->demo = demo;
	push(c, SCR_HOME, 0);
}

void
client_refresh(struct client *c)
{
	build(c, top(c));
}

void
client_set_store(struct client *c, struct store *st)
{
	c->st = st;
}

/* The person a screen is about: its own, or the line's. */
static int64_t
person_here(struct client *c)
{
	struct scr *s = top(c);

	if (s->person)
		return s->person;
	if (s->n && s->l[s->cur].kind == LN_PERSON)
		return s->l[s->cur].id;
	return 0;
}

/* Open a person's summary, asking for a reason when it is restricted. */
static void
open_person(struct client *c, int64_t id)
{
	struct record r;
	struct cd_err err;

	if (store_record_get(c->st, "person", id, &r, &err) == CD_OK) {
		store_record_fini(&r);
		push(c, SCR_PERSON, id);
		return;
	}
	if (err.code == CD_ERR_DENIED && strstr(err.msg, "break-glass")) {
		c->ask = ASK_GLASS;
		c->glass_for = id;
		c->answer[0] = '\0';
		say(c, "Restricted record. Why do you need it? (audited and "
		    "reviewed; Esc to leave it)");
		return;
	}
	fail(c, &err);
}

/* The person-creating questions, in order. */
static void
ask_next(struct client *c)
{
	struct field_value v[4];
	struct person_hits d;
	struct cd_err err;
	size_t n = 0;
	int64_t id;
	enum cd_status code;

	switch (c->ask) {
	case ASK_FAMILY:
		snprintf(c->new_family, sizeof c->new_family, "%.127s", c->answer);
		c->ask = ASK_GIVEN;
		snprintf(c->answer, sizeof c->answer, "%s", c->new_given);
		say(c, "Given names (Enter for none):");
		return;
	case ASK_GIVEN:
		snprintf(c->new_given, sizeof c->new_given, "%.127s", c->answer);
		c->ask = ASK_DOB;
		c->answer[0] = '\0';
		say(c, "Date of birth (DD/MM/YYYY, Enter if unknown):");
		return;
	case ASK_DOB:
		snprintf(c->new_dob, sizeof c->new_dob, "%.31s", c->answer);
		c->ask = ASK_SEX;
		c->answer[0] = '\0';
		say(c, "Sex: M, F or U:");
		return;
	default:
		break;
	}
	if (c->ask == ASK_SEX)
		snprintf(c->new_sex, sizeof c->new_sex, "%c", c->answer[0] ?
		    toupper((unsigned char)c->answer[0]) : 'U');
	v[n++] = (struct field_value){ "family_name", c->new_family };
	if (c->new_given[0])
		v[n++] = (struct field_value){ "given_names", c->new_given };
	if (c->new_dob[0])
		v[n++] = (struct field_value){ "dob", c->new_dob };
	v[n++] = (struct field_value){ "sex", c->new_sex };
	code = store_person_add(c->st, v, n, NULL, c->ask == ASK_NOMATCH ?
	    c->answer : NULL, &id, &d, &err);
	c->ask = ASK_NONE;
	if (code == CD_ERR_DUPLICATE) {
		struct scr *s;
		size_t i;

		push(c, SCR_SEARCH, 0);
		s = top(c);
		clear_lines(s);
		snprintf(s->title, sizeof s->title, "Likely duplicates of %.60s, "
		    "%.60s", c->new_family, c->new_given);
		s->searched = 1;
		snprintf(s->query, sizeof s->query, "%.60s %.60s", c->new_given,
		    c->new_family);
		for (i = 0; i < d.n; i++) {
			struct cline *l = line(s, LN_PERSON, "#%-7lld %-30.30s "
			    "%-10s %s", (long long)d.h[i].id, d.h[i].name,
			    d.h[i].dob ? d.h[i].dob : "", d.h[i].why);

			l->id = d.h[i].id;
		}
		line(s, LN_CREATE, "+ None of these: create anyway (asks why)");
		store_person_hits_fini(&d);
		say(c, "Check these first: Enter opens one.");
		return;
	}
	store_person_hits_fini(&d);
	if (code != CD_OK) {
		fail(c, &err);
		return;
	}
	push(c, SCR_PERSON, id);
	say(c, "Created #%lld. Press n to start a contact record.",
	    (long long)id);
}

/* The returns' checks for person (0: the borough) and year (0: now). */
static void
push_checks(struct client *c, int64_t person, int year)
{
	struct scr *s = stack_add(c, SCR_CHECKS, person);

	if (s == NULL)
		return;
	s->year = year;
	build(c, s);
}

/* Open a row of the record on its own screen, at field when given. */
static void
open_record(struct client *c, const char *entity, int64_t row,
    const char *field)
{
	struct scr *r = stack_add(c, SCR_RECORD, 0);
	size_t i;

	if (r == NULL)
		return;
	snprintf(r->entity, sizeof r->entity, "%s", entity);
	snprintf(r->field, sizeof r->field, "%s", field ? field : "");
	r->row = row;
	build(c, r);
	for (i = 0; field != NULL && i < r->n; i++)
		if (r->l[i].field && strcmp(r->l[i].field, field) == 0)
			r->cur = i;
}

/* Start a new form of code for person and open it in the editor. */
static void
start_form(struct client *c, const char *code, int64_t person)
{
	struct fill f;
	struct cd_err err;

	if (fill_new(&f, c->st, c->forms, code, person, &err) != CD_OK) {
		fail(c, &err);
		return;
	}
	c->form_wanted = f.instance;
	c->form_person = person;
	fill_close(&f);
}

/* Add a code to the hint, "..." once it is full. */
static void
add_code(const struct code_entry *e, void *arg)
{
	char *hint = arg;
	size_t n = strlen(hint);

	if (n + strlen(e->code) + 5 >= 64) {
		if (n < 60 && (n < 3 || strcmp(hint + n - 3, "...") != 0))
			strcat(hint, " ...");
		return;
	}
	snprintf(hint + n, 64 - n, "%s%s", n ? " " : "", e->code);
}

/* Save the field being edited on a record screen (ASK_FIELD). */
static void
save_field(struct client *c)
{
	struct scr *s = top(c);
	struct field_change ch = { c->edit_field, c->edit_seen, c->answer };
	struct conflicts cf;
	struct cd_err err;
	enum cd_status code;

	c->ask = ASK_NONE;
	code = store_record_update(c->st, s->entity, s->row, &ch, 1, &cf,
	    &err);
	if (code == CD_ERR_CONFLICT) {
		say(c, "Someone else changed this field meanwhile (now \"%s\"): "
		    "look again and retry.", cf.n && cf.c[0].theirs ?
		    cf.c[0].theirs : "");
		c->msg_error = 1;
		store_conflicts_fini(&cf);
	} else if (code != CD_OK)
		fail(c, &err);
	else {
		store_conflicts_fini(&cf);
		say(c, "Saved; Esc goes back to the checks.");
	}
	build(c, s);
}

/* Enter on a line. */
static void
open_line(struct client *c)
{
	struct scr *s = top(c);
	const struct cline *l;

	if (s->n == 0)
		return;
	l = &s->l[s->cur];
	switch (l->kind) {
	case LN_PERSON:
		open_person(c, l->id);
		break;
	case LN_FORM:
		if (l->id) {
			c->form_wanted = l->id;
			c->form_person = s->person;
		}
		break;
	case LN_NEWFORM:
		start_form(c, l->code, s->person);
		if (c->form_wanted)
			pop(c);
		break;
	case LN_RECORD:
		if (l->code)
			open_record(c, l->code, l->id, l->field);
		break;
	case LN_PROBLEM:
		if (l->code != NULL)
			open_record(c, l->code, l->id, l->field);
		else if (l->field != NULL)
			start_form(c, l->field, l->person);
		else
			push_checks(c, 0, (int)l->id);
		break;
	case LN_FIELD: {
		const struct entity_def *e = entity_find(s->entity);
		const struct field_def *f = e ? entity_field(e, l->field) :
		    NULL;
		struct record r;
		struct cd_err err;
		const char *v;

		if (f == NULL || store_record_get(c->st, s->entity, s->row, &r,
		    &err) != CD_OK) {
			say(c, "This row cannot be read now.");
			break;
		}
		v = store_record_value(&r, f->name);
		free(c->edit_seen);
		c->edit_seen = v ? xstrdup(v) : NULL;
		snprintf(c->edit_field, sizeof c->edit_field, "%s", f->name);
		snprintf(c->answer, sizeof c->answer, "%s", v ? v : "");
		c->ask = ASK_FIELD;
		if (f->type == FT_CODE) {
			char codes[64] = "";

			codes_each(f->list, add_code, codes);
			say(c, "%s (%s):", f->label, codes);
		} else
			say(c, "%s%s:", f->label, f->type == FT_BOOL ?
			    " (1 yes, 0 no)" : f->type == FT_DATE ?
			    " (DD/MM/YYYY)" : "");
		store_record_fini(&r);
		break;
	}
	case LN_CREATE:
		if (strstr(l->text, "anyway") != NULL) {
			c->ask = ASK_NOMATCH;
			c->answer[0] = '\0';
			say(c, "Why is this a new person? (for the audit trail)");
		} else {
			const char *q = s->query, *sp = strrchr(q, ' ');

			c->ask = ASK_FAMILY;
			snprintf(c->answer, sizeof c->answer, "%s", sp ? sp + 1 :
			    q);
			snprintf(c->new_given, sizeof c->new_given, "%.*s",
			    sp ? (int)(sp - q) : 0, q);
			say(c, "Family name:");
		}
		break;
	default:
		break;
	}
}

/*
 * :retention hold ID KIND REASON, lift ID, or apply CERTIFICATE DESTROY
 * (the word DESTROY is the confirmation the command line asks for).
 */
static void
retention(struct client *c, const char *args)
{
	char verb[8], a1[256], a2[256];
	long long id;
	enum cd_status code = CD_OK;
	struct cd_err err;
	int n = sscanf(args, "%7s %255s %255s", verb, a1, a2);

	id = n >= 2 ? strtoll(a1 + (a1[0] == '#'), NULL, 10) : 0;
	if (n >= 3 && !strcmp(verb, "hold") && id > 0) {
		const char *reason = strstr(args, a2);

		reason += strcspn(reason, " ");
		reason += strspn(reason, " ");
		code = store_legal_hold(c->st, id, a2, reason, &err);
		if (code == CD_OK)
			snprintf(c->msg, sizeof c->msg, "Legal hold placed on "
			    "#%lld.", id);
	} else if (n == 2 && !strcmp(verb, "lift") && id > 0) {
		code = store_legal_hold_lift(c->st, id, &err);
		if (code == CD_OK)
			snprintf(c->msg, sizeof c->msg, "Legal hold lifted on "
			    "#%lld.", id);
	} else if (n >= 2 && !strcmp(verb, "apply")) {
		struct retention_rules r;
		struct retention_schedule rs;
		size_t done = 0;

		code = retention_load(&r, retention_default_file(), c->cfg,
		    &err);
		if (code == CD_OK)
			code = retention_schedule_read(c->st, &r, today(), &rs,
			    &err);
		else
			memset(&rs, 0, sizeof rs);
		if (code == CD_OK && rs.n == 0)
			snprintf(c->msg, sizeof c->msg, "Nothing is due for "
			    "destruction.");
		else if (code == CD_OK && (n < 3 || strcmp(a2, "DESTROY")))
			snprintf(c->msg, sizeof c->msg, "This destroys %zu "
			    "record%s for good: type  :retention apply FILE "
			    "DESTROY", rs.n, rs.n == 1 ? "" : "s");
		else if (code == CD_OK) {
			code = retention_apply(c->st, &rs, a1,
			    store_user_name(c->st), NULL, &done, &err);
			if (code == CD_OK)
				snprintf(c->msg, sizeof c->msg, "Destroyed %zu; "
				    "certificate (mode 0600) in %s", done, a1);
		}
		retention_schedule_fini(&rs);
		retention_fini(&r);
	} else {
		say(c, "Use: :retention hold ID KIND REASON | lift ID | apply "
		    "CERTIFICATE DESTROY");
		return;
	}
	if (code != CD_OK) {
		snprintf(c->msg, sizeof c->msg, "%s", err.msg);
		c->msg_error = 1;
		return;
	}
	client_refresh(c);
}

/* :export cpis DIR makes the CP-IS upload, as the command line does. */
static void
export_cpis(struct client *c, const char *dir)
{
	struct cpisfile f;
	struct cd_err err;

	if (c->cfg == NULL) {
		say(c, "No configuration: use casedesk export cpis.");
		return;
	}
	if (cpisfile_export(c->st, c->cfg, dir, NULL, 0, &f, &err) != CD_OK) {
		snprintf(c->msg, sizeof c->msg, "%s", err.msg);
		c->msg_error = 1;
	} else if (f.sent == 0)
		snprintf(c->msg, sizeof c->msg, "Nothing to upload (%ld "
		    "unchanged, %zu waiting for an NHS number).", f.unchanged,
		    f.nheld);
	else
		snprintf(c->msg, sizeof c->msg, "Upload %lld written (mode "
		    "0600): %zu sent, %zu waiting for an NHS number; %s",
		    (long long)f.seq, f.sent, f.nheld, f.path);
	cpisfile_fini(&f);
}

/* :export ssda903 YEAR DIR, cin YEAR FILE, annex-a FILE (the returns). */
static void
export_return(struct client *c, const char *what, const char *args)
{
	struct exports_job job;
	struct exports_result res;
	struct cd_err err;
	char path[256], now[DATE_TIME_LEN];
	int year = 0, n;

	memset(&job, 0, sizeof job);
	job.kind = what[0] == 's' ? EXPORT_SSDA903 : what[0] == 'c' ?
	    EXPORT_CIN : EXPORT_ANNEXA;
	n = job.kind == EXPORT_ANNEXA ? sscanf(args, " %255s", path) :
	    sscanf(args, " %d %255s", &year, path);
	if (n != (job.kind == EXPORT_ANNEXA ? 1 : 2)) {
		say(c, "Use: export ssda903 YEAR DIR, export cin YEAR FILE or "
		    "export annex-a FILE (.xlsx, or a folder for CSV).");
		c->msg_error = 1;
		return;
	}
	date_now(now);
	now[19] = '\0';
	job.year = year;
	job.out = path;
	job.now = now;
	job.la_code = c->cfg ? c->cfg->la_code : NULL;
	job.cal = c->late && c->late->loaded ? &c->late->cal : NULL;
	if (exports_run(c->st, &job, &res, &err) != CD_OK) {
		fail(c, &err);
		return;
	}
	say(c, "%s written to %s (mode 0600)%s.", exports_name(job.kind), path,
	    job.kind == EXPORT_ANNEXA ? "" : "; g r lists what the checks "
	    "find");
	exports_result_free(&res);
}

/*
 * :export sar PERSON FILE [REQUEST] writes a subject access pack, and
 * :export cpis DIR the CP-IS upload, as the command line does (0600,
 * logged); the message says where it went.
 */
static void
export(struct client *c, const char *args)
{
	char what[12], who[256], path[256], rq[24];
	long long person, req = 0;
	struct sarpack p;
	struct cd_err err;
	int n = sscanf(args, "%11s %255s %255s %23s", what, who, path, rq);

	if (n == 2 && strcmp(what, "cpis") == 0) {
		export_cpis(c, who);
		return;
	}
	if (strcmp(what, "ssda903") == 0 || strcmp(what, "cin") == 0 ||
	    strcmp(what, "annex-a") == 0) {
		export_return(c, what, args + strlen(what));
		return;
	}
	person = n >= 3 ? strtoll(who + (who[0] == '#'), NULL, 10) : 0;
	if (n == 4)
		req = strtoll(rq + (rq[0] == '#'), NULL, 10);
	if (n < 3 || strcmp(what, "sar") != 0 || person <= 0 || (n == 4 &&
	    req <= 0)) {
		snprintf(c->msg, sizeof c->msg, "Use: export sar PERSON FILE "
		    "[REQUEST] (.html prints), export cpis DIR, export ssda903 "
		    "YEAR DIR, export cin YEAR FILE or export annex-a FILE.");
		c->msg_error = 1;
		return;
	}
	if (sarpack_export(c->st, person, n == 4 ? req : 0, c->cfg ?
	    c->cfg->consent_age : 13, path, store_user_name(c->st), &p,
	    &err) != CD_OK) {
		snprintf(c->msg, sizeof c->msg, "%s", err.msg);
		c->msg_error = 1;
		return;
	}
	client_refresh(c);
	snprintf(c->msg, sizeof c->msg, "Pack for #%lld written (mode 0600, "
	    "%ld redacted) to %s%s.", person, p.redactions, path, n == 4 ?
	    "; release logged" : "");
}

/* :review SEQ OUTCOME NOTE closes a flagged event on the review list. */
static void
review(struct client *c, long long seq, const char *rest)
{
	char outcome[16];
	size_t n = strcspn(rest, " ");
	struct cd_err err;

	snprintf(outcome, sizeof outcome, "%.*s", (int)(n < 15 ? n : 15),
	    rest);
	rest += n + strspn(rest + n, " ");
	if (store_audit_review(c->st, seq, outcome, rest, &err) != CD_OK) {
		snprintf(c->msg, sizeof c->msg, "%s", err.msg);
		c->msg_error = 1;
		return;
	}
	client_refresh(c);
	snprintf(c->msg, sizeof c->msg, "Event %lld reviewed: %s.", seq,
	    outcome);
}

/* :accept [ID]: take a handover for the day team (the line's if no ID). */
static void
accept(struct client *c, long long id)
{
	struct scr *s = top(c);
	struct cd_err err;

	if (id <= 0 && s->n && s->l[s->cur].code &&
	    strcmp(s->l[s->cur].code, "ooh_record") == 0)
		id = s->l[s->cur].id;
	if (id <= 0) {
		say(c, "Use: accept ID (the number on the handover line).");
		c->msg_error = 1;
		return;
	}
	if (store_ooh_accept(c->st, id, &err) != CD_OK) {
		fail(c, &err);
		return;
	}
	client_refresh(c);
	say(c, "Accepted handover %lld for the day team.", id);
}

/* Run a typed command: search NAME, person ID, form ID, home, help, quit. */
static void
command(struct client *c, const char *cmd)
{
	char word[32], *end;
	const char *rest;
	long long id;
	size_t n = strcspn(cmd, " ");

	snprintf(word, sizeof word, "%.*s", (int)(n < sizeof word ? n : 31),
	    cmd);
	rest = cmd + n + strspn(cmd + n, " ");
	id = strtoll(rest[0] == '#' ? rest + 1 : rest, &end, 10);
	if (!strcmp(word, "search") || !strcmp(word, "s")) {
		push(c, SCR_SEARCH, 0);
		snprintf(top(c)->query, sizeof top(c)->query, "%s", rest);
		client_refresh(c);
	} else if ((!strcmp(word, "person") || !strcmp(word, "p")) && id > 0 &&
	    *end == '\0')
		open_person(c, id);
	else if (!strcmp(word, "form") && id > 0 && *end == '\0')
		c->form_wanted = id;
	else if (!strcmp(word, "home"))
		while (c->depth > 1)
			pop(c);
	else if (!strcmp(word, "help"))
		push(c, SCR_HELP, 0);
	else if (!strcmp(word, "quit") || !strcmp(word, "q"))
		c->quit = 1;
	else if (!strcmp(word, "review") && id > 0 && *end == ' ')
		review(c, id, end + strspn(end, " "));
	else if (!strcmp(word, "export"))
		export(c, rest);
	else if (!strcmp(word, "look") && *rest) {
		struct scr *l = stack_add(c, SCR_LOOK, 0);

		if (l != NULL) {
			snprintf(l->query, sizeof l->query, "%s", rest);
			build(c, l);
		}
	} else if (!strcmp(word, "accept"))
		accept(c, *rest ? id : 0);
	else if (!strcmp(word, "check") && (*rest == '\0' || (id >= 2000 &&
	    id <= 2100 && *end == '\0')))
		push_checks(c, top(c)->person, *rest ? (int)id : 0);
	else if (!strcmp(word, "retention"))
		retention(c, rest);
	else {
		snprintf(c->msg, sizeof c->msg, "Unknown command \"%.40s\": try "
		    "search NAME, person ID, form ID, review SEQ OUTCOME NOTE, "
		    "export ..., check [YEAR], look TERM, accept ID, home, help "
		    "or quit.", cmd);
		c->msg_error = 1;
	}
}

/* Keys while a question is asked at the bottom. */
static int
ask_key(struct client *c, int key)
{
	struct cd_err err;

	if (c->ask == ASK_GOTO) {
		int64_t p = person_here(c);

		c->ask = ASK_NONE;
		c->msg[0] = '\0';
		switch (key) {
		case 'h':
		case 't':
			while (c->depth > 1)
				pop(c);
			break;
		case 's':
		case '/':
			push(c, SCR_SEARCH, 0);
			break;
		case 'f':
		case 'c':
		case 'o':
		case 'a':
		case 'r':
		case 'l':
			if (p == 0 && key == 'r')
				push(c, SCR_CHECKS, 0);
			else if (p == 0)
				say(c, "Open a person first.");
			else
				push(c, key == 'f' ? SCR_FAMILY : key == 'c' ?
				    SCR_CHRONO : key == 'o' ? SCR_FORMS : key ==
				    'a' ? SCR_AUDIT : key == 'l' ? SCR_LOOK :
				    SCR_CHECKS, p);
			break;
		default:
			say(c, "Go to: h home, s search, f family, c chronology, "
			    "o forms, a audit, l quick look, r returns checks.");
		}
		return 1;
	}
	if (key == KEYMAP_ESC || key == 7 /* C-g */) {
		c->ask = ASK_NONE;
		say(c, "Cancelled.");
		return 1;
	}
	if (keymap_canonical(key) == KEYMAP_ENTER) {
		if (c->ask == ASK_SINCE) {
			char iso[11];

			c->ask = ASK_NONE;
			if (c->answer[0] == '\0')
				top(c)->since[0] = '\0';
			else if (ident_date(c->answer, iso, &err) == CD_OK)
				memcpy(top(c)->since, iso, 11);
			else {
				fail(c, &err);
				return 1;
			}
			top(c)->cur = 0;
			build(c, top(c));
			c->msg[0] = '\0';
			return 1;
		}
		if (c->ask == ASK_COMMAND) {
			c->ask = ASK_NONE;
			c->msg[0] = '\0';
			command(c, c->answer);
			return 1;
		}
		if (c->ask == ASK_FIELD) {
			save_field(c);
			return 1;
		}
		if (c->ask == ASK_GLASS) {
			c->ask = ASK_NONE;
			if (store_person_break_glass(c->st, c->glass_for,
			    c->answer, &err) != CD_OK) {
				fail(c, &err);
				return 1;
			}
			push(c, SCR_PERSON, c->glass_for);
			say(c, "Opened under break-glass: this is on the "
			    "Caldicott review list.");
			return 1;
		}
		if (c->ask == ASK_FAMILY && c->answer[0] == '\0') {
			say(c, "A family name is needed (or Esc).");
			return 1;
		}
		ask_next(c);
		return 1;
	}
	if (keymap_canonical(key) == KEYMAP_FN(KEY_BACKSPACE))
		term_utf8_backspace(c->answer);
	else if (key >= ' ' && key < KEYMAP_FN_BASE && key != 127)
		term_utf8_append(c->answer, sizeof c->answer, key);
	return 1;
}

/* Keys on the search screen: letters are the query. */
static int
search_key(struct client *c, int key)
{
	struct scr *s = top(c);
	enum action a = keymap_lookup_in(c->km, CTX_PROMPT, key);

	if (key == KEYMAP_FN(KEY_UP) || key == KEYMAP_FN(KEY_DOWN)) {
		if (key == KEYMAP_FN(KEY_UP) && s->cur > 0)
			s->cur--;
		else if (key == KEYMAP_FN(KEY_DOWN) && s->cur + 1 < s->n)
			s->cur++;
		return 1;
	}
	if (a == ACT_SUBMIT) {
		if (!s->searched)
			client_refresh(c);
		open_line(c);
		return 1;
	}
	if (a == ACT_CANCEL) {
		pop(c);
		return 1;
	}
	if (a == ACT_CREATE) {
		size_t i;

		for (i = 0; i < s->n; i++)
			if (s->l[i].kind == LN_CREATE)
				s->cur = i;
		open_line(c);
		return 1;
	}
	if (keymap_canonical(key) == KEYMAP_FN(KEY_BACKSPACE)) {
		term_utf8_backspace(s->query);
		s->searched = 0;
		return 1;
	}
	if (key >= ' ' && key < KEYMAP_FN_BASE && key != 127) {
		if (term_utf8_append(s->query, sizeof s->query, key) == 0) {
			s->searched = 0;
			s->cur = 0;
		}
		return 1;
	}
	return 0;
}

int
client_key(struct client *c, int key)
{
	struct scr *s = top(c);
	enum action a;
	int64_t p;

	if (c->ask != ASK_NONE)
		return ask_key(c, key);
	c->msg[0] = '\0';
	c->msg_error = 0;
	if (s->kind == SCR_SEARCH && search_key(c, key))
		return 1;
	a = keymap_lookup(c->km, CTX_MAIN, key);
	p = person_here(c);
	switch (a) {
	case ACT_UP:
		if (s->cur > 0)
			s->cur--;
		return 1;
	case ACT_DOWN:
		if (s->cur + 1 < s->n)
			s->cur++;
		return 1;
	case ACT_PAGE_UP:
		s->cur = s->cur > (size_t)(LINES - 5) ? s->cur - (size_t)(LINES
		    - 5) : 0;
		return 1;
	case ACT_PAGE_DOWN:
		s->cur += (size_t)(LINES - 5);
		if (s->cur >= s->n)
			s->cur = s->n ? s->n - 1 : 0;
		return 1;
	case ACT_OPEN:
		open_line(c);
		return 1;
	case ACT_BACK:
		pop(c);
		return 1;
	case ACT_QUIT:
		if (c->depth > 1)
			pop(c);
		else
			c->quit = 1;
		return 1;
	case ACT_SEARCH:
		push(c, SCR_SEARCH, 0);
		return 1;
	case ACT_COMMAND:
		c->ask = ASK_COMMAND;
		c->answer[0] = '\0';
		snprintf(c->msg, sizeof c->msg, ":");
		return 1;
	case ACT_GOTO:
		c->ask = ASK_GOTO;
		say(c, "Go to: h home, s search, f family, c chronology, "
		    "o forms, a audit, l look, r returns");
		return 1;
	case ACT_HOME:
		while (c->depth > 1)
			pop(c);
		return 1;
	case ACT_HELP:
		push(c, SCR_HELP, 0);
		return 1;
	case ACT_REFRESH:
		client_refresh(c);
		say(c, "Read again.");
		return 1;
	case ACT_FAMILY:
	case ACT_CHRONO:
	case ACT_FORMS:
	case ACT_AUDIT:
	case ACT_NEW_FORM:
		if (p == 0) {
			say(c, "Open a person first (/ to search).");
			return 1;
		}
		push(c, a == ACT_FAMILY ? SCR_FAMILY : a == ACT_CHRONO ?
		    SCR_CHRONO : a == ACT_FORMS ? SCR_FORMS : a == ACT_AUDIT ?
		    SCR_AUDIT : SCR_NEWFORM, p);
		return 1;
	case ACT_FILTER:
		if (s->kind == SCR_CHRONO) {
			size_t i, k = sizeof chrono_kinds / sizeof chrono_kinds[0];

			for (i = 0; i < k; i++)
				if (strcmp(chrono_kinds[i], s->filter) == 0)
					break;
			snprintf(s->filter, sizeof s->filter, "%s",
			    chrono_kinds[(i + 1) % k]);
			s->cur = 0;
			build(c, s);
		}
		return 1;
	case ACT_SINCE:
		if (s->kind == SCR_CHRONO) {
			c->ask = ASK_SINCE;
			c->answer[0] = '\0';
			say(c, "Show events since (DD/MM/YYYY, empty for all):");
		}
		return 1;
	case ACT_SORT:
		if (s->kind == SCR_HOME) {
			s->sort = (s->sort + 1) % 3;
			s->cur = 0;
			build(c, s);
		}
		return 1;
	case ACT_SIGNIFICANT:
		if (s->kind == SCR_CHRONO) {
			s->significant = !s->significant;
			s->cur = 0;
			build(c, s);
		}
		return 1;
	default:
		return 0;
	}
}

void
client_draw(struct client *c)
{
	struct scr *s = top(c);
	int rows = LINES - 4, y, i;
	char bar[1024];

	erase();
	if (!term_big_enough()) {
		term_draw_too_small();
		return;
	}
	term_bar(0, s->title, c->demo ? "DEMO - NOT REAL DATA" : NULL);
	if (s->kind == SCR_SEARCH) {
		snprintf(bar, sizeof bar, "Find: %s", s->query);
		attron(A_UNDERLINE);
		mvhline(1, 0, ' ', COLS);
		term_text(1, 1, COLS - 2, bar);
		attroff(A_UNDERLINE);
	}
	if (s->cur < s->top)
		s->top = s->cur;
	if (s->cur >= s->top + (size_t)rows)
		s->top = s->cur - (size_t)rows + 1;
	for (i = 0, y = LIST_TOP; i < rows && s->top + (size_t)i < s->n;
	    i++, y++) {
		const struct cline *l = &s->l[s->top + (size_t)i];
		int here = s->top + (size_t)i == s->cur;

		if (here)
			attron(A_REVERSE);
		if (l->bold)
			attron(A_BOLD);
		if (here)
			mvhline(y, 0, ' ', COLS);
		term_text(y, 1, COLS - 2, l->text);
		attroff(A_REVERSE | A_BOLD);
	}
	if (c->ask != ASK_NONE && c->ask != ASK_GOTO) {
		snprintf(bar, sizeof bar, "%s %s", c->msg, c->answer);
		attron(A_BOLD);
		term_text(LINES - 2, 1, COLS - 2, bar);
		attroff(A_BOLD);
		term_cursor(LINES - 2, 2 + (int)mbstowcs(NULL, bar, 0));
	} else {
		if (c->msg[0]) {
			if (c->msg_error)
				attron(A_BOLD);
			term_text(LINES - 2, 1, COLS - 2, c->msg);
			attroff(A_BOLD);
		}
		if (s->kind == SCR_SEARCH)
			term_cursor(1, 7 + (int)mbstowcs(NULL, s->query, 0));
		else
			term_cursor(-1, 0);
	}
	snprintf(bar, sizeof bar, "%s (%s)  / search  Enter open  Esc back  "
	    "g go  ? help  q quit", store_user_name(c->st),
	    role_id(store_user_role(c->st)));
	term_bar(LINES - 1, bar, c->demo ? "DEMO" : NULL);
}

void
client_fini(struct client *c)
{
	while (c->depth > 0)
		clear_lines(&c->stack[--c->depth]);
	free(c->edit_seen);
	c->edit_seen = NULL;
}
