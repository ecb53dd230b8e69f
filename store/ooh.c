#include "config.h"

#include "store/ooh.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/date.h"
#include "common/xmem.h"
#include "store/audit.h"
#include "store/hooks.h"
#include "store/record.h"
#include "store/store.h"
#include "store/store_int.h"
#include "store/workflow.h"

/* The legal status an emergency action gives a looked-after episode. */
static const struct {
	const char *action, *legal_status, *what;
} placing[] = {
	{ "PPO", "L1", "Taken into police protection (s46) out of hours" },
	{ "EPO", "L2", "Emergency protection order (s44) out of hours" },
	{ "PLACE", "V2", "Placed in an emergency (s20) out of hours" },
};

/* Whether the person has an open period of care. */
static int
in_care(struct store *st, int64_t person)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT count(*) FROM care_period "
	    "WHERE person_id = ? AND end_date IS NULL", NULL);
	int n = 0;

	if (s == NULL)
		return 0;
	sqlite3_bind_int64(s, 1, person);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	store_stmt_done(st, s);
	return n > 0;
}

/*
 * Police protection, an EPO or an emergency placement starts (or, for a
 * child already in care, changes) a looked-after episode through the
 * record engine, so it joins up and is audited like any placement; a
 * strategy discussion out of hours is recorded as one.
 */
static enum cd_status
emergency(struct store *st, const struct record *r, int64_t *episode,
    struct cd_err *err)
{
	const char *action = store_record_value(r, "emergency_action");
	const char *when = store_record_value(r, "action_time");
	char day[11];
	size_t i;

	*episode = 0;
	if (action == NULL || when == NULL)
		return CD_OK;
	snprintf(day, sizeof day, "%.10s", when);
	if (strcmp(action, "STRAT") == 0) {
		struct field_value v[3] = { { "discussion_date", day },
		    { "s47_decided", NULL }, { "summary",
		    store_record_value(r, "actions") ? store_record_value(r,
		    "actions") : "Strategy discussion held out of hours." } };
		int64_t id;

		return store_record_create(st, "strategy_discussion",
		    r->person_id, v, 3, &id, err);
	}
	for (i = 0; i < sizeof placing / sizeof placing[0]; i++)
		if (strcmp(action, placing[i].action) == 0)
			break;
	if (i == sizeof placing / sizeof placing[0])
		return CD_OK;
	{
		struct field_value v[] = {
			{ "start_date", day },
			{ "legal_status", placing[i].legal_status },
			{ "placement_type", store_record_value(r,
			    "placement_type") },
			{ "provider", store_record_value(r, "provider") },
			{ "placement_postcode", store_record_value(r,
			    "placement_postcode") },
			{ "carer", store_record_value(r, "carer") },
			{ "carer_phone", store_record_value(r, "carer_phone") },
			{ "reason_new", in_care(st, r->person_id) ? "U" : "S" },
			{ "category_of_need", "N1" },
		};
		struct field_value c[4] = { { "event_date", day },
		    { "kind", "placement" }, { "significant", "1" },
		    { "summary", placing[i].what } };
		int64_t id;
		enum cd_status code;

		code = store_record_create(st, "care_episode", r->person_id, v,
		    sizeof v / sizeof v[0], episode, err);
		if (code == CD_OK)
			code = store_record_create(st, "chronology",
			    r->person_id, c, 4, &id, err);
		return code;
	}
}

/* The day team it goes to: the open social worker, or the duty desk. */
static void
day_team(struct store *st, int64_t person, char **to, char **team)
{
	sqlite3_stmt *s = store_stmt(st, "SELECT worker, team FROM "
	    "allocation WHERE person_id = ? AND role = 'social-worker' AND "
	    "end_date IS NULL ORDER BY start_date DESC, id DESC LIMIT 1",
	    NULL);

	*to = *team = NULL;
	if (s != NULL) {
		sqlite3_bind_int64(s, 1, person);
		if (sqlite3_step(s) == SQLITE_ROW) {
			*to = store_column_dup(s, 0);
			*team = store_column_dup(s, 1);
		}
		store_stmt_done(st, s);
	}
	if (*to == NULL)
		*to = xstrdup("duty desk");
}

/*
 * After an out-of-hours record is made: hand it over to the day team and
 * carry out its emergency action in the record.
 */
enum cd_status
store_ooh_saved(struct store *st, const struct record *r, int created,
    struct cd_err *err)
{
	struct audit_event ev = { 0 };
	struct audit_change ch[3];
	char now[DATE_TIME_LEN], ep[24];
	char *to, *team;
	int64_t episode;
	sqlite3_stmt *s;
	enum cd_status code;

	if (!created)	/* made once; later edits start nothing */
		return CD_OK;
	code = emergency(st, r, &episode, err);
	if (code != CD_OK)
		return code;
	date_now(now);
	day_team(st, r->person_id, &to, &team);
	/* Say what began: the episode, its clock, and who has the record. */
	if (episode) {
		struct workflow_step *w = store_workflow_note(st, STEP_EPISODE,
		    "care_episode", episode, r->person_id, NULL,
		    store_record_value(r, "action_time"));
		size_t i;

		for (i = 0; i < sizeof placing / sizeof placing[0]; i++)
			if (strcmp(placing[i].action, store_record_value(r,
			    "emergency_action")) == 0)
				snprintf(w->what, sizeof w->what, "%s",
				    placing[i].legal_status);
		if (strcmp(store_record_value(r, "emergency_action"), "PPO") ==
		    0)
			store_workflow_note(st, STEP_CLOCK, "ooh_record", r->id,
			    r->person_id, "police-protection",
			    store_record_value(r, "action_time"));
	}
	{
		struct workflow_step *w = store_workflow_note(st,
		    STEP_HANDOVER, "ooh_record", r->id, r->person_id, NULL,
		    now);

		snprintf(w->worker, sizeof w->worker, "%s", strcmp(to,
		    "duty desk") ? to : "");
		snprintf(w->team, sizeof w->team, "%s", team ? team : "");
	}
	s = store_stmt(st, "UPDATE ooh_record SET handover_to = ?, "
	    "handover_team = ?, handed_over_at = ?, care_episode_id = ? "
	    "WHERE id = ?", err);
	if (s == NULL) {
		free(to);
		free(team);
		return CD_ERR_DB;
	}
	store_bind_text(s, 1, to);
	store_bind_text(s, 2, team);
	store_bind_text(s, 3, now);
	if (episode)
		sqlite3_bind_int64(s, 4, episode);
	sqlite3_bind_int64(s, 5, r->id);
	code = sqlite3_step(s) == SQLITE_DONE ? CD_OK : store_db_err(st, err,
	    "handing over");
	store_stmt_done(st, s);
	snprintf(ep, sizeof ep, "%lld", (long long)episode);
	ch[0] = (struct audit_change){ "handover_to", NULL, to };
	ch[1] = (struct audit_change){ "handover_team", NULL, team };
	ch[2] = (struct audit_change){ "care_episode_id", NULL, episode ? ep :
	    NULL };
	ev.action = "handover";
	ev.entity = "ooh_record";
	ev.entity_id = r->id;
	ev.person_id = r->person_id;
	ev.changes = ch;
	ev.nchanges = 3;
	if (code == CD_OK)
		code = store_audit_append(st, &ev, err);
	free(to);
	free(team);
	return code;
}

enum cd_status
store_ooh_waiting(struct store *st, enum ooh_whose whose,
    int (*fn)(const struct ooh_waiting *, void *), void *arg,
    struct cd_err *err)
{
	sqlite3_stmt *s;
	enum cd_status code;
	int rc;

	code = store_access_entity(st, entity_find("ooh_record"), 0, err);
	if (code != CD_OK)
		return code;
	s = store_stmt(st, "SELECT o.id, o.person_id, p.family_name || ', "
	    "' || p.given_names, o.handover_to, o.handover_team, "
	    "o.handed_over_at, o.emergency_action, o.day_team_note FROM "
	    "ooh_record o JOIN "
	    "person p ON p.id = o.person_id WHERE o.accepted_at IS NULL AND "
	    "o.handed_over_at IS NOT NULL AND (?1 = 2 OR (?1 = 1 AND "
	    "o.handover_to = 'duty desk') OR (?1 = 0 AND o.handover_to = ?2)) "
	    "ORDER BY o.handed_over_at, o.id", err);
	if (s == NULL)
		return CD_ERR_DB;
	sqlite3_bind_int(s, 1, (int)whose);
	store_bind_text(s, 2, st->user_name);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct ooh_waiting w;

		w.id = sqlite3_column_int64(s, 0);
		w.person = sqlite3_column_int64(s, 1);
		w.name = (const char *)sqlite3_column_text(s, 2);
		w.to = (const char *)sqlite3_column_text(s, 3);
		w.team = (const char *)sqlite3_column_text(s, 4);
		w.arrived = (const char *)sqlite3_column_text(s, 5);
		w.action = (const char *)sqlite3_column_text(s, 6);
		w.note = (const char *)sqlite3_column_text(s, 7);
		if (fn(&w, arg))
			break;
	}
	store_stmt_done(st, s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_db_err(st, err, "reading handovers");
	return CD_OK;
}

enum cd_status
store_ooh_accept(struct store *st, int64_t id, struct cd_err *err)
{
	struct audit_event ev = { 0 };
	struct audit_change ch;
	struct record r;
	char now[DATE_TIME_LEN];
	const char *by;
	sqlite3_stmt *s;
	enum cd_status code;

	code = store_begin(st, err);
	if (code != CD_OK)
		return code;
	code = store_record_access(st, "ooh_record", id, 1, &r, NULL, err);
	if (code != CD_OK)
		return store_end(st, code, err);
	if ((by = store_record_value(&r, "accepted_by")) != NULL) {
		code = cd_err_set(err, CD_ERR_CONFLICT, "handover #%lld was "
		    "already accepted by %s at %s", (long long)id, by,
		    store_record_value(&r, "accepted_at"));
		store_record_fini(&r);
		return store_end(st, code, err);
	}
	date_now(now);
	s = store_stmt(st, "UPDATE ooh_record SET accepted_by = ?, "
	    "accepted_at = ?, version = version + 1 WHERE id = ? AND "
	    "accepted_at IS NULL", err);
	if (s != NULL) {
		store_bind_text(s, 1, st->user_name);
		store_bind_text(s, 2, now);
		sqlite3_bind_int64(s, 3, id);
		code = sqlite3_step(s) == SQLITE_DONE ? CD_OK :
		    store_db_err(st, err, "accepting a handover");
		store_stmt_done(st, s);
	} else
		code = CD_ERR_DB;
	ch = (struct audit_change){ "accepted_by", NULL, st->user_name };
	ev.action = "accept";
	ev.entity = "ooh_record";
	ev.entity_id = id;
	ev.person_id = r.person_id;
	ev.changes = &ch;
	ev.nchanges = 1;
	store_record_fini(&r);
	return store_end_audited(st, code, &ev, err);
}
