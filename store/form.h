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

struct store;

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
