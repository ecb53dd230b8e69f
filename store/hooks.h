/*
 * What one kind of record does beyond the engine's common path (record.c):
 * the columns its values imply, what the store sets on a new row, its own
 * checks, and the work a save starts. Declared beside the entity table
 * (entities.c), so a new entity adds its hooks there and never edits the
 * engine. Internal to store/.
 */
#ifndef CD_STORE_HOOKS_H
#define CD_STORE_HOOKS_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"

struct audit_change;
struct entity_def;
struct field_change;
struct record;
struct store;

#define DERIVED_MAX 8

/* Columns a row's values imply (search keys), written with the row. */
struct derived {
	const char *col[DERIVED_MAX];
	char *val[DERIVED_MAX];
	int owned[DERIVED_MAX];	/* col was allocated and is freed with val */
	size_t n;
};

/* Add column col = val (val taken; col kept as given, or taken if owned). */
void store_derived_add(struct derived *d, const char *col, char *val,
    int owned);

/*
 * A field required only when another has a value (when_value NULL: any
 * value; a yes/no counts when yes), and why, for the message.
 */
struct required_when {
	const char *field, *when, *when_value, *why;
};

struct entity_hooks {
	int row_is_person;	/* the row is a person: its id is theirs */
	int form_coded;		/* reached per form code (the first field) */
	const struct required_when *required;
	size_t nrequired;

	/* Add the columns values imply to d (postcode keys are common). */
	void (*derive)(char **values, struct derived *d);

	/* Set what the store decides on a new row (values by field index). */
	void (*defaults)(struct store *st, const struct entity_def *e,
	    char **values);

	/* Whole-row rules beyond the field table's, on create and update. */
	enum cd_status (*check)(const struct entity_def *e, char **values,
	    struct cd_err *err);

	/* Before a new row is written, inside its transaction. */
	enum cd_status (*before_create)(struct store *st,
	    const struct entity_def *e, int64_t person_id, char **values,
	    struct cd_err *err);

	/*
	 * The changes an update implies (values adjusted, each added to out,
	 * which has room for one): returns how many were added.
	 */
	size_t (*amend)(const struct entity_def *e, const struct field_change *c,
	    size_t n, const struct record *cur, char **values,
	    struct audit_change *out);

	/* Before an update that changes something is written, checks done. */
	enum cd_status (*before_update)(struct store *st,
	    const struct record *cur, char **values, struct cd_err *err);

	/* After a row is written and audited: r as stored, created if new. */
	enum cd_status (*after_save)(struct store *st, const struct record *r,
	    int created, struct cd_err *err);
};

/* The person (person.c): name keys, one kind of birth date, old names. */
void store_person_derive(char **values, struct derived *d);
enum cd_status store_person_check(const struct entity_def *e, char **values,
    struct cd_err *err);
size_t store_person_amend(const struct entity_def *e,
    const struct field_change *c, size_t n, const struct record *cur,
    char **values, struct audit_change *out);
enum cd_status store_person_before_update(struct store *st,
    const struct record *cur, char **values, struct cd_err *err);

/* A form (form.c): every form starts as its creator's draft. */
void store_form_defaults(struct store *st, const struct entity_def *e,
    char **values);

/* Looked-after episodes (care.c): joined up before a create, after a save. */
enum cd_status store_care_episode_before(struct store *st,
    const struct entity_def *e, int64_t person, char **values,
    struct cd_err *err);
enum cd_status store_care_episode_saved(struct store *st,
    const struct record *r, int created, struct cd_err *err);

/* An out-of-hours record, once made (ooh.c): handed over, acted on. */
enum cd_status store_ooh_saved(struct store *st, const struct record *r,
    int created, struct cd_err *err);

#endif
