/* Unit tests for the demo borough and the work tray built on it. */
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
#include "casework/exports.h"
#include "casework/tasks.h"
#include "casework/timescale.h"
#include "common/xmem.h"
#include "keys/dbkey.h"
#include "keys/keyring.h"
#include "store/audit.h"
#include "store/casefacts.h"
#include "store/search.h"
#include "store/record.h"
#include "store/store.h"
#include "store/testing.h"
#include "store/user.h"

static char dir[64];
static struct calendar cal;
static struct ruleset rules;

/* A demo database made with seed, as in casedesk demo; *st is the trainer. */
static void
make(const char *name, long people, uint64_t seed, struct store **st,
    struct dbkey *key, struct demo_stats *stats)
{
	char *path = xasprintf("%s/%s", dir, name);
	char *pc = xasprintf("%s/casework/data/postcodes.csv",
	    getenv("top_srcdir") ? getenv("top_srcdir") : ".");
	struct keyring *kr;
	struct secret *dek;
	struct demo_opts o;
	struct cd_err err;

	assert_int_equal(keyring_create(3, 4096, KEYRING_FLAG_DEMO, &kr, &dek,
	    NULL), CD_OK);
	assert_int_equal(dbkey_make(kr, dek, key, NULL), CD_OK);
	assert_int_equal(store_create(path, key, 1, st, NULL), CD_OK);
	assert_int_equal(store_user_add(*st, "admin", "", ROLE_ADMIN, "",
	    NULL), CD_OK);
	assert_int_equal(store_login(*st, "admin", NULL, NULL), CD_OK);
	assert_int_equal(store_user_add(*st, "trainer", "", ROLE_TRAINER, "",
	    NULL), CD_OK);
	assert_int_equal(store_login(*st, "trainer", NULL, NULL), CD_OK);
	memset(&o, 0, sizeof o);
	o.people = people;
	o.seed = seed;
	o.postcodes = pc;
	o.la_ons = "E09000007";
	o.today = "2026-11-23";
	if (demo_generate(*st, &o, stats, &err) != CD_OK)
		fail_msg("demo: %s", err.msg);
	keyring_free(&kr);
	secret_free(&dek);
	free(path);
	free(pc);
}

/* A fingerprint of the first people: names, births, NHS numbers. */
static char *
fingerprint(struct store *st, int n)
{
	char *out = xstrdup(""), *next;
	int i;

	for (i = 1; i <= n; i++) {
		struct record r;

		if (store_record_get(st, "person", i, &r, NULL) != CD_OK)
			continue;
		next = xasprintf("%s%s,%s,%s,%s;", out,
		    store_record_value(&r, "family_name"),
		    store_record_value(&r, "given_names"),
		    store_record_value(&r, "dob"),
		    store_record_value(&r, "nhs_number"));
		free(out);
		out = next;
		store_record_fini(&r);
	}
	return out;
}

static void
same_seed_same_borough(void **state)
{
	struct store *a, *b, *c;
	struct dbkey ka, kb, kc;
	struct demo_stats sa, sb, sc;
	char *fa, *fb, *fc;

	make("a.db", 1500, 7, &a, &ka, &sa);
	make("b.db", 1500, 7, &b, &kb, &sb);
	make("c.db", 1500, 8, &c, &kc, &sc);
	assert_memory_equal(&sa, &sb, sizeof sa);
	fa = fingerprint(a, 200);
	fb = fingerprint(b, 200);
	fc = fingerprint(c, 200);
	assert_string_equal(fa, fb);
	assert_string_not_equal(fa, fc);
	free(fa);
	free(fb);
	free(fc);
	store_close(&a);
	store_close(&b);
	store_close(&c);
	dbkey_fini(&ka);
	dbkey_fini(&kb);
	dbkey_fini(&kc);
}

/* Whether the demo planted problem (person, rule). */
static int
seeded(const struct demo_stats *s, const struct problem *p)
{
	size_t i;

	for (i = 0; i < s->nseeded; i++)
		if (s->seeded[i].person == p->person &&
		    strcmp(s->seeded[i].rule, p->rule) == 0)
			return 1;
	return 0;
}

/*
 * Whether p is a planted problem: its own, or another DfE rule the same
 * planted cell breaks (a blank worker's number is SW02STG1 and
 * SW01bSTG1), found at the same row and field as a planted one.
 */
static int
planted(const struct demo_stats *s, const struct problem *p,
    const struct problems *all)
{
	size_t i;

	if (seeded(s, p))
		return 1;
	for (i = 0; i < all->n; i++) {
		const struct problem *q = &all->p[i];

		if (seeded(s, q) && q->person == p->person && q->row ==
		    p->row && q->entity && p->entity && q->field && p->field &&
		    strcmp(q->entity, p->entity) == 0 &&
		    strcmp(q->field, p->field) == 0)
			return 1;
	}
	return 0;
}

/*
 * The demo's returns, this year (still running) and last, have no
 * problems but the ones it planted on purpose, and the checks find every
 * one planted: what --check reports is what the DfE's rules would.
 */
static void
returns_clean_but_for_the_planted(struct store *st, const struct demo_stats *s)
{
	static const enum exports_kind kinds[] = { EXPORT_SSDA903,
	    EXPORT_CIN };
	size_t found[DEMO_SEEDS] = { 0 }, i, j, y, n;
	struct cd_err err;

	assert_int_equal(s->nseeded, 6);
	for (y = 0; y < 2; y++)
		for (n = 0; n < 2; n++) {
			struct exports_job job = { 0 };
			struct exports_result res;

			job.kind = kinds[n];
			job.year = 2027 - (int)y;
			job.check = 1;
			job.cal = &cal;
			job.la_ons = "E09000007";	/* own provision: 1015 */
			if (exports_run(st, &job, &res, &err) != CD_OK)
				fail_msg("%s", err.msg);
			assert_true(res.checked > 50);
			for (i = 0; i < res.problems.n; i++) {
				const struct problem *p = &res.problems.p[i];

				if (!planted(s, p, &res.problems))
					fail_msg("%d: #%lld %s (%s): %s", job.year,
					    (long long)p->person, p->rule, p->dfe,
					    p->msg);
				for (j = 0; j < s->nseeded; j++)
					found[j] += s->seeded[j].person ==
					    p->person && strcmp(s->seeded[j].rule,
					    p->rule) == 0;
			}
			exports_result_fini(&res);
		}
	for (j = 0; j < s->nseeded; j++)
		if (found[j] == 0)
			fail_msg("planted %s on #%lld was not found",
			    s->seeded[j].rule, (long long)s->seeded[j].person);
}

/* 20,000 people: the proportions, the audit chain and the returns. */
static void
proportions_and_a_valid_chain(void **state)
{
	struct store *st, *adm;
	struct dbkey k;
	struct demo_stats s;
	struct audit_verify v;
	struct store_test_counts c;
	long per10k_cp, per10k_lac;
	char *path;

	make("p.db", 20000, 3, &st, &k, &s);
	assert_in_range(s.people, 20000, 20010);
	/* CP plans by category, as in England: neglect about half. */
	assert_true(s.cp_plans >= 40);
	assert_in_range(100 * s.cp_by_category[0] / s.cp_plans, 35, 65);
	assert_in_range(100 * s.cp_by_category[3] / s.cp_plans, 20, 50);
	assert_in_range(100 * (s.cp_by_category[1] + s.cp_by_category[2]) /
	    s.cp_plans, 2, 25);
	/* Rates per 10,000 children, dense but of the right order. */
	per10k_cp = 10000 * s.cp_open / s.children;
	per10k_lac = 10000 * s.lac_open / s.children;
	assert_in_range(per10k_cp, 20, 300);
	assert_in_range(per10k_lac, 40, 500);
	/* Most referrals are assessed; some assessments lead to S47. */
	assert_in_range(100 * s.assessments / s.referrals, 80, 100);
	assert_in_range(100 * s.s47 / s.assessments, 10, 45);
	assert_true(s.contacts_waiting > 0);
	assert_true(s.adopter_households > 0);
	assert_true(s.overdue_visits > 0 && s.overdue_visits < s.cp_open);
	/* The same borough's returns, at 20,000 people (made once). */
	returns_clean_but_for_the_planted(st, &s);
	store_close(&st);
	path = xasprintf("%s/p.db", dir);
	assert_int_equal(store_open(path, &k, &adm, NULL), CD_OK);
	free(path);
	assert_int_equal(store_login(adm, "admin", NULL, NULL), CD_OK);
	assert_int_equal(store_audit_verify(adm, &v, NULL), CD_OK);
	assert_true(v.events > 20000);
	/*
	 * From the checkpoint, verify reads what came after it and the few
	 * policy events through their indexes: not the whole trail again.
	 */
	store_test_count_start(adm, &c);
	assert_int_equal(store_audit_verify_since(adm, &v, NULL), CD_OK);
	store_test_count_stop(adm);
	if (c.steps > 5000)
		fail_msg("verify from the checkpoint took %ld steps", c.steps);
	store_close(&adm);
	dbkey_fini(&k);
}

/* Whether the tray holds a task for rule whose lateness is in a range. */
static int
has(const struct tasks *t, const char *rule, long min_late, long max_late)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->t[i].rule->name, rule) == 0 &&
		    t->t[i].late >= min_late && t->t[i].late <= max_late)
			return 1;
	return 0;
}

static void
the_trainers_scenarios(void **state)
{
	struct store *st;
	struct dbkey k;
	struct demo_stats s;
	struct tasks t;
	int ok;
	long today = calendar_day("2026-11-23", &ok);

	make("t.db", 2000, 1, &st, &k, &s);
	assert_int_equal(tasks_collect(st, &rules, &cal, today, "social", NULL,
	    &t, NULL), CD_OK);
	/* A child on a CP plan with an overdue visit... */
	assert_true(has(&t, "cp-visit", 1, 60));
	/* ...and a child in care with the first review due this week. */
	assert_true(has(&t, "lac-review-first", -7, 0));
	tasks_fini(&t);
	/* An adopter in Stage 2, for the adoption worker. */
	assert_int_equal(tasks_collect(st, &rules, &cal, today, "adoption",
	    NULL, &t, NULL), CD_OK);
	assert_true(has(&t, "adopter-stage2", -200, 200));
	tasks_fini(&t);
	/* A contact waiting for a decision, for the duty desk. */
	assert_int_equal(tasks_collect(st, &rules, &cal, today, NULL, NULL, &t,
	    NULL), CD_OK);
	assert_true(has(&t, "contact-decision", -1, 0));
	tasks_fini(&t);
	store_close(&st);
	dbkey_fini(&k);
}

/* Every story agrees with itself, as a trainer's audience will check. */
static void
the_stories_agree(void **state)
{
	static const struct {
		const char *what, *sql;
	} none[] = {
		{ "adults with pupil numbers", "SELECT count(*) FROM person "
		    "WHERE upn IS NOT NULL AND dob <= '2008-11-23'" },
		{ "carers without a name", "SELECT count(*) FROM care_episode "
		    "WHERE coalesce(carer, '') = ''" },
		{ "workers with two numbers", "SELECT count(*) FROM (SELECT "
		    "worker FROM allocation WHERE phone IS NOT NULL GROUP BY "
		    "worker HAVING count(DISTINCT phone) > 1)" },
		{ "secondary-age children at primary school", "SELECT count(*) "
		    "FROM education_fact e JOIN person p ON p.id = e.person_id "
		    "WHERE e.school LIKE '%Primary%' AND e.fact_date >= "
		    "date(p.dob, '+11 years', '+9 months')" },
		{ "primary-age children at secondary school", "SELECT count(*) "
		    "FROM education_fact e JOIN person p ON p.id = e.person_id "
		    "WHERE e.school NOT LIKE '%Primary%' AND e.fact_date < "
		    "date(p.dob, '+11 years', '+7 months')" },
		{ "contacts whose source is not who reported it", "SELECT "
		    "count(*) FROM contact WHERE (reason LIKE 'Police%' AND "
		    "source <> '6') OR (reason LIKE 'School%' AND source <> "
		    "'2A') OR (reason LIKE 'Neighbour%' AND source <> '1B')" },
		{ "referrals no contact decided", "SELECT count(*) FROM "
		    "referral r LEFT JOIN contact c ON c.id = r.contact_id WHERE "
		    "coalesce(c.decision, '') NOT IN ('REF', 'STRAT')" },
		{ "NFA assessments followed by child protection work", "SELECT "
		    "count(*) FROM assessment a WHERE a.outcome_nfa = 1 AND "
		    "(EXISTS (SELECT 1 FROM s47_enquiry s WHERE s.person_id = "
		    "a.person_id AND s.start_date >= a.start_date) OR EXISTS "
		    "(SELECT 1 FROM cp_plan c WHERE c.person_id = a.person_id AND "
		    "c.start_date >= a.start_date))" },
	};
	struct store *st;
	struct dbkey k;
	struct demo_stats s;
	size_t i;

	make("s.db", 3000, 2, &st, &k, &s);
	for (i = 0; i < sizeof none / sizeof none[0]; i++) {
		long n = store_test_count(st, none[i].sql);

		if (n != 0)
			fail_msg("%ld %s", n, none[i].what);
	}
	/* An assessment waits for the team manager's authorisation. */
	assert_true(s.awaiting_authorisation > 0);
	assert_int_equal(store_test_count(st, "SELECT count(*) FROM "
	    "form_instance WHERE form_code = 'assessment' AND status = "
	    "'submitted'"), 1);
	/* Submitted whole: the factors the form requires are there (a
	 * manager cannot be asked to authorise what could not be sent). */
	assert_int_equal(store_test_count(st, "SELECT count(*) FROM "
	    "form_answer a JOIN form_instance f ON f.id = a.form_instance_id "
	    "WHERE f.form_code = 'assessment' AND f.status = 'submitted' AND "
	    "a.field = 'factors' AND a.value <> ''"), 1);
	/* The trainer's Stage 2 household is the first. */
	assert_int_equal(store_test_count(st, "SELECT count(*) FROM "
	    "adopter_household WHERE id = 1 AND name = 'The Thomas household' "
	    "AND stage2_start IS NOT NULL AND stage2_end IS NULL"), 1);
	store_close(&st);
	dbkey_fini(&k);
}

/* At the default size, 2,000 people. */
static void
the_returns_are_clean_but_for_the_planted(void **state)
{
	struct store *st;
	struct dbkey k;
	struct demo_stats s;

	make("r.db", 2000, 5, &st, &k, &s);
	returns_clean_but_for_the_planted(st, &s);
	store_close(&st);
	dbkey_fini(&k);
}

/*
 * Ranking on the demo: the child a worker names comes first, exact names
 * before prefixes before sound-alikes, whatever lookups found them.
 */
static void
search_ranks_on_the_demo(void **state)
{
	struct store *st;
	struct dbkey k;
	struct demo_stats s;
	struct person_hits h;
	size_t i;

	make("rank.db", 2000, 1, &st, &k, &s);
	assert_int_equal(store_person_search(st, "Niamh Begum", 20, &h, NULL),
	    CD_OK);
	assert_true(h.n > 0);
	assert_int_equal(h.h[0].id, 3);
	store_person_hits_fini(&h);
	assert_int_equal(store_person_search(st, "Niamh Beg", 20, &h, NULL),
	    CD_OK);
	assert_true(h.n > 0);
	assert_int_equal(h.h[0].id, 3);
	store_person_hits_fini(&h);
	assert_int_equal(store_person_search(st, "Begum", 100, &h, NULL),
	    CD_OK);
	assert_true(h.n > 1);
	for (i = 0; i < h.n; i++) {
		assert_true(i == 0 || h.h[i].score <= h.h[i - 1].score);
		if (strncmp(h.h[i].name, "Begum, ", 7) != 0)
			break;
	}
	/* Every exact Begum comes before anyone else. */
	for (; i < h.n; i++)
		assert_true(strncmp(h.h[i].name, "Begum, ", 7) != 0);
	store_person_hits_fini(&h);
	store_close(&st);
	dbkey_fini(&k);
}

/* The due day of person's task for rule in t, or -1. */
static long
due_of(const struct tasks *t, int64_t person, const char *rule)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (t->t[i].person == person &&
		    strcmp(t->t[i].rule->name, rule) == 0)
			return t->t[i].due;
	return -1;
}

/*
 * A tray brought up to date reads only what changed: nothing when nothing
 * did (a few statements, however many cases), and the one child whose
 * record changed when one did, with their clock moved on.
 */
static void
a_tray_refresh_reads_only_what_changed(void **state)
{
	static const struct field_value visit[] = { { "kind", "cp" },
	    { "visit_date", "2026-11-23" }, { "seen", "1" } };
	struct store *st;
	struct dbkey k;
	struct demo_stats s;
	struct tasks t;
	struct store_test_counts c;
	size_t n;
	long before;
	int64_t id;
	int ok;
	long today = calendar_day("2026-11-23", &ok);

	make("tray.db", 2000, 1, &st, &k, &s);
	assert_int_equal(tasks_tray(st, &rules, &cal, today, "social", NULL, 0,
	    &t, NULL), CD_OK);
	n = t.n;
	assert_true(n > 5);
	before = due_of(&t, 3, "cp-visit");
	assert_true(before > 0);
	store_test_count_start(st, &c);
	assert_int_equal(tasks_refresh(st, &rules, &cal, today, &t, NULL),
	    CD_OK);
	store_test_count_stop(st);
	assert_int_equal(t.n, n);
	if (c.statements > 10)
		fail_msg("a refresh with nothing changed ran %ld statements",
		    c.statements);
	/* The CP child is visited today: only they are read again. */
	assert_int_equal(store_record_create(st, "visit", 3, visit, 3, &id,
	    NULL), CD_OK);
	store_test_count_start(st, &c);
	assert_int_equal(tasks_refresh(st, &rules, &cal, today, &t, NULL),
	    CD_OK);
	store_test_count_stop(st);
	assert_int_equal(t.n, n);
	assert_true(due_of(&t, 3, "cp-visit") > before);
	if (c.statements > 20)
		fail_msg("a refresh for one child ran %ld statements",
		    c.statements);
	tasks_fini(&t);
	store_close(&st);
	dbkey_fini(&k);
}

/* What reading person's clocks for their summary costs, warm. */
static void
summary_cost(struct store *st, int64_t person, long today,
    struct store_test_counts *c, size_t *ntasks)
{
	struct tasks t;

	/* The first read prepares the statements; measure the second. */
	assert_int_equal(tasks_for_person(st, &rules, &cal, today, person, &t,
	    NULL), CD_OK);
	tasks_fini(&t);
	store_test_count_start(st, c);
	assert_int_equal(tasks_for_person(st, &rules, &cal, today, person, &t,
	    NULL), CD_OK);
	store_test_count_stop(st);
	*ntasks = t.n;
	tasks_fini(&t);
}

/* Boroughs of 2,000 and of 20,000 people, made once for the tests below. */
static struct store *two[2];
static struct dbkey two_keys[2];

static void
two_boroughs(void)
{
	struct demo_stats s;

	if (two[0] != NULL)
		return;
	make("small.db", 2000, 1, &two[0], &two_keys[0], &s);
	make("big.db", 20000, 1, &two[1], &two_keys[1], &s);
}

static int
two_boroughs_close(void **state)
{
	int i;

	(void)state;
	for (i = 0; i < 2; i++)
		if (two[i] != NULL) {
			store_close(&two[i]);
			dbkey_fini(&two_keys[i]);
		}
	return 0;
}

/*
 * The demo drops the search indexes while it builds and makes them again
 * at its end: the borough has every index a new database has (their text
 * is held to the schema's when a database is opened). A bulk build cannot
 * begin inside a transaction, and one cut off is refused at open.
 */
static void
a_bulk_build_puts_back_its_indexes(void **state)
{
	const char *count = "SELECT count(*) FROM sqlite_master WHERE "
	    "type = 'index'";
	char *path = xasprintf("%s/fresh.db", dir);
	struct keyring *kr;
	struct secret *dek;
	struct dbkey key;
	struct store *fresh;
	struct cd_err err;
	long want;

	(void)state;
	two_boroughs();
	assert_int_equal(keyring_create(3, 4096, KEYRING_FLAG_DEMO, &kr, &dek,
	    NULL), CD_OK);
	assert_int_equal(dbkey_make(kr, dek, &key, NULL), CD_OK);
	assert_int_equal(store_create(path, &key, 1, &fresh, NULL), CD_OK);
	want = store_test_count(fresh, count);
	assert_true(want > 80);
	assert_int_equal(store_test_count(two[0], count), want);
	assert_int_equal(store_test_count(two[1], count), want);
	assert_int_equal(store_test_count(two[1], "SELECT count(*) FROM "
	    "sqlite_master WHERE name = 'person_family_hit'"), 1);
	assert_int_equal(store_batch_begin(fresh, NULL), CD_OK);
	assert_int_equal(store_bulk_begin(fresh, 16, &err), CD_ERR_INVALID);
	assert_non_null(strstr(err.msg, "outside a transaction"));
	assert_int_equal(store_batch_commit(fresh, NULL), CD_OK);
	/* A build cut off before its end leaves a database that says so. */
	assert_int_equal(store_bulk_begin(fresh, 16, NULL), CD_OK);
	store_close(&fresh);
	assert_int_equal(store_open(path, &key, &fresh, &err),
	    CD_ERR_CORRUPT);
	assert_non_null(strstr(err.msg, "cut off while it was being built"));
	assert_non_null(strstr(err.msg, "casedesk demo --reset"));
	keyring_free(&kr);
	secret_free(&dek);
	dbkey_fini(&key);
	free(path);
}

/*
 * A person's summary asks about that person alone: the same child (the
 * trainer's CP case, #3) costs the same statements and about the same
 * rows in a borough ten times the size. It used to read every open case.
 */
static void
the_summary_does_not_grow_with_the_borough(void **state)
{
	struct store_test_counts a, b;
	size_t na, nb;
	int ok;
	long today = calendar_day("2026-11-23", &ok);

	two_boroughs();
	summary_cost(two[0], 3, today, &a, &na);
	summary_cost(two[1], 3, today, &b, &nb);
	/* The same child, with the same work due, in both. */
	assert_true(na > 0);
	assert_int_equal(na, nb);
	assert_int_equal(a.statements, b.statements);
	if (b.steps > a.steps + a.steps / 2 + 20)
		fail_msg("the summary took %ld steps at 20,000 people and %ld "
		    "at 2,000", b.steps, a.steps);
	/* Reading is one audit event; its own transaction, one commit. */
	assert_int_equal(b.commits, 1);
}

/*
 * What reading the borough's first page of work costs (c), and counting
 * its open work (d).
 */
static void
page_cost(struct store *st, long today, struct store_test_counts *c,
    struct store_test_counts *d, size_t *ntasks, int64_t *next)
{
	struct open_counts n;
	struct tasks t;

	/* The first read prepares the statements; measure the second. */
	assert_int_equal(tasks_page(st, &rules, &cal, today, 0, 20, &t, NULL),
	    CD_OK);
	tasks_fini(&t);
	store_test_count_start(st, c);
	assert_int_equal(tasks_page(st, &rules, &cal, today, 0, 20, &t, NULL),
	    CD_OK);
	store_test_count_stop(st);
	store_test_count_start(st, d);
	assert_int_equal(store_open_counts(st, &n, NULL), CD_OK);
	store_test_count_stop(st);
	assert_true(n.contacts + n.referrals + n.cp_plans + n.in_care > 20);
	*ntasks = t.n;
	*next = t.next;
	tasks_fini(&t);
}

/*
 * The borough's work is read a page at a time: the first page costs the
 * same statements in a borough ten times the size (it used to read every
 * open case, 8.6 s at a million people), and its rows visited grow only
 * by the counts' index ranges, not by the cases read.
 */
static void
the_boroughs_page_does_not_grow_with_the_borough(void **state)
{
	struct store_test_counts a, b, ca, cb;
	size_t na, nb;
	int64_t nexta, nextb;
	int ok;
	long today = calendar_day("2026-11-23", &ok);

	two_boroughs();
	page_cost(two[0], today, &a, &ca, &na, &nexta);
	page_cost(two[1], today, &b, &cb, &nb, &nextb);
	assert_true(na > 0 && nb > 0);
	assert_true(nexta > 0 && nextb > 0);
	/*
	 * Twenty cases' facts, the page and one audit event (a restricted
	 * case on one page and not the other adds its access check).
	 */
	if (b.statements > a.statements + 4 || b.statements > 60)
		fail_msg("the borough's first page ran %ld statements at 20,000 "
		    "people and %ld at 2,000", b.statements, a.statements);
	if (b.steps > 2 * a.steps + 100)
		fail_msg("the borough's first page took %ld steps at 20,000 "
		    "people and %ld at 2,000", b.steps, a.steps);
	assert_int_equal(b.commits, 1);
	/* The counts are one statement a part, whatever the size. */
	assert_int_equal(ca.statements, cb.statements);
}

/*
 * Page by page, the borough's work is the whole tray's: every open case
 * on exactly one page, and the last page says there is no next.
 */
static void
the_boroughs_pages_hold_the_whole_tray(void **state)
{
	struct tasks all, page;
	size_t total = 0, pages = 0;
	int64_t after = 0;
	int ok;
	long today = calendar_day("2026-11-23", &ok);

	two_boroughs();
	assert_int_equal(tasks_tray(two[0], &rules, &cal, today, NULL, NULL, 0,
	    &all, NULL), CD_OK);
	do {
		size_t i;

		assert_int_equal(tasks_page(two[0], &rules, &cal, today, after,
		    20, &page, NULL), CD_OK);
		for (i = 0; i < page.n; i++) {
			/* Soonest first within the page, each past after. */
			assert_true(i == 0 || page.t[i].due >= page.t[i - 1].due);
			assert_true(page.t[i].person == 0 ||
			    page.t[i].person > after);
			assert_true(page.next == 0 || page.t[i].person <=
			    page.next);
			assert_true(due_of(&all, page.t[i].person,
			    page.t[i].rule->name) == page.t[i].due ||
			    page.t[i].person == 0);
		}
		total += page.n;
		pages++;
		assert_true(page.next == 0 || page.next > after);
		after = page.next;
		tasks_fini(&page);
	} while (after != 0 && pages < 10000);
	assert_true(pages > 1);
	assert_int_equal(total, all.n);
	tasks_fini(&all);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(same_seed_same_borough),
		cmocka_unit_test(proportions_and_a_valid_chain),
		cmocka_unit_test(the_trainers_scenarios),
		cmocka_unit_test(the_stories_agree),
		cmocka_unit_test(the_returns_are_clean_but_for_the_planted),
		cmocka_unit_test(the_summary_does_not_grow_with_the_borough),
		cmocka_unit_test(a_bulk_build_puts_back_its_indexes),
		cmocka_unit_test(search_ranks_on_the_demo),
		cmocka_unit_test(a_tray_refresh_reads_only_what_changed),
		cmocka_unit_test(the_boroughs_page_does_not_grow_with_the_borough),
		cmocka_unit_test(the_boroughs_pages_hold_the_whole_tray),
	};
	char *h = xasprintf("%s/casework/data/holidays.ini",
	    getenv("top_srcdir") ? getenv("top_srcdir") : ".");
	char *r = xasprintf("%s/casework/data/rules.ini",
	    getenv("top_srcdir") ? getenv("top_srcdir") : ".");
	char *rm;
	int rc;

	setenv("CASEDESK_NOW", "2026-11-23T10:00:00.000Z", 1);
	secret_init(NULL);
	strcpy(dir, "/tmp/cddemo.XXXXXX");
	assert_non_null(mkdtemp(dir));
	calendar_load(&cal, h, NULL, NULL);
	ruleset_load(&rules, r, NULL, NULL);
	rc = cmocka_run_group_tests_name("demo", tests, NULL,
	    two_boroughs_close);
	rm = xasprintf("rm -rf '%s'", dir);
	if (system(rm) != 0)
		rc = 1;
	free(rm);
	free(h);
	free(r);
	calendar_fini(&cal);
	ruleset_fini(&rules);
	return rc;
}
