/*
 * What retention needs from the record, and the destruction itself: every
 * trace of a person's personal data removed, the audit chain intact.
 */
#ifndef CD_STORE_RETENTION_H
#define CD_STORE_RETENTION_H

#include <stdint.h>

#include "common/status.h"

struct store;

/* The dates retention counts from, for one person (NULL when none). */
struct retention_facts {
	int64_t person;
	const char *dob;
	const char *death;
	int looked_after;		/* ever looked after */
	int cp_ever, cp_open;		/* a CP plan; one still open */
	const char *cp_end;		/* the last plan's end */
	int cin_ever, cin_open;		/* contacts or referrals; one open */
	const char *cin_closed;		/* the last closure or decision */
	const char *adoption_order;
	const char *adopter_left;	/* an unsuccessful adopter's decision */
	int adopter_open;		/* still in the adoption process */
	int held;			/* a legal hold is in force */
};

/*
 * Call fn for every person with a record that retention applies to.
 * Information governance only; audited as one view of the schedule.
 */
enum cd_status store_retention_facts(struct store *st,
    void (*fn)(const struct retention_facts *, void *), void *arg,
    struct cd_err *err);

/* Place (or lift) a legal hold on a person. Information governance only. */
enum cd_status store_legal_hold(struct store *st, int64_t person,
    const char *kind, const char *reason, struct cd_err *err);
enum cd_status store_legal_hold_lift(struct store *st, int64_t person,
    struct cd_err *err);

/*
 * Destroy a person's record: every row about them, their form answers,
 * relationships, names and the details of audit events about them (the
 * events stay, so the chain verifies). Refused under a legal hold. The
 * audit event names the class and rule, no personal data.
 */
enum cd_status store_destroy_person(struct store *st, int64_t person,
    const char *class_name, const char *rule, struct cd_err *err);

/*
 * Make destroyed data unrecoverable from the files: checkpoint the WAL and
 * rebuild the database (secure_delete is on, VACUUM rewrites every page).
 */
enum cd_status store_compact(struct store *st, struct cd_err *err);

#endif
