/*
 * The encrypted database: open and close, sessions, schema migrations.
 * Only store/ includes sqlite3.h; callers see struct store as opaque.
 */
#ifndef CD_STORE_STORE_H
#define CD_STORE_STORE_H

#include <stdint.h>

#include "common/status.h"
#include "keys/dbkey.h"
#include "store/access.h"

struct store;

/* The schema version this program writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 19

/* Default cipher page size for new databases (see ARCHITECTURE.md). */
#define STORE_PAGE_SIZE 4096

/* Where the session is coming from, for the audit trail. */
struct store_origin {
	const char *terminal;	/* tty name, or "cli" */
	const char *ssh_client;	/* remote address, or NULL */
};

/* "SQLCipher 3.4.1 on SQLite 3.15.2": what we are linked with. */
const char *store_library_version(void);

/* The major version of the SQLCipher we are linked with (3 or 4). */
unsigned store_cipher_major(void);

/*
 * Create a new encrypted database at path (which must not exist) with the
 * given key, migrate it to the current schema and record whether it is a
 * demo. CD_ERR_EXISTS if path exists.
 */
enum cd_status store_create(const char *path, const struct dbkey *key,
    int demo, struct store **out, struct cd_err *err);

/*
 * Open an existing database. CD_ERR_DB_MISMATCH if the key does not open it
 * (it belongs to another keyring, or is damaged); CD_ERR_VERSION if it was
 * written by a newer casedesk. Older schemas are migrated.
 */
enum cd_status store_open(const char *path, const struct dbkey *key,
    struct store **out, struct cd_err *err);

/*
 * Start a session as user name: refused for unknown or disabled users
 * (recorded as a failed login). Records any failed logins noted while the
 * database was locked, then the login itself.
 */
enum cd_status store_login(struct store *st, const char *name,
    const struct store_origin *origin, struct cd_err *err);

/* store_login for a session resumed after a lock: audited as "unlock". */
enum cd_status store_resume(struct store *st, const char *name,
    const struct store_origin *origin, struct cd_err *err);

/*
 * Lock the session: record "lock", bring the anchor up to date and close
 * the connection so no key stays in memory. Resume with a new unlock.
 */
void store_lock(struct store **st);

/* Record where the session comes from (store_login does this too). */
void store_set_origin(struct store *st, const struct store_origin *origin);

/* The logged-in user's name and role (valid after store_login). */
const char *store_user_name(const struct store *st);
enum role store_user_role(const struct store *st);
/* The database path and whether it holds demo data. */
const char *store_path(const struct store *st);
int store_is_demo(const struct store *st);
/* The schema version of the open database. */
int store_schema_version(const struct store *st);

/*
 * Compare the effective configuration (cfg_canonical text) with the one
 * the last session used; when it differs, record a config-change event
 * with each changed setting's old and new value.
 */
enum cd_status store_note_config(struct store *st, const char *canonical,
    struct cd_err *err);

/*
 * Make every commit so far durable, whoever wrote it (fsync the write-ahead
 * log): a draft's field saves do not wait for the disk, so leaving a form
 * calls this; the store also does before writing the audit anchor, so a
 * power cut cannot leave the anchor ahead of the trail.
 */
enum cd_status store_sync(struct store *st, struct cd_err *err);

/*
 * Group many changes into one transaction (demo generation, imports):
 * every store call between these commits together, or not at all.
 */
enum cd_status store_batch_begin(struct store *st, struct cd_err *err);
enum cd_status store_batch_commit(struct store *st, struct cd_err *err);

/*
 * For building a large database in one go (the demo): a page cache of
 * cache_mib MiB, so index pages stay in memory between batches; no
 * journal (when no other connection has the database open) and no
 * waiting for the disk; and the indexes the build never
 * reads (names, sounds, dates of birth, numbers, postcodes, the audit
 * trail's) dropped until store_bulk_end makes each again in one sorted
 * pass. Begin outside a transaction. A failure in between is not rolled
 * back: the database is then to be thrown away.
 */
enum cd_status store_bulk_begin(struct store *st, int cache_mib,
    struct cd_err *err);
enum cd_status store_bulk_end(struct store *st, struct cd_err *err);

/*
 * One screen's reads as one transaction: the audit events of everything
 * read between these are written together (one sync, not one per read),
 * and a read refused in between undoes only its own part. When the
 * transaction cannot start (a read-only database), the reads go ahead
 * unaided and *grouped says so; store_screen_end then does nothing.
 */
enum cd_status store_screen_begin(struct store *st, int *grouped,
    struct cd_err *err);
enum cd_status store_screen_end(struct store *st, int grouped,
    struct cd_err *err);

/*
 * End the session: record the logout, bring the audit anchor up to date,
 * close the database and free *st.
 */
void store_close(struct store **st);

/*
 * Read every page of every table and index (each page's MAC checked as it
 * decrypts) and check the structure. CD_ERR_CORRUPT names the damage.
 */
enum cd_status store_integrity(struct store *st, struct cd_err *err);

/*
 * How many seconds name's next try must wait after wrong passphrases: 1,
 * 2, 4 ... up to 30 after the last failure, 0 when none are pending. No
 * lock-out: the wait never grows past 30 s. store_session_open waits this
 * long itself; a screen may call it first to say so.
 */
int store_login_backoff(const char *db_path, const char *name);

/*
 * How many failed logins of this user came since their last successful
 * one (valid after store_login; shown to them once).
 */
int store_login_failures(const struct store *st);

/*
 * Note a failed login beside the database (it cannot be written into the
 * database without the key); the next successful login moves it into the
 * audit trail.
 */
enum cd_status store_note_failed_login(const char *db_path, const char *name,
    const char *reason, const struct store_origin *origin,
    struct cd_err *err);

#endif
