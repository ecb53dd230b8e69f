#include "config.h"

#include "store/backup.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/file.h"
#include "common/xmem.h"
#include "keys/dbkey.h"
#include "keys/keyring.h"
#include "store/audit.h"
#include "store/session.h"
#include "store/store.h"
#include "store/store_int.h"

/* The database's companions: the keyring and the audit anchor. */
static const char *const companions[] = { ".keys", ".anchor" };
#define NCOMPANIONS (sizeof companions / sizeof companions[0])


/* Whether path exists, a link (even a dangling one) included. */
static int
present(const char *path)
{
	struct stat sb;

	return lstat(path, &sb) == 0;
}

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
	if (st->user_id == 0 || !access_may(st, ACCESS_BACKUP))
		return cd_err_set(err, CD_ERR_DENIED, "only the administrator "
		    "takes backups");
	/* lstat: a link, even a dangling one, is never written through. */
	if (present(dest))
		return cd_err_set(err, CD_ERR_EXISTS, "%s already exists (or is "
		    "a link); a backup never overwrites anything", dest);
	for (i = 0; i < NCOMPANIONS; i++) {
		char *p = file_sibling(dest, companions[i]);
		int there = present(p);

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
	/* The copy names the database it came from, so opened in place it
	 * loses what that database destroys after today too. */
	{
		char *from = realpath(st->path, NULL);

		code = store_meta_set(copy, "backup_of", from ? from : st->path,
		    err);
		free(from);
	}
	if (code == CD_OK)
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

int
store_in_use(const char *db, long *pid)
{
	char *shm = xasprintf("%s-shm", db);
	int fd = open(shm, O_RDONLY | O_NOFOLLOW | O_CLOEXEC), busy = 0;
	struct flock fl;

	free(shm);
	*pid = 0;
	if (fd < 0)
		return 0;
	/*
	 * Every connection to a WAL database holds a read lock on the
	 * -shm file's "DMS" byte (SQLite's unix VFS, offset 128) for as
	 * long as it is open; asking for a write lock there finds them.
	 */
	memset(&fl, 0, sizeof fl);
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	fl.l_start = 128;
	fl.l_len = 1;
	if (fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK) {
		busy = 1;
		*pid = (long)fl.l_pid;
	}
	close(fd);
	return busy;
}

/* Names of users enabled in st, and whether each is enabled in live. */
static void
users_brought_back(struct store *st, struct store *live, struct buf *out)
{
	sqlite3_stmt *s = store_prepare(st, "SELECT name FROM users WHERE "
	    "disabled = 0 ORDER BY name", NULL);
	sqlite3_stmt *l = live ? store_prepare(live, "SELECT disabled FROM "
	    "users WHERE name = ?", NULL) : NULL;

	while (s != NULL && sqlite3_step(s) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(s, 0);
		int back = live == NULL;

		if (l != NULL) {
			sqlite3_reset(l);
			store_bind_text(l, 1, name);
			back = sqlite3_step(l) != SQLITE_ROW ||
			    sqlite3_column_int(l, 0) != 0;
		}
		if (back)
			buf_addf(out, "%s%s", out->len ? " " : "", name);
	}
	sqlite3_finalize(s);
	sqlite3_finalize(l);
}

/* The live database at db opened with the same passphrase, or NULL. */
static struct store *
open_live(const char *db, const char *user, const struct secret *pass)
{
	char *path = store_session_keyring_path(db);
	struct keyring *kr = NULL;
	struct secret *dek = NULL;
	struct store *st = NULL;
	struct dbkey key;

	if (file_exists(db) && keyring_load(path, &kr, NULL) == CD_OK &&
	    keyring_unlock(kr, user, pass, &dek, NULL) == CD_OK &&
	    dbkey_make(kr, dek, &key, NULL) == CD_OK) {
		if (store_open(db, &key, &st, NULL) != CD_OK)
			st = NULL;
		dbkey_fini(&key);
	}
	keyring_free(&kr);
	secret_free(&dek);
	free(path);
	return st;
}

/* Remove the scratch copy: its files and folder. */
static void
scratch_remove(const char *dir)
{
	static const char *const names[] = { "r.db", "r.keys", "r.anchor",
	    "r.failed", "r.db-wal", "r.db-shm" };
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		char *p = xasprintf("%s/%s", dir, names[i]);

		unlink(p);
		free(p);
	}
	rmdir(dir);
}

enum cd_status
store_restore(const char *from, const char *db, int force, const char *user,
    const struct secret *pass, const struct store_origin *origin,
    char **brought_back, struct cd_err *err)
{
	static const char *const logs[] = { "-wal", "-shm" };
	struct audit_change ch[2];
	struct audit_event ev = { 0 };
	struct store *st = NULL, *live;
	struct buf back = { 0 };
	char *dir, *slash, *copy, *src, *dst;
	enum cd_status code = CD_OK;
	size_t i;
	long pid;

	*brought_back = NULL;
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
	if (present(db) && !force)
		return cd_err_set(err, CD_ERR_EXISTS, "%s is a database already; "
		    "restoring over it needs --force (it will be replaced)",
		    db);
	if (store_in_use(db, &pid))
		return cd_err_set(err, CD_ERR_BUSY, "%s is open in another "
		    "session (process %ld): every casedesk using it must close "
		    "before it is restored over", db, pid);
	/* A scratch copy beside the destination, proved before it goes in. */
	copy = xstrdup(db);
	slash = strrchr(copy, '/');
	dir = slash ? xasprintf("%.*s/.casedesk-restore.XXXXXX",
	    (int)(slash - copy), copy) : xstrdup(".casedesk-restore.XXXXXX");
	free(copy);
	if (mkdtemp(dir) == NULL) {
		code = cd_err_set(err, CD_ERR_IO, "cannot make a folder beside "
		    "%s to restore into: %s", db, strerror(errno));
		free(dir);
		return code;
	}
	copy = xasprintf("%s/r.db", dir);
	code = file_copy_atomic(from, copy, 0600, err);
	for (i = 0; i < NCOMPANIONS && code == CD_OK; i++) {
		src = file_sibling(from, companions[i]);
		dst = file_sibling(copy, companions[i]);
		code = file_copy_atomic(src, dst, 0600, err);
		free(src);
		free(dst);
	}
	/* An administrator of the backup, by their passphrase in its keyring. */
	if (code == CD_OK)
		code = store_session_open(copy, user, pass, origin, &st, NULL,
		    NULL, err);
	if (code == CD_OK && !access_may(st, ACCESS_BACKUP))
		code = cd_err_set(err, CD_ERR_DENIED, "only an administrator "
		    "of the backup restores it");
	if (code == CD_OK) {
		live = open_live(db, user, pass);
		users_brought_back(st, live, &back);
		store_close(&live);
		ch[0] = (struct audit_change){ "from", NULL, from };
		ch[1] = (struct audit_change){ "users_enabled_again", NULL,
		    buf_str(&back) };
		ev.action = "restore";
		ev.entity = "database";
		ev.changes = ch;
		ev.nchanges = 2;
		code = store_audit_append(st, &ev, err);
	}
	store_close(&st);	/* the copy's anchor now ends with the restore */
	/* The companions first: the database is the last to change. */
	for (i = 0; i < NCOMPANIONS && code == CD_OK; i++) {
		src = file_sibling(copy, companions[i]);
		dst = file_sibling(db, companions[i]);
		if (rename(src, dst) != 0)
			code = cd_err_set(err, CD_ERR_IO, "cannot put %s in "
			    "place: %s", dst, strerror(errno));
		free(src);
		free(dst);
	}
	for (i = 0; i < sizeof logs / sizeof logs[0] && code == CD_OK; i++) {
		char *p = xasprintf("%s%s", db, logs[i]);

		if (unlink(p) != 0 && errno != ENOENT)
			code = cd_err_set(err, CD_ERR_IO, "cannot remove %s: %s",
			    p, strerror(errno));
		free(p);
	}
	if (code == CD_OK && rename(copy, db) != 0)
		code = cd_err_set(err, CD_ERR_IO, "cannot put %s in place: %s",
		    db, strerror(errno));
	scratch_remove(dir);
	free(dir);
	free(copy);
	if (code == CD_OK)
		*brought_back = xstrdup(buf_str(&back));
	buf_fini(&back);
	return code;
}
