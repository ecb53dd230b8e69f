/* Roles and what they may do. Checked in the store, under every caller. */
#ifndef CD_STORE_ACCESS_H
#define CD_STORE_ACCESS_H

#include "common/status.h"

/* Role id (as in configuration and the command line) and its title. */
#define ROLE_LIST(X) \
	X(ROLE_DUTY,       "duty",       "Duty worker") \
	X(ROLE_SOCIAL,     "social",     "Social worker") \
	X(ROLE_MANAGER,    "manager",    "Team manager") \
	X(ROLE_ADOPTION,   "adoption",   "Adoption worker") \
	X(ROLE_OOH,        "ooh",        "Out-of-hours worker") \
	X(ROLE_EDUCATION,  "education",  "Education partner") \
	X(ROLE_GOVERNANCE, "governance", "Information governance") \
	X(ROLE_ADMIN,      "admin",      "Administrator") \
	X(ROLE_TRAINER,    "trainer",    "Trainer") \
	X(ROLE_ANALYST,    "analyst",    "Performance analyst")

#define ROLE_ENUM(id, name, title) id,
enum role { ROLE_LIST(ROLE_ENUM) ROLE_COUNT };
#undef ROLE_ENUM

/* Actions a role may be granted, beyond per-form read and write. */
enum access_action {
	ACCESS_USER_ADMIN,	/* add, disable, list users */
	ACCESS_AUDIT_READ,	/* audit show for anyone */
	ACCESS_AUDIT_VERIFY,	/* audit verify */
	ACCESS_PERSON_MERGE,	/* merge two person records */
	ACCESS_RETURNS,		/* statutory returns for the whole borough */
	ACCESS_BACKUP,		/* back up the database and its keyring */
	ACCESS_ALLOCATE,	/* allocate work to a worker of a team */
	ACCESS_ACTION_COUNT
};

/* The role's id ("duty"), and its title ("Duty worker"). */
const char *role_id(enum role r);
const char *role_title(enum role r);

/* Look up a role by id; CD_ERR_INVALID lists the valid ids. */
enum cd_status role_parse(const char *id, enum role *out, struct cd_err *err);

/* Whether role r is granted action a. */
int access_allows(enum role r, enum access_action a);

/*
 * Policy on a signed-in session. Each function is one decision, named for
 * it; the store's files call these and test no role themselves, so what a
 * role may do is read here alone. The refusals say why in err.
 */
struct store;
struct form_policy;

/* Whether the session's role is granted action a. */
int access_may(const struct store *st, enum access_action a);

/* Whether the session's role is in mask (bits 1 << role). */
int access_role_in(const struct store *st, unsigned mask);

/* Signed in, a role in mask, and the trainer only on a demo database. */
enum cd_status access_entity(const struct store *st, unsigned mask,
    int write, const char *title, struct cd_err *err);

/* The trainer's borough-wide work happens only on a demo database. */
enum cd_status access_demo_only(const struct store *st, struct cd_err *err);

/* Whether the session reaches only the children linked to it. */
int access_linked_only(const struct store *st);

/* Whether the session may search the borough's people. */
enum cd_status access_search(const struct store *st, struct cd_err *err);

/* Whether the session may break glass into a restricted record. */
enum cd_status access_break_glass(const struct store *st,
    struct cd_err *err);

/* Whether the session may link users to records (lists, partners, self). */
enum cd_status access_link_users(const struct store *st, struct cd_err *err);

/*
 * Whether the session reads audit event details at all (for people it may
 * read), and whether it reads a flagged event's reason and review even
 * when the details are withheld (the Caldicott review).
 */
int access_audit_details(const struct store *st);
int access_flagged_details(const struct store *st);

/* Whether the session may read (or write) forms under policy p. */
int access_form(const struct store *st, const struct form_policy *p,
    int write);

/* Whether it may authorise them (team managers when p says nothing). */
int access_form_authorise(const struct store *st,
    const struct form_policy *p);

/*
 * For a form with no installed definition (a database from before
 * installed forms): governance writes none, education partners only the
 * forms on their list.
 */
enum cd_status access_form_uninstalled(const struct store *st,
    const char *code, int write, struct cd_err *err);

/* Whether the session may set or lift a record's restriction. */
enum cd_status access_restriction(const struct store *st,
    struct cd_err *err);

/*
 * Whether the session changes nothing in a case but restrictions, so
 * that change is checked as a reading of the record (governance).
 */
int access_restriction_only(const struct store *st);

/* Refuse (naming what) unless the user is information governance. */
enum cd_status access_governance_only(const struct store *st,
    const char *what, struct cd_err *err);

/* Whether the session may set the team new referrals wait with. */
enum cd_status access_intake_team(const struct store *st,
    struct cd_err *err);

/* Whether the session has an allocation queue to read. */
enum cd_status access_allocation_queue(const struct store *st,
    struct cd_err *err);

#endif
