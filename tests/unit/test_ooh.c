/*
 * Out of hours: an emergency duty record with police protection starts
 * the right looked-after episode and is handed over to the right tray
 * until accepted; the 10:00-next-working-day flag across a bank-holiday
 * weekend; the quick look for a child on a plan, a child in care, an
 * unknown name and a restricted person, each audited.
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
#include "casework/handover.h"
#include "casework/look.h"
#include "casework/tasks.h"
#include "casework/timescale.h"
#include "common/xmem.h"
#include "store/audit.h"
#include "store/ooh.h"
#include "store/search.h"
#include "store/record.h"
#include "store/user.h"
#include "tests/unit/fixture.h"

static struct calendar cal;
static struct ruleset rules;
static struct fixture fx;

/* The person's task timed by rule, or NULL (in t, which the caller ends). */
static const struct task *
task_of(struct store *st, int64_t person, const char *rule, struct tasks *t)
{
	int ok;
	size_t i;

	assert_int_equal(tasks_for_person(st, &rules, &cal, calendar_day(
	    "2026-11-21", &ok), person, t, NULL), CD_OK);
	for (i = 0; i < t->n; i++)
		if (strcmp(t->t[i].rule->name, rule) == 0)
			return &t->t[i];
	return NULL;
}


static int
collect(const struct ooh_waiting *w, void *arg)
{
	int64_t *ids = arg;

	ids[ids[0] + 1] = w->id;
	ids[0]++;
	return 0;
}

/* How many handovers whose lists as the session's user. */
static int64_t
waiting(struct store *st, enum ooh_whose whose, int64_t id)
{
	int64_t ids[16] = { 0 };
	struct cd_err err;
	int64_t i;

	if (store_ooh_waiting(st, whose, collect, ids, &err) != CD_OK)
		fail_msg("%s", err.msg);
	for (i = 1; i <= ids[0]; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

struct tally {
	const char *action;
	long n;
};

static int
count(const struct audit_row *r, void *arg)
{
	struct tally *t = arg;

	t->n += strcmp(r->action, t->action) == 0;
	return 0;
}

/* How many audit events of action there are about person. */
static long
events(const char *action, int64_t person)
{
	struct store *gov = fixture_open_as(&fx, "gina");
	struct audit_filter f;
	struct tally t = { action, 0 };

	memset(&f, 0, sizeof f);
	f.person_id = person;
	assert_int_equal(store_audit_list(gov, &f, count, &t, NULL), CD_OK);
	store_close(&gov);
	return t.n;
}

static int
setup(void **state)
{
	(void)state;
	setenv("TZ", "UTC", 1);
	setenv("CASEDESK_NOW", "2026-11-21T02:15:00.000Z", 1);
	fixture_make(&fx);
	assert_int_equal(store_user_add(fx.st, "olu", "Olu Night", ROLE_OOH,
	    "Emergency Duty", NULL), CD_OK);
	assert_int_equal(store_user_add(fx.st, "dee", "Dee Duty", ROLE_DUTY,
	    "Front Door", NULL), CD_OK);
	assert_int_equal(store_user_add(fx.st, "gina", "Gina Gov",
	    ROLE_GOVERNANCE, "IG", NULL), CD_OK);
	store_close(&fx.st);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	fixture_free(&fx);
	return 0;
}

static int
has_line(const struct look *l, const char *needle)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (strstr(l->line[i], needle) != NULL)
			return 1;
	}
	return 0;
}

/* Police protection: an L1 episode, a chronology entry, the right tray. */
static void
police_protection_is_placed_and_handed_over(void **state)
{
	struct store *olu, *sam, *dee;
	int64_t kid, known, rec, rec2;
	struct record r;
	struct cd_err err;

	(void)state;
	sam = fixture_open_as(&fx, "sam");
	kid = fixture_row(sam, "person", 0, "family_name", "Night", "given_names",
	    "Nia", "sex", "F", "dob", "2019-04-01", NULL);
	known = fixture_row(sam, "person", 0, "family_name", "Known", "given_names",
	    "Kit", "sex", "M", "dob", "2015-04-01", NULL);
	fixture_row(sam, "allocation", known, "worker", "sam", "team", "CP Team",
	    "role", "social-worker", "start_date", "2026-01-05", NULL);
	store_close(&sam);
	olu = fixture_open_as(&fx, "olu");
	/* The night worker is told whom to call by name, not by login. */
	{
		struct look kl;

		assert_int_equal(look_person(olu, known, "2026-11-21", &kl,
		    &err), CD_OK);
		assert_true(has_line(&kl, "Worker: Sam Social (sam), CP Team, "
		    "no number"));
		look_fini(&kl);
	}
	/* Placing needs a placement type, and the action its legal basis. */
	{
		struct field_value v[5] = { { "call_time", "2026-11-21T01:40" },
		    { "caller", "PC 4411 Hart" }, { "reported", "Found alone" },
		    { "emergency_action", "PPO" }, { "action_time",
		    "2026-11-21T02:00" } };

		assert_int_equal(store_record_create(olu, "ooh_record", kid, v,
		    5, &rec, &err), CD_ERR_INVALID);
		assert_non_null(strstr(err.msg, "Legal basis is required"));
	}
	rec = fixture_row(olu, "ooh_record", kid, "call_time", "2026-11-21T01:40",
	    "caller", "PC 4411 Hart", "caller_agency", "6", "reported",
	    "Found alone at 1am", "emergency_action", "PPO", "legal_basis",
	    "S46", "action_time", "2026-11-21T02:00", "placement_type", "U6",
	    "provider", "PR1", "placement_postcode", "N17 0UF", "carer",
	    "Ms Emergency", "carer_phone", "020 7000 0000", NULL);
	assert_int_equal(store_record_get(olu, "ooh_record", rec, &r, NULL),
	    CD_OK);
	assert_string_equal(store_record_value(&r, "handover_to"), "duty desk");
	assert_non_null(store_record_value(&r, "care_episode_id"));
	{
		struct record e;

		assert_int_equal(store_record_get(olu, "care_episode",
		    atoll(store_record_value(&r, "care_episode_id")), &e, NULL),
		    CD_OK);
		assert_string_equal(store_record_value(&e, "legal_status"), "L1");
		assert_string_equal(store_record_value(&e, "reason_new"), "S");
		assert_string_equal(store_record_value(&e, "start_date"),
		    "2026-11-21");
		assert_string_equal(store_record_value(&e, "carer_phone"),
		    "020 7000 0000");
		store_record_fini(&e);
	}
	/* The 72 hours: a task whose step is the change of legal status
	 * (or of care) that follows, gone once the L1 episode ends. */
	{
		struct tasks t;
		const struct task *k = task_of(olu, kid, "police-protection", &t);
		struct field_change ch = { "end_date", NULL, "2026-11-22" };
		struct conflicts cf;
		int ok;

		assert_non_null(k);
		assert_int_equal(k->due, calendar_day("2026-11-24", &ok));
		assert_null(k->step.entity);
		assert_string_equal(k->step.form, "placement-change");
		tasks_fini(&t);
		assert_int_equal(store_record_update(olu, "care_episode", atoll(
		    store_record_value(&r, "care_episode_id")), &ch, 1, &cf,
		    &err), CD_OK);
		store_conflicts_fini(&cf);
		assert_null(task_of(olu, kid, "police-protection", &t));
		tasks_fini(&t);
	}
	store_record_fini(&r);
	/* A known child goes to their worker, not the duty desk. */
	rec2 = fixture_row(olu, "ooh_record", known, "call_time", "2026-11-21T02:10",
	    "caller", "Mother", "reported", "Row at home; advice given", NULL);
	store_close(&olu);
	assert_int_equal(events("handover", kid), 1);

	dee = fixture_open_as(&fx, "dee");
	assert_true(waiting(dee, OOH_DUTY, rec));
	assert_false(waiting(dee, OOH_DUTY, rec2));
	store_close(&dee);
	sam = fixture_open_as(&fx, "sam");
	assert_true(waiting(sam, OOH_MINE, rec2));
	assert_false(waiting(sam, OOH_MINE, rec));
	assert_int_equal(store_ooh_accept(sam, rec2, &err), CD_OK);
	assert_false(waiting(sam, OOH_MINE, rec2));
	assert_int_equal(store_ooh_accept(sam, rec2, &err), CD_ERR_CONFLICT);
	assert_non_null(strstr(err.msg, "already accepted by sam"));
	store_close(&sam);
	assert_int_equal(events("accept", known), 1);
}

/* 10:00 the next working day, over the August bank holiday weekend. */
static void
the_morning_deadline_skips_bank_holidays(void **state)
{
	char due[HANDOVER_DUE_LEN];

	(void)state;
	/* Saturday night before the bank holiday Monday: Tuesday 10:00. */
	assert_true(handover_due(&cal, "2026-08-29T22:00:00.000Z", due));
	assert_string_equal(due, "2026-09-01T10:00");
	assert_false(handover_late(&cal, "2026-08-29T22:00:00.000Z",
	    "2026-09-01T09:59:00.000Z"));
	assert_true(handover_late(&cal, "2026-08-29T22:00:00.000Z",
	    "2026-09-01T10:00:00.000Z"));
	assert_false(handover_late(&cal, "2026-08-29T22:00:00.000Z",
	    "2026-08-31T11:00:00.000Z"));
	/* Small hours of a working day: that morning's team. */
	assert_true(handover_due(&cal, "2026-11-23T03:00:00.000Z", due));
	assert_string_equal(due, "2026-11-23T10:00");
	/* A Friday evening: Monday. Christmas Eve night: the 29th. */
	assert_true(handover_due(&cal, "2026-11-20T19:00:00.000Z", due));
	assert_string_equal(due, "2026-11-23T10:00");
	assert_true(handover_due(&cal, "2026-12-24T21:00:00.000Z", due));
	assert_string_equal(due, "2026-12-29T10:00");
	assert_false(handover_due(&cal, "yesterday", due));
}


/* The quick look: plan, care, unknown, restricted; each one audited. */
static void
quick_looks(void **state)
{
	struct store *sam, *olu;
	struct person_hits h;
	struct look l;
	struct cd_err err;
	int64_t cp, lac, sec;
	long before;

	(void)state;
	sam = fixture_open_as(&fx, "sam");
	cp = fixture_row(sam, "person", 0, "family_name", "Plan",
	    "given_names", "Polly",
	    "sex", "F", "dob", "2018-02-02", "risk_to_workers",
	    "Father hostile to professionals; large dog", "ooh_instructions",
	    "Call the on-call manager before any home visit.", "safety_plan",
	    "Mother takes Polly to her grandmother's if father returns.", NULL);
	fixture_row(sam, "cp_plan", cp, "start_date", "2026-06-01", "initial_category",
	    "NEG", NULL);
	fixture_row(sam, "chronology", cp, "event_date", "2026-06-01", "kind",
	    "conference", "significant", "1", "summary", "Made subject of a "
	    "child protection plan", NULL);
	fixture_row(sam, "allocation", cp, "worker", "Sam Social", "team", "CP Team",
	    "role", "social-worker", "phone", "020 7974 1111", "start_date",
	    "2026-06-01", NULL);
	lac = fixture_row(sam, "person", 0, "family_name", "Care",
	    "given_names", "Cal",
	    "sex", "M", "dob", "2012-03-03", NULL);
	fixture_row(sam, "care_episode", lac, "start_date", "2026-02-01",
	    "legal_status", "C2", "placement_type", "U4", "provider", "PR1",
	    "placement_postcode", "EN3 4YT", "carer", "Mr and Mrs Foster",
	    "carer_phone", "020 8123 4567", "reason_new", "S", NULL);
	/* A social worker may not restrict a record; governance may. */
	{
		struct field_value v[5] = { { "family_name", "Secret" },
		    { "given_names", "Sol" }, { "sex", "M" },
		    { "dob", "2014-04-04" }, { "restricted", "1" } };
		struct field_change ch = { "restricted", "0", "1" };
		struct conflicts cf;
		struct store *gina;
		int64_t id;

		assert_int_equal(store_record_create(sam, "person", 0, v, 5, &id,
		    &err), CD_ERR_DENIED);
		sec = fixture_row(sam, "person", 0, "family_name", "Secret",
		    "given_names", "Sol", "sex", "M", "dob", "2014-04-04",
		    NULL);
		gina = fixture_open_as(&fx, "gina");
		assert_int_equal(store_record_update(gina, "person", sec, &ch, 1,
		    &cf, &err), CD_OK);
		store_conflicts_fini(&cf);
		store_close(&gina);
	}
	store_close(&sam);

	olu = fixture_open_as(&fx, "olu");
	before = events("view", cp);
	assert_int_equal(look_person(olu, cp, "2026-11-21", &l, &err), CD_OK);
	assert_true(l.alert);
	assert_true(l.n <= LOOK_LINES);
	assert_true(has_line(&l, "Plan, Polly"));
	assert_true(has_line(&l, "!! CHILD PROTECTION PLAN since 01/06/2026: "
	    "neglect"));
	assert_true(has_line(&l, "!! RISK TO WORKERS: Father hostile"));
	assert_true(has_line(&l, "IF CONTACTED OUT OF HOURS: Call the on-call"));
	assert_true(has_line(&l, "SAFETY PLAN: Mother takes Polly"));
	assert_true(has_line(&l, "Worker: Sam Social, CP Team, 020 7974 1111"));
	assert_true(has_line(&l, "01/06/2026 Made subject of a child "
	    "protection plan"));
	look_fini(&l);
	assert_true(events("view", cp) > before);

	assert_int_equal(look_person(olu, lac, "2026-11-21", &l, &err), CD_OK);
	assert_true(has_line(&l, "!! LOOKED AFTER: C2 full care order"));
	assert_true(has_line(&l, "Carer: Mr and Mrs Foster  020 8123 4567"));
	assert_true(has_line(&l, "No allocated worker"));
	look_fini(&l);

	before = events("search", 0);
	assert_int_equal(store_person_search(olu, "Zyxwvut", 5, &h, &err),
	    CD_OK);
	assert_int_equal(h.n, 0);
	store_person_hits_fini(&h);
	assert_int_equal(events("search", 0), before + 1);

	/* Restricted: found, but masked, and the look is refused. */
	assert_int_equal(store_person_search(olu, "Secret", 5, &h, &err),
	    CD_OK);
	assert_int_equal(h.n, 1);
	assert_true(h.h[0].masked);
	store_person_hits_fini(&h);
	assert_int_equal(events("search", 0), before + 2);
	assert_int_equal(look_person(olu, sec, "2026-11-21", &l, &err),
	    CD_ERR_RESTRICTED);
	look_masked(sec, &l);
	assert_true(has_line(&l, "(restricted record)"));
	assert_false(has_line(&l, "Secret"));
	look_fini(&l);
	store_close(&olu);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(police_protection_is_placed_and_handed_over),
		cmocka_unit_test(the_morning_deadline_skips_bank_holidays),
		cmocka_unit_test(quick_looks),
	};
	int rc;

	if (calendar_load(&cal, NULL, NULL, NULL) != CD_OK ||
	    ruleset_load(&rules, ruleset_default_file(), NULL, NULL) != CD_OK)
		return 1;
	rc = cmocka_run_group_tests(tests, setup, teardown);
	ruleset_fini(&rules);
	calendar_fini(&cal);
	return rc;
}
