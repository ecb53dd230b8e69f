#include "config.h"

#include "casework/tasks.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "common/xmem.h"
#include "store/casefacts.h"

struct collect {
	const struct ruleset *rs;
	const struct calendar *cal;
	long today;
	struct tasks *out;
};

/* What completes each rule's work (the forms are forms/defs/). */
static const struct {
	const char *rule;
	struct task_step step;
} steps[] = {
	{ "contact-decision", { "contact", 0, "decision", "contact", NULL } },
	{ "strategy-discussion", { NULL, 0, NULL, "strategy-discussion",
	    NULL } },
	/* What follows police protection is a new legal status (or care
	 * ends): the change form, not the night's record again. */
	{ "police-protection", { NULL, 0, NULL, "placement-change", NULL } },
	{ "assessment", { "assessment", 0, NULL, "assessment", NULL } },
	{ "icpc", { NULL, 0, NULL, "icpc", "kind=initial" } },
	{ "cp-review-first", { NULL, 0, NULL, "rcpc", "kind=review" } },
	{ "cp-review-next", { NULL, 0, NULL, "rcpc", "kind=review" } },
	{ "cp-visit", { NULL, 0, NULL, "visit", "kind=cp" } },
	{ "cin-review", { "cin_plan", 0, NULL, "cin-plan", NULL } },
	{ "lac-review-first", { NULL, 0, NULL, "cla-review", NULL } },
	{ "lac-review-second", { NULL, 0, NULL, "cla-review", NULL } },
	{ "lac-review-next", { NULL, 0, NULL, "cla-review", NULL } },
	{ "lac-visit-first", { NULL, 0, NULL, "visit", "kind=cla" } },
	{ "lac-visit-next", { NULL, 0, NULL, "visit", "kind=cla" } },
	{ "lac-visit-permanent", { NULL, 0, NULL, "visit", "kind=cla" } },
	{ "health-initial", { NULL, 0, NULL, "health",
	    "kind=health-assessment" } },
	{ "health-review", { NULL, 0, NULL, "health",
	    "kind=health-assessment" } },
	{ "pep", { NULL, 0, NULL, "pep", "kind=pep" } },
	{ "pathway-plan", { NULL, 0, NULL, "pathway-plan", NULL } },
	/* The household screen first; from there, the date that ends it. */
	{ "adopter-stage1", { "adopter_household", 0, "stage1_end",
	    "adopter-stage1", NULL } },
	{ "adopter-stage2", { "adopter_household", 0, "stage2_end",
	    "adopter-stage2", NULL } },
};

const struct task_step *
task_step_for(const char *rule)
{
	size_t i;

	for (i = 0; rule != NULL && i < sizeof steps / sizeof steps[0]; i++)
		if (strcmp(steps[i].rule, rule) == 0)
			return &steps[i].step;
	return NULL;
}

/*
 * Add a task for rule counted from the date from (nothing if from is
 * NULL); row is what its step opens (0: a new form).
 */
static void
add(struct collect *c, const char *rule, const char *from, int age,
    int64_t person, int64_t household, int64_t row, const char *name,
    const char *worker, const char *team)
{
	const struct task_step *step = task_step_for(rule);
	const struct rule *r = ruleset_find(c->rs, rule);
	struct task *t;
	long anchor;
	int ok;

	if (r == NULL || from == NULL)
		return;
	anchor = calendar_day(from, &ok);
	if (!ok)
		return;
	c->out->t = xreallocarray(c->out->t, c->out->n + 1,
	    sizeof *c->out->t);
	t = &c->out->t[c->out->n++];
	memset(t, 0, sizeof *t);
	t->person = person;
	t->household = household;
	t->name = xstrdup(name);
	t->worker = worker ? xstrdup(worker) : NULL;
	t->team = team ? xstrdup(team) : NULL;
	t->rule = r;
	t->due = rule_due(r, c->cal, anchor, age);
	t->late = c->today - t->due;
	t->from = xstrdup(from);
	if (step != NULL) {
		t->step = *step;
		t->step.id = step->entity ? row : 0;
		/* No row to open yet (an assessment not started): a new form. */
		if (t->step.id == 0 && strcmp(rule, "assessment") == 0)
			t->step.entity = NULL;
	}
}

/* The later of two dates (either may be NULL). */
static const char *
later(const char *a, const char *b)
{
	if (a == NULL)
		return b;
	if (b == NULL)
		return a;
	return strcmp(a, b) >= 0 ? a : b;
}

/* Whole years between a date of birth and today; -1 if unknown. */
static int
age(const char *dob, long today)
{
	int ok;
	long d = dob ? calendar_day(dob, &ok) : 0;

	if (dob == NULL || !ok)
		return -1;
	return (int)((today - d) / 365.25);
}

/* The clocks running for one case. */
static void
on_case(const struct case_facts *f, void *arg)
{
	struct collect *c = arg;
	int years = age(f->dob, c->today);

#define ADD_AT(rule, from, row) add(c, rule, from, years, f->person, 0, \
	row, f->name, f->worker, f->team)
#define ADD(rule, from) ADD_AT(rule, from, 0)
	ADD_AT("contact-decision", f->contact_waiting, f->contact_id);
	ADD_AT("strategy-discussion", f->strat_waiting, f->strat_contact_id);
	ADD_AT("police-protection", f->pp_start, f->ooh_id);
	ADD_AT("assessment", f->referral_open, f->assessment_id);
	ADD("icpc", f->strategy_no_icpc);
	ADD_AT("cin-review", f->cin_start, f->cin_id);
	if (f->cp_start) {
		if (f->cp_last_review)
			ADD("cp-review-next", f->cp_last_review);
		else
			ADD("cp-review-first", f->cp_start);
		ADD("cp-visit", later(f->cp_last_visit, f->cp_start));
	}
	if (f->lac_start) {
		if (f->lac_reviews == 0)
			ADD("lac-review-first", f->lac_start);
		else if (f->lac_reviews == 1)
			ADD("lac-review-second", f->lac_first_review);
		else
			ADD("lac-review-next", f->lac_last_review);
		if (f->lac_last_visit == NULL || (f->lac_placement &&
		    strcmp(f->lac_last_visit, f->lac_placement) < 0))
			ADD("lac-visit-first", f->lac_placement ?
			    f->lac_placement : f->lac_start);
		else
			ADD(f->lac_permanent ? "lac-visit-permanent" :
			    "lac-visit-next", f->lac_last_visit);
		if (f->last_health == NULL || strcmp(f->last_health,
		    f->lac_start) < 0)
			ADD("health-initial", f->lac_start);
		else
			ADD("health-review", f->last_health);
		if (f->last_pep && years >= 4 && years < 18)
			ADD("pep", f->last_pep);
	}
	if (f->pathway_last && !f->lac_start)
		ADD("pathway-plan", f->pathway_last);
#undef ADD
#undef ADD_AT
}

static void
on_adopters(const struct adopter_facts *a, void *arg)
{
	struct collect *c = arg;

	if (a->stage2_start && a->stage2_end == NULL)
		add(c, "adopter-stage2", a->stage2_start, -1, 0, a->household,
		    a->household, a->name, a->worker, a->team);
	else if (a->stage1_start && a->stage1_end == NULL)
		add(c, "adopter-stage1", a->stage1_start, -1, 0, a->household,
		    a->household, a->name, a->worker, a->team);
}

static int
by_person(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

static int
by_due(const void *a, const void *b)
{
	const struct task *x = a, *y = b;

	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	return x->person < y->person ? -1 : x->person > y->person;
}

/* Read the tasks of scope sc into out (adding to what is there). */
static enum cd_status
read_scope(struct store *st, const struct ruleset *rs,
    const struct calendar *cal, long today, const struct case_scope *sc,
    int adopters, struct tasks *out, struct cd_err *err)
{
	struct collect c = { rs, cal, today, out };
	enum cd_status code;

	code = store_case_facts(st, sc, on_case, adopters ? on_adopters : NULL,
	    &c, err);
	if (out->n > 1)
		qsort(out->t, out->n, sizeof *out->t, by_due);
	return code;
}

enum cd_status
tasks_collect(struct store *st, const struct ruleset *rs,
    const struct calendar *cal, long today, const char *worker,
    const char *team, struct tasks *out, struct cd_err *err)
{
	struct case_scope sc = { 0 };

	memset(out, 0, sizeof *out);
	sc.worker = worker;
	sc.team = team;
	return read_scope(st, rs, cal, today, &sc, 1, out, err);
}

enum cd_status
tasks_for_person(struct store *st, const struct ruleset *rs,
    const struct calendar *cal, long today, int64_t person,
    struct tasks *out, struct cd_err *err)
{
	struct case_scope sc = { 0 };

	memset(out, 0, sizeof *out);
	sc.person = person;
	return read_scope(st, rs, cal, today, &sc, 0, out, err);
}

/* An empty tray of today's, current to the audit chain's head. */
static enum cd_status
tray_start(struct store *st, long today, struct tasks *out,
    struct cd_err *err)
{
	int64_t *ids;
	size_t n;
	enum cd_status code;

	memset(out, 0, sizeof *out);
	out->today = today;
	/* Where the tray is current to: read before the tray itself. */
	code = store_changed_people(st, INT64_MAX, &ids, &n, &out->seen, err);
	free(ids);
	return code;
}

enum cd_status
tasks_tray(struct store *st, const struct ruleset *rs,
    const struct calendar *cal, long today, const char *worker,
    const char *team, int contacts, struct tasks *out, struct cd_err *err)
{
	struct case_scope sc = { 0 };
	enum cd_status code = tray_start(st, today, out, err);

	out->worker = worker ? xstrdup(worker) : NULL;
	out->team = team ? xstrdup(team) : NULL;
	out->contacts = contacts;
	if (code != CD_OK)
		return code;
	sc.worker = worker;
	sc.team = team;
	sc.contacts = contacts;
	return read_scope(st, rs, cal, today, &sc, 1, out, err);
}

enum cd_status
tasks_page(struct store *st, const struct ruleset *rs,
    const struct calendar *cal, long today, int64_t after, int size,
    struct tasks *out, struct cd_err *err)
{
	struct case_scope sc = { 0 };
	enum cd_status code = tray_start(st, today, out, err);

	out->paged = 1;
	out->size = size > 0 ? size : 1;
	out->after = after;
	if (code != CD_OK)
		return code;
	sc.after = after;
	sc.limit = out->size;
	sc.next = &out->next;
	return read_scope(st, rs, cal, today, &sc, 1, out, err);
}

/* Drop the tasks of the (sorted) people, and every adopters' task. */
static void
drop_people(struct tasks *t, const int64_t *ids, size_t n)
{
	size_t i, j = 0;

	for (i = 0; i < t->n; i++) {
		struct task *k = &t->t[i];

		if (k->person == 0 || (n > 0 && bsearch(&k->person, ids, n,
		    sizeof *ids, by_person) != NULL)) {
			free(k->name);
			free(k->worker);
			free(k->team);
			free(k->from);
			continue;
		}
		t->t[j++] = *k;
	}
	t->n = j;
}

/*
 * A page of the borough's brought up to date: read again when the day
 * moved on or someone within its range of people changed, else kept.
 */
static enum cd_status
refresh_page(struct store *st, const struct ruleset *rs,
    const struct calendar *cal, long today, struct tasks *t,
    struct cd_err *err)
{
	int64_t *ids, head, after = t->after;
	size_t n, i;
	int size = t->size, again = t->today != today;
	enum cd_status code;

	code = store_changed_people(st, t->seen, &ids, &n, &head, err);
	if (code != CD_OK)
		return code;
	for (i = 0; !again && i < n; i++)
		again = ids[i] > t->after && (t->next == 0 || ids[i] <= t->next);
	free(ids);
	if (!again) {
		t->seen = head;
		return CD_OK;
	}
	tasks_fini(t);
	return tasks_page(st, rs, cal, today, after, size, t, err);
}

enum cd_status
tasks_refresh(struct store *st, const struct ruleset *rs,
    const struct calendar *cal, long today, struct tasks *t,
    struct cd_err *err)
{
	struct case_scope sc = { 0 };
	enum cd_status code;
	int64_t *ids, head;
	size_t n;

	if (t->paged)
		return refresh_page(st, rs, cal, today, t, err);
	if (t->today != today) {
		char *w = t->worker, *m = t->team;
		int contacts = t->contacts;

		t->worker = t->team = NULL;
		tasks_fini(t);
		code = tasks_tray(st, rs, cal, today, w, m, contacts, t, err);
		free(w);
		free(m);
		return code;
	}
	code = store_changed_people(st, t->seen, &ids, &n, &head, err);
	if (code != CD_OK)
		return code;
	drop_people(t, ids, n);
	sc.worker = t->worker;
	sc.team = t->team;
	sc.contacts = t->contacts;
	sc.listed = 1;
	sc.people = ids;
	sc.npeople = n;
	code = read_scope(st, rs, cal, today, &sc, 1, t, err);
	free(ids);
	if (code == CD_OK)
		t->seen = head;
	return code;
}

void
tasks_fini(struct tasks *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->t[i].name);
		free(t->t[i].worker);
		free(t->t[i].team);
		free(t->t[i].from);
	}
	free(t->t);
	free(t->worker);
	free(t->team);
	memset(t, 0, sizeof *t);
}

static int
by_overdue(const void *a, const void *b)
{
	const struct worker_load *x = a, *y = b;

	if (x->overdue != y->overdue)
		return y->overdue - x->overdue;
	if (x->worker == NULL || y->worker == NULL)
		return (x->worker == NULL) - (y->worker == NULL);
	return strcmp(x->worker, y->worker);
}

struct worker_load *
tasks_by_worker(const struct tasks *t, size_t *n)
{
	struct worker_load *w = NULL;
	size_t i, j;

	*n = 0;
	for (i = 0; i < t->n; i++) {
		const char *name = t->t[i].worker;

		for (j = 0; j < *n; j++)
			if (name ? w[j].worker && strcmp(w[j].worker, name) ==
			    0 : w[j].worker == NULL)
				break;
		if (j == *n) {
			w = xreallocarray(w, *n + 1, sizeof *w);
			memset(&w[j], 0, sizeof w[j]);
			w[j].worker = name ? xstrdup(name) : NULL;
			(*n)++;
		}
		w[j].total++;
		if (t->t[i].late > 0)
			w[j].overdue++;
		else if (t->t[i].late > -8)
			w[j].this_week++;
	}
	if (*n > 1)
		qsort(w, *n, sizeof *w, by_overdue);
	return w;
}

void
worker_loads_free(struct worker_load *w, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(w[i].worker);
	free(w);
}

enum cd_status
lateness_load(struct lateness *l, const struct cfg *c, struct cd_err *err)
{
	enum cd_status code;

	memset(l, 0, sizeof *l);
	code = calendar_load(&l->cal, calendar_default_file(), c ?
	    c->closures : NULL, err);
	if (code == CD_OK)
		code = ruleset_load(&l->rules, ruleset_default_file(), c, err);
	l->loaded = code == CD_OK;
	return code;
}

int
lateness_check(const char *rule, const char *from, const char *done,
    void *arg)
{
	const struct lateness *l = arg;
	const struct rule *r;
	char now[DATE_TIME_LEN];
	long anchor, end;
	int ok, ok2;

	if (l == NULL || !l->loaded || (r = ruleset_find(&l->rules, rule)) ==
	    NULL)
		return 0;
	anchor = calendar_day(from, &ok);
	if (done == NULL) {
		date_now(now);
		now[10] = '\0';
		done = now;
	}
	end = calendar_day(done, &ok2);
	return ok && ok2 && end > rule_due(r, &l->cal, anchor, -1);
}

void
lateness_fini(struct lateness *l)
{
	calendar_fini(&l->cal);
	ruleset_fini(&l->rules);
	memset(l, 0, sizeof *l);
}
