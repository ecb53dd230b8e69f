#include "config.h"

#include "forms/formdef.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


#include "common/buf.h"
#include "common/file.h"
#include "common/ini.h"
#include "common/xmem.h"
#include "store/access.h"
#include "store/codes.h"
#include "store/entity.h"

static const char *const type_names[] = {
	[FF_TYPE_TEXT] = "text", [FF_TYPE_MULTILINE] = "multiline",
	[FF_TYPE_DATE] = "date", [FF_TYPE_DATETIME] = "datetime",
	[FF_TYPE_NUMBER] = "number", [FF_TYPE_YESNO] = "yesno",
	[FF_TYPE_CODE] = "code", [FF_TYPE_CODES] = "codes",
	[FF_TYPE_PERSON] = "person", [FF_TYPE_NHS] = "nhs",
	[FF_TYPE_UPN] = "upn", [FF_TYPE_POSTCODE] = "postcode",
	[FF_TYPE_GROUP] = "group",
};
#define NTYPES (sizeof type_names / sizeof type_names[0])

/* The keys each kind of section may hold. */
static const char *const form_keys[] = { "code", "title", "version",
    "subject", "read", "write", "authorise", "needs_authorisation", "record",
    "record_mode", "relationships", "retention", "timescale",
    "timescale_from", "timescale_done", "start", "fits", NULL };
static const char *const field_keys[] = { "type", "label", "help",
    "required", "codes", "maps_to", "prefill", "show_if", "group", NULL };

int
formdef_type_parse(const char *word)
{
	size_t i;

	for (i = 0; i < NTYPES; i++)
		if (strcmp(word, type_names[i]) == 0)
			return (int)i;
	return -1;
}

const char *
formdef_type_name(enum formfield_type t)
{
	return (unsigned)t < NTYPES ? type_names[t] : "?";
}

static void __attribute__((format(printf, 2, 3)))
problem(struct formset *set, const char *fmt, ...)
{
	va_list ap;
	char buf[1024];

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	set->problems = xreallocarray(set->problems, set->nproblems + 1,
	    sizeof *set->problems);
	set->problems[set->nproblems++] = xstrdup(buf);
}

/* A syntax error from iniparser: a problem against the file being read. */
static void
syntax_problem(const char *path, const char *msg, void *set)
{
	problem(set, "%s: %s", path, msg);
}

static dictionary *
load_ini(struct formset *set, const char *path)
{
	dictionary *d = ini_load(path, syntax_problem, set);

	if (d == NULL)
		problem(set, "%s: cannot be read", path);
	return d;
}

/* Report keys of sec that are not in allowed. */
static void
check_keys(struct formset *set, dictionary *d, const char *sec,
    const char *const *allowed, const char *path)
{
	int n, i;
	const char **keys = ini_keys(d, sec, &n);
	size_t k;

	for (i = 0; i < n; i++) {
		const char *key = keys[i] + strlen(sec) + 1;

		for (k = 0; allowed[k]; k++)
			if (strcmp(allowed[k], key) == 0)
				break;
		if (allowed[k] == NULL)
			problem(set, "%s: [%s] %s: unknown key", path, sec, key);
	}
	free(keys);
}

/* Parse "duty social ..." into role bits. */
/* "child adult adopter looked-after care-leaver" to FITS_* bits. */
static unsigned
fits(struct formset *set, const char *spec, const char *path)
{
	static const struct {
		const char *word;
		unsigned bit;
	} kinds[] = { { "child", FITS_CHILD }, { "adult", FITS_ADULT },
	    { "adopter", FITS_ADOPTER }, { "looked-after", FITS_LOOKED_AFTER },
	    { "care-leaver", FITS_CARE_LEAVER } };
	char *copy = xstrdup(spec), *w, *save = NULL;
	unsigned bits = 0;
	size_t i;

	for (w = strtok_r(copy, " ,", &save); w; w = strtok_r(NULL, " ,",
	    &save)) {
		for (i = 0; i < sizeof kinds / sizeof kinds[0] &&
		    strcmp(w, kinds[i].word) != 0; i++)
			;
		if (i < sizeof kinds / sizeof kinds[0])
			bits |= kinds[i].bit;
		else
			problem(set, "%s: [form] fits: \"%s\" is not child, "
			    "adult, adopter, looked-after or care-leaver", path,
			    w);
	}
	free(copy);
	return bits ? bits : FITS_CHILD;
}

static unsigned
roles(struct formset *set, const char *spec, const char *path,
    const char *key)
{
	char *copy, *tok, *save = NULL;
	unsigned mask = 0;
	enum role r;

	if (spec == NULL)
		return 0;
	copy = xstrdup(spec);
	for (tok = strtok_r(copy, " ,", &save); tok;
	    tok = strtok_r(NULL, " ,", &save)) {
		struct cd_err err;

		if (role_parse(tok, &r, &err) == CD_OK)
			mask |= 1u << r;
		else
			problem(set, "%s: [form] %s: %s", path, key, err.msg);
	}
	free(copy);
	return mask;
}

/* Whether a word is yes or no; -1 otherwise. */
static int
yesno(const char *v)
{
	if (v == NULL)
		return 0;
	if (!strcasecmp(v, "yes") || !strcasecmp(v, "true") || !strcmp(v, "1"))
		return 1;
	if (!strcasecmp(v, "no") || !strcasecmp(v, "false") || !strcmp(v, "0"))
		return 0;
	return -1;
}

/* The entity field type a form field type may map to. */
static int
maps_ok(enum formfield_type t, enum field_type ft)
{
	switch (t) {
	case FF_TYPE_TEXT:
		return ft == FT_TEXT || ft == FT_NOTE;
	case FF_TYPE_MULTILINE:
		return ft == FT_NOTE;
	case FF_TYPE_DATE:
		return ft == FT_DATE;
	case FF_TYPE_DATETIME:
		return ft == FT_DATETIME;
	case FF_TYPE_NUMBER:
		return ft == FT_INT || ft == FT_REF;
	case FF_TYPE_YESNO:
		return ft == FT_BOOL;
	case FF_TYPE_CODE:
		return ft == FT_CODE;
	case FF_TYPE_CODES:
		return ft == FT_CODES;
	case FF_TYPE_PERSON:
		return ft == FT_REF || ft == FT_INT;
	case FF_TYPE_NHS:
		return ft == FT_NHS;
	case FF_TYPE_UPN:
		return ft == FT_UPN;
	case FF_TYPE_POSTCODE:
		return ft == FT_POSTCODE;
	case FF_TYPE_GROUP:
		return 0;
	}
	return 0;
}

/* Load one definition file. */
static void
load_def(struct formset *set, const char *path)
{
	dictionary *d = load_ini(set, path);
	struct formdef def;
	char *v;
	int nsec, i;

	if (d == NULL)
		return;
	memset(&def, 0, sizeof def);
	def.source = xstrdup(path);
	if (iniparser_find_entry(d, "form") == 0)
		problem(set, "%s: no [form] section", path);
	check_keys(set, d, "form", form_keys, path);
	def.code = ini_dup(d, "form", "code");
	def.title = ini_dup(d, "form", "title");
	def.subject = ini_dup(d, "form", "subject");
	def.record = ini_dup(d, "form", "record");
	def.retention = ini_dup(d, "form", "retention");
	def.version = ini_int(d, "form", "version", 0);
	if (def.code == NULL)
		problem(set, "%s: [form] code: missing", path);
	if (def.title == NULL)
		problem(set, "%s: [form] title: missing", path);
	if (def.version < 1)
		problem(set, "%s: [form] version: must be a whole number from "
		    "1", path);
	if (def.subject == NULL || strcmp(def.subject, "person") != 0)
		problem(set, "%s: [form] subject: must be person", path);
	if (def.retention == NULL)
		problem(set, "%s: [form] retention: missing (the class that "
		    "sets how long it is kept)", path);
	if (def.record != NULL && entity_find(def.record) == NULL)
		problem(set, "%s: [form] record: no record type \"%s\"", path,
		    def.record);
	def.relationships = ini_dup(d, "form", "relationships");
	def.timescale = ini_dup(d, "form", "timescale");
	def.timescale_from = ini_dup(d, "form", "timescale_from");
	def.timescale_done = ini_dup(d, "form", "timescale_done");
	if (def.timescale != NULL && def.timescale_from == NULL)
		problem(set, "%s: [form] timescale_from: needed with timescale",
		    path);
	v = ini_dup(d, "form", "record_mode");
	if (v != NULL && strcmp(v, "update-current") == 0)
		def.update_current = 1;
	else if (v != NULL && strcmp(v, "create") != 0)
		problem(set, "%s: [form] record_mode: \"%s\" is not create or "
		    "update-current", path, v);
	free(v);
	v = ini_dup(d, "form", "read");
	def.read_roles = roles(set, v, path, "read");
	free(v);
	v = ini_dup(d, "form", "write");
	def.write_roles = roles(set, v, path, "write");
	free(v);
	v = ini_dup(d, "form", "authorise");
	def.authorise_roles = roles(set, v, path, "authorise");
	free(v);
	v = ini_dup(d, "form", "start");
	def.start_roles = v ? roles(set, v, path, "start") & def.write_roles :
	    def.write_roles;
	free(v);
	v = ini_dup(d, "form", "fits");
	def.fits = v ? fits(set, v, path) : FITS_CHILD;
	free(v);
	v = ini_dup(d, "form", "needs_authorisation");
	def.needs_authorisation = yesno(v);
	if (def.needs_authorisation < 0)
		problem(set, "%s: [form] needs_authorisation: \"%s\" is not yes "
		    "or no", path, v);
	free(v);
	if (def.read_roles == 0)
		problem(set, "%s: [form] read: no roles may read this form",
		    path);
	if (def.write_roles == 0)
		problem(set, "%s: [form] write: no roles may write this form",
		    path);
	if (def.needs_authorisation > 0 && def.authorise_roles == 0)
		problem(set, "%s: [form] authorise: needed when "
		    "needs_authorisation = yes", path);
	nsec = iniparser_getnsec(d);
	for (i = 0; i < nsec; i++) {
		const char *sec = iniparser_getsecname(d, i);
		struct formfield f;
		int t;

		if (strcmp(sec, "form") == 0)
			continue;
		if (strncmp(sec, "field.", 6) != 0 || sec[6] == '\0') {
			problem(set, "%s: [%s]: unknown section (use [form] and "
			    "[field.NAME])", path, sec);
			continue;
		}
		check_keys(set, d, sec, field_keys, path);
		memset(&f, 0, sizeof f);
		f.name = xstrdup(sec + 6);
		v = ini_dup(d, sec, "type");
		t = v ? formdef_type_parse(v) : -1;
		if (t < 0)
			problem(set, "%s: [%s] type: %s%s%s", path, sec,
			    v ? "unknown type \"" : "missing", v ? v : "",
			    v ? "\"" : "");
		f.type = t < 0 ? FF_TYPE_TEXT : (enum formfield_type)t;
		free(v);
		f.label = ini_dup(d, sec, "label");
		if (f.label == NULL)
			problem(set, "%s: [%s] label: missing", path, sec);
		f.help = ini_dup(d, sec, "help");
		v = ini_dup(d, sec, "required");
		f.required = yesno(v);
		if (f.required < 0) {
			problem(set, "%s: [%s] required: \"%s\" is not yes or "
			    "no", path, sec, v);
			f.required = 0;
		}
		free(v);
		f.codes = ini_dup(d, sec, "codes");
		f.maps_to = ini_dup(d, sec, "maps_to");
		f.prefill = ini_dup(d, sec, "prefill");
		f.show_if = ini_dup(d, sec, "show_if");
		f.group = ini_dup(d, sec, "group");
		if ((f.type == FF_TYPE_CODE || f.type == FF_TYPE_CODES) &&
		    f.codes == NULL)
			problem(set, "%s: [%s] codes: a code field needs its "
			    "list", path, sec);
		if (f.maps_to != NULL && f.group != NULL && def.relationships &&
		    strcmp(f.group, def.relationships) == 0) {
			/* Rows of the family group map to relationships. */
			if (strcmp(f.maps_to, "relative") && strcmp(f.maps_to,
			    "kind") && strcmp(f.maps_to, "pr") && strcmp(f.maps_to,
			    "name"))
				problem(set, "%s: [%s] maps_to: in the family "
				    "group, use relative, kind, pr or name", path,
				    sec);
		} else if (f.maps_to != NULL) {
			const struct entity_def *e = def.record ?
			    entity_find(def.record) : NULL;
			const struct field_def *ef = e ? entity_field(e,
			    f.maps_to) : NULL;

			if (e == NULL)
				problem(set, "%s: [%s] maps_to: the form has no "
				    "[form] record to map to", path, sec);
			else if (ef == NULL)
				problem(set, "%s: [%s] maps_to: %s has no field "
				    "\"%s\"", path, sec, def.record, f.maps_to);
			else if (!maps_ok(f.type, ef->type))
				problem(set, "%s: [%s] maps_to: a %s field "
				    "cannot hold %s.%s", path, sec,
				    formdef_type_name(f.type), def.record,
				    f.maps_to);
			else if (ef->type == FT_CODE && f.codes != NULL &&
			    strcmp(f.codes, ef->list) != 0)
				problem(set, "%s: [%s] codes: %s.%s uses the "
				    "%s list, not %s", path, sec, def.record,
				    f.maps_to, ef->list, f.codes);
		}
		def.fields = xreallocarray(def.fields, def.nfields + 1,
		    sizeof *def.fields);
		def.fields[def.nfields++] = f;
	}
	if (def.nfields == 0)
		problem(set, "%s: no [field.NAME] sections", path);
	iniparser_freedict(d);
	set->forms = xreallocarray(set->forms, set->nforms + 1,
	    sizeof *set->forms);
	set->forms[set->nforms++] = def;
}

/* Check what can only be checked once everything is loaded. */
static void
cross_check(struct formset *set)
{
	size_t i, j, k;

	for (i = 0; i < set->nforms; i++) {
		const struct formdef *d = &set->forms[i];

		for (k = 0; k < i; k++)
			if (d->code && set->forms[k].code &&
			    strcmp(d->code, set->forms[k].code) == 0)
				problem(set, "%s: [form] code: \"%s\" is also "
				    "used by %s", d->source, d->code,
				    set->forms[k].source);
		for (j = 0; j < d->nfields; j++) {
			const struct formfield *f = &d->fields[j];
			const struct formfield *g;

			if (f->codes && formdef_list(set, f->codes) == NULL)
				problem(set, "%s: [field.%s] codes: no code "
				    "list \"%s\"", d->source, f->name,
				    f->codes);
			if (d->relationships && j == 0 && ((g = formdef_field(d,
			    d->relationships)) == NULL || g->type != FF_TYPE_GROUP))
				problem(set, "%s: [form] relationships: no group "
				    "field \"%s\"", d->source, d->relationships);
			if (f->group && ((g = formdef_field(d, f->group)) ==
			    NULL || g->type != FF_TYPE_GROUP))
				problem(set, "%s: [field.%s] group: no group "
				    "field \"%s\"", d->source, f->name,
				    f->group);
			if (f->show_if && strcmp(f->show_if, "late") == 0) {
				if (d->timescale == NULL)
					problem(set, "%s: [field.%s] show_if: "
					    "\"late\" needs a [form] timescale",
					    d->source, f->name);
			} else if (f->show_if) {
				char name[128];

				if (sscanf(f->show_if, "%127[a-z0-9_]", name) !=
				    1 || formdef_field(d, name) == NULL ||
				    (strstr(f->show_if, "!=") == NULL &&
				    strchr(f->show_if, '=') == NULL &&
				    strstr(f->show_if, " in ") == NULL))
					problem(set, "%s: [field.%s] show_if: "
					    "\"%s\" must be FIELD = VALUE, FIELD "
					    "!= VALUE or FIELD in A,B with a "
					    "field of this form", d->source,
					    f->name, f->show_if);
			}
			if (f->prefill && strcmp(f->prefill, "today") &&
			    strcmp(f->prefill, "now") && f->prefill[0] != '=' &&
			    (strncmp(f->prefill, "person.", 7) ||
			    entity_field(entity_find("person"), f->prefill + 7)
			    == NULL))
				problem(set, "%s: [field.%s] prefill: \"%s\" must "
				    "be today, now, person.FIELD or =VALUE", d->source,
				    f->name, f->prefill);
			for (k = 0; k < j; k++)
				if (strcmp(d->fields[k].name, f->name) == 0)
					problem(set, "%s: [field.%s]: defined "
					    "twice", d->source, f->name);
		}
	}
}

/* Load one local code list file. */
static void
load_codes(struct formset *set, const char *path)
{
	dictionary *d = load_ini(set, path);
	struct codelist l;
	int n, i;
	const char **keys;

	if (d == NULL)
		return;
	memset(&l, 0, sizeof l);
	l.name = ini_dup(d, "list", "name");
	l.title = ini_dup(d, "list", "title");
	if (l.name == NULL)
		problem(set, "%s: [list] name: missing", path);
	else if (codes_list_exists(l.name))
		problem(set, "%s: [list] name: \"%s\" is a DfE list and cannot "
		    "be changed locally", path, l.name);
	keys = ini_keys(d, "codes", &n);
	if (n <= 0)
		problem(set, "%s: [codes]: no codes", path);
	for (i = 0; i < n; i++) {
		const char *v = ini_value(d, keys[i]);
		const char *bar = strchr(v, '|');
		struct code_item it;
		size_t k;

		if (bar == NULL || bar == v) {
			problem(set, "%s: [codes] %s: \"%s\" must be CODE | "
			    "label", path, keys[i] + 6, v);
			continue;
		}
		it.code = xstrndup(v, (size_t)(bar - v));
		while (*it.code && it.code[strlen(it.code) - 1] == ' ')
			it.code[strlen(it.code) - 1] = '\0';
		it.label = xstrdup(bar + 1 + strspn(bar + 1, " "));
		for (k = 0; k < l.n; k++)
			if (strcmp(l.items[k].code, it.code) == 0)
				problem(set, "%s: [codes] %s: code \"%s\" twice",
				    path, keys[i] + 6, it.code);
		l.items = xreallocarray(l.items, l.n + 1, sizeof *l.items);
		l.items[l.n++] = it;
	}
	free(keys);
	iniparser_freedict(d);
	l.source = xstrdup(path);
	set->lists = xreallocarray(set->lists, set->nlists + 1,
	    sizeof *set->lists);
	set->lists[set->nlists++] = l;
}

/* Files in dir ending in .ini, sorted; the caller frees. */
static char **
ini_files(const char *dir, size_t *n)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char **out = NULL;
	size_t i, j;

	*n = 0;
	if (dp == NULL)
		return NULL;
	while ((de = readdir(dp)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len > 4 && strcmp(de->d_name + len - 4, ".ini") == 0) {
			out = xreallocarray(out, *n + 1, sizeof *out);
			out[(*n)++] = xasprintf("%s/%s", dir, de->d_name);
		}
	}
	closedir(dp);
	for (i = 1; i < *n; i++)	/* few files: insertion sort */
		for (j = i; j > 0 && strcmp(out[j - 1], out[j]) > 0; j--) {
			char *t = out[j];

			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return out;
}

/* Add one DfE list (callback for codes_each). */
static void
add_dfe(const struct code_entry *e, void *arg)
{
	struct codelist *l = arg;

	l->items = xreallocarray(l->items, l->n + 1, sizeof *l->items);
	l->items[l->n].code = xstrdup(e->code);
	l->items[l->n].label = xstrdup(e->label);
	l->n++;
}

/* Every list any form field names that is a DfE list, loaded once. */
static void
load_dfe_lists(struct formset *set)
{
	size_t i, j;

	for (i = 0; i < set->nforms; i++)
		for (j = 0; j < set->forms[i].nfields; j++) {
			const char *name = set->forms[i].fields[j].codes;
			struct codelist l;

			if (name == NULL || formdef_list(set, name) != NULL ||
			    !codes_list_exists(name))
				continue;
			memset(&l, 0, sizeof l);
			l.name = xstrdup(name);
			l.title = xstrdup(name);
			l.dfe = 1;
			codes_each(name, add_dfe, &l);
			set->lists = xreallocarray(set->lists, set->nlists + 1,
			    sizeof *set->lists);
			set->lists[set->nlists++] = l;
		}
}

enum cd_status
formdef_load(const char *dir, struct formset *set)
{
	char *defs = xasprintf("%s/defs", dir), *codes = xasprintf("%s/codes",
	    dir), **files;
	size_t n, i;

	memset(set, 0, sizeof *set);
	if (!file_exists(defs))
		problem(set, "%s: no such folder (a forms folder holds defs/ "
		    "and codes/)", defs);
	files = ini_files(codes, &n);
	for (i = 0; i < n; i++) {
		load_codes(set, files[i]);
		free(files[i]);
	}
	free(files);
	files = ini_files(defs, &n);
	for (i = 0; i < n; i++) {
		load_def(set, files[i]);
		free(files[i]);
	}
	free(files);
	load_dfe_lists(set);
	cross_check(set);
	free(defs);
	free(codes);
	return set->nproblems ? CD_ERR_CONFIG : CD_OK;
}

const struct formdef *
formdef_find(const struct formset *set, const char *code)
{
	size_t i;

	for (i = 0; i < set->nforms; i++)
		if (set->forms[i].code && strcmp(set->forms[i].code, code) == 0)
			return &set->forms[i];
	return NULL;
}

const struct formfield *
formdef_field(const struct formdef *d, const char *name)
{
	size_t i;

	for (i = 0; i < d->nfields; i++)
		if (strcmp(d->fields[i].name, name) == 0)
			return &d->fields[i];
	return NULL;
}

const char *
formdef_title_of(const char *code, void *set)
{
	const struct formdef *d = formdef_find(set, code ? code : "");

	return d ? d->title : NULL;
}

const char *
formdef_label_of(const char *code, const char *field, void *set)
{
	const struct formdef *d = formdef_find(set, code ? code : "");
	const struct formfield *f = d ? formdef_field(d, field) : NULL;

	return f ? f->label : NULL;
}

int
formdef_words_of(const char *code, const char *field, const char *value,
    char *out, size_t n, void *arg)
{
	const struct formset *set = arg;
	const struct formdef *d = formdef_find(set, code ? code : "");
	const struct formfield *f = d ? formdef_field(d, field) : NULL;
	const struct codelist *l;
	char *copy, *tok, *save = NULL;
	size_t k = 0;

	if (f == NULL || value == NULL || n == 0)
		return FORMDEF_WORDS_UNKNOWN;
	switch (f->type) {
	case FF_TYPE_PERSON:
		return FORMDEF_WORDS_PERSON;
	case FF_TYPE_YESNO:
		snprintf(out, n, "%s", strcmp(value, "1") == 0 ? "yes" :
		    strcmp(value, "0") == 0 ? "no" : value);
		return FORMDEF_WORDS_OURS;
	case FF_TYPE_CODE:
	case FF_TYPE_CODES:
		l = formdef_list(set, f->codes ? f->codes : "");
		out[0] = '\0';
		copy = xstrdup(value);
		for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL,
		    ",", &save)) {
			const struct code_item *c = formdef_code(l, tok);
			int w = snprintf(out + k, n - k, "%s%s", k ? ", " : "",
			    c && c->label ? c->label : tok);

			if (w < 0 || (size_t)w >= n - k)
				break;
			k += (size_t)w;
		}
		free(copy);
		return FORMDEF_WORDS_OURS;
	default:
		return FORMDEF_WORDS_UNKNOWN;
	}
}

const struct codelist *
formdef_list(const struct formset *set, const char *name)
{
	size_t i;

	for (i = 0; i < set->nlists; i++)
		if (set->lists[i].name && strcmp(set->lists[i].name, name) == 0)
			return &set->lists[i];
	return NULL;
}

const struct code_item *
formdef_code(const struct codelist *l, const char *code)
{
	size_t i;

	for (i = 0; l != NULL && i < l->n; i++)
		if (strcmp(l->items[i].code, code) == 0)
			return &l->items[i];
	return NULL;
}

const char *
formdef_default_dir(const char *configured)
{
	if (configured != NULL && *configured)
		return configured;
	return file_data_path(FORMS_DATADIR, FORMS_SRCDIR);
}

void
formdef_set_fini(struct formset *set)
{
	size_t i, j;

	for (i = 0; i < set->nforms; i++) {
		struct formdef *d = &set->forms[i];

		for (j = 0; j < d->nfields; j++) {
			struct formfield *f = &d->fields[j];

			free(f->name);
			free(f->label);
			free(f->help);
			free(f->codes);
			free(f->maps_to);
			free(f->prefill);
			free(f->show_if);
			free(f->group);
		}
		free(d->fields);
		free(d->code);
		free(d->title);
		free(d->subject);
		free(d->record);
		free(d->retention);
		free(d->relationships);
		free(d->timescale);
		free(d->timescale_from);
		free(d->timescale_done);
		free(d->source);
	}
	free(set->forms);
	for (i = 0; i < set->nlists; i++) {
		for (j = 0; j < set->lists[i].n; j++) {
			free(set->lists[i].items[j].code);
			free(set->lists[i].items[j].label);
		}
		free(set->lists[i].items);
		free(set->lists[i].name);
		free(set->lists[i].title);
		free(set->lists[i].source);
	}
	free(set->lists);
	for (i = 0; i < set->nproblems; i++)
		free(set->problems[i]);
	free(set->problems);
	memset(set, 0, sizeof *set);
}

unsigned
formdef_person_kind(int adult, int adopter, int looked_after,
    int care_leaver)
{
	unsigned k = adopter ? FITS_ADULT | FITS_ADOPTER : adult ? FITS_ADULT :
	    FITS_CHILD;

	if (looked_after && !adult)
		k |= FITS_LOOKED_AFTER;
	if (care_leaver)
		k |= FITS_CARE_LEAVER;
	return k;
}

static int
by_title(const void *a, const void *b)
{
	const struct formdef *const *x = a, *const *y = b;

	return strcmp((*x)->title, (*y)->title);
}

size_t
formdef_startable(const struct formset *set, int role, unsigned kind,
    const struct formdef **out, size_t max)
{
	size_t i, n = 0;

	for (i = 0; i < set->nforms; i++) {
		const struct formdef *d = &set->forms[i];

		if (role < 0 || role >= 32 || !(d->start_roles >> role & 1u) ||
		    !(d->fits & kind) || d->title == NULL)
			continue;
		if (n < max)
			out[n] = d;
		n++;
	}
	if (n > 1)
		qsort(out, n < max ? n : max, sizeof *out, by_title);
	return n;
}
