#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/xmem.h"
#include "keys/hash.h"
#include "store/audit.h"
#include "store/form.h"
#include "store/store.h"
#include "store/store_int.h"

/*
 * Form definitions installed in the database (schema 12). Each install is a
 * new row; the current definition of a name is its newest row. The store
 * takes every form's roles from here, never from a caller.
 */

#define CURRENT_DEFS "FROM form_def f WHERE f.id = (SELECT max(g.id) FROM " \
	"form_def g WHERE g.kind = f.kind AND g.name = f.name)"

void
store_roles_text(unsigned mask, char *out, size_t len)
{
	size_t used = 0;
	int r;

	out[0] = '\0';
	for (r = 0; r < ROLE_COUNT; r++)
		if ((mask >> r) & 1u)
			used += (size_t)snprintf(out + used, used < len ?
			    len - used : 0, "%s%s", used ? " " : "",
			    role_id((enum role)r));
}

unsigned
store_roles_parse(const char *text)
{
	char *copy = xstrdup(text ? text : ""), *tok, *save = NULL;
	unsigned mask = 0;
	enum role r;

	for (tok = strtok_r(copy, " ", &save); tok;
	    tok = strtok_r(NULL, " ", &save))
		if (role_parse(tok, &r, NULL) == CD_OK)
			mask |= 1u << r;
	free(copy);
	return mask;
}

int64_t
store_forms_count(struct store *st)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT count(*) FROM form_def",
	    NULL);
	int64_t n = 0;

	if (s != NULL && sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* Whether name's current text of kind already has this hash. */
static int
already_installed(struct store *st, const char *kind, const char *name,
    const unsigned char hash[HASH_BYTES])
{
	sqlite3_stmt *s = store_prepare(st, "SELECT hash FROM form_def WHERE "
	    "kind = ? AND name = ? ORDER BY id DESC LIMIT 1", NULL);
	int same = 0;

	if (s == NULL)
		return 0;
	store_bind_text(s, 1, kind);
	store_bind_text(s, 2, name);
	if (sqlite3_step(s) == SQLITE_ROW &&
	    sqlite3_column_bytes(s, 0) == HASH_BYTES)
		same = hash_equal(sqlite3_column_blob(s, 0), hash);
	sqlite3_finalize(s);
	return same;
}

/* Insert one definition and its install event (inside a transaction). */
static enum cd_status
install_one(struct store *st, const struct form_install *fi,
    const unsigned char hash[HASH_BYTES], struct cd_err *err)
{
	char now[DATE_TIME_LEN], hex[HASH_HEX], version[16], rd[160],
	    wr[160], au[160];
	const struct form_policy *p = &fi->policy;
	struct audit_change ch[8];
	struct audit_event ev = { 0 };
	int form = strcmp(fi->kind, "form") == 0;
	sqlite3_stmt *s;
	int rc;

	store_roles_text(form ? p->read_roles | p->write_roles : 0, rd,
	    sizeof rd);
	store_roles_text(form ? p->write_roles : 0, wr, sizeof wr);
	store_roles_text(form ? p->authorise_roles : 0, au, sizeof au);
	hash_to_hex(hash, hex);
	snprintf(version, sizeof version, "%d", fi->version);
	date_now(now);
	s = store_prepare(st, "INSERT INTO form_def (kind, name, version, "
	    "body, hash, read_roles, write_roles, authorise_roles, "
	    "needs_authorisation, installed_at, installed_by) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	store_bind_text(s, 1, fi->kind);
	store_bind_text(s, 2, fi->name);
	sqlite3_bind_int(s, 3, fi->version);
	sqlite3_bind_text(s, 4, fi->body, (int)fi->len, SQLITE_TRANSIENT);
	sqlite3_bind_blob(s, 5, hash, HASH_BYTES, SQLITE_TRANSIENT);
	store_bind_text(s, 6, rd);
	store_bind_text(s, 7, wr);
	store_bind_text(s, 8, au);
	sqlite3_bind_int(s, 9, form && p->needs_authorisation ? 1 : 0);
	store_bind_text(s, 10, now);
	store_bind_text(s, 11, st->user_name ? st->user_name : "-");
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "installing a form definition");
	ch[0] = (struct audit_change){ "kind", NULL, fi->kind };
	ch[1] = (struct audit_change){ "name", NULL, fi->name };
	ch[2] = (struct audit_change){ "version", NULL, version };
	ch[3] = (struct audit_change){ "hash", NULL, hex };
	ch[4] = (struct audit_change){ "read_roles", NULL, rd };
	ch[5] = (struct audit_change){ "write_roles", NULL, wr };
	ch[6] = (struct audit_change){ "authorise_roles", NULL, au };
	ch[7] = (struct audit_change){ "needs_authorisation", NULL,
	    form && p->needs_authorisation ? "yes" : "no" };
	ev.action = "install";
	ev.entity = "form_def";
	ev.entity_id = sqlite3_last_insert_rowid(st->db);
	ev.changes = ch;
	ev.nchanges = 8;
	return store_audit_append(st, &ev, err);
}

enum cd_status
store_forms_install(struct store *st, const struct form_install *list,
    size_t n, size_t *changed, struct cd_err *err)
{
	unsigned char hash[HASH_BYTES];
	enum cd_status code;
	size_t i;

	*changed = 0;
	if (st->user_id == 0)
		return cd_err_set(err, CD_ERR_DENIED, "log in before "
		    "installing forms");
	code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	if (!access_may(st, ACCESS_USER_ADMIN) &&
	    store_forms_count(st) != 0) {
		store_rollback(st);
		return cd_err_set(err, CD_ERR_DENIED, "only an administrator "
		    "may install form definitions");
	}
	for (i = 0; i < n && code == CD_OK; i++) {
		const struct form_install *fi = &list[i];

		if (fi->name == NULL || *fi->name == '\0' || fi->kind == NULL ||
		    (strcmp(fi->kind, "form") && strcmp(fi->kind, "codes")))
			code = cd_err_set(err, CD_ERR_INVALID, "a definition "
			    "to install needs a kind (form or codes) and a "
			    "name");
		if (code != CD_OK)
			break;
		hash_bytes(fi->body, fi->len, hash);
		if (already_installed(st, fi->kind, fi->name, hash))
			continue;
		code = install_one(st, fi, hash, err);
		if (code == CD_OK)
			(*changed)++;
	}
	code = store_end(st, code, err);
	free(st->policies);
	st->policies = NULL;
	st->npolicies = 0;
	st->policies_loaded = 0;
	if (code != CD_OK)
		*changed = 0;
	return code;
}

enum cd_status
store_forms_each(struct store *st, void (*fn)(const char *, const char *,
    const char *, size_t, void *), void *arg, struct cd_err *err)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT f.kind, f.name, f.body "
	    CURRENT_DEFS " ORDER BY f.kind, f.name", err);
	int rc;

	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		fn((const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1),
		    (const char *)sqlite3_column_text(s, 2),
		    (size_t)sqlite3_column_bytes(s, 2), arg);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "reading the installed forms");
	return CD_OK;
}

/* Read every current form's policy into the session (once). */
static void
load_policies(struct store *st)
{
	sqlite3_stmt *s;

	st->policies_loaded = 1;
	s = store_prepare(st, "SELECT f.name, f.read_roles, f.write_roles, "
	    "f.authorise_roles, f.needs_authorisation " CURRENT_DEFS
	    " AND f.kind = 'form'", NULL);
	if (s == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		struct form_policy *p;

		st->policies = xreallocarray(st->policies, st->npolicies + 1,
		    sizeof *st->policies);
		p = &st->policies[st->npolicies++];
		memset(p, 0, sizeof *p);
		snprintf(p->code, sizeof p->code, "%s",
		    (const char *)sqlite3_column_text(s, 0));
		p->read_roles = store_roles_parse(
		    (const char *)sqlite3_column_text(s, 1));
		p->write_roles = store_roles_parse(
		    (const char *)sqlite3_column_text(s, 2));
		p->authorise_roles = store_roles_parse(
		    (const char *)sqlite3_column_text(s, 3));
		p->needs_authorisation = sqlite3_column_int(s, 4);
	}
	sqlite3_finalize(s);
}

const struct form_policy *
store_form_policy_find(struct store *st, const char *code)
{
	size_t i;

	if (!st->policies_loaded)
		load_policies(st);
	for (i = 0; code != NULL && i < st->npolicies; i++)
		if (strcmp(st->policies[i].code, code) == 0)
			return &st->policies[i];
	return NULL;
}
