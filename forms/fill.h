/*
 * Filling in a form: answers kept per field and row, each checked by its
 * type and saved as a draft the moment it is set, show_if, the list of
 * what is missing, pre-fill from the record, and submission, which writes
 * the typed answers into the record columns the returns read.
 */
#ifndef CD_FORMS_FILL_H
#define CD_FORMS_FILL_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"
#include "forms/formdef.h"

struct store;

struct fill_answer {
	char *field;
	int row;
	char *value;
};

struct fill {
	struct store *st;
	const struct formset *set;
	const struct formdef *def;
	int64_t instance;
	int64_t person;
	int version;		/* the definition version the form was made with */
	char *status;
	char *comments;
	struct fill_answer *a;
	size_t n;
};

/*
 * Whether work timed by rule, counted from from and done on done (today
 * when NULL), is late. Set by the client, which has the calendar and the
 * rules; fields with show_if = late ask for the reason for the delay.
 */
typedef int (*fill_late_fn)(const char *rule, const char *from,
    const char *done, void *arg);
void fill_set_lateness(fill_late_fn fn, void *arg);

/* Start a new form for a person, pre-filled from the record. */
enum cd_status fill_new(struct fill *f, struct store *st,
    const struct formset *set, const char *code, int64_t person,
    struct cd_err *err);

/* Open an existing form with its answers. */
enum cd_status fill_open(struct fill *f, struct store *st,
    const struct formset *set, int64_t instance, struct cd_err *err);

/* The answer to field in row (0 for fields outside groups), or NULL. */
const char *fill_get(const struct fill *f, const char *field, int row);

/*
 * Check and normalise a value for a field (dates accept t, y, +3d, dd/mm;
 * codes must be in the field's list). *out is new, or NULL when empty.
 */
enum cd_status fill_check(const struct fill *f, const struct formfield *ff,
    const char *in, char **out, struct cd_err *err);

/*
 * Set an answer: checked, then saved as a draft at once (so a dropped
 * connection loses nothing). A conflict with someone else's save of the
 * same answer is reported, not overwritten.
 */
enum cd_status fill_set(struct fill *f, const char *field, int row,
    const char *value, struct cd_err *err);

/* Whether a field is shown, given the answers so far (show_if). */
int fill_visible(const struct fill *f, const struct formfield *ff, int row);

/* How many rows a repeating group has (at least one). */
int fill_rows(const struct fill *f, const char *group);

/* Add an empty row to a group; returns its index. */
int fill_add_row(struct fill *f, const char *group);

/* Remove a row of a group (its answers are cleared and saved). */
enum cd_status fill_remove_row(struct fill *f, const char *group, int row,
    struct cd_err *err);

/*
 * The labels of required, visible fields still empty, as one new string
 * ("Decision; Decision date"), or NULL when nothing is missing.
 */
char *fill_missing(const struct fill *f);

/* Submit: refused while anything required is missing. */
enum cd_status fill_submit(struct fill *f, struct cd_err *err);

/* Whether the form can still be changed (draft or returned). */
int fill_editable(const struct fill *f);

void fill_close(struct fill *f);

#endif
