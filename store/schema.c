#include "config.h"

#include <stdio.h>

#include "store/store.h"
#include "store/store_int.h"

/*
 * Migrations, oldest first. Each runs in its own transaction that also sets
 * PRAGMA user_version, so a crash leaves the database at one version or
 * the next. SQL here must be accepted by SQLite 3.15 (Debian's SQLCipher).
 */
struct migration {
	int version;
	const char *sql;
};

static const struct migration migrations[] = {
	{ 1,
	"CREATE TABLE meta ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL);"
	"CREATE TABLE users ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  full_name TEXT NOT NULL DEFAULT '',"
	"  role TEXT NOT NULL CHECK (role IN ('duty','social','manager',"
	"    'adoption','ooh','education','governance','admin','trainer')),"
	"  team TEXT NOT NULL DEFAULT '',"
	"  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0,1)),"
	"  created_at TEXT NOT NULL,"
	"  version INTEGER NOT NULL DEFAULT 1);"
	/* The audit trail: seq is assigned by the store, never reused. */
	"CREATE TABLE audit_event ("
	"  seq INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  role TEXT NOT NULL,"
	"  terminal TEXT NOT NULL,"
	"  ssh_client TEXT,"
	"  action TEXT NOT NULL,"
	"  entity TEXT,"
	"  entity_id INTEGER,"
	"  person_id INTEGER,"
	"  flagged INTEGER NOT NULL DEFAULT 0,"
	"  detail_hash BLOB,"
	"  hash BLOB NOT NULL);"
	"CREATE INDEX audit_event_person ON audit_event(person_id) "
	"  WHERE person_id IS NOT NULL;"
	"CREATE INDEX audit_event_actor ON audit_event(actor, seq);"
	/* Details retention may purge; the chain keeps their hash. */
	"CREATE TABLE audit_detail ("
	"  seq INTEGER PRIMARY KEY REFERENCES audit_event(seq),"
	"  body BLOB);"
	"CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event "
	"  BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;"
	"CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event "
	"  BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;"
	"CREATE TRIGGER audit_detail_no_delete BEFORE DELETE ON audit_detail "
	"  BEGIN SELECT RAISE(ABORT, 'audit_detail is append-only'); END;"
	"CREATE TRIGGER audit_detail_purge_only BEFORE UPDATE ON audit_detail "
	"  WHEN NEW.seq IS NOT OLD.seq OR NEW.body IS NOT NULL "
	"  BEGIN SELECT RAISE(ABORT, 'audit details can only be purged'); END;"
	},
};

#define NMIGRATIONS (sizeof migrations / sizeof migrations[0])

/* Run one migration and set user_version, all in one transaction. */
static enum cd_status
migrate_one(struct store *st, const struct migration *m, struct cd_err *err)
{
	char version[48];
	char *msg = NULL;
	enum cd_status code;

	code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	snprintf(version, sizeof version, "PRAGMA user_version = %d",
	    m->version);
	if (sqlite3_exec(st->db, m->sql, NULL, NULL, &msg) != SQLITE_OK ||
	    sqlite3_exec(st->db, version, NULL, NULL, &msg) != SQLITE_OK) {
		code = cd_err_set(err, CD_ERR_DB,
		    "schema migration to version %d failed: %s", m->version,
		    msg ? msg : "unknown error");
		sqlite3_free(msg);
		store_rollback(st);
		return code;
	}
	return store_commit(st, err);
}

enum cd_status
schema_migrate(struct store *st, struct cd_err *err)
{
	int have = store_schema_version(st);
	size_t i;
	enum cd_status code;

	if (have < 0)
		return cd_err_set(err, CD_ERR_DB, "cannot read schema version");
	if (have > STORE_SCHEMA_VERSION)
		return cd_err_set(err, CD_ERR_VERSION,
		    "the database %s has schema version %d, newer than this "
		    "casedesk understands (version %d): upgrade casedesk",
		    st->path, have, STORE_SCHEMA_VERSION);
	for (i = 0; i < NMIGRATIONS; i++) {
		if (migrations[i].version <= have)
			continue;
		code = migrate_one(st, &migrations[i], err);
		if (code != CD_OK)
			return code;
	}
	return CD_OK;
}
