/*
 * Reading the record for the statutory returns (SSDA903, CIN census,
 * Annex A) and for their checks: the borough's children active in a
 * window, read in bulk by an analyst, or one child's record read by
 * anyone who may see it. casework/returns.c turns the rows into the
 * returns' model.
 */
#ifndef CD_STORE_RETURNS_H
#define CD_STORE_RETURNS_H

#include <stdint.h>

#include "common/status.h"

struct store;
struct record;

/* Whose record: person 0 means every child active from..to (ISO dates). */
struct returns_scope {
	char from[11];
	char to[11];
	int64_t person;
};

/*
 * Open a read for sc. The borough (person 0) needs the statutory-returns
 * grant and is audited once as an export named by purpose; one person
 * needs read access to them and is audited as a view of their record.
 */
enum cd_status store_returns_open(struct store *st,
    const struct returns_scope *sc, const char *purpose, struct cd_err *err);

/*
 * Call fn for every row of entity ("person" included) of the people in
 * the scope last opened, ordered by person then row. fn returns non-zero
 * to stop.
 */
enum cd_status store_returns_scan(struct store *st, const char *entity,
    int (*fn)(const struct record *, void *), void *arg, struct cd_err *err);

/*
 * For each woman or girl in the scope who is recorded as a mother, her
 * first child's date of birth (the SSDA903's MOTHER and MC_DOB).
 */
enum cd_status store_returns_mothers(struct store *st,
    int (*fn)(int64_t person, const char *child_dob, void *), void *arg,
    struct cd_err *err);

/* End the read opened by store_returns_open. */
void store_returns_close(struct store *st);

#endif
