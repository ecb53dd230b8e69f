/*
 * Internals shared by the people files of store/: search.c (search and
 * the duplicate check), person.c (creating, merging, break-glass, links)
 * and family.c (relationships). Not for use outside store/.
 */
#ifndef CD_STORE_PERSON_INT_H
#define CD_STORE_PERSON_INT_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"
#include "store/record.h"
#include "store/search.h"

struct store;

/* The fields of a person's row that search and merging read. */
struct person_row {
	char *family, *given, *dob, *expected, *nhs, *upn, *sex;
	int restricted;
	int64_t merged;
};

/* Read person id into r: 1 when there is such a row, else 0 (r empty). */
int store_person_row_read(struct store *st, int64_t id,
    struct person_row *r);
void store_person_row_fini(struct person_row *r);

/*
 * Whether the user is on a restricted record's list, or has opened it by
 * break-glass this session.
 */
int store_person_on_list(struct store *st, int64_t id);

/*
 * The likely duplicates of the person described by v (and postcode, a
 * postcode key or NULL), into dups: the same NHS number, a sound-alike
 * name with the same or a near date of birth, the same surname sound at
 * the same postcode.
 */
enum cd_status store_person_duplicates(struct store *st,
    const struct field_value *v, size_t n, const char *postcode,
    struct person_hits *dups, struct cd_err *err);

#endif
