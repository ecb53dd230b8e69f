/*
 * What the checks share across their files: where a problem is fixed,
 * how one is recorded, and the checks of the DfE's published rules read
 * from the rows as written (dferules.c).
 */
#ifndef CD_CASEWORK_CHECKS_INT_H
#define CD_CASEWORK_CHECKS_INT_H

#include <stdint.h>

#include "casework/checks.h"

/* Where a problem is fixed: a row's field, or a form to start. */
struct fix {
	const char *entity;
	int64_t row;
	const char *field;
	const char *form;
};

#define AT(entity, row, field) ((struct fix){ entity, row, field, NULL })
#define PERSON(c, field) AT("person", (c)->id, field)
#define START(form) ((struct fix){ NULL, 0, NULL, form })

/*
 * Append a problem found by check d breaking DfE rule dfe (NULL: the
 * first rule d implements); c is NULL for the whole return.
 */
void checks_flag(struct problems *out, const struct check_def *d,
    const char *dfe, const struct rt_child *c, struct fix f,
    const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* The checks of dferules.c, each one or more of the DfE's rules. */
#define DFE_CHECK(name) void name(const struct check_def *, \
    const struct rt_child *, const struct check_ctx *, struct problems *)
DFE_CHECK(dfe_codes);
DFE_CHECK(dfe_sw_reason);
DFE_CHECK(dfe_oc3);
DFE_CHECK(dfe_oc2);
DFE_CHECK(dfe_placed_adoption);
DFE_CHECK(dfe_own_provision);
DFE_CHECK(dfe_place_age);
DFE_CHECK(cin_no_factors);

/* Whole-return CIN rules (2887Q, 2888Q). */
void cin_disability_spread(const struct check_def *d, const struct rt_set *s,
    const struct check_ctx *x, struct problems *out);

#endif
