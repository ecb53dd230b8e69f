/*
 * The dates the statutory clocks run from, per open case, read in one pass
 * for the work tray (casework/tasks.c turns them into due dates).
 */
#ifndef CD_STORE_CASEFACTS_H
#define CD_STORE_CASEFACTS_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"

struct store;

/* NULL dates mean "none". Dates are YYYY-MM-DD. */
struct case_facts {
	int64_t person;
	const char *name;	/* "KHAN, Muhammad", or masked */
	const char *dob;
	const char *worker;	/* allocated worker and team, or NULL */
	const char *team;
	const char *contact_waiting;	/* oldest contact with no decision */
	const char *referral_open;	/* open referral with no assessment done */
	const char *strategy_no_icpc;	/* S47 decided, no conference since */
	const char *cp_start;		/* open CP plan */
	const char *cp_last_review;
	const char *cp_last_visit;
	const char *lac_start;		/* open period of care */
	const char *lac_placement;	/* start of the current episode */
	int lac_permanent;		/* placement meant to last (U1, U4, A*) */
	int lac_reviews;
	const char *lac_first_review;
	const char *lac_last_review;
	const char *lac_last_visit;
	const char *last_health;
	const char *last_pep;
	const char *pathway_last;	/* care leaver's last pathway plan */
	const char *strat_waiting;	/* contact decided STRAT, none held */
	const char *pp_start;		/* police protection still running */
	const char *cin_start;		/* open child in need plan */
	/* The rows a step opens (0: none, the step starts a new form). */
	int64_t contact_id;		/* the contact waiting for a decision */
	int64_t strat_contact_id;	/* the contact that asked for one */
	int64_t referral_id;		/* the open referral being assessed */
	int64_t assessment_id;		/* its assessment, started, not done */
	int64_t ooh_id;			/* the police protection's record */
	int64_t cin_id;			/* the open child in need plan */
};

struct adopter_facts {
	int64_t household;
	const char *name;
	const char *worker;
	const char *team;
	const char *stage1_start, *stage1_end, *stage2_start, *stage2_end;
};

/* Whose work to read. Zeroed, it is the whole borough's. */
struct case_scope {
	int64_t person;		/* one person's (their summary), or 0 */
	const char *worker;	/* those allocated to this worker, or NULL */
	const char *team;	/* those allocated to this team, or NULL */
	int contacts;		/* and every contact waiting (the duty desk),
				   handed over with only that clock set */
	int listed;		/* only people[0..npeople) (a tray's refresh; */
	const int64_t *people;	/* none at all when nobody changed) */
	size_t npeople;
	/*
	 * The borough's in pages: with limit set (and no person, worker,
	 * team or list), the next limit open cases in person order after
	 * after; *next is then the last one read, or 0 when none are left.
	 */
	int64_t after;
	int limit;
	int64_t *next;
};

/*
 * Call fn for each open case in scope (and fa for each adopter household
 * part-way through assessment, except for one person). One person's,
 * a worker's or a team's are read from their own rows and open
 * allocations (the per-person and partial indexes), so the cost follows
 * what is shown, not the borough. Needs a role that reads case records;
 * audited as one view of the work tray. Restricted people are masked
 * unless the user is on their list.
 */
enum cd_status store_case_facts(struct store *st, const struct case_scope *sc,
    void (*fn)(const struct case_facts *, void *),
    void (*fa)(const struct adopter_facts *, void *), void *arg,
    struct cd_err *err);

/* The borough's open work, counted from the partial indexes alone. */
struct open_counts {
	long contacts;		/* contacts waiting for a decision */
	long referrals;		/* open referrals */
	long cp_plans;		/* open child protection plans */
	long in_care;		/* open periods of care */
	long cin_plans;		/* open child in need plans */
	long care_leavers;
};

/* Count the borough's open work into *c (a role that reads case records). */
enum cd_status store_open_counts(struct store *st, struct open_counts *c,
    struct cd_err *err);

/*
 * The people whose records changed (anything audited but reads) after
 * audit event since, as a new sorted array; *head is the latest event.
 * What a tray read at since needs to read again.
 */
enum cd_status store_changed_people(struct store *st, int64_t since,
    int64_t **ids, size_t *n, int64_t *head, struct cd_err *err);

#endif
