/* Unit tests for forms/: the loader, the engine and the form lifecycle. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmem.h"
#include "fixture.h"
#include "forms/datein.h"
#include "forms/fill.h"
#include "forms/formdef.h"
#include "store/form.h"
#include "store/family.h"
#include "store/person.h"
#include "store/record.h"
#include "store/testing.h"
#include "store/user.h"

static struct formset shipped;

struct env {
	struct fixture f;
	int64_t child;
};


/* Make sure the database has the shipped forms installed (its migration). */
static enum cd_status
forms_ready(struct store *st)
{
	struct formset s;
	enum cd_status code = formdef_load_installed(st, &s, NULL);

	formdef_set_fini(&s);
	return code;
}

static int
setup(void **state)
{
	struct env *e = xcalloc(1, sizeof *e);
	struct field_value v[3] = { { "family_name", "Form" },
	    { "given_names", "Frankie" }, { "dob", "2014-05-06" } };
	struct person_hits d;
	struct store *a;

	setenv("CASEDESK_NOW", "2026-11-23T10:00:00.000Z", 1);
	fixture_make(&e->f);
	assert_int_equal(store_user_add(e->f.st, "mo", "", ROLE_MANAGER, "",
	    NULL), CD_OK);
	assert_int_equal(store_user_add(e->f.st, "mia", "", ROLE_MANAGER, "",
	    NULL), CD_OK);
	assert_int_equal(store_user_add(e->f.st, "eve", "", ROLE_EDUCATION,
	    "", NULL), CD_OK);
	store_close(&e->f.st);
	e->f.st = fixture_open_as(&e->f, "sam");
	assert_int_equal(forms_ready(e->f.st), CD_OK);
	assert_int_equal(store_person_add(e->f.st, v, 3, NULL, "test child",
	    &e->child, &d, NULL), CD_OK);
	store_person_hits_fini(&d);
	a = fixture_open_as(&e->f, "admin");
	assert_int_equal(store_person_link(a, e->child, "eve", "education",
	    NULL), CD_OK);
	store_close(&a);
	*state = e;
	return 0;
}

static int
teardown(void **state)
{
	struct env *e = *state;

	fixture_free(&e->f);
	free(e);
	return 0;
}

/* A session as name with the form policies registered. */
static struct store *
as(struct env *e, const char *name)
{
	struct store *st = fixture_open_as(&e->f, name);

	assert_int_equal(forms_ready(st), CD_OK);
	return st;
}

static void
every_shipped_form_loads(void **state)
{
	size_t i;

	for (i = 0; i < shipped.nproblems; i++)
		print_message("# %s\n", shipped.problems[i]);
	assert_int_equal(shipped.nproblems, 0);
	assert_true(shipped.nforms >= 28);
	assert_non_null(formdef_find(&shipped, "contact"));
	assert_non_null(formdef_find(&shipped, "care-start"));
	assert_non_null(formdef_find(&shipped, "adopter-stage2"));
	assert_non_null(formdef_list(&shipped, "contact_decision"));
	assert_true(formdef_list(&shipped, "legal_status")->dfe);
}

static void
malformed_definitions_report_everything(void **state)
{
	struct formset set;
	char *dir = xasprintf("%s/tests/data/forms-bad",
	    getenv("top_srcdir") ? getenv("top_srcdir") : ".");
	const char *want[] = {
		"broken.ini: [form] version: must be a whole number",
		"broken.ini: [form] subject: must be person",
		"broken.ini: [form] read: unknown role \"wizard\"",
		"broken.ini: [form] needs_authorisation: \"perhaps\"",
		"broken.ini: [form] colour: unknown key",
		"broken.ini: [field.when] maps_to: a datetime field cannot hold "
		    "contact.decision_date",
		"broken.ini: [field.source] codes: no code list \"no_such_list\"",
		"broken.ini: [field.mood] type: unknown type \"feeling\"",
		"broken.ini: [field.mood] show_if:",
		"broken.ini: [field.member] group: no group field \"household\"",
		"broken.ini: [unknown]: unknown section",
		"bad.ini: [list] name: \"ethnicity\" is a DfE list",
		"bad.ini: [codes] 2: \"no label here\" must be CODE | label",
		"bad.ini: [codes] 3: code \"A\" twice",
	};
	size_t i, j;

	assert_int_equal(formdef_load(dir, &set), CD_ERR_CONFIG);
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		for (j = 0; j < set.nproblems; j++)
			if (strstr(set.problems[j], want[i]) != NULL)
				break;
		if (j == set.nproblems) {
			for (j = 0; j < set.nproblems; j++)
				print_message("# %s\n", set.problems[j]);
			fail_msg("missing problem: %s", want[i]);
		}
	}
	formdef_set_fini(&set);
	free(dir);
}

static void
date_shortcuts(void **state)
{
	char out[17];
	struct cd_err err;

	assert_int_equal(datein_date("t", "2026-11-23", out, &err), CD_OK);
	assert_string_equal(out, "2026-11-23");
	assert_int_equal(datein_date("y", "2026-03-01", out, &err), CD_OK);
	assert_string_equal(out, "2026-02-28");
	assert_int_equal(datein_date("+3d", "2026-12-30", out, &err), CD_OK);
	assert_string_equal(out, "2027-01-02");
	assert_int_equal(datein_date("-2w", "2026-11-23", out, &err), CD_OK);
	assert_string_equal(out, "2026-11-09");
	assert_int_equal(datein_date("+1m", "2026-01-31", out, &err), CD_OK);
	assert_string_equal(out, "2026-02-28");
	assert_int_equal(datein_date("5/3", "2026-11-23", out, &err), CD_OK);
	assert_string_equal(out, "2026-03-05");
	assert_int_equal(datein_date("05/03/87", "2026-11-23", out, &err),
	    CD_OK);
	assert_string_equal(out, "1987-03-05");
	assert_int_equal(datein_date("05/03/26", "2026-11-23", out, &err),
	    CD_OK);
	assert_string_equal(out, "2026-03-05");
	assert_int_equal(datein_date("31/02", "2026-11-23", out, &err),
	    CD_ERR_INVALID);
	/* Far past or future is refused, never a mangled date. */
	assert_int_equal(datein_date("+99999y", "2026-11-23", out, &err),
	    CD_ERR_INVALID);
	assert_int_equal(datein_date("-99999y", "2026-11-23", out, &err),
	    CD_ERR_INVALID);
	assert_int_equal(datein_date("-30000m", "2026-11-23", out, &err),
	    CD_ERR_INVALID);
	assert_int_equal(datein_date("soon", "2026-11-23", out, &err),
	    CD_ERR_INVALID);
	assert_non_null(strstr(err.msg, "+3d"));
	assert_int_equal(datein_datetime("t 14:30", "2026-11-23T10:00", out,
	    &err), CD_OK);
	assert_string_equal(out, "2026-11-23T14:30");
	assert_int_equal(datein_datetime("now", "2026-11-23T10:00", out, &err),
	    CD_OK);
	assert_string_equal(out, "2026-11-23T10:00");
	assert_int_equal(datein_datetime("t 25:00", "2026-11-23T10:00", out,
	    &err), CD_ERR_INVALID);
}

static void
field_types_validate(void **state)
{
	struct env *e = *state;
	struct fill f;
	struct cd_err err;
	const struct {
		const char *form, *field, *value;
		enum cd_status want;
		const char *stored;
	} cases[] = {
		{ "contact", "contact_date", "23/11 09:05", CD_OK,
		    "2026-11-23T09:05" },
		{ "contact", "contact_date", "tomorrow", CD_ERR_INVALID, NULL },
		{ "contact", "source", "6", CD_OK, "6" },
		{ "contact", "source", "99", CD_ERR_INVALID, NULL },
		{ "contact", "checks", "POLICE,HEALTH", CD_OK, "POLICE,HEALTH" },
		{ "contact", "decision", "NFA,EH", CD_ERR_INVALID, NULL },
		{ "contact", "decision_date", "-2w", CD_OK, "2026-11-09" },
		{ "visit", "seen", "yes", CD_OK, "1" },
		{ "visit", "seen", "maybe", CD_ERR_INVALID, NULL },
		{ "cp-plan", "previous_plans", "two", CD_ERR_INVALID, NULL },
		{ "cp-plan", "previous_plans", "2", CD_OK, "2" },
		{ "care-start", "placement_postcode", "sm11ea", CD_OK,
		    "SM1 1EA" },
		{ "care-start", "placement_postcode", "nowhere", CD_ERR_INVALID,
		    NULL },
		{ "contact", "concerns", "line one\nline two", CD_OK,
		    "line one\nline two" },
		{ "contact", "caller", "bad\x01text", CD_ERR_INVALID, NULL },
		{ "family-history", "member_name", "Pat", CD_ERR_INVALID,
		    NULL },	/* a group field needs its row */
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		enum cd_status got;

		assert_int_equal(fill_new(&f, e->f.st, &shipped, cases[i].form,
		    e->child, &err), CD_OK);
		got = fill_set(&f, cases[i].field, 0, cases[i].value, &err);
		if (got != cases[i].want)
			fail_msg("%s.%s = \"%s\": got %d (%s)", cases[i].form,
			    cases[i].field, cases[i].value, got, err.msg);
		if (cases[i].stored)
			assert_string_equal(fill_get(&f, cases[i].field, 0),
			    cases[i].stored);
		if (got != CD_OK)	/* the message names the field */
			assert_non_null(strstr(err.msg, formdef_field(f.def,
			    cases[i].field)->label));
		fill_close(&f);
	}
}

static void
show_if_required_on_submit_prefill_and_version(void **state)
{
	struct env *e = *state;
	const struct formfield *ff;
	struct fill f, g;
	struct cd_err err;
	struct record r;
	char *missing;

	assert_int_equal(fill_new(&f, e->f.st, &shipped, "contact", e->child,
	    &err), CD_OK);
	assert_int_equal(f.version, 1);
	/* Pre-filled from the clock. */
	assert_string_equal(fill_get(&f, "contact_date", 0), "2026-11-23T10:00");
	assert_string_equal(fill_get(&f, "decision_date", 0), "2026-11-23");
	/* A draft may be incomplete; submitting lists what is missing. */
	missing = fill_missing(&f);
	assert_non_null(strstr(missing, "Who made contact"));
	assert_null(strstr(missing, "Early help service"));
	free(missing);
	assert_int_equal(fill_submit(&f, &err), CD_ERR_INVALID);
	assert_non_null(strstr(err.msg, "still to fill in"));
	ff = formdef_field(f.def, "early_help_service");
	assert_false(fill_visible(&f, ff, 0));
	assert_int_equal(fill_set(&f, "decision", 0, "EH", &err), CD_OK);
	assert_true(fill_visible(&f, ff, 0));
	assert_int_equal(fill_set(&f, "caller", 0, "Head teacher", &err), CD_OK);
	assert_int_equal(fill_set(&f, "source", 0, "2A", &err), CD_OK);
	assert_int_equal(fill_set(&f, "concerns", 0, "Bruising seen", &err),
	    CD_OK);
	assert_int_equal(fill_set(&f, "decision_reason", 0, "Family agree to "
	    "early help", &err), CD_OK);
	assert_int_equal(fill_submit(&f, &err), CD_OK);
	assert_string_equal(f.status, "authorised");
	/* The typed answers are in the record the returns read. */
	assert_int_equal(store_record_get(e->f.st, "contact", 1, &r, NULL),
	    CD_OK);
	assert_string_equal(store_record_value(&r, "source"), "2A");
	assert_string_equal(store_record_value(&r, "decision"), "EH");
	assert_string_equal(store_record_value(&r, "reason"), "Bruising seen");
	store_record_fini(&r);
	/* Reopened, it keeps its answers and version. */
	assert_int_equal(fill_open(&g, e->f.st, &shipped, f.instance, &err),
	    CD_OK);
	assert_string_equal(fill_get(&g, "caller", 0), "Head teacher");
	assert_int_equal(g.version, 1);
	assert_false(fill_editable(&g));
	fill_close(&g);
	fill_close(&f);
	/* Pre-fill from the person's record. */
	assert_int_equal(fill_new(&f, e->f.st, &shipped, "person-summary",
	    e->child, &err), CD_OK);
	assert_string_equal(fill_get(&f, "dob", 0), "2014-05-06");
	fill_close(&f);
}

static void
repeating_groups(void **state)
{
	struct env *e = *state;
	struct fill f;
	struct cd_err err;
	int row;

	assert_int_equal(fill_new(&f, e->f.st, &shipped, "family-history",
	    e->child, &err), CD_OK);
	assert_int_equal(fill_rows(&f, "household"), 1);
	assert_int_equal(fill_set(&f, "member_name", 1, "Pat Form", &err),
	    CD_OK);
	row = fill_add_row(&f, "household");
	assert_int_equal(row, 2);
	assert_int_equal(fill_set(&f, "member_name", 2, "Sam Form", &err),
	    CD_OK);
	assert_int_equal(fill_set(&f, "member_relationship", 2, "sibling",
	    &err), CD_OK);
	assert_int_equal(fill_rows(&f, "household"), 2);
	assert_int_equal(fill_remove_row(&f, "household", 1, &err), CD_OK);
	assert_string_equal(fill_get(&f, "member_name", 1), "Sam Form");
	assert_string_equal(fill_get(&f, "member_relationship", 1), "sibling");
	assert_int_equal(fill_rows(&f, "household"), 1);
	fill_close(&f);
}

static void
family_history_draws_on_and_writes_relationships(void **state)
{
	struct env *e = *state;
	struct field_value mum[2] = { { "family_name", "Form" },
	    { "given_names", "Mary" } };
	struct field_value sib[2] = { { "family_name", "Form" },
	    { "given_names", "Sid" } };
	struct person_hits d;
	struct relation *r;
	struct fill f;
	struct cd_err err;
	int64_t m, s;
	char sid[24];
	size_t n, i;
	int found = 0;

	assert_int_equal(store_person_add(e->f.st, mum, 2, NULL, "the mother",
	    &m, &d, NULL), CD_OK);
	store_person_hits_fini(&d);
	assert_int_equal(store_person_add(e->f.st, sib, 2, NULL, "the brother",
	    &s, &d, NULL), CD_OK);
	store_person_hits_fini(&d);
	assert_int_equal(store_person_relate(e->f.st, m, "mother", e->child, 1,
	    NULL), CD_OK);
	assert_int_equal(fill_new(&f, e->f.st, &shipped, "family-history",
	    e->child, &err), CD_OK);
	/* Drawn from the record, not retyped. */
	assert_string_equal(fill_get(&f, "member_relationship", 1), "mother");
	assert_string_equal(fill_get(&f, "member_pr", 1), "1");
	assert_non_null(strstr(fill_get(&f, "member_name", 1), "Mary"));
	snprintf(sid, sizeof sid, "%lld", (long long)s);
	assert_int_equal(fill_add_row(&f, "household"), 2);
	assert_int_equal(fill_set(&f, "member_name", 2, "Sid Form", &err),
	    CD_OK);
	assert_int_equal(fill_set(&f, "member_person", 2, sid, &err), CD_OK);
	assert_int_equal(fill_set(&f, "member_relationship", 2, "sibling",
	    &err), CD_OK);
	assert_int_equal(fill_submit(&f, &err), CD_OK);
	fill_close(&f);
	/* And written back to the relationship records. */
	assert_int_equal(store_person_relations(e->f.st, e->child, &r, &n,
	    NULL), CD_OK);
	assert_int_equal(n, 2);
	for (i = 0; i < n; i++)
		found |= r[i].related_id == s && !strcmp(r[i].kind, "sibling");
	assert_true(found);
	store_person_relations_free(&r, n);
}

static void
episodes_join_up_through_the_placement_forms(void **state)
{
	struct env *e = *state;
	struct fill f;
	struct cd_err err;
	struct record r;
	int64_t start, change, pc;

	assert_int_equal(fill_new(&f, e->f.st, &shipped, "placement-change",
	    e->child, &err), CD_OK);
	pc = f.instance;
	fill_set(&f, "start_date", 0, "2026-10-01", &err);
	fill_set(&f, "reason_new", 0, "P", &err);
	fill_set(&f, "reason_change", 0, "CARPL", &err);
	fill_set(&f, "legal_status", 0, "C2", &err);
	fill_set(&f, "placement_type", 0, "U4", &err);
	fill_set(&f, "provider", 0, "PR1", &err);
	fill_set(&f, "placement_postcode", 0, "SM1 1EA", &err);
	assert_int_equal(fill_submit(&f, &err), CD_ERR_INVALID);
	assert_non_null(strstr(err.msg, "no open period of care"));
	fill_close(&f);
	assert_int_equal(fill_new(&f, e->f.st, &shipped, "care-start",
	    e->child, &err), CD_OK);
	fill_set(&f, "start_date", 0, "2026-09-01", &err);
	fill_set(&f, "legal_status", 0, "V2", &err);
	fill_set(&f, "category_of_need", 0, "N1", &err);
	fill_set(&f, "placement_type", 0, "U6", &err);
	fill_set(&f, "provider", 0, "PR1", &err);
	fill_set(&f, "placement_postcode", 0, "SM2 6JF", &err);
	if (fill_submit(&f, &err) != CD_OK)
		fail_msg("care-start: %s", err.msg);
	start = 1;
	fill_close(&f);
	/* Now the placement change, with a period to join, goes in. */
	assert_int_equal(fill_open(&f, e->f.st, &shipped, pc, &err), CD_OK);
	if (fill_submit(&f, &err) != CD_OK)
		fail_msg("placement change: %s", err.msg);
	change = 2;
	fill_close(&f);
	assert_int_equal(store_record_get(e->f.st, "care_episode", start, &r,
	    NULL), CD_OK);
	assert_string_equal(store_record_value(&r, "end_date"), "2026-10-01");
	assert_string_equal(store_record_value(&r, "reason_ceased"), "X1");
	store_record_fini(&r);
	assert_int_equal(fill_new(&f, e->f.st, &shipped, "care-end", e->child,
	    &err), CD_OK);
	fill_set(&f, "end_date", 0, "2026-11-20", &err);
	fill_set(&f, "reason_ceased", 0, "E4A", &err);
	assert_int_equal(fill_submit(&f, &err), CD_OK);
	fill_close(&f);
	assert_int_equal(store_record_get(e->f.st, "care_episode", change, &r,
	    NULL), CD_OK);
	assert_string_equal(store_record_value(&r, "reason_ceased"), "E4A");
	store_record_fini(&r);
	assert_int_equal(store_record_get(e->f.st, "care_period", 1, &r, NULL),
	    CD_OK);
	assert_string_equal(store_record_value(&r, "end_date"), "2026-11-20");
	store_record_fini(&r);
}

/* A lateness check for tests: late when done is after 2026-11-01. */
static int
late_after_november(const char *rule, const char *from, const char *done,
    void *arg)
{
	(void)rule;
	(void)from;
	(void)arg;
	return done != NULL && strcmp(done, "2026-11-01") > 0;
}

static void
late_work_asks_for_the_reason(void **state)
{
	struct env *e = *state;
	struct fill f;
	struct cd_err err;
	char *missing;

	fill_set_lateness(late_after_november, NULL);
	assert_int_equal(fill_new(&f, e->f.st, &shipped, "assessment",
	    e->child, &err), CD_OK);
	assert_int_equal(fill_set(&f, "start_date", 0, "2026-09-01", &err),
	    CD_OK);
	assert_int_equal(fill_set(&f, "completed_date", 0, "2026-10-20", &err),
	    CD_OK);
	missing = fill_missing(&f);
	assert_null(strstr(missing, "Reason the assessment went over"));
	free(missing);
	assert_int_equal(fill_set(&f, "completed_date", 0, "2026-11-20", &err),
	    CD_OK);
	missing = fill_missing(&f);
	assert_non_null(strstr(missing, "Reason the assessment went over"));
	free(missing);
	fill_close(&f);
	fill_set_lateness(NULL, NULL);
}

static void
lifecycle_and_permissions(void **state)
{
	struct env *e = *state;
	struct store *mo, *mia, *eve;
	struct fill f;
	struct cd_err err;
	int64_t assessment;

	/* sam writes an assessment and submits it. */
	assert_int_equal(fill_new(&f, e->f.st, &shipped, "assessment",
	    e->child, &err), CD_OK);
	assessment = f.instance;
	fill_set(&f, "start_date", 0, "2026-11-16", &err);
	fill_set(&f, "child_seen_date", 0, "2026-11-20", &err);
	fill_set(&f, "child_views", 0, "Wants to stay with mum", &err);
	fill_set(&f, "factors", 0, "3B 2B", &err);
	fill_set(&f, "analysis", 0, "Risks reduced", &err);
	fill_set(&f, "completed_date", 0, "2026-11-21", &err);
	fill_set(&f, "outcome", 0, "CIN plan", &err);
	if (fill_submit(&f, &err) != CD_OK)
		fail_msg("assessment: %s", err.msg);
	assert_string_equal(f.status, "submitted");
	fill_close(&f);
	/* A social worker cannot authorise, least of all their own. */
	assert_int_equal(store_form_authorise(e->f.st, assessment, &err),
	    CD_ERR_DENIED);
	/* A manager returns it; sam resubmits; another manager authorises. */
	mo = as(e, "mo");
	assert_int_equal(store_form_return(mo, assessment, "Say more about "
	    "dad", &err), CD_OK);
	store_close(&mo);
	assert_int_equal(fill_open(&f, e->f.st, &shipped, assessment, &err),
	    CD_OK);
	assert_string_equal(f.status, "returned");
	assert_string_equal(f.comments, "Say more about dad");
	assert_int_equal(fill_set(&f, "family_views", 0, "Dad wants contact",
	    &err), CD_OK);
	assert_int_equal(fill_submit(&f, &err), CD_OK);
	fill_close(&f);
	mo = as(e, "mo");
	assert_int_equal(store_form_authorise(mo, assessment, &err), CD_OK);
	store_close(&mo);
	/* A manager cannot authorise work they started themselves. */
	mia = as(e, "mia");
	assert_int_equal(fill_new(&f, mia, &shipped, "s47-enquiry", e->child,
	    &err), CD_OK);
	fill_set(&f, "findings", 0, "x", &err);
	fill_set(&f, "icpc_not_required", 0, "no", &err);
	fill_set(&f, "outcome", 0, "ICPC", &err);
	assert_int_equal(fill_submit(&f, &err), CD_OK);
	assert_int_equal(store_form_authorise(mia, f.instance, &err),
	    CD_ERR_DENIED);
	assert_non_null(strstr(err.msg, "your own work"));
	fill_close(&f);
	store_close(&mia);
	/* The education partner opens a PEP but not the assessment. */
	eve = as(e, "eve");
	assert_int_equal(fill_new(&f, eve, &shipped, "pep", e->child, &err),
	    CD_OK);
	assert_int_equal(fill_set(&f, "school", 0, "Sutton Primary", &err),
	    CD_OK);
	fill_close(&f);
	assert_int_equal(fill_open(&f, eve, &shipped, assessment, &err),
	    CD_ERR_DENIED);
	assert_int_equal(fill_new(&f, eve, &shipped, "assessment", e->child,
	    &err), CD_ERR_DENIED);
	store_close(&eve);
}

/* Whether code is among the n forms. */
static int
offered(const struct formdef *const *f, size_t n, const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(f[i]->code, code) == 0)
			return 1;
	return 0;
}

/* The picker offers what the role may start and what fits the person. */
static void
the_picker_fits_role_and_person(void **state)
{
	const struct formdef *f[64];
	size_t n, i;

	(void)state;
	n = formdef_startable(&shipped, ROLE_DUTY, formdef_person_kind(0, 0, 0, 0),
	    f, 64);
	assert_true(n < 28);
	assert_true(offered(f, n, "contact"));
	assert_true(offered(f, n, "strategy-discussion"));
	assert_false(offered(f, n, "adoption-order"));
	assert_false(offered(f, n, "adopter-stage2"));
	for (i = 1; i < n; i++)	/* in title order, for type-ahead */
		assert_true(strcmp(f[i - 1]->title, f[i]->title) <= 0);
	/* An adult who is not in care: only what fits anyone. */
	n = formdef_startable(&shipped, ROLE_DUTY, formdef_person_kind(1, 0, 0, 0),
	    f, 64);
	assert_true(offered(f, n, "address"));
	assert_false(offered(f, n, "contact"));
	assert_false(offered(f, n, "visit"));
	/* An adopter, for the adoption worker: the stages. */
	n = formdef_startable(&shipped, ROLE_ADOPTION, formdef_person_kind(1,
	    1, 0, 0), f, 64);
	assert_true(offered(f, n, "adopter-stage2"));
	assert_false(offered(f, n, "cp-plan"));
	/* The adoption order is the social worker's, not the duty desk's. */
	n = formdef_startable(&shipped, ROLE_SOCIAL, formdef_person_kind(0, 0, 0, 0),
	    f, 64);
	assert_false(offered(f, n, "adoption-order"));	/* not in care */
	assert_false(offered(f, n, "cla-review"));
	assert_false(offered(f, n, "placement-change"));
	assert_false(offered(f, n, "pathway-plan"));
	assert_true(offered(f, n, "care-start"));
	/* A child in care: the looked-after forms as well as every child's. */
	n = formdef_startable(&shipped, ROLE_SOCIAL, formdef_person_kind(0, 0,
	    1, 0), f, 64);
	assert_true(offered(f, n, "adoption-order"));
	assert_true(offered(f, n, "cla-review"));
	assert_true(offered(f, n, "pep"));
	assert_true(offered(f, n, "visit"));
	/* A care leaver of 19: the pathway plan, not the looked-after review. */
	n = formdef_startable(&shipped, ROLE_SOCIAL, formdef_person_kind(1, 0,
	    0, 1), f, 64);
	assert_true(offered(f, n, "pathway-plan"));
	assert_false(offered(f, n, "cla-review"));
	/* An adult's open episode (a data error) does not make them a child
	 * in care. */
	assert_int_equal(formdef_person_kind(1, 0, 1, 0), FITS_ADULT);
}

/*
 * The definitions come from the database: an older database gets the
 * shipped set at its first session (here sam's, in setup), and from then
 * on only an administrator installs, one audited event per change; what
 * is installed, not any folder a caller loaded, decides who may write.
 */
static void
definitions_live_in_the_database(void **state)
{
	struct env *e = *state;
	struct form_install fi;
	struct formset set;
	struct store *a, *eve;
	struct cd_err err;
	size_t changed;
	int64_t id;

	assert_true(store_forms_count(e->f.st) >= (int64_t)shipped.nforms);
	memset(&fi, 0, sizeof fi);
	fi.kind = "form";
	fi.name = "assessment";
	fi.version = 2;
	fi.body = "[form]\ncode = assessment\n";
	fi.len = strlen(fi.body);
	fi.policy.read_roles = fi.policy.write_roles = 1u << ROLE_EDUCATION;
	assert_int_equal(store_forms_install(e->f.st, &fi, 1, &changed, &err),
	    CD_ERR_DENIED);
	/* The education partner, whatever folder they loaded, is refused. */
	eve = as(e, "eve");
	assert_int_equal(store_form_new(eve, e->child, "assessment", 1, &id,
	    &err), CD_ERR_DENIED);
	store_close(&eve);
	/* An administrator's install is what changes it. */
	a = as(e, "admin");
	assert_int_equal(store_forms_install(a, &fi, 1, &changed, &err), CD_OK);
	assert_int_equal(changed, 1);
	assert_int_equal(store_forms_install(a, &fi, 1, &changed, &err), CD_OK);
	assert_int_equal(changed, 0);	/* the same text twice: nothing new */
	store_close(&a);
	eve = as(e, "eve");
	assert_int_equal(store_form_new(eve, e->child, "assessment", 1, &id,
	    &err), CD_OK);
	store_close(&eve);
	/* A code nobody installed is refused outright. */
	assert_int_equal(store_form_new(e->f.st, e->child, "no-such-form", 1,
	    &id, &err), CD_ERR_NOTFOUND);
	assert_int_equal(formdef_load_installed(e->f.st, &set, &err), CD_OK);
	assert_non_null(formdef_find(&set, "visit"));
	formdef_set_fini(&set);
}

/*
 * A draft's field save commits without waiting for the disk; everything
 * else, the submit included, syncs (and with it every draft before it),
 * and leaving the form makes the drafts durable.
 */
static void
only_a_drafts_field_save_is_relaxed(void **state)
{
	struct env *e = *state;
	struct store_test_counts c;
	struct cd_err err;
	struct fill f;

	assert_int_equal(fill_new(&f, e->f.st, &shipped, "contact", e->child,
	    &err), CD_OK);
	store_test_count_start(e->f.st, &c);
	assert_int_equal(fill_set(&f, "caller", 0, "Head teacher", &err),
	    CD_OK);
	assert_int_equal(fill_set(&f, "source", 0, "2A", &err), CD_OK);
	store_test_count_stop(e->f.st);
	assert_int_equal(c.commits, 2);
	assert_int_equal(c.relaxed, 2);
	/* Back to a full sync for whatever the connection does next. */
	assert_int_equal(store_test_count(e->f.st, "PRAGMA synchronous"), 2);
	assert_int_equal(fill_set(&f, "concerns", 0, "Bruising seen", &err),
	    CD_OK);
	assert_int_equal(fill_set(&f, "decision", 0, "NFA", &err), CD_OK);
	assert_int_equal(fill_set(&f, "decision_reason", 0, "None needed",
	    &err), CD_OK);
	store_test_count_start(e->f.st, &c);
	assert_int_equal(fill_submit(&f, &err), CD_OK);
	store_test_count_stop(e->f.st);
	assert_true(c.commits >= 1);
	assert_int_equal(c.relaxed, 0);
	fill_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(only_a_drafts_field_save_is_relaxed),
		cmocka_unit_test(every_shipped_form_loads),
		cmocka_unit_test(malformed_definitions_report_everything),
		cmocka_unit_test(date_shortcuts),
		cmocka_unit_test(the_picker_fits_role_and_person),
		T(field_types_validate),
		T(show_if_required_on_submit_prefill_and_version),
		T(repeating_groups),
		T(family_history_draws_on_and_writes_relationships),
		T(episodes_join_up_through_the_placement_forms),
		T(late_work_asks_for_the_reason),
		T(lifecycle_and_permissions),
		T(definitions_live_in_the_database),
#undef T
	};
	char *dir = xasprintf("%s/forms", getenv("top_srcdir") ?
	    getenv("top_srcdir") : ".");
	int rc;

	secret_init(NULL);
	formdef_load(dir, &shipped);
	free(dir);
	rc = cmocka_run_group_tests_name("forms", tests, NULL, NULL);
	formdef_set_fini(&shipped);
	return rc;
}
