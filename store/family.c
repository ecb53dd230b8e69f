/*
 * Families: relationships between people, each recorded with its
 * reciprocal, and listed for a person with restricted relatives masked.
 */
#include "config.h"

#include "store/family.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "common/xmem.h"
#include "store/audit.h"
#include "store/codes.h"
#include "store/person_int.h"
#include "store/store.h"
#include "store/store_int.h"

/* Reciprocal relationship types. */
static const char *const inverse[][2] = {
	{ "mother", "child" }, { "father", "child" }, { "parent", "child" },
	{ "child", "parent" }, { "sibling", "sibling" },
	{ "half-sibling", "half-sibling" }, { "step-parent", "step-child" },
	{ "step-child", "step-parent" }, { "grandparent", "grandchild" },
	{ "grandchild", "grandparent" }, { "aunt-uncle", "niece-nephew" },
	{ "niece-nephew", "aunt-uncle" }, { "partner", "partner" },
	{ "carer", "cared-for" }, { "cared-for", "carer" },
	{ "friend", "friend" }, { "other", "other" },
};

const char *
store_person_inverse(const char *kind)
{
	size_t i;

	for (i = 0; i < sizeof inverse / sizeof inverse[0]; i++)
		if (strcmp(inverse[i][0], kind) == 0)
			return inverse[i][1];
	return NULL;
}

/* Whether a relationship between a and b is already recorded. */
static int
query_exists(struct store *st, int64_t a, int64_t b)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT count(*) FROM relationship "
	    "WHERE person_id = ? AND related_id = ?", NULL);
	int n = 0;

	if (s == NULL)
		return 0;
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	store_stmt_done(st, s);
	return n > 0;
}

/* Insert one relationship row: related is kind of person. */
static enum cd_status
insert_relation(struct store *st, int64_t person, int64_t related,
    const char *kind, int pr, struct cd_err *err)
{
	sqlite3_stmt *s = store_stmt(st, "INSERT INTO relationship "
	    "(person_id, related_id, kind, parental_responsibility, "
	    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)", err);
	char now[DATE_TIME_LEN], prs[2] = { pr ? '1' : '0', '\0' };
	struct audit_change ch[3];
	struct audit_event ev = { 0 };
	char rel[24];
	int rc;

	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	date_now(now);
	sqlite3_bind_int64(s, 1, person);
	sqlite3_bind_int64(s, 2, related);
	store_bind_text(s, 3, kind);
	sqlite3_bind_int(s, 4, pr);
	store_bind_text(s, 5, now);
	store_bind_text(s, 6, now);
	rc = sqlite3_step(s);
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "saving a relationship");
	snprintf(rel, sizeof rel, "#%lld", (long long)related);
	ch[0] = (struct audit_change){ "related", NULL, rel };
	ch[1] = (struct audit_change){ "kind", NULL, kind };
	ch[2] = (struct audit_change){ "parental_responsibility", NULL, prs };
	ev.action = "create";
	ev.entity = "relationship";
	ev.entity_id = sqlite3_last_insert_rowid(st->db);
	ev.person_id = person;
	ev.changes = ch;
	ev.nchanges = 3;
	return store_audit_append(st, &ev, err);
}

enum cd_status
store_person_relate(struct store *st, int64_t a, const char *kind, int64_t b,
    int pr, struct cd_err *err)
{
	const char *inv = store_person_inverse(kind);
	enum cd_status code;

	if (inv == NULL)
		return codes_check("relationship", "Relationship", kind, err);
	if (a == b)
		return cd_err_set(err, CD_ERR_INVALID, "a person cannot be "
		    "related to themselves");
	code = store_access_entity(st, entity_find("person"), 1, err);
	if (code == CD_OK)
		code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	code = store_access_person(st, a, 1, NULL, err);
	if (code == CD_OK)
		code = store_access_person(st, b, 1, NULL, err);
	if (code == CD_OK && query_exists(st, a, b))
		code = cd_err_set(err, CD_ERR_EXISTS, "#%lld and #%lld are "
		    "already related", (long long)a, (long long)b);
	/* a is kind of b: b's row says a is kind; a's row the inverse. */
	if (code == CD_OK)
		code = insert_relation(st, b, a, kind, pr, err);
	if (code == CD_OK)
		code = insert_relation(st, a, b, inv, 0, err);
	return store_end(st, code, err);
}

enum cd_status
store_person_relations(struct store *st, int64_t id, struct relation **out,
    size_t *n, struct cd_err *err)
{
	struct audit_event ev = { 0 };
	sqlite3_stmt *s;
	enum cd_status code;
	int flag = 0, rc;

	*out = NULL;
	*n = 0;
	code = store_access_entity(st, entity_find("person"), 0, err);
	if (code == CD_OK)
		code = store_access_person(st, id, 0, &flag, err);
	if (code != CD_OK)
		return code;
	s = store_stmt(st, "SELECT r.related_id, r.kind, "
	    "r.parental_responsibility, p.family_name, p.given_names, "
	    "coalesce(p.dob, p.expected_dob), p.restricted FROM relationship r "
	    "JOIN person p ON p.id = r.related_id WHERE r.person_id = ? AND "
	    "r.end_date IS NULL ORDER BY r.kind, p.dob", err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct relation *r;
		int64_t rid = sqlite3_column_int64(s, 0);

		*out = xreallocarray(*out, *n + 1, sizeof **out);
		r = &(*out)[(*n)++];
		r->related_id = rid;
		r->kind = store_column_dup(s, 1);
		r->pr = sqlite3_column_int(s, 2);
		if (sqlite3_column_int(s, 6) && !store_person_on_list(st, rid)) {
			r->name = xstrdup("(restricted record)");
			r->dob = NULL;
		} else {
			r->name = xasprintf("%s, %s", sqlite3_column_text(s, 3),
			    sqlite3_column_text(s, 4));
			r->dob = store_column_dup(s, 5);
		}
	}
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE) {
		store_person_relations_free(out, *n);
		return store_db_err(st, err, "reading relationships");
	}
	ev.action = "view";
	ev.entity = "relationship";
	ev.person_id = id;
	ev.flagged = flag;
	code = store_audit_append(st, &ev, err);
	if (code != CD_OK)
		store_person_relations_free(out, *n);
	return code;
}

void
store_person_relations_free(struct relation **r, size_t n)
{
	size_t i;

	if (*r == NULL)
		return;
	for (i = 0; i < n; i++) {
		free((*r)[i].kind);
		free((*r)[i].name);
		free((*r)[i].dob);
	}
	free(*r);
	*r = NULL;
}
