/*
 * Reading and writing the case record, one engine for every entity in
 * entities.c: validation at the boundary, access checks, an audit event in
 * the same transaction, and field-level merging of concurrent edits.
 */
#ifndef CD_STORE_RECORD_H
#define CD_STORE_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"
#include "store/entity.h"

struct store;

/* A value to set; NULL or "" clears the field. */
struct field_value {
	const char *name;
	const char *value;
};

/* An edit: the value the editor saw, and the value wanted now. */
struct field_change {
	const char *name;
	const char *seen;
	const char *value;
};

/* A row as read: values[i] belongs to def->fields[i] (NULL when empty). */
struct record {
	const struct entity_def *def;
	int64_t id;
	int64_t person_id;
	int64_t version;
	char **values;
	char *created_at;
	char *updated_at;
};

/* A field someone else changed since the editor read it. */
struct conflict {
	char *field;
	char *seen;	/* what the editor started from */
	char *theirs;	/* what is saved now */
	char *mine;	/* what the editor wants */
};

struct conflicts {
	struct conflict *c;
	size_t n;
};

/*
 * Check and normalise one value for a field: dates to YYYY-MM-DD, codes
 * checked against their list, NHS numbers and UPNs checked. *out is a new
 * string, or NULL for an empty value. The message names the field.
 */
enum cd_status store_value_check(const struct field_def *f, const char *in,
    char **out, struct cd_err *err);

/*
 * Create a row of entity for person_id (0 for entities not scoped to a
 * person). Every value is checked; unknown fields are refused.
 */
enum cd_status store_record_create(struct store *st, const char *entity,
    int64_t person_id, const struct field_value *v, size_t n, int64_t *id,
    struct cd_err *err);

/* Read one row (audited as a view). Free with store_record_fini. */
enum cd_status store_record_get(struct store *st, const char *entity,
    int64_t id, struct record *out, struct cd_err *err);

/*
 * Apply changes. A field changed by someone else since the editor saw it,
 * to a different value, is a conflict: nothing is saved, CD_ERR_CONFLICT
 * is returned and *conflicts lists them. Other people's changes to other
 * fields are kept: edits merge field by field.
 */
enum cd_status store_record_update(struct store *st, const char *entity,
    int64_t id, const struct field_change *c, size_t n,
    struct conflicts *conflicts, struct cd_err *err);

/*
 * Call fn for each row of entity for person_id, oldest first (audited as
 * one view). fn returns non-zero to stop.
 */
enum cd_status store_record_list(struct store *st, const char *entity,
    int64_t person_id, int (*fn)(const struct record *, void *), void *arg,
    struct cd_err *err);

/* The value of a named field in r, or NULL. */
const char *store_record_value(const struct record *r, const char *field);

void store_record_fini(struct record *r);
void store_conflicts_fini(struct conflicts *c);

#endif
