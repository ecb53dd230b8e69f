/* Retention: each record class's period as data, and each person's date. */
#ifndef CD_CASEWORK_RETENTION_H
#define CD_CASEWORK_RETENTION_H

#include <stddef.h>
#include <stdint.h>

#include "common/cfg.h"
#include "common/status.h"
#include "store/retention.h"

struct retention_class {
	char *name;
	char *title;
	char *from;
	char *rule;
	int years;
	int floor_years;
};

struct retention_rules {
	struct retention_class *c;
	size_t n;
};

/* When a person's record may be destroyed, and why. */
struct retention_due {
	const struct retention_class *cls;	/* the class that decides */
	long from;		/* the day its period runs from */
	long until;		/* day number; 0 when an open case keeps it */
	int open;		/* some part is still open: keep */
	int held;
};

enum cd_status retention_load(struct retention_rules *r, const char *file,
    const struct cfg *c, struct cd_err *err);
const char *retention_default_file(void);

/* The latest retention date of every class that applies to f. */
void retention_date(const struct retention_rules *r,
    const struct retention_facts *f, struct retention_due *out);

void retention_fini(struct retention_rules *r);

/* One record due for destruction. */
struct retention_item {
	int64_t person;
	const struct retention_class *cls;
	long from;		/* the day its period ran from */
	long until;		/* the day it fell due */
	int64_t with;		/* a relative: the record they go with */
};

/* A relative kept because a record that needs them is kept. */
struct retention_kept {
	int64_t person;
	int64_t needed_by;
	long until;		/* when that record falls due; 0: open or held */
	int open, held;
};

/* What the schedule says on a day. */
struct retention_schedule {
	long as_of;
	struct retention_item *d;	/* due and not held, relatives last */
	size_t n;
	long held, open, later;
	struct retention_kept *kept;	/* relatives kept for another's record */
	size_t nkept;
	long relatives;		/* relatives due (also in d) */
	long unattached;	/* no case, no relative with one: for review */
	long staff;		/* a member of staff's own record */
	long people;		/* everyone counted */
};

/* Read the schedule as of a day. Information governance only. */
enum cd_status retention_schedule_read(struct store *st,
    const struct retention_rules *r, long as_of,
    struct retention_schedule *s, struct cd_err *err);

/*
 * Destroy everything due in s, make it unrecoverable from the files, and
 * write a certificate (0600, record numbers only) to path. *done counts
 * the records destroyed; one that cannot be (a hold placed since) is left
 * and named in err after the rest are done.
 */
enum cd_status retention_apply(struct store *st,
    const struct retention_schedule *s, const char *path, const char *user,
    const char *db, size_t *done, struct cd_err *err);

/*
 * retention_apply with a second authoriser named on the certificate: a
 * different information governance user (NULL: none).
 */
enum cd_status retention_apply_authorised(struct store *st,
    const struct retention_schedule *s, const char *path, const char *user,
    const char *authoriser, const char *db, size_t *done,
    struct cd_err *err);

void retention_schedule_fini(struct retention_schedule *s);

#endif
