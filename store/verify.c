#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmem.h"
#include "keys/hash.h"
#include "store/audit.h"
#include "store/store.h"
#include "store/store_int.h"

/*
 * What the database holds, checked against the events that made it. The
 * chain proves the events; these checks prove that the tables policy is
 * read from (users, reviews, installed forms) and the purged details say
 * no more than the events allow, so a change made with the data key and
 * raw SQL is named even though the chain itself is intact.
 */

/* Record the first disagreement; later ones are left unreported. */
static void __attribute__((format(printf, 3, 4)))
disagrees(struct audit_verify *v, int64_t seq, const char *fmt, ...)
{
	va_list ap;

	if (v->problem[0] == '\0')
		v->state = 1;
	va_start(ap, fmt);
	store_verify_vproblem(v, seq, fmt, ap);
	va_end(ap);
}

/* The decoded details of the current row's column i (NULL when none). */
static struct audit_change *
details(sqlite3_stmt *s, int i, size_t *n)
{
	*n = 0;
	if (sqlite3_column_type(s, i) == SQLITE_NULL)
		return NULL;
	return store_audit_decode(sqlite3_column_blob(s, i),
	    (size_t)sqlite3_column_bytes(s, i), n);
}

/* The new value of field in c, or NULL. */
static const char *
change_of(const struct audit_change *c, size_t n, const char *field)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (c[i].field && strcmp(c[i].field, field) == 0)
			return c[i].new_ ? c[i].new_ : "";
	return NULL;
}

/* NULL-safe string equality. */
static int
same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

/* What the user events say about one user. */
struct user_said {
	int64_t id, seq;
	char *role, *team;
	int disabled;
};

/* Replay the user events, then compare every row of users. */
static enum cd_status
check_users(struct store *st, struct audit_verify *v, struct cd_err *err)
{
	struct user_said *said = NULL;
	size_t nsaid = 0, i, nch;
	sqlite3_stmt *s;
	int rc;

	s = store_prepare(st, "SELECT e.seq, e.entity_id, e.action, d.body "
	    "FROM audit_event e JOIN audit_detail d ON d.seq = e.seq WHERE "
	    "e.entity = 'user' AND e.action IN ('create', 'update') ORDER BY "
	    "e.seq", err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 1);
		struct audit_change *c = details(s, 3, &nch);
		const char *role, *team, *dis;
		struct user_said *u = NULL;

		for (i = 0; i < nsaid; i++)
			if (said[i].id == id)
				u = &said[i];
		if (u == NULL &&
		    strcmp((const char *)sqlite3_column_text(s, 2), "create") ==
		    0) {
			said = xreallocarray(said, nsaid + 1, sizeof *said);
			u = &said[nsaid++];
			memset(u, 0, sizeof *u);
			u->id = id;
		}
		if (u != NULL) {
			u->seq = sqlite3_column_int64(s, 0);
			if ((role = change_of(c, nch, "role")) != NULL) {
				free(u->role);
				u->role = xstrdup(role);
			}
			if ((team = change_of(c, nch, "team")) != NULL) {
				free(u->team);
				u->team = xstrdup(team);
			}
			if ((dis = change_of(c, nch, "disabled")) != NULL)
				u->disabled = strcmp(dis, "yes") == 0;
		}
		store_audit_changes_free(c, nch);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		for (i = 0; i < nsaid; i++)
			free(said[i].role), free(said[i].team);
		free(said);
		return store_db_err(st, err, "reading the user events");
	}
	s = store_prepare(st, "SELECT id, name, role, team, disabled FROM "
	    "users ORDER BY id", err);
	while (s != NULL && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(s, 0);
		const char *name = (const char *)sqlite3_column_text(s, 1);
		const char *role = (const char *)sqlite3_column_text(s, 2);
		const char *team = (const char *)sqlite3_column_text(s, 3);
		int disabled = sqlite3_column_int(s, 4);
		struct user_said *u = NULL;

		for (i = 0; i < nsaid; i++)
			if (said[i].id == id)
				u = &said[i];
		if (u == NULL)
			disagrees(v, 0, "user \"%s\" has no event recording "
			    "their creation (added outside casedesk)", name);
		else if (!same(role, u->role))
			disagrees(v, u->seq, "user \"%s\" has the role %s but "
			    "their last user event (%lld) says %s: the users "
			    "table was changed outside casedesk", name, role,
			    (long long)u->seq, u->role ? u->role : "none");
		else if (!same(team, u->team))
			disagrees(v, u->seq, "user \"%s\" is in team \"%s\" but "
			    "their last user event (%lld) says \"%s\"", name,
			    team, (long long)u->seq, u->team ? u->team : "");
		else if (disabled != u->disabled)
			disagrees(v, u->seq, "user \"%s\" is %s but their last "
			    "user event (%lld) says %s", name, disabled ?
			    "disabled" : "enabled", (long long)u->seq,
			    u->disabled ? "disabled" : "enabled");
	}
	for (i = 0; i < nsaid; i++)
		free(said[i].role), free(said[i].team);
	free(said);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "reading users");
	return CD_OK;
}

/* A review event: who closed which flagged event, how. */
struct review_said {
	int64_t target, seq;
	char *actor, *outcome, *note;
};

/* Whether person has been destroyed (a delete event names them). */
static int
destroyed(struct store *st, int64_t person)
{
	char *n = store_one_text(st, "SELECT count(*) FROM audit_event WHERE "
	    "action = 'delete' AND entity = 'person' AND entity_id = ?1",
	    person);
	int yes = n != NULL && atoll(n) > 0;

	free(n);
	return yes;
}

/* Every Caldicott review row must be what its review event says. */
static enum cd_status
check_reviews(struct store *st, struct audit_verify *v, struct cd_err *err)
{
	struct review_said *said = NULL;
	size_t nsaid = 0, i, nch;
	sqlite3_stmt *s;
	int rc;

	s = store_prepare(st, "SELECT e.entity_id, e.seq, e.actor, d.body FROM "
	    "audit_event e LEFT JOIN audit_detail d ON d.seq = e.seq WHERE "
	    "e.action = 'review' AND e.entity = 'audit_event' ORDER BY e.seq",
	    err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct audit_change *c = details(s, 3, &nch);
		struct review_said r;

		r.target = sqlite3_column_int64(s, 0);
		r.seq = sqlite3_column_int64(s, 1);
		r.actor = store_column_dup(s, 2);
		r.outcome = change_of(c, nch, "outcome") ?
		    xstrdup(change_of(c, nch, "outcome")) : NULL;
		r.note = change_of(c, nch, "note") ?
		    xstrdup(change_of(c, nch, "note")) : NULL;
		store_audit_changes_free(c, nch);
		said = xreallocarray(said, nsaid + 1, sizeof *said);
		said[nsaid++] = r;
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE) {
		s = store_prepare(st, "SELECT v.seq, v.reviewed_by, v.outcome, "
		    "v.note, coalesce(e.flagged, 0), coalesce(e.person_id, 0) "
		    "FROM caldicott_review v LEFT JOIN audit_event e ON e.seq = "
		    "v.seq ORDER BY v.seq", err);
		while (s != NULL && (rc = sqlite3_step(s)) == SQLITE_ROW) {
			int64_t seq = sqlite3_column_int64(s, 0);
			const char *by = (const char *)sqlite3_column_text(s, 1);
			const char *outcome =
			    (const char *)sqlite3_column_text(s, 2);
			const char *note = (const char *)sqlite3_column_text(s, 3);
			struct review_said *r = NULL;

			for (i = 0; i < nsaid && r == NULL; i++)
				if (said[i].target == seq)
					r = &said[i];
			if (!sqlite3_column_int(s, 4))
				disagrees(v, seq, "event %lld has a Caldicott "
				    "review but was never flagged for one",
				    (long long)seq);
			else if (r == NULL)
				disagrees(v, seq, "the Caldicott review of event "
				    "%lld has no review event: it was written "
				    "outside casedesk", (long long)seq);
			else if (!same(by, r->actor) ||
			    !same(outcome, r->outcome) || (!same(note, r->note) &&
			    !(same(note, "(removed with the record)") &&
			    destroyed(st, sqlite3_column_int64(s, 5)))))
				disagrees(v, r->seq, "the Caldicott review of "
				    "event %lld is not what its review event "
				    "(%lld) recorded", (long long)seq,
				    (long long)r->seq);
		}
		if (s == NULL)
			rc = SQLITE_ERROR;
		sqlite3_finalize(s);
	}
	for (i = 0; i < nsaid; i++) {
		free(said[i].actor);
		free(said[i].outcome);
		free(said[i].note);
	}
	free(said);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "reading the Caldicott reviews");
	return CD_OK;
}

/* A destruction: whose record, and which searches it purged. */
struct destruction {
	int64_t seq, person;
	char *searches;		/* " 12 45 ", or NULL in the older format */
};

/* Whether some destruction after seq accounts for purging its details. */
static int
purge_backed(const struct destruction *d, size_t n, int64_t seq,
    int64_t person, int search)
{
	char needle[32];
	size_t i;

	snprintf(needle, sizeof needle, " %lld ", (long long)seq);
	for (i = 0; i < n; i++) {
		if (d[i].seq <= seq)
			continue;
		if (person != 0 && d[i].person == person)
			return 1;
		if (search && (d[i].searches == NULL ||
		    strstr(d[i].searches, needle) != NULL))
			return 1;
	}
	return 0;
}

/* Every purged detail must follow a destruction that purged it. */
static enum cd_status
check_purges(struct store *st, struct audit_verify *v, struct cd_err *err)
{
	struct destruction *d = NULL;
	size_t nd = 0, i, nch;
	sqlite3_stmt *s;
	int rc;

	s = store_prepare(st, "SELECT e.seq, e.entity_id, d.body FROM "
	    "audit_event e LEFT JOIN audit_detail d ON d.seq = e.seq WHERE "
	    "e.action = 'delete' AND e.entity = 'person'", err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct audit_change *c = details(s, 2, &nch);
		const char *list = change_of(c, nch, "searches_purged");

		d = xreallocarray(d, nd + 1, sizeof *d);
		d[nd].seq = sqlite3_column_int64(s, 0);
		d[nd].person = sqlite3_column_int64(s, 1);
		d[nd++].searches = list ? xasprintf(" %s ", list) : NULL;
		store_audit_changes_free(c, nch);
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_DONE) {
		s = store_prepare(st, "SELECT d.seq, coalesce(e.person_id, 0), "
		    "e.action = 'search' FROM audit_detail d JOIN audit_event e "
		    "ON e.seq = d.seq WHERE d.body IS NULL ORDER BY d.seq", err);
		while (s != NULL && (rc = sqlite3_step(s)) == SQLITE_ROW) {
			int64_t seq = sqlite3_column_int64(s, 0);

			if (!purge_backed(d, nd, seq, sqlite3_column_int64(s, 1),
			    sqlite3_column_int(s, 2)))
				disagrees(v, seq, "event %lld: its details "
				    "were purged without a destruction under "
				    "the retention schedule", (long long)seq);
		}
		if (s == NULL)
			rc = SQLITE_ERROR;
		sqlite3_finalize(s);
	}
	for (i = 0; i < nd; i++)
		free(d[i].searches);
	free(d);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "reading purged details");
	return CD_OK;
}

/* Every installed definition must be what its install event recorded. */
static enum cd_status
check_forms(struct store *st, struct audit_verify *v, struct cd_err *err)
{
	sqlite3_stmt *s, *e;
	int rc;

	s = store_prepare(st, "SELECT f.id, f.kind, f.name, f.version, f.body, "
	    "f.hash, f.read_roles, f.write_roles, f.authorise_roles, "
	    "f.needs_authorisation FROM form_def f ORDER BY f.id", err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	e = store_prepare(st, "SELECT e.seq, d.body FROM audit_event e JOIN "
	    "audit_detail d ON d.seq = e.seq WHERE e.action = 'install' AND "
	    "e.entity = 'form_def' AND e.entity_id = ? ORDER BY e.seq LIMIT 1",
	    err);
	if (e == NULL) {
		sqlite3_finalize(s);
		return err ? err->code : CD_ERR_DB;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && v->problem[0] == '\0') {
		unsigned char h[HASH_BYTES];
		char hex[HASH_HEX], version[16];
		const char *name = (const char *)sqlite3_column_text(s, 2);
		struct audit_change *c = NULL;
		size_t nch = 0;
		int64_t seq = 0;

		hash_bytes(sqlite3_column_blob(s, 4),
		    (size_t)sqlite3_column_bytes(s, 4), h);
		hash_to_hex(h, hex);
		snprintf(version, sizeof version, "%d",
		    sqlite3_column_int(s, 3));
		sqlite3_reset(e);
		sqlite3_bind_int64(e, 1, sqlite3_column_int64(s, 0));
		if (sqlite3_step(e) == SQLITE_ROW) {
			seq = sqlite3_column_int64(e, 0);
			c = details(e, 1, &nch);
		}
		if (seq == 0)
			disagrees(v, 0, "the form definition \"%s\" has no "
			    "install event: it was put in outside casedesk",
			    name);
		else if (sqlite3_column_bytes(s, 5) != HASH_BYTES ||
		    !hash_equal(h, sqlite3_column_blob(s, 5)) ||
		    !same(change_of(c, nch, "hash"), hex) ||
		    !same(change_of(c, nch, "kind"),
		    (const char *)sqlite3_column_text(s, 1)) ||
		    !same(change_of(c, nch, "name"), name) ||
		    !same(change_of(c, nch, "version"), version) ||
		    !same(change_of(c, nch, "read_roles"),
		    (const char *)sqlite3_column_text(s, 6)) ||
		    !same(change_of(c, nch, "write_roles"),
		    (const char *)sqlite3_column_text(s, 7)) ||
		    !same(change_of(c, nch, "authorise_roles"),
		    (const char *)sqlite3_column_text(s, 8)) ||
		    !same(change_of(c, nch, "needs_authorisation"),
		    sqlite3_column_int(s, 9) ? "yes" : "no"))
			disagrees(v, seq, "the form definition \"%s\" is not "
			    "what its install event (%lld) recorded: it was "
			    "changed outside casedesk", name, (long long)seq);
		store_audit_changes_free(c, nch);
	}
	sqlite3_finalize(e);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_db_err(st, err, "reading the installed forms");
	return CD_OK;
}

enum cd_status
store_verify_state(struct store *st, struct audit_verify *v,
    struct cd_err *err)
{
	/* Purges first: a purged user event would otherwise look forged. */
	enum cd_status code = check_purges(st, v, err);

	if (code == CD_OK)
		code = check_users(st, v, err);
	if (code == CD_OK)
		code = check_reviews(st, v, err);
	if (code == CD_OK)
		code = check_forms(st, v, err);
	return code;
}
