#include "config.h"

#include "casework/checks.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "casework/calendar.h"
#include "casework/checks_int.h"
#include "casework/cinxml.h"
#include "casework/returns.h"
#include "casework/ssda903.h"
#include "common/ident.h"
#include "common/xmem.h"

#define flag(out, d, c, f, ...) checks_flag(out, d, NULL, c, f, __VA_ARGS__)


static int
one_of(const char *code, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcmp(code, *list) == 0)
			return 1;
	return 0;
}

static long
day_of(const char *iso)
{
	int ok;
	long d = calendar_day(iso, &ok);

	return ok ? d : 0;
}

static int
lac(const struct rt_child *c, const struct check_ctx *x)
{
	return ssda903_looked_after(c, x->from, x->to);
}

/* The episodes open at some time in the year, for the loops below. */
#define EACH_EPISODE(c, x, e) \
	for (size_t i_ = 0; i_ < (c)->n_eps; i_++) \
		if (((e) = &(c)->eps[i_]) && returns_overlaps((e)->start, \
		    (e)->end, (x)->from, (x)->to))

/* ---- the child ---- */

static void
upn(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	int age = returns_age(c->dob, x->to);
	char aug[24];

	if (!lac(c, x) && !cinxml_in_scope(c, x->from, x->to))
		return;
	if (*c->upn == '\0') {
		checks_flag(out, d, lac(c, x) ? "442" : "", c,
		    PERSON(c, "upn"), "no UPN: record it, or why "
		    "it is unknown (UN1 to UN7)");
		return;
	}
	/* Rule 209: 4 by 31 August of the year before the collection's. */
	snprintf(aug, sizeof aug, "%04d-08-31", x->year - 2);
	if (strcmp(c->upn, "UN1") == 0 && returns_age(c->dob, aug) >= 4)
		flag(out, d, c, PERSON(c, "upn"), "UPN unknown as \"not of "
		    "school age\" (UN1), but the child is %d", age);
}

static void
ethnicity(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	if ((lac(c, x) || cinxml_in_scope(c, x->from, x->to)) &&
	    *c->ethnic == '\0')
		flag(out, d, c, PERSON(c, "ethnicity"), "no ethnicity: record "
		    "it, or REFU (refused) or NOBT (not yet obtained)");
}

static void
dob(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	const struct rt_episode *e;

	if (!lac(c, x))
		return;
	if (*c->dob == '\0') {
		flag(out, d, c, PERSON(c, "dob"), "no date of birth for a "
		    "looked-after child");
		return;
	}
	EACH_EPISODE(c, x, e)
		if (strcmp(e->start, c->dob) < 0)
			flag(out, d, c, AT("care_episode", e->id, "start_date"),
			    "episode starts %s, before the child's birth",
			    e->start);
}

/* ---- looked-after episodes ---- */

static int
by_start(const void *a, const void *b)
{
	const struct rt_episode *x = *(const struct rt_episode *const *)a;
	const struct rt_episode *y = *(const struct rt_episode *const *)b;
	int k = strcmp(x->start, y->start);

	return k ? k : (x->id > y->id) - (x->id < y->id);
}

static void
episodes_join(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	const struct rt_episode **e;
	size_t i, n = c->n_eps;

	if (n == 0 || !lac(c, x))
		return;
	e = xcalloc(n, sizeof *e);
	for (i = 0; i < n; i++)
		e[i] = &c->eps[i];
	if (n > 1)
		qsort(e, n, sizeof *e, by_start);
	for (i = 0; i < n; i++) {
		const struct rt_episode *a = e[i], *b = i + 1 < n ? e[i + 1] :
		    NULL;

		if (!returns_overlaps(a->start, a->end, x->from, x->to))
			continue;
		if (b != NULL && b->period == a->period && *a->end == '\0')
			flag(out, d, c, AT("care_episode", a->id, "end_date"),
			    "episode from %s is still open but another starts "
			    "%s", a->start, b->start);
		else if (b != NULL && b->period == a->period &&
		    strcmp(a->end, b->start) != 0)
			flag(out, d, c, AT("care_episode", a->id, "end_date"),
			    "episode ends %s but the next starts %s: they must "
			    "meet", a->end, b->start);
		else if (b != NULL && b->period == a->period &&
		    strcmp(a->rec, "X1") != 0)
			flag(out, d, c, AT("care_episode", a->id,
			    "reason_ceased"), "episode ending %s is followed "
			    "by another: its reason ceased must be X1", a->end);
		else if ((b == NULL || b->period != a->period) && *a->end &&
		    strcmp(a->rec, "X1") == 0)
			flag(out, d, c, AT("care_episode", a->id,
			    "reason_ceased"), "episode ending %s says X1 (a "
			    "new episode follows) but none does", a->end);
		else if (*a->end && *a->rec == '\0')
			flag(out, d, c, AT("care_episode", a->id,
			    "reason_ceased"), "episode ending %s has no reason "
			    "ceased", a->end);
	}
	free(e);
}

static void
future(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	const struct rt_episode *e;
	size_t i;

	EACH_EPISODE(c, x, e) {
		if (strcmp(e->start, x->today) > 0)
			flag(out, d, c, AT("care_episode", e->id, "start_date"),
			    "episode starts in the future (%s)", e->start);
		if (*e->end && strcmp(e->end, x->today) > 0)
			flag(out, d, c, AT("care_episode", e->id, "end_date"),
			    "episode ends in the future (%s)", e->end);
	}
	for (i = 0; i < c->n_reviews; i++)
		if (strcmp(c->reviews[i].date, x->today) > 0)
			flag(out, d, c, AT("cla_review", c->reviews[i].id,
			    "review_date"), "review recorded as held in the "
			    "future (%s)", c->reviews[i].date);
}

/* Placement types the year's return accepts (rule 146). */
static int
place_valid(const char *place, int year)
{
	static const char *const always[] = { "A3", "A4", "A5", "A6", "K1",
	    "K2", "P1", "P3", "R1", "R2", "R3", "R5", "S1", "T0", "T1", "T2",
	    "T3", "T4", "U1", "U2", "U3", "U4", "U5", "U6", NULL };
	static const char *const z1x[] = { "Z11", "Z12", "Z13", "Z14", NULL };

	if (one_of(place, always))
		return 1;
	if (strcmp(place, "K3") == 0)
		return year >= 2025;
	if (strcmp(place, "H5") == 0 || strcmp(place, "Z1") == 0)
		return year <= 2025;
	if (strcmp(place, "P2") == 0)
		return year <= 2023;
	return one_of(place, z1x) && year >= 2026;
}

static void
placement_code(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	const struct rt_episode *e;

	EACH_EPISODE(c, x, e)
		if (!place_valid(e->place, x->year))
			flag(out, d, c, AT("care_episode", e->id,
			    "placement_type"), "placement type %s is not "
			    "accepted in the %d/%02d return", e->place,
			    x->year - 1, x->year % 100);
}

static int
temporary_or_other(const char *place)
{
	return place[0] == 'T' || place[0] == 'Z';
}

/*
 * The provider a placement type allows: none for temporary and other
 * placements (213), one for the rest (526), parents only for P1 (550),
 * and who cannot provide what (527-531, 529).
 */
static void
provider(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	static const char *const no_pr3[] = { "P1", "A3", "A4", "A5", "A6",
	    "K1", "K2", "U1", "U2", "U3", "U4", "U5", "U6", NULL };
	static const char *const no_pr12[] = { "P1", "R2", "R5", NULL };
	const struct rt_episode *e;

	EACH_EPISODE(c, x, e) {
		struct fix f = AT("care_episode", e->id, "provider");
		const char *pr = e->provider;

		if (temporary_or_other(e->place)) {
			if (*pr)
				checks_flag(out, d, "213", c, f, "placement "
				    "type %s takes no provider (has "
				    "%s)", e->place, pr);
		} else if (*pr == '\0')
			checks_flag(out, d, "526", c, f, "no placement "
			    "provider for a %s placement", e->place);
		else if (strcmp(pr, "PR0") == 0 && strcmp(e->place, "P1") != 0)
			checks_flag(out, d, "550", c, f, "provider PR0 "
			    "(parents) is only for placement type P1, not "
			    "%s", e->place);
		else if (strcmp(pr, "PR3") == 0 && one_of(e->place, no_pr3))
			checks_flag(out, d, "529", c, f, "provider PR3 (other "
			    "public) cannot provide a %s placement", e->place);
		else if ((strcmp(pr, "PR1") == 0 || strcmp(pr, "PR2") == 0) &&
		    one_of(e->place, no_pr12))
			checks_flag(out, d, pr[2] == '1' ? "527" : "528", c, f,
			    "an LA (%s) cannot provide a %s placement", pr,
			    e->place);
		else if ((strcmp(pr, "PR4") == 0 || strcmp(pr, "PR5") == 0) &&
		    strcmp(e->place, "P1") == 0)
			checks_flag(out, d, pr[2] == '4' ? "530" : "531", c, f,
			    "%s cannot provide a placement with parents (P1)",
			    pr);
	}
}

/* An Ofsted URN: SC and 6 digits, 6 or 7 digits, or XXXXXXX. */
static int
urn_shape(const char *u)
{
	size_t n = strlen(u), i, start = 0;

	if (strcmp(u, "XXXXXXX") == 0)
		return 1;
	if (strncmp(u, "SC", 2) == 0)
		start = 2;
	if (n - start < 6 || n - start > 7)
		return 0;
	for (i = start; i < n; i++)
		if (!isdigit((unsigned char)u[i]))
			return 0;
	return 1;
}

static void
urn(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	const struct rt_episode *e;

	EACH_EPISODE(c, x, e) {
		struct fix f = AT("care_episode", e->id, "urn");

		if (ssda903_no_urn(e->place) && *e->urn)
			checks_flag(out, d, "", c, f, "placement type %s takes "
			    "no URN (has %s)", e->place, e->urn);
		else if (!ssda903_no_urn(e->place) && *e->urn == '\0')
			flag(out, d, c, f, "no Ofsted URN for a %s placement "
			    "(XXXXXXX if not registered)", e->place);
		else if (*e->urn && !urn_shape(e->urn))
			checks_flag(out, d, "", c, f, "URN %s is not an Ofsted "
			    "URN",
			    e->urn);
	}
}


static void
postcodes(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	const struct rt_episode *e;
	char pc[9];
	size_t i;
	int home_checked = 0;

	EACH_EPISODE(c, x, e) {
		if (ssda903_short_break(e->ls))
			continue;
		if (*e->postcode == '\0')
			flag(out, d, c, AT("care_episode", e->id,
			    "placement_postcode"), "no placement postcode");
		else if (ident_postcode(e->postcode, pc, NULL) != CD_OK)
			flag(out, d, c, AT("care_episode", e->id,
			    "placement_postcode"), "placement postcode %s is "
			    "not a postcode", e->postcode);
		if (home_checked++)
			continue;
		/* The home when care began, from the address history. */
		for (i = 0; i < c->n_periods; i++)
			if (c->periods[i].id == e->period &&
			    *ssda903_home_postcode(c, c->periods[i].start) ==
			    '\0')
				flag(out, d, c, START("address"), "no home "
				    "address on %s, when care began: add the "
				    "address history", c->periods[i].start);
	}
}

static void
place_change(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	const struct rt_episode *e;
	size_t j;

	EACH_EPISODE(c, x, e) {
		const struct rt_episode *next = NULL;

		for (j = 0; j < c->n_eps; j++)
			if (c->eps[j].period == e->period && *e->end &&
			    strcmp(c->eps[j].start, e->end) == 0 &&
			    &c->eps[j] != e)
				next = &c->eps[j];
		if (*e->end == '\0' && *e->rpc)
			flag(out, d, c, AT("care_episode", e->id,
			    "reason_change"), "an open episode has a reason "
			    "for placement change");
		else if (next != NULL && strchr("PBTU", next->rne[0]) &&
		    e->place[0] != 'T' && *e->rpc == '\0')
			checks_flag(out, d, "", c, AT("care_episode", e->id,
			    "reason_change"), "the placement changed on %s: "
			    "record why on the episode that ended", e->end);
	}
}

static void
need(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	const struct rt_episode *e;

	EACH_EPISODE(c, x, e)
		if (*e->cin == '\0')
			flag(out, d, c, AT("care_episode", e->id,
			    "category_of_need"), "no category of need (N1 to "
			    "N8) on the episode from %s", e->start);
}

static void
youth_status(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	const struct rt_episode *e;

	EACH_EPISODE(c, x, e)
		if (e->ls[0] == 'J' && returns_age(c->dob, e->start) < 10)
			flag(out, d, c, AT("care_episode", e->id,
			    "legal_status"), "legal status %s is not possible "
			    "for a child under 10", e->ls);
}

/* While a Deprivation of Liberty Order is in force (rules 700-710). */
static void
dolo(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	static const char *const fit[] = { "K2", "Z12", "Z13", NULL };
	const struct rt_episode *e;
	size_t j;

	EACH_EPISODE(c, x, e)
		for (j = 0; j < c->n_dolos; j++) {
			const struct rt_period *o = &c->dolos[j];

			if (returns_overlaps(o->start, o->end, e->start,
			    *e->end ? e->end : x->to) && !one_of(e->place, fit)) {
				flag(out, d, c, AT("care_episode", e->id,
				    "placement_type"), "a deprivation of "
				    "liberty "
				    "order from %s: the placement is %s, not "
				    "K2, Z12 or Z13", o->start, e->place);
				break;
			}
		}
}

/* ---- reviews, visits, health ---- */

static void
review_code(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	static const char *const pn_codes[] = { "PN0", "PN1", "PN2", "PN3",
	    "PN4", "PN5", "PN6", "PN7", NULL };
	size_t i;

	for (i = 0; i < c->n_reviews; i++) {
		const struct rt_review *r = &c->reviews[i];
		int age = returns_age(c->dob, r->date);

		if (!returns_overlaps(r->date, r->date, x->from, x->to))
			continue;
		if (!one_of(r->pn, pn_codes))
			checks_flag(out, d, "167", c, AT("cla_review", r->id,
			    "participation"), "review on %s has no "
			    "participation code (PN0 to PN7)%s%s", r->date,
			    *r->pn ? ": not " : "", r->pn);
		else if ((strcmp(r->pn, "PN0") == 0) != (age < 4))
			checks_flag(out, d, age < 4 ? "441" : "440", c,
			    AT("cla_review", r->id,
			    "participation"), "%s at a review of a child aged "
			    "%d: PN0 is for, and only for, under-4s", r->pn,
			    age);
	}
}

/* The review dates held during one period of care, in order. */
static int
by_date(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
review_time(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	size_t i, j, n;
	const char **held;

	if (x->cal == NULL)
		return;
	held = xcalloc(c->n_reviews + 1, sizeof *held);
	for (i = 0; i < c->n_periods; i++) {
		const struct rt_period *p = &c->periods[i];
		const char *until = *p->end && strcmp(p->end, x->to) < 0 ?
		    p->end : x->to;
		long due, stop;
		int k;

		if (!returns_overlaps(p->start, p->end, x->from, x->to))
			continue;
		if (strcmp(until, x->today) > 0)
			until = x->today;
		stop = day_of(until);
		for (j = n = 0; j < c->n_reviews; j++)
			if (*c->reviews[j].date && strcmp(c->reviews[j].date,
			    p->start) >= 0 && (*p->end == '\0' ||
			    strcmp(c->reviews[j].date, p->end) <= 0))
				held[n++] = c->reviews[j].date;
		if (n > 1)
			qsort(held, n, sizeof *held, by_date);
		/* 20 working days, then 3 months, then every 6 months. */
		due = calendar_add_workdays(x->cal, day_of(p->start), 20);
		for (k = 0; due <= stop; k++) {
			char dd[11];

			calendar_date(due, dd);
			if ((size_t)k >= n || strcmp(held[k], dd) > 0) {
				if (strcmp(dd, x->from) >= 0)
					flag(out, d, c, START("cla-review"),
					    "review %s was due by %s%s%s",
					    k == 0 ? "1" : k == 1 ? "2" : "3+",
					    dd, (size_t)k < n ? "; held " : "",
					    (size_t)k < n ? held[k] : "");
				break;
			}
			due = calendar_add_months(day_of(held[k]), k == 0 ?
			    3 : 6);
		}
	}
	free(held);
}

static void
visit_time(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	const struct rt_episode *e;
	size_t j;

	EACH_EPISODE(c, x, e) {
		const char *until = *e->end && strcmp(e->end, x->today) < 0 ?
		    e->end : x->today;
		long last = day_of(e->start), stop = day_of(until), gap;
		int first = strchr("SPUBT", e->rne[0]) != NULL;

		if (ssda903_short_break(e->ls))
			continue;
		/* Within a week of a new placement, then 6-weekly. */
		for (;;) {
			long next = 0;

			for (j = 0; j < c->n_visits; j++) {
				long v = day_of(c->visits[j].date);

				if (strcmp(c->visits[j].kind, "cla") == 0 &&
				    v > last && v <= stop && (next == 0 ||
				    v < next))
					next = v;
			}
			gap = first ? 7 : 42;
			if ((next ? next : stop) - last > gap) {
				char dd[11];

				calendar_date(last + gap, dd);
				if (strcmp(dd, x->from) >= 0 &&
				    strcmp(dd, x->to) <= 0)
					flag(out, d, c, START("visit"), "a "
					    "visit was due by %s "
					    "(%s)", dd, first ?
					    "within a week of the placement" :
					    "6-weekly");
				break;
			}
			if (next == 0)
				break;
			last = next;
			first = 0;
		}
	}
}

/*
 * Whether a health fact of kind is dated in the 12 months up to the end of
 * the year, or up to today while the year is still running.
 */
static int
health_in_year(const struct rt_child *c, const char *kind,
    const struct check_ctx *x)
{
	const char *end = strcmp(x->today, x->to) < 0 ? x->today : x->to;
	char from[RT_DATE];
	size_t i;

	calendar_date(calendar_add_months(day_of(end), -12) + 1, from);
	for (i = 0; i < c->n_health; i++)
		if (strcmp(c->health[i].kind, kind) == 0 &&
		    returns_overlaps(c->health[i].date, c->health[i].date,
		    from, end))
			return 1;
	return 0;
}

static void
oc2(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	if (!ssda903_oc2_cohort(c, x->year))
		return;
	if (!health_in_year(c, "health-assessment", x))
		flag(out, d, c, START("health"), "in care a year or more but "
		    "no health assessment in the last 12 months");
	if (!health_in_year(c, "dental", x))
		flag(out, d, c, START("health"), "in care a year or more but "
		    "no dental check in the last 12 months");
}

/* ---- social worker episodes, care leavers, adoption, permanence ---- */

static void
sw_episodes(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	size_t i;
	int open_at_end = 0;

	if (!lac(c, x))
		return;
	for (i = 0; i < c->n_allocs; i++) {
		const struct rt_alloc *a = &c->allocs[i];

		if (strcmp(a->role, "social-worker") != 0 ||
		    !returns_overlaps(a->start, a->end, x->from, x->to))
			continue;
		if (*a->swe == '\0')
			flag(out, d, c, AT("allocation", a->id, "swe_number"),
			    "no Social Work England number for %s (SW..., or "
			    "XX... for agency staff)", a->worker);
		else if (strncmp(a->swe, "SW", 2) != 0 &&
		    strncmp(a->swe, "XX", 2) != 0)
			flag(out, d, c, AT("allocation", a->id, "swe_number"),
			    "%s's number %s starts neither SW nor "
			    "XX", a->worker,
			    a->swe);
		open_at_end |= returns_overlaps(a->start, a->end, x->to,
		    x->to);
	}
	if (!open_at_end && ssda903_looked_after(c, x->to, x->to))
		checks_flag(out, d, "", c, START("allocation"), "looked after "
		    "on %s with no allocated social worker", x->to);
}

static void
care_leaver(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	const struct rt_leaver *l = NULL;
	int age = returns_age(c->dob, x->to);
	size_t i;

	for (i = 0; i < c->n_leavers; i++)
		if (strcmp(c->leavers[i].date, x->to) <= 0 && (l == NULL ||
		    strcmp(c->leavers[i].date, l->date) >= 0))
			l = &c->leavers[i];
	if (l == NULL || age < 17 || age > 21)
		return;
	if (*l->in_touch == '\0')
		flag(out, d, c, AT("care_leaver", l->id, "in_touch"), "care "
		    "leaver aged %d: record whether we are in touch", age);
	else if (strcmp(l->in_touch, "YES") == 0 && *l->activity == '\0')
		flag(out, d, c, AT("care_leaver", l->id, "activity"), "in "
		    "touch but no main activity recorded");
	else if (strcmp(l->in_touch, "YES") == 0 && *l->accom == '\0')
		flag(out, d, c, AT("care_leaver", l->id, "accommodation"), "in "
		    "touch but no accommodation recorded");
	else if ((strcmp(l->accom, "S") == 0 || strcmp(l->accom, "X") == 0) &&
	    l->suitable > 0)
		flag(out, d, c, AT("care_leaver", l->id,
		    "accommodation_suitable"), "accommodation %s cannot be "
		    "recorded as suitable", l->accom);
}

static void
adoption(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	const struct rt_episode *e;

	EACH_EPISODE(c, x, e) {
		const struct rt_perm *p;

		if (strcmp(e->rec, "E11") != 0 && strcmp(e->rec, "E12") != 0)
			continue;
		if (c->n_perms == 0) {
			flag(out, d, c, START("adoption-decision"), "adopted "
			    "on %s but no adoption decisions are recorded",
			    e->end);
			continue;
		}
		p = &c->perms[c->n_perms - 1];
		if (*p->shobpa == '\0' || *p->matched == '\0')
			flag(out, d, c, AT("permanence", p->id, *p->shobpa ?
			    "matched_date" : "shobpa_date"), "adopted: the "
			    "should-be-placed decision and matching dates are "
			    "both needed");
		else if (p->count < 1 || *p->sex == '\0' || *p->status == '\0')
			flag(out, d, c, AT("permanence", p->id, p->count < 1 ?
			    "adopter_count" : *p->sex ? "adopter_status" :
			    "adopter_sex"), "adopted: record the number, sex "
			    "and legal status of the adopters");
		else if ((p->count == 1) != (strcmp(p->status, "L0") == 0) ||
		    (p->count == 1) != (strlen(p->sex) == 2 && p->sex[1] == '1'))
			flag(out, d, c, AT("permanence", p->id,
			    "adopter_status"), "%d adopter(s), %s, %s do not "
			    "agree", p->count, p->sex, p->status);
	}
}

static void
prev_perm(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	size_t i;

	for (i = 0; i < c->n_periods; i++) {
		const struct rt_period *p = &c->periods[i];

		if (!returns_overlaps(p->start, p->start, x->from, x->to))
			continue;
		if (*p->prev_perm == '\0')
			flag(out, d, c, AT("care_period", p->id, "prev_perm"),
			    "care began %s: record any previous permanence "
			    "order (Z1 if none or not known)", p->start);
		else if (strcmp(p->prev_perm, "Z1") != 0 &&
		    (*p->prev_la == '\0' || *p->prev_date == '\0'))
			flag(out, d, c, AT("care_period", p->id, *p->prev_la ?
			    "prev_perm_date" : "prev_perm_la"), "previous "
			    "permanence %s needs the LA and the date of the "
			    "order", p->prev_perm);
	}
}

static void
uasc(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	char eighteen[24];

	if (!c->uasc || !lac(c, x) || strlen(c->dob) != 10)
		return;
	snprintf(eighteen, sizeof eighteen, "%04d%s", atoi(c->dob) + 18,
	    c->dob + 4);
	if (*c->uasc_end == '\0' && strcmp(eighteen, x->to) <= 0)
		flag(out, d, c, PERSON(c, "uasc_end_date"), "UASC status "
		    "ended by the 18th birthday (%s) at the latest: record the "
		    "date", eighteen);
	else if (*c->uasc_end && strcmp(c->uasc_end, eighteen) > 0)
		flag(out, d, c, PERSON(c, "uasc_end_date"), "UASC status "
		    "cannot last past the 18th birthday (%s)", eighteen);
}

/* ---- the CIN census ---- */

/* Whether a referral is in the census year. */
#define EACH_REFERRAL(c, x, r) \
	for (size_t i_ = 0; i_ < (c)->n_refs; i_++) \
		if (((r) = &(c)->refs[i_]) && returns_overlaps((r)->date, \
		    (r)->closed, (x)->from, (x)->to))

static void
primary_need(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	const struct rt_referral *r;

	EACH_REFERRAL(c, x, r)
		if (r->nfa <= 0 && *r->need == '\0')
			flag(out, d, c, AT("referral", r->id, "primary_need"),
			    "referral of %s (not NFA) has no primary need code",
			    r->date);
}

static void
closure(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	const struct rt_referral *r;

	EACH_REFERRAL(c, x, r) {
		if (strcmp(r->closed, x->to) > 0)
			continue;	/* closed after the year: not in it */
		if (*r->closed && *r->reason == '\0')
			flag(out, d, c, AT("referral", r->id, "closure_reason"),
			    "closed on %s without a reason (RC1 to RC9)",
			    r->closed);
		else if (*r->closed == '\0' && *r->reason)
			checks_flag(out, d, "8810", c,
			    AT("referral", r->id, "closure_date"),
			    "a reason for closure (%s) but no closure date",
			    r->reason);
	}
}

/* One row started after the referral it belongs to was closed. */
static void
late(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out, int64_t referral,
    const char *start, struct fix f, const char *what)
{
	int o = cinxml_owner(c, referral, start);
	const struct rt_referral *r = o >= 0 ? &c->refs[o] : NULL;

	if (r != NULL && *r->closed && returns_overlaps(r->date, r->closed,
	    x->from, x->to) && strcmp(start, r->closed) > 0)
		flag(out, d, c, f, "%s on %s, after its referral closed on %s",
		    what, start, r->closed);
}

static void
after_closure(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	size_t i;

	for (i = 0; i < c->n_assessments; i++)
		late(d, c, x, out, c->assessments[i].referral,
		    c->assessments[i].start, AT("assessment",
		    c->assessments[i].id, "start_date"), "assessment started");
	for (i = 0; i < c->n_s47s; i++)
		late(d, c, x, out, c->s47s[i].referral, c->s47s[i].start,
		    AT("s47_enquiry", c->s47s[i].id, "start_date"),
		    "section 47 enquiry started");
	for (i = 0; i < c->n_cinplans; i++)
		late(d, c, x, out, c->cinplans[i].referral,
		    c->cinplans[i].start, AT("cin_plan", c->cinplans[i].id,
		    "start_date"), "CIN plan started");
	for (i = 0; i < c->n_cpplans; i++)
		late(d, c, x, out, c->cpplans[i].referral, c->cpplans[i].start,
		    AT("cp_plan", c->cpplans[i].id, "start_date"),
		    "CP plan started");
}

static void
plan_icpc(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	size_t i, j;

	for (i = 0; i < c->n_cpplans; i++) {
		const struct rt_cpplan *p = &c->cpplans[i];
		int found = 0;

		if (!returns_overlaps(p->start, p->end, x->from, x->to) ||
		    strcmp(p->start, x->from) < 0)
			continue;
		for (j = 0; j < c->n_confs; j++)
			found |= strcmp(c->confs[j].kind, "review") != 0 &&
			    strcmp(c->confs[j].date, p->start) == 0;
		if (!found)
			flag(out, d, c, AT("cp_plan", p->id, "start_date"),
			    "CP plan starts %s but no initial conference was "
			    "held that day", p->start);
	}
}

static void
plans_overlap(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	size_t i, j;

	for (i = 0; i < c->n_cinplans; i++) {
		const struct rt_cinplan *a = &c->cinplans[i];

		if (!returns_overlaps(a->start, a->end, x->from, x->to))
			continue;
		for (j = 0; j < c->n_cpplans; j++) {
			const struct rt_cpplan *b = &c->cpplans[j];
			const char *aend = *a->end ? a->end : "9999-12-31";
			const char *bend = *b->end ? b->end : "9999-12-31";

			/* Ending one as the other starts is allowed. */
			if (strcmp(a->start, bend) < 0 &&
			    strcmp(b->start, aend) < 0)
				checks_flag(out, d, *a->end || *b->end ? "" :
				    "4001", c, AT("cin_plan", a->id,
				    "end_date"), "CIN plan from %s overlaps "
				    "the CP plan from %s: end one as the other "
				    "starts", a->start, b->start);
		}
	}
}

static void
factors(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	size_t i;

	for (i = 0; i < c->n_assessments; i++) {
		const struct rt_assessment *a = &c->assessments[i];
		struct fix f = AT("assessment", a->id, "factors");

		if (!returns_overlaps(a->start, a->authorised, x->from, x->to) ||
		    *a->factors == '\0')
			continue;
		if (*a->authorised == '\0')
			flag(out, d, c, f, "factors recorded on an assessment "
			    "not yet authorised");
		else if (strstr(a->factors, "21") != NULL &&
		    strchr(a->factors, ',') != NULL)
			checks_flag(out, d, "8869", c, f, "factor 21 (no "
			    "factors) cannot go with others (%s)", a->factors);
	}
}

static void
icpc_time(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	size_t i, j;

	if (x->cal == NULL)
		return;
	for (i = 0; i < c->n_s47s; i++) {
		const struct rt_s47 *s = &c->s47s[i];
		const char *held = "";
		long days;

		if (s->not_required > 0 || !cinxml_s47_in(c, s,
		    cinxml_owner(c, s->referral, s->start), x->from, x->to))
			continue;
		for (j = 0; j < c->n_confs; j++)
			if (strcmp(c->confs[j].kind, "initial") == 0 &&
			    strcmp(c->confs[j].date, s->start) >= 0 &&
			    (*held == '\0' || strcmp(c->confs[j].date, held) <
			    0))
				held = c->confs[j].date;
		days = calendar_workdays_between(x->cal, day_of(s->start),
		    day_of(*held ? held : x->today));
		if (days > 15)
			flag(out, d, c, *held ? AT("s47_enquiry", s->id,
			    "start_date") : START("icpc"), "initial "
			    "conference %s%s, %ld working days after the "
			    "section 47 began (15 at most)", *held ? "held " :
			    "not yet held", held, days);
	}
}

static void
assessment_time(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	size_t i;

	if (x->cal == NULL)
		return;
	for (i = 0; i < c->n_assessments; i++) {
		const struct rt_assessment *a = &c->assessments[i];
		long days;

		if (!returns_overlaps(a->start, a->authorised, x->from, x->to))
			continue;
		days = calendar_workdays_between(x->cal, day_of(a->start),
		    day_of(*a->authorised ? a->authorised : x->today));
		if (days > 45)
			flag(out, d, c, AT("assessment", a->id,
			    "authorised_date"), "assessment of %s %s %ld "
			    "working days (45 at most)", a->start,
			    *a->authorised ? "took" : "open for", days);
	}
}

static void
disabilities(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	size_t i, j;

	if (!cinxml_in_scope(c, x->from, x->to))
		return;
	for (i = 0; i < c->n_disabilities; i++) {
		const struct rt_code *a = &c->disabilities[i];

		if (strcmp(a->code, "NONE") == 0 && c->n_disabilities > 1)
			flag(out, d, c, AT("disability", a->id, "code"),
			    "NONE is recorded with other disabilities");
		for (j = 0; j < i; j++)
			if (strcmp(c->disabilities[j].code, a->code) == 0)
				checks_flag(out, d, "8794", c, AT("disability",
				    a->id, "code"), "disability %s is recorded "
				    "twice", a->code);
	}
}

static void
open_once(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	size_t i;
	int refs = 0, cps = 0;

	if (!cinxml_in_scope(c, x->from, x->to))
		return;
	for (i = 0; i < c->n_refs; i++)
		if (*c->refs[i].closed == '\0' && refs++)
			checks_flag(out, d, "", c, AT("referral", c->refs[i].id,
			    "closure_date"), "more than one open referral: "
			    "close the one of %s or the earlier one",
			    c->refs[i].date);
	for (i = 0; i < c->n_cpplans; i++)
		if (*c->cpplans[i].end == '\0' && cps++)
			flag(out, d, c, AT("cp_plan", c->cpplans[i].id,
			    "end_date"), "more than one open CP plan");
}

static void
nfa_upn(const struct check_def *d, const struct rt_child *c,
    const struct check_ctx *x, struct problems *out)
{
	const struct rt_referral *r;

	if (strcmp(c->upn, "UN7") != 0)
		return;
	EACH_REFERRAL(c, x, r)
		if (r->nfa <= 0)
			flag(out, d, c, PERSON(c, "upn"), "UPN unknown as UN7 "
			    "(referral with no further action), but the "
			    "referral of %s went further", r->date);
}

static const struct check_def checks[] = {
	{ "UPN", "both", "209 442", 0, 0, 0, NULL, "UPN or why it is "
	    "unknown", upn },
	{ "ETHNIC", "both", "", 0, 0, 0, NULL, "ethnicity "
	    "recorded", ethnicity },
	{ "DOB", "903", "", 0, 0, 0, NULL, "date of birth, before care", dob },
	{ "903-JOIN", "903", "", 0, 0, 0, NULL, "episodes join "
	    "up", episodes_join },
	{ "903-FUTURE", "903", "", 0, 0, 0, NULL, "no dates in the "
	    "future", future },
	{ "903-PLACE", "903", "146", 0, 0, 0, NULL, "placement type valid for "
	    "the year",
	    placement_code },
	{ "903-PROVIDER", "903", "213 526 527 528 529 530 531 "
	    "550", 0, 0, 0, NULL, "provider fits the placement",
	    provider },
	{ "903-URN", "903", "218", 0, 0, 0, NULL, "Ofsted URN where one is "
	    "needed",
	    urn },
	{ "903-POSTCODE", "903", "", 0, 0, 0, NULL, "home and placement "
	    "postcodes",
	    postcodes },
	{ "903-RPC", "903", "", 0, 0, 0, NULL, "reason for placement change",
	    place_change },
	{ "903-CIN", "903", "", 0, 0, 0, NULL, "category of need on every "
	    "episode", need },
	{ "903-DOLO", "903", "709", 0, 2027, 0, NULL, "placement while a "
	    "deprivation of liberty order is in force", dolo },
	{ "903-J", "903", "358", 0, 0, 0, NULL, "youth justice status not "
	    "under 10",
	    youth_status },
	{ "903-PN", "903", "167 440 441", 0, 0, 0, NULL, "review participation "
	    "codes",
	    review_code },
	{ "903-REVIEW", "903", "", 0, 0, 0, NULL, "reviews in time (20 working "
	    "days, 3 months, 6-monthly)", review_time },
	{ "903-VISIT", "903", "", 0, 0, 0, NULL, "visits in time (a week, then "
	    "6-weekly)",
	    visit_time },
	{ "903-OC2", "903", "", 0, 0, 0, NULL, "health assessment and dental "
	    "check after a year in care", oc2 },
	{ "903-SW", "903", "SW02STG1", 0, 0, 0, NULL, "social worker episodes",
	    sw_episodes },
	{ "903-OC3", "903", "", 0, 0, 0, NULL, "care leavers' "
	    "outcomes", care_leaver },
	{ "903-AD1", "903", "", 0, 0, 0, NULL, "adoption details", adoption },
	{ "903-PREVPERM", "903", "630", 0, 0, 0, NULL, "previous permanence at "
	    "entry",
	    prev_perm },
	{ "903-UASC", "903", "", 0, 0, 0, NULL, "UASC end date", uasc },
	{ "CIN-NEED", "CIN", "8610", 0, 0, 0, NULL, "primary need "
	    "code", primary_need },
	{ "CIN-CLOSE", "CIN", "8805 8810", 0, 0, 0, NULL, "closure date with "
	    "reason", closure },
	{ "CIN-AFTER", "CIN", "8565", 0, 0, 0, NULL, "no activity after "
	    "closure",
	    after_closure },
	{ "CIN-CPP", "CIN", "2885", 0, 0, 0, NULL, "CP plan starts at the "
	    "initial conference", plan_icpc },
	{ "CIN-OVERLAP", "CIN", "4001", 0, 0, 0, NULL, "CIN plan and CP plan "
	    "do not overlap", plans_overlap },
	{ "CIN-FACTORS", "CIN", "8614 8869", 0, 0, 0, NULL, "assessment "
	    "factors",
	    factors },
	{ "CIN-ICPC15", "CIN", "", 1, 0, 0, NULL, "initial conference within "
	    "15 working days", icpc_time },
	{ "CIN-ASSESS45", "CIN", "", 1, 0, 0, NULL, "assessment within 45 "
	    "working days", assessment_time },
	{ "CIN-DISAB", "CIN", "8790 8794", 0, 0, 0, NULL, "disability "
	    "codes", disabilities },
	{ "CIN-OPEN", "CIN", "8935", 0, 0, 0, NULL, "one open referral and CP "
	    "plan",
	    open_once },
	{ "CIN-UN7", "CIN", "8772", 0, 0, 0, NULL, "UN7 only with no further "
	    "action",
	    nfa_upn },
	{ "903-CELL", "903", "101 102 103 114 120 131 132 133 141 143 144 145 "
	    "147 149 171 175 176 177 180 196 301 631 700 701 1004 1005 1006 "
	    "1009 166 112 113", 0, 0, 0, "every cell of every "
	    "table", "codes from the DfE's lists, real dates, dates in the "
	    "year", dfe_codes },
	{ "903-SDQ", "903", "186 197B 157", 0, 0, 0, "OC2 SDQ_SCORE "
	    "SDQ_REASON, Header DOB", "the SDQ score or why there is none, by "
	    "age", dfe_oc2 },
	{ "903-SWREASON", "903", "SW01bSTG1 SW13STG1", 0, 0, 0,
	    "SWEpisodes SW_DECOM SW_ID SW_REASON", "a worker's number and a "
	    "reason on every social worker episode", dfe_sw_reason },
	{ "903-OC3CODES", "903", "153 345 215 134 187 1011 1000 347 "
	    "3001 1007 1016 348 1001", 0, 0, 0, "OC3 IN_TOUCH ACTIV "
	    "ACCOM", "care leavers' activity and accommodation agree with "
	    "being in touch", dfe_oc3 },
	{ "903-PLACED", "903", "553 557", 0, 0, 0, "Episodes LS PLACE REC, "
	    "PlacedAdoption DATE_PLACED_CEASED REASON_PLACED_CEASED",
	    "placement orders and the decision to place for adoption",
	    dfe_placed_adoption },
	{ "903-OWN", "903", "1015", 0, 0, 0, "Episodes PLACE PLACE_PROVIDER "
	    "LS PL_POST", "own provision inside the borough",
	    dfe_own_provision },
	{ "903-AGE", "903", "371 373", 0, 0, 0, "Episodes PLACE DECOM, "
	    "Header DOB", "placement types that fit the child's age",
	    dfe_place_age },
	{ "903-EPFIELDS", "903", "148 355 356 353 446 380 381 382 214 366 384 "
	    "217 378 390 408 516 392d 178 392b 551 454", 0, 0, 0, "Episodes "
	    "DECOM DEC RNE LS "
	    "PLACE REC PL_POST HOME_POST URN", "each episode's fields agree",
	    dfe_episode_fields },
	{ "903-EPAGES", "903", "302 352 359 372 374 386 387 389 407 460 234 "
	    "580", 0,
	    0, 0, "Episodes DECOM DEC RNE LS PLACE REC, Header DOB", "the "
	    "child's age when an episode starts or ends", dfe_episode_ages },
	{ "903-EPLENGTH", "903", "375 376 377 379 361 362 363 364 365 367 "
	    "426", 0, 0,
	    0, "Episodes DECOM DEC LS PLACE", "short placements and orders "
	    "within their limits", dfe_episode_lengths },
	{ "903-EPORDER", "903", "142 501 431 432 433 434 435 436 437 504 357 "
	    "225 226 336 199 388 383", 0, 0, 0, "Episodes DECOM DEC RNE LS CIN "
	    "PLACE "
	    "PLACE_PROVIDER PL_POST URN REC REASON_PLACE_CHANGE", "how one "
	    "episode follows another", dfe_episode_order },
	{ "903-HEADER", "903", "168 232 351 620 621 625 210 231", 0, 0, 0,
	    "Header SEX DOB UPN MOTHER MC_DOB, Episodes DECOM DEC", "the "
	    "child's identifiers, and a mother's child", dfe_header },
	{ "903-UPNTWICE", "903", "444", 0, 0, 0, "Header UPN (the whole "
	    "return)", "no UPN on two children", NULL },
	{ "903-MISSING", "903", "565 566 567 574 575 577 578 581 586", 0, 0,
	    0, "Missing MISSING MIS_START MIS_END, Episodes DECOM DEC",
	    "missing periods one at a time and while looked after",
	    dfe_missing },
	{ "903-PREVPERMROW", "903", "632 633 635 INT35", 0, 0, 0, "PrevPerm "
	    "PREV_PERM LA_PERM DATE_PERM, Episodes DECOM", "previous "
	    "permanence as written", dfe_prevperm },
	{ "903-AD1ROW", "903", "151 331 333 334 335 511 514 517 518 519 520 "
	    "521 523 524 582 601", 0, 0, 0, "AD1 every column, Episodes DECOM "
	    "RNE PLACE "
	    "REC", "adoptions: dates in order, adopters that agree", dfe_ad1 },
	{ "903-PLACEDROW", "903", "115 116 117 118 119 184 522 552 554 558 "
	    "579 583 1003", 0, 0, 0, "PlacedAdoption every column, "
	    "Episodes DECOM DEC LS PLACE RNE REC, AD1", "decisions to place "
	    "for adoption in order", dfe_placed },
	{ "903-SWROW", "903", "SW01aSTG1 SW04STG1 SW05STG1 SW09STG2 SW10STG2 "
	    "SW11bSTG2 SW12STG2 SW17STG2", 0, 0, 0, "SWEpisodes SW_ID "
	    "SW_DECOM SW_DEC SW_REASON", "social worker episodes that follow "
	    "each other", dfe_sw },
	{ "903-DOLOROW", "903", "702 705 707 708 710", 0, 2027, 0, "DoLo "
	    "DOLO_START DOLO_END, Episodes DECOM DEC PLACE", "deprivation of "
	    "liberty orders in order and in care", dfe_dolo },
	{ "903-UASCROW", "903", "104 304 205B", 0, 0, 0, "UASC DUC, Header DOB",
	    "when UASC status ended", dfe_uasc },
	{ "CIN-CHILD", "CIN", "1510 1530 1540 1550 1560Q 4180 8520 8525Q "
	    "8530Q 8535Q 8545Q 8770Q 8775Q 4220 8540", 0, 0, 0,
	    "ChildIdentifiers, ChildCharacteristics, Disabilities, CINdetails "
	    "ReferralNFA", "the child's identifiers and characteristics",
	    cin_child },
	{ "CIN-EPISODE", "CIN", "8555Q 8569Q 8585Q 8606 8630 8640 8650 8866 "
	    "2990 8825Q 8867 8868 4000 8831 8832 2991Q 1103 8608 8670Q 8736 "
	    "8863Q 8896 8897Q 8898 8945Q 8950Q 4015 4011 4012Q 4008 4009Q "
	    "4004 2889 1104 8615 8675Q 8740 8870Q 8875 8890 8839 1105 8840 "
	    "8925 "
	    "8905 8910 8915 8920 8841", 0, 0, 0, "CINdetails and everything "
	    "under it", "each CIN episode as the census carries it",
	    cin_episodes },
	{ "CIN-ACROSS", "CIN", "8815 8816 8820 4014 8940 4016 4017 4003", 0,
	    0, 0,
	    "CINdetails CINreferralDate CINclosureDate ReferralNFA, "
	    "CINPlanDates, ChildProtectionPlans", "episodes and plans that do "
	    "not overlap", cin_across },
	{ "CIN-UPNTWICE", "CIN", "1520", 0, 0, 0, "ChildIdentifiers UPN (the "
	    "whole return)", "no UPN on two children", NULL },
	{ "CIN-CONFCOUNT", "CIN", "2883", 0, 0, 0, "CINdetails and Section47 "
	    "DateOfInitialCPC, CPPstartDate (the whole return)", "a "
	    "conference for each new CP plan", NULL },
	{ "CIN-SEXUNKNOWN", "CIN", "2886Q", 1, 0, 0, "ChildIdentifiers Sex "
	    "(the whole return)", "sex known for most children", NULL },
	{ "CIN-NOFACTORS", "CIN", "8873Q", 1, 0, 0, "Assessments "
	    "AssessmentFactors, CINdetails ReasonForClosure", "closure "
	    "reasons that fit an assessment with no factors", cin_no_factors },
	{ "CIN-DISABALL", "CIN", "2887Q 2888Q", 1, 0, 0, "Disabilities "
	    "Disability", "disabilities recorded across the census (the "
	    "whole return)", NULL },
};

const struct check_def *
checks_all(size_t *n)
{
	*n = sizeof checks / sizeof checks[0];
	return checks;
}

/* Append a problem found by check d (see checks_int.h). */
void
checks_flag(struct problems *out, const struct check_def *d, const char *dfe,
    const struct rt_child *c, struct fix f, const char *fmt, ...)
{
	struct problem *p = returns_push(&out->p, &out->n, sizeof *out->p);
	va_list ap;

	p->person = c ? c->id : 0;
	snprintf(p->name, sizeof p->name, "%s", c ? c->name : "");
	p->rule = d->id;
	if (dfe == NULL)
		snprintf(p->dfe, sizeof p->dfe, "%.*s",
		    (int)strcspn(d->dfe, " "), d->dfe);
	else
		snprintf(p->dfe, sizeof p->dfe, "%s", dfe);
	p->query = *p->dfe ? p->dfe[strlen(p->dfe) - 1] == 'Q' : d->query;
	p->entity = f.entity;
	p->row = f.row;
	p->field = f.field;
	p->form = f.form;
	va_start(ap, fmt);
	vsnprintf(p->msg, sizeof p->msg, fmt, ap);
	va_end(ap);
}

void
checks_ctx_init(struct check_ctx *x, int year, const char *today,
    const struct calendar *cal)
{
	memset(x, 0, sizeof *x);
	x->year = year;
	returns_year(year, x->from, x->to);
	snprintf(x->today, sizeof x->today, "%s", today);
	x->cal = cal;
}

/* Whether check d applies to the collection year. */
static int
in_years(const struct check_def *d, int year)
{
	return (d->from == 0 || year >= d->from) && (d->until == 0 ||
	    year <= d->until);
}

void
checks_child(const struct rt_child *c, const struct check_ctx *x,
    struct problems *out)
{
	struct ssda903_rows rows = { NULL, 0 }, last = { NULL, 0 };
	struct check_ctx y = *x;
	size_t i;

	/* Last year's as the DfE holds them: written from the same record. */
	ssda903_child(c, x->year, &rows);
	ssda903_child(c, x->year - 1, &last);
	y.rows = &rows;
	y.last = &last;
	for (i = 0; i < sizeof checks / sizeof checks[0]; i++)
		if (checks[i].run != NULL && in_years(&checks[i], x->year))
			checks[i].run(&checks[i], c, &y, out);
	ssda903_rows_free(&rows);
	ssda903_rows_free(&last);
}

void
checks_return(const struct rt_set *s, const struct check_ctx *x, int which,
    struct problems *out)
{
	size_t i;

	for (i = 0; i < sizeof checks / sizeof checks[0]; i++) {
		if (checks[i].run != NULL)
			continue;
		if ((which & CHECKS_CIN) &&
		    strcmp(checks[i].id, "CIN-DISABALL") == 0)
			cin_disability_spread(&checks[i], s, x, out);
		if ((which & CHECKS_SSDA903) &&
		    strcmp(checks[i].id, "903-UPNTWICE") == 0)
			dfe_upn_twice(&checks[i], s, x, out);
		if ((which & CHECKS_CIN) &&
		    strcmp(checks[i].id, "CIN-UPNTWICE") == 0)
			cin_upn_twice(&checks[i], s, x, out);
		if ((which & CHECKS_CIN) &&
		    strcmp(checks[i].id, "CIN-CONFCOUNT") == 0)
			cin_plans_conferences(&checks[i], s, x, out);
		if ((which & CHECKS_CIN) &&
		    strcmp(checks[i].id, "CIN-SEXUNKNOWN") == 0)
			cin_sex_unknown(&checks[i], s, x, out);
	}
}

int
checks_implements(const struct check_def *d, const char *code)
{
	size_t n = strlen(code);
	const char *p = d->dfe;

	while (*p) {
		size_t w = strcspn(p, " ");

		if (w == n && strncmp(p, code, n) == 0)
			return 1;
		p += w;
		p += strspn(p, " ");
	}
	return 0;
}

size_t
checks_count_dfe(const struct problems *ps, const char *code)
{
	size_t i, n = 0;

	for (i = 0; i < ps->n; i++)
		n += strcmp(ps->p[i].dfe, code) == 0;
	return n;
}

size_t
checks_count(const struct problems *ps, const char *rule)
{
	size_t i, n = 0;

	for (i = 0; i < ps->n; i++)
		n += strcmp(ps->p[i].rule, rule) == 0;
	return n;
}

void
checks_fini(struct problems *ps)
{
	free(ps->p);
	memset(ps, 0, sizeof *ps);
}
