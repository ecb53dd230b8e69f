/*
 * CP-IS: which children the NHS must be told about (a child protection
 * plan, looked after under s31, s38 or s20, an unborn child's plan held
 * against the mother), with plan dates, and what changed since the last
 * upload.
 */
#ifndef CD_STORE_CPIS_H
#define CD_STORE_CPIS_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"

struct store;

/* A record stays in scope, and is deleted, this long after its plan ends. */
#define CPIS_KEEP_MONTHS 12

struct cpis_record {
	int64_t person;		/* the child, or the mother for UCPP */
	int64_t child;		/* the child (the unborn child for UCPP) */
	const char *nhs;	/* NULL when not recorded */
	int verified;		/* the NHS number is verified */
	const char *type;	/* "CPP", "LAC" or "UCPP" */
	const char *start;
	const char *end;	/* NULL while the plan lasts */
	char delete_date[11];	/* end + 12 months, "" while it lasts */
	int changed;		/* not sent, or sent with other dates */
	int withdraw;		/* ends what was sent before (end, delete) */
	const char *reason;	/* why it is withdrawn */
	int64_t withdrawal;	/* a destroyed person's (cpis_withdrawal) */
};

/*
 * Call fn for every in-scope plan as of today (YYYY-MM-DD), then for
 * every record sent before that must now be withdrawn, with its reason:
 * an unborn child's plan on the mother once the child is born (ended on
 * the birth), a record under an NHS number that has since changed, a
 * merged record's, one whose plan is no longer on the record (deleted as
 * entered in error, or its dates or legal status corrected), and a
 * destroyed person's. A withdrawal carries the number it was sent under,
 * its end date and today as its delete date. Information governance
 * only; audited as one view.
 */
enum cd_status store_cpis_scope(struct store *st, const char *today,
    void (*fn)(const struct cpis_record *, void *), void *arg,
    struct cd_err *err);

/*
 * Record an upload of the n records, numbered *seq from 1, so the next one
 * carries only what changed. write(seq, arg) makes the file inside the same
 * transaction: if it fails, nothing is recorded. Audited.
 */
enum cd_status store_cpis_sent(struct store *st,
    const struct cpis_record *const *r, size_t n,
    enum cd_status (*write)(int64_t, void *, struct cd_err *), void *arg,
    int64_t *seq, struct cd_err *err);

#endif
