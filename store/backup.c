#include "config.h"

#include "store/backup.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/file.h"
#include "common/xmem.h"
#include "store/audit.h"
#include "store/store.h"
#include "store/store_int.h"

/* The database's companions: the keyring and the audit anchor. */
static const char *const companions[] = { ".keys", ".anchor" };
#define NCOMPANIONS (sizeof companions / sizeof companions[0])


enum cd_status
store_backup(struct store *st, const struct dbkey *key, const char *dest,
    struct backup_info *info, struct cd_err *err)
{
	struct audit_event ev = { 0 };
	struct audit_change ch = { "to", NULL, dest };
	struct store *copy = NULL;
	sqlite3_backup *b;
	char *keys = NULL, *to = NULL;
	enum cd_status code;
	size_t i;
	int rc;

	memset(info, 0, sizeof *info);
	if (st->user_id == 0 || !access_allows(st->role, ACCESS_BACKUP))
		return cd_err_set(err, CD_ERR_DENIED, "only the administrator "
		    "takes backups");
	if (file_exists(dest))
		return cd_err_set(err, CD_ERR_EXISTS, "%s already exists; a "
		    "backup never overwrites anything", dest);
	for (i = 0; i < NCOMPANIONS; i++) {
		char *p = file_sibling(dest, companions[i]);
		int there = file_exists(p);

		if (there)
			code = cd_err_set(err, CD_ERR_EXISTS, "%s already "
			    "exists; a backup never overwrites anything", p);
		free(p);
		if (there)
			return code;
	}
	/* The copy is keyed as the source, so the same keyring opens it. */
	code = store_open_keyed(dest, key, 1, &copy, err);
	if (code != CD_OK)
		return code;
	b = sqlite3_backup_init(copy->db, "main", st->db, "main");
	if (b == NULL) {
		code = store_db_err(copy, err, "starting the backup");
		goto fail;
	}
	/* One step: one read snapshot of the source, writers carry on. */
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	info->pages = sqlite3_backup_pagecount(b);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		code = cd_err_set(err, CD_ERR_IO, "the backup to %s failed: %s",
		    dest, sqlite3_errstr(rc));
		goto fail;
	}
	code = store_anchor_write(copy, err);
	if (code == CD_OK) {
		struct audit_verify v;

		/* Checked as the one taking it, before it is called done. */
		copy->user_id = st->user_id;
		copy->role = st->role;
		code = store_audit_verify(copy, &v, err);
		info->events = v.events;
		copy->user_id = 0;
	}
	if (code == CD_OK) {
		keys = file_sibling(st->path, ".keys");
		to = file_sibling(dest, ".keys");
		code = file_copy_atomic(keys, to, 0600, err);
	}
	if (code != CD_OK)
		goto fail;
	store_close(&copy);
	free(keys);
	free(to);
	ev.action = "backup";
	ev.entity = "database";
	ev.changes = &ch;
	ev.nchanges = 1;
	return store_audit_append(st, &ev, err);
fail:
	/* None of the three existed before: take back all of them. */
	store_close(&copy);
	unlink(dest);
	for (i = 0; i < NCOMPANIONS; i++) {
		char *p = file_sibling(dest, companions[i]);

		unlink(p);
		free(p);
	}
	free(keys);
	free(to);
	return code;
}

enum cd_status
store_restore(const char *from, const char *db, int force,
    struct cd_err *err)
{
	static const char *const logs[] = { "-wal", "-shm" };
	enum cd_status code = CD_OK;
	size_t i;

	if (!file_exists(from))
		return cd_err_set(err, CD_ERR_NOTFOUND, "no backup at %s",
		    from);
	for (i = 0; i < NCOMPANIONS; i++) {
		char *p = file_sibling(from, companions[i]);
		int there = file_exists(p);

		if (!there)
			code = cd_err_set(err, CD_ERR_NOTFOUND, "the backup is "
			    "incomplete: %s is missing", p);
		free(p);
		if (!there)
			return code;
	}
	if (file_exists(db) && !force)
		return cd_err_set(err, CD_ERR_EXISTS, "%s is a database already; "
		    "restoring over it needs --force (it will be replaced)",
		    db);
	/* The companions first: the database is the last to change. */
	for (i = 0; i < NCOMPANIONS; i++) {
		char *src = file_sibling(from, companions[i]);
		char *dst = file_sibling(db, companions[i]);

		code = file_copy_atomic(src, dst, 0600, err);
		free(src);
		free(dst);
		if (code != CD_OK)
			return code;
	}
	for (i = 0; i < sizeof logs / sizeof logs[0]; i++) {
		char *p = xasprintf("%s%s", db, logs[i]);

		if (unlink(p) != 0 && errno != ENOENT)
			code = cd_err_set(err, CD_ERR_IO, "cannot remove %s: %s",
			    p, strerror(errno));
		free(p);
		if (code != CD_OK)
			return code;
	}
	return file_copy_atomic(from, db, 0600, err);
}
