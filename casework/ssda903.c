#include "config.h"

#include "casework/ssda903.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "casework/calendar.h"
#include "casework/returns.h"
#include "common/buf.h"
#include "common/csv.h"
#include "common/date.h"
#include "common/file.h"
#include "common/tar.h"
#include "common/xmem.h"

/* The published tables and their columns (the validator matches the set). */
/*
 * The published tables and their columns (the validator matches the set),
 * with the record each row is written from and the field each column
 * comes from, so a problem with a cell says where to fix it.
 */
static const struct table {
	const char *file;
	const char *cols[13];
	size_t ncols;
	int from;		/* the first year it is collected, 0 always */
	const char *entity;
	const char *fields[13];
} tables[SSDA903_NTABLES] = {
	{ "header.csv", { "CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER",
	    "MC_DOB" }, 7, 0, "person", { NULL, "sex", "dob", "ethnicity",
	    "upn" } },
	{ "episodes.csv", { "CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE",
	    "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST",
	    "PL_POST", "URN" }, 13, 0, "care_episode", { NULL, "start_date",
	    "reason_new", "legal_status", "category_of_need", "placement_type",
	    "provider", "end_date", "reason_ceased", "reason_change", NULL,
	    "placement_postcode", "urn" } },
	{ "uasc.csv", { "CHILD", "SEX", "DOB", "DUC" }, 4, 0, "person",
	    { NULL, "sex", "dob", "uasc_end_date" } },
	{ "reviews.csv", { "CHILD", "DOB", "REVIEW", "REVIEW_CODE" }, 4, 0,
	    "cla_review", { NULL, NULL, "review_date", "participation" } },
	{ "oc2.csv", { "CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED",
	    "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK",
	    "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
	    "INTERVENTION_OFFERED" }, 12, 0, "person", { NULL } },
	{ "oc3.csv", { "CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM" }, 5, 0,
	    "care_leaver", { NULL, NULL, "in_touch", "activity",
	    "accommodation" } },
	{ "ad1.csv", { "CHILD", "DOB", "DATE_INT", "DATE_MATCH",
	    "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR" }, 8, 0,
	    "permanence", { NULL, NULL, "shobpa_date", "matched_date",
	    "by_carer", "adopter_count", "adopter_sex", "adopter_status" } },
	{ "placed_for_adoption.csv", { "CHILD", "DOB", "DATE_PLACED",
	    "DATE_PLACED_CEASED", "REASON_PLACED_CEASED" }, 5, 0, "permanence",
	    { NULL, NULL, "shobpa_date", "reversed_date", "reversed_reason" } },
	{ "previous_permanence.csv", { "CHILD", "DOB", "PREV_PERM", "LA_PERM",
	    "DATE_PERM" }, 5, 0, "care_period", { NULL, NULL, "prev_perm",
	    "prev_perm_la", "prev_perm_date" } },
	{ "missing.csv", { "CHILD", "DOB", "MISSING", "MIS_START",
	    "MIS_END" }, 5, 0, "missing_episode", { NULL, NULL, "kind",
	    "start_date", "end_date" } },
	{ "sw_episodes.csv", { "CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC",
	    "SW_REASON" }, 6, 0, "allocation", { NULL, NULL, "swe_number",
	    "start_date", "end_date", "change_reason" } },
	{ "DoLo.csv", { "CHILD", "DOB", "DOLO_START", "DOLO_END" }, 4, 2027,
	    "dolo", { NULL, NULL, "start_date", "end_date" } },
};
enum { T_HEADER = SSDA903_HEADER, T_EPISODES, T_UASC, T_REVIEWS, T_OC2,
    T_OC3, T_AD1, T_PLACED, T_PREVPERM, T_MISSING, T_SW, T_DOLO };

const char *
ssda903_file(size_t i)
{
	return i < SSDA903_NTABLES ? tables[i].file : NULL;
}

int
ssda903_in_year(size_t i, int year)
{
	return i < SSDA903_NTABLES && year >= tables[i].from;
}

int
ssda903_looked_after(const struct rt_child *c, const char *from,
    const char *to)
{
	size_t i;

	for (i = 0; i < c->n_eps; i++)
		if (returns_overlaps(c->eps[i].start, c->eps[i].end, from, to))
			return 1;
	return 0;
}

int
ssda903_short_break(const char *ls)
{
	return strcmp(ls, "V3") == 0 || strcmp(ls, "V4") == 0;
}

/*
 * The DfE's "looked after continuously for 12 months" (OC2 rules): an
 * episode in the year, and none that starts care after 1 April, leaves
 * care before 31 March, or is a short break.
 */
int
ssda903_oc2_cohort(const struct rt_child *c, int year)
{
	char from[RT_DATE], to[RT_DATE];
	size_t i;
	int any = 0;

	returns_year(year, from, to);
	for (i = 0; i < c->n_eps; i++) {
		const struct rt_episode *e = &c->eps[i];
		const char *end = strcmp(e->end, to) <= 0 ? e->end : "";

		if (!returns_overlaps(e->start, end, from, to))
			continue;
		any = 1;
		if (ssda903_short_break(e->ls) || (strcmp(e->rne, "S") == 0 &&
		    strcmp(e->start, from) > 0 && strcmp(e->start, to) <= 0) ||
		    (*end && strcmp(end, to) < 0 && strcmp(e->rec, "X1") != 0))
			return 0;
	}
	return any;
}

const char *
ssda903_home_postcode(const struct rt_child *c, const char *day)
{
	const char *best = "";
	size_t i;

	for (i = 0; i < c->n_addresses; i++) {
		const struct rt_address *a = &c->addresses[i];

		if (strcmp(a->kind, "home") == 0 && *a->postcode &&
		    returns_overlaps(a->start, a->end, day, day))
			best = a->postcode;
	}
	return best;
}

/* The start of the period of care an episode belongs to. */
static const char *
period_start(const struct rt_child *c, const struct rt_episode *e)
{
	size_t i;

	for (i = 0; i < c->n_periods; i++)
		if (c->periods[i].id == e->period)
			return c->periods[i].start;
	return e->start;
}

int
ssda903_no_urn(const char *place)
{
	static const char *const none[] = { "P1", "P3", "R1", "R2", "R5",
	    "T0", "T1", "T2", "T3", "T4", "Z11", "Z12", "Z13", "Z14" };
	size_t i;

	for (i = 0; i < sizeof none / sizeof none[0]; i++)
		if (strcmp(place, none[i]) == 0)
			return 1;
	return 0;
}

/* A row being built: the next cell to fill. */
struct row {
	struct ssda903_row *r;
	size_t n;
};

static void
put(struct row *r, const char *s)
{
	snprintf(r->r->cell[r->n++], SSDA903_CELL, "%s", s);
}

static void
put_date(struct row *r, const char *iso)
{
	returns_dmy(iso, r->r->cell[r->n++]);
}

static void
put_int(struct row *r, int v)
{
	if (v < 0)
		r->r->cell[r->n++][0] = '\0';
	else
		snprintf(r->r->cell[r->n++], SSDA903_CELL, "%d", v);
}

/* Start a row of table t written from the record id of its entity. */
static void
start_row(struct ssda903_rows *out, struct row *r, int t,
    const struct rt_child *c, int64_t id, int dob)
{
	r->r = returns_push(&out->r, &out->n, sizeof *out->r);
	r->r->table = t;
	r->r->child = c->id;
	r->r->id = id;
	r->n = 0;
	put_int(r, 0);
	snprintf(r->r->cell[0], SSDA903_CELL, "%lld", (long long)c->id);
	if (dob)
		put_date(r, c->dob);
}

/* The sex as the year's return codes it: M/F/U from 2024/25, 1/2 before. */
static const char *
sex_code(const char *sex, int year)
{
	if (year >= 2025)
		return sex;
	return strcmp(sex, "M") == 0 ? "1" : strcmp(sex, "F") == 0 ? "2" : "";
}

/* Whether a health fact of kind is dated inside [from, to]. */
static const struct rt_health *
health_in(const struct rt_child *c, const char *kind, const char *from,
    const char *to)
{
	const struct rt_health *found = NULL;
	size_t i;

	for (i = 0; i < c->n_health; i++)
		if (strcmp(c->health[i].kind, kind) == 0 &&
		    strcmp(c->health[i].date, from) >= 0 &&
		    strcmp(c->health[i].date, to) <= 0)
			found = &c->health[i];
	return found;
}

static void oc2_outcomes(struct ssda903_rows *out, const struct rt_child *c,
    int year, const char *from, const char *to);

/*
 * The SDQ is for children 4 to 16: none for one not yet 4 at 31 March or
 * 17 before 1 April (rules 188, 189), score or reason for the rest.
 */
int
ssda903_sdq_age(const struct rt_child *c, int year)
{
	char from[RT_DATE], to[RT_DATE], eve[RT_DATE];
	int ok;

	returns_year(year, from, to);
	calendar_date(calendar_day(from, &ok) - 1, eve);
	return returns_age(c->dob, to) >= 4 && returns_age(c->dob, eve) < 17;
}

/*
 * OC2 outcomes in the year; for a year still running, in the 12 months
 * up to today, so the return so far does not say "none" of a check that
 * is not yet due.
 */
static void
oc2_row(struct ssda903_rows *out, const struct rt_child *c, int year,
    const char *from, const char *to)
{
	char now[DATE_TIME_LEN], since[RT_DATE];
	int ok;

	date_now(now);
	now[10] = '\0';
	if (strcmp(now, to) < 0) {
		calendar_date(calendar_add_months(calendar_day(now, &ok), -12) +
		    1, since);
		from = since;
		to = now;
	}
	oc2_outcomes(out, c, year, from, to);
}

static void
oc2_outcomes(struct ssda903_rows *out, const struct rt_child *c, int year,
    const char *from, const char *to)
{
	const struct rt_health *sdq = health_in(c, "sdq", from, to);
	int age = returns_age(c->dob, to), convicted = 0, misuse;
	struct row r;
	size_t i;

	start_row(out, &r, T_OC2, c, c->id, 1);
	if (!ssda903_sdq_age(c, year) || sdq == NULL) {
		put(&r, "");
		put(&r, "");
	} else if (*sdq->value && strncmp(sdq->value, "SDQ", 3) != 0) {
		put(&r, sdq->value);
		put(&r, "");
	} else {
		put(&r, "");
		put(&r, sdq->value);
	}
	for (i = 0; i < c->n_convictions; i++)
		if (returns_overlaps(c->convictions[i].date, c->convictions[i].date,
		    from, to))
			convicted = 1;
	put_int(&r, age >= 10 ? convicted : -1);
	put_int(&r, age < 5 ? health_in(c, "surveillance", from, to) != NULL :
	    -1);
	put_int(&r, health_in(c, "immunisations", from, to) != NULL);
	put_int(&r, health_in(c, "dental", from, to) != NULL);
	put_int(&r, health_in(c, "health-assessment", from, to) != NULL);
	misuse = health_in(c, "substance-misuse", from, to) != NULL;
	put_int(&r, misuse);
	if (misuse) {
		const struct rt_health *iv = health_in(c, "intervention", from,
		    to);
		int refused = iv && strcmp(iv->value, "refused") == 0;

		/* Offered is asked only when none was received (158). */
		put_int(&r, iv != NULL && !refused);
		put_int(&r, iv != NULL && !refused ? -1 : refused);
	} else {
		put(&r, "");
		put(&r, "");
	}
}

/* The care leaver's latest record up to the end of the year. */
static const struct rt_leaver *
leaver_latest(const struct rt_child *c, const char *to)
{
	const struct rt_leaver *best = NULL;
	size_t i;

	for (i = 0; i < c->n_leavers; i++)
		if (strcmp(c->leavers[i].date, to) <= 0 && (best == NULL ||
		    strcmp(c->leavers[i].date, best->date) >= 0))
			best = &c->leavers[i];
	return best;
}

/* OC3: care leavers with their 17th to 21st birthday in the year. */
static int
oc3_cohort(const struct rt_child *c, const char *to)
{
	int age = returns_age(c->dob, to);

	return age >= 17 && age <= 21 && leaver_latest(c, to) != NULL;
}

/*
 * OC3: whether in touch, and activity and accommodation as recorded when
 * so; for any other answer both are 0, the code for none (rules 132,
 * 133, 153, 344, 345).
 */
static void
oc3_row(struct ssda903_rows *out, const struct rt_child *c, const char *to)
{
	const struct rt_leaver *l = leaver_latest(c, to);
	int yes = strcmp(l->in_touch, "YES") == 0;
	char accom[RT_CODE + 2];
	struct row r;

	start_row(out, &r, T_OC3, c, l->id, 1);
	put(&r, l->in_touch);
	if (*l->in_touch == '\0') {
		put(&r, "");
		put(&r, "");
		return;
	}
	put(&r, yes ? l->activity : "0");
	if (!yes || strcmp(l->accom, "0") == 0)
		snprintf(accom, sizeof accom, "0");
	else if (*l->accom == '\0')
		accom[0] = '\0';
	else
		snprintf(accom, sizeof accom, "%s%d", l->accom,
		    l->suitable == 0 ? 2 : 1);
	put(&r, accom);
}

/*
 * When a social worker episode ended: its end date, or else the day the
 * next social worker took over (one worker at a time in the return).
 */
static const char *
next_worker(const struct rt_child *c, const struct rt_alloc *a)
{
	const char *end = a->end;
	size_t i;

	for (i = 0; i < c->n_allocs; i++) {
		const struct rt_alloc *b = &c->allocs[i];

		if (b != a && strcmp(b->role, "social-worker") == 0 &&
		    strcmp(b->start, a->start) > 0 && (*end == '\0' ||
		    strcmp(b->start, end) < 0))
			end = b->start;
	}
	return end;
}

/* Append the rows of every table the child has in the year to out. */
static void
child_rows(const struct rt_child *c, int year, const char *from,
    const char *to, struct ssda903_rows *out)
{
	int lac = ssda903_looked_after(c, from, to), oc3 = oc3_cohort(c, to);
	int mother, breaks_only = 1;
	struct row r;
	size_t i;

	if (!lac && !oc3)
		return;
	/* Only short breaks: no MOTHER, no reviews (rule 399). */
	for (i = 0; i < c->n_eps; i++)
		if (returns_overlaps(c->eps[i].start, c->eps[i].end, from, to) &&
		    !ssda903_short_break(c->eps[i].ls))
			breaks_only = 0;
	start_row(out, &r, T_HEADER, c, c->id, 0);
	put(&r, sex_code(c->sex, year));
	put_date(&r, c->dob);
	put(&r, c->ethnic);
	put(&r, c->upn);
	/*
	 * A mother by 31 March: MOTHER 1 with her child's birth; 0 for any
	 * other girl in care (rules 165, 611, 612, 625, 628).
	 */
	mother = strcmp(c->sex, "F") == 0 && lac && !breaks_only &&
	    *c->mc_dob && strcmp(c->mc_dob, to) <= 0;
	put(&r, strcmp(c->sex, "F") != 0 || !lac || breaks_only ? "" : mother ?
	    "1" : "0");
	put_date(&r, mother ? c->mc_dob : "");
	if (oc3)
		oc3_row(out, c, to);
	if (!lac)
		return;
	for (i = 0; i < c->n_eps; i++) {
		const struct rt_episode *e = &c->eps[i];
		int ended = *e->end && strcmp(e->end, to) <= 0;
		int breaks = ssda903_short_break(e->ls);

		if (!returns_overlaps(e->start, e->end, from, to))
			continue;
		start_row(out, &r, T_EPISODES, c, e->id, 0);
		put_date(&r, e->start);
		put(&r, e->rne);
		put(&r, e->ls);
		put(&r, e->cin);
		put(&r, e->place);
		put(&r, e->provider);
		put_date(&r, ended ? e->end : "");
		put(&r, ended ? e->rec : "");
		put(&r, ended && e->place[0] != 'T' ? e->rpc : "");
		/* No home postcode for an unaccompanied child (406). */
		put(&r, breaks || c->uasc ? "" : ssda903_home_postcode(c,
		    period_start(c, e)));
		put(&r, breaks ? "" : e->postcode);
		put(&r, ssda903_no_urn(e->place) ? "" : e->urn);
		if (ended && (strcmp(e->rec, "E11") == 0 ||
		    strcmp(e->rec, "E12") == 0) && c->n_perms > 0) {
			const struct rt_perm *p = &c->perms[c->n_perms - 1];

			start_row(out, &r, T_AD1, c, p->id, 1);
			put_date(&r, p->shobpa);
			put_date(&r, p->matched);
			put_int(&r, p->by_carer);
			put_int(&r, p->count);
			put(&r, p->sex);
			put(&r, p->status);
		}
	}
	if (c->uasc) {
		start_row(out, &r, T_UASC, c, c->id, 0);
		put(&r, sex_code(c->sex, year));
		put_date(&r, c->dob);
		put_date(&r, c->uasc_end);
	}
	for (i = 0; i < c->n_reviews; i++) {
		const struct rt_review *v = &c->reviews[i];

		if (breaks_only || !*v->date || !returns_overlaps(v->date,
		    v->date, from, to))
			continue;
		start_row(out, &r, T_REVIEWS, c, v->id, 1);
		put_date(&r, v->date);
		put(&r, v->pn);
	}
	if (ssda903_oc2_cohort(c, year))
		oc2_row(out, c, year, from, to);
	for (i = 0; i < c->n_perms; i++) {
		const struct rt_perm *p = &c->perms[i];

		if (!*p->shobpa || !returns_overlaps(p->shobpa, p->reversed,
		    from, to))
			continue;
		start_row(out, &r, T_PLACED, c, p->id, 1);
		put_date(&r, p->shobpa);
		put_date(&r, strcmp(p->reversed, to) <= 0 ? p->reversed : "");
		put(&r, strcmp(p->reversed, to) <= 0 ? p->reason : "");
	}
	for (i = 0; i < c->n_periods; i++) {
		const struct rt_period *p = &c->periods[i];

		if (!returns_overlaps(p->start, p->start, from, to))
			continue;
		start_row(out, &r, T_PREVPERM, c, p->id, 1);
		put(&r, p->prev_perm);
		put(&r, p->prev_la);
		put(&r, p->prev_date);
	}
	for (i = 0; i < c->n_missing; i++) {
		const struct rt_missing *m = &c->missing[i];

		if (!returns_overlaps(m->start, m->end, from, to))
			continue;
		start_row(out, &r, T_MISSING, c, m->id, 1);
		put(&r, m->kind);
		put_date(&r, m->start);
		put_date(&r, strcmp(m->end, to) <= 0 ? m->end : "");
	}
	for (i = 0; i < c->n_dolos && year >= tables[T_DOLO].from; i++) {
		const struct rt_period *d = &c->dolos[i];

		if (!returns_overlaps(d->start, d->end, from, to))
			continue;
		start_row(out, &r, T_DOLO, c, d->id, 1);
		put_date(&r, d->start);
		put_date(&r, strcmp(d->end, to) <= 0 ? d->end : "");
	}
	for (i = 0; i < c->n_allocs; i++) {
		const struct rt_alloc *a = &c->allocs[i];
		const char *end = next_worker(c, a);

		if (strcmp(a->role, "social-worker") != 0 ||
		    !returns_overlaps(a->start, end, from, to))
			continue;
		start_row(out, &r, T_SW, c, a->id, 1);
		put(&r, a->swe);
		put_date(&r, a->start);
		put_date(&r, strcmp(end, to) <= 0 ? end : "");
		put(&r, a->reason);
	}
}

void
ssda903_child(const struct rt_child *c, int year, struct ssda903_rows *out)
{
	char from[RT_DATE], to[RT_DATE];

	returns_year(year, from, to);
	child_rows(c, year, from, to, out);
}

void
ssda903_rows_free(struct ssda903_rows *rs)
{
	free(rs->r);
	memset(rs, 0, sizeof *rs);
}

int
ssda903_col(int t, const char *col)
{
	size_t i;

	for (i = 0; t >= 0 && t < SSDA903_NTABLES && i < tables[t].ncols; i++)
		if (strcmp(tables[t].cols[i], col) == 0)
			return (int)i;
	return -1;
}

const char *
ssda903_cell(const struct ssda903_row *r, const char *col)
{
	int i = ssda903_col(r->table, col);

	return i < 0 ? "" : r->cell[i];
}

const char *
ssda903_entity(int t)
{
	return t >= 0 && t < SSDA903_NTABLES ? tables[t].entity : NULL;
}

const char *
ssda903_field(int t, const char *col)
{
	int i = ssda903_col(t, col);

	return i < 0 ? NULL : tables[t].fields[i];
}

void
ssda903_build(const struct rt_set *s, int year,
    struct buf out[SSDA903_NTABLES], size_t rows[SSDA903_NTABLES])
{
	char from[RT_DATE], to[RT_DATE];
	size_t i;

	returns_year(year, from, to);
	for (i = 0; i < SSDA903_NTABLES; i++) {
		buf_reset(&out[i]);
		if (ssda903_in_year(i, year))
			csv_row(&out[i], tables[i].cols, tables[i].ncols);
		rows[i] = 0;
	}
	for (i = 0; i < s->n; i++) {
		struct ssda903_rows rs = { NULL, 0 };
		size_t j, k;

		child_rows(&s->c[i], year, from, to, &rs);
		for (j = 0; j < rs.n; j++) {
			const struct ssda903_row *r = &rs.r[j];
			const char *cells[13];

			for (k = 0; k < tables[r->table].ncols; k++)
				cells[k] = r->cell[k];
			csv_row(&out[r->table], cells, tables[r->table].ncols);
			rows[r->table]++;
		}
		ssda903_rows_free(&rs);
	}
}

enum cd_status
ssda903_write(const struct rt_set *s, int year, const char *dir,
    size_t rows[SSDA903_NTABLES], struct cd_err *err)
{
	struct buf out[SSDA903_NTABLES];
	enum cd_status code;
	size_t i;

	memset(out, 0, sizeof out);
	code = file_make_dir(dir, err);
	if (code == CD_OK)
		ssda903_build(s, year, out, rows);
	for (i = 0; i < SSDA903_NTABLES && code == CD_OK; i++) {
		char *path;

		if (!ssda903_in_year(i, year))
			continue;
		path = xasprintf("%s/%s", dir, tables[i].file);
		code = file_write_atomic(path, out[i].data, out[i].len, 0600,
		    err);
		free(path);
	}
	for (i = 0; i < SSDA903_NTABLES; i++)
		buf_fini(&out[i]);
	return code;
}

void
ssda903_tar(const struct rt_set *s, int year, const char *prefix,
    struct buf *tar, size_t rows[SSDA903_NTABLES])
{
	struct buf out[SSDA903_NTABLES];
	time_t now = time(NULL);
	size_t i;

	memset(out, 0, sizeof out);
	ssda903_build(s, year, out, rows);
	for (i = 0; i < SSDA903_NTABLES; i++) {
		char name[TAR_NAME_MAX + 1];

		if (ssda903_in_year(i, year)) {
			snprintf(name, sizeof name, "%s%s", prefix,
			    tables[i].file);
			(void)tar_add(tar, name, out[i].data, out[i].len, now);
		}
		buf_fini(&out[i]);
	}
}
