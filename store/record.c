#include "config.h"

#include "store/record.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/ident.h"
#include "common/xmem.h"
#include "store/audit.h"
#include "store/hooks.h"
#include "store/codes.h"
#include "store/store.h"
#include "store/store_int.h"

#define TEXT_MAX 4000
#define NOTE_MAX 100000

/* Forms an education partner may open (the Sutton notice's list). */
static const char *const education_forms[] = {
	"person-summary", "all-about-me", "pathway-plan", "pep",
	"placement-change",
};

int
store_form_allowed_for_education(const char *code)
{
	size_t i;

	for (i = 0; i < sizeof education_forms / sizeof education_forms[0];
	    i++)
		if (code != NULL && strcmp(code, education_forms[i]) == 0)
			return 1;
	return 0;
}

/* Whether s is valid UTF-8 without control characters (bar \n, \t in notes). */
static int
clean_text(const char *s, int multiline)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		int n;

		if (*p < 0x20 || *p == 0x7f) {
			if (!multiline || (*p != '\n' && *p != '\t'))
				return 0;
			p++;
			continue;
		}
		if ((n = buf_utf8_len((const char *)p)) == 0)
			return 0;
		p += n;
	}
	return 1;
}

/* Today as YYYY-MM-DD (from the clock, or CASEDESK_NOW). */
static void
today(char out[11])
{
	char now[DATE_TIME_LEN];

	date_now(now);
	memcpy(out, now, 10);
	out[10] = '\0';
}

/* Normalise a date and time: "YYYY-MM-DD HH:MM", "DD/MM/YYYY HH:MM". */
static enum cd_status
check_datetime(const struct field_def *f, const char *in, char **out,
    struct cd_err *err)
{
	char date[32], d[11];
	int h, m, n = 0;
	const char *sp = strpbrk(in, " T");

	if (sp == NULL || (size_t)(sp - in) >= sizeof date ||
	    sscanf(sp + 1, "%2d:%2d%n", &h, &m, &n) != 2 || sp[1 + n] != '\0' ||
	    h > 23 || m > 59 || h < 0 || m < 0)
		return cd_err_set(err, CD_ERR_INVALID, "%s: \"%s\" is not a "
		    "date and time (DD/MM/YYYY HH:MM)", f->label, in);
	snprintf(date, sizeof date, "%.*s", (int)(sp - in), in);
	if (ident_date(date, d, NULL) != CD_OK)
		return cd_err_set(err, CD_ERR_INVALID, "%s: \"%s\" is not a "
		    "date and time (DD/MM/YYYY HH:MM)", f->label, in);
	*out = xasprintf("%sT%02d:%02d", d, h, m);
	return CD_OK;
}

/* Check a comma or space separated list of codes; out joins them. */
static enum cd_status
check_codes(const struct field_def *f, const char *in, char **out,
    struct cd_err *err)
{
	char *copy = xstrdup(in), *tok, *save = NULL;
	struct buf b = { 0 };
	enum cd_status code = CD_OK;

	for (tok = strtok_r(copy, ", ", &save); tok && code == CD_OK;
	    tok = strtok_r(NULL, ", ", &save)) {
		char *p;

		for (p = tok; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		code = codes_check(f->list, f->label, tok, err);
		if (code == CD_OK) {
			char *have = xasprintf(",%s,", buf_str(&b)), *t =
			    xasprintf(",%s,", tok);

			if (strstr(have, t) == NULL)
				buf_addf(&b, "%s%s", b.len ? "," : "", tok);
			free(have);
			free(t);
		}
	}
	free(copy);
	if (code == CD_OK)
		*out = b.len ? xstrdup(buf_str(&b)) : NULL;
	buf_fini(&b);
	return code;
}

enum cd_status
store_value_check(const struct field_def *f, const char *in, char **out,
    struct cd_err *err)
{
	char buf[16], day[11];
	struct cd_err inner;
	enum cd_status code;
	const char *p;

	*out = NULL;
	if (in == NULL)
		return CD_OK;
	while (*in == ' ')
		in++;
	if (*in == '\0')
		return CD_OK;
	switch (f->type) {
	case FT_TEXT:
	case FT_NOTE:
		if (strlen(in) > (f->type == FT_NOTE ? NOTE_MAX : TEXT_MAX))
			return cd_err_set(err, CD_ERR_INVALID, "%s: too long "
			    "(%zu bytes, at most %d)", f->label, strlen(in),
			    f->type == FT_NOTE ? NOTE_MAX : TEXT_MAX);
		if (!clean_text(in, f->type == FT_NOTE))
			return cd_err_set(err, CD_ERR_INVALID, "%s: contains "
			    "control characters or invalid UTF-8", f->label);
		*out = xstrdup(in);
		return CD_OK;
	case FT_DATE:
		if (ident_date(in, buf, NULL) != CD_OK)
			return cd_err_set(err, CD_ERR_INVALID, "%s: \"%s\" is "
			    "not a date (use DD/MM/YYYY or YYYY-MM-DD)",
			    f->label, in);
		today(day);
		if ((f->flags & FF_NOT_FUTURE) && strcmp(buf, day) > 0)
			return cd_err_set(err, CD_ERR_INVALID, "%s: %s is in "
			    "the future", f->label, in);
		*out = xstrdup(buf);
		return CD_OK;
	case FT_DATETIME:
		code = check_datetime(f, in, out, err);
		if (code == CD_OK && (f->flags & FF_NOT_FUTURE)) {
			today(day);
			if (strncmp(*out, day, 10) > 0) {
				xfree(out);
				return cd_err_set(err, CD_ERR_INVALID, "%s: %s "
				    "is in the future", f->label, in);
			}
		}
		return code;
	case FT_BOOL:
		if (!strcmp(in, "1") || !strcasecmp(in, "yes") ||
		    !strcasecmp(in, "y") || !strcasecmp(in, "true"))
			*out = xstrdup("1");
		else if (!strcmp(in, "0") || !strcasecmp(in, "no") ||
		    !strcasecmp(in, "n") || !strcasecmp(in, "false"))
			*out = xstrdup("0");
		else
			return cd_err_set(err, CD_ERR_INVALID, "%s: \"%s\" is "
			    "not yes or no", f->label, in);
		return CD_OK;
	case FT_INT:
	case FT_REF:
		for (p = in; *p; p++)
			if (!isdigit((unsigned char)*p))
				break;
		if (*p != '\0' || p - in > 9)
			return cd_err_set(err, CD_ERR_INVALID, "%s: \"%s\" is "
			    "not a whole number", f->label, in);
		*out = xasprintf("%ld", strtol(in, NULL, 10));
		return CD_OK;
	case FT_CODE:
		code = codes_check(f->list, f->label, in, err);
		if (code == CD_OK)
			*out = xstrdup(in);
		return code;
	case FT_CODES:
		return check_codes(f, in, out, err);
	case FT_POSTCODE:
		if (ident_postcode(in, buf, &inner) != CD_OK)
			return cd_err_set(err, CD_ERR_INVALID, "%s: %s",
			    f->label, inner.msg);
		*out = xstrdup(buf);
		return CD_OK;
	case FT_NHS:
		if (ident_nhs(in, buf, err) != CD_OK)
			return CD_ERR_INVALID;
		*out = xstrdup(buf);
		return CD_OK;
	case FT_UPN:
		if (ident_upn(in, buf, err) != CD_OK)
			return CD_ERR_INVALID;
		*out = xstrdup(buf);
		return CD_OK;
	}
	return cd_err_set(err, CD_ERR_INVALID, "%s: unknown field type",
	    f->label);
}

int
store_text_same(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

enum cd_status
store_access_entity(struct store *st, const struct entity_def *e, int write,
    struct cd_err *err)
{
	return access_entity(st, write ? e->write_roles : e->read_roles,
	    write, e->title, err);
}

/* One-integer query with an integer parameter pair; -1 on error. */
static int64_t
query_int(struct store *st, const char *sql, int64_t a, int64_t b)
{
	sqlite3_stmt *s = store_stmt(st, sql, NULL);
	int64_t v = -1;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	store_stmt_done(st, s);
	return v;
}

enum cd_status
store_access_person(struct store *st, int64_t person_id, int write,
    int *flag, struct cd_err *err)
{
	int64_t restricted;
	size_t i;

	if (flag)
		*flag = 0;
	restricted = query_int(st, "SELECT restricted FROM person WHERE "
	    "id = ?1 AND ?2 = ?2", person_id, 0);
	if (restricted < 0)
		return cd_err_set(err, CD_ERR_NOTFOUND, "no person #%lld",
		    (long long)person_id);
	if (access_linked_only(st) && query_int(st, "SELECT count(*) FROM "
	    "person_access WHERE person_id = ?1 AND user_id = ?2 AND kind = "
	    "'education'", person_id, st->user_id) <= 0)
		return cd_err_set(err, CD_ERR_DENIED, "person #%lld is not one "
		    "of the children linked to you", (long long)person_id);
	if (restricted > 0 && query_int(st, "SELECT count(*) FROM "
	    "person_access WHERE person_id = ?1 AND user_id = ?2 AND kind = "
	    "'restricted'", person_id, st->user_id) <= 0) {
		for (i = 0; i < st->nglass; i++)
			if (st->glass[i] == person_id)
				break;
		if (i == st->nglass)
			return cd_err_set(err, CD_ERR_RESTRICTED, "person #%lld "
			    "is a restricted record: opening it needs a reason "
			    "(break-glass), which is audited and reviewed",
			    (long long)person_id);
	}
	if (flag && st->self_person_id != 0)
		*flag = person_id == st->self_person_id ||
		    query_int(st, "SELECT count(*) FROM relationship WHERE "
		    "person_id = ?1 AND related_id = ?2", person_id,
		    st->self_person_id) > 0;
	(void)write;
	return CD_OK;
}

static enum cd_status read_row(struct store *st, const struct entity_def *e,
    int64_t id, struct record *r, struct cd_err *err);

/* Append an audit event for entity e; changes may be NULL. */
static enum cd_status
audit(struct store *st, const char *action, const struct entity_def *e,
    int64_t id, int64_t person_id, int flagged,
    const struct audit_change *ch, size_t n, struct cd_err *err)
{
	struct audit_event ev = { 0 };

	ev.action = action;
	ev.entity = e->name;
	ev.entity_id = id;
	ev.person_id = person_id;
	ev.flagged = flagged;
	ev.changes = ch;
	ev.nchanges = n;
	return store_audit_append(st, &ev, err);
}

static enum cd_status read_row(struct store *st, const struct entity_def *e,
    int64_t id, struct record *r, struct cd_err *err);

/* No hooks: what an entity without any of its own behaviour has. */
static const struct entity_hooks no_hooks;

/* The hooks of e (never NULL). */
static const struct entity_hooks *
hooks(const struct entity_def *e)
{
	return e->hooks != NULL ? e->hooks : &no_hooks;
}

void
store_derived_add(struct derived *d, const char *col, char *val, int owned)
{
	if (d->n >= DERIVED_MAX) {
		free(val);
		if (owned)
			free((char *)col);
		return;
	}
	d->col[d->n] = col;
	d->owned[d->n] = owned;
	d->val[d->n++] = val;
}

/* The columns derived from values: the entity's own, then postcode keys. */
static void
derive(const struct entity_def *e, char **values, struct derived *d)
{
	size_t i;

	memset(d, 0, sizeof *d);
	if (hooks(e)->derive != NULL)
		hooks(e)->derive(values, d);
	for (i = 0; i < e->nfields; i++) {
		char key[9];

		if (e->fields[i].type != FT_POSTCODE)
			continue;
		ident_postcode_key(values[i] ? values[i] : "", key);
		store_derived_add(d, xasprintf("%s_key", e->fields[i].name),
		    values[i] ? xstrdup(key) : NULL, 1);
	}
}

static void
derived_fini(struct derived *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->val[i]);
		if (d->owned[i])
			free((char *)d->col[i]);
	}
}

/* A value counts as given when it is set and, for yes/no, is yes. */
static int
matches(const struct field_def *f, const char *v, const char *want)
{
	if (f->type == FT_BOOL && v == NULL)
		v = "0";
	if (want == NULL)
		return v != NULL;
	return v != NULL && strcmp(v, want) == 0;
}

/*
 * Check the whole row: required fields, references that exist (and belong
 * to the same person), date pairs in order, fields required by others.
 */
static enum cd_status
check_row(struct store *st, const struct entity_def *e, int64_t person_id,
    char **values, struct cd_err *err)
{
	size_t i;

	for (i = 0; i < e->nfields; i++) {
		const struct field_def *f = &e->fields[i];

		if ((f->flags & FF_REQUIRED) && values[i] == NULL)
			return cd_err_set(err, CD_ERR_INVALID, "%s is required",
			    f->label);
		if (f->type == FT_REF && values[i] != NULL) {
			const struct entity_def *t = entity_find(f->list);
			char *sql = xasprintf("SELECT count(*) FROM %s WHERE "
			    "id = ?1%s", t->name, t->person_scoped ?
			    " AND person_id = ?2" : " AND ?2 = ?2");
			int64_t n = query_int(st, sql, atoll(values[i]),
			    person_id);

			free(sql);
			if (n <= 0)
				return cd_err_set(err, CD_ERR_INVALID, "%s: no "
				    "%s #%s%s", f->label, t->title, values[i],
				    t->person_scoped ? " for this person" : "");
		}
	}
	for (i = 0; i < e->norder; i++) {
		const struct field_def *a = entity_field(e, e->order[i][0]);
		const struct field_def *b = entity_field(e, e->order[i][1]);
		const char *va = values[a - e->fields], *vb =
		    values[b - e->fields];

		if (va != NULL && vb != NULL && strncmp(vb, va, 10) < 0)
			return cd_err_set(err, CD_ERR_INVALID, "%s (%s) is "
			    "before %s (%s)", b->label, vb, a->label, va);
	}
	for (i = 0; i < hooks(e)->nrequired; i++) {
		const struct required_when *r = &hooks(e)->required[i];
		const struct field_def *f = entity_field(e, r->field);
		const struct field_def *w = entity_field(e, r->when);

		if (matches(w, values[w - e->fields], r->when_value) &&
		    values[f - e->fields] == NULL)
			return cd_err_set(err, CD_ERR_INVALID, "%s is required "
			    "when %s", f->label, r->why);
	}
	if (hooks(e)->check != NULL)
		return hooks(e)->check(e, values, err);
	return CD_OK;
}

/*
 * Add before, a name (a column's, a table's) and after to an SQL text:
 * statements are keyed by their text, which is built on every call
 * (printf-style formatting was a tenth of a record's cost).
 */
static void
column(struct buf *sql, const char *before, const char *name,
    const char *after)
{
	buf_addstr(sql, before);
	buf_addstr(sql, name);
	buf_addstr(sql, after);
}

/* Free an array of n values. */
static void
free_values(char **v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Take the values given into a full row array, checked. */
static enum cd_status
values_from(const struct entity_def *e, const struct field_value *v, size_t n,
    char **values, struct cd_err *err)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct field_def *f = entity_field(e, v[i].name);
		enum cd_status code;

		if (f == NULL)
			return cd_err_set(err, CD_ERR_INVALID, "%s has no "
			    "field \"%s\"", e->title, v[i].name);
		if (f->flags & FF_STORE_ONLY)
			return cd_err_set(err, CD_ERR_INVALID, "%s: set by "
			    "casedesk itself, not directly", f->label);
		free(values[f - e->fields]);
		code = store_value_check(f, v[i].value, &values[f - e->fields],
		    err);
		if (code != CD_OK)
			return code;
	}
	return CD_OK;
}

/* Bind a value (NULL stays NULL, a cleared yes/no is no). */
static void
bind_value(sqlite3_stmt *s, int i, const struct field_def *f, const char *v)
{
	if (v == NULL && f->type == FT_BOOL)
		sqlite3_bind_int(s, i, 0);
	else if (v != NULL && (f->type == FT_INT || f->type == FT_REF ||
	    f->type == FT_BOOL))
		sqlite3_bind_int64(s, i, atoll(v));
	else
		store_bind_kept(s, i, v);
}

/*
 * Forms are reached per form code: by the roles its installed definition
 * names. A database with no definitions installed yet (an older one, before
 * its first session installs the shipped set) falls back to the record's
 * roles, except education partners, who reach only their named forms.
 */
static enum cd_status
check_form_code(struct store *st, const struct entity_def *e,
    char **values, int write, struct cd_err *err)
{
	const struct form_policy *p;

	if (!hooks(e)->form_coded)
		return CD_OK;
	p = store_form_policy_find(st, values[0]);
	if (p != NULL) {
		if (access_form(st, p, write))
			return CD_OK;
		return cd_err_set(err, CD_ERR_DENIED, "the %s role may not %s "
		    "%s forms", role_title(st->role), write ? "write" :
		    "read", values[0]);
	}
	if (store_forms_count(st) > 0)
		return cd_err_set(err, CD_ERR_NOTFOUND, "no form \"%s\" is "
		    "installed in this database", values[0] ? values[0] : "");
	return access_form_uninstalled(st, values[0], write, err);
}

/* Whether field is a governed one (a record's restriction). */
static int
governed(const struct entity_def *e, const char *field)
{
	const struct field_def *f = entity_field(e, field);

	return f != NULL && (f->flags & FF_GOVERNED);
}

/* Whether the changes asked for are to a record's restriction alone. */
static int
only_restriction(const struct entity_def *e, const struct field_change *c,
    size_t n)
{
	return n == 1 && governed(e, c[0].name);
}

/* Whether the changes made set or lift a record's restriction. */
static int
restriction_changed(const struct entity_def *e, const struct audit_change *ch,
    size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (governed(e, ch[i].field))
			return 1;
	return 0;
}

/* Whether a new row sets a governed field (restricted from the start). */
static int
restricted_from_start(const struct entity_def *e, char **values)
{
	size_t i;

	for (i = 0; i < e->nfields; i++)
		if ((e->fields[i].flags & FF_GOVERNED) && values[i] != NULL &&
		    atoi(values[i]) != 0)
			return 1;
	return 0;
}

/* Run e's after-save hook on row id as now stored. */
static enum cd_status
after_save(struct store *st, const struct entity_def *e, int64_t id,
    int created, struct cd_err *err)
{
	struct record r;
	enum cd_status code;

	if (hooks(e)->after_save == NULL)
		return CD_OK;
	code = read_row(st, e, id, &r, err);
	if (code == CD_OK)
		code = hooks(e)->after_save(st, &r, created, err);
	store_record_fini(&r);
	return code;
}

/*
 * Restricting a record locks colleagues out of it, so it is a governed
 * act: team managers and information governance only (and the trainer on
 * a demo), each flagged for the Caldicott review.
 */
static enum cd_status
restriction_allowed(struct store *st, struct cd_err *err)
{
	return access_restriction(st, err);
}

enum cd_status
store_record_create(struct store *st, const char *entity, int64_t person_id,
    const struct field_value *v, size_t n, int64_t *id, struct cd_err *err)
{
	const struct entity_def *e = entity_find(entity);
	struct audit_change *ch;
	struct derived d;
	struct buf sql = { 0 }, q = { 0 };
	sqlite3_stmt *s = NULL;
	char now[DATE_TIME_LEN], **values;
	enum cd_status code;
	size_t i, nch = 0;
	int k = 1, rc, flag = 0;

	if (e == NULL)
		return cd_err_set(err, CD_ERR_INVALID, "no such record type "
		    "\"%s\"", entity);
	code = store_access_entity(st, e, 1, err);
	if (code != CD_OK)
		return code;
	if (st->depth == 0)
		st->nsteps = 0;		/* a new change: nothing started yet */
	values = xcalloc(e->nfields, sizeof *values);
	code = values_from(e, v, n, values, err);
	if (code == CD_OK && hooks(e)->defaults != NULL)
		hooks(e)->defaults(st, e, values);
	if (code == CD_OK)
		code = check_form_code(st, e, values, 1, err);
	if (code == CD_OK)
		code = store_begin(st, err);
	if (code != CD_OK) {
		free_values(values, e->nfields);
		return code;
	}
	if (e->person_scoped)
		code = store_access_person(st, person_id, 1, &flag, err);
	if (code == CD_OK && hooks(e)->before_create != NULL)
		code = hooks(e)->before_create(st, e, person_id, values, err);
	if (code == CD_OK)
		code = check_row(st, e, person_id, values, err);
	/* A person made restricted from the start: the same governed act. */
	if (code == CD_OK && restricted_from_start(e, values)) {
		code = restriction_allowed(st, err);
		flag = 1;
	}
	if (code != CD_OK) {
		store_rollback(st);
		free_values(values, e->nfields);
		return code;
	}
	derive(e, values, &d);
	date_now(now);
	/* Never a number that was someone's: past the highest id, and past
	 * any floor destruction left (SQLite would give the freed one). */
	column(&sql, "INSERT INTO ", e->name, " (id, created_at, updated_at");
	column(&q, "(SELECT max(coalesce(max(id), 0), coalesce((SELECT "
	    "CAST(value AS INTEGER) FROM meta WHERE key = 'id_floor.", e->name,
	    "'), 0)) + 1 FROM ");
	column(&q, "", e->name, "), ?, ?");
	if (e->person_scoped) {
		buf_addstr(&sql, ", person_id");
		buf_addstr(&q, ", ?");
	}
	/* Empty fields are left out so column defaults apply. */
	for (i = 0; i < e->nfields; i++) {
		if (values[i] == NULL)
			continue;
		column(&sql, ", ", e->fields[i].name, "");
		buf_addstr(&q, ", ?");
	}
	for (i = 0; i < d.n; i++) {
		column(&sql, ", ", d.col[i], "");
		buf_addstr(&q, ", ?");
	}
	column(&sql, ") VALUES (", buf_str(&q), ")");
	s = store_stmt(st, buf_str(&sql), err);
	if (s != NULL) {
		store_bind_kept(s, k++, now);
		store_bind_kept(s, k++, now);
		if (e->person_scoped)
			sqlite3_bind_int64(s, k++, person_id);
		for (i = 0; i < e->nfields; i++)
			if (values[i] != NULL)
				bind_value(s, k++, &e->fields[i], values[i]);
		for (i = 0; i < d.n; i++)
			store_bind_kept(s, k++, d.val[i]);
		rc = sqlite3_step(s);
		code = rc == SQLITE_DONE ? CD_OK :
		    store_db_err(st, err, "saving");
		store_stmt_done(st, s);
	} else
		code = err ? err->code : CD_ERR_DB;
	buf_fini(&sql);
	buf_fini(&q);
	derived_fini(&d);
	if (code == CD_OK) {
		*id = sqlite3_last_insert_rowid(st->db);
		ch = xcalloc(e->nfields, sizeof *ch);
		for (i = 0; i < e->nfields; i++)
			if (values[i] != NULL)
				ch[nch++] = (struct audit_change){
				    e->fields[i].name, NULL, values[i] };
		code = audit(st, "create", e, *id, e->person_scoped ?
		    person_id : (hooks(e)->row_is_person ? *id : 0), flag, ch,
		    nch, err);
		free(ch);
	}
	if (code == CD_OK)
		code = after_save(st, e, *id, 1, err);
	if (code == CD_OK)
		code = store_workflow_after(st, e, *id, NULL, err);
	free_values(values, e->nfields);
	return store_end(st, code, err);
}

/* The SELECT for rows of e, ending in where (which binds what it needs). */
sqlite3_stmt *
store_select_rows(struct store *st, const struct entity_def *e,
    const char *where, struct cd_err *err)
{
	struct buf sql = { 0 };
	sqlite3_stmt *s;
	size_t i;

	buf_addf(&sql, "SELECT id, version, created_at, updated_at, %s",
	    e->person_scoped ? "person_id" : "0");
	for (i = 0; i < e->nfields; i++)
		column(&sql, ", ", e->fields[i].name, "");
	buf_addf(&sql, " FROM %s %s", e->name, where);
	s = store_stmt(st, buf_str(&sql), err);
	buf_fini(&sql);
	return s;
}

/* Fill r from the current row of a store_select_rows() statement. */
void
store_row_from(sqlite3_stmt *s, const struct entity_def *e, struct record *r)
{
	size_t i;

	memset(r, 0, sizeof *r);
	r->def = e;
	r->id = sqlite3_column_int64(s, 0);
	r->version = sqlite3_column_int64(s, 1);
	r->created_at = store_column_dup(s, 2);
	r->updated_at = store_column_dup(s, 3);
	r->person_id = sqlite3_column_int64(s, 4);
	if (hooks(e)->row_is_person)
		r->person_id = r->id;
	r->values = xcalloc(e->nfields, sizeof *r->values);
	for (i = 0; i < e->nfields; i++)
		r->values[i] = store_column_dup(s, 5 + (int)i);
}

/* Read row id of e into r (no access check, no audit). */
static enum cd_status
read_row(struct store *st, const struct entity_def *e, int64_t id,
    struct record *r, struct cd_err *err)
{
	sqlite3_stmt *s = store_select_rows(st, e, "WHERE id = ?", err);
	int rc;

	memset(r, 0, sizeof *r);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		store_row_from(s, e, r);
	store_stmt_done(st, s);
	if (rc == SQLITE_DONE)
		return cd_err_set(err, CD_ERR_NOTFOUND, "no %s #%lld",
		    e->title, (long long)id);
	if (rc != SQLITE_ROW)
		return store_db_err(st, err, "reading");
	return CD_OK;
}

/* Access to one row: role, the person behind it, form codes. */
static enum cd_status
row_access(struct store *st, const struct entity_def *e,
    const struct record *r, int write, int *flag, struct cd_err *err)
{
	enum cd_status code = store_access_entity(st, e, write, err);

	if (code == CD_OK && (e->person_scoped || hooks(e)->row_is_person))
		code = store_access_person(st, r->person_id, write, flag, err);
	if (code == CD_OK)
		code = check_form_code(st, e, r->values, write, err);
	return code;
}

enum cd_status
store_record_access(struct store *st, const char *entity, int64_t id,
    int write, struct record *out, int *flag, struct cd_err *err)
{
	const struct entity_def *e = entity_find(entity);
	enum cd_status code;

	memset(out, 0, sizeof *out);
	if (e == NULL)
		return cd_err_set(err, CD_ERR_INVALID, "no such record type "
		    "\"%s\"", entity);
	code = store_access_entity(st, e, write, err);
	if (code == CD_OK)
		code = read_row(st, e, id, out, err);
	if (code == CD_OK)
		code = row_access(st, e, out, write, flag, err);
	if (code != CD_OK)
		store_record_fini(out);
	return code;
}

enum cd_status
store_record_get(struct store *st, const char *entity, int64_t id,
    struct record *out, struct cd_err *err)
{
	const struct entity_def *e = entity_find(entity);
	enum cd_status code;
	int flag = 0;

	memset(out, 0, sizeof *out);
	if (e == NULL)
		return cd_err_set(err, CD_ERR_INVALID, "no such record type "
		    "\"%s\"", entity);
	code = store_access_entity(st, e, 0, err);
	if (code == CD_OK)
		code = read_row(st, e, id, out, err);
	if (code == CD_OK)
		code = row_access(st, e, out, 0, &flag, err);
	if (code == CD_OK)
		code = audit(st, "view", e, id, out->person_id, flag, NULL, 0,
		    err);
	if (code != CD_OK)
		store_record_fini(out);
	return code;
}

/* Record a conflict on field f. */
static void
add_conflict(struct conflicts *c, const char *field, const char *seen,
    const char *theirs, const char *mine)
{
	struct conflict *x;

	c->c = xreallocarray(c->c, c->n + 1, sizeof *c->c);
	x = &c->c[c->n++];
	x->field = xstrdup(field);
	x->seen = seen ? xstrdup(seen) : NULL;
	x->theirs = theirs ? xstrdup(theirs) : NULL;
	x->mine = mine ? xstrdup(mine) : NULL;
}

enum cd_status
store_record_update(struct store *st, const char *entity, int64_t id,
    const struct field_change *c, size_t n, struct conflicts *conflicts,
    struct cd_err *err)
{
	const struct entity_def *e = entity_find(entity);
	struct record cur;
	struct audit_change *ch = NULL;
	struct derived d;
	struct buf sql = { 0 };
	char **values = NULL, now[DATE_TIME_LEN];
	sqlite3_stmt *s;
	enum cd_status code;
	size_t i, nch = 0;
	int flag = 0, k = 1, rc, write;

	memset(conflicts, 0, sizeof *conflicts);
	if (e == NULL)
		return cd_err_set(err, CD_ERR_INVALID, "no such record type "
		    "\"%s\"", entity);
	/* Governance changes nothing in a case but a record's restriction. */
	write = !(access_restriction_only(st) && only_restriction(e, c, n));
	code = store_access_entity(st, e, write, err);
	if (code != CD_OK)
		return code;
	if (st->depth == 0)
		st->nsteps = 0;		/* a new change: nothing started yet */
	code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	code = read_row(st, e, id, &cur, err);
	if (code == CD_OK)
		code = row_access(st, e, &cur, write, &flag, err);
	if (code != CD_OK) {
		store_rollback(st);
		store_record_fini(&cur);
		return code;
	}
	values = xcalloc(e->nfields, sizeof *values);
	for (i = 0; i < e->nfields; i++)
		values[i] = cur.values[i] ? xstrdup(cur.values[i]) : NULL;
	ch = xcalloc(n + 1, sizeof *ch);
	for (i = 0; i < n && code == CD_OK; i++) {
		const struct field_def *f = entity_field(e, c[i].name);
		char *want = NULL, *seen = NULL;
		size_t fi;

		if (f == NULL) {
			code = cd_err_set(err, CD_ERR_INVALID, "%s has no "
			    "field \"%s\"", e->title, c[i].name);
			break;
		}
		if (f->flags & (FF_STORE_ONLY | FF_LIFECYCLE)) {
			code = cd_err_set(err, CD_ERR_INVALID, "%s: changed "
			    "only through the form's lifecycle", f->label);
			break;
		}
		fi = (size_t)(f - e->fields);
		code = store_value_check(f, c[i].value, &want, err);
		if (code == CD_OK && c[i].seen != NULL && *c[i].seen)
			store_value_check(f, c[i].seen, &seen, NULL);
		if (code != CD_OK)
			break;
		if (!store_text_same(cur.values[fi], seen) &&
		    !store_text_same(cur.values[fi], want))
			add_conflict(conflicts, f->name, seen, cur.values[fi],
			    want);
		if (!store_text_same(cur.values[fi], want)) {
			free(values[fi]);
			values[fi] = want;
			want = NULL;
			ch[nch++] = (struct audit_change){ f->name,
			    cur.values[fi], values[fi] };
		}
		free(want);
		free(seen);
	}
	if (code == CD_OK && hooks(e)->amend != NULL)
		nch += hooks(e)->amend(e, c, n, &cur, values, ch + nch);
	if (code == CD_OK && conflicts->n > 0)
		code = cd_err_set(err, CD_ERR_CONFLICT, "%zu field%s changed by "
		    "someone else since you opened this %s; nothing was saved",
		    conflicts->n, conflicts->n == 1 ? "" : "s", e->title);
	if (code == CD_OK)
		code = check_form_code(st, e, values, 1, err);
	if (code == CD_OK)
		code = check_row(st, e, cur.person_id, values, err);
	if (code == CD_OK && restriction_changed(e, ch, nch)) {
		code = restriction_allowed(st, err);
		flag = 1;	/* for the Caldicott review, whoever did it */
	}
	if (code != CD_OK || nch == 0) {
		if (code != CD_OK)
			store_rollback(st);
		else
			code = store_commit(st, err);
		free(ch);
		free_values(values, e->nfields);
		store_record_fini(&cur);
		return code;
	}
	if (hooks(e)->before_update != NULL)
		code = hooks(e)->before_update(st, &cur, values, err);
	if (code != CD_OK) {
		store_rollback(st);
		free(ch);
		free_values(values, e->nfields);
		store_record_fini(&cur);
		return code;
	}
	derive(e, values, &d);
	date_now(now);
	column(&sql, "UPDATE ", e->name, " SET version = version + 1, "
	    "updated_at = ?");
	for (i = 0; i < e->nfields; i++)
		column(&sql, ", ", e->fields[i].name, " = ?");
	for (i = 0; i < d.n; i++)
		column(&sql, ", ", d.col[i], " = ?");
	buf_addstr(&sql, " WHERE id = ?");
	s = store_stmt(st, buf_str(&sql), err);
	buf_fini(&sql);
	if (s != NULL) {
		store_bind_kept(s, k++, now);
		for (i = 0; i < e->nfields; i++)
			bind_value(s, k++, &e->fields[i], values[i]);
		for (i = 0; i < d.n; i++)
			store_bind_kept(s, k++, d.val[i]);
		sqlite3_bind_int64(s, k, id);
		rc = sqlite3_step(s);
		code = rc == SQLITE_DONE ? CD_OK :
		    store_db_err(st, err, "saving");
		store_stmt_done(st, s);
	} else
		code = err ? err->code : CD_ERR_DB;
	derived_fini(&d);
	if (code == CD_OK)
		code = audit(st, "update", e, id, cur.person_id, flag, ch, nch,
		    err);
	if (code == CD_OK)
		code = after_save(st, e, id, 0, err);
	if (code == CD_OK)
		code = store_workflow_after(st, e, id, &cur, err);
	free(ch);
	free_values(values, e->nfields);
	store_record_fini(&cur);
	return store_end(st, code, err);
}

enum cd_status
store_record_list(struct store *st, const char *entity, int64_t person_id,
    int (*fn)(const struct record *, void *), void *arg, struct cd_err *err)
{
	const struct entity_def *e = entity_find(entity);
	sqlite3_stmt *s;
	enum cd_status code;
	int flag = 0;

	if (e == NULL || !e->person_scoped)
		return cd_err_set(err, CD_ERR_INVALID, "\"%s\" is not a record "
		    "type held per person", entity);
	code = store_access_entity(st, e, 0, err);
	if (code == CD_OK)
		code = store_access_person(st, person_id, 0, &flag, err);
	if (code == CD_OK)
		code = audit(st, "view", e, 0, person_id, flag, NULL, 0, err);
	if (code != CD_OK)
		return code;
	s = store_select_rows(st, e, "WHERE person_id = ? ORDER BY id", err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	sqlite3_bind_int64(s, 1, person_id);
	return store_rows_each(st, s, e, fn, arg, err);
}

enum cd_status
store_rows_each(struct store *st, sqlite3_stmt *s, const struct entity_def *e,
    int (*fn)(const struct record *, void *), void *arg, struct cd_err *err)
{
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct record r;
		int stop;

		store_row_from(s, e, &r);
		if (check_form_code(st, e, r.values, 0, NULL) != CD_OK) {
			store_record_fini(&r);
			continue;	/* forms they may not see */
		}
		stop = fn(&r, arg);
		store_record_fini(&r);
		if (stop)
			break;
	}
	store_stmt_done(st, s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_err(st, err, "reading");
	return CD_OK;
}

const char *
store_record_value(const struct record *r, const char *field)
{
	const struct field_def *f;

	if (r->def == NULL || (f = entity_field(r->def, field)) == NULL)
		return NULL;
	return r->values[f - r->def->fields];
}

void
store_record_fini(struct record *r)
{
	if (r->def != NULL)
		free_values(r->values, r->def->nfields);
	free(r->created_at);
	free(r->updated_at);
	memset(r, 0, sizeof *r);
}

void
store_conflicts_fini(struct conflicts *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->c[i].field);
		free(c->c[i].seen);
		free(c->c[i].theirs);
		free(c->c[i].mine);
	}
	free(c->c);
	memset(c, 0, sizeof *c);
}
