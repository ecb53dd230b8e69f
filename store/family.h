/*
 * Families: relationships between people, each with its reciprocal
 * ("mother" one way is "child" the other), and a person's relatives.
 */
#ifndef CD_STORE_FAMILY_H
#define CD_STORE_FAMILY_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"

struct store;

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

#endif
