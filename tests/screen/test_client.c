/*
 * In-process screen scripts for the client: home, search, the person
 * summary, family, chronology, help and navigation, on a demo borough,
 * at 80x24 vt100 with curses drawing to /dev/null.
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
#include <sys/stat.h>
#include <unistd.h>

#include "casework/demo.h"
#include "casework/tasks.h"
#include "common/cfg.h"
#include "common/xmem.h"
#include "fixture.h"
#include "harness.h"
#include "forms/fill.h"
#include "forms/formdef.h"
#include "casework/rows.h"
#include "casework/summary.h"
#include "store/audit.h"
#include "store/form.h"
#include "store/person.h"
#include "store/record.h"
#include "store/sar.h"
#include "store/testing.h"
#include "store/user.h"
#include "tui/client.h"
#include "tui/screen.h"
#include "tui/keymap.h"

static struct formset shipped;
static struct keymap km;
static struct lateness late;
static struct fixture fx;
static struct demo_stats planted;	/* the demo's problems on purpose */


/* Feed keys; "{wait}" is the pause after typing that runs a search. */

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
play(struct client *c, const char *script)
{
	const char *p = script;
	char name[16];

	while (*p) {
		int key = harness_next_key(&p, name, sizeof name);

		if (strcmp(name, "wait") == 0)
			client_idle(c);
		else {
			assert_true(key >= 0);
			client_key(c, key);
		}
		client_draw(c);
	}
}

#define expect harness_expect
#define expect_not harness_expect_not

/* A demo borough in the fixture's database, users for each role. */
static int
setup(void **state)
{
	static const struct {
		const char *name;
		enum role role;
	} users[] = { { "duty", ROLE_DUTY }, { "social", ROLE_SOCIAL },
	    { "trainer", ROLE_TRAINER }, { "gina", ROLE_GOVERNANCE },
	    { "gail", ROLE_GOVERNANCE },
	    { "mo", ROLE_MANAGER }, { "ana", ROLE_ANALYST },
	    { "adoption", ROLE_ADOPTION } };
	char *pc = xasprintf("%s/casework/data/postcodes.csv",
	    getenv("top_srcdir") ? getenv("top_srcdir") : ".");
	struct demo_opts o;
	struct demo_stats s;
	struct cd_err err;
	size_t i;

	setenv("CASEDESK_NOW", "2026-11-23T10:00:00.000Z", 1);
	fixture_make(&fx);
	store_test_demo(fx.st);
	for (i = 0; i < sizeof users / sizeof users[0]; i++)
		assert_int_equal(store_user_add(fx.st, users[i].name, "",
		    users[i].role, "", NULL), CD_OK);
	store_close(&fx.st);
	fx.st = fixture_open_as(&fx, "trainer");
	memset(&o, 0, sizeof o);
	o.people = 600;
	o.seed = 1;
	o.postcodes = pc;
	o.la_ons = "E09000007";
	o.today = "2026-11-23";
	if (demo_generate(fx.st, &o, &s, &err) != CD_OK)
		fail_msg("%s", err.msg);
	planted = s;
	store_close(&fx.st);
	free(pc);
	return 0;
}

static int
teardown(void **state)
{
	fixture_free(&fx);
	return 0;
}

/* A client session as name (cfg: the configuration, or NULL). */
static struct client *
open_with(const char *name, const struct cfg *cfg)
{
	struct client *c;

	fx.st = fixture_open_as(&fx, name);
	assert_int_equal(forms_ready(fx.st), CD_OK);
	c = client_new(fx.st, &km, &shipped, &late, cfg, 1);
	client_draw(c);
	return c;
}

static struct client *
open_as(const char *name)
{
	return open_with(name, NULL);
}

static void
close_client(struct client *c)
{
	client_free(c);
	store_close(&fx.st);
}

/* Play script, counting what it writes: audit events and commits. */
static void
play_counted(struct client *c, const char *script, long long *events,
    long *commits)
{
	struct store_test_counts n;
	long long head = store_test_audit_head(fx.st);

	store_test_count_start(fx.st, &n);
	play(c, script);
	store_test_count_stop(fx.st);
	*events = store_test_audit_head(fx.st) - head;
	*commits = n.commits;
}

/*
 * What a screen writes cannot creep up: opening a summary is its audit
 * events (one per part of the record read) in one transaction; going back
 * home shows it as it was read; reading the home again (a new sort) is one
 * event in one transaction, the tray brought up to date.
 */
static void
a_screen_is_one_transaction(void **state)
{
	struct client *c = open_as("social");
	long long events;
	long commits;

	play_counted(c, ":person 3{Enter}", &events, &commits);
	expect("Begum, Niamh  #3");
	/*
	 * The person opened, then summary_build's audited reads (the person,
	 * each part of the record, family, the clocks): 18, in one commit.
	 */
	assert_int_equal(events, 18);
	assert_int_equal(commits, 1);
	play_counted(c, "{Esc}", &events, &commits);
	expect("Home: social");
	assert_int_equal(events, 0);
	assert_int_equal(commits, 0);
	play_counted(c, "O", &events, &commits);
	expect("YOUR WORK, by name");
	assert_int_equal(events, 1);
	assert_int_equal(commits, 1);
	close_client(c);
}

static void
home_sorts_the_tray(void **state)
{
	struct client *c = open_as("social");

	expect("Home: social (Social worker)");
	expect("YOUR WORK, most urgent first");
	play(c, "O");
	expect("YOUR WORK, by name");
	play(c, "OO");
	expect("Child protection visit");
	expect("DEMO - NOT REAL DATA");
	close_client(c);
}

/* The adoption worker's task opens the household; its task there the
 * date that ends the stage; the household moves on and the task goes. */
static void
an_adoption_worker_moves_a_household_on(void **state)
{
	struct client *c = open_as("adoption");

	expect("Finish adopter Stage 2");
	play(c, "{Enter}");
	expect("The Thomas household: Stage 2");
	expect("Panel                not yet");
	play(c, "{End}{Enter}");
	expect("Prospective adopters #");
	expect_not("of person #0");
	expect("Stage 2 ended:");
	play(c, "t{Enter}");
	expect("Saved. Esc goes back to the adopter household.");
	play(c, "{Esc}");
	expect("The Thomas household: Stage 2 complete, panel next");
	expect_not("Finish adopter Stage 2");
	close_client(c);
}

static void
first_member(int64_t person, const char *name, void *arg)
{
	(void)name;
	if (*(int64_t *)arg == 0)
		*(int64_t *)arg = person;
}

/*
 * A household lists the children matched with it, each line the child's.
 * Last of all: the match it records stays in the shared demo.
 */
static void
a_household_lists_its_matches(void **state)
{
	struct field_value v[2] = { { "household_id", "1" },
	    { "matched_date", "2026-11-02" } };
	struct field_value bad[1] = { { "household_id", "999" } };
	struct cd_err err;
	struct client *c;
	int64_t perm, member = 0;
	char cmd[64], row[128];
	int i;

	fx.st = fixture_open_as(&fx, "social");	/* the child's worker */
	/* A match with a household that does not exist is refused. */
	assert_int_equal(store_record_create(fx.st, "permanence", 3, bad, 1,
	    &perm, &err), CD_ERR_INVALID);
	assert_non_null(strstr(err.msg, "no Prospective adopters #999"));
	assert_int_equal(store_record_create(fx.st, "permanence", 3, v, 2,
	    &perm, NULL), CD_OK);
	store_close(&fx.st);
	c = open_as("adoption");
	assert_int_equal(store_household_members(fx.st, 1, first_member,
	    &member, NULL), CD_OK);
	/* From a member's summary, its adoption line opens the household. */
	snprintf(cmd, sizeof cmd, ":person %lld{Enter}", (long long)member);
	play(c, cmd);
	expect("Prospective adopter: The Thomas household");
	for (i = 0; i < 20 && (harness_marked_row(row, sizeof row) < 0 ||
	    strstr(row, "Prospective adopter:") == NULL); i++)
		play(c, "j");
	play(c, "{Enter}");
	expect("The Thomas household");
	expect("Matches");
	expect("#3       Begum, Niamh: matched 2026-11-02");
	expect_not("No child matched yet");
	close_client(c);
}

/* The picker offers a child in care's forms only to a child in care. */
static void
the_picker_fits_the_child(void **state)
{
	struct client *c = open_as("social");

	play(c, ":person 3{Enter}n");	/* on a plan, not in care */
	expect("visit ");
	expect_not("cla-review");
	expect_not("placement-change");
	play(c, "{Esc}{Esc}:person 4{Enter}n");	/* newly in care */
	expect("cla-review");
	/* Type-ahead narrows to it: l, bound to opening, is a letter here. */
	play(c, "place");
	expect("Form: place");
	assert_int_equal(client_take_form(c), 0);	/* none started */
	expect("placement-change");
	close_client(c);
}

/* A person's forms, each with the day it last changed. */
static void
forms_say_when(void **state)
{
	struct client *c = open_as("social");
	int64_t form;

	client_start_form(c, "visit", 3);
	form = client_take_form(c);
	assert_true(form > 0);
	play(c, ":person 3{Enter}o");
	expect("Statutory visit");
	expect("2026-11-23  Statutory visit");
	store_form_discard(fx.st, form, NULL);
	close_client(c);
}

/* A manager's home shows another team, the borough, or says no such. */
static void
a_manager_sees_another_team(void **state)
{
	struct client *c = open_as("mo");

	expect("THE BOROUGH'S OPEN WORK");
	play(c, ":team Assessment Team 2{Enter}");
	expect("Home shows Assessment Team 2.");
	expect("WAITING FOR ALLOCATION: Assessment Team 2");
	expect("THE TEAM BY WORKER (Assessment Team 2)");
	expect("Grace Mensah");
	expect_not("Leyla Demir");	/* the Children in Care Team's */
	play(c, ":team No Such Team{Enter}");
	assert_true(c->msg_error);
	expect("No one works in a team called \"No Such Team\"");
	expect("THE TEAM BY WORKER (Assessment Team 2)");	/* unchanged */
	play(c, ":team borough{Enter}");
	/* The borough's is counted and paged, not by worker. */
	expect("THE BOROUGH'S OPEN WORK");
	expect_not("THE TEAM BY WORKER");
	/* A title too long beside the banner keeps its words: DEMO short. */
	allocate_open(c, 5, "Featherstonehaugh, Aurelia",
	    "Assessment Team 1");
	client_draw(c);
	expect("Allocate Featherstonehaugh, Aurelia to a worker "
	    "of Assessment Team 1");
	expect_not("NOT REAL DATA");
	client_pop(c);
	close_client(c);
	c = open_as("social");
	play(c, ":team Assessment Team 2{Enter}");
	expect(":team is a team manager's");
	close_client(c);
}

/* Move the highlight down to the first line of kind k; whether found. */
static int
down_to(struct client *c, enum line_kind k)
{
	size_t was;

	do {
		if (list_current(&client_top(c)->list)->kind == k)
			return 1;
		was = client_top(c)->list.cur;
		play(c, "j");
	} while (client_top(c)->list.cur != was);
	return 0;
}

/* Whether a line of the top screen's list (shown or not) holds needle. */
static int
list_holds(struct client *c, const char *needle)
{
	const struct list *li = &client_top(c)->list;
	size_t i;

	for (i = 0; i < li->n; i++)
		if (strstr(li->l[i].text, needle) != NULL)
			return 1;
	return 0;
}

/* The people of the top screen's task lines: the lowest and highest. */
static int
task_people(struct client *c, int64_t *lo, int64_t *hi)
{
	const struct list *li = &client_top(c)->list;
	size_t i;
	int n = 0;

	*lo = INT64_MAX;
	*hi = 0;
	for (i = 0; i < li->n; i++)
		if (li->l[i].kind == LN_TASK && li->l[i].person > 0) {
			if (li->l[i].person < *lo)
				*lo = li->l[i].person;
			if (li->l[i].person > *hi)
				*hi = li->l[i].person;
			n++;
		}
	return n;
}

/*
 * The borough's work is read a page of open cases at a time, with its
 * open work counted: Enter on "more" reads the next page (people after
 * the last one's), on "back" the one before. The fixture's borough has
 * fewer open cases than a page, so this (last) test opens contacts for
 * 30 more people first.
 */
static void
the_boroughs_work_is_read_a_page_at_a_time(void **state)
{
	struct field_value ct[3] = { { "contact_date", "2026-11-22T09:00" },
	    { "source", "2A" }, { "reason", "A neighbour is worried." } };
	struct client *c;
	int64_t lo1, hi1, lo2, hi2, lo3, hi3, p, id;
	struct cd_err err;
	int n1, n3;

	fx.st = fixture_open_as(&fx, "trainer");
	for (p = 300; p < 330; p++)
		if (store_record_create(fx.st, "contact", p, ct, 3, &id, &err) !=
		    CD_OK)
			fail_msg("a contact for #%lld: %s", (long long)p, err.msg);
	store_close(&fx.st);
	c = open_as("trainer");

	expect("THE BOROUGH'S OPEN WORK");
	expect("32 contacts waiting for a decision");
	assert_true(list_holds(c, "THE BOROUGH'S WORK, most urgent first"));
	assert_true(list_holds(c, "20 open cases a page"));
	assert_false(list_holds(c, "back: Enter reads the page before"));
	n1 = task_people(c, &lo1, &hi1);
	assert_true(n1 > 0);
	assert_true(down_to(c, LN_PAGE));
	play(c, "{Enter}");
	assert_true(list_holds(c, "back: Enter reads the page before"));
	assert_true(task_people(c, &lo2, &hi2) > 0);
	assert_true(lo2 > hi1);
	/* From the top down to "back", the page's first LN_PAGE line. */
	list_home(&client_top(c)->list, 0);
	assert_true(down_to(c, LN_PAGE));
	play(c, "{Enter}");
	assert_false(list_holds(c, "back: Enter reads the page before"));
	n3 = task_people(c, &lo3, &hi3);
	assert_int_equal(n3, n1);
	assert_true(lo3 == lo1 && hi3 == hi1);
	close_client(c);
}

static void
the_first_task_opens_the_summary_and_family(void **state)
{
	struct client *c = open_as("social");

	struct fill f;
	int64_t form;

	/* The overdue CP visit is first, highlighted: Enter starts the
	 * visit that completes it, its kind filled in. */
	play(c, "{Enter}");
	form = client_take_form(c);
	assert_true(form > 0);
	assert_int_equal(fill_open(&f, fx.st, &shipped, form, NULL), CD_OK);
	assert_string_equal(f.def->code, "visit");
	assert_string_equal(fill_get(&f, "kind", 0), "cp");
	fill_close(&f);
	/* P opens the child's summary instead. */
	play(c, "P");
	expect("ALERT: Child protection plan since");
	expect("Worker: social, Assessment Team 1");
	expect("Due next");
	play(c, "f");
	expect("Family of #");
	expect("mother");
	close_client(c);
}

static void
the_chronology_filters_and_opens_its_lines(void **state)
{
	struct client *c = open_as("social");

	play(c, ":person 3{Enter}c");
	expect("Chronology of #");
	/* Codes are read in words, as the record's code lists give them. */
	expect("Child protection plan started, category neglect");
	expect("Visit: child protection visit");
	expect("Referral, primary need abuse or neglect");
	expect_not("category NEG");
	play(c, "t");
	expect("Chronology of #3: contact");
	/* A line opens its source. */
	play(c, "{Enter}");
	expect("Contact #");
	expect("Contact source");
	play(c, "{Esc}");
	play(c, "S");
	expect("(significant only)");
	play(c, "d01/01/2030{Enter}");
	expect("since 2030-0");
	expect("Nothing recorded of that kind.");
	play(c, "d{C-u}{Enter}");
	expect_not("since 2030");
	close_client(c);
}

static void
help_goto_and_the_command_prompt(void **state)
{
	struct client *c = open_as("social");

	play(c, ":person 3{Enter}gh?");
	expect("Help: home");
	expect("Find a person (as you type)");
	play(c, "{Esc}");
	expect("Home: social");
	play(c, ":person 3{Enter}");
	expect("Begum, Niamh  #3");
	play(c, ":fly{Enter}");
	expect("Unknown command \"fly\"");
	play(c, ":search begum{Enter}");
	expect("Search: begum");
	close_client(c);
}

/* The last break-glass event's actor and person, and how many. */
struct last_event {
	char actor[32], action[32];
	int64_t person;
	int n;
};

static int
remember(const struct audit_row *r, void *arg)
{
	struct last_event *e = arg;

	if (strcmp(r->action, "break-glass") != 0)
		return 0;
	snprintf(e->actor, sizeof e->actor, "%s", r->actor);
	snprintf(e->action, sizeof e->action, "%s", r->action);
	e->person = r->person_id;
	e->n++;
	return 0;
}

/* The top screen's lines of kind k. */
static size_t
lines_of(struct client *c, enum line_kind k)
{
	const struct list *li = &client_top(c)->list;
	size_t i, n = 0;

	for (i = 0; i < li->n; i++)
		n += li->l[i].kind == k;
	return n;
}

/*
 * A search asks for what fits on the screen, and moving down past the
 * last hit shown asks for a screenful more, the highlight going on to
 * the first of them.
 */
static void
search_asks_for_a_screenful_then_more(void **state)
{
	struct client *c = open_as("social");
	size_t first, i;

	play(c, "/B{wait}");
	first = lines_of(c, LN_PERSON);
	assert_int_equal(first, (size_t)(LINES - 4));
	for (i = 0; i + 1 < first; i++)
		play(c, "{Down}");
	assert_int_equal(list_current(&client_top(c)->list)->kind, LN_PERSON);
	assert_int_equal(lines_of(c, LN_PERSON), first);
	play(c, "{Down}");
	assert_true(lines_of(c, LN_PERSON) > first);
	assert_int_equal(list_current(&client_top(c)->list)->kind, LN_PERSON);
	assert_int_equal(client_top(c)->list.cur, first);
	/* Typing again starts from a screenful. */
	play(c, "e{wait}");
	assert_true(lines_of(c, LN_PERSON) <= first);
	close_client(c);
}

static void
search_as_you_type_and_restricted(void **state)
{
	struct field_change ch = { "restricted", "0", "1" };
	struct audit_filter f;
	struct last_event ev;
	struct conflicts cf;
	struct cd_err err;
	struct client *c;

	c = open_as("social");
	play(c, "/Begu");
	expect("Find: Begu");
	play(c, "{wait}");
	expect("Begum, Niamh");
	play(c, "m{wait}{Enter}");
	expect("(born ");
	close_client(c);

	/* Sofia Begum (#4) restricted (a manager's act): duty finds her masked. */
	fx.st = fixture_open_as(&fx, "mo");
	assert_int_equal(store_record_update(fx.st, "person", 4, &ch, 1, &cf,
	    &err), CD_OK);
	store_conflicts_fini(&cf);
	store_close(&fx.st);
	c = open_as("duty");
	play(c, "/#4{wait}");
	expect("(restricted record)");
	expect_not("Sofia");
	play(c, "{Enter}");
	expect("Restricted record. Why do you need it?");
	play(c, "{Esc}");
	expect("Cancelled.");
	expect_not("(born ");
	play(c, "{Enter}police at the door at 02:10{Enter}");
	expect("Opened under break-glass");
	expect("Begum, Sofia  #4");
	close_client(c);
	/* The trail says who broke glass on whom. */
	fx.st = fixture_open_as(&fx, "gina");
	memset(&f, 0, sizeof f);
	memset(&ev, 0, sizeof ev);
	f.person_id = 4;
	assert_int_equal(store_audit_list(fx.st, &f, remember, &ev, &err),
	    CD_OK);
	assert_int_equal(ev.n, 1);
	assert_string_equal(ev.actor, "duty");
	assert_int_equal(ev.person, 4);
	store_close(&fx.st);
}

static void
duty_creates_a_person_through_the_duplicate_check(void **state)
{
	struct client *c;

	c = open_as("duty");
	expect("DUTY: contacts waiting for a decision");
	play(c, "/Anna Kowalczyk{wait}");
	expect("No one found for \"Anna Kowalczyk\"");
	play(c, "{C-o}");
	expect("Family name: Kowalczyk");
	play(c, "{Enter}{Enter}12/05/2019{Enter}F{Enter}{Enter}{Enter}");
	expect("Kowalczyk, Anna  #");
	expect("Created #");
	/* The same child again is offered as a likely duplicate. */
	play(c, "{Esc}{Esc}/Ana Kowalczik{wait}{C-o}{Enter}{Enter}"
	    "12/05/2019{Enter}F{Enter}{Enter}{Enter}");
	expect("Likely duplicates of Kowalczik");
	expect("similar name, same date of");
	play(c, "{Up}{Enter}");
	expect("Kowalczyk, Anna");
	/* Start a contact: the form list puts it first. */
	play(c, "n");
	expect("contact              Contact record");
	play(c, "{Enter}");
	assert_true(client_take_form(c) > 0);
	close_client(c);
}

static void
governance_sees_who_looked(void **state)
{
	struct client *c = open_as("social");
	char line[96];

	/* social looks at #3; governance's "who looked" names them. */
	play(c, ":person 3{Enter}");
	expect("#3");
	close_client(c);
	c = open_as("gina");
	play(c, "/#3{wait}{Enter}a");
	expect("Who looked at #3");
	/* A row for social's own view of #3, in social's role. */
	snprintf(line, sizeof line, "social       social     view");
	expect(line);
	close_client(c);
}

static void
a_manager_sees_work_waiting_for_authorisation(void **state)
{
	struct client *c;
	struct fill f;
	struct cd_err err;

	fx.st = fixture_open_as(&fx, "social");
	assert_int_equal(forms_ready(fx.st), CD_OK);
	assert_int_equal(fill_new(&f, fx.st, &shipped, "s47-enquiry", 3, &err),
	    CD_OK);
	fill_set(&f, "findings", 0, "Injuries explained", &err);
	fill_set(&f, "icpc_not_required", 0, "yes", &err);
	fill_set(&f, "outcome", 0, "No conference", &err);
	assert_int_equal(fill_submit(&f, &err), CD_OK);
	fill_close(&f);
	store_close(&fx.st);
	c = open_as("mo");
	expect("WAITING FOR YOUR AUTHORISATION");
	expect("Section 47 enquiry (by social)");
	/* Down to the form waiting (the queue comes first), Enter opens it. */
	while (list_current(&client_top(c)->list)->kind != LN_FORM &&
	    client_top(c)->list.cur + 1 < client_top(c)->list.n)
		play(c, "j");
	play(c, "{Enter}");
	assert_true(client_take_form(c) > 0);
	close_client(c);
}

static int
last_flagged(const struct audit_row *r, void *arg)
{
	*(int64_t *)arg = r->seq;
	return 0;
}

static int
first_flagged(const struct audit_row *r, void *arg)
{
	*(int64_t *)arg = r->seq;
	return 1;
}

/* Governance's home: the Caldicott list closes from the command prompt. */
static void
governance_home_reviews_and_requests(void **state)
{
	struct field_change ch = { "restricted", "0", "1" };
	struct field_value sar[3] = { { "received_date", "2026-10-01" },
	    { "requester_name", "Pat Parent" }, { "requester_relationship",
	    "PARENT" } };
	struct audit_filter f;
	struct conflicts cf;
	struct client *c;
	struct cfg cfg;
	struct cd_err err;
	int64_t seq = 0, req;
	char cmd[96];

	fx.st = fixture_open_as(&fx, "mo");	/* restricting: a manager's act */
	assert_int_equal(store_record_update(fx.st, "person", 5, &ch, 1, &cf,
	    &err), CD_OK);
	store_conflicts_fini(&cf);
	store_close(&fx.st);
	fx.st = fixture_open_as(&fx, "duty");
	assert_int_equal(store_person_break_glass(fx.st, 5, "police at the "
	    "door at 02:10", &err), CD_OK);
	store_close(&fx.st);
	fx.st = fixture_open_as(&fx, "gina");
	assert_int_equal(store_record_create(fx.st, "sar_request", 7, sar, 3,
	    &req, &err), CD_OK);
	memset(&f, 0, sizeof f);
	f.flagged = 2;
	assert_int_equal(store_audit_list(fx.st, &f, last_flagged, &seq, &err),
	    CD_OK);
	/* The manager's restricting is on the list too: reviewed first. */
	{
		int64_t first = 0;

		assert_int_equal(store_audit_list(fx.st, &f, first_flagged,
		    &first, &err), CD_OK);
		assert_int_not_equal(first, seq);
		assert_int_equal(store_audit_review(fx.st, first, "appropriate",
		    "restricted at the family's request", &err), CD_OK);
	}
	store_close(&fx.st);

	cfg_init(&cfg);
	c = open_with("gina", &cfg);
	expect("CALDICOTT REVIEW: flagged accesses not yet reviewed");
	expect("duty       break-glass person #5");
	expect("SUBJECT ACCESS REQUESTS: open, oldest first");
	expect("due 2026-11-01 LATE  from Pat Parent");
	/* Enter on a flagged access asks its outcome and closes it. */
	{
		struct line *l = list_current(&client_top(c)->list);
		int64_t first = l->id;
		char gone[64];

		assert_int_equal(l->kind, LN_REVIEW);
		play(c, "{Enter}fine ok{Enter}");
		assert_true(c->asking);
		assert_non_null(strstr(c->prompt, "The outcome (a, i or r)"));
		play(c, "{C-u}i looked without a reason{Enter}");
		expect("reviewed: inappropriate");
		snprintf(gone, sizeof gone, "%6lld ", (long long)first);
		expect_not(gone);
	}
	play(c, ":review 1 fine ok{Enter}");
	expect("the outcome is appropriate, inappropriate or referred");
	snprintf(cmd, sizeof cmd, ":review %lld appropriate Police call "
	    "logged at 02:09{Enter}", (long long)seq);
	play(c, cmd);
	expect("reviewed: appropriate");
	expect_not("break-glass person #5");
	/* A review pack from the command prompt, written 0600. */
	play(c, ":export sar{Enter}");
	expect("Use: export sar PERSON FILE [REQUEST]");
	snprintf(cmd, sizeof cmd, ":export sar #7 %s/pack.txt{Enter}", fx.dir);
	play(c, cmd);
	expect("Pack for #7 written (mode 0600, ");
	{
		char *path = xasprintf("%s/pack.txt", fx.dir);
		struct stat sb;

		assert_int_equal(stat(path, &sb), 0);
		assert_int_equal(sb.st_mode & 0777, 0600);
		free(path);
	}
	/* The CP-IS upload needs the LA's numbers, then sends the changes. */
	snprintf(cmd, sizeof cmd, ":export cpis %s{Enter}", fx.dir);
	play(c, cmd);
	expect("set [borough] office_phone and ooh_phone");
	free(cfg.la_phone);
	free(cfg.la_ooh_phone);
	cfg.la_phone = xstrdup("020 7974 3317");
	cfg.la_ooh_phone = xstrdup("020 7974 4444");
	play(c, cmd);
	expect("Upload 1 written (mode 0600): ");
	play(c, cmd);
	expect("Nothing to upload (");
	cfg_fini(&cfg);
	close_client(c);
}

/*
 * Under serve the client writes no file on the server: a path there is
 * among the service account's own (its keyring, its authorized_keys), so
 * an analyst's ":export cin 2027 .../authorized_keys" would lock every
 * member of staff out. Each command that would write one is refused,
 * saying what to run instead, and nothing appears.
 */
static void
served_client_writes_no_file(void **state)
{
	struct client *c = open_as("ana");
	static const char *const cmds[][2] = {
		{ ":export cin 2027 ", "/victim{Enter}" },
		{ ":export ssda903 2027 ", "/victim{Enter}" },
		{ ":export annex-a ", "/victim.xlsx{Enter}" },
		{ ":export sar #7 ", "/victim{Enter}" },
		{ ":export cpis ", "{Enter}" },
		{ ":retention apply ", "/victim DESTROY{Enter}" } };
	char cmd[512], *victim = xasprintf("%s/victim", fx.dir);
	size_t i;

	(void)state;
	client_set_served(c, 1);
	for (i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		snprintf(cmd, sizeof cmd, "%s%s%s", cmds[i][0], fx.dir,
		    cmds[i][1]);
		play(c, cmd);
		expect("Over ssh nothing is written on the server");
		assert_int_equal(access(victim, F_OK), -1);
	}
	expect_not("written to");
	/* The returns' own help says how, not where on the server. */
	expect("ssh casedesk@HOST export cin --year 2027 --out - > cin.xml");
	free(victim);
	close_client(c);
	/* Not served, the same command writes the file as before. */
	c = open_as("ana");
	snprintf(cmd, sizeof cmd, ":export ssda903 2027 %s/victim{Enter}",
	    fx.dir);
	play(c, cmd);
	expect("SSDA903 written to");
	close_client(c);
}

/* Move the highlight down to the line that starts with (or has) text. */
static void
highlight_at(struct client *c, const char *text, int anywhere)
{
	char row[256];
	int i;

	client_draw(c);
	for (i = 0; i < 400; i++) {
		const char *r = row;

		if (harness_marked_row(row, sizeof row) >= 0) {
			r += strspn(r, " ");
			if (anywhere ? strstr(r, text) != NULL : strncmp(r,
			    text, strlen(text)) == 0)
				return;
		}
		play(c, "j");
	}
	fail_msg("no line has \"%s\"", text);
}

static void
highlight(struct client *c, const char *text)
{
	highlight_at(c, text, 0);
}

static void
sar_logged(const struct sar_log *l, void *arg)
{
	struct sar_log *out = arg;

	*out = *l;
	out->withheld_list = xstrdup(l->withheld_list ? l->withheld_list : "");
	out->approved_by = xstrdup(l->approved_by);
}

/*
 * A subject access request from receipt to release in the client: the
 * requester's checks edited from the request's screen, the pack frozen,
 * free text read, a redaction removed with a reason and put back, an
 * item withheld; the preparer cannot approve, a second person does and
 * releases it, and the release log holds what was withheld and why.
 */
static void
governance_releases_a_subject_access_request(void **state)
{
	struct field_value p[3] = { { "family_name", "Quillfeather" },
	    { "given_names", "Poppy" }, { "dob", "2019-05-01" } };
	struct field_value ct[5] = { { "contact_date", "2026-09-10T10:00" },
	    { "source", "6" }, { "decision", "NFA" },
	    { "decision_date", "2026-09-11" }, { "reason", "The neighbour "
	    "rang from 07700 900123 about shouting." } };
	struct field_value rq[3] = { { "received_date", "2026-11-20" },
	    { "requester_name", "Pat Quillfeather" },
	    { "requester_relationship", "PARENT" } };
	struct person_hits h;
	struct sar_log log;
	struct client *c;
	struct cd_err err;
	char want[96], *out;
	int64_t child, id, req;
	struct stat sb;
	int i;

	fx.st = fixture_open_as(&fx, "social");
	if (store_person_add(fx.st, p, 3, NULL, "test: a new person", &child,
	    &h, &err) != CD_OK)
		fail_msg("%s", err.msg);
	store_person_hits_fini(&h);
	assert_int_equal(store_record_create(fx.st, "contact", child, ct, 5,
	    &id, &err), CD_OK);
	store_close(&fx.st);
	/* Receipt: the request recorded on the child's record. */
	fx.st = fixture_open_as(&fx, "gina");
	assert_int_equal(store_record_create(fx.st, "sar_request", child, rq,
	    3, &req, &err), CD_OK);
	store_close(&fx.st);

	c = open_as("gina");
	highlight(c, "#");
	snprintf(want, sizeof want, "#%-5lld", (long long)req);
	highlight(c, want);
	play(c, "{Enter}");
	snprintf(want, sizeof want, "Subject access #%lld about #%lld: open",
	    (long long)req, (long long)child);
	expect(want);
	expect("the requester's identity");
	expect("No pack yet: F freezes it for review.");
	/* Every key of the screen fits the status bar at 80 columns. */
	expect("R release ? help");
	/* Release before anything is refused, with what is missing. */
	play(c, "Y");
	assert_true(c->msg_error);
	/* The checks, each edited on the record screen. */
	highlight(c, "Identity checked");
	play(c, "{Enter}y{Enter}{Esc}");
	expect("Identity checked                   yes");
	highlight(c, "Parental responsibility");
	play(c, "{Enter}y{Enter}{Esc}");
	expect("Parental responsibility            yes");
	expect("Not needed: the person is under the age of consent.");
	expect("The requester's checks and consent are recorded.");
	/* Freeze the pack; the contact's free text is to be read. */
	play(c, "F");
	expect("THE PACK");
	for (i = 0; i < 50 && harness_shows("UNREAD"); i++) {
		list_home(&client_top(c)->list, 0);
		highlight_at(c, "UNREAD", 1);
		play(c, "m");
		expect("Marked read.");
	}
	expect_not("UNREAD");
	/* The neighbour's phone is proposed; removing it asks why. */
	list_home(&client_top(c)->list, 0);
	highlight_at(c, "\"07700 900123\"", 1);
	play(c, "{Enter}");
	if (!c->asking)
		fail_msg("not asked: %s", c->msg);
	play(c, "{Esc}");
	expect("Cancelled.");
	play(c, "{Enter}the council's own line{Enter}");
	expect("removed; the request is in review");
	expect("removed by gina: the council's own line");
	highlight_at(c, "removed by gina", 1);
	play(c, "{Enter}");
	expect("Redacted again");
	/* Withhold the contact under an exemption, with a note. */
	list_home(&client_top(c)->list, 0);
	highlight(c, "2 read ");	/* the contact, read */
	play(c, "Xshouting{Enter}");
	expect("1 redaction added; the request is in review.");
	highlight_at(c, "\"shouting\"", 1);
	expect("\"shouting\"  added");
	list_home(&client_top(c)->list, 0);
	highlight(c, "2 read ");	/* the contact, read */
	play(c, "wNOSUCH{Enter}");
	expect("Give an exemption:");
	play(c, "wTHIRD_PARTY{Enter}the neighbour spoke in confidence{Enter}");
	expect("withheld under THIRD_PARTY");
	expect("WITHHELD");
	/* w again puts it back; once more withholds it for release. */
	play(c, "w");
	expect("Put back; the request is in review.");
	expect_not("WITHHELD");
	play(c, "wTHIRD_PARTY{Enter}the neighbour spoke in confidence{Enter}");
	expect("WITHHELD");
	/* The one who prepared it cannot approve it. */
	play(c, "Y");
	expect("a second person approves it");
	close_client(c);

	/* A second person approves and releases. */
	c = open_as("gail");
	snprintf(want, sizeof want, "#%-5lld", (long long)req);
	highlight(c, want);
	play(c, "{Enter}Y");
	expect("approved for release");
	expect("Approved by gail: R releases it.");
	out = xasprintf("%s/released.txt", fx.dir);
	play(c, "R");
	assert_true(c->asking);
	for (i = 0; out[i]; i++)
		client_key(c, (unsigned char)out[i]);
	play(c, "{Enter}");
	expect("Released to ");
	expect(": released");
	assert_int_equal(stat(out, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	{
		FILE *fp = fopen(out, "r");
		char text[65536];
		size_t n;

		assert_non_null(fp);
		n = fread(text, 1, sizeof text - 1, fp);
		text[n] = '\0';
		fclose(fp);
		/* The withheld contact is not in it; the child's own entry is. */
		assert_null(strstr(text, "07700 900123"));
		assert_null(strstr(text, "shouting"));
		assert_non_null(strstr(text, "Poppy"));
	}
	/* The release log, from the store: what was withheld, and why. */
	memset(&log, 0, sizeof log);
	assert_int_equal(store_sar_log(fx.st, req, sar_logged, &log, &err),
	    CD_OK);
	assert_int_equal(log.withheld, 1);
	assert_string_equal(log.approved_by, "gail");
	assert_non_null(strstr(log.withheld_list, "item 2, Contact "));
	assert_non_null(strstr(log.withheld_list, ": information about "
	    "another person who has not agreed to its release"));
	assert_non_null(strstr(log.withheld_list, "(the neighbour spoke in "
	    "confidence), withheld by gina"));
	free((char *)log.withheld_list);
	free((char *)log.approved_by);
	free(out);
	close_client(c);
}

/* A request closes without release from its screen, with a note; a
 * status that is not a closing one is refused and nothing changes. */
static void
governance_closes_a_request_without_release(void **state)
{
	struct field_value p[3] = { { "family_name", "Wrenfield" },
	    { "given_names", "Jasper" }, { "dob", "2010-02-01" } };
	struct field_value rq[3] = { { "received_date", "2026-11-21" },
	    { "requester_name", "Sam Solicitor" },
	    { "requester_relationship", "SOLICITOR" } };
	struct person_hits h;
	struct sar_state st;
	struct client *c;
	struct cd_err err;
	struct fill f;
	char want[32];
	int64_t req, who, form;

	fx.st = fixture_open_as(&fx, "social");
	if (store_person_add(fx.st, p, 3, NULL, "test: a new person", &who,
	    &h, &err) != CD_OK)
		fail_msg("%s", err.msg);
	store_person_hits_fini(&h);
	store_close(&fx.st);
	fx.st = fixture_open_as(&fx, "gina");
	assert_int_equal(store_record_create(fx.st, "sar_request", who, rq, 3,
	    &req, &err), CD_OK);
	store_close(&fx.st);
	c = open_as("gina");
	snprintf(want, sizeof want, "#%-5lld", (long long)req);
	highlight(c, want);
	play(c, "{Enter}");
	expect("Written authority                  NO: Enter records it");
	/* At 16 the person's own consent is needed: Enter starts the form,
	 * naming this request. */
	highlight(c, "Needed and not recorded: Enter records it");
	play(c, "{Enter}");
	form = client_take_form(c);
	assert_true(form > 0);
	assert_int_equal(fill_open(&f, fx.st, &shipped, form, &err), CD_OK);
	snprintf(want, sizeof want, "%lld", (long long)req);
	assert_non_null(fill_get(&f, "sar_request_id", 0));
	assert_string_equal(fill_get(&f, "sar_request_id", 0), want);
	fill_close(&f);
	play(c, "COPEN{Enter}asked in error{Enter}");
	assert_true(c->msg_error);
	assert_int_equal(store_sar_state(fx.st, req, 13, &st, &err), CD_OK);
	assert_string_equal(st.status, "OPEN");
	play(c, "CWITHDRAWN{Enter}the solicitor wrote to withdraw it{Enter}");
	expect("closed as WITHDRAWN");
	expect("Nothing: the request is closed (withdrawn).");
	assert_int_equal(store_sar_state(fx.st, req, 13, &st, &err), CD_OK);
	assert_string_equal(st.status, "WITHDRAWN");
	close_client(c);
}

/* Governance's home: the retention schedule, holds and destruction. */
static void
governance_destroys_what_is_due(void **state)
{
	struct field_value p[3] = { { "family_name", "Oldcastle" },
	    { "given_names", "Wilhelmina" }, { "dob", "1990-01-01" } };
	struct field_value ct[5] = { { "contact_date", "1999-01-10T10:00" },
	    { "source", "6" }, { "decision", "NFA" },
	    { "decision_date", "1999-01-11" }, { "reason", "left alone" } };
	struct person_hits h;
	struct client *c;
	struct cd_err err;
	char cmd[160], *cert;
	int64_t old, id;
	struct stat sb;

	fx.st = fixture_open_as(&fx, "social");
	if (store_person_add(fx.st, p, 3, NULL, "test: a new person", &old, &h,
	    &err) != CD_OK)
		fail_msg("%s", err.msg);
	store_person_hits_fini(&h);
	assert_int_equal(store_record_create(fx.st, "contact", old, ct, 5, &id,
	    &err), CD_OK);
	store_close(&fx.st);

	c = open_as("gina");
	expect("RETENTION: records due for destruction");
	/* Everyone is counted, as the command line counts them. */
	expect(" people in all: ");
	expect(" relatives due with the record that needs them,");
	snprintf(cmd, sizeof cmd, "#%-8lld child-in-need          due "
	    "2024-01-11", (long long)old);
	expect(cmd);
	snprintf(cmd, sizeof cmd, ":retention hold %lld litigation Claim "
	    "2026/114{Enter}", (long long)old);
	play(c, cmd);
	expect("Legal hold placed on #");
	expect(" 1 held, ");
	snprintf(cmd, sizeof cmd, ":retention lift %lld{Enter}",
	    (long long)old);
	play(c, cmd);
	expect("Legal hold lifted");
	cert = xasprintf("%s/cert.txt", fx.dir);
	snprintf(cmd, sizeof cmd, ":retention apply %s{Enter}", cert);
	play(c, cmd);
	expect("records for good: type  :retention apply");
	assert_int_not_equal(stat(cert, &sb), 0);
	snprintf(cmd, sizeof cmd, ":retention apply %s DESTROY{Enter}", cert);
	play(c, cmd);
	/* Oldcastle and the demo's own record past its date (made last). */
	expect("Destroyed 2; certificate (mode 0600)");
	expect("  0 due, 0 held, ");
	assert_int_equal(stat(cert, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	free(cert);
	close_client(c);
}

/*
 * An analyst sees the borough's counts by rule on home, checks the
 * returns, opens a child's problem at the field, corrects it there, and
 * neither the checks nor home find it any more.
 */
static void
an_analyst_fixes_what_the_returns_checks_find(void **state)
{
	struct client *c;
	char cmd[64], line[64];
	int64_t child = 0;
	size_t i;

	for (i = 0; i < planted.nseeded; i++)
		if (strcmp(planted.seeded[i].rule, "903-URN") == 0)
			child = planted.seeded[i].person;
	assert_true(child > 0);
	c = open_as("ana");
	expect("Home: ana (Performance analyst)");
	expect("STATUTORY RETURNS");
	/* Home counts this year's and last year's problems by rule. */
	expect("Check the 2026/27 returns now (the year so far)");
	expect("Check the 2025/26 returns (the last full year)");
	expect("903-URN           1  DfE 218");
	play(c, "{Enter}");
	expect("Returns 2026/27, all children:");
	snprintf(line, sizeof line, "#%lld", (long long)child);
	expect(line);
	expect("903-URN");
	/* The child's own list, from their summary. */
	snprintf(cmd, sizeof cmd, ":person %lld{Enter}gr", (long long)child);
	play(c, cmd);
	expect("Returns 2026/27: 1 error, 0 queries");
	expect("903-URN       no Ofsted URN for a");
	play(c, "{Enter}");
	expect("Looked-after episode #");
	expect("Enter edits the field");
	play(c, "{Enter}");
	expect("Ofsted URN:");
	play(c, "SC12{Enter}");
	expect("Saved. Esc goes back to the returns checks.");
	/* Half a URN is saved, and the checks say what is wrong with it. */
	play(c, "{Esc}");
	expect("903-URN       URN SC12 is not an Ofsted URN");
	play(c, "{Enter}{Enter}");
	expect("Ofsted URN: SC12");
	/* The first key replaces the value; End (or Left) keeps it. */
	play(c, "{End}3456{Enter}");
	expect("SC123456");
	play(c, "{Esc}");
	expect("Nothing the DfE's checks would reject in this child's record");
	play(c, ":home{Enter}");
	expect("Check the 2025/26 returns (the last full year)");
	expect_not("903-URN");
	play(c, ":check{Enter}");
	expect("Returns 2026/27, all children:");
	expect_not("903-URN");
	close_client(c);
}

/* The highlight is on a selectable line, marked and in reverse video. */
static void
expect_highlight(struct client *c, const char *where)
{
	struct screen *s = client_top(c);
	struct line *l = list_current(&s->list);
	char row[512];
	int y;

	client_draw(c);
	y = harness_marked_row(row, sizeof row);
	if (y < 0 || l == NULL)
		fail_msg("%s: no highlighted line (%d)", where, y);
	assert_true(list_selectable(l));
	/* The marked row shows the highlighted line's own text. */
	const char *want = l->text + strspn(l->text, " ");

	if (strncmp(row + strspn(row, " "), want, strlen(want) < 8 ?
	    strlen(want) : 8) != 0)
		fail_msg("%s: marked \"%s\", current \"%s\"", where, row, l->text);
}

static void
every_list_opens_with_a_line_highlighted(void **state)
{
	struct client *c = open_as("social");

	expect_highlight(c, "home");
	play(c, "P");
	expect("ALERT:");
	expect_highlight(c, "summary");
	play(c, "f");
	expect_highlight(c, "family");
	play(c, "{Esc}c");
	expect_highlight(c, "chronology");
	play(c, "{Esc}o");
	expect_highlight(c, "forms");
	play(c, "{Esc}n");
	expect_highlight(c, "new form");
	play(c, "{Esc}/Begum{wait}");
	expect_highlight(c, "search");
	play(c, "{Esc}:look Begum{Enter}");
	expect_highlight(c, "quick look");
	/* Down and Up never rest on a heading or a blank line. */
	play(c, ":home{Enter}");
	{
		struct screen *s = client_top(c);
		size_t i;

		for (i = 0; i < s->list.n + 2; i++) {
			play(c, "j");
			assert_true(list_selectable(&s->list.l[s->list.cur]));
		}
		for (i = 0; i < s->list.n + 2; i++) {
			play(c, "k");
			assert_true(list_selectable(&s->list.l[s->list.cur]));
		}
	}
	close_client(c);
	c = open_as("ana");
	expect_highlight(c, "analyst's home");
	play(c, "{Enter}");
	expect_highlight(c, "checks");
	close_client(c);
	c = open_as("gina");
	expect_highlight(c, "governance home");
	play(c, "/#3{wait}{Enter}a");
	expect_highlight(c, "who looked");
	close_client(c);
}

/* Whether Enter did something: a screen, a form, the pager, a question,
 * or a message saying why not. */
static int
enter_did_something(struct client *c, int depth)
{
	return c->depth != depth || c->form_wanted != 0 || c->pager != NULL ||
	    c->asking || c->msg[0] != '\0';
}

static void
enter_on_every_kind_of_line_answers(void **state)
{
	static const struct {
		enum line_kind kind;
		int64_t id;
		const char *code, *field, *text;
	} lines[] = {
		{ LN_TEXT, 0, NULL, NULL, "A short note." },
		{ LN_TEXT, 0, NULL, NULL, "A note far longer than the terminal "
		    "is wide, so that the list cuts it and Enter must open it "
		    "whole in the pager for it to be read to its end." },
		{ LN_PERSON, 3, NULL, NULL, "#3 Begum" },
		{ LN_PERSON, 999999, NULL, NULL, "#999999 nobody" },
		{ LN_FORM, 999999, NULL, NULL, "a form that is not there" },
		{ LN_NEWFORM, 0, "visit", NULL, "visit" },
		{ LN_RECORD, 3, "person", "ooh_instructions", "Out of hours" },
		{ LN_RECORD, 1, NULL, NULL, "a record line without an entity" },
		{ LN_HANDOVER, 999999, NULL, NULL, "a handover" },
		{ LN_PROBLEM, 0, NULL, NULL, "a problem with no field" },
		{ LN_CHECKS, 2027, NULL, NULL, "check 2026/27" },
		{ LN_FIELD, 0, NULL, "dob", "a field, not on a record screen" },
		{ LN_CREATE, 0, NULL, NULL, "+ create, not on search" },
		{ LN_CREATE_ANYWAY, 0, NULL, NULL, "+ anyway, not on search" },
		{ LN_PAGE, 40, NULL, NULL, "more: not on home" },
	};
	struct client *c = open_as("social");
	size_t i;

	for (i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		struct screen *s = client_push(c, &scr_family, 3);
		struct line *l;
		int depth = c->depth;

		l = list_add(&s->list, lines[i].kind, "%s", lines[i].text);
		l->id = lines[i].id;
		l->code = lines[i].code ? xstrdup(lines[i].code) : NULL;
		l->field = lines[i].field ? xstrdup(lines[i].field) : NULL;
		s->list.cur = s->list.n - 1;
		c->msg[0] = '\0';
		client_draw(c);
		client_key(c, KEYMAP_ENTER);
		if (!enter_did_something(c, depth))
			fail_msg("Enter on line kind %d (%s) did nothing",
			    lines[i].kind, lines[i].text);
		/* Back to where we were for the next one. */
		client_take_form(c);
		client_page(c, NULL);
		c->asking = 0;
		while (c->depth > 1)
			client_pop(c);
	}
	close_client(c);
}

/* The record screen edits with the form editor's field editor: a code
 * typed exactly wins, a date takes its quick forms. */
static void
the_record_screen_edits_with_the_field_editor(void **state)
{
	struct client *c = open_as("social");
	struct rows rows;
	struct record r;
	int64_t id;

	rows_load(fx.st, "contact", 3, &rows);
	assert_true(rows.n > 0);
	id = rows.r[0].id;
	rows_fini(&rows);
	client_open_record(c, "contact", id, "decision");
	client_draw(c);
	expect("Decision");
	play(c, "{Enter}ref");
	expect("REF");
	play(c, "{Enter}");
	expect("Saved. Esc goes back to the home");
	assert_int_equal(store_record_get(fx.st, "contact", id, &r, NULL),
	    CD_OK);
	assert_string_equal(store_record_value(&r, "decision"), "REF");
	store_record_fini(&r);
	/* Nonsense is refused with the reason, and nothing is saved. */
	play(c, "{Enter}");
	expect("Type a code or words of its meaning");	/* the hint shows */
	play(c, "zzz{Enter}");
	assert_true(c->msg_error);
	expect("nothing matches \"zzz\"");	/* and so does the reason */
	expect("Decision: zzz");
	play(c, "{Esc}");
	expect("Not changed.");
	assert_int_equal(store_record_get(fx.st, "contact", id, &r, NULL),
	    CD_OK);
	assert_string_equal(store_record_value(&r, "decision"), "REF");
	store_record_fini(&r);
	close_client(c);
}

/* What the question asks and starts with, for the create tests. */
static void
expect_asked(struct client *c, const char *prompt, const char *value)
{
	assert_true(c->asking);
	if (strcmp(c->prompt, prompt) != 0 || strcmp(lineedit_text(&c->answer),
	    value) != 0)
		fail_msg("asked \"%s\" with \"%s\", not \"%s\" with \"%s\"",
		    c->prompt, lineedit_text(&c->answer), prompt, value);
}

/* Creating from a search takes the names and date from what was typed,
 * in each of the shapes people type them. */
static void
create_from_search_reads_the_query(void **state)
{
	static const char *const shapes[] = { "Aurelia Kowalczyk 14/03/2019",
	    "Kowalczyk, Aurelia 14/03/2019", "Aurelia KOWALCZYK 14/03/2019" };
	struct client *c = open_as("duty");
	char keys[96];
	size_t i;

	for (i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
		snprintf(keys, sizeof keys, "/%s{wait}{C-o}", shapes[i]);
		play(c, keys);
		expect_asked(c, "Family name:", "Kowalczyk");
		play(c, "{Enter}");
		expect_asked(c, "Given names (Enter for none):", "Aurelia");
		play(c, "{Enter}");
		expect_asked(c, "Date of birth (DD/MM/YYYY, Enter if unknown):",
		    "14/03/2019");
		play(c, "{Esc}{Esc}");
	}
	/* A postcode and NHS number are asked, checked, and kept. */
	play(c, "/Zofia Nowak 02/02/2020{wait}{C-o}{Enter}{Enter}{Enter}F{Enter}");
	expect_asked(c, "Home postcode (Enter if not known):", "");
	play(c, "NW5 XX{Enter}");
	assert_true(c->asking);
	assert_non_null(strstr(c->prompt, "Home postcode"));
	play(c, "{C-u}NW5 1TL{Enter}");
	expect_asked(c, "NHS number (Enter if not known):", "");
	play(c, "123{Enter}");
	assert_non_null(strstr(c->prompt, "NHS number"));
	play(c, "{C-u}{Enter}");
	expect("Nowak, Zofia");
	expect("NW5 1TL");
	expect("born 02/02/2020");	/* the date offered as DD/MM/YYYY */
	close_client(c);
}

/* Nothing on the screen is cut with "...": every summary line wraps. */
static void
expect_uncut(const char *who)
{
	if (harness_shows("..."))
		fail_msg("%s: a line of the summary is cut", who);
}

/* The CP child, the looked-after child and a Stage 2 adopter: their
 * open work on the summary, whole, at 80x24. */
static void
summaries_show_open_work_uncut(void **state)
{
	struct client *c = open_as("trainer");
	struct person_hits h;
	struct summary sum;
	int64_t adopter = 0;
	char cmd[48];
	size_t i, k;

	play(c, ":person 3{Enter}");
	expect("ALERT: Child protection plan since");
	expect("Worker: ");
	expect("Due next");
	expect_uncut("CP child");
	/* The first looked-after child the trainer may open (of ~600). */
	for (i = 6; i < 1000; i++) {
		if (summary_build(fx.st, &late.rules, &late.cal, client_today(),
		    (int64_t)i, &sum, NULL) != CD_OK)
			continue;
		k = summary_find(&sum, SUM_LOOKED_AFTER) != NULL;
		summary_fini(&sum);
		if (k)
			break;
	}
	assert_true(i < 1000);
	snprintf(cmd, sizeof cmd, ":person %zu{Enter}", i);
	play(c, cmd);
	expect("ALERT: Looked after since");
	expect("carer ");
	expect_uncut("looked-after child");
	/* A member of the household in Stage 2. */
	assert_int_equal(store_person_search(fx.st, "Thomas", 50, &h, NULL),
	    CD_OK);
	for (i = 0; i < h.n && adopter == 0; i++) {
		if (summary_build(fx.st, &late.rules, &late.cal, client_today(),
		    h.h[i].id, &sum, NULL) != CD_OK)
			continue;
		for (k = 0; k < sum.n; k++)
			if (sum.l[k].kind == SUM_ADOPTION && sum.adopter &&
			    strstr(sum.l[k].text, "Stage 2") != NULL)
				adopter = h.h[i].id;
		summary_fini(&sum);
	}
	store_person_hits_fini(&h);
	assert_true(adopter > 0);
	snprintf(cmd, sizeof cmd, ":person %lld{Enter}", (long long)adopter);
	play(c, cmd);
	expect("Stage 2");
	expect_uncut("adopter");
	/* Enter on the stage line opens the household at its stage. */
	while (list_current(&client_top(c)->list)->code == NULL ||
	    strcmp(list_current(&client_top(c)->list)->code,
	    "adopter_household") != 0) {
		size_t at = client_top(c)->list.cur;

		play(c, "j");
		assert_true(client_top(c)->list.cur != at);
	}
	play(c, "{Enter}");
	expect("Members");
	expect("Stage 2");
	close_client(c);
}

/* Enter on each kind of task opens what completes it. */
static void
try_tasks(const char *user, int *seen_form, int *seen_row)
{
	struct client *c = open_as(user);
	struct screen *s = client_top(c);
	size_t i;

	for (i = 0; i < s->list.n; i++) {
		struct line *l = &s->list.l[i];
		int depth = c->depth;

		struct record pr;

		if (l->kind != LN_TASK)
			continue;
		/* A restricted child's task asks for a reason first (above). */
		if (store_record_get(fx.st, "person", l->person, &pr, NULL) !=
		    CD_OK)
			continue;
		store_record_fini(&pr);
		s->list.cur = i;
		play(c, "{Enter}");
		if (l->code != NULL && l->id != 0) {
			/* A row: the record (or household) it names is open. */
			assert_true(c->depth == depth + 1);
			(*seen_row)++;
		} else if (l->form != NULL) {
			int64_t form = client_take_form(c);
			struct fill f;

			if (form == 0)
				fail_msg("%s (%s): %s", l->text, l->form, c->msg);
			assert_int_equal(fill_open(&f, fx.st, &shipped, form,
			    NULL), CD_OK);
			assert_string_equal(f.def->code, l->form);
			if (l->prefill != NULL) {
				size_t eq = strcspn(l->prefill, "=");
				char *name = xstrndup(l->prefill, eq);

				assert_string_equal(fill_get(&f, name, 0),
				    l->prefill + eq + 1);
				free(name);
			}
			fill_close(&f);
			/* Enter again goes back to that draft, not a second. */
			while (c->depth > depth)
				client_pop(c);
			play(c, "{Enter}");
			assert_int_equal(client_take_form(c), form);
			store_form_discard(fx.st, form, NULL);
			(*seen_form)++;
		}
		while (c->depth > 1)
			client_pop(c);
		s = client_top(c);
		c->asking = 0;
		if (*seen_form > 8 && *seen_row > 2)
			break;
	}
	close_client(c);
}

/* Enter on each kind of task: a new form with its kind (social's visits
 * and reviews), a row at its field (duty's contacts to decide). */
static void
tasks_open_their_step(void **state)
{
	int forms = 0, rows = 0;

	try_tasks("social", &forms, &rows);
	assert_true(forms > 0);
	try_tasks("duty", &forms, &rows);
	assert_true(rows > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_list_opens_with_a_line_highlighted),
		cmocka_unit_test(enter_on_every_kind_of_line_answers),
		cmocka_unit_test(home_sorts_the_tray),
		cmocka_unit_test(a_manager_sees_another_team),
		cmocka_unit_test(an_adoption_worker_moves_a_household_on),
		cmocka_unit_test(the_picker_fits_the_child),
		cmocka_unit_test(forms_say_when),
		cmocka_unit_test(a_screen_is_one_transaction),
		cmocka_unit_test(served_client_writes_no_file),
		cmocka_unit_test(the_first_task_opens_the_summary_and_family),
		cmocka_unit_test(the_chronology_filters_and_opens_its_lines),
		cmocka_unit_test(help_goto_and_the_command_prompt),
		cmocka_unit_test(search_as_you_type_and_restricted),
		cmocka_unit_test(search_asks_for_a_screenful_then_more),
		cmocka_unit_test(duty_creates_a_person_through_the_duplicate_check),
		cmocka_unit_test(governance_sees_who_looked),
		cmocka_unit_test(a_manager_sees_work_waiting_for_authorisation),
		cmocka_unit_test(governance_home_reviews_and_requests),
		cmocka_unit_test(governance_releases_a_subject_access_request),
		cmocka_unit_test(governance_closes_a_request_without_release),
		cmocka_unit_test(governance_destroys_what_is_due),
		cmocka_unit_test(an_analyst_fixes_what_the_returns_checks_find),
		cmocka_unit_test(the_record_screen_edits_with_the_field_editor),
		cmocka_unit_test(create_from_search_reads_the_query),
		cmocka_unit_test(summaries_show_open_work_uncut),
		cmocka_unit_test(tasks_open_their_step),
		cmocka_unit_test(a_household_lists_its_matches),
			/* Last: it adds open work to the fixture's borough. */
		cmocka_unit_test(the_boroughs_work_is_read_a_page_at_a_time),
	};
	char *dir = xasprintf("%s/forms", getenv("top_srcdir") ?
	    getenv("top_srcdir") : ".");
	int rc;

	harness_start();
	formdef_load(dir, &shipped);
	free(dir);
	keymap_load(&km, NULL);
	lateness_load(&late, NULL, NULL);
	rc = cmocka_run_group_tests_name("client", tests, setup, teardown);
	harness_stop();
	lateness_fini(&late);
	keymap_fini(&km);
	formdef_set_fini(&shipped);
	return rc;
}
