/*
 * Backups: a consistent, still-encrypted copy of a live database (SQLite's
 * online backup, so others keep working), with its keyring and an audit
 * anchor for the copy, laid out like a live database so that verifying
 * is opening it and restoring is putting the three files back.
 */
#ifndef CD_STORE_BACKUP_H
#define CD_STORE_BACKUP_H

#include <stdint.h>

#include "common/status.h"

struct store;
struct dbkey;

/* What a backup holds. */
struct backup_info {
	int64_t events;		/* audit events in the copy */
	int64_t pages;		/* database pages copied */
};

/*
 * Copy the session's database to dest (with dest's .keys and .anchor
 * beside it, all 0600), under key; refuses to overwrite any of the three.
 * Needs the backup grant; audited on the source.
 */
enum cd_status store_backup(struct store *st, const struct dbkey *key,
    const char *dest, struct backup_info *info, struct cd_err *err);

struct secret;
struct store_origin;

/*
 * Whether another connection has the WAL database db open (*pid one of
 * them): every connection holds a read lock on its -shm file.
 */
int store_in_use(const char *db, long *pid);

/*
 * Restore a backup (from, with its .keys and .anchor) to db, as an
 * administrator's act: refused while another session has db open, and
 * unless user's passphrase opens the backup's own keyring as an
 * administrator. An existing database is refused unless force is set,
 * and then replaced whole (its write-ahead log too). The copy is made
 * and proved in a private folder beside db; a "restore" event naming the
 * users it enables again (enabled in the backup, disabled or absent in
 * the database it replaces, when the same passphrase opens that) is
 * appended to the restored chain before the files are renamed into
 * place. *brought_back gets those names, space-separated (free it).
 */
enum cd_status store_restore(const char *from, const char *db, int force,
    const char *user, const struct secret *pass,
    const struct store_origin *origin, char **brought_back,
    struct cd_err *err);

#endif
