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
#include "store/entity.h"
#include "store/person.h"
#include "store/record.h"
#include "store/user.h"
#include "tui/fieldedit.h"
#include "tui/formedit.h"
#include "tui/keymap.h"

static struct formset shipped;
static struct keymap km;
static struct fixture fx;
static int64_t child;


/* Feed a script to the editor, drawing after each key as the client does. */

/* Make sure the database has the shipped forms installed (its migration). */
static enum cd_status
forms_ready(struct store *st)
{
	struct formset s;
	enum cd_status code = formdef_load_installed(st, &s, NULL);

	formdef_set_fini(&s);
	return code;
}

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

/* Tab (or S-Tab) to a field; nothing was typed, so nothing is saved. */
static void
to_field(struct formedit *e, const char *name)
{
	size_t guard = 0, i;

	for (i = 0; i < e->nlines; i++)
		if (strcmp(e->lines[i].ff->name, name) == 0)
			break;
	while (strcmp(e->lines[e->cur].ff->name, name) != 0 && guard++ < 100)
		formedit_key(e, i < e->cur ? KEYMAP_FN(KEY_BTAB) : KEYMAP_TAB);
	assert_string_equal(e->lines[e->cur].ff->name, name);
	formedit_draw(e);
}

/* A new contact form for the test child, open in the editor. */
static void
open_contact(struct formedit *e, struct fill *f)
{
	assert_int_equal(fill_new(f, fx.st, &shipped, "contact", child, NULL),
	    CD_OK);
	formedit_init(e, f, &km, "SCREEN, Sky", 0);
	formedit_draw(e);
}

static void
done(struct formedit *e, struct fill *f)
{
	formedit_fini(e);
	fill_close(f);
}

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
	assert_int_equal(forms_ready(fx.st), CD_OK);
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
	play(&e, "{Up}{C-u}referral{Tab}y{Tab}Needs an assessment{Tab}{C-t}");
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
	play(&e, "{Up}{C-u}sm2 6jf{Tab}{C-t}");
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
	assert_int_equal(forms_ready(mo), CD_OK);
	assert_int_equal(fill_open(&f, mo, &shipped, id, NULL), CD_OK);
	formedit_init(&e, &f, &km, "SCREEN, Sky", 0);
	formedit_draw(&e);
	expect("Submitted: a manager authorises it");
	/* The comments are typed with the line editor's keys. */
	play(&e, "{C-b}Say more dad{Left}{Left}{Left}about ");
	expect("Comments for the author");
	expect("Say more about dad");
	play(&e, "{Enter}");
	expect("Returned to its author");
	assert_string_equal(f.status, "returned");
	formedit_fini(&e);
	fill_close(&f);
	assert_int_equal(fill_open(&f, mo, &shipped, id, NULL), CD_OK);
	assert_string_equal(f.comments, "Say more about dad");
	fill_close(&f);
	store_close(&mo);
}

static void
ref_then_tab_saves_ref_not_early_help(void **state)
{
	struct formedit e;
	struct fill f;

	open_contact(&e, &f);
	to_field(&e, "decision");
	/* "ref" is a code: it wins over "refer to early help". */
	play(&e, "ref");
	expect(">REF");
	play(&e, "{Tab}");
	assert_string_equal(fill_get(&f, "decision", 0), "REF");
	expect("Saved Decision: REF (accept as a referral");
	/* Words of meanings narrow too, and the row chosen is the one
	 * highlighted: "refer" matches both, Down moves to the second. */
	play(&e, "{Up}refer");
	expect(">EH");
	expect(" REF");
	play(&e, "{Down}");
	expect(">REF");
	expect(" EH ");
	play(&e, "{Tab}");
	assert_string_equal(fill_get(&f, "decision", 0), "REF");
	done(&e, &f);
}

static void
unmatched_code_is_kept_focus_moves_and_submit_lists_it(void **state)
{
	struct formedit e;
	struct fill f;

	open_contact(&e, &f);
	to_field(&e, "decision");
	play(&e, "zzz{Tab}");
	expect("Decision: nothing matches \"zzz\"");
	/* Focus moved on; the text is kept on its line, marked, unsaved. */
	assert_string_equal(e.lines[e.cur].ff->name, "decision_date");
	expect("!Decision *                          zzz");
	assert_null(fill_get(&f, "decision", 0));
	/* What is typed next goes into the next field, not the last. */
	play(&e, "t{Tab}");
	assert_string_equal(fill_get(&f, "decision_date", 0), "2026-11-23");
	assert_null(fill_get(&f, "decision", 0));
	expect("!Decision *                          zzz");
	play(&e, "{C-t}");
	expect("Not valid: Decision: nothing matches \"zzz\"");
	assert_string_equal(f.status, "draft");
	/* Leaving asks before the kept text is lost. */
	play(&e, "{Esc}");
	expect("1 answer is not valid and not saved");
	play(&e, "x");
	assert_false(e.done);
	play(&e, "{Esc}y");
	assert_true(e.done);
	done(&e, &f);
}

static void
the_message_goes_when_the_field_is_cleared_or_fixed(void **state)
{
	struct formedit e;
	struct fill f;

	open_contact(&e, &f);
	to_field(&e, "decision");
	play(&e, "zzz{Tab}{Up}");
	/* Back on it, the reason shows again, with the text kept. */
	expect("nothing matches \"zzz\"");
	assert_string_equal(fieldedit_text(&e.fe), "zzz");
	play(&e, "{C-u}");
	harness_expect_not("nothing matches");
	play(&e, "zzz{Tab}{Up}");
	expect("nothing matches \"zzz\"");
	/* Fixing it by editing takes the message away at once. */
	play(&e, "{BS}{BS}{BS}nf");
	harness_expect_not("nothing matches");
	play(&e, "a{Tab}");
	assert_string_equal(fill_get(&f, "decision", 0), "NFA");
	harness_expect_not("!Decision");
	harness_expect_not("nothing matches");
	done(&e, &f);
}

static void
down_on_an_empty_code_field_lists_every_code(void **state)
{
	struct formedit e;
	struct fill f;
	const struct codelist *src = formdef_list(&shipped,
	    "referral_source");
	size_t i;

	open_contact(&e, &f);
	to_field(&e, "decision");
	play(&e, "{Down}");
	expect(">NFA     no further action");
	expect(" ADVICE  information and advice given");
	expect(" EH      refer to early help");
	expect(" REF     accept as a referral");
	expect(" STRAT   strategy discussion now");
	expect(" OTHERLA pass to another local authority");
	/* Esc closes the list it opened, not the form. */
	play(&e, "{Esc}");
	assert_false(e.done);
	harness_expect_not("ADVICE");
	/* Typing narrows the list; C-space (a NUL) closes and opens it. */
	play(&e, "re");
	expect(">REF");
	formedit_key(&e, 0);
	formedit_draw(&e);
	harness_expect_not(">REF");
	formedit_key(&e, 0);
	formedit_draw(&e);
	expect(">REF");
	play(&e, "{Esc}");
	harness_expect_not(">REF");
	assert_false(e.done);
	play(&e, "{C-u}{Tab}{Up}");
	/* A long list scrolls: every code can be reached and picked. */
	to_field(&e, "source");
	play(&e, "{Down}");
	expect("of 22");
	assert_non_null(src);
	for (i = 0; i < src->n; i++) {
		char want[80];

		snprintf(want, sizeof want, ">%-2s %s", src->items[i].code,
		    src->items[i].label);
		expect(want);
		play(&e, "{Down}");
	}
	play(&e, "{Enter}");
	expect("10  unknown");
	play(&e, "{Tab}");
	assert_string_equal(fill_get(&f, "source", 0), "10");
	done(&e, &f);
}

static void
several_codes_are_typed_as_words(void **state)
{
	struct formedit e;
	struct fill f;

	open_contact(&e, &f);
	to_field(&e, "checks");
	play(&e, "pol cpis{Tab}");
	assert_string_equal(fill_get(&f, "checks", 0), "POLICE,CPIS");
	/* A word that matches nothing is named, and the text kept. */
	/* (the notes field now shows, between checks and decision) */
	play(&e, "{Up}pol zzz{Tab}");
	expect("Checks made: nothing matches \"zzz\"");
	assert_string_equal(fill_get(&f, "checks", 0), "POLICE,CPIS");
	done(&e, &f);
}

static void
f1_shows_the_fields_help_codes_and_keys(void **state)
{
	struct formedit e;
	struct fill f;
	char keys[64];

	open_contact(&e, &f);
	to_field(&e, "contact_date");
	play(&e, "{F1}");
	expect("Help: Date and time of contact");
	expect("When the call or message came in: t 14:30");
	play(&e, "{Esc}");
	to_field(&e, "decision");
	play(&e, "{C-g}");
	expect("Help: Decision");
	expect("REF        accept as a referral to children's social care");
	expect("OTHERLA    pass to another local authority");
	/* The keys come from the keymap, and the page scrolls to them. */
	keymap_keys_for(&km, CTX_FORM, ACT_FORM_SUBMIT, keys, sizeof keys);
	while (!harness_shows("Submit the form") && !harness_shows("-- end --"))
		play(&e, " ");
	expect(keys);
	expect("Submit the form (lists what is missing first)");
	while (!harness_shows("Editing a field") && !harness_shows("-- end --"))
		play(&e, " ");
	expect("Editing a field");
	play(&e, "{Esc}");
	expect("> Decision *");
	harness_expect_not("Help:");
	assert_false(e.done);
	done(&e, &f);
}

static void
the_readline_keys_edit_a_field(void **state)
{
	struct formedit e;
	struct fill f;

	open_contact(&e, &f);
	to_field(&e, "caller");
	play(&e, "PC Jnes{Left}{Left}{Left}o");
	assert_string_equal(fieldedit_text(&e.fe), "PC Jones");
	play(&e, "{C-a}X");
	assert_string_equal(fieldedit_text(&e.fe), "XPC Jones");
	play(&e, "{Left}{Delete}");
	assert_string_equal(fieldedit_text(&e.fe), "PC Jones");
	play(&e, "{C-e} (police){C-w}");
	assert_string_equal(fieldedit_text(&e.fe), "PC Jones ");
	play(&e, "{Home}{Right}{Right}{Right}{C-k}");
	assert_string_equal(fieldedit_text(&e.fe), "PC ");
	play(&e, "{End}{BS}{C-u}Ann Smith{Tab}");
	assert_string_equal(fill_get(&f, "caller", 0), "Ann Smith");
	done(&e, &f);
}

static void
a_long_answer_is_marked_and_whole_while_edited(void **state)
{
	struct formedit e;
	struct fill f;
	const char *lng = "Headteacher, Gospel Oak Primary School, Mansfield "
	    "Road, on behalf of the designated safeguarding lead";

	open_contact(&e, &f);
	to_field(&e, "caller");
	play(&e, lng);
	/* Scrolled sideways while typed: the end shows, '<' marks more. */
	expect("<");
	expect("designated safeguarding lead");
	play(&e, "{C-a}");
	expect("Headteacher, Gospel Oak");
	expect(">");
	play(&e, "{Tab}");
	assert_string_equal(fill_get(&f, "caller", 0), lng);
	/* Left, the line ends with '>': there is more to read. */
	expect("Who made contact *                  Headteacher, Gospel Oak "
	    "Primary School, >");
	play(&e, "{Up}{End}");
	expect("designated safeguarding lead");
	done(&e, &f);
}

/* Words w0001 w0002 ... to at least n characters. */
static char *
narrative(size_t n, int *words)
{
	char *s = xmalloc(n + 16);
	size_t len = 0;

	*words = 0;
	while (len < n) {
		len += (size_t)sprintf(s + len, "%sw%04d", len ? " " : "",
		    ++*words);
	}
	return s;
}

static void
a_2000_character_narrative_is_read_to_its_last_word(void **state)
{
	struct formedit e;
	struct fill f;
	struct cd_err err;
	char *text, word[16];
	int words, i, pages = 0;

	text = narrative(2000, &words);
	assert_true(strlen(text) >= 2000);
	/* While written: the end is in view, and the start scrolls back. */
	open_contact(&e, &f);
	assert_int_equal(fill_set(&f, "concerns", 0, text, &err), CD_OK);
	to_field(&e, "concerns");
	play(&e, "{Enter}");
	snprintf(word, sizeof word, "w%04d", words);
	expect(word);
	while (!harness_shows("w0001 ") && pages++ < 20)
		play(&e, "{PgUp}");
	expect("w0001 w0002");
	play(&e, "{Tab}");
	done(&e, &f);
	/* Submitted, it is read page by page, every word, in order. */
	open_contact(&e, &f);
	fill_set(&f, "caller", 0, "PC Long", &err);
	fill_set(&f, "source", 0, "6", &err);
	assert_int_equal(fill_set(&f, "concerns", 0, text, &err), CD_OK);
	fill_set(&f, "decision", 0, "NFA", &err);
	fill_set(&f, "decision_reason", 0, "Read", &err);
	assert_int_equal(fill_submit(&f, &err), CD_OK);
	formedit_fini(&e);
	formedit_init(&e, &f, &km, "SCREEN, Sky", 0);
	to_field(&e, "concerns");
	expect("w0001 w0002");
	expect(">");
	play(&e, "{Enter}");
	expect("Reading: Presenting concerns");
	for (i = 1, pages = 0; i <= words; i++) {
		snprintf(word, sizeof word, "w%04d", i);
		while (!harness_shows(word) && pages++ < 40)
			play(&e, " ");
		expect(word);
	}
	expect("-- end --");
	play(&e, "{Esc}");
	expect("> Presenting concerns");
	done(&e, &f);
	free(text);
}


/* The narrative editor has a cursor inside the text: a typo in the
 * middle is put right where it is, with the line editor's keys. */
static void
a_typo_mid_narrative_is_put_right_where_it_is(void **state)
{
	struct formedit e;
	struct fill f;
	struct cd_err err;
	char *text;
	int words;

	open_contact(&e, &f);
	assert_int_equal(fill_set(&f, "concerns", 0, "She said she was hapy "
	    "at school.\nSecond paragraph heree", &err), CD_OK);
	to_field(&e, "concerns");
	play(&e, "{Enter}");
	expect("Writing: Presenting concerns");
	/* Up to the first paragraph, to its start, right to the typo. */
	play(&e, "{Up}{Home}{Right}{Right}{Right}{Right}{Right}{Right}{Right}"
	    "{Right}{Right}{Right}{Right}{Right}{Right}{Right}{Right}{Right}"
	    "{Right}{Right}{Right}{Right}p");
	expect("She said she was happy at school.");
	/* C-e and more words at the end of that paragraph. */
	play(&e, "{C-e} Yes.");
	/* Down, Backspace at the end of the second, C-w a word, Delete. */
	play(&e, "{Down}{End}{BS}{C-w}here{Home}{Delete}s");
	play(&e, "{Tab}");
	assert_string_equal(fill_get(&f, "concerns", 0), "She said she was "
	    "happy at school. Yes.\nsecond paragraph here");
	/* C-k to the paragraph's end, then joins the next; C-u before. */
	to_field(&e, "concerns");
	play(&e, "{Enter}{Up}{Home}{Right}{Right}{Right}{C-k}");
	expect("She");
	play(&e, "{C-k}{C-e}{C-u}Two");
	play(&e, "{Tab}");
	assert_string_equal(fill_get(&f, "concerns", 0), "Two");
	done(&e, &f);
	/* Up from a wrapped row keeps the column on the row above. */
	text = narrative(115, &words);
	open_contact(&e, &f);
	assert_int_equal(fill_set(&f, "concerns", 0, text, &err), CD_OK);
	to_field(&e, "concerns");
	play(&e, "{Enter}{Up}X{Tab}");
	assert_non_null(strstr(fill_get(&f, "concerns", 0), "w0008X w0009"));
	done(&e, &f);
	free(text);
}

static void
a_record_column_is_edited_with_the_same_field_editor(void **state)
{
	const struct entity_def *contact = entity_find("contact"),
	    *referral = entity_find("referral");
	struct fieldedit fe;
	struct cd_err err;
	char *v;
	const char *k;

	assert_non_null(contact);
	fieldedit_column(&fe, entity_field(contact, "decision"), "NFA");
	for (k = "ref"; *k; k++)
		fieldedit_key(&fe, *k);
	assert_int_equal(fieldedit_value(&fe, &v, &err), CD_OK);
	assert_string_equal(v, "REF");
	free(v);
	fieldedit_fini(&fe);
	/* Down on the empty field lists the store's codes with meanings. */
	fieldedit_column(&fe, entity_field(contact, "source"), NULL);
	assert_true(fieldedit_claims(&fe, KEYMAP_FN(KEY_DOWN)));
	fieldedit_key(&fe, KEYMAP_FN(KEY_DOWN));
	erase();
	fieldedit_draw_list(&fe, 2, 2, 60, 10);
	expect(">1A individual: family member");
	fieldedit_fini(&fe);
	/* Dates take the quick forms; the store's check has the last word. */
	fieldedit_column(&fe, entity_field(contact, "decision_date"), NULL);
	for (k = "+3d"; *k; k++)
		fieldedit_key(&fe, *k);
	assert_int_not_equal(fieldedit_value(&fe, &v, &err), CD_OK);
	assert_non_null(strstr(fe.msg, "Decision date"));
	fieldedit_key(&fe, KEYMAP_FN(KEY_BACKSPACE));
	fieldedit_key(&fe, KEYMAP_FN(KEY_BACKSPACE));
	fieldedit_key(&fe, KEYMAP_FN(KEY_BACKSPACE));
	assert_string_equal(fe.msg, "");	/* cleared as it was emptied */
	fieldedit_key(&fe, 't');
	assert_int_equal(fieldedit_value(&fe, &v, &err), CD_OK);
	assert_string_equal(v, "2026-11-23");
	free(v);
	fieldedit_fini(&fe);
	/* Yes/no is y or n, stored as 1 or 0, shown in words. */
	fieldedit_column(&fe, entity_field(referral, "nfa"), "0");
	assert_string_equal(fieldedit_text(&fe), "no");
	fieldedit_key(&fe, 'y');
	assert_int_equal(fieldedit_value(&fe, &v, &err), CD_OK);
	assert_string_equal(v, "1");
	free(v);
	fieldedit_fini(&fe);
}

static void
a_long_message_is_read_whole_with_f1(void **state)
{
	struct formedit e;
	struct fill f;
	char *missing, *tok, *save = NULL;

	assert_int_equal(fill_new(&f, fx.st, &shipped, "assessment", child,
	    NULL), CD_OK);
	formedit_init(&e, &f, &km, "SCREEN, Sky", 0);
	play(&e, "{C-t}");
	expect("Still to fill in: ");
	missing = fill_missing(&f);
	assert_non_null(missing);
	play(&e, "{F1}");
	expect("Still to fill in: ");
	/* Every word of every label needed (the pager wraps at words). */
	for (tok = strtok_r(missing, "; ", &save); tok; tok = strtok_r(NULL,
	    "; ", &save))
		expect(tok);
	free(missing);
	done(&e, &f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
		    contact_record_from_keystrokes, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    placement_start_from_keystrokes, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    leaving_with_an_unsaved_field_asks, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    a_manager_authorises_or_returns_in_the_editor, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    ref_then_tab_saves_ref_not_early_help, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    unmatched_code_is_kept_focus_moves_and_submit_lists_it,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    the_message_goes_when_the_field_is_cleared_or_fixed,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    down_on_an_empty_code_field_lists_every_code,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    several_codes_are_typed_as_words, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    f1_shows_the_fields_help_codes_and_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    the_readline_keys_edit_a_field, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    a_long_answer_is_marked_and_whole_while_edited,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    a_2000_character_narrative_is_read_to_its_last_word,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    a_typo_mid_narrative_is_put_right_where_it_is,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    a_record_column_is_edited_with_the_same_field_editor,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    a_long_message_is_read_whole_with_f1, setup, teardown),
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
	formdef_set_fini(&shipped);
	return rc;
}
