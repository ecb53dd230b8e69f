#include "config.h"

#include "store/retention.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/file.h"
#include "common/xmem.h"
#include "keys/hash.h"
#include "store/audit.h"
#include "store/entity.h"
#include "store/store.h"
#include "store/store_int.h"

/* A count about a person, as a flag. */
static int
any(struct store *st, const char *sql, int64_t person)
{
	char *v = store_one_text(st, sql, person);
	int n = v ? atoi(v) : 0;

	free(v);
	return n > 0;
}

/* Raise the floor new person numbers start above to id: a destroyed
 * person's number is never given to anyone else. */
static enum cd_status
id_floor(struct store *st, int64_t id, struct cd_err *err)
{
	char *v = store_meta_get(st, "id_floor.person");
	enum cd_status code = CD_OK;
	char n[24];

	if (v == NULL || atoll(v) < id) {
		snprintf(n, sizeof n, "%lld", (long long)id);
		code = store_meta_set(st, "id_floor.person", n, err);
	}
	free(v);
	return code;
}

/*
 * Whether the person with this id now is the one destroyed at time at:
 * made when the list says (created), or, on a line that does not say,
 * made no later than the destruction. An id freed by destruction is given
 * again to the next person made, who must never be destroyed in their
 * place.
 */
static int
destroyed_one(struct store *st, int64_t id, const char *at,
    const char *created)
{
	sqlite3_stmt *q = store_stmt(st, created ? "SELECT count(*) FROM "
	    "person WHERE id = ?1 AND created_at = ?2" : "SELECT count(*) "
	    "FROM person WHERE id = ?1 AND created_at <= ?2", NULL);
	int n = 0;

	if (q == NULL)
		return 0;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_text(q, 2, created ? created : at, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int(q, 0);
	store_stmt_done(st, q);
	return n > 0;
}

/*
 * Every person with casework (the union of indexed person columns) and the
 * dates retention counts from, in one pass: each column is a subquery on a
 * person_id index, so the schedule costs one statement, not one per fact.
 */
/* Who has casework of their own: the classes retention counts from. */
#define CASEWORK \
    " SELECT person_id FROM contact UNION SELECT person_id FROM referral " \
    " UNION SELECT person_id FROM cp_plan UNION SELECT person_id FROM " \
    " care_period UNION SELECT person_id FROM permanence UNION SELECT " \
    " person_id FROM adopter_member"

static const char facts_sql[] =
    "SELECT p.id, p.dob, p.death_date, "
    " (SELECT count(*) FROM care_period WHERE person_id = p.id), "
    " (SELECT count(*) FROM cp_plan WHERE person_id = p.id), "
    " (SELECT count(*) FROM cp_plan WHERE person_id = p.id "
    "  AND end_date IS NULL), "
    " (SELECT max(end_date) FROM cp_plan WHERE person_id = p.id), "
    " (SELECT count(*) FROM contact WHERE person_id = p.id) + "
    " (SELECT count(*) FROM referral WHERE person_id = p.id), "
    " (SELECT count(*) FROM referral WHERE person_id = p.id "
    "  AND closure_date IS NULL) + (SELECT count(*) FROM contact "
    "  WHERE person_id = p.id AND decision IS NULL), "
    " (SELECT max(d) FROM (SELECT closure_date AS d FROM referral "
    "  WHERE person_id = p.id UNION ALL SELECT coalesce(decision_date, "
    "  substr(contact_date, 1, 10)) FROM contact WHERE person_id = p.id "
    "  AND decision IS NOT NULL)), "
    " (SELECT max(adoption_order_date) FROM permanence "
    "  WHERE person_id = p.id), "
    " (SELECT max(h.left_date) FROM adopter_member m JOIN adopter_household "
    "  h ON h.id = m.household_id WHERE m.person_id = p.id), "
    " (SELECT count(*) FROM adopter_member m JOIN adopter_household h "
    "  ON h.id = m.household_id WHERE m.person_id = p.id "
    "  AND h.left_date IS NULL), "
    " (SELECT count(*) FROM legal_hold WHERE person_id = p.id "
    "  AND lifted_at IS NULL) "
    "FROM person p WHERE p.merged_into IS NULL AND p.id IN (" CASEWORK ")";

/* Everyone else, with each person they are related to. */
static const char links_sql[] =
    "SELECT p.id, r.related_id, (SELECT count(*) FROM legal_hold WHERE "
    " person_id = p.id AND lifted_at IS NULL), (SELECT count(*) FROM users "
    " WHERE person_id = p.id) "
    "FROM person p LEFT JOIN relationship r ON r.person_id = p.id "
    "WHERE p.merged_into IS NULL AND p.id NOT IN (" CASEWORK ") "
    "ORDER BY p.id, r.related_id";

enum cd_status
store_retention_facts(struct store *st,
    void (*fn)(const struct retention_facts *, void *), void *arg,
    struct cd_err *err)
{
	struct audit_event ev = { 0 };
	sqlite3_stmt *s;
	enum cd_status code;
	int rc;

	code = access_governance_only(st, "read the retention schedule", err);
	if (code != CD_OK)
		return code;
	s = store_stmt(st, facts_sql, err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct retention_facts f;

		memset(&f, 0, sizeof f);
		f.person = sqlite3_column_int64(s, 0);
		f.dob = (const char *)sqlite3_column_text(s, 1);
		f.death = (const char *)sqlite3_column_text(s, 2);
		f.looked_after = sqlite3_column_int(s, 3) > 0;
		f.cp_ever = sqlite3_column_int(s, 4) > 0;
		f.cp_open = sqlite3_column_int(s, 5) > 0;
		f.cp_end = (const char *)sqlite3_column_text(s, 6);
		f.cin_ever = sqlite3_column_int(s, 7) > 0;
		f.cin_open = sqlite3_column_int(s, 8) > 0;
		f.cin_closed = (const char *)sqlite3_column_text(s, 9);
		f.adoption_order = (const char *)sqlite3_column_text(s, 10);
		f.adopter_left = (const char *)sqlite3_column_text(s, 11);
		f.adopter_open = sqlite3_column_int(s, 12) > 0;
		f.held = sqlite3_column_int(s, 13) > 0;
		fn(&f, arg);
	}
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "reading the retention schedule");
	ev.action = "view";
	ev.entity = "retention-schedule";
	return store_audit_append(st, &ev, err);
}

enum cd_status
store_retention_links(struct store *st,
    void (*fn)(const struct retention_link *, void *), void *arg,
    struct cd_err *err)
{
	sqlite3_stmt *s;
	enum cd_status code;
	int rc;

	code = access_governance_only(st, "read the retention schedule", err);
	if (code != CD_OK)
		return code;
	s = store_prepare(st, links_sql, err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct retention_link l;

		l.person = sqlite3_column_int64(s, 0);
		l.related = sqlite3_column_int64(s, 1);
		l.held = sqlite3_column_int(s, 2) > 0;
		l.staff = sqlite3_column_int(s, 3) > 0;
		fn(&l, arg);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "reading the retention schedule");
	return CD_OK;
}

enum cd_status
store_retention_copies(struct store *st, int64_t person,
    void (*fn)(const struct retention_copy *, void *), void *arg,
    struct cd_err *err)
{
	sqlite3_stmt *s;
	enum cd_status code;
	int rc;

	code = access_governance_only(st, "read the retention schedule", err);
	if (code != CD_OK)
		return code;
	s = store_prepare(st, "SELECT seq, at, action, entity FROM audit_event "
	    "WHERE person_id IS NULL AND action IN ('backup', 'export') AND "
	    "at >= (SELECT created_at FROM person WHERE id = ?1) UNION ALL "
	    "SELECT seq, at, action, entity FROM audit_event WHERE person_id = "
	    "?1 AND action = 'export' ORDER BY 1", err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	sqlite3_bind_int64(s, 1, person);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct retention_copy c;

		c.seq = sqlite3_column_int64(s, 0);
		c.at = (const char *)sqlite3_column_text(s, 1);
		c.action = (const char *)sqlite3_column_text(s, 2);
		c.what = (const char *)sqlite3_column_text(s, 3);
		fn(&c, arg);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "reading the backups and exports");
	return CD_OK;
}

enum cd_status
store_legal_hold(struct store *st, int64_t person, const char *kind,
    const char *reason, struct cd_err *err)
{
	struct audit_change ch[2] = { { "kind", NULL, kind }, { "reason", NULL,
	    reason } };
	struct audit_event ev = { 0 };
	char now[DATE_TIME_LEN];
	sqlite3_stmt *s;
	enum cd_status code;
	int rc;

	code = access_governance_only(st, "place legal holds", err);
	if (code != CD_OK)
		return code;
	if (kind == NULL || (strcmp(kind, "litigation") && strcmp(kind,
	    "inquiry") && strcmp(kind, "sar") && strcmp(kind, "other")))
		return cd_err_set(err, CD_ERR_INVALID, "a legal hold's kind is "
		    "litigation, inquiry, sar or other, not \"%s\"", kind ?
		    kind : "");
	if (!any(st, "SELECT count(*) FROM person WHERE id = ?1", person))
		return cd_err_set(err, CD_ERR_NOTFOUND, "no record #%lld",
		    (long long)person);
	if (reason == NULL || strlen(reason) < 5)
		return cd_err_set(err, CD_ERR_INVALID, "a legal hold needs a "
		    "reason");
	code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	date_now(now);
	s = store_stmt(st, "INSERT INTO legal_hold (person_id, kind, reason, "
	    "placed_by, placed_at) VALUES (?, ?, ?, ?, ?)", err);
	if (s == NULL) {
		store_rollback(st);
		return err ? err->code : CD_ERR_DB;
	}
	sqlite3_bind_int64(s, 1, person);
	store_bind_text(s, 2, kind);
	store_bind_text(s, 3, reason);
	store_bind_text(s, 4, st->user_name);
	store_bind_text(s, 5, now);
	rc = sqlite3_step(s);
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE)
		code = store_db_err(st, err, "placing a legal hold");
	ev.action = "create";
	ev.entity = "legal_hold";
	ev.person_id = person;
	ev.changes = ch;
	ev.nchanges = 2;
	return store_end_audited(st, code, &ev, err);
}

enum cd_status
store_legal_hold_lift(struct store *st, int64_t person, struct cd_err *err)
{
	struct audit_event ev = { 0 };
	char now[DATE_TIME_LEN];
	sqlite3_stmt *s;
	enum cd_status code;

	code = store_governance_begin(st, "lift legal holds", err);
	if (code != CD_OK)
		return code;
	date_now(now);
	s = store_stmt(st, "UPDATE legal_hold SET lifted_by = ?, lifted_at = "
	    "? WHERE person_id = ? AND lifted_at IS NULL", err);
	if (s == NULL) {
		store_rollback(st);
		return err ? err->code : CD_ERR_DB;
	}
	store_bind_text(s, 1, st->user_name);
	store_bind_text(s, 2, now);
	sqlite3_bind_int64(s, 3, person);
	if (sqlite3_step(s) != SQLITE_DONE)
		code = store_db_err(st, err, "lifting a legal hold");
	else if (sqlite3_changes(st->db) == 0)
		code = cd_err_set(err, CD_ERR_NOTFOUND, "no legal hold on #%lld",
		    (long long)person);
	store_stmt_done(st, s);
	ev.action = "update";
	ev.entity = "legal_hold";
	ev.person_id = person;
	return store_end_audited(st, code, &ev, err);
}

static enum cd_status tombstone_add(struct store *st, int64_t person,
    const char *created, struct cd_err *err);

/* Run one statement about a person (?1). */
static enum cd_status
run(struct store *st, const char *sql, int64_t person, struct cd_err *err)
{
	sqlite3_stmt *s = store_stmt(st, sql, err);
	int rc;

	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	sqlite3_bind_int64(s, 1, person);
	rc = sqlite3_step(s);
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "destroying a record");
	return CD_OK;
}

/* The search events whose details name person ?1 (still unpurged). */
#define SEARCHES_NAMING "WHERE body IS NOT NULL AND seq IN (SELECT seq " \
	"FROM audit_event WHERE action = 'search') AND EXISTS (SELECT 1 " \
	"FROM person p WHERE p.id = ?1 AND (instr(lower(CAST(body AS TEXT)), " \
	"lower(p.family_name)) > 0 OR (p.given_names <> '' AND " \
	"instr(lower(CAST(body AS TEXT)), lower(p.given_names)) > 0)))"

/* Remove every trace of person, in the open transaction; audited. */
static enum cd_status
destroy_one(struct store *st, int64_t person, const char *class_name,
    const char *rule, struct cd_err *err)
{
	struct audit_change ch[3] = { { "class", NULL, class_name },
	    { "rule", NULL, rule }, { "searches_purged", NULL, "" } };
	char *searches = NULL;
	struct audit_event ev = { 0 };
	const struct entity_def *all;
	struct buf sql = { 0 };
	enum cd_status code = CD_OK;
	size_t n, i;

	/*
	 * Rows refer to one another (an episode to its period, a plan to its
	 * conference): check the foreign keys once, at commit, not per row.
	 */
	if (sqlite3_exec(st->db, "PRAGMA defer_foreign_keys = ON", NULL, NULL,
	    NULL) != SQLITE_OK)
		code = store_db_err(st, err, "destroying a record");
	/* Form answers first, then every person-scoped row. */
	if (code == CD_OK)
		code = run(st, "DELETE FROM form_answer WHERE form_instance_id IN "
	    "(SELECT id FROM form_instance WHERE person_id = ?1)", person, err);
	all = entity_all(&n);
	for (i = 0; code == CD_OK && i < n; i++) {
		if (!all[i].person_scoped)
			continue;
		buf_reset(&sql);
		buf_addf(&sql, "DELETE FROM %s WHERE person_id = ?1",
		    all[i].name);
		code = run(st, buf_str(&sql), person, err);
	}
	/* Other people's rows that name them (a consent, a requester). */
	for (i = 0; code == CD_OK && i < n; i++) {
		size_t k;

		for (k = 0; code == CD_OK && k < all[i].nfields; k++) {
			if (all[i].fields[k].type != FT_REF ||
			    strcmp(all[i].fields[k].list, "person") != 0)
				continue;
			buf_reset(&sql);
			buf_addf(&sql, "UPDATE %s SET %s = NULL WHERE %s = ?1",
			    all[i].name, all[i].fields[k].name,
			    all[i].fields[k].name);
			code = run(st, buf_str(&sql), person, err);
		}
	}
	buf_fini(&sql);
	/* The subject access packs frozen for review, and their log. */
	if (code == CD_OK)
		code = run(st, "DELETE FROM sar_mark WHERE person_id = ?1", person,
		    err);
	if (code == CD_OK)
		code = run(st, "DELETE FROM sar_item WHERE person_id = ?1", person,
		    err);
	if (code == CD_OK)
		code = run(st, "DELETE FROM sar_release WHERE person_id = ?1",
		    person, err);
	if (code == CD_OK)
		code = run(st, "DELETE FROM relationship WHERE person_id = ?1 OR "
		    "related_id = ?1", person, err);
	if (code == CD_OK)
		code = run(st, "DELETE FROM person_name WHERE person_id = ?1",
		    person, err);
	if (code == CD_OK)
		code = run(st, "DELETE FROM person_access WHERE person_id = ?1",
		    person, err);
	if (code == CD_OK)
		code = run(st, "DELETE FROM legal_hold WHERE person_id = ?1",
		    person, err);
	/* What CP-IS holds on them is withdrawn at the next upload. */
	if (code == CD_OK)
		code = run(st, "INSERT INTO cpis_withdrawal (nhs_number, "
		    "plan_type, start_date, end_date, reason, created_at) SELECT "
		    "nhs_number, plan_type, start_date, end_date, 'record "
		    "destroyed', strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM "
		    "cpis_sent WHERE (person_id = ?1 OR child_id = ?1) AND "
		    "withdrawn_seq IS NULL AND nhs_number IS NOT NULL", person,
		    err);
	if (code == CD_OK)
		code = run(st, "DELETE FROM cpis_sent WHERE person_id = ?1 OR "
		    "child_id = ?1", person, err);
	if (code == CD_OK)
		code = run(st, "UPDATE users SET person_id = NULL WHERE "
		    "person_id = ?1", person, err);
	if (code == CD_OK)
		code = run(st, "UPDATE person SET merged_into = NULL WHERE "
		    "merged_into = ?1", person, err);
	/*
	 * Searches that typed their name go too (the term is in the details);
	 * the destruction event lists them, so verify can tell this purge
	 * from one made by hand.
	 */
	if (code == CD_OK) {
		searches = store_one_text(st, "SELECT group_concat(seq, ' ') "
		    "FROM audit_detail " SEARCHES_NAMING, person);
		ch[2].new_ = searches ? searches : "";
		code = run(st, "UPDATE audit_detail SET body = NULL "
		    SEARCHES_NAMING, person, err);
	}
	/* Review notes of accesses to them may name them too. */
	if (code == CD_OK)
		code = run(st, "UPDATE caldicott_review SET note = '(removed "
		    "with the record)' WHERE seq IN (SELECT seq FROM audit_event "
		    "WHERE person_id = ?1)", person, err);
	/* The details of events about them go; the events and hashes stay. */
	if (code == CD_OK)
		code = run(st, "UPDATE audit_detail SET body = NULL WHERE seq IN "
		    "(SELECT seq FROM audit_event WHERE person_id = ?1)", person,
		    err);
	if (code == CD_OK)
		code = id_floor(st, person, err);
	if (code == CD_OK)
		code = run(st, "DELETE FROM person WHERE id = ?1", person, err);
	ev.action = "delete";
	ev.entity = "person";
	ev.entity_id = person;
	ev.changes = ch;
	ev.nchanges = 3;
	if (code == CD_OK)
		code = store_audit_append(st, &ev, err);
	free(searches);
	return code;
}

enum cd_status
store_destroy_person(struct store *st, int64_t person, const char *class_name,
    const char *rule, struct cd_err *err)
{
	enum cd_status code;
	char *created;

	code = store_governance_begin(st, "destroy records", err);
	if (code != CD_OK)
		return code;
	if (any(st, "SELECT count(*) FROM legal_hold WHERE person_id = ?1 AND "
	    "lifted_at IS NULL", person)) {
		store_rollback(st);
		return cd_err_set(err, CD_ERR_DENIED, "#%lld is under a legal "
		    "hold and cannot be destroyed", (long long)person);
	}
	created = store_one_text(st, "SELECT created_at FROM person WHERE id "
	    "= ?1", person);
	code = destroy_one(st, person, class_name, rule, err);
	code = store_end(st, code, err);
	/* After the commit: a restored older copy must not bring them back. */
	if (code == CD_OK)
		code = tombstone_add(st, person, created ? created : "-", err);
	free(created);
	return code;
}

int64_t
store_destruction_event(struct store *st, int64_t person)
{
	char *v = store_one_text(st, "SELECT seq FROM audit_event WHERE seq = "
	    "(SELECT max(seq) FROM audit_event) AND action = 'delete' AND "
	    "entity = 'person' AND entity_id = ?1", person);
	int64_t seq = v ? atoll(v) : 0;

	free(v);
	return seq;
}

/* ---- tombstones ------------------------------------------------------- */

#define TOMB_MAGIC "casedesk tombstones 1\n"

/*
 * Read the tombstone list beside the database: "ID TIME" lines under a
 * header, then a MAC keyed like the anchor's. No file is an empty list;
 * a list whose MAC fails is an error (someone edited it).
 */
static enum cd_status
tombstones_read_from(struct store *st, const char *db, struct buf *body,
    struct cd_err *err)
{
	unsigned char *data, mac[HASH_BYTES], want[HASH_BYTES];
	char *path = file_sibling(db, ".tombstones");
	enum cd_status code = CD_OK;
	size_t len;

	buf_reset(body);
	if (!file_exists(path)) {
		buf_addstr(body, TOMB_MAGIC);
		free(path);
		return CD_OK;
	}
	code = file_read_all(path, 64u << 20, &data, &len, err);
	if (code == CD_OK) {
		char hex[HASH_HEX];
		size_t at = len;

		/* The MAC is the last line: "mac " and 64 hex digits. */
		if (len >= 70 && data[len - 1] == '\n')
			at = len - 69;
		if (at == len || at == 0 || data[at - 1] != '\n' ||
		    memcmp(data + at, "mac ", 4) != 0 || strncmp((char *)data,
		    TOMB_MAGIC, strlen(TOMB_MAGIC)) != 0)
			code = cd_err_set(err, CD_ERR_AUDIT, "the tombstone list "
			    "%s is damaged", path);
		else {
			memcpy(hex, data + at + 4, 64);
			hex[64] = '\0';
			if (hash_from_hex(hex, mac) != 0)
				code = cd_err_set(err, CD_ERR_AUDIT, "the "
				    "tombstone list %s is damaged", path);
		}
		if (code == CD_OK) {
			hash_mac(st->anchor_key, data, at, want);
			if (!hash_equal(mac, want))
				code = cd_err_set(err, CD_ERR_AUDIT, "the "
				    "tombstone list %s has been altered (its MAC "
				    "does not match)", path);
			else
				buf_add(body, data, at);
		}
		free(data);
	}
	free(path);
	return code;
}

/* This database's own list. */
static enum cd_status
tombstones_read(struct store *st, struct buf *body, struct cd_err *err)
{
	return tombstones_read_from(st, st->path, body, err);
}

/* Write body (header and lines) with its MAC, 0600, atomically. */
static enum cd_status
tombstones_write(struct store *st, struct buf *body, struct cd_err *err)
{
	unsigned char mac[HASH_BYTES];
	char hex[HASH_HEX], *path = file_sibling(st->path, ".tombstones");
	enum cd_status code;

	hash_mac(st->anchor_key, body->data, body->len, mac);
	hash_to_hex(mac, hex);
	buf_addf(body, "mac %s\n", hex);
	code = file_write_atomic(path, body->data, body->len, 0600, err);
	free(path);
	return code;
}

/* Add person, made at created, to the tombstone list: "ID TIME CREATED". */
static enum cd_status
tombstone_add(struct store *st, int64_t person, const char *created,
    struct cd_err *err)
{
	char now[DATE_TIME_LEN];
	struct buf b = { 0 };
	enum cd_status code;

	code = tombstones_read(st, &b, err);
	date_now(now);
	if (code == CD_OK) {
		buf_addf(&b, "%lld %s %s\n", (long long)person, now, created);
		code = tombstones_write(st, &b, err);
	}
	buf_fini(&b);
	if (code != CD_OK && err)
		cd_err_set(err, code, "#%lld was destroyed, but the tombstone "
		    "list could not be written (%s): a copy restored from before "
		    "today would bring them back", (long long)person, err->msg);
	return code;
}

/* Destroy again whoever on list b is on the record. */
static enum cd_status
tombstones_run(struct store *st, struct buf *b, size_t *done,
    struct cd_err *err)
{
	enum cd_status code = CD_OK;
	const char *p;

	for (p = buf_str(b) + strlen(TOMB_MAGIC); code == CD_OK && *p; ) {
		long long id;
		char at[40], made[40], rule[96];
		int n = sscanf(p, "%lld %39s %39s", &id, at, made);

		/* A copy from before still never gives the number again. */
		if (n >= 2 && id > 0)
			code = id_floor(st, id, err);
		if (code == CD_OK && n >= 2 && destroyed_one(st, id, at, n == 3 ?
		    made : NULL)) {
			snprintf(rule, sizeof rule, "destroyed %s, before this "
			    "copy was restored: re-applied", at);
			code = store_begin(st, err);
			if (code == CD_OK)
				code = destroy_one(st, id, "tombstone", rule,
				    err);
			code = store_end(st, code, err);
			*done += code == CD_OK;
		}
		p += strcspn(p, "\n");
		p += *p == '\n';
	}
	return code;
}

enum cd_status
store_tombstones_apply(struct store *st, size_t *done, struct cd_err *err)
{
	struct buf b = { 0 };
	enum cd_status code;
	char *from, *here;

	*done = 0;
	code = tombstones_read(st, &b, err);
	if (code == CD_OK)
		code = tombstones_run(st, &b, done, err);
	/* A backup opened where it lies: what its database destroyed since
	 * goes from it too (its list verifies under the same key). */
	from = code == CD_OK ? store_meta_get(st, "backup_of") : NULL;
	here = from ? realpath(st->path, NULL) : NULL;
	if (from && (here == NULL || strcmp(from, here) != 0)) {
		char *list = file_sibling(from, ".tombstones");

		if (file_exists(list)) {
			code = tombstones_read_from(st, from, &b, err);
			if (code == CD_OK)
				code = tombstones_run(st, &b, done, err);
		}
		free(list);
	}
	free(from);
	free(here);
	buf_fini(&b);
	return code;
}


enum cd_status
store_compact(struct store *st, struct cd_err *err)
{
	char *msg = NULL;

	if (sqlite3_exec(st->db, "PRAGMA wal_checkpoint(TRUNCATE); VACUUM; "
	    "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, &msg) != SQLITE_OK) {
		enum cd_status code = cd_err_set(err, CD_ERR_DB, "compacting the "
		    "database: %s", msg ? msg : "error");

		sqlite3_free(msg);
		return code;
	}
	return CD_OK;
}
