#include "config.h"

#include "store/testing.h"

#include <stdio.h>

#include "store/store_int.h"

enum cd_status
store_test_exec(struct store *st, const char *sql, struct cd_err *err)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		enum cd_status code = cd_err_set(err, CD_ERR_DB, "%s",
		    msg ? msg : "error");

		sqlite3_free(msg);
		return code;
	}
	return CD_OK;
}

void
store_test_demo(struct store *st)
{
	st->demo = 1;
	store_meta_set(st, "demo", "1", NULL);
}

/*
 * Count the cells of every table whose text contains needle; where names
 * the first such table.column. Used to prove a destruction left nothing.
 */
long
store_test_find_text(struct store *st, const char *needle, char *where,
    size_t wsize)
{
	sqlite3_stmt *t, *c, *q;
	long hits = 0;

	if (wsize)
		where[0] = '\0';
	if (sqlite3_prepare_v2(st->db, "SELECT name FROM sqlite_master WHERE "
	    "type = 'table' AND name NOT LIKE 'sqlite_%'", -1, &t, NULL) !=
	    SQLITE_OK)
		return -1;
	while (sqlite3_step(t) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(t, 0);
		char *sql = sqlite3_mprintf("PRAGMA table_info(\"%w\")", table);

		if (sqlite3_prepare_v2(st->db, sql, -1, &c, NULL) != SQLITE_OK) {
			sqlite3_free(sql);
			continue;
		}
		sqlite3_free(sql);
		while (sqlite3_step(c) == SQLITE_ROW) {
			const char *col = (const char *)sqlite3_column_text(c, 1);
			long n = 0;

			sql = sqlite3_mprintf("SELECT count(*) FROM \"%w\" WHERE "
			    "instr(lower(CAST(\"%w\" AS TEXT)), lower(?1)) > 0",
			    table, col);
			if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) ==
			    SQLITE_OK) {
				sqlite3_bind_text(q, 1, needle, -1,
				    SQLITE_STATIC);
				if (sqlite3_step(q) == SQLITE_ROW)
					n = sqlite3_column_int64(q, 0);
				sqlite3_finalize(q);
			}
			sqlite3_free(sql);
			if (n > 0 && hits == 0 && wsize)
				snprintf(where, wsize, "%s.%s", table, col);
			hits += n;
		}
		sqlite3_finalize(c);
	}
	sqlite3_finalize(t);
	return hits;
}

long
store_test_count(struct store *st, const char *sql)
{
	sqlite3_stmt *s;
	long n = -1;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

static int
count_statement(unsigned type, void *arg, void *p, void *x)
{
	struct store_test_counts *c = arg;

	(void)p;
	(void)x;
	if (type == SQLITE_TRACE_STMT)
		c->statements++;
	return 0;
}

static int
count_step(void *arg)
{
	((struct store_test_counts *)arg)->steps++;
	return 0;
}

static int
count_commit(void *arg)
{
	struct store_test_counts *c = arg;

	c->commits++;
	/* A screen that must be durable syncs the log after its commit. */
	c->relaxed += c->st->relaxed && !c->st->screen_sync;
	return 0;
}

void
store_test_count_start(struct store *st, struct store_test_counts *c)
{
	c->statements = c->steps = c->commits = c->relaxed = 0;
	c->st = st;
	sqlite3_trace_v2(st->db, SQLITE_TRACE_STMT, count_statement, c);
	sqlite3_progress_handler(st->db, 1, count_step, c);
	sqlite3_commit_hook(st->db, count_commit, c);
}

void
store_test_count_stop(struct store *st)
{
	sqlite3_trace_v2(st->db, 0, NULL, NULL);
	sqlite3_progress_handler(st->db, 0, NULL, NULL);
	sqlite3_commit_hook(st->db, NULL, NULL);
}

long long
store_test_audit_head(struct store *st)
{
	return store_test_count(st, "SELECT coalesce(max(seq), 0) FROM "
	    "audit_event");
}

void
store_test_verify_split(struct store *st, int how)
{
	st->split = how;
}

void
store_test_verify_race(struct store *st, void (*fn)(void *), void *arg)
{
	st->split_race = fn;
	st->split_race_arg = arg;
}
