/*
 * Form definitions as data: forms/defs/NAME.ini and forms/codes/NAME.ini, loaded
 * with every problem reported at once (file, section, key). No curses here.
 */
#ifndef CD_FORMS_FORMDEF_H
#define CD_FORMS_FORMDEF_H

#include <stddef.h>

#include "common/status.h"

enum formfield_type {
	FF_TYPE_TEXT, FF_TYPE_MULTILINE, FF_TYPE_DATE, FF_TYPE_DATETIME,
	FF_TYPE_NUMBER, FF_TYPE_YESNO, FF_TYPE_CODE, FF_TYPE_CODES,
	FF_TYPE_PERSON, FF_TYPE_NHS, FF_TYPE_UPN, FF_TYPE_POSTCODE,
	FF_TYPE_GROUP
};

struct formfield {
	char *name;
	enum formfield_type type;
	char *label;
	char *help;
	int required;
	char *codes;		/* code list name */
	char *maps_to;		/* column of the form's record entity */
	char *prefill;		/* "today", "now", "person.COLUMN" */
	char *show_if;		/* "FIELD = VALUE", "FIELD != VALUE", "FIELD in A,B" */
	char *group;		/* the repeating group this field belongs to */
};

/* Whom a form fits (the [form] fits key): a bit each. */
#define FITS_CHILD 0x1u
#define FITS_ADULT 0x2u
#define FITS_ADOPTER 0x4u
#define FITS_LOOKED_AFTER 0x8u	/* a child in care now */
#define FITS_CARE_LEAVER 0x10u	/* someone with a care leaver's record */

struct formdef {
	char *code;
	char *title;
	int version;
	char *subject;		/* "person" */
	unsigned read_roles, write_roles, authorise_roles;
	unsigned start_roles;	/* who may start one (default: write) */
	unsigned fits;		/* FITS_* (default: a child) */
	int needs_authorisation;
	char *record;		/* entity the typed answers land in, or NULL */
	int update_current;	/* update the person's current row, not add one */
	char *relationships;	/* group whose rows are the person's family */
	char *timescale;	/* the rule timing this work, if any */
	char *timescale_from;	/* the field its clock counts from */
	char *timescale_done;	/* the field saying when it was done */
	char *retention;
	char *source;		/* file it came from */
	struct formfield *fields;
	size_t nfields;
};

struct code_item {
	char *code;
	char *label;
};

struct codelist {
	char *name;
	char *title;
	struct code_item *items;
	size_t n;
	int dfe;		/* from the DfE lists in store/codes.c */
	char *source;		/* file it came from (NULL for DfE lists) */
};

struct formset {
	struct formdef *forms;
	size_t nforms;
	struct codelist *lists;
	size_t nlists;
	char **problems;	/* "FILE: [section] key: what is wrong" */
	size_t nproblems;
};

/* The type for a word ("text", "date", ...); -1 if unknown. */
int formdef_type_parse(const char *word);
const char *formdef_type_name(enum formfield_type t);

/*
 * Load every definition in DIR/defs and code list in DIR/codes (plus the
 * DfE lists). Problems are collected in set->problems; CD_ERR_CONFIG if
 * there are any. Forms with problems are still loaded where they can be.
 */
enum cd_status formdef_load(const char *dir, struct formset *set);

/* The form with code, or NULL; the field with name, or NULL. */
const struct formdef *formdef_find(const struct formset *set,
    const char *code);
const struct formfield *formdef_field(const struct formdef *d,
    const char *name);

/*
 * A form's title and a field's label by code, with the formset as arg
 * (callbacks for those below forms/ that name forms: the SAR pack).
 */
const char *formdef_title_of(const char *code, void *set);
const char *formdef_label_of(const char *code, const char *field, void *set);

/* What formdef_words_of made of an answer (sarbuild.h's SAR_WORDS_*). */
enum formdef_words {
	FORMDEF_WORDS_UNKNOWN = 0, /* no definition, or text to read as written */
	FORMDEF_WORDS_OURS = 1,	/* yes/no or codes, in words in out */
	FORMDEF_WORDS_PERSON = 2 /* the answer is a person's record number */
};

/*
 * An answer in the words of its form's definition (the formset as arg):
 * yes or no, a code's label, or that it names a person (the SAR pack,
 * which must not read a count or a yes as a record number).
 */
int formdef_words_of(const char *code, const char *field, const char *value,
    char *out, size_t n, void *set);

/* A code list by name, or NULL; an item of it by code, or NULL. */
const struct codelist *formdef_list(const struct formset *set,
    const char *name);
const struct code_item *formdef_code(const struct codelist *l,
    const char *code);

/*
 * The FITS_* bits of a person: a child (looked after or not), an adult,
 * or an adult adopter; and a care leaver, whatever their age.
 */
unsigned formdef_person_kind(int adult, int adopter, int looked_after,
    int care_leaver);

/*
 * The forms role (an enum role) may start for a person of kind
 * (formdef_person_kind), in title order, into out (at most max);
 * returns how many there are.
 */
size_t formdef_startable(const struct formset *set, int role, unsigned kind,
    const struct formdef **out, size_t max);

/*
 * Where forms come from for check and install: the folder named, else the
 * installed copy of the shipped forms, else the source tree's.
 */
const char *formdef_default_dir(const char *configured);

struct store;

/*
 * Install every definition and code list of dir (which must load without
 * a problem: set receives what was loaded, problems included) into the
 * database; *changed counts those whose text was new. See
 * store_forms_install for who may.
 */
enum cd_status formdef_install_dir(struct store *st, const char *dir,
    struct formset *set, size_t *changed, struct cd_err *err);

/*
 * Load the definitions installed in the database: the only ones the client
 * and the command line use. A database with none yet (an older one) first
 * gets the shipped forms, as its migration.
 */
enum cd_status formdef_load_installed(struct store *st, struct formset *set,
    struct cd_err *err);

void formdef_set_fini(struct formset *set);

#endif
