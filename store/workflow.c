#include "config.h"

#include "store/workflow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "common/xmem.h"
#include "store/audit.h"
#include "store/record.h"
#include "store/store.h"
#include "store/store_int.h"

#define STEPS_KEPT 32

/* The person's current allocation of role (NULL: social worker or team). */
static void
current_allocation(struct store *st, int64_t person, char *worker,
    size_t wlen, char *team, size_t tlen)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT CASE role WHEN "
	    "'social-worker' THEN worker END, team FROM allocation WHERE "
	    "person_id = ? AND end_date IS NULL AND role IN ('social-worker', "
	    "'team') ORDER BY role = 'social-worker' DESC, start_date DESC, "
	    "id DESC LIMIT 1", NULL);

	worker[0] = team[0] = '\0';
	if (s == NULL)
		return;
	sqlite3_bind_int64(s, 1, person);
	if (sqlite3_step(s) == SQLITE_ROW) {
		const char *w = (const char *)sqlite3_column_text(s, 0);
		const char *t = (const char *)sqlite3_column_text(s, 1);

		snprintf(worker, wlen, "%s", w ? w : "");
		snprintf(team, tlen, "%s", t ? t : "");
	}
	store_stmt_done(st, s);
}

struct workflow_step *
store_workflow_note(struct store *st, int kind, const char *entity,
    int64_t id, int64_t person, const char *rule, const char *date)
{
	struct workflow_step *w;

	/* A batch (the demo) makes many changes in one transaction: keep
	 * the latest few, which is all one change ever starts. */
	if (st->nsteps == STEPS_KEPT) {
		memmove(st->steps, st->steps + 1, (STEPS_KEPT - 1) *
		    sizeof *st->steps);
		st->nsteps--;
	}
	if (st->steps == NULL)
		st->steps = xcalloc(STEPS_KEPT, sizeof *st->steps);
	w = &st->steps[st->nsteps++];
	memset(w, 0, sizeof *w);
	w->kind = (enum step_kind)kind;
	w->entity = entity;
	w->id = id;
	w->person = person;
	w->rule = rule;
	if (date != NULL)
		snprintf(w->date, sizeof w->date, "%.10s", date);
	current_allocation(st, person, w->worker, sizeof w->worker, w->team,
	    sizeof w->team);
	return w;
}

size_t
store_workflow_started(struct store *st, const struct workflow_step **out)
{
	*out = st->steps;
	return st->nsteps;
}

char *
store_intake_team(struct store *st)
{
	return store_meta_get(st, "intake_team");
}

enum cd_status
store_intake_team_set(struct store *st, const char *team,
    struct cd_err *err)
{
	struct audit_change ch;
	struct audit_event ev = { 0 };
	enum cd_status code;
	char *old;

	code = access_intake_team(st, err);
	if (code != CD_OK)
		return code;
	if (team == NULL || *team == '\0' || strlen(team) > 80 ||
	    strpbrk(team, "\n\r\t\x1b") != NULL)
		return cd_err_set(err, CD_ERR_INVALID, "the intake team needs a "
		    "name of at most 80 characters on one line");
	code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	old = store_meta_get(st, "intake_team");
	code = store_meta_set(st, "intake_team", team, err);
	ch = (struct audit_change){ "intake_team", old, team };
	ev.action = "config-change";
	ev.entity = "intake_team";
	ev.changes = &ch;
	ev.nchanges = 1;
	code = store_end_audited(st, code, &ev, err);
	free(old);
	return code;
}

/* The team a new referral for person waits with. */
static char *
referral_team(struct store *st, int64_t person)
{
	char w[96], t[96];
	char *team;

	current_allocation(st, person, w, sizeof w, t, sizeof t);
	if (t[0] != '\0')
		return xstrdup(t);
	if ((team = store_meta_get(st, "intake_team")) != NULL)
		return team;
	team = store_one_text(st, "SELECT nullif(team, '') FROM users WHERE "
	    "id = ?1", st->user_id);
	return team;
}

/* A contact accepted as a referral (REF) or for a strategy discussion. */
static enum cd_status
after_contact(struct store *st, const struct record *r,
    const struct record *before, struct cd_err *err)
{
	const char *decision = store_record_value(r, "decision");
	const char *was = before ? store_record_value(before, "decision") :
	    NULL;
	const char *when = store_record_value(r, "contact_date");
	const char *decided = store_record_value(r, "decision_date");
	struct field_value v[5];
	char day[11], cid[24], *have, *team;
	enum cd_status code;
	int64_t ref;

	if (decision == NULL || (was != NULL && strcmp(was, decision) == 0))
		return CD_OK;
	if (strcmp(decision, "REF") != 0 && strcmp(decision, "STRAT") != 0)
		return CD_OK;
	/* One referral per contact, however often it is decided. */
	have = store_one_text(st, "SELECT id FROM referral WHERE contact_id = "
	    "?1", r->id);
	/* A child already in an open referral: the contact joins it. */
	if (have == NULL && (have = store_one_text(st, "SELECT max(id) FROM "
	    "referral WHERE person_id = ?1 AND closure_date IS NULL",
	    r->person_id)) != NULL) {
		struct workflow_step *w = store_workflow_note(st,
		    STEP_REFERRAL, "referral", atoll(have), r->person_id, NULL,
		    when);

		snprintf(w->what, sizeof w->what, "joined");
	} else if (have == NULL) {
		snprintf(day, sizeof day, "%.10s", when ? when : "");
		snprintf(cid, sizeof cid, "%lld", (long long)r->id);
		team = referral_team(st, r->person_id);
		v[0] = (struct field_value){ "referral_date", day };
		v[1] = (struct field_value){ "source",
		    store_record_value(r, "source") };
		v[2] = (struct field_value){ "reason",
		    store_record_value(r, "reason") };
		v[3] = (struct field_value){ "contact_id", cid };
		v[4] = (struct field_value){ "team", team };
		code = store_record_create(st, "referral", r->person_id, v, 5,
		    &ref, err);
		if (code == CD_OK) {
			struct workflow_step *w = store_workflow_note(st,
			    STEP_REFERRAL, "referral", ref, r->person_id, NULL,
			    day);

			/* Nobody has it yet: say who it waits with. */
			if (w->worker[0] == '\0')
				snprintf(w->team, sizeof w->team, "%s", team ?
				    team : "");
		}
		free(team);
		if (code != CD_OK)
			return code;
		store_workflow_note(st, STEP_CLOCK, "referral", ref,
		    r->person_id, "assessment", day);
	}
	free(have);
	if (strcmp(decision, "STRAT") == 0)
		store_workflow_note(st, STEP_CLOCK, "contact", r->id,
		    r->person_id, "strategy-discussion", decided ? decided :
		    when);
	return CD_OK;
}

/* Whether field of r became value (it was something else before). */
static int
became(const struct record *r, const struct record *before,
    const char *field, const char *value)
{
	const char *now = store_record_value(r, field);
	const char *was = before ? store_record_value(before, field) : NULL;

	return now != NULL && strcmp(now, value) == 0 && (was == NULL ||
	    strcmp(was, value) != 0);
}

enum cd_status
store_workflow_after(struct store *st, const struct entity_def *e,
    int64_t id, const struct record *before, struct cd_err *err)
{
	static const struct {
		const char *entity, *field, *value, *rule, *date;
	} clocks[] = {
		/* A section 47 agreed: the initial conference's clock. */
		{ "strategy_discussion", "s47_decided", "1", "icpc",
		    "discussion_date" },
		{ "s47_enquiry", NULL, NULL, "icpc", "start_date" },
		/* A plan: its visits and reviews. */
		{ "cp_plan", NULL, NULL, "cp-visit", "start_date" },
		{ "cp_plan", NULL, NULL, "cp-review-first", "start_date" },
		{ "cin_plan", NULL, NULL, "cin-review", "start_date" },
		/* Starting to be looked after. */
		{ "care_episode", "reason_new", "S", "lac-review-first",
		    "start_date" },
		{ "care_episode", "reason_new", "S", "lac-visit-first",
		    "start_date" },
		{ "care_episode", "reason_new", "S", "health-initial",
		    "start_date" },
	};
	struct record r;
	enum cd_status code;
	size_t i;

	for (i = 0; i < sizeof clocks / sizeof clocks[0]; i++)
		if (strcmp(clocks[i].entity, e->name) == 0)
			break;
	if (i == sizeof clocks / sizeof clocks[0] && strcmp(e->name,
	    "contact") != 0)
		return CD_OK;
	code = store_record_access(st, e->name, id, 0, &r, NULL, err);
	if (code != CD_OK)
		return code;
	if (strcmp(e->name, "contact") == 0)
		code = after_contact(st, &r, before, err);
	for (; code == CD_OK && i < sizeof clocks / sizeof clocks[0] &&
	    strcmp(clocks[i].entity, e->name) == 0; i++) {
		if (clocks[i].field ? !became(&r, before, clocks[i].field,
		    clocks[i].value) : before != NULL)
			continue;
		if (strcmp(e->name, "s47_enquiry") == 0 &&
		    store_record_value(&r, "icpc_not_required") != NULL &&
		    strcmp(store_record_value(&r, "icpc_not_required"), "1") ==
		    0)
			continue;
		store_workflow_note(st, STEP_CLOCK, e->name, id, r.person_id,
		    clocks[i].rule, store_record_value(&r, clocks[i].date));
	}
	store_record_fini(&r);
	return code;
}

/* The person's name as the session may see it. */
static char *
seen_name(struct store *st, int64_t person, const char *family,
    const char *given, int restricted)
{
	if (restricted && store_access_person(st, person, 0, NULL, NULL) !=
	    CD_OK)
		return xstrdup("(restricted record)");
	return xasprintf("%s, %s", family ? family : "", given ? given : "");
}

/*
 * The name in columns family, family + 1 (given names) of s, for the
 * person in column 0, whose restricted mark is in column restricted.
 */
static char *
column_name(struct store *st, sqlite3_stmt *s, int family, int restricted)
{
	return seen_name(st, sqlite3_column_int64(s, 0), (const char *)
	    sqlite3_column_text(s, family), (const char *)
	    sqlite3_column_text(s, family + 1), sqlite3_column_int(s,
	    restricted));
}

/* A view of adopter household id on the audit trail. */
static enum cd_status
household_viewed(struct store *st, int64_t id, struct cd_err *err)
{
	struct audit_event ev = { 0 };

	ev.action = "view";
	ev.entity = "adopter_household";
	ev.entity_id = id;
	return store_audit_append(st, &ev, err);
}

/* No social worker now: the condition for being in the queue. */
#define UNALLOCATED(p) "NOT EXISTS (SELECT 1 FROM allocation a WHERE " \
	"a.person_id = " p " AND a.end_date IS NULL AND a.role = " \
	"'social-worker')"
/* The team a case waits with when the row names none. */
#define CASE_TEAM(p) "(SELECT a.team FROM allocation a WHERE a.person_id = " \
	p " AND a.role IN ('social-worker', 'team') ORDER BY a.end_date IS " \
	"NULL DESC, coalesce(a.end_date, a.start_date) DESC, a.id DESC " \
	"LIMIT 1)"

static const char queue_sql[] =
    "SELECT q.person_id, p.family_name, p.given_names, coalesce(p.dob, "
    "p.expected_dob), p.restricted, q.entity, q.id, q.since, q.source, "
    "q.team FROM ("
    " SELECT r.person_id, 'referral' AS entity, r.id, r.referral_date AS "
    "  since, r.source, coalesce(r.team, " CASE_TEAM("r.person_id") ") AS "
    "  team FROM referral r WHERE r.closure_date IS NULL AND "
    UNALLOCATED("r.person_id")
    " UNION ALL SELECT c.person_id, 'cp_plan', c.id, c.start_date, NULL, "
    CASE_TEAM("c.person_id") " FROM cp_plan c WHERE c.end_date IS NULL AND "
    UNALLOCATED("c.person_id") " AND NOT EXISTS (SELECT 1 FROM referral r "
    "  WHERE r.person_id = c.person_id AND r.closure_date IS NULL)"
    " UNION ALL SELECT c.person_id, 'care_period', c.id, c.start_date, "
    "  NULL, " CASE_TEAM("c.person_id") " FROM care_period c WHERE "
    "  c.end_date IS NULL AND " UNALLOCATED("c.person_id") " AND NOT "
    "  EXISTS (SELECT 1 FROM referral r WHERE r.person_id = c.person_id "
    "  AND r.closure_date IS NULL) AND NOT EXISTS (SELECT 1 FROM cp_plan "
    "  x WHERE x.person_id = c.person_id AND x.end_date IS NULL)"
    ") q JOIN person p ON p.id = q.person_id WHERE p.merged_into IS NULL "
    "ORDER BY q.since, q.id";

enum cd_status
store_queue(struct store *st, const char *team,
    int (*fn)(const struct queue_item *, void *), void *arg,
    struct cd_err *err)
{
	struct audit_change ch = { "team", NULL, team ? team : "borough" };
	struct audit_event ev = { 0 };
	sqlite3_stmt *s;
	enum cd_status code;
	int rc;

	code = store_access_entity(st, entity_find("referral"), 0, err);
	if (code != CD_OK)
		return code;
	code = access_allocation_queue(st, err);
	if (code != CD_OK)
		return code;
	s = store_stmt(st, queue_sql, err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct queue_item q;
		char *name;
		int stop;

		q.team = (const char *)sqlite3_column_text(s, 9);
		if (team != NULL && (q.team == NULL || strcmp(q.team, team)))
			continue;
		q.person = sqlite3_column_int64(s, 0);
		name = column_name(st, s, 1, 4);
		q.name = name;
		q.dob = (const char *)sqlite3_column_text(s, 3);
		q.entity = (const char *)sqlite3_column_text(s, 5);
		q.id = sqlite3_column_int64(s, 6);
		q.since = (const char *)sqlite3_column_text(s, 7);
		q.source = (const char *)sqlite3_column_text(s, 8);
		stop = fn(&q, arg);
		free(name);
		if (stop) {
			rc = SQLITE_DONE;
			break;
		}
	}
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "reading the allocation queue");
	ev.action = "view";
	ev.entity = "allocation-queue";
	ev.changes = &ch;
	ev.nchanges = 1;
	return store_audit_append(st, &ev, err);
}

static const char workers_sql[] =
    "SELECT w.worker, nullif(u.full_name, ''), (SELECT b.phone FROM "
    "allocation b WHERE b.worker = w.worker AND b.phone IS NOT NULL ORDER "
    "BY b.start_date DESC, b.id DESC LIMIT 1), w.n FROM ("
    /* Open cases only: an allocation left open after its case closed
     * is no one's work. */
    " SELECT worker, count(DISTINCT CASE WHEN person_id IN ("
    STORE_OPEN_CASES_SQL ") THEN person_id END) AS n FROM allocation "
    "  WHERE end_date IS NULL AND role = 'social-worker' AND team = ?1 "
    "  GROUP BY worker"
    " UNION ALL SELECT name, 0 FROM users WHERE team = ?1 AND disabled = 0 "
    "  AND role = 'social' AND name NOT IN (SELECT worker FROM allocation "
    "  WHERE end_date IS NULL AND role = 'social-worker' AND team = ?1)"
    ") w LEFT JOIN users u ON u.name = w.worker ORDER BY w.n, w.worker";

enum cd_status
store_team_workers(struct store *st, const char *team,
    int (*fn)(const struct team_worker *, void *), void *arg,
    struct cd_err *err)
{
	sqlite3_stmt *s;
	enum cd_status code;
	int rc;

	code = store_access_entity(st, entity_find("allocation"), 0, err);
	if (code != CD_OK)
		return code;
	if (team == NULL || *team == '\0')
		return cd_err_set(err, CD_ERR_INVALID, "name the team whose "
		    "workers to list");
	s = store_stmt(st, workers_sql, err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	store_bind_text(s, 1, team);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct team_worker w;

		w.worker = (const char *)sqlite3_column_text(s, 0);
		w.full_name = (const char *)sqlite3_column_text(s, 1);
		w.phone = (const char *)sqlite3_column_text(s, 2);
		w.open_cases = sqlite3_column_int(s, 3);
		if (fn(&w, arg)) {
			rc = SQLITE_DONE;
			break;
		}
	}
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "reading the team's workers");
	return CD_OK;
}

/* End the person's current social-worker and team allocations on day. */
static enum cd_status
end_current(struct store *st, int64_t person, const char *day,
    struct cd_err *err)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT id, start_date FROM "
	    "allocation WHERE person_id = ? AND end_date IS NULL AND role IN "
	    "('social-worker', 'team')", err);
	int64_t ids[32];
	size_t n = 0, i;
	enum cd_status code = CD_OK;

	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	sqlite3_bind_int64(s, 1, person);
	while (n < 32 && sqlite3_step(s) == SQLITE_ROW)
		ids[n++] = sqlite3_column_int64(s, 0);
	store_stmt_done(st, s);
	for (i = 0; i < n && code == CD_OK; i++) {
		struct field_change ch = { "end_date", NULL, day };
		struct conflicts cf;

		code = store_record_update(st, "allocation", ids[i], &ch, 1,
		    &cf, err);
		if (code == CD_OK || code == CD_ERR_CONFLICT)
			store_conflicts_fini(&cf);
	}
	return code;
}

enum cd_status
store_allocate(struct store *st, int64_t person, const char *worker,
    const char *team, const char *date, int64_t *id, struct cd_err *err)
{
	char day[DATE_TIME_LEN], w[96], t[96];
	struct field_value v[5];
	sqlite3_stmt *s;
	char *phone = NULL;
	enum cd_status code;

	if (!access_may(st, ACCESS_ALLOCATE))
		return cd_err_set(err, CD_ERR_DENIED, "the %s role may not "
		    "allocate work: a team manager does", role_title(st->role));
	if (worker == NULL || *worker == '\0' || team == NULL || *team == '\0')
		return cd_err_set(err, CD_ERR_INVALID, "allocating needs a "
		    "worker and their team");
	if (date == NULL) {
		date_now(day);
		day[10] = '\0';
	} else
		snprintf(day, sizeof day, "%s", date);
	code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	current_allocation(st, person, w, sizeof w, t, sizeof t);
	if (strcmp(w, worker) == 0 && strcmp(t, team) == 0) {
		store_rollback(st);
		return cd_err_set(err, CD_ERR_CONFLICT, "#%lld is already "
		    "allocated to %s (%s)", (long long)person, worker, team);
	}
	/* One number per worker: the one they gave last. */
	s = store_stmt(st, "SELECT phone FROM allocation WHERE worker = ? "
	    "AND phone IS NOT NULL ORDER BY start_date DESC, id DESC LIMIT 1",
	    NULL);
	if (s != NULL) {
		store_bind_text(s, 1, worker);
		if (sqlite3_step(s) == SQLITE_ROW)
			phone = store_column_dup(s, 0);
		store_stmt_done(st, s);
	}
	code = end_current(st, person, day, err);
	v[0] = (struct field_value){ "worker", worker };
	v[1] = (struct field_value){ "team", team };
	v[2] = (struct field_value){ "role", "social-worker" };
	v[3] = (struct field_value){ "phone", phone };
	v[4] = (struct field_value){ "start_date", day };
	if (code == CD_OK)
		code = store_record_create(st, "allocation", person, v, 5, id,
		    err);
	free(phone);
	return store_end(st, code, err);
}

enum cd_status
store_household_members(struct store *st, int64_t id,
    void (*fn)(int64_t person, const char *name, void *), void *arg,
    struct cd_err *err)
{
	sqlite3_stmt *s;
	enum cd_status code;

	code = store_access_entity(st, entity_find("adopter_member"), 0, err);
	if (code != CD_OK)
		return code;
	s = store_stmt(st, "SELECT p.id, p.family_name, p.given_names, "
	    "p.restricted FROM adopter_member m JOIN person p ON p.id = "
	    "m.person_id WHERE m.household_id = ? ORDER BY m.id", err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	sqlite3_bind_int64(s, 1, id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		int64_t p = sqlite3_column_int64(s, 0);
		char *name = column_name(st, s, 1, 3);

		fn(p, name, arg);
		free(name);
	}
	store_stmt_done(st, s);
	return household_viewed(st, id, err);
}

enum cd_status
store_household_matches(struct store *st, int64_t id,
    void (*fn)(const struct household_match *, void *), void *arg,
    struct cd_err *err)
{
	sqlite3_stmt *s;
	enum cd_status code;

	code = store_access_entity(st, entity_find("adopter_household"), 0,
	    err);
	if (code == CD_OK)
		code = store_access_entity(st, entity_find("permanence"), 0,
		    err);
	if (code != CD_OK)
		return code;
	s = store_stmt(st, "SELECT p.id, p.family_name, p.given_names, "
	    "p.restricted, m.matched_date, m.placed_date, "
	    "m.adoption_order_date, m.reversed_date FROM permanence m "
	    "JOIN person p ON p.id = m.person_id WHERE m.household_id = ? "
	    "ORDER BY m.matched_date, m.id", err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	sqlite3_bind_int64(s, 1, id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		struct household_match m;
		char *name;

		m.person = sqlite3_column_int64(s, 0);
		name = column_name(st, s, 1, 3);
		m.name = name;
		m.matched = (const char *)sqlite3_column_text(s, 4);
		m.placed = (const char *)sqlite3_column_text(s, 5);
		m.order = (const char *)sqlite3_column_text(s, 6);
		m.reversed = (const char *)sqlite3_column_text(s, 7);
		fn(&m, arg);
		free(name);
	}
	store_stmt_done(st, s);
	return household_viewed(st, id, err);
}
