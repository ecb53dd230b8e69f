/*
 * The case record as data: every typed table, its fields, their types and
 * code lists, the date pairs that must be in order, and which roles may
 * read and write it. One engine (record.c) validates, stores, audits and
 * merges edits for all of them; what one kind does beyond that is its
 * hooks, declared with it.
 */
#ifndef CD_STORE_ENTITY_H
#define CD_STORE_ENTITY_H

#include <stddef.h>

struct entity_hooks;

enum field_type {
	FT_TEXT,	/* up to 4000 bytes of UTF-8, no control characters */
	FT_NOTE,	/* multi-line text, up to 100000 bytes */
	FT_DATE,	/* YYYY-MM-DD (DD/MM/YYYY accepted and converted) */
	FT_DATETIME,	/* YYYY-MM-DDTHH:MM */
	FT_BOOL,	/* 0 or 1 (yes/no accepted) */
	FT_INT,		/* whole number >= 0 */
	FT_CODE,	/* one code of the list named in .list */
	FT_CODES,	/* several codes, comma separated */
	FT_REF,		/* id of a row of the entity named in .list */
	FT_POSTCODE,	/* UK postcode */
	FT_NHS,		/* NHS number, modulus 11 */
	FT_UPN,		/* unique pupil number with check letter, or UN1-7 */
};

#define FF_REQUIRED 0x1u	/* must have a value */
#define FF_NOT_FUTURE 0x2u	/* a date that cannot be after today */
#define FF_STORE_ONLY 0x8u	/* set by the store itself, not by callers */
#define FF_LIFECYCLE 0x10u	/* given at creation, then changed only by the
				   store's lifecycle (a form's status) */
#define FF_GOVERNED 0x20u	/* setting or lifting it is a governed act,
				   flagged for review (a restriction) */

struct field_def {
	const char *name;	/* column name */
	enum field_type type;
	unsigned flags;
	const char *list;	/* code list or referenced entity */
	const char *label;
};

struct entity_def {
	const char *name;	/* table name, also used in the audit trail */
	const char *title;
	int person_scoped;	/* rows belong to a person (person_id) */
	const struct field_def *fields;
	size_t nfields;
	const char *const (*order)[2];	/* date pairs: [0] not after [1] */
	size_t norder;
	unsigned read_roles;	/* bit per enum role */
	unsigned write_roles;
	const struct entity_hooks *hooks;	/* NULL: none (store/hooks.h) */
};

/* The definition of an entity by name, or NULL. */
const struct entity_def *entity_find(const char *name);

/* All entities, for listing, checks and tests. */
const struct entity_def *entity_all(size_t *n);

/* The definition of one field, or NULL. */
const struct field_def *entity_field(const struct entity_def *e,
    const char *name);

#endif
