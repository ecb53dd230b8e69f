/*
 * The store's policy, role by role, as the brief and ARCHITECTURE.md state
 * it: each access_* decision of store/access.c asked for a session of every
 * role, on a live database and (for the trainer) on a demo.
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

#include "store/access.h"
#include "store/testing.h"
#include "store/user.h"
#include "tests/unit/fixture.h"

#define R(x) (1u << (x))
#define EVERYONE ((1u << ROLE_COUNT) - 1)

/* One decision and the roles granted it on a live database. */
struct rule {
	const char *what;
	unsigned allowed;
	int (*ask)(struct store *st);
	int trainer_on_demo;	/* the trainer shows it on a demo */
};

static int ask_search(struct store *st) { return access_search(st, NULL) == CD_OK; }
static int ask_glass(struct store *st) { return access_break_glass(st, NULL) == CD_OK; }
static int ask_restrict(struct store *st) { return access_restriction(st, NULL) == CD_OK; }
static int ask_link(struct store *st) { return access_link_users(st, NULL) == CD_OK; }
static int ask_gov(struct store *st) { return access_governance_only(st, "x", NULL) == CD_OK; }
static int ask_merge(struct store *st) { return access_may(st, ACCESS_PERSON_MERGE); }
static int ask_users(struct store *st) { return access_may(st, ACCESS_USER_ADMIN); }
static int ask_backup(struct store *st) { return access_may(st, ACCESS_BACKUP); }
static int ask_authorise(struct store *st) { return access_form_authorise(st, NULL); }
static int ask_details(struct store *st) { return access_audit_details(st); }
static int ask_queue(struct store *st) { return access_allocation_queue(st, NULL) == CD_OK; }
static int ask_intake(struct store *st) { return access_intake_team(st, NULL) == CD_OK; }
static int ask_any_entity(struct store *st) { return access_entity(st, EVERYONE, 0, "x", NULL) == CD_OK; }
static int ask_linked(struct store *st) { return !access_linked_only(st); }

static const struct rule rules[] = {
	/* Education partners reach only linked children: no search. */
	{ "search", EVERYONE & ~R(ROLE_EDUCATION), ask_search, 0 },
	{ "break glass", EVERYONE & ~R(ROLE_EDUCATION), ask_glass, 0 },
	{ "reach any child, not only linked ones", EVERYONE & ~R(ROLE_EDUCATION),
	  ask_linked, 0 },
	/* Restriction is a governed act (issue 15 item 5). */
	{ "set or lift a restriction", R(ROLE_MANAGER) | R(ROLE_GOVERNANCE),
	  ask_restrict, 1 },
	{ "link users to records", R(ROLE_ADMIN) | R(ROLE_MANAGER), ask_link,
	  1 },
	{ "governance's own work", R(ROLE_GOVERNANCE), ask_gov, 0 },
	{ "merge people", R(ROLE_MANAGER) | R(ROLE_GOVERNANCE) | R(ROLE_TRAINER),
	  ask_merge, 0 },
	{ "manage users", R(ROLE_ADMIN), ask_users, 0 },
	{ "back up", R(ROLE_ADMIN), ask_backup, 0 },
	{ "authorise a form without a policy", R(ROLE_MANAGER), ask_authorise, 0 },
	/* Administrators see events without their details. */
	{ "read audit details", R(ROLE_GOVERNANCE), ask_details, 0 },
	{ "read an allocation queue",
	  EVERYONE & ~R(ROLE_GOVERNANCE) & ~R(ROLE_ANALYST), ask_queue, 0 },
	{ "set the intake team", R(ROLE_ADMIN) | R(ROLE_TRAINER), ask_intake, 0 },
	/* The trainer works only on a demo database. */
	{ "reach records at all", EVERYONE & ~R(ROLE_TRAINER), ask_any_entity,
	  1 },
};

static void
each_role_gets_what_the_brief_grants(void **state)
{
	struct fixture fx;
	size_t r, i;
	int demo;

	(void)state;
	fixture_make(&fx);
	for (r = 0; r < ROLE_COUNT; r++)
		if (strcmp(role_id((enum role)r), "admin") != 0)
			assert_int_equal(store_user_add(fx.st, role_id((enum role)r),
			    role_title((enum role)r), (enum role)r, "Team 1",
			    NULL), CD_OK);
	for (demo = 0; demo < 2; demo++) {
		if (demo)
			store_test_demo(fx.st);
		for (r = 0; r < ROLE_COUNT; r++) {
			struct store *st = fixture_open_as(&fx,
			    role_id((enum role)r));

			for (i = 0; i < sizeof rules / sizeof rules[0]; i++) {
				int want = (rules[i].allowed >> r) & 1u;

				if (demo && r == ROLE_TRAINER &&
				    rules[i].trainer_on_demo)
					want = 1;
				if (rules[i].ask(st) != want)
					fail_msg("%s: %s %s on a %s database",
					    role_id((enum role)r), want ? "may" :
					    "may not", rules[i].what, demo ?
					    "demo" : "live");
			}
			store_close(&st);
		}
	}
	fixture_free(&fx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_role_gets_what_the_brief_grants),
	};

	return cmocka_run_group_tests_name("access", tests, NULL, NULL);
}
