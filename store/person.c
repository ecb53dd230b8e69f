/*
 * People: creating one after the duplicate check, merging two records,
 * break-glass on restricted records, links between staff and records, and
 * previous names kept for search.
 */
#include "config.h"

#include "store/person.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/ident.h"
#include "common/xmem.h"
#include "store/audit.h"
#include "store/hooks.h"
#include "store/person_int.h"
#include "store/record.h"
#include "store/store.h"
#include "store/store_int.h"

void
store_person_row_fini(struct person_row *r)
{
	free(r->family);
	free(r->given);
	free(r->dob);
	free(r->expected);
	free(r->nhs);
	free(r->upn);
	free(r->sex);
	memset(r, 0, sizeof *r);
}

int
store_person_row_read(struct store *st, int64_t id, struct person_row *r)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT "
	    "family_name, given_names, dob, expected_dob, nhs_number, upn, "
	    "restricted, merged_into, sex FROM person WHERE id = ?", NULL);
	int ok = 0;

	memset(r, 0, sizeof *r);
	if (s == NULL)
		return 0;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW) {
		r->family = store_column_dup(s, 0);
		r->given = store_column_dup(s, 1);
		r->dob = store_column_dup(s, 2);
		r->expected = store_column_dup(s, 3);
		r->nhs = store_column_dup(s, 4);
		r->upn = store_column_dup(s, 5);
		r->restricted = sqlite3_column_int(s, 6);
		r->merged = sqlite3_column_int64(s, 7);
		r->sex = store_column_dup(s, 8);
		ok = 1;
	}
	store_stmt_done(st, s);
	return ok;
}

int
store_person_on_list(struct store *st, int64_t id)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT count(*) FROM "
	    "person_access WHERE person_id = ? AND user_id = ? AND kind = "
	    "'restricted'", NULL);
	int n = 0;
	size_t i;

	for (i = 0; i < st->nglass; i++)
		if (st->glass[i] == id)
			return 1;
	if (s == NULL)
		return 0;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, st->user_id);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	store_stmt_done(st, s);
	return n > 0;
}

enum cd_status
store_person_add(struct store *st, const struct field_value *v, size_t n,
    const char *postcode, const char *no_match, int64_t *id,
    struct person_hits *dups, struct cd_err *err)
{
	struct audit_change ch[3];
	struct audit_event ev = { 0 };
	struct field_value addr[4];
	struct cd_err inner;
	struct buf ids = { 0 };
	char pc[9], now[DATE_TIME_LEN];
	enum cd_status code;
	size_t i;

	*id = 0;
	memset(dups, 0, sizeof *dups);
	code = store_access_entity(st, entity_find("person"), 1, err);
	if (code != CD_OK)
		return code;
	if (postcode && *postcode &&
	    ident_postcode(postcode, pc, &inner) != CD_OK)
		return cd_err_set(err, CD_ERR_INVALID, "Postcode: %s",
		    inner.msg);
	if (no_match != NULL && strlen(no_match) < 5)
		return cd_err_set(err, CD_ERR_INVALID, "the \"no match\" "
		    "decision needs a reason (a few words)");
	code = store_person_duplicates(st, v, n, postcode && *postcode ? pc :
	    NULL, dups, err);
	if (code != CD_OK)
		return code;
	if (dups->n > 0 && no_match == NULL) {
		/* The people the check showed: audited like a search. */
		struct buf shown = { 0 };
		struct audit_change dc = { "candidates", NULL, NULL };
		struct audit_event dev = { 0 };

		for (i = 0; i < dups->n; i++) {
			buf_addf(&shown, "%s#%lld", i ? " " : "",
			    (long long)dups->h[i].id);
			dev.flagged |= dups->h[i].masked;
		}
		dc.new_ = buf_str(&shown);
		dev.action = "duplicate-check";
		dev.entity = "person";
		dev.changes = &dc;
		dev.nchanges = 1;
		code = store_audit_append(st, &dev, err);
		buf_fini(&shown);
		if (code != CD_OK)
			return code;
		return cd_err_set(err, CD_ERR_DUPLICATE, "%zu likely "
		    "duplicate%s: check them before creating a new record",
		    dups->n, dups->n == 1 ? "" : "s");
	}
	code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	code = store_record_create(st, "person", 0, v, n, id, err);
	if (code == CD_OK && postcode && *postcode) {
		date_now(now);
		now[10] = '\0';
		addr[0] = (struct field_value){ "line1", "(postcode only)" };
		addr[1] = (struct field_value){ "postcode", pc };
		addr[2] = (struct field_value){ "kind", "home" };
		addr[3] = (struct field_value){ "start_date", now };
		code = store_record_create(st, "address", *id, addr, 4,
		    &(int64_t){ 0 }, err);
	}
	if (code == CD_OK && dups->n > 0) {
		for (i = 0; i < dups->n; i++)
			buf_addf(&ids, "%s#%lld", i ? " " : "",
			    (long long)dups->h[i].id);
		ch[0] = (struct audit_change){ "decision", NULL, "no match" };
		ch[1] = (struct audit_change){ "reason", NULL, no_match };
		ch[2] = (struct audit_change){ "candidates", NULL,
		    buf_str(&ids) };
		ev.action = "no-match";
		ev.entity = "person";
		ev.entity_id = *id;
		ev.person_id = *id;
		ev.changes = ch;
		ev.nchanges = 3;
		code = store_audit_append(st, &ev, err);
	}
	buf_fini(&ids);
	if (code != CD_OK) {
		store_rollback(st);
		*id = 0;
		return code;
	}
	return store_commit(st, err);
}

/* Run one statement binding keep and other; count changed rows. */
static enum cd_status
move(struct store *st, const char *sql, int64_t keep, int64_t other,
    int *changed, struct cd_err *err)
{
	sqlite3_stmt *s = store_stmt(st, sql, err);
	int rc;

	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	sqlite3_bind_int64(s, 1, keep);
	sqlite3_bind_int64(s, 2, other);
	rc = sqlite3_step(s);
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "merging");
	if (changed)
		*changed += sqlite3_changes(st->db);
	return CD_OK;
}

enum cd_status
store_person_merge(struct store *st, int64_t keep, int64_t other,
    struct cd_err *err)
{
	const struct entity_def *all;
	struct audit_change ch[3];
	struct audit_event ev = { 0 };
	struct buf sql = { 0 };
	char kid[24], oid[24], moved_s[24], now[DATE_TIME_LEN];
	enum cd_status code;
	size_t n, i;
	int moved = 0;
	struct person_row kr, orow;

	if (keep == other)
		return cd_err_set(err, CD_ERR_INVALID, "cannot merge a record "
		    "into itself");
	if (!access_may(st, ACCESS_PERSON_MERGE))
		return cd_err_set(err, CD_ERR_DENIED, "the %s role may not "
		    "merge records (team managers and information governance "
		    "may)", role_title(st->role));
	code = store_begin(st, err);
	if (code == CD_OK)
		code = store_access_person(st, keep, 1, NULL, err);
	if (code == CD_OK)
		code = store_access_person(st, other, 1, NULL, err);
	if (code != CD_OK) {
		store_rollback(st);
		return code;
	}
	if (!store_person_row_read(st, keep, &kr) ||
	    !store_person_row_read(st, other, &orow) || kr.merged ||
	    orow.merged) {
		store_person_row_fini(&kr);
		store_person_row_fini(&orow);
		store_rollback(st);
		return cd_err_set(err, CD_ERR_INVALID, "both records must exist "
		    "and not already be merged");
	}
	all = entity_all(&n);
	for (i = 0; i < n && code == CD_OK; i++) {
		if (!all[i].person_scoped)
			continue;
		buf_reset(&sql);
		buf_addf(&sql, "UPDATE %s SET person_id = ?1 WHERE person_id "
		    "= ?2", all[i].name);
		code = move(st, buf_str(&sql), keep, other, &moved, err);
	}
	buf_fini(&sql);
	date_now(now);
	if (code == CD_OK)
		code = move(st, "UPDATE person_name SET person_id = ?1 WHERE "
		    "person_id = ?2", keep, other, &moved, err);
	if (code == CD_OK) {
		/* The other record's name becomes a previous name. */
		sqlite3_stmt *s = store_stmt(st, "INSERT INTO person_name "
		    "(person_id, family_name, given_names, family_key, "
		    "given_key, family_sound, given_sound, kind, created_at, "
		    "updated_at) SELECT ?1, family_name, given_names, "
		    "family_key, given_key, family_sound, given_sound, 'merged', "
		    "?3, ?3 FROM person WHERE id = ?2", err);

		if (s == NULL)
			code = err ? err->code : CD_ERR_DB;
		else {
			sqlite3_bind_int64(s, 1, keep);
			sqlite3_bind_int64(s, 2, other);
			store_bind_text(s, 3, now);
			if (sqlite3_step(s) != SQLITE_DONE)
				code = store_db_err(st, err, "merging names");
			store_stmt_done(st, s);
		}
	}
	/* Relationships: repoint both ends, then drop self and duplicates. */
	if (code == CD_OK)
		code = move(st, "UPDATE relationship SET person_id = ?1 WHERE "
		    "person_id = ?2", keep, other, &moved, err);
	if (code == CD_OK)
		code = move(st, "UPDATE relationship SET related_id = ?1 WHERE "
		    "related_id = ?2", keep, other, &moved, err);
	if (code == CD_OK)
		code = move(st, "DELETE FROM relationship WHERE person_id = ?1 "
		    "AND related_id = ?1 AND ?2 = ?2", keep, other, NULL, err);
	if (code == CD_OK)
		code = move(st, "DELETE FROM relationship WHERE (person_id = ?1 "
		    "OR related_id = ?1) AND ?2 = ?2 AND id NOT IN (SELECT "
		    "min(id) FROM relationship GROUP BY person_id, related_id)",
		    keep, other, NULL, err);
	if (code == CD_OK)
		code = move(st, "INSERT OR IGNORE INTO person_access (person_id, "
		    "user_id, kind) SELECT ?1, user_id, kind FROM person_access "
		    "WHERE person_id = ?2", keep, other, NULL, err);
	if (code == CD_OK)
		code = move(st, "UPDATE users SET person_id = ?1 WHERE "
		    "person_id = ?2", keep, other, &moved, err);
	/* The stricter record's restriction stays (its list moved above). */
	if (code == CD_OK)
		code = move(st, "UPDATE person SET restricted = 1, version = "
		    "version + 1 WHERE id = ?1 AND restricted = 0 AND (SELECT "
		    "restricted FROM person WHERE id = ?2) = 1", keep, other,
		    NULL, err);
	if (code == CD_OK)
		code = move(st, "UPDATE person SET merged_into = ?1, version = "
		    "version + 1 WHERE id = ?2", keep, other, NULL, err);
	store_person_row_fini(&kr);
	store_person_row_fini(&orow);
	snprintf(kid, sizeof kid, "#%lld", (long long)keep);
	snprintf(oid, sizeof oid, "#%lld", (long long)other);
	snprintf(moved_s, sizeof moved_s, "%d", moved);
	ch[0] = (struct audit_change){ "kept", NULL, kid };
	ch[1] = (struct audit_change){ "merged", NULL, oid };
	ch[2] = (struct audit_change){ "links_moved", NULL, moved_s };
	ev.action = "merge";
	ev.entity = "person";
	ev.changes = ch;
	ev.nchanges = 3;
	ev.entity_id = keep;
	ev.person_id = keep;
	if (code == CD_OK)
		code = store_audit_append(st, &ev, err);
	ev.entity_id = other;
	ev.person_id = other;
	return store_end_audited(st, code, &ev, err);
}

enum cd_status
store_person_break_glass(struct store *st, int64_t id, const char *reason,
    struct cd_err *err)
{
	struct audit_change ch = { "reason", NULL, reason };
	struct audit_event ev = { 0 };
	struct person_row r;
	enum cd_status code;

	code = store_access_entity(st, entity_find("person"), 0, err);
	if (code != CD_OK)
		return code;
	code = access_break_glass(st, err);
	if (code != CD_OK)
		return code;
	if (reason == NULL || strlen(reason) < 10)
		return cd_err_set(err, CD_ERR_INVALID, "break-glass needs a "
		    "reason of at least a few words");
	if (!store_person_row_read(st, id, &r))
		return cd_err_set(err, CD_ERR_NOTFOUND, "no person #%lld",
		    (long long)id);
	store_person_row_fini(&r);
	ev.action = "break-glass";
	ev.entity = "person";
	ev.entity_id = id;
	ev.person_id = id;
	ev.flagged = 1;
	ev.changes = &ch;
	ev.nchanges = 1;
	code = store_audit_append(st, &ev, err);
	if (code != CD_OK)
		return code;
	st->glass = xreallocarray(st->glass, st->nglass + 1,
	    sizeof *st->glass);
	st->glass[st->nglass++] = id;
	return CD_OK;
}

enum cd_status
store_person_link(struct store *st, int64_t id, const char *user,
    const char *kind, struct cd_err *err)
{
	struct audit_change ch[2];
	struct audit_event ev = { 0 };
	sqlite3_stmt *s;
	enum cd_status code;
	int64_t uid = 0;
	int rc;

	code = access_link_users(st, err);
	if (code != CD_OK)
		return code;
	if (strcmp(kind, "restricted") && strcmp(kind, "education") &&
	    strcmp(kind, "self"))
		return cd_err_set(err, CD_ERR_INVALID, "link kind must be "
		    "restricted, education or self");
	code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	s = store_stmt(st, "SELECT u.id FROM users u, person p WHERE "
	    "u.name = ? AND p.id = ?", err);
	if (s != NULL) {
		store_bind_text(s, 1, user);
		sqlite3_bind_int64(s, 2, id);
		if (sqlite3_step(s) == SQLITE_ROW)
			uid = sqlite3_column_int64(s, 0);
		store_stmt_done(st, s);
	}
	if (uid == 0) {
		store_rollback(st);
		return cd_err_set(err, CD_ERR_NOTFOUND, "no user \"%s\" or no "
		    "person #%lld", user, (long long)id);
	}
	if (strcmp(kind, "self") == 0)
		s = store_stmt(st, "UPDATE users SET person_id = ?2 WHERE "
		    "id = ?1 AND ?3 = ?3", err);
	else
		s = store_stmt(st, "INSERT OR IGNORE INTO person_access "
		    "(user_id, person_id, kind) VALUES (?1, ?2, ?3)", err);
	if (s == NULL) {
		store_rollback(st);
		return err ? err->code : CD_ERR_DB;
	}
	sqlite3_bind_int64(s, 1, uid);
	sqlite3_bind_int64(s, 2, id);
	store_bind_text(s, 3, kind);
	rc = sqlite3_step(s);
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE) {
		code = store_db_err(st, err, "linking");
		store_rollback(st);
		return code;
	}
	ch[0] = (struct audit_change){ "user", NULL, user };
	ch[1] = (struct audit_change){ "link", NULL, kind };
	ev.action = "update";
	ev.entity = "person_access";
	ev.entity_id = id;
	ev.person_id = id;
	/* Putting oneself on a restricted list is break-glass: flagged. */
	ev.flagged = strcmp(kind, "restricted") == 0 && uid == st->user_id;
	ev.changes = ch;
	ev.nchanges = 2;
	code = store_audit_append(st, &ev, err);
	return store_end(st, code, err);
}

enum cd_status
store_person_keep_name(struct store *st, int64_t id, const char *family,
    const char *given, struct cd_err *err)
{
	char fk[IDENT_KEY_MAX], gk[IDENT_KEY_MAX], fs[8], gs[8];
	char now[DATE_TIME_LEN];
	sqlite3_stmt *s;
	int rc;

	ident_name_key(family ? family : "", fk);
	ident_name_key(given ? given : "", gk);
	ident_name_sound(family ? family : "", fs);
	ident_name_sound(given ? given : "", gs);
	date_now(now);
	s = store_stmt(st, "INSERT INTO person_name (person_id, family_name, "
	    "given_names, family_key, given_key, family_sound, given_sound, "
	    "kind, until_date, created_at, updated_at) VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, 'previous', substr(?, 1, 10), ?, ?)", err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, family ? family : "");
	store_bind_text(s, 3, given ? given : "");
	store_bind_text(s, 4, fk);
	store_bind_text(s, 5, gk);
	store_bind_text(s, 6, fs);
	store_bind_text(s, 7, gs);
	store_bind_text(s, 8, now);
	store_bind_text(s, 9, now);
	store_bind_text(s, 10, now);
	rc = sqlite3_step(s);
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "keeping the previous name");
	return CD_OK;
}

void
store_person_derive(char **values, struct derived *d)
{
	char key[IDENT_KEY_MAX], sound[8];
	const char *fam = values[0] ? values[0] : "";
	const char *giv = values[1] ? values[1] : "";

	ident_name_key(fam, key);
	store_derived_add(d, "family_key", xstrdup(key), 0);
	ident_name_key(giv, key);
	store_derived_add(d, "given_key", xstrdup(key), 0);
	ident_name_sound(fam, sound);
	store_derived_add(d, "family_sound", xstrdup(sound), 0);
	ident_name_sound(giv, sound);
	store_derived_add(d, "given_sound", xstrdup(sound), 0);
}

enum cd_status
store_person_check(const struct entity_def *e, char **values,
    struct cd_err *err)
{
	const struct field_def *dob = entity_field(e, "dob");
	const struct field_def *edob = entity_field(e, "expected_dob");

	if (values[dob - e->fields] != NULL &&
	    values[edob - e->fields] != NULL)
		return cd_err_set(err, CD_ERR_INVALID, "a person has either a "
		    "date of birth or an expected date of birth, not both");
	return CD_OK;
}

/*
 * A changed NHS number is no longer a verified one (CP-IS would send it
 * unchecked): unless the same edit says it is verified, clear the flag,
 * as one more audited change.
 */
size_t
store_person_amend(const struct entity_def *e, const struct field_change *c,
    size_t n, const struct record *cur, char **values,
    struct audit_change *out)
{
	const struct field_def *nhs = entity_field(e, "nhs_number");
	const struct field_def *ver = entity_field(e, "nhs_verified");
	size_t in = (size_t)(nhs - e->fields), iv = (size_t)(ver - e->fields);
	size_t i;

	if (store_text_same(cur->values[in], values[in]))
		return 0;
	for (i = 0; i < n; i++)
		if (strcmp(c[i].name, "nhs_verified") == 0)
			return 0;
	if (values[iv] == NULL || strcmp(values[iv], "0") == 0)
		return 0;
	free(values[iv]);
	values[iv] = xstrdup("0");
	*out = (struct audit_change){ ver->name, cur->values[iv], values[iv] };
	return 1;
}

/* A new name: the old one stays findable as a previous name. */
enum cd_status
store_person_before_update(struct store *st, const struct record *cur,
    char **values, struct cd_err *err)
{
	if (store_text_same(cur->values[0], values[0]) &&
	    store_text_same(cur->values[1], values[1]))
		return CD_OK;
	return store_person_keep_name(st, cur->id, cur->values[0],
	    cur->values[1], err);
}
