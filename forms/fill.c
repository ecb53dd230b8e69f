#include "config.h"

#include "forms/fill.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/xmem.h"
#include "forms/datein.h"
#include "store/entity.h"
#include "store/form.h"
#include "store/family.h"
#include "store/record.h"
#include "store/store.h"

static enum cd_status write_family(struct fill *f, struct cd_err *err);

static fill_late_fn late_fn;
static void *late_arg;

void
fill_set_lateness(fill_late_fn fn, void *arg)
{
	late_fn = fn;
	late_arg = arg;
}

/* Whether this form's timed work is (or was done) late. */
static int
is_late(const struct fill *f)
{
	const char *from;

	if (late_fn == NULL || f->def->timescale == NULL)
		return 0;
	from = fill_get(f, f->def->timescale_from, 0);
	if (from == NULL)
		return 0;
	return late_fn(f->def->timescale, from, f->def->timescale_done ?
	    fill_get(f, f->def->timescale_done, 0) : NULL, late_arg);
}

/* Rows of a group are numbered from 1 so row 0 means "not in a group". */
#define FIRST_ROW 1

/* The map entity field type used to check a form field's value. */
static enum field_type
entity_type(enum formfield_type t)
{
	switch (t) {
	case FF_TYPE_TEXT:
		return FT_TEXT;
	case FF_TYPE_MULTILINE:
		return FT_NOTE;
	case FF_TYPE_NUMBER:
	case FF_TYPE_PERSON:
		return FT_INT;
	case FF_TYPE_YESNO:
		return FT_BOOL;
	case FF_TYPE_NHS:
		return FT_NHS;
	case FF_TYPE_UPN:
		return FT_UPN;
	case FF_TYPE_POSTCODE:
		return FT_POSTCODE;
	default:
		return FT_TEXT;
	}
}

enum cd_status
fill_check(const struct fill *f, const struct formfield *ff, const char *in,
    char **out, struct cd_err *err)
{
	char now[DATE_TIME_LEN], today[11], buf[17];
	struct cd_err inner;
	const struct codelist *l;
	struct field_def fd;

	*out = NULL;
	while (in != NULL && *in == ' ')
		in++;
	if (in == NULL || *in == '\0')
		return CD_OK;
	date_now(now);
	memcpy(today, now, 10);
	today[10] = '\0';
	switch (ff->type) {
	case FF_TYPE_DATE:
		if (datein_date(in, today, buf, &inner) != CD_OK)
			return cd_err_set(err, CD_ERR_INVALID, "%s: %s",
			    ff->label, inner.msg);
		*out = xstrdup(buf);
		return CD_OK;
	case FF_TYPE_DATETIME:
		now[16] = '\0';
		if (datein_datetime(in, now, buf, &inner) != CD_OK)
			return cd_err_set(err, CD_ERR_INVALID, "%s: %s",
			    ff->label, inner.msg);
		*out = xstrdup(buf);
		return CD_OK;
	case FF_TYPE_CODE:
	case FF_TYPE_CODES: {
		char *copy = xstrdup(in), *tok, *save = NULL;
		struct buf b = { 0 };

		l = formdef_list(f->set, ff->codes);
		for (tok = strtok_r(copy, ", ", &save); tok;
		    tok = strtok_r(NULL, ", ", &save)) {
			if (formdef_code(l, tok) == NULL) {
				cd_err_set(err, CD_ERR_INVALID, "%s: \"%s\" is not "
				    "one of its codes", ff->label, tok);
				free(copy);
				buf_fini(&b);
				return CD_ERR_INVALID;
			}
			buf_addf(&b, "%s%s", b.len ? "," : "", tok);
			if (ff->type == FF_TYPE_CODE)
				break;
		}
		free(copy);
		if (ff->type == FF_TYPE_CODE && strchr(in, ',') != NULL) {
			buf_fini(&b);
			return cd_err_set(err, CD_ERR_INVALID, "%s: one code "
			    "only", ff->label);
		}
		*out = b.len ? xstrdup(buf_str(&b)) : NULL;
		buf_fini(&b);
		return CD_OK;
	}
	case FF_TYPE_GROUP:
		return cd_err_set(err, CD_ERR_INVALID, "%s is a group of rows, "
		    "not a value", ff->label);
	default:
		memset(&fd, 0, sizeof fd);
		fd.name = ff->name;
		fd.type = entity_type(ff->type);
		fd.label = ff->label;
		return store_value_check(&fd, in, out, err);
	}
}

static struct fill_answer *
find(const struct fill *f, const char *field, int row)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (f->a[i].row == row && strcmp(f->a[i].field, field) == 0)
			return &f->a[i];
	return NULL;
}

const char *
fill_get(const struct fill *f, const char *field, int row)
{
	const struct fill_answer *a = find(f, field, row);

	return a ? a->value : NULL;
}

/* Keep an answer in memory (value copied; NULL clears). */
static void
remember(struct fill *f, const char *field, int row, const char *value)
{
	struct fill_answer *a = find(f, field, row);

	if (a == NULL) {
		f->a = xreallocarray(f->a, f->n + 1, sizeof *f->a);
		a = &f->a[f->n++];
		a->field = xstrdup(field);
		a->row = row;
		a->value = NULL;
	}
	free(a->value);
	a->value = value ? xstrdup(value) : NULL;
}

enum cd_status
fill_set(struct fill *f, const char *field, int row, const char *value,
    struct cd_err *err)
{
	const struct formfield *ff = formdef_field(f->def, field);
	char *norm = NULL;
	enum cd_status code;

	if (ff == NULL)
		return cd_err_set(err, CD_ERR_INVALID, "this form has no field "
		    "\"%s\"", field);
	if ((ff->group != NULL) != (row >= FIRST_ROW))
		return cd_err_set(err, CD_ERR_INVALID, "%s: %s", ff->label,
		    ff->group ? "which row?" : "not in a group");
	code = fill_check(f, ff, value, &norm, err);
	if (code != CD_OK)
		return code;
	code = store_form_answer_set(f->st, f->instance, field, row,
	    fill_get(f, field, row), norm, err);
	if (code == CD_OK)
		remember(f, field, row, norm);
	free(norm);
	return code;
}

int
fill_visible(const struct fill *f, const struct formfield *ff, int row)
{
	char name[128], want[256];
	const char *have, *p;
	int neg = 0;

	if (ff->show_if == NULL)
		return 1;
	if (strcmp(ff->show_if, "late") == 0)
		return is_late(f);
	if (sscanf(ff->show_if, "%127[a-z0-9_]", name) != 1)
		return 1;
	p = ff->show_if + strlen(name);
	while (*p == ' ')
		p++;
	{
		const struct formfield *dep = formdef_field(f->def, name);

		have = fill_get(f, name, dep && dep->group ? row : 0);
	}
	if (strncmp(p, "in ", 3) == 0) {
		char *copy = xstrdup(p + 3), *tok, *save = NULL;
		int hit = 0;

		for (tok = strtok_r(copy, ", ", &save); tok;
		    tok = strtok_r(NULL, ", ", &save))
			if (have && strcmp(have, tok) == 0)
				hit = 1;
		free(copy);
		return hit;
	}
	if (strncmp(p, "!=", 2) == 0) {
		neg = 1;
		p += 2;
	} else if (*p == '=')
		p++;
	while (*p == ' ')
		p++;
	snprintf(want, sizeof want, "%s", p);
	/* yes/no answers are stored as 1/0 */
	if (!strcmp(want, "yes"))
		snprintf(want, sizeof want, "1");
	else if (!strcmp(want, "no"))
		snprintf(want, sizeof want, "0");
	if (neg)	/* "FIELD !=" with nothing after means "is filled in" */
		return have == NULL ? want[0] != '\0' : strcmp(have, want) != 0;
	return have != NULL && strcmp(have, want) == 0;
}

int
fill_rows(const struct fill *f, const char *group)
{
	const struct formdef *d = f->def;
	int rows = 1;
	size_t i;

	for (i = 0; i < f->n; i++) {
		const struct formfield *ff = formdef_field(d, f->a[i].field);

		if (ff && ff->group && strcmp(ff->group, group) == 0 &&
		    f->a[i].value != NULL && f->a[i].row > rows)
			rows = f->a[i].row;
	}
	return rows;
}

int
fill_add_row(struct fill *f, const char *group)
{
	int row = fill_rows(f, group) + 1;
	size_t i;

	/* A placeholder keeps the new row counted until something is typed. */
	for (i = 0; i < f->def->nfields; i++)
		if (f->def->fields[i].group &&
		    strcmp(f->def->fields[i].group, group) == 0) {
			remember(f, f->def->fields[i].name, row, "");
			break;
		}
	return row;
}

enum cd_status
fill_remove_row(struct fill *f, const char *group, int row,
    struct cd_err *err)
{
	int last = fill_rows(f, group), r;
	size_t i;
	enum cd_status code = CD_OK;

	/* Shift later rows up, then clear the last one. */
	for (r = row; r <= last && code == CD_OK; r++) {
		for (i = 0; i < f->def->nfields && code == CD_OK; i++) {
			const struct formfield *ff = &f->def->fields[i];
			const char *next;
			char *copy;

			if (ff->group == NULL || strcmp(ff->group, group) != 0)
				continue;
			next = r < last ? fill_get(f, ff->name, r + 1) : NULL;
			copy = next ? xstrdup(next) : NULL;
			if (!((copy == NULL && fill_get(f, ff->name, r) ==
			    NULL)))
				code = fill_set(f, ff->name, r, copy, err);
			free(copy);
		}
	}
	return code;
}

char *
fill_missing(const struct fill *f)
{
	struct buf b = { 0 };
	size_t i;
	char *out;

	for (i = 0; i < f->def->nfields; i++) {
		const struct formfield *ff = &f->def->fields[i];
		int rows = ff->group ? fill_rows(f, ff->group) : 0, r;

		if (!ff->required || ff->type == FF_TYPE_GROUP)
			continue;
		for (r = ff->group ? FIRST_ROW : 0; r <= rows; r++) {
			const char *v;
			const struct formfield *g = ff->group ?
			    formdef_field(f->def, ff->group) : NULL;

			if (g && !fill_visible(f, g, 0))
				continue;
			if (!fill_visible(f, ff, r))
				continue;
			v = fill_get(f, ff->name, r);
			if (v != NULL && *v != '\0')
				continue;
			if (ff->group)
				buf_addf(&b, "%s%s (row %d)", b.len ? "; " : "",
				    ff->label, r);
			else
				buf_addf(&b, "%s%s", b.len ? "; " : "",
				    ff->label);
		}
	}
	out = b.len ? xstrdup(buf_str(&b)) : NULL;
	buf_fini(&b);
	return out;
}

int
fill_editable(const struct fill *f)
{
	return f->status != NULL && (strcmp(f->status, "draft") == 0 ||
	    strcmp(f->status, "returned") == 0);
}

/* Reload status and comments after a lifecycle step. */
static enum cd_status
reload_status(struct fill *f, struct cd_err *err)
{
	struct record r;
	enum cd_status code;

	code = store_record_get(f->st, "form_instance", f->instance, &r, err);
	if (code != CD_OK)
		return code;
	free(f->status);
	free(f->comments);
	f->status = xstrdup(store_record_value(&r, "status"));
	f->comments = store_record_value(&r, "comments") ?
	    xstrdup(store_record_value(&r, "comments")) : NULL;
	f->person = r.person_id;
	f->version = atoi(store_record_value(&r, "form_version"));
	store_record_fini(&r);
	return CD_OK;
}

enum cd_status
fill_submit(struct fill *f, struct cd_err *err)
{
	struct field_value *typed;
	char *missing = fill_missing(f);
	enum cd_status code;
	size_t i, n = 0;

	if (missing != NULL) {
		code = cd_err_set(err, CD_ERR_INVALID, "still to fill in: %s",
		    missing);
		free(missing);
		return code;
	}
	typed = xcalloc(f->def->nfields ? f->def->nfields : 1, sizeof *typed);
	for (i = 0; i < f->def->nfields; i++) {
		const struct formfield *ff = &f->def->fields[i];
		const char *v;

		if (ff->maps_to == NULL || ff->group != NULL ||
		    !fill_visible(f, ff, 0))
			continue;
		v = fill_get(f, ff->name, 0);
		if (v == NULL || *v == '\0')
			continue;
		typed[n].name = ff->maps_to;
		typed[n++].value = v;
	}
	code = f->def->relationships ? write_family(f, err) : CD_OK;
	if (code == CD_OK)
		code = store_form_submit(f->st, f->instance, n ?
		    f->def->record : NULL, f->def->update_current, typed, n,
		    err);
	free(typed);
	if (code == CD_OK)
		code = reload_status(f, err);
	return code;
}

/* The field of the family group that maps to what (relative, kind...). */
static const struct formfield *
family_field(const struct fill *f, const char *what)
{
	size_t i;

	for (i = 0; i < f->def->nfields; i++) {
		const struct formfield *ff = &f->def->fields[i];

		if (ff->group && ff->maps_to && strcmp(ff->group,
		    f->def->relationships) == 0 && strcmp(ff->maps_to, what) == 0)
			return ff;
	}
	return NULL;
}

/* Fill the family group from the relationships already recorded. */
static enum cd_status
prefill_family(struct fill *f, struct cd_err *err)
{
	const struct formfield *rel = family_field(f, "relative");
	const struct formfield *kind = family_field(f, "kind");
	const struct formfield *pr = family_field(f, "pr");
	const struct formfield *name = family_field(f, "name");
	struct relation *r;
	enum cd_status code;
	size_t n, i;
	char id[24];

	if (rel == NULL)
		return CD_OK;
	code = store_person_relations(f->st, f->person, &r, &n, err);
	if (code != CD_OK)
		return code;
	for (i = 0; i < n && code == CD_OK; i++) {
		int row = (int)i + 1;

		snprintf(id, sizeof id, "%lld", (long long)r[i].related_id);
		code = fill_set(f, rel->name, row, id, err);
		if (code == CD_OK && kind)
			code = fill_set(f, kind->name, row, r[i].kind, err);
		if (code == CD_OK && pr)
			code = fill_set(f, pr->name, row, r[i].pr ? "1" : "0",
			    err);
		if (code == CD_OK && name)
			code = fill_set(f, name->name, row, r[i].name, err);
	}
	store_person_relations_free(&r, n);
	return code;
}

/*
 * Write the family group's rows to the relationship records: each row
 * naming a relative and how they are related that is not yet recorded.
 */
static enum cd_status
write_family(struct fill *f, struct cd_err *err)
{
	const struct formfield *rel = family_field(f, "relative");
	const struct formfield *kind = family_field(f, "kind");
	const struct formfield *pr = family_field(f, "pr");
	enum cd_status code = CD_OK;
	int rows, r;

	if (rel == NULL || kind == NULL)
		return CD_OK;
	rows = fill_rows(f, f->def->relationships);
	for (r = 1; r <= rows && code == CD_OK; r++) {
		const char *who = fill_get(f, rel->name, r);
		const char *k = fill_get(f, kind->name, r);
		const char *p = pr ? fill_get(f, pr->name, r) : NULL;

		if (who == NULL || *who == '\0' || k == NULL || *k == '\0')
			continue;
		/* The row says the relative is k of the child. */
		code = store_person_relate(f->st, atoll(who), k, f->person,
		    p != NULL && *p == '1', err);
		if (code == CD_ERR_EXISTS)
			code = CD_OK;	/* already on the record */
	}
	return code;
}

/* Load the answers of an instance into f. */
static enum cd_status
load_answers(struct fill *f, struct cd_err *err)
{
	struct form_answer *a;
	enum cd_status code;
	size_t n, i;

	code = store_form_answers(f->st, f->instance, &a, &n, err);
	if (code != CD_OK)
		return code;
	for (i = 0; i < n; i++)
		remember(f, a[i].field, a[i].row, a[i].value);
	store_form_answers_free(&a, n);
	return CD_OK;
}

enum cd_status
fill_open(struct fill *f, struct store *st, const struct formset *set,
    int64_t instance, struct cd_err *err)
{
	struct record r;
	enum cd_status code;

	memset(f, 0, sizeof *f);
	f->st = st;
	f->set = set;
	f->instance = instance;
	code = store_record_get(st, "form_instance", instance, &r, err);
	if (code != CD_OK)
		return code;
	f->def = formdef_find(set, store_record_value(&r, "form_code"));
	if (f->def == NULL) {
		code = cd_err_set(err, CD_ERR_NOTFOUND, "form #%lld is a \"%s\" "
		    "form, which is not among the loaded definitions",
		    (long long)instance, store_record_value(&r, "form_code"));
		store_record_fini(&r);
		return code;
	}
	store_record_fini(&r);
	code = reload_status(f, err);
	if (code == CD_OK)
		code = load_answers(f, err);
	if (code != CD_OK)
		fill_close(f);
	return code;
}

/* Pre-fill answers that have a prefill rule and no value yet. */
static enum cd_status
prefill(struct fill *f, struct cd_err *err)
{
	struct record person;
	enum cd_status code;
	char now[DATE_TIME_LEN];
	size_t i;
	int have_person;

	have_person = store_record_get(f->st, "person", f->person, &person,
	    NULL) == CD_OK;
	date_now(now);
	code = CD_OK;
	for (i = 0; i < f->def->nfields && code == CD_OK; i++) {
		const struct formfield *ff = &f->def->fields[i];
		const char *v = NULL;
		char buf[32];

		if (ff->prefill == NULL || ff->group != NULL)
			continue;
		if (strcmp(ff->prefill, "today") == 0) {
			snprintf(buf, sizeof buf, "%.10s", now);
			v = buf;
		} else if (strcmp(ff->prefill, "now") == 0) {
			snprintf(buf, sizeof buf, "%.16s", now);
			v = buf;
		} else if (ff->prefill[0] == '=')
			v = ff->prefill + 1;	/* a fixed value */
		else if (have_person)
			v = store_record_value(&person, ff->prefill + 7);
		if (v != NULL)
			code = fill_set(f, ff->name, 0, v, err);
	}
	if (have_person)
		store_record_fini(&person);
	return code;
}

enum cd_status
fill_new(struct fill *f, struct store *st, const struct formset *set,
    const char *code_name, int64_t person, struct cd_err *err)
{
	const struct formdef *d = formdef_find(set, code_name);
	enum cd_status code;
	int64_t id;

	memset(f, 0, sizeof *f);
	if (d == NULL)
		return cd_err_set(err, CD_ERR_NOTFOUND, "no form \"%s\" (casedesk "
		    "forms list shows them)", code_name);
	code = store_form_new(st, person, d->code, d->version, &id, err);
	if (code != CD_OK)
		return code;
	code = fill_open(f, st, set, id, err);
	if (code == CD_OK)
		code = prefill(f, err);
	if (code == CD_OK && d->relationships)
		code = prefill_family(f, err);
	return code;
}

void
fill_close(struct fill *f)
{
	size_t i;

	/* The drafts saved field by field did not wait for the disk. */
	if (f->st != NULL)
		store_sync(f->st, NULL);
	for (i = 0; i < f->n; i++) {
		free(f->a[i].field);
		free(f->a[i].value);
	}
	free(f->a);
	free(f->status);
	free(f->comments);
	memset(f, 0, sizeof *f);
}
