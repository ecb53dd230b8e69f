/*
 * Form answers: what a form records that nothing computes with, kept per
 * form instance, field and row (for repeating groups). The instance keeps
 * the form's code and version, so an answer is keyed by form, version and
 * field. The form engine (forms/) decides what the fields are.
 */
#ifndef CD_STORE_FORM_H
#define CD_STORE_FORM_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"
#include "store/record.h"

struct store;

/* Who may reach a form, from its definition (one bit per enum role). */
struct form_policy {
	char code[64];
	unsigned read_roles;
	unsigned write_roles;
	unsigned authorise_roles;
	int needs_authorisation;
};

/* One definition file to install: a form or a local code list. */
struct form_install {
	const char *kind;	/* "form" or "codes" */
	const char *name;	/* the form's code or the list's name */
	int version;		/* the form's version (1 for code lists) */
	const char *body;	/* the file's text, as it will be loaded */
	size_t len;
	struct form_policy policy;	/* forms only: read from body */
};

/*
 * Install definitions into the database in one transaction, one audited
 * "install" event each (text hash, version and roles), skipping any whose
 * text is already the installed one; *changed counts those installed.
 * Administrators only, except into a database with none installed yet
 * (the shipped forms, put in by whoever first opens an older database).
 * From then on the store takes every form's roles from here alone.
 */
enum cd_status store_forms_install(struct store *st,
    const struct form_install *list, size_t n, size_t *changed,
    struct cd_err *err);

/* Call fn for every installed definition (the current text of each name). */
enum cd_status store_forms_each(struct store *st,
    void (*fn)(const char *kind, const char *name, const char *body,
    size_t len, void *arg), void *arg, struct cd_err *err);

/* How many definitions are installed (0 on an older database). */
int64_t store_forms_count(struct store *st);

/* Start a form for a person: a draft owned by the user. */
enum cd_status store_form_new(struct store *st, int64_t person_id,
    const char *code, int version, int64_t *id, struct cd_err *err);

/*
 * Submit a draft (or a returned form). The typed answers are written to
 * the record entity named, in the same transaction, so the returns read
 * them: a new row, or the row this form wrote before, or with
 * update_current the person's current row (the open episode, the adopter
 * household they belong to). entity may be NULL for forms that map to
 * nothing. Forms that need no authorisation are authorised at once.
 */
enum cd_status store_form_submit(struct store *st, int64_t id,
    const char *entity, int update_current, const struct field_value *typed,
    size_t n, struct cd_err *err);

/* Return a submitted form to its author with comments (authorisers). */
enum cd_status store_form_return(struct store *st, int64_t id,
    const char *comments, struct cd_err *err);

/* Authorise a submitted form (authorisers; never one's own work). */
enum cd_status store_form_authorise(struct store *st, int64_t id,
    struct cd_err *err);

/*
 * Discard a draft started by mistake: its author only, and only a draft
 * that never wrote the record. One "delete" event carries every answer
 * as it was (the audit trail keeps them until retention purges the
 * details); the draft and its answers are gone.
 */
enum cd_status store_form_discard(struct store *st, int64_t id,
    struct cd_err *err);

/* A form waiting for authorisation. */
struct form_waiting {
	int64_t instance;
	int64_t person;
	const char *code;
	const char *name;	/* the person's, or masked */
	const char *submitted_by;
	const char *since;	/* when it was submitted */
};

/*
 * Call fn for each submitted form this user may authorise (not their own
 * work), oldest first. Audited as one view of the authorisation queue.
 */
enum cd_status store_form_waiting(struct store *st,
    void (*fn)(const struct form_waiting *, void *), void *arg,
    struct cd_err *err);

struct form_answer {
	char *field;
	int row;
	char *value;
};

/*
 * Save one answer (a draft is saved on every field exit). seen is the value
 * the editor started from: if someone else has changed the answer since,
 * to something else, CD_ERR_CONFLICT and nothing is saved. Only draft and
 * returned forms can change. Audited with the old and new value.
 */
enum cd_status store_form_answer_set(struct store *st, int64_t instance,
    const char *field, int row, const char *seen, const char *value,
    struct cd_err *err);

/* Every answer of a form instance (audited as a view). */
enum cd_status store_form_answers(struct store *st, int64_t instance,
    struct form_answer **out, size_t *n, struct cd_err *err);

void store_form_answers_free(struct form_answer **a, size_t n);

#endif
