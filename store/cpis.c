#include "config.h"

#include "store/cpis.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "store/audit.h"
#include "store/store.h"
#include "store/store_int.h"

/* The in-scope plans as x(person, child, type, start, end_date). */
#define SCOPE_CTE \
    "WITH x AS (" \
    " SELECT c.person_id AS person, c.person_id AS child, 'CPP' AS type, " \
    "  c.start_date AS start, c.end_date AS end_date FROM cp_plan c " \
    "  JOIN person k ON k.id = c.person_id WHERE k.dob IS NOT NULL " \
    "  AND (c.end_date IS NULL OR c.end_date >= ?1) " \
    " UNION ALL " \
    " SELECT r.related_id, c.person_id, 'UCPP', c.start_date, c.end_date " \
    "  FROM cp_plan c JOIN person k ON k.id = c.person_id " \
    "  JOIN relationship r ON r.person_id = k.id AND r.kind = 'mother' " \
    "  WHERE k.dob IS NULL AND k.expected_dob IS NOT NULL " \
    "  AND (c.end_date IS NULL OR c.end_date >= ?1) " \
    " UNION ALL " \
    " SELECT cp.person_id, cp.person_id, 'LAC', cp.start_date, cp.end_date " \
    "  FROM care_period cp WHERE (cp.end_date IS NULL OR cp.end_date >= ?1) " \
    "  AND EXISTS (SELECT 1 FROM care_episode e WHERE e.care_period_id = " \
    "  cp.id AND e.legal_status IN ('C1', 'C2', 'V2'))" \
    ") "

/*
 * Each in-scope plan: person, child, NHS number, verified, type, start,
 * end, and how it was last sent. ?1 is the cut-off (today - 12 months).
 */
static const char scope_sql[] = SCOPE_CTE
    "SELECT x.person, x.child, p.nhs_number, p.nhs_verified, x.type, "
    "x.start, x.end_date, s.start_date, s.end_date, s.person_id, "
    "s.nhs_number, s.withdrawn_seq "
    "FROM x JOIN person p ON p.id = x.person AND p.merged_into IS NULL "
    "LEFT JOIN cpis_sent s ON s.person_id = x.person AND s.plan_type = "
    "x.type AND s.start_date = x.start "
    "ORDER BY x.person, x.type, x.start";

/*
 * Each record sent and not withdrawn, still within its keep: whether its
 * plan is still in scope, the person's number now, whether they were
 * merged, and the child's date of birth (an unborn child now born).
 */
static const char sent_sql[] = SCOPE_CTE
    "SELECT s.person_id, s.child_id, s.nhs_number, s.plan_type, "
    "s.start_date, s.end_date, p.merged_into, p.nhs_number, k.dob, "
    "EXISTS (SELECT 1 FROM x WHERE x.person = s.person_id AND x.type = "
    "s.plan_type AND x.start = s.start_date) "
    "FROM cpis_sent s JOIN person p ON p.id = s.person_id "
    "LEFT JOIN person k ON k.id = s.child_id "
    "WHERE s.withdrawn_seq IS NULL AND s.nhs_number IS NOT NULL "
    "AND (s.end_date IS NULL OR s.end_date >= ?1) "
    "ORDER BY s.person_id, s.plan_type, s.start_date";

static int
differs(const char *a, const char *b)
{
	return (a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0);
}

/* The withdrawals of records sent before (see cpis.h). */
static enum cd_status
withdrawals(struct store *st, const char *cutoff, const char *today,
    void (*fn)(const struct cpis_record *, void *), void *arg,
    struct cd_err *err)
{
	sqlite3_stmt *s;
	char why[64];
	int rc;

	s = store_stmt(st, sent_sql, err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	store_bind_text(s, 1, cutoff);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct cpis_record r;
		const char *now_nhs = (const char *)sqlite3_column_text(s, 7);
		const char *born = (const char *)sqlite3_column_text(s, 8);
		int inscope = sqlite3_column_int(s, 9);
		int64_t merged = sqlite3_column_int64(s, 6);

		memset(&r, 0, sizeof r);
		r.person = sqlite3_column_int64(s, 0);
		r.child = sqlite3_column_int64(s, 1);
		r.nhs = (const char *)sqlite3_column_text(s, 2);
		r.verified = 1;		/* it was sent under this number */
		r.type = (const char *)sqlite3_column_text(s, 3);
		r.start = (const char *)sqlite3_column_text(s, 4);
		r.end = (const char *)sqlite3_column_text(s, 5);
		if (merged) {
			snprintf(why, sizeof why, "merged into #%lld",
			    (long long)merged);
		} else if (differs(r.nhs, now_nhs))
			snprintf(why, sizeof why, "NHS number changed");
		else if (inscope)
			continue;
		else if (strcmp(r.type, "UCPP") == 0 && born != NULL) {
			snprintf(why, sizeof why, "the child was born on %s",
			    born);
			if (r.end == NULL)
				r.end = born;
		} else
			snprintf(why, sizeof why, "no longer on the record");
		if (r.end == NULL)
			r.end = today;
		snprintf(r.delete_date, sizeof r.delete_date, "%s", today);
		r.withdraw = 1;
		r.changed = 1;
		r.reason = why;
		fn(&r, arg);
	}
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "reading what CP-IS was sent");
	s = store_stmt(st, "SELECT id, nhs_number, plan_type, start_date, "
	    "end_date, reason FROM cpis_withdrawal ORDER BY id", err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct cpis_record r;

		memset(&r, 0, sizeof r);
		r.withdrawal = sqlite3_column_int64(s, 0);
		r.nhs = (const char *)sqlite3_column_text(s, 1);
		r.verified = 1;
		r.type = (const char *)sqlite3_column_text(s, 2);
		r.start = (const char *)sqlite3_column_text(s, 3);
		r.end = (const char *)sqlite3_column_text(s, 4);
		if (r.end == NULL)
			r.end = today;
		snprintf(r.delete_date, sizeof r.delete_date, "%s", today);
		r.withdraw = 1;
		r.changed = 1;
		r.reason = (const char *)sqlite3_column_text(s, 5);
		fn(&r, arg);
	}
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "reading CP-IS withdrawals");
	return CD_OK;
}

enum cd_status
store_cpis_scope(struct store *st, const char *today,
    void (*fn)(const struct cpis_record *, void *), void *arg,
    struct cd_err *err)
{
	struct audit_event ev = { 0 };
	char cutoff[11];
	sqlite3_stmt *s;
	enum cd_status code;
	int y, m, d, rc;

	code = access_governance_only(st, "prepare CP-IS uploads", err);
	if (code != CD_OK)
		return code;
	if (sscanf(today, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return cd_err_set(err, CD_ERR_INVALID, "\"%s\" is not a date",
		    today);
	date_civil(date_add_months(date_days(y, m, d), -CPIS_KEEP_MONTHS), &y,
	    &m, &d);
	snprintf(cutoff, sizeof cutoff, "%04d-%02d-%02d", y, m, d);
	s = store_stmt(st, scope_sql, err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	store_bind_text(s, 1, cutoff);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct cpis_record r;
		const char *sent_end = (const char *)sqlite3_column_text(s, 8);
		const char *sent_nhs = (const char *)sqlite3_column_text(s, 10);

		memset(&r, 0, sizeof r);
		r.person = sqlite3_column_int64(s, 0);
		r.child = sqlite3_column_int64(s, 1);
		r.nhs = (const char *)sqlite3_column_text(s, 2);
		r.verified = sqlite3_column_int(s, 3);
		r.type = (const char *)sqlite3_column_text(s, 4);
		r.start = (const char *)sqlite3_column_text(s, 5);
		r.end = (const char *)sqlite3_column_text(s, 6);
		if (r.end && sscanf(r.end, "%4d-%2d-%2d", &y, &m, &d) == 3) {
			date_civil(date_add_months(date_days(y, m, d),
			    CPIS_KEEP_MONTHS), &y, &m, &d);
			snprintf(r.delete_date, sizeof r.delete_date,
			    "%04d-%02d-%02d", y, m, d);
		}
		/* New, withdrawn since, other dates or another number. */
		r.changed = sqlite3_column_type(s, 9) == SQLITE_NULL ||
		    sqlite3_column_type(s, 11) != SQLITE_NULL ||
		    differs(r.end, sent_end) || (sent_nhs != NULL &&
		    differs(r.nhs, sent_nhs));
		fn(&r, arg);
	}
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "reading the CP-IS scope");
	code = withdrawals(st, cutoff, today, fn, arg, err);
	if (code != CD_OK)
		return code;
	ev.action = "view";
	ev.entity = "cpis-scope";
	return store_audit_append(st, &ev, err);
}

/* Mark one withdrawal sent in upload seq. */
static enum cd_status
withdrawn(struct store *st, const struct cpis_record *r, int64_t seq,
    struct cd_err *err)
{
	sqlite3_stmt *s;
	int rc;

	if (r->withdrawal) {
		s = store_stmt(st, "DELETE FROM cpis_withdrawal WHERE id = ?",
		    err);
		if (s == NULL)
			return err ? err->code : CD_ERR_DB;
		sqlite3_bind_int64(s, 1, r->withdrawal);
	} else {
		s = store_stmt(st, "UPDATE cpis_sent SET withdrawn_seq = ?, "
		    "end_date = ? WHERE person_id = ? AND plan_type = ? AND "
		    "start_date = ?", err);
		if (s == NULL)
			return err ? err->code : CD_ERR_DB;
		sqlite3_bind_int64(s, 1, seq);
		store_bind_text(s, 2, r->end);
		sqlite3_bind_int64(s, 3, r->person);
		store_bind_text(s, 4, r->type);
		store_bind_text(s, 5, r->start);
	}
	rc = sqlite3_step(s);
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "recording a CP-IS withdrawal");
	return CD_OK;
}

enum cd_status
store_cpis_sent(struct store *st, const struct cpis_record *const *r,
    size_t n, enum cd_status (*write)(int64_t, void *, struct cd_err *),
    void *arg, int64_t *seq, struct cd_err *err)
{
	struct audit_change ch[1];
	struct audit_event ev = { 0 };
	char now[DATE_TIME_LEN], count[24];
	sqlite3_stmt *s;
	enum cd_status code;
	size_t i;
	int rc;

	code = store_governance_begin(st, "record CP-IS uploads", err);
	if (code != CD_OK)
		return code;
	date_now(now);
	s = store_stmt(st, "INSERT INTO cpis_upload (at, by_user, records) "
	    "VALUES (?, ?, ?)", err);
	if (s == NULL) {
		store_rollback(st);
		return err ? err->code : CD_ERR_DB;
	}
	store_bind_text(s, 1, now);
	store_bind_text(s, 2, st->user_name);
	sqlite3_bind_int64(s, 3, (int64_t)n);
	rc = sqlite3_step(s);
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE)
		code = store_db_err(st, err, "recording a CP-IS upload");
	*seq = sqlite3_last_insert_rowid(st->db);
	/* Withdrawals first: a new number's start replaces the old row. */
	for (i = 0; code == CD_OK && i < n; i++)
		if (r[i]->withdraw)
			code = withdrawn(st, r[i], *seq, err);
	for (i = 0; code == CD_OK && i < n; i++) {
		if (r[i]->withdraw)
			continue;
		s = store_stmt(st, "INSERT OR REPLACE INTO cpis_sent "
		    "(person_id, plan_type, start_date, end_date, upload_seq, "
		    "nhs_number, child_id) VALUES (?, ?, ?, ?, ?, ?, ?)", err);
		if (s == NULL) {
			code = err ? err->code : CD_ERR_DB;
			break;
		}
		sqlite3_bind_int64(s, 1, r[i]->person);
		store_bind_text(s, 2, r[i]->type);
		store_bind_text(s, 3, r[i]->start);
		store_bind_text(s, 4, r[i]->end);
		sqlite3_bind_int64(s, 5, *seq);
		store_bind_text(s, 6, r[i]->nhs);
		if (r[i]->child)
			sqlite3_bind_int64(s, 7, r[i]->child);
		if (sqlite3_step(s) != SQLITE_DONE)
			code = store_db_err(st, err, "recording a CP-IS upload");
		store_stmt_done(st, s);
	}
	snprintf(count, sizeof count, "%zu", n);
	ch[0].field = "records";
	ch[0].old = NULL;
	ch[0].new_ = count;
	ev.action = "export";
	ev.entity = "cpis-upload";
	ev.entity_id = *seq;
	ev.changes = ch;
	ev.nchanges = 1;
	if (code == CD_OK)
		code = store_audit_append(st, &ev, err);
	if (code == CD_OK && write != NULL)
		code = write(*seq, arg, err);
	return store_end(st, code, err);
}
