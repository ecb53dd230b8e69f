/*
 * People: search (as you type, indexed), search-before-create with likely
 * duplicates, relationships with their reciprocal, merging, break-glass
 * on restricted records, and links between staff and records.
 */
#ifndef CD_STORE_PERSON_H
#define CD_STORE_PERSON_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"
#include "store/record.h"

struct store;

struct person_hit {
	int64_t id;
	int score;
	int masked;		/* restricted: name and details hidden */
	char *name;		/* "KHAN, Muhammad" or "(restricted record)" */
	char *dob;		/* YYYY-MM-DD, "due YYYY-MM-DD", or NULL */
	char *sex;
	char *nhs;
	char *postcode;
	char *why;		/* what matched */
};

struct person_hits {
	struct person_hit *h;
	size_t n;
};

/*
 * Search by name (prefix, sound-alike, previous names), date of birth
 * (full or partial), NHS number, UPN, postcode or record id, ranked best
 * first, at most limit hits. Audited as a search.
 */
enum cd_status store_person_search(struct store *st, const char *term,
    size_t limit, struct person_hits *out, struct cd_err *err);

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

/* The reciprocal of a relationship type ("mother" -> "child"). */
const char *store_person_inverse(const char *kind);

/*
 * Record that person a is the kind of person b ("a mother b": a is b's
 * mother), with the reciprocal. pr: a holds parental responsibility for b.
 */
enum cd_status store_person_relate(struct store *st, int64_t a,
    const char *kind, int64_t b, int pr, struct cd_err *err);

/* One relationship of a person, as listed. */
struct relation {
	int64_t related_id;
	char *kind;		/* related is kind of the person */
	int pr;			/* related holds parental responsibility */
	char *name;
	char *dob;
};

/* The person's relationships (audited as a view of the family). */
enum cd_status store_person_relations(struct store *st, int64_t id,
    struct relation **out, size_t *n, struct cd_err *err);
void store_person_relations_free(struct relation **r, size_t n);

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

void store_person_hits_fini(struct person_hits *h);

#endif
