#include "config.h"

#include "store/user.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "common/text.h"
#include "common/xmem.h"
#include "store/audit.h"
#include "store/store.h"
#include "store/store_int.h"

enum cd_status
store_user_name_check(const char *name, struct cd_err *err)
{
	size_t n = strlen(name), i;

	if (n == 0 || n > 64)
		return cd_err_set(err, CD_ERR_INVALID,
		    "user name must be 1 to 64 characters");
	if (!(name[0] >= 'a' && name[0] <= 'z'))
		return cd_err_set(err, CD_ERR_INVALID,
		    "user name \"%s\" must start with a lower-case letter",
		    name);
	for (i = 0; i < n; i++) {
		char c = name[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '.' || c == '_' || c == '-'))
			return cd_err_set(err, CD_ERR_INVALID,
			    "user name \"%s\" may hold only a-z, 0-9, '.', "
			    "'_' and '-'", name);
	}
	return CD_OK;
}

/* Count rows of a one-integer query with one optional text parameter. */
static int64_t
count(struct store *st, const char *sql, const char *param)
{
	sqlite3_stmt *s = store_stmt(st, sql, NULL);
	int64_t n = -1;

	if (s == NULL)
		return -1;
	if (param)
		store_bind_text(s, 1, param);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	store_stmt_done(st, s);
	return n;
}

enum cd_status
store_user_add(struct store *st, const char *name, const char *full_name,
    enum role role, const char *team, struct cd_err *err)
{
	char now[DATE_TIME_LEN];
	struct audit_change ch[4];
	struct audit_event ev = { 0 };
	enum cd_status code;
	sqlite3_stmt *s;
	int rc;

	code = store_user_name_check(name, err);
	if (code != CD_OK)
		return code;
	if (text_needs_visible(full_name) || text_needs_visible(team))
		return cd_err_set(err, CD_ERR_INVALID, "a user's full name and "
		    "team may not hold control characters or broken UTF-8");
	code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	if (count(st, "SELECT count(*) FROM users", NULL) != 0 &&
	    (st->user_id == 0 || !access_may(st, ACCESS_USER_ADMIN))) {
		store_rollback(st);
		return cd_err_set(err, CD_ERR_DENIED,
		    "only an administrator may add users");
	}
	if (count(st, "SELECT count(*) FROM users WHERE name = ?", name) > 0) {
		store_rollback(st);
		return cd_err_set(err, CD_ERR_EXISTS,
		    "there is already a user \"%s\"", name);
	}
	date_now(now);
	s = store_stmt(st, "INSERT INTO users (name, full_name, role, team, "
	    "created_at) VALUES (?, ?, ?, ?, ?)", err);
	if (s == NULL) {
		store_rollback(st);
		return err ? err->code : CD_ERR_DB;
	}
	store_bind_text(s, 1, name);
	store_bind_text(s, 2, full_name ? full_name : "");
	store_bind_text(s, 3, role_id(role));
	store_bind_text(s, 4, team ? team : "");
	store_bind_text(s, 5, now);
	rc = sqlite3_step(s);
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE) {
		code = store_db_err(st, err, "adding a user");
		store_rollback(st);
		return code;
	}
	ch[0] = (struct audit_change){ "name", NULL, name };
	ch[1] = (struct audit_change){ "full_name", NULL, full_name ? full_name
	    : "" };
	ch[2] = (struct audit_change){ "role", NULL, role_id(role) };
	ch[3] = (struct audit_change){ "team", NULL, team ? team : "" };
	ev.action = "create";
	ev.entity = "user";
	ev.entity_id = sqlite3_last_insert_rowid(st->db);
	ev.changes = ch;
	ev.nchanges = 4;
	code = store_audit_append(st, &ev, err);
	return store_end(st, code, err);
}

/* Check that name exists and return its id, inside the open transaction. */
static enum cd_status
user_id(struct store *st, const char *name, int64_t *id, struct cd_err *err)
{
	*id = count(st, "SELECT id FROM users WHERE name = ?", name);
	if (*id <= 0)
		return cd_err_set(err, CD_ERR_NOTFOUND, "no user \"%s\"", name);
	return CD_OK;
}

/* Write a one-field update event for user id. */
static enum cd_status
user_event(struct store *st, int64_t id, const char *field, const char *old,
    const char *new_, struct cd_err *err)
{
	struct audit_change ch = { field, old, new_ };
	struct audit_event ev = { 0 };

	ev.action = "update";
	ev.entity = "user";
	ev.entity_id = id;
	ev.changes = &ch;
	ev.nchanges = 1;
	return store_audit_append(st, &ev, err);
}

enum cd_status
store_user_disable(struct store *st, const char *name, struct cd_err *err)
{
	enum cd_status code;
	sqlite3_stmt *s;
	int64_t id;
	int rc;

	if (st->user_id == 0 || !access_may(st, ACCESS_USER_ADMIN))
		return cd_err_set(err, CD_ERR_DENIED,
		    "only an administrator may disable users");
	code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	code = user_id(st, name, &id, err);
	if (code == CD_OK && count(st, "SELECT disabled FROM users WHERE "
	    "name = ?", name) == 1)
		code = cd_err_set(err, CD_ERR_INVALID,
		    "user \"%s\" is already disabled", name);
	if (code == CD_OK && count(st, "SELECT count(*) FROM users WHERE "
	    "role = 'admin' AND disabled = 0 AND name <> ?", name) == 0 &&
	    count(st, "SELECT count(*) FROM users WHERE name = ? AND "
	    "role = 'admin'", name) == 1)
		code = cd_err_set(err, CD_ERR_INVALID,
		    "\"%s\" is the last enabled administrator", name);
	if (code != CD_OK) {
		store_rollback(st);
		return code;
	}
	s = store_stmt(st, "UPDATE users SET disabled = 1, "
	    "version = version + 1 WHERE id = ?", err);
	if (s == NULL) {
		store_rollback(st);
		return err ? err->code : CD_ERR_DB;
	}
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE) {
		code = store_db_err(st, err, "disabling a user");
		store_rollback(st);
		return code;
	}
	code = user_event(st, id, "disabled", "no", "yes", err);
	return store_end(st, code, err);
}

enum cd_status
store_user_passwd_changed(struct store *st, const char *name,
    struct cd_err *err)
{
	enum cd_status code;
	int64_t id;

	if (st->user_id == 0 || (strcmp(name, st->user_name) != 0 &&
	    !access_may(st, ACCESS_USER_ADMIN)))
		return cd_err_set(err, CD_ERR_DENIED,
		    "only an administrator may change another user's "
		    "passphrase");
	code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	code = user_id(st, name, &id, err);
	if (code == CD_OK)
		code = user_event(st, id, "passphrase", NULL, "changed", err);
	return store_end(st, code, err);
}

enum cd_status
store_user_ssh_key(struct store *st, const char *name, const char *action,
    const char *fingerprint, struct cd_err *err)
{
	struct audit_change ch = { "fingerprint", NULL, fingerprint };
	struct audit_event ev = { 0 };
	enum cd_status code;
	int64_t id;

	if (st->user_id == 0 || !access_may(st, ACCESS_USER_ADMIN))
		return cd_err_set(err, CD_ERR_DENIED, "only an administrator "
		    "may change who reaches casedesk over ssh");
	code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	code = user_id(st, name, &id, err);
	if (code == CD_OK && strcmp(action, "ssh-key-add") == 0 &&
	    count(st, "SELECT disabled FROM users WHERE name = ?", name) == 1)
		code = cd_err_set(err, CD_ERR_INVALID, "user \"%s\" is "
		    "disabled", name);
	if (code != CD_OK) {
		store_rollback(st);
		return code;
	}
	ev.action = action;
	ev.entity = "user";
	ev.entity_id = id;
	ev.changes = &ch;
	ev.nchanges = fingerprint ? 1 : 0;
	code = store_audit_append(st, &ev, err);
	return store_end(st, code, err);
}

/* Fill u from a row of id, name, full_name, team, role, disabled, created_at. */
static void
read_user(sqlite3_stmt *s, struct store_user *u)
{
	char *role = store_column_dup(s, 4);

	u->id = sqlite3_column_int64(s, 0);
	u->name = store_column_dup(s, 1);
	u->full_name = store_column_dup(s, 2);
	u->team = store_column_dup(s, 3);
	if (role == NULL || role_parse(role, &u->role, NULL) != CD_OK)
		u->role = ROLE_DUTY;
	u->disabled = sqlite3_column_int(s, 5);
	u->created_at = store_column_dup(s, 6);
	free(role);
}

#define USER_COLUMNS "id, name, full_name, team, role, disabled, created_at"

enum cd_status
store_user_get(struct store *st, const char *name, struct store_user *out,
    struct cd_err *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT " USER_COLUMNS
	    " FROM users WHERE name = ?", err);
	int rc;

	memset(out, 0, sizeof *out);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	store_bind_text(s, 1, name);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		read_user(s, out);
	store_stmt_done(st, s);
	if (rc == SQLITE_DONE)
		return cd_err_set(err, CD_ERR_NOTFOUND, "no user \"%s\"", name);
	if (rc != SQLITE_ROW)
		return store_db_err(st, err, "reading a user");
	return CD_OK;
}

enum cd_status
store_user_list(struct store *st, struct store_user **out, size_t *n,
    struct cd_err *err)
{
	struct store_user *list = NULL;
	sqlite3_stmt *s;
	size_t count_ = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!access_may(st, ACCESS_USER_ADMIN) &&
	    !access_may(st, ACCESS_AUDIT_READ))
		return cd_err_set(err, CD_ERR_DENIED,
		    "the %s role may not list users", role_title(st->role));
	s = store_stmt(st, "SELECT " USER_COLUMNS " FROM users ORDER BY "
	    "name", err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		list = xreallocarray(list, count_ + 1, sizeof *list);
		read_user(s, &list[count_++]);
	}
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE) {
		store_user_list_free(&list, count_);
		return store_db_err(st, err, "listing users");
	}
	*out = list;
	*n = count_;
	return CD_OK;
}

void
store_user_fini(struct store_user *u)
{
	free(u->name);
	free(u->full_name);
	free(u->team);
	free(u->created_at);
	memset(u, 0, sizeof *u);
}

void
store_user_list_free(struct store_user **list, size_t n)
{
	size_t i;

	if (*list == NULL)
		return;
	for (i = 0; i < n; i++)
		store_user_fini(&(*list)[i]);
	free(*list);
	*list = NULL;
}

void
store_user_display(struct store *st, const char *name, char *out,
    size_t len)
{
	struct store_user u;

	snprintf(out, len, "%s", name);
	if (store_user_get(st, name, &u, NULL) != CD_OK)
		return;
	if (u.full_name != NULL && *u.full_name && strcmp(u.full_name,
	    name) != 0)
		snprintf(out, len, "%s (%s)", u.full_name, name);
	store_user_fini(&u);
}
