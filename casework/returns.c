#include "config.h"

#include "casework/returns.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xmem.h"
#include "store/record.h"
#include "store/returns.h"

/* How one record field lands in a typed row: text, or an integer. */
enum rt_kind { RK_TEXT, RK_INT, RK_ID };

struct rt_field {
	const char *field;
	enum rt_kind kind;
	size_t off, size;
};

#define T(type, f, member) { f, RK_TEXT, offsetof(struct type, member), \
	sizeof ((struct type *)0)->member }
#define I(type, f, member) { f, RK_INT, offsetof(struct type, member), 0 }
#define D(type, f, member) { f, RK_ID, offsetof(struct type, member), 0 }

static const struct rt_field m_episode[] = {
	D(rt_episode, "care_period_id", period),
	T(rt_episode, "start_date", start), T(rt_episode, "end_date", end),
	T(rt_episode, "legal_status", ls),
	T(rt_episode, "placement_type", place),
	T(rt_episode, "provider", provider),
	T(rt_episode, "placement_postcode", postcode),
	T(rt_episode, "urn", urn), T(rt_episode, "reason_new", rne),
	T(rt_episode, "reason_ceased", rec),
	T(rt_episode, "reason_change", rpc),
	T(rt_episode, "category_of_need", cin), { NULL, 0, 0, 0 }
};
static const struct rt_field m_period[] = {
	T(rt_period, "start_date", start), T(rt_period, "end_date", end),
	T(rt_period, "prev_perm", prev_perm),
	T(rt_period, "prev_perm_la", prev_la),
	T(rt_period, "prev_perm_date", prev_date), { NULL, 0, 0, 0 }
};
static const struct rt_field m_review[] = {
	T(rt_review, "due_date", due), T(rt_review, "review_date", date),
	T(rt_review, "participation", pn), { NULL, 0, 0, 0 }
};
static const struct rt_field m_missing[] = {
	T(rt_missing, "kind", kind), T(rt_missing, "start_date", start),
	T(rt_missing, "end_date", end),
	I(rt_missing, "rhi_offered", rhi_offered),
	I(rt_missing, "rhi_accepted", rhi_accepted), { NULL, 0, 0, 0 }
};
static const struct rt_field m_perm[] = {
	T(rt_perm, "shobpa_date", shobpa),
	T(rt_perm, "placement_order_date", order),
	T(rt_perm, "matched_date", matched), T(rt_perm, "placed_date", placed),
	T(rt_perm, "adoption_order_date", adopted),
	T(rt_perm, "reversed_date", reversed),
	T(rt_perm, "reversed_reason", reason), T(rt_perm, "ffa_date", ffa),
	I(rt_perm, "adopted_by_carer", by_carer),
	I(rt_perm, "adopter_count", count),
	T(rt_perm, "adopter_sex", sex), T(rt_perm, "adopter_status", status),
	{ NULL, 0, 0, 0 }
};
static const struct rt_field m_leaver[] = {
	T(rt_leaver, "contact_date", date),
	T(rt_leaver, "eligibility", eligibility),
	T(rt_leaver, "in_touch", in_touch),
	T(rt_leaver, "accommodation", accom),
	I(rt_leaver, "accommodation_suitable", suitable),
	T(rt_leaver, "activity", activity),
	T(rt_leaver, "pathway_plan_review", pathway), { NULL, 0, 0, 0 }
};
static const struct rt_field m_health[] = {
	T(rt_health, "kind", kind), T(rt_health, "fact_date", date),
	T(rt_health, "value", value), { NULL, 0, 0, 0 }
};
static const struct rt_field m_alloc[] = {
	T(rt_alloc, "worker", worker), T(rt_alloc, "team", team),
	T(rt_alloc, "role", role), T(rt_alloc, "swe_number", swe),
	T(rt_alloc, "change_reason", reason),
	T(rt_alloc, "start_date", start), T(rt_alloc, "end_date", end),
	{ NULL, 0, 0, 0 }
};
static const struct rt_field m_referral[] = {
	T(rt_referral, "referral_date", date),
	T(rt_referral, "source", source),
	T(rt_referral, "primary_need", need),
	I(rt_referral, "nfa", nfa),
	T(rt_referral, "closure_date", closed),
	T(rt_referral, "closure_reason", reason), { NULL, 0, 0, 0 }
};
static const struct rt_field m_assessment[] = {
	D(rt_assessment, "referral_id", referral),
	T(rt_assessment, "start_date", start),
	T(rt_assessment, "child_seen_date", seen),
	T(rt_assessment, "completed_date", completed),
	T(rt_assessment, "authorised_date", authorised),
	T(rt_assessment, "factors", factors),
	I(rt_assessment, "outcome_nfa", nfa), { NULL, 0, 0, 0 }
};
static const struct rt_field m_cinplan[] = {
	D(rt_cinplan, "referral_id", referral),
	T(rt_cinplan, "start_date", start), T(rt_cinplan, "end_date", end),
	{ NULL, 0, 0, 0 }
};
static const struct rt_field m_strategy[] = {
	D(rt_strategy, "referral_id", referral),
	T(rt_strategy, "discussion_date", date),
	I(rt_strategy, "s47_decided", s47), { NULL, 0, 0, 0 }
};
static const struct rt_field m_s47[] = {
	D(rt_s47, "referral_id", referral), T(rt_s47, "start_date", start),
	T(rt_s47, "end_date", end),
	I(rt_s47, "icpc_not_required", not_required), { NULL, 0, 0, 0 }
};
static const struct rt_field m_conference[] = {
	D(rt_conference, "referral_id", referral),
	D(rt_conference, "s47_id", s47), D(rt_conference, "cp_plan_id", plan),
	T(rt_conference, "kind", kind),
	T(rt_conference, "target_date", target),
	T(rt_conference, "conference_date", date),
	I(rt_conference, "plan_decided", decided), { NULL, 0, 0, 0 }
};
static const struct rt_field m_cpplan[] = {
	D(rt_cpplan, "referral_id", referral),
	T(rt_cpplan, "start_date", start), T(rt_cpplan, "end_date", end),
	T(rt_cpplan, "initial_category", initial),
	T(rt_cpplan, "latest_category", latest),
	I(rt_cpplan, "previous_plans", previous), { NULL, 0, 0, 0 }
};
static const struct rt_field m_visit[] = {
	T(rt_visit, "kind", kind), T(rt_visit, "visit_date", date),
	I(rt_visit, "seen", seen), I(rt_visit, "seen_alone", alone),
	{ NULL, 0, 0, 0 }
};
static const struct rt_field m_contact[] = {
	T(rt_contact, "contact_date", date), T(rt_contact, "source", source),
	{ NULL, 0, 0, 0 }
};
static const struct rt_field m_address[] = {
	T(rt_address, "postcode", postcode), T(rt_address, "kind", kind),
	T(rt_address, "start_date", start), T(rt_address, "end_date", end),
	{ NULL, 0, 0, 0 }
};
static const struct rt_field m_disability[] = {
	T(rt_code, "code", code), { NULL, 0, 0, 0 }
};
static const struct rt_field m_conviction[] = {
	T(rt_code, "conviction_date", date), { NULL, 0, 0, 0 }
};
static const struct rt_field m_dolo[] = {
	T(rt_period, "start_date", start), T(rt_period, "end_date", end),
	{ NULL, 0, 0, 0 }
};
static const struct rt_field m_household[] = {
	T(rt_household, "enquiry_date", enquiry),
	T(rt_household, "stage1_start", s1_start),
	T(rt_household, "stage1_end", s1_end),
	T(rt_household, "stage2_start", s2_start),
	T(rt_household, "stage2_end", s2_end),
	T(rt_household, "application_date", applied),
	T(rt_household, "approved_date", approved),
	T(rt_household, "left_date", left),
	T(rt_household, "left_reason", left_reason),
	I(rt_household, "ffa", ffa), { NULL, 0, 0, 0 }
};

/* Which entity fills which array of the child. */
#define A(entity, name, type, map) { entity, \
	offsetof(struct rt_child, name), offsetof(struct rt_child, n_##name), \
	sizeof (struct type), map }
static const struct rt_table {
	const char *entity;
	size_t array, count, size;
	const struct rt_field *map;
} tables[] = {
	A("care_episode", eps, rt_episode, m_episode),
	A("care_period", periods, rt_period, m_period),
	A("cla_review", reviews, rt_review, m_review),
	A("missing_episode", missing, rt_missing, m_missing),
	A("permanence", perms, rt_perm, m_perm),
	A("care_leaver", leavers, rt_leaver, m_leaver),
	A("health_fact", health, rt_health, m_health),
	A("allocation", allocs, rt_alloc, m_alloc),
	A("referral", refs, rt_referral, m_referral),
	A("assessment", assessments, rt_assessment, m_assessment),
	A("cin_plan", cinplans, rt_cinplan, m_cinplan),
	A("strategy_discussion", strategies, rt_strategy, m_strategy),
	A("s47_enquiry", s47s, rt_s47, m_s47),
	A("cp_conference", confs, rt_conference, m_conference),
	A("cp_plan", cpplans, rt_cpplan, m_cpplan),
	A("visit", visits, rt_visit, m_visit),
	A("contact", contacts, rt_contact, m_contact),
	A("address", addresses, rt_address, m_address),
	A("disability", disabilities, rt_code, m_disability),
	A("conviction", convictions, rt_code, m_conviction),
	A("dolo", dolos, rt_period, m_dolo),
};
#define NTABLES (sizeof tables / sizeof tables[0])

/* Copy the mapped fields of r into the row at dst (its id first). */
static void
fill(void *dst, const struct rt_field *m, const struct record *r)
{
	char *base = dst;

	*(int64_t *)dst = r->id;
	for (; m->field != NULL; m++) {
		const char *v = store_record_value(r, m->field);

		if (m->kind == RK_TEXT)
			snprintf(base + m->off, m->size, "%s", v ? v : "");
		else if (m->kind == RK_INT)
			*(int *)(base + m->off) = v ? atoi(v) : -1;
		else
			*(int64_t *)(base + m->off) = v ? atoll(v) : 0;
	}
}

void *
returns_push(void *array_ptr, size_t *n, size_t size)
{
	char **a = array_ptr;

	*a = xrealloc(*a, (*n + 1) * size);
	memset(*a + *n * size, 0, size);
	return *a + (*n)++ * size;
}

struct rt_child *
returns_child(const struct rt_set *s, int64_t id)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->c[mid].id == id)
			return &s->c[mid];
		if (s->c[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

struct load {
	struct rt_set *set;
	const struct rt_table *t;
	struct rt_child *last;	/* rows come ordered by person */
};

static int
load_person(const struct record *r, void *arg)
{
	struct load *l = arg;
	struct rt_child *c = returns_push(&l->set->c, &l->set->n, sizeof *c);
	const char *v;

	c->id = r->id;
	snprintf(c->name, sizeof c->name, "%s, %s", store_record_value(r,
	    "family_name") ? store_record_value(r, "family_name") : "",
	    store_record_value(r, "given_names") ? store_record_value(r,
	    "given_names") : "");
#define P(member, field) v = store_record_value(r, field); \
	snprintf(c->member, sizeof c->member, "%s", v ? v : "")
	P(sex, "sex");
	P(dob, "dob");
	P(expected_dob, "expected_dob");
	P(death, "death_date");
	P(upn, "upn");
	P(former_upn, "former_upn");
	P(ethnic, "ethnicity");
	P(uasc_end, "uasc_end_date");
#undef P
	v = store_record_value(r, "uasc");
	c->uasc = v != NULL && *v == '1';
	return 0;
}

static int
load_row(const struct record *r, void *arg)
{
	struct load *l = arg;
	struct rt_child *c = l->last;
	void *row;

	if (c == NULL || c->id != r->person_id)
		c = l->last = returns_child(l->set, r->person_id);
	if (c == NULL)
		return 0;
	row = returns_push((char *)c + l->t->array, (size_t *)((char *)c +
	    l->t->count), l->t->size);
	fill(row, l->t->map, r);
	return 0;
}

static int
load_mother(int64_t person, const char *dob, void *arg)
{
	struct rt_child *c = returns_child(arg, person);

	if (c != NULL)
		snprintf(c->mc_dob, sizeof c->mc_dob, "%s", dob);
	return 0;
}

static int
load_member(const struct record *r, void *arg)
{
	struct load *l = arg;
	struct rt_child *c = returns_child(l->set, r->person_id);
	const char *hh = store_record_value(r, "household_id");

	if (c != NULL && hh != NULL) {
		int64_t *h = returns_push(&c->households, &c->n_households,
		    sizeof *h);
		*h = atoll(hh);
	}
	return 0;
}

static int
load_household(const struct record *r, void *arg)
{
	struct load *l = arg;

	fill(returns_push(&l->set->hh, &l->set->nhh, sizeof *l->set->hh),
	    m_household, r);
	return 0;
}

enum cd_status
returns_load(struct store *st, const struct returns_scope *sc,
    const char *purpose, struct rt_set *out, struct cd_err *err)
{
	struct load l = { out, NULL, NULL };
	enum cd_status code;
	size_t i;

	memset(out, 0, sizeof *out);
	code = store_returns_open(st, sc, purpose, err);
	if (code != CD_OK)
		return code;
	code = store_returns_scan(st, "person", load_person, &l, err);
	for (i = 0; i < NTABLES && code == CD_OK; i++) {
		l.t = &tables[i];
		l.last = NULL;
		code = store_returns_scan(st, tables[i].entity, load_row, &l,
		    err);
	}
	if (code == CD_OK)
		code = store_returns_mothers(st, load_mother, out, err);
	if (code == CD_OK && sc->person == 0)
		code = store_returns_scan(st, "adopter_member", load_member, &l,
		    err);
	if (code == CD_OK && sc->person == 0)
		code = store_returns_scan(st, "adopter_household",
		    load_household, &l, err);
	store_returns_close(st);
	if (code != CD_OK)
		returns_fini(out);
	return code;
}

void
returns_fini(struct rt_set *s)
{
	size_t i, t;

	for (i = 0; i < s->n; i++) {
		struct rt_child *c = &s->c[i];

		for (t = 0; t < NTABLES; t++)
			free(*(void **)((char *)c + tables[t].array));
		free(c->households);
	}
	free(s->c);
	free(s->hh);
	memset(s, 0, sizeof *s);
}

int
returns_age(const char *dob, const char *day)
{
	int y1, m1, d1, y2, m2, d2, age;

	if (dob == NULL || sscanf(dob, "%d-%d-%d", &y1, &m1, &d1) != 3 ||
	    sscanf(day, "%d-%d-%d", &y2, &m2, &d2) != 3)
		return -1;
	age = y2 - y1;
	if (m2 < m1 || (m2 == m1 && d2 < d1))
		age--;
	return age;
}

void
returns_year(int year, char from[RT_DATE], char to[RT_DATE])
{
	unsigned y = (unsigned)year % 10000u;

	snprintf(from, RT_DATE, "%04u-04-01", (y + 9999u) % 10000u);
	snprintf(to, RT_DATE, "%04u-03-31", y);
}

int
returns_overlaps(const char *start, const char *end, const char *from,
    const char *to)
{
	return *start && strcmp(start, to) <= 0 && (*end == '\0' ||
	    strcmp(end, from) >= 0);
}

const char *
returns_dmy(const char *iso, char out[RT_DATE])
{
	if (iso == NULL || strlen(iso) != 10) {
		out[0] = '\0';
		return out;
	}
	snprintf(out, RT_DATE, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
	return out;
}
