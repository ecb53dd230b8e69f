/*
 * The statutory returns' model of the record: each child in scope with
 * the rows the SSDA903, the CIN census and Annex A are computed from,
 * typed (dates as YYYY-MM-DD, codes as recorded) so the writers and the
 * checks read fields, not strings looked up by name. Tests build it by
 * hand; returns_load fills it from the store.
 */
#ifndef CD_CASEWORK_RETURNS_H
#define CD_CASEWORK_RETURNS_H

#include <stddef.h>
#include <stdint.h>

#include "common/status.h"

struct store;
struct returns_scope;

#define RT_DATE 11
#define RT_CODE 8

struct rt_episode {
	int64_t id, period;
	char start[RT_DATE], end[RT_DATE];
	char ls[RT_CODE], place[RT_CODE], provider[RT_CODE];
	char postcode[RT_CODE + 4], urn[RT_CODE + 4];
	char rne[RT_CODE], rec[RT_CODE], rpc[RT_CODE], cin[RT_CODE];
};

struct rt_period {
	int64_t id;
	char start[RT_DATE], end[RT_DATE];
	char prev_perm[RT_CODE], prev_la[RT_CODE], prev_date[RT_DATE];
};

struct rt_review {
	int64_t id;
	char due[RT_DATE], date[RT_DATE], pn[RT_CODE];
};

struct rt_missing {
	int64_t id;
	char kind[RT_CODE], start[RT_DATE], end[RT_DATE];
	int rhi_offered, rhi_accepted;	/* -1 when not recorded */
};

struct rt_perm {
	int64_t id;
	char shobpa[RT_DATE], order[RT_DATE], matched[RT_DATE];
	char placed[RT_DATE], adopted[RT_DATE], reversed[RT_DATE];
	char reason[RT_CODE], ffa[RT_DATE];
	int by_carer, count;		/* -1 when not recorded */
	char sex[RT_CODE], status[RT_CODE];
};

struct rt_leaver {
	int64_t id;
	char date[RT_DATE], eligibility[16], in_touch[RT_CODE];
	char accom[RT_CODE], activity[RT_CODE], pathway[RT_DATE];
	int suitable;
};

struct rt_health {
	int64_t id;
	char kind[24], date[RT_DATE], value[16];
};

struct rt_alloc {
	int64_t id;
	char worker[64], team[64], role[24], swe[24], reason[RT_CODE];
	char start[RT_DATE], end[RT_DATE];
};

struct rt_referral {
	int64_t id;
	char date[RT_DATE], source[RT_CODE], need[RT_CODE];
	char closed[RT_DATE], reason[RT_CODE];
	int nfa;
};

struct rt_assessment {
	int64_t id, referral;
	char start[RT_DATE], seen[RT_DATE], completed[RT_DATE];
	char authorised[RT_DATE], factors[160];
	int nfa;
};

struct rt_cinplan {
	int64_t id, referral;
	char start[RT_DATE], end[RT_DATE];
};

struct rt_strategy {
	int64_t id, referral;
	char date[RT_DATE];
	int s47;
};

struct rt_s47 {
	int64_t id, referral;
	char start[RT_DATE], end[RT_DATE];
	int not_required;
};

struct rt_conference {
	int64_t id, referral, s47, plan;
	char kind[16], target[RT_DATE], date[RT_DATE];
	int decided;
};

struct rt_cpplan {
	int64_t id, referral;
	char start[RT_DATE], end[RT_DATE], initial[RT_CODE], latest[RT_CODE];
	int previous;
};

struct rt_visit {
	int64_t id;
	char kind[16], date[RT_DATE];
	int seen, alone;
};

struct rt_contact {
	int64_t id;
	char date[RT_DATE], source[RT_CODE];
};

struct rt_address {
	int64_t id;
	char postcode[RT_CODE + 4], kind[16], start[RT_DATE], end[RT_DATE];
};

struct rt_code {
	int64_t id;
	char code[RT_CODE], date[RT_DATE];
};

/* An array of one kind of row. */
#define RT_ARRAY(type, name) struct type *name; size_t n_##name

struct rt_child {
	int64_t id;
	char name[64];		/* "Family, Given" for screens, never in files */
	char sex[4], dob[RT_DATE], expected_dob[RT_DATE], death[RT_DATE];
	char upn[16], former_upn[16], ethnic[RT_CODE];
	int uasc;
	char uasc_end[RT_DATE];
	char mc_dob[RT_DATE];	/* first child's birth, if a mother */
	RT_ARRAY(rt_episode, eps);
	RT_ARRAY(rt_period, periods);
	RT_ARRAY(rt_review, reviews);
	RT_ARRAY(rt_missing, missing);
	RT_ARRAY(rt_perm, perms);
	RT_ARRAY(rt_leaver, leavers);
	RT_ARRAY(rt_health, health);
	RT_ARRAY(rt_alloc, allocs);
	RT_ARRAY(rt_referral, refs);
	RT_ARRAY(rt_assessment, assessments);
	RT_ARRAY(rt_cinplan, cinplans);
	RT_ARRAY(rt_strategy, strategies);
	RT_ARRAY(rt_s47, s47s);
	RT_ARRAY(rt_conference, confs);
	RT_ARRAY(rt_cpplan, cpplans);
	RT_ARRAY(rt_visit, visits);
	RT_ARRAY(rt_contact, contacts);
	RT_ARRAY(rt_address, addresses);
	RT_ARRAY(rt_code, disabilities);
	RT_ARRAY(rt_code, convictions);
	RT_ARRAY(rt_period, dolos);	/* deprivation of liberty orders */
	int64_t *households;	/* adopter households they belong to */
	size_t n_households;
};

/* Prospective adopters (Annex A list 11). */
struct rt_household {
	int64_t id;
	char enquiry[RT_DATE], s1_start[RT_DATE], s1_end[RT_DATE];
	char s2_start[RT_DATE], s2_end[RT_DATE], applied[RT_DATE];
	char approved[RT_DATE], left[RT_DATE], left_reason[RT_CODE];
	int ffa;
};

struct rt_set {
	struct rt_child *c;	/* ordered by id */
	size_t n;
	struct rt_household *hh;
	size_t nhh;
};

/*
 * Load every child in sc (see store_returns_open) into *out; purpose
 * names the export for the audit trail.
 */
enum cd_status returns_load(struct store *st, const struct returns_scope *sc,
    const char *purpose, struct rt_set *out, struct cd_err *err);

/* The child with id, or NULL. */
struct rt_child *returns_child(const struct rt_set *s, int64_t id);

/* Append a zeroed element to a child's array (for the loader and tests). */
void *returns_push(void *array_ptr, size_t *n, size_t size);

void returns_fini(struct rt_set *s);

/* Whole years from dob to day (ISO dates); -1 when dob is empty. */
int returns_age(const char *dob, const char *day);

/*
 * The collection year ending 31 March year: from YYYY-1-04-01 to
 * YYYY-03-31.
 */
void returns_year(int year, char from[RT_DATE], char to[RT_DATE]);

/* An ISO date as DD/MM/YYYY ("" stays ""). Returns out. */
const char *returns_dmy(const char *iso, char out[RT_DATE]);

/* Whether [start, end] (end "" = open) overlaps [from, to]. */
int returns_overlaps(const char *start, const char *end, const char *from,
    const char *to);

#endif
