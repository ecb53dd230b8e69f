#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmem.h"
#include "store/hooks.h"
#include "store/record.h"
#include "store/store.h"
#include "store/store_int.h"

/*
 * Looked-after episodes join up the way the SSDA903 expects: a new
 * episode belongs to the open period of care (or, with reason S, starts
 * one); it ends the episode before it (reason X1); an episode ending for
 * any other reason ends the period of care.
 */

/* The latest row of sql's one-id query for person, or 0. */
static int64_t
one_id(struct store *st, const char *sql, int64_t a, int64_t b)
{
	sqlite3_stmt *s = store_stmt(st, sql, NULL);
	int64_t id = 0;

	if (s == NULL)
		return 0;
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int64(s, 2, b);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	store_stmt_done(st, s);
	return id;
}

/* Set one field of a row through the record engine (so it is audited). */
static enum cd_status
set_field(struct store *st, const char *entity, int64_t id,
    const char *field, const char *value, struct cd_err *err)
{
	struct record r;
	struct field_change ch;
	struct conflicts cf;
	enum cd_status code;

	code = store_record_access(st, entity, id, 1, &r, NULL, err);
	if (code != CD_OK)
		return code;
	ch = (struct field_change){ field, store_record_value(&r, field),
	    value };
	code = store_record_update(st, entity, id, &ch, 1, &cf, err);
	if (code == CD_OK || code == CD_ERR_CONFLICT)
		store_conflicts_fini(&cf);
	store_record_fini(&r);
	return code;
}

enum cd_status
store_care_episode_before(struct store *st, const struct entity_def *e,
    int64_t person, char **values, struct cd_err *err)
{
	size_t pi = (size_t)(entity_field(e, "care_period_id") - e->fields);
	size_t si = (size_t)(entity_field(e, "start_date") - e->fields);
	size_t ri = (size_t)(entity_field(e, "reason_new") - e->fields);
	struct field_value pv;
	int64_t period, prev;
	char buf[24];
	enum cd_status code;

	if (values[si] == NULL || values[ri] == NULL)
		return CD_OK;	/* check_row reports what is missing */
	period = values[pi] ? atoll(values[pi]) : 0;
	if (period == 0 && strcmp(values[ri], "S") == 0) {
		pv = (struct field_value){ "start_date", values[si] };
		code = store_record_create(st, "care_period", person, &pv, 1,
		    &period, err);
		if (code != CD_OK)
			return code;
	} else if (period == 0) {
		period = one_id(st, "SELECT id FROM care_period WHERE person_id "
		    "= ?1 AND end_date IS NULL AND ?2 = ?2 ORDER BY start_date "
		    "DESC, id DESC LIMIT 1", person, 0);
		if (period == 0)
			return cd_err_set(err, CD_ERR_INVALID, "Reason for new "
			    "episode: this child has no open period of care; "
			    "the first episode's reason is S (started to be "
			    "looked after)");
	}
	snprintf(buf, sizeof buf, "%lld", (long long)period);
	free(values[pi]);
	values[pi] = xstrdup(buf);
	/* The episode before this one ends as this one starts. */
	prev = one_id(st, "SELECT id FROM care_episode WHERE care_period_id = "
	    "?1 AND end_date IS NULL AND ?2 = ?2 ORDER BY start_date DESC, "
	    "id DESC LIMIT 1", period, 0);
	if (prev != 0) {
		code = set_field(st, "care_episode", prev, "end_date",
		    values[si], err);
		if (code == CD_OK)
			code = set_field(st, "care_episode", prev,
			    "reason_ceased", "X1", err);
		if (code != CD_OK)
			return code;
	}
	return CD_OK;
}

/* An episode that ends for any reason but X1 ends its period of care. */
enum cd_status
store_care_episode_saved(struct store *st, const struct record *r,
    int created, struct cd_err *err)
{
	const char *end = store_record_value(r, "end_date");
	const char *why = store_record_value(r, "reason_ceased");
	const char *period = store_record_value(r, "care_period_id");
	struct record p;
	enum cd_status code;

	(void)created;
	if (end == NULL || why == NULL || strcmp(why, "X1") == 0 ||
	    period == NULL)
		return CD_OK;
	code = store_record_access(st, "care_period", atoll(period), 1, &p,
	    NULL, err);
	if (code != CD_OK)
		return code;
	if (store_record_value(&p, "end_date") == NULL)
		code = set_field(st, "care_period", p.id, "end_date", end, err);
	store_record_fini(&p);
	return code;
}
