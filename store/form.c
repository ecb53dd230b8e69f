#include "config.h"

#include "store/form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "common/xmem.h"
#include "store/audit.h"
#include "store/hooks.h"
#include "store/record.h"
#include "store/store.h"
#include "store/store_int.h"

#define ANSWER_MAX 100000

/* The stored answer, or NULL; *found says whether a row exists. */
static char *
current(struct store *st, int64_t instance, const char *field, int row,
    int *found)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT value FROM form_answer "
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
	store_stmt_done(st, s);
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
	code = store_begin_draft(st, err);
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
	s = store_stmt(st, "INSERT OR REPLACE INTO form_answer "
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
		store_stmt_done(st, s);
		if (rc != SQLITE_DONE)
			code = store_db_err(st, err, "saving an answer");
	}
	/* The instance's version counts its answers' changes too. */
	if (code == CD_OK) {
		char now[DATE_TIME_LEN];

		s = store_stmt(st, "UPDATE form_instance SET version = "
		    "version + 1, updated_at = ? WHERE id = ?", err);
		if (s == NULL)
			code = err ? err->code : CD_ERR_DB;
		else {
			date_now(now);
			store_bind_text(s, 1, now);
			sqlite3_bind_int64(s, 2, instance);
			if (sqlite3_step(s) != SQLITE_DONE)
				code = store_db_err(st, err, "saving a form");
			store_stmt_done(st, s);
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
	return store_end(st, code, err);
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
	s = store_stmt(st, "SELECT field, row_index, value FROM form_answer "
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
	store_stmt_done(st, s);
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

void
store_form_defaults(struct store *st, const struct entity_def *e,
    char **values)
{
	const struct field_def *status = entity_field(e, "status");
	const struct field_def *by = entity_field(e, "created_by");

	free(values[status - e->fields]);
	values[status - e->fields] = xstrdup("draft");
	free(values[by - e->fields]);
	values[by - e->fields] = xstrdup(st->user_name);
}

enum cd_status
store_form_new(struct store *st, int64_t person_id, const char *code,
    int version, int64_t *id, struct cd_err *err)
{
	char v[16];
	struct field_value fv[3];

	snprintf(v, sizeof v, "%d", version);
	fv[0] = (struct field_value){ "form_code", code };
	fv[1] = (struct field_value){ "form_version", v };
	fv[2] = (struct field_value){ "status", "draft" };
	return store_record_create(st, "form_instance", person_id, fv, 3, id,
	    err);
}

/* Set the lifecycle columns of a form and audit the status change. */
static enum cd_status
set_status(struct store *st, const struct record *form, const char *status,
    const char *column, const char *comments, struct cd_err *err)
{
	struct audit_change ch[2];
	struct audit_event ev = { 0 };
	char now[DATE_TIME_LEN], sql[256];
	sqlite3_stmt *s;
	int rc;

	date_now(now);
	snprintf(sql, sizeof sql, "UPDATE form_instance SET status = ?, "
	    "comments = coalesce(?, comments), updated_at = ?, version = "
	    "version + 1%s%s%s WHERE id = ?", column ? ", " : "",
	    column ? column : "", column ? " = ?" : "");
	s = store_stmt(st, sql, err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	store_bind_text(s, 1, status);
	store_bind_text(s, 2, comments);
	store_bind_text(s, 3, now);
	if (column) {
		store_bind_text(s, 4, st->user_name);
		sqlite3_bind_int64(s, 5, form->id);
	} else
		sqlite3_bind_int64(s, 4, form->id);
	rc = sqlite3_step(s);
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "changing a form's status");
	ch[0] = (struct audit_change){ "status",
	    store_record_value(form, "status"), status };
	ch[1] = (struct audit_change){ "comments", NULL, comments };
	ev.action = "update";
	ev.entity = "form_instance";
	ev.entity_id = form->id;
	ev.person_id = form->person_id;
	ev.changes = ch;
	ev.nchanges = comments ? 2 : 1;
	return store_audit_append(st, &ev, err);
}

/* Open a form for a lifecycle step: the right state and the right role. */
static enum cd_status
lifecycle_open(struct store *st, int64_t id, const char *const *states,
    int authorise, struct record *form, struct cd_err *err)
{
	const struct form_policy *p;
	const char *status;
	enum cd_status code;
	size_t i;

	code = store_record_access(st, "form_instance", id, 1, form, NULL,
	    err);
	if (code != CD_OK)
		return code;
	status = store_record_value(form, "status");
	for (i = 0; states[i] != NULL; i++)
		if (status != NULL && strcmp(status, states[i]) == 0)
			break;
	if (states[i] == NULL) {
		code = cd_err_set(err, CD_ERR_INVALID, "this form is %s",
		    status ? status : "in no state");
		store_record_fini(form);
		return code;
	}
	if (!authorise)
		return CD_OK;
	p = store_form_policy_find(st, store_record_value(form, "form_code"));
	if (!access_form_authorise(st, p)) {
		store_record_fini(form);
		return cd_err_set(err, CD_ERR_DENIED, "the %s role may not "
		    "authorise %s forms", role_title(st->role),
		    p ? p->code : "these");
	}
	return CD_OK;
}

/* The person's current row of entity, for update_current forms; 0 if none. */
static int64_t
current_row(struct store *st, const char *entity, int64_t person)
{
	const struct entity_def *e = entity_find(entity);
	char sql[256];
	sqlite3_stmt *s;
	int64_t id = 0;

	if (e == NULL)
		return 0;
	if (strcmp(entity, "adopter_household") == 0)
		snprintf(sql, sizeof sql, "SELECT household_id FROM "
		    "adopter_member WHERE person_id = ? ORDER BY id DESC LIMIT 1");
	else if (e->person_scoped && entity_field(e, "end_date") != NULL)
		snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE person_id = ? "
		    "AND end_date IS NULL ORDER BY id DESC LIMIT 1", e->name);
	else if (e->person_scoped)
		snprintf(sql, sizeof sql, "SELECT id FROM %s WHERE person_id = ? "
		    "ORDER BY id DESC LIMIT 1", e->name);
	else
		return 0;
	s = store_stmt(st, sql, NULL);
	if (s == NULL)
		return 0;
	sqlite3_bind_int64(s, 1, person);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	store_stmt_done(st, s);
	return id;
}

/* Update row id of entity with the typed answers (through the engine). */
static enum cd_status
update_row(struct store *st, const char *entity, int64_t id,
    const struct field_value *typed, size_t n, struct cd_err *err)
{
	struct field_change *ch;
	struct conflicts cf;
	struct record row;
	enum cd_status code;
	size_t i;

	code = store_record_access(st, entity, id, 1, &row, NULL, err);
	if (code != CD_OK)
		return code;
	ch = xcalloc(n, sizeof *ch);
	for (i = 0; i < n; i++)
		ch[i] = (struct field_change){ typed[i].name,
		    store_record_value(&row, typed[i].name), typed[i].value };
	code = store_record_update(st, entity, row.id, ch, n, &cf, err);
	if (code == CD_OK || code == CD_ERR_CONFLICT)
		store_conflicts_fini(&cf);
	free(ch);
	store_record_fini(&row);
	return code;
}

/* Write the typed answers to the record row this form owns. */
static enum cd_status
write_record(struct store *st, const struct record *form, const char *entity,
    int update_current, const struct field_value *typed, size_t n,
    struct cd_err *err)
{
	const char *have = store_record_value(form, "record_id");
	const struct entity_def *e = entity_find(entity ? entity : "");
	enum cd_status code;
	int64_t rid;
	sqlite3_stmt *s;

	if (entity == NULL || n == 0)
		return CD_OK;
	if (have == NULL && update_current) {
		rid = current_row(st, entity, form->person_id);
		if (rid == 0)
			return cd_err_set(err, CD_ERR_INVALID, "there is no "
			    "current %s for this person to update",
			    e ? e->title : entity);
		code = update_row(st, entity, rid, typed, n, err);
	} else if (have == NULL) {
		code = store_record_create(st, entity, form->person_id, typed, n,
		    &rid, err);
		/* The applicant belongs to the household their enquiry made. */
		if (code == CD_OK && strcmp(entity, "adopter_household") == 0) {
			char hid[24];
			struct field_value m = { "household_id", hid };
			int64_t mid;

			snprintf(hid, sizeof hid, "%lld", (long long)rid);
			code = store_record_create(st, "adopter_member",
			    form->person_id, &m, 1, &mid, err);
		}
	} else
		return update_row(st, entity, atoll(have), typed, n, err);
	if (code != CD_OK || update_current)
		return code;
	/* Later submissions (after a return) update this row. */
	s = store_stmt(st, "UPDATE form_instance SET record_entity = ?, "
	    "record_id = ? WHERE id = ?", err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	store_bind_text(s, 1, entity);
	sqlite3_bind_int64(s, 2, rid);
	sqlite3_bind_int64(s, 3, form->id);
	code = sqlite3_step(s) == SQLITE_DONE ? CD_OK :
	    store_db_err(st, err, "linking a form to its record");
	store_stmt_done(st, s);
	return code;
}

enum cd_status
store_form_submit(struct store *st, int64_t id, const char *entity,
    int update_current, const struct field_value *typed, size_t n,
    struct cd_err *err)
{
	static const char *const open_states[] = { "draft", "returned", NULL };
	const struct form_policy *p;
	struct record form;
	enum cd_status code;
	int direct;

	if (st->depth == 0)
		st->nsteps = 0;		/* a new change: nothing started yet */
	code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	code = lifecycle_open(st, id, open_states, 0, &form, err);
	if (code != CD_OK) {
		store_rollback(st);
		return code;
	}
	p = store_form_policy_find(st, store_record_value(&form, "form_code"));
	direct = p != NULL && !p->needs_authorisation;
	code = write_record(st, &form, entity, update_current, typed, n, err);
	if (code == CD_OK)
		code = set_status(st, &form, direct ? "authorised" :
		    "submitted", "submitted_by", NULL, err);
	store_record_fini(&form);
	return store_end(st, code, err);
}

enum cd_status
store_form_return(struct store *st, int64_t id, const char *comments,
    struct cd_err *err)
{
	static const char *const states[] = { "submitted", NULL };
	struct record form;
	enum cd_status code;

	if (comments == NULL || strlen(comments) < 3)
		return cd_err_set(err, CD_ERR_INVALID, "say what needs changing "
		    "when returning a form");
	code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	code = lifecycle_open(st, id, states, 1, &form, err);
	if (code == CD_OK) {
		code = set_status(st, &form, "returned", NULL, comments, err);
		store_record_fini(&form);
	}
	return store_end(st, code, err);
}

enum cd_status
store_form_authorise(struct store *st, int64_t id, struct cd_err *err)
{
	static const char *const states[] = { "submitted", NULL };
	struct record form;
	const char *by, *sub;
	enum cd_status code;

	code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	code = lifecycle_open(st, id, states, 1, &form, err);
	if (code == CD_OK) {
		by = store_record_value(&form, "created_by");
		sub = store_record_value(&form, "submitted_by");
		if ((by && strcmp(by, st->user_name) == 0) ||
		    (sub && strcmp(sub, st->user_name) == 0))
			code = cd_err_set(err, CD_ERR_DENIED, "you cannot "
			    "authorise your own work: another manager must");
		else
			code = set_status(st, &form, "authorised",
			    "authorised_by", NULL, err);
		store_record_fini(&form);
	}
	return store_end(st, code, err);
}

enum cd_status
store_form_waiting(struct store *st,
    void (*fn)(const struct form_waiting *, void *), void *arg,
    struct cd_err *err)
{
	struct audit_event ev = { 0 };
	sqlite3_stmt *s;
	int rc, n = 0;

	s = store_stmt(st, "SELECT f.id, f.person_id, f.form_code, "
	    "p.family_name || ', ' || p.given_names, f.submitted_by, "
	    "f.updated_at, p.restricted FROM form_instance f JOIN person p ON "
	    "p.id = f.person_id WHERE f.status = 'submitted' AND "
	    "coalesce(f.created_by, '') <> ?1 AND coalesce(f.submitted_by, '') "
	    "<> ?1 ORDER BY f.updated_at", err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	store_bind_text(s, 1, st->user_name);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct form_waiting w;
		const char *code = (const char *)sqlite3_column_text(s, 2);
		const struct form_policy *p = store_form_policy_find(st, code);
		int64_t person = sqlite3_column_int64(s, 1);

		if (!access_form_authorise(st, p))
			continue;
		memset(&w, 0, sizeof w);
		w.instance = sqlite3_column_int64(s, 0);
		w.person = person;
		w.code = code;
		w.name = sqlite3_column_int(s, 6) && store_access_person(st,
		    person, 0, NULL, NULL) != CD_OK ? "(restricted record)" :
		    (const char *)sqlite3_column_text(s, 3);
		w.submitted_by = (const char *)sqlite3_column_text(s, 4);
		w.since = (const char *)sqlite3_column_text(s, 5);
		fn(&w, arg);
		n++;
	}
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "reading the forms waiting");
	if (n == 0)
		return CD_OK;
	ev.action = "view";
	ev.entity = "authorisations";
	return store_audit_append(st, &ev, err);
}

/* Run sql binding id; CD_OK when it finished. */
static enum cd_status
exec_id(struct store *st, const char *sql, int64_t id, struct cd_err *err)
{
	sqlite3_stmt *s = store_stmt(st, sql, err);
	int rc;

	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	store_stmt_done(st, s);
	return rc == SQLITE_DONE ? CD_OK : store_db_err(st, err,
	    "discarding a draft");
}

enum cd_status
store_form_discard(struct store *st, int64_t id, struct cd_err *err)
{
	static const char *const drafts[] = { "draft", NULL };
	struct audit_event ev = { 0 };
	struct audit_change *ch = NULL;
	struct form_answer *a = NULL;
	struct record form;
	const char *by;
	char **names = NULL;
	size_t n = 0, i;
	enum cd_status code;
	sqlite3_stmt *s;

	code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	code = lifecycle_open(st, id, drafts, 0, &form, err);
	if (code != CD_OK) {
		store_rollback(st);
		return code == CD_ERR_INVALID ? cd_err_set(err, CD_ERR_INVALID,
		    "only a draft can be discarded; this form was submitted") :
		    code;
	}
	by = store_record_value(&form, "created_by");
	if (by == NULL || strcmp(by, st->user_name) != 0 ||
	    store_record_value(&form, "record_id") != NULL) {
		code = cd_err_set(err, CD_ERR_DENIED, "only %s, who started "
		    "this draft, can discard it", by ? by : "its author");
		store_record_fini(&form);
		store_rollback(st);
		return code;
	}
	s = store_stmt(st, "SELECT field, row_index, value FROM form_answer "
	    "WHERE form_instance_id = ? ORDER BY field, row_index", err);
	if (s == NULL)
		code = err ? err->code : CD_ERR_DB;
	else {
		sqlite3_bind_int64(s, 1, id);
		while (sqlite3_step(s) == SQLITE_ROW) {
			a = xreallocarray(a, n + 1, sizeof *a);
			a[n].field = store_column_dup(s, 0);
			a[n].row = sqlite3_column_int(s, 1);
			a[n++].value = store_column_dup(s, 2);
		}
		store_stmt_done(st, s);
	}
	/* The answers as they were, in the event's details. */
	ch = xcalloc(n + 2, sizeof *ch);
	names = xcalloc(n + 1, sizeof *names);
	ch[0] = (struct audit_change){ "form_code",
	    store_record_value(&form, "form_code"), NULL };
	ch[1] = (struct audit_change){ "status", "draft", "discarded" };
	for (i = 0; i < n; i++) {
		names[i] = a[i].row > 0 ? xasprintf("%s[%d]", a[i].field,
		    a[i].row) : xstrdup(a[i].field);
		ch[i + 2] = (struct audit_change){ names[i], a[i].value, NULL };
	}
	if (code == CD_OK)
		code = exec_id(st, "DELETE FROM form_answer WHERE "
		    "form_instance_id = ?", id, err);
	if (code == CD_OK)
		code = exec_id(st, "DELETE FROM form_instance WHERE id = ?", id,
		    err);
	ev.action = "delete";
	ev.entity = "form_instance";
	ev.entity_id = id;
	ev.person_id = form.person_id;
	ev.changes = ch;
	ev.nchanges = n + 2;
	code = store_end_audited(st, code, &ev, err);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(ch);
	store_form_answers_free(&a, n);
	store_record_fini(&form);
	return code;
}
