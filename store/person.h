/*
 * People: creating one after the search for likely duplicates, merging
 * two records, break-glass on restricted records, and links between staff
 * and records. Search is store/search.h, relationships store/family.h.
 */
#ifndef CD_STORE_PERSON_H
#define CD_STORE_PERSON_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"
#include "store/record.h"
#include "store/search.h"

struct store;

/*
 * Create a person after looking for likely duplicates (same NHS number;
 * a sound-alike name with the same or a near date of birth; the same
 * surname sound at the same postcode). When some are found and no_match
 * is NULL, nothing is made: CD_ERR_DUPLICATE with *dups filled. With a
 * no_match reason the person is made and the decision audited. postcode,
 * when given, becomes their home address.
 */
enum cd_status store_person_add(struct store *st, const struct field_value *v,
    size_t n, const char *postcode, const char *no_match, int64_t *id,
    struct person_hits *dups, struct cd_err *err);

/*
 * Merge other into keep: every record, relationship, name and link moves
 * to keep; other's name becomes a previous name; other is marked merged.
 */
enum cd_status store_person_merge(struct store *st, int64_t keep,
    int64_t other, struct cd_err *err);

/*
 * Open a restricted record not on your list for the rest of this session,
 * giving a reason: audited and flagged for the Caldicott review list.
 */
enum cd_status store_person_break_glass(struct store *st, int64_t id,
    const char *reason, struct cd_err *err);

/*
 * Link a user to a person: "restricted" puts them on the record's list,
 * "education" links an education partner to a child, "self" says the
 * person is the user (so opening it is flagged). Administrators and team
 * managers only.
 */
enum cd_status store_person_link(struct store *st, int64_t id,
    const char *user, const char *kind, struct cd_err *err);

#endif
