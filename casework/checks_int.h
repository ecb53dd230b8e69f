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
 * first rule d implements); c is NULL for the whole return. A rule whose
 * code ends in Q is a query, as the DfE numbers them; a check of our
 * own says by d->query.
 */
void checks_flag(struct problems *out, const struct check_def *d,
    const char *dfe, const struct rt_child *c, struct fix f,
    const char *fmt, ...) __attribute__((format(printf, 6, 7)));

struct ssda903_row;

/* Each row of table t the child has, as written (x->rows). */
#define EACH_ROW(x, t, it) \
	for (size_t it##_k = 0; (x)->rows != NULL && it##_k < (x)->rows->n; \
	    it##_k++) \
		if (((it) = &(x)->rows->r[it##_k])->table == (t))

/* Where to fix the cell col of row r: its record's field. */
struct fix dfe_fix(const struct ssda903_row *r, const char *col);

/* Whether code is a word of the space-separated list. */
int dfe_listed(const char *code, const char *list);

/* A DD/MM/YYYY cell as YYYY-MM-DD in out; "" when blank or not a date. */
const char *dfe_iso(const char *dmy, char out[11]);

/* The day of the child's nth birthday, YYYY-MM-DD (1 March for 29 Feb). */
void dfe_birthday(const struct rt_child *c, int n, char out[11]);

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
DFE_CHECK(dfe_episode_fields);
DFE_CHECK(dfe_episode_ages);
DFE_CHECK(dfe_episode_lengths);
DFE_CHECK(dfe_episode_order);
DFE_CHECK(dfe_header);
DFE_CHECK(dfe_missing);
DFE_CHECK(dfe_prevperm);
DFE_CHECK(dfe_ad1);
DFE_CHECK(dfe_placed);
DFE_CHECK(dfe_sw);
DFE_CHECK(dfe_dolo);
DFE_CHECK(dfe_uasc);
DFE_CHECK(cin_child);
DFE_CHECK(cin_episodes);
DFE_CHECK(cin_across);

/* The same UPN on two children in the SSDA903 (444). */
void dfe_upn_twice(const struct check_def *d, const struct rt_set *s,
    const struct check_ctx *x, struct problems *out);

/* Whole-return CIN rules (1520, 2883, 2886Q, 2887Q, 2888Q). */
void cin_upn_twice(const struct check_def *d, const struct rt_set *s,
    const struct check_ctx *x, struct problems *out);
void cin_plans_conferences(const struct check_def *d, const struct rt_set *s,
    const struct check_ctx *x, struct problems *out);
void cin_sex_unknown(const struct check_def *d, const struct rt_set *s,
    const struct check_ctx *x, struct problems *out);
void cin_disability_spread(const struct check_def *d, const struct rt_set *s,
    const struct check_ctx *x, struct problems *out);

#endif
