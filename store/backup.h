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

/*
 * Put a backup (from, with its .keys and .anchor) in place at db. An
 * existing database there is refused unless force is set, and then
 * replaced whole (its write-ahead log too). Each file is copied to a
 * temporary name and renamed, so a failure leaves the old one.
 */
enum cd_status store_restore(const char *from, const char *db, int force,
    struct cd_err *err);

#endif
