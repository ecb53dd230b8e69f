#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/file.h"
#include "common/xmem.h"
#include "forms/formdef.h"
#include "store/form.h"

/*
 * Definitions live in the database (store/formdefs.c); a folder is only a
 * source to check and install from. Loading the installed set goes through
 * the same parser as a folder: the texts are written to a private scratch
 * folder and loaded from there, so nothing parses a definition two ways.
 */

#define MAX_DEF_BYTES (1u << 20)

/* The file name part of path. */
static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* Read src into fi's body; the caller frees fi->body. */
static enum cd_status
read_body(const char *src, struct form_install *fi, struct cd_err *err)
{
	unsigned char *data;
	size_t len;
	enum cd_status code = file_read_all(src, MAX_DEF_BYTES, &data, &len,
	    err);

	if (code != CD_OK)
		return code;
	fi->body = (const char *)data;
	fi->len = len;
	return CD_OK;
}

enum cd_status
formdef_install_dir(struct store *st, const char *dir, struct formset *set,
    size_t *changed, struct cd_err *err)
{
	struct form_install *list;
	enum cd_status code;
	size_t i, n = 0;

	*changed = 0;
	if (formdef_load(dir, set) != CD_OK)
		return cd_err_set(err, CD_ERR_CONFIG, "%s: %zu problem%s (run "
		    "casedesk forms check %s); nothing was installed",
		    set->nproblems ? set->problems[0] : dir, set->nproblems,
		    set->nproblems == 1 ? "" : "s", dir);
	list = xcalloc(set->nforms + set->nlists + 1, sizeof *list);
	code = CD_OK;
	for (i = 0; i < set->nlists && code == CD_OK; i++) {
		const struct codelist *l = &set->lists[i];

		if (l->dfe || l->source == NULL)
			continue;
		list[n].kind = "codes";
		list[n].name = l->name;
		list[n].version = 1;
		code = read_body(l->source, &list[n++], err);
	}
	for (i = 0; i < set->nforms && code == CD_OK; i++) {
		const struct formdef *d = &set->forms[i];
		struct form_install *fi = &list[n];

		fi->kind = "form";
		fi->name = d->code;
		fi->version = d->version;
		snprintf(fi->policy.code, sizeof fi->policy.code, "%s",
		    d->code);
		fi->policy.read_roles = d->read_roles | d->write_roles;
		fi->policy.write_roles = d->write_roles;
		fi->policy.authorise_roles = d->authorise_roles;
		fi->policy.needs_authorisation = d->needs_authorisation > 0;
		code = read_body(d->source, &list[n++], err);
	}
	if (code == CD_OK)
		code = store_forms_install(st, list, n, changed, err);
	for (i = 0; i < n; i++)
		free((char *)list[i].body);
	free(list);
	return code;
}

struct scratch {
	char dir[64];
	enum cd_status code;
	struct cd_err *err;
	unsigned serial;
};

/* Write one installed text into the scratch folder (store_forms_each). */
static void
write_one(const char *kind, const char *name, const char *body, size_t len,
    void *arg)
{
	struct scratch *s = arg;
	char *path;

	(void)name;
	if (s->code != CD_OK)
		return;
	/* Names are the database's; file names are ours, never from it. */
	path = xasprintf("%s/%s/%04u.ini", s->dir, strcmp(kind, "form") == 0 ?
	    "defs" : "codes", s->serial++);
	s->code = file_write_atomic(path, body, len, 0600, s->err);
	free(path);
}

/* Remove the scratch folder and what is in it. */
static void
scratch_remove(struct scratch *s)
{
	static const char *const subs[] = { "defs", "codes" };
	unsigned i;
	size_t k;

	for (k = 0; k < 2; k++) {
		for (i = 0; i < s->serial; i++) {
			char *path = xasprintf("%s/%s/%04u.ini", s->dir,
			    subs[k], i);

			unlink(path);
			free(path);
		}
		{
			char *sub = xasprintf("%s/%s", s->dir, subs[k]);

			rmdir(sub);
			free(sub);
		}
	}
	rmdir(s->dir);
}

/* Say "installed NAME" rather than a scratch file's name in problems. */
static void
rename_sources(struct formset *set)
{
	size_t i;

	for (i = 0; i < set->nforms; i++) {
		char *src = xasprintf("installed form %s", set->forms[i].code ?
		    set->forms[i].code : base_name(set->forms[i].source));

		free(set->forms[i].source);
		set->forms[i].source = src;
	}
}

enum cd_status
formdef_load_installed(struct store *st, struct formset *set,
    struct cd_err *err)
{
	struct scratch s;
	struct formset shipped;
	enum cd_status code;
	size_t changed;
	char *sub;

	memset(set, 0, sizeof *set);
	if (store_forms_count(st) == 0) {
		/* The migration: the shipped set, never a configured folder. */
		code = formdef_install_dir(st, formdef_default_dir(NULL),
		    &shipped, &changed, err);
		formdef_set_fini(&shipped);
		if (code != CD_OK)
			return code;
	}
	memset(&s, 0, sizeof s);
	snprintf(s.dir, sizeof s.dir, "/tmp/casedesk-forms.XXXXXX");
	if (mkdtemp(s.dir) == NULL)
		return cd_err_set(err, CD_ERR_IO, "cannot make a scratch folder "
		    "for the installed forms in /tmp");
	s.err = err;
	sub = xasprintf("%s/defs", s.dir);
	code = file_make_dir(sub, err);
	free(sub);
	sub = xasprintf("%s/codes", s.dir);
	if (code == CD_OK)
		code = file_make_dir(sub, err);
	free(sub);
	if (code == CD_OK)
		code = store_forms_each(st, write_one, &s, err);
	if (code == CD_OK)
		code = s.code;
	if (code == CD_OK) {
		formdef_load(s.dir, set);
		rename_sources(set);
	}
	scratch_remove(&s);
	return code;
}
