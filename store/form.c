#include "config.h"

#include "store/form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "common/xmem.h"
#include "store/audit.h"
#include "store/record.h"
#include "store/store.h"
#include "store/store_int.h"

#define ANSWER_MAX 100000

/* The stored answer, or NULL; *found says whether a row exists. */
static char *
current(struct store *st, int64_t instance, const char *field, int row,
    int *found)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT value FROM form_answer "
	    "WHERE form_instance_id = ? AND field = ? AND row_index = ?", NULL);
	char *v = NULL;

	*found = 0;
	if (s == NULL)
		return NULL;
	sqlite3_bind_int64(s, 1, instance);
	store_bind_text(s, 2, field);
	sqlite3_bind_int(s, 3, row);
	if (sqlite3_step(s) == SQLITE_ROW) {
		*found = 1;
		v = store_column_dup(s, 0);
	}
	sqlite3_finalize(s);
	return v;
}

/* Whether two possibly-NULL strings are equal ("" counts as NULL). */
static int
same(const char *a, const char *b)
{
	if (a != NULL && *a == '\0')
		a = NULL;
	if (b != NULL && *b == '\0')
		b = NULL;
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

enum cd_status
store_form_answer_set(struct store *st, int64_t instance, const char *field,
    int row, const char *seen, const char *value, struct cd_err *err)
{
	struct record form;
	struct audit_change ch;
	struct audit_event ev = { 0 };
	const char *status;
	char *have, name[160];
	sqlite3_stmt *s;
	enum cd_status code;
	int flag = 0, found, rc;

	if (field == NULL || *field == '\0' || strlen(field) > 100 || row < 0)
		return cd_err_set(err, CD_ERR_INVALID, "bad form field name");
	if (value != NULL && strlen(value) > ANSWER_MAX)
		return cd_err_set(err, CD_ERR_INVALID, "%s: too long (at most "
		    "%d bytes)", field, ANSWER_MAX);
	code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	code = store_record_access(st, "form_instance", instance, 1, &form,
	    &flag, err);
	if (code != CD_OK) {
		store_rollback(st);
		return code;
	}
	status = store_record_value(&form, "status");
	if (status == NULL || (strcmp(status, "draft") != 0 &&
	    strcmp(status, "returned") != 0)) {
		store_rollback(st);
		code = cd_err_set(err, CD_ERR_DENIED, "this form is %s: only "
		    "drafts and returned forms can change", status ? status :
		    "closed");
		store_record_fini(&form);
		return code;
	}
	have = current(st, instance, field, row, &found);
	if (!same(have, seen) && !same(have, value)) {
		store_rollback(st);
		code = cd_err_set(err, CD_ERR_CONFLICT, "%s was changed by "
		    "someone else to \"%s\" since you opened the form; nothing "
		    "was saved", field, have ? have : "");
		free(have);
		store_record_fini(&form);
		return code;
	}
	if (same(have, value)) {	/* nothing to do */
		free(have);
		store_record_fini(&form);
		return store_commit(st, err);
	}
	s = store_prepare(st, "INSERT OR REPLACE INTO form_answer "
	    "(form_instance_id, field, row_index, value) VALUES (?, ?, ?, ?)",
	    err);
	if (s == NULL)
		code = err ? err->code : CD_ERR_DB;
	else {
		sqlite3_bind_int64(s, 1, instance);
		store_bind_text(s, 2, field);
		sqlite3_bind_int(s, 3, row);
		store_bind_text(s, 4, value && *value ? value : NULL);
		rc = sqlite3_step(s);
		sqlite3_finalize(s);
		if (rc != SQLITE_DONE)
			code = store_db_err(st, err, "saving an answer");
	}
	/* The instance's version counts its answers' changes too. */
	if (code == CD_OK) {
		char now[DATE_TIME_LEN];

		s = store_prepare(st, "UPDATE form_instance SET version = "
		    "version + 1, updated_at = ? WHERE id = ?", err);
		if (s == NULL)
			code = err ? err->code : CD_ERR_DB;
		else {
			date_now(now);
			store_bind_text(s, 1, now);
			sqlite3_bind_int64(s, 2, instance);
			if (sqlite3_step(s) != SQLITE_DONE)
				code = store_db_err(st, err, "saving a form");
			sqlite3_finalize(s);
		}
	}
	if (row > 0)
		snprintf(name, sizeof name, "%s[%d]", field, row);
	else
		snprintf(name, sizeof name, "%s", field);
	ch = (struct audit_change){ name, have ? have : "", value ? value :
	    "" };
	ev.action = "update";
	ev.entity = "form_instance";
	ev.entity_id = instance;
	ev.person_id = form.person_id;
	ev.flagged = flag;
	ev.changes = &ch;
	ev.nchanges = 1;
	if (code == CD_OK)
		code = store_audit_append(st, &ev, err);
	free(have);
	store_record_fini(&form);
	if (code != CD_OK) {
		store_rollback(st);
		return code;
	}
	return store_commit(st, err);
}

enum cd_status
store_form_answers(struct store *st, int64_t instance,
    struct form_answer **out, size_t *n, struct cd_err *err)
{
	struct record form;
	struct audit_event ev = { 0 };
	sqlite3_stmt *s;
	enum cd_status code;
	int flag = 0, rc;

	*out = NULL;
	*n = 0;
	code = store_record_access(st, "form_instance", instance, 0, &form,
	    &flag, err);
	if (code != CD_OK)
		return code;
	s = store_prepare(st, "SELECT field, row_index, value FROM form_answer "
	    "WHERE form_instance_id = ? ORDER BY field, row_index", err);
	if (s == NULL) {
		store_record_fini(&form);
		return err ? err->code : CD_ERR_DB;
	}
	sqlite3_bind_int64(s, 1, instance);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct form_answer *a;

		*out = xreallocarray(*out, *n + 1, sizeof **out);
		a = &(*out)[(*n)++];
		a->field = store_column_dup(s, 0);
		a->row = sqlite3_column_int(s, 1);
		a->value = store_column_dup(s, 2);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		store_record_fini(&form);
		store_form_answers_free(out, *n);
		return store_db_err(st, err, "reading a form");
	}
	ev.action = "view";
	ev.entity = "form_instance";
	ev.entity_id = instance;
	ev.person_id = form.person_id;
	ev.flagged = flag;
	code = store_audit_append(st, &ev, err);
	store_record_fini(&form);
	if (code != CD_OK)
		store_form_answers_free(out, *n);
	return code;
}

void
store_form_answers_free(struct form_answer **a, size_t n)
{
	size_t i;

	if (*a == NULL)
		return;
	for (i = 0; i < n; i++) {
		free((*a)[i].field);
		free((*a)[i].value);
	}
	free(*a);
	*a = NULL;
}
