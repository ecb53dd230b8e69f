/* Internals shared by the files of store/. Not for use outside store/. */
#ifndef CD_STORE_STORE_INT_H
#define CD_STORE_STORE_INT_H

#include <sqlite3.h>
#include <stdint.h>

#include "common/status.h"
#include "keys/secret.h"
#include "store/access.h"

struct store {
	sqlite3 *db;
	char *path;
	char *anchor_path;
	struct secret *anchor_key;
	int demo;
	int appended;		/* audit events written by this connection */
	int64_t user_id;	/* 0 until store_login */
	char *user_name;
	enum role role;
	char *terminal;
	char *ssh_client;
};

/* Copy the connection's error into err with a prefix, mapping the code. */
enum cd_status store_db_err(struct store *st, struct cd_err *err,
    const char *what);

/* Prepare sql or set err; NULL on failure. */
sqlite3_stmt *store_prepare(struct store *st, const char *sql,
    struct cd_err *err);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. */
enum cd_status store_begin(struct store *st, struct cd_err *err);
enum cd_status store_commit(struct store *st, struct cd_err *err);
void store_rollback(struct store *st);

/* Run the migrations up to STORE_SCHEMA_VERSION. */
enum cd_status schema_migrate(struct store *st, struct cd_err *err);

/* Read and write the meta table. */
enum cd_status store_meta_set(struct store *st, const char *key,
    const char *value, struct cd_err *err);
char *store_meta_get(struct store *st, const char *key);

/* Bind text, or NULL when s is NULL. */
void store_bind_text(sqlite3_stmt *s, int i, const char *s_text);
/* A column as a new string, NULL for SQL NULL. */
char *store_column_dup(sqlite3_stmt *s, int i);

#endif
