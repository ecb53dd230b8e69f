/*
 * What retention needs from the record, and the destruction itself: every
 * trace of a person's personal data removed, the audit chain intact.
 */
#ifndef CD_STORE_RETENTION_H
#define CD_STORE_RETENTION_H

#include <stddef.h>
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

/* A person with no casework of their own, and one person they relate to. */
struct retention_link {
	int64_t person;
	int64_t related;	/* 0: related to nobody */
	int held;		/* a legal hold on them */
	int staff;		/* a user's own record */
};

/*
 * Call fn for every person without casework of their own (a parent, a
 * relative, a carer), once per relationship they have, ordered by person,
 * so retention can keep them while a record that needs them is kept.
 * Information governance only.
 */
enum cd_status store_retention_links(struct store *st,
    void (*fn)(const struct retention_link *, void *), void *arg,
    struct cd_err *err);

/* A copy that may still hold a person: a backup or an export. */
struct retention_copy {
	int64_t seq;		/* its audit event */
	const char *at;
	const char *action;	/* "backup" or "export" */
	const char *what;	/* "database", "returns", "cpis-upload", ... */
};

/*
 * Call fn for each backup and export written since person's record was
 * made that may hold them: borough-wide ones, and exports about them (a
 * subject access pack). Run before destroying them. Governance only.
 */
enum cd_status store_retention_copies(struct store *st, int64_t person,
    void (*fn)(const struct retention_copy *, void *), void *arg,
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
 * The audit event of person's destruction, when it is the latest event
 * (call straight after store_destroy_person); 0 otherwise.
 */
int64_t store_destruction_event(struct store *st, int64_t person);

/*
 * Every destruction is also written to a tombstone list beside the
 * database (NAME.tombstones, MAC'd with the anchor's key), which a
 * restore leaves in place. At each login, anyone on the list who is on
 * the record again (a copy from before the destruction was restored) is
 * destroyed again, audited. *done counts them.
 */
enum cd_status store_tombstones_apply(struct store *st, size_t *done,
    struct cd_err *err);

/*
 * Make destroyed data unrecoverable from the files: checkpoint the WAL and
 * rebuild the database (secure_delete is on, VACUUM rewrites every page).
 */
enum cd_status store_compact(struct store *st, struct cd_err *err);

#endif
