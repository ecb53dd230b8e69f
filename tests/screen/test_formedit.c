/*
 * In-process screen scripts for the form editor: keystrokes in, screen
 * text and saved values out. curses draws to /dev/null at 80x24 vt100.
 */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/cfg.h"
#include "common/xmem.h"
#include "fixture.h"
#include "harness.h"
#include "forms/fill.h"
#include "forms/formdef.h"
#include "store/person.h"
#include "store/record.h"
#include "store/user.h"
#include "tui/formedit.h"
#include "tui/keymap.h"

static struct formset shipped;
static struct keymap km;
static struct fixture fx;
static int64_t child;


/* Feed a script to the editor, drawing after each key as the client does. */
static void
play(struct formedit *e, const char *script)
{
	const char *p = script;
	char name[16];

	while (*p) {
		int key = harness_next_key(&p, name, sizeof name);

		assert_true(key >= 0);
		formedit_key(e, key);
		formedit_draw(e);
	}
}

#define expect harness_expect

static int
setup(void **state)
{
	struct field_value v[3] = { { "family_name", "Screen" },
	    { "given_names", "Sky" }, { "dob", "2013-02-03" } };
	struct person_hits d;

	setenv("CASEDESK_NOW", "2026-11-23T10:00:00.000Z", 1);
	fixture_make(&fx);
	store_close(&fx.st);
	fx.st = fixture_open_as(&fx, "sam");
	assert_int_equal(fill_register(fx.st, &shipped, NULL), CD_OK);
	assert_int_equal(store_person_add(fx.st, v, 3, NULL, "screen test",
	    &child, &d, NULL), CD_OK);
	store_person_hits_fini(&d);
	return 0;
}

static int
teardown(void **state)
{
	fixture_free(&fx);
	return 0;
}

static void
contact_record_from_keystrokes(void **state)
{
	struct formedit e;
	struct fill f;
	struct record r;

	assert_int_equal(fill_new(&f, fx.st, &shipped, "contact", child, NULL),
	    CD_OK);
	formedit_init(&e, &f, &km, "SCREEN, Sky", 0);
	formedit_draw(&e);
	expect("Contact record #");
	expect("> Date and time of contact *");
	expect("2026-11-23T10:00");
	play(&e, "{Tab}PC Jones{Tab}pol");
	expect("POLICE Police");
	play(&e, "{Tab}{Tab}police{Tab}");
	assert_string_equal(fill_get(&f, "caller_relationship", 0), "POLICE");
	assert_string_equal(fill_get(&f, "source", 0), "6");
	play(&e, "Domestic incident{Enter}Child at home{Tab}");
	assert_string_equal(fill_get(&f, "concerns", 0),
	    "Domestic incident\nChild at home");
	play(&e, "POLICE,HEALTH{Tab}Both know the family{Tab}");
	assert_string_equal(fill_get(&f, "checks_notes", 0),
	    "Both know the family");
	/* Submitting too early lists what is missing, inline. */
	play(&e, "{C-t}");
	expect("Still to fill in: Decision; Reason");
	play(&e, "zzz{Tab}");
	expect("Decision: nothing matches");
	play(&e, "{C-u}referral{Tab}y{Tab}Needs an assessment{Tab}{C-t}");
	/* A decision the day before the contact is refused, inline. */
	expect("Decision date (2026-11-22) is before");
	play(&e, "{Up}t{Tab}{C-t}");
	expect("Submitted");
	assert_string_equal(fill_get(&f, "decision", 0), "REF");
	assert_string_equal(fill_get(&f, "decision_date", 0), "2026-11-23");
	assert_int_equal(store_record_get(fx.st, "contact", 1, &r, NULL),
	    CD_OK);
	assert_string_equal(store_record_value(&r, "decision"), "REF");
	assert_string_equal(store_record_value(&r, "source"), "6");
	store_record_fini(&r);
	formedit_fini(&e);
	fill_close(&f);
}

static void
placement_start_from_keystrokes(void **state)
{
	struct formedit e;
	struct fill f;
	struct record r;

	assert_int_equal(fill_new(&f, fx.st, &shipped, "care-start", child,
	    NULL), CD_OK);
	formedit_init(&e, &f, &km, "SCREEN, Sky", 0);
	play(&e, "{C-u}-1w{Tab}{Tab}V2{Tab}abuse{Tab}U6{Tab}PR1{Tab}"
	    "sm26jf{Tab}{Tab}Mrs Foster{Tab}020 8770 0000{Tab}");
	assert_string_equal(fill_get(&f, "start_date", 0), "2026-11-16");
	assert_string_equal(fill_get(&f, "reason_new", 0), "S");
	assert_string_equal(fill_get(&f, "category_of_need", 0), "N1");
	assert_string_equal(fill_get(&f, "placement_postcode", 0), "SM2 6JF");
	/* A bad value stays on its field with the reason shown. */
	play(&e, "{Up}{Up}{Up}{C-u}ZZ{Tab}");
	expect("Placement postcode");
	expect("is not the shape of a UK postcode");
	play(&e, "{C-u}sm2 6jf{Tab}{C-t}");
	expect("Submitted");
	assert_int_equal(store_record_get(fx.st, "care_episode", 1, &r, NULL),
	    CD_OK);
	assert_string_equal(store_record_value(&r, "legal_status"), "V2");
	assert_string_equal(store_record_value(&r, "placement_type"), "U6");
	assert_string_equal(store_record_value(&r, "carer"), "Mrs Foster");
	store_record_fini(&r);
	formedit_fini(&e);
	fill_close(&f);
}

static void
leaving_with_an_unsaved_field_asks(void **state)
{
	struct formedit e;
	struct fill f;

	assert_int_equal(fill_new(&f, fx.st, &shipped, "visit", child, NULL),
	    CD_OK);
	formedit_init(&e, &f, &km, "SCREEN, Sky", 0);
	play(&e, "cp{Esc}");
	expect("before leaving? y saves");
	assert_false(e.done);
	play(&e, "y");
	assert_true(e.done);
	assert_string_equal(fill_get(&f, "kind", 0), "cp");
	formedit_fini(&e);
	fill_close(&f);
}

static void
a_manager_authorises_or_returns_in_the_editor(void **state)
{
	struct formedit e;
	struct fill f;
	struct store *mo;
	struct cd_err err;
	int64_t id;

	assert_int_equal(fill_new(&f, fx.st, &shipped, "assessment", child,
	    NULL), CD_OK);
	id = f.instance;
	fill_set(&f, "start_date", 0, "2026-11-10", &err);
	fill_set(&f, "child_seen_date", 0, "2026-11-11", &err);
	fill_set(&f, "child_views", 0, "Wants to stay home", &err);
	fill_set(&f, "factors", 0, "3B", &err);
	fill_set(&f, "analysis", 0, "Risk reduced", &err);
	fill_set(&f, "completed_date", 0, "2026-11-20", &err);
	fill_set(&f, "outcome", 0, "CIN plan", &err);
	assert_int_equal(fill_submit(&f, &err), CD_OK);
	fill_close(&f);
	{
		struct store *a = fixture_open_as(&fx, "admin");

		assert_int_equal(store_user_add(a, "mo", "", ROLE_MANAGER, "",
		    NULL), CD_OK);
		store_close(&a);
	}
	mo = fixture_open_as(&fx, "mo");
	assert_int_equal(fill_register(mo, &shipped, NULL), CD_OK);
	assert_int_equal(fill_open(&f, mo, &shipped, id, NULL), CD_OK);
	formedit_init(&e, &f, &km, "SCREEN, Sky", 0);
	formedit_draw(&e);
	expect("Submitted: a manager authorises it");
	play(&e, "{C-b}Say more about dad{Enter}");
	expect("Returned to its author");
	assert_string_equal(f.status, "returned");
	formedit_fini(&e);
	fill_close(&f);
	store_close(&mo);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(contact_record_from_keystrokes,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(placement_start_from_keystrokes,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    leaving_with_an_unsaved_field_asks, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    a_manager_authorises_or_returns_in_the_editor, setup,
		    teardown),
	};
	char *dir = xasprintf("%s/forms", getenv("top_srcdir") ?
	    getenv("top_srcdir") : ".");
	int rc;

	harness_start();
	formdef_load(dir, &shipped);
	free(dir);
	keymap_load(&km, NULL);
	rc = cmocka_run_group_tests_name("formedit", tests, NULL, NULL);
	harness_stop();
	keymap_fini(&km);
	formdef_set_free(&shipped);
	return rc;
}
