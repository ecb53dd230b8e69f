#include "config.h"

#include "casework/summary.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/returns.h"
#include "casework/rows.h"
#include "common/xmem.h"
#include "store/codes.h"
#include "store/record.h"
#include "store/store.h"
#include "store/user.h"
#include "store/workflow.h"

static struct summary_line *add(struct summary *s, enum summary_kind kind,
    const char *entity, int64_t id, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Add a line of kind that opens entity row id. */
static struct summary_line *
add(struct summary *s, enum summary_kind kind, const char *entity, int64_t id,
    const char *fmt, ...)
{
	struct summary_line *l;
	va_list ap;
	int len;

	s->l = xreallocarray(s->l, s->n + 1, sizeof *s->l);
	l = &s->l[s->n++];
	memset(l, 0, sizeof *l);
	l->kind = kind;
	l->entity = entity;
	l->id = id;
	/* Whole, however long the note: the screen wraps it. */
	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	l->text = xmalloc((size_t)(len > 0 ? len : 0) + 1);
	va_start(ap, fmt);
	vsnprintf(l->text, (size_t)(len > 0 ? len : 0) + 1, fmt, ap);
	va_end(ap);
	return l;
}

/* "code words", or "" for no code. */
static const char *
words(const char *list, const char *code, char *out, size_t len)
{
	const char *w = code && *code ? codes_label(list, code) : NULL;

	if (code == NULL || *code == '\0')
		snprintf(out, len, "not recorded");
	else
		snprintf(out, len, "%s %s", code, w ? w : "");
	return out;
}

/* A contact's source in words ("police"), or "an unrecorded source". */
static const char *
source_words(const char *code, char *out, size_t len)
{
	snprintf(out, len, "%s", *code ? codes_label("referral_source", code) :
	    "an unrecorded source");
	return out;
}

/* Contacts waiting, referrals and their assessments. */
static void
front_door(struct summary *s, struct store *st, const struct calendar *cal,
    long today, int64_t id, const struct record *worker)
{
	struct rows co, re, as;
	char d[RT_DATE], w[160];
	size_t i;
	int ok;

	rows_load(st, "contact", id, &co);
	rows_load(st, "referral", id, &re);
	rows_load(st, "assessment", id, &as);
	for (i = 0; i < co.n; i++) {
		struct summary_line *l;
		const char *when = rows_val(&co.r[i], "contact_date");
		char day[11];

		if (rows_val(&co.r[i], "decision")[0])
			continue;
		/* A date and time: "01/12/2026 14:02". */
		snprintf(day, sizeof day, "%.10s", when);
		l = add(s, SUM_CONTACT, "contact", co.r[i].id, "Contact of %s "
		    "%.5s from %s waiting for a decision", returns_dmy(day, d),
		    strlen(when) > 11 ? when + 11 : "", source_words(rows_val(
		    &co.r[i], "source"), w, sizeof w));
		l->field = "decision";
	}
	for (i = 0; i < re.n; i++) {
		const struct record *r = &re.r[i];
		const struct record *a = NULL;
		long from, n;
		size_t j;

		if (rows_val(r, "closure_date")[0])
			continue;
		if (worker != NULL) {
			char who[200];

			store_user_display(st, rows_val(worker, "worker"), who,
			    sizeof who);
			add(s, SUM_REFERRAL, "referral", r->id, "Referral of %s "
			    "(%s): allocated to %s", returns_dmy(rows_val(r,
			    "referral_date"), d), codes_label("referral_source",
			    rows_val(r, "source")), who);
		}
		else
			add(s, SUM_REFERRAL, "referral", r->id, "Referral of %s "
			    "(%s): not allocated, waiting with %s", returns_dmy(
			    rows_val(r, "referral_date"), d), codes_label(
			    "referral_source", rows_val(r, "source")),
			    rows_val(r, "team")[0] ? rows_val(r, "team") :
			    "the borough's queue");
		for (j = 0; j < as.n; j++)
			if (strcmp(rows_val(&as.r[j], "start_date"), rows_val(r,
			    "referral_date")) >= 0)
				a = &as.r[j];
		if (a != NULL && rows_val(a, "completed_date")[0])
			continue;
		from = calendar_day(rows_val(r, "referral_date"), &ok);
		if (!ok)
			continue;
		n = calendar_workdays_between(cal, from, today);
		add(s, SUM_ASSESSMENT, a ? "assessment" : NULL, a ? a->id : 0,
		    "Assessment %s: day %ld of 45", a ? "in progress" :
		    "not started", n);
	}
	rows_fini(&co);
	rows_fini(&re);
	rows_fini(&as);
}

/* Plans, care, leaving care and adoption. */
static void
open_work(struct summary *s, struct store *st, int64_t id)
{
	struct rows cin, cp, per, ep, cl, pm, am;
	const struct record *r, *period;
	char d[RT_DATE], d2[RT_DATE], a[160], b[200];

	rows_load(st, "cin_plan", id, &cin);
	rows_load(st, "cp_plan", id, &cp);
	rows_load(st, "care_period", id, &per);
	rows_load(st, "care_episode", id, &ep);
	rows_load(st, "care_leaver", id, &cl);
	rows_load(st, "permanence", id, &pm);
	rows_load(st, "adopter_member", id, &am);
	if ((r = rows_open(&cin, "start_date", "end_date")) != NULL)
		add(s, SUM_CIN_PLAN, "cin_plan", r->id, "Child in need plan "
		    "since %s", returns_dmy(rows_val(r, "start_date"), d));
	if ((r = rows_open(&cp, "start_date", "end_date")) != NULL)
		add(s, SUM_CP_PLAN, "cp_plan", r->id, "Child protection plan "
		    "since %s: %s", returns_dmy(rows_val(r, "start_date"), d),
		    codes_label("abuse_category", rows_val(r,
		    "latest_category")[0] ? rows_val(r, "latest_category") :
		    rows_val(r, "initial_category")));
	period = rows_open(&per, "start_date", "end_date");
	if (period != NULL && (r = rows_open(&ep, "start_date", "end_date")) !=
	    NULL)
		add(s, SUM_LOOKED_AFTER, "care_episode", r->id, "Looked after "
		    "since %s (%s); placed since %s: %s; carer %s, %s%s%s",
		    returns_dmy(rows_val(period, "start_date"), d), words(
		    "legal_status", rows_val(r, "legal_status"), a, sizeof a),
		    returns_dmy(rows_val(r, "start_date"), d2), words(
		    "placement_type", rows_val(r, "placement_type"), b,
		    sizeof b), rows_val(r, "carer")[0] ? rows_val(r, "carer") :
		    "not recorded", rows_val(r, "carer_phone")[0] ?
		    rows_val(r, "carer_phone") : "no number",
		    rows_val(r, "placement_postcode")[0] ? ", " : "",
		    rows_val(r, "placement_postcode"));
	if (period == NULL && cl.n > 0) {
		r = &cl.r[cl.n - 1];
		add(s, SUM_CARE_LEAVER, "care_leaver", r->id, "Care leaver: "
		    "personal adviser %s, last in touch %s",
		    rows_val(r, "personal_adviser")[0] ? rows_val(r,
		    "personal_adviser") : "not recorded", returns_dmy(
		    rows_val(r, "contact_date"), d));
	}
	if (pm.n > 0 && !rows_val(&pm.r[pm.n - 1], "adoption_order_date")[0] &&
	    !rows_val(&pm.r[pm.n - 1], "reversed_date")[0]) {
		r = &pm.r[pm.n - 1];
		add(s, SUM_ADOPTION, "permanence", r->id, "Adoption: %s",
		    rows_val(r, "placed_date")[0] ? "placed for adoption" :
		    rows_val(r, "matched_date")[0] ? "matched" :
		    rows_val(r, "placement_order_date")[0] ?
		    "placement order made" : "should be placed for adoption");
	}
	if (am.n > 0) {
		struct record h;
		int64_t hid = atoll(rows_val(&am.r[am.n - 1], "household_id"));

		s->adopter = 1;
		if (store_record_get(st, "adopter_household", hid, &h, NULL) ==
		    CD_OK) {
			const char *v;

			if ((v = store_record_value(&h, "approved_date")))
				snprintf(a, sizeof a, "approved %s",
				    returns_dmy(v, d));
			else if ((v = store_record_value(&h, "stage2_start")))
				snprintf(a, sizeof a, "Stage 2 since %s",
				    returns_dmy(v, d));
			else if ((v = store_record_value(&h, "stage1_start")))
				snprintf(a, sizeof a, "Stage 1 since %s",
				    returns_dmy(v, d));
			else
				snprintf(a, sizeof a, "enquiry");
			add(s, SUM_ADOPTION, "adopter_household", hid,
			    "Prospective adopter: %s, %s",
			    store_record_value(&h, "name"), a);
			store_record_fini(&h);
		}
	}
	rows_fini(&cin);
	rows_fini(&cp);
	rows_fini(&per);
	rows_fini(&ep);
	rows_fini(&cl);
	rows_fini(&pm);
	rows_fini(&am);
}

/* The next three tasks: the person's, or their household's stage. */
static void
next_tasks(struct summary *s, struct store *st, const struct ruleset *rs,
    const struct calendar *cal, long today, int64_t id)
{
	const struct summary_line *hh = NULL;
	struct tasks t;
	char d[11], dd[RT_DATE];
	size_t i, k;

	if (tasks_for_person(st, rs, cal, today, id, &t, NULL) != CD_OK)
		return;
	for (k = 0; k < s->n; k++)
		if (s->l[k].kind == SUM_ADOPTION && strcmp(s->l[k].entity,
		    "adopter_household") == 0)
			hh = &s->l[k];
	if (hh != NULL) {
		struct household_view v;

		if (summary_household(st, rs, cal, today, hh->id, &v, NULL) ==
		    CD_OK) {
			for (i = 0; i < v.tasks.n; i++) {
				t.t = xreallocarray(t.t, t.n + 1, sizeof *t.t);
				t.t[t.n++] = v.tasks.t[i];
			}
			free(v.tasks.t);
			v.tasks.t = NULL;
			v.tasks.n = 0;
			household_view_fini(&v);
		}
	}
	for (i = 0; i < t.n && i < 3; i++) {
		struct summary_line *l;

		calendar_date(t.t[i].due, d);
		l = add(s, SUM_TASK, t.t[i].step.entity, t.t[i].step.id,
		    "%s by %s%s", t.t[i].rule->title, returns_dmy(d, dd),
		    t.t[i].late > 0 ? " (overdue)" : "");
		l->step = t.t[i].step;
		l->field = t.t[i].step.field;
		l->late = t.t[i].late > 0;
	}
	tasks_fini(&t);
}

/* The three latest significant events, newest first. */
static void
events(struct summary *s, struct store *st, int64_t id)
{
	const struct record *best[3];
	struct rows ch;
	char d[RT_DATE];
	size_t i, n;

	rows_load(st, "chronology", id, &ch);
	n = rows_significant(&ch, best);
	for (i = 0; i < n; i++)
		add(s, SUM_EVENT, "chronology", best[i]->id, "%s %s",
		    returns_dmy(rows_val(best[i], "event_date"), d),
		    rows_val(best[i], "summary"));
	rows_fini(&ch);
}

enum cd_status
summary_build(struct store *st, const struct ruleset *rs,
    const struct calendar *cal, long today, int64_t id, struct summary *out,
    struct cd_err *err)
{
	struct rows al, ad, ed, mi;
	const struct record *w = NULL, *home, *r;
	struct record p;
	char day[11], d[RT_DATE];
	enum cd_status code;
	size_t i;
	int age;

	memset(out, 0, sizeof *out);
	/* Every read's audit event in one transaction: one commit, not 15. */
	code = store_batch_begin(st, err);
	if (code != CD_OK)
		return code;
	code = store_record_get(st, "person", id, &p, err);
	if (code != CD_OK) {
		store_batch_commit(st, NULL);
		return code;
	}
	calendar_date(today, day);
	age = returns_age(store_record_value(&p, "dob"), day);
	out->adult = age >= 18;
	if (age >= 0)
		out->heading = xasprintf("%s, %s  #%lld  %s  %d (born %s)",
		    rows_val(&p, "family_name"), rows_val(&p, "given_names"),
		    (long long)id, rows_val(&p, "sex"), age, returns_dmy(
		    rows_val(&p, "dob"), d));
	else
		out->heading = xasprintf("%s, %s  #%lld  unborn, due %s",
		    rows_val(&p, "family_name"), rows_val(&p, "given_names"),
		    (long long)id, returns_dmy(rows_val(&p, "expected_dob"), d));
	rows_load(st, "allocation", id, &al);
	for (i = 0; i < al.n; i++)
		if (!rows_val(&al.r[i], "end_date")[0] && strcmp(rows_val(
		    &al.r[i], "role"), "social-worker") == 0)
			w = &al.r[i];
	front_door(out, st, cal, today, id, w);
	open_work(out, st, id);
	rows_load(st, "address", id, &ad);
	if ((home = rows_open(&ad, "start_date", "end_date")) != NULL)
		add(out, SUM_ADDRESS, "address", home->id, "Lives at %s%s%s %s",
		    rows_val(home, "line1"), rows_val(home, "town")[0] ? ", " :
		    "", rows_val(home, "town"), rows_val(home, "postcode"));
	rows_load(st, "education_fact", id, &ed);
	for (r = NULL, i = 0; i < ed.n; i++)
		if (rows_val(&ed.r[i], "school")[0])
			r = &ed.r[i];
	if (r != NULL && !out->adult)
		add(out, SUM_SCHOOL, "education_fact", r->id, "School: %s",
		    rows_val(r, "school"));
	if (w != NULL) {
		char who[200];

		store_user_display(st, rows_val(w, "worker"), who, sizeof who);
		add(out, SUM_WORKER, "allocation", w->id, "Worker: %s, %s, %s",
		    who, rows_val(w, "team")[0] ? rows_val(w, "team") :
		    "no team", rows_val(w, "phone")[0] ? rows_val(w, "phone") :
		    "no number");
	}
	else if (!out->adopter)
		add(out, SUM_WORKER, NULL, 0, "No allocated worker");
	if (rows_val(&p, "restricted")[0] == '1')
		add(out, SUM_ALERT, "person", id, "Restricted record");
	if (rows_val(&p, "risk_to_workers")[0])
		add(out, SUM_ALERT, "person", id, "Risk to workers: %s",
		    rows_val(&p, "risk_to_workers"));
	rows_load(st, "missing_episode", id, &mi);
	if ((r = rows_open(&mi, "start_date", "end_date")) != NULL)
		add(out, SUM_ALERT, "missing_episode", r->id, "Missing since %s",
		    returns_dmy(rows_val(r, "start_date"), d));
	if (rows_val(&p, "ooh_instructions")[0])
		add(out, SUM_ALERT, "person", id, "Out of hours: %s",
		    rows_val(&p, "ooh_instructions"));
	if (rows_val(&p, "safety_plan")[0])
		add(out, SUM_ALERT, "person", id, "Safety plan: %s",
		    rows_val(&p, "safety_plan"));
	next_tasks(out, st, rs, cal, today, id);
	events(out, st, id);
	rows_fini(&al);
	rows_fini(&ad);
	rows_fini(&ed);
	rows_fini(&mi);
	store_record_fini(&p);
	return store_batch_commit(st, err);
}

const struct summary_line *
summary_find(const struct summary *s, enum summary_kind kind)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->l[i].kind == kind)
			return &s->l[i];
	return NULL;
}

void
summary_fini(struct summary *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->l[i].text);
	free(s->l);
	free(s->heading);
	memset(s, 0, sizeof *s);
}

/* A code and its words, or NULL for no code. */
static char *
dup_words(const char *list, const char *code)
{
	const char *w;

	if (code == NULL || *code == '\0')
		return NULL;
	w = codes_label(list, code);
	return xasprintf("%s %s", code, w ? w : "");
}

static char *
dup_or_null(const char *v)
{
	return v && *v ? xstrdup(v) : NULL;
}

enum cd_status
summary_placements(struct store *st, int64_t id, struct placements *out,
    struct cd_err *err)
{
	struct rows ep;
	struct record p;
	enum cd_status code;
	size_t i;

	memset(out, 0, sizeof *out);
	code = store_record_get(st, "person", id, &p, err);
	if (code != CD_OK)
		return code;
	store_record_fini(&p);
	rows_load(st, "care_episode", id, &ep);
	out->p = xcalloc(ep.n ? ep.n : 1, sizeof *out->p);
	for (i = 0; i < ep.n; i++) {
		const struct record *r = &ep.r[i];
		struct placement *x = &out->p[out->n++];

		x->period = atoll(rows_val(r, "care_period_id"));
		x->episode = r->id;
		x->start = dup_or_null(rows_val(r, "start_date"));
		x->end = dup_or_null(rows_val(r, "end_date"));
		x->legal_status = dup_words("legal_status", rows_val(r,
		    "legal_status"));
		x->placement = dup_words("placement_type", rows_val(r,
		    "placement_type"));
		x->carer = dup_or_null(rows_val(r, "carer"));
		x->carer_phone = dup_or_null(rows_val(r, "carer_phone"));
		x->postcode = dup_or_null(rows_val(r, "placement_postcode"));
		x->reason_change = dup_words("reason_place_change", rows_val(r,
		    "reason_change"));
		x->reason_ceased = dup_words("reason_ceased", rows_val(r,
		    "reason_ceased"));
	}
	rows_fini(&ep);
	return CD_OK;
}

void
placements_fini(struct placements *p)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		struct placement *x = &p->p[i];

		free(x->start);
		free(x->end);
		free(x->legal_status);
		free(x->placement);
		free(x->carer);
		free(x->carer_phone);
		free(x->postcode);
		free(x->reason_change);
		free(x->reason_ceased);
	}
	free(p->p);
	memset(p, 0, sizeof *p);
}

static void
member(int64_t person, const char *name, void *arg)
{
	struct household_view *h = arg;

	h->members = xreallocarray(h->members, h->nmembers + 1,
	    sizeof *h->members);
	h->member_names = xreallocarray(h->member_names, h->nmembers + 1,
	    sizeof *h->member_names);
	h->members[h->nmembers] = person;
	h->member_names[h->nmembers++] = xstrdup(name);
}

static void
match(const struct household_match *m, void *arg)
{
	struct household_view *h = arg;
	struct match_view *v;

	h->matches = xreallocarray(h->matches, h->nmatches + 1,
	    sizeof *h->matches);
	v = &h->matches[h->nmatches++];
	v->person = m->person;
	v->name = xstrdup(m->name);
	v->matched = dup_or_null(m->matched);
	v->placed = dup_or_null(m->placed);
	v->order = dup_or_null(m->order);
	v->reversed = dup_or_null(m->reversed);
}

enum cd_status
summary_household(struct store *st, const struct ruleset *rs,
    const struct calendar *cal, long today, int64_t household,
    struct household_view *out, struct cd_err *err)
{
	static const char *const stages[][2] = { { "left_date", "left" },
	    { "approved_date", "approved" }, { "panel_date", "at panel" },
	    { "stage2_end", "Stage 2 complete, panel next" },
	    { "stage2_start", "Stage 2" }, { "stage1_end", "between stages" },
	    { "stage1_start", "Stage 1" } };
	const char *rule = NULL, *from = NULL;
	struct record h;
	enum cd_status code;
	size_t i;
	int ok;

	memset(out, 0, sizeof *out);
	code = store_record_get(st, "adopter_household", household, &h, err);
	if (code != CD_OK)
		return code;
	out->id = household;
	out->name = dup_or_null(store_record_value(&h, "name"));
	out->enquiry = dup_or_null(store_record_value(&h, "enquiry_date"));
	out->stage1_start = dup_or_null(store_record_value(&h, "stage1_start"));
	out->stage1_end = dup_or_null(store_record_value(&h, "stage1_end"));
	out->stage2_start = dup_or_null(store_record_value(&h, "stage2_start"));
	out->stage2_end = dup_or_null(store_record_value(&h, "stage2_end"));
	out->application = dup_or_null(store_record_value(&h,
	    "application_date"));
	out->panel = dup_or_null(store_record_value(&h, "panel_date"));
	out->approved = dup_or_null(store_record_value(&h, "approved_date"));
	out->left = dup_or_null(store_record_value(&h, "left_date"));
	for (i = 0; i < sizeof stages / sizeof stages[0]; i++)
		if (store_record_value(&h, stages[i][0]) != NULL)
			break;
	out->stage = xstrdup(i < sizeof stages / sizeof stages[0] ?
	    stages[i][1] : "enquiry");
	/* The stage's clock, as the work tray counts it. */
	if (out->stage2_start && !out->stage2_end && !out->approved &&
	    !out->left)
		rule = "adopter-stage2", from = out->stage2_start;
	else if (out->stage1_start && !out->stage1_end && !out->left)
		rule = "adopter-stage1", from = out->stage1_start;
	if (rule != NULL && ruleset_find(rs, rule) != NULL) {
		struct task *t;
		long anchor = calendar_day(from, &ok);
		const struct task_step *step = task_step_for(rule);

		if (ok) {
			out->tasks.t = xcalloc(1, sizeof *out->tasks.t);
			out->tasks.n = 1;
			t = &out->tasks.t[0];
			t->household = household;
			t->name = xstrdup(out->name ? out->name : "");
			t->rule = ruleset_find(rs, rule);
			t->due = rule_due(t->rule, cal, anchor, -1);
			t->late = today - t->due;
			t->from = xstrdup(from);
			if (step != NULL) {
				t->step = *step;
				t->step.id = household;
			}
		}
	}
	store_record_fini(&h);
	code = store_household_members(st, household, member, out, err);
	if (code == CD_OK)
		code = store_household_matches(st, household, match, out, err);
	return code;
}

void
household_view_fini(struct household_view *h)
{
	size_t i;

	free(h->name);
	free(h->stage);
	free(h->enquiry);
	free(h->stage1_start);
	free(h->stage1_end);
	free(h->stage2_start);
	free(h->stage2_end);
	free(h->application);
	free(h->panel);
	free(h->approved);
	free(h->left);
	for (i = 0; i < h->nmembers; i++)
		free(h->member_names[i]);
	free(h->member_names);
	free(h->members);
	for (i = 0; i < h->nmatches; i++) {
		free(h->matches[i].name);
		free(h->matches[i].matched);
		free(h->matches[i].placed);
		free(h->matches[i].order);
		free(h->matches[i].reversed);
	}
	free(h->matches);
	tasks_fini(&h->tasks);
	memset(h, 0, sizeof *h);
}
