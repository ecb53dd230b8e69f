#include "config.h"

#include "store/audit.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/file.h"
#include "common/xmem.h"
#include "keys/hash.h"
#include "store/store.h"
#include "store/store_int.h"

#define ANCHOR_MAGIC "casedesk audit anchor 1\n"

/* The text fields of an event's canonical form, in order. */
enum { CANON_TEXTS = 7 };

/*
 * What an event's hash covers: its sequence number, its text fields (at,
 * actor, role, terminal, ssh_client, action, entity; p NULL for SQL NULL),
 * its entity and person, its flag and its details' hash.
 */
struct canon {
	int64_t seq;
	struct {
		const char *p;
		size_t len;
	} text[CANON_TEXTS];
	int64_t entity_id, person_id;
	int flagged;
	const void *dhash;
	size_t dhash_len;
};

/* Put v big-endian at p. */
static unsigned char *
put_be(unsigned char *p, uint64_t v, int bytes)
{
	int i;

	for (i = bytes - 1; i >= 0; i--, v >>= 8)
		p[i] = (unsigned char)v;
	return p + bytes;
}

/* How many bytes canon_put writes for c. */
static size_t
canon_size(const struct canon *c)
{
	size_t n = 8 + 8 + 8 + 4 + 4 + c->dhash_len;
	int i;

	for (i = 0; i < CANON_TEXTS; i++)
		n += 4 + (c->text[i].p ? c->text[i].len : 0);
	return n;
}

/*
 * The bytes an event's hash covers, written at out (canon_size bytes).
 * Every field is length-prefixed (NULL is 0xffffffff) so no two different
 * events share an encoding.
 */
static void
canon_put(unsigned char *out, const struct canon *c)
{
	unsigned char *p = put_be(out, (uint64_t)c->seq, 8);
	int i;

	for (i = 0; i < CANON_TEXTS; i++) {
		if (c->text[i].p == NULL) {
			p = put_be(p, 0xffffffffu, 4);
			continue;
		}
		p = put_be(p, (uint32_t)c->text[i].len, 4);
		memcpy(p, c->text[i].p, c->text[i].len);
		p += c->text[i].len;
	}
	p = put_be(p, (uint64_t)c->entity_id, 8);
	p = put_be(p, (uint64_t)c->person_id, 8);
	p = put_be(p, (uint32_t)c->flagged, 4);
	p = put_be(p, (uint32_t)c->dhash_len, 4);
	if (c->dhash_len > 0)
		memcpy(p, c->dhash, c->dhash_len);
}

/* Set text field i of c to the C string s (or NULL). */
static void
canon_text(struct canon *c, int i, const char *s)
{
	c->text[i].p = s;
	c->text[i].len = s ? strlen(s) : 0;
}

/* Encode the changes as the detail body: count, then field/old/new triples. */
static void
encode_changes(struct buf *b, const struct audit_change *c, size_t n)
{
	size_t i;

	buf_add_u32(b, (uint32_t)n);
	for (i = 0; i < n; i++) {
		buf_add_field(b, c[i].field);
		buf_add_field(b, c[i].old);
		buf_add_field(b, c[i].new_);
	}
}

/* Read a length-prefixed field; *ok cleared on malformed input. */
static char *
get_field(const unsigned char *p, size_t len, size_t *off, int *ok)
{
	uint32_t n;

	if (!*ok || len - *off < 4) {
		*ok = 0;
		return NULL;
	}
	n = (uint32_t)p[*off] << 24 | (uint32_t)p[*off + 1] << 16 |
	    (uint32_t)p[*off + 2] << 8 | p[*off + 3];
	*off += 4;
	if (n == 0xffffffffu)
		return NULL;
	if (len - *off < n) {
		*ok = 0;
		return NULL;
	}
	*off += n;
	return xstrndup((const char *)p + *off - n, n);
}

/* Decode a detail body into a new array of changes. */
struct audit_change *
store_audit_decode(const unsigned char *p, size_t len, size_t *n)
{
	struct audit_change *c;
	size_t off = 4, i, count;
	int ok = 1;

	*n = 0;
	if (len < 4)
		return NULL;
	count = (size_t)p[0] << 24 | (size_t)p[1] << 16 | (size_t)p[2] << 8 |
	    p[3];
	if (count > len / 12)
		return NULL;
	c = xcalloc(count ? count : 1, sizeof *c);
	for (i = 0; i < count && ok; i++) {
		c[i].field = get_field(p, len, &off, &ok);
		c[i].old = get_field(p, len, &off, &ok);
		c[i].new_ = get_field(p, len, &off, &ok);
		*n = i + 1;
	}
	return c;
}

void
store_audit_changes_free(struct audit_change *c, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free((char *)c[i].field);
		free((char *)c[i].old);
		free((char *)c[i].new_);
	}
	free(c);
}

/* The latest event's sequence and hash (0 and zeros when empty). */
static enum cd_status
chain_head(struct store *st, int64_t *seq, unsigned char hash[HASH_BYTES],
    struct cd_err *err)
{
	sqlite3_stmt *s = store_stmt(st,
	    "SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1", err);
	int rc;

	*seq = 0;
	memset(hash, 0, HASH_BYTES);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*seq = sqlite3_column_int64(s, 0);
		if (sqlite3_column_bytes(s, 1) == HASH_BYTES)
			memcpy(hash, sqlite3_column_blob(s, 1), HASH_BYTES);
	}
	store_stmt_done(st, s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_err(st, err, "reading the audit trail");
	return CD_OK;
}

/* Insert the event row and its details; the caller holds a transaction. */
static enum cd_status
append_locked(struct store *st, const struct audit_event *ev,
    struct cd_err *err)
{
	unsigned char prev[HASH_BYTES], hash[HASH_BYTES], dhash[HASH_BYTES];
	struct buf body = { 0 };
	unsigned char small[512], *canon;
	struct canon c;
	size_t n;
	const char *actor = st->user_name ? st->user_name : "-";
	const char *role = st->user_name ? role_id(st->role) : "-";
	const char *terminal = st->terminal ? st->terminal : "unknown";
	char at[DATE_TIME_LEN];
	sqlite3_stmt *s;
	enum cd_status code;
	int64_t seq;
	int rc;

	/* Inside a write transaction nobody else appends: keep the head. */
	if (st->head_seq > 0) {
		seq = st->head_seq;
		memcpy(prev, st->head_hash, HASH_BYTES);
	} else {
		code = chain_head(st, &seq, prev, err);
		if (code != CD_OK)
			return code;
	}
	seq++;
	date_now(at);
	if (ev->nchanges > 0) {
		encode_changes(&body, ev->changes, ev->nchanges);
		hash_bytes(body.data, body.len, dhash);
	}
	c.seq = seq;
	canon_text(&c, 0, at);
	canon_text(&c, 1, actor);
	canon_text(&c, 2, role);
	canon_text(&c, 3, terminal);
	canon_text(&c, 4, st->ssh_client);
	canon_text(&c, 5, ev->action);
	canon_text(&c, 6, ev->entity);
	c.entity_id = ev->entity_id;
	c.person_id = ev->person_id;
	c.flagged = ev->flagged;
	c.dhash = dhash;
	c.dhash_len = ev->nchanges > 0 ? HASH_BYTES : 0;
	/* Every event passes here: on the stack unless its texts are long. */
	n = canon_size(&c);
	canon = n <= sizeof small ? small : xmalloc(n);
	canon_put(canon, &c);
	hash_chain(prev, canon, n, hash);
	if (canon != small)
		free(canon);
	s = store_stmt(st, "INSERT INTO audit_event (seq, at, actor, role, "
	    "terminal, ssh_client, action, entity, entity_id, person_id, "
	    "flagged, detail_hash, hash) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", err);
	if (s == NULL) {
		buf_fini(&body);
		return err ? err->code : CD_ERR_DB;
	}
	sqlite3_bind_int64(s, 1, seq);
	store_bind_kept(s, 2, at);
	store_bind_kept(s, 3, actor);
	store_bind_kept(s, 4, role);
	store_bind_kept(s, 5, terminal);
	store_bind_kept(s, 6, st->ssh_client);
	store_bind_kept(s, 7, ev->action);
	store_bind_kept(s, 8, ev->entity);
	if (ev->entity_id)
		sqlite3_bind_int64(s, 9, ev->entity_id);
	if (ev->person_id)
		sqlite3_bind_int64(s, 10, ev->person_id);
	sqlite3_bind_int(s, 11, ev->flagged);
	if (ev->nchanges > 0)
		sqlite3_bind_blob(s, 12, dhash, HASH_BYTES, SQLITE_STATIC);
	sqlite3_bind_blob(s, 13, hash, HASH_BYTES, SQLITE_STATIC);
	rc = sqlite3_step(s);
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE) {
		buf_fini(&body);
		return store_db_err(st, err, "writing the audit trail");
	}
	if (ev->nchanges > 0) {
		s = store_stmt(st, "INSERT INTO audit_detail (seq, body) "
		    "VALUES (?, ?)", err);
		if (s == NULL) {
			buf_fini(&body);
			return err ? err->code : CD_ERR_DB;
		}
		sqlite3_bind_int64(s, 1, seq);
		sqlite3_bind_blob(s, 2, body.data, (int)body.len,
		    SQLITE_STATIC);
		rc = sqlite3_step(s);
		store_stmt_done(st, s);
		if (rc != SQLITE_DONE) {
			buf_fini(&body);
			return store_db_err(st, err, "writing audit details");
		}
	}
	buf_fini(&body);
	st->appended++;
	if (st->depth > 0) {
		st->head_seq = seq;
		memcpy(st->head_hash, hash, HASH_BYTES);
	}
	return CD_OK;
}

void
store_audit_forget_head(struct store *st)
{
	st->head_seq = 0;
}

enum cd_status
store_audit_append(struct store *st, const struct audit_event *ev,
    struct cd_err *err)
{
	enum cd_status code;

	if (!sqlite3_get_autocommit(st->db)) {
		store_needs_sync(st);
		return append_locked(st, ev, err);
	}
	code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	code = append_locked(st, ev, err);
	return store_end(st, code, err);
}

/* What the anchor holds: the chain's head and the last verified event. */
struct anchor {
	int64_t seq;
	unsigned char hash[HASH_BYTES];
	int64_t checked;	/* 0: never verified */
	unsigned char checked_hash[HASH_BYTES];
};

/* The anchor text up to (not including) its MAC line. */
static void
anchor_body(struct buf *b, const struct anchor *a)
{
	char hex[HASH_HEX];

	hash_to_hex(a->hash, hex);
	buf_addstr(b, ANCHOR_MAGIC);
	buf_addf(b, "seq %lld\nhash %s\n", (long long)a->seq, hex);
	if (a->checked > 0) {
		hash_to_hex(a->checked_hash, hex);
		buf_addf(b, "checked %lld\nchecked_hash %s\n",
		    (long long)a->checked, hex);
	}
}

static int anchor_read(struct store *st, struct anchor *a, char *why,
    size_t whylen);

/* The stored hash of event seq; 0 if there is no such event. */
static int
event_hash(struct store *st, int64_t seq, unsigned char hash[HASH_BYTES])
{
	sqlite3_stmt *s = store_stmt(st,
	    "SELECT hash FROM audit_event WHERE seq = ?", NULL);
	int found = 0;

	if (s == NULL)
		return 0;
	sqlite3_bind_int64(s, 1, seq);
	if (sqlite3_step(s) == SQLITE_ROW &&
	    sqlite3_column_bytes(s, 0) == HASH_BYTES) {
		memcpy(hash, sqlite3_column_blob(s, 0), HASH_BYTES);
		found = 1;
	}
	store_stmt_done(st, s);
	return found;
}

/*
 * Whether the existing anchor still agrees with the database. An anchor
 * that disagrees is evidence of tampering and must not be overwritten.
 */
static enum cd_status
anchor_agrees(struct store *st, struct cd_err *err)
{
	unsigned char have[HASH_BYTES];
	struct anchor a;
	char why[256];
	char *written;
	int was_written;

	written = store_meta_get(st, "anchor_written");
	was_written = written != NULL;
	free(written);
	if (anchor_read(st, &a, why, sizeof why) != 0) {
		if (!was_written && !file_exists(st->anchor_path))
			return CD_OK;	/* a new database */
		return cd_err_set(err, CD_ERR_AUDIT, "%s", why);
	}
	if (a.seq == 0)
		return CD_OK;
	if (!event_hash(st, a.seq, have) || !hash_equal(have, a.hash))
		return cd_err_set(err, CD_ERR_AUDIT, "the audit trail no "
		    "longer matches its anchor at event %lld; the anchor is "
		    "kept as evidence (run casedesk audit verify)",
		    (long long)a.seq);
	return CD_OK;
}

enum cd_status
store_audit_anchor_check(struct store *st, struct cd_err *err)
{
	return anchor_agrees(st, err);
}

enum cd_status
store_audit_anchor(struct store *st, struct cd_err *err)
{
	enum cd_status code;

	code = anchor_agrees(st, err);
	if (code != CD_OK)
		return code;
	return store_anchor_write(st, err);
}

/* Write the anchor a (MAC'd) and note that one has been written. */
static enum cd_status
anchor_put(struct store *st, const struct anchor *a, struct cd_err *err)
{
	unsigned char mac[HASH_BYTES];
	char hex[HASH_HEX], *written;
	struct buf b = { 0 };
	enum cd_status code;

	/* Never ahead of the trail on disk: a draft's commit may not be. */
	code = store_sync(st, err);
	if (code != CD_OK)
		return code;
	anchor_body(&b, a);
	hash_mac(st->anchor_key, b.data, b.len, mac);
	hash_to_hex(mac, hex);
	buf_addf(&b, "mac %s\n", hex);
	code = file_write_atomic(st->anchor_path, b.data, b.len, 0600, err);
	buf_fini(&b);
	if (code != CD_OK)
		return code;
	written = store_meta_get(st, "anchor_written");
	if (written == NULL)
		code = store_meta_set(st, "anchor_written", "1", err);
	free(written);
	return code;
}

enum cd_status
store_anchor_write(struct store *st, struct cd_err *err)
{
	struct anchor a, old;
	char why[256];
	enum cd_status code;

	memset(&a, 0, sizeof a);
	code = chain_head(st, &a.seq, a.hash, err);
	if (code != CD_OK)
		return code;
	/* The last verified event carries over from the anchor it replaces. */
	if (anchor_read(st, &old, why, sizeof why) == 0 && old.checked > 0 &&
	    old.checked <= a.seq) {
		a.checked = old.checked;
		memcpy(a.checked_hash, old.checked_hash, HASH_BYTES);
	}
	code = anchor_put(st, &a, err);
	if (code == CD_OK)
		st->appended = 0;
	return code;
}

int
store_anchor_parse(const char *text, int64_t *seq,
    unsigned char hash[HASH_BYTES], int64_t *checked,
    unsigned char checked_hash[HASH_BYTES], unsigned char mac[HASH_BYTES])
{
	char hhex[HASH_HEX + 1], mhex[HASH_HEX + 1], chex[HASH_HEX + 1];
	const char *p;
	long long n, c = 0;
	int used = 0, more = 0;

	if (strncmp(text, ANCHOR_MAGIC, strlen(ANCHOR_MAGIC)) != 0)
		return -1;
	p = text + strlen(ANCHOR_MAGIC);
	if (sscanf(p, "seq %lld\nhash %64s\n%n", &n, hhex, &used) != 2 ||
	    n < 0 || hash_from_hex(hhex, hash) != 0)
		return -1;
	p += used;
	/* The last verified event, when a verify has recorded one. */
	if (strncmp(p, "checked ", 8) == 0) {
		if (sscanf(p, "checked %lld\nchecked_hash %64s\n%n", &c, chex,
		    &more) != 2 || c <= 0 ||
		    hash_from_hex(chex, checked_hash) != 0)
			return -1;
		p += more;
	}
	if (sscanf(p, "mac %64s\n", mhex) != 1 || hash_from_hex(mhex, mac) !=
	    0)
		return -1;
	*seq = (int64_t)n;
	*checked = (int64_t)c;
	return 0;
}

/* Read and authenticate the anchor; -1 with a reason when it cannot be. */
static int
anchor_read(struct store *st, struct anchor *a, char *why, size_t whylen)
{
	unsigned char *data, mac[HASH_BYTES], want[HASH_BYTES];
	int64_t n, c = 0;
	size_t len;
	struct buf b = { 0 };
	int ok;

	memset(a, 0, sizeof *a);
	if (file_read_all(st->anchor_path, 4096, &data, &len, NULL) != CD_OK) {
		snprintf(why, whylen, "the audit anchor %s is missing",
		    st->anchor_path);
		return -1;
	}
	ok = len >= strlen(ANCHOR_MAGIC) && store_anchor_parse((const char *)
	    data, &n, a->hash, &c, a->checked_hash, mac) == 0;
	free(data);
	if (!ok) {
		snprintf(why, whylen, "the audit anchor %s is damaged",
		    st->anchor_path);
		return -1;
	}
	a->seq = n;
	a->checked = c;
	anchor_body(&b, a);
	hash_mac(st->anchor_key, b.data, b.len, want);
	buf_fini(&b);
	if (!hash_equal(mac, want)) {
		memset(a, 0, sizeof *a);
		snprintf(why, whylen, "the audit anchor %s has been altered "
		    "(its MAC does not match)", st->anchor_path);
		return -1;
	}
	return 0;
}

void
store_verify_vproblem(struct audit_verify *v, int64_t seq, const char *fmt,
    va_list ap)
{
	if (v->problem[0] != '\0')
		return;
	v->bad_seq = seq;
	vsnprintf(v->problem, sizeof v->problem, fmt, ap);
}

/* Record the first problem found; later ones are left unreported. */
static void __attribute__((format(printf, 3, 4)))
broken(struct audit_verify *v, int64_t seq, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	store_verify_vproblem(v, seq, fmt, ap);
	va_end(ap);
}

/* The details' cursor of a verify walk: audit_detail in sequence order. */
struct detail_cursor {
	sqlite3_stmt *s;
	int rc;			/* SQLITE_ROW while a row is current */
};

/* Move the cursor to the first detail at or after seq. */
static int64_t
detail_seek(struct detail_cursor *d, int64_t seq)
{
	while (d->rc == SQLITE_ROW && sqlite3_column_int64(d->s, 0) < seq)
		d->rc = sqlite3_step(d->s);
	return d->rc == SQLITE_ROW ? sqlite3_column_int64(d->s, 0) : 0;
}

/*
 * Walk the chain after event from (whose hash is prev) in one pass, up to
 * event to (0: to the end), stopping at the first problem: the events and
 * their details each read in sequence order, side by side, so no event
 * costs a lookup in the other table. prev becomes the last event's hash.
 */
static enum cd_status
walk(struct store *st, int64_t from, int64_t to,
    unsigned char prev[HASH_BYTES], const struct anchor *an, int have_anchor,
    struct audit_verify *v, int *anchor_matched, struct cd_err *err)
{
	unsigned char hash[HASH_BYTES], body_hash[HASH_BYTES];
	unsigned char *canon = NULL;
	size_t cap = 0, n;
	struct detail_cursor d;
	struct canon c;
	int64_t expect = from + 1;
	sqlite3_stmt *s;
	enum cd_status code = CD_OK;
	int rc = SQLITE_DONE, i;

	s = store_stmt(st, "SELECT seq, at, actor, role, terminal, "
	    "ssh_client, action, entity, entity_id, person_id, flagged, "
	    "detail_hash, hash FROM audit_event WHERE seq > ?1 ORDER BY seq",
	    err);
	d.s = store_stmt(st, "SELECT seq, body FROM audit_detail WHERE seq > "
	    "?1 ORDER BY seq", err);
	if (s == NULL || d.s == NULL) {
		store_stmt_done(st, s);
		store_stmt_done(st, d.s);
		return err ? err->code : CD_ERR_DB;
	}
	sqlite3_bind_int64(s, 1, from);
	sqlite3_bind_int64(d.s, 1, from);
	d.rc = sqlite3_step(d.s);
	while ((to == 0 || expect <= to) &&
	    (rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t seq = sqlite3_column_int64(s, 0);
		int has_detail = detail_seek(&d, seq) == seq;

		v->events++;
		if (seq != expect) {
			broken(v, expect, seq > expect ?
			    "event %lld is missing (the next event is %lld)" :
			    "event %lld is out of order (found %lld)",
			    (long long)expect, (long long)seq);
			break;
		}
		c.dhash = sqlite3_column_blob(s, 11);
		c.dhash_len = (size_t)sqlite3_column_bytes(s, 11);
		if (has_detail && sqlite3_column_type(d.s, 1) != SQLITE_NULL) {
			const void *body = sqlite3_column_blob(d.s, 1);

			hash_bytes(body, (size_t)sqlite3_column_bytes(d.s, 1),
			    body_hash);
			if (c.dhash_len != HASH_BYTES ||
			    memcmp(body_hash, c.dhash, HASH_BYTES) != 0) {
				broken(v, seq, "event %lld: its details have "
				    "been altered", (long long)seq);
				break;
			}
		} else if (!has_detail && c.dhash_len != 0) {
			broken(v, seq, "event %lld: its details have been "
			    "removed", (long long)seq);
			break;
		}
		/* Each column read once; the text's length is SQLite's. */
		c.seq = seq;
		for (i = 0; i < CANON_TEXTS; i++) {
			c.text[i].p = (const char *)sqlite3_column_text(s,
			    1 + i);
			c.text[i].len = (size_t)sqlite3_column_bytes(s, 1 + i);
		}
		c.entity_id = sqlite3_column_int64(s, 8);
		c.person_id = sqlite3_column_int64(s, 9);
		c.flagged = sqlite3_column_int(s, 10);
		n = canon_size(&c);
		if (n > cap) {
			cap = 2 * n;
			canon = xrealloc(canon, cap);
		}
		canon_put(canon, &c);
		hash_chain(prev, canon, n, hash);
		if (sqlite3_column_bytes(s, 12) != HASH_BYTES ||
		    memcmp(hash, sqlite3_column_blob(s, 12), HASH_BYTES) != 0) {
			broken(v, seq, "event %lld has been altered (its hash "
			    "does not match its contents)",
			    (long long)seq);
			break;
		}
		memcpy(prev, hash, HASH_BYTES);
		if (have_anchor && seq == an->seq)
			*anchor_matched = hash_equal(hash, an->hash) ? 1 : -1;
		expect++;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		code = store_db_err(st, err, "reading the audit trail");
	else if (d.rc != SQLITE_ROW && d.rc != SQLITE_DONE)
		code = store_db_err(st, err, "reading the audit details");
	free(canon);
	store_stmt_done(st, s);
	store_stmt_done(st, d.s);
	v->last = expect - 1;
	return code;
}

/* Walks shorter than this are not worth a second connection. */
#define SPLIT_MIN_EVENTS 20000
/* How many times the two snapshots are taken before giving up on them. */
#define SPLIT_TRIES 3

/* A half of a split walk: its own connection, on its own thread. */
struct half {
	struct store *rd;
	int64_t from, to;	/* it walks the events after from, to to (0:
				   to the end) */
	unsigned char start[HASH_BYTES];	/* event from's hash */
	unsigned char prev[HASH_BYTES];	/* then its last event's */
	const struct anchor *an;
	int have_anchor, anchor_matched;
	struct audit_verify v;
	enum cd_status code;
	struct cd_err err;
};

/* A half's walk, on its connection alone (a thread's start routine). */
static void *
half_walk(void *arg)
{
	struct half *h = arg;

	memcpy(h->prev, h->start, HASH_BYTES);
	h->code = walk(h->rd, h->from, h->to, h->prev, h->an, h->have_anchor,
	    &h->v, &h->anchor_matched, &h->err);
	return NULL;
}

/* Whether h walked its events and found nothing wrong. */
static int
half_clean(const struct half *h, int64_t last)
{
	return h->code == CD_OK && h->v.problem[0] == '\0' &&
	    h->v.last == last;
}

/* Run sql (BEGIN, COMMIT) on st's connection; 0 when it went. */
static int
run(struct store *st, const char *sql)
{
	return store_stmt_run(st, store_stmt(st, sql, NULL), "verify",
	    NULL) == CD_OK ? 0 : -1;
}

/*
 * The connection's view of the database: it changes when a read
 * transaction starts after another connection has committed. -1 if not
 * known.
 */
static int64_t
data_version(struct store *st)
{
	sqlite3_stmt *s = store_stmt(st, "PRAGMA data_version", NULL);
	int64_t n = -1;

	if (s != NULL && sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	store_stmt_done(st, s);
	return n;
}

/* End the read transactions of the halves. */
static void
halves_end(struct half *h, int n)
{
	int i;

	for (i = 0; i < n; i++)
		run(h[i].rd, "COMMIT");
}

/*
 * Open read transactions on st and on the halves' readers on one and the
 * same snapshot, each half reading the stored hash of the event it starts
 * after (the first half's start is given). The readers' begin after st's,
 * so they are the same or newer; st's then begins again, and if its data
 * version has not moved, no other connection committed in between and
 * all are one. 0 when they are (every transaction open), -1 when a writer
 * kept committing or a read failed (every one ended).
 */
static int
same_snapshot(struct store *st, struct half *h, int n, int *resnapped)
{
	int64_t before, after;
	int tries, i, ok;

	if (run(st, "BEGIN") != 0)
		return -1;
	before = data_version(st);
	for (tries = 0; tries < SPLIT_TRIES && before >= 0; tries++) {
		for (i = 0, ok = 1; i < n; i++) {
			unsigned char hash[HASH_BYTES];

			if (run(h[i].rd, "BEGIN") != 0) {
				ok = 0;
				break;
			}
			/* The read begins the snapshot, found or not. */
			if (event_hash(h[i].rd, h[i].from, hash)) {
				if (i > 0)
					memcpy(h[i].start, hash, HASH_BYTES);
			} else if (i > 0) {
				run(h[i].rd, "COMMIT");
				ok = 0;
				break;
			}
		}
		if (!ok) {
			halves_end(h, i);
			break;
		}
		if (st->split_race != NULL)
			st->split_race(st->split_race_arg);
		if (run(st, "COMMIT") != 0 || run(st, "BEGIN") != 0) {
			halves_end(h, n);
			break;
		}
		after = data_version(st);
		if (after >= 0 && after == before)
			return 0;
		(*resnapped)++;
		halves_end(h, n);
		before = after;
	}
	run(st, "COMMIT");
	return -1;
}

/* Whether st's walk after event from may go on two threads. */
static int
split_wanted(struct store *st, int64_t from, int64_t *last)
{
	unsigned char head[HASH_BYTES];

	if (st->split < 0 || sqlite3_threadsafe() == 0 || st->depth > 0 ||
	    !sqlite3_get_autocommit(st->db))
		return 0;
	if (chain_head(st, last, head, NULL) != CD_OK || *last - from < 2)
		return 0;
	return st->split > 0 || *last - from >= SPLIT_MIN_EVENTS;
}

/*
 * The walk of verify, on both cores when the chain is long: two read-only
 * connections, each on its own thread, walk the events up to the middle
 * one and those after it (the second from the middle event's stored hash),
 * all in one snapshot with st's. A half counts only when it found
 * nothing and its ends meet: the first ends at the middle event, the
 * second began from the hash the first computed for it and ends at the
 * head st's connection sees. From the first half that does not, st's own
 * connection walks again, so what verify reports is always its own
 * reading. Readers with their small caches also leave the session's own
 * cache as it was. When a reader or the thread cannot be had (a read-only
 * folder, an error), the walk is the serial one, with the same results.
 */
static enum cd_status
walk_split(struct store *st, int64_t from, unsigned char prev[HASH_BYTES],
    const struct anchor *an, int have_anchor, struct audit_verify *v,
    int *anchor_matched, struct cd_err *err)
{
	unsigned char head[HASH_BYTES];
	struct half h[2];
	pthread_t thread;
	int64_t last, mid;
	enum cd_status code;
	int i, started;

	v->walk = AUDIT_WALK_SERIAL;
	if (!split_wanted(st, from, &last))
		return walk(st, from, 0, prev, an, have_anchor, v,
		    anchor_matched, err);
	memset(h, 0, sizeof h);
	mid = from + (last - from) / 2;
	h[0].from = from;
	h[0].to = mid;
	memcpy(h[0].start, prev, HASH_BYTES);
	h[1].from = mid;
	for (i = 0; i < 2; i++) {
		h[i].an = an;
		h[i].have_anchor = have_anchor;
	}
	if (store_open_reader(st, &h[0].rd, NULL) != CD_OK ||
	    store_open_reader(st, &h[1].rd, NULL) != CD_OK ||
	    same_snapshot(st, h, 2, &v->resnapped) != 0) {
		store_close(&h[0].rd);
		store_close(&h[1].rd);
		return walk(st, from, 0, prev, an, have_anchor, v,
		    anchor_matched, err);
	}
	/* The head as this snapshot has it: where the second half must end. */
	started = chain_head(st, &last, head, NULL) == CD_OK && last > mid &&
	    pthread_create(&thread, NULL, half_walk, &h[1]) == 0;
	if (started) {
		v->walk = AUDIT_WALK_SPLIT;
		half_walk(&h[0]);
		pthread_join(thread, NULL);
	}
	halves_end(h, 2);
	store_close(&h[0].rd);
	store_close(&h[1].rd);
	if (!started) {
		code = walk(st, from, 0, prev, an, have_anchor, v,
		    anchor_matched, err);
	} else if (!half_clean(&h[0], mid)) {
		v->walk = AUDIT_WALK_REWALKED;
		code = walk(st, from, 0, prev, an, have_anchor, v,
		    anchor_matched, err);
	} else {
		v->events = h[0].v.events;
		v->last = mid;
		memcpy(prev, h[0].prev, HASH_BYTES);
		if (h[0].anchor_matched != 0)
			*anchor_matched = h[0].anchor_matched;
		code = CD_OK;
		if (half_clean(&h[1], last) && hash_equal(prev, h[1].start) &&
		    hash_equal(h[1].prev, head)) {
			v->events += h[1].v.events;
			v->last = last;
			memcpy(prev, h[1].prev, HASH_BYTES);
			if (h[1].anchor_matched != 0)
				*anchor_matched = h[1].anchor_matched;
		} else {
			v->walk = AUDIT_WALK_REWALKED;
			code = walk(st, mid, 0, prev, an, have_anchor, v,
			    anchor_matched, err);
		}
	}
	run(st, "COMMIT");
	return code;
}

/* The walk behind both verifies; from_checkpoint starts at the anchor's. */
static enum cd_status
verify(struct store *st, int from_checkpoint, struct audit_verify *v,
    struct cd_err *err)
{
	unsigned char prev[HASH_BYTES], have[HASH_BYTES];
	char anchor_problem[sizeof v->problem];
	struct anchor an;
	int have_anchor, anchor_matched = 0;
	enum cd_status code;

	memset(v, 0, sizeof *v);
	if (!access_may(st, ACCESS_AUDIT_VERIFY))
		return cd_err_set(err, CD_ERR_DENIED,
		    "the %s role may not verify the audit trail",
		    role_title(st->role));
	have_anchor = anchor_read(st, &an, anchor_problem,
	    sizeof anchor_problem) == 0;
	v->anchor_seq = have_anchor ? an.seq : 0;
	memset(prev, 0, sizeof prev);
	if (from_checkpoint) {
		/* A checkpoint is only as good as the anchor's MAC. */
		if (!have_anchor)
			return cd_err_set(err, CD_ERR_AUDIT, "%s; the last "
			    "verified event cannot be trusted (run audit "
			    "verify --full)", anchor_problem);
		if (an.checked > 0) {
			if (!event_hash(st, an.checked, have) ||
			    !hash_equal(have, an.checked_hash)) {
				broken(v, an.checked, "event %lld has changed "
				    "since it was verified", (long long)
				    an.checked);
				return cd_err_set(err, CD_ERR_AUDIT, "%s",
				    v->problem);
			}
			memcpy(prev, an.checked_hash, HASH_BYTES);
			v->from = an.checked;
			/* The anchor's own event was checked before. */
			if (an.seq <= an.checked)
				anchor_matched = 1;
		}
	}
	code = walk_split(st, v->from, prev, &an, have_anchor, v,
	    &anchor_matched, err);
	if (code != CD_OK)
		return code;
	if (v->problem[0] == '\0' && have_anchor) {
		if (an.seq > v->last)
			broken(v, v->last + 1, "the trail has been cut off: the "
			    "anchor records %lld events but only %lld remain",
			    (long long)an.seq, (long long)v->last);
		else if (an.seq > 0 && anchor_matched != 1)
			broken(v, an.seq, "event %lld does not match the hash "
			    "recorded in the anchor", (long long)an.seq);
	}
	if (v->problem[0] == '\0' && !have_anchor)
		memcpy(v->problem, anchor_problem, sizeof v->problem);
	if (v->problem[0] == '\0') {
		code = store_verify_state(st, v, err);
		if (code != CD_OK)
			return code;
	}
	if (v->problem[0] != '\0')
		return cd_err_set(err, CD_ERR_AUDIT, "%s", v->problem);
	/*
	 * Remember how far the chain is known good, under the anchor's MAC;
	 * best effort (a read-only copy still verifies). The anchor is read
	 * again first: a session that closed during the walk may have moved
	 * it on, and putting back the one read at the start would undo that.
	 */
	if (v->last > an.checked) {
		struct anchor now;

		if (!have_anchor || anchor_read(st, &now, anchor_problem,
		    sizeof anchor_problem) != 0 || now.seq < an.seq)
			now = an;
		if (v->last > now.checked) {
			now.checked = v->last;
			memcpy(now.checked_hash, prev, HASH_BYTES);
			anchor_put(st, &now, NULL);
		}
	}
	return CD_OK;
}

/* People whose records the session may or may not read, as decided. */
struct person_seen {
	int64_t *id;
	int *allowed;
	size_t n;
};

/*
 * Whether an event's details are withheld from this session: always from
 * an administrator (who manages the system, not the record); from
 * governance for a person whose record they may not read now, such as a
 * restricted one they have not broken glass for.
 */
static int
details_withheld(struct store *st, int64_t person, struct person_seen *seen)
{
	size_t i;
	int ok;

	if (!access_audit_details(st))
		return 1;
	if (person == 0)
		return 0;
	for (i = 0; i < seen->n; i++)
		if (seen->id[i] == person)
			return !seen->allowed[i];
	/* A destroyed record's details went with it: nothing to withhold. */
	ok = store_access_person(st, person, 0, NULL, NULL) == CD_OK;
	if (!ok) {
		char *exists = store_one_text(st, "SELECT 1 FROM person WHERE "
		    "id = ?1", person);

		ok = exists == NULL;
		free(exists);
	}
	seen->id = xreallocarray(seen->id, seen->n + 1, sizeof *seen->id);
	seen->allowed = xreallocarray(seen->allowed, seen->n + 1,
	    sizeof *seen->allowed);
	seen->id[seen->n] = person;
	seen->allowed[seen->n++] = ok;
	return !ok;
}

/*
 * Of a flagged event's details, governance reviewing it keeps the reason
 * typed for the access (what the review judges) and nothing else.
 */
static void
keep_reason_only(struct audit_change *c, size_t *n)
{
	size_t i, k = 0;

	for (i = 0; c != NULL && i < *n; i++) {
		if (c[i].field && strcmp(c[i].field, "reason") == 0) {
			struct audit_change t = c[k];

			c[k++] = c[i];
			c[i] = t;
		}
	}
	for (i = k; c != NULL && i < *n; i++) {
		free((char *)c[i].field);
		free((char *)c[i].old);
		free((char *)c[i].new_);
	}
	*n = k;
}

/* Reading the trail is itself audited: who looked, and for what. */
static enum cd_status
audit_read_event(struct store *st, const struct audit_filter *f,
    struct cd_err *err)
{
	struct audit_change ch[4];
	struct audit_event ev = { 0 };
	char person[24], flagged[8];
	size_t n = 0;

	if (f != NULL && f->person_id) {
		snprintf(person, sizeof person, "%lld",
		    (long long)f->person_id);
		ch[n++] = (struct audit_change){ "person", NULL, person };
	}
	if (f != NULL && f->actor)
		ch[n++] = (struct audit_change){ "actor", NULL, f->actor };
	if (f != NULL && f->since)
		ch[n++] = (struct audit_change){ "since", NULL, f->since };
	if (f != NULL && f->flagged) {
		snprintf(flagged, sizeof flagged, "%d", f->flagged);
		ch[n++] = (struct audit_change){ "flagged", NULL, flagged };
	}
	/* About the trail, not the person: their access report stays theirs. */
	ev.action = "view";
	ev.entity = "audit_event";
	ev.changes = n ? ch : NULL;
	ev.nchanges = n;
	return store_audit_append(st, &ev, err);
}

enum cd_status
store_audit_verify(struct store *st, struct audit_verify *v,
    struct cd_err *err)
{
	return verify(st, 0, v, err);
}

enum cd_status
store_audit_verify_since(struct store *st, struct audit_verify *v,
    struct cd_err *err)
{
	return verify(st, 1, v, err);
}

enum cd_status
store_audit_list(struct store *st, const struct audit_filter *f,
    int (*fn)(const struct audit_row *, void *), void *arg,
    struct cd_err *err)
{
	struct person_seen seen = { 0 };
	enum cd_status code;
	sqlite3_stmt *s;
	int rc;

	if (!access_may(st, ACCESS_AUDIT_READ))
		return cd_err_set(err, CD_ERR_DENIED,
		    "the %s role may not read the audit trail",
		    role_title(st->role));
	code = audit_read_event(st, f, err);
	if (code != CD_OK)
		return code;
	s = store_stmt(st, "SELECT e.seq, e.at, e.actor, e.role, "
	    "e.terminal, e.ssh_client, e.action, e.entity, e.entity_id, "
	    "e.person_id, e.flagged, e.detail_hash IS NOT NULL "
	    "AND d.body IS NULL, d.body, v.reviewed_by, v.reviewed_at, "
	    "v.outcome, v.note "
	    "FROM audit_event e LEFT JOIN audit_detail d ON d.seq = e.seq "
	    "LEFT JOIN caldicott_review v ON v.seq = e.seq "
	    "WHERE (?1 = 0 OR e.person_id = ?1) "
	    "AND (?2 IS NULL OR e.actor = ?2) "
	    "AND (?3 IS NULL OR e.at >= ?3) "
	    "AND (?5 = 0 OR e.flagged = 1) "
	    "AND (?5 < 2 OR v.seq IS NULL) "
	    "ORDER BY e.seq LIMIT ?4", err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	sqlite3_bind_int64(s, 1, f ? f->person_id : 0);
	store_bind_text(s, 2, f ? f->actor : NULL);
	store_bind_text(s, 3, f ? f->since : NULL);
	sqlite3_bind_int64(s, 4, f && f->limit > 0 ? f->limit : -1);
	sqlite3_bind_int(s, 5, f ? f->flagged : 0);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct audit_row r;
		int stop;

		memset(&r, 0, sizeof r);
		r.seq = sqlite3_column_int64(s, 0);
		r.at = (const char *)sqlite3_column_text(s, 1);
		r.actor = (const char *)sqlite3_column_text(s, 2);
		r.role = (const char *)sqlite3_column_text(s, 3);
		r.terminal = (const char *)sqlite3_column_text(s, 4);
		r.ssh_client = (const char *)sqlite3_column_text(s, 5);
		r.action = (const char *)sqlite3_column_text(s, 6);
		r.entity = (const char *)sqlite3_column_text(s, 7);
		r.entity_id = sqlite3_column_int64(s, 8);
		r.person_id = sqlite3_column_int64(s, 9);
		r.flagged = sqlite3_column_int(s, 10);
		r.purged = sqlite3_column_int(s, 11);
		r.reviewed_by = (const char *)sqlite3_column_text(s, 13);
		r.reviewed_at = (const char *)sqlite3_column_text(s, 14);
		r.outcome = (const char *)sqlite3_column_text(s, 15);
		r.review_note = (const char *)sqlite3_column_text(s, 16);
		r.withheld = details_withheld(st, r.person_id, &seen);
		if (r.withheld && !(r.flagged && access_flagged_details(st)))
			r.review_note = NULL;
		if ((!r.withheld || (r.flagged && access_flagged_details(st)))
		    && sqlite3_column_type(s, 12) != SQLITE_NULL)
			r.changes = store_audit_decode(sqlite3_column_blob(s, 12),
			    (size_t)sqlite3_column_bytes(s, 12), &r.nchanges);
		if (r.withheld)
			keep_reason_only(r.changes, &r.nchanges);
		stop = fn(&r, arg);
		store_audit_changes_free(r.changes, r.nchanges);
		if (stop)
			break;
	}
	store_stmt_done(st, s);
	free(seen.id);
	free(seen.allowed);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_err(st, err, "reading the audit trail");
	return CD_OK;
}

enum cd_status
store_audit_review(struct store *st, int64_t seq, const char *outcome,
    const char *note, struct cd_err *err)
{
	struct audit_change ch[2] = { { "outcome", NULL, outcome },
	    { "note", NULL, note } };
	struct audit_event ev = { 0 };
	char now[DATE_TIME_LEN];
	sqlite3_stmt *s;
	enum cd_status code;
	int rc, flagged = -1, reviewed = 0;

	code = access_governance_only(st, "review the Caldicott list", err);
	if (code != CD_OK)
		return code;
	if (outcome == NULL || (strcmp(outcome, "appropriate") &&
	    strcmp(outcome, "inappropriate") && strcmp(outcome, "referred")))
		return cd_err_set(err, CD_ERR_INVALID, "the outcome is "
		    "appropriate, inappropriate or referred, not \"%s\"",
		    outcome ? outcome : "");
	if (note == NULL || strlen(note) < 5)
		return cd_err_set(err, CD_ERR_INVALID, "a review needs a note "
		    "saying what was checked");
	code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	s = store_stmt(st, "SELECT e.flagged, v.seq IS NOT NULL FROM "
	    "audit_event e LEFT JOIN caldicott_review v ON v.seq = e.seq "
	    "WHERE e.seq = ?", err);
	if (s == NULL) {
		store_rollback(st);
		return err ? err->code : CD_ERR_DB;
	}
	sqlite3_bind_int64(s, 1, seq);
	if (sqlite3_step(s) == SQLITE_ROW) {
		flagged = sqlite3_column_int(s, 0);
		reviewed = sqlite3_column_int(s, 1);
	}
	store_stmt_done(st, s);
	if (flagged != 1 || reviewed) {
		store_rollback(st);
		return cd_err_set(err, flagged == 1 ? CD_ERR_EXISTS :
		    CD_ERR_NOTFOUND, "event %lld %s", (long long)seq, flagged ==
		    -1 ? "does not exist" : flagged == 0 ? "is not on the "
		    "Caldicott review list" : "has already been reviewed");
	}
	date_now(now);
	s = store_stmt(st, "INSERT INTO caldicott_review (seq, reviewed_by, "
	    "reviewed_at, outcome, note) VALUES (?, ?, ?, ?, ?)", err);
	if (s == NULL) {
		store_rollback(st);
		return err ? err->code : CD_ERR_DB;
	}
	sqlite3_bind_int64(s, 1, seq);
	store_bind_text(s, 2, st->user_name);
	store_bind_text(s, 3, now);
	store_bind_text(s, 4, outcome);
	store_bind_text(s, 5, note);
	rc = sqlite3_step(s);
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE)
		code = store_db_err(st, err, "saving a review");
	ev.action = "review";
	ev.entity = "audit_event";
	ev.entity_id = seq;
	ev.changes = ch;
	ev.nchanges = 2;
	return store_end_audited(st, code, &ev, err);
}
