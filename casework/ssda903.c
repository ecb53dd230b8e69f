#include "config.h"

#include "casework/ssda903.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/returns.h"
#include "common/buf.h"
#include "common/csv.h"
#include "common/file.h"
#include "common/xmem.h"

/* The published tables and their columns (the validator matches the set). */
static const struct table {
	const char *file;
	const char *cols[13];
	size_t ncols;
	int from;		/* the first year it is collected, 0 always */
} tables[SSDA903_NTABLES] = {
	{ "header.csv", { "CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER",
	    "MC_DOB" }, 7, 0 },
	{ "episodes.csv", { "CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE",
	    "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE", "HOME_POST",
	    "PL_POST", "URN" }, 13, 0 },
	{ "uasc.csv", { "CHILD", "SEX", "DOB", "DUC" }, 4, 0 },
	{ "reviews.csv", { "CHILD", "DOB", "REVIEW", "REVIEW_CODE" }, 4, 0 },
	{ "oc2.csv", { "CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED",
	    "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK",
	    "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
	    "INTERVENTION_OFFERED" }, 12, 0 },
	{ "oc3.csv", { "CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM" }, 5, 0 },
	{ "ad1.csv", { "CHILD", "DOB", "DATE_INT", "DATE_MATCH",
	    "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR" }, 8, 0 },
	{ "placed_for_adoption.csv", { "CHILD", "DOB", "DATE_PLACED",
	    "DATE_PLACED_CEASED", "REASON_PLACED_CEASED" }, 5, 0 },
	{ "previous_permanence.csv", { "CHILD", "DOB", "PREV_PERM", "LA_PERM",
	    "DATE_PERM" }, 5, 0 },
	{ "missing.csv", { "CHILD", "DOB", "MISSING", "MIS_START",
	    "MIS_END" }, 5, 0 },
	{ "sw_episodes.csv", { "CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC",
	    "SW_REASON" }, 6, 0 },
	{ "DoLo.csv", { "CHILD", "DOB", "DOLO_START", "DOLO_END" }, 4, 2027 },
};
enum { T_HEADER, T_EPISODES, T_UASC, T_REVIEWS, T_OC2, T_OC3, T_AD1,
    T_PLACED, T_PREVPERM, T_MISSING, T_SW, T_DOLO };

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

int
ssda903_oc2_cohort(const struct rt_child *c, int year)
{
	char from[RT_DATE], to[RT_DATE], since[RT_DATE], ignored[RT_DATE];
	size_t i;

	returns_year(year, from, to);
	returns_year(year - 1, ignored, since);	/* 31 March a year before */
	/* The period open at 31 March must have started a year before. */
	for (i = 0; i < c->n_periods; i++) {
		const struct rt_period *p = &c->periods[i];

		if (*p->start && strcmp(p->start, since) <= 0 &&
		    (*p->end == '\0' || strcmp(p->end, to) > 0))
			break;
	}
	if (i == c->n_periods)
		return 0;
	for (i = 0; i < c->n_eps; i++)
		if (returns_overlaps(c->eps[i].start, c->eps[i].end, since, to) &&
		    ssda903_short_break(c->eps[i].ls))
			return 0;
	return 1;
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

/* A row builder: cells as C strings, with small scratch for dates. */
struct row {
	const char *cell[13];
	char scratch[13][RT_DATE];
	size_t n;
};

static void
put(struct row *r, const char *s)
{
	r->cell[r->n++] = s;
}

static void
put_date(struct row *r, const char *iso)
{
	r->cell[r->n] = returns_dmy(iso, r->scratch[r->n]);
	r->n++;
}

static void
put_int(struct row *r, int v)
{
	if (v < 0) {
		r->cell[r->n++] = "";
		return;
	}
	snprintf(r->scratch[r->n], RT_DATE, "%d", v);
	r->cell[r->n] = r->scratch[r->n];
	r->n++;
}

static void
start_row(struct row *r, const struct rt_child *c, int dob)
{
	r->n = 0;
	snprintf(r->scratch[0], RT_DATE, "%lld", (long long)c->id);
	r->cell[0] = r->scratch[0];
	r->n = 1;
	if (dob)
		put_date(r, c->dob);
}

static void
end_row(struct buf *b, struct row *r, size_t *rows)
{
	csv_row(b, r->cell, r->n);
	(*rows)++;
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

static void
oc2_row(struct buf *b, const struct rt_child *c, int year, const char *from,
    const char *to, size_t *rows)
{
	const struct rt_health *sdq = health_in(c, "sdq", from, to);
	int age = returns_age(c->dob, to), convicted = 0, misuse;
	struct row r;
	size_t i;

	start_row(&r, c, 1);
	if (age >= 4 && age <= 16 && sdq != NULL && *sdq->value &&
	    strncmp(sdq->value, "SDQ", 3) != 0) {
		put(&r, sdq->value);
		put(&r, "");
	} else {
		put(&r, "");
		put(&r, age < 4 || age > 16 ? "SDQ1" : sdq ? sdq->value : "");
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

		put_int(&r, iv != NULL && !refused);
		put_int(&r, refused);
	} else {
		put(&r, "");
		put(&r, "");
	}
	(void)year;
	end_row(b, &r, rows);
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

static void
oc3_row(struct buf *b, const struct rt_child *c, const char *to,
    size_t *rows)
{
	const struct rt_leaver *l = leaver_latest(c, to);
	int in_touch = strcmp(l->in_touch, "YES") == 0 ||
	    strcmp(l->in_touch, "NO") == 0;
	char accom[RT_CODE + 2];
	struct row r;

	start_row(&r, c, 1);
	put(&r, l->in_touch);
	put(&r, in_touch ? l->activity : "");
	if (!in_touch || *l->accom == '\0')
		accom[0] = '\0';
	else if (strcmp(l->accom, "0") == 0)
		snprintf(accom, sizeof accom, "0");
	else
		snprintf(accom, sizeof accom, "%s%d", l->accom,
		    l->suitable == 0 ? 2 : 1);
	put(&r, accom);
	end_row(b, &r, rows);
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

static void
child_rows(const struct rt_child *c, int year, const char *from,
    const char *to, struct buf *out, size_t *rows)
{
	int lac = ssda903_looked_after(c, from, to), oc3 = oc3_cohort(c, to);
	struct row r;
	size_t i;

	if (!lac && !oc3)
		return;
	start_row(&r, c, 0);
	put(&r, sex_code(c->sex, year));
	put_date(&r, c->dob);
	put(&r, c->ethnic);
	put(&r, c->upn);
	put(&r, strcmp(c->sex, "F") != 0 || !lac ? "" : *c->mc_dob ? "1" :
	    "0");
	put_date(&r, strcmp(c->sex, "F") == 0 ? c->mc_dob : "");
	end_row(&out[T_HEADER], &r, &rows[T_HEADER]);
	if (oc3)
		oc3_row(&out[T_OC3], c, to, &rows[T_OC3]);
	if (!lac)
		return;
	for (i = 0; i < c->n_eps; i++) {
		const struct rt_episode *e = &c->eps[i];
		int ended = *e->end && strcmp(e->end, to) <= 0;
		int breaks = ssda903_short_break(e->ls);

		if (!returns_overlaps(e->start, e->end, from, to))
			continue;
		start_row(&r, c, 0);
		put_date(&r, e->start);
		put(&r, e->rne);
		put(&r, e->ls);
		put(&r, e->cin);
		put(&r, e->place);
		put(&r, e->provider);
		put_date(&r, ended ? e->end : "");
		put(&r, ended ? e->rec : "");
		put(&r, ended && e->place[0] != 'T' ? e->rpc : "");
		put(&r, breaks ? "" : ssda903_home_postcode(c,
		    period_start(c, e)));
		put(&r, breaks ? "" : e->postcode);
		put(&r, ssda903_no_urn(e->place) ? "" : e->urn);
		end_row(&out[T_EPISODES], &r, &rows[T_EPISODES]);
		if (ended && (strcmp(e->rec, "E11") == 0 ||
		    strcmp(e->rec, "E12") == 0) && c->n_perms > 0) {
			const struct rt_perm *p = &c->perms[c->n_perms - 1];

			start_row(&r, c, 1);
			put_date(&r, p->shobpa);
			put_date(&r, p->matched);
			put_int(&r, p->by_carer);
			put_int(&r, p->count);
			put(&r, p->sex);
			put(&r, p->status);
			end_row(&out[T_AD1], &r, &rows[T_AD1]);
		}
	}
	if (c->uasc) {
		start_row(&r, c, 0);
		put(&r, sex_code(c->sex, year));
		put_date(&r, c->dob);
		put_date(&r, c->uasc_end);
		end_row(&out[T_UASC], &r, &rows[T_UASC]);
	}
	for (i = 0; i < c->n_reviews; i++) {
		const struct rt_review *v = &c->reviews[i];

		if (!*v->date || !returns_overlaps(v->date, v->date, from, to))
			continue;
		start_row(&r, c, 1);
		put_date(&r, v->date);
		put(&r, v->pn);
		end_row(&out[T_REVIEWS], &r, &rows[T_REVIEWS]);
	}
	if (ssda903_oc2_cohort(c, year))
		oc2_row(&out[T_OC2], c, year, from, to, &rows[T_OC2]);
	for (i = 0; i < c->n_perms; i++) {
		const struct rt_perm *p = &c->perms[i];

		if (!*p->shobpa || !returns_overlaps(p->shobpa, p->reversed,
		    from, to))
			continue;
		start_row(&r, c, 1);
		put_date(&r, p->shobpa);
		put_date(&r, strcmp(p->reversed, to) <= 0 ? p->reversed : "");
		put(&r, strcmp(p->reversed, to) <= 0 ? p->reason : "");
		end_row(&out[T_PLACED], &r, &rows[T_PLACED]);
	}
	for (i = 0; i < c->n_periods; i++) {
		const struct rt_period *p = &c->periods[i];

		if (!returns_overlaps(p->start, p->start, from, to))
			continue;
		start_row(&r, c, 1);
		put(&r, p->prev_perm);
		put(&r, p->prev_la);
		put(&r, p->prev_date);
		end_row(&out[T_PREVPERM], &r, &rows[T_PREVPERM]);
	}
	for (i = 0; i < c->n_missing; i++) {
		const struct rt_missing *m = &c->missing[i];

		if (!returns_overlaps(m->start, m->end, from, to))
			continue;
		start_row(&r, c, 1);
		put(&r, m->kind);
		put_date(&r, m->start);
		put_date(&r, strcmp(m->end, to) <= 0 ? m->end : "");
		end_row(&out[T_MISSING], &r, &rows[T_MISSING]);
	}
	for (i = 0; i < c->n_dolos && year >= tables[T_DOLO].from; i++) {
		const struct rt_period *d = &c->dolos[i];

		if (!returns_overlaps(d->start, d->end, from, to))
			continue;
		start_row(&r, c, 1);
		put_date(&r, d->start);
		put_date(&r, strcmp(d->end, to) <= 0 ? d->end : "");
		end_row(&out[T_DOLO], &r, &rows[T_DOLO]);
	}
	for (i = 0; i < c->n_allocs; i++) {
		const struct rt_alloc *a = &c->allocs[i];
		const char *end = next_worker(c, a);

		if (strcmp(a->role, "social-worker") != 0 ||
		    !returns_overlaps(a->start, end, from, to))
			continue;
		start_row(&r, c, 1);
		put(&r, a->swe);
		put_date(&r, a->start);
		put_date(&r, strcmp(end, to) <= 0 ? end : "");
		put(&r, a->reason);
		end_row(&out[T_SW], &r, &rows[T_SW]);
	}
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
	for (i = 0; i < s->n; i++)
		child_rows(&s->c[i], year, from, to, out, rows);
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
