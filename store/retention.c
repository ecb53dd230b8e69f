#include "config.h"

#include "store/retention.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/xmem.h"
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

/*
 * Every person with casework (the union of indexed person columns) and the
 * dates retention counts from, in one pass: each column is a subquery on a
 * person_id index, so the schedule costs one statement, not one per fact.
 */
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
    "FROM person p WHERE p.merged_into IS NULL AND p.id IN ("
    " SELECT person_id FROM contact UNION SELECT person_id FROM referral "
    " UNION SELECT person_id FROM cp_plan UNION SELECT person_id FROM "
    " care_period UNION SELECT person_id FROM permanence UNION SELECT "
    " person_id FROM adopter_member)";

enum cd_status
store_retention_facts(struct store *st,
    void (*fn)(const struct retention_facts *, void *), void *arg,
    struct cd_err *err)
{
	struct audit_event ev = { 0 };
	sqlite3_stmt *s;
	enum cd_status code;
	int rc;

	code = store_governance_only(st, "read the retention schedule", err);
	if (code != CD_OK)
		return code;
	s = store_prepare(st, facts_sql, err);
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
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "reading the retention schedule");
	ev.action = "view";
	ev.entity = "retention-schedule";
	return store_audit_append(st, &ev, err);
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

	code = store_governance_only(st, "place legal holds", err);
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
	s = store_prepare(st, "INSERT INTO legal_hold (person_id, kind, reason, "
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
	sqlite3_finalize(s);
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
	s = store_prepare(st, "UPDATE legal_hold SET lifted_by = ?, lifted_at = "
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
	sqlite3_finalize(s);
	ev.action = "update";
	ev.entity = "legal_hold";
	ev.person_id = person;
	return store_end_audited(st, code, &ev, err);
}

/* Run one statement about a person (?1). */
static enum cd_status
run(struct store *st, const char *sql, int64_t person, struct cd_err *err)
{
	sqlite3_stmt *s = store_prepare(st, sql, err);
	int rc;

	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	sqlite3_bind_int64(s, 1, person);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
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

enum cd_status
store_destroy_person(struct store *st, int64_t person, const char *class_name,
    const char *rule, struct cd_err *err)
{
	struct audit_change ch[3] = { { "class", NULL, class_name },
	    { "rule", NULL, rule }, { "searches_purged", NULL, "" } };
	char *searches = NULL;
	struct audit_event ev = { 0 };
	const struct entity_def *all;
	struct buf sql = { 0 };
	enum cd_status code;
	size_t n, i;

	code = store_governance_begin(st, "destroy records", err);
	if (code != CD_OK)
		return code;
	if (any(st, "SELECT count(*) FROM legal_hold WHERE person_id = ?1 AND "
	    "lifted_at IS NULL", person)) {
		store_rollback(st);
		return cd_err_set(err, CD_ERR_DENIED, "#%lld is under a legal "
		    "hold and cannot be destroyed", (long long)person);
	}
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
		code = run(st, "DELETE FROM person WHERE id = ?1", person, err);
	ev.action = "delete";
	ev.entity = "person";
	ev.entity_id = person;
	ev.changes = ch;
	ev.nchanges = 3;
	code = store_end_audited(st, code, &ev, err);
	free(searches);
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
