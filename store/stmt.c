#include "config.h"

#include "store/stmt.h"

#include <stdlib.h>
#include <string.h>

#include "common/xmem.h"
#include "store/store_int.h"

/* At most this many statements are kept; any more are prepared each time. */
#define STMT_MAX 1024

struct stmt_entry {
	char *sql;
	uint32_t hash;
	sqlite3_stmt *s;
	int busy;		/* handed out and not yet handed back */
};

/* How many handed-out statements are remembered for a cheap hand-back. */
#define STMT_OUT 32

/*
 * An open-addressing table keyed by the SQL text, and the statements
 * handed out (with their text's hash), so handing one back finds its slot
 * by pointer instead of hashing and comparing its text again.
 */
struct stmt_cache {
	struct stmt_entry *e;
	size_t cap;		/* a power of two */
	size_t n;
	struct {
		sqlite3_stmt *s;
		uint32_t hash;
	} out[STMT_OUT];
	size_t nout;
};

/*
 * A hash of the SQL text, eight bytes at a time: statements are looked up
 * by their text on every call, and a byte-at-a-time hash of a record's
 * INSERT was several per cent of building the demo.
 */
static uint32_t
sql_hash(const char *sql)
{
	size_t len = strlen(sql), i;
	uint64_t h = 0x9E3779B97F4A7C15ULL ^ len, w;

	for (i = 0; i + 8 <= len; i += 8) {
		memcpy(&w, sql + i, 8);
		h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, sql + i, len - i);
	h = (h ^ w) * 0x94D049BB133111EBULL;
	h ^= h >> 32;
	return (uint32_t)h;
}

/* The slot holding sql, or the empty slot where it would go. */
static struct stmt_entry *
slot(struct stmt_cache *c, const char *sql, uint32_t h)
{
	size_t i = h & (c->cap - 1);

	while (c->e[i].sql != NULL && (c->e[i].hash != h ||
	    strcmp(c->e[i].sql, sql) != 0))
		i = (i + 1) & (c->cap - 1);
	return &c->e[i];
}

/* Double the table (or make its first one). */
static void
grow(struct stmt_cache *c)
{
	struct stmt_entry *old = c->e;
	size_t oldcap = c->cap, i;

	c->cap = oldcap ? oldcap * 2 : 64;
	c->e = xcalloc(c->cap, sizeof *c->e);
	for (i = 0; i < oldcap; i++)
		if (old[i].sql != NULL)
			*slot(c, old[i].sql, old[i].hash) = old[i];
	free(old);
}

/* Remember that e's statement is out (forgotten if too many are). */
static void
handed_out(struct stmt_cache *c, const struct stmt_entry *e)
{
	if (c->nout < STMT_OUT) {
		c->out[c->nout].s = e->s;
		c->out[c->nout++].hash = e->hash;
	}
}

/* The slot of a handed-out statement s, found by pointer; NULL if unknown. */
static struct stmt_entry *
slot_out(struct stmt_cache *c, sqlite3_stmt *s)
{
	size_t k = c->nout, i;

	while (k > 0 && c->out[k - 1].s != s)
		k--;
	if (k == 0)
		return NULL;
	i = c->out[k - 1].hash & (c->cap - 1);
	memmove(&c->out[k - 1], &c->out[k], (c->nout - k) * sizeof c->out[0]);
	c->nout--;
	while (c->e[i].sql != NULL && c->e[i].s != s)
		i = (i + 1) & (c->cap - 1);
	return c->e[i].s == s ? &c->e[i] : NULL;
}

sqlite3_stmt *
store_stmt(struct store *st, const char *sql, struct cd_err *err)
{
	struct stmt_cache *c = st->stmts;
	struct stmt_entry *e;
	uint32_t h = sql_hash(sql);

	if (c == NULL)
		c = st->stmts = xcalloc(1, sizeof *c);
	if (c->cap == 0)
		grow(c);
	e = slot(c, sql, h);
	if (e->sql != NULL) {
		if (e->busy)
			return store_prepare(st, sql, err);
		e->busy = 1;
		handed_out(c, e);
		return e->s;
	}
	if (c->n >= STMT_MAX)
		return store_prepare(st, sql, err);
	if ((c->n + 1) * 2 > c->cap) {
		grow(c);
		e = slot(c, sql, h);
	}
	e->s = store_prepare(st, sql, err);
	if (e->s == NULL)
		return NULL;
	e->sql = xstrdup(sql);
	e->hash = h;
	e->busy = 1;
	c->n++;
	handed_out(c, e);
	return e->s;
}

void
store_stmt_done(struct store *st, sqlite3_stmt *s)
{
	struct stmt_cache *c = st->stmts;
	struct stmt_entry *e;
	const char *sql;

	if (s == NULL)
		return;
	e = c != NULL && c->cap > 0 ? slot_out(c, s) : NULL;
	if (e == NULL) {
		sql = sqlite3_sql(s);
		if (c == NULL || c->cap == 0 || sql == NULL ||
		    (e = slot(c, sql, sql_hash(sql)))->s != s) {
			sqlite3_finalize(s);
			return;
		}
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	e->busy = 0;
}

enum cd_status
store_stmt_run(struct store *st, sqlite3_stmt *s, const char *what,
    struct cd_err *err)
{
	int rc;

	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	do
		rc = sqlite3_step(s);
	while (rc == SQLITE_ROW);
	if (rc != SQLITE_DONE) {
		enum cd_status code = store_db_err(st, err, what);

		store_stmt_done(st, s);
		return code;
	}
	store_stmt_done(st, s);
	return CD_OK;
}

enum cd_status
store_stmt_row(struct store *st, sqlite3_stmt *s, const char *what,
    struct cd_err *err)
{
	int rc = sqlite3_step(s);

	if (rc == SQLITE_ROW)
		return CD_OK;
	if (rc == SQLITE_DONE)
		return CD_ERR_NOTFOUND;
	return store_db_err(st, err, what);
}

/* Prepare sql with ?1 = id and step it once. */
static enum cd_status
scalar(struct store *st, const char *sql, int64_t id, sqlite3_stmt **out,
    struct cd_err *err)
{
	enum cd_status code;

	*out = store_stmt(st, sql, err);
	if (*out == NULL)
		return err ? err->code : CD_ERR_DB;
	if (sqlite3_bind_parameter_count(*out) > 0)
		sqlite3_bind_int64(*out, 1, id);
	code = store_stmt_row(st, *out, "reading the database", err);
	if (code != CD_OK) {
		store_stmt_done(st, *out);
		*out = NULL;
	}
	return code;
}

enum cd_status
store_scalar_int(struct store *st, const char *sql, int64_t id,
    int64_t *out, struct cd_err *err)
{
	sqlite3_stmt *s;
	enum cd_status code = scalar(st, sql, id, &s, err);

	*out = 0;
	if (code == CD_OK) {
		*out = sqlite3_column_int64(s, 0);
		store_stmt_done(st, s);
	}
	return code;
}

enum cd_status
store_scalar_text(struct store *st, const char *sql, int64_t id, char **out,
    struct cd_err *err)
{
	sqlite3_stmt *s;
	enum cd_status code = scalar(st, sql, id, &s, err);

	*out = NULL;
	if (code == CD_OK) {
		*out = store_column_dup(s, 0);
		store_stmt_done(st, s);
	}
	return code;
}

void
store_stmt_clear(struct store *st)
{
	struct stmt_cache *c = st->stmts;
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->cap; i++)
		if (c->e[i].sql != NULL) {
			sqlite3_finalize(c->e[i].s);
			free(c->e[i].sql);
		}
	free(c->e);
	free(c);
	st->stmts = NULL;
}
