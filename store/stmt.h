/*
 * Prepared statements kept on the connection, keyed by their SQL text, for
 * the life of the session; and the one way the store steps them. Internal
 * to store/.
 *
 *	s = store_stmt(st, "SELECT ... WHERE id = ?", err);
 *	if (s == NULL)
 *		return err ? err->code : CD_ERR_DB;
 *	sqlite3_bind_int64(s, 1, id);
 *	... sqlite3_step(s) ...
 *	store_stmt_done(st, s);
 *
 * A statement handed out is the caller's until store_stmt_done; asking for
 * the same SQL meanwhile (a callback that reads while an outer loop steps)
 * gets a fresh statement, finalised when it is handed back.
 */
#ifndef CD_STORE_STMT_H
#define CD_STORE_STMT_H

#include <sqlite3.h>
#include <stdint.h>

#include "common/status.h"

struct store;

/* The connection's statement for sql, reset and unbound; NULL with err set. */
sqlite3_stmt *store_stmt(struct store *st, const char *sql,
    struct cd_err *err);

/* Hand s back: reset and kept when it came from the cache, else finalised. */
void store_stmt_done(struct store *st, sqlite3_stmt *s);

/*
 * Step s until it is done, hand it back, and return CD_OK or the database
 * error, described as "what: ..." (s may be NULL: err is then already set).
 */
enum cd_status store_stmt_run(struct store *st, sqlite3_stmt *s,
    const char *what, struct cd_err *err);

/*
 * Step s once: CD_OK on a row, CD_ERR_NOTFOUND when there is none, else the
 * database error (with err set, naming what). s stays the caller's.
 */
enum cd_status store_stmt_row(struct store *st, sqlite3_stmt *s,
    const char *what, struct cd_err *err);

/*
 * The first column of the first row of sql with ?1 bound to id: CD_OK with
 * *out set, CD_ERR_NOTFOUND when no row, or the database error. A NULL
 * value reads as 0 or NULL.
 */
enum cd_status store_scalar_int(struct store *st, const char *sql,
    int64_t id, int64_t *out, struct cd_err *err);
enum cd_status store_scalar_text(struct store *st, const char *sql,
    int64_t id, char **out, struct cd_err *err);

/* Finalise every kept statement (on close, before a rekey or a lock). */
void store_stmt_clear(struct store *st);

#endif
