#include "config.h"

#include "store/sar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
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

enum cd_status
store_sar_state(struct store *st, int64_t request, int consent_age,
    struct sar_state *out, struct cd_err *err)
{
	struct record r;
	char today[DATE_TIME_LEN], *dob;
	sqlite3_stmt *q;
	const char *v;
	enum cd_status code;
	int y, m, d;

	memset(out, 0, sizeof *out);
	code = store_governance_only(st, "work on subject access requests",
	    err);
	if (code == CD_OK)
		code = store_record_get(st, "sar_request", request, &r, err);
	if (code != CD_OK)
		return code;
	out->request = request;
	out->subject = r.person_id;
	v = store_record_value(&r, "requester_id");
	out->requester = v ? atoll(v) : 0;
	snprintf(out->relationship, sizeof out->relationship, "%s",
	    store_record_value(&r, "requester_relationship"));
	snprintf(out->received, sizeof out->received, "%s",
	    store_record_value(&r, "received_date"));
	v = store_record_value(&r, "extended");
	out->extended = v && *v == '1';
	v = store_record_value(&r, "status");
	snprintf(out->status, sizeof out->status, "%s", v ? v : "OPEN");
	store_record_fini(&r);
	sscanf(out->received, "%4d-%2d-%2d", &y, &m, &d);
	date_civil(date_add_months(date_days(y, m, d), out->extended ? 3 : 1),
	    &y, &m, &d);
	snprintf(out->due, sizeof out->due, "%04d-%02d-%02d", y, m, d);

	dob = store_one_text(st, "SELECT dob FROM person WHERE id = ?1",
	    out->subject);
	out->age = age_on(dob, out->received);
	free(dob);
	/* Unknown age counts as old enough: never release without asking. */
	out->needs_consent = strcmp(out->relationship, "SELF") != 0 &&
	    strcmp(out->relationship, "SOLICITOR") != 0 &&
	    (out->age < 0 || out->age >= consent_age);
	date_now(today);
	today[10] = '\0';
	q = store_prepare(st, "SELECT count(*) FROM consent WHERE person_id = "
	    "?1 AND purpose = 'SAR' AND given_by IN ('CHILD', 'ADULT') AND "
	    "consent_date <= ?2 AND (withdrawn_date IS NULL OR "
	    "withdrawn_date > ?2)", err);
	if (q == NULL)
		return err ? err->code : CD_ERR_DB;
	sqlite3_bind_int64(q, 1, out->subject);
	store_bind_text(q, 2, today);
	out->consented = sqlite3_step(q) == SQLITE_ROW &&
	    sqlite3_column_int(q, 0) > 0;
	sqlite3_finalize(q);
	return CD_OK;
}

enum cd_status
store_sar_open(struct store *st, void (*fn)(const struct sar_open *, void *),
    void *arg, struct cd_err *err)
{
	sqlite3_stmt *q;
	enum cd_status code;
	int rc;

	code = store_governance_only(st, "list subject access requests", err);
	if (code != CD_OK)
		return code;
	q = store_prepare(st, "SELECT id, person_id, received_date, "
	    "requester_name, extended FROM sar_request WHERE status IS NULL OR "
	    "status = 'OPEN' ORDER BY received_date, id", err);
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
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "listing requests");
	return CD_OK;
}

enum cd_status
store_sar_may_pack(struct store *st, struct cd_err *err)
{
	return store_governance_only(st, "build subject access packs", err);
}

enum cd_status
store_sar_may_release(struct store *st, const struct sar_state *s,
    struct cd_err *err)
{
	enum cd_status code;

	code = store_governance_only(st, "release subject access packs", err);
	if (code != CD_OK)
		return code;
	if (s->needs_consent && !s->consented) {
		if (s->age < 0)
			return cd_err_set(err, CD_ERR_DENIED, "#%lld has no "
			    "date of birth, so their consent is needed before "
			    "their record goes to anyone else (record add "
			    "consent --person %lld purpose=SAR given_by=CHILD)",
			    (long long)s->subject, (long long)s->subject);
		return cd_err_set(err, CD_ERR_DENIED, "#%lld was %d when the "
		    "request came: their own consent is needed before the "
		    "record goes to a %s (record add consent --person %lld "
		    "purpose=SAR given_by=CHILD)", (long long)s->subject,
		    s->age, s->relationship[0] == 'P' ? "parent" :
		    s->relationship[0] == 'C' ? "carer" : "third party",
		    (long long)s->subject);
	}
	if (strcmp(s->status, "OPEN") != 0)
		return cd_err_set(err, CD_ERR_INVALID, "request #%lld is %s, "
		    "not open", (long long)s->request, s->status);
	return CD_OK;
}

enum cd_status
store_sar_released(struct store *st, const struct sar_state *s,
    const char *what, struct cd_err *err)
{
	char today[DATE_TIME_LEN], *name;
	struct field_value v[6];
	struct field_change ch[2] = { { "status", NULL, "RELEASED" },
	    { "closed_date", NULL, NULL } };
	struct conflicts cf;
	enum cd_status code;
	int64_t id;

	code = store_sar_may_release(st, s, err);
	if (code != CD_OK)
		return code;
	date_now(today);
	today[10] = '\0';
	name = store_one_text(st, "SELECT requester_name FROM sar_request "
	    "WHERE id = ?1", s->request);
	v[0].name = "disclosure_date", v[0].value = today;
	v[1].name = "agency", v[1].value = strcmp(s->relationship,
	    "SOLICITOR") == 0 ? "OTHER" : "FAMILY";
	v[2].name = "recipient", v[2].value = name;
	v[3].name = "shared", v[3].value = what;
	v[4].name = "basis", v[4].value = "6C";
	v[5].name = "family_told", v[5].value = "1";
	ch[1].value = today;
	code = store_begin(st, err);
	if (code == CD_OK)
		code = store_record_create(st, "disclosure", s->subject, v, 6,
		    &id, err);
	memset(&cf, 0, sizeof cf);
	if (code == CD_OK)
		code = store_record_update(st, "sar_request", s->request, ch, 2,
		    &cf, err);
	store_conflicts_fini(&cf);
	free(name);
	return store_end(st, code, err);
}
