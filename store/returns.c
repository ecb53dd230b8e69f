#include "config.h"

#include "store/returns.h"

#include <stdio.h>
#include <string.h>

#include "store/audit.h"
#include "store/record.h"
#include "store/store.h"
#include "store/store_int.h"

/*
 * The people a borough-wide return looks at: anyone with looked-after
 * care, a referral, a contact or a missing episode in the window, every
 * care leaver and child with a permanence decision, and every adopter
 * (Annex A list 11). Kept in an in-memory temporary table (temp_store is
 * MEMORY) for the length of the read.
 */
static const char scope_sql[] =
	"INSERT INTO temp.returns_scope (id) "
	"SELECT person_id FROM care_episode WHERE start_date <= ?2 AND "
	"  (end_date IS NULL OR end_date >= ?1) "
	"UNION SELECT person_id FROM referral WHERE referral_date <= ?2 AND "
	"  (closure_date IS NULL OR closure_date >= ?1) "
	"UNION SELECT person_id FROM contact WHERE "
	"  substr(contact_date, 1, 10) BETWEEN ?1 AND ?2 "
	"UNION SELECT person_id FROM missing_episode WHERE start_date <= ?2 "
	"  AND (end_date IS NULL OR end_date >= ?1) "
	"UNION SELECT person_id FROM care_leaver "
	"UNION SELECT person_id FROM permanence "
	"UNION SELECT person_id FROM adopter_member";

enum cd_status
store_returns_open(struct store *st, const struct returns_scope *sc,
    const char *purpose, struct cd_err *err)
{
	struct audit_event ev = { 0 };
	struct audit_change ch = { "purpose", NULL, purpose };
	sqlite3_stmt *s;
	enum cd_status code;
	int rc, flag = 0;

	if (st->user_id == 0)
		return cd_err_set(err, CD_ERR_DENIED, "not logged in");
	if (sc->person == 0 && !access_may(st, ACCESS_RETURNS))
		return cd_err_set(err, CD_ERR_DENIED, "the %s role may not "
		    "produce statutory returns for the whole borough",
		    role_title(st->role));
	if (sc->person == 0 && (code = access_demo_only(st, err)) != CD_OK)
		return code;
	if (sc->person != 0) {
		code = store_access_entity(st, entity_find("care_episode"), 0,
		    err);
		if (code == CD_OK)
			code = store_access_person(st, sc->person, 0, &flag,
			    err);
		if (code != CD_OK)
			return code;
	}
	store_returns_close(st);
	if (sqlite3_exec(st->db, "CREATE TEMP TABLE returns_scope "
	    "(id INTEGER PRIMARY KEY)", NULL, NULL, NULL) != SQLITE_OK)
		return store_db_err(st, err, "preparing the return");
	s = store_stmt(st, sc->person ? "INSERT INTO temp.returns_scope "
	    "(id) SELECT id FROM person WHERE id = ?3 AND ?1 = ?1 AND "
	    "?2 = ?2" : scope_sql, err);
	if (s == NULL)
		return CD_ERR_DB;
	store_bind_text(s, 1, sc->from);
	store_bind_text(s, 2, sc->to);
	if (sc->person)
		sqlite3_bind_int64(s, 3, sc->person);
	rc = sqlite3_step(s);
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE) {
		code = store_db_err(st, err, "choosing the children");
		store_returns_close(st);
		return code;
	}
	ev.action = sc->person ? "view" : "export";
	ev.entity = sc->person ? "care_episode" : "returns";
	ev.person_id = sc->person;
	ev.flagged = flag;
	ev.changes = &ch;
	ev.nchanges = 1;
	code = store_audit_append(st, &ev, err);
	if (code != CD_OK)
		store_returns_close(st);
	return code;
}

enum cd_status
store_returns_scan(struct store *st, const char *entity,
    int (*fn)(const struct record *, void *), void *arg, struct cd_err *err)
{
	const struct entity_def *e = entity_find(entity);
	const char *where = "WHERE person_id IN (SELECT id FROM "
	    "temp.returns_scope) ORDER BY person_id, id";
	sqlite3_stmt *s;

	if (e == NULL)
		return cd_err_set(err, CD_ERR_INVALID, "no record type \"%s\"",
		    entity);
	if (strcmp(e->name, "person") == 0)
		where = "WHERE id IN (SELECT id FROM temp.returns_scope) "
		    "ORDER BY id";
	else if (strcmp(e->name, "adopter_household") == 0)
		where = "WHERE id IN (SELECT household_id FROM adopter_member "
		    "WHERE person_id IN (SELECT id FROM temp.returns_scope)) "
		    "ORDER BY id";
	else if (!e->person_scoped)
		return cd_err_set(err, CD_ERR_INVALID, "\"%s\" is not a record "
		    "type held per person", entity);
	s = store_select_rows(st, e, where, err);
	if (s == NULL)
		return cd_err_set(err, CD_ERR_INVALID, "no return is open (%s)",
		    err ? err->msg : "");
	return store_rows_each(st, s, e, fn, arg, err);
}

enum cd_status
store_returns_mothers(struct store *st,
    int (*fn)(int64_t person, const char *child_dob, void *), void *arg,
    struct cd_err *err)
{
	sqlite3_stmt *s;
	int rc;

	s = store_stmt(st, "SELECT r.person_id, min(c.dob) FROM relationship "
	    "r JOIN person m ON m.id = r.person_id JOIN person c ON c.id = "
	    "r.related_id WHERE r.kind = 'child' AND m.sex = 'F' AND "
	    "c.dob IS NOT NULL AND r.person_id IN (SELECT id FROM "
	    "temp.returns_scope) GROUP BY r.person_id ORDER BY r.person_id",
	    err);
	if (s == NULL)
		return CD_ERR_DB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (fn(sqlite3_column_int64(s, 0),
		    (const char *)sqlite3_column_text(s, 1), arg))
			break;
	store_stmt_done(st, s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_err(st, err, "reading mothers");
	return CD_OK;
}

void
store_returns_close(struct store *st)
{
	sqlite3_exec(st->db, "DROP TABLE IF EXISTS temp.returns_scope", NULL,
	    NULL, NULL);
}
