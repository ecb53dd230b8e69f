/*
 * Work that flows: a contact's decision starts the next step in the same
 * transaction, the queue and allocation move a case to a worker's tray,
 * a draft can be discarded, and a search becomes a new person's fields.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/calendar.h"
#include "casework/demo.h"
#include "casework/look.h"
#include "casework/summary.h"
#include "casework/tasks.h"
#include "casework/timescale.h"
#include "common/namequery.h"
#include "common/xmem.h"
#include "fixture.h"
#include "keys/secret.h"
#include "store/audit.h"
#include "store/form.h"
#include "store/record.h"
#include "store/user.h"
#include "store/testing.h"
#include "store/workflow.h"

static struct calendar cal;
static struct ruleset rules;

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);

	fixture_make(f);
	assert_int_equal(store_user_add(f->st, "mo", "Mo Manager",
	    ROLE_MANAGER, "Team 1", NULL), CD_OK);
	/* The trail's details are governance's to read, not the admin's. */
	assert_int_equal(store_user_add(f->st, "auditor", "", ROLE_GOVERNANCE,
	    "", NULL), CD_OK);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	fixture_free(*state);
	free(*state);
	return 0;
}

struct rows {
	int n;
	int64_t last;
};

static int
count_rows(const struct record *r, void *arg)
{
	struct rows *rows = arg;

	rows->n++;
	rows->last = r->id;
	return 0;
}

/* How many referrals person has; *last is the latest (caller frees). */
static int
referrals(struct store *st, int64_t person, struct record *last)
{
	struct rows rows = { 0, 0 };

	memset(last, 0, sizeof *last);
	assert_int_equal(store_record_list(st, "referral", person, count_rows,
	    &rows, NULL), CD_OK);
	if (rows.last)
		assert_int_equal(store_record_get(st, "referral", rows.last,
		    last, NULL), CD_OK);
	return rows.n;
}

struct found {
	const char *action, *entity;
	int64_t id;
	const char *field, *value;	/* a change the event must carry */
	int n;
};

static int
find_event(const struct audit_row *r, void *arg)
{
	struct found *f = arg;
	size_t i;

	if (strcmp(r->action, f->action) != 0 || r->entity == NULL ||
	    strcmp(r->entity, f->entity) != 0 || (f->id && r->entity_id !=
	    f->id))
		return 0;
	for (i = 0; i < r->nchanges; i++)
		if (strcmp(r->changes[i].field, f->field) == 0 &&
		    ((r->changes[i].new_ && strcmp(r->changes[i].new_,
		    f->value) == 0) || (r->changes[i].old &&
		    strcmp(r->changes[i].old, f->value) == 0)))
			f->n++;
	return 0;
}

/* How many events about person match what f asks for. */
static int
events(struct fixture *fx, int64_t person, struct found *f)
{
	struct audit_filter flt = { 0 };
	struct store *gov = fixture_open_as(fx, "auditor");

	flt.person_id = person;
	f->n = 0;
	assert_int_equal(store_audit_list(gov, &flt, find_event, f, NULL),
	    CD_OK);
	store_close(&gov);
	return f->n;
}

static int64_t
child(struct store *st)
{
	return fixture_row(st, "person", 0, "family_name", "Kowalczyk",
	    "given_names", "Aurelia", "dob", "2019-03-14", NULL);
}

static void
ref_makes_exactly_one_referral(void **state)
{
	struct fixture *f = *state;
	struct store *st = fixture_open_as(f, "sam");
	const struct workflow_step *w;
	struct record r;
	struct found ev = { "create", "referral", 0, "source", "2A", 0 };
	char cid[24];
	int64_t p = child(st), c, c2;
	size_t n;
	struct cd_err err;

	c = fixture_row(st, "contact", p, "contact_date", "2026-11-20T09:15",
	    "source", "2A", "reason", "School saw bruising on her arm.",
	    "decision", "REF", "decision_date", "2026-11-20", NULL);
	/* One referral, carrying the contact's date, source and words. */
	assert_int_equal(referrals(st, p, &r), 1);
	snprintf(cid, sizeof cid, "%lld", (long long)c);
	assert_string_equal(store_record_value(&r, "referral_date"),
	    "2026-11-20");
	assert_string_equal(store_record_value(&r, "source"), "2A");
	assert_string_equal(store_record_value(&r, "reason"),
	    "School saw bruising on her arm.");
	assert_string_equal(store_record_value(&r, "contact_id"), cid);
	/* Nobody has the child: it waits with the decider's team. */
	assert_string_equal(store_record_value(&r, "team"), "Team 1");
	/* What was started is said: the referral and its 45-day clock. */
	n = store_workflow_started(st, &w);
	assert_int_equal(n, 2);
	assert_int_equal(w[0].kind, STEP_REFERRAL);
	assert_int_equal(w[0].id, r.id);
	assert_string_equal(w[0].team, "Team 1");
	assert_string_equal(w[0].worker, "");
	assert_int_equal(w[1].kind, STEP_CLOCK);
	assert_string_equal(w[1].rule, "assessment");
	assert_string_equal(w[1].date, "2026-11-20");
	/* On the audit trail, as the referral's own create. */
	ev.id = r.id;
	assert_int_equal(events(f, p, &ev), 1);
	store_record_fini(&r);

	/* Re-deciding, or saving REF again, makes no second referral. */
	fixture_update(st, "contact", c, "decision", "NFA", NULL);
	fixture_update(st, "contact", c, "decision", "REF", NULL);
	assert_int_equal(referrals(st, p, &r), 1);
	store_record_fini(&r);
	n = store_workflow_started(st, &w);
	assert_int_equal(n, 0);

	/* The referral is part of the contact's transaction: when it
	 * cannot be made, neither is the contact. */
	assert_int_equal(store_test_exec(st, "CREATE TEMP TRIGGER no_referral "
	    "BEFORE INSERT ON referral BEGIN SELECT RAISE(ABORT, 'refused'); "
	    "END", NULL), CD_OK);
	{
		struct field_value v[4] = { { "contact_date",
		    "2026-11-21T10:00" }, { "source", "6" }, { "reason",
		    "Police called." }, { "decision", "REF" } };
		struct rows rows = { 0, 0 };
		int64_t p2 = child(st);

		assert_int_not_equal(store_record_create(st, "contact", p2, v,
		    4, &c2, &err), CD_OK);
		assert_int_equal(store_record_list(st, "contact", p2,
		    count_rows, &rows, NULL), CD_OK);
		assert_int_equal(rows.n, 0);
	}
	assert_int_equal(store_test_exec(st, "DROP TRIGGER no_referral", NULL),
	    CD_OK);
	assert_int_equal(referrals(st, p, &r), 1);
	store_record_fini(&r);

	/* Another REF for the child joins the open referral. */
	fixture_row(st, "contact", p, "contact_date", "2026-11-22T08:00",
	    "source", "6", "reason", "Police called again.", "decision", "REF",
	    NULL);
	assert_int_equal(referrals(st, p, &r), 1);
	n = store_workflow_started(st, &w);
	assert_int_equal(n, 1);
	assert_int_equal(w[0].kind, STEP_REFERRAL);
	assert_int_equal(w[0].id, r.id);
	assert_string_equal(w[0].what, "joined");
	store_record_fini(&r);

	/* STRAT makes the referral and asks for the strategy discussion. */
	p = child(st);
	fixture_row(st, "contact", p, "contact_date", "2026-11-22T22:00",
	    "source", "6", "reason", "Police: injury to a child.", "decision",
	    "STRAT", "decision_date", "2026-11-22", NULL);
	n = store_workflow_started(st, &w);
	assert_int_equal(n, 3);
	assert_int_equal(w[0].kind, STEP_REFERRAL);
	assert_string_equal(w[2].rule, "strategy-discussion");
	assert_string_equal(w[2].date, "2026-11-22");
	store_close(&st);
}

/* The rules of the steps the session's last change started, in order. */
static void
started_rules(struct store *st, char *out, size_t len)
{
	const struct workflow_step *w;
	size_t n = store_workflow_started(st, &w), i;

	out[0] = '\0';
	for (i = 0; i < n; i++)
		if (w[i].kind == STEP_CLOCK)
			snprintf(out + strlen(out), len - strlen(out), "%s%s",
			    out[0] ? " " : "", w[i].rule);
}

/* Whether person's tray holds work timed by rule, due on due. */
static int
due_on(struct store *st, int64_t person, const char *rule, const char *due)
{
	struct tasks t;
	size_t i;
	int ok, found = 0;

	assert_int_equal(tasks_for_person(st, &rules, &cal, calendar_day(
	    "2026-11-23", &ok), person, &t, NULL), CD_OK);
	for (i = 0; i < t.n; i++)
		found |= strcmp(t.t[i].rule->name, rule) == 0 && t.t[i].due ==
		    calendar_day(due, &ok);
	tasks_fini(&t);
	return found;
}

/*
 * A section 47 agreed at the strategy discussion starts the initial
 * conference's clock (15 working days); a child protection plan its
 * visits (10 working days) and first review (3 months), each said.
 */
static void
s47_and_plans_start_their_steps(void **state)
{
	struct fixture *f = *state;
	struct store *st = fixture_open_as(f, "sam");
	int64_t p = child(st);
	char rules_started[200];

	fixture_row(st, "contact", p, "contact_date", "2026-11-02T09:15",
	    "source", "6", "reason", "Police: injury.", "decision", "STRAT",
	    "decision_date", "2026-11-02", NULL);
	fixture_row(st, "strategy_discussion", p, "discussion_date",
	    "2026-11-03", "s47_decided", "1", NULL);
	started_rules(st, rules_started, sizeof rules_started);
	assert_string_equal(rules_started, "icpc");
	assert_true(due_on(st, p, "icpc", "2026-11-24"));
	fixture_row(st, "cp_plan", p, "start_date", "2026-11-20",
	    "initial_category", "NEG", NULL);
	started_rules(st, rules_started, sizeof rules_started);
	assert_string_equal(rules_started, "cp-visit cp-review-first");
	assert_true(due_on(st, p, "cp-visit", "2026-12-04"));
	assert_true(due_on(st, p, "cp-review-first", "2027-02-20"));
	store_close(&st);
}

static int
count_queue(const struct queue_item *q, void *arg)
{
	int64_t *want = arg;

	if (q->person == want[0]) {
		want[1]++;
		assert_string_equal(q->entity, "referral");
	}
	return 0;
}

static int
queued(struct store *st, const char *team, int64_t person)
{
	int64_t c[2] = { person, 0 };

	assert_int_equal(store_queue(st, team, count_queue, c, NULL), CD_OK);
	return (int)c[1];
}

static int
sam_cases(const struct team_worker *w, void *arg)
{
	if (strcmp(w->worker, "sam") == 0)
		*(int *)arg = w->open_cases;
	return 0;
}

static void
allocation_moves_the_case_to_the_workers_tray(void **state)
{
	struct fixture *f = *state;
	struct store *st = fixture_open_as(f, "sam");
	struct store *mo;
	struct tasks t;
	struct cd_err err;
	int64_t p = child(st), id;
	int cases = -1, ok;
	size_t i, mine = 0;
	long today = calendar_day("2026-11-23", &ok);

	fixture_row(st, "contact", p, "contact_date", "2026-11-20T09:15",
	    "source", "3A", "reason", "GP worried.", "decision", "REF", NULL);
	mo = fixture_open_as(f, "mo");
	/* Waiting with the team, and in the borough's queue. */
	assert_int_equal(queued(mo, "Team 1", p), 1);
	assert_int_equal(queued(mo, NULL, p), 1);
	assert_int_equal(queued(mo, "Team 2", p), 0);
	assert_int_equal(store_team_workers(mo, "Team 1", sam_cases, &cases,
	    NULL), CD_OK);
	assert_int_equal(cases, 0);
	/* A social worker cannot allocate; the manager can. */
	assert_int_equal(store_allocate(st, p, "sam", "Team 1", NULL, &id,
	    &err), CD_ERR_DENIED);
	assert_int_equal(store_allocate(mo, p, "sam", "Team 1", NULL, &id,
	    &err), CD_OK);
	assert_int_equal(store_allocate(mo, p, "sam", "Team 1", NULL, &id,
	    &err), CD_ERR_CONFLICT);
	assert_int_equal(queued(mo, "Team 1", p), 0);
	assert_int_equal(store_team_workers(mo, "Team 1", sam_cases, &cases,
	    NULL), CD_OK);
	assert_int_equal(cases, 1);
	/* The assessment is now in sam's tray, and opens the form. */
	assert_int_equal(tasks_collect(st, &rules, &cal, today, "sam", NULL,
	    &t, &err), CD_OK);
	for (i = 0; i < t.n; i++)
		if (t.t[i].person == p && strcmp(t.t[i].rule->name,
		    "assessment") == 0) {
			mine++;
			assert_string_equal(t.t[i].step.form, "assessment");
			assert_null(t.t[i].step.entity);
		}
	assert_int_equal(mine, 1);
	tasks_fini(&t);
	/* A case closed is no longer one of sam's open cases, even with its
	 * allocation left open. */
	{
		struct record re;
		struct conflicts cf;
		struct field_change ch[2] = { { "closure_date", NULL,
		    "2026-11-23" }, { "closure_reason", NULL, "RC8" } };

		assert_int_equal(referrals(mo, p, &re), 1);
		assert_int_equal(store_record_update(mo, "referral", re.id, ch,
		    2, &cf, &err), CD_OK);
		store_conflicts_fini(&cf);
		store_record_fini(&re);
	}
	assert_int_equal(store_team_workers(mo, "Team 1", sam_cases, &cases,
	    NULL), CD_OK);
	assert_int_equal(cases, 0);
	store_close(&mo);
	store_close(&st);
}

static void
a_discarded_draft_leaves_an_event_and_no_draft(void **state)
{
	struct fixture *f = *state;
	struct store *st = fixture_open_as(f, "sam");
	struct store *mo = fixture_open_as(f, "mo");
	struct found ev = { "delete", "form_instance", 0, "caller", "Ms Head",
	    0 };
	struct record r;
	struct cd_err err;
	int64_t p = child(st), id, id2;

	assert_int_equal(store_form_new(st, p, "contact", 1, &id, &err), CD_OK);
	assert_int_equal(store_form_answer_set(st, id, "caller", 0, NULL,
	    "Ms Head", &err), CD_OK);
	/* Only its author may discard it. */
	assert_int_equal(store_form_discard(mo, id, &err), CD_ERR_DENIED);
	assert_non_null(strstr(err.msg, "sam"));
	assert_int_equal(store_form_discard(st, id, &err), CD_OK);
	assert_int_equal(store_record_get(st, "form_instance", id, &r, &err),
	    CD_ERR_NOTFOUND);
	/* The answers stay on the audit trail. */
	ev.id = id;
	assert_int_equal(events(f, p, &ev), 1);
	/* A submitted form is not a draft any more. */
	assert_int_equal(store_form_new(st, p, "contact", 1, &id2, &err),
	    CD_OK);
	assert_int_equal(store_form_submit(st, id2, NULL, 0, NULL, 0, &err),
	    CD_OK);
	assert_int_equal(store_form_discard(st, id2, &err), CD_ERR_INVALID);
	store_close(&mo);
	store_close(&st);
}

static void
a_search_becomes_a_new_persons_fields(void **state)
{
	static const char *const shapes[] = { "Aurelia Kowalczyk 14/03/2019",
	    "Kowalczyk, Aurelia 14/03/2019", "Aurelia KOWALCZYK 14/03/2019" };
	struct name_query q;
	struct cd_err err;
	size_t i;

	(void)state;
	for (i = 0; i < 3; i++) {
		assert_int_equal(namequery_parse(shapes[i], &q, &err), CD_OK);
		assert_string_equal(q.given, "Aurelia");
		assert_string_equal(q.family, "Kowalczyk");
		assert_string_equal(q.dob, "2019-03-14");
		assert_string_equal(q.postcode, "");
	}
	assert_int_equal(namequery_parse("Kowalczyk, Aurelia Maria", &q, &err),
	    CD_OK);
	assert_string_equal(q.given, "Aurelia Maria");
	assert_string_equal(q.family, "Kowalczyk");
	assert_string_equal(q.dob, "");
	assert_int_equal(namequery_parse("Mary O'BRIEN nw1 8xx 943 476 5919",
	    &q, &err), CD_OK);
	assert_string_equal(q.family, "O'Brien");
	assert_string_equal(q.given, "Mary");
	assert_string_equal(q.postcode, "NW1 8XX");
	assert_string_equal(q.nhs, "9434765919");
	/* Wrong identifiers are named, not taken as names. */
	assert_int_equal(namequery_parse("Aurelia Kowalczyk 31/02/2019", &q,
	    &err), CD_ERR_INVALID);
	assert_non_null(strstr(err.msg, "31/02/2019"));
	assert_int_equal(namequery_parse("Ann Lee 9434765918", &q, &err),
	    CD_ERR_INVALID);
	assert_non_null(strstr(err.msg, "NHS"));
}

/* The quick look says how many it left out, and which page this is. */
static void
the_quick_look_counts_what_it_left_out(void **state)
{
	char buf[160];

	(void)state;
	look_count(0, 5, 23, buf, sizeof buf);
	assert_string_equal(buf, "5 of 23 shown (page 1 of 5): add a date of "
	    "birth or postcode");
	look_count(20, 3, 23, buf, sizeof buf);
	assert_string_equal(buf, "3 of 23 shown (page 5 of 5): add a date of "
	    "birth or postcode");
	look_count(0, 4, 4, buf, sizeof buf);
	assert_string_equal(buf, "");
}

/* The first task of rule in the tray (worker NULL: everyone's). */
static const struct task *
first(const struct tasks *t, const char *rule)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->t[i].rule->name, rule) == 0)
			return &t->t[i];
	return NULL;
}

static const char *
line(const struct summary *s, enum summary_kind kind)
{
	const struct summary_line *l = summary_find(s, kind);

	return l ? l->text : "";
}

/*
 * The demo's trainer scenarios, summarised: the CP child, the child in
 * care and the Stage 2 adopter each hold their open work, whole.
 */
static void
the_summary_holds_the_open_work(void **state)
{
	struct fixture *f = *state;
	struct demo_opts o;
	struct demo_stats stats;
	struct tasks t;
	struct summary s;
	struct placements pl;
	struct household_view hv;
	struct cd_err err;
	const struct task *k;
	char *pc = xasprintf("%s/casework/data/postcodes.csv",
	    getenv("top_srcdir") ? getenv("top_srcdir") : ".");
	struct store *st;
	int ok;
	long today = calendar_day("2026-11-23", &ok);
	int64_t cp, lac, hh;

	assert_int_equal(store_user_add(f->st, "trainer", "", ROLE_TRAINER, "",
	    NULL), CD_OK);
	store_test_demo(f->st);
	st = fixture_open_as(f, "trainer");
	memset(&o, 0, sizeof o);
	o.people = 600;
	o.seed = 1;
	o.postcodes = pc;
	o.la_ons = "E09000007";
	o.today = "2026-11-23";
	if (demo_generate(st, &o, &stats, &err) != CD_OK)
		fail_msg("demo: %s", err.msg);
	assert_int_equal(tasks_collect(st, &rules, &cal, today, "social", NULL,
	    &t, NULL), CD_OK);
	assert_non_null(k = first(&t, "cp-visit"));
	cp = k->person;
	assert_non_null(k = first(&t, "lac-review-first"));
	lac = k->person;
	tasks_fini(&t);
	assert_int_equal(tasks_collect(st, &rules, &cal, today, "adoption",
	    NULL, &t, NULL), CD_OK);
	assert_non_null(k = first(&t, "adopter-stage2"));
	hh = k->household;
	assert_string_equal(k->step.entity, "adopter_household");
	assert_int_equal(k->step.id, hh);
	tasks_fini(&t);

	assert_int_equal(summary_build(st, &rules, &cal, today, cp, &s, &err),
	    CD_OK);
	assert_non_null(strstr(line(&s, SUM_CP_PLAN), "Child protection plan "
	    "since "));
	assert_non_null(strstr(line(&s, SUM_REFERRAL), "allocated to social"));
	assert_non_null(strstr(line(&s, SUM_WORKER), "Worker: social, "
	    "Assessment Team 1, 020 7974 "));
	assert_non_null(strstr(line(&s, SUM_ADDRESS), "Lives at "));
	assert_non_null(strstr(line(&s, SUM_TASK), "Child protection visit by"));
	assert_string_equal(summary_find(&s, SUM_TASK)->step.form, "visit");
	assert_string_equal(summary_find(&s, SUM_TASK)->step.prefill,
	    "kind=cp");
	assert_non_null(summary_find(&s, SUM_EVENT));
	summary_fini(&s);

	assert_int_equal(summary_build(st, &rules, &cal, today, lac, &s, &err),
	    CD_OK);
	assert_non_null(strstr(line(&s, SUM_LOOKED_AFTER), "Looked after since"));
	assert_null(strstr(line(&s, SUM_LOOKED_AFTER), "not recorded"));
	assert_string_equal(summary_find(&s, SUM_LOOKED_AFTER)->entity,
	    "care_episode");
	assert_non_null(strstr(line(&s, SUM_TASK), "looked-after review"));
	summary_fini(&s);
	assert_int_equal(summary_placements(st, lac, &pl, &err), CD_OK);
	assert_true(pl.n >= 1);
	assert_non_null(pl.p[0].legal_status);
	assert_non_null(pl.p[0].placement);
	assert_non_null(pl.p[0].carer);
	placements_fini(&pl);

	assert_int_equal(summary_household(st, &rules, &cal, today, hh, &hv,
	    &err), CD_OK);
	assert_string_equal(hv.stage, "Stage 2");
	assert_true(hv.nmembers >= 1);
	assert_int_equal(hv.tasks.n, 1);
	assert_int_equal(summary_build(st, &rules, &cal, today, hv.members[0],
	    &s, &err), CD_OK);
	assert_true(s.adopter);
	assert_non_null(strstr(line(&s, SUM_ADOPTION), "Stage 2 since"));
	assert_string_equal(summary_find(&s, SUM_ADOPTION)->entity,
	    "adopter_household");
	assert_non_null(strstr(line(&s, SUM_TASK), "Finish adopter Stage 2"));
	summary_fini(&s);
	household_view_fini(&hv);
	store_close(&st);
	free(pc);
}

/* A contact waiting for a decision: its date, time and source in words. */
static void
the_summary_names_a_waiting_contact(void **state)
{
	struct fixture *f = *state;
	struct store *st = fixture_open_as(f, "sam");
	struct summary s;
	struct cd_err err;
	int64_t p = child(st);
	int ok;

	fixture_row(st, "contact", p, "contact_date", "2026-11-20T09:15",
	    "source", "6", "reason", "Police called about shouting.", NULL);
	assert_int_equal(summary_build(st, &rules, &cal, calendar_day(
	    "2026-11-23", &ok), p, &s, &err), CD_OK);
	assert_string_equal(line(&s, SUM_CONTACT), "Contact of 20/11/2026 "
	    "09:15 from police waiting for a decision");
	assert_string_equal(summary_find(&s, SUM_CONTACT)->field, "decision");
	summary_fini(&s);
	/* A worker with a full name is named as colleagues know them. */
	fixture_row(st, "allocation", p, "worker", "mo", "team", "Team 1",
	    "role", "social-worker", "phone", "020 7974 1000", "start_date",
	    "2026-11-21", NULL);
	assert_int_equal(summary_build(st, &rules, &cal, calendar_day(
	    "2026-11-23", &ok), p, &s, &err), CD_OK);
	assert_string_equal(line(&s, SUM_WORKER), "Worker: Mo Manager (mo), "
	    "Team 1, 020 7974 1000");
	summary_fini(&s);
	store_close(&st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(ref_makes_exactly_one_referral,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    s47_and_plans_start_their_steps, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    allocation_moves_the_case_to_the_workers_tray, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    a_discarded_draft_leaves_an_event_and_no_draft, setup,
		    teardown),
		cmocka_unit_test(a_search_becomes_a_new_persons_fields),
		cmocka_unit_test(the_quick_look_counts_what_it_left_out),
		cmocka_unit_test_setup_teardown(the_summary_holds_the_open_work,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    the_summary_names_a_waiting_contact, setup, teardown),
	};
	char *h = xasprintf("%s/casework/data/holidays.ini",
	    getenv("top_srcdir") ? getenv("top_srcdir") : ".");
	char *r = xasprintf("%s/casework/data/rules.ini",
	    getenv("top_srcdir") ? getenv("top_srcdir") : ".");
	int rc;

	setenv("CASEDESK_NOW", "2026-11-23T10:00:00.000Z", 1);
	secret_init(NULL);
	assert_int_equal(calendar_load(&cal, h, NULL, NULL), CD_OK);
	assert_int_equal(ruleset_load(&rules, r, NULL, NULL), CD_OK);
	rc = cmocka_run_group_tests_name("workflow", tests, NULL, NULL);
	calendar_fini(&cal);
	ruleset_fini(&rules);
	free(h);
	free(r);
	return rc;
}
