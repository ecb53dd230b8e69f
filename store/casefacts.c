#include "config.h"

#include "store/casefacts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmem.h"
#include "store/audit.h"
#include "store/record.h"
#include "store/store.h"
#include "store/store_int.h"

/*
 * The open cases: anyone with a clock running. Each part reads a partial
 * index of open work (schema 16), so the cost follows the open cases, not
 * the borough.
 */
static const char open_cases[] = STORE_OPEN_CASES_SQL;

/*
 * A page of the borough's open cases: the same parts, each a range of its
 * partial index after ?1, merged in person order and stopped at ?2, so a
 * page reads its own people and not the rest of the borough.
 */
static const char open_page[] =
    "SELECT person_id FROM contact WHERE decision IS NULL AND person_id > ?1 "
    "UNION SELECT person_id FROM referral WHERE closure_date IS NULL AND "
    "person_id > ?1 "
    "UNION SELECT person_id FROM cp_plan WHERE end_date IS NULL AND "
    "person_id > ?1 "
    "UNION SELECT person_id FROM care_period WHERE end_date IS NULL AND "
    "person_id > ?1 "
    "UNION SELECT person_id FROM cin_plan WHERE end_date IS NULL AND "
    "person_id > ?1 "
    "UNION SELECT person_id FROM care_leaver WHERE person_id > ?1 "
    "ORDER BY 1 LIMIT ?2";

/* The people a worker's or a team's tray starts from. */
static const char for_worker[] = "SELECT DISTINCT person_id FROM allocation "
    "WHERE worker = ?1 AND end_date IS NULL";
static const char for_team[] = "SELECT DISTINCT person_id FROM allocation "
    "WHERE team = ?1 AND end_date IS NULL";
/* The duty desk's: every contact still waiting for a decision. */
static const char undecided[] = "SELECT DISTINCT person_id FROM contact "
    "WHERE decision IS NULL";

/*
 * Everything the clocks need about one person, in one statement: the
 * person row, the current allocation, whether any clock runs, and each
 * clock's anchor (each subquery an index probe on person_id).
 */
static const char facts_sql[] =
    "SELECT p.family_name, p.given_names, coalesce(p.dob, p.expected_dob), "
    "p.restricted, p.merged_into, "
    /* 5, 6: the current allocation */
    "(SELECT worker FROM allocation WHERE person_id = ?1 AND end_date IS "
    "NULL ORDER BY start_date DESC, id DESC LIMIT 1), "
    "(SELECT team FROM allocation WHERE person_id = ?1 AND end_date IS "
    "NULL ORDER BY start_date DESC, id DESC LIMIT 1), "
    /* 7: an open case at all */
    "EXISTS (SELECT 1 FROM contact WHERE person_id = ?1 AND decision IS "
    "NULL) OR EXISTS (SELECT 1 FROM referral WHERE person_id = ?1 AND "
    "closure_date IS NULL) OR EXISTS (SELECT 1 FROM cp_plan WHERE "
    "person_id = ?1 AND end_date IS NULL) OR EXISTS (SELECT 1 FROM "
    "care_period WHERE person_id = ?1 AND end_date IS NULL) OR EXISTS "
    "(SELECT 1 FROM cin_plan WHERE person_id = ?1 AND end_date IS NULL) "
    "OR EXISTS (SELECT 1 FROM care_leaver WHERE person_id = ?1), "
    /* 8 */
    "(SELECT substr(min(contact_date), 1, 10) FROM contact WHERE "
    "person_id = ?1 AND decision IS NULL), "
    /* 9 */
    "(SELECT max(r.referral_date) FROM referral r WHERE r.person_id = ?1 "
    "AND r.closure_date IS NULL AND NOT EXISTS (SELECT 1 FROM assessment "
    "a WHERE a.person_id = ?1 AND a.completed_date IS NOT NULL AND "
    "a.start_date >= r.referral_date)), "
    /* 10 */
    "(SELECT max(s.discussion_date) FROM strategy_discussion s WHERE "
    "s.person_id = ?1 AND s.s47_decided = 1 AND NOT EXISTS (SELECT 1 FROM "
    "cp_conference c WHERE c.person_id = ?1 AND c.kind = 'initial' AND "
    "c.conference_date >= s.discussion_date) AND NOT EXISTS (SELECT 1 "
    "FROM s47_enquiry e WHERE e.person_id = ?1 AND e.icpc_not_required = "
    "1 AND e.start_date >= s.discussion_date)), "
    /* 11, 12, 13: the CP plan */
    "(SELECT max(start_date) FROM cp_plan WHERE person_id = ?1 AND "
    "end_date IS NULL), "
    "(SELECT max(conference_date) FROM cp_conference WHERE person_id = ?1 "
    "AND kind = 'review'), "
    "(SELECT max(visit_date) FROM visit WHERE person_id = ?1 AND kind = "
    "'cp'), "
    /* 14 .. 22: the period of care */
    "(SELECT max(start_date) FROM care_period WHERE person_id = ?1 AND "
    "end_date IS NULL), "
    "(SELECT max(start_date) FROM care_episode WHERE person_id = ?1 AND "
    "end_date IS NULL), "
    "(SELECT placement_type FROM care_episode WHERE person_id = ?1 AND "
    "end_date IS NULL ORDER BY start_date DESC LIMIT 1), "
    "(SELECT count(*) FROM cla_review WHERE person_id = ?1 AND review_date "
    "IS NOT NULL), "
    "(SELECT min(review_date) FROM cla_review WHERE person_id = ?1), "
    "(SELECT max(review_date) FROM cla_review WHERE person_id = ?1), "
    "(SELECT max(visit_date) FROM visit WHERE person_id = ?1 AND kind = "
    "'cla'), "
    "(SELECT max(fact_date) FROM health_fact WHERE person_id = ?1 AND "
    "kind = 'health-assessment'), "
    "(SELECT max(fact_date) FROM education_fact WHERE person_id = ?1 AND "
    "kind = 'pep'), "
    /* 23: the care leaver's pathway plan */
    "(SELECT max(coalesce(pathway_plan_review, contact_date)) FROM "
    "care_leaver WHERE person_id = ?1) "
    "FROM person p WHERE p.id = ?1";

static void
facts_fini(struct case_facts *f)
{
	free((char *)f->name);
	free((char *)f->dob);
	free((char *)f->worker);
	free((char *)f->team);
	free((char *)f->contact_waiting);
	free((char *)f->referral_open);
	free((char *)f->strategy_no_icpc);
	free((char *)f->cp_start);
	free((char *)f->cp_last_review);
	free((char *)f->cp_last_visit);
	free((char *)f->lac_start);
	free((char *)f->lac_placement);
	free((char *)f->lac_first_review);
	free((char *)f->lac_last_review);
	free((char *)f->lac_last_visit);
	free((char *)f->last_health);
	free((char *)f->last_pep);
	free((char *)f->pathway_last);
	free((char *)f->strat_waiting);
	free((char *)f->pp_start);
	free((char *)f->cin_start);
}

/*
 * What the workflow added, in one statement prepared once per tray: the
 * rows each step opens, a STRAT contact waiting for its discussion, police
 * protection still running, the open CIN plan, and a section 47 without
 * its strategy discussion. ?1 is the person.
 */
static const char work_sql[] =
    "SELECT (SELECT id FROM contact WHERE person_id = ?1 AND decision IS "
    " NULL ORDER BY contact_date, id LIMIT 1),"
    " (SELECT max(coalesce(c.decision_date, substr(c.contact_date, 1, 10))) "
    " FROM contact c WHERE c.person_id = ?1 AND c.decision = 'STRAT' AND "
    " NOT EXISTS (SELECT 1 FROM strategy_discussion s WHERE s.person_id = "
    " ?1 AND s.discussion_date >= substr(c.contact_date, 1, 10))),"
    " (SELECT max(id) FROM contact WHERE person_id = ?1 AND decision = "
    " 'STRAT'),"
    " (SELECT id FROM referral WHERE person_id = ?1 AND closure_date IS "
    " NULL ORDER BY referral_date DESC, id DESC LIMIT 1),"
    " (SELECT id FROM assessment WHERE person_id = ?1 AND completed_date "
    " IS NULL ORDER BY start_date DESC, id DESC LIMIT 1),"
    /* Police protection lasts while its L1 episode is open. */
    " (SELECT o.id || ' ' || substr(o.action_time, 1, 10) FROM ooh_record "
    " o JOIN care_episode e ON e.id = o.care_episode_id WHERE o.person_id "
    " = ?1 AND o.emergency_action = 'PPO' AND e.end_date IS NULL AND "
    " e.legal_status = 'L1' ORDER BY o.action_time DESC LIMIT 1),"
    " (SELECT id || ' ' || start_date FROM cin_plan WHERE person_id = ?1 "
    " AND end_date IS NULL ORDER BY start_date DESC, id DESC LIMIT 1),"
    " (SELECT max(e.start_date) FROM s47_enquiry e WHERE e.person_id = ?1 "
    " AND coalesce(e.icpc_not_required, 0) = 0 AND NOT EXISTS (SELECT 1 "
    " FROM cp_conference c WHERE c.person_id = ?1 AND c.kind = 'initial' "
    " AND c.conference_date >= e.start_date))";

/* "ID DATE" into an id and a new date string. */
static void
id_date(sqlite3_stmt *s, int col, int64_t *id, const char **date)
{
	const char *v = (const char *)sqlite3_column_text(s, col);
	const char *sp = v ? strchr(v, ' ') : NULL;

	if (sp == NULL)
		return;
	*id = atoll(v);
	*date = xstrdup(sp + 1);
}

/* Fill the workflow's facts for person p from the prepared work_sql. */
static void
work_facts(sqlite3_stmt *w, int64_t p, struct case_facts *f)
{
	if (w == NULL)
		return;
	sqlite3_bind_int64(w, 1, p);
	if (sqlite3_step(w) == SQLITE_ROW) {
		f->contact_id = sqlite3_column_int64(w, 0);
		f->strat_waiting = store_column_dup(w, 1);
		if (f->strat_waiting)
			f->strat_contact_id = sqlite3_column_int64(w, 2);
		if (f->referral_open) {
			f->referral_id = sqlite3_column_int64(w, 3);
			f->assessment_id = sqlite3_column_int64(w, 4);
		}
		id_date(w, 5, &f->ooh_id, &f->pp_start);
		id_date(w, 6, &f->cin_id, &f->cin_start);
		/* A section 47 recorded without its strategy discussion. */
		if (f->strategy_no_icpc == NULL)
			f->strategy_no_icpc = store_column_dup(w, 7);
	}
	sqlite3_reset(w);
}

/* Whether text (which may be NULL) is want; NULL want matches anything. */
static int
matches(const unsigned char *text, const char *want)
{
	return want == NULL || (text != NULL && strcmp((const char *)text,
	    want) == 0);
}

/*
 * Read person p's facts and hand them to fn when a clock runs for them and
 * their current allocation matches the scope. CD_OK when there was nothing
 * to hand over, too.
 */
static enum cd_status
one_case(struct store *st, int64_t p, const struct case_scope *sc,
    void (*fn)(const struct case_facts *, void *), void *arg,
    struct cd_err *err)
{
	sqlite3_stmt *q = store_stmt(st, facts_sql, err), *w;
	struct case_facts f;
	enum cd_status code;
	const char *pt;
	int all_contacts;

	if (q == NULL)
		return err ? err->code : CD_ERR_DB;
	sqlite3_bind_int64(q, 1, p);
	code = store_stmt_row(st, q, "reading the work tray", err);
	if (code != CD_OK) {
		store_stmt_done(st, q);
		return code == CD_ERR_NOTFOUND ? CD_OK : code;
	}
	/* The duty desk sees every waiting contact, whoever holds the case. */
	all_contacts = sc->contacts && sqlite3_column_type(q, 7) !=
	    SQLITE_NULL && sqlite3_column_type(q, 8) != SQLITE_NULL;
	if (sqlite3_column_type(q, 4) != SQLITE_NULL ||
	    !sqlite3_column_int(q, 7) || (!all_contacts &&
	    (!matches(sqlite3_column_text(q, 5), sc->worker) ||
	    !matches(sqlite3_column_text(q, 6), sc->team)))) {
		store_stmt_done(st, q);
		return CD_OK;
	}
	memset(&f, 0, sizeof f);
	f.person = p;
	if (sqlite3_column_int(q, 3) && store_access_person(st, p, 0, NULL,
	    NULL) != CD_OK)
		f.name = xstrdup("(restricted record)");
	else
		f.name = xasprintf("%s, %s", sqlite3_column_text(q, 0),
		    sqlite3_column_text(q, 1));
	f.dob = store_column_dup(q, 2);
	f.worker = store_column_dup(q, 5);
	f.team = store_column_dup(q, 6);
	f.contact_waiting = store_column_dup(q, 8);
	f.referral_open = store_column_dup(q, 9);
	f.strategy_no_icpc = store_column_dup(q, 10);
	f.cp_start = store_column_dup(q, 11);
	if (f.cp_start) {
		f.cp_last_review = store_column_dup(q, 12);
		f.cp_last_visit = store_column_dup(q, 13);
	}
	f.lac_start = store_column_dup(q, 14);
	if (f.lac_start) {
		f.lac_placement = store_column_dup(q, 15);
		pt = (const char *)sqlite3_column_text(q, 16);
		f.lac_permanent = pt && (pt[0] == 'A' || !strcmp(pt, "U1") ||
		    !strcmp(pt, "U4"));
		f.lac_reviews = sqlite3_column_int(q, 17);
		f.lac_first_review = store_column_dup(q, 18);
		f.lac_last_review = store_column_dup(q, 19);
		f.lac_last_visit = store_column_dup(q, 20);
		f.last_health = store_column_dup(q, 21);
		f.last_pep = store_column_dup(q, 22);
	}
	f.pathway_last = store_column_dup(q, 23);
	store_stmt_done(st, q);
	/* The workflow's facts (after the referral's and the S47's). */
	w = store_stmt(st, work_sql, NULL);
	work_facts(w, p, &f);
	store_stmt_done(st, w);
	/* Outside the duty desk's view, a contact belongs to its worker. */
	if (!matches((const unsigned char *)f.worker, sc->worker) ||
	    !matches((const unsigned char *)f.team, sc->team)) {
		struct case_facts duty = { 0 };

		duty.person = f.person;
		duty.name = f.name;
		duty.dob = f.dob;
		duty.worker = f.worker;
		duty.team = f.team;
		duty.contact_waiting = f.contact_waiting;
		duty.contact_id = f.contact_id;
		fn(&duty, arg);
	} else
		fn(&f, arg);
	facts_fini(&f);
	return CD_OK;
}

static int
by_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Call one_case for each person sql lists (?1 bound to key when given),
 * skipping those in skip (people already handed over).
 */
static enum cd_status
each_case(struct store *st, const char *sql, const char *key,
    const struct case_scope *sc, int64_t **seen, size_t *nseen,
    void (*fn)(const struct case_facts *, void *), void *arg,
    struct cd_err *err)
{
	sqlite3_stmt *s = store_stmt(st, sql, err);
	enum cd_status code = CD_OK;
	size_t before = *nseen;
	int rc = SQLITE_DONE;

	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	if (key)
		store_bind_text(s, 1, key);
	if (before > 1)
		qsort(*seen, before, sizeof **seen, by_id);
	while (code == CD_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t p = sqlite3_column_int64(s, 0);

		if (before > 0 && bsearch(&p, *seen, before, sizeof **seen,
		    by_id) != NULL)
			continue;
		*seen = xreallocarray(*seen, *nseen + 1, sizeof **seen);
		(*seen)[(*nseen)++] = p;
		code = one_case(st, p, sc, fn, arg, err);
	}
	if (code == CD_OK && rc != SQLITE_DONE)
		code = store_db_err(st, err, "reading the work tray");
	store_stmt_done(st, s);
	return code;
}

/* One page of the borough's open cases (sc->after, sc->limit, sc->next). */
static enum cd_status
page_cases(struct store *st, const struct case_scope *sc,
    void (*fn)(const struct case_facts *, void *), void *arg,
    struct cd_err *err)
{
	sqlite3_stmt *s = store_stmt(st, open_page, err);
	enum cd_status code = CD_OK;
	int64_t last = 0;
	int rc = SQLITE_DONE, n = 0;

	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	sqlite3_bind_int64(s, 1, sc->after);
	sqlite3_bind_int(s, 2, sc->limit);
	while (code == CD_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		last = sqlite3_column_int64(s, 0);
		n++;
		code = one_case(st, last, sc, fn, arg, err);
	}
	if (code == CD_OK && rc != SQLITE_DONE)
		code = store_db_err(st, err, "reading the work tray");
	store_stmt_done(st, s);
	if (sc->next != NULL)
		*sc->next = n == sc->limit ? last : 0;
	return code;
}

enum cd_status
store_case_facts(struct store *st, const struct case_scope *sc,
    void (*fn)(const struct case_facts *, void *),
    void (*fa)(const struct adopter_facts *, void *), void *arg,
    struct cd_err *err)
{
	static const struct case_scope all = { 0 };
	struct audit_change ch[3];
	struct audit_event ev = { 0 };
	char after[24];
	int64_t *seen = NULL;
	size_t nseen = 0;
	sqlite3_stmt *s;
	enum cd_status code;
	const char *worker, *team;

	if (sc == NULL)
		sc = &all;
	worker = sc->worker;
	team = sc->team;
	code = store_access_entity(st, entity_find("referral"), 0, err);
	if (code != CD_OK)
		return code;
	if (sc->person != 0)
		code = one_case(st, sc->person, sc, fn, arg, err);
	else if (sc->listed) {
		size_t i;

		for (i = 0; code == CD_OK && i < sc->npeople; i++)
			code = one_case(st, sc->people[i], sc, fn, arg, err);
	} else if (worker != NULL || team != NULL) {
		code = each_case(st, worker ? for_worker : for_team, worker ?
		    worker : team, sc, &seen, &nseen, fn, arg, err);
		if (code == CD_OK && sc->contacts)
			code = each_case(st, undecided, NULL, sc, &seen,
			    &nseen, fn, arg, err);
	} else if (sc->limit > 0)
		code = page_cases(st, sc, fn, arg, err);
	else
		code = each_case(st, open_cases, NULL, sc, &seen, &nseen, fn,
		    arg, err);
	free(seen);
	if (code != CD_OK)
		return code;
	s = store_stmt(st, "SELECT h.id, h.name, h.stage1_start, "
	    "h.stage1_end, h.stage2_start, h.stage2_end, (SELECT a.worker FROM "
	    "adopter_member m JOIN allocation a ON a.person_id = m.person_id "
	    "WHERE m.household_id = h.id AND a.end_date IS NULL LIMIT 1), "
	    "(SELECT a.team FROM adopter_member m JOIN allocation a ON "
	    "a.person_id = m.person_id WHERE m.household_id = h.id AND "
	    "a.end_date IS NULL LIMIT 1) FROM adopter_household h WHERE "
	    "h.left_date IS NULL AND h.approved_date IS NULL AND "
	    "h.stage1_start IS NOT NULL", err);
	/* A page of the borough has the households on its first page. */
	if (s != NULL && fa != NULL && sc->person == 0 && (sc->limit == 0 ||
	    sc->after == 0) &&
	    store_access_entity(st, entity_find("adopter_household"), 0,
	    NULL) == CD_OK) {
		while (sqlite3_step(s) == SQLITE_ROW) {
			struct adopter_facts a;
			const char *w = (const char *)sqlite3_column_text(s, 6);
			const char *t = (const char *)sqlite3_column_text(s, 7);

			if ((worker && (w == NULL || strcmp(w, worker))) ||
			    (team && (t == NULL || strcmp(t, team))))
				continue;
			memset(&a, 0, sizeof a);
			a.household = sqlite3_column_int64(s, 0);
			a.name = (const char *)sqlite3_column_text(s, 1);
			a.stage1_start = (const char *)sqlite3_column_text(s, 2);
			a.stage1_end = (const char *)sqlite3_column_text(s, 3);
			a.stage2_start = (const char *)sqlite3_column_text(s, 4);
			a.stage2_end = (const char *)sqlite3_column_text(s, 5);
			a.worker = w;
			a.team = t;
			fa(&a, arg);
		}
	}
	store_stmt_done(st, s);
	ch[0] = (struct audit_change){ "worker", NULL, worker ? worker : "all" };
	ch[1] = (struct audit_change){ "team", NULL, team ? team : "all" };
	ev.action = "view";
	ev.entity = "work-tray";
	ev.changes = ch;
	ev.nchanges = 2;
	if (sc->limit > 0 && sc->person == 0 && !sc->listed && worker == NULL &&
	    team == NULL) {
		/* Which page of the borough was shown. */
		snprintf(after, sizeof after, "%lld", (long long)sc->after);
		ch[2] = (struct audit_change){ "after", NULL, after };
		ev.nchanges = 3;
	}
	return store_audit_append(st, &ev, err);
}

enum cd_status
store_open_counts(struct store *st, struct open_counts *c,
    struct cd_err *err)
{
	/* Each WHERE is its partial index's own, so only the index is read. */
	static const char *const sql[] = {
		"SELECT count(*) FROM contact WHERE decision IS NULL",
		"SELECT count(*) FROM referral WHERE closure_date IS NULL",
		"SELECT count(*) FROM cp_plan WHERE end_date IS NULL",
		"SELECT count(*) FROM care_period WHERE end_date IS NULL",
		"SELECT count(*) FROM cin_plan WHERE end_date IS NULL",
		"SELECT count(*) FROM care_leaver",
	};
	long *to[] = { &c->contacts, &c->referrals, &c->cp_plans,
	    &c->in_care, &c->cin_plans, &c->care_leavers };
	enum cd_status code;
	size_t i;

	memset(c, 0, sizeof *c);
	code = store_access_entity(st, entity_find("referral"), 0, err);
	for (i = 0; code == CD_OK && i < sizeof sql / sizeof sql[0]; i++) {
		int64_t v = 0;

		code = store_scalar_int(st, sql[i], 0, &v, err);
		*to[i] = (long)v;
	}
	return code;
}

enum cd_status
store_changed_people(struct store *st, int64_t since, int64_t **ids,
    size_t *n, int64_t *head, struct cd_err *err)
{
	sqlite3_stmt *s;
	enum cd_status code;
	int rc;

	*ids = NULL;
	*n = 0;
	code = store_access_entity(st, entity_find("referral"), 0, err);
	if (code == CD_OK)
		code = store_scalar_int(st, "SELECT coalesce(max(seq), 0) FROM "
		    "audit_event", 0, head, err);
	if (code != CD_OK)
		return code;
	/*
	 * A range of the chain's own key; the unary + keeps SQLite from
	 * walking the whole person_id index instead.
	 */
	s = store_stmt(st, "SELECT +person_id FROM audit_event WHERE seq > ?1 "
	    "AND seq <= ?2 AND +person_id IS NOT NULL AND action NOT IN "
	    "('view', 'search', 'export', 'print', 'no-match')", err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	sqlite3_bind_int64(s, 1, since);
	sqlite3_bind_int64(s, 2, *head);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*ids = xreallocarray(*ids, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	store_stmt_done(st, s);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return store_db_err(st, err, "reading what changed");
	}
	/* Sorted, each person once. */
	if (*n > 1) {
		size_t i, k = 1;

		qsort(*ids, *n, sizeof **ids, by_id);
		for (i = 1; i < *n; i++)
			if ((*ids)[i] != (*ids)[k - 1])
				(*ids)[k++] = (*ids)[i];
		*n = k;
	}
	return CD_OK;
}
