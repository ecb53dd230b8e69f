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

#endif
