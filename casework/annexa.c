#include "config.h"

#include "casework/annexa.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "casework/calendar.h"
#include "casework/postcodes.h"
#include "casework/returns.h"
#include "common/buf.h"
#include "common/csv.h"
#include "common/file.h"
#include "common/xmem.h"
#include "store/codes.h"

/* The columns every list but 11 starts with (10 adds a family id). */
#define COMMON "Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age"

static const char *const c1[] = { COMMON, "Date of Contact",
    "Contact Source" };
static const char *const c2[] = { COMMON, "Assessment start date",
    "Assessment completion date", "Organisation completing assessment" };
static const char *const c3[] = { COMMON, "Date of Referral",
    "Referral Source", "Referral NFA?",
    "Number of Referrals in Last 12 Months", "Allocated Team",
    "Allocated Worker" };
static const char *const c4[] = { COMMON, "Does the Child have a Disability",
    "Continuous Assessment Start Date",
    "Child Seen During Continuous Assessment",
    "Continuous Assessment Date of Authorisation",
    "Was the child assessed as requiring LA children's social care support?",
    "Allocated Team", "Allocated Worker" };
static const char *const c5[] = { COMMON, "Disability",
    "Strategy discussion initiating Section 47 Enquiry Start Date",
    "Was an Initial Child Protection Conference deemed unnecessary?",
    "Date of Initial Child Protection Conference",
    "Did the Initial Child Protection Conference Result in a Child "
    "Protection Plan",
    "Number of Section 47 Enquiries in the last 12 months",
    "Number of ICPCs in the last 12 months", "Allocated Team",
    "Allocated Worker" };
static const char *const c6[] = { COMMON, "Disability", "CIN Start Date",
    "Primary Need Code", "Date Child Was Last Seen", "CIN Closure Date",
    "Reason for Closure", "Case Status", "Allocated Team",
    "Allocated Worker" };
static const char *const c7[] = { COMMON, "Disability",
    "Child Protection Plan Start Date", "Initial Category of Abuse",
    "Latest Category of Abuse", "Date of the Last Statutory Visit",
    "Was the Child Seen Alone?", "Date of latest review conference",
    "Child Protection Plan End Date",
    "Subject to Emergency Protection Order or Protected Under Police "
    "Powers in Last Six Months (Y/N)",
    "Number of Previous Child Protection Plans", "Allocated Team",
    "Allocated Worker" };
static const char *const c8[] = { COMMON,
    "UASC within the Last 12 Months (Y/N)", "Disability",
    "Date Started to be Looked After", "Child's Category of Need",
    "Is this a second or subsequent period of being a Looked After Child "
    "within the last 12 months (Y/N)",
    "Start date of current legal status", "Child's Legal Status",
    "Date of Latest Statutory Review", "Date of Last Social Work Visit",
    "What is the permanence plan for this child?",
    "Date of Last IRO Visit / Contact to the Child",
    "Date of Last Health Assessment", "Date of Last Dental Check",
    "Number of Placements in the Last 12 months",
    "Date Ceased to be Looked After", "Reason Ceased to be Looked After",
    "Start Date of Most Recent Placement", "Placement Type",
    "Placement Provider", "Placement postcode", "URN of Placement",
    "Placement Location (In/Out)", "LA of Placement",
    "Number of Episodes the Child has been 'Missing' from their Placement "
    "in the last 12 months",
    "Number of Episodes the Child has been 'Absent' from their Placement "
    "in the last 12 months",
    "Was the child offered a Return Interview after their last missing "
    "episode (Y/N)?",
    "Did the child accept a Return Interview after their last missing "
    "episode (Y/N)?",
    "Allocated Team", "Allocated Worker" };
static const char *const c9[] = { COMMON, "Disability", "Allocated Team",
    "Allocated Worker", "Eligibility Category", "LA in Touch",
    "Type of Accommodation", "Suitability of Accommodation",
    "Activity Status" };
static const char *const c10[] = { "Child Unique ID", "Family identifier",
    "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
    "Disability", "Date the Child Entered Care",
    "Date of Decision that Child Should be Placed for Adoption",
    "Date of Placement Order",
    "Date of Matching Child and Prospective Adopters",
    "Date Placed for Adoption", "Date of Adoption Order",
    "Date of Decision that Child Should No Longer be Placed for Adoption",
    "Reason Why Child No Longer Placed for Adoption",
    "Date the child was placed for fostering in FFA or concurrent "
    "planning placement" };
static const char *const c11[] = { "Individual adopter identifier",
    "Family identifier", "Gender", "Ethnicity", "Disability",
    "Is the (prospective) adopter fostering for adoption?",
    "Date enquiry received", "Date Stage 1 started", "Date Stage 1 ended",
    "Date Stage 2 started", "Date Stage 2 ended",
    "Date application submitted", "Date application approved",
    "Date adopter matched with child(ren)",
    "Date child/children placed with adopter(s)", "No. of children placed",
    "Date of Adoption Order", "Date of leaving adoption process",
    "Reason for leaving adoption process" };

#define L(title, file, cols) { title, file, cols, \
	sizeof cols / sizeof cols[0], NULL, NULL, 0 }
static const struct annexa_list lists[ANNEXA_NLISTS] = {
	L("List 1 Contacts", "list01_contacts.csv", c1),
	L("List 2 Early Help", "list02_early_help.csv", c2),
	L("List 3 Referrals", "list03_referrals.csv", c3),
	L("List 4 Assessments", "list04_assessments.csv", c4),
	L("List 5 Section 47", "list05_section47.csv", c5),
	L("List 6 Children in Need", "list06_children_in_need.csv", c6),
	L("List 7 Child Protection", "list07_child_protection.csv", c7),
	L("List 8 Children in Care", "list08_children_in_care.csv", c8),
	L("List 9 Care Leavers", "list09_care_leavers.csv", c9),
	L("List 10 Adoption", "list10_adoption.csv", c10),
	L("List 11 Adopters", "list11_adopters.csv", c11),
};

/* The reference date and the windows it opens. */
struct when {
	const char *day;
	char six[RT_DATE], twelve[RT_DATE];
	const struct annexa_opts *o;
};

/* A row being built: cells appended in column order. */
struct arow {
	struct annexa_list *l;
	size_t n;
};

static void
cell(struct arow *r, const char *v)
{
	struct annexa_list *l = r->l;

	if (r->n == 0) {
		l->cells = xrealloc(l->cells, (l->nrows + 1) * l->ncols *
		    sizeof *l->cells);
		l->kinds = xrealloc(l->kinds, (l->nrows + 1) * l->ncols);
	}
	if (r->n < l->ncols) {
		l->kinds[l->nrows * l->ncols + r->n] = ANNEXA_TEXT;
		l->cells[l->nrows * l->ncols + r->n++] = xstrdup(v ? v : "");
	}
}

/* Mark the cell just written as holding kind. */
static void
cell_kind(struct arow *r, unsigned char kind)
{
	if (r->n > 0 && r->n <= r->l->ncols)
		r->l->kinds[r->l->nrows * r->l->ncols + r->n - 1] = kind;
}

static void
cell_int(struct arow *r, int v)
{
	char s[32];

	snprintf(s, sizeof s, "%d", v);
	cell(r, s);
	cell_kind(r, ANNEXA_NUMBER);
}

static void
cell_date(struct arow *r, const char *iso)
{
	char d[RT_DATE];

	cell(r, returns_dmy(iso, d));
	if (iso && *iso)
		cell_kind(r, ANNEXA_DATE);
}

/* Ofsted's pick-list answers. */
static void
cell_yn(struct arow *r, int v)
{
	cell(r, v < 0 ? "c) Unknown" : v ? "a) Yes" : "b) No");
}

static void
finish(struct arow *r)
{
	while (r->n < r->l->ncols)
		cell(r, "");
	r->l->nrows++;
	r->n = 0;
}

static const char *
gender(const char *sex)
{
	return strcmp(sex, "M") == 0 ? "a) Male" : strcmp(sex, "F") == 0 ?
	    "b) Female" : "c) Not stated/recorded";
}

/* "a) WBRI": the letter is the code's place in the DfE's list. */
static void
cell_ethnic(struct arow *r, const char *code)
{
	static const char *const order[] = { "WBRI", "WIRI", "WOTH", "WIRT",
	    "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND", "APKN", "ABAN",
	    "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT" };
	char s[16];
	size_t i;

	for (i = 0; i < sizeof order / sizeof order[0]; i++)
		if (strcmp(order[i], code) == 0) {
			snprintf(s, sizeof s, "%c) %s", (char)('a' + i), code);
			cell(r, s);
			return;
		}
	cell(r, code);
}

struct letter_find {
	const char *code;
	int at, found;
};

static void
letter_cb(const struct code_entry *e, void *arg)
{
	struct letter_find *f = arg;

	if (f->found)
		return;
	if (strcmp(e->code, f->code) == 0)
		f->found = 1;
	else
		f->at++;
}

/* "r) 6: police": the letter is the code's place in the DfE's list. */
static void
cell_letter(struct arow *r, const char *list, const char *code)
{
	struct letter_find f = { code, 0, 0 };
	char s[160];

	codes_each(list, letter_cb, &f);
	if (*code == '\0' || !f.found || f.at >= 26) {
		cell(r, code);
		return;
	}
	snprintf(s, sizeof s, "%c) %s: %s", 'a' + f.at, code,
	    codes_label(list, code));
	cell(r, s);
}

/* "CODE: label" for a code from one of the record's lists. */
static void
cell_code(struct arow *r, const char *list, const char *code)
{
	char s[160];

	if (*code == '\0') {
		cell(r, "");
		return;
	}
	snprintf(s, sizeof s, "%s: %s", code, codes_label(list, code));
	cell(r, s);
}

static void
common(struct arow *r, struct annexa_list *l, const struct rt_child *c,
    const struct when *w)
{
	char id[24];

	r->l = l;
	r->n = 0;
	snprintf(id, sizeof id, "%lld", (long long)c->id);
	cell(r, id);
	cell(r, gender(c->sex));
	cell_ethnic(r, c->ethnic);
	cell_date(r, c->dob);
	cell_int(r, returns_age(c->dob, w->day));
}

static int
disabled(const struct rt_child *c)
{
	size_t i;

	for (i = 0; i < c->n_disabilities; i++)
		if (strcmp(c->disabilities[i].code, "NONE") != 0)
			return 1;
	return c->n_disabilities ? 0 : -1;
}

/* The allocation in role (NULL: any but a personal adviser) on day. */
static const struct rt_alloc *
allocated(const struct rt_child *c, const char *role, const char *day)
{
	const struct rt_alloc *best = NULL;
	size_t i;

	for (i = 0; i < c->n_allocs; i++)
		if (returns_overlaps(c->allocs[i].start, c->allocs[i].end, day,
		    day) && (role ? strcmp(c->allocs[i].role, role) == 0 :
		    strcmp(c->allocs[i].role, "personal-adviser") != 0))
			best = &c->allocs[i];
	return best;
}

/* The allocated social worker on day: team then worker. */
static void
cell_worker(struct arow *r, const struct rt_child *c, const char *day)
{
	const struct rt_alloc *best = allocated(c, NULL, day);

	cell(r, best ? best->team : "");
	cell(r, best ? best->worker : "");
}

static int
in(const char *date, const char *from, const char *to)
{
	return *date && strcmp(date, from) >= 0 && strcmp(date, to) <= 0;
}

static void
list1(struct annexa *a, const struct rt_child *c, const struct when *w)
{
	struct arow r;
	size_t i;

	for (i = 0; i < c->n_contacts; i++) {
		if (!in(c->contacts[i].date, w->six, w->day))
			continue;
		common(&r, &a->list[0], c, w);
		cell_date(&r, c->contacts[i].date);
		cell_letter(&r, "referral_source", c->contacts[i].source);
		finish(&r);
	}
}

static void
list3(struct annexa *a, const struct rt_child *c, const struct when *w)
{
	struct arow r;
	size_t i, j;

	for (i = 0; i < c->n_refs; i++) {
		int n12 = 0;

		if (!in(c->refs[i].date, w->six, w->day))
			continue;
		for (j = 0; j < c->n_refs; j++)
			n12 += in(c->refs[j].date, w->twelve, w->day);
		common(&r, &a->list[2], c, w);
		cell_date(&r, c->refs[i].date);
		cell_letter(&r, "referral_source", c->refs[i].source);
		cell_yn(&r, c->refs[i].nfa);
		cell_int(&r, n12);
		cell_worker(&r, c, w->day);
		finish(&r);
	}
}

static void
list4(struct annexa *a, const struct rt_child *c, const struct when *w)
{
	struct arow r;
	size_t i;

	for (i = 0; i < c->n_assessments; i++) {
		const struct rt_assessment *x = &c->assessments[i];

		if (!returns_overlaps(x->start, x->authorised, w->six, w->day))
			continue;
		common(&r, &a->list[3], c, w);
		cell_yn(&r, disabled(c));
		cell_date(&r, x->start);
		cell_date(&r, x->seen);
		cell_date(&r, x->authorised);
		if (*x->authorised)
			cell_yn(&r, x->nfa < 0 ? -1 : !x->nfa);
		else
			cell(&r, "");
		cell_worker(&r, c, w->day);
		finish(&r);
	}
}

static void
list5(struct annexa *a, const struct rt_child *c, const struct when *w)
{
	struct arow r;
	size_t i, j;

	for (i = 0; i < c->n_s47s; i++) {
		const struct rt_s47 *s = &c->s47s[i];
		const struct rt_conference *icpc = NULL;
		const char *strat = s->start;
		int n47 = 0, nicpc = 0, plan = 0;

		if (!in(s->start, w->six, w->day))
			continue;
		for (j = 0; j < c->n_strategies; j++)
			if (strcmp(c->strategies[j].date, s->start) <= 0)
				strat = c->strategies[j].date;
		for (j = 0; j < c->n_s47s; j++)
			n47 += in(c->s47s[j].start, w->twelve, w->day);
		for (j = 0; j < c->n_confs; j++) {
			const struct rt_conference *k = &c->confs[j];

			if (strcmp(k->kind, "initial") != 0)
				continue;
			nicpc += in(k->date, w->twelve, w->day);
			if ((k->s47 == s->id || (k->s47 == 0 &&
			    strcmp(k->date, s->start) >= 0)) && icpc == NULL)
				icpc = k;
		}
		if (icpc != NULL)
			for (j = 0; j < c->n_cpplans; j++)
				plan |= strcmp(c->cpplans[j].start, icpc->date)
				    == 0;
		common(&r, &a->list[4], c, w);
		cell_yn(&r, disabled(c));
		cell_date(&r, strat);
		cell_yn(&r, s->not_required);
		cell_date(&r, icpc ? icpc->date : "");
		if (icpc != NULL)
			cell_yn(&r, icpc->decided > 0 || plan);
		else
			cell(&r, "");
		cell_int(&r, n47);
		cell_int(&r, nicpc);
		cell_worker(&r, c, w->day);
		finish(&r);
	}
}

/* The latest visit of kind (any kind when NULL) on or before day. */
static const struct rt_visit *
last_visit(const struct rt_child *c, const char *kind, const char *day)
{
	const struct rt_visit *best = NULL;
	size_t i;

	for (i = 0; i < c->n_visits; i++) {
		const struct rt_visit *v = &c->visits[i];

		if ((kind == NULL || strcmp(v->kind, kind) == 0) &&
		    strcmp(v->date, day) <= 0 && v->seen != 0 &&
		    (best == NULL || strcmp(v->date, best->date) > 0))
			best = v;
	}
	return best;
}

/* The last day the child was seen by any kind of contact on record. */
static const char *
last_seen(const struct rt_child *c, const char *day)
{
	const struct rt_visit *v = last_visit(c, NULL, day);
	const char *best = v ? v->date : "";
	size_t i;

	for (i = 0; i < c->n_assessments; i++) {
		const char *d = c->assessments[i].seen;

		if (*d && strcmp(d, day) <= 0 && strcmp(d, best) > 0)
			best = d;
	}
	return best;
}

static int
open_on(const char *start, const char *end, const char *day)
{
	return returns_overlaps(start, end, day, day);
}

static void
list6(struct annexa *a, const struct rt_child *c, const struct when *w)
{
	struct arow r;
	size_t i, j;

	for (i = 0; i < c->n_refs; i++) {
		const struct rt_referral *f = &c->refs[i];
		const char *seen = last_seen(c, w->day);
		const char *status = "e) Closed episode";
		char need[160];

		if (!returns_overlaps(f->date, f->closed, w->six, w->day) ||
		    f->nfa > 0)
			continue;
		if (open_on(f->date, f->closed, w->day)) {
			status = "d) Open assessment";
			for (j = 0; j < c->n_cinplans; j++)
				if (open_on(c->cinplans[j].start,
				    c->cinplans[j].end, w->day))
					status = "c) Child in need plan";
			for (j = 0; j < c->n_cpplans; j++)
				if (open_on(c->cpplans[j].start,
				    c->cpplans[j].end, w->day))
					status = "b) Child Protection plan";
			for (j = 0; j < c->n_eps; j++)
				if (open_on(c->eps[j].start, c->eps[j].end,
				    w->day))
					status = "a) Looked after child";
		}
		common(&r, &a->list[5], c, w);
		cell_yn(&r, disabled(c));
		cell_date(&r, f->date);
		snprintf(need, sizeof need, "%s - %s", f->need,
		    *f->need ? codes_label("primary_need", f->need) : "");
		cell(&r, *f->need ? need : "");
		cell_date(&r, seen);
		cell_date(&r, f->closed);
		cell(&r, f->reason);
		cell(&r, status);
		cell_worker(&r, c, w->day);
		finish(&r);
	}
}

static void
list7(struct annexa *a, const struct rt_child *c, const struct when *w)
{
	struct arow r;
	size_t i, j;

	for (i = 0; i < c->n_cpplans; i++) {
		const struct rt_cpplan *p = &c->cpplans[i];
		const struct rt_visit *v = last_visit(c, "cp", w->day);
		const char *review = "";
		int epo = 0;

		if (!returns_overlaps(p->start, p->end, w->six, w->day))
			continue;
		for (j = 0; j < c->n_confs; j++)
			if (strcmp(c->confs[j].kind, "review") == 0 &&
			    strcmp(c->confs[j].date, p->start) >= 0 &&
			    strcmp(c->confs[j].date, w->day) <= 0)
				review = c->confs[j].date;
		for (j = 0; j < c->n_eps; j++)
			if ((strcmp(c->eps[j].ls, "L1") == 0 ||
			    strcmp(c->eps[j].ls, "L2") == 0) &&
			    returns_overlaps(c->eps[j].start, c->eps[j].end,
			    w->six, w->day))
				epo = 1;
		common(&r, &a->list[6], c, w);
		cell_yn(&r, disabled(c));
		cell_date(&r, p->start);
		cell(&r, p->initial);
		cell(&r, *p->latest ? p->latest : p->initial);
		cell_date(&r, v ? v->date : "");
		if (v != NULL)
			cell_yn(&r, v->alone);
		else
			cell(&r, "");
		cell_date(&r, review);
		cell_date(&r, strcmp(p->end, w->day) <= 0 ? p->end : "");
		cell(&r, epo ? "Y" : "N");
		cell_int(&r, p->previous > 0 ? p->previous : 0);
		cell_worker(&r, c, w->day);
		finish(&r);
	}
}

/* The latest health fact of kind on or before day. */
static const char *
last_health(const struct rt_child *c, const char *kind, const char *day)
{
	const char *best = "";
	size_t i;

	for (i = 0; i < c->n_health; i++)
		if (strcmp(c->health[i].kind, kind) == 0 &&
		    strcmp(c->health[i].date, day) <= 0 &&
		    strcmp(c->health[i].date, best) > 0)
			best = c->health[i].date;
	return best;
}

static void
list8(struct annexa *a, const struct rt_child *c, const struct when *w)
{
	const struct rt_episode *last = NULL, *first = NULL, *ls = NULL;
	const struct rt_period *period = NULL;
	const char *review = "";
	const struct rt_visit *v;
	const struct rt_missing *lastm = NULL;
	const struct pcmap_entry *pc;
	struct arow r;
	int periods12 = 0, placements = 0, missing = 0, absent = 0;
	size_t i;

	for (i = 0; i < c->n_eps; i++)
		if (returns_overlaps(c->eps[i].start, c->eps[i].end, w->six,
		    w->day) && (last == NULL || strcmp(c->eps[i].start,
		    last->start) >= 0))
			last = &c->eps[i];
	if (last == NULL)
		return;
	for (i = 0; i < c->n_periods; i++) {
		if (c->periods[i].id == last->period)
			period = &c->periods[i];
		periods12 += returns_overlaps(c->periods[i].start,
		    c->periods[i].end, w->twelve, w->day);
	}
	for (i = 0; i < c->n_eps; i++) {
		const struct rt_episode *e = &c->eps[i];

		if (e->period != last->period)
			continue;
		if (first == NULL || strcmp(e->start, first->start) < 0)
			first = e;
		if (in(e->start, w->twelve, w->day) && strchr("SPUBT",
		    e->rne[0]) != NULL)
			placements++;
	}
	/* The legal status runs back through episodes that kept it. */
	ls = last;
	for (i = c->n_eps; i-- > 0;) {
		const struct rt_episode *e = &c->eps[i];

		if (e->period == last->period && strcmp(e->ls, last->ls) == 0 &&
		    strcmp(e->start, ls->start) < 0 && strcmp(e->end,
		    ls->start) >= 0)
			ls = e;
	}
	for (i = 0; i < c->n_reviews; i++)
		if (strcmp(c->reviews[i].date, w->day) <= 0 &&
		    strcmp(c->reviews[i].date, review) > 0)
			review = c->reviews[i].date;
	for (i = 0; i < c->n_missing; i++) {
		const struct rt_missing *m = &c->missing[i];

		if (!in(m->start, w->twelve, w->day))
			continue;
		if (m->kind[0] == 'M')
			missing++, lastm = m;
		else
			absent++;
	}
	v = last_visit(c, "cla", w->day);
	common(&r, &a->list[7], c, w);
	cell(&r, c->uasc ? "Y" : "N");
	cell_yn(&r, disabled(c));
	cell_date(&r, period ? period->start : first->start);
	cell(&r, first->cin);
	cell(&r, periods12 > 1 ? "Y" : "N");
	cell_date(&r, ls->start);
	cell_code(&r, "legal_status", last->ls);
	cell_date(&r, review);
	cell_date(&r, v ? v->date : "");
	cell(&r, "");		/* permanence plan: not yet recorded */
	cell(&r, "");		/* IRO contact: not yet recorded */
	cell_date(&r, last_health(c, "health-assessment", w->day));
	cell_date(&r, last_health(c, "dental", w->day));
	cell_int(&r, placements);
	cell_date(&r, strcmp(last->end, w->day) <= 0 ? last->end : "");
	cell(&r, strcmp(last->end, w->day) <= 0 ? last->rec : "");
	cell_date(&r, last->start);
	cell(&r, last->place);
	cell(&r, last->provider);
	cell(&r, last->postcode);
	cell(&r, last->urn);
	/* Ofsted do not derive these: the postcode says where it is. */
	pc = pcmap_find(w->o ? w->o->postcodes : NULL, last->postcode);
	cell(&r, pc == NULL || w->o->la_ons == NULL ? "" : strcmp(pc->ons,
	    w->o->la_ons) == 0 ? "In" : "Out");
	cell(&r, pc ? pc->name : "");
	cell_int(&r, missing);
	cell_int(&r, absent);
	cell(&r, lastm == NULL || lastm->rhi_offered < 0 ? "" :
	    lastm->rhi_offered ? "Y" : "N");
	cell(&r, lastm == NULL || lastm->rhi_accepted < 0 ? "" :
	    lastm->rhi_accepted ? "Y" : "N");
	cell_worker(&r, c, w->day);
	finish(&r);
}

static void
list9(struct annexa *a, const struct rt_child *c, const struct when *w)
{
	const struct rt_leaver *l = NULL;
	const struct rt_alloc *pa;
	struct arow r;
	size_t i;

	for (i = 0; i < c->n_leavers; i++)
		if (strcmp(c->leavers[i].date, w->day) <= 0 && (l == NULL ||
		    strcmp(c->leavers[i].date, l->date) >= 0))
			l = &c->leavers[i];
	if (l == NULL || returns_age(c->dob, w->day) > 25)
		return;
	common(&r, &a->list[8], c, w);
	cell_yn(&r, disabled(c));
	/* A care leaver's worker is their personal adviser. */
	pa = allocated(c, "personal-adviser", w->day);
	if (pa != NULL) {
		cell(&r, pa->team);
		cell(&r, pa->worker);
	} else
		cell_worker(&r, c, w->day);
	cell(&r, strcmp(l->eligibility, "relevant") == 0 ?
	    "a) Relevant child" : strcmp(l->eligibility, "former-relevant") ==
	    0 ? "b) Former relevant child" : strcmp(l->eligibility,
	    "qualifying") == 0 ? "c) Qualifying care leaver" : "");
	cell(&r, l->in_touch);
	cell(&r, l->accom);
	cell(&r, l->suitable < 0 ? "" : l->suitable ? "Suitable" :
	    "Unsuitable");
	cell(&r, l->activity);
	finish(&r);
}

static void
list10(struct annexa *a, const struct rt_child *c, const struct when *w)
{
	struct arow r;
	char id[24];
	size_t i, j;

	for (i = 0; i < c->n_perms; i++) {
		const struct rt_perm *p = &c->perms[i];
		const char *entered = "";

		if (!in(p->adopted, w->twelve, w->day) && !in(p->shobpa,
		    w->twelve, w->day) && !in(p->reversed, w->twelve, w->day) &&
		    !(*p->shobpa && strcmp(p->shobpa, w->day) <= 0 &&
		    !*p->adopted && !*p->reversed))
			continue;
		for (j = 0; j < c->n_periods; j++)
			if (strcmp(c->periods[j].start, p->shobpa) <= 0)
				entered = c->periods[j].start;
		r.l = &a->list[9];
		r.n = 0;
		snprintf(id, sizeof id, "%lld", (long long)c->id);
		cell(&r, id);
		cell(&r, "");	/* the adoptive family: linked from list 11 */
		cell(&r, gender(c->sex));
		cell_ethnic(&r, c->ethnic);
		cell_date(&r, c->dob);
		cell_int(&r, returns_age(c->dob, w->day));
		cell_yn(&r, disabled(c));
		cell_date(&r, entered);
		cell_date(&r, p->shobpa);
		cell_date(&r, p->order);
		cell_date(&r, p->matched);
		cell_date(&r, p->placed);
		cell_date(&r, p->adopted);
		cell_date(&r, p->reversed);
		cell(&r, p->reason);
		cell_date(&r, p->ffa);
		finish(&r);
	}
}

static const struct rt_household *
household(const struct rt_set *s, int64_t id)
{
	size_t i;

	for (i = 0; i < s->nhh; i++)
		if (s->hh[i].id == id)
			return &s->hh[i];
	return NULL;
}

static void
list11(struct annexa *a, const struct rt_set *s, const struct rt_child *c,
    const struct when *w)
{
	struct arow r;
	char id[24], fam[24];
	size_t i;

	for (i = 0; i < c->n_households; i++) {
		const struct rt_household *h = household(s, c->households[i]);
		const char *last;

		if (h == NULL)
			continue;
		/* In contact with the agency during the last 12 months. */
		last = *h->left ? h->left : w->day;
		if (!returns_overlaps(h->enquiry, *h->left ? h->left : "",
		    w->twelve, w->day) || strcmp(last, w->twelve) < 0)
			continue;
		r.l = &a->list[10];
		r.n = 0;
		snprintf(id, sizeof id, "%lld", (long long)c->id);
		snprintf(fam, sizeof fam, "%lld", (long long)h->id);
		cell(&r, id);
		cell(&r, fam);
		cell(&r, gender(c->sex));
		cell_ethnic(&r, c->ethnic);
		cell_yn(&r, disabled(c));
		cell_yn(&r, h->ffa);
		cell_date(&r, h->enquiry);
		cell_date(&r, h->s1_start);
		cell_date(&r, h->s1_end);
		cell_date(&r, h->s2_start);
		cell_date(&r, h->s2_end);
		cell_date(&r, h->applied);
		cell_date(&r, h->approved);
		cell(&r, "");	/* matching: recorded on the child */
		cell(&r, "");
		cell(&r, "");
		cell(&r, "");
		cell_date(&r, h->left);
		cell(&r, h->left_reason);
		finish(&r);
	}
}

/* The date months before day. */
static void
months_before(const char *day, long months, char out[RT_DATE])
{
	int ok;
	long d = calendar_day(day, &ok);

	calendar_date(ok ? calendar_add_months(d, -months) : 0, out);
}

void
annexa_build(const struct rt_set *s, const char *day, struct annexa *a)
{
	annexa_build_opts(s, day, NULL, a);
}

void
annexa_build_opts(const struct rt_set *s, const char *day,
    const struct annexa_opts *o, struct annexa *a)
{
	struct when w;
	size_t i;

	memset(a, 0, sizeof *a);
	memcpy(a->list, lists, sizeof lists);
	snprintf(a->day, sizeof a->day, "%s", day);
	w.day = a->day;
	w.o = o;
	months_before(day, 6, w.six);
	months_before(day, 12, w.twelve);
	for (i = 0; i < s->n; i++) {
		const struct rt_child *c = &s->c[i];

		list1(a, c, &w);
		list3(a, c, &w);
		list4(a, c, &w);
		list5(a, c, &w);
		list6(a, c, &w);
		list7(a, c, &w);
		list8(a, c, &w);
		list9(a, c, &w);
		list10(a, c, &w);
		list11(a, s, c, &w);
	}
}

/* One list as CSV. */
static void
list_csv(const struct annexa_list *l, struct buf *b)
{
	size_t i;

	csv_row(b, l->cols, l->ncols);
	for (i = 0; i < l->nrows; i++)
		csv_row(b, (const char *const *)&l->cells[i * l->ncols],
		    l->ncols);
}

static enum cd_status
write_csv(const struct annexa *a, const char *dir, struct cd_err *err)
{
	enum cd_status code = file_make_dir(dir, err);
	size_t i;

	for (i = 0; i < ANNEXA_NLISTS && code == CD_OK; i++) {
		struct buf b = { 0 };
		char *path = xasprintf("%s/%s", dir, a->list[i].file);

		list_csv(&a->list[i], &b);
		code = file_write_atomic(path, b.data, b.len, 0600, err);
		buf_fini(&b);
		free(path);
	}
	return code;
}

/* One cell: numbers as numbers, dates (DD/MM/YYYY) as dates, else text. */
static void
xlsx_cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *v,
    unsigned char kind, lxw_format *date)
{
	lxw_datetime dt;

	if (*v == '\0')
		return;
	if (kind == ANNEXA_NUMBER)
		worksheet_write_number(ws, row, col, atof(v), NULL);
	else if (kind == ANNEXA_DATE && sscanf(v, "%2d/%2d/%4d", &dt.day,
	    &dt.month, &dt.year) == 3) {
		dt.hour = dt.min = 0;
		dt.sec = 0;
		worksheet_write_datetime(ws, row, col, &dt, date);
	} else
		worksheet_write_string(ws, row, col, v, NULL);
}

static enum cd_status
write_xlsx(const struct annexa *a, const char *path, struct cd_err *err)
{
	lxw_workbook_options opt = { 0 };
	lxw_workbook *wb;
	lxw_format *bold, *date;
	lxw_error rc;
	char *tmp = xasprintf("%s.XXXXXX", path);
	size_t i, j, k;
	int fd;

	/* Made 0600 first; the library then writes into it. */
	if ((fd = mkstemp(tmp)) < 0) {
		enum cd_status code = cd_err_set(err, CD_ERR_IO, "cannot "
		    "create %s: %s", path, strerror(errno));

		free(tmp);
		return code;
	}
	close(fd);
	opt.tmpdir = file_is_dir("/dev/shm") ? (char *)"/dev/shm" : NULL;
	wb = workbook_new_opt(tmp, &opt);
	if (wb == NULL) {
		unlink(tmp);
		free(tmp);
		return cd_err_set(err, CD_ERR_IO, "cannot start the workbook "
		    "%s", path);
	}
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	date = workbook_add_format(wb);
	format_set_num_format(date, "dd/mm/yyyy");
	for (i = 0; i < ANNEXA_NLISTS; i++) {
		const struct annexa_list *l = &a->list[i];
		lxw_worksheet *ws = workbook_add_worksheet(wb, l->title);

		for (k = 0; k < l->ncols; k++)
			worksheet_write_string(ws, 0, (lxw_col_t)k, l->cols[k],
			    bold);
		for (j = 0; j < l->nrows; j++)
			for (k = 0; k < l->ncols; k++)
				xlsx_cell(ws, (lxw_row_t)(j + 1), (lxw_col_t)k,
				    l->cells[j * l->ncols + k],
				    l->kinds[j * l->ncols + k], date);
	}
	rc = workbook_close(wb);
	if (rc != LXW_NO_ERROR || rename(tmp, path) != 0) {
		unlink(tmp);
		free(tmp);
		return cd_err_set(err, CD_ERR_IO, "cannot write the workbook "
		    "%s: %s", path, rc != LXW_NO_ERROR ? lxw_strerror(rc) :
		    strerror(errno));
	}
	free(tmp);
	return CD_OK;
}

enum cd_status
annexa_write(const struct annexa *a, const char *path, struct cd_err *err)
{
	size_t n = strlen(path);

	if (n > 5 && strcmp(path + n - 5, ".xlsx") == 0)
		return write_xlsx(a, path, err);
	return write_csv(a, path, err);
}

enum cd_status
annexa_xlsx(const struct annexa *a, struct buf *out, struct cd_err *err)
{
	char *path = xasprintf("%s/casedesk-annexa-XXXXXX.xlsx",
	    file_is_dir("/dev/shm") ? "/dev/shm" : "/tmp");
	unsigned char *data = NULL;
	enum cd_status code;
	size_t len = 0;
	int fd = mkstemps(path, 5);

	if (fd < 0) {
		code = cd_err_set(err, CD_ERR_IO, "cannot make scratch space "
		    "for the workbook: %s", strerror(errno));
		free(path);
		return code;
	}
	close(fd);
	code = write_xlsx(a, path, err);
	if (code == CD_OK)
		code = file_read_all(path, (size_t)1 << 30, &data, &len, err);
	unlink(path);
	free(path);
	if (code == CD_OK)
		buf_add(out, data, len);
	free(data);
	return code;
}

void
annexa_fini(struct annexa *a)
{
	size_t i, j;

	for (i = 0; i < ANNEXA_NLISTS; i++) {
		for (j = 0; j < a->list[i].nrows * a->list[i].ncols; j++)
			free(a->list[i].cells[j]);
		free(a->list[i].cells);
		free(a->list[i].kinds);
	}
	memset(a, 0, sizeof *a);
}
