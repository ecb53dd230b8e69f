/*
 * Out of hours in the store: the handover of each emergency duty record
 * to the day team (the allocated social worker, or the duty desk), its
 * acceptance, and the emergency actions it writes into the record.
 */
#ifndef CD_STORE_OOH_H
#define CD_STORE_OOH_H

#include <stdint.h>

#include "common/status.h"

struct store;

/* A handover waiting for the day team. */
struct ooh_waiting {
	int64_t id;		/* the out-of-hours record */
	int64_t person;
	const char *name;	/* "Family, Given" */
	const char *to;		/* the worker, or "duty desk" */
	const char *team;
	const char *arrived;	/* handed_over_at, ISO date-time */
	const char *action;	/* the emergency action, or NULL */
	const char *note;	/* the note to the day team, or NULL */
};

/* Whose handovers to list. */
enum ooh_whose { OOH_MINE, OOH_DUTY, OOH_ALL };

/*
 * Call fn for each handover not yet accepted, oldest first: the user's
 * own (to their name), the duty desk's, or all (team managers). Needs
 * read access to out-of-hours records; not audited (no record is shown
 * beyond the name, as in the work tray).
 */
enum cd_status store_ooh_waiting(struct store *st, enum ooh_whose whose,
    int (*fn)(const struct ooh_waiting *, void *), void *arg,
    struct cd_err *err);

/*
 * The session user accepts handover id for the day team: audited, once
 * (CD_ERR_CONFLICT names who accepted it first).
 */
enum cd_status store_ooh_accept(struct store *st, int64_t id,
    struct cd_err *err);

#endif
