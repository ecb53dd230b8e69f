#include "config.h"

#include "store/casefacts.h"

#include <stdlib.h>
#include <string.h>

#include "common/xmem.h"
#include "store/audit.h"
#include "store/record.h"
#include "store/store.h"
#include "store/store_int.h"

/* The open cases: anyone with a clock running. Each part is indexed. */
static const char open_cases[] =
    "SELECT person_id FROM contact WHERE decision IS NULL "
    "UNION SELECT person_id FROM referral WHERE closure_date IS NULL "
    "UNION SELECT person_id FROM cp_plan WHERE end_date IS NULL "
    "UNION SELECT person_id FROM care_period WHERE end_date IS NULL "
    "UNION SELECT person_id FROM cin_plan WHERE end_date IS NULL "
    "UNION SELECT person_id FROM care_leaver";

/* Whether the current allocation of person matches the filters. */
static int
allocated(struct store *st, int64_t person, const char *worker,
    const char *team, char **w, char **t)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT worker, team FROM "
	    "allocation WHERE person_id = ? AND end_date IS NULL ORDER BY "
	    "start_date DESC, id DESC LIMIT 1", NULL);

	*w = *t = NULL;
	if (s != NULL) {
		sqlite3_bind_int64(s, 1, person);
		if (sqlite3_step(s) == SQLITE_ROW) {
			*w = store_column_dup(s, 0);
			*t = store_column_dup(s, 1);
		}
		store_stmt_done(st, s);
	}
	if (worker && (*w == NULL || strcmp(*w, worker) != 0))
		return 0;
	if (team && (*t == NULL || strcmp(*t, team) != 0))
		return 0;
	return 1;
}

static void
facts_free(struct case_facts *f)
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

/* Read every clock's anchor for one person. */
static void
read_facts(struct store *st, sqlite3_stmt *work, int64_t p,
    struct case_facts *f)
{
	char *n;

	f->contact_waiting = store_one_text(st, "SELECT substr(min(contact_date), 1, 10) "
	    "FROM contact WHERE person_id = ?1 AND decision IS NULL", p);
	f->referral_open = store_one_text(st, "SELECT max(r.referral_date) FROM referral "
	    "r WHERE r.person_id = ?1 AND r.closure_date IS NULL AND NOT "
	    "EXISTS (SELECT 1 FROM assessment a WHERE a.person_id = ?1 AND "
	    "a.completed_date IS NOT NULL AND a.start_date >= "
	    "r.referral_date)", p);
	f->strategy_no_icpc = store_one_text(st, "SELECT max(s.discussion_date) FROM "
	    "strategy_discussion s WHERE s.person_id = ?1 AND s.s47_decided = "
	    "1 AND NOT EXISTS (SELECT 1 FROM cp_conference c WHERE "
	    "c.person_id = ?1 AND c.kind = 'initial' AND c.conference_date >= "
	    "s.discussion_date) AND NOT EXISTS (SELECT 1 FROM s47_enquiry e "
	    "WHERE e.person_id = ?1 AND e.icpc_not_required = 1 AND "
	    "e.start_date >= s.discussion_date)", p);
	work_facts(work, p, f);
	f->cp_start = store_one_text(st, "SELECT max(start_date) FROM cp_plan WHERE "
	    "person_id = ?1 AND end_date IS NULL", p);
	if (f->cp_start) {
		f->cp_last_review = store_one_text(st, "SELECT max(conference_date) FROM "
		    "cp_conference WHERE person_id = ?1 AND kind = 'review'", p);
		f->cp_last_visit = store_one_text(st, "SELECT max(visit_date) FROM visit "
		    "WHERE person_id = ?1 AND kind = 'cp'", p);
	}
	f->lac_start = store_one_text(st, "SELECT max(start_date) FROM care_period WHERE "
	    "person_id = ?1 AND end_date IS NULL", p);
	if (f->lac_start) {
		f->lac_placement = store_one_text(st, "SELECT max(start_date) FROM "
		    "care_episode WHERE person_id = ?1 AND end_date IS NULL", p);
		n = store_one_text(st, "SELECT placement_type FROM care_episode WHERE "
		    "person_id = ?1 AND end_date IS NULL ORDER BY start_date "
		    "DESC LIMIT 1", p);
		f->lac_permanent = n && (n[0] == 'A' || !strcmp(n, "U1") ||
		    !strcmp(n, "U4"));
		free(n);
		n = store_one_text(st, "SELECT count(*) FROM cla_review WHERE person_id = "
		    "?1 AND review_date IS NOT NULL", p);
		f->lac_reviews = n ? atoi(n) : 0;
		free(n);
		f->lac_first_review = store_one_text(st, "SELECT min(review_date) FROM "
		    "cla_review WHERE person_id = ?1", p);
		f->lac_last_review = store_one_text(st, "SELECT max(review_date) FROM "
		    "cla_review WHERE person_id = ?1", p);
		f->lac_last_visit = store_one_text(st, "SELECT max(visit_date) FROM visit "
		    "WHERE person_id = ?1 AND kind = 'cla'", p);
		f->last_health = store_one_text(st, "SELECT max(fact_date) FROM "
		    "health_fact WHERE person_id = ?1 AND kind = "
		    "'health-assessment'", p);
		f->last_pep = store_one_text(st, "SELECT max(fact_date) FROM education_fact "
		    "WHERE person_id = ?1 AND kind = 'pep'", p);
	}
	f->pathway_last = store_one_text(st, "SELECT max(coalesce(pathway_plan_review, "
	    "contact_date)) FROM care_leaver WHERE person_id = ?1", p);
}

enum cd_status
store_case_facts(struct store *st, int64_t person, const char *worker,
    const char *team,
    void (*fn)(const struct case_facts *, void *),
    void (*fa)(const struct adopter_facts *, void *), void *arg,
    struct cd_err *err)
{
	struct audit_change ch[2];
	struct audit_event ev = { 0 };
	sqlite3_stmt *s, *q, *work;
	enum cd_status code;
	int rc;

	code = store_access_entity(st, entity_find("referral"), 0, err);
	if (code != CD_OK)
		return code;
	s = store_stmt(st, open_cases, err);
	if (s == NULL)
		return err ? err->code : CD_ERR_DB;
	work = store_stmt(st, work_sql, NULL);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		int64_t p = sqlite3_column_int64(s, 0);
		struct case_facts f;
		char *w, *t;

		memset(&f, 0, sizeof f);
		if (person != 0 && p != person)
			continue;
		if (!allocated(st, p, worker, team, &w, &t)) {
			free(w);
			free(t);
			continue;
		}
		f.person = p;
		f.worker = w;
		f.team = t;
		q = store_stmt(st, "SELECT family_name, given_names, "
		    "coalesce(dob, expected_dob), restricted, merged_into FROM "
		    "person WHERE id = ?", NULL);
		if (q != NULL) {
			sqlite3_bind_int64(q, 1, p);
			if (sqlite3_step(q) == SQLITE_ROW &&
			    sqlite3_column_type(q, 4) == SQLITE_NULL) {
				if (sqlite3_column_int(q, 3) &&
				    store_access_person(st, p, 0, NULL, NULL) !=
				    CD_OK)
					f.name = xstrdup("(restricted record)");
				else
					f.name = xasprintf("%s, %s",
					    sqlite3_column_text(q, 0),
					    sqlite3_column_text(q, 1));
				f.dob = store_column_dup(q, 2);
			}
			store_stmt_done(st, q);
		}
		if (f.name != NULL) {
			read_facts(st, work, p, &f);
			fn(&f, arg);
		}
		facts_free(&f);
	}
	store_stmt_done(st, s);
	store_stmt_done(st, work);
	if (rc != SQLITE_DONE)
		return store_db_err(st, err, "reading the work tray");
	s = store_stmt(st, "SELECT h.id, h.name, h.stage1_start, "
	    "h.stage1_end, h.stage2_start, h.stage2_end, (SELECT a.worker FROM "
	    "adopter_member m JOIN allocation a ON a.person_id = m.person_id "
	    "WHERE m.household_id = h.id AND a.end_date IS NULL LIMIT 1), "
	    "(SELECT a.team FROM adopter_member m JOIN allocation a ON "
	    "a.person_id = m.person_id WHERE m.household_id = h.id AND "
	    "a.end_date IS NULL LIMIT 1) FROM adopter_household h WHERE "
	    "h.left_date IS NULL AND h.approved_date IS NULL AND "
	    "h.stage1_start IS NOT NULL", err);
	if (s != NULL && fa != NULL && person == 0 &&
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
	return store_audit_append(st, &ev, err);
}
