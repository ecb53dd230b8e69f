/*
 * Work that flows: what a decision starts, inside the store's own
 * transaction (a contact accepted as a referral makes the referral), what
 * the last change started (for "Referral #312 made; waiting for
 * allocation by Assessment Team 1"), the queue of unallocated work per
 * team and borough, and allocating it to a worker.
 */
#ifndef CD_STORE_WORKFLOW_H
#define CD_STORE_WORKFLOW_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"

struct store;

/* What a change started. */
enum step_kind {
	STEP_REFERRAL,		/* a referral was made (entity, id) */
	STEP_CLOCK,		/* a statutory clock started (rule) */
	STEP_HANDOVER,		/* an out-of-hours record was handed over */
	STEP_EPISODE,		/* a looked-after episode began (id) */
};

struct workflow_step {
	enum step_kind kind;
	const char *entity;	/* the row made or that starts the clock */
	int64_t id;
	int64_t person;
	const char *rule;	/* STEP_CLOCK: the rule in rules.ini */
	char date[11];		/* the clock's anchor, YYYY-MM-DD */
	char worker[96];	/* who has it: the allocated worker, or "" */
	char team[96];		/* the team it waits with, or "" (borough) */
	char what[96];		/* STEP_EPISODE: legal status, e.g. "L1";
				   STEP_REFERRAL: "joined" when the contact
				   joined the child's open referral */
};

/*
 * The steps the session's last change (a record saved or a form
 * submitted) started, in order; views do not clear them, the next change
 * does. The screens and the CLI say them on submit.
 */
size_t store_workflow_started(struct store *st,
    const struct workflow_step **out);

/*
 * The team new referrals wait with for allocation when the child has no
 * team yet (kept in the database; administrators and trainers set it,
 * audited). Without one, a referral waits with the deciding user's team.
 */
enum cd_status store_intake_team_set(struct store *st, const char *team,
    struct cd_err *err);
/* The intake team, or NULL. Free it. */
char *store_intake_team(struct store *st);

/* Work waiting for a worker: an open case nobody is allocated to. */
struct queue_item {
	int64_t person;
	const char *name;	/* "FAMILY, Given", or masked */
	const char *dob;
	const char *entity;	/* what is open: referral, cp_plan, care_period */
	int64_t id;		/* that row */
	const char *since;	/* when it opened, YYYY-MM-DD */
	const char *source;	/* a referral's source code, or NULL */
	const char *team;	/* the team it waits with, or NULL (borough) */
};

/*
 * Call fn for each open referral, child protection plan or period of care
 * whose child has no allocated social worker, oldest first: only team's
 * when team is given, else the borough's. Case workers and managers;
 * audited as one view of the queue. fn returns non-zero to stop.
 */
enum cd_status store_queue(struct store *st, const char *team,
    int (*fn)(const struct queue_item *, void *), void *arg,
    struct cd_err *err);

/* A worker of a team, with their open caseload. */
struct team_worker {
	const char *worker;	/* the name allocations carry */
	const char *full_name;	/* a user's full name, or NULL */
	const char *phone;	/* their latest number, or NULL */
	int open_cases;		/* children allocated to them with a case open */
};

/*
 * Call fn for each worker of team (users of the team who hold cases, and
 * anyone allocated cases for it), fewest cases first. Not audited: no
 * child is named.
 */
enum cd_status store_team_workers(struct store *st, const char *team,
    int (*fn)(const struct team_worker *, void *), void *arg,
    struct cd_err *err);

/*
 * Allocate person to worker of team from date (NULL: today): the current
 * social-worker or team allocation ends that day, a new one begins with
 * the worker's phone, and the case moves to their tray. Team managers
 * and trainers; one transaction, audited.
 */
enum cd_status store_allocate(struct store *st, int64_t person,
    const char *worker, const char *team, const char *date, int64_t *id,
    struct cd_err *err);

/*
 * Call fn with each member of adopter household id (person and name, or
 * masked). Adoption workers, managers and trainers; audited as a view.
 */
enum cd_status store_household_members(struct store *st, int64_t id,
    void (*fn)(int64_t person, const char *name, void *), void *arg,
    struct cd_err *err);

/* A child matched with an adopter household, and the dates since. */
struct household_match {
	int64_t person;
	const char *name;	/* as the session may see it */
	const char *matched, *placed, *order, *reversed;	/* or NULL */
};

/*
 * Call fn with each child matched with adopter household id, oldest
 * match first. Those who may read both households and children's
 * permanence; audited as a view of the household.
 */
enum cd_status store_household_matches(struct store *st, int64_t id,
    void (*fn)(const struct household_match *, void *), void *arg,
    struct cd_err *err);

#endif
