#include "config.h"

#include "store/store.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/file.h"
#include "common/text.h"
#include "common/xmem.h"
#include "store/audit.h"
#include "store/retention.h"
#include "store/store_int.h"

/* Page cache per connection: decrypted pages are what make SQLCipher fast. */
#define CACHE_KIB 65536
#define BUSY_MS 5000

const char *
store_library_version(void)
{
	static char v[96];
	sqlite3 *db;
	sqlite3_stmt *s;

	if (v[0] != '\0')
		return v;
#ifdef CASEDESK_PLAIN_SQLITE
	snprintf(v, sizeof v, "plain SQLite %s (unencrypted benchmark build)",
	    sqlite3_libversion());
	return v;
#endif
	snprintf(v, sizeof v, "SQLCipher ? on SQLite %s", sqlite3_libversion());
	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL) ==
	    SQLITE_OK && sqlite3_prepare_v2(db, "PRAGMA cipher_version", -1, &s,
	    NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			snprintf(v, sizeof v, "SQLCipher %s on SQLite %s",
			    (const char *)sqlite3_column_text(s, 0),
			    sqlite3_libversion());
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	return v;
}

unsigned
store_cipher_major(void)
{
	static unsigned major;
	sqlite3 *db;
	sqlite3_stmt *s;

	if (major != 0)
		return major;
	major = 3;
	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL) ==
	    SQLITE_OK && sqlite3_prepare_v2(db, "PRAGMA cipher_version", -1, &s,
	    NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			major = (unsigned)atoi((const char *)
			    sqlite3_column_text(s, 0));
		sqlite3_finalize(s);
	}
	sqlite3_close(db);
	if (major < 3)
		major = 3;
	return major;
}

enum cd_status
store_db_err(struct store *st, struct cd_err *err, const char *what)
{
	int rc = sqlite3_extended_errcode(st->db) & 0xff;
	enum cd_status code;

	switch (rc) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		code = CD_ERR_BUSY;
		break;
	case SQLITE_NOTADB:
		code = CD_ERR_DB_MISMATCH;
		break;
	case SQLITE_CORRUPT:
		code = CD_ERR_CORRUPT;
		break;
	case SQLITE_FULL:
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
	case SQLITE_READONLY:
		code = CD_ERR_IO;
		break;
	case SQLITE_CONSTRAINT:
		code = CD_ERR_INVALID;
		break;
	case SQLITE_NOMEM:
		code = CD_ERR_NOMEM;
		break;
	default:
		code = CD_ERR_DB;
	}
	if (rc == SQLITE_FULL || (rc == SQLITE_IOERR &&
	    (sqlite3_system_errno(st->db) == ENOSPC ||
	    sqlite3_system_errno(st->db) == EFBIG)))
		return cd_err_set(err, code, "%s: the disk is full (or a file "
		    "size limit was reached), so nothing was saved; free some "
		    "space and try again", what);
	if (rc == SQLITE_READONLY || rc == SQLITE_CANTOPEN)
		return cd_err_set(err, code, "%s: the database %s cannot be "
		    "written here: the file and its folder must both be "
		    "writable (the folder holds its write-ahead log); check "
		    "their permissions, or whether the disk is mounted "
		    "read-only", what, st->path);
	return cd_err_set(err, code, "%s: %s", what, sqlite3_errmsg(st->db));
}

sqlite3_stmt *
store_prepare(struct store *st, const char *sql, struct cd_err *err)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		store_db_err(st, err, "preparing a query");
		sqlite3_finalize(s);
		return NULL;
	}
	return s;
}

/* Run one statement that returns no rows. */
static enum cd_status
exec1(struct store *st, const char *sql, struct cd_err *err)
{
	return store_stmt_run(st, store_stmt(st, sql, err), "database", err);
}

/* Set how the next transaction's commit waits for the disk. */
static enum cd_status
durability(struct store *st, int relaxed, struct cd_err *err)
{
	enum cd_status code;

	/* A bulk build never waits for the disk (store_bulk_begin). */
	if (st->depth > 0 || st->relaxed == relaxed || st->bulk_sql != NULL)
		return CD_OK;
	code = exec1(st, relaxed ? "PRAGMA synchronous = NORMAL" :
	    "PRAGMA synchronous = FULL", err);
	if (code == CD_OK)
		st->relaxed = relaxed;
	return code;
}

/* The transaction (or a nested part of one), its durability decided. */
static enum cd_status
begin(struct store *st, struct cd_err *err)
{
	enum cd_status code;

	/* SQLite ended the transaction itself (a full disk, say). */
	if (st->depth > 0 && sqlite3_get_autocommit(st->db))
		return cd_err_set(err, CD_ERR_DB, "the change was rolled back");
	/*
	 * Inside a screen's transaction, a savepoint: its failure undoes it
	 * alone. Elsewhere nesting only counts: SQLCipher encrypts every page
	 * a savepoint journals, which would slow batches by a third.
	 */
	if (st->depth > 0 && !st->savepoints) {
		st->depth++;
		return CD_OK;
	}
	code = exec1(st, st->depth > 0 ? "SAVEPOINT nested" :
	    "BEGIN IMMEDIATE", err);
	if (code == CD_OK)
		st->depth++;
	return code;
}

void
store_needs_sync(struct store *st)
{
	if (st->draft_at == 0 || st->depth < st->draft_at)
		st->screen_sync = 1;
}

enum cd_status
store_begin(struct store *st, struct cd_err *err)
{
	enum cd_status code = durability(st, 0, err);

	if (code == CD_OK && st->depth > 0)
		store_needs_sync(st);
	return code == CD_OK ? begin(st, err) : code;
}

enum cd_status
store_begin_draft(struct store *st, struct cd_err *err)
{
	enum cd_status code = durability(st, 1, err);

	if (code == CD_OK)
		code = begin(st, err);
	/* A draft's part of a screen: what it writes may wait for the disk. */
	if (code == CD_OK && st->draft_at == 0)
		st->draft_at = st->depth;
	/* Not begun (busy, say): nothing else may inherit the relaxed sync. */
	if (code != CD_OK && st->depth == 0)
		durability(st, 0, NULL);
	return code;
}

enum cd_status
store_sync(struct store *st, struct cd_err *err)
{
	char *wal = xasprintf("%s-wal", st->path);
	int fd = open(wal, O_RDONLY | O_CLOEXEC), bad = 0, e = 0;

	/* No log (never written, or checkpointed away): nothing pending. */
	if (fd < 0 && errno != ENOENT)
		bad = 1, e = errno;
	else if (fd >= 0) {
		if (fsync(fd) != 0)
			bad = 1, e = errno;
		close(fd);
	}
	if (bad)
		cd_err_set(err, CD_ERR_IO, "cannot sync %s: %s", wal,
		    strerror(e));
	free(wal);
	return bad ? CD_ERR_IO : CD_OK;
}

/* The transaction is over: forget what only held inside it. */
static void
ended(struct store *st)
{
	st->depth = 0;
	st->savepoints = 0;
	st->draft_at = 0;
	st->screen_sync = 0;
	store_audit_forget_head(st);
	/* Only the draft's own commit is relaxed; every other one syncs. */
	if (st->relaxed)
		durability(st, 0, NULL);
}

enum cd_status
store_commit(struct store *st, struct cd_err *err)
{
	enum cd_status code;

	if (st->depth == 0)
		return cd_err_set(err, CD_ERR_DB, "the change was rolled back");
	if (st->depth > 1) {
		code = st->savepoints ? exec1(st, "RELEASE nested", err) :
		    CD_OK;
		if (code != CD_OK)
			store_rollback(st);
		else
			st->depth--;
		if (st->draft_at > st->depth)
			st->draft_at = 0;	/* the draft's part is over */
		return code;
	}
	code = exec1(st, "COMMIT", err);
	if (code != CD_OK)
		store_rollback(st);
	else
		ended(st);
	return code;
}

enum cd_status
store_end(struct store *st, enum cd_status code, struct cd_err *err)
{
	if (code != CD_OK) {
		store_rollback(st);
		return code;
	}
	return store_commit(st, err);
}

/* Append ev when all went well, then commit; else roll back. */
enum cd_status
store_end_audited(struct store *st, enum cd_status code,
    const struct audit_event *ev, struct cd_err *err)
{
	if (code == CD_OK)
		code = store_audit_append(st, ev, err);
	return store_end(st, code, err);
}

enum cd_status
store_batch_begin(struct store *st, struct cd_err *err)
{
	return store_begin(st, err);
}

enum cd_status
store_batch_commit(struct store *st, struct cd_err *err)
{
	return store_commit(st, err);
}

enum cd_status
store_screen_begin(struct store *st, int *grouped, struct cd_err *err)
{
	enum cd_status code;

	*grouped = 0;
	if (st->depth > 0)	/* inside another transaction: part of it */
		return CD_OK;
	/*
	 * Relaxed until something in it must be durable: a screen that only
	 * searched commits as a draft's field does, any other is synced
	 * after its commit (store_screen_end).
	 */
	code = durability(st, 1, err);
	if (code == CD_OK)
		code = begin(st, err);
	if (code != CD_OK && st->depth == 0)
		durability(st, 0, NULL);
	*grouped = code == CD_OK;
	st->savepoints = *grouped;
	st->screen_sync = 0;
	st->draft_at = 0;
	return code;
}

enum cd_status
store_screen_end(struct store *st, int grouped, struct cd_err *err)
{
	enum cd_status code;
	int sync = st->screen_sync;

	if (!grouped)
		return CD_OK;
	code = store_commit(st, err);
	/* What a synchronous = FULL commit would have waited for. */
	if (code == CD_OK && sync)
		code = store_sync(st, err);
	return code;
}

/*
 * Indexes a bulk build never reads, dropped while it runs and each made
 * again at its end in one sorted pass. Most are keyed on a value that
 * arrives in no order (names and their sounds, dates of birth, numbers,
 * postcodes): kept up to date row by row, at a million people they touch
 * most of their pages in every batch. The audit trail's two are in order,
 * but every record's events update them: sorted once, they cost less.
 */
static const char *const bulk_deferred[] = {
	"person_family_hit", "person_given_hit", "person_family_sound_hit",
	"person_given_sound_hit", "person_dob_hit", "person_expected_hit",
	"person_nhs", "person_upn", "person_name_key", "person_name_sound",
	"person_name_given", "address_postcode",
	"care_episode_placement_postcode",
	"audit_event_person", "audit_event_actor",
};
#define NDEFERRED (sizeof bulk_deferred / sizeof bulk_deferred[0])

/* Forget the text of the indexes a bulk build dropped. */
static void
bulk_forget(struct store *st)
{
	size_t i;

	if (st->bulk_sql == NULL)
		return;
	for (i = 0; i < NDEFERRED; i++)
		free(st->bulk_sql[i]);
	free(st->bulk_sql);
	st->bulk_sql = NULL;
}

/* The mark of a bulk build under way: path.building, made or removed. */
static enum cd_status
building_mark(const char *path, int on, struct cd_err *err)
{
	char *mark = file_sibling(path, ".building");
	int fd, e = 0;

	if (on) {
		fd = open(mark, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (fd < 0 || fsync(fd) != 0)
			e = errno;
		if (fd >= 0)
			close(fd);
	} else if (unlink(mark) != 0 && errno != ENOENT)
		e = errno;
	if (e != 0)
		cd_err_set(err, CD_ERR_IO, "cannot %s %s: %s", on ? "make" :
		    "remove", mark, strerror(e));
	free(mark);
	return e != 0 ? CD_ERR_IO : CD_OK;
}

/* Whether a bulk build of path began and did not end. */
static int
building_marked(const char *path)
{
	char *mark = file_sibling(path, ".building");
	int on = file_exists(mark);

	free(mark);
	return on;
}

/* Set the journal mode, and check that SQLite took it. */
static enum cd_status
journal_mode(struct store *st, const char *mode, struct cd_err *err)
{
	char sql[48];
	sqlite3_stmt *s;
	enum cd_status code;

	snprintf(sql, sizeof sql, "PRAGMA journal_mode = %s", mode);
	s = store_stmt(st, sql, err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	code = store_stmt_row(st, s, "setting the journal", err);
	if (code == CD_OK) {
		const char *took = (const char *)sqlite3_column_text(s, 0);

		if (took == NULL || strcmp(took, mode) != 0)
			code = cd_err_set(err, CD_ERR_DB, "the database would "
			    "not change to journal mode %s", mode);
	}
	store_stmt_done(st, s);
	return code;
}

/* The page cache: cache_mib MiB, or the normal size for 0. */
static enum cd_status
cache_set(struct store *st, int cache_mib, struct cd_err *err)
{
	char sql[64];

	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", cache_mib > 0 ?
	    cache_mib * 1024 : CACHE_KIB);
	return exec1(st, sql, err);
}

enum cd_status
store_bulk_begin(struct store *st, int cache_mib, struct cd_err *err)
{
	enum cd_status code;
	char sql[96];
	size_t i;

	if (st->bulk_sql != NULL)
		return cd_err_set(err, CD_ERR_INVALID, "a bulk build is "
		    "already under way");
	if (st->depth > 0)
		return cd_err_set(err, CD_ERR_INVALID, "a bulk build begins "
		    "outside a transaction");
	code = cache_set(st, cache_mib, err);
	/*
	 * Marked first, beside the database: a build cut off leaves the
	 * mark, even where what it wrote cannot be read.
	 */
	if (code == CD_OK)
		code = building_mark(st->path, 1, err);
	/*
	 * No log to write each page to and copy back, no journal (SQLCipher
	 * encrypts each page it journals), and no waiting for the disk. A
	 * batch that fails is not rolled back: the build stops there, and a
	 * build that failed or was cut off is thrown away (casedesk demo
	 * removes what it made). Only a database nobody else has open can
	 * leave its log (a test's second connection, say): else the build
	 * keeps it, more slowly.
	 */
	if (code == CD_OK) {
		sqlite3_busy_timeout(st->db, 0);
		st->bulk_unjournaled = journal_mode(st, "off", NULL) == CD_OK;
		sqlite3_busy_timeout(st->db, BUSY_MS);
	}
	if (code == CD_OK)
		code = exec1(st, "PRAGMA synchronous = OFF", err);
	/* Sorting for the indexes made at the end may use a second core. */
	if (code == CD_OK)
		code = exec1(st, "PRAGMA threads = 2", err);
	if (code != CD_OK)
		return code;
	st->bulk_sql = xcalloc(NDEFERRED, sizeof *st->bulk_sql);
	for (i = 0; code == CD_OK && i < NDEFERRED; i++) {
		sqlite3_stmt *s = store_stmt(st, "SELECT sql FROM "
		    "sqlite_master WHERE type = 'index' AND name = ?1", err);

		if (s == NULL)
			return err ? err->code : CD_ERR_DB;
		store_bind_kept(s, 1, bulk_deferred[i]);
		code = store_stmt_row(st, s, "reading the schema", err);
		if (code == CD_OK)
			st->bulk_sql[i] = store_column_dup(s, 0);
		store_stmt_done(st, s);
		/* The schema is always brought up to date before use. */
		if (code == CD_ERR_NOTFOUND)
			code = cd_err_set(err, CD_ERR_DB, "the index %s is not "
			    "in the schema", bulk_deferred[i]);
		if (code != CD_OK)
			break;
		/* The names are this file's constants, not input. */
		snprintf(sql, sizeof sql, "DROP INDEX %s", bulk_deferred[i]);
		code = exec1(st, sql, err);
	}
	return code;
}

enum cd_status
store_bulk_end(struct store *st, struct cd_err *err)
{
	enum cd_status code = CD_OK;
	size_t i;

	if (st->bulk_sql == NULL)
		return CD_OK;
	/* The schema's own text, read back before the drop. */
	for (i = 0; code == CD_OK && i < NDEFERRED; i++)
		if (st->bulk_sql[i] != NULL)
			code = exec1(st, st->bulk_sql[i], err);
	bulk_forget(st);
	if (code == CD_OK)
		code = cache_set(st, 0, err);
	if (code == CD_OK && st->bulk_unjournaled)
		code = journal_mode(st, "wal", err);
	st->bulk_unjournaled = 0;
	if (code == CD_OK)
		code = exec1(st, "PRAGMA synchronous = FULL", err);
	if (code == CD_OK)
		st->relaxed = 0;
	if (code == CD_OK)
		code = building_mark(st->path, 0, err);
	return code;
}

void
store_rollback(struct store *st)
{
	if (st->depth > 1 && st->savepoints &&
	    exec1(st, "ROLLBACK TO nested", NULL) == CD_OK &&
	    exec1(st, "RELEASE nested", NULL) == CD_OK) {
		st->depth--;
		if (st->draft_at > st->depth)
			st->draft_at = 0;
		store_audit_forget_head(st);
		return;
	}
	if (!sqlite3_get_autocommit(st->db))
		exec1(st, "ROLLBACK", NULL);
	st->nsteps = 0;		/* what was started is undone too */
	ended(st);
}

void
store_bind_text(sqlite3_stmt *s, int i, const char *text)
{
	if (text == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, text, -1, SQLITE_TRANSIENT);
}

void
store_bind_kept(sqlite3_stmt *s, int i, const char *text)
{
	sqlite3_bind_text(s, i, text, -1, SQLITE_STATIC);
}

char *
store_column_dup(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);

	return t ? xstrdup((const char *)t) : NULL;
}

/* The governance check, then a transaction for its work. */
enum cd_status
store_governance_begin(struct store *st, const char *what,
    struct cd_err *err)
{
	enum cd_status code = access_governance_only(st, what, err);

	return code == CD_OK ? store_begin(st, err) : code;
}

/* One text value from sql about a row (?1), or NULL; a new string. */
char *
store_one_text(struct store *st, const char *sql, int64_t id)
{
	char *v;

	store_scalar_text(st, sql, id, &v, NULL);
	return v;
}

enum cd_status
store_meta_set(struct store *st, const char *key, const char *value,
    struct cd_err *err)
{
	sqlite3_stmt *s = store_stmt(st,
	    "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", err);

	if (s != NULL) {
		store_bind_text(s, 1, key);
		store_bind_text(s, 2, value);
	}
	return store_stmt_run(st, s, "saving settings", err);
}

char *
store_meta_get(struct store *st, const char *key)
{
	sqlite3_stmt *s = store_stmt(st,
	    "SELECT value FROM meta WHERE key = ?", NULL);
	char *v = NULL;

	if (s == NULL)
		return NULL;
	store_bind_text(s, 1, key);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = store_column_dup(s, 0);
	store_stmt_done(st, s);
	return v;
}

/* Free everything in st without touching the audit trail. */
static void
store_free(struct store **stp)
{
	struct store *st = *stp;

	if (st == NULL)
		return;
	store_stmt_clear(st);
	if (st->db)
		sqlite3_close_v2(st->db);
	free(st->path);
	free(st->anchor_path);
	secret_free(&st->anchor_key);
	secret_free(&st->key_spec);
	free(st->user_name);
	free(st->terminal);
	free(st->ssh_client);
	free(st->glass);
	free(st->steps);
	free(st->policies);
	bulk_forget(st);	/* a bulk build that did not end */
	free(st);
	*stp = NULL;
}

/* How open_keyed opens: to write (creating the file or not), or to read. */
enum open_mode { OPEN_WRITE, OPEN_CREATE, OPEN_READ };

/* A reader walks once through what it reads: a small cache serves it. */
#define READER_CACHE_KIB 2048

/*
 * Open path and key it. SQLCipher checks the key lazily, so read the
 * schema now: SQLITE_NOTADB here, after the keyring accepted the
 * passphrase, means the file is not this keyring's database.
 */
static enum cd_status
open_keyed(const char *path, const struct dbkey *key, enum open_mode mode,
    struct store **out, struct cd_err *err)
{
	static const char *pragmas[] = {
		"PRAGMA foreign_keys = ON",
		"PRAGMA secure_delete = ON",
		"PRAGMA temp_store = MEMORY",
		"PRAGMA synchronous = FULL",
		"PRAGMA journal_mode = WAL",
	};
	struct store *st = xcalloc(1, sizeof *st);
	enum cd_status code;
	char sql[64];
	size_t i;
	int flags = SQLITE_OPEN_NOMUTEX;

	*out = NULL;
	st->path = xstrdup(path);
	st->anchor_path = file_sibling(path, ".anchor");
	st->cipher_format = key->cipher_format;
	st->page_size = key->page_size;
	code = secret_dup(key->anchor_key->data, key->anchor_key->len,
	    &st->anchor_key, err);
	if (code == CD_OK)
		code = secret_dup(key->spec->data, key->spec->len,
		    &st->key_spec, err);
	if (code != CD_OK)
		goto fail;
	flags |= mode == OPEN_READ ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE;
	if (mode == OPEN_CREATE)
		flags |= SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &st->db, flags, NULL) != SQLITE_OK) {
		code = cd_err_set(err, CD_ERR_IO, "cannot open database %s: %s",
		    path, st->db ? sqlite3_errmsg(st->db) : "out of memory");
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	/* Before any read: another client may be writing right now. */
	sqlite3_busy_timeout(st->db, BUSY_MS);
#ifndef CASEDESK_PLAIN_SQLITE
	if (sqlite3_key(st->db, key->spec->data, (int)key->spec->len) !=
	    SQLITE_OK) {
		code = store_db_err(st, err, "keying the database");
		goto fail;
	}
	/* A 3.x file opened by SQLCipher 4 needs the 3.x settings. */
	if (key->cipher_format == 3 && store_cipher_major() >= 4 &&
	    (code = exec1(st, "PRAGMA cipher_compatibility = 3", err)) != CD_OK)
		goto fail;
	/* 3.4.1 does not store the page size: set it on every open. */
	snprintf(sql, sizeof sql, "PRAGMA cipher_page_size = %u",
	    (unsigned)key->page_size);
#else
	/* The benchmarks' unencrypted build: same page size, no key. */
	snprintf(sql, sizeof sql, "PRAGMA page_size = %u",
	    (unsigned)key->page_size);
#endif
	if ((code = exec1(st, sql, err)) != CD_OK)
		goto fail;
	code = exec1(st, "SELECT count(*) FROM sqlite_master", err);
	if (code == CD_ERR_DB_MISMATCH || code == CD_ERR_CORRUPT) {
		code = cd_err_set(err, CD_ERR_DB_MISMATCH,
		    "the database %s does not match its keyring: the keyring "
		    "accepted the passphrase but its key does not open this "
		    "file (a keyring from another database, or a damaged "
		    "database)", path);
		goto fail;
	}
	if (code != CD_OK)
		goto fail;
	snprintf(sql, sizeof sql, "PRAGMA cache_size = -%d", mode == OPEN_READ ?
	    READER_CACHE_KIB : CACHE_KIB);
	if ((code = exec1(st, sql, err)) != CD_OK)
		goto fail;
	/* A reader takes the database as it is: its mode is the writer's. */
	for (i = 0; mode != OPEN_READ && i < sizeof pragmas / sizeof pragmas[0];
	    i++)
		if ((code = exec1(st, pragmas[i], err)) != CD_OK)
			goto fail;
	*out = st;
	return CD_OK;
fail:
	store_free(&st);
	return code;
}

enum cd_status
store_open_keyed(const char *path, const struct dbkey *key, int create,
    struct store **out, struct cd_err *err)
{
	return open_keyed(path, key, create ? OPEN_CREATE : OPEN_WRITE, out,
	    err);
}

enum cd_status
store_open_reader(struct store *st, struct store **out, struct cd_err *err)
{
	struct dbkey key;

	key.spec = st->key_spec;
	key.anchor_key = st->anchor_key;
	key.cipher_format = st->cipher_format;
	key.page_size = st->page_size;
	return open_keyed(st->path, &key, OPEN_READ, out, err);
}

enum cd_status
store_create(const char *path, const struct dbkey *key, int demo,
    struct store **out, struct cd_err *err)
{
	char now[DATE_TIME_LEN];
	enum cd_status code;
	struct store *st;

	char *anchor = file_sibling(path, ".anchor");
	int stale = file_exists(anchor);

	*out = NULL;
	if (file_exists(path) || stale) {
		code = cd_err_set(err, CD_ERR_EXISTS, "%s already exists; "
		    "casedesk will not overwrite a database or its audit "
		    "anchor", stale ? anchor : path);
		free(anchor);
		return code;
	}
	free(anchor);
	code = store_open_keyed(path, key, 1, &st, err);
	if (code != CD_OK)
		return code;
	chmod(path, 0600);
	code = schema_migrate(st, err);
	if (code == CD_OK && (code = store_begin(st, err)) == CD_OK) {
		date_now(now);
		code = store_meta_set(st, "created", now, err);
		if (code == CD_OK)
			code = store_meta_set(st, "demo", demo ? "1" : "0",
			    err);
		if (code == CD_OK)
			code = store_commit(st, err);
		else
			store_rollback(st);
	}
	if (code != CD_OK) {
		store_free(&st);
		unlink(path);
		return code;
	}
	st->demo = demo;
	*out = st;
	return store_audit_anchor(st, err);
}

enum cd_status
store_open(const char *path, const struct dbkey *key, struct store **out,
    struct cd_err *err)
{
	enum cd_status code;
	struct store *st;
	char *demo;

	*out = NULL;
	if (!file_exists(path))
		return cd_err_set(err, CD_ERR_NOTFOUND,
		    "no database at %s (make one with casedesk init)", path);
	if (building_marked(path))
		return cd_err_set(err, CD_ERR_CORRUPT, "the database %s was cut "
		    "off while it was being built (a demo stopped before its "
		    "end): it is incomplete, so it is not opened; make it again "
		    "with casedesk demo --reset", path);
	code = store_open_keyed(path, key, 0, &st, err);
	if (code != CD_OK)
		return code;
	code = schema_migrate(st, err);
	if (code == CD_OK)
		code = schema_check(st, err);
	if (code != CD_OK) {
		store_free(&st);
		return code;
	}
	demo = store_meta_get(st, "demo");
	st->demo = demo != NULL && strcmp(demo, "1") == 0;
	free(demo);
	*out = st;
	return CD_OK;
}

/*
 * The failed-logins file: one line per attempt, fields separated by tabs
 * (time, user name, reason, terminal, ssh client, the real clock's
 * seconds for the back-off, and "recorded" once the attempt is in the
 * audit trail). It is opened without following links
 * and locked while read or written; a user's lines go at their next
 * successful login, and until then set how long their next try waits.
 */
static char *
failed_path(const char *db_path)
{
	return file_sibling(db_path, ".failed");
}

/* Copy s made visible (no control characters), so a line stays one line. */
static char *
one_line(const char *s)
{
	return text_visible(s, 0);
}

/* Open and lock the failed-logins file (never through a link); -1 if not. */
static int
failed_open(const char *path, int create)
{
	int fd = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC |
	    (create ? O_CREAT : 0), 0600);

	if (fd >= 0 && flock(fd, LOCK_EX) != 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* Read the whole of an open file (NUL-terminated); NULL on failure. */
static char *
failed_read(int fd)
{
	struct buf b = { 0 };
	char chunk[4096];
	ssize_t n;

	buf_addstr(&b, "");
	if (lseek(fd, 0, SEEK_SET) < 0)
		return NULL;
	while ((n = read(fd, chunk, sizeof chunk)) > 0 && b.len < (1u << 24))
		buf_add(&b, chunk, (size_t)n);
	return (char *)b.data;
}

enum cd_status
store_note_failed_login(const char *db_path, const char *name,
    const char *reason, const struct store_origin *origin,
    struct cd_err *err)
{
	char *path = failed_path(db_path), now[DATE_TIME_LEN];
	char *n = one_line(name), *r = one_line(reason);
	char *t = one_line(origin ? origin->terminal : NULL);
	char *h = one_line(origin ? origin->ssh_client : NULL);
	struct buf line = { 0 };
	enum cd_status code = CD_OK;
	int fd, saved;

	date_now(now);
	buf_addf(&line, "%s\t%s\t%s\t%s\t%s\t%lld\n", now, n, r, t, h,
	    (long long)time(NULL));
	fd = failed_open(path, 1);
	if (fd < 0 || lseek(fd, 0, SEEK_END) < 0 ||
	    write(fd, line.data, line.len) != (ssize_t)line.len) {
		saved = errno;
		code = cd_err_set(err, CD_ERR_IO, "cannot record failed login "
		    "in %s: %s", path, strerror(saved));
	}
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	buf_fini(&line);
	free(path);
	free(n);
	free(r);
	free(t);
	free(h);
	return code;
}

/*
 * Split a failed-login line into its fields, in place: five in older
 * files, then the seconds and the recorded mark (NULL when absent).
 */
static int
split_failed(char *line, char *f[7])
{
	int i;

	f[5] = f[6] = NULL;
	for (i = 0; i < 7; i++) {
		f[i] = line;
		line = strchr(line, '\t');
		if (line == NULL)
			return i >= 4 ? 0 : -1;
		*line++ = '\0';
	}
	return 0;
}

/* How many failures name has in the file, and when the last one was. */
static int
failures_of(const char *data, const char *name, long long *last)
{
	char *copy = xstrdup(data), *line, *next, *f[7];
	int n = 0;

	*last = 0;
	for (line = copy; *line; line = next) {
		next = strchr(line, '\n');
		if (next == NULL)
			next = line + strlen(line);
		else
			*next++ = '\0';
		if (split_failed(line, f) != 0 || strcmp(f[1], name) != 0)
			continue;
		n++;
		if (f[5] != NULL && atoll(f[5]) > *last)
			*last = atoll(f[5]);
	}
	free(copy);
	return n;
}

int
store_login_backoff(const char *db_path, const char *name)
{
	char *path = failed_path(db_path), *data, *one = one_line(name);
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC), n, wait;
	long long last, since;

	free(path);
	if (fd < 0) {
		free(one);
		return 0;
	}
	flock(fd, LOCK_SH);
	data = failed_read(fd);
	close(fd);
	n = data ? failures_of(data, one, &last) : 0;
	free(data);
	free(one);
	if (n == 0 || last == 0)
		return 0;
	/* 1, 2, 4 ... seconds after the last failure, never more than 30. */
	wait = n > 5 ? 30 : 1 << (n - 1);
	since = (long long)time(NULL) - last;
	if (since < 0)
		return wait;	/* the clock went back: wait the whole time */
	return since >= wait ? 0 : wait - (int)since;
}

int
store_login_failures(const struct store *st)
{
	return st->failures;
}

/*
 * Move noted failed logins into the audit trail. The lines of name (the
 * user now logged in; NULL for none) go; the others stay, marked
 * recorded, for their back-off.
 */
static enum cd_status
ingest_failed(struct store *st, const char *name, struct cd_err *err)
{
	char *path = failed_path(st->path), *data, *line, *next, *f[7];
	long long last;
	struct buf keep = { 0 };
	enum cd_status code;
	int fd = failed_open(path, 0);

	free(path);
	if (fd < 0)
		return CD_OK;	/* nothing noted */
	data = failed_read(fd);
	if (data == NULL) {
		close(fd);
		return CD_OK;
	}
	if (name != NULL)
		st->failures = failures_of(data, name, &last);
	code = store_begin(st, err);
	for (line = data; code == CD_OK && *line; line = next) {
		struct audit_change ch[4];
		struct audit_event ev = { 0 };
		int mine;

		next = strchr(line, '\n');
		if (next == NULL)
			next = line + strlen(line);
		else
			*next++ = '\0';
		if (split_failed(line, f) != 0)
			continue;
		mine = name != NULL && strcmp(f[1], name) == 0;
		if (!mine)
			buf_addf(&keep, "%s\t%s\t%s\t%s\t%s\t%s\trecorded\n",
			    f[0], f[1], f[2], f[3], f[4], f[5] ? f[5] : "0");
		if (f[6] != NULL)
			continue;	/* in the trail already */
		ch[0] = (struct audit_change){ "attempted_at", NULL, f[0] };
		ch[1] = (struct audit_change){ "user", NULL, f[1] };
		ch[2] = (struct audit_change){ "reason", NULL, f[2] };
		ch[3] = (struct audit_change){ "from", NULL,
		    *f[4] ? f[4] : f[3] };
		ev.action = "login-failed";
		ev.entity = "user";
		ev.flagged = 0;
		ev.changes = ch;
		ev.nchanges = 4;
		code = store_audit_append(st, &ev, err);
	}
	if (code == CD_OK)
		code = store_commit(st, err);
	else
		store_rollback(st);
	/* Rewritten in place under the lock: an appender waits for it. */
	if (code == CD_OK && ftruncate(fd, 0) == 0 && keep.len > 0)
		(void)!pwrite(fd, keep.data, keep.len, 0);
	close(fd);
	buf_fini(&keep);
	free(data);
	return code;
}

void
store_set_origin(struct store *st, const struct store_origin *origin)
{
	free(st->terminal);
	free(st->ssh_client);
	st->terminal = xstrdup(origin && origin->terminal ? origin->terminal :
	    "unknown");
	st->ssh_client = origin && origin->ssh_client ?
	    xstrdup(origin->ssh_client) : NULL;
}

/* Log in as name, recording action ("login" or "unlock"). */
static enum cd_status
login_as(struct store *st, const char *name,
    const struct store_origin *origin, const char *action,
    struct cd_err *err)
{
	sqlite3_stmt *s;
	enum cd_status code;
	int found = 0, disabled = 0;
	char *role = NULL;
	struct audit_event ev = { 0 };
	size_t reapplied;

	store_set_origin(st, origin);
	s = store_stmt(st, "SELECT id, role, disabled, person_id FROM users "
	    "WHERE name = ?", err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	store_bind_text(s, 1, name);
	if (sqlite3_step(s) == SQLITE_ROW) {
		found = 1;
		st->user_id = sqlite3_column_int64(s, 0);
		role = store_column_dup(s, 1);
		disabled = sqlite3_column_int(s, 2);
		st->self_person_id = sqlite3_column_int64(s, 3);
	}
	store_stmt_done(st, s);
	if (!found || disabled || role_parse(role, &st->role, NULL) != CD_OK) {
		st->user_id = 0;
		free(role);
		store_note_failed_login(st->path, name, !found ?
		    "no such user" : disabled ? "user disabled" : "bad role",
		    origin, NULL);
		ingest_failed(st, NULL, NULL);
		return cd_err_set(err, CD_ERR_DENIED, !found ?
		    "no user \"%s\" in this database" :
		    "user \"%s\" is disabled", name);
	}
	free(role);
	free(st->user_name);	/* a second login on one connection */
	st->user_name = xstrdup(name);
	code = ingest_failed(st, name, err);
	if (code != CD_OK)
		return code;
	ev.action = action;
	ev.entity = "user";
	ev.entity_id = st->user_id;
	code = store_audit_append(st, &ev, err);
	/* Destructions since the copy this file came from are re-applied. */
	if (code == CD_OK)
		code = store_tombstones_apply(st, &reapplied, err);
	return code;
}

enum cd_status
store_login(struct store *st, const char *name,
    const struct store_origin *origin, struct cd_err *err)
{
	return login_as(st, name, origin, "login", err);
}

enum cd_status
store_resume(struct store *st, const char *name,
    const struct store_origin *origin, struct cd_err *err)
{
	return login_as(st, name, origin, "unlock", err);
}

/* The value of "key = value" line for key in text, or NULL (new string). */
static char *
setting_value(const char *text, const char *key, size_t klen)
{
	const char *p = text;

	while (p && *p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (len >= klen + 3 && strncmp(p, key, klen) == 0 &&
		    strncmp(p + klen, " = ", 3) == 0)
			return xstrndup(p + klen + 3, len - klen - 3);
		p = nl ? nl + 1 : NULL;
	}
	return NULL;
}

/* Add a change for every key of a whose value differs in b (or is gone). */
static void
diff_settings(const char *a, const char *b, int a_is_new,
    struct audit_change **ch, size_t *n)
{
	const char *p = a;

	while (p && *p) {
		const char *nl = strchr(p, '\n'), *eq = strstr(p, " = ");
		size_t klen;
		char *key, *va, *vb;

		if (eq == NULL || (nl && eq > nl))
			break;
		klen = (size_t)(eq - p);
		key = xstrndup(p, klen);
		va = setting_value(a, key, klen);
		vb = setting_value(b, key, klen);
		if (va == NULL || vb == NULL || strcmp(va, vb) != 0) {
			*ch = xreallocarray(*ch, *n + 1, sizeof **ch);
			(*ch)[*n].field = key;
			(*ch)[*n].old = a_is_new ? vb : va;
			(*ch)[*n].new_ = a_is_new ? va : vb;
			if ((*ch)[*n].old == NULL)
				(*ch)[*n].old = xstrdup("(unset)");
			if ((*ch)[*n].new_ == NULL)
				(*ch)[*n].new_ = xstrdup("(unset)");
			(*n)++;
		} else {
			free(key);
			free(va);
			free(vb);
		}
		p = nl ? nl + 1 : NULL;
	}
}

enum cd_status
store_note_config(struct store *st, const char *canonical,
    struct cd_err *err)
{
	struct audit_change *ch = NULL, first = { "configuration", NULL,
	    "recorded" };
	struct audit_event ev = { 0 };
	char *old = store_meta_get(st, "config");
	enum cd_status code;
	size_t n = 0, i;

	if (old != NULL && strcmp(old, canonical) == 0) {
		free(old);
		return CD_OK;
	}
	if (old != NULL) {
		diff_settings(canonical, old, 1, &ch, &n);
		/* Settings that disappeared (unbound keys, say). */
		{
			struct audit_change *gone = NULL;
			size_t ngone = 0;

			diff_settings(old, canonical, 0, &gone, &ngone);
			for (i = 0; i < ngone; i++) {
				if (strcmp(gone[i].new_, "(unset)") == 0) {
					ch = xreallocarray(ch, n + 1,
					    sizeof *ch);
					ch[n++] = gone[i];
				} else {
					free((char *)gone[i].field);
					free((char *)gone[i].old);
					free((char *)gone[i].new_);
				}
			}
			free(gone);
		}
	}
	code = store_begin(st, err);
	if (code == CD_OK)
		code = store_meta_set(st, "config", canonical, err);
	ev.action = "config-change";
	ev.entity = "configuration";
	ev.changes = old != NULL ? ch : &first;
	ev.nchanges = old != NULL ? n : 1;
	if (code == CD_OK)
		code = store_audit_append(st, &ev, err);
	if (code == CD_OK)
		code = store_commit(st, err);
	else
		store_rollback(st);
	for (i = 0; i < n; i++) {
		free((char *)ch[i].field);
		free((char *)ch[i].old);
		free((char *)ch[i].new_);
	}
	free(ch);
	free(old);
	return code;
}

const char *
store_user_name(const struct store *st)
{
	return st->user_name ? st->user_name : "";
}

enum role
store_user_role(const struct store *st)
{
	return st->role;
}

const char *
store_path(const struct store *st)
{
	return st->path;
}

int
store_is_demo(const struct store *st)
{
	return st->demo;
}

int
store_schema_version(const struct store *st)
{
	sqlite3_stmt *s = store_prepare((struct store *)st,
	    "PRAGMA user_version", NULL);
	int v = -1;

	if (s != NULL && sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* End a session with action ("logout" or "lock") and close. */
static void
finish(struct store **stp, const char *action)
{
	struct store *st = *stp;
	struct audit_event ev = { 0 };

	if (st == NULL)
		return;
	store_rollback(st);
	if (st->user_id != 0) {
		ev.action = action;
		ev.entity = "user";
		ev.entity_id = st->user_id;
		store_audit_append(st, &ev, NULL);
	}
	if (st->appended) {
		store_audit_anchor(st, NULL);
		store_audit_head_publish(st);
	}
	store_free(stp);
}

void
store_lock(struct store **stp)
{
	finish(stp, "lock");
}

void
store_close(struct store **stp)
{
	finish(stp, "logout");
}

enum cd_status
store_integrity(struct store *st, struct cd_err *err)
{
	sqlite3_stmt *s = store_prepare(st, "PRAGMA integrity_check", NULL);
	enum cd_status code = CD_OK;
	const char *row;
	int rc;

	if (s == NULL)
		return cd_err_set(err, CD_ERR_CORRUPT, "the database file %s is "
		    "damaged: %s", st->path, sqlite3_errmsg(st->db));
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *nl;

		row = (const char *)sqlite3_column_text(s, 0);
		if (row == NULL || strcmp(row, "ok") == 0 || code != CD_OK)
			continue;
		/* The first problem is enough to say; the rest follow it. */
		if (strncmp(row, "*** ", 4) == 0 && (nl = strchr(row, '\n')))
			row = nl + 1;
		nl = strchr(row, '\n');
		code = cd_err_set(err, CD_ERR_CORRUPT, "the database file %s is "
		    "damaged (%.*s%s); restore the last good backup", st->path,
		    nl ? (int)(nl - row) : (int)strlen(row), row, nl ?
		    ", and more" : "");
	}
	if (rc != SQLITE_DONE && code == CD_OK)
		code = cd_err_set(err, CD_ERR_CORRUPT, "the database file %s is "
		    "damaged (a page does not decrypt, or was altered): %s",
		    st->path, sqlite3_errmsg(st->db));
	sqlite3_finalize(s);
	return code;
}
