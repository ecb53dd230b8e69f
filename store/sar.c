#include "config.h"

#include "store/sar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/buf.h"
#include "common/date.h"
#include "common/ident.h"
#include "common/xmem.h"
#include "store/audit.h"
#include "store/codes.h"
#include "store/record.h"
#include "store/store.h"
#include "store/store_int.h"

/* Whole years from dob to on (both YYYY-MM-DD); -1 if either is bad. */
static int
age_on(const char *dob, const char *on)
{
	int y1, m1, d1, y2, m2, d2;

	if (dob == NULL || sscanf(dob, "%4d-%2d-%2d", &y1, &m1, &d1) != 3 ||
	    sscanf(on, "%4d-%2d-%2d", &y2, &m2, &d2) != 3)
		return -1;
	return y2 - y1 - (m2 < m1 || (m2 == m1 && d2 < d1));
}

static void
today_is(char out[DATE_TIME_LEN])
{
	date_now(out);
	out[10] = '\0';
}

/* One count from sql binding ?1..?4 (int64, int64, text, int64). */
static int64_t
count4(struct store *st, const char *sql, int64_t a, int64_t b,
    const char *c, int64_t d)
{
	sqlite3_stmt *q = store_stmt(st, sql, NULL);
	int64_t n = -1;

	if (q == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, a);
	sqlite3_bind_int64(q, 2, b);
	store_bind_text(q, 3, c);
	sqlite3_bind_int64(q, 4, d);
	if (sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int64(q, 0);
	store_stmt_done(st, q);
	return n;
}

static void
copy_value(char *dst, size_t n, const struct record *r, const char *field)
{
	const char *v = store_record_value(r, field);

	snprintf(dst, n, "%s", v ? v : "");
}

static int
value_yes(const struct record *r, const char *field)
{
	const char *v = store_record_value(r, field);

	return v && *v == '1';
}

/* Who a pack is prepared for: "id|relationship|name". */
static void
requester_key(const struct sar_state *s, char out[192])
{
	snprintf(out, 192, "%lld|%s|%s", (long long)s->requester,
	    s->relationship, s->requester_name);
}

/* A consent in force for request ?2 or requester ?4, decided as given. */
#define CONSENT_SQL(decision) "SELECT count(*) FROM consent WHERE " \
	"person_id = ?1 AND purpose = 'SAR' AND given_by IN ('CHILD', " \
	"'ADULT') AND consent_date <= ?3 AND (withdrawn_date IS NULL OR " \
	"withdrawn_date > ?3) AND " decision " AND (sar_request_id = ?2 OR " \
	"(?4 <> 0 AND allows_id = ?4))"

enum cd_status
store_sar_state(struct store *st, int64_t request, int consent_age,
    struct sar_state *out, struct cd_err *err)
{
	struct record r;
	char today[DATE_TIME_LEN], *dob, key[192];
	const char *v;
	enum cd_status code;
	int y, m, d;

	memset(out, 0, sizeof *out);
	code = access_governance_only(st, "work on subject access requests",
	    err);
	if (code == CD_OK)
		code = store_record_get(st, "sar_request", request, &r, err);
	if (code != CD_OK)
		return code;
	out->request = request;
	out->subject = r.person_id;
	v = store_record_value(&r, "requester_id");
	out->requester = v ? atoll(v) : 0;
	copy_value(out->relationship, sizeof out->relationship, &r,
	    "requester_relationship");
	copy_value(out->requester_name, sizeof out->requester_name, &r,
	    "requester_name");
	copy_value(out->received, sizeof out->received, &r, "received_date");
	copy_value(out->status, sizeof out->status, &r, "status");
	if (out->status[0] == '\0')
		snprintf(out->status, sizeof out->status, "OPEN");
	copy_value(out->prepared_by, sizeof out->prepared_by, &r,
	    "prepared_by");
	copy_value(out->approved_by, sizeof out->approved_by, &r,
	    "approved_by");
	v = store_record_value(&r, "prepared_for");
	requester_key(out, key);
	out->requester_changed = v != NULL && strcmp(v, key) != 0;
	out->extended = value_yes(&r, "extended");
	out->identity_checked = value_yes(&r, "identity_checked");
	out->authority_checked = value_yes(&r, "authority_checked");
	out->pr_recorded = value_yes(&r, "pr_checked");
	store_record_fini(&r);
	sscanf(out->received, "%4d-%2d-%2d", &y, &m, &d);
	date_civil(date_add_months(date_days(y, m, d), out->extended ? 3 : 1),
	    &y, &m, &d);
	snprintf(out->due, sizeof out->due, "%04d-%02d-%02d", y, m, d);

	dob = store_one_text(st, "SELECT dob FROM person WHERE id = ?1",
	    out->subject);
	out->age = age_on(dob, out->received);
	free(dob);
	/* Unknown age counts as old enough: never release without asking.
	 * A request "from the person" that names someone else's record as
	 * the requester is someone else's request, whatever it is called. */
	out->not_self = strcmp(out->relationship, "SELF") == 0 &&
	    out->requester != 0 && out->requester != out->subject;
	out->needs_consent = (strcmp(out->relationship, "SELF") != 0 ||
	    out->not_self) && (out->age < 0 || out->age >= consent_age);
	today_is(today);
	out->consented = count4(st, CONSENT_SQL("(decision IS NULL OR "
	    "decision = 'GIVEN')"), out->subject, request, today,
	    out->requester) > 0;
	out->refused = count4(st, CONSENT_SQL("decision = 'REFUSED'"),
	    out->subject, request, today, out->requester) > 0;
	/* The record's relationship says the requester holds it. */
	if (!out->pr_recorded && out->requester != 0)
		out->pr_recorded = count4(st, "SELECT count(*) FROM "
		    "relationship WHERE person_id = ?1 AND related_id = ?2 AND "
		    "parental_responsibility = 1 AND (end_date IS NULL OR "
		    "end_date > ?3) AND ?4 = ?4", out->subject, out->requester,
		    today, 0) > 0;
	out->looked_after = count4(st, "SELECT count(*) FROM care_episode "
	    "WHERE person_id = ?1 AND ?2 = ?2 AND ?3 = ?3 AND ?4 = ?4",
	    out->subject, 0, "", 0) > 0;
	return CD_OK;
}

enum cd_status
store_sar_open(struct store *st, void (*fn)(const struct sar_open *, void *),
    void *arg, struct cd_err *err)
{
	sqlite3_stmt *q;
	enum cd_status code;
	int rc;

	code = access_governance_only(st, "list subject access requests", err);
	if (code != CD_OK)
		return code;
	q = store_stmt(st, "SELECT id, person_id, received_date, "
	    "requester_name, extended FROM sar_request WHERE status IS NULL OR "
	    "status IN ('OPEN', 'REVIEW', 'APPROVED') ORDER BY received_date, "
	    "id", err);
	if (q == NULL)
		return err ? err->code : CD_ERR_DB;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct sar_open o;

		o.request = sqlite3_column_int64(q, 0);
		o.subject = sqlite3_column_int64(q, 1);
		o.received = (const char *)sqlite3_column_text(q, 2);
		o.requester = (const char *)sqlite3_column_text(q, 3);
		o.extended = sqlite3_column_int(q, 4);
		fn(&o, arg);
	}
	store_stmt_done(st, q);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "listing requests");
	return CD_OK;
}

enum cd_status
store_sar_may_pack(struct store *st, struct cd_err *err)
{
	return access_governance_only(st, "build subject access packs", err);
}

static const char *
requester_word(const char *rel)
{
	if (strcmp(rel, "PARENT") == 0)
		return "parent";
	if (strcmp(rel, "CARER") == 0)
		return "carer";
	if (strcmp(rel, "SOLICITOR") == 0)
		return "solicitor";
	return "third party";
}

enum cd_status
store_sar_gates(const struct sar_state *s, struct cd_err *err)
{
	long long req = (long long)s->request, sub = (long long)s->subject;

	if (s->requester_changed)
		return cd_err_set(err, CD_ERR_DENIED, "the requester on request "
		    "#%lld changed after its pack was prepared: prepare and "
		    "review it again for %s", req, s->requester_name);
	if (s->not_self)
		return cd_err_set(err, CD_ERR_DENIED, "request #%lld is "
		    "recorded as from the person themselves, but its requester "
		    "is #%lld, not #%lld: record who is asking and how they "
		    "are related (record update sar_request %lld "
		    "requester_relationship=...)", req,
		    (long long)s->requester, sub, req);
	/* A refusal stands for its requester whatever the person's age. */
	if (s->refused && strcmp(s->relationship, "SELF") != 0)
		return cd_err_set(err, CD_ERR_DENIED, "#%lld has refused "
		    "consent for this requester (%s): the record does not go "
		    "to them while that refusal stands", sub,
		    s->requester_name);
	if (s->needs_consent && !s->consented) {
		if (s->age < 0)
			return cd_err_set(err, CD_ERR_DENIED, "#%lld has no "
			    "date of birth, so their consent naming this "
			    "request or requester is needed before their record "
			    "goes to anyone else (record add consent --person "
			    "%lld purpose=SAR given_by=CHILD sar_request_id=%lld)",
			    sub, sub, req);
		return cd_err_set(err, CD_ERR_DENIED, "#%lld was %d when the "
		    "request came: their own consent is needed before the "
		    "record goes to a %s, naming this request or this "
		    "requester (record add consent --person %lld purpose=SAR "
		    "given_by=CHILD sar_request_id=%lld)", sub, s->age,
		    requester_word(s->relationship), sub, req);
	}
	if (!s->identity_checked)
		return cd_err_set(err, CD_ERR_DENIED, "the requester's identity "
		    "is not recorded as checked on request #%lld (record update "
		    "sar_request %lld identity_checked=yes identity_evidence="
		    "WHAT-WAS-SEEN)", req, req);
	if ((strcmp(s->relationship, "PARENT") == 0 ||
	    strcmp(s->relationship, "CARER") == 0) && !s->pr_recorded)
		return cd_err_set(err, CD_ERR_DENIED, "%s is not recorded as "
		    "holding parental responsibility for #%lld: record it on the "
		    "relationship, or on the request (record update sar_request "
		    "%lld pr_checked=yes pr_evidence=WHAT-WAS-SEEN)",
		    s->requester_name, sub, req);
	if ((strcmp(s->relationship, "SOLICITOR") == 0 ||
	    strcmp(s->relationship, "OTHER") == 0) && !s->authority_checked)
		return cd_err_set(err, CD_ERR_DENIED, "a %s needs written "
		    "authority from the person or from someone with parental "
		    "responsibility: none is recorded on request #%lld (record "
		    "update sar_request %lld authority_checked=yes "
		    "authority_evidence=WHAT-WAS-SEEN)",
		    requester_word(s->relationship), req, req);
	return CD_OK;
}

enum cd_status
store_sar_may_release(struct store *st, const struct sar_state *s,
    struct cd_err *err)
{
	enum cd_status code;

	code = access_governance_only(st, "release subject access packs", err);
	if (code == CD_OK)
		code = store_sar_gates(s, err);
	if (code != CD_OK)
		return code;
	if (strcmp(s->status, "APPROVED") != 0)
		return cd_err_set(err, CD_ERR_DENIED, "request #%lld is %s: "
		    "a pack is released only after a second person has approved "
		    "it (sar prepare, review, sar approve)", (long long)s->request,
		    s->status);
	return CD_OK;
}

/* ---- the pack as reviewed -------------------------------------------- */

/* Run sql with ?1 = request and optional text ?2, ?3 and int ?4. */
static enum cd_status
exec4(struct store *st, const char *sql, int64_t request, const char *a,
    const char *b, int64_t c, struct cd_err *err)
{
	sqlite3_stmt *q = store_stmt(st, sql, err);
	int rc;

	if (q == NULL)
		return err ? err->code : CD_ERR_DB;
	sqlite3_bind_int64(q, 1, request);
	store_bind_text(q, 2, a);
	store_bind_text(q, 3, b);
	sqlite3_bind_int64(q, 4, c);
	rc = sqlite3_step(q);
	store_stmt_done(st, q);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "saving the subject access review");
	return CD_OK;
}

/* Set the request's store-only status fields (?2 status). */
static enum cd_status
set_status(struct store *st, int64_t request, const char *status,
    struct cd_err *err)
{
	char now[DATE_TIME_LEN];

	date_now(now);
	return exec4(st, "UPDATE sar_request SET status = ?2, updated_at = ?3, "
	    "version = version + 1, approved_by = CASE WHEN ?2 = 'APPROVED' "
	    "THEN approved_by ELSE NULL END, approved_at = CASE WHEN ?2 = "
	    "'APPROVED' THEN approved_at ELSE NULL END WHERE id = ?1 AND "
	    "?4 = ?4", request, status, now, 0, err);
}

static int
closed(const char *status)
{
	return strcmp(status, "RELEASED") == 0 ||
	    strcmp(status, "WITHDRAWN") == 0 || strcmp(status, "REFUSED") == 0;
}

/* Audit one step of the review. */
static enum cd_status
audit_step(struct store *st, const struct sar_state *s, const char *action,
    const char *entity, const char *what, const char *detail,
    struct cd_err *err)
{
	struct audit_change ch[2] = { { "step", NULL, what },
	    { "detail", NULL, detail } };
	struct audit_event ev = { 0 };

	ev.action = action;
	ev.entity = entity;
	ev.entity_id = s->request;
	ev.person_id = s->subject;
	ev.changes = ch;
	ev.nchanges = detail ? 2 : 1;
	return store_audit_append(st, &ev, err);
}

enum cd_status
store_sar_prepare(struct store *st, int64_t request,
    const struct sar_item_in *items, size_t n, struct cd_err *err)
{
	char now[DATE_TIME_LEN], count[32], key[192];
	struct sar_state s;
	sqlite3_stmt *qi = NULL, *qm = NULL;
	enum cd_status code;
	size_t i, k;

	code = store_sar_state(st, request, 13, &s, err);
	if (code != CD_OK)
		return code;
	if (closed(s.status))
		return cd_err_set(err, CD_ERR_INVALID, "request #%lld is %s: "
		    "its pack cannot be prepared again", (long long)request,
		    s.status);
	code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	date_now(now);
	code = exec4(st, "DELETE FROM sar_mark WHERE request_id = ?1 AND "
	    "?2 IS ?2 AND ?3 IS ?3 AND ?4 = ?4", request, NULL, NULL, 0, err);
	if (code == CD_OK)
		code = exec4(st, "DELETE FROM sar_item WHERE request_id = ?1 AND "
		    "?2 IS ?2 AND ?3 IS ?3 AND ?4 = ?4", request, NULL, NULL, 0,
		    err);
	if (code == CD_OK) {
		qi = store_stmt(st, "INSERT INTO sar_item (request_id, seq, "
		    "person_id, section, heading, body, free_text) VALUES (?, ?, "
		    "?, ?, ?, ?, ?)", err);
		qm = store_stmt(st, "INSERT INTO sar_mark (request_id, "
		    "item_seq, person_id, start, len, class, origin, locked, "
		    "by_user) VALUES (?, ?, ?, ?, ?, ?, 'proposed', ?, ?)", err);
		if (qi == NULL || qm == NULL)
			code = err ? err->code : CD_ERR_DB;
	}
	for (i = 0; code == CD_OK && i < n; i++) {
		size_t blen = strlen(items[i].body);

		sqlite3_reset(qi);
		sqlite3_bind_int64(qi, 1, request);
		sqlite3_bind_int64(qi, 2, (int64_t)i + 1);
		sqlite3_bind_int64(qi, 3, s.subject);
		store_bind_text(qi, 4, items[i].section);
		store_bind_text(qi, 5, items[i].heading);
		store_bind_text(qi, 6, items[i].body);
		sqlite3_bind_int(qi, 7, items[i].free_text != 0);
		if (sqlite3_step(qi) != SQLITE_DONE) {
			code = store_db_err(st, err, "freezing the pack");
			break;
		}
		for (k = 0; k < items[i].nmarks; k++) {
			const struct sar_mark_in *m = &items[i].marks[k];

			if (m->len == 0 || m->start + m->len > blen) {
				code = cd_err_set(err, CD_ERR_INVALID, "a "
				    "redaction runs past the end of item %zu",
				    i + 1);
				break;
			}
			sqlite3_reset(qm);
			sqlite3_bind_int64(qm, 1, request);
			sqlite3_bind_int64(qm, 2, (int64_t)i + 1);
			sqlite3_bind_int64(qm, 3, s.subject);
			sqlite3_bind_int64(qm, 4, (int64_t)m->start);
			sqlite3_bind_int64(qm, 5, (int64_t)m->len);
			store_bind_text(qm, 6, m->cls);
			sqlite3_bind_int(qm, 7, m->locked != 0);
			store_bind_text(qm, 8, st->user_name);
			if (sqlite3_step(qm) != SQLITE_DONE) {
				code = store_db_err(st, err, "freezing the pack");
				break;
			}
		}
	}
	store_stmt_done(st, qi);
	store_stmt_done(st, qm);
	if (code == CD_OK)
		code = exec4(st, "UPDATE sar_request SET status = 'REVIEW', "
		    "prepared_by = ?2, prepared_at = ?3, approved_by = NULL, "
		    "approved_at = NULL, updated_at = ?3, version = version + 1 "
		    "WHERE id = ?1 AND ?4 = ?4", request, st->user_name, now, 0,
		    err);
	requester_key(&s, key);
	if (code == CD_OK)
		code = exec4(st, "UPDATE sar_request SET prepared_for = ?2 WHERE "
		    "id = ?1 AND ?3 IS ?3 AND ?4 = ?4", request, key, NULL, 0,
		    err);
	snprintf(count, sizeof count, "%zu items", n);
	if (code == CD_OK)
		code = audit_step(st, &s, "create", "sar_pack", "prepared",
		    count, err);
	return store_end(st, code, err);
}

static char *
col_dup(sqlite3_stmt *q, int i)
{
	const unsigned char *t = sqlite3_column_text(q, i);

	return t ? xstrdup((const char *)t) : NULL;
}

/* Read the frozen pack without auditing (the callers audit). */
static enum cd_status
pack_read(struct store *st, int64_t request, struct sar_pack *out,
    struct cd_err *err)
{
	sqlite3_stmt *q;
	int rc;

	memset(out, 0, sizeof *out);
	q = store_stmt(st, "SELECT seq, section, heading, body, free_text, "
	    "read_by, exemption, exemption_note, withheld_by FROM sar_item "
	    "WHERE request_id = ?1 ORDER BY seq", err);
	if (q == NULL)
		return err ? err->code : CD_ERR_DB;
	sqlite3_bind_int64(q, 1, request);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct sar_item *it;

		out->items = xreallocarray(out->items, out->n + 1,
		    sizeof *out->items);
		it = &out->items[out->n++];
		memset(it, 0, sizeof *it);
		it->seq = sqlite3_column_int(q, 0);
		it->section = col_dup(q, 1);
		it->heading = col_dup(q, 2);
		it->body = col_dup(q, 3);
		it->free_text = sqlite3_column_int(q, 4);
		it->read_by = col_dup(q, 5);
		it->exemption = col_dup(q, 6);
		it->exemption_note = col_dup(q, 7);
		it->withheld_by = col_dup(q, 8);
	}
	store_stmt_done(st, q);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "reading the pack");
	q = store_stmt(st, "SELECT item_seq, id, start, len, class, origin, "
	    "locked, removed_by, removed_reason, by_user FROM sar_mark WHERE "
	    "request_id = ?1 ORDER BY item_seq, start, id", err);
	if (q == NULL)
		return err ? err->code : CD_ERR_DB;
	sqlite3_bind_int64(q, 1, request);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		int seq = sqlite3_column_int(q, 0);
		struct sar_item *it;
		struct sar_mark *m;

		if (seq < 1 || (size_t)seq > out->n)
			continue;
		it = &out->items[seq - 1];
		it->marks = xreallocarray(it->marks, it->nmarks + 1,
		    sizeof *it->marks);
		m = &it->marks[it->nmarks++];
		m->id = sqlite3_column_int64(q, 1);
		m->start = (size_t)sqlite3_column_int64(q, 2);
		m->len = (size_t)sqlite3_column_int64(q, 3);
		m->cls = col_dup(q, 4);
		m->added = strcmp((const char *)sqlite3_column_text(q, 5),
		    "added") == 0;
		m->locked = sqlite3_column_int(q, 6);
		m->removed_by = col_dup(q, 7);
		m->removed_reason = col_dup(q, 8);
		m->by = col_dup(q, 9);
	}
	store_stmt_done(st, q);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "reading the pack");
	return CD_OK;
}

enum cd_status
store_sar_pack(struct store *st, int64_t request, struct sar_pack *out,
    struct cd_err *err)
{
	struct sar_state s;
	enum cd_status code;
	char *at;

	memset(out, 0, sizeof *out);
	code = store_sar_state(st, request, 13, &s, err);
	if (code != CD_OK)
		return code;
	if (s.prepared_by[0] == '\0')
		return cd_err_set(err, CD_ERR_NOTFOUND, "request #%lld has no "
		    "pack yet (sar prepare %lld)", (long long)request,
		    (long long)request);
	code = pack_read(st, request, out, err);
	at = store_one_text(st, "SELECT prepared_at FROM sar_request WHERE "
	    "id = ?1", request);
	snprintf(out->prepared_at, sizeof out->prepared_at, "%s", at ? at : "");
	free(at);
	if (code == CD_OK)
		code = audit_step(st, &s, "view", "sar_pack", "read for review",
		    NULL, err);
	if (code != CD_OK)
		store_sar_pack_fini(out);
	return code;
}

void
store_sar_pack_fini(struct sar_pack *p)
{
	size_t i, k;

	for (i = 0; i < p->n; i++) {
		struct sar_item *it = &p->items[i];

		for (k = 0; k < it->nmarks; k++) {
			free(it->marks[k].cls);
			free(it->marks[k].removed_by);
			free(it->marks[k].removed_reason);
			free(it->marks[k].by);
		}
		free(it->marks);
		free(it->section);
		free(it->heading);
		free(it->body);
		free(it->read_by);
		free(it->exemption);
		free(it->exemption_note);
		free(it->withheld_by);
	}
	free(p->items);
	memset(p, 0, sizeof *p);
}

/*
 * Start a review change: governance, a pack prepared and the request not
 * closed, inside a transaction; an approval falls, since what was
 * approved is no longer what would be released.
 */
static enum cd_status
review_begin(struct store *st, int64_t request, struct sar_state *s,
    struct cd_err *err)
{
	enum cd_status code;

	code = store_sar_state(st, request, 13, s, err);
	if (code != CD_OK)
		return code;
	if (closed(s->status))
		return cd_err_set(err, CD_ERR_INVALID, "request #%lld is %s",
		    (long long)request, s->status);
	if (s->prepared_by[0] == '\0')
		return cd_err_set(err, CD_ERR_INVALID, "request #%lld has no "
		    "pack to review yet (sar prepare %lld)", (long long)request,
		    (long long)request);
	code = store_begin(st, err);
	if (code == CD_OK)
		code = set_status(st, request, "REVIEW", err);
	return code;
}

/* The body of item seq of request, or NULL. */
static char *
item_body(struct store *st, int64_t request, int seq)
{
	sqlite3_stmt *q = store_stmt(st, "SELECT body FROM sar_item WHERE "
	    "request_id = ?1 AND seq = ?2", NULL);
	char *b = NULL;

	if (q == NULL)
		return NULL;
	sqlite3_bind_int64(q, 1, request);
	sqlite3_bind_int(q, 2, seq);
	if (sqlite3_step(q) == SQLITE_ROW)
		b = col_dup(q, 0);
	store_stmt_done(st, q);
	return b;
}

enum cd_status
store_sar_redact(struct store *st, int64_t request, int item, size_t start,
    size_t len, const char *cls, int64_t *id, struct cd_err *err)
{
	struct sar_state s;
	sqlite3_stmt *q;
	enum cd_status code;
	char *body, detail[96];

	code = review_begin(st, request, &s, err);
	if (code != CD_OK)
		return code;
	body = item_body(st, request, item);
	if (body == NULL)
		code = cd_err_set(err, CD_ERR_NOTFOUND, "request #%lld has no "
		    "item %d", (long long)request, item);
	else if (len == 0 || start + len > strlen(body))
		code = cd_err_set(err, CD_ERR_INVALID, "item %d is %zu bytes: "
		    "a redaction at %zu of %zu does not fit", item,
		    strlen(body), start, len);
	free(body);
	if (code == CD_OK && (cls == NULL || *cls == '\0'))
		cls = "third party";
	if (code == CD_OK) {
		q = store_stmt(st, "INSERT INTO sar_mark (request_id, "
		    "item_seq, person_id, start, len, class, origin, locked, "
		    "by_user) VALUES (?, ?, ?, ?, ?, ?, 'added', 0, ?)", err);
		if (q == NULL)
			code = err ? err->code : CD_ERR_DB;
		else {
			sqlite3_bind_int64(q, 1, request);
			sqlite3_bind_int(q, 2, item);
			sqlite3_bind_int64(q, 3, s.subject);
			sqlite3_bind_int64(q, 4, (int64_t)start);
			sqlite3_bind_int64(q, 5, (int64_t)len);
			store_bind_text(q, 6, cls);
			store_bind_text(q, 7, st->user_name);
			if (sqlite3_step(q) != SQLITE_DONE)
				code = store_db_err(st, err, "adding a "
				    "redaction");
			else if (id)
				*id = sqlite3_last_insert_rowid(st->db);
			store_stmt_done(st, q);
		}
	}
	snprintf(detail, sizeof detail, "item %d, bytes %zu+%zu, %s", item,
	    start, len, cls ? cls : "");
	if (code == CD_OK)
		code = audit_step(st, &s, "update", "sar_pack", "redaction added",
		    detail, err);
	return store_end(st, code, err);
}

enum cd_status
store_sar_unredact(struct store *st, int64_t request, int64_t mark,
    const char *reason, struct cd_err *err)
{
	struct sar_state s;
	enum cd_status code;
	char detail[64];
	int64_t locked;

	if (reason == NULL || *reason == '\0')
		return cd_err_set(err, CD_ERR_INVALID, "say why the redaction "
		    "is removed (it is kept in the review record)");
	code = review_begin(st, request, &s, err);
	if (code != CD_OK)
		return code;
	locked = count4(st, "SELECT locked FROM sar_mark WHERE request_id = ?1 "
	    "AND id = ?2 AND removed_by IS NULL AND ?3 IS ?3 AND ?4 = ?4",
	    request, mark, NULL, 0);
	if (locked < 0)
		code = cd_err_set(err, CD_ERR_NOTFOUND, "request #%lld has no "
		    "redaction %lld standing", (long long)request,
		    (long long)mark);
	else if (locked > 0)
		code = cd_err_set(err, CD_ERR_DENIED, "redaction %lld hides a "
		    "looked-after child's placement from someone other than "
		    "the child: it always stays", (long long)mark);
	if (code == CD_OK)
		code = exec4(st, "UPDATE sar_mark SET removed_by = ?2, "
		    "removed_reason = ?3 WHERE request_id = ?1 AND id = ?4",
		    request, st->user_name, reason, mark, err);
	snprintf(detail, sizeof detail, "redaction %lld", (long long)mark);
	if (code == CD_OK)
		code = audit_step(st, &s, "update", "sar_pack",
		    "redaction removed", detail, err);
	return store_end(st, code, err);
}

static enum cd_status item_set(struct store *st, int64_t request, int item,
    const char *col_sql, const char *value, struct cd_err *err);

/* Whether item exists in request's pack. */
static int
item_exists(struct store *st, int64_t request, int item)
{
	return count4(st, "SELECT count(*) FROM sar_item WHERE request_id = ?1 "
	    "AND seq = ?2 AND ?3 IS ?3 AND ?4 = ?4", request, item, NULL, 0) > 0;
}

enum cd_status
store_sar_withhold(struct store *st, int64_t request, int item,
    const char *exemption, const char *note, struct cd_err *err)
{
	struct sar_state s;
	enum cd_status code;
	char detail[96];

	code = codes_check("sar_exemption", "Exemption", exemption, err);
	if (code != CD_OK)
		return code;
	if (note == NULL || *note == '\0')
		return cd_err_set(err, CD_ERR_INVALID, "say why the exemption "
		    "applies to this item (it goes in the release log)");
	code = review_begin(st, request, &s, err);
	if (code != CD_OK)
		return code;
	if (!item_exists(st, request, item))
		code = cd_err_set(err, CD_ERR_NOTFOUND, "request #%lld has no "
		    "item %d", (long long)request, item);
	if (code == CD_OK)
		code = exec4(st, "UPDATE sar_item SET exemption = ?2, "
		    "exemption_note = ?3 WHERE request_id = ?1 AND seq = ?4",
		    request, exemption, note, item, err);
	if (code == CD_OK)
		code = item_set(st, request, item, "UPDATE sar_item SET "
		    "withheld_by = ?1 WHERE request_id = ?2 AND seq = ?3",
		    st->user_name, err);
	snprintf(detail, sizeof detail, "item %d under %s", item, exemption);
	if (code == CD_OK)
		code = audit_step(st, &s, "update", "sar_pack", "withheld",
		    detail, err);
	return store_end(st, code, err);
}

/* Set one column of item (?1 the value, ?2 the request, ?3 the item). */
static enum cd_status
item_set(struct store *st, int64_t request, int item, const char *col_sql,
    const char *value, struct cd_err *err)
{
	sqlite3_stmt *q = store_stmt(st, col_sql, err);
	int rc;

	if (q == NULL)
		return err ? err->code : CD_ERR_DB;
	store_bind_text(q, 1, value);
	sqlite3_bind_int64(q, 2, request);
	sqlite3_bind_int(q, 3, item);
	rc = sqlite3_step(q);
	store_stmt_done(st, q);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "saving the subject access review");
	return CD_OK;
}

enum cd_status
store_sar_unwithhold(struct store *st, int64_t request, int item,
    struct cd_err *err)
{
	struct sar_state s;
	enum cd_status code;
	char detail[32];

	code = review_begin(st, request, &s, err);
	if (code != CD_OK)
		return code;
	if (!item_exists(st, request, item))
		code = cd_err_set(err, CD_ERR_NOTFOUND, "request #%lld has no "
		    "item %d", (long long)request, item);
	/* Who put it back counts as a change, as who withheld it does. */
	if (code == CD_OK)
		code = item_set(st, request, item, "UPDATE sar_item SET "
		    "exemption = NULL, exemption_note = NULL, withheld_by = ?1 "
		    "WHERE request_id = ?2 AND seq = ?3", st->user_name, err);
	snprintf(detail, sizeof detail, "item %d", item);
	if (code == CD_OK)
		code = audit_step(st, &s, "update", "sar_pack", "put back",
		    detail, err);
	return store_end(st, code, err);
}

enum cd_status
store_sar_read(struct store *st, int64_t request, int item,
    struct cd_err *err)
{
	struct sar_state s;
	enum cd_status code;
	char detail[32];

	code = store_sar_state(st, request, 13, &s, err);
	if (code != CD_OK)
		return code;
	if (closed(s.status))
		return cd_err_set(err, CD_ERR_INVALID, "request #%lld is %s",
		    (long long)request, s.status);
	if (!item_exists(st, request, item))
		return cd_err_set(err, CD_ERR_NOTFOUND, "request #%lld has no "
		    "item %d", (long long)request, item);
	code = store_begin(st, err);
	if (code == CD_OK)
		code = item_set(st, request, item, "UPDATE sar_item SET "
		    "read_by = ?1 WHERE request_id = ?2 AND seq = ?3",
		    st->user_name, err);
	snprintf(detail, sizeof detail, "item %d", item);
	if (code == CD_OK)
		code = audit_step(st, &s, "update", "sar_pack", "read", detail,
		    err);
	return store_end(st, code, err);
}

enum cd_status
store_sar_approve(struct store *st, int64_t request, int consent_age,
    struct cd_err *err)
{
	char now[DATE_TIME_LEN];
	struct sar_state s;
	enum cd_status code;
	int64_t n;

	code = store_sar_state(st, request, consent_age, &s, err);
	if (code != CD_OK)
		return code;
	if (strcmp(s.status, "REVIEW") != 0)
		return cd_err_set(err, CD_ERR_INVALID, "request #%lld is %s: "
		    "only a pack in review can be approved%s", (long long)request,
		    s.status, strcmp(s.status, "OPEN") == 0 ? " (sar prepare "
		    "first)" : "");
	if (strcmp(s.prepared_by, st->user_name) == 0)
		return cd_err_set(err, CD_ERR_DENIED, "you prepared this pack: "
		    "a second person approves it");
	n = count4(st, "SELECT (SELECT count(*) FROM sar_mark WHERE "
	    "request_id = ?1 AND ((origin = 'added' AND by_user = ?3) OR "
	    "removed_by = ?3)) + (SELECT count(*) FROM sar_item WHERE "
	    "request_id = ?1 AND withheld_by = ?3) + ?2 * 0 + ?4 * 0", request,
	    0, st->user_name, 0);
	if (n > 0)
		return cd_err_set(err, CD_ERR_DENIED, "you changed this pack's "
		    "redactions or withheld items: a second person approves it");
	n = count4(st, "SELECT count(*) FROM sar_item WHERE request_id = ?1 "
	    "AND free_text = 1 AND read_by IS NULL AND ?2 = ?2 AND ?3 IS ?3 "
	    "AND ?4 = ?4", request, 0, NULL, 0);
	if (n > 0)
		return cd_err_set(err, CD_ERR_DENIED, "%lld item%s of free text "
		    "not yet read for what it says about other people (sar read "
		    "%lld ITEM)", (long long)n, n == 1 ? "" : "s",
		    (long long)request);
	code = store_sar_gates(&s, err);
	if (code != CD_OK)
		return code;
	code = store_begin(st, err);
	date_now(now);
	if (code == CD_OK)
		code = exec4(st, "UPDATE sar_request SET status = 'APPROVED', "
		    "approved_by = ?2, approved_at = ?3, updated_at = ?3, "
		    "version = version + 1 WHERE id = ?1 AND ?4 = ?4", request,
		    st->user_name, now, 0, err);
	if (code == CD_OK)
		code = audit_step(st, &s, "update", "sar_pack", "approved", NULL,
		    err);
	return store_end(st, code, err);
}

enum cd_status
store_sar_close(struct store *st, int64_t request, const char *status,
    const char *note, struct cd_err *err)
{
	char today[DATE_TIME_LEN];
	struct sar_state s;
	enum cd_status code;

	if (status == NULL || (strcmp(status, "WITHDRAWN") != 0 &&
	    strcmp(status, "REFUSED") != 0))
		return cd_err_set(err, CD_ERR_INVALID, "a request is closed as "
		    "WITHDRAWN or REFUSED");
	if (note == NULL || *note == '\0')
		return cd_err_set(err, CD_ERR_INVALID, "say why the request is "
		    "closed (the requester is told)");
	code = store_sar_state(st, request, 13, &s, err);
	if (code != CD_OK)
		return code;
	if (closed(s.status))
		return cd_err_set(err, CD_ERR_INVALID, "request #%lld is "
		    "already %s", (long long)request, s.status);
	today_is(today);
	code = store_begin(st, err);
	if (code == CD_OK)
		code = set_status(st, request, status, err);
	if (code == CD_OK)
		code = exec4(st, "UPDATE sar_request SET closed_date = ?2 WHERE "
		    "id = ?1 AND ?3 IS ?3 AND ?4 = ?4", request, today, NULL, 0,
		    err);
	if (code == CD_OK)
		code = audit_step(st, &s, "update", "sar_request", status, note,
		    err);
	return store_end(st, code, err);
}

/* "heading: exemption (note)" for each withheld item. */
static void
withheld_list(const struct sar_pack *p, struct buf *b, long *n)
{
	size_t i;

	*n = 0;
	for (i = 0; i < p->n; i++) {
		const struct sar_item *it = &p->items[i];

		if (it->exemption == NULL)
			continue;
		(*n)++;
		buf_addf(b, "item %d, %s %s: %s (%s), withheld by %s\n",
		    it->seq, it->section, it->heading, codes_label(
		    "sar_exemption", it->exemption), it->exemption_note ?
		    it->exemption_note : "", it->withheld_by ?
		    it->withheld_by : "");
	}
}

enum cd_status
store_sar_release(struct store *st, int64_t request, int consent_age,
    enum cd_status (*write)(const struct sar_state *, const struct sar_pack *,
    struct sar_written *, void *, struct cd_err *), void *arg,
    struct cd_err *err)
{
	char now[DATE_TIME_LEN], today[DATE_TIME_LEN];
	struct sar_written w = { 0, 0, 0 };
	struct sar_state s;
	struct sar_pack p;
	struct buf list = { 0 }, what = { 0 }, trail = { 0 };
	struct field_value v[6];
	sqlite3_stmt *q;
	enum cd_status code;
	int64_t did;
	long nwith = 0;

	code = store_sar_state(st, request, consent_age, &s, err);
	if (code == CD_OK)
		code = store_sar_may_release(st, &s, err);
	if (code != CD_OK)
		return code;
	code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	code = pack_read(st, request, &p, err);
	{
		char *at = store_one_text(st, "SELECT prepared_at FROM "
		    "sar_request WHERE id = ?1", request);

		snprintf(p.prepared_at, sizeof p.prepared_at, "%s", at ? at :
		    "");
		free(at);
	}
	if (code == CD_OK)
		code = write(&s, &p, &w, arg, err);
	withheld_list(&p, &list, &nwith);
	date_now(now);
	today_is(today);
	if (code == CD_OK) {
		q = store_stmt(st, "INSERT INTO sar_release (request_id, "
		    "person_id, released_at, released_by, approved_by, items, "
		    "redactions, withheld, bytes, withheld_list) VALUES (?, ?, "
		    "?, ?, ?, ?, ?, ?, ?, ?)", err);
		if (q == NULL)
			code = err ? err->code : CD_ERR_DB;
		else {
			sqlite3_bind_int64(q, 1, request);
			sqlite3_bind_int64(q, 2, s.subject);
			store_bind_text(q, 3, now);
			store_bind_text(q, 4, st->user_name);
			store_bind_text(q, 5, s.approved_by);
			sqlite3_bind_int64(q, 6, (int64_t)p.n);
			sqlite3_bind_int64(q, 7, w.redactions);
			sqlite3_bind_int64(q, 8, nwith);
			sqlite3_bind_int64(q, 9, (int64_t)w.bytes);
			store_bind_text(q, 10, buf_str(&list));
			if (sqlite3_step(q) != SQLITE_DONE)
				code = store_db_err(st, err, "logging a release");
			store_stmt_done(st, q);
		}
	}
	/* The disclosure, on the person's record with the others, in words
	 * a later pack can carry: no record numbers, user names or the
	 * reviewers' notes (those are in the release log and the trail). */
	buf_addf(&what, "A copy of the record in reply to a subject access "
	    "request: %zu %s, with %ld %s and %ld %s withheld", p.n,
	    p.n == 1 ? "entry" : "entries", w.redactions, w.redactions == 1 ?
	    "redaction" : "redactions", nwith, nwith == 1 ? "entry" :
	    "entries");
	buf_addf(&trail, "Subject access pack for #%lld under request #%lld "
	    "(%zu bytes, %zu items, %ld redactions, %ld withheld; approved by "
	    "%s)", (long long)s.subject, (long long)request, w.bytes, p.n,
	    w.redactions, nwith, s.approved_by);
	if (nwith > 0)
		buf_addf(&trail, "\nWithheld:\n%s", buf_str(&list));
	v[0].name = "disclosure_date", v[0].value = today;
	v[1].name = "agency", v[1].value = strcmp(s.relationship,
	    "SOLICITOR") == 0 || strcmp(s.relationship, "OTHER") == 0 ?
	    "OTHER" : "FAMILY";
	v[2].name = "recipient", v[2].value = s.requester_name;
	v[3].name = "shared", v[3].value = buf_str(&what);
	v[4].name = "basis", v[4].value = "6C";
	v[5].name = "family_told", v[5].value = "1";
	if (code == CD_OK)
		code = store_record_create(st, "disclosure", s.subject, v, 6,
		    &did, err);
	if (code == CD_OK)
		code = exec4(st, "UPDATE sar_request SET status = 'RELEASED', "
		    "closed_date = ?2, updated_at = ?3, version = version + 1 "
		    "WHERE id = ?1 AND ?4 = ?4", request, today, now, 0, err);
	if (code == CD_OK)
		code = audit_step(st, &s, "export", "sar_pack", "released",
		    buf_str(&trail), err);
	buf_fini(&list);
	buf_fini(&what);
	buf_fini(&trail);
	store_sar_pack_fini(&p);
	return store_end(st, code, err);
}

enum cd_status
store_sar_log(struct store *st, int64_t request,
    void (*fn)(const struct sar_log *, void *), void *arg,
    struct cd_err *err)
{
	sqlite3_stmt *q;
	enum cd_status code;
	int rc;

	code = access_governance_only(st, "read the subject access release log",
	    err);
	if (code != CD_OK)
		return code;
	q = store_stmt(st, "SELECT request_id, released_at, released_by, "
	    "approved_by, items, redactions, withheld, bytes, withheld_list "
	    "FROM sar_release WHERE ?1 = 0 OR request_id = ?1 ORDER BY id", err);
	if (q == NULL)
		return err ? err->code : CD_ERR_DB;
	sqlite3_bind_int64(q, 1, request);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct sar_log l;

		l.request = sqlite3_column_int64(q, 0);
		l.released_at = (const char *)sqlite3_column_text(q, 1);
		l.released_by = (const char *)sqlite3_column_text(q, 2);
		l.approved_by = (const char *)sqlite3_column_text(q, 3);
		l.items = (long)sqlite3_column_int64(q, 4);
		l.redactions = (long)sqlite3_column_int64(q, 5);
		l.withheld = (long)sqlite3_column_int64(q, 6);
		l.bytes = (long)sqlite3_column_int64(q, 7);
		l.withheld_list = (const char *)sqlite3_column_text(q, 8);
		fn(&l, arg);
	}
	store_stmt_done(st, q);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "reading the release log");
	return CD_OK;
}

int
store_sar_name_known(struct store *st, const char *word,
    const int64_t *except, size_t n)
{
	static const char *const sql[] = {
		"SELECT id FROM person WHERE family_key = ?1 OR given_key = ?1 "
		"OR (?2 AND given_key > ?1 AND given_key < ?1 || '[') LIMIT 16",
		"SELECT person_id FROM person_name WHERE family_key = ?1 OR "
		"given_key = ?1 OR (?2 AND given_key > ?1 AND given_key < "
		"?1 || '[') LIMIT 16",
	};
	char key[IDENT_KEY_MAX];
	size_t i, k;
	int found = 0;

	ident_name_key(word, key);
	if (strlen(key) < 2)
		return 0;
	for (i = 0; !found && i < sizeof sql / sizeof sql[0]; i++) {
		sqlite3_stmt *q = store_stmt(st, sql[i], NULL);

		if (q == NULL)
			return 0;
		store_bind_text(q, 1, key);
		/* A given name may be the first of several (MARYANN). */
		sqlite3_bind_int(q, 2, strlen(key) >= 4);
		while (!found && sqlite3_step(q) == SQLITE_ROW) {
			int64_t id = sqlite3_column_int64(q, 0);

			for (k = 0; k < n && except[k] != id; k++)
				;
			found = k == n;
		}
		store_stmt_done(st, q);
	}
	return found;
}
